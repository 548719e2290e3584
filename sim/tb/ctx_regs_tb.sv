// Self-checking testbench for ctx_regs: the context table, the CP block and the doorbells.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sgpu_regs.vh"

// Every access goes through step(), which drives both ports for one cycle, checks each read
// against a model of the registers and then updates the model as the RTL should: the
// firmware's writes, then the host's, then DB_PENDING = (pending & ~cleared) | rung. After
// each cycle the model's pending bits must equal the block's and db_pending_o their OR.
// The hammer (+seed=N, printed) rings doorbells faster than a model firmware drains them.
module ctx_regs_tb;
  localparam integer N      = `SGPU_CTX_COUNT;
  localparam integer NS     = 5;                       // a smaller build, checked beside
  localparam integer STRIDE = `SGPU_CTX_STRIDE;
  localparam integer SLOTS  = `SGPU_CTX_SIZE / `SGPU_CTX_STRIDE;   // instances the window holds
  localparam [11:0] DOORBELL = `SGPU_CTX_DOORBELL_OFFSET;
  localparam [11:0] TAIL     = `SGPU_CTX_TAIL_OFFSET;
  localparam [11:0] ENGINE   = `SGPU_CTX_ENGINE_OFFSET;
  localparam [11:0] DB_PEND  = `SGPU_CP_DB_PENDING_OFFSET;
  localparam [11:0] DB_CLEAR = `SGPU_CP_DB_CLEAR_OFFSET;
  localparam [11:0] CTRL_DB   = `SGPU_CP_CTRL_DOORBELL_OFFSET;
  localparam [11:0] CTRL_PEND = `SGPU_CP_CTRL_PENDING_OFFSET;
  localparam [11:0] CTRL_HEAD = `SGPU_CP_CTRL_HEAD_OFFSET;
  localparam [11:0] DESC0     = `SGPU_CP_CTRL_DESC_LO_OFFSET;   // four descriptor words on
  localparam integer CORE = 0, HOST = 1;

  reg         clk = 1'b0;
  reg         rst_n = 1'b0;
  reg         c_ctx = 1'b0, c_cp = 1'b0, c_we = 1'b0;
  reg  [3:0]  c_be = 4'h0;
  reg  [11:0] c_addr = 12'h0;
  reg  [31:0] c_wdata = 32'd0;
  reg         h_ctx = 1'b0, h_cp = 1'b0, h_we = 1'b0;
  reg  [3:0]  h_be = 4'h0;
  reg  [11:0] h_addr = 12'h0;
  reg  [31:0] h_wdata = 32'd0;
  wire [31:0] c_rdata, h_rdata, s_c_rdata, s_h_rdata;
  wire        irq, s_irq;
  reg  [9:0]  e_ctx = 10'd0;                         // the two engines' context selects
  reg  [63:0] cyc64 = 64'h0000_0001_FFFF_FFF0;       // the device cycle counter (crosses 2^32)
  always @(posedge clk) cyc64 <= cyc64 + 64'd1;
  wire [127:0] e_base;
  wire [63:0]  e_size, e_tail;
  wire [127:0] e_save;

  ctx_regs dut (
    .clk_i(clk), .rst_ni(rst_n), .cycles_i(cyc64),
    .ctx_req_i(c_ctx), .cp_req_i(c_cp), .we_i(c_we), .be_i(c_be), .addr_i(c_addr),
    .wdata_i(c_wdata), .rdata_o(c_rdata),
    .h_ctx_req_i(h_ctx), .h_cp_req_i(h_cp), .h_we_i(h_we), .h_be_i(h_be), .h_addr_i(h_addr),
    .h_wdata_i(h_wdata), .h_rdata_o(h_rdata),
    .db_pending_o(irq),
    .e_ctx_i(e_ctx), .e_ring_base_o(e_base), .e_ring_size_o(e_size), .e_tail_o(e_tail),
    .e_save_addr_o(e_save)
  );
  // Same inputs, fewer contexts: checked only where said.
  ctx_regs #(.CTX_COUNT(NS)) dut_small (
    .clk_i(clk), .rst_ni(rst_n), .cycles_i(cyc64),
    .ctx_req_i(c_ctx), .cp_req_i(c_cp), .we_i(c_we), .be_i(c_be), .addr_i(c_addr),
    .wdata_i(c_wdata), .rdata_o(s_c_rdata),
    .h_ctx_req_i(h_ctx), .h_cp_req_i(h_cp), .h_we_i(h_we), .h_be_i(h_be), .h_addr_i(h_addr),
    .h_wdata_i(h_wdata), .h_rdata_o(s_h_rdata),
    .db_pending_o(s_irq),
    .e_ctx_i(e_ctx), .e_ring_base_o(), .e_ring_size_o(), .e_tail_o(),
    .e_save_addr_o()
  );

  initial forever #5 clk = ~clk;

  // Build time: Verilator inlines every task at every call, and unrolls every loop with
  // constant bounds; the C++ compiler is slow on the huge function that makes. So check's
  // body is a function of its arguments only (Verilator keeps it out of line), check_all runs
  // in a server process (below), and the loops around steps have bounds in variables.
  integer errors = 0;
  // Reports a mismatch (the first few); returns the new error count.
  function automatic integer report_check(input integer errs, input [8*64-1:0] what,
                                          input [31:0] got, input [31:0] want);
    /*verilator no_inline_task*/
    if (got === want) return errs;
    if (errs < 5) $display("FAIL ctx_regs: %0s: got %08x, expected %08x", what, got, want);
    return errs + 1;
  endfunction
  task automatic check(input [8*64-1:0] what, input [31:0] got, input [31:0] want);
    errors = report_check(errors, what, got, want);
  endtask
  // Loop bounds as variables (see above): contexts, instances the window holds, bytes per
  // instance, last read-write register, CP bytes swept, engine views, byte-enable patterns.
  integer n_ctx = N, n_slots = SLOTS, stride_bytes = STRIDE;
  integer rw_last = `SGPU_CTX_SAVE_ADDR_HI_OFFSET, cp_bytes = 'h48, n_views = 32;
  integer n_be_patterns = 16;

  // ---------------------------------------------------------------- the model
  reg [31:0] m_reg [0:N-1][0:15];   // by context and word offset / 4 (holes stay 0)
  reg [31:0] m_pend;
  reg [31:0] m_desc [0:3];          // CTRL_DESC_LO/HI, EVENT_DESC_LO/HI
  reg        m_ctrl_pend;
  reg        m_ctrl_new;            // CTRL_PENDING.DESC: CTRL_DESC written since the clear
  reg        m_event_new;           // CTRL_PENDING.EVENT_DESC: EVENT_DESC written since the clear
  reg [31:0] m_ctrl_head;           // CTRL_HEAD: the word of the latest control doorbell
  reg [63:0] m_db_cycle;            // cycle of the latest context doorbell
  reg [31:0] m_db_hi;               // DB_CYCLE_HI as latched by the last read of LO
  reg [31:0] m_cyc_hi;              // CYCLES_HI as latched by the last read of CYCLES_LO
  reg [63:0] m_ctrl_db;             // CTRL_DB_CYCLE: the cycle of the latest control doorbell
  reg [31:0] m_ctrl_db_hi;          // CTRL_DB_CYCLE_HI as latched by the last read of LO

  function automatic [31:0] merge(input [31:0] old, input [31:0] data, input [3:0] be);
    integer b;
    begin
      for (b = 0; b < 4; b = b + 1) merge[8*b +: 8] = be[b] ? data[8*b +: 8] : old[8*b +: 8];
    end
  endfunction

  function automatic is_rw(input [11:0] off);
    is_rw = off <= `SGPU_CTX_SAVE_ADDR_HI_OFFSET && off[1:0] == 2'd0;
  endfunction

  function automatic [31:0] ctx_addr(input integer i, input [11:0] off);
    ctx_addr = i * STRIDE + off;
  endfunction

  task automatic model_reset;
    integer i, w;
    for (i = 0; i < N; i = i + 1) for (w = 0; w < 16; w = w + 1) m_reg[i][w] = 32'd0;
    m_pend = 32'd0;
    for (i = 0; i < 4; i = i + 1) m_desc[i] = 32'd0;
    m_ctrl_pend = 1'b0;
    m_ctrl_new = 1'b0;
    m_event_new = 1'b0;
    m_ctrl_head = 32'd0;
    m_db_cycle = 64'd0;
    m_ctrl_db = 64'd0;
    m_ctrl_db_hi = 32'd0;
    m_db_hi = 32'd0;
    m_cyc_hi = 32'd0;
  endtask

  function automatic [31:0] expect_ctx(input [11:0] a);
    integer i;
    reg [11:0] off;
    begin
      i = a / STRIDE; off = a % STRIDE;
      expect_ctx = (i < N && off != DOORBELL) ? m_reg[i][off / 4] : 32'd0;
    end
  endfunction

  function automatic [31:0] expect_cp(input [11:0] a);
    case (a)
      `SGPU_CP_CTX_OFFSET_OFFSET: expect_cp = `SGPU_CTX_BAR0_BASE;
      `SGPU_CP_CTX_COUNT_OFFSET:  expect_cp = N;
      `SGPU_CP_CTX_STRIDE_OFFSET: expect_cp = STRIDE;
      DB_PEND:                    expect_cp = m_pend;
      CTRL_PEND:                  expect_cp = {29'd0, m_event_new, m_ctrl_new, m_ctrl_pend};
      CTRL_HEAD:                  expect_cp = m_ctrl_head;
      `SGPU_CP_DB_CYCLE_LO_OFFSET: expect_cp = m_db_cycle[31:0];
      `SGPU_CP_DB_CYCLE_HI_OFFSET: expect_cp = m_db_hi;
      `SGPU_CP_CYCLES_LO_OFFSET:  expect_cp = cyc64[31:0];   // the counter in the read's cycle
      `SGPU_CP_CYCLES_HI_OFFSET:  expect_cp = m_cyc_hi;
      `SGPU_CP_CTRL_DB_CYCLE_LO_OFFSET: expect_cp = m_ctrl_db[31:0];
      `SGPU_CP_CTRL_DB_CYCLE_HI_OFFSET: expect_cp = m_ctrl_db_hi;
      default:                    expect_cp = (a >= DESC0 && a < DESC0 + 16 && a[1:0] == 2'd0)
                                              ? m_desc[(a - DESC0) / 4] : 32'd0;
    endcase
  endfunction

  // A write to the CTX window; returns the doorbell bit it rings.
  task automatic model_ctx_write(input [11:0] a, input [31:0] d, input [3:0] be,
                                 inout [31:0] rung);
    integer i;
    reg [11:0] off;
    begin
      i = a / STRIDE; off = a % STRIDE;
      if (i < N && is_rw(off))
        m_reg[i][off / 4] = merge(m_reg[i][off / 4], d, be) &
                            (off == ENGINE ? 32'h1 : 32'hFFFF_FFFF);
      if (i < N && off == DOORBELL && be != 4'd0) begin
        m_reg[i][TAIL / 4] = merge(m_reg[i][TAIL / 4], d, be);
        rung[i] = 1'b1;
      end
    end
  endtask

  // ---------------------------------------------------------------- one cycle, both ports
  // Per port: v (valid), cp (CP window, else CTX), we, be, address, data. The reads seen.
  reg [31:0] got_c, got_h, got_sc, got_sh;   // what each port read (got_s*: the small build)
  integer    races = 0;        // cycles where a clear and a doorbell hit the same context
  // The inputs of the next cycle, for the one process that runs cycles (run_cycle):
  // (a timed task is copied into each of its call sites, so step() only hands over).
  reg        q_cv, q_ccp, q_cwe, q_hv, q_hcp, q_hwe;
  reg [3:0]  q_cbe, q_hbe;
  reg [11:0] q_ca, q_ha;
  reg [31:0] q_cd, q_hd;
  reg        cycle_req = 1'b0;
  event      cycle_done;
  task automatic step(input cv, input ccp, input cwe, input [3:0] cbe, input [11:0] ca,
                      input [31:0] cd,
                      input hv, input hcp, input hwe, input [3:0] hbe, input [11:0] ha,
                      input [31:0] hd);
    begin
      q_cv = cv; q_ccp = ccp; q_cwe = cwe; q_cbe = cbe; q_ca = ca; q_cd = cd;
      q_hv = hv; q_hcp = hcp; q_hwe = hwe; q_hbe = hbe; q_ha = ha; q_hd = hd;
      cycle_req = ~cycle_req;
      @(cycle_done);
    end
  endtask

  always @(cycle_req) begin : run_cycle
    reg [31:0] rung, cleared;
    @(negedge clk);
    c_ctx = q_cv & ~q_ccp; c_cp = q_cv & q_ccp; c_we = q_cwe; c_be = q_cbe; c_addr = q_ca; c_wdata = q_cd;
    h_ctx = q_hv & ~q_hcp; h_cp = q_hv & q_hcp; h_we = q_hwe; h_be = q_hbe; h_addr = q_ha; h_wdata = q_hd;
    #1;
    got_c = c_rdata; got_h = h_rdata; got_sc = s_c_rdata; got_sh = s_h_rdata;
    check("firmware read", got_c, (q_cv && !q_cwe) ? (q_ccp ? expect_cp(q_ca) : expect_ctx(q_ca)) : 32'd0);
    check("host read", got_h, (q_hv && !q_hwe) ? (q_hcp ? expect_cp(q_ha) : expect_ctx(q_ha)) : 32'd0);
    // The model's edge: the firmware's write, the host's, then the pending bits.
    rung = 32'd0; cleared = 32'd0;
    if (q_cv && q_cwe && !q_ccp) model_ctx_write(q_ca, q_cd, q_cbe, rung);
    if (q_cv && q_cwe && q_ccp && q_ca == DB_CLEAR) cleared = merge(32'd0, q_cd, q_cbe);
    if (q_hv && q_hwe && !q_hcp) model_ctx_write(q_ha, q_hd, q_hbe, rung);
    if ((cleared & rung & m_pend) != 32'd0) races = races + 1;
    m_pend = (m_pend & ~cleared) | rung;
    if ((q_cv && !q_cwe && q_ccp && q_ca == `SGPU_CP_DB_CYCLE_LO_OFFSET) ||
        (q_hv && !q_hwe && q_hcp && q_ha == `SGPU_CP_DB_CYCLE_LO_OFFSET)) m_db_hi = m_db_cycle[63:32];
    if ((q_cv && !q_cwe && q_ccp && q_ca == `SGPU_CP_CYCLES_LO_OFFSET) ||
        (q_hv && !q_hwe && q_hcp && q_ha == `SGPU_CP_CYCLES_LO_OFFSET)) m_cyc_hi = cyc64[63:32];
    if (rung != 32'd0) m_db_cycle = cyc64;
    // CP words: the firmware's write, then the host's; the control doorbell after the clear.
    if (q_cv && q_cwe && q_ccp && q_ca >= DESC0 && q_ca < DESC0 + 16 && q_ca[1:0] == 2'd0)
      m_desc[(q_ca - DESC0) / 4] = merge(m_desc[(q_ca - DESC0) / 4], q_cd, q_cbe);
    if (q_hv && q_hwe && q_hcp && q_ha >= DESC0 && q_ha < DESC0 + 16 && q_ha[1:0] == 2'd0)
      m_desc[(q_ha - DESC0) / 4] = merge(m_desc[(q_ha - DESC0) / 4], q_hd, q_hbe);
    if (q_cv && q_cwe && q_ccp && q_ca == CTRL_PEND && q_cbe[0] && q_cd[0]) m_ctrl_pend = 1'b0;
    if (q_cv && q_cwe && q_ccp && q_ca == CTRL_PEND && q_cbe[0] && q_cd[1]) m_ctrl_new = 1'b0;
    if (q_cv && q_cwe && q_ccp && q_ca == CTRL_PEND && q_cbe[0] && q_cd[2]) m_event_new = 1'b0;
    // a CTRL_DESC write (either port, any byte) after the clear: it is kept
    if ((q_cv && q_cwe && q_ccp && q_cbe != 4'd0 && (q_ca == DESC0 || q_ca == DESC0 + 4)) ||
        (q_hv && q_hwe && q_hcp && q_hbe != 4'd0 && (q_ha == DESC0 || q_ha == DESC0 + 4)))
      m_ctrl_new = 1'b1;
    // an EVENT_DESC write likewise
    if ((q_cv && q_cwe && q_ccp && q_cbe != 4'd0 && (q_ca == DESC0 + 8 || q_ca == DESC0 + 12)) ||
        (q_hv && q_hwe && q_hcp && q_hbe != 4'd0 && (q_ha == DESC0 + 8 || q_ha == DESC0 + 12)))
      m_event_new = 1'b1;
    // CTRL_HEAD: the whole word of the doorbell; the host's wins a race
    if (q_hv && q_hwe && q_hcp && q_ha == CTRL_DB && q_hbe != 4'd0) m_ctrl_head = q_hd;
    else if (q_cv && q_cwe && q_ccp && q_ca == CTRL_DB && q_cbe != 4'd0) m_ctrl_head = q_cd;
    if ((q_cv && !q_cwe && q_ccp && q_ca == `SGPU_CP_CTRL_DB_CYCLE_LO_OFFSET) ||
        (q_hv && !q_hwe && q_hcp && q_ha == `SGPU_CP_CTRL_DB_CYCLE_LO_OFFSET))
      m_ctrl_db_hi = m_ctrl_db[63:32];
    if ((q_cv && q_cwe && q_ccp && q_ca == CTRL_DB && q_cbe != 4'd0) ||
        (q_hv && q_hwe && q_hcp && q_ha == CTRL_DB && q_hbe != 4'd0)) begin
      m_ctrl_pend = 1'b1;
      m_ctrl_db = cyc64;
    end
    @(posedge clk); #1;
    c_ctx = 1'b0; c_cp = 1'b0; c_we = 1'b0;
    h_ctx = 1'b0; h_cp = 1'b0; h_we = 1'b0;
    check("pending bits", {{(32 - N){1'b0}}, dut.pend_q}, m_pend);
    check("db_pending_o", {31'd0, irq}, {31'd0, m_pend != 32'd0 || m_ctrl_pend});
    -> cycle_done;
  end

  // One port alone.
  task automatic wr(input integer port, input cp, input [11:0] a, input [31:0] d, input [3:0] be);
    reg h;
    begin
      h = port == HOST;
      step(!h, cp, 1, h ? 4'h0 : be, h ? 12'h0 : a, h ? 32'd0 : d,
           h, cp, 1, h ? be : 4'h0, h ? a : 12'h0, h ? d : 32'd0);
    end
  endtask
  task automatic rd(input integer port, input cp, input [11:0] a);   // checked by step
    reg h;
    begin
      h = port == HOST;
      step(!h, cp, 0, 4'hF, h ? 12'h0 : a, 32'd0, h, cp, 0, 4'hF, h ? a : 12'h0, 32'd0);
    end
  endtask

  // Every word of every instance the window holds (and the CP block), from both ports.
  // (Its body runs in one server process: the caller triggers check_all_go and waits for
  // check_all_done, in the same time step.)
  event check_all_go, check_all_done;
  task automatic check_all;
    -> check_all_go;
    @(check_all_done);
  endtask
  always @(check_all_go) begin
    check_all_body;
    -> check_all_done;
  end
  task automatic check_all_body;
    integer i, off, errs;
    begin
      errs = errors;
      for (i = 0; i < n_slots; i = i + 1)
        for (off = 0; off < stride_bytes; off = off + 4) begin
          rd(HOST, 0, ctx_addr(i, off[11:0]));
          rd(CORE, 0, ctx_addr(i, off[11:0]));
        end
      for (off = 0; off < cp_bytes; off = off + 4) begin
        rd(HOST, 1, off[11:0]); rd(CORE, 1, off[11:0]);
      end
      rd(HOST, 1, 12'hFFC);
      // The engines' views of every context (and of a context the build lacks: zeros).
      for (i = 0; i < n_views; i = i + 1) begin
        e_ctx = {i[4:0], 5'(31 - i)}; #1;
        check_view(0, 31 - i); check_view(1, i);
      end
      if (errors != errs) $display("    ... in a sweep of every register");
    end
  endtask

  task automatic check_view(input integer e, input integer i);
    begin
      check("engine view: ring base lo", e_base[64*e +: 32], i < N ? m_reg[i][0] : 32'd0);
      check("engine view: ring base hi", e_base[64*e+32 +: 32], i < N ? m_reg[i][1] : 32'd0);
      check("engine view: ring size", e_size[32*e +: 32], i < N ? m_reg[i][2] : 32'd0);
      check("engine view: tail", e_tail[32*e +: 32], i < N ? m_reg[i][TAIL / 4] : 32'd0);
      check("engine view: save lo", e_save[64*e +: 32],
            i < N ? m_reg[i][`SGPU_CTX_SAVE_ADDR_LO_OFFSET / 4] : 32'd0);
      check("engine view: save hi", e_save[64*e+32 +: 32],
            i < N ? m_reg[i][`SGPU_CTX_SAVE_ADDR_HI_OFFSET / 4] : 32'd0);
    end
  endtask

  task automatic reset_all;
    begin
      @(negedge clk); rst_n = 1'b0;
      @(negedge clk); @(negedge clk); rst_n = 1'b1;
      model_reset;
    end
  endtask

  // ---------------------------------------------------------------- randomness
  reg [31:0] rng;   // xorshift32, seeded from +seed
  function automatic [31:0] rnd(input integer dummy);
    begin
      rng = rng ^ (rng << 13); rng = rng ^ (rng >> 17); rng = rng ^ (rng << 5);
      rnd = rng;
    end
  endfunction

  // ---------------------------------------------------------------- the tests
  integer seed, i, k, off, port, errs;
  reg [31:0] v, sv;

  // The hammer's state.
  localparam integer HAMMER_CYCLES = 40000;
  reg [31:0] host_tail [0:N-1];   // the latest tail the host rang, per context
  reg [31:0] fw_tail [0:N-1];     // the latest tail the firmware read, per context
  integer    doorbells, fw_rounds, fw_reads, fw_state, fw_stall, fw_ctx, cyc;
  reg [31:0] fw_bits;
  reg        hv, hwe, cv, ccp, cwe;
  reg [11:0] ha, ca;
  reg [31:0] hd, cd;
  reg [3:0]  hbe;
  localparam integer FW_IDLE = 0, FW_READ = 1, FW_CLEAR = 2, FW_TAIL = 3;

  initial begin
    if (!$value$plusargs("seed=%d", seed)) seed = 1;
    $display("ctx_regs_tb: seed %0d", seed);
    rng = seed == 0 ? 32'h1234_5678 : seed;
    model_reset;
    repeat (3) @(negedge clk);
    rst_n = 1'b1;

    // Reset values, everywhere; the advertised array; the smaller build's count.
    check_all;
    check("CTX_OFFSET is CTX's BAR0 base", expect_cp(`SGPU_CP_CTX_OFFSET_OFFSET), `SGPU_CTX_BAR0_BASE);
    rd(CORE, 1, `SGPU_CP_CTX_COUNT_OFFSET);
    check("small build: CTX_COUNT", got_sc, NS);
    check("after reset: no interrupt", {31'd0, irq | s_irq}, 32'd0);

    // Every register of every instance, from the host then the firmware, all written
    // before any is read back, so that an aliased instance or register shows.
    for (port = HOST; port >= CORE; port = port - 1) begin
      for (i = 0; i < n_ctx; i = i + 1)
        for (off = 0; off <= rw_last; off = off + 4)
          wr(port, 0, ctx_addr(i, off[11:0]), rnd(0), 4'hF);
      check_all;
    end
    // All ones and all zeros read back within the field bits (ENGINE keeps bit 0 only).
    for (k = 0; k < 2; k = k + 1) begin
      for (i = 0; i < n_ctx; i = i + 1)
        for (off = 0; off <= rw_last; off = off + 4)
          wr(HOST, 0, ctx_addr(i, off[11:0]), k == 0 ? 32'hFFFF_FFFF : 32'd0, 4'hF);
      check_all;
    end
    rd(HOST, 0, ctx_addr(15, ENGINE));

    // Byte enables, every pattern, on a few registers from each port.
    for (k = 0; k < n_be_patterns; k = k + 1) begin
      wr(HOST, 0, ctx_addr(3, `SGPU_CTX_RING_SIZE_OFFSET), rnd(0), k[3:0]);
      rd(CORE, 0, ctx_addr(3, `SGPU_CTX_RING_SIZE_OFFSET));
      wr(CORE, 0, ctx_addr(12, `SGPU_CTX_FENCE_ADDR_HI_OFFSET), rnd(0), k[3:0]);
      rd(HOST, 0, ctx_addr(12, `SGPU_CTX_FENCE_ADDR_HI_OFFSET));
      wr(CORE, 0, ctx_addr(7, ENGINE), rnd(0), k[3:0]);
      rd(HOST, 0, ctx_addr(7, ENGINE));
    end

    // Stride decode: instances past CTX_COUNT, holes and read-only registers ignore every
    // write (and ring nothing); DB_CLEAR from the host does nothing; the CP block's
    // read-only registers stay.
    for (i = n_ctx; i < n_slots; i = i + 1)
      for (off = 0; off < stride_bytes; off = off + 4) begin
        wr(HOST, 0, ctx_addr(i, off[11:0]), rnd(0), 4'hF);
        wr(CORE, 0, ctx_addr(i, off[11:0]), rnd(0), 4'hF);
      end
    for (i = 0; i < n_ctx; i = i + 1) begin
      wr(HOST, 0, ctx_addr(i, TAIL), rnd(0), 4'hF);
      wr(CORE, 0, ctx_addr(i, TAIL), rnd(0), 4'hF);
      for (off = TAIL + 4; off < stride_bytes; off = off + 4)
        wr(i % 2 ? HOST : CORE, 0, ctx_addr(i, off[11:0]), rnd(0), 4'hF);
    end
    for (off = 0; off < 'h20; off = off + 4)
      if (off != DB_CLEAR) begin
        wr(HOST, 1, off[11:0], rnd(0), 4'hF);
        wr(CORE, 1, off[11:0], rnd(0), 4'hF);
      end
    check_all;

    // Doorbells: set, coalesce (one bit, latest tail), byte enables, the firmware's own.
    errs = errors;
    wr(HOST, 0, ctx_addr(2, DOORBELL), 32'h100, 4'hF);
    rd(CORE, 1, DB_PEND); check("one doorbell", got_c, 32'h4);
    rd(CORE, 0, ctx_addr(2, TAIL)); check("its tail", got_c, 32'h100);
    rd(HOST, 1, `SGPU_CP_DB_CYCLE_LO_OFFSET); v = got_h;
    rd(HOST, 1, `SGPU_CP_DB_CYCLE_HI_OFFSET);
    check("DB_CYCLE: the high half", got_h, m_db_cycle[63:32]);
    check("DB_CYCLE: a cycle past 2^32", {31'd0, got_h != 32'd0}, 32'd1);
    check("DB_CYCLE: the doorbell's cycle", v, m_db_cycle[31:0]);
    // CTRL_DB_CYCLE: the control doorbell's cycle, HI latched by the read of LO.
    wr(HOST, 1, CTRL_DB, 32'd0, 4'h1);
    rd(HOST, 1, `SGPU_CP_CTRL_DB_CYCLE_LO_OFFSET); v = got_h;
    rd(CORE, 1, `SGPU_CP_CTRL_DB_CYCLE_HI_OFFSET);
    check("CTRL_DB_CYCLE: the doorbell's cycle", v, m_ctrl_db[31:0]);
    check("CTRL_DB_CYCLE: a doorbell was seen", {31'd0, m_ctrl_db != 64'd0}, 32'd1);
    check("CTRL_DB_CYCLE: the high half", got_c, m_ctrl_db[63:32]);
    wr(CORE, 1, CTRL_PEND, 32'd1, 4'h1);   // as the firmware would: nothing pending after
    // CYCLES: LO is the counter; HI is the high half as it was when LO was read, also after
    // the low half has wrapped in between.
    @(negedge clk); cyc64 = 64'h0000_0005_FFFF_FFFC;
    rd(CORE, 1, `SGPU_CP_CYCLES_LO_OFFSET); v = got_c;
    repeat (8) @(negedge clk);
    rd(CORE, 1, `SGPU_CP_CYCLES_HI_OFFSET);
    check("CYCLES: LO just below the wrap", {31'd0, v >= 32'hFFFF_FFFC}, 32'd1);
    check("CYCLES: HI latched by LO", got_c, 32'h5);
    check("CYCLES: the counter has wrapped since", cyc64[63:32], 32'h6);
    rd(HOST, 1, `SGPU_CP_CYCLES_LO_OFFSET);
    rd(HOST, 1, `SGPU_CP_CYCLES_HI_OFFSET);
    check("CYCLES: HI after a new LO read", got_h, 32'h6);
    wr(HOST, 0, ctx_addr(2, DOORBELL), 32'h180, 4'hF);
    wr(HOST, 0, ctx_addr(5, DOORBELL), 32'h40, 4'hF);
    wr(HOST, 0, ctx_addr(2, DOORBELL), 32'h1C0, 4'hF);
    rd(CORE, 1, DB_PEND); check("coalesced", got_c, 32'h24);
    rd(CORE, 0, ctx_addr(2, TAIL)); check("coalesced: latest tail", got_c, 32'h1C0);
    wr(HOST, 0, ctx_addr(5, DOORBELL), 32'hAABB_CCDD, 4'b0010);
    rd(HOST, 0, ctx_addr(5, TAIL)); check("doorbell byte enables", got_h, 32'h0000_CC40);
    wr(HOST, 0, ctx_addr(9, DOORBELL), 32'h80, 4'h0);      // no byte: no ring
    rd(CORE, 1, DB_PEND); check("no byte, no doorbell", got_c, 32'h24);
    wr(CORE, 0, ctx_addr(9, DOORBELL), 32'h80, 4'hF);      // the firmware rings too
    rd(HOST, 1, DB_PEND); check("firmware doorbell, host reads", got_h, 32'h224);
    // DB_CLEAR: ignored from the host; write-1-to-clear by enabled bytes from the firmware.
    wr(HOST, 1, DB_CLEAR, 32'hFFFF_FFFF, 4'hF);
    rd(CORE, 1, DB_PEND); check("host DB_CLEAR ignored", got_c, 32'h224);
    wr(CORE, 1, DB_CLEAR, 32'hFFFF_FFFF, 4'b0001);
    rd(CORE, 1, DB_PEND); check("clear by byte 0", got_c, 32'h200);
    wr(CORE, 1, DB_CLEAR, 32'h0000_0000, 4'hF);
    rd(CORE, 1, DB_PEND); check("clear of nothing", got_c, 32'h200);
    wr(CORE, 1, DB_CLEAR, 32'h0000_0200, 4'hF);
    rd(CORE, 1, DB_PEND); check("all clear", got_c, 32'h0);
    check("all clear: tails stay", m_reg[2][TAIL / 4], 32'h1C0);
    rd(HOST, 0, ctx_addr(2, TAIL));
    // Both ports ring one context in one cycle: the host's tail; two contexts: both.
    step(1, 0, 1, 4'hF, ctx_addr(6, DOORBELL), 32'h600, 1, 0, 1, 4'hF, ctx_addr(6, DOORBELL), 32'h660);
    rd(CORE, 0, ctx_addr(6, TAIL)); check("two doorbells, one context: the host's", got_c, 32'h660);
    step(1, 0, 1, 4'hF, ctx_addr(7, DOORBELL), 32'h700, 1, 0, 1, 4'hF, ctx_addr(8, DOORBELL), 32'h800);
    rd(CORE, 1, DB_PEND); check("two doorbells, two contexts", got_c, 32'h1C0);
    rd(CORE, 0, ctx_addr(7, TAIL)); rd(CORE, 0, ctx_addr(8, TAIL));
    // Both ports write one register in one cycle: the host's bytes win, the others merge.
    step(1, 0, 1, 4'hF, ctx_addr(4, `SGPU_CTX_RING_BASE_LO_OFFSET), 32'h1111_1111,
         1, 0, 1, 4'b0101, ctx_addr(4, `SGPU_CTX_RING_BASE_LO_OFFSET), 32'h2222_2222);
    rd(HOST, 0, ctx_addr(4, `SGPU_CTX_RING_BASE_LO_OFFSET));
    check("same-cycle writes: the host's bytes", got_h, 32'h1122_1122);
    if (errors != errs) $display("    ... in the doorbell tests");

    // The race: a doorbell in the cycle that clears its bit leaves it set (pending before
    // or not), while the clear still clears the other bits it names.
    errs = errors;
    wr(CORE, 1, DB_CLEAR, 32'hFFFF_FFFF, 4'hF);
    wr(HOST, 0, ctx_addr(3, DOORBELL), 32'h30, 4'hF);
    wr(HOST, 0, ctx_addr(4, DOORBELL), 32'h40, 4'hF);
    step(1, 1, 1, 4'hF, DB_CLEAR, 32'h18, 1, 0, 1, 4'hF, ctx_addr(3, DOORBELL), 32'h38);
    rd(CORE, 1, DB_PEND); check("race: bit 3 set, bit 4 cleared", got_c, 32'h8);
    rd(CORE, 0, ctx_addr(3, TAIL)); check("race: the new tail", got_c, 32'h38);
    step(1, 1, 1, 4'hF, DB_CLEAR, 32'h40, 1, 0, 1, 4'hF, ctx_addr(6, DOORBELL), 32'h6C0);
    rd(CORE, 1, DB_PEND); check("race on a bit not pending", got_c, 32'h48);
    check("races seen", races, 1);
    if (errors != errs) $display("    ... in the race tests");

    // Ring descriptors and the control doorbell.
    errs = errors;
    for (k = 0; k < 4; k = k + 1) begin
      wr(HOST, 1, DESC0 + 12'(4 * k), rnd(0), 4'hF);
      wr(CORE, 1, DESC0 + 12'(4 * k), rnd(0), 4'(k + 5));
    end
    step(1, 1, 1, 4'hF, DESC0, 32'h1111_1111, 1, 1, 1, 4'b0110, DESC0, 32'h2222_2222);
    check("descriptor race: the host's bytes", m_desc[0][23:8], 16'h2222);
    check_all;
    rd(CORE, 1, CTRL_PEND); check("descriptors written: DESC and EVENT_DESC, no control doorbell", got_c, 32'd6);
    wr(CORE, 1, CTRL_PEND, 32'd2, 4'h1);
    rd(CORE, 1, CTRL_PEND); check("firmware clears DESC alone", got_c, 32'd4);
    wr(CORE, 1, CTRL_PEND, 32'd4, 4'h1);
    rd(CORE, 1, CTRL_PEND); check("firmware clears EVENT_DESC", got_c, 32'd0);
    wr(HOST, 1, DESC0 + 12'd8, 32'h40, 4'hF);
    rd(CORE, 1, CTRL_PEND); check("the event ring's descriptor sets EVENT_DESC, not DESC", got_c, 32'd4);
    step(1, 1, 1, 4'h1, CTRL_PEND, 32'd4, 1, 1, 1, 4'h2, DESC0 + 12'd12, 32'h100);
    rd(CORE, 1, CTRL_PEND); check("EVENT_DESC race: the descriptor write wins", got_c, 32'd4);
    wr(CORE, 1, CTRL_PEND, 32'd4, 4'h1);
    rd(HOST, 1, CTRL_PEND); check("EVENT_DESC cleared", got_h, 32'd0);
    wr(HOST, 1, DESC0 + 12'd4, 32'h1, 4'h8);
    rd(HOST, 1, CTRL_PEND); check("CTRL_DESC_HI's byte 3 sets DESC", got_h, 32'd2);
    step(1, 1, 1, 4'h1, CTRL_PEND, 32'd2, 1, 1, 1, 4'h1, DESC0, 32'h80);
    rd(CORE, 1, CTRL_PEND); check("DESC race: the descriptor write wins", got_c, 32'd2);
    wr(CORE, 1, CTRL_PEND, 32'd2, 4'h1);
    wr(HOST, 1, CTRL_DB, 32'h1234_5678, 4'b1000);
    rd(HOST, 1, CTRL_PEND); check("control doorbell", got_h, 32'd1);
    rd(CORE, 1, CTRL_HEAD); check("CTRL_HEAD: the doorbell's word", got_c, 32'h1234_5678);
    step(1, 1, 1, 4'hF, CTRL_DB, 32'h5, 1, 1, 1, 4'hF, CTRL_DB, 32'h7);
    rd(HOST, 1, CTRL_HEAD); check("CTRL_HEAD race: the host's word", got_h, 32'h7);
    wr(HOST, 1, CTRL_HEAD, 32'h99, 4'hF);
    rd(HOST, 1, CTRL_HEAD); check("CTRL_HEAD is read-only", got_h, 32'h7);
    check("control doorbell interrupts", {31'd0, irq}, 32'd1);
    wr(HOST, 1, CTRL_PEND, 32'd1, 4'hF);
    rd(CORE, 1, CTRL_PEND); check("the host cannot clear it", got_c, 32'd1);
    wr(CORE, 1, CTRL_PEND, 32'd0, 4'hF);
    rd(CORE, 1, CTRL_PEND); check("writing 0 keeps it", got_c, 32'd1);
    wr(CORE, 1, CTRL_PEND, 32'd1, 4'hE);
    rd(CORE, 1, CTRL_PEND); check("byte 0 not enabled keeps it", got_c, 32'd1);
    wr(CORE, 1, CTRL_PEND, 32'd1, 4'h1);
    rd(CORE, 1, CTRL_PEND); check("firmware clears it", got_c, 32'd0);
    step(1, 1, 1, 4'hF, CTRL_PEND, 32'd1, 1, 1, 1, 4'hF, CTRL_DB, 32'd0);
    rd(CORE, 1, CTRL_PEND); check("control race: the doorbell wins", got_c, 32'd1);
    wr(CORE, 1, CTRL_PEND, 32'd1, 4'h1);
    wr(HOST, 1, CTRL_DB, 32'd0, 4'h0);
    rd(CORE, 1, CTRL_PEND); check("no byte, no control doorbell", got_c, 32'd0);
    wr(CORE, 1, CTRL_DB, 32'd0, 4'h1);
    rd(CORE, 1, CTRL_PEND); check("the firmware's control doorbell", got_c, 32'd1);
    wr(CORE, 1, CTRL_PEND, 32'd1, 4'h1);
    if (errors != errs) $display("    ... in the descriptor and control doorbell tests");

    // The smaller build: contexts 5 and up do not exist there.
    reset_all;
    wr(HOST, 0, ctx_addr(7, DOORBELL), 32'h70, 4'hF);
    wr(HOST, 0, ctx_addr(4, DOORBELL), 32'h40, 4'hF);
    wr(HOST, 0, ctx_addr(NS, `SGPU_CTX_RING_SIZE_OFFSET), 32'h1000, 4'hF);
    rd(CORE, 1, DB_PEND);
    check("small build: DB_PENDING", got_sc, 32'h10);
    check("small build: interrupt", {31'd0, s_irq}, 32'd1);
    rd(HOST, 0, ctx_addr(7, TAIL)); check("small build: no context 7", got_sh, 32'd0);
    rd(HOST, 0, ctx_addr(NS, `SGPU_CTX_RING_SIZE_OFFSET));
    check("small build: no context 5", got_sh, 32'd0);
    rd(HOST, 0, ctx_addr(4, TAIL)); check("small build: context 4", got_sh, 32'h40);
    wr(CORE, 1, DB_CLEAR, 32'hFFFF_FFFF, 4'hF);
    check("small build: cleared", {31'd0, s_irq}, 32'd0);

    // ------------------------------------------------------------ the hammer
    // The host rings a doorbell in 3 cycles out of 4 (half of them on contexts 0-3, so
    // that doorbells coalesce), with tails that only grow; now and then it writes another
    // register or reads a tail. The model firmware, slower: read DB_PENDING, clear what it
    // saw, read each of those tails, rest a few cycles. Every read is checked against the
    // model by step(); at the end, once drained, the firmware must have seen every
    // context's latest tail.
    reset_all;
    errs = errors;
    races = 0;
    for (i = 0; i < N; i = i + 1) begin host_tail[i] = 32'd0; fw_tail[i] = 32'd0; end
    doorbells = 0; fw_rounds = 0; fw_reads = 0;
    fw_state = FW_READ; fw_stall = 0; fw_bits = 32'd0; fw_ctx = 0;
    for (cyc = 0; cyc < HAMMER_CYCLES + 2000; cyc = cyc + 1) begin
      // The host.
      hv = 1'b0; hwe = 1'b0; ha = 12'h0; hd = 32'd0; hbe = 4'hF;
      v = rnd(0);
      if (cyc < HAMMER_CYCLES) begin
        i = (v[31] ? v[27:24] % 4 : v[27:24] % N);
        if (v[1:0] != 2'd0) begin
          host_tail[i] = host_tail[i] + 8 * (1 + v[5:2]);
          hv = 1'b1; hwe = 1'b1; ha = ctx_addr(i, DOORBELL); hd = host_tail[i];
          doorbells = doorbells + 1;
        end else if (v[3:2] == 2'd0) begin
          hv = 1'b1; hwe = 1'b1; ha = ctx_addr(i, {v[13:11], 2'b00}); hd = rnd(0);
        end else if (v[3:2] == 2'd1) begin
          hv = 1'b1; ha = ctx_addr(i, TAIL);
        end
      end
      // The firmware.
      cv = 1'b0; ccp = 1'b0; cwe = 1'b0; ca = 12'h0; cd = 32'd0;
      case (fw_state)
        FW_READ:  begin cv = 1'b1; ccp = 1'b1; ca = DB_PEND; end
        FW_CLEAR: begin cv = 1'b1; ccp = 1'b1; cwe = 1'b1; ca = DB_CLEAR; cd = fw_bits; end
        FW_TAIL:  begin cv = 1'b1; ca = ctx_addr(fw_ctx, TAIL); end
        default:  ;
      endcase
      step(cv, ccp, cwe, 4'hF, ca, cd, hv, 1'b0, hwe, hbe, ha, hd);
      case (fw_state)
        FW_READ:
          if (got_c != 32'd0) begin fw_bits = got_c; fw_state = FW_CLEAR; fw_rounds = fw_rounds + 1; end
          else if (cyc >= HAMMER_CYCLES) cyc = HAMMER_CYCLES + 2000;   // drained
          else begin fw_state = FW_IDLE; fw_stall = rnd(0) % 4; end
        FW_CLEAR: begin
          fw_state = FW_TAIL;
          for (k = N - 1; k >= 0; k = k - 1) if (fw_bits[k]) fw_ctx = k;
        end
        FW_TAIL: begin
          if (got_c < fw_tail[fw_ctx]) check("hammer: a tail went back", got_c, fw_tail[fw_ctx]);
          fw_tail[fw_ctx] = got_c; fw_reads = fw_reads + 1;
          fw_bits[fw_ctx] = 1'b0;
          if (fw_bits == 32'd0) begin fw_state = FW_IDLE; fw_stall = rnd(0) % 16; end
          else for (k = N - 1; k >= 0; k = k - 1) if (fw_bits[k]) fw_ctx = k;
        end
        default:
          if (fw_stall == 0) fw_state = FW_READ; else fw_stall = fw_stall - 1;
      endcase
    end
    check("hammer: drained", m_pend, 32'd0);
    for (i = 0; i < N; i = i + 1)
      check("hammer: the firmware saw the latest tail", fw_tail[i], host_tail[i]);
    // The run must have exercised what it is for.
    // The firmware read fewer tails than the host rang: doorbells coalesced, many of them.
    check("hammer: doorbells coalesced", {31'd0, fw_reads < doorbells * 3 / 4}, 32'd1);
    check("hammer: clear/doorbell races happened", {31'd0, races > 0}, 32'd1);
    $display("ctx_regs_tb: hammer: %0d doorbells, %0d firmware rounds, %0d tails read, %0d races",
             doorbells, fw_rounds, fw_reads, races);
    if (errors != errs) $display("    ... in the hammer (seed %0d)", seed);

    if (errors == 0) $display("PASS ctx_regs");
    else $display("FAIL ctx_regs: %0d errors", errors);
    $finish;
  end

  initial begin
    #20000000;
    $display("FAIL ctx_regs: timeout");
    $finish;
  end
endmodule

`default_nettype wire
