/* simproc.h: starting and stopping an sgpu-sim process, for the tools and tests (never the
 * library: it does not start processes). */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_SIMPROC_H
#define SGPU_SIMPROC_H

#include <stddef.h>
#include <sys/types.h>

struct simproc {
    pid_t pid;
    char log[256];   /* the simulator's standard output and error */
};

/* Writes the path of `name` in the directory of the running program (from /proc/self/exe). */
int simproc_next_to_self(const char *name, char *buf, size_t size);

/* Starts `sim` listening on `socket` in a session of its own, with extra arguments `args`
 * (NULL-terminated, may be NULL), its output in `log`; waits up to timeout_ms for its
 * `listening` line. Returns 0, or -1 with a one-line reason in err. */
int simproc_start(struct simproc *p, const char *sim, const char *socket, const char *log,
                  const char *const *args, unsigned timeout_ms, char *err, size_t errlen);

/* SIGTERM, wait up to timeout_ms, then SIGKILL. Returns the exit status, or -1. */
int simproc_stop(struct simproc *p, unsigned timeout_ms);

#endif /* SGPU_SIMPROC_H */
