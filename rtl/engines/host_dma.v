// Host DMA engine: the DMA register block; moves data between host memory and VRAM.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sgpu_regs.vh"

// The register port is dma_regs' (timed as id_regs). START.GO, when idle, starts a transfer
// with the registers' values, which are copied: writing them during a transfer changes
// nothing until the next START. The arguments are checked first (START's cycle): host and
// VRAM address and length multiples of 8, length 8 to 16 MiB - 8, the VRAM range inside
// VRAM_BYTES, the host range not past 2^64; otherwise the transfer ends at once with
// ERROR = BAD_ARGS and nothing moves.
//  TO_DEVICE: one read request of LENGTH bytes on the endpoint's read port; every beat is
//    written to VRAM (through one register stage) the cycle it arrives, so rd_data_ready_o
//    stays high. A beat with rd_data_err_i ends the transfer (that beat is not written)
//    with ERROR = its code: 1 TIMEOUT, 2 UNSUPPORTED, 3 ABORT (the map's encoding).
//  TO_HOST: one write request on the write port; VRAM is read ahead into a 4-beat FIFO so
//    that a beat can be given every cycle; the transfer ends with wr_done_i.
// CYCLES counts clock edges from the one that wrote START to the one that wrote the last
// data (into VRAM; to the host: the wr_done_i pulse), saturating; it runs during a
// transfer and is 0 after BAD_ARGS. At the end, with CTRL.IRQ, msi_req_o asks for
// CTRL.VECTOR (held until msi_ack_i); to the host this is after wr_done_i, so the MSI is
// sent behind the data. BUSY stays set until then; DONE is set as BUSY clears, so a host
// woken by the MSI finds DONE. START clears DONE and ERROR.
module host_dma #(
  parameter integer VRAM_BYTES = `SGPU_CFG_VRAM_BYTES,
  parameter integer VRAM_AW    = $clog2(VRAM_BYTES / 8)  // VRAM word address width
) (
  input  wire                           clk_i,
  input  wire                           rst_ni,
  // Register port (the DMA block).
  input  wire                           req_i,
  input  wire                           we_i,
  input  wire [3:0]                     be_i,
  input  wire [`SGPU_DMA_ADDR_BITS-1:0] addr_i,
  input  wire [31:0]                    wdata_i,
  output wire [31:0]                    rdata_o,
  // The endpoint's read port.
  output wire                           rd_req_valid_o,
  input  wire                           rd_req_ready_i,
  output wire [63:0]                    rd_req_addr_o,
  output wire [23:0]                    rd_req_len_o,
  input  wire                           rd_data_valid_i,
  output wire                           rd_data_ready_o,
  input  wire [63:0]                    rd_data_i,
  input  wire                           rd_data_last_i,
  input  wire                           rd_data_err_i,
  input  wire [1:0]                     rd_err_code_i,
  // The endpoint's write port.
  output wire                           wr_req_valid_o,
  input  wire                           wr_req_ready_i,
  output wire [63:0]                    wr_req_addr_o,
  output wire [23:0]                    wr_req_len_o,
  output wire                           wr_data_valid_o,
  input  wire                           wr_data_ready_i,
  output wire [63:0]                    wr_data_o,
  input  wire                           wr_done_i,
  // VRAM: write port, and read port (data one cycle after the enable).
  output wire                           vram_we_o,
  output wire [7:0]                     vram_be_o,
  output wire [VRAM_AW-1:0]             vram_waddr_o,
  output wire [63:0]                    vram_wdata_o,
  output wire                           vram_re_o,
  output wire [VRAM_AW-1:0]             vram_raddr_o,
  input  wire [63:0]                    vram_rdata_i,
  // MSI at the end of a transfer: held until acknowledged.
  output wire                           msi_req_o,
  output wire [4:0]                     msi_vector_o,
  input  wire                           msi_ack_i
);
  localparam [2:0] S_IDLE = 3'd0;
  localparam [2:0] S_REQ  = 3'd1;   // the request on the read or write port
  localparam [2:0] S_MOVE = 3'd2;   // data moving
  localparam [2:0] S_END  = 3'd3;   // the last VRAM write lands; the error code is set
  localparam [2:0] S_MSI  = 3'd4;   // msi_req_o until msi_ack_i

  localparam [2:0] ERR_NONE     = `SGPU_DMA_STATUS_ERROR_NONE;
  localparam [2:0] ERR_BAD_ARGS = `SGPU_DMA_STATUS_ERROR_BAD_ARGS;
  localparam [32:0] VRAM_SIZE   = {1'b0, VRAM_BYTES[31:0]};

  generate
    if (VRAM_BYTES < 16 || VRAM_BYTES > 32'h4000_0000 || (VRAM_BYTES & (VRAM_BYTES - 1)) != 0 ||
        VRAM_AW != $clog2(VRAM_BYTES / 8)) begin : g_bad_size
      $error("host_dma: VRAM_BYTES = %0d must be a power of two from 16 bytes to 1 GiB", VRAM_BYTES);
    end
  endgenerate

  // ---------------------------------------------------------------- registers
  wire        start;
  wire [63:0] r_host_addr;
  wire [31:0] r_vram_addr, r_length;
  wire        r_dir, r_irq;
  wire [4:0]  r_vector;
  reg  [2:0]  state_q, state_d;
  reg         done_q, done_d;
  reg  [2:0]  err_q, err_d;
  reg  [31:0] cycles_q, cycles_d;
  reg         counting_q, counting_d;

  dma_regs u_regs (
    .clk_i       (clk_i),
    .rst_ni      (rst_ni),
    .req_i       (req_i),
    .we_i        (we_i),
    .be_i        (be_i),
    .addr_i      (addr_i),
    .wdata_i     (wdata_i),
    .rdata_o     (rdata_o),
    .start_o     (start),
    .host_addr_o (r_host_addr),
    .vram_addr_o (r_vram_addr),
    .length_o    (r_length),
    .dir_o       (r_dir),
    .irq_o       (r_irq),
    .vector_o    (r_vector),
    .busy_i      (state_q != S_IDLE),
    .done_i      (done_q),
    .error_i     (err_q),
    .cycles_i    (cycles_q)
  );

  // ---------------------------------------------------------------- argument check
  wire [32:0] vram_end = {1'b0, r_vram_addr} + {9'd0, r_length[23:0]};
  wire [64:0] host_end = {1'b0, r_host_addr} + {41'd0, r_length[23:0]};
  wire bad_args = (r_host_addr[2:0] != 3'd0) || (r_vram_addr[2:0] != 3'd0) ||
                  (r_length[2:0] != 3'd0) || (r_length[31:24] != 8'd0) ||
                  (r_length[23:3] == 21'd0) || (vram_end > VRAM_SIZE) ||
                  (host_end[64] && host_end[63:0] != 64'd0);

  // ---------------------------------------------------------------- the transfer
  reg               dir_q, dir_d;         // 1: to the host
  reg               irq_q, irq_d;
  reg  [4:0]        vector_q, vector_d;
  reg  [63:0]       haddr_q, haddr_d;
  reg  [23:0]       len_q, len_d;
  reg  [VRAM_AW-1:0] vptr_q, vptr_d;      // next VRAM word to write (to device) / read (to host)
  reg  [20:0]       left_q, left_d;       // to host: beats still to read from VRAM
  reg               wr_done_q, wr_done_d; // to host: wr_done_i seen
  // To device: the VRAM write stage.
  reg               vw_we_q, vw_we_d;
  reg  [VRAM_AW-1:0] vw_addr_q, vw_addr_d;
  reg  [63:0]       vw_data_q, vw_data_d;
  // To host: VRAM read ahead, into a FIFO.
  reg               vr_inflight_q, vr_inflight_d;  // a VRAM read was issued last cycle
  reg  [63:0]       fifo_q [0:3];
  reg  [1:0]        fifo_wp_q, fifo_wp_d, fifo_rp_q, fifo_rp_d;
  reg  [2:0]        fifo_n_q, fifo_n_d;

  wire to_dev   = state_q == S_MOVE && !dir_q;
  wire to_host  = (state_q == S_REQ || state_q == S_MOVE) && dir_q;
  wire rd_beat  = to_dev && rd_data_valid_i;                 // rd_data_ready_o is to_dev
  wire wr_valid = state_q == S_MOVE && dir_q && fifo_n_q != 3'd0;
  wire wr_beat  = wr_valid && wr_data_ready_i;
  // Read VRAM while the FIFO has room for this read and the one in flight.
  wire vr_issue = to_host && left_q != 21'd0 && ({1'b0, fifo_n_q} + {3'd0, vr_inflight_q}) < 4'd4;

  always @* begin
    state_d       = state_q;
    done_d        = done_q;
    err_d         = err_q;
    cycles_d      = cycles_q;
    counting_d    = counting_q;
    dir_d         = dir_q;
    irq_d         = irq_q;
    vector_d      = vector_q;
    haddr_d       = haddr_q;
    len_d         = len_q;
    vptr_d        = vptr_q;
    left_d        = left_q;
    wr_done_d     = wr_done_q;
    vw_we_d       = 1'b0;
    vw_addr_d     = vptr_q;
    vw_data_d     = rd_data_i;
    vr_inflight_d = vr_issue;
    fifo_wp_d     = fifo_wp_q + {1'b0, vr_inflight_q};
    fifo_rp_d     = fifo_rp_q + {1'b0, wr_beat};
    fifo_n_d      = fifo_n_q + {2'd0, vr_inflight_q} - {2'd0, wr_beat};

    if (counting_q) cycles_d = cycles_q + {31'd0, ~&cycles_q};
    if (vr_issue) begin
      vptr_d = vptr_q + 1'b1;
      left_d = left_q - 21'd1;
    end

    case (state_q)
      S_IDLE: if (start) begin
        done_d   = 1'b0;
        dir_d    = r_dir;
        irq_d    = r_irq;
        vector_d = r_vector;
        haddr_d  = r_host_addr;
        len_d    = r_length[23:0];
        vptr_d   = r_vram_addr[VRAM_AW+2:3];
        left_d   = r_length[23:3];
        wr_done_d = 1'b0;
        if (bad_args) begin
          err_d      = ERR_BAD_ARGS;
          cycles_d   = 32'd0;
          counting_d = 1'b0;
          state_d    = S_END;
        end else begin
          err_d      = ERR_NONE;
          cycles_d   = 32'd1;       // the edge that ends this cycle
          counting_d = 1'b1;
          state_d    = S_REQ;
        end
      end
      S_REQ: begin
        if (dir_q ? wr_req_ready_i : rd_req_ready_i) state_d = S_MOVE;
      end
      S_MOVE: begin
        if (!dir_q) begin
          if (rd_beat) begin
            if (rd_data_err_i) begin
              err_d   = {1'b0, rd_err_code_i};
              state_d = S_END;
            end else begin
              vw_we_d = 1'b1;
              vptr_d  = vptr_q + 1'b1;
              if (rd_data_last_i) state_d = S_END;
            end
          end
        end else begin
          if (wr_done_i) begin
            wr_done_d  = 1'b1;
            counting_d = 1'b0;          // this edge puts the last data on the stream
          end
          if ((wr_done_q || wr_done_i) && left_q == 21'd0 && !vr_inflight_q &&
              fifo_n_q == 3'd0)
            state_d = S_END;
        end
      end
      S_END: begin
        if (!dir_q) counting_d = 1'b0;  // this edge writes the last beat into VRAM
        if (irq_q) state_d = S_MSI;
        else begin
          state_d = S_IDLE;
          done_d  = 1'b1;
        end
      end
      S_MSI: if (msi_ack_i) begin
        state_d = S_IDLE;
        done_d  = 1'b1;
      end
      default: state_d = S_IDLE;
    endcase
  end

  always @(posedge clk_i) begin
    if (!rst_ni) begin
      state_q       <= S_IDLE;
      done_q        <= 1'b0;
      err_q         <= ERR_NONE;
      cycles_q      <= 32'd0;
      counting_q    <= 1'b0;
      vw_we_q       <= 1'b0;
      vr_inflight_q <= 1'b0;
      fifo_wp_q     <= 2'd0;
      fifo_rp_q     <= 2'd0;
      fifo_n_q      <= 3'd0;
      dir_q         <= 1'b0;
      irq_q         <= 1'b0;
      vector_q      <= 5'd0;
      left_q        <= 21'd0;
      wr_done_q     <= 1'b0;
    end else begin
      state_q       <= state_d;
      done_q        <= done_d;
      err_q         <= err_d;
      cycles_q      <= cycles_d;
      counting_q    <= counting_d;
      vw_we_q       <= vw_we_d;
      vr_inflight_q <= vr_inflight_d;
      fifo_wp_q     <= fifo_wp_d;
      fifo_rp_q     <= fifo_rp_d;
      fifo_n_q      <= fifo_n_d;
      dir_q         <= dir_d;
      irq_q         <= irq_d;
      vector_q      <= vector_d;
      left_q        <= left_d;
      wr_done_q     <= wr_done_d;
    end
    // Meaningful only with the state or the valid bits above: no reset needed.
    haddr_q   <= haddr_d;
    len_q     <= len_d;
    vptr_q    <= vptr_d;
    vw_addr_q <= vw_addr_d;
    vw_data_q <= vw_data_d;
    if (vr_inflight_q) fifo_q[fifo_wp_q] <= vram_rdata_i;
  end

  assign rd_req_valid_o  = state_q == S_REQ && !dir_q;
  assign rd_req_addr_o   = haddr_q;
  assign rd_req_len_o    = len_q;
  assign rd_data_ready_o = to_dev;
  assign wr_req_valid_o  = state_q == S_REQ && dir_q;
  assign wr_req_addr_o   = haddr_q;
  assign wr_req_len_o    = len_q;
  assign wr_data_valid_o = wr_valid;
  assign wr_data_o       = fifo_q[fifo_rp_q];
  assign vram_we_o       = vw_we_q;
  assign vram_be_o       = 8'hFF;
  assign vram_waddr_o    = vw_addr_q;
  assign vram_wdata_o    = vw_data_q;
  assign vram_re_o       = vr_issue;
  assign vram_raddr_o    = vptr_q;
  assign msi_req_o       = state_q == S_MSI;
  assign msi_vector_o    = vector_q;
endmodule

`default_nettype wire
