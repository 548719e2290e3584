/* hal_host.c: the hardware-access layer for host builds: an in-memory fake register file. */
/* SPDX-License-Identifier: Apache-2.0 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "hal.h"
#include "hal_fake.h"

#define WORDS(size) ((size) / 4u)
#define CONSOLE_MAX 4096u

enum access { NONE, RO, RW, WO };

struct reg_rule {
    uint32_t addr;
    enum access access;
    uint32_t reset;
};

/* The registers the control core sees, with their access from the core side. */
static const struct reg_rule rules[] = {
    {SGPU_ID_MAGIC_ADDR, RO, SGPU_ID_MAGIC_RESET},
    {SGPU_ID_VERSION_ADDR, RO, SGPU_ID_VERSION_RESET},
    {SGPU_ID_CAPS_ADDR, RO, SGPU_ID_CAPS_RESET},
    {SGPU_ID_SCRATCH_ADDR, RW, SGPU_ID_SCRATCH_RESET},
    {SGPU_ID_FW_STATUS_ADDR, RW, SGPU_ID_FW_STATUS_RESET},
    {SGPU_ID_HEARTBEAT_ADDR, RW, SGPU_ID_HEARTBEAT_RESET},
    {SGPU_SYSCTL_CONSOLE_ADDR, WO, SGPU_SYSCTL_CONSOLE_RESET},
    {SGPU_SYSCTL_EXIT_ADDR, WO, SGPU_SYSCTL_EXIT_RESET},
    {SGPU_SYSCTL_MTIME_LO_ADDR, RW, SGPU_SYSCTL_MTIME_LO_RESET},
    {SGPU_SYSCTL_MTIME_HI_ADDR, RW, SGPU_SYSCTL_MTIME_HI_RESET},
    {SGPU_SYSCTL_MTIMECMP_LO_ADDR, RW, SGPU_SYSCTL_MTIMECMP_LO_RESET},
    {SGPU_SYSCTL_MTIMECMP_HI_ADDR, RW, SGPU_SYSCTL_MTIMECMP_HI_RESET},
    {SGPU_SYSCTL_IRQ_TEST_ADDR, RW, SGPU_SYSCTL_IRQ_TEST_RESET},
    {SGPU_CP_CTX_OFFSET_ADDR, RO, SGPU_CP_CTX_OFFSET_RESET},
    {SGPU_CP_CTX_COUNT_ADDR, RO, SGPU_CP_CTX_COUNT_RESET},
    {SGPU_CP_CTX_STRIDE_ADDR, RO, SGPU_CP_CTX_STRIDE_RESET},
    {SGPU_CP_DB_PENDING_ADDR, RO, SGPU_CP_DB_PENDING_RESET},
    {SGPU_CP_DB_CLEAR_ADDR, WO, SGPU_CP_DB_CLEAR_RESET},
    {SGPU_CP_CTRL_DESC_LO_ADDR, RW, SGPU_CP_CTRL_DESC_LO_RESET},
    {SGPU_CP_CTRL_DESC_HI_ADDR, RW, SGPU_CP_CTRL_DESC_HI_RESET},
    {SGPU_CP_EVENT_DESC_LO_ADDR, RW, SGPU_CP_EVENT_DESC_LO_RESET},
    {SGPU_CP_EVENT_DESC_HI_ADDR, RW, SGPU_CP_EVENT_DESC_HI_RESET},
    {SGPU_CP_CTRL_DOORBELL_ADDR, WO, SGPU_CP_CTRL_DOORBELL_RESET},
    {SGPU_CP_CTRL_PENDING_ADDR, RW, SGPU_CP_CTRL_PENDING_RESET},
    {SGPU_CP_CTRL_HEAD_ADDR, RO, SGPU_CP_CTRL_HEAD_RESET},
    {SGPU_CP_CYCLES_LO_ADDR, RO, SGPU_CP_CYCLES_LO_RESET},
    {SGPU_CP_CYCLES_HI_ADDR, RO, SGPU_CP_CYCLES_HI_RESET},
    {SGPU_HOSTIO_ADDR_LO_ADDR, RW, SGPU_HOSTIO_ADDR_LO_RESET},
    {SGPU_HOSTIO_ADDR_HI_ADDR, RW, SGPU_HOSTIO_ADDR_HI_RESET},
    {SGPU_HOSTIO_LENGTH_ADDR, RW, SGPU_HOSTIO_LENGTH_RESET},
    {SGPU_HOSTIO_CMD_ADDR, WO, SGPU_HOSTIO_CMD_RESET},
    {SGPU_HOSTIO_STATUS_ADDR, RO, SGPU_HOSTIO_STATUS_RESET},
};

