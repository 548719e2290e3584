/* ctrl.c: the control ring consumer (see ctrl.h and docs/protocol.md). */
/* SPDX-License-Identifier: Apache-2.0 */
#include <stddef.h>
#include <string.h>

#include "ctrl.h"
#include "engine.h"
#include "events.h"
#include "hal.h"
#include "heartbeat.h"
#include "hostmem.h"
#include "schedlog.h"
#include "sched.h"

struct ctrl_stats ctrl_stats;

/* Our tail. The descriptor's is adopted when CTRL_DESC moves, or when it differs from the
 * tail we last published (a driver set the ring up afresh, perhaps at the same address);
 * not when our last tail write failed, so that a lost write never runs a frame twice. */
static uint64_t ring_desc;
static uint32_t ring_tail;
static uint8_t tail_published;
static uint32_t published_tail; /* the tail last written (or found) in the descriptor */
/* The descriptor's base and entries as last read; with head_in_doorbell (RING_FLAG) the head
 * comes from CP.CTRL_HEAD and the descriptor is read again only after ctrl_ring_changed. */
static uint64_t ring_base;
static uint32_t ring_entries;
static uint8_t head_in_doorbell;

void ctrl_init(void)
{
    memset(&ctrl_stats, 0, sizeof ctrl_stats);
    ring_desc = 0;
    ring_tail = 0;
    tail_published = 0;
    published_tail = 0;
    ring_base = 0;
    ring_entries = 0;
    head_in_doorbell = 0;
}

void ctrl_ring_changed(void)
{
    head_in_doorbell = 0;
}

/* --- Field checks. */

/* Reserved bytes are zero: bytes [off, off + n) of a frame. Offsets and sizes are constants
 * and a frame is 8-byte aligned, so this unrolls into a few word loads and ORs (a byte loop
 * cost ~4 cycles a byte; a word loop of RESUME_ENGINE's 38 bytes still ~60 cycles). */
typedef uint32_t __attribute__((may_alias)) word_alias;
static inline __attribute__((always_inline)) int all_zero(const void *frame, size_t off, size_t n)
{
    const uint8_t *base = __builtin_assume_aligned(frame, 8);
    uint32_t any = 0;
    size_t i = off;
    for (; i < off + n && (i & 3u); i++)
        any |= base[i];
#pragma GCC unroll 16
    for (; i + 4u <= off + n; i += 4u)
        any |= *(const word_alias *)(const void *)(base + i);
    for (; i < off + n; i++)
        any |= base[i];
    return any == 0;
}
/* A reserved field of the frame that `f` (in scope) points at: every frame struct starts at
 * the frame's first byte. */
#define RESERVED_OK(field)                                                                     \
    all_zero((f), (size_t)((const uint8_t *)(field) - (const uint8_t *)(f)), sizeof(field))

static int aligned(uint64_t addr, uint64_t to) { return (addr & (to - 1u)) == 0; }
static int power_of_two(uint32_t v) { return v && !(v & (v - 1u)); }

/* A (node, engine) pair names engine `node`: each node has one engine, ordinal 0. */
static int engine_ok(unsigned node, unsigned engine)
{
    return node < ENG_COUNT && engine == 0;
}

static uint32_t context_status(uint32_t id)
{
    return sched_ctx_live(id) ? SGPU_CTRL_STATUS_OK : SGPU_CTRL_STATUS_BAD_CONTEXT;
}

/* --- Opcodes. */

