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
    {SGPU_SYSCTL_CONSOLE_ADDR, WO, SGPU_SYSCTL_CONSOLE_RESET},
    {SGPU_SYSCTL_EXIT_ADDR, WO, SGPU_SYSCTL_EXIT_RESET},
    {SGPU_SYSCTL_MTIME_LO_ADDR, RW, SGPU_SYSCTL_MTIME_LO_RESET},
    {SGPU_SYSCTL_MTIME_HI_ADDR, RW, SGPU_SYSCTL_MTIME_HI_RESET},
    {SGPU_SYSCTL_MTIMECMP_LO_ADDR, RW, SGPU_SYSCTL_MTIMECMP_LO_RESET},
    {SGPU_SYSCTL_MTIMECMP_HI_ADDR, RW, SGPU_SYSCTL_MTIMECMP_HI_RESET},
    {SGPU_SYSCTL_IRQ_TEST_ADDR, RW, SGPU_SYSCTL_IRQ_TEST_RESET},
};

static struct {
    uint32_t id[WORDS(SGPU_ID_SIZE)];
    uint32_t sysctl[WORDS(SGPU_SYSCTL_SIZE)];
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
    return NULL;
}

static enum access access_of(uint32_t addr)
{
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
        if (rules[i].addr == addr)
            return rules[i].access;
    return NONE; /* a hole in a window: reads 0, writes dropped */
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
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
        *slot(rules[i].addr) = rules[i].reset;
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
    return v;
}

void hal_write32(uint32_t addr, uint32_t value)
{
    ensure_init();
    if (fake.logged < HAL_FAKE_LOG)
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
