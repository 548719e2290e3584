/* test_ctxring.c: the context command ring: WRAP before a command that would cross the end,
 * space reclaimed by progress-fence values, refusals that leave the ring untouched, and a
 * randomised run against a model of the engine that fetches what the host wrote (seeded:
 * the seed is printed; SGPU_TEST_SEED=N replays it). */
/* SPDX-License-Identifier: Apache-2.0 */
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "cmdring.h"
#include "sgpu.h"

static uint64_t rng_state;

static uint32_t rnd(void)
{
    /* xorshift64 */
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 16);
}

static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void nops(struct cmd_ring *r, unsigned dws)
{
    uint32_t d[CMD_MAX_BUILT_DWORDS];
    assert_int_equal(cmd_encode_nop(d, dws), (int)dws);
    assert_int_equal(cmdring_emit(r, d, dws, 0, NULL), SGPU_OK);
}

static void test_init_refusals(void **state)
{
    (void)state;
    struct cmd_ring r;
    uint8_t mem[512];
    assert_int_equal(cmdring_init(&r, mem, 128, 4), SGPU_ERR_INVALID);
    assert_int_equal(cmdring_init(&r, mem, 384, 4), SGPU_ERR_INVALID);
    assert_int_equal(cmdring_init(&r, mem, 256, 0), SGPU_ERR_INVALID);
    assert_int_equal(cmdring_init(&r, mem, 256, 4), SGPU_OK);
    assert_int_equal(cmdring_free(&r), 256 - CMDRING_GAP);
    assert_false(cmdring_dirty(&r));
    cmdring_fini(&r);
}

static void test_wrap_before_crossing_the_end(void **state)
{
    (void)state;
    struct cmd_ring r;
    uint8_t mem[256];
    uint32_t d[CMD_MAX_BUILT_DWORDS], off = 99;
    memset(mem, 0xee, sizeof mem);
    assert_int_equal(cmdring_init(&r, mem, 256, 8), SGPU_OK);
    nops(&r, 60);                               /* wptr 240 */
    assert_int_equal(r.wptr, 240);
    r.reclaimed = r.written;                    /* as if the device were done with it */
    assert_int_equal(cmdring_cost(&r, 24), 16 + 24);
    assert_int_equal(cmdring_cost(&r, 16), 16);
    int n = cmd_encode_copy(d, 8, 16, 8, 0);
    assert_int_equal(cmdring_emit(&r, d, (uint32_t)n, 0, &off), SGPU_OK);
    assert_int_equal(off, 0);
    assert_int_equal(rd32(mem + 240), 0x00000108u);    /* WRAP */
    assert_int_equal(rd32(mem + 0), d[0]);
    assert_int_equal(rd32(mem + 20), 8);
    assert_int_equal(r.wptr, 24);
    assert_int_equal(r.written, 240 + 16 + 24);
    cmdring_fini(&r);
}

static void test_command_ending_at_the_end_needs_no_wrap(void **state)
{
    (void)state;
    struct cmd_ring r;
    uint8_t mem[256];
    uint32_t d[CMD_MAX_BUILT_DWORDS], off;
    assert_int_equal(cmdring_init(&r, mem, 256, 8), SGPU_OK);
    nops(&r, 58);                               /* wptr 232 */
    r.reclaimed = r.written;
    int n = cmd_encode_copy(d, 8, 16, 8, 0);    /* 24 bytes: ends at 256 */
    assert_int_equal(cmdring_cost(&r, 24), 24);
    assert_int_equal(cmdring_emit(&r, d, (uint32_t)n, 0, &off), SGPU_OK);
    assert_int_equal(off, 232);
    assert_int_equal(r.wptr, 0);
    assert_int_equal(r.written, 256);
    cmdring_fini(&r);
}

static void test_full_ring_refuses_untouched(void **state)
{
    (void)state;
    struct cmd_ring r, before;
    uint8_t mem[256], snap[256];
    uint32_t d[CMD_MAX_BUILT_DWORDS];
    assert_int_equal(cmdring_init(&r, mem, 256, 8), SGPU_OK);
    nops(&r, 60);                               /* 240 used, 12 free (gap 4) */
    assert_int_equal(cmdring_free(&r), 12);
    memcpy(snap, mem, sizeof mem);
    before = r;
    int n = cmd_encode_timestamp(d, 8, 0);      /* 12 bytes: fits exactly */
    assert_int_equal(cmdring_emit(&r, d, (uint32_t)n, 4, NULL), SGPU_ERR_BUSY); /* keep 4 */
    assert_memory_equal(mem, snap, sizeof mem);
    assert_memory_equal(&r, &before, sizeof r);
    assert_int_equal(cmdring_emit(&r, d, (uint32_t)n, 0, NULL), SGPU_OK);
    assert_int_equal(cmdring_free(&r), 0);
    assert_int_equal(r.wptr, 252);              /* never 256 - 4 = the device's read offset */
    memcpy(snap, mem, sizeof mem);
    before = r;
    assert_int_equal(cmdring_emit(&r, d, 1, 0, NULL), SGPU_ERR_BUSY);
    assert_memory_equal(mem, snap, sizeof mem);
    assert_memory_equal(&r, &before, sizeof r);
    /* a command as large as the ring can never fit */
    uint32_t big[64] = {0};
    assert_int_equal(cmdring_emit(&r, big, 64, 0, NULL), SGPU_ERR_INVALID);
    cmdring_fini(&r);
}

