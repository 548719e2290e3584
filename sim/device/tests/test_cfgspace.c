/* test_cfgspace.c: the configuration space's fields, capability list, the cfg_* values
 * derived from it, and its `lspci -xxx` dump. */
/* SPDX-License-Identifier: Apache-2.0 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "cfgspace.h"
#include "sgpu_regs.h"

static void test_header(void **state) {
  (void)state;
  struct cfgspace c;
  cfgspace_init(&c);
  assert_int_equal(cfg_rd16(&c, 0x00), SGPU_CFG_VENDOR_ID);
  assert_int_equal(cfg_rd16(&c, 0x02), SGPU_CFG_DEVICE_ID);
  assert_int_equal(c.b[0x08], SGPU_CFG_REVISION_ID);
  assert_int_equal(cfg_rd32(&c, 0x08) >> 8, SGPU_CFG_CLASS_CODE);
  assert_int_equal(cfg_rd16(&c, 0x2C), SGPU_CFG_SUBSYS_VENDOR_ID);
  assert_int_equal(cfg_rd16(&c, 0x2E), SGPU_CFG_SUBSYS_ID);
  assert_int_equal(c.b[0x0E], 0); /* type 0 */
  uint16_t cmd = cfg_rd16(&c, 0x04);
  assert_true(cmd & 2u); /* memory space */
  assert_true(cmd & 4u); /* bus master */
  assert_true(cfg_rd16(&c, 0x06) & 0x10u); /* capabilities list */
  /* BAR0: 32-bit non-prefetchable memory at the assigned address, naturally aligned. */
  uint32_t bar = cfg_rd32(&c, 0x10);
  assert_int_equal(bar & 0xFu, 0);
  assert_int_equal(bar, CFG_BAR0_BASE);
  assert_int_equal(cfgspace_bar0_size(), 1u << SGPU_CFG_BAR0_BITS);
  assert_int_equal(bar % cfgspace_bar0_size(), 0);
  for (unsigned b = 0x14; b < 0x28; b += 4) assert_int_equal(cfg_rd32(&c, b), 0);
  assert_int_equal(c.b[0x3D], 0); /* no INTx pin */
}

static void test_capability_list(void **state) {
  (void)state;
  struct cfgspace c;
  cfgspace_init(&c);
  const uint8_t want[] = {0x01, 0x05, 0x10}; /* PM, MSI, PCI Express */
  unsigned p = c.b[0x34], n = 0;
  while (p) {
    assert_true(n < 3);
    assert_int_equal(p & 3u, 0);
    assert_true(p >= 0x40);
    assert_int_equal(c.b[p], want[n]);
    n++;
    p = c.b[p + 1];
  }
  assert_int_equal(n, 3);
}

static void test_msi(void **state) {
  (void)state;
  struct cfgspace c;
  cfgspace_init(&c);
  uint16_t ctl = cfg_rd16(&c, CFG_CAP_MSI + 2);
  assert_int_equal(ctl & 1u, 1);                                   /* enabled */
  assert_int_equal((ctl >> 1) & 7u, SGPU_CFG_MSI_VECTORS_LOG2);    /* capable */
  assert_int_equal((ctl >> 4) & 7u, SGPU_CFG_MSI_VECTORS_LOG2);    /* enabled: all */
  assert_int_equal((ctl >> 7) & 1u, 1);                            /* 64-bit */
  assert_int_equal((ctl >> 8) & 1u, 0);                            /* no masking */
  assert_int_equal(cfg_rd32(&c, CFG_CAP_MSI + 4), 0xFEE00000u);
  assert_int_equal(cfg_rd32(&c, CFG_CAP_MSI + 8), 0);
  assert_int_equal(cfg_rd16(&c, CFG_CAP_MSI + 12), 0x4000);
  assert_int_equal(cfgspace_msi_vectors(&c), 1u << SGPU_CFG_MSI_VECTORS_LOG2);
}

