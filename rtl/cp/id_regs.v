// ID register block: magic, version, capabilities, scratch, firmware status and heartbeat.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sgpu_regs.vh"

// The core-side port: a request (word-aligned byte offset inside the block, byte enables)
// is read combinationally on rdata_o in its own cycle (0 when there is no read) and written
// at the clock edge that ends it, honouring the byte enables; drive it from flops
// (cpu_system registers the core's request). MAGIC, VERSION and CAPS are read-only; SCRATCH
// FW_STATUS and HEARTBEAT are read-write (FW_STATUS keeps only its field bits). Offsets that
// hold no register read as 0 and ignore writes.
// The host-side (BAR0) port h_* has the same timing; FW_STATUS and HEARTBEAT are read-only
// there (they are the firmware's word about itself). When both ports write SCRATCH in one
// cycle, the host's bytes win. The block is reset with the control core (an adapter reset
// too), so FW_STATUS and HEARTBEAT read NONE / 0 until new firmware writes them.
// CAPS is the map's reset value, with CAPS.CP cleared unless CP_PRESENT (the bare
// control-core system has no command processor).
module id_regs #(
  parameter CP_PRESENT = 1'b0
) (
  input  wire                          clk_i,
  input  wire                          rst_ni,
  input  wire                          req_i,
  input  wire                          we_i,
  input  wire [3:0]                    be_i,
  input  wire [`SGPU_ID_ADDR_BITS-1:0] addr_i,
  input  wire [31:0]                   wdata_i,
  output wire [31:0]                   rdata_o,
  input  wire                          h_req_i,
  input  wire                          h_we_i,
  input  wire [3:0]                    h_be_i,
  input  wire [`SGPU_ID_ADDR_BITS-1:0] h_addr_i,
  input  wire [31:0]                   h_wdata_i,
  output wire [31:0]                   h_rdata_o
);
  localparam integer AB = `SGPU_ID_ADDR_BITS;
  localparam [AB-1:0] OFF_MAGIC     = `SGPU_ID_MAGIC_OFFSET;
  localparam [AB-1:0] OFF_VERSION   = `SGPU_ID_VERSION_OFFSET;
  localparam [AB-1:0] OFF_CAPS      = `SGPU_ID_CAPS_OFFSET;
  localparam [AB-1:0] OFF_SCRATCH   = `SGPU_ID_SCRATCH_OFFSET;
  localparam [AB-1:0] OFF_FW_STATUS = `SGPU_ID_FW_STATUS_OFFSET;
  localparam [AB-1:0] OFF_HEARTBEAT = `SGPU_ID_HEARTBEAT_OFFSET;
  // The FW_STATUS bits that hold a field; the others read as 0.
  localparam [31:0] FW_STATUS_BITS =
      (((32'd1 << `SGPU_ID_FW_STATUS_STATE_WIDTH) - 32'd1) << `SGPU_ID_FW_STATUS_STATE_LSB) |
      (((32'd1 << `SGPU_ID_FW_STATUS_CODE_WIDTH) - 32'd1) << `SGPU_ID_FW_STATUS_CODE_LSB);

  localparam [31:0] CAPS = CP_PRESENT ? `SGPU_ID_CAPS_RESET
                                      : (`SGPU_ID_CAPS_RESET & ~(32'd1 << `SGPU_ID_CAPS_CP_LSB));

  reg [31:0] scratch_q, scratch_d;
  reg [31:0] fw_status_q, fw_status_d;
  reg [31:0] heartbeat_q, heartbeat_d;
  reg [31:0] rdata, h_rdata;

  function [31:0] merge(input [31:0] old, input [31:0] data, input [3:0] be);
    integer b;
    begin
      for (b = 0; b < 4; b = b + 1)
        merge[8*b +: 8] = be[b] ? data[8*b +: 8] : old[8*b +: 8];
    end
  endfunction

  // The value of the register at a byte offset, for any read port.
  function [31:0] read_reg(input [AB-1:0] offset, input [31:0] scratch, input [31:0] fw_status,
                           input [31:0] heartbeat);
    begin
      case (offset)
        OFF_MAGIC:     read_reg = `SGPU_ID_MAGIC_RESET;
        OFF_VERSION:   read_reg = `SGPU_ID_VERSION_RESET;
        OFF_CAPS:      read_reg = CAPS;
        OFF_SCRATCH:   read_reg = scratch;
        OFF_FW_STATUS: read_reg = fw_status;
        OFF_HEARTBEAT: read_reg = heartbeat;
        default:       read_reg = 32'd0;
      endcase
    end
  endfunction

  wire wr   = req_i & we_i;
  wire h_wr = h_req_i & h_we_i;

  always @* begin
    scratch_d = scratch_q;
    if (wr && addr_i == OFF_SCRATCH) scratch_d = merge(scratch_d, wdata_i, be_i);
    if (h_wr && h_addr_i == OFF_SCRATCH) scratch_d = merge(scratch_d, h_wdata_i, h_be_i);
    fw_status_d = fw_status_q;
    if (wr && addr_i == OFF_FW_STATUS) fw_status_d = merge(fw_status_q, wdata_i, be_i) & FW_STATUS_BITS;
    heartbeat_d = heartbeat_q;
    if (wr && addr_i == OFF_HEARTBEAT) heartbeat_d = merge(heartbeat_q, wdata_i, be_i);
    rdata = 32'd0;
    if (req_i && !we_i) rdata = read_reg(addr_i, scratch_q, fw_status_q, heartbeat_q);
    h_rdata = 32'd0;
    if (h_req_i && !h_we_i) h_rdata = read_reg(h_addr_i, scratch_q, fw_status_q, heartbeat_q);
  end

  always @(posedge clk_i) begin
    if (!rst_ni) begin
      scratch_q   <= `SGPU_ID_SCRATCH_RESET;
      fw_status_q <= `SGPU_ID_FW_STATUS_RESET & FW_STATUS_BITS;
      heartbeat_q <= `SGPU_ID_HEARTBEAT_RESET;
    end else begin
      scratch_q   <= scratch_d;
      fw_status_q <= fw_status_d;
      heartbeat_q <= heartbeat_d;
    end
  end

  assign rdata_o   = rdata;
  assign h_rdata_o = h_rdata;
endmodule

`default_nettype wire
