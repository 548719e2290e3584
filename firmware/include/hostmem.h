/* hostmem.h: the firmware's access to host memory and MSIs through the HOSTIO block. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_HOSTMEM_H
#define SGPU_HOSTMEM_H

#include <stdint.h>

/* Largest transfer: DATA0..DATA15. */
#define HOSTMEM_MAX_BYTES 64u

/*
 * How long one action may stay BUSY, in machine-timer (device) cycles: longer than a PCIe
 * completion timeout (50 us .. 50 ms, the host picks) so that the link reports its own
 * timeout first; past it the firmware gives up on the action rather than hang.
 */
#define HOSTMEM_TIMEOUT_CYCLES (SGPU_CFG_CLK_HZ / 16u) /* 62.5 ms */

/*
 * Read or write `len` bytes (8 .. 64, a multiple of 8) at host address `addr` (a multiple
 * of 8). Returns 0, -EINVAL for bad arguments (nothing moved), -ETIMEDOUT when the action
 * did not finish in time, or -EIO when the link reported an error (STATUS.ERROR).
 * A write has finished once it is on the link, so an MSI sent after it arrives after it.
 */
int hostmem_read(uint64_t addr, void *buf, uint32_t len);
int hostmem_write(uint64_t addr, const void *buf, uint32_t len);

/* One 64-bit value, the most common transfer. */
int hostmem_write64(uint64_t addr, uint64_t value);
int hostmem_read64(uint64_t addr, uint64_t *value);

/* Send MSI `vector` (0..31). 0, -EINVAL, -ETIMEDOUT or -EIO. */
int hostmem_msi(uint32_t vector);

/* Actions that failed since boot (timeouts and link errors). */
extern uint32_t hostmem_errors;

#endif /* SGPU_HOSTMEM_H */
