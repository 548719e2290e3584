# `make demo`: the main job a newcomer runs first.
.PHONY: demo
demo: deps ## Install what is missing, build, and run the firmware and a benchmark in simulation
	@$(MAKE) --no-print-directory firmware sim bench-programs
	@scripts/demo $(BIN)/sgpu-cpu-sim $(BUILD)/firmware/sgpu-fw.elf $(BUILD)/bench/cpu_mix.elf
