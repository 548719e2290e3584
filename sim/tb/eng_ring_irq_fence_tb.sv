// Bench for one property of eng_ring: every host FENCE with IRQ ends in IRQ.FENCE with
// FENCE_VALUE/ADDR of the latest one, and LAST_FENCE is the latest fence, whatever the
// timing of the write port. Two IRQ fences a few commands apart are run with every
// distance (NOPs between them) and every wr_done latency of a grid, so that the first
// fence's wr_done falls in every cycle around the second one's write request being taken
// (the case where the pending second fence was forgotten). +seed=N varies the stalls.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sgpu_regs.vh"
`include "sgpu_cmds.vh"
`include "sim/tb/tb_hostmem.svh"   // run from the repository root, as scripts/run-tb does

module eng_ring_irq_fence_tb;
  import tb_hostmem_pkg::*;
  localparam [63:0] RB = 64'h0000_0001_2340_0000;   // ring base
  localparam [7:0] NOP = `SGPU_CMD_OP_NOP, FENCE = `SGPU_CMD_OP_FENCE;

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
  reg  [31:0] ring_size = 32'd4096;
  reg  [31:0] tail = 32'd0;
  wire [63:0] cycles = cyc;
  wire f_rv, f_rr, f_dv, f_dr, f_dl, f_de, x_rv, x_rr, x_dv, x_dr, x_dl, x_de;
  wire [63:0] f_ra, f_d, x_ra, x_d, w_ra, w_d;
  wire [23:0] f_rl, x_rl, w_rl;
  wire [1:0]  f_ec, x_ec;
  wire w_rv, w_rr, w_dv, w_dr, w_done;
  wire vr_req, vr_gnt, vw_req, vw_gnt;
  wire [16:0] vr_addr, vw_addr;
  wire [63:0] vr_rdata, vw_data;
  wire [7:0]  vw_be;
  wire        ex_valid, ex_stop, ex_reset;
  wire [7:0]  ex_opcode, ex_flags;
  wire [191:0] ex_args;

  eng_ring #(.VRAM_BYTES(1 << 20)) dut (
    .clk_i(clk), .rst_ni(rst_n),
    .req_i(req), .we_i(we), .be_i(be), .addr_i(addr), .wdata_i(wdata), .rdata_o(rdata),
    .irq_o(irq),
    .ctx_id_o(ctx_id), .ctx_ring_base_i(RB), .ctx_ring_size_i(ring_size), .ctx_tail_i(tail),
    .cycles_i(cycles),
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
    .ex_done_i(1'b0), .ex_error_i(8'd0), .ex_err_info_i(32'd0), .ex_stop_o(ex_stop),
    .ex_preempted_i(1'b0), .ex_reset_o(ex_reset)
  );

  tb_dma_rd u_frd (.clk(clk), .rst_n(rst_n), .req_valid(f_rv), .req_ready(f_rr), .req_addr(f_ra),
    .req_len(f_rl), .data_valid(f_dv), .data_ready(f_dr), .data(f_d), .data_last(f_dl),
    .data_err(f_de), .err_code(f_ec));
  tb_dma_rd u_xrd (.clk(clk), .rst_n(rst_n), .req_valid(x_rv), .req_ready(x_rr), .req_addr(x_ra),
    .req_len(x_rl), .data_valid(x_dv), .data_ready(x_dr), .data(x_d), .data_last(x_dl),
    .data_err(x_de), .err_code(x_ec));
  tb_dma_wr u_wr (.clk(clk), .rst_n(rst_n), .req_valid(w_rv), .req_ready(w_rr), .req_addr(w_ra),
    .req_len(w_rl), .data_valid(w_dv), .data_ready(w_dr), .data(w_d), .done(w_done));
  tb_vram #(.AW(17)) u_vram (.clk(clk), .vr_req(vr_req), .vr_addr(vr_addr), .vr_gnt(vr_gnt),
    .vr_rdata(vr_rdata), .vw_req(vw_req), .vw_addr(vw_addr), .vw_be(vw_be), .vw_data(vw_data),
    .vw_gnt(vw_gnt));

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

  int pt = 0;
  task automatic emit(input [31:0] dw);
    hwrite32(RB + 64'(pt), dw); pt += 4;
  endtask
  task automatic fence(input [63:0] a, input [63:0] v, input bit irqf);
    emit({8'd0, 7'd0, irqf, 8'd5, FENCE}); emit(a[31:0]); emit(a[63:32]); emit(v[31:0]); emit(v[63:32]);
  endtask
  task automatic nops(input int n);
    for (int i = 0; i < n; i++) emit({8'd0, 8'd0, 8'd1, NOP});
  endtask

  // An IRQ fence, then `gap` one-DW NOPs and a second fence (with IRQ if irq2), wr_done
  // `lat` cycles after each beat: LAST_FENCE must end at the second, FENCE_VALUE/ADDR at
  // the latest IRQ fence. The window of a stopped engine starts empty: pt = 0.
  int runs = 0, missed = 0;
  task automatic two_fences(input int gap, input int lat, input bit irq2);
    reg [31:0] v, st;
    bit [63:0] a2 = 64'h2000 + 64'(8 * runs);
    bit [63:0] v1 = 64'h4_0000_0000 + 64'(2 * runs), v2 = 64'h5_0000_0000 + 64'(2 * runs + 1);
    string what = $sformatf("gap %0d, wr_done latency %0d, second fence %0s", gap, lat,
                            irq2 ? "with IRQ" : "without IRQ");
    int k = 0, errors0 = errors;
    pt = 0;
    fence(64'h1000, v1, 1);
    nops(gap);
    fence(a2, v2, irq2);
    u_wr.done_lat = lat;
    wr(`SGPU_ENG_HEAD_OFFSET, 0);
    tail = pt;
    wr(`SGPU_ENG_CMD_OFFSET, 32'd1);   // START
    do begin rd(`SGPU_ENG_STATUS_OFFSET, st); k++; end while (st[1:0] != 2'd0 && k < 5000);
    if (st[1:0] != 2'd0) tb_fail("engine never became IDLE");
    rd(`SGPU_ENG_IRQ_OFFSET, v);
    check({what, ": IRQ"}, v, 3);
    rd(`SGPU_ENG_FENCE_VALUE_LO_OFFSET, v);
    if (v != (irq2 ? v2[31:0] : v1[31:0])) begin
      tb_fail($sformatf("%s: FENCE_VALUE %0h, not the latest IRQ fence's %0h", what, v,
                        irq2 ? v2[31:0] : v1[31:0]));
    end
    rd(`SGPU_ENG_FENCE_ADDR_LO_OFFSET, v);
    check({what, ": FENCE_ADDR"}, v, irq2 ? a2[31:0] : 32'h1000);
    rd(`SGPU_ENG_LAST_FENCE_LO_OFFSET, v);
    if (v != v2[31:0]) begin
      tb_fail($sformatf("%s: LAST_FENCE %0h, not the latest fence's %0h", what, v, v2[31:0]));
    end
    check("memory holds the second fence", hread(a2), v2);
    wr(`SGPU_ENG_IRQ_OFFSET, 32'h3);
    if (errors != errors0) missed++;
    runs++;
  endtask

  int seed = 1;
  initial begin
    if ($value$plusargs("seed=%d", seed)) ;
    $display("eng_ring_irq_fence_tb: seed %0d", seed);
    void'($urandom(seed));
    repeat (3) @(negedge clk);
    rst_n = 1'b1;
    u_frd.latency = 5;
    // Deterministic grid first (no stalls), then the same with random write-port stalls.
    for (int pass = 0; pass < 2; pass++) begin
      u_wr.data_stall_pct = pass * 30;
      u_wr.req_stall_pct = pass * 20;
      for (int gap = 0; gap <= 8; gap++)
        for (int lat = 0; lat <= 12; lat++)
          for (int irq2 = 0; irq2 < 2; irq2++)
            two_fences(gap, lat, irq2[0]);
    end
    $display("eng_ring_irq_fence_tb: %0d runs, %0d of them wrong",
             runs, missed);
    if (errors == 0) $display("PASS eng_ring_irq_fence");
    else $display("FAIL eng_ring_irq_fence: %0d errors", errors);
    $finish;
  end

  initial begin
    #50000000;
    $display("FAIL eng_ring_irq_fence: timeout");
    $finish;
  end
endmodule

`default_nettype wire
