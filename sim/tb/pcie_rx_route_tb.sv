// Self-checking testbench for pcie_rx_route: completions to one output, everything else to
// the other with its BAR0 hit, whole TLPs in order, independent back-pressure.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "pcie_tlp.vh"

// A stream of random TLPs (every Fmt/Type the router may see, 3 to 20 DWs) with gaps, and
// random ready on each output. Each output's monitor rebuilds the TLPs it receives and
// compares them beat by beat (data, tkeep, tlast, BAR0 flag) with the TLPs of its class in
// sending order. rx_tuser_i changes on the beats after the first: the flag must be the first
// beat's. Run with +seed=N to replay.
module pcie_rx_route_tb;
  logic clk = 1'b0, rst_n = 1'b0;
  logic [63:0] rx_tdata = '0;
  logic [7:0]  rx_tkeep = '0;
  logic        rx_tlast = 1'b0, rx_tvalid = 1'b0;
  logic [21:0] rx_tuser = '0;
  wire         rx_tready;
  wire  [63:0] cpl_tdata, req_tdata;
  wire  [7:0]  cpl_tkeep;
  wire         cpl_tlast, cpl_tvalid, req_tlast, req_tvalid, req_bar0;
  logic        cpl_tready = 1'b0, req_tready = 1'b0;

  pcie_rx_route dut (
    .clk_i(clk), .rst_ni(rst_n),
    .rx_tdata_i(rx_tdata), .rx_tkeep_i(rx_tkeep), .rx_tlast_i(rx_tlast), .rx_tvalid_i(rx_tvalid),
    .rx_tready_o(rx_tready), .rx_tuser_i(rx_tuser),
    .cpl_tdata_o(cpl_tdata), .cpl_tkeep_o(cpl_tkeep), .cpl_tlast_o(cpl_tlast),
    .cpl_tvalid_o(cpl_tvalid), .cpl_tready_i(cpl_tready),
    .req_tdata_o(req_tdata), .req_tlast_o(req_tlast), .req_tvalid_o(req_tvalid),
    .req_tready_i(req_tready), .req_bar0_o(req_bar0)
  );

  initial forever #5 clk = ~clk;

  int unsigned errors = 0, seed = 1;
  task automatic fail(string why);
    if (errors < 10) $display("FAIL pcie_rx_route: %s (seed %0d, time %0t)", why, seed, $time);
    errors++;
  endtask

  typedef struct packed { logic [63:0] data; logic [7:0] keep; logic last; logic bar0; logic [21:0] user; } beat_t;
  beat_t in_q[$], cpl_exp[$], req_exp[$];
  int n_cpl = 0, n_req = 0;
  int gap_pct = 0, cpl_pct = 100, req_pct = 100;

  task automatic gen_tlp();
    logic [2:0] fmt;
    logic [4:0] typ;
    int r = $urandom_range(0, 9), ndw;
    bit to_cpl, bar0 = 1'($urandom);
    case (r)
      0: begin fmt = `TLP_FMT_3DW; typ = `TLP_TYPE_CPL; end
      1, 2: begin fmt = `TLP_FMT_3DW_DATA; typ = `TLP_TYPE_CPL; end
      3: begin fmt = `TLP_FMT_3DW; typ = `TLP_TYPE_CPL_LK; end
      4: begin fmt = 3'($urandom) & 3'b011; typ = `TLP_TYPE_MEM; end
      5: begin fmt = `TLP_FMT_4DW; typ = 5'b10000 | 5'($urandom_range(0, 7)); end
      6: begin fmt = `TLP_FMT_3DW_DATA; typ = `TLP_TYPE_IO; end
      7: begin fmt = `TLP_FMT_3DW; typ = `TLP_TYPE_CFG0; end
      8: begin fmt = `TLP_FMT_4DW_DATA; typ = `TLP_TYPE_CAS; end
      default: begin fmt = 3'($urandom); typ = 5'($urandom); end
    endcase
    to_cpl = typ == `TLP_TYPE_CPL;
    ndw = $urandom_range(3, 20);
    for (int i = 0; i < ndw; i += 2) begin
      beat_t b;
      b.data = {$urandom, $urandom};
      if (i == 0) b.data[31:24] = {fmt, typ};
      b.last = i + 2 >= ndw;
      b.keep = i + 1 < ndw ? 8'hFF : 8'h0F;
      b.user = 22'($urandom);
      if (i == 0) b.user[2] = bar0;
      b.bar0 = bar0;
      in_q.push_back(b);
      if (to_cpl) cpl_exp.push_back(b);
      else req_exp.push_back(b);
    end
  endtask

  logic taken = 1'b0;
  always @(posedge clk) taken <= rx_tvalid & rx_tready;
  initial forever begin
    beat_t b;
    @(negedge clk);
    if (rx_tvalid && taken) rx_tvalid = 1'b0;
    if (!rx_tvalid && in_q.size() > 0 && $urandom_range(0, 99) >= gap_pct) begin
      b = in_q.pop_front();
      rx_tdata = b.data; rx_tkeep = b.keep; rx_tlast = b.last; rx_tuser = b.user; rx_tvalid = 1'b1;
    end
    cpl_tready = $urandom_range(0, 99) < cpl_pct;
    req_tready = $urandom_range(0, 99) < req_pct;
  end

  always @(posedge clk) if (rst_n) begin
    if (cpl_tvalid && req_tvalid) fail("both outputs valid");
    if (rx_tvalid && rx_tready !== (cpl_tvalid ? cpl_tready : req_tready))
      fail("rx_tready is not the chosen output's ready");
    if (cpl_tvalid && cpl_tready) begin
      beat_t e;
      if (cpl_exp.size() == 0) fail("unexpected beat on cpl");
      else begin
        e = cpl_exp.pop_front();
        if (cpl_tdata !== e.data || cpl_tkeep !== e.keep || cpl_tlast !== e.last)
          fail($sformatf("cpl beat %h/%h/%b, expected %h/%h/%b", cpl_tdata, cpl_tkeep, cpl_tlast,
                         e.data, e.keep, e.last));
        if (cpl_tlast) n_cpl++;
      end
    end
    if (req_tvalid && req_tready) begin
      beat_t e;
      if (req_exp.size() == 0) fail("unexpected beat on req");
      else begin
        e = req_exp.pop_front();
        if (req_tdata !== e.data || req_tlast !== e.last)
          fail($sformatf("req beat %h/%b, expected %h/%b", req_tdata, req_tlast, e.data, e.last));
        if (req_bar0 !== e.bar0) fail("req BAR0 flag is not the first beat's");
        if (req_tlast) n_req++;
      end
    end
  end

  task automatic phase(string what, int gap, int cp, int rp, int n);
    int cycles = 0;
    gap_pct = gap; cpl_pct = cp; req_pct = rp;
    for (int i = 0; i < n; i++) gen_tlp();
    while (in_q.size() > 0 || rx_tvalid || cpl_exp.size() > 0 || req_exp.size() > 0) begin
      @(posedge clk);
      cycles++;
      if (cycles > 100_000) begin
        fail($sformatf("stuck in %s", what));
        break;
      end
    end
  endtask

  initial begin
    if (!$value$plusargs("seed=%d", seed)) seed = 1;
    $display("pcie_rx_route_tb: seed %0d", seed);
    void'($urandom(seed));
    repeat (3) @(negedge clk);
    rst_n = 1'b1;
    phase("full speed", 0, 100, 100, 500);
    phase("gaps", 30, 100, 100, 500);
    phase("cpl back-pressure", 0, 20, 100, 500);
    phase("req back-pressure", 10, 90, 20, 500);
    phase("both", 20, 40, 40, 1000);
    if (n_cpl == 0 || n_req == 0) fail("no traffic on an output");
    $display("pcie_rx_route_tb: %0d completions, %0d other TLPs", n_cpl, n_req);
    if (errors == 0) $display("PASS pcie_rx_route");
    $finish;
  end
endmodule

`default_nettype wire
