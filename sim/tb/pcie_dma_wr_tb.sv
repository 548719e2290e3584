// Self-checking testbench for pcie_dma_wr: MWr splitting, headers, payload, wr_done, speed.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// Every TLP on tx is decoded against the base specification (Fmt/Type, reserved fields,
// length, requester ID, tag, byte enables, 3-DW below 4 GiB and 4-DW above, 8-byte
// alignment, no 4 KiB crossing, at most the max payload size and the 256-byte cap, tkeep
// and tlast where the length puts them) and checked against the request list: each TLP must
// continue the current request at the next address, with the engine's bytes in wire order.
// wr_done_o must pulse exactly in the cycle after the edge that took a request's last beat.
// Random requests (3-DW and 4-DW addresses, lengths, alignments, 4 KiB and 4 GiB crossings),
// random tx_tready_i back-pressure and wr_data_valid_i gaps, max payload size 128 to 4096;
// bus mastering off drops writes but still completes them; then the throughput with
// 256-byte payloads. +seed=N picks the random sequence.
module pcie_dma_wr_tb;
  reg clk = 1'b0;
  always #4 clk = ~clk;   // one cycle is 8 ns: 125 MHz
  reg rst_n = 1'b0;

  localparam [7:0]  BUS = 8'hA5;
  localparam [4:0]  DEV = 5'h13;
  localparam [2:0]  FN  = 3'h5;
  localparam [15:0] RID = {BUS, DEV, FN};

  reg  [15:0] cfg_command = 16'h0006;
  reg  [15:0] cfg_dcommand = 16'h2020;   // MPS 256, MRRS 512
  reg         wr_req_valid = 1'b0;
  wire        wr_req_ready;
  reg  [63:0] wr_req_addr = 64'd0;
  reg  [23:0] wr_req_len = 24'd0;
  reg         wr_data_valid = 1'b0;
  wire        wr_data_ready;
  reg  [63:0] wr_data = 64'd0;
  wire        wr_done;
  wire [63:0] tx_tdata;
  wire [7:0]  tx_tkeep;
  wire        tx_tlast, tx_tvalid;
  reg         tx_tready = 1'b0;

  pcie_dma_wr dut (
    .clk_i(clk), .rst_ni(rst_n),
    .cfg_bus_number_i(BUS), .cfg_device_number_i(DEV), .cfg_function_number_i(FN),
    .cfg_command_i(cfg_command), .cfg_dcommand_i(cfg_dcommand), .cfg_dcommand2_i(16'd0),
    .wr_req_valid_i(wr_req_valid), .wr_req_ready_o(wr_req_ready), .wr_req_addr_i(wr_req_addr),
    .wr_req_len_i(wr_req_len), .wr_data_valid_i(wr_data_valid), .wr_data_ready_o(wr_data_ready),
    .wr_data_i(wr_data), .wr_done_o(wr_done),
    .tx_tdata_o(tx_tdata), .tx_tkeep_o(tx_tkeep), .tx_tlast_o(tx_tlast), .tx_tvalid_o(tx_tvalid),
    .tx_tready_i(tx_tready)
  );

  // ---------------------------------------------------------------- random numbers
  longint unsigned rng = 64'h9E37_79B9_7F4A_7C15;
  function automatic longint unsigned rnd();
    rng = rng ^ (rng << 13);
    rng = rng ^ (rng >> 7);
    rng = rng ^ (rng << 17);
    return rng;
  endfunction
  function automatic int unsigned urange(int unsigned lo, int unsigned hi);   // lo..hi
    return lo + int'(rnd() % longint'(hi - lo + 1));
  endfunction

  // ---------------------------------------------------------------- checks
  integer errors = 0;
  task automatic fail(input string what);
    if (errors == 0) $display("FAIL pcie_dma_wr: %0s (cycle %0d)", what, cyc);
    else if (errors < 5) $display("pcie_dma_wr_tb: also: %0s (cycle %0d)", what, cyc);
    errors = errors + 1;
  endtask

  // ---------------------------------------------------------------- requests and data
  localparam integer MAXREQ = 4096;
  longint unsigned rq_addr [MAXREQ];
  int unsigned     rq_len [MAXREQ];
  int n_req = 0;        // requests in the list
  int n_taken = 0;      // requests handed over (wr_req handshake)
  int d_req = 0;        // data driver: request and byte offset of the next word
  int unsigned d_off = 0;
  int m_req = 0;        // monitor: request and byte offset the next TLP must continue
  int unsigned m_off = 0;
  int n_done = 0;       // wr_done pulses
  longint cyc = 0;
  bit drop_mode = 1'b0; // bus mastering off: no TLP may appear
  int req_gap_pct = 30, data_gap_pct = 20, ready_pct = 70;

  // The engine's byte at offset o of request k.
  function automatic [7:0] data_byte(int k, int unsigned o);
    longint unsigned x;
    x = (longint'(k) << 32) ^ longint'(o) ^ 64'h5DEE_CE66_D1CE_4E5B;
    x = x * 64'h9E37_79B9_7F4A_7C15;
    return x[47:40];
  endfunction
  // A partial write (len < 8) has one word, its bytes in their lanes; the other lanes carry
  // junk, which no TLP may write.
  function automatic [63:0] data_word(int k, int unsigned o);
    if (rq_len[k] < 8) begin
      for (int b = 0; b < 8; b++) begin
        int off = b - int'(rq_addr[k][2:0]);
        data_word[8*b +: 8] = (off >= 0 && off < int'(rq_len[k])) ? data_byte(k, off)
                                                                 : ~data_byte(k, 100 + b);
      end
    end else
      for (int b = 0; b < 8; b++) data_word[8*b +: 8] = data_byte(k, o + b);
  endfunction
  function automatic [7:0] part_mask(int k);
    return 8'(((1 << rq_len[k]) - 1) << rq_addr[k][2:0]);
  endfunction

  task automatic add_req(longint unsigned addr, int unsigned len);
    if (n_req >= MAXREQ) begin fail("request list full"); return; end
    rq_addr[n_req] = addr;
    rq_len[n_req] = len;
    n_req = n_req + 1;
  endtask

  // Request driver: offers the next request, with random gaps.
  always @(posedge clk) begin
    cyc <= cyc + 1;
    if (rst_n) begin
      automatic int next = n_taken;
      if (wr_req_valid && wr_req_ready) begin
        next = n_taken + 1;
        n_taken <= next;
      end
      if (next < n_req && (!wr_req_valid || wr_req_ready) && urange(1, 100) > req_gap_pct) begin
        wr_req_valid <= 1'b1;
        wr_req_addr <= rq_addr[next];
        wr_req_len <= rq_len[next][23:0];
      end else if (wr_req_valid && wr_req_ready) begin
        wr_req_valid <= 1'b0;
      end
    end
  end

  // Data driver: the words of the listed requests in order; a word offered stays until taken.
  always @(posedge clk) begin
    if (rst_n) begin
      automatic int k = d_req;
      automatic int unsigned o = d_off;
      if (wr_data_valid && wr_data_ready) begin
        o = o + 8;
        if (o >= rq_len[k]) begin k = k + 1; o = 0; end
        d_req <= k;
        d_off <= o;
      end
      if (wr_data_valid && !wr_data_ready) begin
        // hold
      end else if (k < n_req && urange(1, 100) > data_gap_pct) begin
        wr_data_valid <= 1'b1;
        wr_data <= data_word(k, o);
      end else begin
        wr_data_valid <= 1'b0;
      end
    end
  end

  // (The phases below change the request list and the configuration at falling edges, so
  // the clocked blocks and the DUT never race with them.)
  // TX monitor: collects beats, decodes each TLP, checks wr_done timing.
  logic [63:0] beats [$];
  logic [7:0]  keeps [$];
  longint done_due [$];   // cycles in which wr_done must be high
  longint tx_first = -1, tx_last = -1;
  longint unsigned tx_bytes = 0;

  function automatic int unsigned mps_bytes();
    return 128 << (cfg_dcommand[7:5] > 5 ? 5 : cfg_dcommand[7:5]);
  endfunction

  task automatic decode_tlp();
    logic [31:0] dw [$];
    logic [31:0] dw0, dw1;
    int unsigned len, hdr, total, nb;
    longint unsigned addr;
    bit hdr4, part;
    logic [7:0] m;
    for (int i = 0; i < beats.size(); i++) begin
      dw.push_back(beats[i][31:0]);
      if (keeps[i] == 8'hFF) dw.push_back(beats[i][63:32]);
      else if (keeps[i] != 8'h0F) fail($sformatf("tkeep %02x", keeps[i]));
      if (keeps[i] != 8'hFF && i != beats.size() - 1) fail("tkeep 0F before the last beat");
    end
    if (dw.size() < 4) begin fail("TLP shorter than a header and one DW"); return; end
    dw0 = dw[0];
    dw1 = dw[1];
    if (dw0[31:29] != 3'b010 && dw0[31:29] != 3'b011) fail($sformatf("Fmt %03b is not MWr", dw0[31:29]));
    if (dw0[28:24] != 5'b00000) fail($sformatf("Type %05b is not memory", dw0[28:24]));
    if (dw0[23:10] != 14'd0) fail($sformatf("DW0 [23:10] = %04x: TC/attr/TH/TD/EP/AT not 0", dw0[23:10]));
    hdr4 = dw0[29];
    hdr = hdr4 ? 4 : 3;
    len = dw0[9:0] == 0 ? 1024 : dw0[9:0];
    if (dw1[31:16] != RID) fail($sformatf("requester ID %04x", dw1[31:16]));
    if (dw1[15:8] != 8'd0) fail($sformatf("tag %02x, expected 0", dw1[15:8]));
    part = m_req < n_req && rq_len[m_req] < 8;
    if (part) begin
      // Base spec byte-enable rules: 1 DW: first BE only, last BE 0; 2 DWs: both non-zero.
      m = part_mask(m_req);
      if (len != ((m[3:0] != 0 && m[7:4] != 0) ? 2 : 1))
        fail($sformatf("partial write of mask %02x: length %0d DWs", m, len));
      if (dw1[3:0] != (m[3:0] != 0 ? m[3:0] : m[7:4])) fail($sformatf("partial: first BE %x, mask %02x", dw1[3:0], m));
      if (dw1[7:4] != (len == 2 ? m[7:4] : 4'h0)) fail($sformatf("partial: last BE %x, mask %02x", dw1[7:4], m));
    end else begin
      if (dw1[3:0] != 4'hF) fail($sformatf("first BE %x", dw1[3:0]));
      if (dw1[7:4] != (len == 1 ? 4'h0 : 4'hF)) fail($sformatf("last BE %x", dw1[7:4]));
    end
    total = hdr + len;
    nb = (total + 1) / 2;
    if (beats.size() != nb || dw.size() != total)
      begin fail($sformatf("TLP of %0d beats/%0d DWs, length %0d wants %0d/%0d", beats.size(), dw.size(), len, nb, total)); return; end
    if (hdr4) begin
      addr = {dw[2], dw[3]};
      if (dw[2] == 32'd0) fail("4-DW header for an address below 4 GiB");
    end else begin
      addr = {32'd0, dw[2]};
    end
    if (part) begin
      if (addr != (rq_addr[m_req] & ~64'h7) + ((m[3:0] == 0) ? 4 : 0))
        fail($sformatf("partial write at %016x: TLP address %016x", rq_addr[m_req], addr));
    end else begin
      if (addr[2:0] != 3'd0) fail($sformatf("address %016x not 8-byte aligned", addr));
      if (len % 2 != 0) fail("odd length");
    end
    if (len * 4 > mps_bytes()) fail($sformatf("length %0d B over max payload %0d", len * 4, mps_bytes()));
    if (len * 4 > 256) fail("length over the 256-byte cap");
    if ((addr & 64'hFFF) + len * 4 > 4096) fail($sformatf("TLP at %016x, %0d B crosses 4 KiB", addr, len * 4));
    if (drop_mode) fail("TLP sent with bus mastering off");
    if (m_req >= n_req) begin fail("TLP beyond the requests"); return; end
    if (part) begin
      // The enabled bytes only, each the request's byte at its address.
      for (int j = 0; j < len; j++)
        for (int b = 0; b < 4; b++) begin
          int lane = int'(addr[2:0]) + 4*j + b;
          if (m[lane] && dw[hdr + j][31 - 8*b -: 8] !== data_byte(m_req, lane - int'(rq_addr[m_req][2:0])))
            fail($sformatf("partial payload lane %0d: %02x", lane, dw[hdr + j][31 - 8*b -: 8]));
        end
      tx_bytes = tx_bytes + rq_len[m_req];
      m_req = m_req + 1;
      m_off = 0;
      done_due.push_back(cyc + 1);
      return;
    end
    if (addr != rq_addr[m_req] + m_off)
      fail($sformatf("TLP address %016x, expected %016x (request %0d offset %0d)", addr, rq_addr[m_req] + m_off, m_req, m_off));
    if (m_off + len * 4 > rq_len[m_req]) fail("TLP beyond the end of its request");
    for (int j = 0; j < len; j++)
      for (int b = 0; b < 4; b++)
        if (dw[hdr + j][31 - 8*b -: 8] !== data_byte(m_req, m_off + 4*j + b)) begin
          fail($sformatf("payload byte at %016x: %02x, expected %02x", addr + 4*j + b,
                         dw[hdr + j][31 - 8*b -: 8], data_byte(m_req, m_off + 4*j + b)));
          j = len;
          break;
        end
    tx_bytes = tx_bytes + len * 4;
    m_off = m_off + len * 4;
    if (m_off >= rq_len[m_req]) begin
      m_req = m_req + 1;
      m_off = 0;
      done_due.push_back(cyc + 1);
    end
  endtask

  always @(posedge clk) begin
    if (rst_n) begin
      if (tx_tvalid && tx_tready) begin
        beats.push_back(tx_tdata);
        keeps.push_back(tx_tkeep);
        if (tx_first < 0) tx_first = cyc;
        tx_last = cyc;
        if (tx_tlast) begin
          decode_tlp();
          beats.delete();
          keeps.delete();
        end
      end
      if (wr_done) begin
        n_done = n_done + 1;
        if (drop_mode) begin
          // Dropped requests complete without TLPs.
        end else if (done_due.size() == 0 || done_due[0] != cyc)
          fail("wr_done without a request's last beat taken in the cycle before");
        else void'(done_due.pop_front());
      end else if (done_due.size() != 0 && done_due[0] <= cyc) begin
        fail("no wr_done in the cycle after a request's last beat");
        void'(done_due.pop_front());
      end
      tx_tready <= urange(1, 100) <= ready_pct;
    end
  end

  // Waits until every listed request is done (or the wait is too long).
  task automatic wait_all(input string what);
    longint t0 = cyc;
    while (n_done < n_req && cyc - t0 < 2000000) @(negedge clk);
    if (n_done < n_req) fail($sformatf("%0s: %0d of %0d requests done", what, n_done, n_req));
    repeat (20) @(negedge clk);
    if (!drop_mode && m_req != n_req) fail($sformatf("%0s: TLPs for %0d of %0d requests", what, m_req, n_req));
  endtask

  function automatic longint unsigned rand_addr();
    longint unsigned a;
    case (urange(0, 5))
      0: a = rnd() & 64'h0000_0000_FFFF_FFF8;                        // below 4 GiB
      1: a = rnd() & 64'h0000_FFFF_FFFF_FFF8;                        // anywhere (48 bits)
      2: a = (rnd() & 64'h0000_0000_FFFF_F000) + 64'hFC0 + 8 * urange(0, 7);  // near 4 KiB
      3: a = 64'h0000_0000_FFFF_F000 + 8 * urange(0, 511);           // just below 4 GiB
      4: a = rnd() & 64'hFFFF_FFFF_FFFF_FFF8;                        // any 64 bits
      default: a = (rnd() & 64'h0000_000F_FFFF_FF00) + 8 * urange(0, 31);
    endcase
    return a;
  endfunction
  // A partial write: 1..7 bytes within one aligned word.
  task automatic add_part(longint unsigned word_addr);
    int unsigned len = urange(1, 7);
    add_req((word_addr & ~64'h7) + urange(0, 8 - len), len);
  endtask
  function automatic int unsigned rand_len();
    case (urange(0, 9))
      0, 1, 2: return 8 * urange(1, 8);
      3, 4, 5: return 8 * urange(1, 64);
      6, 7:    return 8 * urange(1, 512);
      8:       return 8 * urange(512, 2048);
      default: return 256 * urange(1, 8);
    endcase
  endfunction

  int seed = 1;
  real bpc;
  initial begin
    if ($value$plusargs("seed=%d", seed)) ;
    $display("pcie_dma_wr_tb: seed %0d", seed);
    rng = rng ^ (longint'(seed) * 64'hD1B5_4A32_D192_ED03);
    void'(rnd());
    repeat (4) @(negedge clk);
    rst_n = 1'b1;
    @(negedge clk);

    // 1. Directed: 3-DW, 4-DW, a 4 KiB crossing, a 4 GiB crossing, a long unaligned write.
    add_req(64'h0000_0000_0000_1000, 8);
    add_req(64'h0000_0001_0000_0000, 8);
    add_req(64'h0000_0000_0000_2FF8, 16);
    add_req(64'h0000_0000_FFFF_FFF8, 16);
    add_req(64'h0000_0000_1234_5678 & ~64'h7, 4096);
    add_req(64'hFEDC_BA98_7654_3210, 520);
    wait_all("directed");
    // Partial writes: every lane and length, 3-DW and 4-DW, one half or both.
    for (int a = 0; a < 8; a++)
      for (int l = 1; a + l <= 8 && l < 8; l++) begin
        add_req(64'h0000_0000_0000_3000 + 64'(a), l);
        add_req(64'h0000_0002_0000_0100 + 64'(a), l);
      end
    wait_all("partial writes");
    // Latency of a 1-byte write (3-DW header): listed (the driver offers it at the next
    // edge) to its wr_done.
    begin
      longint t0, t1;
      repeat (10) @(negedge clk);
      ready_pct = 100; req_gap_pct = 0; data_gap_pct = 0;
      repeat (2) @(negedge clk);
      t0 = cyc;
      add_req(64'h0000_0000_0000_4005, 1);
      while (n_done < n_req && cyc - t0 < 100) @(negedge clk);
      t1 = cyc;
      wait_all("one byte");
      $display("pcie_dma_wr_tb: a 1-byte write: wr_done %0d cycles after it was listed", t1 - t0);
      if (t1 - t0 > 8) fail($sformatf("1-byte write took %0d cycles", t1 - t0));
      ready_pct = 70; req_gap_pct = 30; data_gap_pct = 20;
    end

    // 2. Random requests under random back-pressure, max payload size 128 to 4096.
    for (int batch = 0; batch < 12 && errors == 0; batch++) begin
      cfg_dcommand = {8'h20, urange(0, 5) == 5 ? 3'd5 : 3'(urange(0, 2)), 5'd0};
      req_gap_pct = urange(0, 60);
      data_gap_pct = urange(0, 50);
      ready_pct = urange(30, 100);
      for (int i = 0; i < 60; i++)
        if (urange(0, 5) == 0) add_part(rand_addr()); else add_req(rand_addr(), rand_len());
      wait_all($sformatf("random batch %0d", batch));
    end

    // 3. Bus mastering off: writes are taken and dropped, wr_done still pulses.
    drop_mode = 1'b1;
    cfg_command = 16'h0002;
    m_req = n_req + 4;   // the monitor expects nothing from these
    for (int i = 0; i < 3; i++) add_req(rand_addr(), rand_len());
    add_part(rand_addr());
    wait_all("bus mastering off");
    drop_mode = 1'b0;
    cfg_command = 16'h0006;
    m_req = n_req;
    m_off = 0;

    // 4. Throughput: 256-byte payloads, no back-pressure, 4 KiB-aligned 16 KiB requests.
    cfg_dcommand = 16'h2020;
    req_gap_pct = 0;
    data_gap_pct = 0;
    ready_pct = 100;
    repeat (4) @(negedge clk);
    tx_first = -1;
    tx_bytes = 0;
    for (int i = 0; i < 16; i++) add_req(64'h0000_0002_0000_0000 + i * 16384, 16384);
    wait_all("throughput");
    bpc = real'(tx_bytes) / real'(tx_last - tx_first + 1);
    $display("pcie_dma_wr_tb: %0d bytes in %0d cycles: %0.2f bytes/cycle (4-DW, 16 KiB requests)",
             tx_bytes, tx_last - tx_first + 1, bpc);
    if (bpc < 0.85 * 8.0) fail($sformatf("throughput %0.2f bytes/cycle below 85%% of 8", bpc));
    // 3-DW, 256-byte requests back to back.
    tx_first = -1;
    tx_bytes = 0;
    for (int i = 0; i < 64; i++) add_req(64'h0000_0000_8000_0000 + i * 256, 256);
    wait_all("throughput 256");
    bpc = real'(tx_bytes) / real'(tx_last - tx_first + 1);
    $display("pcie_dma_wr_tb: %0d bytes in %0d cycles: %0.2f bytes/cycle (3-DW, 256-byte requests)",
             tx_bytes, tx_last - tx_first + 1, bpc);
    if (bpc < 0.85 * 8.0) fail($sformatf("throughput %0.2f bytes/cycle below 85%% of 8", bpc));

    if (n_done != n_req) fail($sformatf("%0d wr_done pulses for %0d requests", n_done, n_req));
    if (errors == 0) $display("PASS pcie_dma_wr");
    $finish;
  end

  initial begin
    repeat (5000000) @(posedge clk);
    if (errors == 0) $display("FAIL pcie_dma_wr: timeout");
    $finish;
  end
endmodule

`default_nettype wire
