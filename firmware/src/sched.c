/* sched.c: the context scheduler (see sched.h): which context runs on which engine, when. */
/* SPDX-License-Identifier: Apache-2.0 */
#include <string.h>

#include "events.h"
#include "hal.h"
#include "hostmem.h"
#include "schedlog.h"
#include "sched.h"
#include "stats.h"

struct sched sched;

/* Lowest set bit of a byte value. The core has no ctz instruction and multiplies in 34
 * cycles, so a table it is (one load on the doorbell path). */
static uint8_t lowest_bit_of_byte[256];

static void init_lowest_bit(void)
{
    for (unsigned v = 1; v < 256; v++) {
        unsigned bit = 0;
        while (!(v & (1u << bit)))
            bit++;
        lowest_bit_of_byte[v] = (uint8_t)bit;
    }
}

/* Index of the lowest set bit of set (not empty). */
static inline __attribute__((always_inline)) unsigned lowest_bit(ctx_set set)
{
    unsigned base = 0;
    while (!(set & 0xFFu)) {
        set >>= 8;
        base += 8;
    }
    return base + lowest_bit_of_byte[set & 0xFFu];
}

static inline ctx_set bit_of(unsigned id)
{
    return (ctx_set)1 << id;
}

uint32_t sched_cycles(uint32_t units_100ns)
{
    uint64_t cycles = (uint64_t)units_100ns * SGPU_CFG_CLK_HZ / 10000000u;
    return cycles > UINT32_MAX ? UINT32_MAX : (uint32_t)cycles;
}

void sched_init(uint32_t ctx_count)
{
    memset(&sched, 0, sizeof sched);
    sched.ctx_count = ctx_count < SCHED_MAX_CTX ? ctx_count : SCHED_MAX_CTX;
    sched.target_normal_pct = 10;
    for (unsigned b = 0; b < SCHED_BANDS; b++)
        sched.band[b].quantum = sched_cycles(SCHED_DEFAULT_QUANTUM_100NS);
    for (unsigned e = 0; e < ENG_COUNT; e++)
        sched.eng[e].current = SCHED_NO_CTX;
    init_lowest_bit();
}

int sched_ctx_live(uint32_t id)
{
    return id < sched.ctx_count && sched.ctx[id].state != CTX_FREE;
}

static uint32_t ctx_tail(unsigned id)
{
    return hal_read32(SGPU_CTX_TAIL_ADDR_I(id));
}

static uint32_t quantum_of(const struct sched_ctx *c)
{
    return c->quantum ? c->quantum : sched.band[c->band].quantum;
}

/* Every state change goes through here, so that the sets follow the states (inline: the
 * state is mostly a constant, so only one set is touched). */
static inline __attribute__((always_inline)) void set_state(unsigned id, unsigned state)
{
    struct sched_ctx *c = &sched.ctx[id];
    ctx_set bit = bit_of(id);
    unsigned e = c->engine;
    sched.ready[e] &= ~bit;
    sched.waiting[e] &= ~bit;
    if (state == CTX_READY)
        sched.ready[e] |= bit;
    else if (state == CTX_WAITING)
        sched.waiting[e] |= bit;
    if (schedlog_active(e))
        sched.state_changed |= bit; /* for the log (a new log catches up: sched_log_restart) */
    sched.stats_dirty |= bit;
    c->state = (uint8_t)state;
}

/* Back of its band's round robin. */
static void make_ready(unsigned id)
{
    set_state(id, CTX_READY);
    sched.ctx[id].stamp = sched.next_stamp++;
}

/* Whether a runs before b: the higher band, then the older stamp. */
static int runs_before(const struct sched_ctx *a, const struct sched_ctx *b)
{
    return a->band > b->band || (a->band == b->band && (int32_t)(a->stamp - b->stamp) < 0);
}

/* The context of `set` that runs first, of band min_band or higher; SCHED_NO_CTX if none. */
static unsigned pick(ctx_set set, unsigned min_band)
{
    if (min_band == 0 && set && !(set & (set - 1)))
        return lowest_bit(set); /* the usual case: one candidate, nothing to compare */
    unsigned best = SCHED_NO_CTX;
    for (; set; set &= set - 1) {
        unsigned id = lowest_bit(set);
        const struct sched_ctx *c = &sched.ctx[id];
        if (c->band >= min_band && (best == SCHED_NO_CTX || runs_before(c, &sched.ctx[best])))
            best = id;
    }
    return best;
}

