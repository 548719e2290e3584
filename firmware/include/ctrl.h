/* ctrl.h: the control ring consumer: frames from the host, executed in order. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_CTRL_H
#define SGPU_CTRL_H

#include <stdint.h>

#include "sgpu_protocol.h"

/* Frames handled per call, so that doorbells and engines are served between batches (a
 * pending doorbell also ends a batch early). */
#define CTRL_BATCH 8u

/* Polls of mip (~11 cycles each: ~700 in all) after a batch, waiting for the host's next
 * frame before going back to the loop: a host that waits for each completion (RESET_ENGINE,
 * then RESUME_ENGINE) rings again ~100 cycles after it in sgpu-sim, later when its process
 * is descheduled, and a pass of the loop costs ~200. */
#define CTRL_LINGER_POLLS 64u

/*
 * Serve the control ring: the head (CP.CTRL_HEAD for a ring with RING_FLAG_HEAD_IN_DOORBELL,
 * else the descriptor at CP.CTRL_DESC, read whole), then for each frame between our tail and
 * the head: validate, execute, write the COMPLETION record (status and seq, then value) and
 * advance the descriptor's tail. Returns 1 when frames may remain (the caller calls again),
 * 0 when the ring is empty or unusable. The caller clears CTRL_PENDING first.
 */
int ctrl_serve(void);

/* CP.CTRL_PENDING.DESC was set (and is now clear): the host set a ring up, so the next
 * ctrl_serve reads the descriptor whole. */
void ctrl_ring_changed(void);

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
