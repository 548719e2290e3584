// The shader core's trampoline: a ROM that runs work items one after the other.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// The core boots at its first word (TRAMP_BASE in shader_core) and never leaves the loop
// but to call the kernel:
//   loop: lw   t0, -4(zero)    # NEXT: stalls until this core has a work item; = entry point
//         lw   a0, -8(zero)    # ARGS
//         lw   a1, -12(zero)   # global x
//         lw   a2, -16(zero)   # workgroup y
//         lw   a3, -20(zero)   # workgroup z
//         lw   a4, -24(zero)   # local id
//         lui  sp, 0xfffff     # sp = 0xFFFF_F000, the top of the stack RAM
//         jalr ra, 0(t0)       # the kernel; its return ends the work item
//         jal  zero, loop
// The work-item registers sit at the top of the address space (shader_workitem), so x0
// plus a negative immediate reaches them without a base register. The ROM is read
// combinationally from the registered fetch address (the word arrives the cycle after the
// fetch, as the core expects); an index past the last word is no memory.
module shader_trampoline (
  input  wire [3:0]  index_i,   // word index from the ROM base
  output reg  [31:0] word_o,
  output wire        valid_o    // there is a word at index_i
);
  localparam [4:0] ZERO = 5'd0, RA = 5'd1, SP = 5'd2, T0 = 5'd5, A0 = 5'd10, A1 = 5'd11,
                   A2 = 5'd12, A3 = 5'd13, A4 = 5'd14;
  localparam [3:0] WORDS = 4'd9;

  function [31:0] enc_lw(input [4:0] rd, input [4:0] rs1, input [11:0] imm);
    enc_lw = {imm, rs1, 3'b010, rd, 7'b0000011};
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

  always @* begin
    case (index_i)
      4'd0:    word_o = enc_lw(T0, ZERO, -12'sd4);
      4'd1:    word_o = enc_lw(A0, ZERO, -12'sd8);
      4'd2:    word_o = enc_lw(A1, ZERO, -12'sd12);
      4'd3:    word_o = enc_lw(A2, ZERO, -12'sd16);
      4'd4:    word_o = enc_lw(A3, ZERO, -12'sd20);
      4'd5:    word_o = enc_lw(A4, ZERO, -12'sd24);
      4'd6:    word_o = enc_lui(SP, 20'hFFFFF);
      4'd7:    word_o = enc_jalr(RA, T0, 12'd0);
      4'd8:    word_o = enc_jal(ZERO, -19'sd8);
      default: word_o = 32'd0;
    endcase
  end

  assign valid_o = index_i < WORDS;
endmodule

`default_nettype wire
