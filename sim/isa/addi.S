/* ISA test: addi (12-bit immediate, sign-extended). */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    TEST_IMM 1, addi, 0x00000000, 0x00000000, 0
    TEST_IMM 2, addi, 0x00000002, 0x00000001, 1
    TEST_IMM 3, addi, 0x0000000a, 0x00000003, 7
    TEST_IMM 4, addi, 0xfffff800, 0x00000000, -2048
    TEST_IMM 5, addi, 0x000007ff, 0x00000000, 2047
    TEST_IMM 6, addi, 0x7fffffff, 0x80000000, -1
    TEST_IMM 7, addi, 0x80000000, 0x7fffffff, 1
    TEST_IMM 8, addi, 0x00000000, 0xffffffff, 1
    TEST_IMM 9, addi, 0x12344e78, 0x12345678, -2048
    TEST_IMM 10, addi, 0x12345e77, 0x12345678, 2047
    TEST_IMM 11, addi, 0x800007fe, 0x7fffffff, 2047
    TEST_IMM 12, addi, 0x7ffff800, 0x80000000, -2048
    TEST_IMM 13, addi, 0x00000000, 0x00000064, -100
    TEST_IMM_SRC1_EQ_DEST 14, addi, 0x0000000a, 0x00000003, 7
    TEST_IMM_ZEROSRC1 15, addi, 0xffffff9c, -100
    TEST_IMM_ZERODEST 16, addi, 0x00000064, -100
    TEST_IMM_FWD 17, 0, 0, addi, 0x00000002, 0x00000001, 1
    TEST_IMM_FWD 18, 1, 0, addi, 0x000007ff, 0x00000000, 2047
    TEST_IMM_FWD 19, 2, 0, addi, 0x00000000, 0xffffffff, 1
    TEST_IMM_FWD 20, 0, 1, addi, 0x800007fe, 0x7fffffff, 2047
    TEST_IMM_FWD 21, 0, 2, addi, 0x00000000, 0x00000000, 0
    TEST_IMM_FWD 22, 1, 1, addi, 0xfffff800, 0x00000000, -2048
TEST_END
