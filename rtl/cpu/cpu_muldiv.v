// cpu_muldiv: iterative multiplier and divider of cpu_core (M extension), one bit a cycle.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// No DSPs on the iCE40 HX parts, and the programs seldom multiply, so both share one
// 34-bit adder and take one bit a cycle:
//  - multiply: shift-add into {acc, q} with q = rs1 (multiplier, low bit first) and rs2
//    added in. A signed multiplier's top bit weighs -2^31, so the last step subtracts; a
//    signed multiplicand is sign-extended. This gives all four MUL/MULH/MULHSU/MULHU without
//    negating anything. 32 steps.
//  - divide: non-restoring division of magnitudes, quotient bits shifted into q and the
//    partial remainder kept in acc (it may go negative, which saves the restore mux). A
//    negative divisor is added where a positive one is subtracted, so only the dividend
//    needs negating first; then one step corrects a negative remainder and one negates the
//    quotient or remainder, each only when needed. 32 to 35 steps.
// Operands: op_i must hold still from start_i until clear_i (the core's E stage keeps it
// while it stalls); a_i is read at start_i only, and b_i is copied then: it enters the
// adder at every step, and the core's operand comes late (register RAM and forwarding).
// start_i is raised in the first cycle E holds the instruction; done_o then holds until
// clear_i, which the core raises when the instruction leaves E or is flushed.
// Timing: only flops feed the adder's inputs, and the next acc and q take the adder's sum
// through one LUT (the other choices are settled before, kept apart).
module cpu_muldiv (
  input  wire        clk_i,
  input  wire        rst_ni,
  input  wire        start_i,
  input  wire        clear_i,
  input  wire [2:0]  op_i,          // funct3
  input  wire [31:0] a_i,
  input  wire [31:0] b_i,
  output wire        busy_o,        // not idle (started, running or done)
  output wire        done_o,
  output wire        hi_o,          // the result is acc_o (high product, remainder), else q_o
  output wire [31:0] acc_o,
  output wire [31:0] q_o
);
  localparam [2:0] S_IDLE = 3'd0, S_NEGA = 3'd1, S_RUN = 3'd2, S_FIXR = 3'd3, S_NEGR = 3'd4,
                   S_DONE = 3'd5;

  reg  [2:0]  state_q, state_d;
  reg  [4:0]  cnt_q, cnt_d;
  reg  [32:0] acc_q, acc_d;         // product high part / partial remainder (signed)
  reg  [31:0] q_q, q_d;             // multiplier then product low part / dividend, quotient

  // Operand signs are registered at the start: they steer every bit of the adder input.
  reg         nega_q, negb_q, negq_q, dx_q;
  reg  [31:0] b_q;
  wire is_div = op_i[2];
  wire sgn    = !op_i[0];                                   // div, rem
  wire nega_d = is_div & sgn & a_i[31];                     // negative dividend
  wire negb_d = is_div & sgn & b_i[31];                     // negative divisor
  wire negq_d = nega_d ^ negb_d && b_i != 32'd0;            // quotient sign (x/0 = -1)
  wire dx_d   = b_i[31] & (is_div ? sgn : op_i[1:0] == 2'b01);  // sign-extend rs2
  wire msgn   = op_i[1:0] == 2'b01 || op_i[1:0] == 2'b10;   // mulh, mulhsu: rs1 signed

  // What the adder does in the current step, decoded from the state one cycle ahead so
  // that only q[0] / acc[32] (data) remain in front of the carry chain.
  reg         c_mul_q, c_div_q, c_fixr_q, c_nq_q, c_nacc_q, c_last_q;
  reg         c_mul_d, c_div_d, c_fixr_d, c_nq_d, c_nacc_d, c_last_d;

  // The unit is idle almost always: its datapath sits in a guarded block so that Verilator
  // skips it then (yosys builds the same logic: the defaults are never read).
  reg         gate, inv;
  reg  [33:0] in1, in2, sum;
  reg  [34:0] sum_w;
  always @* begin
    gate = 1'b0; inv = 1'b0; in1 = 34'd0; in2 = 34'd0; sum_w = 35'd0; sum = 34'd0;
    if (state_q != S_IDLE) begin
      gate = c_div_q | (c_mul_q & q_q[0]) | (c_fixr_q & acc_q[32]);
      inv  = (c_div_q & (!acc_q[32] ^ negb_q)) | (c_mul_q & c_last_q & msgn) |
             (c_fixr_q & negb_q);
      if (c_nacc_q)     in1 = {1'b1, ~acc_q};
      else if (c_nq_q)  in1 = {2'b11, ~q_q};
      else if (c_div_q) in1 = {acc_q, q_q[31]};
      else              in1 = {acc_q[32], acc_q};
      in2 = gate ? ({dx_q, dx_q, b_q} ^ {34{inv}}) : 34'd0;
      // {x, 1} + {y, cin}: one carry chain with a carry-in
      sum_w = {in1, 1'b1} + {in2, c_nq_q | c_nacc_q | (gate & inv)};
      sum = sum_w[34:1];
    end
  end

  // acc and q: which steps write them, and their value but for the sum (early, kept).
  wire run = state_q == S_RUN, idle = state_q == S_IDLE;
  (* keep *) wire acc_en = (idle & start_i) | run | state_q == S_FIXR |
                           (state_q == S_NEGR & op_i[1]);
  (* keep *) wire q_en   = (idle & start_i) | run | state_q == S_NEGA |
                           (state_q == S_NEGR & !op_i[1]);
  (* keep *) wire q_sum  = !idle & !run;                   // negations take the sum as is
  (* keep *) wire [31:0] q_other = idle ? a_i : c_mul_q ? {1'b0, q_q[31:1]} : {q_q[30:0], 1'b0};

  always @* begin
    state_d = state_q; cnt_d = cnt_q;
    acc_d = idle ? 33'd0 : c_mul_q ? sum[33:1] : sum[32:0];
    q_d   = q_sum ? sum[31:0] : q_other |
            (run ? (c_mul_q ? {sum[0], 31'd0} : {31'd0, !sum[33]}) : 32'd0);
    case (state_q)
      S_IDLE: if (start_i) begin
        cnt_d = 5'd0;
        // a dividend to negate first (signed and negative), else straight to the steps
        state_d = is_div && nega_d ? S_NEGA : S_RUN;
      end
      S_NEGA: state_d = S_RUN;
      S_RUN: begin
        cnt_d = cnt_q + 5'd1;
        // then: remainders need the correction step, negative results the negation
        if (c_last_q) state_d = is_div && op_i[1] ? S_FIXR : is_div && negq_q ? S_NEGR : S_DONE;
      end
      S_FIXR: state_d = nega_q ? S_NEGR : S_DONE;
      S_NEGR: state_d = S_DONE;
      default: ;
    endcase
    if (clear_i) state_d = S_IDLE;
    c_mul_d  = state_d == S_RUN && !is_div;
    c_div_d  = state_d == S_RUN && is_div;
    c_fixr_d = state_d == S_FIXR;
    c_nq_d   = state_d == S_NEGA || (state_d == S_NEGR && !op_i[1]);
    c_nacc_d = state_d == S_NEGR && op_i[1];
    c_last_d = cnt_d == 5'd31;
  end

  always @(posedge clk_i) begin
    if (!rst_ni) state_q <= S_IDLE;
    else         state_q <= state_d;
    cnt_q <= cnt_d;
    if (acc_en) acc_q <= acc_d;
    if (q_en)   q_q <= q_d;
    c_mul_q <= c_mul_d; c_div_q <= c_div_d; c_fixr_q <= c_fixr_d; c_nq_q <= c_nq_d;
    c_nacc_q <= c_nacc_d; c_last_q <= c_last_d;
    if (state_q == S_IDLE) begin
      nega_q <= nega_d; negb_q <= negb_d; negq_q <= negq_d; dx_q <= dx_d; b_q <= b_i;
    end
  end

  // High product halves and remainders are in acc; MUL and quotients in q. The core picks
  // one in its result mux (saves a mux here).
  assign hi_o  = is_div ? op_i[1] : op_i[1:0] != 2'b00;
  assign acc_o = acc_q[31:0];
  assign q_o   = q_q;
  assign busy_o = state_q != S_IDLE;
  assign done_o = state_q == S_DONE;

  wire unused_ok = sum_w[0];
endmodule

`default_nettype wire
