/* uri.c: parsing and checking device URIs. */
/* SPDX-License-Identifier: Apache-2.0 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "sgpu.h"
#include "uri.h"

int sgpu_default_sim_socket(char *buf, size_t size)
{
    const char *dir = getenv("XDG_RUNTIME_DIR");
    if (!buf || size == 0)
        return sgpu_fail(SGPU_ERR_INVALID, "no buffer for the socket path");
    if (!dir || !dir[0])
        dir = "/tmp";
    int n = snprintf(buf, size, "%s/sgpu-sim.sock", dir);
    if (n < 0 || (size_t)n >= size || n > SGPU_URI_SOCKET_MAX) {
        buf[0] = '\0';
        return sgpu_fail(SGPU_ERR_INVALID, "default socket path under '%s' longer than %d bytes",
                         dir, SGPU_URI_SOCKET_MAX);
    }
    return SGPU_OK;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* n hex digits at s; -1 if any is not one. */
static long hexfield(const char *s, int n)
{
    long v = 0;
    for (int i = 0; i < n; i++) {
        int d = hexval(s[i]);
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* Exactly DDDD:BB:DD.F: 4, 2 and 2 hex digits, device at most 0x1f, function 0-7. */
static int parse_bdf(const char *s, struct sgpu_uri *u)
{
    long dom, bus, dev;
    if (strlen(s) != 12 || s[4] != ':' || s[7] != ':' || s[10] != '.')
        goto bad;
    dom = hexfield(s, 4);
    bus = hexfield(s + 5, 2);
    dev = hexfield(s + 8, 2);
    if (dom < 0 || bus < 0 || dev < 0 || dev > 0x1f || s[11] < '0' || s[11] > '7')
        goto bad;
    u->domain = (unsigned)dom;
    u->bus = (unsigned)bus;
    u->dev = (unsigned)dev;
    u->func = (unsigned)(s[11] - '0');
    snprintf(u->bdf, sizeof u->bdf, "%04x:%02x:%02x.%u", u->domain & 0xffff, u->bus & 0xff,
             u->dev & 0xff, u->func & 7);
    return SGPU_OK;
bad:
    return sgpu_fail(SGPU_ERR_INVALID,
                     "'vfio:%s': expected vfio:DDDD:BB:DD.F (hex domain, bus, device <= 1f, "
                     "function 0-7)", s);
}

int sgpu_uri_parse(const char *text, struct sgpu_uri *out)
{
    if (!out)
        return sgpu_fail(SGPU_ERR_INVALID, "no URI result");
    memset(out, 0, sizeof *out);
    if (!text || !text[0])
        text = "sim:";

    if (strncmp(text, "sim:", 4) == 0) {
        const char *path = text + 4;
        out->kind = SGPU_URI_SIM;
        if (!path[0]) {
            int rc = sgpu_default_sim_socket(out->path, sizeof out->path);
            if (rc)
                return rc;
        } else if (strlen(path) > SGPU_URI_SOCKET_MAX) {
            return sgpu_fail(SGPU_ERR_INVALID,
                             "'sim:' socket path is %zu bytes; a Unix socket path holds at most %d",
                             strlen(path), SGPU_URI_SOCKET_MAX);
        } else {
            strcpy(out->path, path);
        }
        snprintf(out->text, sizeof out->text, "sim:%s", out->path);
        return SGPU_OK;
    }
    if (strncmp(text, "vfio:", 5) == 0) {
        out->kind = SGPU_URI_VFIO;
        int rc = parse_bdf(text + 5, out);
        if (rc)
            return rc;
        snprintf(out->text, sizeof out->text, "vfio:%s", out->bdf);
        return SGPU_OK;
    }
    if (strncmp(text, "uart:", 5) == 0) {
        const char *dev = text + 5;
        out->kind = SGPU_URI_UART;
        if (!dev[0])
            return sgpu_fail(SGPU_ERR_INVALID, "'uart:' needs a serial device, e.g. uart:/dev/ttyUSB0");
        if (strlen(dev) > SGPU_URI_DEVICE_MAX)
            return sgpu_fail(SGPU_ERR_INVALID, "'uart:' device path longer than %d bytes",
                             SGPU_URI_DEVICE_MAX);
        strcpy(out->path, dev);
        snprintf(out->text, sizeof out->text, "uart:%s", out->path);
        return SGPU_OK;
    }
    return sgpu_fail(SGPU_ERR_INVALID, "'%.60s': unknown URI; use sim:[PATH], vfio:DDDD:BB:DD.F "
                     "or uart:DEVICE", text);
}
