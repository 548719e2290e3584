/* ctx.c: hardware contexts (CREATE_CONTEXT / DESTROY_CONTEXT), their command rings in host
 * memory, submission through the context's doorbell, and the progress fence. */
/* SPDX-License-Identifier: Apache-2.0 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "gpu.h"
#include "sgpu_regs.h"
#include "transport.h"

#define RING_DEFAULT_BYTES (64u * 1024u)
/* Where the fences live in the context's state buffer, after the save area. */
#define STATE_FENCES_OFFSET SGPU_PROTO_SAVE_AREA_BYTES
#define STATE_BYTES (SGPU_PROTO_SAVE_AREA_BYTES + 64u)
/* A context being torn down by sgpu_close waits at most this for the firmware. */
#define CLOSE_TIMEOUT_MS 1000u

/* ---- Faults ----------------------------------------------------------------------- */

void ctx_mark_fault(sgpu_ctx *ctx, const struct sgpu_event_info *ev)
{
    if (ctx->faulted)
        return; /* the first cause is the one to report */
    ctx->faulted = 1;
    ctx->fault.event = ev->type;
    ctx->fault.reason = ev->reason;
    ctx->fault.flags = ev->flags;
    ctx->fault.value = ev->value;
    ctx->fault.aux = ev->aux;
    ctx->fault.ring_offset = ev->type == SGPU_EVENT_CONTEXT_ERROR ? ev->value : 0;
    ctx->fault.reset_no = ctx->dev->gpu->resets;
}

int ctx_engine_in_reset(const sgpu_ctx *ctx)
{
    return (ctx->dev->gpu->engines_reset >> (ctx->node * 8u)) & 1u;
}

/* Why the context can take no more work, or SGPU_OK. */
int ctx_usable(const sgpu_ctx *ctx, const char *what)
{
    const struct gpu *g = ctx->dev->gpu;
    if (g->lost)
        return sgpu_fail(SGPU_ERR_DEVICE_LOST, "%s: the device is lost", what);
    if (ctx->lost_why)
        return sgpu_fail(SGPU_ERR_DEVICE_LOST, "%s: context %u was %s", what, ctx->id,
                         ctx->lost_why);
    if (ctx->faulted) {
        /* invalidated (InvalidateHwContext): lost for good, as WDDM's DXGK_DEVICE_LOST */
        if (ctx->fault.event == SGPU_EVENT_CONTEXT_RESET)
            return sgpu_fail(SGPU_ERR_DEVICE_LOST, "%s: context %u was invalidated by engine "
                             "reset #%u of node %s (%s)", what, ctx->id, ctx->fault.reset_no,
                             ctx->node == SGPU_NODE_COPY ? "copy" : "compute",
                             ctx->fault.flags & SGPU_EVENT_FLAG_COLLATERAL_DAMAGE
                                 ? "collateral damage: it did not cause the hang"
                                 : "guilty: it caused the hang");
        return sgpu_fail(SGPU_ERR_CTX_ERROR, "%s: context %u is in error (reason %u at ring offset "
                         "0x%" PRIx64 ")", what, ctx->id, ctx->fault.reason,
                         ctx->fault.ring_offset);
    }
    return SGPU_OK;
}

int sgpu_ctx_error(const sgpu_ctx *ctx, struct sgpu_ctx_fault *fault)
{
    if (!ctx)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_ctx_error: no context");
    if (fault)
        *fault = ctx->fault;
    return ctx_usable(ctx, "context");
}

uint32_t sgpu_ctx_id(const sgpu_ctx *ctx)
{
    return ctx ? ctx->id : UINT32_MAX;
}

unsigned sgpu_ctx_node(const sgpu_ctx *ctx)
{
    return ctx ? ctx->node : UINT32_MAX;
}

uint64_t sgpu_ctx_fence_addr(const sgpu_ctx *ctx)
{
    return ctx ? ctx->fence_bus : 0;
}

/* ---- Fences ----------------------------------------------------------------------- */

uint64_t sgpu_fence_read(const sgpu_ctx *ctx)
{
    return ctx ? __atomic_load_n(ctx->fence, __ATOMIC_ACQUIRE) : 0;
}

uint64_t sgpu_fence_last_submitted(const sgpu_ctx *ctx)
{
    return ctx ? ctx->last_value : 0;
}

