// Byte-enabled RAM with one write and one synchronous read port: shader IRAM and stack.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// Words of BYTES_PER_WORD bytes, addressed by word. The read port reads every cycle and
// returns the word at raddr_i one cycle later. Reading the word written in the same cycle
// gives an undefined word on an FPGA (simulation returns the old one). Inferred as block
// RAM (the byte enables become the iCE40 bit mask); `no_rw_check`: no collision logic.
// The contents start as zero in simulation and after FPGA configuration, but nothing
// relies on that.
module shader_ram #(
  parameter integer WORDS          = 1024,
  parameter integer BYTES_PER_WORD = 4,
  parameter integer ADDR_BITS      = $clog2(WORDS)
) (
  input  wire                        clk_i,
  input  wire                        we_i,
  input  wire [BYTES_PER_WORD-1:0]   be_i,
  input  wire [ADDR_BITS-1:0]        waddr_i,
  input  wire [8*BYTES_PER_WORD-1:0] wdata_i,
  input  wire [ADDR_BITS-1:0]        raddr_i,
  output wire [8*BYTES_PER_WORD-1:0] rdata_o
);
  (* no_rw_check *)
  reg [8*BYTES_PER_WORD-1:0] mem [0:WORDS-1];
  reg [8*BYTES_PER_WORD-1:0] rdata_q;

`ifndef SYNTHESIS
  integer i;
  initial begin
    for (i = 0; i < WORDS; i = i + 1) mem[i] = {8*BYTES_PER_WORD{1'b0}};
  end
`endif

  // A memory array is the one place where the _d/_q split does not apply: block RAM is
  // inferred from writes and registered reads in the clocked block itself.
  integer b;
  always @(posedge clk_i) begin
    for (b = 0; b < BYTES_PER_WORD; b = b + 1)
      if (we_i && be_i[b]) mem[waddr_i][8*b +: 8] <= wdata_i[8*b +: 8];
    rdata_q <= mem[raddr_i];
  end

  assign rdata_o = rdata_q;
endmodule

`default_nettype wire
