/* tdr.c: `sgpu tdr`: the TDR log that libsgpu's watchdog appends to ($SGPU_TDR_LOG or
 * --log), shown as a table or JSON; `sgpu tdr watch` runs the watchdog over the device for a
 * while in a session of its own (the firmware's heartbeat and engine timeouts), logging what
 * it recovers. */
/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "json.h"
#include "sgpu_regs.h"

#define LOG_FIELDS 11

static void usage(FILE *f)
{
    fprintf(f,
            "usage: sgpu tdr [show] [--log FILE] [--json]\n"
            "       sgpu tdr watch [--uri URI] [--seconds N] [--log FILE] [--delay-ms MS]\n"
            "                      [--heartbeat-periods N] [--firmware FILE]\n"
            "\n"
            "show    the TDR log: every detection libsgpu's watchdog made and what it did\n"
            "        (context removed, engine reset, adapter reset), oldest first\n"
            "watch   run the watchdog over the device for a while in a session of its own: a\n"
            "        silent heartbeat (dead control core) or an engine timeout the firmware\n"
            "        reports is recovered and logged\n"
            "  --log FILE            the log (default $%s; libsgpu appends to it when a\n"
            "                        program enables its watchdog with that variable set)\n"
            "  --json                show: one JSON array\n"
            "  --uri URI             watch: the device (default: the local simulator)\n"
            "  --seconds N           watch: how long (default 10; 0: until interrupted)\n"
            "  --delay-ms MS         watch: TdrDelay in device time (default 2000)\n"
            "  --heartbeat-periods N watch: HEARTBEAT_CYCLES without a beat that mean a dead\n"
            "                        control core (default 16)\n"
            "  --firmware FILE       watch: the image an adapter reset loads (default: as\n"
            "                        sgpu adapter reset)\n"
            "  --help                this text\n"
            "\n"
            "exit status: 0 done (watch: nothing needed recovering, or every recovery worked),\n"
            "1 the device failed or a recovery did not work, 2 bad command line or no log\n",
            SGPU_TDR_LOG_ENV);
}

/* Splits one log line into its fields (in place). */
static int split(char *line, char **field)
{
    int n = 0;
    line[strcspn(line, "\n")] = '\0';
    for (char *s = line; n < LOG_FIELDS; n++) {
        field[n] = s;
        char *tab = n < LOG_FIELDS - 1 ? strchr(s, '\t') : NULL;
        if (!tab)
            return n + 1;
        *tab = '\0';
        s = tab + 1;
    }
    return n;
}

static int show(const char *path, int as_json)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        if (errno == ENOENT) {
            if (as_json)
                printf("[]\n");
            else
                printf("no TDR log at %s: nothing was recovered\n", path);
            return CLI_OK;
        }
        fprintf(stderr, "%s: tdr: %s: %s\n", cli_prog, path, strerror(errno));
        return CLI_USAGE;
    }
    static const char *const key[LOG_FIELDS] = {"time", "cycle", "cause", "action", "node",
                                               "context", "hung_cycles", "hangs_in_window",
                                               "contexts_lost", "result", "detail"};
    char line[1024];
    unsigned n = 0, bad = 0;
    struct json j;
    if (as_json) {
        json_init(&j, stdout);
        json_array(&j, NULL);
    } else {
        printf("%-20s %12s %-16s %-15s %4s %4s %10s %s\n", "time (UTC)", "cycle", "cause",
               "action", "node", "ctx", "hung", "result: detail");
    }
    while (fgets(line, sizeof line, f)) {
        char *fl[LOG_FIELDS];
        if (split(line, fl) != LOG_FIELDS) {
            bad++;
            continue;
        }
        n++;
        if (as_json) {
            json_object(&j, NULL);
            for (int i = 0; i < LOG_FIELDS; i++) {
                int numeric = i == 1 || (i >= 4 && i <= 8);
                if (numeric && fl[i][0] != '-')
                    json_uint(&j, key[i], strtoull(fl[i], NULL, 10));
                else if (numeric)
                    json_double(&j, key[i], strtod(fl[i], NULL)); /* -1: none */
                else
                    json_string(&j, key[i], fl[i]);
            }
            json_end(&j, '}');
        } else {
            printf("%-20s %12s %-16s %-15s %4s %4s %10s %s: %s\n", fl[0], fl[1], fl[2], fl[3],
                   fl[4], fl[5], fl[6], fl[9], fl[10]);
        }
    }
    fclose(f);
    if (as_json) {
        json_end(&j, ']');
        json_finish(&j);
    } else {
        printf("%u record(s)%s\n", n, bad ? " (some lines were not TDR records)" : "");
    }
    return CLI_OK;
}

