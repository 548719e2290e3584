// cpu_shift: E-stage barrel shifter of cpu_core (sll, srl, sra) as a rotator plus a mask.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// A right rotation by s (srl/sra) or by 32-s (sll) brings every bit to its place in five
// 2:1 mux levels; one more LUT level then replaces the bits that wrapped around by zero or
// the sign. The mask and the negated amount depend only on the shift amount, so they are
// ready before the data reaches the last level. Compared with reversing the operand for
// left shifts this saves two LUT levels on one of the longest paths in E, at about the same
// size; compared with separate left and right shifters it saves ~100 LUTs.
// The output is zero unless en_i, so the ALU can OR it into its result.
module cpu_shift (
  input  wire [31:0] a_i,
  input  wire [4:0]  shamt_i,
  input  wire        left_i,
  input  wire        arith_i,
  input  wire        en_i,
  output wire [31:0] res_o
);
  // The shifter is idle most cycles: the guarded block lets Verilator skip it then
  // (yosys builds the same logic: the defaults are never read).
  reg  [4:0]  amt;
  reg  [31:0] r1, r2, r3, r4, r5, keep, res;
  reg         fill;
  always @* begin
    amt = 5'd0; r1 = 32'd0; r2 = 32'd0; r3 = 32'd0; r4 = 32'd0; r5 = 32'd0;
    keep = 32'd0; fill = 1'b0; res = 32'd0;
    if (en_i) begin
      amt = left_i ? 5'd0 - shamt_i : shamt_i;
      r1 = amt[0] ? {a_i[0],    a_i[31:1]}  : a_i;
      r2 = amt[1] ? {r1[1:0],   r1[31:2]}   : r1;
      r3 = amt[2] ? {r2[3:0],   r2[31:4]}   : r2;
      r4 = amt[3] ? {r3[7:0],   r3[31:8]}   : r3;
      r5 = amt[4] ? {r4[15:0],  r4[31:16]}  : r4;
      fill = arith_i & a_i[31];
      keep = left_i ? 32'hffffffff << shamt_i : 32'hffffffff >> shamt_i;
      res = (keep & r5) | (~keep & {32{fill}});
    end
  end

  // `keep` stops yosys from merging the output into the ALU's late LUTs.
  (* keep *) wire [31:0] res_k = res;
  assign res_o = res_k;
endmodule

`default_nettype wire
