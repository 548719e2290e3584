// cpu_lsu_tb: store byte lanes and load alignment/extension for every size and offset.
// SPDX-License-Identifier: Apache-2.0
module cpu_lsu_tb;
  logic [1:0]  size, addr_lo, ld_addr_lo;
  logic [2:0]  ld_f3;
  logic [31:0] st_data, rdata;
  wire  [31:0] wdata, ld_data;
  wire  [3:0]  be;
  cpu_lsu dut (.size_i(size), .addr_lo_i(addr_lo), .st_data_i(st_data), .wdata_o(wdata),
               .be_o(be), .ld_en_i(1'b1), .ld_f3_i(ld_f3), .ld_addr_lo_i(ld_addr_lo), .rdata_i(rdata),
               .ld_data_o(ld_data));

  int unsigned seed, seed0, errors = 0, checks = 0;
  function automatic logic [31:0] rnd();
    seed ^= seed << 13; seed ^= seed >> 17; seed ^= seed << 5; return seed;
  endfunction
  task automatic check(string what, logic [31:0] got, logic [31:0] want);
    checks++;
    if (got !== want) begin
      errors++;
      if (errors <= 10) $display("  mismatch %s: got %h want %h", what, got, want);
    end
  endtask

  initial begin
    if (!$value$plusargs("seed=%d", seed)) seed = 1;
    if (seed == 0) seed = 1;
    seed0 = seed;
    $display("cpu_lsu_tb: seed %0d", seed);
    repeat (500) begin
      // stores: what lands in memory (the enabled lanes) must be the value at its address
      for (int sz = 0; sz < 3; sz++) for (int off = 0; off < 4; off += (1 << sz)) begin
        logic [31:0] mem_before, mem_after, want;
        size = sz[1:0]; addr_lo = off[1:0]; st_data = rnd(); mem_before = rnd();
        #1;
        for (int l = 0; l < 4; l++) mem_after[8*l +: 8] = be[l] ? wdata[8*l +: 8] : mem_before[8*l +: 8];
        want = mem_before;
        for (int k = 0; k < (1 << sz); k++) want[8*(off+k) +: 8] = st_data[8*k +: 8];
        check($sformatf("store size %0d off %0d", sz, off), mem_after, want);
        check($sformatf("be count size %0d", sz), {28'd0, 4'(be[0] + be[1] + be[2] + be[3])}, 1 << sz);
      end
      // loads: lb lh lw lbu lhu
      for (int i = 0; i < 5; i++) begin
        int f3; int n;
        f3 = i < 3 ? i : i + 1; n = 1 << (f3 % 4);
        for (int off = 0; off < 4; off += n) begin
          logic [31:0] raw, want;
          ld_f3 = f3[2:0]; ld_addr_lo = off[1:0]; rdata = rnd();
          raw = rdata >> (8 * off);
          want = n == 4 ? raw : n == 2 ? (f3[2] ? {16'd0, raw[15:0]} : {{16{raw[15]}}, raw[15:0]})
                                       : (f3[2] ? {24'd0, raw[7:0]} : {{24{raw[7]}}, raw[7:0]});
          #1;
          check($sformatf("load f3 %0d off %0d", f3, off), ld_data, want);
        end
      end
    end
    if (errors == 0) $display("PASS cpu_lsu");
    else $fatal(1, "FAIL cpu_lsu: %0d of %0d checks wrong (seed %0d)", errors, checks, seed0);
    $finish;
  end
endmodule
