// Self-checking testbench for dma_wr_drain in front of a real dma_wr_mux: holds (adapter
// resets) of random length at random moments while a held client writes.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// Client 0 is never held; client 1 is reset while hold is high. Both write random lengths
// of a data pattern that names client, request and beat; the endpoint model takes requests,
// data and sends done pulses with random delays and stalls. Checked: every request the
// endpoint took gets exactly len / 8 beats (so no TLP is left half sent: the run drains to
// the end), each beat is its request's pattern or, for client 1's requests cut by a hold,
// 0 from the cut on; client 0's requests all end with their data intact and one done each;
// client 1 never sees a done for a request it did not make since its last reset, and every
// request it made after a reset gets one. Holds shorter than the rest of a write make the
// drain outlast the hold (counted). +seed=N (default 1, printed).
module dma_wr_drain_tb;
  localparam integer C = 2;

  reg            clk = 1'b0;
  reg            rst_n = 1'b0;
  reg            hold = 1'b0;
  reg  [C-1:0]   c_req_valid = '0;
  wire [C-1:0]   c_req_ready;
  reg  [64*C-1:0] c_req_addr = '0;
  reg  [24*C-1:0] c_req_len = '0;
  reg  [C-1:0]   c_data_valid = '0;
  wire [C-1:0]   c_data_ready;
  reg  [64*C-1:0] c_data = '0;
  wire [C-1:0]   c_done;
  wire [C-1:0]   m_req_valid, m_req_ready, m_data_valid, m_data_ready, m_done;
  wire [64*C-1:0] m_data, m_req_addr;
  wire [24*C-1:0] m_req_len;
  wire           wr_req_valid, wr_data_valid;
  reg            wr_req_ready = 1'b0, wr_data_ready = 1'b0, wr_done = 1'b0;
  wire [63:0]    wr_req_addr, wr_data;
  wire [23:0]    wr_req_len;

  dma_wr_drain #(.CLIENTS(C), .HELD(2'b10)) dut (
    .clk_i(clk), .rst_ni(rst_n), .hold_i(hold),
    .c_req_valid_i(c_req_valid), .c_req_ready_o(c_req_ready), .c_req_addr_i(c_req_addr),
    .c_req_len_i(c_req_len),
    .c_data_valid_i(c_data_valid), .c_data_ready_o(c_data_ready), .c_data_i(c_data),
    .c_done_o(c_done),
    .m_req_valid_o(m_req_valid), .m_req_ready_i(m_req_ready), .m_req_addr_o(m_req_addr),
    .m_req_len_o(m_req_len), .m_data_valid_o(m_data_valid),
    .m_data_ready_i(m_data_ready), .m_data_o(m_data), .m_done_i(m_done)
  );

  dma_wr_mux #(.CLIENTS(C)) mux (
    .clk_i(clk), .rst_ni(rst_n),
    .c_req_valid_i(m_req_valid), .c_req_ready_o(m_req_ready), .c_req_addr_i(m_req_addr),
    .c_req_len_i(m_req_len), .c_data_valid_i(m_data_valid), .c_data_ready_o(m_data_ready),
    .c_data_i(m_data), .c_done_o(m_done),
    .wr_req_valid_o(wr_req_valid), .wr_req_ready_i(wr_req_ready), .wr_req_addr_o(wr_req_addr),
    .wr_req_len_o(wr_req_len), .wr_data_valid_o(wr_data_valid), .wr_data_ready_i(wr_data_ready),
    .wr_data_o(wr_data), .wr_done_i(wr_done)
  );

  initial forever #5 clk = ~clk;

  integer errors = 0;
  task automatic check(input [8*64-1:0] what, input [63:0] got, input [63:0] want);
    if (got !== want) begin
      if (errors < 5) $display("FAIL dma_wr_drain: %0s: got %0h, expected %0h (t=%0t)", what, got, want, $time);
      errors = errors + 1;
    end
  endtask

  // A request's address names it: client + 1 in 63:56, its number in 55:32; beat k's data is
  // the address + k.
  function automatic [63:0] pattern(input [63:0] a, input integer k);
    pattern = a + 64'(k);
  endfunction

  // ---------------------------------------------------------------- clients
  integer c_seq [0:C-1];
  integer c_beats_left [0:C-1];    // beats of the accepted request still to give
  integer c_beat [0:C-1];
  reg [63:0] c_cur [0:C-1];        // the accepted request whose data is being given
  integer c_out [0:C-1];           // requests accepted since the last reset, done not yet seen
  integer c_accepted [0:C-1], c_dones [0:C-1];
  logic [63:0] c_pend_addr [0:C-1][$];  // accepted, data not yet given (in order)
  integer      c_pend_beats [0:C-1][$];
  integer req_pct = 30;

  // ---------------------------------------------------------------- endpoint
  logic [63:0] e_addr [$];          // requests taken, data not all received
  integer      e_beats [$];
  integer      e_k = 0;
  integer      e_done_due [$];      // cycles at which done pulses are due
  integer      cyc = 0, ready_pct = 50, n_req = 0, n_beats = 0, n_zero = 0;
  reg          cut [0:1023];        // client 1's request numbers cut by a hold
  integer      held_seen = 0, drain_past = 0, holds = 0;

  integer i, k, n;
  reg [63:0] a;
  reg        held_rst;
  // Whole-vector copies: this Verilator (5.006) misses bit-select writes from a timed process.
  reg [C-1:0]    rv_n, dv_n;
  reg [64*C-1:0] ra_n, d_n;
  reg [24*C-1:0] rl_n;
  reg [C-1:0]    offer = '0;     // the clients' own view: a request offered, not yet taken

  always @(negedge clk) begin
    cyc = cyc + 1;
    if (rst_n) begin
      // ------------------------------------------------- sample what the last edge did
      // (nothing: all state changes are applied below at sample time before the edge)
      // ------------------------------------------------- drive
      held_rst = hold;
      rv_n = offer; dv_n = c_data_valid; ra_n = c_req_addr; rl_n = c_req_len; d_n = c_data;
      for (i = 0; i < C; i = i + 1) begin
        if (i == 1 && held_rst) begin
          // In reset: the client forgets everything it had.
          rv_n[i] = 1'b0; dv_n[i] = 1'b0;
          c_pend_addr[i].delete(); c_pend_beats[i].delete();
          c_beats_left[i] = 0; c_out[i] = 0;
          continue;
        end
        if (!rv_n[i] && $urandom % 100 < req_pct) begin
          n = 1 + $urandom % 40;
          ra_n[64*i +: 64] = {8'(i + 1), 24'(c_seq[i]), 32'd0};
          rl_n[24*i +: 24] = ($urandom % 6 == 0) ? 24'(1 + $urandom % 7) : 24'(8 * n);   // partial: one beat
          rv_n[i] = 1'b1;
        end
        // Data: the oldest accepted request's next beat, always at hand.
        if (c_beats_left[i] == 0 && c_pend_addr[i].size() != 0) begin
          c_cur[i] = c_pend_addr[i].pop_front(); c_beats_left[i] = c_pend_beats[i].pop_front();
          c_beat[i] = 0;
        end
        dv_n[i] = c_beats_left[i] != 0;
        d_n[64*i +: 64] = pattern(c_cur[i], c_beat[i]);
      end
      offer = rv_n;
      c_req_valid = rv_n; c_data_valid = dv_n; c_req_addr = ra_n; c_req_len = rl_n; c_data = d_n;
      wr_req_ready = $urandom % 100 < ready_pct;
      wr_data_ready = $urandom % 100 < ready_pct;
      wr_done = e_done_due.size() != 0 && e_done_due[0] <= cyc;

      // ------------------------------------------------- what the coming edge takes
      #1;
      if (hold && !dut.g_client[1].g_held.drain_q) ; // nothing
      if (!hold && dut.g_client[1].g_held.drain_q) drain_past = drain_past + 1;
      rv_n = offer;
      for (i = 0; i < C; i = i + 1) begin
        if (c_req_valid[i] && c_req_ready[i]) begin
          c_pend_addr[i].push_back(c_req_addr[64*i +: 64]);
          c_pend_beats[i].push_back((c_req_len[24*i +: 24] + 7) / 8);
          c_out[i] = c_out[i] + 1; c_accepted[i] = c_accepted[i] + 1;
          c_seq[i] = c_seq[i] + 1;
          rv_n[i] = 1'b0;
        end
        if (c_data_valid[i] && c_data_ready[i]) begin
          c_beat[i] = c_beat[i] + 1; c_beats_left[i] = c_beats_left[i] - 1;
        end
        if (c_done[i]) begin
          if (c_out[i] == 0) check("a done for no request of the client's", i, 64'hFF);
          else c_out[i] = c_out[i] - 1;
          c_dones[i] = c_dones[i] + 1;
        end
      end
      if (wr_req_valid && wr_req_ready) begin
        e_addr.push_back(wr_req_addr); e_beats.push_back((wr_req_len + 7) / 8);
        n_req = n_req + 1;
      end
      if (wr_data_valid && wr_data_ready) begin
        if (e_addr.size() == 0) check("data with no request", 0, 1);
        else begin
          a = e_addr[0];
          if (wr_data != pattern(a, e_k)) begin
            if (a[63:56] == 8'd2 && wr_data == 64'd0 && cut[a[41:32]]) n_zero = n_zero + 1;
            else check("beat is neither its pattern nor a drained zero", wr_data, pattern(a, e_k));
          end
          e_k = e_k + 1; n_beats = n_beats + 1;
          if (e_k == e_beats[0]) begin
            void'(e_addr.pop_front()); void'(e_beats.pop_front()); e_k = 0;
            e_done_due.push_back(cyc + 1 + $urandom % 8);
          end
        end
      end
      if (wr_done) void'(e_done_due.pop_front());
      offer = rv_n;   // taken at this edge: the next drive may offer a new one
    end
  end

  // Marks client 1's requests in flight as cut when a hold starts.
  task automatic start_hold;
    holds = holds + 1;
    for (k = c_seq[1] - c_out[1] - 2; k < c_seq[1] + 1; k = k + 1) if (k >= 0) cut[k % 1024] = 1'b1;
    hold = 1'b1;
  endtask

  task automatic drain_all;
    integer w;
    req_pct = 0; ready_pct = 70;
    w = 0;
    while ((e_addr.size() != 0 || e_done_due.size() != 0 || c_out[0] != 0 || c_out[1] != 0 ||
            offer != '0) && w < 20000) begin
      @(negedge clk); w = w + 1;
    end
    check("drained: endpoint requests left", e_addr.size(), 0);
    check("drained: client 0 requests without done", c_out[0], 0);
    check("drained: client 1 requests without done", c_out[1], 0);
    check("drained: no drain left", {63'd0, dut.g_client[1].g_held.drain_q}, 0);
    req_pct = 30;
  endtask

  integer seed = 1, p;
  initial begin
    if ($value$plusargs("seed=%d", seed)) ;
    $display("dma_wr_drain_tb: seed %0d", seed);
    void'($urandom(seed));
    for (i = 0; i < C; i = i + 1) begin
      c_seq[i] = 0; c_beats_left[i] = 0; c_beat[i] = 0; c_out[i] = 0; c_accepted[i] = 0;
      c_dones[i] = 0; c_cur[i] = 64'd0;
    end
    for (i = 0; i < 1024; i = i + 1) cut[i] = 1'b0;
    repeat (3) @(negedge clk);
    #2 rst_n = 1'b1;
    // Without holds: pass-through.
    repeat (2000) @(negedge clk);
    drain_all;
    check("no zeros without a hold", n_zero, 0);
    // Holds: short ones (a few cycles, so the drain outlasts them with a slow endpoint) and
    // long ones, at random moments.
    for (p = 0; p < 300; p = p + 1) begin
      ready_pct = 10 + $urandom % 80;
      repeat (5 + $urandom % 200) @(negedge clk);
      @(negedge clk); start_hold;
      repeat (p % 3 == 0 ? 50 + $urandom % 200 : 1 + $urandom % 4) @(negedge clk);
      hold = 1'b0;
      if (p % 25 == 24) drain_all;
    end
    drain_all;
    $display("dma_wr_drain_tb: %0d requests, %0d beats (%0d drained zeros), %0d holds, drain past the hold in %0d cycles",
             n_req, n_beats, n_zero, holds, drain_past);
    check("client 0 dones", c_dones[0], c_accepted[0]);
    if (n_zero < 100) check("too few drained beats", n_zero, 100);
    if (drain_past < 50) check("the drain rarely outlasted a hold", drain_past, 50);
    if (n_req < 1000) check("too little traffic", n_req, 1000);
    if (errors == 0) $display("PASS dma_wr_drain");
    $finish;
  end

  initial begin
    #100000000;
    $display("FAIL dma_wr_drain: timeout");
    $finish;
  end
endmodule

`default_nettype wire
