// Measurement top: the control core with its 4 KiB RAM on the iCE40-HX8K, console on the LEDs.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// `make synth` places this to measure the core with its memories (register file and RAM)
// apart from the system's timer and identity registers, which sgpu_ice40_hx8k adds. The
// interrupt lines come from pins so that synthesis keeps the interrupt logic.
module sgpu_ice40_core (
  input  wire       clk_i,
  input  wire       irq_timer_i,
  input  wire       irq_external_i,
  output wire [7:0] led_o
);
  localparam [31:0] RAM_BASE = 32'h8000_0000;
  localparam [31:0] CONSOLE  = 32'h1000_0000;

  reg  [3:0] por_q = 4'd0;
  wire       rst_n = &por_q;
  always @(posedge clk_i) if (!rst_n) por_q <= por_q + 4'd1;

  wire        imem_req, dmem_req, dmem_we;
  wire [31:0] imem_addr, dmem_addr, dmem_wdata, ram_fetch, ram_rdata;
  wire [3:0]  dmem_be;
  wire        ram_sel = dmem_addr[31:12] == RAM_BASE[31:12];
  wire        fetch_sel = imem_addr[31:12] == RAM_BASE[31:12];
  wire        unused_fetch_bits = &{1'b0, imem_addr[1:0]};  // fetches are word-aligned

  // As in cpu_system: a fetch or read outside RAM returns 0.
  reg        rvalid_q = 1'b0, ram_sel_q = 1'b0, fetch_sel_q = 1'b0;
  reg  [7:0] led_q = 8'd0;
  always @(posedge clk_i) begin
    rvalid_q  <= dmem_req;
    ram_sel_q <= ram_sel;
    fetch_sel_q <= fetch_sel;
    if (dmem_req && dmem_we && dmem_addr == CONSOLE) led_q <= dmem_wdata[7:0];
  end
  assign led_o = led_q;

  ram_2r1w #(.BYTES(4096)) u_ram (
    .clk_i,
    .we_i(dmem_req && dmem_we && ram_sel), .be_i(dmem_be), .waddr_i(dmem_addr[11:2]),
    .wdata_i(dmem_wdata),
    .re_a_i(imem_req), .raddr_a_i(imem_addr[11:2]), .rdata_a_o(ram_fetch),
    .re_b_i(dmem_req), .raddr_b_i(dmem_addr[11:2]), .rdata_b_o(ram_rdata)
  );

  cpu_core u_core (
    .clk_i, .rst_ni(rst_n), .boot_addr_i(RAM_BASE),
    .imem_req_o(imem_req), .imem_addr_o(imem_addr), .imem_rdata_i(fetch_sel_q ? ram_fetch : 32'd0),
    .dmem_req_o(dmem_req), .dmem_we_o(dmem_we), .dmem_be_o(dmem_be), .dmem_addr_o(dmem_addr),
    .dmem_wdata_o(dmem_wdata), .dmem_rvalid_i(rvalid_q),
    .dmem_rdata_i(ram_sel_q ? ram_rdata : 32'd0),
    .irq_timer_i, .irq_external_i,
    .retire_o(), .trap_o(), .trap_cause_o(), .trap_epc_o(), .trap_tval_o(), .trap_vector_o(),
    .dbg_dmem_pc_o()
  );
endmodule

`default_nettype wire
