/* test_sched.c: host unit tests of the scheduler (sched.c) through the firmware's loop:
 * doorbells, round robin, bands, WAIT, errors, suspend/resume, engine reset, fences. */
/* SPDX-License-Identifier: Apache-2.0 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fwtest.h"
#include "hal.h"
#include "hal_fake.h"
#include "loop.h"
#include "sched.h"
#include "schedlog.h"




#define EMPTY SGPU_ENG_STATUS_STOP_REASON_EMPTY
#define WAIT SGPU_ENG_STATUS_STOP_REASON_WAIT
#define PREEMPTED SGPU_ENG_STATUS_STOP_REASON_PREEMPTED
#define ERROR SGPU_ENG_STATUS_STOP_REASON_ERROR

static void test_doorbell_starts_context(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(2, COMPUTE, SGPU_BAND_NORMAL), OK);
    hal_fake_doorbell(2, 0x40);
    fwt_run();
    assert_int_equal(fwt_starts(1), 1);
    assert_int_equal(fwt_last_start_ctx(1), 2);
    assert_int_equal(fwt_last_start_head(1), 0);
    assert_false(fwt_last_start_polls(1));
    assert_int_equal(fwt_starts(0), 0); /* the other engine never noticed */
    assert_int_equal(hal_fake_peek(SGPU_CP_DB_PENDING_ADDR), 0);
    /* ends EMPTY where the tail was: idle, nothing restarts */
    fwt_stopped(1, EMPTY, 0x40);
    assert_int_equal(sched.ctx[2].state, CTX_IDLE);
    assert_int_equal(fwt_starts(1), 1);
    /* the next doorbell resumes at the head */
    hal_fake_doorbell(2, 0x60);
    fwt_run();
    assert_int_equal(fwt_starts(1), 2);
    assert_int_equal(fwt_last_start_head(1), 0x40);
}

static void test_doorbells_coalesce(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(0, COPY, SGPU_BAND_NORMAL), OK);
    hal_fake_doorbell(0, 0x20);
    hal_fake_doorbell(0, 0x40);
    hal_fake_doorbell(0, 0x60);
    fwt_run();
    assert_int_equal(fwt_starts(0), 1);
    /* doorbells for the running context need no firmware: the engine reads TAIL live */
    hal_fake_doorbell(0, 0x80);
    fwt_run();
    assert_int_equal(fwt_starts(0), 1);
    fwt_stopped(0, EMPTY, 0x80);
    assert_int_equal(fwt_starts(0), 1);
}

/* A doorbell between the DB_PENDING read and the TAIL read is not lost. */
static unsigned hook_step;
static void ring_during_consume(uint32_t addr)
{
    if (addr == SGPU_CP_DB_PENDING_ADDR && hook_step == 0) {
        hook_step = 1;
        hal_fake_doorbell(3, 0x20); /* before the clear: another context's bit */
        hal_fake_doorbell(1, 0x30); /* before the clear: a later tail, same bit */
    } else if (addr == SGPU_CTX_TAIL_ADDR_I(1) && hook_step == 1) {
        hook_step = 2;
        hal_fake_doorbell(1, 0x50); /* after the clear: the bit comes back */
    }
}

static void test_doorbell_during_consume_not_lost(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(1, COPY, SGPU_BAND_NORMAL), OK);
    assert_int_equal(fwt_create(3, COMPUTE, SGPU_BAND_NORMAL), OK);
    hook_step = 0;
    hal_fake_set_read_hook(ring_during_consume);
    hal_fake_doorbell(1, 0x10);
    fwt_run();
    hal_fake_set_read_hook(NULL);
    assert_int_equal(hook_step, 2);
    assert_int_equal(fwt_last_start_ctx(0), 1);
    assert_int_equal(fwt_last_start_ctx(1), 3); /* its bit survived the clear */
    /* context 1 ran to 0x30 (the tail it saw); 0x50 is still there */
    fwt_stopped(0, EMPTY, 0x30);
    assert_int_equal(fwt_starts(0), 2);
    assert_int_equal(fwt_last_start_head(0), 0x30);
}

static void test_round_robin_three_contexts(void **state)
{
    (void)state;
    for (uint32_t id = 4; id < 7; id++) {
        assert_int_equal(fwt_create(id, COPY, SGPU_BAND_NORMAL), OK);
        hal_fake_doorbell(id, 0x100);
    }
    fwt_run();
    assert_int_equal(fwt_last_start_ctx(0), 4);
    /* within the quantum nothing happens */
    fwt_advance(QUANTUM / 2);
    fwt_run();
    assert_int_equal(hal_fake_engine_stops(0), 0);
    static const uint32_t order[] = {5, 6, 4, 5, 6};
    for (unsigned i = 0; i < 5; i++) {
        fwt_advance(QUANTUM);
        fwt_run();
        assert_int_equal(hal_fake_engine_stops(0), i + 1); /* quantum over: STOP */
        uint32_t was = fwt_last_start_ctx(0);
        fwt_stopped(0, PREEMPTED, 0x10 * (i + 1));
        assert_int_equal(fwt_last_start_ctx(0), order[i]);
        /* a context resumes where it was preempted */
        if (i >= 2)
            assert_int_equal(fwt_last_start_head(0), 0x10 * (i - 1));
        assert_int_equal(sched.ctx[was].state, CTX_READY);
    }
    assert_int_equal(fwt_starts(0), 6);
}

static void test_alone_keeps_running_past_quantum(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(0, COPY, SGPU_BAND_NORMAL), OK);
    hal_fake_doorbell(0, 0x100);
    fwt_run();
    fwt_advance(5 * QUANTUM);
    fwt_run();
    assert_int_equal(hal_fake_engine_stops(0), 0);
    /* the quantum is over: a newcomer of the band gets the engine at once */
    assert_int_equal(fwt_create(1, COPY, SGPU_BAND_NORMAL), OK);
    hal_fake_doorbell(1, 0x100);
    fwt_run();
    assert_int_equal(hal_fake_engine_stops(0), 1);
    fwt_stopped(0, PREEMPTED, 0x80);
    assert_int_equal(fwt_last_start_ctx(0), 1);
}

static void test_context_quantum_property(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(0, COPY, SGPU_BAND_NORMAL), OK);
    assert_int_equal(fwt_create(1, COPY, SGPU_BAND_NORMAL), OK);
    assert_int_equal(fwt_set_quantum(0, SGPU_BAND_NORMAL, 50000), OK); /* 5 ms */
    hal_fake_doorbell(0, 0x100);
    hal_fake_doorbell(1, 0x100);
    fwt_run();
    fwt_advance(2 * QUANTUM);
    fwt_run();
    assert_int_equal(hal_fake_engine_stops(0), 0);
    fwt_advance(4 * QUANTUM);
    fwt_run();
    assert_int_equal(hal_fake_engine_stops(0), 1);
}

