/* ISA test: bge (signed greater or equal): taken and not taken, forward and backward. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    TEST_BR_TAKEN 1, bge, 0x00000000, 0x00000000
    TEST_BR_TAKEN 2, bge, 0x00000001, 0x00000001
    TEST_BR_TAKEN 3, bge, 0xffffffff, 0xffffffff
    TEST_BR_NOT 4, bge, 0x00000000, 0x00000001
    TEST_BR_TAKEN 5, bge, 0x00000001, 0x00000000
    TEST_BR_NOT 6, bge, 0xffffffff, 0x00000001
    TEST_BR_TAKEN 7, bge, 0x00000001, 0xffffffff
    TEST_BR_NOT 8, bge, 0xffffffff, 0x00000000
    TEST_BR_TAKEN 9, bge, 0x00000000, 0xffffffff
    TEST_BR_NOT 10, bge, 0x80000000, 0x7fffffff
    TEST_BR_TAKEN 11, bge, 0x7fffffff, 0x80000000
    TEST_BR_TAKEN 12, bge, 0x80000000, 0x80000000
    TEST_BR_NOT 13, bge, 0x80000000, 0x00000000
    TEST_BR_TAKEN 14, bge, 0x00000000, 0x80000000
    TEST_BR_NOT 15, bge, 0xfffffffe, 0xffffffff
    TEST_BR_TAKEN 16, bge, 0xffffffff, 0xfffffffe
    TEST_BR_NOT 17, bge, 0x12345678, 0x12345679
    TEST_BR_TAKEN 18, bge, 0x12345679, 0x12345678

    /* x0 as both operands */
    TEST_BR_TAKEN 19, bge, 0, 0
    li gp, 20
    li a1, 0
    bge x0, x0, 1f
    li a1, 1
1:  li a2, 5
    CHECK 20, a1, 0
    CHECK 20, a2, 5            /* the instruction after the target runs */

    /* nothing in the shadow of a taken branch takes effect */
    TEST_BR_SHADOW 21, bge, 0x00000000, 0x00000000, shadow_word

    /* a branch not taken runs the instructions after it */
    li a0, 0
    li a1, 0x00000000
    li a2, 0x00000001
    bge a1, a2, 3f
    addi a0, a0, 1
    addi a0, a0, 2
3:  addi a0, a0, 4
    CHECK 22, a0, 7

    /* operands straight from loads (load-use into the branch) */
    la a3, operands_23
    lw a1, 0(a3)
    lw a2, 4(a3)
    li a0, 0
    bge a1, a2, 4f
    li a0, 1
4:  CHECK 23, a0, 0
    .pushsection .data
operands_23: .word 0x00000000, 0x00000000
    .popsection

    /* operands straight from loads (load-use into the branch) */
    la a3, operands_24
    lw a1, 0(a3)
    lw a2, 4(a3)
    li a0, 0
    bge a1, a2, 4f
    li a0, 1
4:  CHECK 24, a0, 1
    .pushsection .data
operands_24: .word 0x00000000, 0x00000001
    .popsection

    /* operands straight from loads (load-use into the branch) */
    la a3, operands_25
    lw a1, 0(a3)
    lw a2, 4(a3)
    li a0, 0
    bge a1, a2, 4f
    li a0, 1
4:  CHECK 25, a0, 1
    .pushsection .data
operands_25: .word 0x80000000, 0x7fffffff
    .popsection

    /* a loop: backward taken nine times, then falls through */
    li a0, 0
    li a1, 10
    li a2, 2
5:  addi a0, a0, 3
    addi a1, a1, -1
    bge a1, a2, 5b
    CHECK 26, a0, 27
TEST_END

    .data
shadow_word: .word 0x5A5A5A5A
