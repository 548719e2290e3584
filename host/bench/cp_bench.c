/* cp_bench.c: sgpu-cp-bench: measures the command processor on the device (or on a private
 * sgpu-sim it starts), in device cycles from TIMESTAMP commands and CP.DB_CYCLE:
 *  - doorbell-to-execution latency of an idle engine, both engines, and the DMA read
 *    latency that is part of it (so that the rest is the firmware's and the engine's);
 *  - commands per cycle (FENCE, NOP) on both engines;
 *  - COPY throughput host->VRAM, VRAM->host, host->host;
 *  - vadd through DISPATCH on one shader core and on two.
 * Progress lines go to standard error; --json prints one JSON object (keys: README.md,
 * `make bench`), otherwise a summary. */
/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sgpu.h"
#include "sgpu_regs.h"
#include "bench_stats.h"
#include "simproc.h"

#define WAIT_MS 120000u       /* longest wait for one submission (the simulator is slow) */
#define MAX_REPS 10000u

struct opts {
    const char *uri, *sim, *work, *kernels;
    unsigned reps;            /* doorbell samples per engine */
    unsigned cmds;            /* FENCEs (and NOPs) per command-rate run */
    uint32_t copy_bytes;      /* per COPY direction */
    uint32_t vadd_n;          /* vadd elements */
    unsigned gap_cycles;      /* device cycles an engine is left idle before a doorbell */
    int json;
};

static const char *const engine_name[2] = {"copy", "compute"};

static void usage(FILE *f)
{
    fprintf(f,
            "usage: sgpu-cp-bench [--uri URI | --sim SGPU_SIM --work DIR] [--json]\n"
            "                     [--reps N] [--cmds N] [--copy-bytes BYTES] [--vadd-n N]\n"
            "                     [--gap-cycles N] [--kernels DIR]\n"
            "Measures the command processor in device cycles (TIMESTAMP commands, CP.DB_CYCLE,\n"
            "DMA.CYCLES): doorbell-to-execution latency of an idle engine (both engines) with\n"
            "the ring's DMA read latency, commands per cycle (FENCE, NOP), COPY bytes per cycle\n"
            "(host->VRAM, VRAM->host, host->host) and vadd on one and two shader cores.\n"
            "Progress on standard error; results on standard output.\n"
            "  --uri URI          a running device (default: start a private sgpu-sim)\n"
            "  --sim PATH         the simulator to start (default: sgpu-sim next to this program)\n"
            "  --work DIR         where its socket and log go (default: build/bench)\n"
            "  --json             print one JSON object (default: a readable summary)\n"
            "  --reps N           doorbell samples per engine (default 64)\n"
            "  --cmds N           FENCE and NOP commands per rate run (default 2000)\n"
            "  --copy-bytes BYTES bytes per COPY direction, a multiple of 8 (default 262144)\n"
            "  --vadd-n N         vadd elements (default 8192; 0 skips the compute run)\n"
            "  --gap-cycles N     device cycles the engine idles before each doorbell (default 4000)\n"
            "  --kernels DIR      where vadd.bin is (default: ../kernels next to this program's\n"
            "                     bin/, i.e. build/kernels)\n");
}

