/* ISA test: sb: stores the low byte of rs2 into its lane(s) and no others;
   offsets of both signs and at the ends of the 12-bit range; store data and base
   from the instruction just before; a load right after. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    /* each lane; the rest of the word keeps its old bytes */
    la a1, st_area + 0
    li a2, 0x12345678
    sb a2, 0(a1)
    lbu a0, 0(a1)
    CHECK 1, a0, 0x00000078
    la a4, st_area + 0
    lw a0, 0(a4)
    CHECK 1, a0, 0xa5a5a578
    lw a0, 4(a4)
    CHECK 1, a0, 0xa5a5a5a5
    la a1, st_area + 8
    li a2, 0xffffffff
    sb a2, 0(a1)
    lbu a0, 0(a1)
    CHECK 2, a0, 0x000000ff
    la a4, st_area + 8
    lw a0, 0(a4)
    CHECK 2, a0, 0xa5a5a5ff
    lw a0, 4(a4)
    CHECK 2, a0, 0xa5a5a5a5
    la a1, st_area + 16
    li a2, 0x80808080
    sb a2, 0(a1)
    lbu a0, 0(a1)
    CHECK 3, a0, 0x00000080
    la a4, st_area + 16
    lw a0, 0(a4)
    CHECK 3, a0, 0xa5a5a580
    lw a0, 4(a4)
    CHECK 3, a0, 0xa5a5a5a5
    la a1, st_area + 24
    li a2, 0x12345678
    sb a2, 1(a1)
    lbu a0, 1(a1)
    CHECK 4, a0, 0x00000078
    la a4, st_area + 24
    lw a0, 0(a4)
    CHECK 4, a0, 0xa5a578a5
    lw a0, 4(a4)
    CHECK 4, a0, 0xa5a5a5a5
    la a1, st_area + 32
    li a2, 0xffffffff
    sb a2, 1(a1)
    lbu a0, 1(a1)
    CHECK 5, a0, 0x000000ff
    la a4, st_area + 32
    lw a0, 0(a4)
    CHECK 5, a0, 0xa5a5ffa5
    lw a0, 4(a4)
    CHECK 5, a0, 0xa5a5a5a5
    la a1, st_area + 40
    li a2, 0x80808080
    sb a2, 1(a1)
    lbu a0, 1(a1)
    CHECK 6, a0, 0x00000080
    la a4, st_area + 40
    lw a0, 0(a4)
    CHECK 6, a0, 0xa5a580a5
    lw a0, 4(a4)
    CHECK 6, a0, 0xa5a5a5a5
    la a1, st_area + 48
    li a2, 0x12345678
    sb a2, 2(a1)
    lbu a0, 2(a1)
    CHECK 7, a0, 0x00000078
    la a4, st_area + 48
    lw a0, 0(a4)
    CHECK 7, a0, 0xa578a5a5
    lw a0, 4(a4)
    CHECK 7, a0, 0xa5a5a5a5
    la a1, st_area + 56
    li a2, 0xffffffff
    sb a2, 2(a1)
    lbu a0, 2(a1)
    CHECK 8, a0, 0x000000ff
    la a4, st_area + 56
    lw a0, 0(a4)
    CHECK 8, a0, 0xa5ffa5a5
    lw a0, 4(a4)
    CHECK 8, a0, 0xa5a5a5a5
    la a1, st_area + 64
    li a2, 0x80808080
    sb a2, 2(a1)
    lbu a0, 2(a1)
    CHECK 9, a0, 0x00000080
    la a4, st_area + 64
    lw a0, 0(a4)
    CHECK 9, a0, 0xa580a5a5
    lw a0, 4(a4)
    CHECK 9, a0, 0xa5a5a5a5
    la a1, st_area + 72
    li a2, 0x12345678
    sb a2, 3(a1)
    lbu a0, 3(a1)
    CHECK 10, a0, 0x00000078
    la a4, st_area + 72
    lw a0, 0(a4)
    CHECK 10, a0, 0x78a5a5a5
    lw a0, 4(a4)
    CHECK 10, a0, 0xa5a5a5a5
    la a1, st_area + 80
    li a2, 0xffffffff
    sb a2, 3(a1)
    lbu a0, 3(a1)
    CHECK 11, a0, 0x000000ff
    la a4, st_area + 80
    lw a0, 0(a4)
    CHECK 11, a0, 0xffa5a5a5
    lw a0, 4(a4)
    CHECK 11, a0, 0xa5a5a5a5
    la a1, st_area + 88
    li a2, 0x80808080
    sb a2, 3(a1)
    lbu a0, 3(a1)
    CHECK 12, a0, 0x00000080
    la a4, st_area + 88
    lw a0, 0(a4)
    CHECK 12, a0, 0x80a5a5a5
    lw a0, 4(a4)
    CHECK 12, a0, 0xa5a5a5a5
    /* negative offsets */
    la a1, st_area + 96 + 16
    li a2, 0xcafebabe
    sb a2, -16(a1)
    lbu a0, -16(a1)
    CHECK 13, a0, 0x000000be
    la a4, st_area + 96
    lw a0, 0(a4)
    CHECK 13, a0, 0xa5a5a5be
    lw a0, 4(a4)
    CHECK 13, a0, 0xa5a5a5a5
    la a1, st_area + 104 + 16
    li a2, 0xcafebabe
    sb a2, -15(a1)
    lbu a0, -15(a1)
    CHECK 14, a0, 0x000000be
    la a4, st_area + 104
    lw a0, 0(a4)
    CHECK 14, a0, 0xa5a5bea5
    lw a0, 4(a4)
    CHECK 14, a0, 0xa5a5a5a5
    la a1, st_area + 112 + 16
    li a2, 0xcafebabe
    sb a2, -14(a1)
    lbu a0, -14(a1)
    CHECK 15, a0, 0x000000be
    la a4, st_area + 112
    lw a0, 0(a4)
    CHECK 15, a0, 0xa5bea5a5
    lw a0, 4(a4)
    CHECK 15, a0, 0xa5a5a5a5
    la a1, st_area + 120 + 16
    li a2, 0xcafebabe
    sb a2, -13(a1)
    lbu a0, -13(a1)
    CHECK 16, a0, 0x000000be
    la a4, st_area + 120
    lw a0, 0(a4)
    CHECK 16, a0, 0xbea5a5a5
    lw a0, 4(a4)
    CHECK 16, a0, 0xa5a5a5a5
    /* the ends of the 12-bit offset */
    la a1, st_area + 128 + 2048
    li a2, 0xcafebabe
    sb a2, -2048(a1)
    lbu a0, -2048(a1)
    CHECK 17, a0, 0x000000be
    la a4, st_area + 128
    lw a0, 0(a4)
    CHECK 17, a0, 0xa5a5a5be
    lw a0, 4(a4)
    CHECK 17, a0, 0xa5a5a5a5
    la a1, st_area + 136 - 2047 + 3
    li a2, 0x12345678
    sb a2, 2047(a1)
    lbu a0, 2047(a1)
    CHECK 18, a0, 0x00000078
    la a4, st_area + 136
    lw a0, 0(a4)
    CHECK 18, a0, 0x78a5a5a5
    lw a0, 4(a4)
    CHECK 18, a0, 0xa5a5a5a5
    /* store data and base written by the instruction just before */
    la a1, st_area + 144
    li a2, 0x7f7f7f7e
    addi a2, a2, 1
    sb a2, 0(a1)
    lbu a0, 0(a1)
    CHECK 19, a0, 0x0000007f
    la a4, st_area + 144
    lw a0, 0(a4)
    CHECK 19, a0, 0xa5a5a57f
    lw a0, 4(a4)
    CHECK 19, a0, 0xa5a5a5a5
    li a2, 0xcafebabe
    la a1, st_area + 152 - 16
    addi a1, a1, 16
    sb a2, 3(a1)
    lbu a0, 3(a1)
    CHECK 20, a0, 0x000000be
    la a4, st_area + 152
    lw a0, 0(a4)
    CHECK 20, a0, 0xbea5a5a5
    lw a0, 4(a4)
    CHECK 20, a0, 0xa5a5a5a5
    /* store data loaded by the instruction just before */
    la a1, st_area + 160
    la a3, src_word
    lw a2, 0(a3)
    sb a2, 0(a1)
    lbu a0, 0(a1)
    CHECK 21, a0, 0x000000ef
    la a4, st_area + 160
    lw a0, 0(a4)
    CHECK 21, a0, 0xa5a5a5ef
    lw a0, 4(a4)
    CHECK 21, a0, 0xa5a5a5a5
    /* rs2 = x0 stores zeros */
    la a1, st_area + 168
    sb x0, 0(a1)
    lw a0, 0(a1)
    CHECK 22, a0, 0xa5a5a500
    /* rs1 = rs2: the address is the data */
    la a1, st_area + 176
    sb a1, 0(a1)
    lw a0, 0(a1)
    la a2, st_area + 176
    slli a3, a2, 24
    srli a3, a3, 24
    li a4, 0xa5a5a500
    or a3, a3, a4
    CHECK_REG 23, a0, a3
    /* stores back to back filling a word, then a word load */
    la a1, st_area + 184
    li a2, 0x44
    sb a2, 0(a1)
    li a2, 0x33
    sb a2, 1(a1)
    li a2, 0x22
    sb a2, 2(a1)
    li a2, 0x11
    sb a2, 3(a1)
    lw a0, 0(a1)
    CHECK 24, a0, 0x11223344
TEST_END

    .data
src_word:
    .word 0x89ABCDEF
    .balign 16
st_area:
    .rept 50
    .word 0xA5A5A5A5
    .endr
