/* tdr.c: timeout detection and recovery. The watchdog looks, from libsgpu's waits (or
 * sgpu_tdr_poll), at every context of this driver, at the firmware's GPU_ENGINE_TIMEOUT
 * events and at the heartbeat, and recovers with the least disturbance that works:
 *  - a submission past its limit: suspend the context (it is preemptible: a WAIT at once, a
 *    COPY at a chunk, a DISPATCH at an instruction); acknowledged within TdrDelay, it is
 *    removed (DESTROY_CONTEXT) and nothing else is touched; otherwise its engine is reset
 *    naming it guilty, then resumed;
 *  - a suspend not acknowledged within TdrDelay, or GPU_ENGINE_TIMEOUT: engine reset naming
 *    the context, then resume;
 *  - more than TdrLimitCount hangs within TdrLimitTime, an engine that does not reset or
 *    resume, or a silent heartbeat: adapter reset, every context lost.
 * Time is device time (CP.CYCLES), so a slow simulator does not look like a hang. */
/* SPDX-License-Identifier: Apache-2.0 */
#define _POSIX_C_SOURCE 200809L
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "error.h"
#include "gpu.h"
#include "sgpu_regs.h"
#include "transport.h"

#define TDR_LOG 64u
#define TDR_MAX_LIMIT 64u       /* TdrLimitCount at most this */
#define TDR_POLL_MS 2u          /* the waits look at most this often */
#define TDR_DEFAULT_SECONDS 2u
#define TDR_DEFAULT_LIMIT_COUNT 5u
#define TDR_DEFAULT_LIMIT_SECONDS 60u
#define TDR_DEFAULT_HEARTBEAT_PERIODS 16u

struct tdr {
    struct sgpu_tdr_options o;
    char firmware[4096];
    char log_path[4096];             /* "" for none */
    sgpu_tdr_fn fn;
    void *user;
    int busy;                        /* recovering: the waits it makes do not re-enter */
    uint64_t last_poll_ms;
    struct sgpu_heartbeat hb;
    uint64_t hang_at[TDR_MAX_LIMIT + 1]; /* device time of recent hangs, a ring */
    unsigned hang_next;
    uint32_t timeout_ctx[2];         /* GPU_ENGINE_TIMEOUT not handled yet, by node */
    unsigned timeout_pending;        /* bit node */
    struct sgpu_tdr_record log[TDR_LOG];
    unsigned total;
};

const char *sgpu_tdr_cause_name(unsigned cause)
{
    switch (cause) {
    case SGPU_TDR_SUBMISSION_LIMIT: return "SUBMISSION_LIMIT";
    case SGPU_TDR_SUSPEND_TIMEOUT: return "SUSPEND_TIMEOUT";
    case SGPU_TDR_ENGINE_TIMEOUT: return "ENGINE_TIMEOUT";
    case SGPU_TDR_HEARTBEAT: return "HEARTBEAT";
    default: return "UNKNOWN";
    }
}

const char *sgpu_tdr_action_name(unsigned action)
{
    switch (action) {
    case SGPU_TDR_CONTEXT_REMOVED: return "CONTEXT_REMOVED";
    case SGPU_TDR_ENGINE_RESET: return "ENGINE_RESET";
    case SGPU_TDR_ADAPTER_RESET: return "ADAPTER_RESET";
    default: return "UNKNOWN";
    }
}