/* Waits until the progress fence reaches value or deadline (ms, gpu_now_ms) passes. */
static int wait_value(sgpu_ctx *ctx, uint64_t value, uint64_t deadline)
{
    sgpu_dev *dev = ctx->dev;
    struct gpu *g = dev->gpu;
    for (unsigned looks = 0;; looks++) {
        if (sgpu_fence_read(ctx) >= value)
            return SGPU_OK;
        int rc = events_drain(dev, g);
        if (rc)
            return rc;
        if (sgpu_fence_read(ctx) >= value)
            return SGPU_OK;
        if ((rc = ctx_usable(ctx, "fence wait")))
            return rc;
        uint64_t now = gpu_now_ms();
        if (now >= deadline)
            return sgpu_fail(SGPU_ERR_TIMEOUT, "context %u: progress fence at %" PRIu64 ", waiting "
                             "for %" PRIu64, ctx->id, sgpu_fence_read(ctx), value);
        /* A few quick looks, then sleep on the event MSI, waking at least every ms: a
         * progress fence without IRQ raises none. */
        if (looks >= 16)
            events_sleep(dev, g, 1);
    }
}

int sgpu_fence_wait(sgpu_ctx *ctx, uint64_t value, unsigned timeout_ms)
{
    if (!ctx)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_fence_wait: no context");
    if (value > ctx->last_value)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_fence_wait: context %u: value %" PRIu64 " was "
                         "never submitted (last %" PRIu64 ")", ctx->id, value, ctx->last_value);
    return wait_value(ctx, value, gpu_now_ms() + timeout_ms);
}

int sgpu_ctx_idle(sgpu_ctx *ctx, unsigned timeout_ms)
{
    if (!ctx)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_ctx_idle: no context");
    return wait_value(ctx, ctx->last_value, gpu_now_ms() + timeout_ms);
}

/* ---- Ring space ------------------------------------------------------------------- */

/* Makes room for `bytes` of command plus `keep` after it, by waiting for submissions to
 * complete; with pending_slot also for a free entry in the list of submissions. */
static int make_room(sgpu_ctx *ctx, uint32_t bytes, uint32_t keep, int pending_slot)
{
    struct cmd_ring *r = &ctx->ring;
    uint64_t deadline = gpu_now_ms() + gpu_timeout(ctx->dev, ctx->timeout_ms);
    for (;;) {
        cmdring_reclaim(r, sgpu_fence_read(ctx));
        uint32_t cost = cmdring_cost(r, bytes), avail = cmdring_free(r);
        int fits = cost <= avail && keep <= avail - cost;
        if (fits && (!pending_slot || r->pending_n < r->pending_cap))
            return SGPU_OK;
        uint64_t oldest;
        if (!cmdring_oldest(r, &oldest))
            return sgpu_fail(SGPU_ERR_NOMEM, "context %u: %u bytes do not fit in the %u-byte "
                             "ring beside the unsubmitted commands: submit first", ctx->id,
                             cost + keep, r->size);
        if (ctx->lib_flags & SGPU_CTX_NONBLOCK)
            return sgpu_fail(SGPU_ERR_BUSY, "context %u: the ring is full until fence %" PRIu64,
                             ctx->id, oldest);
        int rc = wait_value(ctx, oldest, deadline);
        if (rc)
            return rc;
    }
}

int ctx_emit(sgpu_ctx *ctx, const uint32_t *dws, int n, const char *what)
{
    if (!ctx)
        return sgpu_fail(SGPU_ERR_INVALID, "%s: no context", what);
    if (n < 0)
        return n; /* the encoder refused an argument */
    /* Twice the command (the most a WRAP before it can add) and the FENCE's room must fit
     * in the ring, or no amount of waiting would make room. */
    if (2u * (uint32_t)n * 4u + CMDRING_SUBMIT_RESERVE > ctx->ring.size)
        return sgpu_fail(SGPU_ERR_INVALID, "%s: a %d-byte command needs a ring of at least %u "
                         "bytes (this one has %u)", what, n * 4,
                         2u * (uint32_t)n * 4u + CMDRING_SUBMIT_RESERVE, ctx->ring.size);
    int rc = ctx_usable(ctx, what);
    if (!rc)
        rc = make_room(ctx, (uint32_t)n * 4u, CMDRING_SUBMIT_RESERVE, 0);
    if (!rc)
        rc = cmdring_emit(&ctx->ring, dws, (uint32_t)n, CMDRING_SUBMIT_RESERVE, NULL);
    return rc;
}

