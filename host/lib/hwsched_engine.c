/* hwsched_engine.c: engine reset and resume (RESET_ENGINE, RESUME_ENGINE), engine status
 * and dependent engines, the preemption granularity (the shared hwsched spec, section 4). */
/* SPDX-License-Identifier: Apache-2.0 */
#include <inttypes.h>
#include <string.h>

#include "error.h"
#include "gpu.h"

static uint32_t engine_bit(unsigned node, unsigned engine)
{
    return 1u << (node * 8u + engine);
}

static int no_such_engine(const char *what, unsigned node, unsigned engine, uint32_t present)
{
    return sgpu_fail(SGPU_ERR_INVALID, "%s: node %u engine %u does not exist (engines present: "
                     "0x%x, bit node * 8 + engine)", what, node, engine, present);
}

/* The firmware's STATUS block, and whether it has (node, engine). */
static int engine_lookup(sgpu_dev *dev, unsigned node, unsigned engine, const char *what,
                         struct gpu **g, struct sgpu_status *st)
{
    if (!dev)
        return sgpu_fail(SGPU_ERR_INVALID, "%s: no device", what);
    int rc = ctl_ensure(dev, g);
    if (!rc)
        rc = sgpu_ctl_query_status(dev, st);
    if (rc)
        return rc;
    (*g)->engines_present = st->engines_present;
    if (node > 3u || engine > 7u || !(st->engines_present & engine_bit(node, engine)))
        return no_such_engine(what, node, engine, st->engines_present);
    return SGPU_OK;
}

/* Whether the device has (node, engine), from STATUS as first seen: a device's engines do not
 * change, and a frame spared counts where latency does (RESUME_ENGINE). */
static int engine_known(sgpu_dev *dev, unsigned node, unsigned engine, const char *what,
                        struct gpu **g)
{
    struct sgpu_status st;
    if (!dev)
        return sgpu_fail(SGPU_ERR_INVALID, "%s: no device", what);
    int rc = ctl_ensure(dev, g);
    if (rc)
        return rc;
    if (!(*g)->engines_present)
        return engine_lookup(dev, node, engine, what, g, &st);
    if (node > 3u || engine > 7u || !((*g)->engines_present & engine_bit(node, engine)))
        return no_such_engine(what, node, engine, (*g)->engines_present);
    return SGPU_OK;
}

/* What one reset reported, for its callback. */
struct reset_watch {
    unsigned node;
    sgpu_reset_fn fn;
    void *user;
    sgpu_event_fn dev_fn;
    void *dev_user;
};

static void on_reset_event(sgpu_dev *dev, const struct sgpu_event_info *ev, void *user)
{
    struct reset_watch *w = user;
    if (w->dev_fn)
        w->dev_fn(dev, ev, w->dev_user);
    if (ev->type == SGPU_EVENT_CONTEXT_RESET && ev->node == w->node && w->fn)
        w->fn(dev, ev->ctx, ev->ctx_id, (ev->flags & SGPU_EVENT_FLAG_COLLATERAL_DAMAGE) != 0,
              ev->value, w->user);
}

static int already_reset(unsigned node, unsigned engine)
{
    return sgpu_fail(SGPU_ERR_STATE, "sgpu_engine_reset: node %u engine %u is already reset and "
                     "not resumed (sgpu_engine_resume)", node, engine);
}

int sgpu_engine_reset_opts(sgpu_dev *dev, unsigned node, unsigned engine,
                           const struct sgpu_engine_reset_options *opts, sgpu_reset_fn fn,
                           void *user, unsigned *reset_no)
{
    struct sgpu_engine_reset_options o = SGPU_ENGINE_RESET_OPTIONS_INIT;
    struct sgpu_status st;
    struct gpu *g;
    if (opts)
        o = *opts;
    int rc = engine_known(dev, node, engine, "sgpu_engine_reset", &g);
    if (rc)
        return rc;
    /* The device's state, not this driver's memory: an earlier session may have reset it.
     * From protocol 1.3 the firmware refuses a second reset itself (BAD_STATE), which
     * spares a QUERY_STATUS frame where latency counts; older firmware is asked first. */
    if (g->fw_minor < 3) {
        if ((rc = engine_lookup(dev, node, engine, "sgpu_engine_reset", &g, &st)))
            return rc;
        if (!(st.engines_running & engine_bit(node, engine)))
            return already_reset(node, engine);
    }
    if (o.guilty_ctx_id != SGPU_PROTO_CONTEXT_NONE && o.guilty_ctx_id >= g->ctl.ctx_count)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_engine_reset: guilty context %u does not exist",
                         o.guilty_ctx_id);
    /* Earlier events go to the device's callback alone: the reset's own come after. */
    if ((rc = events_drain(dev, g)))
        return rc;
    union sgpu_ctrl_frame f;
    memset(&f, 0, sizeof f);
    f.hdr.opcode = SGPU_CTRL_OP_RESET_ENGINE;
    f.reset_engine.node = (uint8_t)node;
    f.reset_engine.engine = (uint8_t)engine;
    if (o.guilty_ctx_id != SGPU_PROTO_CONTEXT_NONE) {
        f.reset_engine.flags = SGPU_RESET_FLAG_GUILTY;
        f.reset_engine.guilty_ctx_id = o.guilty_ctx_id;
    }
    g->resets++;
    rc = sgpu_ctl_call(dev, &f, NULL, o.timeout_ms);
    if (rc == SGPU_ERR_INVALID || rc == SGPU_ERR_UNSUPPORTED || rc == SGPU_ERR_STATE)
        g->resets--; /* refused: nothing was reset */
    if (rc == SGPU_ERR_STATE)
        return already_reset(node, engine);
    if (rc == SGPU_ERR_INVALID && o.guilty_ctx_id != SGPU_PROTO_CONTEXT_NONE)
        sgpu_fail(SGPU_ERR_INVALID, "sgpu_engine_reset: context %u is not a live context of node %u "
                  "engine %u: nothing was reset", o.guilty_ctx_id, node, engine);
    if (rc == SGPU_OK || rc == SGPU_ERR_DEVICE_LOST)
        g->engines_reset |= engine_bit(node, engine);
    if (reset_no)
        *reset_no = g->resets;
    /* The firmware posts each CONTEXT_RESET before it completes the frame: they are all in
     * the ring now. Each marks its context invalidated (events.c) and reaches fn. */
    struct reset_watch w = {node, fn, user, g->event_fn, g->event_user};
    int n = sgpu_events_poll(dev, on_reset_event, &w);
    return rc ? rc : n < 0 ? n : SGPU_OK;
}

