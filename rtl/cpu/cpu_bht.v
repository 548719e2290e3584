// cpu_bht: branch history table of cpu_core: 2048 2-bit counters in one block RAM.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// Read with the fetch address, so the counter of the instruction arriving in D comes out
// with it (like the instruction memory, the read repeats the address while D stalls).
// A counter says how much the branch disagrees with the static prediction (backward
// taken, forward not taken): 0-1 follow it, 2-3 predict the opposite. Block RAM starts at
// zero, so an untrained table is the static predictor and needs no initialisation.
// Training: E reports each resolved branch with the counter it was predicted with and its
// raw compare results; the update is registered (E's compare ends its longest path, so
// even the choice between lt and eq waits) and written the cycle after.
// A read that collides with a write may return garbage on the FPGA: a prediction is only a
// hint, E checks every branch.
module cpu_bht (
  input  wire        clk_i,
  input  wire        rst_ni,
  input  wire [10:0] raddr_i,       // fetch address bits 12:2
  output reg  [1:0]  rdata_o,
  input  wire        upd_i,         // a branch resolved in E
  input  wire [10:0] upd_addr_i,    // its address bits 12:2
  input  wire [1:0]  upd_ctr_i,     // the counter it was predicted with
  input  wire        upd_lt_i,      // E's compare: a < b (late)
  input  wire        upd_eq_i,      // E's compare: a == b
  input  wire        upd_sel_lt_i,  // the branch tests lt (funct3[2]), else eq
  input  wire        upd_inv_i      // the static prediction was wrong iff the test is false
);
  (* no_rw_check *)
  reg [1:0] mem [0:2047];

`ifndef SYNTHESIS
  integer i;
  initial for (i = 0; i < 2048; i = i + 1) mem[i] = 2'd0;   // as block RAM after configuration
`endif

  reg        we_q, lt_q, eq_q, sel_lt_q, inv_q;
  reg [10:0] waddr_q;
  reg [1:0]  ctr_q;
  wire       miss = (sel_lt_q ? lt_q : eq_q) ^ inv_q;
  wire [1:0] wdata = miss ? (ctr_q == 2'd3 ? 2'd3 : ctr_q + 2'd1)
                            : (ctr_q == 2'd0 ? 2'd0 : ctr_q - 2'd1);

  // A memory array is written from the clocked block itself (block RAM inference); the
  // update registers follow the _q convention.
  always @(posedge clk_i) begin
    if (we_q) mem[waddr_q] <= wdata;
    rdata_o <= mem[raddr_i];
    we_q <= rst_ni & upd_i;
    waddr_q <= upd_addr_i;
    ctr_q <= upd_ctr_i;
    lt_q <= upd_lt_i;
    eq_q <= upd_eq_i;
    sel_lt_q <= upd_sel_lt_i;
    inv_q <= upd_inv_i;
  end
endmodule

`default_nettype wire