static uint32_t op_create(const struct sgpu_ctrl_create_context *f)
{
    if (!RESERVED_OK(f->rsvd44) || (f->flags & ~SGPU_CTX_FLAG_ALL))
        return SGPU_CTRL_STATUS_BAD_FRAME;
    if (f->ctx_id >= sched.ctx_count)
        return SGPU_CTRL_STATUS_BAD_CONTEXT;
    if (sched_ctx_live(f->ctx_id))
        return SGPU_CTRL_STATUS_CONTEXT_EXISTS;
    if (!engine_ok(f->node, f->engine))
        return SGPU_CTRL_STATUS_BAD_ENGINE;
    if (f->band > SGPU_BAND_REALTIME || !power_of_two(f->ring_bytes) ||
        f->ring_bytes < SGPU_PROTO_RING_MIN_BYTES || f->ring_bytes > SGPU_PROTO_RING_MAX_BYTES ||
        !aligned(f->ring_addr, f->ring_bytes) || f->progress_fence_addr == 0 ||
        !aligned(f->progress_fence_addr, 8u) || !aligned(f->save_area_addr, 64u))
        return SGPU_CTRL_STATUS_BAD_ARGUMENT;

    uint32_t id = f->ctx_id;
    hal_write32(SGPU_CTX_RING_BASE_LO_ADDR_I(id), (uint32_t)f->ring_addr);
    hal_write32(SGPU_CTX_RING_BASE_HI_ADDR_I(id), (uint32_t)(f->ring_addr >> 32));
    hal_write32(SGPU_CTX_RING_SIZE_ADDR_I(id), f->ring_bytes);
    hal_write32(SGPU_CTX_ENGINE_ADDR_I(id), f->node);
    hal_write32(SGPU_CTX_FENCE_ADDR_LO_ADDR_I(id), (uint32_t)f->progress_fence_addr);
    hal_write32(SGPU_CTX_FENCE_ADDR_HI_ADDR_I(id), (uint32_t)(f->progress_fence_addr >> 32));
    hal_write32(SGPU_CTX_SAVE_ADDR_LO_ADDR_I(id), (uint32_t)f->save_area_addr);
    hal_write32(SGPU_CTX_SAVE_ADDR_HI_ADDR_I(id), (uint32_t)(f->save_area_addr >> 32));
    /* A new ring starts at offset 0: TAIL back to 0 (a firmware doorbell), then forget that
     * doorbell and any stale one left by the id's previous owner. */
    hal_write32(SGPU_CTX_DOORBELL_ADDR_I(id), 0);
    hal_write32(SGPU_CP_DB_CLEAR_ADDR, 1u << id);
    return sched_create(id, f->node, f->band, f->progress_fence_addr);
}

static uint32_t op_destroy(const struct sgpu_ctrl_destroy_context *f)
{
    if (!RESERVED_OK(f->rsvd28))
        return SGPU_CTRL_STATUS_BAD_FRAME;
    uint32_t st = context_status(f->ctx_id);
    return st ? st : sched_destroy(f->ctx_id);
}

static uint32_t op_suspend(const struct sgpu_ctrl_suspend_context *f)
{
    if (!RESERVED_OK(f->rsvd28) || !RESERVED_OK(f->rsvd48))
        return SGPU_CTRL_STATUS_BAD_FRAME;
    uint32_t st = context_status(f->ctx_id);
    if (st)
        return st;
    if (f->suspend_fence_addr == 0 || !aligned(f->suspend_fence_addr, 8u))
        return SGPU_CTRL_STATUS_BAD_ARGUMENT;
    return sched_suspend(f->ctx_id, f->suspend_fence_addr, f->suspend_fence_value);
}

static uint32_t op_resume(const struct sgpu_ctrl_resume_context *f)
{
    if (!RESERVED_OK(f->rsvd28))
        return SGPU_CTRL_STATUS_BAD_FRAME;
    uint32_t st = context_status(f->ctx_id);
    return st ? st : sched_resume(f->ctx_id);
}

static uint32_t op_reset_engine(const struct sgpu_ctrl_reset_engine *f)
{
    int named = (f->flags & SGPU_RESET_FLAG_GUILTY) != 0;
    if (!RESERVED_OK(f->rsvd27) || !RESERVED_OK(f->rsvd32) ||
        (f->flags & ~SGPU_RESET_FLAG_ALL) || (!named && f->guilty_ctx_id != 0))
        return SGPU_CTRL_STATUS_BAD_FRAME;
    if (!engine_ok(f->node, f->engine))
        return SGPU_CTRL_STATUS_BAD_ENGINE;
    return sched_reset_engine(f->node, named ? f->guilty_ctx_id : SGPU_PROTO_CONTEXT_NONE);
}

static uint32_t op_resume_engine(const struct sgpu_ctrl_resume_engine *f)
{
    if (!RESERVED_OK(f->rsvd26))
        return SGPU_CTRL_STATUS_BAD_FRAME;
    if (!engine_ok(f->node, f->engine))
        return SGPU_CTRL_STATUS_BAD_ENGINE;
    return sched_resume_engine(f->node);
}

static uint32_t op_set_properties(const struct sgpu_ctrl_set_context_properties *f)
{
    if (!RESERVED_OK(f->rsvd31) || !RESERVED_OK(f->rsvd44))
        return SGPU_CTRL_STATUS_BAD_FRAME;
    uint32_t st = context_status(f->ctx_id);
    if (st)
        return st;
    if (f->band > SGPU_BAND_REALTIME || f->realtime_level > 31u ||
        f->in_process_priority < -7 || f->in_process_priority > 7)
        return SGPU_CTRL_STATUS_BAD_ARGUMENT;
    return sched_set_properties(f->ctx_id, f->band, f->realtime_level, f->in_process_priority,
                                f->quantum, f->grace_same, f->grace_lower);
}

