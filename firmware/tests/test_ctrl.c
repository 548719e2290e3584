/* test_ctrl.c: host unit tests of ctrl.c, the control ring consumer: every opcode and every
 * error status, versions, completions and the ring's wrap, through the firmware's loop. */
/* SPDX-License-Identifier: Apache-2.0 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ctrl.h"
#include "fwtest.h"
#include "hal.h"
#include "hal_fake.h"
#include "loop.h"
#include "sched.h"



static union sgpu_ctrl_frame frame(uint8_t opcode)
{
    union sgpu_ctrl_frame f;
    memset(&f, 0, sizeof f);
    f.hdr.opcode = opcode;
    return f;
}

static union sgpu_ctrl_frame create_frame(uint32_t id)
{
    union sgpu_ctrl_frame f = frame(SGPU_CTRL_OP_CREATE_CONTEXT);
    f.create_context.ctx_id = id;
    f.create_context.node = SGPU_NODE_COMPUTE;
    f.create_context.band = SGPU_BAND_NORMAL;
    f.create_context.flags = SGPU_CTX_FLAG_DISABLE_GPU_TIMEOUT;
    f.create_context.ring_addr = 0x0000000512340000ull;
    f.create_context.ring_bytes = 0x10000;
    f.create_context.progress_fence_addr = FWT_PROGRESS(id);
    f.create_context.save_area_addr = 0x0000000600000040ull;
    return f;
}

static void test_nop_and_completion_order(void **state)
{
    (void)state;
    union sgpu_ctrl_frame f = frame(SGPU_CTRL_OP_NOP);
    uint32_t seq = fwt_submit(&f);
    fwt_run();
    assert_int_equal(fwt_completion(seq), OK);
    /* status and seq first, then value, then the descriptor's tail */
    const struct hal_fake_hostio_op *log;
    unsigned n = hal_fake_hostio_ops(&log), writes = 0;
    uint64_t order[3];
    for (unsigned i = 0; i < n; i++)
        if (log[i].op == SGPU_HOSTIO_CMD_OP_WRITE && writes < 3)
            order[writes++] = log[i].addr;
    assert_int_equal(writes, 3);
    assert_true(order[0] == FWT_COMPLETIONS + 16u * seq + 8u);
    assert_true(order[1] == FWT_COMPLETIONS + 16u * seq);
    assert_true(order[2] == FWT_CTRL_DESC + 32u);
    assert_true(fwt_read64(FWT_CTRL_DESC + 32u) == 1); /* tail + reserved word */
    assert_int_equal(ctrl_stats.frames_done, 1);
    /* a reserved byte of the payload */
    f = frame(SGPU_CTRL_OP_NOP);
    f.nop.rsvd24[39] = 1;
    assert_int_equal(fwt_do(&f), SGPU_CTRL_STATUS_BAD_FRAME);
}

static void test_header_checks(void **state)
{
    (void)state;
    union sgpu_ctrl_frame f = frame(SGPU_CTRL_OP_NOP);
    f.hdr.version = SGPU_PROTO_VERSION_MAJOR + 1;
    assert_int_equal(fwt_do(&f), SGPU_CTRL_STATUS_BAD_VERSION);
    /* a version mismatch does nothing, even for a valid CREATE */
    f = create_frame(2);
    f.hdr.version = SGPU_PROTO_VERSION_MAJOR + 1;
    assert_int_equal(fwt_do(&f), SGPU_CTRL_STATUS_BAD_VERSION);
    assert_false(sched_ctx_live(2));
    f = frame(SGPU_CTRL_OP_NOP);
    f.hdr.size = 32;
    assert_int_equal(fwt_do(&f), SGPU_CTRL_STATUS_BAD_FRAME);
    f = frame(SGPU_CTRL_OP_NOP);
    f.hdr.rsvd3[0] = 1;
    assert_int_equal(fwt_do(&f), SGPU_CTRL_STATUS_BAD_FRAME);
    f = frame(0);
    assert_int_equal(fwt_do(&f), SGPU_CTRL_STATUS_BAD_OPCODE);
    f = frame(SGPU_CTRL_OP_QUERY_STATUS + 1);
    assert_int_equal(fwt_do(&f), SGPU_CTRL_STATUS_BAD_OPCODE);
}