static void test_reclaim_by_fence(void **state)
{
    (void)state;
    struct cmd_ring r;
    uint8_t mem[1024];
    uint64_t v;
    assert_int_equal(cmdring_init(&r, mem, 1024, 2), SGPU_OK);
    assert_false(cmdring_oldest(&r, &v));
    nops(&r, 10);
    assert_true(cmdring_dirty(&r));
    assert_int_equal(cmdring_push_submit(&r, 1), SGPU_OK);
    assert_false(cmdring_dirty(&r));
    nops(&r, 20);
    assert_int_equal(cmdring_push_submit(&r, 2), SGPU_OK);
    assert_int_equal(cmdring_push_submit(&r, 3), SGPU_ERR_BUSY);   /* list of 2 full */
    assert_true(cmdring_oldest(&r, &v));
    assert_int_equal(v, 1);
    assert_int_equal(cmdring_free(&r), 1024 - 4 - 120);
    cmdring_reclaim(&r, 0);
    assert_int_equal(cmdring_free(&r), 1024 - 4 - 120);
    cmdring_reclaim(&r, 1);
    assert_int_equal(r.reclaimed, 40);
    assert_int_equal(cmdring_free(&r), 1024 - 4 - 80);
    assert_true(cmdring_oldest(&r, &v));
    assert_int_equal(v, 2);
    cmdring_reclaim(&r, 7);                     /* a fence past everything frees everything */
    assert_int_equal(cmdring_free(&r), 1024 - 4);
    assert_false(cmdring_oldest(&r, &v));
    cmdring_fini(&r);
}

/* ---- Randomised: the host writes, a model engine fetches up to the doorbell's tail. ---- */

#define MAX_EXPECTED 4096

struct model {
    struct cmd_ring *r;
    uint32_t rd;                      /* engine's read offset */
    uint32_t tail;                    /* the last doorbell */
    uint64_t consumed;                /* bytes the engine is past, WRAP skips included */
    uint64_t fence;                   /* the progress fence */
    uint64_t fence_addr;
    /* commands written and not yet fetched, in order */
    uint32_t exp[MAX_EXPECTED][CMD_MAX_BUILT_DWORDS];
    uint32_t exp_len[MAX_EXPECTED];
    unsigned exp_first, exp_n;
};

/* The engine runs until it reaches the tail or has done `budget` commands. */
static void engine_run(struct model *m, unsigned budget)
{
    struct cmd_ring *r = m->r;
    while (m->rd != m->tail && budget--) {
        uint32_t hdr = rd32(r->base + m->rd);
        unsigned op = hdr & SGPU_CMD_HDR_OPCODE_MASK;
        unsigned len = (hdr & SGPU_CMD_HDR_LENGTH_MASK) >> SGPU_CMD_HDR_LENGTH_SHIFT;
        if (op == SGPU_CMD_OP_WRAP) {
            assert_int_equal(len, 1);
            m->consumed += r->size - m->rd;
            m->rd = 0;
            continue;
        }
        /* never past the end of the ring, and what the host meant to write */
        assert_true(m->rd + 4u * len <= r->size);
        assert_true(m->exp_n > 0);
        unsigned e = m->exp_first;
        assert_int_equal(len, m->exp_len[e]);
        for (unsigned i = 0; i < len; i++)
            assert_int_equal(rd32(r->base + m->rd + 4 * i), m->exp[e][i]);
        if (op == SGPU_CMD_OP_FENCE &&
            ((uint64_t)m->exp[e][2] << 32 | m->exp[e][1]) == m->fence_addr)
            m->fence = (uint64_t)m->exp[e][4] << 32 | m->exp[e][3];
        m->exp_first = (m->exp_first + 1) % MAX_EXPECTED;
        m->exp_n--;
        m->consumed += 4u * len;
        m->rd = (m->rd + 4u * len) & (r->size - 1);
    }
}

static int host_emit(struct model *m, const uint32_t *d, unsigned n, uint32_t keep)
{
    struct cmd_ring *r = m->r;
    struct cmd_ring before = *r;
    uint8_t *snap = malloc(r->size);
    assert_non_null(snap);
    memcpy(snap, r->base, r->size);
    int rc = cmdring_emit(r, d, n, keep, NULL);
    if (rc == SGPU_OK) {
        assert_true(m->exp_n < MAX_EXPECTED);
        unsigned e = (m->exp_first + m->exp_n++) % MAX_EXPECTED;
        memcpy(m->exp[e], d, 4 * n);
        m->exp_len[e] = n;
        /* nothing the engine has not fetched is overwritten, and a tail never catches up
         * with the engine's read offset */
        assert_true(r->written - m->consumed <= r->size - CMDRING_GAP);
        assert_true(r->reclaimed <= m->consumed);
    } else {
        assert_int_equal(rc, SGPU_ERR_BUSY);
        assert_memory_equal(snap, r->base, r->size);
        assert_memory_equal(&before, r, sizeof before);
    }
    free(snap);
    return rc;
}

