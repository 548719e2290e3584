/* ISA test: csrrwi: rd gets the old value, the CSR gets the 5-bit immediate, zero-extended. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    li a1, 0xFFFFFFFF
    csrw mscratch, a1
    csrrwi a0, mscratch, 31             /* 0x1F, not sign-extended */
    CHECK 1, a0, 0xFFFFFFFF
    csrr a0, mscratch
    CHECK 2, a0, 31
    csrrwi a0, mscratch, 0              /* always writes, even 0 */
    CHECK 3, a0, 31
    csrr a0, mscratch
    CHECK 4, a0, 0
    csrrwi a0, mscratch, 16
    csrr a0, mscratch
    CHECK 5, a0, 16
    csrrwi x0, mscratch, 1
    csrr a0, mscratch
    CHECK 6, a0, 1
    csrwi mscratch, 21
    csrrwi a0, mscratch, 10
    CHECK 7, a0, 21
    csrr a0, mscratch
    CHECK 8, a0, 10
TEST_END
