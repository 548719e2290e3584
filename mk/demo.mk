# `make demo`: the main job a newcomer runs first.
.PHONY: demo
demo: deps ## Install what is missing, build, boot the firmware, run a benchmark, talk to the simulated device
	@mkdir -p $(BUILD)
	@echo "demo: building the simulator, the firmware and the benchmark (log: $(BUILD)/demo-build.log)"
	@$(MAKE) --no-print-directory firmware sim host bench-programs > $(BUILD)/demo-build.log 2>&1 || \
	  { tail -30 $(BUILD)/demo-build.log; echo "demo: the build failed (log: $(BUILD)/demo-build.log)"; exit 1; }
	@grep '^firmware:' $(BUILD)/demo-build.log || true
	@scripts/demo $(BIN)/sgpu-cpu-sim $(BUILD)/firmware/sgpu-fw.elf $(BUILD)/bench/cpu_mix.elf $(BIN)
