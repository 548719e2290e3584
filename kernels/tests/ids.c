// Test kernel: every work item writes what it was given, 16 words per work item.
// SPDX-License-Identifier: Apache-2.0
#include "sgpu_kernel.h"

// out + 16 * (linear workgroup * WG_SIZE + lid) receives: x, y, z, lid, wg_x, wg_size,
// grid_x, grid_y, grid_z, seq, core id, ARGS register, the args pointer, the stack pointer
// at entry, 0, 0. seq counts the workgroup's work items before this one (count[] is one word
// per workgroup): it equals lid when the workgroup runs in order of local id.
struct ids_args {
  uint32_t *out;
  uint32_t *count;
};

SGPU_KERNEL(ids)(const struct ids_args *args, uint32_t x, uint32_t y, uint32_t z,
                 uint32_t lid)
{
  uint32_t sp;
  __asm__("mv %0, sp" : "=r"(sp));
  uint32_t wg = sgpu_wg_linear(y, z);
  uint32_t seq = lid == 0 ? 0 : args->count[wg];
  args->count[wg] = seq + 1;
  uint32_t *o = args->out + 16 * (wg * sgpu_wg_size() + lid);
  o[0] = x;             o[1] = y;              o[2] = z;              o[3] = lid;
  o[4] = sgpu_wg_x();   o[5] = sgpu_wg_size(); o[6] = sgpu_grid_x();  o[7] = sgpu_grid_y();
  o[8] = sgpu_grid_z(); o[9] = seq;            o[10] = sgpu_core_id();
  o[11] = sgpu_wi_read(SGPU_WI_ARGS);          o[12] = (uint32_t)(uintptr_t)args;
  o[13] = sp;           o[14] = 0;             o[15] = 0;
}
