// Test kernel for preemption: out[x] = f(x) by a recursion that keeps an array on the
// stack at every level and, at the deepest one, waits until *flag is non-zero; then
// inc[x] += 1 (a work item run twice, or its store repeated, shows as 2). A preemption
// while it waits finds a deep stack that the resume must bring back byte for byte.
// SPDX-License-Identifier: Apache-2.0
#include "sgpu_kernel.h"

struct spin_args {
  uint32_t *out;
  uint32_t *inc;
  const volatile uint32_t *flag;
  uint32_t n;
  uint32_t depth;   // levels of recursion below the first (<= 12 with a 1 KiB stack)
};

__attribute__((noinline)) static uint32_t level(const volatile uint32_t *flag, uint32_t x,
                                                uint32_t d)
{
  uint32_t buf[8];
  uint32_t r;
  for (uint32_t i = 0; i < 8; i++)
    buf[i] = x * (2u * i + 1u) + d * 0x9E3779B9u + i;
  if (d == 0) {
    while (*flag == 0)
      ;
    r = buf[x & 7] ^ buf[7];
  } else {
    // buf is read after the call: it must survive it on the stack.
    r = level(flag, buf[(x + d) & 7], d - 1) + buf[(x ^ d) & 7] * 3u;
  }
  return r ^ (r >> 7);
}

SGPU_KERNEL(spin)(const struct spin_args *args, uint32_t x, uint32_t y, uint32_t z,
                  uint32_t lid)
{
  (void)y; (void)z; (void)lid;
  if (x >= args->n)
    return;
  args->out[x] = level(args->flag, x, args->depth);
  args->inc[x] += 1u;
}