static void on_record(sgpu_dev *dev, const struct sgpu_tdr_record *r, void *user)
{
    (void)dev;
    unsigned *failed = user;
    printf("tdr: %s -> %s: %s (%s)\n", sgpu_tdr_cause_name(r->cause), sgpu_tdr_action_name(r->action),
           r->detail, r->result ? sgpu_errname(r->result) : "SGPU_OK");
    fflush(stdout);
    if (r->result)
        (*failed)++;
}

static int watch(const char *uri, unsigned seconds, const struct sgpu_tdr_options *o)
{
    sgpu_dev *dev = cli_open(uri);
    if (!dev)
        return CLI_FAIL;
    unsigned failed = 0;
    int rc = sgpu_tdr_enable(dev, o, on_record, &failed);
    if (rc) {
        sgpu_close(dev);
        return cli_lib_fail("tdr watch", rc);
    }
    struct timespec t0, now;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    unsigned total = 0;
    fprintf(stderr, "%s: tdr: watching %s for %s%u s\n", cli_prog, uri ? uri : "the local simulator",
            seconds ? "" : "ever (", seconds);
    for (;;) {
        rc = sgpu_tdr_poll(dev);
        if (rc < 0) {
            sgpu_close(dev);
            return cli_lib_fail("tdr watch", rc);
        }
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (seconds && now.tv_sec - t0.tv_sec >= (time_t)seconds)
            break;
        usleep(20000);
    }
    sgpu_tdr_log(dev, NULL, 0, NULL, &total);
    printf("tdr: %u recovery(ies) in %u s%s\n", total, seconds, failed ? ", some failed" : "");
    sgpu_close(dev);
    return failed ? CLI_FAIL : CLI_OK;
}

int cmd_tdr(int argc, char **argv)
{
    static const struct option lopts[] = {
        {"log", required_argument, NULL, 'l'},       {"json", no_argument, NULL, 'j'},
        {"uri", required_argument, NULL, 'u'},       {"seconds", required_argument, NULL, 's'},
        {"delay-ms", required_argument, NULL, 'd'},  {"heartbeat-periods", required_argument, NULL, 'b'},
        {"firmware", required_argument, NULL, 'f'},  {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *log = getenv(SGPU_TDR_LOG_ENV), *uri = NULL;
    struct sgpu_tdr_options o = {0};
    unsigned long seconds = 10, v;
    int as_json = 0, c, watch_only = 0;
    optind = 0; /* a fresh parse that permutes: options may follow the action */
    while ((c = getopt_long(argc, argv, "h", lopts, NULL)) != -1) {
        switch (c) {
        case 'l': log = optarg; break;
        case 'j': as_json = 1; break;
        case 'u': uri = optarg; watch_only = 1; break;
        case 'f': o.firmware = optarg; watch_only = 1; break;
        case 's':
        case 'd':
        case 'b':
            if (cli_parse_uint(optarg, c == 'b' ? 1000000 : 100000000, &v) != 0 ||
                (c != 's' && v == 0)) {
                fprintf(stderr, "%s: tdr: bad value '%s' for --%s\n", cli_prog, optarg,
                        c == 's' ? "seconds" : c == 'd' ? "delay-ms" : "heartbeat-periods");
                return CLI_USAGE;
            }
            if (c == 's')
                seconds = v;
            else if (c == 'd')
                o.delay_cycles = (uint64_t)v * (SGPU_CFG_CLK_HZ / 1000u);
            else
                o.heartbeat_periods = (unsigned)v;
            watch_only = 1;
            break;
        case 'h': usage(stdout); return CLI_OK;
        default: usage(stderr); return CLI_USAGE;
        }
    }
    const char *action = optind < argc ? argv[optind++] : "show";
    if (optind < argc) {
        fprintf(stderr, "%s: tdr: unexpected '%s' (see sgpu tdr --help)\n", cli_prog, argv[optind]);
        return CLI_USAGE;
    }
    if (strcmp(action, "show") == 0) {
        if (watch_only) {
            fprintf(stderr, "%s: tdr: --uri, --seconds, --delay-ms, --heartbeat-periods and "
                    "--firmware are for watch only\n", cli_prog);
            return CLI_USAGE;
        }
        if (!log) {
            fprintf(stderr, "%s: tdr: no log: give --log FILE or set %s\n", cli_prog,
                    SGPU_TDR_LOG_ENV);
            return CLI_USAGE;
        }
        return show(log, as_json);
    }
    if (strcmp(action, "watch") == 0) {
        if (as_json) {
            fprintf(stderr, "%s: tdr: --json is for show only\n", cli_prog);
            return CLI_USAGE;
        }
        o.log_path = log;
        return watch(uri, (unsigned)seconds, &o);
    }
    fprintf(stderr, "%s: tdr: unknown action '%s' (show or watch)\n", cli_prog, action);
    return CLI_USAGE;
}
