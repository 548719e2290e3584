// BAR0 decoder: routes the endpoint's register bus to the ID, LINK, DMA, CP, CTX, FW and
// STATS windows.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sgpu_regs.vh"

// The endpoint's bus (docs/pcie.md): s_req_i is held until s_ack_o, a one-cycle answer with
// s_rdata_o / s_err_o. The request is registered, then given for one cycle to the block
// whose BAR0 window (from the register map) holds its offset, timed as id_regs documents:
// the block reads combinationally in that cycle and writes at the clock edge that ends it.
// s_ack_o is high in that same cycle, so every access takes two cycles: the request's first
// cycle, then the block's cycle with the answer; the next request is taken in the cycle
// after the answer. An offset in no window is acknowledged with s_err_o (the endpoint
// answers Unsupported Request) and reaches no block; an offset inside a window that holds
// no register is the block's business (it reads 0, ignores writes).
module bar0_decode #(
  parameter integer BAR0_BITS = 16
) (
  input  wire                 clk_i,
  input  wire                 rst_ni,
  // From the endpoint.
  input  wire                 s_req_i,
  input  wire                 s_we_i,
  input  wire [3:0]           s_be_i,
  input  wire [BAR0_BITS-1:0] s_addr_i,
  input  wire [31:0]          s_wdata_i,
  output wire                 s_ack_o,
  output wire [31:0]          s_rdata_o,
  output wire                 s_err_o,
  // To the blocks: one request line each, the rest shared.
  output wire                 m_we_o,
  output wire [3:0]           m_be_o,
  output wire [`SGPU_ID_ADDR_BITS-1:0] m_addr_o,
  output wire [31:0]          m_wdata_o,
  output wire                 id_req_o,
  input  wire [31:0]          id_rdata_i,
  output wire                 link_req_o,
  input  wire [31:0]          link_rdata_i,
  output wire                 dma_req_o,
  input  wire [31:0]          dma_rdata_i,
  output wire                 cp_req_o,      // the CP block and the CTX array share an answer
  output wire                 ctx_req_o,
  input  wire [31:0]          cp_rdata_i,
  output wire                 fw_req_o,
  input  wire [31:0]          fw_rdata_i,
  output wire                 stats_req_o,   // its RAM reads from s_addr_i a cycle earlier
  input  wire [31:0]          stats_rdata_i
);
  // The shared block offset: as wide as the ID block's, which no other block may pass.
  localparam integer AB = `SGPU_ID_ADDR_BITS;
  localparam [63:0] BAR0_SIZE = 64'd1 << BAR0_BITS;
  localparam [63:0] ID_END    = {32'd0, `SGPU_ID_BAR0_BASE} + {32'd0, `SGPU_ID_SIZE};
  localparam [63:0] LINK_END  = {32'd0, `SGPU_LINK_BAR0_BASE} + {32'd0, `SGPU_LINK_SIZE};
  localparam [63:0] DMA_END   = {32'd0, `SGPU_DMA_BAR0_BASE} + {32'd0, `SGPU_DMA_SIZE};
  localparam [63:0] CP_END    = {32'd0, `SGPU_CP_BAR0_BASE} + {32'd0, `SGPU_CP_SIZE};
  localparam [63:0] CTX_END   = {32'd0, `SGPU_CTX_BAR0_BASE} + {32'd0, `SGPU_CTX_SIZE};
  localparam [63:0] FW_END    = {32'd0, `SGPU_FW_BAR0_BASE} + {32'd0, `SGPU_FW_SIZE};
  localparam [63:0] STATS_END = {32'd0, `SGPU_STATS_BAR0_BASE} + {32'd0, `SGPU_STATS_SIZE};

  // Each window must lie inside BAR0 (the blocks' sizes are powers of two, base-aligned).
  generate
    if (ID_END > BAR0_SIZE || LINK_END > BAR0_SIZE || DMA_END > BAR0_SIZE ||
        CP_END > BAR0_SIZE || CTX_END > BAR0_SIZE || FW_END > BAR0_SIZE ||
        STATS_END > BAR0_SIZE || AB > BAR0_BITS || `SGPU_STATS_ADDR_BITS > AB ||
        `SGPU_LINK_ADDR_BITS > AB || `SGPU_DMA_ADDR_BITS > AB || `SGPU_CP_ADDR_BITS > AB ||
        `SGPU_CTX_ADDR_BITS > AB || `SGPU_FW_ADDR_BITS > AB) begin : g_bad_bar
      $error("bar0_decode: BAR0_BITS = %0d does not fit the register map", BAR0_BITS);
    end
  endgenerate

  // Is a BAR0 offset inside a window?
  function in_window(input [BAR0_BITS-1:0] addr, input [31:0] base, input [31:0] size);
    reg [31:0] a;
    begin
      a = 32'd0;
      a[BAR0_BITS-1:0] = addr;
      in_window = (a & ~(size - 32'd1)) == base;
    end
  endfunction

  reg          busy_q, busy_d;    // a request is in its block's cycle: answered now
  reg          id_q, id_d;
  reg          link_q, link_d;
  reg          dma_q, dma_d;
  reg          cp_q, cp_d;
  reg          ctx_q, ctx_d;
  reg          fw_q, fw_d;
  reg          stats_q, stats_d;
  reg          we_q, we_d;
  reg [3:0]    be_q, be_d;
  reg [AB-1:0] addr_q, addr_d;
  reg [31:0]   wdata_q, wdata_d;

  always @* begin
    // The endpoint still holds the answered request in the answer's cycle: take a request
    // only when none is being answered.
    busy_d  = s_req_i & ~busy_q;
    id_d    = busy_d & in_window(s_addr_i, `SGPU_ID_BAR0_BASE, `SGPU_ID_SIZE);
    link_d  = busy_d & in_window(s_addr_i, `SGPU_LINK_BAR0_BASE, `SGPU_LINK_SIZE);
    dma_d   = busy_d & in_window(s_addr_i, `SGPU_DMA_BAR0_BASE, `SGPU_DMA_SIZE);
    cp_d    = busy_d & in_window(s_addr_i, `SGPU_CP_BAR0_BASE, `SGPU_CP_SIZE);
    ctx_d   = busy_d & in_window(s_addr_i, `SGPU_CTX_BAR0_BASE, `SGPU_CTX_SIZE);
    fw_d    = busy_d & in_window(s_addr_i, `SGPU_FW_BAR0_BASE, `SGPU_FW_SIZE);
    stats_d = busy_d & in_window(s_addr_i, `SGPU_STATS_BAR0_BASE, `SGPU_STATS_SIZE);
    we_d    = s_we_i;
    be_d    = s_be_i;
    addr_d  = s_addr_i[AB-1:0];
    wdata_d = s_wdata_i;
  end

  always @(posedge clk_i) begin
    if (!rst_ni) begin
      busy_q <= 1'b0;
      id_q   <= 1'b0;
      link_q <= 1'b0;
      dma_q  <= 1'b0;
      cp_q   <= 1'b0;
      ctx_q  <= 1'b0;
      fw_q   <= 1'b0;
      stats_q <= 1'b0;
    end else begin
      busy_q <= busy_d;
      id_q   <= id_d;
      link_q <= link_d;
      dma_q  <= dma_d;
      cp_q   <= cp_d;
      ctx_q  <= ctx_d;
      fw_q   <= fw_d;
      stats_q <= stats_d;
    end
    // Meaningful only with a block selected: no reset needed.
    we_q    <= we_d;
    be_q    <= be_d;
    addr_q  <= addr_d;
    wdata_q <= wdata_d;
  end

  assign s_ack_o    = busy_q;
  assign s_err_o    = busy_q & ~(id_q | link_q | dma_q | cp_q | ctx_q | fw_q | stats_q);
  // Blocks read 0 when not requested, so their answers can be ORed.
  assign s_rdata_o  = id_rdata_i | link_rdata_i | dma_rdata_i | cp_rdata_i | fw_rdata_i |
                      stats_rdata_i;
  assign m_we_o     = we_q;
  assign m_be_o     = be_q;
  assign m_addr_o   = addr_q;
  assign m_wdata_o  = wdata_q;
  assign id_req_o   = id_q;
  assign link_req_o = link_q;
  assign dma_req_o  = dma_q;
  assign cp_req_o   = cp_q;
  assign ctx_req_o  = ctx_q;
  assign fw_req_o   = fw_q;
  assign stats_req_o = stats_q;
endmodule

`default_nettype wire