/* The bookkeeping of a start, after the START write (it is not on the latency path);
 * doorbell: the start is a doorbell's, counted as its submission here. */
static void __attribute__((noinline))
started(unsigned e, unsigned id, int poll_wait, uint32_t tail, int doorbell)
{
    struct sched_ctx *c = &sched.ctx[id];
    struct sched_engine *g = &sched.eng[e];
    set_state(id, CTX_RUNNING);
    c->start_tail = tail; /* read before START: the engine sees at least this */
    g->current = (uint8_t)id;
    g->poll_wait = (uint8_t)poll_wait;
    g->stopping = 0;
    g->slice_over = 0;
    g->preempt_at = 0;
    g->timeout_reported = 0;
    g->slice_end = hal_mtime() + quantum_of(c);
    stats_ctx[id].starts++;
    stats_ctx[id].submissions += (uint32_t)doorbell;
    stats_eng_dirty |= 1u << e; /* its current context */
}

static void start_context(unsigned e, unsigned id, int poll_wait)
{
    uint32_t tail = ctx_tail(id);
    eng_start(e, id, sched.ctx[id].head, poll_wait, sched.ctx[id].partial);
    started(e, id, poll_wait, tail, 0);
}

static void stop(unsigned e)
{
    struct sched_engine *g = &sched.eng[e];
    eng_stop(e);
    g->stopping = 1;
    g->preempt_at = 0;
    g->stop_sent_at = hal_mtime();
}

/* Engine e is free: run its best ready context, else let a waiting one poll its WAIT. */
static void schedule(unsigned e)
{
    struct sched_engine *g = &sched.eng[e];
    if (g->in_reset || g->current != SCHED_NO_CTX)
        return;
    unsigned id = pick(sched.ready[e], 0);
    if (id != SCHED_NO_CTX) {
        start_context(e, id, 0);
        return;
    }
    id = pick(sched.waiting[e], 0);
    if (id != SCHED_NO_CTX)
        start_context(e, id, 1);
}

/* Context c of engine e just became ready: start it, or decide whether it preempts. */
static void consider(unsigned e, const struct sched_ctx *c)
{
    struct sched_engine *g = &sched.eng[e];
    if (g->in_reset)
        return;
    if (g->current == SCHED_NO_CTX) {
        schedule(e);
        return;
    }
    if (g->stopping)
        return;
    const struct sched_ctx *cur = &sched.ctx[g->current];
    if (c->band > cur->band) {
        uint32_t grace = sched.band[c->band].grace;
        if (grace == 0) {
            stop(e); /* REALTIME (grace 0 by default): at once */
            return;
        }
        uint64_t at = hal_mtime() + grace;
        if (g->preempt_at == 0 || at < g->preempt_at)
            g->preempt_at = at;
        return;
    }
    if (c->band < cur->band)
        return;
    if (g->poll_wait) {
        /* a polled WAIT now stops the engine and lets c run */
        eng_set_poll_wait(e, 0);
        g->poll_wait = 0;
    }
    if (g->slice_over)
        stop(e);
}

/* A doorbell for a context that is not simply idle on a free engine. */
static void __attribute__((noinline)) doorbell_slow(unsigned id)
{
    if (id >= sched.ctx_count) {
        sched.doorbells_dropped++;
        return;
    }
    stats_ctx[id].submissions++;
    sched.stats_dirty |= bit_of(id);
    struct sched_ctx *c = &sched.ctx[id];
    if (c->state == CTX_IDLE) {
        if (ctx_tail(id) == c->head)
            return;
        make_ready(id);
        consider(c->engine, c);
    } else if (c->state == CTX_FREE || c->state == CTX_ERROR) {
        sched.doorbells_dropped++;
    } else if (c->state == CTX_RUNNING &&
               (eng_irq(c->engine) & SGPU_ENG_IRQ_STOPPED_MASK)) {
        /* its engine stopped and the IRQ waits (a host that rings as soon as it sees the
         * last fence): take the stop now, so that the new work starts from this doorbell */
        sched_engine_irq(c->engine);
    }
    /* READY, RUNNING, WAITING, SUSPENDED: CTX.TAIL keeps the work; the engine reads it live */
}

/*
 * The latency path: a doorbell for an idle context whose engine is free starts it here,
 * with nothing but the checks before the START write. A free engine has no ready or
 * waiting context (they would be running), so there is nothing to pick. Everything else
 * is a tail call, so that nothing is saved on the stack before START.
 */
