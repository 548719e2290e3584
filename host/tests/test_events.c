/* test_events.c: the event ring: records decoded field by field, tail handed back after
 * each, seq gaps and EVENTS_LOST counted, free-running counts that wrap, an impossible head;
 * then, over a device handle without a transport, what events do to contexts: errors and
 * resets mark them, after which submissions, commands and fence waits say so. */
/* SPDX-License-Identifier: Apache-2.0 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "evring.h"
#include "gpu.h"
#include "sgpu.h"
#include "transport.h"

#define ENTRIES 8u

struct fw_side {
    _Alignas(64) struct sgpu_ring_desc desc;
    _Alignas(64) struct sgpu_event_record rec[ENTRIES];
};

/* What the firmware does: the record, then head. */
static void post(struct fw_side *fw, const struct sgpu_event_record *r)
{
    uint32_t head = fw->desc.head;
    memcpy(&fw->rec[head % ENTRIES], r, sizeof *r);
    __atomic_store_n(&fw->desc.head, head + 1, __ATOMIC_RELEASE);
}

static struct sgpu_event_record rec(uint16_t type, uint32_t seq, uint32_t ctx)
{
    struct sgpu_event_record r;
    memset(&r, 0, sizeof r);
    r.type = type;
    r.seq = seq;
    r.ctx_id = ctx;
    return r;
}

static void test_empty_ring(void **state)
{
    (void)state;
    static struct fw_side fw;
    struct ev_ring r;
    struct sgpu_event_info ev;
    memset(&fw, 0, sizeof fw);
    evring_init(&r, &fw.desc, fw.rec, ENTRIES);
    assert_int_equal(evring_next(&r, &ev), 0);
    assert_int_equal(fw.desc.tail, 0);
}

static void test_decode_and_tail(void **state)
{
    (void)state;
    static struct fw_side fw;
    struct ev_ring r;
    struct sgpu_event_info ev;
    memset(&fw, 0, sizeof fw);
    evring_init(&r, &fw.desc, fw.rec, ENTRIES);
    struct sgpu_event_record in = {
        .type = SGPU_EVENT_CONTEXT_ERROR, .flags = SGPU_EVENT_FLAG_ENGINE_RESET_REQUIRED,
        .seq = 0x11223344u, .ctx_id = 5, .node = SGPU_NODE_COMPUTE, .engine = 0,
        .reason = SGPU_CMD_ERROR_MISALIGNED, .value = 0x1230, .aux = 0x00000604u,
    };
    post(&fw, &in);
    /* the raw bytes the firmware wrote, as docs/protocol.md places them */
    const uint8_t *raw = (const uint8_t *)&fw.rec[0];
    assert_int_equal(raw[0] | raw[1] << 8, SGPU_EVENT_CONTEXT_ERROR);
    assert_int_equal(raw[14] | raw[15] << 8, SGPU_CMD_ERROR_MISALIGNED);
    assert_int_equal(evring_next(&r, &ev), 1);
    assert_int_equal(ev.type, SGPU_EVENT_CONTEXT_ERROR);
    assert_int_equal(ev.flags, SGPU_EVENT_FLAG_ENGINE_RESET_REQUIRED);
    assert_int_equal(ev.seq, 0x11223344u);
    assert_int_equal(ev.ctx_id, 5);
    assert_int_equal(ev.node, SGPU_NODE_COMPUTE);
    assert_int_equal(ev.engine, 0);
    assert_int_equal(ev.reason, SGPU_CMD_ERROR_MISALIGNED);
    assert_int_equal(ev.value, 0x1230);
    assert_int_equal(ev.aux, 0x604);
    assert_int_equal(ev.missed, 0);
    assert_null(ev.ctx);
    assert_int_equal(fw.desc.tail, 1);      /* the slot is handed back */
    assert_int_equal(evring_next(&r, &ev), 0);
}

