/* ISA test: rem (signed, sign of the dividend; %0 gives the dividend; -2^31%-1 gives 0). */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    /* operand values */
    TEST_RR 1, rem, 0x00000002, 0x00000014, 0x00000006
    TEST_RR 2, rem, 0xfffffffe, 0xffffffec, 0x00000006
    TEST_RR 3, rem, 0x00000002, 0x00000014, 0xfffffffa
    TEST_RR 4, rem, 0xfffffffe, 0xffffffec, 0xfffffffa
    TEST_RR 5, rem, 0x00000000, 0x00000000, 0x00000001
    TEST_RR 6, rem, 0x00000000, 0x00000000, 0xffffffff
    TEST_RR 7, rem, 0x00000000, 0x00000007, 0x00000007
    TEST_RR 8, rem, 0x00000006, 0x00000006, 0x00000007
    TEST_RR 9, rem, 0x00000000, 0xffffffff, 0x00000001
    TEST_RR 10, rem, 0x00000000, 0x00000001, 0xffffffff
    TEST_RR 11, rem, 0x00000000, 0x80000000, 0x00000001
    TEST_RR 12, rem, 0x00000000, 0x80000000, 0xffffffff
    TEST_RR 13, rem, 0x00000000, 0x80000000, 0x00000002
    TEST_RR 14, rem, 0x00000000, 0x7fffffff, 0xffffffff
    TEST_RR 15, rem, 0x00000000, 0x80000001, 0xffffffff
    TEST_RR 16, rem, 0x00000000, 0xffffffff, 0xffffffff
    TEST_RR 17, rem, 0x00000da8, 0x12345678, 0x00001234
    TEST_RR 18, rem, 0xffffffff, 0xffffffff, 0x00010000
    TEST_RR 19, rem, 0xffffda72, 0xdeadbeef, 0x0000beef
    TEST_RR 20, rem, 0x00000000, 0x00000000, 0x00000000
    TEST_RR 21, rem, 0x00000001, 0x00000001, 0x00000000
    TEST_RR 22, rem, 0xffffffff, 0xffffffff, 0x00000000
    TEST_RR 23, rem, 0x80000000, 0x80000000, 0x00000000
    TEST_RR 24, rem, 0x7fffffff, 0x7fffffff, 0x00000000
    TEST_RR 25, rem, 0x12345678, 0x12345678, 0x00000000
    /* rd is rs1, rd is rs2, rs1 is rs2 */
    TEST_RR_SRC1_EQ_DEST 26, rem, 0x00000000, 0x00000001, 0xffffffff
    TEST_RR_SRC2_EQ_DEST 27, rem, 0x00000002, 0x00000014, 0xfffffffa
    TEST_RR_SRC12_EQ_DEST 28, rem, 0x00000000, 0x00000001
    /* x0 as a source reads 0; x0 as the destination stays 0 */
    TEST_RR_ZEROSRC1 29, rem, 0x00000000, 0xffffffff
    TEST_RR_ZEROSRC2 30, rem, 0x00000001, 0x00000001
    TEST_RR_ZERODEST 31, rem, 0x00000001, 0xffffffff
    /* back-to-back: operands just written, result used at once (forwarding) */
    TEST_RR_FWD 32, 0, 0, rem, 0xfffffffe, 0xffffffec, 0xfffffffa
    TEST_RR_FWD 33, 1, 0, rem, 0x00000000, 0xffffffff, 0x00000001
    TEST_RR_FWD 34, 2, 0, rem, 0x00000000, 0x7fffffff, 0xffffffff
    TEST_RR_FWD 35, 3, 0, rem, 0xffffda72, 0xdeadbeef, 0x0000beef
    TEST_RR_FWD 36, 0, 1, rem, 0x7fffffff, 0x7fffffff, 0x00000000
    TEST_RR_FWD 37, 0, 2, rem, 0xfffffffe, 0xffffffec, 0xfffffffa
    TEST_RR_FWD 38, 0, 3, rem, 0x00000000, 0xffffffff, 0x00000001
    TEST_RR_FWD 39, 1, 1, rem, 0x00000000, 0x7fffffff, 0xffffffff
TEST_END
