// Checks that a DISPATCH's work-item count, GRID_X * GRID_Y * GRID_Z * WG_SIZE, fits 32 bits.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// Three multiplications, one multiplier bit per cycle (about 100 cycles, which the engine
// overlaps with the kernel load), so no multiplier array: the product so far times the
// next factor, most significant bit first (acc = 2 * acc + bit * product). The partial
// sums only grow, so the product overflows iff some step passes 2^32; the check stops
// there. start_i (one cycle) samples nothing: the factors must stay stable until done_o.
// The factors are non-zero (compute_exec checks that first).
module compute_grid_check (
  input  wire        clk_i,
  input  wire        rst_ni,
  input  wire        start_i,
  input  wire        abort_i,
  input  wire [31:0] grid_x_i,
  input  wire [31:0] grid_y_i,
  input  wire [31:0] grid_z_i,
  input  wire [31:0] wg_size_i,
  output wire        busy_o,
  output wire        overflow_o    // the last check's answer, valid once busy_o falls
);
  reg        busy_q, busy_d;
  reg        ovf_q, ovf_d;
  reg [1:0]  factor_q, factor_d;   // 0: * GRID_Y, 1: * GRID_Z, 2: * WG_SIZE
  reg [4:0]  bit_q, bit_d;         // multiplier bit, 31 down to 0
  reg [31:0] prod_q, prod_d;       // product of the factors done so far
  reg [31:0] acc_q, acc_d;

  reg [31:0] mult;
  reg [32:0] twice, sum;
  always @* begin
    case (factor_q)
      2'd0:    mult = grid_y_i;
      2'd1:    mult = grid_z_i;
      default: mult = wg_size_i;
    endcase
    twice = {acc_q, 1'b0};
    sum   = twice[31:0] + (mult[bit_q] ? {1'b0, prod_q} : 33'd0);

    busy_d = busy_q; ovf_d = ovf_q; factor_d = factor_q; bit_d = bit_q;
    prod_d = prod_q; acc_d = acc_q;
    if (abort_i) begin
      busy_d = 1'b0;
    end else if (start_i) begin
      busy_d = 1'b1; ovf_d = 1'b0; factor_d = 2'd0; bit_d = 5'd31;
      prod_d = grid_x_i; acc_d = 32'd0;
    end else if (busy_q) begin
      if (twice[32] || sum[32]) begin
        ovf_d = 1'b1; busy_d = 1'b0;
      end else if (bit_q != 5'd0) begin
        acc_d = sum[31:0]; bit_d = bit_q - 5'd1;
      end else begin
        prod_d = sum[31:0]; acc_d = 32'd0; bit_d = 5'd31;
        if (factor_q == 2'd2) busy_d = 1'b0;
        factor_d = factor_q + 2'd1;
      end
    end
  end

  always @(posedge clk_i) begin
    if (!rst_ni) busy_q <= 1'b0;
    else         busy_q <= busy_d;
    ovf_q <= ovf_d; factor_q <= factor_d; bit_q <= bit_d; prod_q <= prod_d; acc_q <= acc_d;
  end

  assign busy_o     = busy_q;
  assign overflow_o = ovf_q;
endmodule

`default_nettype wire
