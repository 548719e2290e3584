/* schedlog.h: the scheduling log of one engine [hwsched 5] (SET_LOG_BUFFER). */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_SCHEDLOG_H
#define SGPU_SCHEDLOG_H

#include <stdint.h>

/* Log engine e's context state changes to buffer (0: stop logging), NumberOfEntries
 * entries, SCHEDULING_LOG_INTERRUPT when entry interrupt_entry is written. Writes a fresh
 * header (index 0, no wrap); the old buffer is never written again. 0, or -EIO when the
 * header could not be written (logging stays off). */
int schedlog_set(unsigned e, uint64_t buffer, uint32_t entries, uint32_t interrupt_entry);

/* Engines that log, bit e for engine e (read on every context state change). */
extern uint32_t schedlog_engines;

static inline int schedlog_active(unsigned e)
{
    return (schedlog_engines >> e) & 1u;
}

/* One CONTEXT_STATE_CHANGE entry: context ctx is now in state (enum sgpu_ctx_state). */
void schedlog_record(unsigned e, uint32_t ctx, uint32_t state);

void schedlog_init(void);

#endif /* SGPU_SCHEDLOG_H */
