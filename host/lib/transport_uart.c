/* transport_uart.c: the `uart` transport, for boards without PCIe. The boards issue brings
 * the transaction protocol over a serial port; until then opening one fails cleanly and
 * touches nothing (the serial device is not even opened). */
/* SPDX-License-Identifier: Apache-2.0 */
#include "error.h"
#include "transport.h"

static int uart_open(struct sgpu_dev *dev, const struct sgpu_uri *uri,
                     const struct sgpu_open_options *opts)
{
    (void)dev;
    (void)opts;
    return sgpu_fail(SGPU_ERR_UNSUPPORTED, "uart:%s: the uart transport is not implemented yet",
                     uri->path);
}

static void uart_close(struct sgpu_dev *dev)
{
    (void)dev;
}

static int uart_unsupported(void)
{
    return sgpu_fail(SGPU_ERR_UNSUPPORTED, "the uart transport is not implemented yet");
}

static int uart_read32(struct sgpu_dev *dev, uint32_t offset, uint32_t *value)
{
    (void)dev, (void)offset, (void)value;
    return uart_unsupported();
}

static int uart_write32(struct sgpu_dev *dev, uint32_t offset, uint32_t value)
{
    (void)dev, (void)offset, (void)value;
    return uart_unsupported();
}

static int uart_dma_alloc(struct sgpu_dev *dev, struct dma_buf *b)
{
    (void)dev, (void)b;
    return uart_unsupported();
}

static void uart_dma_free(struct sgpu_dev *dev, struct dma_buf *b)
{
    (void)dev, (void)b;
}

static int uart_irq_wait(struct sgpu_dev *dev, unsigned timeout_ms, unsigned *vector)
{
    (void)dev, (void)timeout_ms, (void)vector;
    return uart_unsupported();
}

const struct transport_ops sgpu_transport_uart = {
    .name = "uart",
    .open = uart_open,
    .close = uart_close,
    .read32 = uart_read32,
    .write32 = uart_write32,
    .dma_alloc = uart_dma_alloc,
    .dma_free = uart_dma_free,
    .irq_wait = uart_irq_wait,
    .cycles = NULL,
    .pci_info = NULL,
};
