/* system.c: system checks of the whole device through libsgpu against a running sgpu-sim
 * (started by run-system.py on a private socket): control channel, copies in every
 * direction, fences, many contexts, doorbells, WAIT, invalid commands and bad input, kernels
 * and their faults, events. Each check opens the device, looks at outcomes (fence values,
 * memory contents, event records), and closes it. Prints `PASS system/NAME` or
 * `FAIL system/NAME: why`. */
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
/* The library's internal view of a context (host/lib/gpu.h): the checks that must put an
 * invalid command into a ring use the library's own emitter (ctx_emit) and read where the
 * next command goes (ring.wptr), so that the library's ring accounting stays right. */
#include "gpu.h"

#define KIB 1024u
#define WAIT_MS 30000u        /* the simulator runs ~200k cycles/s on a shared machine */
#define BUSY_RETRY_MS 5000u
#define VRAM_BYTES SGPU_CFG_VRAM_BYTES
#define CP(reg) (SGPU_CP_BAR0_BASE + SGPU_CP_##reg##_OFFSET)
#define NODE_NAME(n) ((n) == SGPU_NODE_COPY ? "copy" : "compute")

static const char *uri;
static const char *kernels_dir = "build/kernels";
static uint64_t seed;
static char why[2048];

static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    return -1;
}

/* A failure that lets the check go on (so that what follows is still checked): the check
 * fails at its end with all of them. */
static char later[2048];
static void later_add(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void later_add(const char *fmt, ...)
{
    size_t n = strlen(later);
    if (n + 8 >= sizeof later)
        return;
    if (n)
        n += (size_t)snprintf(later + n, sizeof later - n, "; ");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(later + n, sizeof later - n, fmt, ap);
    va_end(ap);
}
#define LATER(cond, ...)                                                                   \
    do {                                                                                   \
        if (!(cond))                                                                       \
            later_add(__VA_ARGS__);                                                        \
    } while (0)

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
            return fail("%s gave %s, not %s (%s)", #call, sgpu_errname(rc_),               \
                        sgpu_errname(code), sgpu_last_error());                            \
    } while (0)

/* A condition on an outcome. */
#define CHECK(cond, ...)                                                                   \
    do {                                                                                   \
        if (!(cond))                                                                       \
            return fail(__VA_ARGS__);                                                      \
    } while (0)

/* A helper of this file that must pass (it set `why`). */
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

/* ---- Test data ------------------------------------------------------------------------ */

static uint64_t rng_state;
static uint64_t rng_next(void)
{
    /* xorshift64*: enough for test data */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Dull;
}

/* splitmix64's finaliser: a check's generator state from the seed and the check's index. */
static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* 0 .. n - 1 (n > 0). */
static uint32_t rng_below(uint32_t n)
{
    return (uint32_t)(rng_next() % n);
}

/* A length: a multiple of 8 from 8 to max. */
static uint32_t rand_len(uint32_t max)
{
    return 8u * (1u + rng_below(max / 8u));
}

/* An offset: a multiple of 8 from 0 to span. */
static uint32_t rand_off(uint32_t span)
{
    return 8u * rng_below(span / 8u + 1u);
}

static void fill_random(void *p, size_t n)
{
    uint8_t *b = p;
    for (size_t i = 0; i < n; i += 8) {
        uint64_t r = rng_next();
        memcpy(b + i, &r, n - i < 8 ? n - i : 8);
    }
}

static size_t first_difference(const void *a, const void *b, size_t n)
{
    const uint8_t *x = a, *y = b;
    for (size_t i = 0; i < n; i++)
        if (x[i] != y[i])
            return i;
    return n;
}

/* Bytes [at, at + n) of p all equal v; returns the first that does not, or SIZE_MAX. */
static size_t first_not(const uint8_t *p, size_t at, size_t n, uint8_t v)
{
    for (size_t i = at; i < at + n; i++)
        if (p[i] != v)
            return i;
    return SIZE_MAX;
}

/* ---- Events: every record the library consumes, through the device callback ------------- */

#define EVLOG_MAX 4096
static struct sgpu_event_info evlog[EVLOG_MAX];
static unsigned evlog_n, evlog_dropped;

static void on_event(sgpu_dev *dev, const struct sgpu_event_info *ev, void *user)
{
    (void)dev;
    (void)user;
    if (evlog_n < EVLOG_MAX)
        evlog[evlog_n++] = *ev;
    else
        evlog_dropped++;
}

/* The latest event of `type` for context id (CONTEXT_NONE: any), or NULL: ids are reused
 * once a context is destroyed, so the latest is the current context's. */
static const struct sgpu_event_info *find_event(unsigned type, uint32_t ctx_id)
{
    for (unsigned i = evlog_n; i-- > 0;)
        if (evlog[i].type == type && (ctx_id == SGPU_PROTO_CONTEXT_NONE || evlog[i].ctx_id == ctx_id))
            return &evlog[i];
    return NULL;
}

/* Consumes what was posted so far and forgets it: the events after this are a new step's. */
static void evlog_restart(sgpu_dev *dev)
{
    unsigned before = evlog_n;
    sgpu_events_poll(dev, NULL, NULL);
    if (getenv("SYSTEM_DEBUG")) /* come after the last look: a check that waited too little */
        for (unsigned i = before; i < evlog_n; i++)
            printf("  (late) event seq %u type %u ctx %u value 0x%" PRIx64 "\n",
                   evlog[i].seq, evlog[i].type, evlog[i].ctx_id, evlog[i].value);
    evlog_n = evlog_dropped = 0;
}

/* A bad access is reported as a page fault first: HWQUEUE_PAGE_FAULTED for the context with
 * the faulting address, before its CONTEXT_ERROR. */
static int expect_page_fault(const sgpu_ctx *ctx, uint64_t addr, const char *what)
{
    const struct sgpu_event_info *pf = find_event(SGPU_EVENT_HWQUEUE_PAGE_FAULTED, sgpu_ctx_id(ctx));
    const struct sgpu_event_info *ce = find_event(SGPU_EVENT_CONTEXT_ERROR, sgpu_ctx_id(ctx));
    CHECK(pf, "%s: no HWQUEUE_PAGE_FAULTED event for context %u", what, sgpu_ctx_id(ctx));
    CHECK(!ce || pf < ce, "%s: HWQUEUE_PAGE_FAULTED came after CONTEXT_ERROR", what);
    CHECK(pf->aux == addr, "%s: HWQUEUE_PAGE_FAULTED address 0x%" PRIx64 ", not 0x%" PRIx64, what,
          pf->aux, addr);
    CHECK(pf->value == sgpu_fence_read(ctx), "%s: HWQUEUE_PAGE_FAULTED fence value %" PRIu64
          ", the progress fence is %" PRIu64, what, pf->value, sgpu_fence_read(ctx));
    return 0;
}

/* No CONTEXT_ERROR or CONTEXT_RESET for an innocent context. */
static int no_fault_events(const sgpu_ctx *ctx)
{
    uint32_t id = sgpu_ctx_id(ctx);
    const struct sgpu_event_info *e = find_event(SGPU_EVENT_CONTEXT_ERROR, id);
    if (!e)
        e = find_event(SGPU_EVENT_CONTEXT_RESET, id);
    CHECK(!e, "innocent context %u got event %u (reason %u, value 0x%" PRIx64 ")", id,
          e ? e->type : 0, e ? e->reason : 0, e ? e->value : 0);
    return 0;
}

/* ---- Device, contexts, memory ---------------------------------------------------------- */

/* Opens the simulator (waiting out SGPU_ERR_BUSY while the previous driver is reaped) and
 * routes its events to the log. */
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
    evlog_n = evlog_dropped = 0;
    return rc;
}

static int new_ctx(sgpu_dev *dev, unsigned node, uint32_t ring_bytes, sgpu_ctx **out)
{
    struct sgpu_ctx_options o = SGPU_CTX_OPTIONS_INIT;
    o.ring_bytes = ring_bytes;
    TRY(sgpu_ctx_create(dev, node, &o, out));
    return 0;
}

static int new_buf(sgpu_dev *dev, size_t bytes, struct sgpu_dma_buf **out)
{
    TRY(sgpu_dma_alloc(dev, bytes, out));
    return 0;
}

/* Submits and checks the value is the next one; *value (may be NULL) gets it. */
static int submit(sgpu_ctx *ctx, unsigned flags, uint64_t *value)
{
    uint64_t v, expect = sgpu_fence_last_submitted(ctx) + 1;
    TRY(sgpu_submit(ctx, flags, &v));
    CHECK(v == expect, "context %u: submit gave fence value %" PRIu64 ", not %" PRIu64,
          sgpu_ctx_id(ctx), v, expect);
    if (value)
        *value = v;
    return 0;
}

/* Waits until everything submitted is done and checks the progress fence is exactly the
 * last value submitted (a fence past it would be a command run twice or a stray write). */
static int idle(sgpu_ctx *ctx)
{
    TRY(sgpu_ctx_idle(ctx, WAIT_MS));
    uint64_t f = sgpu_fence_read(ctx), last = sgpu_fence_last_submitted(ctx);
    CHECK(f == last, "context %u: progress fence %" PRIu64 " after idle, last submitted %" PRIu64,
          sgpu_ctx_id(ctx), f, last);
    return 0;
}

static int submit_wait(sgpu_ctx *ctx)
{
    RUN(submit(ctx, 0, NULL));
    return idle(ctx);
}

/* Where a command of `dwords` will go in the ring (after a WRAP if it would cross the end). */
static uint32_t next_offset(const sgpu_ctx *ctx, uint32_t dwords)
{
    uint32_t w = ctx->ring.wptr;
    return w + dwords * 4u <= ctx->ring.size ? w : 0;
}

/* A raw command, valid or not, through the library's own emitter; *offset gets its ring
 * offset. */
static int emit_raw(sgpu_ctx *ctx, const uint32_t *dws, int n, uint32_t *offset)
{
    *offset = next_offset(ctx, (uint32_t)n);
    TRY(ctx_emit(ctx, dws, n, "emit_raw"));
    return 0;
}

/* BAR0 offset of a register of context id, from CP's description of the array. */
static int ctx_reg(sgpu_dev *dev, uint32_t id, uint32_t reg, uint32_t *offset)
{
    uint32_t base, stride;
    TRY(sgpu_read32(dev, CP(CTX_OFFSET), &base));
    TRY(sgpu_read32(dev, CP(CTX_STRIDE), &stride));
    *offset = base + id * stride + reg;
    return 0;
}

static int load_kernel(sgpu_dev *dev, const char *name, sgpu_kernel **k)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.bin", kernels_dir, name);
    if (access(path, R_OK) != 0)
        return fail("kernel image %s is missing (make kernels)", path);
    TRY(sgpu_kernel_load(dev, path, k));
    return 0;
}

static int vram_alloc(sgpu_dev *dev, uint32_t bytes, uint32_t *addr)
{
    TRY(sgpu_vram_alloc(dev, bytes, 8, addr));
    return 0;
}

/* Words to VRAM (an argument block); bytes rounded up to 8 with zeros. */
static int put_words(sgpu_dev *dev, uint32_t addr, const uint32_t *w, unsigned n)
{
    uint32_t tmp[64] = {0};
    memcpy(tmp, w, n * 4u);
    TRY(sgpu_vram_write(dev, addr, tmp, (n * 4u + 7u) & ~7u));
    return 0;
}

static int status(sgpu_dev *dev, struct sgpu_status *st)
{
    TRY(sgpu_ctl_query_status(dev, st));
    return 0;
}

/* ---- FENCE slots: one 64-bit slot per command, each with its own value ------------------- */

/* The host consumes written slots (records them, writes 0 back), so a command that ran
 * again later shows up as a slot written a second time. */
struct slots {
    struct sgpu_dma_buf *buf;
    uint64_t *v;        /* in the DMA buffer */
    uint64_t *expect;   /* each slot's value (non-zero, distinct) */
    uint8_t *seen;
    unsigned n;
    unsigned twice, wrong, first_twice, first_wrong;
    uint64_t wrong_value;
};

static int slots_init(sgpu_dev *dev, struct slots *s, unsigned n)
{
    memset(s, 0, sizeof *s);
    RUN(new_buf(dev, (size_t)n * 8u, &s->buf));
    s->v = s->buf->cpu;
    s->expect = calloc(n, sizeof *s->expect);
    s->seen = calloc(n, 1);
    CHECK(s->expect && s->seen, "out of memory");
    s->n = n;
    for (unsigned i = 0; i < n; i++)
        s->expect[i] = rng_next() | 1u;
    return 0;
}

static void slots_fini(struct slots *s)
{
    free(s->expect);
    free(s->seen);
}

static uint64_t slot_bus(const struct slots *s, unsigned i)
{
    return s->buf->bus + 8u * i;
}

/* Consumes every written slot; returns how many were new. */
static unsigned slots_scan(struct slots *s)
{
    unsigned fresh = 0;
    for (unsigned i = 0; i < s->n; i++) {
        uint64_t x = __atomic_load_n(&s->v[i], __ATOMIC_ACQUIRE);
        if (!x)
            continue;
        if (x != s->expect[i] && !s->wrong++) {
            s->first_wrong = i;
            s->wrong_value = x;
        }
        if (s->seen[i] && !s->twice++)
            s->first_twice = i;
        fresh += !s->seen[i];
        s->seen[i] = 1;
        __atomic_store_n(&s->v[i], 0, __ATOMIC_RELEASE);
    }
    return fresh;
}

/* Every slot written once with its value (call after the work is done and once more after
 * later work ran, so that a late replay is seen). */
static int slots_check(struct slots *s, const char *what)
{
    slots_scan(s);
    CHECK(!s->wrong, "%s: %u slots hold a wrong value (slot %u: 0x%016" PRIx64 ", not 0x%016" PRIx64
          ")", what, s->wrong, s->first_wrong, s->wrong_value, s->expect[s->first_wrong]);
    CHECK(!s->twice, "%s: %u slots written again after the host cleared them (first: slot %u): "
          "a command ran twice", what, s->twice, s->first_twice);
    for (unsigned i = 0; i < s->n; i++)
        CHECK(s->seen[i], "%s: slot %u never written (of %u)", what, i, s->n);
    return 0;
}

/* ---- 1. ctl -------------------------------------------------------------------------------- */