static void test_seq_gaps_and_events_lost(void **state)
{
    (void)state;
    static struct fw_side fw;
    struct ev_ring r;
    struct sgpu_event_info ev;
    memset(&fw, 0, sizeof fw);
    evring_init(&r, &fw.desc, fw.rec, ENTRIES);
    struct sgpu_event_record a = rec(SGPU_EVENT_MONITORED_FENCE_SIGNALED, 10, 1);
    post(&fw, &a);
    a.seq = 11;
    post(&fw, &a);
    a.seq = 14;                              /* 12 and 13 never came */
    post(&fw, &a);
    a.seq = 15;
    a.flags = SGPU_EVENT_FLAG_EVENTS_LOST;   /* dropped ones that took no seq */
    post(&fw, &a);
    assert_int_equal(evring_next(&r, &ev), 1);
    assert_int_equal(ev.missed, 0);          /* the first seq is whatever it is */
    assert_int_equal(evring_next(&r, &ev), 1);
    assert_int_equal(ev.missed, 0);
    assert_int_equal(evring_next(&r, &ev), 1);
    assert_int_equal(ev.missed, 2);
    assert_int_equal(r.missed, 2);
    assert_int_equal(evring_next(&r, &ev), 1);
    assert_int_equal(ev.missed, 0);
    assert_int_equal(ev.flags, SGPU_EVENT_FLAG_EVENTS_LOST);
    assert_int_equal(r.missed, 3);
    /* seq wraps at 2^32 without a gap */
    a = rec(SGPU_EVENT_MONITORED_FENCE_SIGNALED, UINT32_MAX, 1);
    r.next_seq = UINT32_MAX;
    post(&fw, &a);
    a.seq = 0;
    post(&fw, &a);
    assert_int_equal(evring_next(&r, &ev), 1);
    assert_int_equal(evring_next(&r, &ev), 1);
    assert_int_equal(ev.missed, 0);
    assert_int_equal(r.missed, 3);
}

static void test_counts_wrap_and_full_ring(void **state)
{
    (void)state;
    static struct fw_side fw;
    struct ev_ring r;
    struct sgpu_event_info ev;
    memset(&fw, 0, sizeof fw);
    fw.desc.head = fw.desc.tail = UINT32_MAX - 3;   /* a driver that joins late */
    evring_init(&r, &fw.desc, fw.rec, ENTRIES);
    for (uint32_t i = 0; i < ENTRIES; i++) {        /* exactly full */
        struct sgpu_event_record a = rec(SGPU_EVENT_CONTEXT_RESET, 100 + i, i);
        a.value = i;
        post(&fw, &a);
    }
    for (uint32_t i = 0; i < ENTRIES; i++) {
        assert_int_equal(evring_next(&r, &ev), 1);
        assert_int_equal(ev.ctx_id, i);
        assert_int_equal(ev.value, i);
        assert_int_equal(ev.missed, 0);
        assert_int_equal(fw.desc.tail, UINT32_MAX - 3 + i + 1);
    }
    assert_int_equal(evring_next(&r, &ev), 0);
    assert_int_equal(fw.desc.tail, ENTRIES - 4);
}

static void test_impossible_head(void **state)
{
    (void)state;
    static struct fw_side fw;
    struct ev_ring r;
    struct sgpu_event_info ev;
    memset(&fw, 0, sizeof fw);
    evring_init(&r, &fw.desc, fw.rec, ENTRIES);
    fw.desc.head = ENTRIES + 1;
    assert_int_equal(evring_next(&r, &ev), SGPU_ERR_DEVICE_LOST);
    assert_int_equal(fw.desc.tail, 0);
    fw.desc.head = UINT32_MAX;                       /* "behind" tail is as impossible */
    assert_int_equal(evring_next(&r, &ev), SGPU_ERR_DEVICE_LOST);
}

/* ---- Device level, over a handle without a transport -------------------------------- */

struct fixture {
    struct sgpu_dev dev;
    struct gpu *g;
    struct fw_side fw;
    struct sgpu_ctx ctx[2];
    uint64_t fence[2];
    uint8_t ring_mem[2][256];
    struct sgpu_event_info seen[16];
    unsigned nseen, device_cb_calls;
};

static void log_event(sgpu_dev *dev, const struct sgpu_event_info *ev, void *user)
{
    struct fixture *fx = user;
    assert_ptr_equal(dev, &fx->dev);
    if (fx->nseen < 16)
        fx->seen[fx->nseen++] = *ev;
}

