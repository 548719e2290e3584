/* hal_fake.h: controls of the host build's fake register file (hal_host.c), for unit tests. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_HAL_FAKE_H
#define SGPU_HAL_FAKE_H

#include <stddef.h>
#include <stdint.h>

/* Every register back to its reset value; console, exit, interrupts and counters cleared. */
void hal_fake_reset(void);

/* Set or read a register behind the access rules (a read-only one, say). */
void hal_fake_poke(uint32_t addr, uint32_t value);
uint32_t hal_fake_peek(uint32_t addr);

/* What the firmware printed (NUL-terminated; keeps the last bytes if it overflows). */
const char *hal_fake_console(void);
void hal_fake_console_clear(void);
void hal_fake_console_echo(int on); /* also copy console bytes to stdout */

/* Writes of SYSCTL.EXIT: how many, and the last value. */
unsigned hal_fake_exit_count(void);
uint32_t hal_fake_exit_code(void);

/* Accesses outside the ID and SYSCTL windows: how many, and the last address. */
unsigned hal_fake_bus_errors(void);
uint32_t hal_fake_bus_error_addr(void);

/* The machine timer advances by `step` after every read of MTIME_LO or MTIME_HI. */
void hal_fake_mtime_step(uint32_t step);

/* The register writes the firmware made since the last reset, oldest first (at most
 * HAL_FAKE_LOG entries are kept: the first ones). Returns how many were logged. */
#define HAL_FAKE_LOG 256u
struct hal_fake_write {
    uint32_t addr;
    uint32_t value;
};
unsigned hal_fake_writes(const struct hal_fake_write **log);

/* State of the fake CSRs. */
int hal_fake_mstatus_mie(void);
unsigned hal_fake_halted(void); /* calls of hal_halt() (which returns on the host) */

#endif /* SGPU_HAL_FAKE_H */