static int check_ctl(sgpu_dev *dev)
{
    struct sgpu_status a, b;
    uint32_t count, fw_status = 0xFFFFFFFFu;
    RUN(status(dev, &a));
    CHECK(a.version_major == 1 && a.version_major == SGPU_PROTO_VERSION_MAJOR,
          "protocol major %u, not 1", a.version_major);
    TRY(sgpu_read32(dev, CP(CTX_COUNT), &count));
    CHECK(a.max_contexts == 16 && count == 16, "max_contexts %u, CP.CTX_COUNT %u: not 16",
          a.max_contexts, count);
    uint32_t both = 1u << (SGPU_NODE_COPY * 8) | 1u << (SGPU_NODE_COMPUTE * 8);
    CHECK(a.engines_present == both, "engines_present 0x%x, not 0x%x (copy and compute)",
          a.engines_present, both);
    CHECK(a.engines_running == both, "engines_running 0x%x, not 0x%x", a.engines_running, both);
    CHECK(a.contexts_live == 0 && a.contexts_in_error == 0,
          "%u contexts live (%u in error) on a fresh channel", a.contexts_live,
          a.contexts_in_error);
    /* A NOP frame is a round trip; the counters move. */
    union sgpu_ctrl_frame f;
    memset(&f, 0, sizeof f);
    f.hdr.opcode = SGPU_CTRL_OP_NOP;
    TRY(sgpu_ctl_call(dev, &f, &fw_status, 0));
    CHECK(fw_status == SGPU_CTRL_STATUS_OK, "NOP frame completed with status %u", fw_status);
    RUN(status(dev, &b));
    CHECK(b.frames_done >= a.frames_done + 2, "frames_done %u then %u around a NOP frame",
          a.frames_done, b.frames_done);
    CHECK(b.uptime_cycles > a.uptime_cycles, "uptime_cycles %" PRIu64 " then %" PRIu64,
          a.uptime_cycles, b.uptime_cycles);
    /* An unknown opcode is refused, and the channel still works. */
    memset(&f, 0, sizeof f);
    f.hdr.opcode = 0xEE;
    EXPECT(sgpu_ctl_call(dev, &f, &fw_status, 0), SGPU_ERR_UNSUPPORTED);
    CHECK(fw_status == SGPU_CTRL_STATUS_BAD_OPCODE, "opcode 0xEE: status %u, not BAD_OPCODE",
          fw_status);
    RUN(status(dev, &b));
    CHECK(b.version_major == 1, "QUERY_STATUS after a bad frame: major %u", b.version_major);
    return 0;
}

/* ---- 2. copy-directions ------------------------------------------------------------------- */

#define CD_SPAN (128u * KIB)  /* longest random transfer; buffers are twice that */

struct cd {
    sgpu_dev *dev;
    sgpu_ctx *ctx;
    struct sgpu_dma_buf *src, *dst;
    uint8_t *want;          /* what dst must hold */
    uint8_t *vbuf, *vwant;  /* VRAM read back, and what it must hold */
};

/* dst must equal want everywhere (the copied span and the untouched rest). */
static int cd_check_host(struct cd *c, const char *what, uint32_t off, uint32_t len)
{
    size_t d = first_difference(c->dst->cpu, c->want, 2 * CD_SPAN);
    CHECK(d == 2 * CD_SPAN, "%s (%u bytes at dst+0x%x): host byte 0x%zx is 0x%02x, not 0x%02x",
          what, len, off, d, ((uint8_t *)c->dst->cpu)[d], c->want[d]);
    return 0;
}

/* VRAM [addr, addr + n) read through the DMA block (not the engine) must equal vwant. */
static int cd_check_vram(struct cd *c, const char *what, uint32_t addr, uint32_t n)
{
    TRY(sgpu_vram_read(c->dev, addr, c->vbuf, n));
    size_t d = first_difference(c->vbuf, c->vwant, n);
    CHECK(d == n, "%s: VRAM 0x%zx is 0x%02x, not 0x%02x", what, addr + d, c->vbuf[d], c->vwant[d]);
    return 0;
}

static void cd_reset_dst(struct cd *c, uint8_t v)
{
    memset(c->dst->cpu, v, 2 * CD_SPAN);
    memset(c->want, v, 2 * CD_SPAN);
}

static int cd_host_to_host(struct cd *c)
{
    uint32_t len = rand_len(CD_SPAN), so = rand_off(CD_SPAN), d = rand_off(CD_SPAN);
    fill_random(c->src->cpu, 2 * CD_SPAN);
    cd_reset_dst(c, 0xA5);
    memcpy(c->want + d, (uint8_t *)c->src->cpu + so, len);
    TRY(sgpu_cmd_copy(c->ctx, c->src->bus + so, c->dst->bus + d, len, 0));
    RUN(submit_wait(c->ctx));
    return cd_check_host(c, "COPY host->host", d, len);
}

/* Host -> VRAM at vaddr, then VRAM -> host, in one submission; VRAM also read back through
 * the DMA block. */
static int cd_host_vram_host(struct cd *c, uint32_t vaddr, uint32_t len)
{
    uint32_t so = rand_off(2 * CD_SPAN - len), d = rand_off(2 * CD_SPAN - len);
    fill_random(c->src->cpu, 2 * CD_SPAN);
    cd_reset_dst(c, 0x3C);
    memcpy(c->want + d, (uint8_t *)c->src->cpu + so, len);
    TRY(sgpu_cmd_copy(c->ctx, c->src->bus + so, vaddr, len, SGPU_CMD_COPY_FLAG_DST_VRAM));
    TRY(sgpu_cmd_copy(c->ctx, vaddr, c->dst->bus + d, len, SGPU_CMD_COPY_FLAG_SRC_VRAM));
    RUN(submit_wait(c->ctx));
    RUN(cd_check_host(c, "COPY host->VRAM->host", d, len));
    memcpy(c->vwant, (uint8_t *)c->src->cpu + so, len);
    return cd_check_vram(c, "COPY host->VRAM", vaddr, len);
}

/* VRAM a -> VRAM b (b's neighbours untouched). */
static int cd_vram_to_vram(struct cd *c)
{
    uint32_t len = rand_len(CD_SPAN), a = rand_off(CD_SPAN), b = 2 * CD_SPAN + 64 + rand_off(CD_SPAN);
    uint8_t *data = malloc(len + 128);
    CHECK(data, "out of memory");
    fill_random(data, len + 128);
    /* a holds the data; b's window (64 bytes each side) something else */
    TRY(sgpu_vram_write(c->dev, a, data + 64, len));
    fill_random(c->vwant, len + 128);
    TRY(sgpu_vram_write(c->dev, b - 64, c->vwant, len + 128));
    memcpy(c->vwant + 64, data + 64, len);
    free(data);
    TRY(sgpu_cmd_copy(c->ctx, a, b, len, SGPU_CMD_COPY_FLAG_SRC_VRAM | SGPU_CMD_COPY_FLAG_DST_VRAM));
    RUN(submit_wait(c->ctx));
    return cd_check_vram(c, "COPY VRAM->VRAM", b - 64, len + 128);
}

static int cd_fill_host(struct cd *c)
{
    uint32_t len = rand_len(CD_SPAN), d = rand_off(CD_SPAN), pattern = (uint32_t)rng_next();
    cd_reset_dst(c, 0x5A);
    for (uint32_t i = 0; i < len; i += 4)
        memcpy(c->want + d + i, &pattern, 4);
    TRY(sgpu_cmd_fill(c->ctx, c->dst->bus + d, len, pattern, 0));
    RUN(submit_wait(c->ctx));
    return cd_check_host(c, "FILL host", d, len);
}

/* FILL VRAM at vaddr; 64 bytes each side keep what was there. */
static int cd_fill_vram(struct cd *c, uint32_t vaddr, uint32_t len)
{
    uint32_t pattern = (uint32_t)rng_next();
    uint32_t lo = vaddr >= 64 ? vaddr - 64 : 0;
    uint32_t hi = vaddr + len + 64 <= VRAM_BYTES ? vaddr + len + 64 : VRAM_BYTES;
    fill_random(c->vwant, hi - lo);
    TRY(sgpu_vram_write(c->dev, lo, c->vwant, hi - lo));
    for (uint32_t i = 0; i < len; i += 4)
        memcpy(c->vwant + (vaddr - lo) + i, &pattern, 4);
    TRY(sgpu_cmd_fill(c->ctx, vaddr, len, pattern, SGPU_CMD_FILL_FLAG_DST_VRAM));
    RUN(submit_wait(c->ctx));
    return cd_check_vram(c, "FILL VRAM", lo, hi - lo);
}

static int check_copy_directions(sgpu_dev *dev)
{
    struct cd c = {.dev = dev};
    uint32_t vram;
    /* All of VRAM is this check's: any address in it may be used, the last bytes too. */
    RUN(vram_alloc(dev, VRAM_BYTES, &vram));
    CHECK(vram == 0, "the whole VRAM allocated at 0x%x", vram);
    RUN(new_ctx(dev, SGPU_NODE_COPY, 0, &c.ctx));
    RUN(new_buf(dev, 2 * CD_SPAN, &c.src));
    RUN(new_buf(dev, 2 * CD_SPAN, &c.dst));
    c.want = malloc(2 * CD_SPAN);
    c.vbuf = malloc(4 * CD_SPAN);
    c.vwant = malloc(4 * CD_SPAN);
    CHECK(c.want && c.vbuf && c.vwant, "out of memory");
    int rc = 0;
    for (int round = 0; round < 3 && !rc; round++) {
        uint32_t len = rand_len(CD_SPAN);
        rc = cd_host_to_host(&c);
        if (!rc)
            rc = cd_host_vram_host(&c, rand_off(VRAM_BYTES - len), len);
        if (!rc)
            rc = cd_vram_to_vram(&c);
        if (!rc)
            rc = cd_fill_host(&c);
        if (!rc)
            rc = cd_fill_vram(&c, rand_off(VRAM_BYTES - 2 * CD_SPAN) + 64, rand_len(CD_SPAN));
    }
    /* The edges of VRAM: its first and its last bytes. */
    if (!rc)
        rc = cd_host_vram_host(&c, VRAM_BYTES - 4 * KIB, 4 * KIB);
    if (!rc)
        rc = cd_host_vram_host(&c, 0, 8);
    if (!rc)
        rc = cd_fill_vram(&c, VRAM_BYTES - 256, 256);
    /* The longest: the whole 256 KiB buffer host -> VRAM -> host. */
    if (!rc)
        rc = cd_host_vram_host(&c, rand_off(VRAM_BYTES - 2 * CD_SPAN), 2 * CD_SPAN);
    free(c.want);
    free(c.vbuf);
    free(c.vwant);
    return rc;
}

/* ---- 3. fences-in-order ------------------------------------------------------------------- */

#define FIO_SUBMITS 300u

static unsigned fio_in_flight; /* samples taken with work still running */

/* The progress fence never goes back nor past the last submission, and at a progress fence
 * p every slot of submissions 1..p is visible (in-order execution). */
static int fio_sample(sgpu_ctx *ctx, struct slots *s, uint64_t *last_seen)
{
    uint64_t p = sgpu_fence_read(ctx);
    fio_in_flight += p < sgpu_fence_last_submitted(ctx);
    CHECK(p >= *last_seen, "progress fence went back from %" PRIu64 " to %" PRIu64, *last_seen, p);
    CHECK(p <= sgpu_fence_last_submitted(ctx), "progress fence %" PRIu64 " ahead of the last "
          "submission %" PRIu64, p, sgpu_fence_last_submitted(ctx));
    *last_seen = p;
    slots_scan(s);
    for (uint64_t v = 1; v <= p; v++)
        CHECK(s->seen[v - 1], "progress fence %" PRIu64 " but the FENCE of submission %" PRIu64
              " (slot %" PRIu64 ") not written", p, v, v - 1);
    return 0;
}

static int fences_in_order_on(sgpu_dev *dev, unsigned node)
{
    sgpu_ctx *ctx;
    struct slots s;
    uint64_t last_seen = 0, samples = 0;
    fio_in_flight = 0;
    RUN(new_ctx(dev, node, 8 * KIB, &ctx));
    RUN(slots_init(dev, &s, FIO_SUBMITS));
    int rc = 0;
    for (unsigned i = 0; i < FIO_SUBMITS && !rc; i++) {
        /* some padding so that the FENCEs land everywhere in the ring, wraps included */
        if (rng_below(3) == 0)
            TRY(sgpu_cmd_nop(ctx, 1 + rng_below(40)));
        TRY(sgpu_cmd_fence(ctx, slot_bus(&s, i), s.expect[i], 0));
        rc = submit(ctx, 0, NULL);
        for (unsigned k = 0; k < 2 && !rc; k++, samples++)
            rc = fio_sample(ctx, &s, &last_seen);
    }
    /* keep sampling while the rest drains (idle below reports a device that stopped) */
    for (uint64_t end = now_ms() + WAIT_MS; !rc && last_seen < FIO_SUBMITS && now_ms() < end;) {
        rc = fio_sample(ctx, &s, &last_seen);
        samples++;
        sleep_us(200);
    }
    if (!rc)
        rc = idle(ctx);
    if (!rc)
        rc = slots_check(&s, "after the last fence");
    /* More work after: no earlier FENCE may run again, and the progress fence stays final. */
    if (!rc) {
        TRY(sgpu_cmd_nop(ctx, 8));
        rc = submit_wait(ctx);
    }
    if (!rc)
        rc = slots_check(&s, "after one more submission");
    if (!rc)
        printf("  %s: %u submissions, progress fence sampled %" PRIu64 " times (%u with work "
               "in flight)\n", NODE_NAME(node), FIO_SUBMITS, samples, fio_in_flight);
    slots_fini(&s);
    if (rc == 0)
        TRY(sgpu_ctx_destroy(ctx));
    return rc;
}

static int check_fences_in_order(sgpu_dev *dev)
{
    RUN(fences_in_order_on(dev, SGPU_NODE_COPY));
    return fences_in_order_on(dev, SGPU_NODE_COMPUTE);
}

/* ---- 4. many-contexts --------------------------------------------------------------------- */

#define MC_COPY 9u     /* with MC_COMPUTE: all 16 hardware contexts */
#define MC_COMPUTE 7u
#define MC_ROUNDS 8u
#define MC_SEG (8u * KIB)    /* per round and context */
#define MC_VADD_N 256u

struct mc_copy {
    sgpu_ctx *ctx;
    struct sgpu_dma_buf *src, *dst;
    uint8_t *want;
    uint32_t vram;     /* its own VRAM window: MC_ROUNDS * MC_SEG */
    int via_vram;
};

struct vadd_job {
    uint32_t a, b, c, args, n;
    uint32_t *ha, *hb;
};

