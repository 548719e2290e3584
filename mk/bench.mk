# `make bench`: measure what the issues set targets for; writes build/bench/results.json.
# The link benchmark starts its own private sgpu-sim (socket and log in build/bench/).
.PHONY: bench
bench: $(BIN)/sgpu-cpu-sim bench-programs $(BIN)/sgpu-link-bench $(BIN)/sgpu-sim $(BUILD)/firmware/sgpu-fw.elf ## Measure CPI, simulator speed and PCIe link throughput (build/bench/results.json)
	@$(PYTHON) scripts/bench.py --runner $(BIN)/sgpu-cpu-sim --cpu-program $(BUILD)/bench/cpu_mix.elf \
	  --link-bench $(BIN)/sgpu-link-bench --out $(BUILD)/bench/results.json
