// The shader core's trampoline: a ROM that runs work items, and saves and restores a core.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// The core boots at its first word (TRAMP_BASE in shader_core = 0xFFFF_F000):
//    0 boot:  lui   t0, 0xfffff          # mtvec = save (the preemption interrupt)
//    1        addi  t0, t0, 4*SAVE
//    2        csrw  mtvec, t0
//    3        addi  t0, zero, -2048      # 0xFFFFF800: MEIE (bit 11), not MTIE (bit 7)
//    4        csrw  mie, t0
//    5        lw    t0, -52(zero)        # RESUME: this core has a saved state
//    6        bne   t0, zero, restore
//    7        addi  t0, zero, 0x88       # MIE and MPIE: interrupts on from here
//    8        csrs  mstatus, t0
//    9 loop:  lw    t0, -4(zero)         # NEXT: stalls until this core has a work item
//   10        lw    a0, -8(zero)         # ARGS
//   11        lw    a1, -12(zero)        # global x
//   12        lw    a2, -16(zero)        # workgroup y
//   13        lw    a3, -20(zero)        # workgroup z
//   14        lw    a4, -24(zero)        # local id
//   15        lui   sp, 0xfffff          # sp = 0xFFFF_F000, the top of the stack RAM
//   16        jalr  ra, 0(t0)            # the kernel; its return ends the work item
//   17        jal   zero, loop
//   18 save:  sw    x1 .. x31, 4*n-2048(zero)   # the state window, word n (31 words)
//   49        csrr  t0, mepc             # the interrupted instruction
//   50        sw    t0, -2048(zero)      # word 0
//   51        csrr  t0, mstatus
//   52        sw    t0, -1920(zero)      # word 32
//   53        csrr  t0, mscratch
//   54        sw    t0, -1916(zero)      # word 33
//   55        sw    zero, -1796(zero)    # word 63: saved (shader_core parks the core)
//   56 park:  jal   zero, park
//   57 restore: lw  t0, -2048(zero); csrw mepc, t0
//   59        lw    t0, -1920(zero); csrw mstatus, t0   # MIE 0, MPIE 1: mret enables
//   61        lw    t0, -1916(zero); csrw mscratch, t0
//   63        lw    x1 .. x31, 4*n-2048(zero)
//   94        mret                       # to the saved PC
// The work-item registers sit at the top of the address space (shader_workitem) and the
// state window at 0xFFFF_F800 (shader_core), so x0 plus a negative immediate reaches both
// without a base register: the save needs no free register, the restore loads every one.
// A core in the middle of a kernel (or of the loop) takes the interrupt at an instruction
// boundary; mtvec and mie are the trampoline's (a kernel must not write them).
// The ROM is read combinationally from the registered fetch address (the word arrives the
// cycle after the fetch, as the core expects); an index past the last word is no memory.
module shader_trampoline (
  input  wire [6:0]  index_i,   // word index from the ROM base
  output reg  [31:0] word_o,
  output wire        valid_o    // there is a word at index_i
);
  localparam [4:0] ZERO = 5'd0, RA = 5'd1, SP = 5'd2, T0 = 5'd5, A0 = 5'd10, A1 = 5'd11,
                   A2 = 5'd12, A3 = 5'd13, A4 = 5'd14;
  localparam [11:0] CSR_MSTATUS = 12'h300, CSR_MIE = 12'h304, CSR_MTVEC = 12'h305,
                    CSR_MSCRATCH = 12'h340, CSR_MEPC = 12'h341;
  localparam [6:0]  LOOP = 7'd9, SAVE = 7'd18, PARK = 7'd56, RESTORE = 7'd57, WORDS = 7'd95;
  // The state window: word n at -2048 + 4 n (shader_core's WIN_BASE = 0xFFFF_F800).
  localparam [11:0] W_PC = 12'h800, W_MSTATUS = 12'h880, W_MSCRATCH = 12'h884,
                    W_DONE = 12'h8FC;

  function [31:0] enc_lw(input [4:0] rd, input [4:0] rs1, input [11:0] imm);
    enc_lw = {imm, rs1, 3'b010, rd, 7'b0000011};
  endfunction
  function [31:0] enc_sw(input [4:0] rs2, input [4:0] rs1, input [11:0] imm);
    enc_sw = {imm[11:5], rs2, rs1, 3'b010, imm[4:0], 7'b0100011};
  endfunction
  function [31:0] enc_addi(input [4:0] rd, input [4:0] rs1, input [11:0] imm);
    enc_addi = {imm, rs1, 3'b000, rd, 7'b0010011};
  endfunction
  function [31:0] enc_lui(input [4:0] rd, input [19:0] imm);
    enc_lui = {imm, rd, 7'b0110111};
  endfunction
  function [31:0] enc_jalr(input [4:0] rd, input [4:0] rs1, input [11:0] imm);
    enc_jalr = {imm, rs1, 3'b000, rd, 7'b1100111};
  endfunction
  // The offset in words: imm[20|10:1|11|19:12] of the byte offset {words, 2'b00}.
  function [31:0] enc_jal(input [4:0] rd, input [18:0] words);
    enc_jal = {words[18], words[8:0], 1'b0, words[9], words[17:10], rd, 7'b1101111};
  endfunction
  // bne rs1, x0 by a word offset: imm[12|10:5] rs2 rs1 001 imm[4:1|11].
  function [31:0] enc_bnez(input [4:0] rs1, input [10:0] words);
    enc_bnez = {words[10], words[8:3], ZERO, rs1, 3'b001, words[2:0], 1'b0, words[9],
                7'b1100011};
  endfunction
  // csrrw x0 / csrrs x0 with rs1 (csrw / csrs), csrrs rd with x0 (csrr).
  function [31:0] enc_csrw(input [11:0] csr, input [4:0] rs1);
    enc_csrw = {csr, rs1, 3'b001, ZERO, 7'b1110011};
  endfunction
  function [31:0] enc_csrs(input [11:0] csr, input [4:0] rs1);
    enc_csrs = {csr, rs1, 3'b010, ZERO, 7'b1110011};
  endfunction
  function [31:0] enc_csrr(input [4:0] rd, input [11:0] csr);
    enc_csrr = {csr, ZERO, 3'b010, rd, 7'b1110011};
  endfunction

  // Register n's window offset (n = 1..31) for the save (index SAVE + n - 1) and the
  // restore (index RESTORE + 6 + n - 1).
  wire [6:0]  save_idx = index_i - SAVE + 7'd1;
  wire [6:0]  rest_idx = index_i - RESTORE - 7'd5;
  wire [4:0]  save_reg = save_idx[4:0];
  wire [4:0]  rest_reg = rest_idx[4:0];
  wire [11:0] save_off = W_PC + {5'd0, save_reg, 2'b00};
  wire [11:0] rest_off = W_PC + {5'd0, rest_reg, 2'b00};

  always @* begin
    word_o = 32'd0;
    if (index_i >= SAVE && index_i < SAVE + 7'd31) begin
      word_o = enc_sw(save_reg, ZERO, save_off);
    end else if (index_i >= RESTORE + 7'd6 && index_i < RESTORE + 7'd37) begin
      word_o = enc_lw(rest_reg, ZERO, rest_off);
    end else begin
      case (index_i)
        7'd0:  word_o = enc_lui(T0, 20'hFFFFF);
        7'd1:  word_o = enc_addi(T0, T0, {3'd0, SAVE, 2'b00});
        7'd2:  word_o = enc_csrw(CSR_MTVEC, T0);
        7'd3:  word_o = enc_addi(T0, ZERO, 12'h800);
        7'd4:  word_o = enc_csrw(CSR_MIE, T0);
        7'd5:  word_o = enc_lw(T0, ZERO, -12'sd52);
        7'd6:  word_o = enc_bnez(T0, {4'd0, RESTORE - 7'd6});
        7'd7:  word_o = enc_addi(T0, ZERO, 12'h088);
        7'd8:  word_o = enc_csrs(CSR_MSTATUS, T0);
        7'd9:  word_o = enc_lw(T0, ZERO, -12'sd4);
        7'd10: word_o = enc_lw(A0, ZERO, -12'sd8);
        7'd11: word_o = enc_lw(A1, ZERO, -12'sd12);
        7'd12: word_o = enc_lw(A2, ZERO, -12'sd16);
        7'd13: word_o = enc_lw(A3, ZERO, -12'sd20);
        7'd14: word_o = enc_lw(A4, ZERO, -12'sd24);
        7'd15: word_o = enc_lui(SP, 20'hFFFFF);
        7'd16: word_o = enc_jalr(RA, T0, 12'd0);
        7'd17: word_o = enc_jal(ZERO, -19'sd8);
        7'd49: word_o = enc_csrr(T0, CSR_MEPC);
        7'd50: word_o = enc_sw(T0, ZERO, W_PC);
        7'd51: word_o = enc_csrr(T0, CSR_MSTATUS);
        7'd52: word_o = enc_sw(T0, ZERO, W_MSTATUS);
        7'd53: word_o = enc_csrr(T0, CSR_MSCRATCH);
        7'd54: word_o = enc_sw(T0, ZERO, W_MSCRATCH);
        7'd55: word_o = enc_sw(ZERO, ZERO, W_DONE);
        PARK:  word_o = enc_jal(ZERO, 19'd0);
        RESTORE:        word_o = enc_lw(T0, ZERO, W_PC);
        RESTORE + 7'd1: word_o = enc_csrw(CSR_MEPC, T0);
        RESTORE + 7'd2: word_o = enc_lw(T0, ZERO, W_MSTATUS);
        RESTORE + 7'd3: word_o = enc_csrw(CSR_MSTATUS, T0);
        RESTORE + 7'd4: word_o = enc_lw(T0, ZERO, W_MSCRATCH);
        RESTORE + 7'd5: word_o = enc_csrw(CSR_MSCRATCH, T0);
        7'd94: word_o = 32'h3020_0073;   // mret
        default: word_o = 32'd0;
      endcase
    end
  end

  assign valid_o = index_i < WORDS;
  wire unused_ok = &{1'b0, LOOP, save_idx[6:5], rest_idx[6:5], 1'b0};
endmodule

`default_nettype wire
