# Module testbenches: every sim/tb/<module>_tb.sv, built with verilator --binary --timing.
TB_DIR  := $(BUILD)/tb
TB_SRCS := $(wildcard sim/tb/*_tb.sv)

TEST_SUITES += tb
.PHONY: test-tb
test-tb:
	@VERILATOR=$(VERILATOR) VERILATOR_JOBS=$(VERILATOR_JOBS) \
	  scripts/run-suite tb scripts/run-tb $(TB_DIR) $(TB_SRCS)
