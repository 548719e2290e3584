/* test_stats.c: host unit tests of the activity accounting (stats.c) through the firmware's
 * loop: the engines' BUSY_CYCLES and COMMANDS given to the context that ran across switches,
 * suspends, quanta, refreshes while running, engine resets and destroys, and the records the
 * host reads in the STATS block. */
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
#include "sgpu_protocol.h"

#define EMPTY SGPU_ENG_STATUS_STOP_REASON_EMPTY
#define PREEMPTED SGPU_ENG_STATUS_STOP_REASON_PREEMPTED



/* The engine's own counters, as eng_ring counts them. */
static void counters(unsigned e, uint32_t busy, uint32_t commands)
{
    hal_fake_poke(SGPU_ENG_BUSY_CYCLES_ADDR_I(e), busy);
    hal_fake_poke(SGPU_ENG_COMMANDS_ADDR_I(e), commands);
}

/* A record as the host reads it from the STATS block. */
static void peek_record(uint32_t offset, void *out)
{
    uint32_t words[SGPU_PROTO_STATS_RECORD_BYTES / 4u];
    for (unsigned i = 0; i < SGPU_PROTO_STATS_RECORD_BYTES / 4u; i++)
        words[i] = hal_fake_peek(SGPU_STATS_CORE_BASE + offset + 4u * i);
    memcpy(out, words, sizeof words);
}

static struct sgpu_stats_ctx ctx_record(unsigned id)
{
    struct sgpu_stats_ctx r;
    peek_record(SGPU_PROTO_STATS_CTX_OFFSET + id * SGPU_PROTO_STATS_RECORD_BYTES, &r);
    assert_int_equal(r.seq & 1u, 0); /* complete: the firmware is not inside an update */
    return r;
}

static struct sgpu_stats_eng eng_record(unsigned e)
{
    struct sgpu_stats_eng r;
    peek_record(SGPU_PROTO_STATS_ENG_OFFSET + e * SGPU_PROTO_STATS_RECORD_BYTES, &r);
    assert_int_equal(r.seq & 1u, 0);
    return r;
}

static void test_header_and_cleared_records(void **state)
{
    (void)state;
    struct sgpu_stats_header h;
    peek_record(SGPU_PROTO_STATS_HEADER_OFFSET, &h);
    assert_int_equal(h.magic, SGPU_PROTO_STATS_MAGIC);
    assert_int_equal(h.layout, SGPU_PROTO_STATS_LAYOUT);
    assert_int_equal(h.contexts, SGPU_CP_CTX_COUNT_RESET);
    assert_int_equal(h.engines, SGPU_ENG_COUNT);
    for (unsigned id = 0; id < SGPU_CP_CTX_COUNT_RESET; id++)
        assert_int_equal(ctx_record(id).state, SGPU_STATS_STATE_FREE);
    struct sgpu_stats_eng g = eng_record(COMPUTE);
    assert_int_equal(g.current, 0xFF);
    assert_true(g.busy_cycles == 0);
}

