// Self-checking testbench for shader_host_port: the shader cores' host window accesses.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sim/tb/tb_hostmem.svh"   // run from the repository root, as scripts/run-tb does

// CORES core models ask for random loads and stores (bytes, halves, words) in a small host
// range, so that they hit each other's words; the DMA ports are tb_hostmem's models, the
// write port slow (data stalls, and data reaches memory only at wr_done) and the read port
// quick, so that a load which did not wait for the earlier stores' wr_done would read
// stale bytes. A reference memory is updated at
// each store's grant: every load must return it (the whole aligned word), every byte of
// host memory must equal it at the end. Also: a failed read answers with rerr; each core
// keeps its request until granted, one access at a time per core; a load's latency.
// +seed=N picks the random choices (printed).
module shader_host_port_tb;
  import tb_hostmem_pkg::*;
  localparam integer CORES = 3;
  localparam [63:0] BASE = 64'h0000_0004_5678_9000;
  localparam integer SPAN = 256;            // bytes of the window the cores use

  reg clk = 1'b0, rst_n = 1'b0;
  initial forever #5 clk = ~clk;
  always @(posedge clk) cyc <= cyc + 1;

  reg  [CORES-1:0]    c_req = '0, c_we = '0;
  reg  [32*CORES-1:0] c_addr = '0, c_wdata = '0;
  reg  [4*CORES-1:0]  c_be = '0;
  wire [CORES-1:0]    c_gnt, c_rvalid;
  wire [63:0]         rdata;
  wire                rerr, busy;
  wire rv, rr, dv, dr, dl, de, wv, wrdy, wdv, wdr, wdone;
  wire [63:0] ra, d, wa, wd;
  wire [23:0] rl, wl;
  wire [1:0]  ec;

  shader_host_port #(.CORES(CORES)) dut (
    .clk_i(clk), .rst_ni(rst_n), .base_i(BASE),
    .c_req_i(c_req), .c_we_i(c_we), .c_addr_i(c_addr), .c_be_i(c_be), .c_wdata_i(c_wdata),
    .c_gnt_o(c_gnt), .c_rvalid_o(c_rvalid), .rdata_o(rdata), .rerr_o(rerr), .busy_o(busy),
    .rd_req_valid_o(rv), .rd_req_ready_i(rr), .rd_req_addr_o(ra), .rd_req_len_o(rl),
    .rd_data_valid_i(dv), .rd_data_ready_o(dr), .rd_data_i(d), .rd_data_last_i(dl),
    .rd_data_err_i(de),
    .wr_req_valid_o(wv), .wr_req_ready_i(wrdy), .wr_req_addr_o(wa), .wr_req_len_o(wl),
    .wr_data_valid_o(wdv), .wr_data_ready_i(wdr), .wr_data_o(wd), .wr_done_i(wdone)
  );
  tb_dma_rd u_rd (.clk(clk), .rst_n(rst_n), .req_valid(rv), .req_ready(rr), .req_addr(ra),
    .req_len(rl), .data_valid(dv), .data_ready(dr), .data(d), .data_last(dl), .data_err(de),
    .err_code(ec));
  tb_dma_wr u_wr (.clk(clk), .rst_n(rst_n), .req_valid(wv), .req_ready(wrdy), .req_addr(wa),
    .req_len(wl), .data_valid(wdv), .data_ready(wdr), .data(wd), .done(wdone));

  // ---------------------------------------------------------------- reference and cores
  logic [7:0] ref_mem [0:SPAN-1];
  bit   [CORES-1:0] waiting = '0;          // a load granted, its data awaited
  bit   [CORES-1:0] expect_err = '0;
  bit   [CORES-1:0] stored = '0;           // a store granted: the core drops its request
  longint t_req [CORES];
  int   n_loads = 0, n_stores = 0, n_errs = 0, lat_min = 1 << 30, lat_max = 0;
  int   req_pct = 40, poison_pct = 0;
  bit   running = 1'b0;

  function automatic [63:0] ref_word(input int off);
    for (int b = 0; b < 8; b++) ref_word[8*b +: 8] = ref_mem[(off & ~7) + b];
  endfunction

  always @(negedge clk) begin
    if (rst_n) begin
      // What the last edge did: grants and load data.
      for (int c = 0; c < CORES; c++) begin
        if (c_rvalid[c] && !waiting[c]) tb_fail($sformatf("core %0d: data without a load", c));
        if (c_rvalid[c] && waiting[c]) begin
          int off = int'(c_addr[32*c +: 32] - 32'h8000_0000);
          int lat = int'(cyc - t_req[c]);
          if (expect_err[c]) begin
            if (!rerr) tb_fail($sformatf("core %0d: a poisoned load without rerr", c));
            n_errs++;
          end else begin
            if (rerr) tb_fail($sformatf("core %0d: rerr on a good load", c));
            else if (rdata !== ref_word(off))
              tb_fail($sformatf("core %0d: load at +%0d: %016x, expected %016x", c, off, rdata,
                                ref_word(off)));
            if (lat < lat_min) lat_min = lat;
            if (lat > lat_max) lat_max = lat;
            n_loads++;
          end
          waiting[c] = 1'b0; c_req[c] = 1'b0;
        end
      end
      for (int c = 0; c < CORES; c++) if (stored[c]) begin c_req[c] = 1'b0; stored[c] = 1'b0; end
      // New requests.
      for (int c = 0; c < CORES; c++) begin
        if (running && !c_req[c] && !waiting[c] && $urandom % 100 < req_pct) begin
          int sz = 1 << ($urandom % 3);                   // 1, 2, 4 bytes
          int off = ($urandom % SPAN) & ~(sz - 1);
          logic [3:0] be = (sz == 4) ? 4'hF : (sz == 2) ? (4'h3 << (off & 2)) : (4'h1 << (off & 3));
          c_req[c] = 1'b1; c_we[c] = $urandom % 2;
          c_addr[32*c +: 32] = 32'h8000_0000 + off;
          c_be[4*c +: 4] = be;
          c_wdata[32*c +: 32] = $urandom;
          expect_err[c] = 1'b0;
          t_req[c] = cyc;
        end
      end
    end
  end

  // Grants at the edge: a store updates the reference; a load waits for its data.
  always @(posedge clk) begin
    if (rst_n) begin
      for (int c = 0; c < CORES; c++) begin
        if (c_gnt[c] && !c_req[c]) tb_fail($sformatf("core %0d: a grant without a request", c));
        if (c_gnt[c] && c_req[c]) begin
          int off = int'(c_addr[32*c +: 32] - 32'h8000_0000);
          if (c_we[c]) begin
            for (int b = 0; b < 4; b++)
              if (c_be[4*c + b]) ref_mem[(off & ~3) + b] = c_wdata[32*c + 8*b +: 8];
            n_stores++;
            stored[c] = 1'b1;
          end else begin
            bit [63:0] ha = BASE + 64'(off & ~7);
            waiting[c] = 1'b1;
            expect_err[c] = ha >= u_rd.my_poison_lo && ha < u_rd.my_poison_hi;
          end
        end
      end
    end
  end

  int seed = 1;
  initial begin
    if ($value$plusargs("seed=%d", seed)) ;
    $display("shader_host_port_tb: seed %0d", seed);
    void'($urandom(seed));
    for (int o = 0; o < SPAN; o += 8) begin
      bit [63:0] w = {$urandom, $urandom};
      hwrite(BASE + 64'(o), w);
      for (int b = 0; b < 8; b++) ref_mem[o + b] = w[8*b +: 8];
    end
    // Read port quick, write port slow: an early read would see stale bytes.
    // Writes reach memory only at their wr_done, 12 cycles after the beat.
    u_rd.latency = 2; u_wr.data_stall_pct = 70; u_wr.done_lat = 12; u_wr.max_gap = 1000;
    u_wr.commit_at_done = 1'b1;
    repeat (3) @(negedge clk);
    rst_n = 1'b1;
    running = 1'b1;
    repeat (20000) @(negedge clk);
    // A failed read: the poisoned word answers with rerr.
    u_rd.my_poison_lo = BASE + 64'h40; u_rd.my_poison_hi = BASE + 64'h48;
    repeat (5000) @(negedge clk);
    running = 1'b0;
    repeat (500) @(negedge clk);
    if (c_req != '0 || waiting != '0 || busy) tb_fail("accesses left at the end");
    for (int o = 0; o < SPAN; o++) begin
      bit [63:0] w = hread(BASE + 64'(o));
      if (w[8 * (o % 8) +: 8] !== ref_mem[o]) begin
        tb_fail($sformatf("host byte +%0d: %02x, expected %02x", o, w[8 * (o % 8) +: 8], ref_mem[o]));
        break;
      end
    end
    if (n_loads < 1000 || n_stores < 1000 || n_errs == 0)
      tb_fail($sformatf("too few accesses: %0d loads, %0d stores, %0d failed", n_loads, n_stores, n_errs));
    // One load alone, read latency 20: request to data.
    u_rd.latency = 20; u_rd.my_poison_lo = 0; u_rd.my_poison_hi = 0; lat_min = 1 << 30;
    @(negedge clk);
    c_req[0] = 1'b1; c_we[0] = 1'b0; c_addr[31:0] = 32'h8000_0010; c_be[3:0] = 4'hF;
    t_req[0] = cyc;
    repeat (100) @(negedge clk);
    $display("shader_host_port_tb: %0d loads, %0d stores, %0d failed reads; a lone load (read latency 20): %0d cycles from request to data",
             n_loads, n_stores, n_errs, lat_min);
    if (lat_min > 20 + 5) tb_fail($sformatf("a lone load took %0d cycles", lat_min));
    if (errors == 0) $display("PASS shader_host_port");
    else $display("FAIL shader_host_port: %0d errors", errors);
    $finish;
  end
endmodule

`default_nettype wire
