/* ISA test: sh: stores the low halfword of rs2 into its lane(s) and no others;
   offsets of both signs and at the ends of the 12-bit range; store data and base
   from the instruction just before; a load right after. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    /* each lane; the rest of the word keeps its old bytes */
    la a1, st_area + 0
    li a2, 0x12345678
    sh a2, 0(a1)
    lhu a0, 0(a1)
    CHECK 1, a0, 0x00005678
    la a4, st_area + 0
    lw a0, 0(a4)
    CHECK 1, a0, 0xa5a55678
    lw a0, 4(a4)
    CHECK 1, a0, 0xa5a5a5a5
    la a1, st_area + 8
    li a2, 0xffffffff
    sh a2, 0(a1)
    lhu a0, 0(a1)
    CHECK 2, a0, 0x0000ffff
    la a4, st_area + 8
    lw a0, 0(a4)
    CHECK 2, a0, 0xa5a5ffff
    lw a0, 4(a4)
    CHECK 2, a0, 0xa5a5a5a5
    la a1, st_area + 16
    li a2, 0x80808080
    sh a2, 0(a1)
    lhu a0, 0(a1)
    CHECK 3, a0, 0x00008080
    la a4, st_area + 16
    lw a0, 0(a4)
    CHECK 3, a0, 0xa5a58080
    lw a0, 4(a4)
    CHECK 3, a0, 0xa5a5a5a5
    la a1, st_area + 24
    li a2, 0x12345678
    sh a2, 2(a1)
    lhu a0, 2(a1)
    CHECK 4, a0, 0x00005678
    la a4, st_area + 24
    lw a0, 0(a4)
    CHECK 4, a0, 0x5678a5a5
    lw a0, 4(a4)
    CHECK 4, a0, 0xa5a5a5a5
    la a1, st_area + 32
    li a2, 0xffffffff
    sh a2, 2(a1)
    lhu a0, 2(a1)
    CHECK 5, a0, 0x0000ffff
    la a4, st_area + 32
    lw a0, 0(a4)
    CHECK 5, a0, 0xffffa5a5
    lw a0, 4(a4)
    CHECK 5, a0, 0xa5a5a5a5
    la a1, st_area + 40
    li a2, 0x80808080
    sh a2, 2(a1)
    lhu a0, 2(a1)
    CHECK 6, a0, 0x00008080
    la a4, st_area + 40
    lw a0, 0(a4)
    CHECK 6, a0, 0x8080a5a5
    lw a0, 4(a4)
    CHECK 6, a0, 0xa5a5a5a5
    /* negative offsets */
    la a1, st_area + 48 + 16
    li a2, 0xcafebabe
    sh a2, -16(a1)
    lhu a0, -16(a1)
    CHECK 7, a0, 0x0000babe
    la a4, st_area + 48
    lw a0, 0(a4)
    CHECK 7, a0, 0xa5a5babe
    lw a0, 4(a4)
    CHECK 7, a0, 0xa5a5a5a5
    la a1, st_area + 56 + 16
    li a2, 0xcafebabe
    sh a2, -14(a1)
    lhu a0, -14(a1)
    CHECK 8, a0, 0x0000babe
    la a4, st_area + 56
    lw a0, 0(a4)
    CHECK 8, a0, 0xbabea5a5
    lw a0, 4(a4)
    CHECK 8, a0, 0xa5a5a5a5
    /* the ends of the 12-bit offset */
    la a1, st_area + 64 + 2048
    li a2, 0xcafebabe
    sh a2, -2048(a1)
    lhu a0, -2048(a1)
    CHECK 9, a0, 0x0000babe
    la a4, st_area + 64
    lw a0, 0(a4)
    CHECK 9, a0, 0xa5a5babe
    lw a0, 4(a4)
    CHECK 9, a0, 0xa5a5a5a5
    la a1, st_area + 72 - 2047 + 2
    li a2, 0x12345678
    sh a2, 2047(a1)
    lhu a0, 2047(a1)
    CHECK 10, a0, 0x00005678
    la a4, st_area + 72
    lw a0, 0(a4)
    CHECK 10, a0, 0x5678a5a5
    lw a0, 4(a4)
    CHECK 10, a0, 0xa5a5a5a5
    /* store data and base written by the instruction just before */
    la a1, st_area + 80
    li a2, 0x7f7f7f7e
    addi a2, a2, 1
    sh a2, 0(a1)
    lhu a0, 0(a1)
    CHECK 11, a0, 0x00007f7f
    la a4, st_area + 80
    lw a0, 0(a4)
    CHECK 11, a0, 0xa5a57f7f
    lw a0, 4(a4)
    CHECK 11, a0, 0xa5a5a5a5
    li a2, 0xcafebabe
    la a1, st_area + 88 - 16
    addi a1, a1, 16
    sh a2, 2(a1)
    lhu a0, 2(a1)
    CHECK 12, a0, 0x0000babe
    la a4, st_area + 88
    lw a0, 0(a4)
    CHECK 12, a0, 0xbabea5a5
    lw a0, 4(a4)
    CHECK 12, a0, 0xa5a5a5a5
    /* store data loaded by the instruction just before */
    la a1, st_area + 96
    la a3, src_word
    lw a2, 0(a3)
    sh a2, 0(a1)
    lhu a0, 0(a1)
    CHECK 13, a0, 0x0000cdef
    la a4, st_area + 96
    lw a0, 0(a4)
    CHECK 13, a0, 0xa5a5cdef
    lw a0, 4(a4)
    CHECK 13, a0, 0xa5a5a5a5
    /* rs2 = x0 stores zeros */
    la a1, st_area + 104
    sh x0, 0(a1)
    lw a0, 0(a1)
    CHECK 14, a0, 0xa5a50000
    /* rs1 = rs2: the address is the data */
    la a1, st_area + 112
    sh a1, 0(a1)
    lw a0, 0(a1)
    la a2, st_area + 112
    slli a3, a2, 16
    srli a3, a3, 16
    li a4, 0xa5a50000
    or a3, a3, a4
    CHECK_REG 15, a0, a3
    /* stores back to back filling a word, then a word load */
    la a1, st_area + 120
    li a2, 0x3344
    sh a2, 0(a1)
    li a2, 0x1122
    sh a2, 2(a1)
    lw a0, 0(a1)
    CHECK 16, a0, 0x11223344
TEST_END

    .data
src_word:
    .word 0x89ABCDEF
    .balign 16
st_area:
    .rept 34
    .word 0xA5A5A5A5
    .endr
