/* interp.h: the cpu_mix bytecode machine, exposed for its host test. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_BENCH_INTERP_H
#define SGPU_BENCH_INTERP_H

#include <stddef.h>
#include <stdint.h>

enum vm_op {
    OP_HALT, OP_PUSH, OP_LOAD, OP_STORE, OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_REM,
    OP_SHR, OP_LT, OP_JZ, OP_JMP,
};

#define VM_ERROR 0xDEAD0000u

#define INTERP_COLLATZ_LIMIT 40
#define INTERP_GCD_LIMIT 120
#define INTERP_GCD_K 5040

/* Runs a program to its HALT: returns the value on top of the stack (or VM_ERROR for a
 * bad program), and the number of instructions executed in *steps (may be NULL). */
uint32_t vm_run(const uint8_t *code, size_t len, uint32_t *steps);
uint32_t interp_collatz(uint32_t *steps);
uint32_t interp_gcd(uint32_t *steps);

#endif /* SGPU_BENCH_INTERP_H */
