/* The simulated device as the C side sees it: its ports (one struct each way) and the
 * model behind them, which is the Verilated sgpu_device (model.cpp) or, for tests of the
 * harness, the small fake endpoint of fakedev.c. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_SIM_MODEL_H
#define SGPU_SIM_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "cfgspace.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Inputs of the device for one cycle (held through its rising clock edge). */
struct dev_in {
  uint64_t rx_tdata;
  uint32_t rx_tuser;
  uint8_t rx_tkeep, rx_tlast, rx_tvalid;
  uint8_t tx_tready;
  uint8_t rst_n, core_rst_n;
  uint8_t ld_en, ld_we;
  uint32_t ld_addr, ld_wdata;
};

/* Outputs of the device in that cycle, before its rising edge. */
struct dev_out {
  uint64_t tx_tdata;
  uint8_t tx_tkeep, tx_tlast, tx_tvalid, tx_tuser;
  uint8_t rx_tready;
  uint8_t console_valid, console_data, exit_valid, bus_error, trap;
  uint32_t exit_code, bus_error_addr, bus_error_pc, trap_cause, trap_epc;
  uint32_t ld_rdata;
  uint8_t adapter_hold; /* FW.CTRL.HOLD: the host is resetting the adapter */
};

struct dev_io {
  struct dev_in in;
  struct dev_out out;
};

/* The control core's RAM (sgpu_device's CORE_RAM_BYTES, passed to Verilator with -G). */
#ifndef SIM_CORE_RAM_BYTES
#define SIM_CORE_RAM_BYTES 262144u
#endif
#define SIM_CORE_RAM_BASE 0x80000000u

struct sim;
struct model;

/* Builds the model with its cfg_* inputs; trace is a waveform file or NULL. NULL and a
 * one-line reason in err on failure. */
struct model *model_new(const struct cfg_ports *cfg, const char *trace, char *err, size_t errlen);
/* Runs up to n cycles: each applies io->in, lets the outputs settle into io->out, calls
 * sim_cycle(s, io), then clocks the rising edge. Returns the cycles run: fewer than n when
 * sim_cycle returned nonzero (that cycle included). */
uint64_t model_run(struct model *m, struct sim *s, struct dev_io *io, uint64_t n);
void model_free(struct model *m);
/* "Verilated sgpu_device" or "fake endpoint", for the log. */
const char *model_name(void);

/* Called by model_run once per cycle (sim.c): nonzero stops the run. */
int sim_cycle(struct sim *s, struct dev_io *io);

#ifdef __cplusplus
}
#endif
#endif