int sgpu_tdr_enable(sgpu_dev *dev, const struct sgpu_tdr_options *opts, sgpu_tdr_fn fn,
                    void *user)
{
    if (!dev)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_tdr_enable: no device");
    struct gpu *g = gpu_of(dev);
    if (!g)
        return SGPU_ERR_NOMEM;
    struct sgpu_tdr_options o = opts ? *opts : (struct sgpu_tdr_options){0};
    const uint64_t second = SGPU_CFG_CLK_HZ;
    if (!o.delay_cycles)
        o.delay_cycles = TDR_DEFAULT_SECONDS * second;
    if (!o.submit_limit_cycles)
        o.submit_limit_cycles = TDR_DEFAULT_SECONDS * second;
    if (!o.limit_count)
        o.limit_count = TDR_DEFAULT_LIMIT_COUNT;
    if (!o.limit_time_cycles)
        o.limit_time_cycles = TDR_DEFAULT_LIMIT_SECONDS * second;
    if (!o.heartbeat_periods)
        o.heartbeat_periods = TDR_DEFAULT_HEARTBEAT_PERIODS;
    if (o.limit_count > TDR_MAX_LIMIT)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_tdr_enable: limit_count %u is above %u",
                         o.limit_count, TDR_MAX_LIMIT);
    const char *log_path = o.log_path ? o.log_path : getenv(SGPU_TDR_LOG_ENV);
    if ((o.firmware && strlen(o.firmware) >= sizeof g->tdr->firmware) ||
        (log_path && strlen(log_path) >= sizeof g->tdr->log_path))
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_tdr_enable: a path is too long");
    if (!g->tdr && !(g->tdr = calloc(1, sizeof *g->tdr)))
        return sgpu_fail(SGPU_ERR_NOMEM, "sgpu_tdr_enable: out of memory");
    struct tdr *t = g->tdr;
    memset(t, 0, sizeof *t); /* a fresh start: no history, an empty log */
    t->o = o;
    if (o.firmware) {
        strcpy(t->firmware, o.firmware);
        t->o.firmware = t->firmware;
    }
    if (log_path)
        strcpy(t->log_path, log_path); /* "" (none) otherwise */
    t->o.log_path = NULL;
    t->fn = fn;
    t->user = user;
    return SGPU_OK;
}

int sgpu_tdr_disable(sgpu_dev *dev)
{
    if (!dev)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_tdr_disable: no device");
    if (dev->gpu)
        tdr_release(dev->gpu);
    return SGPU_OK;
}

void tdr_release(struct gpu *g)
{
    free(g->tdr);
    g->tdr = NULL;
}

int sgpu_tdr_log(sgpu_dev *dev, struct sgpu_tdr_record *out, unsigned max, unsigned *count,
                 unsigned *total)
{
    if (!dev || (max && !out))
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_tdr_log: no device or buffer");
    const struct tdr *t = dev->gpu ? dev->gpu->tdr : NULL;
    unsigned have = !t ? 0 : t->total < TDR_LOG ? t->total : TDR_LOG;
    unsigned n = have < max ? have : max;
    for (unsigned i = 0; i < n; i++) /* the last n, oldest first */
        out[i] = t->log[(t->total - n + i) % TDR_LOG];
    if (count)
        *count = n;
    if (total)
        *total = t ? t->total : 0;
    return SGPU_OK;
}

/* ---- Recording ----------------------------------------------------------------------- */

/* One line in the log file (the format is in sgpu_tdr.h); a file that cannot be written is
 * skipped: the in-memory log and the callback still have the record. */
static void append_line(const char *path, const struct sgpu_tdr_record *r)
{
    FILE *f = fopen(path, "a");
    if (!f)
        return;
    char when[32];
    time_t now = time(NULL);
    struct tm tm;
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
    fprintf(f, "%s\t%" PRIu64 "\t%s\t%s\t%d\t%d\t%" PRIu64 "\t%u\t%u\t%s\t%s\n", when, r->cycle,
            sgpu_tdr_cause_name(r->cause), sgpu_tdr_action_name(r->action), (int)r->node,
            r->ctx_id == SGPU_PROTO_CONTEXT_NONE ? -1 : (int)r->ctx_id, r->hung_cycles,
            r->hangs_in_window, r->contexts_lost, r->result ? sgpu_errname(r->result) : "SGPU_OK",
            r->detail);
    fclose(f);
}

static void record(sgpu_dev *dev, struct tdr *t, struct sgpu_tdr_record *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->detail, sizeof r->detail, fmt, ap);
    va_end(ap);
    for (char *c = r->detail; *c; c++)
        if (*c == '\t' || *c == '\n')
            *c = ' ';
    if (t->log_path[0])
        append_line(t->log_path, r);
    t->log[t->total % TDR_LOG] = *r;
    t->total++;
    if (t->fn)
        t->fn(dev, r, t->user);
}

