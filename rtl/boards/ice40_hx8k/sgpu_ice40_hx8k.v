// Board top for the iCE40-HX8K breakout board: the bare control-core system, console on the LEDs.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// The small configuration: 4 KiB of RAM, no loader (the RAM would be loaded through a
// bitstream initialisation or the UART link, which the boards work adds). Every other
// part is the portable RTL, so this file is the only board-specific piece.
module sgpu_ice40_hx8k (
  input  wire       clk_i,     // 12 MHz oscillator
  output wire [7:0] led_o      // last byte the firmware wrote to the console
);
  localparam [31:0] RAM_BASE = 32'h8000_0000;

  // Power-on reset: the iCE40 clears every flop at configuration, so count a few cycles.
  reg  [3:0] por_q = 4'd0;
  wire       rst_n = &por_q;
  always @(posedge clk_i) if (!rst_n) por_q <= por_q + 4'd1;

  wire       console_valid;
  wire [7:0] console_data;
  reg  [7:0] led_q = 8'd0;
  always @(posedge clk_i) if (console_valid) led_q <= console_data;
  assign led_o = led_q;

  cpu_system #(.RAM_BYTES(4096)) u_system (
    .clk_i, .rst_ni(rst_n), .boot_addr_i(RAM_BASE),
    .console_valid_o(console_valid), .console_data_o(console_data),
    .exit_valid_o(), .exit_code_o(),
    .bus_error_o(), .bus_error_addr_o(), .bus_error_we_o(), .bus_error_pc_o(),
    .retire_o(),
    .trap_o(), .trap_cause_o(), .trap_epc_o(), .trap_tval_o(), .trap_vector_o(),
    .ld_en_i(1'b0), .ld_we_i(1'b0), .ld_addr_i(32'd0), .ld_wdata_i(32'd0), .ld_rdata_o(),
    .ram_bytes_o(),
    .host_id_req_i(1'b0), .host_id_we_i(1'b0), .host_id_be_i(4'h0), .host_id_addr_i(12'h0),
    .host_id_wdata_i(32'd0), .host_id_rdata_o(),
    // No command processor on this board yet: the io port is off (IO_PORT 0).
    .io_req_o(), .io_we_o(), .io_be_o(), .io_addr_o(), .io_wdata_o(), .io_rdata_i(32'd0),
    .io_err_i(1'b1), .irq_i(1'b0)
  );
endmodule

`default_nettype wire