/* Registers of one instance of an array block (CTX, ENG): offset, access, reset. */
struct array_rule {
    uint32_t offset;
    enum access access;
    uint32_t reset;
};

static const struct array_rule ctx_rules[] = {
    {SGPU_CTX_RING_BASE_LO_OFFSET, RW, 0}, {SGPU_CTX_RING_BASE_HI_OFFSET, RW, 0},
    {SGPU_CTX_RING_SIZE_OFFSET, RW, 0},    {SGPU_CTX_ENGINE_OFFSET, RW, 0},
    {SGPU_CTX_FENCE_ADDR_LO_OFFSET, RW, 0}, {SGPU_CTX_FENCE_ADDR_HI_OFFSET, RW, 0},
    {SGPU_CTX_SAVE_ADDR_LO_OFFSET, RW, 0}, {SGPU_CTX_SAVE_ADDR_HI_OFFSET, RW, 0},
    {SGPU_CTX_DOORBELL_OFFSET, WO, 0},     {SGPU_CTX_TAIL_OFFSET, RO, 0},
};

static const struct array_rule eng_rules[] = {
    {SGPU_ENG_CMD_OFFSET, WO, 0},
    {SGPU_ENG_CONFIG_OFFSET, RW, SGPU_ENG_CONFIG_RESET},
    {SGPU_ENG_CTX_OFFSET, RW, 0},
    {SGPU_ENG_HEAD_OFFSET, RW, 0},
    {SGPU_ENG_STATUS_OFFSET, RO, 0},
    {SGPU_ENG_IRQ_OFFSET, RW, 0},
    {SGPU_ENG_IRQ_ENABLE_OFFSET, RW, 0},
    {SGPU_ENG_ERR_INFO_OFFSET, RO, 0},
    {SGPU_ENG_FENCE_VALUE_LO_OFFSET, RO, 0},
    {SGPU_ENG_FENCE_VALUE_HI_OFFSET, RO, 0},
    {SGPU_ENG_FENCE_ADDR_LO_OFFSET, RO, 0},
    {SGPU_ENG_FENCE_ADDR_HI_OFFSET, RO, 0},
    {SGPU_ENG_LAST_FENCE_LO_OFFSET, RO, 0},
    {SGPU_ENG_LAST_FENCE_HI_OFFSET, RO, 0},
    {SGPU_ENG_BUSY_CYCLES_OFFSET, RO, 0},
    {SGPU_ENG_COMMANDS_OFFSET, RO, 0},
    {SGPU_ENG_CAPS_OFFSET, RO, 0},
};

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

struct hostmem_map {
    uint64_t base;
    uint8_t *mem;
    size_t bytes;
};

static struct {
    uint32_t id[WORDS(SGPU_ID_SIZE)];
    uint32_t sysctl[WORDS(SGPU_SYSCTL_SIZE)];
    uint32_t cp[WORDS(SGPU_CP_SIZE)];
    uint32_t ctx[WORDS(SGPU_CTX_SIZE)];
    uint32_t hostio[WORDS(SGPU_HOSTIO_SIZE)];
    uint32_t eng[WORDS(SGPU_ENG_SIZE)];
    uint32_t stats[WORDS(SGPU_STATS_SIZE)];
    hal_fake_read_hook read_hook;
    hal_fake_irq_check_hook irq_check_hook;
    struct hostmem_map maps[HAL_FAKE_HOSTMEM_MAPS];
    unsigned nmaps;
    uint32_t hostio_fail_error;
    unsigned hostio_fail_count;
    unsigned hostio_fail_skip;
    int hostio_hang;
    struct hal_fake_hostio_op hostio_log[HAL_FAKE_LOG];
    unsigned hostio_logged;
    unsigned msis;
    struct hal_fake_start starts[SGPU_ENG_COUNT][HAL_FAKE_LOG];
    unsigned nstarts[SGPU_ENG_COUNT];
    unsigned nstops[SGPU_ENG_COUNT];
    unsigned nresets[SGPU_ENG_COUNT];
    int autostop[SGPU_ENG_COUNT];
    int reset_hangs[SGPU_ENG_COUNT];
    char console[CONSOLE_MAX + 1];
    size_t console_len;
    int echo;
    unsigned exits;
    uint32_t exit_code;
    unsigned bus_errors;
    uint32_t bus_error_addr;
    uint32_t mtime_step;
    uint32_t mie;
    int mstatus_mie;
    unsigned halted;
    struct hal_fake_write log[HAL_FAKE_LOG];
    unsigned logged;
    int initialised;
} fake;

