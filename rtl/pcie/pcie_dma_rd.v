// pcie_dma_rd: the DMA read requester: engine reads become MRd TLPs; completions are
// checked, reassembled in address order, timed out.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "pcie_tlp.vh"

// Splitting. A request (host address and length, multiples of 8 bytes) is cut into MRds of
// at most the max read request size (Device Control [14:12], 128 << value, capped at 512
// bytes) that end at the next such boundary or at the end of the request, so none crosses
// 4 KiB. 3-DW headers below 4 GiB, 4-DW above; TC 0, no attributes, BEs 1111. rd_req_ready_o
// is high while no request is being split (a request taken in the cycle of rd_abort_i is
// dropped with the rest).
//
// Reads in flight. Each MRd takes an entry of a ring of READ_TAGS entries in issue order and
// a region of the reassembly buffer (BUF_BYTES of block RAM, a ring in issue order too); it
// is only sent when both are free, so completions are never stalled (cpl_tready_o is always
// 1) and rd_data_ready_i may stall forever. Entry and region are freed when the data has
// been read out of the buffer.
//
// Tags. The 32 tag values of a 5-bit Tag field (extended tags are not used) are a pool apart
// from the entries: each is free, busy (its MRd awaits completions; it names its entry) or
// quarantined. New MRds take the first free value after the last one taken, so a value is
// reused as late as possible. A value leaves "busy" when its last completion has been
// accepted (free) or when it times out, rd_abort_i forgets its read or a poisoned completion
// that is not its last arrives (quarantined); a
// quarantined value becomes free when a completion arrives that would have ended its read
// (an error status, or Byte Count equal to its own length) or after a second timeout period
// (never while the timeout is disabled). So a late completion finds its tag quarantined and
// is dropped, never given to the tag's next user; with 32 values and at most READ_TAGS
// busy, up to 32 - READ_TAGS values can sit in quarantine without slowing reads.
//
// Completions (only Cpl/CplD reach this module; one register stage at the input). On the
// second beat (DW2) a completion is checked: ours (requester ID, Tag[7:5] 0), its tag busy;
// a successful CplD must carry an even, non-zero number of DWs no more than the read still
// expects, a Byte Count equal to the bytes the read still expects and a Lower Address equal
// to the address of the next byte expected (completions for one tag arrive in address
// order). A good one is written to the entry's region after those before it, realigned one
// DW (payload DW 0 is in the upper half of the second beat) and byte-swapped to
// little-endian, one 8-byte word per beat. A completion with status UR fails its read with
// code 2, any other non-successful status or a poisoned CplD (EP) with code 3; anything else
// (not ours, tag not busy, inconsistent) is dropped and counted in stat_late_cpls_o.
//
// Completion timeout (Device Control 2: value [3:0], disable [4]). A global timer ticks
// every "unit"; a busy tag's age (3 bits, restarted when its MRd leaves on tx) counts ticks
// and the read fails with code 1 at 7, that is between 6 and 7 units after the MRd was sent
// (plus up to 32 cycles: one tag is looked at per cycle). Units and resulting timeouts:
//   0 (and reserved values) 6 ms: 36-42 ms;  1: 10 us: 60-70 us;  2: 1 ms: 6-7 ms;
//   5: 6 ms: 36-42 ms;  6: 20 ms: 120-140 ms;  9: 80 ms: 480-560 ms;  A: 300 ms: 1.8-2.1 s;
//   D: 1 s: 6-7 s;  E: 5 s: 30-35 s.
//
// Output. The head entry of the ring is read out of the buffer as far as its data has
// arrived (a word is readable the cycle after it was written), through a 4-word FIFO, one
// word per cycle. A failed read gives one more beat, data 0, with rd_data_last_o,
// rd_data_err_o and rd_err_code_o (data received but not yet sent is discarded), and the rest
// of its request is read silently: later MRds already sent are waited for and discarded; the
// splitter sends no more of it. Bus mastering off (cfg_command_i bit 2, looked at for each
// MRd): no MRd, the request ends as soon as what was sent before has been delivered, with
// code 2 (unsupported request).
// rd_abort_i forgets everything in one cycle: the request being split, every read (their
// tags quarantined), buffered data, the FIFO. An MRd already offered on tx is still sent.
module pcie_dma_rd #(
  parameter integer READ_TAGS = 8,     // MRds outstanding at once, 1 to 32
  parameter integer CLK_MHZ   = 125,   // clk_i frequency in MHz, for the timeout
  parameter integer BUF_BYTES = 4096   // reassembly buffer, a power of two from 1024 bytes
) (
  input  wire        clk_i,
  input  wire        rst_ni,
  input  wire [7:0]  cfg_bus_number_i,
  input  wire [4:0]  cfg_device_number_i,
  input  wire [2:0]  cfg_function_number_i,
  input  wire [15:0] cfg_command_i,      // bit 2: bus master enable
  input  wire [15:0] cfg_dcommand_i,     // [14:12]: max read request size
  input  wire [15:0] cfg_dcommand2_i,    // [3:0]: completion timeout value, [4]: disable
  // Read port (docs/pcie.md).
  input  wire        rd_req_valid_i,
  output wire        rd_req_ready_o,
  input  wire [63:0] rd_req_addr_i,
  input  wire [23:0] rd_req_len_i,
  output wire        rd_data_valid_o,
  input  wire        rd_data_ready_i,
  output wire [63:0] rd_data_o,
  output wire        rd_data_last_o,
  output wire        rd_data_err_o,
  output wire [1:0]  rd_err_code_o,
  input  wire        rd_abort_i,
  // Completions from the RX router.
  input  wire [63:0] cpl_tdata_i,
  input  wire [7:0]  cpl_tkeep_i,
  input  wire        cpl_tlast_i,
  input  wire        cpl_tvalid_i,
  output wire        cpl_tready_o,
  // MRd TLPs, to the TX arbiter.
  output wire [63:0] tx_tdata_o,
  output wire [7:0]  tx_tkeep_o,
  output wire        tx_tlast_o,
  output wire        tx_tvalid_o,
  input  wire        tx_tready_i,
  output wire [15:0] stat_cpl_timeouts_o,
  output wire [15:0] stat_late_cpls_o
);
  localparam integer NE = READ_TAGS;                    // ring entries
  localparam integer IW = NE > 1 ? $clog2(NE) : 1;      // entry index width
  localparam integer CW = $clog2(NE + 1);               // entry count width
  localparam integer LW = 7;                            // read length in words, 0 to 64
  localparam integer BUF_WORDS = BUF_BYTES / 8;
  localparam integer BW = $clog2(BUF_WORDS);            // buffer word address width
  localparam integer USW = $clog2(CLK_MHZ + 1);
  localparam [31:0] BUF_WORDS32 = BUF_WORDS;
  localparam [31:0] NE32 = NE;
  localparam [31:0] US_LAST32 = CLK_MHZ - 1;
  localparam [BW+1:0] BUF_WORDS_W = BUF_WORDS32[BW+1:0];
  localparam [CW-1:0] NE_W = NE32[CW-1:0];
  localparam [IW-1:0] LAST_E = NE32[IW-1:0] - 1'b1;
  localparam [31:0] ONE32 = 1;
  localparam [CW-1:0] CNT_ONE = ONE32[CW-1:0];
  localparam [USW-1:0] US_LAST = US_LAST32[USW-1:0];

  generate
    if (READ_TAGS < 1 || READ_TAGS > 32 || BUF_BYTES < 1024 ||
        (BUF_BYTES & (BUF_BYTES - 1)) != 0 || CLK_MHZ < 1) begin : g_bad_param
      $error("pcie_dma_rd: READ_TAGS = %0d must be 1 to 32, BUF_BYTES = %0d a power of two from 1024",
             READ_TAGS, BUF_BYTES);
