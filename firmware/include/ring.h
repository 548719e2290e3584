/* ring.h: index arithmetic of a single-producer single-consumer ring (no data, no locks). */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_RING_H
#define SGPU_RING_H

#include <stdint.h>

/*
 * head counts the entries ever produced and tail those ever consumed; both run freely and
 * wrap at 2^32, and an entry's slot is its count modulo size (a power of two). Only the
 * producer writes head and only the consumer writes tail, so the two may live on two sides
 * of a bus (host and firmware). The caller orders its accesses: the producer writes the
 * entries before publishing head, the consumer reads them before publishing tail.
 */
struct ring {
    uint32_t head; /* written by the producer */
    uint32_t tail; /* written by the consumer */
    uint32_t size; /* entries; a power of two, 1 .. 2^31 */
};

/* 0, or -EINVAL if size is not a power of two in range. */
int ring_init(struct ring *r, uint32_t size);

uint32_t ring_used(const struct ring *r);
uint32_t ring_free(const struct ring *r);
int ring_empty(const struct ring *r);
int ring_full(const struct ring *r);

/* Producer: the slot for the next entry (>= 0), or -ENOSPC when full. `contig` (may be
 * NULL) receives how many free slots follow in a row before the end of the buffer. */
int ring_produce_slot(const struct ring *r, uint32_t *contig);
/* Publish n entries: 0, or -ENOSPC if fewer than n were free (nothing changes). */
int ring_produce(struct ring *r, uint32_t n);

/* Consumer: the slot of the oldest entry (>= 0), or -EAGAIN when empty. `contig` (may be
 * NULL) receives how many entries follow in a row before the end of the buffer. */
int ring_consume_slot(const struct ring *r, uint32_t *contig);
/* Release n entries: 0, or -EAGAIN if fewer than n were there (nothing changes). */
int ring_consume(struct ring *r, uint32_t n);

/* Whether a (head, tail) pair read from the other side is possible: used <= size. */
int ring_valid(const struct ring *r);

#endif /* SGPU_RING_H */
