/* sgpu.c: the sgpu command-line tool: subcommands over libsgpu. */
/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "simproc.h"

const char *cli_prog = "sgpu";

/* How long a freshly started simulator may take to say it is listening, and how long it
 * lives on without a client. */
#define SIM_START_TIMEOUT_MS 30000
#define SIM_IDLE_EXIT_S "30"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: sgpu [--help] COMMAND [ARGS]\n"
            "\n"
            "commands:\n"
            "  info [--uri URI] [--json]   identity, register map version, capabilities,\n"
            "                              firmware status, PCI identity and link parameters\n"
            "  run [OPTIONS] FILE          run a workload file: contexts, buffers, copies,\n"
            "                              kernels, checks (docs/cli.md)\n"
            "  top [OPTIONS]               engines, contexts and counters, refreshed\n"
            "  ctx suspend|resume ID       suspend or resume a hardware context\n"
            "  engine reset|resume|status NODE\n"
            "                              reset, resume or look at an engine\n"
            "  adapter reset|status        adapter reset with a firmware reload; firmware state\n"
            "  tdr [show|watch]            the TDR log; or run the watchdog over the device\n"
            "\n"
            "URI: sim:[PATH] (sgpu-sim on a Unix socket), vfio:DDDD:BB:DD.F (Linux VFIO),\n"
            "     uart:DEVICE (serial link). Without --uri: the local simulator on the default\n"
            "     socket, started in the background if none is listening.\n"
            "`sgpu COMMAND --help` describes a command.\n");
}

static sgpu_dev *open_or_report(const char *uri)
{
    sgpu_dev *dev;
    int rc = sgpu_open(uri, &dev);
    if (rc == SGPU_OK)
        return dev;
    /* the library's detail names the device */
    if (sgpu_last_error()[0])
        fprintf(stderr, "%s: %s (%s)\n", cli_prog, sgpu_last_error(), sgpu_errname(rc));
    else
        fprintf(stderr, "%s: %s: %s (%s)\n", cli_prog, uri, sgpu_strerror(rc), sgpu_errname(rc));
    return NULL;
}

sgpu_dev *cli_open(const char *uri)
{
    char sock[128], uri_buf[160], sim[4096], log[160], pidfile[160], err[512];
    struct simproc proc;
    sgpu_dev *dev;

    if (uri)
        return open_or_report(uri);
    if (sgpu_default_sim_socket(sock, sizeof sock) != SGPU_OK) {
        fprintf(stderr, "%s: %s\n", cli_prog, sgpu_last_error());
        return NULL;
    }
    snprintf(uri_buf, sizeof uri_buf, "sim:%s", sock);
    int rc = sgpu_open(uri_buf, &dev);
    if (rc == SGPU_OK)
        return dev;
    if (rc != SGPU_ERR_CONNECT)
        return open_or_report(uri_buf);

    /* Nothing listens: start a private simulator that leaves when idle. */
    if (simproc_next_to_self("sgpu-sim", sim, sizeof sim) != 0) {
        fprintf(stderr, "%s: cannot find sgpu-sim next to this program\n", cli_prog);
        return NULL;
    }
    /* its log and process id beside the socket: sgpu-sim.log, sgpu-sim.pid */
    int stem = (int)(strlen(sock) - strlen(".sock"));
    snprintf(log, sizeof log, "%.*s.log", stem, sock);
    snprintf(pidfile, sizeof pidfile, "%.*s.pid", stem, sock);
    const char *args[] = {"--idle-exit", SIM_IDLE_EXIT_S, NULL};
    if (simproc_start(&proc, sim, sock, log, args, SIM_START_TIMEOUT_MS, err, sizeof err) != 0) {
        fprintf(stderr, "%s: cannot start the simulator: %s\n", cli_prog, err);
        return NULL;
    }
    FILE *f = fopen(pidfile, "w");
    if (f) {
        fprintf(f, "%ld\n", (long)proc.pid);
        fclose(f);
    }
    return open_or_report(uri_buf);
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;

    /* '+': options after the command belong to the command */
    while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
        switch (c) {
        case 'h':
            usage(stdout);
            return CLI_OK;
        default:
            usage(stderr);
            return CLI_USAGE;
        }
    }
    if (optind >= argc) {
        usage(stderr);
        return CLI_USAGE;
    }
    const char *cmd = argv[optind];
    argc -= optind;
    argv += optind;
    optind = 1;
    if (strcmp(cmd, "info") == 0)
        return cmd_info(argc, argv);
    if (strcmp(cmd, "run") == 0)
        return cmd_run(argc, argv);
    if (strcmp(cmd, "top") == 0)
        return cmd_top(argc, argv);
    if (strcmp(cmd, "ctx") == 0)
        return cmd_ctx(argc, argv);
    if (strcmp(cmd, "engine") == 0)
        return cmd_engine(argc, argv);
    if (strcmp(cmd, "adapter") == 0)
        return cmd_adapter(argc, argv);
    if (strcmp(cmd, "tdr") == 0)
        return cmd_tdr(argc, argv);
    fprintf(stderr, "%s: unknown command '%s'\n", cli_prog, cmd);
    usage(stderr);
    return CLI_USAGE;
}