static void test_realtime_preempts_normal_at_once(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(0, COPY, SGPU_BAND_NORMAL), OK);
    assert_int_equal(fwt_create(1, COPY, SGPU_BAND_REALTIME), OK);
    hal_fake_doorbell(0, 0x100);
    fwt_run();
    hal_fake_doorbell(1, 0x40);
    fwt_run();
    assert_int_equal(hal_fake_engine_stops(0), 1); /* no time passed */
    fwt_stopped(0, PREEMPTED, 0x20);
    assert_int_equal(fwt_last_start_ctx(0), 1);
    /* the normal one waits while REALTIME has work, whatever its quantum */
    fwt_advance(3 * QUANTUM);
    fwt_run();
    assert_int_equal(hal_fake_engine_stops(0), 1);
    fwt_stopped(0, EMPTY, 0x40);
    assert_int_equal(fwt_last_start_ctx(0), 0);
    assert_int_equal(fwt_last_start_head(0), 0x20);
}

static void test_focus_waits_its_grace_period(void **state)
{
    (void)state;
    assert_int_equal(fwt_set_band(SGPU_BAND_FOCUS, 1000, 0), OK); /* 100 us */
    assert_int_equal(fwt_create(0, COPY, SGPU_BAND_NORMAL), OK);
    assert_int_equal(fwt_create(1, COPY, SGPU_BAND_FOCUS), OK);
    hal_fake_doorbell(0, 0x100);
    fwt_run();
    hal_fake_doorbell(1, 0x40);
    fwt_run();
    assert_int_equal(hal_fake_engine_stops(0), 0);
    fwt_advance(sched_cycles(1000));
    fwt_run();
    assert_int_equal(hal_fake_engine_stops(0), 1);
    fwt_stopped(0, PREEMPTED, 0x20);
    assert_int_equal(fwt_last_start_ctx(0), 1);
}

static void test_band_change_applies_next_decision(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(0, COPY, SGPU_BAND_NORMAL), OK);
    assert_int_equal(fwt_create(1, COPY, SGPU_BAND_NORMAL), OK);
    hal_fake_doorbell(0, 0x100);
    hal_fake_doorbell(1, 0x100);
    fwt_run();
    assert_int_equal(hal_fake_engine_stops(0), 0);
    /* raising the waiting one to REALTIME: it preempts now */
    assert_int_equal(fwt_set_quantum(1, SGPU_BAND_REALTIME, 0), OK);
    assert_int_equal(hal_fake_engine_stops(0), 1);
}

static void test_wait_yields_and_polls(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(0, COPY, SGPU_BAND_NORMAL), OK);
    assert_int_equal(fwt_create(1, COPY, SGPU_BAND_NORMAL), OK);
    hal_fake_doorbell(0, 0x100);
    fwt_run();
    /* blocked in a WAIT with nothing else to run: restarted at the WAIT, polling it */
    fwt_stopped(0, WAIT, 0x30);
    assert_int_equal(fwt_starts(0), 2);
    assert_int_equal(fwt_last_start_ctx(0), 0);
    assert_int_equal(fwt_last_start_head(0), 0x30);
    assert_true(fwt_last_start_polls(0));
    /* another context becomes runnable: POLL_WAIT off, so the WAIT stops the engine */
    hal_fake_doorbell(1, 0x40);
    fwt_run();
    assert_int_equal(hal_fake_peek(SGPU_ENG_CONFIG_ADDR_I(0)) & SGPU_ENG_CONFIG_POLL_WAIT_MASK,
                     0);
    fwt_stopped(0, WAIT, 0x30);
    assert_int_equal(fwt_last_start_ctx(0), 1);
    assert_false(fwt_last_start_polls(0));
    assert_int_equal(sched.ctx[0].state, CTX_WAITING);
    /* the quantum tick retries the waiting context */
    fwt_advance(QUANTUM);
    fwt_run();
    assert_int_equal(hal_fake_engine_stops(0), 1);
    fwt_stopped(0, PREEMPTED, 0x20);
    assert_int_equal(fwt_last_start_ctx(0), 0);
    assert_int_equal(fwt_last_start_head(0), 0x30);
    /* its WAIT is satisfied now: it runs on to the end; context 1 follows */
    fwt_stopped(0, EMPTY, 0x100);
    assert_int_equal(fwt_last_start_ctx(0), 1);
    assert_int_equal(fwt_last_start_head(0), 0x20);
}

static void test_error_isolation(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(0, COPY, SGPU_BAND_NORMAL), OK);
    assert_int_equal(fwt_create(1, COPY, SGPU_BAND_NORMAL), OK);
    assert_int_equal(fwt_create(2, COMPUTE, SGPU_BAND_NORMAL), OK);
    hal_fake_doorbell(0, 0x100);
    hal_fake_doorbell(1, 0x100);
    hal_fake_doorbell(2, 0x100);
    fwt_run();
    hal_fake_engine_stopped(0, ERROR, 0x44, SGPU_CMD_ERROR_UNKNOWN_OPCODE, 0x00000199u);
    fwt_run();
    struct sgpu_event_record r;
    assert_int_equal(fwt_events_of(SGPU_EVENT_CONTEXT_ERROR, &r), 1);
    assert_int_equal(r.ctx_id, 0);
    assert_int_equal(r.node, COPY);
    assert_int_equal(r.engine, 0);
    assert_int_equal(r.reason, SGPU_CMD_ERROR_UNKNOWN_OPCODE);
    assert_true(r.value == 0x44);
    assert_true(r.aux == 0x199);
    /* the other context of the engine runs; the one on the other engine never noticed */
    assert_int_equal(fwt_last_start_ctx(0), 1);
    assert_int_equal(fwt_starts(1), 1);
    assert_int_equal(hal_fake_engine_stops(1), 0);
    /* the context in error never runs again, its doorbells are dropped */
    fwt_stopped(0, EMPTY, 0x100);
    hal_fake_doorbell(0, 0x200);
    fwt_run();
    assert_int_equal(fwt_starts(0), 2);
    assert_int_equal(sched.doorbells_dropped, 1);
    assert_int_equal(fwt_resume(0), SGPU_CTRL_STATUS_BAD_STATE);
    hal_fake_doorbell(1, 0x200);
    fwt_run();
    assert_int_equal(fwt_last_start_ctx(0), 1);
    /* it can still be destroyed, and its id reused */
    assert_int_equal(fwt_destroy(0), OK);
    assert_int_equal(fwt_create(0, COPY, SGPU_BAND_NORMAL), OK);
}

