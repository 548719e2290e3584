/* ISA test: slti (signed; immediate sign-extended). */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    TEST_IMM 1, slti, 0x00000000, 0x00000000, 0
    TEST_IMM 2, slti, 0x00000001, 0x00000000, 1
    TEST_IMM 3, slti, 0x00000000, 0x00000001, 0
    TEST_IMM 4, slti, 0x00000001, 0xffffffff, 0
    TEST_IMM 5, slti, 0x00000000, 0x00000000, -1
    TEST_IMM 6, slti, 0x00000000, 0xffffffff, -1
    TEST_IMM 7, slti, 0x00000001, 0x80000000, 2047
    TEST_IMM 8, slti, 0x00000000, 0x7fffffff, -2048
    TEST_IMM 9, slti, 0x00000000, 0xfffff800, -2048
    TEST_IMM 10, slti, 0x00000001, 0xfffff7ff, -2048
    TEST_IMM 11, slti, 0x00000000, 0x000007ff, 2047
    TEST_IMM 12, slti, 0x00000000, 0x00000800, 2047
    TEST_IMM 13, slti, 0x00000001, 0xfffffffe, -1
    TEST_IMM_SRC1_EQ_DEST 14, slti, 0x00000000, 0x00000001, 0
    TEST_IMM_ZEROSRC1 15, slti, 0x00000000, -1
    TEST_IMM_ZERODEST 16, slti, 0xfffffffe, -1
    TEST_IMM_FWD 17, 0, 0, slti, 0x00000001, 0x00000000, 1
    TEST_IMM_FWD 18, 1, 0, slti, 0x00000000, 0x00000000, -1
    TEST_IMM_FWD 19, 2, 0, slti, 0x00000000, 0x7fffffff, -2048
    TEST_IMM_FWD 20, 0, 1, slti, 0x00000000, 0x000007ff, 2047
    TEST_IMM_FWD 21, 0, 2, slti, 0x00000000, 0x00000000, 0
    TEST_IMM_FWD 22, 1, 1, slti, 0x00000001, 0xffffffff, 0
TEST_END
