/* ISA test: fence and fence.i execute as no-ops: registers and memory unchanged, the
   program goes on; a store is seen by the loads after a fence. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    li a0, 0x1234
    la a1, word
    li a2, 0x5678
    sw a2, 0(a1)
    fence
    lw a3, 0(a1)
    CHECK 1, a3, 0x5678
    CHECK 2, a0, 0x1234
    fence rw, rw
    fence r, w
    fence w, r
    fence iorw, iorw
    fence.i
    CHECK 3, a0, 0x1234
    li a2, 0x9ABC
    sw a2, 0(a1)
    fence.i
    lw a3, 0(a1)
    CHECK 4, a3, 0x9ABC
    /* a fence in the shadow of a taken branch does nothing either */
    li a0, 0
    j 1f
    fence
    li a0, 1
1:  CHECK 5, a0, 0
    /* fence.tso encoding (fm = 1000, rw,rw): a fence */
    .word 0x8330000F
    CHECK 6, a0, 0
TEST_END

    .data
word: .word 0
