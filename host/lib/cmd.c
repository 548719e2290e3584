/* cmd.c: context commands encoded as docs/protocol.md lays them out, each argument checked
 * as the engine would check it, so that a bad one is refused here rather than putting the
 * context in error. */
/* SPDX-License-Identifier: Apache-2.0 */
#include <inttypes.h>
#include <string.h>

#include "cmdring.h"
#include "error.h"
#include "gpu.h"
#include "sgpu.h"
#include "sgpu_regs.h"

/* COPY and FILL lengths: non-zero multiples of 8 up to 16 MiB - 8. */
#define CMD_MAX_BYTES ((16u << 20) - 8u)

static uint32_t lo32(uint64_t v)
{
    return (uint32_t)v;
}

static uint32_t hi32(uint64_t v)
{
    return (uint32_t)(v >> 32);
}

static int check_flags(const char *cmd, unsigned flags, unsigned allowed)
{
    if (flags & ~allowed)
        return sgpu_fail(SGPU_ERR_INVALID, "%s: undefined flags 0x%x (allowed 0x%x)", cmd, flags,
                         allowed);
    return SGPU_OK;
}

static int check_aligned(const char *cmd, const char *what, uint64_t v, unsigned align)
{
    if (v % align)
        return sgpu_fail(SGPU_ERR_INVALID, "%s: %s 0x%" PRIx64 " is not a multiple of %u", cmd,
                         what, v, align);
    return SGPU_OK;
}

/* An address the command marks as VRAM must lie inside it, with `bytes` after it. */
static int check_vram(const char *cmd, const char *what, uint64_t addr, uint64_t bytes)
{
    if (addr > SGPU_CFG_VRAM_BYTES || bytes > SGPU_CFG_VRAM_BYTES - addr)
        return sgpu_fail(SGPU_ERR_INVALID, "%s: %s 0x%" PRIx64 " + %" PRIu64 " bytes is outside "
                         "VRAM (0x%x bytes)", cmd, what, addr, bytes, SGPU_CFG_VRAM_BYTES);
    return SGPU_OK;
}

static int check_length(const char *cmd, uint32_t bytes)
{
    if (bytes == 0 || bytes > CMD_MAX_BYTES || bytes % 8)
        return sgpu_fail(SGPU_ERR_INVALID, "%s: %u bytes: not a non-zero multiple of 8 up to %u",
                         cmd, bytes, CMD_MAX_BYTES);
    return SGPU_OK;
}

int cmd_encode_nop(uint32_t *out, unsigned dwords)
{
    if (dwords < 1 || dwords > SGPU_CMD_NOP_MAX_DWORDS)
        return sgpu_fail(SGPU_ERR_INVALID, "NOP: %u DWs is not 1..%u", dwords,
                         SGPU_CMD_NOP_MAX_DWORDS);
    out[0] = SGPU_CMD_HEADER(SGPU_CMD_OP_NOP, dwords, 0);
    memset(out + 1, 0, (dwords - 1) * sizeof *out);
    return (int)dwords;
}

/* FENCE and WAIT share their layout: address then value. */
static int encode_addr_value(uint32_t *out, const char *cmd, unsigned op, unsigned allowed,
                             unsigned vram_flag, uint64_t addr, uint64_t value, unsigned flags)
{
    int rc;
    if ((rc = check_flags(cmd, flags, allowed)) || (rc = check_aligned(cmd, "address", addr, 8)))
        return rc;
    if ((flags & vram_flag) && (rc = check_vram(cmd, "address", addr, 8)))
        return rc;
    out[0] = SGPU_CMD_HEADER(op, 5, flags);
    out[1] = lo32(addr);
    out[2] = hi32(addr);
    out[3] = lo32(value);
    out[4] = hi32(value);
    return 5;
}

int cmd_encode_fence(uint32_t *out, uint64_t addr, uint64_t value, unsigned flags)
{
    return encode_addr_value(out, "FENCE", SGPU_CMD_OP_FENCE, SGPU_CMD_FENCE_FLAGS_ALL,
                             SGPU_CMD_FENCE_FLAG_VRAM, addr, value, flags);
}

int cmd_encode_wait(uint32_t *out, uint64_t addr, uint64_t value, unsigned flags)
{
    return encode_addr_value(out, "WAIT", SGPU_CMD_OP_WAIT, SGPU_CMD_WAIT_FLAGS_ALL,
                             SGPU_CMD_WAIT_FLAG_VRAM, addr, value, flags);
}