static void test_bad_access_is_a_page_fault(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(1, COMPUTE, SGPU_BAND_NORMAL), OK);
    fwt_write64(FWT_PROGRESS(1), 41);
    hal_fake_doorbell(1, 0x100);
    fwt_run();
    hal_fake_engine_stopped(1, ERROR, 0x80, SGPU_CMD_ERROR_KERNEL_BAD_ACCESS, 0x7FF000u);
    fwt_run();
    struct sgpu_event_record r;
    assert_int_equal(fwt_events_of(SGPU_EVENT_HWQUEUE_PAGE_FAULTED, &r), 1);
    assert_int_equal(r.ctx_id, 1);
    assert_int_equal(r.node, COMPUTE);
    assert_int_equal(r.flags, 0);
    assert_true(r.value == 41);
    assert_true(r.aux == 0x7FF000u);
    /* CONTEXT_ERROR follows it */
    assert_int_equal(fwt_event(fwt_event_count() - 1).type, SGPU_EVENT_CONTEXT_ERROR);
    assert_int_equal(fwt_event(fwt_event_count() - 1).reason, SGPU_CMD_ERROR_KERNEL_BAD_ACCESS);
}

static void test_doorbell_unknown_or_destroyed_dropped(void **state)
{
    (void)state;
    hal_fake_doorbell(7, 0x40); /* never created */
    fwt_run();
    assert_int_equal(sched.doorbells_dropped, 1);
    assert_int_equal(fwt_create(7, COPY, SGPU_BAND_NORMAL), OK);
    assert_int_equal(fwt_destroy(7), OK);
    hal_fake_doorbell(7, 0x80);
    fwt_run();
    assert_int_equal(sched.doorbells_dropped, 2);
    assert_int_equal(fwt_starts(0), 0);
    assert_int_equal(hal_fake_peek(SGPU_CP_DB_PENDING_ADDR), 0);
}

static void test_suspend_idle_context(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(0, COPY, SGPU_BAND_NORMAL), OK);
    hal_fake_poke(SGPU_CP_CYCLES_LO_ADDR, 0x1234);
    hal_fake_poke(SGPU_CP_CYCLES_HI_ADDR, 0x5);
    assert_int_equal(fwt_suspend(0, 10), PENDING);
    assert_true(fwt_read64(FWT_SUSPEND_FENCE(0)) == 10);
    struct sgpu_event_record r;
    assert_int_equal(fwt_events_of(SGPU_EVENT_SUSPEND_CONTEXT_COMPLETED, &r), 1);
    assert_int_equal(r.ctx_id, 0);
    assert_true(r.value == 10);
    assert_true(r.aux == 0x500001234ull); /* CP.CYCLES when the fence was written */
    /* already suspended: SUCCESS, the fence ends at the new value, no new event */
    assert_int_equal(fwt_suspend(0, 11), OK);
    assert_true(fwt_read64(FWT_SUSPEND_FENCE(0)) == 11);
    assert_int_equal(fwt_events_of(SGPU_EVENT_SUSPEND_CONTEXT_COMPLETED, NULL), 1);
    /* work submitted while suspended is queued, not run */
    hal_fake_doorbell(0, 0x40);
    fwt_run();
    assert_int_equal(fwt_starts(0), 0);
    assert_int_equal(fwt_resume(0), OK);
    assert_int_equal(fwt_starts(0), 1);
    assert_int_equal(fwt_last_start_head(0), 0);
}

static void test_suspend_running_context(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(0, COPY, SGPU_BAND_NORMAL), OK);
    assert_int_equal(fwt_create(1, COPY, SGPU_BAND_NORMAL), OK);
    hal_fake_doorbell(0, 0x100);
    hal_fake_doorbell(1, 0x100);
    fwt_run();
    assert_int_equal(fwt_suspend(0, 1), PENDING);
    assert_int_equal(hal_fake_engine_stops(0), 1); /* at once, no grace */
    assert_true(fwt_read64(FWT_SUSPEND_FENCE(0)) == 0); /* not before it is off */
    assert_int_equal(fwt_events_of(SGPU_EVENT_SUSPEND_CONTEXT_COMPLETED, NULL), 0);
    fwt_stopped(0, PREEMPTED, 0x50);
    assert_true(fwt_read64(FWT_SUSPEND_FENCE(0)) == 1);
    assert_int_equal(fwt_events_of(SGPU_EVENT_SUSPEND_CONTEXT_COMPLETED, NULL), 1);
    assert_int_equal(fwt_last_start_ctx(0), 1); /* the engine goes on with the other */
    fwt_stopped(0, EMPTY, 0x100);
    assert_int_equal(fwt_starts(0), 2); /* the suspended one does not run */
    assert_int_equal(fwt_resume(0), OK);
    assert_int_equal(fwt_last_start_ctx(0), 0);
    assert_int_equal(fwt_last_start_head(0), 0x50); /* in order, from where it stopped */
}

static void test_suspend_resume_suspend_race(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(0, COPY, SGPU_BAND_NORMAL), OK);
    hal_fake_doorbell(0, 0x100);
    fwt_run();
    assert_int_equal(fwt_suspend(0, 1), PENDING);
    assert_int_equal(fwt_resume(0), OK);
    assert_int_equal(fwt_suspend(0, 2), PENDING);
    assert_int_equal(hal_fake_engine_stops(0), 1);
    fwt_stopped(0, PREEMPTED, 0x50);
    /* both acknowledged, each with its own value, the late one first */
    assert_int_equal(fwt_events_of(SGPU_EVENT_SUSPEND_CONTEXT_COMPLETED, NULL), 2);
    uint64_t values[2];
    unsigned k = 0;
    for (uint32_t i = 0; i < fwt_event_count(); i++)
        if (fwt_event(i).type == SGPU_EVENT_SUSPEND_CONTEXT_COMPLETED)
            values[k++] = fwt_event(i).value;
    assert_true(values[0] == 1 && values[1] == 2);
    assert_true(fwt_read64(FWT_SUSPEND_FENCE(0)) == 2);
    assert_int_equal(sched.ctx[0].state, CTX_SUSPENDED); /* ends suspended */
    assert_int_equal(fwt_starts(0), 1);
}

static void test_suspend_then_resume_before_stop(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(0, COPY, SGPU_BAND_NORMAL), OK);
    hal_fake_doorbell(0, 0x100);
    fwt_run();
    assert_int_equal(fwt_suspend(0, 1), PENDING);
    assert_int_equal(fwt_resume(0), OK);
    fwt_stopped(0, PREEMPTED, 0x50);
    /* the late acknowledgement carries its value; the context runs on */
    struct sgpu_event_record r;
    assert_int_equal(fwt_events_of(SGPU_EVENT_SUSPEND_CONTEXT_COMPLETED, &r), 1);
    assert_true(r.value == 1);
    assert_int_equal(fwt_starts(0), 2);
    assert_int_equal(fwt_last_start_head(0), 0x50);
}

/* The stop of a resumed context and a new suspend in one pass of the loop: the new suspend's
 * fence waits for the next stop, the old one's does not. */
