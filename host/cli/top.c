/* top.c: `sgpu top`: the device's engines and contexts, sampled again and again, as an
 * observer: BAR0 reads only (the firmware's STATS block, the ID block, CP.CYCLES), beside the
 * driver that holds the device (`sgpu run`, sgpu-demo), never instead of it. */
/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "json.h"
#include "sgpu_regs.h"
#include "sgpu_stats.h"

#define DEFAULT_INTERVAL_MS 1000

struct sample {
    struct sgpu_info info;
    uint32_t heartbeat;        /* ID.HEARTBEAT: the firmware is alive while it changes */
    struct sgpu_stats st;
    int have_cycles;
    uint64_t cycles, wall_ns;  /* sgpu_device_cycles (simulator only) */
};

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

static void usage(FILE *f)
{
    fprintf(f,
            "usage: sgpu top [--uri URI] [--once] [--interval MS] [--count N] [--json]\n"
            "\n"
            "Shows each engine (busy %%, commands/s, the context on it) and each live context\n"
            "(engine, state, busy cycles and %%, commands, submissions, preemptions), from\n"
            "the firmware's activity records; refreshes every interval until interrupted.\n"
            "It opens the device as an observer (BAR0 reads only), so it works while\n"
            "another program holds the device. Rates are between two samples.\n"
            "  --uri URI      the device (default: the local simulator, started if needed)\n"
            "  --once         one sample, then exit\n"
            "  --interval MS  time between samples (default %d)\n"
            "  --count N      N samples, then exit\n"
            "  --json         each sample as one JSON object\n"
            "  --help         this text\n",
            DEFAULT_INTERVAL_MS);
}

static const char *engine_name(unsigned node)
{
    return node == SGPU_NODE_COPY ? "copy" : node == SGPU_NODE_COMPUTE ? "compute" : "other";
}

static const char *band_name(unsigned band)
{
    static const char *const names[] = {"idle", "normal", "focus", "realtime"};
    return band < 4 ? names[band] : "?";
}

static int take_sample(sgpu_dev *dev, struct sample *s)
{
    memset(s, 0, sizeof *s);
    int rc = sgpu_identify(dev, &s->info);
    if (!rc)
        rc = sgpu_read32(dev, SGPU_ID_BAR0_BASE + SGPU_ID_HEARTBEAT_OFFSET, &s->heartbeat);
    if (!rc)
        rc = sgpu_stats_read(dev, &s->st);
    if (!rc)
        s->have_cycles = sgpu_device_cycles(dev, &s->cycles, &s->wall_ns) == SGPU_OK;
    return rc;
}

/* Device cycles between two samples (CP.CYCLES), 0 without a previous one. */
static uint64_t span(const struct sample *s, const struct sample *prev)
{
    return prev && s->st.device_cycles > prev->st.device_cycles
               ? s->st.device_cycles - prev->st.device_cycles : 0;
}

/* The previous sample's record of the same context, if it is the same context: live then
 * too, on the same engine, its counters not gone back (a destroy and a create between). */
static const struct sgpu_stats_ctx *same_ctx(const struct sample *prev, unsigned id,
                                             const struct sgpu_stats_ctx *c)
{
    if (!prev || id >= prev->st.contexts)
        return NULL;
    const struct sgpu_stats_ctx *p = &prev->st.ctx[id];
    if (p->state == SGPU_STATS_STATE_FREE || p->engine != c->engine || p->busy_cycles > c->busy_cycles ||
        p->starts > c->starts)
        return NULL;
    return p;
}

static unsigned count_state(const struct sgpu_stats *st, int error_only)
{
    unsigned n = 0;
    for (unsigned id = 0; id < st->contexts; id++)
        if (error_only ? st->ctx[id].state == SGPU_STATS_STATE_ERROR
                       : st->ctx[id].state != SGPU_STATS_STATE_FREE)
            n++;
    return n;
}

static double pct(uint64_t part, uint64_t whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 0;
}

static double per_s(uint64_t n, uint64_t cycles)
{
    return cycles ? (double)n * SGPU_CFG_CLK_HZ / (double)cycles : 0;
}

