/* fw.h: the control-core firmware's boot, status and trap logic (plain C over hal.h). */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_FW_H
#define SGPU_FW_H

#include <stdint.h>

#define FW_NAME "sgpu-fw"
#define FW_VERSION "0.1.0"

/*
 * FW_STATUS.CODE when STATE is FAILED. Every code is below 256 and non-zero, so it is also
 * the firmware's exit status in the bare runner.
 */
#define FW_ERR_BAD_MAGIC     0x01u /* ID.MAGIC is not SGPU_ID_MAGIC_RESET */
#define FW_ERR_BAD_MAJOR     0x02u /* ID.VERSION.MAJOR is not the one this firmware was built for */
#define FW_ERR_EXCEPTION     0x10u /* + mcause (0..15): an unexpected exception */
#define FW_ERR_INTERRUPT     0x20u /* + mcause low bits (0..15): an interrupt with no handler */

/* Set FW_STATUS to a state (SGPU_ID_FW_STATUS_STATE_*) with CODE 0. */
void fw_set_state(uint32_t state);
/* Set FW_STATUS to FAILED with `code`, and say so on the console. */
void fw_fail(uint32_t code);

/* The boot sequence: BOOTING, check the identity block, RUNNING and the banner.
 * Returns 0, or the FW_ERR_* code it failed with (FW_STATUS then says FAILED). */
uint32_t fw_boot(void);

/* The loop after a good boot (idle.c): waits for interrupts, never returns. Host unit tests
 * link their own, which must not return either (test_boot.c longjmps out of it). */
void fw_idle(void) __attribute__((noreturn));

/* The loop on a device with a command processor (ID.CAPS.CP, loop.c): serves the host's
 * control ring, doorbells and engines, never returns. Host unit tests of main link their
 * own, as for fw_idle. */
void fw_serve(void) __attribute__((noreturn));

/* What the trap handler saw last. */
struct fw_trap {
    uint32_t count;
    uint32_t mcause;
    uint32_t mepc;
    uint32_t mtval;
};
extern struct fw_trap fw_last_trap;

/* An interrupt handler, called with interrupts off; it must clear its source. */
typedef void (*fw_irq_fn)(void);
/* Install (or with NULL remove) the handler of HAL_CAUSE_IRQ_TIMER or _EXTERNAL.
 * Returns 0, or -EINVAL for another cause. */
int fw_set_irq_handler(uint32_t mcause, fw_irq_fn fn);

/* Called by the trap entry (start.S) with the trap CSRs. Returns 0 to resume at mepc,
 * or the FW_ERR_* code when the trap was fatal: FW_STATUS says FAILED, the console says
 * why, EXIT has been written, and the entry then halts. */
uint32_t fw_trap(uint32_t mcause, uint32_t mepc, uint32_t mtval);

#endif /* SGPU_FW_H */
