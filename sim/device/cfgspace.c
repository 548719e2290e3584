/* The device's PCI configuration space: a type-0 header with three capabilities (power
 * management, MSI, PCI Express v2), programmed as a host's firmware and OS would. */
/* SPDX-License-Identifier: Apache-2.0 */
#define _POSIX_C_SOURCE 200809L
#include "cfgspace.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sgpu_regs.h"

/* Encodings of 128 << n bytes (MPS, MRRS). */
#define SIZE_256 1u
#define SIZE_512 2u

static void wr8(struct cfgspace *c, unsigned off, uint8_t v) { c->b[off] = v; }
static void wr16(struct cfgspace *c, unsigned off, uint16_t v) {
  c->b[off] = (uint8_t)v;
  c->b[off + 1] = (uint8_t)(v >> 8);
}
static void wr32(struct cfgspace *c, unsigned off, uint32_t v) {
  wr16(c, off, (uint16_t)v);
  wr16(c, off + 2, (uint16_t)(v >> 16));
}

uint16_t cfg_rd16(const struct cfgspace *c, unsigned off) {
  return (uint16_t)(c->b[off] | (c->b[off + 1] << 8));
}
uint32_t cfg_rd32(const struct cfgspace *c, unsigned off) {
  return cfg_rd16(c, off) | ((uint32_t)cfg_rd16(c, off + 2) << 16);
}

static void init_header(struct cfgspace *c) {
  wr16(c, 0x00, (uint16_t)SGPU_CFG_VENDOR_ID);
  wr16(c, 0x02, (uint16_t)SGPU_CFG_DEVICE_ID);
  /* Command: memory space, bus master, INTx disabled (the device uses MSI). */
  wr16(c, 0x04, (1u << 1) | (1u << 2) | (1u << 10));
  wr16(c, 0x06, 1u << 4); /* Status: capabilities list */
  wr8(c, 0x08, (uint8_t)SGPU_CFG_REVISION_ID);
  wr8(c, 0x09, (uint8_t)SGPU_CFG_CLASS_CODE);
  wr8(c, 0x0A, (uint8_t)(SGPU_CFG_CLASS_CODE >> 8));
  wr8(c, 0x0B, (uint8_t)(SGPU_CFG_CLASS_CODE >> 16));
  wr8(c, 0x0C, 64 / 4); /* cache line size, in DWs, as firmware sets it */
  wr8(c, 0x0E, 0x00);   /* header type 0, single function */
  /* BAR0: 32-bit non-prefetchable memory (low bits 0000), assigned CFG_BAR0_BASE. */
  wr32(c, 0x10, CFG_BAR0_BASE);
  wr16(c, 0x2C, (uint16_t)SGPU_CFG_SUBSYS_VENDOR_ID);
  wr16(c, 0x2E, (uint16_t)SGPU_CFG_SUBSYS_ID);
  wr8(c, 0x34, CFG_CAP_PM);
  wr8(c, 0x3C, 0x00); /* interrupt line: none routed (lspci prints a line for any other) */
  wr8(c, 0x3D, 0x00); /* interrupt pin: none, MSI only */
}

static void init_pm(struct cfgspace *c) {
  wr8(c, CFG_CAP_PM, 0x01);
  wr8(c, CFG_CAP_PM + 1, CFG_CAP_MSI);
  wr16(c, CFG_CAP_PM + 2, 0x0003);  /* version 3, no D1/D2, no PME */
  wr16(c, CFG_CAP_PM + 4, 0x0008);  /* D0, No_Soft_Reset */
}

