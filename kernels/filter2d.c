// 3x3 Gaussian blur of an 8-bit image: one work item per pixel, x = column, y = row.
// SPDX-License-Identifier: Apache-2.0
#include "sgpu_kernel.h"

// Dispatch with GRID_X * WG_SIZE >= width (extra columns do nothing) and GRID_Y = height.
// Weights 1 2 1 / 2 4 2 / 1 2 1, sum 16; out = (weighted sum + 8) >> 4. Pixels outside the
// image repeat the nearest edge pixel (clamped coordinates).
struct filter2d_args {
  const uint8_t *src;
  uint8_t       *dst;
  uint32_t       width;
  uint32_t       height;
  uint32_t       stride;  // bytes from one row to the next, in both images
};

static const uint8_t weight[3][3] = {{1, 2, 1}, {2, 4, 2}, {1, 2, 1}};

static uint32_t clamp(int32_t v, uint32_t limit)
{
  return v < 0 ? 0 : (uint32_t)v >= limit ? limit - 1 : (uint32_t)v;
}

SGPU_KERNEL(filter2d)(const struct filter2d_args *args, uint32_t x, uint32_t y, uint32_t z,
                      uint32_t lid)
{
  (void)z; (void)lid;
  if (x >= args->width || y >= args->height)
    return;
  uint32_t sum = 8;
  for (int dy = -1; dy <= 1; dy++) {
    const uint8_t *row = args->src + clamp((int32_t)y + dy, args->height) * args->stride;
    for (int dx = -1; dx <= 1; dx++)
      sum += weight[dy + 1][dx + 1] * row[clamp((int32_t)x + dx, args->width)];
  }
  args->dst[y * args->stride + x] = (uint8_t)(sum >> 4);
}
