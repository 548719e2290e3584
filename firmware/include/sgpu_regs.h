/* sgpu registers as the control core sees them. Generated from regmap/sgpu.json by regmap/regmap.py: do not edit. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_FW_REGS_H
#define SGPU_FW_REGS_H

/* Usable from C and from assembly: constants carry a 'u' suffix only in C. */
#ifdef __ASSEMBLER__
#define SGPU_U32(x) x
#else
#define SGPU_U32(x) x##u
#endif

/* Configuration: What the device declares on the PCI Express link: its identity and configuration-space values (a board's hard IP is set up with them; sgpu-sim's root-complex model publishes them), and the clock the device runs at. */
/* PCI vendor ID: the FPGA vendor's, which its PCIe hard IP carries by default. A product built from sgpu sets its own. */
#define SGPU_CFG_VENDOR_ID SGPU_U32(0x000010EE)
/* PCI device ID: 0x5347, 'SG'. */
#define SGPU_CFG_DEVICE_ID SGPU_U32(0x00005347)
/* PCI revision ID. */
#define SGPU_CFG_REVISION_ID SGPU_U32(0x00000001)
/* PCI class code: display controller (0x03), 3D controller (0x02), programming interface 0. */
#define SGPU_CFG_CLASS_CODE SGPU_U32(0x00030200)
/* PCI subsystem vendor ID. */
#define SGPU_CFG_SUBSYS_VENDOR_ID SGPU_U32(0x000010EE)
/* PCI subsystem ID. */
#define SGPU_CFG_SUBSYS_ID SGPU_U32(0x00000001)
/* BAR0 is 2^BAR0_BITS bytes of 32-bit non-prefetchable memory. */
#define SGPU_CFG_BAR0_BITS SGPU_U32(0x00000010)
/* MSI capability: 2^MSI_VECTORS_LOG2 messages requested (Multiple Message Capable), 64-bit addresses. */
#define SGPU_CFG_MSI_VECTORS_LOG2 SGPU_U32(0x00000003)
/* PCI Express Device Capabilities: Max_Payload_Size Supported, encoded (1 = 256 bytes). */
#define SGPU_CFG_MAX_PAYLOAD_SUPPORTED SGPU_U32(0x00000001)
/* PCI Express link speed, encoded (2 = 5.0 GT/s). */
#define SGPU_CFG_LINK_SPEED SGPU_U32(0x00000002)
/* PCI Express link width in lanes: a 64-bit stream at 125 MHz carries a x2 link at 5.0 GT/s. */
#define SGPU_CFG_LINK_WIDTH SGPU_U32(0x00000002)
/* Device clock frequency in the simulation build, in Hz: device time in seconds is cycles / CLK_HZ. */
#define SGPU_CFG_CLK_HZ SGPU_U32(0x07735940)
/* DMA memory reads the endpoint keeps outstanding at once. */
#define SGPU_CFG_READ_TAGS SGPU_U32(0x00000008)
/* Device memory (VRAM) of the simulation build, in bytes. */
#define SGPU_CFG_VRAM_BYTES SGPU_U32(0x00200000)

/* Identity: Who the device is, what it can do, and how its firmware is doing. The first block of BAR0. */
#define SGPU_ID_CORE_BASE SGPU_U32(0x20000000)
#define SGPU_ID_SIZE SGPU_U32(0x00001000)
#define SGPU_ID_BLOCK_TYPE SGPU_U32(0x0001)
#define SGPU_ID_BLOCK_VERSION SGPU_U32(1)
/* MAGIC (ro): Reads 0x53475055, 'SGPU' in ASCII: the device is an sgpu. */
#define SGPU_ID_MAGIC_OFFSET SGPU_U32(0x000)
#define SGPU_ID_MAGIC_ADDR SGPU_U32(0x20000000)
#define SGPU_ID_MAGIC_RESET SGPU_U32(0x53475055)
/* VERSION (ro): Version of the register map (semantic versioning). */
#define SGPU_ID_VERSION_OFFSET SGPU_U32(0x004)
#define SGPU_ID_VERSION_ADDR SGPU_U32(0x20000004)
#define SGPU_ID_VERSION_RESET SGPU_U32(0x00000200)
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
#define SGPU_ID_CAPS_ADDR SGPU_U32(0x20000008)
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
#define SGPU_ID_SCRATCH_ADDR SGPU_U32(0x2000000C)
#define SGPU_ID_SCRATCH_RESET SGPU_U32(0x00000000)
/* FW_STATUS (rw): Written by the firmware to tell the host how it is doing. */
#define SGPU_ID_FW_STATUS_OFFSET SGPU_U32(0x010)
#define SGPU_ID_FW_STATUS_ADDR SGPU_U32(0x20000010)
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

