// Self-checking testbench for vram_arb: random clients on both ports against a real vram and a mirror.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// Three clients (a count that is not a power of two) make random reads and writes of a small
// VRAM (64 words, so that they collide), each request held until granted. Every cycle the
// grants are checked against a reference: client 0 whenever it asks, otherwise the first
// asking client after the non-zero client granted last, nobody when nobody asks, never two.
// The VRAM port must carry the granted client's address, byte enables and data; each read's
// word, taken from rdata the cycle after its grant, must be the mirror's word at the grant
// (a write granted in the same cycle lands after it), and at the end VRAM must equal the
// mirror. Phases vary how often client 0 (the DMA block) asks: never, sometimes, always
// (then the others must get nothing). +seed=N (default 1, printed) picks the traffic.
module vram_arb_tb;
  localparam integer C  = 3;
  localparam integer AW = 6;
  localparam integer WORDS = 1 << AW;

  reg             clk = 1'b0;
  reg             rst_n = 1'b0;
  reg  [C-1:0]    vr_req = '0, vw_req = '0;
  reg  [AW*C-1:0] vr_addr = '0, vw_addr = '0;
  reg  [8*C-1:0]  vw_be = '0;
  reg  [64*C-1:0] vw_data = '0;
  wire [C-1:0]    vr_gnt, vw_gnt;
  wire            re, we;
  wire [AW-1:0]   raddr, waddr;
  wire [7:0]      be;
  wire [63:0]     wdata, rdata;

  vram_arb #(.CLIENTS(C), .AW(AW)) dut (
    .clk_i(clk), .rst_ni(rst_n),
    .vr_req_i(vr_req), .vr_addr_i(vr_addr), .vr_gnt_o(vr_gnt),
    .vw_req_i(vw_req), .vw_addr_i(vw_addr), .vw_be_i(vw_be), .vw_data_i(vw_data), .vw_gnt_o(vw_gnt),
    .re_o(re), .raddr_o(raddr), .we_o(we), .waddr_o(waddr), .be_o(be), .wdata_o(wdata)
  );
  vram #(.VRAM_BYTES(WORDS * 8)) u_vram (
    .clk_i(clk), .we_i(we), .be_i(be), .waddr_i(waddr), .wdata_i(wdata),
    .re_i(re), .raddr_i(raddr), .rdata_o(rdata)
  );

  initial forever #5 clk = ~clk;

  integer errors = 0;
  task automatic check(input [8*64-1:0] what, input [63:0] got, input [63:0] want);
    if (got !== want) begin
      if (errors < 5) $display("FAIL vram_arb: %0s: got %0h, expected %0h (t=%0t)", what, got, want, $time);
      errors = errors + 1;
    end
  endtask

  integer r_pct [0:C-1];       // a client without a request starts one
  integer w_pct [0:C-1];
  reg     quiet = 1'b0;

  reg  [63:0]  mir [0:WORDS-1];
  // Vectors are written whole: this Verilator (5.006) misses bit-select writes from a timed process.
  reg  [C-1:0] rst = '0, wst = '0;          // the clients' own view: asking
  reg  [C-1:0] rq_n, wq_n;
  reg  [AW*C-1:0] ra_n, wa_n;
  reg  [8*C-1:0]  be_n;
  reg  [64*C-1:0] wd_n;
  reg          rpend = 1'b0;                // a read was granted at the last edge
  integer      rpend_c;
  reg  [63:0]  rpend_word;
  integer      r_last = 0, w_last = 0;      // reference round robin: non-zero client granted last
  integer      r_wait [0:C-1], w_wait [0:C-1];
  integer      n_rg [0:C-1], n_wg [0:C-1];
  integer      i, b, want;
  reg  [63:0]  w;

  // The reference choice among the requests req: -1 for none.
  function automatic integer ref_pick(input [C-1:0] req, input integer last);
    integer j, c;
    begin
      ref_pick = -1;
      if (req[0]) ref_pick = 0;
      else
        for (j = 1; j <= C; j = j + 1) begin
          c = (last + j) % C;
          if (ref_pick < 0 && c != 0 && req[c]) ref_pick = c;
        end
    end
  endfunction

  always @(negedge clk) begin
    if (rst_n) begin
      // --------------------------------------------------------- drive
      rq_n = rst; wq_n = wst; ra_n = vr_addr; wa_n = vw_addr; be_n = vw_be; wd_n = vw_data;
      for (i = 0; i < C; i = i + 1) begin
        if (!rst[i]) begin
          ra_n[AW*i +: AW] = AW'($urandom);
          rq_n[i] = !quiet && $urandom % 100 < r_pct[i];
        end
        if (!wst[i]) begin
          wa_n[AW*i +: AW] = AW'($urandom); be_n[8*i +: 8] = 8'($urandom);
          if ($urandom % 4 == 0) be_n[8*i +: 8] = 8'hFF;
          wd_n[64*i +: 64] = {$urandom, $urandom};
          wq_n[i] = !quiet && $urandom % 100 < w_pct[i];
        end
      end
      rst = rq_n; wst = wq_n;
      vr_req = rq_n; wq_n = wq_n; vw_req = wq_n; vr_addr = ra_n; vw_addr = wa_n; vw_be = be_n; vw_data = wd_n;

      // --------------------------------------------------------- sample: what the next edge does
      #1;
      // The read granted at the last edge: its word is on rdata now.
      if (rpend) check("read word (the cycle after the grant)", rdata, rpend_word);
      rpend = 1'b0;
      // Reads.
      want = ref_pick(vr_req, r_last);
      check("read grant", vr_gnt, want < 0 ? 0 : 64'd1 << want);
      check("re", {63'd0, re}, {63'd0, want >= 0});
      if (want >= 0) begin
        check("raddr is not the granted client's", raddr, vr_addr[AW*want +: AW]);
        rpend = 1'b1; rpend_c = want; rpend_word = mir[vr_addr[AW*want +: AW]];
        if (want != 0) r_last = want;
        n_rg[want] = n_rg[want] + 1;
        for (i = 1; i < C; i = i + 1)
          if (vr_req[i] && i != want && want != 0) begin
            r_wait[i] = r_wait[i] + 1;
            if (r_wait[i] > C - 2) check("read: a client waited too long", r_wait[i], C - 2);
          end
        if (want != 0) r_wait[want] = 0;
      end
      // Writes.
      want = ref_pick(vw_req, w_last);
      check("write grant", vw_gnt, want < 0 ? 0 : 64'd1 << want);
      check("we", {63'd0, we}, {63'd0, want >= 0});
      if (want >= 0) begin
        check("waddr is not the granted client's", waddr, vw_addr[AW*want +: AW]);
        check("be is not the granted client's", be, vw_be[8*want +: 8]);
        check("wdata is not the granted client's", wdata, vw_data[64*want +: 64]);
        w = mir[vw_addr[AW*want +: AW]];
        for (b = 0; b < 8; b = b + 1)
          if (vw_be[8*want + b]) w[8*b +: 8] = vw_data[64*want + 8*b +: 8];
        mir[vw_addr[AW*want +: AW]] = w;
        if (want != 0) w_last = want;
        n_wg[want] = n_wg[want] + 1;
        for (i = 1; i < C; i = i + 1)
          if (vw_req[i] && i != want && want != 0) begin
            w_wait[i] = w_wait[i] + 1;
            if (w_wait[i] > C - 2) check("write: a client waited too long", w_wait[i], C - 2);
          end
        if (want != 0) w_wait[want] = 0;
      end
      // Granted requests end at the edge (the DUT's grants, so a wrong one shows as a wrong word).
      rst = rst & ~vr_gnt; wst = wst & ~vw_gnt;
      for (i = 0; i < C; i = i + 1) begin
        if (!rst[i]) r_wait[i] = 0;
        if (!wst[i]) w_wait[i] = 0;
      end
    end
  end

  task automatic phase(input integer p0, input integer cycles);
    integer j;
    for (j = 0; j < C; j = j + 1) begin
      r_pct[j] = $urandom % 101; w_pct[j] = $urandom % 101;
    end
    r_pct[0] = p0; w_pct[0] = p0;
    repeat (cycles) @(negedge clk);
  endtask

  integer seed = 1;
  integer p, n0;
  initial begin
    if ($value$plusargs("seed=%d", seed)) ;
    $display("vram_arb_tb: seed %0d", seed);
    void'($urandom(seed));
    for (i = 0; i < C; i = i + 1) begin
      r_pct[i] = 0; w_pct[i] = 0; r_wait[i] = 0; w_wait[i] = 0; n_rg[i] = 0; n_wg[i] = 0;
    end
    for (i = 0; i < WORDS; i = i + 1) mir[i] = 64'd0;
    repeat (3) @(negedge clk);
    #2 rst_n = 1'b1;

    for (p = 0; p < 60; p = p + 1) begin
      case (p % 4)
        0: phase(0, 300);
        1: phase($urandom % 60, 300);
        2: phase(100, 50);
        default: phase(100, 0);   // random others, client 0 as the last phase left it
      endcase
      if (p % 4 == 2) begin
        // Client 0 always asks: the others get nothing.
        n0 = n_rg[1] + n_rg[2] + n_wg[1] + n_wg[2];
        r_pct[0] = 100; w_pct[0] = 100;
        repeat (50) @(negedge clk);
        check("client 0 asking always: others granted", n_rg[1] + n_rg[2] + n_wg[1] + n_wg[2], n0);
        r_pct[0] = 0; w_pct[0] = 0;
        repeat (100) @(negedge clk);
      end
    end
    // Every client on every port got its share.
    for (i = 0; i < C; i = i + 1) begin
      if (n_rg[i] < 100) check("few read grants for a client", i, 64'hFF);
      if (n_wg[i] < 100) check("few write grants for a client", i, 64'hFF);
    end
    quiet = 1'b1;
    repeat (50) @(negedge clk);
    for (i = 0; i < WORDS; i = i + 1) check("VRAM against the mirror", u_vram.mem[i], mir[i]);
    $display("vram_arb_tb: read grants %0d/%0d/%0d, write grants %0d/%0d/%0d",
             n_rg[0], n_rg[1], n_rg[2], n_wg[0], n_wg[1], n_wg[2]);
    if (errors == 0) $display("PASS vram_arb");
    else $display("FAIL vram_arb: %0d errors", errors);
    $finish;
  end

  initial begin
    #50000000;
    $display("FAIL vram_arb: timeout");
    $finish;
  end
endmodule

`default_nettype wire
