/* ISA test: back-to-back dependent instructions (forwarding) and load-use of every kind. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    /* a chain of dependent ALU operations, each using the one before */
    li a0, 1
    addi a0, a0, 1
    add a0, a0, a0
    slli a0, a0, 3
    xori a0, a0, 0x55
    sub a0, a0, x0
    srai a0, a0, 1
    CHECK 1, a0, 0x3A                   /* ((1 + 1) * 2 << 3 = 32) ^ 0x55 = 0x75, >> 1 */

    /* both operands from the two instructions before, in both orders */
    li a1, 10
    li a2, 3
    sub a0, a1, a2
    CHECK 2, a0, 7
    li a2, 3
    li a1, 10
    sub a0, a1, a2
    CHECK 3, a0, 7

    /* the same register written twice in a row: the newer value wins */
    li a1, 1
    li a1, 2
    addi a0, a1, 0
    CHECK 4, a0, 2
    li a1, 5
    addi a1, a1, 1
    addi a1, a1, 1
    addi a1, a1, 1
    CHECK 5, a1, 8

    /* multiply and divide results used at once, and feeding each other */
    li a1, 7
    li a2, 6
    mul a0, a1, a2
    addi a0, a0, 1
    CHECK 6, a0, 43
    li a1, 1000
    li a2, 7
    div a0, a1, a2
    mul a0, a0, a2
    rem a3, a1, a2
    add a0, a0, a3
    CHECK 7, a0, 1000
    mulhu a0, a1, a1
    CHECK 8, a0, 0

    /* load-use: the loaded value as an ALU operand at once, as both operands, as a shift */
    la a1, data
    lw a0, 0(a1)
    addi a0, a0, 1
    CHECK 9, a0, 0x12345679
    lw a2, 4(a1)
    add a0, a2, a2
    CHECK 10, a0, 6
    lw a2, 4(a1)
    lw a3, 0(a1)
    sll a0, a3, a2
    CHECK 11, a0, 0x91A2B3C0
    /* load-use into multiply and divide */
    lw a2, 4(a1)
    mul a0, a2, a2
    CHECK 12, a0, 9
    lw a2, 4(a1)
    divu a0, a1, a2
    mul a0, a0, a2
    remu a3, a1, a2
    add a0, a0, a3
    CHECK_REG 13, a0, a1
    /* load-use into a store (data and address) and a load (address) */
    lw a2, 0(a1)
    sw a2, 8(a1)
    lw a0, 8(a1)
    CHECK 14, a0, 0x12345678
    lw a2, 12(a1)                       /* a pointer to data + 4 */
    lw a0, 0(a2)
    CHECK 15, a0, 3
    lw a2, 12(a1)
    sw a1, 4(a2)                        /* data + 8 := data */
    lw a0, 8(a1)
    CHECK_REG 16, a0, a1
    /* load-use into a CSR write */
    lw a2, 0(a1)
    csrw mscratch, a2
    csrr a0, mscratch
    CHECK 17, a0, 0x12345678
    /* CSR read used at once */
    li a2, 0x77
    csrw mscratch, a2
    csrr a0, mscratch
    addi a0, a0, 1
    CHECK 18, a0, 0x78
    /* CSR written twice in a row, then read */
    li a2, 1
    li a3, 2
    csrw mscratch, a2
    csrw mscratch, a3
    csrr a0, mscratch
    CHECK 19, a0, 2
    /* csrrw swapping with a register written just before */
    li a2, 0x99
    csrrw a2, mscratch, a2
    csrr a0, mscratch
    CHECK 20, a2, 2
    CHECK 21, a0, 0x99

    /* a load overwritten by the next instruction's write of the same register */
    lw a0, 0(a1)
    li a0, 5
    CHECK 22, a0, 5
    /* a store right after a store to the same word, then a load */
    li a2, 0x11
    li a3, 0x22
    sw a2, 16(a1)
    sw a3, 16(a1)
    lw a0, 16(a1)
    CHECK 23, a0, 0x22
    /* a byte store then a word load of the same word */
    li a2, 0
    sw a2, 16(a1)
    li a2, 0xAB
    sb a2, 17(a1)
    lw a0, 16(a1)
    CHECK 24, a0, 0xAB00
    /* lui/auipc results used at once */
    lui a2, 0x12345
    addi a0, a2, 0x678
    CHECK 25, a0, 0x12345678
1:  auipc a2, 0
    addi a0, a2, 0
    CHECK_ADDR 26, a0, 1b
    /* a result used two and three instructions later while newer ones go by */
    li a2, 40
    addi a3, x0, 1
    addi a4, x0, 2
    add a0, a2, a3
    add a0, a0, a4
    CHECK 27, a0, 43
TEST_END

    .data
    .balign 16
data:
    .word 0x12345678, 3, 0, data + 4, 0, 0
