/* ISA test: mcycle and minstret count and are writable (both halves, with the carry);
   cycle, cycleh, instret and instreth read the same counters. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    /* minstret counts each retired instruction: consecutive reads differ by 1 */
    csrr a0, minstret
    csrr a1, minstret
    sub a2, a1, a0
    CHECK 1, a2, 1
    csrr a0, minstret
    .rept 10
    nop
    .endr
    csrr a1, minstret
    sub a2, a1, a0
    CHECK 2, a2, 11
    /* instret is the same counter (moved away from mcycle first) */
    li a1, 0x00100000
    csrw minstret, a1
    csrr a0, minstret
    csrr a1, instret
    sub a2, a1, a0
    CHECK 3, a2, 1
    csrr a0, minstreth
    csrr a1, instreth
    CHECK_REG 4, a1, a0
    /* mcycle counts at least one per instruction */
    csrr a0, mcycle
    .rept 10
    nop
    .endr
    csrr a1, mcycle
    sub a2, a1, a0
    sltiu a3, a2, 11
    CHECK 5, a3, 0                      /* at least 11 */
    csrr a0, mcycle
    csrr a1, cycle
    sub a2, a1, a0
    sltiu a3, a2, 1
    CHECK 6, a3, 0                      /* cycle is past mcycle */
    sltiu a3, a2, 100
    CHECK 7, a3, 1                      /* but close */
    csrr a0, mcycleh
    csrr a1, cycleh
    CHECK_REG 8, a1, a0

    /* minstret is writable: the write replaces the count, the next read sees it */
    li a1, 1000
    csrw minstret, a1
    csrr a0, minstret
    CHECK 9, a0, 1000
    li a1, 0x55
    csrw minstreth, a1
    csrr a0, minstreth
    CHECK 10, a0, 0x55
    csrr a0, instreth
    CHECK 11, a0, 0x55
    /* mcycle is writable */
    li a1, 5000
    csrw mcycle, a1
    csrr a0, mcycle
    sub a2, a0, a1
    sltiu a3, a2, 50
    CHECK 12, a3, 1
    li a1, 0x66
    csrw mcycleh, a1
    csrr a0, mcycleh
    CHECK 13, a0, 0x66
    csrr a0, cycleh
    CHECK 14, a0, 0x66

    /* the carry from the low half to the high half */
    li a1, -16
    li a2, 5
    csrw minstret, a1
    csrw minstreth, a2
    .rept 20
    nop
    .endr
    csrr a0, minstreth
    csrr a1, minstret
    CHECK 15, a0, 6
    sltiu a3, a1, 100
    CHECK 16, a3, 1
    li a1, -16
    li a2, 7
    csrw mcycle, a1
    csrw mcycleh, a2
    .rept 20
    nop
    .endr
    csrr a0, mcycleh
    CHECK 17, a0, 8
    /* the high half wraps to 0 */
    li a1, -8
    li a2, -1
    csrw minstret, a1
    csrw minstreth, a2
    .rept 12
    nop
    .endr
    csrr a0, minstreth
    CHECK 18, a0, 0
    /* csrrw returns the count before the write */
    li a1, 200
    csrw minstret, a1
    li a2, 7
    csrrw a0, minstret, a2              /* the count is 201 here: one instruction later */
    csrr a3, minstret
    CHECK 19, a0, 201
    CHECK 20, a3, 7
TEST_END
