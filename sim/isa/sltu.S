/* ISA test: sltu (unsigned compare). */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    /* operand values */
    TEST_RR 1, sltu, 0x00000000, 0x00000000, 0x00000000
    TEST_RR 2, sltu, 0x00000001, 0x00000000, 0x00000001
    TEST_RR 3, sltu, 0x00000000, 0x00000001, 0x00000000
    TEST_RR 4, sltu, 0x00000000, 0xffffffff, 0x00000000
    TEST_RR 5, sltu, 0x00000001, 0x00000000, 0xffffffff
    TEST_RR 6, sltu, 0x00000000, 0xffffffff, 0xffffffff
    TEST_RR 7, sltu, 0x00000000, 0x80000000, 0x7fffffff
    TEST_RR 8, sltu, 0x00000001, 0x7fffffff, 0x80000000
    TEST_RR 9, sltu, 0x00000000, 0x80000000, 0x80000000
    TEST_RR 10, sltu, 0x00000001, 0xfffffffe, 0xffffffff
    TEST_RR 11, sltu, 0x00000000, 0xffffffff, 0xfffffffe
    TEST_RR 12, sltu, 0x00000000, 0x00000005, 0x00000003
    TEST_RR 13, sltu, 0x00000001, 0x00000003, 0x00000005
    TEST_RR 14, sltu, 0x00000000, 0x80000000, 0x00000000
    TEST_RR 15, sltu, 0x00000001, 0x00000000, 0x80000000
    /* rd is rs1, rd is rs2, rs1 is rs2 */
    TEST_RR_SRC1_EQ_DEST 16, sltu, 0x00000001, 0xfffffffe, 0xffffffff
    TEST_RR_SRC2_EQ_DEST 17, sltu, 0x00000000, 0x00000001, 0x00000000
    TEST_RR_SRC12_EQ_DEST 18, sltu, 0x00000000, 0xfffffffe
    /* x0 as a source reads 0; x0 as the destination stays 0 */
    TEST_RR_ZEROSRC1 19, sltu, 0x00000001, 0xffffffff
    TEST_RR_ZEROSRC2 20, sltu, 0x00000000, 0xfffffffe
    TEST_RR_ZERODEST 21, sltu, 0xfffffffe, 0xffffffff
    /* back-to-back: operands just written, result used at once (forwarding) */
    TEST_RR_FWD 22, 0, 0, sltu, 0x00000000, 0xffffffff, 0x00000000
    TEST_RR_FWD 23, 1, 0, sltu, 0x00000000, 0x80000000, 0x80000000
    TEST_RR_FWD 24, 2, 0, sltu, 0x00000000, 0x80000000, 0x00000000
    TEST_RR_FWD 25, 3, 0, sltu, 0x00000000, 0xffffffff, 0x00000000
    TEST_RR_FWD 26, 0, 1, sltu, 0x00000000, 0x80000000, 0x80000000
    TEST_RR_FWD 27, 0, 2, sltu, 0x00000000, 0x80000000, 0x00000000
    TEST_RR_FWD 28, 0, 3, sltu, 0x00000000, 0xffffffff, 0x00000000
    TEST_RR_FWD 29, 1, 1, sltu, 0x00000000, 0x80000000, 0x80000000
TEST_END
