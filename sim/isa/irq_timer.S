/* ISA test: the machine timer interrupt: pending (mip.MTIP) once MTIME reaches MTIMECMP,
   taken with mcause 0x80000007 when mie.MTIE and mstatus.MIE allow it, at once when the
   CSR write enabling it retires; cleared by raising MTIMECMP. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    INSTALL_IRQ_HANDLER
    /* not pending out of reset (MTIMECMP is all ones) */
    csrr a0, mip
    CHECK 1, a0, 0

    /* pending once the time comes, but not taken while mie.MTIE = 0 */
    csrw mie, zero
    csrsi mstatus, CSR_MSTATUS_MIE
    TIMER_IN 50
    WAIT_MIP CSR_MIE_MTIE
    CHECK 2, a0, CSR_MIE_MTIE
    CHECK 3, s1, 0

    /* setting mie.MTIE takes it before the next instruction */
    li a1, CSR_MIE_MTIE
    csrs mie, a1
1:  nop
    CHECK 4, s1, 1
    CHECK 5, s2, CAUSE_IRQ_TIMER
    CHECK_ADDR 6, s3, 1b                /* mepc: the first instruction not executed */
    andi a0, s4, CSR_MSTATUS_MIE | CSR_MSTATUS_MPIE
    CHECK 7, a0, CSR_MSTATUS_MPIE       /* inside the handler: MIE 0, MPIE 1 */
    csrr a0, mstatus
    andi a0, a0, CSR_MSTATUS_MIE
    CHECK 8, a0, CSR_MSTATUS_MIE        /* after mret: MIE 1 */
    csrr a0, mcause
    CHECK 9, a0, CAUSE_IRQ_TIMER
    csrr a0, mtval
    CHECK 10, a0, 0                     /* interrupts set mtval to 0 */

    /* cleared by raising MTIMECMP: no longer pending, not taken again */
    csrr a0, mip
    CHECK 11, a0, 0
    li a3, 300
2:  addi a3, a3, -1
    bnez a3, 2b
    CHECK 12, s1, 1

    /* with everything enabled, a timer set ahead interrupts a running loop */
    TIMER_IN 300
    li a3, 100000
loop_start:
    li a4, 2
    beq s1, a4, loop_end
    addi a3, a3, -1
    bnez a3, loop_start
loop_end:
    CHECK 13, s1, 2
    CHECK 14, s2, CAUSE_IRQ_TIMER
    /* mepc lies inside the loop */
    la a1, loop_start
    sltu a0, s3, a1
    CHECK 15, a0, 0
    la a1, loop_end
    sltu a0, s3, a1
    CHECK 16, a0, 1

    /* the same with mstatus.MIE set last */
    csrci mstatus, CSR_MSTATUS_MIE
    TIMER_IN 20
    WAIT_MIP CSR_MIE_MTIE
    CHECK 17, s1, 2
    csrsi mstatus, CSR_MSTATUS_MIE
3:  nop
    CHECK 18, s1, 3
    CHECK_ADDR 19, s3, 3b

    /* a timer written already in the past is pending at once */
    csrci mstatus, CSR_MSTATUS_MIE
    SYSCTL_WRITE SGPU_SYSCTL_MTIMECMP_HI_ADDR, 0
    SYSCTL_WRITE SGPU_SYSCTL_MTIMECMP_LO_ADDR, 1
    WAIT_MIP CSR_MIE_MTIE, 20
    CHECK 20, a0, CSR_MIE_MTIE
    csrsi mstatus, CSR_MSTATUS_MIE
    nop
    CHECK 21, s1, 4
    csrci mstatus, CSR_MSTATUS_MIE
    csrw mie, zero
    j pass

    IRQ_HANDLER
TEST_END
