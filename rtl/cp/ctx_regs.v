// Context table and doorbell bitmap: the CTX register array and the CP block.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sgpu_regs.vh"

// Two register ports timed as id_regs: a request (from flops) is read combinationally on
// rdata_o in its own cycle (0 when there is no read) and written at the clock edge that ends
// it, honouring the byte enables. Each port has one select per window, ctx_req (the CTX
// array: context addr[STRIDE_BITS +: ...], register addr[STRIDE_BITS-1:0]) and cp_req (the
// CP block), and shares the rest; h_* is the host's (BAR0), the other the firmware's.
//  - Per context: the ring, engine, fence and save-area registers, read-write from both
//    ports (a same-cycle write of one register by both: the host's bytes win); TAIL,
//    read-only, the latest tail written through DOORBELL.
//  - DOORBELL (either port, any byte enabled): the enabled bytes go to TAIL and the context's
//    pending bit is set. Doorbells coalesce: one bit, the latest tail.
//  - CP: CTX_OFFSET, CTX_COUNT (this instance's CTX_COUNT), CTX_STRIDE; DB_PENDING; DB_CLEAR,
//    write-1-to-clear from the firmware's port only. A doorbell in the clear's cycle wins, so
//    a doorbell is never lost between the firmware's read of DB_PENDING and its clear.
//    CTRL_DESC and EVENT_DESC, read-write from both ports (the host's bytes win a race);
//    CTRL_DOORBELL (either port) sets CTRL_PENDING, which only the firmware clears (write 1),
//    a control doorbell in the same cycle winning as above, and keeps the word written in
//    CTRL_HEAD; a CTRL_DESC write sets CTRL_PENDING.DESC and an EVENT_DESC write
//    CTRL_PENDING.EVENT_DESC, each cleared the same way (neither interrupts). DB_CYCLE: cycles_i when the
//    latest context doorbell was written; reading DB_CYCLE_LO latches the high half for
//    DB_CYCLE_HI, so the two reads give one value; CTRL_DB_CYCLE likewise for the latest
//    control doorbell. CYCLES_LO/HI: cycles_i itself, HI latched
//    by a read of LO in the same way (its own latch).
// Contexts at CTX_COUNT or above, and offsets that hold no register, read 0 and ignore
// writes. db_pending_o (any pending bit, CTRL_PENDING included) is the firmware's doorbell
// interrupt.
// Each engine e has a read port into the table: e_ctx_i selects a context, whose ring base,
// size, latest tail and save area come out combinationally (0 for a context this instance
// lacks).
// Storage is flops (the ports read combinationally, which block RAM cannot): about 260 per
// context, and on iCE40 some 730 LUTs per context, so small FPGAs build fewer contexts.
module ctx_regs #(
  // Hardware contexts: 1 to 32 (DB_PENDING is one word), and no more than the window holds.
  parameter integer CTX_COUNT = `SGPU_CTX_COUNT,
  parameter integer ENGINES   = `SGPU_ENG_COUNT
) (
  input  wire                           clk_i,
  input  wire                           rst_ni,
  input  wire [63:0]                    cycles_i,
  // Firmware (control core) port.
  input  wire                           ctx_req_i,
  input  wire                           cp_req_i,
  input  wire                           we_i,
  input  wire [3:0]                     be_i,
  input  wire [`SGPU_CTX_ADDR_BITS-1:0] addr_i,
  input  wire [31:0]                    wdata_i,
  output wire [31:0]                    rdata_o,
  // Host (BAR0) port.
  input  wire                           h_ctx_req_i,
  input  wire                           h_cp_req_i,
  input  wire                           h_we_i,
  input  wire [3:0]                     h_be_i,
  input  wire [`SGPU_CTX_ADDR_BITS-1:0] h_addr_i,
  input  wire [31:0]                    h_wdata_i,
  output wire [31:0]                    h_rdata_o,
  output wire                           db_pending_o,
  // Engines' views of their contexts.
  input  wire [5*ENGINES-1:0]           e_ctx_i,
  output reg  [64*ENGINES-1:0]          e_ring_base_o,
  output reg  [32*ENGINES-1:0]          e_ring_size_o,
  output reg  [32*ENGINES-1:0]          e_tail_o,
  output reg  [64*ENGINES-1:0]          e_save_addr_o
);
  localparam integer AB = `SGPU_CTX_ADDR_BITS;
  localparam integer SB = `SGPU_CTX_STRIDE_BITS;    // offset bits inside one context
  localparam integer IB = AB - SB;                   // context index bits in the window

  generate
    if (CTX_COUNT < 1 || CTX_COUNT > 32 || CTX_COUNT > (1 << IB)) begin : g_bad_count
      $error("ctx_regs: CTX_COUNT = %0d: must be 1 to 32 and fit the CTX window", CTX_COUNT);
    end
    // What CP advertises must be where CTX really is, in both spaces.
    if (`SGPU_CP_CTX_OFFSET_RESET != `SGPU_CTX_BAR0_BASE - `SGPU_ID_BAR0_BASE ||
        `SGPU_CP_CTX_OFFSET_RESET != `SGPU_CTX_CORE_BASE - `SGPU_ID_CORE_BASE ||
        `SGPU_CP_CTX_STRIDE_RESET != `SGPU_CTX_STRIDE || `SGPU_CP_ADDR_BITS > AB) begin : g_bad_map
      $error("ctx_regs: the CP block does not describe the CTX array of the register map");
    end
  endgenerate

  // The words kept per context, in this order; NW is also "no stored word".
  localparam integer W_RING_BASE_LO = 0, W_RING_BASE_HI = 1, W_RING_SIZE = 2, W_ENGINE = 3,
                     W_FENCE_LO = 4, W_FENCE_HI = 5, W_SAVE_LO = 6, W_SAVE_HI = 7, W_TAIL = 8;
  localparam integer NW = 9;
  localparam [32*NW-1:0] CTX_RESET = {
      `SGPU_CTX_TAIL_RESET, `SGPU_CTX_SAVE_ADDR_HI_RESET, `SGPU_CTX_SAVE_ADDR_LO_RESET,
      `SGPU_CTX_FENCE_ADDR_HI_RESET, `SGPU_CTX_FENCE_ADDR_LO_RESET, `SGPU_CTX_ENGINE_RESET,
      `SGPU_CTX_RING_SIZE_RESET, `SGPU_CTX_RING_BASE_HI_RESET, `SGPU_CTX_RING_BASE_LO_RESET};
  localparam [31:0] ENGINE_BITS =
      ((32'd1 << `SGPU_CTX_ENGINE_ENGINE_WIDTH) - 32'd1) << `SGPU_CTX_ENGINE_ENGINE_LSB;

  localparam [AB-1:0] OFF_RING_BASE_LO  = `SGPU_CTX_RING_BASE_LO_OFFSET;
  localparam [AB-1:0] OFF_RING_BASE_HI  = `SGPU_CTX_RING_BASE_HI_OFFSET;
  localparam [AB-1:0] OFF_RING_SIZE     = `SGPU_CTX_RING_SIZE_OFFSET;
  localparam [AB-1:0] OFF_ENGINE        = `SGPU_CTX_ENGINE_OFFSET;
  localparam [AB-1:0] OFF_FENCE_ADDR_LO = `SGPU_CTX_FENCE_ADDR_LO_OFFSET;
  localparam [AB-1:0] OFF_FENCE_ADDR_HI = `SGPU_CTX_FENCE_ADDR_HI_OFFSET;
  localparam [AB-1:0] OFF_SAVE_ADDR_LO  = `SGPU_CTX_SAVE_ADDR_LO_OFFSET;
  localparam [AB-1:0] OFF_SAVE_ADDR_HI  = `SGPU_CTX_SAVE_ADDR_HI_OFFSET;
  localparam [AB-1:0] OFF_DOORBELL      = `SGPU_CTX_DOORBELL_OFFSET;
  localparam [AB-1:0] OFF_TAIL          = `SGPU_CTX_TAIL_OFFSET;
  localparam [AB-1:0] OFF_CTX_OFFSET    = `SGPU_CP_CTX_OFFSET_OFFSET;
  localparam [AB-1:0] OFF_CTX_COUNT     = `SGPU_CP_CTX_COUNT_OFFSET;
  localparam [AB-1:0] OFF_CTX_STRIDE    = `SGPU_CP_CTX_STRIDE_OFFSET;
  localparam [AB-1:0] OFF_DB_PENDING    = `SGPU_CP_DB_PENDING_OFFSET;
  localparam [AB-1:0] OFF_DB_CLEAR      = `SGPU_CP_DB_CLEAR_OFFSET;
  localparam [AB-1:0] OFF_CTRL_DESC_LO  = `SGPU_CP_CTRL_DESC_LO_OFFSET;
  localparam [AB-1:0] OFF_CTRL_DESC_HI  = `SGPU_CP_CTRL_DESC_HI_OFFSET;
  localparam [AB-1:0] OFF_EVENT_DESC_LO = `SGPU_CP_EVENT_DESC_LO_OFFSET;
  localparam [AB-1:0] OFF_EVENT_DESC_HI = `SGPU_CP_EVENT_DESC_HI_OFFSET;
  localparam [AB-1:0] OFF_CTRL_DOORBELL = `SGPU_CP_CTRL_DOORBELL_OFFSET;
  localparam [AB-1:0] OFF_CTRL_PENDING  = `SGPU_CP_CTRL_PENDING_OFFSET;
  localparam [AB-1:0] OFF_DB_CYCLE_LO   = `SGPU_CP_DB_CYCLE_LO_OFFSET;
  localparam [AB-1:0] OFF_DB_CYCLE_HI   = `SGPU_CP_DB_CYCLE_HI_OFFSET;
  localparam [AB-1:0] OFF_CYCLES_LO     = `SGPU_CP_CYCLES_LO_OFFSET;
  localparam [AB-1:0] OFF_CTRL_DB_LO    = `SGPU_CP_CTRL_DB_CYCLE_LO_OFFSET;
  localparam [AB-1:0] OFF_CTRL_DB_HI    = `SGPU_CP_CTRL_DB_CYCLE_HI_OFFSET;
  localparam [AB-1:0] OFF_CYCLES_HI     = `SGPU_CP_CYCLES_HI_OFFSET;
  localparam [AB-1:0] OFF_CTRL_HEAD     = `SGPU_CP_CTRL_HEAD_OFFSET;
  // The CP words kept in flops, in this order.
  localparam integer D_CTRL_LO = 0, D_CTRL_HI = 1, D_EVENT_LO = 2, D_EVENT_HI = 3, ND = 4;

  // The stored word at an offset inside a context (NW for none).
  function integer word_at(input [SB-1:0] offset);
    reg [AB-1:0] off;
    begin
      off = {{IB{1'b0}}, offset};
      case (off)
        OFF_RING_BASE_LO:  word_at = W_RING_BASE_LO;
        OFF_RING_BASE_HI:  word_at = W_RING_BASE_HI;
        OFF_RING_SIZE:     word_at = W_RING_SIZE;
        OFF_ENGINE:        word_at = W_ENGINE;
        OFF_FENCE_ADDR_LO: word_at = W_FENCE_LO;
        OFF_FENCE_ADDR_HI: word_at = W_FENCE_HI;
        OFF_SAVE_ADDR_LO:  word_at = W_SAVE_LO;
        OFF_SAVE_ADDR_HI:  word_at = W_SAVE_HI;
        OFF_TAIL:          word_at = W_TAIL;
        default:           word_at = NW;
      endcase
    end
  endfunction

  function is_doorbell(input [SB-1:0] offset);
    is_doorbell = {{IB{1'b0}}, offset} == OFF_DOORBELL;
  endfunction

  // The context an address selects (CTX_COUNT or more for one this instance lacks).
  function integer ctx_at(input [IB-1:0] index);
    ctx_at = {{(32 - IB){1'b0}}, index};
  endfunction

  reg [32*NW*CTX_COUNT-1:0] words_q, words_d;
  reg [CTX_COUNT-1:0]       pend_q, pend_d;
  reg [32*ND-1:0]           desc_q, desc_d;
  reg                       ctrl_pend_q, ctrl_pend_d;
  reg [63:0]                db_cycle_q;
  reg [31:0]                db_cycle_hi_q;     // DB_CYCLE_HI as latched by a read of LO
  reg [31:0]                cycles_hi_q;       // CYCLES_HI as latched by a read of LO
  reg [63:0]                ctrl_db_q;         // CTRL_DB_CYCLE: cycles_i at the control doorbell
  reg [31:0]                ctrl_db_hi_q;      // CTRL_DB_CYCLE_HI as latched by a read of LO
  wire                      c_ctrl_ring = cp_req_i && we_i && addr_i == OFF_CTRL_DOORBELL && be_i != 4'd0;
  wire                      h_ctrl_ring = h_cp_req_i && h_we_i && h_addr_i == OFF_CTRL_DOORBELL && h_be_i != 4'd0;
  wire                      ctrl_ring = c_ctrl_ring | h_ctrl_ring;
  reg [31:0]                ctrl_head_q;       // CTRL_HEAD: the word of the latest CTRL_DOORBELL
  reg                       ctrl_new_q, ctrl_new_d;  // CTRL_PENDING.DESC: CTRL_DESC written
  wire                      ctrl_desc_wr =
    (cp_req_i && we_i && be_i != 4'd0 && (addr_i == OFF_CTRL_DESC_LO || addr_i == OFF_CTRL_DESC_HI)) ||
    (h_cp_req_i && h_we_i && h_be_i != 4'd0 &&
     (h_addr_i == OFF_CTRL_DESC_LO || h_addr_i == OFF_CTRL_DESC_HI));
  reg                       event_new_q, event_new_d;  // CTRL_PENDING.EVENT_DESC: EVENT_DESC written
  wire                      event_desc_wr =
    (cp_req_i && we_i && be_i != 4'd0 && (addr_i == OFF_EVENT_DESC_LO || addr_i == OFF_EVENT_DESC_HI)) ||
    (h_cp_req_i && h_we_i && h_be_i != 4'd0 &&
     (h_addr_i == OFF_EVENT_DESC_LO || h_addr_i == OFF_EVENT_DESC_HI));
  reg [CTX_COUNT-1:0]       set, clear;
  reg [31:0]                rdata, h_rdata;

  wire c_wr = ctx_req_i & we_i;
  wire h_wr = h_ctx_req_i & h_we_i;
  wire c_rd = ctx_req_i & ~we_i;
  wire h_rd = h_ctx_req_i & ~h_we_i;
  reg                       c_db, h_db, c_hit, h_hit;
  reg [31:0]                keep;
  integer c_ctx, h_ctx, c_word, h_word, c, w, b;

  always @* begin
    c_ctx  = ctx_at(addr_i[AB-1:SB]);
    h_ctx  = ctx_at(h_addr_i[AB-1:SB]);
    c_word = word_at(addr_i[SB-1:0]);
    h_word = word_at(h_addr_i[SB-1:0]);
    words_d = words_q;
    set     = {CTX_COUNT{1'b0}};
    rdata   = 32'd0;
    h_rdata = 32'd0;
    // An enable per stored byte, not an indexed write: the flops get a clock enable.
    for (c = 0; c < CTX_COUNT; c = c + 1) begin
      c_db = c_wr && c_ctx == c && is_doorbell(addr_i[SB-1:0]) && be_i != 4'd0;
      h_db = h_wr && h_ctx == c && is_doorbell(h_addr_i[SB-1:0]) && h_be_i != 4'd0;
      set[c] = c_db | h_db;
      for (w = 0; w < NW; w = w + 1) begin
        keep  = w == W_ENGINE ? ENGINE_BITS : 32'hFFFF_FFFF;   // the bits that hold a field
        c_hit = w == W_TAIL ? c_db : c_wr && c_ctx == c && c_word == w;
        h_hit = w == W_TAIL ? h_db : h_wr && h_ctx == c && h_word == w;
        for (b = 0; b < 4; b = b + 1)
          // The host's byte wins a race with the firmware's (a doorbell pair: its tail).
          if (h_hit && h_be_i[b])
            words_d[32*(NW*c+w) + 8*b +: 8] = h_wdata_i[8*b +: 8] & keep[8*b +: 8];
          else if (c_hit && be_i[b])
            words_d[32*(NW*c+w) + 8*b +: 8] = wdata_i[8*b +: 8] & keep[8*b +: 8];
      end
      for (w = 0; w < NW; w = w + 1) begin
        if (c_rd && c_ctx == c && c_word == w) rdata = words_q[32*(NW*c+w) +: 32];
        if (h_rd && h_ctx == c && h_word == w) h_rdata = words_q[32*(NW*c+w) +: 32];
      end
    end

    // DB_CLEAR is the firmware's alone; the set after the clear keeps a racing doorbell.
    for (c = 0; c < CTX_COUNT; c = c + 1)
      clear[c] = cp_req_i && we_i && addr_i == OFF_DB_CLEAR && be_i[c / 8] && wdata_i[c];
    pend_d = (pend_q & ~clear) | set;

    // Ring descriptor addresses: the host's bytes win a race, as for the context words.
    desc_d = desc_q;
    for (w = 0; w < ND; w = w + 1)
      for (b = 0; b < 4; b = b + 1)
        if (h_cp_req_i && h_we_i && h_addr_i == desc_offset(w) && h_be_i[b])
          desc_d[32*w + 8*b +: 8] = h_wdata_i[8*b +: 8];
        else if (cp_req_i && we_i && addr_i == desc_offset(w) && be_i[b])
          desc_d[32*w + 8*b +: 8] = wdata_i[8*b +: 8];
    // The control doorbell after the firmware's clear, so a racing one is kept.
    ctrl_pend_d = ctrl_pend_q;
    if (cp_req_i && we_i && addr_i == OFF_CTRL_PENDING && be_i[0] && wdata_i[0])
      ctrl_pend_d = 1'b0;
    if (ctrl_ring) ctrl_pend_d = 1'b1;
    // DESC likewise: a descriptor write in the cycle of the clear is kept.
    ctrl_new_d = ctrl_new_q;
    if (cp_req_i && we_i && addr_i == OFF_CTRL_PENDING && be_i[0] && wdata_i[1])
      ctrl_new_d = 1'b0;
    if (ctrl_desc_wr) ctrl_new_d = 1'b1;
    event_new_d = event_new_q;
    if (cp_req_i && we_i && addr_i == OFF_CTRL_PENDING && be_i[0] && wdata_i[2])
      event_new_d = 1'b0;
    if (event_desc_wr) event_new_d = 1'b1;

    if (cp_req_i && !we_i) rdata = rdata | cp_read(addr_i, pend_q, desc_q, {event_new_q, ctrl_new_q, ctrl_pend_q}, ctrl_head_q);
    if (h_cp_req_i && !h_we_i) h_rdata = h_rdata | cp_read(h_addr_i, pend_q, desc_q, {event_new_q, ctrl_new_q, ctrl_pend_q}, ctrl_head_q);
    if (cp_req_i && !we_i && addr_i == OFF_DB_CYCLE_LO) rdata = db_cycle_q[31:0];
    if (cp_req_i && !we_i && addr_i == OFF_DB_CYCLE_HI) rdata = db_cycle_hi_q;
    if (h_cp_req_i && !h_we_i && h_addr_i == OFF_DB_CYCLE_LO) h_rdata = db_cycle_q[31:0];
    if (h_cp_req_i && !h_we_i && h_addr_i == OFF_DB_CYCLE_HI) h_rdata = db_cycle_hi_q;
    if (cp_req_i && !we_i && addr_i == OFF_CYCLES_LO) rdata = cycles_i[31:0];
    if (cp_req_i && !we_i && addr_i == OFF_CYCLES_HI) rdata = cycles_hi_q;
    if (h_cp_req_i && !h_we_i && h_addr_i == OFF_CYCLES_LO) h_rdata = cycles_i[31:0];
    if (h_cp_req_i && !h_we_i && h_addr_i == OFF_CYCLES_HI) h_rdata = cycles_hi_q;
    if (cp_req_i && !we_i && addr_i == OFF_CTRL_DB_LO) rdata = ctrl_db_q[31:0];
    if (cp_req_i && !we_i && addr_i == OFF_CTRL_DB_HI) rdata = ctrl_db_hi_q;
    if (h_cp_req_i && !h_we_i && h_addr_i == OFF_CTRL_DB_LO) h_rdata = ctrl_db_q[31:0];
    if (h_cp_req_i && !h_we_i && h_addr_i == OFF_CTRL_DB_HI) h_rdata = ctrl_db_hi_q;
  end

  function [AB-1:0] desc_offset(input integer word);
    case (word)
      D_CTRL_LO:  desc_offset = OFF_CTRL_DESC_LO;
      D_CTRL_HI:  desc_offset = OFF_CTRL_DESC_HI;
      D_EVENT_LO: desc_offset = OFF_EVENT_DESC_LO;
      default:    desc_offset = OFF_EVENT_DESC_HI;
    endcase
  endfunction

  // The engines' views: one context's ring and tail each.
  integer e, ec, ce;
  always @* begin
    for (e = 0; e < ENGINES; e = e + 1) begin
      ec = {27'd0, e_ctx_i[5*e +: 5]};
      e_ring_base_o[64*e +: 64] = 64'd0;
      e_ring_size_o[32*e +: 32] = 32'd0;
      e_tail_o[32*e +: 32]      = 32'd0;
      e_save_addr_o[64*e +: 64] = 64'd0;
      for (ce = 0; ce < CTX_COUNT; ce = ce + 1)
        if (ec == ce) begin
          e_ring_base_o[64*e +: 64] = {words_q[32*(NW*ce+W_RING_BASE_HI) +: 32],
                                       words_q[32*(NW*ce+W_RING_BASE_LO) +: 32]};
          e_ring_size_o[32*e +: 32] = words_q[32*(NW*ce+W_RING_SIZE) +: 32];
          e_tail_o[32*e +: 32]      = words_q[32*(NW*ce+W_TAIL) +: 32];
          e_save_addr_o[64*e +: 64] = {words_q[32*(NW*ce+W_SAVE_HI) +: 32],
                                       words_q[32*(NW*ce+W_SAVE_LO) +: 32]};
        end
    end
  end

  // CP registers, the same for both ports (DB_CLEAR and holes read 0). The host port
  // writes nothing in CP: DB_CLEAR is read-only there.
  function [31:0] cp_read(input [AB-1:0] addr, input [CTX_COUNT-1:0] pend,
                          input [32*ND-1:0] desc, input [2:0] ctrl_pending,
                          input [31:0] ctrl_head);
    begin
      cp_read = 32'd0;
      case (addr)
        OFF_CTX_OFFSET:    cp_read = `SGPU_CP_CTX_OFFSET_RESET;
        OFF_CTX_COUNT:     cp_read = CTX_COUNT;
        OFF_CTX_STRIDE:    cp_read = `SGPU_CTX_STRIDE;
        OFF_DB_PENDING:    cp_read[CTX_COUNT-1:0] = pend;
        OFF_CTRL_DESC_LO:  cp_read = desc[32*D_CTRL_LO +: 32];
        OFF_CTRL_DESC_HI:  cp_read = desc[32*D_CTRL_HI +: 32];
        OFF_EVENT_DESC_LO: cp_read = desc[32*D_EVENT_LO +: 32];
        OFF_EVENT_DESC_HI: cp_read = desc[32*D_EVENT_HI +: 32];
        OFF_CTRL_PENDING:  cp_read[2:0] = ctrl_pending;
        OFF_CTRL_HEAD:     cp_read = ctrl_head;
        default:           cp_read = 32'd0;
      endcase
    end
  endfunction

  always @(posedge clk_i) begin
    if (!rst_ni) begin
      words_q     <= {CTX_COUNT{CTX_RESET}};
      pend_q      <= {CTX_COUNT{1'b0}};
      desc_q      <= {`SGPU_CP_EVENT_DESC_HI_RESET, `SGPU_CP_EVENT_DESC_LO_RESET,
                      `SGPU_CP_CTRL_DESC_HI_RESET, `SGPU_CP_CTRL_DESC_LO_RESET};
      ctrl_pend_q <= 1'b0;
      ctrl_new_q  <= 1'b0;
      event_new_q <= 1'b0;
      ctrl_head_q <= 32'd0;
      db_cycle_q    <= 64'd0;
      db_cycle_hi_q <= 32'd0;
      cycles_hi_q   <= 32'd0;
      ctrl_db_q     <= 64'd0;
      ctrl_db_hi_q  <= 32'd0;
    end else begin
      if (ctrl_ring) ctrl_db_q <= cycles_i;
      // The host's word wins a race with the firmware's (as for the context words).
      if (h_ctrl_ring) ctrl_head_q <= h_wdata_i;
      else if (c_ctrl_ring) ctrl_head_q <= wdata_i;
      if ((cp_req_i && !we_i && addr_i == OFF_CTRL_DB_LO) ||
          (h_cp_req_i && !h_we_i && h_addr_i == OFF_CTRL_DB_LO))
        ctrl_db_hi_q <= ctrl_db_q[63:32];
      if (set != {CTX_COUNT{1'b0}}) db_cycle_q <= cycles_i;
      if ((cp_req_i && !we_i && addr_i == OFF_DB_CYCLE_LO) ||
          (h_cp_req_i && !h_we_i && h_addr_i == OFF_DB_CYCLE_LO))
        db_cycle_hi_q <= db_cycle_q[63:32];
      if ((cp_req_i && !we_i && addr_i == OFF_CYCLES_LO) ||
          (h_cp_req_i && !h_we_i && h_addr_i == OFF_CYCLES_LO))
        cycles_hi_q <= cycles_i[63:32];
      words_q     <= words_d;
      pend_q      <= pend_d;
      desc_q      <= desc_d;
      ctrl_pend_q <= ctrl_pend_d;
      ctrl_new_q  <= ctrl_new_d;
      event_new_q <= event_new_d;
    end
  end

  assign rdata_o      = rdata;
  assign h_rdata_o    = h_rdata;
  assign db_pending_o = |pend_q | ctrl_pend_q;
endmodule

`default_nettype wire
