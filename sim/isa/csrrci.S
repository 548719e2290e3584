/* ISA test: csrrci: rd gets the old value, the bits of the 5-bit immediate are cleared; an
   immediate of 0 only reads. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    li a1, 0xFFFFFFFF
    csrw mscratch, a1
    csrrci a0, mscratch, 0x15
    CHECK 1, a0, 0xFFFFFFFF
    csrr a0, mscratch
    CHECK 2, a0, 0xFFFFFFEA
    csrrci a0, mscratch, 0x1F           /* zero-extended: only bits 4:0 */
    CHECK 3, a0, 0xFFFFFFEA
    csrr a0, mscratch
    CHECK 4, a0, 0xFFFFFFE0
    csrrci a0, mscratch, 0              /* only reads */
    CHECK 5, a0, 0xFFFFFFE0
    csrci mscratch, 0
    csrr a0, mscratch
    CHECK 6, a0, 0xFFFFFFE0
    li a1, 0x1F
    csrw mscratch, a1
    csrci mscratch, 1
    csrci mscratch, 16
    csrr a0, mscratch
    CHECK 7, a0, 0xE
TEST_END
