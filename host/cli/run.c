/* run.c: `sgpu run`: runs a workload file (or statements given with -e) on the device. */
/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE
#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "run_exec.h"
#include "run_parse.h"
#include "simproc.h"

#define DEFAULT_TIMEOUT_S 600

static void usage(FILE *f)
{
    fprintf(f,
            "usage: sgpu run [--uri URI] [--json] [--quiet] [--check] [--timeout S]\n"
            "                [--kernels DIR] FILE | -e STATEMENT [-e STATEMENT ...]\n"
            "\n"
            "Runs a workload: one statement a line (docs/cli.md), e.g.\n"
            "  context cp copy               buffer a vram 4096 random 1\n"
            "  kernel vadd vadd.bin          dispatch cc vadd 16 1 1 64 a b c 1024\n"
            "  copy cp a b 4096              submit cp     wait all\n"
            "  check b equals a              hash b        dump b out.bin    print text\n"
            "FILE '-' reads standard input. The whole workload is checked before anything\n"
            "runs; errors name FILE:LINE.\n"
            "  --uri URI      the device (default: the local simulator, started if needed)\n"
            "  --json         a JSON summary on stdout (other output goes to stderr)\n"
            "  --quiet        no summary table and no progress lines\n"
            "  --check        only parse and check the workload; no device is used\n"
            "  --timeout S    longest wait for one context (default %d s)\n"
            "  --kernels DIR  where 'kernel NAME FILE' looks for a FILE without a '/'\n"
            "                 (default: ../kernels from this program, i.e. build/kernels)\n"
            "  -e STATEMENT   a statement instead of a file (repeatable; named -e:N)\n"
            "  --help         this text\n"
            "Exit status: 0 ok, 1 the device or a statement failed, 2 bad command line or\n"
            "workload, 3 a check did not match.\n",
            DEFAULT_TIMEOUT_S);
}

/* build/bin/sgpu -> build/kernels */
static void default_kernel_dir(char *buf, size_t size)
{
    char self[4096];
    if (simproc_next_to_self("../kernels", self, sizeof self) == 0)
        snprintf(buf, size, "%s", self);
    else
        buf[0] = '\0';
}

static int parse_statements(struct run_script *s, char **lines, int n, char *err, size_t errlen)
{
    for (int i = 0; i < n; i++)
        if (run_parse_line(s, lines[i], i + 1, err, errlen) != 0)
            return -1;
    return run_parse_finish(s, err, errlen);
}

static int parse_path(struct run_script *s, const char *path, char *err, size_t errlen)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open", path);
        return -1;
    }
    int rc = run_parse_file(s, f, err, errlen);
    if (f != stdin)
        fclose(f);
    return rc;
}

int cmd_run(int argc, char **argv)
{
    static const struct option opts[] = {
        {"uri", required_argument, NULL, 'u'},    {"json", no_argument, NULL, 'j'},
        {"quiet", no_argument, NULL, 'q'},        {"check", no_argument, NULL, 'c'},
        {"timeout", required_argument, NULL, 't'}, {"kernels", required_argument, NULL, 'k'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
    };
    struct run_options o = {.timeout_s = DEFAULT_TIMEOUT_S};
    int check_only = 0, c, nlines = 0;
    char **lines = calloc((size_t)argc + 1, sizeof *lines);
    char kernel_dir[4096], err[RUN_ERR_MAX];
    if (!lines)
        return CLI_FAIL;

    argv[0] = "sgpu run";
    while ((c = getopt_long(argc, argv, "u:jqct:k:e:h", opts, NULL)) != -1) {
        switch (c) {
        case 'u': o.uri = optarg; break;
        case 'j': o.json = 1; break;
        case 'q': o.quiet = 1; break;
        case 'c': check_only = 1; break;
        case 'k': o.kernel_dir = optarg; break;
        case 'e': lines[nlines++] = optarg; break;
        case 't': {
            uint64_t v;
            if (run_parse_number(optarg, 0, &v) != 0 || v < 1 || v > 86400) {
                fprintf(stderr, "%s run: --timeout: '%s' is not 1 to 86400 seconds\n", cli_prog, optarg);
                free(lines);
                return CLI_USAGE;
            }
            o.timeout_s = (unsigned)v;
            break;
        }
        case 'h':
            usage(stdout);
            free(lines);
            return CLI_OK;
        default:
            usage(stderr);
            free(lines);
            return CLI_USAGE;
        }
    }
    int files = argc - optind;
    if ((nlines == 0 && files != 1) || (nlines > 0 && files != 0)) {
        fprintf(stderr, "%s run: give one workload FILE, or statements with -e\n", cli_prog);
        usage(stderr);
        free(lines);
        return CLI_USAGE;
    }
    if (!o.kernel_dir) {
        default_kernel_dir(kernel_dir, sizeof kernel_dir);
        o.kernel_dir = kernel_dir[0] ? kernel_dir : NULL;
    }

    struct run_script s;
    char *dir_copy = NULL;
    int rc;
    if (nlines) {
        run_script_init(&s, "-e");
        rc = parse_statements(&s, lines, nlines, err, sizeof err);
    } else {
        const char *path = argv[optind];
        run_script_init(&s, strcmp(path, "-") == 0 ? "<stdin>" : path);
        if (strcmp(path, "-") != 0 && (dir_copy = strdup(path)) != NULL)
            o.base_dir = dirname(dir_copy);
        rc = parse_path(&s, path, err, sizeof err);
    }
    int status;
    if (rc != 0) {
        fprintf(stderr, "%s\n", err);
        status = CLI_USAGE;
    } else if (check_only) {
        if (!o.quiet)
            printf("%s: %zu statements, %zu contexts, %zu buffers, %zu kernels: ok\n", s.name,
                   s.nstmts, s.nctxs, s.nbufs, s.nkernels);
        status = CLI_OK;
    } else {
        status = run_execute(&s, &o);
    }
    run_script_free(&s);
    free(dir_copy);
    free(lines);
    return status;
}