/* Two contexts share the copy engine: each gets the cycles and commands of its own turn. */
static void test_deltas_go_to_the_context_that_ran(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(0, COPY, SGPU_BAND_NORMAL), OK);
    assert_int_equal(fwt_create(1, COPY, SGPU_BAND_NORMAL), OK);
    assert_int_equal(ctx_record(1).state, SGPU_STATS_STATE_IDLE);
    hal_fake_doorbell(0, 0x100);
    hal_fake_doorbell(1, 0x100);
    fwt_run();
    counters(COPY, 100, 3);
    fwt_stopped(COPY, EMPTY, 0x100);
    assert_int_equal(fwt_last_start_ctx(COPY), 1);
    struct sgpu_stats_ctx a = ctx_record(0), b = ctx_record(1);
    assert_int_equal(a.state, SGPU_STATS_STATE_IDLE);
    assert_true(a.busy_cycles == 100);
    assert_int_equal(a.commands, 3);
    assert_int_equal(a.submissions, 1);
    assert_int_equal(a.starts, 1);
    assert_int_equal(a.preemptions, 0);
    assert_int_equal(b.state, SGPU_STATS_STATE_RUNNING);
    assert_true(b.busy_cycles == 0);
    assert_int_equal(eng_record(COPY).current, 1);

    counters(COPY, 250, 10);
    fwt_stopped(COPY, EMPTY, 0x100);
    b = ctx_record(1);
    assert_true(b.busy_cycles == 150);
    assert_int_equal(b.commands, 7);
    assert_true(ctx_record(0).busy_cycles == 100); /* untouched by the other's turn */
    struct sgpu_stats_eng g = eng_record(COPY);
    assert_true(g.busy_cycles == 250);
    assert_int_equal(g.commands, 10);
    assert_int_equal(g.current, 0xFF);
    assert_true(eng_record(COMPUTE).busy_cycles == 0);
}

/* The engine's counters wrap at 32 bits; the differences do not, and busy_cycles is 64-bit. */
static void test_counter_wrap(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(3, COMPUTE, SGPU_BAND_NORMAL), OK);
    hal_fake_doorbell(3, 0x40);
    fwt_run();
    counters(COMPUTE, 0xFFFFFF00u, 0xFFFFFFFFu);
    fwt_stopped(COMPUTE, EMPTY, 0x40);
    hal_fake_doorbell(3, 0x80);
    fwt_run();
    counters(COMPUTE, 0x100u, 4u);
    fwt_stopped(COMPUTE, EMPTY, 0x80);
    assert_true(ctx_record(3).busy_cycles == 0x100000100ull);
    assert_int_equal(ctx_record(3).commands, 4); /* 0xFFFFFFFF + 5, as a u32 */
}

static void test_submissions_counted(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(2, COPY, SGPU_BAND_NORMAL), OK);
    hal_fake_doorbell(2, 0x40);
    fwt_run();
    hal_fake_doorbell(2, 0x80); /* while it runs: still a submission */
    fwt_run();
    hal_fake_doorbell(2, 0xC0);
    hal_fake_doorbell(2, 0x100); /* two before the firmware looks: one doorbell consumed */
    fwt_run();
    assert_int_equal(ctx_record(2).submissions, 3);
    assert_int_equal(ctx_record(2).starts, 1);
}

/* A suspend stops the context: a preemption, and its cycles so far are its own. */
static void test_suspend_is_a_preemption(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(0, COPY, SGPU_BAND_NORMAL), OK);
    hal_fake_doorbell(0, 0x100);
    fwt_run();
    counters(COPY, 40, 1);
    assert_int_equal(fwt_suspend(0, 1), PENDING);
    fwt_stopped(COPY, PREEMPTED, 0x50);
    struct sgpu_stats_ctx r = ctx_record(0);
    assert_int_equal(r.state, SGPU_STATS_STATE_SUSPENDED);
    assert_int_equal(r.preemptions, 1);
    assert_true(r.busy_cycles == 40);
    assert_int_equal(r.commands, 1);
    assert_int_equal(fwt_resume(0), OK);
    r = ctx_record(0);
    assert_int_equal(r.state, SGPU_STATS_STATE_RUNNING);
    assert_int_equal(r.starts, 2);
    counters(COPY, 90, 4);
    fwt_stopped(COPY, EMPTY, 0x100);
    r = ctx_record(0);
    assert_true(r.busy_cycles == 90);
    assert_int_equal(r.commands, 4);
    assert_int_equal(r.preemptions, 1); /* ending its work is not a preemption */
}