/* vadd's buffers: random a and b, c filled with a sentinel two words past n. */
static int vadd_setup(sgpu_dev *dev, uint32_t n, struct vadd_job *j)
{
    uint32_t bytes = (n + 2u) * 4u;
    j->n = n;
    j->ha = malloc(bytes);
    j->hb = malloc(bytes);
    uint32_t *hc = malloc(bytes);
    CHECK(j->ha && j->hb && hc, "out of memory");
    fill_random(j->ha, bytes);
    fill_random(j->hb, bytes);
    for (uint32_t i = 0; i < n + 2; i++)
        hc[i] = 0xDEADBEEFu;
    bytes = (bytes + 7u) & ~7u;
    RUN(vram_alloc(dev, bytes, &j->a));
    RUN(vram_alloc(dev, bytes, &j->b));
    RUN(vram_alloc(dev, bytes, &j->c));
    RUN(vram_alloc(dev, 16, &j->args));
    TRY(sgpu_vram_write(dev, j->a, j->ha, bytes));
    TRY(sgpu_vram_write(dev, j->b, j->hb, bytes));
    TRY(sgpu_vram_write(dev, j->c, hc, bytes));
    free(hc);
    uint32_t args[4] = {j->a, j->b, j->c, n};
    return put_words(dev, j->args, args, 4);
}

static int vadd_verify(sgpu_dev *dev, struct vadd_job *j, const char *what)
{
    uint32_t bytes = ((j->n + 2u) * 4u + 7u) & ~7u;
    uint32_t *hc = malloc(bytes);
    CHECK(hc, "out of memory");
    int rc = sgpu_vram_read(dev, j->c, hc, bytes);
    if (rc) {
        free(hc);
        return fail("%s: sgpu_vram_read: %s", what, sgpu_errname(rc));
    }
    for (uint32_t i = 0; i < j->n + 2 && !rc; i++) {
        uint32_t want = i < j->n ? j->ha[i] + j->hb[i] : 0xDEADBEEFu;
        if (hc[i] != want)
            rc = fail("%s: c[%u] = 0x%08x, not 0x%08x (n %u)", what, i, hc[i], want, j->n);
    }
    free(hc);
    return rc;
}

static void vadd_free(struct vadd_job *j)
{
    free(j->ha);
    free(j->hb);
}

static int mc_copy_setup(sgpu_dev *dev, struct mc_copy *m, unsigned k)
{
    RUN(new_ctx(dev, SGPU_NODE_COPY, 16 * KIB, &m->ctx));
    RUN(new_buf(dev, MC_ROUNDS * MC_SEG, &m->src));
    RUN(new_buf(dev, 2 * MC_ROUNDS * MC_SEG, &m->dst));
    m->want = malloc(2 * MC_ROUNDS * MC_SEG);
    CHECK(m->want, "out of memory");
    fill_random(m->src->cpu, MC_ROUNDS * MC_SEG);
    memset(m->dst->cpu, 0x11 * (k + 1), 2 * MC_ROUNDS * MC_SEG);
    memset(m->want, 0x11 * (k + 1), 2 * MC_ROUNDS * MC_SEG);
    m->via_vram = k & 1;
    if (m->via_vram)
        RUN(vram_alloc(dev, MC_ROUNDS * MC_SEG, &m->vram));
    return 0;
}

/* One round of a copy context: a COPY (through its VRAM window for half of them) into the
 * round's first segment of dst, a FILL of its second, a FENCE into its slot. */
static int mc_copy_round(struct mc_copy *m, unsigned r, struct slots *s, unsigned slot)
{
    uint32_t len = rand_len(MC_SEG), so = r * MC_SEG, d = 2 * r * MC_SEG;
    uint32_t flen = rand_len(MC_SEG), pattern = (uint32_t)rng_next();
    memcpy(m->want + d, (uint8_t *)m->src->cpu + so, len);
    if (m->via_vram) {
        TRY(sgpu_cmd_copy(m->ctx, m->src->bus + so, m->vram + so, len, SGPU_CMD_COPY_FLAG_DST_VRAM));
        TRY(sgpu_cmd_copy(m->ctx, m->vram + so, m->dst->bus + d, len, SGPU_CMD_COPY_FLAG_SRC_VRAM));
    } else {
        TRY(sgpu_cmd_copy(m->ctx, m->src->bus + so, m->dst->bus + d, len, 0));
    }
    for (uint32_t i = 0; i < flen; i += 4)
        memcpy(m->want + d + MC_SEG + i, &pattern, 4);
    TRY(sgpu_cmd_fill(m->ctx, m->dst->bus + d + MC_SEG, flen, pattern, 0));
    TRY(sgpu_cmd_fence(m->ctx, slot_bus(s, slot), s->expect[slot], 0));
    return submit(m->ctx, 0, NULL);
}

/* One round of a compute context: NOPs, a vadd when it has one, a FENCE into its slot. */
static int mc_compute_round(sgpu_ctx *ctx, const sgpu_kernel *vadd, const struct vadd_job *j,
                            struct slots *s, unsigned slot)
{
    TRY(sgpu_cmd_nop(ctx, 1 + rng_below(30)));
    if (vadd)
        TRY(sgpu_cmd_dispatch(ctx, sgpu_kernel_addr(vadd), (j->n + 31) / 32, 1, 1, 32, j->args));
    TRY(sgpu_cmd_fence(ctx, slot_bus(s, slot), s->expect[slot], 0));
    return submit(ctx, 0, NULL);
}

static int check_many_contexts(sgpu_dev *dev)
{
    struct mc_copy cp[MC_COPY];
    sgpu_ctx *cc[MC_COMPUTE];
    struct vadd_job jobs[2];
    sgpu_kernel *vadd = NULL;
    struct slots s;
    memset(cp, 0, sizeof cp);
    RUN(load_kernel(dev, "vadd", &vadd));
    RUN(slots_init(dev, &s, (MC_COPY + MC_COMPUTE) * MC_ROUNDS));
    for (unsigned k = 0; k < MC_COPY; k++)
        RUN(mc_copy_setup(dev, &cp[k], k));
    for (unsigned k = 0; k < MC_COMPUTE; k++)
        RUN(new_ctx(dev, SGPU_NODE_COMPUTE, 16 * KIB, &cc[k]));
    for (unsigned k = 0; k < 2; k++)
        RUN(vadd_setup(dev, MC_VADD_N, &jobs[k]));
    /* every hardware context is taken: the library has none left to give */
    sgpu_ctx *extra = NULL;
    struct sgpu_status st;
    RUN(status(dev, &st));
    if (st.max_contexts == MC_COPY + MC_COMPUTE) {
        EXPECT(sgpu_ctx_create(dev, SGPU_NODE_COPY, NULL, &extra), SGPU_ERR_NOMEM);
        CHECK(st.contexts_live == MC_COPY + MC_COMPUTE, "%u contexts live, not %u",
              st.contexts_live, MC_COPY + MC_COMPUTE);
    }
    /* interleaved: every context gets a submission per round, nobody waits */
    for (unsigned r = 0; r < MC_ROUNDS; r++) {
        for (unsigned k = 0; k < MC_COPY + MC_COMPUTE; k++) {
            unsigned slot = r * (MC_COPY + MC_COMPUTE) + k;
            if (k < MC_COPY)
                RUN(mc_copy_round(&cp[k], r, &s, slot));
            else
                RUN(mc_compute_round(cc[k - MC_COPY], k - MC_COPY < 2 ? vadd : NULL,
                                     &jobs[(k - MC_COPY) & 1], &s, slot));
        }
        slots_scan(&s);
    }
    for (unsigned k = 0; k < MC_COPY; k++)
        RUN(idle(cp[k].ctx));
    for (unsigned k = 0; k < MC_COMPUTE; k++)
        RUN(idle(cc[k]));
    for (unsigned k = 0; k < MC_COPY; k++) {
        size_t d = first_difference(cp[k].dst->cpu, cp[k].want, 2 * MC_ROUNDS * MC_SEG);
        CHECK(d == 2 * MC_ROUNDS * MC_SEG, "copy context %u (%s): dst byte 0x%zx is 0x%02x, not "
              "0x%02x", sgpu_ctx_id(cp[k].ctx), cp[k].via_vram ? "via VRAM" : "host to host", d,
              ((uint8_t *)cp[k].dst->cpu)[d], cp[k].want[d]);
        CHECK(sgpu_fence_read(cp[k].ctx) == MC_ROUNDS, "copy context %u: fence %" PRIu64,
              sgpu_ctx_id(cp[k].ctx), sgpu_fence_read(cp[k].ctx));
        free(cp[k].want);
    }
    for (unsigned k = 0; k < MC_COMPUTE; k++)
        CHECK(sgpu_fence_read(cc[k]) == MC_ROUNDS, "compute context %u: fence %" PRIu64,
              sgpu_ctx_id(cc[k]), sgpu_fence_read(cc[k]));
    for (unsigned k = 0; k < 2; k++) {
        RUN(vadd_verify(dev, &jobs[k], "vadd beside the others"));
        vadd_free(&jobs[k]);
    }
    RUN(slots_check(&s, "many contexts"));
    CHECK(!find_event(SGPU_EVENT_CONTEXT_ERROR, SGPU_PROTO_CONTEXT_NONE),
          "a CONTEXT_ERROR event came (context %u, reason %u)",
          find_event(SGPU_EVENT_CONTEXT_ERROR, SGPU_PROTO_CONTEXT_NONE)->ctx_id,
          find_event(SGPU_EVENT_CONTEXT_ERROR, SGPU_PROTO_CONTEXT_NONE)->reason);
    slots_fini(&s);
    return 0;
}

/* ---- 5. doorbell-hammer ------------------------------------------------------------------- */

#define DH_CTXS 6u
#define DH_PER_CTX 120u

/* Writes the context's DOORBELL again with the tail it already has (read back from TAIL). */
static int ring_same_tail(sgpu_dev *dev, sgpu_ctx *ctx, unsigned times)
{
    uint32_t tail_reg, db_reg, tail;
    RUN(ctx_reg(dev, sgpu_ctx_id(ctx), SGPU_CTX_TAIL_OFFSET, &tail_reg));
    RUN(ctx_reg(dev, sgpu_ctx_id(ctx), SGPU_CTX_DOORBELL_OFFSET, &db_reg));
    TRY(sgpu_read32(dev, tail_reg, &tail));
    CHECK(tail == ctx->ring.wptr, "context %u: CTX.TAIL reads 0x%x, the library wrote 0x%x",
          sgpu_ctx_id(ctx), tail, ctx->ring.wptr);
    for (unsigned i = 0; i < times; i++)
        TRY(sgpu_write32(dev, db_reg, tail));
    return 0;
}

static int check_doorbell_hammer(sgpu_dev *dev)
{
    sgpu_ctx *ctx[DH_CTXS];
    struct slots s;
    unsigned rings = 0, most_pending = 0;
    uint64_t most_behind = 0;
    RUN(slots_init(dev, &s, DH_CTXS * DH_PER_CTX));
    /* copy and compute contexts; small rings wrap many times, one that also throttles */
    for (unsigned k = 0; k < DH_CTXS; k++)
        RUN(new_ctx(dev, k < 4 ? SGPU_NODE_COPY : SGPU_NODE_COMPUTE,
                    k == 0 ? 512u : k & 1 ? 4 * KIB : 16 * KIB, &ctx[k]));
    for (unsigned i = 0; i < DH_PER_CTX; i++) {
        for (unsigned k = 0; k < DH_CTXS; k++) {
            unsigned slot = k * DH_PER_CTX + i;
            TRY(sgpu_cmd_fence(ctx[k], slot_bus(&s, slot), s.expect[slot], 0));
            RUN(submit(ctx[k], 0, NULL));
            if (rng_below(8) == 0) {
                RUN(ring_same_tail(dev, ctx[k], 1 + rng_below(4)));
                rings++;
            }
        }
        /* how far behind the firmware is: doorbells pending, submissions not done */
        uint32_t pending;
        TRY(sgpu_read32(dev, CP(DB_PENDING), &pending));
        if ((unsigned)__builtin_popcount(pending) > most_pending)
            most_pending = (unsigned)__builtin_popcount(pending);
        for (unsigned k = 0; k < DH_CTXS; k++) {
            uint64_t behind = sgpu_fence_last_submitted(ctx[k]) - sgpu_fence_read(ctx[k]);
            most_behind = behind > most_behind ? behind : most_behind;
        }
        slots_scan(&s);
    }
    for (unsigned k = 0; k < DH_CTXS; k++)
        RUN(idle(ctx[k]));
    RUN(slots_check(&s, "after the hammer"));
    /* The same tails once more on idle contexts: nothing may run again. */
    for (unsigned k = 0; k < DH_CTXS; k++)
        RUN(ring_same_tail(dev, ctx[k], 3));
    for (unsigned k = 0; k < DH_CTXS; k++) {
        TRY(sgpu_cmd_nop(ctx[k], 2));
        RUN(submit_wait(ctx[k]));
        CHECK(sgpu_fence_read(ctx[k]) == DH_PER_CTX + 1, "context %u: fence %" PRIu64 ", not %u",
              sgpu_ctx_id(ctx[k]), sgpu_fence_read(ctx[k]), DH_PER_CTX + 1);
        RUN(no_fault_events(ctx[k]));
    }
    RUN(slots_check(&s, "after doorbells with the same tail"));
    printf("  %u submissions on %u contexts, %u extra doorbell bursts; up to %u doorbells "
           "pending and %" PRIu64 " submissions behind\n", DH_CTXS * DH_PER_CTX, DH_CTXS, rings,
           most_pending, most_behind);
    slots_fini(&s);
    return 0;
}

/* ---- 6. wait-yields ----------------------------------------------------------------------- */

/* Device cycles from the host's write of the semaphore to the waiter's progress fence. */
static int release_cycles(sgpu_dev *dev, sgpu_ctx *w, volatile uint64_t *sem, uint64_t value,
                          uint64_t *cycles)
{
    uint64_t c0, c1, deadline = now_ms() + WAIT_MS;
    uint64_t target = sgpu_fence_last_submitted(w);
    TRY(sgpu_device_cycles(dev, &c0, NULL));
    __atomic_store_n(sem, value, __ATOMIC_RELEASE);
    while (sgpu_fence_read(w) < target) {
        CHECK(now_ms() < deadline, "context %u: not released %u ms after the value was written "
              "(fence %" PRIu64 ")", sgpu_ctx_id(w), WAIT_MS, sgpu_fence_read(w));
        sleep_us(50);
    }
    TRY(sgpu_device_cycles(dev, &c1, NULL));
    *cycles = c1 - c0;
    return 0;
}

