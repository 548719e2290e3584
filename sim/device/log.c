/* sgpu-sim's log lines on stderr. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>

static int quiet;

void log_set_quiet(int q) { quiet = q; }
int log_quiet(void) { return quiet; }

static void vlog(const char *fmt, va_list ap) {
  char line[1024];
  vsnprintf(line, sizeof line, fmt, ap);
  /* One write per line, so that lines from several processes do not mix. */
  fprintf(stderr, SIM_NAME ": %s\n", line);
  fflush(stderr);
}

void log_info(const char *fmt, ...) {
  if (quiet) return;
  va_list ap;
  va_start(ap, fmt);
  vlog(fmt, ap);
  va_end(ap);
}

void log_always(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vlog(fmt, ap);
  va_end(ap);
}
