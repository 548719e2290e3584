/* test_api.c: the public API refuses bad arguments and unreachable devices cleanly, without a
 * simulator: NULL devices, every open failure, no side effects. */
/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "sgpu.h"

static void test_null_device(void **state)
{
    (void)state;
    uint32_t v = 0;
    uint64_t c;
    unsigned vec;
    struct sgpu_dma_buf *buf = (void *)1;
    struct sgpu_info info;

    assert_int_equal(sgpu_read32(NULL, 0, &v), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_write32(NULL, 0, 1), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_set32(NULL, 0, 1), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_clear32(NULL, 0, 1), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_wait32(NULL, 0, 1, 1, 10, &v), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_dma_alloc(NULL, 4096, &buf), SGPU_ERR_INVALID);
    assert_null(buf);
    assert_int_equal(sgpu_irq_wait(NULL, 0, &vec), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_device_cycles(NULL, &c, NULL), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_identify(NULL, &info), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_link_dma(NULL, NULL, 0, 0, 8, 0, 10, NULL), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_bar0_size(NULL), 0);
    sgpu_dma_free(NULL, NULL);
    sgpu_close(NULL);
}

static void test_open_arguments(void **state)
{
    (void)state;
    sgpu_dev *dev = (void *)1;
    assert_int_equal(sgpu_open("sim:/nonexistent/x.sock", NULL), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_open("bogus:", &dev), SGPU_ERR_INVALID);
    assert_null(dev);
    struct sgpu_open_options o = {.host_mem_bytes = 4097};
    assert_int_equal(sgpu_open_with("sim:/nonexistent/x.sock", &o, &dev), SGPU_ERR_INVALID);
    assert_non_null(strstr(sgpu_last_error(), "4096"));
    o.host_mem_bytes = (1ull << 32) + 4096;
    assert_int_equal(sgpu_open_with("sim:/nonexistent/x.sock", &o, &dev), SGPU_ERR_INVALID);
}

static void test_sim_not_running(void **state)
{
    (void)state;
    sgpu_dev *dev;
    char dir[] = "/tmp/sgpu-api-XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));

    snprintf(path, sizeof path, "sim:%s/none.sock", dir);
    assert_int_equal(sgpu_open(path, &dev), SGPU_ERR_CONNECT);
    assert_null(dev);
    assert_non_null(strstr(sgpu_last_error(), "no simulator is listening"));
    assert_non_null(strstr(sgpu_last_error(), dir));

    /* a file that is not a socket names no device */
    snprintf(path, sizeof path, "%s/file", dir);
    int fd = open(path, O_CREAT | O_WRONLY, 0600);
    assert_true(fd >= 0);
    close(fd);
    char uri[80];
    snprintf(uri, sizeof uri, "sim:%s", path);
    assert_int_equal(sgpu_open(uri, &dev), SGPU_ERR_NO_DEVICE);
    assert_non_null(strstr(sgpu_last_error(), "not a socket"));
    unlink(path);
    rmdir(dir);
}

static void test_vfio_missing(void **state)
{
    (void)state;
    sgpu_dev *dev;
    /* domain ffff bus ff: no machine has it */
    assert_int_equal(sgpu_open("vfio:ffff:ff:1f.7", &dev), SGPU_ERR_NO_DEVICE);
    assert_null(dev);
    assert_non_null(strstr(sgpu_last_error(), "ffff:ff:1f.7"));
}

static void test_uart_unsupported(void **state)
{
    (void)state;
    sgpu_dev *dev;
    char path[] = "/tmp/sgpu-uart-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    char uri[64];
    snprintf(uri, sizeof uri, "uart:%s", path);
    assert_int_equal(sgpu_open(uri, &dev), SGPU_ERR_UNSUPPORTED);
    assert_null(dev);
    /* no side effects: the file named is untouched */
    char buf[4];
    fd = open(path, O_RDONLY);
    assert_int_equal(read(fd, buf, sizeof buf), 0);
    close(fd);
    unlink(path);
    /* not even a missing device is touched */
    assert_int_equal(sgpu_open("uart:/nonexistent/tty", &dev), SGPU_ERR_UNSUPPORTED);
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(sgpu_fw_state_name(0), "NONE");
    assert_string_equal(sgpu_fw_state_name(2), "RUNNING");
    assert_string_equal(sgpu_fw_state_name(3), "FAILED");
    assert_string_equal(sgpu_fw_state_name(9), "UNKNOWN");
    assert_string_equal(sgpu_cap_name(0), "RV32M");
    assert_string_equal(sgpu_cap_name(2), "EXT_IRQ");
    assert_null(sgpu_cap_name(31));
    assert_string_equal(sgpu_link_speed_name(2), "5.0 GT/s");
    assert_string_equal(sgpu_link_speed_name(0), "unknown");
    assert_string_equal(sgpu_link_speed_name(99), "unknown");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_null_device),
        cmocka_unit_test(test_open_arguments),
        cmocka_unit_test(test_sim_not_running),
        cmocka_unit_test(test_vfio_missing),
        cmocka_unit_test(test_uart_unsupported),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
