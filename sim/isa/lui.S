/* ISA test: lui (U-immediate into bits 31:12, low 12 bits zero). */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    lui a0, 0x00000
    CHECK 1, a0, 0x00000000
    lui a0, 0x00001
    CHECK 2, a0, 0x00001000
    lui a0, 0x7FFFF
    CHECK 3, a0, 0x7FFFF000
    lui a0, 0x80000             /* bit 31 of the result: no sign extension beyond 32 bits */
    CHECK 4, a0, 0x80000000
    lui a0, 0xFFFFF
    CHECK 5, a0, 0xFFFFF000
    lui a0, 0x12345
    CHECK 6, a0, 0x12345000
    /* lui then addi with a negative immediate: the usual 32-bit constant */
    lui a0, 0x12346
    addi a0, a0, -0x788
    CHECK 7, a0, 0x12345878
    /* the low 12 bits are cleared, whatever the register held */
    li a0, 0xFFFFFFFF
    lui a0, 0xABCDE
    CHECK 8, a0, 0xABCDE000
    /* back-to-back use of the result */
    lui a1, 0x00F0F
    srli a0, a1, 12
    CHECK 9, a0, 0x00000F0F
    /* rd = x0 */
    lui x0, 0xFFFFF
    CHECK 10, x0, 0
    /* every register as the destination */
    lui ra, 0x00001
    lui sp, 0x00002
    lui s0, 0x00003
    lui s11, 0x00004
    lui t6, 0x00005
    mv a0, t6                   /* CHECK uses t6 */
    CHECK 11, ra, 0x1000
    CHECK 12, sp, 0x2000
    CHECK 13, s0, 0x3000
    CHECK 14, s11, 0x4000
    CHECK 15, a0, 0x5000
TEST_END
