/* ISA test: the machine timer registers: MTIMECMP resets to all ones; MTIME counts up and
   is writable with the carry into MTIME_HI; the compare is 64 bits wide. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    li s9, SGPU_SYSCTL_CORE_BASE
    lw a0, SGPU_SYSCTL_MTIMECMP_LO_OFFSET(s9)
    CHECK 1, a0, SGPU_SYSCTL_MTIMECMP_LO_RESET
    lw a0, SGPU_SYSCTL_MTIMECMP_HI_OFFSET(s9)
    CHECK 2, a0, SGPU_SYSCTL_MTIMECMP_HI_RESET
    lw a0, SGPU_SYSCTL_MTIME_HI_OFFSET(s9)
    CHECK 3, a0, 0
    /* MTIME counts */
    lw a0, SGPU_SYSCTL_MTIME_LO_OFFSET(s9)
    .rept 10
    nop
    .endr
    lw a1, SGPU_SYSCTL_MTIME_LO_OFFSET(s9)
    sub a2, a1, a0
    sltiu a3, a2, 10
    CHECK 4, a3, 0                      /* at least 10 later */
    /* writable */
    li a1, 1000
    sw a1, SGPU_SYSCTL_MTIME_LO_OFFSET(s9)
    lw a0, SGPU_SYSCTL_MTIME_LO_OFFSET(s9)
    sub a2, a0, a1
    sltiu a3, a2, 100
    CHECK 5, a3, 1                      /* 1000 and a little */
    li a1, 0x12
    sw a1, SGPU_SYSCTL_MTIME_HI_OFFSET(s9)
    lw a0, SGPU_SYSCTL_MTIME_HI_OFFSET(s9)
    CHECK 6, a0, 0x12
    /* the carry into the high half */
    li a1, -40
    sw a1, SGPU_SYSCTL_MTIME_LO_OFFSET(s9)
    li a1, 3
    sw a1, SGPU_SYSCTL_MTIME_HI_OFFSET(s9)
    li a3, 100
1:  addi a3, a3, -1
    bnez a3, 1b
    lw a0, SGPU_SYSCTL_MTIME_HI_OFFSET(s9)
    CHECK 7, a0, 4
    /* MTIMECMP reads back */
    li a1, 0x01234567
    sw a1, SGPU_SYSCTL_MTIMECMP_LO_OFFSET(s9)
    li a1, 0x89ABCDEF
    sw a1, SGPU_SYSCTL_MTIMECMP_HI_OFFSET(s9)
    lw a0, SGPU_SYSCTL_MTIMECMP_LO_OFFSET(s9)
    CHECK 8, a0, 0x01234567
    lw a0, SGPU_SYSCTL_MTIMECMP_HI_OFFSET(s9)
    CHECK 9, a0, 0x89ABCDEF
    /* the compare is 64 bits: MTIME = 0x0000_0000_xxxx is below 0x0000_0001_0000_0000 */
    sw zero, SGPU_SYSCTL_MTIME_HI_OFFSET(s9)
    sw zero, SGPU_SYSCTL_MTIME_LO_OFFSET(s9)
    sw zero, SGPU_SYSCTL_MTIMECMP_LO_OFFSET(s9)
    li a1, 1
    sw a1, SGPU_SYSCTL_MTIMECMP_HI_OFFSET(s9)
    li a3, 50
2:  addi a3, a3, -1
    bnez a3, 2b
    csrr a0, mip
    CHECK 10, a0, 0
    /* ... and MTIME = 0x0000_0001_0000_xxxx is past it */
    li a1, 1
    sw a1, SGPU_SYSCTL_MTIME_HI_OFFSET(s9)
    WAIT_MIP CSR_MIE_MTIE, 50
    CHECK 11, a0, CSR_MIE_MTIE
    /* the low half alone past the compare's low half is not enough */
    sw zero, SGPU_SYSCTL_MTIME_HI_OFFSET(s9)
    li a1, 0x100
    sw a1, SGPU_SYSCTL_MTIME_LO_OFFSET(s9)
    li a1, 1
    sw a1, SGPU_SYSCTL_MTIMECMP_HI_OFFSET(s9)
    li a1, 0x10
    sw a1, SGPU_SYSCTL_MTIMECMP_LO_OFFSET(s9)
    li a3, 50
3:  addi a3, a3, -1
    bnez a3, 3b
    csrr a0, mip
    CHECK 12, a0, 0
    /* equal is pending: MTIME >= MTIMECMP */
    li a1, -1
    sw a1, SGPU_SYSCTL_MTIMECMP_HI_OFFSET(s9)
    sw zero, SGPU_SYSCTL_MTIME_LO_OFFSET(s9)
    sw zero, SGPU_SYSCTL_MTIME_HI_OFFSET(s9)
    li a1, 0x400
    sw a1, SGPU_SYSCTL_MTIMECMP_LO_OFFSET(s9)
    sw zero, SGPU_SYSCTL_MTIMECMP_HI_OFFSET(s9)
    WAIT_MIP CSR_MIE_MTIE, 2000
    lw a1, SGPU_SYSCTL_MTIME_LO_OFFSET(s9)
    CHECK 13, a0, CSR_MIE_MTIE
    sltiu a2, a1, 0x400
    CHECK 14, a2, 0
    sltiu a2, a1, 0x400 + 100
    CHECK 15, a2, 1                     /* pending within a few cycles of the compare */
    li a1, -1
    sw a1, SGPU_SYSCTL_MTIMECMP_LO_OFFSET(s9)
    sw a1, SGPU_SYSCTL_MTIMECMP_HI_OFFSET(s9)
TEST_END
