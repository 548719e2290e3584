/* ISA test: srl (logical: zeros in; low 5 bits of rs2). */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    /* operand values */
    TEST_RR 1, srl, 0x80000001, 0x80000001, 0x00000000
    TEST_RR 2, srl, 0x40000000, 0x80000001, 0x00000001
    TEST_RR 3, srl, 0x01000000, 0x80000001, 0x00000007
    TEST_RR 4, srl, 0x00020000, 0x80000001, 0x0000000e
    TEST_RR 5, srl, 0x00000001, 0x80000001, 0x0000001f
    TEST_RR 6, srl, 0x00000001, 0xffffffff, 0x0000001f
    TEST_RR 7, srl, 0x21212121, 0x21212121, 0x00000000
    TEST_RR 8, srl, 0x00010909, 0x21212121, 0x0000000d
    TEST_RR 9, srl, 0x00000000, 0x21212121, 0x0000001f
    TEST_RR 10, srl, 0x00000000, 0x7fffffff, 0x0000001f
    TEST_RR 11, srl, 0x12345678, 0x12345678, 0x00000020
    TEST_RR 12, srl, 0x091a2b3c, 0x12345678, 0x00000021
    TEST_RR 13, srl, 0x00000000, 0x12345678, 0xffffffff
    TEST_RR 14, srl, 0x01234567, 0x12345678, 0xffffffe4
    TEST_RR 15, srl, 0x00000001, 0x80000000, 0x0000003f
    TEST_RR 16, srl, 0x60000000, 0xc0000000, 0x00000041
    /* rd is rs1, rd is rs2, rs1 is rs2 */
    TEST_RR_SRC1_EQ_DEST 17, srl, 0x00000000, 0x7fffffff, 0x0000001f
    TEST_RR_SRC2_EQ_DEST 18, srl, 0x01000000, 0x80000001, 0x00000007
    TEST_RR_SRC12_EQ_DEST 19, srl, 0x00000000, 0x7fffffff
    /* x0 as a source reads 0; x0 as the destination stays 0 */
    TEST_RR_ZEROSRC1 20, srl, 0x00000000, 0x0000001f
    TEST_RR_ZEROSRC2 21, srl, 0x7fffffff, 0x7fffffff
    TEST_RR_ZERODEST 22, srl, 0x7fffffff, 0x0000001f
    /* back-to-back: operands just written, result used at once (forwarding) */
    TEST_RR_FWD 23, 0, 0, srl, 0x00020000, 0x80000001, 0x0000000e
    TEST_RR_FWD 24, 1, 0, srl, 0x00000000, 0x21212121, 0x0000001f
    TEST_RR_FWD 25, 2, 0, srl, 0x01234567, 0x12345678, 0xffffffe4
    TEST_RR_FWD 26, 3, 0, srl, 0x01000000, 0x80000001, 0x00000007
    TEST_RR_FWD 27, 0, 1, srl, 0x00010909, 0x21212121, 0x0000000d
    TEST_RR_FWD 28, 0, 2, srl, 0x00000000, 0x12345678, 0xffffffff
    TEST_RR_FWD 29, 0, 3, srl, 0x40000000, 0x80000001, 0x00000001
    TEST_RR_FWD 30, 1, 1, srl, 0x21212121, 0x21212121, 0x00000000
TEST_END
