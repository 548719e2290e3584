/* test_run_parse.c: the `sgpu run` workload parser: statements, refusals with NAME:LINE,
 * repeats, end-of-input checks, number forms, generated data and SHA-256. */
/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "run_parse.h"
#include "run_sha256.h"
#include "sgpu.h"

/* Parses a workload given as one string; returns 0 or -1 with the message in err. */
static int parse_text(struct run_script *s, const char *text, char *err, size_t errlen)
{
    FILE *f = fmemopen((void *)text, strlen(text), "r");
    assert_non_null(f);
    run_script_init(s, "w.sgpu");
    int rc = run_parse_file(s, f, err, errlen);
    fclose(f);
    return rc;
}

static const char good[] =
    "# a comment\n"
    "context cp copy\n"
    "context cc compute ring 4K   # trailing comment\n"
    "kernel vadd vadd.bin\n"
    "buffer h host 64 seq 1 2\n"
    "buffer a vram 64 random 7\n"
    "buffer b vram 0x40 fill 0xdeadbeef\n"
    "buffer c vram 64\n"
    "\n"
    "copy cp h a 64\n"
    "fill cp b+8 16 -1\n"
    "timestamp cp h+56\n"
    "submit cp\n"
    "after cc cp\n"
    "dispatch cc vadd 2 1 1 8 a b c+4 16 -3\n"
    "submit cc\n"
    "wait all\n"
    "check c equals a\n"
    "check h sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
    "hash c\n"
    "dump c out.bin\n"
    "print  two   words # not a comment\n";

static void test_good_workload(void **state)
{
    (void)state;
    struct run_script s;
    char err[RUN_ERR_MAX] = "";
    assert_int_equal(parse_text(&s, good, err, sizeof err), 0);
    assert_int_equal(s.nctxs, 2);
    assert_int_equal(s.ctxs[0].node, SGPU_NODE_COPY);
    assert_int_equal(s.ctxs[1].node, SGPU_NODE_COMPUTE);
    assert_int_equal(s.ctxs[1].ring_bytes, 4096);
    assert_int_equal(s.ctxs[0].submits, 1);
    assert_int_equal(s.ctxs[0].commands, 3);
    assert_int_equal(s.ctxs[1].commands, 2);
    assert_int_equal(s.nbufs, 4);
    assert_int_equal(s.bufs[2].bytes, 64);
    assert_int_equal(s.bufs[0].vram, 0);
    assert_int_equal(s.nstmts, 20);

    const struct run_stmt *fill = &s.stmts[8];
    assert_int_equal(fill->op, RUN_FILL);
    assert_int_equal(fill->line, 11);
    assert_int_equal(fill->dst.buf, 2);
    assert_int_equal(fill->dst.offset, 8);
    assert_int_equal(fill->pattern, 0xffffffffu);

    const struct run_stmt *d = &s.stmts[12];
    assert_int_equal(d->op, RUN_DISPATCH);
    assert_int_equal(d->grid[0], 2);
    assert_int_equal(d->wg_size, 8);
    assert_int_equal(d->nargs, 5);
    assert_true(d->args[2].is_ref);
    assert_int_equal(d->args[2].ref.buf, 3);
    assert_int_equal(d->args[2].ref.offset, 4);
    assert_false(d->args[3].is_ref);
    assert_int_equal(d->args[3].imm, 16);
    assert_int_equal(d->args[4].imm, 0xfffffffdu);

    const struct run_stmt *print = &s.stmts[19];
    assert_int_equal(print->op, RUN_PRINT);
    assert_string_equal(print->text, "two   words # not a comment");
    assert_int_equal(s.stmts[18].op, RUN_DUMP);
    assert_string_equal(s.stmts[18].text, "out.bin");
    assert_int_equal(s.stmts[16].data.kind, RUN_DATA_SHA256);
    assert_int_equal(s.stmts[16].data.sha256[0], 0xe3);
    run_script_free(&s);
}

