/* sgpu.h: libsgpu, the host driver library of the sgpu soft-GPU (public C11 API). */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_H
#define SGPU_H

/*
 * A device is reached through a URI:
 *   sim:[PATH]          sgpu-sim listening on the Unix socket PATH (empty: the default socket,
 *                       see sgpu_default_sim_socket); NULL or "" mean "sim:".
 *   vfio:DDDD:BB:DD.F   a PCI function bound to vfio-pci (Linux VFIO).
 *   uart:DEVICE         a board behind a serial port (not implemented yet: SGPU_ERR_UNSUPPORTED).
 *
 * Every function returns SGPU_OK (0) or a negative SGPU_ERR_* code; the library never prints
 * and never exits. sgpu_last_error() gives a one-line detail of the calling thread's last
 * failure. Every wait has a timeout. A device handle is used by one thread at a time.
 * docs/libsgpu.md describes the library in full.
 */

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Result codes. The numbers are stable. */
enum sgpu_result {
    SGPU_OK              = 0,
    SGPU_PENDING         = 1,   /* reserved: an operation is still in flight */
    SGPU_ERR_INVALID     = -1,  /* a bad argument or a malformed URI */
    SGPU_ERR_NO_DEVICE   = -2,  /* the URI names nothing, or not an sgpu device */
    SGPU_ERR_CONNECT     = -3,  /* the device cannot be reached (simulator not running) */
    SGPU_ERR_TIMEOUT     = -4,  /* a wait ran out of time */
    SGPU_ERR_RANGE       = -5,  /* an offset outside BAR0 or a buffer */
    SGPU_ERR_ALIGN       = -6,  /* an offset, address or length not aligned as required */
    SGPU_ERR_NOMEM       = -7,  /* out of host memory or DMA-able memory */
    SGPU_ERR_IO          = -8,  /* the link or the transport failed */
    SGPU_ERR_BUSY        = -9,  /* another driver holds the device */
    SGPU_ERR_UNSUPPORTED = -10, /* not available on this transport or device */
    SGPU_ERR_VERSION     = -11, /* device register map or wire protocol version not known */
    SGPU_ERR_DEVICE      = -12, /* the device answered with an error (Unsupported Request) */
    SGPU_ERR_DMA         = -13, /* a DMA transfer failed on the link */
    SGPU_ERR_CTX_ERROR   = -14, /* the context is in error (bad command, fault, engine reset) */
    SGPU_ERR_DEVICE_LOST = -15, /* the device needs a reset: firmware failed or broke the protocol */
    SGPU_ERR_STATE       = -16, /* not allowed in the context's or engine's current state */
    SGPU_ERR_READ_ONLY   = -17, /* the device is open as an observer: BAR0 reads only */
};
#define SGPU_ERR_LAST SGPU_ERR_READ_ONLY

/* "SGPU_ERR_CONNECT" and the like; unknown codes give "SGPU_ERR_UNKNOWN". */
const char *sgpu_errname(int code);
/* A sentence describing the code; unknown codes give "unknown error N". */
const char *sgpu_strerror(int code);
/* Detail of the calling thread's last failed call ("" if none). */
const char *sgpu_last_error(void);

typedef struct sgpu_dev sgpu_dev;

struct sgpu_open_options {
    uint64_t host_mem_bytes; /* sim: shared host memory (0: 64 MiB); a multiple of 4096 */
    unsigned timeout_ms;     /* longest wait for one transport reply (0: 10000) */
    int observer;            /* open as an observer (sgpu_open_observer) */
};

/* Writes the default simulator socket, ${XDG_RUNTIME_DIR:-/tmp}/sgpu-sim.sock. */
int sgpu_default_sim_socket(char *buf, size_t size);

/* Opens the device a URI names, checks it is an sgpu with a register map it knows. */
int sgpu_open(const char *uri, sgpu_dev **out);
int sgpu_open_with(const char *uri, const struct sgpu_open_options *opts, sgpu_dev **out);
/* Opens the device as an observer, beside the driver that may hold it: BAR0 reads only (its
 * STATS block is what `sgpu top` reads). Writes, DMA buffers, interrupts and contexts fail
 * with SGPU_ERR_READ_ONLY. The sim transport only (SGPU_ERR_UNSUPPORTED elsewhere). */
int sgpu_open_observer(const char *uri, sgpu_dev **out);
/* Releases the device and every DMA buffer still allocated. NULL is allowed. */
void sgpu_close(sgpu_dev *dev);

/* BAR0 access: offsets are 4-aligned (SGPU_ERR_ALIGN) and inside BAR0 (SGPU_ERR_RANGE). */
int sgpu_read32(sgpu_dev *dev, uint32_t offset, uint32_t *value);
int sgpu_write32(sgpu_dev *dev, uint32_t offset, uint32_t value);
/* Read-modify-write helpers: set or clear bits. */
int sgpu_set32(sgpu_dev *dev, uint32_t offset, uint32_t bits);
int sgpu_clear32(sgpu_dev *dev, uint32_t offset, uint32_t bits);
/* Reads until (value & mask) == expect or timeout_ms passes (SGPU_ERR_TIMEOUT).
 * last (may be NULL) gets the last value read. */
