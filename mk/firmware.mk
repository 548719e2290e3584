# The control-core firmware (firmware/), its host unit tests, the checks that run it on the
# bare runners, and the benchmark programs for the core (firmware/bench).
FW_DIR     := $(BUILD)/firmware
FW_ELF     := $(FW_DIR)/sgpu-fw.elf
FW_BUDGET  := 65536
FW_LDS     := firmware/link.ld
BENCH_DIR  := $(BUILD)/bench
HOST_CC    ?= cc
# Stack reserved after .bss (the deepest paths, a trap while printing or a control frame
# writing its result, need < 1 KiB). The image with the scheduler (~15 KiB of code) no
# longer fits the iCE40 build's 4 KiB of RAM, whatever FW_STACK.
FW_STACK   ?= 4096

# Compile with RV_ARCH (rv32im_zicsr_zifencei), but link with plain rv32im: GCC 12 picks the
# multilib of picolibc and libgcc from -march, and a string naming zicsr/zifencei matches no
# multilib, so it would fall back to the rv64 default libraries. The ISA is the same.
FW_LINK_ARCH := -march=rv32im -mabi=ilp32
FW_WARN    := -Wall -Wextra -Werror
FW_CFLAGS  = $(RV_ARCH) -std=c11 $(FW_WARN) -g -ffunction-sections -fdata-sections \
             --specs=picolibc.specs -Ifirmware/include -MMD -MP
FW_LDFLAGS = $(FW_LINK_ARCH) --specs=picolibc.specs -nostartfiles -T $(FW_LDS) \
             -Wl,--gc-sections -Wl,--defsym=__stack_size=$(FW_STACK) -Wl,-Map=$@.map

# Sources shared by everything that runs on the core (crt0, trap, HAL, console).
FW_CORE_SRCS := start.S trap.c boot.c hal_rv.c console.c fmt.c ring.c
# The command processor's firmware: scheduler, control and event rings, host access.
FW_SCHED_SRCS := loop.c sched.c ctrl.c events.c schedlog.c engine.c hostmem.c heartbeat.c \
                 stats.c
FW_SRCS      := main.c idle.c $(FW_SCHED_SRCS) $(FW_CORE_SRCS)
FW_OBJS      := $(patsubst %,$(FW_DIR)/obj/%.o,$(FW_SRCS))
FW_CORE_OBJS := $(patsubst %,$(FW_DIR)/obj/%.o,$(FW_CORE_SRCS))

# The scheduler's sources are the control path (a suspend's latency is ~1,000 instructions of
# them): -O2, and no loop turned into a call to picolibc's byte-wise memcpy/memset. The rest
# stays small (-Os).
FW_FAST_CFLAGS = -O2 -fno-tree-loop-distribute-patterns
$(FW_DIR)/obj/%.o: firmware/src/% | $(FW_DIR)/obj
	$(RV_CC) $(FW_CFLAGS) $(if $(filter $*,$(FW_SCHED_SRCS)),$(FW_FAST_CFLAGS),-Os) -c -o $@ $<
$(FW_DIR)/obj/%.o: firmware/tests/% | $(FW_DIR)/obj
	$(RV_CC) $(FW_CFLAGS) -Os -c -o $@ $<
$(FW_DIR)/obj $(FW_DIR)/host $(BENCH_DIR)/obj:
	@mkdir -p $@

.PHONY: firmware
firmware: $(FW_ELF) ## Build the control-core firmware and print its size
	@$(RV_SIZE) $< | awk -v stack=$$(($$($(RV_PREFIX)nm $< | awk '/ __stack_size$$/{print "0x"$$1}'))) \
	  -v budget=$(FW_BUDGET) 'NR == 2 { printf "firmware: %d bytes (text %d, data %d, bss %d incl. %d stack) of %d (%.1f%%)\n", \
	  $$4, $$1, $$2, $$3, stack, budget, 100.0 * $$4 / budget }'

# Relink when FW_STACK changes: the file is rewritten only when its contents would change.
$(FW_DIR)/link.flags: fw-force | $(FW_DIR)/obj
	@echo 'FW_STACK=$(FW_STACK)' | cmp -s - $@ || echo 'FW_STACK=$(FW_STACK)' > $@
.PHONY: fw-force
fw-force:

