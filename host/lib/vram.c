/* vram.c: VRAM as the host manages it: a first-fit allocator kept in host memory
 * (vram_heap.c) and copies through the DMA block (sgpu_link_dma) via a bounce buffer. */
/* SPDX-License-Identifier: Apache-2.0 */
#include <string.h>

#include "error.h"
#include "gpu.h"
#include "sgpu_regs.h"
#include "transport.h"

/* The bounce buffer: large enough that a transfer's set-up is small beside its data. */
#define BOUNCE_BYTES (1u << 20)

static int heap_of(sgpu_dev *dev, struct vram_heap **out)
{
    struct gpu *g = gpu_of(dev);
    if (!g)
        return SGPU_ERR_NOMEM;
    if (!g->heap_ready) {
        int rc = vram_heap_init(&g->heap, SGPU_CFG_VRAM_BYTES);
        if (rc)
            return rc;
        g->heap_ready = 1;
    }
    *out = &g->heap;
    return SGPU_OK;
}

int sgpu_vram_alloc(sgpu_dev *dev, uint32_t bytes, uint32_t align, uint32_t *addr)
{
    struct vram_heap *h;
    if (!dev || !addr)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_vram_alloc: no device or result pointer");
    int rc = heap_of(dev, &h);
    return rc ? rc : vram_heap_alloc(h, bytes, align ? align : VRAM_GRAIN, addr);
}

int sgpu_vram_free(sgpu_dev *dev, uint32_t addr)
{
    struct vram_heap *h;
    if (!dev)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_vram_free: no device");
    int rc = heap_of(dev, &h);
    return rc ? rc : vram_heap_free(h, addr);
}

uint32_t sgpu_vram_used(const sgpu_dev *dev)
{
    return dev && dev->gpu && dev->gpu->heap_ready ? dev->gpu->heap.used : 0;
}

static int check_transfer(const char *what, sgpu_dev *dev, uint32_t addr, const void *p,
                          size_t bytes)
{
    if (!dev || (!p && bytes))
        return sgpu_fail(SGPU_ERR_INVALID, "%s: no device or memory", what);
    if (addr % 8 || bytes % 8)
        return sgpu_fail(SGPU_ERR_ALIGN, "%s: VRAM address 0x%x and length %zu must be multiples "
                         "of 8", what, addr, bytes);
    if (addr > SGPU_CFG_VRAM_BYTES || bytes > SGPU_CFG_VRAM_BYTES - addr)
        return sgpu_fail(SGPU_ERR_RANGE, "%s: %zu bytes at 0x%x pass the end of VRAM (0x%x bytes)",
                         what, bytes, addr, SGPU_CFG_VRAM_BYTES);
    return SGPU_OK;
}

static int bounce_of(sgpu_dev *dev, struct sgpu_dma_buf **out)
{
    struct gpu *g = gpu_of(dev);
    if (!g)
        return SGPU_ERR_NOMEM;
    if (!g->bounce) {
        int rc = sgpu_dma_alloc(dev, BOUNCE_BYTES, &g->bounce);
        if (rc)
            return rc;
    }
    *out = g->bounce;
    return SGPU_OK;
}

int sgpu_vram_write(sgpu_dev *dev, uint32_t addr, const void *src, size_t bytes)
{
    struct sgpu_dma_buf *b;
    int rc = check_transfer("sgpu_vram_write", dev, addr, src, bytes);
    if (rc || bytes == 0 || (rc = bounce_of(dev, &b)))
        return rc;
    for (size_t done = 0; done < bytes;) {
        uint32_t n = bytes - done < BOUNCE_BYTES ? (uint32_t)(bytes - done) : BOUNCE_BYTES;
        memcpy(b->cpu, (const uint8_t *)src + done, n);
        if ((rc = sgpu_link_dma(dev, b, 0, addr + (uint32_t)done, n, 0, dev->timeout_ms, NULL)))
            return rc;
        done += n;
    }
    return SGPU_OK;
}

int sgpu_vram_read(sgpu_dev *dev, uint32_t addr, void *dst, size_t bytes)
{
    struct sgpu_dma_buf *b;
    int rc = check_transfer("sgpu_vram_read", dev, addr, dst, bytes);
    if (rc || bytes == 0 || (rc = bounce_of(dev, &b)))
        return rc;
    for (size_t done = 0; done < bytes;) {
        uint32_t n = bytes - done < BOUNCE_BYTES ? (uint32_t)(bytes - done) : BOUNCE_BYTES;
        if ((rc = sgpu_link_dma(dev, b, 0, addr + (uint32_t)done, n, SGPU_DMA_TO_HOST,
                                dev->timeout_ms, NULL)))
            return rc;
        memcpy((uint8_t *)dst + done, b->cpu, n);
        done += n;
    }
    return SGPU_OK;
}