/* Command processor: Where the context array is (offset, count, stride, so that software finds it without hard-coding the layout) and the doorbell bitmap the firmware consumes. The pending bits and their clearing are the firmware's: the host may read DB_PENDING, its writes to DB_CLEAR are ignored. The firmware consumes doorbells by reading DB_PENDING, writing the bits it saw to DB_CLEAR, then reading those contexts' CTX.TAIL: a doorbell that lands after the clear sets its bit again, one before it is in the TAIL read, so none is lost. */
#define SGPU_CP_CORE_BASE SGPU_U32(0x20003000)
#define SGPU_CP_SIZE SGPU_U32(0x00001000)
#define SGPU_CP_BLOCK_TYPE SGPU_U32(0x0005)
#define SGPU_CP_BLOCK_VERSION SGPU_U32(1)
/* CTX_OFFSET (ro): Offset of context 0's registers (the CTX array) from the ID block's base, the same in both spaces: BAR0 offset 0x4000, core address 0x2000_4000. */
#define SGPU_CP_CTX_OFFSET_OFFSET SGPU_U32(0x000)
#define SGPU_CP_CTX_OFFSET_ADDR SGPU_U32(0x20003000)
#define SGPU_CP_CTX_OFFSET_RESET SGPU_U32(0x00004000)
/* CTX_COUNT (ro): Hardware contexts this build has (16 in the simulation build, fewer on small FPGAs, at most 32): contexts 0 to CTX_COUNT - 1 exist; the others read as 0 and ignore writes. */
#define SGPU_CP_CTX_COUNT_OFFSET SGPU_U32(0x004)
#define SGPU_CP_CTX_COUNT_ADDR SGPU_U32(0x20003004)
#define SGPU_CP_CTX_COUNT_RESET SGPU_U32(0x00000010)
/* CTX_STRIDE (ro): Bytes from one context's registers to the next: context i at CTX_OFFSET + i * CTX_STRIDE. */
#define SGPU_CP_CTX_STRIDE_OFFSET SGPU_U32(0x008)
#define SGPU_CP_CTX_STRIDE_ADDR SGPU_U32(0x20003008)
#define SGPU_CP_CTX_STRIDE_RESET SGPU_U32(0x00000040)
/* DB_PENDING (ro): Doorbell pending bits, bit i for context i: set by a write to context i's DOORBELL, cleared by DB_CLEAR. Many doorbells before a clear leave one bit set (CTX.TAIL keeps the latest tail). Any bit set raises the firmware's doorbell interrupt. */
#define SGPU_CP_DB_PENDING_OFFSET SGPU_U32(0x010)
#define SGPU_CP_DB_PENDING_ADDR SGPU_U32(0x20003010)
#define SGPU_CP_DB_PENDING_RESET SGPU_U32(0x00000000)
/* DB_CLEAR (wo): Firmware: writing clears the DB_PENDING bits written as 1 (write-1-to-clear; only enabled bytes count). A doorbell in the same cycle as the clear of its bit leaves it set. The host reads 0 and its writes are ignored. */
#define SGPU_CP_DB_CLEAR_OFFSET SGPU_U32(0x014)
#define SGPU_CP_DB_CLEAR_ADDR SGPU_U32(0x20003014)
#define SGPU_CP_DB_CLEAR_RESET SGPU_U32(0x00000000)

