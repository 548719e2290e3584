// Self-checking testbench for stats_ram behind the real bar0_decode: core writes (byte
// enables), BAR0 reads in the decoder's one-cycle answer, BAR0 writes ignored, both ports at
// once. Random, with a seed (+seed=N).
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sgpu_regs.vh"

module stats_ram_tb;
  localparam integer BITS  = 16;
  localparam integer AB    = `SGPU_STATS_ADDR_BITS;
  localparam integer WORDS = 1 << (AB - 2);
  localparam [BITS-1:0] BASE = `SGPU_STATS_BAR0_BASE;

  reg             clk = 1'b0;
  reg             rst_n = 1'b0;
  // The endpoint's bus.
  reg             s_req = 1'b0, s_we = 1'b0;
  reg  [3:0]      s_be = 4'h0;
  reg  [BITS-1:0] s_addr = '0;
  reg  [31:0]     s_wdata = 32'd0;
  wire            s_ack, s_err;
  wire [31:0]     s_rdata;
  // The decoder's side.
  wire            m_we;
  wire [3:0]      m_be;
  wire [11:0]     m_addr;
  wire [31:0]     m_wdata;
  wire            id_req, link_req, dma_req, cp_req, ctx_req, fw_req, stats_req;
  wire [31:0]     stats_rdata;
  // The core's io port (core_decode's request, one cycle).
  reg             c_req = 1'b0, c_we = 1'b0;
  reg  [3:0]      c_be = 4'h0;
  reg  [AB-1:0]   c_addr = '0;
  reg  [31:0]     c_wdata = 32'd0;

  bar0_decode #(.BAR0_BITS(BITS)) u_decode (
    .clk_i(clk), .rst_ni(rst_n),
    .s_req_i(s_req), .s_we_i(s_we), .s_be_i(s_be), .s_addr_i(s_addr), .s_wdata_i(s_wdata),
    .s_ack_o(s_ack), .s_rdata_o(s_rdata), .s_err_o(s_err),
    .m_we_o(m_we), .m_be_o(m_be), .m_addr_o(m_addr), .m_wdata_o(m_wdata),
    .id_req_o(id_req), .id_rdata_i(32'd0), .link_req_o(link_req), .link_rdata_i(32'd0),
    .dma_req_o(dma_req), .dma_rdata_i(32'd0), .cp_req_o(cp_req), .ctx_req_o(ctx_req),
    .cp_rdata_i(32'd0), .fw_req_o(fw_req), .fw_rdata_i(32'd0),
    .stats_req_o(stats_req), .stats_rdata_i(stats_rdata)
  );

  stats_ram dut (
    .clk_i(clk),
    .c_req_i(c_req), .c_we_i(c_we), .c_be_i(c_be), .c_addr_i(c_addr[AB-1:2]), .c_wdata_i(c_wdata),
    .h_raddr_i(s_addr[AB-1:2]), .h_req_i(stats_req), .h_we_i(m_we), .h_rdata_o(stats_rdata)
  );

  initial forever #5 clk = ~clk;

  integer errors = 0;
  task automatic check(input [8*48-1:0] what, input [31:0] got, input [31:0] want);
    if (got !== want) begin
      if (errors == 0) $display("FAIL stats_ram: %0s: got %08x, expected %08x", what, got, want);
      errors = errors + 1;
    end
  endtask

  // The reference: what the core wrote.
  reg [31:0] ref_mem [0:WORDS-1];

  function automatic [31:0] merge(input [31:0] old, input [31:0] data, input [3:0] be);
    integer b;
    for (b = 0; b < 4; b = b + 1) merge[8*b +: 8] = be[b] ? data[8*b +: 8] : old[8*b +: 8];
  endfunction

  // The core: one write request per call, given at a falling edge for one cycle (the io
  // port's registered request), the model updated at the rising edge that takes it.
  task automatic core_write(input [AB-1:0] a, input [31:0] d, input [3:0] be);
    c_req = 1'b1; c_we = 1'b1; c_addr = a; c_wdata = d; c_be = be;
    @(posedge clk);
    ref_mem[a[AB-1:2]] = merge(ref_mem[a[AB-1:2]], d, be);
    @(negedge clk);
    c_req = 1'b0; c_we = 1'b0;
  endtask

  // The endpoint: hold the request until the answer, drop it at the next falling edge.
  reg acked;
  task automatic host_access(input we, input [AB-1:0] a, input [31:0] d,
                             output [31:0] rd, output err, output integer cycles);
    s_req = 1'b1; s_we = we; s_addr = BASE | {{(BITS - AB){1'b0}}, a}; s_wdata = d;
    s_be = 4'hF;
    cycles = 0; acked = 1'b0;
    while (!acked) begin
      @(negedge clk);
      cycles = cycles + 1;
      if (s_ack) begin
        acked = 1'b1; rd = s_rdata; err = s_err;
      end else if (cycles > 10) begin
        check("no answer", 32'd0, 32'd1);
        acked = 1'b1; rd = 32'hX; err = 1'bX;
      end
    end
    @(negedge clk);
    s_req = 1'b0; s_we = 1'b0;
  endtask

  reg  [31:0] rd, d, old;
  reg         err;
  reg  [AB-1:0] a, ca;
  integer i, cyc, n_reads, n_writes, n_ignored, n_both;
  integer seed = 1;

  initial begin
    if ($value$plusargs("seed=%d", seed)) ;
    $display("stats_ram_tb: seed %0d", seed);
    void'($urandom(seed));
    for (i = 0; i < WORDS; i = i + 1) ref_mem[i] = 32'd0;
    repeat (3) @(negedge clk);
    rst_n = 1'b1;
    @(negedge clk);

    // Directed: every word written by the core (full words), read back through BAR0 with
    // the decoder's timing: the answer in the cycle after the request, no error.
    for (i = 0; i < WORDS; i = i + 1) core_write(i[AB-3:0] << 2, 32'h5A00_0000 | i, 4'hF);
    for (i = 0; i < WORDS; i = i + 1) begin
      host_access(1'b0, i[AB-3:0] << 2, 32'd0, rd, err, cyc);
      check("read back", rd, 32'h5A00_0000 | i);
      check("read err", {31'd0, err}, 32'd0);
      check("read latency", cyc, 1);
    end

    // Byte enables: one byte at a time.
    core_write(10'h3E0, 32'hAABB_CCDD, 4'b0010);
    host_access(1'b0, 10'h3E0, 32'd0, rd, err, cyc);
    check("byte enable 1", rd, merge(32'h5A00_00F8, 32'hAABB_CCDD, 4'b0010));

    // A BAR0 write is acknowledged (no error: the window exists), answers 0 and changes nothing.
    old = ref_mem[8];
    host_access(1'b1, 10'h020, 32'hDEAD_BEEF, rd, err, cyc);
    check("host write err", {31'd0, err}, 32'd0);
    check("host write answers 0", rd, 32'd0);
    host_access(1'b0, 10'h020, 32'd0, rd, err, cyc);
    check("host write ignored", rd, old);

    // Random: the core writes (random bytes) while the host reads and writes, each on its own
    // schedule; every read is checked against the reference at the moment of the read, unless
    // the core writes that very word in the read's RAM cycle (the old or the new word: both
    // are right, the firmware's sequence word is what makes a record consistent).
    n_reads = 0; n_writes = 0; n_ignored = 0; n_both = 0;
    fork
      begin : core_side
        integer k;
        for (k = 0; k < 3000; k = k + 1) begin
          ca = {$urandom} % (1 << AB);
          core_write({ca[AB-1:2], 2'b00}, $urandom, $urandom);
          n_writes = n_writes + 1;
          repeat ($urandom % 3) @(negedge clk);
        end
      end
      begin : host_side
        integer k;
        reg [31:0] w_old, w_new;
        for (k = 0; k < 2000; k = k + 1) begin
          a = {$urandom} % (1 << AB);
          a = {a[AB-1:2], 2'b00};
          if ($urandom % 4 == 0) begin
            w_old = ref_mem[a[AB-1:2]];
            host_access(1'b1, a, $urandom, rd, err, cyc);
            check("random host write answers 0", rd, 32'd0);
            n_ignored = n_ignored + 1;
          end else begin
            w_old = ref_mem[a[AB-1:2]];
            host_access(1'b0, a, 32'd0, rd, err, cyc);
            w_new = ref_mem[a[AB-1:2]];
            if (w_old != w_new) n_both = n_both + 1;
            if (rd !== w_old && rd !== w_new) check("random read", rd, w_new);
            check("random read latency", cyc, 1);
            n_reads = n_reads + 1;
          end
          check("random err", {31'd0, err}, 32'd0);
          repeat ($urandom % 2) @(negedge clk);
        end
      end
    join

    // Nothing the host wrote landed: the whole RAM is the core's.
    for (i = 0; i < WORDS; i = i + 1) begin
      host_access(1'b0, i[AB-3:0] << 2, 32'd0, rd, err, cyc);
      check("final content", rd, ref_mem[i]);
    end
    $display("stats_ram_tb: %0d core writes, %0d host reads (%0d raced a write), %0d host writes ignored",
             n_writes, n_reads, n_both, n_ignored);
    if (errors == 0) $display("PASS stats_ram");
    $finish;
  end

  initial begin
    #10000000;
    $display("FAIL stats_ram: timeout");
    $finish;
  end
endmodule

`default_nettype wire
