// Behavioural host memory, DMA read/write port models and a VRAM model for the engine benches.
// SPDX-License-Identifier: Apache-2.0
//
// Host memory is sparse: a word never written reads as tb_hinit(address). The port models
// act at the rising edge (they sample what the design drives and answer with nonblocking
// assignments), count what they see, and report protocol breaches through tb_fail():
//  - tb_dma_rd: a read port. Requests are taken when ready (req_stall_pct: % of cycles not
//    ready); each request's beats start `latency` cycles after it was taken, in order, with
//    gap_pct % of cycles without a beat. A request touching [poison_lo, poison_hi) ends with
//    an error beat at the first poisoned word (also [my_poison_lo, my_poison_hi): this
//    instance only). Counts cycles where a beat waits on ready.
//  - tb_dma_wr: a write port. Takes a request when at most one is queued; data_stall_pct %
//    of cycles not ready; writes memory at each beat; wr_done `done_lat` cycles after the
//    last beat, in order. Checks: data without a request, data withdrawn or changed while
//    waiting, and a client that keeps the port waiting for data (more than max_gap cycles).
//    A partial write (1..7 bytes within one 8-byte word, docs/pcie.md) changes only its
//    bytes. 8-byte writes go to the event log. commit_at_done: a request's data reaches
//    memory only with its wr_done (as if it waited in a queue downstream until then). beat_delay > 0 models the PCIe endpoint behind
//    dma_wr_mux: up to qmax requests are taken, a request's first beat is taken no sooner than
//    beat_delay cycles after the request and tlp_beats cycles after the previous TLP's last
//    beat (the header beats before it), the others one a cycle.
//  - tb_vram: grants each cycle with gnt_pct % probability; checks that a waiting request
//    keeps its address and data. 8-byte writes of interest go to the event log.
`ifndef TB_HOSTMEM_SVH
`define TB_HOSTMEM_SVH

