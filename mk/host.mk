# libsgpu (host/lib), the sgpu CLI (host/cli), the link benchmark (host/bench), their unit
# tests (host/tests, cmocka) and the end-to-end tests against sgpu-sim (host/tests/e2e).
HOST_CC       ?= cc
HOST_DIR      := $(BUILD)/host
HOST_LIB      := $(BUILD)/lib/libsgpu.a
HOST_PCI_CFLAGS = $(shell pkg-config --cflags libpci 2>/dev/null)
HOST_PCI_LIBS   = $(or $(shell pkg-config --libs libpci 2>/dev/null),-lpci)
HOST_WARN     := -Wall -Wextra -Werror
HOST_CFLAGS    = -std=c11 -O2 -g $(HOST_WARN) -Ihost/include -Ihost/lib $(HOST_PCI_CFLAGS) -MMD -MP
# Unit tests build the library again with the sanitizers.
HOST_UT_CFLAGS = -std=c11 -O1 -g $(HOST_WARN) -fsanitize=address,undefined -fno-sanitize-recover=all \
                 -fno-omit-frame-pointer -Ihost/include -Ihost/lib -Ihost/tools -Ihost/cli \
                 $(HOST_PCI_CFLAGS) -MMD -MP

HOST_LIB_SRCS := sgpu.c error.c uri.c alloc.c identify.c dma.c discover.c \
                 transport_sim.c transport_vfio.c transport_uart.c \
                 gpu.c ctl.c events.c ctx.c cmd.c cmdring.c vram.c vram_heap.c kernel.c \
                 hwsched.c hwsched_engine.c adapter.c tdr.c stats.c
# adapter.c loads firmware images with the bare runner's ELF loader (sim/cpu/elf32.c).
HOST_LIB_OBJS := $(patsubst %.c,$(HOST_DIR)/lib/%.o,$(HOST_LIB_SRCS)) $(HOST_DIR)/lib/elf32.o
HOST_SAN_OBJS := $(patsubst %.c,$(HOST_DIR)/san/%.o,$(HOST_LIB_SRCS)) $(HOST_DIR)/san/elf32.o
HOST_TOOL_OBJS := $(HOST_DIR)/tools/simproc.o
HOST_CLI_OBJS := $(HOST_DIR)/cli/sgpu.o $(HOST_DIR)/cli/info.o $(HOST_DIR)/cli/json.o \
                 $(patsubst %,$(HOST_DIR)/cli/%.o,run run_parse run_exec run_sha256 top ctx engine adapter tdr)

.PHONY: host
host: $(HOST_LIB) $(BIN)/sgpu $(BIN)/sgpu-link-bench ## Build libsgpu, the sgpu CLI and the link benchmark
sim: $(BIN)/sgpu

$(HOST_DIR)/lib/%.o: host/lib/%.c
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -Isim/cpu -c -o $@ $<
$(HOST_DIR)/san/%.o: host/lib/%.c
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_UT_CFLAGS) -Isim/cpu -c -o $@ $<
$(HOST_DIR)/lib/elf32.o: sim/cpu/elf32.c
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -Isim/cpu -c -o $@ $<
$(HOST_DIR)/san/elf32.o: sim/cpu/elf32.c
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_UT_CFLAGS) -Isim/cpu -c -o $@ $<
$(HOST_DIR)/tools/%.o: host/tools/%.c
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -Ihost/tools -c -o $@ $<
$(HOST_DIR)/cli/%.o: host/cli/%.c
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -Ihost/tools -Ihost/cli -c -o $@ $<
$(HOST_DIR)/bench/%.o: host/bench/%.c
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -Ihost/tools -c -o $@ $<

$(HOST_LIB): $(HOST_LIB_OBJS)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

$(BIN)/sgpu: $(HOST_CLI_OBJS) $(HOST_TOOL_OBJS) $(HOST_LIB)
	@mkdir -p $(@D)
	$(HOST_CC) -o $@ $(HOST_CLI_OBJS) $(HOST_TOOL_OBJS) $(HOST_LIB) $(HOST_PCI_LIBS)

$(BIN)/sgpu-link-bench: $(HOST_DIR)/bench/link_bench.o $(HOST_TOOL_OBJS) $(HOST_LIB)
	@mkdir -p $(@D)
	$(HOST_CC) -o $@ $< $(HOST_TOOL_OBJS) $(HOST_LIB) $(HOST_PCI_LIBS) -lm

# --- Unit tests: no simulator needed.
HOST_UT_NAMES := errors uri alloc api dma_args json irqq sim_transport \
                 cmd ctxring vram_alloc events ctl run_parse adapter stats_read
HOST_UT_BINS  := $(patsubst %,$(HOST_DIR)/tests/test_%,$(HOST_UT_NAMES))

$(HOST_DIR)/tests/test_%.o: host/tests/test_%.c
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_UT_CFLAGS) -c -o $@ $<
$(HOST_DIR)/tests/json.o: host/cli/json.c
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_UT_CFLAGS) -c -o $@ $<
$(HOST_DIR)/tests/fake_sim.o: host/tests/fake_sim.c
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_UT_CFLAGS) -c -o $@ $<
$(HOST_DIR)/tests/test_json: $(HOST_DIR)/tests/json.o
$(HOST_DIR)/tests/test_sim_transport $(HOST_DIR)/tests/test_dma_args $(HOST_DIR)/tests/test_adapter \
  $(HOST_DIR)/tests/test_stats_read: \
  $(HOST_DIR)/tests/fake_sim.o
$(HOST_UT_BINS): $(HOST_DIR)/tests/test_%: $(HOST_DIR)/tests/test_%.o $(HOST_SAN_OBJS)
	$(HOST_CC) $(HOST_UT_CFLAGS) -pthread -o $@ $^ -lcmocka $(HOST_PCI_LIBS)

TEST_SUITES += host-unit
.PHONY: test-host-unit
test-host-unit: $(HOST_UT_BINS)
	@scripts/run-suite host-unit firmware/tests/run-unit $(HOST_UT_BINS)

# --- End-to-end: libsgpu and the CLI against a private build/bin/sgpu-sim.
HOST_E2E := $(HOST_DIR)/tests/e2e
$(HOST_DIR)/tests/e2e.o: host/tests/e2e/e2e.c
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -Ihost/tools -c -o $@ $<
$(HOST_E2E): $(HOST_DIR)/tests/e2e.o $(HOST_TOOL_OBJS) $(HOST_LIB)
	$(HOST_CC) -o $@ $< $(HOST_TOOL_OBJS) $(HOST_LIB) $(HOST_PCI_LIBS)

TEST_SUITES += e2e
.PHONY: test-e2e
ifneq ($(wildcard rtl/top/sgpu_device.v),)
test-e2e: $(HOST_E2E) $(BIN)/sgpu $(BIN)/sgpu-sim $(FW_ELF)
	@scripts/run-suite e2e $(PYTHON) host/tests/e2e/run-e2e.py --sim $(BIN)/sgpu-sim \
	  --sgpu $(BIN)/sgpu --e2e $(HOST_E2E) --work $(BUILD)/test/e2e-work
else
test-e2e:
	@scripts/run-suite e2e echo "FAIL e2e/build: rtl/top/sgpu_device.v (for build/bin/sgpu-sim) does not exist yet"
endif

-include $(wildcard $(HOST_DIR)/*/*.d)