static void test_query_status(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(0, SGPU_NODE_COPY, SGPU_BAND_NORMAL), OK);
    assert_int_equal(fwt_create(1, SGPU_NODE_COPY, SGPU_BAND_NORMAL), OK);
    hal_fake_poke(SGPU_ENG_COMMANDS_ADDR_I(SGPU_NODE_COPY), 1234);
    hal_fake_poke(SGPU_ENG_COMMANDS_ADDR_I(SGPU_NODE_COMPUTE), 0xFFFFFFF0u);
    union sgpu_ctrl_frame f = frame(SGPU_CTRL_OP_QUERY_STATUS);
    f.query_status.result_addr = FWT_STATUS;
    /* answered whatever the header's major, so that the host learns ours */
    f.hdr.version = SGPU_PROTO_VERSION_MAJOR + 3;
    assert_int_equal(fwt_do(&f), OK);
    struct sgpu_status s;
    memcpy(&s, fwt_mem(FWT_STATUS), sizeof s);
    assert_int_equal(s.version_major, SGPU_PROTO_VERSION_MAJOR);
    assert_int_equal(s.version_minor, SGPU_PROTO_VERSION_MINOR);
    assert_int_equal(s.max_contexts, SGPU_CP_CTX_COUNT_RESET);
    assert_int_equal(s.engines_present, 0x101);
    assert_int_equal(s.engines_running, 0x101);
    assert_int_equal(s.engines_responsive, 0x101);
    assert_int_equal(s.contexts_live, 2);
    assert_int_equal(s.contexts_in_error, 0);
    assert_int_equal(s.frames_done, 2);
    assert_true(s.uptime_cycles > 0);
    assert_int_equal(s.copy_commands, 1234);
    assert_int_equal(s.compute_commands, 0xFFFFFFF0u);
    f = frame(SGPU_CTRL_OP_QUERY_STATUS);
    f.query_status.result_addr = FWT_STATUS + 4;
    assert_int_equal(fwt_do(&f), SGPU_CTRL_STATUS_BAD_ARGUMENT);
    f = frame(SGPU_CTRL_OP_QUERY_STATUS);
    f.query_status.result_addr = FWT_STATUS;
    f.query_status.rsvd32[0] = 1;
    assert_int_equal(fwt_do(&f), SGPU_CTRL_STATUS_BAD_FRAME);
}

static void test_create_writes_registers(void **state)
{
    (void)state;
    hal_fake_doorbell(5, 0x80); /* left over from the id's previous owner */
    union sgpu_ctrl_frame f = create_frame(5);
    assert_int_equal(fwt_do(&f), OK);
    assert_int_equal(hal_fake_peek(SGPU_CTX_RING_BASE_LO_ADDR_I(5)), 0x12340000u);
    assert_int_equal(hal_fake_peek(SGPU_CTX_RING_BASE_HI_ADDR_I(5)), 0x5u);
    assert_int_equal(hal_fake_peek(SGPU_CTX_RING_SIZE_ADDR_I(5)), 0x10000u);
    assert_int_equal(hal_fake_peek(SGPU_CTX_ENGINE_ADDR_I(5)), SGPU_NODE_COMPUTE);
    assert_int_equal(hal_fake_peek(SGPU_CTX_FENCE_ADDR_LO_ADDR_I(5)), (uint32_t)FWT_PROGRESS(5));
    assert_int_equal(hal_fake_peek(SGPU_CTX_FENCE_ADDR_HI_ADDR_I(5)), 1u);
    assert_int_equal(hal_fake_peek(SGPU_CTX_SAVE_ADDR_LO_ADDR_I(5)), 0x40u);
    assert_int_equal(hal_fake_peek(SGPU_CTX_SAVE_ADDR_HI_ADDR_I(5)), 0x6u);
    assert_int_equal(hal_fake_peek(SGPU_CTX_TAIL_ADDR_I(5)), 0);          /* ring from 0 */
    assert_int_equal(hal_fake_peek(SGPU_CP_DB_PENDING_ADDR) & (1u << 5), 0); /* stale bit gone */
    assert_int_equal(fwt_starts(1), 0);
    assert_int_equal(sched.ctx[5].state, CTX_IDLE);
    assert_int_equal(sched.ctx[5].head, 0);
}

static void test_create_errors(void **state)
{
    (void)state;
    union sgpu_ctrl_frame f = create_frame(SGPU_CP_CTX_COUNT_RESET);
    assert_int_equal(fwt_do(&f), SGPU_CTRL_STATUS_BAD_CONTEXT);
    f = create_frame(1);
    assert_int_equal(fwt_do(&f), OK);
    f = create_frame(1);
    assert_int_equal(fwt_do(&f), SGPU_CTRL_STATUS_CONTEXT_EXISTS);
    f = create_frame(2);
    f.create_context.node = 2;
    assert_int_equal(fwt_do(&f), SGPU_CTRL_STATUS_BAD_ENGINE);
    f = create_frame(2);
    f.create_context.engine = 1;
    assert_int_equal(fwt_do(&f), SGPU_CTRL_STATUS_BAD_ENGINE);
    f = create_frame(2);
    f.create_context.flags = 0x2;
    assert_int_equal(fwt_do(&f), SGPU_CTRL_STATUS_BAD_FRAME);
    f = create_frame(2);
    f.create_context.rsvd44[3] = 1;
    assert_int_equal(fwt_do(&f), SGPU_CTRL_STATUS_BAD_FRAME);
    static const struct {
        uint8_t band;
        uint32_t ring_bytes;
        uint64_t ring_addr, fence, save;
    } bad[] = {
        {4, 0x1000, 0x10000, 0x100, 0},                /* band */
        {1, 0x1800, 0x10000, 0x100, 0},                /* not a power of two */
        {1, 128, 0x10000, 0x100, 0},                   /* below RING_MIN_BYTES */
        {1, 0x2000000, 0x2000000, 0x100, 0},           /* above RING_MAX_BYTES */
        {1, 0x1000, 0x10800, 0x100, 0},                /* ring not aligned to its size */
        {1, 0x1000, 0x10000, 0x104, 0},                /* fence not 8-aligned */
        {1, 0x1000, 0x10000, 0, 0},                    /* no fence */
        {1, 0x1000, 0x10000, 0x100, 0x20},             /* save area not 64-aligned */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        f = create_frame(2);
        f.create_context.band = bad[i].band;
        f.create_context.ring_bytes = bad[i].ring_bytes;
        f.create_context.ring_addr = bad[i].ring_addr;
        f.create_context.progress_fence_addr = bad[i].fence;
        f.create_context.save_area_addr = bad[i].save;
        assert_int_equal(fwt_do(&f), SGPU_CTRL_STATUS_BAD_ARGUMENT);
    }
    assert_false(sched_ctx_live(2));
}

