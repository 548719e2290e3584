// Self-checking testbench for link_regs: STATUS fields, counters, MSI_SEND and the MSI arbiter.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sgpu_regs.vh"

module link_regs_tb;
  reg         clk = 1'b0;
  reg         rst_n = 1'b0;
  reg         req = 1'b0, we = 1'b0;
  reg  [3:0]  be = 4'h0;
  reg  [11:0] addr = 12'h0;
  reg  [31:0] wdata = 32'd0;
  wire [31:0] rdata;
  reg  [15:0] command = 16'h0, dcommand = 16'h0, dcommand2 = 16'h0;
  reg         msi_enable = 1'b0;
  reg  [2:0]  msi_mme = 3'd0;
  reg  [15:0] cpl_timeouts = 16'd0, late_cpls = 16'd0, bad_requests = 16'd0;
  reg         src_req = 1'b0;
  reg  [4:0]  src_vector = 5'd0;
  wire        src_ack;
  wire        msi_req;
  wire [4:0]  msi_vector;
  reg         msi_ack = 1'b0;

  link_regs dut (
    .clk_i(clk), .rst_ni(rst_n), .req_i(req), .we_i(we), .be_i(be), .addr_i(addr),
    .wdata_i(wdata), .rdata_o(rdata),
    .cfg_command_i(command), .cfg_dcommand_i(dcommand), .cfg_dcommand2_i(dcommand2),
    .cfg_msi_enable_i(msi_enable), .cfg_msi_mme_i(msi_mme),
    .stat_cpl_timeouts_i(cpl_timeouts), .stat_late_cpls_i(late_cpls),
    .stat_bad_requests_i(bad_requests),
    .src_msi_req_i(src_req), .src_msi_vector_i(src_vector), .src_msi_ack_o(src_ack),
    .msi_req_o(msi_req), .msi_vector_o(msi_vector), .msi_ack_i(msi_ack)
  );

  initial forever #5 clk = ~clk;

  integer errors = 0;
  task automatic check(input [8*56-1:0] what, input [31:0] got, input [31:0] want);
    if (got !== want) begin
      if (errors == 0) $display("FAIL link_regs: %0s: got %08x, expected %08x", what, got, want);
      errors = errors + 1;
    end
  endtask

  task automatic write(input [11:0] a, input [31:0] d, input [3:0] b);
    @(negedge clk); req = 1'b1; we = 1'b1; addr = a; wdata = d; be = b;
    @(negedge clk); req = 1'b0; we = 1'b0;
  endtask
  task automatic read(input [11:0] a, output [31:0] d);
    @(negedge clk); req = 1'b1; we = 1'b0; addr = a; be = 4'hF;
    #1 d = rdata;
    @(negedge clk); req = 1'b0;
  endtask

  // ---------------------------------------------------------------- the endpoint's MSI port
  // Acknowledges each request after 0..ack_max cycles; checks that the request and its
  // vector stay put until then; logs the vectors sent.
  integer    ack_max = 3;
  reg        hold = 1'b0;       // the endpoint does not acknowledge while set
  integer    wait_n = 0;
  reg        seen = 1'b0;
  reg [4:0]  cur_vec;
  reg [4:0]  sent [0:255];
  integer    n_sent = 0;
  always @(negedge clk) begin
    msi_ack = 1'b0;
    if (!rst_n) begin
      seen = 1'b0;
    end else if (msi_req) begin
      if (!seen) begin
        seen = 1'b1; cur_vec = msi_vector; wait_n = $urandom % (ack_max + 1);
      end else if (msi_vector !== cur_vec) begin
        check("vector changed before the ack", {27'd0, msi_vector}, {27'd0, cur_vec});
      end
      if (hold) begin
        // waiting
      end else if (wait_n == 0) begin
        msi_ack = 1'b1; seen = 1'b0;
        sent[n_sent[7:0]] = cur_vec; n_sent = n_sent + 1;
      end else wait_n = wait_n - 1;
    end else if (seen) begin
      check("msi_req dropped before its ack", 32'd0, 32'd1);
      seen = 1'b0;
    end
  end

  // The other sender: sends the vectors queued by src_push, each held until src_ack
  // (sampled at the clock edge), one at a time.
  integer src_acks = 0;          // acks the driver took
  integer src_ack_edges = 0;     // edges with src_ack high
  reg [4:0] src_todo [0:15];
  integer src_n = 0, src_i = 0;
  always @(posedge clk) if (src_ack) src_ack_edges <= src_ack_edges + 1;
  always @(negedge clk) begin
    if (src_req && src_ack_edges != src_acks) begin
      src_req = 1'b0; src_acks = src_acks + 1; src_i = src_i + 1;
    end else if (!src_req && src_i < src_n) begin
      src_req = 1'b1; src_vector = src_todo[src_i[3:0]];
    end
  end
  task automatic src_push(input [4:0] v);
    src_todo[src_n[3:0]] = v; src_n = src_n + 1;
  endtask

  task automatic wait_idle;
    integer k;
    for (k = 0; k < 200 && (msi_req || dut.pend_q != 32'd0 || src_i < src_n); k = k + 1)
      @(negedge clk);
    repeat (3) @(negedge clk);
  endtask

  // The vectors sent since `from`, as a list to compare: up to 4, 8 bits each.
  function automatic [31:0] sent_list(input integer from);
    integer k;
    begin
      sent_list = 32'd0;
      for (k = from; k < n_sent && k < from + 4; k = k + 1)
        sent_list = {sent_list[23:0], 3'd0, sent[k[7:0]]};
    end
  endfunction

  reg [31:0] v, want;
  integer i, base;

  initial begin
    repeat (3) @(negedge clk);
    rst_n = 1'b1;

    // STATUS: each field from its configuration input, random values.
    for (i = 0; i < 50; i = i + 1) begin
      command = $urandom; dcommand = $urandom; dcommand2 = $urandom;
      msi_enable = $urandom; msi_mme = $urandom;
      want = 32'd0;
      want[`SGPU_LINK_STATUS_MAX_PAYLOAD_LSB +: 3]  = dcommand[7:5];
      want[`SGPU_LINK_STATUS_MAX_READ_REQ_LSB +: 3] = dcommand[14:12];
      want[`SGPU_LINK_STATUS_BUS_MASTER_LSB]        = command[2];
      want[`SGPU_LINK_STATUS_MSI_ENABLE_LSB]        = msi_enable;
      want[`SGPU_LINK_STATUS_MSI_MME_LSB +: 3]      = msi_mme;
      want[`SGPU_LINK_STATUS_CPL_TIMEOUT_LSB +: 4]  = dcommand2[3:0];
      want[`SGPU_LINK_STATUS_CPL_TIMEOUT_DIS_LSB]   = dcommand2[4];
      read(`SGPU_LINK_STATUS_OFFSET, v); check("STATUS", v, want);
    end
    // Known values, against the register map's bit positions written out.
    command = 16'h0004; dcommand = 16'h5020; dcommand2 = 16'h0015; msi_enable = 1'b1; msi_mme = 3'd3;
    read(`SGPU_LINK_STATUS_OFFSET, v); check("STATUS known", v, 32'h0015_3351);

    // Counters: zero-extended 16-bit values.
    cpl_timeouts = 16'h1234; late_cpls = 16'hFFFF; bad_requests = 16'h0001;
    read(`SGPU_LINK_CPL_TIMEOUTS_OFFSET, v); check("CPL_TIMEOUTS", v, 32'h0000_1234);
    read(`SGPU_LINK_LATE_CPLS_OFFSET, v);    check("LATE_CPLS", v, 32'h0000_FFFF);
    read(`SGPU_LINK_BAD_REQUESTS_OFFSET, v); check("BAD_REQUESTS", v, 32'h0000_0001);

    // Write-only MSI_SEND and the holes read 0; writes to read-only registers do nothing.
    read(`SGPU_LINK_MSI_SEND_OFFSET, v); check("MSI_SEND reads 0", v, 32'd0);
    read(12'h014, v);                    check("offset 0x014 reads 0", v, 32'd0);
    read(12'hFFC, v);                    check("offset 0xFFC reads 0", v, 32'd0);
    write(`SGPU_LINK_STATUS_OFFSET, 32'h0, 4'hF);
    write(12'h014, 32'hFFFF_FFFF, 4'hF);
    read(`SGPU_LINK_STATUS_OFFSET, v);   check("STATUS after a write", v, 32'h0015_3351);
    repeat (5) @(negedge clk);
    check("no MSI from other writes", n_sent, 0);

    // One MSI_SEND: one request with that vector, held until the ack.
    ack_max = 5;
    write(`SGPU_LINK_MSI_SEND_OFFSET, 32'd17, 4'hF);
    wait_idle;
    check("one MSI_SEND: count", n_sent, 1);
    check("one MSI_SEND: vector", {27'd0, sent[0]}, 32'd17);
    // Only VECTOR counts; byte 0 must be written.
    write(`SGPU_LINK_MSI_SEND_OFFSET, 32'hFFFF_FFE9, 4'hF);
    write(`SGPU_LINK_MSI_SEND_OFFSET, 32'd3, 4'hE);
    wait_idle;
    check("VECTOR field only / byte 0 needed: count", n_sent, 2);
    check("VECTOR field only", {27'd0, sent[1]}, 32'd9);

    // Several while the endpoint is slow: the first goes at once, the rest lowest first;
    // a vector written twice while pending goes once.
    ack_max = 0;
    base = n_sent;
    hold = 1'b1;
    write(`SGPU_LINK_MSI_SEND_OFFSET, 32'd20, 4'h1);
    write(`SGPU_LINK_MSI_SEND_OFFSET, 32'd7, 4'h1);
    write(`SGPU_LINK_MSI_SEND_OFFSET, 32'd2, 4'h1);
    write(`SGPU_LINK_MSI_SEND_OFFSET, 32'd7, 4'h1);
    check("held: request up", {31'd0, msi_req}, 32'd1);
    check("held: first vector", {27'd0, msi_vector}, 32'd20);
    hold = 1'b0;
    wait_idle;
    check("pending order", sent_list(base), {8'd0, 8'd20, 8'd2, 8'd7});
    check("pending count", n_sent - base, 3);

    // The other sender alone.
    base = n_sent;
    ack_max = 3;
    src_push(5'd30);
    wait_idle;
    check("src alone: count", n_sent - base, 1);
    check("src alone: vector", {27'd0, sent[base[7:0]]}, 32'd30);
    check("src alone: acks", src_acks, 1);
    check("src alone: ack edges", src_ack_edges, 1);

    // Both at once, repeatedly: they take turns, and src_ack comes only for src's own.
    base = n_sent;
    ack_max = 2;
    src_push(5'd1); src_push(5'd1); src_push(5'd1);
    write(`SGPU_LINK_MSI_SEND_OFFSET, 32'd10, 4'h1);
    write(`SGPU_LINK_MSI_SEND_OFFSET, 32'd11, 4'h1);
    write(`SGPU_LINK_MSI_SEND_OFFSET, 32'd12, 4'h1);
    wait_idle;
    check("both: count", n_sent - base, 6);
    check("both: src acks", src_acks, 4);
    check("both: src ack edges", src_ack_edges, 4);
    begin : count_src
      integer k, ones;
      ones = 0;
      for (k = base; k < n_sent; k = k + 1) if (sent[k[7:0]] == 5'd1) ones = ones + 1;
      check("both: src vectors sent", ones, 3);
    end
    // With the endpoint held, both waiting: src first after a register grant, and so on.
    base = n_sent;
    hold = 1'b1;
    write(`SGPU_LINK_MSI_SEND_OFFSET, 32'd4, 4'h1);   // granted at once
    write(`SGPU_LINK_MSI_SEND_OFFSET, 32'd6, 4'h1);
    write(`SGPU_LINK_MSI_SEND_OFFSET, 32'd5, 4'h1);
    src_push(5'd25);
    repeat (3) @(negedge clk);
    hold = 1'b0;
    wait_idle;
    check("turns: count", n_sent - base, 4);
    // Whoever went first, the src request must not wait behind both pending vectors.
    check("turns: src not last", {31'd0, sent[(base + 3) & 255] == 5'd25}, 32'd0);

    // Reset forgets pending vectors.
    hold = 1'b1;
    write(`SGPU_LINK_MSI_SEND_OFFSET, 32'd8, 4'h1);
    write(`SGPU_LINK_MSI_SEND_OFFSET, 32'd9, 4'h1);
    @(negedge clk); rst_n = 1'b0;
    @(negedge clk); rst_n = 1'b1;
    hold = 1'b0;
    base = n_sent;
    repeat (10) @(negedge clk);
    check("reset: nothing sent", n_sent - base, 0);
    check("reset: no request", {31'd0, msi_req}, 32'd0);

    if (errors == 0) $display("PASS link_regs");
    $finish;
  end

  initial begin
    #1000000;
    $display("FAIL link_regs: timeout");
    $finish;
  end
endmodule

`default_nettype wire
