/* error.c: names and sentences for libsgpu's result codes, and the last failure's detail. */
/* SPDX-License-Identifier: Apache-2.0 */
#include <stdarg.h>
#include <stdio.h>

#include "error.h"
#include "sgpu.h"

struct code_text {
    const char *name;
    const char *text;
};

/* Indexed by -code (SGPU_PENDING apart). */
static const struct code_text codes[] = {
    [0] = {"SGPU_OK", "success"},
    [-SGPU_ERR_INVALID] = {"SGPU_ERR_INVALID", "invalid argument or malformed URI"},
    [-SGPU_ERR_NO_DEVICE] = {"SGPU_ERR_NO_DEVICE", "no such device"},
    [-SGPU_ERR_CONNECT] = {"SGPU_ERR_CONNECT", "cannot reach the device (is the simulator running?)"},
    [-SGPU_ERR_TIMEOUT] = {"SGPU_ERR_TIMEOUT", "timed out"},
    [-SGPU_ERR_RANGE] = {"SGPU_ERR_RANGE", "offset outside BAR0 or outside the buffer"},
    [-SGPU_ERR_ALIGN] = {"SGPU_ERR_ALIGN", "offset, address or length not aligned"},
    [-SGPU_ERR_NOMEM] = {"SGPU_ERR_NOMEM", "out of memory"},
    [-SGPU_ERR_IO] = {"SGPU_ERR_IO", "link or transport failure"},
    [-SGPU_ERR_BUSY] = {"SGPU_ERR_BUSY", "another driver holds the device"},
    [-SGPU_ERR_UNSUPPORTED] = {"SGPU_ERR_UNSUPPORTED", "not supported on this transport or device"},
    [-SGPU_ERR_VERSION] = {"SGPU_ERR_VERSION", "device or protocol version not supported"},
    [-SGPU_ERR_DEVICE] = {"SGPU_ERR_DEVICE", "the device answered with an error"},
    [-SGPU_ERR_DMA] = {"SGPU_ERR_DMA", "DMA transfer failed"},
    [-SGPU_ERR_CTX_ERROR] = {"SGPU_ERR_CTX_ERROR", "the context is in error and runs no more work"},
    [-SGPU_ERR_DEVICE_LOST] = {"SGPU_ERR_DEVICE_LOST", "the device is lost and needs a reset"},
    [-SGPU_ERR_STATE] = {"SGPU_ERR_STATE", "not allowed in the current state"},
    [-SGPU_ERR_READ_ONLY] = {"SGPU_ERR_READ_ONLY", "the device is open as an observer: read-only"},
};

static const struct code_text *lookup(int code)
{
    if (code == SGPU_PENDING) {
        static const struct code_text pending = {"SGPU_PENDING", "operation in progress"};
        return &pending;
    }
    if (code > 0 || code < SGPU_ERR_LAST)
        return NULL;
    return &codes[-code];
}

const char *sgpu_errname(int code)
{
    const struct code_text *c = lookup(code);
    return c ? c->name : "SGPU_ERR_UNKNOWN";
}

const char *sgpu_strerror(int code)
{
    static _Thread_local char unknown[32];
    const struct code_text *c = lookup(code);
    if (c)
        return c->text;
    snprintf(unknown, sizeof unknown, "unknown error %d", code);
    return unknown;
}

static _Thread_local char detail[256];

const char *sgpu_last_error(void)
{
    return detail;
}

void sgpu_clear_error(void)
{
    detail[0] = '\0';
}

int sgpu_fail(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    return code;
}
