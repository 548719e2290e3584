/* ISA test: sra (arithmetic: copies of the sign in; low 5 bits of rs2). */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    /* operand values */
    TEST_RR 1, sra, 0x80000001, 0x80000001, 0x00000000
    TEST_RR 2, sra, 0xc0000000, 0x80000001, 0x00000001
    TEST_RR 3, sra, 0xff000000, 0x80000001, 0x00000007
    TEST_RR 4, sra, 0xfffe0000, 0x80000001, 0x0000000e
    TEST_RR 5, sra, 0xffffffff, 0x80000001, 0x0000001f
    TEST_RR 6, sra, 0xffffffff, 0xffffffff, 0x0000001f
    TEST_RR 7, sra, 0x21212121, 0x21212121, 0x00000000
    TEST_RR 8, sra, 0x00010909, 0x21212121, 0x0000000d
    TEST_RR 9, sra, 0x00000000, 0x21212121, 0x0000001f
    TEST_RR 10, sra, 0x00000000, 0x7fffffff, 0x0000001f
    TEST_RR 11, sra, 0x12345678, 0x12345678, 0x00000020
    TEST_RR 12, sra, 0x091a2b3c, 0x12345678, 0x00000021
    TEST_RR 13, sra, 0x00000000, 0x12345678, 0xffffffff
    TEST_RR 14, sra, 0x01234567, 0x12345678, 0xffffffe4
    TEST_RR 15, sra, 0xffffffff, 0x80000000, 0x0000003f
    TEST_RR 16, sra, 0xe0000000, 0xc0000000, 0x00000041
    /* rd is rs1, rd is rs2, rs1 is rs2 */
    TEST_RR_SRC1_EQ_DEST 17, sra, 0x00000000, 0x7fffffff, 0x0000001f
    TEST_RR_SRC2_EQ_DEST 18, sra, 0xff000000, 0x80000001, 0x00000007
    TEST_RR_SRC12_EQ_DEST 19, sra, 0x00000000, 0x7fffffff
    /* x0 as a source reads 0; x0 as the destination stays 0 */
    TEST_RR_ZEROSRC1 20, sra, 0x00000000, 0x0000001f
    TEST_RR_ZEROSRC2 21, sra, 0x7fffffff, 0x7fffffff
    TEST_RR_ZERODEST 22, sra, 0x7fffffff, 0x0000001f
    /* back-to-back: operands just written, result used at once (forwarding) */
    TEST_RR_FWD 23, 0, 0, sra, 0xfffe0000, 0x80000001, 0x0000000e
    TEST_RR_FWD 24, 1, 0, sra, 0x00000000, 0x21212121, 0x0000001f
    TEST_RR_FWD 25, 2, 0, sra, 0x01234567, 0x12345678, 0xffffffe4
    TEST_RR_FWD 26, 3, 0, sra, 0xff000000, 0x80000001, 0x00000007
    TEST_RR_FWD 27, 0, 1, sra, 0x00010909, 0x21212121, 0x0000000d
    TEST_RR_FWD 28, 0, 2, sra, 0x00000000, 0x12345678, 0xffffffff
    TEST_RR_FWD 29, 0, 3, sra, 0xc0000000, 0x80000001, 0x00000001
    TEST_RR_FWD 30, 1, 1, sra, 0x21212121, 0x21212121, 0x00000000
TEST_END
