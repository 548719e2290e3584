/* test_hostmem.c: host unit tests of hostmem.c, the firmware's HOSTIO driver, against the
 * fake HOSTIO and host memory of hal_host.c. */
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
#include "hostmem.h"

#define BASE 0x123400000ull
static uint8_t mem[256];

static int reset(void **state)
{
    (void)state;
    hal_fake_reset();
    hal_fake_mtime_step(1);
    memset(mem, 0, sizeof mem);
    hal_fake_hostmem_map(BASE, mem, sizeof mem);
    hostmem_errors = 0;
    return 0;
}

static void test_write_then_read(void **state)
{
    (void)state;
    uint8_t out[64], in[64];
    for (unsigned i = 0; i < sizeof out; i++)
        out[i] = (uint8_t)(i * 7 + 1);
    assert_int_equal(hostmem_write(BASE + 8, out, 64), 0);
    assert_memory_equal(mem + 8, out, 64);
    assert_int_equal(mem[7], 0);
    assert_int_equal(mem[72], 0);
    memset(in, 0, sizeof in);
    assert_int_equal(hostmem_read(BASE + 8, in, 64), 0);
    assert_memory_equal(in, out, 64);
    /* the high address word went out too */
    const struct hal_fake_hostio_op *log;
    assert_int_equal(hal_fake_hostio_ops(&log), 2);
    assert_int_equal(log[0].op, SGPU_HOSTIO_CMD_OP_WRITE);
    assert_true(log[0].addr == BASE + 8);
    assert_int_equal(log[0].len, 64);
    assert_int_equal(log[1].op, SGPU_HOSTIO_CMD_OP_READ);
}

static void test_write64(void **state)
{
    (void)state;
    uint64_t v = 0;
    assert_int_equal(hostmem_write64(BASE + 16, 0x1122334455667788ull), 0);
    assert_int_equal(mem[16], 0x88); /* little-endian */
    assert_int_equal(hostmem_read64(BASE + 16, &v), 0);
    assert_true(v == 0x1122334455667788ull);
}

static void test_bad_arguments(void **state)
{
    (void)state;
    uint8_t buf[72] = {0};
    assert_int_equal(hostmem_write(BASE + 4, buf, 8), -EINVAL);  /* misaligned */
    assert_int_equal(hostmem_write(BASE, buf, 12), -EINVAL);     /* not 8-byte multiple */
    assert_int_equal(hostmem_write(BASE, buf, 0), -EINVAL);
    assert_int_equal(hostmem_read(BASE, buf, 72), -EINVAL);      /* over 64 */
    assert_int_equal(hostmem_msi(32), -EINVAL);
    const struct hal_fake_hostio_op *log;
    assert_int_equal(hal_fake_hostio_ops(&log), 0); /* nothing reached the hardware */
}

static void test_link_error(void **state)
{
    (void)state;
    uint64_t v;
    hal_fake_hostio_fail(SGPU_HOSTIO_STATUS_ERROR_ABORT, 1);
    assert_int_equal(hostmem_read64(BASE, &v), -EIO);
    assert_int_equal(hostmem_errors, 1);
    assert_int_equal(hostmem_read64(BASE, &v), 0); /* the next one works */
    /* outside host memory: the fake answers UNSUPPORTED */
    assert_int_equal(hostmem_write64(0x1000, 1), -EIO);
}

static void test_timeout(void **state)
{
    (void)state;
    hal_fake_mtime_step(4096); /* a stuck HOSTIO: the timer still runs */
    hal_fake_hostio_hang(1);
    assert_int_equal(hostmem_write64(BASE, 1), -ETIMEDOUT);
    assert_int_equal(hostmem_msi(3), -ETIMEDOUT);
    assert_int_equal(hostmem_errors, 2);
    hal_fake_hostio_hang(0);
}

static void test_msi(void **state)
{
    (void)state;
    assert_int_equal(hostmem_msi(7), 0);
    assert_int_equal(hal_fake_msi_count(), 1);
    const struct hal_fake_hostio_op *log;
    assert_int_equal(hal_fake_hostio_ops(&log), 1);
    assert_int_equal(log[0].op, SGPU_HOSTIO_CMD_OP_MSI);
    assert_int_equal(log[0].vector, 7);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_write_then_read, reset),
        cmocka_unit_test_setup(test_write64, reset),
        cmocka_unit_test_setup(test_bad_arguments, reset),
        cmocka_unit_test_setup(test_link_error, reset),
        cmocka_unit_test_setup(test_timeout, reset),
        cmocka_unit_test_setup(test_msi, reset),
    };
    return cmocka_run_group_tests_name("hostmem", tests, NULL, NULL);
}
