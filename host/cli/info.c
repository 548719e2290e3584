/* info.c: `sgpu info`: who the device is and how its link and firmware are doing. */
/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "json.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: sgpu info [--uri URI] [--json]\n"
            "\n"
            "Prints the device's identity (ID.MAGIC), register map version, capabilities,\n"
            "firmware state, PCI identity, BAR0 size, link parameters and transport.\n"
            "  --uri URI   the device (default: the local simulator, started if needed)\n"
            "  --json      one JSON object instead (keys: docs/libsgpu.md)\n"
            "  --help      this text\n");
}

static void caps_text(uint32_t caps, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
    for (unsigned bit = 0; bit < 32; bit++) {
        if (!(caps & (1u << bit)))
            continue;
        const char *name = sgpu_cap_name(bit);
        char unnamed[16];
        if (!name) {
            snprintf(unnamed, sizeof unnamed, "bit%u", bit);
            name = unnamed;
        }
        n += (size_t)snprintf(buf + n, n < size ? size - n : 0, "%s%s", n ? " " : "", name);
    }
    if (n == 0)
        snprintf(buf, size, "none");
}

static void print_human(const struct sgpu_info *i)
{
    char caps[256];
    caps_text(i->caps, caps, sizeof caps);
    printf("device      %s (transport %s)\n", i->uri, i->transport);
    printf("identity    sgpu (ID.MAGIC 0x%08x)\n", i->magic);
    printf("registers   map version %u.%u.%u\n", i->version_major, i->version_minor, i->version_patch);
    printf("caps        %s (0x%08x)\n", caps, i->caps);
    if (i->fw_code)
        printf("firmware    %s, code 0x%04x\n", sgpu_fw_state_name(i->fw_state), i->fw_code);
    else
        printf("firmware    %s\n", sgpu_fw_state_name(i->fw_state));
    printf("pci         %s  %04x:%04x rev %02x  subsystem %04x:%04x  class %06x\n", i->pci_address,
           i->vendor_id, i->device_id, i->revision, i->subsys_vendor_id, i->subsys_id, i->class_code);
    printf("bar0        %llu KiB\n", (unsigned long long)(i->bar0_size >> 10));
    printf("link        %s x%u, max payload %u bytes, max read request %u bytes, bus master %s\n",
           sgpu_link_speed_name(i->link_speed), i->link_width, i->max_payload_bytes,
           i->max_read_req_bytes, i->bus_master ? "on" : "off");
    printf("msi         %u vectors granted of %u\n", i->msi_vectors, i->msi_vectors_capable);
}

static void print_json(const struct sgpu_info *i)
{
    struct json j;
    char version[32];
    json_init(&j, stdout);
    json_object(&j, NULL);
    json_string(&j, "uri", i->uri);
    json_string(&j, "transport", i->transport);
    json_uint(&j, "magic", i->magic);
    snprintf(version, sizeof version, "%u.%u.%u", i->version_major, i->version_minor, i->version_patch);
    json_string(&j, "version", version);
    json_uint(&j, "caps", i->caps);
    json_array(&j, "cap_names");
    for (unsigned bit = 0; bit < 32; bit++)
        if ((i->caps & (1u << bit)) && sgpu_cap_name(bit))
            json_string(&j, NULL, sgpu_cap_name(bit));
    json_end(&j, ']');
    json_object(&j, "firmware");
    json_string(&j, "state", sgpu_fw_state_name(i->fw_state));
    json_uint(&j, "code", i->fw_code);
    json_uint(&j, "status", i->fw_status);
    json_end(&j, '}');
    json_object(&j, "pci");
    json_string(&j, "address", i->pci_address);
    json_uint(&j, "vendor_id", i->vendor_id);
    json_uint(&j, "device_id", i->device_id);
    json_uint(&j, "subsys_vendor_id", i->subsys_vendor_id);
    json_uint(&j, "subsys_id", i->subsys_id);
    json_uint(&j, "revision", i->revision);
    json_uint(&j, "class_code", i->class_code);
    json_uint(&j, "bar0_size", i->bar0_size);
    json_end(&j, '}');
    json_object(&j, "link");
    json_string(&j, "speed", sgpu_link_speed_name(i->link_speed));
    json_uint(&j, "width", i->link_width);
    json_uint(&j, "max_payload_bytes", i->max_payload_bytes);
    json_uint(&j, "max_read_request_bytes", i->max_read_req_bytes);
    json_uint(&j, "msi_vectors", i->msi_vectors);
    json_uint(&j, "msi_vectors_capable", i->msi_vectors_capable);
    json_bool(&j, "bus_master", i->bus_master);
    json_end(&j, '}');
    json_end(&j, '}');
    json_finish(&j);
}

int cmd_info(int argc, char **argv)
{
    static const struct option opts[] = {
        {"uri", required_argument, NULL, 'u'},
        {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *uri = NULL;
    int json = 0, c;
    struct sgpu_info info;

    argv[0] = "sgpu info"; /* getopt's messages name the command */
    while ((c = getopt_long(argc, argv, "u:jh", opts, NULL)) != -1) {
        switch (c) {
        case 'u':
            uri = optarg;
            break;
        case 'j':
            json = 1;
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
        fprintf(stderr, "%s info: unexpected argument '%s'\n", cli_prog, argv[optind]);
        usage(stderr);
        return CLI_USAGE;
    }
    sgpu_dev *dev = cli_open(uri);
    if (!dev)
        return CLI_FAIL;
    int rc = sgpu_identify(dev, &info);
    sgpu_close(dev);
    if (rc) {
        fprintf(stderr, "%s info: %s (%s)\n", cli_prog,
                sgpu_last_error()[0] ? sgpu_last_error() : sgpu_strerror(rc), sgpu_errname(rc));
        return CLI_FAIL;
    }
    if (json)
        print_json(&info);
    else
        print_human(&info);
    return CLI_OK;
}