/* The end of a quantum with another context ready is a preemption too. */
static void test_quantum_switch_is_a_preemption(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(0, COMPUTE, SGPU_BAND_NORMAL), OK);
    assert_int_equal(fwt_create(1, COMPUTE, SGPU_BAND_NORMAL), OK);
    hal_fake_doorbell(0, 0x100);
    hal_fake_doorbell(1, 0x100);
    fwt_run();
    fwt_advance(QUANTUM);
    fwt_run();
    assert_int_equal(hal_fake_engine_stops(COMPUTE), 1);
    counters(COMPUTE, 7000, 2);
    fwt_stopped(COMPUTE, PREEMPTED, 0x80);
    assert_int_equal(ctx_record(0).preemptions, 1);
    assert_int_equal(ctx_record(0).state, SGPU_STATS_STATE_READY);
    assert_true(ctx_record(0).busy_cycles == 7000);
    assert_int_equal(ctx_record(1).state, SGPU_STATS_STATE_RUNNING);
    assert_int_equal(ctx_record(1).preemptions, 0);
}

/* A long kernel shows up while it runs: the record is refreshed every STATS_REFRESH_CYCLES. */
static void test_running_context_refreshed(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(5, COMPUTE, SGPU_BAND_NORMAL), OK);
    hal_fake_doorbell(5, 0x100);
    fwt_run();
    fwt_advance(SGPU_PROTO_STATS_REFRESH_CYCLES); /* the refresh after the boot's */
    fwt_run();
    counters(COMPUTE, 12345, 0);
    fwt_run();
    assert_true(ctx_record(5).busy_cycles == 0); /* not due yet */
    uint64_t before = eng_record(COMPUTE).cycles;
    hal_fake_poke(SGPU_CP_CYCLES_LO_ADDR, 777);
    fwt_advance(SGPU_PROTO_STATS_REFRESH_CYCLES);
    fwt_run();
    struct sgpu_stats_ctx r = ctx_record(5);
    assert_int_equal(r.state, SGPU_STATS_STATE_RUNNING);
    assert_true(r.busy_cycles == 12345);
    struct sgpu_stats_eng g = eng_record(COMPUTE);
    assert_true(g.busy_cycles == 12345);
    assert_int_equal(g.current, 5);
    assert_true(g.cycles == 777 && g.cycles != before);
    /* and the stop adds only what came after the refresh */
    counters(COMPUTE, 12400, 1);
    fwt_stopped(COMPUTE, EMPTY, 0x100);
    assert_true(ctx_record(5).busy_cycles == 12400);
    assert_int_equal(ctx_record(5).commands, 1);
}

/* RESET_ENGINE: the context on the engine gets its cycles up to the reset; the engine's
 * counters restart at 0 and the next context is counted from there. */
static void test_engine_reset(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(0, COPY, SGPU_BAND_NORMAL), OK);
    assert_int_equal(fwt_create(1, COPY, SGPU_BAND_NORMAL), OK);
    hal_fake_doorbell(0, 0x100);
    hal_fake_doorbell(1, 0x100);
    fwt_run();
    counters(COPY, 300, 4);
    assert_int_equal(fwt_reset_engine(COPY), OK);
    struct sgpu_stats_ctx r = ctx_record(0);
    assert_int_equal(r.state, SGPU_STATS_STATE_ERROR);
    assert_true(r.busy_cycles == 300);
    assert_int_equal(r.commands, 4);
    assert_int_equal(eng_record(COPY).in_reset, 1);
    assert_int_equal(fwt_resume_engine(COPY), OK);
    assert_int_equal(eng_record(COPY).in_reset, 0);
    assert_int_equal(fwt_last_start_ctx(COPY), 1);
    counters(COPY, 50, 2); /* counted from 0 again */
    fwt_stopped(COPY, EMPTY, 0x100);
    r = ctx_record(1);
    assert_true(r.busy_cycles == 50);
    assert_int_equal(r.commands, 2);
    assert_true(eng_record(COPY).busy_cycles == 350);
    assert_int_equal(eng_record(COPY).commands, 6);
}

