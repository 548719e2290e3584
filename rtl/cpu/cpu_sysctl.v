// SYSCTL register block of the bare system: console, exit, machine timer, interrupt test line.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sgpu_regs.vh"

// Register access: a request (word-aligned byte offset inside the block, byte enables) is
// read combinationally on rdata_o in its own cycle (0 when there is no read) and written at
// the clock edge that ends it, honouring the byte enables; drive the request from flops
// (cpu_system registers the core's request), so nothing here is on the core's address path.
// Offsets that hold no register read as 0 and ignore writes. A write to CONSOLE (byte 0
// enabled) or EXIT shows on console_*/exit_* in the request's cycle (exit_code_o is the
// written bytes, the others 0).
// MTIME counts one per clock cycle. irq_timer_o is MTIME >= MTIMECMP, registered: it rises
// one cycle after MTIME reaches MTIMECMP, and it is held low in the cycle of a write to
// MTIME or MTIMECMP and the cycle after it (while the registered comparison is still that
// of the old values), so a handler that moves MTIMECMP away never sees a stale pending
// timer: from the cycle after the core's store request, the line is right or low.
// MTIME is kept inverted (a down-counter), so that the 64-bit comparison is the carry out
// of ~MTIME + MTIMECMP: one carry chain with no inverters (about 120 fewer iCE40 LUTs).
module cpu_sysctl (
  input  wire                              clk_i,
  input  wire                              rst_ni,
  // Register access.
  input  wire                              req_i,
  input  wire                              we_i,
  input  wire [3:0]                        be_i,
  input  wire [`SGPU_SYSCTL_ADDR_BITS-1:0] addr_i,
  input  wire [31:0]                       wdata_i,
  output wire [31:0]                       rdata_o,
  // What the program writes.
  output wire                              console_valid_o,
  output wire [7:0]                        console_data_o,
  output wire                              exit_valid_o,
  output wire [31:0]                       exit_code_o,
  // Interrupt lines to the core.
  output wire                              irq_timer_o,
  output wire                              irq_external_o
);
  localparam integer AB = `SGPU_SYSCTL_ADDR_BITS;
  localparam [AB-1:0] OFF_CONSOLE     = `SGPU_SYSCTL_CONSOLE_OFFSET;
  localparam [AB-1:0] OFF_EXIT        = `SGPU_SYSCTL_EXIT_OFFSET;
  localparam [AB-1:0] OFF_MTIME_LO    = `SGPU_SYSCTL_MTIME_LO_OFFSET;
  localparam [AB-1:0] OFF_MTIME_HI    = `SGPU_SYSCTL_MTIME_HI_OFFSET;
  localparam [AB-1:0] OFF_MTIMECMP_LO = `SGPU_SYSCTL_MTIMECMP_LO_OFFSET;
  localparam [AB-1:0] OFF_MTIMECMP_HI = `SGPU_SYSCTL_MTIMECMP_HI_OFFSET;
  localparam [AB-1:0] OFF_IRQ_TEST    = `SGPU_SYSCTL_IRQ_TEST_OFFSET;
  localparam integer  CONSOLE_LSB     = `SGPU_SYSCTL_CONSOLE_DATA_LSB;
  localparam integer  EXT_LSB         = `SGPU_SYSCTL_IRQ_TEST_EXTERNAL_LSB;
  localparam [31:0]   IRQ_TEST_RESET  = `SGPU_SYSCTL_IRQ_TEST_RESET;

  // Which register a request addresses.
  wire sel_console     = (addr_i == OFF_CONSOLE);
  wire sel_exit        = (addr_i == OFF_EXIT);
  wire sel_mtime_lo    = (addr_i == OFF_MTIME_LO);
  wire sel_mtime_hi    = (addr_i == OFF_MTIME_HI);
  wire sel_mtimecmp_lo = (addr_i == OFF_MTIMECMP_LO);
  wire sel_mtimecmp_hi = (addr_i == OFF_MTIMECMP_HI);
  wire sel_irq_test    = (addr_i == OFF_IRQ_TEST);
  wire wr = req_i & we_i;
  wire rd = req_i & ~we_i;

  // The written bytes over an old value.
  function [31:0] merge(input [31:0] old, input [31:0] data, input [3:0] be);
    integer b;
    begin
      for (b = 0; b < 4; b = b + 1)
        merge[8*b +: 8] = be[b] ? data[8*b +: 8] : old[8*b +: 8];
    end
  endfunction

  reg [63:0] mtime_n_q, mtime_n_d;  // ~MTIME
  reg [63:0] mtimecmp_q, mtimecmp_d;
  reg        irq_ext_q, irq_ext_d;
  reg        irq_timer_q, irq_timer_d;
  reg        timer_stale_q, timer_stale_d;
  reg [31:0] rdata;

  // The carry out of ~MTIME + MTIMECMP is MTIMECMP > MTIME.
  wire        cmp_carry;
  wire [63:0] cmp_sum_unused;
  assign {cmp_carry, cmp_sum_unused} = {1'b0, mtime_n_q} + {1'b0, mtimecmp_q};

  always @* begin
    mtime_n_d = mtime_n_q - 64'd1;
    if (wr && sel_mtime_lo) mtime_n_d[31:0]  = merge(mtime_n_q[31:0], ~wdata_i, be_i);
    if (wr && sel_mtime_hi) mtime_n_d[63:32] = merge(mtime_n_q[63:32], ~wdata_i, be_i);

    mtimecmp_d = mtimecmp_q;
    if (wr && sel_mtimecmp_lo) mtimecmp_d[31:0]  = merge(mtimecmp_q[31:0], wdata_i, be_i);
    if (wr && sel_mtimecmp_hi) mtimecmp_d[63:32] = merge(mtimecmp_q[63:32], wdata_i, be_i);

    irq_ext_d = irq_ext_q;
    if (wr && sel_irq_test && be_i[EXT_LSB / 8]) irq_ext_d = wdata_i[EXT_LSB];

    irq_timer_d   = ~cmp_carry;
    timer_stale_d = wr && (sel_mtime_lo || sel_mtime_hi || sel_mtimecmp_lo || sel_mtimecmp_hi);

    // Reads: CONSOLE and EXIT are write-only and read as 0.
    rdata = 32'd0;
    if (rd) begin
      if (sel_mtime_lo)    rdata = ~mtime_n_q[31:0];
      if (sel_mtime_hi)    rdata = ~mtime_n_q[63:32];
      if (sel_mtimecmp_lo) rdata = mtimecmp_q[31:0];
      if (sel_mtimecmp_hi) rdata = mtimecmp_q[63:32];
      if (sel_irq_test)    rdata[EXT_LSB] = irq_ext_q;
    end
  end

  always @(posedge clk_i) begin
    if (!rst_ni) begin
      mtime_n_q     <= ~{`SGPU_SYSCTL_MTIME_HI_RESET, `SGPU_SYSCTL_MTIME_LO_RESET};
      mtimecmp_q    <= {`SGPU_SYSCTL_MTIMECMP_HI_RESET, `SGPU_SYSCTL_MTIMECMP_LO_RESET};
      irq_ext_q     <= IRQ_TEST_RESET[EXT_LSB];
      irq_timer_q   <= 1'b0;
      timer_stale_q <= 1'b0;
    end else begin
      mtime_n_q     <= mtime_n_d;
      mtimecmp_q    <= mtimecmp_d;
      irq_ext_q     <= irq_ext_d;
      irq_timer_q   <= irq_timer_d;
      timer_stale_q <= timer_stale_d;
    end
  end

  assign rdata_o         = rdata;
  assign console_valid_o = wr & sel_console & be_i[CONSOLE_LSB / 8];
  assign console_data_o  = wdata_i[CONSOLE_LSB +: 8];
  assign exit_valid_o    = wr & sel_exit;
  assign exit_code_o     = merge(32'd0, wdata_i, be_i);
  assign irq_timer_o     = irq_timer_q & ~timer_stale_q & ~timer_stale_d;
  assign irq_external_o  = irq_ext_q;
endmodule

`default_nettype wire