static void ensure_init(void)
{
    if (!fake.initialised)
        hal_fake_reset();
}

/* The word behind addr, or NULL (a bus error) outside both windows or unaligned. */
static uint32_t *slot(uint32_t addr)
{
    if (addr & 3u)
        return NULL;
    if (addr - SGPU_ID_CORE_BASE < SGPU_ID_SIZE)
        return &fake.id[(addr - SGPU_ID_CORE_BASE) / 4u];
    if (addr - SGPU_SYSCTL_CORE_BASE < SGPU_SYSCTL_SIZE)
        return &fake.sysctl[(addr - SGPU_SYSCTL_CORE_BASE) / 4u];
    if (addr - SGPU_CP_CORE_BASE < SGPU_CP_SIZE)
        return &fake.cp[(addr - SGPU_CP_CORE_BASE) / 4u];
    if (addr - SGPU_CTX_CORE_BASE < SGPU_CTX_SIZE)
        return &fake.ctx[(addr - SGPU_CTX_CORE_BASE) / 4u];
    if (addr - SGPU_HOSTIO_CORE_BASE < SGPU_HOSTIO_SIZE)
        return &fake.hostio[(addr - SGPU_HOSTIO_CORE_BASE) / 4u];
    if (addr - SGPU_ENG_CORE_BASE < SGPU_ENG_SIZE)
        return &fake.eng[(addr - SGPU_ENG_CORE_BASE) / 4u];
    if (addr - SGPU_STATS_CORE_BASE < SGPU_STATS_SIZE)
        return &fake.stats[(addr - SGPU_STATS_CORE_BASE) / 4u];
    return NULL;
}

/* Access of a register of an array block, or NONE past its instances or registers. */
static enum access array_access(uint32_t addr, uint32_t base, uint32_t count, uint32_t stride,
                                const struct array_rule *r, size_t n)
{
    uint32_t rel = addr - base;
    if (rel / stride >= count)
        return NONE;
    for (size_t i = 0; i < n; i++)
        if (r[i].offset == rel % stride)
            return r[i].access;
    return NONE;
}

static enum access access_of(uint32_t addr)
{
    for (size_t i = 0; i < ARRAY_LEN(rules); i++)
        if (rules[i].addr == addr)
            return rules[i].access;
    if (addr - SGPU_HOSTIO_DATA0_ADDR < 64u)
        return RW;
    if (addr - SGPU_CTX_CORE_BASE < SGPU_CTX_SIZE)
        return array_access(addr, SGPU_CTX_CORE_BASE, SGPU_CTX_COUNT, SGPU_CTX_STRIDE, ctx_rules,
                            ARRAY_LEN(ctx_rules));
    if (addr - SGPU_ENG_CORE_BASE < SGPU_ENG_SIZE)
        return array_access(addr, SGPU_ENG_CORE_BASE, SGPU_ENG_COUNT, SGPU_ENG_STRIDE, eng_rules,
                            ARRAY_LEN(eng_rules));
    if (addr - SGPU_STATS_CORE_BASE < SGPU_STATS_SIZE)
        return WO; /* a RAM the core only writes (tests read it with hal_fake_peek) */
    return NONE; /* a hole in a window: reads 0, writes dropped */
}

static uint32_t *eng_reg(unsigned e, uint32_t offset)
{
    return slot(SGPU_ENG_CORE_BASE + e * SGPU_ENG_STRIDE + offset);
}

static void bus_error(uint32_t addr)
{
    fake.bus_errors++;
    fake.bus_error_addr = addr;
}

static void console_byte(char c)
{
    if (fake.console_len == CONSOLE_MAX) {
        /* keep the newest half */
        memmove(fake.console, fake.console + CONSOLE_MAX / 2, CONSOLE_MAX / 2);
        fake.console_len = CONSOLE_MAX / 2;
    }
    fake.console[fake.console_len++] = c;
    fake.console[fake.console_len] = '\0';
    if (fake.echo)
        putchar(c);
}

