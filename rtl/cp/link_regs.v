// LINK register block: the link's configuration, the endpoint's counters, and MSI sending.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sgpu_regs.vh"

// Register port timed as id_regs: a request (from flops) is read combinationally on rdata_o
// in its cycle (0 when there is no read) and written at the clock edge that ends it.
// Offsets that hold no register read as 0 and ignore writes.
// STATUS shows the configuration inputs as the host programmed them; the counters are the
// endpoint's (16-bit, saturating, zero-extended).
// MSI: the endpoint's msi_req_o is held until msi_ack_i and serves two senders:
//  - MSI_SEND: a write (byte 0 enabled) marks its vector pending; pending vectors are sent
//    lowest first. A vector written again before it was sent is sent once (as an interrupt
//    line would), one written again after it was handed to the endpoint is sent again.
//  - src_msi_*: another block's request (the DMA block's), held until src_msi_ack_o.
// When both want to send, they take turns, so neither can starve the other.
module link_regs (
  input  wire                            clk_i,
  input  wire                            rst_ni,
  input  wire                            req_i,
  input  wire                            we_i,
  input  wire [3:0]                      be_i,
  input  wire [`SGPU_LINK_ADDR_BITS-1:0] addr_i,
  input  wire [31:0]                     wdata_i,
  output wire [31:0]                     rdata_o,
  // The configuration the host programmed (docs/pcie.md).
  input  wire [15:0]                     cfg_command_i,
  input  wire [15:0]                     cfg_dcommand_i,
  input  wire [15:0]                     cfg_dcommand2_i,
  input  wire                            cfg_msi_enable_i,
  input  wire [2:0]                      cfg_msi_mme_i,
  // The endpoint's counters.
  input  wire [15:0]                     stat_cpl_timeouts_i,
  input  wire [15:0]                     stat_late_cpls_i,
  input  wire [15:0]                     stat_bad_requests_i,
  // Another MSI sender: request held until acknowledged.
  input  wire                            src_msi_req_i,
  input  wire [4:0]                      src_msi_vector_i,
  output wire                            src_msi_ack_o,
  // To the endpoint's MSI port.
  output wire                            msi_req_o,
  output wire [4:0]                      msi_vector_o,
  input  wire                            msi_ack_i
);
  localparam integer AB = `SGPU_LINK_ADDR_BITS;
  localparam [AB-1:0] OFF_STATUS       = `SGPU_LINK_STATUS_OFFSET;
  localparam [AB-1:0] OFF_CPL_TIMEOUTS = `SGPU_LINK_CPL_TIMEOUTS_OFFSET;
  localparam [AB-1:0] OFF_LATE_CPLS    = `SGPU_LINK_LATE_CPLS_OFFSET;
  localparam [AB-1:0] OFF_BAD_REQUESTS = `SGPU_LINK_BAD_REQUESTS_OFFSET;
  localparam [AB-1:0] OFF_MSI_SEND     = `SGPU_LINK_MSI_SEND_OFFSET;

  // ---------------------------------------------------------------- reads
  reg [31:0] status;
  reg [31:0] rdata;

  always @* begin
    status = 32'd0;
    status[`SGPU_LINK_STATUS_MAX_PAYLOAD_LSB +: `SGPU_LINK_STATUS_MAX_PAYLOAD_WIDTH]         = cfg_dcommand_i[7:5];
    status[`SGPU_LINK_STATUS_MAX_READ_REQ_LSB +: `SGPU_LINK_STATUS_MAX_READ_REQ_WIDTH]       = cfg_dcommand_i[14:12];
    status[`SGPU_LINK_STATUS_BUS_MASTER_LSB +: `SGPU_LINK_STATUS_BUS_MASTER_WIDTH]           = cfg_command_i[2];
    status[`SGPU_LINK_STATUS_MSI_ENABLE_LSB +: `SGPU_LINK_STATUS_MSI_ENABLE_WIDTH]           = cfg_msi_enable_i;
    status[`SGPU_LINK_STATUS_MSI_MME_LSB +: `SGPU_LINK_STATUS_MSI_MME_WIDTH]                 = cfg_msi_mme_i;
    status[`SGPU_LINK_STATUS_CPL_TIMEOUT_LSB +: `SGPU_LINK_STATUS_CPL_TIMEOUT_WIDTH]         = cfg_dcommand2_i[3:0];
    status[`SGPU_LINK_STATUS_CPL_TIMEOUT_DIS_LSB +: `SGPU_LINK_STATUS_CPL_TIMEOUT_DIS_WIDTH] = cfg_dcommand2_i[4];

    rdata = 32'd0;
    if (req_i && !we_i) begin
      case (addr_i)
        OFF_STATUS:       rdata = status;
        OFF_CPL_TIMEOUTS: rdata = {16'd0, stat_cpl_timeouts_i};
        OFF_LATE_CPLS:    rdata = {16'd0, stat_late_cpls_i};
        OFF_BAD_REQUESTS: rdata = {16'd0, stat_bad_requests_i};
        default:          rdata = 32'd0;   // MSI_SEND is write-only
      endcase
    end
  end

  // ---------------------------------------------------------------- MSI
  reg [31:0] pend_q, pend_d;        // MSI_SEND vectors not yet handed to the arbiter
  reg        busy_q, busy_d;        // msi_req_o: a request is with the endpoint
  reg [4:0]  vector_q, vector_d;
  reg        owner_src_q, owner_src_d;  // the request is src_msi_*'s
  reg        turn_src_q, turn_src_d;    // on a tie, src_msi_* goes next
  reg [4:0]  pend_low;              // lowest pending vector

  integer v;
  always @* begin
    pend_low = 5'd0;
    for (v = 31; v >= 0; v = v - 1)
      if (pend_q[v]) pend_low = v[4:0];
  end

  wire send_wr = req_i && we_i && be_i[0] && addr_i == OFF_MSI_SEND;
  wire [4:0] send_vector = wdata_i[`SGPU_LINK_MSI_SEND_VECTOR_LSB +: `SGPU_LINK_MSI_SEND_VECTOR_WIDTH];

  always @* begin
    pend_d      = pend_q;
    busy_d      = busy_q;
    vector_d    = vector_q;
    owner_src_d = owner_src_q;
    turn_src_d  = turn_src_q;
    if (busy_q) begin
      if (msi_ack_i) busy_d = 1'b0;
    end else if (src_msi_req_i && (turn_src_q || pend_q == 32'd0)) begin
      busy_d      = 1'b1;
      vector_d    = src_msi_vector_i;
      owner_src_d = 1'b1;
      turn_src_d  = 1'b0;
    end else if (pend_q != 32'd0) begin
      busy_d      = 1'b1;
      vector_d    = pend_low;
      owner_src_d = 1'b0;
      turn_src_d  = 1'b1;
      pend_d[pend_low] = 1'b0;
    end
    // After the grant above: a write in the grant's cycle marks its vector again.
    if (send_wr) pend_d[send_vector] = 1'b1;
  end

  always @(posedge clk_i) begin
    if (!rst_ni) begin
      pend_q      <= 32'd0;
      busy_q      <= 1'b0;
      vector_q    <= 5'd0;
      owner_src_q <= 1'b0;
      turn_src_q  <= 1'b0;
    end else begin
      pend_q      <= pend_d;
      busy_q      <= busy_d;
      vector_q    <= vector_d;
      owner_src_q <= owner_src_d;
      turn_src_q  <= turn_src_d;
    end
  end

  assign rdata_o       = rdata;
  assign msi_req_o     = busy_q;
  assign msi_vector_o  = vector_q;
  assign src_msi_ack_o = busy_q & owner_src_q & msi_ack_i;

  // Configuration bits the block does not show.
  wire unused_ok = &{1'b0, cfg_command_i[15:3], cfg_command_i[1:0], cfg_dcommand_i[15],
                     cfg_dcommand_i[11:8], cfg_dcommand_i[4:0], cfg_dcommand2_i[15:5],
                     wdata_i[31:5], be_i[3:1], 1'b0};
endmodule

`default_nettype wire