/* Each bad workload fails with exactly this message. */
static void test_errors_name_the_line(void **state)
{
    (void)state;
    static const struct { const char *text, *message; } cases[] = {
        {"frob x\n", "w.sgpu:1: unknown statement 'frob'"},
        {"context c\n", "w.sgpu:1: usage: context NAME copy|compute [ring BYTES]"},
        {"context c gpu\n", "w.sgpu:1: context c: the engine is 'copy' or 'compute', not 'gpu'"},
        {"context c copy ring 1000\n", "w.sgpu:1: ring: 1000 is not a power of two"},
        {"context c copy\ncontext c compute\n", "w.sgpu:2: 'c' is already defined"},
        {"context all copy\n", "w.sgpu:1: 'all' is not a valid name"},
        {"\n\nbuffer b vram 12\n", "w.sgpu:3: buffer b: 12 bytes: the size must be a non-zero multiple of 8"},
        {"buffer b ram 8\n", "w.sgpu:1: buffer b: the memory is 'host' or 'vram', not 'ram'"},
        {"buffer b vram 8 fill\n", "w.sgpu:1: 'fill' takes 1 value"},
        {"buffer b vram 8 noise 3\n", "w.sgpu:1: 'noise': expected zero"},
        {"buffer b vram 4M\n", "w.sgpu:1: buffer b: 4194304 bytes do not fit"},
        {"buffer b vram 8x\n", "w.sgpu:1: bytes: '8x' is not a number"},
        {"context c copy\ncopy c a b 8\n", "w.sgpu:2: no buffer named 'a'"},
        {"context c copy\nbuffer a vram 64\nbuffer b vram 64\ncopy c a b+8 64\n",
         "w.sgpu:4: b+8: 64 bytes from offset 8 run past the end of 'b' (64 bytes)"},
        {"context c copy\nbuffer a vram 64\nfill c a+4 8 0\n", "w.sgpu:3: a+4: the offset must be a multiple of 8"},
        {"context c copy\nbuffer a vram 64\nfill c a 12 0\n", "w.sgpu:3: bytes: 12 must be a non-zero multiple of 8"},
        {"copy x a b 8\n", "w.sgpu:1: no context named 'x'"},
        {"context c copy\nkernel k k.bin\ndispatch c k 1 1 1 1\n",
         "w.sgpu:3: dispatch: 'c' is a copy context"},
        {"context c compute\nkernel k k.bin\ndispatch c k 1 0 1 1\n", "w.sgpu:3: dispatch: the grid y must be at least 1"},
        {"context c compute\nkernel k k.bin\nbuffer h host 64\ndispatch c k 1 1 1 1 h\n",
         "w.sgpu:4: dispatch: argument 'h' is a host buffer"},
        {"context c compute\ndispatch c nope 1 1 1 1\n", "w.sgpu:2: no kernel named 'nope'"},
        {"context c copy\nafter c c\n", "w.sgpu:2: after: a context cannot wait for itself"},
        {"wait nobody\n", "w.sgpu:1: no context named 'nobody'"},
        {"buffer a vram 64\ncheck a\n", "w.sgpu:2: usage: check BUFFER zero"},
        {"buffer a vram 64\ncheck a sha256 abc\n", "w.sgpu:2: sha256: 'abc' is not 64 hex digits"},
        {"buffer a vram 64\nbuffer b vram 8\ncheck a equals b\n", "w.sgpu:3: check: 'a' (64 bytes) and 'b' (8 bytes) differ in size"},
        {"buffer a vram 64 sha256 00\n", "w.sgpu:1: 'sha256': expected zero"},
        {"end\n", "w.sgpu:1: 'end' without 'repeat'"},
        {"repeat 0\nend\n", "w.sgpu:1: repeat: the count is 1 to"},
        {"print a\nrepeat 2\nprint b\n", "w.sgpu:2: repeat without 'end'"},
        {"repeat 2\ncontext c copy\nend\n", "w.sgpu:3: repeat: declarations (line 2) cannot be repeated"},
        {"context c copy\nbuffer a vram 64\n\nfill c a 64 1\nfill c a 64 2\n",
         "w.sgpu:4: this command on context 'c' is never submitted (add 'submit c')"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct run_script s;
        char err[RUN_ERR_MAX] = "";
        int rc = parse_text(&s, cases[i].text, err, sizeof err);
        if (rc != -1 || strncmp(err, cases[i].message, strlen(cases[i].message)) != 0)
            fail_msg("case %zu: rc %d, message '%s', expected '%s...'", i, rc, err, cases[i].message);
        run_script_free(&s);
    }
}

static void test_repeat_unrolls(void **state)
{
    (void)state;
    struct run_script s;
    char err[RUN_ERR_MAX] = "";
    assert_int_equal(parse_text(&s, "context c copy\nbuffer a vram 64\n"
                                    "repeat 3\n  fill c a 64 1\n  repeat 2\n    submit c\n  end\nend\n",
                                err, sizeof err), 0);
    /* 2 declarations + 3 x (fill + 2 x submit) */
    assert_int_equal(s.nstmts, 2 + 3 * 3);
    assert_int_equal(s.ctxs[0].submits, 6);
    assert_int_equal(s.ctxs[0].commands, 3);
    assert_int_equal(s.stmts[5].op, RUN_FILL);
    assert_int_equal(s.stmts[5].line, 4);
    run_script_free(&s);
}

static void test_numbers(void **state)
{
    (void)state;
    uint64_t v;
    assert_int_equal(run_parse_number("123", 0, &v), 0);
    assert_int_equal(v, 123);
    assert_int_equal(run_parse_number("0x7b", 0, &v), 0);
    assert_int_equal(v, 123);
    assert_int_equal(run_parse_number("4K", 0, &v), 0);
    assert_int_equal(v, 4096);
    assert_int_equal(run_parse_number("2M", 0, &v), 0);
    assert_int_equal(v, 2u << 20);
    assert_int_equal(run_parse_number("-5", 1, &v), 0);
    assert_int_equal((int64_t)v, -5);
    assert_int_equal(run_parse_number("-5", 0, &v), -1);
    assert_int_equal(run_parse_number("", 0, &v), -1);
    assert_int_equal(run_parse_number("x", 0, &v), -1);
    assert_int_equal(run_parse_number("12G", 0, &v), -1);
    assert_int_equal(run_parse_number("99999999999999999999", 0, &v), -1);
}

static void test_data_generation(void **state)
{
    (void)state;
    uint8_t out[16];
    struct run_data seq = {.kind = RUN_DATA_SEQ, .a = 10, .b = 0xffffffffu};
    run_data_generate(&seq, out, sizeof out);
    uint32_t w[4];
    memcpy(w, out, sizeof w);
    assert_int_equal(w[0], 10);
    assert_int_equal(w[1], 9);
    assert_int_equal(w[3], 7);
    struct run_data fill = {.kind = RUN_DATA_FILL, .a = 0x11223344};
    run_data_generate(&fill, out, sizeof out);
    assert_int_equal(out[0], 0x44);
    assert_int_equal(out[7], 0x11);
    /* splitmix64 from seed 0: its first output is documented as 0xe220a8397b1dcdaf */
    struct run_data rnd = {.kind = RUN_DATA_RANDOM, .seed = 0};
    run_data_generate(&rnd, out, 8);
    uint64_t first;
    memcpy(&first, out, 8);
    assert_true(first == 0xe220a8397b1dcdafull);
}

static void test_sha256_vectors(void **state)
{
    (void)state;
    uint8_t d[32];
    char hex[65];
    run_sha256("abc", 3, d);
    run_sha256_hex(d, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    run_sha256(two, strlen(two), d);
    run_sha256_hex(d, hex);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    run_sha256("", 0, d);
    run_sha256_hex(d, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_workload),
        cmocka_unit_test(test_errors_name_the_line),
        cmocka_unit_test(test_repeat_unrolls),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_data_generation),
        cmocka_unit_test(test_sha256_vectors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
