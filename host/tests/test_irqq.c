/* test_irqq.c: the queue of received MSI vectors: arrival order, coalescing, wrap-around. */
/* SPDX-License-Identifier: Apache-2.0 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "irqq.h"

static void test_order_and_coalescing(void **state)
{
    (void)state;
    struct irq_queue q;
    unsigned v;
    irqq_init(&q);
    assert_false(irqq_pop(&q, &v));
    irqq_push(&q, 5);
    irqq_push(&q, 1);
    irqq_push(&q, 5); /* already pending: reported once */
    irqq_push(&q, 7);
    assert_true(irqq_pop(&q, &v));
    assert_int_equal(v, 5);
    irqq_push(&q, 5); /* no longer pending: queued again, behind the others */
    assert_true(irqq_pop(&q, &v));
    assert_int_equal(v, 1);
    assert_true(irqq_pop(&q, &v));
    assert_int_equal(v, 7);
    assert_true(irqq_pop(&q, &v));
    assert_int_equal(v, 5);
    assert_false(irqq_pop(&q, &v));
    /* vectors are five bits: 33 is 1 */
    irqq_push(&q, 33);
    assert_true(irqq_pop(&q, &v));
    assert_int_equal(v, 1);
}

static void test_all_vectors_and_wrap(void **state)
{
    (void)state;
    struct irq_queue q;
    unsigned v;
    irqq_init(&q);
    for (int round = 0; round < 3; round++) {
        for (unsigned i = 0; i < 32; i++)
            irqq_push(&q, (i + 7u * (unsigned)round) % 32);
        for (unsigned i = 0; i < 32; i++)
            irqq_push(&q, i); /* all pending: nothing changes */
        for (unsigned i = 0; i < 32; i++) {
            assert_true(irqq_pop(&q, &v));
            assert_int_equal(v, (i + 7u * (unsigned)round) % 32);
        }
        assert_false(irqq_pop(&q, &v));
        irqq_push(&q, 3);
        assert_true(irqq_pop(&q, &v)); /* moves head: the next round starts elsewhere */
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order_and_coalescing),
        cmocka_unit_test(test_all_vectors_and_wrap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
