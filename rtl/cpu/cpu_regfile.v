// cpu_regfile: the 32x32 integer register file of cpu_core, one write and two synchronous
// read ports, written so that yosys infers block RAM (one copy per read port).
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// Reads are registered (the data appears the cycle after the address) and hold while
// re_i is low, so a stalled E stage keeps its operands. A read of the register being
// written in the same cycle returns the old value: the pipeline bypasses that case, and
// also supplies x0 itself, so the RAM contents never need initialising.
module cpu_regfile (
  input  wire        clk_i,
  input  wire        re_i,
  input  wire [4:0]  raddr_a_i,
  input  wire [4:0]  raddr_b_i,
  output reg  [31:0] rdata_a_o,
  output reg  [31:0] rdata_b_o,
  input  wire        we_i,
  input  wire [4:0]  waddr_i,
  input  wire [31:0] wdata_i
);
  (* no_rw_check *)
  reg [31:0] mem [0:31];

  always @(posedge clk_i) begin
    if (we_i) mem[waddr_i] <= wdata_i;
    if (re_i) begin
      rdata_a_o <= mem[raddr_a_i];
      rdata_b_o <= mem[raddr_b_i];
    end
  end
endmodule

`default_nettype wire
