/* top.c: `sgpu top`: the device's engines, contexts and counters, sampled again and again.
 * Each sample opens the device, asks the firmware QUERY_STATUS and closes it again, so that
 * top never keeps a single-driver device (sgpu-sim, one VFIO user) from the programs it
 * watches; while another driver holds the device a sample says so. */
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

#define DEFAULT_INTERVAL_MS 1000
/* Control frames a sample sends itself: the channel's start and our QUERY_STATUS. */
#define OWN_FRAMES_PER_SAMPLE 2

struct sample {
    int held;                  /* another driver holds the device: nothing else is valid */
    struct sgpu_info info;
    struct sgpu_status st;
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
            "Shows the device's engines (present, running, responsive), contexts (live, in\n"
            "error), control frames done, events posted and lost, uptime, and the rates\n"
            "between two samples; refreshes every interval until interrupted. Per-context\n"
            "activity of other programs is not visible yet (docs/cli.md says why).\n"
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

/* Opens, samples, closes. Returns 0, or a library code (SGPU_ERR_BUSY: held). */
static int take_sample(const char *uri, struct sample *s)
{
    sgpu_dev *dev;
    memset(s, 0, sizeof *s);
    int rc = sgpu_open(uri, &dev);
    if (rc == SGPU_ERR_BUSY) {
        s->held = 1;
        return 0;
    }
    if (rc)
        return rc;
    rc = sgpu_identify(dev, &s->info);
    if (!rc)
        rc = sgpu_ctl_query_status(dev, &s->st);
    if (!rc)
        s->have_cycles = sgpu_device_cycles(dev, &s->cycles, &s->wall_ns) == SGPU_OK;
    sgpu_close(dev);
    return rc;
}

static double rate(uint64_t now, uint64_t before, double seconds)
{
    return seconds > 0 && now >= before ? (double)(now - before) / seconds : 0;
}

static void print_text(const char *uri, const struct sample *s, const struct sample *prev,
                       double seconds)
{
    printf("sgpu top  %s\n", uri);
    if (s->held) {
        printf("device held by another driver (one at a time): no sample\n");
        return;
    }
    const struct sgpu_status *st = &s->st;
    printf("firmware  %s, protocol %u.%u, uptime %llu cycles\n",
           sgpu_fw_state_name(s->info.fw_state), st->version_major, st->version_minor,
           (unsigned long long)st->uptime_cycles);
    if (prev && s->have_cycles && prev->have_cycles && s->wall_ns > prev->wall_ns)
        printf("simulator clock %.0f device cycles/s since the last sample (it runs only while "
               "a driver is connected)\n",
               rate(s->cycles, prev->cycles, (double)(s->wall_ns - prev->wall_ns) * 1e-9));
    printf("\n%-8s %-4s %-8s %-8s %s\n", "engine", "node", "present", "running", "responsive");
    for (unsigned bit = 0; bit < 32; bit++) {
        if (!(st->engines_present & (1u << bit)))
            continue;
        printf("%-8s %-4u %-8s %-8s %s\n", engine_name(bit / 8), bit / 8, "yes",
               (st->engines_running >> bit) & 1 ? "yes" : "no",
               (st->engines_responsive >> bit) & 1 ? "yes" : "no");
    }
    printf("\ncontexts  %u live, %u in error, of %u\n", st->contexts_live, st->contexts_in_error,
           st->max_contexts);
    printf("frames    %u done", st->frames_done);
    if (prev && !prev->held && st->frames_done >= prev->st.frames_done)
        printf(", %.1f/s by other drivers",
               rate(st->frames_done - OWN_FRAMES_PER_SAMPLE, prev->st.frames_done, seconds));
    printf("\nevents    %u posted, %u lost\n", st->events_posted, st->events_lost);
    printf("per context: not visible (no per-context counters in STATUS yet)\n");
}

static void print_json(const char *uri, const struct sample *s, const struct sample *prev,
                       double seconds)
{
    struct json j;
    const struct sgpu_status *st = &s->st;
    char version[16];
    json_init(&j, stdout);
    json_object(&j, NULL);
    json_string(&j, "uri", uri);
    json_bool(&j, "held_by_other_driver", s->held);
    if (!s->held) {
        json_string(&j, "firmware_state", sgpu_fw_state_name(s->info.fw_state));
        snprintf(version, sizeof version, "%u.%u", st->version_major, st->version_minor);
        json_string(&j, "protocol_version", version);
        json_uint(&j, "uptime_cycles", st->uptime_cycles);
        json_array(&j, "engines");
        for (unsigned bit = 0; bit < 32; bit++) {
            if (!(st->engines_present & (1u << bit)))
                continue;
            json_object(&j, NULL);
            json_string(&j, "name", engine_name(bit / 8));
            json_uint(&j, "node", bit / 8);
            json_uint(&j, "engine", bit % 8);
            json_bool(&j, "running", (st->engines_running >> bit) & 1);
            json_bool(&j, "responsive", (st->engines_responsive >> bit) & 1);
            json_end(&j, '}');
        }
        json_end(&j, ']');
        json_object(&j, "contexts");
        json_uint(&j, "max", st->max_contexts);
        json_uint(&j, "live", st->contexts_live);
        json_uint(&j, "in_error", st->contexts_in_error);
        json_end(&j, '}');
        json_uint(&j, "frames_done", st->frames_done);
        json_uint(&j, "events_posted", st->events_posted);
        json_uint(&j, "events_lost", st->events_lost);
        if (s->have_cycles)
            json_uint(&j, "device_cycles", s->cycles);
        if (prev && !prev->held && s->have_cycles && prev->have_cycles && s->wall_ns > prev->wall_ns)
            json_double(&j, "device_cycles_per_s",
                        rate(s->cycles, prev->cycles, (double)(s->wall_ns - prev->wall_ns) * 1e-9));
        if (prev && !prev->held && st->frames_done >= prev->st.frames_done + OWN_FRAMES_PER_SAMPLE)
            json_double(&j, "other_frames_per_s",
                        rate(st->frames_done - OWN_FRAMES_PER_SAMPLE, prev->st.frames_done, seconds));
    }
    json_end(&j, '}');
    json_finish(&j);
}

static void sleep_ms(unsigned ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000};
    nanosleep(&ts, NULL); /* a signal ends it early, which is what we want */
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
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