static void test_context_ops_need_a_context(void **state)
{
    (void)state;
    assert_int_equal(fwt_destroy(3), SGPU_CTRL_STATUS_BAD_CONTEXT);
    assert_int_equal(fwt_suspend(3, 1), SGPU_CTRL_STATUS_BAD_CONTEXT);
    assert_int_equal(fwt_resume(3), SGPU_CTRL_STATUS_BAD_CONTEXT);
    assert_int_equal(fwt_set_quantum(3, 1, 0), SGPU_CTRL_STATUS_BAD_CONTEXT);
    assert_int_equal(fwt_destroy(1000), SGPU_CTRL_STATUS_BAD_CONTEXT);
    union sgpu_ctrl_frame f = frame(SGPU_CTRL_OP_DESTROY_CONTEXT);
    f.destroy_context.ctx_id = 3;
    f.destroy_context.rsvd28[35] = 1;
    assert_int_equal(fwt_do(&f), SGPU_CTRL_STATUS_BAD_FRAME);
    f = frame(SGPU_CTRL_OP_RESUME_CONTEXT);
    f.resume_context.rsvd28[0] = 1;
    assert_int_equal(fwt_do(&f), SGPU_CTRL_STATUS_BAD_FRAME);
}

static void test_destroy(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(3, SGPU_NODE_COPY, SGPU_BAND_NORMAL), OK);
    assert_int_equal(fwt_destroy(3), OK);
    assert_false(sched_ctx_live(3));
    assert_int_equal(fwt_destroy(3), SGPU_CTRL_STATUS_BAD_CONTEXT);
    assert_int_equal(fwt_create(3, SGPU_NODE_COPY, SGPU_BAND_NORMAL), OK); /* id reusable */
}

static void test_destroy_running_stops_it_first(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(3, SGPU_NODE_COPY, SGPU_BAND_NORMAL), OK);
    assert_int_equal(fwt_create(4, SGPU_NODE_COPY, SGPU_BAND_NORMAL), OK);
    hal_fake_doorbell(3, 0x40);
    hal_fake_doorbell(4, 0x20);
    fwt_run();
    assert_int_equal(fwt_last_start_ctx(0), 3);
    hal_fake_engine_autostop(0, 1);
    assert_int_equal(fwt_destroy(3), OK);
    assert_int_equal(hal_fake_engine_stops(0), 1);
    assert_int_equal(hal_fake_engine_resets(0), 0);
    /* the other context gets the engine, the destroyed one never again */
    assert_int_equal(fwt_last_start_ctx(0), 4);
    hal_fake_engine_stopped(0, SGPU_ENG_STATUS_STOP_REASON_EMPTY, 0x20, 0, 0);
    hal_fake_doorbell(3, 0x80);
    fwt_run();
    assert_int_equal(fwt_starts(0), 2);
    assert_int_equal(sched.doorbells_dropped, 1);
}

static void test_destroy_engine_that_will_not_stop(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(3, SGPU_NODE_COPY, SGPU_BAND_NORMAL), OK);
    hal_fake_doorbell(3, 0x40);
    fwt_run();
    hal_fake_mtime_step(4096); /* the bounded wait ends sooner */
    assert_int_equal(fwt_destroy(3), OK); /* the STOP is ignored: the engine is reset */
    assert_int_equal(hal_fake_engine_stops(0), 1);
    assert_int_equal(hal_fake_engine_resets(0), 1);
    assert_false(sched_ctx_live(3));
    assert_int_equal(fwt_events_of(SGPU_EVENT_CONTEXT_RESET, NULL), 0);
}

/* An engine wedged by the firmware itself (a STOP ignored, its reset hanging) waits for the
 * host's RESET_ENGINE: that one is not refused as a second reset. */
