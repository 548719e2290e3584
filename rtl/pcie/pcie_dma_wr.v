// pcie_dma_wr: the DMA write requester: engine writes to host memory become MWr TLPs.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "pcie_tlp.vh"

// A request (host address and length, multiples of 8 bytes, docs/pcie.md) waits in a
// one-deep queue behind the request being sent, so wr_req_ready_o is a flop and the next
// request's first TLP follows the current one's last beat without an idle cycle.
// A request shorter than 8 bytes (1..7, not crossing an 8-byte boundary: its bytes in their
// lanes of one data word) is a partial write: one TLP of 1 DW (bytes in one half of the
// word: first BE only, last BE 0000, the address of that DW) or 2 DWs (first and last BE
// from the word's two halves), per the base spec's byte-enable rules.
// Splitting: each MWr carries at most the max payload size (Device Control [7:5], 128 <<
// value, capped at 256 bytes) and ends at the next max-payload-size boundary or at the end
// of the request, so no TLP crosses a 4 KiB boundary and all but the first of a request
// are aligned. Header: 3 DW below 4 GiB, 4 DW above (decided per TLP), TC 0, no attributes,
// tag 0, requester ID from cfg_*, first and last BE 1111 (a TLP is at least 2 DW), except
// for a partial write (above).
// Payload: engine data is little-endian; each DW is byte-swapped to wire order. A 3-DW
// header puts payload DW 0 in the upper half of the second beat, so each beat is the low
// DW of the engine word with the high DW of the previous one (hold_q) and the TLP ends
// with a one-DW beat (tkeep 0x0F); either way a TLP of k data words takes k + 2 beats.
// Beats leave through a two-entry skid buffer, so wr_data_ready_o is a function of flops
// (no combinational path from tx_tready_i).
// wr_done_o is registered: high in the cycle after the edge that took the last beat of the
// request's last TLP.
// Bus mastering off (cfg_command_i bit 2, looked at at the start of each TLP, once the TLPs
// before it have left): the TLP is not sent, its data is taken and dropped; wr_done_o still
// pulses after the last word of the request, so an engine never hangs.
module pcie_dma_wr (
  input  wire        clk_i,
  input  wire        rst_ni,
  input  wire [7:0]  cfg_bus_number_i,
  input  wire [4:0]  cfg_device_number_i,
  input  wire [2:0]  cfg_function_number_i,
  input  wire [15:0] cfg_command_i,      // bit 2: bus master enable
  input  wire [15:0] cfg_dcommand_i,     // [7:5]: max payload size
  input  wire [15:0] cfg_dcommand2_i,    // not used by writes
  // Write port (docs/pcie.md).
  input  wire        wr_req_valid_i,
  output wire        wr_req_ready_o,
  input  wire [63:0] wr_req_addr_i,
  input  wire [23:0] wr_req_len_i,
  input  wire        wr_data_valid_i,
  output wire        wr_data_ready_o,
  input  wire [63:0] wr_data_i,
  output wire        wr_done_o,
  // MWr TLPs, to the TX arbiter.
  output wire [63:0] tx_tdata_o,
  output wire [7:0]  tx_tkeep_o,
  output wire        tx_tlast_o,
  output wire        tx_tvalid_o,
  input  wire        tx_tready_i
);
  // Sending states, one per beat kind.
  localparam [2:0] S_IDLE = 3'd0;   // no request
  localparam [2:0] S_HDR0 = 3'd1;   // beat {DW1, DW0}; the TLP's size is decided here
  localparam [2:0] S_HDR1 = 3'd2;   // 4 DW: {DW3, DW2}; 3 DW: {payload DW 0, DW2}, takes data
  localparam [2:0] S_DATA = 3'd3;   // one engine word per beat
  localparam [2:0] S_TAIL = 3'd4;   // 3 DW: the last payload DW alone
  localparam [2:0] S_DROP = 3'd5;   // bus mastering off: take the TLP's words, send nothing

  // The queued request (addresses and lengths in 8-byte words).
  reg        q_valid_q, q_valid_d;
  reg [60:0] q_addr_q, q_addr_d;
  reg [20:0] q_len_q, q_len_d;
  reg [7:0]  q_be_q, q_be_d;        // bytes of the word written: FF but for a partial write
  // The request being sent: address and words left after the current TLP.
  reg [2:0]  state_q, state_d;
  reg [60:0] addr_q, addr_d;
  reg [20:0] rem_q, rem_d;
  reg [7:0]  be_q, be_d;
  // The current TLP.
  reg [60:0] tlp_addr_q, tlp_addr_d;
  reg [5:0]  left_q, left_d;        // engine words still to take
  reg        hdr4_q, hdr4_d;
  reg        final_q, final_d;      // the request's last TLP
  reg [31:0] hold_q, hold_d;        // wire-order high DW of the previous engine word
  reg        done_q, done_d;        // wr_done_o
  // Output register and skid entry: data, keep, last, and "ends a request" (for wr_done_o).
  reg        o_valid_q, o_valid_d;
  reg [63:0] o_data_q, o_data_d;
  reg [7:0]  o_keep_q, o_keep_d;
  reg        o_last_q, o_last_d;
  reg        o_done_q, o_done_d;
  reg        s_valid_q, s_valid_d;
  reg [63:0] s_data_q, s_data_d;
  reg [7:0]  s_keep_q, s_keep_d;
  reg        s_last_q, s_last_d;
  reg        s_done_q, s_done_d;

  // A partial write request: its bytes within the word.
  wire       part_req = wr_req_len_i[23:3] == 21'd0;
  wire [7:0] part_be  = ((8'd1 << wr_req_len_i[2:0]) - 8'd1) << wr_req_addr_i[2:0];

  function [31:0] bswap(input [31:0] x);
    bswap = {x[7:0], x[15:8], x[23:16], x[31:24]};
  endfunction

  // The TLP that starts at addr_q: words up to the next max-payload boundary, at most rem_q.
  wire [5:0]  mps_w = cfg_dcommand_i[7:5] == 3'd0 ? 6'd16 : 6'd32;   // 128 or 256 bytes
  wire [5:0]  to_bound = mps_w - (addr_q[5:0] & (mps_w - 6'd1));
  wire [5:0]  tlp_w = rem_q < {15'd0, to_bound} ? rem_q[5:0] : to_bound;
  wire        tlp_hdr4 = addr_q[60:29] != 32'd0;
  wire [15:0] rid = {cfg_bus_number_i, cfg_device_number_i, cfg_function_number_i};
  // A partial write with bytes in one half of the word is a 1-DW TLP at that DW.
  wire        one_dw  = !(|be_q[3:0] && |be_q[7:4]);
  wire        hi_only = !(|be_q[3:0]);
  wire [3:0]  fbe     = hi_only ? be_q[7:4] : be_q[3:0];
  wire [3:0]  lbe     = one_dw ? 4'b0000 : be_q[7:4];
  wire [9:0]  len_dw  = one_dw ? 10'd1 : {3'd0, tlp_w, 1'b0};
  wire [31:0] dw0 = {tlp_hdr4 ? `TLP_FMT_4DW_DATA : `TLP_FMT_3DW_DATA, `TLP_TYPE_MEM, 14'd0,
                     len_dw};                                         // length in DW
  wire [31:0] dw1 = {rid, 8'd0, lbe, fbe};                            // tag 0
  wire [31:0] adr_lo = {tlp_addr_q[28:0], hi_only, 2'b00};
  wire [31:0] d_lo = bswap(wr_data_i[31:0]);
  wire [31:0] d_hi = bswap(wr_data_i[63:32]);

  wire up_ready = !s_valid_q;
  wire out_empty = !o_valid_q && !s_valid_q;
  wire takes_data = state_q == S_DATA || state_q == S_DROP || (state_q == S_HDR1 && !hdr4_q);
  wire data_ready = takes_data && (up_ready || state_q == S_DROP);
  wire take = data_ready && wr_data_valid_i;

  // The beat offered to the skid buffer this cycle.
  reg        b_valid;
  reg [63:0] b_data;
  reg [7:0]  b_keep;
  reg        b_last;
  reg        tlp_end;   // the current TLP's last beat (or dropped word) goes this cycle
  always @* begin
    b_valid = 1'b0;
    b_data = {d_lo, hold_q};
    b_keep = 8'hFF;
    b_last = 1'b0;
    case (state_q)
      S_HDR0: begin
        b_valid = cfg_command_i[2];
        b_data = {dw1, dw0};
      end
      S_HDR1: begin
        b_valid = hdr4_q || wr_data_valid_i;
        b_data = hdr4_q ? {adr_lo, tlp_addr_q[60:29]} : {hi_only ? d_hi : d_lo, adr_lo};
        b_last = !hdr4_q && one_dw;
      end
      S_DATA: begin
        b_valid = wr_data_valid_i;
        b_last = hdr4_q && left_q == 6'd1;
        if (hdr4_q) b_data = one_dw ? {32'd0, hi_only ? d_hi : d_lo} : {d_hi, d_lo};
        if (one_dw) b_keep = 8'h0F;
      end
      S_TAIL: begin
        b_valid = 1'b1;
        b_data = {32'd0, hold_q};
        b_keep = 8'h0F;
        b_last = 1'b1;
      end
      default: ;
    endcase
  end
  wire emit = b_valid && up_ready && state_q != S_IDLE && state_q != S_DROP;

  always @* begin
    q_valid_d = q_valid_q;
    q_addr_d = q_addr_q;
    q_len_d = q_len_q;
    q_be_d = q_be_q;
    state_d = state_q;
    addr_d = addr_q;
    rem_d = rem_q;
    be_d = be_q;
    tlp_addr_d = tlp_addr_q;
    left_d = left_q;
    hdr4_d = hdr4_q;
    final_d = final_q;
    hold_d = hold_q;
    done_d = o_valid_q && tx_tready_i && o_last_q && o_done_q;
    tlp_end = 1'b0;

    if (wr_req_valid_i && !q_valid_q) begin
      q_valid_d = 1'b1;
      q_addr_d = wr_req_addr_i[63:3];
      q_len_d = part_req ? 21'd1 : wr_req_len_i[23:3];
      q_be_d = part_req ? part_be : 8'hFF;
    end
    if (take) begin
      hold_d = d_hi;
      left_d = left_q - 6'd1;
    end

    case (state_q)
      S_HDR0: if (cfg_command_i[2] ? up_ready : out_empty) begin
        // Size the TLP and move the request on past it.
        tlp_addr_d = addr_q;
        hdr4_d = tlp_hdr4;
        left_d = tlp_w;
        final_d = rem_q == {15'd0, tlp_w};
        addr_d = addr_q + {55'd0, tlp_w};
        rem_d = rem_q - {15'd0, tlp_w};
        state_d = cfg_command_i[2] ? S_HDR1 : S_DROP;
      end
      S_HDR1: if (hdr4_q ? emit : take) begin
        if (!hdr4_q && one_dw) tlp_end = 1'b1;   // header and its one DW in two beats
        else state_d = (hdr4_q || left_q != 6'd1) ? S_DATA : S_TAIL;
      end
      S_DATA: if (take && left_q == 6'd1) begin
        if (hdr4_q) tlp_end = 1'b1;
        else state_d = S_TAIL;
      end
      S_TAIL: if (emit) tlp_end = 1'b1;
      S_DROP: if (take && left_q == 6'd1) begin
        tlp_end = 1'b1;
        if (final_q) done_d = 1'b1;   // the output is empty, so no other done this cycle
      end
      default: ;
    endcase

    // After a TLP (or when idle): the same request, else the queued one, else idle.
    if (tlp_end || state_q == S_IDLE) begin
      if (tlp_end && rem_q != 21'd0) begin
        state_d = S_HDR0;
      end else if (q_valid_q) begin
        state_d = S_HDR0;
        addr_d = q_addr_q;
        rem_d = q_len_q;
        be_d = q_be_q;
        q_valid_d = 1'b0;
      end else begin
        state_d = S_IDLE;
      end
    end
  end

  // Skid buffer: the output register takes the offered beat when it is empty or being
  // emptied; otherwise the beat waits in the skid entry, which stops the source next cycle.
  wire o_free = !o_valid_q || tx_tready_i;
  always @* begin
    o_valid_d = o_valid_q && !tx_tready_i;
    o_data_d = o_data_q;
    o_keep_d = o_keep_q;
    o_last_d = o_last_q;
    o_done_d = o_done_q;
    s_valid_d = s_valid_q;
    s_data_d = s_data_q;
    s_keep_d = s_keep_q;
    s_last_d = s_last_q;
    s_done_d = s_done_q;
    if (s_valid_q) begin
      if (o_free) begin
        o_valid_d = 1'b1;
        o_data_d = s_data_q;
        o_keep_d = s_keep_q;
        o_last_d = s_last_q;
        o_done_d = s_done_q;
        s_valid_d = 1'b0;
      end
    end else if (emit) begin
      if (o_free) begin
        o_valid_d = 1'b1;
        o_data_d = b_data;
        o_keep_d = b_keep;
        o_last_d = b_last;
        o_done_d = final_q;
      end else begin
        s_valid_d = 1'b1;
        s_data_d = b_data;
        s_keep_d = b_keep;
        s_last_d = b_last;
        s_done_d = final_q;
      end
    end
  end

  always @(posedge clk_i) begin
    if (!rst_ni) begin
      q_valid_q <= 1'b0;
      state_q <= S_IDLE;
      done_q <= 1'b0;
      o_valid_q <= 1'b0;
      s_valid_q <= 1'b0;
    end else begin
      q_valid_q <= q_valid_d;
      state_q <= state_d;
      done_q <= done_d;
      o_valid_q <= o_valid_d;
      s_valid_q <= s_valid_d;
    end
    // Data path flops need no reset: each is written before its valid flag is set.
    q_addr_q <= q_addr_d;
    q_len_q <= q_len_d;
    q_be_q <= q_be_d;
    addr_q <= addr_d;
    rem_q <= rem_d;
    be_q <= be_d;
    tlp_addr_q <= tlp_addr_d;
    left_q <= left_d;
    hdr4_q <= hdr4_d;
    final_q <= final_d;
    hold_q <= hold_d;
    o_data_q <= o_data_d;
    o_keep_q <= o_keep_d;
    o_last_q <= o_last_d;
    o_done_q <= o_done_d;
    s_data_q <= s_data_d;
    s_keep_q <= s_keep_d;
    s_last_q <= s_last_d;
    s_done_q <= s_done_d;
  end

  assign wr_req_ready_o = !q_valid_q;
  assign wr_data_ready_o = data_ready;
  assign wr_done_o = done_q;
  assign tx_tdata_o = o_data_q;
  assign tx_tkeep_o = o_keep_q;
  assign tx_tlast_o = o_last_q;
  assign tx_tvalid_o = o_valid_q;

  // Only bus master enable and max payload size of the configuration matter here.
  wire unused_ok = &{1'b0, cfg_command_i[15:3],
                     cfg_command_i[1:0], cfg_dcommand_i[15:8], cfg_dcommand_i[4:0],
                     cfg_dcommand2_i};
endmodule

`default_nettype wire
