/* ctl.c: the control channel to the firmware (docs/protocol.md): the control ring of 64-byte
 * frames with a completion record per slot, the event ring's memory, the CP registers that
 * point at both, and synchronous calls with their status mapped to result codes. */
/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE
#include <string.h>
#include <time.h>

#include "error.h"
#include "gpu.h"
#include "sgpu_regs.h"
#include "transport.h"

#define CP_REG(name) (SGPU_CP_BAR0_BASE + SGPU_CP_##name##_OFFSET)

#define CTRL_ENTRIES_DEFAULT 64u
#define CTRL_ENTRIES_MAX 1024u
#define EVENT_ENTRIES_DEFAULT 256u
#define EVENT_ENTRIES_MAX 4096u

static const char *const op_names[] = {
    [SGPU_CTRL_OP_NOP] = "NOP",
    [SGPU_CTRL_OP_CREATE_CONTEXT] = "CREATE_CONTEXT",
    [SGPU_CTRL_OP_DESTROY_CONTEXT] = "DESTROY_CONTEXT",
    [SGPU_CTRL_OP_SUSPEND_CONTEXT] = "SUSPEND_CONTEXT",
    [SGPU_CTRL_OP_RESUME_CONTEXT] = "RESUME_CONTEXT",
    [SGPU_CTRL_OP_RESET_ENGINE] = "RESET_ENGINE",
    [SGPU_CTRL_OP_RESUME_ENGINE] = "RESUME_ENGINE",
    [SGPU_CTRL_OP_SET_CONTEXT_PROPERTIES] = "SET_CONTEXT_PROPERTIES",
    [SGPU_CTRL_OP_SET_PRIORITY_BANDS] = "SET_PRIORITY_BANDS",
    [SGPU_CTRL_OP_SET_LOG_BUFFER] = "SET_LOG_BUFFER",
    [SGPU_CTRL_OP_QUERY_STATUS] = "QUERY_STATUS",
};

static const char *op_name(unsigned op)
{
    return op < sizeof op_names / sizeof op_names[0] && op_names[op] ? op_names[op] : "opcode?";
}

/* COMPLETION.status to a result code (documented in sgpu_ctx.h and docs/libsgpu.md). */
static int status_result(struct gpu *g, unsigned op, uint32_t status)
{
    const char *n = op_name(op);
    switch (status) {
    case SGPU_CTRL_STATUS_OK:
        return SGPU_OK;
    case SGPU_CTRL_STATUS_PENDING:
        return SGPU_PENDING;
    case SGPU_CTRL_STATUS_BAD_VERSION:
        return sgpu_fail(SGPU_ERR_VERSION, "%s: the firmware refused protocol major %u", n,
                         SGPU_PROTO_VERSION_MAJOR);
    case SGPU_CTRL_STATUS_BAD_OPCODE:
        return sgpu_fail(SGPU_ERR_UNSUPPORTED, "%s: the firmware does not know this operation", n);
    case SGPU_CTRL_STATUS_BAD_FRAME:
        return sgpu_fail(SGPU_ERR_INVALID, "%s: the firmware refused the frame (a reserved byte "
                         "or flag set)", n);
    case SGPU_CTRL_STATUS_BAD_CONTEXT:
        return sgpu_fail(SGPU_ERR_INVALID, "%s: no such context", n);
    case SGPU_CTRL_STATUS_CONTEXT_EXISTS:
        return sgpu_fail(SGPU_ERR_BUSY, "%s: the context id is in use", n);
    case SGPU_CTRL_STATUS_BAD_ENGINE:
        return sgpu_fail(SGPU_ERR_UNSUPPORTED, "%s: no such node or engine", n);
    case SGPU_CTRL_STATUS_BAD_ARGUMENT:
        return sgpu_fail(SGPU_ERR_INVALID, "%s: a value out of range or misaligned", n);
    case SGPU_CTRL_STATUS_BAD_STATE:
        return sgpu_fail(SGPU_ERR_STATE, "%s: not allowed in the current state", n);
    case SGPU_CTRL_STATUS_NO_RESOURCES:
        return sgpu_fail(SGPU_ERR_NOMEM, "%s: the firmware has no free context or memory", n);
    case SGPU_CTRL_STATUS_RESET_FAILED:
        return gpu_set_lost(g, "an engine did not come out of reset");
    }
    return sgpu_fail(SGPU_ERR_DEVICE, "%s: unknown completion status %u", n, status);
}

