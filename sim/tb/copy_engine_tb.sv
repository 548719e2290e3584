// Self-checking testbench for copy_engine: rings of COPY, FILL, FENCE and WAIT commands end
// to end, errors through the engine, STOP (with the save area and RESUME) and RESET with
// transfers in flight, the stop latency, and speed.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sgpu_regs.vh"
`include "sgpu_cmds.vh"
`include "sim/tb/tb_hostmem.svh"   // run from the repository root, as scripts/run-tb does

// Host memory, the three DMA ports and VRAM are the models of tb_hostmem.svh. Sources are
// read-only regions, destinations never overlap, so each command's result is known when it
// is written into the ring: after a run every destination must hold its source or pattern
// and the words around it must be untouched. Each FENCE must be written once, in order, and
// after exactly the host beats and VRAM writes of the commands before it (so after the data
// of every earlier COPY/FILL, before any of a later one). +seed=N (printed).
module copy_engine_tb;
  import tb_hostmem_pkg::*;
  localparam integer VRAM_BYTES = 2 << 20;
  localparam integer AW = 18;
  localparam [63:0] RB = 64'h0000_0001_2340_0000;
  localparam [63:0] HSRC = 64'h0000_0002_0000_0000, HDST = 64'h0000_0003_0000_0000;
  localparam [63:0] VDST = VRAM_BYTES / 2;
  localparam [7:0] NOP = `SGPU_CMD_OP_NOP, FENCE = `SGPU_CMD_OP_FENCE, WAIT = `SGPU_CMD_OP_WAIT,
                   COPY = `SGPU_CMD_OP_COPY, FILL = `SGPU_CMD_OP_FILL,
                   DISPATCH = `SGPU_CMD_OP_DISPATCH;
  localparam [2:0] R_EMPTY = 1, R_WAIT = 2, R_PRE = 3, R_ERROR = 4, R_RESET = 5;

  reg clk = 1'b0, rst_n = 1'b0;
  initial forever #5 clk = ~clk;
  always @(posedge clk) cyc <= cyc + 1;

  reg         req = 1'b0, we = 1'b0;
  reg  [3:0]  be = 4'h0;
  reg  [7:0]  addr = 8'h0;
  reg  [31:0] wdata = 32'd0;
  wire [31:0] rdata;
  wire        irq;
  wire [4:0]  ctx_id;
  reg  [31:0] ring_size = 32'd16384;
  reg  [31:0] tail = 32'd0;
  wire [63:0] cycles = cyc;
  reg  [63:0] save_addr = 64'h0000_0004_0000_0000;   // CTX.SAVE_ADDR of the context
  wire f_rv, f_rr, f_dv, f_dr, f_dl, f_de, d_rv, d_rr, d_dv, d_dr, d_dl, d_de;
  wire [63:0] f_ra, f_d, d_ra, d_d, w_ra, w_d;
  wire [23:0] f_rl, d_rl, w_rl;
  wire [1:0]  f_ec, d_ec;
  wire w_rv, w_rr, w_dv, w_dr, w_done;
  wire vr_req, vr_gnt, vw_req, vw_gnt;
  wire [AW-1:0] vr_addr, vw_addr;
  wire [63:0] vr_rdata, vw_data;
  wire [7:0]  vw_be;

  copy_engine #(.VRAM_BYTES(VRAM_BYTES)) dut (
    .clk_i(clk), .rst_ni(rst_n),
    .req_i(req), .we_i(we), .be_i(be), .addr_i(addr), .wdata_i(wdata), .rdata_o(rdata), .irq_o(irq),
    .ctx_id_o(ctx_id), .ctx_ring_base_i(RB), .ctx_ring_size_i(ring_size), .ctx_tail_i(tail),
    .ctx_save_addr_i(save_addr), .cycles_i(cycles),
    .f_rd_req_valid_o(f_rv), .f_rd_req_ready_i(f_rr), .f_rd_req_addr_o(f_ra), .f_rd_req_len_o(f_rl),
    .f_rd_data_valid_i(f_dv), .f_rd_data_ready_o(f_dr), .f_rd_data_i(f_d),
    .f_rd_data_last_i(f_dl), .f_rd_data_err_i(f_de), .f_rd_err_code_i(f_ec),
    .d_rd_req_valid_o(d_rv), .d_rd_req_ready_i(d_rr), .d_rd_req_addr_o(d_ra), .d_rd_req_len_o(d_rl),
    .d_rd_data_valid_i(d_dv), .d_rd_data_ready_o(d_dr), .d_rd_data_i(d_d),
    .d_rd_data_last_i(d_dl), .d_rd_data_err_i(d_de), .d_rd_err_code_i(d_ec),
    .wr_req_valid_o(w_rv), .wr_req_ready_i(w_rr), .wr_req_addr_o(w_ra), .wr_req_len_o(w_rl),
    .wr_data_valid_o(w_dv), .wr_data_ready_i(w_dr), .wr_data_o(w_d), .wr_done_i(w_done),
    .vr_req_o(vr_req), .vr_addr_o(vr_addr), .vr_gnt_i(vr_gnt), .vr_rdata_i(vr_rdata),
    .vw_req_o(vw_req), .vw_addr_o(vw_addr), .vw_be_o(vw_be), .vw_data_o(vw_data), .vw_gnt_i(vw_gnt)
  );
  tb_dma_rd u_frd (.clk(clk), .rst_n(rst_n), .req_valid(f_rv), .req_ready(f_rr), .req_addr(f_ra),
    .req_len(f_rl), .data_valid(f_dv), .data_ready(f_dr), .data(f_d), .data_last(f_dl),
    .data_err(f_de), .err_code(f_ec));
  tb_dma_rd u_drd (.clk(clk), .rst_n(rst_n), .req_valid(d_rv), .req_ready(d_rr), .req_addr(d_ra),
    .req_len(d_rl), .data_valid(d_dv), .data_ready(d_dr), .data(d_d), .data_last(d_dl),
    .data_err(d_de), .err_code(d_ec));
  tb_dma_wr u_wr (.clk(clk), .rst_n(rst_n), .req_valid(w_rv), .req_ready(w_rr), .req_addr(w_ra),
    .req_len(w_rl), .data_valid(w_dv), .data_ready(w_dr), .data(w_d), .done(w_done));
  tb_vram #(.AW(AW)) u_vram (.clk(clk), .vr_req(vr_req), .vr_addr(vr_addr), .vr_gnt(vr_gnt),
    .vr_rdata(vr_rdata), .vw_req(vw_req), .vw_addr(vw_addr), .vw_be(vw_be), .vw_data(vw_data),
    .vw_gnt(vw_gnt));

  // ---------------------------------------------------------------- helpers
  task automatic check(input string what, input logic [63:0] got, input logic [63:0] want);
    if (got !== want) tb_fail($sformatf("%s: got %0h, expected %0h", what, got, want));
  endtask
  task automatic wr(input [7:0] a, input [31:0] d);
    @(negedge clk); req = 1'b1; we = 1'b1; addr = a; wdata = d; be = 4'hF;
    @(negedge clk); req = 1'b0; we = 1'b0;
  endtask
  task automatic rd(input [7:0] a, output [31:0] d);
    @(negedge clk); req = 1'b1; we = 1'b0; addr = a; be = 4'hF;
    #1 d = rdata;
    @(negedge clk); req = 1'b0;
  endtask
  function automatic [31:0] status_of(input [2:0] reason, input [7:0] err);
    return {16'd0, err, 1'b0, reason, 4'd0};
  endfunction
  localparam [31:0] PARTIAL = 32'h1 << `SGPU_ENG_STATUS_PARTIAL_LSB;
  // Stop latency inside the engine: ex_stop rising to ex_done with ex_preempted.
  longint stop_t = -1, stop_lat_max = 0, stop_lat_n = 0;
  always @(posedge clk) begin
    if (dut.ex_stop && stop_t < 0) stop_t = cyc;
    if (!dut.ex_stop) stop_t = -1;
    if (dut.ex_done && dut.ex_preempted && stop_t >= 0) begin
      if (cyc - stop_t > stop_lat_max) stop_lat_max = cyc - stop_t;
      stop_lat_n++;
    end
  end
  longint start_t;
  task automatic start();
    wr(`SGPU_ENG_CMD_OFFSET, 32'd1); start_t = cyc;
  endtask
  reg [31:0] st;
  task automatic wait_idle(input int max_cycles);
    int k = 0;
    rd(`SGPU_ENG_STATUS_OFFSET, st);
    while (st[1:0] != 2'd0 && k < max_cycles) begin rd(`SGPU_ENG_STATUS_OFFSET, st); k += 2; end
    if (st[1:0] != 2'd0) tb_fail("engine never became IDLE");
  endtask
  function automatic bit [63:0] mem_rd(input bit vram, input bit [63:0] a);
    return vram ? u_vram.mem[a[AW+2:3]] : hread(a);
  endfunction

  // Ring writing.
  int pt = 0;
  function automatic [31:0] hdr(input [7:0] op, input [7:0] len, input [7:0] flags);
    return {8'd0, flags, len, op};
  endfunction
  task automatic emit(input [31:0] dw);
    hwrite32(RB + 64'(pt), dw); pt += 4;
    if (pt == ring_size) pt = 0;
  endtask
  task automatic emit64(input [63:0] v); emit(v[31:0]); emit(v[63:32]); endtask

  // Expected results.
  typedef struct { bit dvram; bit [63:0] dst; int words; bit fill; bit [31:0] pat; int snap; } res_t;
  res_t res[$];
  bit [63:0] snaps[$];                // the source words of every COPY, one after the other
  bit [63:0] guards[$];               // words before and after each destination
  longint unsigned exp_nb = 0, exp_nv = 0;
  ev_t exp[$];
  bit [63:0] hbump, vbump;            // next free destination

  task automatic copy_cmd(input bit fill, input bit sv, input bit dv, input bit [63:0] src,
                          input int words);
    res_t r;
    bit [63:0] dst;
    bit [31:0] pat = $urandom;
    if (dv && vbump + 64'(8 * words + 16) > VRAM_BYTES - 8192) dv = 1'b0;   // keep off the fences
    if (dv) begin dst = vbump; vbump += 64'(8 * words + 8); end
    else begin dst = hbump; hbump += 64'(8 * words + 8); end
    r.dvram = dv; r.dst = dst; r.words = words; r.fill = fill; r.pat = pat; r.snap = snaps.size();
    if (!fill) for (int i = 0; i < words; i++) snaps.push_back(mem_rd(sv, src + 64'(8 * i)));
    guards.push_back(mem_rd(dv, dst - 8)); guards.push_back(mem_rd(dv, dst + 64'(8 * words)));
    res.push_back(r);
    if (fill) begin
      emit(hdr(FILL, 5, {6'd0, dv, 1'b0})); emit64(dst); emit(8 * words); emit(pat);
    end else begin
      emit(hdr(COPY, 6, {6'd0, dv, sv})); emit64(src); emit64(dst); emit(8 * words);
    end
    if (dv) exp_nv += words; else exp_nb += words;
  endtask
  task automatic fence(input bit [63:0] a, input bit [63:0] v, input bit vram);
    ev_t e;
    emit(hdr(FENCE, 5, {6'd0, vram, 1'b0})); emit64(a); emit64(v);
    e.t = 0; e.nb = 0; e.nv = 0; e.pend = 0; e.kind = vram ? 2 : 1; e.addr = a; e.data = v; e.nb = exp_nb; e.nv = exp_nv;
    exp.push_back(e);
    if (vram) exp_nv++; else exp_nb++;
  endtask
  task automatic reset_expect;
    res.delete(); snaps.delete(); guards.delete(); exp.delete(); evlog.delete();
    exp_nb = host_beats; exp_nv = vram_writes;
    if (pt > ring_size - 2048) pt = 0;      // no command across the ring end
    hbump = HDST + 64'(($urandom % 512) * 8) + 8; vbump = VDST + 8;
  endtask
  // After a STOP or RESET part of a command ran: fence i follows what is left from now on.
  task automatic refence(input int i, input int host_words, input int vram_words);
    exp[i].nb = host_beats + host_words; exp[i].nv = vram_writes + vram_words;
  endtask
  task automatic verify(input string what);
    for (int j = 0; j < res.size(); j++) begin
      int bad = 0;
      for (int i = 0; i < res[j].words; i++) begin
        bit [63:0] want = res[j].fill ? {res[j].pat, res[j].pat} : snaps[res[j].snap + i];
        bit [63:0] got = mem_rd(res[j].dvram, res[j].dst + 64'(8 * i));
        if (got !== want) begin
          if (bad == 0)
            tb_fail($sformatf("%s: command %0d (%s to %s %h, %0d words): word %0d is %h, expected %h",
                              what, j, res[j].fill ? "FILL" : "COPY", res[j].dvram ? "VRAM" : "host",
                              res[j].dst, res[j].words, i, got, want));
          bad++;
        end
      end
      check({what, ": word before"}, mem_rd(res[j].dvram, res[j].dst - 8), guards[2 * j]);
      check({what, ": word after"}, mem_rd(res[j].dvram, res[j].dst + 64'(8 * res[j].words)),
            guards[2 * j + 1]);
    end
    if (evlog.size() != exp.size())
      tb_fail($sformatf("%s: %0d fences written, expected %0d", what, evlog.size(), exp.size()));
    for (int i = 0; i < evlog.size(); i++)
      if (evlog[i].kind == 2 && evlog[i].pend != 0)
        tb_fail($sformatf("%s: VRAM fence %0d written with %0d host writes not done", what, i,
                          evlog[i].pend));
    for (int i = 0; i < evlog.size() && i < exp.size(); i++)
      if (evlog[i].kind != exp[i].kind || evlog[i].addr != exp[i].addr || evlog[i].data != exp[i].data ||
          evlog[i].nb != exp[i].nb || evlog[i].nv != exp[i].nv) begin
        tb_fail($sformatf("%s: fence %0d: kind %0d addr %h value %h after %0d/%0d beats/VRAM writes, expected kind %0d %h %h after %0d/%0d",
                          what, i, evlog[i].kind, evlog[i].addr, evlog[i].data, evlog[i].nb,
                          evlog[i].nv, exp[i].kind, exp[i].addr, exp[i].data, exp[i].nb, exp[i].nv));
        break;
      end
  endtask
  task automatic expect_stop(input string what, input [2:0] reason, input [7:0] err, input int head,
                             input [31:0] more = 0);
    reg [31:0] v;
    wait_idle(1000000);
    check({what, ": STATUS"}, st, status_of(reason, err) | more);
    rd(`SGPU_ENG_HEAD_OFFSET, v); check({what, ": HEAD"}, v, head);
    check({what, ": fetch reads ended"}, u_frd.outstanding(), 0);
    check({what, ": data reads ended"}, u_drd.outstanding(), 0);
    check({what, ": writes done"}, u_wr.outstanding(), 0);
    wr(`SGPU_ENG_IRQ_OFFSET, 32'h3);
  endtask
  task automatic go(input int h0);
    wr(`SGPU_ENG_HEAD_OFFSET, h0); tail = pt; start();
  endtask

  task automatic ports_ideal(input int lat);
    u_frd.latency = lat; u_frd.gap_pct = 0; u_frd.req_stall_pct = 0;
    u_drd.latency = lat; u_drd.gap_pct = 0; u_drd.req_stall_pct = 0;
    u_wr.data_stall_pct = 0; u_wr.req_stall_pct = 0; u_wr.done_lat = 4; u_vram.gnt_pct = 100;
  endtask
  task automatic ports_random;
    u_frd.latency = $urandom % 60; u_frd.gap_pct = $urandom % 50; u_frd.req_stall_pct = $urandom % 50;
    u_drd.latency = $urandom % 60; u_drd.gap_pct = $urandom % 50; u_drd.req_stall_pct = $urandom % 50;
    u_wr.data_stall_pct = $urandom % 50; u_wr.req_stall_pct = $urandom % 50;
    u_wr.done_lat = $urandom % 20; u_vram.gnt_pct = 30 + $urandom % 71;
  endtask
  function automatic bit [63:0] hsrc(input int words);
    return HSRC + 64'(($urandom % (1 << 20)) * 8);
  endfunction
  function automatic bit [63:0] vsrc(input int words);
    return 64'(($urandom % (VRAM_BYTES / 16 - words)) * 8);
  endfunction

  int seed = 1;
  int n, k, h0, hs, words;
  reg [31:0] v;
  real bpc;

  initial begin
    if ($value$plusargs("seed=%d", seed)) ;
    $display("copy_engine_tb: seed %0d", seed);
    void'($urandom(seed));
    for (int i = 0; i < VRAM_BYTES / 8; i++) u_vram.mem[i] = {$urandom, $urandom};
    vlog_lo = VRAM_BYTES - 4096; vlog_hi = VRAM_BYTES;
    hlog_lo = 64'h1000; hlog_hi = 64'h4000;
    ports_ideal(20);
    repeat (3) @(negedge clk);
    rst_n = 1'b1;

    // ---- 1. random rings: COPY, FILL and fences, random ports
    for (n = 0; n < 8; n++) begin
      reset_expect;
      ports_random;
      h0 = pt;
      for (k = 0; k < 30; k++) begin
        int c = $urandom % 8;
        words = ($urandom % 5 == 0) ? 1 + $urandom % 4000 : 1 + $urandom % 300;
        case (c)
          0: copy_cmd(0, 0, 0, hsrc(words), words);
          1: copy_cmd(0, 0, 1, hsrc(words), words);
          2: copy_cmd(0, 1, 0, vsrc(words), words);
          3: copy_cmd(0, 1, 1, vsrc(words), words);
          4: copy_cmd(1, 0, $urandom % 2, 0, words);
          5: fence(VRAM_BYTES - 4096 + 64'(8 * k), {$urandom, $urandom}, 1);
          default: fence(64'h1000 + 64'(8 * k), {$urandom, $urandom}, 0);
        endcase
      end
      fence(64'h2000, 64'(n), 0);
      go(h0);
      expect_stop($sformatf("random ring %0d", n), R_EMPTY, 0, pt);
      verify($sformatf("random ring %0d", n));
    end

    // ---- 2. WAIT on what a COPY wrote; DISPATCH; errors through the engine
    reset_expect; ports_random;
    h0 = pt;
    hwrite(HSRC + 64'h10_0000, 64'd1234);
    copy_cmd(0, 0, 1, HSRC + 64'h10_0000, 1);
    emit(hdr(WAIT, 5, 8'h02)); emit64(vbump - 16); emit64(64'd1234);
    fence(64'h2008, 64'd1, 0);
    go(h0);
    expect_stop("WAIT on a copied value", R_EMPTY, 0, pt);
    verify("WAIT on a copied value");
    reset_expect; h0 = pt;
    emit(hdr(DISPATCH, 7, 0)); for (int i = 0; i < 6; i++) emit(0);
    go(h0); expect_stop("DISPATCH on the copy engine", R_ERROR, `SGPU_CMD_ERROR_UNKNOWN_OPCODE, h0);
    rd(`SGPU_ENG_ERR_INFO_OFFSET, v); check("DISPATCH: ERR_INFO", v, hdr(DISPATCH, 7, 0));
    reset_expect; h0 = pt;
    emit(hdr(COPY, 6, 0)); emit64(HSRC); emit64(HDST); emit(32'h0100_0000);
    go(h0); expect_stop("COPY 16 MiB", R_ERROR, `SGPU_CMD_ERROR_TOO_LONG, h0);
    rd(`SGPU_ENG_ERR_INFO_OFFSET, v); check("TOO_LONG: ERR_INFO", v, hdr(COPY, 6, 0));
    reset_expect; h0 = pt;
    emit(hdr(FILL, 5, 8'h02)); emit64(VRAM_BYTES - 8); emit(16); emit(0);
    go(h0); expect_stop("FILL past VRAM", R_ERROR, `SGPU_CMD_ERROR_BAD_ADDRESS, h0);
    rd(`SGPU_ENG_ERR_INFO_OFFSET, v); check("BAD_ADDRESS: ERR_INFO", v, VRAM_BYTES - 8);
    reset_expect; h0 = pt;
    poison_lo = HSRC + 64'h20_0100; poison_hi = poison_lo + 8;
    emit(hdr(COPY, 6, 0)); emit64(HSRC + 64'h20_0000); emit64(HDST); emit(4096);
    emit(hdr(FENCE, 5, 0)); emit64(64'h2010); emit64(64'd9);   // must not run
    go(h0); expect_stop("COPY read error", R_ERROR, `SGPU_CMD_ERROR_DMA_ERROR, h0);
    rd(`SGPU_ENG_ERR_INFO_OFFSET, v); check("DMA_ERROR: ERR_INFO", v, poison_lo[31:0]);
    check("DMA_ERROR: no fence", evlog.size(), 0);
    poison_lo = 0; poison_hi = 0;

    // ---- 3. STOP inside long copies and fills: PREEMPTED with PARTIAL at the command, the
    // record in the save area; START with RESUME goes on from there (sometimes from a moved
    // save area), up to three times; the result is bit-exact and the fence after it follows it.
    for (n = 0; n < 12; n++) begin
      int kind, stops;
      bit fill, sv, dv;
      kind = n % 6; stops = 1 + $urandom % 3;
      fill = kind >= 4; sv = kind == 1 || kind == 3; dv = kind == 2 || kind == 3 || kind == 5;
      reset_expect; ports_random;
      h0 = pt;
      fence(64'h2018, 64'd5, 0);
      hs = pt;
      copy_cmd(fill, sv, dv, fill ? 0 : sv ? vsrc(40000) : hsrc(40000), 40000);
      dv = res[0].dvram;
      fence(64'h2020, 64'd6, 0);
      go(h0);
      for (k = 0; k < stops; k++) begin
        bit [63:0] w0, w1;
        repeat (1000 + $urandom % 6000) @(negedge clk);
        wr(`SGPU_ENG_CMD_OFFSET, 32'h2);
        wait_idle(1000000);
        if (st[6:4] == R_EMPTY) break;   // it finished first
        expect_stop($sformatf("STOP %0d in %0d", k, kind), R_PRE, 0, hs, PARTIAL);
        rd(`SGPU_ENG_COMMANDS_OFFSET, v);
        w0 = hread(save_addr); w1 = hread(save_addr + 8);
        check("record: tag and BYTES", w0, {32'(8 * 40000), 32'h5950_4F43});
        check("record: DST", w1[63:32], res[0].dst[31:0]);
        if (w1[31:0] >= 8 * 40000 || w1[2:0] != 0) tb_fail($sformatf("record: %0d bytes done", w1[31:0]));
        refence(1, dv ? 0 : 40000 - int'(w1[31:0] / 8), dv ? 40000 - int'(w1[31:0] / 8) : 0);
        if ($urandom % 2) begin        // the firmware moves the save area
          hwrite(save_addr + 64'h1000, w0); hwrite(save_addr + 64'h1008, w1);
          hwrite(save_addr, 0); hwrite(save_addr + 8, 0);
          save_addr = save_addr + 64'h1000;
        end
        wr(`SGPU_ENG_CMD_OFFSET, 32'h9);     // START with RESUME
      end
      expect_stop("after STOPs", R_EMPTY, 0, pt, 0);
      verify($sformatf("stop/resume %0d", kind));
    end
    $display("copy_engine_tb: %0d preempted stops", stop_lat_n);
    // The stop latency (ex_stop to ex_done with the record written) with ports moving 8
    // bytes a cycle, 52 cycles read latency, 20 to wr_done: a sweep of stop times.
    for (n = 0; n < 6; n++) begin
      bit fill, sv, dv;
      fill = n >= 4; sv = n == 1 || n == 3; dv = n == 2 || n == 3 || n == 5;
      ports_ideal(52); u_wr.done_lat = 20;
      stop_lat_max = 0; stop_lat_n = 0;
      for (k = 0; k < 10; k++) begin
        reset_expect; h0 = pt;
        copy_cmd(fill, sv, dv, fill ? 0 : sv ? vsrc(40000) : hsrc(40000), 40000);
        go(h0);
        repeat (200 + k * 3000 + $urandom % 3000) @(negedge clk);
        wr(`SGPU_ENG_CMD_OFFSET, 32'h2);
        expect_stop("latency sweep", R_PRE, 0, h0, PARTIAL);
        wr(`SGPU_ENG_CMD_OFFSET, 32'h9);
        expect_stop("latency sweep: resumed", R_EMPTY, 0, pt, 0);
        verify("latency sweep");
      end
      $display("copy_engine_tb: STOP in %s: ex_stop -> ex_done (preempted) max %0d cycles over %0d stops",
               n == 0 ? "host->host" : n == 1 ? "VRAM->host" : n == 2 ? "host->VRAM" :
               n == 3 ? "VRAM->VRAM" : n == 4 ? "FILL host" : "FILL VRAM", stop_lat_max, stop_lat_n);
      if (stop_lat_n != 10) tb_fail("latency sweep: not every STOP was inside the command");
      if (stop_lat_max > 600) tb_fail("stop latency above 600 cycles");
    end

    // ---- 4. RESET with copy reads and writes in flight: ports clean, then it runs again
    for (n = 0; n < 4; n++) begin
      reset_expect; ports_random; u_drd.latency = 300 + $urandom % 300;
      h0 = pt;
      copy_cmd(0, 0, n[0], hsrc(30000), 30000);
      fence(64'h2028, 64'd7, 0);
      go(h0);
      repeat (400 + $urandom % 3000) @(negedge clk);
      wr(`SGPU_ENG_CMD_OFFSET, 32'h4);
      rd(`SGPU_ENG_STATUS_OFFSET, v);
      if (u_drd.outstanding() > 0) check("RESET: STOPPING while reads are out", v[1:0], 2);
      expect_stop("RESET in a COPY", R_RESET, 0, h0);
      check("RESET: no VRAM or DMA request left", vr_req | vw_req | d_rv | w_rv | f_rv, 0);
      evlog.delete();
      refence(0, n[0] ? 0 : 30000, n[0] ? 30000 : 0);
      wr(`SGPU_ENG_HEAD_OFFSET, h0); start();
      expect_stop("after RESET", R_EMPTY, 0, pt);
      verify("COPY after RESET");
    end

    // ---- 5. speed through the whole engine: 1 MiB COPY each way, FENCE stream
    ports_ideal(100);
    reset_expect; h0 = pt;
    hbump = HDST; vbump = VDST;
    copy_cmd(0, 0, 0, HSRC, 131072);
    go(h0); expect_stop("1 MiB host->host", R_EMPTY, 0, pt);
    bpc = 1048576.0 / (cyc - start_t);
    $display("copy_engine_tb: 1 MiB host->host, START to IDLE: %0d cycles, %.3f bytes/cycle", cyc - start_t, bpc);
    if (bpc < 6.4) tb_fail("host->host below 6.4 bytes/cycle");
    verify("1 MiB host->host");
    reset_expect; h0 = pt; vbump = 8;
    copy_cmd(0, 0, 1, HSRC, 131072);
    go(h0); expect_stop("1 MiB host->VRAM", R_EMPTY, 0, pt);
    bpc = 1048576.0 / (cyc - start_t);
    $display("copy_engine_tb: 1 MiB host->VRAM, START to IDLE: %0d cycles, %.3f bytes/cycle", cyc - start_t, bpc);
    if (bpc < 6.4) tb_fail("host->VRAM below 6.4 bytes/cycle");
    verify("1 MiB host->VRAM");
    reset_expect; h0 = pt;
    copy_cmd(0, 1, 0, 0, 131072);
    go(h0); expect_stop("1 MiB VRAM->host", R_EMPTY, 0, pt);
    bpc = 1048576.0 / (cyc - start_t);
    $display("copy_engine_tb: 1 MiB VRAM->host, START to IDLE: %0d cycles, %.3f bytes/cycle", cyc - start_t, bpc);
    if (bpc < 6.4) tb_fail("VRAM->host below 6.4 bytes/cycle");
    verify("1 MiB VRAM->host");
    ports_ideal(20);
    reset_expect; pt = 0; h0 = pt; u_wr.first_req_t = -1;
    for (k = 0; k < 200; k++) fence(64'h3000 + 64'(8 * k), 64'(k), 0);
    go(h0); expect_stop("FENCE stream", R_EMPTY, 0, pt);
    verify("FENCE stream");
    bpc = 199.0 / (u_wr.last_req_t - u_wr.first_req_t);
    $display("copy_engine_tb: FENCE stream: %.3f commands/cycle", bpc);
    if (bpc < 0.25) tb_fail("FENCE stream below 1 command per 4 cycles");
    rd(`SGPU_ENG_COMMANDS_OFFSET, v);
    if (v < 200) tb_fail("COMMANDS below the commands run");

    if (errors == 0) $display("PASS copy_engine");
    else $display("FAIL copy_engine: %0d errors", errors);
    $finish;
  end

  initial begin
    #1000000000;
    $display("FAIL copy_engine: timeout");
    $finish;
  end
endmodule

`default_nettype wire
