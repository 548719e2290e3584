/* link_bench.c: sgpu-link-bench: measures the PCIe link of the device (or of a private
 * sgpu-sim it starts): DMA throughput in bytes per device cycle from DMA.CYCLES, MMIO round
 * trip time, and the simulator's speed in device cycles per second. Prints one JSON object
 * (keys: README.md, `make bench`). */
/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sgpu.h"
#include "sgpu_regs.h"
#include "simproc.h"

#define DMA_TIMEOUT_MS 60000u

struct opts {
    const char *uri, *sim, *work;
    uint32_t size;
    unsigned reps, mmio, speed_ms;
};

static void usage(FILE *f)
{
    fprintf(f,
            "usage: sgpu-link-bench [--uri URI | --sim SGPU_SIM --work DIR] [--size BYTES]\n"
            "                       [--reps N] [--mmio N] [--speed-ms MS]\n"
            "Measures DMA throughput (bytes per device cycle, from DMA.CYCLES), MMIO round-trip\n"
            "time and simulator speed; prints one JSON object on standard output.\n"
            "  --uri URI      a running device (default: start a private sgpu-sim)\n"
            "  --sim PATH     the simulator to start (default: sgpu-sim next to this program)\n"
            "  --work DIR     where its socket and log go (default: build/bench)\n"
            "  --size BYTES   bytes per DMA transfer, a multiple of 8 (default 1048576)\n"
            "  --reps N       transfers per direction; the median counts (default 5)\n"
            "  --mmio N       register reads timed (default 2000)\n"
            "  --speed-ms MS  wall time over which simulator speed is measured (default 2000)\n");
}

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static int die(const char *what, int rc)
{
    fprintf(stderr, "sgpu-link-bench: %s: %s (%s)\n", what,
            sgpu_last_error()[0] ? sgpu_last_error() : sgpu_strerror(rc), sgpu_errname(rc));
    return 1;
}

/* Median DMA.CYCLES of `reps` transfers of `size` bytes in one direction. */
static int dma_median(sgpu_dev *dev, struct sgpu_dma_buf *buf, uint32_t size, unsigned flags,
                      unsigned reps, uint32_t *median)
{
    uint32_t *c = calloc(reps, sizeof *c);
    if (!c)
        return SGPU_ERR_NOMEM;
    for (unsigned i = 0; i < reps; i++) {
        int rc = sgpu_link_dma(dev, buf, flags & SGPU_DMA_TO_HOST ? size : 0, 0, size, flags,
                               DMA_TIMEOUT_MS, &c[i]);
        if (rc) {
            free(c);
            return rc;
        }
    }
    qsort(c, reps, sizeof *c, cmp_u32);
    *median = c[reps / 2];
    free(c);
    return SGPU_OK;
}

static int measure(sgpu_dev *dev, const struct opts *o)
{
    struct sgpu_dma_buf *buf;
    uint32_t rd, wr, v;
    int rc;

    if ((rc = sgpu_dma_alloc(dev, 2 * (size_t)o->size, &buf)))
        return die("DMA buffer", rc);
    uint8_t *p = buf->cpu;
    for (uint32_t i = 0; i < o->size; i++)
        p[i] = (uint8_t)(i * 131u + 7u);
    if ((rc = dma_median(dev, buf, o->size, 0, o->reps, &rd)))
        return die("DMA to the device", rc);
    if ((rc = dma_median(dev, buf, o->size, SGPU_DMA_TO_HOST, o->reps, &wr)))
        return die("DMA to the host", rc);
    /* a throughput of wrong data would mean nothing */
    if (memcmp(p, p + o->size, o->size) != 0) {
        fprintf(stderr, "sgpu-link-bench: the data came back different\n");
        return 1;
    }

    double *rtt = calloc(o->mmio, sizeof *rtt);
    if (!rtt)
        return die("MMIO samples", SGPU_ERR_NOMEM);
    for (unsigned i = 0; i < o->mmio; i++) {
        double t0 = now_us();
        if ((rc = sgpu_read32(dev, SGPU_ID_BAR0_BASE + SGPU_ID_MAGIC_OFFSET, &v))) {
            free(rtt);
            return die("MMIO read", rc);
        }
        rtt[i] = now_us() - t0;
    }
    qsort(rtt, o->mmio, sizeof *rtt, cmp_double);
    double median = rtt[o->mmio / 2];
    double p99 = rtt[(size_t)ceil(0.99 * o->mmio) - 1];
    free(rtt);

    /* The device clock runs freely while a driver is connected and idle. */
    uint64_t c0, c1, ns0, ns1;
    double speed = -1;
    if (sgpu_device_cycles(dev, &c0, &ns0) == SGPU_OK) {
        usleep(o->speed_ms * 1000u);
        if ((rc = sgpu_device_cycles(dev, &c1, &ns1)))
            return die("device cycles", rc);
        if (ns1 > ns0 && c1 >= c0)
            speed = (double)(c1 - c0) / ((double)(ns1 - ns0) / 1e9);
    }

    printf("{\n  \"pcie\": {\n");
    printf("    \"dma_bytes\": %u,\n    \"dma_reps\": %u,\n", o->size, o->reps);
    printf("    \"dma_read_cycles\": %u,\n    \"dma_write_cycles\": %u,\n", rd, wr);
    printf("    \"dma_read_bytes_per_cycle\": %.4f,\n", (double)o->size / rd);
    printf("    \"dma_write_bytes_per_cycle\": %.4f,\n", (double)o->size / wr);
    printf("    \"mmio_rtt_us\": {\"median\": %.2f, \"p99\": %.2f, \"samples\": %u}\n", median, p99, o->mmio);
    printf("  },\n  \"sim\": {\n");
    if (speed >= 0)
        printf("    \"device_cycles_per_s\": %.0f,\n", speed);
    printf("    \"device_clock_hz\": %u\n  }\n}\n", SGPU_CFG_CLK_HZ);
    sgpu_dma_free(dev, buf);
    return 0;
}

