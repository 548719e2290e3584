// Copies the kernel window from VRAM into every shader core's instruction RAM at once.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// Reads VRAM words first_i .. last_i, one request per cycle while granted, and writes each
// word the cycle it arrives (the cycle after its grant) to row (word mod rows) of every
// instruction RAM (the fill port is shared). The kernel window starts and ends on 4-byte
// boundaries: only the halves inside it are written (first_lo_i: the first word's low half
// is inside; last_hi_i: the last word's high half is), since a window that starts in the
// middle of a word wraps onto the row of that word: the last word's outside half would
// overwrite the entry point (the first word's outside half is rewritten by the last word
// later, but the guard keeps the order free). busy_o is high from start_i until the
// last word is written. abort_i withdraws the request and drops a word still due.
module compute_iram_loader #(
  parameter integer VRAM_AW = 18,
  parameter integer ROW_AW  = 9
) (
  input  wire               clk_i,
  input  wire               rst_ni,
  input  wire               start_i,
  input  wire               abort_i,
  input  wire [VRAM_AW-1:0] first_i,
  input  wire [VRAM_AW-1:0] last_i,
  input  wire               first_lo_i,
  input  wire               last_hi_i,
  output wire               busy_o,
  // VRAM read client.
  output wire               vr_req_o,
  output wire [VRAM_AW-1:0] vr_addr_o,
  input  wire               vr_gnt_i,
  input  wire [63:0]        vr_rdata_i,
  // Instruction RAM fill.
  output wire               fill_we_o,
  output wire [ROW_AW-1:0]  fill_row_o,
  output wire [1:0]         fill_half_o,
  output wire [63:0]        fill_data_o
);
  reg               asking_q, asking_d;    // words left to request
  reg [VRAM_AW-1:0] addr_q, addr_d;        // the next word to request
  reg               got_q, got_d;          // a word was granted last cycle: it arrives now
  reg [VRAM_AW-1:0] got_addr_q, got_addr_d;

  always @* begin
    asking_d = asking_q; addr_d = addr_q;
    got_d = 1'b0; got_addr_d = addr_q;
    if (abort_i) begin
      asking_d = 1'b0;
    end else if (start_i) begin
      asking_d = 1'b1; addr_d = first_i;
    end else if (asking_q && vr_gnt_i) begin
      got_d = 1'b1;
      addr_d = addr_q + 1'b1;
      if (addr_q == last_i) asking_d = 1'b0;
    end
  end

  always @(posedge clk_i) begin
    if (!rst_ni) begin
      asking_q <= 1'b0; got_q <= 1'b0;
    end else begin
      asking_q <= asking_d; got_q <= got_d;
    end
    addr_q <= addr_d; got_addr_q <= got_addr_d;
  end

  assign busy_o      = asking_q | got_q;
  assign vr_req_o    = asking_q;
  assign vr_addr_o   = addr_q;
  assign fill_we_o   = got_q & ~abort_i;
  assign fill_row_o  = got_addr_q[ROW_AW-1:0];
  assign fill_half_o = {got_addr_q != last_i || last_hi_i, got_addr_q != first_i || first_lo_i};
  assign fill_data_o = vr_rdata_i;
endmodule

`default_nettype wire
