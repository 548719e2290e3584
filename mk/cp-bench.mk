# build/bin/sgpu-cp-bench: the command-processor benchmark (host/bench/cp_bench.c), run by
# `make bench` (mk/bench.mk) against a private sgpu-sim. The object's rule, the library and
# simproc are mk/host.mk's (included after this file: the prerequisites spell the paths).
CP_BENCH := $(BIN)/sgpu-cp-bench

$(CP_BENCH): $(BUILD)/host/bench/cp_bench.o $(BUILD)/host/tools/simproc.o $(BUILD)/lib/libsgpu.a
	@mkdir -p $(@D)
	$(HOST_CC) -o $@ $^ $(HOST_PCI_LIBS) -lm

.PHONY: cp-bench
cp-bench: $(CP_BENCH)
