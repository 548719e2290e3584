// The bare control-core system: cpu_core, RAM, the SYSCTL and ID blocks, decode and loader.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sgpu_regs.vh"

// Address map (docs/cpu.md): RAM at 0x8000_0000 (RAM_BYTES), SYSCTL and ID (4 KiB each) at
// their core bases from the register map. Every data request is answered the cycle after
// it. Only the RAM's read ports take the core's addresses directly (the word offset bits,
// which leave the core's adders early); every request is registered as it is, and the
// window decode works on the registered address in the response cycle: it picks the
// answer, writes the RAM at the end of that cycle (docs/cpu.md: a store lands one cycle
// after its request), and drives SYSCTL and ID (combinational read, write at the end of
// the cycle). So no address compare sits on the core's address paths.
// A data access outside the windows, or past the end of RAM, is dropped (a read gives 0)
// and reported on bus_error_*: a one-cycle pulse in the response cycle, with the address,
// the direction and the PC of the instruction that made it. A fetch outside RAM returns 0
// (an illegal instruction), so the core traps if it executes it; it is not a bus error,
// since a pipelined core may fetch ahead of a jump it has not resolved yet.
// While rst_ni is low, the loader port owns the RAM's write port and its data read port;
// its writes land at the request edge.
// With IO_PORT, the rest of the device's register space (0x2000_0000 .. 0x2FFF_FFFF, ID
// excepted) goes out on io_*, timed as the ID block: the registered request in the response
// cycle, the answer combinational in it; io_err_i says no block is there (a bus error).
// Without it those addresses are bus errors. irq_i joins SYSCTL's external interrupt line.
module cpu_system #(
  parameter integer RAM_BYTES  = 262144, // a multiple of 4
  parameter         IO_PORT    = 1'b0,
  parameter         CP_PRESENT = 1'b0    // ID.CAPS.CP: the device's command processor is there
) (
  input  wire        clk_i,
  input  wire        rst_ni,
  input  wire [31:0] boot_addr_i,
  // What the program writes to SYSCTL.
  output wire        console_valid_o,
  output wire [7:0]  console_data_o,
  output wire        exit_valid_o,
  output wire [31:0] exit_code_o,
  // Bus errors.
  output wire        bus_error_o,
  output wire [31:0] bus_error_addr_o,
  output wire        bus_error_we_o,
  output wire [31:0] bus_error_pc_o,
  // What the core does.
  output wire        retire_o,
  output wire        trap_o,
  output wire [31:0] trap_cause_o,
  output wire [31:0] trap_epc_o,
  output wire [31:0] trap_tval_o,
  output wire [31:0] trap_vector_o,
  // Loader, used only while rst_ni is low: word accesses relative to the RAM base.
  input  wire        ld_en_i,
  input  wire        ld_we_i,
  input  wire [31:0] ld_addr_i,
  input  wire [31:0] ld_wdata_i,
  output wire [31:0] ld_rdata_o,
  output wire [31:0] ram_bytes_o,
  // The host's (BAR0) port to the ID block, timed as id_regs documents.
  input  wire        host_id_req_i,
  input  wire        host_id_we_i,
  input  wire [3:0]  host_id_be_i,
  input  wire [`SGPU_ID_ADDR_BITS-1:0] host_id_addr_i,
  input  wire [31:0] host_id_wdata_i,
  output wire [31:0] host_id_rdata_o,
  // The device's register blocks (IO_PORT) and its interrupt.
  output wire        io_req_o,
  output wire        io_we_o,
  output wire [3:0]  io_be_o,
  output wire [31:0] io_addr_o,
  output wire [31:0] io_wdata_o,
  input  wire [31:0] io_rdata_i,
  input  wire        io_err_i,
  input  wire        irq_i
);
  localparam [31:0] RAM_BASE  = 32'h8000_0000;
  localparam integer RAM_AW   = $clog2(RAM_BYTES);      // byte offset bits
  localparam integer WORD_AW  = $clog2(RAM_BYTES / 4);  // word address bits
  localparam         RAM_POW2 = (RAM_BYTES & (RAM_BYTES - 1)) == 0;
  localparam integer SYS_AB   = `SGPU_SYSCTL_ADDR_BITS;
  localparam integer ID_AB    = `SGPU_ID_ADDR_BITS;
  localparam [31:0]  SYS_BASE = `SGPU_SYSCTL_CORE_BASE;
  localparam [31:0]  ID_BASE  = `SGPU_ID_CORE_BASE;
  localparam [3:0]   IO_TOP   = 4'h2;  // the register space: 0x2000_0000 .. 0x2FFF_FFFF

  // Is a byte offset from the RAM base inside the RAM?
  function in_ram(input [31:0] offset);
    begin
      if (RAM_POW2) in_ram = (offset >> RAM_AW) == 32'd0;
      else          in_ram = offset < RAM_BYTES;
    end
  endfunction

  // ---------------------------------------------------------------- core
  wire        imem_req;
  wire [31:0] imem_addr /*verilator public_flat_rd*/;  // the runner reports it on a timeout
  wire [31:0] imem_rdata;
  wire        dmem_req, dmem_we;
  wire [3:0]  dmem_be;
  wire [31:0] dmem_addr, dmem_wdata, dmem_rdata;
  wire        dmem_rvalid;
  wire        fetch_ok;
  wire [31:0] dbg_dmem_pc;
  wire        irq_timer, irq_external, irq_test;

  cpu_core u_core (
    .clk_i          (clk_i),
    .rst_ni         (rst_ni),
    .boot_addr_i    (boot_addr_i),
    .imem_req_o     (imem_req),
    .imem_addr_o    (imem_addr),
    .imem_rdata_i   (imem_rdata),
    .imem_err_i     (~fetch_ok),
    .dmem_req_o     (dmem_req),
    .dmem_we_o      (dmem_we),
    .dmem_be_o      (dmem_be),
    .dmem_addr_o    (dmem_addr),
    .dmem_wdata_o   (dmem_wdata),
    .dmem_rvalid_i  (dmem_rvalid),
    .dmem_rdata_i   (dmem_rdata),
    .irq_timer_i    (irq_timer),
    .irq_external_i (irq_external),
    .retire_o       (retire_o),
    .trap_o         (trap_o),
    .trap_cause_o   (trap_cause_o),
    .trap_epc_o     (trap_epc_o),
    .trap_tval_o    (trap_tval_o),
    .trap_vector_o  (trap_vector_o),
    .dbg_dmem_pc_o  (dbg_dmem_pc)
  );

  // ---------------------------------------------------------------- request registers
  // The data request as the core made it, and the fetch address, for the response cycle.
  // Only rq_q needs a reset (the core makes no requests in reset); the rest is meaningful
  // only with it. The fetch port holds its word between requests, and so does if_addr_q.
  reg         rq_q, rq_d;
  reg         rq_we_q, rq_we_d;
  reg  [3:0]  rq_be_q, rq_be_d;
  reg  [31:0] rq_addr_q, rq_addr_d;
  reg  [31:0] rq_wdata_q, rq_wdata_d;
  reg  [31:0] rq_pc_q, rq_pc_d;
  reg  [31:0] if_addr_q, if_addr_d;

  always @* begin
    rq_d       = dmem_req;
    rq_we_d    = dmem_we;
    rq_be_d    = dmem_be;
    rq_addr_d  = dmem_addr;
    rq_wdata_d = dmem_wdata;
    rq_pc_d    = dbg_dmem_pc;
    if_addr_d  = imem_req ? imem_addr : if_addr_q;
  end

  always @(posedge clk_i) begin
    if (!rst_ni) rq_q <= 1'b0;
    else         rq_q <= rq_d;
    rq_we_q    <= rq_we_d;
    rq_be_q    <= rq_be_d;
    rq_addr_q  <= rq_addr_d;
    rq_wdata_q <= rq_wdata_d;
    rq_pc_q    <= rq_pc_d;
    if_addr_q  <= if_addr_d;
  end

  // ---------------------------------------------------------------- decode (response cycle)
  wire [31:0] i_off   = if_addr_q ^ RAM_BASE;  // = address - RAM_BASE (RAM_BASE is 2^31)
  wire [31:0] r_off   = rq_addr_q ^ RAM_BASE;
  wire [31:0] d_off   = dmem_addr ^ RAM_BASE;  // only its word offset bits: the read port
  assign      fetch_ok = in_ram(i_off);
  wire        r_ram   = in_ram(r_off);
  wire        r_sys   = (rq_addr_q[31:SYS_AB] == SYS_BASE[31:SYS_AB]);
  wire        r_id    = (rq_addr_q[31:ID_AB] == ID_BASE[31:ID_AB]);
  wire        r_io    = IO_PORT && rq_addr_q[31:28] == IO_TOP && !r_id;
  wire        r_err   = rq_q & ~(r_ram | r_sys | r_id | (r_io & ~io_err_i));
  wire        ld_act  = ~rst_ni & ld_en_i;
  wire        ld_ram  = in_ram(ld_addr_i);

  // ---------------------------------------------------------------- RAM
  // Both read ports read every cycle (the core ignores a word it did not ask for), so no
  // request decode reaches the block RAMs' read enables either.
  wire                ram_we    = ld_act ? (ld_we_i & ld_ram) : (rq_q & rq_we_q & r_ram);
  wire [3:0]          ram_be    = ld_act ? 4'hF : rq_be_q;
  wire [WORD_AW-1:0]  ram_waddr = ld_act ? ld_addr_i[WORD_AW+1:2] : r_off[WORD_AW+1:2];
  wire [31:0]         ram_wdata = ld_act ? ld_wdata_i : rq_wdata_q;
  wire [WORD_AW-1:0]  ram_raddr = ld_act ? ld_addr_i[WORD_AW+1:2] : d_off[WORD_AW+1:2];
  wire [31:0]         ram_rdata_a, ram_rdata_b;

  ram_2r1w #(.BYTES(RAM_BYTES), .ADDR_BITS(WORD_AW)) u_ram (
    .clk_i     (clk_i),
    .we_i      (ram_we),
    .be_i      (ram_be),
    .waddr_i   (ram_waddr),
    .wdata_i   (ram_wdata),
    .re_a_i    (1'b1),
    .raddr_a_i (imem_addr[WORD_AW+1:2] ^ RAM_BASE[WORD_AW+1:2]),
    .rdata_a_o (ram_rdata_a),
    .re_b_i    (1'b1),
    .raddr_b_i (ram_raddr),
    .rdata_b_o (ram_rdata_b)
  );

  // ---------------------------------------------------------------- register blocks
  wire [31:0] sys_rdata, id_rdata;

  cpu_sysctl u_sysctl (
    .clk_i           (clk_i),
    .rst_ni          (rst_ni),
    .req_i           (rq_q & r_sys),
    .we_i            (rq_we_q),
    .be_i            (rq_be_q),
    .addr_i          (rq_addr_q[SYS_AB-1:0]),
    .wdata_i         (rq_wdata_q),
    .rdata_o         (sys_rdata),
    .console_valid_o (console_valid_o),
    .console_data_o  (console_data_o),
    .exit_valid_o    (exit_valid_o),
    .exit_code_o     (exit_code_o),
    .irq_timer_o     (irq_timer),
    .irq_external_o  (irq_test)
  );

  id_regs #(.CP_PRESENT(CP_PRESENT)) u_id (
    .clk_i   (clk_i),
    .rst_ni  (rst_ni),
    .req_i   (rq_q & r_id),
    .we_i    (rq_we_q),
    .be_i    (rq_be_q),
    .addr_i  (rq_addr_q[ID_AB-1:0]),
    .wdata_i (rq_wdata_q),
    .rdata_o (id_rdata),
    .h_req_i   (host_id_req_i),
    .h_we_i    (host_id_we_i),
    .h_be_i    (host_id_be_i),
    .h_addr_i  (host_id_addr_i),
    .h_wdata_i (host_id_wdata_i),
    .h_rdata_o (host_id_rdata_o)
  );

  assign irq_external = irq_test | (IO_PORT & irq_i);

  // ---------------------------------------------------------------- device blocks
  assign io_req_o   = rq_q & r_io;
  assign io_we_o    = rq_we_q;
  assign io_be_o    = rq_be_q;
  assign io_addr_o  = rq_addr_q;
  assign io_wdata_o = rq_wdata_q;

  // ---------------------------------------------------------------- responses
  assign imem_rdata  = ram_rdata_a;
  assign dmem_rvalid = rq_q;
  // The register blocks answer 0 when they are not read.
  assign dmem_rdata  = (rq_q & ~rq_we_q & r_ram) ? ram_rdata_b
                     : (sys_rdata | id_rdata | (r_io ? io_rdata_i : 32'd0));

  assign bus_error_o      = r_err;
  assign bus_error_addr_o = rq_addr_q;
  assign bus_error_we_o   = rq_we_q;
  assign bus_error_pc_o   = rq_pc_q;
  assign ld_rdata_o       = ram_rdata_b;
  assign ram_bytes_o      = RAM_BYTES;

  // Bits the decode does not look at.
  wire unused_ok = &{1'b0, d_off, i_off[1:0], r_off[1:0], ld_addr_i[1:0], 1'b0};
endmodule

`default_nettype wire