static void mtime_advance(void)
{
    uint64_t t = ((uint64_t)fake.sysctl[SGPU_SYSCTL_MTIME_HI_OFFSET / 4u] << 32) |
                 fake.sysctl[SGPU_SYSCTL_MTIME_LO_OFFSET / 4u];
    t += fake.mtime_step;
    fake.sysctl[SGPU_SYSCTL_MTIME_HI_OFFSET / 4u] = (uint32_t)(t >> 32);
    fake.sysctl[SGPU_SYSCTL_MTIME_LO_OFFSET / 4u] = (uint32_t)t;
}

void hal_fake_reset(void)
{
    int echo = fake.echo;
    memset(&fake, 0, sizeof fake);
    fake.echo = echo;
    for (size_t i = 0; i < ARRAY_LEN(rules); i++)
        *slot(rules[i].addr) = rules[i].reset;
    for (unsigned e = 0; e < SGPU_ENG_COUNT; e++)
        for (size_t i = 0; i < ARRAY_LEN(eng_rules); i++)
            *eng_reg(e, eng_rules[i].offset) = eng_rules[i].reset;
    fake.initialised = 1;
}

void hal_fake_poke(uint32_t addr, uint32_t value)
{
    ensure_init();
    uint32_t *p = slot(addr);
    if (p)
        *p = value;
}

uint32_t hal_fake_peek(uint32_t addr)
{
    ensure_init();
    uint32_t *p = slot(addr);
    return p ? *p : 0;
}

const char *hal_fake_console(void)
{
    ensure_init();
    return fake.console;
}

void hal_fake_console_clear(void)
{
    fake.console_len = 0;
    fake.console[0] = '\0';
}

void hal_fake_console_echo(int on)
{
    fake.echo = on;
}

unsigned hal_fake_exit_count(void) { return fake.exits; }
uint32_t hal_fake_exit_code(void) { return fake.exit_code; }
unsigned hal_fake_bus_errors(void) { return fake.bus_errors; }
uint32_t hal_fake_bus_error_addr(void) { return fake.bus_error_addr; }
void hal_fake_mtime_step(uint32_t step) { fake.mtime_step = step; }
int hal_fake_mstatus_mie(void) { return fake.mstatus_mie; }
unsigned hal_fake_halted(void) { return fake.halted; }

unsigned hal_fake_writes(const struct hal_fake_write **log)
{
    *log = fake.log;
    return fake.logged;
}


/* --- The device: doorbells, HOSTIO and engines. */

void hal_fake_set_read_hook(hal_fake_read_hook fn)
{
    fake.read_hook = fn;
}

void hal_fake_set_irq_check_hook(hal_fake_irq_check_hook fn)
{
    fake.irq_check_hook = fn;
}

void hal_fake_doorbell(uint32_t ctx, uint32_t tail)
{
    ensure_init();
    if (ctx >= SGPU_CTX_COUNT)
        return;
    *slot(SGPU_CTX_TAIL_ADDR_I(ctx)) = tail;
    *slot(SGPU_CP_DB_PENDING_ADDR) |= 1u << ctx;
}

void hal_fake_ctrl_doorbell(void)
{
    ensure_init();
    *slot(SGPU_CP_CTRL_PENDING_ADDR) |= SGPU_CP_CTRL_PENDING_PENDING_MASK;
}

void hal_fake_ctrl_doorbell_head(uint32_t head)
{
    hal_fake_ctrl_doorbell();
    *slot(SGPU_CP_CTRL_HEAD_ADDR) = head;
}

void hal_fake_ctrl_desc_written(void)
{
    ensure_init();
    *slot(SGPU_CP_CTRL_PENDING_ADDR) |= SGPU_CP_CTRL_PENDING_DESC_MASK;
}

void hal_fake_event_desc_written(void)
{
    ensure_init();
    *slot(SGPU_CP_CTRL_PENDING_ADDR) |= SGPU_CP_CTRL_PENDING_EVENT_DESC_MASK;
}

void hal_fake_hostmem_map(uint64_t base, void *mem, size_t bytes)
{
    ensure_init();
    if (fake.nmaps < HAL_FAKE_HOSTMEM_MAPS)
        fake.maps[fake.nmaps++] = (struct hostmem_map){base, mem, bytes};
}

