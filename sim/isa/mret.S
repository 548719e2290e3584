/* ISA test: mret jumps to mepc, sets MIE from MPIE and MPIE to 1; MPP reads 3. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    csrw mie, zero                      /* no interrupt can be taken in this test */
    /* MPIE = 1, MIE = 0: after mret MIE = 1, MPIE = 1 */
    la a0, 1f
    csrw mepc, a0
    li a1, CSR_MSTATUS_MPIE
    csrs mstatus, a1
    csrci mstatus, CSR_MSTATUS_MIE
    mret
    FAIL_HERE 1
1:  csrr a0, mstatus
    andi a0, a0, CSR_MSTATUS_MIE | CSR_MSTATUS_MPIE
    CHECK 2, a0, CSR_MSTATUS_MIE | CSR_MSTATUS_MPIE

    /* MPIE = 0, MIE = 1: after mret MIE = 0, MPIE = 1 */
    la a0, 2f
    csrw mepc, a0
    li a1, CSR_MSTATUS_MPIE
    csrc mstatus, a1
    csrsi mstatus, CSR_MSTATUS_MIE
    mret
    FAIL_HERE 3
2:  csrr a0, mstatus
    andi a0, a0, CSR_MSTATUS_MIE | CSR_MSTATUS_MPIE
    CHECK 4, a0, CSR_MSTATUS_MPIE

    /* MPIE = 0, MIE = 0: after mret MIE = 0, MPIE = 1 */
    la a0, 3f
    csrw mepc, a0
    csrw mstatus, zero
    mret
    FAIL_HERE 5
3:  csrr a0, mstatus
    andi a0, a0, CSR_MSTATUS_MIE | CSR_MSTATUS_MPIE
    CHECK 6, a0, CSR_MSTATUS_MPIE

    /* MPP reads 3 (machine mode) whatever is written */
    csrw mstatus, zero
    csrr a0, mstatus
    li a1, CSR_MSTATUS_MPP
    and a0, a0, a1
    CHECK 7, a0, CSR_MSTATUS_MPP
    li a1, CSR_MSTATUS_MPP
    csrc mstatus, a1
    csrr a0, mstatus
    and a0, a0, a1
    CHECK 8, a0, CSR_MSTATUS_MPP

    /* mret backward, and mret to the instruction right after it */
    j 5f
4:  li a2, 44
    j 6f
5:  la a0, 4b
    csrw mepc, a0
    mret
    FAIL_HERE 9
6:  CHECK 10, a2, 44
    la a0, 7f
    csrw mepc, a0
    mret
7:  nop
    /* mepc written just before the mret (no stale value) */
    la a0, 8f
    la a1, 9f
    csrw mepc, a0
    csrw mepc, a1
    mret
8:  FAIL_HERE 11
9:  nop
    /* mret keeps mepc */
    csrr a0, mepc
    CHECK_ADDR 12, a0, 9b
    /* a trap and mret back: the registers the handler does not touch are unchanged */
    li s5, 0x5555
    TRAP 13, CAUSE_ECALL_M, ecall
    CHECK 14, s5, 0x5555
    csrw mstatus, zero
TEST_END
