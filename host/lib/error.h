/* error.h: recording the detail of a failure for sgpu_last_error(). */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_ERROR_H
#define SGPU_ERROR_H

/* Records a printf-style detail for the calling thread and returns code. */
int sgpu_fail(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Clears the calling thread's detail. */
void sgpu_clear_error(void);

#endif /* SGPU_ERROR_H */
