/* test_stats_read.c: observers and the STATS reader against the fake simulator: an observer
 * opens without host memory and is refused every write, DMA buffer and interrupt before
 * anything is sent; sgpu_stats_read re-reads a record the firmware is rewriting until it is
 * consistent, gives up on one that never settles, and says when the firmware keeps none. */
/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "fake_sim.h"
#include "sgpu.h"
#include "sgpu_regs.h"
#include "sgpu_stats.h"

static char uri[200];

static sgpu_dev *observe(struct fake_sim *f)
{
    assert_int_equal(fake_sim_start(f), 0);
    snprintf(uri, sizeof uri, "sim:%s", f->path);
    sgpu_dev *dev = NULL;
    int rc = sgpu_open_observer(uri, &dev);
    if (rc)
        fail_msg("observe %s: %s (%s)", uri, sgpu_errname(rc), sgpu_last_error());
    return dev;
}

/* The words of one record at its byte offset in the block. */
static void put(struct fake_sim *f, uint32_t offset, const void *record)
{
    memcpy(&f->stats[offset / 4], record, SGPU_PROTO_STATS_RECORD_BYTES);
}

static void firmware_records(struct fake_sim *f)
{
    struct sgpu_stats_header h = {.magic = SGPU_PROTO_STATS_MAGIC, .layout = SGPU_PROTO_STATS_LAYOUT,
                                  .contexts = 16, .engines = 2, .boot_cycle = 77};
    struct sgpu_stats_ctx c0 = {.seq = 4, .state = SGPU_STATS_STATE_RUNNING, .engine = 1,
                                .band = 1, .busy_cycles = 0x123456789ull, .commands = 12,
                                .submissions = 3, .preemptions = 1, .starts = 2};
    struct sgpu_stats_ctx c5 = {.seq = 2, .state = SGPU_STATS_STATE_ERROR, .busy_cycles = 5};
    struct sgpu_stats_eng e1 = {.seq = 8, .current = 0, .busy_cycles = 999, .commands = 40,
                                .cycles = 5000};
    put(f, SGPU_PROTO_STATS_HEADER_OFFSET, &h);
    put(f, SGPU_PROTO_STATS_CTX_OFFSET, &c0);
    put(f, SGPU_PROTO_STATS_CTX_OFFSET + 5 * SGPU_PROTO_STATS_RECORD_BYTES, &c5);
    put(f, SGPU_PROTO_STATS_ENG_OFFSET + SGPU_PROTO_STATS_RECORD_BYTES, &e1);
    for (unsigned e = 0; e < 2; e++) /* engines idle: current 0xFF */
        if (e != 1)
            f->stats[(SGPU_PROTO_STATS_ENG_OFFSET + e * SGPU_PROTO_STATS_RECORD_BYTES) / 4 + 1] = 0xFF;
}

static void test_observer_refused_writes(void **state)
{
    (void)state;
    struct fake_sim f = {0};
    sgpu_dev *dev = observe(&f);
    assert_int_equal(f.observers, 1);
    assert_int_equal(f.clients, 0); /* no HELLO: no host memory */
    unsigned before = f.mmio_requests;
    assert_int_equal(sgpu_write32(dev, SGPU_ID_SCRATCH_OFFSET, 1), SGPU_ERR_READ_ONLY);
    assert_non_null(strstr(sgpu_last_error(), "observer"));
    struct sgpu_dma_buf *b = NULL;
    assert_int_equal(sgpu_dma_alloc(dev, 4096, &b), SGPU_ERR_READ_ONLY);
    unsigned v;
    assert_int_equal(sgpu_irq_wait(dev, 10, &v), SGPU_ERR_READ_ONLY);
    assert_int_equal(f.mmio_requests, before); /* refused before anything was sent */
    uint32_t magic;
    assert_int_equal(sgpu_read32(dev, SGPU_ID_MAGIC_OFFSET, &magic), SGPU_OK);
    assert_int_equal(magic, SGPU_ID_MAGIC_RESET);
    sgpu_close(dev);
    fake_sim_stop(&f);
}

