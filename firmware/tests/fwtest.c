/* fwtest.c: the host's side of the protocol for the scheduler's unit tests (fwtest.h). */
/* SPDX-License-Identifier: Apache-2.0 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "fwtest.h"
#include "hal.h"
#include "hal_fake.h"
#include "loop.h"

uint8_t fwt_host[FWT_HOST_BYTES];
static uint32_t next_seq;
static uint32_t ctrl_entries;

void *fwt_mem(uint64_t addr)
{
    assert_true(addr >= FWT_HOST_BASE && addr - FWT_HOST_BASE < FWT_HOST_BYTES);
    return &fwt_host[addr - FWT_HOST_BASE];
}

uint64_t fwt_read64(uint64_t addr)
{
    uint64_t v;
    memcpy(&v, fwt_mem(addr), 8);
    return v;
}

void fwt_write64(uint64_t addr, uint64_t value)
{
    memcpy(fwt_mem(addr), &value, 8);
}

static struct sgpu_ring_desc *desc(uint64_t addr)
{
    return (struct sgpu_ring_desc *)fwt_mem(addr);
}

void fwt_setup(uint32_t ctrl_size, uint32_t event_entries)
{
    hal_fake_reset();
    hal_fake_mtime_step(1);
    memset(fwt_host, 0, sizeof fwt_host);
    hal_fake_hostmem_map(FWT_HOST_BASE, fwt_host, sizeof fwt_host);
    next_seq = 1;
    ctrl_entries = ctrl_size;
    *desc(FWT_CTRL_DESC) = (struct sgpu_ring_desc){
        .base = FWT_CTRL_RING, .entries = ctrl_size, .entry_bytes = SGPU_PROTO_CTRL_FRAME_BYTES};
    hal_fake_poke(SGPU_CP_CTRL_DESC_LO_ADDR, (uint32_t)FWT_CTRL_DESC);
    hal_fake_poke(SGPU_CP_CTRL_DESC_HI_ADDR, (uint32_t)(FWT_CTRL_DESC >> 32));
    if (event_entries) {
        *desc(FWT_EVENT_DESC) = (struct sgpu_ring_desc){.base = FWT_EVENT_RING,
                                                        .entries = event_entries,
                                                        .entry_bytes = SGPU_PROTO_EVENT_BYTES,
                                                        .msi_vector = FWT_EVENT_MSI};
        hal_fake_poke(SGPU_CP_EVENT_DESC_LO_ADDR, (uint32_t)FWT_EVENT_DESC);
        hal_fake_poke(SGPU_CP_EVENT_DESC_HI_ADDR, (uint32_t)(FWT_EVENT_DESC >> 32));
    }
    loop_init();
}

int fwt_setup_default(void **state)
{
    (void)state;
    fwt_setup(8, 64);
    return 0;
}

void fwt_stopped(unsigned e, uint32_t reason, uint32_t head)
{
    hal_fake_engine_stopped(e, reason, head, 0, 0);
    fwt_run();
}

void fwt_run(void)
{
    for (int i = 0; i < 1000; i++)
        if (!loop_poll())
            return;
    fail_msg("the firmware's loop never went quiet");
}

uint32_t fwt_submit(union sgpu_ctrl_frame *f)
{
    struct sgpu_ring_desc *d = desc(FWT_CTRL_DESC);
    uint32_t seq = next_seq++;
    assert_true(seq < 256);
    f->hdr.seq = seq;
    f->hdr.fence_addr = FWT_COMPLETIONS + 16u * seq;
    f->hdr.fence_value = 0xC0DE0000u + seq;
    if (f->hdr.version == 0)
        f->hdr.version = SGPU_PROTO_VERSION_MAJOR;
    if (f->hdr.size == 0)
        f->hdr.size = SGPU_PROTO_CTRL_FRAME_BYTES;
    assert_true(d->head - d->tail < ctrl_entries);
    memcpy(fwt_mem(d->base + 64u * (d->head & (ctrl_entries - 1u))), f, sizeof *f);
    d->head++;
    hal_fake_ctrl_doorbell_head(d->head);
    return seq;
}

uint32_t fwt_completion(uint32_t seq)
{
    struct sgpu_completion c;
    memcpy(&c, fwt_mem(FWT_COMPLETIONS + 16u * seq), sizeof c);
    if (c.value != 0xC0DE0000u + seq)
        return FWT_NOT_DONE;
    assert_int_equal(c.seq, seq);
    return c.status;
}

uint32_t fwt_do(union sgpu_ctrl_frame *f)
{
    uint32_t seq = fwt_submit(f);
    fwt_run();
    return fwt_completion(seq);
}

uint32_t fwt_create(uint32_t id, uint8_t node, uint8_t band)
{
    union sgpu_ctrl_frame f = {0};
    f.hdr.opcode = SGPU_CTRL_OP_CREATE_CONTEXT;
    f.create_context.ctx_id = id;
    f.create_context.node = node;
    f.create_context.band = band;
    f.create_context.ring_addr = FWT_RING(id);
    f.create_context.ring_bytes = 4096;
    f.create_context.progress_fence_addr = FWT_PROGRESS(id);
    f.create_context.save_area_addr = 0x300000000ull + 0x1000u * id;
    return fwt_do(&f);
}

static uint32_t ctx_op(uint8_t opcode, uint32_t id)
{
    union sgpu_ctrl_frame f = {0};
    f.hdr.opcode = opcode;
    f.destroy_context.ctx_id = id; /* same place in every context frame */
    return fwt_do(&f);
}

