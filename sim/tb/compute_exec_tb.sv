// Self-checking testbench for compute_exec: the real kernels (build/kernels/*.bin, built by
// `make kernels`) on 1, 2 and 3 shader cores against references computed here.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sgpu_cmds.vh"
`include "sim/tb/tb_hostmem.svh"

// compute_exec_env: one compute_exec with CORES cores, a VRAM model behind its client that
// grants at once or, with stall percentages set, stalls requests at random (as the shared
// arbiter does when other clients win), and the whole test list (run_all). The top runs
// three environments side by side (CORES = 1, 2, 3) and compares vadd's cycle counts.
// +kernels=DIR picks the kernel images (default build/kernels); +seed=N the random choices.
// Preemption: the save area is host memory (tb_hostmem's port models); with preempt_on,
// every DISPATCH is stopped at random times, resumed (often from a save area moved
// elsewhere) until it ends, and its results checked as usual; the spin kernel waits with a
// deep stack until the bench sets its flag, and counts each work item's runs.
// Host window (DISPATCH with HOST_WINDOW): the hostsaxpy kernel reads and writes host
// memory through the host port's own DMA clients (two more port models, 80-cycle read
// latency); checked bit-exact, with the bytes around each byte and half store untouched;
// faults: past the window, a failed host read; also under preemption and a reset.
module compute_exec_env #(
  parameter integer CORES = 2
);
  localparam integer VRAM_BYTES  = 262144;
  localparam integer WORDS       = VRAM_BYTES / 8;
  localparam integer AW          = $clog2(WORDS);
  localparam integer IRAM_BYTES  = 4096;
  localparam integer STACK_BYTES = 1024;
  localparam [31:0]  STACK_TOP   = 32'hFFFF_F000;
  localparam [7:0]   OP_DISPATCH = `SGPU_CMD_OP_DISPATCH;
  localparam [7:0]   E_NONE      = 8'd0;
  localparam [7:0]   E_OPCODE    = `SGPU_CMD_ERROR_UNKNOWN_OPCODE;
  localparam [7:0]   E_BAD_ADDR  = `SGPU_CMD_ERROR_BAD_ADDRESS;
  localparam [7:0]   E_ILLEGAL   = `SGPU_CMD_ERROR_KERNEL_ILLEGAL_INSTRUCTION;
  localparam [7:0]   E_BAD_ACC   = `SGPU_CMD_ERROR_KERNEL_BAD_ACCESS;
  localparam [7:0]   E_BAD_DISP  = `SGPU_CMD_ERROR_BAD_DISPATCH;
  localparam [7:0]   E_DMA       = `SGPU_CMD_ERROR_DMA_ERROR;

  reg clk = 1'b0;
  reg rst_n = 1'b0;
  initial forever #5 clk = ~clk;

  // ------------------------------------------------------------------ DUT
  reg          ex_valid = 1'b0, ex_stop = 1'b0, ex_reset = 1'b0, ex_resume = 1'b0;
  reg  [63:0]  ex_save_addr = 64'd0;
  reg  [7:0]   ex_opcode = 8'd0, ex_flags = 8'd0;
  reg  [255:0] ex_args = 256'd0;
  reg  [7:0]   cmd_flags = 8'd0;            // the next DISPATCH's flags and HOST_BASE
  reg  [63:0]  cmd_hbase = 64'd0;
  wire         ex_done, ex_preempted;
  wire [7:0]   ex_error;
  wire [31:0]  ex_err_info;
  wire         vr_req, vw_req;
  reg          vr_gnt, vw_gnt;
  wire [AW-1:0] vr_addr, vw_addr;
  wire [7:0]   vw_be;
  wire [63:0]  vw_data;
  reg  [63:0]  vr_rdata;
  wire [CORES-1:0] busy_cores;

  compute_exec #(.CORES(CORES), .VRAM_BYTES(VRAM_BYTES), .IRAM_BYTES(IRAM_BYTES),
                 .STACK_BYTES(STACK_BYTES)) dut (
    .clk_i(clk), .rst_ni(rst_n),
    .ex_valid_i(ex_valid), .ex_opcode_i(ex_opcode), .ex_flags_i(ex_flags), .ex_args_i(ex_args),
    .ex_stop_i(ex_stop), .ex_reset_i(ex_reset), .ex_resume_i(ex_resume),
    .ex_save_addr_i(ex_save_addr), .ex_done_o(ex_done), .ex_error_o(ex_error),
    .ex_err_info_o(ex_err_info), .ex_preempted_o(ex_preempted),
    .vr_req_o(vr_req), .vr_addr_o(vr_addr), .vr_gnt_i(vr_gnt), .vr_rdata_i(vr_rdata),
    .vw_req_o(vw_req), .vw_addr_o(vw_addr), .vw_be_o(vw_be), .vw_data_o(vw_data),
    .vw_gnt_i(vw_gnt),
    .rd_req_valid_o(rd_req_valid), .rd_req_ready_i(rd_req_ready), .rd_req_addr_o(rd_req_addr),
    .rd_req_len_o(rd_req_len), .rd_data_valid_i(rd_data_valid), .rd_data_ready_o(rd_data_ready),
    .rd_data_i(rd_data), .rd_data_last_i(rd_data_last), .rd_data_err_i(rd_data_err),
    .rd_err_code_i(rd_err_code),
    .wr_req_valid_o(wr_req_valid), .wr_req_ready_i(wr_req_ready), .wr_req_addr_o(wr_req_addr),
    .wr_req_len_o(wr_req_len), .wr_data_valid_o(wr_data_valid), .wr_data_ready_i(wr_data_ready),
    .wr_data_o(wr_data), .wr_done_i(wr_done),
    .h_rd_req_valid_o(h_rd_req_valid), .h_rd_req_ready_i(h_rd_req_ready),
    .h_rd_req_addr_o(h_rd_req_addr), .h_rd_req_len_o(h_rd_req_len),
    .h_rd_data_valid_i(h_rd_data_valid), .h_rd_data_ready_o(h_rd_data_ready),
    .h_rd_data_i(h_rd_data), .h_rd_data_last_i(h_rd_data_last), .h_rd_data_err_i(h_rd_data_err),
    .h_wr_req_valid_o(h_wr_req_valid), .h_wr_req_ready_i(h_wr_req_ready),
    .h_wr_req_addr_o(h_wr_req_addr), .h_wr_req_len_o(h_wr_req_len),
    .h_wr_data_valid_o(h_wr_data_valid), .h_wr_data_ready_i(h_wr_data_ready),
    .h_wr_data_o(h_wr_data), .h_wr_done_i(h_wr_done),
    .busy_cores_o(busy_cores)
  );

  // The host window's memory (the same sparse host memory, other port models).
  wire         h_rd_req_valid, h_rd_req_ready, h_rd_data_valid, h_rd_data_ready, h_rd_data_last;
  wire         h_rd_data_err;
  wire [63:0]  h_rd_req_addr, h_rd_data;
  wire [23:0]  h_rd_req_len;
  wire [1:0]   h_rd_err_code;
  wire         h_wr_req_valid, h_wr_req_ready, h_wr_data_valid, h_wr_data_ready, h_wr_done;
  wire [63:0]  h_wr_req_addr, h_wr_data;
  wire [23:0]  h_wr_req_len;
  tb_dma_rd u_wrd (
    .clk(clk), .rst_n(rst_n), .req_valid(h_rd_req_valid), .req_ready(h_rd_req_ready),
    .req_addr(h_rd_req_addr), .req_len(h_rd_req_len), .data_valid(h_rd_data_valid),
    .data_ready(h_rd_data_ready), .data(h_rd_data), .data_last(h_rd_data_last),
    .data_err(h_rd_data_err), .err_code(h_rd_err_code)
  );
  tb_dma_wr u_wwr (
    .clk(clk), .rst_n(rst_n), .req_valid(h_wr_req_valid), .req_ready(h_wr_req_ready),
    .req_addr(h_wr_req_addr), .req_len(h_wr_req_len), .data_valid(h_wr_data_valid),
    .data_ready(h_wr_data_ready), .data(h_wr_data), .done(h_wr_done)
  );

  // +hdbg: the host window's DMA requests and the back end's states (debugging).
  reg [2:0] dbg_state = 3'd0;
  always @(posedge clk) if ($test$plusargs("hdbg") && CORES == 1) begin
    if (h_rd_req_valid && h_rd_req_ready) $display("hdbg %0d: read %h", h_cyc, h_rd_req_addr);
    if (h_wr_req_valid && h_wr_req_ready) $display("hdbg %0d: write %h len %0d", h_cyc, h_wr_req_addr, h_wr_req_len);
    if (h_rd_data_valid && h_rd_data_ready) $display("hdbg %0d: beat %h err %0d", h_cyc, h_rd_data, h_rd_data_err);
    if (dut.state_q != dbg_state) $display("hdbg %0d: state %0d run %0d fault %b hp_busy %0d", h_cyc, dut.state_q, dut.run_q, dut.fault, dut.hp_busy);
    dbg_state <= dut.state_q;
    if (dut.g_core[0].u_core.dmem_req && h_cyc < 200000) $display("hdbg %0d: dmem %s %h", h_cyc, dut.g_core[0].u_core.dmem_we ? "st" : "ld", dut.g_core[0].u_core.dmem_addr);
  end

  // Host load and store latency of core 0, as the kernel sees it: from its request to its
  // data (a load), to its grant (a store: then the kernel goes on). The smallest seen.
  integer hl_min = 1 << 30, hs_min = 1 << 30, h_t0 = 0, h_cyc = 0;
  reg     h_busy0 = 1'b0;
  always @(posedge clk) begin
    h_cyc = h_cyc + 1;
    if (!h_busy0 && dut.h_req[0]) begin h_busy0 = 1'b1; h_t0 = h_cyc; end
    if (h_busy0 && dut.h_we[0] && dut.h_gnt[0]) begin
      if (h_cyc - h_t0 < hs_min) hs_min = h_cyc - h_t0;
      h_busy0 = 1'b0;
    end else if (h_busy0 && dut.h_rvalid[0]) begin
      if (h_cyc - h_t0 < hl_min) hl_min = h_cyc - h_t0;
      h_busy0 = 1'b0;
    end
    if (!dut.run_q) h_busy0 = 1'b0;
  end

  // The save area's host memory.
  wire         rd_req_valid, rd_req_ready, rd_data_valid, rd_data_ready, rd_data_last, rd_data_err;
  wire [63:0]  rd_req_addr, rd_data;
  wire [23:0]  rd_req_len;
  wire [1:0]   rd_err_code;
  wire         wr_req_valid, wr_req_ready, wr_data_valid, wr_data_ready, wr_done;
  wire [63:0]  wr_req_addr, wr_data;
  wire [23:0]  wr_req_len;
  tb_dma_rd u_hrd (
    .clk(clk), .rst_n(rst_n), .req_valid(rd_req_valid), .req_ready(rd_req_ready),
    .req_addr(rd_req_addr), .req_len(rd_req_len), .data_valid(rd_data_valid),
    .data_ready(rd_data_ready), .data(rd_data), .data_last(rd_data_last), .data_err(rd_data_err),
    .err_code(rd_err_code)
  );
  tb_dma_wr u_hwr (
    .clk(clk), .rst_n(rst_n), .req_valid(wr_req_valid), .req_ready(wr_req_ready),
    .req_addr(wr_req_addr), .req_len(wr_req_len), .data_valid(wr_data_valid),
    .data_ready(wr_data_ready), .data(wr_data), .done(wr_done)
  );

  // ------------------------------------------------------------------ checking
  // Build time: Verilator inlines every task at every call, transitively, and the C++
  // compiler is slow on the huge functions that makes. So fail and check are functions of
  // their arguments only (Verilator keeps those out of line), and the larger tasks run in a
  // server process each: the task stores its arguments, triggers <task>_go and waits for
  // <task>_done, which the server (`always @(<task>_go)`) triggers after running <task>_body
  // in the same time step. One copy of each body, and the timing of a plain call. (Events,
  // not `wait (flag)`: with a dozen servers waiting on flags the run got several times slower.)
  integer errors = 0;
  string  test = "";
  // Reports one failure; returns the new error count.
  function automatic integer report_fail(input integer errs, input integer cores,
                                         input string tst, input string why);
    /*verilator no_inline_task*/
    if (errs == 0) $display("FAIL compute_exec: CORES=%0d %s: %s", cores, tst, why);
    else if (errs < 10) $display("  also: CORES=%0d %s: %s", cores, tst, why);
    return errs + 1;
  endfunction
  function automatic integer report_check(input integer errs, input integer cores,
                                          input string tst, input string what,
                                          input [31:0] got, input [31:0] want);
    /*verilator no_inline_task*/
    if (got !== want)
      return report_fail(errs, cores, tst,
                         $sformatf("%s: got %08x, expected %08x", what, got, want));
    return errs;
  endfunction
  task automatic fail(input string why);
    errors = report_fail(errors, CORES, test, why);
  endtask
  task automatic check(input string what, input [31:0] got, input [31:0] want);
    errors = report_check(errors, CORES, test, what, got, want);
  endtask

  // ------------------------------------------------------------------ VRAM model
  logic [63:0] mem [0:WORDS-1];
  integer stall_r = 0, stall_w = 0;   // percent of cycles a request is not granted
  reg     cmd_active = 1'b0;          // a command is with the DUT (writes allowed)
  integer writes = 0;                 // writes granted during the current command
  reg     rd_prev = 1'b0, wr_prev = 1'b0;
  reg [AW-1:0] rd_prev_addr, wr_prev_addr;
  reg [7:0]    wr_prev_be;
  reg [63:0]   wr_prev_data;
  reg          withdraw_ok = 1'b0;    // a request may vanish ungranted (reset, fault)
  reg          host_ok = 1'b0;        // host requests may go on with no command (reset)
  reg          stop_prev = 1'b0;
  integer      b;

  always @(negedge clk) begin
    vr_gnt = vr_req && ($urandom % 100 >= stall_r);
    vw_gnt = vw_req && ($urandom % 100 >= stall_w);
  end
  always @(posedge clk) begin
    if (vr_gnt) vr_rdata <= mem[vr_addr];
    else        vr_rdata <= {$urandom, $urandom};  // nothing to read: garbage
    if (vw_gnt) begin
      for (b = 0; b < 8; b = b + 1) if (vw_be[b]) mem[vw_addr][8*b +: 8] <= vw_data[8*b +: 8];
      if (!cmd_active) fail($sformatf("VRAM write at word %0x with no command running", vw_addr));
      writes = writes + 1;
    end
    // A request not granted stays, unchanged, until granted (unless withdrawn on a reset
    // or a fault).
    if (rd_prev && !withdraw_ok && (!vr_req || vr_addr !== rd_prev_addr))
      fail("an ungranted VRAM read request changed");
    if (wr_prev && !withdraw_ok && (!vw_req || vw_addr !== wr_prev_addr || vw_be !== wr_prev_be ||
                                    vw_data !== wr_prev_data))
      fail("an ungranted VRAM write request changed");
    rd_prev <= vr_req && !vr_gnt; rd_prev_addr <= vr_addr;
    wr_prev <= vw_req && !vw_gnt; wr_prev_addr <= vw_addr; wr_prev_be <= vw_be;
    wr_prev_data <= vw_data;
    if (ex_done && !cmd_active) fail("ex_done with no command");
    if (ex_done && vw_gnt) fail("a VRAM write in the cycle of ex_done");
    // (The bench may drop ex_stop in the cycle of ex_done, as the front end does after it.)
    if (ex_preempted && !ex_stop && !stop_prev) fail("ex_preempted without a stop");
    stop_prev <= ex_stop;
    if (ex_preempted && !ex_done) fail("ex_preempted without ex_done");
    if ((rd_req_valid || wr_req_valid || h_rd_req_valid || h_wr_req_valid) && !cmd_active && !host_ok)
      fail("a host request with no command");
    if ((h_rd_req_valid || h_wr_req_valid) && !ex_flags[0] && !host_ok)
      fail("a host window access without HOST_WINDOW");
  end

  task automatic wr32(input [31:0] a, input [31:0] v);
    if (a[2]) mem[a >> 3][63:32] = v; else mem[a >> 3][31:0] = v;
  endtask
  function automatic [31:0] rd32(input [31:0] a);
    rd32 = a[2] ? mem[a >> 3][63:32] : mem[a >> 3][31:0];
  endfunction
  task automatic wr8(input [31:0] a, input [7:0] v);
    mem[a >> 3][8 * a[2:0] +: 8] = v;
  endtask
  function automatic [7:0] rd8(input [31:0] a);
    rd8 = mem[a >> 3][8 * a[2:0] +: 8];
  endfunction
  task automatic fill_random(input [31:0] a, input integer bytes);
    integer i;
    for (i = 0; i < bytes; i = i + 4) wr32(a + i, $urandom);
  endtask

  // ------------------------------------------------------------------ kernels
  localparam integer K_VADD = 0, K_SAXPY = 1, K_REDUCE = 2, K_FILTER = 3, K_FAULT = 4,
                     K_IDS = 5, K_LOCALS = 6, K_SPIN = 7, K_HOST = 8, NK = 9;
  logic [7:0] kimg [0:NK-1][0:IRAM_BYTES-1];
  integer     ksize [0:NK-1];
  logic [7:0] fbuf [0:IRAM_BYTES-1];

  task automatic read_kernels;
    string dir, names[NK], path;
    integer k, fd, n, i;
    names = '{"vadd", "saxpy", "reduce", "filter2d", "fault", "ids", "locals", "spin", "hostsaxpy"};
    if (!$value$plusargs("kernels=%s", dir)) dir = "build/kernels";
    for (k = 0; k < NK; k = k + 1) begin
      path = {dir, "/", names[k], ".bin"};
      fd = $fopen(path, "rb");
      if (fd == 0) begin
        $display("FAIL compute_exec: cannot open %s (build the kernels first: make kernels)", path);
        $finish;
      end
      for (i = 0; i < IRAM_BYTES; i = i + 1) fbuf[i] = 8'h00;
      n = $fread(fbuf, fd);
      $fclose(fd);
      if (n <= 0 || n > IRAM_BYTES) begin
        $display("FAIL compute_exec: %s: %0d bytes (expected 1 .. %0d)", path, n, IRAM_BYTES);
        $finish;
      end
      ksize[k] = n;
      for (i = 0; i < IRAM_BYTES; i = i + 1) kimg[k][i] = fbuf[i];
    end
  endtask

  // Puts kernel k at address a (and random bytes after it, to the end of its window).
  task automatic place(input integer k, input [31:0] a);
    integer i;
    for (i = 0; i < ksize[k]; i = i + 1) wr8(a + i, kimg[k][i]);
    for (i = ksize[k]; i < IRAM_BYTES && a + i < VRAM_BYTES; i = i + 1) wr8(a + i, $urandom);
  endtask

  // The offset of the first 32-bit word w in kernel k's image, -1 if none.
  function automatic integer find_word(input integer k, input [31:0] w);
    integer i;
    find_word = -1;
    for (i = ksize[k] - 4; i >= 0; i = i - 4)
      if ({kimg[k][i+3], kimg[k][i+2], kimg[k][i+1], kimg[k][i]} == w) find_word = i;
  endfunction

  // ------------------------------------------------------------------ commands
  reg  [7:0]  got_err;
  reg  [31:0] got_info;
  integer     got_cycles;
  reg         got_done;

  // Hands the DUT one command and waits for ex_done (max_cycles at most). The command is
  // dropped, at random, in the cycle of ex_done (as by a front end that reacts at once) or
  // in the next (a registered one): the DUT must not take it twice.
  // Preemption: with preempt_on, a command is stopped stop_count times (1 .. max_stops),
  // each at a random cycle in [1, stop_span] after it was (re)started, and resumed from its
  // save area, moved at random; after flag_after preemptions the bench sets the word at
  // flag_addr (the spin kernel's). Statistics: stop -> ex_done (preempted) and resume ->
  // cores running.
  reg     preempt_on = 1'b0;
  integer max_stops = 3, stop_span = 3000;
  integer flag_after = -1;
  reg [31:0] flag_addr = 32'd0;
  reg [63:0] area;                    // the current save area (64-byte aligned)
  integer n_pre = 0, stop_max = 0, stop_sum = 0, rs_max = 0, rs_sum = 0, n_rs = 0;
  integer stops_done;
  reg     got_pre;
  integer stop_t;

  function automatic [63:0] new_area();
    new_area = {16'd0, 8'(CORES), 8'd0, ($urandom % 32'h4000) << 6};
  endfunction

  // Moves the record (the whole 4 KiB area) and scrambles the old place.
  task automatic move_area;
    reg [63:0] to;
    integer    w;
    to = new_area();
    while (to + 4096 > area && area + 4096 > to) to = new_area();   // apart, not overlapping
    for (w = 0; w < 512; w = w + 1) tb_hostmem_pkg::hwrite(to + 8 * w, tb_hostmem_pkg::hread(area + 8 * w));
    for (w = 0; w < 512; w = w + 1) tb_hostmem_pkg::hwrite(area + 8 * w, {$urandom, $urandom});
    area = to;
  endtask

  // A resume refused: what the record held.
  task automatic dump_record;
    integer r;
    $display("  CORES=%0d %s: record at %h (after %0d preemptions):", CORES, test, area, stops_done);
    for (r = 0; r < 8; r = r + 1) $display("    row %0d: %h", r, tb_hostmem_pkg::hread(area + 8 * r));
    for (r = 0; r < CORES; r = r + 1)
      $display("    core %0d: sp %h, stack extent %h", r, tb_hostmem_pkg::hread(area + 8 * (8 + 21 * r + 1)),
               tb_hostmem_pkg::hread(area + 8 * (8 + 21 * r + 20)));
    $display("    args %h", ex_args);
  endtask

  // One offer of the command, until ex_done (or max_cycles); stop_at > 0 raises ex_stop
  // that many cycles in (held until ex_done, as the front end does).
  // (offer: body compiled once, in its server process.)
  event   offer_go, offer_done;
  reg     offer_resume;
  integer offer_stop_at, offer_max_cycles;
  task automatic offer(input reg resume, input integer stop_at, input integer max_cycles);
    offer_resume = resume; offer_stop_at = stop_at; offer_max_cycles = max_cycles;
    -> offer_go;
    @(offer_done);
  endtask
  always @(offer_go) begin
    offer_body(offer_resume, offer_stop_at, offer_max_cycles);
    -> offer_done;
  end
  task automatic offer_body(input reg resume, input integer stop_at, input integer max_cycles);
    integer t, t_run;
    @(negedge clk);
    ex_valid = 1'b1; ex_resume = resume; ex_save_addr = area;
    cmd_active = 1'b1; got_done = 1'b0; got_pre = 1'b0; t = 0; t_run = -1;
    while (!got_done && t < max_cycles) begin
      if (stop_at > 0 && t == stop_at) begin ex_stop = 1'b1; stop_t = t; end
      @(posedge clk); #1;
      t = t + 1; got_cycles = got_cycles + 1;
      if (t_run < 0 && dut.state_q == 3'd2) t_run = t;
      if (ex_done) begin
        got_done = 1'b1; got_err = ex_error; got_info = ex_err_info; got_pre = ex_preempted;
      end
    end
    if (got_pre) begin
      n_pre = n_pre + 1; stop_sum = stop_sum + (t - stop_t);
      if (t - stop_t > stop_max) stop_max = t - stop_t;
    end
    if (resume && t_run > 0) begin
      n_rs = n_rs + 1; rs_sum = rs_sum + t_run; if (t_run > rs_max) rs_max = t_run;
    end
    // The monitor sees the done cycle at its end: the command ends after it.
    if (got_done && $urandom % 2) begin
      ex_valid = 1'b0; ex_stop = 1'b0; @(posedge clk); #1;
    end else begin
      @(posedge clk); #1; ex_valid = 1'b0; ex_stop = 1'b0;
    end
    ex_resume = 1'b0; ex_save_addr = {$urandom, $urandom};
    cmd_active = 1'b0;
    if (!got_done) fail($sformatf("no ex_done within %0d cycles", max_cycles));
  endtask

  // Hands the DUT one command and waits for ex_done (max_cycles at most). The command is
  // dropped, at random, in the cycle of ex_done (as by a front end that reacts at once) or
  // in the next (a registered one): the DUT must not take it twice.
  // (command: body compiled once, in its server process.)
  event      command_go, command_done;
  reg [7:0]  command_op;
  reg [31:0] command_kernel, command_gx, command_gy, command_gz, command_wg, command_args;
  integer    command_max_cycles;
  task automatic command(input [7:0] op, input [31:0] kernel, input [31:0] gx, input [31:0] gy,
                         input [31:0] gz, input [31:0] wg, input [31:0] args,
                         input integer max_cycles);
    command_op = op; command_kernel = kernel; command_gx = gx; command_gy = gy;
    command_gz = gz; command_wg = wg; command_args = args; command_max_cycles = max_cycles;
    -> command_go;
    @(command_done);
  endtask
  always @(command_go) begin
    command_body(command_op, command_kernel, command_gx, command_gy, command_gz, command_wg,
                 command_args, command_max_cycles);
    -> command_done;
  end
  task automatic command_body(input [7:0] op, input [31:0] kernel, input [31:0] gx,
                              input [31:0] gy, input [31:0] gz, input [31:0] wg,
                              input [31:0] args, input integer max_cycles);
    integer stops;
    ex_opcode = op; ex_flags = cmd_flags;
    ex_args = {cmd_hbase, args, wg, gz, gy, gx, kernel};
    writes = 0; got_cycles = 0; stops_done = 0;
    area = new_area();
    stops = preempt_on ? 1 + $urandom % max_stops : 0;
    offer(1'b0, stops > 0 ? 1 + $urandom % stop_span : 0, max_cycles);
    while (got_done && got_pre && stops_done < 50) begin
      stops_done = stops_done + 1;
      if (stops_done == flag_after) wr32(flag_addr, 1);
      if ($urandom % 2) move_area;
      // Between offers nothing may be written (monitor: cmd_active).
      repeat ($urandom % 20) @(negedge clk);
      offer(1'b1, stops_done < stops || (flag_after >= 0 && stops_done < flag_after) ?
                  1 + $urandom % stop_span : 0, max_cycles);
    end
    if (got_done && got_err == E_DMA) dump_record;
    if ($test$plusargs("trace"))
      $display("compute_exec_tb: CORES=%0d %s: %0d cycles, done %0d, error %0d, info %08x, %0d stops",
               CORES, test, got_cycles, got_done, got_err, got_info, stops_done);
    if (!got_done) ;
    else if (got_pre) fail("preempted without a stop");
    ex_args = {$urandom, $urandom, $urandom, $urandom, $urandom, $urandom, $urandom, $urandom};
    ex_flags = 8'd0;
  endtask

  task automatic dispatch(input [31:0] kernel, input [31:0] gx, input [31:0] gy,
                          input [31:0] gz, input [31:0] wg, input [31:0] args);
    command(OP_DISPATCH, kernel, gx, gy, gz, wg, args, 3000000);
  endtask

  task automatic expect_ok;
    if (got_done) begin
      check("ex_error", got_err, E_NONE);
      check("ex_err_info", got_info, 0);
    end
  endtask

  task automatic expect_err(input [7:0] err, input [31:0] info);
    if (got_done) begin
      check("ex_error", got_err, err);
      check("ex_err_info", got_info, info);
    end
  endtask

  // Memory layout: kernels low, argument blocks at 0x1000, buffers from 0x2000.
  localparam [31:0] ARGS = 32'h1000;

  // A random 4-byte aligned kernel address in [lo, lo + span), half the time 4 mod 8.
  function automatic [31:0] kaddr(input [31:0] lo, input [31:0] span);
    kaddr = (lo + ($urandom % span)) & ~32'd7;
    if ($urandom % 2) kaddr = kaddr + 4;
  endfunction

  // ------------------------------------------------------------------ kernels' checks
  // (run_vadd: body compiled once, in its server process.)
  event run_vadd_go, run_vadd_done;
  reg [31:0] run_vadd_kernel;
  integer run_vadd_n;
  reg [31:0] run_vadd_wg;
  reg [31:0] run_vadd_a;
  reg [31:0] run_vadd_bb;
  reg [31:0] run_vadd_c;
  bit run_vadd_check_it;
  task automatic run_vadd(input [31:0] kernel, input integer n, input [31:0] wg,
                          input [31:0] a, input [31:0] bb, input [31:0] c, input bit check_it);
    run_vadd_kernel = kernel; run_vadd_n = n; run_vadd_wg = wg; run_vadd_a = a; run_vadd_bb = bb;
    run_vadd_c = c; run_vadd_check_it = check_it;
    -> run_vadd_go;
    @(run_vadd_done);
  endtask
  always @(run_vadd_go) begin
    run_vadd_body(run_vadd_kernel, run_vadd_n, run_vadd_wg, run_vadd_a, run_vadd_bb, run_vadd_c,
                   run_vadd_check_it);
    -> run_vadd_done;
  end
  task automatic run_vadd_body(input [31:0] kernel, input integer n, input [31:0] wg,
                               input [31:0] a, input [31:0] bb, input [31:0] c, input bit check_it);
    integer i, gx;
    place(K_VADD, kernel);
    fill_random(a, 4 * n); fill_random(bb, 4 * n); fill_random(c, 4 * n + 64);
    wr32(ARGS, a); wr32(ARGS + 4, bb); wr32(ARGS + 8, c); wr32(ARGS + 12, n);
    gx = (n + wg - 1) / wg;
    dispatch(kernel, gx, 1, 1, wg, ARGS);
    if (check_it) begin
      expect_ok;
      for (i = 0; i < n; i = i + 1)
        if (rd32(c + 4 * i) !== rd32(a + 4 * i) + rd32(bb + 4 * i)) begin
          fail($sformatf("vadd c[%0d] = %08x, expected %08x", i, rd32(c + 4 * i),
                         rd32(a + 4 * i) + rd32(bb + 4 * i)));
          break;
        end
    end
  endtask

  // Runs vadd and checks it; kernel at a random place.
  task automatic test_vadd(input integer n, input [31:0] wg);
    run_vadd(kaddr(0, 2048), n, wg, 32'h2000, 32'h12000, 32'h22000, 1);
  endtask

  task automatic test_saxpy(input integer n, input [31:0] wg);
    integer i;
    reg [31:0] k, x, y, a, want;
    reg signed [63:0] p;
    reg [31:0] y0 [0:4095];
    k = kaddr(0, 2048); x = 32'h2000; y = 32'h12000;
    a = $urandom; if ($urandom % 2) a = a >>> 12;
    place(K_SAXPY, k);
    for (i = 0; i < n; i = i + 1) begin
      wr32(x + 4 * i, $urandom % 3 == 0 ? $urandom : $urandom >>> 10);
      y0[i] = $urandom; wr32(y + 4 * i, y0[i]);
    end
    wr32(y + 4 * n, 32'hA5A5_5A5A);
    wr32(ARGS, a); wr32(ARGS + 4, x); wr32(ARGS + 8, y); wr32(ARGS + 12, n);
    dispatch(k, (n + wg - 1) / wg, 1, 1, wg, ARGS);
    expect_ok;
    for (i = 0; i < n; i = i + 1) begin
      p = $signed(a) * $signed(rd32(x + 4 * i));
      want = p[47:16] + y0[i];
      if (rd32(y + 4 * i) !== want) begin
        fail($sformatf("saxpy y[%0d] = %08x, expected %08x", i, rd32(y + 4 * i), want));
        break;
      end
    end
    check("saxpy: the word after y", rd32(y + 4 * n), 32'hA5A5_5A5A);
  endtask

  // Two passes: partial sums per workgroup, then one workgroup adds them up.
  task automatic test_reduce(input integer n, input [31:0] wg);
    integer i, g, groups;
    reg [31:0] k, in, part, total, want, sum;
    // (total past the partial sums: up to 3000 of them, 0x12000 .. 0x14EE4; at 0x13000 it
    // was partial[1024], which the second pass reads as an input while writing the total.)
    k = kaddr(0, 2048); in = 32'h2000; part = 32'h12000; total = 32'h16000;
    place(K_REDUCE, k);
    fill_random(in, 4 * n);
    groups = (n + wg - 1) / wg;
    fill_random(part, 4 * groups + 4);
    wr32(ARGS, in); wr32(ARGS + 4, part); wr32(ARGS + 8, n);
    dispatch(k, groups, 1, 1, wg, ARGS);
    expect_ok;
    sum = 0;
    for (g = 0; g < groups; g = g + 1) begin
      want = 0;
      for (i = g * wg; i < (g + 1) * wg && i < n; i = i + 1) want = want + rd32(in + 4 * i);
      sum = sum + want;
      if (rd32(part + 4 * g) !== want) begin
        fail($sformatf("reduce partial[%0d] = %08x, expected %08x", g, rd32(part + 4 * g), want));
        break;
      end
    end
    wr32(ARGS + 16, part); wr32(ARGS + 20, total); wr32(ARGS + 24, groups);
    wr32(total, $urandom);
    dispatch(k, 1, 1, 1, groups, ARGS + 16);
    expect_ok;
    check("reduce total", rd32(total), sum);
  endtask

  function automatic integer clampi(input integer v, input integer limit);
    clampi = v < 0 ? 0 : v >= limit ? limit - 1 : v;
  endfunction

  task automatic test_filter(input integer w, input integer h, input integer stride,
                             input [31:0] wg);
    integer x, y, dx, dy, bad;
    reg [31:0] k, src, dst, sum;
    reg [7:0]  want;
    integer    wt [0:2];
    wt = '{1, 2, 1};
    k = kaddr(0, 2048); src = 32'h2000; dst = 32'h12000;
    place(K_FILTER, k);
    fill_random(src, stride * h); fill_random(dst, stride * h);
    wr32(ARGS, src); wr32(ARGS + 4, dst); wr32(ARGS + 8, w); wr32(ARGS + 12, h);
    wr32(ARGS + 16, stride);
    dispatch(k, (w + wg - 1) / wg, h, 1, wg, ARGS);
    expect_ok;
    bad = 0;
    for (y = 0; y < h && !bad; y = y + 1)
      for (x = 0; x < stride && !bad; x = x + 1) begin
        if (x < w) begin
          sum = 8;
          for (dy = -1; dy <= 1; dy = dy + 1)
            for (dx = -1; dx <= 1; dx = dx + 1)
              sum = sum + wt[dy + 1] * wt[dx + 1] *
                          rd8(src + clampi(y + dy, h) * stride + clampi(x + dx, w));
          want = sum[11:4];
        end else begin
          want = rd8(dst + y * stride + x);  // padding: must stay (checked below)
        end
        if (rd8(dst + y * stride + x) !== want) begin
          fail($sformatf("filter2d (%0d, %0d) = %02x, expected %02x", x, y,
                         rd8(dst + y * stride + x), want));
          bad = 1;
        end
      end
  endtask

  // Every id, every work-item register, in-order work items, one core per workgroup.
  // (test_ids: body compiled once, in its server process.)
  event test_ids_go, test_ids_done;
  reg [31:0] test_ids_gx;
  reg [31:0] test_ids_gy;
  reg [31:0] test_ids_gz;
  reg [31:0] test_ids_wg;
  task automatic test_ids(input [31:0] gx, input [31:0] gy, input [31:0] gz, input [31:0] wg);
    test_ids_gx = gx; test_ids_gy = gy; test_ids_gz = gz; test_ids_wg = wg;
    -> test_ids_go;
    @(test_ids_done);
  endtask
  always @(test_ids_go) begin
    test_ids_body(test_ids_gx, test_ids_gy, test_ids_gz, test_ids_wg);
    -> test_ids_done;
  end
  task automatic test_ids_body(input [31:0] gx, input [31:0] gy, input [31:0] gz, input [31:0] wg);
    integer x, y, z, l, g, items;
    reg [31:0] k, out, cnt, o, core0;
    k = kaddr(0, 2048); out = 32'h2000; cnt = 32'h1F000;
    place(K_IDS, k);
    items = gx * gy * gz * wg;
    fill_random(out, 64 * items); fill_random(cnt, 4 * gx * gy * gz);
    wr32(ARGS, out); wr32(ARGS + 4, cnt);
    dispatch(k, gx, gy, gz, wg, ARGS);
    expect_ok;
    for (z = 0; z < gz; z = z + 1)
      for (y = 0; y < gy; y = y + 1)
        for (x = 0; x < gx; x = x + 1) begin
          g = x + gx * (y + gy * z);
          check("ids: work items counted", rd32(cnt + 4 * g), wg);
          for (l = 0; l < wg; l = l + 1) begin
            o = out + 64 * (g * wg + l);
            check("ids: global x", rd32(o), x * wg + l);
            check("ids: y", rd32(o + 4), y);
            check("ids: z", rd32(o + 8), z);
            check("ids: local id", rd32(o + 12), l);
            check("ids: wg x", rd32(o + 16), x);
            check("ids: wg size", rd32(o + 20), wg);
            check("ids: grid x", rd32(o + 24), gx);
            check("ids: grid y", rd32(o + 28), gy);
            check("ids: grid z", rd32(o + 32), gz);
            check("ids: in order of local id (seq)", rd32(o + 36), l);
            if (l == 0) core0 = rd32(o + 40);
            check("ids: one core per workgroup", rd32(o + 40), core0);
            if (rd32(o + 40) >= CORES) check("ids: core id < CORES", rd32(o + 40), 0);
            check("ids: ARGS register", rd32(o + 44), ARGS);
            check("ids: args pointer", rd32(o + 48), ARGS);
            check("ids: sp at entry", rd32(o + 52), STACK_TOP);
          end
        end
  endtask

  task automatic test_locals(input integer n, input [31:0] wg);
    integer x, i;
    reg [31:0] k, out, want;
    reg [31:0] buffer [0:31];
    reg [31:0] table_ [0:15];
    table_ = '{2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53};
    k = kaddr(0, 2048); out = 32'h2000;
    place(K_LOCALS, k);
    fill_random(out, 4 * n + 4);
    wr32(ARGS, out); wr32(ARGS + 4, n);
    dispatch(k, (n + wg - 1) / wg, 1, 1, wg, ARGS);
    expect_ok;
    for (x = 0; x < n; x = x + 1) begin
      for (i = 0; i < 32; i = i + 1) buffer[i] = table_[(x + i) & 15] * (i + 1) + x / (i + 1);
      want = buffer[x & 31] * 3 + buffer[(x * 7) & 31] + (buffer[(x >> 2) & 31] ^ x);
      if (rd32(out + 4 * x) !== want) begin
        fail($sformatf("locals out[%0d] = %08x, expected %08x", x, rd32(out + 4 * x), want));
        break;
      end
    end
  endtask

  // fault kernel: mode, the work item that faults, addr; expects err and info (or, with
  // info_in_kernel, any PC in the kernel image). The stack overflow: test_stack_overflow.
  // (test_fault: body compiled once, in its server process.)
  event test_fault_go, test_fault_done;
  string test_fault_name;
  reg [31:0] test_fault_k;
  reg [31:0] test_fault_mode;
  reg [31:0] test_fault_addr;
  reg [7:0] test_fault_err;
  reg [31:0] test_fault_info;
  bit test_fault_info_in_kernel;
  task automatic test_fault(input string name, input [31:0] k, input [31:0] mode,
                            input [31:0] addr, input [7:0] err, input [31:0] info,
                            input bit info_in_kernel);
    test_fault_name = name; test_fault_k = k; test_fault_mode = mode; test_fault_addr = addr;
    test_fault_err = err; test_fault_info = info; test_fault_info_in_kernel = info_in_kernel;
    -> test_fault_go;
    @(test_fault_done);
  endtask
  always @(test_fault_go) begin
    test_fault_body(test_fault_name, test_fault_k, test_fault_mode, test_fault_addr,
                     test_fault_err, test_fault_info, test_fault_info_in_kernel);
    -> test_fault_done;
  end
  task automatic test_fault_body(input string name, input [31:0] k, input [31:0] mode,
                                 input [31:0] addr, input [7:0] err, input [31:0] info,
                                 input bit info_in_kernel);
    reg [31:0] out, when;
    integer    items;
    test = {"fault/", name};
    out = 32'h2000; items = 64 * 8; when = $urandom % items;
    place(K_FAULT, k);
    fill_random(out, 4 * items);
    wr32(ARGS, mode); wr32(ARGS + 4, when); wr32(ARGS + 8, addr); wr32(ARGS + 12, out);
    withdraw_ok = 1'b1;
    dispatch(k, 64, 1, 1, 8, ARGS);
    if (got_done) begin
      check("ex_error", got_err, err);
      if (info_in_kernel) begin
        if (got_info < k || got_info >= k + ksize[K_FAULT])
          check("ex_err_info (a PC in the kernel)", got_info, k);
      end else begin
        check("ex_err_info", got_info, info);
      end
    end
    check("the faulting work item ran up to its fault", rd32(out + 4 * when), when + 1);
    repeat (3) @(posedge clk);
    withdraw_ok = 1'b0;
    // The engine still works.
    test = {"fault/", name, "/after"};
    test_vadd(100, 8);
  endtask

  task automatic test_faults;
    reg [31:0] k;
    integer    off;
    k = kaddr(0, 2048);
    off = find_word(K_FAULT, 32'hFFFF_FFFF);
    if (off < 0) fail("fault.bin has no word 0xFFFFFFFF");
    test_fault("illegal", k, 0, 0, E_ILLEGAL, k + off, 0);
    k = kaddr(0, 2048);
    off = find_word(K_FAULT, 32'h0010_0073);
    if (off < 0) fail("fault.bin has no ebreak");
    test_fault("ebreak", k, 1, 0, E_ILLEGAL, k + off, 0);
    off = find_word(K_FAULT, 32'h0000_0073);
    if (off < 0) fail("fault.bin has no ecall");
    test_fault("ecall", k, 2, 0, E_ILLEGAL, k + off, 0);
    test_fault("misaligned load", k, 3, 32'h3002, E_ILLEGAL, 0, 1);
    test_fault("load past VRAM", k, 4, VRAM_BYTES + 32'h100, E_BAD_ACC, VRAM_BYTES + 32'h100, 0);
    test_fault("store to nothing", k, 5, 32'h8000_0000, E_BAD_ACC, 32'h8000_0000, 0);
    test_fault("byte store past VRAM", k, 9, VRAM_BYTES + 3, E_BAD_ACC, VRAM_BYTES + 3, 0);
    test_fault("store to a work-item register", k, 7, 0, E_BAD_ACC, 32'hFFFF_FFF8, 0);
    // At an address whose RAM row holds the kernel's `ret` (without the window check the
    // call would just return).
    off = find_word(K_FAULT, 32'h0000_8067);
    if (off < 0) fail("fault.bin has no ret");
    test_fault("jump out of the kernel window", k, 6, k + IRAM_BYTES + off, E_ILLEGAL,
               k + IRAM_BYTES + off, 0);
    test_fault("jump to nothing", k, 6, 32'h4000_0000, E_ILLEGAL, 32'h4000_0000, 0);
    // The window clipped at the end of VRAM: the fetch just past VRAM is no memory.
    k = VRAM_BYTES - ksize[K_FAULT] - 8 - ($urandom % 2) * 4;
    test_fault("jump past the clipped window", k, 6, VRAM_BYTES, E_ILLEGAL, VRAM_BYTES, 0);
  endtask

  // The window's last word is loaded, and is the right half of its VRAM word: the kernel
  // calls it; it is an illegal word, and the word before the window is a `ret` (which a
  // loader that wrote the wrong half would put there).
  task automatic test_window_end(input [31:0] k, input [31:0] win);
    reg [31:0] out;
    test = $sformatf("window end, kernel at %0x", k);
    out = 32'h2000;
    place(K_FAULT, k);
    wr32(k + win - 4, 32'hFFFF_FFFF);
    if (k >= 4) wr32(k - 4, 32'h0000_8067);
    wr32(ARGS, 6); wr32(ARGS + 4, 0); wr32(ARGS + 8, k + win - 4); wr32(ARGS + 12, out);
    withdraw_ok = 1'b1;
    dispatch(k, 1, 1, 1, 1, ARGS);
    expect_err(E_ILLEGAL, k + win - 4);
    repeat (3) @(posedge clk);
    withdraw_ok = 1'b0;
  endtask

  // A stack overflow faults just below the stack RAM.
  task automatic test_stack_overflow;
    reg [31:0] k, out;
    test = "stack overflow address";
    k = kaddr(0, 2048); out = 32'h2000;
    place(K_FAULT, k);
    wr32(ARGS, 8); wr32(ARGS + 4, 0); wr32(ARGS + 8, 0); wr32(ARGS + 12, out);
    withdraw_ok = 1'b1;
    dispatch(k, 1, 1, 1, 1, ARGS);
    if (got_done) begin
      check("ex_error", got_err, E_BAD_ACC);
      if (got_info >= STACK_TOP - STACK_BYTES || got_info < STACK_TOP - STACK_BYTES - 64)
        check("ex_err_info just below the stack", got_info, STACK_TOP - STACK_BYTES - 4);
    end
    repeat (3) @(posedge clk);
    withdraw_ok = 1'b0;
  endtask

  // Checks done before anything runs: no VRAM write, the error at once.
  task automatic test_bad_commands;
    reg [31:0] k;
    k = kaddr(0, 2048);
    place(K_VADD, k);
    test = "bad: unknown opcode";
    command(8'd5, k, 1, 1, 1, 1, ARGS, 100); expect_err(E_OPCODE, 0);
    test = "bad: KERNEL past VRAM";
    command(OP_DISPATCH, VRAM_BYTES, 1, 1, 1, 1, ARGS, 100); expect_err(E_BAD_ADDR, VRAM_BYTES);
    test = "bad: KERNEL and ARGS past VRAM";
    command(OP_DISPATCH, 32'hFFFF_FFFC, 1, 1, 1, 1, 32'h8000_0000, 100);
    expect_err(E_BAD_ADDR, 32'hFFFF_FFFC);
    test = "bad: ARGS past VRAM";
    command(OP_DISPATCH, k, 1, 1, 1, 1, VRAM_BYTES + 4, 100); expect_err(E_BAD_ADDR, VRAM_BYTES + 4);
    test = "bad: GRID_X 0";
    command(OP_DISPATCH, k, 0, 1, 1, 1, ARGS, 100); expect_err(E_BAD_DISP, 0);
    test = "bad: GRID_Y 0";
    command(OP_DISPATCH, k, 1, 0, 1, 1, ARGS, 100); expect_err(E_BAD_DISP, 0);
    test = "bad: GRID_Z 0";
    command(OP_DISPATCH, k, 1, 1, 0, 1, ARGS, 100); expect_err(E_BAD_DISP, 0);
    test = "bad: WG_SIZE 0";
    command(OP_DISPATCH, k, 1, 1, 1, 0, ARGS, 100); expect_err(E_BAD_DISP, 0);
    test = "bad: 2^16 * 2^16 work items";
    command(OP_DISPATCH, k, 65536, 65536, 1, 1, ARGS, 2000); expect_err(E_BAD_DISP, 0);
    test = "bad: 2 * 2^31 work items";
    command(OP_DISPATCH, k, 1, 1, 2, 32'h8000_0000, ARGS, 2000); expect_err(E_BAD_DISP, 0);
    test = "bad: 3 * 5 * 17 * 16843010 work items";
    command(OP_DISPATCH, k, 3, 5, 17, 16843010, ARGS, 2000); expect_err(E_BAD_DISP, 0);
    test = "bad: 2^32 - 1 + 65537 work items";
    command(OP_DISPATCH, k, 65537, 65536, 1, 1, ARGS, 2000); expect_err(E_BAD_DISP, 0);
    test = "bad: 0x60000000 * 3 work items (the last addition overflows)";
    command(OP_DISPATCH, k, 32'h6000_0000, 3, 1, 1, ARGS, 2000); expect_err(E_BAD_DISP, 0);
    test = "bad: all ones";
    command(OP_DISPATCH, k, 32'hFFFF_FFFF, 32'hFFFF_FFFF, 32'hFFFF_FFFF, 32'hFFFF_FFFF, ARGS, 2000);
    expect_err(E_BAD_DISP, 0);
    if (writes != 0) fail("a VRAM write for a refused command");
  endtask

  // Grids of exactly 2^32 - 1 work items are fine: they start (busy cores) and are reset.
  task automatic test_big_grid(input [31:0] gx, input [31:0] gy, input [31:0] gz,
                               input [31:0] wg);
    reg [31:0] k, out;
    integer    t;
    k = kaddr(0, 2048); out = 32'h2000;
    place(K_VADD, k);
    wr32(ARGS, out); wr32(ARGS + 4, out); wr32(ARGS + 8, out + 32'h10000); wr32(ARGS + 12, 0);
    @(negedge clk);
    ex_valid = 1'b1; ex_opcode = OP_DISPATCH; ex_args = {ARGS, wg, gz, gy, gx, k};
    cmd_active = 1'b1;
    for (t = 0; t < 3000 && busy_cores == 0; t = t + 1) begin
      @(posedge clk); #1;
      if (ex_done) fail($sformatf("ex_done (error %0d) for a grid of 2^32 - 1 work items", ex_error));
    end
    if (busy_cores == 0) fail("the cores did not start");
    repeat (200 + $urandom % 200) begin
      @(posedge clk); #1;
      if (ex_done) fail("ex_done while running 2^32 - 1 work items");
    end
    do_reset;
  endtask

  // ex_reset: VRAM requests gone in its cycle, host reads drained and an accepted write
  // finished; one ex_done (error 0, not preempted) if a command was offered in the reset
  // cycle without an ex_done in it, once the host ports are clean; nothing after.
  // (do_reset: body compiled once, in its server process.)
  event do_reset_go, do_reset_done;
  task automatic do_reset;
    -> do_reset_go;
    @(do_reset_done);
  endtask
  always @(do_reset_go) begin
    do_reset_body;
    -> do_reset_done;
  end
  task automatic do_reset_body;
    integer t, dones, wreqs;
    reg     owe;
    @(negedge clk);
    ex_reset = 1'b1; withdraw_ok = 1'b1; host_ok = 1'b1;
    owe = ex_valid && !ex_done;
    wreqs = u_hwr.n_req;
    #1;
    if (vr_req || vw_req) fail("a VRAM request in the cycle of ex_reset");
    if (rd_req_valid || wr_req_valid) fail("a host request in the cycle of ex_reset");
    @(negedge clk);
    ex_reset = 1'b0; ex_valid = 1'b0; ex_stop = 1'b0; ex_resume = 1'b0;
    dones = 0;
    for (t = 0; t < 3000; t = t + 1) begin
      @(posedge clk); #1;
      if (ex_done) begin
        dones = dones + 1;
        if (ex_error !== E_NONE || ex_preempted) fail("the reset's ex_done with an error or preempted");
        if (u_hrd.outstanding() != 0 || u_hwr.outstanding() != 0)
          fail("the reset's ex_done before the host ports are clean");
      end
      if (vr_req || vw_req) begin fail("a VRAM request after ex_reset"); break; end
      if (busy_cores != 0) begin fail("busy cores after ex_reset"); break; end
      if (rd_req_valid || wr_req_valid) begin fail("a host request after ex_reset"); break; end
      if (t > 30 && dones == owe && u_hrd.outstanding() == 0 && u_hwr.outstanding() == 0) break;
    end
    check("ex_done answers to the reset", dones, owe);
    if (u_hwr.n_req != wreqs) fail("a host write accepted after ex_reset");
    cmd_active = 1'b0; withdraw_ok = 1'b0; host_ok = 1'b0;
  endtask

  task automatic test_reset(input integer after);
    reg [31:0] k;
    integer    t;
    k = kaddr(0, 2048);
    place(K_VADD, k);
    wr32(ARGS, 32'h2000); wr32(ARGS + 4, 32'h12000); wr32(ARGS + 8, 32'h22000);
    wr32(ARGS + 12, 4096);
    @(negedge clk);
    ex_valid = 1'b1; ex_opcode = OP_DISPATCH; ex_args = {ARGS, 32'd64, 32'd1, 32'd1, 32'd64, k};
    cmd_active = 1'b1;
    for (t = 0; t < after; t = t + 1) begin
      @(posedge clk); #1;
      if (ex_done) fail("ex_done too early");
    end
    do_reset;
    test = {test, "/after"};
    test_vadd(300, 16);
  endtask

  // ------------------------------------------------------------------ preemption
  // f(x) of the spin kernel (kernels/tests/spin.c).
  function automatic [31:0] spin_buf(input [31:0] x, input integer d, input integer i);
    spin_buf = x * (2 * i + 1) + d * 32'h9E37_79B9 + i;
  endfunction
  // (Unrolled: the way down gives each level's x and its addend, the way up the result.)
  function automatic [31:0] spin_f(input [31:0] x, input integer d);
    reg [31:0] xs [0:15];
    reg [31:0] r;
    integer    l;
    xs[d] = x;
    for (l = d; l > 0; l = l - 1) xs[l - 1] = spin_buf(xs[l], l, (xs[l] + l) & 7);
    r = spin_buf(xs[0], 0, xs[0] & 7) ^ spin_buf(xs[0], 0, 7);
    r = r ^ (r >> 7);
    for (l = 1; l <= d; l = l + 1) begin
      r = r + spin_buf(xs[l], l, (xs[l] ^ l) & 7) * 3;
      r = r ^ (r >> 7);
    end
    spin_f = r;
  endfunction

  localparam [31:0] SPIN_OUT = 32'h2000, SPIN_INC = 32'h12000, SPIN_FLAG = 32'h1F000;

  task automatic spin_setup(input [31:0] k, input integer n, input integer depth, input [31:0] flag);
    place(K_SPIN, k);
    fill_random(SPIN_OUT, 4 * n + 4);
    for (int i = 0; i < n + 1; i = i + 1) wr32(SPIN_INC + 4 * i, 32'd0);
    wr32(SPIN_FLAG, flag);
    wr32(ARGS, SPIN_OUT); wr32(ARGS + 4, SPIN_INC); wr32(ARGS + 8, SPIN_FLAG); wr32(ARGS + 12, n);
    wr32(ARGS + 16, depth);
  endtask

  task automatic spin_check(input integer n, input integer depth);
    integer x;
    for (x = 0; x < n; x = x + 1) begin
      if (rd32(SPIN_OUT + 4 * x) !== spin_f(x, depth)) begin
        fail($sformatf("spin out[%0d] = %08x, expected %08x", x, rd32(SPIN_OUT + 4 * x),
                       spin_f(x, depth)));
        break;
      end
      if (rd32(SPIN_INC + 4 * x) !== 32'd1) begin
        fail($sformatf("spin work item %0d ran %0d times", x, rd32(SPIN_INC + 4 * x)));
        break;
      end
    end
    check("spin: the word after inc", rd32(SPIN_INC + 4 * n), 0);
  endtask

  // The spin kernel waiting with a deep stack: stopped and resumed `stops` times, then the
  // flag is set and it runs to its end.
  task automatic test_spin(input integer n, input [31:0] wg, input integer depth, input integer stops);
    reg [31:0] k;
    k = kaddr(0, 2048);
    spin_setup(k, n, depth, 0);
    preempt_on = 1'b1; flag_after = stops; flag_addr = SPIN_FLAG; max_stops = stops;
    dispatch(k, (n + wg - 1) / wg, 1, 1, wg, ARGS);
    preempt_on = 1'b0; flag_after = -1; max_stops = 3;
    expect_ok;
    check("spin: preemptions", stops_done, stops);
    spin_check(n, depth);
  endtask

  // A record that is not this command's (a flipped bit in its header or a core's stack
  // extent), or a failed read: DMA_ERROR with the area's address, nothing written, nothing
  // run; the intact record then resumes.
  task automatic test_bad_record(input integer how);
    reg [31:0] k;
    reg [63:0] w, a;
    integer    n, wreqs, bit_, row;
    test = $sformatf("bad record #%0d", how);
    k = kaddr(0, 2048); n = 40;
    spin_setup(k, n, 6, 0);
    ex_opcode = OP_DISPATCH; ex_args = {ARGS, 32'd4, 32'd1, 32'd1, 32'(n / 4), k};
    writes = 0; got_cycles = 0; area = new_area();
    offer(1'b0, 1500 + $urandom % 500, 100000);
    if (!got_pre) begin fail("not preempted"); return; end
    if ($urandom % 2) move_area;
    row = how == 0 ? $urandom % 4 : how == 1 ? 6 : 8 + 20;   // header, totals, core 0's extent
    a = area + 8 * row;
    w = tb_hostmem_pkg::hread(a); bit_ = $urandom % 64;
    if (how == 1) bit_ = 32 + $urandom % 9;                  // the total of stack rows
    if (how == 2) bit_ = 32 + $urandom % 7;                  // core 0's first stack row
    if (how < 3) tb_hostmem_pkg::hwrite(a, w ^ (64'd1 << bit_));
    else begin tb_hostmem_pkg::poison_lo = a; tb_hostmem_pkg::poison_hi = a + 8; end
    wreqs = u_hwr.n_req; writes = 0;
    offer(1'b1, 0, 100000);
    expect_err(E_DMA, area[31:0]);
    if (u_hwr.n_req != wreqs) fail("a host write for a refused record");
    if (writes != 0) fail("a VRAM write for a refused record");
    tb_hostmem_pkg::hwrite(a, w); tb_hostmem_pkg::poison_lo = 0; tb_hostmem_pkg::poison_hi = 0;
    wr32(SPIN_FLAG, 1);
    test = {test, "/intact"};
    offer(1'b1, 0, 200000);
    expect_ok;
    if (got_pre) fail("preempted without a stop");
    spin_check(n, 6);
  endtask

  // Reset while the record is written (or just before, or while restoring).
  task automatic test_reset_save(input reg in_restore);
    reg [31:0] k;
    integer    t;
    test = in_restore ? "reset while restoring" : "reset while saving";
    k = kaddr(0, 2048);
    spin_setup(k, 30, 10, 0);
    ex_opcode = OP_DISPATCH; ex_args = {ARGS, 32'd3, 32'd1, 32'd1, 32'd10, k};
    area = new_area();
    if (in_restore) begin
      offer(1'b0, 1500, 100000);
      if (!got_pre) fail("not preempted");
    end
    @(negedge clk);
    ex_valid = 1'b1; ex_resume = in_restore; ex_save_addr = area; cmd_active = 1'b1;
    if (!in_restore) begin
      repeat (1500) @(negedge clk);
      ex_stop = 1'b1;
      for (t = 0; t < 2000 && dut.u_save.st_q == 2'd0; t = t + 1) @(negedge clk);
    end else begin
      for (t = 0; t < 2000 && dut.u_restore.st_q == 3'd0; t = t + 1) @(negedge clk);
    end
    repeat ($urandom % 40) @(negedge clk);
    if (ex_done) fail("ex_done before the reset");
    do_reset;
    test = {test, "/after"};
    test_vadd(200, 8);
  endtask

  // Loop counts are variables: Verilator unrolls a loop with constant bounds, copying the
  // tests in it each time (a longer build, same test).
  integer n_rounds = 3, n_spins = 4;
  integer n_bad_records = CORES == 2 ? 4 : 3;  // (the read error poisons shared host memory)

  task automatic test_preemption;
    integer i;
    // The spin kernel: deep stacks, several stops each, moved areas.
    for (i = 0; i < n_spins; i = i + 1) begin
      test = $sformatf("spin #%0d", i);
      test_spin(1 + $urandom % 40, 1 + $urandom % 8, $urandom % 14, 1 + $urandom % 4);
    end
    test = "spin 1 item, depth 14"; test_spin(1, 1, 14, 3);
    // The real kernels and the run-counting one, stopped at random.
    preempt_on = 1'b1; max_stops = 4;
    for (i = 0; i < n_rounds; i = i + 1) begin
      stall_r = i == 0 ? 0 : $urandom % 40; stall_w = i == 0 ? 0 : $urandom % 40;
      stop_span = 500 + $urandom % 8000;
      test = $sformatf("preempted vadd #%0d", i);     test_vadd(1 + $urandom % 1500, 1 + $urandom % 40);
      test = $sformatf("preempted saxpy #%0d", i);    test_saxpy(1 + $urandom % 1000, 1 + $urandom % 33);
      test = $sformatf("preempted reduce #%0d", i);   test_reduce(1 + $urandom % 3000, 1 + $urandom % 64);
      test = $sformatf("preempted filter2d #%0d", i);
      test_filter(1 + $urandom % 40, 1 + $urandom % 20, 40 + 4 * ($urandom % 3), 1 + $urandom % 16);
      test = $sformatf("preempted ids #%0d", i);
      test_ids(1 + $urandom % 4, 1 + $urandom % 3, 1 + $urandom % 3, 1 + $urandom % 6);
      test = $sformatf("preempted locals #%0d", i);   test_locals(1 + $urandom % 100, 1 + $urandom % 9);
      test = $sformatf("preempted hostsaxpy #%0d", i); test_host(1 + $urandom % 300, 1 + $urandom % 17);
      test = $sformatf("preempted spin (flag set) #%0d", i);
      spin_setup(kaddr(0, 2048), 1 + $urandom % 60, $urandom % 14, 1);
      begin
        integer n_, d_;
        reg [31:0] k_;
        k_ = kaddr(0, 2048); n_ = 1 + $urandom % 60; d_ = $urandom % 14;
        spin_setup(k_, n_, d_, 1);
        dispatch(k_, (n_ + 3) / 4, 1, 1, 4, ARGS);
        expect_ok;
        spin_check(n_, d_);
      end
    end
    stop_span = 30;
    test = "stopped at once"; test_vadd(300, 8);
    preempt_on = 1'b0; max_stops = 3; stop_span = 3000; stall_r = 0; stall_w = 0;
    // (The read error poisons shared host memory: one environment only.)
    for (i = 0; i < n_bad_records; i = i + 1) test_bad_record(i);
    test_reset_save(1'b0);
    test_reset_save(1'b1);
  endtask

  // ------------------------------------------------------------------ host window
  // hostsaxpy's buffers, as offsets in the window; b and h at odd places so that byte and
  // half stores hit every lane.
  localparam [31:0] HX = 32'h0001_0000, HY = 32'h0002_0000, HBY = 32'h0003_0003,
                    HH = 32'h0004_0002, HWIN = 32'h8000_0000;
  reg [63:0] hbase;
  reg [31:0] h_y0 [0:4095];
  reg [31:0] h_a;
  reg [7:0]  h_guard [0:3];

  function automatic [7:0] hread8(input [63:0] a);
    reg [63:0] w;
    w = tb_hostmem_pkg::hread(a);
    hread8 = w[8 * a[2:0] +: 8];
  endfunction

  // A HOST_BASE of this environment's own (4 KiB aligned, above 4 GiB), and the arguments.
  task automatic host_setup(input [31:0] k, input integer n);
    integer i;
    hbase = {24'd0, 8'(CORES + 4), 20'($urandom), 12'd0};
    h_a = $urandom; if ($urandom % 2) h_a = h_a >>> 12;
    place(K_HOST, k);
    for (i = 0; i < n; i = i + 1) begin
      tb_hostmem_pkg::hwrite32(hbase + HX + 4 * i, $urandom % 3 == 0 ? $urandom : $urandom >>> 10);
      h_y0[i] = $urandom; tb_hostmem_pkg::hwrite32(hbase + HY + 4 * i, h_y0[i]);
    end
    h_guard[0] = hread8(hbase + HBY - 1); h_guard[1] = hread8(hbase + HBY + n);
    h_guard[2] = hread8(hbase + HH - 1);  h_guard[3] = hread8(hbase + HH + 2 * n);
    wr32(ARGS, h_a); wr32(ARGS + 4, HWIN + HX); wr32(ARGS + 8, HWIN + HY);
    wr32(ARGS + 12, HWIN + HBY); wr32(ARGS + 16, HWIN + HH); wr32(ARGS + 20, n);
  endtask

  task automatic host_check(input integer n);
    integer i;
    reg [31:0] x, want;
    reg signed [63:0] p;
    for (i = 0; i < n; i = i + 1) begin
      x = tb_hostmem_pkg::hread32(hbase + HX + 4 * i);
      p = $signed(h_a) * $signed(x);
      want = p[47:16] + h_y0[i];
      if (tb_hostmem_pkg::hread32(hbase + HY + 4 * i) !== want) begin
        fail($sformatf("hostsaxpy y[%0d] = %08x, expected %08x", i,
                       tb_hostmem_pkg::hread32(hbase + HY + 4 * i), want));
        break;
      end
      if (hread8(hbase + HBY + i) !== 8'(x ^ i)) begin
        fail($sformatf("hostsaxpy b[%0d] = %02x, expected %02x", i, hread8(hbase + HBY + i), 8'(x ^ i)));
        break;
      end
      if ({hread8(hbase + HH + 2 * i + 1), hread8(hbase + HH + 2 * i)} !== want[18:3]) begin
        fail($sformatf("hostsaxpy h[%0d] = %02x%02x, expected %04x", i, hread8(hbase + HH + 2 * i + 1),
                       hread8(hbase + HH + 2 * i), want[18:3]));
        break;
      end
    end
    check("hostsaxpy: the byte before b", hread8(hbase + HBY - 1), h_guard[0]);
    check("hostsaxpy: the byte after b", hread8(hbase + HBY + n), h_guard[1]);
    check("hostsaxpy: the byte before h", hread8(hbase + HH - 1), h_guard[2]);
    check("hostsaxpy: the byte after h", hread8(hbase + HH + 2 * n), h_guard[3]);
  endtask

  task automatic test_host(input integer n, input [31:0] wg);
    reg [31:0] k;
    k = kaddr(0, 2048);
    host_setup(k, n);
    cmd_flags = 8'h01; cmd_hbase = hbase;
    dispatch(k, (n + wg - 1) / wg, 1, 1, wg, ARGS);
    cmd_flags = 8'h00;
    expect_ok;
    host_check(n);
  endtask

  // Faults in the window (the fault kernel, HOST_WINDOW set): a load past it; a load whose
  // DMA read fails; a byte store past it. Without HOST_WINDOW: test_faults' "store to
  // nothing" (0x8000_0000).
  task automatic test_host_faults;
    reg [31:0] k;
    k = kaddr(0, 2048);
    hbase = {24'd0, 8'(CORES + 4), 20'($urandom), 12'd0};
    cmd_flags = 8'h01; cmd_hbase = hbase;
    test_fault("host window: load past it", k, 4, 32'hC000_0040, E_BAD_ACC, 32'hC000_0040, 0);
    u_wrd.my_poison_lo = hbase + 64'h100; u_wrd.my_poison_hi = hbase + 64'h108;
    test_fault("host window: failed read", k, 4, HWIN + 32'h104, E_BAD_ACC, HWIN + 32'h104, 0);
    u_wrd.my_poison_lo = 64'd0; u_wrd.my_poison_hi = 64'd0;
    test_fault("host window: byte store past it", k, 9, 32'hC000_0001, E_BAD_ACC, 32'hC000_0001, 0);
    cmd_flags = 8'h00;
  endtask

  // An engine reset while the cores load and store host memory: no wedge, the next runs.
  task automatic test_host_reset(input integer after);
    reg [31:0] k;
    integer    t;
    k = kaddr(0, 2048);
    host_setup(k, 600);
    @(negedge clk);
    ex_valid = 1'b1; ex_opcode = OP_DISPATCH; ex_flags = 8'h01;
    ex_args = {hbase, ARGS, 32'd8, 32'd1, 32'd1, 32'd75, k};
    cmd_active = 1'b1;
    for (t = 0; t < after; t = t + 1) begin
      @(posedge clk); #1;
      if (ex_done) fail("ex_done too early");
    end
    do_reset;
    ex_flags = 8'h00;
    if (u_wrd.outstanding() != 0) fail("a host window read left after the reset");
    test = {test, "/after"};
    test_host(100, 7);
  endtask

  // ------------------------------------------------------------------ the test list
  integer vadd_cycles, vadd256_cycles;
  reg     finished = 1'b0;

  task automatic run_all;
    integer i;
    read_kernels;
    // Host memory as the brief's link: ~7.5 bytes/cycle writes, 80-cycle latencies.
    u_hrd.latency = 80; u_hwr.done_lat = 80; u_hwr.data_stall_pct = 6;
    u_wrd.latency = 80; u_wwr.done_lat = 80; u_wwr.data_stall_pct = 6;
    repeat (3) @(negedge clk);
    rst_n = 1'b1;
    repeat (2) @(negedge clk);
    // +preempt_only: just the preemption tests (a quicker loop while working on them).
    if ($test$plusargs("preempt_only")) begin
      test_preemption; finished = 1'b1; return;
    end
    // +host_only: just the host window tests.
    if ($test$plusargs("host_only")) begin
      test = "hostsaxpy 1 / 1"; test_host(1, 1);
      test = "hostsaxpy 40 / 3"; test_host(40, 3);
      test_host_faults;
      test = "reset in host traffic"; test_host_reset(700 + $urandom % 3000);
      preempt_on = 1'b1; max_stops = 4; stop_span = 2000;
      test = "preempted hostsaxpy"; test_host(200, 5);
      preempt_on = 1'b0;
      finished = 1'b1; return;
    end

    // Throughput: vadd of 4096 elements, VRAM always granting.
    test = "vadd 4096 / 64";
    run_vadd(32'h400, 4096, 64, 32'h2000, 32'h12000, 32'h22000, 1);
    vadd_cycles = got_cycles;
    test = "vadd 4096 / 256";
    run_vadd(32'h404, 4096, 256, 32'h2000, 32'h12000, 32'h22000, 1);
    vadd256_cycles = got_cycles;

    // The kernels on several shapes, VRAM stalling at random.
    for (i = 0; i < n_rounds; i = i + 1) begin
      stall_r = i == 0 ? 0 : $urandom % 60; stall_w = i == 0 ? 0 : $urandom % 60;
      test = $sformatf("vadd #%0d", i);      test_vadd(1 + $urandom % 1500, 1 + $urandom % 40);
      test = $sformatf("vadd wg 1 #%0d", i); test_vadd(1 + $urandom % 50, 1);
      test = $sformatf("saxpy #%0d", i);     test_saxpy(1 + $urandom % 1000, 1 + $urandom % 33);
      test = $sformatf("reduce #%0d", i);    test_reduce(1 + $urandom % 3000, 1 + $urandom % 64);
      test = $sformatf("filter2d #%0d", i);
      test_filter(1 + $urandom % 40, 1 + $urandom % 20, 40 + 4 * ($urandom % 3), 1 + $urandom % 16);
      test = $sformatf("ids #%0d", i);
      test_ids(1 + $urandom % 4, 1 + $urandom % 3, 1 + $urandom % 3, 1 + $urandom % 6);
      test = $sformatf("locals #%0d", i);    test_locals(1 + $urandom % 100, 1 + $urandom % 9);
      test = $sformatf("hostsaxpy #%0d", i); test_host(1 + $urandom % 300, 1 + $urandom % 17);
    end
    test = "hostsaxpy 1 / 1"; test_host(1, 1);
    test = "ids 1x1x1 / 1"; test_ids(1, 1, 1, 1);
    test = "ids 7x1x1 / 3"; test_ids(7, 1, 1, 3);
    test = "ids 1x5x1 / 2"; test_ids(1, 5, 1, 2);
    test = "ids 1x1x6 / 4"; test_ids(1, 1, 6, 4);
    test = "ids 2x3x4 / 5"; test_ids(2, 3, 4, 5);
    stall_r = 20; stall_w = 20;
    test = "reduce 5000 / 32"; test_reduce(5000, 32);
    test = "filter2d 37x23";   test_filter(37, 23, 40, 8);
    // A kernel at the very end of VRAM (clipped window).
    test = "vadd at the end of VRAM";
    run_vadd(VRAM_BYTES - ksize[K_VADD] - 4 * ($urandom % 2), 200, 16,
             32'h2000, 32'h12000, 32'h22000, 1);

    test_faults;
    test_host_faults;
    test_stack_overflow;
    test_window_end(32'h3000, IRAM_BYTES);
    test_window_end(32'h3004, IRAM_BYTES);
    test_window_end(VRAM_BYTES - 32'h800, 32'h800);
    test_window_end(VRAM_BYTES - 32'h804, 32'h804);
    test_bad_commands;
    test = "grid 3 * 5 * 17 * 16843009"; test_big_grid(3, 5, 17, 16843009);
    test = "grid 1 * 1 * 1 * (2^32 - 1)"; test_big_grid(1, 1, 1, 32'hFFFF_FFFF);
    test = "grid 65537 * 65535";          test_big_grid(65537, 65535, 1, 1);
    test = "grid 0x55555555 * 3";         test_big_grid(32'h5555_5555, 3, 1, 1);
    stall_r = 30; stall_w = 30;
    test = "reset while loading";   test_reset(2 + $urandom % 300);
    test = "reset while running";   test_reset(600 + $urandom % 5000);
    test = "reset while idle";      do_reset; test_vadd(64, 64);
    test = "reset in host traffic"; test_host_reset(700 + $urandom % 3000);
    stall_r = 0; stall_w = 0;
    test_preemption;
    finished = 1'b1;
  endtask

  // Each environment runs its list from its own process (the top only waits and compares).
  integer seed = 1;
  initial begin
    if ($value$plusargs("seed=%d", seed)) ;
    void'($urandom(seed * 7 + CORES));
    run_all;
  end
endmodule

module compute_exec_tb;
  compute_exec_env #(.CORES(1)) env1 ();
  compute_exec_env #(.CORES(2)) env2 ();
  compute_exec_env #(.CORES(3)) env3 ();

  integer seed = 1;
  real    ratio, ratio256;
  always @(posedge env1.clk) tb_hostmem_pkg::cyc <= tb_hostmem_pkg::cyc + 1;

  task automatic stats(input integer cores, input integer n_pre, input integer stop_sum,
                       input integer stop_max, input integer n_rs, input integer rs_sum,
                       input integer rs_max);
    $display("compute_exec_tb: %0d core(s): %0d preemptions, ex_stop -> ex_done mean %0d max %0d cycles; %0d resumes, offer -> running mean %0d max %0d cycles",
             cores, n_pre, n_pre ? stop_sum / n_pre : 0, stop_max, n_rs, n_rs ? rs_sum / n_rs : 0,
             rs_max);
  endtask

  initial begin
    if ($value$plusargs("seed=%d", seed)) ;
    $display("compute_exec_tb: seed %0d", seed);
    wait (env1.finished && env2.finished && env3.finished);
    ratio    = 1.0 * env1.vadd_cycles / env2.vadd_cycles;
    ratio256 = 1.0 * env1.vadd256_cycles / env2.vadd256_cycles;
    $display("compute_exec_tb: vadd 4096 (WG 64): %0d cycles on 1 core, %0d on 2, %0d on 3; 1/2 = %.3f",
             env1.vadd_cycles, env2.vadd_cycles, env3.vadd_cycles, ratio);
    $display("compute_exec_tb: vadd 4096 (WG 256): %0d cycles on 1 core, %0d on 2, %0d on 3; 1/2 = %.3f",
             env1.vadd256_cycles, env2.vadd256_cycles, env3.vadd256_cycles, ratio256);
    stats(1, env1.n_pre, env1.stop_sum, env1.stop_max, env1.n_rs, env1.rs_sum, env1.rs_max);
    stats(2, env2.n_pre, env2.stop_sum, env2.stop_max, env2.n_rs, env2.rs_sum, env2.rs_max);
    stats(3, env3.n_pre, env3.stop_sum, env3.stop_max, env3.n_rs, env3.rs_sum, env3.rs_max);
    $display("compute_exec_tb: host window, core 0 of 1 (DMA read latency %0d): a load %0d cycles from its request to its data, a store %0d to its grant",
             env1.u_wrd.latency, env1.hl_min, env1.hs_min);
    if (env1.hl_min > env1.u_wrd.latency + 8 || env1.hs_min > 3)
      $display("FAIL compute_exec: host window latency: load %0d, store %0d cycles", env1.hl_min, env1.hs_min);
    if (tb_hostmem_pkg::errors != 0)
      $display("FAIL compute_exec: %0d host port errors", tb_hostmem_pkg::errors);
    else if (env1.errors + env2.errors + env3.errors == 0) begin
      if (ratio < 1.8 || ratio256 < 1.8)
        $display("FAIL compute_exec: vadd on 2 cores only %.3f / %.3f times faster than on 1 (need 1.8)",
                 ratio, ratio256);
      else
        $display("PASS compute_exec");
    end
    $finish;
  end
endmodule

`default_nettype wire
