/* ISA test: mulhu (high 32 bits, unsigned x unsigned). */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    /* operand values */
    TEST_RR 1, mulhu, 0x00000000, 0x00000000, 0x00000000
    TEST_RR 2, mulhu, 0x00000000, 0x00000001, 0x00000001
    TEST_RR 3, mulhu, 0x00000000, 0x00000003, 0x00000007
    TEST_RR 4, mulhu, 0xfffffffe, 0xffffffff, 0xffffffff
    TEST_RR 5, mulhu, 0x00000000, 0xffffffff, 0x00000001
    TEST_RR 6, mulhu, 0x00000000, 0x00000001, 0xffffffff
    TEST_RR 7, mulhu, 0x40000000, 0x80000000, 0x80000000
    TEST_RR 8, mulhu, 0x7fffffff, 0x80000000, 0xffffffff
    TEST_RR 9, mulhu, 0x7fffffff, 0xffffffff, 0x80000000
    TEST_RR 10, mulhu, 0x3fffffff, 0x7fffffff, 0x7fffffff
    TEST_RR 11, mulhu, 0x3fffffff, 0x7fffffff, 0x80000000
    TEST_RR 12, mulhu, 0x3fffffff, 0x80000000, 0x7fffffff
    TEST_RR 13, mulhu, 0x0b00ea4e, 0x12345678, 0x9abcdef0
    TEST_RR 14, mulhu, 0x0b00ea4e, 0x9abcdef0, 0x12345678
    TEST_RR 15, mulhu, 0x0000fffe, 0xffff0000, 0x0000ffff
    TEST_RR 16, mulhu, 0x00000000, 0x0000ffff, 0x0000ffff
    TEST_RR 17, mulhu, 0x0001fefe, 0xaaaaaaab, 0x0002fe7d
    TEST_RR 18, mulhu, 0x0001fefe, 0x0002fe7d, 0xaaaaaaab
    TEST_RR 19, mulhu, 0x00000001, 0xfffffffe, 0x00000002
    TEST_RR 20, mulhu, 0x00000001, 0x00000002, 0xfffffffe
    TEST_RR 21, mulhu, 0x00000001, 0x80000000, 0x00000002
    /* rd is rs1, rd is rs2, rs1 is rs2 */
    TEST_RR_SRC1_EQ_DEST 22, mulhu, 0x3fffffff, 0x7fffffff, 0x7fffffff
    TEST_RR_SRC2_EQ_DEST 23, mulhu, 0x00000000, 0x00000003, 0x00000007
    TEST_RR_SRC12_EQ_DEST 24, mulhu, 0x3fffffff, 0x7fffffff
    /* x0 as a source reads 0; x0 as the destination stays 0 */
    TEST_RR_ZEROSRC1 25, mulhu, 0x00000000, 0x7fffffff
    TEST_RR_ZEROSRC2 26, mulhu, 0x00000000, 0x7fffffff
    TEST_RR_ZERODEST 27, mulhu, 0x7fffffff, 0x7fffffff
    /* back-to-back: operands just written, result used at once (forwarding) */
    TEST_RR_FWD 28, 0, 0, mulhu, 0xfffffffe, 0xffffffff, 0xffffffff
    TEST_RR_FWD 29, 1, 0, mulhu, 0x7fffffff, 0xffffffff, 0x80000000
    TEST_RR_FWD 30, 2, 0, mulhu, 0x0b00ea4e, 0x9abcdef0, 0x12345678
    TEST_RR_FWD 31, 3, 0, mulhu, 0x00000001, 0xfffffffe, 0x00000002
    TEST_RR_FWD 32, 0, 1, mulhu, 0x00000000, 0x00000003, 0x00000007
    TEST_RR_FWD 33, 0, 2, mulhu, 0x7fffffff, 0x80000000, 0xffffffff
    TEST_RR_FWD 34, 0, 3, mulhu, 0x0b00ea4e, 0x12345678, 0x9abcdef0
    TEST_RR_FWD 35, 1, 1, mulhu, 0x0001fefe, 0x0002fe7d, 0xaaaaaaab
TEST_END
