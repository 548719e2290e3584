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
    uint64_t base;          /* the descriptor's fields as last read */
    uint32_t entries;
    uint32_t tail;          /* the consumer's count as last read: it only moves forward */
    uint8_t msi_vector;
    uint8_t kept;           /* RING_FLAG_DESC_KEPT: the fields above stay good until the host
                             * writes EVENT_DESC (CP.CTRL_PENDING.EVENT_DESC) */
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
 * The descriptor read whole (one transfer, as the tail alone would be): a driver that sets a
 * new ring up, even at the same address, is followed. Its head is ours, but one that differs
 * from the head we last published means the host started the ring afresh: we go on from its
 * head.
 */
static int read_descriptor(uint64_t desc)
{
    struct sgpu_ring_desc d;
    ring.kept = 0;
    if (hostmem_read(desc, &d, DESC_READ_BYTES) != 0)
        return 0;
    if (d.entries == 0 || (d.entries & (d.entries - 1)) ||
        d.entry_bytes != SGPU_PROTO_EVENT_BYTES || (d.base & 63u) || d.base == 0)
        return 0;
    if (desc != ring.desc || (d.head != ring.head && ring.head_published)) {
        ring.desc = desc;
        ring.head = d.head;
    }
    ring.base = d.base;
    ring.entries = d.entries;
    ring.tail = d.tail;
    ring.msi_vector = d.msi_vector;
    ring.kept = (d.flags & SGPU_RING_FLAG_DESC_KEPT) != 0;
    return 1;
}

/* Room for one more record: with a kept descriptor the tail is read again only when the
 * ring looks full by the tail last read (it can only have moved forward since). */
static int has_room(uint64_t desc)
{
    uint32_t pending = hal_read32(SGPU_CP_CTRL_PENDING_ADDR);
    if (pending & SGPU_CP_CTRL_PENDING_EVENT_DESC_MASK) {
        /* cleared before the read: a ring set up after it is seen again */
        hal_write32(SGPU_CP_CTRL_PENDING_ADDR, SGPU_CP_CTRL_PENDING_EVENT_DESC_MASK);
        ring.kept = 0;
    }
    if (!ring.kept || desc != ring.desc) {
        if (!read_descriptor(desc))
            return 0;
    } else if (ring.head - ring.tail >= ring.entries) {
        uint64_t tail;
        if (hostmem_read64(desc + offsetof(struct sgpu_ring_desc, tail), &tail) != 0)
            return 0;
        ring.tail = (uint32_t)tail;
    }
    return ring.head - ring.tail < ring.entries; /* else full, or a tail no consumer wrote */
}

void events_post(const struct event *ev)
{
    uint32_t seq = ring.seq++;
    uint64_t desc = ((uint64_t)hal_read32(SGPU_CP_EVENT_DESC_HI_ADDR) << 32) |
                    hal_read32(SGPU_CP_EVENT_DESC_LO_ADDR);
    if (desc == 0 || (desc & 63u) || !has_room(desc)) {
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
    uint64_t slot = ring.base + (uint64_t)(ring.head & (ring.entries - 1)) * SGPU_PROTO_EVENT_BYTES;
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
    hostmem_msi(ring.msi_vector);
}
