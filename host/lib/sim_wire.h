/* The messages between libsgpu's `sim` transport and sgpu-sim, the simulated device. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_SIM_WIRE_H
#define SGPU_SIM_WIRE_H

/*
 * One driver at a time connects to sgpu-sim's Unix stream socket, and any number of
 * observers (OBSERVE instead of HELLO: BAR0 reads only, as `sgpu top` needs). Every message, either
 * way, is one struct sgpu_wire_msg in the machine's byte order (both ends run on the same
 * machine). Host memory is a shared-memory file the driver creates and passes with its
 * HELLO (SCM_RIGHTS); the device reaches it by DMA at bus addresses [bus_base,
 * bus_base + size), where bus_base is chosen by sgpu-sim and returned in the HELLO reply.
 *
 * Driver -> sgpu-sim:
 *   HELLO       value = SGPU_WIRE_VERSION, addr = host memory size in bytes (a multiple of
 *               4096, at most SGPU_WIRE_MAX_HOST_MEM), one file descriptor attached.
 *               Reply HELLO: status, addr = bus_base, value = device cycles so far.
 *   MMIO_READ   addr = BAR0 offset (4-aligned). Reply MMIO_READ: status, value = data.
 *   MMIO_WRITE  addr = BAR0 offset (4-aligned), value = data, arg = byte enables (4 bits).
 *               Posted: no reply. A later MMIO_READ is answered after the write landed.
 *   CYCLES      Reply CYCLES: value = device clock cycles since sgpu-sim started,
 *               arg = nanoseconds of wall time since sgpu-sim started.
 *   BYE         The driver is leaving; no reply.
 *   OBSERVE     value = SGPU_WIRE_VERSION, instead of HELLO: the connection becomes an
 *               observer. Reply OBSERVE: status (OK or EVERSION), value = device cycles.
 *               An observer may send MMIO_READ, CYCLES and BYE; it has no host memory and
 *               gets no IRQ. Its MMIO_WRITE is not done and, unlike a driver's, answered:
 *               MMIO_WRITE with status EREADONLY. Observers do not make the device clock
 *               run, except for the cycles their reads take while no driver is connected
 *               (a BAR0 read is a PCIe transaction the device must answer).
 * sgpu-sim -> driver, at any time:
 *   IRQ         arg = MSI vector number: the device sent that MSI.
 *
 * A reply carries the request's seq. The connection closing is the same as BYE: sgpu-sim
 * forgets the driver's memory (later DMA to it completes with Unsupported Request) and
 * accepts the next driver. While a driver is connected, the device clock runs; while none
 * is, it stands still.
 *
 * sgpu-sim also writes the device's PCI configuration space, in the form `lspci -xxx`
 * prints, to the socket's path with SGPU_WIRE_CONFIG_SUFFIX appended, so that libpci's
 * dump access method (and `lspci -F FILE`) can read it.
 */

#include <stdint.h>

#define SGPU_WIRE_VERSION       1u
#define SGPU_WIRE_MAX_HOST_MEM  (1ull << 32)
#define SGPU_WIRE_CONFIG_SUFFIX ".pci"

enum sgpu_wire_type {
    SGPU_WIRE_HELLO      = 1,
    SGPU_WIRE_MMIO_READ  = 2,
    SGPU_WIRE_MMIO_WRITE = 3,
    SGPU_WIRE_CYCLES     = 4,
    SGPU_WIRE_BYE        = 5,
    SGPU_WIRE_IRQ        = 6,
    SGPU_WIRE_OBSERVE    = 7,
};

enum sgpu_wire_status {
    SGPU_WIRE_OK          = 0,
    SGPU_WIRE_EVERSION    = 1, /* HELLO: the wire versions differ */
    SGPU_WIRE_EBUSY       = 2, /* HELLO: another driver is connected */
    SGPU_WIRE_EBADMEM     = 3, /* HELLO: no descriptor, or a size that is 0, unaligned or too big */
    SGPU_WIRE_ERANGE      = 4, /* MMIO: offset outside BAR0 or not 4-aligned */
    SGPU_WIRE_EUR         = 5, /* MMIO_READ: the device answered Unsupported Request */
    SGPU_WIRE_ETIMEOUT    = 6, /* MMIO_READ: the device did not complete in time */
    SGPU_WIRE_EPROTO      = 7, /* an unknown type, or HELLO missing: sgpu-sim closes the link */
    SGPU_WIRE_EREADONLY   = 8, /* MMIO_WRITE from an observer: not done */
};

struct sgpu_wire_msg {
    uint32_t type;   /* enum sgpu_wire_type */
    uint32_t status; /* enum sgpu_wire_status, in replies */
    uint64_t seq;    /* set by the driver, echoed in the reply */
    uint64_t addr;
    uint64_t value;
    uint64_t arg;
};

#endif /* SGPU_SIM_WIRE_H */
