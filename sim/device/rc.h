/* The root-complex model: the host side of the device's PCI Express link. It sends the
 * driver's BAR0 reads and writes as TLPs, answers the device's DMA reads from the driver's
 * host memory, applies its DMA writes, turns its MSI writes into interrupts, and checks
 * every TLP the device sends. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_SIM_RC_H
#define SGPU_SIM_RC_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "tlp_check.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Defaults (see docs/dev/sgpu-sim.md). */
#define RC_ID               TLP_BDF(0, 0, 0) /* the root port, requester of MMIO */
#define RC_RCB              64u              /* read completion boundary, bytes */
#define RC_CPL_LATENCY      40u              /* cycles from a read's last beat to its data */
#define RC_MMIO_TIMEOUT_CYCLES (1ull << 20)     /* cycles an MMIO read waits for completion */
#define RC_MAX_DROPS        8u               /* rc_config.drop ranges */

struct rc_config {
  struct tlp_rules rules;  /* the device's ID, MPS, MRRS, tag width */
  uint32_t bar0_base, bar0_size;
  uint64_t msi_addr;
  uint16_t msi_data;
  unsigned msi_vectors;    /* enabled vectors (a power of two) */
  unsigned cpl_latency;    /* cycles; RC_CPL_LATENCY */
  uint64_t mmio_timeout;   /* cycles; RC_MMIO_TIMEOUT_CYCLES */
  int seeded;              /* vary splitting, order, latency, TX ready */
  uint64_t seed;
  /* Fault injection: DMA reads touching [base, base + bytes) get no completion. */
  struct { uint64_t base, bytes; } drop[RC_MAX_DROPS];
  unsigned ndrop;
};

/* Outcome of an MMIO read. */
enum rc_mmio_status { RC_MMIO_OK, RC_MMIO_UR, RC_MMIO_CA, RC_MMIO_TIMEOUT };

/* What the root complex tells its owner; any callback may be NULL. */
struct rc_ops {
  void *ctx;
  void (*mmio_done)(void *ctx, uint64_t cookie, enum rc_mmio_status status, uint32_t value);
  void (*irq)(void *ctx, unsigned vector);
  void (*note)(void *ctx, const char *msg); /* a warning worth a log line */
};

struct rc_stats {
  uint64_t tlps_to_dev, tlps_from_dev;
  uint64_t dma_read_bytes, dma_write_bytes;
  uint64_t ur_reads;        /* DMA reads answered Unsupported Request */
  uint64_t dropped_writes;  /* DMA writes outside host memory */
  uint64_t irqs;
  uint64_t mmio_timeouts, late_cpls;
  uint64_t dropped_reads;   /* DMA reads left unanswered (rc_config.drop) */
};

struct rc;

/* Builds a root complex; NULL when out of memory. */
struct rc *rc_new(const struct rc_config *cfg, const struct rc_ops *ops);
void rc_free(struct rc *rc);

/* Host memory reachable by DMA at bus addresses [bus_base, bus_base + size); base NULL
 * detaches it (later DMA reads get UR, writes are dropped). */
void rc_set_host_mem(struct rc *rc, uint8_t *base, uint64_t bus_base, uint64_t size);

/* Queues a 1-DW read or write of BAR0 at a 4-aligned offset inside BAR0 (the caller checks).
 * The read's outcome comes through ops->mmio_done with its cookie. */
void rc_mmio_read(struct rc *rc, uint32_t offset, uint64_t cookie);
void rc_mmio_write(struct rc *rc, uint32_t offset, uint32_t value, unsigned be);

/* One device cycle: io->in holds what the root complex drove this cycle and io->out what
 * the device answered; handles the beats that moved and sets io->in for the next cycle.
 * 0, or -1 when the device broke a rule (rc_error() says which). */
int rc_cycle(struct rc *rc, struct dev_io *io);

/* Sets io->in to the root complex's idle state (before the first cycle). */
void rc_init_io(const struct rc *rc, struct dev_in *in);

const char *rc_error(const struct rc *rc);
uint64_t rc_now(const struct rc *rc);
const struct rc_stats *rc_stats(const struct rc *rc);
/* MMIO reads queued or waiting for their completion. */
unsigned rc_mmio_pending(const struct rc *rc);

#ifdef __cplusplus
}
#endif
#endif
