/* ISA test: misaligned stores trap (mcause 6, mtval = the address, mepc = the store) and
   write nothing; byte stores are never misaligned. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    la a1, data
    li a0, 0xFFFFFFFF
    TRAP_TVAL_ADDR 1, CAUSE_STORE_MISALIGNED, data + 1, sh a0, 1(a1)
    TRAP_TVAL_ADDR 2, CAUSE_STORE_MISALIGNED, data + 3, sh a0, 3(a1)
    TRAP_TVAL_ADDR 3, CAUSE_STORE_MISALIGNED, data + 1, sw a0, 1(a1)
    TRAP_TVAL_ADDR 4, CAUSE_STORE_MISALIGNED, data + 2, sw a0, 2(a1)
    TRAP_TVAL_ADDR 5, CAUSE_STORE_MISALIGNED, data + 7, sw a0, 7(a1)
    la a2, data + 9
    TRAP_TVAL_ADDR 6, CAUSE_STORE_MISALIGNED, data + 9, sw a0, 0(a2)
    TRAP_TVAL_ADDR 7, CAUSE_STORE_MISALIGNED, data + 6, sw a0, -3(a2)
    /* nothing was written */
    lw a0, 0(a1)
    CHECK 8, a0, 0x04030201
    lw a0, 4(a1)
    CHECK 9, a0, 0x08070605
    lw a0, 8(a1)
    CHECK 10, a0, 0x0C0B0A09
    lw a0, 12(a1)
    CHECK 11, a0, 0x100F0E0D
    /* aligned when base and offset are both odd */
    li a0, 0xAABBCCDD
    sw a0, 3(a2)
    lw a3, 12(a1)
    CHECK 12, a3, 0xAABBCCDD
    /* bytes at every offset are fine */
    li a0, 0x77
    sb a0, 1(a1)
    sb a0, 3(a1)
    lw a3, 0(a1)
    CHECK 13, a3, 0x77037701
    /* a misaligned store to a register is a misaligned trap, the register unchanged */
    li a2, SGPU_SYSCTL_IRQ_TEST_ADDR
    li a0, 1
    TRAP_TVAL 14, CAUSE_STORE_MISALIGNED, SGPU_SYSCTL_IRQ_TEST_ADDR + 1, sh a0, 1(a2)
    lw a3, 0(a2)
    CHECK 15, a3, 0
    /* a misaligned store to the exit register does not end the test */
    li a2, SGPU_SYSCTL_EXIT_ADDR
    li a0, 99
    TRAP_TVAL 16, CAUSE_STORE_MISALIGNED, SGPU_SYSCTL_EXIT_ADDR + 1, sw a0, 1(a2)
TEST_END

    .data
    .balign 16
data:
    .byte 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16