void hal_fake_hostio_fail(uint32_t error, unsigned count)
{
    hal_fake_hostio_fail_after(0, error, count);
}

void hal_fake_hostio_fail_after(unsigned skip, uint32_t error, unsigned count)
{
    fake.hostio_fail_skip = skip;
    fake.hostio_fail_error = error;
    fake.hostio_fail_count = count;
}

void hal_fake_hostio_hang(int hang) { fake.hostio_hang = hang; }
unsigned hal_fake_msi_count(void) { return fake.msis; }

unsigned hal_fake_hostio_ops(const struct hal_fake_hostio_op **log)
{
    *log = fake.hostio_log;
    return fake.hostio_logged;
}

/* The host byte at addr, or NULL outside every mapping. */
static uint8_t *host_byte(uint64_t addr)
{
    for (unsigned i = 0; i < fake.nmaps; i++)
        if (addr - fake.maps[i].base < fake.maps[i].bytes)
            return fake.maps[i].mem + (addr - fake.maps[i].base);
    return NULL;
}

static uint32_t hostio_reg(uint32_t addr) { return *slot(addr); }

static void hostio_status(uint32_t busy, uint32_t error)
{
    *slot(SGPU_HOSTIO_STATUS_ADDR) = busy | (error << SGPU_HOSTIO_STATUS_ERROR_SHIFT);
}

/* One HOSTIO action, done at once (or never, when hanging). */
static void hostio_cmd(uint32_t cmd)
{
    uint32_t op = cmd & SGPU_HOSTIO_CMD_OP_MASK;
    if (op == SGPU_HOSTIO_CMD_OP_NONE || (hostio_reg(SGPU_HOSTIO_STATUS_ADDR) & 1u))
        return;
    uint64_t addr = ((uint64_t)hostio_reg(SGPU_HOSTIO_ADDR_HI_ADDR) << 32) |
                    hostio_reg(SGPU_HOSTIO_ADDR_LO_ADDR);
    uint32_t len = hostio_reg(SGPU_HOSTIO_LENGTH_ADDR);
    if (fake.hostio_logged < HAL_FAKE_LOG)
        fake.hostio_log[fake.hostio_logged++] = (struct hal_fake_hostio_op){
            op, addr, len, (cmd & SGPU_HOSTIO_CMD_VECTOR_MASK) >> SGPU_HOSTIO_CMD_VECTOR_SHIFT};
    if (fake.hostio_hang) {
        hostio_status(1u, 0);
        return;
    }
    if (fake.hostio_fail_count && fake.hostio_fail_skip) {
        fake.hostio_fail_skip--;
    } else if (fake.hostio_fail_count) {
        fake.hostio_fail_count--;
        hostio_status(0, fake.hostio_fail_error);
        return;
    }
    if (op == SGPU_HOSTIO_CMD_OP_MSI) {
        fake.msis++;
        hostio_status(0, 0);
        return;
    }
    if ((addr & 7u) || (len & 7u) || len == 0 || len > 64u) {
        hostio_status(0, SGPU_HOSTIO_STATUS_ERROR_BAD_ARGS);
        return;
    }
    for (uint32_t i = 0; i < len; i++)
        if (!host_byte(addr + i)) {
            hostio_status(0, SGPU_HOSTIO_STATUS_ERROR_UNSUPPORTED);
            return;
        }
    uint8_t *data = (uint8_t *)slot(SGPU_HOSTIO_DATA0_ADDR); /* the host is little-endian too */
    if (op == SGPU_HOSTIO_CMD_OP_READ)
        for (uint32_t i = 0; i < len; i++)
            data[i] = *host_byte(addr + i);
    else
        for (uint32_t i = 0; i < len; i++)
            *host_byte(addr + i) = data[i];
    hostio_status(0, 0);
}

static void eng_set_status(unsigned e, uint32_t state, uint32_t reason, uint32_t error)
{
    *eng_reg(e, SGPU_ENG_STATUS_OFFSET) = state | (reason << SGPU_ENG_STATUS_STOP_REASON_SHIFT) |
                                          (error << SGPU_ENG_STATUS_ERROR_SHIFT);
}

static uint32_t eng_state(unsigned e)
{
    return *eng_reg(e, SGPU_ENG_STATUS_OFFSET) & SGPU_ENG_STATUS_STATE_MASK;
}