static void __attribute__((noinline)) doorbell(unsigned id)
{
    if (id < sched.ctx_count) {
        const struct sched_ctx *c = &sched.ctx[id];
        unsigned e = c->engine;
        if (c->state == CTX_IDLE && sched.eng[e].current == SCHED_NO_CTX &&
            !sched.eng[e].in_reset) {
            uint32_t head = c->head, tail = ctx_tail(id);
            if (tail != head) {
                eng_start(e, id, head, 0, c->partial);
                started(e, id, 0, tail, 1);
            }
            return;
        }
    }
    doorbell_slow(id);
}

void sched_doorbells(uint32_t pending)
{
    while (pending) {
        unsigned id = lowest_bit(pending);
        pending &= pending - 1;
        doorbell(id);
    }
}

static void post(uint16_t type, uint16_t flags, uint32_t ctx, unsigned e, uint16_t reason,
                 uint64_t value, uint64_t aux)
{
    struct event ev = {.type = type,
                       .flags = flags,
                       .ctx_id = ctx,
                       .engine = (uint8_t)e,
                       .reason = reason,
                       .value = value,
                       .aux = aux};
    events_post(&ev);
}

/* A context's command failed: a bad access is a page fault first [hwsched 7.10], with the
 * context's progress fence as the last known point (the host reads the faulting address in
 * aux); then CONTEXT_ERROR with the command's ring offset. */
static void report_error(unsigned id, unsigned e, uint32_t reason, uint32_t info)
{
    const struct sched_ctx *c = &sched.ctx[id];
    if (reason == SGPU_CMD_ERROR_BAD_ADDRESS || reason == SGPU_CMD_ERROR_KERNEL_BAD_ACCESS) {
        uint64_t progress = 0;
        uint16_t flags = 0;
        if (hostmem_read64(c->progress_fence, &progress) != 0)
            flags = SGPU_EVENT_FLAG_FENCE_INVALID | SGPU_EVENT_FLAG_ENGINE_RESET_REQUIRED;
        post(SGPU_EVENT_HWQUEUE_PAGE_FAULTED, flags, id, e, 0, progress, info);
    }
    post(SGPU_EVENT_CONTEXT_ERROR, 0, id, e, (uint16_t)reason, c->head, info);
}

static void flush_acks(unsigned id, unsigned n);

/* The engine went IDLE with the current context: where it goes next, then the next one. */
static void on_stopped(unsigned e)
{
    struct sched_engine *g = &sched.eng[e];
    uint32_t status = eng_status(e);
    unsigned id = g->current;
    if (ENG_STATE(status) != SGPU_ENG_STATUS_STATE_IDLE || id == SCHED_NO_CTX)
        return; /* stale: already handled */
    struct sched_ctx *c = &sched.ctx[id];
    g->current = SCHED_NO_CTX;
    g->stopping = 0;
    g->poll_wait = 0;
    c->head = eng_head(e);
    c->partial = ENG_STOP_REASON(status) == SGPU_ENG_STATUS_STOP_REASON_PREEMPTED &&
                 (status & SGPU_ENG_STATUS_PARTIAL_MASK);
    /* Off the engine: every suspend so far is done. Acknowledged first: the suspend latency
     * runs until the fence is written. */
    if (c->nacks)
        flush_acks(id, c->nacks);
    /* What the engine did for it ends here; added up after the next START. */
    struct stats_sample sample = stats_sample(e);

    int error = 0;
    switch (ENG_STOP_REASON(status)) {
    case SGPU_ENG_STATUS_STOP_REASON_ERROR:
        set_state(id, CTX_ERROR);
        error = 1;
        break;
    case SGPU_ENG_STATUS_STOP_REASON_WAIT:
        set_state(id, CTX_WAITING);
        c->stamp = sched.next_stamp++;
        break;
    case SGPU_ENG_STATUS_STOP_REASON_EMPTY: {
        /* A TAIL past HEAD is new work, unless it is the tail the engine already had: then
         * it cuts a command in two, and the context waits for the doorbell completing it. */
        uint32_t tail = ctx_tail(id);
        if (tail != c->head && tail != c->start_tail)
            make_ready(id);
        else
            set_state(id, CTX_IDLE);
        break;
    }
    default: /* PREEMPTED (or RESET outside RESET_ENGINE): HEAD is the first command not run */
        if (ctx_tail(id) != c->head)
            make_ready(id);
        else
            set_state(id, CTX_IDLE);
        break;
    }
    if (c->suspend_wanted && !error)
        set_state(id, CTX_SUSPENDED);
    schedule(e);
    stats_account(e, id, sample);
    if (ENG_STOP_REASON(status) == SGPU_ENG_STATUS_STOP_REASON_PREEMPTED)
        stats_ctx[id].preemptions++;
    if (error)
        report_error(id, e, ENG_ERROR(status), eng_err_info(e));
}