static int wait_yields_on(sgpu_dev *dev, unsigned node, struct sgpu_dma_buf *mem)
{
    sgpu_ctx *w, *x;
    volatile uint64_t *sem = mem->cpu;
    uint64_t *mark = (uint64_t *)mem->cpu + 1;
    *sem = 0;
    *mark = 0;
    RUN(new_ctx(dev, node, 0, &w));
    RUN(new_ctx(dev, node, 0, &x));
    /* w blocks on sem >= 1; its FENCE after the WAIT must not be written until then */
    TRY(sgpu_cmd_wait(w, mem->bus, 1, 0));
    TRY(sgpu_cmd_fence(w, mem->bus + 8, 0x1234, 0));
    RUN(submit(w, 0, NULL));
    /* x on the same engine runs several submissions meanwhile */
    for (unsigned i = 0; i < 5; i++) {
        TRY(sgpu_cmd_nop(x, 4));
        TRY(sgpu_cmd_fence(x, mem->bus + 16 + 8 * i, 100 + i, 0));
        RUN(submit(x, 0, NULL));
    }
    RUN(idle(x));
    for (unsigned i = 0; i < 5; i++)
        CHECK(((uint64_t *)mem->cpu)[2 + i] == 100 + i, "%s: the other context's FENCE %u not "
              "written", NODE_NAME(node), i);
    CHECK(sgpu_fence_read(w) == 0 && *mark == 0, "%s: the waiter went past its WAIT (fence %"
          PRIu64 ", mark 0x%" PRIx64 ") before the value was written", NODE_NAME(node),
          sgpu_fence_read(w), *mark);
    uint64_t cycles;
    RUN(release_cycles(dev, w, sem, 1, &cycles));
    CHECK(*mark == 0x1234, "%s: the FENCE after the WAIT wrote 0x%" PRIx64, NODE_NAME(node), *mark);
    /* Only the waiter runnable: the engine polls the value itself (POLL_WAIT), so the
     * release is a few poll periods, far below a quantum (1 ms = 125000 cycles). */
    for (unsigned i = 0; i < 3; i++) {
        TRY(sgpu_cmd_wait(w, mem->bus, 2 + i, 0));
        RUN(submit(w, 0, NULL));
        usleep(150000);
        CHECK(sgpu_fence_read(w) == sgpu_fence_last_submitted(w) - 1, "%s: the waiter did not "
              "wait for %u (fence %" PRIu64 ")", NODE_NAME(node), 2 + i, sgpu_fence_read(w));
        /* work for x while the engine polls for w: the firmware must take the engine back */
        TRY(sgpu_cmd_fence(x, mem->bus + 64 + 8 * i, 200 + i, 0));
        RUN(submit(x, 0, NULL));
        RUN(idle(x));
        CHECK(((uint64_t *)mem->cpu)[8 + i] == 200 + i && sgpu_fence_read(w) ==
              sgpu_fence_last_submitted(w) - 1, "%s: work for another context while the "
              "waiter polled: FENCE 0x%" PRIx64 ", waiter fence %" PRIu64, NODE_NAME(node),
              ((uint64_t *)mem->cpu)[8 + i], sgpu_fence_read(w));
        usleep(50000);
        RUN(release_cycles(dev, w, sem, 2 + i, &cycles));
        printf("  %s: lone waiter released %" PRIu64 " device cycles after the write\n",
               NODE_NAME(node), cycles);
        CHECK(cycles < 25000, "%s: a lone waiter took %" PRIu64 " device cycles to notice the "
              "value (POLL_WAIT should take a few hundred)", NODE_NAME(node), cycles);
    }
    RUN(idle(w));
    /* A WAIT on a VRAM value, released by a DMA-block write to VRAM. */
    uint32_t vsem;
    uint64_t zero = 0, one = 1;
    RUN(vram_alloc(dev, 8, &vsem));
    TRY(sgpu_vram_write(dev, vsem, &zero, 8));
    TRY(sgpu_cmd_wait(w, vsem, 1, SGPU_CMD_WAIT_FLAG_VRAM));
    RUN(submit(w, 0, NULL));
    usleep(100000);
    CHECK(sgpu_fence_read(w) == sgpu_fence_last_submitted(w) - 1, "%s: a WAIT on VRAM 0x%x went "
          "on while the value was 0", NODE_NAME(node), vsem);
    TRY(sgpu_vram_write(dev, vsem, &one, 8));
    RUN(idle(w));
    TRY(sgpu_vram_free(dev, vsem));
    RUN(no_fault_events(w));
    RUN(no_fault_events(x));
    TRY(sgpu_ctx_destroy(w));
    TRY(sgpu_ctx_destroy(x));
    return 0;
}

static int check_wait_yields(sgpu_dev *dev)
{
    struct sgpu_dma_buf *mem;
    RUN(new_buf(dev, 4096, &mem));
    RUN(wait_yields_on(dev, SGPU_NODE_COPY, mem));
    return wait_yields_on(dev, SGPU_NODE_COMPUTE, mem);
}

/* ---- 7. invalid-command ------------------------------------------------------------------- */

enum bad_kind {
    BAD_OPCODE, BAD_LENGTH, BAD_MISALIGNED, BAD_CROSSES_END, BAD_DISPATCH_ON_COPY,
    BAD_RSVD, BAD_FLAG, BAD_ZERO_COPY, BAD_GRID,
};

static const struct {
    const char *name;
    unsigned reason;
} bad_kinds[] = {
    [BAD_OPCODE] = {"unknown opcode", SGPU_CMD_ERROR_UNKNOWN_OPCODE},
    [BAD_LENGTH] = {"bad length", SGPU_CMD_ERROR_BAD_LENGTH},
    [BAD_MISALIGNED] = {"misaligned COPY", SGPU_CMD_ERROR_MISALIGNED},
    [BAD_CROSSES_END] = {"command across the ring end", SGPU_CMD_ERROR_CROSSES_RING_END},
    [BAD_DISPATCH_ON_COPY] = {"DISPATCH on copy", SGPU_CMD_ERROR_UNKNOWN_OPCODE},
    [BAD_RSVD] = {"reserved header bit", SGPU_CMD_ERROR_RESERVED_BITS},
    [BAD_FLAG] = {"undefined FENCE flag", SGPU_CMD_ERROR_RESERVED_BITS},
    [BAD_ZERO_COPY] = {"COPY of 0 bytes", SGPU_CMD_ERROR_TOO_LONG},
    [BAD_GRID] = {"DISPATCH with a zero grid", SGPU_CMD_ERROR_BAD_DISPATCH},
};

/* Bystanders: B on A's engine copies data, C on the other engine writes FENCEs. */
struct bystanders {
    sgpu_ctx *b, *c;
    struct sgpu_dma_buf *mem;   /* B's source and destination, C's FENCE slots */
};

static int bystanders_start(sgpu_dev *dev, unsigned node, struct bystanders *y)
{
    RUN(new_ctx(dev, node, 0, &y->b));
    RUN(new_ctx(dev, node == SGPU_NODE_COPY ? SGPU_NODE_COMPUTE : SGPU_NODE_COPY, 0, &y->c));
    RUN(new_buf(dev, 64 * KIB, &y->mem));
    return 0;
}

/* Work for both, submitted now (while A goes wrong); checked by bystanders_check. */
static int bystanders_submit(struct bystanders *y, unsigned round)
{
    uint8_t *p = y->mem->cpu;
    sgpu_ctx *copier = sgpu_ctx_node(y->b) == SGPU_NODE_COPY ? y->b : y->c;
    sgpu_ctx *other = copier == y->b ? y->c : y->b;
    fill_random(p, 16 * KIB);
    memset(p + 16 * KIB, 0, 16 * KIB);
    TRY(sgpu_cmd_copy(copier, y->mem->bus, y->mem->bus + 16 * KIB, 16 * KIB, 0));
    RUN(submit(copier, 0, NULL));
    for (unsigned i = 0; i < 4; i++) {
        TRY(sgpu_cmd_fence(other, y->mem->bus + 32 * KIB + 8 * i, 0xB0000000u + round * 16 + i, 0));
        RUN(submit(other, 0, NULL));
    }
    return 0;
}

static int bystanders_check(struct bystanders *y, unsigned round)
{
    uint8_t *p = y->mem->cpu;
    RUN(idle(y->b));
    RUN(idle(y->c));
    CHECK(first_difference(p, p + 16 * KIB, 16 * KIB) == 16 * KIB, "bystander copy on context %u "
          "wrong", sgpu_ctx_id(sgpu_ctx_node(y->b) == SGPU_NODE_COPY ? y->b : y->c));
    for (unsigned i = 0; i < 4; i++) {
        uint64_t v = ((uint64_t *)(p + 32 * KIB))[i];
        CHECK(v == 0xB0000000u + round * 16 + i, "bystander FENCE %u holds 0x%" PRIx64, i, v);
    }
    RUN(no_fault_events(y->b));
    return no_fault_events(y->c);
}

/* Emits A's bad command; *hdr gets its header DW, *offset its ring offset. */
static int emit_bad(sgpu_ctx *a, enum bad_kind kind, uint64_t host_bus, uint32_t *hdr,
                    uint32_t *offset)
{
    uint32_t dws[8] = {0};
    int n = 1;
    switch (kind) {
    case BAD_OPCODE:
        dws[0] = SGPU_CMD_HEADER(0x3Fu, 1u, 0u);
        break;
    case BAD_LENGTH: /* a FENCE one DW short */
        dws[0] = SGPU_CMD_HEADER(SGPU_CMD_OP_FENCE, 4u, 0u);
        dws[1] = (uint32_t)host_bus;
        dws[2] = (uint32_t)(host_bus >> 32);
        dws[3] = 0x77;
        n = 4;
        break;
    case BAD_MISALIGNED: /* source 4 bytes off an 8-byte boundary */
        dws[0] = SGPU_CMD_HEADER(SGPU_CMD_OP_COPY, SGPU_CMD_COPY_DWORDS, 0u);
        dws[1] = (uint32_t)(host_bus + 4);
        dws[2] = (uint32_t)((host_bus + 4) >> 32);
        dws[3] = (uint32_t)(host_bus + 2048);
        dws[4] = (uint32_t)((host_bus + 2048) >> 32);
        dws[5] = 64;
        n = 6;
        break;
    case BAD_CROSSES_END: {
        /* pad with NOPs to the ring's last DW, then a NOP of 8 DWs there */
        uint32_t left = a->ring.size - 4u - a->ring.wptr;
        while (left) {
            uint32_t dw = left / 4u > 255u ? 255u : left / 4u;
            TRY(sgpu_cmd_nop(a, dw));
            left -= dw * 4u;
        }
        dws[0] = SGPU_CMD_HEADER(SGPU_CMD_OP_NOP, 8u, 0u);
        break;
    }
    case BAD_DISPATCH_ON_COPY:
        *offset = next_offset(a, SGPU_CMD_DISPATCH_DWORDS);
        TRY(sgpu_cmd_dispatch(a, 0, 1, 1, 1, 1, 0));
        *hdr = SGPU_CMD_HEADER(SGPU_CMD_OP_DISPATCH, SGPU_CMD_DISPATCH_DWORDS, 0u);
        return 0;
    case BAD_RSVD: /* a NOP with header bit 24 */
        dws[0] = SGPU_CMD_HEADER(SGPU_CMD_OP_NOP, 1u, 0u) | 1u << SGPU_CMD_HDR_RSVD_SHIFT;
        break;
    case BAD_FLAG: /* a FENCE with flag bit 7 */
    case BAD_ZERO_COPY:
        dws[0] = kind == BAD_FLAG ? SGPU_CMD_HEADER(SGPU_CMD_OP_FENCE, SGPU_CMD_FENCE_DWORDS, 0x80u)
                                  : SGPU_CMD_HEADER(SGPU_CMD_OP_COPY, SGPU_CMD_COPY_DWORDS, 0u);
        dws[1] = (uint32_t)host_bus + 2048;
        dws[2] = (uint32_t)(host_bus >> 32);
        dws[3] = kind == BAD_FLAG ? 0x55 : (uint32_t)host_bus + 3072;
        dws[4] = kind == BAD_FLAG ? 0 : (uint32_t)(host_bus >> 32);
        n = kind == BAD_FLAG ? SGPU_CMD_FENCE_DWORDS : SGPU_CMD_COPY_DWORDS; /* BYTES 0 */
        break;
    case BAD_GRID: /* grid y of 0; the kernel and arguments are inside VRAM */
        dws[0] = SGPU_CMD_HEADER(SGPU_CMD_OP_DISPATCH, SGPU_CMD_DISPATCH_DWORDS, 0u);
        dws[2] = 1;
        dws[4] = 1;
        dws[5] = 1;
        n = SGPU_CMD_DISPATCH_DWORDS;
        break;
    }
    *hdr = dws[0];
    return emit_raw(a, dws, n, offset);
}

/* The fault the library recorded, and the event that told it. */
static int expect_fault(sgpu_ctx *a, unsigned reason, uint32_t offset, uint32_t hdr,
                        const char *what)
{
    struct sgpu_ctx_fault f;
    EXPECT(sgpu_ctx_idle(a, WAIT_MS), SGPU_ERR_CTX_ERROR);
    EXPECT(sgpu_ctx_error(a, &f), SGPU_ERR_CTX_ERROR);
    const struct sgpu_event_info *ev = find_event(SGPU_EVENT_CONTEXT_ERROR, sgpu_ctx_id(a));
    CHECK(ev, "%s: no CONTEXT_ERROR event for context %u", what, sgpu_ctx_id(a));
    CHECK(f.event == SGPU_EVENT_CONTEXT_ERROR && f.reason == reason, "%s: context %u in error "
          "with event %u reason %u, not CONTEXT_ERROR reason %u", what, sgpu_ctx_id(a), f.event,
          f.reason, reason);
    CHECK(f.ring_offset == offset && ev->value == offset, "%s: ring offset 0x%" PRIx64 " (event "
          "0x%" PRIx64 "), not 0x%x", what, f.ring_offset, ev->value, offset);
    CHECK(ev->aux == hdr, "%s: event aux 0x%" PRIx64 ", not the header 0x%08x", what, ev->aux, hdr);
    CHECK(ev->node == sgpu_ctx_node(a) && ev->engine == 0, "%s: event names node %u engine %u, "
          "not %u 0", what, ev->node, ev->engine, sgpu_ctx_node(a));
    return 0;
}

/* A's later work is refused by the library, and its progress fence stays where it was. */
static int expect_refused(sgpu_ctx *a, uint64_t fence)
{
    uint64_t v;
    EXPECT(sgpu_cmd_nop(a, 1), SGPU_ERR_CTX_ERROR);
    EXPECT(sgpu_submit(a, 0, &v), SGPU_ERR_CTX_ERROR);
    CHECK(sgpu_fence_read(a) == fence, "context %u in error: progress fence %" PRIu64 ", not %"
          PRIu64, sgpu_ctx_id(a), sgpu_fence_read(a), fence);
    return 0;
}

