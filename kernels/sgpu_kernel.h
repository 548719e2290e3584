// The shader-core kernel ABI (docs/kernels.md): entry macro, work-item registers, helpers.
// SPDX-License-Identifier: Apache-2.0
#ifndef SGPU_KERNEL_H
#define SGPU_KERNEL_H

#include <stdint.h>

// A kernel is one plain C function per image, called once per work item by the core's
// trampoline and returning to it:
//   SGPU_KERNEL(name)(const struct my_args *args, uint32_t x, uint32_t y, uint32_t z,
//                     uint32_t lid) { ... }
// x is the global x (workgroup x * WG_SIZE + lid), y and z the workgroup's y and z, lid the
// work item's index in its workgroup. The image starts with this function (kernel.ld puts
// the section first), so the DISPATCH's KERNEL address is the image's address in VRAM.
#define SGPU_KERNEL(name) __attribute__((section(".text.entry"), used)) void name

// Work-item registers: read-only words at the top of the address space, so that one
// `lw rd, -N(zero)` reads them. Reading NEXT is the trampoline's business, not a kernel's.
#define SGPU_WI_NEXT     4u   // the next work item (stalls until there is one): entry point
#define SGPU_WI_ARGS     8u   // ARGS of the DISPATCH (also the kernel's first argument)
#define SGPU_WI_GLOBAL_X 12u  // workgroup x * WG_SIZE + local id
#define SGPU_WI_WG_Y     16u
#define SGPU_WI_WG_Z     20u
#define SGPU_WI_LOCAL_ID 24u
#define SGPU_WI_WG_X     28u
#define SGPU_WI_WG_SIZE  32u
#define SGPU_WI_GRID_X   36u
#define SGPU_WI_GRID_Y   40u
#define SGPU_WI_GRID_Z   44u
#define SGPU_WI_CORE_ID  48u  // which shader core runs this work item (0 .. cores - 1)

static inline uint32_t sgpu_wi_read(uint32_t offset_from_top)
{
  return *(volatile const uint32_t *)(uintptr_t)(0u - offset_from_top);
}

static inline uint32_t sgpu_wg_x(void)     { return sgpu_wi_read(SGPU_WI_WG_X); }
static inline uint32_t sgpu_wg_size(void)  { return sgpu_wi_read(SGPU_WI_WG_SIZE); }
static inline uint32_t sgpu_grid_x(void)   { return sgpu_wi_read(SGPU_WI_GRID_X); }
static inline uint32_t sgpu_grid_y(void)   { return sgpu_wi_read(SGPU_WI_GRID_Y); }
static inline uint32_t sgpu_grid_z(void)   { return sgpu_wi_read(SGPU_WI_GRID_Z); }
static inline uint32_t sgpu_core_id(void)  { return sgpu_wi_read(SGPU_WI_CORE_ID); }

// The workgroup's index in dispatch order (x fastest, then y, then z).
static inline uint32_t sgpu_wg_linear(uint32_t y, uint32_t z)
{
  return sgpu_wg_x() + sgpu_grid_x() * (y + sgpu_grid_y() * z);
}

// Addresses in VRAM are 32-bit shader addresses; argument blocks hold them as pointers
// (4 bytes each on rv32).

// The host window (a DISPATCH with HOST_WINDOW, docs/kernels.md): shader address
// SGPU_HOST_WINDOW + o is host bus address HOST_BASE + o, for o < SGPU_HOST_WINDOW_BYTES. The
// host puts such pointers into the argument block (libsgpu: sgpu_host_window_ptr()).
#define SGPU_HOST_WINDOW       0x80000000u
#define SGPU_HOST_WINDOW_BYTES 0x40000000u
#endif
