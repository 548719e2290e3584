/* ISA test: lhu (halfword, zero-extended): every byte lane, positive and negative offsets,
   the ends of the 12-bit offset, rd = rs1, rd = x0, load-use. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    /* every aligned position, from the start of the data */
    TEST_LD 1, lhu, 0x00007f00, 0, ld_data
    TEST_LD 2, lhu, 0x0000ff80, 2, ld_data
    TEST_LD 3, lhu, 0x00002301, 4, ld_data
    TEST_LD 4, lhu, 0x00006745, 6, ld_data
    TEST_LD 5, lhu, 0x0000ab89, 8, ld_data
    TEST_LD 6, lhu, 0x0000efcd, 10, ld_data
    TEST_LD 7, lhu, 0x00000000, 12, ld_data
    TEST_LD 8, lhu, 0x00008000, 14, ld_data
    TEST_LD 9, lhu, 0x0000ffff, 16, ld_data
    TEST_LD 10, lhu, 0x00007fff, 18, ld_data
    TEST_LD 11, lhu, 0x0000ffff, 20, ld_data
    TEST_LD 12, lhu, 0x0000ffff, 22, ld_data
    TEST_LD 13, lhu, 0x00008000, 24, ld_data
    TEST_LD 14, lhu, 0x0000007f, 26, ld_data
    /* negative offsets from the end of the data */
    TEST_LD 15, lhu, 0x00007f00, -12, ld_data + 12
    TEST_LD 16, lhu, 0x0000ff80, -10, ld_data + 12
    TEST_LD 17, lhu, 0x00002301, -8, ld_data + 12
    TEST_LD 18, lhu, 0x00006745, -6, ld_data + 12
    TEST_LD 19, lhu, 0x0000ab89, -4, ld_data + 12
    TEST_LD 20, lhu, 0x0000efcd, -2, ld_data + 12
    /* the ends of the 12-bit offset: -2048 and +2047 */
    TEST_LD 21, lhu, 0x00002301, -2048, ld_data + 2048 + 4
    TEST_LD 22, lhu, 0x0000ab89, 2047, ld_data - 2047 + 8
    TEST_LD 23, lhu, 0x0000ab89, -2048, ld_data + 2048 + 8
    /* rd = rs1 */
    la a1, ld_data + 8
    lhu a1, 0(a1)
    CHECK 24, a1, 0x0000ab89
    /* rd = x0: the value is dropped */
    la a1, ld_data + 8
    lhu x0, 0(a1)
    CHECK 25, x0, 0
    /* load-use: the loaded value used 0, 1 and 2 instructions later */
    TEST_LD_USE 26, 0, lhu, 0x0000ab89, 8, ld_data
    TEST_LD_USE 27, 1, lhu, 0x00007f00, 0, ld_data
    TEST_LD_USE 28, 2, lhu, 0x00002301, 4, ld_data
    /* the base register written by the instruction just before */
    la a1, ld_data
    addi a1, a1, 8
    lhu a0, 0(a1)
    CHECK 29, a0, 0x0000ab89
    /* the loaded value as the base of the next load */
    la a1, ptr_table
    lw a2, 0(a1)
    lhu a0, 0(a2)
    CHECK 30, a0, 0x0000ab89
    /* two loads back to back, then both used */
    la a1, ld_data
    lhu a2, 8(a1)
    lhu a3, 2(a1)
    add a0, a2, a3
    CHECK 31, a0, 0x0001ab09
    /* a load right after a store to the same place */
    la a1, st_area
    li a2, 0x8001FF80
    sw a2, 0(a1)
    lhu a0, 0(a1)
    CHECK 32, a0, 0x0000ff80
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
