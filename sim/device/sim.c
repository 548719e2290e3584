/* sgpu-sim's harness: start-up (firmware, boot, config dump, socket), the run loop, the
 * control core's console and faults, signals and clean exit. */
/* SPDX-License-Identifier: Apache-2.0 */
#define _POSIX_C_SOURCE 200809L
#include "sim.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cfgspace.h"
#include "elf32.h"
#include "log.h"
#include "model.h"
#include "opts.h"
#include "rc.h"
#include "server.h"
#include "sgpu_regs.h"
#include "sim_wire.h"

#define BOOT_COOKIE UINT64_MAX

struct sim {
  struct sim_opts o;
  struct cfgspace cfg;
  struct rc *rc;
  struct model *model;
  struct server *srv;
  struct dev_io io;
  char dump_path[512];
  int dump_written;
  /* Boot: the FW_STATUS read in flight and its answer. */
  int boot_pending, boot_answered;
  enum rc_mmio_status boot_status;
  uint32_t boot_value;
  /* The control core's console line and fault outputs seen last cycle. */
  char line[512];
  size_t line_len;
  uint64_t console_at; /* cycle of the last console character */
  uint8_t prev_exit, prev_bus_error, prev_trap, prev_any;
  /* Fault injection: SIGUSR1 froze the control core (held in reset) until an adapter reset. */
  int frozen;
  /* Speed while a driver is connected. */
  uint64_t run_cycles;
  double run_seconds, run_cpu;
};

static volatile sig_atomic_t stop_signal, freeze_signal;
static void on_signal(int sig) { stop_signal = sig; }
static void on_freeze(int sig) {
  (void)sig;
  freeze_signal = 1;
}

static double clock_s(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}
static double now_s(void) { return clock_s(CLOCK_MONOTONIC); }
/* CPU time: on a busy machine, cycles per CPU second measure the simulator, not the load. */
static double cpu_s(void) { return clock_s(CLOCK_PROCESS_CPUTIME_ID); }

/* --- What the device and the root complex report. */

static void console_char(struct sim *s, uint8_t ch) {
  if (ch == '\n' || s->line_len == sizeof s->line - 1) {
    s->line[s->line_len] = '\0';
    log_info("fw: %s", s->line);
    s->line_len = 0;
    if (ch == '\n') return;
  }
  if (ch != '\r') s->line[s->line_len++] = (char)ch;
}

static void core_events(struct sim *s, const struct dev_out *o) {
  uint64_t cyc = rc_now(s->rc) + 1;
  if (o->console_valid) {
    console_char(s, o->console_data);
    s->console_at = cyc;
  }
  if (o->exit_valid && !s->prev_exit)
    log_info("the firmware exited with value %u (cycle %llu): the control core has stopped",
             o->exit_code, (unsigned long long)cyc);
  if (o->bus_error && !s->prev_bus_error)
    log_always("control core bus error: access to 0x%08x by the instruction at 0x%08x (cycle %llu)",
               o->bus_error_addr, o->bus_error_pc, (unsigned long long)cyc);
  if (o->trap && !s->prev_trap)
    log_always("control core trap: mcause 0x%08x, mepc 0x%08x (cycle %llu)", o->trap_cause,
               o->trap_epc, (unsigned long long)cyc);
  s->prev_exit = o->exit_valid;
  s->prev_bus_error = o->bus_error;
  s->prev_trap = o->trap;
  s->prev_any = o->exit_valid | o->bus_error | o->trap;
}

static void thaw(struct sim *s, struct dev_io *io);

int sim_cycle(struct sim *s, struct dev_io *io) {
  const struct dev_out *o = &io->out;
  if (__builtin_expect(o->console_valid | o->exit_valid | o->bus_error | o->trap | s->prev_any, 0))
    core_events(s, o);
  if (__builtin_expect(s->frozen, 0) && o->adapter_hold) thaw(s, io);
  return rc_cycle(s->rc, io);
}

static void on_mmio_done(void *ctx, uint64_t cookie, enum rc_mmio_status st, uint32_t value) {
  struct sim *s = ctx;
  if (cookie == BOOT_COOKIE) {
    s->boot_pending = 0;
    s->boot_answered = 1;
    s->boot_status = st;
    s->boot_value = value;
  } else if (s->srv) {
    server_mmio_done(s->srv, cookie, st, value);
  }
}

