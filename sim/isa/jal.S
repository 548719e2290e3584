/* ISA test: jal: link = pc + 4, forward and backward, every J-immediate field, rd = x0. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

/* jal dist bytes forward; the link register checked at the target. */
.macro JAL_FWD num, dist
    li gp, \num
    li ra, 0
.Lj\@:
    jal ra, .Lj\@ + \dist
    li t5, 0
    li t6, 1
    j fail
    .skip (.Lj\@ + \dist) - .
    CHECK_ADDR \num, ra, .Lj\@ + 4
.endm

/* jal dist bytes backward. */
.macro JAL_BACK num, dist
    li gp, \num
    li ra, 0
    j .Lj\@
.Lt\@:
    j .Lback\@
    .skip \dist - (. - .Lt\@)
.Lj\@:
    jal ra, .Lt\@
    li t5, 0
    li t6, 2
    j fail
.Lback\@:
    CHECK_ADDR \num, ra, .Lj\@ + 4
.endm

TEST_BEGIN
    /* forward, the link is the next instruction */
    li ra, 0
1:  jal ra, 2f
    FAIL_HERE 1
2:  CHECK_ADDR 1, ra, 1b + 4

    /* backward */
    j 4f
3:  j 5f
4:  jal t0, 3b
    FAIL_HERE 2
5:  CHECK_ADDR 2, t0, 4b + 4

    /* rd = x0: a plain jump, x0 stays 0 */
    jal x0, 6f
    FAIL_HERE 3
6:  CHECK 3, x0, 0

    /* offset 4 (the next instruction), link into s11 */
7:  jal s11, 8f
8:  CHECK_ADDR 4, s11, 7b + 4

    /* the link register used by the very next instruction */
9:  jal a1, 10f
    FAIL_HERE 5
10: addi a2, a1, 0
    CHECK_ADDR 5, a2, 9b + 4

    /* nothing in the shadow of the jump takes effect */
    li a0, 0
    jal a3, 11f
    addi a0, a0, 1
    addi a0, a0, 2
    addi a0, a0, 4
11: CHECK 6, a0, 0

    /* a call and a return (jal ra, then jalr x0, 0(ra)) */
    li a0, 21
    jal ra, double
    CHECK 7, a0, 42
    jal ra, double
    CHECK 8, a0, 84

    /* J-immediate fields: imm[10:1] (0x7FC), imm[11] (0x800), imm[19:12] (0x1000,
       0x10000), the sign imm[20] with all ones (-4) and backward distances */
    JAL_FWD 9, 0x7FC
    JAL_FWD 10, 0x800
    JAL_FWD 11, 0x1000
    JAL_FWD 12, 0x10000
    JAL_FWD 13, 0x2AC
    JAL_BACK 14, 4
    JAL_BACK 15, 0x800
    JAL_BACK 16, 0x1000
    JAL_BACK 17, 0x554
    j pass

double:
    add a0, a0, a0
    ret
TEST_END
