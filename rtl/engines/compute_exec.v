// The compute engine's back end: DISPATCH on CORES shader cores.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sgpu_cmds.vh"
`include "sgpu_regs.vh"

// A DISPATCH (docs/protocol.md; the kernel ABI in docs/kernels.md) goes through:
//  check  (the cycle it arrives) KERNEL, then ARGS, outside VRAM: BAD_ADDRESS with that
//         address; a zero GRID_X/Y/Z or WG_SIZE: BAD_DISPATCH. Reported at once, nothing run.
//  load   the kernel window [KERNEL, KERNEL + IRAM_BYTES), clipped at the end of VRAM, is
//         read from VRAM into every core's instruction RAM (one read stream, all RAMs
//         written together). Always: the engine cannot see the other VRAM writers (host
//         DMA, copy engine, host), so it cannot know that a copy loaded before is still
//         right. Meanwhile compute_grid_check makes sure GRID_X * GRID_Y * GRID_Z *
//         WG_SIZE fits 32 bits (else BAD_DISPATCH, nothing run).
//  run    the cores leave reset and run their trampolines; compute_wg_dispatch hands out
//         workgroups. The dispatch is done when every core waits for a workgroup and none
//         is left: every work item has returned, and every store was granted (a core
//         answers a store at its grant and makes no other request before), and the host
//         port (shader_host_port: the host window of a DISPATCH with HOST_WINDOW) has
//         handed its last write to the DMA write client (else S_FIN waits for it): so the
//         front end's completion fence, a later write on the same write mux, follows it.
//  fault  the first core to fault (the lowest index if several fault in one cycle) gives
//         KERNEL_ILLEGAL_INSTRUCTION (a trap: illegal instruction, misaligned access, ecall,
//         ebreak; info = its PC) or KERNEL_BAD_ACCESS (info = the byte address; also a
//         failed host window read); every core goes back to reset the next cycle, dropping
//         its requests; ex_done_o once the host port is idle (S_FIN).
//  stop   (ex_stop_i, preemption at an instruction boundary) the dispatcher hands out no
//         more workgroups and every core gets its external interrupt: the trampoline's
//         handler saves its registers into its state window and parks (shader_core). A
//         core waiting for a workgroup has nothing to save. Once every core is parked or
//         waiting (a core in a host load finishes it first: the load is one instruction),
//         and the host port is idle, the cores go to reset and compute_ctx_save writes the record (the
//         parked cores' windows, work-item registers and live stacks, the dispatcher's
//         position) to the save area at ex_save_addr_i; after its wr_done, ex_done_o with
//         ex_preempted_o. A dispatch that ends meanwhile (every core waiting, no workgroup
//         left, none parked) ends normally. A stop while loading skips the rest of the load.
//  resume (ex_resume_i) while the kernel loads, compute_ctx_restore reads the record back
//         into the cores and the dispatcher; a failed read or a record that is not this
//         command's: DMA_ERROR, info = the save address' low 32 bits, nothing run. Then
//         the cores with a saved state restore it (the trampoline's RESUME path, mret to
//         the saved PC), the others ask for workgroups.
// ex_done_o is a registered pulse; a command is not taken again in that cycle (the front
// end drops ex_valid_i after seeing it). ex_reset_i drops the command from any state:
// VRAM requests withdrawn in its cycle, cores back to reset; host reads in flight are
// drained (the host port's too) and an accepted write sends its beats and gets its
// wr_done (the host port's last write is handed over); then one ex_done_o
// (error 0) if a command was offered in the reset cycle without an ex_done_o in it
// (compute_engine: eng_ring with RESET_WAITS_DONE).
// The command's fields are used where they are: the front end holds them until ex_done.
module compute_exec #(
  parameter integer CORES       = 2,
  parameter integer VRAM_BYTES  = `SGPU_CFG_VRAM_BYTES,  // a power of two, <= 1 GiB
  parameter integer IRAM_BYTES  = 4096,                  // per core, a power of two
  parameter integer STACK_BYTES = 1024,                  // per core, a power of two <= 4096
  parameter integer VRAM_AW     = $clog2(VRAM_BYTES / 8)
) (
  input  wire               clk_i,
  input  wire               rst_ni,
  // From the front end (docs/dev/engines.md).
  input  wire               ex_valid_i,
  input  wire [7:0]         ex_opcode_i,
  input  wire [7:0]         ex_flags_i,
  input  wire [255:0]       ex_args_i,       // operand DWs 1..8 (HOST_BASE: 7..8)
  input  wire               ex_stop_i,
  input  wire               ex_reset_i,
  input  wire               ex_resume_i,     // held with ex_valid_i
  input  wire [63:0]        ex_save_addr_i,  // held with ex_valid_i: 64-byte aligned
  output wire               ex_done_o,
  output wire [7:0]         ex_error_o,
  output wire [31:0]        ex_err_info_o,
  output wire               ex_preempted_o,
  // VRAM client.
  output wire               vr_req_o,
  output wire [VRAM_AW-1:0] vr_addr_o,
  input  wire               vr_gnt_i,
  input  wire [63:0]        vr_rdata_i,
  output wire               vw_req_o,
  output wire [VRAM_AW-1:0] vw_addr_o,
  output wire [7:0]         vw_be_o,
  output wire [63:0]        vw_data_o,
  input  wire               vw_gnt_i,
  // DMA read client (restore).
  output wire               rd_req_valid_o,
  input  wire               rd_req_ready_i,
  output wire [63:0]        rd_req_addr_o,
  output wire [23:0]        rd_req_len_o,
  input  wire               rd_data_valid_i,
  output wire               rd_data_ready_o,
  input  wire [63:0]        rd_data_i,
  input  wire               rd_data_last_i,
  input  wire               rd_data_err_i,
  input  wire [1:0]         rd_err_code_i,
  // DMA write client (save).
  output wire               wr_req_valid_o,
  input  wire               wr_req_ready_i,
  output wire [63:0]        wr_req_addr_o,
  output wire [23:0]        wr_req_len_o,
  output wire               wr_data_valid_o,
  input  wire               wr_data_ready_i,
  output wire [63:0]        wr_data_o,
  input  wire               wr_done_i,
  // DMA read and write clients of the host window (shader_host_port).
  output wire               h_rd_req_valid_o,
  input  wire               h_rd_req_ready_i,
  output wire [63:0]        h_rd_req_addr_o,
  output wire [23:0]        h_rd_req_len_o,
  input  wire               h_rd_data_valid_i,
  output wire               h_rd_data_ready_o,
  input  wire [63:0]        h_rd_data_i,
  input  wire               h_rd_data_last_i,
  input  wire               h_rd_data_err_i,
  output wire               h_wr_req_valid_o,
  input  wire               h_wr_req_ready_i,
  output wire [63:0]        h_wr_req_addr_o,
  output wire [23:0]        h_wr_req_len_o,
  output wire               h_wr_data_valid_o,
  input  wire               h_wr_data_ready_i,
  output wire [63:0]        h_wr_data_o,
  input  wire               h_wr_done_i,
  // Activity: core i runs a work item (or is about to).
  output wire [CORES-1:0]   busy_cores_o
);
  localparam integer ROW_AW = $clog2(IRAM_BYTES / 8);
  localparam [2:0] S_IDLE = 3'd0, S_LOAD = 3'd1, S_RUN = 3'd2, S_STOP = 3'd3, S_PRESAVE = 3'd4,
                   S_SAVE = 3'd5, S_DRAIN = 3'd6, S_FIN = 3'd7;
  // The save record (compute_ctx_save; docs/dev/engines.md "Compute save area").
  localparam integer HDR_ROWS = 8, FIX_ROWS = 21, STACK_ROWS = STACK_BYTES / 8;
  localparam integer ST_RW    = STACK_ROWS > 32 ? $clog2(STACK_ROWS) : 5;
  localparam integer SAVE_AREA_BYTES = 4096;
  localparam integer RECORD_MAX = 8 * (HDR_ROWS + CORES * (FIX_ROWS + STACK_ROWS));
  generate
    if (RECORD_MAX > SAVE_AREA_BYTES || CORES > 16) begin : g_bad_record
      $error("compute_exec: a save record of %0d cores with %0d-byte stacks takes up to %0d bytes, more than the %0d-byte save area",
             CORES, STACK_BYTES, RECORD_MAX, SAVE_AREA_BYTES);
