// cpu_csr: machine-mode CSRs, counters and interrupt/trap state of cpu_core.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// The pipeline accesses CSRs in E, where every older instruction has already passed the
// last point at which it could trap; minstret therefore counts instructions that leave E
// (retire_i), which is the architectural count that a CSR read in E must see. A write to a
// counter replaces that cycle's increment, as the Zicsr spec says.
// Timing: the pipeline knows late in the cycle whether an instruction traps on its address
// (misaligned load/store/jalr): trap_i and retire_drop_i. retire_drop_i only steers data
// (minstret's enable is the early retire_i); trap_i enables mepc, mcause and mtval, one
// LUT after it (see there), and every data input picks with the early trap_may_i. CSR numbers are decoded
// in D (cpu_decode) into a one-hot select, so reads here are an AND-OR tree and writes need
// no decoding; D also rejects unknown CSRs and writes to read-only ones.
module cpu_csr (
  input  wire        clk_i,
  input  wire        rst_ni,
  input  wire [12:0] sel_i,          // one-hot CSR of the instruction in E (see CSR_* below)
  input  wire [1:0]  op_i,           // 01 write, 10 set, 11 clear
  input  wire [31:0] wsrc_i,         // rs1 or zimm
  input  wire        we_i,           // commit the write
  output reg  [31:0] rdata_o,
  input  wire        irq_timer_i,
  input  wire        irq_external_i,
  output wire        irq_take_o,     // an enabled interrupt is pending and mstatus.MIE is set
  output wire [31:0] irq_cause_o,
  output wire        wake_o,         // mip & mie non-zero (ends wfi)
  input  wire        trap_may_i,     // a trap may be taken this cycle (early)
  input  wire        trap_i,         // a trap is taken this cycle (late; implies trap_may_i)
  input  wire [31:0] trap_cause_i,
  input  wire [31:0] trap_epc_i,
  input  wire [31:0] trap_tval_i,
  input  wire        mret_i,
  input  wire        retire_i,       // an instruction completes E, unless retire_drop_i (early)
  input  wire        retire_drop_i,  // ... it traps on its address after all (late)
  output wire [31:0] mtvec_o,
  output wire [31:0] mepc_o
);
  // Bit numbers of sel_i (cpu_decode uses the same). mhartid reads 0 and needs no bit.
  localparam integer CSR_MSTATUS = 0, CSR_MISA = 1, CSR_MIE = 2, CSR_MTVEC = 3,
                     CSR_MSCRATCH = 4, CSR_MEPC = 5, CSR_MCAUSE = 6, CSR_MTVAL = 7,
                     CSR_MIP = 8, CSR_MCYCLE = 9, CSR_MINSTRET = 10, CSR_MCYCLEH = 11,
                     CSR_MINSTRETH = 12;
  localparam [31:0] MISA = 32'h4000_1100;   // MXL=1 (32-bit), I, M

  reg        mie_q, mpie_q, mtie_q, meie_q, mtip_q, meip_q;
  reg [29:0] mtvec_q, mepc_q;
  reg        mcause_irq_q;
  reg [3:0]  mcause_code_q;
  reg [31:0] mtval_q, mscratch_q;
  reg [63:0] mcycle_q, minstret_q;

  function automatic [31:0] pick(input s, input [31:0] v);
    pick = {32{s}} & v;
  endfunction
  // Reads are rare: the guard lets Verilator skip the tree (for yosys the tree is zero
  // anyway when no select bit is set).
  always @* begin
    rdata_o = 32'd0;
    if (|sel_i) rdata_o =
      pick(sel_i[CSR_MSTATUS],   {19'd0, 2'b11, 3'd0, mpie_q, 3'd0, mie_q, 3'd0}) |
      pick(sel_i[CSR_MISA],      MISA) |
      pick(sel_i[CSR_MIE],       {20'd0, meie_q, 3'd0, mtie_q, 7'd0}) |
      pick(sel_i[CSR_MTVEC],     {mtvec_q, 2'b00}) |
      pick(sel_i[CSR_MSCRATCH],  mscratch_q) |
      pick(sel_i[CSR_MEPC],      {mepc_q, 2'b00}) |
      pick(sel_i[CSR_MCAUSE],    {mcause_irq_q, 27'd0, mcause_code_q}) |
      pick(sel_i[CSR_MTVAL],     mtval_q) |
      pick(sel_i[CSR_MIP],       {20'd0, meip_q, 3'd0, mtip_q, 7'd0}) |
      pick(sel_i[CSR_MCYCLE],    mcycle_q[31:0]) |
      pick(sel_i[CSR_MINSTRET],  minstret_q[31:0]) |
      pick(sel_i[CSR_MCYCLEH],   mcycle_q[63:32]) |
      pick(sel_i[CSR_MINSTRETH], minstret_q[63:32]);
  end

  wire [12:0] we = {13{we_i}} & sel_i;

  wire pend_t = mtip_q & mtie_q;
  wire pend_e = meip_q & meie_q;
  assign wake_o      = pend_t | pend_e;
  assign irq_take_o  = mie_q & wake_o;
  assign irq_cause_o = {1'b1, 27'd0, pend_e ? 4'd11 : 4'd7};
  assign mtvec_o     = {mtvec_q, 2'b00};
  assign mepc_o      = {mepc_q, 2'b00};

  reg        mie_d, mpie_d, mtie_d, meie_d;
  reg [29:0] mtvec_d, mepc_d;
  reg        mcause_irq_d;
  reg [3:0]  mcause_code_d;
  reg [31:0] mtval_d, mscratch_d;
  reg [63:0] mcycle_d, minstret_d;
  // Writes and traps are rare: the guarded block lets Verilator skip them (yosys builds
  // the same logic; wdata's default is never read).
  reg [31:0] wdata;
  always @* begin
    mie_d = mie_q; mpie_d = mpie_q; mtie_d = mtie_q; meie_d = meie_q;
    mtvec_d = mtvec_q; mscratch_d = mscratch_q;
    mcycle_d = mcycle_q + 64'd1;
    minstret_d = retire_drop_i ? minstret_q : minstret_q + 64'd1;
    wdata = 32'd0;
    if (we_i || trap_may_i || mret_i) begin
      wdata = op_i == 2'b01 ? wsrc_i : op_i == 2'b10 ? rdata_o | wsrc_i : rdata_o & ~wsrc_i;
      if (trap_may_i) begin
        if (trap_i) begin
          mpie_d = mie_q; mie_d = 1'b0;
        end
      end else if (mret_i) begin
        mie_d = mpie_q; mpie_d = 1'b1;
      end else begin
        if (we[CSR_MSTATUS]) begin mie_d = wdata[3]; mpie_d = wdata[7]; end
      end
      if (we[CSR_MIE])      begin meie_d = wdata[11]; mtie_d = wdata[7]; end
      if (we[CSR_MTVEC])    mtvec_d = wdata[31:2];
      if (we[CSR_MSCRATCH]) mscratch_d = wdata;
      if (we[CSR_MCYCLE])  mcycle_d = {mcycle_q[63:32], wdata};
      if (we[CSR_MCYCLEH]) mcycle_d = {wdata, mcycle_q[31:0]};
      if (we[CSR_MINSTRET])  minstret_d = {minstret_q[63:32], wdata};
      if (we[CSR_MINSTRETH]) minstret_d = {wdata, minstret_q[31:0]};
    end
  end
  // mepc, mcause and mtval change on a trap or a CSR write; a CSR instruction never meets
  // trap_may_i without trapping. Their enables are written out and kept: built from the
  // data muxes instead, yosys spread the late trap_i over three LUT levels before the 67
  // clock enables. The data is chosen by the early trap_may_i: when it is set without
  // trap_i, the enables are off.
  (* keep *) wire epc_en   = trap_i | (we[CSR_MEPC] & !trap_may_i);
  (* keep *) wire cause_en = trap_i | (we[CSR_MCAUSE] & !trap_may_i);
  (* keep *) wire tval_en  = trap_i | (we[CSR_MTVAL] & !trap_may_i);
  always @* begin
    mepc_d        = trap_may_i ? trap_epc_i[31:2] : wdata[31:2];
    mcause_irq_d  = trap_may_i ? trap_cause_i[31] : wdata[31];
    mcause_code_d = trap_may_i ? trap_cause_i[3:0] : wdata[3:0];
    mtval_d       = trap_may_i ? trap_tval_i : wdata;
  end

  // retire_i comes early and only enables minstret's flops; the late retire_drop_i only
  // steers their data, so the carry chain and the enable never wait for it.
  wire minstret_en = retire_i | we[CSR_MINSTRET] | we[CSR_MINSTRETH];

  always @(posedge clk_i) begin
    mtip_q <= irq_timer_i;
    meip_q <= irq_external_i;
    if (!rst_ni) begin
      mie_q <= 1'b0; mpie_q <= 1'b0; mtie_q <= 1'b0; meie_q <= 1'b0;
      mtvec_q <= 30'd0; mcause_irq_q <= 1'b0; mcause_code_q <= 4'd0;
      mcycle_q <= 64'd0; minstret_q <= 64'd0;
    end else begin
      mie_q <= mie_d; mpie_q <= mpie_d; mtie_q <= mtie_d; meie_q <= meie_d;
      mtvec_q <= mtvec_d;
      if (cause_en) begin mcause_irq_q <= mcause_irq_d; mcause_code_q <= mcause_code_d; end
      mcycle_q <= mcycle_d;
      if (minstret_en) minstret_q <= minstret_d;
    end
    // No reset: software sets these before it relies on them.
    if (epc_en)  mepc_q <= mepc_d;
    if (tval_en) mtval_q <= mtval_d;
    mscratch_q <= mscratch_d;
  end

  wire unused_ok = &{1'b0, trap_cause_i[30:4], trap_epc_i[1:0]};
endmodule

`default_nettype wire
