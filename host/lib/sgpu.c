/* sgpu.c: libsgpu's generic layer: open/close, the BAR0 register helpers, DMA buffers and
 * interrupts, with every argument checked before a transport sees it. */
/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alloc.h"
#include "error.h"
#include "gpu.h"
#include "sgpu.h"
#include "sgpu_regs.h"
#include "transport.h"

#define DEFAULT_TIMEOUT_MS 10000u

static const struct transport_ops *transport_for(enum sgpu_uri_kind kind)
{
    switch (kind) {
    case SGPU_URI_SIM:
        return &sgpu_transport_sim;
    case SGPU_URI_VFIO:
        return &sgpu_transport_vfio;
    case SGPU_URI_UART:
        return &sgpu_transport_uart;
    }
    return NULL;
}

/* The ID block says whether this is an sgpu and whether we know its register map. */
static int check_identity(sgpu_dev *dev)
{
    uint32_t magic, version;
    int rc = sgpu_read32(dev, SGPU_ID_BAR0_BASE + SGPU_ID_MAGIC_OFFSET, &magic);
    if (rc)
        return rc;
    if (magic != SGPU_ID_MAGIC_RESET)
        return sgpu_fail(SGPU_ERR_NO_DEVICE, "%s: ID.MAGIC reads 0x%08x, not 0x%08x: not an sgpu",
                         dev->uri.text, magic, SGPU_ID_MAGIC_RESET);
    rc = sgpu_read32(dev, SGPU_ID_BAR0_BASE + SGPU_ID_VERSION_OFFSET, &version);
    if (rc)
        return rc;
    unsigned major = (version & SGPU_ID_VERSION_MAJOR_MASK) >> SGPU_ID_VERSION_MAJOR_SHIFT;
    unsigned known = (SGPU_ID_VERSION_RESET & SGPU_ID_VERSION_MAJOR_MASK) >> SGPU_ID_VERSION_MAJOR_SHIFT;
    if (major != known)
        return sgpu_fail(SGPU_ERR_VERSION, "%s: register map version %u.x; this library knows %u.x",
                         dev->uri.text, major, known);
    return SGPU_OK;
}

/* A transfer an earlier driver left running (it exited or was killed mid-transfer) ends
 * before this driver gets any memory: its last writes land in memory no buffer uses yet,
 * and every new buffer is cleared. */
static int wait_dma_idle(sgpu_dev *dev)
{
    uint32_t status;
    int rc = sgpu_wait32(dev, SGPU_DMA_BAR0_BASE + SGPU_DMA_STATUS_OFFSET, SGPU_DMA_STATUS_BUSY_MASK,
                         0, dev->timeout_ms, &status);
    if (rc == SGPU_ERR_TIMEOUT)
        return sgpu_fail(SGPU_ERR_BUSY, "%s: a DMA transfer started by an earlier driver has not "
                         "ended in %u ms", dev->uri.text, dev->timeout_ms);
    return rc;
}

int sgpu_open_with(const char *uri, const struct sgpu_open_options *opts, sgpu_dev **out)
{
    struct sgpu_open_options o = {0};
    sgpu_dev *dev;
    int rc;

    if (!out)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_open: no result pointer");
    *out = NULL;
    if (opts)
        o = *opts;
    if (o.timeout_ms == 0)
        o.timeout_ms = DEFAULT_TIMEOUT_MS;
    dev = calloc(1, sizeof *dev);
    if (!dev)
        return sgpu_fail(SGPU_ERR_NOMEM, "sgpu_open: out of memory");
    rc = sgpu_uri_parse(uri, &dev->uri);
    if (rc)
        goto fail_uri;
    dev->ops = transport_for(dev->uri.kind);
    dev->timeout_ms = o.timeout_ms;
    dev->observer = o.observer != 0;
    if (dev->observer && dev->uri.kind != SGPU_URI_SIM) {
        /* vfio: an observer would mmap BAR0 read-only through sysfs (resource0), which
         * needs no VFIO group; not done yet (docs/cli.md) */
        rc = sgpu_fail(SGPU_ERR_UNSUPPORTED, "%s: an observer needs the sim transport", uri);
        goto fail_uri;
    }
    dev->bar0_size = 1u << SGPU_CFG_BAR0_BITS;
    rc = dev->ops->open(dev, &dev->uri, &o);
    if (rc)
        goto fail_uri;
    rc = check_identity(dev);
    if (rc)
        goto fail_identity;
    rc = dev->observer ? SGPU_OK : wait_dma_idle(dev); /* the driver's business */
    if (rc)
        goto fail_identity;
    sgpu_clear_error();
    *out = dev;
    return SGPU_OK;

fail_identity:
    dev->ops->close(dev);
fail_uri:
    free(dev);
    return rc;
}

int sgpu_open(const char *uri, sgpu_dev **out)
{
    return sgpu_open_with(uri, NULL, out);
}

int sgpu_open_observer(const char *uri, sgpu_dev **out)
{
    struct sgpu_open_options o = {.observer = 1};
    return sgpu_open_with(uri, &o, out);
}

void sgpu_close(sgpu_dev *dev)
{
    if (!dev)
        return;
    gpu_release(dev); /* contexts are destroyed while the device still masters */
    if (dev->ops->quiesce)
        dev->ops->quiesce(dev);
    while (dev->bufs)
        sgpu_dma_free(dev, &dev->bufs->pub);
    dev->ops->close(dev);
    free(dev);
}

uint32_t sgpu_bar0_size(const sgpu_dev *dev)
{
    return dev ? dev->bar0_size : 0;
}

