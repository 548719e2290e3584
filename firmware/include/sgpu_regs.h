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
/* Longest gap, in device cycles, between two writes of ID.HEARTBEAT by a live firmware. */
#define SGPU_CFG_HEARTBEAT_CYCLES SGPU_U32(0x00010000)

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
#define SGPU_ID_VERSION_RESET SGPU_U32(0x00000600)
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
#define SGPU_ID_CAPS_RESET SGPU_U32(0x0000000F)
#define SGPU_ID_CAPS_RV32M_SHIFT SGPU_U32(0)
#define SGPU_ID_CAPS_RV32M_WIDTH SGPU_U32(1)
#define SGPU_ID_CAPS_RV32M_MASK SGPU_U32(0x00000001)
#define SGPU_ID_CAPS_TIMER_SHIFT SGPU_U32(1)
#define SGPU_ID_CAPS_TIMER_WIDTH SGPU_U32(1)
#define SGPU_ID_CAPS_TIMER_MASK SGPU_U32(0x00000002)
#define SGPU_ID_CAPS_EXT_IRQ_SHIFT SGPU_U32(2)
#define SGPU_ID_CAPS_EXT_IRQ_WIDTH SGPU_U32(1)
#define SGPU_ID_CAPS_EXT_IRQ_MASK SGPU_U32(0x00000004)
#define SGPU_ID_CAPS_CP_SHIFT SGPU_U32(3)
#define SGPU_ID_CAPS_CP_WIDTH SGPU_U32(1)
#define SGPU_ID_CAPS_CP_MASK SGPU_U32(0x00000008)
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
/* HEARTBEAT (rw): The firmware's heartbeat: it writes a new value (a count of its beats) at least every HEARTBEAT_CYCLES device cycles, whatever it is doing. A value that does not change for several HEARTBEAT_CYCLES of device time (CP.CYCLES) means the control core is dead or wedged: the host resets the adapter (FW block). */
#define SGPU_ID_HEARTBEAT_OFFSET SGPU_U32(0x014)
#define SGPU_ID_HEARTBEAT_ADDR SGPU_U32(0x20000014)
#define SGPU_ID_HEARTBEAT_RESET SGPU_U32(0x00000000)

