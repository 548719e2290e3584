// A shader core: cpu_core with its instruction RAM, stack RAM, trampoline and work items.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// Address map as the core sees it (docs/kernels.md):
//  fetch  [kernel_i, kernel_i + iram_len_i)  the instruction RAM: a copy of the kernel image
//                                           (compute_iram_loader fills it), so the kernel
//                                           runs at its VRAM address
//         [TRAMP_BASE, + 380)                the trampoline ROM (shader_trampoline)
//         anything else: no memory (imem_err_i: the core traps on it as an illegal
//         instruction if it executes it)
//  data   [0, VRAM_BYTES)                    VRAM, through the engine's VRAM client
//         [STACK_TOP - STACK_BYTES, STACK_TOP) the private stack RAM
//         [WIN_BASE, WIN_BASE + 256)         the state window (the trampoline's save and
//                                           restore of the registers, word n at + 4 n)
//         [2^32 - 64, 2^32)                  the work-item registers (read only)
//         [2^31, 2^31 + 2^30)                the host window, if host_en_i (the dispatch's
//                                           HOST_WINDOW): through shader_host_port
//         anything else: a bad access (fault_o)
// Both RAMs map an address to the word at (address mod size), so any window of their size
// is one-to-one, wherever it starts. As in cpu_system, only the RAMs' read ports see the
// core's addresses directly; every request is registered and decoded in the response
// cycle (docs/cpu.md, memory timing). The core makes no new data request until the last
// one is answered, so one request register (pend_q) is enough:
//  stack and work-item reads answer in the response cycle (a NEXT read may wait there);
//  a VRAM load asks the VRAM client from the response cycle on and answers the cycle
//  after its grant; a VRAM store asks likewise and answers in its grant's cycle (so a
//  store is done, as compute_exec needs for ex_done, once the core moves on); a host
//  window access asks the host port from the response cycle on: a store answers in its
//  grant's cycle, a load when its word comes (h_rvalid_i), any number of cycles later;
//  a failed host read is a bad access at the load's address.
// run_i low holds the core in reset and drops its requests: between dispatches, on a
// fault, on ex_reset, while its state is saved or restored. An interrupt is not a fault.
// Preemption (compute_exec): preempt_i is the core's external interrupt; the trampoline's
// handler stores x1..x31, mepc, mstatus and mscratch into the state window and then a
// word at window word 63, which sets saved_o: the core has parked (a jump to itself) and
// may be put in reset. sp_o is the stack pointer it stored (or a restore wrote). While
// run_i is low the state port reads and writes 64-bit rows: region 0 the window (32
// rows), 1 the work-item registers (shader_workitem), 2 the stack RAM (STACK_BYTES / 8
// rows, row r = bytes [8 r, 8 r + 8) above the stack's base); a read answers the next
// cycle. Both RAMs are 64 bits wide so that the state moves at one row per cycle. A trap (illegal instruction, misaligned access, ecall, ebreak: the
// core has no handler, mtvec is 0) or a bad access sets fault_o until run_i falls, with
// its kind and the trapping PC or the faulting byte address.
module shader_core #(
  parameter integer CORE_ID     = 0,
  parameter integer VRAM_BYTES  = 2097152,  // a power of two
  parameter integer IRAM_BYTES  = 4096,     // a power of two, >= 16
  parameter integer STACK_BYTES = 1024,     // a power of two, 16 .. 4096
  parameter integer VRAM_AW     = $clog2(VRAM_BYTES / 8),
  parameter integer IRAM_ROW_AW = $clog2(IRAM_BYTES / 8),
  parameter integer ST_RW       = 9          // state port row bits: >= 5 and >= stack rows
) (
  input  wire                   clk_i,
  input  wire                   run_i,
  input  wire                   clear_i,      // a dispatch begins (shader_workitem)
  // Preemption and the state port (see above).
  input  wire                   preempt_i,
  output wire                   saved_o,
  output wire [31:0]            sp_o,
  input  wire [1:0]             st_region_i,
  input  wire [ST_RW-1:0]       st_row_i,
  input  wire                   st_we_i,
  input  wire [63:0]            st_wdata_i,
  output wire [63:0]            st_rdata_o,
  // The dispatch, stable while run_i is high.
  input  wire [31:0]            kernel_i,
  input  wire [31:0]            iram_len_i,   // bytes of the kernel window that exist
  input  wire [31:0]            args_i,
  input  wire [31:0]            wg_size_i,
  input  wire [31:0]            grid_x_i,
  input  wire [31:0]            grid_y_i,
  input  wire [31:0]            grid_z_i,
  // Instruction RAM fill, while run_i is low: row = VRAM word index mod rows.
  input  wire                   fill_we_i,
  input  wire [IRAM_ROW_AW-1:0] fill_row_i,
  input  wire [1:0]             fill_half_i,  // which 32-bit halves to write
  input  wire [63:0]            fill_data_i,
  // Workgroups.
  output wire                   wg_req_o,
  input  wire                   wg_gnt_i,
  input  wire [31:0]            wg_x_i,
  input  wire [31:0]            wg_y_i,
  input  wire [31:0]            wg_z_i,
  input  wire [31:0]            wg_base_x_i,
  // VRAM client (docs/dev/engines.md); vr_rdata_i is shared, ours the cycle after our grant.
  output wire                   vr_req_o,
  output wire [VRAM_AW-1:0]     vr_addr_o,
  input  wire                   vr_gnt_i,
  input  wire [63:0]            vr_rdata_i,
  output wire                   vw_req_o,
  output wire [VRAM_AW-1:0]     vw_addr_o,
  output wire [7:0]             vw_be_o,
  output wire [63:0]            vw_data_o,
  input  wire                   vw_gnt_i,
  // Host window (shader_host_port): h_addr_o is the byte address of the lowest byte.
  input  wire                   host_en_i,    // the dispatch has a host window
  output wire                   h_req_o,
  output wire                   h_we_o,
  output wire [31:0]            h_addr_o,
  output wire [3:0]             h_be_o,
  output wire [31:0]            h_wdata_o,
  input  wire                   h_gnt_i,
  input  wire                   h_rvalid_i,
  input  wire [63:0]            h_rdata_i,
  input  wire                   h_rerr_i,
  // Faults.
  output wire                   fault_o,
  output wire                   fault_bad_access_o,  // else a trap
  output wire [31:0]            fault_info_o         // bad access: address; trap: PC
);
  localparam [31:0]  TRAMP_BASE = 32'hFFFF_F000;
  localparam [31:0]  STACK_TOP  = 32'hFFFF_F000;
  localparam [31:0]  STACK_BASE = STACK_TOP - STACK_BYTES;
  localparam [23:0]  WIN_PAGE   = 24'hFFFF_F8;   // the state window, 0xFFFF_F800 + 256
  localparam integer IRAM_AW    = $clog2(IRAM_BYTES);   // byte offset bits
  localparam integer STACK_AW   = $clog2(STACK_BYTES);
  localparam integer VRAM_BA    = $clog2(VRAM_BYTES);   // byte address bits

  // Refuse sizes the address decode cannot use (the RAMs map address mod size).
  generate
    if ((IRAM_BYTES & (IRAM_BYTES - 1)) != 0 || IRAM_BYTES < 16 ||
        (STACK_BYTES & (STACK_BYTES - 1)) != 0 || STACK_BYTES < 16 || STACK_BYTES > 4096 ||
        ST_RW < 5 || (1 << ST_RW) < STACK_BYTES / 8 ||
        (VRAM_BYTES & (VRAM_BYTES - 1)) != 0 || VRAM_BYTES > 32'h4000_0000) begin : g_bad_size
      $error("shader_core: IRAM_BYTES (%0d), STACK_BYTES (%0d) and VRAM_BYTES (%0d) must be powers of two (IRAM >= 16, stack 16 .. 4096, VRAM <= 1 GiB, ST_RW wide enough)",
             IRAM_BYTES, STACK_BYTES, VRAM_BYTES);
`ifndef SYNTHESIS
      initial $fatal(1, "shader_core: bad sizes");
`endif
    end
  endgenerate

  // ---------------------------------------------------------------- core
  wire        imem_req;
  wire [31:0] imem_addr, imem_rdata;
  wire        imem_err;
  wire        dmem_req, dmem_we;
  wire [3:0]  dmem_be;
  wire [31:0] dmem_addr, dmem_wdata, dmem_rdata;
  wire        dmem_rvalid;
  wire        trap;
  wire [31:0] trap_cause, trap_epc, trap_tval, trap_vector, dbg_dmem_pc;
  wire        retire;

  cpu_core u_core (
    .clk_i          (clk_i),
    .rst_ni         (run_i),
    .boot_addr_i    (TRAMP_BASE),
    .imem_req_o     (imem_req),
    .imem_addr_o    (imem_addr),
    .imem_rdata_i   (imem_rdata),
    .imem_err_i     (imem_err),
    .dmem_req_o     (dmem_req),
    .dmem_we_o      (dmem_we),
    .dmem_be_o      (dmem_be),
    .dmem_addr_o    (dmem_addr),
    .dmem_wdata_o   (dmem_wdata),
    .dmem_rvalid_i  (dmem_rvalid),
    .dmem_rdata_i   (dmem_rdata),
    .irq_timer_i    (1'b0),
    .irq_external_i (preempt_i),
    .retire_o       (retire),
    .trap_o         (trap),
    .trap_cause_o   (trap_cause),
    .trap_epc_o     (trap_epc),
    .trap_tval_o    (trap_tval),
    .trap_vector_o  (trap_vector),
    .dbg_dmem_pc_o  (dbg_dmem_pc)
  );

  // ---------------------------------------------------------------- fetch
  // The fetch address of last cycle decides where this cycle's word comes from.
  reg  [31:0] if_addr_q;
  always @(posedge clk_i) if_addr_q <= imem_req ? imem_addr : if_addr_q;

  wire [31:0] iram_word_off = if_addr_q - kernel_i;
  wire        in_window     = iram_word_off < iram_len_i;
  wire        in_tramp_page = if_addr_q[31:12] == TRAMP_BASE[31:12];
  wire        tramp_valid;
  wire [31:0] tramp_word;
  wire [63:0] iram_row;

  shader_trampoline u_tramp (
    .index_i (if_addr_q[8:2]),
    .word_o  (tramp_word),
    .valid_o (tramp_valid)
  );

  shader_ram #(.WORDS(IRAM_BYTES / 8), .BYTES_PER_WORD(8)) u_iram (
    .clk_i   (clk_i),
    .we_i    (fill_we_i),
    .be_i    ({{4{fill_half_i[1]}}, {4{fill_half_i[0]}}}),
    .waddr_i (fill_row_i),
    .wdata_i (fill_data_i),
    .raddr_i (imem_addr[IRAM_AW-1:3]),
    .rdata_o (iram_row)
  );

  // The kernel window lies in VRAM, below 2^31; the trampoline at the top.
  assign imem_rdata = if_addr_q[31] ? tramp_word : (if_addr_q[2] ? iram_row[63:32] : iram_row[31:0]);
  assign imem_err   = !(in_window | (in_tramp_page & tramp_valid & if_addr_q[11:9] == 3'd0));

  // ---------------------------------------------------------------- data request register
  reg         pend_q, pend_d;      // a request waits for its answer
  reg         rq_we_q;
  reg  [3:0]  rq_be_q;
  reg  [31:0] rq_addr_q, rq_wdata_q;
  reg         ld_wait_q, ld_wait_d;  // a VRAM load was granted: its word comes this cycle
  reg         h_wait_q, h_wait_d;    // a host load was granted: its word is awaited

  wire        r_vram  = (rq_addr_q >> VRAM_BA) == 32'd0;
  wire [31:0] r_soff  = rq_addr_q - STACK_BASE;
  wire        r_stack = r_soff < STACK_BYTES;
  wire        r_wi    = rq_addr_q[31:6] == 26'h3FF_FFFF && !rq_we_q;
  wire        r_win   = rq_addr_q[31:8] == WIN_PAGE;
  // An access's byte address (a fault's, a host access's): its lowest enabled byte.
  wire [1:0]  low_byte = rq_be_q[0] ? 2'd0 : rq_be_q[1] ? 2'd1 : rq_be_q[2] ? 2'd2 : 2'd3;
  wire        r_host  = rq_addr_q[31:30] == 2'b10 && host_en_i;
  wire        r_bad   = !(r_vram | r_stack | r_wi | r_win | r_host);

  wire        wi_ready;
  wire [31:0] wi_rdata;
  wire [63:0] stack_row, win_row;
  wire        ask_vr  = pend_q & r_vram & !rq_we_q & !ld_wait_q;
  wire        ask_vw  = pend_q & r_vram & rq_we_q;
  wire        st_done = ask_vw & vw_gnt_i;
  wire        ask_h   = pend_q & r_host & !h_wait_q;
  wire        h_st_done = ask_h & rq_we_q & h_gnt_i;
  wire        h_ld_ok   = h_wait_q & h_rvalid_i & !h_rerr_i;
  wire        h_ld_err  = h_wait_q & h_rvalid_i & h_rerr_i;

  assign dmem_rvalid = (pend_q & (r_stack | r_win)) | (pend_q & r_wi & wi_ready) | ld_wait_q |
                       st_done | h_st_done | h_ld_ok;
  wire [63:0] ram_row = r_stack ? stack_row : win_row;
  wire [63:0] ld_row  = r_host ? h_rdata_i : vr_rdata_i;
  assign dmem_rdata  = (r_stack | r_win) ? (rq_addr_q[2] ? ram_row[63:32] : ram_row[31:0]) :
                       r_wi    ? wi_rdata :
                       (rq_addr_q[2] ? ld_row[63:32] : ld_row[31:0]);

  always @* begin
    pend_d    = run_i & (dmem_req | (pend_q & !dmem_rvalid));
    ld_wait_d = run_i & ask_vr & vr_gnt_i;
    h_wait_d  = run_i & ((ask_h & !rq_we_q & h_gnt_i) | (h_wait_q & !h_rvalid_i));
  end

  always @(posedge clk_i) begin
    pend_q    <= pend_d;
    ld_wait_q <= ld_wait_d;
    h_wait_q  <= h_wait_d;
    if (dmem_req) begin
      rq_we_q    <= dmem_we;
      rq_be_q    <= dmem_be;
      rq_addr_q  <= dmem_addr;
      rq_wdata_q <= dmem_wdata;
    end
  end

  // ---------------------------------------------------------------- stack RAM, window
  // The core's word goes to its half of the row; the state port has the RAMs in reset.
  wire [7:0]  core_be  = rq_addr_q[2] ? {rq_be_q, 4'h0} : {4'h0, rq_be_q};
  wire        st_stack = st_region_i == 2'd2;
  wire        st_win   = st_region_i == 2'd0;

  shader_ram #(.WORDS(STACK_BYTES / 8), .BYTES_PER_WORD(8)) u_stack (
    .clk_i   (clk_i),
    .we_i    (run_i ? pend_q & r_stack & rq_we_q : st_we_i & st_stack),
    .be_i    (run_i ? core_be : 8'hFF),
    .waddr_i (run_i ? rq_addr_q[STACK_AW-1:3] : st_row_i[STACK_AW-4:0]),
    .wdata_i (run_i ? {rq_wdata_q, rq_wdata_q} : st_wdata_i),
    .raddr_i (run_i ? dmem_addr[STACK_AW-1:3] : st_row_i[STACK_AW-4:0]),
    .rdata_o (stack_row)
  );

  shader_ram #(.WORDS(32), .BYTES_PER_WORD(8)) u_window (
    .clk_i   (clk_i),
    .we_i    (run_i ? pend_q & r_win & rq_we_q : st_we_i & st_win),
    .be_i    (run_i ? core_be : 8'hFF),
    .waddr_i (run_i ? rq_addr_q[7:3] : st_row_i[4:0]),
    .wdata_i (run_i ? {rq_wdata_q, rq_wdata_q} : st_wdata_i),
    .raddr_i (run_i ? dmem_addr[7:3] : st_row_i[4:0]),
    .rdata_o (win_row)
  );

  // The handler's last store (word 63) parks the core; its store of x2 (word 2) is sp, as
  // is the low word of row 1 that a restore writes.
  reg         saved_q;
  reg  [31:0] sp_q;
  wire        win_st = run_i & pend_q & r_win & rq_we_q;
  always @(posedge clk_i) begin
    saved_q <= run_i & (saved_q | (win_st & rq_addr_q[7:2] == 6'd63));
    if (win_st && rq_addr_q[7:2] == 6'd2) sp_q <= rq_wdata_q;
    else if (!run_i && st_we_i && st_win && st_row_i == 1) sp_q <= st_wdata_i[31:0];
  end
  assign saved_o = saved_q;
  assign sp_o    = sp_q;

  // State port reads: the RAMs answer a cycle later; the work-item row is registered to match.
  reg  [1:0]  st_region_q;
  reg  [63:0] wi_row_q;
  wire [63:0] wi_row;
  always @(posedge clk_i) begin
    st_region_q <= st_region_i;
    wi_row_q    <= wi_row;
  end
  assign st_rdata_o = st_region_q == 2'd0 ? win_row : st_region_q == 2'd1 ? wi_row_q : stack_row;

  // ---------------------------------------------------------------- work items
  shader_workitem #(.CORE_ID(CORE_ID)) u_wi (
    .clk_i       (clk_i),
    .run_i       (run_i),
    .clear_i     (clear_i),
    .st_we_i     (!run_i & st_we_i & st_region_i == 2'd1),
    .st_row_i    (st_row_i[1:0]),
    .st_wdata_i  (st_wdata_i),
    .st_rdata_o  (wi_row),
    .kernel_i    (kernel_i),
    .args_i      (args_i),
    .wg_size_i   (wg_size_i),
    .grid_x_i    (grid_x_i),
    .grid_y_i    (grid_y_i),
    .grid_z_i    (grid_z_i),
    .rd_i        (pend_q & r_wi),
    .index_i     (rq_addr_q[5:2]),
    .rdata_o     (wi_rdata),
    .ready_o     (wi_ready),
    .wg_req_o    (wg_req_o),
    .wg_gnt_i    (wg_gnt_i),
    .wg_x_i      (wg_x_i),
    .wg_y_i      (wg_y_i),
    .wg_z_i      (wg_z_i),
    .wg_base_x_i (wg_base_x_i)
  );

  // ---------------------------------------------------------------- VRAM
  assign vr_req_o  = run_i & ask_vr;
  assign vr_addr_o = rq_addr_q[VRAM_AW+2:3];
  assign vw_req_o  = run_i & ask_vw;
  assign vw_addr_o = rq_addr_q[VRAM_AW+2:3];
  assign vw_be_o   = rq_addr_q[2] ? {rq_be_q, 4'h0} : {4'h0, rq_be_q};
  assign vw_data_o = {rq_wdata_q, rq_wdata_q};

  // ---------------------------------------------------------------- faults
  // The first fault is kept: a trapped core goes on trapping (mtvec is 0), a bad access
  // waits for an answer that never comes, until compute_exec drops run_i.
  reg         fault_q, fault_d;
  reg         fault_bad_q, fault_bad_d;
  reg  [31:0] fault_info_q, fault_info_d;
  wire        bad_access = (pend_q & r_bad) | h_ld_err;

  always @* begin
    fault_d = fault_q; fault_bad_d = fault_bad_q; fault_info_d = fault_info_q;
    if (!run_i) begin
      fault_d = 1'b0;
    end else if (!fault_q && bad_access) begin
      fault_d = 1'b1; fault_bad_d = 1'b1; fault_info_d = {rq_addr_q[31:2], low_byte};
    end else if (!fault_q && trap && !trap_cause[31]) begin   // not the preemption interrupt
      fault_d = 1'b1; fault_bad_d = 1'b0; fault_info_d = trap_epc;
    end
  end

  always @(posedge clk_i) begin
    fault_q      <= fault_d;
    fault_bad_q  <= fault_bad_d;
    fault_info_q <= fault_info_d;
  end

  assign fault_o            = fault_q;
  assign fault_bad_access_o = fault_bad_q;
  assign fault_info_o       = fault_info_q;

  // ---------------------------------------------------------------- host window
  // A failed load faults the core: it must not ask again before compute_exec stops it.
  assign h_req_o   = run_i & ask_h & !fault_q;
  assign h_we_o    = rq_we_q;
  assign h_addr_o  = {rq_addr_q[31:2], low_byte};
  assign h_be_o    = rq_be_q;
  assign h_wdata_o = rq_wdata_q;

  // Unused: the core's status outputs (a trap's cause does not change the error code), the
  // address bits the RAMs and decoders do not need.
  wire unused_ok = &{1'b0, retire, trap_cause[30:0], trap_tval, trap_vector, dbg_dmem_pc, 1'b0};
endmodule

`default_nettype wire
