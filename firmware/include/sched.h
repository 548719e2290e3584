/* sched.h: the context scheduler: per-context state, priority bands, time slices, suspend
 * and resume, engine stops, errors and resets (docs: ../shared/spec/hwsched.md). */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_SCHED_H
#define SGPU_SCHED_H

#include <stdint.h>

#include "engine.h"
#include "sgpu_protocol.h"

/* Contexts the firmware can track: the register map's CTX array. */
#define SCHED_MAX_CTX SGPU_CTX_COUNT
#define SCHED_BANDS 4u
#define SCHED_NO_CTX 0xFFu

/* Default time slice: 1 ms (the Windows, GuC and NVIDIA figure). */
#define SCHED_DEFAULT_QUANTUM_100NS 10000u
/* A STOP not obeyed within this long is reported as GPU_ENGINE_TIMEOUT (GuC: 640 ms). A
 * build may set it shorter (the TDR suite's firmware: mk/firmware.mk). */
#ifndef SCHED_PREEMPT_TIMEOUT_CYCLES
#define SCHED_PREEMPT_TIMEOUT_CYCLES (SGPU_CFG_CLK_HZ / 100u * 64u)
#endif
/* How long a DESTROY_CONTEXT or RESET_ENGINE waits for the engine to stop. */
#define SCHED_SYNC_STOP_CYCLES (SGPU_CFG_CLK_HZ / 100u) /* 10 ms */

/* 100 ns units to device (machine timer) cycles, saturating. */
uint32_t sched_cycles(uint32_t units_100ns);

enum ctx_state {
    CTX_FREE,      /* not created (or destroyed) */
    CTX_IDLE,      /* nothing to run: head == TAIL */
    CTX_READY,     /* work to run, waiting for its engine */
    CTX_RUNNING,   /* on its engine (perhaps polling a WAIT, or stopping) */
    CTX_WAITING,   /* blocked in a WAIT: retried when the engine is free, and every quantum */
    CTX_SUSPENDED, /* the host suspended it: doorbells remembered (TAIL), nothing runs */
    CTX_ERROR,     /* a command failed or a reset invalidated it: never runs again */
};

/* Suspend acknowledgements a context can owe at once (suspend, resume, suspend, ...). */
#define SCHED_SUSPEND_ACKS 4u

struct suspend_ack {
    uint64_t fence_addr;
    uint64_t value;
};

struct sched_ctx {
    uint8_t state;          /* enum ctx_state */
    uint8_t engine;
    uint8_t band;           /* enum sgpu_band */
    uint8_t suspend_wanted; /* the host's latest word was SUSPEND (the context may still run) */
    uint8_t realtime_level;
    int8_t in_process_priority;
    uint8_t nacks;          /* acks owed: written once the context is off its engine */
    uint8_t logged_state;   /* the last CTX_STATE written to the scheduling log */
    uint8_t partial;        /* the command at head was preempted inside: START with RESUME */
    uint32_t head;          /* ring byte offset where it resumes */
    uint32_t start_tail;    /* CTX.TAIL when it last started: what the engine could see */
    uint32_t stamp;         /* round-robin order in its band: the smallest runs first */
    uint32_t quantum;       /* cycles; 0: the band's */
    uint32_t grace_same, grace_lower; /* 100 ns units: stored for the host, not used yet */
    uint64_t progress_fence;
    uint64_t last_suspend_value;
    uint8_t suspended_once;
    struct suspend_ack acks[SCHED_SUSPEND_ACKS];
};

struct sched_band {
    uint32_t grace;   /* cycles before this band preempts a lower one (0: at once) */
    uint32_t quantum; /* cycles; 0: SCHED_DEFAULT_QUANTUM_100NS */
    uint32_t process_grace; /* 100 ns units: stored, not used yet */
    uint32_t pad;     /* a power-of-two size: indexed by a shift (a multiply takes 34 cycles) */
};

