// cpu_core: sgpu's RV32IM + Zicsr machine-mode core, a 4-stage pipeline with forwarding.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// Stages (docs/cpu.md has the contract):
//  F  the fetch address drives the synchronous instruction memory; the word arrives in D.
//  D  decode; rs1/rs2 of the raw word address the block-RAM register file, so operands
//     arrive in E. Forwarding selects are computed here and registered, so E only muxes.
//     Prediction: jal always taken; branches by a 2-bit history table (cpu_bht) read
//     alongside the fetch, which falls back to backward-taken/forward-not-taken. A
//     predicted-taken branch or jal steers this same cycle's fetch to its target.
//  E  operand muxes, ALU and shifter, address adder, branch resolution, traps and
//     interrupts, CSR access, mul/div (stalls E), and the data request (out at the end of E).
//  M  the data answer, load alignment, and the register write at the end of M.
// Penalties: correctly predicted branch or jal 0 cycles; mispredict, jalr, mret, trap 2;
// load-use 1; a load right after a store 1; mul 33, divide 33-36 (cpu_muldiv).
//
// Why four stages, not five: with the register write at the end of M, E forwards from only
// three places (the M result, a bypass register captured in D, the register RAM); the two
// flops are chosen between first, so the register RAM passes one LUT before the adders.
// After the 2 ns block-RAM clock-to-out, E has time for that, a 34-bit carry chain and one
// LUT at 60 MHz on an iCE40 HX, if nothing after the carry chains waits for more than one
// LUT: so late results (lt, the address adder's bits) go only into flops through one LUT,
// the choices around them are settled early and kept apart (`keep`), and the memory side
// decodes the data address only after the clock edge (docs/cpu.md, memory timing).
// Why redirects from E are registered (fx_q): E resolves a branch too late to steer the
// fetch in the same cycle, so it sets fx_q/fx_pc_q, and the next cycle fetches straight from
// fx_pc_q and flushes D and E: two cycles, as if E steered the fetch directly plus one.
// D, on the other hand, does steer the fetch address combinationally: its inputs are the
// instruction word and registers, and the low address bits the RAM needs leave the target
// adder early, so the predicted-taken bubble costs no cycle (one more adder for target+4).
// A stalled D re-fetches its own PC (imem_addr_o = pc_d) instead of keeping the word in a
// skid register: the memory needs not hold its output, and no mux sits on the decode path.
// A store lands one cycle after its request (docs/cpu.md), so code written by a store runs
// without fence.i only because stores are snooped against every word fetched before the
// write lands (12 address bits, a false hit only costs a refetch): the store compares its
// address with D's pc as it leaves E (a hit drops that instruction in E next cycle and
// refetches from the store's pc + 4, like a mispredict), and D compares its pc with the
// landing and the landed store in the two cycles after (a hit stalls D, which refetches).
// A load in the cycle right after a store waits a cycle, so that it never races the write.
module cpu_core (
  input  wire        clk_i,
  input  wire        rst_ni,
  input  wire [31:0] boot_addr_i,
  output wire        imem_req_o,
  output wire [31:0] imem_addr_o,
  input  wire [31:0] imem_rdata_i,
  input  wire        imem_err_i,       // with the word: there is no memory at that address
  output wire        dmem_req_o,
  output wire        dmem_we_o,
  output wire [3:0]  dmem_be_o,
  output wire [31:0] dmem_addr_o,
  output wire [31:0] dmem_wdata_o,
  input  wire        dmem_rvalid_i,
  input  wire [31:0] dmem_rdata_i,
  input  wire        irq_timer_i,
  input  wire        irq_external_i,
  output wire        retire_o,
  output wire        trap_o,
  output wire [31:0] trap_cause_o,
  output wire [31:0] trap_epc_o,
  output wire [31:0] trap_tval_o,
  output wire [31:0] trap_vector_o,
  output wire [31:0] dbg_dmem_pc_o     // PC of the instruction driving dmem_req_o (in E)
);
  // Pipeline control. hold_m: M waits for the data answer (F, D, E, M frozen).
  // stall_e: E busy (mul/div, wfi, a branch to a misaligned target; F, D, E frozen, M gets
  // a bubble but keeps its result for forwarding). stall_d: load-use, or D's word may be
  // older than a store to it (F, D frozen, E gets a bubble). fx: a redirect decided last
  // cycle (flushes D and E).
  wire hold_m, stall_e, stall_d, m_wait;
  reg  fx_q, snoop_q, fx_trap_q;
  reg  [29:0] fx_pc_q;
  wire fx = fx_q | snoop_q;     // snoop_q: E's word was older than a store (snoop_e)
  wire stall_d_early;           // the part of stall_d that comes from flops
  (* keep *) wire stall_f_early = (hold_m | stall_e | stall_d_early) & !fx;
  wire stall_f = stall_f_early | (stall_d & !fx);

  // ---------------------------------------------------------------- F
  reg  [29:0] pc_f_q, pc_d_q;                    // word addresses
  reg         d_valid_q;
  // D redirects a predicted-taken branch or jal straight into this cycle's fetch (no
  // bubble): d_redirect and target_d come from D below.
  wire        d_redirect;
  wire [29:0] target_d, target1_d;
  // A trap's redirect goes to mtvec (which cannot change meanwhile): fx_pc_q then only
  // needs the other targets, and its data leaves the late trap decision out.
  wire [29:0] fetch_pc = !fx ? pc_f_q : fx_trap_q ? mtvec[31:2] : fx_pc_q;
  // The target adder's top bits come last: they pass one LUT (take_t picks them), the
  // other choices are settled before (kept apart).
  wire        take_t   = d_redirect & !stall_f;
  (* keep *) wire [29:0] pc_nt = stall_f ? pc_d_q : fetch_pc;
  wire [29:0] imem_pc  = take_t ? target_d : pc_nt;
  assign imem_req_o  = 1'b1;
  assign imem_addr_o = {imem_pc, 2'b00};

  // ---------------------------------------------------------------- D
  wire [31:0] instr = imem_rdata_i;
  wire [4:0]  rs1 = instr[19:15], rs2 = instr[24:20], rd = instr[11:7];
  wire        dc_illegal, dc_rs1_used, dc_rs2_used, dc_rd_we, dc_b_imm, dc_sub, dc_cmpu;
  wire        dc_use_logic, dc_slt, dc_sh_en, dc_sh_left, dc_sh_arith, dc_branch, dc_jal;
  wire        dc_jalr, dc_load, dc_store, dc_csr, dc_csr_wr, dc_md, dc_ecall, dc_ebreak;
  wire        dc_mret, dc_wfi;
  wire [31:0] dc_imm, dc_imm_bj;
  wire [1:0]  dc_a_src, dc_lop, dc_side;
  wire [12:0] dc_csr_sel;
  cpu_decode u_decode (
    .instr_i(instr), .illegal_o(dc_illegal), .rs1_used_o(dc_rs1_used),
    .rs2_used_o(dc_rs2_used), .rd_we_o(dc_rd_we), .imm_o(dc_imm), .imm_bj_o(dc_imm_bj),
    .a_src_o(dc_a_src), .b_imm_o(dc_b_imm), .sub_o(dc_sub), .cmp_unsigned_o(dc_cmpu),
    .use_logic_o(dc_use_logic), .lop_o(dc_lop), .slt_o(dc_slt), .side_o(dc_side),
    .sh_en_o(dc_sh_en), .sh_left_o(dc_sh_left), .sh_arith_o(dc_sh_arith),
    .branch_o(dc_branch), .jal_o(dc_jal), .jalr_o(dc_jalr), .load_o(dc_load),
    .store_o(dc_store), .csr_o(dc_csr), .csr_wr_o(dc_csr_wr), .csr_sel_o(dc_csr_sel),
    .md_o(dc_md), .ecall_o(dc_ecall), .ebreak_o(dc_ebreak), .mret_o(dc_mret),
    .wfi_o(dc_wfi)
  );

  // pc_f is pc_d + 4 whenever D holds a valid instruction: it is the link address.
  // A branch whose target is misaligned is never predicted taken (see e_brmis_q).
  wire [1:0]  bht_ctr;
  assign target_d  = pc_d_q + dc_imm_bj[31:2];
  assign target1_d = pc_d_q + dc_imm_bj[31:2] + 30'd1;   // the fetch after the target
  wire        brmis_d  = dc_branch & dc_imm_bj[1];
  wire        pred_d   = dc_jal | (dc_branch & (dc_imm_bj[31] ^ bht_ctr[1]) & !dc_imm_bj[1]);
  assign d_redirect = d_valid_q & pred_d & !fx;
  wire [29:0] alt_d    = (dc_branch & !pred_d) ? target_d : pc_f_q;
  // E's immediate feeds the address adder; an illegal instruction carries its own word
  // instead (for mtval). A word fetched from no memory is an illegal instruction with
  // mtval 0, as if the word were 0: the memory side decodes the fetch address in the
  // answer's cycle, too late to zero the word before decode, but in time for these flops
  // (what D does with the garbage word is undone by the trap in E).
  wire        illegal_d = dc_illegal | imem_err_i;
  wire [31:0] imm_d     = imem_err_i ? 32'd0 : dc_illegal ? instr : dc_imm;

  // E and M state used by the hazard and forwarding logic (registered below).
  reg         e_valid_q, e_we_q, e_load_q, m_valid_q, m_we_q;
  reg  [4:0]  e_rd_q, m_rd_q;
  wire [31:0] wb_data;

  // The word address of the store that left E last cycle (its write lands at the end of
  // this cycle: sn1) and of the one before (landed at the end of last cycle: sn2).
  reg         sn1_q, sn2_q;
  reg  [11:0] sn1_addr_q, sn2_addr_q;
  wire        sn_d = d_valid_q & ((sn1_q & sn1_addr_q == pc_d_q[11:0]) |
                                  (sn2_q & sn2_addr_q == pc_d_q[11:0]));
  // Load-use: the raw register fields against the load's rd, with only a rough guess of
  // which fields are registers (no decoder on the path to the fetch address): rs1 unless
  // lui, auipc or jal; rs2 for op, store, branch and system. A wrong guess costs a cycle.
  (* keep *) wire e_ld_rd = d_valid_q & e_valid_q & e_load_q & e_we_q;
  wire rs1_maybe = !instr[2] | !(instr[3] | instr[4]);
  wire rs2_maybe = instr[5] & !instr[2];
  assign stall_d_early = sn_d;
  assign stall_d = (e_ld_rd & ((rs1_maybe & rs1 == e_rd_q) | (rs2_maybe & rs2 == e_rd_q))) |
                   stall_d_early;

  // Forwarding for the instruction entering E: a register is then in M (written by what is
  // now in E), or written by M right now (the RAM would return the old value: keep it in
  // the bypass register), or in the RAM. The bypass register also carries zero (x0, or no
  // rs1), the PC (auipc), zimm and the immediate.
  wire a_const = dc_a_src != 2'b00 || rs1 == 5'd0;
  wire b_const = dc_b_imm || rs2 == 5'd0;
  wire m_wr    = m_valid_q & m_we_q;
  wire fa_m_d  = !a_const & e_valid_q & e_we_q & (e_rd_q == rs1);
  wire fa_b_d  = a_const | (m_wr & (m_rd_q == rs1));
  wire fb_m_d  = !b_const & e_valid_q & e_we_q & (e_rd_q == rs2);
  wire fb_b_d  = b_const | (m_wr & (m_rd_q == rs2));
  wire [31:0] byp_a_d = dc_a_src == 2'b10 ? {pc_d_q, 2'b00} :
                        dc_a_src == 2'b11 ? {27'd0, rs1} :
                        a_const           ? 32'd0 : wb_data;
  wire [31:0] byp_b_d = dc_b_imm ? dc_imm : b_const ? 32'd0 : wb_data;

  // ---------------------------------------------------------------- E
  reg  [29:0] e_pc_q, e_alt_q;
  reg  [31:0] e_imm_q, e_byp_a_q, e_byp_b_q;
  reg  [2:0]  e_f3_q;
  reg  [1:0]  e_lop_q, e_side_q;
  reg  [12:0] e_csr_sel_q;
  reg         e_fa_m_q, e_fa_q, e_fb_m_q, e_fb_q;
  reg         e_sub_q, e_cmpu_q, e_use_logic_q, e_slt_q, e_sh_en_q, e_sh_left_q;
  reg         e_sh_arith_q, e_brmis_q, e_jal_q, e_jalr_q, e_store_q;
  reg         e_csr_q, e_csr_wr_q, e_md_q, e_ecall_q, e_ebreak_q, e_mret_q, e_wfi_q;
  reg         e_illegal_q, e_second_q, e_lt_q, e_eq_q, e_chk0_q, e_chk1_q;
  reg         e_br_eq_q, e_br_lt_q, e_inv_q, e_miss_inv_q;
  reg  [1:0]  e_ctr_q;
  reg  [31:0] m_res_q;

  wire        trap;
  (* keep *) wire trap_early;
  wire        e_en = !hold_m & (!stall_e | trap_early | fx);  // E takes what D offers
  wire        e_valid_d = d_valid_q & !stall_d & !fx;
  wire [31:0] rf_a, rf_b;
  cpu_regfile u_regfile (
    .clk_i, .re_i(e_en), .raddr_a_i(rs1), .raddr_b_i(rs2), .rdata_a_o(rf_a),
    .rdata_b_o(rf_b), .we_i(m_wr & !hold_m), .waddr_i(m_rd_q), .wdata_i(wb_data)
  );

  // The forwarded value is chosen among flops first (kept apart), so that the register
  // RAM, which comes late, passes a single LUT on its way to the adders.
  (* keep *) wire [31:0] fwd_a = e_fa_m_q ? m_res_q : e_byp_a_q;
  (* keep *) wire [31:0] fwd_b = e_fb_m_q ? m_res_q : e_byp_b_q;
  wire [31:0] op_a = e_fa_q ? fwd_a : rf_a;
  wire [31:0] op_b = e_fb_q ? fwd_b : rf_b;
  wire [31:0] agu  = op_a + e_imm_q;

  // Results from elsewhere: the link address, a CSR (csr_rdata is 0 unless E holds a CSR
  // instruction), mul/div.
  wire [31:0] csr_rdata, md_acc, md_q, mtvec, mepc, irq_cause;
  wire        irq_take, wake, md_busy, md_done, md_hi;
  wire [31:0] side = ({32{e_side_q == 2'b01}} & {e_alt_q, 2'b00}) | csr_rdata |
                     ({32{e_side_q == 2'b11 &&  md_hi}} & md_acc) |
                     ({32{e_side_q == 2'b11 && !md_hi}} & md_q);
  wire [31:0] res, shifted;
  wire        lt, eq;
  cpu_shift u_shift (
    .a_i(op_a), .shamt_i(op_b[4:0]), .left_i(e_sh_left_q), .arith_i(e_sh_arith_q),
    .en_i(e_sh_en_q), .res_o(shifted)
  );
  cpu_alu u_alu (
    .a_i(op_a), .b_i(op_b), .sub_i(e_sub_q), .cmp_unsigned_i(e_cmpu_q),
    .use_logic_i(e_use_logic_q), .lop_i(e_lop_q), .slt_i(e_slt_q), .side_i(side),
    .shift_i(shifted), .res_o(res), .lt_o(lt), .eq_o(eq)
  );

  // Load/store: byte lanes now, alignment of the answer in M.
  reg  [2:0]  m_f3_q;
  reg  [1:0]  m_addr_lo_q;
  wire [31:0] ld_data;
  cpu_lsu u_lsu (
    .size_i(e_f3_q[1:0]), .addr_lo_i(agu[1:0]), .st_data_i(op_b), .wdata_o(dmem_wdata_o),
    .be_o(dmem_be_o), .ld_en_i(m_load_q), .ld_f3_i(m_f3_q),
    .ld_addr_lo_i(m_addr_lo_q), .rdata_i(dmem_rdata_i), .ld_data_o(ld_data)
  );

  // Branches: beq/bne use eq, the others lt; funct3 bit 0 inverts. A branch to a
  // misaligned target takes two cycles: the first records the outcome, the second traps
  // if it was taken (keeps the late compare away from the trap logic).
  // The address checks (misaligned load/store, jalr target) are the only late exception
  // sources: D precomputed which address bits matter, so they cost one LUT after the adder.
  // lt arrives last (end of the carry chain), so only flops and single LUTs see it: the
  // misaligned-target branch keeps the raw lt and eq of its first cycle and decides from
  // them in the second, and the history table registers them raw too.
  // exc_addr includes e_live, so that trap is a single LUT of it and the kept early part.
  (* keep *) wire chk0_live, chk1_live;
  (* keep *) wire exc_addr = (chk0_live & agu[0]) | (chk1_live & agu[1]);
  wire exc_early = e_illegal_q | e_ecall_q | e_ebreak_q | (e_jal_q & e_imm_q[1]) |
                   (e_brmis_q & e_second_q & ((e_f3_q[2] ? e_lt_q : e_eq_q) ^ e_f3_q[0]));
  wire irq       = irq_take & !e_wfi_q;          // wfi retires first, then the interrupt
  // A load right after a store waits one cycle: the store's write lands at the end of this
  // cycle, and a read of that word now would race it (docs/cpu.md, memory timing).
  assign stall_e = e_valid_q & ((e_md_q & !md_done) | (e_wfi_q & !wake) |
                                (e_brmis_q & !e_second_q) | (e_load_q & sn1_q));
  // e_done (the instruction moves on to M) gates every side effect, and only the address
  // check and the data answer arrive late: keep the early part apart so that e_done is
  // one LUT after them (yosys would otherwise fold it into deeper logic).
  // snoop_e: E holds an instruction fetched before the store ahead of it (now in M) lands
  // in its word. E is dropped and the next cycle refetches from the store's pc + 4, which
  // is E's own pc (fx_pc_q already holds it: see fx_pc_q below). The store compared its
  // address with D's pc (now E's) last cycle, so that no compare delays e_ok.
  reg  sne_q;
  wire snoop_e   = sne_q & e_valid_q;
  wire e_kill    = fx | snoop_e;
  (* keep *) wire e_ok   = e_valid_q & !e_kill & !stall_e & !irq & !exc_early;
  (* keep *) wire mem_ok = dmem_rvalid_i | !m_wait;
  wire e_live    = e_valid_q & !e_kill & mem_ok;
  assign chk0_live = e_live & e_chk0_q;
  assign chk1_live = e_live & e_chk1_q;
  wire trap_may  = e_live & (irq | exc_early | e_chk0_q | e_chk1_q);  // early
  assign trap_early = e_live & (irq | exc_early);  // the only traps possible while E stalls
  assign trap    = trap_early | exc_addr;
  wire e_pass    = e_ok & mem_ok;                // E completes unless exc_addr (early)
  wire e_done    = e_pass & !exc_addr;
  // Redirect: jalr, mret, or a mispredicted branch. lt comes last (end of the carry chain),
  // so both outcomes are prepared and lt picks one: mispredicted iff (cond ^ e_inv_q),
  // where e_inv_q = funct3[0] ^ predicted-taken.
  wire fx_base   = trap | (e_done & (e_jalr_q | e_mret_q | (e_br_eq_q & (eq ^ e_inv_q))));
  (* keep *) wire fx_if_lt = fx_base | (e_done & e_br_lt_q & !e_inv_q);
  (* keep *) wire fx_if_ge = fx_base | (e_done & e_br_lt_q & e_inv_q);

  wire [3:0]  exc_code = e_illegal_q ? 4'd2 : e_ebreak_q ? 4'd3 : e_ecall_q ? 4'd11 :
                         !exc_addr ? 4'd0 : e_load_q ? 4'd4 : e_store_q ? 4'd6 : 4'd0;
  assign trap_o        = trap;
  assign trap_cause_o  = irq ? irq_cause : {28'd0, exc_code};
  assign trap_epc_o    = {e_pc_q, 2'b00};
  // mtval: the word of an illegal instruction (E's immediate), the target of a branch to
  // a misaligned address (e_alt_q, bit 1 set), else the address adder: load/store address,
  // jal and jalr targets (jalr clears bit 0), and, as D gives them op_a = 0 and imm 0, 0
  // for ecall/ebreak.
  // The choices other than the adder are settled early (kept apart): one LUT after it.
  (* keep *) wire        tval_agu   = !irq & !e_illegal_q & !e_brmis_q;
  (* keep *) wire [31:0] tval_other = irq ? 32'd0 : e_illegal_q ? e_imm_q : {e_alt_q, 2'b10};
  assign trap_tval_o   = tval_agu ? {agu[31:1], agu[0] & !e_jalr_q} : tval_other;
  assign trap_vector_o = mtvec;

  cpu_csr u_csr (
    .clk_i, .rst_ni, .sel_i(e_csr_sel_q), .op_i(e_f3_q[1:0]), .wsrc_i(op_a),
    .we_i(e_pass & e_csr_q & e_csr_wr_q), .rdata_o(csr_rdata), .irq_timer_i,
    .irq_external_i, .irq_take_o(irq_take), .irq_cause_o(irq_cause), .wake_o(wake),
    .trap_may_i(trap_may), .trap_i(trap), .trap_cause_i(trap_cause_o),
    .trap_epc_i(trap_epc_o), .trap_tval_i(trap_tval_o), .mret_i(e_pass & e_mret_q),
    .retire_i(e_pass), .retire_drop_i(exc_addr),
    .mtvec_o(mtvec), .mepc_o(mepc)
  );
  cpu_muldiv u_muldiv (
    .clk_i, .rst_ni, .start_i(e_valid_q & e_md_q & !md_busy & !fx), .clear_i(e_en),
    .op_i(e_f3_q), .a_i(op_a), .b_i(op_b), .busy_o(md_busy), .done_o(md_done),
    .hi_o(md_hi), .acc_o(md_acc), .q_o(md_q)
  );

  assign dmem_req_o    = e_done & (e_load_q | e_store_q);
  assign dmem_we_o     = e_store_q;
  assign dmem_addr_o   = {agu[31:2], 2'b00};
  assign dbg_dmem_pc_o = {e_pc_q, 2'b00};

  // ---------------------------------------------------------------- M
  reg         m_load_q, m_mem_q;
  wire   m_wait  = m_valid_q & m_mem_q;
  assign hold_m  = m_wait & !dmem_rvalid_i;
  assign wb_data = m_load_q ? ld_data : m_res_q;
  assign retire_o = m_valid_q & !hold_m;

  // ---------------------------------------------------------------- next state
  wire        fx_d    = lt ? fx_if_lt : fx_if_ge;

  // Branch history: each resolved branch trains its counter (cpu_bht registers it).
  cpu_bht u_bht (
    .clk_i, .rst_ni, .raddr_i(imem_pc[10:0]), .rdata_o(bht_ctr),
    .upd_i(e_done & (e_br_eq_q | e_br_lt_q)), .upd_addr_i(e_pc_q[10:0]),
    .upd_ctr_i(e_ctr_q), .upd_lt_i(lt), .upd_eq_i(eq), .upd_sel_lt_i(e_f3_q[2]),
    .upd_inv_i(e_miss_inv_q)
  );
  // jalr's target comes last from the adder: the other choice is settled before (kept).
  (* keep *) wire [29:0] fx_pc_other = e_mret_q ? mepc[31:2] : e_alt_q;
  wire [29:0] fx_pc_d = (e_jalr_q & !e_mret_q) ? agu[31:2] : fx_pc_other;
  (* keep *) wire [29:0] pcf_nt = stall_f ? pc_f_q : fetch_pc + 30'd1;
  wire [29:0] pc_f_d  = take_t ? target1_d : pcf_nt;
  wire        d_valid_d = fx | !stall_f | d_valid_q;

  always @(posedge clk_i) begin
    if (!rst_ni) begin
      pc_f_q <= boot_addr_i[31:2];
      fx_q <= 1'b0; fx_trap_q <= 1'b0; snoop_q <= 1'b0; sne_q <= 1'b0;
      sn1_q <= 1'b0; sn2_q <= 1'b0;
      d_valid_q <= 1'b0; e_valid_q <= 1'b0; m_valid_q <= 1'b0;
    end else begin
      pc_f_q <= pc_f_d;
      fx_q <= fx_d;
      fx_trap_q <= trap;
      snoop_q <= snoop_e;
      sne_q <= e_done & e_store_q & (agu[13:2] == pc_d_q[11:0]);
      sn1_q <= e_done & e_store_q;
      sn2_q <= sn1_q;
      d_valid_q <= d_valid_d;
      // fx kills E even when M holds it (a store that hit the snoop waits in M)
      if (e_en || fx) e_valid_q <= e_valid_d;
      if (!hold_m) m_valid_q <= e_done;
    end
    // A store leaves fx_pc_d = e_alt_q, its pc + 4: keep it for snoop_e's refetch.
    if (!snoop_e) fx_pc_q <= fx_pc_d;
    sn1_addr_q <= agu[13:2];
    sn2_addr_q <= sn1_addr_q;
    pc_d_q <= imem_pc;
    if (e_en) begin
      e_pc_q <= pc_d_q;           e_alt_q <= alt_d;         e_imm_q <= imm_d;
      e_rd_q <= rd;               e_we_q <= dc_rd_we && rd != 5'd0;
      e_f3_q <= instr[14:12];     e_byp_a_q <= byp_a_d;     e_byp_b_q <= byp_b_d;
      e_fa_m_q <= fa_m_d;         e_fa_q <= fa_m_d | fa_b_d;
      e_fb_m_q <= fb_m_d;         e_fb_q <= fb_m_d | fb_b_d;
      e_sub_q <= dc_sub;          e_cmpu_q <= dc_cmpu;      e_use_logic_q <= dc_use_logic;
      e_lop_q <= dc_lop;          e_slt_q <= dc_slt;        e_side_q <= dc_side;
      e_sh_en_q <= dc_sh_en;      e_sh_left_q <= dc_sh_left; e_sh_arith_q <= dc_sh_arith;
      e_brmis_q <= brmis_d;       e_jal_q <= dc_jal;        e_jalr_q <= dc_jalr;
      e_load_q <= dc_load;
      e_store_q <= dc_store;      e_csr_q <= dc_csr;        e_csr_wr_q <= dc_csr_wr;
      e_csr_sel_q <= dc_csr_sel;  e_md_q <= dc_md & !imem_err_i;  e_ecall_q <= dc_ecall;
      e_ebreak_q <= dc_ebreak;    e_mret_q <= dc_mret;      e_wfi_q <= dc_wfi;
      e_illegal_q <= illegal_d;   e_second_q <= 1'b0;
      // branch resolution: which compare decides, and whether it is inverted
      e_br_eq_q <= dc_branch & !brmis_d & !instr[14];
      e_br_lt_q <= dc_branch & !brmis_d & instr[14];
      e_inv_q   <= instr[12] ^ pred_d;
      e_miss_inv_q <= instr[12] ^ dc_imm_bj[31]; // taken != static prediction (backward taken)
      e_ctr_q   <= bht_ctr;
      // address bits that must be zero: bit 0 for half/word accesses, bit 1 for words/jalr
      e_chk0_q <= (dc_load | dc_store) & instr[13:12] != 2'b00;
      e_chk1_q <= ((dc_load | dc_store) & instr[13]) | dc_jalr;
    end else if (e_live) begin
      e_second_q <= 1'b1;                                   // misaligned-target branch
    end
    // read only in such a branch's second cycle: the outcome of its first
    e_lt_q <= lt;
    e_eq_q <= eq;
    // M keeps its result while E stalls, so a stalled E sees stable operands.
    if (!hold_m && !stall_e) begin
      m_res_q <= res;
    end
    if (!hold_m) begin
      m_rd_q <= e_rd_q;           m_we_q <= e_we_q;         m_f3_q <= e_f3_q;
      m_load_q <= e_load_q;       m_mem_q <= e_load_q | e_store_q;
      m_addr_lo_q <= agu[1:0];
    end
  end

  // PCs are word addresses; the immediates' bit 0 is always zero.
  // The load-use test guesses register use from raw fields (see stall_d).
  wire unused_ok = &{1'b0, boot_addr_i[1:0], dc_imm_bj[0], mepc[1:0], mtvec[1:0], dc_rs1_used,
                     dc_rs2_used};
endmodule

`default_nettype wire
