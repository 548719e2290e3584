/* test_cmd.c: context commands are encoded byte for byte as the protocol header lays them
 * out, and every argument the engine would refuse is refused here, touching nothing. */
/* SPDX-License-Identifier: Apache-2.0 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cmdring.h"
#include "sgpu.h"
#include "sgpu_regs.h"

/* The DWs as the ring holds them: little-endian bytes. */
static void to_bytes(const uint32_t *dws, int n, uint8_t *out)
{
    for (int i = 0; i < n; i++)
        for (int b = 0; b < 4; b++)
            out[4 * i + b] = (uint8_t)(dws[i] >> (8 * b));
}

static void test_headers_match_the_protocol_table(void **state)
{
    (void)state;
    uint32_t d[CMD_MAX_BUILT_DWORDS];
    /* "header DW, no flags" column of docs/protocol.md */
    assert_int_equal(cmd_encode_nop(d, 1), 1);
    assert_int_equal(d[0], 0x00000101u);
    assert_int_equal(cmd_encode_fence(d, 0, 0, 0), 5);
    assert_int_equal(d[0], 0x00000502u);
    assert_int_equal(cmd_encode_wait(d, 0, 0, 0), 5);
    assert_int_equal(d[0], 0x00000503u);
    assert_int_equal(cmd_encode_copy(d, 0, 0, 8, 0), 6);
    assert_int_equal(d[0], 0x00000604u);
    assert_int_equal(cmd_encode_fill(d, 0, 8, 0, 0), 5);
    assert_int_equal(d[0], 0x00000505u);
    assert_int_equal(cmd_encode_timestamp(d, 0, 0), 3);
    assert_int_equal(d[0], 0x00000306u);
    assert_int_equal(cmd_encode_dispatch(d, 0, 1, 1, 1, 1, 0), 7);
    assert_int_equal(d[0], 0x00000707u);
}

static void test_fence_layout(void **state)
{
    (void)state;
    uint32_t d[CMD_MAX_BUILT_DWORDS];
    uint8_t bytes[64];
    struct sgpu_cmd_fence want = {
        .header = SGPU_CMD_HEADER(SGPU_CMD_OP_FENCE, SGPU_CMD_FENCE_DWORDS,
                                  SGPU_CMD_FENCE_FLAG_IRQ),
        .addr_lo = 0x89abcde8u, .addr_hi = 0x01234567u,
        .value_lo = 0x33221100u, .value_hi = 0x77665544u,
    };
    int n = cmd_encode_fence(d, 0x0123456789abcde8ull, 0x7766554433221100ull,
                             SGPU_CMD_FENCE_FLAG_IRQ);
    assert_int_equal(n * 4, sizeof want);
    to_bytes(d, n, bytes);
    assert_memory_equal(bytes, &want, sizeof want);
    /* bytes exactly, whatever the struct says: header first, low DW first, LSB first */
    static const uint8_t raw[] = {0x02, 0x05, 0x01, 0x00, 0xe8, 0xcd, 0xab, 0x89, 0x67, 0x45,
                                  0x23, 0x01, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77};
    assert_memory_equal(bytes, raw, sizeof raw);
    /* VRAM flag: header bit 17 */
    assert_int_equal(cmd_encode_fence(d, 0x1000, 5, SGPU_CMD_FENCE_FLAG_VRAM), 5);
    assert_int_equal(d[0], 0x00020502u);
}

static void test_wait_layout(void **state)
{
    (void)state;
    uint32_t d[CMD_MAX_BUILT_DWORDS];
    uint8_t bytes[64];
    struct sgpu_cmd_wait want = {
        .header = SGPU_CMD_HEADER(SGPU_CMD_OP_WAIT, SGPU_CMD_WAIT_DWORDS, SGPU_CMD_WAIT_FLAG_VRAM),
        .addr_lo = 0x100, .addr_hi = 0, .value_lo = 0xffffffffu, .value_hi = 0x80000000u,
    };
    int n = cmd_encode_wait(d, 0x100, 0x80000000ffffffffull, SGPU_CMD_WAIT_FLAG_VRAM);
    assert_int_equal(n * 4, sizeof want);
    to_bytes(d, n, bytes);
    assert_memory_equal(bytes, &want, sizeof want);
}