static void on_irq(void *ctx, unsigned vector) {
  struct sim *s = ctx;
  if (s->srv) server_irq(s->srv, vector);
}

static void on_note(void *ctx, const char *msg) {
  (void)ctx;
  log_info("%s", msg);
}

/* --- Start-up. */

/* Runs n cycles; -1 when the device broke a rule (reported). */
static int run(struct sim *s, uint64_t n) {
  if (model_run(s->model, s, &s->io, n) == n) return 0;
  log_always("%s", rc_error(s->rc));
  return -1;
}

/* The firmware says RUNNING before its banner: let the console go quiet (the clock stands
 * still once serving, so a line printed now would show only when a driver comes), and let it
 * reach its loop (ID.HEARTBEAT not 0: its set-up, the STATS block's included, is done), so
 * that an observer of an idle simulator sees the device as a driver would. */
static int settle(struct sim *s) {
  int beating = 0;
  for (uint64_t n = 0; n < SIM_SETTLE_MAX_CYCLES; n += SIM_BOOT_POLL) {
    if (stop_signal) return 1;
    if (!beating && !s->boot_pending) {
      rc_mmio_read(s->rc, SGPU_ID_HEARTBEAT_OFFSET, BOOT_COOKIE);
      s->boot_pending = 1;
    }
    if (run(s, SIM_BOOT_POLL)) return -1;
    if (s->boot_answered) {
      s->boot_answered = 0;
      beating = s->boot_status == RC_MMIO_OK && s->boot_value != 0;
    }
    if (beating && rc_now(s->rc) - s->console_at >= SIM_SETTLE_QUIET_CYCLES) break;
  }
  while (s->boot_pending && !stop_signal) /* the last read's completion, before serving */
    if (run(s, SIM_BOOT_POLL)) return -1;
  return 0;
}

/* Loads the image through the loader port with the core in reset, then releases it and
 * reads ID.FW_STATUS over PCIe until the firmware says RUNNING. */
static int boot(struct sim *s, const uint8_t *image, uint32_t lo, uint32_t hi) {
  struct dev_in *in = &s->io.in;
  in->rst_n = 0;
  in->core_rst_n = 0;
  if (run(s, 16)) return -1;
  in->rst_n = 1;
  if (run(s, 4)) return -1;
  in->ld_en = 1;
  in->ld_we = 1;
  for (uint32_t a = lo; a < hi; a += 4) {
    in->ld_addr = a;
    in->ld_wdata = (uint32_t)image[a] | ((uint32_t)image[a + 1] << 8) |
                   ((uint32_t)image[a + 2] << 16) | ((uint32_t)image[a + 3] << 24);
    if (run(s, 1)) return -1;
  }
  in->ld_en = 0;
  in->ld_we = 0;
  if (run(s, 2)) return -1;
  in->core_rst_n = 1;
  log_info("firmware loaded (%u bytes), control core released", hi - lo);

  uint64_t start = rc_now(s->rc);
  while (rc_now(s->rc) - start < SIM_BOOT_MAX_CYCLES) {
    if (stop_signal) return 1;
    if (!s->boot_pending) {
      rc_mmio_read(s->rc, SGPU_ID_FW_STATUS_OFFSET, BOOT_COOKIE);
      s->boot_pending = 1;
    }
    if (run(s, SIM_BOOT_POLL)) return -1;
    if (!s->boot_answered) continue;
    s->boot_answered = 0;
    if (s->boot_status != RC_MMIO_OK) {
      log_always("reading ID.FW_STATUS over PCIe failed: %s",
                 s->boot_status == RC_MMIO_TIMEOUT ? "no completion" : "Unsupported Request");
      return -1;
    }
    uint32_t state = (s->boot_value & SGPU_ID_FW_STATUS_STATE_MASK) >> SGPU_ID_FW_STATUS_STATE_SHIFT;
    uint32_t code = (s->boot_value & SGPU_ID_FW_STATUS_CODE_MASK) >> SGPU_ID_FW_STATUS_CODE_SHIFT;
    if (state == SGPU_ID_FW_STATUS_STATE_RUNNING) {
      log_info("firmware running after %llu cycles", (unsigned long long)(rc_now(s->rc) - start));
      return settle(s);
    }
    if (state == SGPU_ID_FW_STATUS_STATE_FAILED) {
      log_always("the firmware failed to start (ID.FW_STATUS 0x%08x, code 0x%x)", s->boot_value, code);
      return -1;
    }
  }
  log_always("the firmware did not report RUNNING within %llu cycles (ID.FW_STATUS 0x%08x)",
             SIM_BOOT_MAX_CYCLES, s->boot_value);
  return -1;
}

