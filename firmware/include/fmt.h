/* fmt.h: a small printf-like formatter with no allocation, for the console and logs. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_FMT_H
#define SGPU_FMT_H

#include <stdarg.h>
#include <stddef.h>

/*
 * Conversions: %s %c %d %i %u %x %X %p %%, with an optional 'l' (long) on d/i/u/x/X.
 * Flags '-' (left-justify) and '0' (pad with zeros), then a decimal width (no '*', no
 * precision). A NULL %s prints "(null)"; an unknown conversion is printed as written.
 */
#define FMT_CHECK(f, a) __attribute__((format(printf, f, a)))

/* Hand every produced character to out(c, ctx); returns how many were produced. */
int fmt_vformat(void (*out)(char c, void *ctx), void *ctx, const char *fmt, va_list ap);

/* Like snprintf: writes at most size-1 characters and a NUL (when size > 0), and returns
 * the length the whole output would have had, so a result >= size means truncated. */
int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...) FMT_CHECK(3, 4);

#endif /* SGPU_FMT_H */
