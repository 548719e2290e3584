/* ISA test: mulh (high 32 bits, signed x signed). */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    /* operand values */
    TEST_RR 1, mulh, 0x00000000, 0x00000000, 0x00000000
    TEST_RR 2, mulh, 0x00000000, 0x00000001, 0x00000001
    TEST_RR 3, mulh, 0x00000000, 0x00000003, 0x00000007
    TEST_RR 4, mulh, 0x00000000, 0xffffffff, 0xffffffff
    TEST_RR 5, mulh, 0xffffffff, 0xffffffff, 0x00000001
    TEST_RR 6, mulh, 0xffffffff, 0x00000001, 0xffffffff
    TEST_RR 7, mulh, 0x40000000, 0x80000000, 0x80000000
    TEST_RR 8, mulh, 0x00000000, 0x80000000, 0xffffffff
    TEST_RR 9, mulh, 0x00000000, 0xffffffff, 0x80000000
    TEST_RR 10, mulh, 0x3fffffff, 0x7fffffff, 0x7fffffff
    TEST_RR 11, mulh, 0xc0000000, 0x7fffffff, 0x80000000
    TEST_RR 12, mulh, 0xc0000000, 0x80000000, 0x7fffffff
    TEST_RR 13, mulh, 0xf8cc93d6, 0x12345678, 0x9abcdef0
    TEST_RR 14, mulh, 0xf8cc93d6, 0x9abcdef0, 0x12345678
    TEST_RR 15, mulh, 0xffffffff, 0xffff0000, 0x0000ffff
    TEST_RR 16, mulh, 0x00000000, 0x0000ffff, 0x0000ffff
    TEST_RR 17, mulh, 0xffff0081, 0xaaaaaaab, 0x0002fe7d
    TEST_RR 18, mulh, 0xffff0081, 0x0002fe7d, 0xaaaaaaab
    TEST_RR 19, mulh, 0xffffffff, 0xfffffffe, 0x00000002
    TEST_RR 20, mulh, 0xffffffff, 0x00000002, 0xfffffffe
    TEST_RR 21, mulh, 0xffffffff, 0x80000000, 0x00000002
    /* rd is rs1, rd is rs2, rs1 is rs2 */
    TEST_RR_SRC1_EQ_DEST 22, mulh, 0x3fffffff, 0x7fffffff, 0x7fffffff
    TEST_RR_SRC2_EQ_DEST 23, mulh, 0x00000000, 0x00000003, 0x00000007
    TEST_RR_SRC12_EQ_DEST 24, mulh, 0x3fffffff, 0x7fffffff
    /* x0 as a source reads 0; x0 as the destination stays 0 */
    TEST_RR_ZEROSRC1 25, mulh, 0x00000000, 0x7fffffff
    TEST_RR_ZEROSRC2 26, mulh, 0x00000000, 0x7fffffff
    TEST_RR_ZERODEST 27, mulh, 0x7fffffff, 0x7fffffff
    /* back-to-back: operands just written, result used at once (forwarding) */
    TEST_RR_FWD 28, 0, 0, mulh, 0x00000000, 0xffffffff, 0xffffffff
    TEST_RR_FWD 29, 1, 0, mulh, 0x00000000, 0xffffffff, 0x80000000
    TEST_RR_FWD 30, 2, 0, mulh, 0xf8cc93d6, 0x9abcdef0, 0x12345678
    TEST_RR_FWD 31, 3, 0, mulh, 0xffffffff, 0xfffffffe, 0x00000002
    TEST_RR_FWD 32, 0, 1, mulh, 0x00000000, 0x00000003, 0x00000007
    TEST_RR_FWD 33, 0, 2, mulh, 0x00000000, 0x80000000, 0xffffffff
    TEST_RR_FWD 34, 0, 3, mulh, 0xf8cc93d6, 0x12345678, 0x9abcdef0
    TEST_RR_FWD 35, 1, 1, mulh, 0xffff0081, 0x0002fe7d, 0xaaaaaaab
TEST_END
