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
//         answers a store at its grant and makes no other request before).
//  fault  the first core to fault (the lowest index if several fault in one cycle) gives
//         KERNEL_ILLEGAL_INSTRUCTION (a trap: illegal instruction, misaligned access, ecall,
//         ebreak; info = its PC) or KERNEL_BAD_ACCESS (info = the byte address); every core
//         goes back to reset the next cycle, dropping its requests.
// ex_done_o is a registered pulse; a command is not taken again in that cycle (the front
// end drops ex_valid_i after seeing it). ex_reset_i drops the command from any state:
// VRAM requests withdrawn in its cycle, cores back to reset, no ex_done_o (compute_engine:
// eng_ring without RESET_WAITS_DONE). ex_stop_i is
// ignored for now: the dispatch runs to its end. The way to preemption stays open: a core's
// state is its registers, PC and stack RAM plus its work-item registers, and the
// dispatcher's is its next workgroup. Stopping at workgroup boundaries needs only the
// dispatcher's counters saved; at an instruction boundary, the core's (unused) interrupt
// line with mtvec set by the trampoline to a save routine in its ROM would store the
// registers, mepc and the stack to a save area in VRAM.
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
  input  wire [191:0]       ex_args_i,
  input  wire               ex_stop_i,
  input  wire               ex_reset_i,
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
  // Activity: core i runs a work item (or is about to).
  output wire [CORES-1:0]   busy_cores_o
);
  localparam integer ROW_AW = $clog2(IRAM_BYTES / 8);
  localparam [1:0] S_IDLE = 2'd0, S_LOAD = 2'd1, S_RUN = 2'd2;
  // The error codes (16-bit in sgpu_cmds.vh; ex_error_o carries the low byte).
  localparam [15:0] X_NONE       = `SGPU_CMD_ERROR_NONE;
  localparam [15:0] X_OPCODE     = `SGPU_CMD_ERROR_UNKNOWN_OPCODE;
  localparam [15:0] X_BAD_ADDR   = `SGPU_CMD_ERROR_BAD_ADDRESS;
  localparam [15:0] X_BAD_DISP   = `SGPU_CMD_ERROR_BAD_DISPATCH;
  localparam [15:0] X_ILLEGAL    = `SGPU_CMD_ERROR_KERNEL_ILLEGAL_INSTRUCTION;
  localparam [15:0] X_BAD_ACCESS = `SGPU_CMD_ERROR_KERNEL_BAD_ACCESS;
  localparam [7:0]  E_NONE       = X_NONE[7:0];
  localparam [7:0]  E_OPCODE     = X_OPCODE[7:0];
  localparam [7:0]  E_BAD_ADDR   = X_BAD_ADDR[7:0];
  localparam [7:0]  E_BAD_DISP   = X_BAD_DISP[7:0];
  localparam [7:0]  E_ILLEGAL    = X_ILLEGAL[7:0];
  localparam [7:0]  E_BAD_ACCESS = X_BAD_ACCESS[7:0];
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

  // The kernel window, clipped at the end of VRAM (KERNEL < VRAM_BYTES <= 1 GiB: no wrap).
  wire [31:0] win_end_full = kernel + IRAM_BYTES;
  wire [31:0] win_end      = win_end_full > VRAM_END ? VRAM_END : win_end_full;
  wire [31:0] iram_len     = win_end - kernel;
  wire [31:0] win_last     = win_end - 32'd1;

  // ---------------------------------------------------------------- control
  reg  [1:0]  state_q, state_d;
  reg         run_q, run_d;
  reg         done_q, done_d;
  reg  [7:0]  err_q, err_d;
  reg  [31:0] info_q, info_d;
  reg         start_load, start_run, stop_all;

  wire               load_busy, check_busy, overflow;
  wire [CORES-1:0]   wg_req, wg_gnt, fault, fault_bad;
  wire [CORES*32-1:0] fault_info;
  wire               wg_left;

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

  always @* begin
    state_d = state_q; run_d = run_q; done_d = 1'b0; err_d = err_q; info_d = info_q;
    start_load = 1'b0; start_run = 1'b0; stop_all = 1'b0;
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
        end
      end
      S_LOAD: if (!load_busy && !check_busy) begin
        if (overflow) begin
          done_d = 1'b1; err_d = E_BAD_DISP; state_d = S_IDLE;
        end else begin
          run_d = 1'b1; start_run = 1'b1; state_d = S_RUN;
        end
      end
      S_RUN: if (any_fault) begin
        done_d = 1'b1; err_d = first_bad ? E_BAD_ACCESS : E_ILLEGAL; info_d = first_info;
        run_d = 1'b0; stop_all = 1'b1; state_d = S_IDLE;
      end else if (&wg_req && !wg_left) begin
        done_d = 1'b1; run_d = 1'b0; state_d = S_IDLE;
      end
      default: state_d = S_IDLE;
    endcase
    if (ex_reset_i) begin
      state_d = S_IDLE; run_d = 1'b0; done_d = 1'b0; stop_all = 1'b1;
      start_load = 1'b0; start_run = 1'b0;
    end
  end

  always @(posedge clk_i) begin
    if (!rst_ni) begin
      state_q <= S_IDLE; run_q <= 1'b0; done_q <= 1'b0;
    end else begin
      state_q <= state_d; run_q <= run_d; done_q <= done_d;
    end
    err_q <= err_d; info_q <= info_d;
  end

  assign ex_done_o      = done_q;
  assign ex_error_o     = err_q;
  assign ex_err_info_o  = info_q;
  assign ex_preempted_o = 1'b0;

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
    .abort_i     (stop_all),
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
    .abort_i    (stop_all),
    .grid_x_i   (grid_x),
    .grid_y_i   (grid_y),
    .grid_z_i   (grid_z),
    .wg_size_i  (wg_size),
    .busy_o     (check_busy),
    .overflow_o (overflow)
  );

  // ---------------------------------------------------------------- workgroups
  wire [31:0] wg_x, wg_y, wg_z, wg_base_x;

  compute_wg_dispatch #(.CORES(CORES)) u_dispatch (
    .clk_i       (clk_i),
    .rst_ni      (rst_ni),
    .start_i     (start_run),
    .stop_i      (stop_all),
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

  // ---------------------------------------------------------------- cores and VRAM
  wire [CORES-1:0]         c_vr_req, c_vr_gnt, c_vw_req, c_vw_gnt;
  wire [CORES*VRAM_AW-1:0] c_vr_addr, c_vw_addr;
  wire [CORES*8-1:0]       c_vw_be;
  wire [CORES*64-1:0]      c_vw_data;

  genvar c;
  generate
    for (c = 0; c < CORES; c = c + 1) begin : g_core
      shader_core #(
        .CORE_ID(c), .VRAM_BYTES(VRAM_BYTES), .IRAM_BYTES(IRAM_BYTES),
        .STACK_BYTES(STACK_BYTES), .VRAM_AW(VRAM_AW), .IRAM_ROW_AW(ROW_AW)
      ) u_core (
        .clk_i              (clk_i),
        .run_i              (run_q),
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
        .fault_o            (fault[c]),
        .fault_bad_access_o (fault_bad[c]),
        .fault_info_o       (fault_info[c*32 +: 32])
      );
    end
  endgenerate

  // Requests go at once on ex_reset (in its cycle, so nothing is granted then either).
  wire mux_vr_req, mux_vw_req;
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

  assign busy_cores_o = {CORES{run_q}} & ~(wg_req & {CORES{~wg_left}});

  // DISPATCH has no flags; STOP is not acted on yet (see the top).
  wire unused_ok = &{1'b0, ex_flags_i, ex_stop_i, win_last, 1'b0};
endmodule

`default_nettype wire