int sgpu_wait32(sgpu_dev *dev, uint32_t offset, uint32_t mask, uint32_t expect,
                unsigned timeout_ms, uint32_t *last);
/* Size of BAR0 in bytes. */
uint32_t sgpu_bar0_size(const sgpu_dev *dev);

/* DMA-able host memory: cpu is the process's view, bus the address the device uses. */
struct sgpu_dma_buf {
    void *cpu;
    uint64_t bus;
    size_t size; /* the size asked for, rounded up to whole 4 KiB pages */
};
int sgpu_dma_alloc(sgpu_dev *dev, size_t bytes, struct sgpu_dma_buf **out);
void sgpu_dma_free(sgpu_dev *dev, struct sgpu_dma_buf *buf);

/* Waits for an MSI. A vector sent again before it was waited for is reported once (as an
 * eventfd counts). timeout_ms 0 only polls. */
int sgpu_irq_wait(sgpu_dev *dev, unsigned timeout_ms, unsigned *vector);

/* Device clock cycles since the simulator started and its wall time in nanoseconds (either
 * pointer may be NULL). Simulator only: SGPU_ERR_UNSUPPORTED elsewhere. */
int sgpu_device_cycles(sgpu_dev *dev, uint64_t *cycles, uint64_t *wall_ns);

/* Identity, as sgpu_identify fills it. */
struct sgpu_info {
    /* ID block */
    uint32_t magic;
    uint32_t version;            /* raw ID.VERSION */
    unsigned version_major, version_minor, version_patch;
    uint32_t caps;               /* ID.CAPS bits, see sgpu_cap_name */
    uint32_t fw_status;          /* raw ID.FW_STATUS */
    unsigned fw_state;           /* FW_STATUS.STATE, see sgpu_fw_state_name */
    unsigned fw_code;            /* FW_STATUS.CODE */
    /* PCI, from configuration space */
    char pci_address[16];        /* DDDD:BB:DD.F */
    uint16_t vendor_id, device_id, subsys_vendor_id, subsys_id;
    uint8_t revision;
    uint32_t class_code;         /* base class, subclass, programming interface */
    uint64_t bar0_size;
    unsigned link_speed;         /* encoded as in Link Status (1 2.5, 2 5.0, 3 8.0 GT/s ...) */
    unsigned link_width;         /* lanes */
    unsigned msi_vectors_capable;
    /* LINK block: the configuration as the endpoint uses it */
    unsigned max_payload_bytes;
    unsigned max_read_req_bytes;
    unsigned msi_vectors;        /* granted by the host (0: MSI disabled) */
    int bus_master;
    /* how the device is reached */
    char transport[8];           /* "sim", "vfio", "uart" */
    char uri[128];
};
int sgpu_identify(sgpu_dev *dev, struct sgpu_info *info);
/* "NONE", "BOOTING", "RUNNING", "FAILED", or "UNKNOWN". */
const char *sgpu_fw_state_name(unsigned state);
/* Name of ID.CAPS bit `bit` ("RV32M", ...) or NULL for a bit without a name. */
const char *sgpu_cap_name(unsigned bit);
/* "2.5 GT/s", "5.0 GT/s", ... or "unknown". */
const char *sgpu_link_speed_name(unsigned speed);

/* The DMA register block: move `length` bytes between buf at buf_offset and VRAM. Offsets
 * and length are multiples of 8 (SGPU_ERR_ALIGN); length is 8 to 16 MiB - 8 and both ends
 * lie inside buf and VRAM (SGPU_ERR_RANGE / SGPU_ERR_INVALID); checked before any register
 * is written. Without SGPU_DMA_NOWAIT it waits up to timeout_ms for the end and returns
 * SGPU_ERR_DMA if the link failed the transfer; cycles (may be NULL) gets DMA.CYCLES. */
#define SGPU_DMA_TO_HOST    0x1u      /* VRAM -> host; without it host -> VRAM */
#define SGPU_DMA_IRQ        0x2u      /* send an MSI at the end */
#define SGPU_DMA_NOWAIT     0x4u      /* start and return; finish with sgpu_link_dma_wait */
#define SGPU_DMA_VECTOR(v)  (((unsigned)(v) & 31u) << 8)
int sgpu_link_dma(sgpu_dev *dev, const struct sgpu_dma_buf *buf, size_t buf_offset,
                  uint32_t vram_addr, uint32_t length, unsigned flags, unsigned timeout_ms,
                  uint32_t *cycles);
/* Waits for the running transfer to end; results as sgpu_link_dma. */
int sgpu_link_dma_wait(sgpu_dev *dev, unsigned timeout_ms, uint32_t *cycles);

#ifdef __cplusplus
}
#endif

/* Contexts, command submission, fences, events, VRAM and kernels. */
#include "sgpu_ctx.h"
/* Suspend, resume and move contexts; reset and resume engines. */
#include "sgpu_hwsched.h"
/* Adapter reset with a firmware reload, and the firmware's heartbeat. */
#include "sgpu_adapter.h"
/* Timeout detection and recovery. */
#include "sgpu_tdr.h"

#endif /* SGPU_H */
