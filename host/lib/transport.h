/* transport.h: the one small interface behind which libsgpu reaches a device. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_TRANSPORT_H
#define SGPU_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>

#include "sgpu.h"
#include "uri.h"

/* A DMA buffer as the library keeps it: the public part first. */
struct dma_buf {
    struct sgpu_dma_buf pub;
    uint64_t offset;        /* the transport's own handle (e.g. offset in the shared memory) */
    struct dma_buf *next;   /* every live buffer, so that close frees them */
};

/*
 * Every operation returns SGPU_OK or a negative SGPU_ERR_*. The generic layer (sgpu.c) has
 * already checked arguments: offsets are 4-aligned and inside BAR0, sizes are whole pages.
 * A transport keeps its state behind `priv`.
 */
struct transport_ops {
    const char *name;
    int (*open)(struct sgpu_dev *dev, const struct sgpu_uri *uri,
                const struct sgpu_open_options *opts);
    /* optional: stop the device from mastering, before close frees the DMA buffers */
    void (*quiesce)(struct sgpu_dev *dev);
    void (*close)(struct sgpu_dev *dev);
    int (*read32)(struct sgpu_dev *dev, uint32_t offset, uint32_t *value);
    int (*write32)(struct sgpu_dev *dev, uint32_t offset, uint32_t value);
    /* fill b->pub.cpu, b->pub.bus and b->offset for b->pub.size bytes */
    int (*dma_alloc)(struct sgpu_dev *dev, struct dma_buf *b);
    void (*dma_free)(struct sgpu_dev *dev, struct dma_buf *b);
    int (*irq_wait)(struct sgpu_dev *dev, unsigned timeout_ms, unsigned *vector);
    int (*cycles)(struct sgpu_dev *dev, uint64_t *cycles, uint64_t *wall_ns);
    /* PCI identity and configuration (discover.h), for sgpu_identify */
    int (*pci_info)(struct sgpu_dev *dev, struct sgpu_info *info);
};

struct sgpu_dev {
    const struct transport_ops *ops;
    void *priv;
    struct sgpu_uri uri;
    uint32_t bar0_size;
    unsigned timeout_ms;
    int observer;           /* opened with sgpu_open_observer: BAR0 reads only */
    struct dma_buf *bufs;
    struct gpu *gpu;        /* contexts, rings, VRAM (gpu.h): NULL until first used */
};

extern const struct transport_ops sgpu_transport_sim;
extern const struct transport_ops sgpu_transport_vfio;
extern const struct transport_ops sgpu_transport_uart;

#endif /* SGPU_TRANSPORT_H */