/* Counts a hang at `now`: how many fell within TdrLimitTime, this one included. */
static unsigned count_hang(struct tdr *t, uint64_t now)
{
    unsigned ring = t->o.limit_count + 1, n = 0;
    t->hang_at[t->hang_next++ % ring] = now;
    for (unsigned i = 0; i < ring && i < t->hang_next; i++)
        if (now - t->hang_at[i] < t->o.limit_time_cycles)
            n++;
    return n;
}

static struct sgpu_tdr_record new_record(uint64_t now, unsigned cause, unsigned node,
                                         uint32_t ctx_id, uint64_t hung)
{
    struct sgpu_tdr_record r;
    memset(&r, 0, sizeof r);
    r.cycle = now;
    r.cause = cause;
    r.node = node;
    r.engine = node == ~0u ? ~0u : 0;
    r.ctx_id = ctx_id;
    r.hung_cycles = hung;
    return r;
}

/* ---- Recoveries -------------------------------------------------------------------------- */

static int adapter_reset(sgpu_dev *dev, struct gpu *g, struct tdr *t, struct sgpu_tdr_record *r,
                         const char *why)
{
    r->action = SGPU_TDR_ADAPTER_RESET;
    r->contexts_lost = ctx_lose_all(g, "lost in an adapter reset the TDR made");
    r->result = sgpu_adapter_reset(dev, t->o.firmware);
    t->timeout_pending = 0;
    t->hb.valid = 0;
    record(dev, t, r, "%s: adapter reset%s%s", why, r->result ? " failed: " : ", firmware reloaded",
           r->result ? sgpu_last_error() : "");
    return r->result;
}

struct reset_count {
    unsigned lost;
};

static void count_lost(sgpu_dev *dev, sgpu_ctx *ctx, uint32_t ctx_id, int collateral,
                       uint64_t progress, void *user)
{
    (void)dev, (void)ctx, (void)ctx_id, (void)collateral, (void)progress;
    ((struct reset_count *)user)->lost++;
}

/* Engine reset naming the guilty context, then resume; the adapter if either fails or the
 * hangs came too often. */
static int engine_reset(sgpu_dev *dev, struct gpu *g, struct tdr *t, struct sgpu_tdr_record *r,
                        const char *why)
{
    if (r->hangs_in_window > t->o.limit_count)
        return adapter_reset(dev, g, t, r, why);
    struct sgpu_engine_reset_options o = SGPU_ENGINE_RESET_OPTIONS_INIT;
    struct reset_count c = {0};
    o.guilty_ctx_id = r->ctx_id;
    r->action = SGPU_TDR_ENGINE_RESET;
    int rc = sgpu_engine_reset_opts(dev, r->node, 0, &o, count_lost, &c, NULL);
    if (rc == SGPU_ERR_INVALID && o.guilty_ctx_id != SGPU_PROTO_CONTEXT_NONE) {
        /* the guilty context went away meanwhile: blame whoever is on the engine */
        o.guilty_ctx_id = SGPU_PROTO_CONTEXT_NONE;
        rc = sgpu_engine_reset_opts(dev, r->node, 0, &o, count_lost, &c, NULL);
    }
    if (rc == SGPU_OK)
        rc = sgpu_engine_resume(dev, r->node, 0);
    r->contexts_lost = c.lost;
    if (rc != SGPU_OK) {
        char more[200];
        snprintf(more, sizeof more, "%s; the engine reset or resume failed (%s)", why,
                 sgpu_errname(rc));
        return adapter_reset(dev, g, t, r, more);
    }
    record(dev, t, r, "%s: node %u engine reset and resumed, %u context(s) invalidated", why,
           r->node, c.lost);
    return SGPU_OK;
}

