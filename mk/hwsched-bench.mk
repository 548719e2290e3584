# build/bin/sgpu-hwsched-bench: the hardware-scheduling benchmark (host/bench/hwsched_bench.c),
# run by `make bench` (mk/bench.mk) against a private sgpu-sim. The object's rule, the library
# and simproc are mk/host.mk's (the prerequisites spell the paths).
HWSCHED_BENCH := $(BIN)/sgpu-hwsched-bench

$(HWSCHED_BENCH): $(BUILD)/host/bench/hwsched_bench.o $(BUILD)/host/tools/simproc.o $(BUILD)/lib/libsgpu.a
	@mkdir -p $(@D)
	$(HOST_CC) -o $@ $^ $(HOST_PCI_LIBS) -lm

.PHONY: hwsched-bench
hwsched-bench: $(HWSCHED_BENCH)