`ifndef SYNTHESIS
      initial $fatal(1, "pcie_dma_rd: bad parameters");
`endif
    end
  endgenerate

  function [31:0] bswap(input [31:0] x);
    bswap = {x[7:0], x[15:8], x[23:16], x[31:24]};
  endfunction
  // A word count as a buffer word offset.
  function [BW-1:0] ext_w(input [LW-1:0] x);
    begin
      ext_w = {BW{1'b0}};
      ext_w[LW-1:0] = x;
    end
  endfunction
  function [IW-1:0] next_e(input [IW-1:0] e);
    next_e = e == LAST_E ? {IW{1'b0}} : e + 1'b1;
  endfunction
  // Field idx of a flattened array: AND-OR multiplexers, cheaper than the shifters that a
  // variable part-select becomes.
  function [LW-1:0] sel_e_lw(input [LW*NE-1:0] v, input [IW-1:0] idx);
    integer j;
    begin
      sel_e_lw = {LW{1'b0}};
      for (j = 0; j < NE; j = j + 1) sel_e_lw = sel_e_lw | (v[j*LW +: LW] & {LW{idx == j[IW-1:0]}});
    end
  endfunction
  function [BW-1:0] sel_e_bw(input [BW*NE-1:0] v, input [IW-1:0] idx);
    integer j;
    begin
      sel_e_bw = {BW{1'b0}};
      for (j = 0; j < NE; j = j + 1) sel_e_bw = sel_e_bw | (v[j*BW +: BW] & {BW{idx == j[IW-1:0]}});
    end
  endfunction
  function [3:0] sel_e_4(input [4*NE-1:0] v, input [IW-1:0] idx);
    integer j;
    begin
      sel_e_4 = 4'd0;
      for (j = 0; j < NE; j = j + 1) sel_e_4 = sel_e_4 | (v[j*4 +: 4] & {4{idx == j[IW-1:0]}});
    end
  endfunction
  function [1:0] sel_e_2(input [2*NE-1:0] v, input [IW-1:0] idx);
    integer j;
    begin
      sel_e_2 = 2'd0;
      for (j = 0; j < NE; j = j + 1) sel_e_2 = sel_e_2 | (v[j*2 +: 2] & {2{idx == j[IW-1:0]}});
    end
  endfunction
  function [IW-1:0] sel_t_ent(input [32*IW-1:0] v, input [4:0] idx);
    integer j;
    begin
      sel_t_ent = {IW{1'b0}};
      for (j = 0; j < 32; j = j + 1) sel_t_ent = sel_t_ent | (v[j*IW +: IW] & {IW{idx == j[4:0]}});
    end
  endfunction
  function [2:0] sel_t_age(input [95:0] v, input [4:0] idx);
    integer j;
    begin
      sel_t_age = 3'd0;
      for (j = 0; j < 32; j = j + 1) sel_t_age = sel_t_age | (v[j*3 +: 3] & {3{idx == j[4:0]}});
    end
  endfunction
  // The first set bit of free at or after start, else the first one: {found, index}.
  function [5:0] pick_tag(input [31:0] free, input [4:0] start);
    reg [31:0] pool;
    integer i;
    begin
      for (i = 0; i < 32; i = i + 1) pool[i] = free[i] && i[4:0] >= start;
      if (pool == 32'd0) pool = free;
      pick_tag = 6'd0;
      for (i = 31; i >= 0; i = i - 1)
        if (pool[i]) pick_tag = {1'b1, i[4:0]};
    end
  endfunction

  wire [15:0] rid = {cfg_bus_number_i, cfg_device_number_i, cfg_function_number_i};

  // ---------------------------------------------------------------- state
  // Request being split (word address and words left).
  reg            req_active_q, req_active_d;
  reg [60:0]     req_addr_q, req_addr_d;
  reg [20:0]     req_rem_q, req_rem_d;
  reg            abandon_q, abandon_d;       // one of its reads failed: stop splitting it
  // Ring of reads in issue order; entry i's fields at [i*width +: width].
  reg [LW*NE-1:0] e_len_q, e_len_d;          // words (0: a marker that carries no data)
  reg [BW*NE-1:0] e_base_q, e_base_d;        // buffer word of its first word
  reg [LW*NE-1:0] e_claim_q, e_claim_d;      // words announced by accepted completions
  reg [LW*NE-1:0] e_recv_q, e_recv_d;        // words written to the buffer
  reg [4*NE-1:0]  e_alo_q, e_alo_d;          // address bits 6:3 of its first word
  reg [NE-1:0]    e_last_q, e_last_d;        // last entry of its request
  reg [NE-1:0]    e_cur_q, e_cur_d;          // its request is still being split
  reg [NE-1:0]    e_err_q, e_err_d;
  reg [2*NE-1:0]  e_code_q, e_code_d;
  reg [IW-1:0]    head_q, head_d, tail_q, tail_d;
  reg [CW-1:0]    cnt_q, cnt_d;
  reg [BW-1:0]    alloc_q, alloc_d;          // buffer word where the next read's region starts
  reg [BW:0]      used_q, used_d;            // buffer words held by entries
  // Tag pool.
  reg [31:0]      t_busy_q, t_busy_d;
  reg [31:0]      t_quar_q, t_quar_d;
  reg [95:0]      t_age_q, t_age_d;          // 3 bits each, saturating
  reg [32*IW-1:0] t_ent_q, t_ent_d;          // entry of a busy tag
  reg [4:0]       rr_q, rr_d;                // where the search for a free tag starts
  reg [4:0]       cand_q;                    // a free tag, computed a cycle ahead
  reg             cand_ok_q;
  reg [4:0]       scan_q, scan_d;            // tag whose age is looked at
  // MRd on tx.
  reg             tx_valid_q, tx_valid_d;
  reg             tx_beat_q, tx_beat_d;
  reg             tx_hdr4_q, tx_hdr4_d;
  reg [4:0]       tx_tag_q, tx_tag_d;
  reg [60:0]      tx_addr_q, tx_addr_d;
  reg [LW-1:0]    tx_len_q, tx_len_d;
  // Completion input and writer.
  reg             in_valid_q;
  reg [63:0]      in_data_q;
  reg             in_last_q;
  reg [1:0]       c_beat_q, c_beat_d;        // 0, 1: header beats; 2: payload beats
  reg [31:0]      c_dw0_q, c_dw0_d, c_dw1_q, c_dw1_d;
  reg             w_acc_q, w_acc_d;          // this completion's payload goes to the buffer
  reg [BW-1:0]    w_ptr_q, w_ptr_d;
  reg [LW-1:0]    w_left_q, w_left_d;
  reg [IW-1:0]    w_ent_q, w_ent_d;
  reg [4:0]       w_tag_q, w_tag_d;
  reg [31:0]      w_hold_q, w_hold_d;        // upper DW of the previous beat (wire order)
  // Output side.
  reg [LW-1:0]    out_off_q, out_off_d;      // words of the head entry already read
  reg             skip_q, skip_d;            // discarding the rest of a failed request
  reg             pend_q, pend_d;            // a word is on its way out of the RAM
  reg [3:0]       pend_meta_q, pend_meta_d;  // {last, err, code}
  reg [255:0]     f_data_q, f_data_d;        // 4-word output FIFO
  reg [15:0]      f_meta_q, f_meta_d;
  reg [1:0]       f_rd_q, f_rd_d, f_wr_q, f_wr_d;
  reg [2:0]       f_cnt_q, f_cnt_d;
  // Timer and counters.
  reg [USW-1:0]   us_q, us_d;
  reg [22:0]      unit_q, unit_d;
  reg [15:0]      st_to_q, st_to_d, st_late_q, st_late_d;

  // ---------------------------------------------------------------- timer
  // Timeout unit in microseconds, minus 1 (see the table above).
  reg [22:0] unit_last;
  always @* begin
    case (cfg_dcommand2_i[3:0])
      4'h1:    unit_last = 23'd9;
      4'h2:    unit_last = 23'd999;
      4'h6:    unit_last = 23'd19999;
      4'h9:    unit_last = 23'd79999;
      4'hA:    unit_last = 23'd299999;
      4'hD:    unit_last = 23'd999999;
      4'hE:    unit_last = 23'd4999999;
      default: unit_last = 23'd5999;
    endcase
  end
  wire to_off = cfg_dcommand2_i[4];
  wire us_end = us_q >= US_LAST;
  wire tick = !to_off && us_end && unit_q >= unit_last;
  always @* begin
    us_d = us_end ? {USW{1'b0}} : us_q + 1'b1;
    unit_d = !us_end ? unit_q : unit_q >= unit_last ? 23'd0 : unit_q + 23'd1;
    if (to_off) begin
      us_d = {USW{1'b0}};
      unit_d = 23'd0;
    end
  end

  // ---------------------------------------------------------------- splitter
  wire [LW-1:0] mrrs_w = cfg_dcommand_i[14:12] == 3'd0 ? 7'd16 :
                         cfg_dcommand_i[14:12] == 3'd1 ? 7'd32 : 7'd64;
  wire [LW-1:0] to_bound = mrrs_w - ({1'b0, req_addr_q[5:0]} & (mrrs_w - 7'd1));
  wire [LW-1:0] tlp_w = req_rem_q < {14'd0, to_bound} ? req_rem_q[LW-1:0] : to_bound;
  wire room = {1'b0, used_q} + {{(BW + 2 - LW){1'b0}}, tlp_w} <= BUF_WORDS_W;
  wire can_push = req_active_q && cnt_q != NE_W && !rd_abort_i;
  wire push_term = can_push && abandon_q;                         // end of a failed request
  wire push_ur = can_push && !abandon_q && !cfg_command_i[2];     // bus mastering off
  wire push_rd = can_push && !abandon_q && cfg_command_i[2] && !tx_valid_q && cand_ok_q && room;
  wire push = push_term || push_ur || push_rd;
  wire finish = push_term || push_ur || (push_rd && {14'd0, tlp_w} == req_rem_q);

  // ---------------------------------------------------------------- completion header
  wire [2:0]  c_fmt = c_dw0_q[31:29];
  wire [4:0]  c_type = c_dw0_q[28:24];
  wire        c_ep = c_dw0_q[14];
  wire [9:0]  c_len = c_dw0_q[9:0];
  wire [2:0]  c_stat = c_dw1_q[15:13];
  wire [11:0] c_bc = c_dw1_q[11:0];
  wire [15:0] c_rid = in_data_q[31:16];
  wire [7:0]  c_tag8 = in_data_q[15:8];
  wire [6:0]  c_la = in_data_q[6:0];
  wire [4:0]  ct = c_tag8[4:0];
  wire        dec = in_valid_q && c_beat_q == 2'd1;   // a completion's header is complete
  wire        c_ours = c_type == `TLP_TYPE_CPL && (c_fmt == `TLP_FMT_3DW || c_fmt == `TLP_FMT_3DW_DATA) &&
                       c_rid == rid && c_tag8[7:5] == 3'd0;
  wire        c_sc = c_stat == `TLP_CPL_SC;
  wire [12:0] c_bc13 = c_bc == 12'd0 ? 13'd4096 : {1'b0, c_bc};
  wire [12:0] c_bytes = c_len == 10'd0 ? 13'd4096 : {1'b0, c_len, 2'b00};
  wire        c_final = !c_sc || c_bytes == c_bc13;    // would end its read
  wire [IW-1:0] ce = sel_t_ent(t_ent_q, ct);
  wire [LW-1:0] ce_len = sel_e_lw(e_len_q, ce);
  wire [LW-1:0] ce_claim = sel_e_lw(e_claim_q, ce);
  wire [LW-1:0] ce_rem = ce_len - ce_claim;
  wire [3:0]    ce_alo = sel_e_4(e_alo_q, ce) + ce_claim[3:0];
  wire [8:0]    c_words = c_len[9:1];
  wire          c_good = c_fmt == `TLP_FMT_3DW_DATA && c_len != 10'd0 && !c_len[0] && !in_last_q &&
                         c_bc13 == {3'd0, ce_rem, 3'b000} && c_la == {ce_alo, 3'b000} &&
                         c_words <= {2'd0, ce_rem};
  wire          c_done = c_words == {2'd0, ce_rem};      // the read's last completion
  // What the completion does: for a busy tag, data accepted (c_acc), the read failed (c_fail,
  // with c_code), the tag freed (c_free) or quarantined (c_quar: poisoned, more to come);
  // for a quarantined tag, the read's end (c_rel); anything else is dropped and counted.
  wire          c_busy = dec && c_ours && t_busy_q[ct];
  wire          c_acc = c_busy && c_sc && c_good;
  wire          c_fail = c_busy && (!c_sc || (c_good && c_ep));
  wire [1:0]    c_code = !c_sc && c_stat == `TLP_CPL_UR ? 2'd2 : 2'd3;
  wire          c_free = c_busy && (!c_sc || (c_good && (c_ep || c_done)));
  wire          c_quar = c_acc && c_ep && !c_done;
  wire          c_rel = dec && c_ours && !t_busy_q[ct] && t_quar_q[ct] && c_final;
  wire          c_drop = dec && !(c_busy && (!c_sc || c_good));
  wire          w_start = c_acc && !c_ep;
  wire          w_en = in_valid_q && c_beat_q == 2'd2 && w_acc_q && w_left_q != {LW{1'b0}};
  wire [63:0]   w_data = {bswap(in_data_q[31:0]), bswap(w_hold_q)};

  // ---------------------------------------------------------------- timeout scan
  // One tag per cycle; a tag whose completion is being taken is left alone.
  wire [IW-1:0] se = sel_t_ent(t_ent_q, scan_q);
  wire s_due = !to_off && sel_t_age(t_age_q, scan_q) == 3'd7 && !(dec && ct == scan_q) &&
               !(w_acc_q && w_tag_q == scan_q);
  wire s_timeout = s_due && t_busy_q[scan_q];
  wire s_expire = s_due && !t_busy_q[scan_q] && t_quar_q[scan_q];

  // ---------------------------------------------------------------- output side
  wire [LW-1:0] h_len = sel_e_lw(e_len_q, head_q);
  wire [LW-1:0] h_recv = sel_e_lw(e_recv_q, head_q);
  wire [BW-1:0] h_base = sel_e_bw(e_base_q, head_q);
  wire          h_err = e_err_q[head_q];
  wire [1:0]    h_code = sel_e_2(e_code_q, head_q);
  wire          h_last = e_last_q[head_q];
  wire          f_space = {1'b0, f_cnt_q} + {3'd0, pend_q} < 4'd4;
  wire          h_any = cnt_q != {CW{1'b0}};
  wire          out_err = h_any && !skip_q && h_err && f_space;
  wire          out_rd = h_any && !skip_q && !h_err && out_off_q != h_recv && f_space;
  wire          pop = h_any && (skip_q ? (h_err || h_recv == h_len) :
                                h_err ? f_space :
                                h_len == {LW{1'b0}} ? 1'b1 :
                                out_rd && out_off_q + 1'b1 == h_len);
  wire [BW-1:0] rd_addr = h_base + ext_w(out_off_q);
  wire [31:0]   ram_lo, ram_hi;
  wire          f_pop = f_cnt_q != 3'd0 && rd_data_ready_i;
  wire          tx_sent = tx_valid_q && tx_tready_i && tx_beat_q;   // an MRd's last beat left

  // A read of the request being split fails: stop splitting it.
  wire          cur_fail = req_active_q && ((c_fail && e_cur_q[ce]) || (s_timeout && e_cur_q[se]));

  // ---------------------------------------------------------------- next state
  always @* begin
    req_active_d = req_active_q;
    req_addr_d = req_addr_q;
    req_rem_d = req_rem_q;
    abandon_d = abandon_q || cur_fail;
    head_d = head_q;
    tail_d = tail_q;
    alloc_d = alloc_q;
    rr_d = rr_q;
    scan_d = scan_q + 5'd1;
    tx_valid_d = tx_valid_q;
    tx_beat_d = tx_beat_q;
    tx_hdr4_d = tx_hdr4_q;
    tx_tag_d = tx_tag_q;
    tx_addr_d = tx_addr_q;
    tx_len_d = tx_len_q;
    c_beat_d = c_beat_q;
    c_dw0_d = c_dw0_q;
    c_dw1_d = c_dw1_q;
    w_acc_d = w_acc_q;
    w_ptr_d = w_ptr_q;
    w_left_d = w_left_q;
    w_ent_d = w_ent_q;
    w_tag_d = w_tag_q;
    w_hold_d = w_hold_q;
    out_off_d = out_off_q;
    skip_d = skip_q;
    pend_d = out_err || out_rd;
    pend_meta_d = out_err ? {2'b11, h_code} : {h_last && out_off_q + 1'b1 == h_len, 3'b000};
    f_rd_d = f_rd_q;
    f_wr_d = f_wr_q;
    f_cnt_d = f_cnt_q + {2'd0, pend_q} - {2'd0, f_pop};

    // MRd beats leaving.
    if (tx_valid_q && tx_tready_i) begin
      tx_beat_d = !tx_beat_q;
      if (tx_beat_q) tx_valid_d = 1'b0;
    end

    // Completion input: header beats, the check, payload words.
    if (in_valid_q) begin
      c_beat_d = in_last_q ? 2'd0 : c_beat_q == 2'd2 ? 2'd2 : c_beat_q + 2'd1;
      w_hold_d = in_data_q[63:32];
      if (c_beat_q == 2'd0) begin
        c_dw0_d = in_data_q[31:0];
        c_dw1_d = in_data_q[63:32];
      end
      if (in_last_q) w_acc_d = 1'b0;
    end
    if (w_start) begin
      w_acc_d = 1'b1;
      w_ptr_d = sel_e_bw(e_base_q, ce) + ext_w(ce_claim);
      w_left_d = c_words[LW-1:0];
      w_ent_d = ce;
      w_tag_d = ct;
    end
    if (w_en) begin
      w_ptr_d = w_ptr_q + 1'b1;
      w_left_d = w_left_q - 1'b1;
    end

    // Splitter: take a request; push an MRd, an error marker or an end marker.
    if (rd_req_valid_i && !req_active_q) begin
      req_active_d = 1'b1;
      req_addr_d = rd_req_addr_i[63:3];
      req_rem_d = rd_req_len_i[23:3];
      abandon_d = 1'b0;
    end
    if (push) tail_d = next_e(tail_q);
    if (finish) begin
      req_active_d = 1'b0;
      abandon_d = 1'b0;
    end
    if (push_rd) begin
      rr_d = cand_q + 5'd1;
      tx_valid_d = 1'b1;
      tx_beat_d = 1'b0;
      tx_hdr4_d = req_addr_q[60:29] != 32'd0;
      tx_tag_d = cand_q;
      tx_addr_d = req_addr_q;
      tx_len_d = tlp_w;
      alloc_d = alloc_q + ext_w(tlp_w);
      req_addr_d = req_addr_q + {54'd0, tlp_w};
      req_rem_d = req_rem_q - {14'd0, tlp_w};
    end

    // Output: read the head entry's words, or its error beat; free it when done.
    if (out_rd) out_off_d = out_off_q + 1'b1;
    if (pop) begin
      head_d = next_e(head_q);
      out_off_d = {LW{1'b0}};
      skip_d = (skip_q || h_err) && !h_last;
    end
    cnt_d = cnt_q + (push ? CNT_ONE : {CW{1'b0}}) - (pop ? CNT_ONE : {CW{1'b0}});
    used_d = used_q + (push_rd ? {{(BW + 1 - LW){1'b0}}, tlp_w} : {(BW + 1){1'b0}})
                    - (pop ? {{(BW + 1 - LW){1'b0}}, h_len} : {(BW + 1){1'b0}});
    if (pend_q) f_wr_d = f_wr_q + 2'd1;
    if (f_pop) f_rd_d = f_rd_q + 2'd1;

    // Abort: forget the request and every read.
    if (rd_abort_i) begin
      req_active_d = 1'b0;
      abandon_d = 1'b0;
      head_d = {IW{1'b0}};
      tail_d = {IW{1'b0}};
      cnt_d = {CW{1'b0}};
      alloc_d = {BW{1'b0}};
      used_d = {(BW + 1){1'b0}};
      w_acc_d = 1'b0;
      out_off_d = {LW{1'b0}};
      skip_d = 1'b0;
      pend_d = 1'b0;
      f_rd_d = 2'd0;
      f_wr_d = 2'd0;
      f_cnt_d = 3'd0;
    end

    st_to_d = st_to_q + {15'd0, s_timeout && st_to_q != 16'hFFFF};
    st_late_d = st_late_q + {15'd0, (c_drop || (in_valid_q && c_beat_q == 2'd0 && in_last_q)) &&
                                    st_late_q != 16'hFFFF};
  end

  // Ring entries, each from its own events.
  integer ie;
  always @* begin
    e_len_d = e_len_q;
    e_base_d = e_base_q;
    e_claim_d = e_claim_q;
    e_recv_d = e_recv_q;
    e_alo_d = e_alo_q;
    e_last_d = e_last_q;
    e_cur_d = finish ? {NE{1'b0}} : e_cur_q;
    e_err_d = e_err_q;
    e_code_d = e_code_q;
    for (ie = 0; ie < NE; ie = ie + 1) begin
      if (c_acc && ce == ie[IW-1:0]) e_claim_d[ie*LW +: LW] = ce_claim + c_words[LW-1:0];
      if (w_en && w_ent_q == ie[IW-1:0]) e_recv_d[ie*LW +: LW] = e_recv_q[ie*LW +: LW] + 1'b1;
      if (c_fail && ce == ie[IW-1:0]) begin
        e_err_d[ie] = 1'b1;
        e_code_d[ie*2 +: 2] = c_code;
      end
      if (s_timeout && se == ie[IW-1:0]) begin
        e_err_d[ie] = 1'b1;
        e_code_d[ie*2 +: 2] = 2'd1;
      end
      if (push && tail_q == ie[IW-1:0]) begin
        e_len_d[ie*LW +: LW] = push_rd ? tlp_w : {LW{1'b0}};
        e_base_d[ie*BW +: BW] = alloc_q;
        e_claim_d[ie*LW +: LW] = {LW{1'b0}};
        e_recv_d[ie*LW +: LW] = {LW{1'b0}};
        e_alo_d[ie*4 +: 4] = req_addr_q[3:0];
        e_err_d[ie] = push_ur;
        e_code_d[ie*2 +: 2] = 2'd2;
        e_last_d[ie] = finish;
        e_cur_d[ie] = !finish;
      end
    end
  end

  // Tag pool, each tag from its own events.
  integer it;
  always @* begin
    t_busy_d = t_busy_q;
    t_quar_d = t_quar_q;
    t_age_d = t_age_q;
    t_ent_d = t_ent_q;
    for (it = 0; it < 32; it = it + 1) begin
      if (tick && (t_busy_q[it] || t_quar_q[it]) && t_age_q[3*it +: 3] != 3'd7)
        t_age_d[3*it +: 3] = t_age_q[3*it +: 3] + 3'd1;
      if (tx_sent && tx_tag_q == it[4:0]) t_age_d[3*it +: 3] = 3'd0;
      if (ct == it[4:0]) begin
        if (c_free || c_rel) begin
          t_busy_d[it] = 1'b0;
          t_quar_d[it] = 1'b0;
        end
        if (c_quar) begin
          t_quar_d[it] = 1'b1;
          t_age_d[3*it +: 3] = 3'd0;
        end
      end
      if (scan_q == it[4:0]) begin
        if (s_timeout) begin
          t_busy_d[it] = 1'b0;
          t_quar_d[it] = 1'b1;
          t_age_d[3*it +: 3] = 3'd0;
        end
        if (s_expire) t_quar_d[it] = 1'b0;
      end
      if (push_rd && cand_q == it[4:0]) begin
        t_busy_d[it] = 1'b1;
        t_age_d[3*it +: 3] = 3'd0;
        t_ent_d[it*IW +: IW] = tail_q;
      end
      // Abort: reads still awaiting completions are forgotten, their tags quarantined.
      if (rd_abort_i && t_busy_d[it]) begin
        t_busy_d[it] = 1'b0;
        t_quar_d[it] = 1'b1;
        t_age_d[3*it +: 3] = 3'd0;
      end
    end
  end

  // Output FIFO: the word read from the buffer (0 for an error beat) joins the FIFO.
  integer i_f;
  always @* begin
    f_data_d = f_data_q;
    f_meta_d = f_meta_q;
    for (i_f = 0; i_f < 4; i_f = i_f + 1)
      if (pend_q && f_wr_q == i_f[1:0]) begin
        f_data_d[i_f*64 +: 64] = pend_meta_q[2] ? 64'd0 : {ram_hi, ram_lo};
        f_meta_d[i_f*4 +: 4] = pend_meta_q;
      end
  end
  reg [63:0] f_out;
  reg [3:0]  f_out_meta;
  always @* begin
    case (f_rd_q)
      2'd0:    {f_out, f_out_meta} = {f_data_q[63:0], f_meta_q[3:0]};
      2'd1:    {f_out, f_out_meta} = {f_data_q[127:64], f_meta_q[7:4]};
      2'd2:    {f_out, f_out_meta} = {f_data_q[191:128], f_meta_q[11:8]};
      default: {f_out, f_out_meta} = {f_data_q[255:192], f_meta_q[15:12]};
    endcase
  end

  // The next free tag, a cycle ahead. From the flops: a tag taken in cycle t is busy in them
  // from t + 1, so cand_q is fresh from t + 2, and the next MRd cannot be pushed before
  // t + 3 (push_rd waits for the two beats of this one to leave).
  wire [5:0] pick = pick_tag(~(t_busy_q | t_quar_q), rr_q);

  always @(posedge clk_i) begin
    if (!rst_ni) begin
      req_active_q <= 1'b0;
      abandon_q <= 1'b0;
      head_q <= {IW{1'b0}};
      tail_q <= {IW{1'b0}};
      cnt_q <= {CW{1'b0}};
      alloc_q <= {BW{1'b0}};
      used_q <= {(BW + 1){1'b0}};
      t_busy_q <= 32'd0;
      t_quar_q <= 32'd0;
      t_age_q <= 96'd0;
      rr_q <= 5'd0;
      cand_q <= 5'd0;
      cand_ok_q <= 1'b0;
      scan_q <= 5'd0;
      tx_valid_q <= 1'b0;
      tx_beat_q <= 1'b0;
      in_valid_q <= 1'b0;
      c_beat_q <= 2'd0;
      w_acc_q <= 1'b0;
      out_off_q <= {LW{1'b0}};
      skip_q <= 1'b0;
      pend_q <= 1'b0;
      f_rd_q <= 2'd0;
      f_wr_q <= 2'd0;
      f_cnt_q <= 3'd0;
      us_q <= {USW{1'b0}};
      unit_q <= 23'd0;
      st_to_q <= 16'd0;
      st_late_q <= 16'd0;
    end else begin
      req_active_q <= req_active_d;
      abandon_q <= abandon_d;
      head_q <= head_d;
      tail_q <= tail_d;
      cnt_q <= cnt_d;
      alloc_q <= alloc_d;
      used_q <= used_d;
      t_busy_q <= t_busy_d;
      t_quar_q <= t_quar_d;
      t_age_q <= t_age_d;
      rr_q <= rr_d;
      cand_q <= pick[4:0];
      cand_ok_q <= pick[5];
      scan_q <= scan_d;
      tx_valid_q <= tx_valid_d;
      tx_beat_q <= tx_beat_d;
      in_valid_q <= cpl_tvalid_i;
      c_beat_q <= c_beat_d;
      w_acc_q <= w_acc_d;
      out_off_q <= out_off_d;
      skip_q <= skip_d;
      pend_q <= pend_d;
      f_rd_q <= f_rd_d;
      f_wr_q <= f_wr_d;
      f_cnt_q <= f_cnt_d;
      us_q <= us_d;
      unit_q <= unit_d;
      st_to_q <= st_to_d;
      st_late_q <= st_late_d;
    end
    // Fields below are only looked at under a valid flag or a busy tag set with them.
    req_addr_q <= req_addr_d;
    req_rem_q <= req_rem_d;
    e_len_q <= e_len_d;
    e_base_q <= e_base_d;
    e_claim_q <= e_claim_d;
    e_recv_q <= e_recv_d;
    e_alo_q <= e_alo_d;
    e_last_q <= e_last_d;
    e_cur_q <= e_cur_d;
    e_err_q <= e_err_d;
    e_code_q <= e_code_d;
    t_ent_q <= t_ent_d;
    tx_hdr4_q <= tx_hdr4_d;
    tx_tag_q <= tx_tag_d;
    tx_addr_q <= tx_addr_d;
    tx_len_q <= tx_len_d;
    in_data_q <= cpl_tdata_i;
    in_last_q <= cpl_tlast_i;
    c_dw0_q <= c_dw0_d;
    c_dw1_q <= c_dw1_d;
    w_ptr_q <= w_ptr_d;
    w_left_q <= w_left_d;
    w_ent_q <= w_ent_d;
    w_tag_q <= w_tag_d;
    w_hold_q <= w_hold_d;
    pend_meta_q <= pend_meta_d;
    f_data_q <= f_data_d;
    f_meta_q <= f_meta_d;
  end

  // Reassembly buffer: two 32-bit block RAMs (low and high DW of each word), one write port
  // for completions, one read port for the output; the second read ports are not used.
  wire [31:0] unused_lo_b, unused_hi_b;
  ram_2r1w #(.BYTES(BUF_BYTES / 2), .ADDR_BITS(BW)) u_buf_lo (
    .clk_i(clk_i), .we_i(w_en), .be_i(4'hF), .waddr_i(w_ptr_q), .wdata_i(w_data[31:0]),
    .re_a_i(out_rd), .raddr_a_i(rd_addr), .rdata_a_o(ram_lo),
    .re_b_i(1'b0), .raddr_b_i({BW{1'b0}}), .rdata_b_o(unused_lo_b)
  );
  ram_2r1w #(.BYTES(BUF_BYTES / 2), .ADDR_BITS(BW)) u_buf_hi (
    .clk_i(clk_i), .we_i(w_en), .be_i(4'hF), .waddr_i(w_ptr_q), .wdata_i(w_data[63:32]),
    .re_a_i(out_rd), .raddr_a_i(rd_addr), .rdata_a_o(ram_hi),
    .re_b_i(1'b0), .raddr_b_i({BW{1'b0}}), .rdata_b_o(unused_hi_b)
  );

  // MRd beats: {DW1, DW0}, then {DW3, DW2} (4 DW) or DW2 alone (3 DW).
  wire [31:0] tx_dw0 = {tx_hdr4_q ? `TLP_FMT_4DW : `TLP_FMT_3DW, `TLP_TYPE_MEM, 14'd0,
                        {(9 - LW){1'b0}}, tx_len_q, 1'b0};   // length in DW
  wire [31:0] tx_dw1 = {rid, 3'd0, tx_tag_q, 4'b1111, 4'b1111};
  wire [31:0] tx_alo = {tx_addr_q[28:0], 3'b000};
  assign tx_tdata_o = !tx_beat_q ? {tx_dw1, tx_dw0} :
                      tx_hdr4_q ? {tx_alo, tx_addr_q[60:29]} : {32'd0, tx_alo};
  assign tx_tkeep_o = tx_beat_q && !tx_hdr4_q ? 8'h0F : 8'hFF;
  assign tx_tlast_o = tx_beat_q;
  assign tx_tvalid_o = tx_valid_q;

  assign rd_req_ready_o = !req_active_q;
  assign rd_data_valid_o = f_cnt_q != 3'd0;
  assign rd_data_o = f_out;
  assign {rd_data_last_o, rd_data_err_o, rd_err_code_o} = f_out_meta;
  assign cpl_tready_o = 1'b1;
  assign stat_cpl_timeouts_o = st_to_q;
  assign stat_late_cpls_o = st_late_q;

  // Addresses and lengths are multiples of 8; completions are whole DWs, tkeep says nothing
  // the Length field does not.
  wire unused_ok = &{1'b0, rd_req_addr_i[2:0], rd_req_len_i[2:0], cpl_tkeep_i, cfg_command_i[15:3],
                     cfg_command_i[1:0], cfg_dcommand_i[15], cfg_dcommand_i[11:0],
                     cfg_dcommand2_i[15:5], c_dw0_q[23:15], c_dw0_q[13:10], c_dw1_q[31:16],
                     c_dw1_q[12], in_data_q[7], unused_lo_b, unused_hi_b};
endmodule

`default_nettype wire