static void test_new_suspend_waits_for_its_own_stop(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(0, COPY, SGPU_BAND_NORMAL), OK);
    hal_fake_doorbell(0, 0x100);
    fwt_run();
    assert_int_equal(fwt_suspend(0, 1), PENDING);
    assert_int_equal(fwt_resume(0), OK);
    hal_fake_engine_stopped(0, PREEMPTED, 0x50, 0, 0);
    union sgpu_ctrl_frame f = {0};
    f.hdr.opcode = SGPU_CTRL_OP_SUSPEND_CONTEXT;
    f.suspend_context.ctx_id = 0;
    f.suspend_context.suspend_fence_addr = FWT_SUSPEND_FENCE(0);
    f.suspend_context.suspend_fence_value = 2;
    uint32_t seq = fwt_submit(&f);
    fwt_run();
    assert_int_equal(fwt_completion(seq), PENDING);
    assert_int_equal(fwt_starts(0), 2); /* it ran again after the first stop */
    assert_true(fwt_read64(FWT_SUSPEND_FENCE(0)) == 1);
    assert_int_equal(fwt_events_of(SGPU_EVENT_SUSPEND_CONTEXT_COMPLETED, NULL), 1);
    fwt_stopped(0, PREEMPTED, 0x60);
    assert_true(fwt_read64(FWT_SUSPEND_FENCE(0)) == 2);
    assert_int_equal(fwt_events_of(SGPU_EVENT_SUSPEND_CONTEXT_COMPLETED, NULL), 2);
    assert_int_equal(sched.ctx[0].state, CTX_SUSPENDED);
}

static void test_suspend_waiting_context(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(0, COPY, SGPU_BAND_NORMAL), OK);
    hal_fake_doorbell(0, 0x100);
    fwt_run();
    fwt_stopped(0, WAIT, 0x30); /* polling its WAIT on the engine */
    assert_int_equal(fwt_suspend(0, 1), PENDING);
    fwt_stopped(0, PREEMPTED, 0x30);
    assert_true(fwt_read64(FWT_SUSPEND_FENCE(0)) == 1);
    assert_int_equal(fwt_resume(0), OK);
    assert_int_equal(fwt_last_start_head(0), 0x30); /* the WAIT is tried again */
}

static void test_reset_engine(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(0, COPY, SGPU_BAND_NORMAL), OK);
    assert_int_equal(fwt_create(1, COPY, SGPU_BAND_NORMAL), OK);
    assert_int_equal(fwt_create(2, COMPUTE, SGPU_BAND_NORMAL), OK);
    hal_fake_doorbell(0, 0x100);
    hal_fake_doorbell(1, 0x100);
    hal_fake_doorbell(2, 0x100);
    fwt_run();
    fwt_write64(FWT_PROGRESS(0), 77); /* the culprit's last progress fence */
    assert_int_equal(fwt_reset_engine(COPY), OK);
    assert_int_equal(hal_fake_engine_resets(0), 1);
    struct sgpu_event_record r;
    assert_int_equal(fwt_events_of(SGPU_EVENT_CONTEXT_RESET, &r), 1);
    assert_int_equal(r.ctx_id, 0);
    assert_int_equal(r.flags, 0); /* the culprit: COLLATERAL_DAMAGE 0 */
    assert_int_equal(r.node, COPY);
    assert_true(r.value == 77);
    /* nothing runs on the engine until RESUME_ENGINE, not even a valid context */
    hal_fake_doorbell(1, 0x140);
    fwt_run();
    assert_int_equal(fwt_starts(0), 1);
    assert_int_equal(hal_fake_engine_resets(1), 0); /* the other engine never noticed */
    assert_int_equal(fwt_resume_engine(COPY), OK);
    assert_int_equal(fwt_starts(0), 2);
    assert_int_equal(fwt_last_start_ctx(0), 1);
    /* the invalidated context never runs again */
    fwt_stopped(0, EMPTY, 0x140);
    hal_fake_doorbell(0, 0x200);
    fwt_run();
    assert_int_equal(fwt_starts(0), 2);
    union sgpu_ctrl_frame f = {0};
    f.hdr.opcode = SGPU_CTRL_OP_QUERY_STATUS;
    f.query_status.result_addr = FWT_STATUS;
    assert_int_equal(fwt_do(&f), OK);
    struct sgpu_status s;
    memcpy(&s, fwt_mem(FWT_STATUS), sizeof s);
    assert_int_equal(s.contexts_in_error, 1);
    assert_int_equal(s.contexts_live, 3);
    assert_int_equal(s.engines_running, 0x101);
}

/* The host names the guilty context: it is invalidated with CollateralDamage 0 wherever it
 * is; the one on the engine, hurt by the reset, with 1. */
static void test_reset_names_guilty(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(0, COPY, SGPU_BAND_NORMAL), OK);
    assert_int_equal(fwt_create(1, COPY, SGPU_BAND_NORMAL), OK);
    assert_int_equal(fwt_create(2, COPY, SGPU_BAND_NORMAL), OK);
    hal_fake_doorbell(0, 0x100);
    hal_fake_doorbell(1, 0x100);
    hal_fake_doorbell(2, 0x100);
    fwt_run();
    assert_int_equal(fwt_last_start_ctx(0), 0);
    assert_int_equal(fwt_reset_engine_guilty(COPY, 1), OK);
    assert_int_equal(fwt_event_count(), 2);
    struct sgpu_event_record a = fwt_event(0), b = fwt_event(1);
    assert_int_equal(a.type, SGPU_EVENT_CONTEXT_RESET);
    assert_int_equal(a.ctx_id, 0);
    assert_int_equal(a.flags, SGPU_EVENT_FLAG_COLLATERAL_DAMAGE);
    assert_int_equal(b.type, SGPU_EVENT_CONTEXT_RESET);
    assert_int_equal(b.ctx_id, 1);
    assert_int_equal(b.flags, 0);
    /* the innocent one the reset did not touch runs after RESUME_ENGINE, the others never */
    assert_int_equal(fwt_resume_engine(COPY), OK);
    assert_int_equal(fwt_last_start_ctx(0), 2);
    fwt_stopped(0, EMPTY, 0x100);
    hal_fake_doorbell(0, 0x140);
    hal_fake_doorbell(1, 0x140);
    fwt_run();
    assert_int_equal(fwt_starts(0), 2);
    /* naming the context on the engine: one event, guilty */
    hal_fake_doorbell(2, 0x140);
    fwt_run();
    uint32_t before = fwt_event_count();
    assert_int_equal(fwt_reset_engine_guilty(COPY, 2), OK);
    assert_int_equal(fwt_event_count(), before + 1);
    struct sgpu_event_record r = fwt_event(before);
    assert_int_equal(r.type, SGPU_EVENT_CONTEXT_RESET);
    assert_int_equal(r.ctx_id, 2);
    assert_int_equal(r.flags, 0);
}

