# sgpu: an open FPGA soft-GPU. `make` (or `make help`) lists what you can do.
.DEFAULT_GOAL := help
SHELL := /bin/bash

BUILD   := build
BIN     := $(BUILD)/bin
PYTHON  ?= python3

# Cross compiler for the control core and the programs that run on it.
RV_PREFIX ?= riscv64-unknown-elf-
RV_CC     := $(RV_PREFIX)gcc
RV_OBJCOPY:= $(RV_PREFIX)objcopy
RV_SIZE   := $(RV_PREFIX)size
# GCC 12 / binutils 2.40 need Zicsr and Zifencei named explicitly; the ISA is still RV32IM.
RV_ARCH   := -march=rv32im_zicsr_zifencei -mabi=ilp32

VERILATOR ?= verilator
# Two cores on the reference machine: compile Verilated models with two jobs.
VERILATOR_JOBS ?= 2

# Every RTL source; board tops (rtl/boards) hold vendor primitives and are linted apart.
RTL_DIRS  := $(filter-out rtl/include rtl/boards,$(patsubst %/,%,$(sort $(wildcard rtl/*/))))
RTL_SRCS  := $(foreach d,$(RTL_DIRS),$(wildcard $(d)/*.v))
RTL_INC   := rtl/include

# The Debian packages sgpu needs; `make deps` installs only those that are missing.
DEPS_PACKAGES := make python3 gcc g++ verilator yosys nextpnr-ice40 fpga-icestorm \
  gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf picolibc-riscv64-unknown-elf \
  libpci-dev pciutils libcmocka-dev pkg-config zlib1g-dev

include mk/*.mk

.PHONY: deps
deps: ## Install the Debian packages sgpu needs (only what is missing)
	@scripts/install-deps $(DEPS_PACKAGES)

.PHONY: help
help: ## List the targets
	@echo "sgpu: an open FPGA soft-GPU"
	@echo
	@echo "Targets:"
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sort -u | \
	  awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'
	@echo
	@echo "A fresh Debian machine needs only 'make demo' and 'make test'."

.PHONY: clean
clean: ## Remove everything built (the build/ folder)
	rm -rf $(BUILD)
