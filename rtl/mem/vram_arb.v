// Shares VRAM's read port and write port between several clients.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// Each port has its own arbiter. Client 0 has priority and is always granted when it asks
// (the DMA block, which cannot wait: its accesses follow the link's data stream); the others
// take turns round robin. A grant is combinational on the requests of the cycle: a read
// granted in cycle t has its word on rdata_o in t + 1 (every client sees the word; it takes
// the one it asked for), a write is done at the end of its granted cycle.
module vram_arb #(
  parameter integer CLIENTS = 3,
  parameter integer AW      = 18      // word address bits
) (
  input  wire                  clk_i,
  input  wire                  rst_ni,
  // Reads.
  input  wire [CLIENTS-1:0]    vr_req_i,
  input  wire [AW*CLIENTS-1:0] vr_addr_i,
  output wire [CLIENTS-1:0]    vr_gnt_o,
  // Writes.
  input  wire [CLIENTS-1:0]    vw_req_i,
  input  wire [AW*CLIENTS-1:0] vw_addr_i,
  input  wire [8*CLIENTS-1:0]  vw_be_i,
  input  wire [64*CLIENTS-1:0] vw_data_i,
  output wire [CLIENTS-1:0]    vw_gnt_o,
  // VRAM.
  output wire                  re_o,
  output wire [AW-1:0]         raddr_o,
  output wire                  we_o,
  output wire [AW-1:0]         waddr_o,
  output wire [7:0]            be_o,
  output wire [63:0]           wdata_o
);
  localparam integer CB = CLIENTS > 1 ? $clog2(CLIENTS) : 1;

  wire [CB-1:0] r_sel, w_sel;
  wire          r_any, w_any;

  vram_arb_pick #(.CLIENTS(CLIENTS)) u_rpick (
    .clk_i(clk_i), .rst_ni(rst_ni), .req_i(vr_req_i), .sel_o(r_sel), .any_o(r_any)
  );
  vram_arb_pick #(.CLIENTS(CLIENTS)) u_wpick (
    .clk_i(clk_i), .rst_ni(rst_ni), .req_i(vw_req_i), .sel_o(w_sel), .any_o(w_any)
  );

  assign vr_gnt_o = r_any ? ({{(CLIENTS - 1){1'b0}}, 1'b1} << r_sel) : {CLIENTS{1'b0}};
  assign vw_gnt_o = w_any ? ({{(CLIENTS - 1){1'b0}}, 1'b1} << w_sel) : {CLIENTS{1'b0}};
  assign re_o     = r_any;
  assign raddr_o  = vr_addr_i[AW*r_sel +: AW];
  assign we_o     = w_any;
  assign waddr_o  = vw_addr_i[AW*w_sel +: AW];
  assign be_o     = vw_be_i[8*w_sel +: 8];
  assign wdata_o  = vw_data_i[64*w_sel +: 64];
endmodule

`default_nettype wire