/* Sleeps between looks at host memory the device writes: at once at first, then from 1 us
 * up to 100 us. The cap is how late a completion can be noticed, and a host that waits for
 * one before its next frame (engine reset, then resume) adds it to the device's latency: a
 * 1 ms cap cost up to ~240 cycles of a simulated device and 125,000 of a 125 MHz one. */
#define BACKOFF_MAX_NS 100000L
struct backoff {
    unsigned looks;
    long pause_ns;
};

static void backoff_pause(struct backoff *b)
{
    if (++b->looks < 16)
        return;
    if (b->pause_ns == 0)
        b->pause_ns = 1000;
    struct timespec ts = {0, b->pause_ns};
    nanosleep(&ts, NULL);
    if (b->pause_ns < BACKOFF_MAX_NS)
        b->pause_ns *= 2;
}

/* Puts a frame in the ring and publishes the head (no doorbell): *done and *value say where
 * and what its completion will be. */
static int ctl_publish(struct gpu *g, union sgpu_ctrl_frame *f, struct sgpu_completion **done,
                       uint64_t *value, uint64_t deadline)
{
    struct ctl *c = &g->ctl;
    unsigned op = f->hdr.opcode;
    struct backoff b = {0};

    if (g->lost)
        return sgpu_fail(SGPU_ERR_DEVICE_LOST, "%s: the device is lost", op_name(op));
    /* A full ring waits for the firmware to move tail. */
    for (;;) {
        uint32_t tail = __atomic_load_n(&c->ctrl_desc->tail, __ATOMIC_ACQUIRE);
        uint32_t used = c->head - tail;
        if (used > c->entries)
            return gpu_set_lost(g, "the control ring's tail is ahead of its head");
        if (used < c->entries)
            break;
        if (gpu_now_ms() >= deadline)
            return sgpu_fail(SGPU_ERR_TIMEOUT, "%s: the control ring stayed full (%u frames)",
                             op_name(op), c->entries);
        backoff_pause(&b);
    }
    uint32_t slot = c->head & (c->entries - 1);
    *done = &c->completions[slot];
    uint64_t done_bus = c->mem->bus + (uint64_t)((uint8_t *)*done - (uint8_t *)c->mem->cpu);
    /* Every frame's fence value is new, so a late completion of an earlier frame in the
     * same slot is never taken for this one's. */
    *value = ++c->sent;
    f->hdr.version = SGPU_PROTO_VERSION_MAJOR;
    f->hdr.size = SGPU_PROTO_CTRL_FRAME_BYTES;
    f->hdr.rsvd3[0] = 0;
    f->hdr.seq = ++c->seq;
    f->hdr.fence_addr = done_bus;
    f->hdr.fence_value = *value;
    memcpy(c->frames + (size_t)slot * SGPU_PROTO_CTRL_FRAME_BYTES, f, sizeof *f);
    __atomic_store_n(&c->ctrl_desc->head, ++c->head, __ATOMIC_RELEASE);
    return SGPU_OK;
}

/* The control doorbell, with the head just published (RING_FLAG_HEAD_IN_DOORBELL). */
static int ctl_ring(sgpu_dev *dev, struct gpu *g)
{
    return sgpu_write32(dev, CP_REG(CTRL_DOORBELL), g->ctl.head);
}

/* Waits for a published frame's completion and maps its status. */
static int ctl_complete(struct gpu *g, const union sgpu_ctrl_frame *f,
                        struct sgpu_completion *done, uint64_t value, uint32_t *fw_status,
                        uint64_t deadline, unsigned timeout_ms)
{
    unsigned op = f->hdr.opcode;
    struct backoff b = {0};
    while (__atomic_load_n(&done->value, __ATOMIC_ACQUIRE) != value) {
        if (gpu_now_ms() >= deadline)
            return sgpu_fail(SGPU_ERR_TIMEOUT, "%s (seq %u): no completion in %u ms",
                             op_name(op), f->hdr.seq, timeout_ms);
        backoff_pause(&b);
    }
    uint32_t status = done->status;
    if (fw_status)
        *fw_status = status;
    if (done->seq != f->hdr.seq)
        return sgpu_fail(SGPU_ERR_DEVICE, "%s: completion carries seq %u, the frame %u",
                         op_name(op), done->seq, f->hdr.seq);
    return status_result(g, op, status);
}

