/* Macros of the sgpu ISA tests: self-checking bare-metal programs for the control core. */
/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A test is one assembly file:
 *
 *     #include "test.h"
 *     TEST_BEGIN
 *         TEST_RR 1, add, 3, 1, 2        # check 1: add of 1 and 2 gives 3
 *         ...
 *     TEST_END
 *
 * It writes 0 to the exit register when every check passed. When check N fails it prints
 * `isa: check N failed: got X, expected Y` on the console and writes N to the exit
 * register, so the runner exits with N. Check numbers go from 1 to 254; an unexpected trap
 * prints its mcause, mepc and mtval and exits with 255.
 *
 * Registers the macros own (tests use them only as described):
 *   gp (x3)   the number of the check running (the exit status if it fails)
 *   tp (x4)   where the default trap handler resumes after an expected trap; 0 means no
 *             trap is expected, and the handler clears it after each trap
 *   t3 (x28), t4 (x29), t5 (x30)  mcause, mepc and mtval of the last trap taken
 *   t6 (x31)  the expected value of CHECK
 *   a5 (x15)  the TRAP macros keep mtval here for TRAP_TVAL and TRAP_TVAL_ADDR
 * The operand macros compute into a0 from a1 and a2 (a3 for forwarding checks).
 */
#ifndef SGPU_ISA_TEST_H
#define SGPU_ISA_TEST_H

#include "sgpu_regs.h"

#define EXIT_UNEXPECTED_TRAP 255

#define CSR_MSTATUS_MIE 0x8
#define CSR_MSTATUS_MPIE 0x80
#define CSR_MSTATUS_MPP 0x1800
#define CSR_MIE_MTIE 0x80
#define CSR_MIE_MEIE 0x800
#define CAUSE_FETCH_MISALIGNED 0
#define CAUSE_ILLEGAL 2
#define CAUSE_BREAKPOINT 3
#define CAUSE_LOAD_MISALIGNED 4
#define CAUSE_STORE_MISALIGNED 6
#define CAUSE_ECALL_M 11
#define CAUSE_IRQ_TIMER 0x80000007
#define CAUSE_IRQ_EXTERNAL 0x8000000B

/* ---- Start and end --------------------------------------------------------------------- */

.macro TEST_BEGIN
    .section .text.init, "ax"
    .globl _start
_start:
    la t0, trap_handler
    csrw mtvec, t0
    li gp, 0
    li tp, 0
    j test_body
    .text
test_body:
.endm

/* Passing ends the test; `fail` reports the check in gp; the default trap handler. */
.macro TEST_END
pass:
    li t0, SGPU_SYSCTL_EXIT_ADDR
    sw zero, 0(t0)
1:  j 1b

fail:
    mv s0, gp
    mv s1, t5
    mv s2, t6
    la a0, _test_msg_check
    jal ra, _test_puts
    mv a0, s0
    jal ra, _test_putdec
    la a0, _test_msg_got
    jal ra, _test_puts
    mv a0, s1
    jal ra, _test_puthex
    la a0, _test_msg_expected
    jal ra, _test_puts
    mv a0, s2
    jal ra, _test_puthex
    li a0, 10
    jal ra, _test_putc
    bnez s0, 2f
    li s0, 254                  /* never exit 0 from here */
2:  li t0, SGPU_SYSCTL_EXIT_ADDR
    sw s0, 0(t0)
3:  j 3b

    .balign 4
trap_handler:
    csrr t3, mcause
    csrr t4, mepc
    csrr t5, mtval
    beqz tp, _test_unexpected_trap
    csrw mepc, tp
    li tp, 0
    mret

_test_unexpected_trap:
    la a0, _test_msg_trap
    jal ra, _test_puts
    mv a0, t3
    jal ra, _test_puthex
    la a0, _test_msg_mepc
    jal ra, _test_puts
    mv a0, t4
    jal ra, _test_puthex
    la a0, _test_msg_mtval
    jal ra, _test_puts
    mv a0, t5
    jal ra, _test_puthex
    la a0, _test_msg_in
    jal ra, _test_puts
    mv a0, gp
    jal ra, _test_putdec
    li a0, 10
    jal ra, _test_putc
    li t0, SGPU_SYSCTL_EXIT_ADDR
    li t1, EXIT_UNEXPECTED_TRAP
    sw t1, 0(t0)
4:  j 4b

/* Console helpers of the failure path: a0 = character, string, or number. */
_test_putc:
    li t0, SGPU_SYSCTL_CONSOLE_ADDR
    sw a0, 0(t0)
    ret
_test_puts:
    li t0, SGPU_SYSCTL_CONSOLE_ADDR
