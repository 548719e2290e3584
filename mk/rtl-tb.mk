# Module testbenches: every sim/tb/<module>_tb.sv, built with verilator --binary --timing.
TB_DIR  := $(BUILD)/tb
TB_SRCS := $(wildcard sim/tb/*_tb.sv)
# Two benches at a time with one compile job each (scripts/run-tb says why).
TB_PARALLEL ?= 2

TEST_SUITES += tb
# The compute benches run the kernels built by the cross compiler (build/kernels/*.bin).
.PHONY: test-tb
test-tb: kernels
	@VERILATOR=$(VERILATOR) VERILATOR_JOBS=1 TB_PARALLEL=$(TB_PARALLEL) \
	  scripts/run-suite tb scripts/run-tb $(TB_DIR) $(TB_SRCS)
