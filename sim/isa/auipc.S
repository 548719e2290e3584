/* ISA test: auipc (pc of the auipc plus the U-immediate). */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
1:  auipc a0, 0
    CHECK_ADDR 1, a0, 1b
2:  auipc a0, 1
    CHECK_ADDR 2, a0, 2b + 0x1000
3:  auipc a0, 0xFFFFF               /* pc - 0x1000 */
    CHECK_ADDR 3, a0, 3b - 0x1000
4:  auipc a0, 0x80000               /* pc + 0x80000000: wraps around */
    la a1, 4b
    sub a0, a0, a1
    CHECK 4, a0, 0x80000000
5:  auipc a0, 0x7FFFF
    la a1, 5b
    sub a0, a0, a1
    CHECK 5, a0, 0x7FFFF000
    /* two auipc in a row see their own pcs */
6:  auipc a0, 0
    auipc a1, 0
    sub a2, a1, a0
    CHECK 6, a2, 4
    /* rd = x0 */
    auipc x0, 0x12345
    CHECK 7, x0, 0
    /* the pair auipc + addi reaches a label (what la does) */
7:  auipc a0, %pcrel_hi(target)
    addi a0, a0, %pcrel_lo(7b)
    la a1, target
    CHECK_REG 8, a0, a1
    j pass
target:
    nop
TEST_END
