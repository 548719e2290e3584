/* sgpu-iss: the reference instruction-set simulator of the control core (RV32IM, Zicsr, M-mode). */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_ISS_H
#define SGPU_ISS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The bare system's address map (docs/cpu.md). */
#define ISS_RAM_BASE 0x80000000u
#define ISS_RAM_BYTES_DEFAULT (256u * 1024u)
#define ISS_WINDOW_BYTES 0x1000u /* sysctl and identity blocks are 4 KiB each */

/* Trap causes (docs/cpu.md). */
#define CAUSE_FETCH_MISALIGNED 0u
#define CAUSE_ILLEGAL 2u
#define CAUSE_BREAKPOINT 3u
#define CAUSE_LOAD_MISALIGNED 4u
#define CAUSE_STORE_MISALIGNED 6u
#define CAUSE_ECALL_M 11u
#define CAUSE_IRQ_TIMER 0x80000007u
#define CAUSE_IRQ_EXTERNAL 0x8000000Bu

/* mstatus / mie / mip bits the core implements. */
#define MSTATUS_MIE (1u << 3)
#define MSTATUS_MPIE (1u << 7)
#define MSTATUS_MPP (3u << 11)
#define MIP_MTIP (1u << 7)
#define MIP_MEIP (1u << 11)
#define MISA_RV32IM 0x40001100u /* MXL = 1 (32 bits), extensions I and M */

/* What one step did. */
enum iss_event {
    ISS_RUN = 0,      /* an instruction retired, a trap was taken, or wfi waited */
    ISS_EXIT,         /* the program wrote the exit register */
    ISS_TRAP_UNSET,   /* an exception was raised with mtvec = 0 */
    ISS_BUS_ERROR,    /* an access (or a fetch) outside the address map */
};

struct iss {
    /* Architectural state. */
    uint32_t x[32];
    uint32_t pc;
    uint32_t mstatus; /* only MIE and MPIE are kept; MPP reads as 3 */
    uint32_t mie, mtvec, mepc, mcause, mtval, mscratch;
    uint64_t mcycle, minstret;

    /* The bare system. */
    uint8_t *ram;
    uint32_t ram_bytes;
    uint64_t mtime, mtimecmp;
    uint32_t irq_test;
    uint32_t id_scratch, id_fw_status;
    FILE *console; /* where console bytes go; NULL drops them */

    /* What the last step did, for the caller. */
    uint32_t exit_value;                 /* ISS_EXIT: the value written */
    uint32_t fault_cause, fault_pc, fault_tval; /* ISS_TRAP_UNSET */
    uint32_t bus_addr, bus_pc;           /* ISS_BUS_ERROR */
    int bus_we;                          /* ISS_BUS_ERROR: 1 store, 0 load, 2 fetch */
    int trapped;                         /* the step took a trap (cause in mcause) */
    int retired;                         /* the step retired an instruction */
    int waiting;                         /* the step was a wfi waiting */
    int in_wfi;                          /* a wfi is waiting: it retires before any trap */
    uint32_t last_insn;                  /* the word the step fetched (0 on a trap entry) */

    /* Per-step bookkeeping (csr.c, mem.c). */
    int wrote_mcycle, wrote_minstret;
    int bus_error, exit_written;
};

/* iss.c: set-up and one step (fetch, interrupts, execute, counters). */
int iss_init(struct iss *s, uint32_t ram_bytes); /* 0, or -1 out of memory */
void iss_free(struct iss *s);
void iss_reset(struct iss *s, uint32_t entry);
enum iss_event iss_step(struct iss *s);
/* Exit status of the runners for a value written to the exit register. */
int iss_exit_status(uint32_t value);

/* exec.c: decode and execute one 32-bit instruction at s->pc. */
void iss_execute(struct iss *s, uint32_t insn);

/* csr.c: CSR instructions, traps and interrupts. */
uint32_t iss_mip(const struct iss *s);
/* Read (and write, if do_write) a CSR; returns 0, or -1 if the access is illegal. */
int iss_csr_access(struct iss *s, uint32_t csr, int do_write, uint32_t wval, uint32_t *rval);
void iss_trap(struct iss *s, uint32_t cause, uint32_t tval);
void iss_mret(struct iss *s);
/* Take a pending enabled interrupt if there is one; returns 1 if taken. */
int iss_take_interrupt(struct iss *s);
/* Advance time by one cycle (mcycle, mtime). */
void iss_tick(struct iss *s);

/* mem.c: the bus. Accesses are naturally aligned; size is 1, 2 or 4. */
uint32_t iss_load(struct iss *s, uint32_t addr, unsigned size);
void iss_store(struct iss *s, uint32_t addr, unsigned size, uint32_t value);
/* Fetch the word at addr (4-aligned); returns 0, or -1 if outside RAM. */
int iss_fetch(struct iss *s, uint32_t addr, uint32_t *insn);

/* elf.c: load an ELF32 RISC-V executable into RAM. Returns 0, or a negative error code;
 * *err gets a one-line reason. */
int iss_load_elf(struct iss *s, const uint8_t *data, size_t size, uint32_t *entry,
                 const char **err);
int iss_load_elf_file(struct iss *s, const char *path, uint32_t *entry, const char **err);

/* disasm.c: a short disassembly of one instruction into buf (for traces). */
void iss_disasm(uint32_t insn, uint32_t pc, char *buf, size_t len);

#endif
