/* hwsched_bench.c: sgpu-hwsched-bench: measures hardware scheduling on the device (or on a
 * private sgpu-sim it starts), in device cycles:
 *  - suspend latency, from the SUSPEND_CONTEXT frame's doorbell reaching the device
 *    (CP.CTRL_DB_CYCLE) to the suspend fence written (the cycle SUSPEND_CONTEXT_COMPLETED
 *    carries), for a context inside a long COPY, inside a long DISPATCH and blocked in a WAIT;
 *    every suspended command is resumed and its result checked at the end;
 *  - engine reset to the first command of an innocent context running again;
 *  - the cost of a switch between two contexts of one engine (round robin, short quanta).
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
#include <unistd.h>

#include "sgpu.h"
#include "sgpu_regs.h"
#include "bench_stats.h"
#include "simproc.h"

#define WAIT_MS 300000u  /* longest wait for one step (the simulator is slow) */
#define MAX_SAMPLES 256u

struct opts {
    const char *uri, *sim, *work, *kernels;
    unsigned samples;    /* suspends per kind, resets */
    unsigned switches;   /* TIMESTAMPs per context in the switch run */
    unsigned seed;
    int json;
};

static void progress(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("sgpu-hwsched-bench: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static int fail(const char *what, int rc)
{
    fprintf(stderr, "sgpu-hwsched-bench: %s: %s (%s)\n", what,
            sgpu_last_error()[0] ? sgpu_last_error() : sgpu_strerror(rc), sgpu_errname(rc));
    return rc ? rc : SGPU_ERR_DEVICE;
}

struct stats {
    unsigned n;
    uint64_t p50, p99, max, min;
};

/* Nearest-rank percentiles of n samples (sorted in place). */
static struct stats stats_of(uint64_t *s, unsigned n)
{
    struct stats st = {.n = n};
    if (!n)
        return st;
    qsort(s, n, sizeof *s, cmp_u64);
    st.p50 = pct(s, n, 0.50);
    st.p99 = pct(s, n, 0.99);
    st.min = s[0];
    st.max = s[n - 1];
    return st;
}

/* ---- the device ----------------------------------------------------------------------------- */

struct bench {
    sgpu_dev *dev;
    const struct opts *o;
    uint32_t rng;
    /* the latest SUSPEND_CONTEXT_COMPLETED seen: context, value, device cycle */
    uint32_t ack_ctx;
    uint64_t ack_value, ack_cycle;
};

static uint32_t rnd(struct bench *b, uint32_t below)
{
    b->rng ^= b->rng << 13;
    b->rng ^= b->rng >> 17;
    b->rng ^= b->rng << 5;
    return b->rng % below;
}

static void on_event(sgpu_dev *dev, const struct sgpu_event_info *ev, void *user)
{
    (void)dev;
    struct bench *b = user;
    if (ev->type == SGPU_EVENT_SUSPEND_CONTEXT_COMPLETED) {
        b->ack_ctx = ev->ctx_id;
        b->ack_value = ev->value;
        b->ack_cycle = ev->aux;
    }
}

static int read64(struct bench *b, uint32_t lo_off, uint64_t *v)
{
    uint32_t lo, hi;
    int rc = sgpu_read32(b->dev, SGPU_CP_BAR0_BASE + lo_off, &lo);
    if (!rc)
        rc = sgpu_read32(b->dev, SGPU_CP_BAR0_BASE + lo_off + 4, &hi);
    if (rc)
        return fail("CP register", rc);
    *v = (uint64_t)hi << 32 | lo;
    return SGPU_OK;
}

/* Leaves the device alone for about `gap` device cycles. */
static int idle_gap(struct bench *b, uint64_t gap)
{
    uint64_t c0, c1;
    int rc = read64(b, SGPU_CP_CYCLES_LO_OFFSET, &c0);
    for (unsigned i = 0; !rc && i < 1000000; i++) {
        usleep(100);
        if ((rc = read64(b, SGPU_CP_CYCLES_LO_OFFSET, &c1)) || c1 - c0 >= gap)
            break;
    }
    return rc;
}

static int ctx_new(struct bench *b, unsigned node, sgpu_ctx **ctx)
{
    struct sgpu_ctx_options o = SGPU_CTX_OPTIONS_INIT;
    o.ring_bytes = 64 * 1024;
    o.flags = SGPU_CTX_FLAG_DISABLE_GPU_TIMEOUT;
    int rc = sgpu_ctx_create(b->dev, node, &o, ctx);
    return rc ? fail("create a context", rc) : SGPU_OK;
}

/* ---- suspend latency ------------------------------------------------------------------------ */

/* Suspends ctx once while it runs: a sample in *cycles, or *cycles = 0 when the context had
 * already finished its work (nothing measured); then resumes it. */
static int suspend_once(struct bench *b, sgpu_ctx *ctx, uint64_t done_value, uint64_t *cycles)
{
    uint64_t value, db;
    *cycles = 0;
    b->ack_cycle = 0;
    int rc = sgpu_ctx_suspend(ctx, &value);
    if (rc != SGPU_PENDING)
        return rc == SGPU_OK ? fail("suspend: the context was already suspended", SGPU_ERR_STATE)
                             : fail("suspend", rc);
    /* CP.CTRL_DB_CYCLE before any other control frame: the SUSPEND_CONTEXT doorbell */
    if ((rc = read64(b, SGPU_CP_CTRL_DB_CYCLE_LO_OFFSET, &db)))
        return rc;
    if ((rc = sgpu_ctx_suspend_wait(ctx, value, WAIT_MS)))
        return fail("suspend wait", rc);
    /* the fence can be seen before its event is taken: take it */
    for (unsigned i = 0; i < 50000 && !(b->ack_value == value && b->ack_cycle); i++) {
        if ((rc = sgpu_events_poll(b->dev, NULL, NULL)) < 0)
            return fail("events", rc);
        usleep(100); /* the event follows the fence by a few hundred device cycles */
    }
    int finished = sgpu_fence_read(ctx) >= done_value;
    if (b->ack_ctx != sgpu_ctx_id(ctx) || b->ack_value != value || db == 0 ||
        b->ack_cycle <= db) {
        fprintf(stderr, "sgpu-hwsched-bench: acknowledgement {ctx %u, value %" PRIu64 ", cycle %"
                PRIu64 "} does not match the suspend {ctx %u, value %" PRIu64 ", doorbell %" PRIu64
                "}\n", b->ack_ctx, b->ack_value, b->ack_cycle, sgpu_ctx_id(ctx), value, db);
        return SGPU_ERR_DEVICE;
    }
    if (!finished)
        *cycles = b->ack_cycle - db;
    if ((rc = sgpu_ctx_resume(ctx)))
        return fail("resume", rc);
    return SGPU_OK;
}

/* Suspends and resumes ctx at random moments until `want` samples or its work is done
 * (done_value reached). */
static int suspend_samples(struct bench *b, sgpu_ctx *ctx, uint64_t done_value, uint64_t *s,
                           unsigned want, unsigned *got, uint64_t max_gap)
{
    int rc = SGPU_OK;
    while (*got < want && sgpu_fence_read(ctx) < done_value) {
        uint64_t c;
        if ((rc = idle_gap(b, 500 + rnd(b, (uint32_t)max_gap))) ||
            (rc = suspend_once(b, ctx, done_value, &c)))
            return rc;
        if (c)
            s[(*got)++] = c;
    }
    return rc;
}

/* A context inside COPYs of `bytes` host -> host, each suspended and resumed at random
 * moments; every copy's data checked. */
static int suspend_copy(struct bench *b, uint64_t *s, unsigned *n)
{
    const uint32_t bytes = 2u << 20;
    struct sgpu_dma_buf *buf = NULL;
    sgpu_ctx *ctx = NULL;
    int rc = sgpu_dma_alloc(b->dev, 2 * (size_t)bytes, &buf);
    if (rc)
        return fail("host buffer", rc);
    if ((rc = ctx_new(b, SGPU_NODE_COPY, &ctx)))
        goto out;
    for (unsigned round = 0; *n < b->o->samples && round < 64; round++) {
        uint32_t *src = buf->cpu, *dst = (uint32_t *)((uint8_t *)buf->cpu + bytes);
        for (uint32_t i = 0; i < bytes / 4; i++) {
            src[i] = i * 2654435761u + round;
            dst[i] = 0;
        }
        uint64_t done;
        if ((rc = sgpu_cmd_copy(ctx, buf->bus, buf->bus + bytes, bytes, 0)) ||
            (rc = sgpu_submit(ctx, 0, &done))) {
            fail("COPY", rc);
            goto out;
        }
        if ((rc = suspend_samples(b, ctx, done, s, b->o->samples, n, 60000)) ||
            (rc = sgpu_fence_wait(ctx, done, WAIT_MS))) {
            fail("COPY under suspends", rc);
            goto out;
        }
        for (uint32_t i = 0; i < bytes / 4; i++)
            if (dst[i] != src[i]) {
                fprintf(stderr, "sgpu-hwsched-bench: COPY resumed wrong: word %u is 0x%08x, "
                        "expected 0x%08x\n", i, dst[i], src[i]);
                rc = SGPU_ERR_DEVICE;
                goto out;
            }
        progress("COPY %u: %u suspend samples so far, data checked", round, *n);
    }
out:
    sgpu_ctx_destroy(ctx);
    sgpu_dma_free(b->dev, buf);
    return rc;
}

/* A context inside a long vadd DISPATCH, suspended and resumed at random moments; the sums
 * checked. */
static int suspend_dispatch(struct bench *b, uint64_t *s, unsigned *n, char *why, size_t whylen)
{
    const uint32_t count = 32768, bytes = 4 * count;
    char path[4200];
    snprintf(path, sizeof path, "%s/vadd.bin", b->o->kernels);
    if (access(path, R_OK) != 0) {
        snprintf(why, whylen, "%s: %s (make kernels builds it)", path, strerror(errno));
        progress("DISPATCH skipped: %s", why);
        return SGPU_OK;
    }
    sgpu_kernel *k = NULL;
    sgpu_ctx *ctx = NULL;
    uint32_t va = 0, vb = 0, vc = 0, vargs = 0, *ha = malloc(bytes), *hb = malloc(bytes),
             *hc = malloc(bytes);
    int rc = (!ha || !hb || !hc) ? fail("buffers", SGPU_ERR_NOMEM) : sgpu_kernel_load(b->dev, path, &k);
    if (rc)
        goto out;
    for (uint32_t i = 0; i < count; i++) {
        ha[i] = i * 2654435761u;
        hb[i] = ~i * 40503u + 17u;
    }
    if ((rc = sgpu_vram_alloc(b->dev, bytes, 64, &va)) || (rc = sgpu_vram_alloc(b->dev, bytes, 64, &vb)) ||
        (rc = sgpu_vram_alloc(b->dev, bytes, 64, &vc)) || (rc = sgpu_vram_alloc(b->dev, 16, 64, &vargs))) {
        fail("VRAM", rc);
        goto out;
    }
    uint32_t args[4] = {va, vb, vc, count};
    if ((rc = sgpu_vram_write(b->dev, va, ha, bytes)) || (rc = sgpu_vram_write(b->dev, vb, hb, bytes)) ||
        (rc = sgpu_vram_write(b->dev, vargs, args, sizeof args)) || (rc = ctx_new(b, SGPU_NODE_COMPUTE, &ctx))) {
        fail("vadd set-up", rc);
        goto out;
    }
    for (unsigned round = 0; *n < b->o->samples && round < 16; round++) {
        memset(hc, 0, bytes);
        uint64_t done;
        if ((rc = sgpu_vram_write(b->dev, vc, hc, bytes)) ||
            (rc = sgpu_cmd_dispatch(ctx, sgpu_kernel_addr(k), 2, 1, 1, count / 2, vargs)) ||
            (rc = sgpu_submit(ctx, 0, &done))) {
            fail("DISPATCH", rc);
            goto out;
        }
        if ((rc = suspend_samples(b, ctx, done, s, b->o->samples, n, 100000)) ||
            (rc = sgpu_fence_wait(ctx, done, WAIT_MS)) || (rc = sgpu_vram_read(b->dev, vc, hc, bytes))) {
            fail("DISPATCH under suspends", rc);
            goto out;
        }
        for (uint32_t i = 0; i < count; i++)
            if (hc[i] != ha[i] + hb[i]) {
                fprintf(stderr, "sgpu-hwsched-bench: vadd resumed wrong: c[%u] = 0x%08x, "
                        "expected 0x%08x\n", i, hc[i], ha[i] + hb[i]);
                rc = SGPU_ERR_DEVICE;
                goto out;
            }
        progress("DISPATCH %u: %u suspend samples so far, sums checked", round, *n);
    }
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

/* A context blocked in a WAIT on a host value (alone on its engine, so it polls there),
 * suspended and resumed; then the value is written and the context must finish. */
static int suspend_wait(struct bench *b, uint64_t *s, unsigned *n)
{
    struct sgpu_dma_buf *buf = NULL;
    sgpu_ctx *ctx = NULL;
    int rc = sgpu_dma_alloc(b->dev, 64, &buf);
    if (rc)
        return fail("host buffer", rc);
    volatile uint64_t *flag = buf->cpu;
    *flag = 0;
    uint64_t done;
    if ((rc = ctx_new(b, SGPU_NODE_COPY, &ctx)) || (rc = sgpu_cmd_wait(ctx, buf->bus, 1, 0)) ||
        (rc = sgpu_submit(ctx, 0, &done))) {
        fail("WAIT", rc);
        goto out;
    }
    if ((rc = suspend_samples(b, ctx, done, s, b->o->samples, n, 20000)))
        goto out;
    *flag = 1;
    if ((rc = sgpu_fence_wait(ctx, done, WAIT_MS)))
        fail("the WAIT after its value was written", rc);
out:
    sgpu_ctx_destroy(ctx);
    sgpu_dma_free(b->dev, buf);
    return rc;
}

/* ---- engine reset to resume ------------------------------------------------------------------- */

/* A context inside a long COPY (the culprit) and an innocent one queued behind it with a
 * TIMESTAMP first; reset the copy engine, resume it: TIMESTAMP - the reset frame's doorbell
 * (total) and - the resume frame's doorbell (resume). */
static int reset_to_resume(struct bench *b, uint64_t *total, uint64_t *resume, unsigned *n)
{
    const uint32_t bytes = 4u << 20;
    struct sgpu_dma_buf *buf = NULL, *stamp = NULL;
    sgpu_ctx *innocent = NULL;
    int rc = sgpu_dma_alloc(b->dev, 2 * (size_t)bytes, &buf);
    if (!rc)
        rc = sgpu_dma_alloc(b->dev, 64, &stamp);
    if (rc || (rc = ctx_new(b, SGPU_NODE_COPY, &innocent))) {
        fail("set-up", rc);
        goto out;
    }
    volatile uint64_t *ts = stamp->cpu;
    for (unsigned i = 0; i < b->o->samples && i < 32; i++) {
        sgpu_ctx *culprit = NULL;
        uint64_t v, vi, reset_db, resume_db;
        if ((rc = ctx_new(b, SGPU_NODE_COPY, &culprit)) ||
            (rc = sgpu_cmd_copy(culprit, buf->bus, buf->bus + bytes, bytes, 0)) ||
            (rc = sgpu_submit(culprit, 0, &v)) || (rc = idle_gap(b, 2000 + rnd(b, 20000)))) {
            fail("culprit", rc);
            sgpu_ctx_destroy(culprit);
            goto out;
        }
        *ts = 0;
        if ((rc = sgpu_cmd_timestamp(innocent, stamp->bus, 0)) || (rc = sgpu_submit(innocent, 0, &vi)) ||
            (rc = idle_gap(b, 1000))) {
            fail("innocent", rc);
            sgpu_ctx_destroy(culprit);
            goto out;
        }
        rc = sgpu_engine_reset(b->dev, SGPU_NODE_COPY, 0, NULL, NULL);
        if (!rc)
            rc = read64(b, SGPU_CP_CTRL_DB_CYCLE_LO_OFFSET, &reset_db);
        if (!rc && sgpu_ctx_error(culprit, NULL) == SGPU_OK)
            rc = fail("the culprit survived the reset", SGPU_ERR_DEVICE);
        if (!rc && (rc = sgpu_engine_resume(b->dev, SGPU_NODE_COPY, 0)) == SGPU_OK)
            rc = read64(b, SGPU_CP_CTRL_DB_CYCLE_LO_OFFSET, &resume_db);
        if (!rc)
            rc = sgpu_fence_wait(innocent, vi, WAIT_MS);
        sgpu_ctx_destroy(culprit);
        if (rc) {
            fail("reset and resume", rc);
            goto out;
        }
        if (*ts <= resume_db) {
            fprintf(stderr, "sgpu-hwsched-bench: the innocent context's TIMESTAMP %" PRIu64
                    " is not after the resume at %" PRIu64 "\n", (uint64_t)*ts, resume_db);
            rc = SGPU_ERR_DEVICE;
            goto out;
        }
        total[*n] = *ts - reset_db;
        resume[*n] = *ts - resume_db;
        ++*n;
    }
out:
    sgpu_ctx_destroy(innocent);
    sgpu_dma_free(b->dev, stamp);
    sgpu_dma_free(b->dev, buf);
    return rc;
}

/* ---- context switch ---------------------------------------------------------------------------- */

/* SET_CONTEXT_PROPERTIES: NORMAL band, quantum in 100 ns units. */
static int set_quantum(struct bench *b, sgpu_ctx *ctx, uint32_t quantum)
{
    union sgpu_ctrl_frame f;
    memset(&f, 0, sizeof f);
    f.hdr.opcode = SGPU_CTRL_OP_SET_CONTEXT_PROPERTIES;
    f.set_context_properties.ctx_id = sgpu_ctx_id(ctx);
    f.set_context_properties.band = SGPU_BAND_NORMAL;
    f.set_context_properties.quantum = quantum;
    int rc = sgpu_ctl_call(b->dev, &f, NULL, 0);
    return rc ? fail("SET_CONTEXT_PROPERTIES", rc) : SGPU_OK;
}

struct stamp {
    uint64_t t;
    unsigned who;
};

static int cmp_stamp(const void *a, const void *b)
{
    return cmp_u64(&((const struct stamp *)a)->t, &((const struct stamp *)b)->t);
}

/* Two contexts of the copy engine, each a ring of TIMESTAMPs into its own array, with 20 us
 * quanta: merged by time, a switch is where the writer changes; its cost is that gap minus
 * the median gap between two TIMESTAMPs of one context. */
static int ctx_switch(struct bench *b, uint64_t *s, unsigned *n, uint64_t *step)
{
    unsigned per = b->o->switches;
    struct sgpu_dma_buf *buf = NULL;
    sgpu_ctx *ctx[2] = {NULL, NULL};
    struct stamp *all = calloc(2 * (size_t)per, sizeof *all);
    uint64_t *gaps = calloc(2 * (size_t)per, sizeof *gaps);
    int rc = (!all || !gaps) ? SGPU_ERR_NOMEM : sgpu_dma_alloc(b->dev, 2 * (size_t)per * 8, &buf);
    if (rc) {
        fail("buffers", rc);
        goto out;
    }
    memset(buf->cpu, 0, 2 * (size_t)per * 8);
    uint64_t done[2];
    for (unsigned c = 0; c < 2; c++) {
        if ((rc = ctx_new(b, SGPU_NODE_COPY, &ctx[c])) || (rc = set_quantum(b, ctx[c], 200)))
            goto out;
        for (unsigned i = 0; i < per; i++)
            if ((rc = sgpu_cmd_timestamp(ctx[c], buf->bus + ((uint64_t)c * per + i) * 8, 0))) {
                fail("TIMESTAMP", rc);
                goto out;
            }
    }
    for (unsigned c = 0; c < 2; c++)
        if ((rc = sgpu_submit(ctx[c], 0, &done[c]))) {
            fail("submit", rc);
            goto out;
        }
    for (unsigned c = 0; c < 2; c++)
        if ((rc = sgpu_fence_wait(ctx[c], done[c], WAIT_MS))) {
            fail("fence wait", rc);
            goto out;
        }
    const uint64_t *t = buf->cpu;
    unsigned ng = 0;
    for (unsigned i = 0; i < 2 * per; i++) {
        all[i] = (struct stamp){t[i], i / per};
        if (i % per)
            gaps[ng++] = t[i] - t[i - 1];
    }
    *step = stats_of(gaps, ng).p50;
    qsort(all, 2 * (size_t)per, sizeof *all, cmp_stamp);
    for (unsigned i = 1; i < 2 * per && *n < MAX_SAMPLES; i++)
        if (all[i].who != all[i - 1].who)
            s[(*n)++] = all[i].t - all[i - 1].t > *step ? all[i].t - all[i - 1].t - *step : 0;
    if (*n == 0) {
        fprintf(stderr, "sgpu-hwsched-bench: the two contexts never took turns\n");
        rc = SGPU_ERR_DEVICE;
    }
out:
    sgpu_ctx_destroy(ctx[0]);
    sgpu_ctx_destroy(ctx[1]);
    sgpu_dma_free(b->dev, buf);
    free(all);
    free(gaps);
    return rc;
}

/* ---- report -------------------------------------------------------------------------------------- */

static void json_stats(FILE *f, const char *name, struct stats st, const char *tail)
{
    fprintf(f, "\"%s\": {\"p50\": %" PRIu64 ", \"p99\": %" PRIu64 ", \"max\": %" PRIu64
            ", \"min\": %" PRIu64 ", \"samples\": %u}%s", name, st.p50, st.p99, st.max, st.min,
            st.n, tail);
}

static int measure(sgpu_dev *dev, const struct opts *o)
{
    struct bench b = {.dev = dev, .o = o, .rng = o->seed * 2654435761u + 1u};
    static uint64_t sus[3][MAX_SAMPLES], tot[MAX_SAMPLES], res[MAX_SAMPLES], sw[MAX_SAMPLES];
    unsigned nsus[3] = {0, 0, 0}, nreset = 0, nsw = 0;
    uint64_t step = 0;
    char why[4400] = "";
    enum sgpu_preemption gran = 0;
    int rc = sgpu_set_event_callback(dev, on_event, &b);
    if (!rc && (rc = sgpu_preemption_granularity(dev, &gran)))
        fail("preemption granularity", rc);
    progress("seed %u; compute preemption: %s", o->seed, sgpu_preemption_name(gran));
    if (!rc) {
        progress("suspend inside COPYs");
        rc = suspend_copy(&b, sus[0], &nsus[0]);
    }
    if (!rc) {
        progress("suspend inside DISPATCHes");
        rc = suspend_dispatch(&b, sus[1], &nsus[1], why, sizeof why);
    }
    if (!rc) {
        progress("suspend in a WAIT");
        rc = suspend_wait(&b, sus[2], &nsus[2]);
    }
    if (!rc) {
        progress("engine reset to resume");
        rc = reset_to_resume(&b, tot, res, &nreset);
    }
    if (!rc) {
        progress("context switches");
        rc = ctx_switch(&b, sw, &nsw, &step);
    }
    sgpu_set_event_callback(dev, NULL, NULL);
    if (rc)
        return rc;
    static const char *const kind[3] = {"copy", "dispatch", "wait"};
    struct stats st[3], total = stats_of(tot, nreset), resume = stats_of(res, nreset),
                        swst = stats_of(sw, nsw);
    for (unsigned k = 0; k < 3; k++)
        st[k] = stats_of(sus[k], nsus[k]);
    if (o->json) {
        FILE *f = stdout;
        fprintf(f, "{\n  \"hwsched\": {\n    \"seed\": %u,\n    \"compute_preemption\": \"%s\",\n",
                o->seed, sgpu_preemption_name(gran));
        fprintf(f, "    \"suspend_cycles\": {");
        for (unsigned k = 0; k < 3; k++) {
            if (k == 1 && !nsus[1]) {
                fprintf(f, "\"dispatch\": {\"missing\": \"%s\"}, ", why);
                continue;
            }
            json_stats(f, kind[k], st[k], k < 2 ? ", " : "");
        }
        fprintf(f, ", \"method\": \"SUSPEND_CONTEXT at random moments of a running COPY (2 MiB "
                "host->host), DISPATCH (vadd 32768 on 2 cores) and a polled WAIT, each resumed "
                "and its result checked: cycle in SUSPEND_CONTEXT_COMPLETED (suspend fence "
                "written) - CP.CTRL_DB_CYCLE (the frame's doorbell)\"},\n");
        fprintf(f, "    ");
        json_stats(f, "reset_to_resume_cycles", total, ",\n    ");
        json_stats(f, "resume_to_innocent_cycles", resume, ",\n");
        fprintf(f, "    \"reset_method\": \"copy engine reset during a 4 MiB COPY with an "
                "innocent context queued (TIMESTAMP first); RESUME_ENGINE sent as soon as the "
                "reset completed: TIMESTAMP - the RESET_ENGINE doorbell (total), - the "
                "RESUME_ENGINE doorbell (resume)\",\n    ");
        json_stats(f, "ctx_switch_cycles", swst, ",\n");
        fprintf(f, "    \"ctx_switch_method\": \"two contexts of the copy engine with 20 us quanta, "
                "%u TIMESTAMPs each: gap where the writer changes minus the median gap between "
                "two TIMESTAMPs of one context (%" PRIu64 " cycles)\"\n  }\n}\n", o->switches, step);
    } else {
        printf("compute preemption: %s\n", sgpu_preemption_name(gran));
        printf("suspend latency (device cycles): p50 / p99 / max (samples)\n");
        for (unsigned k = 0; k < 3; k++)
            printf("  %-9s %6" PRIu64 " / %6" PRIu64 " / %6" PRIu64 "  (%u)\n", kind[k],
                   st[k].p50, st[k].p99, st[k].max, st[k].n);
        printf("engine reset to an innocent context's first command: p50 %" PRIu64 ", max %" PRIu64
               " (resume to it: p50 %" PRIu64 ")\n", total.p50, total.max, resume.p50);
        printf("context switch: p50 %" PRIu64 ", p99 %" PRIu64 " (%u switches; TIMESTAMP step %"
               PRIu64 ")\n", swst.p50, swst.p99, swst.n, step);
    }
    return SGPU_OK;
}

static void usage(FILE *f)
{
    fprintf(f,
            "usage: sgpu-hwsched-bench [--uri URI | --sim SGPU_SIM --work DIR] [--json]\n"
            "                          [--samples N] [--switches N] [--seed N] [--kernels DIR]\n"
            "Measures hardware scheduling in device cycles: suspend latency inside a COPY, a\n"
            "DISPATCH and a WAIT (every suspended command resumed and checked), engine reset to\n"
            "an innocent context running again, and the cost of a context switch.\n"
            "Progress on standard error; results on standard output.\n"
            "  --uri URI          a running device (default: start a private sgpu-sim)\n"
            "  --sim PATH         the simulator to start (default: sgpu-sim next to this program)\n"
            "  --work DIR         where its socket and log go (default: build/bench)\n"
            "  --json             print one JSON object (default: a readable summary)\n"
            "  --samples N        suspends per kind and engine resets (default 40, at most %u)\n"
            "  --switches N       TIMESTAMPs per context in the switch run (default 2000)\n"
            "  --seed N           the moments of the suspends and resets (default 1)\n"
            "  --kernels DIR      where vadd.bin is (default: ../kernels next to this program)\n",
            MAX_SAMPLES);
}

static int parse_u32(const char *s, unsigned long max, unsigned *v)
{
    char *end;
    errno = 0;
    unsigned long x = strtoul(s, &end, 0);
    if (!s[0] || *end || errno || x > max)
        return -1;
    *v = (unsigned)x;
    return 0;
}

int main(int argc, char **argv)
{
    static const struct option lopts[] = {
        {"uri", required_argument, NULL, 'u'},     {"sim", required_argument, NULL, 's'},
        {"work", required_argument, NULL, 'w'},    {"json", no_argument, NULL, 'j'},
        {"samples", required_argument, NULL, 'n'}, {"switches", required_argument, NULL, 'x'},
        {"seed", required_argument, NULL, 'r'},    {"kernels", required_argument, NULL, 'k'},
        {"help", no_argument, NULL, 'h'},          {NULL, 0, NULL, 0},
    };
    struct opts o = {.work = "build/bench", .samples = 40, .switches = 2000, .seed = 1};
    char sim[4096], kdir[4200], sock[300], log[300], err[512];
    int c;
    while ((c = getopt_long(argc, argv, "h", lopts, NULL)) != -1) {
        int bad = 0;
        switch (c) {
        case 'u': o.uri = optarg; break;
        case 's': o.sim = optarg; break;
        case 'w': o.work = optarg; break;
        case 'k': o.kernels = optarg; break;
        case 'j': o.json = 1; break;
        case 'n': bad = parse_u32(optarg, MAX_SAMPLES, &o.samples) || o.samples == 0; break;
        case 'x': bad = parse_u32(optarg, 16384, &o.switches) || o.switches < 16; break;
        case 'r': bad = parse_u32(optarg, 0xFFFFFFFFul, &o.seed); break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
        if (bad) {
            fprintf(stderr, "sgpu-hwsched-bench: bad value '%s' (see --help)\n", optarg);
            return 2;
        }
    }
    if (optind < argc) {
        usage(stderr);
        return 2;
    }
    if (!o.kernels) {
        o.kernels = "build/kernels";
        if (simproc_next_to_self("../kernels", kdir, sizeof kdir) == 0)
            o.kernels = kdir;
    }
    struct simproc proc = {0};
    char uri[400];
    if (!o.uri) {
        if (!o.sim && simproc_next_to_self("sgpu-sim", sim, sizeof sim) == 0)
            o.sim = sim;
        snprintf(sock, sizeof sock, "%s/hwsched-bench.sock", o.work);
        snprintf(log, sizeof log, "%s/hwsched-bench-sim.log", o.work);
        progress("starting %s (log: %s)", o.sim ? o.sim : "sgpu-sim", log);
        if (!o.sim || simproc_start(&proc, o.sim, sock, log, NULL, 120000, err, sizeof err) != 0) {
            fprintf(stderr, "sgpu-hwsched-bench: cannot start the simulator: %s\n",
                    o.sim ? err : "not found");
            return 1;
        }
        snprintf(uri, sizeof uri, "sim:%s", sock);
        o.uri = uri;
    }
    sgpu_dev *dev = NULL;
    int rc = sgpu_open(o.uri, &dev);
    int status = rc ? (fail(o.uri, rc), 1) : (measure(dev, &o) ? 1 : 0);
    sgpu_close(dev);
    if (proc.pid > 0 && simproc_stop(&proc, 10000) != 0 && status == 0) {
        fprintf(stderr, "sgpu-hwsched-bench: the simulator did not exit cleanly (log: %s)\n", log);
        status = 1;
    }
    return status;
}
