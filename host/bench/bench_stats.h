/* bench_stats.h: what the benchmarks share for their samples: sorting and nearest-rank
 * percentiles. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_BENCH_STATS_H
#define SGPU_BENCH_STATS_H

#include <math.h>
#include <stdint.h>

static inline int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Nearest-rank percentile q (0..1) of n sorted samples (n > 0). */
static inline uint64_t pct(const uint64_t *sorted, unsigned n, double q)
{
    unsigned r = (unsigned)ceil(q * n);
    return sorted[(r ? r : 1) - 1];
}

#endif /* SGPU_BENCH_STATS_H */
