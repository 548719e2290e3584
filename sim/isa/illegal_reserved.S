/* ISA test: reserved encodings inside the opcodes the core has (funct3 and funct7 values
   RV32IM does not define) trap as illegal instructions, mtval = the word. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    /* OP: funct7 other than 0, 0x20 (sub, sra only) and 1 (M) */
    TRAP_ILLEGAL 1, 0x40B51533          /* funct7 0x20 with sll */
    TRAP_ILLEGAL 2, 0x40B52533          /* funct7 0x20 with slt */
    TRAP_ILLEGAL 3, 0x40B56533          /* funct7 0x20 with or */
    TRAP_ILLEGAL 4, 0x04B50533          /* funct7 0x02 */
    TRAP_ILLEGAL 5, 0x80B50533          /* funct7 0x40 */
    TRAP_ILLEGAL 6, 0x42B50533          /* funct7 0x21 */
    /* OP-IMM shifts: funct7 other than 0 (slli, srli) and 0x20 (srai); bit 25 is shamt[5]
       on RV64 only */
    TRAP_ILLEGAL 7, 0x02051513          /* slli a0, a0, 32 */
    TRAP_ILLEGAL 8, 0x02055513          /* srli a0, a0, 32 */
    TRAP_ILLEGAL 9, 0x42055513          /* srai a0, a0, 32 */
    TRAP_ILLEGAL 10, 0x40051513         /* slli with funct7 0x20 */
    TRAP_ILLEGAL 11, 0x60051513         /* funct7 0x30 (clz in Zbb) */
    TRAP_ILLEGAL 12, 0x08055513         /* srli with funct7 0x04 */
    /* LOAD funct3 7, STORE funct3 4 to 7 */
    TRAP_ILLEGAL 13, 0x00057503
    TRAP_ILLEGAL 14, 0x00A54023
    TRAP_ILLEGAL 15, 0x00A57023
    /* BRANCH funct3 2 and 3 */
    TRAP_ILLEGAL 16, 0x00B52463
    TRAP_ILLEGAL 17, 0x00B53463
    /* JALR funct3 other than 0 */
    TRAP_ILLEGAL 18, 0x00051067
    TRAP_ILLEGAL 19, 0x00057067
    /* MISC-MEM funct3 other than 0 (fence) and 1 (fence.i): cbo.* of Zicbom is funct3 2 */
    TRAP_ILLEGAL 20, 0x0005200F
    TRAP_ILLEGAL 21, 0x0000700F
    /* SYSTEM funct3 0 words other than ecall, ebreak, mret and wfi */
    TRAP_ILLEGAL 22, 0x00200073         /* uret (removed) */
    TRAP_ILLEGAL 23, 0x7B200073         /* dret: debug mode only */
    TRAP_ILLEGAL 24, 0x12000073         /* sfence.vma: no S mode */
    TRAP_ILLEGAL 25, 0x00300073
    TRAP_ILLEGAL 26, 0x30200173         /* mret with rd = 2 */
    TRAP_ILLEGAL 27, 0x000000F3         /* ecall with rd = 1 */
    /* the destination of a reserved OP encoding is not written */
    li a0, 0x777
    li a1, 3
    TRAP_ILLEGAL 28, 0x40B51533
    CHECK 29, a0, 0x777
TEST_END