/* Command processor: Where the context array is (offset, count, stride, so that software finds it without hard-coding the layout) and the doorbell bitmap the firmware consumes. The pending bits and their clearing are the firmware's: the host may read DB_PENDING, its writes to DB_CLEAR are ignored. The firmware consumes doorbells by reading DB_PENDING, writing the bits it saw to DB_CLEAR, then reading those contexts' CTX.TAIL: a doorbell that lands after the clear sets its bit again, one before it is in the TAIL read, so none is lost. The host also tells the firmware where the control and event ring descriptors (RING_DESC in docs/protocol.md) are, and rings the control doorbell after it publishes control frames. */
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
/* CTRL_DESC_LO (rw): Host bus address of the control ring's RING_DESC, low 32 bits (a multiple of 64); written by the host before its first control frame. */
#define SGPU_CP_CTRL_DESC_LO_OFFSET SGPU_U32(0x020)
#define SGPU_CP_CTRL_DESC_LO_ADDR SGPU_U32(0x20003020)
#define SGPU_CP_CTRL_DESC_LO_RESET SGPU_U32(0x00000000)
/* CTRL_DESC_HI (rw): Host bus address of the control ring's RING_DESC, high 32 bits. */
#define SGPU_CP_CTRL_DESC_HI_OFFSET SGPU_U32(0x024)
#define SGPU_CP_CTRL_DESC_HI_ADDR SGPU_U32(0x20003024)
#define SGPU_CP_CTRL_DESC_HI_RESET SGPU_U32(0x00000000)
/* EVENT_DESC_LO (rw): Host bus address of the event ring's RING_DESC, low 32 bits (a multiple of 64); 0 in both halves: no event ring, events are counted as lost. */
#define SGPU_CP_EVENT_DESC_LO_OFFSET SGPU_U32(0x028)
#define SGPU_CP_EVENT_DESC_LO_ADDR SGPU_U32(0x20003028)
#define SGPU_CP_EVENT_DESC_LO_RESET SGPU_U32(0x00000000)
/* EVENT_DESC_HI (rw): Host bus address of the event ring's RING_DESC, high 32 bits. */
#define SGPU_CP_EVENT_DESC_HI_OFFSET SGPU_U32(0x02C)
#define SGPU_CP_EVENT_DESC_HI_ADDR SGPU_U32(0x2000302C)
#define SGPU_CP_EVENT_DESC_HI_RESET SGPU_U32(0x00000000)
/* CTRL_DOORBELL (wo): Any write (any byte enabled) sets CTRL_PENDING and keeps the word written in CTRL_HEAD: the host writes the control ring's head, after publishing it in the descriptor. */
#define SGPU_CP_CTRL_DOORBELL_OFFSET SGPU_U32(0x030)
#define SGPU_CP_CTRL_DOORBELL_ADDR SGPU_U32(0x20003030)
#define SGPU_CP_CTRL_DOORBELL_RESET SGPU_U32(0x00000000)
/* CTRL_PENDING (rw): Control doorbell pending; raises the firmware's doorbell interrupt like DB_PENDING. The firmware clears PENDING by writing 1 to it before it reads the head (CTRL_HEAD or the descriptor's); a control doorbell in the same cycle leaves it set. */
#define SGPU_CP_CTRL_PENDING_OFFSET SGPU_U32(0x034)
#define SGPU_CP_CTRL_PENDING_ADDR SGPU_U32(0x20003034)
#define SGPU_CP_CTRL_PENDING_RESET SGPU_U32(0x00000000)
#define SGPU_CP_CTRL_PENDING_PENDING_SHIFT SGPU_U32(0)
#define SGPU_CP_CTRL_PENDING_PENDING_WIDTH SGPU_U32(1)
#define SGPU_CP_CTRL_PENDING_PENDING_MASK SGPU_U32(0x00000001)
#define SGPU_CP_CTRL_PENDING_DESC_SHIFT SGPU_U32(1)
#define SGPU_CP_CTRL_PENDING_DESC_WIDTH SGPU_U32(1)
#define SGPU_CP_CTRL_PENDING_DESC_MASK SGPU_U32(0x00000002)
#define SGPU_CP_CTRL_PENDING_EVENT_DESC_SHIFT SGPU_U32(2)
#define SGPU_CP_CTRL_PENDING_EVENT_DESC_WIDTH SGPU_U32(1)
#define SGPU_CP_CTRL_PENDING_EVENT_DESC_MASK SGPU_U32(0x00000004)
/* DB_CYCLE_LO (ro): Device cycle (the counter TIMESTAMP writes) at which the latest context doorbell write reached the block, low 32 bits: with a TIMESTAMP as a ring's first command it measures doorbell-to-execution latency. */
#define SGPU_CP_DB_CYCLE_LO_OFFSET SGPU_U32(0x038)
#define SGPU_CP_DB_CYCLE_LO_ADDR SGPU_U32(0x20003038)
#define SGPU_CP_DB_CYCLE_LO_RESET SGPU_U32(0x00000000)
/* DB_CYCLE_HI (ro): Device cycle of the latest context doorbell write, high 32 bits (read LO first: HI is latched then). */
#define SGPU_CP_DB_CYCLE_HI_OFFSET SGPU_U32(0x03C)
#define SGPU_CP_DB_CYCLE_HI_ADDR SGPU_U32(0x2000303C)
#define SGPU_CP_DB_CYCLE_HI_RESET SGPU_U32(0x00000000)
/* CYCLES_LO (ro): Device cycles since reset (the counter TIMESTAMP writes), low 32 bits: the host's clock for device time (timeouts in device cycles, heartbeat). */
#define SGPU_CP_CYCLES_LO_OFFSET SGPU_U32(0x040)
#define SGPU_CP_CYCLES_LO_ADDR SGPU_U32(0x20003040)
#define SGPU_CP_CYCLES_LO_RESET SGPU_U32(0x00000000)
/* CYCLES_HI (ro): Device cycles since reset, high 32 bits (read LO first: HI is latched then). */
#define SGPU_CP_CYCLES_HI_OFFSET SGPU_U32(0x044)
#define SGPU_CP_CYCLES_HI_ADDR SGPU_U32(0x20003044)
#define SGPU_CP_CYCLES_HI_RESET SGPU_U32(0x00000000)
/* CTRL_DB_CYCLE_LO (ro): Device cycle at which the latest CTRL_DOORBELL write reached the block, low 32 bits: the moment a control frame is announced to the device, for measuring suspend and reset latency. */
#define SGPU_CP_CTRL_DB_CYCLE_LO_OFFSET SGPU_U32(0x048)
#define SGPU_CP_CTRL_DB_CYCLE_LO_ADDR SGPU_U32(0x20003048)
#define SGPU_CP_CTRL_DB_CYCLE_LO_RESET SGPU_U32(0x00000000)
/* CTRL_DB_CYCLE_HI (ro): Device cycle of the latest CTRL_DOORBELL write, high 32 bits (read LO first: HI is latched then). */
#define SGPU_CP_CTRL_DB_CYCLE_HI_OFFSET SGPU_U32(0x04C)
#define SGPU_CP_CTRL_DB_CYCLE_HI_ADDR SGPU_U32(0x2000304C)
#define SGPU_CP_CTRL_DB_CYCLE_HI_RESET SGPU_U32(0x00000000)
/* CTRL_HEAD (ro): The word of the latest CTRL_DOORBELL write: the control ring's head as the host published it. With RING_DESC.flags HEAD_IN_DOORBELL the firmware takes the head from here and reads the descriptor only when CTRL_PENDING.DESC says the ring was set up anew. */
#define SGPU_CP_CTRL_HEAD_OFFSET SGPU_U32(0x050)
#define SGPU_CP_CTRL_HEAD_ADDR SGPU_U32(0x20003050)
#define SGPU_CP_CTRL_HEAD_RESET SGPU_U32(0x00000000)

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