/* Contexts: One instance per hardware context: 16 in this build (CP.CTX_COUNT says how many a build has). The host sets a context's ring and addresses up, then writes the ring's new tail to DOORBELL whenever it adds commands; the firmware reads and writes the same registers at its own base. A context whose index is CTX_COUNT or more reads as 0 and ignores writes. */
#define SGPU_CTX_CORE_BASE SGPU_U32(0x20004000)
#define SGPU_CTX_SIZE SGPU_U32(0x00001000)
#define SGPU_CTX_BLOCK_TYPE SGPU_U32(0x0006)
#define SGPU_CTX_BLOCK_VERSION SGPU_U32(1)
/* An array of 16 instances: instance i at base + i * stride. */
#define SGPU_CTX_COUNT SGPU_U32(16)
#define SGPU_CTX_STRIDE SGPU_U32(0x00000040)
/* RING_BASE_LO (rw): Command ring's host bus address, low 32 bits (a multiple of RING_SIZE). */
#define SGPU_CTX_RING_BASE_LO_OFFSET SGPU_U32(0x000)
#define SGPU_CTX_RING_BASE_LO_ADDR SGPU_U32(0x20004000)
#define SGPU_CTX_RING_BASE_LO_ADDR_I(i) (SGPU_CTX_CORE_BASE + (i) * SGPU_CTX_STRIDE + SGPU_CTX_RING_BASE_LO_OFFSET)
#define SGPU_CTX_RING_BASE_LO_RESET SGPU_U32(0x00000000)
/* RING_BASE_HI (rw): Command ring's host bus address, high 32 bits. */
#define SGPU_CTX_RING_BASE_HI_OFFSET SGPU_U32(0x004)
#define SGPU_CTX_RING_BASE_HI_ADDR SGPU_U32(0x20004004)
#define SGPU_CTX_RING_BASE_HI_ADDR_I(i) (SGPU_CTX_CORE_BASE + (i) * SGPU_CTX_STRIDE + SGPU_CTX_RING_BASE_HI_OFFSET)
#define SGPU_CTX_RING_BASE_HI_RESET SGPU_U32(0x00000000)
/* RING_SIZE (rw): Command ring size in bytes: a power of two (the firmware refuses a context whose ring size is not). */
#define SGPU_CTX_RING_SIZE_OFFSET SGPU_U32(0x008)
#define SGPU_CTX_RING_SIZE_ADDR SGPU_U32(0x20004008)
#define SGPU_CTX_RING_SIZE_ADDR_I(i) (SGPU_CTX_CORE_BASE + (i) * SGPU_CTX_STRIDE + SGPU_CTX_RING_SIZE_OFFSET)
#define SGPU_CTX_RING_SIZE_RESET SGPU_U32(0x00000000)
/* ENGINE (rw): The engine that runs the context. */
#define SGPU_CTX_ENGINE_OFFSET SGPU_U32(0x00C)
#define SGPU_CTX_ENGINE_ADDR SGPU_U32(0x2000400C)
#define SGPU_CTX_ENGINE_ADDR_I(i) (SGPU_CTX_CORE_BASE + (i) * SGPU_CTX_STRIDE + SGPU_CTX_ENGINE_OFFSET)
#define SGPU_CTX_ENGINE_RESET SGPU_U32(0x00000000)
#define SGPU_CTX_ENGINE_ENGINE_SHIFT SGPU_U32(0)
#define SGPU_CTX_ENGINE_ENGINE_WIDTH SGPU_U32(1)
#define SGPU_CTX_ENGINE_ENGINE_MASK SGPU_U32(0x00000001)
#define SGPU_CTX_ENGINE_ENGINE_COPY SGPU_U32(0)
#define SGPU_CTX_ENGINE_ENGINE_COMPUTE SGPU_U32(1)
/* FENCE_ADDR_LO (rw): Progress fence's host bus address, low 32 bits (a multiple of 8): the engine writes there the 64-bit value of the last fence it passed. */
#define SGPU_CTX_FENCE_ADDR_LO_OFFSET SGPU_U32(0x010)
#define SGPU_CTX_FENCE_ADDR_LO_ADDR SGPU_U32(0x20004010)
#define SGPU_CTX_FENCE_ADDR_LO_ADDR_I(i) (SGPU_CTX_CORE_BASE + (i) * SGPU_CTX_STRIDE + SGPU_CTX_FENCE_ADDR_LO_OFFSET)
#define SGPU_CTX_FENCE_ADDR_LO_RESET SGPU_U32(0x00000000)
/* FENCE_ADDR_HI (rw): Progress fence's host bus address, high 32 bits. */
#define SGPU_CTX_FENCE_ADDR_HI_OFFSET SGPU_U32(0x014)
#define SGPU_CTX_FENCE_ADDR_HI_ADDR SGPU_U32(0x20004014)
#define SGPU_CTX_FENCE_ADDR_HI_ADDR_I(i) (SGPU_CTX_CORE_BASE + (i) * SGPU_CTX_STRIDE + SGPU_CTX_FENCE_ADDR_HI_OFFSET)
#define SGPU_CTX_FENCE_ADDR_HI_RESET SGPU_U32(0x00000000)
/* SAVE_ADDR_LO (rw): Save area's address, low 32 bits: where the context's state goes when it is switched out. */
#define SGPU_CTX_SAVE_ADDR_LO_OFFSET SGPU_U32(0x018)
#define SGPU_CTX_SAVE_ADDR_LO_ADDR SGPU_U32(0x20004018)
#define SGPU_CTX_SAVE_ADDR_LO_ADDR_I(i) (SGPU_CTX_CORE_BASE + (i) * SGPU_CTX_STRIDE + SGPU_CTX_SAVE_ADDR_LO_OFFSET)
#define SGPU_CTX_SAVE_ADDR_LO_RESET SGPU_U32(0x00000000)
/* SAVE_ADDR_HI (rw): Save area's address, high 32 bits. */
#define SGPU_CTX_SAVE_ADDR_HI_OFFSET SGPU_U32(0x01C)
#define SGPU_CTX_SAVE_ADDR_HI_ADDR SGPU_U32(0x2000401C)
#define SGPU_CTX_SAVE_ADDR_HI_ADDR_I(i) (SGPU_CTX_CORE_BASE + (i) * SGPU_CTX_STRIDE + SGPU_CTX_SAVE_ADDR_HI_OFFSET)
#define SGPU_CTX_SAVE_ADDR_HI_RESET SGPU_U32(0x00000000)
/* DOORBELL (wo): Writing the ring's new tail (a byte offset in the ring) rings the doorbell: it becomes TAIL (the enabled bytes) and the context's CP.DB_PENDING bit is set. A firmware write rings it as a host write does (to requeue a context); when both write one context's doorbell in the same cycle, the host's tail is kept. */
#define SGPU_CTX_DOORBELL_OFFSET SGPU_U32(0x020)
#define SGPU_CTX_DOORBELL_ADDR SGPU_U32(0x20004020)
#define SGPU_CTX_DOORBELL_ADDR_I(i) (SGPU_CTX_CORE_BASE + (i) * SGPU_CTX_STRIDE + SGPU_CTX_DOORBELL_OFFSET)
#define SGPU_CTX_DOORBELL_RESET SGPU_U32(0x00000000)
/* TAIL (ro): The latest tail written through DOORBELL. */
#define SGPU_CTX_TAIL_OFFSET SGPU_U32(0x024)
#define SGPU_CTX_TAIL_ADDR SGPU_U32(0x20004024)
#define SGPU_CTX_TAIL_ADDR_I(i) (SGPU_CTX_CORE_BASE + (i) * SGPU_CTX_STRIDE + SGPU_CTX_TAIL_OFFSET)
#define SGPU_CTX_TAIL_RESET SGPU_U32(0x00000000)