/* Times post_fence reads FENCE_VALUE/ADDR at most in one call. */
#define FENCE_READS_MAX 4u

/*
 * One event for the IRQ fences engine e passed, IRQ.FENCE already cleared. A fence that
 * lands after that clear sets IRQ.FENCE again, and its values may already be in what is
 * read here (or only one half of them): posted now and again for its IRQ, the host would
 * see it twice, or a torn value. So the values count only if IRQ.FENCE is still clear after
 * they were read; if not, it is cleared and they are read again. An engine that passes IRQ
 * fences faster than that keeps IRQ.FENCE set: the next look at the engine reports them.
 */
static void post_fence(unsigned e)
{
    uint32_t ctx = eng_ctx(e); /* the context that ran: START comes after its stop only */
    for (unsigned reads = 1;; reads++) {
        uint64_t value = eng_read64(SGPU_ENG_FENCE_VALUE_LO_ADDR_I(e));
        uint64_t addr = eng_read64(SGPU_ENG_FENCE_ADDR_LO_ADDR_I(e));
        if (!(eng_irq(e) & SGPU_ENG_IRQ_FENCE_MASK)) {
            post(SGPU_EVENT_MONITORED_FENCE_SIGNALED, 0, ctx, e, 0, value, addr);
            return;
        }
        if (reads == FENCE_READS_MAX)
            return; /* left set: reported on the next look */
        eng_irq_clear(e, SGPU_ENG_IRQ_FENCE_MASK);
    }
}

/* Report a pending IRQ.FENCE (and clear it) without touching STOPPED. */
static void post_fence_irq(unsigned e)
{
    if (eng_irq(e) & SGPU_ENG_IRQ_FENCE_MASK) {
        eng_irq_clear(e, SGPU_ENG_IRQ_FENCE_MASK);
        post_fence(e);
    }
}

void sched_engine_irq(unsigned e)
{
    uint32_t irq = eng_irq(e);
    if (!irq)
        return;
    eng_irq_clear(e, irq); /* before reading the values: a newer fence raises it again */
    /* The fence first: FENCE_VALUE/ADDR and CTX belong to the context the engine ran, and
     * on_stopped may start another one (CTX changes). */
    if (irq & SGPU_ENG_IRQ_FENCE_MASK)
        post_fence(e);
    if (irq & SGPU_ENG_IRQ_STOPPED_MASK)
        on_stopped(e);
}

int sched_engines(void)
{
    int seen = 0;
    for (unsigned e = 0; e < ENG_COUNT; e++) {
        if (eng_irq(e)) {
            sched_engine_irq(e);
            seen = 1;
        }
    }
    return seen;
}

/* Whether engine e has a ready context of band >= band. */
static int ready_at_least(unsigned e, unsigned band)
{
    return pick(sched.ready[e], band) != SCHED_NO_CTX;
}

void sched_tick(uint64_t now)
{
    for (unsigned e = 0; e < ENG_COUNT; e++) {
        struct sched_engine *g = &sched.eng[e];
        if (g->in_reset || g->current == SCHED_NO_CTX)
            continue;
        const struct sched_ctx *cur = &sched.ctx[g->current];
        if (g->stopping) {
            if (!g->timeout_reported && now - g->stop_sent_at >= SCHED_PREEMPT_TIMEOUT_CYCLES) {
                g->timeout_reported = 1;
                post(SGPU_EVENT_GPU_ENGINE_TIMEOUT, 0, g->current, e, 0, 0, 0);
            }
            continue;
        }
        if (g->preempt_at && now >= g->preempt_at) {
            g->preempt_at = 0;
            if (ready_at_least(e, cur->band + 1u)) {
                stop(e);
                continue;
            }
        }
        if (!g->slice_over && now >= g->slice_end) {
            /* retry the waiting contexts: they compete for the next slice */
            for (ctx_set waiting = sched.waiting[e]; waiting; waiting &= waiting - 1)
                make_ready(lowest_bit(waiting));
            if (ready_at_least(e, cur->band))
                stop(e);
            else
                g->slice_over = 1;
        }
    }
}