/* Reads and checks the firmware; fills the RAM image. 0 or -1 (reported). */
static int load_firmware(const char *path, uint8_t *image, uint32_t *lo, uint32_t *hi) {
  struct elf32_program prog;
  char err[256];
  if (elf32_load_file(path, SIM_CORE_RAM_BASE, SIM_CORE_RAM_BYTES, &prog, err, sizeof err) != 0) {
    log_always("%s: %s", path, err);
    elf32_free(&prog);
    return -1;
  }
  if (prog.entry != SIM_CORE_RAM_BASE) {
    log_always("%s: entry point 0x%08x, but the device starts its core at 0x%08x", path,
               prog.entry, SIM_CORE_RAM_BASE);
    elf32_free(&prog);
    return -1;
  }
  elf32_fill_ram(&prog, SIM_CORE_RAM_BASE, image, SIM_CORE_RAM_BYTES, lo, hi);
  elf32_free(&prog);
  return 0;
}

static struct rc *make_rc(struct sim *s) {
  struct rc_config rc = {0};
  rc.rules.dev_id = TLP_BDF(CFG_BUS, CFG_DEV, CFG_FN);
  rc.rules.mps = cfgspace_mps(&s->cfg);
  rc.rules.mrrs = cfgspace_mrrs(&s->cfg);
  rc.rules.ext_tag = cfgspace_ext_tag(&s->cfg);
  rc.bar0_base = cfgspace_bar0_base(&s->cfg);
  rc.bar0_size = cfgspace_bar0_size();
  struct cfg_ports p;
  cfgspace_ports(&s->cfg, &p);
  rc.msi_addr = p.msi_addr;
  rc.msi_data = p.msi_data;
  rc.msi_vectors = cfgspace_msi_vectors(&s->cfg);
  rc.cpl_latency = RC_CPL_LATENCY;
  rc.mmio_timeout = RC_MMIO_TIMEOUT_CYCLES;
  rc.seeded = s->o.seeded;
  rc.seed = s->o.seed;
  _Static_assert(RC_MAX_DROPS >= SIM_MAX_DROPS, "rc_config.drop holds every --drop-completions range");
  for (unsigned i = 0; i < s->o.ndrop; i++) {
    rc.drop[i].base = s->o.drop[i].base;
    rc.drop[i].bytes = s->o.drop[i].bytes;
  }
  rc.ndrop = s->o.ndrop;
  struct rc_ops ops = {.ctx = s, .mmio_done = on_mmio_done, .irq = on_irq, .note = on_note};
  return rc_new(&rc, &ops);
}

/* --- Running. */

/* Fault injection (SIGUSR1): the control core dies, held in reset through its core_rst_n
 * input, and stays so until the host's next adapter reset (FW.CTRL.HOLD), which hands the
 * core back to the FW block. The freeze starts within a poll period of the signal (while a
 * driver is there: the clock stands still otherwise); its end is looked for every cycle
 * (thaw), since a hold may last only a few cycles. */
static void freeze_poll(struct sim *s) {
  freeze_signal = 0;
  if (!s->frozen) {
    s->frozen = 1;
    s->io.in.core_rst_n = 0;
    log_always("SIGUSR1: control core frozen (held in reset) at cycle %llu until the next "
               "adapter reset", (unsigned long long)rc_now(s->rc));
  }
}

static void thaw(struct sim *s, struct dev_io *io) {
  s->frozen = 0;
  io->in.core_rst_n = 1;
  log_always("adapter reset at cycle %llu: the control core's freeze ends",
             (unsigned long long)rc_now(s->rc));
}