static void print_text(const char *uri, const struct sample *s, const struct sample *prev)
{
    const struct sgpu_stats *st = &s->st;
    uint64_t dt = span(s, prev);
    printf("sgpu top  %s  (observer)\n", uri);
    printf("firmware  %s, heartbeat %u, uptime %llu cycles\n", sgpu_fw_state_name(s->info.fw_state),
           s->heartbeat, (unsigned long long)st->device_cycles);
    if (prev && s->have_cycles && prev->have_cycles && s->wall_ns > prev->wall_ns)
        printf("simulator clock %.0f device cycles/s since the last sample (it runs while a "
               "driver is connected)\n",
               (double)(s->cycles - prev->cycles) / ((double)(s->wall_ns - prev->wall_ns) * 1e-9));
    if (!st->present) {
        printf("\nno activity records: the firmware keeps no STATS block (older firmware, or "
               "not serving yet)\n");
        return;
    }
    printf("\n%-8s %-4s %-9s %-7s %6s %12s %14s %10s\n", "engine", "node", "state", "context",
           "busy%", "commands/s", "busy cycles", "commands");
    for (unsigned e = 0; e < st->engines; e++) {
        const struct sgpu_stats_eng *g = &st->eng[e];
        char cur[8] = "-", busy[16] = "-", rate[16] = "-";
        if (g->current != SGPU_STATS_NO_CONTEXT)
            snprintf(cur, sizeof cur, "%u", g->current);
        if (dt && e < prev->st.engines) {
            const struct sgpu_stats_eng *p = &prev->st.eng[e];
            snprintf(busy, sizeof busy, "%.1f", pct(g->busy_cycles - p->busy_cycles, dt));
            snprintf(rate, sizeof rate, "%.0f", per_s((uint32_t)(g->commands - p->commands), dt));
        }
        printf("%-8s %-4u %-9s %-7s %6s %12s %14llu %10u\n", engine_name(e), e,
               g->in_reset ? "reset" : g->current != SGPU_STATS_NO_CONTEXT ? "running" : "idle",
               cur, busy, rate, (unsigned long long)g->busy_cycles, g->commands);
    }
    printf("\ncontexts  %u live, %u in error, of %u\n", count_state(st, 0), count_state(st, 1),
           st->contexts);
    if (!count_state(st, 0))
        return;
    printf("%-4s %-8s %-9s %-8s %14s %6s %10s %8s %8s\n", "ctx", "engine", "state", "band",
           "busy cycles", "busy%", "commands", "submits", "preempts");
    for (unsigned id = 0; id < st->contexts; id++) {
        const struct sgpu_stats_ctx *c = &st->ctx[id];
        if (c->state == SGPU_STATS_STATE_FREE)
            continue;
        const struct sgpu_stats_ctx *p = same_ctx(prev, id, c);
        char busy[16] = "-";
        if (p && dt)
            snprintf(busy, sizeof busy, "%.1f", pct(c->busy_cycles - p->busy_cycles, dt));
        printf("%-4u %-8s %-9s %-8s %14llu %6s %10u %8u %8u\n", id, engine_name(c->engine),
               sgpu_stats_state_name(c->state), band_name(c->band),
               (unsigned long long)c->busy_cycles, busy, c->commands, c->submissions,
               c->preemptions);
    }
}

static void print_json(const char *uri, const struct sample *s, const struct sample *prev)
{
    struct json j;
    const struct sgpu_stats *st = &s->st;
    uint64_t dt = span(s, prev);
    json_init(&j, stdout);
    json_object(&j, NULL);
    json_string(&j, "uri", uri);
    json_bool(&j, "observer", true);
    json_string(&j, "firmware_state", sgpu_fw_state_name(s->info.fw_state));
    json_uint(&j, "heartbeat", s->heartbeat);
    json_uint(&j, "uptime_cycles", st->device_cycles);
    json_bool(&j, "stats", st->present);
    if (dt)
        json_uint(&j, "sample_cycles", dt);
    if (s->have_cycles)
        json_uint(&j, "device_cycles", s->cycles);
    if (prev && s->have_cycles && prev->have_cycles && s->wall_ns > prev->wall_ns)
        json_double(&j, "device_cycles_per_s",
                    (double)(s->cycles - prev->cycles) / ((double)(s->wall_ns - prev->wall_ns) * 1e-9));
    json_array(&j, "engines");
    for (unsigned e = 0; e < st->engines; e++) {
        const struct sgpu_stats_eng *g = &st->eng[e];
        json_object(&j, NULL);
        json_string(&j, "name", engine_name(e));
        json_uint(&j, "node", e);
        json_uint(&j, "engine", 0);
        json_bool(&j, "running", !g->in_reset);
        if (g->current != SGPU_STATS_NO_CONTEXT)
            json_uint(&j, "context", g->current);
        json_uint(&j, "busy_cycles", g->busy_cycles);
        json_uint(&j, "commands", g->commands);
        if (dt && e < prev->st.engines) {
            const struct sgpu_stats_eng *p = &prev->st.eng[e];
            json_double(&j, "busy_pct", pct(g->busy_cycles - p->busy_cycles, dt));
            json_double(&j, "commands_per_s", per_s((uint32_t)(g->commands - p->commands), dt));
        }
        json_end(&j, '}');
    }
    json_end(&j, ']');
    json_object(&j, "contexts");
    json_uint(&j, "max", st->contexts);
    json_uint(&j, "live", count_state(st, 0));
    json_uint(&j, "in_error", count_state(st, 1));
    json_array(&j, "list");
    for (unsigned id = 0; id < st->contexts; id++) {
        const struct sgpu_stats_ctx *c = &st->ctx[id];
        if (c->state == SGPU_STATS_STATE_FREE)
            continue;
        const struct sgpu_stats_ctx *p = same_ctx(prev, id, c);
        json_object(&j, NULL);
        json_uint(&j, "id", id);
        json_string(&j, "engine", engine_name(c->engine));
        json_string(&j, "state", sgpu_stats_state_name(c->state));
        json_string(&j, "band", band_name(c->band));
        json_uint(&j, "busy_cycles", c->busy_cycles);
        if (p && dt)
            json_double(&j, "busy_pct", pct(c->busy_cycles - p->busy_cycles, dt));
        json_uint(&j, "commands", c->commands);
        json_uint(&j, "submissions", c->submissions);
        json_uint(&j, "preemptions", c->preemptions);
        json_uint(&j, "starts", c->starts);
        json_end(&j, '}');
    }
    json_end(&j, ']');
    json_end(&j, '}');
    json_end(&j, '}');
    json_finish(&j);
}