int main(int argc, char **argv)
{
    static const struct option lopts[] = {
        {"uri", required_argument, NULL, 'u'},   {"sim", required_argument, NULL, 's'},
        {"work", required_argument, NULL, 'w'},  {"size", required_argument, NULL, 'b'},
        {"reps", required_argument, NULL, 'r'},  {"mmio", required_argument, NULL, 'm'},
        {"speed-ms", required_argument, NULL, 't'}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct opts o = {.work = "build/bench", .size = 1u << 20, .reps = 5, .mmio = 2000, .speed_ms = 2000};
    char sim[4096], sock[160], log[200], err[512];
    int c;

    while ((c = getopt_long(argc, argv, "h", lopts, NULL)) != -1) {
        char *end = NULL;
        unsigned long v = optarg ? strtoul(optarg, &end, 0) : 0;
        int bad = optarg && (!optarg[0] || *end || v == 0 || v > 0xFFFFFFFFul);
        switch (c) {
        case 'u': o.uri = optarg; bad = 0; break;
        case 's': o.sim = optarg; bad = 0; break;
        case 'w': o.work = optarg; bad = 0; break;
        case 'b': o.size = (uint32_t)v; bad |= v % 8 != 0 || v > SGPU_CFG_VRAM_BYTES; break;
        case 'r': o.reps = (unsigned)v; break;
        case 'm': o.mmio = (unsigned)v; break;
        case 't': o.speed_ms = (unsigned)v; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
        if (bad) {
            fprintf(stderr, "sgpu-link-bench: bad value '%s' (see --help)\n", optarg);
            return 2;
        }
    }
    if (optind < argc) {
        usage(stderr);
        return 2;
    }

    struct simproc proc = {0};
    char uri[200];
    if (!o.uri) {
        if (!o.sim && simproc_next_to_self("sgpu-sim", sim, sizeof sim) == 0)
            o.sim = sim;
        snprintf(sock, sizeof sock, "%s/link-bench.sock", o.work);
        snprintf(log, sizeof log, "%s/link-bench-sim.log", o.work);
        if (!o.sim || simproc_start(&proc, o.sim, sock, log, NULL, 120000, err, sizeof err) != 0) {
            fprintf(stderr, "sgpu-link-bench: cannot start the simulator: %s\n", o.sim ? err : "not found");
            return 1;
        }
        snprintf(uri, sizeof uri, "sim:%s", sock);
        o.uri = uri;
    }
    sgpu_dev *dev;
    int rc = sgpu_open(o.uri, &dev);
    int status = rc ? die(o.uri, rc) : measure(dev, &o);
    sgpu_close(dev);
    if (proc.pid > 0 && simproc_stop(&proc, 10000) != 0 && status == 0) {
        fprintf(stderr, "sgpu-link-bench: the simulator did not exit cleanly (log: %s)\n", log);
        status = 1;
    }
    return status;
}