static int send_destroy(sgpu_dev *dev, uint32_t id)
{
    union sgpu_ctrl_frame f;
    memset(&f, 0, sizeof f);
    f.hdr.opcode = SGPU_CTRL_OP_DESTROY_CONTEXT;
    f.destroy_context.ctx_id = id;
    return sgpu_ctl_call(dev, &f, NULL, 0);
}

/* A submission past its limit: preempt the context; acknowledged within TdrDelay, remove
 * it; else reset its engine. */
static int overrun(sgpu_dev *dev, struct gpu *g, struct tdr *t, sgpu_ctx *ctx,
                   struct sgpu_tdr_record *r)
{
    char why[160];
    snprintf(why, sizeof why, "context %u: a submission ran %" PRIu64 " cycles", ctx->id,
             r->hung_cycles);
    if (r->hangs_in_window > t->o.limit_count)
        return adapter_reset(dev, g, t, r, why);
    uint64_t value, start, now;
    int rc = sgpu_ctx_suspend(ctx, &value);
    if (rc == SGPU_OK || rc == SGPU_PENDING)
        rc = sgpu_device_time(dev, &start);
    while (rc == SGPU_OK || rc == SGPU_PENDING) {
        if (sgpu_ctx_suspend_fence(ctx) >= value)
            break;
        if ((rc = events_drain(dev, g)) || (rc = sgpu_device_time(dev, &now)))
            break;
        if (t->timeout_pending & (1u << ctx->node)) {
            /* the firmware saw the engine ignore the STOP: no use waiting out TdrDelay */
            t->timeout_pending &= ~(1u << ctx->node);
            strncat(why, "; the engine ignored the preemption (GPU_ENGINE_TIMEOUT)",
                    sizeof why - strlen(why) - 1);
            rc = SGPU_ERR_TIMEOUT;
            break;
        }
        if (now - start > t->o.delay_cycles) {
            rc = SGPU_ERR_TIMEOUT;
            break;
        }
        events_sleep(dev, g, 1);
    }
    if (rc == SGPU_OK || rc == SGPU_PENDING) {
        /* off the engine, holding nothing on the device: remove it, disturb nobody */
        rc = send_destroy(dev, ctx->id);
        if (rc == SGPU_OK) {
            ctx->fw_gone = 1;
            ctx->lost_why = "removed by the TDR: a submission ran past its limit";
            r->action = SGPU_TDR_CONTEXT_REMOVED;
            r->contexts_lost = 1;
            record(dev, t, r, "%s: preempted and removed, no engine reset", why);
            return SGPU_OK;
        }
    }
    return engine_reset(dev, g, t, r, why);
}

/* ---- The checks -------------------------------------------------------------------------- */

void tdr_note_event(struct gpu *g, const struct sgpu_event_info *ev)
{
    if (g->tdr && ev->type == SGPU_EVENT_GPU_ENGINE_TIMEOUT && ev->node < 2) {
        g->tdr->timeout_ctx[ev->node] = ev->ctx_id;
        g->tdr->timeout_pending |= 1u << ev->node;
    }
}

