// saxpy on host memory through the host window (docs/kernels.md): y[i] = a * x[i] + y[i] in
// Q16.16, x and y in host memory; then, also in host memory, a byte and a half per element
// (stores of 1 and 2 bytes), the half taken from y[i] read back (a load after a store).
// SPDX-License-Identifier: Apache-2.0
#include "sgpu_kernel.h"

struct hostsaxpy_args {
  int32_t        a;     // Q16.16
  const int32_t *x;     // Q16.16, host window
  int32_t       *y;     // Q16.16, host window, read and written
  uint8_t       *b;     // host window: b[i] = low byte of x[i] ^ i
  uint16_t      *h;     // host window: h[i] = bits 18..3 of the new y[i], as read back
  uint32_t       n;
};

SGPU_KERNEL(hostsaxpy)(const struct hostsaxpy_args *args, uint32_t gx, uint32_t gy,
                       uint32_t gz, uint32_t lid)
{
  (void)gy; (void)gz; (void)lid;
  if (gx < args->n) {
    int32_t x = args->x[gx];
    int64_t p = (int64_t)args->a * x;
    args->y[gx] = (int32_t)((uint32_t)(p >> 16) + (uint32_t)args->y[gx]);
    args->b[gx] = (uint8_t)((uint32_t)x ^ gx);
    // volatile: the compiler would reuse the value it stored; the read must reach the host.
    uint32_t back = (uint32_t)((volatile const int32_t *)args->y)[gx];
    args->h[gx] = (uint16_t)(back >> 3);
  }
}
