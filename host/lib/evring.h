/* evring.h: the host's side of the event ring: decode each record the firmware posted,
 * notice seq gaps, hand the slot back by advancing tail. Pure functions over memory. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_EVRING_H
#define SGPU_EVRING_H

#include <stdint.h>

#include "sgpu.h"
#include "sgpu_protocol.h"

struct ev_ring {
    struct sgpu_ring_desc *desc;  /* the descriptor, as the CPU sees it */
    const uint8_t *records;       /* entry 0, as the CPU sees it */
    uint32_t entries;             /* a power of two */
    uint32_t tail;                /* records consumed (the descriptor's tail is ours) */
    uint32_t next_seq;            /* the seq the next record should carry */
    int seq_known;                /* 0 until the first record: a new driver joins mid-count */
    uint64_t missed;              /* records lost, from seq gaps and EVENTS_LOST */
};

/* Starts consuming at the descriptor's current tail. */
void evring_init(struct ev_ring *r, struct sgpu_ring_desc *desc, const void *records,
                 uint32_t entries);
/* Decodes the oldest record into ev (its ctx left NULL) and releases its slot: 1; 0 when
 * the ring is empty; SGPU_ERR_DEVICE_LOST when head is more than `entries` ahead. */
int evring_next(struct ev_ring *r, struct sgpu_event_info *ev);

#endif /* SGPU_EVRING_H */
