/* cmdring.h: a context's command ring as the host writes it: command encoding, WRAP so that
 * no command crosses the ring's end, and space reclaimed by progress-fence values. Pure
 * functions over memory, so that they are tested without a device. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_CMDRING_H
#define SGPU_CMDRING_H

#include <stdint.h>

#include "sgpu_protocol.h"

/* Longest command the library builds (a padding NOP), in DWs. */
#define CMD_MAX_BUILT_DWORDS SGPU_PROTO_CMD_MAX_DWORDS
/* Room every command leaves behind it so that the submission's FENCE always fits: the
 * FENCE and the most padding a WRAP before it can cost. */
#define CMDRING_SUBMIT_RESERVE (2u * SGPU_CMD_FENCE_DWORDS * 4u)
/* The ring is never filled to the last DW: a tail equal to the device's read offset would
 * mean "empty". */
#define CMDRING_GAP 4u

/* Encoders: write the command's DWs to out (CMD_MAX_BUILT_DWORDS at least) and return how
 * many, or SGPU_ERR_INVALID (with a detail) for an argument the device would refuse. */
int cmd_encode_nop(uint32_t *out, unsigned dwords);
int cmd_encode_fence(uint32_t *out, uint64_t addr, uint64_t value, unsigned flags);
int cmd_encode_wait(uint32_t *out, uint64_t addr, uint64_t value, unsigned flags);
int cmd_encode_copy(uint32_t *out, uint64_t src, uint64_t dst, uint32_t bytes, unsigned flags);
int cmd_encode_fill(uint32_t *out, uint64_t dst, uint32_t bytes, uint32_t pattern, unsigned flags);
int cmd_encode_timestamp(uint32_t *out, uint64_t addr, unsigned flags);
int cmd_encode_dispatch(uint32_t *out, uint32_t kernel, uint32_t grid_x, uint32_t grid_y,
                        uint32_t grid_z, uint32_t wg_size, uint32_t args);
int cmd_encode_dispatch_host(uint32_t *out, uint32_t kernel, uint32_t grid_x, uint32_t grid_y,
                             uint32_t grid_z, uint32_t wg_size, uint32_t args,
                             uint64_t host_base);

/* A submission still in flight: the ring bytes up to `end` are free once the progress
 * fence reaches `value`. */
struct cmd_submit {
    uint64_t end;
    uint64_t value;
};

struct cmd_ring {
    uint8_t *base;         /* the ring, as the CPU sees it */
    uint32_t size;         /* bytes: a power of two */
    uint32_t wptr;         /* where the next command goes: the tail the next doorbell gives */
    uint64_t written;      /* bytes ever emitted, WRAP padding included */
    uint64_t reclaimed;    /* bytes ever known to be consumed by the device */
    uint64_t submitted;    /* `written` at the last submission */
    struct cmd_submit *pending; /* in-flight submissions, a circular list, oldest first */
    uint32_t pending_cap, pending_first, pending_n;
};

/* size: a power of two >= SGPU_PROTO_RING_MIN_BYTES; pending_cap >= 1. SGPU_ERR_NOMEM. */
int cmdring_init(struct cmd_ring *r, void *base, uint32_t size, uint32_t pending_cap);
void cmdring_fini(struct cmd_ring *r);

/* Bytes that may still be emitted before the device must consume some. */
uint32_t cmdring_free(const struct cmd_ring *r);
/* What emitting `bytes` at the write offset costs: the bytes, plus the rest of the ring if
 * they do not fit before its end (a WRAP skips it). */
uint32_t cmdring_cost(const struct cmd_ring *r, uint32_t bytes);
/* Emits n DWs (little-endian) as one command, after a WRAP if it would cross the end, and
 * only if `keep` bytes stay free after it; SGPU_ERR_BUSY (ring untouched) otherwise.
 * offset (may be NULL) gets the command's ring offset. */
int cmdring_emit(struct cmd_ring *r, const uint32_t *dws, uint32_t n, uint32_t keep,
                 uint32_t *offset);
/* Records a submission ending at the write offset, done at fence value `value` (larger than
 * every earlier one). SGPU_ERR_BUSY if the list of pending submissions is full. */
int cmdring_push_submit(struct cmd_ring *r, uint64_t value);
/* Frees the space of every submission whose value the progress fence has reached. */
void cmdring_reclaim(struct cmd_ring *r, uint64_t fence);
/* The oldest pending submission's value: 1 if there is one, else 0. */
int cmdring_oldest(const struct cmd_ring *r, uint64_t *value);
/* Whether commands were emitted since the last submission. */
int cmdring_dirty(const struct cmd_ring *r);

#endif /* SGPU_CMDRING_H */
