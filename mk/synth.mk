# `make synth`: yosys + nextpnr-ice40 on the iCE40-HX8K board top, and yosys resource counts
# for Artix-7; writes build/synth/report.json.
SYNTH_DIR  := $(BUILD)/synth
# nextpnr's placement is seeded: a fixed seed makes Fmax repeatable.
SYNTH_SEED ?= 1
SYNTH_FREQ ?= 60

.PHONY: synth
# Artix-7 (the PCIe boards): resource counts from yosys synth_xilinx, no place and route.
# VRAM in block RAM is sized for a 35T part here; the full boards put VRAM in DDR.
SYNTH_XC7_VRAM ?= 131072

# Units: `cpu` is the core with its memories (register file, 4 KiB RAM), the unit the size
# and Fmax targets apply to; `system` is the whole board top (adds timer and identity).
synth: ## Synthesize, place and route for the iCE40 HX8K; report size and Fmax
	@rm -f $(SYNTH_DIR)/report.json
	@scripts/synth --unit cpu --top sgpu_ice40_core --pcf constraints/ice40_hx8k_core.pcf \
	  --max-lc 3000 --min-fmax 60 --seed $(SYNTH_SEED) --freq $(SYNTH_FREQ) --out $(SYNTH_DIR) \
	  rtl/boards/ice40_hx8k/sgpu_ice40_core.v $(RTL_SRCS)
	@scripts/synth --unit system --top sgpu_ice40_hx8k --pcf constraints/ice40_hx8k.pcf \
	  --seed $(SYNTH_SEED) --freq $(SYNTH_FREQ) --out $(SYNTH_DIR) \
	  rtl/boards/ice40_hx8k/sgpu_ice40_hx8k.v $(RTL_SRCS)
	@$(PYTHON) scripts/synth-xc7.py --unit pcie_ep --top pcie_ep --out $(SYNTH_DIR) \
	  $(wildcard rtl/pcie/*.v) rtl/mem/ram_2r1w.v
	@$(PYTHON) scripts/synth-xc7.py --unit device --top sgpu_device --out $(SYNTH_DIR) \
	  --param VRAM_BYTES=$(SYNTH_XC7_VRAM) --param CORE_RAM_BYTES=65536 $(RTL_SRCS)