/* Control-core system: The control core's own registers: console, exit, machine timer and an interrupt test line. Not visible to the host. */
#define SGPU_SYSCTL_CORE_BASE SGPU_U32(0x10000000)
#define SGPU_SYSCTL_SIZE SGPU_U32(0x00001000)
#define SGPU_SYSCTL_BLOCK_TYPE SGPU_U32(0x0002)
#define SGPU_SYSCTL_BLOCK_VERSION SGPU_U32(1)
/* CONSOLE (wo): Writing sends one byte to the console (the simulator's standard output). */
#define SGPU_SYSCTL_CONSOLE_OFFSET SGPU_U32(0x000)
#define SGPU_SYSCTL_CONSOLE_ADDR SGPU_U32(0x10000000)
#define SGPU_SYSCTL_CONSOLE_RESET SGPU_U32(0x00000000)
#define SGPU_SYSCTL_CONSOLE_DATA_SHIFT SGPU_U32(0)
#define SGPU_SYSCTL_CONSOLE_DATA_WIDTH SGPU_U32(8)
#define SGPU_SYSCTL_CONSOLE_DATA_MASK SGPU_U32(0x000000FF)
/* EXIT (wo): Writing ends a simulation with this status: 0 is success. */
#define SGPU_SYSCTL_EXIT_OFFSET SGPU_U32(0x004)
#define SGPU_SYSCTL_EXIT_ADDR SGPU_U32(0x10000004)
#define SGPU_SYSCTL_EXIT_RESET SGPU_U32(0x00000000)
/* MTIME_LO (rw): Machine timer, low 32 bits; counts one per clock cycle. */
#define SGPU_SYSCTL_MTIME_LO_OFFSET SGPU_U32(0x008)
#define SGPU_SYSCTL_MTIME_LO_ADDR SGPU_U32(0x10000008)
#define SGPU_SYSCTL_MTIME_LO_RESET SGPU_U32(0x00000000)
/* MTIME_HI (rw): Machine timer, high 32 bits. */
#define SGPU_SYSCTL_MTIME_HI_OFFSET SGPU_U32(0x00C)
#define SGPU_SYSCTL_MTIME_HI_ADDR SGPU_U32(0x1000000C)
#define SGPU_SYSCTL_MTIME_HI_RESET SGPU_U32(0x00000000)
/* MTIMECMP_LO (rw): Timer compare, low 32 bits: the timer interrupt is pending while MTIME >= MTIMECMP. */
#define SGPU_SYSCTL_MTIMECMP_LO_OFFSET SGPU_U32(0x010)
#define SGPU_SYSCTL_MTIMECMP_LO_ADDR SGPU_U32(0x10000010)
#define SGPU_SYSCTL_MTIMECMP_LO_RESET SGPU_U32(0xFFFFFFFF)
/* MTIMECMP_HI (rw): Timer compare, high 32 bits. */
#define SGPU_SYSCTL_MTIMECMP_HI_OFFSET SGPU_U32(0x014)
#define SGPU_SYSCTL_MTIMECMP_HI_ADDR SGPU_U32(0x10000014)
#define SGPU_SYSCTL_MTIMECMP_HI_RESET SGPU_U32(0xFFFFFFFF)
/* IRQ_TEST (rw): Drives the control core's external interrupt line in the bare system, so that programs can test their interrupt handling. */
#define SGPU_SYSCTL_IRQ_TEST_OFFSET SGPU_U32(0x018)
#define SGPU_SYSCTL_IRQ_TEST_ADDR SGPU_U32(0x10000018)
#define SGPU_SYSCTL_IRQ_TEST_RESET SGPU_U32(0x00000000)
#define SGPU_SYSCTL_IRQ_TEST_EXTERNAL_SHIFT SGPU_U32(0)
#define SGPU_SYSCTL_IRQ_TEST_EXTERNAL_WIDTH SGPU_U32(1)
#define SGPU_SYSCTL_IRQ_TEST_EXTERNAL_MASK SGPU_U32(0x00000001)

#endif /* SGPU_FW_REGS_H */
