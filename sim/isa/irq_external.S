/* ISA test: the machine external interrupt, driven by IRQ_TEST: pending in mip.MEIP while
   the line is high, taken with mcause 0x8000000B when mie.MEIE and mstatus.MIE allow it;
   level-sensitive: taken again after mret while the line stays high. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    INSTALL_IRQ_HANDLER
    csrr a0, mip
    CHECK 1, a0, 0
    /* IRQ_TEST reads back */
    li t0, SGPU_SYSCTL_IRQ_TEST_ADDR
    lw a0, 0(t0)
    CHECK 2, a0, 0

    /* pending while the line is high, not taken with mie.MEIE = 0 */
    csrw mie, zero
    csrsi mstatus, CSR_MSTATUS_MIE
    SYSCTL_WRITE SGPU_SYSCTL_IRQ_TEST_ADDR, 1
    WAIT_MIP CSR_MIE_MEIE
    CHECK 3, a0, CSR_MIE_MEIE
    li t0, SGPU_SYSCTL_IRQ_TEST_ADDR
    lw a0, 0(t0)
    andi a0, a0, 1
    CHECK 4, a0, 1
    CHECK 5, s1, 0

    /* setting mie.MEIE takes it before the next instruction */
    li a1, CSR_MIE_MEIE
    csrs mie, a1
1:  nop
    CHECK 6, s1, 1
    CHECK 7, s2, CAUSE_IRQ_EXTERNAL
    CHECK_ADDR 8, s3, 1b
    andi a0, s4, CSR_MSTATUS_MIE | CSR_MSTATUS_MPIE
    CHECK 9, a0, CSR_MSTATUS_MPIE
    csrr a0, mstatus
    andi a0, a0, CSR_MSTATUS_MIE
    CHECK 10, a0, CSR_MSTATUS_MIE
    /* the handler dropped the line */
    csrr a0, mip
    CHECK 11, a0, 0

    /* raised while running with everything enabled: taken soon after the store */
    SYSCTL_WRITE SGPU_SYSCTL_IRQ_TEST_ADDR, 1
    li a3, 1000
2:  li a4, 2
    beq s1, a4, 3f
    addi a3, a3, -1
    bnez a3, 2b
3:  CHECK 12, s1, 2
    CHECK 13, s2, CAUSE_IRQ_EXTERNAL

    /* level-sensitive: the handler leaves the line high three times, so the interrupt is
       taken four times in a row */
    li s8, 3
    SYSCTL_WRITE SGPU_SYSCTL_IRQ_TEST_ADDR, 1
    li a3, 1000
4:  li a4, 6
    beq s1, a4, 5f
    addi a3, a3, -1
    bnez a3, 4b
5:  CHECK 14, s1, 6
    CHECK 15, s8, 0
    /* nothing more afterwards */
    li a3, 200
6:  addi a3, a3, -1
    bnez a3, 6b
    CHECK 16, s1, 6
    csrci mstatus, CSR_MSTATUS_MIE
    csrw mie, zero
    j pass

    IRQ_HANDLER
TEST_END