5:  lbu t1, 0(a0)
    beqz t1, 6f
    sw t1, 0(t0)
    addi a0, a0, 1
    j 5b
6:  ret
_test_puthex:
    li t0, SGPU_SYSCTL_CONSOLE_ADDR
    li t1, 28
7:  srl t2, a0, t1
    andi t2, t2, 15
    addi t2, t2, 48             /* '0' */
    li a1, 57                   /* '9' */
    ble t2, a1, 8f
    addi t2, t2, 39             /* 'a' - '0' - 10 */
8:  sw t2, 0(t0)
    addi t1, t1, -4
    bgez t1, 7b
    ret
/* Decimal without the M extension: the digits of 0..999 by repeated subtraction. */
_test_putdec:
    li t0, SGPU_SYSCTL_CONSOLE_ADDR
    li t2, 0                    /* printed a digit yet */
    li a1, 100
9:  li t1, 48                   /* '0' */
10: bltu a0, a1, 11f
    sub a0, a0, a1
    addi t1, t1, 1
    j 10b
11: bnez t2, 12f
    li a2, 48
    beq t1, a2, 13f             /* no leading zeros */
12: sw t1, 0(t0)
    li t2, 1
13: li a2, 10
    beq a1, a2, 14f
    mv a1, a2                   /* hundreds done: now tens */
    j 9b
14: addi a0, a0, 48             /* the units */
    sw a0, 0(t0)
    ret

    .section .rodata
_test_msg_check:    .asciz "isa: check "
_test_msg_got:      .asciz " failed: got "
_test_msg_expected: .asciz ", expected "
_test_msg_trap:     .asciz "isa: unexpected trap: mcause "
_test_msg_mepc:     .asciz ", mepc "
_test_msg_mtval:    .asciz ", mtval "
_test_msg_in:       .asciz ", after check "
    .text
.endm

/* ---- Checks ------------------------------------------------------------------------------ */

.macro _CHECKNUM num
    .if (\num) < 1 || (\num) > 254
    .error "check numbers go from 1 to 254"
    .endif
.endm

/* Check num: register reg holds the constant val. */
.macro CHECK num, reg, val
    _CHECKNUM \num
    li gp, \num
    li t6, \val
    beq \reg, t6, .Lck\@
    mv t5, \reg
    j fail
.Lck\@:
.endm

/* Check num: register reg holds the address sym (a label, or label + constant). */
.macro CHECK_ADDR num, reg, sym
    _CHECKNUM \num
    li gp, \num
    la t6, \sym
    beq \reg, t6, .Lca\@
    mv t5, \reg
    j fail
.Lca\@:
.endm

/* Check num: registers reg and ref are equal. */
.macro CHECK_REG num, reg, ref
    _CHECKNUM \num
    li gp, \num
    mv t6, \ref
    beq \reg, t6, .Lcr\@
    mv t5, \reg
    j fail
.Lcr\@:
.endm

/* Fail check num unconditionally (a path that must not be reached). */
.macro FAIL_HERE num
    _CHECKNUM \num
    li gp, \num
    li t5, 0
    li t6, 0
    j fail
.endm

/* ---- Register-register and register-immediate operations -------------------------------- */

.macro TEST_RR num, inst, res, v1, v2
    li a1, \v1
    li a2, \v2
    \inst a0, a1, a2
    CHECK \num, a0, \res
.endm

.macro TEST_RR_SRC1_EQ_DEST num, inst, res, v1, v2
    li a1, \v1
    li a2, \v2
    \inst a1, a1, a2
    CHECK \num, a1, \res
.endm

.macro TEST_RR_SRC2_EQ_DEST num, inst, res, v1, v2
    li a1, \v1
    li a2, \v2
    \inst a2, a1, a2
    CHECK \num, a2, \res
.endm

.macro TEST_RR_SRC12_EQ_DEST num, inst, res, v1
    li a1, \v1
    \inst a1, a1, a1
    CHECK \num, a1, \res
.endm

/* rs1 = x0 (reads 0). */
.macro TEST_RR_ZEROSRC1 num, inst, res, v2
    li a2, \v2
    \inst a0, x0, a2
    CHECK \num, a0, \res
.endm

/* rs2 = x0 (reads 0). */
.macro TEST_RR_ZEROSRC2 num, inst, res, v1
    li a1, \v1
    \inst a0, a1, x0
    CHECK \num, a0, \res
.endm

/* rd = x0: the result is dropped, x0 stays 0. */
.macro TEST_RR_ZERODEST num, inst, v1, v2
    li a1, \v1
    li a2, \v2
    \inst x0, a1, a2
    CHECK \num, x0, 0
.endm

/* Forwarding: n1 instructions between the operands' last writes and the operation, n2
 * between the operation and the first use of its result. */
