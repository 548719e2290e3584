/* test_ring.c: host unit tests of ring.c, the single-producer single-consumer ring indices. */
/* SPDX-License-Identifier: Apache-2.0 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "ring.h"

static void test_init_sizes(void **state)
{
    (void)state;
    struct ring r;
    assert_int_equal(ring_init(&r, 0), -EINVAL);
    assert_int_equal(ring_init(&r, 3), -EINVAL);
    assert_int_equal(ring_init(&r, 12), -EINVAL);
    assert_int_equal(ring_init(&r, 0x80000001u), -EINVAL);
    assert_int_equal(ring_init(&r, 0xFFFFFFFFu), -EINVAL);
    assert_int_equal(ring_init(&r, 1), 0);
    assert_int_equal(ring_init(&r, 0x80000000u), 0);
    assert_int_equal(ring_init(&r, 16), 0);
    assert_int_equal(r.head, 0);
    assert_int_equal(r.tail, 0);
    assert_int_equal(r.size, 16);
}

static void test_empty(void **state)
{
    (void)state;
    struct ring r;
    ring_init(&r, 4);
    assert_true(ring_empty(&r));
    assert_false(ring_full(&r));
    assert_int_equal(ring_used(&r), 0);
    assert_int_equal(ring_free(&r), 4);
    assert_int_equal(ring_consume_slot(&r, NULL), -EAGAIN);
    assert_int_equal(ring_consume(&r, 1), -EAGAIN);
    assert_int_equal(ring_consume(&r, 0), 0);
    assert_int_equal(r.tail, 0);
}

static void test_full(void **state)
{
    (void)state;
    struct ring r;
    ring_init(&r, 4);
    for (int i = 0; i < 4; i++) {
        assert_int_equal(ring_produce_slot(&r, NULL), i);
        assert_int_equal(ring_produce(&r, 1), 0);
    }
    assert_true(ring_full(&r));
    assert_false(ring_empty(&r));
    assert_int_equal(ring_free(&r), 0);
    assert_int_equal(ring_produce_slot(&r, NULL), -ENOSPC);
    assert_int_equal(ring_produce(&r, 1), -ENOSPC);
    assert_int_equal(r.head, 4);
    assert_int_equal(ring_consume_slot(&r, NULL), 0);
    assert_int_equal(ring_consume(&r, 1), 0);
    assert_int_equal(ring_produce_slot(&r, NULL), 0); /* wrapped to slot 0 */
}

static void test_batches(void **state)
{
    (void)state;
    struct ring r;
    ring_init(&r, 8);
    assert_int_equal(ring_produce(&r, 9), -ENOSPC); /* all or nothing */
    assert_int_equal(r.head, 0);
    assert_int_equal(ring_produce(&r, 8), 0);
    assert_int_equal(ring_consume(&r, 9), -EAGAIN);
    assert_int_equal(ring_consume(&r, 5), 0);
    assert_int_equal(ring_used(&r), 3);
    assert_int_equal(ring_free(&r), 5);
}

static void test_wrap_slots_and_contig(void **state)
{
    (void)state;
    struct ring r;
    uint32_t contig;
    ring_init(&r, 8);
    ring_produce(&r, 6);
    ring_consume(&r, 5); /* head 6, tail 5: one entry at slot 5 */
    assert_int_equal(ring_produce_slot(&r, &contig), 6);
    assert_int_equal(contig, 2); /* slots 6, 7, then the end of the buffer */
    assert_int_equal(ring_produce(&r, 4), 0); /* slots 6, 7, 0, 1 */
    assert_int_equal(ring_produce_slot(&r, &contig), 2);
    assert_int_equal(contig, 3); /* slots 2, 3, 4: slot 5 is still in use */
    assert_int_equal(ring_consume_slot(&r, &contig), 5);
    assert_int_equal(contig, 3); /* slots 5, 6, 7 in a row; 0, 1 after the wrap */
    ring_consume(&r, 3);
    assert_int_equal(ring_consume_slot(&r, &contig), 0);
    assert_int_equal(contig, 2);
}

static void test_counter_wrap(void **state)
{
    (void)state;
    struct ring r;
    ring_init(&r, 4);
    r.head = r.tail = 0xFFFFFFFEu; /* as if 2^32 - 2 entries had gone through */
    assert_true(ring_empty(&r));
    assert_int_equal(ring_produce_slot(&r, NULL), 2);
    assert_int_equal(ring_produce(&r, 4), 0);
    assert_int_equal(r.head, 2); /* wrapped past 2^32 */
    assert_true(ring_full(&r));
    assert_int_equal(ring_used(&r), 4);
    assert_int_equal(ring_consume_slot(&r, NULL), 2);
    assert_int_equal(ring_consume(&r, 3), 0);
    assert_int_equal(r.tail, 1);
    assert_int_equal(ring_consume_slot(&r, NULL), 1);
    assert_int_equal(ring_used(&r), 1);
}

static void test_invalid_indices(void **state)
{
    (void)state;
    struct ring r;
    ring_init(&r, 4);
    r.head = 10; /* a corrupt head from the other side: 10 used in a ring of 4 */
    assert_false(ring_valid(&r));
    assert_true(ring_full(&r));
    assert_int_equal(ring_consume_slot(&r, NULL), -EAGAIN);
    assert_int_equal(ring_consume(&r, 1), -EAGAIN);
    assert_int_equal(ring_produce(&r, 0), -ENOSPC);
    r.head = 0;
    r.tail = 1; /* tail ahead of head */
    assert_false(ring_valid(&r));
}

/* A stream of numbered entries through a ring of 8, in batches of varying size, with the
 * indices starting near 2^32: every entry comes out once, in order. */
static void test_stream(void **state)
{
    (void)state;
    struct ring r;
    uint32_t buf[8], next_in = 0, next_out = 0, x = 12345u;
    ring_init(&r, 8);
    r.head = r.tail = 0xFFFFFF00u;
    while (next_out < 5000) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        uint32_t contig, want = 1 + x % 5u;
        int slot = ring_produce_slot(&r, &contig);
        if (slot >= 0) {
            uint32_t n = want < contig ? want : contig;
            for (uint32_t i = 0; i < n; i++)
                buf[(uint32_t)slot + i] = next_in++;
            assert_int_equal(ring_produce(&r, n), 0);
        }
        want = 1 + (x >> 8) % 5u;
        slot = ring_consume_slot(&r, &contig);
        if (slot >= 0) {
            uint32_t n = want < contig ? want : contig;
            for (uint32_t i = 0; i < n; i++)
                assert_int_equal(buf[(uint32_t)slot + i], next_out++);
            assert_int_equal(ring_consume(&r, n), 0);
        }
        assert_true(ring_valid(&r));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init_sizes),  cmocka_unit_test(test_empty),
        cmocka_unit_test(test_full),        cmocka_unit_test(test_batches),
        cmocka_unit_test(test_wrap_slots_and_contig), cmocka_unit_test(test_counter_wrap),
        cmocka_unit_test(test_invalid_indices), cmocka_unit_test(test_stream),
    };
    return cmocka_run_group_tests_name("ring", tests, NULL, NULL);
}
