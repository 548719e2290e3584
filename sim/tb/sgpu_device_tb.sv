// TLP-level smoke test of sgpu_device: BAR0 registers, UR, MSI, and a DMA round trip.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sgpu_regs.vh"
`include "pcie_tlp.vh"

// The bench plays the hard IP and the root complex: it sends TLPs on rx_* (stream layout of
// docs/pcie.md), collects the device's TLPs from tx_* (with random back-pressure, +seed=N)
// and answers the device's memory reads from a host memory whose byte at address a is
// host_byte(a). The control core runs a one-instruction loop put in its RAM by the loader.
module sgpu_device_tb;
  localparam [31:0] BAR0 = 32'hF000_0000;        // where the host put BAR0
  localparam [15:0] RC_ID = 16'h0000;            // the root complex's requester ID
  localparam [7:0]  BUS = 8'h03;
  localparam [4:0]  DEV = 5'd0;
  localparam [2:0]  FN = 3'd0;
  localparam [15:0] DEV_ID = {BUS, DEV, FN};
  localparam [63:0] MSI_ADDR = 64'h0000_0000_FEE0_0000;
  localparam [15:0] MSI_DATA = 16'h4020;

  reg         clk = 1'b0;
  reg         rst_n = 1'b0, core_rst_n = 1'b0;
  reg  [63:0] rx_tdata = 64'd0;
  reg  [7:0]  rx_tkeep = 8'h00;
  reg         rx_tlast = 1'b0, rx_tvalid = 1'b0;
  wire        rx_tready;
  reg  [21:0] rx_tuser = 22'd0;
  wire [63:0] tx_tdata;
  wire [7:0]  tx_tkeep;
  wire        tx_tlast, tx_tvalid;
  reg         tx_tready = 1'b0;
  wire [3:0]  tx_tuser;
  reg  [15:0] dcommand = 16'h2000;             // max payload 128, max read request 512
  reg         ld_en = 1'b0, ld_we = 1'b0;
  wire        adapter_hold;
  reg  [31:0] ld_addr = 32'd0, ld_wdata = 32'd0;
  wire [31:0] ld_rdata;
  wire        console_valid, exit_valid, bus_error, trap;
  wire [7:0]  console_data;
  wire [31:0] exit_code, bus_error_addr, bus_error_pc, trap_cause, trap_epc;

  sgpu_device #(.VRAM_BYTES(65536)) dut (
    .clk_i(clk), .rst_ni(rst_n), .core_rst_ni(core_rst_n),
    .rx_tdata_i(rx_tdata), .rx_tkeep_i(rx_tkeep), .rx_tlast_i(rx_tlast), .rx_tvalid_i(rx_tvalid),
    .rx_tready_o(rx_tready), .rx_tuser_i(rx_tuser),
    .tx_tdata_o(tx_tdata), .tx_tkeep_o(tx_tkeep), .tx_tlast_o(tx_tlast), .tx_tvalid_o(tx_tvalid),
    .tx_tready_i(tx_tready), .tx_tuser_o(tx_tuser),
    .cfg_bus_number_i(BUS), .cfg_device_number_i(DEV), .cfg_function_number_i(FN),
    .cfg_command_i(16'h0006),                   // memory space, bus master
    .cfg_dcommand_i(dcommand),
    .cfg_dcommand2_i(16'h0000),                 // default completion timeout
    .cfg_msi_enable_i(1'b1), .cfg_msi_mme_i(3'd3),
    .cfg_msi_addr_i(MSI_ADDR), .cfg_msi_data_i(MSI_DATA),
    .ld_en_i(ld_en), .ld_we_i(ld_we), .ld_addr_i(ld_addr), .ld_wdata_i(ld_wdata),
    .ld_rdata_o(ld_rdata), .adapter_hold_o(adapter_hold),
    .console_valid_o(console_valid), .console_data_o(console_data),
    .exit_valid_o(exit_valid), .exit_code_o(exit_code),
    .bus_error_o(bus_error), .bus_error_addr_o(bus_error_addr), .bus_error_pc_o(bus_error_pc),
    .trap_o(trap), .trap_cause_o(trap_cause), .trap_epc_o(trap_epc)
  );

  initial forever #5 clk = ~clk;

  // Build time: Verilator inlines every task at every call, transitively, and the C++
  // compiler is slow on the huge function that makes. So check's body is a function of its
  // arguments only (Verilator keeps it out of line), and send and next_tlp run in a server
  // process each: the task stores its arguments, triggers <task>_go and waits for
  // <task>_done, which the server (`always @(<task>_go)`) triggers after running
  // <task>_body in the same time step. One copy of each body, the timing of a plain call.
  integer errors = 0;
  // Reports a mismatch (the first few); returns the new error count.
  function automatic integer report_check(input integer errs, input [8*56-1:0] what,
                                          input [31:0] got, input [31:0] want);
    /*verilator no_inline_task*/
    if (got === want) return errs;
    if (errs < 5) $display("FAIL sgpu_device: %0s: got %08x, expected %08x", what, got, want);
    return errs + 1;
  endfunction
  task automatic check(input [8*56-1:0] what, input [31:0] got, input [31:0] want);
    errors = report_check(errors, what, got, want);
  endtask

  function automatic [31:0] swap32(input [31:0] v);
    swap32 = {v[7:0], v[15:8], v[23:16], v[31:24]};
  endfunction

  function automatic [7:0] host_byte(input [63:0] a);
    host_byte = a[7:0] ^ a[15:8] ^ 8'h5A ^ {a[2:0], a[12:8]};
  endfunction

  // ---------------------------------------------------------------- TX: the device's TLPs
  localparam integer QN = 64, TMAX = 80;
  reg [31:0] q_dw [0:QN-1][0:TMAX-1];
  integer    q_len [0:QN-1];
  integer    q_wr = 0, q_rd = 0, cur_len = 0;
  integer    tx_stall_pct = 20;
  always @(negedge clk) tx_tready = ($urandom % 100) >= tx_stall_pct;
  always @(posedge clk) begin
    if (tx_tvalid && tx_tready) begin
      if (tx_tuser !== 4'd0) check("tx_tuser", {28'd0, tx_tuser}, 0);
      if (cur_len + 2 <= TMAX) begin
        q_dw[q_wr % QN][cur_len] = tx_tdata[31:0];
        q_dw[q_wr % QN][cur_len + 1] = tx_tdata[63:32];
      end
      if (tx_tkeep == 8'hFF) cur_len = cur_len + 2;
      else if (tx_tkeep == 8'h0F && tx_tlast) cur_len = cur_len + 1;
      else check("tx_tkeep", {24'd0, tx_tkeep}, 32'hFF);
      if (tx_tlast) begin
        q_len[q_wr % QN] = cur_len; cur_len = 0; q_wr = q_wr + 1;
      end
    end
  end

  // The next TLP from the device (its index in the queue), or -1 after a timeout.
  // (next_tlp: body compiled once, in its server process; the index comes back in
  // next_tlp_idx.)
  event   next_tlp_go, next_tlp_done;
  integer next_tlp_idx;
  task automatic next_tlp(output integer idx);
    -> next_tlp_go;
    @(next_tlp_done);
    idx = next_tlp_idx;
  endtask
  always @(next_tlp_go) begin
    next_tlp_body(next_tlp_idx);
    -> next_tlp_done;
  end
  task automatic next_tlp_body(output integer idx);
    integer k;
    k = 0;
    while (q_rd == q_wr && k < 20000) begin @(negedge clk); k = k + 1; end
    if (q_rd == q_wr) begin
      check("no TLP from the device", 0, 1); idx = -1;
    end else begin
      idx = q_rd % QN; q_rd = q_rd + 1;
    end
  endtask

  // ---------------------------------------------------------------- RX: TLPs to the device
  reg [31:0] t [0:TMAX-1];     // the TLP being built
  // (send: body compiled once, in its server process.)
  event send_go, send_done;
  integer send_ndw;
  reg send_bar0_hit;
  task automatic send(input integer ndw, input bar0_hit);
    send_ndw = ndw; send_bar0_hit = bar0_hit;
    -> send_go;
    @(send_done);
  endtask
  always @(send_go) begin
    send_body(send_ndw, send_bar0_hit);
    -> send_done;
  end
  task automatic send_body(input integer ndw, input bar0_hit);
    integer b, nb;
    nb = (ndw + 1) / 2;
    for (b = 0; b < nb; b = b + 1) begin
      @(negedge clk);
      rx_tvalid = 1'b1;
      rx_tdata = {(2 * b + 1 < ndw) ? t[2 * b + 1] : 32'd0, t[2 * b]};
      rx_tkeep = (2 * b + 1 < ndw) ? 8'hFF : 8'h0F;
      rx_tlast = b == nb - 1;
      rx_tuser = bar0_hit ? 22'h4 : 22'h0;
      #1;
      while (!rx_tready) begin @(negedge clk); #1; end
    end
    @(negedge clk);
    rx_tvalid = 1'b0; rx_tlast = 1'b0;
  endtask

  reg [7:0] tag = 8'd0;
  task automatic mwr32(input [31:0] offset, input [31:0] value);
    t[0] = {`TLP_FMT_3DW_DATA, `TLP_TYPE_MEM, 1'b0, 3'd0, 4'd0, 1'b0, 1'b0, 2'd0, 2'd0, 10'd1};
    t[1] = {RC_ID, tag, 4'h0, 4'hF};
    t[2] = BAR0 + offset;
    t[3] = swap32(value);
    tag = tag + 1;
    send(4, 1'b1);
  endtask

  // A memory read of ndw DWs at a BAR0 offset; returns the TLP index of the answer.
  task automatic mrd(input [31:0] offset, input integer ndw, output integer idx);
    reg [7:0] my_tag;
    my_tag = tag; tag = tag + 1;
    t[0] = {`TLP_FMT_3DW, `TLP_TYPE_MEM, 1'b0, 3'd0, 4'd0, 1'b0, 1'b0, 2'd0, 2'd0, ndw[9:0]};
    t[1] = {RC_ID, my_tag, ndw == 1 ? 4'h0 : 4'hF, 4'hF};
    t[2] = BAR0 + offset;
    send(3, 1'b1);
    next_tlp(idx);
    if (idx >= 0) begin
      check("completion type", {27'd0, q_dw[idx][0][28:24]}, {27'd0, `TLP_TYPE_CPL});
      check("completion requester ID and tag", q_dw[idx][2][31:8], {RC_ID, my_tag});
      check("completer ID", {16'd0, q_dw[idx][1][31:16]}, {16'd0, DEV_ID});
    end
  endtask

  // A one-DW register read that must succeed.
  task automatic reg_read(input [31:0] offset, output [31:0] value);
    integer idx;
    mrd(offset, 1, idx);
    value = 32'hX;
    if (idx >= 0) begin
      check("CplD format", {29'd0, q_dw[idx][0][31:29]}, {29'd0, `TLP_FMT_3DW_DATA});
      check("CplD status", {29'd0, q_dw[idx][1][15:13]}, {29'd0, `TLP_CPL_SC});
      check("CplD length", {22'd0, q_dw[idx][0][9:0]}, 1);
      check("CplD byte count", {20'd0, q_dw[idx][1][11:0]}, 4);
      check("CplD lower address", {25'd0, q_dw[idx][2][6:0]}, {25'd0, offset[6:0]});
      value = swap32(q_dw[idx][3]);
    end
  endtask

  // The root complex answers one MRd of the device with one CplD from host memory.
  task automatic serve_mrd;
    integer idx;
    next_tlp(idx);
    if (idx >= 0) answer_mrd(idx);
  endtask

  // The CplD for the MRd at queue index idx.
  task automatic answer_mrd(input integer idx);
    integer k, n;
    reg [63:0] a;
    check("device MRd type", {24'd0, q_dw[idx][0][31:24]},
          {24'd0, q_dw[idx][0][29] ? {`TLP_FMT_4DW, `TLP_TYPE_MEM} : {`TLP_FMT_3DW, `TLP_TYPE_MEM}});
    check("device MRd requester ID", {16'd0, q_dw[idx][1][31:16]}, {16'd0, DEV_ID});
    n = q_dw[idx][0][9:0];
    if (n == 0) n = 1024;
    a = q_dw[idx][0][29] ? {q_dw[idx][2], q_dw[idx][3]} : {32'd0, q_dw[idx][2]};
    t[0] = {`TLP_FMT_3DW_DATA, `TLP_TYPE_CPL, 1'b0, 3'd0, 4'd0, 1'b0, 1'b0, 2'd0, 2'd0, n[9:0]};
    t[1] = {RC_ID, `TLP_CPL_SC, 1'b0, 12'(4 * n)};
    t[2] = {DEV_ID, q_dw[idx][1][15:8], 1'b0, a[6:0]};
    for (k = 0; k < n && k + 3 < TMAX; k = k + 1)
      t[3 + k] = {host_byte(a + 4 * k), host_byte(a + 4 * k + 1), host_byte(a + 4 * k + 2),
                  host_byte(a + 4 * k + 3)};
    send(3 + n, 1'b0);
  endtask

  reg [31:0] v, st;
  integer idx, k, seed = 1;

  initial begin
    if ($value$plusargs("seed=%d", seed)) ;
    $display("sgpu_device_tb: seed %0d", seed);
    void'($urandom(seed));
    repeat (3) @(negedge clk);
    rst_n = 1'b1;

    // The loader writes `j .` at the boot address while the core is held in reset.
    @(negedge clk); ld_en = 1'b1; ld_we = 1'b1; ld_addr = 32'd0; ld_wdata = 32'h0000_006F;
    @(negedge clk); ld_we = 1'b0;
    @(negedge clk); check("loader read-back", ld_rdata, 32'h0000_006F);
    ld_en = 1'b0;
    core_rst_n = 1'b1;

    // 1. ID.MAGIC: a CplD whose payload is 'SGPU' in wire byte order.
    mrd(`SGPU_ID_MAGIC_OFFSET, 1, idx);
    if (idx >= 0) begin
      check("MAGIC on the wire", q_dw[idx][3], 32'h5550_4753);
      check("MAGIC", swap32(q_dw[idx][3]), `SGPU_ID_MAGIC_RESET);
    end
    reg_read(`SGPU_ID_MAGIC_OFFSET, v); check("MAGIC read", v, 32'h5347_5055);
    reg_read(`SGPU_ID_VERSION_OFFSET, v); check("VERSION", v, `SGPU_ID_VERSION_RESET);

    // 2. ID.SCRATCH: written by a MWr, read back by a MRd.
    mwr32(`SGPU_ID_SCRATCH_OFFSET, 32'hC0DE_F00D);
    reg_read(`SGPU_ID_SCRATCH_OFFSET, v); check("SCRATCH", v, 32'hC0DE_F00D);

    // A multi-DW read across ID: MAGIC, VERSION, CAPS, SCRATCH, FW_STATUS.
    mrd(`SGPU_ID_MAGIC_OFFSET, 5, idx);
    if (idx >= 0) begin
      check("5-DW CplD length", {22'd0, q_dw[idx][0][9:0]}, 5);
      check("5-DW: MAGIC", swap32(q_dw[idx][3]), `SGPU_ID_MAGIC_RESET);
      check("5-DW: CAPS", swap32(q_dw[idx][5]), `SGPU_ID_CAPS_RESET);
      check("5-DW: SCRATCH", swap32(q_dw[idx][6]), 32'hC0DE_F00D);
    end

    // 3. A hole in BAR0 (past the STATS block, the last one): an Unsupported Request
    // completion, counted in LINK.BAD_REQUESTS.
    mrd(`SGPU_STATS_BAR0_BASE + `SGPU_STATS_SIZE, 1, idx);
    if (idx >= 0) begin
      check("hole: Cpl without data", {29'd0, q_dw[idx][0][31:29]}, {29'd0, `TLP_FMT_3DW});
      check("hole: status UR", {29'd0, q_dw[idx][1][15:13]}, {29'd0, `TLP_CPL_UR});
    end
    reg_read(`SGPU_LINK_BAR0_BASE + `SGPU_LINK_BAD_REQUESTS_OFFSET, v);
    check("LINK.BAD_REQUESTS", v, 1);
    // LINK.STATUS from the configuration: MPS 0, MRRS 2, bus master, MSI on, MME 3.
    reg_read(`SGPU_LINK_BAR0_BASE + `SGPU_LINK_STATUS_OFFSET, v);
    check("LINK.STATUS", v, 32'h0000_3320);

    // 4. LINK.MSI_SEND: an MSI write with the vector in the data's low bits.
    mwr32(`SGPU_LINK_BAR0_BASE + `SGPU_LINK_MSI_SEND_OFFSET, 32'd5);
    next_tlp(idx);
    if (idx >= 0) begin
      check("MSI: MWr, 3-DW header", q_dw[idx][0], 32'h4000_0001);
      check("MSI: address", q_dw[idx][2], MSI_ADDR[31:0]);
      check("MSI: data", swap32(q_dw[idx][3]), {16'd0, MSI_DATA | 16'd5});
    end

    // 5. DMA round trip: 64 bytes host -> VRAM, then VRAM -> host elsewhere, with an MSI.
    mwr32(`SGPU_DMA_BAR0_BASE + `SGPU_DMA_HOST_ADDR_LO_OFFSET, 32'h1000_0040);
    mwr32(`SGPU_DMA_BAR0_BASE + `SGPU_DMA_HOST_ADDR_HI_OFFSET, 32'd0);
    mwr32(`SGPU_DMA_BAR0_BASE + `SGPU_DMA_VRAM_ADDR_OFFSET, 32'h0000_0100);
    mwr32(`SGPU_DMA_BAR0_BASE + `SGPU_DMA_LENGTH_OFFSET, 32'd64);
    mwr32(`SGPU_DMA_BAR0_BASE + `SGPU_DMA_CTRL_OFFSET, 32'd0);          // TO_DEVICE
    mwr32(`SGPU_DMA_BAR0_BASE + `SGPU_DMA_START_OFFSET, 32'd1);
    serve_mrd;
    st = 32'h1;
    for (k = 0; k < 50 && st[0]; k = k + 1)
      reg_read(`SGPU_DMA_BAR0_BASE + `SGPU_DMA_STATUS_OFFSET, st);
    check("to device: STATUS", st, 32'h0000_0002);
    reg_read(`SGPU_DMA_BAR0_BASE + `SGPU_DMA_CYCLES_OFFSET, v);
    if (v == 0 || v > 2000) check("to device: CYCLES", v, 100);
    for (k = 0; k < 8; k = k + 1)
      check("to device: VRAM", dut.u_vram.mem[32 + k][31:0],
            {host_byte(64'h1000_0043 + 8 * k), host_byte(64'h1000_0042 + 8 * k),
             host_byte(64'h1000_0041 + 8 * k), host_byte(64'h1000_0040 + 8 * k)});

    mwr32(`SGPU_DMA_BAR0_BASE + `SGPU_DMA_HOST_ADDR_LO_OFFSET, 32'h2000_0000);
    mwr32(`SGPU_DMA_BAR0_BASE + `SGPU_DMA_CTRL_OFFSET, 32'h0000_0073);  // TO_HOST, IRQ, vector 7
    mwr32(`SGPU_DMA_BAR0_BASE + `SGPU_DMA_START_OFFSET, 32'd1);
    next_tlp(idx);                                                      // the data
    if (idx >= 0) begin
      check("to host: MWr, 3-DW header", {16'd0, q_dw[idx][0][31:24], 8'd0}, 32'h0000_4000);
      check("to host: length", {22'd0, q_dw[idx][0][9:0]}, 16);
      check("to host: requester ID", {16'd0, q_dw[idx][1][31:16]}, {16'd0, DEV_ID});
      check("to host: address", q_dw[idx][2], 32'h2000_0000);
      for (k = 0; k < 16; k = k + 1)
        check("to host: data", q_dw[idx][3 + k],
              {host_byte(64'h1000_0040 + 4 * k), host_byte(64'h1000_0041 + 4 * k),
               host_byte(64'h1000_0042 + 4 * k), host_byte(64'h1000_0043 + 4 * k)});
    end
    next_tlp(idx);                                                      // then the MSI
    if (idx >= 0) begin
      check("DMA MSI: address", q_dw[idx][2], MSI_ADDR[31:0]);
      check("DMA MSI: data", swap32(q_dw[idx][3]), {16'd0, MSI_DATA | 16'd7});
    end
    reg_read(`SGPU_DMA_BAR0_BASE + `SGPU_DMA_STATUS_OFFSET, st);
    check("to host: STATUS", st, 32'h0000_0002);

    // 6. Throughput through the whole endpoint, 16 KiB each way, no back-pressure, max
    //    payload 256, max read request 512 (the root complex answers each MRd at once).
    tx_stall_pct = 0;
    dcommand = 16'h2020;
    mwr32(`SGPU_DMA_BAR0_BASE + `SGPU_DMA_HOST_ADDR_LO_OFFSET, 32'h3000_0000);
    mwr32(`SGPU_DMA_BAR0_BASE + `SGPU_DMA_VRAM_ADDR_OFFSET, 32'h0000_1000);
    mwr32(`SGPU_DMA_BAR0_BASE + `SGPU_DMA_LENGTH_OFFSET, 32'd16384);
    mwr32(`SGPU_DMA_BAR0_BASE + `SGPU_DMA_CTRL_OFFSET, 32'd0);
    mwr32(`SGPU_DMA_BAR0_BASE + `SGPU_DMA_START_OFFSET, 32'd1);
    for (k = 0; k < 16384 / 512; k = k + 1) serve_mrd;
    st = 32'h1;
    for (k = 0; k < 50 && st[0]; k = k + 1)
      reg_read(`SGPU_DMA_BAR0_BASE + `SGPU_DMA_STATUS_OFFSET, st);
    check("throughput to device: STATUS", st, 32'h0000_0002);
    reg_read(`SGPU_DMA_BAR0_BASE + `SGPU_DMA_CYCLES_OFFSET, v);
    $display("sgpu_device_tb: to device, 16384 bytes in %0d cycles: %.2f bytes/cycle", v, 16384.0 / v);
    if (16384.0 / v < 6.8) check("to device below 6.8 bytes/cycle: CYCLES", v, 16384 * 10 / 68);
    mwr32(`SGPU_DMA_BAR0_BASE + `SGPU_DMA_HOST_ADDR_LO_OFFSET, 32'h4000_0000);
    mwr32(`SGPU_DMA_BAR0_BASE + `SGPU_DMA_CTRL_OFFSET, 32'h0000_0001);  // TO_HOST
    mwr32(`SGPU_DMA_BAR0_BASE + `SGPU_DMA_START_OFFSET, 32'd1);
    for (k = 0; k < 16384 / 256; k = k + 1) begin
      next_tlp(idx);
      if (idx >= 0) begin
        check("throughput to host: MWr length", {22'd0, q_dw[idx][0][9:0]}, 64);
        check("throughput to host: address", q_dw[idx][2], 32'h4000_0000 + 256 * k);
        check("throughput to host: first DW", q_dw[idx][3],
              {host_byte(64'h3000_0000 + 256 * k), host_byte(64'h3000_0001 + 256 * k),
               host_byte(64'h3000_0002 + 256 * k), host_byte(64'h3000_0003 + 256 * k)});
      end
    end
    reg_read(`SGPU_DMA_BAR0_BASE + `SGPU_DMA_STATUS_OFFSET, st);
    check("throughput to host: STATUS", st, 32'h0000_0002);
    reg_read(`SGPU_DMA_BAR0_BASE + `SGPU_DMA_CYCLES_OFFSET, v);
    $display("sgpu_device_tb: to host, 16384 bytes in %0d cycles: %.2f bytes/cycle", v, 16384.0 / v);
    if (16384.0 / v < 6.8) check("to host below 6.8 bytes/cycle: CYCLES", v, 16384 * 10 / 68);

    // 7. Adapter reset over the link: HOLD, the image written and read back through
    //    FW.DATA, ID still answering, release; the core boots the image again.
    check("not held", {31'd0, adapter_hold}, 32'd0);
    mwr32(`SGPU_FW_BAR0_BASE + `SGPU_FW_CTRL_OFFSET, 32'h0000_0001);     // no KEY: ignored
    reg_read(`SGPU_FW_BAR0_BASE + `SGPU_FW_CTRL_OFFSET, v);
    check("FW.CTRL without KEY", v, 32'd0);
    mwr32(`SGPU_FW_BAR0_BASE + `SGPU_FW_CTRL_OFFSET, 32'h5347_0001);
    reg_read(`SGPU_FW_BAR0_BASE + `SGPU_FW_CTRL_OFFSET, v);
    check("FW.CTRL.HOLD", v, 32'd1);
    check("adapter_hold_o", {31'd0, adapter_hold}, 32'd1);
    reg_read(`SGPU_ID_BAR0_BASE + `SGPU_ID_MAGIC_OFFSET, v);
    check("ID.MAGIC while held", v, `SGPU_ID_MAGIC_RESET);
    mwr32(`SGPU_FW_BAR0_BASE + `SGPU_FW_ADDR_OFFSET, 32'h8000_0000);
    mwr32(`SGPU_FW_BAR0_BASE + `SGPU_FW_DATA_OFFSET, 32'h0000_006F);   // j .
    mwr32(`SGPU_FW_BAR0_BASE + `SGPU_FW_DATA_OFFSET, 32'hA5A5_0F0F);
    reg_read(`SGPU_FW_BAR0_BASE + `SGPU_FW_ADDR_OFFSET, v);
    check("FW.ADDR advanced", v, 32'h8000_0008);
    mwr32(`SGPU_FW_BAR0_BASE + `SGPU_FW_ADDR_OFFSET, 32'h8000_0000);
    reg_read(`SGPU_FW_BAR0_BASE + `SGPU_FW_DATA_OFFSET, v);
    check("FW.DATA readback 0", v, 32'h0000_006F);
    reg_read(`SGPU_FW_BAR0_BASE + `SGPU_FW_DATA_OFFSET, v);
    check("FW.DATA readback 1", v, 32'hA5A5_0F0F);
    mwr32(`SGPU_FW_BAR0_BASE + `SGPU_FW_CTRL_OFFSET, 32'h5347_0000);
    reg_read(`SGPU_FW_BAR0_BASE + `SGPU_FW_RESETS_OFFSET, v);
    check("FW.RESETS", v, 32'd1);
    check("released", {31'd0, adapter_hold}, 32'd0);
    reg_read(`SGPU_FW_BAR0_BASE + `SGPU_FW_DATA_OFFSET, v);
    check("FW.DATA without HOLD", v, 32'd0);

    // 8. An adapter reset while a DMA read waits for its completion: the read is abandoned
    //    (the DMA block's transfer ends with TIMEOUT at once), the completion that comes
    //    later is dropped and counted in LINK.LATE_CPLS, and DMA works after the release.
    reg_read(`SGPU_LINK_BAR0_BASE + `SGPU_LINK_LATE_CPLS_OFFSET, v);
    check("LINK.LATE_CPLS before", v, 0);
    mwr32(`SGPU_DMA_BAR0_BASE + `SGPU_DMA_HOST_ADDR_LO_OFFSET, 32'h3000_0000);
    mwr32(`SGPU_DMA_BAR0_BASE + `SGPU_DMA_VRAM_ADDR_OFFSET, 32'h0000_0000);
    mwr32(`SGPU_DMA_BAR0_BASE + `SGPU_DMA_LENGTH_OFFSET, 32'd64);
    mwr32(`SGPU_DMA_BAR0_BASE + `SGPU_DMA_CTRL_OFFSET, 32'd0);
    mwr32(`SGPU_DMA_BAR0_BASE + `SGPU_DMA_START_OFFSET, 32'd1);
    next_tlp(idx);                                       // its MRd, not answered yet
    mwr32(`SGPU_FW_BAR0_BASE + `SGPU_FW_CTRL_OFFSET, 32'h5347_0001);
    reg_read(`SGPU_DMA_BAR0_BASE + `SGPU_DMA_STATUS_OFFSET, st);
    check("abandoned read: DMA STATUS DONE, ERROR TIMEOUT", st,
          32'h0000_0002 | ({29'd0, `SGPU_DMA_STATUS_ERROR_TIMEOUT} << `SGPU_DMA_STATUS_ERROR_LSB));
    if (idx >= 0) answer_mrd(idx);                       // the late completion
    reg_read(`SGPU_LINK_BAR0_BASE + `SGPU_LINK_LATE_CPLS_OFFSET, v);
    check("late completion counted", v, 1);
    mwr32(`SGPU_FW_BAR0_BASE + `SGPU_FW_CTRL_OFFSET, 32'h5347_0000);
    mwr32(`SGPU_DMA_BAR0_BASE + `SGPU_DMA_START_OFFSET, 32'd1);
    serve_mrd;
    st = 32'h1;
    for (k = 0; k < 50 && st[0]; k = k + 1)
      reg_read(`SGPU_DMA_BAR0_BASE + `SGPU_DMA_STATUS_OFFSET, st);
    check("DMA after the adapter reset", st, 32'h0000_0002);
    reg_read(`SGPU_FW_BAR0_BASE + `SGPU_FW_RESETS_OFFSET, v);
    check("FW.RESETS after two", v, 32'd2);

    // Nothing else came out, and the core kept running its loop quietly.
    repeat (50) @(negedge clk);
    check("no stray TLPs", q_wr - q_rd, 0);
    if (errors == 0) $display("PASS sgpu_device");
    $finish;
  end

  // The core must not fault, exit or print while it runs its loop.
  always @(posedge clk) begin
    if (core_rst_n && (bus_error || trap || exit_valid || console_valid))
      check("control core event", {28'd0, bus_error, trap, exit_valid, console_valid}, 0);
  end

  initial begin
    #5000000;
    $display("FAIL sgpu_device: timeout");
    $finish;
  end
endmodule

`default_nettype wire