static void test_wedged_engine_can_be_reset(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(3, SGPU_NODE_COPY, SGPU_BAND_NORMAL), OK);
    hal_fake_doorbell(3, 0x40);
    fwt_run();
    hal_fake_mtime_step(4096);
    hal_fake_engine_reset_hangs(0, 1);
    assert_int_equal(fwt_destroy(3), OK);
    assert_int_equal(fwt_events_of(SGPU_EVENT_GPU_ENGINE_TIMEOUT, NULL), 1);
    assert_int_equal(fwt_reset_engine(0), SGPU_CTRL_STATUS_RESET_FAILED);
    hal_fake_engine_reset_hangs(0, 0);
    assert_int_equal(fwt_reset_engine(0), OK); /* a failed reset may be tried again */
    assert_int_equal(fwt_reset_engine(0), SGPU_CTRL_STATUS_BAD_STATE);
    assert_int_equal(fwt_resume_engine(0), OK);
}

static void test_suspend_argument_checks(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(0, SGPU_NODE_COPY, SGPU_BAND_NORMAL), OK);
    union sgpu_ctrl_frame f = frame(SGPU_CTRL_OP_SUSPEND_CONTEXT);
    f.suspend_context.ctx_id = 0;
    f.suspend_context.suspend_fence_addr = FWT_SUSPEND_FENCE(0) + 4;
    f.suspend_context.suspend_fence_value = 1;
    assert_int_equal(fwt_do(&f), SGPU_CTRL_STATUS_BAD_ARGUMENT);
    f.suspend_context.suspend_fence_addr = 0;
    assert_int_equal(fwt_do(&f), SGPU_CTRL_STATUS_BAD_ARGUMENT);
    f.suspend_context.suspend_fence_addr = FWT_SUSPEND_FENCE(0);
    f.suspend_context.rsvd48[15] = 1;
    assert_int_equal(fwt_do(&f), SGPU_CTRL_STATUS_BAD_FRAME);
    assert_int_equal(fwt_suspend(0, 5), SGPU_CTRL_STATUS_PENDING);
    assert_int_equal(fwt_resume(0), OK);
    assert_int_equal(fwt_suspend(0, 5), SGPU_CTRL_STATUS_BAD_ARGUMENT); /* must increase */
    assert_int_equal(fwt_suspend(0, 4), SGPU_CTRL_STATUS_BAD_ARGUMENT);
    assert_int_equal(fwt_suspend(0, 6), SGPU_CTRL_STATUS_PENDING);
    assert_int_equal(fwt_resume(0), OK);
    assert_int_equal(fwt_resume(0), OK); /* not suspended: nothing to do */
}

static void test_engine_ops(void **state)
{
    (void)state;
    assert_int_equal(fwt_reset_engine(2), SGPU_CTRL_STATUS_BAD_ENGINE);
    assert_int_equal(fwt_resume_engine(2), SGPU_CTRL_STATUS_BAD_ENGINE);
    union sgpu_ctrl_frame f = frame(SGPU_CTRL_OP_RESET_ENGINE);
    f.reset_engine.engine = 1;
    assert_int_equal(fwt_do(&f), SGPU_CTRL_STATUS_BAD_ENGINE);
    f = frame(SGPU_CTRL_OP_RESET_ENGINE);
    f.reset_engine.rsvd32[31] = 1;
    assert_int_equal(fwt_do(&f), SGPU_CTRL_STATUS_BAD_FRAME);
    f = frame(SGPU_CTRL_OP_RESET_ENGINE);
    f.reset_engine.flags = 2; /* undefined flag */
    assert_int_equal(fwt_do(&f), SGPU_CTRL_STATUS_BAD_FRAME);
    f = frame(SGPU_CTRL_OP_RESET_ENGINE);
    f.reset_engine.guilty_ctx_id = 3; /* a context without flags.GUILTY */
    assert_int_equal(fwt_do(&f), SGPU_CTRL_STATUS_BAD_FRAME);
    /* a guilty context that does not exist, or is not the engine's: nothing done */
    assert_int_equal(fwt_reset_engine_guilty(0, 3), SGPU_CTRL_STATUS_BAD_CONTEXT);
    assert_int_equal(fwt_reset_engine_guilty(0, 99), SGPU_CTRL_STATUS_BAD_CONTEXT);
    assert_int_equal(fwt_create(3, SGPU_NODE_COMPUTE, SGPU_BAND_NORMAL), OK);
    assert_int_equal(fwt_reset_engine_guilty(0, 3), SGPU_CTRL_STATUS_BAD_CONTEXT);
    assert_int_equal(hal_fake_engine_resets(0), 0);
    assert_int_equal(fwt_resume_engine(0), SGPU_CTRL_STATUS_BAD_STATE); /* not reset */
    assert_int_equal(fwt_reset_engine(0), OK);
    assert_int_equal(hal_fake_engine_resets(0), 1);
    /* a second reset before the resume: refused, nothing done */
    assert_int_equal(fwt_reset_engine(0), SGPU_CTRL_STATUS_BAD_STATE);
    assert_int_equal(fwt_reset_engine_guilty(0, 3), SGPU_CTRL_STATUS_BAD_STATE);
    assert_int_equal(hal_fake_engine_resets(0), 1);
    assert_int_equal(fwt_resume_engine(0), OK);
    assert_int_equal(fwt_resume_engine(0), SGPU_CTRL_STATUS_BAD_STATE);
    assert_int_equal(fwt_reset_engine(0), OK); /* resumed: it may be reset again */
    assert_int_equal(hal_fake_engine_resets(0), 2);
    assert_int_equal(fwt_resume_engine(0), OK);
    hal_fake_mtime_step(4096);
    hal_fake_engine_reset_hangs(1, 1);
    assert_int_equal(fwt_reset_engine(1), SGPU_CTRL_STATUS_RESET_FAILED);
}

