/* test_errors.c: every result code has a name and a sentence; unknown codes are named too. */
/* SPDX-License-Identifier: Apache-2.0 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "error.h"
#include "sgpu.h"

static void test_every_code_named(void **state)
{
    (void)state;
    static const struct {
        int code;
        const char *name;
    } all[] = {
        {SGPU_OK, "SGPU_OK"}, {SGPU_PENDING, "SGPU_PENDING"},
        {SGPU_ERR_INVALID, "SGPU_ERR_INVALID"}, {SGPU_ERR_NO_DEVICE, "SGPU_ERR_NO_DEVICE"},
        {SGPU_ERR_CONNECT, "SGPU_ERR_CONNECT"}, {SGPU_ERR_TIMEOUT, "SGPU_ERR_TIMEOUT"},
        {SGPU_ERR_RANGE, "SGPU_ERR_RANGE"}, {SGPU_ERR_ALIGN, "SGPU_ERR_ALIGN"},
        {SGPU_ERR_NOMEM, "SGPU_ERR_NOMEM"}, {SGPU_ERR_IO, "SGPU_ERR_IO"},
        {SGPU_ERR_BUSY, "SGPU_ERR_BUSY"}, {SGPU_ERR_UNSUPPORTED, "SGPU_ERR_UNSUPPORTED"},
        {SGPU_ERR_VERSION, "SGPU_ERR_VERSION"}, {SGPU_ERR_DEVICE, "SGPU_ERR_DEVICE"},
        {SGPU_ERR_DMA, "SGPU_ERR_DMA"}, {SGPU_ERR_CTX_ERROR, "SGPU_ERR_CTX_ERROR"},
        {SGPU_ERR_DEVICE_LOST, "SGPU_ERR_DEVICE_LOST"}, {SGPU_ERR_STATE, "SGPU_ERR_STATE"},
        {SGPU_ERR_READ_ONLY, "SGPU_ERR_READ_ONLY"},
    };
    size_t n = sizeof all / sizeof all[0];
    /* the table covers every code down to SGPU_ERR_LAST */
    assert_int_equal(n, 2 + (size_t)-SGPU_ERR_LAST);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(sgpu_errname(all[i].code), all[i].name);
        const char *text = sgpu_strerror(all[i].code);
        assert_non_null(text);
        assert_true(strlen(text) > 3);
        assert_null(strstr(text, "unknown"));
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(text, sgpu_strerror(all[j].code));
    }
}

static void test_unknown_codes(void **state)
{
    (void)state;
    const int unknown[] = {SGPU_ERR_LAST - 1, -100, 2, 77, INT_MIN, INT_MAX};
    for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++)
        assert_string_equal(sgpu_errname(unknown[i]), "SGPU_ERR_UNKNOWN");
    assert_string_equal(sgpu_strerror(-100), "unknown error -100");
    assert_string_equal(sgpu_strerror(INT_MIN), "unknown error -2147483648");
    assert_string_equal(sgpu_strerror(SGPU_ERR_LAST - 1), "unknown error -18");
}

static void test_last_error(void **state)
{
    (void)state;
    sgpu_clear_error();
    assert_string_equal(sgpu_last_error(), "");
    assert_int_equal(sgpu_fail(SGPU_ERR_BUSY, "held by %s", "pid 42"), SGPU_ERR_BUSY);
    assert_string_equal(sgpu_last_error(), "held by pid 42");
    /* a detail longer than the buffer is cut, not overflowed */
    char big[600];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    sgpu_fail(SGPU_ERR_IO, "%s", big);
    assert_true(strlen(sgpu_last_error()) < sizeof big - 1);
    sgpu_clear_error();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_code_named),
        cmocka_unit_test(test_unknown_codes),
        cmocka_unit_test(test_last_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
