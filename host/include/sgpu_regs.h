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
#define SGPU_ID_BAR0_BASE SGPU_U32(0x00000000)
#define SGPU_ID_SIZE SGPU_U32(0x00001000)
#define SGPU_ID_BLOCK_TYPE SGPU_U32(0x0001)
#define SGPU_ID_BLOCK_VERSION SGPU_U32(1)
/* MAGIC (ro): Reads 0x53475055, 'SGPU' in ASCII: the device is an sgpu. */
#define SGPU_ID_MAGIC_OFFSET SGPU_U32(0x000)
#define SGPU_ID_MAGIC_RESET SGPU_U32(0x53475055)
/* VERSION (ro): Version of the register map (semantic versioning). */
#define SGPU_ID_VERSION_OFFSET SGPU_U32(0x004)
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
/* HEARTBEAT (ro): The firmware's heartbeat: it writes a new value (a count of its beats) at least every HEARTBEAT_CYCLES device cycles, whatever it is doing. A value that does not change for several HEARTBEAT_CYCLES of device time (CP.CYCLES) means the control core is dead or wedged: the host resets the adapter (FW block). */
#define SGPU_ID_HEARTBEAT_OFFSET SGPU_U32(0x014)
#define SGPU_ID_HEARTBEAT_RESET SGPU_U32(0x00000000)

/* PCI Express link: How the host set the link up, what the endpoint counted, and a way to send any MSI vector. */
#define SGPU_LINK_BAR0_BASE SGPU_U32(0x00001000)
#define SGPU_LINK_SIZE SGPU_U32(0x00001000)
#define SGPU_LINK_BLOCK_TYPE SGPU_U32(0x0003)
#define SGPU_LINK_BLOCK_VERSION SGPU_U32(1)
/* STATUS (ro): The configuration the host programmed, as the endpoint uses it. */
#define SGPU_LINK_STATUS_OFFSET SGPU_U32(0x000)
#define SGPU_LINK_STATUS_RESET SGPU_U32(0x00000000)
#define SGPU_LINK_STATUS_MAX_PAYLOAD_SHIFT SGPU_U32(0)
#define SGPU_LINK_STATUS_MAX_PAYLOAD_WIDTH SGPU_U32(3)
#define SGPU_LINK_STATUS_MAX_PAYLOAD_MASK SGPU_U32(0x00000007)
#define SGPU_LINK_STATUS_MAX_READ_REQ_SHIFT SGPU_U32(4)
#define SGPU_LINK_STATUS_MAX_READ_REQ_WIDTH SGPU_U32(3)
#define SGPU_LINK_STATUS_MAX_READ_REQ_MASK SGPU_U32(0x00000070)
#define SGPU_LINK_STATUS_BUS_MASTER_SHIFT SGPU_U32(8)
#define SGPU_LINK_STATUS_BUS_MASTER_WIDTH SGPU_U32(1)
#define SGPU_LINK_STATUS_BUS_MASTER_MASK SGPU_U32(0x00000100)
#define SGPU_LINK_STATUS_MSI_ENABLE_SHIFT SGPU_U32(9)
#define SGPU_LINK_STATUS_MSI_ENABLE_WIDTH SGPU_U32(1)
#define SGPU_LINK_STATUS_MSI_ENABLE_MASK SGPU_U32(0x00000200)
#define SGPU_LINK_STATUS_MSI_MME_SHIFT SGPU_U32(12)
#define SGPU_LINK_STATUS_MSI_MME_WIDTH SGPU_U32(3)
#define SGPU_LINK_STATUS_MSI_MME_MASK SGPU_U32(0x00007000)
#define SGPU_LINK_STATUS_CPL_TIMEOUT_SHIFT SGPU_U32(16)
#define SGPU_LINK_STATUS_CPL_TIMEOUT_WIDTH SGPU_U32(4)
#define SGPU_LINK_STATUS_CPL_TIMEOUT_MASK SGPU_U32(0x000F0000)
#define SGPU_LINK_STATUS_CPL_TIMEOUT_DIS_SHIFT SGPU_U32(20)
#define SGPU_LINK_STATUS_CPL_TIMEOUT_DIS_WIDTH SGPU_U32(1)
#define SGPU_LINK_STATUS_CPL_TIMEOUT_DIS_MASK SGPU_U32(0x00100000)
/* CPL_TIMEOUTS (ro): DMA reads that ended in a completion timeout since reset (saturates at 0xFFFF). */
#define SGPU_LINK_CPL_TIMEOUTS_OFFSET SGPU_U32(0x004)
#define SGPU_LINK_CPL_TIMEOUTS_RESET SGPU_U32(0x00000000)
/* LATE_CPLS (ro): Completions dropped because their request had timed out or been aborted, or they matched no request (saturates at 0xFFFF). */
#define SGPU_LINK_LATE_CPLS_OFFSET SGPU_U32(0x008)
#define SGPU_LINK_LATE_CPLS_RESET SGPU_U32(0x00000000)
/* BAD_REQUESTS (ro): Requests from the host the endpoint refused: unsupported request completions sent and posted requests dropped (saturates at 0xFFFF). */
#define SGPU_LINK_BAD_REQUESTS_OFFSET SGPU_U32(0x00C)
#define SGPU_LINK_BAD_REQUESTS_RESET SGPU_U32(0x00000000)
/* MSI_SEND (wo): Writing sends the MSI vector written: a test of interrupt delivery. */
#define SGPU_LINK_MSI_SEND_OFFSET SGPU_U32(0x010)
#define SGPU_LINK_MSI_SEND_RESET SGPU_U32(0x00000000)
#define SGPU_LINK_MSI_SEND_VECTOR_SHIFT SGPU_U32(0)
#define SGPU_LINK_MSI_SEND_VECTOR_WIDTH SGPU_U32(5)
#define SGPU_LINK_MSI_SEND_VECTOR_MASK SGPU_U32(0x0000001F)

