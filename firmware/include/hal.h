/* hal.h: the firmware's hardware-access layer (real MMIO in hal_rv.c, a fake in hal_host.c). */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_HAL_H
#define SGPU_HAL_H

#include <stdint.h>

#include "sgpu_regs.h"

/* Interrupt sources, as bits of the mie/mip CSRs. */
#define HAL_IRQ_TIMER    (1u << 7)  /* MTIE / MTIP */
#define HAL_IRQ_EXTERNAL (1u << 11) /* MEIE / MEIP */

/* mcause values of the two interrupts (interrupt bit set). */
#define HAL_CAUSE_IRQ_TIMER    0x80000007u
#define HAL_CAUSE_IRQ_EXTERNAL 0x8000000Bu

/* Register access: addr is a SGPU_*_ADDR constant from sgpu_regs.h. On the core they are
 * inline loads and stores (the doorbell-to-START path counts instructions); host builds
 * call the fake register file. */
#if defined(__riscv)
static inline uint32_t hal_read32(uint32_t addr)
{
    return *(volatile uint32_t *)(uintptr_t)addr;
}
static inline void hal_write32(uint32_t addr, uint32_t value)
{
    *(volatile uint32_t *)(uintptr_t)addr = value;
}
#else
uint32_t hal_read32(uint32_t addr);
void hal_write32(uint32_t addr, uint32_t value);
#endif

/* Read-modify-write of one field: (reg & ~mask) | ((value << shift) & mask). */
void hal_write_field(uint32_t addr, uint32_t mask, uint32_t shift, uint32_t value);

/* Console: one byte per write of SYSCTL.CONSOLE. */
void hal_putc(char c);
void hal_puts(const char *s); /* no newline added */

/* Write SYSCTL.EXIT: in the bare runner the simulation ends; on a board this returns. */
void hal_exit(uint32_t code);

/* Stop for good: interrupts off, wait for interrupt forever. Never returns on the core;
 * the host fake counts the call and returns, so callers must not rely on it stopping. */
void hal_halt(void);

/* Machine timer: a consistent 64-bit read (hi, lo, hi again until hi is stable). */
uint64_t hal_mtime(void);
/* Timer compare: the timer interrupt is pending while mtime >= when. */
void hal_timer_set(uint64_t when);
void hal_timer_disable(void); /* compare to the maximum: never pending */

/* Interrupts: mie bits (HAL_IRQ_*), and the global enable mstatus.MIE. */
void hal_irq_enable(uint32_t mask);
void hal_irq_disable(uint32_t mask);
uint32_t hal_irq_enabled(void);          /* current mie */
uint32_t hal_irq_pending(void);          /* current mip: what is up, enabled or not */
int hal_irq_global(int on);              /* set mstatus.MIE; returns the previous state */
void hal_wfi(void);

/* Core performance counters (mcycle, minstret). Returns 0, or -ENOSYS where there are none. */
int hal_counters(uint64_t *cycles, uint64_t *instret);

#endif /* SGPU_HAL_H */
