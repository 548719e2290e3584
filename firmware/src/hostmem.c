/* hostmem.c: host memory reads and writes of up to 64 bytes, and MSIs, through HOSTIO. */
/* SPDX-License-Identifier: Apache-2.0 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "hal.h"
#include "hostmem.h"

uint32_t hostmem_errors;

/* Polls before the first look at the timer: most actions finish within them, and reading
 * mtime costs three loads. */
#define FAST_POLLS 16u

/* Wait until STATUS.BUSY drops, bounded by HOSTMEM_TIMEOUT_CYCLES. 0, -ETIMEDOUT or -EIO. */
static int wait_done(void)
{
    uint32_t status = 0;
    uint64_t deadline = 0;
    for (uint32_t polls = 0;; polls++) {
        status = hal_read32(SGPU_HOSTIO_STATUS_ADDR);
        if (!(status & SGPU_HOSTIO_STATUS_BUSY_MASK))
            break;
        if (polls == FAST_POLLS) {
            deadline = hal_mtime() + HOSTMEM_TIMEOUT_CYCLES;
        } else if (polls > FAST_POLLS && hal_mtime() >= deadline) {
            hostmem_errors++;
            return -ETIMEDOUT;
        }
    }
    if (status & SGPU_HOSTIO_STATUS_ERROR_MASK) {
        hostmem_errors++;
        return -EIO;
    }
    return 0;
}

static int args_ok(uint64_t addr, uint32_t len)
{
    return (addr & 7u) == 0 && (len & 7u) == 0 && len != 0 && len <= HOSTMEM_MAX_BYTES;
}

/* Run one action (a CMD value) on addr/len. A HOSTIO still busy from an action that timed
 * out is given one more chance to finish first: the new CMD would be ignored otherwise. */
static int run(uint32_t cmd, uint64_t addr, uint32_t len)
{
    if (hal_read32(SGPU_HOSTIO_STATUS_ADDR) & SGPU_HOSTIO_STATUS_BUSY_MASK) {
        int err = wait_done();
        if (err == -ETIMEDOUT)
            return err;
    }
    hal_write32(SGPU_HOSTIO_ADDR_LO_ADDR, (uint32_t)addr);
    hal_write32(SGPU_HOSTIO_ADDR_HI_ADDR, (uint32_t)(addr >> 32));
    hal_write32(SGPU_HOSTIO_LENGTH_ADDR, len);
    hal_write32(SGPU_HOSTIO_CMD_ADDR, cmd);
    return wait_done();
}

/* DATA words to and from the caller's buffer. Word by word when the buffer is 4-byte
 * aligned (every caller's is): a byte-wise library copy costs about 7 cycles a byte, which
 * the control path (a 64-byte frame, a 40-byte descriptor) cannot afford. */
static void data_in(void *buf, uint32_t len)
{
    if (((uintptr_t)buf & 3u) == 0) {
        uint32_t *w = buf;
        for (uint32_t i = 0; i < len / 4u; i += 2) { /* len: a multiple of 8 */
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