/* Host DMA: Moves data between host memory and VRAM through the endpoint's DMA requester: the link's test and measurement path. */
#define SGPU_DMA_BAR0_BASE SGPU_U32(0x00002000)
#define SGPU_DMA_SIZE SGPU_U32(0x00001000)
#define SGPU_DMA_BLOCK_TYPE SGPU_U32(0x0004)
#define SGPU_DMA_BLOCK_VERSION SGPU_U32(1)
/* HOST_ADDR_LO (rw): Host bus address, low 32 bits (a multiple of 8). */
#define SGPU_DMA_HOST_ADDR_LO_OFFSET SGPU_U32(0x000)
#define SGPU_DMA_HOST_ADDR_LO_RESET SGPU_U32(0x00000000)
/* HOST_ADDR_HI (rw): Host bus address, high 32 bits. */
#define SGPU_DMA_HOST_ADDR_HI_OFFSET SGPU_U32(0x004)
#define SGPU_DMA_HOST_ADDR_HI_RESET SGPU_U32(0x00000000)
/* VRAM_ADDR (rw): Byte offset in VRAM (a multiple of 8). */
#define SGPU_DMA_VRAM_ADDR_OFFSET SGPU_U32(0x008)
#define SGPU_DMA_VRAM_ADDR_RESET SGPU_U32(0x00000000)
/* LENGTH (rw): Bytes to move: a multiple of 8, 8 to 16 MiB - 8. */
#define SGPU_DMA_LENGTH_OFFSET SGPU_U32(0x00C)
#define SGPU_DMA_LENGTH_RESET SGPU_U32(0x00000000)
/* CTRL (rw): How the next transfer runs. */
#define SGPU_DMA_CTRL_OFFSET SGPU_U32(0x010)
#define SGPU_DMA_CTRL_RESET SGPU_U32(0x00000000)
#define SGPU_DMA_CTRL_DIR_SHIFT SGPU_U32(0)
#define SGPU_DMA_CTRL_DIR_WIDTH SGPU_U32(1)
#define SGPU_DMA_CTRL_DIR_MASK SGPU_U32(0x00000001)
#define SGPU_DMA_CTRL_DIR_TO_DEVICE SGPU_U32(0)
#define SGPU_DMA_CTRL_DIR_TO_HOST SGPU_U32(1)
#define SGPU_DMA_CTRL_IRQ_SHIFT SGPU_U32(1)
#define SGPU_DMA_CTRL_IRQ_WIDTH SGPU_U32(1)
#define SGPU_DMA_CTRL_IRQ_MASK SGPU_U32(0x00000002)
#define SGPU_DMA_CTRL_VECTOR_SHIFT SGPU_U32(4)
#define SGPU_DMA_CTRL_VECTOR_WIDTH SGPU_U32(5)
#define SGPU_DMA_CTRL_VECTOR_MASK SGPU_U32(0x000001F0)
/* START (wo): Writing 1 starts a transfer with the registers above; ignored while one runs. */
#define SGPU_DMA_START_OFFSET SGPU_U32(0x014)
#define SGPU_DMA_START_RESET SGPU_U32(0x00000000)
#define SGPU_DMA_START_GO_SHIFT SGPU_U32(0)
#define SGPU_DMA_START_GO_WIDTH SGPU_U32(1)
#define SGPU_DMA_START_GO_MASK SGPU_U32(0x00000001)
/* STATUS (ro): The last transfer's state. */
#define SGPU_DMA_STATUS_OFFSET SGPU_U32(0x018)
#define SGPU_DMA_STATUS_RESET SGPU_U32(0x00000000)
#define SGPU_DMA_STATUS_BUSY_SHIFT SGPU_U32(0)
#define SGPU_DMA_STATUS_BUSY_WIDTH SGPU_U32(1)
#define SGPU_DMA_STATUS_BUSY_MASK SGPU_U32(0x00000001)
#define SGPU_DMA_STATUS_DONE_SHIFT SGPU_U32(1)
#define SGPU_DMA_STATUS_DONE_WIDTH SGPU_U32(1)
#define SGPU_DMA_STATUS_DONE_MASK SGPU_U32(0x00000002)
#define SGPU_DMA_STATUS_ERROR_SHIFT SGPU_U32(4)
#define SGPU_DMA_STATUS_ERROR_WIDTH SGPU_U32(3)
#define SGPU_DMA_STATUS_ERROR_MASK SGPU_U32(0x00000070)
#define SGPU_DMA_STATUS_ERROR_NONE SGPU_U32(0)
#define SGPU_DMA_STATUS_ERROR_TIMEOUT SGPU_U32(1)
#define SGPU_DMA_STATUS_ERROR_UNSUPPORTED SGPU_U32(2)
#define SGPU_DMA_STATUS_ERROR_ABORT SGPU_U32(3)
#define SGPU_DMA_STATUS_ERROR_BAD_ARGS SGPU_U32(4)
/* CYCLES (ro): Device clock cycles the last transfer took, from START to the last data written. */
#define SGPU_DMA_CYCLES_OFFSET SGPU_U32(0x01C)
#define SGPU_DMA_CYCLES_RESET SGPU_U32(0x00000000)

