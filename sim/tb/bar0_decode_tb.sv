// Self-checking testbench for bar0_decode: windows, holes (error), one-cycle block requests, timing.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sgpu_regs.vh"

module bar0_decode_tb;
  localparam integer BITS = 16;
  localparam integer NBLK = 7;    // 0 ID, 1 LINK, 2 DMA, 3 CP, 4 CTX, 5 FW, 6 STATS

  reg             clk = 1'b0;
  reg             rst_n = 1'b0;
  reg             s_req = 1'b0, s_we = 1'b0;
  reg  [3:0]      s_be = 4'h0;
  reg  [BITS-1:0] s_addr = '0;
  reg  [31:0]     s_wdata = 32'd0;
  wire            s_ack, s_err;
  wire [31:0]     s_rdata;
  wire            m_we;
  wire [3:0]      m_be;
  wire [11:0]     m_addr;
  wire [31:0]     m_wdata;
  wire            id_req, link_req, dma_req, cp_req, ctx_req, fw_req, stats_req;
  wire [31:0]     id_rdata, link_rdata, dma_rdata, cp_rdata, fw_rdata, stats_rdata;

  bar0_decode #(.BAR0_BITS(BITS)) dut (
    .clk_i(clk), .rst_ni(rst_n),
    .s_req_i(s_req), .s_we_i(s_we), .s_be_i(s_be), .s_addr_i(s_addr), .s_wdata_i(s_wdata),
    .s_ack_o(s_ack), .s_rdata_o(s_rdata), .s_err_o(s_err),
    .m_we_o(m_we), .m_be_o(m_be), .m_addr_o(m_addr), .m_wdata_o(m_wdata),
    .id_req_o(id_req), .id_rdata_i(id_rdata),
    .link_req_o(link_req), .link_rdata_i(link_rdata),
    .dma_req_o(dma_req), .dma_rdata_i(dma_rdata),
    .cp_req_o(cp_req), .ctx_req_o(ctx_req), .cp_rdata_i(cp_rdata),
    .fw_req_o(fw_req), .fw_rdata_i(fw_rdata),
    .stats_req_o(stats_req), .stats_rdata_i(stats_rdata)
  );

  initial forever #5 clk = ~clk;

  integer errors = 0;
  task automatic check(input [8*48-1:0] what, input [31:0] got, input [31:0] want);
    if (got !== want) begin
      if (errors == 0) $display("FAIL bar0_decode: %0s: got %08x, expected %08x", what, got, want);
      errors = errors + 1;
    end
  endtask

  // ---------------------------------------------------------------- block models
  // Each block: 1024 words, read combinationally during its request, written at its edge
  // (id_regs' timing), 0 when not requested.
  reg [31:0] bmem [0:NBLK-1][0:1023];
  wire [NBLK-1:0] breq = {stats_req, fw_req, ctx_req, cp_req, dma_req, link_req, id_req};
  assign id_rdata   = (id_req && !m_we)   ? bmem[0][m_addr[11:2]] : 32'd0;
  assign link_rdata = (link_req && !m_we) ? bmem[1][m_addr[11:2]] : 32'd0;
  assign dma_rdata  = (dma_req && !m_we)  ? bmem[2][m_addr[11:2]] : 32'd0;
  assign fw_rdata   = (fw_req && !m_we)   ? bmem[5][m_addr[11:2]] : 32'd0;
  assign stats_rdata = (stats_req && !m_we) ? bmem[6][m_addr[11:2]] : 32'd0;
  // CP and CTX answer on one bus (ctx_regs holds both).
  assign cp_rdata   = (cp_req && !m_we)  ? bmem[3][m_addr[11:2]] :
                      (ctx_req && !m_we) ? bmem[4][m_addr[11:2]] : 32'd0;

  integer breqs [0:NBLK-1];     // requests each block saw
  integer k;
  always @(posedge clk) begin
    if ((breq & (breq - 7'd1)) != 7'd0) check("two blocks requested at once", {25'd0, breq}, 32'd0);
    for (k = 0; k < NBLK; k = k + 1)
      if (breq[k]) begin
        breqs[k] = breqs[k] + 1;
        if (m_we) begin
          if (m_be[0]) bmem[k][m_addr[11:2]][7:0]   <= m_wdata[7:0];
          if (m_be[1]) bmem[k][m_addr[11:2]][15:8]  <= m_wdata[15:8];
          if (m_be[2]) bmem[k][m_addr[11:2]][23:16] <= m_wdata[23:16];
          if (m_be[3]) bmem[k][m_addr[11:2]][31:24] <= m_wdata[31:24];
        end
      end
  end

  // ---------------------------------------------------------------- reference
  reg [31:0] ref_mem [0:NBLK-1][0:1023];
  integer    ref_reqs [0:NBLK-1];

  // Which block a BAR0 offset belongs to, or -1.
  function automatic integer block_of(input [BITS-1:0] a);
    if ({16'd0, a} >= `SGPU_ID_BAR0_BASE && {16'd0, a} < `SGPU_ID_BAR0_BASE + `SGPU_ID_SIZE) block_of = 0;
    else if ({16'd0, a} >= `SGPU_LINK_BAR0_BASE && {16'd0, a} < `SGPU_LINK_BAR0_BASE + `SGPU_LINK_SIZE) block_of = 1;
    else if ({16'd0, a} >= `SGPU_DMA_BAR0_BASE && {16'd0, a} < `SGPU_DMA_BAR0_BASE + `SGPU_DMA_SIZE) block_of = 2;
    else if ({16'd0, a} >= `SGPU_CP_BAR0_BASE && {16'd0, a} < `SGPU_CP_BAR0_BASE + `SGPU_CP_SIZE) block_of = 3;
    else if ({16'd0, a} >= `SGPU_CTX_BAR0_BASE && {16'd0, a} < `SGPU_CTX_BAR0_BASE + `SGPU_CTX_SIZE) block_of = 4;
    else if ({16'd0, a} >= `SGPU_FW_BAR0_BASE && {16'd0, a} < `SGPU_FW_BAR0_BASE + `SGPU_FW_SIZE) block_of = 5;
    else if ({16'd0, a} >= `SGPU_STATS_BAR0_BASE && {16'd0, a} < `SGPU_STATS_BAR0_BASE + `SGPU_STATS_SIZE) block_of = 6;
    else block_of = -1;
  endfunction

  // ---------------------------------------------------------------- the endpoint's side
  // One access: present it at a falling edge, hold it until the answer (seen at a falling
  // edge, taken by the endpoint at the next rising edge), then drop it at the falling edge
  // after that. Returns the answer and the cycles from the request to the answer.
  integer lat;
  reg     acked;
  task automatic access(input we, input [BITS-1:0] a, input [31:0] d, input [3:0] be,
                        output [31:0] rd, output err, output integer cycles);
    s_req = 1'b1; s_we = we; s_addr = a; s_wdata = d; s_be = be;
    cycles = 0; acked = 1'b0;
    while (!acked) begin
      @(negedge clk);
      cycles = cycles + 1;
      if (s_ack) begin
        acked = 1'b1; rd = s_rdata; err = s_err;
      end else if (cycles > 20) begin
        check("no answer", 32'd0, 32'd1);
        acked = 1'b1; rd = 32'hX; err = 1'bX;
      end
    end
    // The endpoint takes the answer at the next rising edge and drops the request.
    @(negedge clk);
    s_req = 1'b0; s_we = 1'b0;
    if (s_ack) check("a second answer to one request", 32'd1, 32'd0);
  endtask

  // The same, with the next request presented right after the answer (no idle cycle).
  task automatic access_b2b(input we, input [BITS-1:0] a, input [31:0] d, input [3:0] be,
                            output [31:0] rd, output err, output integer cycles);
    s_req = 1'b1; s_we = we; s_addr = a; s_wdata = d; s_be = be;
    cycles = 0; acked = 1'b0;
    while (!acked) begin
      @(negedge clk);
      cycles = cycles + 1;
      if (s_ack) begin
        acked = 1'b1; rd = s_rdata; err = s_err;
      end else if (cycles > 20) begin
        check("no answer (back to back)", 32'd0, 32'd1);
        acked = 1'b1;
      end
    end
    @(negedge clk);   // the answer's edge has passed: the caller presents the next one now
  endtask

  function automatic [31:0] merge(input [31:0] old, input [31:0] data, input [3:0] be);
    integer b;
    for (b = 0; b < 4; b = b + 1) merge[8*b +: 8] = be[b] ? data[8*b +: 8] : old[8*b +: 8];
  endfunction

  reg  [31:0] rd, d, want;
  reg         err;
  reg  [3:0]  be;
  reg  [BITS-1:0] a;
  integer i, blk, cyc, holes, n_b2b, total_cycles;
  integer seed = 1;

  // A random DW-aligned offset: mostly inside the windows, often in the holes.
  function automatic [BITS-1:0] rand_addr(input integer r);
    reg [BITS-1:0] x;
    begin
      x = $urandom;
      case (r % 8)
        0: x = `SGPU_ID_BAR0_BASE + (x % `SGPU_ID_SIZE);
        1: x = `SGPU_LINK_BAR0_BASE + (x % `SGPU_LINK_SIZE);
        2: x = `SGPU_DMA_BAR0_BASE + (x % `SGPU_DMA_SIZE);
        3: x = `SGPU_CP_BAR0_BASE + (x % `SGPU_CP_SIZE);
        4: x = `SGPU_CTX_BAR0_BASE + (x % `SGPU_CTX_SIZE);
        5: x = `SGPU_FW_BAR0_BASE + (x % `SGPU_FW_SIZE);
        6: x = `SGPU_STATS_BAR0_BASE + (x % `SGPU_STATS_SIZE);
        default: ;
      endcase
      rand_addr = {x[BITS-1:2], 2'b00};
    end
  endfunction

  initial begin
    if ($value$plusargs("seed=%d", seed)) ;
    $display("bar0_decode_tb: seed %0d", seed);
    void'($urandom(seed));
    for (blk = 0; blk < NBLK; blk = blk + 1) begin
      breqs[blk] = 0; ref_reqs[blk] = 0;
      for (i = 0; i < 1024; i = i + 1) begin
        d = $urandom; bmem[blk][i] = d; ref_mem[blk][i] = d;
      end
    end
    repeat (3) @(negedge clk);
    rst_n = 1'b1;
    @(negedge clk);
    check("no answer without a request", {31'd0, s_ack}, 32'd0);

    // Directed: the first and last word of each window, and the holes around them.
    access(1'b0, 16'h0000, 32'd0, 4'hF, rd, err, cyc);
    check("ID word 0", rd, ref_mem[0][0]); check("ID word 0 err", {31'd0, err}, 0);
    check("latency: answer the cycle after the request", cyc, 1);
    access(1'b0, 16'h0FFC, 32'd0, 4'hF, rd, err, cyc); check("ID last word", rd, ref_mem[0][1023]);
    access(1'b0, 16'h1000, 32'd0, 4'hF, rd, err, cyc); check("LINK word 0", rd, ref_mem[1][0]);
    access(1'b0, 16'h2FFC, 32'd0, 4'hF, rd, err, cyc); check("DMA last word", rd, ref_mem[2][1023]);
    check("DMA last word err", {31'd0, err}, 0);
    access(1'b0, 16'h3000, 32'd0, 4'hF, rd, err, cyc); check("CP word 0", rd, ref_mem[3][0]);
    access(1'b0, 16'h4FFC, 32'd0, 4'hF, rd, err, cyc); check("CTX last word", rd, ref_mem[4][1023]);
    check("CTX last word err", {31'd0, err}, 0);
    access(1'b0, 16'h5000, 32'd0, 4'hF, rd, err, cyc); check("FW word 0", rd, ref_mem[5][0]);
    check("FW word 0 err", {31'd0, err}, 0);
    access(1'b0, 16'h5FFC, 32'd0, 4'hF, rd, err, cyc); check("FW last word", rd, ref_mem[5][1023]);
    check("FW last word err", {31'd0, err}, 0);
    access(1'b0, 16'h6000, 32'd0, 4'hF, rd, err, cyc); check("STATS word 0", rd, ref_mem[6][0]);
    check("STATS word 0 err", {31'd0, err}, 0);
    access(1'b0, 16'h63FC, 32'd0, 4'hF, rd, err, cyc); check("STATS last word", rd, ref_mem[6][255]);
    access(1'b0, 16'h6400, 32'd0, 4'hF, rd, err, cyc);
    check("hole 0x6400 err", {31'd0, err}, 1); check("hole 0x6400 data", rd, 0);
    access(1'b1, 16'h4FFC, 32'h1234_5678, 4'hF, rd, err, cyc);
    check("CTX write does not reach FW", bmem[5][1023], ref_mem[5][1023]);
    ref_mem[4][1023] = 32'h1234_5678;
    access(1'b0, 16'hFFFC, 32'd0, 4'hF, rd, err, cyc); check("hole 0xFFFC err", {31'd0, err}, 1);
    access(1'b1, 16'h8000, 32'hDEAD_BEEF, 4'hF, rd, err, cyc); check("hole write err", {31'd0, err}, 1);
    check("holes reach no block", breqs[0] + breqs[1] + breqs[2] + breqs[3] + breqs[4] + breqs[5] +
          breqs[6], 11);
    check("FW requests", breqs[5], 2);
    ref_reqs[0] = 2; ref_reqs[1] = 1; ref_reqs[2] = 1; ref_reqs[3] = 1; ref_reqs[4] = 2; ref_reqs[5] = 2;
    ref_reqs[6] = 2;

    // Random accesses, with random idle cycles between them, against the reference.
    holes = 0;
    for (i = 0; i < 4000; i = i + 1) begin
      a = rand_addr($urandom);
      blk = block_of(a);
      d = $urandom; be = $urandom;
      if ($urandom % 2) begin
        access(1'b1, a, d, be, rd, err, cyc);
        if (blk >= 0) ref_mem[blk][a[11:2]] = merge(ref_mem[blk][a[11:2]], d, be);
      end else begin
        access(1'b0, a, 32'd0, 4'hF, rd, err, cyc);
        check("random read data", rd, blk >= 0 ? ref_mem[blk][a[11:2]] : 32'd0);
      end
      check("random err", {31'd0, err}, {31'd0, blk < 0});
      check("random latency", cyc, 1);
      if (blk >= 0) ref_reqs[blk] = ref_reqs[blk] + 1; else holes = holes + 1;
      repeat ($urandom % 3) @(negedge clk);
    end
    for (blk = 0; blk < NBLK; blk = blk + 1) check("requests per block", breqs[blk], ref_reqs[blk]);
    if (holes < 500) check("enough holes hit", holes, 500);

    // Back to back: a request every two cycles.
    n_b2b = 200; total_cycles = 0;
    for (i = 0; i < n_b2b; i = i + 1) begin
      a = rand_addr(i);
      blk = block_of(a);
      access_b2b(1'b0, a, 32'd0, 4'hF, rd, err, cyc);
      total_cycles = total_cycles + cyc + 1;
      check("back to back data", rd, blk >= 0 ? ref_mem[blk][a[11:2]] : 32'd0);
      check("back to back err", {31'd0, err}, {31'd0, blk < 0});
    end
    s_req = 1'b0;
    check("back to back: two cycles per access", total_cycles, 2 * n_b2b);
    $display("bar0_decode_tb: %0d back-to-back accesses in %0d cycles", n_b2b, total_cycles);

    // Every block word, read back.
    for (blk = 0; blk < NBLK; blk = blk + 1)
      for (i = 0; i < 1024; i = i + 1)
        check("final block content", bmem[blk][i], ref_mem[blk][i]);

    // Reset drops a request in progress.
    s_req = 1'b1; s_we = 1'b0; s_addr = 16'h0000;
    @(negedge clk); rst_n = 1'b0; s_req = 1'b0;
    @(negedge clk); rst_n = 1'b1;
    @(negedge clk);
    check("no answer after reset", {31'd0, s_ack}, 32'd0);

    if (errors == 0) $display("PASS bar0_decode");
    $finish;
  end

  initial begin
    #10000000;
    $display("FAIL bar0_decode: timeout");
    $finish;
  end
endmodule

`default_nettype wire
