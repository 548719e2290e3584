/* console.h: formatted output to the control core's console (fmt.h over hal_putc). */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_CONSOLE_H
#define SGPU_CONSOLE_H

#include "fmt.h"

/* Returns the number of characters printed. */
int con_printf(const char *fmt, ...) FMT_CHECK(1, 2);

#endif /* SGPU_CONSOLE_H */