uint64_t sched_next_deadline(void)
{
    uint64_t next = UINT64_MAX;
    for (unsigned e = 0; e < ENG_COUNT; e++) {
        const struct sched_engine *g = &sched.eng[e];
        if (g->in_reset || g->current == SCHED_NO_CTX)
            continue;
        if (g->stopping) {
            if (!g->timeout_reported && g->stop_sent_at + SCHED_PREEMPT_TIMEOUT_CYCLES < next)
                next = g->stop_sent_at + SCHED_PREEMPT_TIMEOUT_CYCLES;
            continue;
        }
        if (g->preempt_at && g->preempt_at < next)
            next = g->preempt_at;
        if (!g->slice_over && g->slice_end < next)
            next = g->slice_end;
    }
    return next;
}

/* CP.CYCLES: the device's clock, which the host reads too (mtime restarts with the core). */
static uint64_t device_cycles(void)
{
    uint32_t lo = hal_read32(SGPU_CP_CYCLES_LO_ADDR); /* latches HI */
    return ((uint64_t)hal_read32(SGPU_CP_CYCLES_HI_ADDR) << 32) | lo;
}

/* Write the first n suspend fences a context owes, oldest first, each with its event (aux:
 * the device cycle the fence write was done, for the host's latency measurements). */
static void flush_acks(unsigned id, unsigned n)
{
    struct sched_ctx *c = &sched.ctx[id];
    for (unsigned i = 0; i < n; i++) {
        hostmem_write64(c->acks[i].fence_addr, c->acks[i].value);
        post(SGPU_EVENT_SUSPEND_CONTEXT_COMPLETED, 0, id, c->engine, 0, c->acks[i].value,
             device_cycles());
    }
    c->nacks = (uint8_t)(c->nacks - n);
    memmove(c->acks, c->acks + n, c->nacks * sizeof c->acks[0]);
    if (c->nacks == 0)
        sched.acks_owed &= ~bit_of(id);
}

uint32_t sched_log_state(const struct sched_ctx *c)
{
    switch (c->state) {
    case CTX_RUNNING:
        return SGPU_CTX_STATE_RUNNING;
    case CTX_READY:
    case CTX_WAITING:
        return SGPU_CTX_STATE_READY;
    default:
        return SGPU_CTX_STATE_IDLE;
    }
}

static void __attribute__((noinline)) background_of(ctx_set todo)
{
    for (; todo; todo &= todo - 1) {
        unsigned id = lowest_bit(todo);
        struct sched_ctx *c = &sched.ctx[id];
        if (c->nacks && c->state != CTX_RUNNING)
            flush_acks(id, c->nacks);
        if (c->state == CTX_FREE || !schedlog_active(c->engine))
            continue;
        uint32_t now_state = sched_log_state(c);
        if (now_state != c->logged_state) {
            c->logged_state = (uint8_t)now_state;
            schedlog_record(c->engine, id, now_state);
        }
    }
}

/* Only the contexts that owe acknowledgements or changed state can have anything to do, and
 * mostly none has: that costs a few instructions, not a pass over every context. */
void sched_background(void)
{
    ctx_set todo = sched.acks_owed | sched.state_changed;
    if (todo) {
        sched.state_changed = 0; /* nothing background_of does changes a state */
        background_of(todo);
    }
}

void sched_log_restart(unsigned e)
{
    for (unsigned id = 0; id < sched.ctx_count; id++) {
        if (sched.ctx[id].engine == e) {
            sched.ctx[id].logged_state = 0xFF; /* no state: the next look records it */
            sched.state_changed |= bit_of(id);
        }
    }
}

/* --- Control operations. */

uint32_t sched_create(uint32_t id, unsigned engine, unsigned band, uint64_t progress_fence)
{
    struct sched_ctx *c = &sched.ctx[id];
    if (c->state != CTX_FREE)
        return SGPU_CTRL_STATUS_CONTEXT_EXISTS;
    memset(c, 0, sizeof *c);
    c->engine = (uint8_t)engine;
    c->band = (uint8_t)band;
    c->progress_fence = progress_fence;
    c->logged_state = SGPU_CTX_STATE_IDLE;
    sched.acks_owed &= ~bit_of(id);
    stats_clear(id);
    set_state(id, CTX_IDLE);
    return SGPU_CTRL_STATUS_OK;
}

