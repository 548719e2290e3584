// Shares the endpoint's DMA write port between several clients.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// Requests are taken round robin, a request offered downstream staying offered until it is
// accepted. The endpoint takes the data of its requests in request order, so each accepted
// request goes into a data queue (client, beats) and the data port is the head's until its
// ceil(len / 8) beats have passed (a partial write, len < 8, has one); each also goes into a done queue, and every wr_done_i pulse is
// steered to the client at its head. A client must have all of a request's data at hand
// when it asks (docs/dev/engines.md), since the port waits for it. Full queues hold
// requests back.
module dma_wr_mux #(
  parameter integer CLIENTS = 2,
  parameter integer DEPTH   = 4     // a power of two
) (
  input  wire                  clk_i,
  input  wire                  rst_ni,
  // Clients (client c in bits c*W +: W).
  input  wire [CLIENTS-1:0]    c_req_valid_i,
  output reg  [CLIENTS-1:0]    c_req_ready_o,
  input  wire [64*CLIENTS-1:0] c_req_addr_i,
  input  wire [24*CLIENTS-1:0] c_req_len_i,
  input  wire [CLIENTS-1:0]    c_data_valid_i,
  output reg  [CLIENTS-1:0]    c_data_ready_o,
  input  wire [64*CLIENTS-1:0] c_data_i,
  output reg  [CLIENTS-1:0]    c_done_o,
  // The endpoint's write port.
  output wire                  wr_req_valid_o,
  input  wire                  wr_req_ready_i,
  output wire [63:0]           wr_req_addr_o,
  output wire [23:0]           wr_req_len_o,
  output wire                  wr_data_valid_o,
  input  wire                  wr_data_ready_i,
  output wire [63:0]           wr_data_o,
  input  wire                  wr_done_i
);
  localparam integer CB = CLIENTS > 1 ? $clog2(CLIENTS) : 1;
  localparam integer QB = $clog2(DEPTH);

  // ---------------------------------------------------------------- requests
  reg  [CB-1:0] last_q, held_q, pick;
  reg           holding_q, any;
  integer       c;

  always @* begin
    pick = last_q;
    any  = 1'b0;
    // The lowest asking client above last_q, else the lowest at or below it.
    for (c = CLIENTS - 1; c >= 0; c = c - 1)
      if (c_req_valid_i[c] && c <= {{(32 - CB){1'b0}}, last_q}) begin
        pick = c[CB-1:0];
        any = 1'b1;
      end
    for (c = CLIENTS - 1; c >= 0; c = c - 1)
      if (c_req_valid_i[c] && c > {{(32 - CB){1'b0}}, last_q}) begin
        pick = c[CB-1:0];
        any = 1'b1;
      end
  end

  // Data queue: client and beats of each accepted request whose data has not all passed.
  reg  [CB-1:0] dq_client [0:DEPTH-1];
  reg  [20:0]   dq_beats  [0:DEPTH-1];
  reg  [QB-1:0] dq_wp_q, dq_rp_q;
  reg  [QB:0]   dq_count_q;
  reg  [20:0]   sent_q;                 // beats of the head request already passed
  // Done queue: client of each accepted request whose wr_done_i has not come.
  reg  [CB-1:0] oq_client [0:DEPTH-1];
  reg  [QB-1:0] oq_wp_q, oq_rp_q;
  reg  [QB:0]   oq_count_q;

  wire          room  = dq_count_q != DEPTH[QB:0] && oq_count_q != DEPTH[QB:0];
  wire [CB-1:0] sel   = holding_q ? held_q : pick;
  wire          offer = room & (holding_q | any);
  wire          take  = offer & wr_req_ready_i;
  wire [23:0]   sel_len = c_req_len_i[24*sel +: 24];

  assign wr_req_valid_o = offer;
  assign wr_req_addr_o  = c_req_addr_i[64*sel +: 64];
  assign wr_req_len_o   = sel_len;

  always @* begin
    c_req_ready_o = {CLIENTS{1'b0}};
    c_req_ready_o[sel] = take;
  end

  // ---------------------------------------------------------------- data
  wire [CB-1:0] d_owner = dq_client[dq_rp_q];
  wire          d_busy  = dq_count_q != {(QB + 1){1'b0}};
  wire          d_beat  = wr_data_valid_o & wr_data_ready_i;
  wire          d_last  = d_beat && sent_q + 21'd1 == dq_beats[dq_rp_q];

  assign wr_data_valid_o = d_busy & c_data_valid_i[d_owner];
  assign wr_data_o       = c_data_i[64*d_owner +: 64];
  always @* begin
    c_data_ready_o = {CLIENTS{1'b0}};
    c_data_ready_o[d_owner] = d_busy & wr_data_ready_i;
  end

  // ---------------------------------------------------------------- done
  wire o_busy = oq_count_q != {(QB + 1){1'b0}};
  always @* begin
    c_done_o = {CLIENTS{1'b0}};
    c_done_o[oq_client[oq_rp_q]] = o_busy & wr_done_i;
  end
  wire o_pop = o_busy & wr_done_i;

  always @(posedge clk_i) begin
    if (!rst_ni) begin
      last_q     <= {CB{1'b0}};
      held_q     <= {CB{1'b0}};
      holding_q  <= 1'b0;
      dq_wp_q    <= {QB{1'b0}};
      dq_rp_q    <= {QB{1'b0}};
      dq_count_q <= {(QB + 1){1'b0}};
      sent_q     <= 21'd0;
      oq_wp_q    <= {QB{1'b0}};
      oq_rp_q    <= {QB{1'b0}};
      oq_count_q <= {(QB + 1){1'b0}};
    end else begin
      holding_q <= offer & ~wr_req_ready_i;
      held_q    <= sel;
      if (take) begin
        last_q              <= sel;
        dq_client[dq_wp_q]  <= sel;
        dq_beats[dq_wp_q]   <= sel_len[23:3] + {20'd0, |sel_len[2:0]};
        dq_wp_q             <= dq_wp_q + 1'b1;
        oq_client[oq_wp_q]  <= sel;
        oq_wp_q             <= oq_wp_q + 1'b1;
      end
      if (d_last) begin
        dq_rp_q <= dq_rp_q + 1'b1;
        sent_q  <= 21'd0;
      end else if (d_beat) begin
        sent_q  <= sent_q + 21'd1;
      end
      if (o_pop) oq_rp_q <= oq_rp_q + 1'b1;
      dq_count_q <= dq_count_q + {{QB{1'b0}}, take} - {{QB{1'b0}}, d_last};
      oq_count_q <= oq_count_q + {{QB{1'b0}}, take} - {{QB{1'b0}}, o_pop};
    end
  end

endmodule

`default_nettype wire
