/* test_bench.c: host unit tests of the cpu_mix benchmark (firmware/bench): its building
 * blocks against independent references, and every kernel against its known-good result. */
/* SPDX-License-Identifier: Apache-2.0 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "bench.h"
#include "hal_fake.h"
#include "interp.h"

static void test_crc32_check_value(void **state)
{
    (void)state;
    const uint8_t *s = (const uint8_t *)"123456789";
    crc32_init();
    assert_int_equal(crc32_bitwise(0, s, 9), 0xCBF43926u); /* the CRC-32 check value */
    assert_int_equal(crc32_table(0, s, 9), 0xCBF43926u);
    assert_int_equal(crc32_table(crc32_table(0, s, 4), s + 4, 5), 0xCBF43926u); /* chained */
    assert_int_equal(crc32_bitwise(0, s, 0), 0);
}

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

/* Both sorts against qsort: empty, tiny, sorted, reversed, all equal, few distinct. */
static void check_sort(void (*sort)(int32_t *, size_t), size_t max_n)
{
    static int32_t a[600], b[600];
    uint32_t x = 777u;
    for (size_t n = 0; n <= max_n; n = n < 20 ? n + 1 : n * 3 + 1) {
        for (int shape = 0; shape < 5; shape++) {
            for (size_t i = 0; i < n; i++) {
                x = bench_rand(&x);
                a[i] = shape == 0 ? (int32_t)x
                     : shape == 1 ? (int32_t)i
                     : shape == 2 ? (int32_t)(n - i) - 5
                     : shape == 3 ? 42
                     : (int32_t)(x % 3u) - 1;
            }
            memcpy(b, a, n * sizeof a[0]);
            sort(a, n);
            if (n)
                qsort(b, n, sizeof b[0], cmp_i32);
            if (memcmp(a, b, n * sizeof a[0]) != 0)
                fail_msg("n %zu shape %d: not sorted like qsort", n, shape);
        }
    }
}

static void test_insertion_sort(void **state)
{
    (void)state;
    check_sort(insertion_sort, 600);
}

static void test_quick_sort(void **state)
{
    (void)state;
    check_sort(quick_sort, 600);
}

static void test_interp_collatz(void **state)
{
    (void)state;
    uint32_t total = 0, steps = 0;
    for (uint32_t n = 1; n < INTERP_COLLATZ_LIMIT; n++)
        for (uint32_t x = n; x != 1; x = (x & 1u) ? 3u * x + 1u : x >> 1)
            total++;
    assert_int_equal(interp_collatz(&steps), total);
    assert_true(steps > 1000);
}

static uint32_t gcd(uint32_t a, uint32_t b)
{
    while (b) {
        uint32_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static void test_interp_gcd(void **state)
{
    (void)state;
    uint32_t total = 0;
    for (uint32_t a = 1; a < INTERP_GCD_LIMIT; a++)
        total += gcd(a, INTERP_GCD_K) + a / 7u;
    assert_int_equal(interp_gcd(NULL), total);
}

static void test_interp_bad_programs(void **state)
{
    (void)state;
    static const uint8_t underflow[] = {OP_ADD, OP_HALT};
    static const uint8_t no_halt[] = {OP_PUSH, 1, 0};
    static const uint8_t cut_operand[] = {OP_PUSH, 1};
    static const uint8_t div_zero[] = {OP_PUSH, 1, 0, OP_PUSH, 0, 0, OP_DIV, OP_HALT};
    static const uint8_t bad_var[] = {OP_LOAD, 200, OP_HALT};
    static const uint8_t bad_op[] = {0xEE};
    static const uint8_t ok[] = {OP_PUSH, 6, 0, OP_PUSH, 7, 0, OP_MUL, OP_HALT};
    assert_int_equal(vm_run(underflow, sizeof underflow, NULL), VM_ERROR);
    assert_int_equal(vm_run(no_halt, sizeof no_halt, NULL), VM_ERROR);
    assert_int_equal(vm_run(cut_operand, sizeof cut_operand, NULL), VM_ERROR);
    assert_int_equal(vm_run(div_zero, sizeof div_zero, NULL), VM_ERROR);
    assert_int_equal(vm_run(bad_var, sizeof bad_var, NULL), VM_ERROR);
    assert_int_equal(vm_run(bad_op, sizeof bad_op, NULL), VM_ERROR);
    uint32_t steps;
    assert_int_equal(vm_run(ok, sizeof ok, &steps), 42);
    assert_int_equal(steps, 4);
}

/* One test per kernel: the host computes the checksum the core must match. */
static void test_kernel(void **state)
{
    const struct bench_kernel *k = *state;
    uint32_t got = k->run();
    if (got != k->expect)
        fail_msg("%s: 0x%08x, expected 0x%08x", k->name, got, k->expect);
    assert_int_equal(k->run(), got); /* and again: no state left between runs */
}

static void test_bench_run(void **state)
{
    (void)state;
    hal_fake_reset();
    assert_int_equal(bench_run(), 0);
    assert_non_null(strstr(hal_fake_console(), "cpu_mix: all 8 results match\n"));
    assert_null(strstr(hal_fake_console(), "BAD"));
}

int main(void)
{
    static const struct CMUnitTest fixed[] = {
        cmocka_unit_test(test_crc32_check_value),
        cmocka_unit_test(test_insertion_sort),
        cmocka_unit_test(test_quick_sort),
        cmocka_unit_test(test_interp_collatz),
        cmocka_unit_test(test_interp_gcd),
        cmocka_unit_test(test_interp_bad_programs),
        cmocka_unit_test(test_bench_run),
    };
    enum { NFIXED = sizeof fixed / sizeof fixed[0], MAXK = 16 };
    struct CMUnitTest tests[NFIXED + MAXK];
    static char names[MAXK][48];
    size_t n = 0;
    for (; n < NFIXED; n++)
        tests[n] = fixed[n];
    for (unsigned i = 0; i < bench_kernel_count && i < MAXK; i++, n++) {
        snprintf(names[i], sizeof names[i], "kernel_%s", bench_kernels[i].name);
        tests[n] = (struct CMUnitTest){names[i], test_kernel, NULL, NULL,
                                       (void *)&bench_kernels[i]};
    }
    return _cmocka_run_group_tests("bench", tests, n, NULL, NULL);
}
