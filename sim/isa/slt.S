/* ISA test: slt (signed compare). */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    /* operand values */
    TEST_RR 1, slt, 0x00000000, 0x00000000, 0x00000000
    TEST_RR 2, slt, 0x00000001, 0x00000000, 0x00000001
    TEST_RR 3, slt, 0x00000000, 0x00000001, 0x00000000
    TEST_RR 4, slt, 0x00000001, 0xffffffff, 0x00000000
    TEST_RR 5, slt, 0x00000000, 0x00000000, 0xffffffff
    TEST_RR 6, slt, 0x00000000, 0xffffffff, 0xffffffff
    TEST_RR 7, slt, 0x00000001, 0x80000000, 0x7fffffff
    TEST_RR 8, slt, 0x00000000, 0x7fffffff, 0x80000000
    TEST_RR 9, slt, 0x00000000, 0x80000000, 0x80000000
    TEST_RR 10, slt, 0x00000001, 0xfffffffe, 0xffffffff
    TEST_RR 11, slt, 0x00000000, 0xffffffff, 0xfffffffe
    TEST_RR 12, slt, 0x00000000, 0x00000005, 0x00000003
    TEST_RR 13, slt, 0x00000001, 0x00000003, 0x00000005
    TEST_RR 14, slt, 0x00000001, 0x80000000, 0x00000000
    TEST_RR 15, slt, 0x00000000, 0x00000000, 0x80000000
    /* rd is rs1, rd is rs2, rs1 is rs2 */
    TEST_RR_SRC1_EQ_DEST 16, slt, 0x00000001, 0xfffffffe, 0xffffffff
    TEST_RR_SRC2_EQ_DEST 17, slt, 0x00000000, 0x00000001, 0x00000000
    TEST_RR_SRC12_EQ_DEST 18, slt, 0x00000000, 0xfffffffe
    /* x0 as a source reads 0; x0 as the destination stays 0 */
    TEST_RR_ZEROSRC1 19, slt, 0x00000000, 0xffffffff
    TEST_RR_ZEROSRC2 20, slt, 0x00000001, 0xfffffffe
    TEST_RR_ZERODEST 21, slt, 0xfffffffe, 0xffffffff
    /* back-to-back: operands just written, result used at once (forwarding) */
    TEST_RR_FWD 22, 0, 0, slt, 0x00000001, 0xffffffff, 0x00000000
    TEST_RR_FWD 23, 1, 0, slt, 0x00000000, 0x80000000, 0x80000000
    TEST_RR_FWD 24, 2, 0, slt, 0x00000001, 0x80000000, 0x00000000
    TEST_RR_FWD 25, 3, 0, slt, 0x00000001, 0xffffffff, 0x00000000
    TEST_RR_FWD 26, 0, 1, slt, 0x00000000, 0x80000000, 0x80000000
    TEST_RR_FWD 27, 0, 2, slt, 0x00000001, 0x80000000, 0x00000000
    TEST_RR_FWD 28, 0, 3, slt, 0x00000001, 0xffffffff, 0x00000000
    TEST_RR_FWD 29, 1, 1, slt, 0x00000000, 0x80000000, 0x80000000
TEST_END
