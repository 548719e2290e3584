// Self-checking testbench for pcie_bar0: every request type, byte enables, header sizes,
// lengths, UR and drops, holes, back-pressure and register-bus latency, against a model.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "pcie_tlp.vh"

// The bench keeps two copies of the register file: `regs`, changed only by the register-bus
// model when the DUT accesses it, and `shadow`, changed by the TLP generator, which also
// predicts each TLP's register accesses (in order, with byte enables and data), its
// completion (every header field, decoded from the received TLP, and its data) and whether
// it counts as a bad request. Run with +seed=N to replay a random run.
module pcie_bar0_tb;
  localparam int BAR0_BITS = 16;
  localparam int NREG = 1 << (BAR0_BITS - 2);
  localparam int HOLE_LO = 'h3000, HOLE_HI = 'h3100;   // DW offsets without a register
  localparam int MAX_LAT = 4;                           // register-bus ack latency 0..4

  logic clk = 1'b0, rst_n = 1'b0;
  logic [7:0]  cfg_bus = 8'h3A;
  logic [4:0]  cfg_dev = 5'h11;
  logic [2:0]  cfg_fn = 3'h5;
  logic [15:0] cfg_cmd = 16'h0006;
  logic [63:0] rx_tdata = '0;
  logic        rx_tlast = 1'b0, rx_tvalid = 1'b0, rx_bar0 = 1'b0;
  wire         rx_tready;
  wire  [63:0] tx_tdata;
  wire  [7:0]  tx_tkeep;
  wire         tx_tlast, tx_tvalid;
  logic        tx_tready = 1'b1;
  wire         reg_req, reg_we;
  wire  [3:0]  reg_be;
  wire  [BAR0_BITS-1:0] reg_addr;
  wire  [31:0] reg_wdata;
  logic        reg_ack = 1'b0, reg_err = 1'b0;
  logic [31:0] reg_rdata = '0;
  wire  [15:0] stat;

  pcie_bar0 #(.BAR0_BITS(BAR0_BITS)) dut (
    .clk_i(clk), .rst_ni(rst_n),
    .cfg_bus_number_i(cfg_bus), .cfg_device_number_i(cfg_dev), .cfg_function_number_i(cfg_fn),
    .cfg_command_i(cfg_cmd),
    .rx_tdata_i(rx_tdata), .rx_tlast_i(rx_tlast), .rx_tvalid_i(rx_tvalid), .rx_tready_o(rx_tready),
    .rx_bar0_i(rx_bar0),
    .tx_tdata_o(tx_tdata), .tx_tkeep_o(tx_tkeep), .tx_tlast_o(tx_tlast), .tx_tvalid_o(tx_tvalid),
    .tx_tready_i(tx_tready),
    .reg_req_o(reg_req), .reg_we_o(reg_we), .reg_be_o(reg_be), .reg_addr_o(reg_addr),
    .reg_wdata_o(reg_wdata), .reg_ack_i(reg_ack), .reg_rdata_i(reg_rdata), .reg_err_i(reg_err),
    .stat_bad_requests_o(stat)
  );

  initial forever #5 clk = ~clk;

  int unsigned errors = 0, seed = 1;
  task automatic fail(string why);
    if (errors < 20) $display("FAIL pcie_bar0: %s (seed %0d, time %0t)", why, seed, $time);
    errors++;
  endtask

  function automatic logic [31:0] bswap(logic [31:0] d);
    return {d[7:0], d[15:8], d[23:16], d[31:24]};
  endfunction

  // ---------------------------------------------------------------- models
  logic [31:0] regs [NREG];
  logic [31:0] shadow [NREG];
  function automatic bit hole(int off);
    return off >= HOLE_LO && off < HOLE_HI;
  endfunction

  typedef struct packed {
    logic        we;
    logic [15:0] addr;
    logic [3:0]  be;
    logic [31:0] wdata;
  } acc_t;
  acc_t exp_acc[$];
  function automatic string acc_str(acc_t a);
    return $sformatf("%s %h be %b data %h", a.we ? "write" : "read", a.addr, a.be, a.wdata);
  endfunction

  typedef struct packed {
    logic [2:0]  fmt;
    logic [4:0]  typ;
    logic        t9, t8;
    logic [2:0]  tc;
    logic [2:0]  attr;   // {attr[2], attr[1:0]}
    logic [9:0]  len;
    logic [2:0]  status;
    logic [11:0] bc;
    logic [15:0] rid;
    logic [7:0]  tag;
    logic [6:0]  la;
  } cpl_t;
  cpl_t exp_cpl[$];
  logic [31:0] exp_data[$];   // payload DWs of the expected completions, wire order, in order
  int exp_bad = 0;

  typedef struct packed { logic [63:0] data; logic last; logic bar0; } beat_t;
  beat_t rx_q[$];

  // Puts a TLP (DWs in wire order) on the RX queue.
  task automatic send(logic [31:0] dws[$], bit bar0);
    for (int i = 0; i < dws.size(); i += 2) begin
      beat_t b;
      b.data = {i + 1 < dws.size() ? dws[i + 1] : 32'd0, dws[i]};
      b.last = i + 2 >= dws.size();
      b.bar0 = bar0;
      rx_q.push_back(b);
    end
  endtask

  // Request header fields the generator randomizes.
  typedef struct packed {
    logic [15:0] rid;
    logic [7:0]  tag;
    logic        t9, t8;
    logic [2:0]  tc;
    logic [2:0]  attr;
  } ids_t;
  function automatic ids_t rnd_ids();
    ids_t r;
    r.rid = 16'($urandom); r.tag = 8'($urandom); r.t9 = 1'($urandom); r.t8 = 1'($urandom);
    r.tc = 3'($urandom); r.attr = 3'($urandom);
    return r;
  endfunction
  function automatic logic [31:0] hdr_dw0(logic [2:0] fmt, logic [4:0] typ, ids_t ids, bit td,
                                          bit ep, logic [9:0] len);
    return {fmt, typ, ids.t9, ids.tc, ids.t8, ids.attr[2], 1'b0, 1'b0, td, ep, ids.attr[1:0],
            2'b00, len};
  endfunction

  // Byte count and lower address of a memory read completion, from the spec's tables.
  function automatic int lowest(logic [3:0] be);
    for (int b = 0; b < 4; b++) if (be[b]) return b;
    return 0;
  endfunction
  function automatic int highest(logic [3:0] be);
    for (int b = 3; b >= 0; b--) if (be[b]) return b;
    return 0;
  endfunction
  function automatic logic [11:0] rd_bc(int len, logic [3:0] fbe, logic [3:0] lbe);
    int n;
    if (len == 1) n = fbe == 0 ? 1 : highest(fbe) - lowest(fbe) + 1;
    else n = 4 * len - lowest(fbe) - (3 - highest(lbe));
    return 12'(n);   // 4096 is coded 0
  endfunction

  function automatic cpl_t mk_cpl(ids_t ids, bit lk, logic [2:0] status, int len,
                                  logic [11:0] bc, logic [6:0] la);
    cpl_t c;
    c.fmt = len > 0 ? `TLP_FMT_3DW_DATA : `TLP_FMT_3DW;
    c.typ = lk ? `TLP_TYPE_CPL_LK : `TLP_TYPE_CPL;
    c.t9 = ids.t9; c.t8 = ids.t8; c.tc = ids.tc; c.attr = ids.attr;
    c.len = 10'(len); c.status = status; c.bc = bc; c.rid = ids.rid; c.tag = ids.tag; c.la = la;
    return c;
  endfunction

  // A memory read or write; off is the DW offset in BAR0 (any value: out of range is tested).
  task automatic mem(bit wr, bit hdr4, int off, int len, logic [3:0] fbe, logic [3:0] lbe,
                     bit bar0 = 1, bit ep = 0, bit td = 0, logic [31:0] addr_hi = 32'h0000_0001,
                     int short_by = 0);
    logic [31:0] dws[$];
    logic [31:0] vals[$];
    ids_t ids = rnd_ids();
    logic [63:0] addr = {hdr4 ? addr_hi : 32'd0, 32'h8000_0000 | 32'(off * 4)};
    bit ok, any_hole;
    int nlen = len == 1024 ? 0 : len;
    dws.delete();   // (Verilator 5.006 keeps local queues from call to call)
    vals.delete();
    dws.push_back(hdr_dw0(wr ? (hdr4 ? `TLP_FMT_4DW_DATA : `TLP_FMT_3DW_DATA)
                             : (hdr4 ? `TLP_FMT_4DW : `TLP_FMT_3DW),
                          `TLP_TYPE_MEM, ids, td, ep, 10'(nlen)));
    dws.push_back({ids.rid, ids.tag, lbe, fbe});
    if (hdr4) dws.push_back(addr[63:32]);
    dws.push_back({addr[31:2], 2'b00});
    if (wr) for (int i = 0; i < len - short_by; i++) begin
      vals.push_back($urandom);
      dws.push_back(bswap(vals[i]));
    end
    if (td) dws.push_back($urandom);   // the digest DW, ignored
    send(dws, bar0);

    ok = bar0 && cfg_cmd[1] && len <= 64 && off + len <= NREG &&
         (len == 1 ? lbe == 0 : (fbe != 0 && lbe != 0)) && !(wr && ep);
    if (!ok) begin
      exp_bad++;
      if (!wr) begin
        exp_cpl.push_back(mk_cpl(ids, 0, `TLP_CPL_UR, 0, rd_bc(len, fbe, lbe),
                                 {addr[6:2], 2'(lowest(fbe))}));
      end
      return;
    end
    any_hole = 0;
    for (int k = 0; k < len; k++) begin
      logic [3:0] be = k == 0 ? fbe : k == len - 1 ? lbe : 4'hF;
      acc_t a;
      if (wr && k >= len - short_by) break;
      if (!wr && any_hole) break;
      if (be == 0) continue;   // the 1-DW zero-length access: no bus cycle
      a.we = wr; a.addr = 16'((off + k) * 4); a.be = be; a.wdata = wr ? vals[k] : 32'd0;
      exp_acc.push_back(a);
      if (hole(off + k)) any_hole = 1;
      else if (wr) for (int b = 0; b < 4; b++) if (be[b]) shadow[off + k][8*b +: 8] = vals[k][8*b +: 8];
    end
    if (any_hole || short_by > 0) exp_bad++;
    if (!wr) begin
      if (any_hole) begin
        exp_cpl.push_back(mk_cpl(ids, 0, `TLP_CPL_UR, 0, rd_bc(len, fbe, lbe),
                                 {addr[6:2], 2'(lowest(fbe))}));
      end else begin
        exp_cpl.push_back(mk_cpl(ids, 0, `TLP_CPL_SC, len, rd_bc(len, fbe, lbe),
                                 {addr[6:2], 2'(lowest(fbe))}));
        for (int k = 0; k < len; k++)
          exp_data.push_back(len == 1 && fbe == 0 ? 32'd0 : bswap(shadow[off + k]));
      end
    end
  endtask

  // Requests BAR0 never serves: I/O, configuration, atomics, locked reads (non-posted, UR);
  // messages, stray completions, TLP prefixes (posted or not requests: dropped).
  localparam int K_IORD = 0, K_IOWR = 1, K_CFGRD0 = 2, K_CFGWR1 = 3, K_FETCHADD = 4,
                 K_SWAP = 5, K_CAS = 6, K_MRDLK = 7, K_MSG = 8, K_MSGD = 9, K_CPL = 10,
                 K_CPLD = 11, K_CPLLK = 12, K_PREFIX = 13, K_NKINDS = 14;
  task automatic other(int kind, bit hdr4 = 0);
    logic [31:0] dws[$];
    ids_t ids = rnd_ids();
    logic [3:0] fbe = 4'($urandom), lbe = 4'd0;
    int len = 1, ndata = 0;
    logic [2:0] fmt;
    logic [4:0] typ;
    bit np = 1, lk = 0, bar0 = 0;
    logic [11:0] bc = 12'd4;
    logic [6:0] la = 7'd0;
    logic [31:0] a_lo = {$urandom} & 32'hFFFF_FFFC;
    dws.delete();
    case (kind)
      K_IORD:     begin fmt = `TLP_FMT_3DW; typ = `TLP_TYPE_IO; end
      K_IOWR:     begin fmt = `TLP_FMT_3DW_DATA; typ = `TLP_TYPE_IO; ndata = 1; end
      K_CFGRD0:   begin fmt = `TLP_FMT_3DW; typ = `TLP_TYPE_CFG0; end
      K_CFGWR1:   begin fmt = `TLP_FMT_3DW_DATA; typ = `TLP_TYPE_CFG1; ndata = 1; end
      K_FETCHADD, K_SWAP: begin
        fmt = hdr4 ? `TLP_FMT_4DW_DATA : `TLP_FMT_3DW_DATA;
        typ = kind == K_SWAP ? `TLP_TYPE_SWAP : `TLP_TYPE_FETCHADD;
        len = $urandom_range(1, 2); ndata = len; fbe = 4'hF; lbe = len == 2 ? 4'hF : 4'h0;
        bc = 12'(4 * len); bar0 = 1;
      end
      K_CAS: begin
        fmt = hdr4 ? `TLP_FMT_4DW_DATA : `TLP_FMT_3DW_DATA; typ = `TLP_TYPE_CAS;
        len = 2 << $urandom_range(0, 2); ndata = len; fbe = 4'hF; lbe = 4'hF;
        bc = 12'(2 * len); bar0 = 1;
      end
      K_MRDLK: begin
        fmt = hdr4 ? `TLP_FMT_4DW : `TLP_FMT_3DW; typ = `TLP_TYPE_MEM_LK; lk = 1; bar0 = 1;
        len = $urandom_range(1, 4);
        if (len > 1) begin fbe = 4'b1110; lbe = 4'b0011; end
        bc = rd_bc(len, fbe, lbe); la = {a_lo[6:2], 2'(lowest(fbe))};
      end
      K_MSG:      begin fmt = `TLP_FMT_4DW; typ = 5'b10100; np = 0; end
      K_MSGD:     begin fmt = `TLP_FMT_4DW_DATA; typ = 5'b10010; np = 0; len = 3; ndata = 3; end
      K_CPL:      begin fmt = `TLP_FMT_3DW; typ = `TLP_TYPE_CPL; np = 0; end
      K_CPLD:     begin fmt = `TLP_FMT_3DW_DATA; typ = `TLP_TYPE_CPL; np = 0; len = 2; ndata = 2; end
      K_CPLLK:    begin fmt = `TLP_FMT_3DW; typ = `TLP_TYPE_CPL_LK; np = 0; end
      default:    begin fmt = `TLP_FMT_PREFIX; typ = 5'b10000; np = 0; ndata = 2; end
    endcase
    dws.push_back(hdr_dw0(fmt, typ, ids, 0, 0, 10'(len)));
    dws.push_back({ids.rid, ids.tag, lbe, fbe});
    if (fmt[0]) dws.push_back($urandom);
    dws.push_back(a_lo);
    for (int i = 0; i < ndata; i++) dws.push_back($urandom);
    send(dws, bar0);
    exp_bad++;
    if (np) exp_cpl.push_back(mk_cpl(ids, lk, `TLP_CPL_UR, 0, bc, la));
  endtask

  // ---------------------------------------------------------------- RX driver
  int rx_gap = 0;        // percent of cycles with no beat offered
  logic rx_taken = 1'b0;
  always @(posedge clk) rx_taken <= rx_tvalid & rx_tready;
  initial forever begin
    beat_t b;
    @(negedge clk);
    if (rx_tvalid && rx_taken) rx_tvalid = 1'b0;
    if (!rx_tvalid && rx_q.size() > 0 && $urandom_range(0, 99) >= rx_gap) begin
      b = rx_q.pop_front();
      rx_tdata = b.data; rx_tlast = b.last; rx_bar0 = b.bar0; rx_tvalid = 1'b1;
    end
  end

  // ---------------------------------------------------------------- register bus model
  int n_acc = 0;
  initial begin
    int lat = -1;
    acc_t held;
    forever begin
      @(negedge clk);
      reg_ack = 1'b0; reg_err = 1'b0; reg_rdata = 32'hXXXX_XXXX;
      if (reg_req) begin
        acc_t cur;
        cur.we = reg_we; cur.addr = 16'(reg_addr); cur.be = reg_be; cur.wdata = reg_we ? reg_wdata : 32'd0;
        if (lat < 0) begin
          held = cur;
          lat = $urandom_range(0, MAX_LAT);
        end else if (cur !== held) fail("register request changed before its ack");
        if (lat == 0) begin
          int off;
          off = int'(reg_addr) / 4;
          reg_ack = 1'b1;
          reg_err = hole(off);
          if (reg_addr[1:0] != 0) fail("register address not DW-aligned");
          if (exp_acc.size() == 0) fail($sformatf("unexpected register access: %s", acc_str(cur)));
          else begin
            acc_t e;
            e = exp_acc.pop_front();
            if (e !== cur) fail($sformatf("register access: %s, expected %s", acc_str(cur), acc_str(e)));
          end
          if (!hole(off)) begin
            if (reg_we) begin
              for (int b = 0; b < 4; b++) if (reg_be[b]) regs[off][8*b +: 8] = reg_wdata[8*b +: 8];
            end else reg_rdata = regs[off];
          end else if (!reg_we) reg_rdata = $urandom;
          n_acc++;
        end
        lat--;
      end
    end
  end

  // ---------------------------------------------------------------- TX monitor
  int tx_ready_pct = 100;
  bit no_idle_between = 0;   // check that queued completions leave back to back
  initial forever begin
    @(negedge clk);
    tx_tready = $urandom_range(0, 99) < tx_ready_pct;
  end

  logic [31:0] rx_dws[$];
  int n_cpl = 0;
  logic [63:0] prev_data;
  logic prev_stall = 1'b0, prev_keep_last = 1'b0, in_tlp = 1'b0, prev_fire_last = 1'b0;
  logic [7:0] prev_keep;

  task automatic check_cpl(logic [31:0] d[$]);
    cpl_t e, g;
    if (exp_cpl.size() == 0) begin fail("unexpected completion"); return; end
    e = exp_cpl.pop_front();
    if (d.size() < 3) begin fail("completion shorter than its header"); return; end
    g.fmt = d[0][31:29]; g.typ = d[0][28:24]; g.t9 = d[0][23]; g.tc = d[0][22:20];
    g.t8 = d[0][19]; g.attr = {d[0][18], d[0][13:12]}; g.len = d[0][9:0];
    g.status = d[1][15:13]; g.bc = d[1][11:0];
    g.rid = d[2][31:16]; g.tag = d[2][15:8]; g.la = d[2][6:0];
    if (g.fmt !== e.fmt) fail($sformatf("cpl %0d Fmt %b, expected %b", n_cpl, g.fmt, e.fmt));
    if (g.typ !== e.typ) fail($sformatf("cpl %0d Type %b, expected %b", n_cpl, g.typ, e.typ));
    if ({g.t9, g.t8} !== {e.t9, e.t8}) fail($sformatf("cpl %0d tag bits 9:8", n_cpl));
    if (g.tc !== e.tc) fail($sformatf("cpl %0d TC %0d, expected %0d", n_cpl, g.tc, e.tc));
    if (g.attr !== e.attr) fail($sformatf("cpl %0d Attr %b, expected %b", n_cpl, g.attr, e.attr));
    if ({d[0][17:14], d[0][11:10]} !== 6'd0) fail($sformatf("cpl %0d LN/TH/TD/EP/AT not 0", n_cpl));
    if (g.len !== e.len) fail($sformatf("cpl %0d Length %0d, expected %0d", n_cpl, g.len, e.len));
    if (d[1][31:16] !== {cfg_bus, cfg_dev, cfg_fn}) fail($sformatf("cpl %0d completer ID %h", n_cpl, d[1][31:16]));
    if (g.status !== e.status) fail($sformatf("cpl %0d status %b, expected %b", n_cpl, g.status, e.status));
    if (d[1][12] !== 1'b0) fail($sformatf("cpl %0d BCM set", n_cpl));
    if (g.bc !== e.bc) fail($sformatf("cpl %0d byte count %0d, expected %0d", n_cpl, g.bc, e.bc));
    if (g.rid !== e.rid) fail($sformatf("cpl %0d requester ID %h, expected %h", n_cpl, g.rid, e.rid));
    if (g.tag !== e.tag) fail($sformatf("cpl %0d tag %h, expected %h", n_cpl, g.tag, e.tag));
    if (d[2][7] !== 1'b0) fail($sformatf("cpl %0d DW2 bit 7 set", n_cpl));
    if (g.la !== e.la) fail($sformatf("cpl %0d lower address %h, expected %h", n_cpl, g.la, e.la));
    if (d.size() != 3 + int'(e.len))
      fail($sformatf("cpl %0d has %0d DWs for Length %0d", n_cpl, d.size(), e.len));
    for (int i = 0; i < int'(e.len); i++) begin
      logic [31:0] w = exp_data.size() > 0 ? exp_data.pop_front() : 32'hDEAD_DEAD;
      if (3 + i < d.size() && d[3 + i] !== w)
        fail($sformatf("cpl %0d data DW %0d %h, expected %h", n_cpl, i, d[3 + i], w));
    end
    n_cpl++;
  endtask

  always @(posedge clk) begin
    // A beat offered and not taken must stay, unchanged.
    if (prev_stall && (!tx_tvalid || tx_tdata !== prev_data || tx_tkeep !== prev_keep ||
                       tx_tlast !== prev_keep_last))
      fail("TX beat changed while stalled");
    if (in_tlp && !tx_tvalid) fail("TX idle cycle inside a TLP");
    if (no_idle_between && prev_fire_last && !tx_tvalid && exp_cpl.size() > 0)
      fail("TX idle cycle between queued completions");
    prev_fire_last = tx_tvalid & tx_tready & tx_tlast;
    prev_stall = tx_tvalid & !tx_tready;
    prev_data = tx_tdata; prev_keep = tx_tkeep; prev_keep_last = tx_tlast;
    if (tx_tvalid && tx_tready) begin
      if (tx_tkeep != 8'hFF && !(tx_tkeep == 8'h0F && tx_tlast))
        fail($sformatf("tkeep %h on a %0s beat", tx_tkeep, tx_tlast ? "last" : "middle"));
      if (tx_tkeep == 8'h0F && tx_tdata[63:32] != 32'd0) fail("unused TX half not 0");
      rx_dws.push_back(tx_tdata[31:0]);
      if (tx_tkeep == 8'hFF) rx_dws.push_back(tx_tdata[63:32]);
      in_tlp = !tx_tlast;
      if (tx_tlast) begin
        check_cpl(rx_dws);
        rx_dws.delete();
      end
    end
  end

  // ---------------------------------------------------------------- sequencing
  task automatic drain(string what);
    int idle = 0, cycles = 0;
    while (idle < 60) begin
      @(posedge clk);
      cycles++;
      if (rx_q.size() == 0 && !rx_tvalid && exp_acc.size() == 0 && exp_cpl.size() == 0 && !in_tlp)
        idle++;
      else idle = 0;
      if (cycles > 300_000) begin
        errors = 0;
        fail($sformatf("stuck in %s: %0d beats to send, %0d accesses and %0d completions expected",
                       what, rx_q.size(), exp_acc.size(), exp_cpl.size()));
        $finish;
      end
    end
    if (int'(stat) != (exp_bad > 65535 ? 65535 : exp_bad))
      fail($sformatf("after %s: stat_bad_requests %0d, expected %0d", what, stat, exp_bad));
  endtask

  function automatic logic [3:0] rnd_be_ne0();
    logic [3:0] b;
    do b = 4'($urandom); while (b == 0);
    return b;
  endfunction

  task automatic random_tlp();
    int r = $urandom_range(0, 99);
    bit hdr4 = 1'($urandom);
    int len = $urandom_range(0, 3) == 0 ? $urandom_range(1, 64) : $urandom_range(1, 4);
    int off = $urandom_range(0, 7) == 0 ? HOLE_LO - 2 + $urandom_range(0, 3) : $urandom_range(0, 255);
    logic [3:0] fbe = len == 1 ? 4'($urandom) : rnd_be_ne0();
    logic [3:0] lbe = len == 1 ? 4'd0 : rnd_be_ne0();
    if (r < 40) mem(1, hdr4, off, len, fbe, lbe);
    else if (r < 80) mem(0, hdr4, off, len, fbe, lbe);
    else if (r < 85) mem(r[0], hdr4, off, len, fbe, lbe, 0);             // BAR miss
    else if (r < 88) mem(r[0], hdr4, off, 64 + $urandom_range(1, 8), 4'hF, 4'hF);   // too long
    else if (r < 90) mem(1, hdr4, off, len, fbe, lbe, 1, 1);             // poisoned write
    else if (r < 92) mem(r[0], hdr4, off, len, fbe, lbe, 1, 0, 1);       // with a digest
    else other($urandom_range(0, K_NKINDS - 1), hdr4);
  endtask

  initial begin
    if (!$value$plusargs("seed=%d", seed)) seed = 1;
    $display("pcie_bar0_tb: seed %0d", seed);
    void'($urandom(seed));   // seeds the generator behind $urandom and $urandom_range
    for (int i = 0; i < NREG; i++) begin
      regs[i] = 32'h1000_0000 + i * 32'h0001_0003;
      shadow[i] = regs[i];
    end
    repeat (3) @(negedge clk);
    rst_n = 1'b1;

    // Writes then reads, each header size, all 1-DW byte enables (0000: no bus cycle).
    for (int be = 0; be < 16; be++) begin
      mem(1, be[0], 16 + be, 1, 4'(be), 4'd0);
      mem(0, be[1], 16 + be, 1, 4'(be), 4'd0);
    end
    drain("1-DW reads and writes");
    // 4-DW headers whose upper address DW is 0 are accepted.
    mem(1, 1, 40, 2, 4'hF, 4'hF, 1, 0, 0, 32'd0);
    mem(0, 1, 40, 2, 4'hF, 4'hF, 1, 0, 0, 32'd0);
    // Multi-DW byte enables, contiguous and not (QW-aligned 2 DW), every length to 64.
    mem(1, 0, 64, 2, 4'b1010, 4'b0101);
    mem(0, 1, 64, 2, 4'b0101, 4'b1010);
    mem(0, 0, 65, 2, 4'b1000, 4'b0001);
    for (int len = 2; len <= 64; len++) begin
      mem(1, len[0], 100, len, rnd_be_ne0(), rnd_be_ne0());
      mem(0, len[1], 100 + len[2:0], len, rnd_be_ne0(), rnd_be_ne0());
    end
    mem(1, 0, 300, 64, 4'hF, 4'hF);
    mem(0, 0, 300, 64, 4'hF, 4'hF);
    mem(0, 1, 300, 64, 4'hE, 4'h7);
    drain("multi-DW reads and writes");
    // Too long: UR or dropped; Length 0 means 1024 DW (byte count 4096, coded 0).
    mem(0, 0, 0, 65, 4'hF, 4'hF);
    mem(1, 1, 0, 65, 4'hF, 4'hF);
    mem(0, 1, 0, 1024, 4'hF, 4'hF);
    mem(0, 0, 0, 1024, 4'hE, 4'h1);
    // Byte enables the spec forbids: 1 DW with a last BE, more with a BE of 0000.
    mem(0, 0, 8, 1, 4'hF, 4'h1);
    mem(0, 0, 8, 2, 4'h0, 4'hF);
    mem(1, 0, 8, 3, 4'hF, 4'h0);
    // BAR miss, past the end of BAR0, poisoned, memory space off.
    mem(0, 0, 8, 1, 4'hF, 4'h0, 0);
    mem(1, 1, 8, 4, 4'hF, 4'hF, 0);
    mem(0, 1, NREG - 2, 3, 4'hF, 4'hF);
    mem(0, 1, NREG - 3, 3, 4'hF, 4'hF);
    mem(1, 0, NREG - 1, 2, 4'hF, 4'hF);
    mem(1, 0, 8, 2, 4'hF, 4'hF, 1, 1);
    drain("malformed and missed requests");
    cfg_cmd = 16'h0004;
    mem(0, 0, 8, 1, 4'hF, 4'h0);
    mem(1, 0, 8, 1, 4'hF, 4'h0);
    drain("memory space disabled");
    cfg_cmd = 16'h0006;
    // Holes: reads stop at the first hole DW and get UR; writes go on, counted once.
    mem(0, 0, HOLE_LO, 1, 4'hF, 4'h0);
    mem(0, 0, HOLE_LO - 2, 4, 4'hF, 4'hF);
    mem(1, 0, HOLE_LO - 2, 4, 4'hF, 4'hF);
    mem(1, 1, HOLE_HI - 1, 3, 4'hF, 4'hF);
    mem(0, 1, HOLE_HI - 1, 1, 4'hF, 4'h0);
    // Digest DW after the TLP (TD set), a TLP of one beat, a write shorter than its Length.
    mem(1, 0, 200, 3, 4'hF, 4'hF, 1, 0, 1);
    mem(0, 1, 200, 3, 4'hF, 4'hF, 1, 0, 1);
    begin
      logic [31:0] runt[$] = '{32'h4000_0001, 32'h0000_000F};
      send(runt, 1);
      exp_bad++;
    end
    mem(1, 1, 210, 6, 4'hF, 4'hF, 1, 0, 0, 32'd1, 2);
    drain("holes and odd TLPs");
    // Everything BAR0 does not serve, each header size.
    for (int k = 0; k < K_NKINDS; k++) begin
      other(k, 0);
      other(k, 1);
    end
    drain("other request types");
    // A new completer ID is used.
    cfg_bus = 8'hC5; cfg_dev = 5'h02; cfg_fn = 3'h1;
    mem(0, 0, 20, 1, 4'hF, 4'h0);
    drain("completer ID change");

    // TX held: two completions wait, and posted writes still go through.
    tx_ready_pct = 0;
    mem(0, 0, 30, 1, 4'hF, 4'h0);
    mem(0, 0, 31, 64, 4'hF, 4'hF);
    repeat (200) @(posedge clk);
    for (int i = 0; i < 6; i++) mem(1, 0, 400 + i, 2, 4'hF, 4'hF);
    other(K_MSG); other(K_MSGD);
    repeat (400) @(posedge clk);
    if (exp_acc.size() != 0 || rx_q.size() != 0 || rx_tvalid)
      fail("posted requests blocked behind held completions");
    // Released, the held completions leave back to back.
    tx_ready_pct = 100;
    no_idle_between = 1;
    drain("held TX");
    no_idle_between = 0;

    // Random traffic, back-pressure and gaps.
    for (int phase = 0; phase < 4; phase++) begin
      tx_ready_pct = phase == 0 ? 100 : phase == 1 ? 50 : phase == 2 ? 10 : 80;
      rx_gap = phase == 2 ? 0 : phase * 20;
      for (int i = 0; i < 400; i++) begin
        random_tlp();
        while (rx_q.size() > 64) @(posedge clk);
      end
      drain($sformatf("random phase %0d", phase));
    end
    tx_ready_pct = 100;
    rx_gap = 0;

    // The counter saturates.
    for (int i = 0; i < 65536; i++) begin
      beat_t b;
      b.data = {32'd0, 32'h0000_0001}; b.last = 1; b.bar0 = 1;
      rx_q.push_back(b);
      exp_bad++;
    end
    drain("counter saturation");
    if (stat !== 16'hFFFF) fail("stat_bad_requests did not saturate");
    if (n_acc == 0 || n_cpl == 0) fail("no traffic");

    $display("pcie_bar0_tb: %0d register accesses, %0d completions, %0d bad requests", n_acc, n_cpl, exp_bad);
    if (errors == 0) $display("PASS pcie_bar0");
    $finish;
  end
endmodule

`default_nettype wire
