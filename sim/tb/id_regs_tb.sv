// Self-checking testbench for id_regs: read-only identity, SCRATCH, FW_STATUS fields,
// HEARTBEAT (core rw, host ro), resets.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sgpu_regs.vh"

module id_regs_tb;
  reg         clk = 1'b0;
  reg         rst_n = 1'b0;
  reg         req = 1'b0, we = 1'b0;
  reg  [3:0]  be = 4'h0;
  reg  [11:0] addr = 12'h0;
  reg  [31:0] wdata = 32'd0;
  wire [31:0] rdata;
  reg         h_req = 1'b0, h_we = 1'b0;
  reg  [3:0]  h_be = 4'h0;
  reg  [11:0] h_addr = 12'h0;
  reg  [31:0] h_wdata = 32'd0;
  wire [31:0] h_rdata;

  wire [31:0] bare_rdata, bare_h_rdata;
  reg  [31:0] bare_last;  // what the bare instance answered to the last read()

  id_regs #(.CP_PRESENT(1'b1)) dut (
    .clk_i(clk), .rst_ni(rst_n), .req_i(req), .we_i(we), .be_i(be), .addr_i(addr),
    .wdata_i(wdata), .rdata_o(rdata),
    .h_req_i(h_req), .h_we_i(h_we), .h_be_i(h_be), .h_addr_i(h_addr), .h_wdata_i(h_wdata),
    .h_rdata_o(h_rdata)
  );

  // The bare control-core system's instance: no command processor, CAPS.CP clear.
  id_regs bare (
    .clk_i(clk), .rst_ni(rst_n), .req_i(req), .we_i(we), .be_i(be), .addr_i(addr),
    .wdata_i(wdata), .rdata_o(bare_rdata),
    .h_req_i(h_req), .h_we_i(h_we), .h_be_i(h_be), .h_addr_i(h_addr), .h_wdata_i(h_wdata),
    .h_rdata_o(bare_h_rdata)
  );

  initial forever #5 clk = ~clk;

  integer errors = 0;
  task automatic check(input [8*48-1:0] what, input [31:0] got, input [31:0] want);
    if (got !== want) begin
      if (errors == 0) $display("FAIL id_regs: %0s: got %08x, expected %08x", what, got, want);
      errors = errors + 1;
    end
  endtask

  task automatic write(input [11:0] a, input [31:0] d, input [3:0] b);
    @(negedge clk); req = 1'b1; we = 1'b1; addr = a; wdata = d; be = b;
    @(negedge clk); req = 1'b0; we = 1'b0;
  endtask
  task automatic read(input [11:0] a, output [31:0] d);
    @(negedge clk); req = 1'b1; we = 1'b0; addr = a; be = 4'hF;
    #1 d = rdata; bare_last = bare_rdata;
    @(negedge clk); req = 1'b0;
  endtask

  task automatic h_write(input [11:0] a, input [31:0] d, input [3:0] b);
    @(negedge clk); h_req = 1'b1; h_we = 1'b1; h_addr = a; h_wdata = d; h_be = b;
    @(negedge clk); h_req = 1'b0; h_we = 1'b0;
  endtask
  task automatic h_read(input [11:0] a, output [31:0] d);
    @(negedge clk); h_req = 1'b1; h_we = 1'b0; h_addr = a; h_be = 4'hF;
    #1 d = h_rdata;
    @(negedge clk); h_req = 1'b0;
  endtask

  localparam [31:0] FW_BITS =
      (((32'd1 << `SGPU_ID_FW_STATUS_STATE_WIDTH) - 1) << `SGPU_ID_FW_STATUS_STATE_LSB) |
      (((32'd1 << `SGPU_ID_FW_STATUS_CODE_WIDTH) - 1) << `SGPU_ID_FW_STATUS_CODE_LSB);
  localparam integer STATE_W = `SGPU_ID_FW_STATUS_STATE_WIDTH;
  localparam [STATE_W-1:0] RUNNING_FIELD = `SGPU_ID_FW_STATUS_STATE_RUNNING;
  localparam [31:0] RUNNING = {{(32 - STATE_W){1'b0}}, RUNNING_FIELD};
  reg [31:0] v;

  initial begin
    repeat (3) @(negedge clk);
    rst_n = 1'b1;

    // Identity: the register map's values, and 'SGPU' in ASCII.
    read(`SGPU_ID_MAGIC_OFFSET, v);   check("MAGIC", v, `SGPU_ID_MAGIC_RESET);
    check("MAGIC is SGPU", v, 32'h5347_5055);
    read(`SGPU_ID_VERSION_OFFSET, v); check("VERSION", v, `SGPU_ID_VERSION_RESET);
    check("VERSION.MAJOR", (v >> `SGPU_ID_VERSION_MAJOR_LSB) & ((32'd1 << `SGPU_ID_VERSION_MAJOR_WIDTH) - 1),
          (`SGPU_ID_VERSION_RESET >> `SGPU_ID_VERSION_MAJOR_LSB) & ((32'd1 << `SGPU_ID_VERSION_MAJOR_WIDTH) - 1));
    read(`SGPU_ID_CAPS_OFFSET, v);    check("CAPS", v, `SGPU_ID_CAPS_RESET);
    check("CAPS.CP in the device", v & (32'd1 << `SGPU_ID_CAPS_CP_LSB), 32'd1 << `SGPU_ID_CAPS_CP_LSB);
    check("CAPS of the bare system", bare_last,
          `SGPU_ID_CAPS_RESET & ~(32'd1 << `SGPU_ID_CAPS_CP_LSB));
    read(`SGPU_ID_SCRATCH_OFFSET, v); check("SCRATCH reset", v, `SGPU_ID_SCRATCH_RESET);
    read(`SGPU_ID_FW_STATUS_OFFSET, v); check("FW_STATUS reset", v, `SGPU_ID_FW_STATUS_RESET);
    read(`SGPU_ID_HEARTBEAT_OFFSET, v); check("HEARTBEAT reset", v, `SGPU_ID_HEARTBEAT_RESET);
    read(12'h018, v);                 check("offset 0x018 reads 0", v, 32'd0);
    read(12'hFFC, v);                 check("offset 0xFFC reads 0", v, 32'd0);

    // Read-only registers ignore writes.
    write(`SGPU_ID_MAGIC_OFFSET, 32'h0, 4'hF);
    write(`SGPU_ID_VERSION_OFFSET, 32'hFFFF_FFFF, 4'hF);
    write(`SGPU_ID_CAPS_OFFSET, 32'h0, 4'hF);
    read(`SGPU_ID_MAGIC_OFFSET, v);   check("MAGIC after a write", v, `SGPU_ID_MAGIC_RESET);
    read(`SGPU_ID_VERSION_OFFSET, v); check("VERSION after a write", v, `SGPU_ID_VERSION_RESET);
    read(`SGPU_ID_CAPS_OFFSET, v);    check("CAPS after a write", v, `SGPU_ID_CAPS_RESET);

    // SCRATCH: what was written, byte by byte.
    write(`SGPU_ID_SCRATCH_OFFSET, 32'hDEAD_BEEF, 4'hF);
    read(`SGPU_ID_SCRATCH_OFFSET, v); check("SCRATCH", v, 32'hDEAD_BEEF);
    write(`SGPU_ID_SCRATCH_OFFSET, 32'h1122_3344, 4'b0101);
    read(`SGPU_ID_SCRATCH_OFFSET, v); check("SCRATCH byte writes", v, 32'hDE22_BE44);
    write(12'h018, 32'hFFFF_FFFF, 4'hF);
    read(`SGPU_ID_SCRATCH_OFFSET, v); check("SCRATCH after a write elsewhere", v, 32'hDE22_BE44);
    read(12'h018, v);                 check("offset 0x018 after a write", v, 32'd0);

    // HEARTBEAT: the core writes whole words or bytes; the host only reads.
    write(`SGPU_ID_HEARTBEAT_OFFSET, 32'hCAFE_0001, 4'hF);
    read(`SGPU_ID_HEARTBEAT_OFFSET, v); check("HEARTBEAT core write", v, 32'hCAFE_0001);
    write(`SGPU_ID_HEARTBEAT_OFFSET, 32'h0000_5500, 4'b0010);
    read(`SGPU_ID_HEARTBEAT_OFFSET, v); check("HEARTBEAT byte write", v, 32'hCAFE_5501);
    h_read(`SGPU_ID_HEARTBEAT_OFFSET, v); check("host reads HEARTBEAT", v, 32'hCAFE_5501);
    h_write(`SGPU_ID_HEARTBEAT_OFFSET, 32'h0, 4'hF);
    h_read(`SGPU_ID_HEARTBEAT_OFFSET, v); check("host cannot write HEARTBEAT", v, 32'hCAFE_5501);
    read(`SGPU_ID_SCRATCH_OFFSET, v); check("SCRATCH after HEARTBEAT writes", v, 32'hDE22_BE44);
    read(`SGPU_ID_FW_STATUS_OFFSET, v); check("FW_STATUS after HEARTBEAT writes", v, 32'd0);
    // A heartbeat each cycle: every write is seen by the next host read.
    for (integer i = 0; i < 8; i = i + 1) begin
      write(`SGPU_ID_HEARTBEAT_OFFSET, 32'd100 + i, 4'hF);
      h_read(`SGPU_ID_HEARTBEAT_OFFSET, v); check("HEARTBEAT counts", v, 32'd100 + i);
    end

    // FW_STATUS keeps its fields only.
    write(`SGPU_ID_FW_STATUS_OFFSET, 32'hFFFF_FFFF, 4'hF);
    read(`SGPU_ID_FW_STATUS_OFFSET, v); check("FW_STATUS holds only its fields", v, FW_BITS);
    write(`SGPU_ID_FW_STATUS_OFFSET,
          (RUNNING << `SGPU_ID_FW_STATUS_STATE_LSB), 4'hF);
    read(`SGPU_ID_FW_STATUS_OFFSET, v);
    check("FW_STATUS.STATE = RUNNING", v, RUNNING << `SGPU_ID_FW_STATUS_STATE_LSB);

    // The host port: same registers, FW_STATUS read-only, SCRATCH shared.
    h_read(`SGPU_ID_MAGIC_OFFSET, v);   check("host MAGIC", v, `SGPU_ID_MAGIC_RESET);
    h_read(`SGPU_ID_FW_STATUS_OFFSET, v);
    check("host sees FW_STATUS", v, RUNNING << `SGPU_ID_FW_STATUS_STATE_LSB);
    h_write(`SGPU_ID_FW_STATUS_OFFSET, 32'h0, 4'hF);
    read(`SGPU_ID_FW_STATUS_OFFSET, v);
    check("host cannot write FW_STATUS", v, RUNNING << `SGPU_ID_FW_STATUS_STATE_LSB);
    h_write(`SGPU_ID_SCRATCH_OFFSET, 32'h0BAD_F00D, 4'hF);
    read(`SGPU_ID_SCRATCH_OFFSET, v);   check("core reads host SCRATCH", v, 32'h0BAD_F00D);
    h_write(`SGPU_ID_MAGIC_OFFSET, 32'h0, 4'hF);
    h_read(`SGPU_ID_MAGIC_OFFSET, v);   check("host MAGIC after a write", v, `SGPU_ID_MAGIC_RESET);
    // Both ports write SCRATCH in one cycle: the host's bytes win, the core's others land.
    @(negedge clk);
    req = 1'b1; we = 1'b1; addr = `SGPU_ID_SCRATCH_OFFSET; wdata = 32'h1111_1111; be = 4'hF;
    h_req = 1'b1; h_we = 1'b1; h_addr = `SGPU_ID_SCRATCH_OFFSET; h_wdata = 32'h2222_2222; h_be = 4'b0011;
    @(negedge clk); req = 1'b0; we = 1'b0; h_req = 1'b0; h_we = 1'b0;
    h_read(`SGPU_ID_SCRATCH_OFFSET, v); check("simultaneous SCRATCH writes", v, 32'h1111_2222);

    // Reset.
    @(negedge clk); rst_n = 1'b0;
    @(negedge clk); rst_n = 1'b1;
    read(`SGPU_ID_SCRATCH_OFFSET, v);   check("SCRATCH after reset", v, `SGPU_ID_SCRATCH_RESET);
    read(`SGPU_ID_FW_STATUS_OFFSET, v); check("FW_STATUS after reset", v, `SGPU_ID_FW_STATUS_RESET);
    h_read(`SGPU_ID_HEARTBEAT_OFFSET, v); check("HEARTBEAT after reset", v, `SGPU_ID_HEARTBEAT_RESET);

    if (errors == 0) $display("PASS id_regs");
    $finish;
  end

  initial begin
    #100000;
    $display("FAIL id_regs: timeout");
    $finish;
  end
endmodule

`default_nettype wire
