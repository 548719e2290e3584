// sgpu-sim's Verilator top: sgpu_device with every input registered, for simulation speed.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sgpu_regs.vh"

// A Verilated model (5.x) re-evaluates all logic that depends combinationally on a top-level
// input at every eval() call, twice a cycle; behind these registers that logic is evaluated
// once, after the rising edge (twice as fast with sgpu_device's endpoint). The harness (model.cpp) drives each input a cycle ahead (it knows
// the next cycle's inputs at the end of the current one), so sgpu_device sees exactly what
// it would see with its inputs driven directly, cycle for cycle; its outputs are its own.
module sgpu_sim_top #(
  parameter integer CORE_RAM_BYTES = 262144,
  parameter integer VRAM_BYTES     = `SGPU_CFG_VRAM_BYTES,
  parameter integer CLK_MHZ        = 125
) (
  input  wire        clk_i,
  // Each input below is the value for the next cycle.
  input  wire        rst_ni,
  input  wire        core_rst_ni,
  input  wire [63:0] rx_tdata_i,
  input  wire [7:0]  rx_tkeep_i,
  input  wire        rx_tlast_i,
  input  wire        rx_tvalid_i,
  output wire        rx_tready_o,
  input  wire [21:0] rx_tuser_i,
  output wire [63:0] tx_tdata_o,
  output wire [7:0]  tx_tkeep_o,
  output wire        tx_tlast_o,
  output wire        tx_tvalid_o,
  input  wire        tx_tready_i,
  output wire [3:0]  tx_tuser_o,
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
  input  wire        ld_en_i,
  input  wire        ld_we_i,
  input  wire [31:0] ld_addr_i,
  input  wire [31:0] ld_wdata_i,
  output wire [31:0] ld_rdata_o,
  output wire        adapter_hold_o,
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
  reg        rst_n_q, core_rst_n_q;
  reg [63:0] rx_tdata_q;
  reg [7:0]  rx_tkeep_q;
  reg        rx_tlast_q, rx_tvalid_q;
  reg [21:0] rx_tuser_q;
  reg        tx_tready_q;
  reg [7:0]  bus_q;
  reg [4:0]  dev_q;
  reg [2:0]  fn_q;
  reg [15:0] command_q, dcommand_q, dcommand2_q;
  reg        msi_enable_q;
  reg [2:0]  msi_mme_q;
  reg [63:0] msi_addr_q;
  reg [15:0] msi_data_q;
  reg        ld_en_q, ld_we_q;
  reg [31:0] ld_addr_q, ld_wdata_q;

  always @(posedge clk_i) begin
    rst_n_q      <= rst_ni;
    core_rst_n_q <= core_rst_ni;
    rx_tdata_q   <= rx_tdata_i;
    rx_tkeep_q   <= rx_tkeep_i;
    rx_tlast_q   <= rx_tlast_i;
    rx_tvalid_q  <= rx_tvalid_i;
    rx_tuser_q   <= rx_tuser_i;
    tx_tready_q  <= tx_tready_i;
    bus_q        <= cfg_bus_number_i;
    dev_q        <= cfg_device_number_i;
    fn_q         <= cfg_function_number_i;
    command_q    <= cfg_command_i;
    dcommand_q   <= cfg_dcommand_i;
    dcommand2_q  <= cfg_dcommand2_i;
    msi_enable_q <= cfg_msi_enable_i;
    msi_mme_q    <= cfg_msi_mme_i;
    msi_addr_q   <= cfg_msi_addr_i;
    msi_data_q   <= cfg_msi_data_i;
    ld_en_q      <= ld_en_i;
    ld_we_q      <= ld_we_i;
    ld_addr_q    <= ld_addr_i;
    ld_wdata_q   <= ld_wdata_i;
  end

  sgpu_device #(
    .CORE_RAM_BYTES(CORE_RAM_BYTES),
    .VRAM_BYTES    (VRAM_BYTES),
    .CLK_MHZ       (CLK_MHZ)
  ) u_dev (
    .clk_i                (clk_i),
    .rst_ni               (rst_n_q),
    .core_rst_ni          (core_rst_n_q),
    .rx_tdata_i           (rx_tdata_q),
    .rx_tkeep_i           (rx_tkeep_q),
    .rx_tlast_i           (rx_tlast_q),
    .rx_tvalid_i          (rx_tvalid_q),
    .rx_tready_o          (rx_tready_o),
    .rx_tuser_i           (rx_tuser_q),
    .tx_tdata_o           (tx_tdata_o),
    .tx_tkeep_o           (tx_tkeep_o),
    .tx_tlast_o           (tx_tlast_o),
    .tx_tvalid_o          (tx_tvalid_o),
    .tx_tready_i          (tx_tready_q),
    .tx_tuser_o           (tx_tuser_o),
    .cfg_bus_number_i     (bus_q),
    .cfg_device_number_i  (dev_q),
    .cfg_function_number_i(fn_q),
    .cfg_command_i        (command_q),
    .cfg_dcommand_i       (dcommand_q),
    .cfg_dcommand2_i      (dcommand2_q),
    .cfg_msi_enable_i     (msi_enable_q),
    .cfg_msi_mme_i        (msi_mme_q),
    .cfg_msi_addr_i       (msi_addr_q),
    .cfg_msi_data_i       (msi_data_q),
    .ld_en_i              (ld_en_q),
    .ld_we_i              (ld_we_q),
    .ld_addr_i            (ld_addr_q),
    .ld_wdata_i           (ld_wdata_q),
    .ld_rdata_o           (ld_rdata_o),
    .adapter_hold_o       (adapter_hold_o),
    .console_valid_o      (console_valid_o),
    .console_data_o       (console_data_o),
    .exit_valid_o         (exit_valid_o),
    .exit_code_o          (exit_code_o),
    .bus_error_o          (bus_error_o),
    .bus_error_addr_o     (bus_error_addr_o),
    .bus_error_pc_o       (bus_error_pc_o),
    .trap_o               (trap_o),
    .trap_cause_o         (trap_cause_o),
    .trap_epc_o           (trap_epc_o)
  );
endmodule

`default_nettype wire
