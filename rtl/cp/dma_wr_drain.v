// Sits between DMA write clients and dma_wr_mux, and finishes the writes of clients that
// an adapter reset holds.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// A client's write, once the mux has taken its request, owes the endpoint ceil(len / 8) data
// beats (a partial write, len < 8, one) and will get one done pulse. When hold_i rises the held clients (HELD) are reset,
// so they can neither give the beats nor take the pulse: this block counts, per held
// client, the beats and pulses its accepted requests still owe, and from hold_i until both
// counts are 0 (past hold_i's fall if need be) it drains the client: its requests are not
// offered, the mux gets data 0 for it (so every TLP it had started is completed, never
// left half sent), and the client sees neither data ready nor done. dma_wr_mux keeps
// offering a request it has put on its port until the endpoint takes it, even if the
// client withdraws: so while draining, the mux sees the address and length the client
// offered last (latched), and such a request is drained like the others. A client that is
// not draining passes through untouched; the others (not HELD) always do.
module dma_wr_drain #(
  parameter integer       CLIENTS = 2,
  parameter [CLIENTS-1:0] HELD    = {CLIENTS{1'b1}},
  parameter integer       CW      = 24            // beat counter width
) (
  input  wire                  clk_i,
  input  wire                  rst_ni,
  input  wire                  hold_i,
  // Clients.
  input  wire [CLIENTS-1:0]    c_req_valid_i,
  output wire [CLIENTS-1:0]    c_req_ready_o,
  input  wire [64*CLIENTS-1:0] c_req_addr_i,
  input  wire [24*CLIENTS-1:0] c_req_len_i,
  input  wire [CLIENTS-1:0]    c_data_valid_i,
  output wire [CLIENTS-1:0]    c_data_ready_o,
  input  wire [64*CLIENTS-1:0] c_data_i,
  output wire [CLIENTS-1:0]    c_done_o,
  // dma_wr_mux's client side.
  output wire [CLIENTS-1:0]    m_req_valid_o,
  input  wire [CLIENTS-1:0]    m_req_ready_i,
  output wire [64*CLIENTS-1:0] m_req_addr_o,
  output wire [24*CLIENTS-1:0] m_req_len_o,
  output wire [CLIENTS-1:0]    m_data_valid_o,
  input  wire [CLIENTS-1:0]    m_data_ready_i,
  output wire [64*CLIENTS-1:0] m_data_o,
  input  wire [CLIENTS-1:0]    m_done_i
);
  genvar c;
  generate
    for (c = 0; c < CLIENTS; c = c + 1) begin : g_client
      if (HELD[c]) begin : g_held
        reg  [CW-1:0] beats_q, beats_d;   // data beats owed by accepted requests
        reg  [3:0]    dones_q, dones_d;   // done pulses still to come
        reg           drain_q;
        reg  [63:0]   addr_q;             // the request the client offered last
        reg  [23:0]   len_q;
        wire          drain = hold_i | drain_q;
        wire          req   = m_req_ready_i[c];   // the mux took a request of this client
        wire          beat  = m_data_valid_o[c] & m_data_ready_i[c];
        wire [23:0]   len   = drain ? len_q : c_req_len_i[24*c +: 24];
        wire [CW-1:0] len_beats = {{(CW > 21 ? CW - 21 : 0){1'b0}}, len[23:3]} +
                                  {{(CW - 1){1'b0}}, |len[2:0]};

        always @* begin
          beats_d = beats_q + (req ? len_beats : {CW{1'b0}}) - {{(CW - 1){1'b0}}, beat};
          dones_d = dones_q + {3'd0, req} - {3'd0, m_done_i[c]};
        end

        always @(posedge clk_i) begin
          if (!rst_ni) begin
            beats_q <= {CW{1'b0}};
            dones_q <= 4'd0;
            drain_q <= 1'b0;
          end else begin
            beats_q <= beats_d;
            dones_q <= dones_d;
            drain_q <= drain & (beats_d != {CW{1'b0}} || dones_d != 4'd0);
          end
          if (!drain && c_req_valid_i[c]) begin
            addr_q <= c_req_addr_i[64*c +: 64];
            len_q  <= c_req_len_i[24*c +: 24];
          end
        end

        assign m_req_valid_o[c]       = c_req_valid_i[c] & ~drain;
        assign c_req_ready_o[c]       = m_req_ready_i[c] & ~drain;
        assign m_req_addr_o[64*c +: 64] = drain ? addr_q : c_req_addr_i[64*c +: 64];
        assign m_req_len_o[24*c +: 24]  = len;
        assign m_data_valid_o[c]      = drain ? (beats_q != {CW{1'b0}}) : c_data_valid_i[c];
        assign c_data_ready_o[c]      = m_data_ready_i[c] & ~drain;
        assign m_data_o[64*c +: 64]   = drain ? 64'd0 : c_data_i[64*c +: 64];
        assign c_done_o[c]            = m_done_i[c] & ~drain;
      end else begin : g_pass
        assign m_req_valid_o[c]       = c_req_valid_i[c];
        assign c_req_ready_o[c]       = m_req_ready_i[c];
        assign m_req_addr_o[64*c +: 64] = c_req_addr_i[64*c +: 64];
        assign m_req_len_o[24*c +: 24]  = c_req_len_i[24*c +: 24];
        assign m_data_valid_o[c]      = c_data_valid_i[c];
        assign c_data_ready_o[c]      = m_data_ready_i[c];
        assign m_data_o[64*c +: 64]   = c_data_i[64*c +: 64];
        assign c_done_o[c]            = m_done_i[c];
      end
    end
  endgenerate
endmodule

`default_nettype wire