static void init_msi(struct cfgspace *c) {
  const unsigned mmc = SGPU_CFG_MSI_VECTORS_LOG2;
  wr8(c, CFG_CAP_MSI, 0x05);
  wr8(c, CFG_CAP_MSI + 1, CFG_CAP_PCIE);
  /* Message Control: enabled, Multiple Message Capable and Enable = all vectors, 64-bit. */
  wr16(c, CFG_CAP_MSI + 2, (uint16_t)(1u | (mmc << 1) | (mmc << 4) | (1u << 7)));
  wr32(c, CFG_CAP_MSI + 4, (uint32_t)CFG_MSI_ADDR);
  wr32(c, CFG_CAP_MSI + 8, (uint32_t)(CFG_MSI_ADDR >> 32));
  wr16(c, CFG_CAP_MSI + 12, CFG_MSI_DATA);
}

static void init_pcie(struct cfgspace *c) {
  const unsigned p = CFG_CAP_PCIE;
  const unsigned speed = SGPU_CFG_LINK_SPEED, width = SGPU_CFG_LINK_WIDTH;
  wr8(c, p, 0x10);
  wr8(c, p + 1, 0x00); /* last capability */
  wr16(c, p + CFG_PCIE_CAPS, 0x0002); /* version 2, endpoint (type 0) */
  /* Device Capabilities: MPS supported, L0s/L1 acceptable latency unlimited, role-based
   * error reporting; 5-bit tags, no phantom functions, no FLR. */
  wr32(c, p + CFG_PCIE_DEVCAP,
       SGPU_CFG_MAX_PAYLOAD_SUPPORTED | (7u << 6) | (7u << 9) | (1u << 15));
  /* Device Control: relaxed ordering and no snoop enabled, MPS 256, MRRS 512. */
  wr16(c, p + CFG_PCIE_DEVCTL, (uint16_t)((1u << 4) | (SIZE_256 << 5) | (1u << 11) | (SIZE_512 << 12)));
  /* Link Capabilities: speed and width, no ASPM, ASPM optionality compliance. */
  wr32(c, p + CFG_PCIE_LNKCAP, speed | (width << 4) | (1u << 22));
  wr16(c, p + CFG_PCIE_LNKCTL, 1u << 6); /* common clock; RCB 64 bytes; ASPM off */
  wr16(c, p + CFG_PCIE_LNKSTA, (uint16_t)(speed | (width << 4) | (1u << 12)));
  /* Device Capabilities 2: completion timeout ranges A and B, timeout disable supported. */
  wr32(c, p + CFG_PCIE_DEVCAP2, 0x3u | (1u << 4));
  wr16(c, p + CFG_PCIE_DEVCTL2, 0x0000); /* default timeout (50 us to 50 ms), enabled */
  /* Link Capabilities 2: every speed up to the link's. */
  wr32(c, p + CFG_PCIE_LNKCAP2, ((1u << speed) - 1u) << 1);
  wr16(c, p + CFG_PCIE_LNKCTL2, (uint16_t)speed); /* target link speed */
}

void cfgspace_set_devctl2(struct cfgspace *c, uint16_t v) {
  wr16(c, CFG_CAP_PCIE + CFG_PCIE_DEVCTL2, (uint16_t)(v & 0x1Fu));
}

void cfgspace_init(struct cfgspace *c) {
  memset(c->b, 0, sizeof c->b);
  init_header(c);
  init_pm(c);
  init_msi(c);
  init_pcie(c);
}

unsigned cfgspace_mps(const struct cfgspace *c) {
  return 128u << ((cfg_rd16(c, CFG_CAP_PCIE + CFG_PCIE_DEVCTL) >> 5) & 7u);
}
unsigned cfgspace_mrrs(const struct cfgspace *c) {
  return 128u << ((cfg_rd16(c, CFG_CAP_PCIE + CFG_PCIE_DEVCTL) >> 12) & 7u);
}
int cfgspace_ext_tag(const struct cfgspace *c) {
  return (cfg_rd16(c, CFG_CAP_PCIE + CFG_PCIE_DEVCTL) >> 8) & 1u;
}
uint32_t cfgspace_bar0_base(const struct cfgspace *c) { return cfg_rd32(c, 0x10) & ~0xFu; }
uint32_t cfgspace_bar0_size(void) { return 1u << SGPU_CFG_BAR0_BITS; }
unsigned cfgspace_msi_vectors(const struct cfgspace *c) {
  uint16_t ctl = cfg_rd16(c, CFG_CAP_MSI + 2);
  return (ctl & 1u) ? 1u << ((ctl >> 4) & 7u) : 0u;
}

