/* sgpu-iss: decode and execute one RV32IM + Zicsr instruction. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "iss.h"

/* Instruction fields. */
#define OPCODE(i) ((i) & 0x7Fu)
#define RD(i) (((i) >> 7) & 31u)
#define F3(i) (((i) >> 12) & 7u)
#define RS1(i) (((i) >> 15) & 31u)
#define RS2(i) (((i) >> 20) & 31u)
#define F7(i) ((i) >> 25)

static uint32_t imm_i(uint32_t i) { return (uint32_t)((int32_t)i >> 20); }
static uint32_t imm_s(uint32_t i)
{
    return (uint32_t)((int32_t)(i & 0xFE000000u) >> 20) | ((i >> 7) & 31u);
}
static uint32_t imm_b(uint32_t i)
{
    return (uint32_t)((int32_t)(i & 0x80000000u) >> 19) | ((i << 4) & 0x800u) |
           ((i >> 20) & 0x7E0u) | ((i >> 7) & 0x1Eu);
}
static uint32_t imm_u(uint32_t i) { return i & 0xFFFFF000u; }
static uint32_t imm_j(uint32_t i)
{
    return (uint32_t)((int32_t)(i & 0x80000000u) >> 11) | (i & 0xFF000u) |
           ((i >> 9) & 0x800u) | ((i >> 20) & 0x7FEu);
}

static void set_rd(struct iss *s, uint32_t rd, uint32_t v)
{
    if (rd)
        s->x[rd] = v;
}

static void illegal(struct iss *s, uint32_t insn) { iss_trap(s, CAUSE_ILLEGAL, insn); }

/* A jump or taken branch to target; rd gets the link only if the jump does not trap. */
static void jump(struct iss *s, uint32_t target, uint32_t rd, uint32_t link)
{
    if (target & 3u) {
        iss_trap(s, CAUSE_FETCH_MISALIGNED, target);
        return;
    }
    set_rd(s, rd, link);
    s->pc = target;
    s->retired = 1;
}

static void next(struct iss *s)
{
    s->pc += 4;
    s->retired = 1;
}

static uint32_t alu(uint32_t f3, int alt, uint32_t a, uint32_t b)
{
    switch (f3) {
    case 0: return alt ? a - b : a + b;
    case 1: return a << (b & 31);
    case 2: return (int32_t)a < (int32_t)b;
    case 3: return a < b;
    case 4: return a ^ b;
    case 5: return alt ? (uint32_t)((int32_t)a >> (b & 31)) : a >> (b & 31);
    case 6: return a | b;
    default: return a & b;
    }
}

static uint32_t muldiv(uint32_t f3, uint32_t a, uint32_t b)
{
    int64_t sa = (int32_t)a, sb = (int32_t)b;
    switch (f3) {
    case 0: return a * b;
    case 1: return (uint32_t)((uint64_t)(sa * sb) >> 32);
    case 2: return (uint32_t)((uint64_t)(sa * (int64_t)(uint64_t)b) >> 32);
    case 3: return (uint32_t)(((uint64_t)a * b) >> 32);
    case 4: /* div */
        if (b == 0) return 0xFFFFFFFFu;
        if (a == 0x80000000u && b == 0xFFFFFFFFu) return a;
        return (uint32_t)(int32_t)(sa / sb);
    case 5: return b == 0 ? 0xFFFFFFFFu : a / b;
    case 6: /* rem */
        if (b == 0) return a;
        if (a == 0x80000000u && b == 0xFFFFFFFFu) return 0;
        return (uint32_t)(int32_t)(sa % sb);
    default: return b == 0 ? a : a % b;
    }
}

