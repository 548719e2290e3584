/* ISA test: misaligned loads trap (mcause 4, mtval = the address, mepc = the load) and
   leave rd unchanged; byte loads are never misaligned. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    la a1, data
    li a0, 0x5A5A5A5A
    TRAP_TVAL_ADDR 1, CAUSE_LOAD_MISALIGNED, data + 1, lh a0, 1(a1)
    CHECK 2, a0, 0x5A5A5A5A
    TRAP_TVAL_ADDR 3, CAUSE_LOAD_MISALIGNED, data + 3, lh a0, 3(a1)
    TRAP_TVAL_ADDR 4, CAUSE_LOAD_MISALIGNED, data + 1, lhu a0, 1(a1)
    TRAP_TVAL_ADDR 5, CAUSE_LOAD_MISALIGNED, data + 7, lhu a0, 7(a1)
    CHECK 6, a0, 0x5A5A5A5A
    TRAP_TVAL_ADDR 7, CAUSE_LOAD_MISALIGNED, data + 1, lw a0, 1(a1)
    TRAP_TVAL_ADDR 8, CAUSE_LOAD_MISALIGNED, data + 2, lw a0, 2(a1)
    TRAP_TVAL_ADDR 9, CAUSE_LOAD_MISALIGNED, data + 3, lw a0, 3(a1)
    CHECK 10, a0, 0x5A5A5A5A
    /* the address is base + offset: misaligned from the base alone, or from the offset */
    la a2, data + 5
    TRAP_TVAL_ADDR 11, CAUSE_LOAD_MISALIGNED, data + 5, lw a0, 0(a2)
    TRAP_TVAL_ADDR 12, CAUSE_LOAD_MISALIGNED, data + 3, lw a0, -2(a2)
    TRAP_TVAL_ADDR 13, CAUSE_LOAD_MISALIGNED, data + 1, lh a0, -4(a2)
    /* ... and aligned when both are odd */
    lw a0, 3(a2)
    CHECK 14, a0, 0x0C0B0A09
    lh a0, -1(a2)
    CHECK 15, a0, 0x0605
    /* rd = rs1: not written either */
    la a3, data + 1
    TRAP_TVAL_ADDR 16, CAUSE_LOAD_MISALIGNED, data + 1, lw a3, 0(a3)
    CHECK_ADDR 17, a3, data + 1
    /* bytes at every offset are fine */
    lb a0, 1(a1)
    CHECK 18, a0, 0x02
    lbu a0, 3(a1)
    CHECK 19, a0, 0x04
    /* a misaligned load outside RAM is a misaligned trap (checked before the bus) */
    li a2, SGPU_SYSCTL_MTIME_LO_ADDR
    TRAP_TVAL 20, CAUSE_LOAD_MISALIGNED, SGPU_SYSCTL_MTIME_LO_ADDR + 2, lw a0, 2(a2)
    /* the load right after a trapping one runs normally after the handler */
    TRAP 21, CAUSE_LOAD_MISALIGNED, lh a0, 1(a1)
    lw a0, 0(a1)
    CHECK 22, a0, 0x04030201
TEST_END

    .data
    .balign 16
data:
    .byte 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16
