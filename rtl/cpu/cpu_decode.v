// cpu_decode: RV32IM + Zicsr instruction decoder for the D stage of cpu_core (combinational).
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// Everything the later stages need is decoded here, in D, and registered into E, so that
// E only sees ready-made control bits. Operand sources are expressed so that E needs no
// operand muxes of its own: an instruction that does not read rs1 gets op_a from a D-time
// constant (zero, its PC, or the CSR zimm), and one that does not read rs2 gets its
// immediate as op_b. Only stores need rs2 and an immediate at once (address adder in E).
module cpu_decode (
  input  wire [31:0] instr_i,
  output reg         illegal_o,
  output reg         rs1_used_o,     // reads rs1 (for hazards and forwarding)
  output reg         rs2_used_o,     // reads rs2
  output reg         rd_we_o,        // writes rd (the caller drops writes to x0)
  output reg  [31:0] imm_o,          // I, S, U or J immediate (branches: see imm_bj_o)
  output wire [31:0] imm_bj_o,       // B (branch) or J (jal) immediate, for the target adder
  output reg  [1:0]  a_src_o,        // op_a: 00 rs1, 01 zero, 10 pc, 11 zimm (rs1 field)
  output reg         b_imm_o,        // op_b is the immediate, not rs2
  output reg         sub_o,          // adder subtracts (sub, compares)
  output reg         cmp_unsigned_o, // compare unsigned (sltu, bltu, bgeu)
  output reg         use_logic_o,    // ALU result is the logic unit, not the adder
  output reg  [1:0]  lop_o,          // logic: 00 zero, 01 xor, 10 or, 11 and
  output reg         slt_o,          // result bit 0 is the compare
  output reg  [1:0]  side_o,         // other result: 00 none, 01 link, 10 csr, 11 mul/div
  output reg         sh_en_o,
  output reg         sh_left_o,
  output reg         sh_arith_o,
  output reg         branch_o,
  output reg         jal_o,
  output reg         jalr_o,
  output reg         load_o,
  output reg         store_o,
  output reg         csr_o,
  output reg         csr_wr_o,       // the CSR instruction writes its CSR
  output reg  [12:0] csr_sel_o,      // which CSR, one-hot (see cpu_csr); 0 if not a CSR op
  output reg         md_o,           // M extension
  output reg         ecall_o,
  output reg         ebreak_o,
  output reg         mret_o,
  output reg         wfi_o
);
  wire [6:0] opcode = instr_i[6:0];
  wire [2:0] f3     = instr_i[14:12];
  wire [6:0] f7     = instr_i[31:25];
  wire [11:0] csr_a = instr_i[31:20];
  wire       rs1_nz = |instr_i[19:15];

  wire [31:0] imm_i = {{21{instr_i[31]}}, instr_i[30:20]};
  wire [31:0] imm_s = {{21{instr_i[31]}}, instr_i[30:25], instr_i[11:7]};
  wire [31:0] imm_b = {{20{instr_i[31]}}, instr_i[7], instr_i[30:25], instr_i[11:8], 1'b0};
  wire [31:0] imm_u = {instr_i[31:12], 12'd0};
  wire [31:0] imm_j = {{12{instr_i[31]}}, instr_i[19:12], instr_i[20], instr_i[30:21], 1'b0};

  // jal is 1101111 and branches 1100011: bit 3 tells them apart.
  assign imm_bj_o = instr_i[3] ? imm_j : imm_b;

  // CSR number -> one-hot select (bit numbers as in cpu_csr), whether it exists, and
  // whether it is read-only (a write is then illegal). mhartid reads 0: no select bit.
  reg [12:0] csr_sel;
  reg        csr_ok, csr_ro;
  // Only SYSTEM instructions read these; the guard lets Verilator skip the decode.
  always @* begin
    csr_sel = 13'd0; csr_ok = 1'b1; csr_ro = csr_a[11:10] == 2'b11;
    if (opcode == 7'b1110011) case (csr_a)
      12'h300: csr_sel[0] = 1'b1;                     // mstatus
      12'h301: begin csr_sel[1] = 1'b1; csr_ro = 1'b1; end  // misa
      12'h304: csr_sel[2] = 1'b1;                     // mie
      12'h305: csr_sel[3] = 1'b1;                     // mtvec
      12'h340: csr_sel[4] = 1'b1;                     // mscratch
      12'h341: csr_sel[5] = 1'b1;                     // mepc
      12'h342: csr_sel[6] = 1'b1;                     // mcause
      12'h343: csr_sel[7] = 1'b1;                     // mtval
      12'h344: csr_sel[8] = 1'b1;                     // mip
      12'hB00, 12'hC00: csr_sel[9] = 1'b1;            // mcycle, cycle
      12'hB02, 12'hC02: csr_sel[10] = 1'b1;           // minstret, instret
      12'hB80, 12'hC80: csr_sel[11] = 1'b1;           // mcycleh, cycleh
      12'hB82, 12'hC82: csr_sel[12] = 1'b1;           // minstreth, instreth
      12'hF14: ;                                      // mhartid
      default: csr_ok = 1'b0;
    endcase
  end

  always @* begin
    illegal_o = 1'b0;
    rs1_used_o = 1'b0; rs2_used_o = 1'b0; rd_we_o = 1'b0;
    imm_o = imm_i;
    a_src_o = 2'b00; b_imm_o = 1'b0;
    sub_o = 1'b0; cmp_unsigned_o = 1'b0; use_logic_o = 1'b0; lop_o = 2'b00; slt_o = 1'b0;
    side_o = 2'b00; sh_en_o = 1'b0; sh_left_o = 1'b0; sh_arith_o = 1'b0;
    branch_o = 1'b0; jal_o = 1'b0; jalr_o = 1'b0; load_o = 1'b0; store_o = 1'b0;
    csr_o = 1'b0; csr_wr_o = 1'b0; csr_sel_o = 13'd0; md_o = 1'b0;
    ecall_o = 1'b0; ebreak_o = 1'b0; mret_o = 1'b0; wfi_o = 1'b0;
    case (opcode)
      7'b0110111: begin // lui: 0 + imm
        rd_we_o = 1'b1; imm_o = imm_u; a_src_o = 2'b01; b_imm_o = 1'b1;
      end
      7'b0010111: begin // auipc: pc + imm
        rd_we_o = 1'b1; imm_o = imm_u; a_src_o = 2'b10; b_imm_o = 1'b1;
      end
      7'b1101111: begin // jal: op_a = pc, so that the address adder gives the target (mtval)
        rd_we_o = 1'b1; imm_o = imm_j; a_src_o = 2'b10; jal_o = 1'b1;
        side_o = 2'b01; use_logic_o = 1'b1;
      end
      7'b1100111: begin // jalr
        illegal_o = f3 != 3'b000;
        rd_we_o = 1'b1; rs1_used_o = 1'b1; jalr_o = f3 == 3'b000;
        side_o = 2'b01; use_logic_o = 1'b1;
      end
      7'b1100011: begin // branches
        illegal_o = f3[2:1] == 2'b01;
        rs1_used_o = 1'b1; rs2_used_o = 1'b1; branch_o = 1'b1;
        sub_o = 1'b1; cmp_unsigned_o = f3[1];
      end
      7'b0000011: begin // loads
        illegal_o = f3 == 3'b011 || f3[2:1] == 2'b11;
        rd_we_o = 1'b1; rs1_used_o = 1'b1; load_o = 1'b1;
      end
      7'b0100011: begin // stores
        illegal_o = f3[2] || f3[1:0] == 2'b11;
        rs1_used_o = 1'b1; rs2_used_o = 1'b1; imm_o = imm_s; store_o = 1'b1;
      end
      7'b0010011, 7'b0110011: begin // op-imm, op
        rd_we_o = 1'b1; rs1_used_o = 1'b1;
        rs2_used_o = opcode[5]; b_imm_o = !opcode[5];
        if (opcode[5] && f7 == 7'b0000001) begin
          md_o = 1'b1; side_o = 2'b11; use_logic_o = 1'b1;
        end else begin
          // f7 must be 0, except 0100000 for sub (op only) and sra/srai.
          if (f3 == 3'b001)
            illegal_o = f7 != 7'd0;
          else if (f3 == 3'b101)
            illegal_o = f7 != 7'd0 && f7 != 7'b0100000;
          else if (f3 == 3'b000)
            illegal_o = opcode[5] && f7 != 7'd0 && f7 != 7'b0100000;
          else
            illegal_o = opcode[5] && f7 != 7'd0;
          case (f3)
            3'b000: sub_o = opcode[5] & f7[5];
            3'b001: begin sh_en_o = 1'b1; sh_left_o = 1'b1; use_logic_o = 1'b1; end
            3'b010: begin sub_o = 1'b1; slt_o = 1'b1; use_logic_o = 1'b1; end
            3'b011: begin sub_o = 1'b1; slt_o = 1'b1; use_logic_o = 1'b1;
                          cmp_unsigned_o = 1'b1; end
            3'b100: begin use_logic_o = 1'b1; lop_o = 2'b01; end
            3'b101: begin sh_en_o = 1'b1; sh_arith_o = f7[5]; use_logic_o = 1'b1; end
            3'b110: begin use_logic_o = 1'b1; lop_o = 2'b10; end
            default: begin use_logic_o = 1'b1; lop_o = 2'b11; end
          endcase
        end
      end
      7'b0001111: begin // fence, fence.i: no-ops (stores to fetched code are snooped)
        illegal_o = f3[2:1] != 2'b00;
      end
      7'b1110011: begin // system
        if (f3 == 3'b000) begin
          imm_o = 32'd0; a_src_o = 2'b01;     // mtval (through the address adder) is 0
          case (instr_i)
            32'h00000073: ecall_o = 1'b1;
            32'h00100073: ebreak_o = 1'b1;
            32'h30200073: mret_o = 1'b1;
            32'h10500073: wfi_o = 1'b1;
            default:      illegal_o = 1'b1;
          endcase
        end else begin
          csr_o = 1'b1; rd_we_o = 1'b1; side_o = 2'b10; use_logic_o = 1'b1; csr_sel_o = csr_sel;
          rs1_used_o = !f3[2];
          if (f3[2]) a_src_o = 2'b11;
          // csrrw always writes; csrrs/csrrc only with a non-zero rs1 / zimm.
          csr_wr_o = f3[1:0] == 2'b01 || rs1_nz;
          illegal_o = f3[1:0] == 2'b00 || !csr_ok || (csr_wr_o && csr_ro);
        end
      end
      default: illegal_o = 1'b1;   // includes every 16-bit (compressed) encoding
    endcase
  end
endmodule

`default_nettype wire