void cfgspace_ports(const struct cfgspace *c, struct cfg_ports *p) {
  uint16_t ctl = cfg_rd16(c, CFG_CAP_MSI + 2);
  memset(p, 0, sizeof *p);
  p->bus = CFG_BUS;
  p->dev = CFG_DEV;
  p->fn = CFG_FN;
  p->command = cfg_rd16(c, 0x04);
  p->dcommand = cfg_rd16(c, CFG_CAP_PCIE + CFG_PCIE_DEVCTL);
  p->dcommand2 = cfg_rd16(c, CFG_CAP_PCIE + CFG_PCIE_DEVCTL2);
  p->msi_enable = ctl & 1u;
  p->msi_mme = (ctl >> 4) & 7u;
  p->msi_addr = cfg_rd32(c, CFG_CAP_MSI + 4) | ((uint64_t)cfg_rd32(c, CFG_CAP_MSI + 8) << 32);
  p->msi_data = cfg_rd16(c, CFG_CAP_MSI + 12);
}

/* The names lspci would print for the class and vendor (the line is only a label: libpci's
 * dump reader takes the bus address from it and ignores the rest). */
static const char *class_name(uint32_t cls) {
  switch (cls >> 8) {
  case 0x0300: return "VGA compatible controller";
  case 0x0302: return "3D controller";
  case 0x0380: return "Display controller";
  default: return "Class";
  }
}

int cfgspace_format_dump(const struct cfgspace *c, char *buf, size_t size) {
  uint32_t cls = (uint32_t)c->b[0x0B] << 16 | (uint32_t)c->b[0x0A] << 8 | c->b[0x09];
  uint16_t vendor = cfg_rd16(c, 0), device = cfg_rd16(c, 2);
  char vname[32];
  if (vendor == 0x10EE)
    snprintf(vname, sizeof vname, "Xilinx Corporation");
  else
    snprintf(vname, sizeof vname, "Device %04x", vendor);
  size_t n = 0;
  int w = snprintf(buf, size, "%02x:%02x.%x %s: %s Device %04x (rev %02x)\n", CFG_BUS, CFG_DEV,
                   CFG_FN, class_name(cls), vname, device, c->b[0x08]);
  if (w < 0) return w;
  n = (size_t)w;
  for (unsigned row = 0; row < 256; row += 16) {
    w = snprintf(n < size ? buf + n : NULL, n < size ? size - n : 0, "%02x:", row);
    n += (size_t)w;
    for (unsigned i = 0; i < 16; i++) {
      w = snprintf(n < size ? buf + n : NULL, n < size ? size - n : 0, " %02x", c->b[row + i]);
      n += (size_t)w;
    }
    w = snprintf(n < size ? buf + n : NULL, n < size ? size - n : 0, "\n");
    n += (size_t)w;
  }
  w = snprintf(n < size ? buf + n : NULL, n < size ? size - n : 0, "\n");
  n += (size_t)w;
  return (int)n;
}

int cfgspace_write_dump(const struct cfgspace *c, const char *path) {
  char text[2048], tmp[4096];
  int len = cfgspace_format_dump(c, text, sizeof text);
  if (len < 0 || (size_t)len >= sizeof text) return -EOVERFLOW;
  if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid()) >= sizeof tmp)
    return -ENAMETOOLONG;
  FILE *f = fopen(tmp, "w");
  if (!f) return -errno;
  size_t put = fwrite(text, 1, (size_t)len, f);
  int bad = ferror(f) || put != (size_t)len;
  if (fclose(f) != 0 || bad) {
    unlink(tmp);
    return -EIO;
  }
  if (rename(tmp, path) != 0) {
    int e = errno;
    unlink(tmp);
    return -e;
  }
  return 0;
}
