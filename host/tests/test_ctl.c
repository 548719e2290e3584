/* test_ctl.c: the control channel, contexts, submission, fences, events, VRAM copies and
 * kernel loading against a fake device: a transport (transport.h) whose register writes
 * run a small model of the firmware and the engines over the library's own DMA memory, as
 * docs/protocol.md and docs/registers.md describe them. What it checks is the library's
 * side of the contract; the real firmware is tested against sgpu-sim elsewhere. */
/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include <cmocka.h>

#include "alloc.h"
#include "gpu.h"
#include "sgpu.h"
#include "sgpu_regs.h"
#include "transport.h"

/* Host memory as sgpu-sim gives it: one arena, first fit, bus addresses from BUS_BASE, so
 * that a driver after another gets the same addresses again. One fake at a time. */
#define BUS_BASE 0x100000000ull
#define ARENA_BYTES (16u << 20)
static uint8_t *arena;
static struct range_alloc arena_alloc;
#define NCTX 16u

struct fake_ctx {
    int live, dead;
    uint64_t ring, fence, save;
    uint32_t size, rd, tail;
    unsigned node, band, flags;
};

struct fake {
    uint32_t regs[0x10000 / 4];
    uint8_t *vram;
    /* knobs */
    unsigned fw_major;          /* what QUERY_STATUS says (0: the library's) */
    int silent;                 /* frames are never completed */
    int force_status;           /* >= 0: every frame completes with this status */
    int deferred;               /* engines run only while the host sleeps (irq_wait) */
    int fail_next_cmd;          /* the engine reports BAD_ADDRESS for the next command */
    int persist;                /* the transport's close leaves the fake alive (a new driver) */
    /* state: as the firmware does, a ring is new when its register's value changes */
    uint64_t ctrl_desc_seen, ev_desc_seen;
    uint32_t ctrl_tail, ev_head;
    struct fake_ctx ctx[NCTX];
    struct sgpu_ctrl_create_context last_create;
    unsigned creates, destroys, frames, doorbells;
    uint32_t ev_seq;
    int irq_pending;
};

static void *cpu_of(uint64_t bus, size_t bytes)
{
    assert_true(bus >= BUS_BASE && bus - BUS_BASE + bytes <= ARENA_BYTES);
    return arena + (bus - BUS_BASE);
}

static uint64_t reg64(struct fake *f, uint32_t lo, uint32_t hi)
{
    return (uint64_t)f->regs[hi / 4] << 32 | f->regs[lo / 4];
}

/* ---- Events, as the firmware posts them ---- */

static void post_event(struct fake *f, struct sgpu_event_record r)
{
    uint64_t desc_bus = reg64(f, SGPU_CP_BAR0_BASE + SGPU_CP_EVENT_DESC_LO_OFFSET,
                              SGPU_CP_BAR0_BASE + SGPU_CP_EVENT_DESC_HI_OFFSET);
    if (!desc_bus)
        return;
    struct sgpu_ring_desc *d = cpu_of(desc_bus, sizeof *d);
    assert_int_equal(d->entry_bytes, SGPU_PROTO_EVENT_BYTES);
    if (desc_bus != f->ev_desc_seen) {
        f->ev_desc_seen = desc_bus;
        f->ev_head = d->head;
    }
    r.seq = f->ev_seq++;
    if (f->ev_head - d->tail >= d->entries)
        return; /* dropped */
    struct sgpu_event_record *slot = cpu_of(d->base + (uint64_t)(f->ev_head % d->entries) * 32, 32);
    *slot = r;
    __atomic_store_n(&d->head, ++f->ev_head, __ATOMIC_RELEASE);
    f->irq_pending = 1;
}

/* ---- The engine: runs a context's ring from rd to its tail ---- */

static uint32_t ring_dw(struct fake_ctx *c, uint32_t off)
{
    uint32_t v;
    memcpy(&v, (uint8_t *)cpu_of(c->ring, c->size) + off, 4);
    return v;
}

static void context_error(struct fake *f, uint32_t id, unsigned reason, uint32_t off, uint32_t hdr)
{
    f->ctx[id].dead = 1;
    post_event(f, (struct sgpu_event_record){.type = SGPU_EVENT_CONTEXT_ERROR, .ctx_id = id,
                                             .node = (uint8_t)f->ctx[id].node,
                                             .reason = (uint16_t)reason, .value = off, .aux = hdr});
}

