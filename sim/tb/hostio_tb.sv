// Self-checking testbench for hostio: registers, READ, WRITE and MSI against endpoint port models.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sgpu_regs.vh"

// The DMA read and write clients and the MSI port are connected to models with random
// stalls, read latency, gaps between read beats, write back-pressure, wr_done delay and ack
// delay (+seed=N, default 1, printed). A model of the registers says what every read must
// return. Checked: reset values and access rules (byte enables, read-only STATUS, write-only
// CMD, holes), READ and WRITE of every legal length with random bytes and addresses, the one
// request each makes (address, length, beats), BAD_ARGS with nothing issued, link errors
// (codes 1..3) in STATUS.ERROR with the beats before the error landed and no later word
// touched, BUSY while an action runs, register writes and CMD ignored while BUSY, WRITE not
// done before its wr_done, MSI with its vector and done at its acknowledgement.
module hostio_tb;
  localparam [11:0] R_ADDR_LO = `SGPU_HOSTIO_ADDR_LO_OFFSET;
  localparam [11:0] R_ADDR_HI = `SGPU_HOSTIO_ADDR_HI_OFFSET;
  localparam [11:0] R_LENGTH  = `SGPU_HOSTIO_LENGTH_OFFSET;
  localparam [11:0] R_CMD     = `SGPU_HOSTIO_CMD_OFFSET;
  localparam [11:0] R_STATUS  = `SGPU_HOSTIO_STATUS_OFFSET;
  localparam [11:0] R_DATA0   = `SGPU_HOSTIO_DATA0_OFFSET;
  localparam [1:0]  OP_NONE = `SGPU_HOSTIO_CMD_OP_NONE, OP_READ = `SGPU_HOSTIO_CMD_OP_READ,
                    OP_WRITE = `SGPU_HOSTIO_CMD_OP_WRITE, OP_MSI = `SGPU_HOSTIO_CMD_OP_MSI;
  localparam [2:0]  E_NONE = `SGPU_HOSTIO_STATUS_ERROR_NONE, E_BAD = `SGPU_HOSTIO_STATUS_ERROR_BAD_ARGS;
  localparam integer NO_ERR = -1;

  reg         clk = 1'b0;
  reg         rst_n = 1'b0;
  reg         req = 1'b0, we = 1'b0;
  reg  [3:0]  be = 4'h0;
  reg  [11:0] addr = 12'h0;
  reg  [31:0] wdata = 32'd0;
  wire [31:0] rdata;
  wire        rd_req_valid, rd_data_ready, wr_req_valid, wr_data_valid, msi_req;
  reg         rd_req_ready = 1'b0, rd_data_valid = 1'b0, rd_data_last = 1'b0, rd_data_err = 1'b0;
  reg  [1:0]  rd_err_code = 2'd0;
  reg  [63:0] rd_data = 64'd0;
  wire [63:0] rd_req_addr, wr_req_addr, wr_data;
  wire [23:0] rd_req_len, wr_req_len;
  reg         wr_req_ready = 1'b0, wr_data_ready = 1'b0, wr_done = 1'b0, msi_ack = 1'b0;
  wire [4:0]  msi_vector;

  hostio dut (
    .clk_i(clk), .rst_ni(rst_n),
    .req_i(req), .we_i(we), .be_i(be), .addr_i(addr), .wdata_i(wdata), .rdata_o(rdata),
    .rd_req_valid_o(rd_req_valid), .rd_req_ready_i(rd_req_ready), .rd_req_addr_o(rd_req_addr),
    .rd_req_len_o(rd_req_len), .rd_data_valid_i(rd_data_valid), .rd_data_ready_o(rd_data_ready),
    .rd_data_i(rd_data), .rd_data_last_i(rd_data_last), .rd_data_err_i(rd_data_err),
    .rd_err_code_i(rd_err_code),
    .wr_req_valid_o(wr_req_valid), .wr_req_ready_i(wr_req_ready), .wr_req_addr_o(wr_req_addr),
    .wr_req_len_o(wr_req_len), .wr_data_valid_o(wr_data_valid), .wr_data_ready_i(wr_data_ready),
    .wr_data_o(wr_data), .wr_done_i(wr_done),
    .msi_req_o(msi_req), .msi_vector_o(msi_vector), .msi_ack_i(msi_ack)
  );

  initial forever #5 clk = ~clk;

  integer errors = 0;
  task automatic check(input [8*64-1:0] what, input [63:0] got, input [63:0] want);
    if (got !== want) begin
      if (errors < 5) $display("FAIL hostio: %0s: got %0h, expected %0h (t=%0t)", what, got, want, $time);
      errors = errors + 1;
    end
  endtask

  // ---------------------------------------------------------------- the current action
  reg  [63:0] x_addr;
  reg  [31:0] x_len;
  reg  [63:0] x_words [0:7];         // host memory at x_addr (READ)
  integer     x_err_at = NO_ERR;     // READ beat that carries the error
  reg  [1:0]  x_err_code = 2'd0;
  integer     n_rd_req, n_wr_req, n_wr_beats, n_wr_done, n_msi;
  reg  [63:0] wr_got [0:7];
  reg  [4:0]  msi_vec_seen;
  // Endpoint behaviour.
  integer req_stall_pct = 0, rd_lat_max = 0, rd_gap_pct = 0, wr_stall_pct = 0, done_min = 1,
          done_max = 1, ack_max = 0, rd_lat_min = 0, ack_min = 0;

  // ---------------------------------------------------------------- read port model
  reg      rq_active = 1'b0, rq_holding = 1'b0;
  integer  rq_beats = 0, rq_sent = 0, rq_lat = 0;
  always @(negedge clk) begin
    if (!rst_n) begin
      rq_active = 1'b0; rq_holding = 1'b0; rd_req_ready = 1'b0; rd_data_valid = 1'b0;
    end else begin
      rd_req_ready = !rq_active && ($urandom % 100 >= req_stall_pct);
      if (!rq_holding) begin
        rd_data_valid = 1'b0; rd_data_last = $urandom; rd_data_err = $urandom; rd_err_code = $urandom;
        rd_data = {$urandom, $urandom};
        if (rq_active && rq_lat > 0) rq_lat = rq_lat - 1;
        else if (rq_active && ($urandom % 100 >= rd_gap_pct)) begin
          rd_data_valid = 1'b1; rq_holding = 1'b1;
          if (rq_sent == x_err_at) begin
            rd_data = 64'd0; rd_data_last = 1'b1; rd_data_err = 1'b1; rd_err_code = x_err_code;
          end else begin
            rd_data = x_words[rq_sent]; rd_data_last = rq_sent == rq_beats - 1;
            rd_data_err = 1'b0; rd_err_code = 2'd0;
          end
        end
      end
      #1;
      if (rd_req_valid && rd_req_ready) begin
        n_rd_req = n_rd_req + 1;
        check("read request address", rd_req_addr, x_addr);
        check("read request length", {40'd0, rd_req_len}, {32'd0, x_len});
        rq_active = 1'b1; rq_beats = rd_req_len / 8; rq_sent = 0; rq_lat = rd_lat_min + $urandom % (rd_lat_max - rd_lat_min + 1);
      end
      if (rd_data_valid && rq_holding && rd_data_ready) begin
        rq_sent = rq_sent + 1; rq_holding = 1'b0;
        if (rd_data_last) rq_active = 1'b0;
      end
    end
  end

  // ---------------------------------------------------------------- write port model
  reg      wq_active = 1'b0, wv_prev = 1'b0;
  integer  wq_beats = 0, wq_got = 0, wq_done_in = -1;
  reg [63:0] wd_prev;
  always @(negedge clk) begin
    if (!rst_n) begin
      wq_active = 1'b0; wq_done_in = -1; wv_prev = 1'b0;
      wr_req_ready = 1'b0; wr_data_ready = 1'b0; wr_done = 1'b0;
    end else begin
      wr_req_ready  = !wq_active && wq_done_in < 0 && ($urandom % 100 >= req_stall_pct);
      wr_data_ready = $urandom % 100 >= wr_stall_pct;
      wr_done = 1'b0;
      if (wq_done_in == 0) begin wr_done = 1'b1; wq_done_in = -1; end
      else if (wq_done_in > 0) wq_done_in = wq_done_in - 1;
      #1;
      if (wv_prev) begin
        check("write data withdrawn before taken", {63'd0, wr_data_valid}, 1);
        if (wr_data_valid) check("write data changed before taken", wr_data, wd_prev);
      end
      if (wr_done) n_wr_done = n_wr_done + 1;
      if (wr_req_valid && wr_req_ready) begin
        n_wr_req = n_wr_req + 1;
        check("write request address", wr_req_addr, x_addr);
        check("write request length", {40'd0, wr_req_len}, {32'd0, x_len});
        wq_active = 1'b1; wq_beats = wr_req_len / 8; wq_got = 0;
      end
      if (wr_data_valid && !wq_active) check("write data without a request", 0, 1);
      wv_prev = wr_data_valid && !wr_data_ready; wd_prev = wr_data;
      if (wr_data_valid && wr_data_ready && wq_active) begin
        wr_got[wq_got % 8] = wr_data;
        wq_got = wq_got + 1; n_wr_beats = n_wr_beats + 1;
        if (wq_got == wq_beats) begin
          wq_active = 1'b0; wq_done_in = done_min - 1 + $urandom % (done_max - done_min + 1);
        end
      end
    end
  end

  // ---------------------------------------------------------------- MSI port model
  integer msi_wait = -1;
  always @(negedge clk) begin
    msi_ack = 1'b0;
    if (rst_n && msi_req) begin
      if (msi_wait < 0) begin
        msi_wait = ack_min + $urandom % (ack_max - ack_min + 1); msi_vec_seen = msi_vector;
      end else if (msi_vector !== msi_vec_seen) check("MSI vector changed before the ack", msi_vector, msi_vec_seen);
      if (msi_wait == 0) begin
        msi_ack = 1'b1; n_msi = n_msi + 1; msi_wait = -1;
      end else msi_wait = msi_wait - 1;
    end else if (msi_wait >= 0) begin
      check("msi_req dropped before the ack", 0, 1); msi_wait = -1;
    end
  end

  // ---------------------------------------------------------------- registers and their model
  reg [31:0] m_lo, m_hi, m_len;
  reg [31:0] m_data [0:15];

  function automatic [31:0] merge(input [31:0] old, input [31:0] d, input [3:0] b);
    integer k;
    begin
      for (k = 0; k < 4; k = k + 1) merge[8*k +: 8] = b[k] ? d[8*k +: 8] : old[8*k +: 8];
    end
  endfunction

  task automatic write(input [11:0] a, input [31:0] d, input [3:0] b);
    @(negedge clk); req = 1'b1; we = 1'b1; addr = a; wdata = d; be = b;
    @(negedge clk); req = 1'b0; we = 1'b0; be = 4'h0; wdata = {$urandom};
  endtask
  task automatic read(input [11:0] a, output [31:0] d);
    @(negedge clk); req = 1'b1; we = 1'b0; addr = a; be = 4'hF; wdata = {$urandom};
    #1 d = rdata;
    @(negedge clk); req = 1'b0;
  endtask
  // A write the model follows (idle block).
  task automatic mwrite(input [11:0] a, input [31:0] d, input [3:0] b);
    write(a, d, b);
    if (a == R_ADDR_LO) m_lo = merge(m_lo, d, b);
    if (a == R_ADDR_HI) m_hi = merge(m_hi, d, b);
    if (a == R_LENGTH)  m_len = merge(m_len, d, b);
    if (a >= R_DATA0 && a < R_DATA0 + 12'h40) m_data[(a - R_DATA0) / 4] = merge(m_data[(a - R_DATA0) / 4], d, b);
  endtask

  function automatic [31:0] model_read(input [11:0] a);
    model_read = 32'd0;
    if (a == R_ADDR_LO) model_read = m_lo;
    if (a == R_ADDR_HI) model_read = m_hi;
    if (a == R_LENGTH)  model_read = m_len;
    if (a >= R_DATA0 && a < R_DATA0 + 12'h40) model_read = m_data[(a - R_DATA0) / 4];
  endfunction

  reg [31:0] v;
  // Every register but STATUS against the model, and the holes around them read 0.
  task automatic check_regs(input [8*40-1:0] when);
    integer k;
    for (k = 0; k < 12'h100; k = k + 4)
      if (k != R_STATUS) begin
        read(k[11:0], v);
        check(when, {20'd0, k[11:0], v}, {20'd0, k[11:0], model_read(k[11:0])});
      end
    read(12'hFFC, v); check(when, {20'hFFC, v}, {20'hFFC, 32'd0});
  endtask

  reg [31:0] st;
  task automatic wait_idle(input integer max_cycles);
    integer k;
    k = 0;
    read(R_STATUS, st);
    while (st[`SGPU_HOSTIO_STATUS_BUSY_LSB] && k < max_cycles) begin
      read(R_STATUS, st); k = k + 2;
    end
    if (st[`SGPU_HOSTIO_STATUS_BUSY_LSB]) check("action never ended", 0, 1);
  endtask

  function automatic [31:0] cmd(input [1:0] op, input [4:0] vec);
    cmd = ({30'd0, op} << `SGPU_HOSTIO_CMD_OP_LSB) | ({27'd0, vec} << `SGPU_HOSTIO_CMD_VECTOR_LSB);
  endfunction
  function automatic [31:0] status(input busy, input [2:0] err);
    status = ({31'd0, busy} << `SGPU_HOSTIO_STATUS_BUSY_LSB) | ({29'd0, err} << `SGPU_HOSTIO_STATUS_ERROR_LSB);
  endfunction

  task automatic clear_counts;
    n_rd_req = 0; n_wr_req = 0; n_wr_beats = 0; n_wr_done = 0; n_msi = 0;
  endtask

  task automatic set_args(input [63:0] a, input [31:0] len);
    mwrite(R_ADDR_LO, a[31:0], 4'hF); mwrite(R_ADDR_HI, a[63:32], 4'hF); mwrite(R_LENGTH, len, 4'hF);
    x_addr = a; x_len = len;
  endtask

  // Writes to every register and a second CMD while busy: all ignored (the model does not move).
  task automatic poke_while_busy(input [1:0] op2);
    integer k;
    read(R_STATUS, st);
    check("BUSY while the action runs", st & 1, 1);
    write(R_ADDR_LO, $urandom, 4'hF);
    write(R_ADDR_HI, $urandom, 4'hF);
    write(R_LENGTH, $urandom, 4'hF);
    k = $urandom % 16;
    write(R_DATA0 + 12'(4 * k), $urandom, 4'hF);
    write(R_CMD, cmd(op2, $urandom), 4'hF);
  endtask

  // One READ: host words random, every check. err_at: the failing beat or NO_ERR.
  task automatic do_read(input [63:0] a, input [31:0] len, input integer err_at, input [1:0] code,
                         input poke);
    integer k, beats;
    for (k = 0; k < 8; k = k + 1) x_words[k] = {$urandom, $urandom};
    set_args(a, len);
    x_err_at = err_at; x_err_code = code;
    clear_counts;
    write(R_CMD, cmd(OP_READ, $urandom), 4'hF);
    read(R_STATUS, st);
    check("READ: BUSY the cycle after CMD", st, status(1, E_NONE));
    if (poke) poke_while_busy(OP_MSI);
    wait_idle(2000);
    beats = len / 8;
    check("READ: STATUS at the end", st, status(0, err_at == NO_ERR ? E_NONE : {1'b0, code}));
    check("READ: requests", n_rd_req, 1);
    check("READ: other actions", n_wr_req + n_msi, 0);
    for (k = 0; k < beats && (err_at == NO_ERR || k < err_at); k = k + 1) begin
      m_data[2 * k] = x_words[k][31:0]; m_data[2 * k + 1] = x_words[k][63:32];
    end
    check_regs("READ: registers after (offset, value)");
  endtask

  task automatic do_write(input [63:0] a, input [31:0] len, input poke);
    integer k, beats;
    // DATA: random bytes through random byte enables.
    for (k = 0; k < 16; k = k + 1) begin
      mwrite(R_DATA0 + 12'(4 * k), $urandom, 4'(1 + $urandom % 15));
      if ($urandom % 2) mwrite(R_DATA0 + 12'(4 * k), $urandom, 4'hF);
    end
    set_args(a, len);
    clear_counts;
    x_err_at = NO_ERR;
    write(R_CMD, cmd(OP_WRITE, $urandom), 4'hF);
    read(R_STATUS, st);
    check("WRITE: BUSY the cycle after CMD", st, status(1, E_NONE));
    if (poke) poke_while_busy(OP_READ);
    k = 0;
    read(R_STATUS, st);
    while (st[0] && k < 2000) begin
      if (n_wr_done == 0 && n_wr_beats == len / 8 && k % 8 == 0)
        check("WRITE: BUSY after its beats, before wr_done", st & 1, 1);
      read(R_STATUS, st); k = k + 2;
      if (!st[0]) check("WRITE: done before its wr_done", n_wr_done, 1);
    end
    check("WRITE: STATUS at the end", st, status(0, E_NONE));
    beats = len / 8;
    check("WRITE: requests", n_wr_req, 1);
    check("WRITE: beats", n_wr_beats, beats);
    check("WRITE: wr_done", n_wr_done, 1);
    check("WRITE: other actions", n_rd_req + n_msi, 0);
    for (k = 0; k < beats; k = k + 1)
      check("WRITE: beat", wr_got[k], {m_data[2 * k + 1], m_data[2 * k]});
    check_regs("WRITE: registers after (offset, value)");
  endtask

  task automatic do_bad(input [1:0] op, input [63:0] a, input [31:0] len);
    set_args(a, len);
    clear_counts;
    write(R_CMD, cmd(op, 0), 4'hF);
    read(R_STATUS, st);
    check("BAD_ARGS: STATUS the cycle after CMD", st, status(0, E_BAD));
    repeat (20) @(negedge clk);
    check("BAD_ARGS: something was issued", n_rd_req + n_wr_req + n_msi, 0);
    check("BAD_ARGS: port requests", {61'd0, rd_req_valid, wr_req_valid, msi_req}, 0);
    read(R_STATUS, st); check("BAD_ARGS: STATUS later", st, status(0, E_BAD));
    write(R_CMD, cmd(OP_NONE, 0), 4'hF);
    read(R_STATUS, st); check("OP NONE keeps STATUS.ERROR", st, status(0, E_BAD));
  endtask

  task automatic do_msi(input [4:0] vec, input poke);
    clear_counts;
    write(R_CMD, cmd(OP_MSI, vec), 4'hF);
    read(R_STATUS, st);
    check("MSI: BUSY the cycle after CMD", st, status(1, E_NONE));
    if (poke) poke_while_busy(OP_WRITE);
    k_msi = 0;
    read(R_STATUS, st);
    while (st[0] && k_msi < 2000) begin read(R_STATUS, st); k_msi = k_msi + 2; end
    check("MSI: STATUS at the end", st, status(0, E_NONE));
    check("MSI: count", n_msi, 1);
    check("MSI: vector", msi_vec_seen, vec);
    check("MSI: other actions", n_rd_req + n_wr_req, 0);
  endtask
  integer k_msi;

  task automatic ep_random;
    req_stall_pct = $urandom % 60; rd_lat_max = $urandom % 10; rd_gap_pct = $urandom % 60;
    wr_stall_pct = $urandom % 60; done_min = 1; done_max = 1 + $urandom % 8; ack_max = $urandom % 6;
    rd_lat_min = 0; ack_min = 1; ack_max = ack_min + ack_max;   // pcie_msi acks 2 or more cycles after the request
  endtask
  task automatic ep_slow;   // long enough for the register pokes while busy
    req_stall_pct = 30; rd_lat_min = 40; rd_lat_max = 60; rd_gap_pct = 0; wr_stall_pct = 30;
    done_min = 40; done_max = 60; ack_min = 40; ack_max = 60;
  endtask

  // ---------------------------------------------------------------- the plan
  // Step n of the action sequence (one call site for every action keeps the build small):
  //   0..21    BAD_ARGS, READ then WRITE: misaligned address (two ways), length 0, 4, 72,
  //            12, 60, 128, high bits, 0x148 (legal low bits); ADDR_HI needs no alignment
  //   22..37   every legal length, READ and WRITE, an ideal endpoint
  //   38..157  random READ, WRITE and MSI, random endpoints
  //   158..193 link errors: each code at the first, a middle and the last beat; each
  //            followed by a good READ or an MSI, which clears ERROR
  //   194..195 BAD_ARGS then a WRITE, which clears it
  //   196..213 READ, WRITE and MSI with a slow endpoint: registers and CMD poked while BUSY
  //   214      a READ failing while poked
  localparam integer STEPS = 215;
  localparam integer K_READ = 0, K_WRITE = 1, K_MSI = 2, K_BAD = 3;
  integer     p_kind, p_err, p_ep;   // p_ep: 0 ideal, 1 random, 2 slow endpoint
  reg  [63:0] p_addr;
  reg  [31:0] p_len;
  reg  [1:0]  p_code, p_op;
  reg         p_poke;
  reg  [4:0]  p_vec;
  task automatic plan(input integer n);
    integer m, beats;
    p_kind = K_READ; p_err = NO_ERR; p_code = 2'd0; p_poke = 1'b0; p_vec = 5'($urandom);
    p_ep = 1; p_op = OP_READ;
    p_addr = {$urandom, $urandom} & ~64'h7;
    if ($urandom % 2) p_addr[63:32] = 32'd0;
    p_len = 8 * (1 + $urandom % 8);
    if (n < 22) begin
      p_kind = K_BAD; p_op = n < 11 ? OP_READ : OP_WRITE;
      case (n % 11)
        0: begin p_addr = p_addr | 64'(1 + $urandom % 7); p_len = 64; end
        1: begin p_addr = p_addr | 64'd4; p_len = 8; end
        2: p_len = 0;
        3: p_len = 4;
        4: p_len = 72;
        5: p_len = 12;
        6: p_len = 60;
        7: p_len = 128;
        8: p_len = 32'h8000_0040;
        9: p_len = 32'h0001_0008;
        default: p_len = 32'h0000_0148;
      endcase
    end else if (n < 38) begin
      m = n - 22; p_kind = m % 2; p_len = 8 * (1 + m / 2); p_ep = 0;
    end else if (n < 158) begin
      p_kind = $urandom % 3;
    end else if (n < 194) begin
      m = (n - 158) / 2;
      if (n % 2 == 0) begin
        beats = p_len / 8;
        p_err = (m % 3 == 0) ? 0 : (m % 3 == 1) ? $urandom % beats : beats - 1;
        p_code = 2'd1 + 2'((m / 3) % 3);
      end else if (m % 2) p_len = 64;
      else p_kind = K_MSI;
    end else if (n == 194) begin
      p_kind = K_BAD; p_len = 0;
    end else if (n == 195) begin
      p_kind = K_WRITE; p_len = 16;
    end else begin
      p_ep = 2; p_poke = 1'b1; p_kind = (n - 196) % 3;
      if (n == 214) begin p_kind = K_READ; p_len = 64; p_err = 3; p_code = 2'd2; end
    end
  endtask

  integer seed = 1;
  integer i, n, e;
  reg [11:0] ra;
  reg [3:0]  rb;
  initial begin
    if ($value$plusargs("seed=%d", seed)) ;
    $display("hostio_tb: seed %0d", seed);
    void'($urandom(seed));
    m_lo = `SGPU_HOSTIO_ADDR_LO_RESET; m_hi = `SGPU_HOSTIO_ADDR_HI_RESET;
    m_len = `SGPU_HOSTIO_LENGTH_RESET;
    for (i = 0; i < 16; i = i + 1) m_data[i] = 32'd0;
    clear_counts;
    repeat (3) @(negedge clk);
    rst_n = 1'b1;

    // 1. Reset values, and the rules: byte enables, STATUS read-only, CMD write-only, holes.
    check("LENGTH reset", `SGPU_HOSTIO_LENGTH_RESET, 32'h40);
    read(R_STATUS, st); check("STATUS after reset", st, 0);
    check_regs("reset value (offset, value)");
    for (n = 0; n < 300; n = n + 1) begin
      rb = 4'($urandom);
      e = $urandom % 3;
      case ($urandom % 6)
        0: ra = R_ADDR_LO;
        1: ra = R_ADDR_HI;
        2: ra = R_LENGTH;
        3: ra = R_DATA0 + 12'(4 * ($urandom % 16));
        4: begin ra = R_STATUS; rb = 4'hF; end                                  // read-only
        default: begin                                                          // holes
          ra = e == 0 ? 12'h014 + 12'(4 * ($urandom % 11)) :
               e == 1 ? 12'h080 + 12'(4 * ($urandom % 32)) : 12'(4 * (64 + $urandom % 960));
          rb = 4'hF;
        end
      endcase
      mwrite(ra, $urandom, rb);
    end
    check_regs("after register writes (offset, value)");
    read(R_STATUS, st); check("STATUS after register writes", st, 0);
    clear_counts;
    write(R_CMD, cmd(OP_NONE, 5'd3), 4'hF);
    repeat (10) @(negedge clk);
    read(R_STATUS, st); check("OP NONE: STATUS", st, 0);
    check("OP NONE: something was issued", n_rd_req + n_wr_req + n_msi, 0);
    read(R_CMD, v); check("CMD reads 0", v, 0);

    // 2. The actions.
    for (n = 0; n < STEPS; n = n + 1) begin
      plan(n);
      case (p_ep)
        0: begin ep_random; req_stall_pct = 0; rd_lat_max = 0; rd_gap_pct = 0; wr_stall_pct = 0; end
        1: ep_random;
        default: ep_slow;
      endcase
      case (p_kind)
        K_READ:  do_read(p_addr, p_len, p_err, p_code, p_poke);
        K_WRITE: do_write(p_addr, p_len, p_poke);
        K_MSI:   do_msi(p_vec, p_poke);
        default: do_bad(p_op, p_addr, p_len);
      endcase
      if (n == 21) check_regs("BAD_ARGS: DATA untouched (offset, value)");
    end

    if (errors == 0) $display("PASS hostio");
    else $display("FAIL hostio: %0d errors", errors);
    $finish;
  end

  initial begin
    #50000000;
    $display("FAIL hostio: timeout");
    $finish;
  end
endmodule

`default_nettype wire
