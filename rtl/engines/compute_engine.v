// Compute engine: the engine front end (eng_ring) with the DISPATCH back end (compute_exec).
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sgpu_regs.vh"
`include "sgpu_cmds.vh"

// The device sees the same ports as copy_engine's. The shader cores reach only VRAM, so the
// host DMA clients are the front end's alone (ring fetch; WAIT reads; FENCE/TIMESTAMP
// writes). VRAM is shared by the front end (VRAM fences, waits, timestamps) and the back end
// (kernel load, the cores), never at once: the back end owns it while the front end offers
// it a command (ex_valid, held until ex_done; after ex_reset the back end withdraws its
// requests at once), so the VRAM client is a plain mux on that.
module compute_engine #(
  parameter integer CORES      = 2,
  parameter integer VRAM_BYTES = `SGPU_CFG_VRAM_BYTES,
  parameter integer VRAM_AW    = $clog2(VRAM_BYTES / 8)   // VRAM word address width
) (
  input  wire                             clk_i,
  input  wire                             rst_ni,
  // Firmware register port (ENG instance 1).
  input  wire                             req_i,
  input  wire                             we_i,
  input  wire [3:0]                       be_i,
  input  wire [`SGPU_ENG_STRIDE_BITS-1:0] addr_i,
  input  wire [31:0]                      wdata_i,
  output wire [31:0]                      rdata_o,
  output wire                             irq_o,
  // Context table.
  output wire [4:0]                       ctx_id_o,
  input  wire [63:0]                      ctx_ring_base_i,
  input  wire [31:0]                      ctx_ring_size_i,
  input  wire [31:0]                      ctx_tail_i,
  input  wire [63:0]                      ctx_save_addr_i,
  input  wire [63:0]                      cycles_i,
  // DMA read client: ring fetch.
  output wire                             f_rd_req_valid_o,
  input  wire                             f_rd_req_ready_i,
  output wire [63:0]                      f_rd_req_addr_o,
  output wire [23:0]                      f_rd_req_len_o,
  input  wire                             f_rd_data_valid_i,
  output wire                             f_rd_data_ready_o,
  input  wire [63:0]                      f_rd_data_i,
  input  wire                             f_rd_data_last_i,
  input  wire                             f_rd_data_err_i,
  input  wire [1:0]                       f_rd_err_code_i,
  // DMA read client: data (WAIT).
  output wire                             d_rd_req_valid_o,
  input  wire                             d_rd_req_ready_i,
  output wire [63:0]                      d_rd_req_addr_o,
  output wire [23:0]                      d_rd_req_len_o,
  input  wire                             d_rd_data_valid_i,
  output wire                             d_rd_data_ready_o,
  input  wire [63:0]                      d_rd_data_i,
  input  wire                             d_rd_data_last_i,
  input  wire                             d_rd_data_err_i,
  input  wire [1:0]                       d_rd_err_code_i,
  // DMA write client.
  output wire                             wr_req_valid_o,
  input  wire                             wr_req_ready_i,
  output wire [63:0]                      wr_req_addr_o,
  output wire [23:0]                      wr_req_len_o,
  output wire                             wr_data_valid_o,
  input  wire                             wr_data_ready_i,
  output wire [63:0]                      wr_data_o,
  input  wire                             wr_done_i,
  // VRAM client.
  output wire                             vr_req_o,
  output wire [VRAM_AW-1:0]               vr_addr_o,
  input  wire                             vr_gnt_i,
  input  wire [63:0]                      vr_rdata_i,
  output wire                             vw_req_o,
  output wire [VRAM_AW-1:0]               vw_addr_o,
  output wire [7:0]                       vw_be_o,
  output wire [63:0]                      vw_data_o,
  input  wire                             vw_gnt_i,
  // Activity: shader core i runs a work item.
  output wire [CORES-1:0]                 busy_cores_o
);
  localparam [31:0] OPS = 32'd1 << `SGPU_CMD_OP_DISPATCH;

  wire               x_vr_req, x_vw_req, c_vr_req, c_vw_req;
  wire [VRAM_AW-1:0] x_vr_addr, x_vw_addr, c_vr_addr, c_vw_addr;
  wire [7:0]         x_vw_be, c_vw_be;
  wire [63:0]        x_vw_data, c_vw_data;
  wire               ex_valid, ex_done, ex_stop, ex_preempted, ex_reset;
  wire               ex_resume_unused;
  wire [63:0]        ex_save_addr_unused;
  wire [7:0]         ex_opcode, ex_flags, ex_error;
  wire [191:0]       ex_args;
  wire [31:0]        ex_err_info;
  wire               c_busy = ex_valid;

  eng_ring #(
    .VRAM_BYTES(VRAM_BYTES), .BACKEND_OPS(OPS), .RESET_WAITS_DONE(0),
    .PREEMPTION(2)  /* INSTRUCTION */, .VRAM_AW(VRAM_AW)
  ) u_ring (
    .clk_i(clk_i), .rst_ni(rst_ni),
    .req_i(req_i), .we_i(we_i), .be_i(be_i), .addr_i(addr_i), .wdata_i(wdata_i),
    .rdata_o(rdata_o), .irq_o(irq_o),
    .ctx_id_o(ctx_id_o), .ctx_ring_base_i(ctx_ring_base_i), .ctx_ring_size_i(ctx_ring_size_i),
    .ctx_tail_i(ctx_tail_i), .ctx_save_addr_i(ctx_save_addr_i), .cycles_i(cycles_i),
    .f_rd_req_valid_o(f_rd_req_valid_o), .f_rd_req_ready_i(f_rd_req_ready_i),
    .f_rd_req_addr_o(f_rd_req_addr_o), .f_rd_req_len_o(f_rd_req_len_o),
    .f_rd_data_valid_i(f_rd_data_valid_i), .f_rd_data_ready_o(f_rd_data_ready_o),
    .f_rd_data_i(f_rd_data_i), .f_rd_data_last_i(f_rd_data_last_i),
    .f_rd_data_err_i(f_rd_data_err_i), .f_rd_err_code_i(f_rd_err_code_i),
    .x_rd_req_valid_o(d_rd_req_valid_o), .x_rd_req_ready_i(d_rd_req_ready_i),
    .x_rd_req_addr_o(d_rd_req_addr_o), .x_rd_req_len_o(d_rd_req_len_o),
    .x_rd_data_valid_i(d_rd_data_valid_i), .x_rd_data_ready_o(d_rd_data_ready_o),
    .x_rd_data_i(d_rd_data_i), .x_rd_data_last_i(d_rd_data_last_i),
    .x_rd_data_err_i(d_rd_data_err_i), .x_rd_err_code_i(d_rd_err_code_i),
    .x_wr_req_valid_o(wr_req_valid_o), .x_wr_req_ready_i(wr_req_ready_i),
    .x_wr_req_addr_o(wr_req_addr_o), .x_wr_req_len_o(wr_req_len_o),
    .x_wr_data_valid_o(wr_data_valid_o), .x_wr_data_ready_i(wr_data_ready_i),
    .x_wr_data_o(wr_data_o), .x_wr_done_i(wr_done_i),
    .x_vr_req_o(x_vr_req), .x_vr_addr_o(x_vr_addr), .x_vr_gnt_i(vr_gnt_i && !c_busy),
    .x_vr_rdata_i(vr_rdata_i),
    .x_vw_req_o(x_vw_req), .x_vw_addr_o(x_vw_addr), .x_vw_be_o(x_vw_be), .x_vw_data_o(x_vw_data),
    .x_vw_gnt_i(vw_gnt_i && !c_busy),
    .ex_valid_o(ex_valid), .ex_opcode_o(ex_opcode), .ex_flags_o(ex_flags), .ex_args_o(ex_args),
    .ex_done_i(ex_done), .ex_error_i(ex_error), .ex_err_info_i(ex_err_info),
    .ex_stop_o(ex_stop), .ex_preempted_i(ex_preempted),
    // compute_exec has no save/restore ports yet: not used until it does.
    .ex_resume_o(ex_resume_unused), .ex_save_addr_o(ex_save_addr_unused),
    .ex_reset_o(ex_reset)
  );

  compute_exec #(.CORES(CORES), .VRAM_BYTES(VRAM_BYTES), .VRAM_AW(VRAM_AW)) u_exec (
    .clk_i(clk_i), .rst_ni(rst_ni),
    .ex_valid_i(ex_valid), .ex_opcode_i(ex_opcode), .ex_flags_i(ex_flags), .ex_args_i(ex_args),
    .ex_stop_i(ex_stop), .ex_reset_i(ex_reset),
    .ex_done_o(ex_done), .ex_error_o(ex_error), .ex_err_info_o(ex_err_info),
    .ex_preempted_o(ex_preempted),
    .vr_req_o(c_vr_req), .vr_addr_o(c_vr_addr), .vr_gnt_i(vr_gnt_i && c_busy),
    .vr_rdata_i(vr_rdata_i),
    .vw_req_o(c_vw_req), .vw_addr_o(c_vw_addr), .vw_be_o(c_vw_be), .vw_data_o(c_vw_data),
    .vw_gnt_i(vw_gnt_i && c_busy),
    .busy_cores_o(busy_cores_o)
  );

  assign vr_req_o  = c_busy ? c_vr_req : x_vr_req;
  assign vr_addr_o = c_busy ? c_vr_addr : x_vr_addr;
  assign vw_req_o  = c_busy ? c_vw_req : x_vw_req;
  assign vw_addr_o = c_busy ? c_vw_addr : x_vw_addr;
  assign vw_be_o   = c_busy ? c_vw_be : x_vw_be;
  assign vw_data_o = c_busy ? c_vw_data : x_vw_data;
  wire unused_ok = &{1'b0, ex_resume_unused, ex_save_addr_unused, 1'b0};
endmodule

`default_nettype wire