static void eng_cmd(unsigned e, uint32_t cmd)
{
    if (cmd & SGPU_ENG_CMD_RESET_MASK) {
        fake.nresets[e]++;
        if (fake.reset_hangs[e]) {
            eng_set_status(e, SGPU_ENG_STATUS_STATE_STOPPING, 0, 0);
        } else {
            eng_set_status(e, SGPU_ENG_STATUS_STATE_IDLE, SGPU_ENG_STATUS_STOP_REASON_RESET, 0);
            *eng_reg(e, SGPU_ENG_IRQ_OFFSET) = SGPU_ENG_IRQ_STOPPED_MASK; /* others cleared */
            *eng_reg(e, SGPU_ENG_BUSY_CYCLES_OFFSET) = 0; /* as eng_ring's reset */
            *eng_reg(e, SGPU_ENG_COMMANDS_OFFSET) = 0;
        }
    }
    if (cmd & SGPU_ENG_CMD_STOP_MASK) {
        fake.nstops[e]++;
        if (eng_state(e) == SGPU_ENG_STATUS_STATE_RUNNING) {
            if (fake.autostop[e]) {
                eng_set_status(e, SGPU_ENG_STATUS_STATE_IDLE,
                               SGPU_ENG_STATUS_STOP_REASON_PREEMPTED, 0);
                *eng_reg(e, SGPU_ENG_IRQ_OFFSET) |= SGPU_ENG_IRQ_STOPPED_MASK;
            } else {
                eng_set_status(e, SGPU_ENG_STATUS_STATE_STOPPING, 0, 0);
            }
        }
    }
    if ((cmd & SGPU_ENG_CMD_START_MASK) && eng_state(e) == SGPU_ENG_STATUS_STATE_IDLE) {
        if (fake.nstarts[e] < HAL_FAKE_LOG)
            fake.starts[e][fake.nstarts[e]++] = (struct hal_fake_start){
                *eng_reg(e, SGPU_ENG_CTX_OFFSET), *eng_reg(e, SGPU_ENG_HEAD_OFFSET),
                *eng_reg(e, SGPU_ENG_CONFIG_OFFSET), cmd};
        eng_set_status(e, SGPU_ENG_STATUS_STATE_RUNNING, 0, 0);
    }
}

/* The side effects of a write to the device's registers. Returns 1 when the write is fully
 * handled (nothing to store), 0 when the value is stored as usual. */
static int device_write(uint32_t addr, uint32_t value)
{
    if (addr == SGPU_CP_DB_CLEAR_ADDR) {
        *slot(SGPU_CP_DB_PENDING_ADDR) &= ~value;
        return 1;
    }
    if (addr == SGPU_CP_CTRL_PENDING_ADDR) {
        *slot(addr) &= ~(value & (SGPU_CP_CTRL_PENDING_PENDING_MASK |
                                  SGPU_CP_CTRL_PENDING_DESC_MASK |
                                  SGPU_CP_CTRL_PENDING_EVENT_DESC_MASK));
        return 1;
    }
    if (addr == SGPU_CP_CTRL_DOORBELL_ADDR) {
        hal_fake_ctrl_doorbell_head(value);
        return 1;
    }
    if (addr == SGPU_HOSTIO_CMD_ADDR) {
        hostio_cmd(value);
        return 1;
    }
    if (addr - SGPU_CTX_CORE_BASE < SGPU_CTX_SIZE) {
        uint32_t rel = addr - SGPU_CTX_CORE_BASE;
        if (rel % SGPU_CTX_STRIDE == SGPU_CTX_DOORBELL_OFFSET) {
            hal_fake_doorbell(rel / SGPU_CTX_STRIDE, value);
            return 1;
        }
        return 0;
    }
    if (addr - SGPU_ENG_CORE_BASE < SGPU_ENG_SIZE) {
        uint32_t rel = addr - SGPU_ENG_CORE_BASE;
        unsigned e = rel / SGPU_ENG_STRIDE;
        uint32_t off = rel % SGPU_ENG_STRIDE;
        int running = eng_state(e) != SGPU_ENG_STATUS_STATE_IDLE;
        if (off == SGPU_ENG_CMD_OFFSET) {
            eng_cmd(e, value);
            return 1;
        }
        if (off == SGPU_ENG_IRQ_OFFSET) {
            *slot(addr) &= ~value; /* write 1 to clear */
            return 1;
        }
        if ((off == SGPU_ENG_CTX_OFFSET || off == SGPU_ENG_HEAD_OFFSET) && running)
            return 1; /* ignored while the engine runs */
    }
    return 0;
}