/* ---- Submission ------------------------------------------------------------------- */

int sgpu_submit(sgpu_ctx *ctx, unsigned flags, uint64_t *fence_value)
{
    uint32_t dws[SGPU_CMD_FENCE_DWORDS];
    if (!ctx)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_submit: no context");
    if (flags & ~SGPU_SUBMIT_IRQ)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_submit: unknown flags 0x%x", flags);
    /* Errors the firmware already posted are seen before more work is queued. */
    int rc = events_drain(ctx->dev, ctx->dev->gpu);
    if (!rc)
        rc = ctx_usable(ctx, "sgpu_submit");
    if (rc)
        return rc;
    if (ctx_engine_in_reset(ctx))
        return sgpu_fail(SGPU_ERR_STATE, "sgpu_submit: context %u: its engine is reset and not "
                         "resumed (sgpu_engine_resume)", ctx->id);
    uint64_t value = ctx->last_value + 1;
    int n = cmd_encode_fence(dws, ctx->fence_bus, value, flags & SGPU_SUBMIT_IRQ
                                                             ? SGPU_CMD_FENCE_FLAG_IRQ : 0);
    if (n < 0)
        return n;
    if ((rc = make_room(ctx, (uint32_t)n * 4u, 0, 1)) ||
        (rc = cmdring_emit(&ctx->ring, dws, (uint32_t)n, 0, NULL)) ||
        (rc = cmdring_push_submit(&ctx->ring, value)))
        return rc;
    if (sgpu_fence_read(ctx) >= ctx->last_value) /* it was idle: the TDR's order of blame */
        ctx->busy_order = ++ctx->dev->gpu->submissions;
    ctx->last_value = value;
    /* The commands are in memory before the doorbell tells the device about them. */
    __atomic_thread_fence(__ATOMIC_RELEASE);
    if ((rc = sgpu_write32(ctx->dev, ctx->doorbell, ctx->ring.wptr)))
        return rc;
    if (fence_value)
        *fence_value = value;
    return SGPU_OK;
}

/* ---- Create and destroy ----------------------------------------------------------- */

/* DESTROY_CONTEXT; a firmware that does not know the id (BAD_CONTEXT) has nothing to
 * destroy, which is success here. */
static int send_destroy(sgpu_dev *dev, uint32_t id, unsigned timeout_ms)
{
    union sgpu_ctrl_frame f;
    uint32_t status = SGPU_CTRL_STATUS_OK;
    memset(&f, 0, sizeof f);
    f.hdr.opcode = SGPU_CTRL_OP_DESTROY_CONTEXT;
    f.destroy_context.ctx_id = id;
    int rc = sgpu_ctl_call(dev, &f, &status, timeout_ms);
    return rc == SGPU_ERR_INVALID && status == SGPU_CTRL_STATUS_BAD_CONTEXT ? SGPU_OK : rc;
}

static int send_create(sgpu_ctx *ctx)
{
    union sgpu_ctrl_frame f;
    memset(&f, 0, sizeof f);
    f.hdr.opcode = SGPU_CTRL_OP_CREATE_CONTEXT;
    f.create_context.ctx_id = ctx->id;
    f.create_context.node = (uint8_t)ctx->node;
    f.create_context.engine = 0;
    f.create_context.band = (uint8_t)ctx->band;
    f.create_context.flags = (uint8_t)ctx->flags;
    f.create_context.ring_addr = ctx->ring_bus;
    f.create_context.ring_bytes = ctx->ring_bytes;
    f.create_context.progress_fence_addr = ctx->fence_bus;
    f.create_context.save_area_addr = ctx->save_bus;
    return sgpu_ctl_call(ctx->dev, &f, NULL, 0);
}