/* A command preempted inside (STATUS.PARTIAL) is started again with CMD.RESUME, once. */
static void test_partial_command_resumes(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(0, COMPUTE, SGPU_BAND_NORMAL), OK);
    assert_int_equal(fwt_create(1, COMPUTE, SGPU_BAND_NORMAL), OK);
    hal_fake_doorbell(0, 0x100);
    fwt_run();
    assert_false(fwt_last_start_resumes(1));
    assert_int_equal(fwt_suspend(0, 1), PENDING);
    hal_fake_engine_preempted_inside(1, 0x40);
    fwt_run();
    assert_true(fwt_read64(FWT_SUSPEND_FENCE(0)) == 1);
    hal_fake_doorbell(1, 0x100); /* another context meanwhile: a plain start */
    fwt_run();
    assert_int_equal(fwt_last_start_ctx(1), 1);
    assert_false(fwt_last_start_resumes(1));
    fwt_stopped(1, EMPTY, 0x100);
    assert_int_equal(fwt_resume(0), OK);
    assert_int_equal(fwt_last_start_ctx(1), 0);
    assert_int_equal(fwt_last_start_head(1), 0x40);
    assert_true(fwt_last_start_resumes(1));
    /* stopped between commands this time: the next start is a plain one */
    assert_int_equal(fwt_suspend(0, 2), PENDING);
    fwt_stopped(1, PREEMPTED, 0x60);
    assert_int_equal(fwt_resume(0), OK);
    assert_int_equal(fwt_last_start_head(1), 0x60);
    assert_false(fwt_last_start_resumes(1));
    /* an invalidated context forgets its saved command */
    assert_int_equal(fwt_suspend(0, 3), PENDING);
    hal_fake_engine_preempted_inside(1, 0x80);
    fwt_run();
    assert_int_equal(fwt_reset_engine_guilty(COMPUTE, 0), OK);
    assert_false(sched.ctx[0].partial);
}

/* ID.HEARTBEAT moves at least every HEARTBEAT_CYCLES, idle or not. */
static void test_heartbeat(void **state)
{
    (void)state;
    uint32_t first = hal_fake_peek(SGPU_ID_HEARTBEAT_ADDR);
    assert_true(first != 0);
    uint32_t last = first;
    for (int i = 0; i < 8; i++) {
        fwt_advance(SGPU_CFG_HEARTBEAT_CYCLES);
        fwt_run();
        uint32_t now = hal_fake_peek(SGPU_ID_HEARTBEAT_ADDR);
        assert_true(now != last);
        last = now;
    }
    /* the timer is armed for the next beat even with nothing else to do */
    uint64_t cmp = ((uint64_t)hal_fake_peek(SGPU_SYSCTL_MTIMECMP_HI_ADDR) << 32) |
                   hal_fake_peek(SGPU_SYSCTL_MTIMECMP_LO_ADDR);
    uint64_t now = ((uint64_t)hal_fake_peek(SGPU_SYSCTL_MTIME_HI_ADDR) << 32) |
                   hal_fake_peek(SGPU_SYSCTL_MTIME_LO_ADDR);
    assert_true(cmp <= now + SGPU_CFG_HEARTBEAT_CYCLES);
}

/* STATUS.compute_preemption follows the compute engine's ENG.CAPS. */
static void test_status_preemption(void **state)
{
    (void)state;
    struct sgpu_status s;
    union sgpu_ctrl_frame f = {0};
    f.hdr.opcode = SGPU_CTRL_OP_QUERY_STATUS;
    f.query_status.result_addr = FWT_STATUS;
    assert_int_equal(fwt_do(&f), OK);
    memcpy(&s, fwt_mem(FWT_STATUS), sizeof s);
    assert_int_equal(s.compute_preemption, SGPU_PREEMPTION_DISPATCH_BOUNDARY);
    assert_int_equal(s.heartbeats, hal_fake_peek(SGPU_ID_HEARTBEAT_ADDR));
    hal_fake_engine_caps(COMPUTE, SGPU_ENG_CAPS_PREEMPTION_INSTRUCTION);
    hal_fake_engine_caps(COPY, SGPU_ENG_CAPS_PREEMPTION_CHUNK);
    assert_int_equal(fwt_do(&f), OK);
    memcpy(&s, fwt_mem(FWT_STATUS), sizeof s);
    assert_int_equal(s.compute_preemption, SGPU_PREEMPTION_SHADER_BOUNDARY);
}

static void test_status_while_reset(void **state)
{
    (void)state;
    assert_int_equal(fwt_reset_engine(COMPUTE), OK);
    union sgpu_ctrl_frame f = {0};
    f.hdr.opcode = SGPU_CTRL_OP_QUERY_STATUS;
    f.query_status.result_addr = FWT_STATUS;
    assert_int_equal(fwt_do(&f), OK);
    struct sgpu_status s;
    memcpy(&s, fwt_mem(FWT_STATUS), sizeof s);
    assert_int_equal(s.engines_running, 0x001);
    assert_int_equal(s.engines_present, 0x101);
}

static void test_fence_irq_event(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(6, COMPUTE, SGPU_BAND_NORMAL), OK);
    hal_fake_doorbell(6, 0x100);
    fwt_run();
    hal_fake_engine_fence(1, 0x123456789ull, FWT_HOST_BASE + 0x8000u);
    fwt_run();
    struct sgpu_event_record r;
    assert_int_equal(fwt_events_of(SGPU_EVENT_MONITORED_FENCE_SIGNALED, &r), 1);
    assert_int_equal(r.ctx_id, 6);
    assert_int_equal(r.node, COMPUTE);
    assert_true(r.value == 0x123456789ull);
    assert_true(r.aux == FWT_HOST_BASE + 0x8000u);
    assert_int_equal(hal_fake_peek(SGPU_ENG_IRQ_ADDR_I(1)), 0); /* cleared */
    assert_int_equal(fwt_starts(1), 1); /* the context keeps running */
}

/* A fence and a stop pending together: the event names the context that signalled it,
 * not the one the stop then starts (ENG.CTX changes with that START). */
static void test_fence_then_stop_names_its_context(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(0, COPY, SGPU_BAND_NORMAL), OK);
    assert_int_equal(fwt_create(1, COPY, SGPU_BAND_NORMAL), OK);
    hal_fake_doorbell(0, 0x40);
    fwt_run();
    hal_fake_doorbell(1, 0x40);
    fwt_run();
    assert_int_equal(fwt_starts(0), 1);
    hal_fake_engine_fence(0, 77, FWT_HOST_BASE + 0x8000u);
    hal_fake_engine_stopped(0, EMPTY, 0x40, 0, 0);
    fwt_run();
    assert_int_equal(fwt_starts(0), 2); /* context 1 started after the stop */
    assert_int_equal(hal_fake_peek(SGPU_ENG_CTX_ADDR_I(0)), 1);
    struct sgpu_event_record r;
    assert_int_equal(fwt_events_of(SGPU_EVENT_MONITORED_FENCE_SIGNALED, &r), 1);
    assert_int_equal(r.ctx_id, 0);
    assert_true(r.value == 77);
}

/* Fences the engine passes while the firmware reads the values of the one it was told of:
 * each lands at the first register read after IRQ.FENCE was cleared (the values may already
 * be the new ones, and IRQ.FENCE is set again). */
static unsigned fences_to_land;
static uint64_t next_landing;

