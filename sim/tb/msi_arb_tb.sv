// Self-checking testbench for msi_arb: random senders against a model of the endpoint's MSI port.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// Three senders (a count that is not a power of two) raise random requests, each held with
// its vector until acknowledged, and sometimes raise the next in the cycle after the ack.
// The endpoint model takes a request when idle (its vector sampled then) and acknowledges it
// with a one-cycle pulse 1..N cycles later, as pcie_msi does; it does not look at the request
// during the pulse. Sender s only sends vectors v with v % 3 == s, so the vector taken names
// the sender that must get the ack. Checked: the port's request and vector stay put from
// the take to the ack; every request is acknowledged exactly once, to its sender and no
// other; the port asks whenever a sender asks and never otherwise; a waiting sender sees at
// most SOURCES - 1 other acks. +seed=N (default 1, printed) picks the traffic.
module msi_arb_tb;
  localparam integer S = 3;

  reg            clk = 1'b0;
  reg            rst_n = 1'b0;
  reg  [S-1:0]   s_req = '0;
  reg  [5*S-1:0] s_vec = '0;
  wire [S-1:0]   s_ack;
  wire           m_req;
  wire [4:0]     m_vec;
  reg            m_ack = 1'b0;

  msi_arb #(.SOURCES(S)) dut (
    .clk_i(clk), .rst_ni(rst_n), .s_req_i(s_req), .s_vector_i(s_vec), .s_ack_o(s_ack),
    .m_req_o(m_req), .m_vector_o(m_vec), .m_ack_i(m_ack)
  );

  initial forever #5 clk = ~clk;

  integer errors = 0;
  task automatic check(input [8*64-1:0] what, input [63:0] got, input [63:0] want);
    if (got !== want) begin
      if (errors < 5) $display("FAIL msi_arb: %0s: got %0h, expected %0h (t=%0t)", what, got, want, $time);
      errors = errors + 1;
    end
  endtask

  integer req_pct = 50, ack_max = 4;
  reg     quiet = 1'b0;

  // Vectors are written whole: this Verilator (5.006) misses bit-select writes from a timed process.
  reg  [S-1:0]   sst = '0, sq_n;
  reg  [5*S-1:0] sv_n;
  integer        n_req [0:S-1], n_ack [0:S-1], wait_n [0:S-1];
  // Endpoint.
  reg            ep_busy = 1'b0;
  integer        ep_cnt = 0;
  reg  [4:0]     ep_vec;
  integer        i, g, n_total = 0;

  always @(negedge clk) begin
    if (rst_n) begin
      // --------------------------------------------------------- drive
      sq_n = sst; sv_n = s_vec;
      for (i = 0; i < S; i = i + 1)
        if (!sst[i]) begin
          sv_n[5*i +: 5] = 5'($urandom);             // garbage while not asking
          if (!quiet && $urandom % 100 < req_pct) begin
            sq_n[i] = 1'b1; sv_n[5*i +: 5] = 5'(i + S * ($urandom % 10));
            n_req[i] = n_req[i] + 1;
          end
        end
      sst = sq_n; s_req = sq_n; s_vec = sv_n;
      m_ack = ep_busy && ep_cnt == 0;

      // --------------------------------------------------------- sample: what the next edge does
      #1;
      check("port asks iff a sender asks", {63'd0, m_req}, {63'd0, s_req != '0});
      if (ep_busy && !m_ack) begin
        check("request dropped before its ack", {63'd0, m_req}, 1);
        check("vector changed before its ack", {59'd0, m_vec}, {59'd0, ep_vec});
      end
      if (m_ack) begin
        g = ep_vec % S;
        check("ack to the wrong sender", s_ack, 1 << g);
        if (!s_req[g]) check("ack to a sender that does not ask", g, 64'hFF);
        n_ack[g] = n_ack[g] + 1; n_total = n_total + 1;
        for (i = 0; i < S; i = i + 1)
          if (i != g && s_req[i]) begin
            wait_n[i] = wait_n[i] + 1;
            if (wait_n[i] > S - 1) check("a sender waited too long", wait_n[i], S - 1);
          end
        wait_n[g] = 0;
        sst = sst & ~s_ack;   // each sender drops (or replaces) its request at its ack's edge
        ep_busy = 1'b0;
      end else begin
        check("ack without the port's ack", s_ack, 0);
        if (ep_busy) ep_cnt = ep_cnt - 1;
        else if (m_req) begin
          ep_busy = 1'b1; ep_vec = m_vec; ep_cnt = $urandom % (ack_max + 1);
        end
      end
      for (i = 0; i < S; i = i + 1) if (!sst[i]) wait_n[i] = 0;
    end
  end

  integer seed = 1;
  integer p, n;
  initial begin
    if ($value$plusargs("seed=%d", seed)) ;
    $display("msi_arb_tb: seed %0d", seed);
    void'($urandom(seed));
    for (i = 0; i < S; i = i + 1) begin n_req[i] = 0; n_ack[i] = 0; wait_n[i] = 0; end
    repeat (3) @(negedge clk);
    #2 rst_n = 1'b1;
    @(negedge clk);
    check("idle after reset", {63'd0, m_req}, 0);
    for (p = 0; p < 40; p = p + 1) begin
      req_pct = $urandom % 101; ack_max = $urandom % 6;
      if (p % 5 == 0) begin req_pct = 100; ack_max = 0; end
      repeat (500) @(negedge clk);
    end
    quiet = 1'b1;
    n = 0;
    while (sst != '0 && n < 1000) begin @(negedge clk); n = n + 1; end
    repeat (5) @(negedge clk);
    for (i = 0; i < S; i = i + 1) check("requests != acks", n_req[i], n_ack[i]);
    check("port still asking", {63'd0, m_req}, 0);
    if (n_total < 1000) check("too little traffic", n_total, 1000);
    $display("msi_arb_tb: %0d MSIs", n_total);
    if (errors == 0) $display("PASS msi_arb");
    else $display("FAIL msi_arb: %0d errors", errors);
    $finish;
  end

  initial begin
    #50000000;
    $display("FAIL msi_arb: timeout");
    $finish;
  end
endmodule

`default_nettype wire