static int ctl_send(sgpu_dev *dev, struct gpu *g, union sgpu_ctrl_frame *f, uint32_t *fw_status,
                    unsigned timeout_ms)
{
    uint64_t deadline = gpu_now_ms() + gpu_timeout(dev, timeout_ms);
    struct sgpu_completion *done;
    uint64_t value;
    int rc = ctl_publish(g, f, &done, &value, deadline);
    if (!rc)
        rc = ctl_ring(dev, g);
    if (rc)
        return rc;
    return ctl_complete(g, f, done, value, fw_status, deadline, gpu_timeout(dev, timeout_ms));
}

int sgpu_ctl_call_many(sgpu_dev *dev, union sgpu_ctrl_frame *frames, unsigned n, int *results,
                       unsigned timeout_ms)
{
    struct gpu *g;
    if (!dev || !frames || !results || n == 0 || n > 64)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_ctl_call_many: no device, frames or results, or "
                         "not 1 to 64 frames");
    for (unsigned i = 0; i < n; i++)
        if (frames[i].hdr.opcode == 0)
            return sgpu_fail(SGPU_ERR_INVALID, "sgpu_ctl_call_many: frame %u: opcode 0", i);
    int rc = ctl_ensure(dev, &g);
    if (rc)
        return rc;
    struct ctl *c = &g->ctl;
    if (n > c->entries)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_ctl_call_many: %u frames, the control ring has %u "
                         "slots", n, c->entries);
    uint64_t deadline = gpu_now_ms() + gpu_timeout(dev, timeout_ms);
    /* Room for all of them first: a completion record is per slot, so no frame may reuse the
     * slot of one whose completion is still to be read. */
    struct backoff b = {0};
    while (c->entries - (c->head - __atomic_load_n(&c->ctrl_desc->tail, __ATOMIC_ACQUIRE)) < n) {
        if (gpu_now_ms() >= deadline)
            return sgpu_fail(SGPU_ERR_TIMEOUT, "sgpu_ctl_call_many: no room for %u frames in the "
                             "control ring", n);
        backoff_pause(&b);
    }
    struct sgpu_completion *done[64];
    uint64_t value[64];
    unsigned published = 0;
    for (; published < n && rc == SGPU_OK; published++)
        rc = ctl_publish(g, &frames[published], &done[published], &value[published], deadline);
    if (rc)
        published--; /* the failed one */
    /* one doorbell: the firmware finds them together */
    int db = published ? ctl_ring(dev, g) : SGPU_OK;
    for (unsigned i = 0; i < n; i++)
        results[i] = i < published && !db
                         ? ctl_complete(g, &frames[i], done[i], value[i], NULL, deadline,
                                        gpu_timeout(dev, timeout_ms))
                         : rc ? rc : db;
    return rc ? rc : db;
}

int ctl_ensure(sgpu_dev *dev, struct gpu **out)
{
    struct gpu *g = gpu_of(dev);
    if (!g)
        return SGPU_ERR_NOMEM;
    if (g->lost)
        return sgpu_fail(SGPU_ERR_DEVICE_LOST, "%s: the device is lost", dev->uri.text);
    if (!g->ctl.started) {
        int rc = sgpu_ctl_start(dev, NULL);
        if (rc)
            return rc;
    }
    *out = g;
    return SGPU_OK;
}

uint32_t ctl_ctx_reg(const struct gpu *g, uint32_t id, uint32_t reg)
{
    return g->ctl.ctx_offset + id * g->ctl.ctx_stride + reg;
}

