// cpu_csr_tb: CSR reads and writes (write/set/clear, read-only bits), counters (a write
// replaces that cycle's increment), trap entry and mret, interrupt pending/enable/priority.
// SPDX-License-Identifier: Apache-2.0
module cpu_csr_tb;
  localparam int MSTATUS = 0, MISA = 1, MIE = 2, MTVEC = 3, MSCRATCH = 4, MEPC = 5,
                 MCAUSE = 6, MTVAL = 7, MIP = 8, MCYCLE = 9, MINSTRET = 10, MCYCLEH = 11,
                 MINSTRETH = 12;
  logic        clk = 0, rst_n = 0, we = 0, irq_t = 0, irq_e = 0, trap_may = 0, trap = 0;
  logic        mret = 0, retire = 0, drop = 0;
  logic [12:0] sel = 0;
  logic [1:0]  op = 0;
  logic [31:0] wsrc = 0, cause = 0, epc = 0, tval = 0;
  wire  [31:0] rdata, irq_cause, mtvec, mepc;
  wire         irq_take, wake;
  cpu_csr dut (.clk_i(clk), .rst_ni(rst_n), .sel_i(sel), .op_i(op), .wsrc_i(wsrc), .we_i(we),
               .rdata_o(rdata), .irq_timer_i(irq_t), .irq_external_i(irq_e),
               .irq_take_o(irq_take), .irq_cause_o(irq_cause), .wake_o(wake),
               .trap_may_i(trap_may), .trap_i(trap), .trap_cause_i(cause), .trap_epc_i(epc),
               .trap_tval_i(tval), .mret_i(mret), .retire_i(retire), .retire_drop_i(drop),
               .mtvec_o(mtvec), .mepc_o(mepc));
  always #5 clk = ~clk;

  int errors = 0, checks = 0;
  task automatic check(string what, logic [31:0] got, logic [31:0] want);
    checks++;
    if (got !== want) begin
      errors++;
      $display("  mismatch %s: got %h want %h", what, got, want);
    end
  endtask
  logic [31:0] r;
  task automatic rd(int c);
    sel = 13'd1 << c; #1; r = rdata;
  endtask
  // one CSR instruction: op 1 write, 2 set, 3 clear; returns the old value it read
  task automatic csr(int c, logic [1:0] o, logic [31:0] v, output logic [31:0] old);
    sel = 13'd1 << c; op = o; wsrc = v; we = 1; #1; old = rdata;
    @(posedge clk); #1; we = 0; sel = 0;
  endtask

  initial begin
    logic [31:0] old, c0, c1;
    repeat (2) @(posedge clk);
    rst_n = 1; #1;
    rd(MSTATUS); check("mstatus reset (MPP=3)", r, 32'h1800);
    rd(MISA); check("misa", r, 32'h40001100);
    rd(MIE); check("mie reset", r, 0);
    rd(MTVEC); check("mtvec reset", r, 0);
    sel = 0; #1;
    check("mhartid (no select) reads 0", rdata, 0);
    // write, set, clear
    csr(MSCRATCH, 1, 32'hdeadbeef, old);
    rd(MSCRATCH); check("mscratch write", r, 32'hdeadbeef);
    csr(MSCRATCH, 2, 32'h00000f10, old);
    check("csrrs returns old", old, 32'hdeadbeef);
    rd(MSCRATCH); check("mscratch set", r, 32'hdeadbfff);
    csr(MSCRATCH, 3, 32'hffff0000, old);
    rd(MSCRATCH); check("mscratch clear", r, 32'h0000bfff);
    csr(MTVEC, 1, 32'h80000123, old);
    rd(MTVEC); check("mtvec low bits read 0", r, 32'h80000120);
    check("mtvec_o", mtvec, 32'h80000120);
    csr(MEPC, 1, 32'h80000456, old);
    rd(MEPC); check("mepc low bits read 0", r, 32'h80000454);
    csr(MCAUSE, 1, 32'hffffffff, old);
    rd(MCAUSE); check("mcause keeps bit 31 and 3:0", r, 32'h8000000f);
    csr(MTVAL, 1, 32'h12345678, old);
    rd(MTVAL); check("mtval", r, 32'h12345678);
    csr(MIE, 1, 32'hffffffff, old);
    rd(MIE); check("mie only MTIE, MEIE", r, 32'h00000880);
    csr(MSTATUS, 1, 32'hffffffff, old);
    rd(MSTATUS); check("mstatus only MIE, MPIE", r, 32'h00001888);
    csr(MSTATUS, 3, 32'h00000088, old);
    csr(MIP, 1, 32'hffffffff, old);
    rd(MIP); check("mip write ignored", r, 0);
    // counters
    rd(MCYCLE); c0 = r; @(posedge clk); #1; rd(MCYCLE); c1 = r;
    check("mcycle counts cycles", c1 - c0, 1);
    csr(MCYCLE, 1, 32'hfffffffe, old);
    rd(MCYCLE); check("mcycle write replaces the increment", r, 32'hfffffffe);
    @(posedge clk); @(posedge clk); #1;
    rd(MCYCLE); check("mcycle wraps into mcycleh", r, 0);
    rd(MCYCLEH); check("mcycleh", r, 1);
    csr(MCYCLEH, 1, 32'h00000042, old);
    rd(MCYCLEH); check("mcycleh write", r, 32'h42);
    rd(MINSTRET); c0 = r; @(posedge clk); #1;
    rd(MINSTRET); check("minstret holds without retire", r, c0);
    retire = 1; @(posedge clk); #1; @(posedge clk); #1; retire = 0;
    rd(MINSTRET); check("minstret counts retire", r, c0 + 2);
    retire = 1; drop = 1; @(posedge clk); #1; retire = 0; drop = 0;
    rd(MINSTRET); check("retire_drop cancels the count", r, c0 + 2);
    retire = 1; csr(MINSTRET, 1, 32'd100, old); retire = 0;
    rd(MINSTRET); check("minstret write replaces the increment", r, 100);
    retire = 1; csr(MINSTRETH, 1, 32'd7, old); retire = 0;
    rd(MINSTRETH); check("minstreth write", r, 7);
    rd(MINSTRET); check("minstret low kept", r, 100);
    // trap entry: trap_may alone changes nothing
    csr(MSTATUS, 1, 32'h00000008, old);           // MIE=1, MPIE=0
    trap_may = 1; cause = 32'd2; epc = 32'h80000100; tval = 32'h0000707f;
    @(posedge clk); #1; trap_may = 0;
    rd(MEPC); check("no trap: mepc kept", r, 32'h80000454);
    trap_may = 1; trap = 1;
    @(posedge clk); #1; trap_may = 0; trap = 0;
    rd(MEPC); check("trap mepc", r, 32'h80000100);
    rd(MCAUSE); check("trap mcause", r, 2);
    rd(MTVAL); check("trap mtval", r, 32'h0000707f);
    rd(MSTATUS); check("trap MPIE=MIE, MIE=0", r, 32'h00001880);
    mret = 1; @(posedge clk); #1; mret = 0;
    rd(MSTATUS); check("mret MIE=MPIE, MPIE=1", r, 32'h00001888);
    // interrupts
    csr(MIE, 1, 32'h0, old);
    irq_t = 1; @(posedge clk); #1;
    rd(MIP); check("mip.MTIP", r, 32'h80);
    check("not enabled: no wake", {31'd0, wake}, 0);
    csr(MIE, 1, 32'h80, old);
    check("wake", {31'd0, wake}, 1);
    check("take with MIE", {31'd0, irq_take}, 1);
    check("timer cause", irq_cause, 32'h80000007);
    irq_e = 1; csr(MIE, 1, 32'h880, old);
    check("external wins", irq_cause, 32'h8000000b);
    csr(MSTATUS, 3, 32'h8, old);
    check("no take without MIE", {31'd0, irq_take}, 0);
    check("wake ignores MIE", {31'd0, wake}, 1);
    trap_may = 1; trap = 1; cause = irq_cause; epc = 32'h80000200; tval = 0;
    @(posedge clk); #1; trap_may = 0; trap = 0;
    rd(MCAUSE); check("interrupt mcause", r, 32'h8000000b);
    if (errors == 0) $display("PASS cpu_csr");
    else $fatal(1, "FAIL cpu_csr: %0d of %0d checks wrong", errors, checks);
    $finish;
  end
endmodule