static uint64_t submit(struct model *m, uint64_t *last_value)
{
    uint32_t d[CMD_MAX_BUILT_DWORDS];
    struct cmd_ring *r = m->r;
    while (r->pending_n == r->pending_cap) {
        engine_run(m, UINT32_MAX);
        cmdring_reclaim(r, m->fence);
    }
    uint64_t v = ++*last_value, oldest;
    int n = cmd_encode_fence(d, m->fence_addr, v, 0);
    if (cmdring_dirty(r)) {
        /* the room the last command kept is there for this FENCE */
        assert_int_equal(host_emit(m, d, (unsigned)n, 0), SGPU_OK);
    } else {
        /* submissions back to back: wait for the engine, as sgpu_submit does */
        while (host_emit(m, d, (unsigned)n, 0) == SGPU_ERR_BUSY) {
            assert_true(cmdring_oldest(r, &oldest));
            engine_run(m, UINT32_MAX);
            cmdring_reclaim(r, m->fence);
        }
    }
    assert_int_equal(cmdring_push_submit(r, v), SGPU_OK);
    m->tail = r->wptr;
    return v;
}

static void random_run(uint32_t size, unsigned steps)
{
    struct cmd_ring r;
    struct model *m = calloc(1, sizeof *m);
    uint8_t *mem = malloc(size);
    uint64_t last = 0;
    unsigned busy = 0, wraps_before;
    assert_non_null(m);
    assert_non_null(mem);
    memset(mem, 0, size);
    assert_int_equal(cmdring_init(&r, mem, size, 1 + rnd() % 8), SGPU_OK);
    m->r = &r;
    m->fence_addr = 0x10000 + 8 * (rnd() % 64);
    wraps_before = 0;
    for (unsigned s = 0; s < steps; s++) {
        uint32_t d[CMD_MAX_BUILT_DWORDS];
        unsigned what = rnd() % 10;
        int n;
        if (what < 6) {
            switch (rnd() % 4) {
            case 0:
                n = cmd_encode_nop(d, 1 + rnd() % (size / 16 < 255 ? size / 16 : 255));
                break;
            case 1:
                n = cmd_encode_copy(d, 8 * (uint64_t)rnd(), 8 * (uint64_t)rnd(), 8, 0);
                break;
            case 2:
                n = cmd_encode_timestamp(d, 8 * (uint64_t)rnd(), 0);
                break;
            default:
                n = cmd_encode_dispatch(d, 4 * (rnd() % 1024), 1, 1, 1, 1, 0);
                break;
            }
            assert_true(n > 0);
            if (host_emit(m, d, (unsigned)n, CMDRING_SUBMIT_RESERVE) == SGPU_ERR_BUSY) {
                busy++;
                /* what sgpu_ctx does: submit if nothing is in flight, then wait */
                uint64_t v;
                if (!cmdring_oldest(&r, &v) && cmdring_dirty(&r))
                    submit(m, &last);
                engine_run(m, UINT32_MAX);
                cmdring_reclaim(&r, m->fence);
            }
        } else if (what < 8) {
            submit(m, &last);
        } else {
            engine_run(m, rnd() % 8);
            cmdring_reclaim(&r, m->fence);
        }
        if (r.written / size > wraps_before)
            wraps_before = (unsigned)(r.written / size);
    }
    submit(m, &last);
    engine_run(m, UINT32_MAX);
    cmdring_reclaim(&r, m->fence);
    assert_int_equal(m->fence, last);
    assert_int_equal(m->exp_n, 0);
    assert_int_equal(cmdring_free(&r), size - CMDRING_GAP);
    assert_true(wraps_before > 2);      /* the run did go round the ring */
    assert_true(busy > 0);              /* and did fill it */
    cmdring_fini(&r);
    free(mem);
    free(m);
}

static void test_random_against_engine_model(void **state)
{
    (void)state;
    static const uint32_t sizes[] = {256, 512, 1024, 4096};
    for (unsigned i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        random_run(sizes[i], 20000);
}

int main(void)
{
    const char *env = getenv("SGPU_TEST_SEED");
    uint32_t seed = env ? (uint32_t)strtoul(env, NULL, 0) : (uint32_t)time(NULL);
    printf("# test_ctxring seed %" PRIu32 " (SGPU_TEST_SEED=%" PRIu32 " replays)\n", seed, seed);
    rng_state = 0x9e3779b97f4a7c15ull ^ seed;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init_refusals),
        cmocka_unit_test(test_wrap_before_crossing_the_end),
        cmocka_unit_test(test_command_ending_at_the_end_needs_no_wrap),
        cmocka_unit_test(test_full_ring_refuses_untouched),
        cmocka_unit_test(test_reclaim_by_fence),
        cmocka_unit_test(test_random_against_engine_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
