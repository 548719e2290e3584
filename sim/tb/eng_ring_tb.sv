// Self-checking testbench for eng_ring: ring fetch, decode, every front-end command and
// error, WAIT, STOP, RESET, IRQ, counters and the speed targets.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sgpu_regs.vh"
`include "sgpu_cmds.vh"
`include "sim/tb/tb_hostmem.svh"   // run from the repository root, as scripts/run-tb does

// The ring lives in the host memory model; DMA ports and VRAM are the models of
// tb_hostmem.svh. The back end is a model too: it logs each command it gets (event kind 3)
// and answers after a few cycles with the error, info and preemption the test asked for.
// What the engine does is checked by its effects: the event log (host 8-byte writes, VRAM
// fence writes, back-end commands) must equal the expected list, in order, each once;
// STATUS, HEAD, ERR_INFO, IRQ and the counters after each run. +seed=N picks the random
// parts (printed).
module eng_ring_tb;
  import tb_hostmem_pkg::*;
  localparam integer VRAM_BYTES = 1 << 20;
  localparam integer AW = 17;
  localparam [63:0] RB = 64'h0000_0001_2340_0000;   // ring base
  localparam [7:0] NOP = `SGPU_CMD_OP_NOP, FENCE = `SGPU_CMD_OP_FENCE, WAIT = `SGPU_CMD_OP_WAIT,
                   COPY = `SGPU_CMD_OP_COPY, FILL = `SGPU_CMD_OP_FILL,
                   TS = `SGPU_CMD_OP_TIMESTAMP, DISPATCH = `SGPU_CMD_OP_DISPATCH,
                   WRAP = `SGPU_CMD_OP_WRAP;
  localparam [2:0] R_NONE = 0, R_EMPTY = 1, R_WAIT = 2, R_PRE = 3, R_ERROR = 4, R_RESET = 5;

  reg clk = 1'b0, rst_n = 1'b0;
  initial forever #5 clk = ~clk;
  always @(posedge clk) cyc <= cyc + 1;

  // Register port.
  reg         req = 1'b0, we = 1'b0;
  reg  [3:0]  be = 4'h0;
  reg  [7:0]  addr = 8'h0;
  reg  [31:0] wdata = 32'd0;
  wire [31:0] rdata;
  wire        irq;
  // Context.
  wire [4:0]  ctx_id;
  reg  [31:0] ring_size = 32'd4096;
  reg  [31:0] tail = 32'd0;
  wire [63:0] cycles = cyc;
  // Ports.
  wire f_rv, f_rr, f_dv, f_dr, f_dl, f_de, x_rv, x_rr, x_dv, x_dr, x_dl, x_de;
  wire [63:0] f_ra, f_d, x_ra, x_d, w_ra, w_d;
  wire [23:0] f_rl, x_rl, w_rl;
  wire [1:0]  f_ec, x_ec;
  wire w_rv, w_rr, w_dv, w_dr, w_done;
  wire vr_req, vr_gnt, vw_req, vw_gnt;
  wire [AW-1:0] vr_addr, vw_addr;
  wire [63:0] vr_rdata, vw_data;
  wire [7:0]  vw_be;
  // Back end.
  wire        ex_valid, ex_stop, ex_reset, ex_resume;
  wire [63:0] ex_save;
  reg  [63:0] save_addr = 64'h0000_0007_0000_0040;   // CTX.SAVE_ADDR of the context
  wire [7:0]  ex_opcode, ex_flags;
  wire [255:0] ex_args;   // ARGS_DWS 8: DISPATCH with HOST_WINDOW
  logic       ex_done = 1'b0, ex_pre = 1'b0;
  logic [7:0] ex_error = 8'd0;
  logic [31:0] ex_info = 32'd0;

  // DISPATCH has a back end here (the model), for its two lengths; copy_engine_tb checks
  // UNKNOWN_OPCODE without one.
  eng_ring #(.VRAM_BYTES(VRAM_BYTES), .PREEMPTION(1), .BACKEND_OPS(32'h0000_00B0), .ARGS_DWS(8)) dut (
    .clk_i(clk), .rst_ni(rst_n),
    .req_i(req), .we_i(we), .be_i(be), .addr_i(addr), .wdata_i(wdata), .rdata_o(rdata),
    .irq_o(irq),
    .ctx_id_o(ctx_id), .ctx_ring_base_i(RB), .ctx_ring_size_i(ring_size), .ctx_tail_i(tail),
    .ctx_save_addr_i(save_addr), .cycles_i(cycles),
    .f_rd_req_valid_o(f_rv), .f_rd_req_ready_i(f_rr), .f_rd_req_addr_o(f_ra), .f_rd_req_len_o(f_rl),
    .f_rd_data_valid_i(f_dv), .f_rd_data_ready_o(f_dr), .f_rd_data_i(f_d),
    .f_rd_data_last_i(f_dl), .f_rd_data_err_i(f_de), .f_rd_err_code_i(f_ec),
    .x_rd_req_valid_o(x_rv), .x_rd_req_ready_i(x_rr), .x_rd_req_addr_o(x_ra), .x_rd_req_len_o(x_rl),
    .x_rd_data_valid_i(x_dv), .x_rd_data_ready_o(x_dr), .x_rd_data_i(x_d),
    .x_rd_data_last_i(x_dl), .x_rd_data_err_i(x_de), .x_rd_err_code_i(x_ec),
    .x_wr_req_valid_o(w_rv), .x_wr_req_ready_i(w_rr), .x_wr_req_addr_o(w_ra), .x_wr_req_len_o(w_rl),
    .x_wr_data_valid_o(w_dv), .x_wr_data_ready_i(w_dr), .x_wr_data_o(w_d), .x_wr_done_i(w_done),
    .x_vr_req_o(vr_req), .x_vr_addr_o(vr_addr), .x_vr_gnt_i(vr_gnt), .x_vr_rdata_i(vr_rdata),
    .x_vw_req_o(vw_req), .x_vw_addr_o(vw_addr), .x_vw_be_o(vw_be), .x_vw_data_o(vw_data),
    .x_vw_gnt_i(vw_gnt),
    .ex_valid_o(ex_valid), .ex_opcode_o(ex_opcode), .ex_flags_o(ex_flags), .ex_args_o(ex_args),
    .ex_done_i(ex_done), .ex_error_i(ex_error), .ex_err_info_i(ex_info), .ex_stop_o(ex_stop),
    .ex_preempted_i(ex_pre), .ex_resume_o(ex_resume), .ex_save_addr_o(ex_save),
    .ex_reset_o(ex_reset)
  );

  tb_dma_rd u_frd (.clk(clk), .rst_n(rst_n), .req_valid(f_rv), .req_ready(f_rr), .req_addr(f_ra),
    .req_len(f_rl), .data_valid(f_dv), .data_ready(f_dr), .data(f_d), .data_last(f_dl),
    .data_err(f_de), .err_code(f_ec));
  tb_dma_rd u_xrd (.clk(clk), .rst_n(rst_n), .req_valid(x_rv), .req_ready(x_rr), .req_addr(x_ra),
    .req_len(x_rl), .data_valid(x_dv), .data_ready(x_dr), .data(x_d), .data_last(x_dl),
    .data_err(x_de), .err_code(x_ec));
  tb_dma_wr u_wr (.clk(clk), .rst_n(rst_n), .req_valid(w_rv), .req_ready(w_rr), .req_addr(w_ra),
    .req_len(w_rl), .data_valid(w_dv), .data_ready(w_dr), .data(w_d), .done(w_done));
  tb_vram #(.AW(AW)) u_vram (.clk(clk), .vr_req(vr_req), .vr_addr(vr_addr), .vr_gnt(vr_gnt),
    .vr_rdata(vr_rdata), .vw_req(vw_req), .vw_addr(vw_addr), .vw_be(vw_be), .vw_data(vw_data),
    .vw_gnt(vw_gnt));

  // ---------------------------------------------------------------- back-end model
  int be_delay_max = 6, be_min = 0;
  logic [7:0] be_err = 8'd0;          // the answer to the next command
  logic [31:0] be_info = 32'd0;
  bit   be_active = 1'b0, be_saw_stop = 1'b0;
  int   be_left = 0, be_stops = 0, be_resets = 0;
  // RESUME: what START asked, the save area then, and the offers since.
  bit   st_resume = 1'b0;
  logic [63:0] st_save = 64'd0;
  int   offers_since_start = 0, be_resumes = 0;
  logic [7:0] be_op;
  logic [255:0] be_args;
  function automatic bit [63:0] args_hash(input logic [255:0] a);
    return a[63:0] ^ {a[127:64], 1'b0} ^ {a[191:128], 2'b00} ^ {a[255:192], 3'b000};
  endfunction
  always @(posedge clk) begin
    ex_done <= 1'b0;
    if (!rst_n) be_active = 1'b0;
    else if (ex_reset) begin be_active = 1'b0; be_resets++; end   // no ex_done: dropped
    else if (be_active) begin
      if (!ex_valid || ex_opcode !== be_op || ex_args !== be_args || ex_save !== st_save ||
          ex_resume !== (st_resume && offers_since_start == 1))
        tb_fail("back-end command (with RESUME and the save area) not held until ex_done");
      if (ex_stop) be_saw_stop = 1'b1;
      if (be_left == 0 || (be_saw_stop && be_left < 1000)) begin
        ex_done <= 1'b1; ex_error <= be_err; ex_info <= be_info;
        ex_pre <= be_saw_stop && be_err == 8'd0;
        if (be_saw_stop) begin
          be_stops++;
          if (be_err == 8'd0) void'(evlog.pop_back());   // preempted: it runs again
        end
        be_active = 1'b0;
      end else be_left--;
    end else if (ex_valid && !ex_done) begin
      be_active = 1'b1; be_saw_stop = 1'b0; be_op = ex_opcode; be_args = ex_args;
      offers_since_start++;
      // RESUME reaches the first command after a START with RESUME, and no other.
      check("ex_resume_o", ex_resume, st_resume && offers_since_start == 1);
      check("ex_save_addr_o: the save area at START", ex_save, st_save);
      if (ex_resume) be_resumes++;
      be_left = be_min + $urandom % (be_delay_max + 1);
      log_ev(3, {48'd0, ex_opcode, ex_flags}, args_hash(ex_args));
    end
  end

  // ---------------------------------------------------------------- helpers
  // Build time: Verilator inlines every task at every call, transitively, and the C++
  // compiler is slow on the huge functions that makes. So check's message is made by a
  // function of its arguments only (Verilator keeps those out of line), and the timed tasks
  // run in a server process each: the task stores its arguments, triggers <task>_go and
  // waits for <task>_done, which the server (`always @(<task>_go)`) triggers after running
  // <task>_body in the same time step. One copy of each body, the timing of a plain call.
  function automatic string mismatch(input string what, input logic [63:0] got,
                                     input logic [63:0] want);
    /*verilator no_inline_task*/
    return got !== want ? $sformatf("%s: got %0h, expected %0h", what, got, want) : "";
  endfunction
  task automatic check(input string what, input logic [63:0] got, input logic [63:0] want);
    string why;
    why = mismatch(what, got, want);
    if (why != "") tb_fail(why);
  endtask
  // (wr: body compiled once, in its server process.)
  event wr_go, wr_done;
  reg [7:0] wr_a;
  reg [31:0] wr_d;
  task automatic wr(input [7:0] a, input [31:0] d);
    wr_a = a; wr_d = d;
    -> wr_go;
    @(wr_done);
  endtask
  always @(wr_go) begin
    wr_body(wr_a, wr_d);
    -> wr_done;
  end
  task automatic wr_body(input [7:0] a, input [31:0] d);
    @(negedge clk); req = 1'b1; we = 1'b1; addr = a; wdata = d; be = 4'hF;
    @(negedge clk); req = 1'b0; we = 1'b0;
  endtask
  // (rd: body compiled once, in its server process; the word read is handed back in rd_d.)
  event rd_go, rd_done;
  reg [7:0]  rd_a;
  reg [31:0] rd_d;
  task automatic rd(input [7:0] a, output [31:0] d);
    rd_a = a;
    -> rd_go;
    @(rd_done);
    d = rd_d;
  endtask
  always @(rd_go) begin
    rd_body(rd_a, rd_d);
    -> rd_done;
  end
  task automatic rd_body(input [7:0] a, output [31:0] d);
    @(negedge clk); req = 1'b1; we = 1'b0; addr = a; be = 4'hF;
    #1 d = rdata;
    @(negedge clk); req = 1'b0;
  endtask
  function automatic [31:0] status_of(input [2:0] reason, input [7:0] err);
    return {16'd0, err, 1'b0, reason, 4'd0};
  endfunction
  longint start_t;
  bit with_resume = 1'b0;    // the next start() sets CMD.RESUME
  // (start: body compiled once, in its server process.)
  event start_go, start_done;
  task automatic start();
    -> start_go;
    @(start_done);
  endtask
  always @(start_go) begin
    start_body;
    -> start_done;
  end
  task automatic start_body();
    @(negedge clk); req = 1'b1; we = 1'b1; addr = `SGPU_ENG_CMD_OFFSET; be = 4'hF;
    wdata = with_resume ? 32'h9 : 32'h1;
    st_resume = with_resume; st_save = save_addr; offers_since_start = 0;
    @(posedge clk); #1 start_t = cyc - 1;
    @(negedge clk); req = 1'b0; we = 1'b0;
    save_addr = save_addr + 64'h40;   // moved after START: the latched one must stay
    with_resume = 1'b0;
  endtask
  reg [31:0] st;
  // (wait_idle: body compiled once, in its server process.)
  event wait_idle_go, wait_idle_done;
  int wait_idle_max_cycles;
  task automatic wait_idle(input int max_cycles);
    wait_idle_max_cycles = max_cycles;
    -> wait_idle_go;
    @(wait_idle_done);
  endtask
  always @(wait_idle_go) begin
    wait_idle_body(wait_idle_max_cycles);
    -> wait_idle_done;
  end
  task automatic wait_idle_body(input int max_cycles);
    int k = 0;
    rd(`SGPU_ENG_STATUS_OFFSET, st);
    while (st[1:0] != 2'd0 && k < max_cycles) begin rd(`SGPU_ENG_STATUS_OFFSET, st); k += 2; end
    if (st[1:0] != 2'd0) tb_fail("engine never became IDLE");
  endtask

  // Ring writing: pt is where the next DW goes.
  int pt = 0;
  function automatic [31:0] hdr(input [7:0] op, input [7:0] len, input [7:0] flags);
    return {8'd0, flags, len, op};
  endfunction
  task automatic emit(input [31:0] dw);
    hwrite32(RB + 64'(pt), dw); pt += 4;
    if (pt == ring_size) pt = 0;
  endtask
  task automatic emit64(input [63:0] v); emit(v[31:0]); emit(v[63:32]); endtask

  ev_t exp[$];
  task automatic expect_ev(input int kind, input [63:0] a, input [63:0] d);
    ev_t e; e.t = 0; e.nb = 0; e.nv = 0; e.pend = 0; e.kind = kind; e.addr = a; e.data = d; exp.push_back(e);
  endtask
  function automatic ev_t exp_fence(input [63:0] a, input [63:0] d);
    ev_t e; e.t = 0; e.nb = 0; e.nv = 0; e.pend = 0; e.kind = 1; e.addr = a; e.data = d;
    return e;
  endfunction
  // FENCE to host (kind 1) or VRAM (kind 2).
  task automatic fence(input [63:0] a, input [63:0] v, input bit irqf, input bit vram);
    emit(hdr(FENCE, 5, {6'd0, vram, irqf})); emit64(a); emit64(v);
    expect_ev(vram ? 2 : 1, a, v);
  endtask
  task automatic nop(input int n);
    emit(hdr(NOP, n[7:0], 0));
    for (int i = 1; i < n; i++) emit($urandom);
  endtask
  task automatic backend(input [7:0] op, input [7:0] flags, input int n);
    logic [255:0] a;
    a = 256'd0;
    emit(hdr(op, n[7:0], flags));
    for (int i = 1; i < n; i++) begin
      // DW 7 of a 9-DW DISPATCH: HOST_BASE's low half, 4 KiB aligned.
      logic [31:0] v = $urandom & ((op == DISPATCH && i == 7) ? ~32'hFFF : ~32'd7);
      emit(v); a[32*(i-1) +: 32] = v;
    end
    expect_ev(3, {48'd0, op, flags}, args_hash(a));
  endtask
  task automatic wait_cmd(input [63:0] a, input [63:0] v, input bit vram);
    emit(hdr(WAIT, 5, {6'd0, vram, 1'b0})); emit64(a); emit64(v);
  endtask
  // Timestamps are checked apart: kind 1/2, data not compared (marked by kind + 10).
  task automatic timestamp(input [63:0] a, input bit vram);
    emit(hdr(TS, 3, {6'd0, vram, 1'b0})); emit64(a);
    expect_ev((vram ? 2 : 1) + 10, a, 0);
  endtask

  // (check_events: body compiled once, in its server process.)
  event check_events_go, check_events_done;
  string check_events_what;
  task automatic check_events(input string what);
    check_events_what = what;
    -> check_events_go;
    @(check_events_done);
  endtask
  always @(check_events_go) begin
    check_events_body(check_events_what);
    -> check_events_done;
  end
  task automatic check_events_body(input string what);
    longint last_ts = 0;
    if (evlog.size() != exp.size())
      tb_fail($sformatf("%s: %0d events, expected %0d", what, evlog.size(), exp.size()));
    for (int i = 0; i < evlog.size() && i < exp.size(); i++) begin
      bit ok;
      if (exp[i].kind > 10) begin
        ok = evlog[i].kind == exp[i].kind - 10 && evlog[i].addr == exp[i].addr &&
             evlog[i].data <= evlog[i].t && evlog[i].data >= last_ts;
        last_ts = evlog[i].data;
      end else ok = evlog[i].kind == exp[i].kind && evlog[i].addr == exp[i].addr &&
                    evlog[i].data == exp[i].data;
      if (evlog[i].kind == 2 && evlog[i].pend != 0)
        tb_fail($sformatf("%s: event %0d: VRAM write with %0d host writes not done", what, i,
                          evlog[i].pend));
      if (!ok) begin
        tb_fail($sformatf("%s: event %0d is kind %0d addr %h data %h, expected kind %0d addr %h data %h",
                          what, i, evlog[i].kind, evlog[i].addr, evlog[i].data, exp[i].kind,
                          exp[i].addr, exp[i].data));
        break;
      end
    end
    evlog.delete(); exp.delete();
  endtask

  bit exp_partial = 1'b0;    // expect_stop: STATUS.PARTIAL expected
  // (expect_stop: body compiled once, in its server process.)
  event expect_stop_go, expect_stop_done;
  string expect_stop_what;
  reg [2:0] expect_stop_reason;
  reg [7:0] expect_stop_err;
  reg [31:0] expect_stop_head;
  task automatic expect_stop(input string what, input [2:0] reason, input [7:0] err,
                             input [31:0] head);
    expect_stop_what = what; expect_stop_reason = reason; expect_stop_err = err;
    expect_stop_head = head;
    -> expect_stop_go;
    @(expect_stop_done);
  endtask
  always @(expect_stop_go) begin
    expect_stop_body(expect_stop_what, expect_stop_reason, expect_stop_err, expect_stop_head);
    -> expect_stop_done;
  end
  task automatic expect_stop_body(input string what, input [2:0] reason, input [7:0] err,
                                  input [31:0] head);
    reg [31:0] v;
    wait_idle(200000);
    check({what, ": STATUS"}, st, status_of(reason, err) | {15'd0, exp_partial, 16'd0});
    rd(`SGPU_ENG_HEAD_OFFSET, v); check({what, ": HEAD"}, v, head);
    rd(`SGPU_ENG_IRQ_OFFSET, v); check({what, ": IRQ.STOPPED"}, v[0], 1);
    wr(`SGPU_ENG_IRQ_OFFSET, 32'h1);
    check({what, ": fetch reads ended"}, u_frd.outstanding(), 0);
    check({what, ": WAIT reads ended"}, u_xrd.outstanding(), 0);
    check({what, ": writes done"}, u_wr.outstanding(), 0);
  endtask

  // Run from HEAD = h0 to the tail pt; expect a stop.
  // (run: body compiled once, in its server process.)
  event run_go, run_done;
  string run_what;
  int run_h0;
  reg [2:0] run_reason;
  reg [7:0] run_err;
  int run_head_end;
  task automatic run(input string what, input int h0, input [2:0] reason, input [7:0] err,
                     input int head_end);
    run_what = what; run_h0 = h0; run_reason = reason; run_err = err; run_head_end = head_end;
    -> run_go;
    @(run_done);
  endtask
  always @(run_go) begin
    run_body(run_what, run_h0, run_reason, run_err, run_head_end);
    -> run_done;
  end
  task automatic run_body(input string what, input int h0, input [2:0] reason, input [7:0] err,
                          input int head_end);
    wr(`SGPU_ENG_HEAD_OFFSET, h0);
    tail = pt;
    start();
    expect_stop(what, reason, err, head_end);
    check_events(what);
  endtask


  // The producer never writes between HEAD and its own write point.
  // (make_room: body compiled once, in its server process.)
  event make_room_go, make_room_done;
  int make_room_bytes;
  task automatic make_room(input int bytes);
    make_room_bytes = bytes;
    -> make_room_go;
    @(make_room_done);
  endtask
  always @(make_room_go) begin
    make_room_body(make_room_bytes);
    -> make_room_done;
  end
  task automatic make_room_body(input int bytes);
    reg [31:0] hv, sv;
    int used;
    forever begin
      rd(`SGPU_ENG_HEAD_OFFSET, hv);
      used = (pt - hv) & (ring_size - 1);
      if (ring_size - used - 4 >= bytes) break;
      tail = pt;
      rd(`SGPU_ENG_STATUS_OFFSET, sv);
      if (sv[1:0] == 0) begin
        check("random: idle only when EMPTY", sv, status_of(R_EMPTY, 0));
        wr(`SGPU_ENG_IRQ_OFFSET, 1);
        start();
      end
    end
  endtask

  int seed = 1;
  reg [31:0] v, v2;
  int h0, hs, n, i, k;
  int count;   // a loop count in a variable: Verilator unrolls loops with constant bounds
  real rate;

  // One invalid command at the start of a fresh ring region: HEAD and ERR_INFO checked.
  // (bad: body compiled once, in its server process.)
  event bad_go, bad_done;
  string bad_what;
  reg [31:0] bad_h;
  reg [31:0] bad_a1;
  reg [31:0] bad_a2;
  int bad_ndw;
  reg [7:0] bad_code;
  task automatic bad(input string what, input [31:0] h, input [31:0] a1, input [31:0] a2,
                     input int ndw, input [7:0] code);
    bad_what = what; bad_h = h; bad_a1 = a1; bad_a2 = a2; bad_ndw = ndw; bad_code = code;
    -> bad_go;
    @(bad_done);
  endtask
  always @(bad_go) begin
    bad_body(bad_what, bad_h, bad_a1, bad_a2, bad_ndw, bad_code);
    -> bad_done;
  end
  logic [31:0] bad_a7 = 32'd0;   // DW 7 of the command (DISPATCH's HOST_BASE low half)
  task automatic bad_body(input string what, input [31:0] h, input [31:0] a1, input [31:0] a2,
                          input int ndw, input [7:0] code);
    reg [31:0] v;
    int hb;
    h0 = pt;
    fence(64'h1000 + 64'(pt) * 8, 64'(pt), 0, 0);       // runs
    hb = pt;
    emit(h); if (ndw > 1) emit(a1); if (ndw > 2) emit(a2);
    for (int j = 3; j < ndw; j++) emit(j == 7 ? bad_a7 : 32'd0);
    emit(hdr(FENCE, 5, 0)); emit64(64'h2000); emit64(64'hDEAD);   // must not run
    run(what, h0, R_ERROR, code, hb);
    rd(`SGPU_ENG_ERR_INFO_OFFSET, v); check({what, ": ERR_INFO"}, v, h);
  endtask

  initial begin
    if ($value$plusargs("seed=%d", seed)) ;
    $display("eng_ring_tb: seed %0d", seed);
    void'($urandom(seed));
    vlog_lo = 64'h0; vlog_hi = 64'h1_0000;
    repeat (3) @(negedge clk);
    rst_n = 1'b1;

    // ---- 1. reset values
    rd(`SGPU_ENG_STATUS_OFFSET, v); check("STATUS after reset", v, 0);
    rd(`SGPU_ENG_CAPS_OFFSET, v); check("CAPS.PREEMPTION", v, `SGPU_ENG_CAPS_PREEMPTION_CHUNK);
    rd(`SGPU_ENG_CONFIG_OFFSET, v); check("CONFIG after reset", v, 32'h4000);
    rd(`SGPU_ENG_CMD_OFFSET, v); check("CMD reads 0", v, 0);
    wr(`SGPU_ENG_CTX_OFFSET, 32'hFFFF_FFE7); check("ctx_id_o", ctx_id, 5'h07);
    rd(`SGPU_ENG_CTX_OFFSET, v); check("CTX keeps its field", v, 32'h7);
    wr(`SGPU_ENG_CONFIG_OFFSET, 32'hFFFF_FFFF); rd(`SGPU_ENG_CONFIG_OFFSET, v);
    check("CONFIG keeps its fields", v, 32'h000F_FF01);
    wr(`SGPU_ENG_CONFIG_OFFSET, 32'h4000);
    wr(`SGPU_ENG_IRQ_ENABLE_OFFSET, 32'hFF); rd(`SGPU_ENG_IRQ_ENABLE_OFFSET, v);
    check("IRQ_ENABLE keeps its fields", v, 3);
    wr(`SGPU_ENG_IRQ_ENABLE_OFFSET, 0);

    // ---- 2. speed: START to fetch, first beat to first command, FENCE stream, NOP stream
    ring_size = 8192; pt = 0;
    u_frd.latency = 20;
    for (i = 0; i < 300; i++) fence(64'h8000 + 64'(8 * i), 64'h1_0000_0000 + 64'(i), 0, 0);
    wr(`SGPU_ENG_HEAD_OFFSET, 0); tail = pt;
    start();
    expect_stop("fence stream", R_EMPTY, 0, pt);
    check_events("fence stream");
    $display("eng_ring_tb: START to first fetch request: %0d cycles", u_frd.first_req_t - start_t);
    if (u_frd.first_req_t - start_t > 3) tb_fail("START to first fetch request above 3 cycles");
    $display("eng_ring_tb: first fetch beat to first FENCE write request: %0d cycles",
             u_wr.first_req_t - u_frd.first_beat_t);
    if (u_wr.first_req_t - u_frd.first_beat_t > 4) tb_fail("first beat to first command above 4 cycles");
    rate = 299.0 / (u_wr.last_req_t - u_wr.first_req_t);
    $display("eng_ring_tb: FENCE stream (host, 5 DWs): %.3f commands/cycle (%0d cycles for 300)",
             rate, u_wr.last_req_t - u_wr.first_req_t + 1);
    if (rate < 0.25) tb_fail("FENCE stream below 1 command per 4 cycles");
    rd(`SGPU_ENG_COMMANDS_OFFSET, v); check("COMMANDS after the stream", v, 300);
    // The same with a slow wr_done: fences do not wait for the previous one's.
    u_wr.done_lat = 30; u_wr.first_req_t = -1;
    for (i = 0; i < 300; i++) exp.push_back(exp_fence(64'h8000 + 64'(8 * i), 64'h1_0000_0000 + 64'(i)));
    wr(`SGPU_ENG_HEAD_OFFSET, 0); start();
    expect_stop("fence stream, slow wr_done", R_EMPTY, 0, pt);
    check_events("fence stream, slow wr_done");
    rate = 299.0 / (u_wr.last_req_t - u_wr.first_req_t);
    $display("eng_ring_tb: FENCE stream, wr_done 30 cycles after the beat: %.3f commands/cycle", rate);
    if (rate < 0.25) tb_fail("FENCE stream with slow wr_done below 1 command per 4 cycles");
    u_wr.done_lat = 3;
    rd(`SGPU_ENG_LAST_FENCE_LO_OFFSET, v); check("LAST_FENCE_LO", v, 299);
    rd(`SGPU_ENG_LAST_FENCE_HI_OFFSET, v); check("LAST_FENCE_HI", v, 1);
    rd(`SGPU_ENG_BUSY_CYCLES_OFFSET, v);
    if (v < 300 || v > 2000) tb_fail($sformatf("BUSY_CYCLES %0d out of range", v));
    // The same against the device's write port (dma_wr_mux + pcie_dma_wr): a beat is taken
    // 3 cycles after its request (2 cycles between: queue, first header beat), one-beat TLPs
    // every 3 cycles, 4 requests queued, wr_done later. Above 0.25 only if a FENCE's request
    // is offered while the previous beat still waits.
    pt = 0;
    u_wr.beat_delay = 3; u_wr.tlp_beats = 3; u_wr.qmax = 4; u_wr.done_lat = 6;
    u_wr.first_req_t = -1;
    n = u_wr.n_req;
    for (i = 0; i < 300; i++) fence(64'h8000 + 64'(8 * i), 64'h2_0000_0000 + 64'(i), i % 50 == 49, 0);
    wr(`SGPU_ENG_HEAD_OFFSET, 0); tail = pt;
    start();
    expect_stop("fence stream, device write port", R_EMPTY, 0, pt);
    check_events("fence stream, device write port");
    check("device write port: requests", u_wr.n_req - n, 300);
    rate = 299.0 / (u_wr.last_req_t - u_wr.first_req_t);
    $display("eng_ring_tb: FENCE stream, device-like write port: %.3f commands/cycle", rate);
    if (rate < 0.3) tb_fail("FENCE stream against the device write port below 0.3 commands/cycle");
    rd(`SGPU_ENG_LAST_FENCE_LO_OFFSET, v); check("device write port: LAST_FENCE", v, 299);
    rd(`SGPU_ENG_FENCE_VALUE_LO_OFFSET, v); check("device write port: FENCE_VALUE", v, 299);
    rd(`SGPU_ENG_FENCE_ADDR_LO_OFFSET, v); check("device write port: FENCE_ADDR", v, 32'h8000 + 8 * 299);
    rd(`SGPU_ENG_IRQ_OFFSET, v); check("device write port: IRQ.FENCE", v[1], 1);
    wr(`SGPU_ENG_IRQ_OFFSET, 32'h3);
    u_wr.beat_delay = 0; u_wr.qmax = 2; u_wr.done_lat = 3;
    // NOPs: 1200 single-DW NOPs, then one fence to time the end.
    pt = 0; u_wr.first_req_t = -1; u_frd.first_beat_t = -1;
    for (i = 0; i < 1200; i++) nop(1);
    fence(64'h9000, 64'h77, 0, 0);
    wr(`SGPU_ENG_HEAD_OFFSET, 0); tail = pt;
    start();
    expect_stop("NOP stream", R_EMPTY, 0, pt);
    check_events("NOP stream");
    rate = 1200.0 / (u_wr.first_req_t - u_frd.first_beat_t);
    $display("eng_ring_tb: NOP stream: %.3f commands/cycle (first beat to the fence after 1200 NOPs: %0d cycles)",
             rate, u_wr.first_req_t - u_frd.first_beat_t);
    if (rate < 0.9) tb_fail("NOP stream below 0.9 commands per cycle");

    // ---- 3. IRQ fences, VRAM fences, timestamps, odd HEAD and TAIL, long NOPs
    ring_size = 4096; pt = 4; h0 = 4;
    u_frd.latency = 7; u_frd.gap_pct = 30; u_wr.data_stall_pct = 30; u_wr.done_lat = 9;
    fence(64'h100, 64'h11, 1, 0);
    nop(3);
    fence(64'h108, 64'h22, 1, 1);
    timestamp(64'h110, 0);
    nop(40);
    fence(64'h118, 64'h33, 0, 0);
    timestamp(64'h120, 1);
    nop(9);
    fence(64'h128, 64'h44, 1, 0);
    nop(1);
    run("mixed", h0, R_EMPTY, 0, pt);
    rd(`SGPU_ENG_IRQ_OFFSET, v); check("IRQ.FENCE set", v, 2);
    rd(`SGPU_ENG_FENCE_VALUE_LO_OFFSET, v); check("FENCE_VALUE = the latest IRQ fence", v, 32'h44);
    rd(`SGPU_ENG_FENCE_ADDR_LO_OFFSET, v); check("FENCE_ADDR = the latest IRQ fence", v, 32'h128);
    rd(`SGPU_ENG_LAST_FENCE_LO_OFFSET, v); check("LAST_FENCE", v, 32'h44);
    check("irq_o off while not enabled", irq, 0);
    wr(`SGPU_ENG_IRQ_ENABLE_OFFSET, 2); #1 check("irq_o on FENCE", irq, 1);
    wr(`SGPU_ENG_IRQ_OFFSET, 32'h1); rd(`SGPU_ENG_IRQ_OFFSET, v); check("IRQ W1C other bit", v, 2);
    @(negedge clk); req = 1'b1; we = 1'b1; addr = `SGPU_ENG_IRQ_OFFSET; wdata = 32'h2; be = 4'h0;
    @(negedge clk); req = 1'b0; we = 1'b0;
    rd(`SGPU_ENG_IRQ_OFFSET, v); check("IRQ W1C needs the byte enable", v, 2);
    wr(`SGPU_ENG_IRQ_OFFSET, 32'h2); rd(`SGPU_ENG_IRQ_OFFSET, v); check("IRQ W1C", v, 0);
    check("irq_o off after W1C", irq, 0);
    wr(`SGPU_ENG_IRQ_ENABLE_OFFSET, 1);
    // Odd tail: a NOP at an odd offset ends the run; the next DW comes later.
    h0 = pt; nop(1); tail = pt;
    wr(`SGPU_ENG_HEAD_OFFSET, h0); start();
    wait_idle(1000);
    check("irq_o on STOPPED", irq, 1);
    expect_stop("odd tail", R_EMPTY, 0, pt);
    check("irq_o off after W1C", irq, 0);
    fence(64'h130, 64'h55, 0, 0);
    run("after an odd tail", h0 + 4, R_EMPTY, 0, pt);
    wr(`SGPU_ENG_IRQ_ENABLE_OFFSET, 0);

    // ---- 4. the back end, WRAP, commands ending at the ring end, partial commands
    pt = 512; h0 = 512;
    backend(COPY, 8'h03, 6);
    fence(64'h140, 64'h66, 0, 0);
    backend(FILL, 8'h02, 5);
    backend(DISPATCH, 8'h00, 7);
    backend(DISPATCH, 8'h01, 9);         // HOST_WINDOW: 9 DWs leave the window at once
    fence(64'h138, 64'h67, 0, 0);
    while (pt != 4096 - 56) nop(1);
    fence(64'h148, 64'h77, 0, 0);
    backend(DISPATCH, 8'h01, 9);         // ends at the ring end exactly: HEAD 0
    run("back end, up to the ring end", 512, R_EMPTY, 0, 0);
    pt = 256;
    fence(64'h150, 64'h88, 0, 0);
    while (pt != 4096 - 256) nop(1);
    fence(64'h158, 64'h99, 0, 0);
    emit(hdr(WRAP, 1, 0));
    pt = 0;
    fence(64'h160, 64'hAA, 0, 0);
    run("WRAP", 256, R_EMPTY, 0, pt);
    // A command the tail cuts: EMPTY at it; then the rest.
    h0 = pt;
    fence(64'h168, 64'hBB, 0, 0);
    hs = pt;
    fence(64'h170, 64'hCC, 0, 0);
    k = pt; pt = hs + 12;
    void'(exp.pop_back());
    run("partial command", h0, R_EMPTY, 0, hs);
    pt = k; expect_ev(1, 64'h170, 64'hCC);
    run("partial command completed", hs, R_EMPTY, 0, pt);
    h0 = pt; nop(30); k = pt; pt = h0 + 100;
    run("partial long NOP", h0, R_EMPTY, 0, h0);
    pt = k; fence(64'h178, 64'hDD, 0, 0);
    run("partial long NOP completed", h0, R_EMPTY, 0, pt);

    // ---- 5. every front-end error, and back-end errors
    ring_size = 4096; pt = 0;
    bad("unknown opcode 0", hdr(0, 1, 0), 0, 0, 1, `SGPU_CMD_ERROR_UNKNOWN_OPCODE);
    bad("unknown opcode 9", hdr(9, 1, 0), 0, 0, 1, `SGPU_CMD_ERROR_UNKNOWN_OPCODE);
    bad("DISPATCH HOST_WINDOW length 7", hdr(DISPATCH, 7, 8'h01), 0, 0, 7, `SGPU_CMD_ERROR_BAD_LENGTH);
    bad("DISPATCH length 9 without HOST_WINDOW", hdr(DISPATCH, 9, 0), 0, 0, 9, `SGPU_CMD_ERROR_BAD_LENGTH);
    bad("DISPATCH flag 1", hdr(DISPATCH, 9, 8'h03), 0, 0, 9, `SGPU_CMD_ERROR_RESERVED_BITS);
    bad_a7 = 32'h0000_0800;
    bad("DISPATCH HOST_BASE + 0x800", hdr(DISPATCH, 9, 8'h01), 0, 0, 9, `SGPU_CMD_ERROR_MISALIGNED);
    bad_a7 = 32'd0;
    bad("FENCE length 4", hdr(FENCE, 4, 0), 0, 0, 4, `SGPU_CMD_ERROR_BAD_LENGTH);
    bad("NOP length 0", hdr(NOP, 0, 0), 0, 0, 1, `SGPU_CMD_ERROR_BAD_LENGTH);
    bad("WRAP length 2", hdr(WRAP, 2, 0), 0, 0, 2, `SGPU_CMD_ERROR_BAD_LENGTH);
    bad("COPY length 7", hdr(COPY, 7, 0), 0, 0, 7, `SGPU_CMD_ERROR_BAD_LENGTH);
    bad("reserved byte", hdr(NOP, 1, 0) | 32'h0100_0000, 0, 0, 1, `SGPU_CMD_ERROR_RESERVED_BITS);
    bad("FENCE flag 2", hdr(FENCE, 5, 8'h04), 0, 0, 5, `SGPU_CMD_ERROR_RESERVED_BITS);
    bad("WAIT IRQ flag", hdr(WAIT, 5, 8'h01), 0, 0, 5, `SGPU_CMD_ERROR_RESERVED_BITS);
    bad("NOP flag", hdr(NOP, 2, 8'h80), 0, 0, 2, `SGPU_CMD_ERROR_RESERVED_BITS);
    bad("FENCE addr + 4", hdr(FENCE, 5, 0), 32'h104, 0, 5, `SGPU_CMD_ERROR_MISALIGNED);
    bad("WAIT addr + 2", hdr(WAIT, 5, 0), 32'h102, 0, 5, `SGPU_CMD_ERROR_MISALIGNED);
    bad("TIMESTAMP addr + 1", hdr(TS, 3, 0), 32'h101, 0, 3, `SGPU_CMD_ERROR_MISALIGNED);
    bad("COPY src + 4", hdr(COPY, 6, 0), 32'h104, 0, 6, `SGPU_CMD_ERROR_MISALIGNED);
    bad("FILL dst + 4", hdr(FILL, 5, 0), 32'h104, 0, 5, `SGPU_CMD_ERROR_MISALIGNED);
    bad("VRAM FENCE past VRAM", hdr(FENCE, 5, 8'h02), VRAM_BYTES, 0, 5, `SGPU_CMD_ERROR_BAD_ADDRESS);
    bad("VRAM WAIT above 4 GiB", hdr(WAIT, 5, 8'h02), 0, 1, 5, `SGPU_CMD_ERROR_BAD_ADDRESS);
    bad("VRAM TIMESTAMP past VRAM", hdr(TS, 3, 8'h02), VRAM_BYTES + 8, 0, 3, `SGPU_CMD_ERROR_BAD_ADDRESS);
    // COPY's BYTES not a multiple of 8 (DW 5)
    h0 = pt; hs = pt;
    emit(hdr(COPY, 6, 0)); emit(0); emit(0); emit(0); emit(0); emit(32'h0000_0104);
    run("COPY bytes + 4", h0, R_ERROR, `SGPU_CMD_ERROR_MISALIGNED, hs);
    // Crossing the ring end.
    while (pt != 4096 - 12) nop(1);
    h0 = pt; fence(64'h180, 64'h1, 0, 0); void'(exp.pop_back());
    tail = 8; pt = 8;
    run("FENCE across the ring end", h0, R_ERROR, `SGPU_CMD_ERROR_CROSSES_RING_END, h0);
    rd(`SGPU_ENG_ERR_INFO_OFFSET, v); check("crossing: ERR_INFO", v, hdr(FENCE, 5, 0));
    // Back-end errors: info for a bad access, else the header.
    pt = 0; h0 = 0;
    be_err = `SGPU_CMD_ERROR_TOO_LONG; be_info = 32'd0;
    backend(COPY, 0, 6); fence(64'h188, 1, 0, 0); void'(exp.pop_back());
    run("back end TOO_LONG", 0, R_ERROR, `SGPU_CMD_ERROR_TOO_LONG, 0);
    rd(`SGPU_ENG_ERR_INFO_OFFSET, v); check("TOO_LONG: ERR_INFO is the header", v, hdr(COPY, 6, 0));
    pt = 0;
    be_err = `SGPU_CMD_ERROR_BAD_ADDRESS; be_info = 32'h1234_5678;
    fence(64'h190, 2, 0, 0); hs = pt; backend(FILL, 2, 5);
    run("back end BAD_ADDRESS", 0, R_ERROR, `SGPU_CMD_ERROR_BAD_ADDRESS, hs);
    rd(`SGPU_ENG_ERR_INFO_OFFSET, v); check("BAD_ADDRESS: ERR_INFO is the address", v, 32'h1234_5678);
    pt = 0;
    be_err = `SGPU_CMD_ERROR_KERNEL_ILLEGAL_INSTRUCTION; be_info = 32'h0000_0F3C;
    backend(COPY, 0, 6); fence(64'h198, 3, 0, 0); void'(exp.pop_back());   // any opcode will do
    run("back end KERNEL_ILLEGAL_INSTRUCTION", 0, R_ERROR,
        `SGPU_CMD_ERROR_KERNEL_ILLEGAL_INSTRUCTION, 0);
    rd(`SGPU_ENG_ERR_INFO_OFFSET, v); check("KERNEL_ILLEGAL_INSTRUCTION: ERR_INFO is the PC", v, 32'h0F3C);
    be_err = 0;
    // Fetch DMA error: the commands before the poisoned word run.
    pt = 0;
    count = 20; for (i = 0; i < count; i++) fence(64'h200 + 64'(8 * i), 64'(i), 0, 0);
    hs = pt; count = 10; for (i = 0; i < count; i++) exp.pop_back();
    hs = 20 * 10;   // the 11th fence: its header at 200
    poison_lo = RB + 64'd208; poison_hi = RB + 64'd216;
    run("fetch DMA error", 0, R_ERROR, `SGPU_CMD_ERROR_DMA_ERROR, hs);
    rd(`SGPU_ENG_ERR_INFO_OFFSET, v); check("fetch DMA error: ERR_INFO", v, RB[31:0] + hs);
    poison_lo = 0; poison_hi = 0;

    // ---- 6. WAIT: satisfied, not satisfied, polled, STOP in a poll, VRAM, read error
    pt = 0;
    hwrite(64'h3000, 64'd50);
    wait_cmd(64'h3000, 64'd50, 0);
    fence(64'h1A0, 1, 0, 0);
    hs = pt;
    wait_cmd(64'h3000, 64'd51, 0);
    fence(64'h1A8, 2, 0, 0); void'(exp.pop_back());
    run("WAIT not satisfied", 0, R_WAIT, 0, hs);
    hwrite(64'h3000, 64'h8000_0000_0000_0000);   // unsigned compare
    expect_ev(1, 64'h1A8, 2);
    run("WAIT satisfied later", hs, R_EMPTY, 0, pt);
    // Polled.
    wr(`SGPU_ENG_CONFIG_OFFSET, 32'h0000_0A01);   // POLL_WAIT, every 10 cycles
    h0 = pt;
    wait_cmd(64'h3008, 64'd7, 0);
    fence(64'h1B0, 3, 0, 0);
    hwrite(64'h3008, 64'd6);
    n = u_xrd.n_req;
    wr(`SGPU_ENG_HEAD_OFFSET, h0); tail = pt; start();
    repeat (300) @(negedge clk);
    rd(`SGPU_ENG_STATUS_OFFSET, v); check("polled WAIT: RUNNING", v[1:0], 1);
    k = u_xrd.n_req - n;
    if (k < 5 || k > 30) tb_fail($sformatf("polled WAIT: %0d reads in 300 cycles", k));
    hwrite(64'h3008, 64'd7);
    expect_stop("polled WAIT satisfied", R_EMPTY, 0, pt);
    check_events("polled WAIT");
    // STOP while polling: PREEMPTED at the WAIT.
    h0 = pt; wait_cmd(64'h3010, 64'd1, 1); fence(64'h1B8, 4, 0, 0); void'(exp.pop_back());
    wr(`SGPU_ENG_HEAD_OFFSET, h0); tail = pt; start();
    repeat (100) @(negedge clk);
    wr(`SGPU_ENG_CMD_OFFSET, 32'h2);
    expect_stop("STOP in a polled WAIT", R_PRE, 0, h0);
    check_events("STOP in a polled WAIT");
    wr(`SGPU_ENG_CONFIG_OFFSET, 32'h0000_4000);
    // VRAM WAIT satisfied by a VRAM fence before it.
    pt = 0;
    fence(64'h3010, 64'd9, 0, 1);
    wait_cmd(64'h3010, 64'd9, 1);
    fence(64'h1C0, 5, 0, 0);
    run("VRAM fence then VRAM WAIT", 0, R_EMPTY, 0, pt);
    // WAIT read error.
    h0 = pt; wait_cmd(64'h3018, 64'd1, 0);
    poison_lo = 64'h3018; poison_hi = 64'h3020;
    run("WAIT read error", h0, R_ERROR, `SGPU_CMD_ERROR_DMA_ERROR, h0);
    rd(`SGPU_ENG_ERR_INFO_OFFSET, v); check("WAIT read error: ERR_INFO", v, 32'h3018);
    poison_lo = 0; poison_hi = 0;

    // ---- 7. tail moving while running: one run, one STOPPED
    ring_size = 4096; pt = 0;
    u_frd.latency = 12; u_frd.gap_pct = 10;
    count = 40; for (i = 0; i < count; i++) fence(64'h4000 + 64'(8 * i), 64'(i), 0, 0);
    wr(`SGPU_ENG_HEAD_OFFSET, 0); tail = 100; start();
    k = 0;
    while (tail < pt) begin
      @(negedge clk);
      rd(`SGPU_ENG_IRQ_OFFSET, v); if (v[0]) k++;
      tail = tail + 20 * (1 + $urandom % 3); if (tail > pt) tail = pt;
    end
    expect_stop("moving tail", R_EMPTY, 0, pt);
    check("moving tail: no stop before the end", k, 0);
    check_events("moving tail");

    // ---- 8. STOP between commands and in the back end; the rest runs after START
    pt = 0; be_delay_max = 40; u_frd.latency = 5; u_frd.gap_pct = 0;
    for (i = 0; i < 60; i++) begin
      if (i % 7 == 3) backend(FILL, 0, 5); else fence(64'h5000 + 64'(8 * i), 64'(i), 0, 0);
    end
    wr(`SGPU_ENG_HEAD_OFFSET, 0); tail = pt;
    rd(`SGPU_ENG_COMMANDS_OFFSET, v2);
    n = 0; i = 0;
    for (k = 0; k < 200; k++) begin
      int pre0;
      bit resumed, partial;
      pre0 = be_stops; resumed = with_resume;
      start();
      repeat ($urandom % 60) @(negedge clk);
      wr(`SGPU_ENG_CMD_OFFSET, 32'h2);
      wait_idle(100000);
      if (st[6:4] == R_EMPTY) break;
      // PARTIAL: the back end stopped inside the command, or a resumed command was not
      // handed over before the STOP (its saved state is still good).
      partial = be_stops != pre0 || (resumed && offers_since_start == 0);
      check("STOP: PREEMPTED", st, status_of(R_PRE, 0) | {15'd0, partial, 16'd0});
      if (partial) begin   // HEAD is still at the FILL; resume it
        rd(`SGPU_ENG_HEAD_OFFSET, v);
        check("partial stop: HEAD at the back-end command", hread32(RB + 64'(v)) & 32'hFF, FILL);
        with_resume = 1'b1; i++;
      end
      wr(`SGPU_ENG_IRQ_OFFSET, 32'h1);
      n++;
    end
    rd(`SGPU_ENG_HEAD_OFFSET, v); check("STOP: all done at last", v, pt);
    rd(`SGPU_ENG_COMMANDS_OFFSET, v);
    check("STOP: COMMANDS counts each command once, preempted ones not", v - v2, 60);
    $display("eng_ring_tb: %0d partial stops, %0d commands resumed", i, be_resumes);
    if (be_resumes == 0) tb_fail("no RESUME reached the back end");
    check_events("STOP and START again");
    $display("eng_ring_tb: %0d STOPs obeyed, %0d of them inside a back-end command", n, be_stops);
    if (be_stops == 0) tb_fail("no STOP reached the back end (ex_stop_o)");
    // A STOP obeyed before a resumed command is handed over keeps PARTIAL (the save area
    // still holds its state); START clears PARTIAL; RESUME goes with that command only.
    pt = 0; h0 = 0;
    backend(FILL, 0, 5); fence(64'h5800, 64'd58, 0, 0); backend(FILL, 0, 5);   // 58: LAST_FENCE as above
    be_min = 1000; be_delay_max = 0;
    wr(`SGPU_ENG_HEAD_OFFSET, 0); tail = pt; start();
    k = 0; while (offers_since_start == 0 && k < 1000) begin @(negedge clk); k++; end
    wr(`SGPU_ENG_CMD_OFFSET, 32'h2);
    exp_partial = 1'b1;
    expect_stop("stop inside: PARTIAL", R_PRE, 0, 0);
    with_resume = 1'b1; start();
    wr(`SGPU_ENG_CMD_OFFSET, 32'h2);
    expect_stop("stop before the resumed command: PARTIAL kept", R_PRE, 0, 0);
    exp_partial = 1'b0;
    check("stop before the resumed command: not handed over", offers_since_start, 0);
    be_min = 0;
    with_resume = 1'b1; start();
    rd(`SGPU_ENG_STATUS_OFFSET, v); check("START clears PARTIAL", v[16], 0);
    expect_stop("resumed to the end", R_EMPTY, 0, pt);
    check("resumed to the end: offers", offers_since_start, 2);
    check_events("stop before a resumed command");
    be_delay_max = 6;
    // STOP while idle is ignored.
    wr(`SGPU_ENG_CMD_OFFSET, 32'h2); rd(`SGPU_ENG_STATUS_OFFSET, v);
    check("STOP while IDLE ignored", v, status_of(R_EMPTY, 0));

    // ---- 9. RESET: with fetch reads outstanding, in a WAIT read, in the back end
    rd(`SGPU_ENG_COMMANDS_OFFSET, v2);
    pt = 0; u_frd.latency = 300;
    for (i = 0; i < 100; i++) fence(64'h6000 + 64'(8 * i), 64'(i), 0, 0);
    wr(`SGPU_ENG_HEAD_OFFSET, 0); tail = pt; wr(`SGPU_ENG_IRQ_OFFSET, 3);
    wr(`SGPU_ENG_LAST_FENCE_LO_OFFSET, 0);   // read-only: ignored
    start();
    repeat (50) @(negedge clk);
    check("reset: fetch reads in flight", u_frd.outstanding() > 0, 1);
    wr(`SGPU_ENG_CMD_OFFSET, 32'h4);
    rd(`SGPU_ENG_STATUS_OFFSET, v); check("reset: STOPPING while reads are out", v[1:0], 2);
    wait_idle(10000);
    check("reset: STATUS", st, status_of(R_RESET, 0));
    check("reset: fetch port clean", u_frd.outstanding(), 0);
    check("reset: no write", evlog.size(), 0);
    rd(`SGPU_ENG_IRQ_OFFSET, v); check("reset: IRQ = STOPPED", v, 1);
    rd(`SGPU_ENG_COMMANDS_OFFSET, v); check("reset: COMMANDS cleared", v, 0);
    rd(`SGPU_ENG_BUSY_CYCLES_OFFSET, v);
    if (v > 400) tb_fail("reset: BUSY_CYCLES not cleared");
    rd(`SGPU_ENG_LAST_FENCE_LO_OFFSET, v); check("reset keeps LAST_FENCE", v, 32'h5000 - 32'h5000 + 58);
    rd(`SGPU_ENG_HEAD_OFFSET, v); check("reset keeps HEAD", v, 0);
    wr(`SGPU_ENG_IRQ_OFFSET, 1); exp.delete();
    u_frd.latency = 4;
    // In a WAIT read with a slow port, and with START in the same write.
    pt = 0; u_xrd.latency = 200;
    wait_cmd(64'h3020, 64'd1, 0); fence(64'h1D0, 6, 0, 0);
    wr(`SGPU_ENG_HEAD_OFFSET, 0); tail = pt; start();
    repeat (30) @(negedge clk);
    check("reset: WAIT read out", u_xrd.outstanding(), 1);
    hwrite(64'h3020, 64'd1);
    wr(`SGPU_ENG_CMD_OFFSET, 32'h5);    // RESET and START
    rd(`SGPU_ENG_STATUS_OFFSET, v); check("reset in WAIT: STOPPING", v[1:0], 2);
    wait_idle(10000);
    check("reset in WAIT, then START: ran to the end", st, status_of(R_EMPTY, 0));
    check("reset in WAIT: read port clean", u_xrd.outstanding(), 0);
    check_events("reset in WAIT then START");
    u_xrd.latency = 20;
    // In the back end (this back end drops the command, no ex_done).
    pt = 0; be_min = 1000;
    backend(COPY, 0, 6); void'(exp.pop_back());
    wr(`SGPU_ENG_HEAD_OFFSET, 0); tail = pt; start();
    repeat (40) @(negedge clk);
    n = be_resets;
    wr(`SGPU_ENG_CMD_OFFSET, 32'h4);
    wait_idle(1000);
    check("reset in the back end: STATUS", st, status_of(R_RESET, 0));
    check("reset in the back end: ex_reset_o seen", be_resets - n, 1);
    evlog.delete(); be_min = 0;
    rd(`SGPU_ENG_HEAD_OFFSET, v); check("reset in the back end: HEAD", v, 0);
    // RESET while IDLE.
    wr(`SGPU_ENG_CMD_OFFSET, 32'h4); wait_idle(100);
    check("reset while IDLE", st, status_of(R_RESET, 0));

    // ---- 10. random streams with a random port, doorbells while running
    for (n = 0; n < 12; n++) begin
      int total;
      ring_size = 1024 << ($urandom % 3);
      u_frd.latency = $urandom % 40; u_frd.gap_pct = $urandom % 50; u_frd.req_stall_pct = $urandom % 50;
      u_xrd.latency = $urandom % 20; u_wr.data_stall_pct = $urandom % 50; u_wr.done_lat = $urandom % 20;
      u_wr.req_stall_pct = $urandom % 50; u_vram.gnt_pct = 30 + $urandom % 71;
      u_wr.beat_delay = ($urandom % 2) ? 0 : 1 + $urandom % 4; u_wr.qmax = 1 + $urandom % 4;
      be_delay_max = $urandom % 20;
      pt = ($urandom % (ring_size / 4)) * 4; h0 = pt;
      wr(`SGPU_ENG_HEAD_OFFSET, h0); tail = h0;
      total = 0;
      start();
      for (k = 0; k < 150; k++) begin
        int room, c, need;
        make_room(80);
        room = ring_size - pt;
        c = $urandom % 10;
        need = (c < 3) ? 5 : (c < 5) ? 3 : (c < 6) ? 6 : (c == 7) ? 5 : 9;
        if (room < 4 * (need + 1)) begin
          if ($urandom % 2) begin emit(hdr(WRAP, 1, 0)); pt = 0; end
          else begin nop(room / 4); end
        end
        case (c)
          0, 1, 2: fence(64'h7000 + 64'(8 * k), {$urandom, $urandom}, $urandom % 2, $urandom % 2);
          3, 4: timestamp(64'h8000 + 64'(8 * k), $urandom % 2);
          5: backend(COPY, $urandom % 4, 6);
          6: if ($urandom % 2) backend(DISPATCH, 8'h01, 9); else backend(DISPATCH, 8'h00, 7);
          7: begin hwrite(64'h9000 + 64'(8 * k), 64'd5); wait_cmd(64'h9000 + 64'(8 * k), 5, 0); end
          default: nop(1 + $urandom % 9);
        endcase
        if ($urandom % 4 == 0) begin
          tail = pt;
          rd(`SGPU_ENG_STATUS_OFFSET, v);
          if (v[1:0] == 0) begin
            check("random: idle only when EMPTY", v, status_of(R_EMPTY, 0));
            wr(`SGPU_ENG_IRQ_OFFSET, 1);
            start();
          end
        end
      end
      tail = pt;
      rd(`SGPU_ENG_STATUS_OFFSET, v);
      if (v[1:0] == 0) start();
      expect_stop("random stream", R_EMPTY, 0, pt);
      check_events($sformatf("random stream %0d", n));
    end

    u_wr.beat_delay = 0; u_wr.qmax = 2;

    // ---- 11. RESET in a FENCE stream on the device-like port: the accepted writes send their
    // beats and are counted (a VRAM fence after it waits for them all), the rest withdrawn.
    for (n = 0; n < 20; n++) begin
      int got;
      u_wr.beat_delay = 1 + $urandom % 4; u_wr.qmax = 1 + $urandom % 4;
      u_wr.done_lat = $urandom % 30; u_wr.data_stall_pct = $urandom % 60;
      u_wr.req_stall_pct = $urandom % 40; u_frd.latency = 4;
      pt = 0;
      count = 40; for (i = 0; i < count; i++) fence(64'hA000 + 64'(8 * i), 64'(n * 100 + i), 0, 0);
      wr(`SGPU_ENG_HEAD_OFFSET, 0); tail = pt; start();
      repeat (20 + $urandom % 60) @(negedge clk);
      wr(`SGPU_ENG_CMD_OFFSET, 32'h4);
      wait_idle(10000);
      check("reset in a fence stream: STATUS", st, status_of(R_RESET, 0));
      check("reset in a fence stream: writes done", u_wr.outstanding(), 0);
      // What was written is the stream's first fences, in order, each once.
      got = evlog.size();
      if (got > exp.size()) tb_fail("reset in a fence stream: more writes than fences");
      while (exp.size() > got) void'(exp.pop_back());
      check_events("reset in a fence stream");
      // The counts are right: a VRAM fence runs (it waits for wr_out_q == 0) and so does a
      // host one after it.
      pt = 0; fence(64'h3100, 64'(n), 0, 1); fence(64'hB000, 64'(n), 0, 0);
      run("after a reset in a fence stream", 0, R_EMPTY, 0, pt);
    end
    u_wr.beat_delay = 0; u_wr.qmax = 2; u_wr.done_lat = 3; u_wr.data_stall_pct = 0;
    u_wr.req_stall_pct = 0;

    if (errors == 0) $display("PASS eng_ring");
    else $display("FAIL eng_ring: %0d errors", errors);
    $finish;
  end

  initial begin
    #200000000;
    $display("FAIL eng_ring: timeout");
    $finish;
  end
endmodule

`default_nettype wire
