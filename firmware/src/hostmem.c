/* hostmem.c: host memory reads and writes of up to 64 bytes, and MSIs, through HOSTIO. */
/* SPDX-License-Identifier: Apache-2.0 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "hal.h"
#include "hostmem.h"

uint32_t hostmem_errors;

/* Polls before the first look at the timer: they cover a write (~15 cycles) and a short
 * read (~60: one link round trip) at a few cycles a poll. */
#define FAST_POLLS 32u

static int __attribute__((noinline)) failed(void)
{
    hostmem_errors++;
    return -EIO;
}

/* After FAST_POLLS: bounded by HOSTMEM_TIMEOUT_CYCLES of the timer. */
static int __attribute__((noinline)) wait_slow(void)
{
    uint64_t deadline = hal_mtime() + HOSTMEM_TIMEOUT_CYCLES;
    for (;;) {
        uint32_t status = hal_read32(SGPU_HOSTIO_STATUS_ADDR);
        if (!(status & SGPU_HOSTIO_STATUS_BUSY_MASK))
            return (status & SGPU_HOSTIO_STATUS_ERROR_MASK) ? failed() : 0;
        if (hal_mtime() >= deadline) {
            hostmem_errors++;
            return -ETIMEDOUT;
        }
    }
}

/* Wait until STATUS.BUSY drops: 0, -ETIMEDOUT or -EIO. The polls that usually suffice
 * are inline and save no registers (a call with the timer's bookkeeping cost ~25 cycles
 * of every action, on the control path). */
static inline __attribute__((always_inline)) int wait_done(void)
{
    for (uint32_t polls = 0; polls < FAST_POLLS; polls++) {
        uint32_t status = hal_read32(SGPU_HOSTIO_STATUS_ADDR);
        if (!(status & SGPU_HOSTIO_STATUS_BUSY_MASK))
            return (status & SGPU_HOSTIO_STATUS_ERROR_MASK) ? failed() : 0;
    }
    return wait_slow();
}

static int args_ok(uint64_t addr, uint32_t len)
{
    return (addr & 7u) == 0 && (len & 7u) == 0 && len != 0 && len <= HOSTMEM_MAX_BYTES;
}

static inline __attribute__((always_inline)) void issue(uint32_t cmd, uint64_t addr,
                                                         uint32_t len)
{
    hal_write32(SGPU_HOSTIO_ADDR_LO_ADDR, (uint32_t)addr);
    hal_write32(SGPU_HOSTIO_ADDR_HI_ADDR, (uint32_t)(addr >> 32));
    hal_write32(SGPU_HOSTIO_LENGTH_ADDR, len);
    hal_write32(SGPU_HOSTIO_CMD_ADDR, cmd);
}

/* A HOSTIO still busy from an action that timed out is given one more chance to finish
 * first: the new CMD would be ignored otherwise. */
static int __attribute__((noinline)) run_after_busy(uint32_t cmd, uint64_t addr, uint32_t len)
{
    if (wait_done() == -ETIMEDOUT)
        return -ETIMEDOUT;
    issue(cmd, addr, len);
    return wait_done();
}

/* Run one action (a CMD value) on addr/len. Every call on the usual path is a tail call, so
 * the write actions save no registers. */
static inline __attribute__((always_inline)) int run(uint32_t cmd, uint64_t addr, uint32_t len)
{
    if (hal_read32(SGPU_HOSTIO_STATUS_ADDR) & SGPU_HOSTIO_STATUS_BUSY_MASK)
        return run_after_busy(cmd, addr, len);
    issue(cmd, addr, len);
    return wait_done();
}

/* DATA words to and from the caller's buffer. Word by word when the buffer is 4-byte
 * aligned (every caller's is): a byte-wise library copy costs about 7 cycles a byte, which
 * the control path (a 64-byte frame, a 40-byte descriptor) cannot afford. */
