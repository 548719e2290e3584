/* ISA test: csrrc: rd gets the old value, the bits set in rs1 are cleared; rs1 = x0 only
   reads. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    li a1, 0xFFFF00FF
    csrw mscratch, a1
    li a2, 0x0F0F0F0F
    csrrc a0, mscratch, a2
    CHECK 1, a0, 0xFFFF00FF
    csrr a0, mscratch
    CHECK 2, a0, 0xF0F000F0
    /* clearing bits already clear changes nothing */
    csrrc a0, mscratch, a2
    CHECK 3, a0, 0xF0F000F0
    csrr a0, mscratch
    CHECK 4, a0, 0xF0F000F0
    /* rs1 = x0: a read, no change */
    csrrc a0, mscratch, x0
    CHECK 5, a0, 0xF0F000F0
    li a2, 0
    csrrc a0, mscratch, a2
    csrr a0, mscratch
    CHECK 6, a0, 0xF0F000F0
    /* bit 31, then all */
    li a2, 0x80000000
    csrrc a0, mscratch, a2
    csrr a0, mscratch
    CHECK 7, a0, 0x70F000F0
    li a2, -1
    csrc mscratch, a2
    csrr a0, mscratch
    CHECK 8, a0, 0
    /* rd = rs1 */
    li a1, 0xFF
    csrw mscratch, a1
    li a1, 0x0F
    csrrc a1, mscratch, a1
    CHECK 9, a1, 0xFF
    csrr a0, mscratch
    CHECK 10, a0, 0xF0
    /* a clear right after a write */
    li a1, 0x3
    li a2, 0x1
    csrw mscratch, a1
    csrc mscratch, a2
    csrr a0, mscratch
    CHECK 11, a0, 0x2
TEST_END
