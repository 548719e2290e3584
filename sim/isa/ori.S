/* ISA test: ori (immediate sign-extended). */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    TEST_IMM 1, ori, 0x00000000, 0x00000000, 0
    TEST_IMM 2, ori, 0x00ff0ff0, 0x00ff0f00, 240
    TEST_IMM 3, ori, 0xffffff0f, 0x00ff0f00, -241
    TEST_IMM 4, ori, 0xffffffff, 0x12345678, -1
    TEST_IMM 5, ori, 0xfffff800, 0x00000000, -2048
    TEST_IMM 6, ori, 0x000007ff, 0x00000000, 2047
    TEST_IMM 7, ori, 0xf00ff70f, 0xf00ff00f, 1807
    TEST_IMM 8, ori, 0x80000001, 0x80000000, 1
    TEST_IMM 9, ori, 0xfffff800, 0x12340000, -2048
    TEST_IMM_SRC1_EQ_DEST 10, ori, 0xffffff0f, 0x00ff0f00, -241
    TEST_IMM_ZEROSRC1 11, ori, 0xfffff800, -2048
    TEST_IMM_ZERODEST 12, ori, 0x12340000, -2048
    TEST_IMM_FWD 13, 0, 0, ori, 0x00ff0ff0, 0x00ff0f00, 240
    TEST_IMM_FWD 14, 1, 0, ori, 0xfffff800, 0x00000000, -2048
    TEST_IMM_FWD 15, 2, 0, ori, 0x80000001, 0x80000000, 1
    TEST_IMM_FWD 16, 0, 1, ori, 0x00ff0ff0, 0x00ff0f00, 240
    TEST_IMM_FWD 17, 0, 2, ori, 0xfffff800, 0x00000000, -2048
    TEST_IMM_FWD 18, 1, 1, ori, 0x80000001, 0x80000000, 1
TEST_END
