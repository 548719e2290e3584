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


/* --- The device behind the control core (CP, CTX, HOSTIO, ENG blocks), for scheduler tests. */

/* Called after every register read the firmware makes (NULL: none): lets a test act between
 * two reads, e.g. ring a doorbell after DB_PENDING was read and before CTX.TAIL is. */
typedef void (*hal_fake_read_hook)(uint32_t addr);
void hal_fake_set_read_hook(hal_fake_read_hook fn);
/* Called when the firmware asks hal_irq_pending (NULL: none), before the answer: lets a test
 * ring a doorbell at that moment. The answer: EXTERNAL while DB_PENDING, CTRL_PENDING.PENDING
 * or an engine's IRQ & IRQ_ENABLE is up; TIMER while mtime >= mtimecmp. */
typedef void (*hal_fake_irq_check_hook)(void);
void hal_fake_set_irq_check_hook(hal_fake_irq_check_hook fn);

/* The host's side of the doorbells: DOORBELL of context ctx (TAIL and DB_PENDING bit), and
 * the control doorbell (CTRL_PENDING; with a head, CTRL_HEAD too). A host writing CTRL_DESC
 * sets CTRL_PENDING.DESC (hal_fake_ctrl_desc_written), one writing EVENT_DESC sets
 * CTRL_PENDING.EVENT_DESC (hal_fake_event_desc_written). */
void hal_fake_doorbell(uint32_t ctx, uint32_t tail);
void hal_fake_ctrl_doorbell(void);
void hal_fake_ctrl_doorbell_head(uint32_t head);
void hal_fake_ctrl_desc_written(void);
void hal_fake_event_desc_written(void);

/* Host memory behind HOSTIO: a test-owned byte array seen at host bus address `base`
 * (bytes outside it answer UNSUPPORTED). Up to HAL_FAKE_HOSTMEM_MAPS mappings. */
#define HAL_FAKE_HOSTMEM_MAPS 4u
void hal_fake_hostmem_map(uint64_t base, void *mem, size_t bytes);

/* HOSTIO actions: the next `count` actions end with `error` (a HOSTIO STATUS.ERROR code);
 * with `hang`, every action stays BUSY for ever (the firmware must time out). */
void hal_fake_hostio_fail(uint32_t error, unsigned count);
/* The same, after `skip` more actions have succeeded. */
void hal_fake_hostio_fail_after(unsigned skip, uint32_t error, unsigned count);
void hal_fake_hostio_hang(int hang);

/* HOSTIO writes and MSIs, oldest first (the first HAL_FAKE_LOG ones are kept). */
struct hal_fake_hostio_op {
    uint32_t op;   /* SGPU_HOSTIO_CMD_OP_* */
    uint64_t addr; /* READ/WRITE: host address */
    uint32_t len;  /* READ/WRITE: bytes */
    uint32_t vector; /* MSI */
};
unsigned hal_fake_hostio_ops(const struct hal_fake_hostio_op **log);
unsigned hal_fake_msi_count(void);

/* Engines: CMD.START makes an IDLE engine RUNNING and is logged; CMD.STOP makes a RUNNING
 * engine STOPPING (or, with autostop, IDLE + PREEMPTED at once); CMD.RESET makes it IDLE +
 * RESET at once (unless reset_hangs). A test then plays the engine with the calls below. */
struct hal_fake_start {
    uint32_t ctx;
    uint32_t head;
    uint32_t config;
    uint32_t cmd;    /* the CMD write that started it (START, RESUME) */
};
unsigned hal_fake_engine_starts(unsigned eng, const struct hal_fake_start **log);
unsigned hal_fake_engine_stops(unsigned eng);  /* CMD.STOP writes */
unsigned hal_fake_engine_resets(unsigned eng); /* CMD.RESET writes */
void hal_fake_engine_autostop(unsigned eng, int on);
void hal_fake_engine_reset_hangs(unsigned eng, int on);
/* The engine became IDLE: STOP_REASON reason, ERROR error, HEAD head, ERR_INFO info, IRQ.STOPPED. */
void hal_fake_engine_stopped(unsigned eng, uint32_t reason, uint32_t head, uint32_t error,
                             uint32_t info);
/* The engine stopped inside the command at head and saved it: PREEMPTED with PARTIAL. */
void hal_fake_engine_preempted_inside(unsigned eng, uint32_t head);
/* ENG.CAPS of an engine (0 after reset: PREEMPTION COMMAND). */
void hal_fake_engine_caps(unsigned eng, uint32_t caps);
/* A FENCE with IRQ: FENCE_VALUE, FENCE_ADDR and IRQ.FENCE. */
void hal_fake_engine_fence(unsigned eng, uint64_t value, uint64_t addr);

#endif /* SGPU_HAL_FAKE_H */
