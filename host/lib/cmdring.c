/* cmdring.c: space accounting and wrapping of a context's command ring (cmdring.h). */
/* SPDX-License-Identifier: Apache-2.0 */
#include <stdlib.h>
#include <string.h>

#include "cmdring.h"
#include "error.h"
#include "sgpu.h"

int cmdring_init(struct cmd_ring *r, void *base, uint32_t size, uint32_t pending_cap)
{
    memset(r, 0, sizeof *r);
    if (size < SGPU_PROTO_RING_MIN_BYTES || (size & (size - 1)) || pending_cap == 0)
        return sgpu_fail(SGPU_ERR_INVALID, "command ring: size %u, %u pending submissions", size,
                         pending_cap);
    r->pending = calloc(pending_cap, sizeof *r->pending);
    if (!r->pending)
        return sgpu_fail(SGPU_ERR_NOMEM, "command ring: out of memory");
    r->base = base;
    r->size = size;
    r->pending_cap = pending_cap;
    return SGPU_OK;
}

void cmdring_fini(struct cmd_ring *r)
{
    free(r->pending);
    memset(r, 0, sizeof *r);
}

uint32_t cmdring_free(const struct cmd_ring *r)
{
    uint64_t used = r->written - r->reclaimed;
    return used + CMDRING_GAP >= r->size ? 0 : (uint32_t)(r->size - CMDRING_GAP - used);
}

uint32_t cmdring_cost(const struct cmd_ring *r, uint32_t bytes)
{
    uint32_t to_end = r->size - r->wptr;
    return bytes <= to_end ? bytes : to_end + bytes;
}

static void put_le32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

int cmdring_emit(struct cmd_ring *r, const uint32_t *dws, uint32_t n, uint32_t keep,
                 uint32_t *offset)
{
    uint32_t bytes = n * 4u;
    uint32_t cost = cmdring_cost(r, bytes);
    uint32_t avail = cmdring_free(r);
    if (n == 0 || bytes >= r->size)
        return sgpu_fail(SGPU_ERR_INVALID, "command ring: a %u-DW command in a %u-byte ring", n,
                         r->size);
    if (cost > avail || keep > avail - cost)
        return sgpu_fail(SGPU_ERR_BUSY, "command ring: %u bytes needed (%u to keep), %u free",
                         cost, keep, avail);
    if (cost != bytes) {
        /* WRAP skips the rest of the ring: the command starts again at offset 0. */
        put_le32(r->base + r->wptr, SGPU_CMD_HEADER(SGPU_CMD_OP_WRAP, SGPU_CMD_WRAP_DWORDS, 0));
        r->written += r->size - r->wptr;
        r->wptr = 0;
    }
    if (offset)
        *offset = r->wptr;
    for (uint32_t i = 0; i < n; i++)
        put_le32(r->base + r->wptr + 4u * i, dws[i]);
    r->written += bytes;
    r->wptr = (r->wptr + bytes) & (r->size - 1);
    return SGPU_OK;
}

int cmdring_push_submit(struct cmd_ring *r, uint64_t value)
{
    if (r->pending_n == r->pending_cap)
        return sgpu_fail(SGPU_ERR_BUSY, "command ring: %u submissions already in flight",
                         r->pending_cap);
    uint32_t slot = (r->pending_first + r->pending_n) % r->pending_cap;
    r->pending[slot].end = r->written;
    r->pending[slot].value = value;
    r->pending_n++;
    r->submitted = r->written;
    return SGPU_OK;
}

void cmdring_reclaim(struct cmd_ring *r, uint64_t fence)
{
    while (r->pending_n && r->pending[r->pending_first].value <= fence) {
        r->reclaimed = r->pending[r->pending_first].end;
        r->pending_first = (r->pending_first + 1) % r->pending_cap;
        r->pending_n--;
    }
}

int cmdring_oldest(const struct cmd_ring *r, uint64_t *value)
{
    if (!r->pending_n)
        return 0;
    *value = r->pending[r->pending_first].value;
    return 1;
}

int cmdring_dirty(const struct cmd_ring *r)
{
    return r->written != r->submitted;
}
