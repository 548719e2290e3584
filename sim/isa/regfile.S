/* ISA test: every register x1..x31 keeps its own value (no aliasing), then forwarding
   through each one. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

/* Fill every register with a value of its own, then compare each in turn. gp and t6 are
   used by CHECK and so are compared by hand. */
TEST_BEGIN
    .irp r, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    li x\r, 0x01010101 * \r
    .endr
    /* x31 (t6) and x3 (gp) first, by hand: CHECK itself writes them */
    li x1, 0x01010101 * 31
    bne x31, x1, bad_t6
    li x1, 0x01010101 * 3
    bne x3, x1, bad_gp
    li x1, 0x01010101 * 1
    .irp r, 1,2,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
    CHECK \r, x\r, 0x01010101 * \r
    .endr

    /* write then read at once through each register */
    .irp r, 1,2,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
    li x\r, 0x100 + \r
    addi x\r, x\r, 0x100
    add x\r, x\r, x\r
    CHECK 32 + \r, x\r, 2 * (0x200 + \r)
    .endr
    j pass

bad_t6:
    li gp, 31
    mv t5, x31
    li t6, 0x01010101 * 31
    j fail
bad_gp:
    mv t5, x3
    li gp, 3
    li t6, 0x01010101 * 3
    j fail
TEST_END
