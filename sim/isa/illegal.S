/* ISA test: instructions the core does not have trap as illegal (mcause 2, mtval = the
   instruction word, mepc = its address) and change nothing. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    TRAP_ILLEGAL 1, 0x00000000          /* all zeros */
    TRAP_ILLEGAL 2, 0xFFFFFFFF          /* all ones */
    TRAP_ILLEGAL 3, 0x00000001          /* low bits not 11: a compressed instruction (no C) */
    TRAP_ILLEGAL 4, 0x00004502          /* c.lw-like halfword pair, low bits 10 */
    TRAP_ILLEGAL 5, 0x00052507          /* flw fa0, 0(a0): no F */
    TRAP_ILLEGAL 6, 0x00053527          /* fsd-like store-fp: no F/D */
    TRAP_ILLEGAL 7, 0x00A5252F          /* amoadd.w a0, a0, (a0): no A */
    TRAP_ILLEGAL 8, 0x1005252F          /* lr.w a0, (a0): no A */
    TRAP_ILLEGAL 9, 0x0015051B          /* addiw (RV64): no */
    TRAP_ILLEGAL 10, 0x00B5053B         /* addw (RV64): no */
    TRAP_ILLEGAL 11, 0x00B50553         /* fadd.s: OP-FP, no F */
    TRAP_ILLEGAL 12, 0x0000000B         /* custom-0 */
    TRAP_ILLEGAL 13, 0x0000002B         /* custom-1 */
    TRAP_ILLEGAL 14, 0x00000057         /* OP-V: no V */
    TRAP_ILLEGAL 15, 0x00053503         /* ld a0, 0(a0): RV64 load */
    TRAP_ILLEGAL 16, 0x00056503         /* lwu a0, 0(a0): RV64 load */
    TRAP_ILLEGAL 17, 0x00A53023         /* sd a0, 0(a0): RV64 store */
    TRAP_ILLEGAL 18, 0x40B57533         /* andn a0, a0, a1: Zbb, not here */
    TRAP_ILLEGAL 19, 0x10200073         /* sret: no S mode */
    TRAP_ILLEGAL 20, 0x00004073         /* SYSTEM funct3 = 4 */

    /* the destination register of an illegal instruction is not written */
    li a0, 0x5A5A
    TRAP_ILLEGAL 21, 0x00053503         /* ld a0, 0(a0) */
    CHECK 22, a0, 0x5A5A
    TRAP_ILLEGAL 23, 0x0015051B         /* addiw a0, a0, 1 */
    CHECK 24, a0, 0x5A5A
    /* an illegal store writes no memory */
    la a0, word
    TRAP_ILLEGAL 25, 0x00A53023         /* sd a0, 0(a0) */
    lw a1, 0(a0)
    CHECK 26, a1, 0x11223344
TEST_END

    .data
word: .word 0x11223344, 0x55667788