int cmd_encode_copy(uint32_t *out, uint64_t src, uint64_t dst, uint32_t bytes, unsigned flags)
{
    int rc;
    if ((rc = check_flags("COPY", flags, SGPU_CMD_COPY_FLAGS_ALL)) ||
        (rc = check_aligned("COPY", "source", src, SGPU_CMD_COPY_SRC_ALIGN)) ||
        (rc = check_aligned("COPY", "destination", dst, SGPU_CMD_COPY_DST_ALIGN)) ||
        (rc = check_length("COPY", bytes)))
        return rc;
    if ((flags & SGPU_CMD_COPY_FLAG_SRC_VRAM) && (rc = check_vram("COPY", "source", src, bytes)))
        return rc;
    if ((flags & SGPU_CMD_COPY_FLAG_DST_VRAM) &&
        (rc = check_vram("COPY", "destination", dst, bytes)))
        return rc;
    out[0] = SGPU_CMD_HEADER(SGPU_CMD_OP_COPY, SGPU_CMD_COPY_DWORDS, flags);
    out[1] = lo32(src);
    out[2] = hi32(src);
    out[3] = lo32(dst);
    out[4] = hi32(dst);
    out[5] = bytes;
    return SGPU_CMD_COPY_DWORDS;
}

int cmd_encode_fill(uint32_t *out, uint64_t dst, uint32_t bytes, uint32_t pattern, unsigned flags)
{
    int rc;
    if ((rc = check_flags("FILL", flags, SGPU_CMD_FILL_FLAGS_ALL)) ||
        (rc = check_aligned("FILL", "destination", dst, SGPU_CMD_FILL_DST_ALIGN)) ||
        (rc = check_length("FILL", bytes)))
        return rc;
    if ((flags & SGPU_CMD_FILL_FLAG_DST_VRAM) &&
        (rc = check_vram("FILL", "destination", dst, bytes)))
        return rc;
    out[0] = SGPU_CMD_HEADER(SGPU_CMD_OP_FILL, SGPU_CMD_FILL_DWORDS, flags);
    out[1] = lo32(dst);
    out[2] = hi32(dst);
    out[3] = bytes;
    out[4] = pattern;
    return SGPU_CMD_FILL_DWORDS;
}

int cmd_encode_timestamp(uint32_t *out, uint64_t addr, unsigned flags)
{
    int rc;
    if ((rc = check_flags("TIMESTAMP", flags, SGPU_CMD_TIMESTAMP_FLAGS_ALL)) ||
        (rc = check_aligned("TIMESTAMP", "address", addr, SGPU_CMD_TIMESTAMP_ADDR_ALIGN)))
        return rc;
    if ((flags & SGPU_CMD_TIMESTAMP_FLAG_VRAM) &&
        (rc = check_vram("TIMESTAMP", "address", addr, 8)))
        return rc;
    out[0] = SGPU_CMD_HEADER(SGPU_CMD_OP_TIMESTAMP, SGPU_CMD_TIMESTAMP_DWORDS, flags);
    out[1] = lo32(addr);
    out[2] = hi32(addr);
    return SGPU_CMD_TIMESTAMP_DWORDS;
}

/* DISPATCH, and with HOST_WINDOW (host_window) its 9-DW form with HOST_BASE. */
static int encode_dispatch(uint32_t *out, uint32_t kernel, uint32_t grid_x, uint32_t grid_y,
                           uint32_t grid_z, uint32_t wg_size, uint32_t args, int host_window,
                           uint64_t host_base)
{
    int rc;
    if (host_window && (rc = check_aligned("DISPATCH", "host window base", host_base,
                                           SGPU_CMD_DISPATCH_HOST_BASE_ALIGN)))
        return rc;
    if ((rc = check_aligned("DISPATCH", "kernel", kernel, SGPU_CMD_DISPATCH_KERNEL_ALIGN)) ||
        (rc = check_aligned("DISPATCH", "argument block", args, SGPU_CMD_DISPATCH_ARGS_ALIGN)) ||
        (rc = check_vram("DISPATCH", "kernel", kernel, 4)) ||
        (rc = check_vram("DISPATCH", "argument block", args, 4)))
        return rc;
    if (grid_x == 0 || grid_y == 0 || grid_z == 0 || wg_size == 0)
        return sgpu_fail(SGPU_ERR_INVALID, "DISPATCH: grid %ux%ux%u, workgroup size %u: each must "
                         "be at least 1", grid_x, grid_y, grid_z, wg_size);
    unsigned dwords = host_window ? SGPU_CMD_DISPATCH_FLAG_HOST_WINDOW_DWORDS
                                  : SGPU_CMD_DISPATCH_DWORDS;
    out[0] = SGPU_CMD_HEADER(SGPU_CMD_OP_DISPATCH, dwords,
                             host_window ? SGPU_CMD_DISPATCH_FLAG_HOST_WINDOW : 0u);
    out[1] = kernel;
    out[2] = grid_x;
    out[3] = grid_y;
    out[4] = grid_z;
    out[5] = wg_size;
    out[6] = args;
    if (host_window) {
        out[SGPU_CMD_DISPATCH_HOST_BASE_DW] = lo32(host_base);
        out[SGPU_CMD_DISPATCH_HOST_BASE_DW + 1] = hi32(host_base);
    }
    return (int)dwords;
}

