// pcie_ep: the PCIe transaction-layer endpoint: BAR0 target, DMA read and write requesters
// and MSI on the 64-bit TLP streams of the 7-series hard IP (docs/pcie.md).
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// RX: pcie_rx_route sends completions to the read requester and everything else to the BAR0
// target. TX: pcie_tx_arb takes whole TLPs round-robin from, in this order, the BAR0
// target's completions, the read requester's MRds, the write requester's MWrs and MSI, so a
// TLP taken before another leaves before it: an MSI raised after wr_done_o follows the
// writes, and a register read answered after wr_done_o follows them too.
module pcie_ep #(
  parameter integer BAR0_BITS = 16,    // BAR0 size is 2^BAR0_BITS bytes
  parameter integer READ_TAGS = 8,     // memory reads outstanding at once
  parameter integer CLK_MHZ   = 125    // clk_i frequency, for the completion timeout
) (
  input  wire                 clk_i,
  input  wire                 rst_ni,
  // TLPs from the host (hard IP m_axis_rx).
  input  wire [63:0]          rx_tdata_i,
  input  wire [7:0]           rx_tkeep_i,
  input  wire                 rx_tlast_i,
  input  wire                 rx_tvalid_i,
  output wire                 rx_tready_o,
  input  wire [21:0]          rx_tuser_i,
  // TLPs to the host (hard IP s_axis_tx).
  output wire [63:0]          tx_tdata_o,
  output wire [7:0]           tx_tkeep_o,
  output wire                 tx_tlast_o,
  output wire                 tx_tvalid_o,
  input  wire                 tx_tready_i,
  output wire [3:0]           tx_tuser_o,
  // Configuration.
  input  wire [7:0]           cfg_bus_number_i,
  input  wire [4:0]           cfg_device_number_i,
  input  wire [2:0]           cfg_function_number_i,
  input  wire [15:0]          cfg_command_i,
  input  wire [15:0]          cfg_dcommand_i,
  input  wire [15:0]          cfg_dcommand2_i,
  input  wire                 cfg_msi_enable_i,
  input  wire [2:0]           cfg_msi_mme_i,
  input  wire [63:0]          cfg_msi_addr_i,
  input  wire [15:0]          cfg_msi_data_i,
  // BAR0 register bus.
  output wire                 reg_req_o,
  output wire                 reg_we_o,
  output wire [3:0]           reg_be_o,
  output wire [BAR0_BITS-1:0] reg_addr_o,
  output wire [31:0]          reg_wdata_o,
  input  wire                 reg_ack_i,
  input  wire [31:0]          reg_rdata_i,
  input  wire                 reg_err_i,
  // DMA read port.
  input  wire                 rd_req_valid_i,
  output wire                 rd_req_ready_o,
  input  wire [63:0]          rd_req_addr_i,
  input  wire [23:0]          rd_req_len_i,
  output wire                 rd_data_valid_o,
  input  wire                 rd_data_ready_i,
  output wire [63:0]          rd_data_o,
  output wire                 rd_data_last_o,
  output wire                 rd_data_err_o,
  output wire [1:0]           rd_err_code_o,
  input  wire                 rd_abort_i,
  // DMA write port.
  input  wire                 wr_req_valid_i,
  output wire                 wr_req_ready_o,
  input  wire [63:0]          wr_req_addr_i,
  input  wire [23:0]          wr_req_len_i,
  input  wire                 wr_data_valid_i,
  output wire                 wr_data_ready_o,
  input  wire [63:0]          wr_data_i,
  output wire                 wr_done_o,
  // MSI.
  input  wire                 msi_req_i,
  input  wire [4:0]           msi_vector_i,
  output wire                 msi_ack_o,
  // Counters.
  output wire [15:0]          stat_cpl_timeouts_o,
  output wire [15:0]          stat_late_cpls_o,
  output wire [15:0]          stat_bad_requests_o
);
  // RX routing.
  wire [63:0] cpl_tdata, req_tdata;
  wire [7:0]  cpl_tkeep;
  wire        cpl_tlast, cpl_tvalid, cpl_tready;
  wire        req_tlast, req_tvalid, req_tready, req_bar0;

  pcie_rx_route u_rx_route (
    .clk_i(clk_i), .rst_ni(rst_ni),
    .rx_tdata_i(rx_tdata_i), .rx_tkeep_i(rx_tkeep_i), .rx_tlast_i(rx_tlast_i),
    .rx_tvalid_i(rx_tvalid_i), .rx_tready_o(rx_tready_o), .rx_tuser_i(rx_tuser_i),
    .cpl_tdata_o(cpl_tdata), .cpl_tkeep_o(cpl_tkeep), .cpl_tlast_o(cpl_tlast),
    .cpl_tvalid_o(cpl_tvalid), .cpl_tready_i(cpl_tready),
    .req_tdata_o(req_tdata), .req_tlast_o(req_tlast), .req_tvalid_o(req_tvalid),
    .req_tready_i(req_tready), .req_bar0_o(req_bar0)
  );

  // TX sources: 0 completions, 1 MRd, 2 MWr, 3 MSI.
  localparam integer NSRC = 4;
  wire [64*NSRC-1:0] s_tdata;
  wire [8*NSRC-1:0]  s_tkeep;
  wire [NSRC-1:0]    s_tlast, s_tvalid, s_tready;

  pcie_bar0 #(.BAR0_BITS(BAR0_BITS)) u_bar0 (
    .clk_i(clk_i), .rst_ni(rst_ni),
    .cfg_bus_number_i(cfg_bus_number_i), .cfg_device_number_i(cfg_device_number_i),
    .cfg_function_number_i(cfg_function_number_i), .cfg_command_i(cfg_command_i),
    .rx_tdata_i(req_tdata), .rx_tlast_i(req_tlast), .rx_tvalid_i(req_tvalid),
    .rx_tready_o(req_tready), .rx_bar0_i(req_bar0),
    .tx_tdata_o(s_tdata[0 +: 64]), .tx_tkeep_o(s_tkeep[0 +: 8]), .tx_tlast_o(s_tlast[0]),
    .tx_tvalid_o(s_tvalid[0]), .tx_tready_i(s_tready[0]),
    .reg_req_o(reg_req_o), .reg_we_o(reg_we_o), .reg_be_o(reg_be_o), .reg_addr_o(reg_addr_o),
    .reg_wdata_o(reg_wdata_o), .reg_ack_i(reg_ack_i), .reg_rdata_i(reg_rdata_i),
    .reg_err_i(reg_err_i), .stat_bad_requests_o(stat_bad_requests_o)
  );

  pcie_dma_rd #(.READ_TAGS(READ_TAGS), .CLK_MHZ(CLK_MHZ)) u_dma_rd (
    .clk_i(clk_i), .rst_ni(rst_ni),
    .cfg_bus_number_i(cfg_bus_number_i), .cfg_device_number_i(cfg_device_number_i),
    .cfg_function_number_i(cfg_function_number_i), .cfg_command_i(cfg_command_i),
    .cfg_dcommand_i(cfg_dcommand_i), .cfg_dcommand2_i(cfg_dcommand2_i),
    .rd_req_valid_i(rd_req_valid_i), .rd_req_ready_o(rd_req_ready_o),
    .rd_req_addr_i(rd_req_addr_i), .rd_req_len_i(rd_req_len_i),
    .rd_data_valid_o(rd_data_valid_o), .rd_data_ready_i(rd_data_ready_i),
    .rd_data_o(rd_data_o), .rd_data_last_o(rd_data_last_o), .rd_data_err_o(rd_data_err_o),
    .rd_err_code_o(rd_err_code_o), .rd_abort_i(rd_abort_i),
    .cpl_tdata_i(cpl_tdata), .cpl_tkeep_i(cpl_tkeep), .cpl_tlast_i(cpl_tlast),
    .cpl_tvalid_i(cpl_tvalid), .cpl_tready_o(cpl_tready),
    .tx_tdata_o(s_tdata[64 +: 64]), .tx_tkeep_o(s_tkeep[8 +: 8]), .tx_tlast_o(s_tlast[1]),
    .tx_tvalid_o(s_tvalid[1]), .tx_tready_i(s_tready[1]),
    .stat_cpl_timeouts_o(stat_cpl_timeouts_o), .stat_late_cpls_o(stat_late_cpls_o)
  );

  pcie_dma_wr u_dma_wr (
    .clk_i(clk_i), .rst_ni(rst_ni),
    .cfg_bus_number_i(cfg_bus_number_i), .cfg_device_number_i(cfg_device_number_i),
    .cfg_function_number_i(cfg_function_number_i), .cfg_command_i(cfg_command_i),
    .cfg_dcommand_i(cfg_dcommand_i), .cfg_dcommand2_i(cfg_dcommand2_i),
    .wr_req_valid_i(wr_req_valid_i), .wr_req_ready_o(wr_req_ready_o),
    .wr_req_addr_i(wr_req_addr_i), .wr_req_len_i(wr_req_len_i),
    .wr_data_valid_i(wr_data_valid_i), .wr_data_ready_o(wr_data_ready_o),
    .wr_data_i(wr_data_i), .wr_done_o(wr_done_o),
    .tx_tdata_o(s_tdata[128 +: 64]), .tx_tkeep_o(s_tkeep[16 +: 8]), .tx_tlast_o(s_tlast[2]),
    .tx_tvalid_o(s_tvalid[2]), .tx_tready_i(s_tready[2])
  );

  pcie_msi u_msi (
    .clk_i(clk_i), .rst_ni(rst_ni),
    .cfg_bus_number_i(cfg_bus_number_i), .cfg_device_number_i(cfg_device_number_i),
    .cfg_function_number_i(cfg_function_number_i), .cfg_command_i(cfg_command_i),
    .cfg_msi_enable_i(cfg_msi_enable_i), .cfg_msi_mme_i(cfg_msi_mme_i),
    .cfg_msi_addr_i(cfg_msi_addr_i), .cfg_msi_data_i(cfg_msi_data_i),
    .msi_req_i(msi_req_i), .msi_vector_i(msi_vector_i), .msi_ack_o(msi_ack_o),
    .tx_tdata_o(s_tdata[192 +: 64]), .tx_tkeep_o(s_tkeep[24 +: 8]), .tx_tlast_o(s_tlast[3]),
    .tx_tvalid_o(s_tvalid[3]), .tx_tready_i(s_tready[3])
  );

  pcie_tx_arb #(.N(NSRC)) u_tx_arb (
    .clk_i(clk_i), .rst_ni(rst_ni),
    .s_tdata_i(s_tdata), .s_tkeep_i(s_tkeep), .s_tlast_i(s_tlast), .s_tvalid_i(s_tvalid),
    .s_tready_o(s_tready),
    .tx_tdata_o(tx_tdata_o), .tx_tkeep_o(tx_tkeep_o), .tx_tlast_o(tx_tlast_o),
    .tx_tvalid_o(tx_tvalid_o), .tx_tready_i(tx_tready_i)
  );

  // No streaming, no ECRC, nothing poisoned.
  assign tx_tuser_o = 4'd0;
endmodule

`default_nettype wire