static void engine_run(struct fake *f, uint32_t id)
{
    struct fake_ctx *c = &f->ctx[id];
    while (c->live && !c->dead && c->rd != c->tail) {
        uint32_t off = c->rd, hdr = ring_dw(c, off);
        unsigned op = hdr & 0xff, len = (hdr >> 8) & 0xff, fl = (hdr >> 16) & 0xff;
        uint32_t d[8] = {0};
        if (op == SGPU_CMD_OP_WRAP) {
            c->rd = 0;
            continue;
        }
        if (len == 0 || off + 4 * len > c->size) {
            context_error(f, id, SGPU_CMD_ERROR_CROSSES_RING_END, off, hdr);
            return;
        }
        if (f->fail_next_cmd && op != SGPU_CMD_OP_FENCE && op != SGPU_CMD_OP_NOP) {
            f->fail_next_cmd = 0;
            context_error(f, id, SGPU_CMD_ERROR_BAD_ADDRESS, off, hdr);
            return;
        }
        for (unsigned i = 1; i < len && i < 8; i++)
            d[i] = ring_dw(c, off + 4 * i);
        switch (op) {
        case SGPU_CMD_OP_NOP:
            break;
        case SGPU_CMD_OP_FENCE: {
            uint64_t addr = (uint64_t)d[2] << 32 | d[1], value = (uint64_t)d[4] << 32 | d[3];
            assert_int_equal(len, 5);
            assert_false(fl & SGPU_CMD_FENCE_FLAG_VRAM);
            __atomic_store_n((uint64_t *)cpu_of(addr, 8), value, __ATOMIC_RELEASE);
            if (fl & SGPU_CMD_FENCE_FLAG_IRQ)
                post_event(f, (struct sgpu_event_record){
                    .type = SGPU_EVENT_MONITORED_FENCE_SIGNALED, .ctx_id = id, .value = value,
                    .aux = addr});
            break;
        }
        case SGPU_CMD_OP_FILL: {
            uint64_t dst = (uint64_t)d[2] << 32 | d[1];
            uint8_t *p = fl & SGPU_CMD_FILL_FLAG_DST_VRAM ? f->vram + dst : cpu_of(dst, d[3]);
            for (uint32_t i = 0; i < d[3]; i += 4)
                memcpy(p + i, &d[4], 4);
            break;
        }
        case SGPU_CMD_OP_COPY: {
            uint64_t src = (uint64_t)d[2] << 32 | d[1], dst = (uint64_t)d[4] << 32 | d[3];
            uint8_t *s = fl & SGPU_CMD_COPY_FLAG_SRC_VRAM ? f->vram + src : cpu_of(src, d[5]);
            uint8_t *t = fl & SGPU_CMD_COPY_FLAG_DST_VRAM ? f->vram + dst : cpu_of(dst, d[5]);
            memmove(t, s, d[5]);
            break;
        }
        default:
            break; /* TIMESTAMP, WAIT, DISPATCH: nothing this model needs to do */
        }
        c->rd = (off + 4 * len) & (c->size - 1);
    }
}

/* ---- The firmware: control frames ---- */

static uint32_t do_frame(struct fake *f, const union sgpu_ctrl_frame *fr)
{
    unsigned major = f->fw_major ? f->fw_major : SGPU_PROTO_VERSION_MAJOR;
    assert_int_equal(fr->hdr.size, SGPU_PROTO_CTRL_FRAME_BYTES);
    if (f->force_status >= 0)
        return (uint32_t)f->force_status;
    if (fr->hdr.opcode == SGPU_CTRL_OP_QUERY_STATUS) {
        struct sgpu_status *st = cpu_of(fr->query_status.result_addr, sizeof *st);
        memset(st, 0, sizeof *st);
        st->version_major = (uint16_t)major;
        st->max_contexts = NCTX;
        return SGPU_CTRL_STATUS_OK;
    }
    if (fr->hdr.version != major)
        return SGPU_CTRL_STATUS_BAD_VERSION;
    switch (fr->hdr.opcode) {
    case SGPU_CTRL_OP_NOP:
        return SGPU_CTRL_STATUS_OK;
    case SGPU_CTRL_OP_CREATE_CONTEXT: {
        const struct sgpu_ctrl_create_context *cc = &fr->create_context;
        f->last_create = *cc;
        f->creates++;
        if (cc->ctx_id >= NCTX)
            return SGPU_CTRL_STATUS_BAD_CONTEXT;
        if (f->ctx[cc->ctx_id].live)
            return SGPU_CTRL_STATUS_CONTEXT_EXISTS;
        if (cc->node > 1 || cc->engine)
            return SGPU_CTRL_STATUS_BAD_ENGINE;
        if (cc->ring_bytes < 256 || (cc->ring_bytes & (cc->ring_bytes - 1)) ||
            cc->ring_addr % cc->ring_bytes || cc->progress_fence_addr % 8 ||
            cc->save_area_addr % 64 || cc->band > 3)
            return SGPU_CTRL_STATUS_BAD_ARGUMENT;
        struct fake_ctx *c = &f->ctx[cc->ctx_id];
        memset(c, 0, sizeof *c);
        c->live = 1;
        c->ring = cc->ring_addr;
        c->size = cc->ring_bytes;
        c->fence = cc->progress_fence_addr;
        c->save = cc->save_area_addr;
        c->node = cc->node;
        c->band = cc->band;
        c->flags = cc->flags;
        return SGPU_CTRL_STATUS_OK;
    }
    case SGPU_CTRL_OP_DESTROY_CONTEXT:
        f->destroys++;
        if (fr->destroy_context.ctx_id >= NCTX || !f->ctx[fr->destroy_context.ctx_id].live)
            return SGPU_CTRL_STATUS_BAD_CONTEXT;
        f->ctx[fr->destroy_context.ctx_id].live = 0;
        return SGPU_CTRL_STATUS_OK;
    }
    return SGPU_CTRL_STATUS_BAD_OPCODE;
}

/* `rung`: the word written to CTRL_DOORBELL, which must be the head just published. */
static void control_doorbell(struct fake *f, uint32_t rung)
{
    uint64_t desc_bus = reg64(f, SGPU_CP_BAR0_BASE + SGPU_CP_CTRL_DESC_LO_OFFSET,
                              SGPU_CP_BAR0_BASE + SGPU_CP_CTRL_DESC_HI_OFFSET);
    assert_true(desc_bus != 0);
    struct sgpu_ring_desc *d = cpu_of(desc_bus, sizeof *d);
    assert_int_equal(d->entry_bytes, SGPU_PROTO_CTRL_FRAME_BYTES);
    assert_int_equal(d->flags, SGPU_RING_FLAG_HEAD_IN_DOORBELL);
    assert_int_equal(rung, d->head);
    if (f->silent)
        return;
    if (desc_bus != f->ctrl_desc_seen) {
        f->ctrl_desc_seen = desc_bus;
        f->ctrl_tail = d->tail;
    }
    uint32_t head = __atomic_load_n(&d->head, __ATOMIC_ACQUIRE);
    /* counts no producer could have written: the firmware ignores the ring */
    if (head - f->ctrl_tail > d->entries)
        return;
    while (f->ctrl_tail != head) {
        union sgpu_ctrl_frame fr;
        memcpy(&fr, cpu_of(d->base + (uint64_t)(f->ctrl_tail % d->entries) * 64, 64), 64);
        uint32_t status = do_frame(f, &fr);
        f->frames++;
        if (fr.hdr.fence_addr) {
            struct sgpu_completion *c = cpu_of(fr.hdr.fence_addr, sizeof *c);
            c->status = status;
            c->seq = fr.hdr.seq;
            __atomic_store_n(&c->value, fr.hdr.fence_value, __ATOMIC_RELEASE);
        }
        __atomic_store_n(&d->tail, ++f->ctrl_tail, __ATOMIC_RELEASE);
    }
}

