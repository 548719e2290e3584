/* test_boot.c: host unit tests of the firmware's boot sequence, main and trap handling,
 * against the fake registers of hal_host.c. */
/* SPDX-License-Identifier: Apache-2.0 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "fw.h"
#include "hal.h"
#include "hal_fake.h"

int fw_main(void); /* main.c, built for these tests with -Dmain=fw_main */

/* fw_idle() and fw_serve() never return: these count the call and jump back to the test. */
static jmp_buf idle_exit;
static unsigned idle_calls, serve_calls;
void fw_idle(void)
{
    idle_calls++;
    longjmp(idle_exit, 1);
}
void fw_serve(void)
{
    serve_calls++;
    longjmp(idle_exit, 1);
}

/* ID.CAPS of the bare control-core system: no command processor. */
#define CAPS_BARE (SGPU_ID_CAPS_RESET & ~SGPU_ID_CAPS_CP_MASK)

#define STATUS(state, code)                                                               \
    ((SGPU_ID_FW_STATUS_STATE_##state << SGPU_ID_FW_STATUS_STATE_SHIFT) |                   \
     ((uint32_t)(code) << SGPU_ID_FW_STATUS_CODE_SHIFT))

static int reset(void **state)
{
    (void)state;
    hal_fake_reset();
    fw_set_irq_handler(HAL_CAUSE_IRQ_TIMER, NULL);
    fw_set_irq_handler(HAL_CAUSE_IRQ_EXTERNAL, NULL);
    memset(&fw_last_trap, 0, sizeof fw_last_trap);
    idle_calls = 0;
    serve_calls = 0;
    return 0;
}

/* The values the firmware wrote to FW_STATUS, in order. */
static unsigned status_writes(uint32_t *out, unsigned max)
{
    const struct hal_fake_write *log;
    unsigned n = hal_fake_writes(&log), k = 0;
    for (unsigned i = 0; i < n; i++)
        if (log[i].addr == SGPU_ID_FW_STATUS_ADDR && k < max)
            out[k++] = log[i].value;
    return k;
}

static void test_boot_ok(void **state)
{
    (void)state;
    uint32_t st[8];
    hal_irq_enable(HAL_IRQ_TIMER | HAL_IRQ_EXTERNAL);
    hal_irq_global(1);
    assert_int_equal(fw_boot(), 0);
    assert_int_equal(status_writes(st, 8), 2);
    assert_int_equal(st[0], STATUS(BOOTING, 0));
    assert_int_equal(st[1], STATUS(RUNNING, 0));
    assert_int_equal(hal_read32(SGPU_ID_FW_STATUS_ADDR), STATUS(RUNNING, 0));
    char want[96];
    snprintf(want, sizeof want, "sgpu-fw " FW_VERSION ": running, register map %u.%u.%u, caps 0x%x\n",
             (unsigned)(SGPU_ID_VERSION_RESET >> SGPU_ID_VERSION_MAJOR_SHIFT) & 0xFFu,
             (unsigned)(SGPU_ID_VERSION_RESET >> SGPU_ID_VERSION_MINOR_SHIFT) & 0xFFu,
             (unsigned)(SGPU_ID_VERSION_RESET >> SGPU_ID_VERSION_PATCH_SHIFT) & 0xFFu,
             (unsigned)SGPU_ID_CAPS_RESET);
    assert_string_equal(hal_fake_console(), want);
    /* nothing of ours can interrupt yet */
    assert_int_equal(hal_irq_enabled(), 0);
    assert_int_equal(hal_fake_mstatus_mie(), 0);
    assert_int_equal(hal_read32(SGPU_SYSCTL_MTIMECMP_HI_ADDR), 0xFFFFFFFFu);
    assert_int_equal(hal_fake_bus_errors(), 0);
}

static void test_boot_bad_magic(void **state)
{
    (void)state;
    uint32_t st[8];
    hal_fake_poke(SGPU_ID_MAGIC_ADDR, 0xDEADBEEFu);
    assert_int_equal(fw_boot(), FW_ERR_BAD_MAGIC);
    unsigned n = status_writes(st, 8);
    assert_int_equal(n, 2); /* BOOTING, then FAILED: never RUNNING */
    assert_int_equal(st[0], STATUS(BOOTING, 0));
    assert_int_equal(hal_read32(SGPU_ID_FW_STATUS_ADDR), STATUS(FAILED, FW_ERR_BAD_MAGIC));
    assert_non_null(strstr(hal_fake_console(), "ID.MAGIC is 0xdeadbeef, not 0x53475055"));
    assert_non_null(strstr(hal_fake_console(), "FAILED, code 0x01"));
}

static void test_boot_bad_major(void **state)
{
    (void)state;
    uint32_t other = SGPU_ID_VERSION_RESET + (1u << SGPU_ID_VERSION_MAJOR_SHIFT);
    hal_fake_poke(SGPU_ID_VERSION_ADDR, other);
    assert_int_equal(fw_boot(), FW_ERR_BAD_MAJOR);
    assert_int_equal(hal_read32(SGPU_ID_FW_STATUS_ADDR), STATUS(FAILED, FW_ERR_BAD_MAJOR));
    char want[48];
    snprintf(want, sizeof want, "register map version %u.%u.%u",
             (unsigned)((other & SGPU_ID_VERSION_MAJOR_MASK) >> SGPU_ID_VERSION_MAJOR_SHIFT),
             (unsigned)((other & SGPU_ID_VERSION_MINOR_MASK) >> SGPU_ID_VERSION_MINOR_SHIFT),
             (unsigned)((other & SGPU_ID_VERSION_PATCH_MASK) >> SGPU_ID_VERSION_PATCH_SHIFT));
    assert_non_null(strstr(hal_fake_console(), want));
}

static void test_boot_newer_minor(void **state)
{
    (void)state;
    /* a newer minor and patch of the same major is compatible */
    hal_fake_poke(SGPU_ID_VERSION_ADDR, (SGPU_ID_VERSION_RESET & SGPU_ID_VERSION_MAJOR_MASK) |
                                            (7u << SGPU_ID_VERSION_MINOR_SHIFT) | 3u);
    assert_int_equal(fw_boot(), 0);
    assert_int_equal(hal_read32(SGPU_ID_FW_STATUS_ADDR), STATUS(RUNNING, 0));
    assert_non_null(strstr(hal_fake_console(), "register map 0.7.3"));
}

static void test_main_ok(void **state)
{
    (void)state;
    /* the bare system: a good boot goes on to the idle loop and never returns (so never
     * writes EXIT), touching none of the device's registers */
    hal_fake_poke(SGPU_ID_CAPS_ADDR, CAPS_BARE);
    if (setjmp(idle_exit) == 0) {
        fw_main();
        fail_msg("main returned after a good boot");
    }
    assert_int_equal(idle_calls, 1);
    assert_int_equal(serve_calls, 0);
    assert_int_equal(hal_read32(SGPU_ID_FW_STATUS_ADDR), STATUS(RUNNING, 0));
    assert_int_equal(hal_fake_exit_count(), 0);
    const struct hal_fake_write *log;
    unsigned n = hal_fake_writes(&log);
    for (unsigned i = 0; i < n; i++)
        assert_true(log[i].addr - SGPU_ID_CORE_BASE < SGPU_ID_SIZE ||
                    log[i].addr - SGPU_SYSCTL_CORE_BASE < SGPU_SYSCTL_SIZE);
}

static void test_main_with_cp_serves(void **state)
{
    (void)state;
    /* a device with the command processor: the scheduler's loop, which never returns */
    hal_fake_poke(SGPU_ID_CAPS_ADDR, SGPU_ID_CAPS_RESET | SGPU_ID_CAPS_CP_MASK);
    if (setjmp(idle_exit) == 0) {
        fw_main();
        fail_msg("main returned after a good boot");
    }
    assert_int_equal(serve_calls, 1);
    assert_int_equal(idle_calls, 0);
    assert_int_equal(hal_read32(SGPU_ID_FW_STATUS_ADDR), STATUS(RUNNING, 0));
}

static void test_main_bad_magic(void **state)
{
    (void)state;
    hal_fake_poke(SGPU_ID_MAGIC_ADDR, 0);
    assert_int_equal(fw_main(), FW_ERR_BAD_MAGIC); /* start.S writes it to EXIT */
    assert_int_equal(idle_calls, 0);
    assert_int_equal(hal_read32(SGPU_ID_FW_STATUS_ADDR), STATUS(FAILED, FW_ERR_BAD_MAGIC));
}

static void test_trap_exception(void **state)
{
    (void)state;
    fw_boot();
    hal_fake_console_clear();
    /* an illegal instruction */
    uint32_t code = fw_trap(2, 0x80000123u, 0x0000FFFFu);
    assert_int_equal(code, FW_ERR_EXCEPTION + 2);
    assert_int_equal(fw_last_trap.count, 1);
    assert_int_equal(fw_last_trap.mcause, 2);
    assert_int_equal(fw_last_trap.mepc, 0x80000123u);
    assert_int_equal(fw_last_trap.mtval, 0x0000FFFFu);
    assert_int_equal(hal_read32(SGPU_ID_FW_STATUS_ADDR), STATUS(FAILED, FW_ERR_EXCEPTION + 2));
    assert_int_equal(hal_fake_exit_count(), 1);
    assert_int_equal(hal_fake_exit_code(), FW_ERR_EXCEPTION + 2);
    assert_string_equal(hal_fake_console(),
                        "sgpu-fw: trap mcause 0x00000002 mepc 0x80000123 mtval 0x0000ffff\n"
                        "sgpu-fw: FAILED, code 0x12\n");
}

static void test_trap_every_exception(void **state)
{
    (void)state;
    static const uint32_t causes[] = {0, 2, 3, 4, 6, 11};
    for (size_t i = 0; i < sizeof causes / sizeof causes[0]; i++) {
        uint32_t code = fw_trap(causes[i], 0x80000000u, 0);
        assert_int_equal(code, FW_ERR_EXCEPTION + causes[i]);
        assert_true(code > 0 && code < 256); /* also a usable exit status */
    }
    assert_int_equal(fw_last_trap.count, 6);
}

static unsigned timer_calls;
static void on_timer(void)
{
    timer_calls++;
    hal_timer_disable();
}

static void test_trap_interrupt_handled(void **state)
{
    (void)state;
    timer_calls = 0;
    fw_boot();
    assert_int_equal(fw_set_irq_handler(HAL_CAUSE_IRQ_TIMER, on_timer), 0);
    assert_int_equal(fw_trap(HAL_CAUSE_IRQ_TIMER, 0x80000040u, 0), 0); /* resume */
    assert_int_equal(timer_calls, 1);
    assert_int_equal(hal_read32(SGPU_ID_FW_STATUS_ADDR), STATUS(RUNNING, 0));
    assert_int_equal(hal_fake_exit_count(), 0);
    assert_int_equal(fw_last_trap.mcause, HAL_CAUSE_IRQ_TIMER);
}

static void test_trap_interrupt_unhandled(void **state)
{
    (void)state;
    assert_int_equal(fw_trap(HAL_CAUSE_IRQ_EXTERNAL, 0x80000040u, 0), FW_ERR_INTERRUPT + 11);
    assert_int_equal(hal_read32(SGPU_ID_FW_STATUS_ADDR), STATUS(FAILED, FW_ERR_INTERRUPT + 11));
    assert_int_equal(hal_fake_exit_code(), FW_ERR_INTERRUPT + 11);
}

static void test_irq_handler_causes(void **state)
{
    (void)state;
    assert_int_equal(fw_set_irq_handler(3, on_timer), -EINVAL);
    assert_int_equal(fw_set_irq_handler(0x80000003u, on_timer), -EINVAL);
    assert_int_equal(fw_set_irq_handler(HAL_CAUSE_IRQ_EXTERNAL, on_timer), 0);
    assert_int_equal(fw_set_irq_handler(HAL_CAUSE_IRQ_EXTERNAL, NULL), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_boot_ok, reset),
        cmocka_unit_test_setup(test_boot_bad_magic, reset),
        cmocka_unit_test_setup(test_boot_bad_major, reset),
        cmocka_unit_test_setup(test_boot_newer_minor, reset),
        cmocka_unit_test_setup(test_main_ok, reset),
        cmocka_unit_test_setup(test_main_with_cp_serves, reset),
        cmocka_unit_test_setup(test_main_bad_magic, reset),
        cmocka_unit_test_setup(test_trap_exception, reset),
        cmocka_unit_test_setup(test_trap_every_exception, reset),
        cmocka_unit_test_setup(test_trap_interrupt_handled, reset),
        cmocka_unit_test_setup(test_trap_interrupt_unhandled, reset),
        cmocka_unit_test_setup(test_irq_handler_causes, reset),
    };
    return cmocka_run_group_tests_name("boot", tests, NULL, NULL);
}
