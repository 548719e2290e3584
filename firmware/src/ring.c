/* ring.c: index arithmetic of a single-producer single-consumer ring (see ring.h). */
/* SPDX-License-Identifier: Apache-2.0 */
#include <errno.h>

#include "ring.h"

int ring_init(struct ring *r, uint32_t size)
{
    if (size == 0 || size > 0x80000000u || (size & (size - 1)))
        return -EINVAL;
    r->head = 0;
    r->tail = 0;
    r->size = size;
    return 0;
}

uint32_t ring_used(const struct ring *r)
{
    return r->head - r->tail; /* modulo 2^32: right across the wrap */
}

uint32_t ring_free(const struct ring *r)
{
    return r->size - ring_used(r);
}

int ring_empty(const struct ring *r)
{
    return r->head == r->tail;
}

int ring_full(const struct ring *r)
{
    return ring_used(r) >= r->size;
}

int ring_valid(const struct ring *r)
{
    return ring_used(r) <= r->size;
}

int ring_produce_slot(const struct ring *r, uint32_t *contig)
{
    if (ring_full(r))
        return -ENOSPC;
    uint32_t slot = r->head & (r->size - 1);
    if (contig) {
        uint32_t to_end = r->size - slot;
        uint32_t free = ring_free(r);
        *contig = free < to_end ? free : to_end;
    }
    return (int)slot;
}

int ring_produce(struct ring *r, uint32_t n)
{
    if (!ring_valid(r) || n > ring_free(r))
        return -ENOSPC;
    r->head += n;
    return 0;
}

int ring_consume_slot(const struct ring *r, uint32_t *contig)
{
    if (ring_empty(r) || !ring_valid(r))
        return -EAGAIN;
    uint32_t slot = r->tail & (r->size - 1);
    if (contig) {
        uint32_t to_end = r->size - slot;
        uint32_t used = ring_used(r);
        *contig = used < to_end ? used : to_end;
    }
    return (int)slot;
}

int ring_consume(struct ring *r, uint32_t n)
{
    if (!ring_valid(r) || n > ring_used(r))
        return -EAGAIN;
    r->tail += n;
    return 0;
}
