// Self-checking testbench for pcie_tx_arb: whole TLPs, per-source order, round-robin grants,
// no idle cycles between back-to-back TLPs, back-pressure.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// Each source sends numbered TLPs of random length whose beats say who they are:
// {source, TLP number, beat number, beats in the TLP}. The monitor checks that every TLP
// comes out whole and uninterrupted, in each source's order, with its tkeep; that no source
// with a TLP waiting sees more than N-1 TLPs of others go first; and, with every source
// always valid and the output always ready, that grants rotate 0, 1, 2, 3 with no idle
// cycle. Run with +seed=N to replay.
module pcie_tx_arb_tb;
  localparam int N = 4;
  localparam int TLPS = 600;   // per source and phase

  logic clk = 1'b0, rst_n = 1'b0;
  logic [64*N-1:0] s_tdata = '0;
  logic [8*N-1:0]  s_tkeep = '0;
  logic [N-1:0]    s_tlast = '0, s_tvalid = '0;
  wire  [N-1:0]    s_tready;
  wire  [63:0]     tx_tdata;
  wire  [7:0]      tx_tkeep;
  wire             tx_tlast, tx_tvalid;
  logic            tx_tready = 1'b0;

  pcie_tx_arb #(.N(N)) dut (
    .clk_i(clk), .rst_ni(rst_n), .s_tdata_i(s_tdata), .s_tkeep_i(s_tkeep), .s_tlast_i(s_tlast),
    .s_tvalid_i(s_tvalid), .s_tready_o(s_tready), .tx_tdata_o(tx_tdata), .tx_tkeep_o(tx_tkeep),
    .tx_tlast_o(tx_tlast), .tx_tvalid_o(tx_tvalid), .tx_tready_i(tx_tready)
  );

  initial forever #5 clk = ~clk;

  int unsigned errors = 0, seed = 1;
  task automatic fail(string why);
    if (errors < 10) $display("FAIL pcie_tx_arb: %s (seed %0d, time %0t)", why, seed, $time);
    errors++;
  endtask

  // ---------------------------------------------------------------- sources
  int src_pct[N];        // chance of offering a beat in a cycle
  int ready_pct = 100;
  int max_beats = 8;
  int seq[N], beat[N], nbeats[N], left[N];
  logic [N-1:0] taken = '0;
  always @(posedge clk) taken <= s_tvalid & s_tready;

  function automatic logic [63:0] beat_data(int s, int q, int b, int n);
    return {8'(s), 24'(q), 16'(b), 16'(n)};
  endfunction
  function automatic logic [7:0] last_keep(int q);
    return q % 3 == 0 ? 8'h0F : 8'hFF;
  endfunction

  // (The vectors are built in copies and written whole: Verilator 5.006 does not pass
  // writes through a variable bit index on to the DUT's inputs.)
  logic [64*N-1:0] d_n;
  logic [8*N-1:0]  k_n;
  logic [N-1:0]    l_n, v_n;
  initial forever begin
    @(negedge clk);
    d_n = s_tdata; k_n = s_tkeep; l_n = s_tlast; v_n = s_tvalid;
    for (int s = 0; s < N; s++) begin
      if (v_n[s] && taken[s]) begin
        v_n[s] = 1'b0;
        beat[s]++;
        if (beat[s] == nbeats[s]) begin
          beat[s] = 0; seq[s]++; left[s]--;
          nbeats[s] = $urandom_range(1, max_beats);
        end
      end
      if (!v_n[s] && left[s] > 0 && $urandom_range(0, 99) < src_pct[s]) begin
        v_n[s] = 1'b1;
        d_n[64*s +: 64] = beat_data(s, seq[s], beat[s], nbeats[s]);
        l_n[s] = beat[s] == nbeats[s] - 1;
        k_n[8*s +: 8] = l_n[s] ? last_keep(seq[s]) : 8'hFF;
      end
    end
    s_tdata = d_n; s_tkeep = k_n; s_tlast = l_n; s_tvalid = v_n;
    tx_tready = $urandom_range(0, 99) < ready_pct;
  end

  // ---------------------------------------------------------------- monitor
  int got_seq[N];
  int cur_src = -1, cur_beat = 0, cur_n = 0, last_src = N - 1, idle_cycles = 0;
  int waited[N];
  bit check_rr = 0;
  logic stalled = 1'b0, any_valid = 1'b0;
  logic [63:0] stalled_data;

  // Grants, seen at the inputs: a source offering the first beat of a TLP may see at most
  // N-1 other TLPs granted before its own.
  always @(posedge clk) if (rst_n) begin
    for (int s = 0; s < N; s++) if (s_tvalid[s] && s_tready[s] && s_tdata[64*s + 16 +: 16] == 0) begin
      for (int o = 0; o < N; o++)
        if (o != s && s_tvalid[o] && s_tdata[64*o + 16 +: 16] == 0) begin
          waited[o]++;
          if (waited[o] > N - 1) fail($sformatf("source %0d passed over %0d times", o, waited[o]));
        end
      waited[s] = 0;
    end
    if ($countones(s_tvalid & s_tready) > 1) fail("two sources taken in one cycle");
  end

  always @(posedge clk) if (rst_n) begin
    if (stalled && (!tx_tvalid || tx_tdata !== stalled_data)) fail("output beat changed while stalled");
    stalled = tx_tvalid & !tx_tready;
    stalled_data = tx_tdata;
    // With the output always ready, a beat offered in one cycle is out in the next.
    if (check_rr && !tx_tvalid && any_valid) idle_cycles++;
    any_valid = |s_tvalid;
    if (tx_tvalid && tx_tready) begin
      int s, q, b, n;
      s = int'(tx_tdata[63:56]); q = int'(tx_tdata[55:32]);
      b = int'(tx_tdata[31:16]); n = int'(tx_tdata[15:0]);
      if (cur_src < 0) begin
        if (s >= N) fail($sformatf("beat from source %0d", s));
        else begin
          if (b != 0) fail($sformatf("TLP from source %0d starts at beat %0d", s, b));
          if (q != got_seq[s]) fail($sformatf("source %0d: TLP %0d, expected %0d", s, q, got_seq[s]));
          if (check_rr && s != (last_src + 1) % N)
            fail($sformatf("grant to %0d after %0d with every source waiting", s, last_src));
          cur_src = s; cur_beat = 0; cur_n = n; last_src = s;
        end
      end else if (s != cur_src || q != got_seq[cur_src] || b != cur_beat || n != cur_n)
        fail($sformatf("beat %0d/%0d of TLP %0d from %0d inside TLP %0d of source %0d",
                       b, n, q, s, got_seq[cur_src], cur_src));
      if (cur_src >= 0) begin
        if (tx_tlast !== (cur_beat == cur_n - 1)) fail("tlast on the wrong beat");
        if (tx_tkeep !== (tx_tlast ? last_keep(got_seq[cur_src]) : 8'hFF)) fail("tkeep changed");
        cur_beat++;
        if (tx_tlast) begin
          got_seq[cur_src]++;
          cur_src = -1;
        end
      end
    end
  end

  task automatic run_phase(string what, int pct, int rdy, int beats);
    int cycles = 0;
    for (int s = 0; s < N; s++) begin
      src_pct[s] = pct < 0 ? $urandom_range(10, 100) : pct;
      left[s] = TLPS;
      nbeats[s] = $urandom_range(1, beats);
    end
    ready_pct = rdy;
    max_beats = beats;
    while (left[0] + left[1] + left[2] + left[3] > 0 || cur_src >= 0 || tx_tvalid) begin
      @(posedge clk);
      cycles++;
      if (cycles > 200_000) begin
        fail($sformatf("stuck in %s", what));
        break;
      end
    end
    for (int s = 0; s < N; s++)
      if (got_seq[s] != seq[s]) fail($sformatf("%s: source %0d sent %0d TLPs, %0d came out", what, s, seq[s], got_seq[s]));
  endtask

  initial begin
    if (!$value$plusargs("seed=%d", seed)) seed = 1;
    $display("pcie_tx_arb_tb: seed %0d", seed);
    void'($urandom(seed));
    repeat (3) @(negedge clk);
    rst_n = 1'b1;

    // Every source always valid, output always ready: strict rotation, no idle cycle.
    @(negedge clk);
    check_rr = 1;
    idle_cycles = 0;
    run_phase("full load", 100, 100, 6);
    check_rr = 0;
    if (idle_cycles > 0) fail($sformatf("%0d idle output cycles under full load", idle_cycles));
    run_phase("one-beat TLPs", 100, 100, 1);
    run_phase("random sources", -1, 100, 8);
    run_phase("back-pressure", -1, 40, 8);
    run_phase("sparse", 15, 70, 3);

    if (errors == 0) $display("PASS pcie_tx_arb");
    $finish;
  end
endmodule

`default_nettype wire
