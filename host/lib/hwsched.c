/* hwsched.c: suspending, resuming and moving contexts (SUSPEND_CONTEXT, RESUME_CONTEXT,
 * docs/protocol.md; the shared hwsched spec, section 2). */
/* SPDX-License-Identifier: Apache-2.0 */
#include <inttypes.h>
#include <string.h>

#include "error.h"
#include "gpu.h"
#include "sgpu_regs.h"
#include "transport.h"

static int send_suspend(sgpu_dev *dev, uint32_t id, uint64_t fence_bus, uint64_t value,
                        unsigned timeout_ms, uint32_t *fw_status)
{
    union sgpu_ctrl_frame f;
    memset(&f, 0, sizeof f);
    f.hdr.opcode = SGPU_CTRL_OP_SUSPEND_CONTEXT;
    f.suspend_context.ctx_id = id;
    f.suspend_context.suspend_fence_addr = fence_bus;
    f.suspend_context.suspend_fence_value = value;
    return sgpu_ctl_call(dev, &f, fw_status, timeout_ms);
}

static int send_resume(sgpu_dev *dev, uint32_t id)
{
    union sgpu_ctrl_frame f;
    memset(&f, 0, sizeof f);
    f.hdr.opcode = SGPU_CTRL_OP_RESUME_CONTEXT;
    f.resume_context.ctx_id = id;
    return sgpu_ctl_call(dev, &f, NULL, 0);
}

uint64_t sgpu_ctx_suspend_fence(const sgpu_ctx *ctx)
{
    return ctx ? __atomic_load_n(ctx->suspend_fence, __ATOMIC_ACQUIRE) : 0;
}

int sgpu_ctx_is_suspended(const sgpu_ctx *ctx)
{
    return ctx && ctx->suspend_wanted && sgpu_ctx_suspend_fence(ctx) >= ctx->suspend_value;
}

int sgpu_ctx_suspend(sgpu_ctx *ctx, uint64_t *value)
{
    if (!ctx)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_ctx_suspend: no context");
    int rc = events_drain(ctx->dev, ctx->dev->gpu);
    if (!rc)
        rc = ctx_usable(ctx, "sgpu_ctx_suspend");
    if (rc)
        return rc;
    uint64_t v = ctx->suspend_value + 1;
    rc = send_suspend(ctx->dev, ctx->id, ctx->suspend_fence_bus, v, 0, NULL);
    /* The firmware took the value (OK, PENDING) or may still take it (a frame that timed out
     * stays in the ring): the next one must be larger either way. */
    if (rc >= 0 || rc == SGPU_ERR_TIMEOUT)
        ctx->suspend_value = v;
    if (rc < 0)
        return rc;
    ctx->suspend_wanted = 1;
    if (value)
        *value = v;
    return rc;
}

int sgpu_ctx_suspend_wait(sgpu_ctx *ctx, uint64_t value, unsigned timeout_ms)
{
    if (!ctx)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_ctx_suspend_wait: no context");
    if (value == 0)
        value = ctx->suspend_value;
    if (value == 0 || value > ctx->suspend_value)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_ctx_suspend_wait: context %u: suspend value %"
                         PRIu64 " was never asked for (last %" PRIu64 ")", ctx->id, value,
                         ctx->suspend_value);
    struct gpu *g = ctx->dev->gpu;
    uint64_t deadline = gpu_now_ms() + timeout_ms;
    for (;;) {
        if (sgpu_ctx_suspend_fence(ctx) >= value)
            return SGPU_OK;
        int rc = events_drain(ctx->dev, g);
        if (rc)
            return rc;
        if (sgpu_ctx_suspend_fence(ctx) >= value)
            return SGPU_OK;
        if (gpu_now_ms() >= deadline)
            return sgpu_fail(SGPU_ERR_TIMEOUT, "context %u: suspend fence at %" PRIu64 ", waiting "
                             "for %" PRIu64, ctx->id, sgpu_ctx_suspend_fence(ctx), value);
        events_sleep(ctx->dev, g, 1); /* SUSPEND_CONTEXT_COMPLETED raises the event MSI */
    }
}

