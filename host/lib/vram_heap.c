/* vram_heap.c: first-fit VRAM allocation with coalescing on free (vram_heap.h). */
/* SPDX-License-Identifier: Apache-2.0 */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "sgpu.h"
#include "vram_heap.h"

/* Room for one more span in a sorted array. */
static int grow(struct vram_span **a, size_t n, size_t *cap)
{
    if (n < *cap)
        return SGPU_OK;
    size_t ncap = *cap ? *cap * 2 : 16;
    struct vram_span *p = realloc(*a, ncap * sizeof *p);
    if (!p)
        return sgpu_fail(SGPU_ERR_NOMEM, "VRAM allocator: out of host memory");
    *a = p;
    *cap = ncap;
    return SGPU_OK;
}

static void insert_at(struct vram_span *a, size_t *n, size_t i, struct vram_span s)
{
    memmove(a + i + 1, a + i, (*n - i) * sizeof *a);
    a[i] = s;
    (*n)++;
}

static void erase_at(struct vram_span *a, size_t *n, size_t i)
{
    memmove(a + i, a + i + 1, (*n - i - 1) * sizeof *a);
    (*n)--;
}

/* Index of the first span whose address is >= addr. */
static size_t lower_bound(const struct vram_span *a, size_t n, uint32_t addr)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a[mid].addr < addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int vram_heap_init(struct vram_heap *h, uint32_t size)
{
    memset(h, 0, sizeof *h);
    if (size == 0 || size % VRAM_GRAIN)
        return sgpu_fail(SGPU_ERR_INVALID, "VRAM allocator: size %u", size);
    h->size = size;
    int rc = grow(&h->free, 0, &h->cap_free);
    if (rc)
        return rc;
    h->free[0] = (struct vram_span){0, size};
    h->nfree = 1;
    return SGPU_OK;
}

void vram_heap_fini(struct vram_heap *h)
{
    free(h->free);
    free(h->allocs);
    memset(h, 0, sizeof *h);
}

int vram_heap_alloc(struct vram_heap *h, uint32_t bytes, uint32_t align, uint32_t *addr)
{
    if (bytes == 0 || bytes > h->size)
        return sgpu_fail(SGPU_ERR_INVALID, "VRAM: cannot allocate %u bytes of %u", bytes, h->size);
    if (align & (align - 1))
        return sgpu_fail(SGPU_ERR_INVALID, "VRAM: alignment %u is not a power of two", align);
    if (align < VRAM_GRAIN)
        align = VRAM_GRAIN;
    uint64_t len = ((uint64_t)bytes + VRAM_GRAIN - 1) & ~(uint64_t)(VRAM_GRAIN - 1);
    /* Both arrays may gain a span: make room first, so that nothing fails half-way. */
    int rc = grow(&h->free, h->nfree, &h->cap_free);
    if (!rc)
        rc = grow(&h->allocs, h->nallocs, &h->cap_allocs);
    if (rc)
        return rc;
    for (size_t i = 0; i < h->nfree; i++) {
        struct vram_span f = h->free[i];
        uint64_t start = ((uint64_t)f.addr + align - 1) & ~(uint64_t)(align - 1);
        uint64_t end = (uint64_t)f.addr + f.bytes;
        if (start + len > end)
            continue;
        /* Split f into what stays free before and after the allocation. */
        struct vram_span before = {f.addr, (uint32_t)(start - f.addr)};
        struct vram_span after = {(uint32_t)(start + len), (uint32_t)(end - start - len)};
        erase_at(h->free, &h->nfree, i);
        if (after.bytes)
            insert_at(h->free, &h->nfree, i, after);
        if (before.bytes)
            insert_at(h->free, &h->nfree, i, before);
        struct vram_span a = {(uint32_t)start, (uint32_t)len};
        insert_at(h->allocs, &h->nallocs, lower_bound(h->allocs, h->nallocs, a.addr), a);
        h->used += a.bytes;
        *addr = a.addr;
        return SGPU_OK;
    }
    return sgpu_fail(SGPU_ERR_NOMEM, "VRAM: no free range of %u bytes aligned to %u (%u of %u "
                     "bytes in use)", (uint32_t)len, align, h->used, h->size);
}

int vram_heap_free(struct vram_heap *h, uint32_t addr)
{
    size_t k = lower_bound(h->allocs, h->nallocs, addr);
    if (k == h->nallocs || h->allocs[k].addr != addr)
        return sgpu_fail(SGPU_ERR_INVALID, "VRAM: 0x%x does not start an allocation", addr);
    int rc = grow(&h->free, h->nfree, &h->cap_free);
    if (rc)
        return rc;
    struct vram_span s = h->allocs[k];
    erase_at(h->allocs, &h->nallocs, k);
    h->used -= s.bytes;
    size_t i = lower_bound(h->free, h->nfree, s.addr);
    /* Merge with the free span that ends where s starts, and the one that starts where it
     * ends: free spans are never adjacent, so first fit sees the largest runs. */
    if (i > 0 && h->free[i - 1].addr + h->free[i - 1].bytes == s.addr) {
        i--;
        s.bytes += h->free[i].bytes;
        s.addr = h->free[i].addr;
        erase_at(h->free, &h->nfree, i);
    }
    if (i < h->nfree && s.addr + s.bytes == h->free[i].addr) {
        s.bytes += h->free[i].bytes;
        erase_at(h->free, &h->nfree, i);
    }
    insert_at(h->free, &h->nfree, i, s);
    return SGPU_OK;
}
