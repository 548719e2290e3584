/* sgpu-iss: run an RV32IM ELF on the reference instruction-set simulator of the control core. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "iss.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define EXIT_TIMEOUT 124
#define EXIT_NOSTART 125
#define EXIT_FAILED 126

static const char usage[] =
    "usage: sgpu-iss [--max-steps N] [--trace FILE] [--stats] PROGRAM.elf\n"
    "Run an RV32IM ELF on the reference instruction-set simulator of the sgpu control core\n"
    "(bare system: RAM 256 KiB at 0x80000000, sysctl at 0x10000000, identity at 0x20000000).\n"
    "One step is one ISS cycle: mcycle and the machine timer advance by one per step.\n"
    "\n"
    "  --max-steps N  stop after N steps with status 124 (default 100000000)\n"
    "  --trace FILE   write one line per step to FILE: step, pc, instruction, rd value\n"
    "  --stats        print steps and retired instructions on standard error at the end\n"
    "  --help         show this help\n"
    "\n"
    "Exit status: the value the program writes to the exit register (its low 8 bits; a\n"
    "non-zero value with low 8 bits 0 gives 1); 124 step limit reached; 125 could not\n"
    "start (bad option, missing or malformed ELF); 126 the program failed (an exception\n"
    "with mtvec unset, or a bus error).\n";

static const char *const cause_names[16] = {
    [0] = "instruction address misaligned", [2] = "illegal instruction", [3] = "breakpoint",
    [4] = "load address misaligned", [6] = "store address misaligned",
    [11] = "environment call from M-mode"};

static int parse_u64(const char *s, uint64_t *v)
{
    char *end;
    errno = 0;
    if (!*s || *s == '-')
        return -1;
    unsigned long long x = strtoull(s, &end, 0);
    if (errno || *end)
        return -1;
    *v = x;
    return 0;
}

static void trace_step(FILE *t, const struct iss *s, uint64_t step, uint32_t pc)
{
    char dis[64];
    if (s->waiting) {
        fprintf(t, "%" PRIu64 " %08x wfi (waiting)\n", step, pc);
        return;
    }
    if (s->last_insn == 0 && s->trapped) {
        fprintf(t, "%" PRIu64 " %08x interrupt mcause=%08x -> %08x\n", step, pc, s->mcause, s->pc);
        return;
    }
    iss_disasm(s->last_insn, pc, dis, sizeof(dis));
    fprintf(t, "%" PRIu64 " %08x %08x %-32s", step, pc, s->last_insn, dis);
    if (s->trapped)
        fprintf(t, " trap mcause=%08x mtval=%08x -> %08x", s->mcause, s->mtval, s->pc);
    else if (((s->last_insn >> 7) & 31) && (s->last_insn & 0x7F) != 0x23 &&
             (s->last_insn & 0x7F) != 0x63 && (s->last_insn & 0x7F) != 0x0F)
        fprintf(t, " x%u=%08x", (s->last_insn >> 7) & 31, s->x[(s->last_insn >> 7) & 31]);
    fputc('\n', t);
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"max-steps", required_argument, 0, 'm'},
        {"trace", required_argument, 0, 't'},
        {"stats", no_argument, 0, 's'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    uint64_t max_steps = 100000000;
    const char *trace_path = NULL;
    int stats = 0, c;

    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'm':
            if (parse_u64(optarg, &max_steps) < 0) {
                fprintf(stderr, "sgpu-iss: --max-steps needs a non-negative number, not '%s'\n",
                        optarg);
                return EXIT_NOSTART;
            }
            break;
        case 't': trace_path = optarg; break;
        case 's': stats = 1; break;
        case 'h': fputs(usage, stdout); return 0;
        default:
            fprintf(stderr, "sgpu-iss: bad option '%s' (try --help)\n", argv[optind - 1]);
            return EXIT_NOSTART;
        }
    }
    if (optind != argc - 1) {
        fprintf(stderr, "sgpu-iss: %s (try --help)\n",
                optind >= argc ? "no program given" : "more than one program given");
        return EXIT_NOSTART;
    }
    const char *path = argv[optind];

    struct iss s;
    if (iss_init(&s, ISS_RAM_BYTES_DEFAULT) < 0) {
        fprintf(stderr, "sgpu-iss: out of memory\n");
        return EXIT_NOSTART;
    }
    uint32_t entry;
    const char *err;
    if (iss_load_elf_file(&s, path, &entry, &err) < 0) {
        fprintf(stderr, "sgpu-iss: %s: %s\n", path, err);
        iss_free(&s);
        return EXIT_NOSTART;
    }
    FILE *trace = NULL;
    if (trace_path && !(trace = fopen(trace_path, "w"))) {
        fprintf(stderr, "sgpu-iss: %s: cannot open: %s\n", trace_path, strerror(errno));
        iss_free(&s);
        return EXIT_NOSTART;
    }
    iss_reset(&s, entry);
    s.console = stdout;

    int status = -1;
    uint64_t step;
    for (step = 0; status < 0; step++) {
        if (step >= max_steps) {
            fflush(stdout);
            fprintf(stderr, "sgpu-iss: --max-steps %" PRIu64 " reached at pc 0x%08x\n",
                    max_steps, s.pc);
            status = EXIT_TIMEOUT;
            break;
        }
        uint32_t pc = s.pc;
        enum iss_event ev = iss_step(&s);
        if (trace)
            trace_step(trace, &s, step, pc);
        switch (ev) {
        case ISS_RUN: break;
        case ISS_EXIT: status = iss_exit_status(s.exit_value); break;
        case ISS_TRAP_UNSET: {
            const char *name = s.fault_cause < 16 ? cause_names[s.fault_cause] : NULL;
            fflush(stdout);
            fprintf(stderr,
                    "sgpu-iss: exception with mtvec unset: cause %u (%s) at pc 0x%08x, "
                    "mtval 0x%08x, step %" PRIu64 "\n",
                    s.fault_cause, name ? name : "?", s.fault_pc, s.fault_tval, step);
            status = EXIT_FAILED;
            break;
        }
        case ISS_BUS_ERROR:
            fflush(stdout);
            fprintf(stderr, "sgpu-iss: bus error: %s 0x%08x by pc 0x%08x, step %" PRIu64 "\n",
                    s.bus_we == 2 ? "fetch from" : s.bus_we ? "store to" : "load from",
                    s.bus_addr, s.bus_pc, step);
            status = EXIT_FAILED;
            break;
        }
    }
    fflush(stdout);
    if (stats)
        fprintf(stderr, "sgpu-iss: %" PRIu64 " steps, %" PRIu64 " instructions retired\n", step,
                s.minstret);
    if (trace)
        fclose(trace);
    iss_free(&s);
    return status;
}
