/* ISA test: srai (arithmetic). */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    TEST_IMM 1, srai, 0x80000001, 0x80000001, 0
    TEST_IMM 2, srai, 0xc0000000, 0x80000001, 1
    TEST_IMM 3, srai, 0xff000000, 0x80000001, 7
    TEST_IMM 4, srai, 0xfffe0000, 0x80000001, 14
    TEST_IMM 5, srai, 0xffffffff, 0x80000001, 31
    TEST_IMM 6, srai, 0xffffffff, 0xffffffff, 31
    TEST_IMM 7, srai, 0x00010909, 0x21212121, 13
    TEST_IMM 8, srai, 0x00000000, 0x7fffffff, 31
    TEST_IMM 9, srai, 0xc0c0c0c0, 0x81818181, 1
    TEST_IMM 10, srai, 0xfffffffe, 0x81818181, 30
    TEST_IMM_SRC1_EQ_DEST 11, srai, 0xff000000, 0x80000001, 7
    TEST_IMM_ZEROSRC1 12, srai, 0x00000000, 30
    TEST_IMM_ZERODEST 13, srai, 0x81818181, 30
    TEST_IMM_FWD 14, 0, 0, srai, 0xc0000000, 0x80000001, 1
    TEST_IMM_FWD 15, 1, 0, srai, 0xffffffff, 0x80000001, 31
    TEST_IMM_FWD 16, 2, 0, srai, 0x00000000, 0x7fffffff, 31
    TEST_IMM_FWD 17, 0, 1, srai, 0x80000001, 0x80000001, 0
    TEST_IMM_FWD 18, 0, 2, srai, 0xfffe0000, 0x80000001, 14
    TEST_IMM_FWD 19, 1, 1, srai, 0x00010909, 0x21212121, 13
TEST_END