unsigned hal_fake_engine_starts(unsigned eng, const struct hal_fake_start **log)
{
    *log = fake.starts[eng];
    return fake.nstarts[eng];
}

unsigned hal_fake_engine_stops(unsigned eng) { return fake.nstops[eng]; }
unsigned hal_fake_engine_resets(unsigned eng) { return fake.nresets[eng]; }
void hal_fake_engine_autostop(unsigned eng, int on) { fake.autostop[eng] = on; }
void hal_fake_engine_reset_hangs(unsigned eng, int on) { fake.reset_hangs[eng] = on; }
void hal_fake_engine_caps(unsigned eng, uint32_t caps) { *eng_reg(eng, SGPU_ENG_CAPS_OFFSET) = caps; }

void hal_fake_engine_stopped(unsigned eng, uint32_t reason, uint32_t head, uint32_t error,
                             uint32_t info)
{
    ensure_init();
    eng_set_status(eng, SGPU_ENG_STATUS_STATE_IDLE, reason, error);
    *eng_reg(eng, SGPU_ENG_HEAD_OFFSET) = head;
    *eng_reg(eng, SGPU_ENG_ERR_INFO_OFFSET) = info;
    *eng_reg(eng, SGPU_ENG_IRQ_OFFSET) |= SGPU_ENG_IRQ_STOPPED_MASK;
}

void hal_fake_engine_preempted_inside(unsigned eng, uint32_t head)
{
    ensure_init();
    eng_set_status(eng, SGPU_ENG_STATUS_STATE_IDLE, SGPU_ENG_STATUS_STOP_REASON_PREEMPTED, 0);
    *eng_reg(eng, SGPU_ENG_STATUS_OFFSET) |= SGPU_ENG_STATUS_PARTIAL_MASK;
    *eng_reg(eng, SGPU_ENG_HEAD_OFFSET) = head;
    *eng_reg(eng, SGPU_ENG_IRQ_OFFSET) |= SGPU_ENG_IRQ_STOPPED_MASK;
}

void hal_fake_engine_fence(unsigned eng, uint64_t value, uint64_t addr)
{
    ensure_init();
    *eng_reg(eng, SGPU_ENG_FENCE_VALUE_LO_OFFSET) = (uint32_t)value;
    *eng_reg(eng, SGPU_ENG_FENCE_VALUE_HI_OFFSET) = (uint32_t)(value >> 32);
    *eng_reg(eng, SGPU_ENG_FENCE_ADDR_LO_OFFSET) = (uint32_t)addr;
    *eng_reg(eng, SGPU_ENG_FENCE_ADDR_HI_OFFSET) = (uint32_t)(addr >> 32);
    *eng_reg(eng, SGPU_ENG_IRQ_OFFSET) |= SGPU_ENG_IRQ_FENCE_MASK;
}

uint32_t hal_read32(uint32_t addr)
{
    ensure_init();
    uint32_t *p = slot(addr);
    if (!p) {
        bus_error(addr);
        return 0;
    }
    enum access a = access_of(addr);
    if (a == NONE || a == WO)
        return 0;
    uint32_t v = *p;
    if (addr == SGPU_SYSCTL_MTIME_LO_ADDR || addr == SGPU_SYSCTL_MTIME_HI_ADDR)
        mtime_advance();
    if (fake.read_hook)
        fake.read_hook(addr);
    return v;
}

void hal_write32(uint32_t addr, uint32_t value)
{
    ensure_init();
    /* The STATS records' writes are left out of the log: the scheduler's tests read the log
     * for the register writes that drive the device, and the records would crowd it. */
    if (fake.logged < HAL_FAKE_LOG && addr - SGPU_STATS_CORE_BASE >= SGPU_STATS_SIZE)
        fake.log[fake.logged++] = (struct hal_fake_write){addr, value};
    uint32_t *p = slot(addr);
    if (!p) {
        bus_error(addr);
        return;
    }
    enum access a = access_of(addr);
    if (a == NONE || a == RO)
        return;
    if (addr == SGPU_SYSCTL_CONSOLE_ADDR) {
        console_byte((char)(value & SGPU_SYSCTL_CONSOLE_DATA_MASK));
        return;
    }
    if (addr == SGPU_SYSCTL_EXIT_ADDR) {
        fake.exits++;
        fake.exit_code = value;
        return;
    }
    if (device_write(addr, value))
        return;
    *p = value;
}

