# The host<->firmware protocol and the context command format, defined once in
# protocol/sgpu_protocol.json, and what is generated from it.
.PHONY: protocol test-protocol
protocol: ## Regenerate the protocol headers, Verilog include and docs (protocol/)
	$(PYTHON) protocol/protocol.py

# The tests compile the headers with RV_CC and lint the include with VERILATOR.
TEST_SUITES += protocol
test-protocol:
	@RV_CC=$(RV_CC) VERILATOR=$(VERILATOR) \
	  scripts/run-suite protocol $(PYTHON) protocol/test_protocol.py