static void test_set_context_properties(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(0, SGPU_NODE_COPY, SGPU_BAND_NORMAL), OK);
    union sgpu_ctrl_frame f = frame(SGPU_CTRL_OP_SET_CONTEXT_PROPERTIES);
    f.set_context_properties.ctx_id = 0;
    f.set_context_properties.band = SGPU_BAND_REALTIME;
    f.set_context_properties.realtime_level = 31;
    f.set_context_properties.in_process_priority = -7;
    f.set_context_properties.quantum = 20000; /* 2 ms */
    f.set_context_properties.grace_same = 7;
    f.set_context_properties.grace_lower = 9;
    assert_int_equal(fwt_do(&f), OK);
    assert_int_equal(sched.ctx[0].band, SGPU_BAND_REALTIME);
    assert_int_equal(sched.ctx[0].quantum, SGPU_CFG_CLK_HZ / 500u);
    assert_int_equal(sched.ctx[0].grace_same, 7);
    union sgpu_ctrl_frame bad = f;
    bad.set_context_properties.band = 4;
    assert_int_equal(fwt_do(&bad), SGPU_CTRL_STATUS_BAD_ARGUMENT);
    bad = f;
    bad.set_context_properties.realtime_level = 32;
    assert_int_equal(fwt_do(&bad), SGPU_CTRL_STATUS_BAD_ARGUMENT);
    bad = f;
    bad.set_context_properties.in_process_priority = 8;
    assert_int_equal(fwt_do(&bad), SGPU_CTRL_STATUS_BAD_ARGUMENT);
    bad = f;
    bad.set_context_properties.in_process_priority = -8;
    assert_int_equal(fwt_do(&bad), SGPU_CTRL_STATUS_BAD_ARGUMENT);
    bad = f;
    bad.set_context_properties.rsvd31[0] = 1;
    assert_int_equal(fwt_do(&bad), SGPU_CTRL_STATUS_BAD_FRAME);
    bad = f;
    bad.set_context_properties.rsvd44[19] = 1;
    assert_int_equal(fwt_do(&bad), SGPU_CTRL_STATUS_BAD_FRAME);
}

static void test_set_priority_bands(void **state)
{
    (void)state;
    assert_int_equal(fwt_set_band(SGPU_BAND_FOCUS, 1000, 5000), OK);
    assert_int_equal(sched.band[SGPU_BAND_FOCUS].grace, sched_cycles(1000));
    assert_int_equal(sched.band[SGPU_BAND_FOCUS].quantum, sched_cycles(5000));
    assert_int_equal(fwt_set_band(4, 0, 0), SGPU_CTRL_STATUS_BAD_ARGUMENT);
    union sgpu_ctrl_frame f = frame(SGPU_CTRL_OP_SET_PRIORITY_BANDS);
    f.set_priority_bands.band = SGPU_BAND_NORMAL;
    f.set_priority_bands.target_normal_pct = 51;
    assert_int_equal(fwt_do(&f), SGPU_CTRL_STATUS_BAD_ARGUMENT);
    f.set_priority_bands.target_normal_pct = 50;
    assert_int_equal(fwt_do(&f), OK);
    assert_int_equal(sched.target_normal_pct, 50);
    f.set_priority_bands.rsvd40[0] = 1;
    assert_int_equal(fwt_do(&f), SGPU_CTRL_STATUS_BAD_FRAME);
}

