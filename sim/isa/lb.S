/* ISA test: lb (byte, sign-extended): every byte lane, positive and negative offsets, the
   ends of the 12-bit offset, rd = rs1, rd = x0, load-use. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    /* every aligned position, from the start of the data */
    TEST_LD 1, lb, 0x00000000, 0, ld_data
    TEST_LD 2, lb, 0x0000007f, 1, ld_data
    TEST_LD 3, lb, 0xffffff80, 2, ld_data
    TEST_LD 4, lb, 0xffffffff, 3, ld_data
    TEST_LD 5, lb, 0x00000001, 4, ld_data
    TEST_LD 6, lb, 0x00000023, 5, ld_data
    TEST_LD 7, lb, 0x00000045, 6, ld_data
    TEST_LD 8, lb, 0x00000067, 7, ld_data
    TEST_LD 9, lb, 0xffffff89, 8, ld_data
    TEST_LD 10, lb, 0xffffffab, 9, ld_data
    TEST_LD 11, lb, 0xffffffcd, 10, ld_data
    TEST_LD 12, lb, 0xffffffef, 11, ld_data
    TEST_LD 13, lb, 0x00000000, 12, ld_data
    TEST_LD 14, lb, 0x00000000, 13, ld_data
    TEST_LD 15, lb, 0x00000000, 14, ld_data
    TEST_LD 16, lb, 0xffffff80, 15, ld_data
    TEST_LD 17, lb, 0xffffffff, 16, ld_data
    TEST_LD 18, lb, 0xffffffff, 17, ld_data
    TEST_LD 19, lb, 0xffffffff, 18, ld_data
    TEST_LD 20, lb, 0x0000007f, 19, ld_data
    TEST_LD 21, lb, 0xffffffff, 20, ld_data
    TEST_LD 22, lb, 0xffffffff, 21, ld_data
    TEST_LD 23, lb, 0xffffffff, 22, ld_data
    TEST_LD 24, lb, 0xffffffff, 23, ld_data
    TEST_LD 25, lb, 0x00000000, 24, ld_data
    TEST_LD 26, lb, 0xffffff80, 25, ld_data
    TEST_LD 27, lb, 0x0000007f, 26, ld_data
    TEST_LD 28, lb, 0x00000000, 27, ld_data
    /* negative offsets from the end of the data */
    TEST_LD 29, lb, 0x00000000, -12, ld_data + 12
    TEST_LD 30, lb, 0x0000007f, -11, ld_data + 12
    TEST_LD 31, lb, 0xffffff80, -10, ld_data + 12
    TEST_LD 32, lb, 0xffffffff, -9, ld_data + 12
    TEST_LD 33, lb, 0x00000001, -8, ld_data + 12
    TEST_LD 34, lb, 0x00000023, -7, ld_data + 12
    TEST_LD 35, lb, 0x00000045, -6, ld_data + 12
    TEST_LD 36, lb, 0x00000067, -5, ld_data + 12
    TEST_LD 37, lb, 0xffffff89, -4, ld_data + 12
    TEST_LD 38, lb, 0xffffffab, -3, ld_data + 12
    TEST_LD 39, lb, 0xffffffcd, -2, ld_data + 12
    TEST_LD 40, lb, 0xffffffef, -1, ld_data + 12
    /* the ends of the 12-bit offset: -2048 and +2047 */
    TEST_LD 41, lb, 0x00000001, -2048, ld_data + 2048 + 4
    TEST_LD 42, lb, 0xffffffff, 2047, ld_data - 2047 + 3
    TEST_LD 43, lb, 0xffffff89, -2048, ld_data + 2048 + 8
    /* rd = rs1 */
    la a1, ld_data + 8
    lb a1, 0(a1)
    CHECK 44, a1, 0xffffff89
    /* rd = x0: the value is dropped */
    la a1, ld_data + 8
    lb x0, 0(a1)
    CHECK 45, x0, 0
    /* load-use: the loaded value used 0, 1 and 2 instructions later */
    TEST_LD_USE 46, 0, lb, 0xffffff89, 8, ld_data
    TEST_LD_USE 47, 1, lb, 0x00000000, 0, ld_data
    TEST_LD_USE 48, 2, lb, 0x00000001, 4, ld_data
    /* the base register written by the instruction just before */
    la a1, ld_data
    addi a1, a1, 8
    lb a0, 0(a1)
    CHECK 49, a0, 0xffffff89
    /* the loaded value as the base of the next load */
    la a1, ptr_table
    lw a2, 0(a1)
    lb a0, 0(a2)
    CHECK 50, a0, 0xffffff89
    /* two loads back to back, then both used */
    la a1, ld_data
    lb a2, 8(a1)
    lb a3, 1(a1)
    add a0, a2, a3
    CHECK 51, a0, 0x00000008
    /* a load right after a store to the same place */
    la a1, st_area
    li a2, 0x8001FF80
    sw a2, 0(a1)
    lb a0, 0(a1)
    CHECK 52, a0, 0xffffff80
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
