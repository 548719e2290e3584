/* test_hal_host.c: host unit tests of hal_host.c, the fake register file behind hal.h. */
/* SPDX-License-Identifier: Apache-2.0 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "hal.h"
#include "hal_fake.h"

static int reset(void **state)
{
    (void)state;
    hal_fake_reset();
    return 0;
}

static void test_reset_values(void **state)
{
    (void)state;
    assert_int_equal(hal_read32(SGPU_ID_MAGIC_ADDR), SGPU_ID_MAGIC_RESET);
    assert_int_equal(hal_read32(SGPU_ID_VERSION_ADDR), SGPU_ID_VERSION_RESET);
    assert_int_equal(hal_read32(SGPU_ID_CAPS_ADDR), SGPU_ID_CAPS_RESET);
    assert_int_equal(hal_read32(SGPU_ID_SCRATCH_ADDR), SGPU_ID_SCRATCH_RESET);
    assert_int_equal(hal_read32(SGPU_ID_FW_STATUS_ADDR), SGPU_ID_FW_STATUS_RESET);
    assert_int_equal(hal_read32(SGPU_SYSCTL_MTIMECMP_LO_ADDR), SGPU_SYSCTL_MTIMECMP_LO_RESET);
    assert_int_equal(hal_read32(SGPU_SYSCTL_MTIMECMP_HI_ADDR), SGPU_SYSCTL_MTIMECMP_HI_RESET);
    assert_int_equal(hal_read32(SGPU_SYSCTL_IRQ_TEST_ADDR), SGPU_SYSCTL_IRQ_TEST_RESET);
    assert_int_equal(hal_fake_bus_errors(), 0);
}

static void test_read_only(void **state)
{
    (void)state;
    hal_write32(SGPU_ID_MAGIC_ADDR, 0);
    hal_write32(SGPU_ID_VERSION_ADDR, 0x00FF0000u);
    hal_write32(SGPU_ID_CAPS_ADDR, 0);
    assert_int_equal(hal_read32(SGPU_ID_MAGIC_ADDR), SGPU_ID_MAGIC_RESET);
    assert_int_equal(hal_read32(SGPU_ID_VERSION_ADDR), SGPU_ID_VERSION_RESET);
    assert_int_equal(hal_read32(SGPU_ID_CAPS_ADDR), SGPU_ID_CAPS_RESET);
    hal_fake_poke(SGPU_ID_MAGIC_ADDR, 0x12345678u); /* a test can still change it */
    assert_int_equal(hal_read32(SGPU_ID_MAGIC_ADDR), 0x12345678u);
}

static void test_read_write(void **state)
{
    (void)state;
    hal_write32(SGPU_ID_SCRATCH_ADDR, 0xCAFEF00Du);
    assert_int_equal(hal_read32(SGPU_ID_SCRATCH_ADDR), 0xCAFEF00Du);
    hal_write32(SGPU_ID_FW_STATUS_ADDR, 0x00420003u);
    assert_int_equal(hal_fake_peek(SGPU_ID_FW_STATUS_ADDR), 0x00420003u);
    hal_write_field(SGPU_ID_FW_STATUS_ADDR, SGPU_ID_FW_STATUS_STATE_MASK,
                    SGPU_ID_FW_STATUS_STATE_SHIFT, SGPU_ID_FW_STATUS_STATE_RUNNING);
    assert_int_equal(hal_read32(SGPU_ID_FW_STATUS_ADDR), 0x00420002u);
    hal_write_field(SGPU_ID_FW_STATUS_ADDR, SGPU_ID_FW_STATUS_CODE_MASK,
                    SGPU_ID_FW_STATUS_CODE_SHIFT, 0x1FFFFu); /* too wide: clipped */
    assert_int_equal(hal_read32(SGPU_ID_FW_STATUS_ADDR), 0xFFFF0002u);
}

static void test_console(void **state)
{
    (void)state;
    hal_putc('o');
    hal_puts("k\n");
    assert_string_equal(hal_fake_console(), "ok\n");
    assert_int_equal(hal_read32(SGPU_SYSCTL_CONSOLE_ADDR), 0); /* write-only */
    hal_write32(SGPU_SYSCTL_CONSOLE_ADDR, 0x141u); /* only DATA, the low byte */
    assert_string_equal(hal_fake_console(), "ok\nA");
    hal_fake_console_clear();
    assert_string_equal(hal_fake_console(), "");
}

static void test_console_overflow(void **state)
{
    (void)state;
    for (int i = 0; i < 10000; i++)
        hal_putc((char)('a' + i % 26));
    hal_puts("END");
    const char *c = hal_fake_console();
    size_t n = strlen(c);
    assert_true(n > 0 && n <= 4096);
    assert_string_equal(c + n - 3, "END"); /* the newest bytes are kept */
}

static void test_exit(void **state)
{
    (void)state;
    assert_int_equal(hal_fake_exit_count(), 0);
    hal_exit(7);
    hal_exit(0);
    assert_int_equal(hal_fake_exit_count(), 2);
    assert_int_equal(hal_fake_exit_code(), 0);
    assert_int_equal(hal_read32(SGPU_SYSCTL_EXIT_ADDR), 0);
}

static void test_bus_errors(void **state)
{
    (void)state;
    assert_int_equal(hal_read32(0x30000000u), 0);
    assert_int_equal(hal_fake_bus_errors(), 1);
    assert_int_equal(hal_fake_bus_error_addr(), 0x30000000u);
    hal_write32(SGPU_ID_CORE_BASE + SGPU_ID_SIZE, 1); /* just past the window */
    assert_int_equal(hal_fake_bus_errors(), 2);
    hal_read32(SGPU_ID_SCRATCH_ADDR + 1); /* unaligned */
    assert_int_equal(hal_fake_bus_errors(), 3);
    /* a hole inside a window is no error: reads 0, writes are dropped */
    hal_write32(SGPU_ID_CORE_BASE + 0x800u, 5);
    assert_int_equal(hal_read32(SGPU_ID_CORE_BASE + 0x800u), 0);
    assert_int_equal(hal_fake_bus_errors(), 3);
}

