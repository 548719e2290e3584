# `make deps`: install the Debian packages sgpu needs, only those missing.
DEPS_PACKAGES := make python3 gcc g++ verilator yosys nextpnr-ice40 fpga-icestorm \
  gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf picolibc-riscv64-unknown-elf \
  libpci-dev pciutils libcmocka-dev pkg-config zlib1g-dev

.PHONY: deps
deps: ## Install the Debian packages sgpu needs (only what is missing)
	@scripts/install-deps $(DEPS_PACKAGES)
