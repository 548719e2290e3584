/* events.c: the event ring producer (see events.h and RING_DESC in docs/protocol.md). */
/* SPDX-License-Identifier: Apache-2.0 */
#include <stddef.h>
#include <string.h>

#include "events.h"
#include "hal.h"
#include "hostmem.h"

/* The first 40 bytes of RING_DESC: everything up to and including tail. */
#define DESC_READ_BYTES 40u

static struct {
    uint64_t desc;          /* descriptor address our head belongs to; 0: none yet */
    uint32_t head;          /* ours: the producer's count */
    uint8_t head_published; /* the last head write reached the descriptor */
    uint8_t lost_flag;      /* set EVENTS_LOST on the next record posted */
    uint32_t seq;
    uint32_t posted;
    uint32_t lost;
} ring;

void events_init(void)
{
    memset(&ring, 0, sizeof ring);
}

uint32_t events_posted(void) { return ring.posted; }
uint32_t events_lost(void) { return ring.lost; }

static void lose(void)
{
    ring.lost++;
    ring.lost_flag = 1;
}

/*
 * The descriptor is read whole before every record (one transfer, as the tail alone would
 * be): a driver that sets a new ring up, even at the same address, is followed. Its head
 * is ours, but one that differs from the head we last published means the host started the
 * ring afresh: we go on from its head.
 */
static int read_descriptor(uint64_t desc, struct sgpu_ring_desc *d)
{
    if (hostmem_read(desc, d, DESC_READ_BYTES) != 0)
        return 0;
    if (d->entries == 0 || (d->entries & (d->entries - 1)) ||
        d->entry_bytes != SGPU_PROTO_EVENT_BYTES || (d->base & 63u) || d->base == 0)
        return 0;
    if (desc != ring.desc || (d->head != ring.head && ring.head_published)) {
        ring.desc = desc;
        ring.head = d->head;
    }
    return 1;
}

void events_post(const struct event *ev)
{
    uint32_t seq = ring.seq++;
    uint64_t desc = ((uint64_t)hal_read32(SGPU_CP_EVENT_DESC_HI_ADDR) << 32) |
                    hal_read32(SGPU_CP_EVENT_DESC_LO_ADDR);
    struct sgpu_ring_desc d;
    if (desc == 0 || (desc & 63u) || !read_descriptor(desc, &d) ||
        ring.head - d.tail >= d.entries) { /* full (or a tail no consumer could write) */
        lose();
        return;
    }

    struct sgpu_event_record rec = {
        .type = ev->type,
        .flags = (uint16_t)(ev->flags | (ring.lost_flag ? SGPU_EVENT_FLAG_EVENTS_LOST : 0)),
        .seq = seq,
        .ctx_id = ev->ctx_id,
        .node = ev->engine,
        .engine = 0,
        .reason = ev->reason,
        .value = ev->value,
        .aux = ev->aux,
    };
    uint64_t slot = d.base + (uint64_t)(ring.head & (d.entries - 1)) * SGPU_PROTO_EVENT_BYTES;
    if (hostmem_write(slot, &rec, sizeof rec) != 0) {
        lose();
        return;
    }
    ring.head++;
    ring.lost_flag = 0;
    ring.posted++;
    /* head and the reserved word after it: one 8-byte write */
    ring.head_published =
        hostmem_write64(desc + offsetof(struct sgpu_ring_desc, head), ring.head) == 0;
    hostmem_msi(d.msi_vector);
}