/* Destroy clears the record (seq goes on); a new context with the id starts from 0. */
static void test_destroy_clears_record(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(4, COPY, SGPU_BAND_NORMAL), OK);
    hal_fake_doorbell(4, 0x100);
    fwt_run();
    counters(COPY, 900, 9);
    hal_fake_engine_autostop(COPY, 1);
    uint32_t seq = ctx_record(4).seq;
    assert_int_equal(fwt_destroy(4), OK);
    struct sgpu_stats_ctx r = ctx_record(4);
    assert_true(r.seq > seq);
    assert_int_equal(r.state, SGPU_STATS_STATE_FREE);
    struct sgpu_stats_ctx zero = {.seq = r.seq};
    assert_memory_equal(&r, &zero, sizeof r);
    assert_true(eng_record(COPY).busy_cycles == 900); /* the engine's total keeps it */
    assert_int_equal(fwt_create(4, COMPUTE, SGPU_BAND_FOCUS), OK);
    r = ctx_record(4);
    assert_int_equal(r.state, SGPU_STATS_STATE_IDLE);
    assert_int_equal(r.engine, COMPUTE);
    assert_int_equal(r.band, SGPU_BAND_FOCUS);
    assert_true(r.busy_cycles == 0);
    assert_int_equal(r.submissions, 0);
}

/* A doorbell that lands while a record is half written is served first; the record, left
 * with an odd sequence word meanwhile, is written whole afterwards. */
static int hook_fired;
static uint32_t seq_seen;
static void doorbell_mid_record(void)
{
    if (hook_fired++)
        return;
    seq_seen = hal_fake_peek(SGPU_STATS_CORE_BASE + SGPU_PROTO_STATS_CTX_OFFSET);
    hal_fake_doorbell(1, 0x100);
}

static void test_doorbell_interrupts_a_record(void **state)
{
    (void)state;
    assert_int_equal(fwt_create(0, COPY, SGPU_BAND_NORMAL), OK);
    assert_int_equal(fwt_create(1, COPY, SGPU_BAND_NORMAL), OK);
    uint32_t seq = ctx_record(0).seq;
    hook_fired = 0;
    hal_fake_set_irq_check_hook(doorbell_mid_record);
    hal_fake_doorbell(0, 0x100);
    fwt_run();
    hal_fake_set_irq_check_hook(NULL);
    assert_true(hook_fired >= 1);
    assert_int_equal(seq_seen, seq + 1); /* odd: context 0's record was half written */
    assert_int_equal(fwt_starts(COPY), 1);
    struct sgpu_stats_ctx a = ctx_record(0), b = ctx_record(1);
    assert_int_equal(a.seq, seq + 2); /* one update: begun once, finished once */
    assert_int_equal(a.state, SGPU_STATS_STATE_RUNNING);
    assert_int_equal(a.submissions, 1);
    assert_int_equal(b.state, SGPU_STATS_STATE_READY); /* the doorbell was served */
    assert_int_equal(b.submissions, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_header_and_cleared_records, fwt_setup_default),
        cmocka_unit_test_setup(test_deltas_go_to_the_context_that_ran, fwt_setup_default),
        cmocka_unit_test_setup(test_counter_wrap, fwt_setup_default),
        cmocka_unit_test_setup(test_submissions_counted, fwt_setup_default),
        cmocka_unit_test_setup(test_suspend_is_a_preemption, fwt_setup_default),
        cmocka_unit_test_setup(test_quantum_switch_is_a_preemption, fwt_setup_default),
        cmocka_unit_test_setup(test_running_context_refreshed, fwt_setup_default),
        cmocka_unit_test_setup(test_engine_reset, fwt_setup_default),
        cmocka_unit_test_setup(test_destroy_clears_record, fwt_setup_default),
        cmocka_unit_test_setup(test_doorbell_interrupts_a_record, fwt_setup_default),
    };
    return cmocka_run_group_tests_name("stats", tests, NULL, NULL);
}
