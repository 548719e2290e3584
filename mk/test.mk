# `make test`: every suite, then one line `N passed, N failed`.
# A suite is a target `test-NAME` listed in TEST_SUITES; it runs its checks through
# scripts/run-suite, which records PASS/FAIL lines in build/test/NAME.out.
TEST_DIR := $(BUILD)/test
export TEST_DIR

.PHONY: test test-suites
test: deps ## Install what is missing, build everything, run every test suite
	@rm -rf $(TEST_DIR) && mkdir -p $(TEST_DIR)
	@$(MAKE) --no-print-directory -k test-suites || true
	@scripts/test-summary $(TEST_DIR) $(TEST_SUITES)

test-suites: $(addprefix test-,$(TEST_SUITES))
