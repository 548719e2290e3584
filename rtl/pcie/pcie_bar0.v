// pcie_bar0: the BAR0 target: host memory reads and writes of BAR0 become register-bus
// accesses; reads are answered with completions, bad requests with UR completions or drops.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "pcie_tlp.vh"

// One TLP at a time from rx_* (the router's request stream, stream layout of docs/pcie.md):
// the two header beats are taken and classified, then
// - a good MWr (BAR0 hit, memory space on, 1..64 DW, legal byte enables, inside BAR0, not
//   poisoned) gives one register write per payload DW, first/last BE on the first/last DW;
// - a good MRd (same rules) gives one register read per DW and a CplD with the data;
// - any other non-posted request (a bad MRd, MRdLk, I/O, configuration, atomics) is drained
//   and answered with an Unsupported Request completion (CplLk for MRdLk);
// - any other posted TLP (bad MWr, messages, stray completions, prefixes) is drained and
//   dropped.
// A read that hits a hole (reg_err_i on any DW) stops and is answered UR instead. Every bad
// TLP counts once in stat_bad_requests_o (saturating): those above, a write that hits a hole
// on any DW (the other DWs are still written), and TLPs shorter than their header says.
// A one-DW access with first BE 0000 does not touch the register bus (a read returns 0).
// 4-DW headers are accepted whatever their upper address DW (the specification calls a
// 4-DW header below 4 GiB malformed; hosts do not send them, accepting costs nothing).
//
// Register bus: the request is a set of flops, held until reg_ack_i; the next request can
// start in the cycle after an ack. At most one request is on the bus, all of one TLP's
// accesses end before the next TLP is looked at, so accesses stay in TLP order.
//
// Completions wait in a queue of CPL_SLOTS entries (header fields in flops, data in two
// 32-bit block RAMs, even and odd DWs, 32 DWs each per slot) and are sent from there while
// the next requests are served; only a non-posted request that finds the queue full stalls
// the RX stream until the TX side frees a slot. The sender has two register stages (RAM
// read, output) and sends back-to-back beats and completions without idle cycles.
module pcie_bar0 #(
  parameter integer BAR0_BITS = 16   // BAR0 size is 2^BAR0_BITS bytes, 8 to 32
) (
  input  wire                 clk_i,
  input  wire                 rst_ni,
  input  wire [7:0]           cfg_bus_number_i,
  input  wire [4:0]           cfg_device_number_i,
  input  wire [2:0]           cfg_function_number_i,
  input  wire [15:0]          cfg_command_i,      // bit 1: memory space enable
  // Requests from the router; rx_bar0_i: this TLP hit BAR0 (looked at on its first beat).
  input  wire [63:0]          rx_tdata_i,
  input  wire                 rx_tlast_i,
  input  wire                 rx_tvalid_i,
  output wire                 rx_tready_o,
  input  wire                 rx_bar0_i,
  // Completions, to the TX arbiter.
  output wire [63:0]          tx_tdata_o,
  output wire [7:0]           tx_tkeep_o,
  output wire                 tx_tlast_o,
  output wire                 tx_tvalid_o,
  input  wire                 tx_tready_i,
  // Register bus (docs/pcie.md).
  output wire                 reg_req_o,
  output wire                 reg_we_o,
  output wire [3:0]           reg_be_o,
  output wire [BAR0_BITS-1:0] reg_addr_o,
  output wire [31:0]          reg_wdata_o,
  input  wire                 reg_ack_i,
  input  wire [31:0]          reg_rdata_i,
  input  wire                 reg_err_i,
  output wire [15:0]          stat_bad_requests_o
);
  generate
    if (BAR0_BITS < 8 || BAR0_BITS > 32) begin : g_bad_param
      $error("pcie_bar0: BAR0_BITS = %0d must be 8 to 32", BAR0_BITS);
    end
  endgenerate

  localparam integer OW = BAR0_BITS - 2;   // DW offset width
  localparam [10:0] MAX_DW = 11'd64;
  localparam integer SB = 1;               // log2 of the completion slots
  localparam integer CPL_SLOTS = 1 << SB;

  // Receive side states.
  localparam [2:0] S_HDR0   = 3'd0;   // take beat 0 (DW0, DW1)
  localparam [2:0] S_HDR1   = 3'd1;   // look at beat 1 (address), without taking it
  localparam [2:0] S_DECIDE = 3'd2;   // classify from the flops; take beat 1 unless 3-DW MWr
  localparam [2:0] S_WR     = 3'd3;   // payload DWs to register writes
  localparam [2:0] S_DRAIN  = 3'd4;   // take the rest of the TLP, then act_q
  localparam [2:0] S_RD     = 3'd5;   // register reads into a free slot, then queue the CplD
  localparam [2:0] S_UR     = 3'd6;   // queue a UR completion
  localparam [2:0] S_FIN    = 3'd7;   // wait for the last register write, count if bad
  // What follows S_DRAIN.
  localparam [1:0] ACT_FIN = 2'd0;
  localparam [1:0] ACT_RD  = 2'd1;
  localparam [1:0] ACT_UR  = 2'd2;

  function [31:0] bswap(input [31:0] d);
    bswap = {d[7:0], d[15:8], d[23:16], d[31:24]};
  endfunction
  // Index of the lowest / highest enabled byte (0 when none).
  function [1:0] lo_byte(input [3:0] be);
    lo_byte = be[0] ? 2'd0 : be[1] ? 2'd1 : be[2] ? 2'd2 : be[3] ? 2'd3 : 2'd0;
  endfunction
  function [1:0] hi_byte(input [3:1] be);   // byte 0 or none: 0
    hi_byte = be[3] ? 2'd3 : be[2] ? 2'd2 : be[1] ? 2'd1 : 2'd0;
  endfunction

  // ---------------------------------------------------------------- receive side
  reg [2:0]    state_q, state_d;
  reg [1:0]    act_q, act_d;
  reg [31:0]   dw0_q, dw0_d;
  reg [31:0]   dw1_q, dw1_d;
  reg          bar0_q, bar0_d;
  reg [OW-1:0] off_q, off_d;        // DW offset of the first DW in BAR0
  reg [4:0]    alo_q, alo_d;        // address bits 6:2, for the lower address field
  reg          bad_q, bad_d;        // this TLP counts as a bad request
  reg [6:0]    k_q, k_d;            // next DW of the TLP to access
  reg          h_q, h_d;            // which half of the current beat holds DW k_q
  reg          reg_req_q, reg_req_d;
  reg          reg_we_q, reg_we_d;
  reg [3:0]    reg_be_q, reg_be_d;
  reg [OW-1:0] reg_off_q, reg_off_d;
  reg [31:0]   reg_wdata_q, reg_wdata_d;
  reg [5:0]    reg_k_q, reg_k_d;    // DW index of the read on the bus
  reg [15:0]   stat_q, stat_d;

  // Header fields of the latched TLP.
  wire [2:0]  fmt   = dw0_q[31:29];
  wire [4:0]  typ   = dw0_q[28:24];
  wire        ep    = dw0_q[14];
  wire [10:0] len   = {dw0_q[9:0] == 10'd0, dw0_q[9:0]};   // 0 means 1024 DW
  wire [3:0]  fbe   = dw1_q[3:0];
  wire [3:0]  lbe   = dw1_q[7:4];
  wire        hdr4  = fmt[0];

  wire is_mrd    = (fmt == `TLP_FMT_3DW || fmt == `TLP_FMT_4DW) && typ == `TLP_TYPE_MEM;
  wire is_mwr    = (fmt == `TLP_FMT_3DW_DATA || fmt == `TLP_FMT_4DW_DATA) && typ == `TLP_TYPE_MEM;
  wire is_mrdlk  = (fmt == `TLP_FMT_3DW || fmt == `TLP_FMT_4DW) && typ == `TLP_TYPE_MEM_LK;
  wire is_atomic = (fmt == `TLP_FMT_3DW_DATA || fmt == `TLP_FMT_4DW_DATA) &&
                   (typ == `TLP_TYPE_FETCHADD || typ == `TLP_TYPE_SWAP || typ == `TLP_TYPE_CAS);
  wire is_io_cfg = !fmt[2] && (typ == `TLP_TYPE_IO || typ == `TLP_TYPE_CFG0 || typ == `TLP_TYPE_CFG1);
  wire non_posted = is_mrd | is_mrdlk | is_atomic | is_io_cfg;

  // Byte enables as the specification allows them: a 1-DW request has last BE 0000; a longer
  // one has neither BE 0000.
  wire be_ok = len == 11'd1 ? lbe == 4'd0 : (fbe != 4'd0 && lbe != 4'd0);
  wire [OW+11:0] end_dw = {12'd0, off_q} + {{(OW + 1){1'b0}}, len};
  wire in_bar = end_dw <= ({{12{1'b0}}, {OW{1'b1}}} + 1'b1);
  wire mem_ok = bar0_q && cfg_command_i[1] && len <= MAX_DW && be_ok && in_bar;
  wire rd_ok = is_mrd && mem_ok;
  wire wr_ok = is_mwr && mem_ok && !ep;

  // Byte count and lower address of a memory read completion (base specification,
  // "Calculating Byte Count" and "Calculating Lower Address" tables).
  wire [12:0] bc_1dw = fbe == 4'd0 ? 13'd1 : {11'd0, hi_byte(fbe[3:1])} - {11'd0, lo_byte(fbe)} + 13'd1;
  wire [12:0] bc_ndw = {len, 2'b00} - {11'd0, lo_byte(fbe)} - {11'd0, 2'd3 - hi_byte(lbe[3:1])};
  wire [11:0] bc_mem = len == 11'd1 ? bc_1dw[11:0] : bc_ndw[11:0];   // 4096 is coded 0
  // AtomicOp completions carry the operand size; I/O and configuration ones carry 4.
  wire [11:0] bc_atomic = typ == `TLP_TYPE_CAS ? {len[10:0], 1'b0} : {len[9:0], 2'b00};
  wire [11:0] cpl_bc = (is_mrd | is_mrdlk) ? bc_mem : is_atomic ? bc_atomic : 12'd4;
  wire [6:0]  cpl_la = (is_mrd | is_mrdlk) ? {alo_q, lo_byte(fbe)} : 7'd0;

  // Byte enables of DW k_q.
  wire last_dw = {4'd0, k_q} == len - 11'd1;
  wire [3:0] be_k = k_q == 7'd0 ? fbe : last_dw ? lbe : 4'hF;

  wire [OW+6:0] k_off = {7'd0, off_q} + {{OW{1'b0}}, k_q};   // DW k_q's offset
  wire reg_free = !reg_req_q | reg_ack_i;
  wire ack_err = reg_req_q & reg_ack_i & reg_err_i;
  wire bad_now = bad_q | ack_err;

  // Completion queue pointers (one wrap bit above the slot index).
  reg  [SB:0] wp_q, wp_d, rp_q, rp_d;
  wire q_full = wp_q == {~rp_q[SB], rp_q[SB-1:0]};
  wire q_empty = wp_q == rp_q;

  // Completion entry, in flops: {ur, lk, len[6:0], bc[11:0], la[6:0], rid[15:0], tag[7:0],
  // t9, t8, tc[2:0], attr[2:0]}.
  localparam integer EW = 60;
  reg [EW*CPL_SLOTS-1:0] ent_q, ent_d;
  reg  push, push_ur;

  // Data RAM write port (reads land at their DW's place; a zero-BE read writes 0).
  reg         ram_we;
  reg  [5:0]  ram_wk;
  reg  [31:0] ram_wdata;

  reg  [1:0]  stat_inc;
  reg         rx_ready;

  always @* begin
    state_d = state_q;
    act_d = act_q;
    dw0_d = dw0_q;
    dw1_d = dw1_q;
    bar0_d = bar0_q;
    off_d = off_q;
    alo_d = alo_q;
    bad_d = bad_now;
    k_d = k_q;
    h_d = h_q;
    reg_req_d = reg_req_q & !reg_ack_i;
    reg_we_d = reg_we_q;
    reg_be_d = reg_be_q;
    reg_off_d = reg_off_q;
    reg_wdata_d = reg_wdata_q;
    reg_k_d = reg_k_q;
    push = 1'b0;
    push_ur = 1'b0;
    rx_ready = 1'b0;
    stat_inc = 2'd0;
    ram_we = reg_req_q & reg_ack_i & !reg_we_q;
    ram_wk = reg_k_q;
    ram_wdata = bswap(reg_rdata_i);

    case (state_q)
      S_HDR0: begin
        rx_ready = 1'b1;
        if (rx_tvalid_i) begin
          dw0_d = rx_tdata_i[31:0];
          dw1_d = rx_tdata_i[63:32];
          bar0_d = rx_bar0_i;
          bad_d = 1'b0;
          k_d = 7'd0;
          // A TLP of one beat has no complete header: drop it.
          if (rx_tlast_i) stat_inc = 2'd1;
          else state_d = S_HDR1;
        end
      end
      S_HDR1: if (rx_tvalid_i) begin
        // The low address DW is DW2 (3-DW header) or DW3 (4-DW header).
        off_d = hdr4 ? rx_tdata_i[32 + 2 +: OW] : rx_tdata_i[2 +: OW];
        alo_d = hdr4 ? rx_tdata_i[38:34] : rx_tdata_i[6:2];
        state_d = S_DECIDE;
      end
      S_DECIDE: begin
        // Beat 1 is still on the input: take it, unless it holds the first payload DW.
        rx_ready = !(wr_ok && !hdr4);
        h_d = 1'b1;
        if (wr_ok) begin
          if (hdr4) begin
            h_d = 1'b0;
            if (rx_tlast_i) begin
              bad_d = 1'b1;
              state_d = S_FIN;
            end else state_d = S_WR;
          end else state_d = S_WR;
        end else begin
          bad_d = !rd_ok;
          act_d = rd_ok ? ACT_RD : non_posted ? ACT_UR : ACT_FIN;
          state_d = rx_tlast_i ? (rd_ok ? S_RD : non_posted ? S_UR : S_FIN) : S_DRAIN;
        end
      end
      S_WR: begin
        rx_ready = reg_free & (h_q | last_dw);
        if (rx_tvalid_i && reg_free) begin
          if (be_k != 4'd0) begin
            reg_req_d = 1'b1;
            reg_we_d = 1'b1;
            reg_be_d = be_k;
            reg_off_d = k_off[OW-1:0];
            reg_wdata_d = bswap(h_q ? rx_tdata_i[63:32] : rx_tdata_i[31:0]);
          end
          k_d = k_q + 7'd1;
          h_d = !h_q;
          if (last_dw) state_d = rx_tlast_i ? S_FIN : S_DRAIN;
          else if (h_q && rx_tlast_i) begin
            bad_d = 1'b1;   // the TLP ended before its payload did
            state_d = S_FIN;
          end
          act_d = ACT_FIN;
        end
      end
      S_DRAIN: begin
        rx_ready = 1'b1;
        if (rx_tvalid_i && rx_tlast_i)
          state_d = act_q == ACT_RD ? S_RD : act_q == ACT_UR ? S_UR : S_FIN;
      end
      S_RD: if (!q_full && reg_free) begin
        if ({4'd0, k_q} != len && !bad_now) begin
          if (be_k != 4'd0) begin
            reg_req_d = 1'b1;
            reg_we_d = 1'b0;
            reg_be_d = be_k;
            reg_off_d = k_off[OW-1:0];
            reg_k_d = k_q[5:0];
          end else begin
            ram_we = 1'b1;
            ram_wk = k_q[5:0];
            ram_wdata = 32'd0;
          end
          k_d = k_q + 7'd1;
        end else begin
          push = 1'b1;
          push_ur = bad_now;
          stat_inc = {1'b0, bad_now};
          state_d = S_HDR0;
        end
      end
      S_UR: if (!q_full) begin
        push = 1'b1;
        push_ur = 1'b1;
        stat_inc = 2'd1;
        state_d = S_HDR0;
      end
      default: if (reg_free) begin   // S_FIN
        stat_inc = {1'b0, bad_now};
        state_d = S_HDR0;
      end
    endcase
  end

  // Queue push.
  wire [EW-1:0] ent_new = {push_ur, is_mrdlk, push_ur ? 7'd0 : len[6:0], cpl_bc, cpl_la,
                           dw1_q[31:8], dw0_q[23], dw0_q[19], dw0_q[22:20], dw0_q[18],
                           dw0_q[13:12]};
  always @* begin
    ent_d = ent_q;
    wp_d = wp_q;
    if (push) begin
      ent_d[wp_q[SB-1:0]*EW +: EW] = ent_new;
      wp_d = wp_q + 1'b1;
    end
  end

  always @* begin
    stat_d = stat_q;
    if (stat_q > 16'hFFFF - {14'd0, stat_inc}) stat_d = 16'hFFFF;
    else stat_d = stat_q + {14'd0, stat_inc};
  end

  // ---------------------------------------------------------------- data RAM
  // mem_even holds data DWs 0, 2, 4... and mem_odd DWs 1, 3, 5..., each at slot * 32 + k/2,
  // so beat b of the completion (b >= 1) is {mem_even[b - 1], mem_odd[b - 2]}.
  (* no_rw_check *)
  reg [31:0] mem_even [0:CPL_SLOTS*32-1];
  (* no_rw_check *)
  reg [31:0] mem_odd [0:CPL_SLOTS*32-1];
  reg [31:0] even_rdata_q, odd_rdata_q;
  wire [SB+4:0] ram_waddr = {wp_q[SB-1:0], ram_wk[5:1]};
  reg           ram_re;
  reg  [SB+4:0] even_raddr, odd_raddr;

  // A memory array is the one place where the _d/_q split does not apply.
  always @(posedge clk_i) begin
    if (ram_we && !ram_wk[0]) mem_even[ram_waddr] <= ram_wdata;
    if (ram_we && ram_wk[0]) mem_odd[ram_waddr] <= ram_wdata;
    if (ram_re) even_rdata_q <= mem_even[even_raddr];
    if (ram_re) odd_rdata_q <= mem_odd[odd_raddr];
  end

  // ---------------------------------------------------------------- send side
  reg [5:0]  g_beat_q, g_beat_d;    // next beat of the head entry to fetch
  reg        s1_valid_q, s1_valid_d;
  reg [1:0]  s1_hdr_q, s1_hdr_d;    // 0: data beat, 1: beat 1 (DW2 + data), 2: beat 0
  reg [63:0] s1_hdr_dw_q, s1_hdr_dw_d;
  reg        s1_last_q, s1_last_d;
  reg        s1_half_q, s1_half_d;  // the last beat carries one DW
  reg [63:0] tx_tdata_q, tx_tdata_d;
  reg        tx_half_q, tx_half_d;
  reg        tx_tlast_q, tx_tlast_d;
  reg        tx_tvalid_q, tx_tvalid_d;

  wire [EW-1:0] head = ent_q[rp_q[SB-1:0]*EW +: EW];
  wire        h_ur   = head[59];
  wire        h_lk   = head[58];
  wire [6:0]  h_len  = head[57:51];
  wire [11:0] h_bc   = head[50:39];
  wire [6:0]  h_la   = head[38:32];
  wire [15:0] h_rid  = head[31:16];
  wire [7:0]  h_tag  = head[15:8];
  wire        h_t9   = head[7];
  wire        h_t8   = head[6];
  wire [2:0]  h_tc   = head[5:3];
  wire [2:0]  h_attr = head[2:0];   // {attr[2], attr[1:0]}

  wire [2:0]  c_fmt = h_ur ? `TLP_FMT_3DW : `TLP_FMT_3DW_DATA;
  wire [4:0]  c_typ = h_lk ? `TLP_TYPE_CPL_LK : `TLP_TYPE_CPL;
  wire [31:0] c_dw0 = {c_fmt, c_typ, h_t9, h_tc, h_t8, h_attr[2], 2'b00, 2'b00, h_attr[1:0],
                       2'b00, 3'd0, h_len};
  wire [31:0] c_dw1 = {cfg_bus_number_i, cfg_device_number_i, cfg_function_number_i,
                       h_ur ? `TLP_CPL_UR : `TLP_CPL_SC, 1'b0, h_bc};
  wire [31:0] c_dw2 = {h_rid, h_tag, 1'b0, h_la};
  wire [5:0]  g_last = h_len[6:1] + 6'd1;   // last beat: (3 + len + 1) / 2 - 1

  wire out_free = !tx_tvalid_q | tx_tready_i;
  wire adv2 = s1_valid_q & out_free;
  wire adv1 = !s1_valid_q | adv2;
  wire fetch = adv1 & !q_empty;

  always @* begin
    g_beat_d = g_beat_q;
    rp_d = rp_q;
    s1_valid_d = s1_valid_q & !adv2;
    s1_hdr_d = s1_hdr_q;
    s1_hdr_dw_d = s1_hdr_dw_q;
    s1_last_d = s1_last_q;
    s1_half_d = s1_half_q;
    ram_re = fetch;
    even_raddr = {rp_q[SB-1:0], g_beat_q[4:0] - 5'd1};
    odd_raddr = {rp_q[SB-1:0], g_beat_q[4:0] - 5'd2};
    if (fetch) begin
      s1_valid_d = 1'b1;
      s1_hdr_d = g_beat_q == 6'd0 ? 2'd2 : g_beat_q == 6'd1 ? 2'd1 : 2'd0;
      s1_hdr_dw_d = g_beat_q == 6'd0 ? {c_dw1, c_dw0} : {32'd0, c_dw2};
      s1_last_d = g_beat_q == g_last;
      s1_half_d = !h_len[0];
      g_beat_d = g_beat_q + 6'd1;
      if (g_beat_q == g_last) begin
        g_beat_d = 6'd0;
        rp_d = rp_q + 1'b1;   // all of the entry is in stage 1 now: free its slot
      end
    end
    tx_tvalid_d = tx_tvalid_q & !tx_tready_i;
    tx_tdata_d = tx_tdata_q;
    tx_half_d = tx_half_q;
    tx_tlast_d = tx_tlast_q;
    if (adv2) begin
      tx_tvalid_d = 1'b1;
      tx_tlast_d = s1_last_q;
      tx_half_d = s1_last_q & s1_half_q;
      tx_tdata_d[31:0] = s1_hdr_q != 2'd0 ? s1_hdr_dw_q[31:0] : odd_rdata_q;
      tx_tdata_d[63:32] = s1_hdr_q == 2'd2 ? s1_hdr_dw_q[63:32] :
                          (s1_last_q & s1_half_q) ? 32'd0 : even_rdata_q;
    end
  end

  always @(posedge clk_i) begin
    if (!rst_ni) begin
      state_q <= S_HDR0;
      act_q <= ACT_FIN;
      dw0_q <= 32'd0;
      dw1_q <= 32'd0;
      bar0_q <= 1'b0;
      off_q <= {OW{1'b0}};
      alo_q <= 5'd0;
      bad_q <= 1'b0;
      k_q <= 7'd0;
      h_q <= 1'b0;
      reg_req_q <= 1'b0;
      reg_we_q <= 1'b0;
      reg_be_q <= 4'd0;
      reg_off_q <= {OW{1'b0}};
      reg_wdata_q <= 32'd0;
      reg_k_q <= 6'd0;
      stat_q <= 16'd0;
      wp_q <= {(SB + 1){1'b0}};
      rp_q <= {(SB + 1){1'b0}};
      ent_q <= {(EW * CPL_SLOTS){1'b0}};
      g_beat_q <= 6'd0;
      s1_valid_q <= 1'b0;
      s1_hdr_q <= 2'd0;
      s1_hdr_dw_q <= 64'd0;
      s1_last_q <= 1'b0;
      s1_half_q <= 1'b0;
      tx_tdata_q <= 64'd0;
      tx_half_q <= 1'b0;
      tx_tlast_q <= 1'b0;
      tx_tvalid_q <= 1'b0;
    end else begin
      state_q <= state_d;
      act_q <= act_d;
      dw0_q <= dw0_d;
      dw1_q <= dw1_d;
      bar0_q <= bar0_d;
      off_q <= off_d;
      alo_q <= alo_d;
      bad_q <= bad_d;
      k_q <= k_d;
      h_q <= h_d;
      reg_req_q <= reg_req_d;
      reg_we_q <= reg_we_d;
      reg_be_q <= reg_be_d;
      reg_off_q <= reg_off_d;
      reg_wdata_q <= reg_wdata_d;
      reg_k_q <= reg_k_d;
      stat_q <= stat_d;
      wp_q <= wp_d;
      rp_q <= rp_d;
      ent_q <= ent_d;
      g_beat_q <= g_beat_d;
      s1_valid_q <= s1_valid_d;
      s1_hdr_q <= s1_hdr_d;
      s1_hdr_dw_q <= s1_hdr_dw_d;
      s1_last_q <= s1_last_d;
      s1_half_q <= s1_half_d;
      tx_tdata_q <= tx_tdata_d;
      tx_half_q <= tx_half_d;
      tx_tlast_q <= tx_tlast_d;
      tx_tvalid_q <= tx_tvalid_d;
    end
  end

  assign rx_tready_o = rx_ready;
  assign tx_tdata_o = tx_tdata_q;
  assign tx_tkeep_o = tx_half_q ? 8'h0F : 8'hFF;
  assign tx_tlast_o = tx_tlast_q;
  assign tx_tvalid_o = tx_tvalid_q;
  assign reg_req_o = reg_req_q;
  assign reg_we_o = reg_we_q;
  assign reg_be_o = reg_be_q;
  assign reg_addr_o = {reg_off_q, 2'b00};
  assign reg_wdata_o = reg_wdata_q;
  assign stat_bad_requests_o = stat_q;

  wire unused_ok = &{1'b0, cfg_command_i[15:2], cfg_command_i[0], end_dw[OW+11:OW+1],
                     bc_1dw[12], bc_ndw[12], k_off[OW+6:OW]};
endmodule

`default_nettype wire
