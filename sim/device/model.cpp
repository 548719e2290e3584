// The Verilated sgpu_device behind model.h: copies the ports in and out, clocks it, and
// optionally writes a VCD waveform. Everything else is C (sim.c, rc.c, server.c).
// SPDX-License-Identifier: Apache-2.0
//
// The Verilator top is sgpu_sim_top.v, sgpu_device with its inputs registered: what is
// applied before a rising edge is what sgpu_device sees in the cycle after it. So a cycle
// is: read the outputs (of this cycle, with this cycle's inputs already inside), let
// sim_cycle() decide the next cycle's inputs, apply them, clock. Inputs changed outside
// sim_cycle() between two calls of model_run() reach the device a cycle later than they
// would with its ports driven directly (sim.c only changes reset and loader inputs so).
// The model was built with --trace; tracing costs nothing until --trace switches it on.
#include <cstdio>
#include <cstring>
#include <memory>

#include <verilated.h>
#include <verilated_vcd_c.h>

#include "Vsgpu_sim_top.h"
#include "model.h"

struct model {
  std::unique_ptr<VerilatedContext> ctx;
  std::unique_ptr<Vsgpu_sim_top> top;
  std::unique_ptr<VerilatedVcdC> vcd;
  uint64_t time_ns = 0;  // 125 MHz: a rising edge every 8 ns
  bool primed = false;   // the first inputs are inside
};

namespace {

inline void apply(Vsgpu_sim_top *t, const dev_in &in) {
  t->rx_tdata_i = in.rx_tdata;
  t->rx_tkeep_i = in.rx_tkeep;
  t->rx_tlast_i = in.rx_tlast;
  t->rx_tvalid_i = in.rx_tvalid;
  t->rx_tuser_i = in.rx_tuser;
  t->tx_tready_i = in.tx_tready;
  t->rst_ni = in.rst_n;
  t->core_rst_ni = in.core_rst_n;
  t->ld_en_i = in.ld_en;
  t->ld_we_i = in.ld_we;
  t->ld_addr_i = in.ld_addr;
  t->ld_wdata_i = in.ld_wdata;
}

inline void sample(const Vsgpu_sim_top *t, dev_out &o) {
  o.rx_tready = t->rx_tready_o;
  o.tx_tdata = t->tx_tdata_o;
  o.tx_tkeep = t->tx_tkeep_o;
  o.tx_tlast = t->tx_tlast_o;
  o.tx_tvalid = t->tx_tvalid_o;
  o.tx_tuser = t->tx_tuser_o;
  o.console_valid = t->console_valid_o;
  o.console_data = t->console_data_o;
  o.exit_valid = t->exit_valid_o;
  o.exit_code = t->exit_code_o;
  o.bus_error = t->bus_error_o;
  o.bus_error_addr = t->bus_error_addr_o;
  o.bus_error_pc = t->bus_error_pc_o;
  o.trap = t->trap_o;
  o.trap_cause = t->trap_cause_o;
  o.trap_epc = t->trap_epc_o;
  o.ld_rdata = t->ld_rdata_o;
  o.adapter_hold = t->adapter_hold_o;
}

inline void apply_cfg(Vsgpu_sim_top *t, const cfg_ports *c) {
  t->cfg_bus_number_i = c->bus;
  t->cfg_device_number_i = c->dev;
  t->cfg_function_number_i = c->fn;
  t->cfg_command_i = c->command;
  t->cfg_dcommand_i = c->dcommand;
  t->cfg_dcommand2_i = c->dcommand2;
  t->cfg_msi_enable_i = c->msi_enable;
  t->cfg_msi_mme_i = c->msi_mme;
  t->cfg_msi_addr_i = c->msi_addr;
  t->cfg_msi_data_i = c->msi_data;
}

template <bool kTrace>
inline void tick(model *m) {
  Vsgpu_sim_top *const t = m->top.get();
  t->clk_i = 0;
  t->eval();
  if (kTrace) m->vcd->dump(m->time_ns + 4);
  t->clk_i = 1;
  t->eval();
  m->time_ns += 8;
  if (kTrace) m->vcd->dump(m->time_ns);
}

template <bool kTrace>
uint64_t run(model *m, sim *s, dev_io *io, uint64_t n) {
  Vsgpu_sim_top *const t = m->top.get();
  if (!m->primed) {  // the first cycle's inputs into the input registers
    apply(t, io->in);
    tick<kTrace>(m);
    m->primed = true;
  }
  for (uint64_t i = 0; i < n; i++) {
    sample(t, io->out);
    int stop = sim_cycle(s, io);  // io->in: the next cycle's inputs
    apply(t, io->in);
    tick<kTrace>(m);
    if (VL_UNLIKELY(stop)) return i + 1;
  }
  return n;
}

}  // namespace

extern "C" {

const char *model_name(void) { return "Verilated sgpu_device"; }

struct model *model_new(const struct cfg_ports *cfg, const char *trace, char *err, size_t errlen) {
  std::unique_ptr<model> m(new model);
  m->ctx.reset(new VerilatedContext);
  if (trace) m->ctx->traceEverOn(true);
  m->top.reset(new Vsgpu_sim_top(m->ctx.get(), "sgpu_sim_top"));
  Vsgpu_sim_top *t = m->top.get();
  apply_cfg(t, cfg);
  t->clk_i = 1;
  t->rst_ni = 0;
  t->core_rst_ni = 0;
  t->eval();
  if (trace) {
    m->vcd.reset(new VerilatedVcdC);
    t->trace(m->vcd.get(), 99);
    m->vcd->set_time_unit("1ns");
    m->vcd->set_time_resolution("1ns");
    m->vcd->open(trace);
    if (!m->vcd->isOpen()) {
      std::snprintf(err, errlen, "%s: cannot open the trace file", trace);
      return nullptr;
    }
  }
  return m.release();
}

uint64_t model_run(struct model *m, struct sim *s, struct dev_io *io, uint64_t n) {
  return m->vcd ? run<true>(m, s, io, n) : run<false>(m, s, io, n);
}

void model_free(struct model *m) {
  if (!m) return;
  if (m->vcd) m->vcd->close();
  m->top->final();
  delete m;
}

}  // extern "C"