static void device_cb(sgpu_dev *dev, const struct sgpu_event_info *ev, void *user)
{
    (void)ev;
    struct fixture *fx = user;
    assert_ptr_equal(dev, &fx->dev);
    fx->device_cb_calls++;
}

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    if (!fx)
        return -1;
    fx->dev.timeout_ms = 10;
    fx->g = gpu_of(&fx->dev);
    if (!fx->g)
        return -1;
    /* as sgpu_ctl_start leaves it, minus the registers */
    fx->g->ctl.started = 1;
    fx->g->ctl.ctx_count = 16;
    fx->g->events_on = 1;
    evring_init(&fx->g->ev, &fx->fw.desc, fx->fw.rec, ENTRIES);
    for (unsigned i = 0; i < 2; i++) {
        struct sgpu_ctx *c = &fx->ctx[i];
        c->dev = &fx->dev;
        c->id = 3 + i;
        c->fence = &fx->fence[i];
        c->last_value = 5;
        fx->fence[i] = 2;
        if (cmdring_init(&c->ring, fx->ring_mem[i], 256, 4))
            return -1;
        fx->g->ctxs[c->id] = c;
    }
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    for (unsigned i = 0; i < 2; i++) {
        fx->g->ctxs[fx->ctx[i].id] = NULL;
        cmdring_fini(&fx->ctx[i].ring);
    }
    fx->g->ctl.started = 0;              /* nothing to tell a firmware that is not there */
    gpu_release(&fx->dev);
    free(fx);
    return 0;
}

static void test_poll_decodes_and_names_contexts(void **state)
{
    struct fixture *fx = *state;
    struct sgpu_event_record a = rec(SGPU_EVENT_MONITORED_FENCE_SIGNALED, 1, 3);
    a.value = 4;
    post(&fx->fw, &a);
    a = rec(SGPU_EVENT_GPU_ENGINE_TIMEOUT, 2, SGPU_PROTO_CONTEXT_NONE);
    post(&fx->fw, &a);
    assert_int_equal(sgpu_events_poll(&fx->dev, log_event, fx), 2);
    assert_int_equal(fx->nseen, 2);
    assert_ptr_equal(fx->seen[0].ctx, &fx->ctx[0]);
    assert_int_equal(fx->seen[0].value, 4);
    assert_null(fx->seen[1].ctx);
    assert_int_equal(sgpu_events_poll(&fx->dev, log_event, fx), 0);
    assert_int_equal(sgpu_ctx_error(&fx->ctx[0], NULL), SGPU_OK);
    /* without a callback of its own, the device's gets them */
    assert_int_equal(sgpu_set_event_callback(&fx->dev, device_cb, fx), SGPU_OK);
    a = rec(SGPU_EVENT_MONITORED_FENCE_SIGNALED, 3, 4);
    post(&fx->fw, &a);
    assert_int_equal(sgpu_events_poll(&fx->dev, NULL, NULL), 1);
    assert_int_equal(fx->device_cb_calls, 1);
    assert_int_equal(sgpu_events_missed(&fx->dev), 0);
}