static void land_fence_after_clear(uint32_t addr)
{
    (void)addr;
    if (fences_to_land == 0 || (hal_fake_peek(SGPU_ENG_IRQ_ADDR_I(1)) & SGPU_ENG_IRQ_FENCE_MASK))
        return;
    fences_to_land--;
    /* both halves differ: a value torn between two reads shows */
    hal_fake_engine_fence(1, next_landing, FWT_HOST_BASE + 0x8000u + 8u * (next_landing & 0xFu));
    next_landing += 0x100000001ull;
}

/* The events of fence IRQs: each carries a fence's value and address as the engine had
 * them (never torn), none twice, the last one the newest. Returns how many. */
static unsigned check_fence_events(uint64_t newest)
{
    unsigned n = 0;
    uint64_t prev = 0;
    for (uint32_t i = 0; i < fwt_event_count(); i++) {
        struct sgpu_event_record r = fwt_event(i);
        if (r.type != SGPU_EVENT_MONITORED_FENCE_SIGNALED)
            continue;
        assert_int_equal(r.ctx_id, 6);
        assert_true((r.value >> 32) == (uint32_t)r.value);              /* not torn */
        assert_true(r.aux == FWT_HOST_BASE + 0x8000u + 8u * (r.value & 0xFu));
        assert_true(n == 0 || r.value > prev);                          /* not twice */
        prev = r.value;
        n++;
    }
    assert_true(n >= 1 && prev == newest);
    assert_int_equal(hal_fake_peek(SGPU_ENG_IRQ_ADDR_I(1)) & SGPU_ENG_IRQ_FENCE_MASK, 0);
    return n;
}

static void run_fences_landing(unsigned landing)
{
    assert_int_equal(fwt_create(6, COMPUTE, SGPU_BAND_NORMAL), OK);
    hal_fake_doorbell(6, 0x100);
    fwt_run();
    fences_to_land = landing;
    next_landing = 0x200000002ull;
    hal_fake_engine_fence(1, 0x100000001ull, FWT_HOST_BASE + 0x8008u);
    hal_fake_set_read_hook(land_fence_after_clear);
    fwt_run();
    hal_fake_set_read_hook(NULL);
    assert_int_equal(fences_to_land, 0);
}

/* One fence lands just after the clear: one event, with it (not one now and the same one
 * again for its IRQ). */
static void test_fence_after_clear_reported_once(void **state)
{
    (void)state;
    run_fences_landing(1);
    assert_int_equal(check_fence_events(0x200000002ull), 1);
}

/* Fences keep landing while the firmware reads (more than it reads at once): folded,
 * never twice nor torn, the newest last. */
static void test_fence_stream_during_reads(void **state)
{
    (void)state;
    run_fences_landing(10);
    check_fence_events(0x200000002ull + 9u * 0x100000001ull);
}

static void test_empty_with_new_tail_restarts(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(0, COPY, SGPU_BAND_NORMAL), OK);
    hal_fake_doorbell(0, 0x40);
    fwt_run();
    hal_fake_doorbell(0, 0x80); /* lands as the engine stops */
    hal_fake_engine_stopped(0, EMPTY, 0x40, 0, 0);
    fwt_run();
    assert_int_equal(fwt_starts(0), 2);
    assert_int_equal(fwt_last_start_head(0), 0x40);
}

static void test_tail_cutting_a_command_waits_for_doorbell(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(0, COPY, SGPU_BAND_NORMAL), OK);
    hal_fake_doorbell(0, 0x48);
    fwt_run();
    /* the engine stops EMPTY at 0x40: the tail holds only part of the command there */
    fwt_stopped(0, EMPTY, 0x40);
    assert_int_equal(fwt_starts(0), 1); /* not restarted over and over */
    assert_int_equal(sched.ctx[0].state, CTX_IDLE);
    hal_fake_doorbell(0, 0x54); /* the rest of it */
    fwt_run();
    assert_int_equal(fwt_starts(0), 2);
    assert_int_equal(fwt_last_start_head(0), 0x40);
}

/* A fence signalled while the firmware reads the RESET_ENGINE frame (after the loop looked at
 * the engine's IRQ): the reset clears IRQ, so it must be reported before. */
static void fence_during_frame(uint32_t addr)
{
    if (addr == SGPU_CP_CTRL_DESC_HI_ADDR) {
        hal_fake_set_read_hook(NULL);
        hal_fake_engine_fence(0, 9, FWT_HOST_BASE + 0x8000u);
    }
}

static void test_fence_before_reset_reported(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(0, COPY, SGPU_BAND_NORMAL), OK);
    hal_fake_doorbell(0, 0x100);
    fwt_run();
    hal_fake_set_read_hook(fence_during_frame);
    assert_int_equal(fwt_reset_engine(COPY), OK);
    hal_fake_set_read_hook(NULL);
    struct sgpu_event_record r;
    assert_int_equal(fwt_events_of(SGPU_EVENT_MONITORED_FENCE_SIGNALED, &r), 1);
    assert_true(r.value == 9);
}

static void test_preempt_timeout_reported(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(0, COPY, SGPU_BAND_NORMAL), OK);
    hal_fake_doorbell(0, 0x100);
    fwt_run();
    assert_int_equal(fwt_suspend(0, 1), PENDING);
    fwt_advance(SCHED_PREEMPT_TIMEOUT_CYCLES);
    fwt_run();
    struct sgpu_event_record r;
    assert_int_equal(fwt_events_of(SGPU_EVENT_GPU_ENGINE_TIMEOUT, &r), 1);
    assert_int_equal(r.ctx_id, 0);
    fwt_advance(SCHED_PREEMPT_TIMEOUT_CYCLES);
    fwt_run();
    assert_int_equal(fwt_events_of(SGPU_EVENT_GPU_ENGINE_TIMEOUT, NULL), 1); /* once */
}

static void test_loop_setup(void **state)
{
    (void)state;
    assert_int_equal(hal_irq_enabled(), HAL_IRQ_EXTERNAL | HAL_IRQ_TIMER);
    assert_int_equal(hal_fake_mstatus_mie(), 0); /* interrupts only end a wfi */
    for (unsigned e = 0; e < ENG_COUNT; e++)
        assert_int_equal(hal_fake_peek(SGPU_ENG_IRQ_ENABLE_ADDR_I(e)),
                         SGPU_ENG_IRQ_ENABLE_STOPPED_MASK | SGPU_ENG_IRQ_ENABLE_FENCE_MASK);
    /* idle, the timer is armed only for the next heartbeat */
    fwt_run();
    uint64_t cmp = ((uint64_t)hal_fake_peek(SGPU_SYSCTL_MTIMECMP_HI_ADDR) << 32) |
                   hal_fake_peek(SGPU_SYSCTL_MTIMECMP_LO_ADDR);
    uint64_t now = ((uint64_t)hal_fake_peek(SGPU_SYSCTL_MTIME_HI_ADDR) << 32) |
                   hal_fake_peek(SGPU_SYSCTL_MTIME_LO_ADDR);
    assert_true(cmp <= now + SGPU_CFG_HEARTBEAT_CYCLES);
}