/* Take the running context of engine e off it now: STOP and wait, RESET if it will not stop.
 * The context's stop is handled as usual (it ends up off the engine). */
static void stop_now(unsigned e)
{
    struct sched_engine *g = &sched.eng[e];
    if (!g->stopping)
        stop(e);
    uint32_t status = eng_wait_idle(e, SCHED_SYNC_STOP_CYCLES);
    if (ENG_STATE(status) != SGPU_ENG_STATUS_STATE_IDLE) {
        post_fence_irq(e);
        stats_account(e, g->current, stats_sample(e)); /* the reset clears the counters */
        eng_reset(e);
        status = eng_wait_idle(e, SCHED_SYNC_STOP_CYCLES);
        stats_rebase(e);
    }
    if (ENG_STATE(status) != SGPU_ENG_STATUS_STATE_IDLE) {
        /* wedged: nothing runs there until the host resets and resumes it */
        post(SGPU_EVENT_GPU_ENGINE_TIMEOUT, SGPU_EVENT_FLAG_ENGINE_RESET_REQUIRED, g->current,
             e, 0, 0, 0);
        set_state(g->current, CTX_SUSPENDED);
        g->current = SCHED_NO_CTX;
        g->stopping = 0;
        g->in_reset = 1;
        return;
    }
    sched_engine_irq(e);
}

uint32_t sched_destroy(uint32_t id)
{
    struct sched_ctx *c = &sched.ctx[id];
    if (c->state == CTX_RUNNING) {
        c->suspend_wanted = 1; /* so that its stop does not run it again */
        stop_now(c->engine);
    }
    flush_acks(id, c->nacks); /* a host waiting for a suspend fence gets it */
    unsigned e = c->engine;
    set_state(id, CTX_FREE);
    memset(c, 0, sizeof *c);
    stats_clear(id);
    hal_write32(SGPU_CP_DB_CLEAR_ADDR, 1u << id);
    schedule(e);
    return SGPU_CTRL_STATUS_OK;
}

uint32_t sched_suspend(uint32_t id, uint64_t fence_addr, uint64_t value)
{
    struct sched_ctx *c = &sched.ctx[id];
    if (c->suspended_once && value <= c->last_suspend_value)
        return SGPU_CTRL_STATUS_BAD_ARGUMENT; /* values increase per context */
    if (c->state == CTX_RUNNING && !sched.eng[c->engine].stopping)
        stop(c->engine); /* first, as the latency counts: no grace period */
    c->last_suspend_value = value;
    c->suspended_once = 1;
    if (c->state == CTX_SUSPENDED) {
        /* already suspended: SUCCESS, and the fence still ends at the latest value */
        hostmem_write64(fence_addr, value);
        return SGPU_CTRL_STATUS_OK;
    }
    unsigned slot = c->nacks < SCHED_SUSPEND_ACKS ? c->nacks++ : SCHED_SUSPEND_ACKS - 1u;
    c->acks[slot] = (struct suspend_ack){fence_addr, value};
    sched.acks_owed |= bit_of(id);
    if (c->state == CTX_ERROR)
        return SGPU_CTRL_STATUS_PENDING; /* never runs again: acknowledged at once */
    c->suspend_wanted = 1;
    if (c->state != CTX_RUNNING)
        set_state(id, CTX_SUSPENDED); /* acknowledged after the completion (sched_background) */
    return SGPU_CTRL_STATUS_PENDING;
}

uint32_t sched_resume(uint32_t id)
{
    struct sched_ctx *c = &sched.ctx[id];
    if (c->state == CTX_ERROR)
        return SGPU_CTRL_STATUS_BAD_STATE;
    c->suspend_wanted = 0;
    if (c->state == CTX_SUSPENDED) {
        if (ctx_tail(id) != c->head) {
            make_ready(id);
            consider(c->engine, c);
        } else {
            set_state(id, CTX_IDLE);
        }
    }
    /* a context still stopping for its suspend just runs on once it has stopped */
    return SGPU_CTRL_STATUS_OK;
}

/* Invalidate context id, hurt by a reset of engine e: never runs again; CONTEXT_RESET says
 * whether it caused the hang. Suspend fences it owes are written by the background pass. */
