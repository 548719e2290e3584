/* sgpu-iss: machine set-up and the step: interrupts, fetch, execute, counters. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "iss.h"

#include <stdlib.h>
#include <string.h>

#include "sgpu_regs.h"

int iss_init(struct iss *s, uint32_t ram_bytes)
{
    memset(s, 0, sizeof(*s));
    s->ram = calloc(1, ram_bytes);
    if (!s->ram)
        return -1;
    s->ram_bytes = ram_bytes;
    return 0;
}

void iss_free(struct iss *s)
{
    free(s->ram);
    s->ram = NULL;
}

/* The state after reset: registers 0, mtvec 0, counters 0, the timer compare at its reset
 * value (never), the interrupt test line low. RAM is left as loaded. */
void iss_reset(struct iss *s, uint32_t entry)
{
    memset(s->x, 0, sizeof(s->x));
    s->pc = entry;
    s->mstatus = 0;
    s->mie = s->mtvec = s->mepc = s->mcause = s->mtval = s->mscratch = 0;
    s->mcycle = s->minstret = 0;
    s->mtime = (uint64_t)SGPU_SYSCTL_MTIME_HI_RESET << 32 | SGPU_SYSCTL_MTIME_LO_RESET;
    s->mtimecmp = (uint64_t)SGPU_SYSCTL_MTIMECMP_HI_RESET << 32 | SGPU_SYSCTL_MTIMECMP_LO_RESET;
    s->irq_test = SGPU_SYSCTL_IRQ_TEST_RESET;
    s->in_wfi = 0;
    s->id_scratch = SGPU_ID_SCRATCH_RESET;
    s->id_fw_status = SGPU_ID_FW_STATUS_RESET;
}

/* One step is one cycle of the ISS's own clock: it takes a pending enabled interrupt, or
 * retires one instruction, or raises an exception, or is a wfi waiting. mcycle and mtime
 * count steps; minstret counts retired instructions. */
enum iss_event iss_step(struct iss *s)
{
    s->trapped = s->retired = s->waiting = 0;
    s->wrote_mcycle = s->wrote_minstret = 0;
    s->bus_error = s->exit_written = 0;
    s->last_insn = 0;

    /* A waiting wfi retires first when an interrupt wakes it, so that the interrupt is
     * taken with mepc = the instruction after the wfi. */
    if (s->in_wfi || !iss_take_interrupt(s)) {
        uint32_t insn, pc = s->pc;
        if (iss_fetch(s, pc, &insn) < 0) {
            iss_tick(s);
            return ISS_BUS_ERROR;
        }
        s->last_insn = insn;
        iss_execute(s, insn);
        if (s->trapped && s->mtvec == 0) {
            s->fault_cause = s->mcause;
            s->fault_pc = pc;
            s->fault_tval = s->mtval;
            iss_tick(s);
            return ISS_TRAP_UNSET;
        }
    }
    iss_tick(s);
    if (s->bus_error)
        return ISS_BUS_ERROR;
    if (s->exit_written)
        return ISS_EXIT;
    return ISS_RUN;
}

int iss_exit_status(uint32_t value)
{
    if (value != 0 && (value & 0xFFu) == 0)
        return 1;
    return (int)(value & 0xFFu);
}
