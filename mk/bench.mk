# `make bench`: measure what the issues set targets for; writes build/bench/results.json.
# The link and command-processor benchmarks each start their own private sgpu-sim (socket and
# log in build/bench/). vadd.bin is built if it can be; if not, the compute keys are reported
# missing (sgpu-cp-bench says why) and the rest is measured.
.PHONY: bench
bench: $(BIN)/sgpu-cpu-sim bench-programs $(BIN)/sgpu-link-bench $(BIN)/sgpu-cp-bench $(BIN)/sgpu-hwsched-bench $(BIN)/sgpu-sim $(BUILD)/firmware/sgpu-fw.elf ## Measure CPI, simulator speed, PCIe link, command processor, COPY and DISPATCH, hardware scheduling (build/bench/results.json)
	@$(MAKE) --no-print-directory $(BUILD)/kernels/vadd.bin || \
	  echo "bench: $(BUILD)/kernels/vadd.bin did not build: the compute keys will be missing"
	@$(PYTHON) scripts/bench.py --runner $(BIN)/sgpu-cpu-sim --cpu-program $(BUILD)/bench/cpu_mix.elf \
	  --link-bench $(BIN)/sgpu-link-bench --cp-bench $(BIN)/sgpu-cp-bench \
	  --hwsched-bench $(BIN)/sgpu-hwsched-bench --out $(BUILD)/bench/results.json
