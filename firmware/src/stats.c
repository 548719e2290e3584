/* stats.c: activity accounting and the STATS block (see stats.h). */
/* SPDX-License-Identifier: Apache-2.0 */
#include <stddef.h>
#include <string.h>

#include "hal.h"
#include "sgpu_protocol.h"
#include "stats.h"

struct stats_ctx stats_ctx[SCHED_MAX_CTX];
struct stats_eng stats_eng[ENG_COUNT];
uint32_t stats_eng_dirty;
uint64_t stats_next_refresh;

/* The scheduler's states are the record's (STATS_STATE), written as they are. */
_Static_assert((int)CTX_FREE == (int)SGPU_STATS_STATE_FREE && (int)CTX_IDLE == (int)SGPU_STATS_STATE_IDLE &&
                   (int)CTX_READY == (int)SGPU_STATS_STATE_READY &&
                   (int)CTX_RUNNING == (int)SGPU_STATS_STATE_RUNNING &&
                   (int)CTX_WAITING == (int)SGPU_STATS_STATE_WAITING &&
                   (int)CTX_SUSPENDED == (int)SGPU_STATS_STATE_SUSPENDED &&
                   (int)CTX_ERROR == (int)SGPU_STATS_STATE_ERROR,
               "enum ctx_state is STATS_STATE");
_Static_assert(sizeof(struct stats_ctx) == 32, "indexed by a shift");
_Static_assert(SGPU_PROTO_STATS_ENG_OFFSET >= SCHED_MAX_CTX * SGPU_PROTO_STATS_RECORD_BYTES &&
                   SGPU_PROTO_STATS_HEADER_OFFSET >=
                       SGPU_PROTO_STATS_ENG_OFFSET + ENG_COUNT * SGPU_PROTO_STATS_RECORD_BYTES &&
                   SGPU_PROTO_STATS_HEADER_OFFSET + SGPU_PROTO_STATS_RECORD_BYTES <=
                       SGPU_STATS_SIZE,
               "the records fit the STATS block");

#define CTX_RECORD(id) \
    (SGPU_STATS_CORE_BASE + SGPU_PROTO_STATS_CTX_OFFSET + (id) * SGPU_PROTO_STATS_RECORD_BYTES)
#define ENG_RECORD(e) \
    (SGPU_STATS_CORE_BASE + SGPU_PROTO_STATS_ENG_OFFSET + (e) * SGPU_PROTO_STATS_RECORD_BYTES)
#define HEADER (SGPU_STATS_CORE_BASE + SGPU_PROTO_STATS_HEADER_OFFSET)

static int publish_eng(unsigned e, int may_stop);

static uint64_t device_cycles(void)
{
    uint32_t lo = hal_read32(SGPU_CP_CYCLES_LO_ADDR); /* latches HI */
    return ((uint64_t)hal_read32(SGPU_CP_CYCLES_HI_ADDR) << 32) | lo;
}

static void write64(uint32_t addr, uint64_t v)
{
    hal_write32(addr, (uint32_t)v);
    hal_write32(addr + 4u, (uint32_t)(v >> 32));
}

void stats_init(void)
{
    memset(stats_ctx, 0, sizeof stats_ctx);
    memset(stats_eng, 0, sizeof stats_eng);
    for (uint32_t off = 0; off < SGPU_STATS_SIZE; off += 4u)
        hal_write32(SGPU_STATS_CORE_BASE + off, 0);
    for (unsigned e = 0; e < ENG_COUNT; e++)
        stats_rebase(e);
    for (unsigned e = 0; e < ENG_COUNT; e++)
        publish_eng(e, 0); /* whole, whatever is pending: the loop has not started */
    stats_eng_dirty = 0;
    stats_next_refresh = hal_mtime() + SGPU_PROTO_STATS_REFRESH_CYCLES;
    /* The header last: a reader that sees the magic sees cleared records. */
    hal_write32(HEADER + offsetof(struct sgpu_stats_header, layout), SGPU_PROTO_STATS_LAYOUT);
    hal_write32(HEADER + offsetof(struct sgpu_stats_header, contexts), sched.ctx_count);
    hal_write32(HEADER + offsetof(struct sgpu_stats_header, engines), ENG_COUNT);
    write64(HEADER + offsetof(struct sgpu_stats_header, boot_cycle), device_cycles());
    hal_write32(HEADER + offsetof(struct sgpu_stats_header, magic), SGPU_PROTO_STATS_MAGIC);
}

