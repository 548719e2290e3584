// The bare control-core system: cpu_core, RAM, the SYSCTL and ID blocks, decode and loader.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sgpu_regs.vh"

// Address map (docs/cpu.md): RAM at 0x8000_0000 (RAM_BYTES), SYSCTL and ID (4 KiB each) at
// their core bases from the register map. Every data request is answered the cycle after
// it. The RAM takes the core's request directly; a request for SYSCTL or ID is registered
// first and served by its block in the response cycle (combinational read, write at the
// end of that cycle), which keeps the register decode off the core's address path.
// A data access outside the windows, or past the end of RAM, is dropped (a read gives 0)
// and reported on bus_error_*: a one-cycle pulse in the response cycle, with the address,
// the direction and the PC of the instruction that made it. A fetch outside RAM returns 0
// (an illegal instruction), so the core traps if it executes it; it is not a bus error,
// since a pipelined core may fetch ahead of a jump it has not resolved yet.
// While rst_ni is low, the loader port owns the RAM's write port and its data read port.
module cpu_system #(
  parameter integer RAM_BYTES = 262144  // a multiple of 4
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
  output wire [31:0] host_id_rdata_o
);
  localparam [31:0] RAM_BASE  = 32'h8000_0000;
  localparam integer RAM_AW   = $clog2(RAM_BYTES);      // byte offset bits
  localparam integer WORD_AW  = $clog2(RAM_BYTES / 4);  // word address bits
  localparam         RAM_POW2 = (RAM_BYTES & (RAM_BYTES - 1)) == 0;
  localparam integer SYS_AB   = `SGPU_SYSCTL_ADDR_BITS;
  localparam integer ID_AB    = `SGPU_ID_ADDR_BITS;
  localparam [31:0]  SYS_BASE = `SGPU_SYSCTL_CORE_BASE;
  localparam [31:0]  ID_BASE  = `SGPU_ID_CORE_BASE;
  localparam integer REG_AB   = (SYS_AB > ID_AB) ? SYS_AB : ID_AB;

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
  wire [31:0] dbg_dmem_pc;
  wire        irq_timer, irq_external;

  cpu_core u_core (
    .clk_i          (clk_i),
    .rst_ni         (rst_ni),
    .boot_addr_i    (boot_addr_i),
    .imem_req_o     (imem_req),
    .imem_addr_o    (imem_addr),
    .imem_rdata_i   (imem_rdata),
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

  // ---------------------------------------------------------------- decode
  wire [31:0] i_off    = imem_addr ^ RAM_BASE;  // = imem_addr - RAM_BASE (RAM_BASE is 2^31)
  wire [31:0] d_off    = dmem_addr ^ RAM_BASE;
  // The core makes no requests while in reset, and every flop below is reset, so only the
  // RAM write needs rst_ni (keeping rst_ni out of the rest makes Verilator's model faster).
  wire        i_req    = imem_req;
  wire        i_ram    = in_ram(i_off);
  wire        d_req    = dmem_req;
  wire        d_ram    = in_ram(d_off);
  wire        d_sys    = (dmem_addr[31:SYS_AB] == SYS_BASE[31:SYS_AB]);
  wire        d_id     = (dmem_addr[31:ID_AB] == ID_BASE[31:ID_AB]);
  wire        d_err    = d_req & ~(d_ram | d_sys | d_id);
  wire        ld_act   = ~rst_ni & ld_en_i;
  wire        ld_ram   = in_ram(ld_addr_i);

  // ---------------------------------------------------------------- RAM
  wire                ram_we    = ld_act ? (ld_we_i & ld_ram) : (rst_ni & d_req & dmem_we & d_ram);
  wire [3:0]          ram_be    = ld_act ? 4'hF : dmem_be;
  wire [WORD_AW-1:0]  ram_waddr = ld_act ? ld_addr_i[WORD_AW+1:2] : d_off[WORD_AW+1:2];
  wire [31:0]         ram_wdata = ld_act ? ld_wdata_i : dmem_wdata;
  wire                ram_re_b  = ld_act ? (~ld_we_i & ld_ram) : (d_req & ~dmem_we & d_ram);
  wire [31:0]         ram_rdata_a, ram_rdata_b;

  ram_2r1w #(.BYTES(RAM_BYTES), .ADDR_BITS(WORD_AW)) u_ram (
    .clk_i     (clk_i),
    .we_i      (ram_we),
    .be_i      (ram_be),
    .waddr_i   (ram_waddr),
    .wdata_i   (ram_wdata),
    .re_a_i    (i_req & i_ram),
    .raddr_a_i (i_off[WORD_AW+1:2]),
    .rdata_a_o (ram_rdata_a),
    .re_b_i    (ram_re_b),
    .raddr_b_i (ram_waddr),
    .rdata_b_o (ram_rdata_b)
  );

  // ---------------------------------------------------------------- register blocks
  wire [31:0] sys_rdata, id_rdata;

  // The register blocks' request, registered.
  reg              rq_sys_q, rq_sys_d;
  reg              rq_id_q, rq_id_d;
  reg              rq_we_q, rq_we_d;
  reg [3:0]        rq_be_q, rq_be_d;
  reg [REG_AB-1:0] rq_addr_q, rq_addr_d;
  reg [31:0]       rq_wdata_q, rq_wdata_d;

  always @* begin
    rq_sys_d   = d_req & d_sys;
    rq_id_d    = d_req & d_id;
    rq_we_d    = dmem_we;
    rq_be_d    = dmem_be;
    rq_addr_d  = dmem_addr[REG_AB-1:0];
    rq_wdata_d = dmem_wdata;
  end

  always @(posedge clk_i) begin
    if (!rst_ni) begin
      rq_sys_q <= 1'b0;
      rq_id_q  <= 1'b0;
    end else begin
      rq_sys_q <= rq_sys_d;
      rq_id_q  <= rq_id_d;
    end
    // Meaningful only with rq_sys_q or rq_id_q: no reset needed.
    rq_we_q    <= rq_we_d;
    rq_be_q    <= rq_be_d;
    rq_addr_q  <= rq_addr_d;
    rq_wdata_q <= rq_wdata_d;
  end

  cpu_sysctl u_sysctl (
    .clk_i           (clk_i),
    .rst_ni          (rst_ni),
    .req_i           (rq_sys_q),
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
    .irq_external_o  (irq_external)
  );

  id_regs u_id (
    .clk_i   (clk_i),
    .rst_ni  (rst_ni),
    .req_i   (rq_id_q),
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

  // ---------------------------------------------------------------- responses
  reg        fetch_ok_q, fetch_ok_d;
  reg        rvalid_q, rvalid_d;
  reg        ram_read_q, ram_read_d;
  reg        err_q, err_d;
  reg [31:0] err_addr_q, err_addr_d;
  reg        err_we_q, err_we_d;
  reg [31:0] err_pc_q, err_pc_d;

  always @* begin
    // The fetch port holds its word between requests, like the RAM read port.
    fetch_ok_d = i_req ? i_ram : fetch_ok_q;
    rvalid_d   = d_req;
    ram_read_d = d_req & ~dmem_we & d_ram;
    err_d      = d_err;
    err_addr_d = d_err ? dmem_addr   : err_addr_q;
    err_we_d   = d_err ? dmem_we     : err_we_q;
    err_pc_d   = d_err ? dbg_dmem_pc : err_pc_q;
  end

  always @(posedge clk_i) begin
    if (!rst_ni) begin
      fetch_ok_q <= 1'b0;
      rvalid_q   <= 1'b0;
      ram_read_q <= 1'b0;
      err_q      <= 1'b0;
      err_addr_q <= 32'd0;
      err_we_q   <= 1'b0;
      err_pc_q   <= 32'd0;
    end else begin
      fetch_ok_q <= fetch_ok_d;
      rvalid_q   <= rvalid_d;
      ram_read_q <= ram_read_d;
      err_q      <= err_d;
      err_addr_q <= err_addr_d;
      err_we_q   <= err_we_d;
      err_pc_q   <= err_pc_d;
    end
  end

  assign imem_rdata  = fetch_ok_q ? ram_rdata_a : 32'd0;
  assign dmem_rvalid = rvalid_q;
  // The register blocks answer 0 when they are not read.
  assign dmem_rdata  = ram_read_q ? ram_rdata_b : (sys_rdata | id_rdata);

  assign bus_error_o      = err_q;
  assign bus_error_addr_o = err_addr_q;
  assign bus_error_we_o   = err_we_q;
  assign bus_error_pc_o   = err_pc_q;
  assign ld_rdata_o       = ram_rdata_b;
  assign ram_bytes_o      = RAM_BYTES;

  // Bits the decode does not look at.
  wire unused_ok = &{1'b0, d_off[1:0], i_off[1:0], ld_addr_i[1:0], 1'b0};
endmodule

`default_nettype wire
