// Compute engine: the engine front end (eng_ring) with the DISPATCH back end (compute_exec).
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sgpu_regs.vh"
`include "sgpu_cmds.vh"

// The device sees the same ports as copy_engine's. The host DMA clients are the front
// end's (ring fetch; WAIT reads; FENCE/TIMESTAMP writes), the back end's save and restore
// of a preempted DISPATCH (docs/dev/engines.md, "Compute save area") and the shader cores'
// host window (shader_host_port): the data read port is shared by WAIT reads, restores and
// host window loads (dma_rd_mux), the write port by the front end's writes, saves and host
// window stores (dma_wr_mux). A DISPATCH ends only once its host window writes are taken
// by the write mux, which keeps their order: so its completion fence follows them. VRAM is shared by the front end (VRAM fences, waits, timestamps) and the back end
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
  input  wire [63:0]                      ctx_save_addr_i,   // the context's save area
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
  wire               ex_resume;       // restore the command from the save area first
  wire [63:0]        ex_save_addr;    // the save area, latched at START
  wire [7:0]         ex_opcode, ex_flags, ex_error;
  wire [255:0]       ex_args;         // DISPATCH with HOST_WINDOW: 8 operand DWs
  wire [31:0]        ex_err_info;
  wire               c_busy = ex_valid;

  // The front end's data reads and writes, and the back end's.
  wire        r_rd_req_valid, r_rd_req_ready, r_rd_data_valid, r_rd_data_ready;
  wire        x_rd_req_valid, x_rd_req_ready, x_rd_data_valid, x_rd_data_ready;
  wire [63:0] r_rd_req_addr, x_rd_req_addr, rd_data;
  wire [23:0] r_rd_req_len, x_rd_req_len;
  wire        rd_data_last, rd_data_err;
  wire [1:0]  rd_err_code;
  wire        r_wr_req_valid, r_wr_req_ready, r_wr_data_valid, r_wr_data_ready, r_wr_done;
  wire        x_wr_req_valid, x_wr_req_ready, x_wr_data_valid, x_wr_data_ready, x_wr_done;
  wire [63:0] r_wr_req_addr, x_wr_req_addr, r_wr_data, x_wr_data;
  wire [23:0] r_wr_req_len, x_wr_req_len;
  // The host window's.
  wire        h_rd_req_valid, h_rd_req_ready, h_rd_data_valid, h_rd_data_ready;
  wire [63:0] h_rd_req_addr;
  wire [23:0] h_rd_req_len;
  wire        h_wr_req_valid, h_wr_req_ready, h_wr_data_valid, h_wr_data_ready, h_wr_done;
  wire [63:0] h_wr_req_addr, h_wr_data;
  wire [23:0] h_wr_req_len;

  eng_ring #(
    .VRAM_BYTES(VRAM_BYTES), .BACKEND_OPS(OPS), .RESET_WAITS_DONE(1),
    .PREEMPTION(2)  /* INSTRUCTION */, .ARGS_DWS(8), .VRAM_AW(VRAM_AW)
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
    .x_rd_req_valid_o(r_rd_req_valid), .x_rd_req_ready_i(r_rd_req_ready),
    .x_rd_req_addr_o(r_rd_req_addr), .x_rd_req_len_o(r_rd_req_len),
    .x_rd_data_valid_i(r_rd_data_valid), .x_rd_data_ready_o(r_rd_data_ready),
    .x_rd_data_i(rd_data), .x_rd_data_last_i(rd_data_last),
    .x_rd_data_err_i(rd_data_err), .x_rd_err_code_i(rd_err_code),
    .x_wr_req_valid_o(r_wr_req_valid), .x_wr_req_ready_i(r_wr_req_ready),
    .x_wr_req_addr_o(r_wr_req_addr), .x_wr_req_len_o(r_wr_req_len),
    .x_wr_data_valid_o(r_wr_data_valid), .x_wr_data_ready_i(r_wr_data_ready),
    .x_wr_data_o(r_wr_data), .x_wr_done_i(r_wr_done),
    .x_vr_req_o(x_vr_req), .x_vr_addr_o(x_vr_addr), .x_vr_gnt_i(vr_gnt_i && !c_busy),
    .x_vr_rdata_i(vr_rdata_i),
    .x_vw_req_o(x_vw_req), .x_vw_addr_o(x_vw_addr), .x_vw_be_o(x_vw_be), .x_vw_data_o(x_vw_data),
    .x_vw_gnt_i(vw_gnt_i && !c_busy),
    .ex_valid_o(ex_valid), .ex_opcode_o(ex_opcode), .ex_flags_o(ex_flags), .ex_args_o(ex_args),
    .ex_done_i(ex_done), .ex_error_i(ex_error), .ex_err_info_i(ex_err_info),
    .ex_stop_o(ex_stop), .ex_preempted_i(ex_preempted),
    .ex_resume_o(ex_resume), .ex_save_addr_o(ex_save_addr),
    .ex_reset_o(ex_reset)
  );

  compute_exec #(.CORES(CORES), .VRAM_BYTES(VRAM_BYTES), .VRAM_AW(VRAM_AW)) u_exec (
    .clk_i(clk_i), .rst_ni(rst_ni),
    .ex_valid_i(ex_valid), .ex_opcode_i(ex_opcode), .ex_flags_i(ex_flags), .ex_args_i(ex_args),
    .ex_stop_i(ex_stop), .ex_reset_i(ex_reset),
    .ex_resume_i(ex_resume), .ex_save_addr_i(ex_save_addr),
    .ex_done_o(ex_done), .ex_error_o(ex_error), .ex_err_info_o(ex_err_info),
    .ex_preempted_o(ex_preempted),
    .vr_req_o(c_vr_req), .vr_addr_o(c_vr_addr), .vr_gnt_i(vr_gnt_i && c_busy),
    .vr_rdata_i(vr_rdata_i),
    .vw_req_o(c_vw_req), .vw_addr_o(c_vw_addr), .vw_be_o(c_vw_be), .vw_data_o(c_vw_data),
    .vw_gnt_i(vw_gnt_i && c_busy),
    .rd_req_valid_o(x_rd_req_valid), .rd_req_ready_i(x_rd_req_ready),
    .rd_req_addr_o(x_rd_req_addr), .rd_req_len_o(x_rd_req_len),
    .rd_data_valid_i(x_rd_data_valid), .rd_data_ready_o(x_rd_data_ready),
    .rd_data_i(rd_data), .rd_data_last_i(rd_data_last), .rd_data_err_i(rd_data_err),
    .rd_err_code_i(rd_err_code),
    .wr_req_valid_o(x_wr_req_valid), .wr_req_ready_i(x_wr_req_ready),
    .wr_req_addr_o(x_wr_req_addr), .wr_req_len_o(x_wr_req_len),
    .wr_data_valid_o(x_wr_data_valid), .wr_data_ready_i(x_wr_data_ready),
    .wr_data_o(x_wr_data), .wr_done_i(x_wr_done),
    .h_rd_req_valid_o(h_rd_req_valid), .h_rd_req_ready_i(h_rd_req_ready),
    .h_rd_req_addr_o(h_rd_req_addr), .h_rd_req_len_o(h_rd_req_len),
    .h_rd_data_valid_i(h_rd_data_valid), .h_rd_data_ready_o(h_rd_data_ready),
    .h_rd_data_i(rd_data), .h_rd_data_last_i(rd_data_last), .h_rd_data_err_i(rd_data_err),
    .h_wr_req_valid_o(h_wr_req_valid), .h_wr_req_ready_i(h_wr_req_ready),
    .h_wr_req_addr_o(h_wr_req_addr), .h_wr_req_len_o(h_wr_req_len),
    .h_wr_data_valid_o(h_wr_data_valid), .h_wr_data_ready_i(h_wr_data_ready),
    .h_wr_data_o(h_wr_data), .h_wr_done_i(h_wr_done),
    .busy_cores_o(busy_cores_o)
  );

  // Client 0 the front end, 1 the back end's save/restore, 2 the host window.
  // (An adapter reset resets this mux with the engine: the device-level mux does the abort.)
  dma_rd_mux #(.CLIENTS(3)) u_rd_mux (
    .clk_i(clk_i), .rst_ni(rst_ni), .abort_i(1'b0),
    .c_req_valid_i({h_rd_req_valid, x_rd_req_valid, r_rd_req_valid}),
    .c_req_ready_o({h_rd_req_ready, x_rd_req_ready, r_rd_req_ready}),
    .c_req_addr_i({h_rd_req_addr, x_rd_req_addr, r_rd_req_addr}),
    .c_req_len_i({h_rd_req_len, x_rd_req_len, r_rd_req_len}),
    .c_data_valid_o({h_rd_data_valid, x_rd_data_valid, r_rd_data_valid}),
    .c_data_ready_i({h_rd_data_ready, x_rd_data_ready, r_rd_data_ready}),
    .c_data_o(rd_data), .c_data_last_o(rd_data_last), .c_data_err_o(rd_data_err),
    .c_err_code_o(rd_err_code),
    .rd_req_valid_o(d_rd_req_valid_o), .rd_req_ready_i(d_rd_req_ready_i),
    .rd_req_addr_o(d_rd_req_addr_o), .rd_req_len_o(d_rd_req_len_o),
    .rd_data_valid_i(d_rd_data_valid_i), .rd_data_ready_o(d_rd_data_ready_o),
    .rd_data_i(d_rd_data_i), .rd_data_last_i(d_rd_data_last_i),
    .rd_data_err_i(d_rd_data_err_i), .rd_err_code_i(d_rd_err_code_i)
  );

  dma_wr_mux #(.CLIENTS(3)) u_wr_mux (
    .clk_i(clk_i), .rst_ni(rst_ni),
    .c_req_valid_i({h_wr_req_valid, x_wr_req_valid, r_wr_req_valid}),
    .c_req_ready_o({h_wr_req_ready, x_wr_req_ready, r_wr_req_ready}),
    .c_req_addr_i({h_wr_req_addr, x_wr_req_addr, r_wr_req_addr}),
    .c_req_len_i({h_wr_req_len, x_wr_req_len, r_wr_req_len}),
    .c_data_valid_i({h_wr_data_valid, x_wr_data_valid, r_wr_data_valid}),
    .c_data_ready_o({h_wr_data_ready, x_wr_data_ready, r_wr_data_ready}),
    .c_data_i({h_wr_data, x_wr_data, r_wr_data}),
    .c_done_o({h_wr_done, x_wr_done, r_wr_done}),
    .wr_req_valid_o(wr_req_valid_o), .wr_req_ready_i(wr_req_ready_i),
    .wr_req_addr_o(wr_req_addr_o), .wr_req_len_o(wr_req_len_o),
    .wr_data_valid_o(wr_data_valid_o), .wr_data_ready_i(wr_data_ready_i),
    .wr_data_o(wr_data_o), .wr_done_i(wr_done_i)
  );

  assign vr_req_o  = c_busy ? c_vr_req : x_vr_req;
  assign vr_addr_o = c_busy ? c_vr_addr : x_vr_addr;
  assign vw_req_o  = c_busy ? c_vw_req : x_vw_req;
  assign vw_addr_o = c_busy ? c_vw_addr : x_vw_addr;
  assign vw_be_o   = c_busy ? c_vw_be : x_vw_be;
  assign vw_data_o = c_busy ? c_vw_data : x_vw_data;
endmodule

`default_nettype wire