static void progress(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("sgpu-cp-bench: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static int fail(const char *what, int rc)
{
    fprintf(stderr, "sgpu-cp-bench: %s: %s (%s)\n", what,
            sgpu_last_error()[0] ? sgpu_last_error() : sgpu_strerror(rc), sgpu_errname(rc));
    return rc ? rc : SGPU_ERR_DEVICE;
}

/* ---- scratch memory: TIMESTAMP slots, a fence slot, a satisfied WAIT's value ------------- */

enum { SLOT_T0 = 0, SLOT_T1 = 8, SLOT_FENCE = 16, SLOT_WAIT = 24, SCRATCH_BYTES = 4096 };

struct bench {
    sgpu_dev *dev;
    const struct opts *o;
    struct sgpu_dma_buf *scratch;
};

static volatile uint64_t *slot(struct bench *b, unsigned off)
{
    return (volatile uint64_t *)((uint8_t *)b->scratch->cpu + off);
}

static uint64_t bus(struct bench *b, unsigned off)
{
    return b->scratch->bus + off;
}

static int ctx_new(struct bench *b, unsigned node, uint32_t ring_bytes, sgpu_ctx **ctx)
{
    struct sgpu_ctx_options o = SGPU_CTX_OPTIONS_INIT;
    o.ring_bytes = ring_bytes;
    o.flags = SGPU_CTX_FLAG_DISABLE_GPU_TIMEOUT;
    int rc = sgpu_ctx_create(b->dev, node, &o, ctx);
    return rc ? fail("create a context", rc) : SGPU_OK;
}

static int submit_wait(sgpu_ctx *ctx)
{
    uint64_t v;
    int rc = sgpu_submit(ctx, 0, &v);
    if (rc)
        return fail("submit", rc);
    if ((rc = sgpu_fence_wait(ctx, v, WAIT_MS))) {
        struct sgpu_ctx_fault f;
        if (sgpu_ctx_error(ctx, &f) == SGPU_ERR_CTX_ERROR)
            fprintf(stderr, "sgpu-cp-bench: context error: reason %u at ring offset %" PRIu64
                    ", aux 0x%" PRIx64 "\n", f.reason, f.ring_offset, f.aux);
        return fail("fence wait", rc);
    }
    return SGPU_OK;
}

/* Leaves the device alone for about gap device cycles (the simulator's clock runs while a
 * driver is connected), so that the engine has stopped and the firmware has seen it. */
static void idle_gap(struct bench *b, unsigned gap)
{
    uint64_t c0, c1;
    if (sgpu_device_cycles(b->dev, &c0, NULL) != SGPU_OK) {
        usleep(gap / 100 + 1000); /* a real device: 100 MHz or more */
        return;
    }
    for (unsigned i = 0; i < 100000; i++) {
        usleep(100);
        if (sgpu_device_cycles(b->dev, &c1, NULL) != SGPU_OK || c1 - c0 >= gap)
            return;
    }
}

/* Runs what `build` appends between two TIMESTAMPs (T0 first, T1 last) in one submission;
 * *cycles = T1 - T0. */
typedef int (*build_fn)(struct bench *b, sgpu_ctx *ctx, void *arg);

static int timed(struct bench *b, sgpu_ctx *ctx, build_fn build, void *arg, uint64_t *cycles)
{
    int rc;
    *slot(b, SLOT_T0) = 0;
    *slot(b, SLOT_T1) = 0;
    if ((rc = sgpu_cmd_timestamp(ctx, bus(b, SLOT_T0), 0)))
        return fail("TIMESTAMP", rc);
    if (build && (rc = build(b, ctx, arg)))
        return rc;
    if ((rc = sgpu_cmd_timestamp(ctx, bus(b, SLOT_T1), 0)))
        return fail("TIMESTAMP", rc);
    if ((rc = submit_wait(ctx)))
        return rc;
    uint64_t t0 = *slot(b, SLOT_T0), t1 = *slot(b, SLOT_T1);
    if (t0 == 0 || t1 < t0) {
        fprintf(stderr, "sgpu-cp-bench: timestamps %" PRIu64 ", %" PRIu64 " make no sense\n", t0, t1);
        return SGPU_ERR_DEVICE;
    }
    *cycles = t1 - t0;
    return SGPU_OK;
}

/* Median of `runs` timed runs. */
static int timed_median(struct bench *b, sgpu_ctx *ctx, build_fn build, void *arg,
                        unsigned runs, uint64_t *median)
{
    uint64_t s[16];
    if (runs > 16)
        runs = 16;
    for (unsigned i = 0; i < runs; i++) {
        int rc = timed(b, ctx, build, arg, &s[i]);
        if (rc)
            return rc;
    }
    qsort(s, runs, sizeof s[0], cmp_u64);
    *median = s[runs / 2];
    return SGPU_OK;
}

/* ---- doorbell to execution ---------------------------------------------------------------- */

static int build_waits(struct bench *b, sgpu_ctx *ctx, void *arg)
{
    unsigned k = *(unsigned *)arg;
    for (unsigned i = 0; i < k; i++) {
        int rc = sgpu_cmd_wait(ctx, bus(b, SLOT_WAIT), 1, 0);
        if (rc)
            return fail("WAIT", rc);
    }
    return SGPU_OK;
}

struct latency {
    uint64_t raw_p50, raw_p99, raw_min, raw_max;
    unsigned samples;
    uint64_t ts_pair;          /* TIMESTAMP; TIMESTAMP */
    double wait_read;          /* cycles one satisfied WAIT on host memory adds */
};

/* Doorbell-to-execution samples on one engine: each a fresh doorbell on an idle engine whose
 * first command is a TIMESTAMP; latency = TIMESTAMP - CP.DB_CYCLE. Then the engine's DMA
 * read latency: the cycles a satisfied WAIT on host memory adds between two TIMESTAMPs
 * ((12 WAITs - 4 WAITs) / 8, medians of 5). */
static int doorbell_latency(struct bench *b, unsigned node, struct latency *L)
{
    const struct opts *o = b->o;
    sgpu_ctx *ctx;
    int rc;
    if ((rc = ctx_new(b, node, 64 * 1024, &ctx)))
        return rc;
    uint64_t *lat = calloc(o->reps, sizeof *lat);
    if (!lat) {
        sgpu_ctx_destroy(ctx);
        return fail("samples", SGPU_ERR_NOMEM);
    }
    /* one submission first so that the context's first run is not among the samples */
    if ((rc = submit_wait(ctx)))
        goto out;
    for (unsigned i = 0; i < o->reps; i++) {
        uint32_t lo, hi;
        idle_gap(b, o->gap_cycles);
        *slot(b, SLOT_T0) = 0;
        if ((rc = sgpu_cmd_timestamp(ctx, bus(b, SLOT_T0), 0))) {
            fail("TIMESTAMP", rc);
            goto out;
        }
        if ((rc = submit_wait(ctx)))
            goto out;
        if ((rc = sgpu_read32(b->dev, SGPU_CP_BAR0_BASE + SGPU_CP_DB_CYCLE_LO_OFFSET, &lo)) ||
            (rc = sgpu_read32(b->dev, SGPU_CP_BAR0_BASE + SGPU_CP_DB_CYCLE_HI_OFFSET, &hi))) {
            fail("CP.DB_CYCLE", rc);
            goto out;
        }
        uint64_t db = (uint64_t)hi << 32 | lo, ts = *slot(b, SLOT_T0);
        if (db == 0 || ts <= db) {
            fprintf(stderr, "sgpu-cp-bench: %s: TIMESTAMP %" PRIu64 " not after the doorbell "
                    "at %" PRIu64 "\n", engine_name[node], ts, db);
            rc = SGPU_ERR_DEVICE;
            goto out;
        }
        lat[i] = ts - db;
    }
    qsort(lat, o->reps, sizeof *lat, cmp_u64);
    L->samples = o->reps;
    L->raw_p50 = pct(lat, o->reps, 0.50);
    L->raw_p99 = pct(lat, o->reps, 0.99);
    L->raw_min = lat[0];
    L->raw_max = lat[o->reps - 1];

    unsigned k0 = 0, k4 = 4, k12 = 12;
    uint64_t c4, c12;
    *slot(b, SLOT_WAIT) = 1;
    if ((rc = timed_median(b, ctx, build_waits, &k0, 5, &L->ts_pair)) ||
        (rc = timed_median(b, ctx, build_waits, &k4, 5, &c4)) ||
        (rc = timed_median(b, ctx, build_waits, &k12, 5, &c12)))
        goto out;
    L->wait_read = ((double)c12 - (double)c4) / 8.0;
out:
    free(lat);
    sgpu_ctx_destroy(ctx);
    return rc;
}

/* DMA.CYCLES of 8-byte host->VRAM transfers (median): START to the data in VRAM. */
static int dma_block_latency(struct bench *b, uint32_t *median)
{
    uint32_t vaddr, c[15];
    int rc = sgpu_vram_alloc(b->dev, 64, 64, &vaddr);
    if (rc)
        return fail("VRAM", rc);
    for (unsigned i = 0; i < 15; i++)
        if ((rc = sgpu_link_dma(b->dev, b->scratch, SLOT_WAIT, vaddr, 8, 0, WAIT_MS, &c[i]))) {
            sgpu_vram_free(b->dev, vaddr);
            return fail("DMA block", rc);
        }
    sgpu_vram_free(b->dev, vaddr);
    for (unsigned i = 1; i < 15; i++) /* insertion sort */
        for (unsigned j = i; j > 0 && c[j - 1] > c[j]; j--) {
            uint32_t t = c[j]; c[j] = c[j - 1]; c[j - 1] = t;
        }
    *median = c[7];
    return SGPU_OK;
}

/* ---- command rate ------------------------------------------------------------------------- */

static int build_fences(struct bench *b, sgpu_ctx *ctx, void *arg)
{
    unsigned n = *(unsigned *)arg;
    for (unsigned i = 0; i < n; i++) {
        int rc = sgpu_cmd_fence(ctx, bus(b, SLOT_FENCE), i + 1, 0);
        if (rc)
            return fail("FENCE", rc);
    }
    return SGPU_OK;
}

/* Diagnostics: FENCEs to one VRAM word (no host write), NOPs of a FENCE's 5 DWs (the same
 * fetch and decode, nothing written). */
static uint32_t vram_fence_addr;

static int build_vram_fences(struct bench *b, sgpu_ctx *ctx, void *arg)
{
    (void)b;
    unsigned n = *(unsigned *)arg;
    for (unsigned i = 0; i < n; i++) {
        int rc = sgpu_cmd_fence(ctx, vram_fence_addr, i + 1, SGPU_CMD_FENCE_FLAG_VRAM);
        if (rc)
            return fail("FENCE to VRAM", rc);
    }
    return SGPU_OK;
}

static int nops_of(sgpu_ctx *ctx, unsigned n, unsigned dwords)
{
    for (unsigned i = 0; i < n; i++) {
        int rc = sgpu_cmd_nop(ctx, dwords);
        if (rc)
            return fail("NOP", rc);
    }
    return SGPU_OK;
}

static int build_nops(struct bench *b, sgpu_ctx *ctx, void *arg)
{
    (void)b;
    return nops_of(ctx, *(unsigned *)arg, 1);
}

static int build_nop5s(struct bench *b, sgpu_ctx *ctx, void *arg)
{
    (void)b;
    return nops_of(ctx, *(unsigned *)arg, 5);
}

struct rate {
    uint64_t fence_cycles, nop_cycles;
    uint64_t vram_fence_cycles, nop5_cycles;   /* diagnostics */
};

/* n FENCEs, then n NOPs, between two TIMESTAMPs, each on a fresh context whose ring holds
 * them without a WRAP. */
static int command_rate(struct bench *b, unsigned node, struct rate *r)
{
    unsigned n = b->o->cmds;
    uint32_t ring = 256;
    while (ring < 2u * (20u * n + 64u) && ring < (16u << 20))
        ring <<= 1;
    sgpu_ctx *ctx;
    int rc;
    if ((rc = ctx_new(b, node, ring, &ctx)))
        return rc;
    if (!(rc = timed(b, ctx, build_fences, &n, &r->fence_cycles)) &&
        *slot(b, SLOT_FENCE) != n) {
        fprintf(stderr, "sgpu-cp-bench: the last FENCE wrote %" PRIu64 ", not %u\n",
                *slot(b, SLOT_FENCE), n);
        rc = SGPU_ERR_DEVICE;
    }
    sgpu_ctx_destroy(ctx);
    if (rc)
        return rc;
    static const build_fn more[3] = {build_nops, build_vram_fences, build_nop5s};
    uint64_t *res[3] = {&r->nop_cycles, &r->vram_fence_cycles, &r->nop5_cycles};
    if ((rc = sgpu_vram_alloc(b->dev, 8, 8, &vram_fence_addr)))
        return fail("VRAM", rc);
    for (unsigned i = 0; i < 3 && !rc; i++) {
        if ((rc = ctx_new(b, node, ring, &ctx)))
            break;
        rc = timed(b, ctx, more[i], &n, res[i]);
        sgpu_ctx_destroy(ctx);
    }
    sgpu_vram_free(b->dev, vram_fence_addr);
    return rc;
}

/* ---- COPY --------------------------------------------------------------------------------- */

struct copy_args {
    uint64_t src, dst;
    uint32_t bytes;
    unsigned flags;
};

static int build_copy(struct bench *b, sgpu_ctx *ctx, void *arg)
{
    (void)b;
    struct copy_args *c = arg;
    int rc = sgpu_cmd_copy(ctx, c->src, c->dst, c->bytes, c->flags);
    return rc ? fail("COPY", rc) : SGPU_OK;
}

struct copy_res {
    uint64_t cycles[3];        /* host->VRAM, VRAM->host, host->host */
};
static const char *const copy_dir[3] = {"host_to_vram", "vram_to_host", "host_to_host"};

static int copy_rate(struct bench *b, struct copy_res *res)
{
    uint32_t n = b->o->copy_bytes, vaddr;
    struct sgpu_dma_buf *buf;
    sgpu_ctx *ctx;
    int rc;
    if ((rc = sgpu_dma_alloc(b->dev, 3 * (size_t)n, &buf)))
        return fail("DMA buffer", rc);
    if ((rc = sgpu_vram_alloc(b->dev, n, 64, &vaddr))) {
        sgpu_dma_free(b->dev, buf);
        return fail("VRAM", rc);
    }
    uint8_t *a = buf->cpu, *v2h = a + n, *h2h = a + 2 * (size_t)n;
    for (uint32_t i = 0; i < n; i++)
        a[i] = (uint8_t)(i * 167u + (i >> 9) + 3u);
    memset(v2h, 0, n);
    memset(h2h, 0, n);
    if ((rc = ctx_new(b, SGPU_NODE_COPY, 4096, &ctx)))
        goto out;
    struct copy_args c[3] = {
        {buf->bus, vaddr, n, SGPU_CMD_COPY_FLAG_DST_VRAM},
        {vaddr, buf->bus + n, n, SGPU_CMD_COPY_FLAG_SRC_VRAM},
        {buf->bus, buf->bus + 2 * (uint64_t)n, n, 0},
    };
    for (unsigned d = 0; d < 3; d++) {
        progress("COPY %s, %u bytes", copy_dir[d], n);
        if ((rc = timed(b, ctx, build_copy, &c[d], &res->cycles[d])))
            break;
    }
    sgpu_ctx_destroy(ctx);
    if (!rc && (memcmp(a, v2h, n) != 0 || memcmp(a, h2h, n) != 0)) {
        fprintf(stderr, "sgpu-cp-bench: COPY: the data came back different\n");
        rc = SGPU_ERR_DEVICE;
    }
out:
    sgpu_vram_free(b->dev, vaddr);
    sgpu_dma_free(b->dev, buf);
    return rc;
}

/* ---- vadd --------------------------------------------------------------------------------- */

struct dispatch_args {
    uint32_t kernel, grid_x, wg, args;
};

static int build_dispatch(struct bench *b, sgpu_ctx *ctx, void *arg)
{
    (void)b;
    struct dispatch_args *d = arg;
    int rc = sgpu_cmd_dispatch(ctx, d->kernel, d->grid_x, 1, 1, d->wg, d->args);
    return rc ? fail("DISPATCH", rc) : SGPU_OK;
}

struct vadd_res {
    int ran;
    char why[4400];            /* why not */
    uint32_t n;
    uint64_t cycles_1core;     /* one workgroup of n: one core */
    uint64_t cycles_2cores;    /* two workgroups of n / 2: one per core */
    uint64_t cycles_wg64;      /* n / 64 workgroups of 64 */
};

static int vadd(struct bench *b, const char *kdir, struct vadd_res *res)
{
    uint32_t n = b->o->vadd_n & ~1u, bytes = 4 * n, va = 0, vb = 0, vc = 0, vargs = 0;
    char path[4096];
    sgpu_kernel *k = NULL;
    sgpu_ctx *ctx = NULL;
    uint32_t *ha = NULL, *hb = NULL, *hc = NULL;
    int rc;

    res->n = n;
    snprintf(path, sizeof path, "%s/vadd.bin", kdir);
    if (access(path, R_OK) != 0) {
        snprintf(res->why, sizeof res->why, "%s: %s (make kernels builds it)", path, strerror(errno));
        progress("vadd skipped: %s", res->why);
        return SGPU_OK;
    }
    if ((rc = sgpu_kernel_load(b->dev, path, &k)))
        return fail(path, rc);
    ha = malloc(bytes); hb = malloc(bytes); hc = malloc(bytes);
    if (!ha || !hb || !hc) {
        rc = fail("vadd buffers", SGPU_ERR_NOMEM);
        goto out;
    }
    for (uint32_t i = 0; i < n; i++) {
        ha[i] = i * 2654435761u;
        hb[i] = ~i * 40503u + 17u;
    }
    if ((rc = sgpu_vram_alloc(b->dev, bytes, 64, &va)) || (rc = sgpu_vram_alloc(b->dev, bytes, 64, &vb)) ||
        (rc = sgpu_vram_alloc(b->dev, bytes, 64, &vc)) || (rc = sgpu_vram_alloc(b->dev, 16, 64, &vargs))) {
        fail("VRAM for vadd", rc);
        goto out;
    }
    uint32_t args[4] = {va, vb, vc, n}; /* struct vadd_args: a, b, c, n (little-endian) */
    if ((rc = sgpu_vram_write(b->dev, va, ha, bytes)) || (rc = sgpu_vram_write(b->dev, vb, hb, bytes)) ||
        (rc = sgpu_vram_write(b->dev, vargs, args, sizeof args))) {
        fail("VRAM write", rc);
        goto out;
    }
    if ((rc = ctx_new(b, SGPU_NODE_COMPUTE, 4096, &ctx)))
        goto out;
    struct dispatch_args runs[3] = {
        {sgpu_kernel_addr(k), 1, n, vargs},
        {sgpu_kernel_addr(k), 2, n / 2, vargs},
        {sgpu_kernel_addr(k), (n + 63) / 64, 64, vargs},
    };
    static const char *const what[3] = {"1 workgroup (one core)", "2 workgroups (two cores)",
                                        "workgroups of 64"};
    uint64_t *out[3] = {&res->cycles_1core, &res->cycles_2cores, &res->cycles_wg64};
    for (unsigned r = 0; r < 3; r++) {
        memset(hc, 0, bytes);
        if ((rc = sgpu_vram_write(b->dev, vc, hc, bytes))) {
            fail("VRAM write", rc);
            goto out;
        }
        progress("vadd of %u elements, %s", n, what[r]);
        if ((rc = timed(b, ctx, build_dispatch, &runs[r], out[r])))
            goto out;
        if ((rc = sgpu_vram_read(b->dev, vc, hc, bytes))) {
            fail("VRAM read", rc);
            goto out;
        }
        for (uint32_t i = 0; i < n; i++)
            if (hc[i] != ha[i] + hb[i]) {
                fprintf(stderr, "sgpu-cp-bench: vadd (%s): c[%u] = 0x%08x, expected 0x%08x\n",
                        what[r], i, hc[i], ha[i] + hb[i]);
                rc = SGPU_ERR_DEVICE;
                goto out;
            }
    }
    res->ran = 1;
out:
    sgpu_ctx_destroy(ctx);
    if (vargs) sgpu_vram_free(b->dev, vargs);
    if (vc) sgpu_vram_free(b->dev, vc);
    if (vb) sgpu_vram_free(b->dev, vb);
    if (va) sgpu_vram_free(b->dev, va);
    sgpu_kernel_free(k);
    free(ha); free(hb); free(hc);
    return rc;
}

/* ---- the whole run ------------------------------------------------------------------------ */

static void json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fprintf(f, "\\%c", *s);
        else if ((unsigned char)*s < 0x20)
            fprintf(f, "\\u%04x", (unsigned char)*s);
        else
            fputc(*s, f);
    }
    fputc('"', f);
}

