// The whole sgpu device behind the PCIe hard IP: endpoint, control core, register blocks, DMA, VRAM.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sgpu_regs.vh"

// Everything a board (or sgpu-sim, whose Verilator top this is) puts behind the hard IP's
// TLP streams and configuration outputs (docs/pcie.md):
//  - pcie_ep, the transaction layer;
//  - bar0_decode: the endpoint's register bus to the BAR0 windows of the register map:
//    ID (in cpu_system, through its host_id_* port), LINK (link_regs), DMA (host_dma);
//  - cpu_system, the control core, held in reset by core_rst_ni while a loader writes its
//    firmware through ld_*; its console, exit, bus-error and trap outputs are ports;
//  - host_dma, moving data between host memory and VRAM through the endpoint's read and
//    write ports; its end-of-transfer MSI shares the endpoint's MSI port with LINK.MSI_SEND
//    (link_regs arbitrates);
//  - vram: the DMA engine uses its write port (to the device) and its read port (to the
//    host), a beat per cycle each.
// rst_ni resets everything (the control core and the ID block too); core_rst_ni only the
// control core and the ID block, so the host keeps its link while firmware is loaded.
module sgpu_device #(
  parameter integer CORE_RAM_BYTES = 262144,
  parameter integer VRAM_BYTES     = `SGPU_CFG_VRAM_BYTES,
  parameter integer CLK_MHZ        = 125
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
    .rd_abort_i            (1'b0),          // host_dma never gives up on a read it made
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
  wire              id_req, link_req, dma_req;
  wire [31:0]       id_rdata, link_rdata, dma_rdata;

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
    .dma_rdata_i  (dma_rdata)
  );

  // ---------------------------------------------------------------- control core
  // Outputs the device does not use: kept on wires so that lint sees them read.
  wire        bus_error_we, retire;
  wire [31:0] trap_tval, trap_vector, ram_bytes;

  cpu_system #(.RAM_BYTES(CORE_RAM_BYTES)) u_cpu (
    .clk_i            (clk_i),
    .rst_ni           (rst_ni & core_rst_ni),
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
    .ld_en_i          (ld_en_i),
    .ld_we_i          (ld_we_i),
    .ld_addr_i        (ld_addr_i),
    .ld_wdata_i       (ld_wdata_i),
    .ld_rdata_o       (ld_rdata_o),
    .ram_bytes_o      (ram_bytes),
    .host_id_req_i    (id_req),
    .host_id_we_i     (blk_we),
    .host_id_be_i     (blk_be),
    .host_id_addr_i   (blk_addr[`SGPU_ID_ADDR_BITS-1:0]),
    .host_id_wdata_i  (blk_wdata),
    .host_id_rdata_o  (id_rdata)
  );

  // ---------------------------------------------------------------- LINK block
  wire       dma_msi_req, dma_msi_ack;
  wire [4:0] dma_msi_vector;

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
    .src_msi_req_i       (dma_msi_req),
    .src_msi_vector_i    (dma_msi_vector),
    .src_msi_ack_o       (dma_msi_ack),
    .msi_req_o           (msi_req),
    .msi_vector_o        (msi_vector),
    .msi_ack_i           (msi_ack)
  );

  // ---------------------------------------------------------------- DMA block and VRAM
  wire               vram_we, vram_re;
  wire [7:0]         vram_be;
  wire [VRAM_AW-1:0] vram_waddr, vram_raddr;
  wire [63:0]        vram_wdata, vram_rdata;

  host_dma #(.VRAM_BYTES(VRAM_BYTES)) u_dma (
    .clk_i           (clk_i),
    .rst_ni          (rst_ni),
    .req_i           (dma_req),
    .we_i            (blk_we),
    .be_i            (blk_be),
    .addr_i          (blk_addr[`SGPU_DMA_ADDR_BITS-1:0]),
    .wdata_i         (blk_wdata),
    .rdata_o         (dma_rdata),
    .rd_req_valid_o  (rd_req_valid),
    .rd_req_ready_i  (rd_req_ready),
    .rd_req_addr_o   (rd_req_addr),
    .rd_req_len_o    (rd_req_len),
    .rd_data_valid_i (rd_data_valid),
    .rd_data_ready_o (rd_data_ready),
    .rd_data_i       (rd_data),
    .rd_data_last_i  (rd_data_last),
    .rd_data_err_i   (rd_data_err),
    .rd_err_code_i   (rd_err_code),
    .wr_req_valid_o  (wr_req_valid),
    .wr_req_ready_i  (wr_req_ready),
    .wr_req_addr_o   (wr_req_addr),
    .wr_req_len_o    (wr_req_len),
    .wr_data_valid_o (wr_data_valid),
    .wr_data_ready_i (wr_data_ready),
    .wr_data_o       (wr_data),
    .wr_done_i       (wr_done),
    .vram_we_o       (vram_we),
    .vram_be_o       (vram_be),
    .vram_waddr_o    (vram_waddr),
    .vram_wdata_o    (vram_wdata),
    .vram_re_o       (vram_re),
    .vram_raddr_o    (vram_raddr),
    .vram_rdata_i    (vram_rdata),
    .msi_req_o       (dma_msi_req),
    .msi_vector_o    (dma_msi_vector),
    .msi_ack_i       (dma_msi_ack)
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

  // cpu_system outputs the device has no use for (the bare runner logs them).
  wire unused_ok = &{1'b0, bus_error_we, retire, trap_tval, trap_vector, ram_bytes, 1'b0};
endmodule

`default_nettype wire
