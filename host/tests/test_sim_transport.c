/* test_sim_transport.c: the sim transport against the fake simulator: the HELLO exchange,
 * discovery from the configuration dump, register access, interrupts queued while waiting
 * for replies, shared host memory, and every failure the wire can show. */
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
#include "sim_wire.h"

#define LINK(reg) (SGPU_LINK_BAR0_BASE + SGPU_LINK_##reg##_OFFSET)

static char uri[200];

static struct fake_sim *start(struct fake_sim *f)
{
    assert_int_equal(fake_sim_start(f), 0);
    snprintf(uri, sizeof uri, "sim:%s", f->path);
    return f;
}

static sgpu_dev *open_ok(void)
{
    sgpu_dev *dev = NULL;
    struct sgpu_open_options o = {.host_mem_bytes = 1 << 20, .timeout_ms = 500};
    int rc = sgpu_open_with(uri, &o, &dev);
    if (rc)
        fail_msg("open %s: %s (%s)", uri, sgpu_errname(rc), sgpu_last_error());
    return dev;
}

static void test_identify(void **state)
{
    (void)state;
    struct fake_sim f = {0};
    struct sgpu_info i;
    start(&f);
    sgpu_dev *dev = open_ok();
    assert_int_equal(sgpu_identify(dev, &i), SGPU_OK);
    assert_int_equal(i.magic, SGPU_ID_MAGIC_RESET);
    assert_int_equal(i.version_major,
                     (SGPU_ID_VERSION_RESET & SGPU_ID_VERSION_MAJOR_MASK) >> SGPU_ID_VERSION_MAJOR_SHIFT);
    assert_int_equal(i.version_minor,
                     (SGPU_ID_VERSION_RESET & SGPU_ID_VERSION_MINOR_MASK) >> SGPU_ID_VERSION_MINOR_SHIFT);
    assert_int_equal(i.caps, SGPU_ID_CAPS_RESET);
    assert_int_equal(i.fw_state, SGPU_ID_FW_STATUS_STATE_RUNNING);
    assert_string_equal(i.pci_address, "0000:00:00.0");
    assert_int_equal(i.vendor_id, SGPU_CFG_VENDOR_ID);
    assert_int_equal(i.device_id, SGPU_CFG_DEVICE_ID);
    assert_int_equal(i.subsys_vendor_id, SGPU_CFG_SUBSYS_VENDOR_ID);
    assert_int_equal(i.subsys_id, SGPU_CFG_SUBSYS_ID);
    assert_int_equal(i.revision, SGPU_CFG_REVISION_ID);
    assert_int_equal(i.class_code, SGPU_CFG_CLASS_CODE);
    assert_int_equal(i.bar0_size, 1u << SGPU_CFG_BAR0_BITS);
    assert_int_equal(i.link_speed, 2);
    assert_int_equal(i.link_width, 2);
    assert_int_equal(i.msi_vectors_capable, 8);
    assert_int_equal(i.max_payload_bytes, 256);
    assert_int_equal(i.max_read_req_bytes, 512);
    assert_int_equal(i.msi_vectors, 8);
    assert_true(i.bus_master);
    assert_string_equal(i.transport, "sim");
    assert_string_equal(i.uri, uri);
    assert_int_equal(sgpu_bar0_size(dev), 0x10000);
    uint64_t cycles, ns;
    assert_int_equal(sgpu_device_cycles(dev, &cycles, &ns), SGPU_OK);
    assert_int_equal(cycles, 1000);
    assert_int_equal(ns, 2000);
    sgpu_close(dev);
    fake_sim_stop(&f);
}

