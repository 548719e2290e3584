/* test_alloc.c: the first-fit page allocator behind DMA buffers. */
/* SPDX-License-Identifier: Apache-2.0 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "alloc.h"
#include "sgpu.h"

#define P SGPU_PAGE

static void test_arguments(void **state)
{
    (void)state;
    struct range_alloc ra;
    uint64_t off;
    ra_init(&ra, 16 * P);
    assert_int_equal(ra_alloc(&ra, 0, &off), SGPU_ERR_INVALID);
    assert_int_equal(ra_alloc(&ra, 100, &off), SGPU_ERR_INVALID);
    assert_int_equal(ra_alloc(&ra, P + 1, &off), SGPU_ERR_INVALID);
    assert_int_equal(ra_alloc(&ra, P, NULL), SGPU_ERR_INVALID);
    assert_int_equal(ra_free(&ra, 0), SGPU_ERR_INVALID);
    ra_fini(&ra);
    /* a size that is not whole pages is cut to whole pages */
    ra_init(&ra, 3 * P + 100);
    assert_int_equal(ra.size, 3 * P);
    ra_fini(&ra);
}

static void test_first_fit_and_reuse(void **state)
{
    (void)state;
    struct range_alloc ra;
    uint64_t a, b, c, d;
    ra_init(&ra, 16 * P);
    assert_int_equal(ra_alloc(&ra, 4 * P, &a), SGPU_OK);
    assert_int_equal(ra_alloc(&ra, 4 * P, &b), SGPU_OK);
    assert_int_equal(ra_alloc(&ra, 4 * P, &c), SGPU_OK);
    assert_int_equal(a, 0);
    assert_int_equal(b, 4 * P);
    assert_int_equal(c, 8 * P);
    assert_int_equal(ra_used(&ra), 12 * P);
    /* the hole left by b is used first by what fits in it */
    assert_int_equal(ra_free(&ra, b), SGPU_OK);
    assert_int_equal(ra_free(&ra, b), SGPU_ERR_INVALID);
    assert_int_equal(ra_alloc(&ra, 5 * P, &d), SGPU_ERR_NOMEM);
    assert_int_equal(ra_alloc(&ra, 2 * P, &d), SGPU_OK);
    assert_int_equal(d, 4 * P);
    assert_int_equal(ra_alloc(&ra, 2 * P, &d), SGPU_OK);
    assert_int_equal(d, 6 * P);
    assert_int_equal(ra_alloc(&ra, 4 * P, &d), SGPU_OK);
    assert_int_equal(d, 12 * P);
    assert_int_equal(ra_alloc(&ra, P, &d), SGPU_ERR_NOMEM);
    assert_int_equal(ra_used(&ra), 16 * P);
    /* an offset inside an extent is not an extent */
    assert_int_equal(ra_free(&ra, P), SGPU_ERR_INVALID);
    ra_fini(&ra);
}

static void test_many(void **state)
{
    (void)state;
    struct range_alloc ra;
    enum { N = 1000 };
    static uint64_t offs[N];
    ra_init(&ra, (uint64_t)N * P);
    for (int i = 0; i < N; i++) {
        assert_int_equal(ra_alloc(&ra, P, &offs[i]), SGPU_OK);
        assert_int_equal(offs[i], (uint64_t)i * P);
    }
    uint64_t off;
    assert_int_equal(ra_alloc(&ra, P, &off), SGPU_ERR_NOMEM);
    /* free every other page: no two-page extent fits, one-page ones do */
    for (int i = 0; i < N; i += 2)
        assert_int_equal(ra_free(&ra, offs[i]), SGPU_OK);
    assert_int_equal(ra_alloc(&ra, 2 * P, &off), SGPU_ERR_NOMEM);
    assert_int_equal(ra_alloc(&ra, P, &off), SGPU_OK);
    assert_int_equal(off, 0);
    for (int i = 1; i < N; i += 2)
        assert_int_equal(ra_free(&ra, offs[i]), SGPU_OK);
    assert_int_equal(ra_free(&ra, 0), SGPU_OK);
    assert_int_equal(ra_used(&ra), 0);
    assert_int_equal(ra_alloc(&ra, (uint64_t)N * P, &off), SGPU_OK);
    assert_int_equal(off, 0);
    ra_fini(&ra);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arguments),
        cmocka_unit_test(test_first_fit_and_reuse),
        cmocka_unit_test(test_many),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
