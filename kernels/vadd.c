// Vector add: c[i] = a[i] + b[i] for i < n (32-bit integers, wrapping).
// SPDX-License-Identifier: Apache-2.0
#include "sgpu_kernel.h"

struct vadd_args {
  const uint32_t *a;
  const uint32_t *b;
  uint32_t       *c;
  uint32_t        n;
};

SGPU_KERNEL(vadd)(const struct vadd_args *args, uint32_t x, uint32_t y, uint32_t z,
                  uint32_t lid)
{
  (void)y; (void)z; (void)lid;
  if (x < args->n)
    args->c[x] = args->a[x] + args->b[x];
}
