// A shader core's work-item registers: its current work item and the claim of the next.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// Read-only words in the top 64 bytes of the address space (docs/kernels.md), by word
// index addr[5:2] (offset from 2^32 in brackets):
//   15 NEXT (-4)  claims the next work item, answers the entry point (KERNEL)
//   14 ARGS (-8)  13 global x (-12)  12 workgroup y (-16)  11 workgroup z (-20)
//   10 local id (-24)  9 workgroup x (-28)  8 WG_SIZE (-32)  7..5 GRID_X, _Y, _Z (-36..-44)
//    4 core id (-48)   3 RESUME (-52): 1 if this core restores a saved state (the
//    trampoline's boot)   2..0 reserved, read 0
// The core takes whole workgroups and runs their work items in order of local id: a read
// of NEXT is answered at once while the current workgroup has work items left (local id
// and global x count up by one); otherwise it asks the dispatcher (wg_req_o) and waits,
// without answering, until it is granted a workgroup (wg_gnt_i, values with it) - for ever
// when the grid is done. Counting needs no multiplier: the dispatcher hands over
// wg_base_x_i = workgroup x * WG_SIZE.
// Preemption (compute_exec): the registers are state of the dispatch, so they survive run_i
// low; clear_i (a dispatch begins) empties them. While the core is in reset the state port
// reads and writes them as 64-bit rows: 0 {lid, left}, 1 {wg_x, gx}, 2 {wg_z, wg_y},
// 3 {63'b0, resume}.
module shader_workitem #(
  parameter integer CORE_ID = 0
) (
  input  wire        clk_i,
  input  wire        run_i,        // low: the core is in reset (no claims)
  input  wire        clear_i,      // a dispatch begins: no workgroup, no resume
  // The state port (only while run_i is low).
  input  wire        st_we_i,
  input  wire [1:0]  st_row_i,
  input  wire [63:0] st_wdata_i,
  output reg  [63:0] st_rdata_o,   // row st_row_i, combinational
  // The dispatch, stable while run_i is high.
  input  wire [31:0] kernel_i,
  input  wire [31:0] args_i,
  input  wire [31:0] wg_size_i,
  input  wire [31:0] grid_x_i,
  input  wire [31:0] grid_y_i,
  input  wire [31:0] grid_z_i,
  // A read of the registers, pending this cycle (the core's registered request).
  input  wire        rd_i,
  input  wire [3:0]  index_i,
  output reg  [31:0] rdata_o,
  output wire        ready_o,      // answer rd_i this cycle
  // The workgroup dispatcher.
  output wire        wg_req_o,
  input  wire        wg_gnt_i,
  input  wire [31:0] wg_x_i,
  input  wire [31:0] wg_y_i,
  input  wire [31:0] wg_z_i,
  input  wire [31:0] wg_base_x_i
);
  localparam [3:0] IDX_NEXT = 4'd15;

  reg  [31:0] left_q, left_d;      // work items of the workgroup not yet claimed
  reg  [31:0] lid_q, lid_d;        // the current work item (all ones before the first)
  reg  [31:0] gx_q, gx_d;
  reg  [31:0] wg_x_q, wg_x_d, wg_y_q, wg_y_d, wg_z_q, wg_z_d;
  reg         resume_q, resume_d;

  wire rd_next = rd_i & (index_i == IDX_NEXT);
  wire have    = left_q != 32'd0;
  wire claim   = rd_next & have;
  assign wg_req_o = run_i & rd_next & ~have;
  assign ready_o  = ~rd_next | have;

  always @* begin
    left_d = left_q; lid_d = lid_q; gx_d = gx_q;
    wg_x_d = wg_x_q; wg_y_d = wg_y_q; wg_z_d = wg_z_q; resume_d = resume_q;
    if (clear_i) begin
      left_d = 32'd0; resume_d = 1'b0;
    end else if (st_we_i) begin
      case (st_row_i)
        2'd0:    begin left_d = st_wdata_i[31:0]; lid_d = st_wdata_i[63:32]; end
        2'd1:    begin gx_d = st_wdata_i[31:0]; wg_x_d = st_wdata_i[63:32]; end
        2'd2:    begin wg_y_d = st_wdata_i[31:0]; wg_z_d = st_wdata_i[63:32]; end
        default: resume_d = st_wdata_i[0];
      endcase
    end else if (!run_i) begin
      left_d = left_q;
    end else if (wg_gnt_i) begin
      left_d = wg_size_i;
      lid_d  = 32'hFFFF_FFFF;
      gx_d   = wg_base_x_i - 32'd1;
      wg_x_d = wg_x_i; wg_y_d = wg_y_i; wg_z_d = wg_z_i;
    end else if (claim) begin
      left_d = left_q - 32'd1;
      lid_d  = lid_q + 32'd1;
      gx_d   = gx_q + 32'd1;
    end
  end

  always @(posedge clk_i) begin
    left_q <= left_d; lid_q <= lid_d; gx_q <= gx_d;
    wg_x_q <= wg_x_d; wg_y_q <= wg_y_d; wg_z_q <= wg_z_d; resume_q <= resume_d;
  end

  always @* begin
    case (st_row_i)
      2'd0:    st_rdata_o = {lid_q, left_q};
      2'd1:    st_rdata_o = {wg_x_q, gx_q};
      2'd2:    st_rdata_o = {wg_z_q, wg_y_q};
      default: st_rdata_o = {63'd0, resume_q};
    endcase
  end

  always @* begin
    case (index_i)
      4'd15:   rdata_o = kernel_i;
      4'd14:   rdata_o = args_i;
      4'd13:   rdata_o = gx_q;
      4'd12:   rdata_o = wg_y_q;
      4'd11:   rdata_o = wg_z_q;
      4'd10:   rdata_o = lid_q;
      4'd9:    rdata_o = wg_x_q;
      4'd8:    rdata_o = wg_size_i;
      4'd7:    rdata_o = grid_x_i;
      4'd6:    rdata_o = grid_y_i;
      4'd5:    rdata_o = grid_z_i;
      4'd4:    rdata_o = CORE_ID;
      4'd3:    rdata_o = {31'd0, resume_q};
      default: rdata_o = 32'd0;
    endcase
  end
endmodule

`default_nettype wire
