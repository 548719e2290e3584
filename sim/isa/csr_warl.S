/* ISA test: the fields of the machine CSRs that do not exist read 0 (the privileged spec's
   WARL rules, stricter than docs/cpu.md spells out): mstatus has only MIE, MPIE and MPP (3);
   mie only MTIE and MEIE; mip only MTIP and MEIP; mepc[1:0] and mtvec[1:0] read 0. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    csrw mie, zero
    li a1, -1
    csrw mstatus, a1
    csrr a0, mstatus
    csrw mstatus, zero
    CHECK 1, a0, CSR_MSTATUS_MIE | CSR_MSTATUS_MPIE | CSR_MSTATUS_MPP
    csrr a0, mstatus
    CHECK 2, a0, CSR_MSTATUS_MPP
    li a1, -1
    csrw mie, a1
    csrr a0, mie
    csrw mie, zero
    CHECK 3, a0, CSR_MIE_MEIE | CSR_MIE_MTIE
    li a1, -1
    csrw mip, a1
    csrr a0, mip
    CHECK 4, a0, 0
    li a1, -1
    csrw mepc, a1
    csrr a0, mepc
    CHECK 5, a0, 0xFFFFFFFC
    li a1, 0x80000002
    csrw mepc, a1
    csrr a0, mepc
    CHECK 6, a0, 0x80000000
    csrr s1, mtvec
    li a1, -1
    csrw mtvec, a1
    csrr a0, mtvec
    csrw mtvec, s1
    CHECK 7, a0, 0xFFFFFFFC
TEST_END
