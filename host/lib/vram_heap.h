/* vram_heap.h: a first-fit allocator of VRAM ranges, kept in host memory: free spans sorted
 * by address and merged with their neighbours on free. Pure, so tested without a device. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_VRAM_HEAP_H
#define SGPU_VRAM_HEAP_H

#include <stddef.h>
#include <stdint.h>

/* Every allocation is rounded up to, and aligned to at least, this: the DMA block moves
 * 8-byte words. */
#define VRAM_GRAIN 8u

struct vram_span {
    uint32_t addr, bytes;
};

struct vram_heap {
    uint32_t size;              /* the heap is [0, size) */
    uint32_t used;              /* bytes allocated */
    struct vram_span *free;     /* free spans, sorted, never adjacent */
    size_t nfree, cap_free;
    struct vram_span *allocs;   /* allocations, sorted */
    size_t nallocs, cap_allocs;
};

/* size: a multiple of VRAM_GRAIN. SGPU_ERR_NOMEM / SGPU_ERR_INVALID. */
int vram_heap_init(struct vram_heap *h, uint32_t size);
void vram_heap_fini(struct vram_heap *h);
/* bytes >= 1 (rounded up to VRAM_GRAIN); align a power of two (raised to VRAM_GRAIN).
 * The lowest fitting address: SGPU_ERR_NOMEM when none. */
int vram_heap_alloc(struct vram_heap *h, uint32_t bytes, uint32_t align, uint32_t *addr);
/* SGPU_ERR_INVALID if addr does not start an allocation. */
int vram_heap_free(struct vram_heap *h, uint32_t addr);

#endif /* SGPU_VRAM_HEAP_H */