static int measure(sgpu_dev *dev, const struct opts *o, const char *kdir)
{
    struct bench b = {.dev = dev, .o = o};
    struct latency lat[2] = {{0}};
    struct rate rate[2] = {{0}};
    struct copy_res cp = {{0}};
    struct vadd_res va = {0};
    uint32_t dma8 = 0;
    int rc;

    if ((rc = sgpu_ctl_start(dev, NULL)))
        return fail("control channel", rc);
    if ((rc = sgpu_dma_alloc(dev, SCRATCH_BYTES, &b.scratch)))
        return fail("DMA buffer", rc);
    memset(b.scratch->cpu, 0, SCRATCH_BYTES);

    for (unsigned e = 0; e < 2; e++) {
        progress("doorbell to execution on the %s engine, %u samples", engine_name[e], o->reps);
        if ((rc = doorbell_latency(&b, e, &lat[e])))
            goto out;
    }
    progress("DMA block: 8-byte host->VRAM transfers");
    if ((rc = dma_block_latency(&b, &dma8)))
        goto out;
    for (unsigned e = 0; e < 2; e++) {
        progress("%u FENCEs, %u NOPs on the %s engine", o->cmds, o->cmds, engine_name[e]);
        if ((rc = command_rate(&b, e, &rate[e])))
            goto out;
    }
    if ((rc = copy_rate(&b, &cp)))
        goto out;
    if (o->vadd_n) {
        if ((rc = vadd(&b, kdir, &va)))
            goto out;
    } else {
        snprintf(va.why, sizeof va.why, "not run (--vadd-n 0)");
    }

    /* The DMA read latency taken off: the smaller of the two measurements (a satisfied
     * WAIT's cost on the same engine, DMA.CYCLES of 8 bytes), so that what is left is not
     * understated. */
    double sub[2], net_p50 = 0, net_p99 = 0;
    for (unsigned e = 0; e < 2; e++) {
        sub[e] = lat[e].wait_read < dma8 ? lat[e].wait_read : dma8;
        net_p50 = fmax(net_p50, (double)lat[e].raw_p50 - sub[e]);
        net_p99 = fmax(net_p99, (double)lat[e].raw_p99 - sub[e]);
    }
    double fence_pc[2], nop_pc[2];
    for (unsigned e = 0; e < 2; e++) {
        fence_pc[e] = (double)o->cmds / (double)rate[e].fence_cycles;
        nop_pc[e] = (double)o->cmds / (double)rate[e].nop_cycles;
    }
    double copy_bpc[3], copy_min = 1e30;
    for (unsigned d = 0; d < 3; d++) {
        copy_bpc[d] = (double)o->copy_bytes / (double)cp.cycles[d];
        copy_min = fmin(copy_min, copy_bpc[d]);
    }

    if (o->json) {
        FILE *f = stdout;
        fprintf(f, "{\n  \"cp\": {\n    \"doorbell_to_exec_cycles\": {\n");
        fprintf(f, "      \"p50\": %.1f,\n      \"p99\": %.1f,\n", net_p50, net_p99);
        fprintf(f, "      \"raw_p50\": %" PRIu64 ",\n      \"raw_p99\": %" PRIu64 ",\n",
                lat[0].raw_p50 > lat[1].raw_p50 ? lat[0].raw_p50 : lat[1].raw_p50,
                lat[0].raw_p99 > lat[1].raw_p99 ? lat[0].raw_p99 : lat[1].raw_p99);
        fprintf(f, "      \"dma_read_latency_cycles\": %.1f,\n", fmin(sub[0], sub[1]));
        fprintf(f, "      \"dma_block_8b_cycles\": %u,\n", dma8);
        fprintf(f, "      \"samples_per_engine\": %u,\n      \"gap_cycles\": %u,\n", o->reps, o->gap_cycles);
        fprintf(f, "      \"method\": \"per engine, %u submissions each after %u idle device cycles, "
                "a TIMESTAMP first: TIMESTAMP - CP.DB_CYCLE (raw); dma_read_latency = the smaller of "
                "a satisfied host WAIT's cost between TIMESTAMPs ((12 - 4 WAITs) / 8) and DMA.CYCLES "
                "of an 8-byte host->VRAM transfer; p50, p99 = raw - that, the worse engine\",\n",
                o->reps, o->gap_cycles);
        for (unsigned e = 0; e < 2; e++) {
            fprintf(f, "      \"%s\": {\"raw_p50\": %" PRIu64 ", \"raw_p99\": %" PRIu64
                    ", \"raw_min\": %" PRIu64 ", \"raw_max\": %" PRIu64
                    ", \"wait_read_cycles\": %.2f, \"dma_read_latency_cycles\": %.2f"
                    ", \"p50\": %.1f, \"p99\": %.1f, \"timestamp_pair_cycles\": %" PRIu64 "}%s\n",
                    engine_name[e], lat[e].raw_p50, lat[e].raw_p99, lat[e].raw_min, lat[e].raw_max,
                    lat[e].wait_read, sub[e], lat[e].raw_p50 - sub[e], lat[e].raw_p99 - sub[e],
                    lat[e].ts_pair, e ? "" : ",");
        }
        fprintf(f, "    },\n");
        fprintf(f, "    \"cmds_per_cycle\": %.4f,\n    \"nops_per_cycle\": %.4f,\n",
                fmin(fence_pc[0], fence_pc[1]), fmin(nop_pc[0], nop_pc[1]));
        fprintf(f, "    \"cmd_rate\": {\"commands\": %u, \"method\": \"N FENCEs to one host "
                "slot (NOPs of 1 DW) between two TIMESTAMPs in one submission on a fresh context; "
                "N / (t2 - t1), the slower engine; diagnostics: N FENCEs to VRAM, N 5-DW NOPs\"", o->cmds);
        for (unsigned e = 0; e < 2; e++)
            fprintf(f, ", \"%s\": {\"fence_cycles\": %" PRIu64 ", \"fences_per_cycle\": %.4f"
                    ", \"nop_cycles\": %" PRIu64 ", \"nops_per_cycle\": %.4f"
                    ", \"vram_fence_cycles\": %" PRIu64 ", \"nop5_cycles\": %" PRIu64 "}",
                    engine_name[e], rate[e].fence_cycles, fence_pc[e], rate[e].nop_cycles, nop_pc[e],
                    rate[e].vram_fence_cycles, rate[e].nop5_cycles);
        fprintf(f, "}\n  },\n");
        fprintf(f, "  \"copy\": {\n    \"bytes\": %u,\n    \"bytes_per_cycle\": %.4f", o->copy_bytes, copy_min);
        fprintf(f, ",\n    \"method\": \"one COPY between two TIMESTAMPs on the copy engine per "
                "direction, data checked; bytes / (t2 - t1), the slowest direction\"");
        for (unsigned d = 0; d < 3; d++)
            fprintf(f, ",\n    \"%s\": {\"cycles\": %" PRIu64 ", \"bytes_per_cycle\": %.4f}",
                    copy_dir[d], cp.cycles[d], copy_bpc[d]);
        fprintf(f, "\n  },\n  \"compute\": {\n");
        if (va.ran) {
            fprintf(f, "    \"scaling_2_cores\": %.4f,\n",
                    (double)va.cycles_1core / (double)va.cycles_2cores);
            fprintf(f, "    \"method\": \"vadd through DISPATCH between two TIMESTAMPs on the "
                    "device (2 shader cores), results checked: one core = one workgroup of n "
                    "(a workgroup runs on one core), two cores = two workgroups of n / 2; "
                    "scaling = cycles_1_core / cycles_2_cores\",\n");
            fprintf(f, "    \"vadd\": {\"n\": %u, \"cycles_1_core\": %" PRIu64 ", \"cycles_2_cores\": %" PRIu64
                    ", \"cycles_wg64\": %" PRIu64 ", \"cycles_per_element_1_core\": %.2f}\n",
                    va.n, va.cycles_1core, va.cycles_2cores, va.cycles_wg64,
                    (double)va.cycles_1core / va.n);
        } else {
            fprintf(f, "    \"missing\": ");
            json_str(f, va.why);
            fputc('\n', f);
        }
        fprintf(f, "  }\n}\n");
    } else {
        printf("doorbell to execution (cycles): raw p50 / p99, DMA read latency, net p50 / p99\n");
        for (unsigned e = 0; e < 2; e++)
            printf("  %-8s %6" PRIu64 " / %-6" PRIu64 " %6.1f   %6.1f / %.1f   (min %" PRIu64 ", max %" PRIu64
                   "; satisfied WAIT %.2f, TIMESTAMP pair %" PRIu64 ")\n",
                   engine_name[e], lat[e].raw_p50, lat[e].raw_p99, sub[e], lat[e].raw_p50 - sub[e],
                   lat[e].raw_p99 - sub[e], lat[e].raw_min, lat[e].raw_max, lat[e].wait_read,
                   lat[e].ts_pair);
        printf("  DMA.CYCLES of an 8-byte host->VRAM transfer: %u\n", dma8);
        printf("commands per cycle (%u each):\n", o->cmds);
        for (unsigned e = 0; e < 2; e++)
            printf("  %-8s FENCE %.4f (%" PRIu64 " cycles)   NOP %.4f (%" PRIu64 " cycles)"
                   "   [FENCE to VRAM %" PRIu64 ", 5-DW NOP %" PRIu64 " cycles]\n",
                   engine_name[e], fence_pc[e], rate[e].fence_cycles, nop_pc[e], rate[e].nop_cycles,
                   rate[e].vram_fence_cycles, rate[e].nop5_cycles);
        printf("COPY bytes per cycle (%u bytes each):\n", o->copy_bytes);
        for (unsigned d = 0; d < 3; d++)
            printf("  %-13s %.4f (%" PRIu64 " cycles)\n", copy_dir[d], copy_bpc[d], cp.cycles[d]);
        if (va.ran)
            printf("vadd of %u: %" PRIu64 " cycles on one core, %" PRIu64 " on two (%.3fx), %" PRIu64
                   " in workgroups of 64\n", va.n, va.cycles_1core, va.cycles_2cores,
                   (double)va.cycles_1core / va.cycles_2cores, va.cycles_wg64);
        else
            printf("vadd: %s\n", va.why);
    }
out:
    sgpu_dma_free(dev, b.scratch);
    return rc;
}