static void data_in(void *buf, uint32_t len)
{
    if (((uintptr_t)buf & 3u) == 0) {
        uint32_t *w = buf;
        uint32_t i = 0;
        /* eight loads, then eight stores: the loads do not wait on each other's use */
        for (; i + 8u <= len / 4u; i += 8u) {
            uint32_t a = hal_read32(SGPU_HOSTIO_DATA0_ADDR + 4u * i);
            uint32_t b = hal_read32(SGPU_HOSTIO_DATA0_ADDR + 4u * i + 4u);
            uint32_t c = hal_read32(SGPU_HOSTIO_DATA0_ADDR + 4u * i + 8u);
            uint32_t d = hal_read32(SGPU_HOSTIO_DATA0_ADDR + 4u * i + 12u);
            uint32_t e = hal_read32(SGPU_HOSTIO_DATA0_ADDR + 4u * i + 16u);
            uint32_t f = hal_read32(SGPU_HOSTIO_DATA0_ADDR + 4u * i + 20u);
            uint32_t g = hal_read32(SGPU_HOSTIO_DATA0_ADDR + 4u * i + 24u);
            uint32_t h = hal_read32(SGPU_HOSTIO_DATA0_ADDR + 4u * i + 28u);
            w[i] = a, w[i + 1] = b, w[i + 2] = c, w[i + 3] = d;
            w[i + 4] = e, w[i + 5] = f, w[i + 6] = g, w[i + 7] = h;
        }
        for (; i < len / 4u; i += 2) { /* len: a multiple of 8 */
            w[i] = hal_read32(SGPU_HOSTIO_DATA0_ADDR + 4u * i);
            w[i + 1] = hal_read32(SGPU_HOSTIO_DATA0_ADDR + 4u * i + 4u);
        }
        return;
    }
    uint32_t words[HOSTMEM_MAX_BYTES / 4u];
    for (uint32_t i = 0; i < len / 4u; i++)
        words[i] = hal_read32(SGPU_HOSTIO_DATA0_ADDR + 4u * i);
    memcpy(buf, words, len); /* DATA is little-endian, as the core */
}

static void data_out(const void *buf, uint32_t len)
{
    if (((uintptr_t)buf & 3u) == 0) {
        const uint32_t *w = buf;
        for (uint32_t i = 0; i < len / 4u; i += 2) { /* len: a multiple of 8 */
            hal_write32(SGPU_HOSTIO_DATA0_ADDR + 4u * i, w[i]);
            hal_write32(SGPU_HOSTIO_DATA0_ADDR + 4u * i + 4u, w[i + 1]);
        }
        return;
    }
    uint32_t words[HOSTMEM_MAX_BYTES / 4u];
    memcpy(words, buf, len);
    for (uint32_t i = 0; i < len / 4u; i++)
        hal_write32(SGPU_HOSTIO_DATA0_ADDR + 4u * i, words[i]);
}

int hostmem_read(uint64_t addr, void *buf, uint32_t len)
{
    if (!args_ok(addr, len))
        return -EINVAL;
    int err = run(SGPU_HOSTIO_CMD_OP_READ << SGPU_HOSTIO_CMD_OP_SHIFT, addr, len);
    if (err)
        return err;
    data_in(buf, len);
    return 0;
}

int hostmem_write(uint64_t addr, const void *buf, uint32_t len)
{
    if (!args_ok(addr, len))
        return -EINVAL;
    data_out(buf, len);
    return run(SGPU_HOSTIO_CMD_OP_WRITE << SGPU_HOSTIO_CMD_OP_SHIFT, addr, len);
}

int hostmem_write64(uint64_t addr, uint64_t value)
{
    if (!args_ok(addr, 8u))
        return -EINVAL;
    hal_write32(SGPU_HOSTIO_DATA0_ADDR, (uint32_t)value);
    hal_write32(SGPU_HOSTIO_DATA0_ADDR + 4u, (uint32_t)(value >> 32));
    return run(SGPU_HOSTIO_CMD_OP_WRITE << SGPU_HOSTIO_CMD_OP_SHIFT, addr, 8u);
}

int hostmem_read64(uint64_t addr, uint64_t *value)
{
    return hostmem_read(addr, value, sizeof *value);
}

int hostmem_msi(uint32_t vector)
{
    if (vector > (SGPU_HOSTIO_CMD_VECTOR_MASK >> SGPU_HOSTIO_CMD_VECTOR_SHIFT))
        return -EINVAL;
    return run((SGPU_HOSTIO_CMD_OP_MSI << SGPU_HOSTIO_CMD_OP_SHIFT) |
                   (vector << SGPU_HOSTIO_CMD_VECTOR_SHIFT),
               0, 8u);
}
