/* test_fmt.c: host unit tests of fmt.c, the console formatter. */
/* SPDX-License-Identifier: Apache-2.0 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "fmt.h"

/* Not format-checked, so that tests can pass what the compiler would refuse. */
static int raw(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = fmt_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

#define EXPECT(want, ...)                                                                 \
    do {                                                                                  \
        char b_[128];                                                                     \
        int n_ = fmt_snprintf(b_, sizeof b_, __VA_ARGS__);                                \
        assert_string_equal(b_, want);                                                    \
        assert_int_equal(n_, (int)strlen(want));                                          \
    } while (0)

/* The same through raw(), for what the format checker would refuse. */
#define EXPECT_RAW(want, ...)                                                             \
    do {                                                                                  \
        char b_[128];                                                                     \
        int n_ = raw(b_, sizeof b_, __VA_ARGS__);                                         \
        assert_string_equal(b_, want);                                                    \
        assert_int_equal(n_, (int)strlen(want));                                          \
    } while (0)

static void test_plain_text(void **state)
{
    (void)state;
    EXPECT("", "%s", "");
    EXPECT("hello, world", "hello, world");
    EXPECT("100%", "100%%");
}

static void test_percent_s(void **state)
{
    (void)state;
    EXPECT("abc", "%s", "abc");
    EXPECT("[  abc]", "[%5s]", "abc");
    EXPECT("[abc  ]", "[%-5s]", "abc");
    EXPECT("[abcdef]", "[%3s]", "abcdef"); /* a width never truncates */
    EXPECT_RAW("(null)", "%s", (char *)NULL);
    EXPECT("x=1 y=two", "x=%d y=%s", 1, "two");
}

static void test_percent_c(void **state)
{
    (void)state;
    EXPECT("a", "%c", 'a');
    EXPECT("[  z]", "[%3c]", 'z');
    EXPECT("[z  ]", "[%-3c]", 'z');
}

static void test_percent_d(void **state)
{
    (void)state;
    EXPECT("0", "%d", 0);
    EXPECT("42", "%d", 42);
    EXPECT("-42", "%i", -42);
    EXPECT("2147483647", "%d", INT_MAX);
    EXPECT("-2147483648", "%d", INT_MIN);
    EXPECT("[   -7]", "[%5d]", -7);
    EXPECT("[-7   ]", "[%-5d]", -7);
    EXPECT("[-0007]", "[%05d]", -7);
    EXPECT("[00042]", "[%05d]", 42);
    EXPECT("123456", "%3d", 123456);
}

static void test_percent_u(void **state)
{
    (void)state;
    EXPECT("0", "%u", 0u);
    EXPECT("4294967295", "%u", UINT_MAX);
    EXPECT("[  12]", "[%4u]", 12u);
    EXPECT("[0012]", "[%04u]", 12u);
}

static void test_percent_x(void **state)
{
    (void)state;
    EXPECT("0", "%x", 0u);
    EXPECT("deadbeef", "%x", 0xdeadbeefu);
    EXPECT("DEADBEEF", "%X", 0xdeadbeefu);
    EXPECT("0000002a", "%08x", 42u);
    EXPECT("12345678", "%08x", 0x12345678u);
    EXPECT("12345678", "%04x", 0x12345678u); /* wider than the width */
    EXPECT("[    ff]", "[%6x]", 255u);
    EXPECT("[ff    ]", "[%-6x]", 255u);
    EXPECT_RAW("[ff    ]", "[%-06x]", 255u); /* '-' wins over '0' */
}

static void test_percent_l(void **state)
{
    (void)state;
    EXPECT("-9", "%ld", -9l);
    EXPECT("9", "%lu", 9ul);
    EXPECT("ab", "%lx", 0xabul);
    char want[64];
    snprintf(want, sizeof want, "%lu %ld %lx", ULONG_MAX, LONG_MIN, ULONG_MAX);
    EXPECT(want, "%lu %ld %lx", ULONG_MAX, LONG_MIN, ULONG_MAX);
}

static void test_percent_p(void **state)
{
    (void)state;
    EXPECT("0x1000", "%p", (void *)(uintptr_t)0x1000u);
}

static void test_unknown_conversion(void **state)
{
    (void)state;
    char b[32];
    assert_int_equal(raw(b, sizeof b, "a%qb"), 4);
    assert_string_equal(b, "a%qb");
    assert_int_equal(raw(b, sizeof b, "end%"), 4);
    assert_string_equal(b, "end%");
    assert_int_equal(raw(b, sizeof b, "w%08"), 4);
    assert_string_equal(b, "w%08");
    assert_int_equal(raw(b, sizeof b, "%5q!"), 4);
    assert_string_equal(b, "%5q!");
}

static void test_truncation(void **state)
{
    (void)state;
    char b[8];
    memset(b, 'X', sizeof b);
    assert_int_equal(fmt_snprintf(b, 5, "hello world"), 11);
    assert_string_equal(b, "hell");
    assert_int_equal(b[5], 'X'); /* nothing written past size */

    memset(b, 'X', sizeof b);
    assert_int_equal(fmt_snprintf(b, 1, "%d", 12345), 5);
    assert_int_equal(b[0], '\0');
    assert_int_equal(b[1], 'X');

    assert_int_equal(fmt_snprintf(NULL, 0, "%08x", 1u), 8); /* size 0: only measure */

    memset(b, 'X', sizeof b);
    assert_int_equal(fmt_snprintf(b, 8, "%s", "1234567"), 7); /* exact fit */
    assert_string_equal(b, "1234567");
    assert_int_equal(fmt_snprintf(b, 8, "%s", "12345678"), 8); /* one too many */
    assert_string_equal(b, "1234567");

    memset(b, 'X', sizeof b);
    assert_int_equal(fmt_snprintf(b, 4, "[%6d]", -5), 8); /* in the middle of padding */
    assert_string_equal(b, "[  ");
}

static void out_count(char c, void *ctx)
{
    char **p = ctx;
    *(*p)++ = c;
}

static int via_format(char *dst, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = fmt_vformat(out_count, &dst, fmt, ap);
    va_end(ap);
    *dst = '\0';
    return n;
}

static void test_vformat_callback(void **state)
{
    (void)state;
    char b[64];
    assert_int_equal(via_format(b, "%s=%08x", "id", 0x53475055u), 11);
    assert_string_equal(b, "id=53475055");
}

/* Every supported conversion against the C library's snprintf, on fixed pseudo-random
 * values (xorshift32 from a fixed seed, so every run is the same). */
static void test_matches_libc(void **state)
{
    (void)state;
    static const char *const fmts[] = {"%d", "%5d", "%-5d|", "%012d", "%u", "%10u", "%x",
                                       "%08x", "%X", "%-9x|", "%c", "%3c"};
    uint32_t x = 0x9e3779b9u;
    for (int i = 0; i < 2000; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        const char *f = fmts[i % (sizeof fmts / sizeof fmts[0])];
        uint32_t v = (i & 1) ? x : x >> (x & 31u);
        if (f[strlen(f) - 1] == 'c')
            v = 32u + v % 95u;
        char want[64], got[64];
        snprintf(want, sizeof want, f, v);
        raw(got, sizeof got, f, v);
        if (strcmp(want, got) != 0)
            fail_msg("format \"%s\" of 0x%08x: want \"%s\", got \"%s\"", f, v, want, got);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_text),      cmocka_unit_test(test_percent_s),
        cmocka_unit_test(test_percent_c),       cmocka_unit_test(test_percent_d),
        cmocka_unit_test(test_percent_u),       cmocka_unit_test(test_percent_x),
        cmocka_unit_test(test_percent_l),       cmocka_unit_test(test_percent_p),
        cmocka_unit_test(test_unknown_conversion), cmocka_unit_test(test_truncation),
        cmocka_unit_test(test_vformat_callback), cmocka_unit_test(test_matches_libc),
    };
    return cmocka_run_group_tests_name("fmt", tests, NULL, NULL);
}
