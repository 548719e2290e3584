// Self-checking testbench for host_dma: both directions against endpoint models, errors, MSI, CYCLES.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sgpu_regs.vh"

// The endpoint's read and write ports and its MSI port are models here, with random
// request stalls, read latency, gaps between read beats, write back-pressure and wr_done
// delay (+seed=N picks them; the seed is printed). Host memory is a function of the address
// and a per-transfer salt; VRAM is a real vram instance, checked against a mirror.
module host_dma_tb;
  localparam integer VRAM_BYTES = 16 * 1024 * 1024;   // room for a maximum-length transfer
  localparam integer VW = VRAM_BYTES / 8;
  localparam integer AW = 21;
  localparam [2:0] E_NONE = `SGPU_DMA_STATUS_ERROR_NONE;
  localparam [2:0] E_BAD  = `SGPU_DMA_STATUS_ERROR_BAD_ARGS;
  localparam integer NO_ERR = -1;

  reg         clk = 1'b0;
  reg         rst_n = 1'b0;
  reg         req = 1'b0, we = 1'b0;
  reg  [3:0]  be = 4'h0;
  reg  [11:0] addr = 12'h0;
  reg  [31:0] wdata = 32'd0;
  wire [31:0] rdata;
  wire        rd_req_valid, rd_data_ready, wr_req_valid, wr_data_valid;
  reg         rd_req_ready = 1'b0, rd_data_valid = 1'b0, rd_data_last = 1'b0, rd_data_err = 1'b0;
  reg  [1:0]  rd_err_code = 2'd0;
  reg  [63:0] rd_data = 64'd0;
  wire [63:0] rd_req_addr, wr_req_addr, wr_data;
  wire [23:0] rd_req_len, wr_req_len;
  reg         wr_req_ready = 1'b0, wr_data_ready = 1'b0, wr_done = 1'b0;
  wire        vram_we, vram_re;
  wire [7:0]  vram_be;
  wire [AW-1:0] vram_waddr, vram_raddr;
  wire [63:0] vram_wdata, vram_rdata;
  wire        msi_req;
  wire [4:0]  msi_vector;
  reg         msi_ack = 1'b0;

  host_dma #(.VRAM_BYTES(VRAM_BYTES)) dut (
    .clk_i(clk), .rst_ni(rst_n),
    .req_i(req), .we_i(we), .be_i(be), .addr_i(addr), .wdata_i(wdata), .rdata_o(rdata),
    .rd_req_valid_o(rd_req_valid), .rd_req_ready_i(rd_req_ready), .rd_req_addr_o(rd_req_addr),
    .rd_req_len_o(rd_req_len), .rd_data_valid_i(rd_data_valid), .rd_data_ready_o(rd_data_ready),
    .rd_data_i(rd_data), .rd_data_last_i(rd_data_last), .rd_data_err_i(rd_data_err),
    .rd_err_code_i(rd_err_code),
    .wr_req_valid_o(wr_req_valid), .wr_req_ready_i(wr_req_ready), .wr_req_addr_o(wr_req_addr),
    .wr_req_len_o(wr_req_len), .wr_data_valid_o(wr_data_valid), .wr_data_ready_i(wr_data_ready),
    .wr_data_o(wr_data), .wr_done_i(wr_done),
    .vram_we_o(vram_we), .vram_be_o(vram_be), .vram_waddr_o(vram_waddr), .vram_wdata_o(vram_wdata),
    .vram_re_o(vram_re), .vram_raddr_o(vram_raddr), .vram_rdata_i(vram_rdata),
    .msi_req_o(msi_req), .msi_vector_o(msi_vector), .msi_ack_i(msi_ack)
  );

  vram #(.VRAM_BYTES(VRAM_BYTES)) u_vram (
    .clk_i(clk), .we_i(vram_we), .be_i(vram_be), .waddr_i(vram_waddr), .wdata_i(vram_wdata),
    .re_i(vram_re), .raddr_i(vram_raddr), .rdata_o(vram_rdata)
  );

  initial forever #5 clk = ~clk;

  integer errors = 0;
  task automatic check(input [8*56-1:0] what, input [63:0] got, input [63:0] want);
    if (got !== want) begin
      if (errors < 5) $display("FAIL host_dma: %0s: got %0h, expected %0h", what, got, want);
      errors = errors + 1;
    end
  endtask

  // Clock edges so far: after an edge, cyc is that edge's number.
  integer cyc = 0;
  always @(posedge clk) cyc <= cyc + 1;

  // ---------------------------------------------------------------- the current transfer
  reg         x_dir;                 // 1: to the host
  reg         x_bad = 1'b0;          // BAD_ARGS expected: nothing moves
  reg  [63:0] x_haddr;
  reg  [31:0] x_vaddr, x_len;
  reg  [63:0] x_salt;
  integer     x_err_at;              // read beat that fails, or NO_ERR
  reg  [1:0]  x_err_code;
  // What the models saw.
  integer n_rd_req, n_wr_req, n_rd_beats, n_wr_beats, n_wr_done, n_vw, n_msi, n_rd_stall;
  reg  [4:0]  msi_vec_seen;
  integer last_vw_edge = -1;         // written only by the VRAM monitor
  integer wr_done_edge = -1;         // written only by the write port model
  // The endpoint's behaviour, per transfer.
  integer req_stall_pct, rd_lat_max, rd_gap_pct, wr_stall_pct, done_delay_max;

  function automatic [63:0] hdata(input [63:0] a, input [63:0] salt);
    hdata = (a * 64'h9E37_79B9_7F4A_7C15) ^ {a[31:0], a[63:32]} ^ salt;
  endfunction

  reg [63:0] vmir [0:VW-1];          // what VRAM must hold

  // ---------------------------------------------------------------- read port model
  // Drives at the falling edge, then looks at the DUT just before the rising edge.
  reg        rq_active = 1'b0;
  integer    rq_beats = 0, rq_sent = 0, rq_lat = 0;
  reg        rq_holding = 1'b0;      // a beat is offered and must stay until taken
  always @(negedge clk) begin
    if (!rst_n) begin
      rq_active = 1'b0; rq_holding = 1'b0;
      rd_req_ready = 1'b0; rd_data_valid = 1'b0;
    end else begin
      rd_req_ready = !rq_active && ($urandom % 100 >= req_stall_pct);
      if (!rq_holding) begin
        rd_data_valid = 1'b0; rd_data_last = 1'b0; rd_data_err = 1'b0; rd_err_code = 2'd0;
        rd_data = 64'hX;
        if (rq_active && rq_lat == 0 && ($urandom % 100 >= rd_gap_pct)) begin
          rd_data_valid = 1'b1;
          rd_data = hdata(x_haddr + 64'd8 * rq_sent, x_salt);
          if (rq_sent == x_err_at) begin
            rd_data_last = 1'b1; rd_data_err = 1'b1; rd_err_code = x_err_code;
            rd_data = 64'hBAD0_BAD0_BAD0_BAD0;
          end else begin
            rd_data_last = rq_sent == rq_beats - 1;
          end
          rq_holding = 1'b1;
        end
      end
      if (rq_active && rq_lat > 0) rq_lat = rq_lat - 1;
      #1;
      if (rd_req_valid && rd_req_ready) begin
        n_rd_req = n_rd_req + 1;
        check("read request address", rd_req_addr, x_haddr);
        check("read request length", {40'd0, rd_req_len}, {32'd0, x_len});
        rq_active = 1'b1; rq_beats = x_len / 8; rq_sent = 0; rq_lat = $urandom % (rd_lat_max + 1);
      end
      if (rd_data_valid && !rd_data_ready) n_rd_stall = n_rd_stall + 1;
      if (rd_data_valid && rd_data_ready) begin
        if (!rd_data_err) vmir[(x_vaddr / 8) + rq_sent] = rd_data;
        rq_sent = rq_sent + 1; n_rd_beats = n_rd_beats + 1; rq_holding = 1'b0;
        if (rd_data_last) rq_active = 1'b0;
      end
    end
  end

  // ---------------------------------------------------------------- write port model
  reg        wq_active = 1'b0;
  integer    wq_beats = 0, wq_got = 0, wq_done_in = -1;
  reg        wv_prev = 1'b0;          // a beat was offered and not taken last cycle
  reg [63:0] wd_prev;
  always @(negedge clk) begin
    if (!rst_n) begin
      wq_active = 1'b0; wq_done_in = -1; wv_prev = 1'b0;
      wr_req_ready = 1'b0; wr_data_ready = 1'b0; wr_done = 1'b0;
    end else begin
      wr_req_ready  = !wq_active && wq_done_in < 0 && ($urandom % 100 >= req_stall_pct);
      wr_data_ready = wq_active && ($urandom % 100 >= wr_stall_pct);
      wr_done = 1'b0;
      // Sometimes wr_done comes in the very cycle the last beat is taken.
      if (wq_active && wq_got == wq_beats - 1 && wr_data_valid && wr_data_ready &&
          $urandom % 4 == 0) begin
        wr_done = 1'b1; wq_done_in = -2;
      end else if (wq_done_in == 0) begin
        wr_done = 1'b1; wq_done_in = -1;
      end else if (wq_done_in > 0) wq_done_in = wq_done_in - 1;
      #1;
      if (wv_prev) begin
        if (!wr_data_valid) check("write data withdrawn before taken", 0, 1);
        else check("write data changed before taken", wr_data, wd_prev);
      end
      if (wr_done) begin
        n_wr_done = n_wr_done + 1; wr_done_edge = cyc + 1;
      end
      if (wr_req_valid && wr_req_ready) begin
        n_wr_req = n_wr_req + 1;
        check("write request address", wr_req_addr, x_haddr);
        check("write request length", {40'd0, wr_req_len}, {32'd0, x_len});
        wq_active = 1'b1; wq_beats = x_len / 8; wq_got = 0;
      end
      if (wr_data_valid && !wq_active) check("write data without a request", 0, 1);
      wv_prev = wr_data_valid && !wr_data_ready;
      wd_prev = wr_data;
      if (wr_data_valid && wr_data_ready && wq_active) begin
        check("write data", wr_data, vmir[(x_vaddr / 8) + wq_got]);
        wq_got = wq_got + 1; n_wr_beats = n_wr_beats + 1;
        if (wq_got == wq_beats) begin
          wq_active = 1'b0;
          if (wq_done_in == -2) wq_done_in = -1;   // wr_done came with this beat
          else wq_done_in = $urandom % (done_delay_max + 1);
        end
      end
    end
  end

  // ---------------------------------------------------------------- VRAM and MSI monitors
  always @(posedge clk) if (vram_we) begin
    n_vw = n_vw + 1; last_vw_edge = cyc + 1;   // cyc: the previous edge's number
  end

  integer msi_wait = -1;
  always @(negedge clk) begin
    msi_ack = 1'b0;
    if (rst_n && msi_req) begin
      if (msi_wait < 0) begin
        // The MSI must follow the data: every beat written to the host, or to VRAM.
        if (!x_bad && x_dir && n_wr_done == 0) check("MSI before wr_done", 0, 1);
        if (!x_bad && !x_dir && rq_active) check("MSI before the last read beat", 0, 1);
        msi_wait = $urandom % 5; msi_vec_seen = msi_vector;
      end else if (msi_vector !== msi_vec_seen) check("MSI vector changed", msi_vector, msi_vec_seen);
      if (msi_wait == 0) begin
        msi_ack = 1'b1; n_msi = n_msi + 1; msi_wait = -1;
      end else msi_wait = msi_wait - 1;
    end else if (msi_wait >= 0) begin
      check("msi_req dropped before the ack", 0, 1); msi_wait = -1;
    end
  end

  // ---------------------------------------------------------------- register access
  task automatic write(input [11:0] a, input [31:0] d);
    @(negedge clk); req = 1'b1; we = 1'b1; addr = a; wdata = d; be = 4'hF;
    @(negedge clk); req = 1'b0; we = 1'b0;
  endtask
  task automatic read(input [11:0] a, output [31:0] d);
    @(negedge clk); req = 1'b1; we = 1'b0; addr = a; be = 4'hF;
    #1 d = rdata;
    @(negedge clk); req = 1'b0;
  endtask

  function automatic [31:0] ctrl(input dir, input irq, input [4:0] vec);
    ctrl = ({31'd0, dir} << `SGPU_DMA_CTRL_DIR_LSB) | ({31'd0, irq} << `SGPU_DMA_CTRL_IRQ_LSB) |
           ({27'd0, vec} << `SGPU_DMA_CTRL_VECTOR_LSB);
  endfunction

  task automatic set_args(input dir, input [63:0] haddr, input [31:0] vaddr, input [31:0] len,
                          input irq, input [4:0] vec);
    write(`SGPU_DMA_HOST_ADDR_LO_OFFSET, haddr[31:0]);
    write(`SGPU_DMA_HOST_ADDR_HI_OFFSET, haddr[63:32]);
    write(`SGPU_DMA_VRAM_ADDR_OFFSET, vaddr);
    write(`SGPU_DMA_LENGTH_OFFSET, len);
    write(`SGPU_DMA_CTRL_OFFSET, ctrl(dir, irq, vec));
  endtask

  integer start_edge;
  task automatic start_now;
    write(`SGPU_DMA_START_OFFSET, 32'd1);
    start_edge = cyc;   // the edge that ended the write's cycle (one falling edge ago)
  endtask

  reg [31:0] st;
  task automatic wait_idle(input integer max_cycles);
    integer k;
    k = 0;
    read(`SGPU_DMA_STATUS_OFFSET, st);
    while (st[`SGPU_DMA_STATUS_BUSY_LSB] && k < max_cycles) begin
      read(`SGPU_DMA_STATUS_OFFSET, st); k = k + 2;
    end
    if (st[`SGPU_DMA_STATUS_BUSY_LSB]) check("transfer never ended", 0, 1);
  endtask

  // One transfer from start to end, with every check. want_err: the ERROR it must end with.
  reg [31:0] cycles_reg;
  task automatic xfer(input dir, input [63:0] haddr, input [31:0] vaddr, input [31:0] len,
                      input irq, input [4:0] vec, input integer err_at, input [1:0] err_code,
                      input [2:0] want_err);
    integer beats, written;
    set_args(dir, haddr, vaddr, len, irq, vec);
    x_dir = dir; x_haddr = haddr; x_vaddr = vaddr; x_len = len; x_bad = want_err == E_BAD;
    x_salt = {$urandom, $urandom}; x_err_at = err_at; x_err_code = err_code;
    n_rd_req = 0; n_wr_req = 0; n_rd_beats = 0; n_wr_beats = 0; n_wr_done = 0;
    n_vw = 0; n_msi = 0; n_rd_stall = 0;
    start_now;
    read(`SGPU_DMA_STATUS_OFFSET, st);
    if (want_err != E_BAD) check("BUSY, not DONE, while running",
                                 {62'd0, st[1:0]} & 64'h3, 64'h1);
    wait_idle(2 * len + 100000);
    check("STATUS at the end", {32'd0, st}, {25'd0, want_err, 4'b0010});
    read(`SGPU_DMA_CYCLES_OFFSET, cycles_reg);
    beats = len / 8;
    written = (err_at == NO_ERR) ? beats : err_at;
    if (want_err == E_BAD) begin
      check("BAD_ARGS: CYCLES", cycles_reg, 0);
      check("BAD_ARGS: read requests", n_rd_req, 0);
      check("BAD_ARGS: write requests", n_wr_req, 0);
      check("BAD_ARGS: VRAM writes", n_vw, 0);
    end else if (!dir) begin
      check("to device: read requests", n_rd_req, 1);
      check("to device: write requests", n_wr_req, 0);
      check("to device: VRAM writes", n_vw, written);
      check("to device: read stalls (one beat per cycle)", n_rd_stall, 0);
      if (err_at == NO_ERR) check("to device: CYCLES = START to the last VRAM write", cycles_reg,
                                  last_vw_edge - start_edge);
    end else begin
      check("to host: write requests", n_wr_req, 1);
      check("to host: read requests", n_rd_req, 0);
      check("to host: beats", n_wr_beats, beats);
      check("to host: wr_done", n_wr_done, 1);
      check("to host: VRAM writes", n_vw, 0);
      check("to host: CYCLES = START to wr_done", cycles_reg, wr_done_edge - start_edge);
    end
    if (want_err != E_BAD && cycles_reg < written) check("CYCLES below one beat per cycle", cycles_reg, written);
    check("MSIs", n_msi, irq);
    if (irq) check("MSI vector", msi_vec_seen, vec);
  endtask

  // Endpoint behaviour presets.
  task automatic ep_ideal;
    req_stall_pct = 0; rd_lat_max = 0; rd_gap_pct = 0; wr_stall_pct = 0; done_delay_max = 0;
  endtask
  task automatic ep_random;
    req_stall_pct = $urandom % 60; rd_lat_max = $urandom % 40; rd_gap_pct = $urandom % 60;
    wr_stall_pct = $urandom % 60; done_delay_max = $urandom % 8;
  endtask

  task automatic check_vram;
    integer i, bad;
    bad = 0;
    for (i = 0; i < VW; i = i + 1)
      if (u_vram.mem[i] !== vmir[i]) begin
        if (bad == 0) check("VRAM content", u_vram.mem[i], vmir[i]);
        bad = bad + 1;
      end
  endtask

  integer seed = 1;
  integer i, n, beats, len, err_at;
  reg [31:0] v, va;
  reg [63:0] ha;
  real bpc;

  initial begin
    if ($value$plusargs("seed=%d", seed)) ;
    $display("host_dma_tb: seed %0d", seed);
    void'($urandom(seed));
    for (i = 0; i < VW; i = i + 1) vmir[i] = 64'd0;
    ep_ideal;
    x_dir = 1'b0; x_err_at = NO_ERR;
    repeat (3) @(negedge clk);
    rst_n = 1'b1;
    read(`SGPU_DMA_STATUS_OFFSET, v); check("STATUS after reset", v, 0);

    // 1. BAD_ARGS: each rule alone, nothing moves; with IRQ the MSI still comes.
    ha = 64'h0000_0001_0000_0000;
    xfer(0, ha + 4, 0, 64, 0, 0, NO_ERR, 0, E_BAD);                       // host address
    xfer(1, ha + 1, 0, 64, 0, 0, NO_ERR, 0, E_BAD);
    xfer(0, ha, 32'h0000_0104, 64, 0, 0, NO_ERR, 0, E_BAD);               // VRAM address
    xfer(0, ha, 0, 60, 0, 0, NO_ERR, 0, E_BAD);                           // length
    xfer(0, ha, 0, 0, 0, 0, NO_ERR, 0, E_BAD);                            // zero
    xfer(0, ha, 0, 32'h0100_0000, 0, 0, NO_ERR, 0, E_BAD);                // 16 MiB
    xfer(0, ha, 0, 32'h8000_0008, 0, 0, NO_ERR, 0, E_BAD);                // high bits
    xfer(0, ha, VRAM_BYTES - 8, 16, 0, 0, NO_ERR, 0, E_BAD);              // past VRAM's end
    xfer(1, ha, VRAM_BYTES, 8, 0, 0, NO_ERR, 0, E_BAD);
    xfer(0, ha, 32'hFFFF_FFF8, 16, 0, 0, NO_ERR, 0, E_BAD);               // wraps 32 bits
    xfer(0, 64'hFFFF_FFFF_FFFF_FFF8, 0, 16, 0, 0, NO_ERR, 0, E_BAD);      // past 2^64
    xfer(1, ha, 0, 60, 1, 5'd13, NO_ERR, 0, E_BAD);                       // with an MSI
    // The edges of the valid ranges work.
    xfer(0, ha, VRAM_BYTES - 8, 8, 0, 0, NO_ERR, 0, E_NONE);
    xfer(1, ha, VRAM_BYTES - 8, 8, 0, 0, NO_ERR, 0, E_NONE);
    xfer(0, 64'hFFFF_FFFF_FFFF_FFF0, 16, 16, 0, 0, NO_ERR, 0, E_NONE);    // ends at 2^64

    // 2. Fill the first 256 KiB of VRAM from the host, then random transfers both ways
    //    with a random endpoint, mostly small, some crossing 4 KiB pages.
    ep_random;
    xfer(0, 64'h0000_0000_4000_0000, 0, 256 * 1024, 0, 0, NO_ERR, 0, E_NONE);
    for (n = 0; n < 150; n = n + 1) begin
      ep_random;
      beats = ($urandom % 4 == 0) ? 1 + $urandom % 2048 : 1 + $urandom % 64;
      va = ($urandom % (256 * 1024 / 8 - beats)) * 8;
      ha = {$urandom, $urandom} & 64'h0000_FFFF_FFFF_FFF8;
      if ($urandom % 2) ha[63:32] = 32'd0;   // below 4 GiB
      xfer($urandom % 2, ha, va, beats * 8, $urandom % 4 == 0, $urandom, NO_ERR, 0, E_NONE);
    end
    check_vram;

    // 3. Read errors: each code, at the first beat, in the middle and at the last beat;
    //    the beats before it land, the failed beat and the rest do not.
    for (n = 0; n < 12; n = n + 1) begin
      ep_random;
      beats = 1 + $urandom % 300;
      case (n % 3)
        0: err_at = 0;
        1: err_at = $urandom % beats;
        default: err_at = beats - 1;
      endcase
      xfer(0, 64'h0000_0000_8000_0000 + 8 * n, 8 * ($urandom % 1000), beats * 8, n % 2, n,
           err_at, 2'd1 + 2'(n % 3), 3'd1 + 3'(n % 3));
    end
    check_vram;

    // 4. START while a transfer runs is ignored, and so are new arguments; they are kept
    //    for the next START.
    ep_random; rd_lat_max = 200;
    set_args(0, 64'h1000, 32'h1000, 4096, 0, 0);
    x_dir = 0; x_haddr = 64'h1000; x_vaddr = 32'h1000; x_len = 4096; x_salt = 64'h55;
    x_err_at = NO_ERR; n_rd_req = 0; n_vw = 0; n_msi = 0; n_wr_req = 0;
    start_now;
    write(`SGPU_DMA_VRAM_ADDR_OFFSET, 32'h8000);
    write(`SGPU_DMA_CTRL_OFFSET, ctrl(1, 1, 3));
    start_now;
    read(`SGPU_DMA_STATUS_OFFSET, v); check("second START: still busy", v & 3, 1);
    wait_idle(100000);
    check("second START ignored: requests", n_rd_req + n_wr_req, 1);
    check("second START ignored: VRAM writes", n_vw, 512);
    check("second START ignored: no MSI", n_msi, 0);
    read(`SGPU_DMA_VRAM_ADDR_OFFSET, v); check("new VRAM_ADDR kept", v, 32'h8000);
    check_vram;

    // 5. Throughput: an ideal endpoint, 64 KiB each way: one beat per cycle.
    ep_ideal;
    xfer(0, 64'h0000_0002_0000_0000, 32'h10_0000, 65536, 0, 0, NO_ERR, 0, E_NONE);
    bpc = 65536.0 / cycles_reg;
    $display("host_dma_tb: to device, 65536 bytes in %0d cycles: %.3f bytes/cycle", cycles_reg, bpc);
    if (bpc < 7.9) check("to-device throughput below 7.9 bytes/cycle", cycles_reg, 65536 / 8);
    xfer(1, 64'h0000_0003_0000_0000, 32'h10_0000, 65536, 0, 0, NO_ERR, 0, E_NONE);
    bpc = 65536.0 / cycles_reg;
    $display("host_dma_tb: to host, 65536 bytes in %0d cycles: %.3f bytes/cycle", cycles_reg, bpc);
    if (bpc < 7.9) check("to-host throughput below 7.9 bytes/cycle", cycles_reg, 65536 / 8);

    // 6. The longest transfer, 16 MiB - 8, both ways (write back-pressure on the way out).
    xfer(0, 64'h0000_0004_0000_0000, 0, 32'h00FF_FFF8, 1, 5'd31, NO_ERR, 0, E_NONE);
    $display("host_dma_tb: to device, 16 MiB - 8 in %0d cycles", cycles_reg);
    wr_stall_pct = 10; done_delay_max = 5;
    xfer(1, 64'h0000_0005_0000_0000, 0, 32'h00FF_FFF8, 1, 5'd30, NO_ERR, 0, E_NONE);
    $display("host_dma_tb: to host, 16 MiB - 8 in %0d cycles (10%% back-pressure)", cycles_reg);
    check_vram;

    // 7. Reset in the middle of a transfer: idle, registers back to reset.
    ep_random; rd_lat_max = 0;
    set_args(0, 64'h2000, 0, 8192, 0, 0);
    x_dir = 0; x_haddr = 64'h2000; x_vaddr = 0; x_len = 8192; x_err_at = NO_ERR;
    start_now;
    repeat (50) @(negedge clk);
    rst_n = 1'b0;
    repeat (2) @(negedge clk);
    rst_n = 1'b1;
    read(`SGPU_DMA_STATUS_OFFSET, v); check("STATUS after a reset mid-transfer", v, 0);
    read(`SGPU_DMA_LENGTH_OFFSET, v); check("LENGTH after reset", v, 0);
    repeat (20) @(negedge clk);
    check("no requests after reset", {31'd0, rd_req_valid | wr_req_valid}, 0);

    if (errors == 0) $display("PASS host_dma");
    $finish;
  end

  initial begin
    #2000000000;
    $display("FAIL host_dma: timeout");
    $finish;
  end
endmodule

`default_nettype wire
