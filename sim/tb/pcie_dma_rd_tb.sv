// Self-checking testbench for pcie_dma_rd: MRd splitting and tags, completion reassembly,
// errors, timeouts, late completions, abort, speed.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// A completer model answers every MRd from a host memory model (a hash of the address):
// after a random latency, in completions split at random 64-byte RCB boundaries (up to 256
// bytes each), tags interleaved in random order, random gaps inside and between TLPs. It can
// fail a read (UR, CA, CA after some data, poisoned data), hold it past the completion timeout
// (then answer late, or never), and send bad completions (wrong requester ID, byte count,
// lower address, length, Fmt, tag with extended bits, a duplicate of a final completion):
// each of those and each late completion must be dropped and counted.
// Every MRd is decoded against the base specification (Fmt/Type, reserved fields, requester
// ID, tag free among the outstanding ones, byte enables, 3-DW below 4 GiB and 4-DW above,
// alignment, no 4 KiB crossing, length within the max read request size and the 512-byte cap)
// and must continue its request at the next address; at most READ_TAGS reads are live. The
// data must arrive in order, equal to host memory, with rd_data_last_o on the last beat; a
// failed request must end with rd_data_err_o and the right code after no more than the data
// before its failing read. Phases: directed reads; random reads with random rd_data_ready_i
// stalls and tx back-pressure under several max read request sizes; completion timeouts
// (timing checked against the 50-100 us range, late answer dropped, disabled timeout);
// rd_abort_i with reads outstanding (their completions dropped, tags not reused early, next
// reads correct); bus mastering off; the throughput with immediate 256-byte completions.
// +seed=N picks the random sequence.
// The DUT's parameters are the bench's (defaults as in pcie_ep); e.g. -GREAD_TAGS=16
// -GBUF_BYTES=2048 makes the buffer, not the tags, limit the reads in flight.
module pcie_dma_rd_tb #(
  parameter integer READ_TAGS = 8,
  parameter integer BUF_BYTES = 4096
);

  reg clk = 1'b0;
  always #4 clk = ~clk;   // one cycle is 8 ns: 125 MHz, the DUT's CLK_MHZ
  reg rst_n = 1'b0;

  localparam [7:0]  BUS = 8'h3C;
  localparam [4:0]  DEV = 5'h0A;
  localparam [2:0]  FN  = 3'h2;
  localparam [15:0] RID = {BUS, DEV, FN};
  localparam [15:0] CID = 16'h0100;   // the completer (root port)

  reg  [15:0] cfg_command = 16'h0006;
  reg  [15:0] cfg_dcommand = 16'h2020;   // MRRS 512, MPS 256
  reg  [15:0] cfg_dcommand2 = 16'h0000;
  reg         rd_req_valid = 1'b0;
  wire        rd_req_ready;
  reg  [63:0] rd_req_addr = 64'd0;
  reg  [23:0] rd_req_len = 24'd0;
  wire        rd_data_valid;
  reg         rd_data_ready = 1'b0;
  wire [63:0] rd_data;
  wire        rd_data_last, rd_data_err;
  wire [1:0]  rd_err_code;
  reg         rd_abort = 1'b0;
  reg  [63:0] cpl_tdata = 64'd0;
  reg  [7:0]  cpl_tkeep = 8'd0;
  reg         cpl_tlast = 1'b0;
  reg         cpl_tvalid = 1'b0;
  wire        cpl_tready;
  wire [63:0] tx_tdata;
  wire [7:0]  tx_tkeep;
  wire        tx_tlast, tx_tvalid;
  reg         tx_tready = 1'b0;
  wire [15:0] stat_timeouts, stat_late;

  pcie_dma_rd #(.READ_TAGS(READ_TAGS), .CLK_MHZ(125), .BUF_BYTES(BUF_BYTES)) dut (
    .clk_i(clk), .rst_ni(rst_n),
    .cfg_bus_number_i(BUS), .cfg_device_number_i(DEV), .cfg_function_number_i(FN),
    .cfg_command_i(cfg_command), .cfg_dcommand_i(cfg_dcommand), .cfg_dcommand2_i(cfg_dcommand2),
    .rd_req_valid_i(rd_req_valid), .rd_req_ready_o(rd_req_ready), .rd_req_addr_i(rd_req_addr),
    .rd_req_len_i(rd_req_len), .rd_data_valid_o(rd_data_valid), .rd_data_ready_i(rd_data_ready),
    .rd_data_o(rd_data), .rd_data_last_o(rd_data_last), .rd_data_err_o(rd_data_err),
    .rd_err_code_o(rd_err_code), .rd_abort_i(rd_abort),
    .cpl_tdata_i(cpl_tdata), .cpl_tkeep_i(cpl_tkeep), .cpl_tlast_i(cpl_tlast),
    .cpl_tvalid_i(cpl_tvalid), .cpl_tready_o(cpl_tready),
    .tx_tdata_o(tx_tdata), .tx_tkeep_o(tx_tkeep), .tx_tlast_o(tx_tlast), .tx_tvalid_o(tx_tvalid),
    .tx_tready_i(tx_tready),
    .stat_cpl_timeouts_o(stat_timeouts), .stat_late_cpls_o(stat_late)
  );

  // ---------------------------------------------------------------- random numbers
  longint unsigned rng = 64'h2545_F491_4F6C_DD1D;
  function automatic longint unsigned rnd();
    rng = rng ^ (rng << 13);
    rng = rng ^ (rng >> 7);
    rng = rng ^ (rng << 17);
    return rng;
  endfunction
  function automatic int unsigned urange(int unsigned lo, int unsigned hi);   // lo..hi
    return lo + int'(rnd() % longint'(hi - lo + 1));
  endfunction
  function automatic bit chance(int unsigned pct);
    return urange(1, 100) <= pct;
  endfunction

  longint cyc = 0;
  integer errors = 0;
  task automatic fail(input string what);
    if (errors == 0) $display("FAIL pcie_dma_rd: %0s (cycle %0d)", what, cyc);
    else if (errors < 5) $display("pcie_dma_rd_tb: also: %0s (cycle %0d)", what, cyc);
    errors = errors + 1;
  endtask

  // ---------------------------------------------------------------- host memory
  function automatic [7:0] mem_byte(longint unsigned a);
    longint unsigned x;
    x = (a ^ 64'h6A09_E667_F3BC_C908) * 64'h9E37_79B9_7F4A_7C15;
    x = x ^ (x >> 29);
    return x[23:16] ^ x[55:48];
  endfunction
  function automatic [63:0] mem_word(longint unsigned a);   // little-endian
    for (int b = 0; b < 8; b++) mem_word[8*b +: 8] = mem_byte(a + b);
  endfunction
  function automatic [31:0] wire_dw(longint unsigned a);    // a payload DW in wire order
    return {mem_byte(a), mem_byte(a + 1), mem_byte(a + 2), mem_byte(a + 3)};
  endfunction

  // ---------------------------------------------------------------- requests
  // Failure plans: the read that covers byte plan_off of the request is answered as:
  localparam integer M_OK     = 0;
  localparam integer M_UR     = 1;   // Cpl UR
  localparam integer M_CA     = 2;   // Cpl CA
  localparam integer M_CAP    = 3;   // some data, then Cpl CA
  localparam integer M_POISON = 4;   // first completion poisoned, the rest (late) normally
  localparam integer M_TO     = 5;   // held until it times out, then answered (late)
  localparam integer M_TOP    = 6;   // some data, then held forever
  localparam integer M_HOLD   = 7;   // held a while (timeout disabled), then answered

  localparam integer MAXREQ = 8192;
  longint unsigned rq_addr [MAXREQ];
  int unsigned     rq_len [MAXREQ];
  int              rq_plan [MAXREQ];
  int unsigned     rq_plan_off [MAXREQ];
  bit              rq_nomrd [MAXREQ];     // bus mastering off: no MRd expected
  bit              rq_failed [MAXREQ];    // a failure was injected (or bus mastering off)
  int unsigned     rq_code [MAXREQ];
  int unsigned     rq_min [MAXREQ], rq_max [MAXREQ];   // beats allowed before the error beat
  int n_req = 0, n_taken = 0;
  int o_req = 0;               // output checker: request and beat
  int unsigned o_beat = 0;
  int i_req = 0;               // MRd cursor: request and next byte offset
  int unsigned i_off = 0;
  longint first_take = -1, last_beat = -1;
  longint unsigned out_bytes = 0;

  task automatic add_req(longint unsigned addr, int unsigned len, int plan = M_OK);
    if (n_req >= MAXREQ) begin fail("request list full"); return; end
    rq_addr[n_req] = addr;
    rq_len[n_req] = len;
    rq_plan[n_req] = plan;
    rq_plan_off[n_req] = 8 * urange(0, len / 8 - 1);
    rq_nomrd[n_req] = !cfg_command[2];
    rq_failed[n_req] = !cfg_command[2];
    rq_code[n_req] = 2;
    rq_min[n_req] = 0;
    rq_max[n_req] = 0;
    n_req = n_req + 1;
  endtask

  // ---------------------------------------------------------------- completer state (by tag)
  bit              j_valid [32];   // an MRd with this tag awaits completions (from our side)
  longint unsigned j_addr [32];    // next byte to complete
  longint unsigned j_end [32];
  longint unsigned j_stop [32];    // M_CAP / M_TOP: where the data stops
  int              j_req [32];
  int              j_mode [32];
  longint          j_ready [32];   // not before this cycle
  longint          j_sent [32];    // cycle the MRd's last beat was taken
  bit              j_hold [32];
  bit              j_late [32];    // every further completion is late (dropped, counted)
  bit              j_first [32];   // no completion sent yet
  bit              j_tod [32];     // its timeout was seen
  int exp_late = 0, exp_timeouts = 0;
  // What the run covered.
  int cov_err [4];
  int cov_plan [8];
  int cov_bogus = 0, cov_abort_jobs = 0, cov_abort_live = 0, cov_abort_data = 0, cov_stale = 0;
  int cov_4dw = 0, cov_max_live = 0, cov_ooo = 0, cov_split = 0;
  int last_tag = -1;
  int live = 0;                    // reads the DUT still tracks (not late, not dead)
  // Completer behaviour knobs.
  int lat_min = 0, lat_max = 200, gap_pct = 10, bogus_pct = 0, ooo = 1, chunk_max = 4, pause = 0;
  int rdy_pct = 80, txr_pct = 80, stall_pct = 1;
  bit inorder_big = 0;             // throughput: oldest tag first, 256-byte completions
  int stall_left = 0;
  bit stale_mrd = 0;               // the next MRd was offered before an abort
  longint unsigned mrd_cnt = 0;

  logic [63:0] cq_data [$];
  logic [7:0]  cq_keep [$];
  bit          cq_last [$];
  logic [63:0] mrd_beats [$];
  logic [7:0]  mrd_keeps [$];
  int unsigned prev_timeouts = 0;

  function automatic int unsigned mrrs();
    return 128 << (cfg_dcommand[14:12] > 5 ? 5 : cfg_dcommand[14:12]);
  endfunction

  // Queues one completion TLP: Cpl (no data) or CplD of n bytes from host address a.
  task automatic push_cpl(bit data, logic [2:0] st, bit ep, logic [15:0] rid, logic [7:0] tag,
                          int unsigned bc, logic [6:0] la, longint unsigned a, int unsigned n,
                          int extra_dw = 0, bit garbage = 0);
    logic [31:0] dw [$];
    int unsigned ndw = data ? n / 4 + extra_dw : 0;
    dw.push_back({data ? 3'b010 : 3'b000, 5'b01010, 9'd0, ep, 4'd0, 10'(ndw)});
    dw.push_back({CID, st, 1'b0, 12'(bc)});
    dw.push_back({rid, tag, 1'b0, la});
    for (int k = 0; k < ndw; k++) dw.push_back(garbage ? ~wire_dw(a + 4 * k + 64'h40) : wire_dw(a + 4 * k));
    for (int k = 0; k < dw.size(); k += 2) begin
      cq_data.push_back({k + 1 < dw.size() ? dw[k + 1] : 32'd0, dw[k]});
      cq_keep.push_back(k + 1 < dw.size() ? 8'hFF : 8'h0F);
      cq_last.push_back(k + 2 >= dw.size());
    end
  endtask

  // Picks a tag with a completion due and queues its next completion (and maybe a bad one).
  task automatic serve();
    int cand [$];
    int t, kind;
    longint unsigned a, e, lim;
    int unsigned n, bc;
    for (int k = 0; k < 32; k++)
      if (j_valid[k] && !j_hold[k] && j_ready[k] <= cyc) cand.push_back(k);
    if (cand.size() == 0) return;
    if (inorder_big || !ooo) begin
      t = cand[0];
      foreach (cand[k]) if (j_sent[cand[k]] < j_sent[t]) t = cand[k];
    end else begin
      t = cand[urange(0, cand.size() - 1)];
    end
    a = j_addr[t];
    bc = j_end[t] - a;
    // Failures that end the read now.
    if (!j_late[t] && (j_mode[t] == M_UR || j_mode[t] == M_CA ||
                       (j_mode[t] == M_CAP && a >= j_stop[t]))) begin
      push_cpl(0, j_mode[t] == M_UR ? 3'b001 : 3'b100, 0, RID, 8'(t), bc, a[6:0], a, 0);
      j_valid[t] = 0;
      live--;
      return;
    end
    if (!j_late[t] && j_mode[t] == M_TOP && a >= j_stop[t]) begin
      j_hold[t] = 1;   // never answered
      return;
    end
    // The next chunk: up to chunk_max RCB blocks, at most 256 bytes.
    lim = (a & ~64'h3F) + 64 * (inorder_big ? 4 : urange(1, chunk_max));
    e = j_end[t] < lim ? j_end[t] : lim;
    if ((j_mode[t] == M_CAP || j_mode[t] == M_TOP) && !j_late[t] && e > j_stop[t]) e = j_stop[t];
    n = e - a;
    // A bad completion first (dropped and counted by the DUT).
    if (!j_late[t] && chance(bogus_pct)) begin
      kind = urange(0, 6);
      case (kind)
        0: push_cpl(1, 3'b000, 0, RID ^ 16'h0100, 8'(t), bc, a[6:0], a, n, 0, 1);
        1: push_cpl(1, 3'b000, 0, RID, 8'(t), bc + 8, a[6:0], a, n, 0, 1);
        2: push_cpl(1, 3'b000, 0, RID, 8'(t), bc, a[6:0] ^ 7'h08, a, n, 0, 1);
        3: push_cpl(1, 3'b000, 0, RID, 8'(t) | 8'h20, bc, a[6:0], a, n, 0, 1);
        4: push_cpl(1, 3'b000, 0, RID, 8'(t), bc, a[6:0], a, n, 1, 1);   // odd length
        5: push_cpl(0, 3'b000, 0, RID, 8'(t), bc, a[6:0], a, 0);          // SC without data
        default: push_cpl(1, 3'b000, 0, RID, 8'(t), bc, a[6:0], a, bc + 8, 0, 1);  // over its byte count
      endcase
      exp_late++;
      cov_bogus++;
    end
    if (j_mode[t] == M_POISON && j_first[t] && !j_late[t]) begin
      push_cpl(1, 3'b000, 1, RID, 8'(t), bc, a[6:0], a, n, 0, 1);
      j_late[t] = 1;   // the rest is dropped
      live--;
    end else begin
      push_cpl(1, 3'b000, 0, RID, 8'(t), bc, a[6:0], a, n);
      if (j_late[t]) exp_late++;
    end
    if (last_tag >= 0 && t != last_tag && j_valid[last_tag]) cov_ooo++;   // tags interleaved
    if (e != j_end[t] || !j_first[t]) cov_split++;                         // several per read
    last_tag = t;
    j_first[t] = 0;
    j_addr[t] = e;
    j_ready[t] = cyc + (chance(50) ? 0 : urange(0, lat_max / 4));
    if (e == j_end[t]) begin
      j_valid[t] = 0;
      if (!j_late[t]) live--;
      // A duplicate of a final completion: its tag is free now.
      if (!inorder_big && chance(bogus_pct)) begin
        push_cpl(1, 3'b000, 0, RID, 8'(t), n, a[6:0], a, n, 0, 1);
        exp_late++;
      end
    end
  endtask

  // Decodes an MRd and starts a job for it.
  task automatic take_mrd();
    logic [31:0] dw0, dw1;
    longint unsigned addr;
    int unsigned len, tag;
    bit hdr4;
    int k, plan;
    dw0 = mrd_beats[0][31:0];
    dw1 = mrd_beats[0][63:32];
    if (mrd_beats.size() != 2) begin fail($sformatf("MRd of %0d beats", mrd_beats.size())); return; end
    if (mrd_keeps[0] != 8'hFF) fail("MRd first beat tkeep");
    if (dw0[31:29] != 3'b000 && dw0[31:29] != 3'b001) fail($sformatf("Fmt %03b is not MRd", dw0[31:29]));
    if (dw0[28:24] != 5'b00000) fail($sformatf("Type %05b is not memory", dw0[28:24]));
    if (dw0[23:10] != 14'd0) fail($sformatf("DW0 [23:10] = %04x: TC/attr/TH/TD/EP/AT not 0", dw0[23:10]));
    hdr4 = dw0[29];
    len = dw0[9:0] == 0 ? 4096 : 4 * dw0[9:0];
    if (mrd_keeps[1] != (hdr4 ? 8'hFF : 8'h0F)) fail("MRd second beat tkeep");
    if (dw1[31:16] != RID) fail($sformatf("requester ID %04x", dw1[31:16]));
    tag = dw1[15:8];
    if (tag > 31) fail($sformatf("tag %0d uses extended tag bits", tag));
    tag = tag & 31;
    if (dw1[3:0] != 4'hF || dw1[7:4] != (len == 4 ? 4'h0 : 4'hF)) fail($sformatf("byte enables %02x", dw1[7:0]));
    addr = hdr4 ? {mrd_beats[1][31:0], mrd_beats[1][63:32]} : {32'd0, mrd_beats[1][31:0]};
    if (hdr4 && addr[63:32] == 0) fail("4-DW header for an address below 4 GiB");
    if (addr[2:0] != 0) fail($sformatf("MRd address %016x not 8-byte aligned", addr));
    if (len % 8 != 0) fail("MRd length not a multiple of 8 bytes");
    if (len > mrrs()) fail($sformatf("MRd of %0d bytes over max read request %0d", len, mrrs()));
    if (len > 512) fail("MRd over the 512-byte cap");
    if ((addr & 64'hFFF) + len > 4096) fail($sformatf("MRd at %016x, %0d B crosses 4 KiB", addr, len));
    if (!cfg_command[2]) fail("MRd with bus mastering off");
    if (j_valid[tag]) fail($sformatf("tag %0d reused while a completion is still due", tag));
    mrd_cnt++;
    // Which request: the next bytes of the current one, or (after a failure, or for
    // requests that send no MRd) the start of a later one.
    k = -1;
    if (stale_mrd) begin
      stale_mrd = 0;
    end else begin
      while (i_req < n_taken && (rq_nomrd[i_req] || i_off >= rq_len[i_req])) begin i_req++; i_off = 0; end
      if (i_req < n_taken && addr == rq_addr[i_req] + i_off) k = i_req;
      else begin
        while (i_req < n_taken && (rq_failed[i_req] || rq_nomrd[i_req] || i_off >= rq_len[i_req])) begin
          i_req++;
          i_off = 0;
          if (i_req < n_taken && !rq_nomrd[i_req] && addr == rq_addr[i_req]) begin k = i_req; break; end
        end
      end
      if (k < 0) begin
        fail($sformatf("MRd at %016x continues no request (request %0d offset %0d: %016x)",
                       addr, i_req, i_off, i_req < n_req ? rq_addr[i_req] + i_off : 0));
        return;
      end
      if (i_off + len > rq_len[k]) fail("MRd beyond the end of its request");
    end
    j_valid[tag] = 1;
    j_addr[tag] = addr;
    j_end[tag] = addr + len;
    j_stop[tag] = addr + len;
    j_req[tag] = k;
    j_mode[tag] = M_OK;
    j_sent[tag] = cyc;
    j_ready[tag] = cyc + 1 + lat_min + (lat_max > 0 ? urange(0, lat_max) : 0);
    j_hold[tag] = 0;
    j_late[tag] = k < 0;
    j_first[tag] = 1;
    j_tod[tag] = 0;
    if (k < 0) begin
      // Offered before the abort: all its completions are late (counted when sent).
      j_hold[tag] = 1;
      cov_stale++;
      return;
    end
    live++;
    if (hdr4) cov_4dw++;
    if (live > cov_max_live) cov_max_live = live;
    if (live > READ_TAGS) fail($sformatf("%0d reads outstanding, READ_TAGS is %0d", live, READ_TAGS));
    // Its failure plan, if the planned offset falls in this read.
    plan = rq_plan[k];
    if (plan != M_OK && !rq_failed[k] && rq_plan_off[k] >= i_off && rq_plan_off[k] < i_off + len) begin
      j_mode[tag] = plan;
      cov_plan[plan]++;
      if (plan == M_HOLD || plan == M_TO) j_hold[tag] = 1;
      if (plan != M_HOLD) j_stop[tag] = addr;   // no data before the failure
      if (plan == M_CAP || plan == M_TOP) begin
        // Stop at an RCB boundary inside the read, if there is one.
        longint unsigned b = (addr + 64) & ~64'h3F;
        if (b < addr + len) j_stop[tag] = b + 64 * urange(0, (addr + len - 1 - b) / 64);
        else j_stop[tag] = addr;
      end
      if (plan != M_HOLD) begin
        rq_failed[k] = 1;
        rq_code[k] = plan == M_UR ? 2 : (plan == M_TO || plan == M_TOP) ? 1 : 3;
        rq_min[k] = i_off / 8;
        rq_max[k] = (i_off + (j_stop[tag] - addr)) / 8;
      end
    end
    i_off = i_off + len;
  endtask

  // ---------------------------------------------------------------- the clocked model
  bit abort_now = 0;
  always @(posedge clk) begin
    cyc <= cyc + 1;
    if (rst_n) begin
      // MRds on tx.
      if (tx_tvalid && tx_tready) begin
        mrd_beats.push_back(tx_tdata);
        mrd_keeps.push_back(tx_tkeep);
        if (tx_tlast) begin
          take_mrd();
          mrd_beats.delete();
          mrd_keeps.delete();
        end
      end

      // Data out.
      if (rd_data_valid && rd_data_ready) begin
        if (o_req >= n_taken) fail("read data without a request");
        else if (rd_data_err) begin
          if (!rd_data_last) fail("error beat without rd_data_last_o");
          if (!rq_failed[o_req]) fail($sformatf("request %0d (%016x, %0d B) failed with code %0d", o_req,
                                                rq_addr[o_req], rq_len[o_req], rd_err_code));
          else begin
            if (rd_err_code != rq_code[o_req])
              fail($sformatf("request %0d: error code %0d, expected %0d", o_req, rd_err_code, rq_code[o_req]));
            if (o_beat < rq_min[o_req] || o_beat > rq_max[o_req])
              fail($sformatf("request %0d: error after %0d beats, expected %0d to %0d", o_req, o_beat,
                             rq_min[o_req], rq_max[o_req]));
          end
          cov_err[rd_err_code]++;
          o_req++;
          o_beat = 0;
        end else begin
          if (rd_data !== mem_word(rq_addr[o_req] + 8 * o_beat))
            fail($sformatf("request %0d beat %0d (%016x): %016x, expected %016x", o_req, o_beat,
                           rq_addr[o_req] + 8 * o_beat, rd_data, mem_word(rq_addr[o_req] + 8 * o_beat)));
          if (rq_failed[o_req] && o_beat >= rq_max[o_req])
            fail($sformatf("request %0d: data beat %0d past its failure", o_req, o_beat));
          if (rd_data_last != (8 * (o_beat + 1) == rq_len[o_req]))
            fail($sformatf("request %0d beat %0d: rd_data_last_o %0d", o_req, o_beat, rd_data_last));
          out_bytes += 8;
          last_beat = cyc;
          if (rd_data_last || 8 * (o_beat + 1) >= rq_len[o_req]) begin
            if (rq_failed[o_req]) fail($sformatf("request %0d ended without its error", o_req));
            o_req++;
            o_beat = 0;
          end else o_beat++;
        end
      end

      // Requests.
      if (rd_req_valid && rd_req_ready && !rd_abort) begin
        n_taken++;
        if (first_take < 0) first_take = cyc;
      end

      // Timeouts seen on the counter: the oldest held read must have been sent 50-100 us ago.
      if (stat_timeouts != prev_timeouts) begin
        int t = -1;
        for (int k = 0; k < 32; k++)
          if (j_valid[k] && (j_mode[k] == M_TO || j_mode[k] == M_TOP) && !j_late[k] && !j_tod[k] &&
              (t < 0 || j_sent[k] < j_sent[t])) t = k;
        if (stat_timeouts != prev_timeouts + 1) fail("timeout counter jumped");
        if (t < 0) fail("a timeout without a held read");
        else begin
          real us = real'(cyc - j_sent[t]) * 0.008;
          $display("pcie_dma_rd_tb: tag %0d timed out %0.1f us after its MRd", t, us);
          if (us < 50.0 || us > 100.0) fail($sformatf("timeout after %0.1f us, outside 50-100 us", us));
          j_tod[t] = 1;
          live--;
          if (j_mode[t] == M_TO) j_late[t] = 1;   // answered later by the phase
          else j_valid[t] = 0;                    // never answered
        end
        prev_timeouts = stat_timeouts;
      end

      // Abort: every request taken is forgotten, every read's completions become late.
      if (rd_abort) begin
        o_req = n_taken;
        o_beat = 0;
        i_req = n_taken;
        i_off = 0;
        for (int k = 0; k < 32; k++)
          if (j_valid[k] && !j_late[k]) begin
            j_late[k] = 1;
            live--;
            cov_abort_jobs++;
          end
        for (int k = 0; k < 32; k++) if (j_valid[k] && j_late[k]) j_hold[k] = 1;
        stale_mrd = tx_tvalid && !(tx_tready && tx_tlast);
        if (mrd_beats.size() != 0) stale_mrd = 1;
      end
      rd_abort <= abort_now;
      abort_now = 0;

      // Completions: the current TLP's beats, then the next one.
      if (cpl_tvalid && cpl_tready) begin
        void'(cq_data.pop_front());
        void'(cq_keep.pop_front());
        void'(cq_last.pop_front());
      end
      if (cq_data.size() == 0 && !pause && !chance(gap_pct)) serve();
      if (cq_data.size() != 0 && !chance(gap_pct / 2)) begin
        cpl_tvalid <= 1'b1;
        cpl_tdata <= cq_data[0];
        cpl_tkeep <= cq_keep[0];
        cpl_tlast <= cq_last[0];
      end else begin
        cpl_tvalid <= 1'b0;
      end

      // Request driver: the next request, held until taken.
      begin
        automatic int next = n_taken;
        if (abort_now || rd_abort) rd_req_valid <= 1'b0;
        else if (next < n_req && (!rd_req_valid || rd_req_ready) && !chance(20)) begin
          rd_req_valid <= 1'b1;
          rd_req_addr <= rq_addr[next];
          rd_req_len <= rq_len[next][23:0];
        end else if (rd_req_valid && rd_req_ready) rd_req_valid <= 1'b0;
      end

      // Consumers: random rd_data_ready_i with occasional long stalls, tx back-pressure.
      if (stall_left > 0) begin
        stall_left--;
        rd_data_ready <= 1'b0;
      end else begin
        if (stall_pct != 0 && urange(1, 1000) <= stall_pct) stall_left = urange(50, 1500);   // per mille
        rd_data_ready <= chance(rdy_pct);
      end
      tx_tready <= chance(txr_pct);
    end
  end

  // ---------------------------------------------------------------- phases
  function automatic longint unsigned rand_addr();
    case (urange(0, 5))
      0, 1: return rnd() & 64'h0000_0000_FFFF_FFF8;                      // below 4 GiB
      2: return (rnd() & 64'h0000_0000_FFFF_F000) + 64'hF00 + 8 * urange(0, 31);  // near 4 KiB
      3: return 64'h0000_0000_FFFF_F800 + 8 * urange(0, 255);            // just below 4 GiB
      4: return rnd() & 64'hFFFF_FFFF_FFFF_FFF8;                         // any 64 bits
      default: return rnd() & 64'h0000_00FF_FFFF_FFF8;
    endcase
  endfunction
  function automatic int unsigned rand_len();
    case (urange(0, 9))
      0, 1, 2: return 8 * urange(1, 8);
      3, 4, 5: return 8 * urange(1, 80);
      6, 7:    return 8 * urange(1, 600);
      8:       return 8 * urange(600, 3000);
      default: return 64 * urange(1, 16);
    endcase
  endfunction

  // Waits until every request has ended and no completion is due (held ones aside).
  task automatic wait_idle(input string what, input longint limit = 3000000);
    longint t0 = cyc;
    bit busy;
    int k;
    do begin
      @(negedge clk);
      busy = o_req < n_req || cq_data.size() != 0;
      for (k = 0; k < 32; k++) if (j_valid[k] && !j_hold[k]) busy = 1;
    end while (busy && cyc - t0 < limit && errors == 0);
    if (busy && errors == 0)
      fail($sformatf("%0s: stuck: %0d of %0d requests ended, %0d taken", what, o_req, n_req, n_taken));
    repeat (10) @(negedge clk);
    if (stat_late != exp_late) fail($sformatf("%0s: stat_late_cpls_o %0d, expected %0d", what, stat_late, exp_late));
    if (stat_timeouts != exp_timeouts)
      fail($sformatf("%0s: stat_cpl_timeouts_o %0d, expected %0d", what, stat_timeouts, exp_timeouts));
  endtask

  // Waits until every request has ended (held reads may still be due).
  task automatic wait_out(input string what);
    longint t0 = cyc;
    while (o_req < n_req && cyc - t0 < 1000000 && errors == 0) @(negedge clk);
    if (o_req < n_req && errors == 0) fail($sformatf("%0s: stuck: %0d of %0d requests ended", what, o_req, n_req));
  endtask

  int seed = 1;
  initial begin
    if ($value$plusargs("seed=%d", seed)) ;
    $display("pcie_dma_rd_tb: seed %0d", seed);
    rng = rng ^ (longint'(seed) * 64'hD1B5_4A32_D192_ED03);
    void'(rnd());
    repeat (4) @(negedge clk);
    rst_n = 1'b1;

    // 1. Directed: 3-DW and 4-DW reads, a 4 KiB and a 4 GiB crossing, a long unaligned read.
    lat_max = 20;
    add_req(64'h0000_0000_0000_1000, 8);
    add_req(64'h0000_0001_0000_0000, 8);
    add_req(64'h0000_0000_0000_2FF8, 16);
    add_req(64'h0000_0000_FFFF_FFC0, 128);
    add_req(64'h0000_0000_1234_5678 & ~64'h7, 9000);
    add_req(64'hFEDC_BA98_7654_3210, 1032);
    wait_idle("directed");

    // 2. Random reads, random completer, failures and bad completions, MRRS 128 to 4096.
    for (int batch = 0; batch < 16 && errors == 0; batch++) begin
      cfg_dcommand = {1'b0, 3'(urange(0, 5) == 5 ? 5 : urange(0, 3)), 12'h020};
      lat_max = urange(0, 400);
      gap_pct = urange(0, 30);
      bogus_pct = urange(0, 8);
      chunk_max = urange(1, 4);
      rdy_pct = urange(20, 100);
      txr_pct = urange(30, 100);
      stall_pct = urange(0, 2);
      for (int i = 0; i < 40; i++) begin
        int plan = M_OK;
        if (chance(10)) plan = urange(M_UR, M_POISON);
        add_req(rand_addr(), rand_len(), plan);
      end
      wait_idle($sformatf("random batch %0d", batch));
    end
    bogus_pct = 0;
    stall_pct = 0;

    // 3. Completion timeouts, range 1 (50-100 us): a read answered late, one that had some
    //    data and is never answered; reads after them are correct.
    cfg_dcommand2 = 16'h0001;
    cfg_dcommand = 16'h2020;
    lat_max = 50;
    rdy_pct = 80;
    txr_pct = 80;
    gap_pct = 5;
    for (int i = 0; i < 4 && errors == 0; i++) begin
      add_req(rand_addr(), 8 * urange(1, 300), (i % 2) ? M_TOP : M_TO);
      add_req(rand_addr(), rand_len());
      begin
        longint t0 = cyc;
        while (stat_timeouts == exp_timeouts && cyc - t0 < 20000) @(negedge clk);
      end
      exp_timeouts++;
      // Small reads cycle through every tag while the late answer is held back.
      for (int r = 0; r < 40; r++) add_req(rand_addr(), 8 * urange(1, 8));
      wait_out($sformatf("timeout %0d, small reads", i));
      for (int k = 0; k < 32; k++) if (j_valid[k] && j_mode[k] == M_TO && j_late[k]) j_hold[k] = 0;
      wait_idle($sformatf("timeout %0d", i));
    end
    //    Disabled (bit 4): a read held 150 us still completes.
    cfg_dcommand2 = 16'h0011;
    add_req(rand_addr(), 512, M_HOLD);
    repeat (150 * 125) @(negedge clk);
    for (int k = 0; k < 32; k++) if (j_valid[k] && j_mode[k] == M_HOLD) j_hold[k] = 0;
    wait_idle("timeout disabled");
    cfg_dcommand2 = 16'h0000;

    // 4. rd_abort_i with reads outstanding and data buffered: then later reads are correct
    //    and the old completions are dropped.
    //    Six rounds forget about 30 reads in all: more than the 32 - READ_TAGS spare tag
    //    values, so quarantined tags must come back when their late completions arrive.
    for (int i = 0; i < 6 && errors == 0; i++) begin
      rdy_pct = 30;
      lat_max = 300;
      if (i % 2 == 0) pause = 1;   // no completion at all: every read stays outstanding
      for (int r = 0; r < 5; r++) add_req(rand_addr(), 8 * urange(1, 400));
      // (Requests not taken by the abort are taken after it, as new ones.)
      for (int w = 0; w < 400 && n_taken < n_req; w++) @(negedge clk);
      rdy_pct = i % 3 ? 0 : 50;
      if (i >= 3) txr_pct = 0;   // an MRd waits on tx across the abort
      repeat (urange(0, 200)) @(negedge clk);
      pause = 1;   // completions stop, MRds go on
      repeat (urange(30, 200)) @(negedge clk);
      while (cq_data.size() != 0) @(negedge clk);
      repeat (3) @(negedge clk);
      cov_abort_live += live;
      cov_abort_data += rd_data_valid;
      abort_now = 1;
      repeat (2) @(negedge clk);
      repeat (urange(0, 20)) @(negedge clk);
      txr_pct = 80;
      pause = 0;
      // The forgotten reads' completions are held back while small reads cycle through
      // every tag: none of the forgotten tags may be used again before they are answered.
      rdy_pct = 80;
      lat_max = 20;
      for (int r = 0; r < 48; r++) add_req(rand_addr(), 8 * urange(1, 8));
      wait_out($sformatf("abort %0d, small reads", i));
      for (int k = 0; k < 32; k++) if (j_valid[k] && j_late[k]) j_hold[k] = 0;
      for (int r = 0; r < 6; r++) add_req(rand_addr(), rand_len());
      wait_idle($sformatf("abort %0d", i));
    end

    // 5. Bus mastering off: requests end with code 2 and send no MRd.
    cfg_command = 16'h0002;
    add_req(rand_addr(), 64);
    add_req(rand_addr(), 4096);
    wait_idle("bus mastering off");
    cfg_command = 16'h0006;
    add_req(rand_addr(), 256);
    wait_idle("bus mastering back on");

    // 6. Throughput: MRRS 512, completions of 256 bytes at once, nothing stalls.
    cfg_dcommand = 16'h2020;
    lat_max = 0;
    gap_pct = 0;
    rdy_pct = 100;
    txr_pct = 100;
    inorder_big = 1;
    repeat (10) @(negedge clk);
    first_take = -1;
    out_bytes = 0;
    for (int i = 0; i < 16; i++) add_req(64'h0000_0000_4000_0000 + i * 16384, 16384);
    wait_idle("throughput");
    $display("pcie_dma_rd_tb: %0d bytes in %0d cycles: %0.2f bytes/cycle (MRRS 512, 256-byte completions at once)",
             out_bytes, last_beat - first_take + 1, real'(out_bytes) / real'(last_beat - first_take + 1));
    //    The same with each read answered 300 cycles (2.4 us) after its MRd.
    lat_min = 300;
    first_take = -1;
    out_bytes = 0;
    for (int i = 0; i < 16; i++) add_req(64'h0000_0001_4000_0000 + i * 16384, 16384);
    wait_idle("throughput, latency 300");
    $display("pcie_dma_rd_tb: %0d bytes in %0d cycles: %0.2f bytes/cycle (the same, 300-cycle latency)",
             out_bytes, last_beat - first_take + 1, real'(out_bytes) / real'(last_beat - first_take + 1));

    if (o_req != n_req) fail($sformatf("%0d of %0d requests ended", o_req, n_req));
    $display("pcie_dma_rd_tb: %0d requests, %0d MRds (%0d 4-DW), %0d late or bad completions, %0d timeouts",
             n_req, mrd_cnt, cov_4dw, stat_late, stat_timeouts);
    $display("pcie_dma_rd_tb: covered: errors ended with code 1/2/3: %0d/%0d/%0d; plans UR %0d CA %0d CA-after-data %0d poison %0d; %0d bad completions; %0d completions split, %0d interleaved; up to %0d reads live; aborts forgot %0d reads (%0d live at abort, data waiting %0d times), %0d MRds sent after an abort",
             cov_err[1], cov_err[2], cov_err[3], cov_plan[M_UR], cov_plan[M_CA], cov_plan[M_CAP],
             cov_plan[M_POISON], cov_bogus, cov_split, cov_ooo, cov_max_live, cov_abort_jobs,
             cov_abort_live, cov_abort_data, cov_stale);
    if (errors == 0) $display("PASS pcie_dma_rd");
    $finish;
  end

  initial begin
    repeat (5000000) @(posedge clk);
    if (errors == 0) $display("FAIL pcie_dma_rd: timeout");
    $finish;
  end
endmodule

`default_nettype wire
