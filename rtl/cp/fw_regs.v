// FW register block: the host's hold on the control core (adapter reset) and its window
// into the control core's memory for a new firmware image.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sgpu_regs.vh"

// The port is timed as id_regs documents: a request is read combinationally in its cycle
// and written at the clock edge that ends it (bar0_decode gives each request one cycle).
// CTRL acts only when a write enables bytes 0, 2 and 3 and carries KEY; other writes are
// ignored, so a stray write cannot reset the adapter. hold_o is CTRL.HOLD: the device holds
// the control core, the command processor and the engines in reset while it is high.
// hold_rise_o pulses in the first cycle of a hold, when the device abandons the held
// blocks' DMA reads.
// The loader (cpu_system's ld_* port, which acts while the core is in reset) is enabled
// for the whole hold and always points at ADDR (as an offset from RAM_BASE). The RAM's read
// port is synchronous, so a DATA read returns the word at ADDR as it was the cycle before
// the request: bar0_decode answers each access a cycle after it is taken, so ADDR has
// settled by then. A DATA write stores the whole word (the loader has no byte enables).
// Without HOLD, or with ADDR outside the RAM (ram_bytes_i from RAM_BASE), DATA writes are
// dropped and reads give 0; ADDR advances by 4 after every DATA access all the same.
module fw_regs #(
  parameter [31:0] RAM_BASE = 32'h8000_0000
) (
  input  wire                          clk_i,
  input  wire                          rst_ni,
  input  wire                          req_i,
  input  wire                          we_i,
  input  wire [3:0]                    be_i,
  input  wire [`SGPU_FW_ADDR_BITS-1:0] addr_i,
  input  wire [31:0]                   wdata_i,
  output wire [31:0]                   rdata_o,
  input  wire [31:0]                   ram_bytes_i,
  output wire                          hold_o,
  output wire                          hold_rise_o,
  // To cpu_system's loader.
  output wire                          ld_en_o,
  output wire                          ld_we_o,
  output wire [31:0]                   ld_addr_o,
  output wire [31:0]                   ld_wdata_o,
  input  wire [31:0]                   ld_rdata_i
);
  localparam integer AB = `SGPU_FW_ADDR_BITS;
  localparam [AB-1:0] OFF_CTRL   = `SGPU_FW_CTRL_OFFSET;
  localparam [AB-1:0] OFF_ADDR   = `SGPU_FW_ADDR_OFFSET;
  localparam [AB-1:0] OFF_DATA   = `SGPU_FW_DATA_OFFSET;
  localparam [AB-1:0] OFF_RESETS = `SGPU_FW_RESETS_OFFSET;
  localparam [15:0]   KEY        = 16'h5347;   // 'SG'
  localparam integer  HOLD_BIT   = `SGPU_FW_CTRL_HOLD_LSB;
  localparam integer  KEY_LSB    = `SGPU_FW_CTRL_KEY_LSB;

  reg        hold_q, hold_d;
  reg        hold_prev_q;
  reg [31:0] addr_q, addr_d;
  reg [15:0] resets_q, resets_d;
  reg [31:0] rdata;

  function [31:0] merge(input [31:0] old, input [31:0] data, input [3:0] be);
    integer b;
    begin
      for (b = 0; b < 4; b = b + 1)
        merge[8*b +: 8] = be[b] ? data[8*b +: 8] : old[8*b +: 8];
    end
  endfunction

  wire        wr       = req_i & we_i;
  wire        rd       = req_i & ~we_i;
  wire        data_acc = req_i && addr_i == OFF_DATA;
  wire [31:0] ram_off  = addr_q - RAM_BASE;
  wire        in_ram   = ram_off < ram_bytes_i;
  wire        keyed    = be_i[0] & be_i[2] & be_i[3] && wdata_i[KEY_LSB +: 16] == KEY;

  always @* begin
    hold_d = hold_q;
    if (wr && addr_i == OFF_CTRL && keyed) hold_d = wdata_i[HOLD_BIT];
    addr_d = addr_q;
    if (wr && addr_i == OFF_ADDR) addr_d = merge(addr_q, wdata_i, be_i) & ~32'd3;
    if (data_acc) addr_d = addr_q + 32'd4;
    resets_d = resets_q;
    if (hold_q && !hold_d && resets_q != 16'hFFFF) resets_d = resets_q + 16'd1;
    rdata = 32'd0;
    if (rd) begin
      case (addr_i)
        OFF_CTRL:   rdata[HOLD_BIT] = hold_q;
        OFF_ADDR:   rdata = addr_q;
        OFF_DATA:   rdata = (hold_q && in_ram) ? ld_rdata_i : 32'd0;
        OFF_RESETS: rdata = {16'd0, resets_q};
        default:    rdata = 32'd0;
      endcase
    end
  end

  always @(posedge clk_i) begin
    if (!rst_ni) begin
      hold_q      <= 1'b0;
      hold_prev_q <= 1'b0;
      addr_q      <= `SGPU_FW_ADDR_RESET;
      resets_q    <= 16'd0;
    end else begin
      hold_q      <= hold_d;
      hold_prev_q <= hold_q;
      addr_q      <= addr_d;
      resets_q    <= resets_d;
    end
  end

  assign rdata_o     = rdata;
  assign hold_o      = hold_q;
  assign hold_rise_o = hold_q & ~hold_prev_q;
  assign ld_en_o     = hold_q;
  assign ld_we_o     = hold_q & in_ram & wr & data_acc;
  assign ld_addr_o   = ram_off;
  assign ld_wdata_o  = wdata_i;
endmodule

`default_nettype wire