static void session_end(struct sim *s, uint64_t cycles, double seconds, double cpu) {
  s->run_cycles += cycles;
  s->run_seconds += seconds;
  s->run_cpu += cpu;
  log_info("driver session: %llu cycles in %.3f s: %.0f cycles/s (%.0f per CPU second)",
           (unsigned long long)cycles, seconds, seconds > 0 ? (double)cycles / seconds : 0.0,
           cpu > 0 ? (double)cycles / cpu : 0.0);
}

/* The driver has left (its memory is detached): let the device finish what it was doing.
 * Its DMA reads now get Unsupported Request and its writes are dropped. 0, or -1 when the
 * device broke a rule (reported). */
static int drain(struct sim *s) {
  uint64_t start = rc_now(s->rc), quiet_since = start;
  uint64_t tlps = rc_stats(s->rc)->tlps_from_dev;
  while (!stop_signal && rc_now(s->rc) - start < SIM_DRAIN_MAX_CYCLES) {
    if (run(s, SIM_BOOT_POLL)) return -1;
    uint64_t now_tlps = rc_stats(s->rc)->tlps_from_dev;
    if (now_tlps != tlps || rc_mmio_pending(s->rc)) {
      tlps = now_tlps;
      quiet_since = rc_now(s->rc);
    } else if (rc_now(s->rc) - quiet_since >= SIM_DRAIN_QUIET_CYCLES) {
      break;
    }
  }
  log_info("device quiet %llu cycles after the driver left",
           (unsigned long long)(rc_now(s->rc) - start));
  return 0;
}

/* Serves drivers until a signal, --idle-exit or a broken rule. Returns the exit status. */
static int serve(struct sim *s, const sigset_t *unblocked) {
  double idle_since = now_s(), sess_t0 = 0, sess_cpu0 = 0;
  uint64_t sess_c0 = 0, since_poll = 0;
  int had_driver = 0;
  for (;;) {
    if (stop_signal) break;
    int has = server_has_driver(s->srv);
    if (has != had_driver) {
      if (has) {
        sess_c0 = rc_now(s->rc);
        sess_t0 = now_s();
        sess_cpu0 = cpu_s();
      } else {
        session_end(s, rc_now(s->rc) - sess_c0, now_s() - sess_t0, cpu_s() - sess_cpu0);
        if (drain(s)) return SIM_EXIT_FAILED;
        idle_since = now_s();
      }
      had_driver = has;
      if (stop_signal) break; /* it may have come while the device drained */
    }
    if (has) {
      if (model_run(s->model, s, &s->io, SIM_POLL_CYCLES) != SIM_POLL_CYCLES) {
        log_always("%s", rc_error(s->rc));
        return SIM_EXIT_FAILED;
      }
      since_poll += SIM_POLL_CYCLES;
      if (__builtin_expect(freeze_signal, 0)) freeze_poll(s);
      if (server_io_pending() || since_poll >= SIM_SAFETY_POLL_CYCLES) {
        since_poll = 0;
        server_poll(s->srv, 0, unblocked);
      }
      continue;
    }
    if (rc_mmio_pending(s->rc)) {
      /* An observer's BAR0 read, with no driver: the clock runs only until it is answered
       * (a read is a PCIe transaction the device must complete), then stands still again. */
      if (run(s, SIM_POLL_CYCLES)) return SIM_EXIT_FAILED;
      server_poll(s->srv, 0, unblocked);
      continue;
    }
    int timeout = -1;
    if (s->o.idle_exit > 0) {
      double left = s->o.idle_exit - (now_s() - idle_since);
      if (left <= 0) {
        log_info("no driver for %g s: exiting", s->o.idle_exit);
        break;
      }
      timeout = (int)(left * 1000.0) + 1;
    }
    server_poll(s->srv, timeout, unblocked);
  }
  if (had_driver) session_end(s, rc_now(s->rc) - sess_c0, now_s() - sess_t0, cpu_s() - sess_cpu0);
  return SIM_EXIT_OK;
}

static void cleanup(struct sim *s) {
  server_close(s->srv);
  s->srv = NULL;
  if (s->dump_written) unlink(s->dump_path);
  if (s->model) model_free(s->model);
  rc_free(s->rc);
}