int sgpu_ctl_call(sgpu_dev *dev, union sgpu_ctrl_frame *frame, uint32_t *fw_status,
                  unsigned timeout_ms)
{
    struct gpu *g;
    if (!dev || !frame)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_ctl_call: no device or frame");
    if (frame->hdr.opcode == 0)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_ctl_call: opcode 0 is never valid");
    int rc = ctl_ensure(dev, &g);
    return rc ? rc : ctl_send(dev, g, frame, fw_status, timeout_ms);
}

static int query_status(sgpu_dev *dev, struct gpu *g, struct sgpu_status *out)
{
    union sgpu_ctrl_frame f;
    memset(&f, 0, sizeof f);
    f.hdr.opcode = SGPU_CTRL_OP_QUERY_STATUS;
    f.query_status.result_addr = g->ctl.status_bus;
    memset(g->ctl.status, 0, sizeof *g->ctl.status);
    int rc = ctl_send(dev, g, &f, NULL, 0);
    if (rc == SGPU_OK)
        memcpy(out, g->ctl.status, sizeof *out);
    return rc;
}

int sgpu_ctl_query_status(sgpu_dev *dev, struct sgpu_status *status)
{
    struct gpu *g;
    if (!dev || !status)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_ctl_query_status: no device or result pointer");
    int rc = ctl_ensure(dev, &g);
    return rc ? rc : query_status(dev, g, status);
}

static int pow2_in(unsigned v, unsigned lo, unsigned hi)
{
    return v >= lo && v <= hi && (v & (v - 1)) == 0;
}

/* The firmware must be running before it can answer frames. */
static int wait_firmware(sgpu_dev *dev)
{
    uint32_t caps, fw;
    int rc = sgpu_read32(dev, SGPU_ID_BAR0_BASE + SGPU_ID_CAPS_OFFSET, &caps);
    if (rc)
        return rc;
    if (!(caps & SGPU_ID_CAPS_CP_MASK))
        return sgpu_fail(SGPU_ERR_UNSUPPORTED, "%s: no command processor (ID.CAPS.CP is 0)",
                         dev->uri.text);
    rc = sgpu_read32(dev, SGPU_ID_BAR0_BASE + SGPU_ID_FW_STATUS_OFFSET, &fw);
    if (rc)
        return rc;
    if ((fw & SGPU_ID_FW_STATUS_STATE_MASK) == SGPU_ID_FW_STATUS_STATE_FAILED)
        return sgpu_fail(SGPU_ERR_DEVICE_LOST, "%s: the firmware failed (code 0x%x)",
                         dev->uri.text, fw >> SGPU_ID_FW_STATUS_CODE_SHIFT);
    rc = sgpu_wait32(dev, SGPU_ID_BAR0_BASE + SGPU_ID_FW_STATUS_OFFSET,
                     SGPU_ID_FW_STATUS_STATE_MASK, SGPU_ID_FW_STATUS_STATE_RUNNING,
                     dev->timeout_ms, &fw);
    if (rc == SGPU_ERR_TIMEOUT)
        return sgpu_fail(SGPU_ERR_TIMEOUT, "%s: the firmware is not running (%s) after %u ms",
                         dev->uri.text, sgpu_fw_state_name(fw & SGPU_ID_FW_STATUS_STATE_MASK),
                         dev->timeout_ms);
    return rc;
}

/* Where the context registers are: read, never assumed. */
static int read_ctx_array(sgpu_dev *dev, struct ctl *c)
{
    int rc;
    if ((rc = sgpu_read32(dev, CP_REG(CTX_OFFSET), &c->ctx_offset)) ||
        (rc = sgpu_read32(dev, CP_REG(CTX_COUNT), &c->ctx_count)) ||
        (rc = sgpu_read32(dev, CP_REG(CTX_STRIDE), &c->ctx_stride)))
        return rc;
    uint64_t end = (uint64_t)c->ctx_offset + (uint64_t)c->ctx_count * c->ctx_stride;
    if (c->ctx_count == 0 || c->ctx_count > GPU_MAX_CONTEXTS || c->ctx_offset % 4 ||
        c->ctx_stride % 4 || c->ctx_stride < SGPU_CTX_TAIL_OFFSET + 4 || end > dev->bar0_size)
        return sgpu_fail(SGPU_ERR_DEVICE, "%s: CP reports %u contexts at 0x%x, stride 0x%x: not "
                         "a context array inside BAR0", dev->uri.text, c->ctx_count,
                         c->ctx_offset, c->ctx_stride);
    return SGPU_OK;
}

