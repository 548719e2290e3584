// Self-checking testbench for dma_wr_mux: random clients against a model of the endpoint's write port.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// Three clients (a count that is not a power of two) issue random writes; each client offers
// the data of its requests (also of the one it is still offering) with random gaps, holding
// a beat until it is taken. The endpoint model takes requests, data beats and gives wr_done
// pulses at random, in request order. A request's address says whose it is (bits 63:56 the
// client + 1, 55:40 its sequence number) and each data word is a hash of its own address, so
// the endpoint sees any beat from the wrong client, request or position. Checked too: one
// client beat per endpoint beat, the request's length, every wr_done steered to the client
// of the oldest request without one, offered requests and beats stable until taken, round
// robin (a waiting client sees at most CLIENTS - 1 other grants), at most DEPTH requests
// without their wr_done, and both queues filling to DEPTH when the endpoint stalls.
// +seed=N (default 1, printed) picks the traffic.
module dma_wr_mux_tb;
  localparam integer C = 3;
  localparam integer DEPTH = 4;
  localparam integer MAXB = 16;

  reg             clk = 1'b0;
  reg             rst_n = 1'b0;
  reg  [C-1:0]    c_req_valid = '0;
  wire [C-1:0]    c_req_ready;
  reg  [64*C-1:0] c_req_addr = '0;
  reg  [24*C-1:0] c_req_len = '0;
  reg  [C-1:0]    c_data_valid = '0;
  wire [C-1:0]    c_data_ready;
  reg  [64*C-1:0] c_data = '0;
  wire [C-1:0]    c_done;
  wire            wr_req_valid, wr_data_valid;
  reg             wr_req_ready = 1'b0, wr_data_ready = 1'b0, wr_done = 1'b0;
  wire [63:0]     wr_req_addr, wr_data;
  wire [23:0]     wr_req_len;

  dma_wr_mux #(.CLIENTS(C), .DEPTH(DEPTH)) dut (
    .clk_i(clk), .rst_ni(rst_n),
    .c_req_valid_i(c_req_valid), .c_req_ready_o(c_req_ready), .c_req_addr_i(c_req_addr),
    .c_req_len_i(c_req_len), .c_data_valid_i(c_data_valid), .c_data_ready_o(c_data_ready),
    .c_data_i(c_data), .c_done_o(c_done),
    .wr_req_valid_o(wr_req_valid), .wr_req_ready_i(wr_req_ready), .wr_req_addr_o(wr_req_addr),
    .wr_req_len_o(wr_req_len), .wr_data_valid_o(wr_data_valid), .wr_data_ready_i(wr_data_ready),
    .wr_data_o(wr_data), .wr_done_i(wr_done)
  );

  initial forever #5 clk = ~clk;

  integer errors = 0;
  task automatic check(input [8*64-1:0] what, input [63:0] got, input [63:0] want);
    if (got !== want) begin
      if (errors < 5) $display("FAIL dma_wr_mux: %0s: got %0h, expected %0h (t=%0t)", what, got, want, $time);
      errors = errors + 1;
    end
  endtask

  function automatic [63:0] hdata(input [63:0] a);
    hdata = (a * 64'h9E37_79B9_7F4A_7C15) ^ {a[31:0], a[63:32]} ^ 64'h0123_4567_89AB_CDEF;
  endfunction

  // ---------------------------------------------------------------- traffic knobs
  integer req_pct = 50, dvalid_pct = 80, ack_pct = 50, dready_pct = 70, done_max = 6;
  reg     quiet = 1'b0;        // clients start no more requests
  reg     data_hold = 1'b0;    // the endpoint takes no data
  reg     done_hold = 1'b0;    // the endpoint gives no wr_done

  // ---------------------------------------------------------------- clients
  // Vectors are written whole: this Verilator (5.006) misses bit-select writes from a timed process.
  reg  [C-1:0]    cst = '0;                 // the clients' own view: offering a request
  reg  [C-1:0]    dvst = '0;                // offering a data beat (held until taken)
  reg  [15:0]     c_seq [0:C-1];
  reg  [63:0]     cd_addr [0:C-1][0:255];   // per client: requests whose data is not all sent
  integer         cd_beats [0:C-1][0:255];
  integer         cd_wp [0:C-1], cd_rp [0:C-1], cd_k [0:C-1];
  integer         c_issued [0:C-1], c_dones [0:C-1], wait_n [0:C-1];

  // ---------------------------------------------------------------- endpoint
  reg  [63:0]     ds_addr [0:255];          // accepted requests (ring)
  integer         ds_beats [0:255];
  integer         ds_wp = 0, ds_dp = 0, ds_k = 0;   // ds_dp: the request whose data comes now
  integer         ds_done_p = 0;            // the oldest request without its wr_done
  integer         done_at [0:255];          // the cycle its wr_done comes (-1: data not all in)
  reg             roff_prev = 1'b0, doff_prev = 1'b0;
  reg  [63:0]     roff_addr, doff_data;
  reg  [23:0]     roff_len;
  integer         max_out = 0, n_grants = 0, n_beats = 0, n_dones = 0;

  integer cyc = 0;
  integer i, k, g, ntake, nbeat, last_done = 0;
  reg [63:0] a;
  reg [C-1:0] cv_n, dv_n, taken_n, dtaken_n;
  reg [64*C-1:0] ca_n, cdat_n;
  reg [24*C-1:0] cl_n;

  always @(negedge clk) begin
    cyc = cyc + 1;
    if (rst_n) begin
      // --------------------------------------------------------- drive
      cv_n = cst; ca_n = c_req_addr; cl_n = c_req_len; dv_n = dvst; cdat_n = c_data;
      for (i = 0; i < C; i = i + 1) begin
        if (!cst[i] && !quiet && cd_wp[i] - cd_rp[i] < 200 && $urandom % 100 < req_pct) begin
          k = 1 + $urandom % MAXB;
          a = {8'(i + 1), c_seq[i], 8'd0, 4'd0, 25'($urandom), 3'd0};
          c_seq[i] = c_seq[i] + 16'd1;
          cv_n[i] = 1'b1; ca_n[64*i +: 64] = a; cl_n[24*i +: 24] = 24'(8 * k);
          if ($urandom % 6 == 0) begin   // a partial write: 1..7 bytes, one beat
            k = 1; cl_n[24*i +: 24] = 24'(1 + $urandom % 7);
          end
          cd_addr[i][cd_wp[i] % 256] = a; cd_beats[i][cd_wp[i] % 256] = k;   // data at hand
          cd_wp[i] = cd_wp[i] + 1;
        end else if (!cst[i]) begin
          ca_n[64*i +: 64] = {$urandom, $urandom}; cl_n[24*i +: 24] = 24'($urandom);
        end
        if (!dvst[i]) begin
          if (cd_wp[i] != cd_rp[i] && $urandom % 100 < dvalid_pct) begin
            dv_n[i] = 1'b1;
            cdat_n[64*i +: 64] = hdata(cd_addr[i][cd_rp[i] % 256] + 64'(8 * cd_k[i]));
          end else cdat_n[64*i +: 64] = {$urandom, $urandom};
        end
      end
      cst = cv_n; dvst = dv_n;
      c_req_valid = cv_n; c_req_addr = ca_n; c_req_len = cl_n; c_data_valid = dv_n; c_data = cdat_n;
      wr_req_ready = $urandom % 100 < ack_pct;
      wr_data_ready = !data_hold && $urandom % 100 < dready_pct;
      wr_done = ds_done_p != ds_wp && done_at[ds_done_p % 256] >= 0 &&
                done_at[ds_done_p % 256] <= cyc && !done_hold;

      // --------------------------------------------------------- sample: what the next edge does
      #1;
      if (roff_prev) begin
        check("offered request withdrawn", {63'd0, wr_req_valid}, 64'd1);
        if (wr_req_valid) begin
          check("offered address changed", wr_req_addr, roff_addr);
          check("offered length changed", {40'd0, wr_req_len}, {40'd0, roff_len});
        end
      end
      roff_prev = wr_req_valid && !wr_req_ready; roff_addr = wr_req_addr; roff_len = wr_req_len;
      if (doff_prev) begin
        check("offered beat withdrawn", {63'd0, wr_data_valid}, 64'd1);
        if (wr_data_valid) check("offered beat changed", wr_data, doff_data);
      end
      doff_prev = wr_data_valid && !wr_data_ready; doff_data = wr_data;

      // Requests.
      ntake = 0; g = -1; taken_n = '0;
      for (i = 0; i < C; i = i + 1)
        if (c_req_ready[i]) begin
          ntake = ntake + 1; g = i;
          if (!c_req_valid[i]) check("ready to a client that does not ask", i, 64'hFF);
        end
      check("client ready without a downstream take", ntake, (wr_req_valid && wr_req_ready) ? 1 : 0);
      if (wr_req_valid && wr_req_ready) begin
        check("request beyond DEPTH without wr_done", ds_wp - ds_done_p + 1 <= DEPTH, 1);
        if (g >= 0) begin
          check("request address is not the granted client's", wr_req_addr, c_req_addr[64*g +: 64]);
          check("request length is not the granted client's", {40'd0, wr_req_len},
                {40'd0, c_req_len[24*g +: 24]});
          c_issued[g] = c_issued[g] + 1;
          for (i = 0; i < C; i = i + 1)
            if (i != g && c_req_valid[i]) begin
              wait_n[i] = wait_n[i] + 1;
              if (wait_n[i] > C - 1) check("round robin: a client waited too long", wait_n[i], C - 1);
            end
          wait_n[g] = 0;
          taken_n = 1 << g;
        end
        ds_addr[ds_wp % 256] = wr_req_addr; ds_beats[ds_wp % 256] = (wr_req_len + 7) / 8;
        done_at[ds_wp % 256] = -1;
        ds_wp = ds_wp + 1; n_grants = n_grants + 1;
      end
      cst = cst & ~taken_n;
      for (i = 0; i < C; i = i + 1) if (!cst[i]) wait_n[i] = 0;
      if (ds_wp - ds_done_p > max_out) max_out = ds_wp - ds_done_p;

      // Data: each endpoint beat is exactly one client beat, the right client's, in order.
      nbeat = 0; dtaken_n = '0;
      for (i = 0; i < C; i = i + 1)
        if (c_data_valid[i] && c_data_ready[i]) begin
          nbeat = nbeat + 1; dtaken_n[i] = 1'b1;
        end
      check("client beats != endpoint beats", nbeat, (wr_data_valid && wr_data_ready) ? 1 : 0);
      if (wr_data_valid && ds_dp == ds_wp) check("write data without an accepted request", 0, 1);
      if (wr_data_valid && wr_data_ready && ds_dp != ds_wp) begin
        a = ds_addr[ds_dp % 256];
        check("write data (wrong client, request or beat)", wr_data, hdata(a + 64'(8 * ds_k)));
        g = integer'(a[63:56]) - 1;
        if (g >= 0 && g < C) check("beat taken from another client", dtaken_n, 1 << g);
        n_beats = n_beats + 1;
        ds_k = ds_k + 1;
        if (ds_k == ds_beats[ds_dp % 256]) begin
          last_done = last_done > cyc ? last_done : cyc;
          last_done = last_done + 1 + $urandom % (done_max + 1);
          done_at[ds_dp % 256] = last_done;
          ds_dp = ds_dp + 1; ds_k = 0;
        end
      end
      for (i = 0; i < C; i = i + 1)
        if (dtaken_n[i]) begin
          dvst[i] = 1'b0;
          cd_k[i] = cd_k[i] + 1;
          if (cd_k[i] == cd_beats[i][cd_rp[i] % 256]) begin
            cd_k[i] = 0; cd_rp[i] = cd_rp[i] + 1;
          end
        end

      // wr_done: to the client of the oldest request without one, to no one else.
      if (wr_done) begin
        g = integer'(ds_addr[ds_done_p % 256][63:56]) - 1;
        check("wr_done steered wrong", c_done, 1 << g);
        c_dones[g] = c_dones[g] + 1; n_dones = n_dones + 1;
        ds_done_p = ds_done_p + 1;
      end else check("c_done without wr_done", c_done, 0);
    end
  end

  task automatic drain;
    integer n;
    quiet = 1'b1; data_hold = 1'b0; done_hold = 1'b0;
    n = 0;
    while ((cst != '0 || ds_done_p != ds_wp) && n < 20000) begin
      @(negedge clk); n = n + 1;
    end
    repeat (5) @(negedge clk);
    check("drain: requests left", {63'd0, cst != '0 || ds_done_p != ds_wp}, 0);
    for (i = 0; i < C; i = i + 1) begin
      check("drain: a client still has data", cd_wp[i] - cd_rp[i], 0);
      check("drain: requests != wr_dones", c_issued[i], c_dones[i]);
    end
    quiet = 1'b0;
  endtask

  integer seed = 1;
  integer p, total;
  initial begin
    if ($value$plusargs("seed=%d", seed)) ;
    $display("dma_wr_mux_tb: seed %0d", seed);
    void'($urandom(seed));
    for (i = 0; i < C; i = i + 1) begin
      c_seq[i] = 16'd0; cd_wp[i] = 0; cd_rp[i] = 0; cd_k[i] = 0;
      c_issued[i] = 0; c_dones[i] = 0; wait_n[i] = 0;
    end
    repeat (3) @(negedge clk);
    #2 rst_n = 1'b1;
    @(negedge clk);
    check("idle after reset: request", {63'd0, wr_req_valid}, 0);
    check("idle after reset: data", {63'd0, wr_data_valid}, 0);

    // 1. Random phases.
    for (p = 0; p < 40; p = p + 1) begin
      req_pct = 5 + $urandom % 95; dvalid_pct = 30 + $urandom % 71; ack_pct = 10 + $urandom % 91;
      dready_pct = 20 + $urandom % 81; done_max = $urandom % 20;
      if (p % 8 == 0) begin req_pct = 100; dvalid_pct = 100; ack_pct = 100; dready_pct = 100; done_max = 0; end
      repeat (500) @(negedge clk);
      if (p % 5 == 4) drain;
    end
    drain;

    // 2. Back-pressure: no wr_done, then no data: DEPTH requests go out and no more.
    req_pct = 100; ack_pct = 100; dvalid_pct = 100; dready_pct = 100; done_hold = 1'b1; max_out = 0;
    repeat (400) @(negedge clk);
    check("no wr_done: requests outstanding", max_out, DEPTH);
    check("no wr_done: still offering while full", {63'd0, wr_req_valid}, 0);
    drain;
    req_pct = 100; data_hold = 1'b1; max_out = 0;
    repeat (200) @(negedge clk);
    check("no data taken: requests outstanding", max_out, DEPTH);
    check("no data taken: still offering while full", {63'd0, wr_req_valid}, 0);
    drain;

    total = 0;
    for (i = 0; i < C; i = i + 1) total = total + c_issued[i];
    check("grants counted twice", total, n_grants);
    check("wr_dones", n_dones, n_grants);
    if (n_grants < 1000) check("too little traffic", n_grants, 1000);
    $display("dma_wr_mux_tb: %0d requests, %0d beats", n_grants, n_beats);
    if (errors == 0) $display("PASS dma_wr_mux");
    else $display("FAIL dma_wr_mux: %0d errors", errors);
    $finish;
  end

  initial begin
    #50000000;
    $display("FAIL dma_wr_mux: timeout");
    $finish;
  end
endmodule

`default_nettype wire