int sgpu_ctx_resume(sgpu_ctx *ctx)
{
    if (!ctx)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_ctx_resume: no context");
    int rc = events_drain(ctx->dev, ctx->dev->gpu);
    if (!rc)
        rc = ctx_usable(ctx, "sgpu_ctx_resume");
    if (rc)
        return rc;
    if ((rc = send_resume(ctx->dev, ctx->id)))
        return rc;
    ctx->suspend_wanted = 0;
    return SGPU_OK;
}

/* ---- Moving a suspended context ------------------------------------------------------ */

static int write_reg64(sgpu_dev *dev, uint32_t lo, uint64_t v)
{
    int rc = sgpu_write32(dev, lo, (uint32_t)v);
    return rc ? rc : sgpu_write32(dev, lo + 4u, (uint32_t)(v >> 32));
}

int sgpu_ctx_move(sgpu_ctx *ctx)
{
    if (!ctx)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_ctx_move: no context");
    sgpu_dev *dev = ctx->dev;
    struct gpu *g = dev->gpu;
    int rc = events_drain(dev, g);
    if (rc)
        return rc;
    if (g->lost)
        return sgpu_fail(SGPU_ERR_DEVICE_LOST, "sgpu_ctx_move: the device is lost");
    if (!sgpu_ctx_is_suspended(ctx))
        return sgpu_fail(SGPU_ERR_STATE, "sgpu_ctx_move: context %u: the device may still use it "
                         "(%s)", ctx->id, !ctx->suspend_wanted ? "not suspended"
                                          : "its latest suspend is not acknowledged");
    struct sgpu_dma_buf *ring_buf, *save_buf;
    uint64_t ring_bus;
    uint8_t *ring_cpu;
    if ((rc = ctx_ring_alloc(dev, ctx->ring_bytes, &ring_buf, &ring_bus, &ring_cpu)))
        return rc;
    if ((rc = sgpu_dma_alloc(dev, SGPU_PROTO_SAVE_AREA_BYTES, &save_buf))) {
        sgpu_dma_free(dev, ring_buf);
        return rc;
    }
    uint8_t *old_save = ctx->save_buf ? ctx->save_buf->cpu : ctx->state_buf->cpu;
    memcpy(ring_cpu, ctx->ring.base, ctx->ring_bytes);
    memcpy(save_buf->cpu, old_save, SGPU_PROTO_SAVE_AREA_BYTES);
    /* The copies are in memory before the registers point there. */
    __atomic_thread_fence(__ATOMIC_RELEASE);
    if ((rc = write_reg64(dev, ctl_ctx_reg(g, ctx->id, SGPU_CTX_RING_BASE_LO_OFFSET), ring_bus)) ||
        (rc = write_reg64(dev, ctl_ctx_reg(g, ctx->id, SGPU_CTX_SAVE_ADDR_LO_OFFSET),
                          save_buf->bus))) {
        /* half moved: the old memory stays valid and in use, the new goes */
        write_reg64(dev, ctl_ctx_reg(g, ctx->id, SGPU_CTX_RING_BASE_LO_OFFSET), ctx->ring_bus);
        sgpu_dma_free(dev, ring_buf);
        sgpu_dma_free(dev, save_buf);
        return rc;
    }
    /* Zeroes are not a command (opcode 0): a device still reading the old ring would fail
     * loudly instead of running stale work. */
    memset(ctx->ring.base, 0, ctx->ring_bytes);
    memset(old_save, 0, SGPU_PROTO_SAVE_AREA_BYTES);
    sgpu_dma_free(dev, ctx->ring_buf);
    if (ctx->save_buf)
        sgpu_dma_free(dev, ctx->save_buf);
    /* the state buffer keeps the fences; its save-area part is unused from now on */
    ctx->ring_buf = ring_buf;
    ctx->ring_bus = ring_bus;
    ctx->ring.base = ring_cpu;
    ctx->save_buf = save_buf;
    ctx->save_bus = save_buf->bus;
    return SGPU_OK;
}

