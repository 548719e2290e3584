// sgpu context command format for the engine decoders. Generated from protocol/sgpu_protocol.json by protocol/protocol.py: do not edit.
// SPDX-License-Identifier: Apache-2.0
`ifndef SGPU_CMDS_VH
`define SGPU_CMDS_VH

`define SGPU_PROTO_VERSION_MAJOR 8'd1
`define SGPU_PROTO_VERSION_MINOR 8'd3

// Header DW fields: [LSB +: WIDTH].
`define SGPU_CMD_HDR_OPCODE_LSB 0
`define SGPU_CMD_HDR_OPCODE_WIDTH 8
`define SGPU_CMD_HDR_LENGTH_LSB 8
`define SGPU_CMD_HDR_LENGTH_WIDTH 8
`define SGPU_CMD_HDR_FLAGS_LSB 16
`define SGPU_CMD_HDR_FLAGS_WIDTH 8
`define SGPU_CMD_HDR_RSVD_LSB 24
`define SGPU_CMD_HDR_RSVD_WIDTH 8

// NOP: Does nothing; LENGTH 1..255 so that it also pads (its operand DWs are skipped).
`define SGPU_CMD_OP_NOP 8'd1
`define SGPU_CMD_NOP_DWORDS 8'd1
`define SGPU_CMD_NOP_MAX_DWORDS 8'd255
`define SGPU_CMD_NOP_FLAGS_ALL 8'h00

// FENCE: Write a 64-bit value once every earlier command is done.
`define SGPU_CMD_OP_FENCE 8'd2
`define SGPU_CMD_FENCE_DWORDS 8'd5
`define SGPU_CMD_FENCE_FLAGS_ALL 8'h03
`define SGPU_CMD_FENCE_FLAG_IRQ_BIT 0
`define SGPU_CMD_FENCE_FLAG_VRAM_BIT 1
`define SGPU_CMD_FENCE_ADDR_DW 1
`define SGPU_CMD_FENCE_ADDR_ALIGN_BITS 3
`define SGPU_CMD_FENCE_VALUE_DW 3

// WAIT: Block until the 64-bit value at addr is >= value (unsigned); a waiting context yields its engine.
`define SGPU_CMD_OP_WAIT 8'd3
`define SGPU_CMD_WAIT_DWORDS 8'd5
`define SGPU_CMD_WAIT_FLAGS_ALL 8'h02
`define SGPU_CMD_WAIT_FLAG_VRAM_BIT 1
`define SGPU_CMD_WAIT_ADDR_DW 1
`define SGPU_CMD_WAIT_ADDR_ALIGN_BITS 3
`define SGPU_CMD_WAIT_VALUE_DW 3

// COPY: Copy bytes between host memory and VRAM, either way or within one.
`define SGPU_CMD_OP_COPY 8'd4
`define SGPU_CMD_COPY_DWORDS 8'd6
`define SGPU_CMD_COPY_FLAGS_ALL 8'h03
`define SGPU_CMD_COPY_FLAG_SRC_VRAM_BIT 0
`define SGPU_CMD_COPY_FLAG_DST_VRAM_BIT 1
`define SGPU_CMD_COPY_SRC_DW 1
`define SGPU_CMD_COPY_SRC_ALIGN_BITS 3
`define SGPU_CMD_COPY_DST_DW 3
`define SGPU_CMD_COPY_DST_ALIGN_BITS 3
`define SGPU_CMD_COPY_BYTES_DW 5
`define SGPU_CMD_COPY_BYTES_ALIGN_BITS 3

// FILL: Fill memory with a repeated 32-bit pattern.
`define SGPU_CMD_OP_FILL 8'd5
`define SGPU_CMD_FILL_DWORDS 8'd5
`define SGPU_CMD_FILL_FLAGS_ALL 8'h02
`define SGPU_CMD_FILL_FLAG_DST_VRAM_BIT 1
`define SGPU_CMD_FILL_DST_DW 1
`define SGPU_CMD_FILL_DST_ALIGN_BITS 3
`define SGPU_CMD_FILL_BYTES_DW 3
`define SGPU_CMD_FILL_BYTES_ALIGN_BITS 3
`define SGPU_CMD_FILL_PATTERN_DW 4

// TIMESTAMP: Write the 64-bit device cycle counter once every earlier command is done.
`define SGPU_CMD_OP_TIMESTAMP 8'd6
`define SGPU_CMD_TIMESTAMP_DWORDS 8'd3
`define SGPU_CMD_TIMESTAMP_FLAGS_ALL 8'h02
`define SGPU_CMD_TIMESTAMP_FLAG_VRAM_BIT 1
`define SGPU_CMD_TIMESTAMP_ADDR_DW 1
`define SGPU_CMD_TIMESTAMP_ADDR_ALIGN_BITS 3

// DISPATCH: Run a kernel over a grid of workgroups on the shader cores (compute engine only: UNKNOWN_OPCODE on copy). Addresses are shader (VRAM) addresses.
`define SGPU_CMD_OP_DISPATCH 8'd7
`define SGPU_CMD_DISPATCH_DWORDS 8'd7
`define SGPU_CMD_DISPATCH_FLAGS_ALL 8'h01
`define SGPU_CMD_DISPATCH_FLAG_HOST_WINDOW_BIT 0
`define SGPU_CMD_DISPATCH_FLAG_HOST_WINDOW_DWORDS 8'd9
`define SGPU_CMD_DISPATCH_KERNEL_DW 1
`define SGPU_CMD_DISPATCH_KERNEL_ALIGN_BITS 2
`define SGPU_CMD_DISPATCH_GRID_X_DW 2
`define SGPU_CMD_DISPATCH_GRID_Y_DW 3
`define SGPU_CMD_DISPATCH_GRID_Z_DW 4
`define SGPU_CMD_DISPATCH_WG_SIZE_DW 5
`define SGPU_CMD_DISPATCH_ARGS_DW 6
`define SGPU_CMD_DISPATCH_ARGS_ALIGN_BITS 2
`define SGPU_CMD_DISPATCH_HOST_BASE_DW 7
`define SGPU_CMD_DISPATCH_HOST_BASE_ALIGN_BITS 12

// WRAP: Continue at ring offset 0; the rest of the ring is skipped.
`define SGPU_CMD_OP_WRAP 8'd8
`define SGPU_CMD_WRAP_DWORDS 8'd1
`define SGPU_CMD_WRAP_FLAGS_ALL 8'h00

// Why a context went into error (EVENT_RECORD.reason of CONTEXT_ERROR). Engines report these codes to the firmware.
`define SGPU_CMD_ERROR_NONE 16'd0
`define SGPU_CMD_ERROR_UNKNOWN_OPCODE 16'd1
`define SGPU_CMD_ERROR_BAD_LENGTH 16'd2
`define SGPU_CMD_ERROR_MISALIGNED 16'd3
`define SGPU_CMD_ERROR_RESERVED_BITS 16'd4
`define SGPU_CMD_ERROR_BAD_ADDRESS 16'd5
`define SGPU_CMD_ERROR_TOO_LONG 16'd6
`define SGPU_CMD_ERROR_CROSSES_RING_END 16'd7
`define SGPU_CMD_ERROR_KERNEL_ILLEGAL_INSTRUCTION 16'd8
`define SGPU_CMD_ERROR_KERNEL_BAD_ACCESS 16'd9
`define SGPU_CMD_ERROR_DMA_ERROR 16'd10
`define SGPU_CMD_ERROR_BAD_DISPATCH 16'd11

`endif
