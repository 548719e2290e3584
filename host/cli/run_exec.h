/* run_exec.h: runs a parsed `sgpu run` workload on a device. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_RUN_EXEC_H
#define SGPU_RUN_EXEC_H

#include "run_parse.h"

/* Exit status of a run whose checks did not all pass (the others are cli.h's). */
#define CLI_CHECK_FAILED 3

struct run_options {
    const char *uri;         /* NULL: the local simulator, started if needed */
    int json;                /* a JSON summary on stdout, everything else on stderr */
    int quiet;               /* no progress lines, no summary table */
    unsigned timeout_s;      /* longest wait for one context's fence */
    const char *base_dir;    /* relative file paths start here (the workload's directory) */
    const char *kernel_dir;  /* where bare kernel names are looked up */
};

/* Runs every statement in order. Returns CLI_OK, CLI_CHECK_FAILED or CLI_FAIL (a device
 * error, a context in error, a file that cannot be read), after a "NAME:LINE: ..." line. */
int run_execute(const struct run_script *s, const struct run_options *o);

#endif /* SGPU_RUN_EXEC_H */
