// Engine front end: the ENG registers, ring fetch, decode and validation, and the commands
// every engine runs (NOP, FENCE, WAIT, TIMESTAMP, WRAP); the others go to a back end.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sgpu_regs.vh"
`include "sgpu_cmds.vh"

// Register port timed as id_regs (request from flops; read data combinational in its cycle,
// 0 when not read; write at the clock edge with byte enables), for one ENG instance.
//
// Fetch. From START the ring (ctx_* of context CTX, live) is read by DMA from HEAD up to the
// live TAIL in requests of up to 256 bytes that never cross a 256-byte boundary or the ring
// end, as far as the fetch buffer (FETCH_WORDS 64-bit words of block RAM) has room: space is
// reserved when a request is made, so f_rd_data_ready_o is always 1. Reads are 8-byte
// aligned; a beat carries a valid bit per DW so that the DW before an odd start and the one
// after an odd end are dropped. Beats go to the buffer, or straight into the decode window
// when the buffer is empty. The window (12 DWs of flops) shows the decoder the next DWs;
// a whole command (up to 9 DWs: DISPATCH with HOST_WINDOW) leaves it in one cycle and 2 DWs
// come in per cycle.
//
// Decode (state RUN, once per cycle, at HEAD): STOP pending -> PREEMPTED; HEAD = TAIL ->
// EMPTY; header errors (opcode, LENGTH, FLAGS/RSVD, CROSSES_RING_END) as soon as the header
// is there; a command that TAIL cuts -> EMPTY (HEAD at it); once all its DWs are there,
// MISALIGNED and (FENCE/WAIT/TIMESTAMP to VRAM) BAD_ADDRESS; then it runs. Errors stop the
// engine with STOP_REASON ERROR, ERR_INFO = the header DW and HEAD at the command.
//  NOP: skipped (longer than 8 DWs: 8 DWs a cycle, HEAD moves when all are gone).
//  FENCE/TIMESTAMP: one write slot, and for host writes one beat register behind it. A host
//    write is requested from the slot; accepted, its data moves to the beat register at once
//    or, that one full, when the beat before it is taken; then the slot takes the next
//    command. So a request is offered while the previous beat still waits: the endpoint
//    takes a beat 3 cycles after its request, and sends a one-beat TLP every 3 cycles only
//    if the next request is queued before the previous TLP ends. A host write's wr_done is
//    counted, not waited for: host writes are ordered by the write port. A VRAM write, and
//    a TIMESTAMP, first wait for every host write's wr_done. IRQ.FENCE,
//    FENCE_VALUE/ADDR and LAST_FENCE follow a host fence's wr_done (or a VRAM fence's grant);
//    if several fences are outstanding, the registers may skip to the newest.
//  WAIT: 8-byte read (x_rd_* or VRAM), compared unsigned; satisfied: next command; not:
//    CONFIG.POLL_WAIT ? read again after WAIT_POLL_CYCLES : stop WAIT. STOP is obeyed in a
//    wait at once (after a host read in flight has ended).
//  WRAP: HEAD = 0; the fetch buffer is flushed and reads in flight are dropped.
//  BACKEND_OPS commands: once every host write is done, ex_valid_o with the command (its
//    operand DWs 1..ARGS_DWS in ex_args_o, those past its LENGTH 0) until
//    ex_done_i; an error code stops the engine (ERR_INFO = ex_err_info_i for a bad access
//    (BAD_ADDRESS, DMA_ERROR, KERNEL_BAD_ACCESS) and the trapping PC for
//    KERNEL_ILLEGAL_INSTRUCTION, else the header), ex_preempted_i stops it PREEMPTED with
//    HEAD at the command and STATUS.PARTIAL (the back end stopped inside it and its state is
//    in the save area), the command not counted and no fence written.
// Save area and RESUME. START latches the context's CTX.SAVE_ADDR (ex_save_addr_o) and
//    CMD.RESUME: ex_resume_o is 1 with the first command after that START only (the back end
//    restores its state from the save area first). A STOP obeyed before that command was
//    handed over keeps PARTIAL (the saved state is untouched). PARTIAL is 0 after any other
//    stop and cleared by START. ENG.CAPS.PREEMPTION reads the PREEMPTION parameter.
// A fetch or WAIT read error is DMA_ERROR (ERR_INFO: the failing read's address, low bits;
// for a fetch the address of HEAD's DW in the ring).
// Stopping (any reason): STATE is STOPPING while the writes' wr_done and the reads' last
// beats are awaited, then IDLE, STOP_REASON and IRQ.STOPPED.
// CMD.RESET: ex_reset_o pulses; requests not accepted are withdrawn; accepted reads are
// drained, accepted writes send their beats, wr_done is counted. With RESET_WAITS_DONE, a
// back end that had a command (ex_valid_o high in the reset cycle, no ex_done_i then)
// answers with one ex_done_i once its own ports are clean, and the engine waits for it (a
// back end that can have host reads in flight); without, the back end is taken as clean at
// once. IRQ and the counters are cleared; then IDLE, STOP_REASON RESET, IRQ.STOPPED. START
// written with RESET starts once the reset is done.
module eng_ring #(
  parameter integer VRAM_BYTES  = `SGPU_CFG_VRAM_BYTES,
  // Bit n set: the back end runs opcode n (COPY 4, FILL 5, DISPATCH 7).
  parameter [31:0]  BACKEND_OPS = 32'h0000_0030,
  parameter integer RESET_WAITS_DONE = 0,                   // see CMD.RESET above
  // Where the back end can stop inside a command (ENG.CAPS.PREEMPTION): 0 COMMAND (it
  // cannot), 1 CHUNK, 2 INSTRUCTION.
  parameter integer PREEMPTION  = 0,
  parameter integer FETCH_WORDS = 128,                     // fetch buffer: 64-bit words, >= 64
  parameter integer ARGS_DWS    = 6,                       // operand DWs to the back end, 6..8
  parameter integer VRAM_AW     = $clog2(VRAM_BYTES / 8)   // VRAM word address width
) (
  input  wire                            clk_i,
  input  wire                            rst_ni,
  // Firmware register port (one ENG instance).
  input  wire                            req_i,
  input  wire                            we_i,
  input  wire [3:0]                      be_i,
  input  wire [`SGPU_ENG_STRIDE_BITS-1:0] addr_i,
  input  wire [31:0]                     wdata_i,
  output wire [31:0]                     rdata_o,
  output wire                            irq_o,
  // Context table: the CTX registers of context ctx_id_o.
  output wire [4:0]                      ctx_id_o,
  input  wire [63:0]                     ctx_ring_base_i,
  input  wire [31:0]                     ctx_ring_size_i,
  input  wire [31:0]                     ctx_tail_i,
  input  wire [63:0]                     ctx_save_addr_i,
  input  wire [63:0]                     cycles_i,
  // DMA read client: ring fetch.
  output wire                            f_rd_req_valid_o,
  input  wire                            f_rd_req_ready_i,
  output wire [63:0]                     f_rd_req_addr_o,
  output wire [23:0]                     f_rd_req_len_o,
  input  wire                            f_rd_data_valid_i,
  output wire                            f_rd_data_ready_o,
  input  wire [63:0]                     f_rd_data_i,
  input  wire                            f_rd_data_last_i,
  input  wire                            f_rd_data_err_i,
  input  wire [1:0]                      f_rd_err_code_i,
  // DMA read client: WAIT.
  output wire                            x_rd_req_valid_o,
  input  wire                            x_rd_req_ready_i,
  output wire [63:0]                     x_rd_req_addr_o,
  output wire [23:0]                     x_rd_req_len_o,
  input  wire                            x_rd_data_valid_i,
  output wire                            x_rd_data_ready_o,
  input  wire [63:0]                     x_rd_data_i,
  input  wire                            x_rd_data_last_i,
  input  wire                            x_rd_data_err_i,
  input  wire [1:0]                      x_rd_err_code_i,
  // DMA write client: FENCE, TIMESTAMP.
  output wire                            x_wr_req_valid_o,
  input  wire                            x_wr_req_ready_i,
  output wire [63:0]                     x_wr_req_addr_o,
  output wire [23:0]                     x_wr_req_len_o,
  output wire                            x_wr_data_valid_o,
  input  wire                            x_wr_data_ready_i,
  output wire [63:0]                     x_wr_data_o,
  input  wire                            x_wr_done_i,
  // VRAM client: FENCE, WAIT, TIMESTAMP.
  output wire                            x_vr_req_o,
  output wire [VRAM_AW-1:0]              x_vr_addr_o,
  input  wire                            x_vr_gnt_i,
  input  wire [63:0]                     x_vr_rdata_i,
  output wire                            x_vw_req_o,
  output wire [VRAM_AW-1:0]              x_vw_addr_o,
  output wire [7:0]                      x_vw_be_o,
  output wire [63:0]                     x_vw_data_o,
  input  wire                            x_vw_gnt_i,
  // Back end.
  output wire                            ex_valid_o,
  output wire [7:0]                      ex_opcode_o,
  output wire [7:0]                      ex_flags_o,
  output wire [32*ARGS_DWS-1:0]          ex_args_o,
  input  wire                            ex_done_i,
  input  wire [7:0]                      ex_error_i,
  input  wire [31:0]                     ex_err_info_i,
  output wire                            ex_stop_o,
  input  wire                            ex_preempted_i,
  output wire                            ex_resume_o,
  output wire [63:0]                     ex_save_addr_o,
  output wire                            ex_reset_o
);
  localparam integer AB  = `SGPU_ENG_STRIDE_BITS;
  localparam integer W   = 12;                        // decode window, DWs
  localparam [4:0]   W5  = W[4:0];
  localparam integer FAW = $clog2(FETCH_WORDS);       // fetch buffer word address width
  localparam [FAW:0] FB_FULL = FETCH_WORDS[FAW:0];

  generate
    if (FETCH_WORDS < 64 || (FETCH_WORDS & (FETCH_WORDS - 1)) != 0) begin : g_bad_fetch
      $error("eng_ring: FETCH_WORDS = %0d must be a power of two, at least 64", FETCH_WORDS);
    end
    if (ARGS_DWS < 6 || ARGS_DWS > 8) begin : g_bad_args
      $error("eng_ring: ARGS_DWS = %0d must be 6..8 (the longest command is 9 DWs)", ARGS_DWS);
    end
    if (PREEMPTION < 0 || PREEMPTION > 2) begin : g_bad_preemption
      $error("eng_ring: PREEMPTION = %0d: 0 COMMAND, 1 CHUNK or 2 INSTRUCTION", PREEMPTION);
    end
  endgenerate

  localparam [11:0] OFF_CMD        = `SGPU_ENG_CMD_OFFSET;
  localparam [11:0] OFF_CONFIG     = `SGPU_ENG_CONFIG_OFFSET;
  localparam [11:0] OFF_CTX        = `SGPU_ENG_CTX_OFFSET;
  localparam [11:0] OFF_HEAD       = `SGPU_ENG_HEAD_OFFSET;
  localparam [11:0] OFF_STATUS     = `SGPU_ENG_STATUS_OFFSET;
  localparam [11:0] OFF_IRQ        = `SGPU_ENG_IRQ_OFFSET;
  localparam [11:0] OFF_IRQ_ENABLE = `SGPU_ENG_IRQ_ENABLE_OFFSET;
  localparam [11:0] OFF_ERR_INFO   = `SGPU_ENG_ERR_INFO_OFFSET;
  localparam [11:0] OFF_FVAL_LO    = `SGPU_ENG_FENCE_VALUE_LO_OFFSET;
  localparam [11:0] OFF_FVAL_HI    = `SGPU_ENG_FENCE_VALUE_HI_OFFSET;
  localparam [11:0] OFF_FADDR_LO   = `SGPU_ENG_FENCE_ADDR_LO_OFFSET;
  localparam [11:0] OFF_FADDR_HI   = `SGPU_ENG_FENCE_ADDR_HI_OFFSET;
  localparam [11:0] OFF_LAST_LO    = `SGPU_ENG_LAST_FENCE_LO_OFFSET;
  localparam [11:0] OFF_LAST_HI    = `SGPU_ENG_LAST_FENCE_HI_OFFSET;
  localparam [11:0] OFF_BUSY       = `SGPU_ENG_BUSY_CYCLES_OFFSET;
  localparam [11:0] OFF_COMMANDS   = `SGPU_ENG_COMMANDS_OFFSET;
  localparam [11:0] OFF_CAPS       = `SGPU_ENG_CAPS_OFFSET;
  localparam [2:0]  CAPS_PREEMPTION = PREEMPTION[2:0];
  localparam [31:0] CONFIG_BITS =
      (((32'd1 << `SGPU_ENG_CONFIG_POLL_WAIT_WIDTH) - 32'd1) << `SGPU_ENG_CONFIG_POLL_WAIT_LSB) |
      (((32'd1 << `SGPU_ENG_CONFIG_WAIT_POLL_CYCLES_WIDTH) - 32'd1) << `SGPU_ENG_CONFIG_WAIT_POLL_CYCLES_LSB);
  localparam integer PCW = `SGPU_ENG_CONFIG_WAIT_POLL_CYCLES_WIDTH;

  localparam [2:0] R_NONE = `SGPU_ENG_STATUS_STOP_REASON_NONE;
  localparam [2:0] R_EMPTY = `SGPU_ENG_STATUS_STOP_REASON_EMPTY;
  localparam [2:0] R_WAIT = `SGPU_ENG_STATUS_STOP_REASON_WAIT;
  localparam [2:0] R_PREEMPTED = `SGPU_ENG_STATUS_STOP_REASON_PREEMPTED;
  localparam [2:0] R_ERROR = `SGPU_ENG_STATUS_STOP_REASON_ERROR;
  localparam [2:0] R_RESET = `SGPU_ENG_STATUS_STOP_REASON_RESET;

  localparam [7:0] OP_NOP = `SGPU_CMD_OP_NOP, OP_FENCE = `SGPU_CMD_OP_FENCE,
                   OP_WAIT = `SGPU_CMD_OP_WAIT, OP_COPY = `SGPU_CMD_OP_COPY,
                   OP_FILL = `SGPU_CMD_OP_FILL, OP_TIMESTAMP = `SGPU_CMD_OP_TIMESTAMP,
                   OP_DISPATCH = `SGPU_CMD_OP_DISPATCH, OP_WRAP = `SGPU_CMD_OP_WRAP;
  localparam [15:0] E_UNKNOWN_16 = `SGPU_CMD_ERROR_UNKNOWN_OPCODE;
  localparam [15:0] E_LENGTH_16  = `SGPU_CMD_ERROR_BAD_LENGTH;
  localparam [15:0] E_ALIGN_16   = `SGPU_CMD_ERROR_MISALIGNED;
  localparam [15:0] E_RSVD_16    = `SGPU_CMD_ERROR_RESERVED_BITS;
  localparam [15:0] E_ADDR_16    = `SGPU_CMD_ERROR_BAD_ADDRESS;
  localparam [15:0] E_CROSS_16   = `SGPU_CMD_ERROR_CROSSES_RING_END;
  localparam [15:0] E_DMA_16     = `SGPU_CMD_ERROR_DMA_ERROR;
  localparam [15:0] E_KACCESS_16 = `SGPU_CMD_ERROR_KERNEL_BAD_ACCESS;
  localparam [15:0] E_KILL_16    = `SGPU_CMD_ERROR_KERNEL_ILLEGAL_INSTRUCTION;
  // STATUS.ERROR holds the CMD_ERROR code in 8 bits.
  localparam [7:0] E_UNKNOWN = E_UNKNOWN_16[7:0], E_LENGTH = E_LENGTH_16[7:0],
                   E_ALIGN = E_ALIGN_16[7:0], E_RSVD = E_RSVD_16[7:0], E_ADDR = E_ADDR_16[7:0],
                   E_CROSS = E_CROSS_16[7:0], E_DMA = E_DMA_16[7:0], E_KACCESS = E_KACCESS_16[7:0],
                   E_KILL = E_KILL_16[7:0];

  // Engine states.
  localparam [2:0] S_IDLE = 3'd0;   // stopped
  localparam [2:0] S_RUN = 3'd1;    // decoding at HEAD
  localparam [2:0] S_SKIP = 3'd2;   // dropping the DWs of a long NOP
  localparam [2:0] S_WAIT = 3'd3;   // a WAIT at HEAD
  localparam [2:0] S_EXEC = 3'd4;   // the back end runs the command at HEAD
  localparam [2:0] S_HALT = 3'd5;   // stopping: waiting for the ports to be clean
  localparam [2:0] S_RESET = 3'd6;  // CMD.RESET: waiting for the ports to be clean
  // WAIT steps.
  localparam [1:0] WT_REQ = 2'd0;   // the read request (host) or VRAM request
  localparam [1:0] WT_DATA = 2'd1;  // the host read's beat
  localparam [1:0] WT_VDATA = 2'd2; // the VRAM word (the cycle after the grant)
  localparam [1:0] WT_POLL = 2'd3;  // between two reads of a polled WAIT
  // Write slot. HACC: a host write accepted, its beat to go to wb_* when that is free.
  localparam [1:0] WS_EMPTY = 2'd0, WS_HREQ = 2'd1, WS_HACC = 2'd2, WS_VRAM = 2'd3;
  localparam [3:0] WR_MAX = 4'd15;  // host writes awaiting wr_done (sequence numbers mod 16)

  function [31:0] merge(input [31:0] old, input [31:0] data, input [3:0] be);
    integer b;
    begin
      for (b = 0; b < 4; b = b + 1)
        merge[8*b +: 8] = be[b] ? data[8*b +: 8] : old[8*b +: 8];
    end
  endfunction

  function [31:0] align_mask(input integer bits);
    align_mask = (32'd1 << bits) - 32'd1;
  endfunction

  // ---------------------------------------------------------------- registers
  reg  [2:0]  state_q, state_d;
  reg         stop_req_q, stop_req_d;     // CMD.STOP pending
  reg         pend_start_q, pend_start_d; // START came with RESET
  reg         be_wait_q, be_wait_d;       // reset: the back end's ex_done_i is awaited
  reg  [31:0] config_q, config_d;
  reg  [4:0]  ctx_q, ctx_d;
  reg  [31:0] head_q, head_d;
  reg  [2:0]  reason_q, reason_d;
  reg  [7:0]  error_q, error_d;
  reg  [1:0]  irq_q, irq_d;
  reg  [1:0]  irq_en_q, irq_en_d;
  reg  [31:0] err_info_q, err_info_d;
  reg  [63:0] fval_q, fval_d, faddr_q, faddr_d, last_q, last_d;
  reg  [31:0] busy_q, busy_d, cmds_q, cmds_d;
  // Why the engine is stopping.
  reg  [2:0]  h_reason_q, h_reason_d;
  reg  [7:0]  h_error_q, h_error_d;
  reg  [31:0] h_info_q, h_info_d;
  reg         h_partial_q, h_partial_d;
  // Save area and RESUME.
  reg         partial_q, partial_d;         // STATUS.PARTIAL
  reg         resume_q, resume_d;           // the next command handed over restores
  reg         pend_resume_q, pend_resume_d; // RESUME of a START that came with RESET
  reg  [63:0] save_q, save_d;               // the save area latched at START

  wire [11:0] off = {{(12-AB){1'b0}}, addr_i};   // the register offset
  wire wr     = req_i & we_i;
  wire cmd_wr = wr && off == OFF_CMD && be_i[0];
  wire c_start = cmd_wr && wdata_i[`SGPU_ENG_CMD_START_LSB];
  wire c_stop  = cmd_wr && wdata_i[`SGPU_ENG_CMD_STOP_LSB];
  wire c_reset = cmd_wr && wdata_i[`SGPU_ENG_CMD_RESET_LSB];
  wire c_resume = cmd_wr && wdata_i[`SGPU_ENG_CMD_RESUME_LSB];

  // ---------------------------------------------------------------- ring geometry
  wire [31:0] ring_size = ctx_ring_size_i;
  wire [31:0] ring_mask = ring_size - 32'd1;
  wire [31:0] tail      = ctx_tail_i & ring_mask & ~32'd3;

  // ---------------------------------------------------------------- fetch: requests
  reg  [31:0] fetch_off_q, fetch_off_d;   // ring offset of the next DW to request
  reg  [FAW:0] credits_q, credits_d;      // free fetch buffer words, minus those requested
  reg         freq_valid_q, freq_valid_d;
  reg  [63:0] freq_addr_q, freq_addr_d;
  reg  [5:0]  freq_beats_q, freq_beats_d; // 1..32
  reg  [1:0]  freq_drop_q, freq_drop_d;   // {drop last DW, drop first DW}
  reg         fdisc_q, fdisc_d;           // dropping every beat until all reads have ended
  reg         ferr_q, ferr_d;             // a fetch read failed: fetch no more
  // Requests accepted and not ended: their drop bits, in order.
  reg  [1:0]  fd_mem_q [0:7];
  reg  [2:0]  fd_wp_q, fd_wp_d, fd_rp_q, fd_rp_d;
  reg  [3:0]  fd_cnt_q, fd_cnt_d;
  reg         fd_first_q, fd_first_d;     // the next beat is its request's first

  wire        running = state_q == S_RUN || state_q == S_SKIP || state_q == S_WAIT ||
                        state_q == S_EXEC;
  wire [31:0] f_lim   = (tail > fetch_off_q) ? tail : ring_size;
  wire [31:0] f_a0    = {fetch_off_q[31:3], 3'b000};
  wire [31:0] f_lim8  = {f_lim[31:3] + {28'd0, f_lim[2]}, 3'b000};
  wire [31:0] f_want  = (f_lim8 - f_a0) >> 3;          // beats to the limit
  wire [5:0]  f_room  = 6'd32 - {1'b0, f_a0[7:3]};       // beats to the next 256 bytes
  wire        f_hits  = f_want <= {26'd0, f_room};
  wire [5:0]  f_beats = f_hits ? f_want[5:0] : f_room;
  wire [31:0] f_end   = f_a0 + {23'd0, f_beats, 3'b000};
  wire [31:0] f_next  = !f_hits ? f_end : (f_lim == ring_size ? 32'd0 : f_lim);
  wire        f_form  = running && !fdisc_q && !ferr_q && tail != fetch_off_q &&
                        (!freq_valid_q || f_rd_req_ready_i) && fd_cnt_q < 4'd7 &&
                        credits_q >= {{(FAW-5){1'b0}}, f_beats};
  wire        f_acc   = freq_valid_q && f_rd_req_ready_i;

  // ---------------------------------------------------------------- fetch: data
  wire [1:0]  fd_head = fd_mem_q[fd_rp_q];
  wire        f_beat  = f_rd_data_valid_i;            // f_rd_data_ready_o is always 1
  wire        f_keep  = f_beat && !fdisc_q && !f_rd_data_err_i;
  wire        f_lo_v  = !(fd_first_q && fd_head[0]);
  wire        f_hi_v  = !(f_rd_data_last_i && fd_head[1]);
  wire        f_drained = fd_cnt_q == 4'd0 && !freq_valid_q;

  // Fetch buffer (block RAM): {hi valid, lo valid, data}.
  reg  [65:0] fb_mem [0:FETCH_WORDS-1];
  reg  [65:0] fb_rdata_q;
  reg  [FAW-1:0] fb_wp_q, fb_wp_d, fb_rp_q, fb_rp_d;
  reg  [FAW:0] fb_cnt_q, fb_cnt_d;
  reg         fb_inflight_q, fb_inflight_d;   // fb_rdata_q holds a word for the window

  // Decode window.
  reg  [31:0] win_q [0:W-1];
  reg  [31:0] win_d [0:W-1];
  reg  [3:0]  wcnt_q, wcnt_d;
  wire [4:0]  wcnt5 = {1'b0, wcnt_q};
  wire        fb_rd     = fb_cnt_q != {(FAW+1){1'b0}} &&
                          wcnt5 + (fb_inflight_q ? 5'd2 : 5'd0) + 5'd2 <= W5;
  wire        f_bypass  = f_keep && fb_cnt_q == {(FAW+1){1'b0}} && !fb_inflight_q &&
                          wcnt5 + 5'd2 <= W5;
  wire        fb_wr     = f_keep && !f_bypass;
  // What comes into the window this cycle.
  wire [65:0] app_word  = fb_inflight_q ? fb_rdata_q : {f_hi_v, f_lo_v, f_rd_data_i};
  wire        app_any   = fb_inflight_q || f_bypass;
  wire [1:0]  app_n     = !app_any ? 2'd0 : {1'b0, app_word[64]} + {1'b0, app_word[65]};
  wire [31:0] app0      = app_word[64] ? app_word[31:0] : app_word[63:32];
  wire [31:0] app1      = app_word[63:32];

  // ---------------------------------------------------------------- decode
  wire [31:0] hdr  = win_q[0];
  wire [7:0]  op   = hdr[`SGPU_CMD_HDR_OPCODE_LSB +: 8];
  wire [7:0]  len  = hdr[`SGPU_CMD_HDR_LENGTH_LSB +: 8];
  wire [7:0]  flg  = hdr[`SGPU_CMD_HDR_FLAGS_LSB +: 8];
  wire [7:0]  rsv  = hdr[`SGPU_CMD_HDR_RSVD_LSB +: 8];
  reg         known;
  reg  [7:0]  want_len, flags_all;
  reg         misaligned;
  always @* begin
    known = 1'b1; want_len = 8'd0; flags_all = 8'd0; misaligned = 1'b0;
    case (op)
      OP_NOP: begin want_len = `SGPU_CMD_NOP_DWORDS; flags_all = `SGPU_CMD_NOP_FLAGS_ALL; end
      OP_FENCE: begin
        want_len = `SGPU_CMD_FENCE_DWORDS; flags_all = `SGPU_CMD_FENCE_FLAGS_ALL;
        misaligned = |(win_q[`SGPU_CMD_FENCE_ADDR_DW] & align_mask(`SGPU_CMD_FENCE_ADDR_ALIGN_BITS));
      end
      OP_WAIT: begin
        want_len = `SGPU_CMD_WAIT_DWORDS; flags_all = `SGPU_CMD_WAIT_FLAGS_ALL;
        misaligned = |(win_q[`SGPU_CMD_WAIT_ADDR_DW] & align_mask(`SGPU_CMD_WAIT_ADDR_ALIGN_BITS));
      end
      OP_COPY: begin
        known = BACKEND_OPS[OP_COPY[4:0]];
        want_len = `SGPU_CMD_COPY_DWORDS; flags_all = `SGPU_CMD_COPY_FLAGS_ALL;
        misaligned = |(win_q[`SGPU_CMD_COPY_SRC_DW] & align_mask(`SGPU_CMD_COPY_SRC_ALIGN_BITS)) ||
                     |(win_q[`SGPU_CMD_COPY_DST_DW] & align_mask(`SGPU_CMD_COPY_DST_ALIGN_BITS)) ||
                     |(win_q[`SGPU_CMD_COPY_BYTES_DW] & align_mask(`SGPU_CMD_COPY_BYTES_ALIGN_BITS));
      end
      OP_FILL: begin
        known = BACKEND_OPS[OP_FILL[4:0]];
        want_len = `SGPU_CMD_FILL_DWORDS; flags_all = `SGPU_CMD_FILL_FLAGS_ALL;
        misaligned = |(win_q[`SGPU_CMD_FILL_DST_DW] & align_mask(`SGPU_CMD_FILL_DST_ALIGN_BITS)) ||
                     |(win_q[`SGPU_CMD_FILL_BYTES_DW] & align_mask(`SGPU_CMD_FILL_BYTES_ALIGN_BITS));
      end
      OP_TIMESTAMP: begin
        want_len = `SGPU_CMD_TIMESTAMP_DWORDS; flags_all = `SGPU_CMD_TIMESTAMP_FLAGS_ALL;
        misaligned = |(win_q[`SGPU_CMD_TIMESTAMP_ADDR_DW] & align_mask(`SGPU_CMD_TIMESTAMP_ADDR_ALIGN_BITS));
      end
      OP_DISPATCH: begin
        known = BACKEND_OPS[OP_DISPATCH[4:0]];
        // HOST_WINDOW makes it longer (HOST_BASE follows ARGS).
        want_len = flg[`SGPU_CMD_DISPATCH_FLAG_HOST_WINDOW_BIT] ?
                   `SGPU_CMD_DISPATCH_FLAG_HOST_WINDOW_DWORDS : `SGPU_CMD_DISPATCH_DWORDS;
        flags_all = `SGPU_CMD_DISPATCH_FLAGS_ALL;
        misaligned = |(win_q[`SGPU_CMD_DISPATCH_KERNEL_DW] & align_mask(`SGPU_CMD_DISPATCH_KERNEL_ALIGN_BITS)) ||
                     |(win_q[`SGPU_CMD_DISPATCH_ARGS_DW] & align_mask(`SGPU_CMD_DISPATCH_ARGS_ALIGN_BITS)) ||
                     (flg[`SGPU_CMD_DISPATCH_FLAG_HOST_WINDOW_BIT] &&
                      |(win_q[`SGPU_CMD_DISPATCH_HOST_BASE_DW] & align_mask(`SGPU_CMD_DISPATCH_HOST_BASE_ALIGN_BITS)));
      end
      OP_WRAP: begin want_len = `SGPU_CMD_WRAP_DWORDS; flags_all = `SGPU_CMD_WRAP_FLAGS_ALL; end
      default: known = 1'b0;
    endcase
  end
  wire        len_bad  = (op == OP_NOP) ? len == 8'd0 : len != want_len;
  wire        rsvd_bad = rsv != 8'd0 || (flg & ~flags_all) != 8'd0;
  wire [9:0]  len_b    = {len, 2'b00};                        // command bytes
  wire [32:0] cmd_end  = {1'b0, head_q} + {23'd0, len_b};
  wire        crosses  = cmd_end > {1'b0, ring_size};
  wire [31:0] to_tail     = (tail - head_q) & ring_mask;         // bytes from HEAD to TAIL
  wire        cut      = {22'd0, len_b} > to_tail;               // TAIL cuts the command
  wire        all_in   = {4'd0, wcnt_q} >= len;
  wire [63:0] x_addr   = {win_q[2], win_q[1]};                // FENCE/WAIT/TIMESTAMP address
  wire [63:0] x_value  = {win_q[4], win_q[3]};
  wire        x_vram   = flg[1];                              // the VRAM flag of all three
  wire        bad_vram = (op == OP_FENCE || op == OP_WAIT || op == OP_TIMESTAMP) && x_vram &&
                         x_addr >= {32'd0, VRAM_BYTES[31:0]};
  wire [31:0] head_next_raw = cmd_end[31:0];
  wire [31:0] head_next = (head_next_raw == ring_size) ? 32'd0 : head_next_raw;
  // Nothing more can come: the fetch failed and what came before is in the window.
  wire        starved  = ferr_q && fb_cnt_q == {(FAW+1){1'b0}} && !fb_inflight_q;
  wire [31:0] fetch_err_info = ctx_ring_base_i[31:0] + head_q;

  // ---------------------------------------------------------------- write slot, WAIT
  reg  [1:0]  ws_q, ws_d;
  reg  [63:0] ws_addr_q, ws_addr_d, ws_data_q, ws_data_d;
  reg         ws_fence_q, ws_fence_d, ws_irq_q, ws_irq_d;
  reg         wb_valid_q, wb_valid_d;     // an accepted host write's beat, not yet taken
  reg  [63:0] wb_data_q, wb_data_d;
  reg  [3:0]  wr_out_q, wr_out_d;         // host writes awaiting wr_done
  reg  [3:0]  wr_seq_q, wr_seq_d;         // host writes accepted (mod 16)
  reg  [3:0]  wr_dseq_q, wr_dseq_d;       // wr_done seen (mod 16)
  reg         lf_pend_q, lf_pend_d;       // a host fence to become LAST_FENCE at its wr_done
  reg  [3:0]  lf_seq_q, lf_seq_d;
  reg  [63:0] lf_val_q, lf_val_d;
  reg         if_pend_q, if_pend_d;       // a host IRQ fence, likewise
  reg  [3:0]  if_seq_q, if_seq_d;
  reg  [63:0] if_val_q, if_val_d, if_addr_q, if_addr_d;
  reg  [1:0]  wt_q, wt_d;
  reg         wt_rd_out_q, wt_rd_out_d;   // a WAIT host read accepted, its beat not come
  // A WAIT host read offered when a RESET came: it stays offered until taken (valid/ready:
  // the read mux may have taken it already), then its beat is dropped.
  reg         wt_hold_q, wt_hold_d;
  reg  [63:0] wt_hold_addr_q, wt_hold_addr_d;
  reg  [PCW-1:0] poll_q, poll_d;
  reg  [7:0]  skip_q, skip_d;             // NOP DWs still to drop
  reg  [31:0] skip_end_q, skip_end_d;     // HEAD after the NOP

  wire ws_h_acc  = ws_q == WS_HREQ && x_wr_req_ready_i;
  wire ws_h_beat = wb_valid_q && x_wr_data_ready_i;
  // The slot's accepted data goes to the beat register (wb_data_d needs no mux).
  wire wb_load   = (ws_h_acc || ws_q == WS_HACC) && (!wb_valid_q || ws_h_beat);
  wire ws_v_gnt  = ws_q == WS_VRAM && x_vw_gnt_i;
  wire wt_rd_req = (state_q == S_WAIT && wt_q == WT_REQ && !x_vram) || wt_hold_q;
  wire wt_rd_acc = wt_rd_req && x_rd_req_ready_i;
  wire wt_beat   = wt_rd_out_q && x_rd_data_valid_i;
  wire [63:0] wt_value = (wt_q == WT_VDATA) ? x_vr_rdata_i : x_rd_data_i;
  wire [3:0]  wr_dseq_inc = wr_dseq_q + 4'd1;
  // wr_out_q == 0 implies no beat waiting.
  wire        ports_clean = ws_q == WS_EMPTY && wr_out_q == 4'd0 && !wt_rd_out_q && !wt_hold_q &&
                            f_drained;

  // ---------------------------------------------------------------- next state
  reg  [3:0]  n_cons;          // DWs leaving the window
  reg         flush;           // WRAP: empty the window and buffer, drop reads in flight
  reg         fb_reset;        // START or stop: empty the window and buffer
  reg         fe_done;         // a command finished
  integer     p;
  reg  [31:0] rdata;
  reg  [31:0] status;
  reg  [W*32+9*32-1:0] win_vec;
  reg  [W*32-1:0] shifted;
  reg  [3:0]  base;
  reg  [31:0] wtmp;

  task automatic halt(input [2:0] reason, input [7:0] code, input [31:0] info);
    begin
      state_d   = S_HALT;
      h_reason_d = reason;
      h_error_d = code;
      h_info_d  = info;
      h_partial_d = 1'b0;
      fdisc_d   = 1'b1;
    end
  endtask

  always @* begin
    state_d = state_q; stop_req_d = stop_req_q; pend_start_d = pend_start_q;
    be_wait_d = be_wait_q;
    config_d = config_q; ctx_d = ctx_q; head_d = head_q; reason_d = reason_q; error_d = error_q;
    irq_d = irq_q; irq_en_d = irq_en_q; err_info_d = err_info_q;
    fval_d = fval_q; faddr_d = faddr_q; last_d = last_q; busy_d = busy_q; cmds_d = cmds_q;
    h_reason_d = h_reason_q; h_error_d = h_error_q; h_info_d = h_info_q;
    h_partial_d = h_partial_q;
    partial_d = partial_q; resume_d = resume_q; pend_resume_d = pend_resume_q; save_d = save_q;
    fetch_off_d = fetch_off_q; credits_d = credits_q;
    freq_valid_d = freq_valid_q; freq_addr_d = freq_addr_q; freq_beats_d = freq_beats_q;
    freq_drop_d = freq_drop_q; fdisc_d = fdisc_q; ferr_d = ferr_q;
    fd_wp_d = fd_wp_q; fd_rp_d = fd_rp_q; fd_cnt_d = fd_cnt_q; fd_first_d = fd_first_q;
    fb_wp_d = fb_wp_q; fb_rp_d = fb_rp_q; fb_cnt_d = fb_cnt_q; fb_inflight_d = fb_rd;
    ws_d = ws_q; ws_addr_d = ws_addr_q; ws_data_d = ws_data_q; ws_fence_d = ws_fence_q;
    ws_irq_d = ws_irq_q; wr_out_d = wr_out_q; wr_seq_d = wr_seq_q; wr_dseq_d = wr_dseq_q;
    wb_valid_d = wb_valid_q; wb_data_d = wb_data_q;
    lf_pend_d = lf_pend_q; lf_seq_d = lf_seq_q; lf_val_d = lf_val_q;
    if_pend_d = if_pend_q; if_seq_d = if_seq_q; if_val_d = if_val_q; if_addr_d = if_addr_q;
    wt_d = wt_q; wt_rd_out_d = wt_rd_out_q; poll_d = poll_q; skip_d = skip_q;
    skip_end_d = skip_end_q;
    n_cons = 4'd0; flush = 1'b0; fb_reset = 1'b0; fe_done = 1'b0;

    if (state_q != S_IDLE) busy_d = busy_q + 32'd1;

    // ---- fetch requests and beats
    if (f_acc) freq_valid_d = 1'b0;
    if (f_form) begin
      freq_valid_d = 1'b1;
      freq_addr_d  = ctx_ring_base_i + {32'd0, f_a0};
      freq_beats_d = f_beats;
      freq_drop_d  = {f_hits && f_lim[2], fetch_off_q[2]};
      fetch_off_d  = f_next;
      credits_d    = credits_d - {{(FAW-5){1'b0}}, f_beats};
    end
    if (f_acc) begin
      fd_wp_d = fd_wp_q + 3'd1;
    end
    if (f_beat) begin
      fd_first_d = f_rd_data_last_i;
      if (f_rd_data_last_i) fd_rp_d = fd_rp_q + 3'd1;
      if (f_rd_data_err_i && !fdisc_q) begin
        ferr_d  = 1'b1;       // the rest of this read never comes; drop the later ones
        fdisc_d = 1'b1;
      end
    end
    fd_cnt_d = fd_cnt_q + {3'd0, f_acc} - {3'd0, f_beat && f_rd_data_last_i};
    if (fdisc_q && f_drained) fdisc_d = 1'b0;
    // Buffer and window.
    if (fb_wr) fb_wp_d = fb_wp_q + 1'b1;
    if (fb_rd) fb_rp_d = fb_rp_q + 1'b1;
    fb_cnt_d = fb_cnt_q + {{FAW{1'b0}}, fb_wr} - {{FAW{1'b0}}, fb_rd};
    credits_d = credits_d + {{FAW{1'b0}}, fb_rd} + {{FAW{1'b0}}, f_bypass};

    // ---- write slot
    if (ws_h_beat) wb_valid_d = 1'b0;
    if (wb_load) begin
      ws_d = WS_EMPTY; wb_valid_d = 1'b1; wb_data_d = ws_data_q;
    end
    // A write done first: a fence accepted or granted in the same cycle is newer, so its
    // pending flags and LAST_FENCE below must win over the older fence's completion.
    if (x_wr_done_i) begin
      wr_dseq_d = wr_dseq_inc;
      if (lf_pend_q && lf_seq_q == wr_dseq_inc) begin
        lf_pend_d = 1'b0; last_d = lf_val_q;
      end
      if (if_pend_q && if_seq_q == wr_dseq_inc) begin
        if_pend_d = 1'b0; irq_d[`SGPU_ENG_IRQ_FENCE_LSB] = 1'b1;
        fval_d = if_val_q; faddr_d = if_addr_q;
      end
    end
    if (ws_h_acc) begin
      if (!wb_load) ws_d = WS_HACC;
      wr_seq_d = wr_seq_q + 4'd1;
      if (ws_fence_q) begin
        lf_pend_d = 1'b1; lf_seq_d = wr_seq_q + 4'd1; lf_val_d = ws_data_q;
        if (ws_irq_q) begin
          if_pend_d = 1'b1; if_seq_d = wr_seq_q + 4'd1; if_val_d = ws_data_q;
          if_addr_d = ws_addr_q;
        end
      end
    end
    if (ws_v_gnt) begin
      ws_d = WS_EMPTY;
      if (ws_fence_q) begin
        last_d = ws_data_q;
        if (ws_irq_q) begin
          irq_d[`SGPU_ENG_IRQ_FENCE_LSB] = 1'b1; fval_d = ws_data_q; faddr_d = ws_addr_q;
        end
      end
    end
    wr_out_d = wr_out_q + {3'd0, ws_h_acc} - {3'd0, x_wr_done_i};
    if (wt_rd_acc) wt_rd_out_d = 1'b1;
    if (wt_beat) wt_rd_out_d = 1'b0;
    wt_hold_d = wt_hold_q && !x_rd_req_ready_i; wt_hold_addr_d = wt_hold_addr_q;

    // ---- the engine
    case (state_q)
      S_IDLE: ;
      S_RUN: begin
        if (stop_req_q) begin
          halt(R_PREEMPTED, 8'd0, 32'd0);
          h_partial_d = resume_q;   // not handed over yet: the saved state still holds
        end
        else if (to_tail == 32'd0) halt(R_EMPTY, 8'd0, 32'd0);
        else if (wcnt_q == 4'd0) begin
          if (starved) halt(R_ERROR, E_DMA, fetch_err_info);
        end
        else if (!known) halt(R_ERROR, E_UNKNOWN, hdr);
        else if (len_bad) halt(R_ERROR, E_LENGTH, hdr);
        else if (rsvd_bad) halt(R_ERROR, E_RSVD, hdr);
        else if (crosses) halt(R_ERROR, E_CROSS, hdr);
        else if (cut) halt(R_EMPTY, 8'd0, 32'd0);
        else if (op == OP_NOP && len > 8'd8) begin
          state_d = S_SKIP; skip_d = len; skip_end_d = head_next;
        end
        else if (!all_in) begin
          if (starved) halt(R_ERROR, E_DMA, fetch_err_info);
        end
        else if (misaligned) halt(R_ERROR, E_ALIGN, hdr);
        else if (bad_vram) halt(R_ERROR, E_ADDR, hdr);
        else begin
          case (op)
            OP_NOP: begin
              n_cons = len[3:0]; head_d = head_next; fe_done = 1'b1;
            end
            OP_WRAP: begin
              head_d = 32'd0; fe_done = 1'b1; flush = 1'b1;
            end
            OP_FENCE, OP_TIMESTAMP: begin
              // Host fences only wait for a free slot; VRAM writes and timestamps also for
              // every host write to be done.
              if (ws_q == WS_EMPTY && wr_out_q < WR_MAX &&
                  ((op == OP_FENCE && !x_vram) || wr_out_q == 4'd0)) begin
                ws_d = x_vram ? WS_VRAM : WS_HREQ;
                ws_addr_d = x_addr;
                ws_data_d = (op == OP_FENCE) ? x_value : cycles_i;
                ws_fence_d = op == OP_FENCE;
                ws_irq_d = op == OP_FENCE && flg[`SGPU_CMD_FENCE_FLAG_IRQ_BIT];
                n_cons = len[3:0]; head_d = head_next; fe_done = 1'b1;
              end
            end
            OP_WAIT: begin
              // The slot empty: a VRAM fence before it has landed, a host one is ordered.
              if (ws_q == WS_EMPTY && !wb_valid_q) begin
                state_d = S_WAIT; wt_d = WT_REQ;
              end
            end
            default: begin   // a back-end command
              if (ws_q == WS_EMPTY && wr_out_q == 4'd0) state_d = S_EXEC;
            end
          endcase
        end
      end
      S_SKIP: begin
        if (wcnt_q != 4'd0) begin
          n_cons = (skip_q < {4'd0, wcnt_q}) ? skip_q[3:0] : wcnt_q;
          if (n_cons > 4'd8) n_cons = 4'd8;
          skip_d = skip_q - {4'd0, n_cons};
          if (skip_d == 8'd0) begin
            state_d = S_RUN;
            head_d = skip_end_q;
            fe_done = 1'b1;
          end
        end else if (starved) halt(R_ERROR, E_DMA, fetch_err_info);
      end
      S_WAIT: begin
        case (wt_q)
          WT_REQ: begin
            if (x_vram) begin
              if (stop_req_q) halt(R_PREEMPTED, 8'd0, 32'd0);
              else if (x_vr_gnt_i) wt_d = WT_VDATA;
            end else if (x_rd_req_ready_i) wt_d = WT_DATA;
          end
          WT_POLL: begin
            if (stop_req_q) halt(R_PREEMPTED, 8'd0, 32'd0);
            else if (poll_q <= {{(PCW-1){1'b0}}, 1'b1}) wt_d = WT_REQ;
            else poll_d = poll_q - {{(PCW-1){1'b0}}, 1'b1};
          end
          default: begin   // WT_DATA, WT_VDATA: the value comes
            if (wt_q == WT_VDATA || wt_beat) begin
              if (wt_q == WT_DATA && x_rd_data_err_i) halt(R_ERROR, E_DMA, x_addr[31:0]);
              else if (wt_value >= x_value) begin
                n_cons = len[3:0]; head_d = head_next; fe_done = 1'b1; state_d = S_RUN;
              end
              else if (stop_req_q) halt(R_PREEMPTED, 8'd0, 32'd0);
              else if (config_q[`SGPU_ENG_CONFIG_POLL_WAIT_LSB]) begin
                wt_d = WT_POLL;
                poll_d = config_q[`SGPU_ENG_CONFIG_WAIT_POLL_CYCLES_LSB +: PCW];
              end
              else halt(R_WAIT, 8'd0, 32'd0);
            end
          end
        endcase
      end
      S_EXEC: begin
        if (ex_done_i) begin
          if (ex_error_i != 8'd0)
            halt(R_ERROR, ex_error_i,
                 (ex_error_i == E_ADDR || ex_error_i == E_DMA || ex_error_i == E_KACCESS ||
                  ex_error_i == E_KILL) ?
                 ex_err_info_i : hdr);
          else if (ex_preempted_i) begin
            halt(R_PREEMPTED, 8'd0, 32'd0);
            h_partial_d = 1'b1;
          end
          else begin
            n_cons = len[3:0]; head_d = head_next; fe_done = 1'b1; state_d = S_RUN;
          end
        end
      end
      S_HALT: begin
        if (ports_clean) begin
          state_d = S_IDLE; stop_req_d = 1'b0;
          reason_d = h_reason_q; error_d = h_error_q; partial_d = h_partial_q;
          if (h_reason_q == R_ERROR) err_info_d = h_info_q;
          irq_d[`SGPU_ENG_IRQ_STOPPED_LSB] = 1'b1;
          fb_reset = 1'b1;
        end
      end
      S_RESET: begin
        if (ex_done_i) be_wait_d = 1'b0;
        if (ports_clean && !be_wait_q) begin
          state_d = S_IDLE; stop_req_d = 1'b0;
          reason_d = R_RESET; error_d = 8'd0; partial_d = 1'b0;
          irq_d[`SGPU_ENG_IRQ_STOPPED_LSB] = 1'b1;
          fb_reset = 1'b1;
        end
      end
      default: state_d = S_IDLE;
    endcase
    if (fe_done) cmds_d = cmds_q + 32'd1;
    // RESUME applies to the first command after START only, whatever ends it.
    if (fe_done || state_d == S_HALT || (state_q == S_EXEC && ex_done_i)) resume_d = 1'b0;

    // ---- register writes
    if (wr) begin
      case (off)
        OFF_CONFIG: config_d = merge(config_q, wdata_i, be_i) & CONFIG_BITS;
        OFF_CTX:    if (state_q == S_IDLE) begin
          wtmp = merge({27'd0, ctx_q}, wdata_i, be_i); ctx_d = wtmp[4:0];
        end
        OFF_HEAD:   if (state_q == S_IDLE) head_d = merge(head_q, wdata_i, be_i) & ~32'd3;
        OFF_IRQ: begin
          wtmp = merge(32'd0, wdata_i, be_i); irq_d = irq_d & ~wtmp[1:0];
        end
        OFF_IRQ_ENABLE: begin
          wtmp = merge({30'd0, irq_en_q}, wdata_i, be_i); irq_en_d = wtmp[1:0];
        end
        default: ;
      endcase
    end
    if (c_stop && state_q != S_IDLE && state_q != S_RESET) stop_req_d = 1'b1;
    if (c_reset) begin
      state_d = S_RESET; stop_req_d = 1'b0; pend_start_d = c_start;
      pend_resume_d = c_start && c_resume; resume_d = 1'b0;
      be_wait_d = RESET_WAITS_DONE != 0 && state_q == S_EXEC && !ex_done_i;
      irq_d = 2'b00; busy_d = 32'd0; cmds_d = 32'd0;
      lf_pend_d = 1'b0; if_pend_d = 1'b0;
      fdisc_d = 1'b1;
      // Host requests offered stay offered until taken (valid/ready: a mux may have taken
      // them): a fetch's or a WAIT's data is then dropped, a fence write is sent (its
      // commands were done). A VRAM request is withdrawn.
      if (ws_d == WS_VRAM) ws_d = WS_EMPTY;
      if (state_q == S_WAIT && wt_q == WT_REQ && !x_vram && !x_rd_req_ready_i) begin
        wt_hold_d = 1'b1; wt_hold_addr_d = x_addr;
      end
    end else if ((c_start || pend_start_q) && state_d == S_IDLE &&
                 (state_q == S_IDLE || state_q == S_RESET)) begin
      state_d = S_RUN; pend_start_d = 1'b0;
      resume_d = pend_start_q ? pend_resume_q : c_resume; pend_resume_d = 1'b0;
      save_d = ctx_save_addr_i; partial_d = 1'b0;
      head_d = head_d & ring_mask;
      fetch_off_d = head_d & ring_mask;
      fb_reset = 1'b1;
      ferr_d = 1'b0;
    end
    if (fb_reset || flush) begin
      wcnt_d = 4'd0;
      fb_wp_d = {FAW{1'b0}}; fb_rp_d = {FAW{1'b0}}; fb_cnt_d = {(FAW+1){1'b0}};
      fb_inflight_d = 1'b0;
      credits_d = FB_FULL;
    end
    if (flush) begin
      fetch_off_d = 32'd0;
      fdisc_d = 1'b1;
    end

    // ---- the window: n_cons DWs leave at the front, app_n come in at the back
    win_vec = {{(9*32){1'b0}}, {W*32{1'b0}}};
    for (p = 0; p < W; p = p + 1) win_vec[32*p +: 32] = win_q[p];
    shifted = win_vec[W*32-1:0];
    case (n_cons)   // a shift by whole DWs, up to 9
      4'd1: shifted = win_vec[1*32 +: W*32];
      4'd2: shifted = win_vec[2*32 +: W*32];
      4'd3: shifted = win_vec[3*32 +: W*32];
      4'd4: shifted = win_vec[4*32 +: W*32];
      4'd5: shifted = win_vec[5*32 +: W*32];
      4'd6: shifted = win_vec[6*32 +: W*32];
      4'd7: shifted = win_vec[7*32 +: W*32];
      4'd8: shifted = win_vec[8*32 +: W*32];
      4'd9: shifted = win_vec[9*32 +: W*32];
      default: ;
    endcase
    base = wcnt_q - n_cons;
    for (p = 0; p < W; p = p + 1) begin
      if (app_n != 2'd0 && p[3:0] == base) win_d[p] = app0;
      else if (app_n == 2'd2 && p[3:0] == base + 4'd1) win_d[p] = app1;
      else win_d[p] = shifted[32*p +: 32];
    end
    if (!(fb_reset || flush)) wcnt_d = base + {2'd0, app_n};

    // ---- read data
    status = 32'd0;
    status[`SGPU_ENG_STATUS_STATE_LSB +: 2] =
        (state_q == S_IDLE) ? `SGPU_ENG_STATUS_STATE_IDLE :
        (stop_req_q || state_q == S_HALT || state_q == S_RESET) ? `SGPU_ENG_STATUS_STATE_STOPPING :
        `SGPU_ENG_STATUS_STATE_RUNNING;
    status[`SGPU_ENG_STATUS_STOP_REASON_LSB +: 3] = reason_q;
    status[`SGPU_ENG_STATUS_ERROR_LSB +: 8] = error_q;
    status[`SGPU_ENG_STATUS_PARTIAL_LSB] = partial_q;
    rdata = 32'd0;
    if (req_i && !we_i) begin
      case (off)
        OFF_CONFIG:     rdata = config_q;
        OFF_CTX:        rdata = {27'd0, ctx_q};
        OFF_HEAD:       rdata = head_q;
        OFF_STATUS:     rdata = status;
        OFF_IRQ:        rdata = {30'd0, irq_q};
        OFF_IRQ_ENABLE: rdata = {30'd0, irq_en_q};
        OFF_ERR_INFO:   rdata = err_info_q;
        OFF_FVAL_LO:    rdata = fval_q[31:0];
        OFF_FVAL_HI:    rdata = fval_q[63:32];
        OFF_FADDR_LO:   rdata = faddr_q[31:0];
        OFF_FADDR_HI:   rdata = faddr_q[63:32];
        OFF_LAST_LO:    rdata = last_q[31:0];
        OFF_LAST_HI:    rdata = last_q[63:32];
        OFF_BUSY:       rdata = busy_q;
        OFF_COMMANDS:   rdata = cmds_q;
        OFF_CAPS:       rdata[`SGPU_ENG_CAPS_PREEMPTION_LSB +: 3] = CAPS_PREEMPTION;
        default:        rdata = 32'd0;   // CMD is write-only
      endcase
    end
  end

  // ---------------------------------------------------------------- state
  integer wi;
  always @(posedge clk_i) begin
    if (!rst_ni) begin
      state_q <= S_IDLE; stop_req_q <= 1'b0; pend_start_q <= 1'b0; be_wait_q <= 1'b0;
      config_q <= `SGPU_ENG_CONFIG_RESET & CONFIG_BITS; ctx_q <= 5'd0;
      head_q <= `SGPU_ENG_HEAD_RESET; reason_q <= R_NONE; error_q <= 8'd0;
      irq_q <= 2'b00; irq_en_q <= 2'b00; err_info_q <= `SGPU_ENG_ERR_INFO_RESET;
      fval_q <= 64'd0; faddr_q <= 64'd0; last_q <= 64'd0; busy_q <= 32'd0; cmds_q <= 32'd0;
      freq_valid_q <= 1'b0; fdisc_q <= 1'b0; ferr_q <= 1'b0;
      fd_wp_q <= 3'd0; fd_rp_q <= 3'd0; fd_cnt_q <= 4'd0; fd_first_q <= 1'b1;
      fb_cnt_q <= {(FAW+1){1'b0}}; fb_inflight_q <= 1'b0; wcnt_q <= 4'd0;
      credits_q <= FB_FULL;
      ws_q <= WS_EMPTY; wr_out_q <= 4'd0; wr_seq_q <= 4'd0; wr_dseq_q <= 4'd0;
      wb_valid_q <= 1'b0;
      lf_pend_q <= 1'b0; if_pend_q <= 1'b0; wt_rd_out_q <= 1'b0; wt_hold_q <= 1'b0;
      partial_q <= 1'b0; resume_q <= 1'b0; pend_resume_q <= 1'b0;
    end else begin
      state_q <= state_d; stop_req_q <= stop_req_d; pend_start_q <= pend_start_d;
      be_wait_q <= be_wait_d;
      config_q <= config_d; ctx_q <= ctx_d; head_q <= head_d; reason_q <= reason_d;
      error_q <= error_d; irq_q <= irq_d; irq_en_q <= irq_en_d; err_info_q <= err_info_d;
      fval_q <= fval_d; faddr_q <= faddr_d; last_q <= last_d; busy_q <= busy_d; cmds_q <= cmds_d;
      freq_valid_q <= freq_valid_d; fdisc_q <= fdisc_d; ferr_q <= ferr_d;
      fd_wp_q <= fd_wp_d; fd_rp_q <= fd_rp_d; fd_cnt_q <= fd_cnt_d; fd_first_q <= fd_first_d;
      fb_cnt_q <= fb_cnt_d; fb_inflight_q <= fb_inflight_d; wcnt_q <= wcnt_d;
      credits_q <= credits_d;
      ws_q <= ws_d; wr_out_q <= wr_out_d; wr_seq_q <= wr_seq_d; wr_dseq_q <= wr_dseq_d;
      wb_valid_q <= wb_valid_d;
      lf_pend_q <= lf_pend_d; if_pend_q <= if_pend_d; wt_rd_out_q <= wt_rd_out_d;
      wt_hold_q <= wt_hold_d;
      partial_q <= partial_d; resume_q <= resume_d; pend_resume_q <= pend_resume_d;
    end
    // Meaningful only with the state or the valid bits above: no reset needed.
    h_reason_q <= h_reason_d; h_error_q <= h_error_d; h_info_q <= h_info_d;
    h_partial_q <= h_partial_d; save_q <= save_d;
    fetch_off_q <= fetch_off_d; freq_addr_q <= freq_addr_d; freq_beats_q <= freq_beats_d;
    freq_drop_q <= freq_drop_d; fb_wp_q <= fb_wp_d; fb_rp_q <= fb_rp_d;
    ws_addr_q <= ws_addr_d; ws_data_q <= ws_data_d; ws_fence_q <= ws_fence_d; ws_irq_q <= ws_irq_d;
    wb_data_q <= wb_data_d;
    lf_seq_q <= lf_seq_d; lf_val_q <= lf_val_d; if_seq_q <= if_seq_d; if_val_q <= if_val_d;
    if_addr_q <= if_addr_d; wt_q <= wt_d; poll_q <= poll_d; skip_q <= skip_d;
    wt_hold_addr_q <= wt_hold_addr_d;
    skip_end_q <= skip_end_d;
    for (wi = 0; wi < W; wi = wi + 1) win_q[wi] <= win_d[wi];
    if (f_acc) fd_mem_q[fd_wp_q] <= freq_drop_q;
  end

  // Fetch buffer: block RAM, written and read in the clocked block itself.
  always @(posedge clk_i) begin
    if (fb_wr) fb_mem[fb_wp_q] <= {f_hi_v, f_lo_v, f_rd_data_i};
    if (fb_rd) fb_rdata_q <= fb_mem[fb_rp_q];
  end

  // ---------------------------------------------------------------- outputs
  // Operand DWs past the command's LENGTH read 0: the window behind it keeps filling.
  reg [32*ARGS_DWS-1:0] args;
  integer     ai;
  always @* begin
    for (ai = 1; ai <= ARGS_DWS; ai = ai + 1)
      args[32*(ai-1) +: 32] = ({4'd0, ai[3:0]} < len) ? win_q[ai] : 32'd0;
  end

  assign rdata_o           = rdata;
  assign irq_o             = |(irq_q & irq_en_q);
  assign ctx_id_o          = ctx_q;
  assign f_rd_req_valid_o  = freq_valid_q;
  assign f_rd_req_addr_o   = freq_addr_q;
  assign f_rd_req_len_o    = {15'd0, freq_beats_q, 3'b000};
  assign f_rd_data_ready_o = 1'b1;
  assign x_rd_req_valid_o  = wt_rd_req;
  assign x_rd_req_addr_o   = wt_hold_q ? wt_hold_addr_q : x_addr;
  assign x_rd_req_len_o    = 24'd8;
  assign x_rd_data_ready_o = wt_rd_out_q;
  assign x_wr_req_valid_o  = ws_q == WS_HREQ;
  assign x_wr_req_addr_o   = ws_addr_q;
  assign x_wr_req_len_o    = 24'd8;
  assign x_wr_data_valid_o = wb_valid_q;
  assign x_wr_data_o       = wb_data_q;
  assign x_vr_req_o        = state_q == S_WAIT && wt_q == WT_REQ && x_vram;
  assign x_vr_addr_o       = x_addr[VRAM_AW+2:3];
  assign x_vw_req_o        = ws_q == WS_VRAM;
  assign x_vw_addr_o       = ws_addr_q[VRAM_AW+2:3];
  assign x_vw_be_o         = 8'hFF;
  assign x_vw_data_o       = ws_data_q;
  assign ex_valid_o        = state_q == S_EXEC;
  assign ex_opcode_o       = op;
  assign ex_flags_o        = flg;
  assign ex_args_o         = args;
  assign ex_stop_o         = stop_req_q;
  assign ex_resume_o       = state_q == S_EXEC && resume_q;
  assign ex_save_addr_o    = save_q;
  assign ex_reset_o        = c_reset;
  // Error codes only say that a read failed; x_rd is a one-beat read.
  wire unused_ok = &{1'b0, f_rd_err_code_i, x_rd_err_code_i, x_rd_data_last_i, wtmp[31:5], 1'b0};
endmodule