/* Firmware host access: The firmware's small DMA to host memory (control frames, ring descriptors, completions, event records) and its MSI: up to 64 bytes per transfer through DATA0..DATA15. Not visible to the host. */
#define SGPU_HOSTIO_CORE_BASE SGPU_U32(0x20006000)
#define SGPU_HOSTIO_SIZE SGPU_U32(0x00001000)
#define SGPU_HOSTIO_BLOCK_TYPE SGPU_U32(0x0008)
#define SGPU_HOSTIO_BLOCK_VERSION SGPU_U32(1)
/* ADDR_LO (rw): Host bus address, low 32 bits (a multiple of 8). */
#define SGPU_HOSTIO_ADDR_LO_OFFSET SGPU_U32(0x000)
#define SGPU_HOSTIO_ADDR_LO_ADDR SGPU_U32(0x20006000)
#define SGPU_HOSTIO_ADDR_LO_RESET SGPU_U32(0x00000000)
/* ADDR_HI (rw): Host bus address, high 32 bits. */
#define SGPU_HOSTIO_ADDR_HI_OFFSET SGPU_U32(0x004)
#define SGPU_HOSTIO_ADDR_HI_ADDR SGPU_U32(0x20006004)
#define SGPU_HOSTIO_ADDR_HI_RESET SGPU_U32(0x00000000)
/* LENGTH (rw): Bytes to move: 8 to 64, a multiple of 8. */
#define SGPU_HOSTIO_LENGTH_OFFSET SGPU_U32(0x008)
#define SGPU_HOSTIO_LENGTH_ADDR SGPU_U32(0x20006008)
#define SGPU_HOSTIO_LENGTH_RESET SGPU_U32(0x00000040)
/* CMD (wo): Writing starts one action; ignored while BUSY. */
#define SGPU_HOSTIO_CMD_OFFSET SGPU_U32(0x00C)
#define SGPU_HOSTIO_CMD_ADDR SGPU_U32(0x2000600C)
#define SGPU_HOSTIO_CMD_RESET SGPU_U32(0x00000000)
#define SGPU_HOSTIO_CMD_OP_SHIFT SGPU_U32(0)
#define SGPU_HOSTIO_CMD_OP_WIDTH SGPU_U32(2)
#define SGPU_HOSTIO_CMD_OP_MASK SGPU_U32(0x00000003)
#define SGPU_HOSTIO_CMD_OP_NONE SGPU_U32(0)
#define SGPU_HOSTIO_CMD_OP_READ SGPU_U32(1)
#define SGPU_HOSTIO_CMD_OP_WRITE SGPU_U32(2)
#define SGPU_HOSTIO_CMD_OP_MSI SGPU_U32(3)
#define SGPU_HOSTIO_CMD_VECTOR_SHIFT SGPU_U32(8)
#define SGPU_HOSTIO_CMD_VECTOR_WIDTH SGPU_U32(5)
#define SGPU_HOSTIO_CMD_VECTOR_MASK SGPU_U32(0x00001F00)
/* STATUS (ro): The last action. */
#define SGPU_HOSTIO_STATUS_OFFSET SGPU_U32(0x010)
#define SGPU_HOSTIO_STATUS_ADDR SGPU_U32(0x20006010)
#define SGPU_HOSTIO_STATUS_RESET SGPU_U32(0x00000000)
#define SGPU_HOSTIO_STATUS_BUSY_SHIFT SGPU_U32(0)
#define SGPU_HOSTIO_STATUS_BUSY_WIDTH SGPU_U32(1)
#define SGPU_HOSTIO_STATUS_BUSY_MASK SGPU_U32(0x00000001)
#define SGPU_HOSTIO_STATUS_ERROR_SHIFT SGPU_U32(4)
#define SGPU_HOSTIO_STATUS_ERROR_WIDTH SGPU_U32(3)
#define SGPU_HOSTIO_STATUS_ERROR_MASK SGPU_U32(0x00000070)
#define SGPU_HOSTIO_STATUS_ERROR_NONE SGPU_U32(0)
#define SGPU_HOSTIO_STATUS_ERROR_TIMEOUT SGPU_U32(1)
#define SGPU_HOSTIO_STATUS_ERROR_UNSUPPORTED SGPU_U32(2)
#define SGPU_HOSTIO_STATUS_ERROR_ABORT SGPU_U32(3)
#define SGPU_HOSTIO_STATUS_ERROR_BAD_ARGS SGPU_U32(4)
/* DATA0 (rw): Transfer buffer, bytes 0..3 (little-endian). */
#define SGPU_HOSTIO_DATA0_OFFSET SGPU_U32(0x040)
#define SGPU_HOSTIO_DATA0_ADDR SGPU_U32(0x20006040)
#define SGPU_HOSTIO_DATA0_RESET SGPU_U32(0x00000000)
/* DATA1 (rw): Transfer buffer, bytes 4..7 (little-endian). */
#define SGPU_HOSTIO_DATA1_OFFSET SGPU_U32(0x044)
#define SGPU_HOSTIO_DATA1_ADDR SGPU_U32(0x20006044)
#define SGPU_HOSTIO_DATA1_RESET SGPU_U32(0x00000000)
/* DATA2 (rw): Transfer buffer, bytes 8..11 (little-endian). */
#define SGPU_HOSTIO_DATA2_OFFSET SGPU_U32(0x048)
#define SGPU_HOSTIO_DATA2_ADDR SGPU_U32(0x20006048)
#define SGPU_HOSTIO_DATA2_RESET SGPU_U32(0x00000000)
/* DATA3 (rw): Transfer buffer, bytes 12..15 (little-endian). */
#define SGPU_HOSTIO_DATA3_OFFSET SGPU_U32(0x04C)
#define SGPU_HOSTIO_DATA3_ADDR SGPU_U32(0x2000604C)
#define SGPU_HOSTIO_DATA3_RESET SGPU_U32(0x00000000)
/* DATA4 (rw): Transfer buffer, bytes 16..19 (little-endian). */
#define SGPU_HOSTIO_DATA4_OFFSET SGPU_U32(0x050)
#define SGPU_HOSTIO_DATA4_ADDR SGPU_U32(0x20006050)
#define SGPU_HOSTIO_DATA4_RESET SGPU_U32(0x00000000)
/* DATA5 (rw): Transfer buffer, bytes 20..23 (little-endian). */
#define SGPU_HOSTIO_DATA5_OFFSET SGPU_U32(0x054)
#define SGPU_HOSTIO_DATA5_ADDR SGPU_U32(0x20006054)
#define SGPU_HOSTIO_DATA5_RESET SGPU_U32(0x00000000)
/* DATA6 (rw): Transfer buffer, bytes 24..27 (little-endian). */
#define SGPU_HOSTIO_DATA6_OFFSET SGPU_U32(0x058)
#define SGPU_HOSTIO_DATA6_ADDR SGPU_U32(0x20006058)
#define SGPU_HOSTIO_DATA6_RESET SGPU_U32(0x00000000)
/* DATA7 (rw): Transfer buffer, bytes 28..31 (little-endian). */
#define SGPU_HOSTIO_DATA7_OFFSET SGPU_U32(0x05C)
#define SGPU_HOSTIO_DATA7_ADDR SGPU_U32(0x2000605C)
#define SGPU_HOSTIO_DATA7_RESET SGPU_U32(0x00000000)
/* DATA8 (rw): Transfer buffer, bytes 32..35 (little-endian). */
#define SGPU_HOSTIO_DATA8_OFFSET SGPU_U32(0x060)
#define SGPU_HOSTIO_DATA8_ADDR SGPU_U32(0x20006060)
#define SGPU_HOSTIO_DATA8_RESET SGPU_U32(0x00000000)
/* DATA9 (rw): Transfer buffer, bytes 36..39 (little-endian). */
#define SGPU_HOSTIO_DATA9_OFFSET SGPU_U32(0x064)
#define SGPU_HOSTIO_DATA9_ADDR SGPU_U32(0x20006064)
#define SGPU_HOSTIO_DATA9_RESET SGPU_U32(0x00000000)
/* DATA10 (rw): Transfer buffer, bytes 40..43 (little-endian). */
#define SGPU_HOSTIO_DATA10_OFFSET SGPU_U32(0x068)
#define SGPU_HOSTIO_DATA10_ADDR SGPU_U32(0x20006068)
#define SGPU_HOSTIO_DATA10_RESET SGPU_U32(0x00000000)
/* DATA11 (rw): Transfer buffer, bytes 44..47 (little-endian). */
#define SGPU_HOSTIO_DATA11_OFFSET SGPU_U32(0x06C)
#define SGPU_HOSTIO_DATA11_ADDR SGPU_U32(0x2000606C)
#define SGPU_HOSTIO_DATA11_RESET SGPU_U32(0x00000000)
/* DATA12 (rw): Transfer buffer, bytes 48..51 (little-endian). */
#define SGPU_HOSTIO_DATA12_OFFSET SGPU_U32(0x070)
#define SGPU_HOSTIO_DATA12_ADDR SGPU_U32(0x20006070)
#define SGPU_HOSTIO_DATA12_RESET SGPU_U32(0x00000000)
/* DATA13 (rw): Transfer buffer, bytes 52..55 (little-endian). */
#define SGPU_HOSTIO_DATA13_OFFSET SGPU_U32(0x074)
#define SGPU_HOSTIO_DATA13_ADDR SGPU_U32(0x20006074)
#define SGPU_HOSTIO_DATA13_RESET SGPU_U32(0x00000000)
/* DATA14 (rw): Transfer buffer, bytes 56..59 (little-endian). */
#define SGPU_HOSTIO_DATA14_OFFSET SGPU_U32(0x078)
#define SGPU_HOSTIO_DATA14_ADDR SGPU_U32(0x20006078)
#define SGPU_HOSTIO_DATA14_RESET SGPU_U32(0x00000000)
/* DATA15 (rw): Transfer buffer, bytes 60..63 (little-endian). */
#define SGPU_HOSTIO_DATA15_OFFSET SGPU_U32(0x07C)
#define SGPU_HOSTIO_DATA15_ADDR SGPU_U32(0x2000607C)
#define SGPU_HOSTIO_DATA15_RESET SGPU_U32(0x00000000)

