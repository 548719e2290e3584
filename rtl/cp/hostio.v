// HOSTIO register block: the firmware's small DMA to host memory, and its MSI.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sgpu_regs.vh"

// The firmware's port is timed as id_regs: a request (from flops) is read combinationally
// on rdata_o in its own cycle (0 when there is no read) and written at the clock edge that
// ends it, honouring the byte enables. A CMD write starts one action (ignored while BUSY):
//  - READ: LENGTH bytes at ADDR into DATA0.. (one DMA read client request); a failed read
//    leaves the words that came before its error beat in DATA;
//  - WRITE: DATA0.. to ADDR (one DMA write client request, its data at hand in DATA), done
//    at its wr_done (looked for after the last beat: the endpoint registers it), so an MSI
//    sent after it reaches the host after the data;
//  - MSI: one request on msi_*, done at its acknowledgement.
// Bad arguments (address or length not a multiple of 8, length 0 or over 64) end a READ or
// WRITE at once with ERROR BAD_ARGS. While BUSY, writes to the other registers are ignored,
// so the data of a WRITE cannot change under it.
module hostio (
  input  wire                              clk_i,
  input  wire                              rst_ni,
  input  wire                              req_i,
  input  wire                              we_i,
  input  wire [3:0]                        be_i,
  input  wire [`SGPU_HOSTIO_ADDR_BITS-1:0] addr_i,
  input  wire [31:0]                       wdata_i,
  output reg  [31:0]                       rdata_o,
  // DMA read client.
  output wire                              rd_req_valid_o,
  input  wire                              rd_req_ready_i,
  output wire [63:0]                       rd_req_addr_o,
  output wire [23:0]                       rd_req_len_o,
  input  wire                              rd_data_valid_i,
  output wire                              rd_data_ready_o,
  input  wire [63:0]                       rd_data_i,
  input  wire                              rd_data_last_i,
  input  wire                              rd_data_err_i,
  input  wire [1:0]                        rd_err_code_i,
  // DMA write client.
  output wire                              wr_req_valid_o,
  input  wire                              wr_req_ready_i,
  output wire [63:0]                       wr_req_addr_o,
  output wire [23:0]                       wr_req_len_o,
  output wire                              wr_data_valid_o,
  input  wire                              wr_data_ready_i,
  output wire [63:0]                       wr_data_o,
  input  wire                              wr_done_i,
  // MSI request, held until acknowledged.
  output wire                              msi_req_o,
  output wire [4:0]                        msi_vector_o,
  input  wire                              msi_ack_i
);
  localparam integer AB = `SGPU_HOSTIO_ADDR_BITS;
  localparam [AB-1:0] OFF_ADDR_LO = `SGPU_HOSTIO_ADDR_LO_OFFSET;
  localparam [AB-1:0] OFF_ADDR_HI = `SGPU_HOSTIO_ADDR_HI_OFFSET;
  localparam [AB-1:0] OFF_LENGTH  = `SGPU_HOSTIO_LENGTH_OFFSET;
  localparam [AB-1:0] OFF_CMD     = `SGPU_HOSTIO_CMD_OFFSET;
  localparam [AB-1:0] OFF_STATUS  = `SGPU_HOSTIO_STATUS_OFFSET;
  localparam [AB-1:0] OFF_DATA0   = `SGPU_HOSTIO_DATA0_OFFSET;
  localparam [1:0] OP_READ  = `SGPU_HOSTIO_CMD_OP_READ;
  localparam [1:0] OP_WRITE = `SGPU_HOSTIO_CMD_OP_WRITE;
  localparam [1:0] OP_MSI   = `SGPU_HOSTIO_CMD_OP_MSI;
  localparam [2:0] ERR_NONE = `SGPU_HOSTIO_STATUS_ERROR_NONE;
  localparam [2:0] ERR_BAD  = `SGPU_HOSTIO_STATUS_ERROR_BAD_ARGS;

  localparam [2:0] S_IDLE = 3'd0, S_RD_REQ = 3'd1, S_RD_DATA = 3'd2, S_WR_REQ = 3'd3,
                   S_WR_DATA = 3'd4, S_WR_DONE = 3'd5, S_MSI = 3'd6;

  reg [31:0]  addr_lo_q, addr_hi_q, length_q;
  reg [511:0] data_q;                 // DATA0 in bits 31:0
  reg [2:0]   state_q, err_q;
  reg [2:0]   beat_q;                 // the next 8-byte word of DATA to move
  reg [4:0]   vector_q;

  // DATAi holds word i: offsets DATA0 .. DATA0 + 0x3C.
  wire        is_data  = addr_i[AB-1:6] == OFF_DATA0[AB-1:6];
  wire [3:0]  word     = addr_i[5:2];
  wire        busy     = state_q != S_IDLE;
  wire        wr       = req_i & we_i & ~busy;
  wire [1:0]  op       = wdata_i[`SGPU_HOSTIO_CMD_OP_LSB +: `SGPU_HOSTIO_CMD_OP_WIDTH];
  wire        go       = wr && addr_i == OFF_CMD && be_i[0];
  wire        args_ok  = addr_lo_q[2:0] == 3'd0 && length_q[2:0] == 3'd0 &&
                         length_q != 32'd0 && length_q <= 32'd64;
  wire [2:0]  last_beat = length_q[5:3] - 3'd1;   // 64 bytes: 8 - 1 = 7

  function [31:0] merge(input [31:0] old, input [31:0] data, input [3:0] be);
    integer b;
    begin
      for (b = 0; b < 4; b = b + 1) merge[8*b +: 8] = be[b] ? data[8*b +: 8] : old[8*b +: 8];
    end
  endfunction

  always @* begin
    rdata_o = 32'd0;
    if (req_i && !we_i) begin
      if (is_data) rdata_o = data_q[32*word +: 32];
      else case (addr_i)
        OFF_ADDR_LO: rdata_o = addr_lo_q;
        OFF_ADDR_HI: rdata_o = addr_hi_q;
        OFF_LENGTH:  rdata_o = length_q;
        OFF_STATUS: begin
          rdata_o[`SGPU_HOSTIO_STATUS_BUSY_LSB]                                   = busy;
          rdata_o[`SGPU_HOSTIO_STATUS_ERROR_LSB +: `SGPU_HOSTIO_STATUS_ERROR_WIDTH] = err_q;
        end
        default:     rdata_o = 32'd0;
      endcase
    end
  end

  wire rd_beat = rd_data_valid_i & rd_data_ready_o;

  always @(posedge clk_i) begin
    if (!rst_ni) begin
      addr_lo_q <= `SGPU_HOSTIO_ADDR_LO_RESET;
      addr_hi_q <= `SGPU_HOSTIO_ADDR_HI_RESET;
      length_q  <= `SGPU_HOSTIO_LENGTH_RESET;
      data_q    <= 512'd0;
      state_q   <= S_IDLE;
      err_q     <= ERR_NONE;
      beat_q    <= 3'd0;
      vector_q  <= 5'd0;
    end else begin
      if (wr && addr_i == OFF_ADDR_LO) addr_lo_q <= merge(addr_lo_q, wdata_i, be_i);
      if (wr && addr_i == OFF_ADDR_HI) addr_hi_q <= merge(addr_hi_q, wdata_i, be_i);
      if (wr && addr_i == OFF_LENGTH)  length_q  <= merge(length_q, wdata_i, be_i);
      if (wr && is_data) data_q[32*word +: 32] <= merge(data_q[32*word +: 32], wdata_i, be_i);
      case (state_q)
        S_IDLE: if (go && op != `SGPU_HOSTIO_CMD_OP_NONE) begin
          beat_q   <= 3'd0;
          vector_q <= wdata_i[`SGPU_HOSTIO_CMD_VECTOR_LSB +: `SGPU_HOSTIO_CMD_VECTOR_WIDTH];
          err_q    <= ERR_NONE;
          if (op == OP_MSI) state_q <= S_MSI;
          else if ((op == OP_READ || op == OP_WRITE) && !args_ok) err_q <= ERR_BAD;
          else if (op == OP_READ) state_q <= S_RD_REQ;
          else if (op == OP_WRITE) state_q <= S_WR_REQ;
        end
        S_RD_REQ:  if (rd_req_ready_i) state_q <= S_RD_DATA;
        S_RD_DATA: if (rd_beat) begin
          if (!rd_data_err_i) data_q[64*beat_q +: 64] <= rd_data_i;
          beat_q <= beat_q + 3'd1;
          if (rd_data_last_i) begin
            state_q <= S_IDLE;
            if (rd_data_err_i) err_q <= {1'b0, rd_err_code_i};
          end
        end
        S_WR_REQ:  if (wr_req_ready_i) state_q <= S_WR_DATA;
        S_WR_DATA: if (wr_data_ready_i) begin
          beat_q <= beat_q + 3'd1;
          if (beat_q == last_beat) state_q <= S_WR_DONE;
        end
        S_WR_DONE: if (wr_done_i) state_q <= S_IDLE;
        S_MSI:     if (msi_ack_i) state_q <= S_IDLE;
        default:   state_q <= S_IDLE;
      endcase
    end
  end

  assign rd_req_valid_o  = state_q == S_RD_REQ;
  assign rd_req_addr_o   = {addr_hi_q, addr_lo_q};
  assign rd_req_len_o    = length_q[23:0];
  assign rd_data_ready_o = state_q == S_RD_DATA;
  assign wr_req_valid_o  = state_q == S_WR_REQ;
  assign wr_req_addr_o   = {addr_hi_q, addr_lo_q};
  assign wr_req_len_o    = length_q[23:0];
  assign wr_data_valid_o = state_q == S_WR_DATA;
  assign wr_data_o       = data_q[64*beat_q +: 64];
  assign msi_req_o       = state_q == S_MSI;
  assign msi_vector_o    = vector_q;

  wire unused_ok = &{1'b0, length_q[31:24], 1'b0};
endmodule

`default_nettype wire
