/* start.S: reset entry (crt0) and trap entry of the control-core firmware. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "sgpu_regs.h"

    .section .text.start, "ax", @progbits
    .globl _start
    .type _start, @function
_start:
    .option push
    .option norelax
    la      gp, __global_pointer$
    .option pop
    la      tp, __tls_base
    la      sp, __stack_top
    la      t0, trap_entry
    csrw    mtvec, t0

    /* .data: copy from its load address, if the image was linked to load elsewhere. */
    la      a0, __data_load
    la      a1, __data_start
    la      a2, __data_end
    beq     a0, a1, 2f
1:  bgeu    a1, a2, 2f
    lw      t0, 0(a0)
    sw      t0, 0(a1)
    addi    a0, a0, 4
    addi    a1, a1, 4
    j       1b

    /* .tbss and .bss: zero (a loader may have done it already; a reset has not). */
2:  la      a0, __bss_start
    la      a1, __bss_end
3:  bgeu    a0, a1, 4f
    sw      zero, 0(a0)
    addi    a0, a0, 4
    j       3b

4:  li      a0, 0           /* argc */
    li      a1, 0           /* argv */
    call    main
    /* main's status ends a run in the bare runner; on a board EXIT does nothing. */
    li      t0, SGPU_SYSCTL_EXIT_ADDR
    sw      a0, 0(t0)
    call    hal_halt
    .size _start, . - _start

/*
 * Trap entry (mtvec, direct mode). Saves the registers the C calling convention lets
 * fw_trap clobber, passes mcause, mepc and mtval, and resumes at mepc when fw_trap returns
 * 0; otherwise the trap was fatal and the core halts.
 */
    .section .text.trap, "ax", @progbits
    .balign 4
    .globl trap_entry
    .type trap_entry, @function
trap_entry:
    addi    sp, sp, -64
    sw      ra, 0(sp)
    sw      t0, 4(sp)
    sw      t1, 8(sp)
    sw      t2, 12(sp)
    sw      a0, 16(sp)
    sw      a1, 20(sp)
    sw      a2, 24(sp)
    sw      a3, 28(sp)
    sw      a4, 32(sp)
    sw      a5, 36(sp)
    sw      a6, 40(sp)
    sw      a7, 44(sp)
    sw      t3, 48(sp)
    sw      t4, 52(sp)
    sw      t5, 56(sp)
    sw      t6, 60(sp)
    csrr    a0, mcause
    csrr    a1, mepc
    csrr    a2, mtval
    call    fw_trap
    bnez    a0, 1f
    lw      ra, 0(sp)
    lw      t0, 4(sp)
    lw      t1, 8(sp)
    lw      t2, 12(sp)
    lw      a0, 16(sp)
    lw      a1, 20(sp)
    lw      a2, 24(sp)
    lw      a3, 28(sp)
    lw      a4, 32(sp)
    lw      a5, 36(sp)
    lw      a6, 40(sp)
    lw      a7, 44(sp)
    lw      t3, 48(sp)
    lw      t4, 52(sp)
    lw      t5, 56(sp)
    lw      t6, 60(sp)
    addi    sp, sp, 64
    mret
1:  call    hal_halt
    .size trap_entry, . - trap_entry
