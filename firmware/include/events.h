/* events.h: the event ring producer: records to the host, head, then an MSI. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_EVENTS_H
#define SGPU_EVENTS_H

#include <stdint.h>

#include "sgpu_protocol.h"

/* What an event says; seq and the EVENTS_LOST flag are the producer's to fill. */
struct event {
    uint16_t type;   /* enum sgpu_event */
    uint16_t flags;  /* SGPU_EVENT_FLAG_* */
    uint32_t ctx_id; /* or SGPU_PROTO_CONTEXT_NONE */
    uint8_t engine;  /* engine index: the node; the ordinal in the node is always 0 */
    uint16_t reason; /* CONTEXT_ERROR: an enum sgpu_cmd_error */
    uint64_t value;
    uint64_t aux;
};

/*
 * Post one record: written at the ring's head slot, then head (with the reserved word after
 * it) in the descriptor, then the descriptor's MSI. Every event takes the next seq, posted
 * or not, so the host sees a gap where one was lost; one is lost when there is no event
 * ring (CP.EVENT_DESC 0), its descriptor is malformed, it is full (head - tail == entries,
 * tail read from the descriptor) or the write fails. The next record that is posted after
 * a loss carries EVENTS_LOST.
 */
void events_post(const struct event *ev);

/* Counters for QUERY_STATUS. */
uint32_t events_posted(void);
uint32_t events_lost(void);

/* Forget the ring and the counters (boot; tests). */
void events_init(void);

#endif /* SGPU_EVENTS_H */