static int check_create_args(sgpu_dev *dev, unsigned node, const struct sgpu_ctx_options *o)
{
    if (!dev)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_ctx_create: no device");
    if (node != SGPU_NODE_COPY && node != SGPU_NODE_COMPUTE)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_ctx_create: node %u is neither COPY (0) nor "
                         "COMPUTE (1)", node);
    if (o->ring_bytes < SGPU_PROTO_RING_MIN_BYTES || o->ring_bytes > SGPU_PROTO_RING_MAX_BYTES ||
        (o->ring_bytes & (o->ring_bytes - 1)))
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_ctx_create: ring of %u bytes is not a power of "
                         "two from %u to %u", o->ring_bytes, SGPU_PROTO_RING_MIN_BYTES,
                         SGPU_PROTO_RING_MAX_BYTES);
    if (o->band > SGPU_BAND_REALTIME)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_ctx_create: band %u", o->band);
    if (o->flags & ~SGPU_CTX_FLAG_ALL)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_ctx_create: undefined context flags 0x%x",
                         o->flags);
    if (o->lib_flags & ~SGPU_CTX_NONBLOCK)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_ctx_create: undefined library flags 0x%x",
                         o->lib_flags);
    return SGPU_OK;
}

int ctx_ring_alloc(sgpu_dev *dev, uint32_t size, struct sgpu_dma_buf **buf, uint64_t *bus,
                   uint8_t **cpu)
{
    /* The ring must be aligned to its size: a larger buffer holds an aligned window. */
    size_t extra = size > 4096u ? size - 4096u : 0;
    int rc = sgpu_dma_alloc(dev, (size_t)size + extra, buf);
    if (rc)
        return rc;
    uint64_t start = (*buf)->bus;
    uint64_t aligned = (start + size - 1) & ~(uint64_t)(size - 1);
    if (aligned + size > start + (*buf)->size) {
        sgpu_dma_free(dev, *buf);
        return sgpu_fail(SGPU_ERR_NOMEM, "context ring: bus address 0x%" PRIx64 " is not "
                         "page-aligned", start);
    }
    *bus = aligned;
    *cpu = (uint8_t *)(*buf)->cpu + (aligned - start);
    return SGPU_OK;
}

static int alloc_ring(sgpu_ctx *ctx)
{
    uint32_t size = ctx->ring_bytes;
    uint8_t *cpu;
    int rc = ctx_ring_alloc(ctx->dev, size, &ctx->ring_buf, &ctx->ring_bus, &cpu);
    if (rc)
        return rc;
    uint32_t pending_cap = size / 64u < 16u ? 16u : size / 64u > 4096u ? 4096u : size / 64u;
    rc = cmdring_init(&ctx->ring, cpu, size, pending_cap);
    if (rc)
        sgpu_dma_free(ctx->dev, ctx->ring_buf);
    return rc;
}

static int alloc_state(sgpu_ctx *ctx)
{
    int rc = sgpu_dma_alloc(ctx->dev, STATE_BYTES, &ctx->state_buf);
    if (rc)
        return rc;
    uint8_t *cpu = ctx->state_buf->cpu;
    ctx->save_bus = ctx->state_buf->bus;
    ctx->fence_bus = ctx->save_bus + STATE_FENCES_OFFSET;
    ctx->suspend_fence_bus = ctx->fence_bus + 8u;
    ctx->fence = (uint64_t *)(cpu + STATE_FENCES_OFFSET);
    ctx->suspend_fence = ctx->fence + 1;
    return SGPU_OK;
}

static int pick_id(sgpu_dev *dev, const struct gpu *g, uint32_t *id)
{
    for (uint32_t i = 0; i < g->ctl.ctx_count; i++) {
        if (!g->ctxs[i]) {
            *id = i;
            return SGPU_OK;
        }
    }
    return sgpu_fail(SGPU_ERR_NOMEM, "%s: all %u hardware contexts are in use", dev->uri.text,
                     g->ctl.ctx_count);
}

