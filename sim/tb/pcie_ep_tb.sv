// Self-checking end-to-end testbench for pcie_ep: a host (root complex with memory) and a
// device (register file, DMA engines, interrupts) talking through the whole endpoint.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "pcie_tlp.vh"

// The host model reads and writes BAR0 (checking each completion against the register
// file), answers the endpoint's MRds from its memory with CplDs split at the 64-byte read
// completion boundary and interleaved between tags, stores MWrs in its memory, and checks
// every TLP it receives (IDs, sizes, 4 KiB boundaries, header sizes). The device side reads
// host memory through the read port (checking every byte), writes it through the write port
// and raises an MSI after each batch of writes; when the MSI arrives the host checks that
// the batch is in its memory (ordering). Then: write and read throughput with nothing else
// going on, a completion timeout, a UR completion, and the counters. Run with +seed=N.
module pcie_ep_tb;
  localparam int BAR0_BITS = 16;
  localparam int NREG = 1 << (BAR0_BITS - 2);
  localparam int HOLE = 'h2000;                 // DW offsets from here on have no register
  localparam logic [63:0] MSI_ADDR = 64'h0000_0000_FEE0_1000;
  localparam logic [15:0] MSI_DATA = 16'h4a40;
  localparam logic [15:0] DEV_ID = {8'h03, 5'h00, 3'h0};

  logic clk = 1'b0, rst_n = 1'b0;
  logic [63:0] rx_tdata = '0;
  logic [7:0]  rx_tkeep = '0;
  logic        rx_tlast = 1'b0, rx_tvalid = 1'b0;
  logic [21:0] rx_tuser = '0;
  wire         rx_tready;
  wire  [63:0] tx_tdata;
  wire  [7:0]  tx_tkeep;
  wire         tx_tlast, tx_tvalid;
  logic        tx_tready = 1'b1;
  wire  [3:0]  tx_tuser;
  logic [15:0] cfg_command = 16'h0006;
  logic [15:0] cfg_dcommand = 16'h2000;     // max payload 128 bytes, max read request 512
  logic [15:0] cfg_dcommand2 = 16'h0000;
  wire         reg_req, reg_we;
  wire  [3:0]  reg_be;
  wire  [BAR0_BITS-1:0] reg_addr;
  wire  [31:0] reg_wdata;
  logic        reg_ack = 1'b0, reg_err = 1'b0;
  logic [31:0] reg_rdata = '0;
  logic        rd_req_valid = 1'b0, rd_data_ready = 1'b0, rd_abort = 1'b0;
  wire         rd_req_ready, rd_data_valid, rd_data_last, rd_data_err;
  logic [63:0] rd_req_addr = '0;
  logic [23:0] rd_req_len = '0;
  wire  [63:0] rd_data;
  wire  [1:0]  rd_err_code;
  logic        wr_req_valid = 1'b0, wr_data_valid = 1'b0;
  wire         wr_req_ready, wr_data_ready, wr_done;
  logic [63:0] wr_req_addr = '0, wr_data = '0;
  logic [23:0] wr_req_len = '0;
  logic        msi_req = 1'b0;
  logic [4:0]  msi_vector = '0;
  wire         msi_ack;
  wire  [15:0] stat_timeouts, stat_late, stat_bad;

  pcie_ep #(.BAR0_BITS(BAR0_BITS), .READ_TAGS(8), .CLK_MHZ(125)) dut (
    .clk_i(clk), .rst_ni(rst_n),
    .rx_tdata_i(rx_tdata), .rx_tkeep_i(rx_tkeep), .rx_tlast_i(rx_tlast), .rx_tvalid_i(rx_tvalid),
    .rx_tready_o(rx_tready), .rx_tuser_i(rx_tuser),
    .tx_tdata_o(tx_tdata), .tx_tkeep_o(tx_tkeep), .tx_tlast_o(tx_tlast), .tx_tvalid_o(tx_tvalid),
    .tx_tready_i(tx_tready), .tx_tuser_o(tx_tuser),
    .cfg_bus_number_i(DEV_ID[15:8]), .cfg_device_number_i(DEV_ID[7:3]),
    .cfg_function_number_i(DEV_ID[2:0]), .cfg_command_i(cfg_command),
    .cfg_dcommand_i(cfg_dcommand), .cfg_dcommand2_i(cfg_dcommand2),
    .cfg_msi_enable_i(1'b1), .cfg_msi_mme_i(3'd3), .cfg_msi_addr_i(MSI_ADDR),
    .cfg_msi_data_i(MSI_DATA),
    .reg_req_o(reg_req), .reg_we_o(reg_we), .reg_be_o(reg_be), .reg_addr_o(reg_addr),
    .reg_wdata_o(reg_wdata), .reg_ack_i(reg_ack), .reg_rdata_i(reg_rdata), .reg_err_i(reg_err),
    .rd_req_valid_i(rd_req_valid), .rd_req_ready_o(rd_req_ready), .rd_req_addr_i(rd_req_addr),
    .rd_req_len_i(rd_req_len), .rd_data_valid_o(rd_data_valid), .rd_data_ready_i(rd_data_ready),
    .rd_data_o(rd_data), .rd_data_last_o(rd_data_last), .rd_data_err_o(rd_data_err),
    .rd_err_code_o(rd_err_code), .rd_abort_i(rd_abort),
    .wr_req_valid_i(wr_req_valid), .wr_req_ready_o(wr_req_ready), .wr_req_addr_i(wr_req_addr),
    .wr_req_len_i(wr_req_len), .wr_data_valid_i(wr_data_valid), .wr_data_ready_o(wr_data_ready),
    .wr_data_i(wr_data), .wr_done_o(wr_done),
    .msi_req_i(msi_req), .msi_vector_i(msi_vector), .msi_ack_o(msi_ack),
    .stat_cpl_timeouts_o(stat_timeouts), .stat_late_cpls_o(stat_late),
    .stat_bad_requests_o(stat_bad)
  );

  initial forever #4 clk = ~clk;   // 125 MHz

  int unsigned errors = 0, seed = 1;
  longint unsigned cycle = 0;
  always @(posedge clk) cycle <= cycle + 1;
  task automatic fail(string why);
    if (errors < 12) $display("FAIL pcie_ep: %s (seed %0d, cycle %0d)", why, seed, cycle);
    errors++;
  endtask

  function automatic logic [31:0] bswap(logic [31:0] d);
    return {d[7:0], d[15:8], d[23:16], d[31:24]};
  endfunction

  // ---------------------------------------------------------------- host memory
  logic [7:0] hmem [logic [63:0]];
  function automatic logic [7:0] pattern(logic [63:0] a);
    logic [63:0] h = a * 64'h9E37_79B9_7F4A_7C15;
    return h[47:40] ^ h[15:8];
  endfunction
  function automatic logic [7:0] hbyte(logic [63:0] a);
    return hmem.exists(a) ? hmem[a] : pattern(a);
  endfunction
  // Wire-order DW of host memory at a (the lowest address in bits 31:24).
  function automatic logic [31:0] hdw(logic [63:0] a);
    return {hbyte(a), hbyte(a + 1), hbyte(a + 2), hbyte(a + 3)};
  endfunction

  // ---------------------------------------------------------------- RX: host to device
  typedef struct packed { logic [63:0] data; logic [7:0] keep; logic last; logic bar0; } beat_t;
  beat_t rx_q[$];
  int rx_gap = 0;
  task automatic send(logic [31:0] dws[$], bit bar0);
    for (int i = 0; i < dws.size(); i += 2) begin
      beat_t b;
      b.data = {i + 1 < dws.size() ? dws[i + 1] : 32'd0, dws[i]};
      b.keep = i + 1 < dws.size() ? 8'hFF : 8'h0F;
      b.last = i + 2 >= dws.size();
      b.bar0 = bar0;
      rx_q.push_back(b);
    end
  endtask
  logic rx_taken = 1'b0;
  always @(posedge clk) rx_taken <= rx_tvalid & rx_tready;
  initial forever begin
    beat_t b;
    @(negedge clk);
    if (rx_tvalid && rx_taken) rx_tvalid = 1'b0;
    if (!rx_tvalid && rx_q.size() > 0 && $urandom_range(0, 99) >= rx_gap) begin
      b = rx_q.pop_front();
      rx_tdata = b.data; rx_tkeep = b.keep; rx_tlast = b.last; rx_tvalid = 1'b1;
      rx_tuser = {13'd0, 6'd0, b.bar0, 2'b00};
    end
  end

  // ---------------------------------------------------------------- register file
  logic [31:0] regs [NREG];
  initial begin
    int lat = -1;
    forever begin
      @(negedge clk);
      reg_ack = 1'b0; reg_err = 1'b0;
      if (reg_req) begin
        if (lat < 0) lat = $urandom_range(0, 3);
        if (lat == 0) begin
          int off;
          off = int'(reg_addr) / 4;
          reg_ack = 1'b1;
          reg_err = off >= HOLE;
          if (off < HOLE) begin
            if (reg_we) begin
              for (int b = 0; b < 4; b++) if (reg_be[b]) regs[off][8*b +: 8] = reg_wdata[8*b +: 8];
            end else reg_rdata = regs[off];
          end
        end
        lat--;
      end
    end
  end

  // ---------------------------------------------------------------- host: BAR0 accesses
  typedef struct packed {
    logic [2:0]  status;
    logic [11:0] bc;
    logic [6:0]  la;
    logic [9:0]  len;
    logic [15:0] cid;
  } hcpl_t;
  hcpl_t hcpl [int];
  logic [31:0] hcpl_data [int];   // key tag * 1024 + DW index
  logic [7:0] host_tag = 8'd0;

  // Host read of len DWs at DW offset off: the data (little-endian) and completion status.
  task automatic host_read(int off, int len, output logic [31:0] vals[$], output logic [2:0] status);
    logic [31:0] dws[$];
    logic [7:0] tag;
    int waited;
    tag = host_tag;
    host_tag = host_tag + 8'd1;
    waited = 0;
    dws.delete();   // (Verilator 5.006 keeps local queues from call to call)
    vals.delete();
    dws.push_back({`TLP_FMT_3DW, `TLP_TYPE_MEM, 14'd0, 10'(len)});
    dws.push_back({16'h0000, tag, len == 1 ? 4'h0 : 4'hF, 4'hF});
    dws.push_back(32'hF000_0000 | 32'(off * 4));
    send(dws, 1);
    while (!hcpl.exists(int'(tag))) begin
      @(posedge clk);
      waited++;
      if (waited > 20000) begin fail("host read: no completion"); status = 3'b111; return; end
    end
    status = hcpl[int'(tag)].status;
    if (hcpl[int'(tag)].cid !== DEV_ID) fail("completion: completer ID");
    if (status == `TLP_CPL_SC) begin
      if (int'(hcpl[int'(tag)].len) != len) fail("completion: length");
      if (int'(hcpl[int'(tag)].bc) != 4 * len) fail("completion: byte count");
      if (hcpl[int'(tag)].la !== 7'(off * 4)) fail("completion: lower address");
      for (int i = 0; i < len; i++) vals.push_back(bswap(hcpl_data[int'(tag) * 1024 + i]));
    end
    hcpl.delete(int'(tag));
  endtask
  task automatic host_write(int off, logic [31:0] vals[$]);
    logic [31:0] dws[$];
    dws.delete();
    dws.push_back({`TLP_FMT_3DW_DATA, `TLP_TYPE_MEM, 14'd0, 10'(vals.size())});
    dws.push_back({16'h0000, host_tag, vals.size() == 1 ? 4'h0 : 4'hF, 4'hF});
    host_tag = host_tag + 8'd1;
    dws.push_back(32'hF000_0000 | 32'(off * 4));
    foreach (vals[i]) dws.push_back(bswap(vals[i]));
    send(dws, 1);
  endtask

  // ---------------------------------------------------------------- host: completer
  typedef struct packed {
    logic [63:0] addr;    // next byte to return
    int          left;    // bytes still to return
    logic [7:0]  tag;
    logic        drop;    // never answer (completion timeout test)
    logic        ur;      // answer with UR
  } job_t;
  job_t jobs[$];
  int cpl_pct = 100;
  int drop_next = 0, ur_next = 0;
  job_t dropped[$];

  task automatic complete(job_t j, int bytes, bit ur);
    logic [31:0] dws[$];
    dws.delete();
    if (ur) begin
      dws.push_back({`TLP_FMT_3DW, `TLP_TYPE_CPL, 14'd0, 10'd0});
      dws.push_back({16'h0000, `TLP_CPL_UR, 1'b0, 12'(j.left)});
    end else begin
      dws.push_back({`TLP_FMT_3DW_DATA, `TLP_TYPE_CPL, 14'd0, 10'(bytes / 4)});
      dws.push_back({16'h0000, `TLP_CPL_SC, 1'b0, 12'(j.left)});
    end
    dws.push_back({DEV_ID, j.tag, 1'b0, j.addr[6:0]});
    if (!ur) for (int i = 0; i < bytes; i += 4) dws.push_back(hdw(j.addr + 64'(i)));
    send(dws, 0);
  endtask

  initial forever begin
    int k, n;
    job_t j;
    @(negedge clk);
    if (jobs.size() > 0 && rx_q.size() < 40 && $urandom_range(0, 99) < cpl_pct) begin
      k = $urandom_range(0, jobs.size() - 1);
      j = jobs[k];
      // Up to the next 64-byte boundary, sometimes one block more (max payload 128).
      n = 64 - int'(j.addr[5:0]);
      if (n + 64 <= 128 && $urandom_range(0, 1) == 1) n += 64;
      if (n > j.left) n = j.left;
      if (j.ur) begin
        complete(j, 0, 1);
        jobs.delete(k);
      end else begin
        complete(j, n, 0);
        j.addr += 64'(n);
        j.left -= n;
        if (j.left == 0) jobs.delete(k);
        else jobs[k] = j;
      end
    end
  end

  // ---------------------------------------------------------------- host: TX monitor
  logic [31:0] txd[$];
  int n_mrd = 0, n_mwr = 0, n_msi = 0;
  longint unsigned mwr_first = 0, mwr_last = 0;
  longint unsigned mwr_bytes = 0;
  int msi_batches[$];      // for each MSI raised: writes done before it
  int msi_vectors[$];
  typedef struct packed { logic [63:0] addr; int len; } wjob_t;
  wjob_t wdone[$];         // writes whose wr_done_o has pulsed, in order
  logic [7:0] wexp [logic [63:0]];

  task automatic host_rx_tlp();
    logic [2:0] fmt = txd[0][31:29];
    logic [4:0] typ = txd[0][28:24];
    int len = txd[0][9:0] == 0 ? 1024 : int'(txd[0][9:0]);
    bit hdr4 = fmt[0];
    logic [63:0] addr;
    if (typ == `TLP_TYPE_CPL) begin
      int tag = int'(txd[2][15:8]);
      hcpl_t c;
      c.status = txd[1][15:13]; c.bc = txd[1][11:0]; c.la = txd[2][6:0];
      c.len = fmt[1] ? txd[0][9:0] : 10'd0; c.cid = txd[1][31:16];
      if (txd[2][31:16] !== 16'h0000) fail("completion to another requester");
      if (txd.size() != 3 + int'(c.len)) fail("completion size");
      for (int i = 0; i < int'(c.len); i++) hcpl_data[tag * 1024 + i] = txd[3 + i];
      hcpl[tag] = c;
      return;
    end
    if (typ != `TLP_TYPE_MEM || fmt[2]) begin
      fail($sformatf("unexpected TLP Fmt %b Type %b", fmt, typ));
      return;
    end
    addr = hdr4 ? {txd[2], txd[3][31:2], 2'b00} : {32'd0, txd[2][31:2], 2'b00};
    if (txd[1][31:16] !== DEV_ID) fail("requester ID");
    if (txd[0][23:10] !== 14'd0) fail("TC/attributes/TD/EP not 0");
    if (hdr4 != (addr[63:32] != 0)) fail($sformatf("%0d-DW header for address %h", hdr4 ? 4 : 3, addr));
    if ((addr & 64'hFFF) + 64'(4 * len) > 64'h1000) fail($sformatf("TLP crosses 4 KiB: %h + %0d DW", addr, len));
    if (!fmt[1]) begin   // MRd from the read requester
      job_t j;
      n_mrd++;
      if (4 * len > 512) fail("MRd longer than the max read request size");
      if (txd[1][3:0] !== 4'hF || txd[1][7:4] !== (len == 1 ? 4'h0 : 4'hF)) fail("MRd byte enables");
      if (txd.size() != (hdr4 ? 4 : 3)) fail("MRd size");
      j.addr = addr; j.left = 4 * len; j.tag = txd[1][15:8]; j.drop = 1'b0; j.ur = 1'b0;
      if (drop_next > 0) begin drop_next--; dropped.push_back(j); end
      else begin
        if (ur_next > 0) begin ur_next--; j.ur = 1'b1; end
        jobs.push_back(j);
      end
      return;
    end
    if (txd.size() != (hdr4 ? 4 : 3) + len) fail("MWr size");
    if (addr == MSI_ADDR) begin
      int nb, v;
      logic [31:0] val = bswap(txd[hdr4 ? 4 : 3]);
      n_msi++;
      if (len != 1 || txd[1][3:0] !== 4'hF || txd[1][7:4] !== 4'h0) fail("MSI length or byte enables");
      if (msi_batches.size() == 0) begin fail("MSI not raised"); return; end
      nb = msi_batches.pop_front();
      v = msi_vectors.pop_front();
      if (val !== {16'd0, MSI_DATA[15:3], 3'(v)}) fail($sformatf("MSI data %h for vector %0d", val, v));
      // Every write finished before the MSI was raised is in memory.
      for (int w = 0; w < nb; w++)
        for (int i = 0; i < wdone[w].len; i++)
          if (hbyte(wdone[w].addr + 64'(i)) !== wexp[wdone[w].addr + 64'(i)]) begin
            fail($sformatf("MSI overtook the DMA write at %h", wdone[w].addr));
            return;
          end
      return;
    end
    n_mwr++;
    if (4 * len > 128) fail("MWr longer than the max payload size");
    if (txd[1][3:0] !== 4'hF || txd[1][7:4] !== 4'hF) fail("MWr byte enables");
    if (mwr_first == 0) mwr_first = cycle;
    mwr_last = cycle;
    mwr_bytes += 64'(4 * len);
    for (int i = 0; i < len; i++) begin
      logic [31:0] d = txd[(hdr4 ? 4 : 3) + i];
      for (int b = 0; b < 4; b++) hmem[addr + 64'(4 * i + b)] = d[31 - 8*b -: 8];
    end
  endtask

  logic stalled = 1'b0;
  logic [63:0] st_data;
  always @(posedge clk) if (rst_n) begin
    if (stalled && (!tx_tvalid || tx_tdata !== st_data)) fail("TX beat changed while stalled");
    stalled = tx_tvalid & !tx_tready;
    st_data = tx_tdata;
    if (tx_tuser !== 4'd0) fail("tx_tuser not 0");
    if (tx_tvalid && tx_tready) begin
      if (tx_tkeep != 8'hFF && !(tx_tkeep == 8'h0F && tx_tlast)) fail("TX tkeep");
      txd.push_back(tx_tdata[31:0]);
      if (tx_tkeep == 8'hFF) txd.push_back(tx_tdata[63:32]);
      if (tx_tlast) begin
        host_rx_tlp();
        txd.delete();
      end
    end
  end
  int tx_ready_pct = 100;
  initial forever begin
    @(negedge clk);
    tx_tready = $urandom_range(0, 99) < tx_ready_pct;
  end

  // ---------------------------------------------------------------- device: read engine
  typedef struct packed { logic [63:0] addr; int len; bit expect_err; logic [1:0] code; } rreq_t;
  rreq_t rd_todo[$], rd_pend[$];
  int rd_ready_pct = 100;
  longint unsigned rd_words = 0, rd_errs = 0;
  int rd_off = 0;          // bytes of the head request already received
  logic rd_req_taken = 1'b0, rd_data_taken = 1'b0;
  always @(posedge clk) begin
    rd_req_taken <= rd_req_valid & rd_req_ready;
    rd_data_taken <= rd_data_valid & rd_data_ready;
  end
  // Requests.
  initial forever begin
    @(negedge clk);
    if (rd_req_valid && rd_req_taken) rd_req_valid = 1'b0;
    if (!rd_req_valid && rd_todo.size() > 0) begin
      rreq_t r;
      r = rd_todo.pop_front();
      rd_req_addr = r.addr; rd_req_len = 24'(r.len); rd_req_valid = 1'b1;
      rd_pend.push_back(r);
    end
    rd_data_ready = $urandom_range(0, 99) < rd_ready_pct;
  end
  // Data.
  always @(posedge clk) if (rst_n && rd_data_valid && rd_data_ready) begin
    if (rd_pend.size() == 0) fail("read data without a request");
    else begin
      rreq_t r;
      bit last;
      r = rd_pend[0];
      last = rd_off + 8 >= r.len;
      if (rd_data_err) begin
        rd_errs++;
        if (!r.expect_err) fail($sformatf("read of %h failed, code %0d", r.addr, rd_err_code));
        else if (rd_err_code !== r.code) fail($sformatf("read error code %0d, expected %0d", rd_err_code, r.code));
        if (!rd_data_last) fail("error beat without last");
        void'(rd_pend.pop_front());
        rd_off = 0;
      end else begin
        logic [63:0] want;
        for (int b = 0; b < 8; b++) want[8*b +: 8] = hbyte(r.addr + 64'(rd_off + b));
        if (r.expect_err) fail($sformatf("read of %h should have failed", r.addr));
        if (rd_data !== want) fail($sformatf("read data at %h: %h, expected %h", r.addr + 64'(rd_off), rd_data, want));
        if (rd_data_last !== last) fail("rd_data_last on the wrong beat");
        rd_words++;
        rd_off += 8;
        if (last) begin void'(rd_pend.pop_front()); rd_off = 0; end
      end
    end
  end

  // ---------------------------------------------------------------- device: write engine
  wjob_t wr_todo[$], wr_data_q[$], wr_sent[$];
  int wr_valid_pct = 100, n_done = 0;
  int wd_off = 0;
  logic wr_req_taken = 1'b0, wr_data_taken = 1'b0;
  always @(posedge clk) begin
    wr_req_taken <= wr_req_valid & wr_req_ready;
    wr_data_taken <= wr_data_valid & wr_data_ready;
  end
  function automatic logic [63:0] wword(logic [63:0] a);
    logic [63:0] w;
    for (int b = 0; b < 8; b++) w[8*b +: 8] = wexp[a + 64'(b)];
    return w;
  endfunction
  initial forever begin
    @(negedge clk);
    if (wr_req_valid && wr_req_taken) wr_req_valid = 1'b0;
    if (!wr_req_valid && wr_todo.size() > 0) begin
      wjob_t w;
      w = wr_todo.pop_front();
      wr_req_addr = w.addr; wr_req_len = 24'(w.len); wr_req_valid = 1'b1;
      wr_data_q.push_back(w);
    end
    if (wr_data_valid && wr_data_taken) begin
      wr_data_valid = 1'b0;
      wd_off += 8;
      if (wd_off == wr_data_q[0].len) begin
        wr_sent.push_back(wr_data_q.pop_front());
        wd_off = 0;
      end
    end
    if (!wr_data_valid && wr_data_q.size() > 0 && $urandom_range(0, 99) < wr_valid_pct) begin
      wr_data = wword(wr_data_q[0].addr + 64'(wd_off));
      wr_data_valid = 1'b1;
    end
  end
  always @(posedge clk) if (rst_n && wr_done) begin
    if (wr_sent.size() == 0) fail("wr_done without a finished write");
    else begin
      wdone.push_back(wr_sent.pop_front());
      n_done++;
    end
  end
  task automatic dma_write(logic [63:0] addr, int len);
    wjob_t w;
    for (int i = 0; i < len; i++) wexp[addr + 64'(i)] = 8'($urandom);
    w.addr = addr; w.len = len;
    wr_todo.push_back(w);
  endtask
  task automatic dma_read(logic [63:0] addr, int len, bit expect_err = 0, logic [1:0] code = 2'd0);
    rreq_t r;
    r.addr = addr; r.len = len; r.expect_err = expect_err; r.code = code;
    rd_todo.push_back(r);
  endtask

  // MSI: raised when the writes queued so far are done; the host checks them on arrival.
  task automatic raise_msi(int vector);
    int target = n_done + wr_todo.size() + wr_data_q.size() + wr_sent.size();
    while (n_done < target) @(negedge clk);
    msi_batches.push_back(n_done);
    msi_vectors.push_back(vector);
    msi_vector = 5'(vector);
    msi_req = 1'b1;
    @(negedge clk);
    while (!msi_ack) @(negedge clk);
    @(negedge clk);
    msi_req = 1'b0;
  endtask

  // ---------------------------------------------------------------- sequencing
  task automatic wait_idle(string what, int limit = 2_000_000);
    int idle = 0, n = 0;
    while (idle < 100) begin
      @(posedge clk);
      n++;
      if (rx_q.size() == 0 && !rx_tvalid && jobs.size() == 0 && rd_todo.size() == 0 &&
          rd_pend.size() == 0 && wr_todo.size() == 0 && wr_data_q.size() == 0 &&
          wr_sent.size() == 0 && !tx_tvalid && !msi_req)
        idle++;
      else idle = 0;
      if (n > limit) begin
        fail($sformatf("stuck in %s: rx %0d, jobs %0d, reads %0d+%0d, writes %0d+%0d+%0d", what,
                       rx_q.size(), jobs.size(), rd_todo.size(), rd_pend.size(), wr_todo.size(),
                       wr_data_q.size(), wr_sent.size()));
        return;
      end
    end
  endtask

  logic [63:0] wbase = 64'h0000_0000_2000_0000;
  function automatic logic [63:0] next_wbuf(int len, bit high);
    logic [63:0] a = wbase;
    wbase += 64'((len + 4095) / 4096 * 4096 + 4096);
    a += 64'(8 * $urandom_range(0, 511));
    return high ? (a | 64'h0000_0012_0000_0000) : a;
  endfunction

  initial begin
    logic [31:0] v[$], w[$];
    logic [2:0] st;
    int bad0;
    if (!$value$plusargs("seed=%d", seed)) seed = 1;
    $display("pcie_ep_tb: seed %0d", seed);
    void'($urandom(seed));
    for (int i = 0; i < NREG; i++) regs[i] = $urandom;
    repeat (5) @(negedge clk);
    rst_n = 1'b1;
    repeat (5) @(negedge clk);

    // BAR0: writes then reads back through the whole endpoint; a hole gives UR.
    for (int i = 0; i < 20; i++) begin
      int off, len;
      off = $urandom_range(0, 1000);
      len = $urandom_range(1, 16);
      w.delete();
      for (int k = 0; k < len; k++) w.push_back($urandom);
      host_write(off, w);
      host_read(off, len, v, st);
      if (st !== `TLP_CPL_SC) fail("BAR0 read not successful");
      else for (int k = 0; k < len; k++)
        if (v[k] !== w[k] || regs[off + k] !== w[k]) fail($sformatf("BAR0 DW %0d: read %h, wrote %h", off + k, v[k], w[k]));
    end
    host_read(HOLE + 5, 1, v, st);
    if (st !== `TLP_CPL_UR) fail("read of a hole not UR");
    wait_idle("BAR0");
    if (stat_bad !== 16'd1) fail($sformatf("stat_bad_requests %0d, expected 1", stat_bad));

    // Throughput, nothing else going on: one 64 KiB write, one 64 KiB read.
    begin
      longint unsigned t0, t1, w0;
      mwr_first = 0;
      mwr_bytes = 0;
      dma_write(64'h0000_0000_1000_0000, 65536);
      wait_idle("write throughput");
      $display("pcie_ep_tb: DMA write %0d bytes in %0d cycles: %0d%% of 8 bytes/cycle", mwr_bytes,
               mwr_last - mwr_first + 1, 100 * mwr_bytes / (8 * (mwr_last - mwr_first + 1)));
      if (100 * mwr_bytes < 85 * 8 * (mwr_last - mwr_first + 1)) fail("DMA write below 85% of the link");
      w0 = rd_words;
      t0 = cycle;
      dma_read(64'h0000_0000_1000_0000, 65536);
      while (rd_words - w0 < 8192 && cycle - t0 < 200000) @(posedge clk);
      t1 = cycle;
      $display("pcie_ep_tb: DMA read %0d bytes in %0d cycles (request to last word): %0d%% of 8 bytes/cycle",
               8 * (rd_words - w0), t1 - t0, 100 * 8 * (rd_words - w0) / (8 * (t1 - t0)));
      wait_idle("read throughput");
    end

    // Everything at once, with back-pressure everywhere: reads (3-DW and 4-DW addresses),
    // writes, MSIs after batches of writes, BAR0 traffic.
    for (int round = 0; round < 3; round++) begin
      tx_ready_pct = round == 0 ? 100 : round == 1 ? 60 : 30;
      rd_ready_pct = round == 2 ? 40 : 90;
      wr_valid_pct = round == 0 ? 100 : 70;
      rx_gap = round * 15;
      cpl_pct = round == 2 ? 30 : 80;
      fork
        begin
          for (int i = 0; i < 12; i++) begin
            int len;
            logic [63:0] a;
            len = 8 * $urandom_range(1, $urandom_range(0, 3) == 0 ? 1024 : 64);
            a = 64'h0000_0000_4000_0000 + 64'(8 * $urandom_range(0, 100000));
            if ($urandom_range(0, 2) == 0) a[39:32] = 8'h7F;
            dma_read(a, len);
          end
        end
        begin
          for (int b = 0; b < 4; b++) begin
            for (int i = 0; i < 3; i++) begin
              int len;
              len = 8 * $urandom_range(1, $urandom_range(0, 3) == 0 ? 700 : 40);
              dma_write(next_wbuf(len, $urandom_range(0, 1)), len);
            end
            raise_msi($urandom_range(0, 31));
          end
        end
        begin
          for (int i = 0; i < 10; i++) begin
            int off, len;
            off = $urandom_range(0, 2000);
            len = $urandom_range(1, 8);
            w.delete();
            for (int k = 0; k < len; k++) w.push_back($urandom);
            host_write(off, w);
            host_read(off, len, v, st);
            if (st !== `TLP_CPL_SC) fail("BAR0 read under load not successful");
            else for (int k = 0; k < len; k++) if (v[k] !== w[k]) fail("BAR0 data under load");
          end
        end
      join
      wait_idle($sformatf("mixed round %0d", round));
    end
    tx_ready_pct = 100; rd_ready_pct = 100; wr_valid_pct = 100; rx_gap = 0; cpl_pct = 100;

    // Error paths: an MRd answered with UR fails its read with code 2; an MRd never answered
    // times out (Device Control 2 value 1: 60-70 us) with code 1, and its completion, sent
    // late, is counted and dropped.
    ur_next = 1;
    dma_read(64'h0000_0000_5000_0000, 64, 1, 2'd2);
    wait_idle("UR completion");
    cfg_dcommand2 = 16'h0001;
    drop_next = 1;
    dma_read(64'h0000_0000_5000_1000, 64, 1, 2'd1);
    wait_idle("completion timeout", 100_000);
    if (stat_timeouts !== 16'd1) fail($sformatf("stat_cpl_timeouts %0d, expected 1", stat_timeouts));
    if (dropped.size() == 1) begin
      jobs.push_back(dropped.pop_front());
      wait_idle("late completion");
    end else fail("no MRd held back for the timeout test");
    if (stat_late !== 16'd1) fail($sformatf("stat_late_cpls %0d, expected 1", stat_late));
    // Reads still work afterwards.
    dma_read(64'h0000_0000_5000_2000, 256);
    wait_idle("read after errors");
    if (rd_errs != 2) fail($sformatf("%0d failed reads, expected 2", rd_errs));
    if (stat_bad !== 16'd1) fail($sformatf("stat_bad_requests %0d, expected 1", stat_bad));
    if (n_msi != 12) fail($sformatf("%0d MSIs, expected 12", n_msi));

    $display("pcie_ep_tb: %0d MRd, %0d MWr, %0d MSI, %0d read words", n_mrd, n_mwr, n_msi, rd_words);
    if (errors == 0) $display("PASS pcie_ep");
    $finish;
  end
endmodule

`default_nettype wire
