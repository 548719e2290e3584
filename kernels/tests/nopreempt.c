// Test kernel that breaks the preemption rule (docs/kernels.md): it turns its shader core's
// interrupts off, then spins until *flag is non-zero. The engine cannot preempt it, so a
// STOP is never obeyed: what the firmware's preempt timeout (GPU_ENGINE_TIMEOUT) is for.
// SPDX-License-Identifier: Apache-2.0
#include "sgpu_kernel.h"

struct nopreempt_args {
  const volatile uint32_t *flag;
  uint32_t pad;     // VRAM is written in 8-byte units
};

SGPU_KERNEL(nopreempt)(const struct nopreempt_args *args, uint32_t x, uint32_t y, uint32_t z,
                       uint32_t lid)
{
  (void)x; (void)y; (void)z; (void)lid;
  __asm__ volatile("csrci mstatus, 8");  // mstatus.MIE off: the engine's interrupt waits
  while (*args->flag == 0)
    ;
}