static void test_registers(void **state)
{
    (void)state;
    struct fake_sim f = {0};
    uint32_t v;
    start(&f);
    sgpu_dev *dev = open_ok();
    assert_int_equal(sgpu_write32(dev, SGPU_ID_SCRATCH_OFFSET, 0xdeadbeef), SGPU_OK);
    assert_int_equal(sgpu_read32(dev, SGPU_ID_SCRATCH_OFFSET, &v), SGPU_OK);
    assert_int_equal(v, 0xdeadbeef);
    assert_int_equal(sgpu_set32(dev, SGPU_ID_SCRATCH_OFFSET, 0x10), SGPU_OK);
    assert_int_equal(sgpu_clear32(dev, SGPU_ID_SCRATCH_OFFSET, 0xdead0000), SGPU_OK);
    assert_int_equal(sgpu_read32(dev, SGPU_ID_SCRATCH_OFFSET, &v), SGPU_OK);
    assert_int_equal(v, 0xbeff);
    assert_int_equal(sgpu_wait32(dev, SGPU_ID_SCRATCH_OFFSET, 0xff, 0xff, 100, &v), SGPU_OK);
    assert_int_equal(sgpu_wait32(dev, SGPU_ID_SCRATCH_OFFSET, 0xff, 0x00, 30, &v), SGPU_ERR_TIMEOUT);
    assert_int_equal(v, 0xbeff);

    /* refused before the transport: nothing reaches the simulator */
    unsigned before = f.mmio_requests;
    assert_int_equal(sgpu_read32(dev, 0x10000, &v), SGPU_ERR_RANGE);
    assert_int_equal(sgpu_read32(dev, 0xFFFFFFFC, &v), SGPU_ERR_RANGE);
    assert_int_equal(sgpu_write32(dev, 0x10000, 1), SGPU_ERR_RANGE);
    assert_int_equal(sgpu_read32(dev, 2, &v), SGPU_ERR_ALIGN);
    assert_int_equal(sgpu_write32(dev, 0x1001, 1), SGPU_ERR_ALIGN);
    assert_int_equal(sgpu_wait32(dev, 0x20000, 1, 1, 10, &v), SGPU_ERR_RANGE);
    assert_int_equal(sgpu_read32(dev, 0, NULL), SGPU_ERR_INVALID);
    assert_int_equal(f.mmio_requests, before);

    /* an offset no block decodes: Unsupported Request */
    assert_int_equal(sgpu_read32(dev, 0x8000, &v), SGPU_ERR_DEVICE);
    assert_int_equal(sgpu_read32(dev, SGPU_ID_MAGIC_OFFSET, &v), SGPU_OK);
    assert_int_equal(v, SGPU_ID_MAGIC_RESET);
    sgpu_close(dev);
    fake_sim_stop(&f);
}

static void test_irqs(void **state)
{
    (void)state;
    struct fake_sim f = {0};
    unsigned vec;
    uint32_t v;
    start(&f);
    sgpu_dev *dev = open_ok();
    assert_int_equal(sgpu_irq_wait(dev, 0, &vec), SGPU_ERR_TIMEOUT);
    assert_int_equal(sgpu_irq_wait(dev, 20, &vec), SGPU_ERR_TIMEOUT);
    /* the IRQ messages arrive before the read's reply: queued, in order */
    static const unsigned sent[] = {3, 0, 7, 31, 12};
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(sgpu_write32(dev, LINK(MSI_SEND), sent[i]), SGPU_OK);
    assert_int_equal(sgpu_read32(dev, SGPU_ID_MAGIC_OFFSET, &v), SGPU_OK);
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(sgpu_irq_wait(dev, 1000, &vec), SGPU_OK);
        assert_int_equal(vec, sent[i]);
    }
    assert_int_equal(sgpu_irq_wait(dev, 0, &vec), SGPU_ERR_TIMEOUT);
    /* and when nothing else is waited for, irq_wait reads them itself */
    assert_int_equal(sgpu_write32(dev, LINK(MSI_SEND), 9), SGPU_OK);
    assert_int_equal(sgpu_irq_wait(dev, 1000, &vec), SGPU_OK);
    assert_int_equal(vec, 9);
    sgpu_close(dev);
    fake_sim_stop(&f);
}

static void test_host_memory(void **state)
{
    (void)state;
    struct fake_sim f = {0};
    struct sgpu_dma_buf *a, *b, *c, *big;
    start(&f);
    sgpu_dev *dev = open_ok();
    assert_int_equal(sgpu_dma_alloc(dev, 1, &a), SGPU_OK);
    assert_int_equal(a->size, 4096);
    assert_int_equal(a->bus, FAKE_SIM_BUS_BASE);
    assert_int_equal(sgpu_dma_alloc(dev, 5000, &b), SGPU_OK);
    assert_int_equal(b->size, 8192);
    assert_int_equal(b->bus, FAKE_SIM_BUS_BASE + 4096);
    assert_ptr_equal((uint8_t *)b->cpu, (uint8_t *)a->cpu + 4096);
    /* the device sees what the host writes and the other way round: one shared memory */
    memset(b->cpu, 0x5a, 8192);
    assert_int_equal(f.mem[4096 + 100], 0x5a);
    f.mem[5] = 0x77;
    assert_int_equal(((uint8_t *)a->cpu)[5], 0x77);
    /* 1 MiB of host memory: 1 MiB more does not fit */
    assert_int_equal(sgpu_dma_alloc(dev, 1 << 20, &big), SGPU_ERR_NOMEM);
    assert_null(big);
    assert_int_equal(sgpu_dma_alloc(dev, 0, &big), SGPU_ERR_INVALID);
    assert_int_equal(sgpu_dma_alloc(dev, SIZE_MAX, &big), SGPU_ERR_INVALID);
    /* a freed buffer's memory is reused, cleared */
    sgpu_dma_free(dev, a);
    assert_int_equal(sgpu_dma_alloc(dev, 4096, &c), SGPU_OK);
    assert_int_equal(c->bus, FAKE_SIM_BUS_BASE);
    assert_int_equal(((uint8_t *)c->cpu)[5], 0);
    /* a pointer that is not this device's buffer is left alone */
    struct sgpu_dma_buf fake = *b;
    sgpu_dma_free(dev, &fake);
    assert_int_equal(sgpu_dma_alloc(dev, 4096, &a), SGPU_OK);
    assert_int_equal(a->bus, FAKE_SIM_BUS_BASE + 3 * 4096);
    sgpu_close(dev); /* frees what is left */
    fake_sim_stop(&f);
}

