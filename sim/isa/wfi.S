/* ISA test: wfi waits until an interrupt enabled in mie is pending, whatever mstatus.MIE
   says, then retires: with MIE = 0 the program goes on after it, with MIE = 1 the
   interrupt is taken with mepc = the instruction after the wfi. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    INSTALL_IRQ_HANDLER
    /* MIE = 0, timer enabled in mie: wfi returns once the timer is pending, no trap */
    csrci mstatus, CSR_MSTATUS_MIE
    li a1, CSR_MIE_MTIE
    csrw mie, a1
    TIMER_IN 200
    mv s9, a0                           /* the compare value */
    wfi
    li t0, SGPU_SYSCTL_MTIME_LO_ADDR
    lw a1, 0(t0)
    sltu a2, a1, s9
    CHECK 1, a2, 0                      /* it waited: MTIME has reached the compare */
    csrr a0, mip
    CHECK 2, a0, CSR_MIE_MTIE
    CHECK 3, s1, 0
    SYSCTL_WRITE SGPU_SYSCTL_MTIMECMP_LO_ADDR, -1

    /* MIE = 1: the interrupt wakes wfi and is taken, mepc after the wfi */
    csrsi mstatus, CSR_MSTATUS_MIE
    TIMER_IN 200
    wfi
1:  nop
    CHECK 4, s1, 1
    CHECK 5, s2, CAUSE_IRQ_TIMER
    CHECK_ADDR 6, s3, 1b

    /* already pending and enabled in mie, MIE = 0: wfi retires at once */
    csrci mstatus, CSR_MSTATUS_MIE
    li a1, CSR_MIE_MEIE
    csrw mie, a1
    SYSCTL_WRITE SGPU_SYSCTL_IRQ_TEST_ADDR, 1
    WAIT_MIP CSR_MIE_MEIE
    wfi
    wfi
    CHECK 7, s1, 1
    /* then taken when MIE is set */
    csrsi mstatus, CSR_MSTATUS_MIE
    nop
    CHECK 8, s1, 2
    CHECK 9, s2, CAUSE_IRQ_EXTERNAL

    /* a wfi in the shadow of a taken branch does not wait (nothing is enabled: it would
       wait for ever) */
    csrw mie, zero
    j 2f
    wfi
2:  CHECK 10, s1, 2
    csrci mstatus, CSR_MSTATUS_MIE
    j pass

    IRQ_HANDLER
TEST_END
