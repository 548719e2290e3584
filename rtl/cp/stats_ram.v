// STATS block: the activity records the firmware writes and the host reads through BAR0.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sgpu_regs.vh"

// One write port for the control core, one read port for the host: one iCE40 block RAM pair
// (SB_RAM40_4K has exactly one of each). The firmware keeps its own copy of every counter,
// so the core only writes the block (a core read answers 0: core_decode ORs nothing in).
//
// Both buses answer in their request's cycle (core_decode, bar0_decode), and block RAM reads
// at a clock edge. bar0_decode registers the endpoint's request at the edge that starts the
// block's cycle; the RAM reads at that same edge from the endpoint's address (h_raddr_i,
// which the endpoint holds until its answer), so the word is there in the block's cycle.
// A host write is acknowledged and ignored: the records are the firmware's.
module stats_ram (
  input  wire        clk_i,
  // Control core (io port via core_decode): write-only.
  input  wire        c_req_i,
  input  wire        c_we_i,
  input  wire [3:0]  c_be_i,
  input  wire [`SGPU_STATS_ADDR_BITS-1:2] c_addr_i,   // word address
  input  wire [31:0] c_wdata_i,
  // Host (BAR0 via bar0_decode): read-only.
  input  wire [`SGPU_STATS_ADDR_BITS-1:2] h_raddr_i,  // the endpoint's word, a cycle early
  input  wire        h_req_i,                         // the block's cycle: answer now
  input  wire        h_we_i,
  output wire [31:0] h_rdata_o
);
  localparam integer AW = `SGPU_STATS_ADDR_BITS - 2;  // word address
  localparam integer WORDS = 1 << AW;

  (* no_rw_check *)
  reg [31:0] mem [0:WORDS-1];
  reg [31:0] rdata_q;

  // No reset and no initial content: the firmware clears the block when it starts serving
  // (a read before that sees whatever the RAM holds; simulation starts it at 0).
`ifndef SYNTHESIS
  integer i;
  initial begin
    for (i = 0; i < WORDS; i = i + 1) mem[i] = 32'd0;
  end
`endif

  wire          c_we = c_req_i & c_we_i;

  // A memory array is where the _d/_q split does not apply: block RAM is inferred from the
  // writes and the registered read in the clocked block itself.
  always @(posedge clk_i) begin
    if (c_we && c_be_i[0]) mem[c_addr_i][7:0]   <= c_wdata_i[7:0];
    if (c_we && c_be_i[1]) mem[c_addr_i][15:8]  <= c_wdata_i[15:8];
    if (c_we && c_be_i[2]) mem[c_addr_i][23:16] <= c_wdata_i[23:16];
    if (c_we && c_be_i[3]) mem[c_addr_i][31:24] <= c_wdata_i[31:24];
    rdata_q <= mem[h_raddr_i];
  end

  // 0 when not requested (the decoders OR the answers), and for a write.
  assign h_rdata_o = (h_req_i & ~h_we_i) ? rdata_q : 32'd0;
endmodule

`default_nettype wire
