/* sgpu-rvgen: a seeded random RV32IM program whose final state the ISS computes and checks. */
/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The program (an assembly file for sim/isa/include/test.h) loads random values into
 * x1..x31, runs a random body of RV32IM + Zicsr instructions (forward branches and jumps,
 * loads and stores into a 4 KiB data area addressed from s0, mscratch and minstret), then
 * stores all registers and compares them, and the data area, with what this generator got
 * by running the body on the ISS. A mismatch prints `isa: check N failed: got X, expected
 * Y` (N = the register number, or 100 for the data area) and exits with N.
 *
 * Layout (fixed so that auipc and link values are known): body at 0x80000100, data area at
 * 0x80010000; s0 = 0x80010800 throughout the body.
 */
#include "iss.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BODY_ADDR 0x80000100u
#define DATA_ADDR 0x80010000u
#define DATA_BYTES 4096u
#define BASE_REG 8 /* s0: the data area's middle, never written by the body */
#define MAX_COUNT 12000u

static uint64_t rng_state;

static uint64_t rnd(void)
{
    /* splitmix64 */
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}
static uint32_t rn(uint32_t n) { return (uint32_t)(rnd() % n); }

/* Encoders. */
static uint32_t enc_r(uint32_t f7, uint32_t rs2, uint32_t rs1, uint32_t f3, uint32_t rd,
                      uint32_t op)
{
    return f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
}
static uint32_t enc_i(int32_t imm, uint32_t rs1, uint32_t f3, uint32_t rd, uint32_t op)
{
    return ((uint32_t)imm & 0xFFFu) << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
}
static uint32_t enc_s(int32_t imm, uint32_t rs2, uint32_t rs1, uint32_t f3)
{
    uint32_t u = (uint32_t)imm;
    return ((u >> 5) & 0x7Fu) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | (u & 31u) << 7 | 0x23u;
}
static uint32_t enc_b(int32_t off, uint32_t rs2, uint32_t rs1, uint32_t f3)
{
    uint32_t u = (uint32_t)off;
    return ((u >> 12) & 1u) << 31 | ((u >> 5) & 0x3Fu) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 |
           ((u >> 1) & 0xFu) << 8 | ((u >> 11) & 1u) << 7 | 0x63u;
}
static uint32_t enc_j(int32_t off, uint32_t rd)
{
    uint32_t u = (uint32_t)off;
    return ((u >> 20) & 1u) << 31 | ((u >> 1) & 0x3FFu) << 21 | ((u >> 11) & 1u) << 20 |
           ((u >> 12) & 0xFFu) << 12 | rd << 7 | 0x6Fu;
}

/* Registers written lately: sources favour them, to exercise forwarding. */
static uint32_t recent[4];

static uint32_t pick_rd(void)
{
    uint32_t r;
    do
        r = rn(32);
    while (r == BASE_REG);
    recent[rn(4)] = r;
    return r;
}
static uint32_t pick_rs(void)
{
    if (rn(2))
        return recent[rn(4)];
    return rn(32);
}

/* One body slot: an instruction, or a branch/jump whose skip is fixed up afterwards. */
struct slot {
    uint32_t word;
    int kind;          /* 0 plain, 1 branch (B), 2 jal, 3 the jalr of an auipc + jalr pair */
    int skip;          /* instructions skipped by the branch or jump */
    int no_target;     /* the jalr of an auipc + jalr pair: nothing may jump to it */
};

static const int32_t special[] = {0,     1,    -1, 2, 0x7FFFFFFF, (int32_t)0x80000000,
                                  -2048, 2047, 31, 32};

static int32_t rand_imm12(void)
{
    static const int32_t edge[] = {0, 1, -1, 2047, -2048, 0x7F0, -0x800 + 1, 31, 32};
    if (rn(4) == 0)
        return edge[rn(sizeof(edge) / sizeof(edge[0]))];
    return (int32_t)rn(4096) - 2048;
}