/* --- The context sets (sched.ready, .waiting, .acks_owed) against the states they stand for,
 * after seeded random sequences of everything the host and the engines can do. */

static uint32_t rng_state;

static uint32_t rng(void) /* xorshift32: the same sequence on every host */
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

static unsigned rng_below(unsigned n)
{
    return rng() % n;
}

#define RANDOM_SEQUENCES 200u
#define RANDOM_STEPS 300u
#define RANDOM_CTX 12u /* contexts used: more than fit in one byte of a set */

struct random_run {
    uint32_t seed;
    unsigned step;
    uint32_t tail[SCHED_MAX_CTX];
    uint64_t suspend_value[SCHED_MAX_CTX];
};

/* A broken rule, with what it takes to replay the sequence. */
static void sets_fail(const struct random_run *r, const char *what, unsigned id)
{
    fail_msg("seed %u (FWTEST_SEED=%u replays it), step %u: %s (context or engine %u)",
             (unsigned)r->seed, (unsigned)r->seed, r->step, what, id);
}

/* Every set holds exactly the contexts in its state, and the scheduler's decisions are made:
 * a free engine has nothing ready or waiting, a logging engine has logged every state. */
static void check_sets(const struct random_run *r)
{
    ctx_set ready[ENG_COUNT] = {0}, waiting[ENG_COUNT] = {0}, owed = 0;
    for (unsigned id = 0; id < SCHED_MAX_CTX; id++) {
        const struct sched_ctx *c = &sched.ctx[id];
        if (c->state == CTX_READY)
            ready[c->engine] |= 1u << id;
        if (c->state == CTX_WAITING)
            waiting[c->engine] |= 1u << id;
        if (c->nacks)
            owed |= 1u << id;
        if (c->nacks && c->state != CTX_RUNNING)
            sets_fail(r, "acknowledgements still owed off the engine", id);
        if (c->state == CTX_RUNNING && sched.eng[c->engine].current != id)
            sets_fail(r, "running, but not its engine's current context", id);
        if (c->state != CTX_FREE && schedlog_active(c->engine) &&
            c->logged_state != sched_log_state(c))
            sets_fail(r, "a state change the log missed", id);
    }
    for (unsigned e = 0; e < ENG_COUNT; e++) {
        if (sched.ready[e] != ready[e])
            sets_fail(r, "sched.ready differs from the READY contexts", e);
        if (sched.waiting[e] != waiting[e])
            sets_fail(r, "sched.waiting differs from the WAITING contexts", e);
        const struct sched_engine *g = &sched.eng[e];
        if (g->current == SCHED_NO_CTX && !g->in_reset && (ready[e] | waiting[e]))
            sets_fail(r, "a free engine with work left unstarted", e);
    }
    if (sched.acks_owed != owed)
        sets_fail(r, "sched.acks_owed differs from the contexts owing acknowledgements", 0);
}

static void random_set_log(unsigned node, int on)
{
    union sgpu_ctrl_frame f = {0};
    f.hdr.opcode = SGPU_CTRL_OP_SET_LOG_BUFFER;
    f.set_log_buffer.node = (uint8_t)node;
    f.set_log_buffer.buffer_addr = on ? FWT_LOG + 0x400u * node : 0;
    f.set_log_buffer.entries = on ? 16 : 0;
    f.set_log_buffer.interrupt_entry = on ? 15 : 0;
    assert_int_equal(fwt_do(&f), OK);
}

/* The engine running a context finishes, waits, is preempted or fails, somewhere up to the
 * tail the host gave. */
static void random_engine_stop(struct random_run *r)
{
    unsigned e = rng_below(ENG_COUNT);
    unsigned id = sched.eng[e].current;
    if (id == SCHED_NO_CTX)
        return;
    static const uint32_t reasons[] = {EMPTY, EMPTY, EMPTY, WAIT, PREEMPTED, ERROR};
    uint32_t reason = reasons[rng_below(sizeof reasons / sizeof reasons[0])];
    uint32_t head = reason == EMPTY ? r->tail[id] : r->tail[id] - 0x10u * rng_below(2);
    hal_fake_engine_stopped(e, reason, head, reason == ERROR ? SGPU_CMD_ERROR_UNKNOWN_OPCODE : 0,
                            0);
}

static void random_step(struct random_run *r)
{
    unsigned id = rng_below(RANDOM_CTX);
    switch (rng_below(14)) {
    case 0:
        fwt_create(id, (uint8_t)rng_below(ENG_COUNT), (uint8_t)rng_below(SCHED_BANDS));
        break;
    case 1:
        if (rng_below(3) == 0)
            fwt_destroy(id);
        break;
    case 2:
    case 3:
    case 4:
        r->tail[id] += 0x20u;
        hal_fake_doorbell(id, r->tail[id]);
        break;
    case 5:
    case 6:
    case 7:
        random_engine_stop(r);
        break;
    case 8:
        if (sched_ctx_live(id))
            fwt_suspend(id, ++r->suspend_value[id]);
        break;
    case 9:
        if (sched_ctx_live(id))
            fwt_resume(id);
        break;
    case 10:
        fwt_advance(rng_below(2 * QUANTUM));
        break;
    case 11:
        if (sched_ctx_live(id))
            fwt_set_quantum(id, (uint8_t)rng_below(SCHED_BANDS), rng_below(3) * 5000u);
        break;
    case 12: {
        unsigned node = rng_below(ENG_COUNT);
        if (sched.eng[node].in_reset)
            fwt_resume_engine((uint8_t)node);
        else if (rng_below(4) == 0)
            fwt_reset_engine((uint8_t)node);
        break;
    }
    default:
        random_set_log(rng_below(ENG_COUNT), (int)rng_below(2));
        break;
    }
    fwt_run();
    fwt_event_consume_all();
}

static uint32_t first_seed(void)
{
    const char *s = getenv("FWTEST_SEED");
    return s && *s ? (uint32_t)strtoul(s, NULL, 0) : 1u;
}

static void test_sets_follow_states_random(void **state)
{
    (void)state;
    uint32_t first = first_seed();
    print_message("context sets: seeds %u..%u, %u steps each (FWTEST_SEED=n starts at n)\n",
                  (unsigned)first, (unsigned)(first + RANDOM_SEQUENCES - 1u), RANDOM_STEPS);
    for (uint32_t seed = first; seed < first + RANDOM_SEQUENCES; seed++) {
        static struct random_run r;
        memset(&r, 0, sizeof r);
        r.seed = seed;
        rng_state = seed * 2654435761u | 1u; /* never 0: xorshift would stay there */
        fwt_setup(8, 64);
        for (unsigned e = 0; e < ENG_COUNT; e++)
            hal_fake_engine_autostop(e, 1); /* a STOP is obeyed at once */
        for (r.step = 0; r.step < RANDOM_STEPS; r.step++) {
            random_step(&r);
            check_sets(&r);
        }
    }
}