uint32_t fwt_destroy(uint32_t id) { return ctx_op(SGPU_CTRL_OP_DESTROY_CONTEXT, id); }
uint32_t fwt_resume(uint32_t id) { return ctx_op(SGPU_CTRL_OP_RESUME_CONTEXT, id); }

uint32_t fwt_suspend(uint32_t id, uint64_t value)
{
    union sgpu_ctrl_frame f = {0};
    f.hdr.opcode = SGPU_CTRL_OP_SUSPEND_CONTEXT;
    f.suspend_context.ctx_id = id;
    f.suspend_context.suspend_fence_addr = FWT_SUSPEND_FENCE(id);
    f.suspend_context.suspend_fence_value = value;
    return fwt_do(&f);
}

static uint32_t engine_op(uint8_t opcode, uint8_t node)
{
    union sgpu_ctrl_frame f = {0};
    f.hdr.opcode = opcode;
    f.reset_engine.node = node;
    return fwt_do(&f);
}

uint32_t fwt_reset_engine(uint8_t node) { return engine_op(SGPU_CTRL_OP_RESET_ENGINE, node); }

uint32_t fwt_reset_engine_guilty(uint8_t node, uint32_t guilty)
{
    union sgpu_ctrl_frame f = {0};
    f.hdr.opcode = SGPU_CTRL_OP_RESET_ENGINE;
    f.reset_engine.node = node;
    f.reset_engine.flags = SGPU_RESET_FLAG_GUILTY;
    f.reset_engine.guilty_ctx_id = guilty;
    return fwt_do(&f);
}
uint32_t fwt_resume_engine(uint8_t node) { return engine_op(SGPU_CTRL_OP_RESUME_ENGINE, node); }

uint32_t fwt_set_band(uint8_t band, uint32_t grace, uint32_t quantum)
{
    union sgpu_ctrl_frame f = {0};
    f.hdr.opcode = SGPU_CTRL_OP_SET_PRIORITY_BANDS;
    f.set_priority_bands.band = band;
    f.set_priority_bands.target_normal_pct = band == SGPU_BAND_NORMAL ? 10 : 0;
    f.set_priority_bands.grace_for_band = grace;
    f.set_priority_bands.process_quantum = quantum;
    return fwt_do(&f);
}

uint32_t fwt_set_quantum(uint32_t id, uint8_t band, uint32_t quantum)
{
    union sgpu_ctrl_frame f = {0};
    f.hdr.opcode = SGPU_CTRL_OP_SET_CONTEXT_PROPERTIES;
    f.set_context_properties.ctx_id = id;
    f.set_context_properties.band = band;
    f.set_context_properties.quantum = quantum;
    return fwt_do(&f);
}

uint32_t fwt_event_count(void)
{
    return desc(FWT_EVENT_DESC)->head;
}

struct sgpu_event_record fwt_event(uint32_t i)
{
    struct sgpu_ring_desc *d = desc(FWT_EVENT_DESC);
    struct sgpu_event_record r;
    assert_true(i < d->head);
    memcpy(&r, fwt_mem(d->base + 32u * (i & (d->entries - 1u))), sizeof r);
    return r;
}

void fwt_event_consume_all(void)
{
    struct sgpu_ring_desc *d = desc(FWT_EVENT_DESC);
    d->tail = d->head;
}

unsigned fwt_events_of(uint16_t type, struct sgpu_event_record *last)
{
    unsigned n = 0;
    for (uint32_t i = 0; i < fwt_event_count(); i++) {
        struct sgpu_event_record r = fwt_event(i);
        if (r.type == type) {
            n++;
            if (last)
                *last = r;
        }
    }
    return n;
}

unsigned fwt_starts(unsigned e)
{
    const struct hal_fake_start *log;
    return hal_fake_engine_starts(e, &log);
}

static const struct hal_fake_start *last_start(unsigned e)
{
    const struct hal_fake_start *log;
    unsigned n = hal_fake_engine_starts(e, &log);
    assert_true(n > 0);
    return &log[n - 1];
}

uint32_t fwt_last_start_ctx(unsigned e) { return last_start(e)->ctx; }
uint32_t fwt_last_start_head(unsigned e) { return last_start(e)->head; }
int fwt_last_start_polls(unsigned e)
{
    return (last_start(e)->config & SGPU_ENG_CONFIG_POLL_WAIT_MASK) != 0;
}

int fwt_last_start_resumes(unsigned e)
{
    return (last_start(e)->cmd & SGPU_ENG_CMD_RESUME_MASK) != 0;
}

void fwt_advance(uint64_t cycles)
{
    uint64_t t = ((uint64_t)hal_fake_peek(SGPU_SYSCTL_MTIME_HI_ADDR) << 32) |
                 hal_fake_peek(SGPU_SYSCTL_MTIME_LO_ADDR);
    t += cycles;
    hal_fake_poke(SGPU_SYSCTL_MTIME_HI_ADDR, (uint32_t)(t >> 32));
    hal_fake_poke(SGPU_SYSCTL_MTIME_LO_ADDR, (uint32_t)t);
}
