// pcie_tx_arb: shares the TX TLP stream between N senders, a whole TLP at a time,
// round-robin.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// Source i uses bits [64*i +: 64] of s_tdata_i, [8*i +: 8] of s_tkeep_i and bit i of the
// other source ports. A source is granted on the first beat of a TLP and keeps the grant
// until its tlast beat has been taken; the next grant goes to the first valid source after
// the last one granted. One output register stage: a beat moves in every cycle in which the
// register is empty or being emptied, and the grant for the next TLP is made in the cycle
// after a tlast beat from the valid inputs of that cycle, so back-to-back TLPs leave no idle
// cycle. Beats are passed on in the order taken, so no source's TLPs are reordered and a TLP
// taken from one source before another's goes out first.
module pcie_tx_arb #(
  parameter integer N = 4   // number of sources
) (
  input  wire            clk_i,
  input  wire            rst_ni,
  input  wire [64*N-1:0] s_tdata_i,
  input  wire [8*N-1:0]  s_tkeep_i,
  input  wire [N-1:0]    s_tlast_i,
  input  wire [N-1:0]    s_tvalid_i,
  output wire [N-1:0]    s_tready_o,
  output wire [63:0]     tx_tdata_o,
  output wire [7:0]      tx_tkeep_o,
  output wire            tx_tlast_o,
  output wire            tx_tvalid_o,
  input  wire            tx_tready_i
);
  generate
    if (N < 1) begin : g_bad_param
      $error("pcie_tx_arb: N = %0d must be 1 or more", N);
    end
  endgenerate

  localparam integer IW = N > 1 ? $clog2(N) : 1;
  localparam [31:0]   N32 = N;
  localparam [IW:0]   NW = N32[IW:0];
  localparam [IW-1:0] LAST = NW[IW-1:0] - 1'b1;

  reg          locked_q, locked_d;   // inside a TLP of source grant_q
  reg [IW-1:0] grant_q, grant_d;     // the source sending (when locked) or last granted
  reg [63:0]   tdata_q, tdata_d;
  reg [7:0]    tkeep_q, tkeep_d;
  reg          tlast_q, tlast_d;
  reg          tvalid_q, tvalid_d;

  // Round-robin choice among valid sources, starting after the last granted one:
  // {found, index}.
  function [IW:0] rr_pick(input [N-1:0] valid, input [IW-1:0] last);
    integer k;
    reg [IW:0] idx;
    begin
      rr_pick = {1'b0, last};
      // Lower k wins (assigned last): k = 1 is the source right after the last one.
      for (k = N; k >= 1; k = k - 1) begin
        idx = {1'b0, last} + k[IW:0];
        if (idx >= NW) idx = idx - NW;
        if (valid[idx[IW-1:0]]) rr_pick = {1'b1, idx[IW-1:0]};
      end
    end
  endfunction

  wire [IW:0]   picked = rr_pick(s_tvalid_i, grant_q);
  wire [IW-1:0] pick = picked[IW-1:0];
  wire          pick_found = picked[IW];
  wire [IW-1:0] sel = locked_q ? grant_q : pick;
  wire sel_valid = locked_q ? s_tvalid_i[grant_q] : pick_found;
  wire out_free = !tvalid_q | tx_tready_i;
  wire take = sel_valid & out_free;

  always @* begin
    locked_d = locked_q;
    grant_d = grant_q;
    tdata_d = tdata_q;
    tkeep_d = tkeep_q;
    tlast_d = tlast_q;
    tvalid_d = tvalid_q & !tx_tready_i;
    if (take) begin
      grant_d = sel;
      locked_d = !s_tlast_i[sel];
      tdata_d = s_tdata_i[64*sel +: 64];
      tkeep_d = s_tkeep_i[8*sel +: 8];
      tlast_d = s_tlast_i[sel];
      tvalid_d = 1'b1;
    end
  end

  always @(posedge clk_i) begin
    if (!rst_ni) begin
      locked_q <= 1'b0;
      grant_q <= LAST;   // source 0 first after reset
      tvalid_q <= 1'b0;
      tdata_q <= 64'd0;
      tkeep_q <= 8'd0;
      tlast_q <= 1'b0;
    end else begin
      locked_q <= locked_d;
      grant_q <= grant_d;
      tvalid_q <= tvalid_d;
      tdata_q <= tdata_d;
      tkeep_q <= tkeep_d;
      tlast_q <= tlast_d;
    end
  end

  genvar g;
  generate
    for (g = 0; g < N; g = g + 1) begin : g_ready
      localparam [IW-1:0] ID = g;
      assign s_tready_o[g] = out_free & (sel == ID) & (locked_q | pick_found);
    end
  endgenerate

  assign tx_tdata_o = tdata_q;
  assign tx_tkeep_o = tkeep_q;
  assign tx_tlast_o = tlast_q;
  assign tx_tvalid_o = tvalid_q;
endmodule

`default_nettype wire
