// Shares the endpoint's DMA read port between several clients.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// Requests are taken round robin; a request offered downstream stays offered (same client,
// same address) until it is accepted. The data stream comes back in request order, so each
// accepted request's client goes into an order queue and the data is steered to the client
// at its head, which leaves the queue with its request's last beat. A client therefore sees
// only its own data, in the order of its own requests; the stream stalls while the head's
// client holds rd_data_ready low (docs/dev/engines.md: clients only ask for what they can
// take). A full order queue holds requests back, so DEPTH bounds the requests in flight.
// abort_i (a one-cycle pulse, given with the endpoint's rd_abort_i, which forgets every read
// in flight) flushes the order queue: no request is offered in its cycle nor until the queue
// is empty, and each queued request ends, in order, with one beat of data 0 and last, err
// and code 1 (completion timeout) to its client, as if its read had timed out; the endpoint's
// data port is not read meanwhile. So every client, including one that is not being reset,
// sees each of its reads end, and none sees data of a read made before the abort.
module dma_rd_mux #(
  parameter integer CLIENTS = 2,
  parameter integer DEPTH   = 8     // a power of two
) (
  input  wire                  clk_i,
  input  wire                  rst_ni,
  input  wire                  abort_i,
  // Clients (client c in bits c*W +: W).
  input  wire [CLIENTS-1:0]    c_req_valid_i,
  output reg  [CLIENTS-1:0]    c_req_ready_o,
  input  wire [64*CLIENTS-1:0] c_req_addr_i,
  input  wire [24*CLIENTS-1:0] c_req_len_i,
  output reg  [CLIENTS-1:0]    c_data_valid_o,
  input  wire [CLIENTS-1:0]    c_data_ready_i,
  output wire [63:0]           c_data_o,       // shared: valid says whose it is
  output wire                  c_data_last_o,
  output wire                  c_data_err_o,
  output wire [1:0]            c_err_code_o,
  // The endpoint's read port.
  output wire                  rd_req_valid_o,
  input  wire                  rd_req_ready_i,
  output wire [63:0]           rd_req_addr_o,
  output wire [23:0]           rd_req_len_o,
  input  wire                  rd_data_valid_i,
  output wire                  rd_data_ready_o,
  input  wire [63:0]           rd_data_i,
  input  wire                  rd_data_last_i,
  input  wire                  rd_data_err_i,
  input  wire [1:0]            rd_err_code_i
);
  localparam integer CB = CLIENTS > 1 ? $clog2(CLIENTS) : 1;
  localparam integer QB = $clog2(DEPTH);

  // ---------------------------------------------------------------- requests
  reg  [CB-1:0] last_q;               // the client granted last (round robin)
  reg  [CB-1:0] held_q;               // the client being offered while not accepted
  reg           holding_q;
  reg  [CB-1:0] pick;
  reg           any;
  integer       c;

  // The first requesting client after last_q.
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

  reg  [QB:0]   count_q;              // requests in the order queue
  reg  [CB-1:0] order_q [0:DEPTH-1];
  reg  [QB-1:0] wp_q, rp_q;
  wire          room  = count_q != DEPTH[QB:0];
  reg           flush_q;              // ending the queued requests after an abort
  wire [CB-1:0] sel   = holding_q ? held_q : pick;
  wire          offer = room & ~flush_q & ~abort_i & (holding_q | any);
  wire          take  = offer & rd_req_ready_i;

  assign rd_req_valid_o = offer;
  assign rd_req_addr_o  = c_req_addr_i[64*sel +: 64];
  assign rd_req_len_o   = c_req_len_i[24*sel +: 24];

  always @* begin
    c_req_ready_o = {CLIENTS{1'b0}};
    c_req_ready_o[sel] = take;
  end

  // ---------------------------------------------------------------- data
  wire [CB-1:0] owner = order_q[rp_q];
  wire          busy  = count_q != {(QB + 1){1'b0}};
  wire          beat  = rd_data_valid_i & rd_data_ready_o;
  wire          done  = flush_q ? (busy & c_data_ready_i[owner]) : (beat & rd_data_last_i);

  assign rd_data_ready_o = busy & ~flush_q & c_data_ready_i[owner];
  always @* begin
    c_data_valid_o = {CLIENTS{1'b0}};
    c_data_valid_o[owner] = busy & (flush_q | rd_data_valid_i);
  end
  assign c_data_o      = flush_q ? 64'd0 : rd_data_i;
  assign c_data_last_o = flush_q | rd_data_last_i;
  assign c_data_err_o  = flush_q | rd_data_err_i;
  assign c_err_code_o  = flush_q ? 2'd1 : rd_err_code_i;

  always @(posedge clk_i) begin
    if (!rst_ni) begin
      last_q    <= {CB{1'b0}};
      held_q    <= {CB{1'b0}};
      holding_q <= 1'b0;
      count_q   <= {(QB + 1){1'b0}};
      wp_q      <= {QB{1'b0}};
      rp_q      <= {QB{1'b0}};
      flush_q   <= 1'b0;
    end else begin
      holding_q <= offer & ~rd_req_ready_i;
      held_q    <= sel;
      if (take) begin
        last_q        <= sel;
        order_q[wp_q] <= sel;
        wp_q          <= wp_q + 1'b1;
      end
      if (done) rp_q <= rp_q + 1'b1;
      count_q <= count_q + {{QB{1'b0}}, take} - {{QB{1'b0}}, done};
      if (abort_i) flush_q <= 1'b1;
      else if (flush_q && count_q == {{QB{1'b0}}, done}) flush_q <= 1'b0;
    end
  end
endmodule

`default_nettype wire