    /* Without --uri: the default socket, and the first sample may start the simulator. */
    char device[160], sock[128];
    if (uri) {
        snprintf(device, sizeof device, "%s", uri);
    } else if (sgpu_default_sim_socket(sock, sizeof sock) == SGPU_OK) {
        snprintf(device, sizeof device, "sim:%s", sock);
    } else {
        fprintf(stderr, "%s top: %s\n", cli_prog, sgpu_last_error());
        return CLI_FAIL;
    }
    struct sample probe;
    int rc = take_sample(device, &probe), have_probe = rc == 0;
    if (rc == SGPU_ERR_CONNECT && !uri) {
        sgpu_dev *dev = cli_open(NULL);
        if (!dev)
            return CLI_FAIL;
        sgpu_close(dev);
    } else if (rc) {
        fprintf(stderr, "%s top: %s (%s)\n", cli_prog, sgpu_last_error(), sgpu_errname(rc));
        return CLI_FAIL;
    }

    struct sigaction sa = {.sa_handler = on_signal};
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    int clear = !json && count != 1 && isatty(STDOUT_FILENO);
    struct sample samples[2];
    struct sample *prev = NULL;
    double prev_t = 0;
    for (long n = 0; !stop_requested && (count == 0 || n < count); n++) {
        if (n)
            sleep_ms((unsigned)interval);
        if (stop_requested)
            break;
        struct sample *s = &samples[n & 1];
        double t = now_s();
        if (n == 0 && have_probe)
            *s = probe; /* the first sample is the one taken to find the device */
        else if ((rc = take_sample(device, s)) != 0) {
            fprintf(stderr, "%s top: %s (%s)\n", cli_prog, sgpu_last_error(), sgpu_errname(rc));
            return CLI_FAIL;
        }
        if (clear)
            printf("\033[H\033[J");
        else if (n && !json)
            printf("\n");
        if (json)
            print_json(device, s, prev, t - prev_t);
        else
            print_text(device, s, prev, t - prev_t);
        fflush(stdout);
        prev = s->held ? NULL : s;
        prev_t = t;
    }
    return CLI_OK;
}
