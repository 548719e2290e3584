// Self-checking testbench for pcie_msi: the MSI memory write TLP field by field, vectors
// and multiple message enable, 3-DW and 4-DW headers, drops, one ack per request.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "pcie_tlp.vh"

// A requester raises msi_req_i with a vector and holds it until it sees msi_ack_o (sometimes
// raising the next request in the very next cycle); the MSI capability, requester ID and
// command register are random per request and scrambled once the request has been taken.
// Every received TLP is decoded and compared with the one predicted at request time. Run
// with +seed=N to replay.
module pcie_msi_tb;
  logic clk = 1'b0, rst_n = 1'b0;
  logic [7:0]  cfg_bus = '0;
  logic [4:0]  cfg_dev = '0;
  logic [2:0]  cfg_fn = '0;
  logic [15:0] cfg_cmd = '0;
  logic        msi_en = 1'b0;
  logic [2:0]  msi_mme = '0;
  logic [63:0] msi_addr = '0;
  logic [15:0] msi_data = '0;
  logic        msi_req = 1'b0;
  logic [4:0]  msi_vector = '0;
  wire         msi_ack;
  wire  [63:0] tx_tdata;
  wire  [7:0]  tx_tkeep;
  wire         tx_tlast, tx_tvalid;
  logic        tx_tready = 1'b0;

  pcie_msi dut (
    .clk_i(clk), .rst_ni(rst_n),
    .cfg_bus_number_i(cfg_bus), .cfg_device_number_i(cfg_dev), .cfg_function_number_i(cfg_fn),
    .cfg_command_i(cfg_cmd), .cfg_msi_enable_i(msi_en), .cfg_msi_mme_i(msi_mme),
    .cfg_msi_addr_i(msi_addr), .cfg_msi_data_i(msi_data),
    .msi_req_i(msi_req), .msi_vector_i(msi_vector), .msi_ack_o(msi_ack),
    .tx_tdata_o(tx_tdata), .tx_tkeep_o(tx_tkeep), .tx_tlast_o(tx_tlast), .tx_tvalid_o(tx_tvalid),
    .tx_tready_i(tx_tready)
  );

  initial forever #5 clk = ~clk;

  int unsigned errors = 0, seed = 1;
  task automatic fail(string why);
    if (errors < 10) $display("FAIL pcie_msi: %s (seed %0d, time %0t)", why, seed, $time);
    errors++;
  endtask

  typedef struct packed {
    logic [63:0] addr;
    logic [31:0] value;   // the DW written, little-endian
    logic [15:0] rid;
  } msg_t;
  msg_t exp_q[$];
  int n_req = 0, n_ack = 0, n_tlp = 0, n_drop = 0;
  int ready_pct = 100;

  // ---------------------------------------------------------------- TX monitor
  logic [31:0] dws[$];
  logic stalled = 1'b0;
  logic [63:0] st_data;
  logic [7:0] st_keep;
  logic st_last;
  always @(posedge clk) if (rst_n) begin
    if (stalled && (!tx_tvalid || tx_tdata !== st_data || tx_tkeep !== st_keep || tx_tlast !== st_last))
      fail("TX beat changed while stalled");
    stalled = tx_tvalid & !tx_tready;
    st_data = tx_tdata; st_keep = tx_tkeep; st_last = tx_tlast;
    if (msi_ack) n_ack++;
    if (tx_tvalid && tx_tready) begin
      if (tx_tkeep != 8'hFF && !(tx_tkeep == 8'h0F && tx_tlast)) fail($sformatf("tkeep %h", tx_tkeep));
      dws.push_back(tx_tdata[31:0]);
      if (tx_tkeep == 8'hFF) dws.push_back(tx_tdata[63:32]);
      if (tx_tlast) begin
        check_tlp();
        dws.delete();
      end
    end
  end

  task automatic check_tlp();
    msg_t e;
    bit hdr4;
    logic [63:0] a;
    logic [31:0] payload;
    n_tlp++;
    if (exp_q.size() == 0) begin fail("TLP without a request"); return; end
    e = exp_q.pop_front();
    hdr4 = e.addr[63:32] != 0;
    if (dws.size() != (hdr4 ? 5 : 4)) begin fail($sformatf("TLP of %0d DWs", dws.size())); return; end
    if (dws[0][31:29] !== (hdr4 ? `TLP_FMT_4DW_DATA : `TLP_FMT_3DW_DATA)) fail("Fmt");
    if (dws[0][28:24] !== `TLP_TYPE_MEM) fail("Type is not MWr");
    if (dws[0][23:10] !== 14'd0) fail("T9/TC/T8/Attr/LN/TH/TD/EP/AT not 0");
    if (dws[0][9:0] !== 10'd1) fail($sformatf("Length %0d", dws[0][9:0]));
    if (dws[1][31:16] !== e.rid) fail($sformatf("requester ID %h, expected %h", dws[1][31:16], e.rid));
    if (dws[1][15:8] !== 8'd0) fail("tag not 0");
    if (dws[1][7:4] !== 4'h0) fail("last BE not 0000");
    if (dws[1][3:0] !== 4'hF) fail("first BE not 1111");
    a = hdr4 ? {dws[2], dws[3]} : {32'd0, dws[2]};
    if (a[1:0] !== 2'b00) fail("address bits 1:0 (reserved) not 0");
    if (a !== {e.addr[63:2], 2'b00}) fail($sformatf("address %h, expected %h", a, e.addr));
    payload = dws[hdr4 ? 4 : 3];
    // Wire order: the byte at the lowest address in bits 31:24.
    if (payload !== {e.value[7:0], e.value[15:8], e.value[23:16], e.value[31:24]})
      fail($sformatf("payload %h, expected value %h", payload, e.value));
  endtask

  // ---------------------------------------------------------------- requester
  initial forever begin
    @(negedge clk);
    tx_tready = $urandom_range(0, 99) < ready_pct;
  end

  task automatic request(bit back_to_back);
    int k;
    logic [15:0] mask;
    msg_t e;
    bit send;
    // A fresh capability.
    cfg_bus = 8'($urandom); cfg_dev = 5'($urandom); cfg_fn = 3'($urandom);
    cfg_cmd = 16'($urandom);
    msi_en = $urandom_range(0, 5) != 0;
    msi_mme = 3'($urandom);
    msi_addr = $urandom_range(0, 1) ? {32'd0, $urandom} : {$urandom, $urandom};
    msi_addr[1:0] = 2'b00;
    msi_data = 16'($urandom);
    msi_vector = 5'($urandom);
    // The spec: with 2^k vectors enabled the vector replaces the low k bits of the data.
    k = msi_mme > 5 ? 5 : int'(msi_mme);
    mask = 16'((1 << k) - 1);
    e.addr = msi_addr;
    e.value = {16'd0, (msi_data & ~mask) | (16'(msi_vector) & mask)};
    e.rid = {cfg_bus, cfg_dev, cfg_fn};
    send = msi_en && cfg_cmd[2];
    if (send) exp_q.push_back(e);
    else n_drop++;
    msi_req = 1'b1;
    n_req++;
    // Scramble the inputs once the request has been taken: the TLP must not change.
    @(negedge clk);
    cfg_bus = 8'($urandom); msi_data = 16'($urandom); msi_addr = {$urandom, $urandom};
    msi_vector = 5'($urandom); msi_mme = 3'($urandom);
    while (!msi_ack) @(negedge clk);
    @(negedge clk);   // the ack was seen at the last edge
    if (!back_to_back) begin
      msi_req = 1'b0;
      repeat ($urandom_range(0, 3)) @(negedge clk);
    end
  endtask

  initial begin
    if (!$value$plusargs("seed=%d", seed)) seed = 1;
    $display("pcie_msi_tb: seed %0d", seed);
    void'($urandom(seed));
    repeat (3) @(negedge clk);
    rst_n = 1'b1;
    @(negedge clk);
    for (int phase = 0; phase < 3; phase++) begin
      ready_pct = phase == 0 ? 100 : phase == 1 ? 50 : 15;
      for (int i = 0; i < 400; i++) request($urandom_range(0, 2) == 0);
    end
    msi_req = 1'b0;
    repeat (20) @(negedge clk);
    if (n_ack != n_req) fail($sformatf("%0d acks for %0d requests", n_ack, n_req));
    if (exp_q.size() != 0) fail($sformatf("%0d MSI writes missing", exp_q.size()));
    if (n_tlp == 0 || n_drop == 0) fail("no sent or no dropped MSI");
    $display("pcie_msi_tb: %0d requests, %0d sent, %0d dropped", n_req, n_tlp, n_drop);
    if (errors == 0) $display("PASS pcie_msi");
    $finish;
  end

  initial begin
    #50_000_000;
    $display("FAIL pcie_msi: timeout");
    $finish;
  end
endmodule

`default_nettype wire
