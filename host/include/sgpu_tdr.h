/* sgpu_tdr.h: timeout detection and recovery (TDR) in libsgpu (part of sgpu.h): a watchdog
 * over submissions, suspends, the firmware's engine timeouts and its heartbeat, recovering
 * with the least disturbance that works. docs/libsgpu.md ("Timeout detection and recovery")
 * describes the policy. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_TDR_H
#define SGPU_TDR_H

#include <stdint.h>

#include "sgpu.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What the watchdog saw. */
enum sgpu_tdr_cause {
    SGPU_TDR_SUBMISSION_LIMIT = 1, /* a submission ran past its limit (not DISABLE_GPU_TIMEOUT) */
    SGPU_TDR_SUSPEND_TIMEOUT = 2,  /* a suspend not acknowledged within TdrDelay */
    SGPU_TDR_ENGINE_TIMEOUT = 3,   /* the firmware's GPU_ENGINE_TIMEOUT: a preemption ignored */
    SGPU_TDR_HEARTBEAT = 4,        /* the control core stopped beating (ID.HEARTBEAT) */
};

/* What it did. */
enum sgpu_tdr_action {
    SGPU_TDR_CONTEXT_REMOVED = 1,  /* the context was preempted in time and then removed:
                                    * no engine reset, nobody else disturbed */
    SGPU_TDR_ENGINE_RESET = 2,     /* engine reset naming the guilty context, then resumed */
    SGPU_TDR_ADAPTER_RESET = 3,    /* the whole device reset, firmware reloaded */
};

/* One detection and its recovery (sgpu_tdr_log, the callback). */
struct sgpu_tdr_record {
    uint64_t cycle;         /* device time of the detection (CP.CYCLES) */
    unsigned cause;         /* enum sgpu_tdr_cause */
    unsigned action;        /* enum sgpu_tdr_action */
    unsigned node, engine;  /* the engine, or ~0u for the adapter (HEARTBEAT) */
    uint32_t ctx_id;        /* the guilty context, or SGPU_PROTO_CONTEXT_NONE */
    uint64_t hung_cycles;   /* how long it had been stuck when seen */
    unsigned hangs_in_window; /* hangs within TdrLimitTime, this one included */
    unsigned contexts_lost; /* contexts this recovery invalidated */
    int result;             /* SGPU_OK, or the recovery's error (the device may be lost) */
    char detail[160];       /* one line for people */
};

/* Policy, in device cycles (SGPU_CFG_CLK_HZ per second); zeros take the defaults. */
struct sgpu_tdr_options {
    uint64_t delay_cycles;        /* TdrDelay: suspend and preemption acknowledgement (2 s) */
    uint64_t submit_limit_cycles; /* longest submission without DISABLE_GPU_TIMEOUT (2 s) */
    unsigned limit_count;         /* TdrLimitCount: more hangs than this ... (5) */
    uint64_t limit_time_cycles;   /* ... within TdrLimitTime reset the adapter (60 s) */
    unsigned heartbeat_periods;   /* HEARTBEAT_CYCLES without a beat: the core is dead (16) */
    const char *firmware;         /* the image an adapter reset loads (NULL: the default) */
    const char *log_path;         /* every record is also appended here, one line each, for
                                   * `sgpu tdr` (NULL: $SGPU_TDR_LOG, unset: no file) */
};

/* The log file's line: tab-separated fields, the detail last:
 *   UTC time (ISO 8601), device cycle, cause, action, node, context (-1: none), hung cycles,
 *   hangs in the window, contexts lost, result (SGPU_OK or the error's name), detail */
#define SGPU_TDR_LOG_ENV "SGPU_TDR_LOG"

typedef void (*sgpu_tdr_fn)(sgpu_dev *dev, const struct sgpu_tdr_record *rec, void *user);

/* Starts the watchdog, or starts it afresh (an empty log and hang history) with new options;
 * fn (may be NULL) hears of every recovery. From then on every libsgpu wait (fences,
 * suspends, control frames, ring space) checks at most every few milliseconds;
 * sgpu_tdr_poll checks at once. opts NULL: the defaults. */
int sgpu_tdr_enable(sgpu_dev *dev, const struct sgpu_tdr_options *opts, sgpu_tdr_fn fn,
                    void *user);
int sgpu_tdr_disable(sgpu_dev *dev);

/* Checks every watched thing now and recovers what hangs: the number of recoveries done
 * (>= 0), or a negative code when a check itself failed. */
int sgpu_tdr_poll(sgpu_dev *dev);

/* The most recent records, oldest first: up to max into out; *total (may be NULL) gets how
 * many there were since the watchdog started (the log keeps the last 64). */
int sgpu_tdr_log(sgpu_dev *dev, struct sgpu_tdr_record *out, unsigned max, unsigned *count,
                 unsigned *total);

/* "SUBMISSION_LIMIT", "ENGINE_RESET" and the like. */
const char *sgpu_tdr_cause_name(unsigned cause);
const char *sgpu_tdr_action_name(unsigned action);

#ifdef __cplusplus
}
#endif

#endif /* SGPU_TDR_H */