static void test_set_log_buffer_and_log(void **state)
{
    (void)state;
    union sgpu_ctrl_frame f = frame(SGPU_CTRL_OP_SET_LOG_BUFFER);
    f.set_log_buffer.node = SGPU_NODE_COPY;
    f.set_log_buffer.entries = 2;
    f.set_log_buffer.buffer_addr = FWT_LOG + 16; /* not 32-aligned */
    f.set_log_buffer.interrupt_entry = 1;
    assert_int_equal(fwt_do(&f), SGPU_CTRL_STATUS_BAD_ARGUMENT);
    f.set_log_buffer.buffer_addr = FWT_LOG;
    f.set_log_buffer.interrupt_entry = 2; /* past the end */
    assert_int_equal(fwt_do(&f), SGPU_CTRL_STATUS_BAD_ARGUMENT);
    f.set_log_buffer.interrupt_entry = 1;
    f.set_log_buffer.node = 2;
    assert_int_equal(fwt_do(&f), SGPU_CTRL_STATUS_BAD_ENGINE);
    f.set_log_buffer.node = SGPU_NODE_COPY;
    assert_int_equal(fwt_do(&f), OK);
    struct sgpu_log_header h;
    memcpy(&h, fwt_mem(FWT_LOG), sizeof h);
    assert_int_equal(h.first_free, 0);
    assert_true(h.entries == 2);

    assert_int_equal(fwt_create(0, SGPU_NODE_COPY, SGPU_BAND_NORMAL), OK);
    hal_fake_doorbell(0, 0x40);
    fwt_run(); /* RUNNING: entry 0 */
    hal_fake_engine_stopped(0, SGPU_ENG_STATUS_STOP_REASON_EMPTY, 0x40, 0, 0);
    fwt_run(); /* IDLE: entry 1, the interrupt entry */
    hal_fake_doorbell(0, 0x80);
    fwt_run(); /* RUNNING: entry 0 again, wrapped */
    memcpy(&h, fwt_mem(FWT_LOG), sizeof h);
    assert_int_equal(h.first_free, 1);
    assert_int_equal(h.wraparound_count, 1);
    struct sgpu_log_entry e[2];
    memcpy(e, fwt_mem(FWT_LOG + 32), sizeof e);
    assert_true(e[0].new_state == SGPU_CTX_STATE_RUNNING);
    assert_true(e[0].context == 0);
    assert_int_equal(e[0].operation, SGPU_LOG_OP_CONTEXT_STATE_CHANGE);
    assert_true(e[1].new_state == SGPU_CTX_STATE_IDLE);
    assert_true(e[1].timestamp > 0);
    struct sgpu_event_record r;
    assert_int_equal(fwt_events_of(SGPU_EVENT_SCHEDULING_LOG_INTERRUPT, &r), 1);
    assert_true(r.value == 1);
    /* buffer 0: logging stops, the old buffer is never written again */
    f.set_log_buffer.buffer_addr = 0;
    f.set_log_buffer.entries = 0;
    f.set_log_buffer.interrupt_entry = 0;
    assert_int_equal(fwt_do(&f), OK);
    hal_fake_engine_stopped(0, SGPU_ENG_STATUS_STOP_REASON_EMPTY, 0x80, 0, 0);
    fwt_run();
    memcpy(&h, fwt_mem(FWT_LOG), sizeof h);
    assert_int_equal(h.first_free, 1);
}

static void test_ring_wrap_and_batches(void **state)
{
    (void)state;
    fwt_setup(4, 64);
    /* 11 frames through a 4-entry ring, three at a time */
    for (unsigned round = 0; round < 3; round++) {
        uint32_t seqs[4];
        unsigned n = round == 2 ? 4 : 3;
        for (unsigned i = 0; i < n; i++) {
            union sgpu_ctrl_frame f = frame(SGPU_CTRL_OP_NOP);
            seqs[i] = fwt_submit(&f);
        }
        fwt_run();
        for (unsigned i = 0; i < n; i++)
            assert_int_equal(fwt_completion(seqs[i]), OK);
    }
    const struct sgpu_ring_desc *d = fwt_mem(FWT_CTRL_DESC);
    assert_int_equal(d->tail, 10);
    assert_int_equal(ctrl_stats.frames_done, 10);
}

static void test_many_frames_batched(void **state)
{
    (void)state;
    fwt_setup(32, 64);
    uint32_t seqs[20];
    for (unsigned i = 0; i < 20; i++) {
        union sgpu_ctrl_frame f = frame(SGPU_CTRL_OP_NOP);
        seqs[i] = fwt_submit(&f);
    }
    /* one pass serves a batch, then doorbells and engines get their turn */
    assert_int_not_equal(loop_poll(), 0);
    assert_int_equal(fwt_completion(seqs[CTRL_BATCH - 1]), OK);
    assert_int_equal(fwt_completion(seqs[CTRL_BATCH]), FWT_NOT_DONE);
    fwt_run(); /* no new control doorbell needed for the rest */
    assert_int_equal(fwt_completion(seqs[19]), OK);
}

static void test_failed_tail_write_runs_nothing_twice(void **state)
{
    (void)state;
    union sgpu_ctrl_frame f = frame(SGPU_CTRL_OP_NOP);
    uint32_t seq = fwt_submit(&f);
    /* descriptor read, frame read, status+seq, value: then the tail write fails */
    hal_fake_hostio_fail_after(4, SGPU_HOSTIO_STATUS_ERROR_ABORT, 1);
    fwt_run();
    assert_int_equal(fwt_completion(seq), OK);
    assert_int_equal(((struct sgpu_ring_desc *)fwt_mem(FWT_CTRL_DESC))->tail, 0);
    memset(fwt_mem(FWT_COMPLETIONS + 16u * seq), 0, 16);
    f = frame(SGPU_CTRL_OP_NOP);
    uint32_t seq2 = fwt_submit(&f);
    fwt_run();
    assert_int_equal(fwt_completion(seq), FWT_NOT_DONE); /* not run again */
    assert_int_equal(fwt_completion(seq2), OK);
    assert_int_equal(ctrl_stats.frames_done, 2);
    assert_int_equal(((struct sgpu_ring_desc *)fwt_mem(FWT_CTRL_DESC))->tail, 2);
}