int sgpu_engine_reset(sgpu_dev *dev, unsigned node, unsigned engine, sgpu_reset_fn fn,
                      void *user)
{
    return sgpu_engine_reset_opts(dev, node, engine, NULL, fn, user, NULL);
}

int sgpu_engine_resume(sgpu_dev *dev, unsigned node, unsigned engine)
{
    struct gpu *g;
    int rc = engine_known(dev, node, engine, "sgpu_engine_resume", &g);
    if (rc)
        return rc;
    union sgpu_ctrl_frame f;
    memset(&f, 0, sizeof f);
    f.hdr.opcode = SGPU_CTRL_OP_RESUME_ENGINE;
    f.resume_engine.node = (uint8_t)node;
    f.resume_engine.engine = (uint8_t)engine;
    rc = sgpu_ctl_call(dev, &f, NULL, 0);
    if (rc == SGPU_ERR_STATE)
        return sgpu_fail(SGPU_ERR_STATE, "sgpu_engine_resume: node %u engine %u was not reset",
                         node, engine);
    if (rc == SGPU_OK)
        g->engines_reset &= ~engine_bit(node, engine);
    return rc;
}

int sgpu_engine_status(sgpu_dev *dev, unsigned node, unsigned engine,
                       struct sgpu_engine_status *status)
{
    struct sgpu_status st;
    struct gpu *g;
    if (!status)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_engine_status: no result pointer");
    int rc = engine_lookup(dev, node, engine, "sgpu_engine_status", &g, &st);
    if (rc)
        return rc;
    uint32_t bit = engine_bit(node, engine);
    status->present = 1;
    status->running = (st.engines_running & bit) != 0;
    status->responsive = (st.engines_responsive & bit) != 0;
    status->as_of_cycles = st.uptime_cycles;
    status->progress = node == SGPU_NODE_COPY ? st.copy_commands : st.compute_commands;
    return SGPU_OK;
}

int sgpu_engine_dependents(sgpu_dev *dev, unsigned node, unsigned engine, uint32_t *mask)
{
    struct sgpu_status st;
    struct gpu *g;
    if (!mask)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_engine_dependents: no result pointer");
    int rc = engine_lookup(dev, node, engine, "sgpu_engine_dependents", &g, &st);
    if (rc)
        return rc;
    /* CMD.RESET resets one engine's datapath (docs/registers.md, ENG.CMD): nothing else */
    *mask = engine_bit(node, engine);
    return SGPU_OK;
}

const char *sgpu_preemption_name(unsigned granularity)
{
    switch (granularity) {
    case SGPU_PREEMPTION_NONE:
        return "NONE";
    case SGPU_PREEMPTION_DMA_BUFFER_BOUNDARY:
        return "DMA_BUFFER_BOUNDARY";
    case SGPU_PREEMPTION_DISPATCH_BOUNDARY:
        return "DISPATCH_BOUNDARY";
    case SGPU_PREEMPTION_THREAD_GROUP_BOUNDARY:
        return "THREAD_GROUP_BOUNDARY";
    case SGPU_PREEMPTION_THREAD_BOUNDARY:
        return "THREAD_BOUNDARY";
    case SGPU_PREEMPTION_SHADER_BOUNDARY:
        return "SHADER_BOUNDARY";
    default:
        return "UNKNOWN";
    }
}

int sgpu_preemption_granularity(sgpu_dev *dev, enum sgpu_preemption *granularity)
{
    struct sgpu_status st;
    if (!dev || !granularity)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_preemption_granularity: no device or result");
    int rc = sgpu_ctl_query_status(dev, &st);
    if (rc)
        return rc;
    if (strcmp(sgpu_preemption_name(st.compute_preemption), "UNKNOWN") == 0)
        return sgpu_fail(SGPU_ERR_DEVICE, "the firmware reports compute preemption %u, not a "
                         "D3DKMDT_COMPUTE_PREEMPTION_GRANULARITY value", st.compute_preemption);
    *granularity = (enum sgpu_preemption)st.compute_preemption;
    return SGPU_OK;
}
