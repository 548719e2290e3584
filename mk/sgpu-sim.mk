# `build/bin/sgpu-sim`, the simulated device: the Verilated sgpu_device (rtl/top) behind the
# root-complex model and socket server of sim/device/ (docs/dev/sgpu-sim.md).
# Also built from the same C: sgpu-sim-fake (the harness around a small fake endpoint in C,
# for testing the harness without the RTL), the unit tests and a tiny wire-protocol client.
SGPU_SIM       := $(BIN)/sgpu-sim
SIMD_DIR       := $(BUILD)/sgpu-sim
SIMD_VDIR      := $(BUILD)/verilated/sgpu_device
SIMD_FAKE      := $(SIMD_DIR)/sgpu-sim-fake
SIMD_CLIENT    := $(SIMD_DIR)/wire-client
SIMD_CORE_RAM  := 262144
SIMD_CFLAGS    := -std=c11 -O2 -g -Wall -Wextra -Werror -Isim/device -Isim/cpu -Ihost/include \
  -Ihost/lib -DSIM_CORE_RAM_BYTES=$(SIMD_CORE_RAM)u -MMD -MP
# The harness's C, shared by sgpu-sim and sgpu-sim-fake (elf32.c is the bare runner's loader).
SIMD_SRCS      := main.c sim.c opts.c log.c server.c rc.c cpl.c tlp.c tlp_check.c cfgspace.c
SIMD_OBJS      := $(patsubst %.c,$(SIMD_DIR)/obj/%.o,$(SIMD_SRCS)) $(SIMD_DIR)/obj/elf32.o

$(SIMD_DIR)/obj/%.o: sim/device/%.c | $(SIMD_DIR)/obj
	$(CC) $(SIMD_CFLAGS) -c -o $@ $<
$(SIMD_DIR)/obj/elf32.o: sim/cpu/elf32.c | $(SIMD_DIR)/obj
	$(CC) $(SIMD_CFLAGS) -c -o $@ $<
$(SIMD_DIR)/obj $(SIMD_DIR)/ut:
	@mkdir -p $@

$(SIMD_FAKE): $(SIMD_OBJS) $(SIMD_DIR)/obj/fakedev.o
	$(CC) -o $@ $^

$(SIMD_CLIENT): sim/device/tests/wire_client.c host/lib/sim_wire.h | $(SIMD_DIR)/obj
	$(CC) $(SIMD_CFLAGS) -o $@ $<

# --- The Verilated model: one build, VCD tracing compiled in (used only with --trace). Its
# top is sim/device/sgpu_sim_top.v: sgpu_device with registered inputs (for speed, see there).
SIMD_VFLAGS := --cc -O3 --x-assign fast --x-initial fast --noassert -Wno-fatal --trace \
  -I$(RTL_INC) $(addprefix -y ,$(RTL_DIRS)) -GCORE_RAM_BYTES=$(SIMD_CORE_RAM) \
  --top-module sgpu_sim_top --prefix Vsgpu_sim_top sim/device/sgpu_sim_top.v
SIMD_STAMP  := $(SIMD_VDIR)/verilated.stamp
SIMD_VLIB   := $(SIMD_VDIR)/Vsgpu_sim_top__ALL.a
SIMD_VRT    := $(addprefix $(SIMD_VDIR)/,verilated.o verilated_threads.o verilated_vcd_c.o)
SIMD_CXXFLAGS = -std=gnu++17 -O2 -faligned-new -fcf-protection=none -Wall \
  -I$(VERILATOR_INC) -I$(VERILATOR_INC)/vltstd -I$(SIMD_VDIR) -Isim/device -Ihost/include \
  -DSIM_CORE_RAM_BYTES=$(SIMD_CORE_RAM)u
SIMD_VMAKE  = $(MAKE) --no-print-directory $(if $(findstring jobserver,$(MAKEFLAGS)),,-j$(VERILATOR_JOBS)) \
  OPT_SLOW=-O1 OPT_GLOBAL=-O2 OPT_FAST=-O3

$(SIMD_STAMP): $(CPU_SIM_RTL) sim/device/sgpu_sim_top.v mk/sgpu-sim.mk
	@mkdir -p $(@D)
	$(VERILATOR) $(SIMD_VFLAGS) --Mdir $(@D)
	@touch $@
