// Reads a DISPATCH's save record back into the cores and the dispatcher (DMA read client).
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// The record is compute_ctx_save's. start_i (one cycle, the cores in reset) asks for the
// header and the cores' fixed rows in one read, writes each core's rows into its state
// window and work-item registers as they come (and its RESUME flag: busy or not), and
// checks the header: the identity row for this build (magic, version, CORES, stack rows),
// the command's six operand DWs, no busy core past CORES, each busy core's stack rows
// ending at the stack's top and adding up to the header's total. If they do, a second read
// brings the stacks back. done_o (one cycle) ends it, with err_o set if a read failed or
// the record was refused (the cores must then not run). data_ready is always high (the
// rows go straight into the cores' RAMs), so a read is always taken at once.
// abort_i (reset): a request not yet accepted is withdrawn; an accepted one is drained to
// its last beat; no done_o then. busy_o covers both.
module compute_ctx_restore #(
  parameter integer CORES       = 2,
  parameter integer STACK_BYTES = 1024,
  parameter integer ST_RW       = 9,
  parameter integer HDR_ROWS    = 8,
  parameter integer FIX_ROWS    = 21,
  parameter [31:0]  MAGIC       = 32'h5843_4753
) (
  input  wire               clk_i,
  input  wire               rst_ni,
  input  wire               start_i,
  input  wire               abort_i,
  input  wire [63:0]        addr_i,
  input  wire [191:0]       args_i,
  output wire               busy_o,
  output reg                done_o,
  output reg                err_o,
  // The saved position of the dispatcher, valid with done_o.
  output wire [31:0]        wg_x_o,
  output wire [31:0]        wg_y_o,
  output wire [31:0]        wg_z_o,
  output wire [31:0]        wg_base_x_o,
  output wire               wg_left_o,
  output wire [CORES-1:0]   busy_cores_o,
  // The cores' state ports (write side).
  output reg  [CORES-1:0]   st_we_o,
  output reg  [1:0]         st_region_o,
  output reg  [ST_RW-1:0]   st_row_o,
  output reg  [63:0]        st_wdata_o,
  // DMA read client.
  output wire               rd_req_valid_o,
  input  wire               rd_req_ready_i,
  output wire [63:0]        rd_req_addr_o,
  output wire [23:0]        rd_req_len_o,
  input  wire               rd_data_valid_i,
  output wire               rd_data_ready_o,
  input  wire [63:0]        rd_data_i,
  input  wire               rd_data_last_i,
  input  wire               rd_data_err_i
);
  localparam integer STACK_ROWS = STACK_BYTES / 8;
  localparam integer CB         = CORES > 1 ? $clog2(CORES) : 1;
  localparam [CB:0]  NCORES     = CORES[CB:0];
  localparam [CB:0]  LAST       = NCORES - 1'b1;
  localparam integer FIXED      = HDR_ROWS + FIX_ROWS * CORES;   // rows of the first read
  localparam [2:0]   R_IDLE = 3'd0, R_REQ1 = 3'd1, R_DATA1 = 3'd2, R_CHECK = 3'd3,
                     R_REQ2 = 3'd4, R_DATA2 = 3'd5;

  reg  [2:0]    st_q, st_d;
  reg           err_q, err_d, abort_q, abort_d;
  reg  [31:0]   idx_q, idx_d;              // beat of the current read
  reg  [CB-1:0] core_q, core_d;            // R_DATA1: the core of the fixed rows; R_DATA2: the stack's
  reg  [31:0]   row_q, row_d;              // row within them
  reg  [31:0]   x_q, x_d, y_q, y_d, z_q, z_d, base_q, base_d, total_q, total_d;
  reg           left_q, left_d;
  reg  [CORES-1:0]    busy_q, busy_d;
  reg  [CORES*32-1:0] first_q, first_d, rows_q, rows_d;
  reg  [63:0]   addr_q;
  reg  [191:0]  args_q;

  wire beat = rd_data_valid_i;             // always taken
  localparam [31:0] CORES_W = CORES;
  localparam [7:0]  CORES_B = CORES_W[7:0];
  localparam [31:0] ROWS_W  = STACK_ROWS;
  localparam [15:0] ROWS_B  = ROWS_W[15:0];
  wire [63:0] ident = {8'd1, CORES_B, ROWS_B, MAGIC};
  wire [31:0] wi_row = row_q - 32'd17;

  // The sum of the busy cores' stack rows, and the first busy core with rows at or after n.
  reg  [31:0] sum;
  integer     c;
  always @* begin
    sum = 32'd0;
    for (c = 0; c < CORES; c = c + 1) if (busy_q[c]) sum = sum + rows_q[32*c +: 32];
  end
  function automatic [CB:0] next_stack(input [CB:0] n);
    integer j;
    next_stack = NCORES;
    for (j = CORES - 1; j >= 0; j = j - 1)
      if (j >= {{(31-CB){1'b0}}, n} && busy_q[j] && rows_q[32*j +: 32] != 32'd0) next_stack = j[CB:0];
  endfunction

  wire [31:0] hi = rd_data_i[63:32], lo = rd_data_i[31:0];
  reg  [CB:0] ns;

  always @* begin
    st_d = st_q; err_d = err_q; abort_d = abort_q | abort_i; idx_d = idx_q;
    core_d = core_q; row_d = row_q; done_o = 1'b0; err_o = err_q;
    x_d = x_q; y_d = y_q; z_d = z_q; base_d = base_q; total_d = total_q; left_d = left_q;
    busy_d = busy_q; first_d = first_q; rows_d = rows_q; ns = {(CB+1){1'b0}};
    st_we_o = {CORES{1'b0}}; st_region_o = 2'd0; st_row_o = {ST_RW{1'b0}}; st_wdata_o = rd_data_i;
    case (st_q)
      R_IDLE: if (start_i) begin
        st_d = R_REQ1; err_d = 1'b0; abort_d = 1'b0; idx_d = 32'd0;
      end
      R_REQ1: if (abort_i || abort_q) st_d = R_IDLE;
              else if (rd_req_ready_i) begin st_d = R_DATA1; core_d = {CB{1'b0}}; row_d = 32'd0; end
      R_DATA1: if (beat) begin
        idx_d = idx_q + 32'd1;
        if (rd_data_err_i) err_d = 1'b1;
        if (idx_q < HDR_ROWS) begin
          case (idx_q[2:0])
            3'd0: if (rd_data_i != ident) err_d = 1'b1;
            3'd1: if (rd_data_i != args_q[63:0]) err_d = 1'b1;
            3'd2: if (rd_data_i != args_q[127:64]) err_d = 1'b1;
            3'd3: if (rd_data_i != args_q[191:128]) err_d = 1'b1;
            3'd4: begin x_d = lo; y_d = hi; end
            3'd5: begin z_d = lo; base_d = hi; end
            3'd6: begin
              left_d = lo[0]; busy_d = lo[16 +: CORES]; total_d = hi;
              if (lo[15:1] != 15'd0 || (CORES < 16 && (lo[31:16] >> CORES) != 16'd0))
                err_d = 1'b1;
            end
            default: if (rd_data_i != 64'd0) err_d = 1'b1;
          endcase
        end else begin
          // A core's fixed rows: window 0..16, work items 17..19, stack extent 20.
          row_d = row_q + 32'd1;
          if (row_q < 32'd17) begin
            st_we_o[core_q] = 1'b1; st_region_o = 2'd0; st_row_o = row_q[ST_RW-1:0];
          end else if (row_q < 32'd20) begin
            st_we_o[core_q] = 1'b1; st_region_o = 2'd1; st_row_o = wi_row[ST_RW-1:0];
          end else begin
            // The RESUME flag goes in with this row.
            st_we_o[core_q] = 1'b1; st_region_o = 2'd1; st_row_o = 3;
            st_wdata_o = {63'd0, busy_q[core_q]};
            first_d[32*core_q +: 32] = hi; rows_d[32*core_q +: 32] = lo;
            if (busy_q[core_q] && (hi > STACK_ROWS || hi + lo != STACK_ROWS)) err_d = 1'b1;
            row_d = 32'd0; core_d = core_q + 1'b1;
          end
        end
        if (rd_data_last_i) st_d = abort_q || abort_i ? R_IDLE : R_CHECK;
      end
      // The stacks, if the record holds together.
      R_CHECK: begin
        if (sum != total_q) err_d = 1'b1;
        if (abort_i) begin
          st_d = R_IDLE;
        end else if (err_d || total_q == 32'd0) begin
          st_d = R_IDLE; done_o = 1'b1; err_o = err_d;
        end else begin
          st_d = R_REQ2;
        end
      end
      R_REQ2: if (abort_i || abort_q) st_d = R_IDLE;
              else if (rd_req_ready_i) begin
                st_d = R_DATA2; ns = next_stack({(CB+1){1'b0}}); core_d = ns[CB-1:0];
                row_d = first_q[32*ns[CB-1:0] +: 32];
              end
      R_DATA2: if (beat) begin
        if (rd_data_err_i) err_d = 1'b1;
        st_we_o[core_q] = !abort_q; st_region_o = 2'd2; st_row_o = row_q[ST_RW-1:0];
        row_d = row_q + 32'd1;
        if (row_q == STACK_ROWS - 1) begin
          ns = {1'b0, core_q} == LAST ? NCORES : next_stack({1'b0, core_q} + 1'b1);
          if (ns != NCORES) begin core_d = ns[CB-1:0]; row_d = first_q[32*ns[CB-1:0] +: 32]; end
        end
        if (rd_data_last_i) begin
          st_d = R_IDLE; done_o = !abort_q && !abort_i; err_o = err_d;
        end
      end
      default: st_d = R_IDLE;
    endcase
  end

  always @(posedge clk_i) begin
    if (!rst_ni) begin
      st_q <= R_IDLE; err_q <= 1'b0; abort_q <= 1'b0;
    end else begin
      st_q <= st_d; err_q <= err_d; abort_q <= abort_d;
    end
    idx_q <= idx_d; core_q <= core_d; row_q <= row_d;
    x_q <= x_d; y_q <= y_d; z_q <= z_d; base_q <= base_d; total_q <= total_d; left_q <= left_d;
    busy_q <= busy_d; first_q <= first_d; rows_q <= rows_d;
    if (start_i) begin addr_q <= addr_i; args_q <= args_i; end
  end

  localparam integer FIXED_B     = FIXED * 8;
  localparam [31:0]  FIXED_W     = FIXED_B;
  localparam [23:0]  FIXED_BYTES = FIXED_W[23:0];
  assign busy_o          = st_q != R_IDLE;
  assign rd_req_valid_o  = (st_q == R_REQ1 || st_q == R_REQ2) && !abort_i && !abort_q;
  assign rd_req_addr_o   = st_q == R_REQ1 ? addr_q : addr_q + {40'd0, FIXED_BYTES};
  assign rd_req_len_o    = st_q == R_REQ1 ? FIXED_BYTES : total_q[20:0] * 24'd8;
  assign rd_data_ready_o = 1'b1;
  assign wg_x_o          = x_q;
  assign wg_y_o          = y_q;
  assign wg_z_o          = z_q;
  assign wg_base_x_o     = base_q;
  assign wg_left_o       = left_q;
  assign busy_cores_o    = busy_q;

  // A work-item row index is 0..2: the upper bits of the difference are not needed.
  wire unused_ok = &{1'b0, wi_row[31:ST_RW], 1'b0};
endmodule

`default_nettype wire
