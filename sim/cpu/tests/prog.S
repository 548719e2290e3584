/* Tiny test programs for the runner; -DTEST_<name> picks one. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "sgpu_regs.h"

  .section .text.start, "ax"
  .globl _start
_start:
  li    s0, SGPU_SYSCTL_CORE_BASE

#if defined(TEST_HELLO)
  /* Console output, then exit 0. */
  la    a0, msg
1:lbu   a1, 0(a0)
  beqz  a1, 2f
  sw    a1, SGPU_SYSCTL_CONSOLE_OFFSET(s0)
  addi  a0, a0, 1
  j     1b
2:sw    zero, SGPU_SYSCTL_EXIT_OFFSET(s0)
  j     .
  .section .rodata
msg: .asciz "hello from the core\n"

#elif defined(TEST_EXIT)
  /* Exit with EXIT_VALUE. */
  li    a0, EXIT_VALUE
  sw    a0, SGPU_SYSCTL_EXIT_OFFSET(s0)
  j     .

#elif defined(TEST_LOOP)
  /* Never ends. */
  .globl spin
spin:
  j     spin

#elif defined(TEST_ILLEGAL)
  /* An illegal instruction with mtvec still 0. */
  .globl bad_insn
bad_insn:
  .word 0xffffffff
  j     .

#elif defined(TEST_STORE_OOB)
  /* A store outside every window. */
  li    a0, 0x40000010
  li    a1, 0x1234
  .globl bad_store
bad_store:
  sw    a1, 0(a0)
  sw    zero, SGPU_SYSCTL_EXIT_OFFSET(s0)
  j     .

#elif defined(TEST_LOAD_PAST_RAM)
  /* A load just past the end of the 256 KiB RAM. */
  li    a0, 0x80040000
  .globl bad_load
bad_load:
  lw    a1, 0(a0)
  sw    zero, SGPU_SYSCTL_EXIT_OFFSET(s0)
  j     .

#elif defined(TEST_HANDLED_TRAP)
  /* An ecall with a handler installed does not stop the run; the handler exits with 0. */
  la    a0, handler
  csrw  mtvec, a0
  ecall
  li    a0, 3
  sw    a0, SGPU_SYSCTL_EXIT_OFFSET(s0)
  j     .
  .align 2
handler:
  csrr  a0, mcause
  addi  a0, a0, -11
  sw    a0, SGPU_SYSCTL_EXIT_OFFSET(s0)
  j     .

#elif defined(TEST_DUMP)
  /* Writes words into a region between two symbols, then exits. */
  la    a0, sig_begin
  li    a1, 0x11111111
  li    a2, 4
1:sw    a1, 0(a0)
  li    a3, 0x11111111
  add   a1, a1, a3
  addi  a0, a0, 4
  addi  a2, a2, -1
  bnez  a2, 1b
  sw    zero, SGPU_SYSCTL_EXIT_OFFSET(s0)
  j     .
  .data
  .align 4
  .globl sig_begin, sig_end
sig_begin:
  .word 0xdeadbeef, 0xdeadbeef, 0xdeadbeef, 0xdeadbeef, 0xcafef00d
sig_end:
  .word 0xffffffff

#elif defined(TEST_TOO_BIG)
  /* More data than the 256 KiB RAM holds. */
  sw    zero, SGPU_SYSCTL_EXIT_OFFSET(s0)
  .bss
  .space 300000

#else
#error "define one TEST_<name>"
#endif
