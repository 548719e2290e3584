// Self-checking testbench for dma_rd_mux: random clients against a model of the endpoint's read port.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// Three clients (a count that is not a power of two) issue random reads with random stalls
// on every handshake; the endpoint model takes requests at random, returns their data in
// request order after random latencies with random gaps, and fails some of them with an
// error beat. Each request's address says who asked and how it must end (bits 63:56 the
// client + 1, 55:40 its sequence number, 39 fail, 38:37 error code, 36:32 failing beat), and
// each data word is a hash of its own address, so a client checking its beats against its
// own requests sees any lost, duplicated, reordered or misrouted beat. Also checked: the
// offered request stays put until taken, the grant order is round robin (a waiting client
// sees at most CLIENTS - 1 other grants), at most DEPTH requests are in flight and a stalled
// stream fills all DEPTH places. Aborts (abort_i, with the endpoint model forgetting its
// reads as pcie_dma_rd's rd_abort_i does) at random moments: no request is taken in the
// abort's cycle nor until the flush ends, every request queued before it ends with exactly
// one beat of data 0, last, err and code 1 to its own client (after any beats it already
// had), the endpoint's port is not read meanwhile, and traffic carries on normally after.
// +seed=N (default 1, printed) picks the traffic.
module dma_rd_mux_tb;
  localparam integer C = 3;
  localparam integer DEPTH = 4;
  localparam integer MAXB = 16;            // beats per request at most

  reg             clk = 1'b0;
  reg             rst_n = 1'b0;
  reg  [C-1:0]    c_req_valid = '0;
  wire [C-1:0]    c_req_ready;
  reg  [64*C-1:0] c_req_addr = '0;
  reg  [24*C-1:0] c_req_len = '0;
  wire [C-1:0]    c_data_valid;
  reg  [C-1:0]    c_data_ready = '0;
  wire [63:0]     c_data;
  wire            c_last, c_err;
  wire [1:0]      c_code;
  wire            rd_req_valid, rd_data_ready;
  reg             rd_req_ready = 1'b0;
  wire [63:0]     rd_req_addr;
  wire [23:0]     rd_req_len;
  reg             rd_data_valid = 1'b0, rd_last = 1'b0, rd_err = 1'b0;
  reg  [63:0]     rd_data = 64'd0;
  reg  [1:0]      rd_code = 2'd0;
  reg             abort = 1'b0;

  dma_rd_mux #(.CLIENTS(C), .DEPTH(DEPTH)) dut (
    .clk_i(clk), .rst_ni(rst_n), .abort_i(abort),
    .c_req_valid_i(c_req_valid), .c_req_ready_o(c_req_ready), .c_req_addr_i(c_req_addr),
    .c_req_len_i(c_req_len), .c_data_valid_o(c_data_valid), .c_data_ready_i(c_data_ready),
    .c_data_o(c_data), .c_data_last_o(c_last), .c_data_err_o(c_err), .c_err_code_o(c_code),
    .rd_req_valid_o(rd_req_valid), .rd_req_ready_i(rd_req_ready), .rd_req_addr_o(rd_req_addr),
    .rd_req_len_o(rd_req_len), .rd_data_valid_i(rd_data_valid), .rd_data_ready_o(rd_data_ready),
    .rd_data_i(rd_data), .rd_data_last_i(rd_last), .rd_data_err_i(rd_err), .rd_err_code_i(rd_code)
  );

  initial forever #5 clk = ~clk;

  integer errors = 0;
  task automatic check(input [8*64-1:0] what, input [63:0] got, input [63:0] want);
    if (got !== want) begin
      if (errors < 5) $display("FAIL dma_rd_mux: %0s: got %0h, expected %0h (t=%0t)", what, got, want, $time);
      errors = errors + 1;
    end
  endtask

  function automatic [63:0] hdata(input [63:0] a);
    hdata = (a * 64'h9E37_79B9_7F4A_7C15) ^ {a[31:0], a[63:32]} ^ 64'h0123_4567_89AB_CDEF;
  endfunction
  // How a request ends, from its address: -1 success, else the beat that carries the error.
  function automatic integer fail_at(input [63:0] a);
    fail_at = a[39] ? integer'(a[36:32]) : -1;
  endfunction

  // ---------------------------------------------------------------- traffic knobs
  integer req_pct = 50;        // a client without a request starts one
  integer cready_pct = 80;     // a client's data ready
  integer ack_pct = 50;        // the endpoint takes an offered request
  integer gap_pct = 20;        // the endpoint leaves a gap between beats
  integer lat_max = 5;         // cycles before a request's first beat
  integer fail_pct = 10;       // requests that fail
  reg     quiet = 1'b0;        // clients stop starting requests
  reg     data_hold = 1'b0;    // the endpoint sends no data

  // ---------------------------------------------------------------- clients
  reg  [15:0]   c_seq [0:C-1];
  reg   [63:0]  exp_addr [0:C-1][0:255]; // accepted requests not yet ended, per client (rings)
  integer       exp_beats [0:C-1][0:255];
  integer       e_wp [0:C-1], e_rp [0:C-1];
  integer       c_got [0:C-1];          // beats of the head request received
  integer       c_issued [0:C-1], c_done [0:C-1];
  integer       wait_n [0:C-1];         // grants to others while this client asks
  integer       flush_until [0:C-1];    // requests before this index end with the flush beat
  integer       n_aborts = 0, n_flushed = 0;
  reg           flushing;

  // ---------------------------------------------------------------- endpoint
  logic [63:0]  ds_addr [$];
  integer       ds_beats [$];
  integer       ds_k = 0, ds_lat = 0;
  reg           ds_holding = 1'b0;      // a beat is offered and stays until taken
  reg           off_prev = 1'b0;        // a request was offered and not taken
  reg  [63:0]   off_addr;
  reg  [23:0]   off_len;
  integer       max_out = 0, n_grants = 0, n_beats = 0;

  integer cyc = 0;
  integer i, k, g, ntake;
  reg [63:0] a, want;
  reg [4:0]  fa;
  reg [C-1:0] cdr_n, cv_n, taken_n, cst = '0;   // cst: the clients' own view of their requests
  reg [64*C-1:0] ca_n;
  reg [24*C-1:0] cl_n;

  always @(negedge clk) begin
    cyc = cyc + 1;
    if (rst_n) begin
      // --------------------------------------------------------- drive
      cv_n = cst; ca_n = c_req_addr; cl_n = c_req_len;
      for (i = 0; i < C; i = i + 1) begin
        if (!cst[i] && !quiet && $urandom % 100 < req_pct) begin
          k = 1 + $urandom % MAXB;
          a = {8'(i + 1), c_seq[i], 8'd0, 4'd0, 25'($urandom), 3'd0};
          if ($urandom % 100 < fail_pct) begin
            fa = 5'($urandom % k);
            a[39] = 1'b1; a[38:37] = 2'(1 + $urandom % 3); a[36:32] = fa;
          end
          c_seq[i] = c_seq[i] + 16'd1;
          cv_n[i] = 1'b1;
          ca_n[64*i +: 64] = a;
          cl_n[24*i +: 24] = 24'(8 * k);
        end else if (!cst[i]) begin
          ca_n[64*i +: 64] = {$urandom, $urandom};     // garbage: not asking
          cl_n[24*i +: 24] = 24'($urandom);
        end
        cdr_n[i] = $urandom % 100 < cready_pct;
      end
      // Whole-vector writes: this Verilator (5.006) misses bit-select writes from a timed process.
      cst = cv_n;
      c_data_ready = cdr_n; c_req_valid = cv_n; c_req_addr = ca_n; c_req_len = cl_n;
      rd_req_ready = $urandom % 100 < ack_pct;
      if (!ds_holding) begin
        rd_data_valid = 1'b0;
        rd_data = {$urandom, $urandom}; rd_last = $urandom; rd_err = $urandom; rd_code = $urandom;
        if (ds_addr.size() != 0 && !data_hold) begin
          if (ds_lat > 0) ds_lat = ds_lat - 1;
          else if ($urandom % 100 >= gap_pct) begin
            a = ds_addr[0];
            rd_data_valid = 1'b1; ds_holding = 1'b1;
            if (fail_at(a) == ds_k) begin
              rd_data = 64'd0; rd_last = 1'b1; rd_err = 1'b1; rd_code = a[38:37];
            end else begin
              rd_data = hdata(a + 64'(8 * ds_k)); rd_last = ds_k == ds_beats[0] - 1;
              rd_err = 1'b0; rd_code = 2'd0;
            end
          end
        end
      end

      // --------------------------------------------------------- sample: what the next edge does
      #1;
      // The offered request stays put until taken (an abort withdraws it: the endpoint
      // forgets it too).
      if (off_prev && !abort) begin
        check("offered request withdrawn", {63'd0, rd_req_valid}, 64'd1);
        if (rd_req_valid) begin
          check("offered address changed", rd_req_addr, off_addr);
          check("offered length changed", {40'd0, rd_req_len}, {40'd0, off_len});
        end
      end
      off_prev = rd_req_valid && !rd_req_ready;
      off_addr = rd_req_addr; off_len = rd_req_len;
      // An abort: nothing is taken in its cycle.
      if (abort) check("request taken in the abort's cycle", {63'd0, rd_req_valid}, 0);
      flushing = 1'b0;
      for (i = 0; i < C; i = i + 1) if (e_rp[i] < flush_until[i]) flushing = 1'b1;
      if (flushing) begin
        check("request offered while flushing", {63'd0, rd_req_valid}, 0);
        check("endpoint read while flushing", {63'd0, rd_data_ready}, 0);
      end
      // Requests.
      ntake = 0; g = -1; taken_n = '0;
      for (i = 0; i < C; i = i + 1)
        if (c_req_ready[i]) begin
          ntake = ntake + 1; g = i;
          if (!c_req_valid[i]) check("ready to a client that does not ask", i, 64'hFF);
        end
      check("client ready without a downstream take", ntake, (rd_req_valid && rd_req_ready) ? 1 : 0);
      if (rd_req_valid && rd_req_ready) begin
        check("request outstanding beyond DEPTH", ds_addr.size() + 1 <= DEPTH, 1);
        if (g >= 0) begin
          check("request address is not the granted client's", rd_req_addr, c_req_addr[64*g +: 64]);
          check("request length is not the granted client's", {40'd0, rd_req_len},
                {40'd0, c_req_len[24*g +: 24]});
          exp_addr[g][e_wp[g] % 256] = c_req_addr[64*g +: 64];
          exp_beats[g][e_wp[g] % 256] = c_req_len[24*g +: 24] / 8;
          e_wp[g] = e_wp[g] + 1;
          c_issued[g] = c_issued[g] + 1;
          // Fairness: every other asking client saw one more grant go elsewhere.
          for (i = 0; i < C; i = i + 1)
            if (i != g && c_req_valid[i]) begin
              wait_n[i] = wait_n[i] + 1;
              if (wait_n[i] > C - 1) check("round robin: a client waited too long", wait_n[i], C - 1);
            end
          wait_n[g] = 0;
          taken_n = taken_n | (1 << g);
        end
        ds_addr.push_back(rd_req_addr); ds_beats.push_back(rd_req_len / 8);
        if (ds_addr.size() == 1) ds_lat = $urandom % (lat_max + 1);
        n_grants = n_grants + 1;
      end
      cst = cst & ~taken_n;   // the edge takes it: the next request may follow at once
      for (i = 0; i < C; i = i + 1) if (!cst[i]) wait_n[i] = 0;
      if (ds_addr.size() > max_out) max_out = ds_addr.size();
      // Data: the beat the endpoint gives up goes to exactly one client, the right one.
      if (!$onehot0(c_data_valid)) check("data valid to several clients", c_data_valid, 0);
      if (rd_data_valid && c_data_valid == '0 && !flushing) check("endpoint beat offered to no client", 0, 1);
      if (!flushing)
        check("client beats != endpoint beats", $countones(c_data_valid & c_data_ready),
              (rd_data_valid && rd_data_ready) ? 1 : 0);
      if (rd_data_valid && !rd_data_ready) begin
        for (i = 0; i < C; i = i + 1)
          if (c_data_valid[i] && c_data_ready[i]) check("endpoint stalled while the client took", i, 64'hFF);
      end
      for (i = 0; i < C; i = i + 1)
        if (c_data_valid[i] && c_data_ready[i]) begin
          if (e_wp[i] == e_rp[i]) check("data for a client with no read", i, 64'hFF);
          else begin
            a = exp_addr[i][e_rp[i] % 256]; k = c_got[i];
            if (e_rp[i] < flush_until[i]) begin
              check("flush beat: data", c_data, 64'd0);
              check("flush beat: err", {63'd0, c_err}, 64'd1);
              check("flush beat: last", {63'd0, c_last}, 64'd1);
              check("flush beat: code (timeout)", {62'd0, c_code}, 64'd1);
              n_flushed = n_flushed + 1;
            end else if (fail_at(a) == k) begin
              check("error beat: err", {63'd0, c_err}, 64'd1);
              check("error beat: last", {63'd0, c_last}, 64'd1);
              check("error beat: code", {62'd0, c_code}, {62'd0, a[38:37]});
            end else begin
              check("data (wrong client, request or beat)", c_data, hdata(a + 64'(8 * k)));
              check("data: err", {63'd0, c_err}, 64'd0);
              check("data: last", {63'd0, c_last}, {63'd0, k == exp_beats[i][e_rp[i] % 256] - 1});
            end
            c_got[i] = k + 1;
            if (c_last) begin
              e_rp[i] = e_rp[i] + 1;
              c_got[i] = 0; c_done[i] = c_done[i] + 1;
            end
          end
        end
      if (rd_data_valid && rd_data_ready) begin
        n_beats = n_beats + 1;
        ds_holding = 1'b0;
        ds_k = ds_k + 1;
        if (rd_last) begin
          void'(ds_addr.pop_front()); void'(ds_beats.pop_front()); ds_k = 0;
          if (ds_addr.size() != 0) ds_lat = $urandom % (lat_max + 1);
        end
      end
      // The abort's edge: the endpoint forgets every read; the mux ends what it had queued.
      if (abort) begin
        ds_addr.delete(); ds_beats.delete(); ds_holding = 1'b0; ds_k = 0;
        for (i = 0; i < C; i = i + 1) flush_until[i] = e_wp[i];
        n_aborts = n_aborts + 1;
      end
    end
  end

  task automatic drain;
    integer n;
    quiet = 1'b1; data_hold = 1'b0; cready_pct = 90;
    n = 0;
    while ((cst != '0 || ds_addr.size() != 0) && n < 20000) begin
      @(negedge clk); n = n + 1;
    end
    repeat (5) @(negedge clk);
    check("drain: requests left", {63'd0, cst != '0 || ds_addr.size() != 0}, 0);
    for (i = 0; i < C; i = i + 1) begin
      check("drain: a client still expects data", e_wp[i] - e_rp[i], 0);
      check("drain: requests issued != requests ended", c_issued[i], c_done[i]);
    end
    check("drain: mux still busy", {63'd0, rd_data_ready}, 0);
    quiet = 1'b0;
  endtask

  integer seed = 1;
  integer p, total;
  initial begin
    if ($value$plusargs("seed=%d", seed)) ;
    $display("dma_rd_mux_tb: seed %0d", seed);
    void'($urandom(seed));
    for (i = 0; i < C; i = i + 1) begin
      c_seq[i] = 16'd0; c_got[i] = 0; e_wp[i] = 0; e_rp[i] = 0; c_issued[i] = 0; c_done[i] = 0; wait_n[i] = 0;
      flush_until[i] = 0;
    end
    repeat (3) @(negedge clk);
    #2 rst_n = 1'b1;
    @(negedge clk);
    check("idle after reset: request", {63'd0, rd_req_valid}, 0);
    check("idle after reset: data ready", {63'd0, rd_data_ready}, 0);

    // 1. Random phases.
    for (p = 0; p < 40; p = p + 1) begin
      req_pct = 5 + $urandom % 95; cready_pct = 30 + $urandom % 71; ack_pct = 10 + $urandom % 91;
      gap_pct = $urandom % 70; lat_max = $urandom % 30; fail_pct = $urandom % 30;
      if (p % 8 == 0) begin req_pct = 100; cready_pct = 100; ack_pct = 100; gap_pct = 0; lat_max = 0; end
      repeat (500) @(negedge clk);
      if (p % 5 == 4) drain;
    end
    drain;

    // 2. Back-pressure: the endpoint sends nothing, so DEPTH requests go out and no more.
    req_pct = 100; ack_pct = 100; data_hold = 1'b1; max_out = 0;
    repeat (200) @(negedge clk);
    check("stalled stream: requests in flight", max_out, DEPTH);
    check("stalled stream: still offering while full", {63'd0, rd_req_valid}, 0);
    data_hold = 1'b0;
    repeat (300) @(negedge clk);
    drain;

    // 3. Aborts at random moments of random traffic, some while the stream is stalled.
    for (p = 0; p < 60; p = p + 1) begin
      req_pct = 20 + $urandom % 81; cready_pct = 30 + $urandom % 71; ack_pct = 20 + $urandom % 81;
      gap_pct = $urandom % 50; lat_max = $urandom % 20; fail_pct = $urandom % 20;
      data_hold = p % 4 == 3;
      repeat (1 + $urandom % 120) @(negedge clk);
      abort = 1'b1;
      @(negedge clk);
      abort = 1'b0;
      data_hold = 1'b0;
      if (p % 10 == 9) drain;
    end
    drain;
    $display("dma_rd_mux_tb: %0d aborts ended %0d queued requests", n_aborts, n_flushed);
    if (n_flushed < 60) check("aborts found too few queued requests", n_flushed, 60);

    total = 0;
    for (i = 0; i < C; i = i + 1) total = total + c_issued[i];
    check("grants counted twice", total, n_grants);
    if (n_grants < 1000) check("too little traffic", n_grants, 1000);
    $display("dma_rd_mux_tb: %0d requests, %0d beats", n_grants, n_beats);
    if (errors == 0) $display("PASS dma_rd_mux");
    else $display("FAIL dma_rd_mux: %0d errors", errors);
    $finish;
  end

  initial begin
    #50000000;
    $display("FAIL dma_rd_mux: timeout");
    $finish;
  end
endmodule

`default_nettype wire