static int invalid_case(sgpu_dev *dev, enum bad_kind kind, unsigned node, unsigned round)
{
    struct bystanders y;
    sgpu_ctx *a;
    struct sgpu_dma_buf *mem;
    uint32_t hdr = 0, offset = 0;
    const char *what = bad_kinds[kind].name;
    evlog_restart(dev);
    RUN(new_ctx(dev, node, 4 * KIB, &a));
    RUN(bystanders_start(dev, node, &y));
    RUN(new_buf(dev, 4096, &mem));
    uint64_t *after = (uint64_t *)mem->cpu + 1;
    /* A good submission first, then the bad command at a random place, then a FENCE that
     * must never be written. */
    TRY(sgpu_cmd_nop(a, 16));
    TRY(sgpu_cmd_fence(a, mem->bus, 0xA1, 0));
    RUN(submit_wait(a));
    CHECK(*(uint64_t *)mem->cpu == 0xA1, "%s: A's first FENCE not written", what);
    for (unsigned i = rng_below(6); i; i--)
        TRY(sgpu_cmd_nop(a, 1 + rng_below(20)));
    RUN(emit_bad(a, kind, mem->bus, &hdr, &offset));
    TRY(sgpu_cmd_fence(a, mem->bus + 8, 0xDEAD, 0));
    RUN(submit(a, 0, NULL));
    RUN(bystanders_submit(&y, round));
    RUN(expect_fault(a, bad_kinds[kind].reason, offset, hdr, what));
    CHECK(*after == 0, "%s: the FENCE after the bad command was written", what);
    CHECK(first_not(mem->cpu, 2048, 2048, 0) == SIZE_MAX, "%s: the bad command wrote host "
          "memory", what);
    RUN(expect_refused(a, 1));
    RUN(bystanders_check(&y, round));
    /* and once more, after A is known to be in error */
    RUN(bystanders_submit(&y, round + 100));
    RUN(bystanders_check(&y, round + 100));
    TRY(sgpu_ctx_destroy(a));
    TRY(sgpu_ctx_destroy(y.b));
    TRY(sgpu_ctx_destroy(y.c));
    sgpu_dma_free(dev, mem);
    sgpu_dma_free(dev, y.mem);
    return 0;
}

static int check_invalid_command(sgpu_dev *dev)
{
    static const struct {
        enum bad_kind kind;
        unsigned node;
    } cases[] = {
        {BAD_OPCODE, SGPU_NODE_COPY},       {BAD_OPCODE, SGPU_NODE_COMPUTE},
        {BAD_LENGTH, SGPU_NODE_COPY},       {BAD_LENGTH, SGPU_NODE_COMPUTE},
        {BAD_MISALIGNED, SGPU_NODE_COPY},   {BAD_CROSSES_END, SGPU_NODE_COPY},
        {BAD_CROSSES_END, SGPU_NODE_COMPUTE}, {BAD_DISPATCH_ON_COPY, SGPU_NODE_COPY},
        {BAD_RSVD, SGPU_NODE_COMPUTE},      {BAD_FLAG, SGPU_NODE_COPY},
        {BAD_ZERO_COPY, SGPU_NODE_COPY},    {BAD_GRID, SGPU_NODE_COMPUTE},
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (invalid_case(dev, cases[i].kind, cases[i].node, i) < 0) {
            char inner[sizeof why];
            snprintf(inner, sizeof inner, "%s", why);
            return fail("%s on the %s engine: %s", bad_kinds[cases[i].kind].name,
                        NODE_NAME(cases[i].node), inner);
        }
    }
    struct sgpu_status st;
    RUN(status(dev, &st));
    CHECK(st.contexts_live == 0 && st.contexts_in_error == 0, "after destroying them all: %u "
          "contexts live, %u in error", st.contexts_live, st.contexts_in_error);
    return 0;
}

/* ---- 8. bad-input ------------------------------------------------------------------------- */

/* B (copy) and C (compute) still do their work, checked. */
static int others_fine(sgpu_dev *dev, sgpu_ctx *b, sgpu_ctx *c, const char *after)
{
    struct sgpu_dma_buf *m;
    RUN(new_buf(dev, 16 * KIB, &m));
    uint8_t *p = m->cpu;
    fill_random(p, 8 * KIB);
    TRY(sgpu_cmd_copy(b, m->bus, m->bus + 8 * KIB, 4 * KIB, 0));
    TRY(sgpu_cmd_fence(c, m->bus + 12 * KIB, 0xC0FFEE, 0));
    RUN(submit(b, 0, NULL));
    RUN(submit(c, 0, NULL));
    RUN(idle(b));
    RUN(idle(c));
    CHECK(!memcmp(p, p + 8 * KIB, 4 * KIB), "after %s: copy context %u copied wrong data", after,
          sgpu_ctx_id(b));
    CHECK(*(uint64_t *)(p + 12 * KIB) == 0xC0FFEE, "after %s: compute context %u FENCE not "
          "written", after, sgpu_ctx_id(c));
    RUN(no_fault_events(b));
    RUN(no_fault_events(c));
    sgpu_dma_free(dev, m);
    return 0;
}

/* Doorbells of a context that was never created, of ids past CTX_COUNT, and of one that was
 * destroyed; then a new context on the destroyed one's id starts clean at offset 0. */
static int bad_doorbells(sgpu_dev *dev, sgpu_ctx *b, sgpu_ctx *c)
{
    uint32_t count, reg;
    sgpu_ctx *d;
    TRY(sgpu_read32(dev, CP(CTX_COUNT), &count));
    RUN(ctx_reg(dev, count - 1, SGPU_CTX_DOORBELL_OFFSET, &reg));
    TRY(sgpu_write32(dev, reg, 0x40));
    TRY(sgpu_write32(dev, reg, 0x1000));
    RUN(ctx_reg(dev, count + 3, SGPU_CTX_DOORBELL_OFFSET, &reg));
    TRY(sgpu_write32(dev, reg, 0x80));
    RUN(others_fine(dev, b, c, "doorbells of a context never created"));

    RUN(new_ctx(dev, SGPU_NODE_COPY, 4 * KIB, &d));
    uint32_t id = sgpu_ctx_id(d);
    TRY(sgpu_cmd_nop(d, 30));
    RUN(submit_wait(d));
    TRY(sgpu_ctx_destroy(d));
    RUN(ctx_reg(dev, id, SGPU_CTX_DOORBELL_OFFSET, &reg));
    TRY(sgpu_write32(dev, reg, 0x40));
    TRY(sgpu_write32(dev, reg, 0x200));
    RUN(others_fine(dev, b, c, "doorbells of a destroyed context"));

    struct sgpu_dma_buf *m;
    RUN(new_buf(dev, 4096, &m));
    RUN(new_ctx(dev, SGPU_NODE_COPY, 4 * KIB, &d));
    TRY(sgpu_cmd_fence(d, m->bus, 0xE1, 0));
    RUN(submit_wait(d));
    CHECK(*(uint64_t *)m->cpu == 0xE1, "context %u (id %s the destroyed one's): first FENCE not "
          "written", sgpu_ctx_id(d), sgpu_ctx_id(d) == id ? "reusing" : "not");
    RUN(no_fault_events(d));
    TRY(sgpu_ctx_destroy(d));
    sgpu_dma_free(dev, m);
    return 0;
}

/* A COPY whose source is a bus address outside the driver's memory. */
static int copy_from_outside(sgpu_dev *dev, sgpu_ctx **out)
{
    sgpu_ctx *a;
    struct sgpu_dma_buf *m;
    RUN(new_ctx(dev, SGPU_NODE_COPY, 0, &a));
    RUN(new_buf(dev, 8 * KIB, &m));
    memset(m->cpu, 0x77, 8 * KIB);
    /* the driver's memory is one range holding m: far below or far above it is outside */
    uint64_t outside = m->bus >= (1ull << 28) ? 0x1000 : m->bus + (1ull << 40);
    uint32_t offset = next_offset(a, SGPU_CMD_COPY_DWORDS);
    TRY(sgpu_cmd_copy(a, outside, m->bus, 4 * KIB, 0));
    TRY(sgpu_cmd_fence(a, m->bus + 4 * KIB, 0xDEAD, 0));
    RUN(submit(a, 0, NULL));
    struct sgpu_ctx_fault f;
    EXPECT(sgpu_ctx_idle(a, WAIT_MS), SGPU_ERR_CTX_ERROR);
    EXPECT(sgpu_ctx_error(a, &f), SGPU_ERR_CTX_ERROR);
    CHECK(find_event(SGPU_EVENT_CONTEXT_ERROR, sgpu_ctx_id(a)), "no CONTEXT_ERROR event");
    CHECK(f.reason == SGPU_CMD_ERROR_DMA_ERROR || f.reason == SGPU_CMD_ERROR_BAD_ADDRESS,
          "COPY from bus 0x%" PRIx64 ": reason %u, not DMA_ERROR or BAD_ADDRESS", outside,
          f.reason);
    CHECK(f.ring_offset == offset, "COPY from outside: ring offset 0x%" PRIx64 ", not 0x%x",
          f.ring_offset, offset);
    if (f.reason == SGPU_CMD_ERROR_BAD_ADDRESS)
        RUN(expect_page_fault(a, outside, "COPY from outside host memory"));
    printf("  COPY from bus 0x%" PRIx64 ": reason %u, aux 0x%" PRIx64 "\n", outside, f.reason, f.aux);
    CHECK(first_not(m->cpu, 0, 8 * KIB, 0x77) == SIZE_MAX, "COPY from outside wrote host byte "
          "0x%zx (or the FENCE after it ran)", first_not(m->cpu, 0, 8 * KIB, 0x77));
    RUN(expect_refused(a, 0));
    *out = a;
    return 0;
}

/* COPYs running past the end of VRAM, or starting beyond it. */
static int copy_past_vram(sgpu_dev *dev, int start_outside, sgpu_ctx **out)
{
    sgpu_ctx *a;
    struct sgpu_dma_buf *m;
    uint8_t edge[64], back[64];
    RUN(new_ctx(dev, SGPU_NODE_COPY, 0, &a));
    RUN(new_buf(dev, 8 * KIB, &m));
    fill_random(m->cpu, 4 * KIB);
    memset((uint8_t *)m->cpu + 4 * KIB, 0x66, 4 * KIB);
    fill_random(edge, sizeof edge);
    TRY(sgpu_vram_write(dev, VRAM_BYTES - 64, edge, 64));
    uint32_t dws[SGPU_CMD_COPY_DWORDS], offset;
    uint64_t src = m->bus, dst = VRAM_BYTES - 64u;
    unsigned flags = SGPU_CMD_COPY_FLAG_DST_VRAM;
    if (start_outside) { /* VRAM -> host from past the end */
        src = VRAM_BYTES + 0x1000u;
        dst = m->bus + 4 * KIB;
        flags = SGPU_CMD_COPY_FLAG_SRC_VRAM;
    }
    dws[0] = SGPU_CMD_HEADER(SGPU_CMD_OP_COPY, SGPU_CMD_COPY_DWORDS, flags);
    dws[1] = (uint32_t)src;
    dws[2] = (uint32_t)(src >> 32);
    dws[3] = (uint32_t)dst;
    dws[4] = (uint32_t)(dst >> 32);
    dws[5] = 4 * KIB;
    RUN(emit_raw(a, dws, SGPU_CMD_COPY_DWORDS, &offset));
    RUN(submit(a, 0, NULL));
    struct sgpu_ctx_fault f;
    EXPECT(sgpu_ctx_idle(a, WAIT_MS), SGPU_ERR_CTX_ERROR);
    EXPECT(sgpu_ctx_error(a, &f), SGPU_ERR_CTX_ERROR);
    CHECK(find_event(SGPU_EVENT_CONTEXT_ERROR, sgpu_ctx_id(a)), "no CONTEXT_ERROR event");
    CHECK(f.reason == SGPU_CMD_ERROR_BAD_ADDRESS || f.reason == SGPU_CMD_ERROR_TOO_LONG,
          "COPY %s VRAM: reason %u, not BAD_ADDRESS or TOO_LONG",
          start_outside ? "from beyond" : "past the end of", f.reason);
    /* aux: the header DW (protocol.md) or the faulting address (ENG.ERR_INFO for a bad
     * access, which the firmware passes on) */
    uint64_t fault_addr = start_outside ? src : dst;
    CHECK(f.ring_offset == offset && (f.aux == dws[0] || f.aux == fault_addr), "COPY past VRAM: "
          "ring offset 0x%" PRIx64 " aux 0x%" PRIx64 ", not 0x%x and 0x%08x or 0x%" PRIx64,
          f.ring_offset, f.aux, offset, dws[0], fault_addr);
    if (f.reason == SGPU_CMD_ERROR_BAD_ADDRESS)
        RUN(expect_page_fault(a, f.aux, "COPY past VRAM"));
    printf("  COPY %s VRAM: reason %u, aux 0x%" PRIx64 "\n", start_outside ? "from beyond" :
           "past the end of", f.reason, f.aux);
    TRY(sgpu_vram_read(dev, VRAM_BYTES - 64, back, 64));
    CHECK(!memcmp(edge, back, 64), "a refused COPY changed the last bytes of VRAM");
    CHECK(first_not(m->cpu, 4 * KIB, 4 * KIB, 0x66) == SIZE_MAX, "a refused COPY wrote host "
          "memory");
    RUN(expect_refused(a, 0));
    *out = a;
    return 0;
}

static int check_bad_input(sgpu_dev *dev)
{
    sgpu_ctx *b, *c, *bad[3];
    struct sgpu_status st;
    RUN(new_ctx(dev, SGPU_NODE_COPY, 0, &b));
    RUN(new_ctx(dev, SGPU_NODE_COMPUTE, 0, &c));
    RUN(bad_doorbells(dev, b, c));
    RUN(copy_from_outside(dev, &bad[0]));
    RUN(others_fine(dev, b, c, "a COPY from outside host memory"));
    RUN(copy_past_vram(dev, 0, &bad[1]));
    RUN(copy_past_vram(dev, 1, &bad[2]));
    RUN(others_fine(dev, b, c, "COPYs past VRAM"));
    RUN(status(dev, &st));
    CHECK(st.contexts_live == 5 && st.contexts_in_error == 3, "QUERY_STATUS: %u contexts live, %u "
          "in error; expected 5 and 3", st.contexts_live, st.contexts_in_error);
    for (unsigned i = 0; i < 3; i++)
        TRY(sgpu_ctx_destroy(bad[i]));
    RUN(status(dev, &st));
    CHECK(st.contexts_live == 2 && st.contexts_in_error == 0, "after destroying the bad ones: %u "
          "live, %u in error", st.contexts_live, st.contexts_in_error);
    CHECK(st.engines_running == 0x101u, "engines_running 0x%x", st.engines_running);
    return others_fine(dev, b, c, "destroying contexts in error");
}

/* ---- 9. kernels --------------------------------------------------------------------------- */

struct grid {
    uint32_t x, y, z, wg;
};

static int dispatch_wait(sgpu_ctx *ctx, const sgpu_kernel *k, struct grid g, uint32_t args)
{
    TRY(sgpu_cmd_dispatch(ctx, sgpu_kernel_addr(k), g.x, g.y, g.z, g.wg, args));
    return submit_wait(ctx);
}

