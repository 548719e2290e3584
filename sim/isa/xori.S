/* ISA test: xori (immediate sign-extended; xori rd, rs, -1 is not). */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    TEST_IMM 1, xori, 0x00000000, 0x00000000, 0
    TEST_IMM 2, xori, 0x00ff0ff0, 0x00ff0f00, 240
    TEST_IMM 3, xori, 0xff00f00f, 0x00ff0f00, -241
    TEST_IMM 4, xori, 0xedcba987, 0x12345678, -1
    TEST_IMM 5, xori, 0xfffff800, 0x00000000, -2048
    TEST_IMM 6, xori, 0xfffff800, 0xffffffff, 2047
    TEST_IMM 7, xori, 0xf00ff700, 0xf00ff00f, 1807
    TEST_IMM 8, xori, 0x0ff00ff0, 0xf00ff00f, -1
    TEST_IMM 9, xori, 0x7ffff800, 0x80000000, -2048
    TEST_IMM_SRC1_EQ_DEST 10, xori, 0xff00f00f, 0x00ff0f00, -241
    TEST_IMM_ZEROSRC1 11, xori, 0xfffff800, -2048
    TEST_IMM_ZERODEST 12, xori, 0x80000000, -2048
    TEST_IMM_FWD 13, 0, 0, xori, 0x00ff0ff0, 0x00ff0f00, 240
    TEST_IMM_FWD 14, 1, 0, xori, 0xfffff800, 0x00000000, -2048
    TEST_IMM_FWD 15, 2, 0, xori, 0x0ff00ff0, 0xf00ff00f, -1
    TEST_IMM_FWD 16, 0, 1, xori, 0x00ff0ff0, 0x00ff0f00, 240
    TEST_IMM_FWD 17, 0, 2, xori, 0xfffff800, 0x00000000, -2048
    TEST_IMM_FWD 18, 1, 1, xori, 0x0ff00ff0, 0xf00ff00f, -1
TEST_END