void stats_account(unsigned e, unsigned id, struct stats_sample s)
{
    struct stats_eng *g = &stats_eng[e];
    uint32_t busy = s.busy - g->seen_busy; /* the counters wrap: differences do not */
    uint32_t commands = s.commands - g->seen_commands;
    g->seen_busy = s.busy;
    g->seen_commands = s.commands;
    g->busy += busy;
    g->commands += commands;
    stats_eng_dirty |= 1u << e;
    if (id < SCHED_MAX_CTX) {
        stats_ctx[id].busy += busy;
        stats_ctx[id].commands += commands;
        sched.stats_dirty |= (ctx_set)1 << id;
    }
}

void stats_rebase(unsigned e)
{
    struct stats_sample s = stats_sample(e);
    stats_eng[e].seen_busy = s.busy;
    stats_eng[e].seen_commands = s.commands;
    stats_eng_dirty |= 1u << e;
}

void stats_clear(unsigned id)
{
    uint32_t seq = stats_ctx[id].seq;
    memset(&stats_ctx[id], 0, sizeof stats_ctx[id]);
    stats_ctx[id].seq = seq;
    sched.stats_dirty |= (ctx_set)1 << id;
}

uint64_t stats_refresh(uint64_t now)
{
    for (unsigned e = 0; e < ENG_COUNT; e++) {
        unsigned id = sched.eng[e].current;
        if (id != SCHED_NO_CTX && !sched.eng[e].in_reset)
            stats_account(e, id, stats_sample(e));
    }
    stats_next_refresh = now + SGPU_PROTO_STATS_REFRESH_CYCLES;
    return stats_next_refresh;
}

/* Whether the loop has something more urgent (a doorbell, a control frame, an engine): a
 * record half written then waits, its sequence word odd, and is written again whole. */
static int interrupted(void)
{
    return (hal_irq_pending() & HAL_IRQ_EXTERNAL) != 0;
}

/* Make the sequence word odd (it stays odd from an interrupted write). */
static void begin(uint32_t addr, uint32_t *seq)
{
    if (!(*seq & 1u))
        hal_write32(addr, ++*seq);
}

/* One record: seq odd, the words, seq even again; 0 if interrupted halfway (may_stop). */
static int publish_ctx(unsigned id, int may_stop)
{
    struct stats_ctx *s = &stats_ctx[id];
    const struct sched_ctx *c = &sched.ctx[id];
    uint32_t base = CTX_RECORD(id);
    begin(base + offsetof(struct sgpu_stats_ctx, seq), &s->seq);
    if (c->state == CTX_FREE) {
        for (uint32_t off = 4; off < SGPU_PROTO_STATS_RECORD_BYTES; off += 4u)
            hal_write32(base + off, 0);
    } else {
        hal_write32(base + offsetof(struct sgpu_stats_ctx, state),
                    c->state | (uint32_t)c->engine << 8 | (uint32_t)c->band << 16);
        write64(base + offsetof(struct sgpu_stats_ctx, busy_cycles), s->busy);
        if (may_stop && interrupted())
            return 0;
        hal_write32(base + offsetof(struct sgpu_stats_ctx, commands), s->commands);
        hal_write32(base + offsetof(struct sgpu_stats_ctx, submissions), s->submissions);
        hal_write32(base + offsetof(struct sgpu_stats_ctx, preemptions), s->preemptions);
        hal_write32(base + offsetof(struct sgpu_stats_ctx, starts), s->starts);
    }
    hal_write32(base + offsetof(struct sgpu_stats_ctx, seq), ++s->seq);
    return 1;
}

static int publish_eng(unsigned e, int may_stop)
{
    struct stats_eng *g = &stats_eng[e];
    const struct sched_engine *s = &sched.eng[e];
    uint32_t base = ENG_RECORD(e);
    begin(base + offsetof(struct sgpu_stats_eng, seq), &g->seq);
    hal_write32(base + offsetof(struct sgpu_stats_eng, current),
                s->current | (uint32_t)(s->in_reset ? 1u : 0u) << 8);
    write64(base + offsetof(struct sgpu_stats_eng, busy_cycles), g->busy);
    if (may_stop && interrupted())
        return 0;
    hal_write32(base + offsetof(struct sgpu_stats_eng, commands), g->commands);
    write64(base + offsetof(struct sgpu_stats_eng, cycles), device_cycles());
    hal_write32(base + offsetof(struct sgpu_stats_eng, seq), ++g->seq);
    return 1;
}

int stats_publish(void)
{
    while (sched.stats_dirty) {
        unsigned id = (unsigned)__builtin_ctz(sched.stats_dirty);
        if (!publish_ctx(id, 1))
            return 1;
        sched.stats_dirty &= ~((ctx_set)1 << id);
        if (interrupted())
            return 1;
    }
    while (stats_eng_dirty) {
        unsigned e = (unsigned)__builtin_ctz(stats_eng_dirty);
        if (!publish_eng(e, 1))
            return 1;
        stats_eng_dirty &= ~(1u << e);
        if (interrupted())
            return 1;
    }
    return 0;
}