static void sleep_ms(unsigned ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000};
    nanosleep(&ts, NULL); /* a signal ends it early, which is what we want */
}

int cmd_top(int argc, char **argv)
{
    static const struct option opts[] = {
        {"uri", required_argument, NULL, 'u'},  {"once", no_argument, NULL, '1'},
        {"interval", required_argument, NULL, 'i'}, {"count", required_argument, NULL, 'n'},
        {"json", no_argument, NULL, 'j'},       {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *uri = NULL;
    int json = 0, c;
    long count = 0, interval = DEFAULT_INTERVAL_MS;
    char *end;

    argv[0] = "sgpu top";
    while ((c = getopt_long(argc, argv, "u:1i:n:jh", opts, NULL)) != -1) {
        switch (c) {
        case 'u': uri = optarg; break;
        case '1': count = 1; break;
        case 'j': json = 1; break;
        case 'i':
            interval = strtol(optarg, &end, 10);
            if (*end || interval < 10 || interval > 3600000) {
                fprintf(stderr, "%s top: --interval: '%s' is not 10 to 3600000 ms\n", cli_prog, optarg);
                return CLI_USAGE;
            }
            break;
        case 'n':
            count = strtol(optarg, &end, 10);
            if (*end || count < 1) {
                fprintf(stderr, "%s top: --count: '%s' is not a positive number\n", cli_prog, optarg);
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
    if (optind < argc) {
        fprintf(stderr, "%s top: unexpected argument '%s'\n", cli_prog, argv[optind]);
        usage(stderr);
        return CLI_USAGE;
    }

    /* Without --uri: the default socket, and the simulator is started if none listens. */
    char device[160], sock[128];
    if (uri) {
        snprintf(device, sizeof device, "%s", uri);
    } else if (sgpu_default_sim_socket(sock, sizeof sock) == SGPU_OK) {
        snprintf(device, sizeof device, "sim:%s", sock);
    } else {
        fprintf(stderr, "%s top: %s\n", cli_prog, sgpu_last_error());
        return CLI_FAIL;
    }
    sgpu_dev *dev;
    int rc = sgpu_open_observer(device, &dev);
    if (rc == SGPU_ERR_CONNECT && !uri) {
        sgpu_dev *driver = cli_open(NULL);
        if (!driver)
            return CLI_FAIL;
        sgpu_close(driver);
        rc = sgpu_open_observer(device, &dev);
    }
    if (rc) {
        fprintf(stderr, "%s top: %s (%s)\n", cli_prog, sgpu_last_error(), sgpu_errname(rc));
        return CLI_FAIL;
    }

    struct sigaction sa = {.sa_handler = on_signal};
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    int clear = !json && count != 1 && isatty(STDOUT_FILENO);
    struct sample samples[2];
    struct sample *prev = NULL;
    int status = CLI_OK;
    for (long n = 0; !stop_requested && (count == 0 || n < count); n++) {
        if (n)
            sleep_ms((unsigned)interval);
        if (stop_requested)
            break;
        struct sample *s = &samples[n & 1];
        if ((rc = take_sample(dev, s)) != 0) {
            fprintf(stderr, "%s top: %s (%s)\n", cli_prog, sgpu_last_error(), sgpu_errname(rc));
            status = CLI_FAIL;
            break;
        }
        if (clear)
            printf("\033[H\033[J");
        else if (n && !json)
            printf("\n");
        if (json)
            print_json(device, s, prev);
        else
            print_text(device, s, prev);
        fflush(stdout);
        prev = s;
    }
    sgpu_close(dev);
    return status;
}
