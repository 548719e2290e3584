// Self-checking testbench for dma_regs: argument registers, CTRL fields, the START pulse, STATUS.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sgpu_regs.vh"

module dma_regs_tb;
  reg         clk = 1'b0;
  reg         rst_n = 1'b0;
  reg         req = 1'b0, we = 1'b0;
  reg  [3:0]  be = 4'h0;
  reg  [11:0] addr = 12'h0;
  reg  [31:0] wdata = 32'd0;
  wire [31:0] rdata;
  wire        start;
  wire [63:0] host_addr;
  wire [31:0] vram_addr, length;
  wire        dir, irq;
  wire [4:0]  vector;
  reg         busy = 1'b0, done = 1'b0;
  reg  [2:0]  error = 3'd0;
  reg  [31:0] cycles = 32'd0;

  dma_regs dut (
    .clk_i(clk), .rst_ni(rst_n), .req_i(req), .we_i(we), .be_i(be), .addr_i(addr),
    .wdata_i(wdata), .rdata_o(rdata),
    .start_o(start), .host_addr_o(host_addr), .vram_addr_o(vram_addr), .length_o(length),
    .dir_o(dir), .irq_o(irq), .vector_o(vector),
    .busy_i(busy), .done_i(done), .error_i(error), .cycles_i(cycles)
  );

  initial forever #5 clk = ~clk;

  integer errors = 0;
  task automatic check(input [8*48-1:0] what, input [31:0] got, input [31:0] want);
    if (got !== want) begin
      if (errors == 0) $display("FAIL dma_regs: %0s: got %08x, expected %08x", what, got, want);
      errors = errors + 1;
    end
  endtask

  // Start pulses, counted at the clock edges.
  integer starts = 0;
  always @(posedge clk) if (start) starts <= starts + 1;

  task automatic write(input [11:0] a, input [31:0] d, input [3:0] b);
    @(negedge clk); req = 1'b1; we = 1'b1; addr = a; wdata = d; be = b;
    @(negedge clk); req = 1'b0; we = 1'b0;
  endtask
  task automatic read(input [11:0] a, output [31:0] d);
    @(negedge clk); req = 1'b1; we = 1'b0; addr = a; be = 4'hF;
    #1 d = rdata;
    @(negedge clk); req = 1'b0;
  endtask

  localparam [31:0] CTRL_BITS = 32'h0000_01F3;  // DIR, IRQ, VECTOR
  reg [31:0] v;
  integer n;

  initial begin
    repeat (3) @(negedge clk);
    rst_n = 1'b1;

    // Reset values.
    read(`SGPU_DMA_HOST_ADDR_LO_OFFSET, v); check("HOST_ADDR_LO reset", v, `SGPU_DMA_HOST_ADDR_LO_RESET);
    read(`SGPU_DMA_HOST_ADDR_HI_OFFSET, v); check("HOST_ADDR_HI reset", v, `SGPU_DMA_HOST_ADDR_HI_RESET);
    read(`SGPU_DMA_VRAM_ADDR_OFFSET, v);    check("VRAM_ADDR reset", v, `SGPU_DMA_VRAM_ADDR_RESET);
    read(`SGPU_DMA_LENGTH_OFFSET, v);       check("LENGTH reset", v, `SGPU_DMA_LENGTH_RESET);
    read(`SGPU_DMA_CTRL_OFFSET, v);         check("CTRL reset", v, `SGPU_DMA_CTRL_RESET);
    read(`SGPU_DMA_STATUS_OFFSET, v);       check("STATUS reset", v, `SGPU_DMA_STATUS_RESET);
    read(`SGPU_DMA_CYCLES_OFFSET, v);       check("CYCLES reset", v, `SGPU_DMA_CYCLES_RESET);

    // Argument registers: what was written, byte by byte, also on the outputs.
    write(`SGPU_DMA_HOST_ADDR_LO_OFFSET, 32'h1234_5678, 4'hF);
    write(`SGPU_DMA_HOST_ADDR_HI_OFFSET, 32'h9ABC_DEF0, 4'hF);
    write(`SGPU_DMA_VRAM_ADDR_OFFSET, 32'h0001_0000, 4'hF);
    write(`SGPU_DMA_LENGTH_OFFSET, 32'h0000_1000, 4'hF);
    write(`SGPU_DMA_HOST_ADDR_LO_OFFSET, 32'hAABB_CCDD, 4'b1010);
    read(`SGPU_DMA_HOST_ADDR_LO_OFFSET, v); check("HOST_ADDR_LO byte writes", v, 32'hAA34_CC78);
    read(`SGPU_DMA_HOST_ADDR_HI_OFFSET, v); check("HOST_ADDR_HI", v, 32'h9ABC_DEF0);
    read(`SGPU_DMA_VRAM_ADDR_OFFSET, v);    check("VRAM_ADDR", v, 32'h0001_0000);
    read(`SGPU_DMA_LENGTH_OFFSET, v);       check("LENGTH", v, 32'h0000_1000);
    check("host_addr_o hi", host_addr[63:32], 32'h9ABC_DEF0);
    check("host_addr_o lo", host_addr[31:0], 32'hAA34_CC78);
    check("vram_addr_o", vram_addr, 32'h0001_0000);
    check("length_o", length, 32'h0000_1000);

    // CTRL keeps its fields only.
    write(`SGPU_DMA_CTRL_OFFSET, 32'hFFFF_FFFF, 4'hF);
    read(`SGPU_DMA_CTRL_OFFSET, v); check("CTRL fields only", v, CTRL_BITS);
    check("dir_o", {31'd0, dir}, 1); check("irq_o", {31'd0, irq}, 1); check("vector_o", {27'd0, vector}, 31);
    write(`SGPU_DMA_CTRL_OFFSET, 32'h0000_0150, 4'hF);   // TO_DEVICE, no IRQ, vector 21
    read(`SGPU_DMA_CTRL_OFFSET, v); check("CTRL", v, 32'h0000_0150);
    check("dir_o 0", {31'd0, dir}, 0); check("irq_o 0", {31'd0, irq}, 0); check("vector_o 21", {27'd0, vector}, 21);

    // Holes and START read 0; writes to holes, STATUS and CYCLES change nothing.
    read(`SGPU_DMA_START_OFFSET, v); check("START reads 0", v, 32'd0);
    read(12'h020, v);                check("offset 0x020 reads 0", v, 32'd0);
    read(12'hFFC, v);                check("offset 0xFFC reads 0", v, 32'd0);
    write(12'h020, 32'hFFFF_FFFF, 4'hF);
    write(`SGPU_DMA_STATUS_OFFSET, 32'hFFFF_FFFF, 4'hF);
    write(`SGPU_DMA_CYCLES_OFFSET, 32'hFFFF_FFFF, 4'hF);
    read(`SGPU_DMA_LENGTH_OFFSET, v); check("LENGTH after other writes", v, 32'h0000_1000);
    check("no start from other writes", starts, 0);

    // START: GO with byte 0 gives one pulse, in the cycle after the write.
    @(negedge clk); req = 1'b1; we = 1'b1; addr = `SGPU_DMA_START_OFFSET; wdata = 32'd1; be = 4'h1;
    #1 check("no start in the write's cycle", {31'd0, start}, 0);
    @(negedge clk); req = 1'b0; we = 1'b0;
    check("start the cycle after", {31'd0, start}, 1);
    @(negedge clk);
    check("start is one cycle", {31'd0, start}, 0);
    check("one start", starts, 1);
    write(`SGPU_DMA_START_OFFSET, 32'hFFFF_FFFE, 4'hF);   // GO clear
    write(`SGPU_DMA_START_OFFSET, 32'h0000_0001, 4'hE);   // byte 0 not written
    repeat (2) @(negedge clk);
    check("START without GO", starts, 1);
    for (n = 0; n < 5; n = n + 1) write(`SGPU_DMA_START_OFFSET, 32'd1, 4'hF);
    repeat (2) @(negedge clk);
    check("a start per write", starts, 6);

    // STATUS and CYCLES come from the engine.
    busy = 1'b1; done = 1'b0; error = 3'd0; cycles = 32'h0001_2345;
    read(`SGPU_DMA_STATUS_OFFSET, v); check("STATUS busy", v, 32'h0000_0001);
    read(`SGPU_DMA_CYCLES_OFFSET, v); check("CYCLES", v, 32'h0001_2345);
    busy = 1'b0; done = 1'b1; error = `SGPU_DMA_STATUS_ERROR_BAD_ARGS;
    read(`SGPU_DMA_STATUS_OFFSET, v); check("STATUS done, BAD_ARGS", v, 32'h0000_0042);
    error = 3'd7;
    read(`SGPU_DMA_STATUS_OFFSET, v); check("STATUS error field", v, 32'h0000_0072);

    // Reset.
    @(negedge clk); rst_n = 1'b0;
    @(negedge clk); rst_n = 1'b1;
    read(`SGPU_DMA_LENGTH_OFFSET, v); check("LENGTH after reset", v, `SGPU_DMA_LENGTH_RESET);
    read(`SGPU_DMA_CTRL_OFFSET, v);   check("CTRL after reset", v, `SGPU_DMA_CTRL_RESET);

    if (errors == 0) $display("PASS dma_regs");
    $finish;
  end

  initial begin
    #100000;
    $display("FAIL dma_regs: timeout");
    $finish;
  end
endmodule

`default_nettype wire
