/* uri.h: parsing and checking device URIs (sim:[PATH], vfio:DDDD:BB:DD.F, uart:DEVICE). */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_URI_H
#define SGPU_URI_H

#include <stddef.h>

enum sgpu_uri_kind {
    SGPU_URI_SIM,
    SGPU_URI_VFIO,
    SGPU_URI_UART,
};

/* A sim socket path must fit struct sockaddr_un's sun_path (108 bytes with its NUL). */
#define SGPU_URI_SOCKET_MAX 107
#define SGPU_URI_DEVICE_MAX 120

struct sgpu_uri {
    enum sgpu_uri_kind kind;
    char text[128];   /* canonical form: "sim:/path", "vfio:0000:01:00.0", "uart:/dev/ttyUSB0" */
    char path[SGPU_URI_DEVICE_MAX + 1]; /* sim: the socket; uart: the serial device */
    char bdf[13];     /* vfio: "0000:01:00.0", lower-case hex */
    unsigned domain, bus, dev, func;
};

/* Parses text (NULL or "" mean the default simulator socket). Returns SGPU_OK or
 * SGPU_ERR_INVALID with a detail in sgpu_last_error(). */
int sgpu_uri_parse(const char *text, struct sgpu_uri *out);

#endif /* SGPU_URI_H */
