/* heartbeat.h: ID.HEARTBEAT, the host's evidence that the control core is alive. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_HEARTBEAT_H
#define SGPU_HEARTBEAT_H

#include <stdint.h>

#include "sgpu_regs.h"

/* Beat twice per HEARTBEAT_CYCLES: a beat may wait for the rest of a loop pass. */
#define HEARTBEAT_PERIOD_CYCLES (SGPU_CFG_HEARTBEAT_CYCLES / 2u)

/* Beats once now. */
void heartbeat_init(void);
/* Beats if one is due at `now` (the machine timer); returns when the next one is due. Every
 * loop that can keep the firmware busy for long (the event loop, bounded waits) calls it. */
uint64_t heartbeat_poll(uint64_t now);
/* Beats so far: the value ID.HEARTBEAT holds. */
uint32_t heartbeat_count(void);

#endif /* SGPU_HEARTBEAT_H */
