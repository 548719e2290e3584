/* fake_sim.h: a stand-in for sgpu-sim in unit tests: speaks sim_wire.h on a socket from a
 * thread, with a handful of registers and knobs for the failures a real simulator cannot be
 * made to show on demand. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_FAKE_SIM_H
#define SGPU_FAKE_SIM_H

#include <pthread.h>
#include <stdint.h>

struct fake_sim {
    /* knobs, set before fake_sim_start */
    uint32_t wire_version;      /* the version it accepts (0: SGPU_WIRE_VERSION) */
    uint32_t magic;             /* what ID.MAGIC reads (0: the real magic) */
    uint32_t silent_offset;     /* an MMIO_READ of this offset gets no reply (0: none) */
    uint32_t hangup_offset;     /* an MMIO_READ of this offset closes the connection (0: none) */
    int write_dump;             /* write the configuration dump (default on: set -1 for off) */
    unsigned dma_error;         /* DMA.STATUS.ERROR every transfer ends with (0: a real copy) */
    int fw_block;               /* model the FW block (adapter reset); else BAR0 0x5000 is UR */
    uint32_t fw_corrupt_addr;   /* FW.DATA reads of this core address come back bit 0 flipped */
    uint64_t cycles_step;       /* CYCLES advances this much per request (0: always 1000) */
    /* The STATS block: what its words read (BAR0 0x6000..0x63FF), and a firmware that keeps
     * rewriting STATS_CTX 0: its sequence word reads odd the next stats_odd times, and then
     * one more (even) for each of the next stats_churn reads. */
    uint32_t stats[0x400 / 4];
    unsigned stats_odd, stats_churn;
    unsigned stats_seq_reads;   /* reads of STATS_CTX 0's sequence word */
    uint64_t cp_cycles;         /* what CP.CYCLES_LO / HI read (the rest of CP is UR) */
    /* state */
    char dir[64], path[128], dump[160];
    int listen_fd, stop_pipe[2];
    pthread_t thread;
    uint32_t regs[0x3000 / 4];  /* what was written, for the registers that read back */
    uint8_t *vram;              /* SGPU_CFG_VRAM_BYTES */
    unsigned mmio_requests;     /* MMIO reads and writes received */
    uint8_t *mem;               /* the driver's host memory, once HELLO gave it */
    uint64_t mem_size;
    unsigned clients;           /* drivers that completed HELLO */
    unsigned observers;         /* connections that completed OBSERVE */
    /* the FW block (fw_block): CTRL.HOLD, ADDR, RESETS and the control core's RAM */
    int fw_hold;
    uint32_t fw_addr, fw_resets;
    uint32_t *fw_ram;           /* FAKE_SIM_CORE_RAM bytes from 0x80000000 */
    uint64_t cycles_asked;
};

/* Creates a private directory and socket; returns 0 or -1. */
int fake_sim_start(struct fake_sim *f);
void fake_sim_stop(struct fake_sim *f);

#define FAKE_SIM_BUS_BASE 0x100000000ull
#define FAKE_SIM_CORE_RAM 262144u

#endif /* SGPU_FAKE_SIM_H */
