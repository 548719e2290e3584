/* ISA test: a jump or taken branch to an address that is not 4-byte aligned traps on the
   jump (mcause 0, mepc = the jump, mtval = the target) and does not write rd; a branch
   not taken never traps. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    li ra, 0x1234
    TRAP_TVAL_ADDR 1, CAUSE_FETCH_MISALIGNED, target + 2, jal ra, target + 2
    CHECK 2, ra, 0x1234
    li a0, 0x55
    TRAP_TVAL_ADDR 3, CAUSE_FETCH_MISALIGNED, target + 2, jal a0, target + 2
    CHECK 4, a0, 0x55
    /* jalr: bit 0 is cleared first, bit 1 is what traps */
    la a1, target + 2
    TRAP_TVAL_ADDR 5, CAUSE_FETCH_MISALIGNED, target + 2, jalr ra, 0(a1)
    CHECK 6, ra, 0x1234
    la a1, target + 3
    TRAP_TVAL_ADDR 7, CAUSE_FETCH_MISALIGNED, target + 2, jalr ra, 0(a1)
    la a1, target
    TRAP_TVAL_ADDR 8, CAUSE_FETCH_MISALIGNED, target + 2, jalr ra, 2(a1)
    TRAP_TVAL_ADDR 9, CAUSE_FETCH_MISALIGNED, target + 2, jalr ra, 3(a1)
    la a1, target + 4
    TRAP_TVAL_ADDR 10, CAUSE_FETCH_MISALIGNED, target + 2, jalr ra, -2(a1)
    CHECK 11, ra, 0x1234
    /* jalr with rd = rs1: rs1 is not overwritten by the link */
    la a1, target + 2
    TRAP_TVAL_ADDR 12, CAUSE_FETCH_MISALIGNED, target + 2, jalr a1, 0(a1)
    CHECK_ADDR 13, a1, target + 2
    /* branches taken to target + 2, each kind */
    li a1, 1
    li a2, 2
    TRAP_TVAL_ADDR 14, CAUSE_FETCH_MISALIGNED, target + 2, beq a1, a1, target + 2
    TRAP_TVAL_ADDR 15, CAUSE_FETCH_MISALIGNED, target + 2, bne a1, a2, target + 2
    TRAP_TVAL_ADDR 16, CAUSE_FETCH_MISALIGNED, target + 2, blt a1, a2, target + 2
    TRAP_TVAL_ADDR 17, CAUSE_FETCH_MISALIGNED, target + 2, bge a2, a1, target + 2
    TRAP_TVAL_ADDR 18, CAUSE_FETCH_MISALIGNED, target + 2, bltu a1, a2, target + 2
    TRAP_TVAL_ADDR 19, CAUSE_FETCH_MISALIGNED, target + 2, bgeu a2, a1, target + 2
    /* backward, to an odd multiple of 2 */
    TRAP_TVAL_ADDR 20, CAUSE_FETCH_MISALIGNED, back + 2, beq a1, a1, back + 2
    TRAP_TVAL_ADDR 21, CAUSE_FETCH_MISALIGNED, back + 2, jal ra, back + 2
    /* not taken: no trap */
    li a0, 0
    beq a1, a2, target + 2
    bne a1, a1, target + 2
    blt a2, a1, target + 2
    bge a1, a2, target + 2
    bltu a2, a1, target + 2
    bgeu a1, a2, target + 2
    li a0, 1
    CHECK 22, a0, 1
    /* mepc of the trap can be stepped over by 4 as usual: already done by TRAP */
    j pass

back:
    FAIL_HERE 100
target:
    FAIL_HERE 101
TEST_END
