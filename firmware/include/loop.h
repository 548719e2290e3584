/* loop.h: the firmware's main loop on a device with a command processor (CAPS.CP). */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_LOOP_H
#define SGPU_LOOP_H

/* Set the scheduler up: contexts, engines (IRQ_ENABLE = STOPPED | FENCE), timer, and
 * mie = EXTERNAL | TIMER with mstatus.MIE left clear, so that interrupts only end a wfi. */
void loop_init(void);

/* One pass over every source, doorbells first and again between the other sources (engine
 * IRQs, control ring, timer, background work), then, when none had anything, the STATS
 * records that changed (stats.h): returns non-zero when it did something or stopped for
 * something new (the caller polls again before sleeping). */
int loop_poll(void);

#endif /* SGPU_LOOP_H */
