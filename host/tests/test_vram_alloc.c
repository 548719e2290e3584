/* test_vram_alloc.c: the VRAM allocator: first fit at the requested alignment, coalescing
 * on free, refusals; random alloc/free sequences against a bitmap model (seeded: the seed
 * is printed; SGPU_TEST_SEED=N replays it); the sgpu_vram_* API's checks without a device. */
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

#include "gpu.h"
#include "sgpu.h"
#include "sgpu_regs.h"
#include "transport.h"
#include "vram_heap.h"

static uint64_t rng_state;

static uint32_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 16);
}

/* Free spans sorted, never adjacent or overlapping; free + used is the whole heap. */
static void check_heap(const struct vram_heap *h)
{
    uint64_t free_bytes = 0;
    for (size_t i = 0; i < h->nfree; i++) {
        assert_true(h->free[i].bytes > 0);
        assert_true((uint64_t)h->free[i].addr + h->free[i].bytes <= h->size);
        if (i)
            assert_true((uint64_t)h->free[i - 1].addr + h->free[i - 1].bytes < h->free[i].addr);
        free_bytes += h->free[i].bytes;
    }
    uint64_t used = 0;
    for (size_t i = 0; i < h->nallocs; i++) {
        if (i)
            assert_true((uint64_t)h->allocs[i - 1].addr + h->allocs[i - 1].bytes <=
                        h->allocs[i].addr);
        used += h->allocs[i].bytes;
    }
    assert_int_equal(used, h->used);
    assert_int_equal(free_bytes + used, h->size);
}

static void test_first_fit_and_alignment(void **state)
{
    (void)state;
    struct vram_heap h;
    uint32_t a, b, c, d;
    assert_int_equal(vram_heap_init(&h, 4096), SGPU_OK);
    assert_int_equal(vram_heap_alloc(&h, 1, 0, &a), SGPU_OK);      /* rounded to 8 */
    assert_int_equal(a, 0);
    assert_int_equal(h.used, 8);
    assert_int_equal(vram_heap_alloc(&h, 100, 64, &b), SGPU_OK);   /* 104 bytes at 64 */
    assert_int_equal(b, 64);
    assert_int_equal(vram_heap_alloc(&h, 8, 8, &c), SGPU_OK);      /* the gap at 8 */
    assert_int_equal(c, 8);
    assert_int_equal(vram_heap_alloc(&h, 16, 1024, &d), SGPU_OK);
    assert_int_equal(d, 1024);
    check_heap(&h);
    /* coalescing: free everything in a scattered order, one span again */
    assert_int_equal(vram_heap_free(&h, b), SGPU_OK);
    assert_int_equal(vram_heap_free(&h, a), SGPU_OK);
    assert_int_equal(vram_heap_free(&h, d), SGPU_OK);
    check_heap(&h);
    assert_int_equal(vram_heap_free(&h, c), SGPU_OK);
    check_heap(&h);
    assert_int_equal(h.nfree, 1);
    assert_int_equal(h.free[0].bytes, 4096);
    assert_int_equal(h.used, 0);
    vram_heap_fini(&h);
}

static void test_refusals(void **state)
{
    (void)state;
    struct vram_heap h;
    uint32_t a, b;
    assert_int_equal(vram_heap_init(&h, 12), SGPU_ERR_INVALID);
    assert_int_equal(vram_heap_init(&h, 0), SGPU_ERR_INVALID);
    assert_int_equal(vram_heap_init(&h, 1024), SGPU_OK);
    assert_int_equal(vram_heap_alloc(&h, 0, 8, &a), SGPU_ERR_INVALID);
    assert_int_equal(vram_heap_alloc(&h, 8, 24, &a), SGPU_ERR_INVALID);   /* not 2^n */
    assert_int_equal(vram_heap_alloc(&h, 1025, 8, &a), SGPU_ERR_INVALID);
    assert_int_equal(vram_heap_alloc(&h, 1024, 8, &a), SGPU_OK);
    assert_int_equal(vram_heap_alloc(&h, 8, 8, &b), SGPU_ERR_NOMEM);
    assert_true(strstr(sgpu_last_error(), "VRAM") != NULL);
    assert_int_equal(vram_heap_free(&h, a + 8), SGPU_ERR_INVALID);        /* not a start */
    assert_int_equal(vram_heap_free(&h, a), SGPU_OK);
    assert_int_equal(vram_heap_free(&h, a), SGPU_ERR_INVALID);            /* twice */
    /* an alignment larger than the heap fits only at 0 */
    assert_int_equal(vram_heap_alloc(&h, 8, 1u << 31, &a), SGPU_OK);
    assert_int_equal(a, 0);
    assert_int_equal(vram_heap_alloc(&h, 8, 1u << 31, &b), SGPU_ERR_NOMEM);
    check_heap(&h);
    vram_heap_fini(&h);
}

/* ---- Random sequences against a bitmap of 8-byte grains ------------------------------ */

#define MODEL_BYTES (64u * 1024u)
#define GRAINS (MODEL_BYTES / VRAM_GRAIN)

struct live {
    uint32_t addr, bytes;
    uint8_t tag;
};

/* Lowest start, a multiple of align, where `grains` free grains follow. */
static int model_first_fit(const uint8_t *used, uint32_t grains, uint32_t align, uint32_t *addr)
{
    uint32_t step = align / VRAM_GRAIN;
    for (uint64_t g = 0; g + grains <= GRAINS; g += step) {
        uint32_t k = 0;
        while (k < grains && !used[g + k])
            k++;
        if (k == grains) {
            *addr = (uint32_t)g * VRAM_GRAIN;
            return 1;
        }
    }
    return 0;
}

