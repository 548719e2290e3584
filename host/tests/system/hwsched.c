/* hwsched.c: the ten behaviours of the scheduling contract (the shared hwsched spec,
 * section 7) as named system tests, plus moving a suspended context and bad input: each
 * through libsgpu against a running sgpu-sim with the real firmware (started by
 * run-system.py --program hwsched). Each test looks at outcomes: fence values, event records,
 * memory the commands wrote, device timestamps, the scheduling log. Prints
 * `PASS system/NAME` or `FAIL system/NAME: why`.
 *
 * A context is held "running" by a WAIT on a host word the test controls (an engine parks in
 * a polled WAIT when nothing else is ready) or by a stream of short commands; today an engine
 * stops between commands and at once in a WAIT, and nothing here depends on preemption inside
 * a command. */
/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sgpu.h"
#include "sgpu_regs.h"
/* The library's view of a context (ring and state addresses) to check what the device was
 * told, and its command encoders for a context the test builds by hand. */
#include "gpu.h"

#define KIB 1024u
#define WAIT_MS 30000u     /* the simulator runs ~0.1-0.2 M device cycles/s */
#define QUIET_MS 300u      /* "nothing runs": watched this long (~30-60 k device cycles) */
/* For an engine to park a context in its polled WAIT (a few hundred device cycles). */
#define PARK_MS 100u
#define BUSY_RETRY_MS 5000u
#define CP(reg) (SGPU_CP_BAR0_BASE + SGPU_CP_##reg##_OFFSET)
#define CYCLES_PER_100NS (SGPU_CFG_CLK_HZ / 10000000u)
/* Default quantum (1 ms): a suspend or a REALTIME preemption waiting for it would show. */
#define QUANTUM_CYCLES (SGPU_CFG_CLK_HZ / 1000u)
/* At once, measured on the device (doorbell to TIMESTAMP): one short command and the
 * firmware's own work (a few hundred cycles today). */
#define AT_ONCE_CYCLES 10000u
/* At once, measured from the host (control round trips included, and the host's own delays
 * on a loaded machine): well under a quantum, so that waiting for one shows. */
#define HOST_AT_ONCE_CYCLES (QUANTUM_CYCLES / 2u)

static const char *uri;
static uint64_t seed;
static char why[4096];

static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    return -1;
}