static void gen_body(struct slot *b, uint32_t n)
{
    static const uint32_t opf3[] = {0, 1, 2, 3, 4, 5, 6, 7};
    for (uint32_t i = 0; i < n; i++) {
        struct slot *s = &b[i];
        memset(s, 0, sizeof(*s));
        uint32_t k = rn(100);
        if (k < 22) { /* OP */
            uint32_t f3 = opf3[rn(8)], f7 = 0;
            if ((f3 == 0 || f3 == 5) && rn(2))
                f7 = 0x20;
            s->word = enc_r(f7, pick_rs(), pick_rs(), f3, pick_rd(), 0x33);
        } else if (k < 34) { /* M */
            uint32_t rs2 = rn(8) == 0 ? 0 : pick_rs(); /* now and then a division by zero */
            s->word = enc_r(1, rs2, pick_rs(), rn(8), pick_rd(), 0x33);
        } else if (k < 52) { /* OP-IMM */
            uint32_t f3 = rn(8);
            if (f3 == 1)
                s->word = enc_r(0, rn(32), pick_rs(), 1, pick_rd(), 0x13);
            else if (f3 == 5)
                s->word = enc_r(rn(2) ? 0x20 : 0, rn(32), pick_rs(), 5, pick_rd(), 0x13);
            else
                s->word = enc_i(rand_imm12(), pick_rs(), f3, pick_rd(), 0x13);
        } else if (k < 56) { /* lui, auipc */
            s->word = (uint32_t)rnd() & 0xFFFFF000u;
            s->word |= pick_rd() << 7 | (rn(2) ? 0x37u : 0x17u);
        } else if (k < 68) { /* loads, aligned, inside the data area */
            static const uint32_t f3s[] = {0, 1, 2, 4, 5};
            uint32_t f3 = f3s[rn(5)], size = 1u << (f3 & 3);
            int32_t off = ((int32_t)rn(4096) - 2048) & ~(int32_t)(size - 1);
            s->word = enc_i(off, BASE_REG, f3, pick_rd(), 0x03);
        } else if (k < 78) { /* stores */
            uint32_t f3 = rn(3), size = 1u << f3;
            int32_t off = ((int32_t)rn(4096) - 2048) & ~(int32_t)(size - 1);
            s->word = enc_s(off, pick_rs(), BASE_REG, f3);
        } else if (k < 88) { /* forward branches */
            static const uint32_t f3s[] = {0, 1, 4, 5, 6, 7};
            s->kind = 1;
            s->skip = 1 + (int)rn(3);
            s->word = enc_b(0, pick_rs(), pick_rs(), f3s[rn(6)]);
        } else if (k < 91) { /* jal forward */
            s->kind = 2;
            s->skip = 1 + (int)rn(3);
            s->word = enc_j(0, pick_rd());
        } else if (k < 94 && i + 3 < n) { /* auipc rA, 0; jalr rB, off(rA): forward jump */
            uint32_t ra;
            do
                ra = rn(31) + 1;
            while (ra == BASE_REG);
            s->word = ra << 7 | 0x17u;
            struct slot *j = &b[++i];
            memset(j, 0, sizeof(*j));
            j->no_target = 1;
            j->kind = 3;
            j->skip = (int)rn(3); /* instructions skipped after the jalr */
            j->word = enc_i(0, ra, 0, pick_rd(), 0x67);
        } else if (k < 98) { /* CSR: mscratch in every form, minstret reads */
            uint32_t f3 = 1 + rn(3) + (rn(2) ? 4 : 0);
            uint32_t src = (f3 & 4) ? rn(32) : pick_rs();
            s->word = 0x340u << 20 | src << 15 | f3 << 12 | pick_rd() << 7 | 0x73u;
        } else if (k < 99) {
            s->word = 0xB02u << 20 | 2u << 12 | pick_rd() << 7 | 0x73u; /* csrr rd, minstret */
        } else {
            s->word = 0x0000000Fu | (rn(2) ? 0x0FF00000u : 0x1000u); /* fence / fence.i */
        }
    }
    /* Fix the targets: forward, inside the body (its end is fine), never on the jalr of a
     * pair (its auipc would not have run). */
    for (uint32_t i = 0; i < n; i++) {
        struct slot *s = &b[i];
        if (!s->kind)
            continue;
        uint32_t t = i + 1 + (uint32_t)s->skip;
        if (t > n)
            t = n;
        while (t < n && b[t].no_target)
            t++;
        int32_t off = (int32_t)(4 * (t - i));
        if (s->kind == 1)
            s->word = enc_b(off, (s->word >> 20) & 31, (s->word >> 15) & 31, (s->word >> 12) & 7);
        else if (s->kind == 2)
            s->word = enc_j(off, (s->word >> 7) & 31);
        else /* relative to the auipc just before; bit 0 of the sum may be set: jalr clears it */
            s->word = (s->word & 0xFFFFFu) | enc_i(off + 4 + (int32_t)rn(2), 0, 0, 0, 0);
    }
}