/* ---- The transport ---- */

static struct fake *fake_of(sgpu_dev *dev)
{
    return dev->priv;
}

static int f_read32(sgpu_dev *dev, uint32_t off, uint32_t *v)
{
    *v = fake_of(dev)->regs[off / 4];
    return SGPU_OK;
}

static void dma_start(struct fake *f)
{
    uint64_t host = reg64(f, SGPU_DMA_BAR0_BASE + SGPU_DMA_HOST_ADDR_LO_OFFSET,
                          SGPU_DMA_BAR0_BASE + SGPU_DMA_HOST_ADDR_HI_OFFSET);
    uint32_t vram = f->regs[(SGPU_DMA_BAR0_BASE + SGPU_DMA_VRAM_ADDR_OFFSET) / 4];
    uint32_t len = f->regs[(SGPU_DMA_BAR0_BASE + SGPU_DMA_LENGTH_OFFSET) / 4];
    uint32_t ctrl = f->regs[(SGPU_DMA_BAR0_BASE + SGPU_DMA_CTRL_OFFSET) / 4];
    assert_true((uint64_t)vram + len <= SGPU_CFG_VRAM_BYTES);
    if (ctrl & SGPU_DMA_CTRL_DIR_MASK)
        memcpy(cpu_of(host, len), f->vram + vram, len);
    else
        memcpy(f->vram + vram, cpu_of(host, len), len);
    f->regs[(SGPU_DMA_BAR0_BASE + SGPU_DMA_STATUS_OFFSET) / 4] = SGPU_DMA_STATUS_DONE_MASK;
}

static int f_write32(sgpu_dev *dev, uint32_t off, uint32_t v)
{
    struct fake *f = fake_of(dev);
    uint32_t ctx0 = SGPU_CP_CTX_OFFSET_RESET;
    if (off == SGPU_CP_BAR0_BASE + SGPU_CP_CTRL_DOORBELL_OFFSET) {
        control_doorbell(f, v);
    } else if (off == SGPU_DMA_BAR0_BASE + SGPU_DMA_START_OFFSET) {
        dma_start(f);
    } else if (off >= ctx0 && off < ctx0 + NCTX * 0x40 &&
               (off - ctx0) % 0x40 == SGPU_CTX_DOORBELL_OFFSET) {
        uint32_t id = (off - ctx0) / 0x40;
        f->doorbells++;
        f->ctx[id].tail = v;
        f->regs[(off + 4) / 4] = v; /* TAIL */
        if (!f->deferred)
            engine_run(f, id);
    } else {
        f->regs[off / 4] = v;
    }
    return SGPU_OK;
}

static int f_dma_alloc(sgpu_dev *dev, struct dma_buf *b)
{
    (void)dev;
    int rc = ra_alloc(&arena_alloc, b->pub.size, &b->offset);
    if (rc)
        return rc;
    b->pub.cpu = arena + b->offset;
    b->pub.bus = BUS_BASE + b->offset;
    memset(b->pub.cpu, 0, b->pub.size);
    return SGPU_OK;
}

static void f_dma_free(sgpu_dev *dev, struct dma_buf *b)
{
    (void)dev;
    ra_free(&arena_alloc, b->offset);
}

static void arena_fini(void)
{
    ra_fini(&arena_alloc);
    free(arena);
    arena = NULL;
}

/* Time passes while the host sleeps: deferred engines make progress. */
static int f_irq_wait(sgpu_dev *dev, unsigned timeout_ms, unsigned *vector)
{
    struct fake *f = fake_of(dev);
    (void)timeout_ms;
    for (uint32_t id = 0; id < NCTX; id++)
        engine_run(f, id);
    *vector = 0;
    if (f->irq_pending) {
        f->irq_pending = 0;
        return SGPU_OK;
    }
    return SGPU_ERR_TIMEOUT;
}

/* What the fake saw by the time the library closed it. */
static unsigned destroys_at_close;
static uint64_t ctrl_desc_at_close;

static void f_close(sgpu_dev *dev)
{
    struct fake *f = fake_of(dev);
    destroys_at_close = f->destroys;
    ctrl_desc_at_close = reg64(f, SGPU_CP_BAR0_BASE + SGPU_CP_CTRL_DESC_LO_OFFSET,
                               SGPU_CP_BAR0_BASE + SGPU_CP_CTRL_DESC_HI_OFFSET);
    if (f->persist)
        return;
    free(f->vram);
    free(f);
    arena_fini();
}

static const struct transport_ops fake_ops = {
    .name = "fake",
    .close = f_close,
    .read32 = f_read32,
    .write32 = f_write32,
    .dma_alloc = f_dma_alloc,
    .dma_free = f_dma_free,
    .irq_wait = f_irq_wait,
};

