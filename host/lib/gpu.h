/* gpu.h: what a device handle owns beyond the transport: the control channel, the event
 * ring, the contexts, the VRAM allocator and the kernels. Created on first use, released
 * by sgpu_close. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_GPU_H
#define SGPU_GPU_H

#include <stdint.h>

#include "cmdring.h"
#include "evring.h"
#include "sgpu.h"
#include "vram_heap.h"

#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "libsgpu shares little-endian structures with the device: a little-endian host only"
#endif

/* CP.CTX_COUNT is at most this. */
#define GPU_MAX_CONTEXTS 32u

/* The control channel: one DMA buffer holding both descriptors, the completion records
 * (one per control slot), the STATUS block, the control ring and the event ring. */
struct ctl {
    int started;
    struct sgpu_dma_buf *mem;
    struct sgpu_ring_desc *ctrl_desc;
    struct sgpu_completion *completions;
    struct sgpu_status *status;          /* where QUERY_STATUS writes */
    uint64_t status_bus;
    uint8_t *frames;
    uint32_t entries;                    /* control ring frames */
    uint32_t head;                       /* frames ever published */
    uint32_t seq;                        /* the last frame's seq */
    uint64_t sent;                       /* frames sent: each one's completion value */
    /* the context array, from CP */
    uint32_t ctx_offset, ctx_count, ctx_stride;
    unsigned event_vector;
};

/* A hardware context: what CREATE_CONTEXT gave the firmware, the host's view of its ring,
 * and what suspend, resume and invalidation need (save area, suspend fence). */
struct sgpu_ctx {
    sgpu_dev *dev;
    uint32_t id;
    unsigned node, band, flags, lib_flags;
    unsigned timeout_ms;
    uint32_t doorbell;                /* BAR0 offset of CTX[id].DOORBELL */
    /* the ring: a DMA buffer with the ring aligned to its size somewhere inside */
    struct sgpu_dma_buf *ring_buf;
    uint64_t ring_bus;
    uint32_t ring_bytes;
    struct cmd_ring ring;
    /* save area, progress fence and suspend fence (for SUSPEND_CONTEXT), one buffer */
    struct sgpu_dma_buf *state_buf;
    uint64_t save_bus, fence_bus, suspend_fence_bus;
    uint64_t *fence;                  /* written by the engine */
    uint64_t *suspend_fence;          /* written by the firmware */
    uint64_t suspend_value;           /* the last suspend's value (monotonic per context) */
    int suspend_wanted;               /* suspended (or being) since the last resume */
    struct sgpu_dma_buf *save_buf;    /* the save area once sgpu_ctx_move put it apart */
    uint64_t last_value;              /* the last submission's progress value */
    /* the TDR's watch (tdr.c), in device cycles (0: not started) */
    uint64_t tdr_fence, tdr_since, tdr_suspend_since;
    uint64_t busy_order;              /* gpu.submissions when it last went from idle to busy */
    int fw_gone;                      /* the firmware has forgotten it (TDR, adapter reset) */
    const char *lost_why;             /* lost without an event: the TDR or an adapter reset */
    int faulted;
    struct sgpu_ctx_fault fault;
};

struct sgpu_kernel {
    sgpu_dev *dev;
    uint32_t addr, bytes;
    struct sgpu_kernel *next;
};

struct gpu {
    struct ctl ctl;
    struct ev_ring ev;
    int events_on;                       /* the event ring is set up */
    int lost;                            /* SGPU_ERR_DEVICE_LOST once set */
    sgpu_event_fn event_fn;
    void *event_user;
    sgpu_ctx *ctxs[GPU_MAX_CONTEXTS];    /* by hardware id */
    struct vram_heap heap;
    int heap_ready;
    struct sgpu_dma_buf *bounce;         /* staging for sgpu_vram_write/read */
    struct sgpu_kernel *kernels;
    uint32_t engines_reset;              /* engines (bit node * 8 + engine) reset, not resumed */
    uint32_t engines_present;            /* STATUS.engines_present once seen (0: not yet) */
    uint32_t fw_minor;                   /* STATUS.version_minor at the channel's start */
    unsigned resets;                     /* engine resets this driver asked for */
    uint64_t submissions;                /* sgpu_submit calls that made a context busy */
    struct tdr *tdr;                     /* the watchdog, once sgpu_tdr_enable started it */
};

/* The device's state, created on first use (NULL: out of memory, detail recorded). */
struct gpu *gpu_of(sgpu_dev *dev);
/* sgpu_close: destroys live contexts (best effort, short timeout), frees kernels and host
 * state. The DMA buffers go with the device's own list. */
void gpu_release(sgpu_dev *dev);

/* The device's timeout when the caller gives 0. */
unsigned gpu_timeout(const sgpu_dev *dev, unsigned timeout_ms);
/* Monotonic clock, for deadlines. */
uint64_t gpu_now_ms(void);

/* ctl.c: starts the channel with defaults if nobody did; SGPU_ERR_DEVICE_LOST if lost. */
int ctl_ensure(sgpu_dev *dev, struct gpu **out);
/* Forgets the control channel (gpu_release). */
void ctl_stop(struct gpu *g);
/* The BAR0 offset of a register of context id. */
uint32_t ctl_ctx_reg(const struct gpu *g, uint32_t id, uint32_t reg);
/* Marks the device lost and says why: returns SGPU_ERR_DEVICE_LOST. */
int gpu_set_lost(struct gpu *g, const char *why);

/* events.c: consume what is there (device callback); errors as sgpu_events_poll. */
int events_drain(sgpu_dev *dev, struct gpu *g);
/* Waits for the event MSI up to timeout_ms (or a short sleep if events are off). */
void events_sleep(sgpu_dev *dev, struct gpu *g, unsigned timeout_ms);

/* ctx.c: a command for the context's ring, checked by its encoder. */
int ctx_emit(sgpu_ctx *ctx, const uint32_t *dws, int n, const char *what);
/* events.c -> ctx.c: a CONTEXT_ERROR or CONTEXT_RESET event for this context. */
void ctx_mark_fault(sgpu_ctx *ctx, const struct sgpu_event_info *ev);
/* ctx.c: why the context can take no more work (error, invalidated, device lost), or OK. */
int ctx_usable(const sgpu_ctx *ctx, const char *what);
/* ctx.c: a DMA buffer holding a ring of size bytes aligned to its size (bus and cpu). */
int ctx_ring_alloc(sgpu_dev *dev, uint32_t size, struct sgpu_dma_buf **buf, uint64_t *bus,
                   uint8_t **cpu);
/* ctx.c: whether the context's engine is reset by this driver and not resumed. */
int ctx_engine_in_reset(const sgpu_ctx *ctx);
/* gpu_release: forget a context without the firmware (device lost or closing). */
void ctx_release_all(sgpu_dev *dev, struct gpu *g);
/* An adapter reset: every context is gone from the device (why: for its errors). Returns how
 * many were usable until then. */
unsigned ctx_lose_all(struct gpu *g, const char *why);

/* tdr.c: an event the watchdog acts on (GPU_ENGINE_TIMEOUT); a look from a library wait
 * (rate-limited, never re-entered); freeing it (gpu_release). */
void tdr_note_event(struct gpu *g, const struct sgpu_event_info *ev);
void tdr_tick(sgpu_dev *dev, struct gpu *g);
void tdr_release(struct gpu *g);

#endif /* SGPU_GPU_H */