/* The checks every BAR0 access passes before it reaches a transport. */
static int check_offset(const sgpu_dev *dev, uint32_t offset, const char *what)
{
    if (!dev)
        return sgpu_fail(SGPU_ERR_INVALID, "%s: no device", what);
    if (offset % 4 != 0)
        return sgpu_fail(SGPU_ERR_ALIGN, "%s: BAR0 offset 0x%x is not 4-aligned", what, offset);
    if (offset >= dev->bar0_size)
        return sgpu_fail(SGPU_ERR_RANGE, "%s: offset 0x%x is outside BAR0 (0x%x bytes)", what,
                         offset, dev->bar0_size);
    return SGPU_OK;
}

int sgpu_read32(sgpu_dev *dev, uint32_t offset, uint32_t *value)
{
    int rc = check_offset(dev, offset, "sgpu_read32");
    if (rc)
        return rc;
    if (!value)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_read32: no result pointer");
    return dev->ops->read32(dev, offset, value);
}

int sgpu_write32(sgpu_dev *dev, uint32_t offset, uint32_t value)
{
    int rc = check_offset(dev, offset, "sgpu_write32");
    if (rc)
        return rc;
    if (dev->observer)
        return sgpu_fail(SGPU_ERR_READ_ONLY, "sgpu_write32: BAR0 0x%x: the device is open as an "
                         "observer (reads only)", offset);
    return dev->ops->write32(dev, offset, value);
}

int sgpu_set32(sgpu_dev *dev, uint32_t offset, uint32_t bits)
{
    uint32_t v;
    int rc = sgpu_read32(dev, offset, &v);
    return rc ? rc : sgpu_write32(dev, offset, v | bits);
}

int sgpu_clear32(sgpu_dev *dev, uint32_t offset, uint32_t bits)
{
    uint32_t v;
    int rc = sgpu_read32(dev, offset, &v);
    return rc ? rc : sgpu_write32(dev, offset, v & ~bits);
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int sgpu_wait32(sgpu_dev *dev, uint32_t offset, uint32_t mask, uint32_t expect,
                unsigned timeout_ms, uint32_t *last)
{
    uint64_t deadline = now_ns() + (uint64_t)timeout_ms * 1000000u;
    /* Poll at once, then back off from 1 us to 1 ms: fast for short waits, gentle on long
     * ones. Every read is itself a round trip on the link. */
    long pause_ns = 1000;
    uint32_t v = 0;
    for (unsigned polls = 0;; polls++) {
        int rc = sgpu_read32(dev, offset, &v);
        if (last)
            *last = v;
        if (rc)
            return rc;
        if ((v & mask) == expect)
            return SGPU_OK;
        if (now_ns() >= deadline)
            return sgpu_fail(SGPU_ERR_TIMEOUT, "BAR0 0x%x reads 0x%08x: (value & 0x%08x) != 0x%08x "
                             "after %u ms", offset, v, mask, expect, timeout_ms);
        if (polls >= 16) {
            struct timespec ts = {0, pause_ns};
            nanosleep(&ts, NULL);
            if (pause_ns < 1000000)
                pause_ns *= 2;
        }
    }
}

int sgpu_dma_alloc(sgpu_dev *dev, size_t bytes, struct sgpu_dma_buf **out)
{
    struct dma_buf *b;
    int rc;

    if (!out)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_dma_alloc: no result pointer");
    *out = NULL;
    if (!dev)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_dma_alloc: no device");
    if (dev->observer)
        return sgpu_fail(SGPU_ERR_READ_ONLY, "sgpu_dma_alloc: the device is open as an observer "
                         "(no host memory)");
    if (bytes == 0 || bytes > SIZE_MAX - SGPU_PAGE)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_dma_alloc: size %zu", bytes);
    b = calloc(1, sizeof *b);
    if (!b)
        return sgpu_fail(SGPU_ERR_NOMEM, "sgpu_dma_alloc: out of memory");
    b->pub.size = (bytes + SGPU_PAGE - 1) & ~(size_t)(SGPU_PAGE - 1);
    rc = dev->ops->dma_alloc(dev, b);
    if (rc) {
        free(b);
        return rc;
    }
    b->next = dev->bufs;
    dev->bufs = b;
    *out = &b->pub;
    return SGPU_OK;
}

void sgpu_dma_free(sgpu_dev *dev, struct sgpu_dma_buf *buf)
{
    if (!dev || !buf)
        return;
    /* Only buffers of this device are released; anything else is left alone. */
    for (struct dma_buf **p = &dev->bufs; *p; p = &(*p)->next) {
        if (&(*p)->pub == buf) {
            struct dma_buf *b = *p;
            *p = b->next;
            dev->ops->dma_free(dev, b);
            free(b);
            return;
        }
    }
}

int sgpu_irq_wait(sgpu_dev *dev, unsigned timeout_ms, unsigned *vector)
{
    if (!dev || !vector)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_irq_wait: no device or result pointer");
    if (dev->observer)
        return sgpu_fail(SGPU_ERR_READ_ONLY, "sgpu_irq_wait: an observer gets no interrupts");
    return dev->ops->irq_wait(dev, timeout_ms, vector);
}

int sgpu_device_cycles(sgpu_dev *dev, uint64_t *cycles, uint64_t *wall_ns)
{
    if (!dev)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_device_cycles: no device");
    if (!dev->ops->cycles)
        return sgpu_fail(SGPU_ERR_UNSUPPORTED, "%s: device cycles are known only on a simulator",
                         dev->uri.text);
    uint64_t c = 0, ns = 0;
    int rc = dev->ops->cycles(dev, &c, &ns);
    if (rc)
        return rc;
    if (cycles)
        *cycles = c;
    if (wall_ns)
        *wall_ns = ns;
    return SGPU_OK;
}
