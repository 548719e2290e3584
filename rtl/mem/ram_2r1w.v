// Byte-enabled RAM with one write port and two synchronous read ports, zero-initialised.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// Words of 32 bits, addressed by word. A read port returns the word at its address one
// cycle after its enable (it holds its last word while the enable is low). Reading the
// word that the write port writes in the same cycle gives an undefined word on an FPGA
// (simulation returns the old word): users must not depend on it. Yosys maps the array to
// block RAM (on iCE40, SB_RAM40_4K with the bit mask as byte enables; the two read ports
// are two copies of the memory); `no_rw_check` tells it not to add collision logic.
module ram_2r1w #(
  parameter integer BYTES     = 4096,              // size in bytes, a multiple of 4
  parameter integer ADDR_BITS = $clog2(BYTES / 4)  // word address width
) (
  input  wire                 clk_i,
  // Write port: the bytes of wdata_i selected by be_i go to word waddr_i.
  input  wire                 we_i,
  input  wire [3:0]           be_i,
  input  wire [ADDR_BITS-1:0] waddr_i,
  input  wire [31:0]          wdata_i,
  // Read port A.
  input  wire                 re_a_i,
  input  wire [ADDR_BITS-1:0] raddr_a_i,
  output wire [31:0]          rdata_a_o,
  // Read port B.
  input  wire                 re_b_i,
  input  wire [ADDR_BITS-1:0] raddr_b_i,
  output wire [31:0]          rdata_b_o
);
  localparam integer WORDS = BYTES / 4;

  (* no_rw_check *)
  reg [31:0] mem [0:WORDS-1];
  reg [31:0] rdata_a_q;
  reg [31:0] rdata_b_q;

  // Zero content: simulation clears the array; FPGA block RAM is zero after configuration
  // when no contents are given (and yosys takes minutes to unroll this loop for large RAMs).
`ifndef SYNTHESIS
  integer i;
  initial begin
    for (i = 0; i < WORDS; i = i + 1) mem[i] = 32'd0;
  end
`endif

  // A memory array is the one place where the _d/_q split does not apply: block RAM is
  // inferred from writes and registered reads in the clocked block itself.
  always @(posedge clk_i) begin
    if (we_i && be_i[0]) mem[waddr_i][7:0]   <= wdata_i[7:0];
    if (we_i && be_i[1]) mem[waddr_i][15:8]  <= wdata_i[15:8];
    if (we_i && be_i[2]) mem[waddr_i][23:16] <= wdata_i[23:16];
    if (we_i && be_i[3]) mem[waddr_i][31:24] <= wdata_i[31:24];
    if (re_a_i) rdata_a_q <= mem[raddr_a_i];
    if (re_b_i) rdata_b_q <= mem[raddr_b_i];
  end

  assign rdata_a_o = rdata_a_q;
  assign rdata_b_o = rdata_b_q;
endmodule

`default_nettype wire