static void test_random_against_model(void **state)
{
    (void)state;
    struct vram_heap h;
    static uint8_t used[GRAINS];
    static struct live live[4096];
    size_t nlive = 0;
    unsigned nomem = 0;
    memset(used, 0, sizeof used);
    assert_int_equal(vram_heap_init(&h, MODEL_BYTES), SGPU_OK);
    for (unsigned step = 0; step < 20000; step++) {
        if (nlive && (rnd() % 100 < 45 || nlive == 4096)) {
            size_t i = rnd() % nlive;
            assert_int_equal(vram_heap_free(&h, live[i].addr), SGPU_OK);
            for (uint32_t g = 0; g < live[i].bytes / VRAM_GRAIN; g++) {
                /* nobody else wrote into this allocation */
                assert_int_equal(used[live[i].addr / VRAM_GRAIN + g], live[i].tag);
                used[live[i].addr / VRAM_GRAIN + g] = 0;
            }
            live[i] = live[--nlive];
        } else {
            uint32_t bytes = 1 + rnd() % (rnd() % 8 ? 256 : 8192);
            uint32_t align = 1u << (rnd() % 13);            /* 1 .. 4096 */
            uint32_t grains = (bytes + VRAM_GRAIN - 1) / VRAM_GRAIN, want, got;
            uint32_t eff = align < VRAM_GRAIN ? VRAM_GRAIN : align;
            int fits = model_first_fit(used, grains, eff, &want);
            int rc = vram_heap_alloc(&h, bytes, align, &got);
            if (!fits) {
                assert_int_equal(rc, SGPU_ERR_NOMEM);
                nomem++;
                continue;
            }
            assert_int_equal(rc, SGPU_OK);
            assert_int_equal(got, want);                    /* first fit, exactly */
            assert_int_equal(got % eff, 0);
            uint8_t tag = (uint8_t)(1 + rnd() % 255);
            for (uint32_t g = 0; g < grains; g++)
                used[got / VRAM_GRAIN + g] = tag;
            live[nlive++] = (struct live){got, grains * VRAM_GRAIN, tag};
        }
        if (step % 256 == 0)
            check_heap(&h);
    }
    check_heap(&h);
    while (nlive)
        assert_int_equal(vram_heap_free(&h, live[--nlive].addr), SGPU_OK);
    assert_int_equal(h.nfree, 1);
    assert_int_equal(h.used, 0);
    assert_true(nomem > 0); /* the run did fill the heap */
    vram_heap_fini(&h);
}

/* ---- The API over a device handle that has no transport: nothing may reach it. ---- */

static void test_api_checks(void **state)
{
    (void)state;
    struct sgpu_dev dev;
    uint32_t a, b;
    uint64_t buf[4] = {0};
    memset(&dev, 0, sizeof dev);
    dev.timeout_ms = 10;
    assert_int_equal(sgpu_vram_alloc(NULL, 8, 8, &a), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_vram_alloc(&dev, 8, 8, NULL), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_vram_free(NULL, 0), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_vram_used(NULL), 0);
    assert_int_equal(sgpu_vram_alloc(&dev, 100, 0, &a), SGPU_OK);
    assert_int_equal(sgpu_vram_alloc(&dev, SGPU_CFG_VRAM_BYTES, 0, &b), SGPU_ERR_NOMEM);
    assert_int_equal(sgpu_vram_used(&dev), 104);
    assert_int_equal(sgpu_vram_free(&dev, a), SGPU_OK);
    assert_int_equal(sgpu_vram_used(&dev), 0);
    assert_int_equal(sgpu_vram_write(&dev, 4, buf, 8), SGPU_ERR_ALIGN);
    assert_int_equal(sgpu_vram_write(&dev, 0, buf, 12), SGPU_ERR_ALIGN);
    assert_int_equal(sgpu_vram_write(&dev, SGPU_CFG_VRAM_BYTES - 8, buf, 16), SGPU_ERR_RANGE);
    assert_int_equal(sgpu_vram_write(&dev, 0, NULL, 8), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_vram_read(&dev, 0, buf, 0), SGPU_OK);          /* nothing to move */
    assert_int_equal(sgpu_vram_read(&dev, 8, buf, 4), SGPU_ERR_ALIGN);
    assert_int_equal(sgpu_vram_read(NULL, 0, buf, 8), SGPU_ERR_INVALID);
    /* kernels: refused before any VRAM is taken */
    sgpu_kernel *k = (sgpu_kernel *)&dev;
    assert_int_equal(sgpu_kernel_load(&dev, "/nonexistent/kernel.bin", &k), SGPU_ERR_INVALID);
    assert_null(k);
    assert_int_equal(sgpu_kernel_load_image(&dev, buf, 0, &k), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_kernel_load(&dev, NULL, &k), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_kernel_load(NULL, "x", &k), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_vram_used(&dev), 0);
    assert_int_equal(sgpu_kernel_addr(NULL), 0);
    sgpu_kernel_free(NULL);
    gpu_release(&dev);
}

int main(void)
{
    const char *env = getenv("SGPU_TEST_SEED");
    uint32_t seed = env ? (uint32_t)strtoul(env, NULL, 0) : (uint32_t)time(NULL);
    printf("# test_vram_alloc seed %" PRIu32 " (SGPU_TEST_SEED=%" PRIu32 " replays)\n", seed,
           seed);
    rng_state = 0x9e3779b97f4a7c15ull ^ seed;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_fit_and_alignment),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_random_against_model),
        cmocka_unit_test(test_api_checks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
