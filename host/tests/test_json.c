/* test_json.c: the CLI's JSON writer: escaping and document shape. */
/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "json.h"

/* Output of a writer into a string. */
struct capture {
    char *buf;
    size_t len;
    FILE *f;
};

static void cap_open(struct capture *c)
{
    c->f = open_memstream(&c->buf, &c->len);
    assert_non_null(c->f);
}

static void cap_close(struct capture *c)
{
    fclose(c->f);
}

static void test_escape(void **state)
{
    (void)state;
    struct capture c;
    cap_open(&c);
    json_escape(c.f, "plain");
    fputc('|', c.f);
    json_escape(c.f, "q\"b\\s/n\nr\rt\t");
    fputc('|', c.f);
    json_escape(c.f, "\x01\x1f\x7f");
    fputc('|', c.f);
    json_escape(c.f, "caf\xc3\xa9");
    fputc('|', c.f);
    json_escape(c.f, "");
    cap_close(&c);
    assert_string_equal(c.buf, "\"plain\"|\"q\\\"b\\\\s/n\\nr\\rt\\t\"|\"\\u0001\\u001f\\u007f\"|"
                               "\"caf\xc3\xa9\"|\"\"");
    free(c.buf);
}

static void test_document(void **state)
{
    (void)state;
    struct capture c;
    struct json j;
    cap_open(&c);
    json_init(&j, c.f);
    json_object(&j, NULL);
    json_string(&j, "uri", "sim:/x");
    json_uint(&j, "magic", 0x53475055u);
    json_array(&j, "caps");
    json_string(&j, NULL, "RV32M");
    json_string(&j, NULL, "TIMER");
    json_end(&j, ']');
    json_array(&j, "none");
    json_end(&j, ']');
    json_object(&j, "link");
    json_bool(&j, "bus_master", true);
    json_double(&j, "rate", 6.75);
    json_double(&j, "bad", NAN);
    json_end(&j, '}');
    json_end(&j, '}');
    json_finish(&j);
    cap_close(&c);
    assert_string_equal(c.buf,
                        "{\n"
                        "  \"uri\": \"sim:/x\",\n"
                        "  \"magic\": 1397182549,\n"
                        "  \"caps\": [\n"
                        "    \"RV32M\",\n"
                        "    \"TIMER\"\n"
                        "  ],\n"
                        "  \"none\": [],\n"
                        "  \"link\": {\n"
                        "    \"bus_master\": true,\n"
                        "    \"rate\": 6.75,\n"
                        "    \"bad\": null\n"
                        "  }\n"
                        "}\n");
    free(c.buf);
}

static void test_empty_object(void **state)
{
    (void)state;
    struct capture c;
    struct json j;
    cap_open(&c);
    json_init(&j, c.f);
    json_object(&j, NULL);
    json_end(&j, '}');
    json_finish(&j);
    cap_close(&c);
    assert_string_equal(c.buf, "{}\n");
    free(c.buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape),
        cmocka_unit_test(test_document),
        cmocka_unit_test(test_empty_object),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
