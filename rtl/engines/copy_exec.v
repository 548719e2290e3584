// Copy engine back end: COPY and FILL between host memory (DMA) and VRAM, in chunks.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sgpu_regs.vh"
`include "sgpu_cmds.vh"

// Takes one command from the front end (ex_*, docs/dev/engines.md): COPY (SRC_VRAM/DST_VRAM
// pick host or VRAM at either side) or FILL (the 32-bit pattern in every DW). The front end
// has checked the flags and that addresses and BYTES are multiples of 8; this block checks,
// before touching memory: BYTES 0 or above 16 MiB - 8 -> TOO_LONG (info 0); a VRAM range
// past VRAM_BYTES, or a host range past 2^64 -> BAD_ADDRESS (info: that start address).
//
// Every transfer runs source -> data buffer (BUF_BYTES of block RAM) -> destination, in
// chunks of CHUNK_BYTES counted from the start of the command:
//  - the source starts a chunk once the buffer has room for all of it (space reserved):
//    a host read request of the chunk (so rd_data_ready_o is always 1), or a VRAM read a
//    cycle, or the pattern a cycle;
//  - a host destination requests a chunk's write once the whole chunk is in the buffer
//    (data at hand) and streams it through a 4-word FIFO; a VRAM destination writes a word
//    a cycle as soon as it is in the buffer.
// With several chunks of buffer, the next chunks are read while one is written.
// Preemption (ex_stop_i, docs/dev/engines.md "Copy engine save area"): no new chunk starts
// and no new write request is made; a request already offered stays offered until taken
// (valid/ready); reads in flight are drained and their data dropped, and so is data in the
// buffer that no write has claimed; writes offered or accepted (and, for VRAM, the words in
// the FIFO) finish.
// Then, unless that completed the command, the record {TAG, BYTES} {DST low, bytes done} (16
// bytes) is written to ex_save_addr_i and the command ends with ex_preempted_o after its
// wr_done. So a stop costs at most the reads in flight (BUF_BYTES) and the write requests
// accepted (2 chunks). With ex_resume_i the command first reads the record back (after the
// argument checks) and goes on from the byte it names: a read error or a record that is not
// this command's ends it with DMA_ERROR (info: the save address, low 32 bits), nothing
// written. A stop during that read is obeyed once the record is in (the record is written
// again). A read error ends it with DMA_ERROR (info: the address of the first word that did
// not come, low 32 bits) once the ports are clean: no new chunk, no new write request, later
// read beats dropped, an accepted write still gets its beats.
// ex_reset_i drops the command: VRAM requests are withdrawn at once; host requests offered
// are kept until taken, reads in flight are drained, writes get their beats (any value) and
// their wr_done; then
// one ex_done_o (error 0), also when the command was only offered in the reset cycle. An
// ex_done_o already in the reset cycle is the only one.
// busy_o: the block owns its ports (from taking a command to ex_done_o).
module copy_exec #(
  parameter integer VRAM_BYTES  = `SGPU_CFG_VRAM_BYTES,
  // Data buffer (a power of two): it bounds the host reads in flight, so a stop's latency.
  parameter integer BUF_BYTES   = 4096,
  // Request size and preemption granularity: 16 .. 4096 and BUF_BYTES, a power of two.
  // Small chunks keep what other DMA clients queue behind short: the firmware's control
  // frame read waits for the reads in flight, its writes for the two write requests the
  // endpoint holds (2 * CHUNK_BYTES).
  parameter integer CHUNK_BYTES = 256,
  // Host read requests in flight at most: they are what a stop waits for (about 52 +
  // CHUNK_BYTES / 8 * READS cycles); 4 of 256 bytes (1 KiB, 128 cycles of link) keep the
  // link busy over a 52-cycle read latency.
  parameter integer READS       = 4,
  parameter integer VRAM_AW     = $clog2(VRAM_BYTES / 8)   // VRAM word address width
) (
  input  wire               clk_i,
  input  wire               rst_ni,
  // Front end.
  input  wire               ex_valid_i,
  input  wire [7:0]         ex_opcode_i,
  input  wire [7:0]         ex_flags_i,
  input  wire [191:0]       ex_args_i,
  output wire               ex_done_o,
  output wire [7:0]         ex_error_o,
  output wire [31:0]        ex_err_info_o,
  input  wire               ex_stop_i,
  output wire               ex_preempted_o,
  input  wire               ex_resume_i,
  input  wire [63:0]        ex_save_addr_i,
  input  wire               ex_reset_i,
  output wire               busy_o,
  // DMA read client.
  output wire               rd_req_valid_o,
  input  wire               rd_req_ready_i,
  output wire [63:0]        rd_req_addr_o,
  output wire [23:0]        rd_req_len_o,
  input  wire               rd_data_valid_i,
  output wire               rd_data_ready_o,
  input  wire [63:0]        rd_data_i,
  input  wire               rd_data_last_i,
  input  wire               rd_data_err_i,
  input  wire [1:0]         rd_err_code_i,
  // DMA write client.
  output wire               wr_req_valid_o,
  input  wire               wr_req_ready_i,
  output wire [63:0]        wr_req_addr_o,
  output wire [23:0]        wr_req_len_o,
  output wire               wr_data_valid_o,
  input  wire               wr_data_ready_i,
  output wire [63:0]        wr_data_o,
  input  wire               wr_done_i,
  // VRAM client.
  output wire               vr_req_o,
  output wire [VRAM_AW-1:0] vr_addr_o,
  input  wire               vr_gnt_i,
  input  wire [63:0]        vr_rdata_i,
  output wire               vw_req_o,
  output wire [VRAM_AW-1:0] vw_addr_o,
  output wire [7:0]         vw_be_o,
  output wire [63:0]        vw_data_o,
  input  wire               vw_gnt_i
);
  localparam integer BW  = BUF_BYTES / 8;           // buffer words
  localparam integer BAW = $clog2(BW);
  localparam integer CW  = CHUNK_BYTES / 8;         // chunk words
  localparam integer CWB = $clog2(CW);
  localparam [BAW:0] BUF_W   = BW[BAW:0];
  localparam [20:0]  CHUNK_W = CW[20:0];
  localparam [3:0]   RD_MAX  = READS[3:0];

  generate
    if (BW < 8 || (BW & (BW - 1)) != 0 || CW < 2 || CW > BW || (CW & (CW - 1)) != 0 ||
        CHUNK_BYTES > 4096 || READS < 1 || READS > 8) begin : g_bad_buf
      $error("copy_exec: BUF_BYTES %0d / CHUNK_BYTES %0d: powers of two, chunk <= 4 KiB and <= buffer",
             BUF_BYTES, CHUNK_BYTES);
    end
  endgenerate

  localparam [7:0] OP_FILL = `SGPU_CMD_OP_FILL;
  localparam [15:0] E_ADDR_16 = `SGPU_CMD_ERROR_BAD_ADDRESS;
  localparam [15:0] E_LONG_16 = `SGPU_CMD_ERROR_TOO_LONG;
  localparam [15:0] E_DMA_16  = `SGPU_CMD_ERROR_DMA_ERROR;
  localparam [7:0] E_ADDR = E_ADDR_16[7:0], E_LONG = E_LONG_16[7:0], E_DMA = E_DMA_16[7:0];
  localparam [32:0] VRAM_SIZE = {1'b0, VRAM_BYTES[31:0]};

  localparam [2:0] C_IDLE  = 3'd0;   // no command
  localparam [2:0] C_CHECK = 3'd1;   // the arguments are checked
  localparam [2:0] C_RUN   = 3'd2;   // moving data
  localparam [2:0] C_DRAIN = 3'd3;   // reset: waiting for the ports to be clean
  localparam [2:0] C_DONE  = 3'd4;   // ex_done_o
  localparam [2:0] C_LOAD  = 3'd5;   // resume: reading the state record
  localparam [2:0] C_STOP  = 3'd6;   // stop: finishing what cannot be dropped
  localparam [2:0] C_SAVE  = 3'd7;   // stop: writing the state record
  // The state record's tag ("COPY" in its low four bytes): the record is this engine's.
  localparam [31:0] REC_TAG = 32'h5950_4F43;
  localparam [CWB:0] REC_WORDS = 2;

  // ---------------------------------------------------------------- the command
  reg  [2:0]   state_q, state_d;
  reg          fill_q, src_vram_q, dst_vram_q;
  reg  [63:0]  src_q, dst_q;
  reg  [31:0]  bytes_q, pattern_q;
  reg  [7:0]   err_q, err_d;
  reg  [31:0]  info_q, info_d;
  reg          preempted_q, preempted_d;
  reg          halt_q, halt_d;        // a read failed or reset: no new chunk, no new write
  reg          resume_q;              // the command restores its state first
  reg  [63:0]  save_q;               // the save area
  reg  [63:0]  rec0_q, rec0_d, rec1_q, rec1_d;   // the record read back
  reg          rec_n_q, rec_n_d;      // record beats received (0 or 1, then ended)
  reg          rec_err_q, rec_err_d;  // the record's read failed
  reg  [1:0]   sv_left_q, sv_left_d;  // beats of the accepted record write still to send
  reg          wq_rec_q, wq_rec_d;    // the write request offered is the record

  wire is_fill = ex_opcode_i == OP_FILL;
  wire [31:0] a_src_lo  = ex_args_i[32*(`SGPU_CMD_COPY_SRC_DW-1) +: 32];
  wire [31:0] a_src_hi  = ex_args_i[32*`SGPU_CMD_COPY_SRC_DW +: 32];
  wire [31:0] a_cdst_lo = ex_args_i[32*(`SGPU_CMD_COPY_DST_DW-1) +: 32];
  wire [31:0] a_cdst_hi = ex_args_i[32*`SGPU_CMD_COPY_DST_DW +: 32];
  wire [31:0] a_cbytes  = ex_args_i[32*(`SGPU_CMD_COPY_BYTES_DW-1) +: 32];
  wire [31:0] a_fdst_lo = ex_args_i[32*(`SGPU_CMD_FILL_DST_DW-1) +: 32];
  wire [31:0] a_fdst_hi = ex_args_i[32*`SGPU_CMD_FILL_DST_DW +: 32];
  wire [31:0] a_fbytes  = ex_args_i[32*(`SGPU_CMD_FILL_BYTES_DW-1) +: 32];
  wire [31:0] a_pattern = ex_args_i[32*(`SGPU_CMD_FILL_PATTERN_DW-1) +: 32];

  // Argument checks, on the latched command.
  wire [64:0] src_end   = {1'b0, src_q} + {33'd0, bytes_q};
  wire [64:0] dst_end   = {1'b0, dst_q} + {33'd0, bytes_q};
  wire        too_long  = bytes_q == 32'd0 || bytes_q > 32'h00FF_FFF8;
  wire        src_bad   = !fill_q && (src_vram_q ? src_end > {32'd0, VRAM_SIZE}
                                                 : (src_end[64] && src_end[63:0] != 64'd0));
  wire        dst_bad   = dst_vram_q ? dst_end > {32'd0, VRAM_SIZE}
                                     : (dst_end[64] && dst_end[63:0] != 64'd0);

  // ---------------------------------------------------------------- source
  reg  [20:0]  src_left_q, src_left_d;   // words not yet started
  reg  [63:0]  src_ptr_q, src_ptr_d;     // next host byte address / VRAM byte address
  reg  [20:0]  rcvd_q, rcvd_d;           // host source words received
  reg  [BAW:0] used_q, used_d;           // buffer words reserved or held
  reg  [BAW:0] avail_q, avail_d;         // buffer words held, not yet claimed by the destination
  reg  [CWB:0] gen_q, gen_d;             // VRAM / pattern source: words of the chunk still to make
  reg          vr_inflight_q;            // a VRAM read was granted last cycle
  reg          rq_valid_q, rq_valid_d;
  reg  [63:0]  rq_addr_q, rq_addr_d;
  reg  [CWB:0] rq_words_q, rq_words_d;
  reg  [3:0]   rd_out_q, rd_out_d;       // host read requests accepted and not ended
  reg          rd_disc_q, rd_disc_d;     // drop read beats (after an error or a reset)
  reg  [BAW-1:0] bwp_q, bwp_d;

  wire [20:0]  src_chunk  = (src_left_q < CHUNK_W) ? src_left_q : CHUNK_W;
  wire         src_start  = state_q == C_RUN && !halt_q && !ex_stop_i && src_left_q != 21'd0 &&
                            gen_q == {(CWB+1){1'b0}} &&
                            (fill_q || src_vram_q ||
                             ((!rq_valid_q || rd_req_ready_i) && rd_out_q + {3'd0, rq_valid_q} < RD_MAX)) &&
                            {{(21-BAW-1){1'b0}}, used_q} + src_chunk <= {{(21-BAW-1){1'b0}}, BUF_W};
  wire         rq_acc     = rq_valid_q && rd_req_ready_i;
  wire         rd_beat    = rd_data_valid_i;                       // always ready
  wire         rd_rec     = rd_beat && state_q == C_LOAD;            // a beat of the record
  wire         rd_keep    = rd_beat && !rd_disc_q && !rd_data_err_i && !rd_rec;
  wire         vr_req     = state_q == C_RUN && src_vram_q && !fill_q && gen_q != {(CWB+1){1'b0}};
  wire         vr_take    = vr_req && vr_gnt_i;
  wire         pat_make   = state_q == C_RUN && fill_q && gen_q != {(CWB+1){1'b0}};
  wire         buf_we     = rd_keep || vr_inflight_q || pat_make;
  wire [63:0]  buf_wdata  = vr_inflight_q ? vr_rdata_i : pat_make ? {pattern_q, pattern_q} : rd_data_i;

  // ---------------------------------------------------------------- destination
  reg  [20:0]  dst_left_q, dst_left_d;   // words not yet claimed
  reg  [63:0]  dst_ptr_q, dst_ptr_d;     // next host byte address to request
  reg  [VRAM_AW-1:0] vw_ptr_q, vw_ptr_d; // VRAM word of the FIFO's head
  reg          wq_valid_q, wq_valid_d;
  reg  [63:0]  wq_addr_q, wq_addr_d;
  reg  [CWB:0] wq_words_q, wq_words_d;
  reg  [21:0]  send_q, send_d;           // words of accepted writes not yet read from the buffer
  reg  [3:0]   wr_out_q, wr_out_d;       // write requests accepted, wr_done not yet seen
  reg  [BAW-1:0] brp_q, brp_d;
  reg          br_inflight_q;            // a buffer word comes into the FIFO this cycle
  reg  [63:0]  fifo_q [0:3];
  reg  [1:0]   ff_wp_q, ff_wp_d, ff_rp_q, ff_rp_d;
  reg  [2:0]   ff_n_q, ff_n_d;

  wire [20:0]  dst_chunk  = (dst_left_q < CHUNK_W) ? dst_left_q : CHUNK_W;
  wire         wq_acc     = wq_valid_q && wr_req_ready_i;
  wire         wq_form    = state_q == C_RUN && !halt_q && !ex_stop_i && !dst_vram_q &&
                            dst_left_q != 21'd0 &&
                            (!wq_valid_q || wr_req_ready_i) &&
                            {{(21-BAW-1){1'b0}}, avail_q} >= dst_chunk && wr_out_q < 4'd8;
  wire         ff_room    = {1'b0, ff_n_q} + {3'd0, br_inflight_q} < 4'd4;
  // Host destination: words of accepted writes; VRAM: any word in the buffer (not after a
  // reset: the words are dropped).
  wire         br_rd      = ff_room && (dst_vram_q ? (state_q == C_RUN && !halt_q &&
                                                      avail_q != {(BAW+1){1'b0}})
                                                   : send_q != 22'd0);
  wire         wd_fifo    = !dst_vram_q && ff_n_q != 3'd0;
  wire         wd_valid   = wd_fifo || sv_left_q != 2'd0;   // the record when nothing else
  wire         wd_take    = wd_fifo && wr_data_ready_i;
  wire         vw_req     = dst_vram_q && ff_n_q != 3'd0 && state_q != C_DRAIN;
  wire         vw_take    = vw_req && vw_gnt_i;
  wire         ff_pop     = wd_take || vw_take;

  reg  [63:0]  buf_rdata_q;
  (* no_rw_check *)
  reg  [63:0]  buf_mem [0:BW-1];

  // Everything that was started has ended.
  wire src_quiet = gen_q == {(CWB+1){1'b0}} && !vr_inflight_q && !rq_valid_q && rd_out_q == 4'd0;
  wire dst_quiet = !wq_valid_q && send_q == 22'd0 && !br_inflight_q && ff_n_q == 3'd0 &&
                   wr_out_q == 4'd0 && sv_left_q == 2'd0;
  // The record: what the destination has, from the command's start.
  wire [31:0] done_bytes = bytes_q - {8'd0, dst_left_q, 3'b000};
  wire [63:0] rec0 = {bytes_q, REC_TAG};
  wire [63:0] rec1 = {dst_q[31:0], done_bytes};
  wire [31:0] rec_done = rec1_q[31:0];
  wire        rec_ok = !rec_err_q && rec0_q == rec0 && rec1_q[63:32] == dst_q[31:0] &&
                       rec_done < bytes_q && rec_done[2:0] == 3'd0;
  // Where the data moves from: 0, or the restored offset.
  wire [31:0] start_off = (state_q == C_LOAD) ? rec_done : 32'd0;
  wire [20:0] start_left = bytes_q[23:3] - start_off[23:3];

  always @* begin
    state_d = state_q; err_d = err_q; info_d = info_q; preempted_d = preempted_q;
    halt_d = halt_q;
    src_left_d = src_left_q; src_ptr_d = src_ptr_q; rcvd_d = rcvd_q; used_d = used_q;
    avail_d = avail_q; gen_d = gen_q; rq_valid_d = rq_valid_q; rq_addr_d = rq_addr_q;
    rq_words_d = rq_words_q; rd_out_d = rd_out_q; rd_disc_d = rd_disc_q; bwp_d = bwp_q;
    dst_left_d = dst_left_q; dst_ptr_d = dst_ptr_q; vw_ptr_d = vw_ptr_q;
    wq_valid_d = wq_valid_q; wq_addr_d = wq_addr_q; wq_words_d = wq_words_q;
    send_d = send_q; wr_out_d = wr_out_q; brp_d = brp_q;
    rec0_d = rec0_q; rec1_d = rec1_q; rec_n_d = rec_n_q; rec_err_d = rec_err_q;
    sv_left_d = sv_left_q;
    wq_rec_d = wq_rec_q;

    // ---- source
    if (rq_acc) rq_valid_d = 1'b0;
    if (src_start) begin
      src_left_d = src_left_q - src_chunk;
      used_d = used_d + src_chunk[BAW:0];
      if (fill_q || src_vram_q) gen_d = src_chunk[CWB:0];
      else begin
        rq_valid_d = 1'b1; rq_addr_d = src_ptr_q; rq_words_d = src_chunk[CWB:0];
        src_ptr_d = src_ptr_q + {40'd0, src_chunk, 3'b000};
      end
    end
    if (vr_take) begin
      gen_d = gen_d - {{CWB{1'b0}}, 1'b1};
      src_ptr_d = src_ptr_q + 64'd8;
    end
    if (pat_make) gen_d = gen_d - {{CWB{1'b0}}, 1'b1};
    rd_out_d = rd_out_q + {3'd0, rq_acc} - {3'd0, rd_beat && rd_data_last_i};
    if (rd_keep) rcvd_d = rcvd_q + 21'd1;
    if (rd_rec) begin
      rec_n_d = 1'b1;
      if (!rec_n_q) rec0_d = rd_data_i; else rec1_d = rd_data_i;
      if (rd_data_err_i) rec_err_d = 1'b1;
    end
    if (rd_beat && rd_data_err_i && !rd_disc_q && !rd_rec) begin
      halt_d = 1'b1; rd_disc_d = 1'b1;
      if (err_q == 8'd0) begin
        err_d = E_DMA;
        info_d = src_q[31:0] + {8'd0, rcvd_q, 3'b000};
      end
    end
    if (buf_we) bwp_d = bwp_q + 1'b1;

    // ---- destination
    if (wq_acc) begin
      wq_valid_d = 1'b0; wq_rec_d = 1'b0;
      if (wq_rec_q) sv_left_d = 2'd2;
      else send_d = send_d + {{(21-CWB){1'b0}}, wq_words_q};
    end
    if (sv_left_q != 2'd0 && wr_data_ready_i) sv_left_d = sv_left_q - 2'd1;
    if (wq_form) begin
      wq_valid_d = 1'b1; wq_addr_d = dst_ptr_q; wq_words_d = dst_chunk[CWB:0];
      dst_ptr_d = dst_ptr_q + {40'd0, dst_chunk, 3'b000};
      dst_left_d = dst_left_q - dst_chunk;
    end
    if (br_rd) begin
      brp_d = brp_q + 1'b1;
      used_d = used_d - {{BAW{1'b0}}, 1'b1};
      if (!dst_vram_q) send_d = send_d - 22'd1;
      else dst_left_d = dst_left_d - 21'd1;
    end
    avail_d = avail_q + {{BAW{1'b0}}, buf_we} - (wq_form ? dst_chunk[BAW:0] : {(BAW+1){1'b0}}) -
              {{BAW{1'b0}}, br_rd && dst_vram_q};
    if (vw_take) vw_ptr_d = vw_ptr_q + 1'b1;
    wr_out_d = wr_out_q + {3'd0, wq_acc} - {3'd0, wr_done_i};

    // ---- the command
    case (state_q)
      C_IDLE: if (ex_valid_i) begin
        err_d = 8'd0; info_d = 32'd0; preempted_d = 1'b0; halt_d = 1'b0; rd_disc_d = 1'b0;
        state_d = ex_reset_i ? C_DONE : C_CHECK;
      end
      C_CHECK, C_LOAD: begin
        // Both set the run up from start_off (C_LOAD: once the record is in).
        src_left_d = start_left; dst_left_d = start_left;
        src_ptr_d = src_q + {32'd0, start_off}; dst_ptr_d = dst_q + {32'd0, start_off};
        vw_ptr_d = dst_q[VRAM_AW+2:3] + start_off[VRAM_AW+2:3];
        rcvd_d = 21'd0; used_d = {(BAW+1){1'b0}}; avail_d = {(BAW+1){1'b0}};
        bwp_d = {BAW{1'b0}}; brp_d = {BAW{1'b0}}; send_d = 22'd0;
        if (state_q == C_LOAD) begin
          if (src_quiet) begin   // the record's read has ended
            if (rec_ok) state_d = C_RUN;
            else begin
              err_d = E_DMA; info_d = save_q[31:0]; state_d = C_DONE;
            end
          end
        end else if (too_long) begin
          err_d = E_LONG; state_d = C_DONE;
        end else if (src_bad) begin
          err_d = E_ADDR; info_d = src_q[31:0]; state_d = C_DONE;
        end else if (dst_bad) begin
          err_d = E_ADDR; info_d = dst_q[31:0]; state_d = C_DONE;
        end else if (resume_q) begin
          state_d = C_LOAD;
          rq_valid_d = 1'b1; rq_addr_d = save_q; rq_words_d = REC_WORDS;
          rec_n_d = 1'b0; rec_err_d = 1'b0;
        end else state_d = C_RUN;
      end
      C_RUN: begin
        if (src_quiet && dst_quiet && (halt_q || dst_left_q == 21'd0))
          state_d = C_DONE;                                     // a read error, or complete
        else if (ex_stop_i && !halt_q) begin
          // Stop: drop the rest of the reads and the VRAM or pattern words still to make.
          // Requests already offered stay offered until taken (valid/ready: a mux may have
          // taken them already): a read's data is dropped, a write is sent.
          state_d = C_STOP; rd_disc_d = 1'b1; gen_d = {(CWB+1){1'b0}};
        end
      end
      C_STOP: if (src_quiet && dst_quiet) begin
        if (dst_left_q == 21'd0) state_d = C_DONE;              // it completed after all
        else begin
          state_d = C_SAVE;
          wq_valid_d = 1'b1; wq_rec_d = 1'b1; wq_addr_d = save_q; wq_words_d = REC_WORDS;
        end
      end
      C_SAVE: if (!wq_valid_q && sv_left_q == 2'd0 && wr_out_q == 4'd0) begin
        preempted_d = 1'b1; state_d = C_DONE;                   // the record is written
      end
      C_DRAIN: if (src_quiet && dst_quiet) state_d = C_DONE;
      default: state_d = C_IDLE;                                // C_DONE
    endcase

    // ---- reset: drain what was started; a request offered is kept until taken (valid/
    // ready), then treated as one taken before (a read's data dropped, a write's beats sent)
    if (ex_reset_i && state_q != C_IDLE && state_q != C_DONE) begin
      state_d = C_DRAIN; halt_d = 1'b1; rd_disc_d = 1'b1; err_d = 8'd0; preempted_d = 1'b0;
      gen_d = {(CWB+1){1'b0}};
    end
  end

  always @(posedge clk_i) begin
    if (!rst_ni) begin
      state_q <= C_IDLE; rq_valid_q <= 1'b0; wq_valid_q <= 1'b0; rd_out_q <= 4'd0;
      wr_out_q <= 4'd0; gen_q <= {(CWB+1){1'b0}}; vr_inflight_q <= 1'b0; br_inflight_q <= 1'b0;
      ff_wp_q <= 2'd0; ff_rp_q <= 2'd0; ff_n_q <= 3'd0; send_q <= 22'd0;
      halt_q <= 1'b0; rd_disc_q <= 1'b0; err_q <= 8'd0; preempted_q <= 1'b0;
      sv_left_q <= 2'd0; wq_rec_q <= 1'b0;
    end else begin
      state_q <= state_d; rq_valid_q <= rq_valid_d; wq_valid_q <= wq_valid_d;
      rd_out_q <= rd_out_d; wr_out_q <= wr_out_d; gen_q <= gen_d;
      vr_inflight_q <= vr_take && !ex_reset_i;
      br_inflight_q <= br_rd;
      ff_wp_q <= ff_wp_d; ff_rp_q <= ff_rp_d; ff_n_q <= ff_n_d; send_q <= send_d;
      halt_q <= halt_d; rd_disc_q <= rd_disc_d; err_q <= err_d; preempted_q <= preempted_d;
      sv_left_q <= sv_left_d; wq_rec_q <= wq_rec_d;
    end
    // Meaningful only with the state or the valid bits above: no reset needed.
    if (state_q == C_IDLE && ex_valid_i) begin
      fill_q     <= is_fill;
      src_vram_q <= !is_fill && ex_flags_i[`SGPU_CMD_COPY_FLAG_SRC_VRAM_BIT];
      dst_vram_q <= is_fill ? ex_flags_i[`SGPU_CMD_FILL_FLAG_DST_VRAM_BIT]
                            : ex_flags_i[`SGPU_CMD_COPY_FLAG_DST_VRAM_BIT];
      src_q      <= {a_src_hi, a_src_lo};
      dst_q      <= is_fill ? {a_fdst_hi, a_fdst_lo} : {a_cdst_hi, a_cdst_lo};
      bytes_q    <= is_fill ? a_fbytes : a_cbytes;
      pattern_q  <= a_pattern;
      resume_q   <= ex_resume_i;
      save_q     <= ex_save_addr_i;
    end
    rec0_q <= rec0_d; rec1_q <= rec1_d; rec_n_q <= rec_n_d; rec_err_q <= rec_err_d;
    info_q <= info_d;
    src_left_q <= src_left_d; src_ptr_q <= src_ptr_d; rcvd_q <= rcvd_d; used_q <= used_d;
    avail_q <= avail_d; rq_addr_q <= rq_addr_d; rq_words_q <= rq_words_d; bwp_q <= bwp_d;
    dst_left_q <= dst_left_d; dst_ptr_q <= dst_ptr_d; vw_ptr_q <= vw_ptr_d;
    wq_addr_q <= wq_addr_d; wq_words_q <= wq_words_d; brp_q <= brp_d;
    if (br_inflight_q) fifo_q[ff_wp_q] <= buf_rdata_q;
  end

  // FIFO pointers: a word comes in the cycle after its buffer read, one leaves when taken.
  always @* begin
    ff_wp_d = ff_wp_q + {1'b0, br_inflight_q};
    ff_rp_d = ff_rp_q + {1'b0, ff_pop};
    ff_n_d  = ff_n_q + {2'd0, br_inflight_q} - {2'd0, ff_pop};
    // A reset drops VRAM words (the request is withdrawn); host words of accepted writes go.
    if (dst_vram_q && ((ex_reset_i && state_q != C_IDLE) || state_q == C_DRAIN)) begin
      ff_rp_d = ff_wp_q; ff_wp_d = ff_wp_q; ff_n_d = 3'd0;
    end
  end

  // The data buffer: block RAM, written and read in the clocked block itself.
  always @(posedge clk_i) begin
    if (buf_we) buf_mem[bwp_q] <= buf_wdata;
    if (br_rd) buf_rdata_q <= buf_mem[brp_q];
  end

  assign ex_done_o       = state_q == C_DONE;
  assign ex_error_o      = err_q;
  assign ex_err_info_o   = info_q;
  assign ex_preempted_o  = preempted_q;
  assign busy_o          = state_q != C_IDLE;
  assign rd_req_valid_o  = rq_valid_q;
  assign rd_req_addr_o   = rq_addr_q;
  assign rd_req_len_o    = {{(21-CWB-1){1'b0}}, rq_words_q, 3'b000};
  assign rd_data_ready_o = 1'b1;
  assign wr_req_valid_o  = wq_valid_q;
  assign wr_req_addr_o   = wq_addr_q;
  assign wr_req_len_o    = {{(21-CWB-1){1'b0}}, wq_words_q, 3'b000};
  assign wr_data_valid_o = wd_valid;
  assign wr_data_o       = sv_left_q == 2'd2 ? rec0 : sv_left_q == 2'd1 ? rec1 : fifo_q[ff_rp_q];
  assign vr_req_o        = vr_req;
  assign vr_addr_o       = src_ptr_q[VRAM_AW+2:3];
  assign vw_req_o        = vw_req;
  assign vw_addr_o       = vw_ptr_q;
  assign vw_be_o         = 8'hFF;
  assign vw_data_o       = fifo_q[ff_rp_q];
  // The error code is not reported: any read error is DMA_ERROR.
  // The front end checked the flags and the alignment; DW 6 is not a COPY or FILL operand.
  wire unused_ok = &{1'b0, rd_err_code_i, ex_flags_i[7:2], ex_args_i[191:160], 1'b0};
endmodule

`default_nettype wire