/* A device handle on the fake `*out`, created first if NULL. */
static sgpu_dev *fake_attach(struct fake **out)
{
    sgpu_dev *dev = calloc(1, sizeof *dev);
    assert_non_null(dev);
    dev->ops = &fake_ops;
    dev->priv = *out;
    dev->bar0_size = 0x10000;
    dev->timeout_ms = 200;
    strcpy(dev->uri.text, "fake:");
    return dev;
}

static sgpu_dev *fake_open(struct fake **out)
{
    struct fake *f = calloc(1, sizeof *f);
    assert_non_null(f);
    if (arena)
        arena_fini(); /* left by a test that failed half-way */
    arena = calloc(1, ARENA_BYTES);
    assert_non_null(arena);
    ra_init(&arena_alloc, ARENA_BYTES);
    f->vram = calloc(1, SGPU_CFG_VRAM_BYTES);
    assert_non_null(f->vram);
    f->force_status = -1;
    f->regs[(SGPU_ID_BAR0_BASE + SGPU_ID_MAGIC_OFFSET) / 4] = SGPU_ID_MAGIC_RESET;
    f->regs[(SGPU_ID_BAR0_BASE + SGPU_ID_VERSION_OFFSET) / 4] = SGPU_ID_VERSION_RESET;
    f->regs[(SGPU_ID_BAR0_BASE + SGPU_ID_CAPS_OFFSET) / 4] = SGPU_ID_CAPS_CP_MASK;
    f->regs[(SGPU_ID_BAR0_BASE + SGPU_ID_FW_STATUS_OFFSET) / 4] = SGPU_ID_FW_STATUS_STATE_RUNNING;
    f->regs[(SGPU_CP_BAR0_BASE + SGPU_CP_CTX_OFFSET_OFFSET) / 4] = SGPU_CP_CTX_OFFSET_RESET;
    f->regs[(SGPU_CP_BAR0_BASE + SGPU_CP_CTX_COUNT_OFFSET) / 4] = NCTX;
    f->regs[(SGPU_CP_BAR0_BASE + SGPU_CP_CTX_STRIDE_OFFSET) / 4] = 0x40;
    *out = f;
    return fake_attach(out);
}

static uint64_t ctrl_desc_reg(struct fake *f)
{
    return reg64(f, SGPU_CP_BAR0_BASE + SGPU_CP_CTRL_DESC_LO_OFFSET,
                 SGPU_CP_BAR0_BASE + SGPU_CP_CTRL_DESC_HI_OFFSET);
}

/* ---- Tests ---- */

static void test_start_and_version(void **state)
{
    (void)state;
    struct fake *f;
    sgpu_dev *dev = fake_open(&f);
    struct sgpu_status st;
    assert_int_equal(sgpu_ctl_query_status(dev, &st), SGPU_OK);   /* starts on first use */
    assert_int_equal(st.version_major, SGPU_PROTO_VERSION_MAJOR);
    assert_int_equal(st.max_contexts, NCTX);
    assert_true(reg64(f, SGPU_CP_BAR0_BASE + SGPU_CP_CTRL_DESC_LO_OFFSET,
                      SGPU_CP_BAR0_BASE + SGPU_CP_CTRL_DESC_HI_OFFSET) % 64 == 0);
    assert_true(f->regs[(SGPU_CP_BAR0_BASE + SGPU_CP_EVENT_DESC_HI_OFFSET) / 4] != 0);
    assert_int_equal(sgpu_ctl_start(dev, NULL), SGPU_ERR_STATE);
    sgpu_close(dev);

    dev = fake_open(&f);
    f->fw_major = SGPU_PROTO_VERSION_MAJOR + 1;
    assert_int_equal(sgpu_ctl_start(dev, NULL), SGPU_ERR_VERSION);
    assert_true(strstr(sgpu_last_error(), "protocol") != NULL);
    /* the failed start's memory stays (the firmware read its address); a new start puts
     * its descriptor elsewhere, so that the firmware takes the ring as new */
    uint64_t first = ctrl_desc_reg(f);
    assert_non_null(dev->bufs);
    f->fw_major = 0;
    assert_int_equal(sgpu_ctl_start(dev, NULL), SGPU_OK);
    assert_true(ctrl_desc_reg(f) != first && ctrl_desc_reg(f) != 0);
    sgpu_close(dev);

    dev = fake_open(&f);
    f->regs[(SGPU_ID_BAR0_BASE + SGPU_ID_CAPS_OFFSET) / 4] = 0;
    assert_int_equal(sgpu_ctl_start(dev, NULL), SGPU_ERR_UNSUPPORTED);
    f->regs[(SGPU_ID_BAR0_BASE + SGPU_ID_CAPS_OFFSET) / 4] = SGPU_ID_CAPS_CP_MASK;
    f->regs[(SGPU_ID_BAR0_BASE + SGPU_ID_FW_STATUS_OFFSET) / 4] = SGPU_ID_FW_STATUS_STATE_FAILED;
    assert_int_equal(sgpu_ctl_start(dev, NULL), SGPU_ERR_DEVICE_LOST);
    f->regs[(SGPU_ID_BAR0_BASE + SGPU_ID_FW_STATUS_OFFSET) / 4] = SGPU_ID_FW_STATUS_STATE_BOOTING;
    dev->timeout_ms = 20;
    assert_int_equal(sgpu_ctl_start(dev, NULL), SGPU_ERR_TIMEOUT);
    f->regs[(SGPU_ID_BAR0_BASE + SGPU_ID_FW_STATUS_OFFSET) / 4] = SGPU_ID_FW_STATUS_STATE_RUNNING;
    f->regs[(SGPU_CP_BAR0_BASE + SGPU_CP_CTX_COUNT_OFFSET) / 4] = 0;
    assert_int_equal(sgpu_ctl_start(dev, NULL), SGPU_ERR_DEVICE);
    f->regs[(SGPU_CP_BAR0_BASE + SGPU_CP_CTX_COUNT_OFFSET) / 4] = NCTX;
    f->silent = 1;
    assert_int_equal(sgpu_ctl_start(dev, NULL), SGPU_ERR_TIMEOUT);
    f->silent = 0;
    assert_int_equal(sgpu_ctl_start(dev, NULL), SGPU_OK);
    sgpu_close(dev);
}

