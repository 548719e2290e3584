# The `sgpu run` / `sgpu top` checks: the workload parser's unit test (in host-unit, built
# from host/cli/ with the sanitizers) and the `cli` suite against a private sgpu-sim.
# Paths spelled with $(BUILD): host.mk, which names them, is read after this file.
CLI_UT_DIR := $(BUILD)/host/tests
$(CLI_UT_DIR)/run_parse.o $(CLI_UT_DIR)/run_sha256.o: $(CLI_UT_DIR)/%.o: host/cli/%.c
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_UT_CFLAGS) -c -o $@ $<
$(CLI_UT_DIR)/test_run_parse: $(CLI_UT_DIR)/run_parse.o $(CLI_UT_DIR)/run_sha256.o

TEST_SUITES += cli
.PHONY: test-cli
test-cli: $(BIN)/sgpu $(BIN)/sgpu-sim $(BUILD)/firmware/sgpu-fw.elf $(BUILD)/kernels/vadd.bin \
          $(BUILD)/kernels/fault.bin $(BUILD)/host/tests/hwsched
	@scripts/run-suite cli $(PYTHON) host/tests/cli/run-cli-tests.py --sim $(BIN)/sgpu-sim \
	  --sgpu $(BIN)/sgpu --examples examples --work $(BUILD)/test/cli-work \
	  --hwsched $(BUILD)/host/tests/hwsched