int sim_main(int argc, char **argv) {
  static struct sim sim;
  struct sim *s = &sim;
  char err[512];
  if (opts_parse(argc, argv, &s->o, err, sizeof err) != 0) {
    log_always("%s", err);
    return SIM_EXIT_SETUP;
  }
  if (s->o.help) {
    opts_usage(stdout);
    return SIM_EXIT_OK;
  }
  log_set_quiet(s->o.quiet);
  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);

  /* Signals: SIGPIPE never (a dead driver's socket is seen by send); SIGINT and SIGTERM
   * set a flag, and are unblocked only inside the socket's poll once serving. */
  signal(SIGPIPE, SIG_IGN);
  struct sigaction sa = {0};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  struct sigaction su = {0};
  su.sa_handler = on_freeze;
  su.sa_flags = SA_RESTART;
  sigemptyset(&su.sa_mask);
  sigaction(SIGUSR1, &su, NULL);

  uint8_t *image = calloc(1, SIM_CORE_RAM_BYTES);
  uint32_t lo, hi;
  if (!image) {
    log_always("out of memory");
    return SIM_EXIT_SETUP;
  }
  if (load_firmware(s->o.firmware, image, &lo, &hi)) {
    free(image);
    return SIM_EXIT_SETUP;
  }
  if ((size_t)snprintf(s->dump_path, sizeof s->dump_path, "%s%s", s->o.socket,
                       SGPU_WIRE_CONFIG_SUFFIX) >= sizeof s->dump_path) {
    log_always("socket path too long");
    free(image);
    return SIM_EXIT_SETUP;
  }
  cfgspace_init(&s->cfg);
  if (s->o.cpl_timeout_off) cfgspace_set_devctl2(&s->cfg, 1u << 4);
  s->rc = make_rc(s);
  if (!s->rc) {
    log_always("out of memory");
    free(image);
    return SIM_EXIT_SETUP;
  }
  /* Bind first: a second sgpu-sim on the same socket stops here, before booting. */
  struct server_cfg scfg = {.bar0_size = cfgspace_bar0_size(), .seeded = s->o.seeded,
                            .seed = s->o.seed,
                            .start_ns = (uint64_t)t0.tv_sec * 1000000000ull + (uint64_t)t0.tv_nsec};
  s->srv = server_open(s->o.socket, s->rc, &scfg, err, sizeof err);
  if (!s->srv) {
    log_always("%s", err);
    free(image);
    cleanup(s);
    return SIM_EXIT_SETUP;
  }
  struct cfg_ports ports;
  cfgspace_ports(&s->cfg, &ports);
  s->model = model_new(&ports, s->o.trace, err, sizeof err);
  if (!s->model) {
    log_always("%s", err);
    free(image);
    cleanup(s);
    return SIM_EXIT_SETUP;
  }
  if (s->o.seeded) log_always("seed %llu (replay the run with --seed %llu)", (unsigned long long)s->o.seed,
                              (unsigned long long)s->o.seed);
  log_info("%s, firmware %s", model_name(), s->o.firmware);
  rc_init_io(s->rc, &s->io.in);
  int b = boot(s, image, lo, hi);
  free(image);
  if (b) {
    cleanup(s);
    return b > 0 ? SIM_EXIT_OK : SIM_EXIT_FAILED;
  }
  int r = cfgspace_write_dump(&s->cfg, s->dump_path);
  if (r) {
    log_always("%s: cannot write the configuration space: %s", s->dump_path, strerror(-r));
    cleanup(s);
    return SIM_EXIT_SETUP;
  }
  s->dump_written = 1;

  sigset_t block, unblocked;
  sigemptyset(&block);
  sigaddset(&block, SIGINT);
  sigaddset(&block, SIGTERM);
  sigprocmask(SIG_BLOCK, &block, &unblocked);
  sigdelset(&unblocked, SIGINT);
  sigdelset(&unblocked, SIGTERM);
  log_always("listening on %s", s->o.socket);

  int status = serve(s, &unblocked);
  uint64_t cycles = rc_now(s->rc);
  if (s->run_seconds > 0 && s->run_cpu > 0)
    log_info("stopped after %llu device cycles; %.0f cycles/s while a driver was connected "
             "(%.0f per CPU second)", (unsigned long long)cycles,
             (double)s->run_cycles / s->run_seconds, (double)s->run_cycles / s->run_cpu);
  else
    log_info("stopped after %llu device cycles", (unsigned long long)cycles);
  cleanup(s);
  return status;
}
