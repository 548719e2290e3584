/* fwtest.h: the host's side of the protocol for the scheduler's unit tests: host memory with
 * the control and event rings, frames submitted and completed, events read back; the
 * firmware runs its loop (loop_poll) over the fake device of hal_host.c. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_FWTEST_H
#define SGPU_FWTEST_H

#include <stdint.h>

#include "sgpu_protocol.h"

/* Host memory the firmware reaches through HOSTIO: above 4 GiB, so that the high address
 * words matter. */
#define FWT_HOST_BASE 0x100000000ull
#define FWT_HOST_BYTES 0x10000u
extern uint8_t fwt_host[FWT_HOST_BYTES];

#define FWT_CTRL_DESC (FWT_HOST_BASE + 0x0000u)
#define FWT_EVENT_DESC (FWT_HOST_BASE + 0x0040u)
#define FWT_COMPLETIONS (FWT_HOST_BASE + 0x1000u) /* 16 bytes per seq, 256 of them */
#define FWT_CTRL_RING (FWT_HOST_BASE + 0x2000u)
#define FWT_EVENT_RING (FWT_HOST_BASE + 0x3000u)
#define FWT_FENCES (FWT_HOST_BASE + 0x4000u) /* 8 bytes each */
#define FWT_STATUS (FWT_HOST_BASE + 0x5000u)
#define FWT_LOG (FWT_HOST_BASE + 0x6000u)
#define FWT_PROGRESS(id) (FWT_FENCES + 8u * (id))
#define FWT_SUSPEND_FENCE(id) (FWT_FENCES + 0x100u + 8u * (id))
#define FWT_RING(id) (0x200000000ull + 0x10000ull * (id)) /* never read by the firmware */
#define FWT_EVENT_MSI 5u

/* Shorthands of the scheduler tests. */
#define OK SGPU_CTRL_STATUS_OK
#define PENDING SGPU_CTRL_STATUS_PENDING
#define COPY SGPU_NODE_COPY
#define COMPUTE SGPU_NODE_COMPUTE
#define QUANTUM (SGPU_CFG_CLK_HZ / 1000u) /* the default 1 ms, in cycles */

/* Fresh fake device and host memory, descriptors set up (event ring of event_entries, 0:
 * none), CP registers pointing at them, the firmware's loop initialised. The machine timer
 * advances one cycle per read, so that every bounded wait ends. */
void fwt_setup(uint32_t ctrl_entries, uint32_t event_entries);
/* The usual set-up as a cmocka setup function: 8 control frames, 64 event records. */
int fwt_setup_default(void **state);

/* Host memory access by host address. */
void *fwt_mem(uint64_t addr);
uint64_t fwt_read64(uint64_t addr);
void fwt_write64(uint64_t addr, uint64_t value);

/* Run the firmware's loop until it has nothing left to do. */
void fwt_run(void);
/* Engine e stops (STOPPED with reason, HEAD = head, no error), then the loop runs. */
void fwt_stopped(unsigned e, uint32_t reason, uint32_t head);

/* Publish one frame (header filled here: version, size, seq, completion address and value),
 * ring the control doorbell. Returns its seq. */
uint32_t fwt_submit(union sgpu_ctrl_frame *f);
/* COMPLETION.status of frame seq, or FWT_NOT_DONE if its value was not written. */
#define FWT_NOT_DONE 0xFFFFFFFFu
uint32_t fwt_completion(uint32_t seq);
/* Submit, run, and return the status. */
uint32_t fwt_do(union sgpu_ctrl_frame *f);

/* Frames of each opcode with the common fields; each runs the loop and returns the status. */
uint32_t fwt_create(uint32_t id, uint8_t node, uint8_t band);
uint32_t fwt_destroy(uint32_t id);
uint32_t fwt_suspend(uint32_t id, uint64_t value);
uint32_t fwt_resume(uint32_t id);
uint32_t fwt_reset_engine(uint8_t node);
/* RESET_ENGINE naming the guilty context (flags.GUILTY). */
uint32_t fwt_reset_engine_guilty(uint8_t node, uint32_t guilty);
uint32_t fwt_resume_engine(uint8_t node);
uint32_t fwt_set_band(uint8_t band, uint32_t grace, uint32_t quantum);
uint32_t fwt_set_quantum(uint32_t id, uint8_t band, uint32_t quantum);

/* Events the firmware posted (descriptor head), and record i (0 = the first ever). */
uint32_t fwt_event_count(void);
struct sgpu_event_record fwt_event(uint32_t i);
/* The host consumes every posted event (tail = head). */
void fwt_event_consume_all(void);
/* Events of one type, in order: how many, and the last one in *last (may be NULL). */
unsigned fwt_events_of(uint16_t type, struct sgpu_event_record *last);

/* Engine e: how many starts, and the last one's context, head and POLL_WAIT. */
unsigned fwt_starts(unsigned e);
uint32_t fwt_last_start_ctx(unsigned e);
uint32_t fwt_last_start_head(unsigned e);
int fwt_last_start_polls(unsigned e);
int fwt_last_start_resumes(unsigned e); /* started with CMD.RESUME */

/* The machine timer jumps forward by `cycles`. */
void fwt_advance(uint64_t cycles);

#endif /* SGPU_FWTEST_H */