static int run_vadd(sgpu_dev *dev, sgpu_ctx *ctx, const sgpu_kernel *k, uint32_t n, struct grid g)
{
    struct vadd_job j;
    RUN(vadd_setup(dev, n, &j));
    RUN(dispatch_wait(ctx, k, g, j.args));
    char what[96];
    snprintf(what, sizeof what, "vadd n %u grid %ux%ux%u wg %u", n, g.x, g.y, g.z, g.wg);
    int rc = vadd_verify(dev, &j, what);
    vadd_free(&j);
    sgpu_vram_free(dev, j.a);
    sgpu_vram_free(dev, j.b);
    sgpu_vram_free(dev, j.c);
    sgpu_vram_free(dev, j.args);
    return rc;
}

static int32_t saxpy_ref(int32_t a, int32_t x, int32_t y)
{
    int64_t p = (int64_t)a * x;
    return (int32_t)((uint32_t)(p >> 16) + (uint32_t)y);
}

static int run_saxpy(sgpu_dev *dev, sgpu_ctx *ctx, const sgpu_kernel *k, uint32_t n, struct grid g)
{
    uint32_t bytes = ((n + 2) * 4 + 7) & ~7u, vx, vy, va;
    int32_t *x = malloc(bytes), *y = malloc(bytes), *out = malloc(bytes);
    CHECK(x && y && out, "out of memory");
    fill_random(x, bytes);
    fill_random(y, bytes);
    int32_t a = (int32_t)(rng_next() % (8u << 16)) - (4 << 16);  /* -4.0 .. 4.0 */
    RUN(vram_alloc(dev, bytes, &vx));
    RUN(vram_alloc(dev, bytes, &vy));
    RUN(vram_alloc(dev, 16, &va));
    TRY(sgpu_vram_write(dev, vx, x, bytes));
    TRY(sgpu_vram_write(dev, vy, y, bytes));
    uint32_t args[4] = {(uint32_t)a, vx, vy, n};
    RUN(put_words(dev, va, args, 4));
    RUN(dispatch_wait(ctx, k, g, va));
    TRY(sgpu_vram_read(dev, vy, out, bytes));
    for (uint32_t i = 0; i < n + 2; i++) {
        int32_t want = i < n ? saxpy_ref(a, x[i], y[i]) : y[i];
        CHECK(out[i] == want, "saxpy n %u a 0x%x grid %u wg %u: y[%u] = 0x%08x, not 0x%08x", n,
              (uint32_t)a, g.x, g.wg, i, (uint32_t)out[i], (uint32_t)want);
    }
    free(x);
    free(y);
    free(out);
    return 0;
}

/* Two passes: partial sums per workgroup, then one workgroup over the partials. */
static int run_reduce(sgpu_dev *dev, sgpu_ctx *ctx, const sgpu_kernel *k, uint32_t n, struct grid g)
{
    uint32_t groups = g.x * g.y * g.z;
    uint32_t bytes = (n * 4 + 7) & ~7u, pbytes = ((groups + 2) * 4 + 7) & ~7u;
    uint32_t vin, vpart, vtotal, va1, va2;
    uint32_t *in = malloc(bytes), *part = malloc(pbytes), total[2];
    CHECK(in && part, "out of memory");
    fill_random(in, bytes);
    RUN(vram_alloc(dev, bytes, &vin));
    RUN(vram_alloc(dev, pbytes, &vpart));
    RUN(vram_alloc(dev, 8, &vtotal));
    RUN(vram_alloc(dev, 16, &va1));
    RUN(vram_alloc(dev, 16, &va2));
    TRY(sgpu_vram_write(dev, vin, in, bytes));
    uint32_t a1[3] = {vin, vpart, n}, a2[3] = {vpart, vtotal, groups};
    RUN(put_words(dev, va1, a1, 3));
    RUN(put_words(dev, va2, a2, 3));
    TRY(sgpu_cmd_dispatch(ctx, sgpu_kernel_addr(k), g.x, g.y, g.z, g.wg, va1));
    TRY(sgpu_cmd_dispatch(ctx, sgpu_kernel_addr(k), 1, 1, 1, groups, va2));
    RUN(submit_wait(ctx));
    TRY(sgpu_vram_read(dev, vpart, part, pbytes));
    TRY(sgpu_vram_read(dev, vtotal, total, 8));
    uint32_t sum = 0;
    for (uint32_t wz = 0; wz < g.z; wz++)
        for (uint32_t wy = 0; wy < g.y; wy++)
            for (uint32_t wx = 0; wx < g.x; wx++) {
                uint32_t want = 0;
                for (uint32_t l = 0; l < g.wg; l++) {
                    uint32_t x = wx * g.wg + l;
                    want += x < n ? in[x] : 0;
                }
                uint32_t i = wx + g.x * (wy + g.y * wz);
                CHECK(part[i] == want, "reduce n %u grid %ux%ux%u wg %u: partial[%u] = 0x%08x, not "
                      "0x%08x", n, g.x, g.y, g.z, g.wg, i, part[i], want);
                sum += want;
            }
    CHECK(total[0] == sum, "reduce n %u: total 0x%08x, not 0x%08x", n, total[0], sum);
    free(in);
    free(part);
    return 0;
}

static uint8_t filter2d_ref(const uint8_t *src, uint32_t w, uint32_t h, uint32_t stride,
                            uint32_t x, uint32_t y)
{
    static const uint8_t wt[3][3] = {{1, 2, 1}, {2, 4, 2}, {1, 2, 1}};
    uint32_t sum = 8;
    for (int dy = -1; dy <= 1; dy++)
        for (int dx = -1; dx <= 1; dx++) {
            int32_t yy = (int32_t)y + dy, xx = (int32_t)x + dx;
            yy = yy < 0 ? 0 : yy >= (int32_t)h ? (int32_t)h - 1 : yy;
            xx = xx < 0 ? 0 : xx >= (int32_t)w ? (int32_t)w - 1 : xx;
            sum += wt[dy + 1][dx + 1] * src[(uint32_t)yy * stride + (uint32_t)xx];
        }
    return (uint8_t)(sum >> 4);
}

static int run_filter2d(sgpu_dev *dev, sgpu_ctx *ctx, const sgpu_kernel *k, uint32_t w,
                        uint32_t h, uint32_t wg)
{
    uint32_t stride = (w + 7 + rng_below(3) * 8) & ~7u, bytes = stride * h, vs, vd, va;
    uint8_t *src = malloc(bytes), *dst = malloc(bytes);
    CHECK(src && dst, "out of memory");
    fill_random(src, bytes);
    memset(dst, 0xEE, bytes);
    RUN(vram_alloc(dev, bytes, &vs));
    RUN(vram_alloc(dev, bytes, &vd));
    RUN(vram_alloc(dev, 24, &va));
    TRY(sgpu_vram_write(dev, vs, src, bytes));
    TRY(sgpu_vram_write(dev, vd, dst, bytes));
    uint32_t args[5] = {vs, vd, w, h, stride};
    RUN(put_words(dev, va, args, 5));
    struct grid g = {(w + wg - 1) / wg, h, 1, wg};
    RUN(dispatch_wait(ctx, k, g, va));
    TRY(sgpu_vram_read(dev, vd, dst, bytes));
    for (uint32_t y = 0; y < h; y++)
        for (uint32_t x = 0; x < stride; x++) {
            uint8_t want = x < w ? filter2d_ref(src, w, h, stride, x, y) : 0xEE;
            CHECK(dst[y * stride + x] == want, "filter2d %ux%u stride %u wg %u: (%u,%u) = %u, not "
                  "%u", w, h, stride, wg, x, y, dst[y * stride + x], want);
        }
    free(src);
    free(dst);
    return 0;
}

/* vadd between two engines: the copy context uploads a and b, the compute context WAITs on
 * its progress fence and runs vadd, the copy context WAITs on the compute context's and
 * brings c back. Everything is submitted before anything is waited for. */
static int run_vadd_pipeline(sgpu_dev *dev, sgpu_ctx *copier, sgpu_ctx *ctx, const sgpu_kernel *k,
                             uint32_t n)
{
    struct vadd_job j;
    struct sgpu_dma_buf *m;
    uint32_t bytes = ((n + 2u) * 4u + 7u) & ~7u;
    uint64_t up, run, down;
    RUN(vadd_setup(dev, n, &j));
    RUN(new_buf(dev, 3 * (size_t)bytes, &m));
    uint8_t *p = m->cpu;
    /* new inputs in host memory only: VRAM still holds vadd_setup's */
    fill_random(p, 2 * (size_t)bytes);
    memcpy(j.ha, p, (n + 2u) * 4u);
    memcpy(j.hb, p + bytes, (n + 2u) * 4u);
    memset(p + 2 * bytes, 0x99, bytes);
    TRY(sgpu_cmd_copy(copier, m->bus, j.a, bytes, SGPU_CMD_COPY_FLAG_DST_VRAM));
    TRY(sgpu_cmd_copy(copier, m->bus + bytes, j.b, bytes, SGPU_CMD_COPY_FLAG_DST_VRAM));
    RUN(submit(copier, 0, &up));
    TRY(sgpu_cmd_wait(ctx, sgpu_ctx_fence_addr(copier), up, 0));
    TRY(sgpu_cmd_dispatch(ctx, sgpu_kernel_addr(k), (n + 15) / 16, 1, 1, 16, j.args));
    RUN(submit(ctx, 0, &run));
    TRY(sgpu_cmd_wait(copier, sgpu_ctx_fence_addr(ctx), run, 0));
    TRY(sgpu_cmd_copy(copier, j.c, m->bus + 2 * bytes, bytes, SGPU_CMD_COPY_FLAG_SRC_VRAM));
    RUN(submit(copier, 0, &down));
    RUN(idle(copier));
    CHECK(sgpu_fence_read(ctx) >= run, "the copy context went past its WAIT on the compute "
          "context's fence %" PRIu64 " (at %" PRIu64 ")", run, sgpu_fence_read(ctx));
    const uint32_t *c = (const uint32_t *)(p + 2 * bytes);
    for (uint32_t i = 0; i < n + 2; i++) {
        uint32_t want = i < n ? j.ha[i] + j.hb[i] : 0xDEADBEEFu;
        CHECK(c[i] == want, "vadd pipelined between the engines (n %u): c[%u] = 0x%08x, not "
              "0x%08x", n, i, c[i], want);
    }
    vadd_free(&j);
    return 0;
}

static int check_kernels(sgpu_dev *dev)
{
    sgpu_kernel *vadd, *saxpy, *reduce, *filter2d;
    sgpu_ctx *ctx;
    RUN(load_kernel(dev, "vadd", &vadd));
    RUN(load_kernel(dev, "saxpy", &saxpy));
    RUN(load_kernel(dev, "reduce", &reduce));
    RUN(load_kernel(dev, "filter2d", &filter2d));
    RUN(new_ctx(dev, SGPU_NODE_COMPUTE, 0, &ctx));
    /* vadd: exact, one short of a workgroup, extra workgroups, y and z repeating x */
    uint32_t n = 1 + rng_below(600);
    RUN(run_vadd(dev, ctx, vadd, n, (struct grid){(n + 31) / 32, 1, 1, 32}));
    n = 64 + rng_below(400);
    RUN(run_vadd(dev, ctx, vadd, n, (struct grid){(n + 6) / 7 + 2, 1, 1, 7}));
    RUN(run_vadd(dev, ctx, vadd, 1 + rng_below(200), (struct grid){256, 1, 1, 1}));
    RUN(run_vadd(dev, ctx, vadd, 100, (struct grid){2, 2, 2, 64}));
    /* saxpy */
    n = 1 + rng_below(500);
    RUN(run_saxpy(dev, ctx, saxpy, n, (struct grid){(n + 15) / 16, 1, 1, 16}));
    n = 1 + rng_below(300);
    RUN(run_saxpy(dev, ctx, saxpy, n, (struct grid){(n + 49) / 50 + 1, 1, 1, 50}));
    /* reduce */
    n = 1 + rng_below(512);
    RUN(run_reduce(dev, ctx, reduce, n, (struct grid){(n + 31) / 32, 1, 1, 32}));
    RUN(run_reduce(dev, ctx, reduce, 1 + rng_below(64), (struct grid){4, 2, 2, 16}));
    /* filter2d */
    RUN(run_filter2d(dev, ctx, filter2d, 8 + rng_below(33), 4 + rng_below(13), 8));
    RUN(run_filter2d(dev, ctx, filter2d, 3 + rng_below(20), 1 + rng_below(6), 5));
    /* vadd fed and drained by the copy engine, synchronised by WAITs on progress fences */
    sgpu_ctx *copier;
    RUN(new_ctx(dev, SGPU_NODE_COPY, 0, &copier));
    RUN(run_vadd_pipeline(dev, copier, ctx, vadd, 1 + rng_below(1000)));
    RUN(run_vadd_pipeline(dev, copier, ctx, vadd, 1 + rng_below(1000)));
    RUN(no_fault_events(copier));
    return no_fault_events(ctx);
}

/* ---- 10. kernel-faults -------------------------------------------------------------------- */

enum { FAULT_ILLEGAL = 0, FAULT_BAD_STORE = 5 };  /* kernels/tests/fault.c */
#define FAULT_ITEMS 16u

