/* ISA test: csrrs: rd gets the old value, the bits set in rs1 are set; rs1 = x0 only reads. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    li a1, 0x0000FF00
    csrw mscratch, a1
    li a2, 0x00F000F0
    csrrs a0, mscratch, a2
    CHECK 1, a0, 0x0000FF00
    csrr a0, mscratch
    CHECK 2, a0, 0x00F0FFF0
    /* setting bits already set changes nothing */
    csrrs a0, mscratch, a2
    CHECK 3, a0, 0x00F0FFF0
    csrr a0, mscratch
    CHECK 4, a0, 0x00F0FFF0
    /* rs1 = x0: a read (csrr), no change */
    csrrs a0, mscratch, x0
    CHECK 5, a0, 0x00F0FFF0
    /* rs1 holding 0: no change either */
    li a2, 0
    csrrs a0, mscratch, a2
    csrr a0, mscratch
    CHECK 6, a0, 0x00F0FFF0
    /* bit 31 and all ones */
    li a2, 0x80000000
    csrrs a0, mscratch, a2
    csrr a0, mscratch
    CHECK 7, a0, 0x80F0FFF0
    li a2, -1
    csrs mscratch, a2                   /* rd = x0 */
    csrr a0, mscratch
    CHECK 8, a0, 0xFFFFFFFF
    /* rd = rs1 */
    csrw mscratch, zero
    li a1, 0x30
    csrrs a1, mscratch, a1
    CHECK 9, a1, 0
    csrr a0, mscratch
    CHECK 10, a0, 0x30
    /* a set right after a write, then read */
    li a1, 0x100
    li a2, 0x001
    csrw mscratch, a1
    csrs mscratch, a2
    csrr a0, mscratch
    CHECK 11, a0, 0x101
TEST_END