static void test_status_mapping(void **state)
{
    (void)state;
    static const struct {
        int status, result;
    } map[] = {
        {SGPU_CTRL_STATUS_OK, SGPU_OK},
        {SGPU_CTRL_STATUS_PENDING, SGPU_PENDING},
        {SGPU_CTRL_STATUS_BAD_VERSION, SGPU_ERR_VERSION},
        {SGPU_CTRL_STATUS_BAD_OPCODE, SGPU_ERR_UNSUPPORTED},
        {SGPU_CTRL_STATUS_BAD_FRAME, SGPU_ERR_INVALID},
        {SGPU_CTRL_STATUS_BAD_CONTEXT, SGPU_ERR_INVALID},
        {SGPU_CTRL_STATUS_CONTEXT_EXISTS, SGPU_ERR_BUSY},
        {SGPU_CTRL_STATUS_BAD_ENGINE, SGPU_ERR_UNSUPPORTED},
        {SGPU_CTRL_STATUS_BAD_ARGUMENT, SGPU_ERR_INVALID},
        {SGPU_CTRL_STATUS_BAD_STATE, SGPU_ERR_STATE},
        {SGPU_CTRL_STATUS_NO_RESOURCES, SGPU_ERR_NOMEM},
        {99, SGPU_ERR_DEVICE},
        {SGPU_CTRL_STATUS_RESET_FAILED, SGPU_ERR_DEVICE_LOST}, /* last: the device is lost */
    };
    struct fake *f;
    sgpu_dev *dev = fake_open(&f);
    union sgpu_ctrl_frame fr;
    assert_int_equal(sgpu_ctl_start(dev, NULL), SGPU_OK);
    /* more frames than the ring has slots: slots and completion records are reused */
    for (unsigned round = 0; round < 12; round++) {
        for (size_t i = 0; i < sizeof map / sizeof map[0] - 1; i++) {
            uint32_t raw = 12345;
            memset(&fr, 0, sizeof fr);
            fr.hdr.opcode = SGPU_CTRL_OP_NOP;
            f->force_status = map[i].status;
            assert_int_equal(sgpu_ctl_call(dev, &fr, &raw, 0), map[i].result);
            assert_int_equal(raw, (uint32_t)map[i].status);
            assert_int_equal(fr.hdr.version, SGPU_PROTO_VERSION_MAJOR);
            assert_int_equal(fr.hdr.size, 64);
            assert_true(fr.hdr.fence_addr % 8 == 0 && fr.hdr.fence_value != 0);
        }
    }
    f->force_status = SGPU_CTRL_STATUS_RESET_FAILED;
    memset(&fr, 0, sizeof fr);
    fr.hdr.opcode = SGPU_CTRL_OP_RESET_ENGINE;
    assert_int_equal(sgpu_ctl_call(dev, &fr, NULL, 0), SGPU_ERR_DEVICE_LOST);
    assert_int_equal(sgpu_device_state(dev), SGPU_ERR_DEVICE_LOST);
    fr.hdr.opcode = SGPU_CTRL_OP_NOP;
    assert_int_equal(sgpu_ctl_call(dev, &fr, NULL, 0), SGPU_ERR_DEVICE_LOST);
    sgpu_close(dev);
}

/* Frames sent together: one doorbell for all, results in order, over and over (slots and
 * completion records reused); never more than the ring has slots. */
static void test_call_many(void **state)
{
    (void)state;
    struct fake *f;
    sgpu_dev *dev = fake_open(&f);
    struct sgpu_ctl_options o = {.ctrl_entries = 8};
    union sgpu_ctrl_frame fr[10];
    int res[10];
    assert_int_equal(sgpu_ctl_start(dev, &o), SGPU_OK);
    for (unsigned round = 0; round < 5; round++) {
        memset(fr, 0, sizeof fr);
        for (unsigned i = 0; i < 8; i++)
            fr[i].hdr.opcode = i == 3 ? SGPU_CTRL_OP_DESTROY_CONTEXT : SGPU_CTRL_OP_NOP;
        fr[3].destroy_context.ctx_id = 99; /* no such context: this one alone fails */
        unsigned before = f->frames;
        unsigned n = round % 2 ? 8 : 5; /* a full ring, and a part that wraps */
        assert_int_equal(sgpu_ctl_call_many(dev, fr, n, res, 0), SGPU_OK);
        assert_int_equal(f->frames - before, n);
        for (unsigned i = 0; i < n; i++) {
            assert_int_equal(res[i], i == 3 ? SGPU_ERR_INVALID : SGPU_OK);
            if (i)
                assert_int_equal(fr[i].hdr.seq, fr[i - 1].hdr.seq + 1);
        }
    }
    /* refusals send nothing */
    unsigned before = f->frames;
    fr[5].hdr.opcode = 0;
    assert_int_equal(sgpu_ctl_call_many(dev, fr, 8, res, 0), SGPU_ERR_INVALID);
    fr[5].hdr.opcode = SGPU_CTRL_OP_NOP;
    assert_int_equal(sgpu_ctl_call_many(dev, fr, 9, res, 0), SGPU_ERR_INVALID); /* 8 slots */
    assert_int_equal(sgpu_ctl_call_many(dev, fr, 0, res, 0), SGPU_ERR_INVALID);
    assert_int_equal(f->frames, before);
    sgpu_close(dev);
}