static void test_write_log(void **state)
{
    (void)state;
    const struct hal_fake_write *log;
    hal_write32(SGPU_ID_SCRATCH_ADDR, 1);
    hal_write32(SGPU_ID_MAGIC_ADDR, 2); /* logged even though it has no effect */
    assert_int_equal(hal_fake_writes(&log), 2);
    assert_int_equal(log[0].addr, SGPU_ID_SCRATCH_ADDR);
    assert_int_equal(log[0].value, 1);
    assert_int_equal(log[1].addr, SGPU_ID_MAGIC_ADDR);
    hal_fake_reset();
    assert_int_equal(hal_fake_writes(&log), 0);
}

/* The timer may carry from the low into the high word between two reads: whatever the
 * step between reads, hal_mtime returns a value the timer really had during the call. */
static void test_mtime_carry(void **state)
{
    (void)state;
    static const uint32_t steps[] = {0, 1, 2, 3, 7, 1000};
    for (size_t s = 0; s < sizeof steps / sizeof steps[0]; s++) {
        for (uint32_t back = 0; back < 12; back++) {
            uint64_t start = 0x1FFFFFFFFull - back * (steps[s] ? steps[s] : 1) / 2;
            hal_fake_mtime_step(0);
            hal_write32(SGPU_SYSCTL_MTIME_HI_ADDR, (uint32_t)(start >> 32));
            hal_write32(SGPU_SYSCTL_MTIME_LO_ADDR, (uint32_t)start);
            hal_fake_mtime_step(steps[s]);
            uint64_t t = hal_mtime();
            uint64_t end = ((uint64_t)hal_fake_peek(SGPU_SYSCTL_MTIME_HI_ADDR) << 32) |
                           hal_fake_peek(SGPU_SYSCTL_MTIME_LO_ADDR);
            if (t < start || t > end)
                fail_msg("step %u from 0x%llx: read 0x%llx outside [0x%llx, 0x%llx]",
                         (unsigned)steps[s], (unsigned long long)start, (unsigned long long)t,
                         (unsigned long long)start, (unsigned long long)end);
        }
    }
}

static void test_timer_compare(void **state)
{
    (void)state;
    const struct hal_fake_write *log;
    hal_timer_set(0x0000000500000010ull);
    assert_int_equal(hal_read32(SGPU_SYSCTL_MTIMECMP_HI_ADDR), 5);
    assert_int_equal(hal_read32(SGPU_SYSCTL_MTIMECMP_LO_ADDR), 0x10);
    /* low word to the maximum first, so the compare never drops below both values */
    unsigned n = hal_fake_writes(&log);
    assert_int_equal(n, 3);
    assert_int_equal(log[0].addr, SGPU_SYSCTL_MTIMECMP_LO_ADDR);
    assert_int_equal(log[0].value, 0xFFFFFFFFu);
    assert_int_equal(log[1].addr, SGPU_SYSCTL_MTIMECMP_HI_ADDR);
    assert_int_equal(log[2].addr, SGPU_SYSCTL_MTIMECMP_LO_ADDR);
    hal_timer_disable();
    assert_int_equal(hal_read32(SGPU_SYSCTL_MTIMECMP_HI_ADDR), 0xFFFFFFFFu);
    assert_int_equal(hal_read32(SGPU_SYSCTL_MTIMECMP_LO_ADDR), 0xFFFFFFFFu);
}

static void test_interrupt_enables(void **state)
{
    (void)state;
    assert_int_equal(hal_irq_enabled(), 0);
    hal_irq_enable(HAL_IRQ_TIMER);
    hal_irq_enable(HAL_IRQ_EXTERNAL);
    assert_int_equal(hal_irq_enabled(), HAL_IRQ_TIMER | HAL_IRQ_EXTERNAL);
    hal_irq_disable(HAL_IRQ_TIMER);
    assert_int_equal(hal_irq_enabled(), HAL_IRQ_EXTERNAL);
    assert_int_equal(hal_irq_global(1), 0);
    assert_int_equal(hal_irq_global(1), 1);
    assert_int_equal(hal_irq_global(0), 1);
    assert_int_equal(hal_fake_mstatus_mie(), 0);
    hal_irq_global(1);
    hal_halt();
    assert_int_equal(hal_fake_halted(), 1);
    assert_int_equal(hal_fake_mstatus_mie(), 0); /* halting turns interrupts off */
}

static void test_no_counters(void **state)
{
    (void)state;
    uint64_t c, i;
    assert_int_equal(hal_counters(&c, &i), -ENOSYS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_reset_values, reset),
        cmocka_unit_test_setup(test_read_only, reset),
        cmocka_unit_test_setup(test_read_write, reset),
        cmocka_unit_test_setup(test_console, reset),
        cmocka_unit_test_setup(test_console_overflow, reset),
        cmocka_unit_test_setup(test_exit, reset),
        cmocka_unit_test_setup(test_bus_errors, reset),
        cmocka_unit_test_setup(test_write_log, reset),
        cmocka_unit_test_setup(test_mtime_carry, reset),
        cmocka_unit_test_setup(test_timer_compare, reset),
        cmocka_unit_test_setup(test_interrupt_enables, reset),
        cmocka_unit_test_setup(test_no_counters, reset),
    };
    return cmocka_run_group_tests_name("hal_host", tests, NULL, NULL);
}