static void test_context_error_marks_the_context(void **state)
{
    struct fixture *fx = *state;
    struct sgpu_ctx *c = &fx->ctx[0];
    struct sgpu_ctx_fault f;
    uint64_t v = 0;
    uint8_t snap[256];

    /* before: a wait with no time left times out, a value never submitted is refused */
    assert_int_equal(sgpu_fence_wait(c, 5, 0), SGPU_ERR_TIMEOUT);
    assert_int_equal(sgpu_fence_wait(c, 6, 0), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_fence_wait(c, 2, 0), SGPU_OK);
    assert_int_equal(sgpu_fence_read(c), 2);

    struct sgpu_event_record a = rec(SGPU_EVENT_CONTEXT_ERROR, 7, 3);
    a.reason = SGPU_CMD_ERROR_MISALIGNED;
    a.value = 0x40;
    a.aux = 0x00000604u;
    post(&fx->fw, &a);
    memcpy(snap, fx->ring_mem[0], sizeof snap);
    /* submit looks at events first, so it already refuses */
    assert_int_equal(sgpu_submit(c, 0, &v), SGPU_ERR_CTX_ERROR);
    assert_int_equal(v, 0);
    assert_int_equal(sgpu_ctx_error(c, &f), SGPU_ERR_CTX_ERROR);
    assert_int_equal(f.event, SGPU_EVENT_CONTEXT_ERROR);
    assert_int_equal(f.reason, SGPU_CMD_ERROR_MISALIGNED);
    assert_int_equal(f.ring_offset, 0x40);
    assert_int_equal(f.aux, 0x604);
    assert_int_equal(sgpu_cmd_nop(c, 1), SGPU_ERR_CTX_ERROR);
    assert_int_equal(sgpu_cmd_copy(c, 0, 8, 8, 0), SGPU_ERR_CTX_ERROR);
    assert_true(strstr(sgpu_last_error(), "in error") != NULL);
    assert_int_equal(sgpu_fence_wait(c, 5, 0), SGPU_ERR_CTX_ERROR);
    assert_int_equal(sgpu_fence_wait(c, 2, 0), SGPU_OK);  /* what completed, completed */
    assert_memory_equal(snap, fx->ring_mem[0], sizeof snap);
    assert_int_equal(c->ring.written, 0);
    /* a later event does not overwrite the first cause; the other context is fine */
    a = rec(SGPU_EVENT_CONTEXT_RESET, 8, 3);
    post(&fx->fw, &a);
    assert_int_equal(sgpu_events_poll(&fx->dev, NULL, NULL), 1);
    assert_int_equal(sgpu_ctx_error(c, &f), SGPU_ERR_CTX_ERROR);
    assert_int_equal(f.event, SGPU_EVENT_CONTEXT_ERROR);
    assert_int_equal(sgpu_ctx_error(&fx->ctx[1], NULL), SGPU_OK);
    /* an argument error is still an argument error */
    assert_int_equal(sgpu_submit(c, 0x80, NULL), SGPU_ERR_INVALID);
}

static void test_context_reset_and_seq_gap(void **state)
{
    struct fixture *fx = *state;
    struct sgpu_ctx *c = &fx->ctx[1];
    struct sgpu_ctx_fault f;
    struct sgpu_event_record a = rec(SGPU_EVENT_CONTEXT_RESET, 20, 4);
    a.flags = SGPU_EVENT_FLAG_COLLATERAL_DAMAGE;
    a.value = 2;
    post(&fx->fw, &a);
    a = rec(SGPU_EVENT_MONITORED_FENCE_SIGNALED, 25, 4);   /* 21..24 lost */
    post(&fx->fw, &a);
    assert_int_equal(sgpu_events_poll(&fx->dev, log_event, fx), 2);
    assert_int_equal(fx->seen[1].missed, 4);
    assert_int_equal(sgpu_events_missed(&fx->dev), 4);
    /* invalidated by an engine reset: lost for good, and the detail says how */
    assert_int_equal(sgpu_ctx_error(c, &f), SGPU_ERR_DEVICE_LOST);
    assert_int_equal(f.event, SGPU_EVENT_CONTEXT_RESET);
    assert_int_equal(f.flags, SGPU_EVENT_FLAG_COLLATERAL_DAMAGE);
    assert_int_equal(f.value, 2);
    assert_int_equal(sgpu_cmd_nop(c, 1), SGPU_ERR_DEVICE_LOST);
    assert_true(strstr(sgpu_last_error(), "reset") != NULL);
    assert_true(strstr(sgpu_last_error(), "collateral damage") != NULL);
    assert_int_equal(sgpu_submit(c, 0, NULL), SGPU_ERR_DEVICE_LOST);
}

static void test_adapter_reset_loses_the_device(void **state)
{
    struct fixture *fx = *state;
    assert_int_equal(sgpu_device_state(&fx->dev), SGPU_OK);
    struct sgpu_event_record a = rec(SGPU_EVENT_GPU_ENGINE_TIMEOUT, 30, SGPU_PROTO_CONTEXT_NONE);
    a.flags = SGPU_EVENT_FLAG_ADAPTER_RESET_REQUIRED;
    post(&fx->fw, &a);
    assert_int_equal(sgpu_events_poll(&fx->dev, log_event, fx), 1);
    assert_int_equal(sgpu_device_state(&fx->dev), SGPU_ERR_DEVICE_LOST);
    assert_int_equal(sgpu_events_poll(&fx->dev, log_event, fx), SGPU_ERR_DEVICE_LOST);
    assert_int_equal(sgpu_cmd_nop(&fx->ctx[0], 1), SGPU_ERR_DEVICE_LOST);
    assert_int_equal(sgpu_submit(&fx->ctx[1], 0, NULL), SGPU_ERR_DEVICE_LOST);
    assert_int_equal(sgpu_ctx_error(&fx->ctx[0], NULL), SGPU_ERR_DEVICE_LOST);
}

