/* dma.c: the DMA register block (BAR0 0x2000): moves data between a DMA buffer and VRAM.
 * Arguments are checked against docs/pcie.md's rules before any register is written. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "error.h"
#include "sgpu.h"
#include "sgpu_regs.h"

#define DMA_REG(name) (SGPU_DMA_BAR0_BASE + SGPU_DMA_##name##_OFFSET)
#define DMA_MAX_LENGTH ((16u << 20) - 8u)

static int check_args(const struct sgpu_dma_buf *buf, size_t buf_offset, uint32_t vram_addr,
                      uint32_t length, unsigned flags)
{
    if (!buf)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_link_dma: no buffer");
    if (flags & ~(SGPU_DMA_TO_HOST | SGPU_DMA_IRQ | SGPU_DMA_NOWAIT | SGPU_DMA_VECTOR(31)))
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_link_dma: unknown flags 0x%x", flags);
    if (length == 0 || length > DMA_MAX_LENGTH)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_link_dma: length %u is not 8 to %u bytes",
                         length, DMA_MAX_LENGTH);
    if (length % 8 || buf_offset % 8 || vram_addr % 8 || buf->bus % 8)
        return sgpu_fail(SGPU_ERR_ALIGN, "sgpu_link_dma: buffer offset %zu, VRAM address 0x%x and "
                         "length %u must be multiples of 8", buf_offset, vram_addr, length);
    if (buf_offset > buf->size || length > buf->size - buf_offset)
        return sgpu_fail(SGPU_ERR_RANGE, "sgpu_link_dma: %u bytes at offset %zu pass the end of a "
                         "%zu-byte buffer", length, buf_offset, buf->size);
    if (vram_addr > SGPU_CFG_VRAM_BYTES || length > SGPU_CFG_VRAM_BYTES - vram_addr)
        return sgpu_fail(SGPU_ERR_RANGE, "sgpu_link_dma: %u bytes at VRAM 0x%x pass the end of "
                         "VRAM (0x%x bytes)", length, vram_addr, SGPU_CFG_VRAM_BYTES);
    return SGPU_OK;
}

int sgpu_link_dma_wait(sgpu_dev *dev, unsigned timeout_ms, uint32_t *cycles)
{
    uint32_t status;
    int rc = sgpu_wait32(dev, DMA_REG(STATUS), SGPU_DMA_STATUS_DONE_MASK, SGPU_DMA_STATUS_DONE_MASK,
                         timeout_ms, &status);
    if (rc)
        return rc;
    if (cycles && (rc = sgpu_read32(dev, DMA_REG(CYCLES), cycles)))
        return rc;
    unsigned err = (status & SGPU_DMA_STATUS_ERROR_MASK) >> SGPU_DMA_STATUS_ERROR_SHIFT;
    switch (err) {
    case SGPU_DMA_STATUS_ERROR_NONE:
        return SGPU_OK;
    case SGPU_DMA_STATUS_ERROR_BAD_ARGS:
        return sgpu_fail(SGPU_ERR_INVALID, "DMA: the device refused the arguments (BAD_ARGS)");
    case SGPU_DMA_STATUS_ERROR_TIMEOUT:
        return sgpu_fail(SGPU_ERR_DMA, "DMA: a host read got no completion (TIMEOUT)");
    case SGPU_DMA_STATUS_ERROR_UNSUPPORTED:
        return sgpu_fail(SGPU_ERR_DMA, "DMA: the host answered Unsupported Request");
    case SGPU_DMA_STATUS_ERROR_ABORT:
        return sgpu_fail(SGPU_ERR_DMA, "DMA: the host answered Completer Abort");
    }
    return sgpu_fail(SGPU_ERR_DMA, "DMA: STATUS.ERROR %u", err);
}

int sgpu_link_dma(sgpu_dev *dev, const struct sgpu_dma_buf *buf, size_t buf_offset,
                  uint32_t vram_addr, uint32_t length, unsigned flags, unsigned timeout_ms,
                  uint32_t *cycles)
{
    if (!dev)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_link_dma: no device");
    int rc = check_args(buf, buf_offset, vram_addr, length, flags);
    if (rc)
        return rc;
    uint64_t host = buf->bus + buf_offset;
    uint32_t ctrl = (flags & SGPU_DMA_TO_HOST ? SGPU_DMA_CTRL_DIR_MASK : 0) |
                    (flags & SGPU_DMA_IRQ ? SGPU_DMA_CTRL_IRQ_MASK : 0) |
                    ((flags >> 8 & 31u) << SGPU_DMA_CTRL_VECTOR_SHIFT);
    /* A transfer already running would ignore START: refuse rather than lose this one. */
    uint32_t status;
    if ((rc = sgpu_read32(dev, DMA_REG(STATUS), &status)))
        return rc;
    if (status & SGPU_DMA_STATUS_BUSY_MASK)
        return sgpu_fail(SGPU_ERR_BUSY, "sgpu_link_dma: a transfer is still running");
    if ((rc = sgpu_write32(dev, DMA_REG(HOST_ADDR_LO), (uint32_t)host)) ||
        (rc = sgpu_write32(dev, DMA_REG(HOST_ADDR_HI), (uint32_t)(host >> 32))) ||
        (rc = sgpu_write32(dev, DMA_REG(VRAM_ADDR), vram_addr)) ||
        (rc = sgpu_write32(dev, DMA_REG(LENGTH), length)) ||
        (rc = sgpu_write32(dev, DMA_REG(CTRL), ctrl)) ||
        (rc = sgpu_write32(dev, DMA_REG(START), SGPU_DMA_START_GO_MASK)))
        return rc;
    if (flags & SGPU_DMA_NOWAIT)
        return SGPU_OK;
    return sgpu_link_dma_wait(dev, timeout_ms, cycles);
}