/* Doorbells for every context at once: each bit found (the lowest-bit table, both bytes of
 * the set), the first of each engine started, the rest ready in id order. */
static void test_doorbells_for_every_context(void **state)
{
    (void)state;
    unsigned n = sched.ctx_count;
    assert_true(n > 8);
    for (unsigned id = 0; id < n; id++)
        assert_int_equal(fwt_create(id, (uint8_t)(id & 1u), SGPU_BAND_NORMAL), OK);
    for (unsigned id = 0; id < n; id++)
        hal_fake_doorbell(id, 0x40);
    fwt_run();
    assert_int_equal(fwt_last_start_ctx(0), 0);
    assert_int_equal(fwt_last_start_ctx(1), 1);
    ctx_set all = (ctx_set)((1ull << n) - 1u);
    assert_int_equal(sched.ready[0], all & 0x55555554u);
    assert_int_equal(sched.ready[1], all & 0xAAAAAAA8u);
    /* each stop hands the engine to the next id of its engine */
    for (unsigned id = 2; id < n; id++) {
        fwt_stopped(id & 1u, EMPTY, 0x40);
        assert_int_equal(fwt_last_start_ctx(id & 1u), id);
    }
    assert_int_equal(sched.ready[0] | sched.ready[1], 0);
}

/* A doorbell pending while the control ring is served ends the batch early: the context
 * starts before the next frame runs. */
static void ring_at_first_frame(uint32_t addr)
{
    if (addr == SGPU_CP_CTRL_DESC_HI_ADDR) {
        hal_fake_set_read_hook(NULL);
        hal_fake_doorbell(0, 0x40);
    }
}

static void test_doorbell_ends_control_batch(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(0, COPY, SGPU_BAND_NORMAL), OK);
    union sgpu_ctrl_frame f = {0};
    f.hdr.opcode = SGPU_CTRL_OP_QUERY_STATUS;
    f.query_status.result_addr = FWT_STATUS;
    uint32_t first = fwt_submit(&f);
    uint32_t second = fwt_submit(&f);
    hal_fake_set_read_hook(ring_at_first_frame);
    loop_poll();
    assert_int_equal(fwt_completion(first), OK);
    assert_int_equal(fwt_starts(0), 1);
    assert_int_equal(fwt_completion(second), FWT_NOT_DONE);
    fwt_run();
    assert_int_equal(fwt_completion(second), OK);
}

/* A doorbell for a context whose engine has just stopped (its IRQ not yet handled) starts the
 * new work from the doorbell itself. */
static void test_doorbell_takes_pending_stop(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(0, COPY, SGPU_BAND_NORMAL), OK);
    hal_fake_doorbell(0, 0x40);
    fwt_run();
    hal_fake_engine_stopped(0, EMPTY, 0x40, 0, 0);
    hal_fake_doorbell(0, 0x80);
    sched_doorbells(hal_fake_peek(SGPU_CP_DB_PENDING_ADDR));
    assert_int_equal(fwt_starts(0), 2);
    assert_int_equal(fwt_last_start_head(0), 0x40);
    assert_int_equal(hal_fake_peek(SGPU_ENG_IRQ_ADDR_I(0)), 0);
    fwt_run();
    assert_int_equal(fwt_starts(0), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_doorbell_starts_context, fwt_setup_default),
        cmocka_unit_test_setup(test_doorbells_coalesce, fwt_setup_default),
        cmocka_unit_test_setup(test_doorbell_during_consume_not_lost, fwt_setup_default),
        cmocka_unit_test_setup(test_round_robin_three_contexts, fwt_setup_default),
        cmocka_unit_test_setup(test_alone_keeps_running_past_quantum, fwt_setup_default),
        cmocka_unit_test_setup(test_context_quantum_property, fwt_setup_default),
        cmocka_unit_test_setup(test_realtime_preempts_normal_at_once, fwt_setup_default),
        cmocka_unit_test_setup(test_focus_waits_its_grace_period, fwt_setup_default),
        cmocka_unit_test_setup(test_band_change_applies_next_decision, fwt_setup_default),
        cmocka_unit_test_setup(test_wait_yields_and_polls, fwt_setup_default),
        cmocka_unit_test_setup(test_error_isolation, fwt_setup_default),
        cmocka_unit_test_setup(test_bad_access_is_a_page_fault, fwt_setup_default),
        cmocka_unit_test_setup(test_doorbell_unknown_or_destroyed_dropped, fwt_setup_default),
        cmocka_unit_test_setup(test_suspend_idle_context, fwt_setup_default),
        cmocka_unit_test_setup(test_suspend_running_context, fwt_setup_default),
        cmocka_unit_test_setup(test_suspend_resume_suspend_race, fwt_setup_default),
        cmocka_unit_test_setup(test_suspend_then_resume_before_stop, fwt_setup_default),
        cmocka_unit_test_setup(test_new_suspend_waits_for_its_own_stop, fwt_setup_default),
        cmocka_unit_test_setup(test_suspend_waiting_context, fwt_setup_default),
        cmocka_unit_test_setup(test_reset_engine, fwt_setup_default),
        cmocka_unit_test_setup(test_reset_names_guilty, fwt_setup_default),
        cmocka_unit_test_setup(test_partial_command_resumes, fwt_setup_default),
        cmocka_unit_test_setup(test_heartbeat, fwt_setup_default),
        cmocka_unit_test_setup(test_status_preemption, fwt_setup_default),
        cmocka_unit_test_setup(test_status_while_reset, fwt_setup_default),
        cmocka_unit_test_setup(test_fence_irq_event, fwt_setup_default),
        cmocka_unit_test_setup(test_empty_with_new_tail_restarts, fwt_setup_default),
        cmocka_unit_test_setup(test_tail_cutting_a_command_waits_for_doorbell, fwt_setup_default),
        cmocka_unit_test_setup(test_fence_before_reset_reported, fwt_setup_default),
        cmocka_unit_test_setup(test_fence_then_stop_names_its_context, fwt_setup_default),
        cmocka_unit_test_setup(test_fence_after_clear_reported_once, fwt_setup_default),
        cmocka_unit_test_setup(test_fence_stream_during_reads, fwt_setup_default),
        cmocka_unit_test_setup(test_preempt_timeout_reported, fwt_setup_default),
        cmocka_unit_test_setup(test_loop_setup, fwt_setup_default),
        cmocka_unit_test_setup(test_doorbells_for_every_context, fwt_setup_default),
        cmocka_unit_test_setup(test_doorbell_ends_control_batch, fwt_setup_default),
        cmocka_unit_test_setup(test_doorbell_takes_pending_stop, fwt_setup_default),
        cmocka_unit_test_setup(test_sets_follow_states_random, fwt_setup_default),
    };
    return cmocka_run_group_tests_name("sched", tests, NULL, NULL);
}