static void test_contexts_create_destroy(void **state)
{
    (void)state;
    struct fake *f;
    sgpu_dev *dev = fake_open(&f);
    sgpu_ctx *ctx[NCTX + 1];
    struct sgpu_ctx_options o = {.ring_bytes = 16384, .band = SGPU_BAND_FOCUS,
                                 .flags = SGPU_CTX_FLAG_DISABLE_GPU_TIMEOUT};
    assert_int_equal(sgpu_ctx_create(dev, SGPU_NODE_COMPUTE, &o, &ctx[0]), SGPU_OK);
    const struct sgpu_ctrl_create_context *cc = &f->last_create;
    assert_int_equal(cc->ctx_id, 0);
    assert_int_equal(cc->node, SGPU_NODE_COMPUTE);
    assert_int_equal(cc->engine, 0);
    assert_int_equal(cc->band, SGPU_BAND_FOCUS);
    assert_int_equal(cc->flags, SGPU_CTX_FLAG_DISABLE_GPU_TIMEOUT);
    assert_int_equal(cc->ring_bytes, 16384);
    assert_int_equal(cc->ring_addr % 16384, 0);
    assert_int_equal(cc->progress_fence_addr % 8, 0);
    assert_int_equal(cc->save_area_addr % 64, 0);
    /* the save area and the fence do not overlap */
    assert_true(cc->progress_fence_addr >= cc->save_area_addr + SGPU_PROTO_SAVE_AREA_BYTES ||
                cc->progress_fence_addr + 8 <= cc->save_area_addr);
    assert_int_equal(sgpu_ctx_id(ctx[0]), 0);
    assert_int_equal(sgpu_ctx_node(ctx[0]), SGPU_NODE_COMPUTE);
    assert_int_equal(sgpu_ctx_fence_addr(ctx[0]), cc->progress_fence_addr);
    for (unsigned i = 1; i < NCTX; i++) {
        assert_int_equal(sgpu_ctx_create(dev, SGPU_NODE_COPY, NULL, &ctx[i]), SGPU_OK);
        assert_int_equal(sgpu_ctx_id(ctx[i]), i);
    }
    assert_int_equal(f->last_create.ring_bytes, 64 * 1024);       /* the default */
    assert_int_equal(f->last_create.band, SGPU_BAND_NORMAL);
    assert_int_equal(sgpu_ctx_create(dev, SGPU_NODE_COPY, NULL, &ctx[NCTX]), SGPU_ERR_NOMEM);
    assert_null(ctx[NCTX]);
    assert_int_equal(sgpu_ctx_destroy(ctx[5]), SGPU_OK);
    assert_false(f->ctx[5].live);
    assert_int_equal(sgpu_ctx_create(dev, SGPU_NODE_COPY, NULL, &ctx[5]), SGPU_OK);
    assert_int_equal(sgpu_ctx_id(ctx[5]), 5);
    /* a firmware refusal is passed on and nothing leaks */
    assert_int_equal(sgpu_ctx_destroy(ctx[7]), SGPU_OK);
    f->force_status = SGPU_CTRL_STATUS_BAD_ARGUMENT;
    assert_int_equal(sgpu_ctx_create(dev, SGPU_NODE_COPY, NULL, &ctx[7]), SGPU_ERR_INVALID);
    f->force_status = -1;
    /* sgpu_close destroys the 15 still alive, then points CP at nothing */
    unsigned destroys_before = f->destroys;
    sgpu_close(dev);
    assert_int_equal(destroys_at_close, destroys_before + 15);
    assert_true(ctrl_desc_at_close != 0);    /* left for the next driver to avoid */
}

static void test_stale_context_is_replaced(void **state)
{
    (void)state;
    struct fake *f;
    sgpu_dev *dev = fake_open(&f);
    sgpu_ctx *ctx;
    f->ctx[0].live = 1;              /* left by a driver that exited */
    assert_int_equal(sgpu_ctx_create(dev, SGPU_NODE_COPY, NULL, &ctx), SGPU_OK);
    assert_int_equal(sgpu_ctx_id(ctx), 0);
    assert_int_equal(f->destroys, 1);
    assert_int_equal(f->creates, 2);
    assert_int_equal(sgpu_ctx_destroy(ctx), SGPU_OK);
    sgpu_close(dev);
}

static void test_submit_and_fences(void **state)
{
    (void)state;
    struct fake *f;
    sgpu_dev *dev = fake_open(&f);
    sgpu_ctx *ctx;
    struct sgpu_dma_buf *buf;
    uint64_t v1, v2;
    assert_int_equal(sgpu_ctx_create(dev, SGPU_NODE_COPY, NULL, &ctx), SGPU_OK);
    assert_int_equal(sgpu_dma_alloc(dev, 8192, &buf), SGPU_OK);
    assert_int_equal(sgpu_fence_read(ctx), 0);
    assert_int_equal(sgpu_cmd_fill(ctx, buf->bus, 4096, 0xa5a5a5a5u, 0), SGPU_OK);
    assert_int_equal(sgpu_cmd_copy(ctx, buf->bus, buf->bus + 4096, 4096, 0), SGPU_OK);
    assert_int_equal(f->doorbells, 0);          /* nothing runs before the submission */
    assert_int_equal(sgpu_submit(ctx, 0, &v1), SGPU_OK);
    assert_int_equal(v1, 1);
    assert_int_equal(f->doorbells, 1);
    assert_int_equal(f->regs[(SGPU_CP_CTX_OFFSET_RESET + SGPU_CTX_TAIL_OFFSET) / 4],
                     5 * 4 + 6 * 4 + 5 * 4);
    assert_int_equal(sgpu_fence_wait(ctx, v1, 100), SGPU_OK);
    assert_int_equal(((uint8_t *)buf->cpu)[4096 + 4095], 0xa5);
    assert_int_equal(sgpu_submit(ctx, 0, &v2), SGPU_OK);        /* an empty submission */
    assert_int_equal(v2, 2);
    assert_int_equal(sgpu_fence_last_submitted(ctx), 2);
    assert_int_equal(sgpu_ctx_idle(ctx, 100), SGPU_OK);
    assert_int_equal(sgpu_fence_read(ctx), 2);
    assert_int_equal(sgpu_submit(ctx, 0x2, NULL), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_ctx_destroy(ctx), SGPU_OK);
    sgpu_close(dev);
}

