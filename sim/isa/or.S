/* ISA test: or. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    /* operand values */
    TEST_RR 1, or, 0x00000000, 0x00000000, 0x00000000
    TEST_RR 2, or, 0x00000001, 0x00000001, 0x00000001
    TEST_RR 3, or, 0x00000007, 0x00000003, 0x00000007
    TEST_RR 4, or, 0xffffffff, 0xffffffff, 0x00000001
    TEST_RR 5, or, 0xffffffff, 0xffffffff, 0xffffffff
    TEST_RR 6, or, 0x7fffffff, 0x7fffffff, 0x00000001
    TEST_RR 7, or, 0xffffffff, 0x80000000, 0xffffffff
    TEST_RR 8, or, 0x80000000, 0x80000000, 0x80000000
    TEST_RR 9, or, 0xffffffff, 0x7fffffff, 0x80000000
    TEST_RR 10, or, 0x9abcdef8, 0x12345678, 0x9abcdef0
    TEST_RR 11, or, 0xffffffff, 0xffff0000, 0x0000ffff
    TEST_RR 12, or, 0xf0fff0ff, 0x00ff00ff, 0xf0f0f0f0
    TEST_RR 13, or, 0xfffffffc, 0x00000064, 0xffffff9c
    TEST_RR 14, or, 0xdfadfeef, 0xdeadbeef, 0x0badf00d
    /* rd is rs1, rd is rs2, rs1 is rs2 */
    TEST_RR_SRC1_EQ_DEST 15, or, 0x9abcdef8, 0x12345678, 0x9abcdef0
    TEST_RR_SRC2_EQ_DEST 16, or, 0x00000007, 0x00000003, 0x00000007
    TEST_RR_SRC12_EQ_DEST 17, or, 0x12345678, 0x12345678
    /* x0 as a source reads 0; x0 as the destination stays 0 */
    TEST_RR_ZEROSRC1 18, or, 0x9abcdef0, 0x9abcdef0
    TEST_RR_ZEROSRC2 19, or, 0x12345678, 0x12345678
    TEST_RR_ZERODEST 20, or, 0x12345678, 0x9abcdef0
    /* back-to-back: operands just written, result used at once (forwarding) */
    TEST_RR_FWD 21, 0, 0, or, 0xffffffff, 0xffffffff, 0x00000001
    TEST_RR_FWD 22, 1, 0, or, 0xffffffff, 0x7fffffff, 0x80000000
    TEST_RR_FWD 23, 2, 0, or, 0xdfadfeef, 0xdeadbeef, 0x0badf00d
    TEST_RR_FWD 24, 3, 0, or, 0xffffffff, 0xffffffff, 0xffffffff
    TEST_RR_FWD 25, 0, 1, or, 0x9abcdef8, 0x12345678, 0x9abcdef0
    TEST_RR_FWD 26, 0, 2, or, 0x00000000, 0x00000000, 0x00000000
    TEST_RR_FWD 27, 0, 3, or, 0x7fffffff, 0x7fffffff, 0x00000001
    TEST_RR_FWD 28, 1, 1, or, 0xffffffff, 0xffff0000, 0x0000ffff
TEST_END
