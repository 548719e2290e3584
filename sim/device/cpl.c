/* Splitting a memory read's data into completions on read completion boundaries. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "cpl.h"

unsigned cpl_chunk(uint64_t a, unsigned r, unsigned mps, unsigned rcb, struct rng *rng) {
  uint64_t end = a + r;
  uint64_t limit = (a & ~3ull) + mps; /* the payload counts whole DWs from a & ~3 */
  if (!rng) {
    if (end <= limit) return r;
    return (unsigned)((limit & ~(uint64_t)(rcb - 1u)) - a);
  }
  /* The legal ends: each RCB boundary after a, up to the limit and before the end, and the
   * end itself if the rest fits. */
  uint64_t first = (a & ~(uint64_t)(rcb - 1u)) + rcb;
  unsigned n = 0;
  for (uint64_t b = first; b <= limit && b < end; b += rcb) n++;
  int end_fits = end <= limit;
  unsigned pick = rng_below(rng, n + (unsigned)end_fits);
  if (pick == n) return r;
  return (unsigned)(first + (uint64_t)pick * rcb - a);
}
