/* test_adapter.c: sgpu_adapter_reset and the heartbeat check against fake_sim's FW block:
 * the image written word for word, a readback that does not verify (the core stays held),
 * a heartbeat stuck at a value, a device without the FW block, bad images refused before
 * the device is touched, the default firmware's path, and the heartbeat window. */
/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "fake_sim.h"
#include "sgpu.h"
#include "sgpu_regs.h"

#define WORDS 300u  /* the test image's words */

struct fixture {
    struct fake_sim sim;
    sgpu_dev *dev;
    char elf[96];
};

static void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static void put32(uint8_t *p, uint32_t v) { put16(p, (uint16_t)v); put16(p + 2, (uint16_t)(v >> 16)); }

static uint32_t image_word(unsigned i) { return 0x9E3779B9u * (i + 1) ^ i; }

/* A minimal RV32 executable: one PT_LOAD of WORDS words at entry. */
static void write_elf(const char *path, uint32_t entry, uint16_t machine)
{
    uint8_t f[52 + 32 + 4 * WORDS];
    memset(f, 0, sizeof f);
    memcpy(f, "\x7f" "ELF", 4);
    f[4] = 1; /* 32-bit */
    f[5] = 1; /* little-endian */
    f[6] = 1; /* version */
    put16(f + 16, 2);        /* ET_EXEC */
    put16(f + 18, machine);  /* EM_RISCV 243 */
    put32(f + 20, 1);
    put32(f + 24, entry);
    put32(f + 28, 52);       /* e_phoff */
    put16(f + 40, 52);       /* e_ehsize */
    put16(f + 42, 32);       /* e_phentsize */
    put16(f + 44, 1);        /* e_phnum */
    uint8_t *ph = f + 52;
    put32(ph, 1);            /* PT_LOAD */
    put32(ph + 4, 84);       /* p_offset */
    put32(ph + 8, entry);
    put32(ph + 12, entry);
    put32(ph + 16, 4 * WORDS);
    put32(ph + 20, 4 * WORDS);
    put32(ph + 24, 5);
    for (unsigned i = 0; i < WORDS; i++)
        put32(f + 84 + 4 * i, image_word(i));
    FILE *o = fopen(path, "wb");
    assert_non_null(o);
    assert_int_equal(fwrite(f, 1, sizeof f, o), sizeof f);
    fclose(o);
}

static int setup_with(void **state, int fw_block)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    char uri[160];
    if (!fx)
        return -1;
    fx->sim.fw_block = fw_block;
    fx->sim.cycles_step = 20000;
    if (fake_sim_start(&fx->sim) != 0)
        return -1;
    snprintf(uri, sizeof uri, "sim:%s", fx->sim.path);
    if (sgpu_open(uri, &fx->dev) != SGPU_OK)
        return -1;
    snprintf(fx->elf, sizeof fx->elf, "%s/fw.elf", fx->sim.dir);
    write_elf(fx->elf, 0x80000000u, 243);
    *state = fx;
    return 0;
}
static int setup(void **state) { return setup_with(state, 1); }
static int setup_no_fw(void **state) { return setup_with(state, 0); }

static int teardown(void **state)
{
    struct fixture *fx = *state;
    sgpu_close(fx->dev);
    unlink(fx->elf);
    fake_sim_stop(&fx->sim);
    free(fx);
    return 0;
}

static void test_reset_writes_the_image(void **state)
{
    struct fixture *fx = *state;
    assert_int_equal(sgpu_adapter_reset(fx->dev, fx->elf), SGPU_OK);
    for (unsigned i = 0; i < WORDS; i++)
        assert_int_equal(fx->sim.fw_ram[i], image_word(i));
    assert_int_equal(fx->sim.fw_ram[WORDS], 0);
    assert_int_equal(fx->sim.fw_hold, 0);
    assert_int_equal(fx->sim.fw_resets, 1);
    struct sgpu_adapter_status st;
    assert_int_equal(sgpu_adapter_status(fx->dev, &st), SGPU_OK);
    assert_int_equal(st.resets, 1);
    assert_int_equal(st.held, 0);
    assert_int_equal(st.fw_status & SGPU_ID_FW_STATUS_STATE_MASK, SGPU_ID_FW_STATUS_STATE_RUNNING);
}

static void test_verify_failure_keeps_the_core_held(void **state)
{
    struct fixture *fx = *state;
    fx->sim.fw_corrupt_addr = 0x80000000u + 4 * 123;
    assert_int_equal(sgpu_adapter_reset(fx->dev, fx->elf), SGPU_ERR_IO);
    assert_non_null(strstr(sgpu_last_error(), "does not verify"));
    assert_non_null(strstr(sgpu_last_error(), "0x800001ec"));
    assert_int_equal(fx->sim.fw_hold, 1);
    assert_int_equal(fx->sim.fw_resets, 0);
    struct sgpu_adapter_status st;
    assert_int_equal(sgpu_adapter_status(fx->dev, &st), SGPU_OK);
    assert_int_equal(st.held, 1);
    /* A good readback afterwards boots. */
    fx->sim.fw_corrupt_addr = 0;
    assert_int_equal(sgpu_adapter_reset(fx->dev, fx->elf), SGPU_OK);
    assert_int_equal(fx->sim.fw_hold, 0);
    assert_int_equal(fx->sim.fw_resets, 1);
}

