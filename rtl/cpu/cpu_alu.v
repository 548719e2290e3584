// cpu_alu: E-stage adder, compare and logic unit of cpu_core; merges the shifter output.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// One 33-bit adder serves add, sub, slt/sltu and the branch compares: the extra top bit
// (operand sign, or zero when unsigned) makes bit 32 of a - b the "less than" flag for
// both signednesses. Everything that is not the adder (logic ops, and the "side" results:
// link address, CSR, mul/div) is combined early into one term, and the shifter output
// arrives already zeroed when unused, so the result needs a single LUT after the carry
// chain: res = (sum & !use_logic) | other | shift.
module cpu_alu (
  input  wire [31:0] a_i,
  input  wire [31:0] b_i,
  input  wire        sub_i,
  input  wire        cmp_unsigned_i,
  input  wire        use_logic_i,   // the result is not the adder
  input  wire [1:0]  lop_i,         // 00 zero, 01 xor, 10 or, 11 and
  input  wire        slt_i,
  input  wire [31:0] side_i,        // zero unless the result comes from elsewhere
  input  wire [31:0] shift_i,       // zero unless a shift
  output wire [31:0] res_o,
  output wire        lt_o,
  output wire        eq_o
);
  wire ea = !cmp_unsigned_i & a_i[31];
  wire eb = !cmp_unsigned_i & b_i[31];
  // {x, 1} + {y, sub}: the low bit turns sub into the carry-in of one carry chain.
  wire [33:0] sum = {ea, a_i, 1'b1} + ({eb, b_i, sub_i} ^ {{33{sub_i}}, 1'b0});

  reg [31:0] logic_r;
  always @* begin
    case (lop_i)
      2'b00:   logic_r = 32'd0;
      2'b01:   logic_r = a_i ^ b_i;
      2'b10:   logic_r = a_i | b_i;
      default: logic_r = a_i & b_i;
    endcase
  end
  // `keep` stops yosys from merging these into the late LUTs after the carry chain.
  (* keep *) wire [31:0] other = logic_r | side_i;
  (* keep *) wire        early0 = (sum[1] & !use_logic_i) | other[0];

  // lt and eq are kept as nets so that each function of them in cpu_core is one LUT.
  (* keep *) wire lt = sum[33];
  (* keep *) wire eq = a_i == b_i;
  assign lt_o  = lt;
  assign eq_o  = eq;
  assign res_o = {(sum[32:2] & {31{!use_logic_i}}) | other[31:1] | shift_i[31:1],
                  early0 | shift_i[0] | (slt_i & lt)};

  wire unused_ok = sum[0];
endmodule

`default_nettype wire
