// Self-checking testbench for ram_2r1w: zero start, byte enables, two independent read ports.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

module ram_2r1w_tb;
  localparam integer BYTES = 1024;
  localparam integer WORDS = BYTES / 4;
  localparam integer AW = 8;

  reg           clk = 1'b0;
  reg           we = 1'b0;
  reg  [3:0]    be = 4'h0;
  reg  [AW-1:0] waddr = '0;
  reg  [31:0]   wdata = 32'd0;
  reg           re_a = 1'b0, re_b = 1'b0;
  reg  [AW-1:0] raddr_a = '0, raddr_b = '0;
  wire [31:0]   rdata_a, rdata_b;

  ram_2r1w #(.BYTES(BYTES)) dut (
    .clk_i(clk), .we_i(we), .be_i(be), .waddr_i(waddr), .wdata_i(wdata),
    .re_a_i(re_a), .raddr_a_i(raddr_a), .rdata_a_o(rdata_a),
    .re_b_i(re_b), .raddr_b_i(raddr_b), .rdata_b_o(rdata_b)
  );

  initial forever #5 clk = ~clk;

  reg [31:0] model [0:WORDS-1];
  integer errors = 0;
  integer i, n;
  reg [31:0] lfsr = 32'h1234_5678;
  reg [31:0] expect_a, expect_b;

  function automatic [31:0] next_rand(input [31:0] x);
    next_rand = {x[30:0], x[31] ^ x[21] ^ x[1] ^ x[0]};
  endfunction

  task automatic fail(input [8*64-1:0] what, input [31:0] got, input [31:0] want);
    if (errors == 0) $display("FAIL ram_2r1w: %0s: got %08x, expected %08x", what, got, want);
    errors = errors + 1;
  endtask

  // One clock: drive on the falling edge, sample after the rising edge.
  task automatic tick;
    @(posedge clk); #1;
  endtask

  initial begin
    for (i = 0; i < WORDS; i = i + 1) model[i] = 32'd0;
    @(negedge clk);

    // 1. Every word reads as zero before any write (both ports).
    for (i = 0; i < WORDS; i = i + 1) begin
      re_a = 1'b1; raddr_a = i[AW-1:0]; re_b = 1'b1; raddr_b = AW'(WORDS - 1 - i);
      tick;
      if (rdata_a !== 32'd0) fail("initial content, port A", rdata_a, 32'd0);
      if (rdata_b !== 32'd0) fail("initial content, port B", rdata_b, 32'd0);
      @(negedge clk);
    end

    // 2. Full-word write, then each byte lane alone.
    we = 1'b1; be = 4'hF; waddr = 8'd3; wdata = 32'hA1B2_C3D4; re_a = 1'b0; re_b = 1'b0;
    tick; @(negedge clk);
    we = 1'b1; be = 4'b0010; waddr = 8'd3; wdata = 32'h5566_7788;
    tick; @(negedge clk);
    we = 1'b1; be = 4'b1000; waddr = 8'd3; wdata = 32'h99AA_BBCC;
    tick; @(negedge clk);
    we = 1'b0; re_a = 1'b1; raddr_a = 8'd3; re_b = 1'b1; raddr_b = 8'd3;
    tick;
    if (rdata_a !== 32'h99B2_77D4) fail("byte enables, port A", rdata_a, 32'h99B2_77D4);
    if (rdata_b !== 32'h99B2_77D4) fail("byte enables, port B", rdata_b, 32'h99B2_77D4);
    @(negedge clk);
    model[3] = 32'h99B2_77D4;

    // 3. A port whose enable is low keeps its last word.
    re_a = 1'b0; raddr_a = 8'd4; re_b = 1'b1; raddr_b = 8'd4;
    tick;
    if (rdata_a !== 32'h99B2_77D4) fail("port A holds with re low", rdata_a, 32'h99B2_77D4);
    if (rdata_b !== 32'd0) fail("port B reads word 4", rdata_b, 32'd0);
    @(negedge clk);

    // 4. Random traffic against a model: a write and two reads each cycle, reads never on
    //    the word being written (that case is undefined on an FPGA).
    for (n = 0; n < 4000; n = n + 1) begin
      lfsr = next_rand(lfsr); we = lfsr[0]; be = lfsr[4:1]; waddr = lfsr[12:5];
      lfsr = next_rand(lfsr); wdata = lfsr;
      lfsr = next_rand(lfsr); re_a = lfsr[31]; raddr_a = lfsr[7:0]; re_b = lfsr[30]; raddr_b = lfsr[15:8];
      if (we && raddr_a == waddr) raddr_a = raddr_a + 8'd1;
      if (we && raddr_b == waddr) raddr_b = raddr_b + 8'd1;
      if (re_a) expect_a = model[raddr_a];
      if (re_b) expect_b = model[raddr_b];
      if (we) begin
        if (be[0]) model[waddr][7:0]   = wdata[7:0];
        if (be[1]) model[waddr][15:8]  = wdata[15:8];
        if (be[2]) model[waddr][23:16] = wdata[23:16];
        if (be[3]) model[waddr][31:24] = wdata[31:24];
      end
      tick;
      if (rdata_a !== expect_a) fail("random traffic, port A", rdata_a, expect_a);
      if (rdata_b !== expect_b) fail("random traffic, port B", rdata_b, expect_b);
      @(negedge clk);
    end

    if (errors == 0) $display("PASS ram_2r1w");
    $finish;
  end

  initial begin
    #1000000;
    $display("FAIL ram_2r1w: timeout");
    $finish;
  end
endmodule

`default_nettype wire
