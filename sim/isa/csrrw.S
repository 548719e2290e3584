/* ISA test: csrrw: rd gets the old value, the CSR gets rs1 (on mscratch, all 32 bits). */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    li a1, 0x12345678
    csrrw a0, mscratch, a1
    li a2, 0xFFFFFFFF
    csrrw a0, mscratch, a2
    CHECK 1, a0, 0x12345678
    csrrw a0, mscratch, zero            /* rs1 = x0 writes 0 */
    CHECK 2, a0, 0xFFFFFFFF
    csrrw a0, mscratch, zero
    CHECK 3, a0, 0
    /* rd = x0 (csrw) still writes */
    li a1, 0x80000001
    csrrw x0, mscratch, a1
    csrrw a0, mscratch, zero
    CHECK 4, a0, 0x80000001
    /* rd = rs1: a swap */
    li a1, 0xAAAA5555
    csrw mscratch, a1
    li a1, 0x5555AAAA
    csrrw a1, mscratch, a1
    CHECK 5, a1, 0xAAAA5555
    csrr a0, mscratch
    CHECK 6, a0, 0x5555AAAA
    /* read right after the write */
    li a1, 0x0F0F0F0F
    csrw mscratch, a1
    csrr a0, mscratch
    CHECK 7, a0, 0x0F0F0F0F
    /* writes back to back; the middle value is seen by the second csrrw */
    li a1, 1
    li a2, 2
    csrrw a3, mscratch, a1
    csrrw a4, mscratch, a2
    CHECK 8, a4, 1
    CHECK 9, a3, 0x0F0F0F0F
    /* mcause is WLRL: it keeps the interrupt bit and a 4-bit code (docs/cpu.md) */
    li a1, 0xDEADBEEF
    csrrw zero, mcause, a1
    csrrw a0, mcause, zero
    CHECK 10, a0, 0x8000000F
    /* mtval holds any value */
    csrrw zero, mtval, a1
    csrrw a0, mtval, zero
    CHECK 11, a0, 0xDEADBEEF
TEST_END
