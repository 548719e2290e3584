# The one register map and what is generated from it.
.PHONY: regmap test-regmap
regmap: ## Regenerate the register headers and docs from regmap/sgpu.json
	$(PYTHON) regmap/regmap.py

TEST_SUITES += regmap
test-regmap:
	@scripts/run-suite regmap $(PYTHON) regmap/test_regmap.py
