// Test kernel: every work item marks out[x]; the one with x == when then faults as `mode` says.
// SPDX-License-Identifier: Apache-2.0
#include "sgpu_kernel.h"

enum {
  FAULT_ILLEGAL     = 0,  // the word 0xFFFFFFFF (a reserved encoding)
  FAULT_EBREAK      = 1,
  FAULT_ECALL       = 2,
  FAULT_MISALIGNED  = 3,  // a word load from addr (addr not a multiple of 4)
  FAULT_BAD_LOAD    = 4,  // a word load from addr
  FAULT_BAD_STORE   = 5,  // a word store to addr
  FAULT_JUMP        = 6,  // a call to addr (outside the kernel window: a fetch error)
  FAULT_WI_STORE    = 7,  // a store to a work-item register (read-only)
  FAULT_STACK       = 8,  // recursion until the stack runs out
  FAULT_BYTE_STORE  = 9,  // a byte store to addr
};

struct fault_args {
  uint32_t  mode;
  uint32_t  when;
  uint32_t  addr;
  uint32_t *out;
};

__attribute__((noinline)) static uint32_t deep(uint32_t n)
{
  volatile uint32_t pad[8];
  pad[n & 7] = n;
  return n == 0 ? 0 : deep(n - 1) + pad[n & 7];
}

SGPU_KERNEL(fault)(const struct fault_args *args, uint32_t x, uint32_t y, uint32_t z,
                   uint32_t lid)
{
  (void)y; (void)z; (void)lid;
  args->out[x] = x + 1;
  if (x != args->when)
    return;
  switch (args->mode) {
  case FAULT_ILLEGAL:    __asm__ volatile(".word 0xffffffff"); break;
  case FAULT_EBREAK:     __asm__ volatile("ebreak"); break;
  case FAULT_ECALL:      __asm__ volatile("ecall"); break;
  case FAULT_MISALIGNED:
  case FAULT_BAD_LOAD:   args->out[x] = *(volatile uint32_t *)(uintptr_t)args->addr; break;
  case FAULT_BAD_STORE:  *(volatile uint32_t *)(uintptr_t)args->addr = 1; break;
  case FAULT_JUMP:       ((void (*)(void))(uintptr_t)args->addr)(); break;
  case FAULT_WI_STORE:   *(volatile uint32_t *)(uintptr_t)(0u - SGPU_WI_ARGS) = 1; break;
  case FAULT_STACK:      args->out[x] = deep(100000); break;
  case FAULT_BYTE_STORE: *(volatile uint8_t *)(uintptr_t)args->addr = 1; break;
  }
}
