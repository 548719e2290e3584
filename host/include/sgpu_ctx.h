/* sgpu_ctx.h: libsgpu's GPU API: the control channel to the firmware, contexts with their
 * command rings, submission and fences, events, VRAM and kernels (part of sgpu.h). */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_CTX_H
#define SGPU_CTX_H

/*
 * Everything here belongs to a device handle: the control and event rings, the contexts,
 * the VRAM allocator and the kernels. sgpu_close destroys what is still alive, after which
 * those handles are invalid. Conventions are sgpu.h's: SGPU_OK or a negative code, a detail
 * in sgpu_last_error(), every wait bounded, one thread at a time per device.
 * docs/libsgpu.md ("Contexts and submission") describes the API and the error mapping;
 * docs/protocol.md the frames, records and commands underneath.
 */

#include <stddef.h>
#include <stdint.h>

#include "sgpu.h"
/* The generated protocol header checks its layouts with C11's _Static_assert; C++ spells it
 * static_assert. */
#if defined(__cplusplus) && !defined(_Static_assert)
#define _Static_assert static_assert
#define SGPU_CTX_H_STATIC_ASSERT_SHIM
#endif
#include "sgpu_protocol.h"
#ifdef SGPU_CTX_H_STATIC_ASSERT_SHIM
#undef _Static_assert
#undef SGPU_CTX_H_STATIC_ASSERT_SHIM
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Control channel ---------------------------------------------------------------- */

struct sgpu_ctl_options {
    unsigned ctrl_entries;   /* control ring frames, a power of two 2..1024 (0: 64) */
    unsigned event_entries;  /* event ring records, a power of two 2..4096 (0: 256) */
    unsigned event_vector;   /* MSI vector the firmware raises after posting events (0..31) */
};

/* Sets the control and event rings up, points CP.CTRL_DESC and CP.EVENT_DESC at them and
 * asks the firmware its protocol version (QUERY_STATUS): another major is SGPU_ERR_VERSION,
 * a device without a command processor SGPU_ERR_UNSUPPORTED. Every call below that needs
 * the channel starts it with default options; an explicit call chooses them (once:
 * SGPU_ERR_STATE if already started). opts may be NULL. */
int sgpu_ctl_start(sgpu_dev *dev, const struct sgpu_ctl_options *opts);

/* Sends one control frame and waits up to timeout_ms (0: the device's timeout) for its
 * completion record. The library fills the header (opcode is the caller's; version, size,
 * seq, fence_addr and fence_value are overwritten). fw_status (may be NULL) gets the raw
 * COMPLETION.status. Returns the status mapped to a result code:
 *   OK SGPU_OK, PENDING SGPU_PENDING (1), BAD_VERSION SGPU_ERR_VERSION,
 *   BAD_OPCODE and BAD_ENGINE SGPU_ERR_UNSUPPORTED, BAD_FRAME, BAD_CONTEXT and BAD_ARGUMENT
 *   SGPU_ERR_INVALID, CONTEXT_EXISTS SGPU_ERR_BUSY, BAD_STATE SGPU_ERR_STATE,
 *   NO_RESOURCES SGPU_ERR_NOMEM, RESET_FAILED SGPU_ERR_DEVICE_LOST, others SGPU_ERR_DEVICE.
 * A completion that does not come in time is SGPU_ERR_TIMEOUT; the frame stays in the ring,
 * so a later completion of it is ignored. */
int sgpu_ctl_call(sgpu_dev *dev, union sgpu_ctrl_frame *frame, uint32_t *fw_status,
                  unsigned timeout_ms);

/* Several frames in one go: published together and rung for once, so the firmware takes them
 * in one pass (a suspend, a resume and a suspend again before the first is acknowledged).
 * results[i] gets frame i's result as sgpu_ctl_call's. Returns SGPU_OK once all were sent
 * (results say how each went), or the error that stopped the sending. 1 to 64 frames, and
 * no more than the control ring's slots (SGPU_ERR_INVALID). */
int sgpu_ctl_call_many(sgpu_dev *dev, union sgpu_ctrl_frame *frames, unsigned n, int *results,
                       unsigned timeout_ms);

