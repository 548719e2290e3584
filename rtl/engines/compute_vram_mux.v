// Shares the compute engine's one VRAM client between the IRAM loader and the shader cores.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// The loader runs only while the cores are held in reset, so it simply comes first. The
// cores share the read and the write port each in round-robin order (compute_rr_arb), so
// that cores that keep asking alternate and a core waits at most CORES - 1 grants. Requests depend only on the clients' flops, and
// grants come back combinationally in the same cycle (docs/dev/engines.md); read data goes
// to everyone: a client knows the cycle after its own grant.
module compute_vram_mux #(
  parameter integer CORES = 2,
  parameter integer AW    = 18
) (
  input  wire               clk_i,
  input  wire               rst_ni,
  // The loader (reads only).
  input  wire               ld_req_i,
  input  wire [AW-1:0]      ld_addr_i,
  output wire               ld_gnt_o,
  // The cores, CORES of each, core i in slice i.
  input  wire [CORES-1:0]    rd_req_i,
  input  wire [CORES*AW-1:0] rd_addr_i,
  output wire [CORES-1:0]    rd_gnt_o,
  input  wire [CORES-1:0]    wr_req_i,
  input  wire [CORES*AW-1:0] wr_addr_i,
  input  wire [CORES*8-1:0]  wr_be_i,
  input  wire [CORES*64-1:0] wr_data_i,
  output wire [CORES-1:0]    wr_gnt_o,
  // The engine's VRAM client.
  output wire               vr_req_o,
  output wire [AW-1:0]      vr_addr_o,
  input  wire               vr_gnt_i,
  output wire               vw_req_o,
  output wire [AW-1:0]      vw_addr_o,
  output wire [7:0]         vw_be_o,
  output wire [63:0]        vw_data_o,
  input  wire               vw_gnt_i
);
  localparam integer PW = CORES > 1 ? $clog2(CORES) : 1;
  localparam [CORES-1:0] ONE = 1;

  // A core's request that was not granted stays on the port (compute_rr_arb keeps it).
  wire          rd_any, wr_any;
  wire [PW-1:0] rd_pick, wr_pick;
  wire          core_rd     = rd_any & ~ld_req_i;
  wire          core_rd_gnt = core_rd & vr_gnt_i;
  wire          core_wr_gnt = wr_any & vw_gnt_i;

  compute_rr_arb #(.N(CORES), .PW(PW)) u_rd_arb (
    .clk_i(clk_i), .rst_ni(rst_ni), .req_i(rd_req_i), .take_i(core_rd_gnt),
    .any_o(rd_any), .pick_o(rd_pick)
  );
  compute_rr_arb #(.N(CORES), .PW(PW)) u_wr_arb (
    .clk_i(clk_i), .rst_ni(rst_ni), .req_i(wr_req_i), .take_i(core_wr_gnt),
    .any_o(wr_any), .pick_o(wr_pick)
  );

  assign vr_req_o  = ld_req_i | rd_any;
  assign vr_addr_o = ld_req_i ? ld_addr_i : rd_addr_i[rd_pick*AW +: AW];
  assign ld_gnt_o  = ld_req_i & vr_gnt_i;
  assign rd_gnt_o  = {CORES{core_rd_gnt}} & (ONE << rd_pick);

  assign vw_req_o  = wr_any;
  assign vw_addr_o = wr_addr_i[wr_pick*AW +: AW];
  assign vw_be_o   = wr_be_i[wr_pick*8 +: 8];
  assign vw_data_o = wr_data_i[wr_pick*64 +: 64];
  assign wr_gnt_o  = {CORES{core_wr_gnt}} & (ONE << wr_pick);
endmodule

`default_nettype wire
