/* ISA test: stores into the program: "a store is visible to the fetch of any instruction
   after it in program order" (docs/cpu.md), with fence.i and without. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    /* patch an instruction far ahead, with fence.i */
    la a1, patch1
    li a2, 0x02A00513               /* addi a0, x0, 42 */
    sw a2, 0(a1)
    fence.i
    li a0, 0
patch1:
    addi a0, x0, 1
    CHECK 1, a0, 42

    /* patch an instruction a few words ahead, no fence.i */
    la a1, patch2
    li a2, 0x06300513               /* addi a0, x0, 99 */
    li a0, 0
    sw a2, 0(a1)
    nop
    nop
patch2:
    addi a0, x0, 2
    CHECK 2, a0, 99

    /* patch the very next instruction, no fence.i */
    la a1, patch3
    li a2, 0x00700513               /* addi a0, x0, 7 */
    li a0, 0
    sw a2, 0(a1)
patch3:
    addi a0, x0, 3
    CHECK 3, a0, 7

    /* patch a subroutine and call it twice with different code */
    la a1, patched_sub
    li a2, 0x00B00513               /* addi a0, x0, 11 */
    sw a2, 0(a1)
    jal ra, patched_sub
    CHECK 4, a0, 11
    li a2, 0x01600513               /* addi a0, x0, 22 */
    sw a2, 0(a1)
    jal ra, patched_sub
    CHECK 5, a0, 22
    j pass

patched_sub:
    addi a0, x0, 0
    ret
TEST_END
