/* test_dma_args.c: sgpu_link_dma checks its arguments before writing any register, and maps
 * the DMA block's outcomes to result codes (against the fake simulator). */
/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "fake_sim.h"
#include "sgpu.h"
#include "sgpu_regs.h"

struct fixture {
    struct fake_sim sim;
    sgpu_dev *dev;
    struct sgpu_dma_buf *buf;
};

static int setup(void **state)
{
    static struct fixture fx;
    char uri[160];
    memset(&fx, 0, sizeof fx);
    if (fake_sim_start(&fx.sim) != 0)
        return -1;
    snprintf(uri, sizeof uri, "sim:%s", fx.sim.path);
    if (sgpu_open(uri, &fx.dev) != SGPU_OK || sgpu_dma_alloc(fx.dev, 64 * 1024, &fx.buf) != SGPU_OK)
        return -1;
    *state = &fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    sgpu_close(fx->dev);
    fake_sim_stop(&fx->sim);
    return 0;
}

static void test_refusals_touch_nothing(void **state)
{
    struct fixture *fx = *state;
    struct sgpu_dma_buf odd = *fx->buf;
    odd.bus += 4;
    unsigned before = fx->sim.mmio_requests;
    sgpu_dev *d = fx->dev;
    struct sgpu_dma_buf *b = fx->buf;

    assert_int_equal(sgpu_link_dma(d, NULL, 0, 0, 8, 0, 100, NULL), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_link_dma(d, b, 0, 0, 0, 0, 100, NULL), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_link_dma(d, b, 0, 0, 16u << 20, 0, 100, NULL), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_link_dma(d, b, 0, 0, UINT32_MAX, 0, 100, NULL), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_link_dma(d, b, 0, 0, 8, 0x10000, 100, NULL), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_link_dma(d, b, 0, 0, 12, 0, 100, NULL), SGPU_ERR_ALIGN);
    assert_int_equal(sgpu_link_dma(d, b, 4, 0, 8, 0, 100, NULL), SGPU_ERR_ALIGN);
    assert_int_equal(sgpu_link_dma(d, b, 0, 4, 8, 0, 100, NULL), SGPU_ERR_ALIGN);
    assert_int_equal(sgpu_link_dma(d, &odd, 0, 0, 8, 0, 100, NULL), SGPU_ERR_ALIGN);
    assert_int_equal(sgpu_link_dma(d, b, b->size - 8, 0, 16, 0, 100, NULL), SGPU_ERR_RANGE);
    assert_int_equal(sgpu_link_dma(d, b, b->size + 8, 0, 8, 0, 100, NULL), SGPU_ERR_RANGE);
    assert_int_equal(sgpu_link_dma(d, b, SIZE_MAX - 7, 0, 8, 0, 100, NULL), SGPU_ERR_RANGE);
    assert_int_equal(sgpu_link_dma(d, b, 0, SGPU_CFG_VRAM_BYTES - 8, 16, 0, 100, NULL), SGPU_ERR_RANGE);
    assert_int_equal(sgpu_link_dma(d, b, 0, UINT32_MAX - 7, 8, 0, 100, NULL), SGPU_ERR_RANGE);
    assert_non_null(strstr(sgpu_last_error(), "VRAM"));
    assert_int_equal(fx->sim.mmio_requests, before);
}

static void test_round_trip(void **state)
{
    struct fixture *fx = *state;
    uint8_t *p = fx->buf->cpu;
    uint32_t cycles = 0;
    unsigned vec;

    for (int i = 0; i < 4096; i++)
        p[i] = (uint8_t)(i * 7 + 3);
    assert_int_equal(sgpu_link_dma(fx->dev, fx->buf, 0, 0x1000, 4096, 0, 1000, &cycles), SGPU_OK);
    assert_int_equal(cycles, 4096 / 8 + 100);
    assert_int_equal(sgpu_link_dma(fx->dev, fx->buf, 8192, 0x1000, 4096,
                                   SGPU_DMA_TO_HOST | SGPU_DMA_IRQ | SGPU_DMA_VECTOR(6), 1000, NULL),
                     SGPU_OK);
    assert_memory_equal(p, p + 8192, 4096);
    assert_int_equal(sgpu_irq_wait(fx->dev, 1000, &vec), SGPU_OK);
    assert_int_equal(vec, 6);
}

static void test_outcomes(void **state)
{
    struct fixture *fx = *state;
    static const struct {
        unsigned error;
        int rc;
    } cases[] = {
        {SGPU_DMA_STATUS_ERROR_TIMEOUT, SGPU_ERR_DMA},
        {SGPU_DMA_STATUS_ERROR_UNSUPPORTED, SGPU_ERR_DMA},
        {SGPU_DMA_STATUS_ERROR_ABORT, SGPU_ERR_DMA},
        {SGPU_DMA_STATUS_ERROR_BAD_ARGS, SGPU_ERR_INVALID},
        {7, SGPU_ERR_DMA},
        {0, SGPU_OK},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fx->sim.dma_error = cases[i].error;
        assert_int_equal(sgpu_link_dma(fx->dev, fx->buf, 0, 0, 64, 0, 1000, NULL), cases[i].rc);
    }
    /* NOWAIT starts, sgpu_link_dma_wait finishes */
    uint32_t cycles;
    assert_int_equal(sgpu_link_dma(fx->dev, fx->buf, 0, 0, 64, SGPU_DMA_NOWAIT, 1000, NULL), SGPU_OK);
    assert_int_equal(sgpu_link_dma_wait(fx->dev, 1000, &cycles), SGPU_OK);
    assert_int_equal(cycles, 64 / 8 + 100);
}

static void test_busy_refused(void **state)
{
    struct fixture *fx = *state;
    /* a transfer still running (STATUS.BUSY) is not overwritten */
    assert_int_equal(sgpu_write32(fx->dev, SGPU_DMA_BAR0_BASE + SGPU_DMA_STATUS_OFFSET, 1), SGPU_OK);
    assert_int_equal(sgpu_link_dma(fx->dev, fx->buf, 0, 0, 64, 0, 1000, NULL), SGPU_ERR_BUSY);
    assert_int_equal(sgpu_write32(fx->dev, SGPU_DMA_BAR0_BASE + SGPU_DMA_STATUS_OFFSET, 0), SGPU_OK);
    /* a transfer that never ends times out */
    assert_int_equal(sgpu_link_dma_wait(fx->dev, 50, NULL), SGPU_ERR_TIMEOUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_refusals_touch_nothing),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_outcomes),
        cmocka_unit_test(test_busy_refused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