struct sched_engine {
    uint8_t current;     /* context on the engine, or SCHED_NO_CTX */
    uint8_t in_reset;    /* RESET_ENGINE done (or wedged), RESUME_ENGINE not yet: nothing starts */
    uint8_t reset_done;  /* RESET_ENGINE done, RESUME_ENGINE not yet: a second reset is refused */
    uint8_t stopping;    /* STOP sent, STOPPED not seen yet */
    uint8_t poll_wait;   /* started with CONFIG.POLL_WAIT */
    uint8_t slice_over;  /* the quantum ended with nobody else to run */
    uint8_t timeout_reported;
    uint64_t slice_end;  /* mtime when the running context's quantum ends */
    uint64_t preempt_at; /* mtime when a higher band preempts (0: none) */
    uint64_t stop_sent_at;
};

/* Sets of contexts, bit id for context id: the scheduler finds its candidates with a
 * lowest-set-bit loop instead of scanning every context. */
typedef uint32_t ctx_set;
_Static_assert(SCHED_MAX_CTX <= 32, "a ctx_set has one bit per context");

struct sched {
    uint32_t ctx_count; /* CP.CTX_COUNT, at most SCHED_MAX_CTX */
    uint32_t next_stamp;
    uint32_t doorbells_dropped; /* for contexts free or in error */
    uint8_t target_normal_pct;
    ctx_set ready[ENG_COUNT];   /* CTX_READY, by engine */
    ctx_set waiting[ENG_COUNT]; /* CTX_WAITING, by engine */
    ctx_set state_changed;      /* state set on a logging engine since sched_background looked */
    ctx_set acks_owed;          /* suspend acknowledgements owed (nacks > 0) */
    ctx_set stats_dirty;        /* STATS records to write (stats.h) */
    struct sched_ctx ctx[SCHED_MAX_CTX];
    struct sched_band band[SCHED_BANDS];
    struct sched_engine eng[ENG_COUNT];
};

extern struct sched sched;

/* Forget every context; engines idle; bands at their defaults. */
void sched_init(uint32_t ctx_count);

/* Doorbells: `pending` is what DB_PENDING said (already written to DB_CLEAR). */
void sched_doorbells(uint32_t pending);
/* An engine's IRQ (FENCE and/or STOPPED): read, clear, act. */
void sched_engine_irq(unsigned e);
/* Every engine with an IRQ up: sched_engine_irq. Nonzero if there was one. */
int sched_engines(void);
/* The machine timer reached `now`: quanta, grace periods, stop timeouts. */
void sched_tick(uint64_t now);
/* The next mtime sched_tick needs to run at (UINT64_MAX: none). */
uint64_t sched_next_deadline(void);

/* Control operations; each returns an enum sgpu_ctrl_status. Arguments are validated by the
 * caller (ctrl.c) except for the state checks done here. */
uint32_t sched_create(uint32_t id, unsigned engine, unsigned band,
                      uint64_t progress_fence);
uint32_t sched_destroy(uint32_t id);
uint32_t sched_suspend(uint32_t id, uint64_t fence_addr, uint64_t value);
uint32_t sched_resume(uint32_t id);
/* guilty: the context the host blames, or SGPU_PROTO_CONTEXT_NONE (the running one). */
uint32_t sched_reset_engine(unsigned e, uint32_t guilty);
uint32_t sched_resume_engine(unsigned e);
uint32_t sched_set_properties(uint32_t id, unsigned band, unsigned realtime_level,
                              int in_process_priority, uint32_t quantum_100ns,
                              uint32_t grace_same, uint32_t grace_lower);
void sched_set_band(unsigned band, uint32_t grace_100ns, uint32_t quantum_100ns,
                    uint32_t process_grace_100ns);

/* Work that may wait until the latency-critical part is done: suspend fences and their
 * events for contexts that were not on an engine (suspended while idle or waiting, or in
 * error; a context that stops is acknowledged as it stops), and scheduling-log entries. */
void sched_background(void);

/* SET_LOG_BUFFER started a log for engine e: every context of it is logged again from its
 * current state on. */
void sched_log_restart(unsigned e);

/* Whether id names a created context. */
int sched_ctx_live(uint32_t id);

/* The scheduling-log state of a context (enum sgpu_ctx_state). */
uint32_t sched_log_state(const struct sched_ctx *c);

#endif /* SGPU_SCHED_H */
