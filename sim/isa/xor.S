/* ISA test: xor. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    /* operand values */
    TEST_RR 1, xor, 0x00000000, 0x00000000, 0x00000000
    TEST_RR 2, xor, 0x00000000, 0x00000001, 0x00000001
    TEST_RR 3, xor, 0x00000004, 0x00000003, 0x00000007
    TEST_RR 4, xor, 0xfffffffe, 0xffffffff, 0x00000001
    TEST_RR 5, xor, 0x00000000, 0xffffffff, 0xffffffff
    TEST_RR 6, xor, 0x7ffffffe, 0x7fffffff, 0x00000001
    TEST_RR 7, xor, 0x7fffffff, 0x80000000, 0xffffffff
    TEST_RR 8, xor, 0x00000000, 0x80000000, 0x80000000
    TEST_RR 9, xor, 0xffffffff, 0x7fffffff, 0x80000000
    TEST_RR 10, xor, 0x88888888, 0x12345678, 0x9abcdef0
    TEST_RR 11, xor, 0xffffffff, 0xffff0000, 0x0000ffff
    TEST_RR 12, xor, 0xf00ff00f, 0x00ff00ff, 0xf0f0f0f0
    TEST_RR 13, xor, 0xfffffff8, 0x00000064, 0xffffff9c
    TEST_RR 14, xor, 0xd5004ee2, 0xdeadbeef, 0x0badf00d
    /* rd is rs1, rd is rs2, rs1 is rs2 */
    TEST_RR_SRC1_EQ_DEST 15, xor, 0x88888888, 0x12345678, 0x9abcdef0
    TEST_RR_SRC2_EQ_DEST 16, xor, 0x00000004, 0x00000003, 0x00000007
    TEST_RR_SRC12_EQ_DEST 17, xor, 0x00000000, 0x12345678
    /* x0 as a source reads 0; x0 as the destination stays 0 */
    TEST_RR_ZEROSRC1 18, xor, 0x9abcdef0, 0x9abcdef0
    TEST_RR_ZEROSRC2 19, xor, 0x12345678, 0x12345678
    TEST_RR_ZERODEST 20, xor, 0x12345678, 0x9abcdef0
    /* back-to-back: operands just written, result used at once (forwarding) */
    TEST_RR_FWD 21, 0, 0, xor, 0xfffffffe, 0xffffffff, 0x00000001
    TEST_RR_FWD 22, 1, 0, xor, 0xffffffff, 0x7fffffff, 0x80000000
    TEST_RR_FWD 23, 2, 0, xor, 0xd5004ee2, 0xdeadbeef, 0x0badf00d
    TEST_RR_FWD 24, 3, 0, xor, 0x00000000, 0xffffffff, 0xffffffff
    TEST_RR_FWD 25, 0, 1, xor, 0x88888888, 0x12345678, 0x9abcdef0
    TEST_RR_FWD 26, 0, 2, xor, 0x00000000, 0x00000000, 0x00000000
    TEST_RR_FWD 27, 0, 3, xor, 0x7ffffffe, 0x7fffffff, 0x00000001
    TEST_RR_FWD 28, 1, 1, xor, 0xffffffff, 0xffff0000, 0x0000ffff
TEST_END