`ifndef SYNTHESIS
      initial $fatal(1, "compute_exec: the save record does not fit the save area");
`endif
    end
  endgenerate
  // The error codes (16-bit in sgpu_cmds.vh; ex_error_o carries the low byte).
  localparam [15:0] X_NONE       = `SGPU_CMD_ERROR_NONE;
  localparam [15:0] X_OPCODE     = `SGPU_CMD_ERROR_UNKNOWN_OPCODE;
  localparam [15:0] X_BAD_ADDR   = `SGPU_CMD_ERROR_BAD_ADDRESS;
  localparam [15:0] X_BAD_DISP   = `SGPU_CMD_ERROR_BAD_DISPATCH;
  localparam [15:0] X_ILLEGAL    = `SGPU_CMD_ERROR_KERNEL_ILLEGAL_INSTRUCTION;
  localparam [15:0] X_BAD_ACCESS = `SGPU_CMD_ERROR_KERNEL_BAD_ACCESS;
  localparam [15:0] X_DMA        = `SGPU_CMD_ERROR_DMA_ERROR;
  localparam [7:0]  E_NONE       = X_NONE[7:0];
  localparam [7:0]  E_OPCODE     = X_OPCODE[7:0];
  localparam [7:0]  E_BAD_ADDR   = X_BAD_ADDR[7:0];
  localparam [7:0]  E_BAD_DISP   = X_BAD_DISP[7:0];
  localparam [7:0]  E_ILLEGAL    = X_ILLEGAL[7:0];
  localparam [7:0]  E_BAD_ACCESS = X_BAD_ACCESS[7:0];
  localparam [7:0]  E_DMA        = X_DMA[7:0];
  localparam [31:0] VRAM_END    = VRAM_BYTES;

  // ---------------------------------------------------------------- the command's fields
  function [31:0] dw(input integer n);   // operand DW n (1..6)
    dw = ex_args_i[32*(n-1) +: 32];
  endfunction
  wire [31:0] kernel  = dw(`SGPU_CMD_DISPATCH_KERNEL_DW);
  wire [31:0] grid_x  = dw(`SGPU_CMD_DISPATCH_GRID_X_DW);
  wire [31:0] grid_y  = dw(`SGPU_CMD_DISPATCH_GRID_Y_DW);
  wire [31:0] grid_z  = dw(`SGPU_CMD_DISPATCH_GRID_Z_DW);
  wire [31:0] wg_size = dw(`SGPU_CMD_DISPATCH_WG_SIZE_DW);
  wire [31:0] args    = dw(`SGPU_CMD_DISPATCH_ARGS_DW);
  wire        host_en = ex_flags_i[`SGPU_CMD_DISPATCH_FLAG_HOST_WINDOW_BIT];
  wire [63:0] host_base = {dw(`SGPU_CMD_DISPATCH_HOST_BASE_DW + 1),
                           dw(`SGPU_CMD_DISPATCH_HOST_BASE_DW)};

  // The kernel window, clipped at the end of VRAM (KERNEL < VRAM_BYTES <= 1 GiB: no wrap).
  wire [31:0] win_end_full = kernel + IRAM_BYTES;
  wire [31:0] win_end      = win_end_full > VRAM_END ? VRAM_END : win_end_full;
  wire [31:0] iram_len     = win_end - kernel;
  wire [31:0] win_last     = win_end - 32'd1;

  // ---------------------------------------------------------------- control
  reg  [2:0]  state_q, state_d;
  reg         run_q, run_d;
  reg         done_q, done_d;
  reg         pre_q, pre_d;            // with done_q: preempted
  reg  [7:0]  err_q, err_d;
  reg  [31:0] info_q, info_d;
  reg         resume_q, resume_d;      // this command resumes a saved state
  reg         owe_q, owe_d;            // S_DRAIN: a reset owes one ex_done_o
  reg  [CORES-1:0] held_q, held_d;     // cores whose state is in their RAMs (saved, restored)
  reg         start_load, start_run, stop_all, skip_load, disp_start, disp_load;
  reg         sv_start, rs_start;

  wire               load_busy, check_busy, overflow;
  wire               mux_vr_req, mux_vw_req;
  wire [CORES-1:0]   wg_req, wg_gnt, fault, fault_bad, saved;
  wire [CORES*32-1:0] fault_info, sp;
  wire               wg_left;
  wire               sv_busy, sv_done, rs_busy, rs_done, rs_err;
  wire [CORES-1:0]   rs_held;
  wire               hp_busy;          // the host port has an access under way
  wire [CORES-1:0]   h_gnt;
  wire               hp_quiet = !hp_busy && !(|h_gnt);   // and takes none now

  // The first faulting core.
  reg         any_fault, first_bad;
  reg  [31:0] first_info;
  integer     i;
  always @* begin
    any_fault = 1'b0; first_bad = 1'b0; first_info = 32'd0;
    for (i = CORES - 1; i >= 0; i = i - 1)
      if (fault[i]) begin
        any_fault = 1'b1; first_bad = fault_bad[i]; first_info = fault_info[32*i +: 32];
      end
  end

  // Stopping: every core parked or waiting for a workgroup (none is handed out).
  wire settled = &(saved | wg_req);

  always @* begin
    state_d = state_q; run_d = run_q; done_d = 1'b0; pre_d = 1'b0; err_d = err_q;
    info_d = info_q; resume_d = resume_q; owe_d = owe_q; held_d = held_q;
    start_load = 1'b0; start_run = 1'b0; stop_all = 1'b0; skip_load = 1'b0;
    disp_start = 1'b0; disp_load = 1'b0; sv_start = 1'b0; rs_start = 1'b0;
    case (state_q)
      S_IDLE: if (ex_valid_i && !done_q) begin
        done_d = 1'b1; info_d = 32'd0;    // unless it starts, below
        if (ex_opcode_i != `SGPU_CMD_OP_DISPATCH) begin
          err_d = E_OPCODE;
        end else if (kernel >= VRAM_END) begin
          err_d = E_BAD_ADDR; info_d = kernel;
        end else if (args >= VRAM_END) begin
          err_d = E_BAD_ADDR; info_d = args;
        end else if (grid_x == 32'd0 || grid_y == 32'd0 || grid_z == 32'd0 ||
                     wg_size == 32'd0) begin
          err_d = E_BAD_DISP;
        end else begin
          done_d = 1'b0; err_d = E_NONE; start_load = 1'b1; state_d = S_LOAD;
          resume_d = ex_resume_i; rs_start = ex_resume_i; held_d = {CORES{1'b0}};
        end
      end
      // A stop skips the rest of the load (in a cycle where no VRAM read waits for its
      // grant: a request is not withdrawn); a restore always finishes (its reads drain).
      S_LOAD: begin
        if (ex_stop_i && (!mux_vr_req || vr_gnt_i)) skip_load = 1'b1;
        if (!load_busy && !check_busy && !rs_busy) begin
          if (resume_q && rs_err) begin
            done_d = 1'b1; err_d = E_DMA; info_d = ex_save_addr_i[31:0]; state_d = S_IDLE;
          end else begin
            disp_start = !resume_q; disp_load = resume_q;
            if (resume_q) held_d = rs_held;
            if (ex_stop_i) begin
              state_d = S_PRESAVE;
            end else if (overflow) begin
              done_d = 1'b1; err_d = E_BAD_DISP; state_d = S_IDLE;
            end else begin
              run_d = 1'b1; start_run = 1'b1; state_d = S_RUN;
            end
          end
        end
      end
      // The end waits for the host port's last access (S_FIN) if it has one.
      S_RUN, S_STOP: if (any_fault) begin
        done_d = hp_quiet; err_d = first_bad ? E_BAD_ACCESS : E_ILLEGAL; info_d = first_info;
        run_d = 1'b0; stop_all = 1'b1; state_d = hp_quiet ? S_IDLE : S_FIN;
      end else if (&wg_req && !wg_left) begin
        done_d = hp_quiet; run_d = 1'b0; state_d = hp_quiet ? S_IDLE : S_FIN;
      end else if (state_q == S_RUN) begin
        if (ex_stop_i) state_d = S_STOP;
      end else if (settled && !hp_busy) begin
        held_d = saved; run_d = 1'b0; sv_start = 1'b1; state_d = S_SAVE;
      end
      S_FIN: if (!hp_busy) begin done_d = 1'b1; state_d = S_IDLE; end
      S_PRESAVE: begin sv_start = 1'b1; state_d = S_SAVE; end
      S_SAVE: if (sv_done) begin
        done_d = 1'b1; pre_d = 1'b1; err_d = E_NONE; info_d = 32'd0; state_d = S_IDLE;
        stop_all = 1'b1;
      end
      S_DRAIN: if (!sv_busy && !rs_busy && !hp_busy) begin
        done_d = owe_q; err_d = E_NONE; info_d = 32'd0; owe_d = 1'b0; state_d = S_IDLE;
      end
      default: state_d = S_IDLE;
    endcase
    if (ex_reset_i) begin
      // Clean at once unless a host read or write is in flight; one ex_done_o either way
      // for a command that was offered (and not answered in this cycle).
      state_d = S_DRAIN; owe_d = ex_valid_i && !done_q;
      run_d = 1'b0; done_d = 1'b0; stop_all = 1'b1;
      start_load = 1'b0; start_run = 1'b0; disp_start = 1'b0; disp_load = 1'b0;
      sv_start = 1'b0; rs_start = 1'b0;
    end
  end

  always @(posedge clk_i) begin
    if (!rst_ni) begin
      state_q <= S_IDLE; run_q <= 1'b0; done_q <= 1'b0; owe_q <= 1'b0;
    end else begin
      state_q <= state_d; run_q <= run_d; done_q <= done_d; owe_q <= owe_d;
    end
    err_q <= err_d; info_q <= info_d; pre_q <= pre_d; resume_q <= resume_d; held_q <= held_d;
  end

  assign ex_done_o      = done_q;
  assign ex_error_o     = err_q;
  assign ex_err_info_o  = info_q;
  assign ex_preempted_o = done_q & pre_q;

  // ---------------------------------------------------------------- load and check
  wire               ld_req, ld_gnt;
  wire [VRAM_AW-1:0] ld_addr;
  wire               fill_we;
  wire [ROW_AW-1:0]  fill_row;
  wire [1:0]         fill_half;
  wire [63:0]        fill_data;

  compute_iram_loader #(.VRAM_AW(VRAM_AW), .ROW_AW(ROW_AW)) u_loader (
    .clk_i       (clk_i),
    .rst_ni      (rst_ni),
    .start_i     (start_load),
    .abort_i     (stop_all | skip_load),
    .first_i     (kernel[VRAM_AW+2:3]),
    .last_i      (win_last[VRAM_AW+2:3]),
    .first_lo_i  (~kernel[2]),
    .last_hi_i   (~win_end[2]),
    .busy_o      (load_busy),
    .vr_req_o    (ld_req),
    .vr_addr_o   (ld_addr),
    .vr_gnt_i    (ld_gnt),
    .vr_rdata_i  (vr_rdata_i),
    .fill_we_o   (fill_we),
    .fill_row_o  (fill_row),
    .fill_half_o (fill_half),
    .fill_data_o (fill_data)
  );

  compute_grid_check u_check (
    .clk_i      (clk_i),
    .rst_ni     (rst_ni),
    .start_i    (start_load),
    .abort_i    (stop_all | skip_load),
    .grid_x_i   (grid_x),
    .grid_y_i   (grid_y),
    .grid_z_i   (grid_z),
    .wg_size_i  (wg_size),
    .busy_o     (check_busy),
    .overflow_o (overflow)
  );

  // ---------------------------------------------------------------- workgroups
  wire [31:0] wg_x, wg_y, wg_z, wg_base_x;
  wire [31:0] rs_x, rs_y, rs_z, rs_base;
  wire        rs_left;

  compute_wg_dispatch #(.CORES(CORES)) u_dispatch (
    .clk_i       (clk_i),
    .rst_ni      (rst_ni),
    .start_i     (disp_start),
    .stop_i      (stop_all),
    .hold_i      (state_q != S_RUN),
    .load_i      (disp_load),
    .ld_x_i      (rs_x),
    .ld_y_i      (rs_y),
    .ld_z_i      (rs_z),
    .ld_base_x_i (rs_base),
    .ld_left_i   (rs_left),
    .grid_x_i    (grid_x),
    .grid_y_i    (grid_y),
    .grid_z_i    (grid_z),
    .wg_size_i   (wg_size),
    .req_i       (wg_req),
    .gnt_o       (wg_gnt),
    .wg_x_o      (wg_x),
    .wg_y_o      (wg_y),
    .wg_z_o      (wg_z),
    .wg_base_x_o (wg_base_x),
    .left_o      (wg_left)
  );

  // ---------------------------------------------------------------- save and restore
  // The cores' state ports: the restore writes, the save reads, never both at once.
  wire [1:0]          sv_region, rs_region, st_region;
  wire [ST_RW-1:0]    sv_row, rs_row, st_row;
  wire [CORES-1:0]    rs_we;
  wire [63:0]         rs_wdata;
  wire [CORES*64-1:0] st_rdata;
  assign st_region = rs_busy ? rs_region : sv_region;
  assign st_row    = rs_busy ? rs_row : sv_row;

  compute_ctx_save #(
    .CORES(CORES), .STACK_BYTES(STACK_BYTES), .ST_RW(ST_RW), .HDR_ROWS(HDR_ROWS),
    .FIX_ROWS(FIX_ROWS)
  ) u_save (
    .clk_i           (clk_i),
    .rst_ni          (rst_ni),
    .start_i         (sv_start),
    .abort_i         (ex_reset_i),
    .addr_i          (ex_save_addr_i),
    .args_i          (ex_args_i[191:0]),
    .wg_x_i          (wg_x),
    .wg_y_i          (wg_y),
    .wg_z_i          (wg_z),
    .wg_base_x_i     (wg_base_x),
    .wg_left_i       (wg_left),
    .busy_i          (held_d),
    .sp_i            (sp),
    .busy_o          (sv_busy),
    .done_o          (sv_done),
    .st_region_o     (sv_region),
    .st_row_o        (sv_row),
    .st_rdata_i      (st_rdata),
    .wr_req_valid_o  (wr_req_valid_o),
    .wr_req_ready_i  (wr_req_ready_i),
    .wr_req_addr_o   (wr_req_addr_o),
    .wr_req_len_o    (wr_req_len_o),
    .wr_data_valid_o (wr_data_valid_o),
    .wr_data_ready_i (wr_data_ready_i),
    .wr_data_o       (wr_data_o),
    .wr_done_i       (wr_done_i)
  );

  compute_ctx_restore #(
    .CORES(CORES), .STACK_BYTES(STACK_BYTES), .ST_RW(ST_RW), .HDR_ROWS(HDR_ROWS),
    .FIX_ROWS(FIX_ROWS)
  ) u_restore (
    .clk_i           (clk_i),
    .rst_ni          (rst_ni),
    .start_i         (rs_start),
    .abort_i         (ex_reset_i),
    .addr_i          (ex_save_addr_i),
    .args_i          (ex_args_i[191:0]),
    .busy_o          (rs_busy),
    .done_o          (rs_done),
    .err_o           (rs_err),
    .wg_x_o          (rs_x),
    .wg_y_o          (rs_y),
    .wg_z_o          (rs_z),
    .wg_base_x_o     (rs_base),
    .wg_left_o       (rs_left),
    .busy_cores_o    (rs_held),
    .st_we_o         (rs_we),
    .st_region_o     (rs_region),
    .st_row_o        (rs_row),
    .st_wdata_o      (rs_wdata),
    .rd_req_valid_o  (rd_req_valid_o),
    .rd_req_ready_i  (rd_req_ready_i),
    .rd_req_addr_o   (rd_req_addr_o),
    .rd_req_len_o    (rd_req_len_o),
    .rd_data_valid_i (rd_data_valid_i),
    .rd_data_ready_o (rd_data_ready_o),
    .rd_data_i       (rd_data_i),
    .rd_data_last_i  (rd_data_last_i),
    .rd_data_err_i   (rd_data_err_i)
  );

  // ---------------------------------------------------------------- cores and VRAM
  wire [CORES-1:0]         c_vr_req, c_vr_gnt, c_vw_req, c_vw_gnt;
  wire [CORES*VRAM_AW-1:0] c_vr_addr, c_vw_addr;
  wire [CORES*8-1:0]       c_vw_be;
  wire [CORES*64-1:0]      c_vw_data;
  wire [CORES-1:0]         h_req, h_we, h_rvalid;
  wire [CORES*32-1:0]      h_addr, h_wdata;
  wire [CORES*4-1:0]       h_be;
  wire [63:0]              h_rdata;
  wire                     h_rerr;

  genvar c;
  generate
    for (c = 0; c < CORES; c = c + 1) begin : g_core
      shader_core #(
        .CORE_ID(c), .VRAM_BYTES(VRAM_BYTES), .IRAM_BYTES(IRAM_BYTES),
        .STACK_BYTES(STACK_BYTES), .VRAM_AW(VRAM_AW), .IRAM_ROW_AW(ROW_AW), .ST_RW(ST_RW)
      ) u_core (
        .clk_i              (clk_i),
        .run_i              (run_q),
        .clear_i            (start_load),
        .preempt_i          (state_q == S_STOP),
        .saved_o            (saved[c]),
        .sp_o               (sp[c*32 +: 32]),
        .st_region_i        (st_region),
        .st_row_i           (st_row),
        .st_we_i            (rs_we[c]),
        .st_wdata_i         (rs_wdata),
        .st_rdata_o         (st_rdata[c*64 +: 64]),
        .kernel_i           (kernel),
        .iram_len_i         (iram_len),
        .args_i             (args),
        .wg_size_i          (wg_size),
        .grid_x_i           (grid_x),
        .grid_y_i           (grid_y),
        .grid_z_i           (grid_z),
        .fill_we_i          (fill_we),
        .fill_row_i         (fill_row),
        .fill_half_i        (fill_half),
        .fill_data_i        (fill_data),
        .wg_req_o           (wg_req[c]),
        .wg_gnt_i           (wg_gnt[c]),
        .wg_x_i             (wg_x),
        .wg_y_i             (wg_y),
        .wg_z_i             (wg_z),
        .wg_base_x_i        (wg_base_x),
        .vr_req_o           (c_vr_req[c]),
        .vr_addr_o          (c_vr_addr[c*VRAM_AW +: VRAM_AW]),
        .vr_gnt_i           (c_vr_gnt[c]),
        .vr_rdata_i         (vr_rdata_i),
        .vw_req_o           (c_vw_req[c]),
        .vw_addr_o          (c_vw_addr[c*VRAM_AW +: VRAM_AW]),
        .vw_be_o            (c_vw_be[c*8 +: 8]),
        .vw_data_o          (c_vw_data[c*64 +: 64]),
        .vw_gnt_i           (c_vw_gnt[c]),
        .host_en_i          (host_en),
        .h_req_o            (h_req[c]),
        .h_we_o             (h_we[c]),
        .h_addr_o           (h_addr[c*32 +: 32]),
        .h_be_o             (h_be[c*4 +: 4]),
        .h_wdata_o          (h_wdata[c*32 +: 32]),
        .h_gnt_i            (h_gnt[c]),
        .h_rvalid_i         (h_rvalid[c]),
        .h_rdata_i          (h_rdata),
        .h_rerr_i           (h_rerr),
        .fault_o            (fault[c]),
        .fault_bad_access_o (fault_bad[c]),
        .fault_info_o       (fault_info[c*32 +: 32])
      );
    end
  endgenerate

  // Requests go at once on ex_reset (in its cycle, so nothing is granted then either).
  assign vr_req_o = mux_vr_req & ~ex_reset_i;
  assign vw_req_o = mux_vw_req & ~ex_reset_i;

  compute_vram_mux #(.CORES(CORES), .AW(VRAM_AW)) u_vram_mux (
    .clk_i     (clk_i),
    .rst_ni    (rst_ni),
    .ld_req_i  (ld_req),
    .ld_addr_i (ld_addr),
    .ld_gnt_o  (ld_gnt),
    .rd_req_i  (c_vr_req),
    .rd_addr_i (c_vr_addr),
    .rd_gnt_o  (c_vr_gnt),
    .wr_req_i  (c_vw_req),
    .wr_addr_i (c_vw_addr),
    .wr_be_i   (c_vw_be),
    .wr_data_i (c_vw_data),
    .wr_gnt_o  (c_vw_gnt),
    .vr_req_o  (mux_vr_req),
    .vr_addr_o (vr_addr_o),
    .vr_gnt_i  (vr_gnt_i),
    .vw_req_o  (mux_vw_req),
    .vw_addr_o (vw_addr_o),
    .vw_be_o   (vw_be_o),
    .vw_data_o (vw_data_o),
    .vw_gnt_i  (vw_gnt_i)
  );

  shader_host_port #(.CORES(CORES)) u_host_port (
    .clk_i             (clk_i),
    .rst_ni            (rst_ni),
    .base_i            (host_base),
    .c_req_i           (h_req),
    .c_we_i            (h_we),
    .c_addr_i          (h_addr),
    .c_be_i            (h_be),
    .c_wdata_i         (h_wdata),
    .c_gnt_o           (h_gnt),
    .c_rvalid_o        (h_rvalid),
    .rdata_o           (h_rdata),
    .rerr_o            (h_rerr),
    .busy_o            (hp_busy),
    .rd_req_valid_o    (h_rd_req_valid_o),
    .rd_req_ready_i    (h_rd_req_ready_i),
    .rd_req_addr_o     (h_rd_req_addr_o),
    .rd_req_len_o      (h_rd_req_len_o),
    .rd_data_valid_i   (h_rd_data_valid_i),
    .rd_data_ready_o   (h_rd_data_ready_o),
    .rd_data_i         (h_rd_data_i),
    .rd_data_last_i    (h_rd_data_last_i),
    .rd_data_err_i     (h_rd_data_err_i),
    .wr_req_valid_o    (h_wr_req_valid_o),
    .wr_req_ready_i    (h_wr_req_ready_i),
    .wr_req_addr_o     (h_wr_req_addr_o),
    .wr_req_len_o      (h_wr_req_len_o),
    .wr_data_valid_o   (h_wr_data_valid_o),
    .wr_data_ready_i   (h_wr_data_ready_i),
    .wr_data_o         (h_wr_data_o),
    .wr_done_i         (h_wr_done_i)
  );

  assign busy_cores_o = {CORES{run_q}} & ~(wg_req & {CORES{~wg_left}});

  // DISPATCH has one flag (HOST_WINDOW); a failed read's code does not change DMA_ERROR.
  wire unused_ok = &{1'b0, ex_flags_i[7:1], win_last, rd_err_code_i, rs_done, start_run,
                     held_q, 1'b0};
endmodule

`default_nettype wire
