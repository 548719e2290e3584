/* ISA test: blt (signed less than): taken and not taken, forward and backward. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    TEST_BR_NOT 1, blt, 0x00000000, 0x00000000
    TEST_BR_NOT 2, blt, 0x00000001, 0x00000001
    TEST_BR_NOT 3, blt, 0xffffffff, 0xffffffff
    TEST_BR_TAKEN 4, blt, 0x00000000, 0x00000001
    TEST_BR_NOT 5, blt, 0x00000001, 0x00000000
    TEST_BR_TAKEN 6, blt, 0xffffffff, 0x00000001
    TEST_BR_NOT 7, blt, 0x00000001, 0xffffffff
    TEST_BR_TAKEN 8, blt, 0xffffffff, 0x00000000
    TEST_BR_NOT 9, blt, 0x00000000, 0xffffffff
    TEST_BR_TAKEN 10, blt, 0x80000000, 0x7fffffff
    TEST_BR_NOT 11, blt, 0x7fffffff, 0x80000000
    TEST_BR_NOT 12, blt, 0x80000000, 0x80000000
    TEST_BR_TAKEN 13, blt, 0x80000000, 0x00000000
    TEST_BR_NOT 14, blt, 0x00000000, 0x80000000
    TEST_BR_TAKEN 15, blt, 0xfffffffe, 0xffffffff
    TEST_BR_NOT 16, blt, 0xffffffff, 0xfffffffe
    TEST_BR_TAKEN 17, blt, 0x12345678, 0x12345679
    TEST_BR_NOT 18, blt, 0x12345679, 0x12345678

    /* x0 as both operands */
    TEST_BR_NOT 19, blt, 0, 0
    li gp, 20
    li a1, 0
    blt x0, x0, 1f
    li a1, 1
1:  CHECK 20, a1, 1

    /* nothing in the shadow of a taken branch takes effect */
    TEST_BR_SHADOW 21, blt, 0x00000000, 0x00000001, shadow_word

    /* a branch not taken runs the instructions after it */
    li a0, 0
    li a1, 0x00000000
    li a2, 0x00000000
    blt a1, a2, 3f
    addi a0, a0, 1
    addi a0, a0, 2
3:  addi a0, a0, 4
    CHECK 22, a0, 7

    /* operands straight from loads (load-use into the branch) */
    la a3, operands_23
    lw a1, 0(a3)
    lw a2, 4(a3)
    li a0, 0
    blt a1, a2, 4f
    li a0, 1
4:  CHECK 23, a0, 1
    .pushsection .data
operands_23: .word 0x00000000, 0x00000000
    .popsection

    /* operands straight from loads (load-use into the branch) */
    la a3, operands_24
    lw a1, 0(a3)
    lw a2, 4(a3)
    li a0, 0
    blt a1, a2, 4f
    li a0, 1
4:  CHECK 24, a0, 0
    .pushsection .data
operands_24: .word 0x00000000, 0x00000001
    .popsection

    /* operands straight from loads (load-use into the branch) */
    la a3, operands_25
    lw a1, 0(a3)
    lw a2, 4(a3)
    li a0, 0
    blt a1, a2, 4f
    li a0, 1
4:  CHECK 25, a0, 0
    .pushsection .data
operands_25: .word 0x80000000, 0x7fffffff
    .popsection

    /* a loop: backward taken nine times, then falls through */
    li a0, 0
    li a1, 0
    li a2, 10
5:  addi a0, a0, 3
    addi a1, a1, 1
    blt a1, a2, 5b
    CHECK 26, a0, 30
TEST_END

    .data
shadow_word: .word 0x5A5A5A5A
