/* test_uri.c: device URIs: every good form, and every bad one refused with SGPU_ERR_INVALID. */
/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sgpu.h"
#include "uri.h"

static void test_default_socket(void **state)
{
    (void)state;
    struct sgpu_uri u;
    char buf[128];

    setenv("XDG_RUNTIME_DIR", "/run/user/1000", 1);
    assert_int_equal(sgpu_uri_parse(NULL, &u), SGPU_OK);
    assert_int_equal(u.kind, SGPU_URI_SIM);
    assert_string_equal(u.path, "/run/user/1000/sgpu-sim.sock");
    assert_string_equal(u.text, "sim:/run/user/1000/sgpu-sim.sock");
    assert_int_equal(sgpu_uri_parse("", &u), SGPU_OK);
    assert_string_equal(u.path, "/run/user/1000/sgpu-sim.sock");
    assert_int_equal(sgpu_uri_parse("sim:", &u), SGPU_OK);
    assert_string_equal(u.path, "/run/user/1000/sgpu-sim.sock");

    unsetenv("XDG_RUNTIME_DIR");
    assert_int_equal(sgpu_default_sim_socket(buf, sizeof buf), SGPU_OK);
    assert_string_equal(buf, "/tmp/sgpu-sim.sock");
    setenv("XDG_RUNTIME_DIR", "", 1);
    assert_int_equal(sgpu_default_sim_socket(buf, sizeof buf), SGPU_OK);
    assert_string_equal(buf, "/tmp/sgpu-sim.sock");

    /* a runtime directory too long for a socket path is refused, not cut */
    char longdir[120];
    memset(longdir, 'd', sizeof longdir - 1);
    longdir[0] = '/';
    longdir[sizeof longdir - 1] = '\0';
    setenv("XDG_RUNTIME_DIR", longdir, 1);
    assert_int_equal(sgpu_default_sim_socket(buf, sizeof buf), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_uri_parse("sim:", &u), SGPU_ERR_INVALID);
    assert_non_null(strstr(sgpu_last_error(), "longer than"));
    assert_int_equal(sgpu_default_sim_socket(buf, 8), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_default_sim_socket(NULL, 8), SGPU_ERR_INVALID);
    unsetenv("XDG_RUNTIME_DIR");
}

static void test_sim_paths(void **state)
{
    (void)state;
    struct sgpu_uri u;
    char uri[300];

    assert_int_equal(sgpu_uri_parse("sim:/tmp/x.sock", &u), SGPU_OK);
    assert_string_equal(u.path, "/tmp/x.sock");
    assert_int_equal(sgpu_uri_parse("sim:build/rel.sock", &u), SGPU_OK);
    assert_string_equal(u.path, "build/rel.sock");

    /* 107 bytes fit sun_path with its NUL; 108 do not */
    strcpy(uri, "sim:/");
    memset(uri + 5, 'p', 106);
    uri[111] = '\0';
    assert_int_equal(sgpu_uri_parse(uri, &u), SGPU_OK);
    assert_int_equal(strlen(u.path), 107);
    strcat(uri, "q");
    assert_int_equal(sgpu_uri_parse(uri, &u), SGPU_ERR_INVALID);
    assert_non_null(strstr(sgpu_last_error(), "108 bytes"));
    memset(uri + 4, 'p', 290);
    uri[294] = '\0';
    assert_int_equal(sgpu_uri_parse(uri, &u), SGPU_ERR_INVALID);
}

static void test_vfio(void **state)
{
    (void)state;
    struct sgpu_uri u;

    assert_int_equal(sgpu_uri_parse("vfio:0000:01:00.0", &u), SGPU_OK);
    assert_int_equal(u.kind, SGPU_URI_VFIO);
    assert_string_equal(u.bdf, "0000:01:00.0");
    assert_int_equal(u.domain, 0);
    assert_int_equal(u.bus, 1);
    assert_int_equal(u.dev, 0);
    assert_int_equal(u.func, 0);
    assert_int_equal(sgpu_uri_parse("vfio:ABCD:Ef:1F.7", &u), SGPU_OK);
    assert_string_equal(u.bdf, "abcd:ef:1f.7");
    assert_string_equal(u.text, "vfio:abcd:ef:1f.7");
    assert_int_equal(u.domain, 0xabcd);
    assert_int_equal(u.bus, 0xef);
    assert_int_equal(u.dev, 0x1f);
    assert_int_equal(u.func, 7);

    static const char *const bad[] = {
        "vfio:", "vfio:0000:01:00", "vfio:0000:01:00.8", "vfio:0000:01:20.0", "vfio:000:01:00.0",
        "vfio:00000:01:00.0", "vfio:0000:1:00.0", "vfio:0000:01:0.0", "vfio:0000:01:00.0x",
        "vfio:0000-01:00.0", "vfio:0000:01-00.0", "vfio:0000:01:00:0", "vfio:g000:01:00.0",
        "vfio:0000:0g:00.0", "vfio:0000:01:0g.0", "vfio:0000:01:00.a", "vfio:01:00.0",
        "vfio: 0000:01:00.0", "vfio:0000:01:00.-",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(sgpu_uri_parse(bad[i], &u), SGPU_ERR_INVALID);
        assert_non_null(strstr(sgpu_last_error(), "DDDD:BB:DD.F"));
    }
}

static void test_uart(void **state)
{
    (void)state;
    struct sgpu_uri u;
    char uri[200];

    assert_int_equal(sgpu_uri_parse("uart:/dev/ttyUSB0", &u), SGPU_OK);
    assert_int_equal(u.kind, SGPU_URI_UART);
    assert_string_equal(u.path, "/dev/ttyUSB0");
    assert_int_equal(sgpu_uri_parse("uart:", &u), SGPU_ERR_INVALID);
    strcpy(uri, "uart:/");
    memset(uri + 6, 'u', 150);
    uri[156] = '\0';
    assert_int_equal(sgpu_uri_parse(uri, &u), SGPU_ERR_INVALID);
}

static void test_unknown_schemes(void **state)
{
    (void)state;
    struct sgpu_uri u;
    static const char *const bad[] = {
        "foo:bar", "/tmp/x.sock", "sim", "SIM:/tmp/x", "vfio", "pcie:0000:01:00.0", ":", "uart",
        " sim:", "simulator:/x",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(sgpu_uri_parse(bad[i], &u), SGPU_ERR_INVALID);
        assert_non_null(strstr(sgpu_last_error(), "unknown URI"));
    }
    assert_int_equal(sgpu_uri_parse("sim:", NULL), SGPU_ERR_INVALID);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_socket),
        cmocka_unit_test(test_sim_paths),
        cmocka_unit_test(test_vfio),
        cmocka_unit_test(test_uart),
        cmocka_unit_test(test_unknown_schemes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
