// cpu_alu_tb: random operands (from +seed=N) against SystemVerilog arithmetic, plus edges.
// SPDX-License-Identifier: Apache-2.0
module cpu_alu_tb;
  logic [31:0] a, b, side, shift;
  logic        sub, cmpu, use_logic, slt;
  logic [1:0]  lop;
  wire  [31:0] res;
  wire         lt, eq;
  cpu_alu dut (.a_i(a), .b_i(b), .sub_i(sub), .cmp_unsigned_i(cmpu), .use_logic_i(use_logic),
               .lop_i(lop), .slt_i(slt), .side_i(side), .shift_i(shift), .res_o(res),
               .lt_o(lt), .eq_o(eq));

  int unsigned seed, seed0, errors = 0, checks = 0;
  function automatic logic [31:0] rnd();
    seed ^= seed << 13; seed ^= seed >> 17; seed ^= seed << 5; return seed;
  endfunction
  task automatic check(string what, logic [31:0] got, logic [31:0] want);
    checks++;
    if (got !== want) begin
      errors++;
      if (errors <= 10) $display("  mismatch %s a=%h b=%h: got %h want %h", what, a, b, got, want);
    end
  endtask
  // op: 0 add 1 sub 2 slt 3 sltu 4 xor 5 or 6 and 7 side 8 shift
  task automatic run(int op);
    logic [31:0] want;
    side = 0; shift = 0; slt = 0; sub = 0; cmpu = 0; use_logic = 0; lop = 0;
    case (op)
      0: want = a + b;
      1: begin sub = 1; want = a - b; end
      2: begin sub = 1; slt = 1; use_logic = 1; want = {31'd0, $signed(a) < $signed(b)}; end
      3: begin sub = 1; slt = 1; use_logic = 1; cmpu = 1; want = {31'd0, a < b}; end
      4: begin use_logic = 1; lop = 1; want = a ^ b; end
      5: begin use_logic = 1; lop = 2; want = a | b; end
      6: begin use_logic = 1; lop = 3; want = a & b; end
      7: begin use_logic = 1; side = rnd(); want = side; end
      default: begin use_logic = 1; shift = rnd(); want = shift; end
    endcase
    #1;
    check($sformatf("op%0d", op), res, want);
    if (op == 1 || op == 2) check("lt signed", {31'd0, lt}, {31'd0, $signed(a) < $signed(b)});
    if (op == 3) check("lt unsigned", {31'd0, lt}, {31'd0, a < b});
    check("eq", {31'd0, eq}, {31'd0, a == b});
  endtask

  initial begin
    logic [31:0] edges [6] = '{32'd0, 32'd1, 32'hffffffff, 32'h80000000, 32'h7fffffff, 32'h12345678};
    if (!$value$plusargs("seed=%d", seed)) seed = 1;
    if (seed == 0) seed = 1;
    seed0 = seed;
    $display("cpu_alu_tb: seed %0d", seed);
    foreach (edges[i]) foreach (edges[j]) for (int op = 0; op < 9; op++) begin
      a = edges[i]; b = edges[j]; run(op);
    end
    repeat (20000) begin
      a = rnd(); b = (rnd() % 4 == 0) ? a : rnd();   // equal operands now and then
      run(int'(rnd() % 9));
    end
    if (errors == 0) $display("PASS cpu_alu");
    else $fatal(1, "FAIL cpu_alu: %0d of %0d checks wrong (seed %0d)", errors, checks, seed0);
    $finish;
  end
endmodule