/* Firmware and adapter reset: The host's hold on the control core: an adapter reset holds the control core, the command processor and the engines in reset (the link, the configuration space, the ID, LINK and DMA blocks keep working), lets the host write the firmware image into the control core's memory and read it back, and releases them: the firmware boots from the new image. Not visible to the control core. */
#define SGPU_FW_BAR0_BASE SGPU_U32(0x00005000)
#define SGPU_FW_SIZE SGPU_U32(0x00001000)
#define SGPU_FW_BLOCK_TYPE SGPU_U32(0x0009)
#define SGPU_FW_BLOCK_VERSION SGPU_U32(1)
/* CTRL (rw): Adapter reset control. A write takes effect only with KEY; other writes are ignored. */
#define SGPU_FW_CTRL_OFFSET SGPU_U32(0x000)
#define SGPU_FW_CTRL_RESET SGPU_U32(0x00000000)
#define SGPU_FW_CTRL_HOLD_SHIFT SGPU_U32(0)
#define SGPU_FW_CTRL_HOLD_WIDTH SGPU_U32(1)
#define SGPU_FW_CTRL_HOLD_MASK SGPU_U32(0x00000001)
#define SGPU_FW_CTRL_KEY_SHIFT SGPU_U32(16)
#define SGPU_FW_CTRL_KEY_WIDTH SGPU_U32(16)
#define SGPU_FW_CTRL_KEY_MASK SGPU_U32(0xFFFF0000)
/* ADDR (rw): Byte address in the control core's memory (a multiple of 4; the core's address, e.g. its RAM base) of the next DATA access; advances by 4 after each DATA read or write. */
#define SGPU_FW_ADDR_OFFSET SGPU_U32(0x004)
#define SGPU_FW_ADDR_RESET SGPU_U32(0x00000000)
/* DATA (rw): While HOLD: a write stores the word at ADDR, a read returns it (so the host verifies the image it wrote). Without HOLD writes are ignored and reads return 0. */
#define SGPU_FW_DATA_OFFSET SGPU_U32(0x008)
#define SGPU_FW_DATA_RESET SGPU_U32(0x00000000)
/* RESETS (ro): Adapter resets (HOLD 1 -> 0) since the device was reset (saturates at 0xFFFF). */
#define SGPU_FW_RESETS_OFFSET SGPU_U32(0x00C)
#define SGPU_FW_RESETS_RESET SGPU_U32(0x00000000)