/* Engines: The firmware's view of each engine (0 copy, 1 compute): it picks a context (CTX), sets the ring read offset (HEAD) and starts the engine; the engine fetches that context's ring by DMA from the CTX registers (ring base, size and the live TAIL, so doorbells for the running context need no firmware), executes its commands and stops when the ring is empty, at a WAIT that is not satisfied, when asked to stop, or on an error. Not visible to the host. */
#define SGPU_ENG_CORE_BASE SGPU_U32(0x20008000)
#define SGPU_ENG_SIZE SGPU_U32(0x00001000)
#define SGPU_ENG_BLOCK_TYPE SGPU_U32(0x0007)
#define SGPU_ENG_BLOCK_VERSION SGPU_U32(1)
/* An array of 2 instances: instance i at base + i * stride. */
#define SGPU_ENG_COUNT SGPU_U32(2)
#define SGPU_ENG_STRIDE SGPU_U32(0x00000100)
/* CMD (wo): Writing a 1 to a bit acts (several bits: RESET, then STOP, then START with RESUME). */
#define SGPU_ENG_CMD_OFFSET SGPU_U32(0x000)
#define SGPU_ENG_CMD_ADDR SGPU_U32(0x20008000)
#define SGPU_ENG_CMD_ADDR_I(i) (SGPU_ENG_CORE_BASE + (i) * SGPU_ENG_STRIDE + SGPU_ENG_CMD_OFFSET)
#define SGPU_ENG_CMD_RESET SGPU_U32(0x00000000)
#define SGPU_ENG_CMD_START_SHIFT SGPU_U32(0)
#define SGPU_ENG_CMD_START_WIDTH SGPU_U32(1)
#define SGPU_ENG_CMD_START_MASK SGPU_U32(0x00000001)
#define SGPU_ENG_CMD_STOP_SHIFT SGPU_U32(1)
#define SGPU_ENG_CMD_STOP_WIDTH SGPU_U32(1)
#define SGPU_ENG_CMD_STOP_MASK SGPU_U32(0x00000002)
#define SGPU_ENG_CMD_RESET_SHIFT SGPU_U32(2)
#define SGPU_ENG_CMD_RESET_WIDTH SGPU_U32(1)
#define SGPU_ENG_CMD_RESET_MASK SGPU_U32(0x00000004)
#define SGPU_ENG_CMD_RESUME_SHIFT SGPU_U32(3)
#define SGPU_ENG_CMD_RESUME_WIDTH SGPU_U32(1)
#define SGPU_ENG_CMD_RESUME_MASK SGPU_U32(0x00000008)
/* CONFIG (rw): How the engine behaves. */
#define SGPU_ENG_CONFIG_OFFSET SGPU_U32(0x004)
#define SGPU_ENG_CONFIG_ADDR SGPU_U32(0x20008004)
#define SGPU_ENG_CONFIG_ADDR_I(i) (SGPU_ENG_CORE_BASE + (i) * SGPU_ENG_STRIDE + SGPU_ENG_CONFIG_OFFSET)
#define SGPU_ENG_CONFIG_RESET SGPU_U32(0x00004000)
#define SGPU_ENG_CONFIG_POLL_WAIT_SHIFT SGPU_U32(0)
#define SGPU_ENG_CONFIG_POLL_WAIT_WIDTH SGPU_U32(1)
#define SGPU_ENG_CONFIG_POLL_WAIT_MASK SGPU_U32(0x00000001)
#define SGPU_ENG_CONFIG_WAIT_POLL_CYCLES_SHIFT SGPU_U32(8)
#define SGPU_ENG_CONFIG_WAIT_POLL_CYCLES_WIDTH SGPU_U32(12)
#define SGPU_ENG_CONFIG_WAIT_POLL_CYCLES_MASK SGPU_U32(0x000FFF00)
/* CTX (rw): The context the next START runs (its CTX registers give the ring); ignored while the engine runs. */
#define SGPU_ENG_CTX_OFFSET SGPU_U32(0x008)
#define SGPU_ENG_CTX_ADDR SGPU_U32(0x20008008)
#define SGPU_ENG_CTX_ADDR_I(i) (SGPU_ENG_CORE_BASE + (i) * SGPU_ENG_STRIDE + SGPU_ENG_CTX_OFFSET)
#define SGPU_ENG_CTX_RESET SGPU_U32(0x00000000)
#define SGPU_ENG_CTX_ID_SHIFT SGPU_U32(0)
#define SGPU_ENG_CTX_ID_WIDTH SGPU_U32(5)
#define SGPU_ENG_CTX_ID_MASK SGPU_U32(0x0000001F)
/* HEAD (rw): Byte offset in the ring of the next command: the firmware sets it before START, the engine advances it past each command it has finished; a stopped engine's HEAD is where the context resumes (at the WAIT, the failed command, or the first command not run). Writes are ignored while the engine runs. */
#define SGPU_ENG_HEAD_OFFSET SGPU_U32(0x00C)
#define SGPU_ENG_HEAD_ADDR SGPU_U32(0x2000800C)
#define SGPU_ENG_HEAD_ADDR_I(i) (SGPU_ENG_CORE_BASE + (i) * SGPU_ENG_STRIDE + SGPU_ENG_HEAD_OFFSET)
#define SGPU_ENG_HEAD_RESET SGPU_U32(0x00000000)
/* STATUS (ro): What the engine is doing and why it last stopped. */
#define SGPU_ENG_STATUS_OFFSET SGPU_U32(0x010)
#define SGPU_ENG_STATUS_ADDR SGPU_U32(0x20008010)
#define SGPU_ENG_STATUS_ADDR_I(i) (SGPU_ENG_CORE_BASE + (i) * SGPU_ENG_STRIDE + SGPU_ENG_STATUS_OFFSET)
#define SGPU_ENG_STATUS_RESET SGPU_U32(0x00000000)
#define SGPU_ENG_STATUS_STATE_SHIFT SGPU_U32(0)
#define SGPU_ENG_STATUS_STATE_WIDTH SGPU_U32(2)
#define SGPU_ENG_STATUS_STATE_MASK SGPU_U32(0x00000003)
#define SGPU_ENG_STATUS_STATE_IDLE SGPU_U32(0)
#define SGPU_ENG_STATUS_STATE_RUNNING SGPU_U32(1)
#define SGPU_ENG_STATUS_STATE_STOPPING SGPU_U32(2)
#define SGPU_ENG_STATUS_STOP_REASON_SHIFT SGPU_U32(4)
#define SGPU_ENG_STATUS_STOP_REASON_WIDTH SGPU_U32(3)
#define SGPU_ENG_STATUS_STOP_REASON_MASK SGPU_U32(0x00000070)
#define SGPU_ENG_STATUS_STOP_REASON_NONE SGPU_U32(0)
#define SGPU_ENG_STATUS_STOP_REASON_EMPTY SGPU_U32(1)
#define SGPU_ENG_STATUS_STOP_REASON_WAIT SGPU_U32(2)
#define SGPU_ENG_STATUS_STOP_REASON_PREEMPTED SGPU_U32(3)
#define SGPU_ENG_STATUS_STOP_REASON_ERROR SGPU_U32(4)
#define SGPU_ENG_STATUS_STOP_REASON_RESET SGPU_U32(5)
#define SGPU_ENG_STATUS_ERROR_SHIFT SGPU_U32(8)
#define SGPU_ENG_STATUS_ERROR_WIDTH SGPU_U32(8)
#define SGPU_ENG_STATUS_ERROR_MASK SGPU_U32(0x0000FF00)
#define SGPU_ENG_STATUS_PARTIAL_SHIFT SGPU_U32(16)
#define SGPU_ENG_STATUS_PARTIAL_WIDTH SGPU_U32(1)
#define SGPU_ENG_STATUS_PARTIAL_MASK SGPU_U32(0x00010000)
/* IRQ (rw): Interrupt causes, write 1 to clear; the engine's interrupt to the control core is IRQ & IRQ_ENABLE (any bit). */
#define SGPU_ENG_IRQ_OFFSET SGPU_U32(0x014)
#define SGPU_ENG_IRQ_ADDR SGPU_U32(0x20008014)
#define SGPU_ENG_IRQ_ADDR_I(i) (SGPU_ENG_CORE_BASE + (i) * SGPU_ENG_STRIDE + SGPU_ENG_IRQ_OFFSET)
#define SGPU_ENG_IRQ_RESET SGPU_U32(0x00000000)
#define SGPU_ENG_IRQ_STOPPED_SHIFT SGPU_U32(0)
#define SGPU_ENG_IRQ_STOPPED_WIDTH SGPU_U32(1)
#define SGPU_ENG_IRQ_STOPPED_MASK SGPU_U32(0x00000001)
#define SGPU_ENG_IRQ_FENCE_SHIFT SGPU_U32(1)
#define SGPU_ENG_IRQ_FENCE_WIDTH SGPU_U32(1)
#define SGPU_ENG_IRQ_FENCE_MASK SGPU_U32(0x00000002)
/* IRQ_ENABLE (rw): Which IRQ causes interrupt the control core. */
#define SGPU_ENG_IRQ_ENABLE_OFFSET SGPU_U32(0x018)
#define SGPU_ENG_IRQ_ENABLE_ADDR SGPU_U32(0x20008018)
#define SGPU_ENG_IRQ_ENABLE_ADDR_I(i) (SGPU_ENG_CORE_BASE + (i) * SGPU_ENG_STRIDE + SGPU_ENG_IRQ_ENABLE_OFFSET)
#define SGPU_ENG_IRQ_ENABLE_RESET SGPU_U32(0x00000000)
#define SGPU_ENG_IRQ_ENABLE_STOPPED_SHIFT SGPU_U32(0)
#define SGPU_ENG_IRQ_ENABLE_STOPPED_WIDTH SGPU_U32(1)
#define SGPU_ENG_IRQ_ENABLE_STOPPED_MASK SGPU_U32(0x00000001)
#define SGPU_ENG_IRQ_ENABLE_FENCE_SHIFT SGPU_U32(1)
#define SGPU_ENG_IRQ_ENABLE_FENCE_WIDTH SGPU_U32(1)
#define SGPU_ENG_IRQ_ENABLE_FENCE_MASK SGPU_U32(0x00000002)
/* ERR_INFO (ro): With STOP_REASON ERROR: the failing command's header DW, or the faulting address for a bad access. */
#define SGPU_ENG_ERR_INFO_OFFSET SGPU_U32(0x01C)
#define SGPU_ENG_ERR_INFO_ADDR SGPU_U32(0x2000801C)
#define SGPU_ENG_ERR_INFO_ADDR_I(i) (SGPU_ENG_CORE_BASE + (i) * SGPU_ENG_STRIDE + SGPU_ENG_ERR_INFO_OFFSET)
#define SGPU_ENG_ERR_INFO_RESET SGPU_U32(0x00000000)
/* FENCE_VALUE_LO (ro): Value of the latest FENCE with IRQ, low 32 bits. */
#define SGPU_ENG_FENCE_VALUE_LO_OFFSET SGPU_U32(0x020)
#define SGPU_ENG_FENCE_VALUE_LO_ADDR SGPU_U32(0x20008020)
#define SGPU_ENG_FENCE_VALUE_LO_ADDR_I(i) (SGPU_ENG_CORE_BASE + (i) * SGPU_ENG_STRIDE + SGPU_ENG_FENCE_VALUE_LO_OFFSET)
#define SGPU_ENG_FENCE_VALUE_LO_RESET SGPU_U32(0x00000000)
/* FENCE_VALUE_HI (ro): Value of the latest FENCE with IRQ, high 32 bits. */
#define SGPU_ENG_FENCE_VALUE_HI_OFFSET SGPU_U32(0x024)
#define SGPU_ENG_FENCE_VALUE_HI_ADDR SGPU_U32(0x20008024)
#define SGPU_ENG_FENCE_VALUE_HI_ADDR_I(i) (SGPU_ENG_CORE_BASE + (i) * SGPU_ENG_STRIDE + SGPU_ENG_FENCE_VALUE_HI_OFFSET)
#define SGPU_ENG_FENCE_VALUE_HI_RESET SGPU_U32(0x00000000)
/* FENCE_ADDR_LO (ro): Address of the latest FENCE with IRQ, low 32 bits. */
#define SGPU_ENG_FENCE_ADDR_LO_OFFSET SGPU_U32(0x028)
#define SGPU_ENG_FENCE_ADDR_LO_ADDR SGPU_U32(0x20008028)
#define SGPU_ENG_FENCE_ADDR_LO_ADDR_I(i) (SGPU_ENG_CORE_BASE + (i) * SGPU_ENG_STRIDE + SGPU_ENG_FENCE_ADDR_LO_OFFSET)
#define SGPU_ENG_FENCE_ADDR_LO_RESET SGPU_U32(0x00000000)
/* FENCE_ADDR_HI (ro): Address of the latest FENCE with IRQ, high 32 bits. */
#define SGPU_ENG_FENCE_ADDR_HI_OFFSET SGPU_U32(0x02C)
#define SGPU_ENG_FENCE_ADDR_HI_ADDR SGPU_U32(0x2000802C)
#define SGPU_ENG_FENCE_ADDR_HI_ADDR_I(i) (SGPU_ENG_CORE_BASE + (i) * SGPU_ENG_STRIDE + SGPU_ENG_FENCE_ADDR_HI_OFFSET)
#define SGPU_ENG_FENCE_ADDR_HI_RESET SGPU_U32(0x00000000)
/* LAST_FENCE_LO (ro): Value of the latest FENCE the engine wrote for any context, low 32 bits. */
#define SGPU_ENG_LAST_FENCE_LO_OFFSET SGPU_U32(0x030)
#define SGPU_ENG_LAST_FENCE_LO_ADDR SGPU_U32(0x20008030)
#define SGPU_ENG_LAST_FENCE_LO_ADDR_I(i) (SGPU_ENG_CORE_BASE + (i) * SGPU_ENG_STRIDE + SGPU_ENG_LAST_FENCE_LO_OFFSET)
#define SGPU_ENG_LAST_FENCE_LO_RESET SGPU_U32(0x00000000)
/* LAST_FENCE_HI (ro): Value of the latest FENCE the engine wrote, high 32 bits. */
#define SGPU_ENG_LAST_FENCE_HI_OFFSET SGPU_U32(0x034)
#define SGPU_ENG_LAST_FENCE_HI_ADDR SGPU_U32(0x20008034)
#define SGPU_ENG_LAST_FENCE_HI_ADDR_I(i) (SGPU_ENG_CORE_BASE + (i) * SGPU_ENG_STRIDE + SGPU_ENG_LAST_FENCE_HI_OFFSET)
#define SGPU_ENG_LAST_FENCE_HI_RESET SGPU_U32(0x00000000)
/* BUSY_CYCLES (ro): Cycles spent RUNNING or STOPPING since reset (wraps). */
#define SGPU_ENG_BUSY_CYCLES_OFFSET SGPU_U32(0x038)
#define SGPU_ENG_BUSY_CYCLES_ADDR SGPU_U32(0x20008038)
#define SGPU_ENG_BUSY_CYCLES_ADDR_I(i) (SGPU_ENG_CORE_BASE + (i) * SGPU_ENG_STRIDE + SGPU_ENG_BUSY_CYCLES_OFFSET)
#define SGPU_ENG_BUSY_CYCLES_RESET SGPU_U32(0x00000000)
/* COMMANDS (ro): Commands finished since reset (wraps). */
#define SGPU_ENG_COMMANDS_OFFSET SGPU_U32(0x03C)
#define SGPU_ENG_COMMANDS_ADDR SGPU_U32(0x2000803C)
#define SGPU_ENG_COMMANDS_ADDR_I(i) (SGPU_ENG_CORE_BASE + (i) * SGPU_ENG_STRIDE + SGPU_ENG_COMMANDS_OFFSET)
#define SGPU_ENG_COMMANDS_RESET SGPU_U32(0x00000000)
/* CAPS (ro): What this engine can do. */
#define SGPU_ENG_CAPS_OFFSET SGPU_U32(0x040)
#define SGPU_ENG_CAPS_ADDR SGPU_U32(0x20008040)
#define SGPU_ENG_CAPS_ADDR_I(i) (SGPU_ENG_CORE_BASE + (i) * SGPU_ENG_STRIDE + SGPU_ENG_CAPS_OFFSET)
#define SGPU_ENG_CAPS_RESET SGPU_U32(0x00000000)
#define SGPU_ENG_CAPS_PREEMPTION_SHIFT SGPU_U32(0)
#define SGPU_ENG_CAPS_PREEMPTION_WIDTH SGPU_U32(3)
#define SGPU_ENG_CAPS_PREEMPTION_MASK SGPU_U32(0x00000007)
#define SGPU_ENG_CAPS_PREEMPTION_COMMAND SGPU_U32(0)
#define SGPU_ENG_CAPS_PREEMPTION_CHUNK SGPU_U32(1)
#define SGPU_ENG_CAPS_PREEMPTION_INSTRUCTION SGPU_U32(2)

