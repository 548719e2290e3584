/* sgpu-iss: a short RV32IM + Zicsr disassembler for traces and generated programs. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "iss.h"

static const char *const reg[32] = {
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4",
    "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4",
    "t5", "t6"};

static int32_t sext(uint32_t v, unsigned bits)
{
    return (int32_t)(v << (32 - bits)) >> (32 - bits);
}

void iss_disasm(uint32_t i, uint32_t pc, char *buf, size_t len)
{
    uint32_t op = i & 0x7F, rd = (i >> 7) & 31, f3 = (i >> 12) & 7, rs1 = (i >> 15) & 31;
    uint32_t rs2 = (i >> 20) & 31, f7 = i >> 25;
    int32_t ii = sext(i >> 20, 12);
    int32_t is = sext(((i >> 25) << 5) | ((i >> 7) & 31), 12);
    int32_t ib = sext(((i >> 31) << 12) | (((i >> 7) & 1) << 11) | (((i >> 25) & 63) << 5) |
                          (((i >> 8) & 15) << 1), 13);
    int32_t ij = sext(((i >> 31) << 20) | (((i >> 12) & 255) << 12) | (((i >> 20) & 1) << 11) |
                          (((i >> 21) & 1023) << 1), 21);
    static const char *const br[8] = {"beq", "bne", 0, 0, "blt", "bge", "bltu", "bgeu"};
    static const char *const ld[8] = {"lb", "lh", "lw", 0, "lbu", "lhu", 0, 0};
    static const char *const st[8] = {"sb", "sh", "sw", 0, 0, 0, 0, 0};
    static const char *const opi[8] = {"addi", "slli", "slti", "sltiu",
                                       "xori", "srli", "ori", "andi"};
    static const char *const opr[8] = {"add", "sll", "slt", "sltu", "xor", "srl", "or", "and"};
    static const char *const opm[8] = {"mul", "mulh", "mulhsu", "mulhu",
                                       "div", "divu", "rem", "remu"};
    static const char *const csr[8] = {0, "csrrw", "csrrs", "csrrc",
                                       0, "csrrwi", "csrrsi", "csrrci"};

    switch (op) {
    case 0x37: snprintf(buf, len, "lui %s, 0x%x", reg[rd], i >> 12); return;
    case 0x17: snprintf(buf, len, "auipc %s, 0x%x", reg[rd], i >> 12); return;
    case 0x6F: snprintf(buf, len, "jal %s, 0x%08x", reg[rd], (unsigned)(pc + (uint32_t)ij)); return;
    case 0x67:
        if (f3 == 0) { snprintf(buf, len, "jalr %s, %d(%s)", reg[rd], ii, reg[rs1]); return; }
        break;
    case 0x63:
        if (br[f3]) {
            snprintf(buf, len, "%s %s, %s, 0x%08x", br[f3], reg[rs1], reg[rs2],
                     (unsigned)(pc + (uint32_t)ib));
            return;
        }
        break;
    case 0x03:
        if (ld[f3]) { snprintf(buf, len, "%s %s, %d(%s)", ld[f3], reg[rd], ii, reg[rs1]); return; }
        break;
    case 0x23:
        if (st[f3]) { snprintf(buf, len, "%s %s, %d(%s)", st[f3], reg[rs2], is, reg[rs1]); return; }
        break;
    case 0x13:
        if (f3 == 1 || f3 == 5) {
            const char *n = f3 == 1    ? (f7 == 0 ? "slli" : 0)
                            : f7 == 0    ? "srli"
                            : f7 == 0x20 ? "srai"
                                         : 0;
            if (n) { snprintf(buf, len, "%s %s, %s, %u", n, reg[rd], reg[rs1], rs2); return; }
            break;
        }
        snprintf(buf, len, "%s %s, %s, %d", opi[f3], reg[rd], reg[rs1], ii);
        return;
    case 0x33: {
        const char *n = f7 == 1 ? opm[f3] : f7 == 0 ? opr[f3]
                      : f7 == 0x20 && f3 == 0 ? "sub" : f7 == 0x20 && f3 == 5 ? "sra" : 0;
        if (n) { snprintf(buf, len, "%s %s, %s, %s", n, reg[rd], reg[rs1], reg[rs2]); return; }
        break;
    }
    case 0x0F:
        if (f3 == 0) { snprintf(buf, len, "fence"); return; }
        if (f3 == 1) { snprintf(buf, len, "fence.i"); return; }
        break;
    case 0x73:
        if (i == 0x00000073) { snprintf(buf, len, "ecall"); return; }
        if (i == 0x00100073) { snprintf(buf, len, "ebreak"); return; }
        if (i == 0x30200073) { snprintf(buf, len, "mret"); return; }
        if (i == 0x10500073) { snprintf(buf, len, "wfi"); return; }
        if (csr[f3]) {
            if (f3 & 4)
                snprintf(buf, len, "%s %s, 0x%03x, %u", csr[f3], reg[rd], i >> 20, rs1);
            else
                snprintf(buf, len, "%s %s, 0x%03x, %s", csr[f3], reg[rd], i >> 20, reg[rs1]);
            return;
        }
        break;
    default: break;
    }
    snprintf(buf, len, ".word 0x%08x", i);
}