static void test_no_stats_block(void **state)
{
    (void)state;
    struct fake_sim f = {0};
    sgpu_dev *dev = observe(&f);
    struct sgpu_stats st;
    memset(&st, 0xA5, sizeof st);
    assert_int_equal(sgpu_stats_read(dev, &st), SGPU_OK);
    assert_int_equal(st.present, 0);
    assert_int_equal(st.contexts, 0);
    sgpu_close(dev);
    fake_sim_stop(&f);
}

static void test_records_read(void **state)
{
    (void)state;
    struct fake_sim f = {0};
    firmware_records(&f);
    f.cp_cycles = 0x189ABCDEFull;
    sgpu_dev *dev = observe(&f);
    struct sgpu_stats st;
    assert_int_equal(sgpu_stats_read(dev, &st), SGPU_OK);
    assert_int_equal(st.present, 1);
    assert_int_equal(st.contexts, 16);
    assert_int_equal(st.engines, 2);
    assert_true(st.header.boot_cycle == 77);
    assert_int_equal(st.ctx[0].state, SGPU_STATS_STATE_RUNNING);
    assert_true(st.ctx[0].busy_cycles == 0x123456789ull);
    assert_int_equal(st.ctx[0].commands, 12);
    assert_int_equal(st.ctx[0].submissions, 3);
    assert_int_equal(st.ctx[0].preemptions, 1);
    assert_int_equal(st.ctx[5].state, SGPU_STATS_STATE_ERROR);
    assert_int_equal(st.ctx[7].state, SGPU_STATS_STATE_FREE);
    assert_int_equal(st.eng[0].current, SGPU_STATS_NO_CONTEXT);
    assert_int_equal(st.eng[1].current, 0);
    assert_true(st.eng[1].busy_cycles == 999);
    assert_true(st.device_cycles == 0x189ABCDEFull);
    assert_string_equal(sgpu_stats_state_name(st.ctx[5].state), "error");
    sgpu_close(dev);
    fake_sim_stop(&f);
}

/* A record being written (odd sequence word), then rewritten between the first and last
 * look (the sequence word moved): read again until it holds still. */
static void test_torn_record_read_again(void **state)
{
    (void)state;
    struct fake_sim f = {0};
    firmware_records(&f);
    f.stats_odd = 3;
    f.stats_churn = 2;
    sgpu_dev *dev = observe(&f);
    struct sgpu_stats st;
    assert_int_equal(sgpu_stats_read(dev, &st), SGPU_OK);
    /* 3 odd looks, then: first look (churned to 6), last look (churned to 8): not the same;
     * then 8 and 8: consistent */
    assert_int_equal(st.ctx[0].seq, 8);
    assert_int_equal(f.stats_seq_reads, 3 + 2 + 2);
    assert_int_equal(st.ctx[0].commands, 12);
    sgpu_close(dev);
    fake_sim_stop(&f);
}

static void test_record_never_settles(void **state)
{
    (void)state;
    struct fake_sim f = {0};
    firmware_records(&f);
    f.stats_churn = 100000;
    sgpu_dev *dev = observe(&f);
    struct sgpu_stats st;
    assert_int_equal(sgpu_stats_read(dev, &st), SGPU_ERR_TIMEOUT);
    assert_non_null(strstr(sgpu_last_error(), "changed on every one"));
    sgpu_close(dev);
    fake_sim_stop(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_observer_refused_writes),
        cmocka_unit_test(test_no_stats_block),
        cmocka_unit_test(test_records_read),
        cmocka_unit_test(test_torn_record_read_again),
        cmocka_unit_test(test_record_never_settles),
    };
    return cmocka_run_group_tests_name("stats_read", tests, NULL, NULL);
}