package tb_hostmem_pkg;
  longint unsigned cyc = 0;                        // rising edges so far
  int              errors = 0;
  bit [63:0]       hmem [bit [63:0]];              // by word address (byte address >> 3)
  bit [63:0]       poison_lo = 64'd0, poison_hi = 64'd0;
  // Event log: host 8-byte writes inside [hlog_lo, hlog_hi) (kind 1), VRAM writes inside [vlog_lo, vlog_hi) (kind 2);
  // a bench adds its own kinds.
  // nb, nv: host write beats and VRAM writes before it (to check what a fence follows).
  // pend: host write requests accepted and not yet wr_done (a VRAM fence must see 0).
  typedef struct { int kind; bit [63:0] addr; bit [63:0] data; longint unsigned t;
                   longint unsigned nb; longint unsigned nv; longint pend; } ev_t;
  longint unsigned host_beats = 0, vram_writes = 0, host_wreqs = 0, host_wdones = 0;
  ev_t             evlog[$];
  bit [63:0]       vlog_lo = 64'd0, vlog_hi = 64'd0;
  bit [63:0]       hlog_lo = 64'd0, hlog_hi = '1;    // host 8-byte writes logged

  function automatic bit [63:0] tb_hinit(input bit [63:0] wa);
    return (wa * 64'h9E37_79B9_7F4A_7C15) ^ {wa[31:0], wa[63:32]} ^ 64'h0123_4567_89AB_CDEF;
  endfunction
  function automatic bit [63:0] hread(input bit [63:0] a);
    bit [63:0] wa = a >> 3;
    if (hmem.exists(wa)) return hmem[wa];
    return tb_hinit(wa);
  endfunction
  function automatic void hwrite(input bit [63:0] a, input bit [63:0] d);
    hmem[a >> 3] = d;
  endfunction
  function automatic void hwrite32(input bit [63:0] a, input bit [31:0] d);
    bit [63:0] w = hread(a);
    if (a[2]) w[63:32] = d; else w[31:0] = d;
    hwrite(a, w);
  endfunction
  function automatic bit [31:0] hread32(input bit [63:0] a);
    bit [63:0] w = hread(a);
    return a[2] ? w[63:32] : w[31:0];
  endfunction
  function automatic void tb_fail(input string what);
    if (errors < 10) $display("  error at cycle %0d: %s", cyc, what);
    errors++;
  endfunction
  function automatic void log_ev(input int kind, input bit [63:0] addr, input bit [63:0] data);
    ev_t e;
    e.kind = kind; e.addr = addr; e.data = data; e.t = cyc; e.nb = host_beats; e.nv = vram_writes;
    e.pend = host_wreqs - host_wdones;
    evlog.push_back(e);
  endfunction
endpackage

module tb_dma_rd (
  input  wire        clk,
  input  wire        rst_n,
  input  wire        req_valid,
  output logic       req_ready,
  input  wire [63:0] req_addr,
  input  wire [23:0] req_len,
  output logic       data_valid,
  input  wire        data_ready,
  output logic [63:0] data,
  output logic       data_last,
  output logic       data_err,
  output logic [1:0] err_code
);
  import tb_hostmem_pkg::*;
  int latency = 20, gap_pct = 0, req_stall_pct = 0;
  int n_req = 0, n_beats = 0, n_wait = 0, n_err = 0;
  bit [63:0] my_poison_lo = 64'd0, my_poison_hi = 64'd0;
  longint first_req_t = -1, first_beat_t = -1;  // edges at which they were taken
  typedef struct { bit [63:0] addr; int beats; longint unsigned due; } rq_t;
  rq_t q[$];
  int sent = 0;              // beats of q[0] sent
  bit rq_held = 1'b0;        // a request offered and not taken: it must stay (valid/ready)
  bit [63:0] rq_held_addr;
  bit [23:0] rq_held_len;
  function automatic int outstanding();
    return q.size();
  endfunction
  initial begin
    req_ready = 1'b0; data_valid = 1'b0; data = 64'd0; data_last = 1'b0; data_err = 1'b0;
    err_code = 2'd0;
  end
  always @(posedge clk) begin
    if (!rst_n) begin
      q.delete(); sent = 0; req_ready <= 1'b0; data_valid <= 1'b0; rq_held = 1'b0;
    end else begin
      bit more;
      if (rq_held && (!req_valid || req_addr !== rq_held_addr || req_len !== rq_held_len))
        tb_fail("read request withdrawn or changed before it was taken");
      rq_held = req_valid && !req_ready;
      rq_held_addr = req_addr; rq_held_len = req_len;
      if (req_valid && req_ready) begin
        rq_t r;
        if (req_len == 24'd0 || req_len[2:0] != 3'd0 || req_addr[2:0] != 3'd0)
          tb_fail($sformatf("read request addr %h len %0d not 8-byte multiples", req_addr, req_len));
        r.addr = req_addr; r.beats = req_len / 8; r.due = cyc + latency;
        q.push_back(r); n_req++;
        if (first_req_t < 0) first_req_t = cyc;
      end
      if (data_valid && !data_ready) n_wait++;
      more = 1'b1;
      if (data_valid && data_ready) begin
        n_beats++;
        if (first_beat_t < 0) first_beat_t = cyc;
        sent++;
        if (data_last) begin q.pop_front(); sent = 0; end
        more = 1'b1;
      end else if (data_valid) more = 1'b0;      // hold the beat
      if (more) begin
        data_valid <= 1'b0; data_last <= 1'b0; data_err <= 1'b0; err_code <= 2'd0;
        if (q.size() != 0 && cyc >= q[0].due && ($urandom % 100) >= gap_pct) begin
          bit [63:0] a = q[0].addr + 64'(8 * sent);
          data_valid <= 1'b1;
          if ((a >= poison_lo && a < poison_hi) || (a >= my_poison_lo && a < my_poison_hi)) begin
            data <= 64'd0; data_last <= 1'b1; data_err <= 1'b1; err_code <= 2'd3; n_err++;
          end else begin
            data <= hread(a); data_last <= sent == q[0].beats - 1;
          end
        end
      end
      req_ready <= ($urandom % 100) >= req_stall_pct;
    end
  end
endmodule

module tb_dma_wr (
  input  wire        clk,
  input  wire        rst_n,
  input  wire        req_valid,
  output logic       req_ready,
  input  wire [63:0] req_addr,
  input  wire [23:0] req_len,
  input  wire        data_valid,
  output logic       data_ready,
  input  wire [63:0] data,
  output logic       done
);
  import tb_hostmem_pkg::*;
  int data_stall_pct = 0, done_lat = 3, req_stall_pct = 0, max_gap = 6;
  int beat_delay = 0, tlp_beats = 3, qmax = 2;
  bit commit_at_done = 1'b0;
  typedef struct { bit [63:0] a; bit [63:0] d; int len; bit last; } pb_t;
  pb_t pend_beats[$];      // commit_at_done: beats taken, not yet in memory
  function automatic void commit(input bit [63:0] a, input bit [63:0] d, input int len);
    if (len < 8) begin   // partial: only its bytes
      bit [63:0] w = hread(a);
      for (int b = 0; b < len; b++) w[8 * (a[2:0] + b) +: 8] = d[8 * (a[2:0] + b) +: 8];
      hwrite(a, w);
    end else hwrite(a, d);
  endfunction
  int n_req = 0, n_beats = 0, n_done = 0, worst_gap = 0;
  longint first_req_t = -1, last_req_t = -1;
  typedef struct { bit [63:0] addr; int beats; int len; longint unsigned t; } wq_t;
  longint unsigned last_beat_t = 0;
  wq_t q[$];
  longint unsigned done_at[$];
  int got = 0, gap = 0;
  bit held = 1'b0;
  bit [63:0] held_data;
  bit wq_held = 1'b0;        // a request offered and not taken: it must stay (valid/ready)
  bit [63:0] wq_held_addr;
  bit [23:0] wq_held_len;
  function automatic int outstanding();   // accepted, wr_done not yet given
    return q.size() + done_at.size();
  endfunction
  initial begin req_ready = 1'b0; data_ready = 1'b0; done = 1'b0; end
  always @(posedge clk) begin
    if (!rst_n) begin
      q.delete(); done_at.delete(); got = 0; held = 1'b0; wq_held = 1'b0;
      req_ready <= 1'b0; data_ready <= 1'b0; done <= 1'b0;
    end else begin
      if (wq_held && (!req_valid || req_addr !== wq_held_addr || req_len !== wq_held_len))
        tb_fail("write request withdrawn or changed before it was taken");
      wq_held = req_valid && !req_ready;
      wq_held_addr = req_addr; wq_held_len = req_len;
      if (held) begin
        if (!data_valid) tb_fail("write data withdrawn before it was taken");
        else if (data !== held_data) tb_fail("write data changed before it was taken");
      end
      if (data_valid && q.size() == 0) tb_fail("write data without a request");
      if (data_valid && data_ready && q.size() != 0) begin
        bit [63:0] a = q[0].addr + 64'(8 * got);
        if (commit_at_done) begin
          pb_t e;
          e.a = a; e.d = data; e.len = q[0].len; e.last = got + 1 == q[0].beats;
          pend_beats.push_back(e);
        end else commit(a, data, q[0].len);
        if (q[0].len == 8 && a >= hlog_lo && a < hlog_hi) log_ev(1, a, data);
        n_beats++; got++; gap = 0; host_beats++; last_beat_t = cyc;
        if (got == q[0].beats) begin
          q.pop_front(); got = 0; done_at.push_back(cyc + done_lat);
        end
      end else if (q.size() != 0 && !data_valid) begin
        gap++;
        if (gap > worst_gap) worst_gap = gap;
        if (gap == max_gap + 1) tb_fail("write request accepted but its data is not at hand");
      end
      held = data_valid && !data_ready;
      held_data = data;
      if (req_valid && req_ready) begin
        wq_t r;
        if (req_len == 24'd0 || (req_len >= 24'd8 && (req_len[2:0] != 3'd0 || req_addr[2:0] != 3'd0)) ||
            (req_len < 24'd8 && 24'(req_addr[2:0]) + req_len > 24'd8))
          tb_fail($sformatf("write request addr %h len %0d neither 8-byte multiples nor partial", req_addr, req_len));
        r.addr = req_addr; r.beats = (req_len + 7) / 8; r.len = int'(req_len); r.t = cyc; q.push_back(r); n_req++; host_wreqs++;
        if (first_req_t < 0) first_req_t = cyc;
        last_req_t = cyc;
        if (q.size() == 1) gap = 0;
      end
      done <= 1'b0;
      if (done_at.size() != 0 && cyc >= done_at[0]) begin
        done <= 1'b1; void'(done_at.pop_front()); n_done++; host_wdones++;
        while (pend_beats.size() != 0) begin
          pb_t e = pend_beats.pop_front();
          commit(e.a, e.d, e.len);
          if (e.last) break;
        end
      end
      req_ready <= q.size() < qmax && ($urandom % 100) >= req_stall_pct;
      if (beat_delay > 0)   // ready in the next cycle if the head request's beat may go then
        data_ready <= q.size() != 0 && (got != 0 || (cyc + 1 >= q[0].t + beat_delay &&
                      cyc + 1 >= last_beat_t + tlp_beats)) &&
                      ($urandom % 100) >= data_stall_pct;
      else data_ready <= ($urandom % 100) >= data_stall_pct;
    end
  end
endmodule

module tb_vram #(
  parameter integer AW = 18
) (
  input  wire          clk,
  input  wire          vr_req,
  input  wire [AW-1:0] vr_addr,
  output wire          vr_gnt,
  output logic [63:0]  vr_rdata,
  input  wire          vw_req,
  input  wire [AW-1:0] vw_addr,
  input  wire [7:0]    vw_be,
  input  wire [63:0]   vw_data,
  output wire          vw_gnt
);
  import tb_hostmem_pkg::*;
  logic [63:0] mem [0:(1<<AW)-1];
  int gnt_pct = 100;
  int n_rd = 0, n_wr = 0;
  logic r_ok = 1'b1, w_ok = 1'b1;
  logic r_wait = 1'b0, w_wait = 1'b0;
  logic [AW-1:0] r_addr_w, w_addr_w;
  logic [63:0] w_data_w;
  assign vr_gnt = vr_req && r_ok;
  assign vw_gnt = vw_req && w_ok;
  initial begin
    for (int i = 0; i < (1 << AW); i++) mem[i] = 64'd0;
    vr_rdata = 64'd0;
  end
  always @(posedge clk) begin
    if (r_wait && vr_req && vr_addr !== r_addr_w) tb_fail("VRAM read request changed while waiting");
    if (w_wait && vw_req && (vw_addr !== w_addr_w || vw_data !== w_data_w))
      tb_fail("VRAM write request changed while waiting");
    if (vr_gnt) begin vr_rdata <= mem[vr_addr]; n_rd++; end
    if (vw_gnt) begin
      for (int b = 0; b < 8; b++) if (vw_be[b]) mem[vw_addr][8*b +: 8] <= vw_data[8*b +: 8];
      n_wr++;
      if ({vw_addr, 3'b000} >= vlog_lo && {vw_addr, 3'b000} < vlog_hi)
        log_ev(2, {vw_addr, 3'b000}, vw_data);
      vram_writes++;
    end
    r_wait <= vr_req && !vr_gnt; r_addr_w <= vr_addr;
    w_wait <= vw_req && !vw_gnt; w_addr_w <= vw_addr; w_data_w <= vw_data;
    r_ok <= ($urandom % 100) < gnt_pct;
    w_ok <= ($urandom % 100) < gnt_pct;
  end
endmodule

`endif
