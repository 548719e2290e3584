// Device memory (VRAM): 64-bit words with byte enables, one write port and one read port.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// Addressed by 64-bit word. Both ports take one beat per cycle, so that an engine can
// stream into VRAM (or out of it) at the data path's full rate while another uses the other
// port. The read port returns the word at raddr_i one cycle after re_i and holds it while
// re_i is low. Reading the word being written in the same cycle gives an undefined word on
// an FPGA (simulation returns the old one): users must not depend on it. Inferred as block
// RAM; `no_rw_check` tells yosys not to add collision logic. Simulation starts from zero
// (FPGA block RAM is zero after configuration when no contents are given).
module vram #(
  parameter integer VRAM_BYTES = 2097152,                // a power of two, 16 bytes to 1 GiB
  parameter integer ADDR_BITS  = $clog2(VRAM_BYTES / 8)  // word address width
) (
  input  wire                 clk_i,
  // Write port: the bytes of wdata_i selected by be_i go to word waddr_i.
  input  wire                 we_i,
  input  wire [7:0]           be_i,
  input  wire [ADDR_BITS-1:0] waddr_i,
  input  wire [63:0]          wdata_i,
  // Read port.
  input  wire                 re_i,
  input  wire [ADDR_BITS-1:0] raddr_i,
  output wire [63:0]          rdata_o
);
  localparam integer WORDS = VRAM_BYTES / 8;

  // Refuse a size the address arithmetic of the engines cannot use.
  generate
    if (VRAM_BYTES < 16 || VRAM_BYTES > 32'h4000_0000 || (VRAM_BYTES & (VRAM_BYTES - 1)) != 0 ||
        ADDR_BITS != $clog2(WORDS)) begin : g_bad_size
      $error("vram: VRAM_BYTES = %0d must be a power of two, 16 bytes to 1 GiB, and ADDR_BITS (%0d) $clog2(VRAM_BYTES / 8)",
             VRAM_BYTES, ADDR_BITS);
`ifndef SYNTHESIS
      // Simulators built with warnings not fatal (scripts/run-tb) still stop here.
      initial $fatal(1, "vram: bad VRAM_BYTES = %0d", VRAM_BYTES);
`endif
    end
  endgenerate

  (* no_rw_check *)
  reg [63:0] mem [0:WORDS-1];
  reg [63:0] rdata_q;

`ifndef SYNTHESIS
  integer i;
  initial begin
    for (i = 0; i < WORDS; i = i + 1) mem[i] = 64'd0;
  end
`endif

  // A memory array is the one place where the _d/_q split does not apply: block RAM is
  // inferred from writes and registered reads in the clocked block itself.
  integer b;
  always @(posedge clk_i) begin
    for (b = 0; b < 8; b = b + 1)
      if (we_i && be_i[b]) mem[waddr_i][8*b +: 8] <= wdata_i[8*b +: 8];
    if (re_i) rdata_q <= mem[raddr_i];
  end

  assign rdata_o = rdata_q;
endmodule

`default_nettype wire
