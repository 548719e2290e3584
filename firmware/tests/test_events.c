/* test_events.c: host unit tests of events.c, the event ring producer. */
/* SPDX-License-Identifier: Apache-2.0 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "events.h"
#include "fwtest.h"
#include "hal.h"
#include "hal_fake.h"

static void post_fence(uint64_t value)
{
    struct event ev = {.type = SGPU_EVENT_MONITORED_FENCE_SIGNALED,
                       .ctx_id = 3,
                       .engine = 1,
                       .value = value,
                       .aux = 0xABCD0000ull};
    events_post(&ev);
}

static void test_records_head_msi(void **state)
{
    (void)state;
    fwt_setup(8, 4);
    fwt_write64(FWT_EVENT_DESC + 16, 0xFFFFFFFF00000000ull); /* garbage after head */
    post_fence(100);
    post_fence(101);
    assert_int_equal(fwt_event_count(), 2);
    /* head and the reserved word after it, written as 8 bytes */
    assert_true(fwt_read64(FWT_EVENT_DESC + 16) == 2);
    struct sgpu_event_record r = fwt_event(0);
    assert_int_equal(r.type, SGPU_EVENT_MONITORED_FENCE_SIGNALED);
    assert_int_equal(r.flags, 0);
    assert_int_equal(r.ctx_id, 3);
    assert_int_equal(r.node, 1);
    assert_int_equal(r.engine, 0);
    assert_int_equal(r.reason, 0);
    assert_true(r.value == 100);
    assert_true(r.aux == 0xABCD0000ull);
    assert_int_equal(fwt_event(1).seq, r.seq + 1); /* consecutive */
    assert_int_equal(hal_fake_msi_count(), 2);
    /* record, then head, then the MSI on the descriptor's vector */
    const struct hal_fake_hostio_op *log;
    unsigned n = hal_fake_hostio_ops(&log);
    assert_int_equal(log[n - 1].op, SGPU_HOSTIO_CMD_OP_MSI);
    assert_int_equal(log[n - 1].vector, FWT_EVENT_MSI);
    assert_true(log[n - 2].addr == FWT_EVENT_DESC + 16);
    assert_true(log[n - 3].addr == FWT_EVENT_RING + 32);
    assert_int_equal(events_posted(), 2);
}

static void test_ring_full_loses_and_flags(void **state)
{
    (void)state;
    fwt_setup(8, 4);
    for (uint64_t v = 0; v < 6; v++)
        post_fence(v); /* 4 fit, 2 are lost */
    assert_int_equal(fwt_event_count(), 4);
    assert_int_equal(events_lost(), 2);
    assert_int_equal(hal_fake_msi_count(), 4);
    fwt_event_consume_all();
    post_fence(6);
    assert_int_equal(fwt_event_count(), 5);
    struct sgpu_event_record r = fwt_event(4); /* wrapped to slot 0 */
    assert_true(r.value == 6);
    assert_int_equal(r.flags, SGPU_EVENT_FLAG_EVENTS_LOST);
    assert_int_equal(r.seq, fwt_event(3).seq + 3); /* the host sees the gap */
    post_fence(7);
    assert_int_equal(fwt_event(5).flags, 0); /* only the first one after the loss */
}

static void test_no_event_ring(void **state)
{
    (void)state;
    fwt_setup(8, 0);
    post_fence(1);
    post_fence(2);
    assert_int_equal(events_lost(), 2);
    assert_int_equal(events_posted(), 0);
    assert_int_equal(hal_fake_msi_count(), 0);
}

static void test_bad_descriptor(void **state)
{
    (void)state;
    fwt_setup(8, 4);
    struct sgpu_ring_desc *d = fwt_mem(FWT_EVENT_DESC);
    d->entry_bytes = 64; /* a control ring's layout */
    post_fence(1);
    assert_int_equal(events_lost(), 1);
    d->entry_bytes = SGPU_PROTO_EVENT_BYTES; /* fixed: the next one goes out, flagged */
    post_fence(2);
    assert_int_equal(fwt_event_count(), 1);
    assert_int_equal(fwt_event(0).flags, SGPU_EVENT_FLAG_EVENTS_LOST);
}

static void test_write_failure_is_a_loss(void **state)
{
    (void)state;
    fwt_setup(8, 4);
    post_fence(1); /* descriptor read, record, head, MSI */
    hal_fake_hostio_fail(SGPU_HOSTIO_STATUS_ERROR_ABORT, 2); /* tail read fails */
    post_fence(2);
    assert_int_equal(events_lost(), 1);
    assert_int_equal(fwt_event_count(), 1);
}

