/* ISA test: lw (word): every byte lane, positive and negative offsets, the ends of the
   12-bit offset, rd = rs1, rd = x0, load-use. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    /* every aligned position, from the start of the data */
    TEST_LD 1, lw, 0xff807f00, 0, ld_data
    TEST_LD 2, lw, 0x67452301, 4, ld_data
    TEST_LD 3, lw, 0xefcdab89, 8, ld_data
    TEST_LD 4, lw, 0x80000000, 12, ld_data
    TEST_LD 5, lw, 0x7fffffff, 16, ld_data
    TEST_LD 6, lw, 0xffffffff, 20, ld_data
    TEST_LD 7, lw, 0x007f8000, 24, ld_data
    /* negative offsets from the end of the data */
    TEST_LD 8, lw, 0xff807f00, -12, ld_data + 12
    TEST_LD 9, lw, 0x67452301, -8, ld_data + 12
    TEST_LD 10, lw, 0xefcdab89, -4, ld_data + 12
    /* the ends of the 12-bit offset: -2048 and +2047 */
    TEST_LD 11, lw, 0x67452301, -2048, ld_data + 2048 + 4
    TEST_LD 12, lw, 0xefcdab89, 2047, ld_data - 2047 + 8
    TEST_LD 13, lw, 0xefcdab89, -2048, ld_data + 2048 + 8
    /* rd = rs1 */
    la a1, ld_data + 8
    lw a1, 0(a1)
    CHECK 14, a1, 0xefcdab89
    /* rd = x0: the value is dropped */
    la a1, ld_data + 8
    lw x0, 0(a1)
    CHECK 15, x0, 0
    /* load-use: the loaded value used 0, 1 and 2 instructions later */
    TEST_LD_USE 16, 0, lw, 0xefcdab89, 8, ld_data
    TEST_LD_USE 17, 1, lw, 0xff807f00, 0, ld_data
    TEST_LD_USE 18, 2, lw, 0x67452301, 4, ld_data
    /* the base register written by the instruction just before */
    la a1, ld_data
    addi a1, a1, 8
    lw a0, 0(a1)
    CHECK 19, a0, 0xefcdab89
    /* the loaded value as the base of the next load */
    la a1, ptr_table
    lw a2, 0(a1)
    lw a0, 0(a2)
    CHECK 20, a0, 0xefcdab89
    /* two loads back to back, then both used */
    la a1, ld_data
    lw a2, 8(a1)
    lw a3, 4(a1)
    add a0, a2, a3
    CHECK 21, a0, 0x5712ce8a
    /* a load right after a store to the same place */
    la a1, st_area
    li a2, 0x8001FF80
    sw a2, 0(a1)
    lw a0, 0(a1)
    CHECK 22, a0, 0x8001ff80
TEST_END

    .data
    .balign 16
ld_data:
    .byte 0x00, 0x7F, 0x80, 0xFF
    .byte 0x01, 0x23, 0x45, 0x67
    .byte 0x89, 0xAB, 0xCD, 0xEF
    .byte 0x00, 0x00, 0x00, 0x80
    .byte 0xFF, 0xFF, 0xFF, 0x7F
    .byte 0xFF, 0xFF, 0xFF, 0xFF
    .byte 0x00, 0x80, 0x7F, 0x00
ptr_table:
    .word ld_data + 8
st_area:
    .word 0