/* Command processor: Where the context array is (offset, count, stride, so that software finds it without hard-coding the layout) and the doorbell bitmap the firmware consumes. The pending bits and their clearing are the firmware's: the host may read DB_PENDING, its writes to DB_CLEAR are ignored. The firmware consumes doorbells by reading DB_PENDING, writing the bits it saw to DB_CLEAR, then reading those contexts' CTX.TAIL: a doorbell that lands after the clear sets its bit again, one before it is in the TAIL read, so none is lost. The host also tells the firmware where the control and event ring descriptors (RING_DESC in docs/protocol.md) are, and rings the control doorbell after it publishes control frames. */
#define SGPU_CP_BAR0_BASE SGPU_U32(0x00003000)
#define SGPU_CP_SIZE SGPU_U32(0x00001000)
#define SGPU_CP_BLOCK_TYPE SGPU_U32(0x0005)
#define SGPU_CP_BLOCK_VERSION SGPU_U32(1)
/* CTX_OFFSET (ro): Offset of context 0's registers (the CTX array) from the ID block's base, the same in both spaces: BAR0 offset 0x4000, core address 0x2000_4000. */
#define SGPU_CP_CTX_OFFSET_OFFSET SGPU_U32(0x000)
#define SGPU_CP_CTX_OFFSET_RESET SGPU_U32(0x00004000)
/* CTX_COUNT (ro): Hardware contexts this build has (16 in the simulation build, fewer on small FPGAs, at most 32): contexts 0 to CTX_COUNT - 1 exist; the others read as 0 and ignore writes. */
#define SGPU_CP_CTX_COUNT_OFFSET SGPU_U32(0x004)
#define SGPU_CP_CTX_COUNT_RESET SGPU_U32(0x00000010)
/* CTX_STRIDE (ro): Bytes from one context's registers to the next: context i at CTX_OFFSET + i * CTX_STRIDE. */
#define SGPU_CP_CTX_STRIDE_OFFSET SGPU_U32(0x008)
#define SGPU_CP_CTX_STRIDE_RESET SGPU_U32(0x00000040)
/* DB_PENDING (ro): Doorbell pending bits, bit i for context i: set by a write to context i's DOORBELL, cleared by DB_CLEAR. Many doorbells before a clear leave one bit set (CTX.TAIL keeps the latest tail). Any bit set raises the firmware's doorbell interrupt. */
#define SGPU_CP_DB_PENDING_OFFSET SGPU_U32(0x010)
#define SGPU_CP_DB_PENDING_RESET SGPU_U32(0x00000000)
/* DB_CLEAR (ro): Firmware: writing clears the DB_PENDING bits written as 1 (write-1-to-clear; only enabled bytes count). A doorbell in the same cycle as the clear of its bit leaves it set. The host reads 0 and its writes are ignored. */
#define SGPU_CP_DB_CLEAR_OFFSET SGPU_U32(0x014)
#define SGPU_CP_DB_CLEAR_RESET SGPU_U32(0x00000000)
/* CTRL_DESC_LO (rw): Host bus address of the control ring's RING_DESC, low 32 bits (a multiple of 64); written by the host before its first control frame. */
#define SGPU_CP_CTRL_DESC_LO_OFFSET SGPU_U32(0x020)
#define SGPU_CP_CTRL_DESC_LO_RESET SGPU_U32(0x00000000)
/* CTRL_DESC_HI (rw): Host bus address of the control ring's RING_DESC, high 32 bits. */
#define SGPU_CP_CTRL_DESC_HI_OFFSET SGPU_U32(0x024)
#define SGPU_CP_CTRL_DESC_HI_RESET SGPU_U32(0x00000000)
/* EVENT_DESC_LO (rw): Host bus address of the event ring's RING_DESC, low 32 bits (a multiple of 64); 0 in both halves: no event ring, events are counted as lost. */
#define SGPU_CP_EVENT_DESC_LO_OFFSET SGPU_U32(0x028)
#define SGPU_CP_EVENT_DESC_LO_RESET SGPU_U32(0x00000000)
/* EVENT_DESC_HI (rw): Host bus address of the event ring's RING_DESC, high 32 bits. */
#define SGPU_CP_EVENT_DESC_HI_OFFSET SGPU_U32(0x02C)
#define SGPU_CP_EVENT_DESC_HI_RESET SGPU_U32(0x00000000)
/* CTRL_DOORBELL (wo): Any write (any byte enabled) sets CTRL_PENDING and keeps the word written in CTRL_HEAD: the host writes the control ring's head, after publishing it in the descriptor. */
#define SGPU_CP_CTRL_DOORBELL_OFFSET SGPU_U32(0x030)
#define SGPU_CP_CTRL_DOORBELL_RESET SGPU_U32(0x00000000)
/* CTRL_PENDING (ro): Control doorbell pending; raises the firmware's doorbell interrupt like DB_PENDING. The firmware clears PENDING by writing 1 to it before it reads the head (CTRL_HEAD or the descriptor's); a control doorbell in the same cycle leaves it set. */
#define SGPU_CP_CTRL_PENDING_OFFSET SGPU_U32(0x034)
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
#define SGPU_CP_DB_CYCLE_LO_RESET SGPU_U32(0x00000000)
/* DB_CYCLE_HI (ro): Device cycle of the latest context doorbell write, high 32 bits (read LO first: HI is latched then). */
#define SGPU_CP_DB_CYCLE_HI_OFFSET SGPU_U32(0x03C)
#define SGPU_CP_DB_CYCLE_HI_RESET SGPU_U32(0x00000000)
/* CYCLES_LO (ro): Device cycles since reset (the counter TIMESTAMP writes), low 32 bits: the host's clock for device time (timeouts in device cycles, heartbeat). */
#define SGPU_CP_CYCLES_LO_OFFSET SGPU_U32(0x040)
#define SGPU_CP_CYCLES_LO_RESET SGPU_U32(0x00000000)
/* CYCLES_HI (ro): Device cycles since reset, high 32 bits (read LO first: HI is latched then). */
#define SGPU_CP_CYCLES_HI_OFFSET SGPU_U32(0x044)
#define SGPU_CP_CYCLES_HI_RESET SGPU_U32(0x00000000)
/* CTRL_DB_CYCLE_LO (ro): Device cycle at which the latest CTRL_DOORBELL write reached the block, low 32 bits: the moment a control frame is announced to the device, for measuring suspend and reset latency. */
#define SGPU_CP_CTRL_DB_CYCLE_LO_OFFSET SGPU_U32(0x048)
#define SGPU_CP_CTRL_DB_CYCLE_LO_RESET SGPU_U32(0x00000000)
/* CTRL_DB_CYCLE_HI (ro): Device cycle of the latest CTRL_DOORBELL write, high 32 bits (read LO first: HI is latched then). */
#define SGPU_CP_CTRL_DB_CYCLE_HI_OFFSET SGPU_U32(0x04C)
#define SGPU_CP_CTRL_DB_CYCLE_HI_RESET SGPU_U32(0x00000000)
/* CTRL_HEAD (ro): The word of the latest CTRL_DOORBELL write: the control ring's head as the host published it. With RING_DESC.flags HEAD_IN_DOORBELL the firmware takes the head from here and reads the descriptor only when CTRL_PENDING.DESC says the ring was set up anew. */
#define SGPU_CP_CTRL_HEAD_OFFSET SGPU_U32(0x050)
#define SGPU_CP_CTRL_HEAD_RESET SGPU_U32(0x00000000)

