/* kernel.c: kernel images (docs/kernels.md: flat, position independent, entry at byte 0)
 * read from a file or memory and uploaded to VRAM. */
/* SPDX-License-Identifier: Apache-2.0 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "gpu.h"
#include "sgpu_regs.h"
#include "transport.h"

/* Kernels start on a cache-line boundary (the ISA needs 4). */
#define KERNEL_ALIGN 64u

int sgpu_kernel_load_image(sgpu_dev *dev, const void *image, size_t bytes, sgpu_kernel **out)
{
    if (!out)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_kernel_load: no result pointer");
    *out = NULL;
    if (!dev || !image)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_kernel_load: no device or image");
    if (bytes == 0 || bytes > SGPU_CFG_VRAM_BYTES)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_kernel_load: an image of %zu bytes (VRAM has %u)",
                         bytes, SGPU_CFG_VRAM_BYTES);
    struct gpu *g = gpu_of(dev);
    if (!g)
        return SGPU_ERR_NOMEM;
    /* The DMA block moves whole 8-byte words: the image is padded with zeros. */
    size_t padded = (bytes + 7u) & ~(size_t)7u;
    uint8_t *copy = calloc(1, padded);
    sgpu_kernel *k = calloc(1, sizeof *k);
    int rc = SGPU_OK;
    if (!copy || !k) {
        rc = sgpu_fail(SGPU_ERR_NOMEM, "sgpu_kernel_load: out of memory");
        goto fail_mem;
    }
    memcpy(copy, image, bytes);
    if ((rc = sgpu_vram_alloc(dev, (uint32_t)padded, KERNEL_ALIGN, &k->addr)))
        goto fail_mem;
    if ((rc = sgpu_vram_write(dev, k->addr, copy, padded)))
        goto fail_upload;
    free(copy);
    k->dev = dev;
    k->bytes = (uint32_t)bytes;
    k->next = g->kernels;
    g->kernels = k;
    *out = k;
    return SGPU_OK;

fail_upload:
    sgpu_vram_free(dev, k->addr);
fail_mem:
    free(k);
    free(copy);
    return rc;
}

int sgpu_kernel_load(sgpu_dev *dev, const char *path, sgpu_kernel **out)
{
    if (!out)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_kernel_load: no result pointer");
    *out = NULL;
    if (!dev || !path)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_kernel_load: no device or path");
    FILE *f = fopen(path, "rb");
    if (!f)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_kernel_load: %s: %s", path, strerror(errno));
    /* Read up to one byte more than VRAM holds, to tell "too large" from "fits". */
    size_t cap = (size_t)SGPU_CFG_VRAM_BYTES + 1u, n = 0;
    uint8_t *buf = malloc(cap);
    int rc;
    if (!buf) {
        fclose(f);
        return sgpu_fail(SGPU_ERR_NOMEM, "sgpu_kernel_load: out of memory");
    }
    n = fread(buf, 1, cap, f);
    if (ferror(f))
        rc = sgpu_fail(SGPU_ERR_IO, "sgpu_kernel_load: %s: read error", path);
    else if (n == 0)
        rc = sgpu_fail(SGPU_ERR_INVALID, "sgpu_kernel_load: %s is empty", path);
    else if (n == cap)
        rc = sgpu_fail(SGPU_ERR_INVALID, "sgpu_kernel_load: %s is larger than VRAM (%u bytes)",
                       path, SGPU_CFG_VRAM_BYTES);
    else
        rc = sgpu_kernel_load_image(dev, buf, n, out);
    free(buf);
    fclose(f);
    return rc;
}

uint32_t sgpu_kernel_addr(const sgpu_kernel *kernel)
{
    return kernel ? kernel->addr : 0;
}

uint32_t sgpu_kernel_size(const sgpu_kernel *kernel)
{
    return kernel ? kernel->bytes : 0;
}

void sgpu_kernel_free(sgpu_kernel *kernel)
{
    if (!kernel)
        return;
    struct gpu *g = kernel->dev->gpu;
    for (sgpu_kernel **p = &g->kernels; *p; p = &(*p)->next) {
        if (*p == kernel) {
            *p = kernel->next;
            break;
        }
    }
    if (g->heap_ready)
        vram_heap_free(&g->heap, kernel->addr);
    free(kernel);
}