void hal_write_field(uint32_t addr, uint32_t mask, uint32_t shift, uint32_t value)
{
    uint32_t v = hal_read32(addr);
    hal_write32(addr, (v & ~mask) | ((value << shift) & mask));
}

void hal_putc(char c)
{
    hal_write32(SGPU_SYSCTL_CONSOLE_ADDR, (uint8_t)c);
}

void hal_puts(const char *s)
{
    while (*s)
        hal_putc(*s++);
}

void hal_exit(uint32_t code)
{
    hal_write32(SGPU_SYSCTL_EXIT_ADDR, code);
}

void hal_halt(void)
{
    fake.mstatus_mie = 0;
    fake.halted++;
}

uint64_t hal_mtime(void)
{
    uint32_t hi, lo, hi2;
    do {
        hi = hal_read32(SGPU_SYSCTL_MTIME_HI_ADDR);
        lo = hal_read32(SGPU_SYSCTL_MTIME_LO_ADDR);
        hi2 = hal_read32(SGPU_SYSCTL_MTIME_HI_ADDR);
    } while (hi != hi2);
    return ((uint64_t)hi << 32) | lo;
}

void hal_timer_set(uint64_t when)
{
    hal_write32(SGPU_SYSCTL_MTIMECMP_LO_ADDR, 0xFFFFFFFFu);
    hal_write32(SGPU_SYSCTL_MTIMECMP_HI_ADDR, (uint32_t)(when >> 32));
    hal_write32(SGPU_SYSCTL_MTIMECMP_LO_ADDR, (uint32_t)when);
}

void hal_timer_disable(void)
{
    hal_timer_set(UINT64_MAX);
}

void hal_irq_enable(uint32_t mask)
{
    ensure_init();
    fake.mie |= mask & (HAL_IRQ_TIMER | HAL_IRQ_EXTERNAL);
}

void hal_irq_disable(uint32_t mask)
{
    ensure_init();
    fake.mie &= ~mask;
}

uint32_t hal_irq_enabled(void)
{
    ensure_init();
    return fake.mie;
}

/* As the device wires it: the external line is any doorbell (CP.DB_PENDING, CTRL_PENDING's
 * PENDING) or an engine's enabled IRQ; the timer's is mtime >= mtimecmp (looked at, not read:
 * time stands). The test's hook runs first, as if something came up just before the look. */
uint32_t hal_irq_pending(void)
{
    ensure_init();
    if (fake.irq_check_hook)
        fake.irq_check_hook();
    int up = *slot(SGPU_CP_DB_PENDING_ADDR) != 0 ||
             (*slot(SGPU_CP_CTRL_PENDING_ADDR) & SGPU_CP_CTRL_PENDING_PENDING_MASK) != 0;
    for (unsigned e = 0; e < SGPU_ENG_COUNT; e++)
        up |= (*eng_reg(e, SGPU_ENG_IRQ_OFFSET) & *eng_reg(e, SGPU_ENG_IRQ_ENABLE_OFFSET)) != 0;
    uint64_t cmp = ((uint64_t)*slot(SGPU_SYSCTL_MTIMECMP_HI_ADDR) << 32) |
                   *slot(SGPU_SYSCTL_MTIMECMP_LO_ADDR);
    uint64_t now = ((uint64_t)*slot(SGPU_SYSCTL_MTIME_HI_ADDR) << 32) |
                   *slot(SGPU_SYSCTL_MTIME_LO_ADDR);
    return (up ? HAL_IRQ_EXTERNAL : 0u) | (now >= cmp ? HAL_IRQ_TIMER : 0u);
}

int hal_irq_global(int on)
{
    ensure_init();
    int old = fake.mstatus_mie;
    fake.mstatus_mie = on != 0;
    return old;
}

void hal_wfi(void)
{
}

int hal_counters(uint64_t *cycles, uint64_t *instret)
{
    (void)cycles;
    (void)instret;
    return -ENOSYS;
}