static int parse_u32(const char *s, unsigned long max, uint32_t *v)
{
    char *end;
    errno = 0;
    unsigned long x = strtoul(s, &end, 0);
    if (!s[0] || *end || errno || x > max)
        return -1;
    *v = (uint32_t)x;
    return 0;
}

int main(int argc, char **argv)
{
    static const struct option lopts[] = {
        {"uri", required_argument, NULL, 'u'},        {"sim", required_argument, NULL, 's'},
        {"work", required_argument, NULL, 'w'},       {"json", no_argument, NULL, 'j'},
        {"reps", required_argument, NULL, 'r'},       {"cmds", required_argument, NULL, 'c'},
        {"copy-bytes", required_argument, NULL, 'b'}, {"vadd-n", required_argument, NULL, 'n'},
        {"gap-cycles", required_argument, NULL, 'g'}, {"kernels", required_argument, NULL, 'k'},
        {"help", no_argument, NULL, 'h'},             {NULL, 0, NULL, 0},
    };
    struct opts o = {.work = "build/bench", .reps = 64, .cmds = 2000, .copy_bytes = 256 * 1024,
                     .vadd_n = 8192, .gap_cycles = 4000};
    char sim[4096], kdir[4200], sock[300], log[300], err[512];
    int c;

    while ((c = getopt_long(argc, argv, "h", lopts, NULL)) != -1) {
        uint32_t v = 0;
        int bad = 0;
        switch (c) {
        case 'u': o.uri = optarg; break;
        case 's': o.sim = optarg; break;
        case 'w': o.work = optarg; break;
        case 'k': o.kernels = optarg; break;
        case 'j': o.json = 1; break;
        case 'r': bad = parse_u32(optarg, MAX_REPS, &v) || v == 0; o.reps = v; break;
        case 'c': bad = parse_u32(optarg, 100000, &v) || v == 0; o.cmds = v; break;
        case 'b': bad = parse_u32(optarg, SGPU_CFG_VRAM_BYTES / 2, &v) || v == 0 || v % 8; o.copy_bytes = v; break;
        case 'n': bad = parse_u32(optarg, SGPU_CFG_VRAM_BYTES / 16, &v); o.vadd_n = v; break;
        case 'g': bad = parse_u32(optarg, 100000000, &v); o.gap_cycles = v; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
        if (bad) {
            fprintf(stderr, "sgpu-cp-bench: bad value '%s' (see --help)\n", optarg);
            return 2;
        }
    }
    if (optind < argc) {
        usage(stderr);
        return 2;
    }
    if (o.vadd_n == 1) {
        fprintf(stderr, "sgpu-cp-bench: --vadd-n must be 0 or at least 2\n");
        return 2;
    }
    if (!o.kernels) {
        /* build/bin/sgpu-cp-bench -> build/kernels */
        char self[4096];
        ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
        o.kernels = "build/kernels";
        if (len > 0) {
            self[len] = '\0';
            char *s = strrchr(self, '/');
            if (s) {
                *s = '\0';
                snprintf(kdir, sizeof kdir, "%s/../kernels", self);
                o.kernels = kdir;
            }
        }
    }

    struct simproc proc = {0};
    char uri[400];
    if (!o.uri) {
        if (!o.sim && simproc_next_to_self("sgpu-sim", sim, sizeof sim) == 0)
            o.sim = sim;
        snprintf(sock, sizeof sock, "%s/cp-bench.sock", o.work);
        snprintf(log, sizeof log, "%s/cp-bench-sim.log", o.work);
        progress("starting %s (log: %s)", o.sim ? o.sim : "sgpu-sim", log);
        if (!o.sim || simproc_start(&proc, o.sim, sock, log, NULL, 120000, err, sizeof err) != 0) {
            fprintf(stderr, "sgpu-cp-bench: cannot start the simulator: %s\n", o.sim ? err : "not found");
            return 1;
        }
        snprintf(uri, sizeof uri, "sim:%s", sock);
        o.uri = uri;
    }
    sgpu_dev *dev = NULL;
    int rc = sgpu_open(o.uri, &dev);
    int status = rc ? (fail(o.uri, rc), 1) : (measure(dev, &o, o.kernels) ? 1 : 0);
    sgpu_close(dev);
    if (proc.pid > 0 && simproc_stop(&proc, 10000) != 0 && status == 0) {
        fprintf(stderr, "sgpu-cp-bench: the simulator did not exit cleanly (log: %s)\n", log);
        status = 1;
    }
    return status;
}
