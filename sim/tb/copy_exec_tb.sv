// Self-checking testbench for copy_exec: COPY in all four directions and FILL, argument
// errors, read errors, preemption with the save area (random stop times, resume, a moved
// save area, bad records, a stop during the restore, the stop latency), reset, and the
// throughput target.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sgpu_regs.vh"
`include "sgpu_cmds.vh"
`include "sim/tb/tb_hostmem.svh"   // run from the repository root, as scripts/run-tb does

// The front end is the bench: it offers one command on ex_* and holds it until ex_done. The
// DMA ports and VRAM are the models of tb_hostmem.svh. After each command the destination
// must hold the source (or the pattern) and the words around it must be untouched; errors
// must leave memory alone; every read must have ended and every write got its wr_done.
// +seed=N picks the commands and the ports' behaviour (printed).
module copy_exec_tb;
  import tb_hostmem_pkg::*;
  localparam integer VRAM_BYTES = 2 << 20;
  localparam integer AW = 18;
  localparam [7:0] COPY = `SGPU_CMD_OP_COPY, FILL = `SGPU_CMD_OP_FILL;
  localparam [7:0] E_LONG = `SGPU_CMD_ERROR_TOO_LONG, E_ADDR = `SGPU_CMD_ERROR_BAD_ADDRESS,
                   E_DMA = `SGPU_CMD_ERROR_DMA_ERROR;

  reg clk = 1'b0, rst_n = 1'b0;
  initial forever #5 clk = ~clk;
  always @(posedge clk) cyc <= cyc + 1;

  reg          ex_valid = 1'b0, ex_stop = 1'b0, ex_reset = 1'b0, ex_resume = 1'b0;
  reg  [63:0]  ex_save = 64'h0000_0003_0000_0000;
  reg  [7:0]   ex_opcode = 8'd0, ex_flags = 8'd0;
  reg  [191:0] ex_args = 192'd0;
  wire         ex_done, ex_pre, busy;
  wire [7:0]   ex_error;
  wire [31:0]  ex_info;
  wire rv, rr, dv, dr, dl, de, w_rv, w_rr, w_dv, w_dr, w_done;
  wire [63:0] ra, d, w_ra, w_d;
  wire [23:0] rl, w_rl;
  wire [1:0]  ec;
  wire vr_req, vr_gnt, vw_req, vw_gnt;
  wire [AW-1:0] vr_addr, vw_addr;
  wire [63:0] vr_rdata, vw_data;
  wire [7:0]  vw_be;

  copy_exec #(.VRAM_BYTES(VRAM_BYTES)) dut (
    .clk_i(clk), .rst_ni(rst_n),
    .ex_valid_i(ex_valid), .ex_opcode_i(ex_opcode), .ex_flags_i(ex_flags), .ex_args_i(ex_args),
    .ex_done_o(ex_done), .ex_error_o(ex_error), .ex_err_info_o(ex_info), .ex_stop_i(ex_stop),
    .ex_preempted_o(ex_pre), .ex_resume_i(ex_resume), .ex_save_addr_i(ex_save),
    .ex_reset_i(ex_reset), .busy_o(busy),
    .rd_req_valid_o(rv), .rd_req_ready_i(rr), .rd_req_addr_o(ra), .rd_req_len_o(rl),
    .rd_data_valid_i(dv), .rd_data_ready_o(dr), .rd_data_i(d), .rd_data_last_i(dl),
    .rd_data_err_i(de), .rd_err_code_i(ec),
    .wr_req_valid_o(w_rv), .wr_req_ready_i(w_rr), .wr_req_addr_o(w_ra), .wr_req_len_o(w_rl),
    .wr_data_valid_o(w_dv), .wr_data_ready_i(w_dr), .wr_data_o(w_d), .wr_done_i(w_done),
    .vr_req_o(vr_req), .vr_addr_o(vr_addr), .vr_gnt_i(vr_gnt), .vr_rdata_i(vr_rdata),
    .vw_req_o(vw_req), .vw_addr_o(vw_addr), .vw_be_o(vw_be), .vw_data_o(vw_data), .vw_gnt_i(vw_gnt)
  );
  tb_dma_rd u_rd (.clk(clk), .rst_n(rst_n), .req_valid(rv), .req_ready(rr), .req_addr(ra),
    .req_len(rl), .data_valid(dv), .data_ready(dr), .data(d), .data_last(dl), .data_err(de),
    .err_code(ec));
  tb_dma_wr u_wr (.clk(clk), .rst_n(rst_n), .req_valid(w_rv), .req_ready(w_rr), .req_addr(w_ra),
    .req_len(w_rl), .data_valid(w_dv), .data_ready(w_dr), .data(w_d), .done(w_done));
  tb_vram #(.AW(AW)) u_vram (.clk(clk), .vr_req(vr_req), .vr_addr(vr_addr), .vr_gnt(vr_gnt),
    .vr_rdata(vr_rdata), .vw_req(vw_req), .vw_addr(vw_addr), .vw_be(vw_be), .vw_data(vw_data),
    .vw_gnt(vw_gnt));

  task automatic check(input string what, input logic [63:0] got, input logic [63:0] want);
    if (got !== want) tb_fail($sformatf("%s: got %0h, expected %0h", what, got, want));
  endtask

  // ---------------------------------------------------------------- one command
  logic [7:0]  r_err;
  logic [31:0] r_info;
  logic        r_pre;
  longint      r_cycles;
  longint      r_stop_lat;               // ex_stop raised to ex_done, cycles (-1: no stop)
  int          stop_after = -1;          // raise ex_stop this many cycles after the offer
  task automatic run_cmd(input [7:0] op, input [7:0] flags, input [63:0] src, input [63:0] dst,
                         input [31:0] bytes, input [31:0] pattern);
    longint t0;
    int k;
    @(negedge clk);
    ex_opcode = op; ex_flags = flags; ex_args = 192'd0;
    if (op == COPY) ex_args[159:0] = {bytes, dst, src};
    else ex_args[127:0] = {pattern, bytes, dst};
    ex_valid = 1'b1; t0 = cyc; k = 0; r_stop_lat = -1;
    forever begin
      @(posedge clk); #1;
      if (stop_after >= 0 && k == stop_after) begin ex_stop = 1'b1; r_stop_lat = cyc; end
      k++;
      if (ex_done) break;
      if (k > 5000000) begin tb_fail("command never ended"); break; end
    end
    r_err = ex_error; r_info = ex_info; r_pre = ex_pre; r_cycles = cyc - t0;
    // ex_stop is seen from the edge after it rose; ex_done is seen at this edge.
    if (r_stop_lat >= 0) r_stop_lat = cyc - r_stop_lat;
    ex_valid = 1'b0; ex_stop = 1'b0;
    @(negedge clk); @(negedge clk);
    check("busy_o after ex_done", busy, 0);
    check("reads ended", u_rd.outstanding(), 0);
    check("writes done", u_wr.outstanding(), 0);
  endtask

  // ---------------------------------------------------------------- memory helpers
  function automatic bit [63:0] mem_rd(input bit vram, input bit [63:0] a);
    return vram ? u_vram.mem[a[AW+2:3]] : hread(a);
  endfunction
  // Source snapshot and the words around the destination.
  bit [63:0] snap[];
  bit [63:0] guard_lo, guard_hi;
  task automatic prepare(input bit svram, input bit dvram, input bit [63:0] src,
                         input bit [63:0] dst, input int words, input bit fill);
    snap = new[words];
    for (int i = 0; i < words; i++) snap[i] = fill ? 64'd0 : mem_rd(svram, src + 64'(8 * i));
    if (dvram) begin
      if (dst >= 8) guard_lo = mem_rd(1, dst - 8);
      if (dst + 64'(8 * words) < VRAM_BYTES) guard_hi = mem_rd(1, dst + 64'(8 * words));
    end else begin
      guard_lo = mem_rd(0, dst - 8); guard_hi = mem_rd(0, dst + 64'(8 * words));
    end
  endtask
  task automatic verify(input string what, input bit dvram, input bit [63:0] dst, input int words,
                        input bit fill, input bit [31:0] pattern, input int upto);
    int bad = 0;
    for (int i = 0; i < upto; i++) begin
      bit [63:0] want = fill ? {pattern, pattern} : snap[i];
      if (mem_rd(dvram, dst + 64'(8 * i)) !== want) begin
        if (bad == 0) tb_fail($sformatf("%s: word %0d of %0d: got %h, expected %h", what, i, words,
                                        mem_rd(dvram, dst + 64'(8 * i)), want));
        bad++;
      end
    end
    if (!dvram || dst >= 8) check({what, ": word before"}, mem_rd(dvram, dst - 8), guard_lo);
    if (!dvram || dst + 64'(8 * words) < VRAM_BYTES)
      check({what, ": word after"}, mem_rd(dvram, dst + 64'(8 * words)), guard_hi);
  endtask

  task automatic xfer(input string what, input bit fill, input bit svram, input bit dvram,
                      input bit [63:0] src, input bit [63:0] dst, input int words);
    bit [31:0] pat = $urandom;
    prepare(svram, dvram, src, dst, words, fill);
    run_cmd(fill ? FILL : COPY, fill ? {6'd0, dvram, 1'b0} : {6'd0, dvram, svram}, src, dst,
            32'(8 * words), pat);
    check({what, ": error"}, r_err, 0);
    check({what, ": preempted"}, r_pre, 0);
    verify(what, dvram, dst, words, fill, pat, words);
  endtask

  function automatic bit [63:0] haddr(input int region);   // 8-aligned host address, 16 MiB apart
    return 64'h0000_0002_0000_0000 + 64'(region) * 64'h0100_0000 + 64'(($urandom % 65536) * 8);
  endfunction
  function automatic bit [63:0] vaddr(input bit upper, input int words);
    return 64'(upper ? VRAM_BYTES / 2 : 0) + 64'(($urandom % (VRAM_BYTES / 16 - words)) * 8);
  endfunction

  task automatic ports_ideal(input int lat);
    u_rd.latency = lat; u_rd.gap_pct = 0; u_rd.req_stall_pct = 0;
    u_wr.data_stall_pct = 0; u_wr.req_stall_pct = 0; u_wr.done_lat = 4; u_vram.gnt_pct = 100;
  endtask
  task automatic ports_random;
    u_rd.latency = $urandom % 80; u_rd.gap_pct = $urandom % 60; u_rd.req_stall_pct = $urandom % 60;
    u_wr.data_stall_pct = $urandom % 60; u_wr.req_stall_pct = $urandom % 60;
    u_wr.done_lat = $urandom % 30; u_vram.gnt_pct = 20 + $urandom % 81;
  endtask

  int seed = 1;
  int n, words, nr, nw, nvr, nvw;
  bit [63:0] s, t;
  real bpc;

  task automatic counts_snap;
    nr = u_rd.n_req; nw = u_wr.n_req; nvr = u_vram.n_rd; nvw = u_vram.n_wr;
  endtask
  task automatic no_traffic(input string what);
    check({what, ": no read"}, u_rd.n_req - nr, 0);
    check({what, ": no write"}, u_wr.n_req - nw, 0);
    check({what, ": no VRAM access"}, (u_vram.n_rd - nvr) + (u_vram.n_wr - nvw), 0);
  endtask
  task automatic bad_args(input string what, input [7:0] op, input [7:0] flags, input [63:0] src,
                          input [63:0] dst, input [31:0] bytes, input [7:0] code, input [31:0] info);
    counts_snap;
    run_cmd(op, flags, src, dst, bytes, 0);
    check({what, ": error"}, r_err, code);
    check({what, ": info"}, r_info, info);
    no_traffic(what);
  endtask

  // ---------------------------------------------------------------- preemption
  function automatic string dir_name(input int kind);
    case (kind)
      0: return "host->host";
      1: return "host->VRAM";
      2: return "VRAM->host";
      3: return "VRAM->VRAM";
      4: return "FILL host";
      default: return "FILL VRAM";
    endcase
  endfunction
  // kind as dir_name: {fill, source in VRAM, destination in VRAM}.
  function automatic bit k_fill(input int kind); return kind >= 4; endfunction
  function automatic bit k_sv(input int kind); return kind == 2 || kind == 3; endfunction
  function automatic bit k_dv(input int kind); return kind == 1 || kind == 3 || kind == 5; endfunction
  function automatic bit [63:0] save_area(input int region);   // 64-byte aligned
    return haddr(region) & ~64'h3F;
  endfunction

  bit [63:0] p_src, p_dst;
  bit [31:0] p_pat;
  int        p_kind, p_words;
  task automatic p_setup(input int kind, input int nwords);
    p_kind = kind; p_words = nwords; p_pat = $urandom;
    p_src = k_fill(kind) ? 64'd0 : k_sv(kind) ? vaddr(0, nwords) : haddr(7);
    p_dst = k_dv(kind) ? vaddr(1, nwords) : haddr(8);
    prepare(k_sv(kind), k_dv(kind), p_src, p_dst, nwords, k_fill(kind));
  endtask
  task automatic p_run;
    run_cmd(k_fill(p_kind) ? FILL : COPY,
            k_fill(p_kind) ? {6'd0, k_dv(p_kind), 1'b0} : {6'd0, k_dv(p_kind), k_sv(p_kind)},
            p_src, p_dst, 32'(8 * p_words), p_pat);
  endtask
  // After a preempted run: the record names this command, and what it says is done is done.
  bit [31:0] p_done;
  task automatic p_check_record(input string what, input bit [31:0] done_before);
    bit [63:0] w0 = hread(ex_save), w1 = hread(ex_save + 8);
    check({what, ": record tag and BYTES"}, w0, {32'(8 * p_words), 32'h5950_4F43});
    check({what, ": record DST"}, w1[63:32], p_dst[31:0]);
    p_done = w1[31:0];
    if (p_done >= 32'(8 * p_words) || p_done[2:0] != 3'd0 || p_done < done_before)
      tb_fail($sformatf("%s: record says %0d bytes done of %0d (before: %0d)", what, p_done,
                        8 * p_words, done_before));
    else verify({what, ": the part done"}, k_dv(p_kind), p_dst, p_words, k_fill(p_kind), p_pat,
                int'(p_done / 8));
  endtask
  // Run to the end with up to max_stops random stops (each within stop_span cycles of the
  // offer), resuming each time, sometimes from a moved save area.
  task automatic stop_resume(input string what, input int kind, input int nwords,
                             input int max_stops, input int stop_span);
    int stops = 0;
    bit [31:0] done = 0;
    p_setup(kind, nwords);
    ex_save = save_area(12); ex_resume = 1'b0;
    forever begin
      stop_after = stops < max_stops ? $urandom % stop_span : -1;
      p_run;
      stop_after = -1;
      check({what, ": error"}, r_err, 0);
      if (r_err != 0 || !r_pre) break;
      stops++;
      p_check_record($sformatf("%s, stop %0d", what, stops), done);
      done = p_done;
      if ($urandom % 2) begin        // the firmware moves the save area
        bit [63:0] to = save_area(13 + stops % 2);
        hwrite(to, hread(ex_save)); hwrite(to + 8, hread(ex_save + 8));
        hwrite(ex_save, 64'd0); hwrite(ex_save + 8, 64'd0);
        ex_save = to;
      end
      ex_resume = 1'b1;
    end
    ex_resume = 1'b0;
    verify(what, k_dv(kind), p_dst, nwords, k_fill(kind), p_pat, nwords);
  endtask

  // Stop a long command once; leaves a good record at ex_save.
  task automatic stop_once(input int kind, input int at);
    p_setup(kind, 8192);
    ex_save = save_area(12); ex_resume = 1'b0;
    stop_after = at; p_run; stop_after = -1;
    check("stop once: preempted", r_pre, 1);
    p_check_record("stop once", 0);
  endtask
  task automatic bad_record_checks;
    bit [63:0] w0, w1;
    for (int kind = 0; kind < 6; kind++) begin
      ports_random;
      stop_once(kind, 200 + $urandom % 2000);
      w0 = hread(ex_save); w1 = hread(ex_save + 8);
      ex_resume = 1'b1;
      for (int bad = 0; bad < 5; bad++) begin
        case (bad)
          0: hwrite(ex_save, w0 ^ 64'h1);                       // not this engine's tag
          1: hwrite(ex_save, w0 + (64'd8 << 32));               // another command's BYTES
          2: hwrite(ex_save + 8, w1 ^ (64'd1 << 40));           // another command's DST
          3: hwrite(ex_save + 8, {w1[63:32], 32'(8 * p_words)}); // past the end
          default: begin poison_lo = ex_save + 8; poison_hi = ex_save + 16; end   // read error
        endcase
        counts_snap;
        p_run;
        check($sformatf("bad record %0d (%s): error", bad, dir_name(kind)), r_err, E_DMA);
        check($sformatf("bad record %0d: info", bad), r_info, ex_save[31:0]);
        check($sformatf("bad record %0d: no write", bad), (u_wr.n_req - nw) + (u_vram.n_wr - nvw), 0);
        check($sformatf("bad record %0d: one read", bad), u_rd.n_req - nr, 1);
        hwrite(ex_save, w0); hwrite(ex_save + 8, w1); poison_lo = 0; poison_hi = 0;
      end
      p_run;   // the good record again
      check("after bad records: error", r_err, 0);
      check("after bad records: preempted", r_pre, 0);
      ex_resume = 1'b0;
      verify({"after bad records ", dir_name(kind)}, k_dv(kind), p_dst, p_words, k_fill(kind),
             p_pat, p_words);
    end
  endtask
  task automatic stop_in_restore_checks;
    bit [63:0] w1;
    for (int kind = 0; kind < 6; kind++) begin
      ports_random;
      stop_once(kind, 300 + $urandom % 2000);
      w1 = hread(ex_save + 8);
      ex_resume = 1'b1;
      counts_snap;
      stop_after = 0; p_run; stop_after = -1;   // STOP from the cycle after the offer
      check({"stop in restore ", dir_name(kind), ": preempted"}, r_pre, 1);
      check("stop in restore: record unchanged", hread(ex_save + 8), w1);
      check("stop in restore: only the record written", u_wr.n_req - nw, 1);
      check("stop in restore: no VRAM write", u_vram.n_wr - nvw, 0);
      p_run;
      check("after a stop in restore: done", r_pre, 0);
      ex_resume = 1'b0;
      verify({"after a stop in restore ", dir_name(kind)}, k_dv(kind), p_dst, p_words,
             k_fill(kind), p_pat, p_words);
    end
  endtask
  longint lat_max [0:5];
  task automatic latency_sweep;
    for (int kind = 0; kind < 6; kind++) begin
      longint worst = 0;
      ports_ideal(52); u_wr.done_lat = 20;
      for (int i = 0; i < 40; i++) begin
        p_setup(kind, 32768);
        ex_save = save_area(12); ex_resume = 1'b0;
        stop_after = 100 + (i * 997 + $urandom % 997) % 30000; p_run; stop_after = -1;
        if (!r_pre) tb_fail($sformatf("latency sweep %s: not preempted", dir_name(kind)));
        else p_check_record({"latency sweep ", dir_name(kind)}, 0);
        if (r_stop_lat > worst) worst = r_stop_lat;
      end
      lat_max[kind] = worst;
      $display("copy_exec_tb: stop -> preempted (record written) %-10s max %0d cycles",
               dir_name(kind), worst);
      if (worst > 600) tb_fail($sformatf("stop latency %s: %0d cycles > 600", dir_name(kind), worst));
    end
  endtask

  initial begin
    if ($value$plusargs("seed=%d", seed)) ;
    $display("copy_exec_tb: seed %0d", seed);
    void'($urandom(seed));
    for (int i = 0; i < VRAM_BYTES / 8; i++) u_vram.mem[i] = {$urandom, $urandom};
    ports_ideal(20);
    repeat (3) @(negedge clk);
    rst_n = 1'b1;

    // ---- 1. argument errors: nothing moves
    bad_args("COPY 0 bytes", COPY, 0, 64'h1000, 64'h2000, 0, E_LONG, 0);
    bad_args("COPY 16 MiB", COPY, 3, 0, 64'h8, 32'h0100_0000, E_LONG, 0);
    bad_args("FILL 4 GiB - 8", FILL, 0, 0, 64'h8, 32'hFFFF_FFF8, E_LONG, 0);
    bad_args("COPY VRAM source past the end", COPY, 1, VRAM_BYTES - 8, 64'h1000, 16, E_ADDR, VRAM_BYTES - 8);
    bad_args("COPY VRAM source above 4 GiB", COPY, 1, 64'h1_0000_0000, 64'h1000, 8, E_ADDR, 0);
    bad_args("COPY VRAM destination past the end", COPY, 2, 64'h1000, VRAM_BYTES, 8, E_ADDR, VRAM_BYTES);
    bad_args("FILL 0 bytes", FILL, 2, 64'h3000, 0, 32'h0000_0000, E_LONG, 0);
    bad_args("FILL VRAM past the end", FILL, 2, 64'h0, VRAM_BYTES - 64, 72, E_ADDR, VRAM_BYTES - 64);
    bad_args("COPY host destination past 2^64", COPY, 0, 64'h1000, 64'hFFFF_FFFF_FFFF_FFF8, 16, E_ADDR, 32'hFFFF_FFF8);
    bad_args("COPY host source past 2^64", COPY, 0, 64'hFFFF_FFFF_FFFF_FF00, 64'h1000, 512, E_ADDR, 32'hFFFF_FF00);
    // The edges work.
    xfer("VRAM last word", 0, 0, 1, haddr(0), VRAM_BYTES - 8, 1);
    xfer("host up to 2^64", 0, 0, 0, 64'hFFFF_FFFF_FFFF_FF00, haddr(1), 32);

    // ---- 2. random transfers, every direction, random ports
    for (n = 0; n < 80; n++) begin
      int kind = $urandom % 6;
      ports_random;
      words = ($urandom % 4 == 0) ? 1 + $urandom % 6000 : 1 + $urandom % 700;
      case (kind)
        0: xfer($sformatf("%0d host->host", n), 0, 0, 0, haddr(2), haddr(3), words);
        1: xfer($sformatf("%0d host->VRAM", n), 0, 0, 1, haddr(2), vaddr(1, words), words);
        2: xfer($sformatf("%0d VRAM->host", n), 0, 1, 0, vaddr(0, words), haddr(3), words);
        3: xfer($sformatf("%0d VRAM->VRAM", n), 0, 1, 1, vaddr(0, words), vaddr(1, words), words);
        4: xfer($sformatf("%0d FILL host", n), 1, 0, 0, 0, haddr(4), words);
        default: xfer($sformatf("%0d FILL VRAM", n), 1, 0, 1, 0, vaddr(1, words), words);
      endcase
    end

    // ---- 3. a read error: DMA_ERROR with the address, ports clean, no write after it
    ports_random;
    s = haddr(5); t = haddr(6);
    poison_lo = s + 64'h2A08; poison_hi = poison_lo + 8;
    run_cmd(COPY, 0, s, t, 32'h8000, 0);
    check("read error: code", r_err, E_DMA);
    check("read error: info", r_info, poison_lo[31:0]);
    s = haddr(5);
    poison_lo = s + 64'h100; poison_hi = poison_lo + 8;
    run_cmd(COPY, 2, s, 64'h4000, 32'h2000, 0);
    check("read error to VRAM: code", r_err, E_DMA);
    check("read error to VRAM: info", r_info, poison_lo[31:0]);
    poison_lo = 0; poison_hi = 0;

    // ---- 4. preemption: random stops, resume (sometimes from a moved save area), bit-exact
    for (n = 0; n < 24; n++) begin
      int kind;
      kind = n % 6;
      ports_random;
      words = ($urandom % 3 == 0) ? 1 + $urandom % 300 : 2000 + $urandom % 14000;
      stop_resume($sformatf("%0d stop/resume %s", n, dir_name(kind)), kind, words, 1 + $urandom % 6,
                  4 * words);
    end
    // A bad record, a failed record read: DMA_ERROR with the save address, nothing written;
    // then a good record finishes the command.
    bad_record_checks;
    // STOP while the record is read: it is read, then written again unchanged.
    stop_in_restore_checks;
    // The stop latency: ports moving 8 bytes a cycle, 52 cycles read latency, a sweep of
    // stop times over long commands in each direction.
    latency_sweep;

    // ---- 5. reset: with reads and writes in flight, and in the offer's cycle
    for (n = 0; n < 6; n++) begin
      int k;
      ports_random; u_rd.latency = 200;
      @(negedge clk);
      ex_opcode = COPY; ex_flags = n % 4; ex_args = 192'd0;
      ex_args[159:0] = {32'h0004_0000, vaddr(1, 32768), n % 2 ? vaddr(0, 32768) : haddr(9)};
      ex_valid = 1'b1;
      if (n == 5) ex_reset = 1'b1;           // in the offer's cycle
      else repeat (50 + $urandom % 2000) @(negedge clk);
      ex_reset = 1'b1; @(negedge clk); ex_reset = 1'b0; ex_valid = 1'b0;
      k = 0;
      while (!ex_done && k < 100000) begin @(negedge clk); k++; end
      if (!ex_done) tb_fail("reset: no ex_done");
      @(negedge clk); @(negedge clk);
      check("reset: busy", busy, 0);
      check("reset: reads ended", u_rd.outstanding(), 0);
      check("reset: writes done", u_wr.outstanding(), 0);
      check("reset: no VRAM request", vr_req | vw_req, 0);
      check("reset: no DMA request", rv | w_rv, 0);
    end

    // ---- 6. throughput: 1 MiB, ports moving 8 bytes a cycle, 100 cycles read latency
    ports_ideal(100);
    words = 131072;
    s = haddr(10); t = haddr(11);
    prepare(0, 0, s, t, words, 0);
    run_cmd(COPY, 0, s, t, 32'h10_0000, 0); verify("1 MiB host->host", 0, t, words, 0, 0, words);
    bpc = 1048576.0 / r_cycles;
    $display("copy_exec_tb: 1 MiB host->host: %0d cycles, %.3f bytes/cycle", r_cycles, bpc);
    if (bpc < 6.4) tb_fail("host->host below 6.4 bytes/cycle");
    prepare(0, 1, s, 0, words, 0);
    run_cmd(COPY, 2, s, 0, 32'h10_0000, 0); verify("1 MiB host->VRAM", 1, 0, words, 0, 0, words);
    bpc = 1048576.0 / r_cycles;
    $display("copy_exec_tb: 1 MiB host->VRAM: %0d cycles, %.3f bytes/cycle", r_cycles, bpc);
    if (bpc < 6.4) tb_fail("host->VRAM below 6.4 bytes/cycle");
    prepare(1, 0, 0, t, words, 0);
    run_cmd(COPY, 1, 0, t, 32'h10_0000, 0); verify("1 MiB VRAM->host", 0, t, words, 0, 0, words);
    bpc = 1048576.0 / r_cycles;
    $display("copy_exec_tb: 1 MiB VRAM->host: %0d cycles, %.3f bytes/cycle", r_cycles, bpc);
    if (bpc < 6.4) tb_fail("VRAM->host below 6.4 bytes/cycle");
    prepare(1, 1, 0, VRAM_BYTES / 2, words, 0);
    run_cmd(COPY, 3, 0, VRAM_BYTES / 2, 32'h10_0000, 0);
    verify("1 MiB VRAM->VRAM", 1, VRAM_BYTES / 2, words, 0, 0, words);
    $display("copy_exec_tb: 1 MiB VRAM->VRAM: %0d cycles, %.3f bytes/cycle", r_cycles, 1048576.0 / r_cycles);
    run_cmd(FILL, 0, 0, t, 32'h10_0000, 32'h5A5A_1234);
    $display("copy_exec_tb: 1 MiB FILL host: %0d cycles, %.3f bytes/cycle", r_cycles, 1048576.0 / r_cycles);

    if (errors == 0) $display("PASS copy_exec");
    else $display("FAIL copy_exec: %0d errors", errors);
    $finish;
  end

  initial begin
    #500000000;
    $display("FAIL copy_exec: timeout");
    $finish;
  end
endmodule

`default_nettype wire