static void test_copy_layout(void **state)
{
    (void)state;
    uint32_t d[CMD_MAX_BUILT_DWORDS];
    uint8_t bytes[64];
    unsigned fl = SGPU_CMD_COPY_FLAG_SRC_VRAM;
    struct sgpu_cmd_copy want = {
        .header = SGPU_CMD_HEADER(SGPU_CMD_OP_COPY, SGPU_CMD_COPY_DWORDS, fl),
        .src_lo = 0x00001000u, .src_hi = 0, .dst_lo = 0x20000008u, .dst_hi = 0x1u,
        .bytes = 0x00010008u,
    };
    int n = cmd_encode_copy(d, 0x1000, 0x120000008ull, 0x00010008u, fl);
    assert_int_equal(n * 4, sizeof want);
    to_bytes(d, n, bytes);
    assert_memory_equal(bytes, &want, sizeof want);
    assert_int_equal(offsetof(struct sgpu_cmd_copy, bytes), 4 * SGPU_CMD_COPY_BYTES_DW);
    assert_int_equal(d[SGPU_CMD_COPY_DST_DW], 0x20000008u);
}

static void test_fill_timestamp_dispatch_layout(void **state)
{
    (void)state;
    uint32_t d[CMD_MAX_BUILT_DWORDS];
    uint8_t bytes[64];
    struct sgpu_cmd_fill fill = {
        .header = SGPU_CMD_HEADER(SGPU_CMD_OP_FILL, SGPU_CMD_FILL_DWORDS,
                                  SGPU_CMD_FILL_FLAG_DST_VRAM),
        .dst_lo = 0x40, .dst_hi = 0, .bytes = 0x80, .pattern = 0xdeadbeefu,
    };
    int n = cmd_encode_fill(d, 0x40, 0x80, 0xdeadbeefu, SGPU_CMD_FILL_FLAG_DST_VRAM);
    to_bytes(d, n, bytes);
    assert_int_equal(n * 4, sizeof fill);
    assert_memory_equal(bytes, &fill, sizeof fill);

    struct sgpu_cmd_timestamp ts = {
        .header = SGPU_CMD_HEADER(SGPU_CMD_OP_TIMESTAMP, SGPU_CMD_TIMESTAMP_DWORDS, 0),
        .addr_lo = 0xfffffff8u, .addr_hi = 0xffffffffu,
    };
    n = cmd_encode_timestamp(d, 0xfffffffffffffff8ull, 0);
    to_bytes(d, n, bytes);
    assert_int_equal(n * 4, sizeof ts);
    assert_memory_equal(bytes, &ts, sizeof ts);

    struct sgpu_cmd_dispatch disp = {
        .header = SGPU_CMD_HEADER(SGPU_CMD_OP_DISPATCH, SGPU_CMD_DISPATCH_DWORDS, 0),
        .kernel = 0x1000, .grid_x = 3, .grid_y = 5, .grid_z = 7, .wg_size = 64, .args = 0x2004,
    };
    n = cmd_encode_dispatch(d, 0x1000, 3, 5, 7, 64, 0x2004);
    to_bytes(d, n, bytes);
    assert_int_equal(n * 4, sizeof disp);
    assert_memory_equal(bytes, &disp, sizeof disp);

    struct sgpu_cmd_dispatch_host_window hdisp = {
        .header = SGPU_CMD_HEADER(SGPU_CMD_OP_DISPATCH, SGPU_CMD_DISPATCH_FLAG_HOST_WINDOW_DWORDS,
                                  SGPU_CMD_DISPATCH_FLAG_HOST_WINDOW),
        .kernel = 0x1000, .grid_x = 3, .grid_y = 5, .grid_z = 7, .wg_size = 64, .args = 0x2004,
        .host_base_lo = 0x89abc000u, .host_base_hi = 0x1234567u,
    };
    n = cmd_encode_dispatch_host(d, 0x1000, 3, 5, 7, 64, 0x2004, 0x0123456789abc000ull);
    to_bytes(d, n, bytes);
    assert_int_equal(n, 9);
    assert_int_equal(n * 4, sizeof hdisp);
    assert_memory_equal(bytes, &hdisp, sizeof hdisp);
}

