# `make sim`: the bare CPU runner build/bin/sgpu-cpu-sim (Verilated cpu_system + sim/cpu/).
# The model is Verilated twice, once per trace format (a model supports one): Vcpu_system
# traces to VCD and runs every untraced simulation, Vcpu_system_fst is used only for
# `--trace FILE.fst` and is compiled with less optimisation. Vcpu_system is compiled with
# profile-guided optimisation: an instrumented runner first runs sim/cpu/pgo-train.c
# (some 15% faster simulation for one more compile of the model).
CPU_SIM       := $(BIN)/sgpu-cpu-sim
CPU_SIM_VDIR  := $(BUILD)/verilated/cpu_system
CPU_SIM_OBJ   := $(CPU_SIM_VDIR)/runner
CPU_SIM_RTL   := $(RTL_SRCS) $(wildcard $(RTL_INC)/*.vh)
VERILATOR_INC  = $(shell $(VERILATOR) --getenv VERILATOR_ROOT 2>/dev/null)/include
# Extra Verilator flags, e.g. `-y DIR` to try the system with another core.
CPU_SIM_VEXTRA ?=
CPU_SIM_VFLAGS := --cc -O3 --x-assign fast --x-initial fast --noassert -Wno-fatal \
  -I$(RTL_INC) $(CPU_SIM_VEXTRA) -y rtl/cpu -y rtl/mem -y rtl/cp --top-module cpu_system rtl/cpu/cpu_system.v
CPU_SIM_CXXFLAGS = -std=gnu++17 -O2 -faligned-new -fcf-protection=none -Wall \
  -I$(VERILATOR_INC) -I$(VERILATOR_INC)/vltstd -I$(CPU_SIM_VDIR)/vcd -I$(CPU_SIM_VDIR)/fst -Isim/cpu
CPU_SIM_CFLAGS := -std=c11 -O2 -Wall -Wextra -Isim/cpu
CPU_SIM_LIBS  := -pthread -latomic -lz
# Stamps for "Verilated": Verilator leaves a file it would write unchanged untouched.
CPU_SIM_VCD_STAMP := $(CPU_SIM_VDIR)/vcd/verilated.stamp
CPU_SIM_FST_STAMP := $(CPU_SIM_VDIR)/fst/verilated.stamp
CPU_SIM_VCD_LIB := $(CPU_SIM_VDIR)/vcd/Vcpu_system__ALL.a
CPU_SIM_FST_LIB := $(CPU_SIM_VDIR)/fst/Vcpu_system_fst__ALL.a
CPU_SIM_RUNTIME := $(addprefix $(CPU_SIM_VDIR)/vcd/,verilated.o verilated_threads.o verilated_vcd_c.o) \
  $(CPU_SIM_VDIR)/fst/verilated_fst_c.o
CPU_SIM_OBJS  := $(CPU_SIM_OBJ)/main.o $(CPU_SIM_OBJ)/elf32.o $(CPU_SIM_OBJ)/runner.o
CPU_SIM_TRAIN := $(CPU_SIM_OBJ)/pgo-train.elf
# Sub-makes for the Verilated models: -j$(VERILATOR_JOBS), or the caller's job slots under make -j.
CPU_SIM_VMAKE  = $(MAKE) --no-print-directory $(if $(findstring jobserver,$(MAKEFLAGS)),,-j$(VERILATOR_JOBS)) \
  OPT_SLOW=-O1 OPT_GLOBAL=-O2

.PHONY: sim
sim: $(CPU_SIM) ## Build the simulators (build/bin/)

# Verilate (the C++ sources and headers of each model).
$(CPU_SIM_VCD_STAMP): $(CPU_SIM_RTL) mk/cpu-sim.mk
	@mkdir -p $(@D)
	$(VERILATOR) $(CPU_SIM_VFLAGS) --trace --prefix Vcpu_system --Mdir $(@D)
	@touch $@
$(CPU_SIM_FST_STAMP): $(CPU_SIM_RTL) mk/cpu-sim.mk
	@mkdir -p $(@D)
	$(VERILATOR) $(CPU_SIM_VFLAGS) --trace-fst --prefix Vcpu_system_fst --Mdir $(@D)
	@touch $@

# The FST model and the Verilator runtime (built one after the other: -j$(VERILATOR_JOBS) each).
$(CPU_SIM_FST_LIB): $(CPU_SIM_FST_STAMP) | $(CPU_SIM_VDIR)/vcd/verilated.o
	$(CPU_SIM_VMAKE) -C $(@D) -f Vcpu_system_fst.mk OPT_FAST=-O1 $(notdir $@) verilated_fst_c.o
	@touch $@
$(CPU_SIM_VDIR)/vcd/verilated.o: | $(CPU_SIM_VCD_STAMP)
	$(CPU_SIM_VMAKE) -C $(@D) -f Vcpu_system.mk verilated.o verilated_threads.o verilated_vcd_c.o
$(CPU_SIM_VDIR)/vcd/verilated_threads.o $(CPU_SIM_VDIR)/vcd/verilated_vcd_c.o: $(CPU_SIM_VDIR)/vcd/verilated.o
$(CPU_SIM_VDIR)/fst/verilated_fst_c.o: $(CPU_SIM_FST_LIB)

# The VCD model, with profile-guided optimisation: build it instrumented, run the training
# program on a runner linked with it, then build it again with the profile.
$(CPU_SIM_TRAIN): sim/cpu/pgo-train.c sim/cpu/tests/link.ld firmware/include/sgpu_regs.h
	@mkdir -p $(@D)
	$(RV_CC) $(RV_ARCH) -O2 -ffreestanding -fno-tree-loop-distribute-patterns -nostdlib \
	  -nostartfiles -static -Wl,--no-warn-rwx-segments -Ifirmware/include \
	  -T sim/cpu/tests/link.ld -o $@ $<

# (The runner's own objects are order-only: changing them does not change the profile.)
$(CPU_SIM_VCD_LIB): $(CPU_SIM_VCD_STAMP) $(CPU_SIM_TRAIN) | $(CPU_SIM_OBJS) $(CPU_SIM_FST_LIB) $(CPU_SIM_RUNTIME)
	rm -f $(@D)/Vcpu_system__ALL.o $(@D)/Vcpu_system__ALL.gcda $@
	$(CPU_SIM_VMAKE) -C $(@D) -f Vcpu_system.mk \
	  OPT_FAST="-O3 -fprofile-generate -fprofile-update=single" $(notdir $@)
	$(CXX) -fprofile-generate -o $(CPU_SIM_OBJ)/sgpu-cpu-sim-train $(CPU_SIM_OBJS) $@ \
	  $(CPU_SIM_FST_LIB) $(CPU_SIM_RUNTIME) $(CPU_SIM_LIBS)
	$(CPU_SIM_OBJ)/sgpu-cpu-sim-train --quiet --max-cycles 20000000 $(CPU_SIM_TRAIN) || \
	  echo "cpu-sim: the training run failed (exit $$?): the model is built without a full profile"
	rm -f $(@D)/Vcpu_system__ALL.o $@
	$(CPU_SIM_VMAKE) -C $(@D) -f Vcpu_system.mk \
	  OPT_FAST="-O3 -fprofile-use -fprofile-partial-training -Wno-missing-profile" $(notdir $@)

$(CPU_SIM_OBJ)/main.o: sim/cpu/main.cpp sim/cpu/elf32.h sim/cpu/runner.h $(CPU_SIM_VCD_STAMP) $(CPU_SIM_FST_STAMP)
	@mkdir -p $(@D)
	$(CXX) $(CPU_SIM_CXXFLAGS) -c $< -o $@

$(CPU_SIM_OBJ)/%.o: sim/cpu/%.c sim/cpu/elf32.h sim/cpu/runner.h
	@mkdir -p $(@D)
	$(CC) $(CPU_SIM_CFLAGS) -c $< -o $@

$(CPU_SIM): $(CPU_SIM_OBJS) $(CPU_SIM_VCD_LIB) $(CPU_SIM_FST_LIB) $(CPU_SIM_RUNTIME)
	@mkdir -p $(@D)
	$(CXX) -o $@ $(CPU_SIM_OBJS) $(CPU_SIM_VCD_LIB) $(CPU_SIM_FST_LIB) $(CPU_SIM_RUNTIME) $(CPU_SIM_LIBS)

# `make test-runner`: the runner's documented behaviour, with tiny programs.
TEST_SUITES += runner
.PHONY: test-runner
test-runner: $(CPU_SIM)
	@scripts/run-suite runner env RV_CC="$(RV_CC)" RV_ARCH="$(RV_ARCH)" \
	  sim/cpu/tests/run-tests $(CPU_SIM) $(BUILD)/test/runner-work
