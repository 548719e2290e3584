// cpu_bht_tb: the table starts at zero (static prediction), counters saturate both ways,
// an update lands the cycle after it is reported, and other entries stay untouched;
// random updates (from +seed=N) against a model.
// SPDX-License-Identifier: Apache-2.0
module cpu_bht_tb;
  logic        clk = 0, rst_n = 0, upd = 0, lt = 0, eq = 0, sel_lt = 0, inv = 0;
  logic [10:0] raddr = 0, uaddr = 0;
  logic [1:0]  uctr = 0;
  wire  [1:0]  rdata;
  cpu_bht dut (.clk_i(clk), .rst_ni(rst_n), .raddr_i(raddr), .rdata_o(rdata), .upd_i(upd),
               .upd_addr_i(uaddr), .upd_ctr_i(uctr), .upd_lt_i(lt), .upd_eq_i(eq),
               .upd_sel_lt_i(sel_lt), .upd_inv_i(inv));
  always #5 clk = ~clk;

  int unsigned seed, seed0, errors = 0, checks = 0;
  function automatic int unsigned rnd();
    seed ^= seed << 13; seed ^= seed >> 17; seed ^= seed << 5; return seed;
  endfunction
  logic [1:0] model [2048];
  task automatic read(logic [10:0] a, output logic [1:0] v);
    raddr = a; @(posedge clk); #1; v = rdata;
  endtask
  task automatic expect_(string what, logic [10:0] a, logic [1:0] want);
    logic [1:0] v; read(a, v); checks++;
    if (v !== want) begin errors++; if (errors <= 10) $display("  %s [%0d]: %0d, want %0d", what, a, v, want); end
  endtask
  // report a resolved branch as E does: with the counter it was predicted with, and a
  // random compare (lt or eq, inverted or not) whose outcome says miss = m
  task automatic train(logic [10:0] a, bit m);
    logic [1:0] c;
    read(a, c);
    sel_lt = rnd() % 2; inv = rnd() % 2; lt = rnd() % 2; eq = rnd() % 2;
    if (sel_lt) lt = m ^ inv; else eq = m ^ inv;
    upd = 1; uaddr = a; uctr = c; @(posedge clk); #1; upd = 0;
    lt = rnd() % 2; eq = rnd() % 2;                           // only the reported cycle counts
    @(posedge clk); #1;                                       // written one cycle later
    model[a] = m ? (c == 3 ? 3 : c + 1) : (c == 0 ? 0 : c - 1);
  endtask

  initial begin
    if (!$value$plusargs("seed=%d", seed)) seed = 1;
    if (seed == 0) seed = 1;
    seed0 = seed;
    $display("cpu_bht_tb: seed %0d", seed);
    foreach (model[i]) model[i] = 0;
    repeat (2) @(posedge clk); rst_n = 1; #1;
    expect_("untrained", 11'd5, 0);
    expect_("untrained", 11'd2047, 0);
    for (int k = 0; k < 5; k++) train(11'd100, 1);
    expect_("saturates up", 11'd100, 3);
    expect_("neighbour untouched", 11'd101, 0);
    for (int k = 0; k < 5; k++) train(11'd100, 0);
    expect_("saturates down", 11'd100, 0);
    repeat (3000) begin
      logic [10:0] a; a = 11'(rnd() % 64);     // a few entries, so that they get trained
      train(a, rnd() % 3 == 0);
      a = 11'(rnd() % 64);
      expect_("random", a, model[a]);
    end
    foreach (model[i]) if (i < 64) expect_("final", 11'(i), model[i]);
    if (errors == 0) $display("PASS cpu_bht");
    else $fatal(1, "FAIL cpu_bht: %0d of %0d checks wrong (seed %0d)", errors, checks, seed0);
    $finish;
  end
endmodule
