/* stats.h: per-context and per-engine activity, kept by the scheduler and published in the
 * device's STATS block (records: STATS_CTX, STATS_ENG, STATS_HEADER in docs/protocol.md),
 * which any host program reads through BAR0 without owning the device (sgpu top). */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_STATS_H
#define SGPU_STATS_H

#include <stdint.h>

#include "engine.h"
#include "sched.h"

/* Totals of one context since it was created (32 bytes: indexed by a shift). */
struct stats_ctx {
    uint64_t busy;        /* ENG.BUSY_CYCLES while it was on its engine */
    uint32_t commands;    /* ENG.COMMANDS while it was on its engine */
    uint32_t submissions; /* doorbells consumed */
    uint32_t preemptions; /* stops before its work was done */
    uint32_t starts;      /* times put on its engine */
    uint32_t seq;         /* the record's sequence word: kept across create and destroy */
    uint32_t pad;
};

struct stats_eng {
    uint64_t busy;          /* since boot, across engine resets */
    uint32_t commands;
    uint32_t seen_busy;     /* ENG.BUSY_CYCLES and COMMANDS when last accounted */
    uint32_t seen_commands;
    uint32_t seq;
};

extern struct stats_ctx stats_ctx[SCHED_MAX_CTX];
extern struct stats_eng stats_eng[ENG_COUNT];
extern uint32_t stats_eng_dirty; /* bit e: engine e's record is to be written */

/* Clear the STATS block, publish the engines and the header. After sched_init. */
void stats_init(void);

/* ENG counters read at an accounting point (a stop, a refresh, before a reset). */
struct stats_sample {
    uint32_t busy, commands;
};

static inline __attribute__((always_inline)) struct stats_sample stats_sample(unsigned e)
{
    struct stats_sample s = {hal_read32(SGPU_ENG_BUSY_CYCLES_ADDR_I(e)),
                             hal_read32(SGPU_ENG_COMMANDS_ADDR_I(e))};
    return s;
}

/* Add what engine e did since it was last accounted (up to sample s) to context id
 * (SCHED_NO_CTX: to the engine only). The sample is taken where the work ends (the engine
 * stopped), the sums may wait until after the next START. */
void stats_account(unsigned e, unsigned id, struct stats_sample s);

/* Engine e's counters restarted (ENG RESET): account from their value now. */
void stats_rebase(unsigned e);

/* A context is created or destroyed: its totals start again at 0. */
void stats_clear(unsigned id);

/* Account the running contexts at the first loop pass STATS_REFRESH_CYCLES after the last
 * time (the heartbeat makes a pass at least every HEARTBEAT_PERIOD_CYCLES); returns when it
 * is next due. The loop calls it on every pass: a compare, unless it is due. */
extern uint64_t stats_next_refresh;
uint64_t stats_refresh(uint64_t now);
static inline __attribute__((always_inline)) uint64_t stats_poll(uint64_t now)
{
    return now < stats_next_refresh ? stats_next_refresh : stats_refresh(now);
}

/* Write the records marked dirty (sched.stats_dirty, then stats_eng_dirty), back to back:
 * 0 when all are written, 1 when it stopped for the loop. The loop calls it only when it has
 * nothing else to do. Between two records and halfway through each it looks at its
 * interrupt line (mip): if a doorbell, control frame or engine is waiting it stops (a
 * record half written stays odd and dirty): a doorbell waits for half a record at most. */
int stats_publish(void);

#endif /* SGPU_STATS_H */