static uint32_t op_set_bands(const struct sgpu_ctrl_set_priority_bands *f)
{
    if (!RESERVED_OK(f->rsvd26) || !RESERVED_OK(f->rsvd40))
        return SGPU_CTRL_STATUS_BAD_FRAME;
    if (f->band > SGPU_BAND_REALTIME)
        return SGPU_CTRL_STATUS_BAD_ARGUMENT;
    if (f->band == SGPU_BAND_NORMAL) {
        if (f->target_normal_pct > 50u)
            return SGPU_CTRL_STATUS_BAD_ARGUMENT;
        sched.target_normal_pct = f->target_normal_pct;
    }
    sched_set_band(f->band, f->grace_for_band, f->process_quantum, f->process_grace);
    return SGPU_CTRL_STATUS_OK;
}

static uint32_t op_set_log(const struct sgpu_ctrl_set_log_buffer *f)
{
    if (!RESERVED_OK(f->rsvd26) || !RESERVED_OK(f->rsvd44))
        return SGPU_CTRL_STATUS_BAD_FRAME;
    if (!engine_ok(f->node, f->engine))
        return SGPU_CTRL_STATUS_BAD_ENGINE;
    if (f->buffer_addr &&
        (!aligned(f->buffer_addr, 32u) || f->entries == 0 || f->interrupt_entry >= f->entries))
        return SGPU_CTRL_STATUS_BAD_ARGUMENT;
    if (schedlog_set(f->node, f->buffer_addr, f->entries, f->interrupt_entry) != 0)
        return SGPU_CTRL_STATUS_BAD_ARGUMENT; /* the header could not be written there */
    sched_log_restart(f->node); /* every context of the engine, from its current state on */
    return SGPU_CTRL_STATUS_OK;
}

/* The adapter's compute preemption granularity: the coarsest over the compute engines. */
static uint16_t compute_preemption(void)
{
    uint16_t level = SGPU_PREEMPTION_SHADER_BOUNDARY;
    unsigned e = SGPU_NODE_COMPUTE; /* node n is engine n; one compute engine */
    uint32_t caps = hal_read32(SGPU_ENG_CAPS_ADDR_I(e));
    if ((caps & SGPU_ENG_CAPS_PREEMPTION_MASK) >> SGPU_ENG_CAPS_PREEMPTION_SHIFT !=
        SGPU_ENG_CAPS_PREEMPTION_INSTRUCTION)
        level = SGPU_PREEMPTION_DISPATCH_BOUNDARY; /* stops between commands only */
    return level;
}

/* An engine's progress value: ENG.COMMANDS (node n is engine n). */
static uint32_t engine_commands(unsigned node)
{
    return node < ENG_COUNT ? hal_read32(SGPU_ENG_COMMANDS_ADDR_I(node)) : 0;
}

static uint32_t op_query(const struct sgpu_ctrl_query_status *f, int same_major)
{
    if (same_major && !RESERVED_OK(f->rsvd32))
        return SGPU_CTRL_STATUS_BAD_FRAME;
    if (f->result_addr == 0 || !aligned(f->result_addr, 8u))
        return SGPU_CTRL_STATUS_BAD_ARGUMENT;
    struct sgpu_status s = {
        .version_major = SGPU_PROTO_VERSION_MAJOR,
        .version_minor = SGPU_PROTO_VERSION_MINOR,
        .max_contexts = sched.ctx_count,
        .frames_done = ctrl_stats.frames_done,
        .events_posted = events_posted(),
        .events_lost = events_lost(),
        .uptime_cycles = hal_mtime(),
        .compute_preemption = compute_preemption(),
        .heartbeats = heartbeat_count(),
        .copy_commands = engine_commands(SGPU_NODE_COPY),
        .compute_commands = engine_commands(SGPU_NODE_COMPUTE),
    };
    uint64_t now = s.uptime_cycles;
    for (unsigned e = 0; e < ENG_COUNT; e++) {
        const struct sched_engine *g = &sched.eng[e];
        uint32_t bit = 1u << (e * 8u); /* node e, engine 0 */
        s.engines_present |= bit;
        if (!g->in_reset)
            s.engines_running |= bit;
        /* responsive unless it sits on a STOP past the preemption timeout */
        if (!g->in_reset &&
            !(g->stopping && now - g->stop_sent_at >= SCHED_PREEMPT_TIMEOUT_CYCLES))
            s.engines_responsive |= bit;
    }
    for (unsigned id = 0; id < sched.ctx_count; id++) {
        if (sched.ctx[id].state == CTX_FREE)
            continue;
        s.contexts_live++;
        if (sched.ctx[id].state == CTX_ERROR)
            s.contexts_in_error++;
    }
    return hostmem_write(f->result_addr, &s, sizeof s) == 0 ? SGPU_CTRL_STATUS_OK
                                                          : SGPU_CTRL_STATUS_BAD_ARGUMENT;
}

