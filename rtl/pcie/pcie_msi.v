// pcie_msi: sends a Message Signalled Interrupt as a one-DW memory write TLP.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "pcie_tlp.vh"

// A request (msi_req_i, msi_vector_i) is taken when the module is idle; the MSI capability
// (cfg_msi_*), the requester ID and bus master enable are sampled then, so the TLP is built
// from one consistent set. If MSI is disabled or bus mastering is off the request is dropped.
// Either way msi_ack_o is a one-cycle pulse, registered: in the cycle after the drop
// decision, or in the cycle after the TLP's last beat was taken; msi_req_i is not looked at
// during that pulse, so a requester may drop msi_req_i on seeing it.
// The TLP: MWr, 3-DW header when the message address is below 4 GiB, else 4-DW; TC 0, no
// attributes, length 1, tag 0, first BE 1111, last BE 0000. The payload is the DW whose low
// 16 bits are the message data with its low mme bits replaced by the vector (mme 6 and 7
// are reserved; taken as 5), upper 16 bits 0, in wire byte order.
module pcie_msi (
  input  wire        clk_i,
  input  wire        rst_ni,
  input  wire [7:0]  cfg_bus_number_i,
  input  wire [4:0]  cfg_device_number_i,
  input  wire [2:0]  cfg_function_number_i,
  input  wire [15:0] cfg_command_i,        // bit 2: bus master enable
  input  wire        cfg_msi_enable_i,
  input  wire [2:0]  cfg_msi_mme_i,
  input  wire [63:0] cfg_msi_addr_i,
  input  wire [15:0] cfg_msi_data_i,
  input  wire        msi_req_i,
  input  wire [4:0]  msi_vector_i,
  output wire        msi_ack_o,
  output wire [63:0] tx_tdata_o,
  output wire [7:0]  tx_tkeep_o,
  output wire        tx_tlast_o,
  output wire        tx_tvalid_o,
  input  wire        tx_tready_i
);
  localparam [1:0] S_IDLE = 2'd0;
  localparam [1:0] S_SEND = 2'd1;   // the TLP's beats, beat_q counts them
  localparam [1:0] S_ACK  = 2'd2;   // msi_ack_o high for this cycle

  reg [1:0]  state_q, state_d;
  reg [1:0]  beat_q, beat_d;
  reg        hdr4_q, hdr4_d;        // 4-DW header
  reg [63:0] addr_q, addr_d;
  reg [15:0] data_q, data_d;
  reg [15:0] rid_q, rid_d;

  // Low mme bits of the message data replaced by the vector.
  reg [15:0] vec_data;
  reg [15:0] vec_mask;
  always @* begin
    case (cfg_msi_mme_i)
      3'd0:    vec_mask = 16'h0000;
      3'd1:    vec_mask = 16'h0001;
      3'd2:    vec_mask = 16'h0003;
      3'd3:    vec_mask = 16'h0007;
      3'd4:    vec_mask = 16'h000F;
      default: vec_mask = 16'h001F;
    endcase
    vec_data = (cfg_msi_data_i & ~vec_mask) | ({11'd0, msi_vector_i} & vec_mask);
  end

  wire send_ok = cfg_msi_enable_i & cfg_command_i[2];
  wire [1:0] last_beat = hdr4_q ? 2'd2 : 2'd1;
  wire beat_done = state_q == S_SEND && tx_tready_i;

  always @* begin
    state_d = state_q;
    beat_d = beat_q;
    hdr4_d = hdr4_q;
    addr_d = addr_q;
    data_d = data_q;
    rid_d = rid_q;
    case (state_q)
      S_IDLE: if (msi_req_i) begin
        state_d = send_ok ? S_SEND : S_ACK;
        beat_d = 2'd0;
        hdr4_d = cfg_msi_addr_i[63:32] != 32'd0;
        addr_d = cfg_msi_addr_i;
        data_d = vec_data;
        rid_d = {cfg_bus_number_i, cfg_device_number_i, cfg_function_number_i};
      end
      S_SEND: if (beat_done) begin
        beat_d = beat_q + 2'd1;
        if (beat_q == last_beat) state_d = S_ACK;
      end
      default: state_d = S_IDLE;
    endcase
  end

  always @(posedge clk_i) begin
    if (!rst_ni) begin
      state_q <= S_IDLE;
      beat_q <= 2'd0;
      hdr4_q <= 1'b0;
      addr_q <= 64'd0;
      data_q <= 16'd0;
      rid_q <= 16'd0;
    end else begin
      state_q <= state_d;
      beat_q <= beat_d;
      hdr4_q <= hdr4_d;
      addr_q <= addr_d;
      data_q <= data_d;
      rid_q <= rid_d;
    end
  end

  // Header and payload DWs, fields as in the base specification.
  wire [2:0]  fmt = hdr4_q ? `TLP_FMT_4DW_DATA : `TLP_FMT_3DW_DATA;
  wire [31:0] dw0 = {fmt, `TLP_TYPE_MEM, 14'd0, 10'd1};   // TC, attr, TD, EP 0; length 1
  wire [31:0] dw1 = {rid_q, 8'd0, 4'b0000, 4'b1111};       // tag 0, last BE 0, first BE F
  wire [31:0] adr_lo = {addr_q[31:2], 2'b00};
  // The payload {16'd0, data} in wire order: the byte at the lowest address first.
  wire [31:0] payload = {data_q[7:0], data_q[15:8], 16'd0};

  reg [63:0] tdata;
  reg [7:0]  tkeep;
  always @* begin
    tkeep = 8'hFF;
    case (beat_q)
      2'd0:    tdata = {dw1, dw0};
      2'd1:    tdata = hdr4_q ? {adr_lo, addr_q[63:32]} : {payload, adr_lo};
      default: begin
        tdata = {32'd0, payload};
        tkeep = 8'h0F;
      end
    endcase
  end

  assign tx_tdata_o = tdata;
  assign tx_tkeep_o = tkeep;
  assign tx_tlast_o = beat_q == last_beat;
  assign tx_tvalid_o = state_q == S_SEND;
  assign msi_ack_o = state_q == S_ACK;

  wire unused_ok = &{1'b0, cfg_command_i[15:3], cfg_command_i[1:0]};
endmodule

`default_nettype wire