static void exec_system(struct iss *s, uint32_t insn)
{
    uint32_t f3 = F3(insn);
    if (f3 == 0) {
        switch (insn) {
        case 0x00000073u: iss_trap(s, CAUSE_ECALL_M, 0); return;
        case 0x00100073u: iss_trap(s, CAUSE_BREAKPOINT, 0); return;
        case 0x30200073u: iss_mret(s); s->retired = 1; return;
        case 0x10500073u: /* wfi: waits (re-executed each step) for mip & mie */
            s->in_wfi = !(iss_mip(s) & s->mie);
            if (s->in_wfi)
                s->waiting = 1;
            else
                next(s);
            return;
        default: illegal(s, insn); return;
        }
    }
    if (f3 == 4) {
        illegal(s, insn);
        return;
    }
    /* Zicsr. csrrw(i) always writes (and reads only if rd != 0, which has no side effect
     * here); csrrs/c(i) write only if rs1 (or the immediate) is not 0. */
    uint32_t csr = insn >> 20, src = (f3 & 4) ? RS1(insn) : s->x[RS1(insn)];
    uint32_t op = f3 & 3;
    int do_write = op == 1 || RS1(insn) != 0;
    uint32_t old;
    /* The written value depends on the old one: read first without writing. */
    if (iss_csr_access(s, csr, 0, 0, &old) < 0) {
        illegal(s, insn);
        return;
    }
    uint32_t w = op == 1 ? src : op == 2 ? old | src : old & ~src;
    if (do_write && iss_csr_access(s, csr, 1, w, &old) < 0) {
        illegal(s, insn);
        return;
    }
    set_rd(s, RD(insn), old);
    next(s);
}

void iss_execute(struct iss *s, uint32_t insn)
{
    uint32_t rd = RD(insn), f3 = F3(insn), f7 = F7(insn);
    uint32_t a = s->x[RS1(insn)], b = s->x[RS2(insn)];
    uint32_t addr, v;

    switch (OPCODE(insn)) {
    case 0x37: set_rd(s, rd, imm_u(insn)); next(s); return;            /* lui */
    case 0x17: set_rd(s, rd, s->pc + imm_u(insn)); next(s); return;    /* auipc */
    case 0x6F: jump(s, s->pc + imm_j(insn), rd, s->pc + 4); return;    /* jal */
    case 0x67:                                                         /* jalr */
        if (f3 != 0)
            break;
        jump(s, (a + imm_i(insn)) & ~1u, rd, s->pc + 4);
        return;
    case 0x63: {                                                       /* branches */
        int taken;
        switch (f3) {
        case 0: taken = a == b; break;
        case 1: taken = a != b; break;
        case 4: taken = (int32_t)a < (int32_t)b; break;
        case 5: taken = (int32_t)a >= (int32_t)b; break;
        case 6: taken = a < b; break;
        case 7: taken = a >= b; break;
        default: illegal(s, insn); return;
        }
        if (taken)
            jump(s, s->pc + imm_b(insn), 0, 0);
        else
            next(s);
        return;
    }
    case 0x03: {                                                       /* loads */
        unsigned size = 1u << (f3 & 3);
        if (f3 == 3 || f3 > 5)
            break;
        addr = a + imm_i(insn);
        if (addr & (size - 1)) {
            iss_trap(s, CAUSE_LOAD_MISALIGNED, addr);
            return;
        }
        v = iss_load(s, addr, size);
        if (f3 == 0) v = (uint32_t)(int32_t)(int8_t)v;
        if (f3 == 1) v = (uint32_t)(int32_t)(int16_t)v;
        set_rd(s, rd, v);
        next(s);
        return;
    }
    case 0x23: {                                                       /* stores */
        unsigned size = 1u << f3;
        if (f3 > 2)
            break;
        addr = a + imm_s(insn);
        if (addr & (size - 1)) {
            iss_trap(s, CAUSE_STORE_MISALIGNED, addr);
            return;
        }
        iss_store(s, addr, size, b);
        next(s);
        return;
    }
    case 0x13:                                                         /* op-imm */
        if (f3 == 1 && f7 != 0)
            break;
        if (f3 == 5 && f7 != 0 && f7 != 0x20)
            break;
        set_rd(s, rd, alu(f3, f3 == 5 && f7 == 0x20, a, imm_i(insn)));
        next(s);
        return;
    case 0x33:                                                         /* op */
        if (f7 == 0x01)
            v = muldiv(f3, a, b);
        else if (f7 == 0 || (f7 == 0x20 && (f3 == 0 || f3 == 5)))
            v = alu(f3, f7 == 0x20, a, b);
        else
            break;
        set_rd(s, rd, v);
        next(s);
        return;
    case 0x0F:                                                         /* fence, fence.i */
        if (f3 > 1)
            break;
        next(s);
        return;
    case 0x73: exec_system(s, insn); return;
    default: break;
    }
    illegal(s, insn);
}
