/* adapter.c: `sgpu adapter`: adapter reset with a firmware reload, and the firmware's state. */
/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "sgpu_regs.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: sgpu adapter reset [--uri URI] [--firmware FILE]\n"
            "       sgpu adapter status [--uri URI]\n"
            "\n"
            "reset   holds the control core, the command processor and the engines in reset\n"
            "        (FW block), writes the firmware image into the control core's memory,\n"
            "        reads it back and compares, releases them and waits for the firmware to\n"
            "        run. Every context on the device is lost; VRAM keeps its contents.\n"
            "status  the firmware's state (ID.FW_STATUS), its heartbeat (ID.HEARTBEAT), the\n"
            "        adapter resets so far (FW.RESETS) and whether the adapter is held.\n"
            "  --uri URI        the device (default: the local simulator, started if needed)\n"
            "  --firmware FILE  the image, an RV32 ELF file (default: $" SGPU_FIRMWARE_ENV ",\n"
            "                   else firmware/sgpu-fw.elf next to this program's bin/)\n"
            "  --help           this text\n");
}

static int report(int rc)
{
    fprintf(stderr, "%s adapter: %s (%s)\n", cli_prog,
            sgpu_last_error()[0] ? sgpu_last_error() : sgpu_strerror(rc), sgpu_errname(rc));
    return CLI_FAIL;
}

static int do_status(sgpu_dev *dev)
{
    struct sgpu_adapter_status st;
    int rc = sgpu_adapter_status(dev, &st);
    if (rc)
        return report(rc);
    unsigned state = (st.fw_status & SGPU_ID_FW_STATUS_STATE_MASK) >> SGPU_ID_FW_STATUS_STATE_SHIFT;
    unsigned code = (st.fw_status & SGPU_ID_FW_STATUS_CODE_MASK) >> SGPU_ID_FW_STATUS_CODE_SHIFT;
    if (code)
        printf("firmware    %s, code 0x%04x\n", sgpu_fw_state_name(state), code);
    else
        printf("firmware    %s\n", sgpu_fw_state_name(state));
    printf("heartbeat   %u\n", st.heartbeat);
    printf("resets      %u\n", st.resets);
    printf("held        %s\n", st.held ? "yes" : "no");
    return CLI_OK;
}

static int do_reset(sgpu_dev *dev, const char *firmware)
{
    char def[4096];
    if (!firmware) {
        int rc = sgpu_default_firmware(def, sizeof def);
        if (rc)
            return report(rc);
        firmware = def;
    }
    int rc = sgpu_adapter_reset(dev, firmware);
    if (rc)
        return report(rc);
    struct sgpu_adapter_status st;
    if ((rc = sgpu_adapter_status(dev, &st)))
        return report(rc);
    printf("adapter reset: firmware %s running (resets %u)\n", firmware, st.resets);
    return CLI_OK;
}

int cmd_adapter(int argc, char **argv)
{
    static const struct option opts[] = {
        {"uri", required_argument, NULL, 'u'},
        {"firmware", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *uri = NULL, *firmware = NULL;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
        switch (c) {
        case 'u':
            uri = optarg;
            break;
        case 'f':
            firmware = optarg;
            break;
        case 'h':
            usage(stdout);
            return CLI_OK;
        default:
            fprintf(stderr, "%s adapter: bad option '%s' (see sgpu adapter --help)\n", cli_prog,
                    argv[optind - 1]);
            return CLI_USAGE;
        }
    }
    /* Options may come after the action too. */
    const char *action = NULL;
    while (optind < argc) {
        if (!action && argv[optind][0] != '-') {
            action = argv[optind++];
            continue;
        }
        c = getopt_long(argc, argv, "+h", opts, NULL);
        if (c == -1) {
            fprintf(stderr, "%s adapter: unexpected argument '%s'\n", cli_prog, argv[optind]);
            return CLI_USAGE;
        }
        if (c == 'u')
            uri = optarg;
        else if (c == 'f')
            firmware = optarg;
        else if (c == 'h') {
            usage(stdout);
            return CLI_OK;
        } else {
            fprintf(stderr, "%s adapter: bad option '%s' (see sgpu adapter --help)\n", cli_prog,
                    argv[optind - 1]);
            return CLI_USAGE;
        }
    }
    if (!action) {
        fprintf(stderr, "%s adapter: say reset or status (see sgpu adapter --help)\n", cli_prog);
        return CLI_USAGE;
    }
    int reset = strcmp(action, "reset") == 0;
    if (!reset && strcmp(action, "status") != 0) {
        fprintf(stderr, "%s adapter: unknown action '%s' (reset or status)\n", cli_prog, action);
        return CLI_USAGE;
    }
    if (!reset && firmware) {
        fprintf(stderr, "%s adapter: --firmware goes with reset only\n", cli_prog);
        return CLI_USAGE;
    }
    sgpu_dev *dev = cli_open(uri);
    if (!dev)
        return CLI_FAIL;
    int status = reset ? do_reset(dev, firmware) : do_status(dev);
    sgpu_close(dev);
    return status;
}