uint32_t ctrl_execute(const union sgpu_ctrl_frame *f)
{
    const struct sgpu_ctrl_hdr *h = &f->hdr;
    int same_major = h->version == SGPU_PROTO_VERSION_MAJOR;
    if (!same_major && h->opcode != SGPU_CTRL_OP_QUERY_STATUS)
        return SGPU_CTRL_STATUS_BAD_VERSION;
    if (h->size != SGPU_PROTO_CTRL_FRAME_BYTES || !RESERVED_OK(h->rsvd3))
        return SGPU_CTRL_STATUS_BAD_FRAME;
    switch (h->opcode) {
    case SGPU_CTRL_OP_NOP:
        return RESERVED_OK(f->nop.rsvd24) ? SGPU_CTRL_STATUS_OK : SGPU_CTRL_STATUS_BAD_FRAME;
    case SGPU_CTRL_OP_CREATE_CONTEXT:
        return op_create(&f->create_context);
    case SGPU_CTRL_OP_DESTROY_CONTEXT:
        return op_destroy(&f->destroy_context);
    case SGPU_CTRL_OP_SUSPEND_CONTEXT:
        return op_suspend(&f->suspend_context);
    case SGPU_CTRL_OP_RESUME_CONTEXT:
        return op_resume(&f->resume_context);
    case SGPU_CTRL_OP_RESET_ENGINE:
        return op_reset_engine(&f->reset_engine);
    case SGPU_CTRL_OP_RESUME_ENGINE:
        return op_resume_engine(&f->resume_engine);
    case SGPU_CTRL_OP_SET_CONTEXT_PROPERTIES:
        return op_set_properties(&f->set_context_properties);
    case SGPU_CTRL_OP_SET_PRIORITY_BANDS:
        return op_set_bands(&f->set_priority_bands);
    case SGPU_CTRL_OP_SET_LOG_BUFFER:
        return op_set_log(&f->set_log_buffer);
    case SGPU_CTRL_OP_QUERY_STATUS:
        return op_query(&f->query_status, same_major);
    default:
        return SGPU_CTRL_STATUS_BAD_OPCODE;
    }
}

/* COMPLETION: status and seq first, then value, so that a value seen means a valid status. */
static void complete(const struct sgpu_ctrl_hdr *h, uint32_t status)
{
    if (h->fence_addr == 0)
        return;
    uint64_t status_seq = ((uint64_t)h->seq << 32) | status;
    if (hostmem_write64(h->fence_addr + offsetof(struct sgpu_completion, status), status_seq) ||
        hostmem_write64(h->fence_addr + offsetof(struct sgpu_completion, value), h->fence_value))
        ctrl_stats.completion_failed++;
}

/* The first 40 bytes of RING_DESC: base .. tail. */
#define DESC_READ_BYTES 40u

/* The whole descriptor: base and entries, the head, and whether the head comes with the
 * doorbell from now on. 0 when it is unreadable or malformed. */
static int read_descriptor(uint64_t desc, uint32_t *head)
{
    struct sgpu_ring_desc d;
    if ((desc & 63u) || hostmem_read(desc, &d, DESC_READ_BYTES) != 0 ||
        !power_of_two(d.entries) || d.entry_bytes != SGPU_PROTO_CTRL_FRAME_BYTES ||
        (d.base & 63u) || d.base == 0)
        return 0;
    if (desc != ring_desc || (d.tail != ring_tail && tail_published)) {
        ring_desc = desc;
        ring_tail = d.tail;
        published_tail = d.tail;
    }
    ring_base = d.base;
    ring_entries = d.entries;
    head_in_doorbell = (d.flags & SGPU_RING_FLAG_HEAD_IN_DOORBELL) != 0;
    *head = d.head;
    return 1;
}