static void test_stuck_heartbeat_is_lost(void **state)
{
    struct fixture *fx = *state;
    fx->sim.regs[SGPU_ID_HEARTBEAT_OFFSET / 4] = 7;
    assert_int_equal(sgpu_adapter_reset(fx->dev, fx->elf), SGPU_ERR_DEVICE_LOST);
    assert_non_null(strstr(sgpu_last_error(), "heartbeat stays at 7"));
}

static void test_no_fw_block(void **state)
{
    struct fixture *fx = *state;
    int rc = sgpu_adapter_reset(fx->dev, fx->elf);
    assert_int_equal(rc, SGPU_ERR_DEVICE);
}

static void test_bad_images_touch_nothing(void **state)
{
    struct fixture *fx = *state;
    char path[128];
    snprintf(path, sizeof path, "%s/bad.elf", fx->sim.dir);
    unsigned before = fx->sim.mmio_requests;
    write_elf(path, 0x80000100u, 243);
    assert_int_equal(sgpu_adapter_reset(fx->dev, path), SGPU_ERR_INVALID);
    assert_non_null(strstr(sgpu_last_error(), "entry point 0x80000100"));
    write_elf(path, 0x80000000u, 62);
    assert_int_equal(sgpu_adapter_reset(fx->dev, path), SGPU_ERR_INVALID);
    assert_non_null(strstr(sgpu_last_error(), "bad.elf"));
    assert_non_null(strstr(sgpu_last_error(), "RISC-V"));
    assert_int_equal(sgpu_adapter_reset(fx->dev, "/nonexistent.elf"), SGPU_ERR_INVALID);
    assert_non_null(strstr(sgpu_last_error(), "/nonexistent.elf"));
    assert_int_equal(sgpu_adapter_reset(NULL, path), SGPU_ERR_INVALID);
    unlink(path);
    assert_int_equal(fx->sim.mmio_requests, before);
    assert_int_equal(fx->sim.fw_hold, 0);
}

static void test_default_firmware(void **state)
{
    (void)state;
    char buf[4096];
    setenv(SGPU_FIRMWARE_ENV, "/some/where/fw.elf", 1);
    assert_int_equal(sgpu_default_firmware(buf, sizeof buf), SGPU_OK);
    assert_string_equal(buf, "/some/where/fw.elf");
    unsetenv(SGPU_FIRMWARE_ENV);
    assert_int_equal(sgpu_default_firmware(buf, sizeof buf), SGPU_OK);
    size_t n = strlen(buf), tail = strlen("/../firmware/sgpu-fw.elf");
    assert_true(n > tail);
    assert_string_equal(buf + n - tail, "/../firmware/sgpu-fw.elf");
    assert_int_equal(sgpu_default_firmware(buf, 4), SGPU_ERR_RANGE);
}

static void test_heartbeat_window(void **state)
{
    struct fixture *fx = *state;
    struct sgpu_heartbeat hb = {0};
    assert_int_equal(sgpu_heartbeat_check(fx->dev, &hb, 0), SGPU_ERR_INVALID);
    fx->sim.regs[SGPU_ID_HEARTBEAT_OFFSET / 4] = 1;
    assert_int_equal(sgpu_heartbeat_check(fx->dev, &hb, 2), 1);  /* first: no evidence */
    uint64_t t0 = hb.changed_at;
    int alive;
    /* The fake's clock moves 20000 cycles a check: alive for 2 x 65536, then dead. */
    while ((alive = sgpu_heartbeat_check(fx->dev, &hb, 2)) == 1)
        assert_true(hb.now - t0 <= 2ull * SGPU_CFG_HEARTBEAT_CYCLES);
    assert_int_equal(alive, 0);
    assert_true(hb.now - t0 > 2ull * SGPU_CFG_HEARTBEAT_CYCLES);
    assert_true(hb.now - t0 <= 2ull * SGPU_CFG_HEARTBEAT_CYCLES + 20000);
    /* A new beat: alive again, its own window. */
    fx->sim.regs[SGPU_ID_HEARTBEAT_OFFSET / 4] = 2;
    assert_int_equal(sgpu_heartbeat_check(fx->dev, &hb, 2), 1);
    assert_int_equal(hb.value, 2);
    assert_int_equal(hb.changed_at, hb.now);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_reset_writes_the_image, setup, teardown),
        cmocka_unit_test_setup_teardown(test_verify_failure_keeps_the_core_held, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stuck_heartbeat_is_lost, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_fw_block, setup_no_fw, teardown),
        cmocka_unit_test_setup_teardown(test_bad_images_touch_nothing, setup, teardown),
        cmocka_unit_test(test_default_firmware),
        cmocka_unit_test_setup_teardown(test_heartbeat_window, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