/* Contexts: One instance per hardware context: 16 in this build (CP.CTX_COUNT says how many a build has). The host sets a context's ring and addresses up, then writes the ring's new tail to DOORBELL whenever it adds commands; the firmware reads and writes the same registers at its own base. A context whose index is CTX_COUNT or more reads as 0 and ignores writes. */
#define SGPU_CTX_BAR0_BASE SGPU_U32(0x00004000)
#define SGPU_CTX_SIZE SGPU_U32(0x00001000)
#define SGPU_CTX_BLOCK_TYPE SGPU_U32(0x0006)
#define SGPU_CTX_BLOCK_VERSION SGPU_U32(1)
/* An array of 16 instances: instance i at base + i * stride. */
#define SGPU_CTX_COUNT SGPU_U32(16)
#define SGPU_CTX_STRIDE SGPU_U32(0x00000040)
/* RING_BASE_LO (rw): Command ring's host bus address, low 32 bits (a multiple of RING_SIZE). */
#define SGPU_CTX_RING_BASE_LO_OFFSET SGPU_U32(0x000)
#define SGPU_CTX_RING_BASE_LO_OFFSET_I(i) (SGPU_CTX_BAR0_BASE + (i) * SGPU_CTX_STRIDE + SGPU_CTX_RING_BASE_LO_OFFSET)
#define SGPU_CTX_RING_BASE_LO_RESET SGPU_U32(0x00000000)
/* RING_BASE_HI (rw): Command ring's host bus address, high 32 bits. */
#define SGPU_CTX_RING_BASE_HI_OFFSET SGPU_U32(0x004)
#define SGPU_CTX_RING_BASE_HI_OFFSET_I(i) (SGPU_CTX_BAR0_BASE + (i) * SGPU_CTX_STRIDE + SGPU_CTX_RING_BASE_HI_OFFSET)
#define SGPU_CTX_RING_BASE_HI_RESET SGPU_U32(0x00000000)
/* RING_SIZE (rw): Command ring size in bytes: a power of two (the firmware refuses a context whose ring size is not). */
#define SGPU_CTX_RING_SIZE_OFFSET SGPU_U32(0x008)
#define SGPU_CTX_RING_SIZE_OFFSET_I(i) (SGPU_CTX_BAR0_BASE + (i) * SGPU_CTX_STRIDE + SGPU_CTX_RING_SIZE_OFFSET)
#define SGPU_CTX_RING_SIZE_RESET SGPU_U32(0x00000000)
/* ENGINE (rw): The engine that runs the context. */
#define SGPU_CTX_ENGINE_OFFSET SGPU_U32(0x00C)
#define SGPU_CTX_ENGINE_OFFSET_I(i) (SGPU_CTX_BAR0_BASE + (i) * SGPU_CTX_STRIDE + SGPU_CTX_ENGINE_OFFSET)
#define SGPU_CTX_ENGINE_RESET SGPU_U32(0x00000000)
#define SGPU_CTX_ENGINE_ENGINE_SHIFT SGPU_U32(0)
#define SGPU_CTX_ENGINE_ENGINE_WIDTH SGPU_U32(1)
#define SGPU_CTX_ENGINE_ENGINE_MASK SGPU_U32(0x00000001)
#define SGPU_CTX_ENGINE_ENGINE_COPY SGPU_U32(0)
#define SGPU_CTX_ENGINE_ENGINE_COMPUTE SGPU_U32(1)
/* FENCE_ADDR_LO (rw): Progress fence's host bus address, low 32 bits (a multiple of 8): the engine writes there the 64-bit value of the last fence it passed. */
#define SGPU_CTX_FENCE_ADDR_LO_OFFSET SGPU_U32(0x010)
#define SGPU_CTX_FENCE_ADDR_LO_OFFSET_I(i) (SGPU_CTX_BAR0_BASE + (i) * SGPU_CTX_STRIDE + SGPU_CTX_FENCE_ADDR_LO_OFFSET)
#define SGPU_CTX_FENCE_ADDR_LO_RESET SGPU_U32(0x00000000)
/* FENCE_ADDR_HI (rw): Progress fence's host bus address, high 32 bits. */
#define SGPU_CTX_FENCE_ADDR_HI_OFFSET SGPU_U32(0x014)
#define SGPU_CTX_FENCE_ADDR_HI_OFFSET_I(i) (SGPU_CTX_BAR0_BASE + (i) * SGPU_CTX_STRIDE + SGPU_CTX_FENCE_ADDR_HI_OFFSET)
#define SGPU_CTX_FENCE_ADDR_HI_RESET SGPU_U32(0x00000000)
/* SAVE_ADDR_LO (rw): Save area's address, low 32 bits: where the context's state goes when it is switched out. */
#define SGPU_CTX_SAVE_ADDR_LO_OFFSET SGPU_U32(0x018)
#define SGPU_CTX_SAVE_ADDR_LO_OFFSET_I(i) (SGPU_CTX_BAR0_BASE + (i) * SGPU_CTX_STRIDE + SGPU_CTX_SAVE_ADDR_LO_OFFSET)
#define SGPU_CTX_SAVE_ADDR_LO_RESET SGPU_U32(0x00000000)
/* SAVE_ADDR_HI (rw): Save area's address, high 32 bits. */
#define SGPU_CTX_SAVE_ADDR_HI_OFFSET SGPU_U32(0x01C)
#define SGPU_CTX_SAVE_ADDR_HI_OFFSET_I(i) (SGPU_CTX_BAR0_BASE + (i) * SGPU_CTX_STRIDE + SGPU_CTX_SAVE_ADDR_HI_OFFSET)
#define SGPU_CTX_SAVE_ADDR_HI_RESET SGPU_U32(0x00000000)
/* DOORBELL (wo): Writing the ring's new tail (a byte offset in the ring) rings the doorbell: it becomes TAIL (the enabled bytes) and the context's CP.DB_PENDING bit is set. A firmware write rings it as a host write does (to requeue a context); when both write one context's doorbell in the same cycle, the host's tail is kept. */
#define SGPU_CTX_DOORBELL_OFFSET SGPU_U32(0x020)
#define SGPU_CTX_DOORBELL_OFFSET_I(i) (SGPU_CTX_BAR0_BASE + (i) * SGPU_CTX_STRIDE + SGPU_CTX_DOORBELL_OFFSET)
#define SGPU_CTX_DOORBELL_RESET SGPU_U32(0x00000000)
/* TAIL (ro): The latest tail written through DOORBELL. */
#define SGPU_CTX_TAIL_OFFSET SGPU_U32(0x024)
#define SGPU_CTX_TAIL_OFFSET_I(i) (SGPU_CTX_BAR0_BASE + (i) * SGPU_CTX_STRIDE + SGPU_CTX_TAIL_OFFSET)
#define SGPU_CTX_TAIL_RESET SGPU_U32(0x00000000)

