// cpu_shift_tb: every shift amount, random data (from +seed=N), against SystemVerilog shifts.
// SPDX-License-Identifier: Apache-2.0
module cpu_shift_tb;
  logic [31:0] a;
  logic [4:0]  s;
  logic        left, arith, en;
  wire  [31:0] res;
  cpu_shift dut (.a_i(a), .shamt_i(s), .left_i(left), .arith_i(arith), .en_i(en), .res_o(res));

  int unsigned seed, seed0, errors = 0, checks = 0;
  function automatic logic [31:0] rnd();
    seed ^= seed << 13; seed ^= seed >> 17; seed ^= seed << 5; return seed;
  endfunction
  task automatic run(int kind);   // 0 sll 1 srl 2 sra 3 disabled
    logic [31:0] want;
    left = kind == 0; arith = kind == 2; en = kind != 3;
    case (kind)
      0: want = a << s;
      1: want = a >> s;
      2: want = $unsigned($signed(a) >>> s);
      default: want = 32'd0;
    endcase
    #1; checks++;
    if (res !== want) begin
      errors++;
      if (errors <= 10) $display("  mismatch kind %0d a=%h s=%0d: got %h want %h", kind, a, s, res, want);
    end
  endtask

  initial begin
    if (!$value$plusargs("seed=%d", seed)) seed = 1;
    if (seed == 0) seed = 1;
    seed0 = seed;
    $display("cpu_shift_tb: seed %0d", seed);
    for (int k = 0; k < 4; k++) for (int i = 0; i < 32; i++) begin
      s = i[4:0];
      a = 32'h80000001; run(k);
      a = 32'h7ffffffe; run(k);
      a = 32'hffffffff; run(k);
    end
    repeat (20000) begin
      a = rnd(); s = rnd() % 32; run(int'(rnd() % 4));
    end
    if (errors == 0) $display("PASS cpu_shift");
    else $fatal(1, "FAIL cpu_shift: %0d of %0d checks wrong (seed %0d)", errors, checks, seed0);
    $finish;
  end
endmodule
