// Sum, first pass: one partial sum per workgroup, partial[wg] = sum of in[x] over the
// workgroup's work items with x < n (32-bit, wrapping).
// SPDX-License-Identifier: Apache-2.0
#include "sgpu_kernel.h"

// No atomics needed: the work items of a workgroup run on one core, one after the other,
// in order of local id (docs/kernels.md), so local id 0 starts the sum and the others add
// to it. A second DISPATCH of the same kernel over the partial sums (one workgroup of
// `number of partial sums` work items) gives the total.
struct reduce_args {
  const uint32_t *in;
  uint32_t       *partial;  // one word per workgroup, in dispatch order
  uint32_t        n;
};

SGPU_KERNEL(reduce)(const struct reduce_args *args, uint32_t x, uint32_t y, uint32_t z,
                    uint32_t lid)
{
  uint32_t v = x < args->n ? args->in[x] : 0;
  uint32_t *sum = &args->partial[sgpu_wg_linear(y, z)];
  *sum = lid == 0 ? v : *sum + v;
}
