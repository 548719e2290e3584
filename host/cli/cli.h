/* cli.h: what the sgpu CLI's subcommands share. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_CLI_H
#define SGPU_CLI_H

#include "sgpu.h"

/* Exit statuses. */
#define CLI_OK     0
#define CLI_FAIL   1  /* the device or the transport failed */
#define CLI_USAGE  2  /* bad command line */
#define CLI_REFUSED 3 /* ctx, engine: the device refused (no such context or engine, wrong state) */

extern const char *cli_prog;

/* Opens uri; with uri NULL, the local simulator on the default socket, started in the
 * background (next to this program) if none is listening. Prints a one-line error and
 * returns NULL on failure. */
sgpu_dev *cli_open(const char *uri);

/* ctx.c: a decimal or 0x number up to max (-1: not one). */
int cli_parse_uint(const char *s, unsigned long max, unsigned long *out);
/* ctx.c: prints a library failure on one line; CLI_REFUSED or CLI_FAIL. */
int cli_lib_fail(const char *what, int rc);

int cmd_info(int argc, char **argv);
int cmd_ctx(int argc, char **argv);
int cmd_engine(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_top(int argc, char **argv);
int cmd_adapter(int argc, char **argv);
int cmd_tdr(int argc, char **argv);

#endif /* SGPU_CLI_H */
