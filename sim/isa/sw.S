/* ISA test: sw: stores the low word of rs2 into its lane(s) and no others;
   offsets of both signs and at the ends of the 12-bit range; store data and base
   from the instruction just before; a load right after. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    /* each lane; the rest of the word keeps its old bytes */
    la a1, st_area + 0
    li a2, 0x12345678
    sw a2, 0(a1)
    lw a0, 0(a1)
    CHECK 1, a0, 0x12345678
    la a4, st_area + 0
    lw a0, 0(a4)
    CHECK 1, a0, 0x12345678
    lw a0, 4(a4)
    CHECK 1, a0, 0xa5a5a5a5
    la a1, st_area + 8
    li a2, 0xffffffff
    sw a2, 0(a1)
    lw a0, 0(a1)
    CHECK 2, a0, 0xffffffff
    la a4, st_area + 8
    lw a0, 0(a4)
    CHECK 2, a0, 0xffffffff
    lw a0, 4(a4)
    CHECK 2, a0, 0xa5a5a5a5
    la a1, st_area + 16
    li a2, 0x80808080
    sw a2, 0(a1)
    lw a0, 0(a1)
    CHECK 3, a0, 0x80808080
    la a4, st_area + 16
    lw a0, 0(a4)
    CHECK 3, a0, 0x80808080
    lw a0, 4(a4)
    CHECK 3, a0, 0xa5a5a5a5
    /* negative offsets */
    la a1, st_area + 24 + 16
    li a2, 0xcafebabe
    sw a2, -16(a1)
    lw a0, -16(a1)
    CHECK 4, a0, 0xcafebabe
    la a4, st_area + 24
    lw a0, 0(a4)
    CHECK 4, a0, 0xcafebabe
    lw a0, 4(a4)
    CHECK 4, a0, 0xa5a5a5a5
    /* the ends of the 12-bit offset */
    la a1, st_area + 32 + 2048
    li a2, 0xcafebabe
    sw a2, -2048(a1)
    lw a0, -2048(a1)
    CHECK 5, a0, 0xcafebabe
    la a4, st_area + 32
    lw a0, 0(a4)
    CHECK 5, a0, 0xcafebabe
    lw a0, 4(a4)
    CHECK 5, a0, 0xa5a5a5a5
    la a1, st_area + 40 - 2047 + 0
    li a2, 0x12345678
    sw a2, 2047(a1)
    lw a0, 2047(a1)
    CHECK 6, a0, 0x12345678
    la a4, st_area + 40
    lw a0, 0(a4)
    CHECK 6, a0, 0x12345678
    lw a0, 4(a4)
    CHECK 6, a0, 0xa5a5a5a5
    /* store data and base written by the instruction just before */
    la a1, st_area + 48
    li a2, 0x7f7f7f7e
    addi a2, a2, 1
    sw a2, 0(a1)
    lw a0, 0(a1)
    CHECK 7, a0, 0x7f7f7f7f
    la a4, st_area + 48
    lw a0, 0(a4)
    CHECK 7, a0, 0x7f7f7f7f
    lw a0, 4(a4)
    CHECK 7, a0, 0xa5a5a5a5
    li a2, 0xcafebabe
    la a1, st_area + 56 - 16
    addi a1, a1, 16
    sw a2, 0(a1)
    lw a0, 0(a1)
    CHECK 8, a0, 0xcafebabe
    la a4, st_area + 56
    lw a0, 0(a4)
    CHECK 8, a0, 0xcafebabe
    lw a0, 4(a4)
    CHECK 8, a0, 0xa5a5a5a5
    /* store data loaded by the instruction just before */
    la a1, st_area + 64
    la a3, src_word
    lw a2, 0(a3)
    sw a2, 0(a1)
    lw a0, 0(a1)
    CHECK 9, a0, 0x89abcdef
    la a4, st_area + 64
    lw a0, 0(a4)
    CHECK 9, a0, 0x89abcdef
    lw a0, 4(a4)
    CHECK 9, a0, 0xa5a5a5a5
    /* rs2 = x0 stores zeros */
    la a1, st_area + 72
    sw x0, 0(a1)
    lw a0, 0(a1)
    CHECK 10, a0, 0x00000000
    /* rs1 = rs2: the address is the data */
    la a1, st_area + 80
    sw a1, 0(a1)
    lw a0, 0(a1)
    la a2, st_area + 80
    slli a3, a2, 0
    srli a3, a3, 0
    li a4, 0x00000000
    or a3, a3, a4
    CHECK_REG 11, a0, a3
    /* stores back to back filling a word, then a word load */
    la a1, st_area + 88
    li a2, 0x11223344
    sw a2, 0(a1)
    lw a0, 0(a1)
    CHECK 12, a0, 0x11223344
TEST_END

    .data
src_word:
    .word 0x89ABCDEF
    .balign 16
st_area:
    .rept 26
    .word 0xA5A5A5A5
    .endr
