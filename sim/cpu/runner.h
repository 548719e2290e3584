/* The bare CPU runner's options, messages and exit statuses (everything but the model). */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_SIM_RUNNER_H
#define SGPU_SIM_RUNNER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RUNNER_NAME "sgpu-cpu-sim"

/* Exit statuses (docs/cpu.md). */
#define RUNNER_EXIT_TIMEOUT 124
#define RUNNER_EXIT_SETUP   125
#define RUNNER_EXIT_FAILED  126

#define RUNNER_DEFAULT_MAX_CYCLES 100000000ull

struct runner_opts {
  uint64_t max_cycles;
  const char *trace;      /* NULL: no trace */
  int trace_fst;          /* the trace file name ends in .fst */
  char *dump_begin;       /* NULL: no dump; else the three parts of --dump-memory */
  char *dump_end;
  char *dump_file;
  int stats;
  int quiet;
  int help;
  const char *program;
};

/* Parses the command line. 0 on success (o->help set for --help); a negative value and a
 * one-line message in err otherwise. */
int runner_parse_args(int argc, char **argv, struct runner_opts *o, char *err, size_t errlen);
void runner_free_opts(struct runner_opts *o);
void runner_usage(FILE *f);

/* The process exit status for a value the program wrote to the exit register. */
int runner_exit_status(uint32_t code);

/* The name of a trap cause (mcause value), e.g. "illegal instruction". */
const char *runner_cause_name(uint32_t mcause);

/* Writes the words, one 8-digit hex word per line, to path; 0 or negative errno. */
int runner_write_words(const char *path, const uint32_t *words, size_t n);

/* Prints the --stats lines to f. */
void runner_print_stats(FILE *f, uint64_t cycles, uint64_t instret, double seconds);

#ifdef __cplusplus
}
#endif
#endif
