// Writes a preempted DISPATCH's save record to host memory (compute_exec's DMA write client).
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// The record (docs/dev/engines.md, "Compute save area") is 64-bit rows:
//   header   HDR_ROWS rows: identity, the command, the dispatcher's position, busy cores
//   cores    FIX_ROWS rows per core: its state window rows 0..16 (mepc, x1..x31, mstatus,
//            mscratch), its work-item rows 0..2, {first stack row, stack rows}
//   stacks   the live stack rows [first, STACK_ROWS) of each busy core, in core order
// start_i (one cycle) latches the inputs; the cores are in reset and keep their state
// until done_o. One write request of the whole record goes out once the first beats are
// at hand (the rest are in the cores' RAMs, which nothing else writes meanwhile); the
// beats are read through the state port (a row the cycle after its address) into a
// 4-entry queue, one per cycle. done_o (one cycle) follows the request's wr_done.
// abort_i (reset): a request not yet accepted is withdrawn; an accepted one still sends
// its beats and waits for its wr_done; no done_o then. busy_o covers both.
module compute_ctx_save #(
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
  input  wire [31:0]        wg_x_i,
  input  wire [31:0]        wg_y_i,
  input  wire [31:0]        wg_z_i,
  input  wire [31:0]        wg_base_x_i,
  input  wire               wg_left_i,
  input  wire [CORES-1:0]   busy_i,       // cores with a saved state
  input  wire [CORES*32-1:0] sp_i,        // their stack pointers
  output wire               busy_o,
  output reg                done_o,
  // The cores' state ports (read side).
  output reg  [1:0]         st_region_o,
  output reg  [ST_RW-1:0]   st_row_o,
  input  wire [CORES*64-1:0] st_rdata_i,
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
  localparam integer STACK_ROWS = STACK_BYTES / 8;
  localparam integer CB         = CORES > 1 ? $clog2(CORES) : 1;
  localparam [CB:0]  NCORES     = CORES[CB:0];
  localparam [CB:0]  LAST       = NCORES - 1'b1;
  localparam [31:0]  STACK_TOP  = 32'hFFFF_F000;
  localparam [31:0]  STACK_BASE = STACK_TOP - STACK_BYTES;
  localparam [31:0]  CORES_W    = CORES;        // the identity row's fields
  localparam [7:0]   CORES_B    = CORES_W[7:0];
  localparam [31:0]  ROWS_W     = STACK_ROWS;
  localparam [15:0]  ROWS_B     = ROWS_W[15:0];
  localparam [1:0]   P_HDR = 2'd0, P_CORE = 2'd1, P_STACK = 2'd2, P_END = 2'd3;
  localparam [1:0]   W_IDLE = 2'd0, W_REQ = 2'd1, W_DATA = 2'd2, W_DONE = 2'd3;

  // ---------------------------------------------------------------- the live stacks
  // [sp, top) in rows (sp rounded down to a row); the whole stack if sp is outside it.
  reg  [31:0] first [0:CORES-1];
  reg  [31:0] rows  [0:CORES-1];
  reg  [31:0] total;
  reg  [31:0] off;
  integer     c;
  always @* begin
    total = 32'd0;
    for (c = 0; c < CORES; c = c + 1) begin
      off = sp_i[32*c +: 32] - STACK_BASE;
      first[c] = off <= STACK_BYTES ? off >> 3 : 32'd0;
      rows[c]  = busy_i[c] ? STACK_ROWS - first[c] : 32'd0;
      total    = total + rows[c];
    end
  end

  // ---------------------------------------------------------------- latched at start
  reg [191:0]         args_q;
  reg [63:0]          addr_q;
  reg [31:0]          x_q, y_q, z_q, base_q, total_q;
  reg                 left_q;
  reg [CORES-1:0]     busy_q;
  reg [CORES*32-1:0]  first_q, rows_q;
  integer             k;
  always @(posedge clk_i) if (start_i) begin
    args_q <= args_i; addr_q <= addr_i; x_q <= wg_x_i; y_q <= wg_y_i; z_q <= wg_z_i; base_q <= wg_base_x_i;
    left_q <= wg_left_i; busy_q <= busy_i; total_q <= total;
    for (k = 0; k < CORES; k = k + 1) begin
      first_q[32*k +: 32] <= first[k];
      rows_q[32*k +: 32]  <= rows[k];
    end
  end
  wire [31:0] len_rows = HDR_ROWS + FIX_ROWS * CORES + total_q;
  wire [15:0] busy16   = {{(16 - CORES){1'b0}}, busy_q};

  // ---------------------------------------------------------------- the beat sequence
  reg  [1:0]    st_q, st_d;          // the request
  reg  [1:0]    ph_q, ph_d;          // the next beat to read: phase, core, row
  reg  [CB-1:0] core_q, core_d;
  reg  [31:0]   row_q, row_d;
  reg           abort_q, abort_d;

  // The queue: beats read, in flight (read this cycle, in the queue next) and queued.
  reg  [63:0] q_mem [0:3];
  reg  [1:0]  q_rd_q, q_wr_q;
  reg  [2:0]  q_cnt_q;
  reg         fly_q;                 // a beat was issued last cycle
  reg         fly_ram_q;             // ... from a core's RAM port (else fly_val_q)
  reg  [CB-1:0] fly_core_q;
  reg  [63:0] fly_val_q;

  wire active  = st_q != W_IDLE;
  wire issue   = active && ph_q != P_END && ({1'b0, q_cnt_q} + {3'd0, fly_q}) < 4'd3;
  wire pop     = wr_data_valid_o & wr_data_ready_i;
  wire [63:0] fly_data = fly_ram_q ? st_rdata_i[64*fly_core_q +: 64] : fly_val_q;

  // What the issued beat is: a value, or a RAM row (region, row).
  reg         is_ram;
  reg  [63:0] val;
  reg  [1:0]  region;
  reg  [31:0] rrow;
  always @* begin
    is_ram = 1'b0; val = 64'd0; region = 2'd0; rrow = 32'd0;
    case (ph_q)
      P_HDR: case (row_q[2:0])
        3'd0: val = {8'd1, CORES_B, ROWS_B, MAGIC};
        3'd1: val = args_q[63:0];
        3'd2: val = args_q[127:64];
        3'd3: val = args_q[191:128];
        3'd4: val = {y_q, x_q};
        3'd5: val = {base_q, z_q};
        3'd6: val = {total_q, busy16, 15'd0, left_q};
        default: val = 64'd0;
      endcase
      P_CORE: if (row_q < 32'd17) begin
        is_ram = 1'b1; region = 2'd0; rrow = row_q;
      end else if (row_q < 32'd20) begin
        is_ram = 1'b1; region = 2'd1; rrow = row_q - 32'd17;
      end else begin
        val = {first_q[32*core_q +: 32], rows_q[32*core_q +: 32]};
      end
      default: begin is_ram = 1'b1; region = 2'd2; rrow = row_q; end
    endcase
  end

  // The next stack to send after core n: the first busy core at or after n with rows.
  function automatic [CB:0] next_stack(input [CB:0] n);
    integer j;
    next_stack = NCORES;
    for (j = CORES - 1; j >= 0; j = j - 1)
      if (j >= {{(31-CB){1'b0}}, n} && rows_q[32*j +: 32] != 32'd0) next_stack = j[CB:0];
  endfunction

  reg [CB:0] ns;
  always @* begin
    ph_d = ph_q; core_d = core_q; row_d = row_q; ns = {(CB+1){1'b0}};
    if (start_i) begin
      ph_d = P_HDR; core_d = {CB{1'b0}}; row_d = 32'd0;
    end else if (issue) begin
      row_d = row_q + 32'd1;
      case (ph_q)
        P_HDR: if (row_q == HDR_ROWS - 1) begin ph_d = P_CORE; row_d = 32'd0; end
        P_CORE: if (row_q == FIX_ROWS - 1) begin
          row_d = 32'd0;
          if ({1'b0, core_q} == LAST) begin
            ns = next_stack({(CB+1){1'b0}});
            if (ns == NCORES) ph_d = P_END;
            else begin ph_d = P_STACK; core_d = ns[CB-1:0]; row_d = first_q[32*ns[CB-1:0] +: 32]; end
          end else core_d = core_q + 1'b1;
        end
        P_STACK: if (row_q == STACK_ROWS - 1) begin
          ns = {1'b0, core_q} == LAST ? NCORES : next_stack({1'b0, core_q} + 1'b1);
          if (ns == NCORES) ph_d = P_END;
          else begin core_d = ns[CB-1:0]; row_d = first_q[32*ns[CB-1:0] +: 32]; end
        end
        default: ;
      endcase
    end
  end

  always @* begin
    st_region_o = region;
    st_row_o    = rrow[ST_RW-1:0];
  end

  // ---------------------------------------------------------------- the request
  always @* begin
    st_d = st_q; abort_d = abort_q; done_o = 1'b0;
    case (st_q)
      W_IDLE: if (start_i) begin st_d = W_REQ; abort_d = 1'b0; end
      W_REQ:  if (abort_i || abort_q) st_d = W_IDLE;
              else if (wr_req_valid_o && wr_req_ready_i) st_d = W_DATA;
      W_DATA: if (ph_q == P_END && !fly_q && q_cnt_q == 3'd0) st_d = W_DONE;
      W_DONE: if (wr_done_i) begin st_d = W_IDLE; done_o = !abort_q && !abort_i; end
      default: st_d = W_IDLE;
    endcase
    if (abort_i) abort_d = 1'b1;
  end

  always @(posedge clk_i) begin
    if (!rst_ni) begin
      st_q <= W_IDLE; q_cnt_q <= 3'd0; fly_q <= 1'b0; q_rd_q <= 2'd0; q_wr_q <= 2'd0;
      abort_q <= 1'b0; ph_q <= P_END;
    end else begin
      st_q <= st_d; abort_q <= abort_d; ph_q <= ph_d;
      fly_q <= issue;
      if (fly_q) begin q_mem[q_wr_q] <= fly_data; q_wr_q <= q_wr_q + 2'd1; end
      if (pop) q_rd_q <= q_rd_q + 2'd1;
      q_cnt_q <= q_cnt_q + {2'd0, fly_q} - {2'd0, pop};
      if (start_i) begin q_cnt_q <= 3'd0; q_rd_q <= 2'd0; q_wr_q <= 2'd0; fly_q <= 1'b0; end
    end
    core_q <= core_d; row_q <= row_d;
    fly_ram_q <= is_ram; fly_core_q <= core_q; fly_val_q <= val;
  end

  assign busy_o          = active;
  // Asked once the first beat is queued: the rest follow at a row per cycle.
  assign wr_req_valid_o  = st_q == W_REQ && !abort_i && !abort_q && q_cnt_q != 3'd0;
  assign wr_req_addr_o   = addr_q;
  assign wr_req_len_o    = len_rows[20:0] * 24'd8;
  assign wr_data_valid_o = st_q == W_DATA && q_cnt_q != 3'd0;
  assign wr_data_o       = q_mem[q_rd_q];

  // A record is at most 4 KiB (compute_exec checks); rows fit the state port's row bits.
  wire unused_ok = &{1'b0, len_rows[31:21], rrow[31:ST_RW], 1'b0};
endmodule

`default_nettype wire
