/* ctx.c: `sgpu ctx suspend|resume ID`: suspend or resume a hardware context by its id, for
 * scripts. Each run is a driver session of its own; the firmware keeps the contexts of
 * earlier sessions, so the id may be any live context's. */
/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: sgpu ctx suspend|resume ID [--uri URI] [--timeout MS]\n"
            "\n"
            "suspend ID   preempt context ID at once and wait until the firmware acknowledges\n"
            "             (its suspend fence written); work submitted meanwhile is queued\n"
            "resume ID    make context ID schedulable again: its queued work runs in order\n"
            "  --uri URI      the device (default: the local simulator, started if needed)\n"
            "  --timeout MS   longest wait for the acknowledgement (default: the device's)\n"
            "  --help         this text\n"
            "\n"
            "exit status: 0 done, 1 the device or the link failed (or no acknowledgement in\n"
            "time), 2 bad command line, 3 refused: no such context, or one in error\n");
}

int cli_parse_uint(const char *s, unsigned long max, unsigned long *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 0);
    if (errno || end == s || *end || s[0] == '-' || v > max)
        return -1;
    *out = v;
    return 0;
}

/* A library failure: one line, and the exit status it means. */
int cli_lib_fail(const char *what, int rc)
{
    const char *detail = sgpu_last_error();
    fprintf(stderr, "%s: %s: %s (%s)\n", cli_prog, what, detail[0] ? detail : sgpu_strerror(rc),
            sgpu_errname(rc));
    return rc == SGPU_ERR_INVALID || rc == SGPU_ERR_STATE || rc == SGPU_ERR_UNSUPPORTED
               ? CLI_REFUSED : CLI_FAIL;
}

/* A suspend value above every earlier one of the context: the firmware's clock (device
 * cycles since reset) has moved on since any earlier suspend, from any session. */
static int suspend_value(sgpu_dev *dev, uint64_t *value)
{
    struct sgpu_status st;
    int rc = sgpu_ctl_query_status(dev, &st);
    if (rc == SGPU_OK)
        *value = st.uptime_cycles + 1;
    return rc;
}

int cmd_ctx(int argc, char **argv)
{
    static const struct option opts[] = {
        {"uri", required_argument, NULL, 'u'},
        {"timeout", required_argument, NULL, 't'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *uri = NULL;
    unsigned long timeout = 0, id;
    int c;
    optind = 0; /* a fresh parse that permutes: options may follow ACTION and its argument */
    while ((c = getopt_long(argc, argv, "u:t:h", opts, NULL)) != -1) {
        switch (c) {
        case 'u':
            uri = optarg;
            break;
        case 't':
            if (cli_parse_uint(optarg, 3600000ul, &timeout) != 0) {
                fprintf(stderr, "%s ctx: --timeout %s is not a number of milliseconds\n", cli_prog,
                        optarg);
                return CLI_USAGE;
            }
            break;
        case 'h':
            usage(stdout);
            return CLI_OK;
        default:
            usage(stderr);
            return CLI_USAGE;
        }
    }
    if (argc - optind != 2) {
        usage(stderr);
        return CLI_USAGE;
    }
    const char *verb = argv[optind];
    int suspend = strcmp(verb, "suspend") == 0;
    if (!suspend && strcmp(verb, "resume") != 0) {
        fprintf(stderr, "%s ctx: unknown action '%s' (suspend or resume)\n", cli_prog, verb);
        return CLI_USAGE;
    }
    if (cli_parse_uint(argv[optind + 1], UINT32_MAX - 1ul, &id) != 0) {
        fprintf(stderr, "%s ctx: '%s' is not a context id\n", cli_prog, argv[optind + 1]);
        return CLI_USAGE;
    }
    sgpu_dev *dev = cli_open(uri);
    if (!dev)
        return CLI_FAIL;
    int rc, status = CLI_OK;
    if (suspend) {
        uint64_t value;
        int already = 0;
        rc = suspend_value(dev, &value);
        if (rc == SGPU_OK)
            rc = sgpu_ctx_suspend_id(dev, (uint32_t)id, value, (unsigned)timeout, &already);
        if (rc == SGPU_OK)
            printf("context %lu %s (suspend value %" PRIu64 ")\n", id,
                   already ? "was already suspended" : "suspended", value);
    } else {
        rc = sgpu_ctx_resume_id(dev, (uint32_t)id);
        if (rc == SGPU_OK)
            printf("context %lu resumed\n", id);
    }
    if (rc != SGPU_OK)
        status = cli_lib_fail(suspend ? "ctx suspend" : "ctx resume", rc);
    sgpu_close(dev);
    return status;
}