# The link fails ("region `RAM' overflowed") if code, data, bss and stack pass 64 KiB.
# The device starts its core at the start of RAM: _start must be there (link.ld puts the
# section .text.start first, which -ffunction-sections also gives a C function named start).
$(FW_ELF): $(FW_OBJS) $(FW_LDS) $(FW_DIR)/link.flags
	$(RV_CC) $(FW_LDFLAGS) -o $@ $(FW_OBJS)
	@$(RV_PREFIX)nm $@ | awk '$$3 == "_start" { ok = ($$1 == "80000000") } END { exit !ok }' || \
	  { echo "$@: _start is not at 0x80000000" >&2; rm -f $@; exit 1; }

# For the TDR suite: the same firmware with a preempt timeout of 40,000 cycles (0.32 ms)
# instead of 640 ms, so that a simulator sees GPU_ENGINE_TIMEOUT in seconds, not hours.
FW_SHORT_ELF  := $(FW_DIR)/sgpu-fw-short-timeout.elf
FW_SHORT_OBJS := $(patsubst %,$(FW_DIR)/obj-short/%.o,$(FW_SRCS))
$(FW_DIR)/obj-short/%.o: firmware/src/% | $(FW_DIR)/obj-short
	$(RV_CC) $(FW_CFLAGS) -DSCHED_PREEMPT_TIMEOUT_CYCLES=40000u \
	  $(if $(filter $*,$(FW_SCHED_SRCS)),$(FW_FAST_CFLAGS),-Os) -c -o $@ $<
$(FW_DIR)/obj-short:
	@mkdir -p $@
$(FW_SHORT_ELF): $(FW_SHORT_OBJS) $(FW_LDS) $(FW_DIR)/link.flags
	$(RV_CC) $(FW_LDFLAGS) -o $@ $(FW_SHORT_OBJS)

# Programs that check the firmware's trap and interrupt paths on the core itself.
FW_TARGET_TESTS := $(FW_DIR)/target-irq.elf $(FW_DIR)/target-trap.elf
$(FW_TARGET_TESTS): $(FW_DIR)/target-%.elf: $(FW_DIR)/obj/target_%.c.o $(FW_CORE_OBJS) $(FW_LDS) \
                   $(FW_DIR)/link.flags
	$(RV_CC) $(FW_LDFLAGS) -o $@ $< $(FW_CORE_OBJS)

# --- The benchmark programs (firmware/bench): -O2, sources shared with the firmware.
# No loop-to-memcpy rewriting: the copy kernels must run the loops they are written as.
BENCH_CFLAGS = $(FW_CFLAGS) -O2 -fno-tree-loop-distribute-patterns -Ifirmware/bench
BENCH_SRCS   := bench.c main.c mem.c sort.c tokenize.c interp.c
BENCH_OBJS   := $(patsubst %,$(BENCH_DIR)/obj/%.o,$(BENCH_SRCS)) \
                $(patsubst %,$(BENCH_DIR)/obj/fw_%.o,$(FW_CORE_SRCS))

$(BENCH_DIR)/obj/%.o: firmware/bench/% | $(BENCH_DIR)/obj
	$(RV_CC) $(BENCH_CFLAGS) -c -o $@ $<
$(BENCH_DIR)/obj/fw_%.o: firmware/src/% | $(BENCH_DIR)/obj
	$(RV_CC) $(BENCH_CFLAGS) -c -o $@ $<

.PHONY: bench-programs
bench-programs: $(BENCH_DIR)/cpu_mix.elf ## Build the CPU benchmark programs (build/bench/)

$(BENCH_DIR)/cpu_mix.elf: $(BENCH_OBJS) $(FW_LDS) $(FW_DIR)/link.flags
	$(RV_CC) $(FW_LDFLAGS) -o $@ $(BENCH_OBJS)

# --- Host builds: the same logic over the fake registers of hal_host.c, for unit tests.
UT_CFLAGS := -std=c11 -O1 -g $(FW_WARN) -fsanitize=address,undefined -fno-sanitize-recover=all \
             -fno-omit-frame-pointer -Ifirmware/include -Ifirmware/bench -MMD -MP
UT_LIBS   := -lcmocka
UT_NAMES  := fmt ring hal_host boot bench hostmem events ctrl sched stats
UT_BINS   := $(patsubst %,$(FW_DIR)/host/test_%,$(UT_NAMES))
FW_HOST   := $(FW_DIR)/host
BENCH_HOST_SRCS := $(patsubst %,firmware/bench/%,bench.c mem.c sort.c tokenize.c interp.c)

$(FW_HOST)/%.o: firmware/src/%.c | $(FW_HOST)
	$(HOST_CC) $(UT_CFLAGS) -c -o $@ $<