.macro TEST_RR_FWD num, n1, n2, inst, res, v1, v2
    li a1, \v1
    li a2, \v2
    .rept \n1
    nop
    .endr
    \inst a0, a1, a2
    .rept \n2
    nop
    .endr
    addi a3, a0, 0
    CHECK \num, a3, \res
.endm

.macro TEST_IMM num, inst, res, v1, imm
    li a1, \v1
    \inst a0, a1, \imm
    CHECK \num, a0, \res
.endm

.macro TEST_IMM_SRC1_EQ_DEST num, inst, res, v1, imm
    li a1, \v1
    \inst a1, a1, \imm
    CHECK \num, a1, \res
.endm

.macro TEST_IMM_ZEROSRC1 num, inst, res, imm
    \inst a0, x0, \imm
    CHECK \num, a0, \res
.endm

.macro TEST_IMM_ZERODEST num, inst, v1, imm
    li a1, \v1
    \inst x0, a1, \imm
    CHECK \num, x0, 0
.endm

.macro TEST_IMM_FWD num, n1, n2, inst, res, v1, imm
    li a1, \v1
    .rept \n1
    nop
    .endr
    \inst a0, a1, \imm
    .rept \n2
    nop
    .endr
    addi a3, a0, 0
    CHECK \num, a3, \res
.endm

/* ---- Loads and stores ------------------------------------------------------------------- */

/* Load from base + off; off is the instruction's immediate. */
.macro TEST_LD num, inst, res, off, base
    la a1, \base
    \inst a0, \off(a1)
    CHECK \num, a0, \res
.endm

/* Load-use: n instructions between the load and the use of its value. */
.macro TEST_LD_USE num, n, inst, res, off, base
    la a1, \base
    \inst a0, \off(a1)
    .rept \n
    nop
    .endr
    addi a3, a0, 0
    CHECK \num, a3, \res
.endm

/* Store val at base + off, load it back with linst: expect res. */
.macro TEST_ST num, sinst, linst, res, val, off, base
    la a1, \base
    li a2, \val
    \sinst a2, \off(a1)
    \linst a0, \off(a1)
    CHECK \num, a0, \res
.endm

/* ---- Branches ---------------------------------------------------------------------------- */

/* inst with these operands is taken: forward and backward. */
/* A taken branch whose shadow (the instructions after it) must not take effect: neither
 * the register updates nor the store to `word`, which must still hold 0x5A5A5A5A.
 * v1 and v2 must make the branch taken. */
.macro TEST_BR_SHADOW num, inst, v1, v2, word
    li a0, 0
    li a1, \v1
    li a2, \v2
    la a3, \word
    \inst a1, a2, .Lbs_done\@
    addi a0, a0, 1
    sw a1, 0(a3)
    addi a0, a0, 2
    j .Lbs_done\@
    addi a0, a0, 4
.Lbs_done\@:
    CHECK \num, a0, 0
    lw a4, 0(a3)
    CHECK \num, a4, 0x5A5A5A5A
.endm

.macro TEST_BR_TAKEN num, inst, v1, v2
    _CHECKNUM \num
    li gp, \num
    li a1, \v1
    li a2, \v2
    \inst a1, a2, .Lbt_fwd\@
    j .Lbt_bad\@
.Lbt_back\@:
    j .Lbt_done\@
.Lbt_fwd\@:
    \inst a1, a2, .Lbt_back\@
.Lbt_bad\@:
    li t5, 0
    li t6, 1
    j fail
.Lbt_done\@:
.endm

/* inst with these operands is not taken: forward and backward. */
.macro TEST_BR_NOT num, inst, v1, v2
    _CHECKNUM \num
    li gp, \num
    li a1, \v1
    li a2, \v2
    j .Lbn_start\@
.Lbn_bad\@:
    li t5, 1
    li t6, 0
    j fail
.Lbn_start\@:
    \inst a1, a2, .Lbn_bad\@
    \inst a1, a2, .Lbn_other\@
    j .Lbn_done\@
.Lbn_other\@:
    j .Lbn_bad\@
.Lbn_done\@:
.endm

/* ---- Traps ------------------------------------------------------------------------------- */

/* The instruction(s) insn must trap with cause, at the first instruction of insn; the
 * default handler resumes after. Afterwards t3 = mcause, t4 = mepc, t5 = mtval. */
.macro TRAP num, cause, insn:vararg
    _CHECKNUM \num
    li gp, \num
    la tp, .Ltr_resume\@
.Ltr_fault\@:
    \insn
    li t5, 0
    li t6, 1
    j fail                      /* it did not trap */