static int check(sgpu_dev *dev, struct gpu *g, struct tdr *t)
{
    uint64_t now;
    int done = 0, rc = sgpu_device_time(dev, &now);
    if (rc)
        return rc;
    int beating = sgpu_heartbeat_check(dev, &t->hb, t->o.heartbeat_periods);
    if (beating < 0)
        return beating;
    if (beating == 0) {
        struct sgpu_tdr_record r = new_record(now, SGPU_TDR_HEARTBEAT, ~0u, SGPU_PROTO_CONTEXT_NONE,
                                              now - t->hb.changed_at);
        r.hangs_in_window = count_hang(t, now);
        adapter_reset(dev, g, t, &r, "the firmware's heartbeat stopped");
        return 1;
    }
    if ((rc = events_drain(dev, g)))
        return rc;
    for (unsigned node = 0; node < 2; node++) {
        if (!(t->timeout_pending & (1u << node)))
            continue;
        t->timeout_pending &= ~(1u << node);
        struct sgpu_tdr_record r = new_record(now, SGPU_TDR_ENGINE_TIMEOUT, node,
                                              t->timeout_ctx[node], 0);
        r.hangs_in_window = count_hang(t, now);
        engine_reset(dev, g, t, &r, "the firmware saw a preemption ignored (GPU_ENGINE_TIMEOUT)");
        done++;
    }
    sgpu_ctx *oldest = NULL;
    for (uint32_t i = 0; i < GPU_MAX_CONTEXTS; i++) {
        sgpu_ctx *ctx = g->ctxs[i];
        if (!ctx || ctx->faulted || ctx->lost_why || ctx_engine_in_reset(ctx))
            continue;
        /* a suspend the firmware does not acknowledge */
        if (ctx->suspend_wanted && sgpu_ctx_suspend_fence(ctx) < ctx->suspend_value) {
            if (!ctx->tdr_suspend_since)
                ctx->tdr_suspend_since = now;
            else if (now - ctx->tdr_suspend_since > t->o.delay_cycles) {
                struct sgpu_tdr_record r = new_record(now, SGPU_TDR_SUSPEND_TIMEOUT, ctx->node,
                                                      ctx->id, now - ctx->tdr_suspend_since);
                r.hangs_in_window = count_hang(t, now);
                char why[80];
                snprintf(why, sizeof why, "context %u: suspend not acknowledged", ctx->id);
                engine_reset(dev, g, t, &r, why);
                done++;
                continue;
            }
        } else {
            ctx->tdr_suspend_since = 0;
        }
        /* a submission that has been running too long: the clock starts when the watchdog
         * first sees it outstanding, restarts at each completion, stops while suspended */
        uint64_t fence = sgpu_fence_read(ctx);
        if (ctx->suspend_wanted || (ctx->flags & SGPU_CTX_FLAG_DISABLE_GPU_TIMEOUT) ||
            fence >= ctx->last_value) {
            ctx->tdr_since = 0;
            continue;
        }
        if (!ctx->tdr_since || fence != ctx->tdr_fence) {
            ctx->tdr_fence = fence;
            ctx->tdr_since = now;
            continue;
        }
        if (now - ctx->tdr_since > t->o.submit_limit_cycles &&
            (!oldest || ctx->tdr_since < oldest->tdr_since ||
             (ctx->tdr_since == oldest->tdr_since && ctx->busy_order < oldest->busy_order)))
            oldest = ctx;
    }
    /* Past the limit: the one outstanding longest first (first seen, then first busy), as the
     * likeliest cause: a hang that holds up its engine's or the link's other work makes those
     * late too. The others are looked at again on the next check, after this recovery. */
    if (oldest && !oldest->lost_why && !ctx_engine_in_reset(oldest)) {
        struct sgpu_tdr_record r = new_record(now, SGPU_TDR_SUBMISSION_LIMIT, oldest->node,
                                              oldest->id, now - oldest->tdr_since);
        r.hangs_in_window = count_hang(t, now);
        oldest->tdr_since = 0;
        overrun(dev, g, t, oldest, &r);
        done++;
    }
    return done;
}

int sgpu_tdr_poll(sgpu_dev *dev)
{
    if (!dev)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_tdr_poll: no device");
    struct gpu *g;
    int rc = ctl_ensure(dev, &g);
    if (rc)
        return rc;
    struct tdr *t = g->tdr;
    if (!t)
        return sgpu_fail(SGPU_ERR_STATE, "sgpu_tdr_poll: the watchdog is off (sgpu_tdr_enable)");
    if (t->busy)
        return 0;
    t->busy = 1;
    t->last_poll_ms = gpu_now_ms();
    rc = check(dev, g, t);
    t->busy = 0;
    return rc;
}

void tdr_tick(sgpu_dev *dev, struct gpu *g)
{
    struct tdr *t = g->tdr;
    if (!t || t->busy || gpu_now_ms() - t->last_poll_ms < TDR_POLL_MS)
        return;
    t->busy = 1;
    t->last_poll_ms = gpu_now_ms();
    check(dev, g, t);
    t->busy = 0;
}
