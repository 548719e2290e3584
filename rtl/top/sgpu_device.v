// The whole sgpu device behind the PCIe hard IP: endpoint, control core, command processor,
// engines, DMA, VRAM.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sgpu_regs.vh"

// Everything a board (or sgpu-sim, whose Verilator top this is) puts behind the hard IP's
// TLP streams and configuration outputs (docs/pcie.md, docs/dev/engines.md):
//  - pcie_ep, the transaction layer;
//  - bar0_decode: the endpoint's register bus to the BAR0 windows of the register map:
//    ID (in cpu_system, through its host_id_* port), LINK (link_regs), DMA (host_dma), CP
//    and CTX (ctx_regs), FW (fw_regs: adapter reset and the firmware loader), STATS
//    (stats_ram, read-only);
//  - cpu_system, the control core, held in reset by core_rst_ni while a loader writes its
//    firmware through ld_*; its io port reaches CP, CTX, HOSTIO, ENG and STATS (core_decode); the
//    doorbells and the engines' interrupts are its external interrupt;
//  - ctx_regs: the context table and doorbells, read by the engines for their context;
//  - the engines: copy_engine (ENG 0) and compute_engine (ENG 1, SHADER_CORES cores);
//  - host_dma, moving data between host memory and VRAM (the DMA block), and hostio, the
//    firmware's own small DMA and MSI;
//  - the endpoint's DMA read and write ports shared by dma_rd_mux / dma_wr_mux, VRAM's
//    ports by vram_arb (the DMA block first: it cannot wait), MSI senders by msi_arb and
//    link_regs;
//  - a 64-bit cycle counter for TIMESTAMP.
// rst_ni resets everything (the control core and the ID block too); core_rst_ni only the
// control core and the ID block, so the host keeps its link while firmware is loaded.
// Adapter reset (FW.CTRL.HOLD, docs/registers.md): while held, the control core (with its
// ID block), ctx_regs, HOSTIO and the engines are in synchronous reset (held_rst_n) and
// fw_regs drives the loader instead of ld_*; the endpoint, configuration, LINK, DMA,
// VRAM (its contents too) and the shared ports keep running. The held blocks' DMA is
// ended cleanly: in the first held cycle the endpoint forgets every read in flight (tags
// quarantined, late completions dropped and counted) and dma_rd_mux ends each queued read
// with a timeout beat (so a DMA-block read in flight then fails with a timeout, it does
// not hang); while held, the held clients' read data is taken and dropped, and
// dma_wr_drain sends the rest of every write they had started as zeros (past the hold's
// end if need be), so no TLP is left half sent and no stale done reaches a restarted block.
module sgpu_device #(
  parameter integer CORE_RAM_BYTES = 262144,
  parameter integer VRAM_BYTES     = `SGPU_CFG_VRAM_BYTES,
  parameter integer CLK_MHZ        = 125,
  parameter integer SHADER_CORES   = 2
) (
  input  wire        clk_i,
  input  wire        rst_ni,
  input  wire        core_rst_ni,
  // TLPs from the host (hard IP m_axis_rx).
  input  wire [63:0] rx_tdata_i,
  input  wire [7:0]  rx_tkeep_i,
  input  wire        rx_tlast_i,
  input  wire        rx_tvalid_i,
  output wire        rx_tready_o,
  input  wire [21:0] rx_tuser_i,
  // TLPs to the host (hard IP s_axis_tx).
  output wire [63:0] tx_tdata_o,
  output wire [7:0]  tx_tkeep_o,
  output wire        tx_tlast_o,
  output wire        tx_tvalid_o,
  input  wire        tx_tready_i,
  output wire [3:0]  tx_tuser_o,
  // Configuration.
  input  wire [7:0]  cfg_bus_number_i,
  input  wire [4:0]  cfg_device_number_i,
  input  wire [2:0]  cfg_function_number_i,
  input  wire [15:0] cfg_command_i,
  input  wire [15:0] cfg_dcommand_i,
  input  wire [15:0] cfg_dcommand2_i,
  input  wire        cfg_msi_enable_i,
  input  wire [2:0]  cfg_msi_mme_i,
  input  wire [63:0] cfg_msi_addr_i,
  input  wire [15:0] cfg_msi_data_i,
  // Loader: cpu_system's, used while core_rst_ni is low.
  input  wire        ld_en_i,
  input  wire        ld_we_i,
  input  wire [31:0] ld_addr_i,
  input  wire [31:0] ld_wdata_i,
  output wire [31:0] ld_rdata_o,
  // FW.CTRL.HOLD: an adapter reset is holding the device (sgpu-sim's fault injection ends
  // a frozen control core's freeze on it).
  output wire        adapter_hold_o,
  // The control core, for the simulator's log.
  output wire        console_valid_o,
  output wire [7:0]  console_data_o,
  output wire        exit_valid_o,
  output wire [31:0] exit_code_o,
  output wire        bus_error_o,
  output wire [31:0] bus_error_addr_o,
  output wire [31:0] bus_error_pc_o,
  output wire        trap_o,
  output wire [31:0] trap_cause_o,
  output wire [31:0] trap_epc_o
);
  localparam integer BAR0_BITS = `SGPU_CFG_BAR0_BITS;
  localparam integer READ_TAGS = `SGPU_CFG_READ_TAGS;
  localparam integer VRAM_AW   = $clog2(VRAM_BYTES / 8);
  localparam integer BLK_AB    = `SGPU_ID_ADDR_BITS;
  localparam [31:0]  BOOT_ADDR = 32'h8000_0000;

  // ---------------------------------------------------------------- endpoint
  wire                 reg_req, reg_we, reg_ack, reg_err;
  wire [3:0]           reg_be;
  wire [BAR0_BITS-1:0] reg_addr;
  wire [31:0]          reg_wdata, reg_rdata;
  wire                 rd_req_valid, rd_req_ready, rd_data_valid, rd_data_ready;
  wire [63:0]          rd_req_addr, rd_data;
  wire [23:0]          rd_req_len;
  wire                 rd_data_last, rd_data_err;
  wire [1:0]           rd_err_code;
  wire                 wr_req_valid, wr_req_ready, wr_data_valid, wr_data_ready, wr_done;
  wire [63:0]          wr_req_addr, wr_data;
  wire [23:0]          wr_req_len;
  wire                 msi_req, msi_ack;
  wire [4:0]           msi_vector;
  wire [15:0]          stat_cpl_timeouts, stat_late_cpls, stat_bad_requests;

  pcie_ep #(.BAR0_BITS(BAR0_BITS), .READ_TAGS(READ_TAGS), .CLK_MHZ(CLK_MHZ)) u_ep (
    .clk_i                 (clk_i),
    .rst_ni                (rst_ni),
    .rx_tdata_i            (rx_tdata_i),
    .rx_tkeep_i            (rx_tkeep_i),
    .rx_tlast_i            (rx_tlast_i),
    .rx_tvalid_i           (rx_tvalid_i),
    .rx_tready_o           (rx_tready_o),
    .rx_tuser_i            (rx_tuser_i),
    .tx_tdata_o            (tx_tdata_o),
    .tx_tkeep_o            (tx_tkeep_o),
    .tx_tlast_o            (tx_tlast_o),
    .tx_tvalid_o           (tx_tvalid_o),
    .tx_tready_i           (tx_tready_i),
    .tx_tuser_o            (tx_tuser_o),
    .cfg_bus_number_i      (cfg_bus_number_i),
    .cfg_device_number_i   (cfg_device_number_i),
    .cfg_function_number_i (cfg_function_number_i),
    .cfg_command_i         (cfg_command_i),
    .cfg_dcommand_i        (cfg_dcommand_i),
    .cfg_dcommand2_i       (cfg_dcommand2_i),
    .cfg_msi_enable_i      (cfg_msi_enable_i),
    .cfg_msi_mme_i         (cfg_msi_mme_i),
    .cfg_msi_addr_i        (cfg_msi_addr_i),
    .cfg_msi_data_i        (cfg_msi_data_i),
    .reg_req_o             (reg_req),
    .reg_we_o              (reg_we),
    .reg_be_o              (reg_be),
    .reg_addr_o            (reg_addr),
    .reg_wdata_o           (reg_wdata),
    .reg_ack_i             (reg_ack),
    .reg_rdata_i           (reg_rdata),
    .reg_err_i             (reg_err),
    .rd_req_valid_i        (rd_req_valid),
    .rd_req_ready_o        (rd_req_ready),
    .rd_req_addr_i         (rd_req_addr),
    .rd_req_len_i          (rd_req_len),
    .rd_data_valid_o       (rd_data_valid),
    .rd_data_ready_i       (rd_data_ready),
    .rd_data_o             (rd_data),
    .rd_data_last_o        (rd_data_last),
    .rd_data_err_o         (rd_data_err),
    .rd_err_code_o         (rd_err_code),
    .rd_abort_i            (hold_rise),     // an adapter reset abandons every read
    .wr_req_valid_i        (wr_req_valid),
    .wr_req_ready_o        (wr_req_ready),
    .wr_req_addr_i         (wr_req_addr),
    .wr_req_len_i          (wr_req_len),
    .wr_data_valid_i       (wr_data_valid),
    .wr_data_ready_o       (wr_data_ready),
    .wr_data_i             (wr_data),
    .wr_done_o             (wr_done),
    .msi_req_i             (msi_req),
    .msi_vector_i          (msi_vector),
    .msi_ack_o             (msi_ack),
    .stat_cpl_timeouts_o   (stat_cpl_timeouts),
    .stat_late_cpls_o      (stat_late_cpls),
    .stat_bad_requests_o   (stat_bad_requests)
  );

  // ---------------------------------------------------------------- BAR0 decode
  wire              blk_we;
  wire [3:0]        blk_be;
  wire [BLK_AB-1:0] blk_addr;
  wire [31:0]       blk_wdata;
  wire              id_req, link_req, dma_req, h_cp_req, h_ctx_req, fw_req;
  wire [31:0]       id_rdata, link_rdata, dma_rdata, h_cp_rdata, fw_rdata;
  wire              h_stats_req;
  wire [31:0]       h_stats_rdata;

  bar0_decode #(.BAR0_BITS(BAR0_BITS)) u_decode (
    .clk_i        (clk_i),
    .rst_ni       (rst_ni),
    .s_req_i      (reg_req),
    .s_we_i       (reg_we),
    .s_be_i       (reg_be),
    .s_addr_i     (reg_addr),
    .s_wdata_i    (reg_wdata),
    .s_ack_o      (reg_ack),
    .s_rdata_o    (reg_rdata),
    .s_err_o      (reg_err),
    .m_we_o       (blk_we),
    .m_be_o       (blk_be),
    .m_addr_o     (blk_addr),
    .m_wdata_o    (blk_wdata),
    .id_req_o     (id_req),
    .id_rdata_i   (id_rdata),
    .link_req_o   (link_req),
    .link_rdata_i (link_rdata),
    .dma_req_o    (dma_req),
    .dma_rdata_i  (dma_rdata),
    .cp_req_o     (h_cp_req),
    .ctx_req_o    (h_ctx_req),
    .cp_rdata_i   (h_cp_rdata),
    .fw_req_o     (fw_req),
    .fw_rdata_i   (fw_rdata),
    .stats_req_o  (h_stats_req),
    .stats_rdata_i(h_stats_rdata)
  );

  // ---------------------------------------------------------------- adapter reset
  wire        hold, hold_rise;
  wire        fw_ld_en, fw_ld_we;
  wire [31:0] fw_ld_addr, fw_ld_wdata, ram_bytes;
  wire        held_rst_n = rst_ni & ~hold;

  fw_regs #(.RAM_BASE(BOOT_ADDR)) u_fw (
    .clk_i       (clk_i),
    .rst_ni      (rst_ni),
    .req_i       (fw_req),
    .we_i        (blk_we),
    .be_i        (blk_be),
    .addr_i      (blk_addr[`SGPU_FW_ADDR_BITS-1:0]),
    .wdata_i     (blk_wdata),
    .rdata_o     (fw_rdata),
    .ram_bytes_i (ram_bytes),
    .hold_o      (hold),
    .hold_rise_o (hold_rise),
    .ld_en_o     (fw_ld_en),
    .ld_we_o     (fw_ld_we),
    .ld_addr_o   (fw_ld_addr),
    .ld_wdata_o  (fw_ld_wdata),
    .ld_rdata_i  (ld_rdata_o)
  );
  assign adapter_hold_o = hold;

  // ---------------------------------------------------------------- control core
  // Outputs the device does not use: kept on wires so that lint sees them read.
  wire        bus_error_we, retire;
  wire [31:0] trap_tval, trap_vector;
  wire        io_req, io_we, io_err, core_irq;
  wire [3:0]  io_be;
  wire [31:0] io_addr, io_wdata, io_rdata;

  cpu_system #(.RAM_BYTES(CORE_RAM_BYTES), .IO_PORT(1'b1), .CP_PRESENT(1'b1)) u_cpu (
    .clk_i            (clk_i),
    .rst_ni           (held_rst_n & core_rst_ni),
    .boot_addr_i      (BOOT_ADDR),
    .console_valid_o  (console_valid_o),
    .console_data_o   (console_data_o),
    .exit_valid_o     (exit_valid_o),
    .exit_code_o      (exit_code_o),
    .bus_error_o      (bus_error_o),
    .bus_error_addr_o (bus_error_addr_o),
    .bus_error_we_o   (bus_error_we),
    .bus_error_pc_o   (bus_error_pc_o),
    .retire_o         (retire),
    .trap_o           (trap_o),
    .trap_cause_o     (trap_cause_o),
    .trap_epc_o       (trap_epc_o),
    .trap_tval_o      (trap_tval),
    .trap_vector_o    (trap_vector),
    .ld_en_i          (hold ? fw_ld_en : ld_en_i),
    .ld_we_i          (hold ? fw_ld_we : ld_we_i),
    .ld_addr_i        (hold ? fw_ld_addr : ld_addr_i),
    .ld_wdata_i       (hold ? fw_ld_wdata : ld_wdata_i),
    .ld_rdata_o       (ld_rdata_o),
    .ram_bytes_o      (ram_bytes),
    .host_id_req_i    (id_req),
    .host_id_we_i     (blk_we),
    .host_id_be_i     (blk_be),
    .host_id_addr_i   (blk_addr[`SGPU_ID_ADDR_BITS-1:0]),
    .host_id_wdata_i  (blk_wdata),
    .host_id_rdata_o  (id_rdata),
    .io_req_o         (io_req),
    .io_we_o          (io_we),
    .io_be_o          (io_be),
    .io_addr_o        (io_addr),
    .io_wdata_o       (io_wdata),
    .io_rdata_i       (io_rdata),
    .io_err_i         (io_err),
    .irq_i            (core_irq)
  );

  // The control core's io port to the command processor's blocks.
  localparam integer NE = `SGPU_ENG_COUNT;
  wire          c_cp_req, c_ctx_req, hostio_req, c_stats_req;
  wire [NE-1:0] eng_req;
  wire [11:0]   c_offset;
  wire [31:0]   c_cp_rdata, hostio_rdata, eng0_rdata, eng1_rdata;

  core_decode u_core_decode (
    .req_i        (io_req),
    .addr_i       (io_addr),
    .cp_req_o     (c_cp_req),
    .ctx_req_o    (c_ctx_req),
    .hostio_req_o (hostio_req),
    .stats_req_o  (c_stats_req),
    .eng_req_o    (eng_req),
    .offset_o     (c_offset),
    .err_o        (io_err)
  );
  assign io_rdata = c_cp_rdata | hostio_rdata | eng0_rdata | eng1_rdata;

  // ---------------------------------------------------------------- activity statistics
  // Written by the firmware, read by any host program (sgpu top) through BAR0. Its read
  // port takes the endpoint's unregistered address: bar0_decode answers a cycle later.
  stats_ram u_stats (
    .clk_i     (clk_i),
    .c_req_i   (c_stats_req),
    .c_we_i    (io_we),
    .c_be_i    (io_be),
    .c_addr_i  (c_offset[`SGPU_STATS_ADDR_BITS-1:2]),
    .c_wdata_i (io_wdata),
    .h_raddr_i (reg_addr[`SGPU_STATS_ADDR_BITS-1:2]),
    .h_req_i   (h_stats_req),
    .h_we_i    (blk_we),
    .h_rdata_o (h_stats_rdata)
  );

  // ---------------------------------------------------------------- cycle counter
  reg [63:0] cycles_q;
  always @(posedge clk_i) begin
    if (!rst_ni) cycles_q <= 64'd0;
    else         cycles_q <= cycles_q + 64'd1;
  end

  // ---------------------------------------------------------------- context table
  wire [5*NE-1:0]  e_ctx;
  wire [64*NE-1:0] e_ring_base, e_save_addr;
  wire [32*NE-1:0] e_ring_size, e_tail;
  wire             db_pending;

  ctx_regs #(.ENGINES(NE)) u_ctx (
    .clk_i         (clk_i),
    .rst_ni        (held_rst_n),
    .cycles_i      (cycles_q),
    .ctx_req_i     (c_ctx_req),
    .cp_req_i      (c_cp_req),
    .we_i          (io_we),
    .be_i          (io_be),
    .addr_i        (c_offset[`SGPU_CTX_ADDR_BITS-1:0]),
    .wdata_i       (io_wdata),
    .rdata_o       (c_cp_rdata),
    .h_ctx_req_i   (h_ctx_req),
    .h_cp_req_i    (h_cp_req),
    .h_we_i        (blk_we),
    .h_be_i        (blk_be),
    .h_addr_i      (blk_addr[`SGPU_CTX_ADDR_BITS-1:0]),
    .h_wdata_i     (blk_wdata),
    .h_rdata_o     (h_cp_rdata),
    .db_pending_o  (db_pending),
    .e_ctx_i       (e_ctx),
    .e_ring_base_o (e_ring_base),
    .e_ring_size_o (e_ring_size),
    .e_tail_o      (e_tail),
    .e_save_addr_o (e_save_addr)
  );

  // ---------------------------------------------------------------- shared ports
  // DMA read clients: 0 DMA block, 1 HOSTIO, 2/3 copy engine fetch/data, 4/5 compute's.
  // DMA write clients: 0 DMA block, 1 HOSTIO, 2 copy engine, 3 compute engine.
  // VRAM clients: 0 DMA block (priority), 1 copy engine, 2 compute engine.
  localparam integer RDC = 6, WRC = 4, VC = 3;
  wire [RDC-1:0]    r_req_valid, r_req_ready, r_data_valid, r_data_ready;
  wire [64*RDC-1:0] r_req_addr;
  wire [24*RDC-1:0] r_req_len;
  wire [63:0]       r_data;
  wire              r_data_last, r_data_err;
  wire [1:0]        r_err_code;
  wire [WRC-1:0]    w_req_valid, w_req_ready, w_data_valid, w_data_ready, w_done;
  wire [64*WRC-1:0] w_req_addr, w_data;
  wire [24*WRC-1:0] w_req_len;
  wire [VC-1:0]         v_rreq, v_rgnt, v_wreq, v_wgnt;
  wire [VRAM_AW*VC-1:0] v_raddr, v_waddr;
  wire [8*VC-1:0]       v_be;
  wire [64*VC-1:0]      v_wdata;
  wire                  vram_we, vram_re;
  wire [7:0]            vram_be;
  wire [VRAM_AW-1:0]    vram_waddr, vram_raddr;
  wire [63:0]           vram_wdata, vram_rdata;

  // The clients an adapter reset holds: HOSTIO and the engines (all but the DMA block).
  // While held they ask for nothing; the read data still due to them is taken and dropped
  // here, and dma_wr_drain finishes their writes.
  localparam [RDC-1:0] R_HELD = {{(RDC - 1){1'b1}}, 1'b0};
  localparam [WRC-1:0] W_HELD = {{(WRC - 1){1'b1}}, 1'b0};
  wire [RDC-1:0] r_held = R_HELD & {RDC{hold}};
  wire [WRC-1:0]    m_req_valid, m_req_ready, m_data_valid, m_data_ready, m_done;
  wire [64*WRC-1:0] m_req_addr, m_data;
  wire [24*WRC-1:0] m_req_len;

  dma_wr_drain #(.CLIENTS(WRC), .HELD(W_HELD)) u_wr_drain (
    .clk_i          (clk_i),
    .rst_ni         (rst_ni),
    .hold_i         (hold),
    .c_req_valid_i  (w_req_valid),
    .c_req_ready_o  (w_req_ready),
    .c_req_addr_i   (w_req_addr),
    .c_req_len_i    (w_req_len),
    .c_data_valid_i (w_data_valid),
    .c_data_ready_o (w_data_ready),
    .c_data_i       (w_data),
    .c_done_o       (w_done),
    .m_req_valid_o  (m_req_valid),
    .m_req_ready_i  (m_req_ready),
    .m_req_addr_o   (m_req_addr),
    .m_req_len_o    (m_req_len),
    .m_data_valid_o (m_data_valid),
    .m_data_ready_i (m_data_ready),
    .m_data_o       (m_data),
    .m_done_i       (m_done)
  );

  dma_rd_mux #(.CLIENTS(RDC)) u_rd_mux (
    .clk_i           (clk_i),
    .rst_ni          (rst_ni),
    .abort_i         (hold_rise),
    .c_req_valid_i   (r_req_valid & ~r_held),
    .c_req_ready_o   (r_req_ready),
    .c_req_addr_i    (r_req_addr),
    .c_req_len_i     (r_req_len),
    .c_data_valid_o  (r_data_valid),
    .c_data_ready_i  (r_data_ready | r_held),
    .c_data_o        (r_data),
    .c_data_last_o   (r_data_last),
    .c_data_err_o    (r_data_err),
    .c_err_code_o    (r_err_code),
    .rd_req_valid_o  (rd_req_valid),
    .rd_req_ready_i  (rd_req_ready),
    .rd_req_addr_o   (rd_req_addr),
    .rd_req_len_o    (rd_req_len),
    .rd_data_valid_i (rd_data_valid),
    .rd_data_ready_o (rd_data_ready),
    .rd_data_i       (rd_data),
    .rd_data_last_i  (rd_data_last),
    .rd_data_err_i   (rd_data_err),
    .rd_err_code_i   (rd_err_code)
  );

  dma_wr_mux #(.CLIENTS(WRC)) u_wr_mux (
    .clk_i           (clk_i),
    .rst_ni          (rst_ni),
    .c_req_valid_i   (m_req_valid),
    .c_req_ready_o   (m_req_ready),
    .c_req_addr_i    (m_req_addr),
    .c_req_len_i     (m_req_len),
    .c_data_valid_i  (m_data_valid),
    .c_data_ready_o  (m_data_ready),
    .c_data_i        (m_data),
    .c_done_o        (m_done),
    .wr_req_valid_o  (wr_req_valid),
    .wr_req_ready_i  (wr_req_ready),
    .wr_req_addr_o   (wr_req_addr),
    .wr_req_len_o    (wr_req_len),
    .wr_data_valid_o (wr_data_valid),
    .wr_data_ready_i (wr_data_ready),
    .wr_data_o       (wr_data),
    .wr_done_i       (wr_done)
  );

  vram_arb #(.CLIENTS(VC), .AW(VRAM_AW)) u_vram_arb (
    .clk_i     (clk_i),
    .rst_ni    (rst_ni),
    .vr_req_i  (v_rreq),
    .vr_addr_i (v_raddr),
    .vr_gnt_o  (v_rgnt),
    .vw_req_i  (v_wreq),
    .vw_addr_i (v_waddr),
    .vw_be_i   (v_be),
    .vw_data_i (v_wdata),
    .vw_gnt_o  (v_wgnt),
    .re_o      (vram_re),
    .raddr_o   (vram_raddr),
    .we_o      (vram_we),
    .waddr_o   (vram_waddr),
    .be_o      (vram_be),
    .wdata_o   (vram_wdata)
  );

  vram #(.VRAM_BYTES(VRAM_BYTES)) u_vram (
    .clk_i   (clk_i),
    .we_i    (vram_we),
    .be_i    (vram_be),
    .waddr_i (vram_waddr),
    .wdata_i (vram_wdata),
    .re_i    (vram_re),
    .raddr_i (vram_raddr),
    .rdata_o (vram_rdata)
  );

  // ---------------------------------------------------------------- LINK block and MSI
  wire       src_msi_req, src_msi_ack;
  wire [4:0] src_msi_vector;
  wire [1:0] m_msi_req, m_msi_ack;
  wire [9:0] m_msi_vector;

  msi_arb #(.SOURCES(2)) u_msi_arb (
    .clk_i      (clk_i),
    .rst_ni     (rst_ni),
    .s_req_i    (m_msi_req),
    .s_vector_i (m_msi_vector),
    .s_ack_o    (m_msi_ack),
    .m_req_o    (src_msi_req),
    .m_vector_o (src_msi_vector),
    .m_ack_i    (src_msi_ack)
  );

  link_regs u_link (
    .clk_i               (clk_i),
    .rst_ni              (rst_ni),
    .req_i               (link_req),
    .we_i                (blk_we),
    .be_i                (blk_be),
    .addr_i              (blk_addr[`SGPU_LINK_ADDR_BITS-1:0]),
    .wdata_i             (blk_wdata),
    .rdata_o             (link_rdata),
    .cfg_command_i       (cfg_command_i),
    .cfg_dcommand_i      (cfg_dcommand_i),
    .cfg_dcommand2_i     (cfg_dcommand2_i),
    .cfg_msi_enable_i    (cfg_msi_enable_i),
    .cfg_msi_mme_i       (cfg_msi_mme_i),
    .stat_cpl_timeouts_i (stat_cpl_timeouts),
    .stat_late_cpls_i    (stat_late_cpls),
    .stat_bad_requests_i (stat_bad_requests),
    .src_msi_req_i       (src_msi_req),
    .src_msi_vector_i    (src_msi_vector),
    .src_msi_ack_o       (src_msi_ack),
    .msi_req_o           (msi_req),
    .msi_vector_o        (msi_vector),
    .msi_ack_i           (msi_ack)
  );

  // ---------------------------------------------------------------- DMA block
  // Its VRAM accesses are always granted (vram_arb's client 0), so it ignores the grants.
  wire unused_dma_gnt = &{1'b0, v_rgnt[0], v_wgnt[0], 1'b0};

  host_dma #(.VRAM_BYTES(VRAM_BYTES)) u_dma (
    .clk_i           (clk_i),
    .rst_ni          (rst_ni),
    .req_i           (dma_req),
    .we_i            (blk_we),
    .be_i            (blk_be),
    .addr_i          (blk_addr[`SGPU_DMA_ADDR_BITS-1:0]),
    .wdata_i         (blk_wdata),
    .rdata_o         (dma_rdata),
    .rd_req_valid_o  (r_req_valid[0]),
    .rd_req_ready_i  (r_req_ready[0]),
    .rd_req_addr_o   (r_req_addr[0 +: 64]),
    .rd_req_len_o    (r_req_len[0 +: 24]),
    .rd_data_valid_i (r_data_valid[0]),
    .rd_data_ready_o (r_data_ready[0]),
    .rd_data_i       (r_data),
    .rd_data_last_i  (r_data_last),
    .rd_data_err_i   (r_data_err),
    .rd_err_code_i   (r_err_code),
    .wr_req_valid_o  (w_req_valid[0]),
    .wr_req_ready_i  (w_req_ready[0]),
    .wr_req_addr_o   (w_req_addr[0 +: 64]),
    .wr_req_len_o    (w_req_len[0 +: 24]),
    .wr_data_valid_o (w_data_valid[0]),
    .wr_data_ready_i (w_data_ready[0]),
    .wr_data_o       (w_data[0 +: 64]),
    .wr_done_i       (w_done[0]),
    .vram_we_o       (v_wreq[0]),
    .vram_be_o       (v_be[0 +: 8]),
    .vram_waddr_o    (v_waddr[0 +: VRAM_AW]),
    .vram_wdata_o    (v_wdata[0 +: 64]),
    .vram_re_o       (v_rreq[0]),
    .vram_raddr_o    (v_raddr[0 +: VRAM_AW]),
    .vram_rdata_i    (vram_rdata),
    .msi_req_o       (m_msi_req[0]),
    .msi_vector_o    (m_msi_vector[0 +: 5]),
    .msi_ack_i       (m_msi_ack[0])
  );

  // ---------------------------------------------------------------- HOSTIO
  hostio u_hostio (
    .clk_i           (clk_i),
    .rst_ni          (held_rst_n),
    .req_i           (hostio_req),
    .we_i            (io_we),
    .be_i            (io_be),
    .addr_i          (c_offset[`SGPU_HOSTIO_ADDR_BITS-1:0]),
    .wdata_i         (io_wdata),
    .rdata_o         (hostio_rdata),
    .rd_req_valid_o  (r_req_valid[1]),
    .rd_req_ready_i  (r_req_ready[1]),
    .rd_req_addr_o   (r_req_addr[64 +: 64]),
    .rd_req_len_o    (r_req_len[24 +: 24]),
    .rd_data_valid_i (r_data_valid[1]),
    .rd_data_ready_o (r_data_ready[1]),
    .rd_data_i       (r_data),
    .rd_data_last_i  (r_data_last),
    .rd_data_err_i   (r_data_err),
    .rd_err_code_i   (r_err_code),
    .wr_req_valid_o  (w_req_valid[1]),
    .wr_req_ready_i  (w_req_ready[1]),
    .wr_req_addr_o   (w_req_addr[64 +: 64]),
    .wr_req_len_o    (w_req_len[24 +: 24]),
    .wr_data_valid_o (w_data_valid[1]),
    .wr_data_ready_i (w_data_ready[1]),
    .wr_data_o       (w_data[64 +: 64]),
    .wr_done_i       (w_done[1]),
    .msi_req_o       (m_msi_req[1]),
    .msi_vector_o    (m_msi_vector[5 +: 5]),
    .msi_ack_i       (m_msi_ack[1])
  );

  // ---------------------------------------------------------------- engines
  wire [1:0]              eng_irq;
  wire [SHADER_CORES-1:0] busy_cores;
  assign core_irq = db_pending | (|eng_irq);

  copy_engine #(.VRAM_BYTES(VRAM_BYTES)) u_copy (
    .clk_i             (clk_i),
    .rst_ni            (held_rst_n),
    .req_i             (eng_req[0]),
    .we_i              (io_we),
    .be_i              (io_be),
    .addr_i            (c_offset[`SGPU_ENG_STRIDE_BITS-1:0]),
    .wdata_i           (io_wdata),
    .rdata_o           (eng0_rdata),
    .irq_o             (eng_irq[0]),
    .ctx_id_o          (e_ctx[0 +: 5]),
    .ctx_ring_base_i   (e_ring_base[0 +: 64]),
    .ctx_ring_size_i   (e_ring_size[0 +: 32]),
    .ctx_tail_i        (e_tail[0 +: 32]),
    .ctx_save_addr_i   (e_save_addr[0 +: 64]),
    .cycles_i          (cycles_q),
    .f_rd_req_valid_o  (r_req_valid[2]),
    .f_rd_req_ready_i  (r_req_ready[2]),
    .f_rd_req_addr_o   (r_req_addr[128 +: 64]),
    .f_rd_req_len_o    (r_req_len[48 +: 24]),
    .f_rd_data_valid_i (r_data_valid[2]),
    .f_rd_data_ready_o (r_data_ready[2]),
    .f_rd_data_i       (r_data),
    .f_rd_data_last_i  (r_data_last),
    .f_rd_data_err_i   (r_data_err),
    .f_rd_err_code_i   (r_err_code),
    .d_rd_req_valid_o  (r_req_valid[3]),
    .d_rd_req_ready_i  (r_req_ready[3]),
    .d_rd_req_addr_o   (r_req_addr[192 +: 64]),
    .d_rd_req_len_o    (r_req_len[72 +: 24]),
    .d_rd_data_valid_i (r_data_valid[3]),
    .d_rd_data_ready_o (r_data_ready[3]),
    .d_rd_data_i       (r_data),
    .d_rd_data_last_i  (r_data_last),
    .d_rd_data_err_i   (r_data_err),
    .d_rd_err_code_i   (r_err_code),
    .wr_req_valid_o    (w_req_valid[2]),
    .wr_req_ready_i    (w_req_ready[2]),
    .wr_req_addr_o     (w_req_addr[128 +: 64]),
    .wr_req_len_o      (w_req_len[48 +: 24]),
    .wr_data_valid_o   (w_data_valid[2]),
    .wr_data_ready_i   (w_data_ready[2]),
    .wr_data_o         (w_data[128 +: 64]),
    .wr_done_i         (w_done[2]),
    .vr_req_o          (v_rreq[1]),
    .vr_addr_o         (v_raddr[VRAM_AW +: VRAM_AW]),
    .vr_gnt_i          (v_rgnt[1]),
    .vr_rdata_i        (vram_rdata),
    .vw_req_o          (v_wreq[1]),
    .vw_addr_o         (v_waddr[VRAM_AW +: VRAM_AW]),
    .vw_be_o           (v_be[8 +: 8]),
    .vw_data_o         (v_wdata[64 +: 64]),
    .vw_gnt_i          (v_wgnt[1])
  );

  compute_engine #(.CORES(SHADER_CORES), .VRAM_BYTES(VRAM_BYTES)) u_compute (
    .clk_i             (clk_i),
    .rst_ni            (held_rst_n),
    .req_i             (eng_req[1]),
    .we_i              (io_we),
    .be_i              (io_be),
    .addr_i            (c_offset[`SGPU_ENG_STRIDE_BITS-1:0]),
    .wdata_i           (io_wdata),
    .rdata_o           (eng1_rdata),
    .irq_o             (eng_irq[1]),
    .ctx_id_o          (e_ctx[5 +: 5]),
    .ctx_ring_base_i   (e_ring_base[64 +: 64]),
    .ctx_ring_size_i   (e_ring_size[32 +: 32]),
    .ctx_tail_i        (e_tail[32 +: 32]),
    .ctx_save_addr_i   (e_save_addr[64 +: 64]),
    .cycles_i          (cycles_q),
    .f_rd_req_valid_o  (r_req_valid[4]),
    .f_rd_req_ready_i  (r_req_ready[4]),
    .f_rd_req_addr_o   (r_req_addr[256 +: 64]),
    .f_rd_req_len_o    (r_req_len[96 +: 24]),
    .f_rd_data_valid_i (r_data_valid[4]),
    .f_rd_data_ready_o (r_data_ready[4]),
    .f_rd_data_i       (r_data),
    .f_rd_data_last_i  (r_data_last),
    .f_rd_data_err_i   (r_data_err),
    .f_rd_err_code_i   (r_err_code),
    .d_rd_req_valid_o  (r_req_valid[5]),
    .d_rd_req_ready_i  (r_req_ready[5]),
    .d_rd_req_addr_o   (r_req_addr[320 +: 64]),
    .d_rd_req_len_o    (r_req_len[120 +: 24]),
    .d_rd_data_valid_i (r_data_valid[5]),
    .d_rd_data_ready_o (r_data_ready[5]),
    .d_rd_data_i       (r_data),
    .d_rd_data_last_i  (r_data_last),
    .d_rd_data_err_i   (r_data_err),
    .d_rd_err_code_i   (r_err_code),
    .wr_req_valid_o    (w_req_valid[3]),
    .wr_req_ready_i    (w_req_ready[3]),
    .wr_req_addr_o     (w_req_addr[192 +: 64]),
    .wr_req_len_o      (w_req_len[72 +: 24]),
    .wr_data_valid_o   (w_data_valid[3]),
    .wr_data_ready_i   (w_data_ready[3]),
    .wr_data_o         (w_data[192 +: 64]),
    .wr_done_i         (w_done[3]),
    .vr_req_o          (v_rreq[2]),
    .vr_addr_o         (v_raddr[2*VRAM_AW +: VRAM_AW]),
    .vr_gnt_i          (v_rgnt[2]),
    .vr_rdata_i        (vram_rdata),
    .vw_req_o          (v_wreq[2]),
    .vw_addr_o         (v_waddr[2*VRAM_AW +: VRAM_AW]),
    .vw_be_o           (v_be[16 +: 8]),
    .vw_data_o         (v_wdata[128 +: 64]),
    .vw_gnt_i          (v_wgnt[2]),
    .busy_cores_o      (busy_cores)
  );

  // Outputs the device has no use for (the bare runner logs cpu_system's).
  wire unused_ok = &{1'b0, bus_error_we, retire, trap_tval, trap_vector,
                     busy_cores, c_offset, unused_dma_gnt, 1'b0};
endmodule

`default_nettype wire
