// Core-side decoder: routes the control core's io port to the CP, CTX, HOSTIO, ENG and STATS
// blocks.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sgpu_regs.vh"

// cpu_system's io port gives a registered request for one cycle and takes the answer in
// that cycle (docs/cpu.md), so this decode is combinational: one select per block, the
// block offset shared, and io_err_o for an address in no window or an engine eng_index the
// device lacks. Blocks read 0 when not selected; the answers are ORed by the caller.
module core_decode (
  input  wire        req_i,
  input  wire [31:0] addr_i,
  output wire        cp_req_o,
  output wire        ctx_req_o,
  output wire        hostio_req_o,
  output wire        stats_req_o,
  output wire [`SGPU_ENG_COUNT-1:0] eng_req_o,
  output wire [11:0] offset_o,     // inside the selected block (ENG: inside its eng_index)
  output wire        err_o
);
  function in_window(input [31:0] addr, input [31:0] base, input [31:0] size);
    in_window = (addr & ~(size - 32'd1)) == base;
  endfunction

  localparam integer ESB = `SGPU_ENG_STRIDE_BITS;

  wire in_cp     = in_window(addr_i, `SGPU_CP_CORE_BASE, `SGPU_CP_SIZE);
  wire in_ctx    = in_window(addr_i, `SGPU_CTX_CORE_BASE, `SGPU_CTX_SIZE);
  wire in_hostio = in_window(addr_i, `SGPU_HOSTIO_CORE_BASE, `SGPU_HOSTIO_SIZE);
  wire in_eng    = in_window(addr_i, `SGPU_ENG_CORE_BASE, `SGPU_ENG_SIZE);
  wire in_stats  = in_window(addr_i, `SGPU_STATS_CORE_BASE, `SGPU_STATS_SIZE);
  wire [11-ESB:0] eng_index = addr_i[11:ESB];

  genvar e;
  generate
    for (e = 0; e < `SGPU_ENG_COUNT; e = e + 1) begin : g_eng
      assign eng_req_o[e] = req_i & in_eng & (eng_index == e);
    end
  endgenerate

  assign cp_req_o     = req_i & in_cp;
  assign ctx_req_o    = req_i & in_ctx;
  assign hostio_req_o = req_i & in_hostio;
  assign stats_req_o  = req_i & in_stats;
  assign offset_o     = in_eng ? {{(12 - ESB){1'b0}}, addr_i[ESB-1:0]} : addr_i[11:0];
  assign err_o        = ~(in_cp | in_ctx | in_hostio | in_stats |
                          (in_eng & (eng_index < `SGPU_ENG_COUNT)));
endmodule

`default_nettype wire