/* fault.c: every work item marks out[x] = x + 1, the one with x == when faults. */
static int run_fault(sgpu_dev *dev, const sgpu_kernel *k, uint32_t mode, uint32_t addr,
                     unsigned reason, sgpu_ctx *copier, struct sgpu_dma_buf *m)
{
    sgpu_ctx *ctx;
    uint32_t out, va, when = rng_below(FAULT_ITEMS), offset;
    uint32_t zero[FAULT_ITEMS] = {0}, got[FAULT_ITEMS];
    RUN(new_ctx(dev, SGPU_NODE_COMPUTE, 0, &ctx));
    RUN(vram_alloc(dev, sizeof zero, &out));
    RUN(vram_alloc(dev, 16, &va));
    TRY(sgpu_vram_write(dev, out, zero, sizeof zero));
    uint32_t args[4] = {mode, when, addr, out};
    RUN(put_words(dev, va, args, 4));
    /* the copy engine works meanwhile */
    fill_random(m->cpu, 16 * KIB);
    memset((uint8_t *)m->cpu + 16 * KIB, 0, 16 * KIB);
    TRY(sgpu_cmd_copy(copier, m->bus, m->bus + 16 * KIB, 16 * KIB, 0));
    offset = next_offset(ctx, SGPU_CMD_DISPATCH_DWORDS);
    TRY(sgpu_cmd_dispatch(ctx, sgpu_kernel_addr(k), FAULT_ITEMS / 4, 1, 1, 4, va));
    RUN(submit(ctx, 0, NULL));
    RUN(submit(copier, 0, NULL));
    struct sgpu_ctx_fault f;
    EXPECT(sgpu_ctx_idle(ctx, WAIT_MS), SGPU_ERR_CTX_ERROR);
    EXPECT(sgpu_ctx_error(ctx, &f), SGPU_ERR_CTX_ERROR);
    const struct sgpu_event_info *ev = find_event(SGPU_EVENT_CONTEXT_ERROR, sgpu_ctx_id(ctx));
    CHECK(ev, "fault mode %u: no CONTEXT_ERROR event", mode);
    CHECK(f.reason == reason, "fault mode %u: reason %u, not %u", mode, f.reason, reason);
    CHECK(f.ring_offset == offset, "fault mode %u: ring offset 0x%" PRIx64 ", not the DISPATCH's "
          "0x%x", mode, f.ring_offset, offset);
    if (mode == FAULT_BAD_STORE) {
        CHECK(f.aux == addr, "bad store: faulting address 0x%" PRIx64 ", not 0x%x", f.aux, addr);
        RUN(expect_page_fault(ctx, addr, "kernel bad store"));
    } else {
        LATER(f.aux >= sgpu_kernel_addr(k) && f.aux < sgpu_kernel_addr(k) + sgpu_kernel_size(k),
              "illegal instruction: CONTEXT_ERROR aux (error info) 0x%" PRIx64 ", not a PC inside "
              "the kernel [0x%x, 0x%x) (the DISPATCH header is 0x%08x)", f.aux,
              sgpu_kernel_addr(k), sgpu_kernel_addr(k) + sgpu_kernel_size(k),
              SGPU_CMD_HEADER(SGPU_CMD_OP_DISPATCH, SGPU_CMD_DISPATCH_DWORDS, 0u));
    }
    TRY(sgpu_vram_read(dev, out, got, sizeof got));
    CHECK(got[when] == when + 1, "fault mode %u: the faulting item's store before the fault is "
          "missing (out[%u] = %u)", mode, when, got[when]);
    RUN(expect_refused(ctx, 0));
    RUN(idle(copier));
    CHECK(!memcmp(m->cpu, (uint8_t *)m->cpu + 16 * KIB, 16 * KIB), "the copy engine's COPY beside "
          "the fault went wrong");
    TRY(sgpu_ctx_destroy(ctx));
    return 0;
}

static int check_kernel_faults(sgpu_dev *dev)
{
    sgpu_kernel *fault, *vadd;
    sgpu_ctx *copier, *good;
    struct sgpu_dma_buf *m;
    RUN(load_kernel(dev, "fault", &fault));
    RUN(load_kernel(dev, "vadd", &vadd));
    RUN(new_ctx(dev, SGPU_NODE_COPY, 0, &copier));
    RUN(new_buf(dev, 32 * KIB, &m));
    RUN(run_fault(dev, fault, FAULT_ILLEGAL, 0, SGPU_CMD_ERROR_KERNEL_ILLEGAL_INSTRUCTION, copier, m));
    /* outside VRAM, the stack RAM and the work-item registers */
    uint32_t bad = 0x10000000u + 4u * rng_below(1024);
    RUN(run_fault(dev, fault, FAULT_BAD_STORE, bad, SGPU_CMD_ERROR_KERNEL_BAD_ACCESS, copier, m));
    /* the shader cores are fine afterwards, on another context (which may reuse an id) */
    RUN(no_fault_events(copier));
    evlog_restart(dev);
    RUN(new_ctx(dev, SGPU_NODE_COMPUTE, 0, &good));
    RUN(run_vadd(dev, good, vadd, 300, (struct grid){10, 1, 1, 32}));
    RUN(no_fault_events(good));
    return no_fault_events(copier);
}

/* ---- 10b. host-window --------------------------------------------------------------------- */

/* hostsaxpy (kernels/hostsaxpy.c) on host memory through the host window of a DISPATCH
 * with HOST_WINDOW: y = a * x + y in Q16.16, then b[i] = x[i] ^ i (byte stores) and h[i] =
 * the new y[i] >> 3 read back (half stores, a load after a store), all in host memory,
 * checked bit-exact, with the bytes around b and h untouched. */
#define HW_X 0u
#define HW_Y (16u * KIB)
#define HW_B (32u * KIB + 3u)  /* odd places: the byte and half stores hit every lane */
#define HW_H (40u * KIB + 2u)
#define HW_BYTES (48u * KIB)

static int run_hostsaxpy(sgpu_dev *dev, sgpu_ctx *ctx, const sgpu_kernel *k, uint32_t n,
                         uint32_t wg, struct sgpu_dma_buf *m)
{
    uint8_t *p = m->cpu, *before = malloc(HW_BYTES);
    uint32_t va;
    CHECK(before, "out of memory");
    fill_random(p, HW_BYTES);
    memcpy(before, p, HW_BYTES);
    int32_t a = (int32_t)(rng_next() % (8u << 16)) - (4 << 16);
    RUN(vram_alloc(dev, 24, &va));
    uint64_t base = m->bus;
    uint32_t args[6] = {(uint32_t)a, sgpu_host_window_addr(base, base + HW_X),
                        sgpu_host_window_addr(base, base + HW_Y),
                        sgpu_host_window_addr(base, base + HW_B),
                        sgpu_host_window_addr(base, base + HW_H), n};
    RUN(put_words(dev, va, args, 6));
    TRY(sgpu_cmd_dispatch_host(ctx, sgpu_kernel_addr(k), (n + wg - 1) / wg, 1, 1, wg, va, base));
    RUN(submit_wait(ctx));
    uint8_t *want = malloc(HW_BYTES);
    CHECK(want, "out of memory");
    memcpy(want, before, HW_BYTES);
    for (uint32_t i = 0; i < n; i++) {
        int32_t x, y;
        memcpy(&x, before + HW_X + 4 * i, 4);
        memcpy(&y, before + HW_Y + 4 * i, 4);
        y = saxpy_ref(a, x, y);
        memcpy(want + HW_Y + 4 * i, &y, 4);
        want[HW_B + i] = (uint8_t)((uint32_t)x ^ i);
        uint16_t h = (uint16_t)((uint32_t)y >> 3);
        memcpy(want + HW_H + 2 * i, &h, 2);
    }
    for (uint32_t o = 0; o < HW_BYTES; o++)
        CHECK(p[o] == want[o], "hostsaxpy n %u wg %u a 0x%x: host byte at +0x%x is 0x%02x, not "
              "0x%02x (x at +0x%x, y +0x%x, b +0x%x, h +0x%x)", n, wg, (uint32_t)a, o, p[o], want[o],
              HW_X, HW_Y, HW_B, HW_H);
    free(before);
    free(want);
    sgpu_vram_free(dev, va);
    return 0;
}

/* fault.c's bad load (4) or store (5) at addr; with a host window (host) or without. The
 * DISPATCH fails with KERNEL_BAD_ACCESS at addr, reported as a page fault first; the copy
 * engine's COPY meanwhile is fine. */
static int run_host_fault(sgpu_dev *dev, const sgpu_kernel *k, uint32_t mode, uint32_t addr,
                          int host, sgpu_ctx *copier, struct sgpu_dma_buf *m)
{
    sgpu_ctx *ctx;
    uint32_t out, va, zero[FAULT_ITEMS] = {0}, when = rng_below(FAULT_ITEMS);
    RUN(new_ctx(dev, SGPU_NODE_COMPUTE, 0, &ctx));
    RUN(vram_alloc(dev, sizeof zero, &out));
    RUN(vram_alloc(dev, 16, &va));
    TRY(sgpu_vram_write(dev, out, zero, sizeof zero));
    uint32_t args[4] = {mode, when, addr, out};
    RUN(put_words(dev, va, args, 4));
    fill_random(m->cpu, 16 * KIB);
    memset((uint8_t *)m->cpu + 16 * KIB, 0, 16 * KIB);
    TRY(sgpu_cmd_copy(copier, m->bus, m->bus + 16 * KIB, 16 * KIB, 0));
    if (host)
        TRY(sgpu_cmd_dispatch_host(ctx, sgpu_kernel_addr(k), FAULT_ITEMS / 4, 1, 1, 4, va,
                                   m->bus + 32 * KIB));
    else
        TRY(sgpu_cmd_dispatch(ctx, sgpu_kernel_addr(k), FAULT_ITEMS / 4, 1, 1, 4, va));
    RUN(submit(ctx, 0, NULL));
    RUN(submit(copier, 0, NULL));
    struct sgpu_ctx_fault f;
    EXPECT(sgpu_ctx_idle(ctx, WAIT_MS), SGPU_ERR_CTX_ERROR);
    EXPECT(sgpu_ctx_error(ctx, &f), SGPU_ERR_CTX_ERROR);
    CHECK(f.reason == SGPU_CMD_ERROR_KERNEL_BAD_ACCESS, "host window fault (mode %u at 0x%x, "
          "HOST_WINDOW %d): reason %u, not KERNEL_BAD_ACCESS", mode, addr, host, f.reason);
    CHECK(f.aux == addr, "host window fault (mode %u, HOST_WINDOW %d): address 0x%" PRIx64
          ", not 0x%x", mode, host, f.aux, addr);
    RUN(expect_page_fault(ctx, addr, "host window fault"));
    RUN(idle(copier));
    CHECK(!memcmp(m->cpu, (uint8_t *)m->cpu + 16 * KIB, 16 * KIB), "the copy engine's COPY beside "
          "the host window fault went wrong");
    TRY(sgpu_ctx_destroy(ctx));
    sgpu_vram_free(dev, out);
    sgpu_vram_free(dev, va);
    return 0;
}

static int check_host_window(sgpu_dev *dev)
{
    sgpu_kernel *hs, *fault;
    sgpu_ctx *ctx, *copier;
    struct sgpu_dma_buf *m, *c;
    RUN(load_kernel(dev, "hostsaxpy", &hs));
    RUN(load_kernel(dev, "fault", &fault));
    RUN(new_ctx(dev, SGPU_NODE_COMPUTE, 0, &ctx));
    RUN(new_buf(dev, HW_BYTES, &m));
    RUN(run_hostsaxpy(dev, ctx, hs, 1, 1, m));
    RUN(run_hostsaxpy(dev, ctx, hs, 1 + rng_below(400), 1 + rng_below(32), m));
    RUN(run_hostsaxpy(dev, ctx, hs, 1024, 16, m));
    RUN(no_fault_events(ctx));
    /* bad accesses: past the window; the window without HOST_WINDOW */
    RUN(new_ctx(dev, SGPU_NODE_COPY, 0, &copier));
    RUN(new_buf(dev, 32 * KIB, &c));
    evlog_restart(dev);
    RUN(run_host_fault(dev, fault, 4, 0xC0000000u + 4u * rng_below(1024), 1, copier, c));
    evlog_restart(dev);
    RUN(run_host_fault(dev, fault, 5, 0x80000000u + 4u * rng_below(1024), 0, copier, c));
    RUN(no_fault_events(copier));
    /* the cores still reach host memory afterwards */
    evlog_restart(dev);
    RUN(run_hostsaxpy(dev, ctx, hs, 100, 7, m));
    return no_fault_events(ctx);
}

/* ---- 11. events-msi ----------------------------------------------------------------------- */

#define EV_SINGLES 16u  /* one FENCE with IRQ per submission, each waited for */
#define EV_BURST 8u     /* FENCEs with IRQ in one submission */

/* What one FENCE with IRQ must post. */
struct ev_expect {
    const sgpu_ctx *ctx;
    uint64_t value, addr;
};

/* Consumes events until the log holds n (the firmware posts a FENCE's event after the
 * fence is in memory), or a while has passed; then a little longer for strays. */
static void wait_events(sgpu_dev *dev, unsigned n)
{
    uint64_t deadline = now_ms() + 2000;
    while (evlog_n < n && now_ms() < deadline) {
        sgpu_events_poll(dev, NULL, NULL);
        sleep_us(200);
    }
    usleep(20000);
    sgpu_events_poll(dev, NULL, NULL);
}

/* Whether the log holds a MONITORED_FENCE_SIGNALED event for w. */
static int fence_event_logged(const struct ev_expect *w)
{
    for (unsigned i = 0; i < evlog_n; i++)
        if (evlog[i].type == SGPU_EVENT_MONITORED_FENCE_SIGNALED &&
            evlog[i].ctx_id == sgpu_ctx_id(w->ctx) && evlog[i].value == w->value &&
            evlog[i].aux == w->addr)
            return 1;
    return 0;
}

/* Consumes events until the log holds one for each fence of want[0..n), or a while has
 * passed; then a little longer for strays. The fences being in memory is not enough: the
 * firmware posts an event some time after its fence landed (a slow or descheduled
 * simulator takes well over the strays' 20 ms). */
static void wait_fence_events(sgpu_dev *dev, const struct ev_expect *want, unsigned n)
{
    uint64_t deadline = now_ms() + 2000;
    for (unsigned k = 0; k < n && now_ms() < deadline;) {
        sgpu_events_poll(dev, NULL, NULL);
        if (fence_event_logged(&want[k]))
            k++;
        else
            sleep_us(200);
    }
    usleep(20000);
    sgpu_events_poll(dev, NULL, NULL);
}

/* The event log holds exactly the MONITORED_FENCE_SIGNALED events of want[0..n), in that
 * order. */
static int expect_fence_events(const struct ev_expect *want, unsigned n, const char *what)
{
    unsigned got = 0;
    for (unsigned i = 0; i < evlog_n; i++)
        got += evlog[i].type == SGPU_EVENT_MONITORED_FENCE_SIGNALED;
    for (unsigned i = 0; i < evlog_n && i < n; i++) {
        const struct sgpu_event_info *e = &evlog[i];
        CHECK(e->type == SGPU_EVENT_MONITORED_FENCE_SIGNALED, "%s: event %u is type %u (context "
              "%u, reason %u), not MONITORED_FENCE_SIGNALED", what, i, e->type, e->ctx_id, e->reason);
        CHECK(e->ctx_id == sgpu_ctx_id(want[i].ctx) && e->ctx == want[i].ctx &&
              e->node == sgpu_ctx_node(want[i].ctx) && e->value == want[i].value &&
              e->aux == want[i].addr, "%s: event %u is context %u node %u value 0x%" PRIx64
              " address 0x%" PRIx64 ", not context %u node %u value 0x%" PRIx64 " address 0x%"
              PRIx64 " (%u events for %u FENCEs with IRQ)", what, i, e->ctx_id, e->node, e->value,
              e->aux, sgpu_ctx_id(want[i].ctx), sgpu_ctx_node(want[i].ctx), want[i].value,
              want[i].addr, got, n);
    }
    CHECK(evlog_n == n, "%s: %u events (%u MONITORED_FENCE_SIGNALED) for %u FENCEs with IRQ",
          what, evlog_n, got, n);
    return 0;
}