$(FW_HOST)/bench_%.o: firmware/bench/%.c | $(FW_HOST)
	$(HOST_CC) $(UT_CFLAGS) -fno-tree-loop-distribute-patterns -c -o $@ $<
$(FW_HOST)/test_%.o: firmware/tests/test_%.c | $(FW_HOST)
	$(HOST_CC) $(UT_CFLAGS) -c -o $@ $<
# main() becomes fw_main() so that test_boot can call it.
$(FW_HOST)/fw_main.o: firmware/src/main.c | $(FW_HOST)
	$(HOST_CC) $(UT_CFLAGS) -Dmain=fw_main -c -o $@ $<

BENCH_HOST_OBJS := $(patsubst firmware/bench/%.c,$(FW_HOST)/bench_%.o,$(BENCH_HOST_SRCS)) \
                   $(addprefix $(FW_HOST)/,console.o fmt.o hal_host.o)

$(FW_HOST)/test_fmt: $(addprefix $(FW_HOST)/,test_fmt.o fmt.o)
$(FW_HOST)/test_ring: $(addprefix $(FW_HOST)/,test_ring.o ring.o)
$(FW_HOST)/test_hal_host: $(addprefix $(FW_HOST)/,test_hal_host.o hal_host.o)
$(FW_HOST)/test_boot: $(addprefix $(FW_HOST)/,test_boot.o fw_main.o boot.o trap.o console.o fmt.o hal_host.o)
$(FW_HOST)/test_bench: $(FW_HOST)/test_bench.o $(BENCH_HOST_OBJS)
# The scheduler's tests run the loop over the fake device (fwtest.c plays the host).
FW_SCHED_HOST_OBJS := $(addprefix $(FW_HOST)/,$(FW_SCHED_SRCS:.c=.o) hal_host.o fwtest.o)
$(FW_HOST)/fwtest.o: firmware/tests/fwtest.c | $(FW_HOST)
	$(HOST_CC) $(UT_CFLAGS) -c -o $@ $<
$(FW_HOST)/test_hostmem: $(addprefix $(FW_HOST)/,test_hostmem.o hostmem.o hal_host.o)
$(FW_HOST)/test_events: $(FW_HOST)/test_events.o $(FW_SCHED_HOST_OBJS)
$(FW_HOST)/test_ctrl: $(FW_HOST)/test_ctrl.o $(FW_SCHED_HOST_OBJS)
$(FW_HOST)/test_sched: $(FW_HOST)/test_sched.o $(FW_SCHED_HOST_OBJS)
$(FW_HOST)/test_stats: $(FW_HOST)/test_stats.o $(FW_SCHED_HOST_OBJS)
$(UT_BINS):
	$(HOST_CC) $(UT_CFLAGS) -o $@ $^ $(UT_LIBS)

# cpu_mix for the host: prints what the core's run must print (checked by test-fwboot).
$(FW_HOST)/cpu_mix: $(FW_HOST)/bench_host_main.o $(BENCH_HOST_OBJS)
	$(HOST_CC) $(UT_CFLAGS) -o $@ $^

-include $(wildcard $(FW_DIR)/obj/*.d $(BENCH_DIR)/obj/*.d $(FW_HOST)/*.d)

# --- Suites.
TEST_SUITES += unit
.PHONY: test-unit test-fwboot test-fwboot-iss
test-unit: $(UT_BINS)
	@scripts/run-suite unit firmware/tests/run-unit $(UT_BINS)

# The firmware, the trap/interrupt programs and cpu_mix on the RTL core (bare runner)...
FW_TARGET_ELFS := $(FW_ELF) $(FW_TARGET_TESTS) $(BENCH_DIR)/cpu_mix.elf $(FW_HOST)/cpu_mix
TEST_SUITES += fwboot
test-fwboot: $(FW_TARGET_ELFS) $(BIN)/sgpu-cpu-sim
	@RV_NM=$(RV_PREFIX)nm scripts/run-suite fwboot firmware/tests/run-target $(BIN)/sgpu-cpu-sim \
	  $(FW_DIR) $(FW_HOST)/cpu_mix

# ... and on the reference instruction-set simulator.
TEST_SUITES += fwboot-iss
test-fwboot-iss: $(FW_TARGET_ELFS) $(BIN)/sgpu-iss
	@RV_NM=$(RV_PREFIX)nm scripts/run-suite fwboot-iss firmware/tests/run-target --prefix iss. \
	  $(BIN)/sgpu-iss $(FW_DIR) $(FW_HOST)/cpu_mix
