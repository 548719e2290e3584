# `make demo`: the main job a newcomer runs first.
# sgpu-demo (host/tools/demo_gpu.c): the device part, several contexts on both engines with
# every result checked against a host reference. Paths spelled with $(BUILD): host.mk, which
# names them, is read after this file.
DEMO_GPU := $(BIN)/sgpu-demo
$(DEMO_GPU): $(BUILD)/host/tools/demo_gpu.o $(BUILD)/host/tools/simproc.o $(BUILD)/lib/libsgpu.a
	@mkdir -p $(@D)
	$(HOST_CC) -o $@ $^ $(HOST_PCI_LIBS)

.PHONY: demo
demo: deps ## Install what is missing, build, boot the firmware, run a benchmark, run work on the simulated GPU
	@mkdir -p $(BUILD)
	@echo "demo: building the simulator, the firmware, the kernels and the tools (log: $(BUILD)/demo-build.log)"
	@$(MAKE) --no-print-directory firmware sim host kernels bench-programs $(DEMO_GPU) > $(BUILD)/demo-build.log 2>&1 || \
	  { tail -30 $(BUILD)/demo-build.log; echo "demo: the build failed (log: $(BUILD)/demo-build.log)"; exit 1; }
	@grep '^firmware:' $(BUILD)/demo-build.log || true
	@scripts/demo $(BIN)/sgpu-cpu-sim $(BUILD)/firmware/sgpu-fw.elf $(BUILD)/bench/cpu_mix.elf $(BIN)