static void desc_init(struct sgpu_ring_desc *d, uint64_t base, uint32_t entries,
                      uint16_t entry_bytes, uint8_t vector)
{
    memset(d, 0, sizeof *d);
    d->base = base;
    d->entries = entries;
    d->entry_bytes = entry_bytes;
    d->msi_vector = vector;
}

/* Points a CP descriptor register pair at bus address `addr`. High half first: the
 * firmware reads the pair at a doorbell (control) or when it posts (events). */
static int write_desc_regs(sgpu_dev *dev, uint32_t lo, uint32_t hi, uint64_t addr)
{
    int rc = sgpu_write32(dev, hi, (uint32_t)(addr >> 32));
    return rc ? rc : sgpu_write32(dev, lo, (uint32_t)addr);
}

/* Bytes of each part of the channel's buffer, 64-aligned. */
static size_t align64(size_t v)
{
    return (v + 63u) & ~(size_t)63u;
}

static int read_desc_regs(sgpu_dev *dev, uint32_t lo, uint32_t hi, uint64_t *addr)
{
    uint32_t l, h;
    int rc = sgpu_read32(dev, lo, &l);
    if (!rc)
        rc = sgpu_read32(dev, hi, &h);
    if (!rc)
        *addr = (uint64_t)h << 32 | l;
    return rc;
}

/*
 * The firmware takes a ring as new (head and tail from the descriptor) when the register
 * pair's value differs from the one it last used; a new ring at the same address as an
 * earlier driver's would keep that driver's counts. So each descriptor has two possible
 * places in the buffer and goes to the one whose address is not what the register holds
 * now (an earlier driver leaves its addresses there; this library never writes 0).
 */
#define CTRL_DESC_SLOTS 0u      /* 0 or 64 */
#define EVENT_DESC_SLOTS 128u   /* 128 or 192 */
#define STATUS_OFFSET 256u
#define COMPLETIONS_OFFSET 320u

