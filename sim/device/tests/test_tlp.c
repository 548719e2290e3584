/* test_tlp.c: TLP header encoding and decoding (spec bit order), byte counts, names. */
/* SPDX-License-Identifier: Apache-2.0 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tlp.h"

static void round_trip(const struct tlp_hdr *h, unsigned want_dws) {
  uint32_t dw[4] = {0};
  struct tlp_hdr back;
  assert_int_equal(tlp_encode(h, dw), want_dws);
  tlp_decode(dw, &back);
  assert_memory_equal(h, &back, sizeof back);
}

static void test_mrd_3dw_bits(void **state) {
  (void)state;
  struct tlp_hdr h = {.fmt = TLP_FMT_3DW, .type = TLP_TYPE_MEM, .length = 2,
                      .req_id = TLP_BDF(1, 0, 0), .tag = 0x1F, .fbe = 0xF, .lbe = 0x3,
                      .addr = 0x12345678};
  uint32_t dw[4];
  assert_int_equal(tlp_encode(&h, dw), 3);
  /* Fmt 000, Type 00000 in DW0 [31:24]; Length in [9:0]. */
  assert_int_equal(dw[0], 0x00000002u);
  /* Requester ID [31:16], tag [15:8], last BE [7:4], first BE [3:0]. */
  assert_int_equal(dw[1], 0x01001F3Fu);
  assert_int_equal(dw[2], 0x12345678u);
  round_trip(&h, 3);
}

static void test_mwr_4dw_round_trip(void **state) {
  (void)state;
  struct tlp_hdr h = {.fmt = TLP_FMT_4DW_DATA, .type = TLP_TYPE_MEM, .tc = 3, .attr = 3,
                      .length = 64, .req_id = TLP_BDF(1, 0, 0), .tag = 7, .fbe = 0xF, .lbe = 0xF,
                      .addr = 0x0000001234567800ull};
  uint32_t dw[4];
  tlp_encode(&h, dw);
  assert_int_equal(dw[0] >> 29, TLP_FMT_4DW_DATA);
  assert_int_equal((dw[0] >> 20) & 7u, 3);
  assert_int_equal((dw[0] >> 12) & 3u, 3);
  assert_int_equal(dw[2], 0x00000012u);
  assert_int_equal(dw[3], 0x34567800u);
  round_trip(&h, 4);
}

static void test_cpld_round_trip(void **state) {
  (void)state;
  struct tlp_hdr h = {.fmt = TLP_FMT_3DW_DATA, .type = TLP_TYPE_CPL, .length = 64,
                      .cpl_id = TLP_BDF(0, 0, 0), .status = TLP_CPL_SC, .byte_count = 0x200,
                      .req_id = TLP_BDF(1, 0, 0), .tag = 3, .lower_addr = 0x40};
  uint32_t dw[4];
  tlp_encode(&h, dw);
  assert_int_equal(dw[0], 0x4A000040u);
  assert_int_equal(dw[1], 0x00000200u);
  assert_int_equal(dw[2], 0x01000340u);
  round_trip(&h, 3);
  struct tlp_hdr ur = {.fmt = TLP_FMT_3DW, .type = TLP_TYPE_CPL, .cpl_id = TLP_BDF(1, 0, 0),
                       .status = TLP_CPL_UR, .byte_count = 4, .req_id = 0, .tag = 9, .lower_addr = 8};
  round_trip(&ur, 3);
}

static void test_every_field_round_trips(void **state) {
  (void)state;
  struct tlp_hdr h = {.fmt = TLP_FMT_4DW, .type = TLP_TYPE_MEM, .tc = 7, .attr = 7, .t9 = 1,
                      .t8 = 1, .ln = 1, .th = 1, .td = 1, .ep = 1, .at = 2, .length = 0,
                      .req_id = 0xFFFF, .tag = 0xFF, .fbe = 0x9, .lbe = 0x6,
                      .addr = 0xFEDCBA9876543210ull};
  round_trip(&h, 4);
  assert_int_equal(tlp_len_dws(&h), 1024);
}

