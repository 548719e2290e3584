// cpu_core_tb: a hand-encoded program on a behavioural memory, checking the final registers,
// memory and the one trap: forwarding chains, load-use, byte/half accesses, a predicted loop
// with its exit mispredict, taken and not-taken forward branches, mul/div/rem, jal/jalr, an
// ecall handled through mtvec/mepc/mret, writes to x0, stores into the next three
// instructions. The memory lands a store at the end of the cycle after its request
// (docs/cpu.md): a fetch of that word in that cycle returns 0 (an illegal instruction, so
// the snoop must refetch it) and a load of it then is a failure. Run twice: with the data
// answer the next cycle, and with random answer latency (from +seed=N).
// SPDX-License-Identifier: Apache-2.0
module cpu_core_tb;
  logic        clk = 0, rst_n = 0;
  wire         imem_req, dmem_req, dmem_we, retire, trap;
  wire  [31:0] imem_addr, dmem_addr, dmem_wdata, tcause, tepc, ttval, tvec, dpc;
  wire  [3:0]  dmem_be;
  logic [31:0] imem_rdata, dmem_rdata;
  logic        rvalid;
  cpu_core dut (
    .clk_i(clk), .rst_ni(rst_n), .boot_addr_i(32'h80000000), .imem_req_o(imem_req),
    .imem_addr_o(imem_addr), .imem_rdata_i(imem_rdata), .imem_err_i(1'b0), .dmem_req_o(dmem_req),
    .dmem_we_o(dmem_we), .dmem_be_o(dmem_be), .dmem_addr_o(dmem_addr),
    .dmem_wdata_o(dmem_wdata), .dmem_rvalid_i(rvalid), .dmem_rdata_i(dmem_rdata),
    .irq_timer_i(1'b0), .irq_external_i(1'b0), .retire_o(retire), .trap_o(trap),
    .trap_cause_o(tcause), .trap_epc_o(tepc), .trap_tval_o(ttval), .trap_vector_o(tvec),
    .dbg_dmem_pc_o(dpc));
  always #5 clk = ~clk;

  // ---- a tiny assembler
  function automatic logic [31:0] r_(logic [6:0] f7, logic [4:0] s2, s1, logic [2:0] f3, logic [4:0] d);
    return {f7, s2, s1, f3, d, 7'h33};
  endfunction
  function automatic logic [31:0] i_(int imm, logic [4:0] s1, logic [2:0] f3, logic [4:0] d, logic [6:0] op);
    return {12'(imm), s1, f3, d, op};
  endfunction
  function automatic logic [31:0] s_(int imm, logic [4:0] s2, s1, logic [2:0] f3);
    logic [11:0] m = 12'(imm); return {m[11:5], s2, s1, f3, m[4:0], 7'h23};
  endfunction
  function automatic logic [31:0] b_(int off, logic [4:0] s2, s1, logic [2:0] f3);
    logic [12:0] m = 13'(off); return {m[12], m[10:5], s2, s1, f3, m[4:1], m[11], 7'h63};
  endfunction
  function automatic logic [31:0] j_(int off, logic [4:0] d);
    logic [20:0] m = 21'(off); return {m[20], m[10:1], m[11], m[19:12], d, 7'h6f};
  endfunction
  function automatic logic [31:0] addi(logic [4:0] d, s1, int imm); return i_(imm, s1, 0, d, 7'h13); endfunction

  // ---- memory: 8 KiB at 0x80000000, program at 0, data at 0x1000
  logic [31:0] mem [2048];
  localparam logic [31:0] BASE = 32'h80000000;
  function automatic logic [31:0] pc(int idx); return BASE + 4 * idx; endfunction
  localparam int FUNC = 35, HANDLER = 37, BAD = 42, SELFMOD = 43;
  task automatic load_program();
    logic [31:0] p [58];
    p[0]  = {20'h80001, 5'd1, 7'h37};                 // lui  x1, 0x80001 (data base)
    p[1]  = addi(2, 0, 5);                            // x2 = 5
    p[2]  = addi(3, 2, 7);                            // x3 = 12   (from M)
    p[3]  = r_(0, 2, 3, 0, 4);                        // add x4, x3, x2 = 17 (M and bypass)
    p[4]  = r_(7'h20, 3, 4, 0, 5);                    // sub x5, x4, x3 = 5
    p[5]  = s_(0, 4, 1, 2);                           // sw x4, 0(x1)
    p[6]  = i_(0, 1, 2, 6, 7'h03);                    // lw x6, 0(x1) = 17
    p[7]  = addi(7, 6, 1);                            // x7 = 18   (load-use)
    p[8]  = s_(5, 7, 1, 0);                           // sb x7, 5(x1)
    p[9]  = i_(5, 1, 4, 8, 7'h03);                    // lbu x8, 5(x1) = 18
    p[10] = i_(4, 1, 1, 9, 7'h03);                    // lh x9, 4(x1) = 0x1200
    p[11] = addi(10, 0, 10);                          // x10 = 10
    p[12] = addi(11, 0, 0);                           // x11 = 0
    p[13] = r_(0, 10, 11, 0, 11);                     // loop: add x11, x11, x10
    p[14] = addi(10, 10, -1);
    p[15] = b_(-8, 0, 10, 1);                         // bne x10, x0, loop (backward)
    p[16] = b_(8, 11, 11, 0);                         // beq x11, x11, +8 (forward, taken)
    p[17] = addi(12, 0, 99);                          // skipped
    p[18] = addi(13, 0, 1);
    p[19] = b_(4 * (BAD - 19), 0, 13, 4);             // blt x13, x0, bad (not taken)
    p[20] = addi(14, 0, -7);
    p[21] = r_(1, 11, 14, 0, 15);                     // mul x15, x14, x11 = -385
    p[22] = r_(1, 2, 15, 4, 16);                      // div x16, x15, x2 = -77
    p[23] = r_(1, 3, 15, 6, 17);                      // rem x17, x15, x3 = -1
    p[24] = j_(4 * (FUNC - 24), 18);                  // jal x18, func
    p[25] = addi(19, 19, 1);                          // x19 = 41
    p[26] = {20'd0, 5'd20, 7'h17};                    // auipc x20, 0
    p[27] = addi(20, 20, 4 * (HANDLER - 26));
    p[28] = i_(12'h305, 20, 1, 0, 7'h73);             // csrw mtvec, x20
    p[29] = 32'h00000073;                             // ecall
    p[30] = addi(21, 0, 3);                           // after the handler
    p[31] = addi(0, 0, 5);                            // x0 stays 0
    p[32] = r_(0, 2, 0, 0, 24);                       // add x24, x0, x2 = 5
    p[33] = j_(4 * (SELFMOD - 33), 0);                // j selfmod
    p[34] = j_(0, 0);                                 // j .
    p[35] = addi(19, 0, 40);                          // func:
    p[36] = i_(0, 18, 0, 0, 7'h67);                   // jalr x0, 0(x18)
    p[37] = i_(12'h342, 0, 2, 22, 7'h73);             // handler: csrr x22, mcause
    p[38] = i_(12'h341, 0, 2, 23, 7'h73);             // csrr x23, mepc
    p[39] = addi(23, 23, 4);
    p[40] = i_(12'h341, 23, 1, 0, 7'h73);             // csrw mepc, x23
    p[41] = 32'h30200073;                             // mret
    p[42] = j_(0, 0);                                 // bad: j .
    p[43] = {20'd0, 5'd25, 7'h17};                    // selfmod: auipc x25, 0
    p[44] = i_(12'h100, 1, 2, 26, 7'h03);             // lw x26, 0x100(x1): addi x27, x0, 77
    p[45] = i_(12'h104, 1, 2, 28, 7'h03);             // lw x28: addi x29, x0, 88
    p[46] = i_(12'h108, 1, 2, 30, 7'h03);             // lw x30: addi x31, x0, 99
    p[47] = s_(4 * (48 - 43), 26, 25, 2);             // sw x26 over the next instruction
    p[48] = addi(27, 0, 1);
    p[49] = s_(4 * (51 - 43), 28, 25, 2);             // sw x28 over the second next
    p[50] = addi(0, 0, 0);
    p[51] = addi(29, 0, 2);
    p[52] = s_(4 * (55 - 43), 30, 25, 2);             // sw x30 over the third next
    p[53] = addi(0, 0, 0);
    p[54] = addi(0, 0, 0);
    p[55] = addi(31, 0, 3);
    p[56] = s_(8, 11, 1, 2);                          // sw x11, 8(x1): the end marker
    p[57] = j_(0, 0);                                 // j .
    foreach (mem[i]) mem[i] = 32'd0;
    foreach (p[i]) mem[i] = p[i];
    mem[1088] = addi(27, 0, 77);
    mem[1089] = addi(29, 0, 88);
    mem[1090] = addi(31, 0, 99);
  endtask

  // ---- memory ports: fetch answers next cycle; data next cycle or later (latency mode)
  int unsigned seed, seed0;
  function automatic int unsigned rnd();
    seed ^= seed << 13; seed ^= seed >> 17; seed ^= seed << 5; return seed;
  endfunction
  bit          lat_mode;
  int          wait_n;
  logic [31:0] pend_data;
  bit          pend, done_seen;
  bit          wr_pend;                // a store lands at the end of this cycle
  logic [10:0] wr_word;
  logic [3:0]  wr_be;
  logic [31:0] wr_data;
  int          traps;
  logic [31:0] trap_cause, trap_epc;
  always @(posedge clk) begin
    // a fetch that races the landing store gets 0 (an illegal instruction)
    imem_rdata <= wr_pend && imem_addr[12:2] == wr_word ? 32'd0 : mem[imem_addr[12:2]];
    if (wr_pend)
      for (int b = 0; b < 4; b++) if (wr_be[b]) mem[wr_word][8*b +: 8] <= wr_data[8*b +: 8];
    wr_pend <= 1'b0;
    rvalid <= 1'b0;
    if (!rst_n) begin pend <= 1'b0; done_seen <= 1'b0; traps <= 0; end
    else if (pend) begin
      if (wait_n == 0) begin rvalid <= 1'b1; dmem_rdata <= pend_data; pend <= 1'b0; end
      else wait_n <= wait_n - 1;
    end
    if (rst_n && dmem_req) begin
      logic [31:0] w;
      if (pend) $fatal(1, "FAIL cpu_core: a new data request before the last answer");
      if (dmem_addr[31:13] != BASE[31:13]) $fatal(1, "FAIL cpu_core: access outside memory at %h", dmem_addr);
      if (!dmem_we && wr_pend && dmem_addr[12:2] == wr_word)
        $fatal(1, "FAIL cpu_core: a load of %h races the store that lands this cycle", dmem_addr);
      w = mem[dmem_addr[12:2]];
      if (dmem_we) begin
        wr_pend <= 1'b1; wr_word <= dmem_addr[12:2]; wr_be <= dmem_be; wr_data <= dmem_wdata;
        if (dmem_addr == 32'h80001008) done_seen <= 1'b1;
      end
      if (lat_mode && rnd() % 2 == 0) begin pend <= 1'b1; wait_n <= rnd() % 3; pend_data <= w; end
      else begin rvalid <= 1'b1; dmem_rdata <= w; end
    end
    if (rst_n && trap) begin traps <= traps + 1; trap_cause <= tcause; trap_epc <= tepc; end
  end

  int errors = 0;
  task automatic expect_reg(int r, logic [31:0] want);
    logic [31:0] got;
    got = r == 0 ? 32'd0 : dut.u_regfile.mem[r];
    if (got !== want) begin errors++; $display("  x%0d = %h, want %h", r, got, want); end
  endtask
  task automatic expect_eq(string what, logic [31:0] got, logic [31:0] want);
    if (got !== want) begin errors++; $display("  %s = %h, want %h", what, got, want); end
  endtask

  task automatic run(bit lat);
    int cycles;
    lat_mode = lat;
    load_program();
    rst_n = 0; repeat (3) @(posedge clk); #1; rst_n = 1;
    cycles = 0;
    while (!done_seen && cycles < 2000) begin @(posedge clk); #1; cycles++; end
    repeat (10) @(posedge clk); #1;
    if (!done_seen) begin errors++; $display("  the program did not reach its end (lat %0d)", lat); end
    expect_reg(0, 0);            expect_reg(2, 5);           expect_reg(3, 12);
    expect_reg(4, 17);           expect_reg(5, 5);           expect_reg(6, 17);
    expect_reg(7, 18);           expect_reg(8, 18);          expect_reg(9, 32'h1200);
    expect_reg(10, 0);           expect_reg(11, 55);         expect_reg(12, 0);
    expect_reg(13, 1);           expect_reg(15, -385);       expect_reg(16, -77);
    expect_reg(17, -1);          expect_reg(18, pc(25));     expect_reg(19, 41);
    expect_reg(21, 3);           expect_reg(22, 11);         expect_reg(23, pc(30));
    expect_reg(24, 5);           expect_reg(27, 77);         expect_reg(29, 88);
    expect_reg(31, 99);
    expect_eq("mem[0x1000]", mem[1024], 17);
    expect_eq("mem[0x1004]", mem[1025], 32'h00001200);
    expect_eq("mem[0x1008]", mem[1026], 55);
    expect_eq("traps", traps, 1);
    expect_eq("trap cause", trap_cause, 11);
    expect_eq("trap epc", trap_epc, pc(29));
    $display("cpu_core_tb: latency mode %0d: %0d cycles to the end", lat, cycles);
  endtask

  initial begin
    if (!$value$plusargs("seed=%d", seed)) seed = 1;
    if (seed == 0) seed = 1;
    seed0 = seed;
    $display("cpu_core_tb: seed %0d", seed);
    run(0);
    run(1);
    if (errors == 0) $display("PASS cpu_core");
    else $fatal(1, "FAIL cpu_core: %0d checks wrong (seed %0d)", errors, seed0);
    $finish;
  end
endmodule