int cmd_encode_dispatch(uint32_t *out, uint32_t kernel, uint32_t grid_x, uint32_t grid_y,
                        uint32_t grid_z, uint32_t wg_size, uint32_t args)
{
    return encode_dispatch(out, kernel, grid_x, grid_y, grid_z, wg_size, args, 0, 0);
}

int cmd_encode_dispatch_host(uint32_t *out, uint32_t kernel, uint32_t grid_x, uint32_t grid_y,
                             uint32_t grid_z, uint32_t wg_size, uint32_t args,
                             uint64_t host_base)
{
    return encode_dispatch(out, kernel, grid_x, grid_y, grid_z, wg_size, args, 1, host_base);
}

uint32_t sgpu_host_window_addr(uint64_t host_base, uint64_t host_addr)
{
    if (host_addr < host_base || host_addr - host_base >= SGPU_HOST_WINDOW_BYTES)
        return SGPU_HOST_WINDOW + SGPU_HOST_WINDOW_BYTES;
    return SGPU_HOST_WINDOW + (uint32_t)(host_addr - host_base);
}

/* ---- The public builders: encode, then append to the context's ring (ctx.c). ---- */

int sgpu_cmd_nop(sgpu_ctx *ctx, unsigned dwords)
{
    uint32_t dws[CMD_MAX_BUILT_DWORDS];
    return ctx_emit(ctx, dws, cmd_encode_nop(dws, dwords), "sgpu_cmd_nop");
}

int sgpu_cmd_fence(sgpu_ctx *ctx, uint64_t addr, uint64_t value, unsigned flags)
{
    uint32_t dws[SGPU_CMD_FENCE_DWORDS];
    return ctx_emit(ctx, dws, cmd_encode_fence(dws, addr, value, flags), "sgpu_cmd_fence");
}

int sgpu_cmd_wait(sgpu_ctx *ctx, uint64_t addr, uint64_t value, unsigned flags)
{
    uint32_t dws[SGPU_CMD_WAIT_DWORDS];
    return ctx_emit(ctx, dws, cmd_encode_wait(dws, addr, value, flags), "sgpu_cmd_wait");
}

int sgpu_cmd_copy(sgpu_ctx *ctx, uint64_t src, uint64_t dst, uint32_t bytes, unsigned flags)
{
    uint32_t dws[SGPU_CMD_COPY_DWORDS];
    return ctx_emit(ctx, dws, cmd_encode_copy(dws, src, dst, bytes, flags), "sgpu_cmd_copy");
}

int sgpu_cmd_fill(sgpu_ctx *ctx, uint64_t dst, uint32_t bytes, uint32_t pattern, unsigned flags)
{
    uint32_t dws[SGPU_CMD_FILL_DWORDS];
    return ctx_emit(ctx, dws, cmd_encode_fill(dws, dst, bytes, pattern, flags), "sgpu_cmd_fill");
}

int sgpu_cmd_timestamp(sgpu_ctx *ctx, uint64_t addr, unsigned flags)
{
    uint32_t dws[SGPU_CMD_TIMESTAMP_DWORDS];
    return ctx_emit(ctx, dws, cmd_encode_timestamp(dws, addr, flags), "sgpu_cmd_timestamp");
}

int sgpu_cmd_dispatch(sgpu_ctx *ctx, uint32_t kernel, uint32_t grid_x, uint32_t grid_y,
                      uint32_t grid_z, uint32_t wg_size, uint32_t args)
{
    uint32_t dws[SGPU_CMD_DISPATCH_DWORDS];
    return ctx_emit(ctx, dws,
                    cmd_encode_dispatch(dws, kernel, grid_x, grid_y, grid_z, wg_size, args),
                    "sgpu_cmd_dispatch");
}

int sgpu_cmd_dispatch_host(sgpu_ctx *ctx, uint32_t kernel, uint32_t grid_x, uint32_t grid_y,
                           uint32_t grid_z, uint32_t wg_size, uint32_t args, uint64_t host_base)
{
    uint32_t dws[SGPU_CMD_DISPATCH_FLAG_HOST_WINDOW_DWORDS];
    return ctx_emit(ctx, dws,
                    cmd_encode_dispatch_host(dws, kernel, grid_x, grid_y, grid_z, wg_size, args,
                                             host_base),
                    "sgpu_cmd_dispatch_host");
}