#define TRY(call)                                                                          \
    do {                                                                                   \
        int rc_ = (call);                                                                  \
        if (rc_ != SGPU_OK)                                                                \
            return fail("%s: %s (%s)", #call, sgpu_errname(rc_), sgpu_last_error());       \
    } while (0)
#define EXPECT(call, code)                                                                 \
    do {                                                                                   \
        int rc_ = (call);                                                                  \
        if (rc_ != (code))                                                                 \
            return fail("%s gave %s, not %s (%s)", #call,                                  \
                        rc_ == SGPU_PENDING ? "SGPU_PENDING" : sgpu_errname(rc_),          \
                        (code) == SGPU_PENDING ? "SGPU_PENDING" : sgpu_errname(code),      \
                        sgpu_last_error());                                                \
    } while (0)
#define CHECK(cond, ...)                                                                   \
    do {                                                                                   \
        if (!(cond))                                                                       \
            return fail(__VA_ARGS__);                                                      \
    } while (0)
#define RUN(call)                                                                          \
    do {                                                                                   \
        if ((call) < 0)                                                                    \
            return -1;                                                                     \
    } while (0)

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void sleep_us(unsigned us)
{
    struct timespec ts = {us / 1000000u, (long)(us % 1000000u) * 1000};
    nanosleep(&ts, NULL);
}

static size_t first_difference(const void *a, const void *b, size_t n)
{
    const uint8_t *x = a, *y = b;
    for (size_t i = 0; i < n; i++)
        if (x[i] != y[i])
            return i;
    return n;
}

/* ---- Events: every record the library consumes, through the device callback ----------- */

#define EVLOG_MAX 4096
static struct sgpu_event_info evlog[EVLOG_MAX];
static unsigned evlog_n;

static void on_event(sgpu_dev *dev, const struct sgpu_event_info *ev, void *user)
{
    (void)dev;
    (void)user;
    if (evlog_n < EVLOG_MAX)
        evlog[evlog_n++] = *ev;
}

/* How many events of type for ctx_id (CONTEXT_NONE: any) the log holds; *last the latest. */
static unsigned count_events(unsigned type, uint32_t ctx_id, const struct sgpu_event_info **last)
{
    unsigned n = 0;
    if (last)
        *last = NULL;
    for (unsigned i = 0; i < evlog_n; i++) {
        if (evlog[i].type == type && (ctx_id == SGPU_PROTO_CONTEXT_NONE || evlog[i].ctx_id == ctx_id)) {
            n++;
            if (last)
                *last = &evlog[i];
        }
    }
    return n;
}

/* No CONTEXT_ERROR or CONTEXT_RESET for a context that should not have noticed anything. */
static int untouched(const sgpu_ctx *ctx, const char *what)
{
    uint32_t id = sgpu_ctx_id(ctx);
    const struct sgpu_event_info *e;
    CHECK(!count_events(SGPU_EVENT_CONTEXT_RESET, id, &e) &&
          !count_events(SGPU_EVENT_CONTEXT_ERROR, id, &e),
          "%s (context %u) got event %u flags 0x%x", what, id, e ? e->type : 0, e ? e->flags : 0);
    CHECK(sgpu_ctx_error(ctx, NULL) == SGPU_OK, "%s (context %u) is in error: %s", what, id,
          sgpu_last_error());
    return 0;
}

/* ---- Device, contexts, host words ------------------------------------------------------ */

static int open_dev(sgpu_dev **dev)
{
    uint64_t deadline = now_ms() + BUSY_RETRY_MS;
    int rc;
    for (;;) {
        rc = sgpu_open(uri, dev);
        if (rc != SGPU_ERR_BUSY || now_ms() > deadline)
            break;
        usleep(20000);
    }
    if (rc == SGPU_OK)
        rc = sgpu_set_event_callback(*dev, on_event, NULL);
    evlog_n = 0;
    return rc;
}

static int new_ctx(sgpu_dev *dev, unsigned node, unsigned band, uint32_t ring_bytes,
                   sgpu_ctx **out)
{
    struct sgpu_ctx_options o = SGPU_CTX_OPTIONS_INIT;
    o.band = band;
    o.ring_bytes = ring_bytes;
    TRY(sgpu_ctx_create(dev, node, &o, out));
    return 0;
}

/* Host words the commands write and the WAITs read; word 0 is the gate the test opens. */
struct words {
    sgpu_dev *dev;
    struct sgpu_dma_buf *buf;
    uint64_t *w;
    unsigned n;
};

static int words_new(sgpu_dev *dev, unsigned n, struct words *m)
{
    m->dev = dev;
    m->n = n;
    TRY(sgpu_dma_alloc(dev, (size_t)n * 8u, &m->buf));
    m->w = m->buf->cpu;
    memset(m->w, 0, (size_t)n * 8u);
    return 0;
}

static void words_free(struct words *m)
{
    if (m->buf)
        sgpu_dma_free(m->dev, m->buf);
    m->buf = NULL;
}

static uint64_t get(const struct words *m, unsigned i)
{
    return __atomic_load_n(&m->w[i], __ATOMIC_ACQUIRE);
}

static void set(struct words *m, unsigned i, uint64_t v)
{
    __atomic_store_n(&m->w[i], v, __ATOMIC_RELEASE);
}

static uint64_t bus(const struct words *m, unsigned i)
{
    return m->buf->bus + (uint64_t)i * 8u;
}

/* Sleeps ms while the library consumes events (into the log). */
static void quiet(sgpu_dev *dev, unsigned ms)
{
    uint64_t end = now_ms() + ms;
    while (now_ms() < end) {
        sgpu_events_poll(dev, NULL, NULL);
        sleep_us(2000);
    }
}

/* Waits until word i is non-zero. */
static int wait_word(sgpu_dev *dev, const struct words *m, unsigned i, const char *what)
{
    uint64_t end = now_ms() + WAIT_MS;
    while (get(m, i) == 0) {
        CHECK(now_ms() < end, "%s: word %u still 0 after %u ms", what, i, WAIT_MS);
        sgpu_events_poll(dev, NULL, NULL);
        sleep_us(200);
    }
    return 0;
}

static int submit(sgpu_ctx *ctx, uint64_t *value)
{
    TRY(sgpu_submit(ctx, 0, value));
    return 0;
}

/* Everything submitted is done, and the progress fence is exactly the last value (past it
 * would be a command run twice or a stray write). */
static int idle(sgpu_ctx *ctx)
{
    TRY(sgpu_ctx_idle(ctx, WAIT_MS));
    uint64_t f = sgpu_fence_read(ctx), last = sgpu_fence_last_submitted(ctx);
    CHECK(f == last, "context %u: progress fence %" PRIu64 " after idle, last submitted %" PRIu64,
          sgpu_ctx_id(ctx), f, last);
    return 0;
}

/* Device time as the firmware sees it (STATUS.uptime_cycles: the scheduling log's clock). */
static int cycles(sgpu_dev *dev, uint64_t *c)
{
    struct sgpu_status st;
    TRY(sgpu_ctl_query_status(dev, &st));
    *c = st.uptime_cycles;
    return 0;
}

/* The device cycle of the latest context doorbell. */
static int doorbell_cycle(sgpu_dev *dev, uint64_t *c)
{
    uint32_t lo, hi;
    TRY(sgpu_read32(dev, CP(DB_CYCLE_LO), &lo));
    TRY(sgpu_read32(dev, CP(DB_CYCLE_HI), &hi));
    *c = (uint64_t)hi << 32 | lo;
    return 0;
}

/* Waits until the firmware has taken context id's doorbell (its DB_PENDING bit clear). */
static int doorbell_taken(sgpu_dev *dev, uint32_t id)
{
    uint64_t end = now_ms() + WAIT_MS;
    for (;;) {
        uint32_t pending;
        TRY(sgpu_read32(dev, CP(DB_PENDING), &pending));
        if (!(pending & (1u << id)))
            return 0;
        CHECK(now_ms() < end, "context %u's doorbell still pending after %u ms", id, WAIT_MS);
        sleep_us(200);
    }
}

static int ctx_reg64(sgpu_dev *dev, uint32_t id, uint32_t reg_lo, uint64_t *v)
{
    uint32_t base, stride, lo, hi;
    TRY(sgpu_read32(dev, CP(CTX_OFFSET), &base));
    TRY(sgpu_read32(dev, CP(CTX_STRIDE), &stride));
    TRY(sgpu_read32(dev, base + id * stride + reg_lo, &lo));
    TRY(sgpu_read32(dev, base + id * stride + reg_lo + 4u, &hi));
    *v = (uint64_t)hi << 32 | lo;
    return 0;
}

/* ---- Control frames the API does not wrap (bands, properties, the log) ----------------- */

static int set_band(sgpu_dev *dev, unsigned band, uint32_t grace_100ns)
{
    union sgpu_ctrl_frame f;
    memset(&f, 0, sizeof f);
    f.hdr.opcode = SGPU_CTRL_OP_SET_PRIORITY_BANDS;
    f.set_priority_bands.band = (uint8_t)band;
    f.set_priority_bands.target_normal_pct = band == SGPU_BAND_NORMAL ? 10 : 0;
    f.set_priority_bands.grace_for_band = grace_100ns;
    TRY(sgpu_ctl_call(dev, &f, NULL, 0));
    return 0;
}

static int set_ctx_band(sgpu_ctx *ctx, unsigned band)
{
    union sgpu_ctrl_frame f;
    memset(&f, 0, sizeof f);
    f.hdr.opcode = SGPU_CTRL_OP_SET_CONTEXT_PROPERTIES;
    f.set_context_properties.ctx_id = sgpu_ctx_id(ctx);
    f.set_context_properties.band = (uint8_t)band;
    TRY(sgpu_ctl_call(ctx->dev, &f, NULL, 0));
    return 0;
}

/* A scheduling log buffer for an engine: header then entries. */
struct schedlog {
    sgpu_dev *dev;
    struct sgpu_dma_buf *buf;
    unsigned entries;
};

static int log_set(sgpu_dev *dev, unsigned node, struct schedlog *l, unsigned entries,
                   unsigned interrupt_entry)
{
    union sgpu_ctrl_frame f;
    memset(&f, 0, sizeof f);
    f.hdr.opcode = SGPU_CTRL_OP_SET_LOG_BUFFER;
    f.set_log_buffer.node = (uint8_t)node;
    if (l) {
        l->dev = dev;
        l->entries = entries;
        TRY(sgpu_dma_alloc(dev, sizeof(struct sgpu_log_header) +
                                    (size_t)entries * sizeof(struct sgpu_log_entry), &l->buf));
        memset(l->buf->cpu, 0xEE, l->buf->size); /* the firmware writes the header */
        f.set_log_buffer.entries = entries;
        f.set_log_buffer.buffer_addr = l->buf->bus;
        f.set_log_buffer.interrupt_entry = interrupt_entry;
    }
    TRY(sgpu_ctl_call(dev, &f, NULL, 0));
    return 0;
}

static void log_free(struct schedlog *l)
{
    if (l->buf)
        sgpu_dma_free(l->dev, l->buf);
    l->buf = NULL;
}

/* FirstFreeEntryIndex and WraparoundCount, read together as the firmware writes them. */
static void log_index(const struct schedlog *l, uint32_t *first_free, uint32_t *wraps)
{
    uint64_t v = __atomic_load_n((uint64_t *)l->buf->cpu, __ATOMIC_ACQUIRE);
    *first_free = (uint32_t)v;
    *wraps = (uint32_t)(v >> 32);
}

static struct sgpu_log_entry log_entry(const struct schedlog *l, unsigned i)
{
    struct sgpu_log_entry e;
    memcpy(&e, (uint8_t *)l->buf->cpu + sizeof(struct sgpu_log_header) + i * sizeof e, sizeof e);
    return e;
}

/* ---- 7.1: suspend a running context ------------------------------------------------------ */

/* The SUSPEND_CONTEXT_COMPLETED events of ctx, in order, must carry exactly values[0..n)
 * (the firmware writes the fence, then posts the event: they are waited for). */
static int expect_acks(const sgpu_ctx *ctx, const uint64_t *values, unsigned n)
{
    uint64_t end = now_ms() + WAIT_MS;
    while (count_events(SGPU_EVENT_SUSPEND_CONTEXT_COMPLETED, sgpu_ctx_id(ctx), NULL) < n &&
           now_ms() < end) {
        sgpu_events_poll(ctx->dev, NULL, NULL);
        sleep_us(200);
    }
    quiet(ctx->dev, 20); /* and no more than those */
    unsigned k = 0;
    uint64_t now = 0, prev = 0;
    CHECK(sgpu_device_time(ctx->dev, &now) == SGPU_OK, "device time: %s", sgpu_last_error());
    for (unsigned i = 0; i < evlog_n; i++) {
        const struct sgpu_event_info *e = &evlog[i];
        if (e->type != SGPU_EVENT_SUSPEND_CONTEXT_COMPLETED || e->ctx_id != sgpu_ctx_id(ctx))
            continue;
        CHECK(k < n, "context %u: an extra SUSPEND_CONTEXT_COMPLETED with value %" PRIu64,
              sgpu_ctx_id(ctx), e->value);
        CHECK(e->value == values[k], "context %u: SUSPEND_CONTEXT_COMPLETED #%u carries %" PRIu64
              ", not %" PRIu64, sgpu_ctx_id(ctx), k + 1, e->value, values[k]);
        /* aux: the device cycle the fence write was done, in order and not in the future */
        CHECK(e->aux != 0 && e->aux >= prev && e->aux <= now, "context %u: SUSPEND_CONTEXT_"
              "COMPLETED #%u says its fence was written at cycle %" PRIu64 " (previous %" PRIu64
              ", now %" PRIu64 ")", sgpu_ctx_id(ctx), k + 1, e->aux, prev, now);
        prev = e->aux;
        k++;
    }
    CHECK(k == n, "context %u: %u SUSPEND_CONTEXT_COMPLETED events, not %u", sgpu_ctx_id(ctx), k,
          n);
    return 0;
}

/* Suspends ctx (not suspended yet) and waits for the acknowledgement; *took gets the device
 * cycles from just before the call to the host seeing the fence. */
static int suspend_and_wait(sgpu_ctx *ctx, uint64_t expect_value, uint64_t *took)
{
    uint64_t v, c0, c1;
    RUN(cycles(ctx->dev, &c0));
    EXPECT(sgpu_ctx_suspend(ctx, &v), SGPU_PENDING);
    CHECK(v == expect_value, "suspend value %" PRIu64 ", not %" PRIu64, v, expect_value);
    TRY(sgpu_ctx_suspend_wait(ctx, v, WAIT_MS));
    RUN(cycles(ctx->dev, &c1));
    CHECK(sgpu_ctx_suspend_fence(ctx) == v, "suspend fence %" PRIu64 ", not %" PRIu64,
          sgpu_ctx_suspend_fence(ctx), v);
    CHECK(sgpu_ctx_is_suspended(ctx), "acknowledged but not suspended by the library's account");
    sgpu_events_poll(ctx->dev, NULL, NULL);
    if (took)
        *took = c1 - c0;
    return 0;
}

static int test_7_1_suspend_in_wait(sgpu_dev *dev)
{
    sgpu_ctx *a;
    struct words m;
    uint64_t v, took;
    RUN(new_ctx(dev, SGPU_NODE_COPY, SGPU_BAND_NORMAL, 0, &a));
    RUN(words_new(dev, 8, &m));
    TRY(sgpu_cmd_fence(a, bus(&m, 1), 0xA1, 0));
    TRY(sgpu_cmd_wait(a, bus(&m, 0), 1, 0));
    TRY(sgpu_cmd_fence(a, bus(&m, 2), 0xA2, 0));
    RUN(submit(a, &v));
    RUN(wait_word(dev, &m, 1, "first FENCE"));
    quiet(dev, PARK_MS); /* the engine parks in the polled WAIT: the context is running */
    CHECK(sgpu_fence_read(a) < v, "the context finished past its WAIT");

    RUN(suspend_and_wait(a, 1, &took));
    printf("  suspend of a context in a WAIT acknowledged after %" PRIu64 " device cycles\n", took);
    CHECK(took < HOST_AT_ONCE_CYCLES, "suspend took %" PRIu64 " cycles (at once is < %u; a quantum "
          "is %u): a grace period?", took, HOST_AT_ONCE_CYCLES, QUANTUM_CYCLES);
    uint64_t acks[] = {1};
    RUN(expect_acks(a, acks, 1));
    /* stopped: opening the gate runs nothing */
    set(&m, 0, 1);
    quiet(dev, QUIET_MS);
    CHECK(get(&m, 2) == 0 && sgpu_fence_read(a) < v, "a suspended context ran on: word %" PRIx64
          ", fence %" PRIu64, get(&m, 2), sgpu_fence_read(a));
    /* no GPU reference: its ring and save area move, and it resumes from the new memory */
    uint64_t old_ring = a->ring_bus, ring, save;
    TRY(sgpu_ctx_move(a));
    RUN(ctx_reg64(dev, sgpu_ctx_id(a), SGPU_CTX_RING_BASE_LO_OFFSET, &ring));
    RUN(ctx_reg64(dev, sgpu_ctx_id(a), SGPU_CTX_SAVE_ADDR_LO_OFFSET, &save));
    CHECK(ring == a->ring_bus && ring != old_ring && save == a->save_bus,
          "CTX.RING_BASE 0x%" PRIx64 " SAVE_ADDR 0x%" PRIx64 " after the move (ring 0x%" PRIx64
          " was 0x%" PRIx64 ", save 0x%" PRIx64 ")", ring, save, a->ring_bus, old_ring, a->save_bus);
    TRY(sgpu_ctx_resume(a));
    RUN(idle(a));
    CHECK(get(&m, 2) == 0xA2, "after resume the FENCE past the WAIT wrote 0x%" PRIx64, get(&m, 2));
    RUN(untouched(a, "the suspended context"));
    TRY(sgpu_ctx_destroy(a));
    words_free(&m);
    return 0;
}

#define STREAM_N 300u
#define STREAM_FILL_BYTES (4u * KIB)

/* Words [1, 1 + n) written in order with 0x5000 + i, the rest 0: how many were. */
static int stream_prefix(const struct words *m, unsigned n, unsigned *k)
{
    unsigned i = 0;
    while (i < n && get(m, 1 + i) == 0x5000u + i)
        i++;
    for (unsigned j = i; j < n; j++)
        CHECK(get(m, 1 + j) == 0, "stream: word %u is 0x%" PRIx64 " while %u is not written: out "
              "of order", j, get(m, 1 + j), i);
    *k = i;
    return 0;
}

static int test_7_1_suspend_stream(sgpu_dev *dev)
{
    sgpu_ctx *a;
    struct words m;
    uint64_t v, took;
    unsigned k, k2;
    struct sgpu_dma_buf *scratch;
    RUN(new_ctx(dev, SGPU_NODE_COPY, SGPU_BAND_NORMAL, 64 * KIB, &a));
    RUN(words_new(dev, 1 + STREAM_N, &m));
    TRY(sgpu_dma_alloc(dev, STREAM_FILL_BYTES, &scratch));
    /* short commands: a FILL of host memory and a FENCE with its own value, many times */
    for (unsigned i = 0; i < STREAM_N; i++) {
        TRY(sgpu_cmd_fill(a, scratch->bus, STREAM_FILL_BYTES, i, 0));
        TRY(sgpu_cmd_fence(a, bus(&m, 1 + i), 0x5000u + i, 0));
    }
    RUN(submit(a, &v));
    RUN(wait_word(dev, &m, 1 + 8, "the stream's ninth FENCE"));
    RUN(suspend_and_wait(a, 1, &took));
    RUN(stream_prefix(&m, STREAM_N, &k));
    printf("  suspend in a stream of %u FILL+FENCEs: acknowledged after %" PRIu64 " cycles, %u "
           "ran\n", STREAM_N, took, k);
    CHECK(took < HOST_AT_ONCE_CYCLES, "suspend took %" PRIu64 " cycles (at once is < %u): a grace "
          "period?", took, HOST_AT_ONCE_CYCLES);
    CHECK(k < STREAM_N, "the stream ended before the suspend took effect (make it longer)");
    uint64_t acks[] = {1};
    RUN(expect_acks(a, acks, 1));
    /* nothing runs while suspended */
    quiet(dev, QUIET_MS);
    RUN(stream_prefix(&m, STREAM_N, &k2));
    CHECK(k2 == k && sgpu_fence_read(a) < v, "suspended, yet %u more FENCEs ran", k2 - k);
    /* what ran is marked: a command run again after resume would overwrite its mark */
    for (unsigned i = 0; i < k; i++)
        set(&m, 1 + i, 0xDEADu);
    TRY(sgpu_ctx_resume(a));
    RUN(idle(a));
    for (unsigned i = 0; i < STREAM_N; i++) {
        uint64_t want = i < k ? 0xDEADu : 0x5000u + i;
        CHECK(get(&m, 1 + i) == want, "after resume word %u is 0x%" PRIx64 ", not 0x%" PRIx64
              " (%s)", i, get(&m, 1 + i), want, i < k ? "run twice" : "not run");
    }
    uint32_t last;
    memcpy(&last, scratch->cpu, 4);
    CHECK(last == STREAM_N - 1u, "the scratch buffer holds FILL pattern %u, not the last one", last);
    RUN(untouched(a, "the suspended context"));
    TRY(sgpu_ctx_destroy(a));
    sgpu_dma_free(dev, scratch);
    words_free(&m);
    return 0;
}

/* ---- 7.2: suspend an already suspended context ------------------------------------------- */

static int test_7_2_suspend_suspended(sgpu_dev *dev)
{
    sgpu_ctx *a;
    struct words m;
    uint64_t v;
    RUN(new_ctx(dev, SGPU_NODE_COPY, SGPU_BAND_NORMAL, 0, &a));
    RUN(words_new(dev, 4, &m));
    RUN(suspend_and_wait(a, 1, NULL));
    TRY(sgpu_cmd_fence(a, bus(&m, 1), 0xB1, 0));
    RUN(submit(a, &v));
    /* already suspended: SUCCESS, and the fence holds the new value when the call returns */
    uint64_t f2;
    EXPECT(sgpu_ctx_suspend(a, &f2), SGPU_OK);
    CHECK(f2 == 2, "second suspend value %" PRIu64 ", not 2", f2);
    CHECK(sgpu_ctx_suspend_fence(a) == 2, "suspend fence %" PRIu64 " after the second suspend "
          "returned SUCCESS, not 2", sgpu_ctx_suspend_fence(a));
    CHECK(sgpu_ctx_is_suspended(a), "not suspended after SUCCESS");
    quiet(dev, QUIET_MS);
    CHECK(sgpu_ctx_suspend_fence(a) == 2, "suspend fence moved to %" PRIu64,
          sgpu_ctx_suspend_fence(a));
    CHECK(get(&m, 1) == 0 && sgpu_fence_read(a) < v, "the suspended context ran its work");
    uint64_t acks[] = {1}; /* SUCCESS is the answer: no event for 2 */
    RUN(expect_acks(a, acks, 1));
    TRY(sgpu_ctx_resume(a));
    RUN(idle(a));
    CHECK(get(&m, 1) == 0xB1, "after resume the FENCE wrote 0x%" PRIx64, get(&m, 1));
    RUN(untouched(a, "the context"));
    TRY(sgpu_ctx_destroy(a));
    words_free(&m);
    return 0;
}

/* ---- 7.3: suspend, resume, suspend before the first acknowledgement ---------------------- */

static void suspend_frame(union sgpu_ctrl_frame *f, const sgpu_ctx *ctx, uint64_t value)
{
    memset(f, 0, sizeof *f);
    f->hdr.opcode = SGPU_CTRL_OP_SUSPEND_CONTEXT;
    f->suspend_context.ctx_id = sgpu_ctx_id(ctx);
    f->suspend_context.suspend_fence_addr = ctx->suspend_fence_bus;
    f->suspend_context.suspend_fence_value = value;
}

static int test_7_3_suspend_race(sgpu_dev *dev)
{
    sgpu_ctx *a;
    struct words m;
    uint64_t v;
    RUN(new_ctx(dev, SGPU_NODE_COPY, SGPU_BAND_NORMAL, 0, &a));
    RUN(words_new(dev, 4, &m));
    TRY(sgpu_cmd_fence(a, bus(&m, 1), 0xC1, 0));
    TRY(sgpu_cmd_wait(a, bus(&m, 0), 1, 0));
    TRY(sgpu_cmd_fence(a, bus(&m, 2), 0xC2, 0));
    RUN(submit(a, &v));
    RUN(wait_word(dev, &m, 1, "the FENCE before the WAIT"));
    quiet(dev, PARK_MS); /* running: parked in its polled WAIT */
    /* SUSPEND(1), RESUME, SUSPEND(2) in one pass of the firmware: the engine's stop (and so
     * the first acknowledgement) can only be handled after all three. */
    union sgpu_ctrl_frame f[3];
    int res[3];
    suspend_frame(&f[0], a, 1);
    memset(&f[1], 0, sizeof f[1]);
    f[1].hdr.opcode = SGPU_CTRL_OP_RESUME_CONTEXT;
    f[1].resume_context.ctx_id = sgpu_ctx_id(a);
    suspend_frame(&f[2], a, 2);
    TRY(sgpu_ctl_call_many(dev, f, 3, res, 0));
    /* the library's account of what it asked (the frames bypassed sgpu_ctx_suspend) */
    a->suspend_value = 2;
    a->suspend_wanted = 1;
    CHECK(res[0] == SGPU_PENDING && res[1] == SGPU_OK && res[2] == SGPU_PENDING,
          "SUSPEND, RESUME, SUSPEND answered %d, %d, %d (PENDING, OK, PENDING expected)", res[0],
          res[1], res[2]);
    printf("  after the three frames the suspend fence is %" PRIu64 "\n", sgpu_ctx_suspend_fence(a));
    TRY(sgpu_ctx_suspend_wait(a, 2, WAIT_MS));
    CHECK(sgpu_ctx_suspend_fence(a) == 2, "suspend fence ends at %" PRIu64 ", not 2",
          sgpu_ctx_suspend_fence(a));
    uint64_t acks[] = {1, 2}; /* the late one carries its own value, in order */
    RUN(expect_acks(a, acks, 2));
    CHECK(sgpu_ctx_is_suspended(a), "the context does not end suspended");
    set(&m, 0, 1);
    quiet(dev, QUIET_MS);
    CHECK(get(&m, 2) == 0 && sgpu_fence_read(a) < v, "the context ran past its WAIT while suspended");
    TRY(sgpu_ctx_resume(a));
    RUN(idle(a));
    CHECK(get(&m, 2) == 0xC2, "after resume the last FENCE wrote 0x%" PRIx64, get(&m, 2));
    /* and a suspend while not yet acknowledged, through the API: move is refused */
    TRY(sgpu_cmd_wait(a, bus(&m, 0), 2, 0));
    RUN(submit(a, &v));
    quiet(dev, PARK_MS);
    uint64_t f3;
    EXPECT(sgpu_ctx_suspend(a, &f3), SGPU_PENDING);
    CHECK(f3 == 3, "third suspend value %" PRIu64, f3);
    if (sgpu_ctx_suspend_fence(a) < f3)
        EXPECT(sgpu_ctx_move(a), SGPU_ERR_STATE);
    TRY(sgpu_ctx_suspend_wait(a, f3, WAIT_MS));
    set(&m, 0, 2);
    TRY(sgpu_ctx_resume(a));
    RUN(idle(a));
    RUN(untouched(a, "the context"));
    TRY(sgpu_ctx_destroy(a));
    words_free(&m);
    return 0;
}

/* ---- 7.4: work submitted while suspended ------------------------------------------------- */

#define QUEUED_SUBMITS 4u
#define QUEUED_PER_SUBMIT 12u
#define QUEUED_N (QUEUED_SUBMITS * QUEUED_PER_SUBMIT)

static int test_7_4_queued_while_suspended(sgpu_dev *dev)
{
    sgpu_ctx *a;
    struct words m; /* [1, 1 + N) FENCE values, [1 + N, 1 + 2N) timestamps */
    RUN(new_ctx(dev, SGPU_NODE_COPY, SGPU_BAND_NORMAL, 0, &a));
    RUN(words_new(dev, 1 + 2 * QUEUED_N, &m));
    RUN(suspend_and_wait(a, 1, NULL));
    for (unsigned s = 0; s < QUEUED_SUBMITS; s++) {
        for (unsigned j = 0; j < QUEUED_PER_SUBMIT; j++) {
            unsigned i = s * QUEUED_PER_SUBMIT + j;
            TRY(sgpu_cmd_timestamp(a, bus(&m, 1 + QUEUED_N + i), 0));
            TRY(sgpu_cmd_fence(a, bus(&m, 1 + i), 0x7000u + i, 0));
        }
        RUN(submit(a, NULL));
        CHECK(sgpu_fence_read(a) == 0, "submission %u: the progress fence moved to %" PRIu64, s,
              sgpu_fence_read(a));
    }
    quiet(dev, QUIET_MS);
    CHECK(sgpu_fence_read(a) == 0, "suspended, the progress fence moved to %" PRIu64,
          sgpu_fence_read(a));
    for (unsigned i = 0; i < 2 * QUEUED_N; i++)
        CHECK(get(&m, 1 + i) == 0, "suspended, word %u was written", i);
    TRY(sgpu_ctx_resume(a));
    RUN(idle(a));
    for (unsigned i = 0; i < QUEUED_N; i++) {
        CHECK(get(&m, 1 + i) == 0x7000u + i, "FENCE %u wrote 0x%" PRIx64, i, get(&m, 1 + i));
        uint64_t t = get(&m, 1 + QUEUED_N + i);
        CHECK(t != 0 && (i == 0 || t > get(&m, QUEUED_N + i)), "TIMESTAMP %u is %" PRIu64 ", the one "
              "before %" PRIu64 ": not in order", i, t, i ? get(&m, QUEUED_N + i) : 0);
    }
    /* marked: anything run again would overwrite a mark */
    for (unsigned i = 0; i < 2 * QUEUED_N; i++)
        set(&m, 1 + i, 0xDEADu);
    quiet(dev, 100);
    for (unsigned i = 0; i < 2 * QUEUED_N; i++)
        CHECK(get(&m, 1 + i) == 0xDEADu, "word %u was written again after the work completed", i);
    CHECK(sgpu_fence_read(a) == sgpu_fence_last_submitted(a), "progress fence moved on");
    RUN(untouched(a, "the context"));
    TRY(sgpu_ctx_destroy(a));
    words_free(&m);
    return 0;
}

/* ---- Moving a suspended context ------------------------------------------------------------- */

static int test_move_suspended(sgpu_dev *dev)
{
    sgpu_ctx *a;
    struct words m;
    struct sgpu_dma_buf *src, *dst;
    RUN(new_ctx(dev, SGPU_NODE_COPY, SGPU_BAND_NORMAL, 4 * KIB, &a));
    RUN(words_new(dev, 8, &m));
    TRY(sgpu_dma_alloc(dev, 8 * KIB, &src));
    TRY(sgpu_dma_alloc(dev, 8 * KIB, &dst));
    uint64_t r = seed | 1;
    for (unsigned i = 0; i < 8 * KIB / 8u; i++) {
        r ^= r << 13, r ^= r >> 7, r ^= r << 17;
        ((uint64_t *)src->cpu)[i] = r;
    }
    memset(dst->cpu, 0, 8 * KIB);
    /* a ring already half used, so the move must keep its offsets */
    for (unsigned i = 0; i < 40; i++)
        TRY(sgpu_cmd_fence(a, bus(&m, 1), 0x100u + i, 0));
    RUN(submit(a, NULL));
    RUN(idle(a));
    EXPECT(sgpu_ctx_move(a), SGPU_ERR_STATE); /* not suspended */
    for (unsigned round = 0; round < 2; round++) {
        RUN(suspend_and_wait(a, round + 1, NULL));
        /* queued while suspended: in the ring that moves */
        TRY(sgpu_cmd_copy(a, src->bus + round * 4 * KIB, dst->bus + round * 4 * KIB, 4 * KIB, 0));
        TRY(sgpu_cmd_fence(a, bus(&m, 2 + round), 0xC0u + round, 0));
        RUN(submit(a, NULL));
        uint64_t old_ring = a->ring_bus, old_save = a->save_bus, ring, save;
        TRY(sgpu_ctx_move(a));
        RUN(ctx_reg64(dev, sgpu_ctx_id(a), SGPU_CTX_RING_BASE_LO_OFFSET, &ring));
        RUN(ctx_reg64(dev, sgpu_ctx_id(a), SGPU_CTX_SAVE_ADDR_LO_OFFSET, &save));
        CHECK(ring == a->ring_bus && save == a->save_bus && ring != old_ring && save != old_save,
              "move %u: CTX.RING_BASE 0x%" PRIx64 ", SAVE_ADDR 0x%" PRIx64 " (was 0x%" PRIx64
              ", 0x%" PRIx64 ")", round, ring, save, old_ring, old_save);
        CHECK(get(&m, 2 + round) == 0, "move %u: the queued work ran before the resume", round);
        TRY(sgpu_ctx_resume(a));
        RUN(idle(a));
        CHECK(get(&m, 2 + round) == 0xC0u + round, "move %u: the FENCE queued before it wrote 0x%"
              PRIx64, round, get(&m, 2 + round));
        CHECK(memcmp(dst->cpu + round * 4 * KIB, src->cpu + round * 4 * KIB, 4 * KIB) == 0,
              "move %u: the COPY queued before it did not copy", round);
    }
    /* suspended in the middle of a long COPY: whatever the engine saved of it (its save
     * area, once COPY stops inside a command) moves too, and the COPY ends right */
    struct sgpu_dma_buf *bsrc, *bdst;
    const uint32_t big = 2u * 1024u * 1024u;
    TRY(sgpu_dma_alloc(dev, big, &bsrc));
    TRY(sgpu_dma_alloc(dev, big, &bdst));
    for (uint32_t i = 0; i < big / 8u; i++) {
        r ^= r << 13, r ^= r >> 7, r ^= r << 17;
        ((uint64_t *)bsrc->cpu)[i] = r;
    }
    memset(bdst->cpu, 0, big);
    TRY(sgpu_cmd_fence(a, bus(&m, 4), 0xC4, 0));
    TRY(sgpu_cmd_copy(a, bsrc->bus, bdst->bus, big - 8u, 0));
    TRY(sgpu_cmd_fence(a, bus(&m, 6), 0xC6, 0));
    RUN(submit(a, NULL));
    RUN(wait_word(dev, &m, 4, "the FENCE before the long COPY"));
    RUN(suspend_and_wait(a, 3, NULL));
    size_t done = first_difference(bdst->cpu, bsrc->cpu, big - 8u);
    printf("  suspended with %zu of %u bytes of the COPY written%s\n", done, big - 8u,
           get(&m, 6) ? " (the COPY had ended)" : "");
    TRY(sgpu_ctx_move(a));
    TRY(sgpu_ctx_resume(a));
    RUN(idle(a));
    CHECK(memcmp(bdst->cpu, bsrc->cpu, big - 8u) == 0, "the COPY suspended and moved ends wrong at "
          "byte %zu", first_difference(bdst->cpu, bsrc->cpu, big - 8u));
    CHECK(get(&m, 6) == 0xC6, "the FENCE after the COPY wrote 0x%" PRIx64, get(&m, 6));
    sgpu_dma_free(dev, bsrc);
    sgpu_dma_free(dev, bdst);
    /* the new ring wraps (twice) like the old one */
    for (unsigned i = 0; i < 200; i++) {
        TRY(sgpu_cmd_fence(a, bus(&m, 5), 0x1000u + i, 0));
        RUN(submit(a, NULL));
    }
    RUN(idle(a));
    CHECK(get(&m, 5) == 0x1000u + 199, "after wrapping the moved ring the word is 0x%" PRIx64,
          get(&m, 5));
    RUN(untouched(a, "the moved context"));
    TRY(sgpu_ctx_destroy(a));
    sgpu_dma_free(dev, src);
    sgpu_dma_free(dev, dst);
    words_free(&m);
    return 0;
}

/* ---- 7.5 / 7.6: engine reset and resume ----------------------------------------------------- */

#define COMPUTE_STREAM_N 1200u

struct invalidation {
    sgpu_ctx *ctx;
    uint32_t id;
    int collateral;
    uint64_t progress;
};
struct invalidated {
    unsigned n;
    struct invalidation e[8];
};

static void on_invalidated(sgpu_dev *dev, sgpu_ctx *ctx, uint32_t id, int collateral,
                           uint64_t progress, void *user)
{
    (void)dev;
    struct invalidated *r = user;
    if (r->n < 8)
        r->e[r->n] = (struct invalidation){ctx, id, collateral, progress};
    r->n++;
}

/*
 * On COPY: A (NORMAL) parked in a WAIT that never opens: the hang. B (IDLE band) ready behind
 * it, never picked while A runs. D (NORMAL) suspended with work queued. On COMPUTE: C with a
 * long stream of FENCEs running across the reset.
 */
struct scene {
    sgpu_ctx *a, *b, *c, *d;
    struct words m;   /* 0 A's gate, 1 A before, 2 A after, 3 B, 4 D */
    struct words cm;  /* C's stream */
    uint64_t va, vb, vc, vd;
};

static int scene_setup(sgpu_dev *dev, struct scene *s)
{
    memset(s, 0, sizeof *s);
    RUN(words_new(dev, 8, &s->m));
    RUN(words_new(dev, 1 + COMPUTE_STREAM_N, &s->cm));
    RUN(new_ctx(dev, SGPU_NODE_COPY, SGPU_BAND_NORMAL, 0, &s->a));
    RUN(new_ctx(dev, SGPU_NODE_COPY, SGPU_BAND_IDLE, 0, &s->b));
    RUN(new_ctx(dev, SGPU_NODE_COPY, SGPU_BAND_NORMAL, 0, &s->d));
    RUN(new_ctx(dev, SGPU_NODE_COMPUTE, SGPU_BAND_NORMAL, 64 * KIB, &s->c));
    TRY(sgpu_cmd_fence(s->a, bus(&s->m, 1), 0xA1, 0));
    TRY(sgpu_cmd_wait(s->a, bus(&s->m, 0), 1, 0));
    TRY(sgpu_cmd_fence(s->a, bus(&s->m, 2), 0xA2, 0));
    RUN(submit(s->a, &s->va));
    RUN(wait_word(dev, &s->m, 1, "A's first FENCE"));
    quiet(dev, PARK_MS); /* A parks in its polled WAIT */
    TRY(sgpu_cmd_fence(s->b, bus(&s->m, 3), 0xB1, 0));
    RUN(submit(s->b, &s->vb));
    RUN(suspend_and_wait(s->d, 1, NULL));
    TRY(sgpu_cmd_fence(s->d, bus(&s->m, 4), 0xD1, 0));
    RUN(submit(s->d, &s->vd));
    /* C: half its stream, a WAIT the test opens after the COPY reset, the other half */
    for (unsigned i = 0; i < COMPUTE_STREAM_N; i++) {
        if (i == COMPUTE_STREAM_N / 2)
            TRY(sgpu_cmd_wait(s->c, bus(&s->cm, 0), 1, 0));
        TRY(sgpu_cmd_fence(s->c, bus(&s->cm, 1 + i), 0x9000u + i, 0));
    }
    RUN(submit(s->c, &s->vc));
    RUN(wait_word(dev, &s->cm, COMPUTE_STREAM_N / 2, "C's stream up to its WAIT"));
    quiet(dev, PARK_MS);
    CHECK(get(&s->m, 3) == 0, "precondition: B (IDLE band) ran while A held the engine");
    CHECK(get(&s->cm, COMPUTE_STREAM_N / 2 + 1) == 0, "C ran past its WAIT");
    return 0;
}

static void scene_free(struct scene *s)
{
    words_free(&s->m);
    words_free(&s->cm);
}

static int engine_is(sgpu_dev *dev, unsigned node, int running, int responsive, const char *when)
{
    struct sgpu_engine_status st;
    TRY(sgpu_engine_status(dev, node, 0, &st));
    CHECK(st.present && st.running == running && st.responsive == responsive,
          "%s: node %u: present %d running %d responsive %d, not 1 %d %d", when, node, st.present,
          st.running, st.responsive, running, responsive);
    return 0;
}

/* Resets COPY with the running context to blame, and checks what 7.5 says. */
static int scene_reset(sgpu_dev *dev, struct scene *s, unsigned *reset_no)
{
    struct invalidated inv = {0};
    struct sgpu_status st0, st1;
    uint32_t mask;
    RUN(engine_is(dev, SGPU_NODE_COPY, 1, 1, "before the reset"));
    TRY(sgpu_engine_dependents(dev, SGPU_NODE_COPY, 0, &mask));
    CHECK(mask == 1u << (SGPU_NODE_COPY * 8), "COPY's dependent engines 0x%x", mask);
    TRY(sgpu_engine_dependents(dev, SGPU_NODE_COMPUTE, 0, &mask));
    CHECK(mask == 1u << (SGPU_NODE_COMPUTE * 8), "COMPUTE's dependent engines 0x%x", mask);
    uint64_t a_progress = sgpu_fence_read(s->a);
    TRY(sgpu_engine_reset_opts(dev, SGPU_NODE_COPY, 0, NULL, on_invalidated, &inv, reset_no));
    CHECK(inv.n == 1, "%u contexts invalidated, not 1 (A)", inv.n);
    CHECK(inv.e[0].ctx == s->a && inv.e[0].id == sgpu_ctx_id(s->a) && inv.e[0].collateral == 0 &&
          inv.e[0].progress == a_progress, "invalidated: context %u (handle %s) collateral %d "
          "progress %" PRIu64 "; expected A (%u), collateral 0, progress %" PRIu64, inv.e[0].id,
          inv.e[0].ctx == s->a ? "A's" : "not A's", inv.e[0].collateral, inv.e[0].progress,
          sgpu_ctx_id(s->a), a_progress);
    const struct sgpu_event_info *e;
    CHECK(count_events(SGPU_EVENT_CONTEXT_RESET, sgpu_ctx_id(s->a), &e) == 1 &&
          e->node == SGPU_NODE_COPY && !(e->flags & SGPU_EVENT_FLAG_COLLATERAL_DAMAGE),
          "A's CONTEXT_RESET event: %u of them, node %u flags 0x%x",
          count_events(SGPU_EVENT_CONTEXT_RESET, sgpu_ctx_id(s->a), NULL), e ? e->node : 0,
          e ? e->flags : 0);
    RUN(engine_is(dev, SGPU_NODE_COPY, 0, 0, "after the reset"));
    RUN(engine_is(dev, SGPU_NODE_COMPUTE, 1, 1, "after the COPY reset"));
    /* a second reset while this one is not resumed: refused, nothing changes */
    TRY(sgpu_ctl_query_status(dev, &st0));
    EXPECT(sgpu_engine_reset(dev, SGPU_NODE_COPY, 0, on_invalidated, &inv), SGPU_ERR_STATE);
    TRY(sgpu_ctl_query_status(dev, &st1));
    sgpu_events_poll(dev, NULL, NULL);
    CHECK(inv.n == 1 && count_events(SGPU_EVENT_CONTEXT_RESET, SGPU_PROTO_CONTEXT_NONE, NULL) == 1,
          "the refused second reset invalidated contexts");
    CHECK(st1.engines_running == st0.engines_running && st1.contexts_in_error == st0.contexts_in_error,
          "the refused second reset changed STATUS: running 0x%x -> 0x%x, in error %u -> %u",
          st0.engines_running, st1.engines_running, st0.contexts_in_error, st1.contexts_in_error);
    return 0;
}

/* The invalidated context: refused everywhere with a device-lost error naming the reset. */
static int refused_lost(sgpu_ctx *a, unsigned reset_no, const char *kind)
{
    char want[64];
    snprintf(want, sizeof want, "engine reset #%u", reset_no);
    EXPECT(sgpu_submit(a, 0, NULL), SGPU_ERR_DEVICE_LOST);
    CHECK(strstr(sgpu_last_error(), want) && strstr(sgpu_last_error(), kind),
          "submit's detail '%s' does not name '%s' and '%s'", sgpu_last_error(), want, kind);
    EXPECT(sgpu_cmd_nop(a, 1), SGPU_ERR_DEVICE_LOST);
    EXPECT(sgpu_cmd_fence(a, sgpu_ctx_fence_addr(a), 1, 0), SGPU_ERR_DEVICE_LOST);
    EXPECT(sgpu_ctx_suspend(a, NULL), SGPU_ERR_DEVICE_LOST);
    EXPECT(sgpu_ctx_resume(a), SGPU_ERR_DEVICE_LOST);
    struct sgpu_ctx_fault f;
    EXPECT(sgpu_ctx_error(a, &f), SGPU_ERR_DEVICE_LOST);
    CHECK(f.event == SGPU_EVENT_CONTEXT_RESET && f.reset_no == reset_no, "fault event %u reset #%u",
          f.event, f.reset_no);
    return 0;
}

static int test_7_5_engine_reset(sgpu_dev *dev)
{
    struct scene s;
    unsigned reset_no;
    RUN(scene_setup(dev, &s));
    RUN(scene_reset(dev, &s, &reset_no));
    /* nothing runs on COPY until the resume: A's gate opens, B is ready, D stays suspended */
    set(&s.m, 0, 1);
    set(&s.cm, 0, 1); /* and C's: the other engine runs on meanwhile */
    RUN(idle(s.c));
    for (unsigned i = 0; i < COMPUTE_STREAM_N; i++)
        CHECK(get(&s.cm, 1 + i) == 0x9000u + i, "C's FENCE %u wrote 0x%" PRIx64 " while COPY was "
              "reset", i, get(&s.cm, 1 + i));
    quiet(dev, QUIET_MS);
    CHECK(get(&s.m, 2) == 0 && get(&s.m, 3) == 0 && get(&s.m, 4) == 0,
          "COPY ran work while reset: A after 0x%" PRIx64 " B 0x%" PRIx64 " D 0x%" PRIx64,
          get(&s.m, 2), get(&s.m, 3), get(&s.m, 4));
    CHECK(sgpu_fence_read(s.b) == 0, "B's progress fence moved while COPY was reset");
    /* nor does this driver submit to it */
    TRY(sgpu_cmd_fence(s.b, bus(&s.m, 5), 0xB2, 0));
    EXPECT(sgpu_submit(s.b, 0, NULL), SGPU_ERR_STATE);
    /* and the firmware starts nothing there: not a resumed context (D), not new work rung
     * straight at a doorbell the library would not ring (E, a new context) */
    sgpu_ctx *e;
    RUN(new_ctx(dev, SGPU_NODE_COPY, SGPU_BAND_NORMAL, 0, &e));
    TRY(sgpu_cmd_fence(e, bus(&s.m, 6), 0xE1, 0));
    TRY(sgpu_write32(dev, e->doorbell, e->ring.wptr));
    TRY(sgpu_ctx_resume(s.d));
    quiet(dev, QUIET_MS);
    CHECK(get(&s.m, 4) == 0 && get(&s.m, 6) == 0, "COPY ran work while reset: D 0x%" PRIx64 " E 0x%"
          PRIx64, get(&s.m, 4), get(&s.m, 6));
    CHECK(get(&s.m, 3) == 0, "COPY ran B while reset");
    RUN(refused_lost(s.a, reset_no, "guilty"));
    RUN(untouched(s.b, "B"));
    RUN(untouched(s.c, "C (other engine)"));
    RUN(untouched(s.d, "D (suspended)"));
    /* held, not lost: after the resume B, D and E run, each once */
    TRY(sgpu_engine_resume(dev, SGPU_NODE_COPY, 0));
    RUN(idle(s.b));
    RUN(idle(s.d));
    RUN(submit(e, NULL));
    RUN(idle(e));
    CHECK(get(&s.m, 3) == 0xB1 && get(&s.m, 4) == 0xD1 && get(&s.m, 6) == 0xE1 &&
          get(&s.m, 2) == 0, "after the resume: B 0x%" PRIx64 " D 0x%" PRIx64 " E 0x%" PRIx64
          " A 0x%" PRIx64, get(&s.m, 3), get(&s.m, 4), get(&s.m, 6), get(&s.m, 2));
    RUN(untouched(e, "E"));
    sgpu_ctx_destroy(e);
    sgpu_ctx_destroy(s.a);
    sgpu_ctx_destroy(s.b);
    sgpu_ctx_destroy(s.c);
    sgpu_ctx_destroy(s.d);
    scene_free(&s);
    return 0;
}

static int test_7_6_engine_resume(sgpu_dev *dev)
{
    struct scene s;
    unsigned reset_no;
    RUN(scene_setup(dev, &s));
    RUN(scene_reset(dev, &s, &reset_no));
    set(&s.m, 0, 1); /* A's WAIT would now pass: A must still never run */
    set(&s.cm, 0, 1);
    EXPECT(sgpu_engine_resume(dev, SGPU_NODE_COPY, 0), SGPU_OK);
    RUN(engine_is(dev, SGPU_NODE_COPY, 1, 1, "after the resume"));
    EXPECT(sgpu_engine_resume(dev, SGPU_NODE_COPY, 0), SGPU_ERR_STATE); /* not reset now */
    /* B, runnable and not affected, carries on: its work once */
    RUN(idle(s.b));
    CHECK(get(&s.m, 3) == 0xB1, "B's FENCE wrote 0x%" PRIx64, get(&s.m, 3));
    set(&s.m, 3, 0xDEADu);
    /* B's commands refused during the reset were never queued: it takes new work */
    TRY(sgpu_cmd_fence(s.b, bus(&s.m, 5), 0xB2, 0));
    RUN(submit(s.b, NULL));
    RUN(idle(s.b));
    CHECK(get(&s.m, 5) == 0xB2 && get(&s.m, 3) == 0xDEADu, "B after the resume: 0x%" PRIx64
          " 0x%" PRIx64, get(&s.m, 5), get(&s.m, 3));
    /* D is suspended: it stays so until its own resume */
    quiet(dev, QUIET_MS);
    CHECK(get(&s.m, 4) == 0 && sgpu_fence_read(s.d) == 0, "suspended D ran after the engine resume");
    TRY(sgpu_ctx_resume(s.d));
    RUN(idle(s.d));
    CHECK(get(&s.m, 4) == 0xD1, "D's FENCE wrote 0x%" PRIx64, get(&s.m, 4));
    /* A never runs again */
    CHECK(get(&s.m, 2) == 0 && sgpu_fence_read(s.a) == 0, "invalidated A ran after the resume");
    RUN(refused_lost(s.a, reset_no, "guilty"));
    /* C, on the other engine, never noticed: its whole stream, in order, once */
    RUN(idle(s.c));
    for (unsigned i = 0; i < COMPUTE_STREAM_N; i++)
        CHECK(get(&s.cm, 1 + i) == 0x9000u + i, "C's FENCE %u wrote 0x%" PRIx64, i,
              get(&s.cm, 1 + i));
    RUN(untouched(s.b, "B"));
    RUN(untouched(s.c, "C (other engine)"));
    RUN(untouched(s.d, "D (suspended)"));
    /* and COPY takes new contexts */
    sgpu_ctx *e;
    RUN(new_ctx(dev, SGPU_NODE_COPY, SGPU_BAND_NORMAL, 0, &e));
    TRY(sgpu_cmd_fence(e, bus(&s.m, 6), 0xE1, 0));
    RUN(submit(e, NULL));
    RUN(idle(e));
    CHECK(get(&s.m, 6) == 0xE1, "a new COPY context after the resume: 0x%" PRIx64, get(&s.m, 6));
    sgpu_ctx_destroy(e);
    sgpu_ctx_destroy(s.a);
    sgpu_ctx_destroy(s.b);
    sgpu_ctx_destroy(s.c);
    sgpu_ctx_destroy(s.d);
    scene_free(&s);
    return 0;
}

/* 7.5 with the host naming the culprit (guilty_ctx_id): the named context is invalidated
 * with CollateralDamage 0 although not on the engine, the running one with 1. */
static int test_7_5_guilty_named(sgpu_dev *dev)
{
    sgpu_ctx *a, *g, *other;
    struct words m;
    struct invalidated inv = {0};
    unsigned reset_no;
    RUN(words_new(dev, 8, &m));
    RUN(new_ctx(dev, SGPU_NODE_COPY, SGPU_BAND_NORMAL, 0, &a));
    RUN(new_ctx(dev, SGPU_NODE_COPY, SGPU_BAND_NORMAL, 0, &g));
    RUN(new_ctx(dev, SGPU_NODE_COMPUTE, SGPU_BAND_NORMAL, 0, &other));
    TRY(sgpu_cmd_fence(a, bus(&m, 1), 0xA1, 0));
    TRY(sgpu_cmd_wait(a, bus(&m, 0), 1, 0));
    RUN(submit(a, NULL));
    RUN(wait_word(dev, &m, 1, "A's first FENCE"));
    quiet(dev, PARK_MS);
    /* a context of another engine cannot be guilty here: refused, nothing reset */
    struct sgpu_engine_reset_options o = SGPU_ENGINE_RESET_OPTIONS_INIT;
    o.guilty_ctx_id = sgpu_ctx_id(other);
    EXPECT(sgpu_engine_reset_opts(dev, SGPU_NODE_COPY, 0, &o, on_invalidated, &inv, NULL),
           SGPU_ERR_INVALID);
    CHECK(inv.n == 0, "a refused reset invalidated %u contexts", inv.n);
    RUN(engine_is(dev, SGPU_NODE_COPY, 1, 1, "after the refused reset"));
    o.guilty_ctx_id = sgpu_ctx_id(g);
    TRY(sgpu_engine_reset_opts(dev, SGPU_NODE_COPY, 0, &o, on_invalidated, &inv, &reset_no));
    CHECK(inv.n == 2, "%u contexts invalidated, not 2 (A running, G named)", inv.n);
    for (unsigned i = 0; i < 2; i++) {
        int is_g = inv.e[i].ctx == g;
        CHECK(inv.e[i].ctx == (is_g ? g : a) && inv.e[i].collateral == !is_g,
              "context %u invalidated with collateral %d", inv.e[i].id, inv.e[i].collateral);
    }
    CHECK(inv.e[0].ctx != inv.e[1].ctx, "the same context invalidated twice");
    RUN(refused_lost(g, reset_no, "guilty"));
    RUN(refused_lost(a, reset_no, "collateral damage"));
    TRY(sgpu_engine_resume(dev, SGPU_NODE_COPY, 0));
    RUN(untouched(other, "the compute context"));
    sgpu_ctx_destroy(a);
    sgpu_ctx_destroy(g);
    sgpu_ctx_destroy(other);
    words_free(&m);
    return 0;
}

/* ---- 7.7 / 7.8: bands ------------------------------------------------------------------------ */

/* A NORMAL context holding COPY: a TIMESTAMP, then a WAIT the test opens at the end (the
 * engine polls it: the context stays running), then a TIMESTAMP. */
struct stream {
    sgpu_ctx *n;
    struct words ts; /* 0 gate, 1 before, 2 after */
};

static int stream_start(sgpu_dev *dev, struct stream *s)
{
    RUN(new_ctx(dev, SGPU_NODE_COPY, SGPU_BAND_NORMAL, 0, &s->n));
    RUN(words_new(dev, 3, &s->ts));
    TRY(sgpu_cmd_timestamp(s->n, bus(&s->ts, 1), 0));
    TRY(sgpu_cmd_wait(s->n, bus(&s->ts, 0), 1, 0));
    TRY(sgpu_cmd_timestamp(s->n, bus(&s->ts, 2), 0));
    RUN(submit(s->n, NULL));
    RUN(wait_word(dev, &s->ts, 1, "the NORMAL context's first TIMESTAMP"));
    quiet(dev, PARK_MS); /* parked in its polled WAIT */
    return 0;
}

/* The NORMAL context was running (past its start, not done) when t came. */
static int stream_around(const struct stream *s, uint64_t t, const char *what)
{
    CHECK(get(&s->ts, 1) < t && get(&s->ts, 2) == 0, "%s at cycle %" PRIu64 " was not while the "
          "NORMAL context ran (%" PRIu64 " .. %" PRIu64 ")", what, t, get(&s->ts, 1), get(&s->ts, 2));
    return 0;
}

/* Opens the gate: the preempted context carries on to its end. */
static int stream_finish(sgpu_dev *dev, struct stream *s)
{
    set(&s->ts, 0, 1);
    RUN(idle(s->n));
    CHECK(get(&s->ts, 2) > get(&s->ts, 1), "the NORMAL context's last TIMESTAMP %" PRIu64,
          get(&s->ts, 2));
    RUN(untouched(s->n, "the NORMAL context"));
    (void)dev;
    TRY(sgpu_ctx_destroy(s->n));
    words_free(&s->ts);
    return 0;
}

/* One TIMESTAMP from ctx: cycles from its doorbell to its run; *at when it ran. */
static int one_timestamp(sgpu_ctx *ctx, struct words *m, unsigned i, uint64_t *latency,
                         uint64_t *at)
{
    uint64_t db;
    set(m, i, 0);
    TRY(sgpu_cmd_timestamp(ctx, bus(m, i), 0));
    RUN(submit(ctx, NULL));
    RUN(doorbell_cycle(ctx->dev, &db));
    RUN(idle(ctx));
    *at = get(m, i);
    *latency = *at - db;
    return 0;
}

static int test_7_7_realtime_focus(sgpu_dev *dev)
{
    struct stream s;
    sgpu_ctx *r, *f;
    struct words m;
    uint64_t lat, at;
    const uint32_t grace = 1000; /* 100 us */
    const uint64_t grace_cycles = (uint64_t)grace * CYCLES_PER_100NS;
    RUN(words_new(dev, 4, &m));
    RUN(new_ctx(dev, SGPU_NODE_COPY, SGPU_BAND_REALTIME, 0, &r));
    RUN(new_ctx(dev, SGPU_NODE_COPY, SGPU_BAND_FOCUS, 0, &f));
    RUN(set_band(dev, SGPU_BAND_FOCUS, grace));
    RUN(stream_start(dev, &s));
    RUN(one_timestamp(r, &m, 1, &lat, &at));
    printf("  REALTIME ran %" PRIu64 " cycles after its doorbell\n", lat);
    RUN(stream_around(&s, at, "REALTIME's TIMESTAMP"));
    CHECK(lat < AT_ONCE_CYCLES, "REALTIME waited %" PRIu64 " cycles for a NORMAL context (at once "
          "is < %u)", lat, AT_ONCE_CYCLES);
    quiet(dev, PARK_MS); /* the NORMAL context runs again, parked in its WAIT */
    RUN(one_timestamp(f, &m, 2, &lat, &at));
    printf("  FOCUS ran %" PRIu64 " cycles after its doorbell (gracePeriodForBand %" PRIu64 ")\n",
           lat, grace_cycles);
    RUN(stream_around(&s, at, "FOCUS's TIMESTAMP"));
    CHECK(lat <= grace_cycles + AT_ONCE_CYCLES, "FOCUS waited %" PRIu64 " cycles, more than its "
          "grace period %" PRIu64 " (+ %u)", lat, grace_cycles, AT_ONCE_CYCLES);
    /* and it did wait for it: the NORMAL context really held the engine */
    CHECK(lat >= grace_cycles * 9 / 10, "FOCUS ran %" PRIu64 " cycles after its doorbell, before "
          "its grace period %" PRIu64 " was over", lat, grace_cycles);
    RUN(stream_finish(dev, &s));
    RUN(set_band(dev, SGPU_BAND_FOCUS, 0));
    RUN(untouched(r, "REALTIME"));
    RUN(untouched(f, "FOCUS"));
    sgpu_ctx_destroy(r);
    sgpu_ctx_destroy(f);
    words_free(&m);
    return 0;
}

static int test_7_8_properties_next_decision(sgpu_dev *dev)
{
    struct stream s;
    sgpu_ctx *f, *l;
    struct words m;
    uint64_t db, lat1, lat2, at, c0;
    const uint32_t g1 = 2000; /* 200 us */
    const uint64_t g1_cycles = (uint64_t)g1 * CYCLES_PER_100NS;
    RUN(words_new(dev, 4, &m));
    RUN(new_ctx(dev, SGPU_NODE_COPY, SGPU_BAND_FOCUS, 0, &f));
    RUN(new_ctx(dev, SGPU_NODE_COPY, SGPU_BAND_IDLE, 0, &l));
    RUN(set_band(dev, SGPU_BAND_FOCUS, g1));
    RUN(stream_start(dev, &s));
    /* F rings under grace g1; once the firmware has taken the doorbell (its decision made),
     * the grace drops to 0: F still waits g1 */
    TRY(sgpu_cmd_timestamp(f, bus(&m, 1), 0));
    RUN(submit(f, NULL));
    RUN(doorbell_cycle(dev, &db));
    RUN(doorbell_taken(dev, sgpu_ctx_id(f)));
    RUN(set_band(dev, SGPU_BAND_FOCUS, 0));
    RUN(idle(f));
    lat1 = get(&m, 1) - db;
    RUN(stream_around(&s, get(&m, 1), "FOCUS's first TIMESTAMP"));
    /* the next decision uses grace 0 */
    RUN(one_timestamp(f, &m, 2, &lat2, &at));
    RUN(stream_around(&s, at, "FOCUS's second TIMESTAMP"));
    printf("  FOCUS waited %" PRIu64 " cycles under grace %" PRIu64 " changed to 0 meanwhile, then "
           "%" PRIu64 " under 0\n", lat1, g1_cycles, lat2);
    CHECK(lat1 >= g1_cycles * 9 / 10, "the grace change applied retroactively: FOCUS waited %"
          PRIu64 " cycles, its decision's grace was %" PRIu64, lat1, g1_cycles);
    CHECK(lat2 < AT_ONCE_CYCLES, "the new grace 0 did not apply at the next decision: %" PRIu64
          " cycles", lat2);
    /* a context property: L (IDLE) waits behind the stream until raised to REALTIME */
    set(&m, 3, 0);
    TRY(sgpu_cmd_timestamp(l, bus(&m, 3), 0));
    quiet(dev, PARK_MS); /* the NORMAL context parks in its WAIT again after F */
    RUN(submit(l, NULL));
    quiet(dev, 100);
    CHECK(get(&m, 3) == 0, "IDLE-band L ran while a NORMAL context had work");
    RUN(cycles(dev, &c0));
    RUN(set_ctx_band(l, SGPU_BAND_REALTIME));
    RUN(idle(l));
    RUN(stream_around(&s, get(&m, 3), "L's TIMESTAMP after its raise"));
    printf("  L ran %" PRIu64 " cycles after SET_CONTEXT_PROPERTIES raised it to REALTIME\n",
           get(&m, 3) - c0);
    CHECK(get(&m, 3) - c0 < HOST_AT_ONCE_CYCLES, "raised to REALTIME, L waited %" PRIu64 " cycles",
          get(&m, 3) - c0);
    RUN(stream_finish(dev, &s));
    RUN(untouched(f, "FOCUS"));
    RUN(untouched(l, "L"));
    sgpu_ctx_destroy(f);
    sgpu_ctx_destroy(l);
    words_free(&m);
    return 0;
}

/* ---- 7.9: the scheduling log ----------------------------------------------------------------- */

#define LOG_ENTRIES 4u
#define LOG_INTERRUPT 2u
#define LOG_ROUNDS 8u

/* The log's entries, oldest first, must be well formed: valid states of the given contexts,
 * each a change for its context, timestamps not going back. Returns how many were written. */
static int log_check(const struct schedlog *l, const uint32_t *ids, unsigned nids, uint64_t since,
                     unsigned *written)
{
    uint32_t ff, wraps;
    log_index(l, &ff, &wraps);
    CHECK(ff < l->entries, "FirstFreeEntryIndex %u of %u entries", ff, l->entries);
    const struct sgpu_log_header *h = l->buf->cpu;
    CHECK(h->entries == l->entries, "header NumberOfEntries %" PRIu64 ", not %u", h->entries,
          l->entries);
    unsigned total = wraps * l->entries + ff;
    unsigned n = total < l->entries ? total : l->entries;
    unsigned first = total < l->entries ? 0 : ff;
    uint64_t last_ts = since;
    uint64_t last_state[32];
    for (unsigned i = 0; i < 32; i++)
        last_state[i] = UINT64_MAX;
    for (unsigned k = 0; k < n; k++) {
        unsigned i = (first + k) % l->entries;
        struct sgpu_log_entry e = log_entry(l, i);
        int known = 0;
        for (unsigned j = 0; j < nids; j++)
            known |= e.context == ids[j];
        CHECK(e.operation == SGPU_LOG_OP_CONTEXT_STATE_CHANGE && known &&
              e.new_state <= SGPU_CTX_STATE_READY_STANDBY,
              "log entry %u: op %u context %" PRIu64 " state %" PRIu64, i, e.operation, e.context,
              e.new_state);
        CHECK(e.timestamp >= last_ts, "log entry %u: timestamp %" PRIu64 " before %" PRIu64, i,
              e.timestamp, last_ts);
        CHECK(e.new_state != last_state[e.context], "log entry %u: context %" PRIu64 " 'changes' "
              "to its state %" PRIu64 " again", i, e.context, e.new_state);
        last_ts = e.timestamp;
        last_state[e.context] = e.new_state;
    }
    *written = total;
    return 0;
}

/* The latest state the log holds for context id (UINT64_MAX: none). */
static uint64_t log_last_state(const struct schedlog *l, uint32_t id)
{
    uint32_t ff, wraps;
    log_index(l, &ff, &wraps);
    unsigned total = wraps * l->entries + ff;
    unsigned n = total < l->entries ? total : l->entries;
    for (unsigned k = 1; k <= n; k++) {
        struct sgpu_log_entry e = log_entry(l, (ff + l->entries - k) % l->entries);
        if (e.context == id)
            return e.new_state;
    }
    return UINT64_MAX;
}

/* Waits until the log says context id is in state (the firmware logs in the background). */
static int log_wait_state(sgpu_dev *dev, const struct schedlog *l, uint32_t id, uint64_t state)
{
    uint64_t end = now_ms() + WAIT_MS;
    while (log_last_state(l, id) != state) {
        CHECK(now_ms() < end, "the log's last state for context %u is %" PRIu64 ", not %" PRIu64,
              id, log_last_state(l, id), state);
        sgpu_events_poll(dev, NULL, NULL);
        sleep_us(500);
    }
    return 0;
}

static int test_7_9_scheduling_log(sgpu_dev *dev)
{
    sgpu_ctx *a;
    struct words m;
    struct schedlog l1 = {0}, l2 = {0};
    uint64_t c0;
    unsigned total;
    RUN(new_ctx(dev, SGPU_NODE_COPY, SGPU_BAND_NORMAL, 0, &a));
    uint32_t ids[] = {sgpu_ctx_id(a)};
    RUN(words_new(dev, 2 + LOG_ROUNDS, &m));
    RUN(cycles(dev, &c0));
    RUN(log_set(dev, SGPU_NODE_COPY, &l1, LOG_ENTRIES, LOG_INTERRUPT));
    /* each round: A runs (held in a WAIT until the log shows it running), then goes idle */
    for (unsigned r = 0; r < LOG_ROUNDS; r++) {
        TRY(sgpu_cmd_wait(a, bus(&m, 0), r + 1, 0));
        TRY(sgpu_cmd_fence(a, bus(&m, 2 + r), 0x900u + r, 0));
        RUN(submit(a, NULL));
        RUN(log_wait_state(dev, &l1, ids[0], SGPU_CTX_STATE_RUNNING));
        set(&m, 0, r + 1);
        RUN(idle(a));
        RUN(log_wait_state(dev, &l1, ids[0], SGPU_CTX_STATE_IDLE));
        RUN(log_check(&l1, ids, 1, c0, &total));
    }
    uint32_t ff, wraps;
    log_index(&l1, &ff, &wraps);
    printf("  %u log entries in a %u-entry buffer: FirstFreeEntryIndex %u, WraparoundCount %u\n",
           total, LOG_ENTRIES, ff, wraps);
    CHECK(total >= 2 * LOG_ROUNDS, "%u entries for %u rounds of RUNNING and IDLE", total, LOG_ROUNDS);
    CHECK(wraps == total / LOG_ENTRIES && ff == total % LOG_ENTRIES, "index %u wraps %u for %u "
          "entries", ff, wraps, total);
    /* interrupt 15 each time entry LOG_INTERRUPT was written */
    unsigned want = total > LOG_INTERRUPT ? (total - LOG_INTERRUPT - 1) / LOG_ENTRIES + 1 : 0;
    sgpu_events_poll(dev, NULL, NULL);
    unsigned got = 0;
    for (unsigned i = 0; i < evlog_n; i++) {
        const struct sgpu_event_info *e = &evlog[i];
        if (e->type != SGPU_EVENT_SCHEDULING_LOG_INTERRUPT)
            continue;
        CHECK(e->value == LOG_INTERRUPT && e->node == SGPU_NODE_COPY, "SCHEDULING_LOG_INTERRUPT "
              "for entry %" PRIu64 " of node %u", e->value, e->node);
        got++;
    }
    CHECK(got == want, "%u SCHEDULING_LOG_INTERRUPT events for %u entries, not %u", got, total, want);
    /* a new buffer: the old one is never written again */
    uint8_t snap[sizeof(struct sgpu_log_header) + LOG_ENTRIES * sizeof(struct sgpu_log_entry)];
    RUN(log_set(dev, SGPU_NODE_COPY, &l2, 64, 63));
    memcpy(snap, l1.buf->cpu, sizeof snap);
    for (unsigned r = 0; r < 2; r++) {
        TRY(sgpu_cmd_wait(a, bus(&m, 0), LOG_ROUNDS + r + 1, 0));
        RUN(submit(a, NULL));
        RUN(log_wait_state(dev, &l2, ids[0], SGPU_CTX_STATE_RUNNING));
        set(&m, 0, LOG_ROUNDS + r + 1);
        RUN(idle(a));
        RUN(log_wait_state(dev, &l2, ids[0], SGPU_CTX_STATE_IDLE));
    }
    RUN(log_check(&l2, ids, 1, c0, &total));
    CHECK(total >= 4, "the new buffer has %u entries for 2 rounds", total);
    CHECK(memcmp(snap, l1.buf->cpu, sizeof snap) == 0, "the replaced buffer was written");
    RUN(log_set(dev, SGPU_NODE_COPY, NULL, 0, 0)); /* logging off */
    for (unsigned r = 0; r < LOG_ROUNDS; r++)
        CHECK(get(&m, 2 + r) == 0x900u + r, "round %u's FENCE wrote 0x%" PRIx64, r, get(&m, 2 + r));
    RUN(untouched(a, "the context"));
    sgpu_ctx_destroy(a);
    log_free(&l1);
    log_free(&l2);
    words_free(&m);
    return 0;
}

/* ---- 7.10: page faults -------------------------------------------------------------------------- */

static int test_7_10_page_fault_fence(sgpu_dev *dev)
{
    sgpu_ctx *a, *b;
    struct words m;
    uint64_t v1;
    RUN(words_new(dev, 4, &m));
    RUN(new_ctx(dev, SGPU_NODE_COPY, SGPU_BAND_NORMAL, 0, &a));
    RUN(new_ctx(dev, SGPU_NODE_COPY, SGPU_BAND_NORMAL, 0, &b));
    TRY(sgpu_cmd_fence(a, bus(&m, 1), 0xF1, 0));
    RUN(submit(a, &v1));
    RUN(idle(a));
    /* a FILL past the end of VRAM: a bad access by a known command */
    /* the library refuses it, so the command is encoded for a good address and moved */
    uint32_t bad = SGPU_CFG_VRAM_BYTES - 8u, fill[SGPU_CMD_FILL_DWORDS];
    int nf = cmd_encode_fill(fill, 0, 64, 0xFFFFFFFFu, SGPU_CMD_FILL_FLAG_DST_VRAM);
    CHECK(nf == SGPU_CMD_FILL_DWORDS, "encode FILL: %d", nf);
    fill[SGPU_CMD_FILL_DST_DW] = bad;
    TRY(ctx_emit(a, fill, nf, "FILL past VRAM"));
    TRY(sgpu_cmd_fence(a, bus(&m, 2), 0xF2, 0));
    RUN(submit(a, NULL));
    EXPECT(sgpu_ctx_idle(a, WAIT_MS), SGPU_ERR_CTX_ERROR);
    sgpu_events_poll(dev, NULL, NULL);
    const struct sgpu_event_info *pf, *ce;
    CHECK(count_events(SGPU_EVENT_HWQUEUE_PAGE_FAULTED, sgpu_ctx_id(a), &pf) == 1,
          "%u HWQUEUE_PAGE_FAULTED events for the context, not 1",
          count_events(SGPU_EVENT_HWQUEUE_PAGE_FAULTED, sgpu_ctx_id(a), NULL));
    CHECK(count_events(SGPU_EVENT_CONTEXT_ERROR, sgpu_ctx_id(a), &ce) == 1 && pf < ce,
          "CONTEXT_ERROR missing or before the page fault");
    printf("  page fault: value %" PRIu64 " flags 0x%x aux 0x%" PRIx64 "\n", pf->value, pf->flags,
           pf->aux);
    CHECK(pf->value == v1 && pf->value == sgpu_fence_read(a), "HWQUEUE_PAGE_FAULTED carries fence "
          "value %" PRIu64 ", the queue's progress fence is %" PRIu64, pf->value, sgpu_fence_read(a));
    CHECK(!(pf->flags & (SGPU_EVENT_FLAG_FENCE_INVALID | SGPU_EVENT_FLAG_ENGINE_RESET_REQUIRED |
                         SGPU_EVENT_FLAG_ADAPTER_RESET_REQUIRED)),
          "a known fence reported flags 0x%x", pf->flags);
    CHECK(pf->aux >= bad && pf->aux < bad + 64u + 8u, "faulting address 0x%" PRIx64 " not in the "
          "FILL's range 0x%x + 64", pf->aux, bad);
    CHECK(ce->reason == SGPU_CMD_ERROR_BAD_ADDRESS, "CONTEXT_ERROR reason %u", ce->reason);
    CHECK(get(&m, 2) == 0, "the FENCE after the fault ran");
    /* the other context of the engine is fine */
    TRY(sgpu_cmd_fence(b, bus(&m, 3), 0xB3, 0));
    RUN(submit(b, NULL));
    RUN(idle(b));
    RUN(untouched(b, "the other context"));

    /* An unknown fence: the firmware cannot read the faulting queue's progress fence (it
     * lies outside host memory), so the value means nothing. A context made by hand. */
    uint32_t count;
    TRY(sgpu_read32(dev, CP(CTX_COUNT), &count));
    uint32_t id = count - 1u; /* the library takes the lowest free ids: 0 and 1 here */
    CHECK(id != sgpu_ctx_id(a) && id != sgpu_ctx_id(b), "context %u is in use", id);
    struct sgpu_dma_buf *ring;
    TRY(sgpu_dma_alloc(dev, 4 * KIB, &ring));
    uint64_t outside = ring->bus >= (1ull << 28) ? 0x1000 : ring->bus + (1ull << 40);
    union sgpu_ctrl_frame f;
    memset(&f, 0, sizeof f);
    f.hdr.opcode = SGPU_CTRL_OP_CREATE_CONTEXT;
    f.create_context.ctx_id = id;
    f.create_context.node = SGPU_NODE_COPY;
    f.create_context.band = SGPU_BAND_NORMAL;
    f.create_context.ring_addr = ring->bus; /* page-aligned: aligned to 4 KiB */
    f.create_context.ring_bytes = 4 * KIB;
    f.create_context.progress_fence_addr = outside;
    f.create_context.save_area_addr = m.buf->bus;
    CHECK((ring->bus & (4 * KIB - 1)) == 0, "ring buffer not 4 KiB aligned");
    TRY(sgpu_ctl_call(dev, &f, NULL, 0));
    int n = nf;
    memcpy(ring->cpu, fill, (size_t)n * 4u);
    __atomic_thread_fence(__ATOMIC_RELEASE);
    unsigned before = evlog_n;
    uint32_t base, stride;
    TRY(sgpu_read32(dev, CP(CTX_OFFSET), &base));
    TRY(sgpu_read32(dev, CP(CTX_STRIDE), &stride));
    TRY(sgpu_write32(dev, base + id * stride + SGPU_CTX_DOORBELL_OFFSET, (uint32_t)n * 4u));
    uint64_t end = now_ms() + WAIT_MS;
    while (!count_events(SGPU_EVENT_CONTEXT_ERROR, id, NULL)) {
        CHECK(now_ms() < end, "no CONTEXT_ERROR for the context with an unreadable fence");
        sgpu_events_poll(dev, NULL, NULL);
        sleep_us(1000);
    }
    CHECK(count_events(SGPU_EVENT_HWQUEUE_PAGE_FAULTED, id, &pf) == 1 && pf >= evlog + before,
          "no HWQUEUE_PAGE_FAULTED for the context with an unreadable fence");
    printf("  unknown fence: flags 0x%x\n", pf->flags);
    CHECK((pf->flags & SGPU_EVENT_FLAG_FENCE_INVALID) &&
          (pf->flags & (SGPU_EVENT_FLAG_ENGINE_RESET_REQUIRED | SGPU_EVENT_FLAG_ADAPTER_RESET_REQUIRED)),
          "an unknown fence reported flags 0x%x, not FENCE_INVALID with a reset-required flag",
          pf->flags);
    memset(&f, 0, sizeof f);
    f.hdr.opcode = SGPU_CTRL_OP_DESTROY_CONTEXT;
    f.destroy_context.ctx_id = id;
    TRY(sgpu_ctl_call(dev, &f, NULL, 0));
    sgpu_dma_free(dev, ring);
    sgpu_ctx_destroy(a);
    sgpu_ctx_destroy(b);
    words_free(&m);
    return 0;
}

/* ---- Bad input ------------------------------------------------------------------------------- */

/* QueryEngineStatus's progress value: the commands an engine finished. Five NOPs and the
 * submission's FENCE on COPY move COPY's by six and COMPUTE's not at all. */
static int test_engine_progress(sgpu_dev *dev)
{
    sgpu_ctx *ctx;
    struct sgpu_engine_status copy0, copy1, comp0, comp1;
    uint64_t v;
    RUN(new_ctx(dev, SGPU_NODE_COPY, SGPU_BAND_NORMAL, 0, &ctx));
    TRY(sgpu_engine_status(dev, SGPU_NODE_COPY, 0, &copy0));
    TRY(sgpu_engine_status(dev, SGPU_NODE_COMPUTE, 0, &comp0));
    for (unsigned i = 0; i < 5; i++)
        TRY(sgpu_cmd_nop(ctx, 1 + i));
    TRY(sgpu_submit(ctx, 0, &v));
    TRY(sgpu_fence_wait(ctx, v, WAIT_MS));
    TRY(sgpu_engine_status(dev, SGPU_NODE_COPY, 0, &copy1));
    TRY(sgpu_engine_status(dev, SGPU_NODE_COMPUTE, 0, &comp1));
    CHECK(copy1.progress - copy0.progress == 6, "COPY's progress went from %u to %u, not by 6",
          copy0.progress, copy1.progress);
    CHECK(comp1.progress == comp0.progress, "COMPUTE's progress moved from %u to %u with no "
          "work", comp0.progress, comp1.progress);
    CHECK(copy1.as_of_cycles > copy0.as_of_cycles, "the looks' device cycles %llu, %llu",
          (unsigned long long)copy0.as_of_cycles, (unsigned long long)copy1.as_of_cycles);
    sgpu_ctx_destroy(ctx);
    return 0;
}

static int test_bad_input(sgpu_dev *dev)
{
    sgpu_ctx *a, *by;
    struct words m;
    struct sgpu_status st0, st1;
    struct sgpu_engine_status es;
    uint32_t mask;
    enum sgpu_preemption p;
    RUN(words_new(dev, 4, &m));
    RUN(new_ctx(dev, SGPU_NODE_COPY, SGPU_BAND_NORMAL, 0, &by)); /* the bystander */
    TRY(sgpu_ctl_query_status(dev, &st0));
    uint32_t count;
    TRY(sgpu_read32(dev, CP(CTX_COUNT), &count));
    /* unknown and destroyed contexts */
    EXPECT(sgpu_ctx_suspend_id(dev, count, 1, 0, NULL), SGPU_ERR_INVALID);
    EXPECT(sgpu_ctx_resume_id(dev, count), SGPU_ERR_INVALID);
    EXPECT(sgpu_ctx_suspend_id(dev, count - 2u, 1, 0, NULL), SGPU_ERR_INVALID);
    EXPECT(sgpu_ctx_resume_id(dev, count - 2u), SGPU_ERR_INVALID);
    RUN(new_ctx(dev, SGPU_NODE_COMPUTE, SGPU_BAND_NORMAL, 0, &a));
    uint32_t id = sgpu_ctx_id(a);
    EXPECT(sgpu_ctx_suspend_id(dev, id, 1, 0, NULL), SGPU_ERR_INVALID); /* this driver's */
    TRY(sgpu_ctx_destroy(a));
    EXPECT(sgpu_ctx_suspend_id(dev, id, 1, 0, NULL), SGPU_ERR_INVALID);
    EXPECT(sgpu_ctx_resume_id(dev, id), SGPU_ERR_INVALID);
    EXPECT(sgpu_ctx_suspend(NULL, NULL), SGPU_ERR_INVALID);
    EXPECT(sgpu_ctx_resume(NULL), SGPU_ERR_INVALID);
    EXPECT(sgpu_ctx_move(by), SGPU_ERR_STATE);
    EXPECT(sgpu_ctx_suspend_wait(by, 1, 0), SGPU_ERR_INVALID); /* never asked for */
    TRY(sgpu_ctx_resume(by)); /* not suspended: nothing to do */
    /* engines that do not exist */
    EXPECT(sgpu_engine_reset(dev, 5, 0, NULL, NULL), SGPU_ERR_INVALID);
    EXPECT(sgpu_engine_reset(dev, SGPU_NODE_COPY, 1, NULL, NULL), SGPU_ERR_INVALID);
    EXPECT(sgpu_engine_resume(dev, 5, 0), SGPU_ERR_INVALID);
    EXPECT(sgpu_engine_status(dev, 2, 0, &es), SGPU_ERR_INVALID);
    EXPECT(sgpu_engine_dependents(dev, SGPU_NODE_COMPUTE, 3, &mask), SGPU_ERR_INVALID);
    /* resuming engines that were not reset */
    EXPECT(sgpu_engine_resume(dev, SGPU_NODE_COPY, 0), SGPU_ERR_STATE);
    EXPECT(sgpu_engine_resume(dev, SGPU_NODE_COMPUTE, 0), SGPU_ERR_STATE);
    /* a guilty context that does not exist */
    struct sgpu_engine_reset_options o = SGPU_ENGINE_RESET_OPTIONS_INIT;
    o.guilty_ctx_id = count + 3u;
    EXPECT(sgpu_engine_reset_opts(dev, SGPU_NODE_COPY, 0, &o, NULL, NULL, NULL), SGPU_ERR_INVALID);
    o.guilty_ctx_id = count - 2u; /* in range, not created */
    EXPECT(sgpu_engine_reset_opts(dev, SGPU_NODE_COPY, 0, &o, NULL, NULL, NULL), SGPU_ERR_INVALID);
    /* none of it changed the device */
    TRY(sgpu_ctl_query_status(dev, &st1));
    CHECK(st1.engines_running == st0.engines_running && st1.contexts_in_error == st0.contexts_in_error &&
          st1.contexts_live == st0.contexts_live, "bad input changed STATUS: running 0x%x -> 0x%x, "
          "in error %u -> %u, live %u -> %u", st0.engines_running, st1.engines_running,
          st0.contexts_in_error, st1.contexts_in_error, st0.contexts_live, st1.contexts_live);
    TRY(sgpu_cmd_fence(by, bus(&m, 1), 0xBB, 0));
    RUN(submit(by, NULL));
    RUN(idle(by));
    CHECK(get(&m, 1) == 0xBB, "the bystander's FENCE wrote 0x%" PRIx64, get(&m, 1));
    RUN(untouched(by, "the bystander"));
    CHECK(!count_events(SGPU_EVENT_CONTEXT_RESET, SGPU_PROTO_CONTEXT_NONE, NULL),
          "bad input reset a context");
    /* the capabilities the WDDM way */
    TRY(sgpu_preemption_granularity(dev, &p));
    printf("  compute preemption granularity: %s (%u)\n", sgpu_preemption_name(p), (unsigned)p);
    CHECK(p == st1.compute_preemption, "granularity %u, STATUS says %u", p, st1.compute_preemption);
    CHECK(p >= SGPU_PREEMPTION_DISPATCH_BOUNDARY, "the engines stop between commands at least: %s",
          sgpu_preemption_name(p));
    sgpu_ctx_destroy(by);
    words_free(&m);
    return 0;
}

/* After a test, failed or not: the firmware keeps its settings across sessions, so the next
 * test starts from the defaults (engines resumed, band grace 0, no log). */
static void restore(sgpu_dev *dev)
{
    struct sgpu_engine_status st;
    for (unsigned node = 0; node < 2; node++)
        if (sgpu_engine_status(dev, node, 0, &st) == SGPU_OK && !st.running)
            sgpu_engine_resume(dev, node, 0);
    for (unsigned band = SGPU_BAND_NORMAL; band <= SGPU_BAND_REALTIME; band++)
        set_band(dev, band, 0);
    for (unsigned node = 0; node < 2; node++)
        log_set(dev, node, NULL, 0, 0);
}

/* ---- Driver ------------------------------------------------------------------------------------ */

struct test {
    const char *name;
    int (*run)(sgpu_dev *dev);
};

static const struct test tests[] = {
    {"hwsched_7_1_suspend_running_wait", test_7_1_suspend_in_wait},
    {"hwsched_7_1_suspend_running_stream", test_7_1_suspend_stream},
    {"hwsched_7_2_suspend_suspended", test_7_2_suspend_suspended},
    {"hwsched_7_3_suspend_resume_race", test_7_3_suspend_race},
    {"hwsched_7_4_queued_while_suspended", test_7_4_queued_while_suspended},
    {"hwsched_move_suspended", test_move_suspended},
    {"hwsched_7_5_engine_reset", test_7_5_engine_reset},
    {"hwsched_7_5_guilty_named", test_7_5_guilty_named},
    {"hwsched_7_6_engine_resume", test_7_6_engine_resume},
    {"hwsched_7_7_realtime_focus", test_7_7_realtime_focus},
    {"hwsched_7_8_next_decision", test_7_8_properties_next_decision},
    {"hwsched_7_9_scheduling_log", test_7_9_scheduling_log},
    {"hwsched_7_10_page_fault_fence", test_7_10_page_fault_fence},
    {"hwsched_engine_progress", test_engine_progress},
    {"hwsched_bad_input", test_bad_input},
};

/* For the CLI tests: n COPY contexts that outlive this driver session (it ends without
 * sgpu_close, so nothing destroys them), each having run one submission and gone idle. */
static int leave_contexts(unsigned n)
{
    sgpu_dev *dev;
    int rc = open_dev(&dev);
    if (rc != SGPU_OK) {
        fprintf(stderr, "hwsched: open %s: %s (%s)\n", uri, sgpu_errname(rc), sgpu_last_error());
        return 1;
    }
    printf("left contexts:");
    for (unsigned i = 0; i < n; i++) {
        sgpu_ctx *ctx;
        if ((rc = sgpu_ctx_create(dev, SGPU_NODE_COPY, NULL, &ctx)) != SGPU_OK ||
            (rc = sgpu_submit(ctx, 0, NULL)) != SGPU_OK || (rc = sgpu_ctx_idle(ctx, WAIT_MS))) {
            fprintf(stderr, "hwsched: context %u: %s (%s)\n", i, sgpu_errname(rc), sgpu_last_error());
            return 1;
        }
        printf(" %u", sgpu_ctx_id(ctx));
    }
    printf("\n");
    fflush(stdout);
    _exit(0);
}

static void usage(FILE *f)
{
    fprintf(f, "usage: hwsched --uri sim:PATH [--seed N] [--only NAME]\n"
               "       hwsched --uri sim:PATH --leave N\n"
               "The scheduling contract's behaviours (hwsched spec section 7) against a running\n"
               "sgpu-sim, each through libsgpu and the real firmware.\n"
               "  --uri URI      the device (a private simulator: the tests need it alone)\n"
               "  --seed N       the test data's seed (default: random, printed)\n"
               "  --only NAME    run only that test\n"
               "  --leave N      create N COPY contexts and exit without closing the device, so\n"
               "                 that they outlive the session (for the CLI tests)\n"
               "Tests:");
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++)
        fprintf(f, " %s", tests[i].name);
    fprintf(f, "\n");
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"uri", required_argument, NULL, 'u'},  {"seed", required_argument, NULL, 's'},
        {"only", required_argument, NULL, 'o'}, {"kernels", required_argument, NULL, 'k'},
        {"help", no_argument, NULL, 'h'},       {"leave", required_argument, NULL, 'l'},
        {NULL, 0, NULL, 0},
    };
    const char *only = NULL;
    unsigned leave = 0;
    int c, failed = 0, ran = 0;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    seed = (((uint64_t)ts.tv_sec * 1000003u) ^ (uint64_t)ts.tv_nsec) & 0xFFFFFFFFu;
    while ((c = getopt_long(argc, argv, "u:s:o:k:l:h", opts, NULL)) != -1) {
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
        case 'k':
            break; /* run-system.py passes the kernels: none needed here */
        case 'l':
            leave = (unsigned)strtoul(optarg, NULL, 0);
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
    if (leave)
        return leave_contexts(leave);
    printf("hwsched: seed %" PRIu64 " (replay with --seed %" PRIu64 "), %s\n", seed, seed, uri);
    fflush(stdout);
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        if (only && strcmp(only, tests[i].name) != 0)
            continue;
        sgpu_dev *dev;
        uint64_t t0 = now_ms();
        int rc = open_dev(&dev);
        why[0] = '\0';
        ran++;
        if (rc != SGPU_OK) {
            fail("open %s: %s (%s)", uri, sgpu_errname(rc), sgpu_last_error());
            rc = -1;
        } else {
            rc = tests[i].run(dev);
            restore(dev);
            sgpu_close(dev);
        }
        if (rc < 0) {
            printf("FAIL system/%s: %s\n", tests[i].name, why);
            failed++;
        } else {
            printf("  took %.2f s\nPASS system/%s\n", (double)(now_ms() - t0) / 1000, tests[i].name);
        }
        fflush(stdout);
    }
    if (!ran) {
        fprintf(stderr, "hwsched: no test named '%s'\n", only);
        usage(stderr);
        return 2;
    }
    return failed ? 1 : 0;
}
