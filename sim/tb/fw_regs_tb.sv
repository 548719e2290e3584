// Self-checking testbench for fw_regs, driving a real cpu_system's loader: KEY, HOLD,
// ADDR auto-increment, DATA write and readback, the RAM's bounds, RESETS (and its
// saturation), and a firmware loaded through DATA that boots when HOLD is released.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sgpu_regs.vh"

module fw_regs_tb;
  localparam integer RAM_BYTES = 4096;
  localparam [31:0]  RAM_BASE  = 32'h8000_0000;
  localparam [31:0]  KEY       = 32'h5347_0000;

  reg         clk = 1'b0;
  reg         rst_n = 1'b0;
  reg         req = 1'b0, we = 1'b0;
  reg  [3:0]  be = 4'h0;
  reg  [11:0] addr = 12'h0;
  reg  [31:0] wdata = 32'd0;
  wire [31:0] rdata;
  wire        hold, hold_rise;
  wire        ld_en, ld_we;
  wire [31:0] ld_addr, ld_wdata, ld_rdata, ram_bytes;

  fw_regs dut (
    .clk_i(clk), .rst_ni(rst_n), .req_i(req), .we_i(we), .be_i(be), .addr_i(addr),
    .wdata_i(wdata), .rdata_o(rdata), .ram_bytes_i(ram_bytes),
    .hold_o(hold), .hold_rise_o(hold_rise),
    .ld_en_o(ld_en), .ld_we_o(ld_we), .ld_addr_o(ld_addr), .ld_wdata_o(ld_wdata),
    .ld_rdata_i(ld_rdata)
  );

  // The control core, held in reset by HOLD as sgpu_device does.
  wire        exit_valid, console_valid, bus_error, bus_error_we, retire, trap;
  wire [7:0]  console_data;
  wire [31:0] exit_code, bus_error_addr, bus_error_pc, trap_cause, trap_epc, trap_tval, trap_vector;
  wire        io_req, io_we;
  wire [3:0]  io_be;
  wire [31:0] io_addr, io_wdata;
  reg         id_req = 1'b0;
  reg  [11:0] id_addr = 12'h0;
  wire [31:0] id_rdata;

  cpu_system #(.RAM_BYTES(RAM_BYTES)) core (
    .clk_i(clk), .rst_ni(rst_n & ~hold), .boot_addr_i(RAM_BASE),
    .console_valid_o(console_valid), .console_data_o(console_data),
    .exit_valid_o(exit_valid), .exit_code_o(exit_code),
    .bus_error_o(bus_error), .bus_error_addr_o(bus_error_addr), .bus_error_we_o(bus_error_we),
    .bus_error_pc_o(bus_error_pc), .retire_o(retire), .trap_o(trap), .trap_cause_o(trap_cause),
    .trap_epc_o(trap_epc), .trap_tval_o(trap_tval), .trap_vector_o(trap_vector),
    .ld_en_i(ld_en), .ld_we_i(ld_we), .ld_addr_i(ld_addr), .ld_wdata_i(ld_wdata),
    .ld_rdata_o(ld_rdata), .ram_bytes_o(ram_bytes),
    .host_id_req_i(id_req), .host_id_we_i(1'b0), .host_id_be_i(4'hF), .host_id_addr_i(id_addr),
    .host_id_wdata_i(32'd0), .host_id_rdata_o(id_rdata),
    .io_req_o(io_req), .io_we_o(io_we), .io_be_o(io_be), .io_addr_o(io_addr),
    .io_wdata_o(io_wdata), .io_rdata_i(32'd0), .io_err_i(1'b1), .irq_i(1'b0)
  );

  initial forever #5 clk = ~clk;

  integer errors = 0;
  task automatic check(input [8*48-1:0] what, input [31:0] got, input [31:0] want);
    if (got !== want) begin
      if (errors < 5) $display("FAIL fw_regs: %0s: got %08x, expected %08x", what, got, want);
      errors = errors + 1;
    end
  endtask

  // One access as bar0_decode gives it: one cycle with the request, then one without (the
  // decoder takes the endpoint's next request in the cycle after an answer).
  task automatic write(input [11:0] a, input [31:0] d, input [3:0] b);
    @(negedge clk); req = 1'b1; we = 1'b1; addr = a; wdata = d; be = b;
    @(negedge clk); req = 1'b0; we = 1'b0;
  endtask
  task automatic read(input [11:0] a, output [31:0] d);
    @(negedge clk); req = 1'b1; we = 1'b0; addr = a; be = 4'hF;
    #1 d = rdata;
    @(negedge clk); req = 1'b0;
  endtask
  task automatic id_read(input [11:0] a, output [31:0] d);
    @(negedge clk); id_req = 1'b1; id_addr = a;
    #1 d = id_rdata;
    @(negedge clk); id_req = 1'b0;
  endtask

  localparam [11:0] CTRL = `SGPU_FW_CTRL_OFFSET, ADDR = `SGPU_FW_ADDR_OFFSET;
  localparam [11:0] DATA = `SGPU_FW_DATA_OFFSET, RESETS = `SGPU_FW_RESETS_OFFSET;

  // A firmware: FW_STATUS = RUNNING, HEARTBEAT = 2, then exit with `code`, then spin.
  function automatic [31:0] prog(input integer i, input [11:0] code);
    case (i)
      0: prog = 32'h2000_0337;                     // lui  t1, 0x20000   (ID block)
      1: prog = 32'h0020_0393;                     // addi t2, x0, 2     (RUNNING)
      2: prog = 32'h0073_2823;                     // sw   t2, 0x10(t1)  (FW_STATUS)
      3: prog = 32'h0073_2A23;                     // sw   t2, 0x14(t1)  (HEARTBEAT)
      4: prog = 32'h1000_02B7;                     // lui  t0, 0x10000   (SYSCTL)
      5: prog = {code, 20'h00513};                 // addi a0, x0, code
      6: prog = 32'h00A2_A223;                     // sw   a0, 4(t0)     (EXIT)
      default: prog = 32'h0000_006F;               // j .
    endcase
  endfunction

  // Exits seen, and the cycle of the last one.
  integer cycle = 0, exits = 0, exit_cycle = 0, rises = 0;
  reg [31:0] last_exit = 32'd0;
  always @(posedge clk) begin
    cycle <= cycle + 1;
    if (exit_valid) begin
      exits <= exits + 1; exit_cycle <= cycle; last_exit <= exit_code;
    end
    if (hold_rise) rises <= rises + 1;
  end

  integer seed = 1, i, n, t0, lat;
  reg [31:0] v, words [0:RAM_BYTES/4-1];

  initial begin
    if ($value$plusargs("seed=%d", seed)) ;
    $display("fw_regs_tb: seed %0d", seed);
    void'($urandom(seed));
    repeat (3) @(negedge clk);
    rst_n = 1'b1;

    read(CTRL, v);   check("CTRL reset", v, 32'd0);
    read(ADDR, v);   check("ADDR reset", v, `SGPU_FW_ADDR_RESET);
    read(RESETS, v); check("RESETS reset", v, 32'd0);
    read(12'h010, v); check("empty offset reads 0", v, 32'd0);

    // Without HOLD: DATA writes are dropped, reads give 0, ADDR advances all the same.
    write(ADDR, RAM_BASE + 32'h10, 4'hF);
    write(DATA, 32'h1234_5678, 4'hF);
    read(ADDR, v);   check("ADDR after a DATA write without HOLD", v, RAM_BASE + 32'h14);
    read(DATA, v);   check("DATA read without HOLD", v, 32'd0);
    read(ADDR, v);   check("ADDR after a DATA read without HOLD", v, RAM_BASE + 32'h18);
    // ADDR: byte writes merge, the low two bits stay 0.
    write(ADDR, 32'hFFFF_FFFF, 4'b0001);
    read(ADDR, v);   check("ADDR byte write, low bits 0", v, RAM_BASE + 32'hFC);

    // KEY: without it, with a wrong one, or without all its bytes, CTRL ignores the write.
    write(CTRL, 32'h0000_0001, 4'hF);
    read(CTRL, v);   check("HOLD without KEY", v, 32'd0);
    write(CTRL, 32'h5348_0001, 4'hF);
    read(CTRL, v);   check("HOLD with a wrong KEY", v, 32'd0);
    write(CTRL, KEY | 32'd1, 4'b0111);
    read(CTRL, v);   check("HOLD without KEY's high byte", v, 32'd0);
    write(CTRL, KEY | 32'd1, 4'b1100);
    read(CTRL, v);   check("HOLD without byte 0", v, 32'd0);
    check("no hold_rise so far", rises, 0);
    // The program runs while not held: FW_STATUS RUNNING (it is all zeros, an illegal
    // instruction loop, so nothing yet: the RAM is empty).
    write(CTRL, KEY | 32'd1, 4'hF);
    read(CTRL, v);   check("HOLD with KEY (KEY reads 0)", v, 32'd1);
    check("hold_rise: one pulse", rises, 1);
    write(CTRL, KEY | 32'd1, 4'hF);
    repeat (2) @(negedge clk);
    check("HOLD again: no second pulse", rises, 1);
    read(DATA, v);   check("DATA past the RAM's end", v, 32'd0);

    // A random image over the whole RAM, written back to back, then read back.
    write(ADDR, RAM_BASE, 4'hF);
    for (i = 0; i < RAM_BYTES / 4; i = i + 1) begin
      words[i] = $urandom;
      write(DATA, words[i], 4'hF);
    end
    read(ADDR, v);   check("ADDR after the image", v, RAM_BASE + RAM_BYTES);
    write(DATA, 32'hDEAD_BEEF, 4'hF);            // past the end: dropped
    read(ADDR, v);   check("ADDR advances past the end", v, RAM_BASE + RAM_BYTES + 4);
    write(ADDR, RAM_BASE - 4, 4'hF);
    write(DATA, 32'hDEAD_BEEF, 4'hF);            // below the RAM: dropped
    read(DATA, v);   check("DATA readback word 0 (after a dropped write)", v, words[0]);
    for (i = 1; i < RAM_BYTES / 4; i = i + 1) begin
      read(DATA, v); check("DATA readback", v, words[i]);
    end
    write(ADDR, RAM_BASE + 32'h40, 4'hF);
    read(DATA, v);   check("DATA read at an address", v, words[16]);
    check("the first word did not wrap", core.u_ram.mem[0], words[0]);

    // The firmware: written, read back, released; the core runs it.
    write(ADDR, RAM_BASE, 4'hF);
    for (i = 0; i < 8; i = i + 1) write(DATA, prog(i, 12'd42), 4'hF);
    write(ADDR, RAM_BASE, 4'hF);
    for (i = 0; i < 8; i = i + 1) begin
      read(DATA, v); check("program readback", v, prog(i, 12'd42));
    end
    check("no exit while held", exits, 0);
    id_read(`SGPU_ID_FW_STATUS_OFFSET, v); check("FW_STATUS while held", v, 32'd0);
    write(CTRL, KEY, 4'hF);
    t0 = cycle;
    read(CTRL, v);   check("released", v, 32'd0);
    read(RESETS, v); check("RESETS after a release", v, 32'd1);
    read(DATA, v);   check("DATA read after the release", v, 32'd0);
    repeat (40) @(negedge clk);
    check("the firmware exited once", exits, 1);
    check("its exit code", last_exit, 32'd42);
    lat = exit_cycle - t0;
    $display("fw_regs_tb: exit %0d cycles after the release", lat);
    if (lat > 30) check("exit within 30 cycles of the release", lat, 30);
    id_read(`SGPU_ID_FW_STATUS_OFFSET, v); check("FW_STATUS RUNNING", v, 32'd2);
    id_read(`SGPU_ID_HEARTBEAT_OFFSET, v); check("HEARTBEAT written", v, 32'd2);

    // Adapter reset: FW_STATUS and HEARTBEAT read 0 again; a new image boots.
    write(CTRL, KEY | 32'd1, 4'hF);
    @(negedge clk);
    check("second hold_rise", rises, 2);
    id_read(`SGPU_ID_FW_STATUS_OFFSET, v); check("FW_STATUS NONE after an adapter reset", v, 32'd0);
    id_read(`SGPU_ID_HEARTBEAT_OFFSET, v); check("HEARTBEAT 0 after an adapter reset", v, 32'd0);
    write(ADDR, RAM_BASE + 32'd20, 4'hF);
    write(DATA, prog(5, 12'd7), 4'hF);
    write(CTRL, KEY, 4'hF);
    repeat (40) @(negedge clk);
    check("the new firmware exited", exits, 2);
    check("with its own code", last_exit, 32'd7);
    read(RESETS, v); check("RESETS after two", v, 32'd2);

    // RESETS saturates at 0xFFFF: hold and release straight at the port, fast.
    n = 32'hFFFF - 2 + 3;
    for (i = 0; i < n; i = i + 1) begin
      @(negedge clk); req = 1'b1; we = 1'b1; addr = CTRL; wdata = KEY | 32'd1; be = 4'hF;
      @(negedge clk); wdata = KEY;
      @(negedge clk); req = 1'b0; we = 1'b0;
    end
    read(RESETS, v); check("RESETS saturates", v, 32'hFFFF);

    // Reset of the device clears the hold and the count.
    write(CTRL, KEY | 32'd1, 4'hF);
    @(negedge clk); rst_n = 1'b0;
    @(negedge clk); rst_n = 1'b1;
    read(CTRL, v);   check("HOLD after a device reset", v, 32'd0);
    read(RESETS, v); check("RESETS after a device reset", v, 32'd0);

    if (errors == 0) $display("PASS fw_regs");
    $finish;
  end

  initial begin
    #50000000;
    $display("FAIL fw_regs: timeout");
    $finish;
  end
endmodule

`default_nettype wire