/* Activity statistics: A 1 KiB RAM the firmware writes and any host program may read through BAR0 without owning the device (sgpu top reads it as an observer): one STATS_CTX record per context, one STATS_ENG record per engine and a STATS_HEADER, laid out as docs/protocol.md defines (STATS_* constants and structs). Each record carries a sequence word the firmware makes odd while it writes the record: a reader re-reads until it sees the same even value before and after. Read-only from BAR0 (writes are ignored); write-only for the control core (its reads answer 0: the firmware keeps its own copy of every counter). Its content is not reset: the firmware clears it when it starts serving. */
#define SGPU_STATS_CORE_BASE SGPU_U32(0x2000A000)
#define SGPU_STATS_SIZE SGPU_U32(0x00000400)
#define SGPU_STATS_BLOCK_TYPE SGPU_U32(0x000A)
#define SGPU_STATS_BLOCK_VERSION SGPU_U32(1)
/* MAGIC (wo): STATS_HEADER.magic: STATS_MAGIC (0x54534753) once the firmware keeps the statistics; the RAM's power-up content before that. */
#define SGPU_STATS_MAGIC_OFFSET SGPU_U32(0x3E0)
#define SGPU_STATS_MAGIC_ADDR SGPU_U32(0x2000A3E0)
#define SGPU_STATS_MAGIC_RESET SGPU_U32(0x00000000)
/* LAYOUT (wo): STATS_HEADER.layout: STATS_LAYOUT, the version of the record layout. */
#define SGPU_STATS_LAYOUT_OFFSET SGPU_U32(0x3E4)
#define SGPU_STATS_LAYOUT_ADDR SGPU_U32(0x2000A3E4)
#define SGPU_STATS_LAYOUT_RESET SGPU_U32(0x00000000)

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