static void test_pcie(void **state) {
  (void)state;
  struct cfgspace c;
  cfgspace_init(&c);
  const unsigned p = CFG_CAP_PCIE;
  uint16_t caps = cfg_rd16(&c, p + CFG_PCIE_CAPS);
  assert_int_equal(caps & 0xFu, 2);        /* version 2 */
  assert_int_equal((caps >> 4) & 0xFu, 0); /* endpoint */
  assert_int_equal(cfg_rd32(&c, p + CFG_PCIE_DEVCAP) & 7u, SGPU_CFG_MAX_PAYLOAD_SUPPORTED);
  uint16_t devctl = cfg_rd16(&c, p + CFG_PCIE_DEVCTL);
  assert_int_equal((devctl >> 5) & 7u, 1);  /* MPS 256 */
  assert_int_equal((devctl >> 12) & 7u, 2); /* MRRS 512 */
  assert_int_equal(cfgspace_mps(&c), 256);
  assert_int_equal(cfgspace_mrrs(&c), 512);
  assert_int_equal(cfgspace_ext_tag(&c), 0);
  uint32_t lnkcap = cfg_rd32(&c, p + CFG_PCIE_LNKCAP);
  assert_int_equal(lnkcap & 0xFu, SGPU_CFG_LINK_SPEED);
  assert_int_equal((lnkcap >> 4) & 0x3Fu, SGPU_CFG_LINK_WIDTH);
  uint16_t lnksta = cfg_rd16(&c, p + CFG_PCIE_LNKSTA);
  assert_int_equal(lnksta & 0xFu, SGPU_CFG_LINK_SPEED);
  assert_int_equal((lnksta >> 4) & 0x3Fu, SGPU_CFG_LINK_WIDTH);
  uint32_t devcap2 = cfg_rd32(&c, p + CFG_PCIE_DEVCAP2);
  assert_int_not_equal(devcap2 & 0xFu, 0); /* completion timeout ranges */
  assert_int_equal((devcap2 >> 4) & 1u, 1); /* timeout disable supported */
  assert_int_equal(cfg_rd32(&c, p + CFG_PCIE_LNKCAP2), ((1u << SGPU_CFG_LINK_SPEED) - 1u) << 1);
}

static void test_ports(void **state) {
  (void)state;
  struct cfgspace c;
  struct cfg_ports p;
  cfgspace_init(&c);
  cfgspace_ports(&c, &p);
  assert_int_equal(p.bus, 1);
  assert_int_equal(p.dev, 0);
  assert_int_equal(p.fn, 0);
  assert_int_equal(p.command, cfg_rd16(&c, 4));
  assert_int_equal((p.dcommand >> 5) & 7u, 1);
  assert_int_equal((p.dcommand >> 12) & 7u, 2);
  assert_int_equal(p.dcommand2, cfg_rd16(&c, CFG_CAP_PCIE + CFG_PCIE_DEVCTL2));
  assert_int_equal(p.msi_enable, 1);
  assert_int_equal(p.msi_mme, SGPU_CFG_MSI_VECTORS_LOG2);
  assert_int_equal(p.msi_addr, 0xFEE00000u);
  assert_int_equal(p.msi_data, 0x4000);
}

static void test_dump_format(void **state) {
  (void)state;
  struct cfgspace c;
  cfgspace_init(&c);
  char buf[2048];
  int n = cfgspace_format_dump(&c, buf, sizeof buf);
  assert_true(n > 0 && (size_t)n < sizeof buf);
  assert_int_equal(strlen(buf), (size_t)n);
  assert_true(strncmp(buf, "01:00.0 3D controller: ", 23) == 0);
  /* 16 rows "xx: xx xx ... xx" that read back as the bytes, then an empty line. */
  char *line = strchr(buf, '\n') + 1;
  for (unsigned row = 0; row < 16; row++) {
    char *end = strchr(line, '\n');
    assert_non_null(end);
    assert_int_equal(end - line, 3 + 16 * 3);
    unsigned off;
    assert_int_equal(sscanf(line, "%2x:", &off), 1);
    assert_int_equal(off, row * 16);
    for (unsigned i = 0; i < 16; i++) {
      unsigned v;
      assert_int_equal(line[3 + 3 * i], ' ');
      assert_int_equal(sscanf(line + 4 + 3 * i, "%2x", &v), 1);
      assert_int_equal(v, c.b[row * 16 + i]);
    }
    line = end + 1;
  }
  assert_string_equal(line, "\n");
  /* Truncated output still reports the full length. */
  char small[8];
  assert_int_equal(cfgspace_format_dump(&c, small, sizeof small), n);
}

static void test_write_dump(void **state) {
  (void)state;
  struct cfgspace c;
  cfgspace_init(&c);
  char dir[] = "/tmp/test_cfgspace.XXXXXX";
  assert_non_null(mkdtemp(dir));
  char path[64];
  snprintf(path, sizeof path, "%s/x.pci", dir);
  assert_int_equal(cfgspace_write_dump(&c, path), 0);
  assert_int_equal(cfgspace_write_dump(&c, path), 0); /* replaces it */
  FILE *f = fopen(path, "r");
  assert_non_null(f);
  char got[2048], want[2048];
  size_t n = fread(got, 1, sizeof got - 1, f);
  got[n] = '\0';
  fclose(f);
  cfgspace_format_dump(&c, want, sizeof want);
  assert_string_equal(got, want);
  unlink(path);
  assert_int_equal(rmdir(dir), 0); /* nothing else (no temporary file) was left */
  assert_int_equal(cfgspace_write_dump(&c, "/nonexistent-dir/x.pci"), -2 /* ENOENT */);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_header),  cmocka_unit_test(test_capability_list),
      cmocka_unit_test(test_msi),     cmocka_unit_test(test_pcie),
      cmocka_unit_test(test_ports),   cmocka_unit_test(test_dump_format),
      cmocka_unit_test(test_write_dump),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
