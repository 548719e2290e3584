/* console.c: formatted output to the control core's console. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "console.h"
#include "hal.h"

static void con_out(char c, void *ctx)
{
    (void)ctx;
    hal_putc(c);
}

int con_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = fmt_vformat(con_out, 0, fmt, ap);
    va_end(ap);
    return n;
}