static const char usage[] =
    "usage: sgpu-rvgen [--seed N] [--count N] [-o FILE]\n"
    "Write a random RV32IM test program (assembly for sim/isa/include/test.h) that checks its\n"
    "final registers and memory against the reference ISS; prints the seed it used.\n"
    "\n"
    "  --seed N    seed of the program (default: from the time)\n"
    "  --count N   instructions in the random body (default 1000, at most 12000)\n"
    "  -o FILE     write to FILE (default standard output)\n"
    "  --help      show this help\n";

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"seed", required_argument, 0, 's'},
        {"count", required_argument, 0, 'c'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    uint64_t seed = 0;
    int have_seed = 0;
    unsigned long count = 1000;
    const char *out_path = NULL;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
        char *end;
        switch (c) {
        case 's':
            errno = 0;
            seed = strtoull(optarg, &end, 0);
            if (errno || !*optarg || *end || *optarg == '-') {
                fprintf(stderr, "sgpu-rvgen: --seed needs a number, not '%s'\n", optarg);
                return 2;
            }
            have_seed = 1;
            break;
        case 'c':
            errno = 0;
            count = strtoul(optarg, &end, 0);
            if (errno || !*optarg || *end || count < 1 || count > MAX_COUNT) {
                fprintf(stderr, "sgpu-rvgen: --count needs a number from 1 to %u\n", MAX_COUNT);
                return 2;
            }
            break;
        case 'o': out_path = optarg; break;
        case 'h': fputs(usage, stdout); return 0;
        default:
            fprintf(stderr, "sgpu-rvgen: bad option '%s' (try --help)\n", argv[optind - 1]);
            return 2;
        }
    }
    if (optind != argc) {
        fprintf(stderr, "sgpu-rvgen: unexpected argument '%s' (try --help)\n", argv[optind]);
        return 2;
    }
    if (!have_seed)
        seed = (uint64_t)time(NULL);
    rng_state = seed;
    fprintf(stderr, "sgpu-rvgen: seed %" PRIu64 ", %lu instructions\n", seed, count);

    uint32_t n = (uint32_t)count;
    struct slot *body = calloc(n, sizeof(*body));
    struct iss s;
    if (!body || iss_init(&s, ISS_RAM_BYTES_DEFAULT) < 0) {
        fprintf(stderr, "sgpu-rvgen: out of memory\n");
        return 2;
    }
    for (int i = 0; i < 4; i++)
        recent[i] = 1 + rn(31);
    gen_body(body, n);

    /* Initial registers and data. */
    uint32_t init[32], data0[DATA_BYTES / 4];
    init[0] = 0;
    for (int r = 1; r < 32; r++)
        init[r] = rn(3) == 0 ? (uint32_t)special[rn(sizeof(special) / sizeof(special[0]))]
                             : (uint32_t)rnd();
    init[BASE_REG] = DATA_ADDR + DATA_BYTES / 2;
    for (uint32_t i = 0; i < DATA_BYTES / 4; i++)
        data0[i] = (uint32_t)rnd();

    /* Run the body on the ISS. */
    for (uint32_t i = 0; i < n; i++)
        iss_store(&s, BODY_ADDR + 4 * i, 4, body[i].word);
    for (uint32_t i = 0; i < DATA_BYTES / 4; i++)
        iss_store(&s, DATA_ADDR + 4 * i, 4, data0[i]);
    iss_reset(&s, BODY_ADDR);
    memcpy(s.x, init, sizeof(init));
    s.minstret = 1; /* the prologue's csrw minstret, zero and its jump */
    s.mtvec = 0;
    uint32_t end = BODY_ADDR + 4 * n;
    for (uint64_t step = 0; s.pc != end; step++) {
        enum iss_event ev = iss_step(&s);
        if (ev != ISS_RUN || s.trapped || step > 4ull * n) {
            fprintf(stderr, "sgpu-rvgen: internal error: the body did not run cleanly at pc "
                            "0x%08x (seed %" PRIu64 ")\n", s.pc, seed);
            return 2;
        }
    }

    FILE *f = out_path ? fopen(out_path, "w") : stdout;
    if (!f) {
        fprintf(stderr, "sgpu-rvgen: %s: cannot open: %s\n", out_path, strerror(errno));
        return 2;
    }
    fprintf(f, "/* Random RV32IM test: sgpu-rvgen --seed %" PRIu64 " --count %u. Generated: do not "
               "edit. */\n", seed, n);
    fprintf(f, "/* SPDX-License-Identifier: Apache-2.0 */\n#include \"test.h\"\n\n");
    fprintf(f, "    .section .text.init, \"ax\"\n    .globl _start\n_start:\n"
               "    la t0, rand_trap\n    csrw mtvec, t0\n    la x1, rand_init\n");
    for (int r = 2; r < 32; r++)
        fprintf(f, "    lw x%d, %d(x1)\n", r, 4 * r);
    fprintf(f, "    lw x1, 4(x1)\n    csrw minstret, zero\n    j rand_body\n\n"
               "    .org 0x%x\nrand_body:\n", BODY_ADDR - ISS_RAM_BASE);
    for (uint32_t i = 0; i < n; i++) {
        char dis[64];
        iss_disasm(body[i].word, BODY_ADDR + 4 * i, dis, sizeof(dis));
        fprintf(f, "    .word 0x%08x    /* %08x: %s */\n", body[i].word, BODY_ADDR + 4 * i, dis);
    }
    fprintf(f,
            "rand_end:\n"
            "    /* store every register, then compare with what the ISS got */\n"
            "    csrw mscratch, x1\n    la x1, rand_dump\n");
    for (int r = 2; r < 32; r++)
        fprintf(f, "    sw x%d, %d(x1)\n", r, 4 * r);
    fprintf(f,
            "    csrr x2, mscratch\n    sw x2, 4(x1)\n"
            "    la a0, rand_dump + 4\n    la a1, rand_expect + 4\n    li a2, 1\n    li a4, 32\n"
            "1:  lw t5, 0(a0)\n    lw t6, 0(a1)\n    mv gp, a2\n    bne t5, t6, fail\n"
            "    addi a0, a0, 4\n    addi a1, a1, 4\n    addi a2, a2, 1\n    bne a2, a4, 1b\n"
            "    /* the data area */\n"
            "    li gp, 100\n    la a0, rand_data\n    la a1, rand_expect_data\n"
            "    la a4, rand_data + %u\n"
            "2:  lw t5, 0(a0)\n    lw t6, 0(a1)\n    bne t5, t6, fail\n"
            "    addi a0, a0, 4\n    addi a1, a1, 4\n    bne a0, a4, 2b\n"
            "    j pass\n\n"
            "    .balign 4\nrand_trap:\n    csrr t3, mcause\n    csrr t4, mepc\n"
            "    csrr t5, mtval\n    li gp, 0\n    j _test_unexpected_trap\n\n",
            DATA_BYTES);
    fprintf(f, "TEST_END\n\n    .section .text.init, \"ax\"\n    .org 0x%x\nrand_data:\n",
            DATA_ADDR - ISS_RAM_BASE);
    for (uint32_t i = 0; i < DATA_BYTES / 4; i++)
        fprintf(f, "%s0x%08x%s", i % 8 ? ", " : "    .word ", data0[i], i % 8 == 7 ? "\n" : "");
    fprintf(f, "\n    .data\n    .balign 16\nrand_init:\n");
    for (int r = 0; r < 32; r++)
        fprintf(f, "    .word 0x%08x    /* x%d */\n", init[r], r);
    fprintf(f, "rand_expect:\n");
    for (int r = 0; r < 32; r++)
        fprintf(f, "    .word 0x%08x    /* x%d */\n", s.x[r], r);
    fprintf(f, "rand_expect_data:\n");
    for (uint32_t i = 0; i < DATA_BYTES / 4; i++)
        fprintf(f, "%s0x%08x%s", i % 8 ? ", " : "    .word ",
                iss_load(&s, DATA_ADDR + 4 * i, 4), i % 8 == 7 ? "\n" : "");
    fprintf(f, "\nrand_dump:\n    .space 128\n");
    if (f != stdout && fclose(f) != 0) {
        fprintf(stderr, "sgpu-rvgen: %s: cannot write\n", out_path);
        return 2;
    }
    free(body);
    iss_free(&s);
    return 0;
}
