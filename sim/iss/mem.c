/* sgpu-iss: the bare system's bus: RAM, the sysctl block and the identity block. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "iss.h"

#include "sgpu_regs.h"

/* A bus error: the access is dropped, a read returns 0 (docs/cpu.md). The step reports it. */
static void bus_error(struct iss *s, uint32_t addr, int we)
{
    if (!s->bus_error) {
        s->bus_error = 1;
        s->bus_addr = addr;
        s->bus_we = we;
        s->bus_pc = s->pc;
    }
}

static int in_ram(const struct iss *s, uint32_t addr, unsigned size)
{
    uint32_t off = addr - ISS_RAM_BASE;
    return addr >= ISS_RAM_BASE && off < s->ram_bytes && size <= s->ram_bytes - off;
}

/* The 32-bit register at a word offset of the sysctl block. */
static uint32_t sysctl_read(const struct iss *s, uint32_t off)
{
    switch (off) {
    case SGPU_SYSCTL_MTIME_LO_OFFSET: return (uint32_t)s->mtime;
    case SGPU_SYSCTL_MTIME_HI_OFFSET: return (uint32_t)(s->mtime >> 32);
    case SGPU_SYSCTL_MTIMECMP_LO_OFFSET: return (uint32_t)s->mtimecmp;
    case SGPU_SYSCTL_MTIMECMP_HI_OFFSET: return (uint32_t)(s->mtimecmp >> 32);
    case SGPU_SYSCTL_IRQ_TEST_OFFSET: return s->irq_test;
    default: return 0; /* CONSOLE and EXIT are write-only; holes read 0 */
    }
}

static void sysctl_write(struct iss *s, uint32_t off, uint32_t v)
{
    switch (off) {
    case SGPU_SYSCTL_CONSOLE_OFFSET:
        if (s->console)
            fputc((int)(v & SGPU_SYSCTL_CONSOLE_DATA_MASK), s->console);
        break;
    case SGPU_SYSCTL_EXIT_OFFSET:
        s->exit_written = 1;
        s->exit_value = v;
        break;
    case SGPU_SYSCTL_MTIME_LO_OFFSET:
        s->mtime = (s->mtime & 0xFFFFFFFF00000000ull) | v;
        break;
    case SGPU_SYSCTL_MTIME_HI_OFFSET:
        s->mtime = (s->mtime & 0xFFFFFFFFull) | ((uint64_t)v << 32);
        break;
    case SGPU_SYSCTL_MTIMECMP_LO_OFFSET:
        s->mtimecmp = (s->mtimecmp & 0xFFFFFFFF00000000ull) | v;
        break;
    case SGPU_SYSCTL_MTIMECMP_HI_OFFSET:
        s->mtimecmp = (s->mtimecmp & 0xFFFFFFFFull) | ((uint64_t)v << 32);
        break;
    case SGPU_SYSCTL_IRQ_TEST_OFFSET:
        s->irq_test = v & SGPU_SYSCTL_IRQ_TEST_EXTERNAL_MASK;
        break;
    default: break;
    }
}

static uint32_t id_read(const struct iss *s, uint32_t off)
{
    switch (off) {
    case SGPU_ID_MAGIC_OFFSET: return SGPU_ID_MAGIC_RESET;
    case SGPU_ID_VERSION_OFFSET: return SGPU_ID_VERSION_RESET;
    case SGPU_ID_CAPS_OFFSET: return SGPU_ID_CAPS_RESET & ~SGPU_ID_CAPS_CP_MASK; /* bare system */
    case SGPU_ID_SCRATCH_OFFSET: return s->id_scratch;
    case SGPU_ID_FW_STATUS_OFFSET: return s->id_fw_status;
    default: return 0;
    }
}

static void id_write(struct iss *s, uint32_t off, uint32_t v)
{
    if (off == SGPU_ID_SCRATCH_OFFSET)
        s->id_scratch = v;
    else if (off == SGPU_ID_FW_STATUS_OFFSET)
        s->id_fw_status = v;
}

/* Byte lanes of a naturally aligned access of size bytes at addr, within its word. */
static uint32_t lane_mask(uint32_t addr, unsigned size)
{
    uint32_t m = size == 4 ? 0xFFFFFFFFu : (1u << (8 * size)) - 1;
    return m << (8 * (addr & 3));
}

uint32_t iss_load(struct iss *s, uint32_t addr, unsigned size)
{
    if (in_ram(s, addr, size)) {
        const uint8_t *p = s->ram + (addr - ISS_RAM_BASE);
        uint32_t v = 0;
        for (unsigned i = 0; i < size; i++)
            v |= (uint32_t)p[i] << (8 * i);
        return v;
    }
    uint32_t word;
    uint32_t base = addr & ~(ISS_WINDOW_BYTES - 1);
    uint32_t off = addr & (ISS_WINDOW_BYTES - 1) & ~3u;
    if (base == SGPU_SYSCTL_CORE_BASE)
        word = sysctl_read(s, off);
    else if (base == SGPU_ID_CORE_BASE)
        word = id_read(s, off);
    else {
        bus_error(s, addr, 0);
        return 0;
    }
    word = (word & lane_mask(addr, size)) >> (8 * (addr & 3));
    return word;
}

void iss_store(struct iss *s, uint32_t addr, unsigned size, uint32_t value)
{
    if (in_ram(s, addr, size)) {
        uint8_t *p = s->ram + (addr - ISS_RAM_BASE);
        for (unsigned i = 0; i < size; i++)
            p[i] = (uint8_t)(value >> (8 * i));
        return;
    }
    /* Registers take the bytes written merged into their current value, as a byte-enable
     * write would; the write-only ones merge into 0. */
    uint32_t base = addr & ~(ISS_WINDOW_BYTES - 1);
    uint32_t off = addr & (ISS_WINDOW_BYTES - 1) & ~3u;
    uint32_t mask = lane_mask(addr, size);
    uint32_t lanes = (value << (8 * (addr & 3))) & mask;
    if (base == SGPU_SYSCTL_CORE_BASE)
        sysctl_write(s, off, (sysctl_read(s, off) & ~mask) | lanes);
    else if (base == SGPU_ID_CORE_BASE)
        id_write(s, off, (id_read(s, off) & ~mask) | lanes);
    else
        bus_error(s, addr, 1);
}

int iss_fetch(struct iss *s, uint32_t addr, uint32_t *insn)
{
    if (!in_ram(s, addr, 4)) {
        bus_error(s, addr, 2);
        *insn = 0;
        return -1;
    }
    const uint8_t *p = s->ram + (addr - ISS_RAM_BASE);
    *insn = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    return 0;
}
