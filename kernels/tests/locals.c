// Test kernel: a constant table (read PC-relative from the image in VRAM), an array on the
// stack indexed at run time, and a call that saves ra: out[x] = f(x).
// SPDX-License-Identifier: Apache-2.0
#include "sgpu_kernel.h"

struct locals_args {
  uint32_t *out;
  uint32_t  n;
};

static const uint32_t table[16] = {
  2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53,
};

__attribute__((noinline)) static uint32_t mix(const uint32_t *buf, uint32_t x)
{
  return buf[x & 31] * 3u + buf[(x * 7u) & 31] + (buf[(x >> 2) & 31] ^ x);
}

SGPU_KERNEL(locals)(const struct locals_args *args, uint32_t x, uint32_t y, uint32_t z,
                    uint32_t lid)
{
  (void)y; (void)z; (void)lid;
  uint32_t buf[32];
  if (x >= args->n)
    return;
  for (uint32_t i = 0; i < 32; i++)
    buf[i] = table[(x + i) & 15] * (i + 1) + (x / (i + 1));
  args->out[x] = mix(buf, x);
}