int sgpu_ctx_create(sgpu_dev *dev, unsigned node, const struct sgpu_ctx_options *opts,
                    sgpu_ctx **out)
{
    struct sgpu_ctx_options o = {.band = SGPU_BAND_NORMAL};
    struct gpu *g;
    sgpu_ctx *ctx;
    int rc;

    if (!out)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_ctx_create: no result pointer");
    *out = NULL;
    if (opts)
        o = *opts;
    if (!o.ring_bytes)
        o.ring_bytes = RING_DEFAULT_BYTES;
    if ((rc = check_create_args(dev, node, &o)) || (rc = ctl_ensure(dev, &g)))
        return rc;
    ctx = calloc(1, sizeof *ctx);
    if (!ctx)
        return sgpu_fail(SGPU_ERR_NOMEM, "sgpu_ctx_create: out of memory");
    ctx->dev = dev;
    ctx->node = node;
    ctx->band = o.band;
    ctx->flags = o.flags;
    ctx->lib_flags = o.lib_flags;
    ctx->timeout_ms = o.timeout_ms;
    ctx->ring_bytes = o.ring_bytes;
    if ((rc = pick_id(dev, g, &ctx->id)))
        goto fail_id;
    ctx->doorbell = ctl_ctx_reg(g, ctx->id, SGPU_CTX_DOORBELL_OFFSET);
    if ((rc = alloc_ring(ctx)))
        goto fail_id;
    if ((rc = alloc_state(ctx)))
        goto fail_state;
    rc = send_create(ctx);
    if (rc == SGPU_ERR_BUSY) {
        /* The id is free in this driver: the context is an earlier driver's, left behind
         * when it exited. This driver owns the device now, so it may go. */
        rc = send_destroy(dev, ctx->id, 0);
        if (rc == SGPU_OK)
            rc = send_create(ctx);
    }
    if (rc)
        goto fail_create;
    g->ctxs[ctx->id] = ctx;
    *out = ctx;
    return SGPU_OK;

fail_create:
    if (rc == SGPU_ERR_TIMEOUT || rc == SGPU_ERR_DEVICE_LOST) {
        /* The firmware may yet create it and write its fence: the memory stays allocated
         * until sgpu_close. */
        cmdring_fini(&ctx->ring);
        free(ctx);
        return rc;
    }
    sgpu_dma_free(dev, ctx->state_buf);
fail_state:
    cmdring_fini(&ctx->ring);
    sgpu_dma_free(dev, ctx->ring_buf);
fail_id:
    free(ctx);
    return rc;
}

/* Forgets the context; its memory goes back only if the device is done with it. */
static void release(sgpu_ctx *ctx, int device_done)
{
    struct gpu *g = ctx->dev->gpu;
    g->ctxs[ctx->id] = NULL;
    cmdring_fini(&ctx->ring);
    if (device_done) {
        sgpu_dma_free(ctx->dev, ctx->state_buf);
        sgpu_dma_free(ctx->dev, ctx->ring_buf);
        if (ctx->save_buf)
            sgpu_dma_free(ctx->dev, ctx->save_buf);
    }
    free(ctx);
}

int sgpu_ctx_destroy(sgpu_ctx *ctx)
{
    if (!ctx)
        return SGPU_OK;
    sgpu_dev *dev = ctx->dev;
    struct gpu *g = dev->gpu;
    if (g->lost || !g->ctl.started) {
        release(ctx, 0); /* a lost device may still write: memory waits for sgpu_close */
        return SGPU_OK;
    }
    if (ctx->fw_gone) {
        release(ctx, 1); /* removed while suspended, or reset with the adapter: no references */
        return SGPU_OK;
    }
    int rc = send_destroy(dev, ctx->id, 0);
    release(ctx, rc == SGPU_OK);
    return rc;
}

unsigned ctx_lose_all(struct gpu *g, const char *why)
{
    unsigned n = 0;
    for (uint32_t i = 0; i < GPU_MAX_CONTEXTS; i++) {
        sgpu_ctx *ctx = g->ctxs[i];
        if (!ctx)
            continue;
        if (!ctx->lost_why && !ctx->faulted)
            n++;
        if (!ctx->lost_why)
            ctx->lost_why = why;
        ctx->fw_gone = 1;
    }
    return n;
}

void ctx_release_all(sgpu_dev *dev, struct gpu *g)
{
    int talk = !g->lost && g->ctl.started; /* a firmware that stopped answering is left alone */
    for (uint32_t i = 0; i < GPU_MAX_CONTEXTS; i++) {
        sgpu_ctx *ctx = g->ctxs[i];
        if (!ctx)
            continue;
        if (talk && !ctx->fw_gone &&
            send_destroy(dev, ctx->id, CLOSE_TIMEOUT_MS) == SGPU_ERR_TIMEOUT)
            talk = 0;
        release(ctx, 0); /* sgpu_close frees every buffer after quiescing the device */
    }
}
