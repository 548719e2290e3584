/* The device's PCI configuration space as the root complex model (acting as the host's
 * firmware) has programmed it, the cfg_* sideband values derived from it, and its dump in
 * the form `lspci -xxx` prints. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_SIM_CFGSPACE_H
#define SGPU_SIM_CFGSPACE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Where the device sits and what the model assigns it. */
#define CFG_BUS        1u
#define CFG_DEV        0u
#define CFG_FN         0u
#define CFG_BAR0_BASE  0xF0000000u
#define CFG_MSI_ADDR   0xFEE00000ull
#define CFG_MSI_DATA   0x4000u

/* Capability offsets (as in the 7-series hard IP: power management, MSI, PCI Express). */
#define CFG_CAP_PM     0x40u
#define CFG_CAP_MSI    0x48u
#define CFG_CAP_PCIE   0x60u

/* PCI Express capability register offsets (from CFG_CAP_PCIE). */
#define CFG_PCIE_CAPS    0x02u
#define CFG_PCIE_DEVCAP  0x04u
#define CFG_PCIE_DEVCTL  0x08u
#define CFG_PCIE_LNKCAP  0x0Cu
#define CFG_PCIE_LNKCTL  0x10u
#define CFG_PCIE_LNKSTA  0x12u
#define CFG_PCIE_DEVCAP2 0x24u
#define CFG_PCIE_DEVCTL2 0x28u
#define CFG_PCIE_LNKCAP2 0x2Cu
#define CFG_PCIE_LNKCTL2 0x30u

struct cfgspace {
  uint8_t b[256];
};

/* Fills the header and capabilities with the register map's identity (SGPU_CFG_*) and the
 * values the model programs: BAR0, command, MSI, MPS 256, MRRS 512. */
void cfgspace_init(struct cfgspace *c);

uint16_t cfg_rd16(const struct cfgspace *c, unsigned off);

/* Device Control 2 as a driver would set it (completion timeout value [3:0], disable [4]):
 * before the model is built, since the cfg_* ports are read from the registers then. */
void cfgspace_set_devctl2(struct cfgspace *c, uint16_t v);
uint32_t cfg_rd32(const struct cfgspace *c, unsigned off);

/* The sideband values (cfg_* ports of the RTL), read back from the registers. */
struct cfg_ports {
  uint8_t bus, dev, fn;
  uint16_t command, dcommand, dcommand2;
  uint8_t msi_enable, msi_mme;
  uint64_t msi_addr;
  uint16_t msi_data;
};
void cfgspace_ports(const struct cfgspace *c, struct cfg_ports *p);

/* Derived sizes: max payload size and max read request size in bytes, BAR0 base and size,
 * whether 8-bit tags are enabled, MSI vectors enabled. */
unsigned cfgspace_mps(const struct cfgspace *c);
unsigned cfgspace_mrrs(const struct cfgspace *c);
uint32_t cfgspace_bar0_base(const struct cfgspace *c);
uint32_t cfgspace_bar0_size(void);
int cfgspace_ext_tag(const struct cfgspace *c);
unsigned cfgspace_msi_vectors(const struct cfgspace *c);

/* The `lspci -xxx` text: "01:00.0 3D controller: ..." then 16 lines "00: xx xx ..." and an
 * empty line. Returns its length (like snprintf). */
int cfgspace_format_dump(const struct cfgspace *c, char *buf, size_t size);

/* Writes the dump to path atomically (a temporary file renamed over it): 0 or -errno. */
int cfgspace_write_dump(const struct cfgspace *c, const char *path);

#ifdef __cplusplus
}
#endif
#endif
