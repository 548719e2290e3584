/* ISA test: lbu (byte, zero-extended): every byte lane, positive and negative offsets, the
   ends of the 12-bit offset, rd = rs1, rd = x0, load-use. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    /* every aligned position, from the start of the data */
    TEST_LD 1, lbu, 0x00000000, 0, ld_data
    TEST_LD 2, lbu, 0x0000007f, 1, ld_data
    TEST_LD 3, lbu, 0x00000080, 2, ld_data
    TEST_LD 4, lbu, 0x000000ff, 3, ld_data
    TEST_LD 5, lbu, 0x00000001, 4, ld_data
    TEST_LD 6, lbu, 0x00000023, 5, ld_data
    TEST_LD 7, lbu, 0x00000045, 6, ld_data
    TEST_LD 8, lbu, 0x00000067, 7, ld_data
    TEST_LD 9, lbu, 0x00000089, 8, ld_data
    TEST_LD 10, lbu, 0x000000ab, 9, ld_data
    TEST_LD 11, lbu, 0x000000cd, 10, ld_data
    TEST_LD 12, lbu, 0x000000ef, 11, ld_data
    TEST_LD 13, lbu, 0x00000000, 12, ld_data
    TEST_LD 14, lbu, 0x00000000, 13, ld_data
    TEST_LD 15, lbu, 0x00000000, 14, ld_data
    TEST_LD 16, lbu, 0x00000080, 15, ld_data
    TEST_LD 17, lbu, 0x000000ff, 16, ld_data
    TEST_LD 18, lbu, 0x000000ff, 17, ld_data
    TEST_LD 19, lbu, 0x000000ff, 18, ld_data
    TEST_LD 20, lbu, 0x0000007f, 19, ld_data
    TEST_LD 21, lbu, 0x000000ff, 20, ld_data
    TEST_LD 22, lbu, 0x000000ff, 21, ld_data
    TEST_LD 23, lbu, 0x000000ff, 22, ld_data
    TEST_LD 24, lbu, 0x000000ff, 23, ld_data
    TEST_LD 25, lbu, 0x00000000, 24, ld_data
    TEST_LD 26, lbu, 0x00000080, 25, ld_data
    TEST_LD 27, lbu, 0x0000007f, 26, ld_data
    TEST_LD 28, lbu, 0x00000000, 27, ld_data
    /* negative offsets from the end of the data */
    TEST_LD 29, lbu, 0x00000000, -12, ld_data + 12
    TEST_LD 30, lbu, 0x0000007f, -11, ld_data + 12
    TEST_LD 31, lbu, 0x00000080, -10, ld_data + 12
    TEST_LD 32, lbu, 0x000000ff, -9, ld_data + 12
    TEST_LD 33, lbu, 0x00000001, -8, ld_data + 12
    TEST_LD 34, lbu, 0x00000023, -7, ld_data + 12
    TEST_LD 35, lbu, 0x00000045, -6, ld_data + 12
    TEST_LD 36, lbu, 0x00000067, -5, ld_data + 12
    TEST_LD 37, lbu, 0x00000089, -4, ld_data + 12
    TEST_LD 38, lbu, 0x000000ab, -3, ld_data + 12
    TEST_LD 39, lbu, 0x000000cd, -2, ld_data + 12
    TEST_LD 40, lbu, 0x000000ef, -1, ld_data + 12
    /* the ends of the 12-bit offset: -2048 and +2047 */
    TEST_LD 41, lbu, 0x00000001, -2048, ld_data + 2048 + 4
    TEST_LD 42, lbu, 0x000000ff, 2047, ld_data - 2047 + 3
    TEST_LD 43, lbu, 0x00000089, -2048, ld_data + 2048 + 8
    /* rd = rs1 */
    la a1, ld_data + 8
    lbu a1, 0(a1)
    CHECK 44, a1, 0x00000089
    /* rd = x0: the value is dropped */
    la a1, ld_data + 8
    lbu x0, 0(a1)
    CHECK 45, x0, 0
    /* load-use: the loaded value used 0, 1 and 2 instructions later */
    TEST_LD_USE 46, 0, lbu, 0x00000089, 8, ld_data
    TEST_LD_USE 47, 1, lbu, 0x00000000, 0, ld_data
    TEST_LD_USE 48, 2, lbu, 0x00000001, 4, ld_data
    /* the base register written by the instruction just before */
    la a1, ld_data
    addi a1, a1, 8
    lbu a0, 0(a1)
    CHECK 49, a0, 0x00000089
    /* the loaded value as the base of the next load */
    la a1, ptr_table
    lw a2, 0(a1)
    lbu a0, 0(a2)
    CHECK 50, a0, 0x00000089
    /* two loads back to back, then both used */
    la a1, ld_data
    lbu a2, 8(a1)
    lbu a3, 1(a1)
    add a0, a2, a3
    CHECK 51, a0, 0x00000108
    /* a load right after a store to the same place */
    la a1, st_area
    li a2, 0x8001FF80
    sw a2, 0(a1)
    lbu a0, 0(a1)
    CHECK 52, a0, 0x00000080
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
