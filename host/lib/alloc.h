/* alloc.h: a first-fit allocator of page-aligned extents inside one range (host memory,
 * I/O virtual addresses). */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_ALLOC_H
#define SGPU_ALLOC_H

#include <stddef.h>
#include <stdint.h>

#define SGPU_PAGE 4096u

struct extent {
    uint64_t off, len;
};

struct range_alloc {
    uint64_t size;         /* the range is [0, size) */
    struct extent *used;   /* allocated extents, sorted by offset */
    size_t n, cap;
};

void ra_init(struct range_alloc *ra, uint64_t size);
void ra_fini(struct range_alloc *ra);
/* len: a non-zero multiple of SGPU_PAGE. SGPU_ERR_NOMEM when no gap fits. */
int ra_alloc(struct range_alloc *ra, uint64_t len, uint64_t *off);
/* SGPU_ERR_INVALID if off does not start an allocated extent. */
int ra_free(struct range_alloc *ra, uint64_t off);
/* Bytes allocated. */
uint64_t ra_used(const struct range_alloc *ra);

#endif /* SGPU_ALLOC_H */
