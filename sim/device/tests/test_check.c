/* test_check.c: every rule of tlp_check.c rejects a TLP crafted to break it, with its
 * message; legal TLPs pass. */
/* SPDX-License-Identifier: Apache-2.0 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tlp_check.h"

static const struct tlp_rules rules = {.dev_id = TLP_BDF(1, 0, 0), .mps = 256, .mrrs = 512, .ext_tag = 0};

static struct tlp_hdr mrd(uint64_t addr, unsigned len) {
  return (struct tlp_hdr){.fmt = addr >> 32 ? TLP_FMT_4DW : TLP_FMT_3DW, .type = TLP_TYPE_MEM,
                          .length = (uint16_t)(len & 0x3FF), .req_id = TLP_BDF(1, 0, 0), .tag = 1,
                          .fbe = 0xF, .lbe = len > 1 ? 0xF : 0, .addr = addr};
}

static struct tlp_hdr mwr(uint64_t addr, unsigned len) {
  struct tlp_hdr h = mrd(addr, len);
  h.fmt |= 2u;
  return h;
}

static unsigned dws(const struct tlp_hdr *h) { return tlp_hdr_dws(h->fmt) + tlp_payload_dws(h); }

/* The TLP is rejected and the reason contains want. */
static void rejects(const struct tlp_hdr *h, unsigned ndw, const char *want) {
  char err[256] = "";
  int r = tlp_check(&rules, h, ndw, err, sizeof err);
  if (r == 0 || !strstr(err, want)) fail_msg("expected '%s', got %d '%s'", want, r, err);
}

static void passes(const struct tlp_hdr *h) {
  char err[256] = "";
  if (tlp_check(&rules, h, dws(h), err, sizeof err) != 0) fail_msg("rejected: %s", err);
}

static void test_legal(void **state) {
  (void)state;
  struct tlp_hdr h = mrd(0x1000, 128);
  passes(&h);
  h = mrd(0x100000000ull, 1);
  passes(&h);
  h = mwr(0x1F00, 64);
  passes(&h);
  h = mrd(0x1000, 1);
  h.fbe = 0; /* zero-length read */
  passes(&h);
  h = mrd(0x1000, 1);
  h.fbe = 0x5; /* gaps are fine in 1 DW */
  passes(&h);
  h = mwr(0x1008, 2);
  h.fbe = 0x5; /* and in a QW-aligned 2-DW request */
  h.lbe = 0xA;
  passes(&h);
  h = mrd(0x1000, 4);
  h.attr = 3; /* relaxed ordering, no snoop: enabled */
  passes(&h);
  struct tlp_hdr c = {.fmt = TLP_FMT_3DW_DATA, .type = TLP_TYPE_CPL, .length = 1,
                      .cpl_id = TLP_BDF(1, 0, 0), .byte_count = 4};
  passes(&c);
  c.fmt = TLP_FMT_3DW;
  c.length = 0;
  c.status = TLP_CPL_UR;
  passes(&c);
}

static void test_kinds_not_allowed(void **state) {
  (void)state;
  struct tlp_hdr h = mrd(0x1000, 1);
  h.fmt = TLP_FMT_PREFIX;
  rejects(&h, 3, "TLP prefixes are not supported");
  h.fmt = 6;
  rejects(&h, 3, "reserved Fmt/Type");
  h = mrd(0x1000, 1);
  h.type = TLP_TYPE_IO;
  rejects(&h, 3, "IORd is not a TLP this endpoint may send");
  h.type = TLP_TYPE_MEM_LK;
  rejects(&h, 3, "MRdLk is not a TLP");
  h.type = TLP_TYPE_CFG0;
  rejects(&h, 3, "CfgRd0 is not a TLP");
  h.fmt = TLP_FMT_4DW;
  h.type = TLP_TYPE_MSG | 4u;
  rejects(&h, 4, "Msg is not a TLP");
  h.fmt = TLP_FMT_3DW_DATA;
  h.type = TLP_TYPE_SWAP;
  rejects(&h, 4, "Swap is not a TLP");
  h.fmt = TLP_FMT_4DW_DATA;
  h.type = TLP_TYPE_CPL;
  rejects(&h, 5, "reserved Fmt/Type");
}

