// Several MSI senders on one request port (link_regs' src_msi_*).
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// Each sender holds its request (and vector) until acknowledged. The chosen sender stays
// chosen until its acknowledgement; the next choice is the first asking sender after it.
module msi_arb #(
  parameter integer SOURCES = 2
) (
  input  wire                 clk_i,
  input  wire                 rst_ni,
  input  wire [SOURCES-1:0]   s_req_i,
  input  wire [5*SOURCES-1:0] s_vector_i,
  output reg  [SOURCES-1:0]   s_ack_o,
  output wire                 m_req_o,
  output wire [4:0]           m_vector_o,
  input  wire                 m_ack_i
);
  localparam integer SB = SOURCES > 1 ? $clog2(SOURCES) : 1;

  reg [SB-1:0] cur_q, pick;
  reg          locked_q, any;
  integer      c;

  always @* begin
    pick = cur_q;
    any  = 1'b0;
    // The lowest asking client above cur_q, else the lowest at or below it.
    for (c = SOURCES - 1; c >= 0; c = c - 1)
      if (s_req_i[c] && c <= {{(32 - SB){1'b0}}, cur_q}) begin
        pick = c[SB-1:0];
        any = 1'b1;
      end
    for (c = SOURCES - 1; c >= 0; c = c - 1)
      if (s_req_i[c] && c > {{(32 - SB){1'b0}}, cur_q}) begin
        pick = c[SB-1:0];
        any = 1'b1;
      end
  end

  wire [SB-1:0] sel = locked_q ? cur_q : pick;
  assign m_req_o    = locked_q | any;
  assign m_vector_o = s_vector_i[5*sel +: 5];

  always @* begin
    s_ack_o = {SOURCES{1'b0}};
    s_ack_o[sel] = m_req_o & m_ack_i;
  end

  always @(posedge clk_i) begin
    if (!rst_ni) begin
      cur_q    <= {SB{1'b0}};
      locked_q <= 1'b0;
    end else begin
      if (m_req_o) cur_q <= sel;
      locked_q <= m_req_o & ~m_ack_i;
    end
  end
endmodule

`default_nettype wire