int sgpu_ctl_start(sgpu_dev *dev, const struct sgpu_ctl_options *opts)
{
    struct sgpu_ctl_options o = {0};
    if (!dev)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_ctl_start: no device");
    if (opts)
        o = *opts;
    if (!o.ctrl_entries)
        o.ctrl_entries = CTRL_ENTRIES_DEFAULT;
    if (!o.event_entries)
        o.event_entries = EVENT_ENTRIES_DEFAULT;
    if (!pow2_in(o.ctrl_entries, 2, CTRL_ENTRIES_MAX) ||
        !pow2_in(o.event_entries, 2, EVENT_ENTRIES_MAX) || o.event_vector > 31)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_ctl_start: %u control frames, %u event records "
                         "(powers of two up to %u and %u), vector %u", o.ctrl_entries,
                         o.event_entries, CTRL_ENTRIES_MAX, EVENT_ENTRIES_MAX, o.event_vector);
    struct gpu *g = gpu_of(dev);
    if (!g)
        return SGPU_ERR_NOMEM;
    if (g->lost)
        return sgpu_fail(SGPU_ERR_DEVICE_LOST, "%s: the device is lost", dev->uri.text);
    if (g->ctl.started)
        return sgpu_fail(SGPU_ERR_STATE, "sgpu_ctl_start: the control channel is already up");

    struct ctl *c = &g->ctl;
    uint64_t old_ctrl, old_event;
    int rc;
    if ((rc = wait_firmware(dev)) || (rc = read_ctx_array(dev, c)) ||
        (rc = read_desc_regs(dev, CP_REG(CTRL_DESC_LO), CP_REG(CTRL_DESC_HI), &old_ctrl)) ||
        (rc = read_desc_regs(dev, CP_REG(EVENT_DESC_LO), CP_REG(EVENT_DESC_HI), &old_event)))
        return rc;

    size_t off_frames = align64(COMPLETIONS_OFFSET +
                                o.ctrl_entries * sizeof(struct sgpu_completion));
    size_t off_events = align64(off_frames + (size_t)o.ctrl_entries * SGPU_PROTO_CTRL_FRAME_BYTES);
    size_t total = off_events + (size_t)o.event_entries * SGPU_PROTO_EVENT_BYTES;
    if ((rc = sgpu_dma_alloc(dev, total, &c->mem)))
        return rc;
    uint8_t *cpu = c->mem->cpu;
    uint64_t bus = c->mem->bus;
    size_t off_ctrl_desc = bus + CTRL_DESC_SLOTS == old_ctrl ? CTRL_DESC_SLOTS + 64
                                                             : CTRL_DESC_SLOTS;
    size_t off_event_desc = bus + EVENT_DESC_SLOTS == old_event ? EVENT_DESC_SLOTS + 64
                                                                : EVENT_DESC_SLOTS;
    c->ctrl_desc = (struct sgpu_ring_desc *)(cpu + off_ctrl_desc);
    struct sgpu_ring_desc *event_desc = (struct sgpu_ring_desc *)(cpu + off_event_desc);
    c->status = (struct sgpu_status *)(cpu + STATUS_OFFSET);
    c->status_bus = bus + STATUS_OFFSET;
    c->completions = (struct sgpu_completion *)(cpu + COMPLETIONS_OFFSET);
    c->frames = cpu + off_frames;
    c->entries = o.ctrl_entries;
    c->head = 0;
    c->event_vector = o.event_vector;
    desc_init(c->ctrl_desc, bus + off_frames, o.ctrl_entries, SGPU_PROTO_CTRL_FRAME_BYTES, 0);
    /* each doorbell carries the head (ctl_ring), and CTRL_DESC is written below: the
     * firmware need not read the descriptor for the head */
    c->ctrl_desc->flags = SGPU_RING_FLAG_HEAD_IN_DOORBELL;
    desc_init(event_desc, bus + off_events, o.event_entries, SGPU_PROTO_EVENT_BYTES,
              (uint8_t)o.event_vector);
    /* EVENT_DESC is written below and the ring never changes while up: the firmware may
     * keep the descriptor instead of reading it for every event */
    event_desc->flags = SGPU_RING_FLAG_DESC_KEPT;
    evring_init(&g->ev, event_desc, cpu + off_events, o.event_entries);
    __atomic_thread_fence(__ATOMIC_RELEASE);

    if ((rc = write_desc_regs(dev, CP_REG(EVENT_DESC_LO), CP_REG(EVENT_DESC_HI),
                              bus + off_event_desc)) ||
        (rc = write_desc_regs(dev, CP_REG(CTRL_DESC_LO), CP_REG(CTRL_DESC_HI),
                              bus + off_ctrl_desc)))
        goto fail;
    c->started = 1;
    g->events_on = 1;

    struct sgpu_status st;
    if ((rc = query_status(dev, g, &st)))
        goto fail;
    if (st.version_major != SGPU_PROTO_VERSION_MAJOR) {
        rc = sgpu_fail(SGPU_ERR_VERSION, "%s: firmware speaks protocol %u.%u; this library %u.x",
                       dev->uri.text, st.version_major, st.version_minor,
                       SGPU_PROTO_VERSION_MAJOR);
        goto fail;
    }
    g->fw_minor = st.version_minor;
    g->engines_present = st.engines_present;
    /* Both the registers and the firmware bound the ids: take the smaller. */
    if (st.max_contexts && st.max_contexts < c->ctx_count)
        c->ctx_count = st.max_contexts;
    sgpu_clear_error();
    return SGPU_OK;

fail:
    /* The registers may point at this memory and the firmware may have read them: it stays
     * allocated (until sgpu_close), and a new start puts its descriptors elsewhere. */
    memset(c, 0, sizeof *c);
    g->events_on = 0;
    return rc;
}

/* gpu_release: the channel is forgotten. The registers keep pointing at its descriptors,
 * so that the next driver picks other addresses (see sgpu_ctl_start); after sgpu_close the
 * transport has stopped the device mastering (vfio) or the simulator runs it against no
 * memory. */
void ctl_stop(struct gpu *g)
{
    g->ctl.started = 0;
    g->events_on = 0;
}