static void test_host_window_addr(void **state)
{
    (void)state;
    assert_int_equal(sgpu_host_window_addr(0x10000, 0x10000), 0x80000000u);
    assert_int_equal(sgpu_host_window_addr(0x10000, 0x10003), 0x80000003u);
    assert_int_equal(sgpu_host_window_addr(0x10000, 0x10000 + 0x3fffffffull), 0xbfffffffu);
    assert_int_equal(sgpu_host_window_addr(0x10000, 0x10000 + 0x40000000ull), 0xc0000000u);
    assert_int_equal(sgpu_host_window_addr(0x10000, 0xffff), 0xc0000000u);
}

static void test_nop_pads(void **state)
{
    (void)state;
    uint32_t d[CMD_MAX_BUILT_DWORDS];
    memset(d, 0xa5, sizeof d);
    assert_int_equal(cmd_encode_nop(d, 255), 255);
    assert_int_equal(d[0], SGPU_CMD_HEADER(SGPU_CMD_OP_NOP, 255, 0));
    assert_int_equal(d[0], 0x0000ff01u);
    for (int i = 1; i < 255; i++)
        assert_int_equal(d[i], 0);
}

/* Every refusal leaves the output untouched and says why. */
static void test_refusals(void **state)
{
    (void)state;
    uint32_t d[CMD_MAX_BUILT_DWORDS], before[CMD_MAX_BUILT_DWORDS];
    const uint32_t vram = SGPU_CFG_VRAM_BYTES;
    memset(d, 0x5a, sizeof d);
    memcpy(before, d, sizeof d);
#define REFUSED(call)                                          \
    do {                                                       \
        assert_int_equal((call), SGPU_ERR_INVALID);            \
        assert_true(strlen(sgpu_last_error()) > 0);            \
        assert_memory_equal(d, before, sizeof d);              \
    } while (0)
    REFUSED(cmd_encode_nop(d, 0));
    REFUSED(cmd_encode_nop(d, 256));
    REFUSED(cmd_encode_fence(d, 4, 1, 0));                         /* misaligned */
    REFUSED(cmd_encode_fence(d, 8, 1, 0x4));                       /* undefined flag */
    REFUSED(cmd_encode_fence(d, vram, 1, SGPU_CMD_FENCE_FLAG_VRAM)); /* past VRAM */
    REFUSED(cmd_encode_wait(d, 8, 1, SGPU_CMD_FENCE_FLAG_IRQ));    /* IRQ is not WAIT's */
    REFUSED(cmd_encode_wait(d, 12, 1, 0));
    REFUSED(cmd_encode_copy(d, 0, 8, 0, 0));                       /* zero length */
    REFUSED(cmd_encode_copy(d, 0, 8, 12, 0));                      /* length not 8k */
    REFUSED(cmd_encode_copy(d, 0, 8, 16u << 20, 0));               /* too long */
    REFUSED(cmd_encode_copy(d, 4, 8, 8, 0));                       /* source */
    REFUSED(cmd_encode_copy(d, 0, 9, 8, 0));                       /* destination */
    REFUSED(cmd_encode_copy(d, 0, 8, 8, 0x4));
    REFUSED(cmd_encode_copy(d, vram - 8, 0, 16, SGPU_CMD_COPY_FLAG_SRC_VRAM));
    REFUSED(cmd_encode_copy(d, 0, vram, 8, SGPU_CMD_COPY_FLAG_DST_VRAM));
    REFUSED(cmd_encode_fill(d, 0, 0, 0, 0));
    REFUSED(cmd_encode_fill(d, 2, 8, 0, 0));
    REFUSED(cmd_encode_fill(d, 0, 8, 0, SGPU_CMD_COPY_FLAG_SRC_VRAM)); /* bit 0 undefined */
    REFUSED(cmd_encode_fill(d, vram - 8, 16, 0, SGPU_CMD_FILL_FLAG_DST_VRAM));
    REFUSED(cmd_encode_timestamp(d, 1, 0));
    REFUSED(cmd_encode_timestamp(d, 8, 1));
    REFUSED(cmd_encode_timestamp(d, vram, SGPU_CMD_TIMESTAMP_FLAG_VRAM));
    REFUSED(cmd_encode_dispatch(d, 2, 1, 1, 1, 1, 0));             /* kernel alignment */
    REFUSED(cmd_encode_dispatch(d, 0, 1, 1, 1, 1, 2));             /* args alignment */
    REFUSED(cmd_encode_dispatch(d, 0, 0, 1, 1, 1, 0));
    REFUSED(cmd_encode_dispatch(d, 0, 1, 0, 1, 1, 0));
    REFUSED(cmd_encode_dispatch(d, 0, 1, 1, 0, 1, 0));
    REFUSED(cmd_encode_dispatch(d, 0, 1, 1, 1, 0, 0));
    REFUSED(cmd_encode_dispatch(d, vram, 1, 1, 1, 1, 0));
    REFUSED(cmd_encode_dispatch(d, 0, 1, 1, 1, 1, vram + 4));
    REFUSED(cmd_encode_dispatch_host(d, 0, 1, 1, 1, 1, 0, 0x800));   /* HOST_BASE alignment */
    REFUSED(cmd_encode_dispatch_host(d, 0, 0, 1, 1, 1, 0, 0x1000));
#undef REFUSED
    /* the edges that are allowed */
    assert_int_equal(cmd_encode_copy(d, vram - 8, 0, 8, SGPU_CMD_COPY_FLAG_SRC_VRAM), 6);
    assert_int_equal(cmd_encode_copy(d, 0, 0, (16u << 20) - 8, 0), 6);
    assert_int_equal(cmd_encode_fill(d, 0, vram, 1, SGPU_CMD_FILL_FLAG_DST_VRAM), 5);
    assert_int_equal(cmd_encode_fence(d, vram - 8, 1, SGPU_CMD_FENCE_FLAGS_ALL), 5);
}

/* The public builders refuse a missing context before anything else. */
static void test_builders_need_a_context(void **state)
{
    (void)state;
    assert_int_equal(sgpu_cmd_nop(NULL, 1), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_cmd_fence(NULL, 8, 1, 0), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_cmd_wait(NULL, 8, 1, 0), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_cmd_copy(NULL, 0, 8, 8, 0), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_cmd_fill(NULL, 0, 8, 0, 0), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_cmd_timestamp(NULL, 8, 0), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_cmd_dispatch(NULL, 0, 1, 1, 1, 1, 0), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_submit(NULL, 0, NULL), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_fence_wait(NULL, 1, 0), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_fence_read(NULL), 0);
    assert_int_equal(sgpu_ctx_destroy(NULL), SGPU_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_headers_match_the_protocol_table),
        cmocka_unit_test(test_fence_layout),
        cmocka_unit_test(test_wait_layout),
        cmocka_unit_test(test_copy_layout),
        cmocka_unit_test(test_fill_timestamp_dispatch_layout),
        cmocka_unit_test(test_nop_pads),
        cmocka_unit_test(test_host_window_addr),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_builders_need_a_context),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
