// Round-robin choice with one priority client, for vram_arb.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// One port's choice: client 0 if it asks, else the first asking client after the one
// granted last.
module vram_arb_pick #(
  parameter integer CLIENTS = 3
) (
  input  wire                clk_i,
  input  wire                rst_ni,
  input  wire [CLIENTS-1:0]  req_i,
  output reg  [(CLIENTS > 1 ? $clog2(CLIENTS) : 1)-1:0] sel_o,
  output reg                 any_o
);
  localparam integer CB = CLIENTS > 1 ? $clog2(CLIENTS) : 1;
  reg [CB-1:0] last_q;
  integer      c;

  always @* begin
    sel_o = {CB{1'b0}};
    any_o = req_i[0];
    // Else the lowest asking client above last_q, else the lowest at or below it.
    for (c = CLIENTS - 1; c >= 0; c = c - 1)
      if (!req_i[0] && req_i[c] && c != 0 && c <= {{(32 - CB){1'b0}}, last_q}) begin
        sel_o = c[CB-1:0];
        any_o = 1'b1;
      end
    for (c = CLIENTS - 1; c >= 0; c = c - 1)
      if (!req_i[0] && req_i[c] && c > {{(32 - CB){1'b0}}, last_q}) begin
        sel_o = c[CB-1:0];
        any_o = 1'b1;
      end
  end

  always @(posedge clk_i) begin
    if (!rst_ni) last_q <= {CB{1'b0}};
    else if (any_o && sel_o != {CB{1'b0}}) last_q <= sel_o;
  end
endmodule

`default_nettype wire
