/* ISA test: the machine CSRs: mscratch, mepc, mcause, mtval hold what is written; mtvec
   is direct-only (low two bits read 0) and is where traps go; mhartid reads 0; misa reads
   RV32IM; mstatus keeps MIE and MPIE, MPP reads 3; mie keeps MTIE and MEIE; mip follows the
   interrupt lines and ignores writes. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    /* mscratch round trip: several patterns */
    .irp v, 0x00000000, 0xFFFFFFFF, 0xA5A5A5A5, 0x5A5A5A5A, 0x80000000, 0x00000001
    li a1, \v
    csrw mscratch, a1
    csrr a0, mscratch
    CHECK 1, a0, \v
    .endr
    /* mepc, mcause, mtval: read back (mepc with an aligned value) */
    li a1, 0x80001234 & ~3
    csrw mepc, a1
    csrr a0, mepc
    CHECK 2, a0, 0x80001234 & ~3
    li a1, 0x8000000B
    csrw mcause, a1
    csrr a0, mcause
    CHECK 3, a0, 0x8000000B
    li a1, 2
    csrw mcause, a1
    csrr a0, mcause
    CHECK 4, a0, 2
    li a1, 0xCAFEF00D
    csrw mtval, a1
    csrr a0, mtval
    CHECK 5, a0, 0xCAFEF00D

    /* mtvec: the low two bits read 0 (direct mode only) */
    csrr s1, mtvec
    la a1, handler2
    ori a2, a1, 1
    csrw mtvec, a2
    csrr a0, mtvec
    CHECK_REG 6, a0, a1
    ori a2, a1, 3
    csrw mtvec, a2
    csrr a0, mtvec
    CHECK_REG 7, a0, a1
    ori a2, a1, 2
    csrw mtvec, a2
    csrr a0, mtvec
    CHECK_REG 8, a0, a1
    /* a trap goes to mtvec's base even with mode bits written as vectored (1) */
    ori a2, a1, 1
    csrw mtvec, a2
    li s2, 0
    ecall
    CHECK 9, s2, 0xEC                   /* handler2 ran */
    csrw mtvec, s1
    csrr a0, mtvec
    CHECK_ADDR 10, a0, trap_handler

    /* mhartid reads 0; misa reads RV32IM: MXL = 1, extensions I (bit 8) and M (bit 12) */
    csrr a0, mhartid
    CHECK 11, a0, 0
    csrr a0, misa
    CHECK 12, a0, 0x40001100

    /* mstatus: MIE and MPIE read back, MPP reads 3 */
    csrw mie, zero                      /* no interrupt is taken below */
    li a1, CSR_MSTATUS_MIE | CSR_MSTATUS_MPIE
    csrw mstatus, a1
    csrr a0, mstatus
    li a2, CSR_MSTATUS_MIE | CSR_MSTATUS_MPIE | CSR_MSTATUS_MPP
    and a0, a0, a2
    CHECK 13, a0, CSR_MSTATUS_MIE | CSR_MSTATUS_MPIE | CSR_MSTATUS_MPP
    csrw mstatus, zero
    csrr a0, mstatus
    and a0, a0, a2
    CHECK 14, a0, CSR_MSTATUS_MPP
    csrsi mstatus, CSR_MSTATUS_MIE
    csrr a0, mstatus
    and a0, a0, a2
    CHECK 15, a0, CSR_MSTATUS_MIE | CSR_MSTATUS_MPP
    csrci mstatus, CSR_MSTATUS_MIE
    li a1, CSR_MSTATUS_MPIE
    csrs mstatus, a1
    csrr a0, mstatus
    and a0, a0, a2
    CHECK 16, a0, CSR_MSTATUS_MPIE | CSR_MSTATUS_MPP
    csrw mstatus, zero

    /* mie: MTIE and MEIE read back */
    li a1, CSR_MIE_MTIE
    csrw mie, a1
    csrr a0, mie
    CHECK 17, a0, CSR_MIE_MTIE
    li a1, CSR_MIE_MEIE
    csrw mie, a1
    csrr a0, mie
    CHECK 18, a0, CSR_MIE_MEIE
    li a1, CSR_MIE_MEIE | CSR_MIE_MTIE
    csrw mie, a1
    csrr a0, mie
    li a2, CSR_MIE_MEIE | CSR_MIE_MTIE
    and a0, a0, a2
    CHECK 19, a0, CSR_MIE_MEIE | CSR_MIE_MTIE
    csrw mie, zero
    csrr a0, mie
    CHECK 20, a0, 0

    /* mip: nothing pending at first; writing it does not trap and changes nothing */
    csrr a0, mip
    CHECK 21, a0, 0
    li a1, CSR_MIE_MEIE | CSR_MIE_MTIE
    csrw mip, a1
    csrr a0, mip
    CHECK 22, a0, 0
    /* MEIP follows the IRQ_TEST line */
    SYSCTL_WRITE SGPU_SYSCTL_IRQ_TEST_ADDR, 1
    li a3, 1000
    li a2, CSR_MIE_MEIE
1:  csrr a0, mip
    and a0, a0, a2
    bnez a0, 2f
    addi a3, a3, -1
    bnez a3, 1b
2:  CHECK 23, a0, CSR_MIE_MEIE
    csrw mip, zero                      /* a write does not clear it */
    csrr a0, mip
    li a2, CSR_MIE_MEIE
    and a0, a0, a2
    CHECK 24, a0, CSR_MIE_MEIE
    SYSCTL_WRITE SGPU_SYSCTL_IRQ_TEST_ADDR, 0
    li a3, 1000
3:  csrr a0, mip
    beqz a0, 4f
    addi a3, a3, -1
    bnez a3, 3b
4:  CHECK 25, a0, 0
    /* MTIP follows mtime >= mtimecmp: compare 0 is always reached */
    SYSCTL_WRITE SGPU_SYSCTL_MTIMECMP_HI_ADDR, 0
    SYSCTL_WRITE SGPU_SYSCTL_MTIMECMP_LO_ADDR, 0
    li a3, 1000
5:  csrr a0, mip
    bnez a0, 6f
    addi a3, a3, -1
    bnez a3, 5b
6:  CHECK 26, a0, CSR_MIE_MTIE
    SYSCTL_WRITE SGPU_SYSCTL_MTIMECMP_LO_ADDR, -1
    SYSCTL_WRITE SGPU_SYSCTL_MTIMECMP_HI_ADDR, -1
    li a3, 1000
7:  csrr a0, mip
    beqz a0, 8f
    addi a3, a3, -1
    bnez a3, 7b
8:  CHECK 27, a0, 0
    j pass

    .balign 4
handler2:
    li s2, 0xEC
    csrr t0, mepc
    addi t0, t0, 4
    csrw mepc, t0
    mret
TEST_END
