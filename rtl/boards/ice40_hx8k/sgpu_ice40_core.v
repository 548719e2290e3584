// Measurement top: the control core with its 4 KiB RAM on the iCE40-HX8K, console on the LEDs.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// `make synth` places this to measure the core with its memories (register file and RAM)
// apart from the system's timer and identity registers. Interrupt lines come from pins so
// that synthesis keeps that logic. The memory side is cpu_system's: requests registered and
// decoded in the answer's cycle (a store lands then), a fetch outside RAM flagged on
// imem_err, reads every cycle. No initial values on the address flops: yosys then merges
// them with the core's own copies.
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
  reg         rq_q = 1'b0, rq_we_q = 1'b0;
  reg  [3:0]  rq_be_q = 4'd0;
  reg  [31:0] rq_addr_q, rq_wdata_q, if_addr_q;
  reg  [7:0]  led_q = 8'd0;
  wire        fetch_ok = if_addr_q[31:12] == RAM_BASE[31:12];
  wire        rq_ram   = rq_addr_q[31:12] == RAM_BASE[31:12];
  always @(posedge clk_i) begin
    rq_q <= dmem_req;           rq_we_q <= dmem_we;         rq_be_q <= dmem_be;
    rq_addr_q <= dmem_addr;     rq_wdata_q <= dmem_wdata;   if_addr_q <= imem_addr;
    if (rq_q && rq_we_q && rq_addr_q == CONSOLE) led_q <= rq_wdata_q[7:0];
  end
  assign led_o = led_q;
  wire unused_ok = &{1'b0, imem_req, if_addr_q[11:0], rq_addr_q[1:0]};

  ram_2r1w #(.BYTES(4096)) u_ram (
    .clk_i, .we_i(rq_q && rq_we_q && rq_ram), .be_i(rq_be_q), .waddr_i(rq_addr_q[11:2]),
    .wdata_i(rq_wdata_q),
    .re_a_i(1'b1), .raddr_a_i(imem_addr[11:2]), .rdata_a_o(ram_fetch),
    .re_b_i(1'b1), .raddr_b_i(dmem_addr[11:2]), .rdata_b_o(ram_rdata)
  );

  cpu_core u_core (
    .clk_i, .rst_ni(rst_n), .boot_addr_i(RAM_BASE), .imem_req_o(imem_req),
    .imem_addr_o(imem_addr), .imem_rdata_i(ram_fetch), .imem_err_i(!fetch_ok),
    .dmem_req_o(dmem_req), .dmem_we_o(dmem_we), .dmem_be_o(dmem_be), .dmem_addr_o(dmem_addr),
    .dmem_wdata_o(dmem_wdata), .dmem_rvalid_i(rq_q), .dmem_rdata_i(rq_ram ? ram_rdata : 32'd0),
    .irq_timer_i, .irq_external_i,
    .retire_o(), .trap_o(), .trap_cause_o(), .trap_epc_o(), .trap_tval_o(), .trap_vector_o(),
    .dbg_dmem_pc_o()
  );
endmodule

`default_nettype wire