/* The firmware's STATUS block (QUERY_STATUS). */
int sgpu_ctl_query_status(sgpu_dev *dev, struct sgpu_status *status);

/* SGPU_OK, or SGPU_ERR_DEVICE_LOST once the device was found lost (the firmware broke the
 * ring protocol, an event asked for an adapter reset, an engine reset failed). */
int sgpu_device_state(const sgpu_dev *dev);

/* ---- Events ------------------------------------------------------------------------- */

typedef struct sgpu_ctx sgpu_ctx;

/* One event record, decoded. */
struct sgpu_event_info {
    unsigned type;      /* enum sgpu_event */
    unsigned flags;     /* SGPU_EVENT_FLAG_* */
    uint32_t seq;
    uint32_t ctx_id;    /* or SGPU_PROTO_CONTEXT_NONE */
    unsigned node, engine;
    unsigned reason;    /* CONTEXT_ERROR: enum sgpu_cmd_error */
    uint64_t value, aux;
    uint32_t missed;    /* records the seq gap says were lost just before this one */
    sgpu_ctx *ctx;      /* this device's context with ctx_id, or NULL */
};

typedef void (*sgpu_event_fn)(sgpu_dev *dev, const struct sgpu_event_info *ev, void *user);

/* The callback that sees every event the library consumes (while waiting for fences,
 * submitting, or in sgpu_events_poll without a callback of its own). NULL: none. */
int sgpu_set_event_callback(sgpu_dev *dev, sgpu_event_fn fn, void *user);

/* Consumes every record the firmware has posted, advancing the event ring's tail: marks
 * contexts in error, then calls fn (NULL: the device's callback) for each. Returns how many
 * records were consumed (>= 0) or an error (SGPU_ERR_DEVICE_LOST for an impossible head). */
int sgpu_events_poll(sgpu_dev *dev, sgpu_event_fn fn, void *user);

/* Event records lost so far, from seq gaps (records with EVENTS_LOST add at least one). */
uint64_t sgpu_events_missed(const sgpu_dev *dev);

/* ---- Contexts ----------------------------------------------------------------------- */

/* Library behaviour bits for sgpu_ctx_options.lib_flags. */
#define SGPU_CTX_NONBLOCK 0x1u  /* no ring space: SGPU_ERR_BUSY instead of waiting */

struct sgpu_ctx_options {
    uint32_t ring_bytes;     /* power of two, 256 B .. 16 MiB (0: 64 KiB) */
    unsigned band;           /* enum sgpu_band (0 is IDLE: see SGPU_CTX_OPTIONS_INIT) */
    unsigned flags;          /* SGPU_CTX_FLAG_* of the protocol (CREATE_CONTEXT.flags) */
    unsigned lib_flags;      /* SGPU_CTX_NONBLOCK */
    unsigned timeout_ms;     /* longest wait for ring space (0: the device's timeout) */
};
/* Start from this: a zeroed band would be IDLE. */
#define SGPU_CTX_OPTIONS_INIT {.ring_bytes = 0, .band = SGPU_BAND_NORMAL}

/* Creates a hardware context on node (SGPU_NODE_COPY or SGPU_NODE_COMPUTE): picks a free
 * id below CP.CTX_COUNT, allocates its ring (aligned to its size), progress fence and save
 * area, and sends CREATE_CONTEXT. opts NULL: 64 KiB ring, NORMAL band, no flags. */
int sgpu_ctx_create(sgpu_dev *dev, unsigned node, const struct sgpu_ctx_options *opts,
                    sgpu_ctx **out);
/* DESTROY_CONTEXT, then frees the context's memory. If the firmware does not confirm, the
 * memory stays allocated until sgpu_close (the device may still write it); the handle is
 * freed either way. NULL is allowed. */
int sgpu_ctx_destroy(sgpu_ctx *ctx);

uint32_t sgpu_ctx_id(const sgpu_ctx *ctx);
unsigned sgpu_ctx_node(const sgpu_ctx *ctx);
/* Bus address of the context's progress fence: what another context's WAIT polls. */
uint64_t sgpu_ctx_fence_addr(const sgpu_ctx *ctx);