/* A burst of IRQ FENCEs of one context may be folded (docs/protocol.md, EVENT): the log
 * holds 1 to n MONITORED_FENCE_SIGNALED events, each one of want[0..n) in increasing
 * order, the last one want[n - 1] (the latest fence is always reported). */
static int expect_folded_fence_events(const struct ev_expect *want, unsigned n, const char *what)
{
    unsigned j = 0;
    CHECK(evlog_n >= 1 && evlog_n <= n, "%s: %u events for %u FENCEs with IRQ", what, evlog_n, n);
    for (unsigned i = 0; i < evlog_n; i++) {
        const struct sgpu_event_info *e = &evlog[i];
        CHECK(e->type == SGPU_EVENT_MONITORED_FENCE_SIGNALED, "%s: event %u is type %u", what, i,
              e->type);
        while (j < n && !(e->value == want[j].value && e->aux == want[j].addr))
            j++;
        CHECK(j < n && e->ctx == want[j].ctx && e->ctx_id == sgpu_ctx_id(want[j].ctx),
              "%s: event %u (context %u value 0x%" PRIx64 " address 0x%" PRIx64 ") is not one of "
              "the burst's fences after the previous event", what, i, e->ctx_id, e->value, e->aux);
        j++;
    }
    CHECK(j == n, "%s: the last event is not the latest fence (value 0x%" PRIx64 ")", what,
          want[n - 1].value);
    return 0;
}

/* SYSTEM_DEBUG=1: the events logged, for a failure's story. */
static void print_events(const char *what)
{
    printf("  %s: %u events\n", what, evlog_n);
    for (unsigned i = 0; i < evlog_n; i++)
        printf("  event seq %u type %u ctx %u value 0x%" PRIx64 " aux 0x%" PRIx64 "\n",
               evlog[i].seq, evlog[i].type, evlog[i].ctx_id, evlog[i].value, evlog[i].aux);
}

/* Seqs consecutive across everything logged so far, nothing flagged or counted lost. */
static int expect_seq_run(const struct sgpu_event_info *log, unsigned n, const char *what)
{
    for (unsigned i = 0; i < n; i++) {
        CHECK(i == 0 || log[i].seq == log[i - 1].seq + 1, "%s: event seq %u after %u", what,
              log[i].seq, log[i - 1].seq);
        CHECK(log[i].missed == 0 && !(log[i].flags & SGPU_EVENT_FLAG_EVENTS_LOST), "%s: seq %u: %u "
              "missed before it (flags 0x%x)", what, log[i].seq, log[i].missed, log[i].flags);
    }
    return 0;
}

/* Contexts taking turns on one engine, every submission with IRQ: whatever events come
 * (bursts may merge), each names the context whose progress fence it carries. */
static int events_shared_engine(sgpu_dev *dev)
{
    sgpu_ctx *ctx[3];
    unsigned got = 0;
    struct sgpu_status st0, st1;
    for (unsigned node = 0; node < 2; node++) {
        for (unsigned k = 0; k < 3; k++)
            RUN(new_ctx(dev, node, 0, &ctx[k]));
        evlog_restart(dev);
        RUN(status(dev, &st0));
        for (unsigned r = 0; r < 6; r++)
            for (unsigned k = 0; k < 3; k++) {
                TRY(sgpu_cmd_nop(ctx[k], 1 + rng_below(60)));
                RUN(submit(ctx[k], SGPU_SUBMIT_IRQ, NULL));
            }
        struct ev_expect last[3];
        for (unsigned k = 0; k < 3; k++) {
            RUN(idle(ctx[k]));
            last[k] = (struct ev_expect){ctx[k], sgpu_fence_last_submitted(ctx[k]),
                                         sgpu_ctx_fence_addr(ctx[k])};
        }
        wait_fence_events(dev, last, 3);
        /* the firmware's own count tells lost in the firmware from lost on the way */
        RUN(status(dev, &st1));
        for (unsigned i = 0; i < evlog_n; i++) {
            const struct sgpu_event_info *e = &evlog[i];
            unsigned owner = 3;
            for (unsigned k = 0; k < 3; k++)
                if (e->aux == sgpu_ctx_fence_addr(ctx[k]))
                    owner = k;
            CHECK(owner < 3, "%s engine: event type %u for a fence at 0x%" PRIx64 " of no "
                  "context", NODE_NAME(node), e->type, e->aux);
            LATER(e->type == SGPU_EVENT_MONITORED_FENCE_SIGNALED && e->ctx_id == sgpu_ctx_id(ctx[owner]),
                  "%s engine, 3 contexts taking turns: MONITORED_FENCE_SIGNALED for context %u's "
                  "progress fence (value %" PRIu64 ") names context %u", NODE_NAME(node),
                  sgpu_ctx_id(ctx[owner]), e->value, e->ctx_id);
            got++;
        }
        /* even if events merged, each context hears of its last fence */
        for (unsigned k = 0; k < 3; k++) {
            unsigned i = 0;
            uint64_t latest = 0; /* the newest fence an event named for it: what it heard */
            for (unsigned j = 0; j < evlog_n; j++)
                if (evlog[j].ctx_id == sgpu_ctx_id(ctx[k]) && evlog[j].value > latest)
                    latest = evlog[j].value;
            while (i < evlog_n && !(evlog[i].ctx_id == sgpu_ctx_id(ctx[k]) &&
                                    evlog[i].value == sgpu_fence_last_submitted(ctx[k])))
                i++;
            LATER(i < evlog_n, "%s engine, 3 contexts taking turns, 6 submissions with IRQ each: "
                  "no MONITORED_FENCE_SIGNALED for context %u's last fence %" PRIu64 ", its newest "
                  "event carries %" PRIu64 " (%u events in all for 18 submissions; "
                  "STATUS.events_posted +%u, events_lost +%u)", NODE_NAME(node),
                  sgpu_ctx_id(ctx[k]), sgpu_fence_last_submitted(ctx[k]), latest, evlog_n,
                  st1.events_posted - st0.events_posted, st1.events_lost - st0.events_lost);
        }
        if (getenv("SYSTEM_DEBUG"))
            print_events(NODE_NAME(node));
        for (unsigned k = 0; k < 3; k++)
            TRY(sgpu_ctx_destroy(ctx[k]));
    }
    printf("  3 contexts per engine, 36 submissions with IRQ: %u events\n", got);
    return 0;
}

static int check_events_msi(sgpu_dev *dev)
{
    struct sgpu_info info;
    struct sgpu_ctl_options o = {0};
    struct ev_expect want[EV_BURST * 2];
    struct sgpu_event_info all[EV_SINGLES + 1];
    unsigned vector, nall = 0;
    sgpu_ctx *ctx[2];
    struct slots s;
    /* A vector other than 0 when the device was granted several: the descriptor's vector
     * must be the one raised. */
    TRY(sgpu_identify(dev, &info));
    o.event_vector = info.msi_vectors > 3 ? 3 : 0;
    TRY(sgpu_ctl_start(dev, &o));
    RUN(new_ctx(dev, SGPU_NODE_COPY, 0, &ctx[0]));
    RUN(new_ctx(dev, SGPU_NODE_COMPUTE, 0, &ctx[1]));
    RUN(slots_init(dev, &s, EV_SINGLES + 1 + (2 - 1) + (EV_BURST - 1)));
    while (sgpu_irq_wait(dev, 0, &vector) == SGPU_OK)
        ; /* nothing stale */
    evlog_restart(dev);

    /* One FENCE with IRQ, and the MSI itself (no library wait in between), then its record. */
    TRY(sgpu_cmd_fence(ctx[0], slot_bus(&s, 0), s.expect[0], SGPU_CMD_FENCE_FLAG_IRQ));
    RUN(submit(ctx[0], 0, NULL));
    want[0] = (struct ev_expect){ctx[0], s.expect[0], slot_bus(&s, 0)};
    int rc = sgpu_irq_wait(dev, WAIT_MS, &vector);
    CHECK(rc == SGPU_OK && vector == o.event_vector, "FENCE with IRQ: sgpu_irq_wait gave %s, "
          "vector %u (event vector %u)", sgpu_errname(rc), vector, o.event_vector);
    CHECK(sgpu_events_poll(dev, NULL, NULL) >= 1, "an MSI but no event record");
    RUN(idle(ctx[0]));
    RUN(expect_fence_events(want, 1, "a FENCE with IRQ"));
    all[nall++] = evlog[0];

    /* One at a time, both contexts, the FENCE's IRQ flag or SGPU_SUBMIT_IRQ. */
    for (unsigned i = 1; i <= EV_SINGLES; i++) {
        sgpu_ctx *c = ctx[rng_below(2)];
        uint64_t v;
        evlog_n = 0;
        if (rng_below(2)) {
            TRY(sgpu_cmd_fence(c, slot_bus(&s, i), s.expect[i], SGPU_CMD_FENCE_FLAG_IRQ));
            RUN(submit(c, 0, NULL));
            want[0] = (struct ev_expect){c, s.expect[i], slot_bus(&s, i)};
        } else {
            TRY(sgpu_cmd_fence(c, slot_bus(&s, i), s.expect[i], 0));
            RUN(submit(c, SGPU_SUBMIT_IRQ, &v));
            want[0] = (struct ev_expect){c, v, sgpu_ctx_fence_addr(c)};
        }
        RUN(idle(c));
        wait_events(dev, 1);
        RUN(expect_fence_events(want, 1, "one FENCE with IRQ"));
        all[nall++] = evlog[0];
    }
    RUN(expect_seq_run(all, nall, "FENCEs with IRQ one at a time"));
    /* A submission without IRQ posts nothing. */
    evlog_n = 0;
    TRY(sgpu_cmd_nop(ctx[1], 3));
    RUN(submit_wait(ctx[1]));
    wait_events(dev, 0);
    RUN(expect_fence_events(want, 0, "a submission without IRQ"));

    /* Several FENCEs with IRQ in one submission, to distinct addresses: events that may be
     * folded, the latest always reported. */
    unsigned slot = EV_SINGLES + 1;
    for (unsigned k = 0; k < 2; k++) {
        sgpu_ctx *c = ctx[k];
        uint64_t v;
        evlog_n = 0;
        unsigned n = k == 0 ? 2 : EV_BURST; /* the smallest burst, and a longer one */
        for (unsigned i = 0; i < n - 1; i++, slot++) {
            TRY(sgpu_cmd_fence(c, slot_bus(&s, slot), s.expect[slot], SGPU_CMD_FENCE_FLAG_IRQ));
            want[i] = (struct ev_expect){c, s.expect[slot], slot_bus(&s, slot)};
        }
        RUN(submit(c, SGPU_SUBMIT_IRQ, &v));
        want[n - 1] = (struct ev_expect){c, v, sgpu_ctx_fence_addr(c)};
        RUN(idle(c));
        wait_fence_events(dev, &want[n - 1], 1); /* the latest is always reported */
        char what[96];
        snprintf(what, sizeof what, "%u FENCEs with IRQ in one submission on the %s engine", n,
                 NODE_NAME(sgpu_ctx_node(c)));
        /* (a failure here leaves the rest to run: it is reported at the end) */
        if (expect_folded_fence_events(want, n, what) < 0)
            later_add("%s", why);
        if (getenv("SYSTEM_DEBUG"))
            print_events(what);
    }
    RUN(slots_check(&s, "FENCEs with IRQ"));
    CHECK(sgpu_events_missed(dev) == 0, "%" PRIu64 " events missed", sgpu_events_missed(dev));
    slots_fini(&s);
    return events_shared_engine(dev);
}

/* ---- Driver ------------------------------------------------------------------------------- */

struct check {
    const char *name;
    int (*run)(sgpu_dev *dev); /* 0 pass, -1 fail (why) */
};

static const struct check checks[] = {
    {"ctl", check_ctl},
    {"copy-directions", check_copy_directions},
    {"fences-in-order", check_fences_in_order},
    {"many-contexts", check_many_contexts},
    {"doorbell-hammer", check_doorbell_hammer},
    {"wait-yields", check_wait_yields},
    {"invalid-command", check_invalid_command},
    {"bad-input", check_bad_input},
    {"kernels", check_kernels},
    {"kernel-faults", check_kernel_faults},
    {"host-window", check_host_window},
    {"events-msi", check_events_msi},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: system --uri sim:PATH [--seed N] [--only NAME] [--kernels DIR]\n"
               "System checks of sgpu through libsgpu against a running sgpu-sim.\n"
               "  --uri URI      the device (a private simulator: the checks need it alone)\n"
               "  --seed N       the test data's seed (default: random, printed)\n"
               "  --only NAME    run only that check\n"
               "  --kernels DIR  where the kernel images are (default build/kernels)\n"
               "SYSTEM_DEBUG=1 in the environment lists the events of events-msi.\n"
               "Checks:");
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++)
        fprintf(f, " %s", checks[i].name);
    fprintf(f, "\n");
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"uri", required_argument, NULL, 'u'},     {"seed", required_argument, NULL, 's'},
        {"only", required_argument, NULL, 'o'},    {"kernels", required_argument, NULL, 'k'},
        {"help", no_argument, NULL, 'h'},          {NULL, 0, NULL, 0},
    };
    const char *only = NULL;
    int c, failed = 0, ran = 0;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    seed = ((uint64_t)ts.tv_sec * 1000003u) ^ (uint64_t)ts.tv_nsec ^ ((uint64_t)getpid() << 32);
    seed &= 0xFFFFFFFFu;
    while ((c = getopt_long(argc, argv, "u:s:o:k:h", opts, NULL)) != -1) {
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
            kernels_dir = optarg;
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
    printf("system: seed %" PRIu64 " (replay with --seed %" PRIu64 "), %s\n", seed, seed, uri);
    fflush(stdout);
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        if (only && strcmp(only, checks[i].name) != 0)
            continue;
        /* each check's data depends only on the seed and its name, not on what ran before */
        rng_state = mix64(seed + 0x9E3779B97F4A7C15ull * (i + 1)) | 1u;
        sgpu_dev *dev;
        uint64_t t0 = now_ms();
        int rc = open_dev(&dev);
        why[0] = later[0] = '\0';
        ran++;
        if (rc != SGPU_OK) {
            fail("open %s: %s (%s)", uri, sgpu_errname(rc), sgpu_last_error());
            rc = -1;
        } else {
            rc = checks[i].run(dev);
            sgpu_close(dev);
            if (rc == 0 && later[0])
                rc = fail("%s", later);
        }
        if (rc < 0) {
            printf("FAIL system/%s: %s\n", checks[i].name, why);
            failed++;
        } else {
            printf("  took %.2f s\nPASS system/%s\n", (double)(now_ms() - t0) / 1000, checks[i].name);
        }
        fflush(stdout);
    }
    if (!ran) {
        fprintf(stderr, "system: no check named '%s'\n", only);
        usage(stderr);
        return 2;
    }
    return failed ? 1 : 0;
}
