/* sgpu-sim's socket: one driver at a time speaking host/lib/sim_wire.h, its host memory
 * (a shared-memory file passed with HELLO) mapped for the root complex's DMA; observers
 * that only read BAR0. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_SIM_SERVER_H
#define SGPU_SIM_SERVER_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "rc.h"

struct server_cfg {
  uint32_t bar0_size;
  int seeded;        /* pick the host memory's bus address at random */
  uint64_t seed;
  uint64_t start_ns; /* CLOCK_MONOTONIC when sgpu-sim started, for CYCLES */
};

struct server;

/* Binds and listens on path: refuses (-1, reason in err) if the path is not a socket or a
 * live server answers there; a stale socket file is replaced. */
struct server *server_open(const char *path, struct rc *rc, const struct server_cfg *cfg,
                           char *err, size_t errlen);
/* Closes every connection and removes the socket file (if it is still ours). */
void server_close(struct server *s);

/* Accepts connections and handles every complete message; waits up to timeout_ms (-1:
 * forever) for something to happen, with the signal mask sigmask meanwhile (NULL: as it
 * is). Returns 0, or -1 if a signal interrupted the wait. */
int server_poll(struct server *s, int timeout_ms, const sigset_t *sigmask);

int server_has_driver(const struct server *s);

/* Something arrived on a socket since the last server_poll() (SIGIO; a cheap flag). */
int server_io_pending(void);

/* The root complex's answers, sent to the driver that asked (dropped if it left). */
void server_mmio_done(struct server *s, uint64_t cookie, enum rc_mmio_status st, uint32_t value);
void server_irq(struct server *s, unsigned vector);

#endif
