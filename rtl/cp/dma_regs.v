// DMA register block: the transfer's arguments, START, and the engine's status and cycle count.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sgpu_regs.vh"

// Register port timed as id_regs: a request (from flops) is read combinationally on rdata_o
// in its cycle (0 when there is no read) and written at the clock edge that ends it, with
// its byte enables. Offsets that hold no register read as 0 and ignore writes.
// HOST_ADDR_LO/HI, VRAM_ADDR, LENGTH and CTRL keep what was written (CTRL only its field
// bits) and are not changed by a transfer, so the same transfer can be started again.
// A write of START with GO set (byte 0 enabled) gives start_o, a one-cycle pulse in the
// next cycle, with the registers' values; the engine ignores it while it is busy.
// STATUS and CYCLES show the engine's busy_i / done_i / error_i / cycles_i.
module dma_regs (
  input  wire                           clk_i,
  input  wire                           rst_ni,
  input  wire                           req_i,
  input  wire                           we_i,
  input  wire [3:0]                     be_i,
  input  wire [`SGPU_DMA_ADDR_BITS-1:0] addr_i,
  input  wire [31:0]                    wdata_i,
  output wire [31:0]                    rdata_o,
  // The transfer to start.
  output wire                           start_o,
  output wire [63:0]                    host_addr_o,
  output wire [31:0]                    vram_addr_o,
  output wire [31:0]                    length_o,
  output wire                           dir_o,     // CTRL.DIR: 1 to the host
  output wire                           irq_o,
  output wire [4:0]                     vector_o,
  // The engine.
  input  wire                           busy_i,
  input  wire                           done_i,
  input  wire [2:0]                     error_i,
  input  wire [31:0]                    cycles_i
);
  localparam integer AB = `SGPU_DMA_ADDR_BITS;
  localparam [AB-1:0] OFF_HOST_ADDR_LO = `SGPU_DMA_HOST_ADDR_LO_OFFSET;
  localparam [AB-1:0] OFF_HOST_ADDR_HI = `SGPU_DMA_HOST_ADDR_HI_OFFSET;
  localparam [AB-1:0] OFF_VRAM_ADDR    = `SGPU_DMA_VRAM_ADDR_OFFSET;
  localparam [AB-1:0] OFF_LENGTH       = `SGPU_DMA_LENGTH_OFFSET;
  localparam [AB-1:0] OFF_CTRL         = `SGPU_DMA_CTRL_OFFSET;
  localparam [AB-1:0] OFF_START        = `SGPU_DMA_START_OFFSET;
  localparam [AB-1:0] OFF_STATUS       = `SGPU_DMA_STATUS_OFFSET;
  localparam [AB-1:0] OFF_CYCLES       = `SGPU_DMA_CYCLES_OFFSET;
  // The CTRL bits that hold a field; the others read as 0.
  localparam [31:0] CTRL_BITS =
      (((32'd1 << `SGPU_DMA_CTRL_DIR_WIDTH) - 32'd1) << `SGPU_DMA_CTRL_DIR_LSB) |
      (((32'd1 << `SGPU_DMA_CTRL_IRQ_WIDTH) - 32'd1) << `SGPU_DMA_CTRL_IRQ_LSB) |
      (((32'd1 << `SGPU_DMA_CTRL_VECTOR_WIDTH) - 32'd1) << `SGPU_DMA_CTRL_VECTOR_LSB);

  reg [31:0] host_lo_q, host_lo_d;
  reg [31:0] host_hi_q, host_hi_d;
  reg [31:0] vram_q, vram_d;
  reg [31:0] length_q, length_d;
  reg [31:0] ctrl_q, ctrl_d;
  reg        start_q, start_d;
  reg [31:0] status;
  reg [31:0] rdata;

  function [31:0] merge(input [31:0] old, input [31:0] data, input [3:0] be);
    integer b;
    begin
      for (b = 0; b < 4; b = b + 1)
        merge[8*b +: 8] = be[b] ? data[8*b +: 8] : old[8*b +: 8];
    end
  endfunction

  wire wr = req_i & we_i;

  always @* begin
    host_lo_d = host_lo_q;
    host_hi_d = host_hi_q;
    vram_d    = vram_q;
    length_d  = length_q;
    ctrl_d    = ctrl_q;
    if (wr) begin
      case (addr_i)
        OFF_HOST_ADDR_LO: host_lo_d = merge(host_lo_q, wdata_i, be_i);
        OFF_HOST_ADDR_HI: host_hi_d = merge(host_hi_q, wdata_i, be_i);
        OFF_VRAM_ADDR:    vram_d    = merge(vram_q, wdata_i, be_i);
        OFF_LENGTH:       length_d  = merge(length_q, wdata_i, be_i);
        OFF_CTRL:         ctrl_d    = merge(ctrl_q, wdata_i, be_i) & CTRL_BITS;
        default: ;
      endcase
    end
    start_d = wr && addr_i == OFF_START && be_i[0] && wdata_i[`SGPU_DMA_START_GO_LSB];

    status = 32'd0;
    status[`SGPU_DMA_STATUS_BUSY_LSB]  = busy_i;
    status[`SGPU_DMA_STATUS_DONE_LSB]  = done_i;
    status[`SGPU_DMA_STATUS_ERROR_LSB +: `SGPU_DMA_STATUS_ERROR_WIDTH] = error_i;

    rdata = 32'd0;
    if (req_i && !we_i) begin
      case (addr_i)
        OFF_HOST_ADDR_LO: rdata = host_lo_q;
        OFF_HOST_ADDR_HI: rdata = host_hi_q;
        OFF_VRAM_ADDR:    rdata = vram_q;
        OFF_LENGTH:       rdata = length_q;
        OFF_CTRL:         rdata = ctrl_q;
        OFF_STATUS:       rdata = status;
        OFF_CYCLES:       rdata = cycles_i;
        default:          rdata = 32'd0;   // START is write-only
      endcase
    end
  end

  always @(posedge clk_i) begin
    if (!rst_ni) begin
      host_lo_q <= `SGPU_DMA_HOST_ADDR_LO_RESET;
      host_hi_q <= `SGPU_DMA_HOST_ADDR_HI_RESET;
      vram_q    <= `SGPU_DMA_VRAM_ADDR_RESET;
      length_q  <= `SGPU_DMA_LENGTH_RESET;
      ctrl_q    <= `SGPU_DMA_CTRL_RESET & CTRL_BITS;
      start_q   <= 1'b0;
    end else begin
      host_lo_q <= host_lo_d;
      host_hi_q <= host_hi_d;
      vram_q    <= vram_d;
      length_q  <= length_d;
      ctrl_q    <= ctrl_d;
      start_q   <= start_d;
    end
  end

  assign rdata_o     = rdata;
  assign start_o     = start_q;
  assign host_addr_o = {host_hi_q, host_lo_q};
  assign vram_addr_o = vram_q;
  assign length_o    = length_q;
  assign dir_o       = ctrl_q[`SGPU_DMA_CTRL_DIR_LSB];
  assign irq_o       = ctrl_q[`SGPU_DMA_CTRL_IRQ_LSB];
  assign vector_o    = ctrl_q[`SGPU_DMA_CTRL_VECTOR_LSB +: `SGPU_DMA_CTRL_VECTOR_WIDTH];
endmodule

`default_nettype wire