/* ---- By raw id (a context of an earlier session) ------------------------------------ */

static int check_id(sgpu_dev *dev, uint32_t id, const char *what, struct gpu **g)
{
    if (!dev)
        return sgpu_fail(SGPU_ERR_INVALID, "%s: no device", what);
    int rc = ctl_ensure(dev, g);
    if (rc)
        return rc;
    if (id >= (*g)->ctl.ctx_count)
        return sgpu_fail(SGPU_ERR_INVALID, "%s: context %u does not exist (the device has %u)",
                         what, id, (*g)->ctl.ctx_count);
    return SGPU_OK;
}

int sgpu_ctx_suspend_id(sgpu_dev *dev, uint32_t ctx_id, uint64_t value, unsigned timeout_ms,
                        int *already)
{
    struct gpu *g;
    int rc = check_id(dev, ctx_id, "sgpu_ctx_suspend_id", &g);
    if (rc)
        return rc;
    if (g->ctxs[ctx_id])
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_ctx_suspend_id: context %u is this driver's: "
                         "use sgpu_ctx_suspend", ctx_id);
    struct sgpu_dma_buf *buf;
    if ((rc = sgpu_dma_alloc(dev, 8, &buf)))
        return rc;
    uint64_t *fence = buf->cpu;
    *fence = 0;
    uint32_t st = SGPU_CTRL_STATUS_OK;
    rc = send_suspend(dev, ctx_id, buf->bus, value, 0, &st);
    if (rc == SGPU_ERR_INVALID && st == SGPU_CTRL_STATUS_BAD_CONTEXT)
        sgpu_fail(SGPU_ERR_INVALID, "context %u: no such context", ctx_id);
    else if (rc == SGPU_ERR_INVALID && st == SGPU_CTRL_STATUS_BAD_ARGUMENT)
        sgpu_fail(SGPU_ERR_INVALID, "context %u: suspend value %" PRIu64 " is not above its last "
                  "one", ctx_id, value);
    if (already)
        *already = rc == SGPU_OK;
    if (rc == SGPU_PENDING) {
        uint64_t deadline = gpu_now_ms() + gpu_timeout(dev, timeout_ms);
        rc = SGPU_OK;
        while (__atomic_load_n(fence, __ATOMIC_ACQUIRE) < value) {
            if ((rc = events_drain(dev, g)))
                break;
            if (gpu_now_ms() >= deadline) {
                /* the firmware may still write it: the buffer stays until sgpu_close */
                return sgpu_fail(SGPU_ERR_TIMEOUT, "context %u: suspend %" PRIu64 " not "
                                 "acknowledged", ctx_id, value);
            }
            events_sleep(dev, g, 1);
        }
    }
    /* a frame that timed out may still be run: its fence memory stays until sgpu_close */
    if (rc != SGPU_ERR_TIMEOUT && rc != SGPU_ERR_DEVICE_LOST)
        sgpu_dma_free(dev, buf);
    return rc;
}

int sgpu_ctx_resume_id(sgpu_dev *dev, uint32_t ctx_id)
{
    struct gpu *g;
    int rc = check_id(dev, ctx_id, "sgpu_ctx_resume_id", &g);
    if (rc)
        return rc;
    if (g->ctxs[ctx_id])
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_ctx_resume_id: context %u is this driver's: "
                         "use sgpu_ctx_resume", ctx_id);
    rc = send_resume(dev, ctx_id);
    if (rc == SGPU_ERR_INVALID)
        sgpu_fail(SGPU_ERR_INVALID, "context %u: no such context", ctx_id);
    else if (rc == SGPU_ERR_STATE)
        sgpu_fail(SGPU_ERR_STATE, "context %u is in error and never runs again", ctx_id);
    return rc;
}
