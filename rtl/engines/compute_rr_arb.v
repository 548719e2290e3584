// Round-robin arbiter for a shared port whose grant may be refused for a while.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// pick_o is the first requester at or after the pointer, in circular order; when the
// port takes it (take_i: the pick was granted this cycle), the pointer moves past it, so
// that requesters that keep asking are served in turn. A pick the port did not take stays
// the pick while it still asks (a request holds until granted, docs/dev/engines.md), even
// if a requester that comes first in the order starts asking meanwhile.
module compute_rr_arb #(
  parameter integer N  = 2,
  parameter integer PW = N > 1 ? $clog2(N) : 1
) (
  input  wire          clk_i,
  input  wire          rst_ni,
  input  wire [N-1:0]  req_i,
  input  wire          take_i,
  output wire          any_o,
  output wire [PW-1:0] pick_o
);
  reg  [PW-1:0] next_q, held_q;
  reg           hold_q;

  integer i, c, p;
  always @* begin
    p = 0;
    // Counting down: the last match written is the nearest at or after next_q.
    for (i = N - 1; i >= 0; i = i - 1) begin
      c = {{(32-PW){1'b0}}, next_q} + i;
      if (c >= N) c = c - N;
      if (req_i[c]) p = c;
    end
  end

  wire          keep   = hold_q & req_i[held_q];
  wire [PW-1:0] rr     = p[PW-1:0];
  assign pick_o = keep ? held_q : rr;
  assign any_o  = |req_i;
  wire [PW-1:0] after  = ({{(32-PW){1'b0}}, pick_o} == N - 1) ? {PW{1'b0}} : pick_o + 1'b1;

  always @(posedge clk_i) begin
    if (!rst_ni) begin
      next_q <= {PW{1'b0}}; hold_q <= 1'b0;
    end else begin
      if (any_o && take_i) next_q <= after;
      hold_q <= any_o & ~take_i;
    end
    held_q <= pick_o;
  end

  wire unused_ok = &{1'b0, p, 1'b0};  // an integer: only its low bits are the index
endmodule

`default_nettype wire
