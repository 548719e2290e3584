/* ISA test: add (wrap-around at 32 bits). */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    /* operand values */
    TEST_RR 1, add, 0x00000000, 0x00000000, 0x00000000
    TEST_RR 2, add, 0x00000002, 0x00000001, 0x00000001
    TEST_RR 3, add, 0x0000000a, 0x00000003, 0x00000007
    TEST_RR 4, add, 0x00000000, 0xffffffff, 0x00000001
    TEST_RR 5, add, 0xfffffffe, 0xffffffff, 0xffffffff
    TEST_RR 6, add, 0x80000000, 0x7fffffff, 0x00000001
    TEST_RR 7, add, 0x7fffffff, 0x80000000, 0xffffffff
    TEST_RR 8, add, 0x00000000, 0x80000000, 0x80000000
    TEST_RR 9, add, 0xffffffff, 0x7fffffff, 0x80000000
    TEST_RR 10, add, 0xacf13568, 0x12345678, 0x9abcdef0
    TEST_RR 11, add, 0xffffffff, 0xffff0000, 0x0000ffff
    TEST_RR 12, add, 0xf1eff1ef, 0x00ff00ff, 0xf0f0f0f0
    TEST_RR 13, add, 0x00000000, 0x00000064, 0xffffff9c
    TEST_RR 14, add, 0xea5baefc, 0xdeadbeef, 0x0badf00d
    /* rd is rs1, rd is rs2, rs1 is rs2 */
    TEST_RR_SRC1_EQ_DEST 15, add, 0xacf13568, 0x12345678, 0x9abcdef0
    TEST_RR_SRC2_EQ_DEST 16, add, 0x0000000a, 0x00000003, 0x00000007
    TEST_RR_SRC12_EQ_DEST 17, add, 0x2468acf0, 0x12345678
    /* x0 as a source reads 0; x0 as the destination stays 0 */
    TEST_RR_ZEROSRC1 18, add, 0x9abcdef0, 0x9abcdef0
    TEST_RR_ZEROSRC2 19, add, 0x12345678, 0x12345678
    TEST_RR_ZERODEST 20, add, 0x12345678, 0x9abcdef0
    /* back-to-back: operands just written, result used at once (forwarding) */
    TEST_RR_FWD 21, 0, 0, add, 0x00000000, 0xffffffff, 0x00000001
    TEST_RR_FWD 22, 1, 0, add, 0xffffffff, 0x7fffffff, 0x80000000
    TEST_RR_FWD 23, 2, 0, add, 0xea5baefc, 0xdeadbeef, 0x0badf00d
    TEST_RR_FWD 24, 3, 0, add, 0xfffffffe, 0xffffffff, 0xffffffff
    TEST_RR_FWD 25, 0, 1, add, 0xacf13568, 0x12345678, 0x9abcdef0
    TEST_RR_FWD 26, 0, 2, add, 0x00000000, 0x00000000, 0x00000000
    TEST_RR_FWD 27, 0, 3, add, 0x80000000, 0x7fffffff, 0x00000001
    TEST_RR_FWD 28, 1, 1, add, 0xffffffff, 0xffff0000, 0x0000ffff
TEST_END