/* Why a context is in error, once a CONTEXT_ERROR or CONTEXT_RESET event marked it. */
struct sgpu_ctx_fault {
    unsigned event;        /* SGPU_EVENT_CONTEXT_ERROR or SGPU_EVENT_CONTEXT_RESET */
    unsigned reason;       /* CONTEXT_ERROR: enum sgpu_cmd_error */
    unsigned flags;        /* the event's flags (COLLATERAL_DAMAGE ...) */
    uint64_t ring_offset;  /* CONTEXT_ERROR: byte offset of the offending command */
    uint64_t value;        /* the event's value (CONTEXT_RESET: last progress-fence value) */
    uint64_t aux;          /* CONTEXT_ERROR: the command's header DW or faulting address */
    unsigned reset_no;     /* CONTEXT_RESET: the driver's engine-reset count when it came */
};
/* SGPU_OK while the context is fine; SGPU_ERR_CTX_ERROR (fault filled, may be NULL) once in
 * error; SGPU_ERR_DEVICE_LOST (fault filled) once an engine reset invalidated it, or when the
 * whole device is lost. */
int sgpu_ctx_error(const sgpu_ctx *ctx, struct sgpu_ctx_fault *fault);

/* ---- Commands: appended to the context's ring, run after the next sgpu_submit ---------- */

/* Bits of the `flags` arguments below are the command's own header flags
 * (SGPU_CMD_FENCE_FLAG_IRQ, SGPU_CMD_COPY_FLAG_SRC_VRAM, ...); undefined bits, misaligned
 * addresses or lengths are SGPU_ERR_INVALID and the ring is untouched. No room in the ring:
 * wait for earlier submissions (SGPU_ERR_TIMEOUT), or SGPU_ERR_BUSY with SGPU_CTX_NONBLOCK;
 * SGPU_ERR_NOMEM if the unsubmitted commands alone fill the ring; SGPU_ERR_INVALID for a
 * command this ring could never place (twice its bytes plus 40 exceed the ring). A context
 * in error: SGPU_ERR_CTX_ERROR; a context an engine reset invalidated, or a lost device:
 * SGPU_ERR_DEVICE_LOST. */
int sgpu_cmd_nop(sgpu_ctx *ctx, unsigned dwords);   /* 1..255 DWs */
int sgpu_cmd_fence(sgpu_ctx *ctx, uint64_t addr, uint64_t value, unsigned flags);
int sgpu_cmd_wait(sgpu_ctx *ctx, uint64_t addr, uint64_t value, unsigned flags);
int sgpu_cmd_copy(sgpu_ctx *ctx, uint64_t src, uint64_t dst, uint32_t bytes, unsigned flags);
int sgpu_cmd_fill(sgpu_ctx *ctx, uint64_t dst, uint32_t bytes, uint32_t pattern,
                  unsigned flags);
int sgpu_cmd_timestamp(sgpu_ctx *ctx, uint64_t addr, unsigned flags);
int sgpu_cmd_dispatch(sgpu_ctx *ctx, uint32_t kernel, uint32_t grid_x, uint32_t grid_y,
                      uint32_t grid_z, uint32_t wg_size, uint32_t args);
/* DISPATCH with a host window (HOST_WINDOW, docs/kernels.md): the kernel's shader addresses
 * [SGPU_HOST_WINDOW, + SGPU_HOST_WINDOW_BYTES) reach host bus addresses from host_base on
 * (4 KiB aligned, else SGPU_ERR_INVALID). The host memory must stay mapped for the device
 * until the submission's fence. */
int sgpu_cmd_dispatch_host(sgpu_ctx *ctx, uint32_t kernel, uint32_t grid_x, uint32_t grid_y,
                           uint32_t grid_z, uint32_t wg_size, uint32_t args, uint64_t host_base);