/* Host reads of the descriptor's bytes since the log started: (whole descriptor, tail). */
static void desc_reads(unsigned *whole, unsigned *tail)
{
    const struct hal_fake_hostio_op *log;
    unsigned n = hal_fake_hostio_ops(&log);
    *whole = *tail = 0;
    for (unsigned i = 0; i < n; i++) {
        if (log[i].op != SGPU_HOSTIO_CMD_OP_READ)
            continue;
        if (log[i].addr == FWT_EVENT_DESC)
            ++*whole;
        else if (log[i].addr == FWT_EVENT_DESC + offsetof(struct sgpu_ring_desc, tail))
            ++*tail;
    }
}

/* DESC_KEPT: the descriptor is read once, the tail only when the ring looks full. */
static void test_kept_descriptor_read_once(void **state)
{
    (void)state;
    fwt_setup(8, 4);
    struct sgpu_ring_desc *d = fwt_mem(FWT_EVENT_DESC);
    d->flags = SGPU_RING_FLAG_DESC_KEPT;
    unsigned whole, tail;
    for (uint64_t v = 0; v < 4; v++)
        post_fence(v);
    desc_reads(&whole, &tail);
    assert_int_equal(whole, 1);
    assert_int_equal(tail, 0);
    assert_int_equal(fwt_event_count(), 4);
    post_fence(4); /* looks full: the tail is read, still full: lost */
    desc_reads(&whole, &tail);
    assert_int_equal(tail, 1);
    assert_int_equal(events_lost(), 1);
    fwt_event_consume_all();
    post_fence(5); /* looks full by the tail last read: read again, room now */
    desc_reads(&whole, &tail);
    assert_int_equal(whole, 1);
    assert_int_equal(tail, 2);
    assert_int_equal(fwt_event_count(), 5);
    struct sgpu_event_record r = fwt_event(4);
    assert_true(r.value == 5);
    assert_int_equal(r.flags, SGPU_EVENT_FLAG_EVENTS_LOST);
    post_fence(6); /* room by the tail just read: no read */
    desc_reads(&whole, &tail);
    assert_int_equal(whole + tail, 3);
    assert_int_equal(fwt_event_count(), 6);
}

/* A ring set up anew at the same descriptor address, announced by an EVENT_DESC write: the
 * descriptor is read again and the records go to the new ring from its head. Without the
 * announcement (a host breaking DESC_KEPT's promise) the old ring is still written. */
static void test_kept_descriptor_new_ring(void **state)
{
    (void)state;
    fwt_setup(8, 4);
    struct sgpu_ring_desc *d = fwt_mem(FWT_EVENT_DESC);
    d->flags = SGPU_RING_FLAG_DESC_KEPT;
    post_fence(1);
    post_fence(2);
    const uint64_t new_ring = FWT_EVENT_RING + 4 * SGPU_PROTO_EVENT_BYTES;
    *d = (struct sgpu_ring_desc){.base = new_ring, .entries = 2,
                                 .entry_bytes = SGPU_PROTO_EVENT_BYTES,
                                 .msi_vector = FWT_EVENT_MSI, .flags = SGPU_RING_FLAG_DESC_KEPT};
    post_fence(3); /* not announced: the kept ring (slot 2 of the old one), head 3 */
    struct sgpu_event_record *old = fwt_mem(FWT_EVENT_RING);
    assert_true(old[2].value == 3);
    assert_int_equal(d->head, 3);
    d->head = 0;
    d->tail = 0;
    hal_fake_event_desc_written();
    post_fence(4);
    struct sgpu_event_record *now = fwt_mem(new_ring);
    assert_true(now[0].value == 4);
    assert_int_equal(d->head, 1);
    assert_int_equal(hal_read32(SGPU_CP_CTRL_PENDING_ADDR) & SGPU_CP_CTRL_PENDING_EVENT_DESC_MASK, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_records_head_msi),
        cmocka_unit_test(test_ring_full_loses_and_flags),
        cmocka_unit_test(test_no_event_ring),
        cmocka_unit_test(test_bad_descriptor),
        cmocka_unit_test(test_write_failure_is_a_loss),
        cmocka_unit_test(test_kept_descriptor_read_once),
        cmocka_unit_test(test_kept_descriptor_new_ring),
    };
    return cmocka_run_group_tests_name("events", tests, NULL, NULL);
}
