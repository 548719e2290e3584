// Self-checking testbench for cpu_system: loader, decode, RAM, SYSCTL, ID, bus errors, interrupts.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "sgpu_regs.vh"

// Runs small hand-assembled programs on the real cpu_core: each is written through the
// loader port (and read back), the core is released from reset, and the outputs are
// watched until the program writes EXIT or takes a trap with mtvec = 0.
module cpu_system_tb;
  localparam integer RAM_BYTES = 4096;
  localparam [31:0]  RAM_BASE  = 32'h8000_0000;
  localparam [31:0]  SYS       = `SGPU_SYSCTL_CORE_BASE;
  localparam [31:0]  ID        = `SGPU_ID_CORE_BASE;

  reg         clk = 1'b0;
  reg         rst_n = 1'b0;
  reg         ld_en = 1'b0, ld_we = 1'b0;
  reg  [31:0] ld_addr = 32'd0, ld_wdata = 32'd0;
  wire [31:0] ld_rdata, ram_bytes;
  wire        console_valid, exit_valid, bus_error, bus_error_we, retire, trap;
  wire [7:0]  console_data;
  wire [31:0] exit_code, bus_error_addr, bus_error_pc;
  wire [31:0] trap_cause, trap_epc, trap_tval, trap_vector;

  cpu_system #(.RAM_BYTES(RAM_BYTES)) dut (
    .clk_i(clk), .rst_ni(rst_n), .boot_addr_i(RAM_BASE),
    .console_valid_o(console_valid), .console_data_o(console_data),
    .exit_valid_o(exit_valid), .exit_code_o(exit_code),
    .bus_error_o(bus_error), .bus_error_addr_o(bus_error_addr), .bus_error_we_o(bus_error_we),
    .bus_error_pc_o(bus_error_pc), .retire_o(retire),
    .trap_o(trap), .trap_cause_o(trap_cause), .trap_epc_o(trap_epc), .trap_tval_o(trap_tval),
    .trap_vector_o(trap_vector),
    .ld_en_i(ld_en), .ld_we_i(ld_we), .ld_addr_i(ld_addr), .ld_wdata_i(ld_wdata),
    .ld_rdata_o(ld_rdata), .ram_bytes_o(ram_bytes),
    .host_id_req_i(1'b0), .host_id_we_i(1'b0), .host_id_be_i(4'h0), .host_id_addr_i(12'h0),
    .host_id_wdata_i(32'd0), .host_id_rdata_o()
  );

  initial forever #5 clk = ~clk;

  // ------------------------------------------------------------------ checking
  integer errors = 0;
  reg [8*24-1:0] test = "";
  task automatic check(input [8*56-1:0] what, input [31:0] got, input [31:0] want);
    if (got !== want) begin
      if (errors == 0) $display("FAIL cpu_system: %0s: %0s: got %08x, expected %08x", test, what, got, want);
      errors = errors + 1;
    end
  endtask

  // ------------------------------------------------------------------ assembler
  localparam [4:0] ZERO = 5'd0, T0 = 5'd5, T1 = 5'd6, T2 = 5'd7, S0 = 5'd8, S1 = 5'd9,
                   A0 = 5'd10, A1 = 5'd11;
  reg [31:0] prog [0:255];
  integer    n;  // words emitted

  function automatic [31:0] i_type(input [11:0] imm, input [4:0] rs1, input [2:0] f3,
                                   input [4:0] rd, input [6:0] op);
    i_type = {imm, rs1, f3, rd, op};
  endfunction
  function automatic [31:0] s_type(input [11:0] imm, input [4:0] rs2, input [4:0] rs1, input [2:0] f3);
    s_type = {imm[11:5], rs2, rs1, f3, imm[4:0], 7'h23};
  endfunction
  task automatic emit(input [31:0] w); prog[n] = w; n = n + 1; endtask
  task automatic addi(input [4:0] rd, input [4:0] rs1, input [11:0] imm); emit(i_type(imm, rs1, 3'd0, rd, 7'h13)); endtask
  task automatic lw(input [4:0] rd, input [4:0] rs1, input [11:0] imm); emit(i_type(imm, rs1, 3'd2, rd, 7'h03)); endtask
  task automatic lbu(input [4:0] rd, input [4:0] rs1, input [11:0] imm); emit(i_type(imm, rs1, 3'd4, rd, 7'h03)); endtask
  task automatic sw(input [4:0] rs2, input [4:0] rs1, input [11:0] imm); emit(s_type(imm, rs2, rs1, 3'd2)); endtask
  task automatic sb(input [4:0] rs2, input [4:0] rs1, input [11:0] imm); emit(s_type(imm, rs2, rs1, 3'd0)); endtask
  task automatic sub(input [4:0] rd, input [4:0] rs1, input [4:0] rs2); emit({7'h20, rs2, rs1, 3'd0, rd, 7'h33}); endtask
  task automatic jalr(input [4:0] rd, input [4:0] rs1); emit(i_type(12'd0, rs1, 3'd0, rd, 7'h67)); endtask
  task automatic spin; emit(32'h0000_006F); endtask  // jal x0, 0
  task automatic csrw(input [11:0] csr, input [4:0] rs1); emit(i_type(csr, rs1, 3'd1, ZERO, 7'h73)); endtask
  task automatic csrs(input [11:0] csr, input [4:0] rs1); emit(i_type(csr, rs1, 3'd2, ZERO, 7'h73)); endtask
  task automatic csrr(input [4:0] rd, input [11:0] csr); emit(i_type(csr, ZERO, 3'd2, rd, 7'h73)); endtask
  task automatic li(input [4:0] rd, input [31:0] v);
    begin
      emit({v[31:12] + {19'd0, v[11]}, rd, 7'h37});  // lui, rounded for the addi below
      addi(rd, rd, v[11:0]);
    end
  endtask
  function automatic [31:0] addr_of(input integer idx); addr_of = RAM_BASE + 4 * idx; endfunction

  // ------------------------------------------------------------------ running
  reg [15:0] console;  // the last two bytes
  integer    console_n;
  reg        exited, errored, trapped;
  reg [31:0] exit_value, err_addr, err_pc, cause, epc, tval;
  reg        err_we;
  integer    cycles, retired;

  task automatic ld_write(input [31:0] a, input [31:0] d);
    @(negedge clk); ld_en = 1'b1; ld_we = 1'b1; ld_addr = a; ld_wdata = d;
    @(negedge clk); ld_en = 1'b0; ld_we = 1'b0;
  endtask
  task automatic ld_read(input [31:0] a, output [31:0] d);
    @(negedge clk); ld_en = 1'b1; ld_we = 1'b0; ld_addr = a;
    @(negedge clk); ld_en = 1'b0; d = ld_rdata;
  endtask

  // Loads prog[0..n) at the RAM base and clears the next words; checks it reads back.
  task automatic load;
    integer i;
    reg [31:0] w;
    begin
      @(negedge clk); rst_n = 1'b0;
      for (i = 0; i < 256; i = i + 1) ld_write(4 * i, i < n ? prog[i] : 32'd0);
      for (i = 0; i < n; i = i + 1) begin
        ld_read(4 * i, w);
        check("loader read-back", w, prog[i]);
      end
    end
  endtask

  // Runs the loaded program until EXIT, a trap to address 0, or max_cycles.
  task automatic run(input integer max_cycles);
    begin
      console = 0; console_n = 0; exited = 0; errored = 0; trapped = 0; cycles = 0; retired = 0;
      @(negedge clk); rst_n = 1'b1;
      while (!exited && !trapped && cycles < max_cycles) begin
        @(posedge clk); #1; cycles = cycles + 1;
        if (retire) retired = retired + 1;
        if (console_valid) begin console = {console[7:0], console_data}; console_n = console_n + 1; end
        if (exit_valid) begin exited = 1; exit_value = exit_code; end
        if (bus_error && !errored) begin
          errored = 1; err_addr = bus_error_addr; err_we = bus_error_we; err_pc = bus_error_pc;
        end
        if (trap && trap_vector == 32'd0) begin
          trapped = 1; cause = trap_cause; epc = trap_epc; tval = trap_tval;
        end
      end
      @(negedge clk); rst_n = 1'b0;
    end
  endtask

  reg [31:0] w;
  integer    pc_store;

  initial begin
    repeat (3) @(negedge clk);
    check("ram_bytes_o", ram_bytes, RAM_BYTES);

    // 1. Console, exit, and the ID block's MAGIC.
    test = "console-exit"; n = 0;
    li(S0, SYS);
    li(T0, "O"); sw(T0, S0, `SGPU_SYSCTL_CONSOLE_OFFSET);
    li(T0, "K"); sw(T0, S0, `SGPU_SYSCTL_CONSOLE_OFFSET);
    li(S1, ID);  lw(T1, S1, `SGPU_ID_MAGIC_OFFSET);
    sw(T1, S0, `SGPU_SYSCTL_EXIT_OFFSET);
    spin;
    load; run(2000);
    check("exited", {31'd0, exited}, 1);
    check("exit value is MAGIC", exit_value, `SGPU_ID_MAGIC_RESET);
    check("console bytes", console_n, 2);
    check("console text", {16'd0, console}, {16'd0, "OK"});
    check("no bus error", {31'd0, errored}, 0);
    check("no trap", {31'd0, trapped}, 0);
    if (retired < 11) check("instructions retired before EXIT", retired, 11);

    // 2. RAM words and bytes, ID SCRATCH, MTIME; results left in RAM for the loader.
    test = "data"; n = 0;
    li(S0, SYS); li(S1, RAM_BASE + 32'h800); li(A1, ID);
    li(T0, 32'h1234_5678); sw(T0, S1, 12'h000);
    li(T1, 32'h0000_00AB); sb(T1, S1, 12'h001);
    lw(T2, S1, 12'h000); sw(T2, S1, 12'h004);
    lbu(A0, S1, 12'h003); sw(A0, S1, 12'h008);
    li(T0, 32'hCAFE_F00D); sw(T0, A1, `SGPU_ID_SCRATCH_OFFSET);
    lw(T1, A1, `SGPU_ID_SCRATCH_OFFSET); sw(T1, S1, 12'h00C);
    lw(T0, S0, `SGPU_SYSCTL_MTIME_LO_OFFSET);
    lw(T1, S0, `SGPU_SYSCTL_MTIME_LO_OFFSET);
    sub(T2, T1, T0); sw(T2, S1, 12'h010);
    lw(T0, S0, `SGPU_SYSCTL_MTIMECMP_HI_OFFSET); sw(T0, S1, 12'h014);
    sw(ZERO, S0, `SGPU_SYSCTL_EXIT_OFFSET);
    spin;
    load; run(4000);
    check("exited", {31'd0, exited}, 1);
    check("exit value", exit_value, 0);
    check("no bus error", {31'd0, errored}, 0);
    ld_read(32'h804, w); check("word after a byte store", w, 32'h1234_AB78);
    ld_read(32'h808, w); check("lbu", w, 32'h0000_0012);
    ld_read(32'h80C, w); check("ID SCRATCH round trip", w, 32'hCAFE_F00D);
    ld_read(32'h810, w);
    if (w == 0 || w > 32'd20) check("MTIME advances between two reads", w, 32'd1);
    ld_read(32'h814, w); check("MTIMECMP_HI reset", w, `SGPU_SYSCTL_MTIMECMP_HI_RESET);

    // 3. A store outside every window: a bus error with its address, direction and PC;
    //    the response still comes, so the program goes on to EXIT.
    test = "store-unmapped"; n = 0;
    li(S0, SYS); li(T0, 32'h4000_0010); li(T1, 32'd5);
    pc_store = n; sw(T1, T0, 12'h000);
    li(T2, 32'd9); sw(T2, S0, `SGPU_SYSCTL_EXIT_OFFSET);
    spin;
    load; run(2000);
    check("bus error", {31'd0, errored}, 1);
    check("bus error address", err_addr, 32'h4000_0010);
    check("bus error is a write", {31'd0, err_we}, 1);
    check("bus error pc", err_pc, addr_of(pc_store));
    check("exit after the bus error", exit_value, 9);

    // 4. A store just past the end of RAM is a bus error and does not wrap to word 0.
    test = "store-past-ram"; n = 0;
    li(S0, SYS); li(T0, RAM_BASE + RAM_BYTES); li(T1, 32'hBAD0_BAD0);
    pc_store = n; sw(T1, T0, 12'h000);
    sw(ZERO, S0, `SGPU_SYSCTL_EXIT_OFFSET);
    spin;
    load; run(2000);
    check("bus error", {31'd0, errored}, 1);
    check("bus error address", err_addr, RAM_BASE + RAM_BYTES);
    check("bus error pc", err_pc, addr_of(pc_store));
    ld_read(32'h0, w); check("RAM word 0 untouched", w, prog[0]);

    // 5. A load from an unmapped address is a bus error and returns 0.
    test = "load-unmapped"; n = 0;
    li(S0, SYS); li(T0, 32'h3000_0000); li(T1, 32'd77);
    pc_store = n; lw(T1, T0, 12'h000);
    sw(T1, S0, `SGPU_SYSCTL_EXIT_OFFSET);
    spin;
    load; run(2000);
    check("bus error", {31'd0, errored}, 1);
    check("bus error address", err_addr, 32'h3000_0000);
    check("bus error is a read", {31'd0, err_we}, 0);
    check("bus error pc", err_pc, addr_of(pc_store));
    check("the load returned 0", exit_value, 0);

    // 6. A fetch outside RAM is flagged to the core (imem_err), which executes it as the
    //    illegal instruction 0 whatever word the RAM returned; with mtvec = 0 the core
    //    traps to address 0.
    test = "fetch-outside-ram"; n = 0;
    li(T0, 32'h0000_1000); jalr(ZERO, T0);
    spin;
    load; run(2000);
    check("trapped", {31'd0, trapped}, 1);
    check("cause: illegal instruction", cause, 32'd2);
    check("mepc", epc, 32'h0000_1000);
    check("mtval: the instruction word 0", tval, 32'd0);
    check("no bus error", {31'd0, errored}, 0);

    // 7. The timer interrupt: MTIMECMP a little ahead, MTIE and MIE set, spin; the
    //    handler (at word 64) writes mcause to EXIT.
    test = "timer-irq"; n = 0;
    li(S0, SYS);
    li(T0, addr_of(64)); csrw(12'h305, T0);                 // mtvec
    sw(ZERO, S0, `SGPU_SYSCTL_MTIMECMP_HI_OFFSET);
    li(T0, 32'd300); sw(T0, S0, `SGPU_SYSCTL_MTIMECMP_LO_OFFSET);
    li(T0, 32'h80); csrw(12'h304, T0);                      // mie.MTIE
    li(T0, 32'h8); csrs(12'h300, T0);                       // mstatus.MIE
    spin;
    while (n < 64) emit(32'h0000_0013);
    csrr(A0, 12'h342); sw(A0, S0, `SGPU_SYSCTL_EXIT_OFFSET); spin;
    load; run(3000);
    check("exited from the handler", {31'd0, exited}, 1);
    check("mcause: machine timer", exit_value, 32'h8000_0007);

    // 8. The external interrupt through IRQ_TEST.
    test = "external-irq"; n = 0;
    li(S0, SYS);
    li(T0, addr_of(64)); csrw(12'h305, T0);
    li(T0, 32'h800); csrw(12'h304, T0);                     // mie.MEIE
    li(T0, 32'h8); csrs(12'h300, T0);
    li(T0, 32'd1 << `SGPU_SYSCTL_IRQ_TEST_EXTERNAL_LSB); sw(T0, S0, `SGPU_SYSCTL_IRQ_TEST_OFFSET);
    spin;
    while (n < 64) emit(32'h0000_0013);
    csrr(A0, 12'h342); sw(A0, S0, `SGPU_SYSCTL_EXIT_OFFSET); spin;
    load; run(2000);
    check("exited from the handler", {31'd0, exited}, 1);
    check("mcause: machine external", exit_value, 32'h8000_000B);

    // 9. The loader writes and reads any word, including the last one.
    test = "loader";
    ld_write(RAM_BYTES - 4, 32'h0BAD_CAFE);
    ld_read(RAM_BYTES - 4, w); check("last RAM word", w, 32'h0BAD_CAFE);
    ld_read(32'h0, w); check("first RAM word", w, prog[0]);

    if (errors == 0) $display("PASS cpu_system");
    $finish;
  end

  initial begin
    #2000000;
    $display("FAIL cpu_system: timeout");
    $finish;
  end
endmodule

`default_nettype wire
