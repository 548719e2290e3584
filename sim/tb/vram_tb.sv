// Self-checking testbench for vram: zero start, byte enables, held reads, both ports every cycle.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

module vram_tb;
  localparam integer BYTES = 4096;
  localparam integer WORDS = BYTES / 8;
  localparam integer AW = 9;

  reg           clk = 1'b0;
  reg           we = 1'b0;
  reg  [7:0]    be = 8'h00;
  reg  [AW-1:0] waddr = '0;
  reg  [63:0]   wdata = 64'd0;
  reg           re = 1'b0;
  reg  [AW-1:0] raddr = '0;
  wire [63:0]   rdata;

  vram #(.VRAM_BYTES(BYTES)) dut (
    .clk_i(clk), .we_i(we), .be_i(be), .waddr_i(waddr), .wdata_i(wdata),
    .re_i(re), .raddr_i(raddr), .rdata_o(rdata)
  );

  initial forever #5 clk = ~clk;

  reg [63:0] model [0:WORDS-1];
  integer errors = 0;
  integer i, b, n;
  reg [63:0] lfsr = 64'h0123_4567_89AB_CDEF;
  reg [63:0] want, held;

  function automatic [63:0] next_rand(input [63:0] x);
    next_rand = {x[62:0], x[63] ^ x[62] ^ x[60] ^ x[59]};
  endfunction

  task automatic fail(input [8*64-1:0] what, input [63:0] got, input [63:0] exp);
    if (errors == 0) $display("FAIL vram: %0s: got %016x, expected %016x", what, got, exp);
    errors = errors + 1;
  endtask

  task automatic tick;
    @(posedge clk); #1;
  endtask

  initial begin
    for (i = 0; i < WORDS; i = i + 1) model[i] = 64'd0;
    @(negedge clk);

    // 1. Every word reads as zero before any write.
    for (i = 0; i < WORDS; i = i + 1) begin
      re = 1'b1; raddr = i[AW-1:0];
      tick;
      if (rdata !== 64'd0) fail("initial content", rdata, 64'd0);
      @(negedge clk);
    end
    re = 1'b0;

    // 2. Full-word write, then each byte lane alone.
    we = 1'b1; be = 8'hFF; waddr = 9'd5; wdata = 64'h1122_3344_5566_7788;
    tick; @(negedge clk);
    for (b = 0; b < 8; b = b + 1) begin
      we = 1'b1; be = 8'd1 << b; waddr = 9'd5; wdata = {8{8'hA0 | b[7:0]}};
      tick; @(negedge clk);
    end
    we = 1'b0; re = 1'b1; raddr = 9'd5;
    tick;
    if (rdata !== 64'hA7A6_A5A4_A3A2_A1A0) fail("byte lanes", rdata, 64'hA7A6_A5A4_A3A2_A1A0);
    model[5] = 64'hA7A6_A5A4_A3A2_A1A0;
    @(negedge clk);
    // Two lanes at once, the others kept.
    we = 1'b1; be = 8'b1000_0001; waddr = 9'd5; wdata = 64'h5500_0000_0000_00AA; re = 1'b0;
    tick; @(negedge clk);
    we = 1'b0; re = 1'b1; raddr = 9'd5;
    tick;
    if (rdata !== 64'h55A6_A5A4_A3A2_A1AA) fail("two lanes", rdata, 64'h55A6_A5A4_A3A2_A1AA);
    model[5] = 64'h55A6_A5A4_A3A2_A1AA;
    @(negedge clk);

    // 3. The read port holds its word while re is low, whatever its address and writes do.
    held = rdata; re = 1'b0; raddr = 9'd7;
    we = 1'b1; be = 8'hFF; waddr = 9'd5; wdata = 64'hFFFF_FFFF_FFFF_FFFF;
    tick;
    if (rdata !== held) fail("held read word", rdata, held);
    model[5] = 64'hFFFF_FFFF_FFFF_FFFF;
    @(negedge clk); we = 1'b0;
    tick;
    if (rdata !== held) fail("held read word, later", rdata, held);
    @(negedge clk);

    // 4. Both ports busy every cycle: a streaming write and a streaming read of other
    //    words, random data and byte enables, checked against the model.
    for (n = 0; n < 20000; n = n + 1) begin
      lfsr = next_rand(lfsr);
      we = lfsr[0]; be = lfsr[15:8]; waddr = lfsr[AW+19:20];
      lfsr = next_rand(lfsr);
      wdata = lfsr;
      lfsr = next_rand(lfsr);
      re = 1'b1; raddr = lfsr[AW+29:30];
      if (raddr == waddr) raddr = raddr + 1'b1;   // same-word read during write: undefined
      want = model[raddr];
      if (we) for (b = 0; b < 8; b = b + 1) if (be[b]) model[waddr][8*b +: 8] = wdata[8*b +: 8];
      tick;
      if (rdata !== want) fail("streaming read", rdata, want);
      @(negedge clk);
    end
    we = 1'b0;

    // 5. Everything the model holds, read back a word per cycle.
    for (i = 0; i < WORDS; i = i + 1) begin
      re = 1'b1; raddr = i[AW-1:0];
      tick;
      if (rdata !== model[i]) fail("final content", rdata, model[i]);
      @(negedge clk);
    end

    if (errors == 0) $display("PASS vram");
    $finish;
  end

  initial begin
    #10000000;
    $display("FAIL vram: timeout");
    $finish;
  end
endmodule

`default_nettype wire
