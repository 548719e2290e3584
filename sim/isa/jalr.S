/* ISA test: jalr: target (rs1 + imm) with bit 0 cleared, link pc + 4, rd = rs1, rd = x0. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    /* plain */
    la a1, 1f
    li ra, 0
2:  jalr ra, 0(a1)
    FAIL_HERE 1
1:  CHECK_ADDR 1, ra, 2b + 4

    /* positive and negative immediates, to the ends of the 12-bit range */
    la a1, 3f - 16
4:  jalr t0, 16(a1)
    FAIL_HERE 2
3:  CHECK_ADDR 2, t0, 4b + 4
    la a1, 5f + 2048
6:  jalr t1, -2048(a1)
    FAIL_HERE 3
5:  CHECK_ADDR 3, t1, 6b + 4
    la a1, 7f - 2047 + 1            /* + 1: the sum is the target + 1, bit 0 cleared */
8:  jalr t2, 2047(a1)
    FAIL_HERE 4
7:  CHECK_ADDR 4, t2, 8b + 4

    /* bit 0 of the target is cleared: from rs1, from the immediate, from both */
    la a1, 9f + 1
    jalr ra, 0(a1)
    FAIL_HERE 5
9:  la a1, 10f
    jalr ra, 1(a1)
    FAIL_HERE 6
10: la a1, 11f - 1
    jalr ra, 2(a1)
    FAIL_HERE 7
11: la a1, 12f + 5
    jalr ra, -4(a1)                 /* the sum is the target + 1 */
    FAIL_HERE 8
12:

    /* rd = rs1: the jump uses the old rs1, then rd gets the link */
    la a1, 13f
14: jalr a1, 0(a1)
    FAIL_HERE 9
13: CHECK_ADDR 9, a1, 14b + 4

    /* rd = x0 */
    la a1, 15f
    jalr x0, 0(a1)
    FAIL_HERE 10
15: CHECK 10, x0, 0

    /* rd = rs1 = ra (rs1 = x0 cannot be tested: addresses -2048..2047 are not RAM) */
    la ra, 16f
17: jalr ra, 0(ra)
    FAIL_HERE 11
16: CHECK_ADDR 11, ra, 17b + 4

    /* the base computed by the instruction just before (forwarding into jalr) */
    la a1, 18f - 8
    addi a1, a1, 8
    jalr ra, 0(a1)
    FAIL_HERE 12
18: nop

    /* the base loaded by the instruction just before (load-use into jalr) */
    la a2, jump_table
    lw a1, 0(a2)
    jalr ra, 0(a1)
    FAIL_HERE 13
19: lw a1, 4(a2)
    jalr ra, 4(a1)                  /* the table's second entry is 21f - 4 */
    FAIL_HERE 14
21:

    /* the link used by the very next instruction */
    la a1, 22f
23: jalr a3, 0(a1)
    FAIL_HERE 15
22: addi a4, a3, 0
    CHECK_ADDR 15, a4, 23b + 4

    /* nothing in the shadow of the jump takes effect */
    li a0, 0
    la a1, 24f
    jalr a3, 0(a1)
    addi a0, a0, 1
    addi a0, a0, 2
24: CHECK 16, a0, 0

    /* call and return through jalr */
    li a0, 7
    la a1, triple
    jalr ra, 0(a1)
    CHECK 17, a0, 21
    j pass

triple:
    add a1, a0, a0
    add a0, a0, a1
    jalr x0, 0(ra)
TEST_END

    .data
jump_table:
    .word 19b, 21b - 4
