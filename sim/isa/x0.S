/* ISA test: x0 reads 0 and writes to it are dropped, for every kind of instruction. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    CHECK 1, x0, 0
    lui x0, 0xFFFFF
    CHECK 2, x0, 0
    auipc x0, 0x12345
    CHECK 3, x0, 0
    addi x0, x0, 5
    CHECK 4, x0, 0
    li a1, -1
    add x0, a1, a1
    CHECK 5, x0, 0
    ori x0, a1, 1
    CHECK 6, x0, 0
    mul x0, a1, a1
    CHECK 7, x0, 0
    div x0, a1, a1
    CHECK 8, x0, 0
    la a1, word
    lw x0, 0(a1)
    CHECK 9, x0, 0
    lb x0, 0(a1)
    CHECK 10, x0, 0
    jal x0, 1f
1:  CHECK 11, x0, 0
    la a2, 2f
    jalr x0, 0(a2)
2:  CHECK 12, x0, 0
    csrr x0, mscratch
    csrrw x0, mscratch, a1
    CHECK 13, x0, 0
    csrrs x0, mhartid, x0
    CHECK 14, x0, 0
    /* an x0 write followed at once by a read of x0 (no forwarding of the dropped value) */
    li a1, 0x55
    addi x0, a1, 0
    addi a0, x0, 0
    CHECK 15, a0, 0
    lw x0, 0(a2)
    add a0, x0, x0
    CHECK 16, a0, 0
    li a1, 7
    addi x0, a1, 1
    nop
    add a0, x0, a1
    CHECK 17, a0, 7
    /* x0 as a store's data and base-free operand */
    la a1, word
    sw x0, 0(a1)
    lw a0, 0(a1)
    CHECK 18, a0, 0
    /* x0 as branch operands */
    li a0, 0
    bne x0, x0, 3f
    li a0, 1
3:  CHECK 19, a0, 1
TEST_END

    .data
word: .word 0xFFFFFFFF
