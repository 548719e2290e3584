# Shader-core kernels (kernels/, kernels/tests/): `make kernels` builds each one into
# build/kernels/<name>.elf and the flat image the host loads into VRAM, <name>.bin.
# docs/kernels.md has the ABI.
KERNEL_DIR       := $(BUILD)/kernels
KERNEL_LDS       := kernels/kernel.ld
KERNEL_NAMES     := vadd saxpy reduce filter2d hostsaxpy
KERNEL_TEST_NAMES:= fault ids locals spin nopreempt
# The shader core's instruction RAM (compute_exec IRAM_BYTES): a bigger image does not run.
KERNEL_MAX_BYTES ?= 4096

# medany: code and constants are reached PC-relative, so the image runs at any address.
# No jump tables (they hold absolute addresses), no small-data section (there is no gp),
# no linker relaxation (it would turn accesses into gp-relative ones).
# Link with plain rv32im for the same multilib reason as the firmware (mk/firmware.mk).
KERNEL_CFLAGS  := $(RV_ARCH) -std=c11 -Wall -Wextra -Werror -O2 -ffreestanding \
                  -mcmodel=medany -fno-pic -fno-jump-tables -msmall-data-limit=0 -mno-relax \
                  -fno-tree-loop-distribute-patterns -ffunction-sections -Ikernels
KERNEL_LDFLAGS := -march=rv32im -mabi=ilp32 -nostdlib -nostartfiles -static -T $(KERNEL_LDS) \
                  -Wl,--no-relax -Wl,--emit-relocs -Wl,--gc-sections
KERNEL_ELFS    := $(patsubst %,$(KERNEL_DIR)/%.elf,$(KERNEL_NAMES) $(KERNEL_TEST_NAMES))
KERNEL_BINS    := $(KERNEL_ELFS:.elf=.bin)

.PHONY: kernels
kernels: $(KERNEL_BINS) ## Build the shader-core kernels (build/kernels/<name>.bin)

$(KERNEL_DIR)/obj:
	@mkdir -p $@

# The ELF keeps its relocations (--emit-relocs) so that this rule can refuse absolute ones
# (R_RISCV_32, R_RISCV_HI20, R_RISCV_LO12_*): they would point into the image as linked at
# 0, not where it runs. The image must also fit the instruction RAM.
KERNEL_ABS_RELOCS := R_RISCV_(32|64|HI20|LO12_I|LO12_S|TPREL_[A-Z0-9_]+|GPREL_[A-Z0-9_]+)
define kernel_rules
$(KERNEL_DIR)/$(notdir $(1)).elf: $(1).c kernels/sgpu_kernel.h $(KERNEL_LDS) | $(KERNEL_DIR)/obj
	$$(RV_CC) $$(KERNEL_CFLAGS) -c -o $(KERNEL_DIR)/obj/$(notdir $(1)).o $$<
	$$(RV_CC) $$(KERNEL_LDFLAGS) -Wl,-Map=$$@.map -o $$@.tmp $(KERNEL_DIR)/obj/$(notdir $(1)).o -lgcc
	@if $$(RV_PREFIX)readelf -rW $$@.tmp | grep -E '\b$$(KERNEL_ABS_RELOCS)\b'; then \
	  echo "$$@: absolute relocations above: the image would not run at another address"; \
	  rm -f $$@.tmp; exit 1; fi
	@mv $$@.tmp $$@
endef
$(foreach k,$(KERNEL_NAMES),$(eval $(call kernel_rules,kernels/$(k))))
$(foreach k,$(KERNEL_TEST_NAMES),$(eval $(call kernel_rules,kernels/tests/$(k))))

$(KERNEL_DIR)/%.bin: $(KERNEL_DIR)/%.elf
	$(RV_OBJCOPY) -O binary $< $@.tmp
	@size=$$(stat -c %s $@.tmp); if [ $$size -gt $(KERNEL_MAX_BYTES) ]; then \
	  echo "$@: $$size bytes, more than the $(KERNEL_MAX_BYTES) of the instruction RAM"; \
	  rm -f $@.tmp; exit 1; fi
	@mv $@.tmp $@
