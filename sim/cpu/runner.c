/* The bare CPU runner's options, messages and exit statuses (everything but the model). */
/* SPDX-License-Identifier: Apache-2.0 */
#define _POSIX_C_SOURCE 200809L
#include "runner.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static int fail(char *err, size_t errlen, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, errlen, fmt, ap);
  va_end(ap);
  return -EINVAL;
}

void runner_usage(FILE *f) {
  fprintf(f,
          "usage: " RUNNER_NAME " [OPTION]... PROGRAM.elf\n"
          "Run an RV32IM ELF program on the simulated control core (cpu_system).\n"
          "What the program writes to the console register goes to standard output; the\n"
          "value it writes to the exit register is the exit status (its low 8 bits; 1 if\n"
          "those are 0 but the value is not).\n"
          "\n"
          "  --max-cycles N     stop after N cycles with status 124 (default %llu)\n"
          "  --trace FILE       write a waveform: FST if FILE ends in .fst, else VCD\n"
          "  --dump-memory BEGIN:END:FILE\n"
          "                     at the end, write the words from symbol BEGIN up to symbol\n"
          "                     END to FILE, one 8-digit hex word per line\n"
          "  --stats            print cycles, instret, cpi, sim_seconds, cycles_per_s to stderr\n"
          "  --quiet            do not copy the console to standard output\n"
          "  --help             show this help\n"
          "\n"
          "Exit status: the program's, or 124 timeout, 125 could not start (bad option or\n"
          "ELF), 126 the program failed (unhandled exception with mtvec 0, or bus error).\n",
          (unsigned long long)RUNNER_DEFAULT_MAX_CYCLES);
}

void runner_free_opts(struct runner_opts *o) {
  free(o->dump_begin);
  o->dump_begin = o->dump_end = o->dump_file = NULL;
}

static int ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcmp(s + n - m, suffix) == 0;
}

int runner_parse_args(int argc, char **argv, struct runner_opts *o, char *err, size_t errlen) {
  enum { OPT_MAX_CYCLES = 256, OPT_TRACE, OPT_DUMP, OPT_STATS, OPT_QUIET, OPT_HELP };
  static const struct option longopts[] = {
      {"max-cycles", required_argument, NULL, OPT_MAX_CYCLES},
      {"trace", required_argument, NULL, OPT_TRACE},
      {"dump-memory", required_argument, NULL, OPT_DUMP},
      {"stats", no_argument, NULL, OPT_STATS},
      {"quiet", no_argument, NULL, OPT_QUIET},
      {"help", no_argument, NULL, OPT_HELP},
      {NULL, 0, NULL, 0},
  };
  memset(o, 0, sizeof *o);
  o->max_cycles = RUNNER_DEFAULT_MAX_CYCLES;
  opterr = 0;
  optind = 1;
  int c;
  while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
    switch (c) {
    case OPT_MAX_CYCLES: {
      char *end;
      errno = 0;
      if (optarg[0] == '-' || optarg[0] == '\0')
        return fail(err, errlen, "--max-cycles needs a positive number, not '%s'", optarg);
      unsigned long long v = strtoull(optarg, &end, 0);
      if (errno || *end || v == 0)
        return fail(err, errlen, "--max-cycles needs a positive number, not '%s'", optarg);
      o->max_cycles = v;
      break;
    }
    case OPT_TRACE:
      if (!optarg[0]) return fail(err, errlen, "--trace needs a file name");
      o->trace = optarg;
      o->trace_fst = ends_with(optarg, ".fst");
      break;
    case OPT_DUMP: {
      runner_free_opts(o);
      char *s = strdup(optarg);
      if (!s) return fail(err, errlen, "out of memory");
      char *c1 = strchr(s, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
      if (!c2 || c1 == s || c2 == c1 + 1 || !c2[1]) {
        free(s);
        return fail(err, errlen, "--dump-memory needs BEGIN_SYMBOL:END_SYMBOL:FILE, not '%s'", optarg);
      }
      *c1 = *c2 = '\0';
      o->dump_begin = s;
      o->dump_end = c1 + 1;
      o->dump_file = c2 + 1;
      break;
    }
    case OPT_STATS: o->stats = 1; break;
    case OPT_QUIET: o->quiet = 1; break;
    case 'h':
    case OPT_HELP: o->help = 1; return 0;
    case ':': return fail(err, errlen, "option '%s' needs a value", argv[optind - 1]);
    default:
      if (optopt && optopt < 256) return fail(err, errlen, "unknown option '-%c' (see --help)", optopt);
      return fail(err, errlen, "unknown option '%s' (see --help)", argv[optind - 1]);
    }
  }
  if (optind >= argc) return fail(err, errlen, "no program given (see --help)");
  if (argc - optind > 1) return fail(err, errlen, "one program only, got '%s' and '%s'", argv[optind], argv[optind + 1]);
  o->program = argv[optind];
  return 0;
}

int runner_exit_status(uint32_t code) {
  if ((code & 0xffu) == 0 && code != 0) return 1;
  return (int)(code & 0xffu);
}

const char *runner_cause_name(uint32_t mcause) {
  static const char *const exceptions[] = {
      "instruction address misaligned", "instruction access fault", "illegal instruction",
      "breakpoint", "load address misaligned", "load access fault", "store address misaligned",
      "store access fault", "ecall from U-mode", "ecall from S-mode", "reserved exception 10",
      "ecall from M-mode", "instruction page fault", "load page fault", "reserved exception 14",
      "store page fault"};
  if (mcause & 0x80000000u) {
    switch (mcause & 0x7fffffffu) {
    case 3: return "machine software interrupt";
    case 7: return "machine timer interrupt";
    case 11: return "machine external interrupt";
    default: return "unknown interrupt";
    }
  }
  if (mcause < sizeof exceptions / sizeof exceptions[0]) return exceptions[mcause];
  return "unknown exception";
}

int runner_write_words(const char *path, const uint32_t *words, size_t n) {
  FILE *f = fopen(path, "w");
  if (!f) return -errno;
  for (size_t i = 0; i < n; i++) fprintf(f, "%08" PRIx32 "\n", words[i]);
  int bad = ferror(f);
  if (fclose(f) != 0 || bad) return -EIO;
  return 0;
}

void runner_print_stats(FILE *f, uint64_t cycles, uint64_t instret, double seconds) {
  fprintf(f, "cycles: %" PRIu64 "\n", cycles);
  fprintf(f, "instret: %" PRIu64 "\n", instret);
  fprintf(f, "cpi: %.3f\n", instret ? (double)cycles / (double)instret : 0.0);
  fprintf(f, "sim_seconds: %.3f\n", seconds);
  fprintf(f, "cycles_per_s: %.0f\n", seconds > 0 ? (double)cycles / seconds : 0.0);
}
