/* trap.c: what the firmware does on a trap (the entry that saves registers is in start.S). */
/* SPDX-License-Identifier: Apache-2.0 */
#include <errno.h>
#include <stddef.h>

#include "console.h"
#include "fw.h"
#include "hal.h"

#define MCAUSE_INTERRUPT 0x80000000u

struct fw_trap fw_last_trap;

static fw_irq_fn irq_timer, irq_external;

int fw_set_irq_handler(uint32_t mcause, fw_irq_fn fn)
{
    if (mcause == HAL_CAUSE_IRQ_TIMER)
        irq_timer = fn;
    else if (mcause == HAL_CAUSE_IRQ_EXTERNAL)
        irq_external = fn;
    else
        return -EINVAL;
    return 0;
}

static uint32_t fatal(uint32_t code, uint32_t mcause, uint32_t mepc, uint32_t mtval)
{
    hal_irq_global(0);
    con_printf(FW_NAME ": trap mcause 0x%08x mepc 0x%08x mtval 0x%08x\n", (unsigned)mcause,
               (unsigned)mepc, (unsigned)mtval);
    fw_fail(code);
    hal_exit(code);
    return code;
}

uint32_t fw_trap(uint32_t mcause, uint32_t mepc, uint32_t mtval)
{
    fw_last_trap.count++;
    fw_last_trap.mcause = mcause;
    fw_last_trap.mepc = mepc;
    fw_last_trap.mtval = mtval;

    if (mcause & MCAUSE_INTERRUPT) {
        fw_irq_fn fn = NULL;
        if (mcause == HAL_CAUSE_IRQ_TIMER)
            fn = irq_timer;
        else if (mcause == HAL_CAUSE_IRQ_EXTERNAL)
            fn = irq_external;
        if (fn) {
            fn();
            return 0;
        }
        return fatal(FW_ERR_INTERRUPT + (mcause & 0xFu), mcause, mepc, mtval);
    }
    /* No exception is expected yet (no ecall services, no emulation): each one is fatal. */
    return fatal(FW_ERR_EXCEPTION + (mcause & 0xFu), mcause, mepc, mtval);
}
