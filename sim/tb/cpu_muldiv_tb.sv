// cpu_muldiv_tb: all eight M operations on random and edge operands (from +seed=N) against
// 64-bit SystemVerilog arithmetic: division by zero, -2^31 / -1, the four MULH variants.
// Also checks that clear_i abandons an operation and that done_o holds until clear_i.
// SPDX-License-Identifier: Apache-2.0
module cpu_muldiv_tb;
  logic        clk = 0, rst_n = 0, start = 0, clear = 0;
  logic [2:0]  op;
  logic [31:0] a, b;
  wire         busy, done, hi;
  wire  [31:0] acc, q;
  cpu_muldiv dut (.clk_i(clk), .rst_ni(rst_n), .start_i(start), .clear_i(clear), .op_i(op),
                  .a_i(a), .b_i(b), .busy_o(busy), .done_o(done), .hi_o(hi), .acc_o(acc), .q_o(q));
  always #5 clk = ~clk;

  int unsigned seed, seed0, errors = 0, checks = 0;
  function automatic logic [31:0] rnd();
    seed ^= seed << 13; seed ^= seed >> 17; seed ^= seed << 5; return seed;
  endfunction
  function automatic logic [31:0] expect_(logic [2:0] o, logic [31:0] x, logic [31:0] y);
    logic signed [63:0] ss, su; logic [63:0] uu;
    ss = $signed(x) * $signed(y);
    su = $signed({{32{x[31]}}, x}) * $signed({32'd0, y});
    uu = {32'd0, x} * {32'd0, y};
    case (o)
      3'd0: return uu[31:0];                                       // mul
      3'd1: return ss[63:32];                                      // mulh
      3'd2: return su[63:32];                                      // mulhsu
      3'd3: return uu[63:32];                                      // mulhu
      3'd4: return y == 0 ? 32'hffffffff : (x == 32'h80000000 && y == 32'hffffffff) ? x
                   : $unsigned($signed(x) / $signed(y));           // div
      3'd5: return y == 0 ? 32'hffffffff : x / y;                  // divu
      3'd6: return y == 0 ? x : (x == 32'h80000000 && y == 32'hffffffff) ? 32'd0
                   : $unsigned($signed(x) % $signed(y));           // rem
      default: return y == 0 ? x : x % y;                          // remu
    endcase
  endfunction

  task automatic run(logic [2:0] o, logic [31:0] x, logic [31:0] y);
    logic [31:0] got, want; int cycles;
    op = o; a = x; b = y; start = 1;
    @(posedge clk); #1; start = 0; cycles = 1;
    while (!done) begin
      @(posedge clk); #1; cycles++;
      if (cycles > 60) begin $display("  timeout op %0d", o); errors++; break; end
    end
    // done holds, and the operands must stay put until clear
    repeat (rnd() % 3) begin @(posedge clk); #1; end
    got = hi ? acc : q; want = expect_(o, x, y); checks++;
    if (!done || got !== want) begin
      errors++;
      if (errors <= 10) $display("  mismatch op %0d a=%h b=%h: got %h want %h (done %b)", o, x, y, got, want, done);
    end
    clear = 1; @(posedge clk); #1; clear = 0;
    if (busy) begin errors++; $display("  still busy after clear"); end
  endtask

  initial begin
    logic [31:0] edges [8] = '{32'd0, 32'd1, 32'hffffffff, 32'h80000000, 32'h7fffffff,
                              32'd7, 32'hfffffff9, 32'h10000};
    if (!$value$plusargs("seed=%d", seed)) seed = 1;
    if (seed == 0) seed = 1;
    seed0 = seed;
    $display("cpu_muldiv_tb: seed %0d", seed);
    op = 0; a = 0; b = 0;
    repeat (2) @(posedge clk);
    rst_n = 1; @(posedge clk); #1;
    for (int o = 0; o < 8; o++) foreach (edges[i]) foreach (edges[j]) run(o[2:0], edges[i], edges[j]);
    repeat (3000) run(3'(rnd()), rnd(), rnd() % 8 == 0 ? rnd() % 16 : rnd());
    // abandon an operation half-way, then the next one must still be right
    op = 3'd4; a = 32'd1000; b = 32'd7; start = 1; @(posedge clk); #1; start = 0;
    repeat (10) @(posedge clk); #1;
    clear = 1; @(posedge clk); #1; clear = 0;
    if (busy) begin errors++; $display("  clear did not abandon the operation"); end
    run(3'd6, 32'hfffffc19, 32'd7);   // -999 % 7 = -5
    if (errors == 0) $display("PASS cpu_muldiv");
    else $fatal(1, "FAIL cpu_muldiv: %0d of %0d checks wrong (seed %0d)", errors, checks, seed0);
    $finish;
  end
endmodule
