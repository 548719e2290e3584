# `make lint`: Verilator's -Wall on every RTL module (also a suite of `make test`).
.PHONY: lint test-lint
lint: ## Lint all RTL with verilator --lint-only -Wall
	@scripts/lint

TEST_SUITES += lint
test-lint:
	@scripts/run-suite lint scripts/lint
