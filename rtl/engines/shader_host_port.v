// The shader cores' host window: their loads and stores there, one at a time, onto one DMA
// read client and one DMA write client.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// A core asks with c_req (held, with its access, until c_gnt; docs/kernels.md "Host
// window"): c_addr is the shader byte address of the access's lowest byte, c_be its bytes
// within the word (a byte, a half or the word, naturally aligned), c_wdata the store data
// in its lanes. The host address is base_i + c_addr[29:0] (the window is 1 GiB).
//  store  granted when taken (the store is done for the kernel); one DMA write of 1, 2 or
//         4 bytes (a partial write: the 64-bit data word carries the word in both halves,
//         so every byte is in its lane). Stores are posted: their wr_done is only counted.
//  load   taken only when every write of ours has had its wr_done (its TLP is on the link):
//         a read then goes out behind the writes, and PCIe keeps a read behind earlier
//         posted writes, so a load sees the stores before it. One DMA read of the 8-byte
//         aligned word; c_rvalid (to that core, one cycle) with rdata_o and rerr_o (the
//         read failed: the core faults with a bad access) when its beat comes.
// Round robin between cores. busy_o: an access is under way (a write not yet taken with
// its data, a read not yet ended). A core put in reset may leave a read in flight: its beat
// still comes and is taken here, and the core, no longer waiting, ignores c_rvalid; no new
// access is taken before that one ends, so a late beat never answers a newer load.
module shader_host_port #(
  parameter integer CORES = 2,
  parameter integer CW    = CORES > 1 ? $clog2(CORES) : 1
) (
  input  wire               clk_i,
  input  wire               rst_ni,
  input  wire [63:0]        base_i,        // HOST_BASE of the dispatch
  // Cores (core c in bits c*W +: W).
  input  wire [CORES-1:0]   c_req_i,
  input  wire [CORES-1:0]   c_we_i,
  input  wire [32*CORES-1:0] c_addr_i,
  input  wire [4*CORES-1:0] c_be_i,
  input  wire [32*CORES-1:0] c_wdata_i,
  output reg  [CORES-1:0]   c_gnt_o,
  output reg  [CORES-1:0]   c_rvalid_o,
  output wire [63:0]        rdata_o,       // with c_rvalid_o
  output wire               rerr_o,
  output wire               busy_o,
  // DMA read client.
  output wire               rd_req_valid_o,
  input  wire               rd_req_ready_i,
  output wire [63:0]        rd_req_addr_o,
  output wire [23:0]        rd_req_len_o,
  input  wire               rd_data_valid_i,
  output wire               rd_data_ready_o,
  input  wire [63:0]        rd_data_i,
  input  wire               rd_data_last_i,
  input  wire               rd_data_err_i,
  // DMA write client.
  output wire               wr_req_valid_o,
  input  wire               wr_req_ready_i,
  output wire [63:0]        wr_req_addr_o,
  output wire [23:0]        wr_req_len_o,
  output wire               wr_data_valid_o,
  input  wire               wr_data_ready_i,
  output wire [63:0]        wr_data_o,
  input  wire               wr_done_i
);
  localparam [1:0] S_IDLE = 2'd0, S_WRITE = 2'd1, S_READ = 2'd2, S_DATA = 2'd3;

  reg  [1:0]    state_q;
  reg  [CW-1:0] core_q;
  reg  [63:0]   addr_q;           // host byte address of the access
  reg  [2:0]    len_q;            // store bytes: 1, 2 or 4
  reg  [31:0]   wdata_q;
  reg           req_sent_q, data_sent_q;   // S_WRITE: the request, the data beat taken
  reg  [4:0]    wr_out_q;         // writes accepted, their wr_done to come

  wire          any;
  wire [CW-1:0] pick;
  wire          pick_we   = c_we_i[pick];
  wire [31:0]   pick_addr = c_addr_i[32*pick +: 32];
  wire [3:0]    pick_be   = c_be_i[4*pick +: 4];
  // A load waits for our writes to be on the link; 31 writes in flight at most.
  wire          can_take  = state_q == S_IDLE && any &&
                            (pick_we ? wr_out_q != 5'd31 : wr_out_q == 5'd0);

  compute_rr_arb #(.N(CORES), .PW(CW)) u_arb (
    .clk_i  (clk_i),
    .rst_ni (rst_ni),
    .req_i  (c_req_i),
    .take_i (can_take),
    .any_o  (any),
    .pick_o (pick)
  );

  always @* begin
    c_gnt_o = {CORES{1'b0}};
    c_gnt_o[pick] = can_take;
  end

  wire wr_req_acc  = wr_req_valid_o && wr_req_ready_i;
  wire wr_data_acc = wr_data_valid_o && wr_data_ready_i;
  wire rd_acc      = rd_req_valid_o && rd_req_ready_i;
  wire rd_beat     = state_q == S_DATA && rd_data_valid_i;   // 8 bytes: one beat, last
  wire req_done    = req_sent_q | wr_req_acc;
  wire data_done   = data_sent_q | wr_data_acc;

  always @(posedge clk_i) begin
    if (!rst_ni) begin
      state_q <= S_IDLE; wr_out_q <= 5'd0; req_sent_q <= 1'b0; data_sent_q <= 1'b0;
    end else begin
      wr_out_q <= wr_out_q + {4'd0, wr_req_acc} - {4'd0, wr_done_i};
      case (state_q)
        S_IDLE: if (can_take) begin
          state_q <= pick_we ? S_WRITE : S_READ;
          req_sent_q <= 1'b0; data_sent_q <= 1'b0;
        end
        S_WRITE: begin
          req_sent_q <= req_done; data_sent_q <= data_done;
          if (req_done && data_done) state_q <= S_IDLE;
        end
        S_READ: if (rd_acc) state_q <= S_DATA;
        default: if (rd_beat) state_q <= S_IDLE;
      endcase
    end
    if (can_take) begin
      core_q  <= pick;
      addr_q  <= base_i + {34'd0, pick_addr[29:0]};
      len_q   <= {pick_be == 4'hF, pick_be == 4'h3 || pick_be == 4'hC,
                  pick_be == 4'h1 || pick_be == 4'h2 || pick_be == 4'h4 || pick_be == 4'h8};
      wdata_q <= c_wdata_i[32*pick +: 32];
    end
  end

  always @* begin
    c_rvalid_o = {CORES{1'b0}};
    c_rvalid_o[core_q] = rd_beat;
  end

  assign rdata_o         = rd_data_i;
  assign rerr_o          = rd_data_err_i;
  assign busy_o          = state_q != S_IDLE;
  assign rd_req_valid_o  = state_q == S_READ;
  assign rd_req_addr_o   = {addr_q[63:3], 3'b000};
  assign rd_req_len_o    = 24'd8;
  assign rd_data_ready_o = state_q == S_DATA;
  assign wr_req_valid_o  = state_q == S_WRITE && !req_sent_q;
  assign wr_req_addr_o   = addr_q;
  assign wr_req_len_o    = {21'd0, len_q};
  // The data beat once the request is taken (a client's data follows its request).
  assign wr_data_valid_o = state_q == S_WRITE && req_sent_q && !data_sent_q;
  assign wr_data_o       = {wdata_q, wdata_q};

  // An 8-byte read is one beat: it is the last. The window is the shader addresses with
  // bits 31:30 = 10 (the cores decode them).
  wire unused_ok = &{1'b0, rd_data_last_i, pick_addr[31:30], 1'b0};
endmodule

`default_nettype wire