/* Activity statistics: A 1 KiB RAM the firmware writes and any host program may read through BAR0 without owning the device (sgpu top reads it as an observer): one STATS_CTX record per context, one STATS_ENG record per engine and a STATS_HEADER, laid out as docs/protocol.md defines (STATS_* constants and structs). Each record carries a sequence word the firmware makes odd while it writes the record: a reader re-reads until it sees the same even value before and after. Read-only from BAR0 (writes are ignored); write-only for the control core (its reads answer 0: the firmware keeps its own copy of every counter). Its content is not reset: the firmware clears it when it starts serving. */
#define SGPU_STATS_BAR0_BASE SGPU_U32(0x00006000)
#define SGPU_STATS_SIZE SGPU_U32(0x00000400)
#define SGPU_STATS_BLOCK_TYPE SGPU_U32(0x000A)
#define SGPU_STATS_BLOCK_VERSION SGPU_U32(1)
/* MAGIC (ro): STATS_HEADER.magic: STATS_MAGIC (0x54534753) once the firmware keeps the statistics; the RAM's power-up content before that. */
#define SGPU_STATS_MAGIC_OFFSET SGPU_U32(0x3E0)
#define SGPU_STATS_MAGIC_RESET SGPU_U32(0x00000000)
/* LAYOUT (ro): STATS_HEADER.layout: STATS_LAYOUT, the version of the record layout. */
#define SGPU_STATS_LAYOUT_OFFSET SGPU_U32(0x3E4)
#define SGPU_STATS_LAYOUT_RESET SGPU_U32(0x00000000)

#endif /* SGPU_HOST_REGS_H */
