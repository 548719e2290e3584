/* ISA test: masking: nothing is taken while mstatus.MIE = 0 or the mie bit is clear, even
   with both lines pending; each is taken as soon as both enables are set; an mret that
   sets MIE takes a pending interrupt before the instruction it returns to. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    INSTALL_IRQ_HANDLER
    /* both pending, both enabled in mie, MIE = 0: nothing taken */
    csrci mstatus, CSR_MSTATUS_MIE
    li a1, CSR_MIE_MEIE | CSR_MIE_MTIE
    csrw mie, a1
    SYSCTL_WRITE SGPU_SYSCTL_IRQ_TEST_ADDR, 1
    TIMER_IN 10
    WAIT_MIP CSR_MIE_MTIE
    WAIT_MIP CSR_MIE_MEIE
    csrr a0, mip
    CHECK 1, a0, CSR_MIE_MEIE | CSR_MIE_MTIE
    li a3, 500
1:  addi a3, a3, -1
    bnez a3, 1b
    CHECK 2, s1, 0

    /* MIE = 1 but mie = 0: nothing taken */
    csrw mie, zero
    csrsi mstatus, CSR_MSTATUS_MIE
    li a3, 500
2:  addi a3, a3, -1
    bnez a3, 2b
    CHECK 3, s1, 0

    /* only the timer enabled: the timer is taken (the external stays pending, masked) */
    li a1, CSR_MIE_MTIE
    csrs mie, a1
3:  nop
    CHECK 4, s1, 1
    CHECK 5, s2, CAUSE_IRQ_TIMER
    CHECK_ADDR 6, s3, 3b
    li a3, 200
4:  addi a3, a3, -1
    bnez a3, 4b
    CHECK 7, s1, 1
    csrr a0, mip
    CHECK 8, a0, CSR_MIE_MEIE

    /* an mret that sets MIE from MPIE: the pending external is taken before the target */
    csrci mstatus, CSR_MSTATUS_MIE
    li a1, CSR_MIE_MEIE
    csrs mie, a1                        /* enabled in mie, masked by MIE = 0 */
    nop
    CHECK 9, s1, 1
    la a0, 5f
    csrw mepc, a0
    li a1, CSR_MSTATUS_MPIE
    csrs mstatus, a1
    li a2, 0
    mret
    FAIL_HERE 10
5:  li a2, 1
    CHECK 11, s1, 2
    CHECK 12, s2, CAUSE_IRQ_EXTERNAL
    CHECK_ADDR 13, s3, 5b
    CHECK 14, a2, 1                     /* and the target ran after the handler */

    /* clearing MIE masks at once: raise the line, nothing taken */
    csrci mstatus, CSR_MSTATUS_MIE
    SYSCTL_WRITE SGPU_SYSCTL_IRQ_TEST_ADDR, 1
    WAIT_MIP CSR_MIE_MEIE
    li a3, 200
6:  addi a3, a3, -1
    bnez a3, 6b
    CHECK 15, s1, 2
    csrsi mstatus, CSR_MSTATUS_MIE
7:  nop
    CHECK 16, s1, 3
    CHECK_ADDR 17, s3, 7b
    csrci mstatus, CSR_MSTATUS_MIE
    csrw mie, zero
    j pass

    IRQ_HANDLER
TEST_END
