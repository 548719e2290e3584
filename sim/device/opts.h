/* sgpu-sim's command line. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_SIM_OPTS_H
#define SGPU_SIM_OPTS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Exit statuses. */
#define SIM_EXIT_OK     0 /* stopped by SIGINT/SIGTERM, --idle-exit, or --help */
#define SIM_EXIT_FAILED 1 /* the device broke a rule, or its firmware did not start */
#define SIM_EXIT_SETUP  2 /* bad option, firmware file, socket path, or a live sgpu-sim there */

/* --drop-completions ranges at most. */
#define SIM_MAX_DROPS 8u

/* A host bus address range [base, base + bytes). */
struct sim_range {
  uint64_t base, bytes;
};

struct sim_opts {
  char socket[256];
  char firmware[4096];
  const char *trace;      /* NULL: none */
  int seeded;
  uint64_t seed;
  double idle_exit;       /* seconds; 0: never */
  int quiet;
  int help;
  struct sim_range drop[SIM_MAX_DROPS]; /* DMA reads that get no completion */
  unsigned ndrop;
  int cpl_timeout_off;    /* Device Control 2: completion timeout disabled */
};

/* Parses the command line and fills in the defaults: 0, or -1 with a one-line reason in err. */
int opts_parse(int argc, char **argv, struct sim_opts *o, char *err, size_t errlen);
void opts_usage(FILE *f);

#endif