static void test_broken_event_ring_loses_the_device(void **state)
{
    struct fixture *fx = *state;
    fx->fw.desc.head = fx->fw.desc.tail + ENTRIES + 5;
    assert_int_equal(sgpu_events_poll(&fx->dev, log_event, fx), SGPU_ERR_DEVICE_LOST);
    assert_int_equal(sgpu_device_state(&fx->dev), SGPU_ERR_DEVICE_LOST);
    assert_int_equal(fx->nseen, 0);
}

static void test_create_refusals_touch_nothing(void **state)
{
    struct fixture *fx = *state;
    sgpu_ctx *c = (sgpu_ctx *)fx;
    struct sgpu_ctx_options o = {.ring_bytes = 4096, .band = SGPU_BAND_NORMAL};
    assert_int_equal(sgpu_ctx_create(&fx->dev, 0, NULL, NULL), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_ctx_create(NULL, 0, NULL, &c), SGPU_ERR_INVALID);
    assert_null(c);
    assert_int_equal(sgpu_ctx_create(&fx->dev, 2, &o, &c), SGPU_ERR_INVALID);   /* node */
    o.ring_bytes = 128;
    assert_int_equal(sgpu_ctx_create(&fx->dev, 0, &o, &c), SGPU_ERR_INVALID);
    o.ring_bytes = 3000;
    assert_int_equal(sgpu_ctx_create(&fx->dev, 0, &o, &c), SGPU_ERR_INVALID);
    o.ring_bytes = 32u << 20;
    assert_int_equal(sgpu_ctx_create(&fx->dev, 0, &o, &c), SGPU_ERR_INVALID);
    o.ring_bytes = 4096;
    o.band = 4;
    assert_int_equal(sgpu_ctx_create(&fx->dev, 0, &o, &c), SGPU_ERR_INVALID);
    o.band = SGPU_BAND_REALTIME;
    o.flags = 0x2;
    assert_int_equal(sgpu_ctx_create(&fx->dev, 1, &o, &c), SGPU_ERR_INVALID);
    o.flags = 0;
    o.lib_flags = 0x10;
    assert_int_equal(sgpu_ctx_create(&fx->dev, 1, &o, &c), SGPU_ERR_INVALID);
    assert_null(c);
    /* the control channel's own checks */
    struct sgpu_ctl_options co = {.ctrl_entries = 3};
    assert_int_equal(sgpu_ctl_start(&fx->dev, &co), SGPU_ERR_INVALID);
    co = (struct sgpu_ctl_options){.event_vector = 32};
    assert_int_equal(sgpu_ctl_start(&fx->dev, &co), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_ctl_start(&fx->dev, NULL), SGPU_ERR_STATE);           /* already up */
    union sgpu_ctrl_frame fr;
    memset(&fr, 0, sizeof fr);
    assert_int_equal(sgpu_ctl_call(&fx->dev, &fr, NULL, 0), SGPU_ERR_INVALID);  /* opcode 0 */
    assert_int_equal(sgpu_ctl_call(&fx->dev, NULL, NULL, 0), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_ctl_query_status(&fx->dev, NULL), SGPU_ERR_INVALID);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_ring),
        cmocka_unit_test(test_decode_and_tail),
        cmocka_unit_test(test_seq_gaps_and_events_lost),
        cmocka_unit_test(test_counts_wrap_and_full_ring),
        cmocka_unit_test(test_impossible_head),
        cmocka_unit_test_setup_teardown(test_poll_decodes_and_names_contexts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_context_error_marks_the_context, setup, teardown),
        cmocka_unit_test_setup_teardown(test_context_reset_and_seq_gap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_adapter_reset_loses_the_device, setup, teardown),
        cmocka_unit_test_setup_teardown(test_broken_event_ring_loses_the_device, setup, teardown),
        cmocka_unit_test_setup_teardown(test_create_refusals_touch_nothing, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
