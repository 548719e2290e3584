/* sgpu registers as the host sees them (BAR0). Generated from regmap/sgpu.json by regmap/regmap.py: do not edit. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_HOST_REGS_H
#define SGPU_HOST_REGS_H

/* Usable from C and from assembly: constants carry a 'u' suffix only in C. */
#ifdef __ASSEMBLER__
#define SGPU_U32(x) x
#else
#define SGPU_U32(x) x##u
#endif

/* Identity: Who the device is, what it can do, and how its firmware is doing. The first block of BAR0. */
#define SGPU_ID_BAR0_BASE SGPU_U32(0x00000000)
#define SGPU_ID_SIZE SGPU_U32(0x00001000)
#define SGPU_ID_BLOCK_TYPE SGPU_U32(0x0001)
#define SGPU_ID_BLOCK_VERSION SGPU_U32(1)
/* MAGIC (ro): Reads 0x53475055, 'SGPU' in ASCII: the device is an sgpu. */
#define SGPU_ID_MAGIC_OFFSET SGPU_U32(0x000)
#define SGPU_ID_MAGIC_RESET SGPU_U32(0x53475055)
/* VERSION (ro): Version of the register map (semantic versioning). */
#define SGPU_ID_VERSION_OFFSET SGPU_U32(0x004)
#define SGPU_ID_VERSION_RESET SGPU_U32(0x00000100)
#define SGPU_ID_VERSION_PATCH_SHIFT SGPU_U32(0)
#define SGPU_ID_VERSION_PATCH_WIDTH SGPU_U32(8)
#define SGPU_ID_VERSION_PATCH_MASK SGPU_U32(0x000000FF)
#define SGPU_ID_VERSION_MINOR_SHIFT SGPU_U32(8)
#define SGPU_ID_VERSION_MINOR_WIDTH SGPU_U32(8)
#define SGPU_ID_VERSION_MINOR_MASK SGPU_U32(0x0000FF00)
#define SGPU_ID_VERSION_MAJOR_SHIFT SGPU_U32(16)
#define SGPU_ID_VERSION_MAJOR_WIDTH SGPU_U32(8)
#define SGPU_ID_VERSION_MAJOR_MASK SGPU_U32(0x00FF0000)
/* CAPS (ro): Capabilities of this build. */
#define SGPU_ID_CAPS_OFFSET SGPU_U32(0x008)
#define SGPU_ID_CAPS_RESET SGPU_U32(0x00000007)
#define SGPU_ID_CAPS_RV32M_SHIFT SGPU_U32(0)
#define SGPU_ID_CAPS_RV32M_WIDTH SGPU_U32(1)
#define SGPU_ID_CAPS_RV32M_MASK SGPU_U32(0x00000001)
#define SGPU_ID_CAPS_TIMER_SHIFT SGPU_U32(1)
#define SGPU_ID_CAPS_TIMER_WIDTH SGPU_U32(1)
#define SGPU_ID_CAPS_TIMER_MASK SGPU_U32(0x00000002)
#define SGPU_ID_CAPS_EXT_IRQ_SHIFT SGPU_U32(2)
#define SGPU_ID_CAPS_EXT_IRQ_WIDTH SGPU_U32(1)
#define SGPU_ID_CAPS_EXT_IRQ_MASK SGPU_U32(0x00000004)
/* SCRATCH (rw): Free for software: reads back what was last written. Used to test register access. */
#define SGPU_ID_SCRATCH_OFFSET SGPU_U32(0x00C)
#define SGPU_ID_SCRATCH_RESET SGPU_U32(0x00000000)
/* FW_STATUS (ro): Written by the firmware to tell the host how it is doing. */
#define SGPU_ID_FW_STATUS_OFFSET SGPU_U32(0x010)
#define SGPU_ID_FW_STATUS_RESET SGPU_U32(0x00000000)
#define SGPU_ID_FW_STATUS_STATE_SHIFT SGPU_U32(0)
#define SGPU_ID_FW_STATUS_STATE_WIDTH SGPU_U32(4)
#define SGPU_ID_FW_STATUS_STATE_MASK SGPU_U32(0x0000000F)
#define SGPU_ID_FW_STATUS_STATE_NONE SGPU_U32(0)
#define SGPU_ID_FW_STATUS_STATE_BOOTING SGPU_U32(1)
#define SGPU_ID_FW_STATUS_STATE_RUNNING SGPU_U32(2)
#define SGPU_ID_FW_STATUS_STATE_FAILED SGPU_U32(3)
#define SGPU_ID_FW_STATUS_CODE_SHIFT SGPU_U32(16)
#define SGPU_ID_FW_STATUS_CODE_WIDTH SGPU_U32(16)
#define SGPU_ID_FW_STATUS_CODE_MASK SGPU_U32(0xFFFF0000)

#endif /* SGPU_HOST_REGS_H */