static void test_ring_set_up_again_at_same_address(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(0, SGPU_NODE_COPY, SGPU_BAND_NORMAL), OK);
    assert_int_equal(fwt_suspend(0, 1), SGPU_CTRL_STATUS_PENDING);
    assert_int_equal(fwt_event_count(), 1);
    /* a new driver: the same memory, both rings from 0 */
    struct sgpu_ring_desc *c = fwt_mem(FWT_CTRL_DESC), *e = fwt_mem(FWT_EVENT_DESC);
    c->head = c->tail = 0;
    e->head = e->tail = 0;
    memset(fwt_mem(FWT_EVENT_RING), 0, 32);
    assert_int_equal(fwt_resume(0), OK);
    assert_int_equal(c->tail, 1);
    assert_int_equal(fwt_suspend(0, 2), SGPU_CTRL_STATUS_PENDING);
    assert_int_equal(c->tail, 2);
    assert_int_equal(e->head, 1); /* its event went to slot 0 of the new ring */
    assert_int_equal(fwt_event(0).type, SGPU_EVENT_SUSPEND_CONTEXT_COMPLETED);
    assert_true(fwt_event(0).value == 2);
}

/* RING_FLAG_HEAD_IN_DOORBELL: the head from CP.CTRL_HEAD, the descriptor read whole only for
 * a new ring (CTRL_PENDING.DESC) or a doorbell word no producer could have written. */
static void test_head_in_doorbell(void **state)
{
    (void)state;
    fwt_setup(8, 64);
    struct sgpu_ring_desc *d = fwt_mem(FWT_CTRL_DESC);
    d->flags = SGPU_RING_FLAG_HEAD_IN_DOORBELL;
    union sgpu_ctrl_frame f = frame(SGPU_CTRL_OP_NOP);
    uint32_t s1 = fwt_submit(&f);
    fwt_run(); /* the first look reads the descriptor */
    assert_int_equal(fwt_completion(s1), OK);
    /* a descriptor read now would refuse the ring: the frame runs, so none was made */
    f = frame(SGPU_CTRL_OP_NOP);
    uint32_t s2 = fwt_submit(&f);
    d->entry_bytes = 0;
    fwt_run();
    assert_int_equal(fwt_completion(s2), OK);
    assert_int_equal(ctrl_stats.bad_descriptor, 0);
    d->entry_bytes = SGPU_PROTO_CTRL_FRAME_BYTES;
    /* a stray doorbell word: the descriptor says nothing is new, nothing runs twice */
    hal_fake_ctrl_doorbell_head(12345);
    fwt_run();
    assert_int_equal(ctrl_stats.frames_done, 2);
    assert_int_equal(ctrl_stats.bad_descriptor, 0);
    /* a new driver: the same descriptor address, another ring, counts from 0 again. Three
     * frames make a head (3) that our tail (2) could take for one new frame of the old ring */
    memset(fwt_mem(FWT_CTRL_RING), 0, 8u * SGPU_PROTO_CTRL_FRAME_BYTES);
    d->base = FWT_CTRL_RING + 8u * SGPU_PROTO_CTRL_FRAME_BYTES;
    d->head = d->tail = 0;
    hal_fake_ctrl_desc_written();
    uint32_t s[3];
    for (unsigned i = 0; i < 3; i++) {
        f = frame(SGPU_CTRL_OP_NOP);
        s[i] = fwt_submit(&f);
    }
    fwt_run();
    for (unsigned i = 0; i < 3; i++)
        assert_int_equal(fwt_completion(s[i]), OK);
    assert_int_equal(ctrl_stats.frames_done, 5);
    assert_int_equal(d->tail, 3);
    assert_int_equal(hal_fake_peek(SGPU_CP_CTRL_PENDING_ADDR), 0);
}

static uint32_t submit_nop(void)
{
    union sgpu_ctrl_frame f = frame(SGPU_CTRL_OP_NOP);
    return fwt_submit(&f);
}

/* What the loop does with a control doorbell: clear it, then serve. */
static int serve_as_the_loop(void)
{
    hal_write32(SGPU_CP_CTRL_PENDING_ADDR, SGPU_CP_CTRL_PENDING_PENDING_MASK);
    return ctrl_serve();
}

/* A ring whose doorbells carry the head, past its first look (which reads the descriptor). */
static struct sgpu_ring_desc *fast_ring(void)
{
    fwt_setup(8, 64);
    struct sgpu_ring_desc *d = fwt_mem(FWT_CTRL_DESC);
    d->flags = SGPU_RING_FLAG_HEAD_IN_DOORBELL;
    submit_nop();
    fwt_run();
    assert_int_equal(ctrl_stats.frames_done, 1);
    return d;
}

/* A control doorbell that rings while a frame is served: its frame is served in the same
 * ctrl_serve call (the same batch), not a loop pass later. */
static unsigned hook_reads;
static void submit_on_third_status_read(uint32_t addr)
{
    if (addr == SGPU_HOSTIO_STATUS_ADDR && ++hook_reads == 3)
        submit_nop();
}