#define SGPU_HOST_WINDOW       0x80000000u   /* the window's first shader address */
#define SGPU_HOST_WINDOW_BYTES 0x40000000u
/* The shader address at which a kernel of such a DISPATCH sees host bus address host_addr
 * (for its argument block); one outside the window gives SGPU_HOST_WINDOW +
 * SGPU_HOST_WINDOW_BYTES, which the kernel cannot access (KERNEL_BAD_ACCESS). */
uint32_t sgpu_host_window_addr(uint64_t host_base, uint64_t host_addr);

/* ---- Submission and fences ---------------------------------------------------------- */

#define SGPU_SUBMIT_IRQ 0x1u  /* the progress fence also raises MONITORED_FENCE_SIGNALED */

/* Appends a FENCE writing the next progress value and rings the context's doorbell with
 * the new tail. fence_value (may be NULL) gets the value that marks this submission done.
 * A suspended context queues the work until sgpu_ctx_resume. While this driver has the
 * context's engine reset (sgpu_engine_reset, until sgpu_engine_resume): SGPU_ERR_STATE. */
int sgpu_submit(sgpu_ctx *ctx, unsigned flags, uint64_t *fence_value);
/* The progress fence as the device last wrote it (0 before any submission completed). */
uint64_t sgpu_fence_read(const sgpu_ctx *ctx);
/* The value the latest sgpu_submit returned. */
uint64_t sgpu_fence_last_submitted(const sgpu_ctx *ctx);
/* Waits until the progress fence reaches value: SGPU_OK, SGPU_ERR_TIMEOUT, or
 * SGPU_ERR_CTX_ERROR if the context went into error first. Sleeps on the event MSI between
 * looks, consuming events meanwhile. timeout_ms 0 only looks. */
int sgpu_fence_wait(sgpu_ctx *ctx, uint64_t value, unsigned timeout_ms);
/* Submits nothing new; waits for everything submitted so far. */
int sgpu_ctx_idle(sgpu_ctx *ctx, unsigned timeout_ms);

/* ---- VRAM --------------------------------------------------------------------------- */

/* First-fit allocation of bytes (rounded up to 8) at a multiple of align (a power of two,
 * 8 or more; 0 means 8) in the device's SGPU_CFG_VRAM_BYTES. SGPU_ERR_NOMEM when no gap
 * fits. */
int sgpu_vram_alloc(sgpu_dev *dev, uint32_t bytes, uint32_t align, uint32_t *addr);
/* SGPU_ERR_INVALID if addr does not start an allocation. */
int sgpu_vram_free(sgpu_dev *dev, uint32_t addr);
/* Bytes allocated. */
uint32_t sgpu_vram_used(const sgpu_dev *dev);
/* Copy between process memory and VRAM through the DMA block and a bounce buffer: addr and
 * bytes multiples of 8 (SGPU_ERR_ALIGN), inside VRAM (SGPU_ERR_RANGE). */
int sgpu_vram_write(sgpu_dev *dev, uint32_t addr, const void *src, size_t bytes);
int sgpu_vram_read(sgpu_dev *dev, uint32_t addr, void *dst, size_t bytes);

/* ---- Kernels ------------------------------------------------------------------------ */

typedef struct sgpu_kernel sgpu_kernel;

/* Reads a flat kernel image (docs/kernels.md: position independent, entry at its first
 * byte), allocates VRAM for it (64-aligned) and uploads it. A file that cannot be opened or
 * is empty or larger than VRAM: SGPU_ERR_INVALID; a read error SGPU_ERR_IO. */
int sgpu_kernel_load(sgpu_dev *dev, const char *path, sgpu_kernel **out);
/* The same from memory. */
int sgpu_kernel_load_image(sgpu_dev *dev, const void *image, size_t bytes, sgpu_kernel **out);
uint32_t sgpu_kernel_addr(const sgpu_kernel *kernel);  /* entry point in VRAM */
uint32_t sgpu_kernel_size(const sgpu_kernel *kernel);  /* image bytes */
/* Frees the kernel's VRAM. NULL is allowed. */
void sgpu_kernel_free(sgpu_kernel *kernel);

#ifdef __cplusplus
}
#endif

#endif /* SGPU_CTX_H */
