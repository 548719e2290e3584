/* ISA test: ebreak traps with mcause 3 and mepc = the ebreak; MIE goes to MPIE and is
   cleared; registers are kept. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    TRAP 1, CAUSE_BREAKPOINT, ebreak
    /* again, and with values in the argument registers that must survive */
    li a0, 0x11
    li a1, 0x22
    li a7, 0x93
    TRAP 2, CAUSE_BREAKPOINT, ebreak
    CHECK 3, a0, 0x11
    CHECK 4, a1, 0x22
    CHECK 5, a7, 0x93
    /* mret in the default handler restored MIE (0) from MPIE: MIE is still 0 */
    csrr a0, mstatus
    andi a0, a0, CSR_MSTATUS_MIE
    CHECK 6, a0, 0

    /* a handler of our own looks at mstatus inside the trap: MIE was 1 before */
    la t0, handler
    csrw mtvec, t0
    csrw mie, zero                      /* no interrupt can be taken */
    csrsi mstatus, CSR_MSTATUS_MIE
    li s1, 0
1:  ebreak
    CHECK 7, s1, 1                      /* the handler ran once */
    CHECK_ADDR 8, s2, 1b                /* mepc */
    CHECK 9, s3, CAUSE_BREAKPOINT
    andi a0, s4, CSR_MSTATUS_MIE | CSR_MSTATUS_MPIE
    CHECK 10, a0, CSR_MSTATUS_MPIE      /* in the handler: MIE 0, MPIE 1 */
    csrr a0, mstatus
    andi a0, a0, CSR_MSTATUS_MIE
    CHECK 11, a0, CSR_MSTATUS_MIE       /* after mret: MIE 1 again */
    csrci mstatus, CSR_MSTATUS_MIE
    DEFAULT_TRAP_HANDLER

    /* the instruction after the ebreak did not run before the trap */
    li a0, 0
    TRAP 12, CAUSE_BREAKPOINT, ebreak
    CHECK 13, a0, 0
    j pass

    .balign 4
handler:
    addi s1, s1, 1
    csrr s2, mepc
    csrr s3, mcause
    csrr s4, mstatus
    addi s2, s2, 0
    csrr t0, mepc
    addi t0, t0, 4
    csrw mepc, t0
    mret
TEST_END
