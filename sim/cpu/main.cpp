// sgpu-cpu-sim, the bare CPU runner: drives the Verilated cpu_system (the rest is C).
// SPDX-License-Identifier: Apache-2.0
//
// Two builds of the same model are linked in: Vcpu_system traces to VCD and
// Vcpu_system_fst to FST (a Verilated model supports one trace format). Tracing is only
// switched on with --trace, so a normal run evaluates the model on the two clock edges of
// each cycle and does nothing else per cycle but look at a few output ports.
#include <cerrno>
#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#include <verilated.h>
#include <verilated_fst_c.h>
#include <verilated_vcd_c.h>

#include "Vcpu_system.h"
#include "Vcpu_system___024root.h"
#include "Vcpu_system_fst.h"
#include "Vcpu_system_fst___024root.h"

#include "elf32.h"
#include "runner.h"

namespace {

constexpr uint32_t kRamBase = 0x80000000u;

void error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  std::fflush(stdout);
  std::fputs(RUNNER_NAME ": ", stderr);
  std::vfprintf(stderr, fmt, ap);
  std::fputc('\n', stderr);
  va_end(ap);
}

// The PC shown on a timeout: the address the core fetches from now.
uint32_t fetch_pc(Vcpu_system *top) { return top->rootp->cpu_system__DOT__imem_addr; }
uint32_t fetch_pc(Vcpu_system_fst *top) { return top->rootp->cpu_system__DOT__imem_addr; }

template <class Model, class Trace>
class Runner {
 public:
  Runner(VerilatedContext *ctx, const runner_opts &o) : o_(o), top_(new Model(ctx, "cpu_system")) {
    top_->clk_i = 0;
    top_->rst_ni = 0;
    top_->ld_en_i = 0;
    top_->eval();
  }

  uint32_t ram_bytes() const { return top_->ram_bytes_o; }

  // One clock cycle: the rising edge, then the falling edge.
  void tick() {
    top_->clk_i = 1;
    top_->eval();
    if (trace_) dump(time_);
    top_->clk_i = 0;
    top_->eval();
    if (trace_) dump(time_ + 1);
    time_ += 2;
  }

  // Writes words to RAM through the loader port; the core stays in reset.
  void load(const uint8_t *ram, uint32_t lo, uint32_t hi, uint32_t entry) {
    top_->rst_ni = 0;
    top_->boot_addr_i = entry;
    tick();
    top_->ld_en_i = 1;
    top_->ld_we_i = 1;
    for (uint32_t a = lo; a < hi; a += 4) {
      top_->ld_addr_i = a;
      top_->ld_wdata_i = (uint32_t)ram[a] | ((uint32_t)ram[a + 1] << 8) |
                         ((uint32_t)ram[a + 2] << 16) | ((uint32_t)ram[a + 3] << 24);
      tick();
    }
    top_->ld_en_i = 0;
    top_->ld_we_i = 0;
    tick();
    tick();
  }

  // Reads words from RAM through the loader port (puts the core in reset).
  std::vector<uint32_t> read(uint32_t off, uint32_t n) {
    std::vector<uint32_t> words(n);
    top_->rst_ni = 0;
    top_->ld_en_i = 1;
    top_->ld_we_i = 0;
    for (uint32_t i = 0; i < n; i++) {
      top_->ld_addr_i = off + 4 * i;
      tick();
      words[i] = top_->ld_rdata_o;
    }
    top_->ld_en_i = 0;
    return words;
  }

  // Waveforms show a 10 ns clock: the rising edge of cycle n (counted from the start of
  // loading) is at 10n ns.
  bool open_trace(const char *path) {
    trace_.reset(new Trace);
    top_->trace(trace_.get(), 99);
    trace_->set_time_unit("1ns");
    trace_->set_time_resolution("1ns");
    trace_->open(path);
    if (!trace_->isOpen()) {
      trace_.reset();
      return false;
    }
    return true;
  }

  void dump(uint64_t half_cycle) { trace_->dump(half_cycle * 5); }

  void close_trace() {
    if (trace_) trace_->close();
    trace_.reset();
  }

  // Runs from reset release until the program ends; returns the process exit status.
  int run() {
    const uint64_t max = o_.max_cycles;
    const bool echo = !o_.quiet;
    Model *const top = top_.get();
    uint64_t cycles = 0, instret = 0;
    int status;
    auto t0 = std::chrono::steady_clock::now();
    top->rst_ni = 1;
    for (;;) {
      top->clk_i = 1;
      top->eval();
      if (VL_UNLIKELY(trace_ != nullptr)) dump(time_);
      ++cycles;
      instret += top->retire_o;
      if (VL_UNLIKELY(top->console_valid_o | top->exit_valid_o | top->bus_error_o | top->trap_o)) {
        if (top->bus_error_o) {
          error("bus error: %s 0x%08x by the instruction at pc 0x%08x, cycle %llu",
                top->bus_error_we_o ? "write to" : "read from", top->bus_error_addr_o,
                top->bus_error_pc_o, (unsigned long long)cycles);
          status = RUNNER_EXIT_FAILED;
          break;
        }
        if (top->trap_o && top->trap_vector_o == 0) {
          uint32_t cause = top->trap_cause_o;
          error("unhandled %s: %s (mcause 0x%08x), mepc 0x%08x, mtval 0x%08x, cycle %llu",
                (cause & 0x80000000u) ? "interrupt" : "exception", runner_cause_name(cause), cause,
                top->trap_epc_o, top->trap_tval_o, (unsigned long long)cycles);
          status = RUNNER_EXIT_FAILED;
          break;
        }
        if (top->console_valid_o && echo) std::putchar(top->console_data_o);
        if (top->exit_valid_o) {
          status = runner_exit_status(top->exit_code_o);
          break;
        }
      }
      if (VL_UNLIKELY(cycles >= max)) {
        error("timeout after %llu cycles at pc 0x%08x", (unsigned long long)cycles, fetch_pc(top));
        status = RUNNER_EXIT_TIMEOUT;
        break;
      }
      top->clk_i = 0;
      top->eval();
      if (VL_UNLIKELY(trace_ != nullptr)) dump(time_ + 1);
      time_ += 2;
    }
    // Finish the cycle so that a trace shows its second half.
    top->clk_i = 0;
    top->eval();
    if (trace_) dump(time_ + 1);
    time_ += 2;
    seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    cycles_ = cycles;
    instret_ = instret;
    std::fflush(stdout);
    return status;
  }

