// saxpy in Q16.16 fixed point (rv32im has no FPU): y[i] = a * x[i] + y[i] for i < n.
// SPDX-License-Identifier: Apache-2.0
#include "sgpu_kernel.h"

// The product a * x[i] is exact in 64 bits, then shifted right by 16 (arithmetic shift:
// rounds towards minus infinity); the sum wraps at 32 bits.
struct saxpy_args {
  int32_t        a;     // Q16.16
  const int32_t *x;     // Q16.16
  int32_t       *y;     // Q16.16, read and written
  uint32_t       n;
};

SGPU_KERNEL(saxpy)(const struct saxpy_args *args, uint32_t gx, uint32_t gy, uint32_t gz,
                   uint32_t lid)
{
  (void)gy; (void)gz; (void)lid;
  if (gx < args->n) {
    int64_t p = (int64_t)args->a * args->x[gx];
    args->y[gx] = (int32_t)((uint32_t)(p >> 16) + (uint32_t)args->y[gx]);
  }
}
