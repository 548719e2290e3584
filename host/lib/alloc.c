/* alloc.c: first-fit allocation of page-aligned extents, kept in a sorted array. */
/* SPDX-License-Identifier: Apache-2.0 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "sgpu.h"

void ra_init(struct range_alloc *ra, uint64_t size)
{
    memset(ra, 0, sizeof *ra);
    ra->size = size & ~(uint64_t)(SGPU_PAGE - 1);
}

void ra_fini(struct range_alloc *ra)
{
    free(ra->used);
    memset(ra, 0, sizeof *ra);
}

int ra_alloc(struct range_alloc *ra, uint64_t len, uint64_t *off)
{
    if (len == 0 || len % SGPU_PAGE != 0 || !off)
        return SGPU_ERR_INVALID;
    if (ra->n == ra->cap) {
        size_t cap = ra->cap ? ra->cap * 2 : 16;
        struct extent *e = realloc(ra->used, cap * sizeof *e);
        if (!e)
            return SGPU_ERR_NOMEM;
        ra->used = e;
        ra->cap = cap;
    }
    /* The gap before extent i starts at the end of extent i-1; gap n runs to the end. */
    uint64_t start = 0;
    for (size_t i = 0; i <= ra->n; i++) {
        uint64_t end = i < ra->n ? ra->used[i].off : ra->size;
        if (end >= start && end - start >= len) {
            memmove(&ra->used[i + 1], &ra->used[i], (ra->n - i) * sizeof ra->used[0]);
            ra->used[i].off = start;
            ra->used[i].len = len;
            ra->n++;
            *off = start;
            return SGPU_OK;
        }
        if (i < ra->n)
            start = ra->used[i].off + ra->used[i].len;
    }
    return SGPU_ERR_NOMEM;
}

int ra_free(struct range_alloc *ra, uint64_t off)
{
    size_t lo = 0, hi = ra->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ra->used[mid].off < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == ra->n || ra->used[lo].off != off)
        return SGPU_ERR_INVALID;
    memmove(&ra->used[lo], &ra->used[lo + 1], (ra->n - lo - 1) * sizeof ra->used[0]);
    ra->n--;
    return SGPU_OK;
}

uint64_t ra_used(const struct range_alloc *ra)
{
    uint64_t sum = 0;
    for (size_t i = 0; i < ra->n; i++)
        sum += ra->used[i].len;
    return sum;
}
