/* sgpu-sim's log lines on stderr, each "sgpu-sim: ...". */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_SIM_LOG_H
#define SGPU_SIM_LOG_H

#define SIM_NAME "sgpu-sim"

/* Progress and warnings: not shown with --quiet. */
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Errors and the lines scripts wait for: always shown. */
void log_always(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_set_quiet(int quiet);
int log_quiet(void);

#endif
