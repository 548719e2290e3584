// Hands out the workgroups of a DISPATCH to the shader cores, x fastest, then y, then z.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// start_i (one cycle, with the grid stable from then on) begins at workgroup (0, 0, 0).
// Each cycle at most one core that asks (req_i, a bit per core) gets the next workgroup
// (gnt_o, one-hot, with wg_*_o); cores that ask together are served in round-robin order,
// starting after the last one served. left_o is low once every workgroup has been handed
// out. wg_base_x_o = wg_x_o * WG_SIZE is kept by addition, so that no multiplier is needed.
// Preemption: hold_i hands out nothing (the position stays); load_i (instead of start_i)
// puts back a saved position: the next workgroup and whether any is left.
module compute_wg_dispatch #(
  parameter integer CORES = 2
) (
  input  wire             clk_i,
  input  wire             rst_ni,
  input  wire             start_i,
  input  wire             stop_i,      // forget the grid (reset, fault)
  input  wire             hold_i,
  input  wire             load_i,
  input  wire [31:0]      ld_x_i,
  input  wire [31:0]      ld_y_i,
  input  wire [31:0]      ld_z_i,
  input  wire [31:0]      ld_base_x_i,
  input  wire             ld_left_i,
  input  wire [31:0]      grid_x_i,
  input  wire [31:0]      grid_y_i,
  input  wire [31:0]      grid_z_i,
  input  wire [31:0]      wg_size_i,
  input  wire [CORES-1:0] req_i,
  output reg  [CORES-1:0] gnt_o,
  output wire [31:0]      wg_x_o,
  output wire [31:0]      wg_y_o,
  output wire [31:0]      wg_z_o,
  output wire [31:0]      wg_base_x_o,
  output wire             left_o
);
  localparam integer PW = CORES > 1 ? $clog2(CORES) : 1;

  reg         left_q, left_d;
  reg  [31:0] x_q, x_d, y_q, y_d, z_q, z_d, base_q, base_d;

  wire          any;
  wire [PW-1:0] pick;
  compute_rr_arb #(.N(CORES), .PW(PW)) u_arb (
    .clk_i(clk_i), .rst_ni(rst_ni), .req_i(req_i), .take_i(left_q & ~hold_i), .any_o(any), .pick_o(pick)
  );

  wire give   = left_q & any & ~hold_i;
  wire last_x = x_q == grid_x_i - 32'd1;
  wire last_y = y_q == grid_y_i - 32'd1;
  wire last_z = z_q == grid_z_i - 32'd1;

  always @* begin
    gnt_o = {CORES{1'b0}};
    if (give) gnt_o[pick] = 1'b1;
    left_d = left_q; x_d = x_q; y_d = y_q; z_d = z_q; base_d = base_q;
    if (stop_i) begin
      left_d = 1'b0;
    end else if (start_i) begin
      left_d = 1'b1; x_d = 32'd0; y_d = 32'd0; z_d = 32'd0; base_d = 32'd0;
    end else if (load_i) begin
      left_d = ld_left_i; x_d = ld_x_i; y_d = ld_y_i; z_d = ld_z_i; base_d = ld_base_x_i;
    end else if (give) begin
      if (!last_x) begin
        x_d = x_q + 32'd1; base_d = base_q + wg_size_i;
      end else begin
        x_d = 32'd0; base_d = 32'd0;
        if (!last_y) y_d = y_q + 32'd1;
        else begin
          y_d = 32'd0;
          if (!last_z) z_d = z_q + 32'd1;
          else left_d = 1'b0;
        end
      end
    end
  end

  always @(posedge clk_i) begin
    if (!rst_ni) begin
      left_q <= 1'b0;
    end else begin
      left_q <= left_d;
    end
    x_q <= x_d; y_q <= y_d; z_q <= z_d; base_q <= base_d;
  end

  assign wg_x_o      = x_q;
  assign wg_y_o      = y_q;
  assign wg_z_o      = z_q;
  assign wg_base_x_o = base_q;
  assign left_o      = left_q;
endmodule

`default_nettype wire