static void invalidate(unsigned id, unsigned e, int collateral)
{
    struct sched_ctx *c = &sched.ctx[id];
    uint64_t progress = 0;
    set_state(id, CTX_ERROR);
    c->partial = 0;
    if (c->progress_fence)
        hostmem_read64(c->progress_fence, &progress);
    post(SGPU_EVENT_CONTEXT_RESET, collateral ? SGPU_EVENT_FLAG_COLLATERAL_DAMAGE : 0, id, e, 0,
         progress, 0);
}

uint32_t sched_reset_engine(unsigned e, uint32_t guilty)
{
    struct sched_engine *g = &sched.eng[e];
    if (g->reset_done)
        return SGPU_CTRL_STATUS_BAD_STATE; /* reset and not resumed: nothing done */
    if (guilty != SGPU_PROTO_CONTEXT_NONE &&
        (guilty >= sched.ctx_count || sched.ctx[guilty].state == CTX_FREE ||
         sched.ctx[guilty].engine != e))
        return SGPU_CTRL_STATUS_BAD_CONTEXT; /* nothing done */
    unsigned id = g->current;
    g->in_reset = 1;
    post_fence_irq(e); /* the reset clears IRQ: a fence signalled before it is reported */
    struct stats_sample before = stats_sample(e); /* the reset clears the counters */
    eng_reset(e);
    stats_account(e, id, before); /* while the engine drains: off the latency path */
    uint32_t status = eng_wait_idle(e, SCHED_SYNC_STOP_CYCLES);
    stats_rebase(e);
    int ok = ENG_STATE(status) == SGPU_ENG_STATUS_STATE_IDLE &&
             ENG_STOP_REASON(status) == SGPU_ENG_STATUS_STOP_REASON_RESET;
    g->reset_done = (uint8_t)ok; /* a failed one may be tried again */
    eng_irq_clear(e, eng_irq(e)); /* its STOPPED: this reset, handled here */
    g->current = SCHED_NO_CTX;
    g->stopping = 0;
    g->poll_wait = 0;
    g->preempt_at = 0;
    /* The context on the engine lost what it was doing; a guilty one named by the host is
     * invalidated wherever it is (unless already in error). Others keep their state: a
     * context off the engine has it in its ring and save area. */
    if (id != SCHED_NO_CTX)
        invalidate(id, e, guilty != SGPU_PROTO_CONTEXT_NONE && guilty != id);
    if (guilty != SGPU_PROTO_CONTEXT_NONE && guilty != id &&
        sched.ctx[guilty].state != CTX_ERROR)
        invalidate(guilty, e, 0);
    return ok ? SGPU_CTRL_STATUS_OK : SGPU_CTRL_STATUS_RESET_FAILED;
}

uint32_t sched_resume_engine(unsigned e)
{
    if (!sched.eng[e].in_reset)
        return SGPU_CTRL_STATUS_BAD_STATE;
    sched.eng[e].in_reset = 0;
    sched.eng[e].reset_done = 0;
    stats_eng_dirty |= 1u << e;
    schedule(e);
    return SGPU_CTRL_STATUS_OK;
}

uint32_t sched_set_properties(uint32_t id, unsigned band, unsigned realtime_level,
                              int in_process_priority, uint32_t quantum_100ns,
                              uint32_t grace_same, uint32_t grace_lower)
{
    struct sched_ctx *c = &sched.ctx[id];
    c->band = (uint8_t)band;
    c->realtime_level = (uint8_t)realtime_level;
    c->in_process_priority = (int8_t)in_process_priority;
    c->quantum = quantum_100ns ? sched_cycles(quantum_100ns) : 0;
    if (quantum_100ns && c->quantum == 0)
        c->quantum = 1;
    c->grace_same = grace_same;
    c->grace_lower = grace_lower;
    if (c->state == CTX_READY)
        consider(c->engine, c); /* a raised band may now preempt */
    return SGPU_CTRL_STATUS_OK;
}

void sched_set_band(unsigned band, uint32_t grace_100ns, uint32_t quantum_100ns,
                    uint32_t process_grace_100ns)
{
    struct sched_band *b = &sched.band[band];
    b->grace = sched_cycles(grace_100ns);
    b->quantum = sched_cycles(quantum_100ns ? quantum_100ns : SCHED_DEFAULT_QUANTUM_100NS);
    if (b->quantum == 0)
        b->quantum = 1;
    b->process_grace = process_grace_100ns;
}
