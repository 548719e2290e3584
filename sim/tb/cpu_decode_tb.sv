// cpu_decode_tb: hand-encoded instructions with their expected controls, immediates against
// the formats, and the illegal flag against a separately written legality check over random
// words (+seed=N), with random funct fields under every valid opcode.
// SPDX-License-Identifier: Apache-2.0
module cpu_decode_tb;
  logic [31:0] instr;
  wire         illegal, rs1_used, rs2_used, rd_we, b_imm, sub, cmpu, use_logic, slt;
  wire         sh_en, sh_left, sh_arith, branch, jal, jalr, load, store, csr, csr_wr, md;
  wire         ecall, ebreak, mret, wfi;
  wire  [31:0] imm, imm_bj;
  wire  [1:0]  a_src, lop, side;
  wire  [12:0] csr_sel;
  cpu_decode dut (
    .instr_i(instr), .illegal_o(illegal), .rs1_used_o(rs1_used), .rs2_used_o(rs2_used),
    .rd_we_o(rd_we), .imm_o(imm), .imm_bj_o(imm_bj), .a_src_o(a_src), .b_imm_o(b_imm),
    .sub_o(sub), .cmp_unsigned_o(cmpu), .use_logic_o(use_logic), .lop_o(lop), .slt_o(slt),
    .side_o(side), .sh_en_o(sh_en), .sh_left_o(sh_left), .sh_arith_o(sh_arith),
    .branch_o(branch), .jal_o(jal), .jalr_o(jalr), .load_o(load), .store_o(store),
    .csr_o(csr), .csr_wr_o(csr_wr), .csr_sel_o(csr_sel), .md_o(md), .ecall_o(ecall),
    .ebreak_o(ebreak), .mret_o(mret), .wfi_o(wfi));

  int unsigned seed, seed0, errors = 0, checks = 0;
  function automatic logic [31:0] rnd();
    seed ^= seed << 13; seed ^= seed >> 17; seed ^= seed << 5; return seed;
  endfunction
  task automatic check(string what, logic [31:0] got, logic [31:0] want);
    checks++;
    if (got !== want) begin
      errors++;
      if (errors <= 20) $display("  mismatch %s (instr %h): got %h want %h", what, instr, got, want);
    end
  endtask

  // Legality, written from the ISA tables rather than from the decoder's structure.
  function automatic bit is_legal(logic [31:0] i);
    logic [6:0] o = i[6:0]; logic [2:0] f3 = i[14:12]; logic [6:0] f7 = i[31:25];
    logic [11:0] c = i[31:20]; bit wr, known, ro;
    case (o)
      7'h37, 7'h17, 7'h6f: return 1;                                   // lui auipc jal
      7'h67: return f3 == 0;                                           // jalr
      7'h63: return !(f3 == 2 || f3 == 3);                             // branches
      7'h03: return f3 inside {0, 1, 2, 4, 5};                         // loads
      7'h23: return f3 inside {0, 1, 2};                               // stores
      7'h13: return f3 == 1 ? f7 == 0 : f3 == 5 ? f7 inside {0, 7'h20} : 1;
      7'h33: return f7 == 1 || f7 == 0 || (f7 == 7'h20 && f3 inside {0, 5});
      7'h0f: return f3 inside {0, 1};                                  // fence, fence.i
      7'h73: begin
        if (f3 == 0) return i inside {32'h00000073, 32'h00100073, 32'h30200073, 32'h10500073};
        if (f3 == 4) return 0;
        wr = f3[1:0] == 2'b01 || i[19:15] != 0;
        known = c inside {12'h300, 12'h301, 12'h304, 12'h305, 12'h340, 12'h341, 12'h342,
                          12'h343, 12'h344, 12'hb00, 12'hb02, 12'hb80, 12'hb82, 12'hc00,
                          12'hc02, 12'hc80, 12'hc82, 12'hf14};
        ro = c[11:10] == 2'b11 || c == 12'h301;
        return known && !(wr && ro);
      end
      default: return 0;
    endcase
  endfunction

  // Encoders for the table.
  function automatic logic [31:0] r_(logic [6:0] f7, logic [4:0] s2, s1, logic [2:0] f3, logic [4:0] d, logic [6:0] o);
    return {f7, s2, s1, f3, d, o};
  endfunction
  function automatic logic [31:0] i_(logic [11:0] im, logic [4:0] s1, logic [2:0] f3, logic [4:0] d, logic [6:0] o);
    return {im, s1, f3, d, o};
  endfunction

  initial begin
    if (!$value$plusargs("seed=%d", seed)) seed = 1;
    if (seed == 0) seed = 1;
    seed0 = seed;
    $display("cpu_decode_tb: seed %0d", seed);

    // --- a few instructions with their expected controls
    instr = r_(7'h20, 5'd3, 5'd2, 3'd0, 5'd1, 7'h33); #1;                    // sub x1,x2,x3
    check("sub illegal", illegal, 0); check("sub sub", sub, 1); check("sub rd_we", rd_we, 1);
    check("sub rs", {rs1_used, rs2_used, b_imm}, 3'b110); check("sub a_src", a_src, 0);
    instr = i_(12'hfff, 5'd5, 3'd0, 5'd6, 7'h13); #1;                        // addi x6,x5,-1
    check("addi imm", imm, 32'hffffffff); check("addi b_imm", b_imm, 1); check("addi sub", sub, 0);
    instr = i_(12'h405, 5'd5, 3'd5, 5'd6, 7'h13); #1;                        // srai x6,x5,5
    check("srai", {sh_en, sh_left, sh_arith, use_logic}, 4'b1011); check("srai imm[4:0]", imm[4:0], 5);
    instr = i_(12'h005, 5'd5, 3'd1, 5'd6, 7'h13); #1;                        // slli
    check("slli", {sh_en, sh_left, sh_arith}, 3'b110);
    instr = r_(7'h00, 5'd3, 5'd2, 3'd3, 5'd1, 7'h33); #1;                    // sltu
    check("sltu", {sub, slt, cmpu, use_logic}, 4'b1111); check("sltu lop", lop, 0);
    instr = r_(7'h00, 5'd3, 5'd2, 3'd7, 5'd1, 7'h33); #1;                    // and
    check("and", {use_logic, lop}, 3'b111);
    instr = r_(7'h01, 5'd3, 5'd2, 3'd4, 5'd1, 7'h33); #1;                    // div
    check("div md", {md, side, use_logic}, 4'b1111);
    instr = 32'h12345037; #1;                                                // lui x0?,0x12345
    check("lui", {a_src, b_imm, rd_we}, 4'b0111); check("lui imm", imm, 32'h12345000);
    instr = 32'h00001097; #1;                                                // auipc x1,1
    check("auipc a_src pc", a_src, 2); check("auipc imm", imm, 32'h1000);
    instr = 32'h0080006f; #1;                                                // jal x0,8
    check("jal", {jal, side, use_logic}, 4'b1011); check("jal imm", imm, 8); check("jal imm_bj", imm_bj, 8);
    instr = 32'hffdff0ef; #1;                                                // jal x1,-4
    check("jal back imm_bj", imm_bj, 32'hfffffffc);
    instr = 32'h000080e7; #1;                                                // jalr x1,0(x1)
    check("jalr", {jalr, rs1_used, side}, 4'b1101);
    instr = 32'hfe208ee3; #1;                                                // beq x1,x2,-4
    check("beq", {branch, rs1_used, rs2_used, sub, rd_we}, 5'b11110); check("beq imm_bj", imm_bj, 32'hfffffffc);
    instr = 32'h0020e463; #1;                                                // bltu x1,x2,8
    check("bltu cmpu", cmpu, 1); check("bltu imm_bj", imm_bj, 8);
    instr = 32'hffc12083; #1;                                                // lw x1,-4(x2)
    check("lw", {load, rd_we, rs1_used}, 3'b111); check("lw imm", imm, 32'hfffffffc);
    instr = 32'hfe112e23; #1;                                                // sw x1,-4(x2)
    check("sw", {store, rd_we, rs1_used, rs2_used}, 4'b1011); check("sw imm", imm, 32'hfffffffc);
    instr = 32'h34011073; #1;                                                // csrrw x0,mscratch,x2
    check("csrw mscratch", {csr, csr_wr, illegal}, 3'b110); check("csr sel", csr_sel, 13'd1 << 4);
    instr = 32'h30002573; #1;                                                // csrr a0,mstatus
    check("csrr mstatus", {csr, csr_wr, illegal}, 3'b100); check("csr sel mstatus", csr_sel, 1);
    instr = 32'hc0102573; #1;                                                // rdtime: not here
    check("time is illegal", illegal, 1);
    instr = 32'hc0002573; #1;                                                // csrr a0,cycle
    check("cycle reads mcycle", {illegal, csr_sel[9]}, 2'b01);
    instr = 32'hc0001073; #1;                                                // csrw cycle: ro
    check("csrw cycle illegal", illegal, 1);
    instr = 32'h30101073; #1;                                                // csrw misa
    check("csrw misa illegal", illegal, 1);
    instr = 32'hf1402573; #1;                                                // csrr mhartid
    check("csrr mhartid legal, no select", {illegal, |csr_sel}, 2'b00);
    instr = 32'h3401d573; #1;                                                // csrrwi a0,mscratch,3
    check("csrrwi zimm via a_src", a_src, 3);
    instr = 32'h00000073; #1; check("ecall", {ecall, illegal}, 2'b10);
    instr = 32'h00100073; #1; check("ebreak", {ebreak, illegal}, 2'b10);
    instr = 32'h30200073; #1; check("mret", {mret, illegal}, 2'b10);
    instr = 32'h10500073; #1; check("wfi", {wfi, illegal}, 2'b10);
    instr = 32'h0000100f; #1; check("fence.i no-op", {illegal, rd_we}, 2'b00);
    instr = 32'h00000000; #1; check("zero word illegal", illegal, 1);
    instr = 32'hffffffff; #1; check("ones illegal", illegal, 1);
    instr = 32'h00004501; #1; check("compressed illegal", illegal, 1);

    // --- immediates of every format against the format definitions
    repeat (2000) begin
      logic [31:0] w; w = rnd();
      instr = {w[31:7], 7'h13}; #1;  // I (addi family)
      if (instr[14:12] == 0) check("I imm", imm, {{20{w[31]}}, w[31:20]});
      instr = {w[31:15], 3'd2, w[11:7], 7'h23}; #1;
      check("S imm", imm, {{20{w[31]}}, w[31:25], w[11:7]});
      instr = {w[31:7], 7'h37}; #1;
      check("U imm", imm, {w[31:12], 12'd0});
      instr = {w[31:7], 7'h6f}; #1;
      check("J imm", imm_bj, {{11{w[31]}}, w[31], w[19:12], w[20], w[30:21], 1'b0});
      instr = {w[31:15], 3'd0, w[11:7], 7'h63}; #1;
      check("B imm", imm_bj, {{19{w[31]}}, w[31], w[7], w[30:25], w[11:8], 1'b0});
    end

    // --- legality: random words, and random fields under each valid opcode
    repeat (50000) begin
      logic [6:0] ops [11] = '{7'h37, 7'h17, 7'h6f, 7'h67, 7'h63, 7'h03, 7'h23, 7'h13, 7'h33, 7'h0f, 7'h73};
      logic [31:0] w; w = rnd();
      case (rnd() % 4)
        0: instr = w;
        1: instr = {w[31:7], ops[rnd() % 11]};
        2: instr = {7'(rnd() % 2 ? 7'h20 : rnd() % 2), w[24:7], ops[rnd() % 11]};
        default: instr = {rnd() % 2 ? 12'h300 + 12'(rnd() % 6) : 12'(rnd()), w[19:7], 7'h73};
      endcase
      #1;
      check("illegal", illegal, !is_legal(instr));
    end
    if (errors == 0) $display("PASS cpu_decode");
    else $fatal(1, "FAIL cpu_decode: %0d of %0d checks wrong (seed %0d)", errors, checks, seed0);
    $finish;
  end
endmodule
