/* ISA test: divu (unsigned; /0 gives all ones). */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    /* operand values */
    TEST_RR 1, divu, 0x00000003, 0x00000014, 0x00000006
    TEST_RR 2, divu, 0x2aaaaaa7, 0xffffffec, 0x00000006
    TEST_RR 3, divu, 0x00000000, 0x00000014, 0xfffffffa
    TEST_RR 4, divu, 0x00000000, 0xffffffec, 0xfffffffa
    TEST_RR 5, divu, 0x00000000, 0x00000000, 0x00000001
    TEST_RR 6, divu, 0x00000000, 0x00000000, 0xffffffff
    TEST_RR 7, divu, 0x00000001, 0x00000007, 0x00000007
    TEST_RR 8, divu, 0x00000000, 0x00000006, 0x00000007
    TEST_RR 9, divu, 0xffffffff, 0xffffffff, 0x00000001
    TEST_RR 10, divu, 0x00000000, 0x00000001, 0xffffffff
    TEST_RR 11, divu, 0x80000000, 0x80000000, 0x00000001
    TEST_RR 12, divu, 0x00000000, 0x80000000, 0xffffffff
    TEST_RR 13, divu, 0x40000000, 0x80000000, 0x00000002
    TEST_RR 14, divu, 0x00000000, 0x7fffffff, 0xffffffff
    TEST_RR 15, divu, 0x00000000, 0x80000001, 0xffffffff
    TEST_RR 16, divu, 0x00000001, 0xffffffff, 0xffffffff
    TEST_RR 17, divu, 0x00010004, 0x12345678, 0x00001234
    TEST_RR 18, divu, 0x0000ffff, 0xffffffff, 0x00010000
    TEST_RR 19, divu, 0x00012a90, 0xdeadbeef, 0x0000beef
    TEST_RR 20, divu, 0xffffffff, 0x00000000, 0x00000000
    TEST_RR 21, divu, 0xffffffff, 0x00000001, 0x00000000
    TEST_RR 22, divu, 0xffffffff, 0xffffffff, 0x00000000
    TEST_RR 23, divu, 0xffffffff, 0x80000000, 0x00000000
    TEST_RR 24, divu, 0xffffffff, 0x7fffffff, 0x00000000
    TEST_RR 25, divu, 0xffffffff, 0x12345678, 0x00000000
    /* rd is rs1, rd is rs2, rs1 is rs2 */
    TEST_RR_SRC1_EQ_DEST 26, divu, 0x00000000, 0x00000001, 0xffffffff
    TEST_RR_SRC2_EQ_DEST 27, divu, 0x00000000, 0x00000014, 0xfffffffa
    TEST_RR_SRC12_EQ_DEST 28, divu, 0x00000001, 0x00000001
    /* x0 as a source reads 0; x0 as the destination stays 0 */
    TEST_RR_ZEROSRC1 29, divu, 0x00000000, 0xffffffff
    TEST_RR_ZEROSRC2 30, divu, 0xffffffff, 0x00000001
    TEST_RR_ZERODEST 31, divu, 0x00000001, 0xffffffff
    /* back-to-back: operands just written, result used at once (forwarding) */
    TEST_RR_FWD 32, 0, 0, divu, 0x00000000, 0xffffffec, 0xfffffffa
    TEST_RR_FWD 33, 1, 0, divu, 0xffffffff, 0xffffffff, 0x00000001
    TEST_RR_FWD 34, 2, 0, divu, 0x00000000, 0x7fffffff, 0xffffffff
    TEST_RR_FWD 35, 3, 0, divu, 0x00012a90, 0xdeadbeef, 0x0000beef
    TEST_RR_FWD 36, 0, 1, divu, 0xffffffff, 0x7fffffff, 0x00000000
    TEST_RR_FWD 37, 0, 2, divu, 0x00000000, 0xffffffec, 0xfffffffa
    TEST_RR_FWD 38, 0, 3, divu, 0xffffffff, 0xffffffff, 0x00000001
    TEST_RR_FWD 39, 1, 1, divu, 0x00000000, 0x7fffffff, 0xffffffff
TEST_END
