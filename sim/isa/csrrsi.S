/* ISA test: csrrsi: rd gets the old value, the bits of the 5-bit immediate are set; an
   immediate of 0 only reads. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    li a1, 0x80000000
    csrw mscratch, a1
    csrrsi a0, mscratch, 0x15
    CHECK 1, a0, 0x80000000
    csrr a0, mscratch
    CHECK 2, a0, 0x80000015
    csrrsi a0, mscratch, 0x1F           /* zero-extended: only bits 4:0 */
    CHECK 3, a0, 0x80000015
    csrr a0, mscratch
    CHECK 4, a0, 0x8000001F
    csrrsi a0, mscratch, 0              /* only reads */
    CHECK 5, a0, 0x8000001F
    csrsi mscratch, 0
    csrr a0, mscratch
    CHECK 6, a0, 0x8000001F
    csrw mscratch, zero
    csrsi mscratch, 8
    csrsi mscratch, 1
    csrr a0, mscratch
    CHECK 7, a0, 9
TEST_END