static void test_length_vs_dws(void **state) {
  (void)state;
  struct tlp_hdr h = mwr(0x1000, 4);
  rejects(&h, 6, "Length says 4 payload DWs but 3 arrived");
  rejects(&h, 8, "Length says 4 payload DWs but 5 arrived");
  rejects(&h, 2, "truncated");
  h = mrd(0x1000, 4);
  rejects(&h, 4, "Length says 0 payload DWs but 1 arrived");
  h = mwr(0x1000, 1);
  h.td = 1;
  rejects(&h, 5, "TD set");
}

static void test_header_bits(void **state) {
  (void)state;
  struct tlp_hdr h = mrd(0x1000, 1);
  h.ep = 1;
  rejects(&h, 3, "poisoned");
  h = mrd(0x1000, 1);
  h.th = 1;
  rejects(&h, 3, "TH set");
  h = mrd(0x1000, 1);
  h.ln = 1;
  rejects(&h, 3, "LN set");
  h = mrd(0x1000, 1);
  h.at = 1;
  rejects(&h, 3, "AT is 1");
  h = mrd(0x1000, 1);
  h.t8 = 1;
  rejects(&h, 3, "10-bit tags");
  h = mrd(0x1000, 1);
  h.attr = 4;
  rejects(&h, 3, "ID-based ordering");
}

static void test_requests(void **state) {
  (void)state;
  struct tlp_hdr h = mrd(0x1000, 1);
  h.req_id = TLP_BDF(2, 0, 0);
  rejects(&h, 3, "requester ID 02:00.0 is not the device's (01:00.0)");
  h = mrd(0x1002, 1);
  rejects(&h, 3, "address bits [1:0] are not 0");
  h = mrd(0x1000, 1);
  h.fmt = TLP_FMT_4DW;
  rejects(&h, 4, "4-DW header for an address below 4 GiB");
  h = mrd(0x1000, 129);
  rejects(&h, 3, "reads 516 bytes, more than the max read request size (512)");
  h = mwr(0x1000, 65);
  rejects(&h, dws(&h), "writes 260 bytes, more than the max payload size (256)");
  h = mrd(0x1FC0, 32);
  rejects(&h, 3, "crosses a 4 KiB boundary");
  h = mwr(0x1FFC, 2);
  rejects(&h, 5, "crosses a 4 KiB boundary");
  h = mrd(0x1000, 1);
  h.tag = 32;
  rejects(&h, 3, "tag 0x20 needs 8-bit tags");
}

static void test_byte_enables(void **state) {
  (void)state;
  struct tlp_hdr h = mrd(0x1000, 1);
  h.lbe = 0xF;
  rejects(&h, 3, "last BE is 0xf but must be 0 for a 1-DW request");
  h = mrd(0x1000, 2);
  h.fbe = 0;
  rejects(&h, 3, "first BE is 0 in a request longer than 1 DW");
  h = mrd(0x1000, 2);
  h.lbe = 0;
  rejects(&h, 3, "last BE is 0 in a request longer than 1 DW");
  h = mrd(0x1000, 3);
  h.fbe = 0x7; /* must reach the top of the first DW */
  rejects(&h, 3, "first BE 0x7 is not contiguous");
  h = mrd(0x1000, 3);
  h.lbe = 0xE; /* must start at the bottom of the last DW */
  rejects(&h, 3, "last BE 0xe is not contiguous");
  h = mrd(0x1004, 2); /* 2 DWs but not QW-aligned: gaps not allowed */
  h.fbe = 0x5;
  rejects(&h, 3, "first BE 0x5 is not contiguous");
}

static void test_completions(void **state) {
  (void)state;
  struct tlp_hdr c = {.fmt = TLP_FMT_3DW_DATA, .type = TLP_TYPE_CPL, .length = 1,
                      .cpl_id = TLP_BDF(0, 1, 0), .byte_count = 4};
  rejects(&c, 4, "completer ID 00:01.0 is not the device's (01:00.0)");
  c.cpl_id = TLP_BDF(1, 0, 0);
  c.bcm = 1;
  rejects(&c, 4, "BCM set");
  c.bcm = 0;
  c.status = 3;
  rejects(&c, 4, "reserved completion status 3");
  c.status = TLP_CPL_UR;
  rejects(&c, 4, "a completion with status UR carries data");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_legal),       cmocka_unit_test(test_kinds_not_allowed),
      cmocka_unit_test(test_length_vs_dws), cmocka_unit_test(test_header_bits),
      cmocka_unit_test(test_requests),    cmocka_unit_test(test_byte_enables),
      cmocka_unit_test(test_completions),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
