/* ctrl.h: the control ring consumer: frames from the host, executed in order. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_CTRL_H
#define SGPU_CTRL_H

#include <stdint.h>

#include "sgpu_protocol.h"

/* Frames handled per call, so that doorbells and engines are served between batches (a
 * pending doorbell also ends a batch early). */
#define CTRL_BATCH 8u

/*
 * Serve the control ring: read the descriptor (CP.CTRL_DESC), then for each frame between
 * its tail and head: validate, execute, write the COMPLETION record (status and seq, then
 * value) and advance the descriptor's tail. Returns 1 when frames may remain (the caller
 * calls again), 0 when the ring is empty or unusable. The caller clears CTRL_PENDING first.
 */
int ctrl_serve(void);

/* Validate and execute one frame; returns its enum sgpu_ctrl_status. */
uint32_t ctrl_execute(const union sgpu_ctrl_frame *f);

/* Counters for QUERY_STATUS and for debugging. */
struct ctrl_stats {
    uint32_t frames_done;
    uint32_t bad_descriptor; /* descriptor unreadable or malformed */
    uint32_t completion_failed; /* a completion record could not be written */
};
extern struct ctrl_stats ctrl_stats;

void ctrl_init(void);

#endif /* SGPU_CTRL_H */
