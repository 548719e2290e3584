/* ISA test: with the external and the timer interrupt both pending and enabled, the
   external is taken first, then the timer right after the mret. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    INSTALL_IRQ_HANDLER
    csrci mstatus, CSR_MSTATUS_MIE
    li a1, CSR_MIE_MEIE | CSR_MIE_MTIE
    csrw mie, a1
    TIMER_IN 10
    WAIT_MIP CSR_MIE_MTIE               /* the timer first, then the external */
    SYSCTL_WRITE SGPU_SYSCTL_IRQ_TEST_ADDR, 1
    WAIT_MIP CSR_MIE_MEIE
    csrr a0, mip
    CHECK 1, a0, CSR_MIE_MEIE | CSR_MIE_MTIE
    csrsi mstatus, CSR_MSTATUS_MIE
1:  nop
    CHECK 2, s1, 2
    CHECK 3, s6, CAUSE_IRQ_EXTERNAL
    CHECK 4, s7, CAUSE_IRQ_TIMER
    CHECK_ADDR 5, s3, 1b                /* the timer too was taken before the nop */

    /* the other order of enabling: timer enabled first in mie, both pending */
    csrci mstatus, CSR_MSTATUS_MIE
    li s1, 0
    li a1, CSR_MIE_MTIE
    csrw mie, a1
    SYSCTL_WRITE SGPU_SYSCTL_IRQ_TEST_ADDR, 1
    TIMER_IN 10
    WAIT_MIP CSR_MIE_MTIE
    WAIT_MIP CSR_MIE_MEIE
    li a1, CSR_MIE_MEIE | CSR_MIE_MTIE
    csrw mie, a1
    csrsi mstatus, CSR_MSTATUS_MIE
    nop
    CHECK 6, s1, 2
    CHECK 7, s6, CAUSE_IRQ_EXTERNAL
    CHECK 8, s7, CAUSE_IRQ_TIMER
    csrci mstatus, CSR_MSTATUS_MIE
    csrw mie, zero
    j pass

    IRQ_HANDLER
TEST_END