static void test_doorbell_during_batch(void **state)
{
    (void)state;
    struct sgpu_ring_desc *d = fast_ring();
    uint32_t s2 = submit_nop();
    hook_reads = 0;
    hal_fake_set_read_hook(submit_on_third_status_read);
    int left = serve_as_the_loop();
    hal_fake_set_read_hook(NULL);
    assert_int_equal(fwt_completion(s2), OK);
    assert_true(hook_reads >= 3); /* the third frame was published during the second */
    assert_int_equal(ctrl_stats.frames_done, 3);
    assert_int_equal(left, 0);
    assert_int_equal(d->tail, 3);
    assert_int_equal(hal_fake_peek(SGPU_CP_CTRL_PENDING_ADDR), 0);
    /* a stray doorbell word during a batch: nothing runs, the descriptor decides later */
    uint32_t s4 = submit_nop();
    hal_write32(SGPU_CP_CTRL_PENDING_ADDR, SGPU_CP_CTRL_PENDING_PENDING_MASK);
    hal_fake_ctrl_doorbell_head(4 + 1000);
    assert_int_equal(ctrl_serve(), 1);
    assert_int_equal(fwt_completion(s4), OK);
    assert_int_equal(ctrl_stats.frames_done, 4);
    fwt_run();
    assert_int_equal(ctrl_stats.frames_done, 4);
    assert_int_equal(ctrl_stats.bad_descriptor, 0);
}

/* A frame rung for a while after a batch caught up (the tail written, the firmware
 * lingering) is served in the same ctrl_serve; the linger is bounded, and another source
 * (here the timer) ends it at once. */
static unsigned mip_looks, ring_at_look;
static void submit_at_mip_look(void)
{
    if (++mip_looks == ring_at_look)
        submit_nop();
}

static void test_linger_after_batch(void **state)
{
    (void)state;
    fast_ring();
    hal_timer_disable(); /* no timer interrupt ends a linger */
    hal_fake_set_irq_check_hook(submit_at_mip_look);
    /* rung at the 20th look: still lingering, served in this call */
    submit_nop();
    mip_looks = 0;
    ring_at_look = 20;
    assert_int_equal(serve_as_the_loop(), 0);
    assert_int_equal(ctrl_stats.frames_done, 3);
    assert_int_equal(mip_looks, 20 + CTRL_LINGER_POLLS); /* seen at the 20th; then a linger in vain */
    /* never rung: the linger gives up after CTRL_LINGER_POLLS looks */
    submit_nop();
    mip_looks = 0;
    ring_at_look = 0;
    assert_int_equal(serve_as_the_loop(), 0);
    assert_int_equal(ctrl_stats.frames_done, 4);
    assert_int_equal(mip_looks, CTRL_LINGER_POLLS);
    /* the timer due ends it at once: nothing else waits for the linger */
    hal_timer_set(0);
    submit_nop();
    mip_looks = 0;
    assert_int_equal(serve_as_the_loop(), 0);
    assert_int_equal(ctrl_stats.frames_done, 5);
    assert_int_equal(mip_looks, 1);
    hal_fake_set_irq_check_hook(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_nop_and_completion_order, fwt_setup_default),
        cmocka_unit_test_setup(test_header_checks, fwt_setup_default),
        cmocka_unit_test_setup(test_query_status, fwt_setup_default),
        cmocka_unit_test_setup(test_create_writes_registers, fwt_setup_default),
        cmocka_unit_test_setup(test_create_errors, fwt_setup_default),
        cmocka_unit_test_setup(test_context_ops_need_a_context, fwt_setup_default),
        cmocka_unit_test_setup(test_destroy, fwt_setup_default),
        cmocka_unit_test_setup(test_destroy_running_stops_it_first, fwt_setup_default),
        cmocka_unit_test_setup(test_destroy_engine_that_will_not_stop, fwt_setup_default),
        cmocka_unit_test_setup(test_wedged_engine_can_be_reset, fwt_setup_default),
        cmocka_unit_test_setup(test_suspend_argument_checks, fwt_setup_default),
        cmocka_unit_test_setup(test_engine_ops, fwt_setup_default),
        cmocka_unit_test_setup(test_set_context_properties, fwt_setup_default),
        cmocka_unit_test_setup(test_set_priority_bands, fwt_setup_default),
        cmocka_unit_test_setup(test_set_log_buffer_and_log, fwt_setup_default),
        cmocka_unit_test_setup(test_ring_wrap_and_batches, fwt_setup_default),
        cmocka_unit_test_setup(test_many_frames_batched, fwt_setup_default),
        cmocka_unit_test_setup(test_failed_tail_write_runs_nothing_twice, fwt_setup_default),
        cmocka_unit_test_setup(test_ring_set_up_again_at_same_address, fwt_setup_default),
        cmocka_unit_test_setup(test_head_in_doorbell, fwt_setup_default),
        cmocka_unit_test_setup(test_doorbell_during_batch, fwt_setup_default),
        cmocka_unit_test_setup(test_linger_after_batch, fwt_setup_default),
    };
    return cmocka_run_group_tests_name("ctrl", tests, NULL, NULL);
}
