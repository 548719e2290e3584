/* interp.c: cpu_mix kernel: a bytecode interpreter (a stack machine) running two programs. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "bench.h"
#include "interp.h"

#define STACK_N 16u
#define VARS_N 8u

/* Operands: imm16 little-endian for PUSH/JZ/JMP (absolute byte addresses), one byte
 * (a variable) for LOAD/STORE. Arithmetic is modulo 2^32, DIV/REM unsigned, LT signed. */
#define B16(v) ((v) & 0xFF), (((v) >> 8) & 0xFF)
#define PUSH(v) OP_PUSH, B16(v)
#define JZ(a) OP_JZ, B16(a)
#define JMP(a) OP_JMP, B16(a)
#define LOAD(r) OP_LOAD, (r)
#define STORE(r) OP_STORE, (r)

/* Total steps of the Collatz sequences of n = 1 .. limit-1 (vars: n, x, total).
 * The number at the start of each line is its byte address. */
#define COLLATZ(limit) {                                                     \
    /*  0 */ PUSH(1), STORE(0), PUSH(0), STORE(2),                            \
    /* 10 outer */ LOAD(0), PUSH(limit), OP_LT, JZ(86), LOAD(0), STORE(1),    \
    /* 23 inner */ LOAD(1), PUSH(1), OP_SUB, JZ(75),                          \
    /* 32 */ LOAD(2), PUSH(1), OP_ADD, STORE(2),                              \
    /* 40 */ LOAD(1), PUSH(2), OP_REM, JZ(64),                                \
    /* 49 odd */ LOAD(1), PUSH(3), OP_MUL, PUSH(1), OP_ADD, STORE(1), JMP(23), \
    /* 64 even */ LOAD(1), PUSH(1), OP_SHR, STORE(1), JMP(23),                \
    /* 75 next */ LOAD(0), PUSH(1), OP_ADD, STORE(0), JMP(10),                \
    /* 86 end */ LOAD(2), OP_HALT }

/* Sum over a = 1 .. limit-1 of gcd(a, k) + a / 7 (vars: a, x, total, y). */
#define GCD_SUM(limit, k) {                                                  \
    /*  0 */ PUSH(1), STORE(0), PUSH(0), STORE(2),                            \
    /* 10 loop */ LOAD(0), PUSH(limit), OP_LT, JZ(72),                        \
    /* 19 */ LOAD(0), STORE(1), PUSH(k), STORE(3),                            \
    /* 28 gcd */ LOAD(3), JZ(47), LOAD(1), LOAD(3), OP_REM, LOAD(3), STORE(1), \
    /* 42 */ STORE(3), JMP(28),                                               \
    /* 47 done */ LOAD(2), LOAD(1), OP_ADD, LOAD(0), PUSH(7), OP_DIV, OP_ADD,  \
    /* 59 */ STORE(2), LOAD(0), PUSH(1), OP_ADD, STORE(0), JMP(10),           \
    /* 72 end */ LOAD(2), OP_HALT }

static const uint8_t collatz_prog[] = COLLATZ(INTERP_COLLATZ_LIMIT);
static const uint8_t gcd_prog[] = GCD_SUM(INTERP_GCD_LIMIT, INTERP_GCD_K);

uint32_t vm_run(const uint8_t *code, size_t len, uint32_t *steps)
{
    uint32_t stack[STACK_N], vars[VARS_N] = {0};
    uint32_t sp = 0, pc = 0, n = 0, a, b;

#define POP() (stack[--sp])
#define NEED(k) do { if (sp < (k)) return VM_ERROR; } while (0)
    for (;;) {
        if (pc >= len)
            return VM_ERROR;
        uint8_t op = code[pc++];
        n++;
        if (op >= OP_LOAD && op <= OP_STORE ? pc + 1 > len
            : (op == OP_PUSH || op == OP_JZ || op == OP_JMP) && pc + 2 > len)
            return VM_ERROR; /* an operand past the end */
        switch (op) {
        case OP_PUSH:
            if (sp == STACK_N)
                return VM_ERROR;
            stack[sp++] = (uint32_t)code[pc] | ((uint32_t)code[pc + 1] << 8);
            pc += 2;
            break;
        case OP_LOAD:
            if (sp == STACK_N || code[pc] >= VARS_N)
                return VM_ERROR;
            stack[sp++] = vars[code[pc++]];
            break;
        case OP_STORE:
            NEED(1);
            if (code[pc] >= VARS_N)
                return VM_ERROR;
            vars[code[pc++]] = POP();
            break;
        case OP_ADD: NEED(2); b = POP(); a = POP(); stack[sp++] = a + b; break;
        case OP_SUB: NEED(2); b = POP(); a = POP(); stack[sp++] = a - b; break;
        case OP_MUL: NEED(2); b = POP(); a = POP(); stack[sp++] = a * b; break;
        case OP_SHR: NEED(2); b = POP(); a = POP(); stack[sp++] = a >> (b & 31u); break;
        case OP_LT:
            NEED(2); b = POP(); a = POP();
            stack[sp++] = (int32_t)a < (int32_t)b;
            break;
        case OP_DIV:
        case OP_REM:
            NEED(2); b = POP(); a = POP();
            if (b == 0)
                return VM_ERROR;
            stack[sp++] = op == OP_DIV ? a / b : a % b;
            break;
        case OP_JZ:
            NEED(1);
            a = POP();
            if (a == 0)
                pc = (uint32_t)code[pc] | ((uint32_t)code[pc + 1] << 8);
            else
                pc += 2;
            break;
        case OP_JMP:
            pc = (uint32_t)code[pc] | ((uint32_t)code[pc + 1] << 8);
            break;
        case OP_HALT:
            NEED(1);
            if (steps)
                *steps = n;
            return POP();
        default:
            return VM_ERROR;
        }
    }
#undef POP
#undef NEED
}

uint32_t interp_collatz(uint32_t *steps)
{
    return vm_run(collatz_prog, sizeof collatz_prog, steps);
}

uint32_t interp_gcd(uint32_t *steps)
{
    return vm_run(gcd_prog, sizeof gcd_prog, steps);
}

uint32_t k_interp(void)
{
    uint32_t s1 = 0, s2 = 0;
    uint32_t c = interp_collatz(&s1);
    uint32_t g = interp_gcd(&s2);
    return bench_mix(bench_mix(bench_mix(bench_mix(0, c), s1), g), s2);
}
