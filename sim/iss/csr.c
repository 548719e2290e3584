/* sgpu-iss: machine-mode CSRs, traps and the two interrupts, as docs/cpu.md describes them. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "iss.h"

enum {
    CSR_MSTATUS = 0x300, CSR_MISA = 0x301, CSR_MIE = 0x304, CSR_MTVEC = 0x305,
    CSR_MSCRATCH = 0x340, CSR_MEPC = 0x341, CSR_MCAUSE = 0x342, CSR_MTVAL = 0x343,
    CSR_MIP = 0x344,
    CSR_MCYCLE = 0xB00, CSR_MINSTRET = 0xB02, CSR_MCYCLEH = 0xB80, CSR_MINSTRETH = 0xB82,
    CSR_CYCLE = 0xC00, CSR_INSTRET = 0xC02, CSR_CYCLEH = 0xC80, CSR_INSTRETH = 0xC82,
    CSR_MHARTID = 0xF14,
};

#define MIE_MASK (MIP_MTIP | MIP_MEIP) /* the only interrupts there are */

uint32_t iss_mip(const struct iss *s)
{
    uint32_t mip = 0;
    if (s->mtime >= s->mtimecmp)
        mip |= MIP_MTIP;
    if (s->irq_test & 1)
        mip |= MIP_MEIP;
    return mip;
}

static uint64_t set_lo(uint64_t v, uint32_t lo) { return (v & 0xFFFFFFFF00000000ull) | lo; }
static uint64_t set_hi(uint64_t v, uint32_t hi) { return (v & 0xFFFFFFFFull) | (uint64_t)hi << 32; }

/* docs/cpu.md: any CSR not listed, or a write to a read-only one (misa, mhartid and the
 * user-level counter shadows), is an illegal instruction. mip has no writable bits: a
 * write is accepted and changes nothing (MTIP and MEIP follow the lines). */
int iss_csr_access(struct iss *s, uint32_t csr, int do_write, uint32_t w, uint32_t *rval)
{
    uint32_t r;
    int ro = 0;
    switch (csr) {
    case CSR_MSTATUS: r = (s->mstatus & (MSTATUS_MIE | MSTATUS_MPIE)) | MSTATUS_MPP; break;
    case CSR_MISA: r = MISA_RV32IM; ro = 1; break;
    case CSR_MIE: r = s->mie; break;
    case CSR_MTVEC: r = s->mtvec; break;
    case CSR_MSCRATCH: r = s->mscratch; break;
    case CSR_MEPC: r = s->mepc; break;
    case CSR_MCAUSE: r = s->mcause; break;
    case CSR_MTVAL: r = s->mtval; break;
    case CSR_MIP: r = iss_mip(s); break;
    case CSR_MCYCLE: r = (uint32_t)s->mcycle; break;
    case CSR_MCYCLEH: r = (uint32_t)(s->mcycle >> 32); break;
    case CSR_MINSTRET: r = (uint32_t)s->minstret; break;
    case CSR_MINSTRETH: r = (uint32_t)(s->minstret >> 32); break;
    case CSR_CYCLE: r = (uint32_t)s->mcycle; ro = 1; break;
    case CSR_CYCLEH: r = (uint32_t)(s->mcycle >> 32); ro = 1; break;
    case CSR_INSTRET: r = (uint32_t)s->minstret; ro = 1; break;
    case CSR_INSTRETH: r = (uint32_t)(s->minstret >> 32); ro = 1; break;
    case CSR_MHARTID: r = 0; ro = 1; break;
    default: return -1;
    }
    if (do_write && ro)
        return -1;
    *rval = r;
    if (!do_write)
        return 0;
    switch (csr) {
    case CSR_MSTATUS: s->mstatus = w & (MSTATUS_MIE | MSTATUS_MPIE); break;
    case CSR_MIE: s->mie = w & MIE_MASK; break;
    case CSR_MTVEC: s->mtvec = w & ~3u; break; /* direct mode only */
    case CSR_MSCRATCH: s->mscratch = w; break;
    case CSR_MEPC: s->mepc = w & ~3u; break; /* IALIGN = 32: mepc[1:0] read 0 */
    case CSR_MCAUSE: s->mcause = w & 0x8000000Fu; break; /* WLRL: interrupt bit + code */
    case CSR_MTVAL: s->mtval = w; break;
    /* A counter write replaces the count; the writing instruction does not also count
     * (the write takes effect after the instruction, over its own increment). */
    case CSR_MCYCLE: s->mcycle = set_lo(s->mcycle, w); s->wrote_mcycle = 1; break;
    case CSR_MCYCLEH: s->mcycle = set_hi(s->mcycle, w); s->wrote_mcycle = 1; break;
    case CSR_MINSTRET: s->minstret = set_lo(s->minstret, w); s->wrote_minstret = 1; break;
    case CSR_MINSTRETH: s->minstret = set_hi(s->minstret, w); s->wrote_minstret = 1; break;
    default: break; /* mip */
    }
    return 0;
}

void iss_trap(struct iss *s, uint32_t cause, uint32_t tval)
{
    s->trapped = 1;
    s->mepc = s->pc;
    s->mcause = cause;
    s->mtval = tval;
    s->mstatus = (s->mstatus & MSTATUS_MIE) ? MSTATUS_MPIE : 0; /* MPIE = MIE, MIE = 0 */
    s->pc = s->mtvec;
}

void iss_mret(struct iss *s)
{
    s->mstatus = (s->mstatus & MSTATUS_MPIE) ? (MSTATUS_MIE | MSTATUS_MPIE) : MSTATUS_MPIE;
    s->pc = s->mepc;
}

int iss_take_interrupt(struct iss *s)
{
    if (!(s->mstatus & MSTATUS_MIE))
        return 0;
    uint32_t pending = iss_mip(s) & s->mie;
    if (pending & MIP_MEIP) /* external has priority over timer */
        iss_trap(s, CAUSE_IRQ_EXTERNAL, 0);
    else if (pending & MIP_MTIP)
        iss_trap(s, CAUSE_IRQ_TIMER, 0);
    else
        return 0;
    return 1;
}

void iss_tick(struct iss *s)
{
    if (!s->wrote_mcycle)
        s->mcycle++;
    if (s->retired && !s->wrote_minstret)
        s->minstret++;
    s->mtime++;
}
