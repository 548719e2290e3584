/* ISA test: sltiu (immediate sign-extended, then compared unsigned; sltiu rd, rs, 1 is seqz). */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    TEST_IMM 1, sltiu, 0x00000000, 0x00000000, 0
    TEST_IMM 2, sltiu, 0x00000001, 0x00000000, 1
    TEST_IMM 3, sltiu, 0x00000000, 0x00000001, 1
    TEST_IMM 4, sltiu, 0x00000000, 0x00000002, 1
    TEST_IMM 5, sltiu, 0x00000000, 0xffffffff, 1
    TEST_IMM 6, sltiu, 0x00000001, 0x00000000, -1
    TEST_IMM 7, sltiu, 0x00000001, 0xfffffffe, -1
    TEST_IMM 8, sltiu, 0x00000000, 0xffffffff, -1
    TEST_IMM 9, sltiu, 0x00000001, 0x7fffffff, -2048
    TEST_IMM 10, sltiu, 0x00000000, 0xfffff800, -2048
    TEST_IMM 11, sltiu, 0x00000001, 0xfffff7ff, -2048
    TEST_IMM 12, sltiu, 0x00000000, 0x80000000, 2047
    TEST_IMM 13, sltiu, 0x00000001, 0x000007fe, 2047
    TEST_IMM 14, sltiu, 0x00000000, 0x000007ff, 2047
    TEST_IMM_SRC1_EQ_DEST 15, sltiu, 0x00000000, 0x00000001, 1
    TEST_IMM_ZEROSRC1 16, sltiu, 0x00000001, 2047
    TEST_IMM_ZERODEST 17, sltiu, 0x000007ff, 2047
    TEST_IMM_FWD 18, 0, 0, sltiu, 0x00000001, 0x00000000, 1
    TEST_IMM_FWD 19, 1, 0, sltiu, 0x00000000, 0xffffffff, 1
    TEST_IMM_FWD 20, 2, 0, sltiu, 0x00000000, 0xffffffff, -1
    TEST_IMM_FWD 21, 0, 1, sltiu, 0x00000001, 0xfffff7ff, -2048
    TEST_IMM_FWD 22, 0, 2, sltiu, 0x00000000, 0x000007ff, 2047
    TEST_IMM_FWD 23, 1, 1, sltiu, 0x00000000, 0x00000001, 1
TEST_END
