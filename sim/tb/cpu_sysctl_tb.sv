// Self-checking testbench for cpu_sysctl: resets, console, exit, mtime/mtimecmp, IRQ_TEST.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sgpu_regs.vh"

module cpu_sysctl_tb;
  reg         clk = 1'b0;
  reg         rst_n = 1'b0;
  reg         req = 1'b0, we = 1'b0;
  reg  [3:0]  be = 4'h0;
  reg  [11:0] addr = 12'h0;
  reg  [31:0] wdata = 32'd0;
  wire [31:0] rdata;
  wire        console_valid, exit_valid, irq_timer, irq_external;
  wire [7:0]  console_data;
  wire [31:0] exit_code;

  cpu_sysctl dut (
    .clk_i(clk), .rst_ni(rst_n), .req_i(req), .we_i(we), .be_i(be), .addr_i(addr),
    .wdata_i(wdata), .rdata_o(rdata), .console_valid_o(console_valid),
    .console_data_o(console_data), .exit_valid_o(exit_valid), .exit_code_o(exit_code),
    .irq_timer_o(irq_timer), .irq_external_o(irq_external)
  );

  initial forever #5 clk = ~clk;

  integer errors = 0;
  task automatic check(input [8*48-1:0] what, input [31:0] got, input [31:0] want);
    if (got !== want) begin
      if (errors == 0) $display("FAIL cpu_sysctl: %0s: got %08x, expected %08x", what, got, want);
      errors = errors + 1;
    end
  endtask

  // Accesses: driven after a falling edge for one cycle; a read is answered in that cycle,
  // a write lands at the rising edge in its middle.
  task automatic write(input [11:0] a, input [31:0] d, input [3:0] b);
    @(negedge clk); req = 1'b1; we = 1'b1; addr = a; wdata = d; be = b;
    @(negedge clk); req = 1'b0; we = 1'b0;
  endtask
  task automatic read(input [11:0] a, output [31:0] d);
    @(negedge clk); req = 1'b1; we = 1'b0; addr = a; be = 4'hF;
    #1 d = rdata;
    @(negedge clk); req = 1'b0;
  endtask

  reg [31:0] v, v2;
  integer cycle, rise;
  integer console_count = 0, exit_count = 0;
  reg [7:0] console_last;
  reg [31:0] exit_last;
  initial forever begin
    @(posedge clk); #1;
    if (console_valid) begin console_count = console_count + 1; console_last = console_data; end
    if (exit_valid) begin exit_count = exit_count + 1; exit_last = exit_code; end
  end

  initial begin
    repeat (3) @(negedge clk);
    rst_n = 1'b1;

    // Reset values.
    read(`SGPU_SYSCTL_MTIMECMP_LO_OFFSET, v); check("MTIMECMP_LO reset", v, `SGPU_SYSCTL_MTIMECMP_LO_RESET);
    read(`SGPU_SYSCTL_MTIMECMP_HI_OFFSET, v); check("MTIMECMP_HI reset", v, `SGPU_SYSCTL_MTIMECMP_HI_RESET);
    read(`SGPU_SYSCTL_IRQ_TEST_OFFSET, v);    check("IRQ_TEST reset", v, `SGPU_SYSCTL_IRQ_TEST_RESET);
    read(`SGPU_SYSCTL_MTIME_HI_OFFSET, v);    check("MTIME_HI after reset", v, 32'd0);
    read(`SGPU_SYSCTL_CONSOLE_OFFSET, v);     check("CONSOLE reads 0", v, 32'd0);
    read(`SGPU_SYSCTL_EXIT_OFFSET, v);        check("EXIT reads 0", v, 32'd0);
    read(12'hFFC, v);                         check("unmapped offset reads 0", v, 32'd0);
    check("irq_timer after reset", {31'd0, irq_timer}, 32'd0);
    check("irq_external after reset", {31'd0, irq_external}, 32'd0);

    // MTIME counts one per cycle: two reads 10 cycles apart (each read takes 2 cycles).
    read(`SGPU_SYSCTL_MTIME_LO_OFFSET, v);
    repeat (8) @(negedge clk);
    read(`SGPU_SYSCTL_MTIME_LO_OFFSET, v2);
    check("MTIME_LO counts one per cycle", v2 - v, 32'd10);

    // MTIME is writable, with byte enables; the carry runs into MTIME_HI.
    write(`SGPU_SYSCTL_MTIME_HI_OFFSET, 32'h0000_0005, 4'hF);
    write(`SGPU_SYSCTL_MTIME_LO_OFFSET, 32'hFFFF_FFF0, 4'hF);
    read(`SGPU_SYSCTL_MTIME_LO_OFFSET, v);  check("MTIME_LO after a write", v, 32'hFFFF_FFF1);
    repeat (20) @(negedge clk);
    read(`SGPU_SYSCTL_MTIME_HI_OFFSET, v);  check("MTIME_HI after the carry", v, 32'h0000_0006);
    write(`SGPU_SYSCTL_MTIMECMP_LO_OFFSET, 32'h1234_5678, 4'b0010);
    read(`SGPU_SYSCTL_MTIMECMP_LO_OFFSET, v); check("MTIMECMP_LO byte write", v, 32'hFFFF_56FF);

    // The timer interrupt: MTIME >= MTIMECMP, one cycle after it becomes true.
    write(`SGPU_SYSCTL_MTIMECMP_HI_OFFSET, 32'd0, 4'hF);
    check("irq_timer once MTIMECMP < MTIME", {31'd0, irq_timer}, 32'd0);  // registered
    @(negedge clk);
    check("irq_timer once MTIMECMP < MTIME", {31'd0, irq_timer}, 32'd1);
    @(negedge clk); req = 1'b1; we = 1'b1; addr = `SGPU_SYSCTL_MTIMECMP_HI_OFFSET; wdata = 32'hFFFF_FFFF; be = 4'hF;
    #1 check("irq_timer low while MTIMECMP is written", {31'd0, irq_timer}, 32'd0);
    @(negedge clk); req = 1'b0; we = 1'b0;
    check("irq_timer low right after MTIMECMP moves away", {31'd0, irq_timer}, 32'd0);
    @(negedge clk);
    check("irq_timer once MTIMECMP is far", {31'd0, irq_timer}, 32'd0);
    // MTIME = 0 at the write edge below (HI first), MTIMECMP = 40: the line rises 41 cycles
    // after that edge.
    write(`SGPU_SYSCTL_MTIMECMP_LO_OFFSET, 32'd40, 4'hF);
    write(`SGPU_SYSCTL_MTIMECMP_HI_OFFSET, 32'd0, 4'hF);
    write(`SGPU_SYSCTL_MTIME_HI_OFFSET, 32'd0, 4'hF);
    @(negedge clk); req = 1'b1; we = 1'b1; addr = `SGPU_SYSCTL_MTIME_LO_OFFSET; wdata = 32'd0; be = 4'hF;
    @(posedge clk); cycle = 0; rise = -1;
    @(negedge clk); req = 1'b0; we = 1'b0;
    while (cycle < 60) begin
      @(posedge clk); #1; cycle = cycle + 1;
      if (irq_timer && rise < 0) rise = cycle;
    end
    check("irq_timer rises when MTIME reaches MTIMECMP", rise, 32'd41);
    write(`SGPU_SYSCTL_MTIMECMP_LO_OFFSET, 32'hFFFF_FFFF, 4'hF);
    write(`SGPU_SYSCTL_MTIMECMP_HI_OFFSET, 32'hFFFF_FFFF, 4'hF);
    @(negedge clk);
    check("irq_timer falls", {31'd0, irq_timer}, 32'd0);

    // IRQ_TEST drives the external line.
    write(`SGPU_SYSCTL_IRQ_TEST_OFFSET, 32'h0000_0001 << `SGPU_SYSCTL_IRQ_TEST_EXTERNAL_LSB, 4'hF);
    check("irq_external set", {31'd0, irq_external}, 32'd1);
    read(`SGPU_SYSCTL_IRQ_TEST_OFFSET, v);
    check("IRQ_TEST reads back", v, 32'h0000_0001 << `SGPU_SYSCTL_IRQ_TEST_EXTERNAL_LSB);
    write(`SGPU_SYSCTL_IRQ_TEST_OFFSET, 32'hFFFF_FFFF, 4'b0000);
    check("IRQ_TEST ignores a write with no byte enabled", {31'd0, irq_external}, 32'd1);
    write(`SGPU_SYSCTL_IRQ_TEST_OFFSET, 32'd0, 4'hF);
    check("irq_external cleared", {31'd0, irq_external}, 32'd0);

    // Console: a pulse per write with byte 0 enabled.
    write(`SGPU_SYSCTL_CONSOLE_OFFSET, 32'h0000_0041, 4'hF);
    write(`SGPU_SYSCTL_CONSOLE_OFFSET, 32'h0000_0042, 4'b0001);
    write(`SGPU_SYSCTL_CONSOLE_OFFSET, 32'h0000_4300, 4'b0010);
    @(negedge clk);
    check("console pulses", console_count, 32'd2);
    check("console byte", {24'd0, console_last}, 32'h42);

    // Exit: a pulse with the written bytes.
    write(`SGPU_SYSCTL_EXIT_OFFSET, 32'h0000_0107, 4'hF);
    @(negedge clk);
    check("exit pulses", exit_count, 32'd1);
    check("exit value", exit_last, 32'h0000_0107);
    write(`SGPU_SYSCTL_EXIT_OFFSET, 32'hAABB_CC07, 4'b0001);
    @(negedge clk);
    check("exit pulses twice", exit_count, 32'd2);
    check("exit value of a byte write", exit_last, 32'h0000_0007);

    // Reset restores everything.
    write(`SGPU_SYSCTL_IRQ_TEST_OFFSET, 32'd1, 4'hF);
    @(negedge clk); rst_n = 1'b0;
    @(negedge clk); rst_n = 1'b1;
    read(`SGPU_SYSCTL_MTIMECMP_LO_OFFSET, v); check("MTIMECMP_LO after a second reset", v, `SGPU_SYSCTL_MTIMECMP_LO_RESET);
    read(`SGPU_SYSCTL_MTIME_LO_OFFSET, v);
    if (v > 32'd4) check("MTIME_LO restarts at reset", v, 32'd2);
    check("irq_external after a second reset", {31'd0, irq_external}, 32'd0);

    if (errors == 0) $display("PASS cpu_sysctl");
    $finish;
  end

  initial begin
    #100000;
    $display("FAIL cpu_sysctl: timeout");
    $finish;
  end
endmodule

`default_nettype wire