$(SIMD_VLIB): $(SIMD_STAMP)
	$(SIMD_VMAKE) -C $(@D) -f Vsgpu_sim_top.mk $(notdir $@) verilated.o verilated_threads.o verilated_vcd_c.o
	@touch $@
$(SIMD_VRT): $(SIMD_VLIB)
$(SIMD_DIR)/obj/model.o: sim/device/model.cpp sim/device/model.h sim/device/cfgspace.h $(SIMD_STAMP) | $(SIMD_DIR)/obj
	$(CXX) $(SIMD_CXXFLAGS) -c -o $@ $<

$(SGPU_SIM): $(SIMD_OBJS) $(SIMD_DIR)/obj/model.o $(SIMD_VLIB) $(SIMD_VRT)
	@mkdir -p $(@D)
	$(CXX) -o $@ $(SIMD_OBJS) $(SIMD_DIR)/obj/model.o $(SIMD_VLIB) $(SIMD_VRT) -pthread -latomic

.PHONY: sgpu-sim
sgpu-sim: $(SGPU_SIM) ## Build the simulated device build/bin/sgpu-sim
# (Part of `make sim` once the device top exists.)
ifneq ($(wildcard rtl/top/sgpu_device.v),)
sim: $(SGPU_SIM)
endif

# --- Unit tests (cmocka), with the sanitizers.
SIMD_UT_CFLAGS := -std=c11 -O1 -g -Wall -Wextra -Werror -fsanitize=address,undefined \
  -fno-sanitize-recover=all -fno-omit-frame-pointer -Isim/device -Ihost/include -Ihost/lib -MMD -MP
SIMD_UT_NAMES  := tlp check cpl rc cfgspace
SIMD_UT_BINS   := $(patsubst %,$(SIMD_DIR)/ut/test_%,$(SIMD_UT_NAMES))
SIMD_UT_LIB    := tlp.c tlp_check.c cpl.c rc.c cfgspace.c

$(SIMD_DIR)/ut/%.o: sim/device/%.c | $(SIMD_DIR)/ut
	$(CC) $(SIMD_UT_CFLAGS) -c -o $@ $<
$(SIMD_DIR)/ut/test_%.o: sim/device/tests/test_%.c | $(SIMD_DIR)/ut
	$(CC) $(SIMD_UT_CFLAGS) -c -o $@ $<
$(SIMD_UT_BINS): $(SIMD_DIR)/ut/test_%: $(SIMD_DIR)/ut/test_%.o $(patsubst %.c,$(SIMD_DIR)/ut/%.o,$(SIMD_UT_LIB))
	$(CC) $(SIMD_UT_CFLAGS) -o $@ $^ -lcmocka

-include $(wildcard $(SIMD_DIR)/obj/*.d $(SIMD_DIR)/ut/*.d)

# --- Suites.
# sim-rc: the root-complex model, config space and harness, without the RTL: unit tests,
# then sgpu-sim-fake's process-level checks (which include `lspci -F` on its dump).
TEST_SUITES += sim-rc sim-device
.PHONY: test-sim-rc test-sim-device
test-sim-rc: $(SIMD_UT_BINS) $(SIMD_FAKE) $(SIMD_CLIENT) $(FW_ELF)
	@scripts/run-suite sim-rc sim/device/tests/suite-rc $(SIMD_FAKE) $(SIMD_CLIENT) \
	  $(SIMD_DIR)/work-fake $(FW_ELF) $(SIMD_UT_BINS)

# sim-device: the same process-level checks on build/bin/sgpu-sim with the firmware.
ifneq ($(wildcard rtl/top/sgpu_device.v),)
test-sim-device: $(SGPU_SIM) $(SIMD_CLIENT) $(FW_ELF)
	@scripts/run-suite sim-device sim/device/tests/run-tests $(SGPU_SIM) $(SIMD_CLIENT) \
	  $(SIMD_DIR)/work-device $(FW_ELF)
else
test-sim-device:
	@scripts/run-suite sim-device echo "FAIL sim-device/build: rtl/top/sgpu_device.v does not exist yet"
endif