static void count_events(sgpu_dev *dev, const struct sgpu_event_info *ev, void *user)
{
    (void)dev;
    unsigned *n = user;
    if (ev->type == SGPU_EVENT_MONITORED_FENCE_SIGNALED)
        n[0]++;
    if (ev->type == SGPU_EVENT_CONTEXT_ERROR)
        n[1]++;
}

/* A 256-byte ring, the engine running only while the host waits: submissions wrap the
 * ring many times, commands wait for room, and every one runs. */
static void test_small_ring_wraps_and_waits(void **state)
{
    (void)state;
    struct fake *f;
    sgpu_dev *dev = fake_open(&f);
    sgpu_ctx *ctx;
    struct sgpu_dma_buf *buf;
    unsigned seen[2] = {0, 0};
    struct sgpu_ctx_options o = SGPU_CTX_OPTIONS_INIT;
    o.ring_bytes = 256;
    f->deferred = 1;
    assert_int_equal(sgpu_set_event_callback(dev, count_events, seen), SGPU_OK);
    assert_int_equal(sgpu_ctx_create(dev, SGPU_NODE_COPY, &o, &ctx), SGPU_OK);
    assert_int_equal(sgpu_dma_alloc(dev, 4096, &buf), SGPU_OK);
    uint32_t *words = buf->cpu;
    uint64_t last = 0;
    for (uint32_t i = 0; i < 300; i++) {
        assert_int_equal(sgpu_cmd_fill(ctx, buf->bus + 8 * i, 8, i, 0), SGPU_OK);
        if (i % 3 == 0)
            assert_int_equal(sgpu_cmd_nop(ctx, 1 + i % 7), SGPU_OK);
        if (i % 2 == 1)
            assert_int_equal(sgpu_submit(ctx, i % 10 == 1 ? SGPU_SUBMIT_IRQ : 0, &last), SGPU_OK);
    }
    assert_int_equal(sgpu_fence_wait(ctx, last, 1000), SGPU_OK);
    assert_int_equal(last, 150);
    for (uint32_t i = 0; i < 300; i++)
        assert_int_equal(words[2 * i], i);
    assert_int_equal(ctx->ring.written / 256 > 10, 1);  /* went round many times */
    assert_int_equal(sgpu_events_poll(dev, NULL, NULL) >= 0, 1);
    assert_int_equal(seen[0], 30);                      /* the IRQ submissions */
    assert_int_equal(seen[1], 0);                       /* never crossed the end */
    /* a NOP too large for this ring could never be placed */
    assert_int_equal(sgpu_cmd_nop(ctx, 255), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_cmd_nop(ctx, 27), SGPU_OK);
    assert_int_equal(sgpu_cmd_nop(ctx, 28), SGPU_ERR_INVALID);
    /* with NONBLOCK a full ring says BUSY instead of waiting */
    ctx->lib_flags = SGPU_CTX_NONBLOCK;
    int rc = SGPU_OK;
    unsigned n;
    for (n = 0; n < 64 && rc == SGPU_OK; n++) {
        rc = sgpu_cmd_nop(ctx, 4);
        if (rc == SGPU_OK)
            rc = sgpu_submit(ctx, 0, NULL);
    }
    assert_int_equal(rc, SGPU_ERR_BUSY);
    /* commands never submitted cannot be waited for */
    ctx->lib_flags = 0;
    assert_int_equal(sgpu_ctx_idle(ctx, 1000), SGPU_OK);
    for (n = 0; n < 64 && rc != SGPU_ERR_NOMEM; n++)
        rc = sgpu_cmd_nop(ctx, 4);
    assert_int_equal(rc, SGPU_ERR_NOMEM);
    assert_true(strstr(sgpu_last_error(), "submit first") != NULL);
    assert_int_equal(sgpu_submit(ctx, 0, &last), SGPU_OK);    /* the reserve holds its FENCE */
    assert_int_equal(sgpu_fence_wait(ctx, last, 1000), SGPU_OK);
    sgpu_close(dev);
}

