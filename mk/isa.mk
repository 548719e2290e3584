# The ISA tests (sim/isa) and the reference instruction-set simulator (sim/iss).
# `make test-isa` runs every test on both build/bin/sgpu-iss and build/bin/sgpu-cpu-sim.
ISA_DIR     := $(BUILD)/isa
ISA_SRCS    := $(wildcard sim/isa/*.S)
ISA_ELFS    := $(patsubst sim/isa/%.S,$(ISA_DIR)/%.elf,$(ISA_SRCS))
ISA_HDRS    := sim/isa/include/test.h firmware/include/sgpu_regs.h
ISA_LDS     := sim/isa/link.ld
ISA_CFLAGS  := $(RV_ARCH) -mno-relax -nostdlib -nostartfiles -static \
               -Isim/isa/include -Ifirmware/include -T $(ISA_LDS) -Wl,--no-warn-rwx-segments

HOST_CC     ?= cc
ISS_CFLAGS  := -std=c11 -O2 -g -Wall -Wextra -Wpedantic -Ifirmware/include
ISS_CORE    := $(addprefix sim/iss/,iss.c exec.c csr.c mem.c elf.c disasm.c)
ISS_HDRS    := sim/iss/iss.h firmware/include/sgpu_regs.h

# Seeded random straight-line programs: the generator runs them on the ISS core and appends
# a check of the final registers and memory, so the RTL must end in the same state.
ISA_RANDOM_SEEDS ?= 1 2 3 4
ISA_RANDOM_DIR   := $(ISA_DIR)/random
ISA_RANDOM_ELFS  := $(patsubst %,$(ISA_RANDOM_DIR)/rand-%.elf,$(ISA_RANDOM_SEEDS))

.PHONY: isa iss test-isa
iss: $(BIN)/sgpu-iss ## Build the reference instruction-set simulator (build/bin/sgpu-iss)
isa: $(ISA_ELFS) $(ISA_RANDOM_ELFS) $(BIN)/sgpu-iss ## Build the ISA tests (build/isa/)
sim: $(BIN)/sgpu-iss

$(BIN)/sgpu-iss: $(ISS_CORE) sim/iss/main.c $(ISS_HDRS)
	@mkdir -p $(@D)
	$(HOST_CC) $(ISS_CFLAGS) -o $@ $(ISS_CORE) sim/iss/main.c

$(BIN)/sgpu-rvgen: $(ISS_CORE) sim/iss/rvgen.c $(ISS_HDRS)
	@mkdir -p $(@D)
	$(HOST_CC) $(ISS_CFLAGS) -o $@ $(ISS_CORE) sim/iss/rvgen.c

$(ISA_DIR)/%.elf: sim/isa/%.S $(ISA_HDRS) $(ISA_LDS)
	@mkdir -p $(@D)
	$(RV_CC) $(ISA_CFLAGS) -o $@ $<

$(ISA_RANDOM_DIR)/rand-%.S: $(BIN)/sgpu-rvgen
	@mkdir -p $(@D)
	$(BIN)/sgpu-rvgen --seed $* -o $@

$(ISA_RANDOM_DIR)/rand-%.elf: $(ISA_RANDOM_DIR)/rand-%.S $(ISA_HDRS) $(ISA_LDS)
	$(RV_CC) $(ISA_CFLAGS) -o $@ $<

TEST_SUITES += isa
test-isa: $(ISA_ELFS) $(ISA_RANDOM_ELFS) $(BIN)/sgpu-iss $(BIN)/sgpu-cpu-sim
	@scripts/run-suite isa sim/isa/run-isa --iss $(BIN)/sgpu-iss --rtl $(BIN)/sgpu-cpu-sim \
	  $(ISA_ELFS) $(ISA_RANDOM_ELFS)

.PRECIOUS: $(ISA_RANDOM_DIR)/rand-%.S
