/* sgpu_hwsched.h: libsgpu's hardware-scheduling API (part of sgpu.h): suspending, resuming
 * and moving contexts, resetting and resuming engines, engine status, the preemption
 * granularity. The contract is the hwsched spec ([hwsched N] in sgpu_protocol.h): WDDM's
 * hardware scheduling, with the host library as the KMD and the firmware as the GPU
 * scheduler. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_HWSCHED_H
#define SGPU_HWSCHED_H

#include <stdint.h>

#include "sgpu_ctx.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Conventions are sgpu.h's: SGPU_OK or a negative code with a detail in sgpu_last_error();
 * SGPU_PENDING (1) where an operation was accepted and completes later.
 * docs/libsgpu.md ("Hardware scheduling") describes the API.
 */

/* ---- Suspend and resume a context (DxgkDdiSuspendContext / DxgkDdiResumeContext) ------ */

/* Preempts the context as soon as possible (no grace period) with the next suspend value
 * (1, 2, 3 ... per context; value, may be NULL, gets it). SGPU_OK: the context was already
 * suspended, and its suspend fence already holds the value. SGPU_PENDING: the firmware
 * writes the suspend fence with the value and posts SUSPEND_CONTEXT_COMPLETED {context,
 * value} once the context is off its engine (sgpu_ctx_suspend_wait). Work submitted while
 * suspended is queued, not run; the doorbell stays connected. An unknown or destroyed
 * context: SGPU_ERR_INVALID; one invalidated by an engine reset: SGPU_ERR_DEVICE_LOST. */
int sgpu_ctx_suspend(sgpu_ctx *ctx, uint64_t *value);
/* Waits until the suspend fence reaches value (0: the latest suspend's), consuming events:
 * SGPU_OK or SGPU_ERR_TIMEOUT. timeout_ms 0 only looks. */
int sgpu_ctx_suspend_wait(sgpu_ctx *ctx, uint64_t value, unsigned timeout_ms);
/* The suspend fence as the firmware last wrote it (0 before any acknowledgement). */
uint64_t sgpu_ctx_suspend_fence(const sgpu_ctx *ctx);
/* 1 when the latest suspend was acknowledged and no resume followed it, else 0: only then
 * does the device hold no reference to the context. */
int sgpu_ctx_is_suspended(const sgpu_ctx *ctx);
/* Makes the context schedulable again; its queued work runs in order. A context not
 * suspended: SGPU_OK, nothing changes. Invalidated: SGPU_ERR_DEVICE_LOST. */
int sgpu_ctx_resume(sgpu_ctx *ctx);
/* Moves a suspended context's ring and save area to new host memory: allocates them, copies
 * the ring (commands queued while suspended included) and the saved state, points
 * CTX.RING_BASE and CTX.SAVE_ADDR there, then clears and frees the old memory (a device
 * that still read it would find zeroes: not a command). The fences stay where they are.
 * SGPU_ERR_STATE unless the latest suspend is acknowledged (sgpu_ctx_is_suspended). */
int sgpu_ctx_move(sgpu_ctx *ctx);

/* The same by raw context id, for a context this driver did not create (an earlier
 * session's, kept by the firmware): the suspend fence is this call's own memory, so the call
 * waits for the acknowledgement (timeout_ms, 0: the device's timeout). value must exceed
 * every earlier suspend value of that context (the CLI uses the device's cycle counter).
 * *already (may be NULL) is 1 if the context was already suspended. An id no context has:
 * SGPU_ERR_INVALID. */
int sgpu_ctx_suspend_id(sgpu_dev *dev, uint32_t ctx_id, uint64_t value, unsigned timeout_ms,
                        int *already);
int sgpu_ctx_resume_id(sgpu_dev *dev, uint32_t ctx_id);

/* ---- Engines (DxgkDdiResetHwEngine / DxgkDdiResumeHwEngine / QueryEngineStatus) --------- */

/* Called once per context the reset invalidated (InvalidateHwContext): ctx is this
 * driver's handle (NULL for a context of another session), collateral 0 for the culprit and
 * 1 for a context hurt by the reset, progress its last progress-fence value. */
typedef void (*sgpu_reset_fn)(sgpu_dev *dev, sgpu_ctx *ctx, uint32_t ctx_id, int collateral,
                              uint64_t progress, void *user);

struct sgpu_engine_reset_options {
    /* The context the host blames (its TDR saw its submission overrun or its suspend go
     * unacknowledged), or SGPU_PROTO_CONTEXT_NONE: the context on the engine is the culprit. */
    uint32_t guilty_ctx_id;
    unsigned timeout_ms;  /* for the firmware's answer (0: the device's timeout) */
};
#define SGPU_ENGINE_RESET_OPTIONS_INIT {.guilty_ctx_id = SGPU_PROTO_CONTEXT_NONE}

/* Resets only that engine's datapath. Every context it invalidated is marked (never
 * scheduled again; its submissions and commands give SGPU_ERR_DEVICE_LOST naming the reset
 * and whether it was guilty; the library never rings its doorbell again) and reported to fn
 * (may be NULL). The engine then runs nothing, and this driver submits nothing to it, until
 * sgpu_engine_resume. No such engine, or a guilty context that is not a live one of the
 * engine: SGPU_ERR_INVALID; an engine already reset and not resumed: SGPU_ERR_STATE
 * (nothing sent). The engine did not come out of reset: SGPU_ERR_DEVICE_LOST (reset the
 * adapter). With _opts, *reset_no (may be NULL) gets this handle's count of resets: the
 * number the invalidated contexts' errors name. */
int sgpu_engine_reset(sgpu_dev *dev, unsigned node, unsigned engine, sgpu_reset_fn fn,
                      void *user);
int sgpu_engine_reset_opts(sgpu_dev *dev, unsigned node, unsigned engine,
                           const struct sgpu_engine_reset_options *opts, sgpu_reset_fn fn,
                           void *user, unsigned *reset_no);
/* Starts scheduling the engine's runnable contexts the reset did not affect. An engine not
 * reset: SGPU_ERR_STATE; no such engine: SGPU_ERR_INVALID. */
int sgpu_engine_resume(sgpu_dev *dev, unsigned node, unsigned engine);

struct sgpu_engine_status {
    int present;            /* the build has the engine */
    int running;            /* scheduling: clear from a reset to its resume */
    int responsive;         /* making progress: not stuck on a preemption past its timeout */
    uint64_t as_of_cycles;  /* device cycles when the firmware looked */
    uint32_t progress;      /* the progress value: commands the engine finished since it came
                             * out of reset (ENG.COMMANDS, wraps); a hung engine's stays put */
};
/* QueryEngineStatus, from the firmware's STATUS block. No such engine: SGPU_ERR_INVALID. */
int sgpu_engine_status(sgpu_dev *dev, unsigned node, unsigned engine,
                       struct sgpu_engine_status *status);
/* QueryDependentEngineGroup: the engines (bit node * 8 + engine) a reset of this one takes
 * down, itself included. Each sgpu engine has a datapath of its own: just itself. */
int sgpu_engine_dependents(sgpu_dev *dev, unsigned node, unsigned engine, uint32_t *mask);

/* The adapter's compute preemption granularity (enum sgpu_preemption: the coarsest over
 * its engines), from STATUS.compute_preemption. */
int sgpu_preemption_granularity(sgpu_dev *dev, enum sgpu_preemption *granularity);
/* "DISPATCH_BOUNDARY" and the like; "UNKNOWN" for other values. */
const char *sgpu_preemption_name(unsigned granularity);

#ifdef __cplusplus
}
#endif

#endif /* SGPU_HWSCHED_H */