.Ltr_resume\@:
    mv a5, t5                   /* CHECK uses t5 on failure */
    CHECK \num, t3, \cause
    CHECK_ADDR \num, t4, .Ltr_fault\@
    mv t5, a5
.endm

/* As TRAP, and mtval must be the constant tval. */
.macro TRAP_TVAL num, cause, tval, insn:vararg
    TRAP \num, \cause, \insn
    CHECK \num, a5, \tval
.endm

/* As TRAP, and mtval must be the address sym (label or label + constant). */
.macro TRAP_TVAL_ADDR num, cause, sym, insn:vararg
    TRAP \num, \cause, \insn
    CHECK_ADDR \num, a5, \sym
.endm

/* The word w, executed, is an illegal instruction with mtval = w. */
.macro TRAP_ILLEGAL num, w
    TRAP_TVAL \num, CAUSE_ILLEGAL, \w, .word \w
.endm

/* Set mtvec back to the default handler. */
.macro DEFAULT_TRAP_HANDLER
    la t0, trap_handler
    csrw mtvec, t0
.endm

/* ---- Interrupts ----------------------------------------------------------------------------
 * IRQ_HANDLER emits `irq_handler`, a trap handler for the interrupt tests (install it with
 * INSTALL_IRQ_HANDLER). For an interrupt it counts in s1, keeps the last mcause in s2, mepc
 * in s3 and mstatus (as seen inside the handler) in s4, the first two causes in s6 and s7;
 * then it clears the source (timer: MTIMECMP := all ones; external: IRQ_TEST := 0), unless
 * s8 is not 0 (then it decrements s8 and leaves the source pending), waits until the line
 * has dropped, and returns. Any exception ends the test as an unexpected trap. It uses t0,
 * t1 and t2. */
.macro IRQ_HANDLER
    .balign 4
irq_handler:
    csrr t0, mcause
    bgez t0, _test_irq_exception
    mv s2, t0
    csrr s3, mepc
    csrr s4, mstatus
    bnez s1, 1f
    mv s6, t0
    j 2f
1:  li t1, 1
    bne s1, t1, 2f
    mv s7, t0
2:  addi s1, s1, 1
    beqz s8, 3f
    addi s8, s8, -1
    mret
3:  li t1, CAUSE_IRQ_TIMER
    bne t0, t1, 4f
    li t1, SGPU_SYSCTL_MTIMECMP_LO_ADDR
    li t2, -1
    sw t2, 0(t1)
    li t1, SGPU_SYSCTL_MTIMECMP_HI_ADDR
    sw t2, 0(t1)
    li t2, CSR_MIE_MTIE
    j 5f
4:  li t1, SGPU_SYSCTL_IRQ_TEST_ADDR
    sw zero, 0(t1)
    li t2, CSR_MIE_MEIE
5:  li t1, 10000                        /* wait (bounded) for the line to drop */
6:  csrr t0, mip
    and t0, t0, t2
    beqz t0, 7f
    addi t1, t1, -1
    bnez t1, 6b
7:  mret
_test_irq_exception:
    csrr t3, mcause
    csrr t4, mepc
    csrr t5, mtval
    j _test_unexpected_trap
.endm

.macro INSTALL_IRQ_HANDLER
    la t0, irq_handler
    csrw mtvec, t0
    li s1, 0
    li s2, 0
    li s3, 0
    li s4, 0
    li s6, 0
    li s7, 0
    li s8, 0
.endm

/* Wait (at most about n iterations) until mip & mask is not 0; a0 = mip & mask. Uses a3. */
.macro WAIT_MIP mask, n=10000
    li a3, \n
.Lwm\@:
    csrr a0, mip
    li t2, \mask
    and a0, a0, t2
    bnez a0, .Lwmdone\@
    addi a3, a3, -1
    bnez a3, .Lwm\@
.Lwmdone\@:
.endm

/* Set MTIMECMP to MTIME + delta (MTIME below 2^32 - delta). Uses t0, t1, a0. */
.macro TIMER_IN delta
    li t0, SGPU_SYSCTL_MTIMECMP_HI_ADDR
    sw zero, 0(t0)                      /* compare = 0x0000_0000_FFFF_FFFF: still ahead */
    li t0, SGPU_SYSCTL_MTIME_LO_ADDR
    lw a0, 0(t0)
    li t1, \delta
    add a0, a0, t1
    li t0, SGPU_SYSCTL_MTIMECMP_LO_ADDR
    sw a0, 0(t0)
.endm

/* ---- The bare system ---------------------------------------------------------------------- */

/* Write the constant val to the sysctl register at addr (uses t0 and t1). */
.macro SYSCTL_WRITE addr, val
    li t0, \addr
    li t1, \val
    sw t1, 0(t0)
.endm

#endif
