// cpu_lsu: load/store alignment of cpu_core: byte lanes for stores (E), extraction and sign
// extension for loads (M).
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// Store data is replicated into every lane it may occupy (a byte into all four, a half into
// both halves), so it does not depend on the address: only the byte enables do. (The
// misaligned-address check is in cpu_core, split so that its late part is one LUT.)
module cpu_lsu (
  // store side, E stage
  input  wire [1:0]  size_i,        // funct3[1:0]: 00 byte, 01 half, 10 word
  input  wire [1:0]  addr_lo_i,     // byte address bits of the access in E
  input  wire [31:0] st_data_i,
  output wire [31:0] wdata_o,
  output reg  [3:0]  be_o,
  // load side, M stage
  input  wire        ld_en_i,       // M holds a load (ld_data_o is 0 otherwise)
  input  wire [2:0]  ld_f3_i,       // funct3 of the load in M
  input  wire [1:0]  ld_addr_lo_i,
  input  wire [31:0] rdata_i,
  output wire [31:0] ld_data_o
);
  assign wdata_o = size_i == 2'b00 ? {4{st_data_i[7:0]}} :
                   size_i == 2'b01 ? {2{st_data_i[15:0]}} : st_data_i;
  always @* begin
    case (size_i)
      2'b00:   be_o = 4'b0001 << addr_lo_i;
      2'b01:   be_o = addr_lo_i[1] ? 4'b1100 : 4'b0011;
      default: be_o = 4'b1111;
    endcase
  end

  // Loads: byte 0 of the result is byte addr of the word for every size (accesses are
  // aligned); byte 1 is byte addr+1 for halves (addr is 0 or 2); the top half is only used
  // by words. Written out so that each result bit is one or two LUTs.
  // Only loads read ld_data_o (ld_en_i): the guard lets Verilator skip the alignment
  // otherwise (and yosys folds it into the core's load-or-result mux).
  reg  [7:0]  b0, b1;
  reg         is_b, is_w, fill;
  reg  [31:0] ld_data;
  always @* begin
    is_b = 1'b0; is_w = 1'b0; b0 = 8'd0; b1 = 8'd0; fill = 1'b0; ld_data = 32'd0;
    if (ld_en_i) begin
      is_b = ld_f3_i[1:0] == 2'b00;
      is_w = ld_f3_i[1];
      case (ld_addr_lo_i)
        2'd0:    b0 = rdata_i[7:0];
        2'd1:    b0 = rdata_i[15:8];
        2'd2:    b0 = rdata_i[23:16];
        default: b0 = rdata_i[31:24];
      endcase
      b1 = ld_addr_lo_i[1] ? rdata_i[31:24] : rdata_i[15:8];
      fill = !ld_f3_i[2] & (is_b ? b0[7] : b1[7]);
      ld_data = {is_w ? rdata_i[31:16] : {16{fill}}, is_b ? {8{fill}} : b1, b0};
    end
  end
  assign ld_data_o = ld_data;
endmodule

`default_nettype wire
