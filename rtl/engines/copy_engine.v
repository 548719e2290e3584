// Copy engine: the engine front end (eng_ring) with the COPY/FILL back end (copy_exec).
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sgpu_regs.vh"
`include "sgpu_cmds.vh"

// The device sees one ENG register port, its interrupt, the context table lookup, two DMA
// read clients (f_rd: ring fetch; d_rd: data), one DMA write client and one VRAM client.
// The front end's data accesses (WAIT reads, FENCE/TIMESTAMP writes, their VRAM accesses)
// and the back end's never overlap: the front end waits for its writes' wr_done before it
// hands a command over and touches nothing while the back end owns the ports (busy, from
// taking the command to its ex_done, also while it drains after a reset, which the front
// end waits for). So each shared port is a plain mux on the back end's busy.
module copy_engine #(
  parameter integer VRAM_BYTES = `SGPU_CFG_VRAM_BYTES,
  parameter integer VRAM_AW    = $clog2(VRAM_BYTES / 8)   // VRAM word address width
) (
  input  wire                             clk_i,
  input  wire                             rst_ni,
  // Firmware register port (ENG instance 0).
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
  // DMA read client: data (WAIT, COPY source).
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
  input  wire                             vw_gnt_i
);
  localparam [31:0] OPS = (32'd1 << `SGPU_CMD_OP_COPY) | (32'd1 << `SGPU_CMD_OP_FILL);

  // Front end data clients.
  wire              x_rd_req_valid, x_rd_data_ready, x_wr_req_valid, x_wr_data_valid;
  wire [63:0]       x_rd_req_addr, x_wr_req_addr, x_wr_data, x_vw_data;
  wire [23:0]       x_rd_req_len, x_wr_req_len;
  wire              x_vr_req, x_vw_req;
  wire [VRAM_AW-1:0] x_vr_addr, x_vw_addr;
  wire [7:0]        x_vw_be;
  // Back end clients.
  wire              c_rd_req_valid, c_rd_data_ready, c_wr_req_valid, c_wr_data_valid;
  wire [63:0]       c_rd_req_addr, c_wr_req_addr, c_wr_data, c_vw_data;
  wire [23:0]       c_rd_req_len, c_wr_req_len;
  wire              c_vr_req, c_vw_req;
  wire [VRAM_AW-1:0] c_vr_addr, c_vw_addr;
  wire [7:0]        c_vw_be;
  wire              c_busy;
  // Handshake.
  wire              ex_valid, ex_done, ex_stop, ex_preempted, ex_reset, ex_resume;
  wire [63:0]       ex_save_addr;
  wire [7:0]        ex_opcode, ex_flags, ex_error;
  wire [191:0]      ex_args;
  wire [31:0]       ex_err_info;

  eng_ring #(
    .VRAM_BYTES(VRAM_BYTES), .BACKEND_OPS(OPS), .RESET_WAITS_DONE(1),
    .PREEMPTION(1)  /* CHUNK */, .VRAM_AW(VRAM_AW)
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
    .x_rd_req_valid_o(x_rd_req_valid), .x_rd_req_ready_i(d_rd_req_ready_i && !c_busy),
    .x_rd_req_addr_o(x_rd_req_addr), .x_rd_req_len_o(x_rd_req_len),
    .x_rd_data_valid_i(d_rd_data_valid_i && !c_busy), .x_rd_data_ready_o(x_rd_data_ready),
    .x_rd_data_i(d_rd_data_i), .x_rd_data_last_i(d_rd_data_last_i),
    .x_rd_data_err_i(d_rd_data_err_i), .x_rd_err_code_i(d_rd_err_code_i),
    .x_wr_req_valid_o(x_wr_req_valid), .x_wr_req_ready_i(wr_req_ready_i && !c_busy),
    .x_wr_req_addr_o(x_wr_req_addr), .x_wr_req_len_o(x_wr_req_len),
    .x_wr_data_valid_o(x_wr_data_valid), .x_wr_data_ready_i(wr_data_ready_i && !c_busy),
    .x_wr_data_o(x_wr_data), .x_wr_done_i(wr_done_i && !c_busy),
    .x_vr_req_o(x_vr_req), .x_vr_addr_o(x_vr_addr), .x_vr_gnt_i(vr_gnt_i && !c_busy),
    .x_vr_rdata_i(vr_rdata_i),
    .x_vw_req_o(x_vw_req), .x_vw_addr_o(x_vw_addr), .x_vw_be_o(x_vw_be), .x_vw_data_o(x_vw_data),
    .x_vw_gnt_i(vw_gnt_i && !c_busy),
    .ex_valid_o(ex_valid), .ex_opcode_o(ex_opcode), .ex_flags_o(ex_flags), .ex_args_o(ex_args),
    .ex_done_i(ex_done), .ex_error_i(ex_error), .ex_err_info_i(ex_err_info),
    .ex_stop_o(ex_stop), .ex_preempted_i(ex_preempted), .ex_resume_o(ex_resume),
    .ex_save_addr_o(ex_save_addr), .ex_reset_o(ex_reset)
  );

  copy_exec #(.VRAM_BYTES(VRAM_BYTES), .VRAM_AW(VRAM_AW)) u_exec (
    .clk_i(clk_i), .rst_ni(rst_ni),
    .ex_valid_i(ex_valid), .ex_opcode_i(ex_opcode), .ex_flags_i(ex_flags), .ex_args_i(ex_args),
    .ex_done_o(ex_done), .ex_error_o(ex_error), .ex_err_info_o(ex_err_info),
    .ex_stop_i(ex_stop), .ex_preempted_o(ex_preempted), .ex_resume_i(ex_resume),
    .ex_save_addr_i(ex_save_addr), .ex_reset_i(ex_reset),
    .busy_o(c_busy),
    .rd_req_valid_o(c_rd_req_valid), .rd_req_ready_i(d_rd_req_ready_i && c_busy),
    .rd_req_addr_o(c_rd_req_addr), .rd_req_len_o(c_rd_req_len),
    .rd_data_valid_i(d_rd_data_valid_i && c_busy), .rd_data_ready_o(c_rd_data_ready),
    .rd_data_i(d_rd_data_i), .rd_data_last_i(d_rd_data_last_i),
    .rd_data_err_i(d_rd_data_err_i), .rd_err_code_i(d_rd_err_code_i),
    .wr_req_valid_o(c_wr_req_valid), .wr_req_ready_i(wr_req_ready_i && c_busy),
    .wr_req_addr_o(c_wr_req_addr), .wr_req_len_o(c_wr_req_len),
    .wr_data_valid_o(c_wr_data_valid), .wr_data_ready_i(wr_data_ready_i && c_busy),
    .wr_data_o(c_wr_data), .wr_done_i(wr_done_i && c_busy),
    .vr_req_o(c_vr_req), .vr_addr_o(c_vr_addr), .vr_gnt_i(vr_gnt_i && c_busy),
    .vr_rdata_i(vr_rdata_i),
    .vw_req_o(c_vw_req), .vw_addr_o(c_vw_addr), .vw_be_o(c_vw_be), .vw_data_o(c_vw_data),
    .vw_gnt_i(vw_gnt_i && c_busy)
  );

  assign d_rd_req_valid_o  = c_busy ? c_rd_req_valid : x_rd_req_valid;
  assign d_rd_req_addr_o   = c_busy ? c_rd_req_addr : x_rd_req_addr;
  assign d_rd_req_len_o    = c_busy ? c_rd_req_len : x_rd_req_len;
  assign d_rd_data_ready_o = c_busy ? c_rd_data_ready : x_rd_data_ready;
  assign wr_req_valid_o    = c_busy ? c_wr_req_valid : x_wr_req_valid;
  assign wr_req_addr_o     = c_busy ? c_wr_req_addr : x_wr_req_addr;
  assign wr_req_len_o      = c_busy ? c_wr_req_len : x_wr_req_len;
  assign wr_data_valid_o   = c_busy ? c_wr_data_valid : x_wr_data_valid;
  assign wr_data_o         = c_busy ? c_wr_data : x_wr_data;
  assign vr_req_o          = c_busy ? c_vr_req : x_vr_req;
  assign vr_addr_o         = c_busy ? c_vr_addr : x_vr_addr;
  assign vw_req_o          = c_busy ? c_vw_req : x_vw_req;
  assign vw_addr_o         = c_busy ? c_vw_addr : x_vw_addr;
  assign vw_be_o           = c_busy ? c_vw_be : x_vw_be;
  assign vw_data_o         = c_busy ? c_vw_data : x_vw_data;
endmodule

`default_nettype wire
