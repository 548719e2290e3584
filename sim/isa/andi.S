/* ISA test: andi (immediate sign-extended). */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    TEST_IMM 1, andi, 0x00000000, 0x00000000, 0
    TEST_IMM 2, andi, 0x000000f0, 0xffffffff, 240
    TEST_IMM 3, andi, 0x00ff0f00, 0x00ff0f00, -241
    TEST_IMM 4, andi, 0x12345678, 0x12345678, -1
    TEST_IMM 5, andi, 0xfffff800, 0xffffffff, -2048
    TEST_IMM 6, andi, 0x000007ff, 0xffffffff, 2047
    TEST_IMM 7, andi, 0x0000000f, 0xf00ff00f, 1807
    TEST_IMM 8, andi, 0x80000000, 0x80000000, -1
    TEST_IMM 9, andi, 0x12345000, 0x12345678, -2048
    TEST_IMM_SRC1_EQ_DEST 10, andi, 0x00ff0f00, 0x00ff0f00, -241
    TEST_IMM_ZEROSRC1 11, andi, 0x00000000, -2048
    TEST_IMM_ZERODEST 12, andi, 0x12345678, -2048
    TEST_IMM_FWD 13, 0, 0, andi, 0x000000f0, 0xffffffff, 240
    TEST_IMM_FWD 14, 1, 0, andi, 0xfffff800, 0xffffffff, -2048
    TEST_IMM_FWD 15, 2, 0, andi, 0x80000000, 0x80000000, -1
    TEST_IMM_FWD 16, 0, 1, andi, 0x000000f0, 0xffffffff, 240
    TEST_IMM_FWD 17, 0, 2, andi, 0xfffff800, 0xffffffff, -2048
    TEST_IMM_FWD 18, 1, 1, andi, 0x80000000, 0x80000000, -1
TEST_END
