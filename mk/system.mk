# System tests (host/tests/system): the whole device through libsgpu against a private
# build/bin/sgpu-sim: control channel, copies, fences, many contexts, doorbells, WAIT,
# command and input errors, kernels and their faults, events. `make test-system`.
SYSTEM_TEST := $(HOST_DIR)/tests/system
# The kernels the compute checks load (mk/kernels.mk), when that fragment is there.
SYSTEM_KERNELS := $(if $(KERNEL_BINS),kernels)

$(HOST_DIR)/tests/system.o: host/tests/system/system.c
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -Ihost/tools -c -o $@ $<
$(SYSTEM_TEST): $(HOST_DIR)/tests/system.o $(HOST_TOOL_OBJS) $(HOST_LIB)
	$(HOST_CC) -o $@ $< $(HOST_TOOL_OBJS) $(HOST_LIB) $(HOST_PCI_LIBS)

# The scheduling contract's behaviours (hwsched spec section 7), a suite of their own.
HWSCHED_TEST := $(HOST_DIR)/tests/hwsched
$(HOST_DIR)/tests/hwsched.o: host/tests/system/hwsched.c
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -c -o $@ $<
$(HWSCHED_TEST): $(HOST_DIR)/tests/hwsched.o $(HOST_LIB)
	$(HOST_CC) -o $@ $< $(HOST_LIB) $(HOST_PCI_LIBS)

TEST_SUITES += system hwsched
.PHONY: test-system test-hwsched
ifneq ($(wildcard rtl/top/sgpu_device.v),)
test-system: $(SYSTEM_TEST) $(BIN)/sgpu-sim $(FW_ELF) $(SYSTEM_KERNELS)
	@scripts/run-suite system $(PYTHON) host/tests/system/run-system.py --sim $(BIN)/sgpu-sim \
	  --system $(SYSTEM_TEST) --kernels $(or $(KERNEL_DIR),$(BUILD)/kernels) --work $(BUILD)/test/system-work
test-hwsched: $(HWSCHED_TEST) $(BIN)/sgpu-sim $(FW_ELF)
	@scripts/run-suite hwsched $(PYTHON) host/tests/system/run-system.py --sim $(BIN)/sgpu-sim \
	  --system $(HWSCHED_TEST) --label hwsched- --work $(BUILD)/test/hwsched-work
else
test-system:
	@scripts/run-suite system echo "FAIL system/build: rtl/top/sgpu_device.v (for build/bin/sgpu-sim) does not exist yet"
test-hwsched:
	@scripts/run-suite hwsched echo "FAIL system/hwsched-build: rtl/top/sgpu_device.v (for build/bin/sgpu-sim) does not exist yet"
endif

# The adapter suite (host/tests/adapter): adapter reset and firmware reload through libsgpu
# and `sgpu adapter` against a private sgpu-sim with the real firmware. `make test-adapter`.
ADAPTER_TEST := $(HOST_DIR)/tests/adapter_system
$(HOST_DIR)/tests/adapter_system.o: host/tests/adapter/adapter_system.c
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -c -o $@ $<
$(ADAPTER_TEST): $(HOST_DIR)/tests/adapter_system.o $(HOST_LIB)
	$(HOST_CC) -o $@ $< $(HOST_LIB) $(HOST_PCI_LIBS)

TEST_SUITES += adapter
.PHONY: test-adapter
test-adapter: $(ADAPTER_TEST) $(BIN)/sgpu $(BIN)/sgpu-sim $(FW_ELF)
	@scripts/run-suite adapter $(PYTHON) host/tests/adapter/run-adapter.py --sim $(BIN)/sgpu-sim \
	  --prog $(ADAPTER_TEST) --sgpu $(BIN)/sgpu --firmware $(FW_ELF) --work $(BUILD)/test/adapter-work

# The TDR suite (host/tests/tdr): hangs as users make them (a WAIT nobody satisfies, a kernel
# that never ends, a host read that never completes, a dead control core) and libsgpu's
# watchdog recovering from them, against a private sgpu-sim. `make test-tdr`.
TDR_TEST := $(HOST_DIR)/tests/tdr_system
$(HOST_DIR)/tests/tdr_system.o: host/tests/tdr/tdr_system.c
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -c -o $@ $<
$(TDR_TEST): $(HOST_DIR)/tests/tdr_system.o $(HOST_LIB)
	$(HOST_CC) -o $@ $< $(HOST_LIB) $(HOST_PCI_LIBS)

TEST_SUITES += tdr
.PHONY: test-tdr
test-tdr: $(TDR_TEST) $(BIN)/sgpu $(BIN)/sgpu-sim $(FW_ELF) $(FW_SHORT_ELF) $(SYSTEM_KERNELS)
	@scripts/run-suite tdr $(PYTHON) host/tests/tdr/run-tdr.py --sim $(BIN)/sgpu-sim \
	  --prog $(TDR_TEST) --sgpu $(BIN)/sgpu --firmware $(FW_ELF) \
	  --short-timeout-firmware $(FW_SHORT_ELF) --kernels $(or $(KERNEL_DIR),$(BUILD)/kernels) \
	  --work $(BUILD)/test/tdr-work
