/* hal_rv.c: the hardware-access layer on the control core: volatile MMIO and CSRs. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "hal.h"

#define MSTATUS_MIE 0x8u

static inline volatile uint32_t *reg(uint32_t addr)
{
    return (volatile uint32_t *)(uintptr_t)addr;
}

/* hal_read32 and hal_write32 are inline in hal.h. */

void hal_write_field(uint32_t addr, uint32_t mask, uint32_t shift, uint32_t value)
{
    uint32_t v = *reg(addr);
    *reg(addr) = (v & ~mask) | ((value << shift) & mask);
}

void hal_putc(char c)
{
    *reg(SGPU_SYSCTL_CONSOLE_ADDR) = (uint8_t)c;
}

void hal_puts(const char *s)
{
    while (*s)
        hal_putc(*s++);
}

void hal_exit(uint32_t code)
{
    *reg(SGPU_SYSCTL_EXIT_ADDR) = code;
}

void hal_halt(void)
{
    __asm__ volatile("csrc mstatus, %0" ::"r"(MSTATUS_MIE));
    for (;;)
        __asm__ volatile("wfi");
}

uint64_t hal_mtime(void)
{
    uint32_t hi, lo, hi2;
    /* The low word may carry into the high word between the two reads: retry until the
     * high word is the same on both sides of the low read. */
    do {
        hi = *reg(SGPU_SYSCTL_MTIME_HI_ADDR);
        lo = *reg(SGPU_SYSCTL_MTIME_LO_ADDR);
        hi2 = *reg(SGPU_SYSCTL_MTIME_HI_ADDR);
    } while (hi != hi2);
    return ((uint64_t)hi << 32) | lo;
}

void hal_timer_set(uint64_t when)
{
    /* Never let the compare pass through a value below both the old and the new one
     * (the sequence of the RISC-V privileged spec): low to max, high, then low. */
    *reg(SGPU_SYSCTL_MTIMECMP_LO_ADDR) = 0xFFFFFFFFu;
    *reg(SGPU_SYSCTL_MTIMECMP_HI_ADDR) = (uint32_t)(when >> 32);
    *reg(SGPU_SYSCTL_MTIMECMP_LO_ADDR) = (uint32_t)when;
}

void hal_timer_disable(void)
{
    hal_timer_set(UINT64_MAX);
}

void hal_irq_enable(uint32_t mask)
{
    __asm__ volatile("csrs mie, %0" ::"r"(mask));
}

void hal_irq_disable(uint32_t mask)
{
    __asm__ volatile("csrc mie, %0" ::"r"(mask));
}

uint32_t hal_irq_enabled(void)
{
    uint32_t v;
    __asm__ volatile("csrr %0, mie" : "=r"(v));
    return v;
}

uint32_t hal_irq_pending(void)
{
    uint32_t v;
    __asm__ volatile("csrr %0, mip" : "=r"(v));
    return v;
}

int hal_irq_global(int on)
{
    uint32_t old;
    if (on)
        __asm__ volatile("csrrs %0, mstatus, %1" : "=r"(old) : "r"(MSTATUS_MIE) : "memory");
    else
        __asm__ volatile("csrrc %0, mstatus, %1" : "=r"(old) : "r"(MSTATUS_MIE) : "memory");
    return (old & MSTATUS_MIE) != 0;
}

void hal_wfi(void)
{
    __asm__ volatile("wfi");
}

static uint64_t read_pair(int instret)
{
    uint32_t hi, lo, hi2;
    do {
        if (instret) {
            __asm__ volatile("csrr %0, minstreth" : "=r"(hi));
            __asm__ volatile("csrr %0, minstret" : "=r"(lo));
            __asm__ volatile("csrr %0, minstreth" : "=r"(hi2));
        } else {
            __asm__ volatile("csrr %0, mcycleh" : "=r"(hi));
            __asm__ volatile("csrr %0, mcycle" : "=r"(lo));
            __asm__ volatile("csrr %0, mcycleh" : "=r"(hi2));
        }
    } while (hi != hi2);
    return ((uint64_t)hi << 32) | lo;
}

int hal_counters(uint64_t *cycles, uint64_t *instret)
{
    if (cycles)
        *cycles = read_pair(0);
    if (instret)
        *instret = read_pair(1);
    return 0;
}