static void test_kinds(void **state) {
  (void)state;
  struct tlp_hdr h = {0};
  const struct { uint8_t fmt, type; const char *name; } k[] = {
      {0, 0x00, "MRd"},    {1, 0x00, "MRd"},      {2, 0x00, "MWr"},   {3, 0x00, "MWr"},
      {0, 0x0A, "Cpl"},    {2, 0x0A, "CplD"},     {0, 0x01, "MRdLk"}, {0, 0x02, "IORd"},
      {2, 0x02, "IOWr"},   {0, 0x04, "CfgRd0"},   {2, 0x05, "CfgWr1"}, {1, 0x14, "Msg"},
      {3, 0x10, "MsgD"},   {2, 0x0C, "FetchAdd"}, {3, 0x0E, "CAS"},   {0, 0x0B, "CplLk"},
      {4, 0x00, "prefix"}, {5, 0x00, "reserved"}, {1, 0x0A, "reserved"}, {0, 0x1F & 0x08, "reserved"},
      {1, 0x02, "reserved"}, {0, 0x10, "reserved"},
  };
  for (size_t i = 0; i < sizeof k / sizeof k[0]; i++) {
    h.fmt = k[i].fmt;
    h.type = k[i].type;
    assert_string_equal(tlp_kind_name(&h), k[i].name);
  }
}

static void test_req_bytes(void **state) {
  (void)state;
  /* One DW: the span from the first to the last enabled byte; 0000 counts 1. */
  assert_int_equal(tlp_req_bytes(1, 0xF, 0), 4);
  assert_int_equal(tlp_req_bytes(1, 0x9, 0), 4);
  assert_int_equal(tlp_req_bytes(1, 0x5, 0), 3);
  assert_int_equal(tlp_req_bytes(1, 0xA, 0), 3);
  assert_int_equal(tlp_req_bytes(1, 0x6, 0), 2);
  assert_int_equal(tlp_req_bytes(1, 0x8, 0), 1);
  assert_int_equal(tlp_req_bytes(1, 0x0, 0), 1);
  /* Several DWs: minus the disabled bytes at both ends. */
  assert_int_equal(tlp_req_bytes(4, 0xF, 0xF), 16);
  assert_int_equal(tlp_req_bytes(4, 0xE, 0x7), 14);
  assert_int_equal(tlp_req_bytes(2, 0x8, 0x1), 2);
  assert_int_equal(tlp_first_byte(0xC), 2);
  assert_int_equal(tlp_first_byte(0x0), 0);
}

static void test_wire_order(void **state) {
  (void)state;
  const uint8_t mem[4] = {0x11, 0x22, 0x33, 0x44};
  assert_int_equal(tlp_wire_dw(mem), 0x11223344u);
  uint8_t back[4];
  tlp_wire_bytes(0x11223344u, back);
  assert_memory_equal(back, mem, 4);
}

static void test_describe(void **state) {
  (void)state;
  char buf[256];
  struct tlp_hdr h = {.fmt = TLP_FMT_3DW, .type = TLP_TYPE_MEM, .length = 2,
                      .req_id = TLP_BDF(1, 0, 0), .tag = 3, .fbe = 0xF, .lbe = 0xF, .addr = 0x1000};
  tlp_describe(&h, buf, sizeof buf);
  assert_string_equal(buf, "MRd 3DW len=2 req=01:00.0 tag=0x03 be=f/f addr=0x00001000");
  h.fmt = TLP_FMT_4DW_DATA;
  h.ep = 1;
  h.addr = 0x100000000ull;
  tlp_describe(&h, buf, sizeof buf);
  assert_string_equal(buf, "MWr 4DW len=2 req=01:00.0 tag=0x03 be=f/f addr=0x0000000100000000 ep=1");
  struct tlp_hdr c = {.fmt = TLP_FMT_3DW_DATA, .type = TLP_TYPE_CPL, .length = 1,
                      .cpl_id = TLP_BDF(1, 0, 0), .byte_count = 4, .tag = 5, .lower_addr = 0x10};
  tlp_describe(&c, buf, sizeof buf);
  assert_string_equal(buf, "CplD len=1 cpl=01:00.0 status=SC bcm=0 bc=4 req=00:00.0 tag=0x05 la=0x10");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_mrd_3dw_bits),    cmocka_unit_test(test_mwr_4dw_round_trip),
      cmocka_unit_test(test_cpld_round_trip), cmocka_unit_test(test_every_field_round_trips),
      cmocka_unit_test(test_kinds),           cmocka_unit_test(test_req_bytes),
      cmocka_unit_test(test_wire_order),      cmocka_unit_test(test_describe),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