  void final() { top_->final(); }
  uint64_t cycles() const { return cycles_; }
  uint64_t instret() const { return instret_; }
  double seconds() const { return seconds_; }

 private:
  const runner_opts &o_;
  std::unique_ptr<Model> top_;
  std::unique_ptr<Trace> trace_;
  uint64_t time_ = 0;  // in half clock cycles
  uint64_t cycles_ = 0, instret_ = 0;
  double seconds_ = 0;
};

template <class Model, class Trace>
int simulate(VerilatedContext *ctx, const runner_opts &o) {
  Runner<Model, Trace> r(ctx, o);
  const uint32_t ram_bytes = r.ram_bytes();
  char err[256];

  elf32_program prog;
  if (elf32_load_file(o.program, kRamBase, ram_bytes, &prog, err, sizeof err) != 0) {
    error("%s: %s", o.program, err);
    elf32_free(&prog);
    return RUNNER_EXIT_SETUP;
  }
  uint32_t dump_lo = 0, dump_n = 0;
  if (o.dump_begin) {
    uint32_t b, e;
    if (elf32_symbol(&prog, o.dump_begin, &b, err, sizeof err) != 0 ||
        elf32_symbol(&prog, o.dump_end, &e, err, sizeof err) != 0) {
      error("%s: --dump-memory: %s", o.program, err);
      elf32_free(&prog);
      return RUNNER_EXIT_SETUP;
    }
    b &= ~3u;
    e = (e + 3u) & ~3u;
    if (e < b || b < kRamBase || (uint64_t)e > (uint64_t)kRamBase + ram_bytes) {
      error("%s: --dump-memory: %s..%s (0x%08x..0x%08x) is not a range inside RAM", o.program,
            o.dump_begin, o.dump_end, b, e);
      elf32_free(&prog);
      return RUNNER_EXIT_SETUP;
    }
    dump_lo = b - kRamBase;
    dump_n = (e - b) / 4;
  }

  std::vector<uint8_t> image(ram_bytes, 0);
  uint32_t lo, hi;
  elf32_fill_ram(&prog, kRamBase, image.data(), ram_bytes, &lo, &hi);
  uint32_t entry = prog.entry;
  elf32_free(&prog);
  r.load(image.data(), lo, hi, entry);

  if (o.trace && !r.open_trace(o.trace)) {
    error("%s: cannot open the trace file", o.trace);
    return RUNNER_EXIT_SETUP;
  }
  int status = r.run();
  r.close_trace();

  if (o.dump_begin) {
    std::vector<uint32_t> words = r.read(dump_lo, dump_n);
    int rc = runner_write_words(o.dump_file, words.data(), words.size());
    if (rc != 0) {
      error("%s: cannot write the memory dump: %s", o.dump_file, std::strerror(-rc));
      if (status == 0) status = RUNNER_EXIT_SETUP;
    }
  }
  if (o.stats) runner_print_stats(stderr, r.cycles(), r.instret(), r.seconds());
  r.final();
  return status;
}

}  // namespace

int main(int argc, char **argv) {
  runner_opts o;
  char err[256];
  if (runner_parse_args(argc, argv, &o, err, sizeof err) != 0) {
    error("%s", err);
    runner_free_opts(&o);
    return RUNNER_EXIT_SETUP;
  }
  if (o.help) {
    runner_usage(stdout);
    runner_free_opts(&o);
    return 0;
  }
  // Fail early, before the model is built, if the trace file cannot be written.
  if (o.trace) {
    FILE *f = std::fopen(o.trace, "w");
    if (!f) {
      error("%s: cannot open the trace file: %s", o.trace, std::strerror(errno));
      runner_free_opts(&o);
      return RUNNER_EXIT_SETUP;
    }
    std::fclose(f);
  }

  auto ctx = std::make_unique<VerilatedContext>();
  ctx->commandArgs(1, argv);  // no plusargs reach the model
  if (o.trace) ctx->traceEverOn(true);
  int status = o.trace_fst ? simulate<Vcpu_system_fst, VerilatedFstC>(ctx.get(), o)
                           : simulate<Vcpu_system, VerilatedVcdC>(ctx.get(), o);
  runner_free_opts(&o);
  return status;
}