static void test_busy_and_reconnect(void **state)
{
    (void)state;
    struct fake_sim f = {0};
    sgpu_dev *second = (void *)1;
    uint32_t v;
    start(&f);
    sgpu_dev *dev = open_ok();
    assert_int_equal(sgpu_open(uri, &second), SGPU_ERR_BUSY);
    assert_null(second);
    assert_non_null(strstr(sgpu_last_error(), "another driver"));
    /* the first driver is undisturbed */
    assert_int_equal(sgpu_read32(dev, SGPU_ID_MAGIC_OFFSET, &v), SGPU_OK);
    sgpu_close(dev);
    for (int i = 0; i < 3; i++) {
        dev = open_ok();
        assert_int_equal(sgpu_read32(dev, SGPU_ID_MAGIC_OFFSET, &v), SGPU_OK);
        sgpu_close(dev);
    }
    assert_int_equal(f.clients, 4);
    fake_sim_stop(&f);
}

static void test_failures(void **state)
{
    (void)state;
    sgpu_dev *dev = (void *)1;
    uint32_t v;

    struct fake_sim f1 = {.wire_version = SGPU_WIRE_VERSION + 1};
    start(&f1);
    assert_int_equal(sgpu_open(uri, &dev), SGPU_ERR_VERSION);
    assert_null(dev);
    fake_sim_stop(&f1);

    struct fake_sim f2 = {.magic = 0x12345678};
    start(&f2);
    assert_int_equal(sgpu_open(uri, &dev), SGPU_ERR_NO_DEVICE);
    assert_non_null(strstr(sgpu_last_error(), "not an sgpu"));
    fake_sim_stop(&f2);

    struct fake_sim f3 = {.write_dump = -1};
    start(&f3);
    assert_int_equal(sgpu_open(uri, &dev), SGPU_ERR_NO_DEVICE);
    assert_non_null(strstr(sgpu_last_error(), "configuration dump"));
    fake_sim_stop(&f3);

    /* a transfer an earlier driver left running: open waits for it, then gives up */
    struct fake_sim f6 = {0};
    start(&f6);
    f6.regs[(SGPU_DMA_BAR0_BASE + SGPU_DMA_STATUS_OFFSET) / 4] = SGPU_DMA_STATUS_BUSY_MASK;
    struct sgpu_open_options quick = {.timeout_ms = 100};
    assert_int_equal(sgpu_open_with(uri, &quick, &dev), SGPU_ERR_BUSY);
    assert_non_null(strstr(sgpu_last_error(), "earlier driver"));
    f6.regs[(SGPU_DMA_BAR0_BASE + SGPU_DMA_STATUS_OFFSET) / 4] = 0;
    dev = open_ok();
    sgpu_close(dev);
    fake_sim_stop(&f6);

    /* no reply: a timeout, and the link still works afterwards */
    struct fake_sim f4 = {.silent_offset = 0x1004};
    start(&f4);
    dev = open_ok();
    assert_int_equal(sgpu_read32(dev, 0x1004, &v), SGPU_ERR_TIMEOUT);
    assert_int_equal(sgpu_read32(dev, SGPU_ID_MAGIC_OFFSET, &v), SGPU_OK);
    assert_int_equal(v, SGPU_ID_MAGIC_RESET);
    sgpu_close(dev);
    fake_sim_stop(&f4);

    /* the simulator hangs up: IO, and IO from then on, never a crash or a hang */
    struct fake_sim f5 = {.hangup_offset = 0x1008};
    start(&f5);
    dev = open_ok();
    assert_int_equal(sgpu_read32(dev, 0x1008, &v), SGPU_ERR_IO);
    assert_int_equal(sgpu_read32(dev, SGPU_ID_MAGIC_OFFSET, &v), SGPU_ERR_IO);
    assert_int_equal(sgpu_write32(dev, SGPU_ID_SCRATCH_OFFSET, 1), SGPU_ERR_IO);
    unsigned vec;
    assert_int_equal(sgpu_irq_wait(dev, 10, &vec), SGPU_ERR_IO);
    sgpu_close(dev);
    /* and it serves the next driver */
    dev = open_ok();
    assert_int_equal(sgpu_read32(dev, SGPU_ID_MAGIC_OFFSET, &v), SGPU_OK);
    sgpu_close(dev);
    fake_sim_stop(&f5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_identify),
        cmocka_unit_test(test_registers),
        cmocka_unit_test(test_irqs),
        cmocka_unit_test(test_host_memory),
        cmocka_unit_test(test_busy_and_reconnect),
        cmocka_unit_test(test_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