/* A control doorbell that rang during the batch, taken now rather than after a pass of the
 * loop: a host that waits for each completion rings for its next frame at once, and the
 * pass would cost that frame a few hundred cycles. Only the fast path (the head in the
 * doorbell, no new ring); CTRL_PENDING is cleared before CTRL_HEAD is read, as in the
 * loop. 1: *head is the doorbell's; 0: no such doorbell; -1: a head no producer could have
 * written, which the next ctrl_serve checks against the descriptor. */
static int doorbell_during_batch(uint32_t *head)
{
    const uint32_t mask = SGPU_CP_CTRL_PENDING_PENDING_MASK | SGPU_CP_CTRL_PENDING_DESC_MASK;
    if (!head_in_doorbell ||
        (hal_read32(SGPU_CP_CTRL_PENDING_ADDR) & mask) != SGPU_CP_CTRL_PENDING_PENDING_MASK)
        return 0;
    hal_write32(SGPU_CP_CTRL_PENDING_ADDR, SGPU_CP_CTRL_PENDING_PENDING_MASK);
    uint32_t h = hal_read32(SGPU_CP_CTRL_HEAD_ADDR);
    if (h - ring_tail > ring_entries)
        return -1;
    *head = h;
    return 1;
}

/* After a batch, a short wait (CTRL_LINGER_POLLS) for the host's next frame. Any interrupt
 * source ends it at once: a control doorbell is then taken here, anything else (a context
 * doorbell, an engine, the timer) goes back to the loop, so nothing else waits for it. */
static int linger(uint32_t *head)
{
    for (unsigned polls = 0; polls < CTRL_LINGER_POLLS; polls++)
        if (hal_irq_pending() & (HAL_IRQ_EXTERNAL | HAL_IRQ_TIMER))
            return doorbell_during_batch(head);
    return 0;
}

/* The tail only tells the host the slots are free, so it is written when a batch catches
 * up or ends, not after each frame: a frame rung for meanwhile does not wait for it. The
 * tail and the reserved word after it. */
static void publish_tail(uint64_t desc)
{
    if (ring_tail == published_tail)
        return;
    tail_published = hostmem_write64(desc + offsetof(struct sgpu_ring_desc, tail), ring_tail) == 0;
    published_tail = ring_tail;
}

int ctrl_serve(void)
{
    uint64_t desc = ((uint64_t)hal_read32(SGPU_CP_CTRL_DESC_HI_ADDR) << 32) |
                    hal_read32(SGPU_CP_CTRL_DESC_LO_ADDR);
    uint32_t head = 0;
    if (desc == 0)
        return 0;
    /* The doorbell's head, when the ring says so: a link round trip less per batch. One no
     * producer could have written (a stray doorbell write) sends us to the descriptor. */
    int fast = head_in_doorbell && desc == ring_desc;
    if (fast) {
        head = hal_read32(SGPU_CP_CTRL_HEAD_ADDR);
        fast = head - ring_tail <= ring_entries;
    }
    if (!fast && !read_descriptor(desc, &head)) {
        ctrl_stats.bad_descriptor++;
        return 0;
    }
    if (head - ring_tail > ring_entries) {
        ctrl_stats.bad_descriptor++; /* a head no producer could have written */
        return 0;
    }
    uint32_t tail = ring_tail;
    int stray = 0; /* a doorbell word no producer could have written, seen in the batch */
    for (unsigned n = 0; n < CTRL_BATCH; n++) {
        if (tail == head) {
            /* caught up: the tail written, then a last look for a doorbell that rang
             * meanwhile (a host waiting for each completion rings during that write) */
            int more = doorbell_during_batch(&head);
            if (!more) {
                publish_tail(desc);
                more = linger(&head);
            }
            stray = more < 0;
            if (more <= 0 || tail == head)
                break;
        }
        union sgpu_ctrl_frame f;
        uint64_t at = ring_base + (uint64_t)(tail & (ring_entries - 1u)) * SGPU_PROTO_CTRL_FRAME_BYTES;
        uint32_t status;
        if (hostmem_read(at, &f, sizeof f) != 0) {
            head = tail; /* unreadable: leave it for the next doorbell rather than guess */
            break;
        }
        status = ctrl_execute(&f);
        complete(&f.hdr, status);
        ctrl_stats.frames_done++;
        /* What this frame set off follows its completion: a stop it asked for that is done
         * already (a WAIT stops at once) is acknowledged now, then the background work. */
        sched_engines();
        sched_background();
        ring_tail = ++tail;
        if (hal_read32(SGPU_CP_DB_PENDING_ADDR))
            break; /* doorbells first: the rest of the batch after them */
    }
    publish_tail(desc);
    return stray || tail != head;
}