static void test_context_error_from_the_engine(void **state)
{
    (void)state;
    struct fake *f;
    sgpu_dev *dev = fake_open(&f);
    sgpu_ctx *ctx;
    struct sgpu_ctx_fault fault;
    struct sgpu_dma_buf *buf;
    uint64_t v;
    assert_int_equal(sgpu_ctx_create(dev, SGPU_NODE_COPY, NULL, &ctx), SGPU_OK);
    assert_int_equal(sgpu_dma_alloc(dev, 4096, &buf), SGPU_OK);
    assert_int_equal(sgpu_cmd_nop(ctx, 3), SGPU_OK);
    f->fail_next_cmd = 1;
    assert_int_equal(sgpu_cmd_fill(ctx, buf->bus, 8, 1, 0), SGPU_OK);   /* "bad address" */
    assert_int_equal(sgpu_submit(ctx, 0, &v), SGPU_OK);
    assert_int_equal(sgpu_fence_wait(ctx, v, 100), SGPU_ERR_CTX_ERROR);
    assert_int_equal(sgpu_ctx_error(ctx, &fault), SGPU_ERR_CTX_ERROR);
    assert_int_equal(fault.event, SGPU_EVENT_CONTEXT_ERROR);
    assert_int_equal(fault.reason, SGPU_CMD_ERROR_BAD_ADDRESS);
    assert_int_equal(fault.ring_offset, 12);
    assert_int_equal(fault.aux, SGPU_CMD_HEADER(SGPU_CMD_OP_FILL, 5, 0));
    assert_int_equal(sgpu_submit(ctx, 0, NULL), SGPU_ERR_CTX_ERROR);
    /* another context carries on */
    sgpu_ctx *other;
    assert_int_equal(sgpu_ctx_create(dev, SGPU_NODE_COPY, NULL, &other), SGPU_OK);
    assert_int_equal(sgpu_submit(other, 0, &v), SGPU_OK);
    assert_int_equal(sgpu_fence_wait(other, v, 100), SGPU_OK);
    assert_int_equal(sgpu_ctx_destroy(ctx), SGPU_OK);
    assert_int_equal(sgpu_ctx_destroy(other), SGPU_OK);
    sgpu_close(dev);
}

static void test_vram_and_kernels(void **state)
{
    (void)state;
    struct fake *f;
    sgpu_dev *dev = fake_open(&f);
    size_t n = (3u << 19) + 64;             /* 1.5 MiB + 64: two bounce buffers' worth */
    uint8_t *src = malloc(n), *back = malloc(n);
    uint32_t addr;
    assert_non_null(src);
    assert_non_null(back);
    for (size_t i = 0; i < n; i++)
        src[i] = (uint8_t)(i * 7 + (i >> 11));
    assert_int_equal(sgpu_vram_alloc(dev, (uint32_t)n, 4096, &addr), SGPU_OK);
    assert_int_equal(sgpu_vram_write(dev, addr, src, n), SGPU_OK);
    assert_memory_equal(f->vram + addr, src, n);
    assert_int_equal(sgpu_vram_read(dev, addr, back, n), SGPU_OK);
    assert_memory_equal(back, src, n);
    assert_int_equal(sgpu_vram_free(dev, addr), SGPU_OK);

    /* a kernel from a file, padded to 8 bytes in VRAM */
    char path[] = "/tmp/sgpu-test-kernel-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    static const uint8_t image[13] = {0x13, 0, 0, 0, 0x67, 0x80, 0, 0, 1, 2, 3, 4, 5};
    assert_int_equal(write(fd, image, sizeof image), (ssize_t)sizeof image);
    close(fd);
    sgpu_kernel *k, *k2;
    memset(f->vram, 0xff, 4096);
    assert_int_equal(sgpu_kernel_load(dev, path, &k), SGPU_OK);
    assert_int_equal(sgpu_kernel_addr(k) % 64, 0);
    assert_int_equal(sgpu_kernel_size(k), sizeof image);
    assert_memory_equal(f->vram + sgpu_kernel_addr(k), image, sizeof image);
    assert_int_equal(f->vram[sgpu_kernel_addr(k) + 13], 0);      /* the padding */
    assert_int_equal(sgpu_vram_used(dev), 16);
    assert_int_equal(sgpu_kernel_load_image(dev, image, 4, &k2), SGPU_OK);
    assert_int_equal(sgpu_kernel_addr(k2), 64);
    sgpu_kernel_free(k);
    assert_int_equal(sgpu_vram_used(dev), 8);
    /* an empty file */
    fd = open(path, O_WRONLY | O_TRUNC);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(sgpu_kernel_load(dev, path, &k), SGPU_ERR_INVALID);
    assert_true(strstr(sgpu_last_error(), "empty") != NULL);
    unlink(path);
    free(src);
    free(back);
    sgpu_close(dev);                           /* frees k2 */
}

/* Drivers one after the other on one device: each finds the registers where the last left
 * them and puts its rings elsewhere, so the firmware's counts start again from 0. */
static void test_drivers_in_sequence(void **state)
{
    (void)state;
    struct fake *f = NULL;
    sgpu_dev *dev = fake_open(&f);
    f->persist = 1;
    uint64_t addrs[4];
    for (unsigned round = 0; round < 4; round++) {
        sgpu_ctx *ctx;
        uint64_t v;
        if (round)
            dev = fake_attach(&f);
        for (unsigned i = 0; i < 5 + round; i++) {
            assert_int_equal(sgpu_ctx_create(dev, SGPU_NODE_COPY, NULL, &ctx), SGPU_OK);
            assert_int_equal(sgpu_submit(ctx, SGPU_SUBMIT_IRQ, &v), SGPU_OK);
            assert_int_equal(sgpu_fence_wait(ctx, v, 100), SGPU_OK);
            assert_int_equal(sgpu_ctx_destroy(ctx), SGPU_OK);
        }
        assert_int_equal(sgpu_events_poll(dev, NULL, NULL) >= 0, 1);
        assert_int_equal(sgpu_events_missed(dev), 0);
        addrs[round] = ctrl_desc_reg(f);
        if (round)
            assert_true(addrs[round] != addrs[round - 1]);
        sgpu_close(dev);
    }
    free(f->vram);
    free(f);
    arena_fini();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_start_and_version),
        cmocka_unit_test(test_status_mapping),
        cmocka_unit_test(test_call_many),
        cmocka_unit_test(test_contexts_create_destroy),
        cmocka_unit_test(test_stale_context_is_replaced),
        cmocka_unit_test(test_submit_and_fences),
        cmocka_unit_test(test_small_ring_wraps_and_waits),
        cmocka_unit_test(test_context_error_from_the_engine),
        cmocka_unit_test(test_vram_and_kernels),
        cmocka_unit_test(test_drivers_in_sequence),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
