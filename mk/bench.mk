# `make bench`: measure what the issues set targets for; writes build/bench/results.json.
.PHONY: bench
bench: $(BIN)/sgpu-cpu-sim bench-programs ## Measure CPI and simulator speed (build/bench/results.json)
	@$(PYTHON) scripts/bench.py --runner $(BIN)/sgpu-cpu-sim --cpu-program $(BUILD)/bench/cpu_mix.elf \
	  --out $(BUILD)/bench/results.json
