/* e2e.c: end-to-end checks of libsgpu against a running sgpu-sim (started by run-e2e.py on a
 * private socket): BAR0 registers, DMA through the DMA block, MSI, and every bad input the
 * library and the simulator must survive. Prints `PASS e2e/NAME` or `FAIL e2e/NAME: why`. */
/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sgpu.h"
#include "sgpu_regs.h"
#include "sgpu_regs_table.h"

#define ID(reg) (SGPU_ID_BAR0_BASE + SGPU_ID_##reg##_OFFSET)
#define LINK(reg) (SGPU_LINK_BAR0_BASE + SGPU_LINK_##reg##_OFFSET)
#define DMA(reg) (SGPU_DMA_BAR0_BASE + SGPU_DMA_##reg##_OFFSET)
#define MIB (1u << 20)
#define DMA_TIMEOUT_MS 20000u
#define BUSY_RETRY_MS 5000u

static const char *uri;
static uint64_t seed;
static char why[512];

static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    return -1;
}

/* A library call that must succeed. */
#define TRY(call)                                                                          \
    do {                                                                                   \
        int rc_ = (call);                                                                  \
        if (rc_ != SGPU_OK)                                                                \
            return fail("%s: %s (%s)", #call, sgpu_errname(rc_), sgpu_last_error());       \
    } while (0)

/* A library call that must fail with `code`. */
#define EXPECT(call, code)                                                                 \
    do {                                                                                   \
        int rc_ = (call);                                                                  \
        if (rc_ != (code))                                                                 \
            return fail("%s gave %s, not %s", #call, sgpu_errname(rc_), sgpu_errname(code)); \
    } while (0)

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* Opens the simulator, waiting out SGPU_ERR_BUSY while an earlier driver is being reaped. */
static int open_dev(sgpu_dev **dev)
{
    uint64_t deadline = now_ms() + BUSY_RETRY_MS;
    for (;;) {
        int rc = sgpu_open(uri, dev);
        if (rc != SGPU_ERR_BUSY || now_ms() > deadline)
            return rc;
        usleep(20000);
    }
}

static uint64_t rng_state;
static uint64_t rng_next(void)
{
    /* xorshift64*: enough for test data */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Dull;
}

static void fill_random(void *p, size_t n)
{
    uint8_t *b = p;
    for (size_t i = 0; i < n; i += 8) {
        uint64_t r = rng_next();
        memcpy(b + i, &r, n - i < 8 ? n - i : 8);
    }
}

static size_t first_difference(const uint8_t *a, const uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return i;
    return n;
}

/* --- The checks. Each opens its own device and closes it. */

static int check_magic(sgpu_dev *dev)
{
    uint32_t v;
    TRY(sgpu_read32(dev, ID(MAGIC), &v));
    if (v != SGPU_ID_MAGIC_RESET)
        return fail("ID.MAGIC reads 0x%08x, not 0x%08x", v, SGPU_ID_MAGIC_RESET);
    return 0;
}

/* Every register after reset (this runs first, on a fresh simulator): its reset value,
 * except volatile ones, which are only read; write-only ones read 0. */
static int check_reset_values(sgpu_dev *dev)
{
    for (size_t i = 0; i < SGPU_BAR0_REG_COUNT; i++) {
        const struct sgpu_reg_desc *r = &sgpu_bar0_regs[i];
        uint32_t v;
        TRY(sgpu_read32(dev, r->offset, &v));
        uint32_t expect = r->access == 'w' ? 0 : r->reset;
        if (!r->is_volatile && v != expect)
            return fail("%s.%s (0x%05x) reads 0x%08x after reset, not 0x%08x", r->block, r->name,
                        r->offset, v, expect);
    }
    return 0;
}

/* rw: patterns read back within the field bits, then the reset value is restored; ro: a
 * write changes nothing. Write-only registers act when written and are left out. */
static int check_access_rules(sgpu_dev *dev)
{
    static const uint32_t patterns[] = {0xFFFFFFFFu, 0x00000000u, 0xA5A5A5A5u, 0x5A5A5A5Au,
                                        0x00000001u, 0x80000000u};
    for (size_t i = 0; i < SGPU_BAR0_REG_COUNT; i++) {
        const struct sgpu_reg_desc *r = &sgpu_bar0_regs[i];
        uint32_t before, v;
        /* The FW block's registers are not plain storage (a keyed CTRL that would reset the
         * adapter, an ADDR that DATA advances): host/tests/adapter and the fw_regs bench
         * check their rules. */
        if (strcmp(r->block, "FW") == 0)
            continue;
        if (r->access == 'b') {
            for (size_t k = 0; k < sizeof patterns / sizeof patterns[0]; k++) {
                TRY(sgpu_write32(dev, r->offset, patterns[k]));
                TRY(sgpu_read32(dev, r->offset, &v));
                if ((v & r->bits) != (patterns[k] & r->bits))
                    return fail("%s.%s: wrote 0x%08x, read 0x%08x (field bits 0x%08x)", r->block,
                                r->name, patterns[k], v, r->bits);
            }
            TRY(sgpu_write32(dev, r->offset, r->reset));
        } else if (r->access == 'r') {
            TRY(sgpu_read32(dev, r->offset, &before));
            TRY(sgpu_write32(dev, r->offset, ~before));
            TRY(sgpu_read32(dev, r->offset, &v));
            /* a volatile one (a counter) moves by itself: it must only not take the write */
            if (r->is_volatile ? v == ~before : v != before)
                return fail("%s.%s is read-only but changed from 0x%08x to 0x%08x when written",
                            r->block, r->name, before, v);
        }
    }
    return 0;
}

static int check_identify(sgpu_dev *dev)
{
    struct sgpu_info i;
    TRY(sgpu_identify(dev, &i));
    if (i.magic != SGPU_ID_MAGIC_RESET || i.version != SGPU_ID_VERSION_RESET)
        return fail("magic 0x%08x, version 0x%08x", i.magic, i.version);
    if (i.fw_state != SGPU_ID_FW_STATUS_STATE_RUNNING)
        return fail("firmware %s (code 0x%x), not RUNNING", sgpu_fw_state_name(i.fw_state), i.fw_code);
    if (i.vendor_id != SGPU_CFG_VENDOR_ID || i.device_id != SGPU_CFG_DEVICE_ID ||
        i.class_code != SGPU_CFG_CLASS_CODE || i.revision != SGPU_CFG_REVISION_ID)
        return fail("PCI %04x:%04x class %06x rev %u", i.vendor_id, i.device_id, i.class_code, i.revision);
    if (i.bar0_size != 1u << SGPU_CFG_BAR0_BITS || sgpu_bar0_size(dev) != 1u << SGPU_CFG_BAR0_BITS)
        return fail("BAR0 of %" PRIu64 " bytes", i.bar0_size);
    if (i.link_speed != SGPU_CFG_LINK_SPEED || i.link_width != SGPU_CFG_LINK_WIDTH)
        return fail("link speed %u width %u", i.link_speed, i.link_width);
    if (i.max_payload_bytes < 128 || i.max_payload_bytes > 4096 || i.max_read_req_bytes < 128 ||
        i.max_read_req_bytes > 4096 || !i.bus_master)
        return fail("LINK.STATUS: payload %u, read request %u, bus master %d", i.max_payload_bytes,
                    i.max_read_req_bytes, i.bus_master);
    if (i.msi_vectors == 0 || i.msi_vectors > i.msi_vectors_capable)
        return fail("MSI: %u vectors granted of %u", i.msi_vectors, i.msi_vectors_capable);
    printf("  %s: fw %s, payload %u, read request %u, MSI %u/%u, %s x%u\n", i.uri,
           sgpu_fw_state_name(i.fw_state), i.max_payload_bytes, i.max_read_req_bytes, i.msi_vectors,
           i.msi_vectors_capable, sgpu_link_speed_name(i.link_speed), i.link_width);
    return 0;
}

static int check_cycles(sgpu_dev *dev)
{
    uint64_t c0, c1, t0, t1;
    TRY(sgpu_device_cycles(dev, &c0, &t0));
    usleep(50000);
    TRY(sgpu_device_cycles(dev, &c1, &t1));
    if (c1 <= c0 || t1 <= t0)
        return fail("device cycles %" PRIu64 " -> %" PRIu64 ", wall ns %" PRIu64 " -> %" PRIu64,
                    c0, c1, t0, t1);
    return 0;
}

/* 1 MiB of random data to VRAM and back, checked; DMA.CYCLES reported. */
static int check_dma_round_trip(sgpu_dev *dev)
{
    struct sgpu_dma_buf *buf;
    uint32_t up, down;
    TRY(sgpu_dma_alloc(dev, 2 * MIB, &buf));
    uint8_t *src = buf->cpu, *dst = src + MIB;
    fill_random(src, MIB);
    memset(dst, 0, MIB);
    TRY(sgpu_link_dma(dev, buf, 0, 0, MIB, 0, DMA_TIMEOUT_MS, &up));
    TRY(sgpu_link_dma(dev, buf, MIB, 0, MIB, SGPU_DMA_TO_HOST, DMA_TIMEOUT_MS, &down));
    size_t at = first_difference(src, dst, MIB);
    if (at != MIB)
        return fail("data differs at byte %zu: 0x%02x sent, 0x%02x back (seed %" PRIu64 ")", at,
                    src[at], dst[at], seed);
    if (up == 0 || down == 0)
        return fail("DMA.CYCLES reads %u and %u", up, down);
    printf("  1 MiB: to device %u cycles (%.2f B/cycle), to host %u cycles (%.2f B/cycle), bus 0x%" PRIx64 "\n",
           up, (double)MIB / up, down, (double)MIB / down, buf->bus);
    sgpu_dma_free(dev, buf);
    return 0;
}

/* Transfers at odd places: the last bytes of VRAM, sizes that are not powers of two, a
 * buffer offset that crosses pages. */
static int check_dma_edges(sgpu_dev *dev)
{
    static const struct {
        size_t off;
        uint32_t vram, len;
    } cases[] = {{0, 0, 8}, {4088, 8, 16}, {8, SGPU_CFG_VRAM_BYTES - 4104, 4104}, {65528, 4096, 12344}};
    struct sgpu_dma_buf *buf;
    TRY(sgpu_dma_alloc(dev, 256 * 1024, &buf));
    uint8_t *p = buf->cpu;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t back = 128 * 1024 + cases[i].off;
        fill_random(p + cases[i].off, cases[i].len);
        memset(p + back, 0xEE, cases[i].len + 8);
        TRY(sgpu_link_dma(dev, buf, cases[i].off, cases[i].vram, cases[i].len, 0, DMA_TIMEOUT_MS, NULL));
        TRY(sgpu_link_dma(dev, buf, back, cases[i].vram, cases[i].len, SGPU_DMA_TO_HOST, DMA_TIMEOUT_MS, NULL));
        if (memcmp(p + cases[i].off, p + back, cases[i].len) != 0)
            return fail("%u bytes at VRAM 0x%x came back different", cases[i].len, cases[i].vram);
        for (int k = 0; k < 8; k++)
            if (p[back + cases[i].len + k] != 0xEE)
                return fail("%u bytes to host wrote past their end", cases[i].len);
    }
    sgpu_dma_free(dev, buf);
    return 0;
}

static int check_msi_send(sgpu_dev *dev)
{
    struct sgpu_info info;
    unsigned vec;
    TRY(sgpu_identify(dev, &info));
    EXPECT(sgpu_irq_wait(dev, 0, &vec), SGPU_ERR_TIMEOUT);
    if (info.msi_vectors == 0)
        return fail("MSI is not enabled (LINK.STATUS 0 vectors granted)");
    unsigned n = info.msi_vectors < 8 ? info.msi_vectors : 8;
    for (unsigned v = 0; v < n; v++)
        TRY(sgpu_write32(dev, LINK(MSI_SEND), (v * 5) % n));
    for (unsigned v = 0; v < n; v++) {
        TRY(sgpu_irq_wait(dev, 5000, &vec));
        if (vec != (v * 5) % n)
            return fail("MSI %u arrived as vector %u, expected %u", v, vec, (v * 5) % n);
    }
    EXPECT(sgpu_irq_wait(dev, 200, &vec), SGPU_ERR_TIMEOUT);
    return 0;
}

/* DMA with CTRL.IRQ: when the vector arrives, the data is already in host memory (the MSI
 * is ordered behind the DMA writes). Host memory is looked at before any register read. */
static int check_dma_irq(sgpu_dev *dev)
{
    struct sgpu_dma_buf *buf;
    unsigned vec;
    uint32_t cycles;
    TRY(sgpu_dma_alloc(dev, 2 * 256 * 1024, &buf));
    uint8_t *src = buf->cpu, *dst = src + 256 * 1024;
    fill_random(src, 256 * 1024);
    TRY(sgpu_link_dma(dev, buf, 0, 0x10000, 256 * 1024, 0, DMA_TIMEOUT_MS, NULL));
    memset(dst, 0, 256 * 1024);
    TRY(sgpu_link_dma(dev, buf, 256 * 1024, 0x10000, 256 * 1024,
                      SGPU_DMA_TO_HOST | SGPU_DMA_IRQ | SGPU_DMA_VECTOR(3) | SGPU_DMA_NOWAIT, 0, NULL));
    TRY(sgpu_irq_wait(dev, DMA_TIMEOUT_MS, &vec));
    size_t at = first_difference(src, dst, 256 * 1024);
    if (vec != 3)
        return fail("vector %u arrived, not 3", vec);
    if (at != 256 * 1024)
        return fail("the MSI came before the data: byte %zu not written yet", at);
    TRY(sgpu_link_dma_wait(dev, DMA_TIMEOUT_MS, &cycles));
    sgpu_dma_free(dev, buf);
    return 0;
}

static int check_bar0_range(sgpu_dev *dev)
{
    uint32_t v, bad0, bad1;
    EXPECT(sgpu_read32(dev, 1u << SGPU_CFG_BAR0_BITS, &v), SGPU_ERR_RANGE);
    EXPECT(sgpu_read32(dev, 0xFFFFFFFCu, &v), SGPU_ERR_RANGE);
    EXPECT(sgpu_write32(dev, 1u << SGPU_CFG_BAR0_BITS, 1), SGPU_ERR_RANGE);
    EXPECT(sgpu_read32(dev, 2, &v), SGPU_ERR_ALIGN);
    EXPECT(sgpu_write32(dev, ID(SCRATCH) + 1, 1), SGPU_ERR_ALIGN);
    /* inside BAR0 but decoded by no block: the device answers Unsupported Request */
    TRY(sgpu_read32(dev, LINK(BAD_REQUESTS), &bad0));
    EXPECT(sgpu_read32(dev, 0x8000, &v), SGPU_ERR_DEVICE);
    TRY(sgpu_read32(dev, LINK(BAD_REQUESTS), &bad1));
    if (bad1 != bad0 + 1)
        return fail("LINK.BAD_REQUESTS went from %u to %u after one refused read", bad0, bad1);
    return check_magic(dev);
}

/* Refused by the library: nothing reaches the DMA block, nothing moves. Refused by the
 * device (BAD_ARGS, written straight to the registers): nothing moves either. */
static int check_dma_bad_args(sgpu_dev *dev)
{
    struct sgpu_dma_buf *buf;
    uint32_t cycles0, cycles1, status;
    TRY(sgpu_dma_alloc(dev, 64 * 1024, &buf));
    uint8_t *p = buf->cpu;
    memset(p, 0x3C, 64 * 1024);
    TRY(sgpu_link_dma(dev, buf, 0, 0, 64, 0, DMA_TIMEOUT_MS, NULL));
    TRY(sgpu_read32(dev, DMA(CYCLES), &cycles0));
    EXPECT(sgpu_link_dma(dev, buf, 0, 0, 12, SGPU_DMA_TO_HOST, 1000, NULL), SGPU_ERR_ALIGN);
    EXPECT(sgpu_link_dma(dev, buf, 4, 0, 64, SGPU_DMA_TO_HOST, 1000, NULL), SGPU_ERR_ALIGN);
    EXPECT(sgpu_link_dma(dev, buf, 0, 0, 16 * MIB, SGPU_DMA_TO_HOST, 1000, NULL), SGPU_ERR_INVALID);
    EXPECT(sgpu_link_dma(dev, buf, 0, 0, 0, SGPU_DMA_TO_HOST, 1000, NULL), SGPU_ERR_INVALID);
    EXPECT(sgpu_link_dma(dev, buf, 0, 0, 128 * 1024, SGPU_DMA_TO_HOST, 1000, NULL), SGPU_ERR_RANGE);
    EXPECT(sgpu_link_dma(dev, buf, 0, SGPU_CFG_VRAM_BYTES, 64, SGPU_DMA_TO_HOST, 1000, NULL), SGPU_ERR_RANGE);
    TRY(sgpu_read32(dev, DMA(CYCLES), &cycles1));
    if (cycles1 != cycles0)
        return fail("a refused request reached the DMA block (CYCLES %u -> %u)", cycles0, cycles1);

    /* the device's own check: an unaligned length written straight to the registers */
    TRY(sgpu_write32(dev, DMA(HOST_ADDR_LO), (uint32_t)buf->bus));
    TRY(sgpu_write32(dev, DMA(HOST_ADDR_HI), (uint32_t)(buf->bus >> 32)));
    TRY(sgpu_write32(dev, DMA(VRAM_ADDR), 0));
    TRY(sgpu_write32(dev, DMA(LENGTH), 12));
    TRY(sgpu_write32(dev, DMA(CTRL), SGPU_DMA_CTRL_DIR_MASK));
    TRY(sgpu_write32(dev, DMA(START), 1));
    TRY(sgpu_wait32(dev, DMA(STATUS), SGPU_DMA_STATUS_DONE_MASK, SGPU_DMA_STATUS_DONE_MASK, 5000, &status));
    unsigned err = (status & SGPU_DMA_STATUS_ERROR_MASK) >> SGPU_DMA_STATUS_ERROR_SHIFT;
    if (err != SGPU_DMA_STATUS_ERROR_BAD_ARGS)
        return fail("a 12-byte transfer ended with STATUS 0x%08x, not BAD_ARGS", status);
    for (size_t i = 0; i < 64 * 1024; i++)
        if (p[i] != 0x3C)
            return fail("byte %zu of host memory changed after a refused transfer", i);
    sgpu_dma_free(dev, buf);
    return check_magic(dev);
}

/* DMA from a bus address outside the driver's memory: Unsupported Request, and the
 * simulator carries on. */
static int check_dma_outside_memory(sgpu_dev *dev)
{
    struct sgpu_dma_buf *buf;
    uint32_t status;
    TRY(sgpu_dma_alloc(dev, 4096, &buf));
    /* the driver's memory is one range holding buf; far below or far above it is outside */
    uint64_t outside = buf->bus >= (1ull << 28) ? 0x1000 : buf->bus + (1ull << 40);
    TRY(sgpu_write32(dev, DMA(HOST_ADDR_LO), (uint32_t)outside));
    TRY(sgpu_write32(dev, DMA(HOST_ADDR_HI), (uint32_t)(outside >> 32)));
    TRY(sgpu_write32(dev, DMA(VRAM_ADDR), 0));
    TRY(sgpu_write32(dev, DMA(LENGTH), 4096));
    TRY(sgpu_write32(dev, DMA(CTRL), 0));
    TRY(sgpu_write32(dev, DMA(START), 1));
    TRY(sgpu_wait32(dev, DMA(STATUS), SGPU_DMA_STATUS_DONE_MASK, SGPU_DMA_STATUS_DONE_MASK,
                    DMA_TIMEOUT_MS, &status));
    unsigned err = (status & SGPU_DMA_STATUS_ERROR_MASK) >> SGPU_DMA_STATUS_ERROR_SHIFT;
    if (err != SGPU_DMA_STATUS_ERROR_UNSUPPORTED)
        return fail("a read of bus address 0x%" PRIx64 " ended with STATUS 0x%08x, not UNSUPPORTED",
                    outside, status);
    EXPECT(sgpu_link_dma_wait(dev, 1000, NULL), SGPU_ERR_DMA);
    /* still serving: a good transfer works */
    memset(buf->cpu, 0x42, 4096);
    TRY(sgpu_link_dma(dev, buf, 0, 0, 4096, 0, DMA_TIMEOUT_MS, NULL));
    sgpu_dma_free(dev, buf);
    return check_magic(dev);
}

static int check_busy(sgpu_dev *dev)
{
    sgpu_dev *second = NULL;
    EXPECT(sgpu_open(uri, &second), SGPU_ERR_BUSY);
    if (second)
        return fail("a refused open returned a device");
    return check_magic(dev);
}

static int check_reconnect(sgpu_dev **devp)
{
    TRY(sgpu_write32(*devp, ID(SCRATCH), 0x5EED5EED));
    sgpu_close(*devp);
    *devp = NULL;
    for (int i = 0; i < 3; i++) {
        sgpu_dev *again;
        TRY(open_dev(&again));
        int rc = check_magic(again);
        sgpu_close(again);
        if (rc)
            return rc;
    }
    return 0;
}

/* A child driver starts a long transfer and dies (`how`: exit without closing, or SIGKILL);
 * then a new driver gets the device, its memory is left alone by the dead driver's
 * transfer, and everything works. */
static int driver_dies(int to_host, int kill_it)
{
    int pipefd[2];
    if (pipe(pipefd) != 0)
        return fail("pipe");
    pid_t pid = fork();
    if (pid < 0)
        return fail("fork");
    if (pid == 0) {
        sgpu_dev *d;
        struct sgpu_dma_buf *b;
        close(pipefd[0]);
        if (open_dev(&d) || sgpu_dma_alloc(d, 2 * MIB, &b))
            _exit(2);
        memset(b->cpu, 0x11, 2 * MIB);
        if (sgpu_link_dma(d, b, 0, 0, 2 * MIB - 8, to_host ? SGPU_DMA_TO_HOST | SGPU_DMA_NOWAIT : SGPU_DMA_NOWAIT,
                          0, NULL))
            _exit(3);
        uint32_t st = 0;
        sgpu_read32(d, DMA(STATUS), &st); /* the transfer is under way */
        if (write(pipefd[1], &b->bus, sizeof b->bus) != sizeof b->bus)
            _exit(4);
        if (kill_it)
            pause(); /* the parent kills us */
        _exit(0);    /* dies without sgpu_close */
    }
    close(pipefd[1]);
    uint64_t dead_bus = 0;
    int started = read(pipefd[0], &dead_bus, sizeof dead_bus) == sizeof dead_bus;
    close(pipefd[0]);
    if (kill_it)
        kill(pid, SIGKILL);
    int status;
    waitpid(pid, &status, 0);
    if (!started)
        return fail("the child driver did not start its transfer (exit %d)",
                    WIFEXITED(status) ? WEXITSTATUS(status) : -1);

    sgpu_dev *dev;
    struct sgpu_dma_buf *buf;
    uint32_t st;
    TRY(open_dev(&dev));
    int rc = -1;
    if (sgpu_dma_alloc(dev, 4 * MIB, &buf) != SGPU_OK) {
        fail("dma_alloc: %s", sgpu_last_error());
        goto out;
    }
    /* the dead driver's transfer must not write into this driver's memory (a real check
     * only where the two drivers' memories share bus addresses: said if they do not) */
    memset(buf->cpu, 0x77, 4 * MIB);
    if (dead_bus + 2 * MIB <= buf->bus || buf->bus + 4 * MIB <= dead_bus)
        printf("  note: the new driver's memory (bus 0x%" PRIx64 ") does not overlap the dead "
               "driver's (0x%" PRIx64 ")\n", buf->bus, dead_bus);
    if (sgpu_wait32(dev, DMA(STATUS), SGPU_DMA_STATUS_BUSY_MASK, 0, DMA_TIMEOUT_MS, &st) != SGPU_OK) {
        fail("the dead driver's transfer never ends (STATUS 0x%08x)", st);
        goto out;
    }
    const uint8_t *p = buf->cpu;
    for (size_t i = 0; i < 4 * MIB; i++) {
        if (p[i] != 0x77) {
            fail("byte %zu of the new driver's memory was written (0x%02x) by the dead driver's "
                 "transfer", i, p[i]);
            goto out;
        }
    }
    /* and the device works: a round trip */
    fill_random(buf->cpu, 64 * 1024);
    if (sgpu_link_dma(dev, buf, 0, 0, 64 * 1024, 0, DMA_TIMEOUT_MS, NULL) ||
        sgpu_link_dma(dev, buf, MIB, 0, 64 * 1024, SGPU_DMA_TO_HOST, DMA_TIMEOUT_MS, NULL)) {
        fail("DMA after the dead driver: %s", sgpu_last_error());
        goto out;
    }
    if (memcmp(p, p + MIB, 64 * 1024) != 0) {
        fail("DMA after the dead driver: data differs");
        goto out;
    }
    /* and a second driver at the same time is refused */
    sgpu_dev *second = NULL;
    int brc = sgpu_open(uri, &second);
    if (brc != SGPU_ERR_BUSY) {
        sgpu_close(second);
        fail("a second driver got %s, not SGPU_ERR_BUSY", sgpu_errname(brc));
        goto out;
    }
    rc = 0;
out:
    sgpu_close(dev);
    return rc;
}

/* These two need the device free for their child driver: they close the parent's. */
static int check_driver_exits(sgpu_dev **devp)
{
    sgpu_close(*devp);
    *devp = NULL;
    return driver_dies(0, 0);
}

static int check_driver_killed(sgpu_dev **devp)
{
    sgpu_close(*devp);
    *devp = NULL;
    return driver_dies(1, 1);
}

static int check_no_device(sgpu_dev *dev)
{
    sgpu_dev *d = NULL;
    char nothing[300];
    const char *sock = strchr(uri, ':') + 1;
    snprintf(nothing, sizeof nothing, "sim:%.200s.nothing", sock);
    EXPECT(sgpu_open(nothing, &d), SGPU_ERR_CONNECT);
    if (!strstr(sgpu_last_error(), "no simulator is listening"))
        return fail("unclear detail: '%s'", sgpu_last_error());
    EXPECT(sgpu_open("vfio:ffff:ff:1f.7", &d), SGPU_ERR_NO_DEVICE);
    EXPECT(sgpu_open("uart:/dev/null", &d), SGPU_ERR_UNSUPPORTED);
    EXPECT(sgpu_open("bogus:x", &d), SGPU_ERR_INVALID);
    if (d)
        return fail("a failed open returned a device");
    return check_magic(dev);
}

struct check {
    const char *name;
    int (*run)(sgpu_dev *dev);      /* 0 pass, -1 fail (why) */
    int (*run_closing)(sgpu_dev **devp); /* the same, but may close the device (sets NULL) */
};

static const struct check checks[] = {
    {"reset-values", check_reset_values, NULL}, /* first: the simulator is fresh */
    {"magic", check_magic, NULL},
    {"access-rules", check_access_rules, NULL},
    {"identify", check_identify, NULL},
    {"device-cycles", check_cycles, NULL},
    {"dma-round-trip-1MiB", check_dma_round_trip, NULL},
    {"dma-edges", check_dma_edges, NULL},
    {"msi-send", check_msi_send, NULL},
    {"dma-irq-after-data", check_dma_irq, NULL},
    {"bar0-range", check_bar0_range, NULL},
    {"dma-bad-args", check_dma_bad_args, NULL},
    {"dma-outside-memory", check_dma_outside_memory, NULL},
    {"busy", check_busy, NULL},
    {"reconnect", NULL, check_reconnect},
    {"driver-exits-mid-transfer", NULL, check_driver_exits},
    {"driver-killed-mid-transfer", NULL, check_driver_killed},
    {"no-device", check_no_device, NULL},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: e2e --uri sim:PATH [--seed N] [--only NAME]\n"
               "End-to-end checks of libsgpu against a running sgpu-sim.\n");
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"uri", required_argument, NULL, 'u'},
        {"seed", required_argument, NULL, 's'},
        {"only", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *only = NULL;
    int c, failed = 0;
    seed = (uint64_t)time(NULL);
    while ((c = getopt_long(argc, argv, "u:s:o:h", opts, NULL)) != -1) {
        switch (c) {
        case 'u':
            uri = optarg;
            break;
        case 's':
            seed = strtoull(optarg, NULL, 0);
            break;
        case 'o':
            only = optarg;
            break;
        case 'h':
            usage(stdout);
            return 0;
        default:
            usage(stderr);
            return 2;
        }
    }
    if (!uri || optind < argc) {
        usage(stderr);
        return 2;
    }
    printf("e2e: %s, seed %" PRIu64 " (replay with --seed %" PRIu64 ")\n", uri, seed, seed);
    rng_state = seed ? seed : 1;
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        if (only && strcmp(only, checks[i].name) != 0)
            continue;
        sgpu_dev *dev;
        int rc = open_dev(&dev);
        uint64_t t0 = now_ms();
        why[0] = '\0';
        if (rc != SGPU_OK) {
            fail("open %s: %s (%s)", uri, sgpu_errname(rc), sgpu_last_error());
        } else {
            rc = checks[i].run ? checks[i].run(dev) : checks[i].run_closing(&dev);
            sgpu_close(dev);
        }
        fflush(stdout);
        if (rc < 0) {
            printf("FAIL e2e/%s: %s\n", checks[i].name, why);
            failed++;
        } else {
            printf("  took %.2f s\nPASS e2e/%s\n", (double)(now_ms() - t0) / 1000, checks[i].name);
        }
        fflush(stdout);
    }
    return failed ? 1 : 0;
}
