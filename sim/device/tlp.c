/* TLP headers: encoding and decoding in spec bit order, names and one-line descriptions. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "tlp.h"

#include <stdio.h>

/* DW0, common to every TLP. */
static uint32_t dw0(const struct tlp_hdr *h) {
  return ((uint32_t)(h->fmt & 7u) << 29) | ((uint32_t)(h->type & 0x1Fu) << 24) |
         ((uint32_t)(h->t9 & 1u) << 23) | ((uint32_t)(h->tc & 7u) << 20) |
         ((uint32_t)(h->t8 & 1u) << 19) | ((uint32_t)((h->attr >> 2) & 1u) << 18) |
         ((uint32_t)(h->ln & 1u) << 17) | ((uint32_t)(h->th & 1u) << 16) |
         ((uint32_t)(h->td & 1u) << 15) | ((uint32_t)(h->ep & 1u) << 14) |
         ((uint32_t)(h->attr & 3u) << 12) | ((uint32_t)(h->at & 3u) << 10) |
         (h->length & 0x3FFu);
}

static int is_cpl(unsigned type) { return type == TLP_TYPE_CPL || type == TLP_TYPE_CPL_LK; }

unsigned tlp_encode(const struct tlp_hdr *h, uint32_t dw[4]) {
  unsigned n = tlp_hdr_dws(h->fmt);
  dw[0] = dw0(h);
  if (is_cpl(h->type)) {
    dw[1] = ((uint32_t)h->cpl_id << 16) | ((uint32_t)(h->status & 7u) << 13) |
            ((uint32_t)(h->bcm & 1u) << 12) | (h->byte_count & 0xFFFu);
    dw[2] = ((uint32_t)h->req_id << 16) | ((uint32_t)h->tag << 8) | (h->lower_addr & 0x7Fu);
    if (n == 4) dw[3] = 0;
  } else {
    dw[1] = ((uint32_t)h->req_id << 16) | ((uint32_t)h->tag << 8) |
            ((uint32_t)(h->lbe & 0xFu) << 4) | (h->fbe & 0xFu);
    if (n == 4) {
      dw[2] = (uint32_t)(h->addr >> 32);
      dw[3] = (uint32_t)h->addr;
    } else {
      dw[2] = (uint32_t)h->addr;
    }
  }
  return n;
}

void tlp_decode(const uint32_t *dw, struct tlp_hdr *h) {
  uint32_t d = dw[0];
  *h = (struct tlp_hdr){0};
  h->fmt = (uint8_t)(d >> 29);
  h->type = (uint8_t)((d >> 24) & 0x1Fu);
  h->t9 = (uint8_t)((d >> 23) & 1u);
  h->tc = (uint8_t)((d >> 20) & 7u);
  h->t8 = (uint8_t)((d >> 19) & 1u);
  h->attr = (uint8_t)((((d >> 18) & 1u) << 2) | ((d >> 12) & 3u));
  h->ln = (uint8_t)((d >> 17) & 1u);
  h->th = (uint8_t)((d >> 16) & 1u);
  h->td = (uint8_t)((d >> 15) & 1u);
  h->ep = (uint8_t)((d >> 14) & 1u);
  h->at = (uint8_t)((d >> 10) & 3u);
  h->length = (uint16_t)(d & 0x3FFu);
  if (h->fmt == TLP_FMT_PREFIX || h->fmt > TLP_FMT_PREFIX) return;
  if (is_cpl(h->type)) {
    h->cpl_id = (uint16_t)(dw[1] >> 16);
    h->status = (uint8_t)((dw[1] >> 13) & 7u);
    h->bcm = (uint8_t)((dw[1] >> 12) & 1u);
    h->byte_count = (uint16_t)(dw[1] & 0xFFFu);
    h->req_id = (uint16_t)(dw[2] >> 16);
    h->tag = (uint8_t)(dw[2] >> 8);
    h->lower_addr = (uint8_t)(dw[2] & 0x7Fu);
  } else {
    h->req_id = (uint16_t)(dw[1] >> 16);
    h->tag = (uint8_t)(dw[1] >> 8);
    h->lbe = (uint8_t)((dw[1] >> 4) & 0xFu);
    h->fbe = (uint8_t)(dw[1] & 0xFu);
    h->addr = tlp_hdr_dws(h->fmt) == 4 ? ((uint64_t)dw[2] << 32) | dw[3] : dw[2];
  }
}

enum tlp_kind tlp_kind(const struct tlp_hdr *h) {
  unsigned f = h->fmt, t = h->type;
  if (f == TLP_FMT_PREFIX) return TLP_K_PREFIX;
  if (f > TLP_FMT_PREFIX) return TLP_K_RESERVED;
  int data = tlp_has_data(f);
  if ((t & 0x18u) == TLP_TYPE_MSG) return f & 1u ? (data ? TLP_K_MSGD : TLP_K_MSG) : TLP_K_RESERVED;
  switch (t) {
  case TLP_TYPE_MEM: return data ? TLP_K_MWR : TLP_K_MRD;
  case TLP_TYPE_MEM_LK: return data ? TLP_K_RESERVED : TLP_K_MRDLK;
  case TLP_TYPE_IO:
  case TLP_TYPE_CFG0:
  case TLP_TYPE_CFG1:
    if (f & 1u) return TLP_K_RESERVED; /* 3-DW headers only */
    if (t == TLP_TYPE_IO) return data ? TLP_K_IOWR : TLP_K_IORD;
    return data ? TLP_K_CFGWR : TLP_K_CFGRD;
  case TLP_TYPE_CPL: return f & 1u ? TLP_K_RESERVED : (data ? TLP_K_CPLD : TLP_K_CPL);
  case TLP_TYPE_CPL_LK: return f & 1u ? TLP_K_RESERVED : TLP_K_CPLLK;
  case TLP_TYPE_FETCHADD:
  case TLP_TYPE_SWAP:
  case TLP_TYPE_CAS: return data ? TLP_K_ATOMIC : TLP_K_RESERVED;
  default: return TLP_K_RESERVED;
  }
}

const char *tlp_kind_name(const struct tlp_hdr *h) {
  switch (tlp_kind(h)) {
  case TLP_K_MRD: return "MRd";
  case TLP_K_MWR: return "MWr";
  case TLP_K_CPL: return "Cpl";
  case TLP_K_CPLD: return "CplD";
  case TLP_K_MRDLK: return "MRdLk";
  case TLP_K_IORD: return "IORd";
  case TLP_K_IOWR: return "IOWr";
  case TLP_K_CFGRD: return h->type == TLP_TYPE_CFG0 ? "CfgRd0" : "CfgRd1";
  case TLP_K_CFGWR: return h->type == TLP_TYPE_CFG0 ? "CfgWr0" : "CfgWr1";
  case TLP_K_MSG: return "Msg";
  case TLP_K_MSGD: return "MsgD";
  case TLP_K_ATOMIC:
    return h->type == TLP_TYPE_FETCHADD ? "FetchAdd" : h->type == TLP_TYPE_SWAP ? "Swap" : "CAS";
  case TLP_K_CPLLK: return tlp_has_data(h->fmt) ? "CplDLk" : "CplLk";
  case TLP_K_PREFIX: return "prefix";
  default: return "reserved";
  }
}

const char *tlp_status_name(unsigned status) {
  switch (status) {
  case TLP_CPL_SC: return "SC";
  case TLP_CPL_UR: return "UR";
  case TLP_CPL_CRS: return "CRS";
  case TLP_CPL_CA: return "CA";
  default: return "reserved";
  }
}

static void bdf(uint16_t id, char out[12]) {
  snprintf(out, 12, "%02x:%02x.%x", id >> 8, (id >> 3) & 0x1Fu, id & 7u);
}

int tlp_describe(const struct tlp_hdr *h, char *buf, size_t size) {
  enum tlp_kind k = tlp_kind(h);
  char req[12], cpl[12], extra[96] = "";
  bdf(h->req_id, req);
  bdf(h->cpl_id, cpl);
  /* Fields that are normally 0, shown only when set. */
  int n = 0;
  if (h->tc) n += snprintf(extra + n, sizeof extra - (size_t)n, " tc=%u", h->tc);
  if (h->attr) n += snprintf(extra + n, sizeof extra - (size_t)n, " attr=%u", h->attr);
  if (h->td) n += snprintf(extra + n, sizeof extra - (size_t)n, " td=1");
  if (h->ep) n += snprintf(extra + n, sizeof extra - (size_t)n, " ep=1");
  if (h->th) n += snprintf(extra + n, sizeof extra - (size_t)n, " th=1");
  if (h->ln) n += snprintf(extra + n, sizeof extra - (size_t)n, " ln=1");
  if (h->at) n += snprintf(extra + n, sizeof extra - (size_t)n, " at=%u", h->at);
  if (h->t9 | h->t8) n += snprintf(extra + n, sizeof extra - (size_t)n, " t9=%u t8=%u", h->t9, h->t8);
  (void)n;
  switch (k) {
  case TLP_K_CPL:
  case TLP_K_CPLD:
  case TLP_K_CPLLK:
    return snprintf(buf, size, "%s len=%u cpl=%s status=%s bcm=%u bc=%u req=%s tag=0x%02x la=0x%02x%s",
                    tlp_kind_name(h), h->length, cpl, tlp_status_name(h->status), h->bcm,
                    h->byte_count, req, h->tag, h->lower_addr, extra);
  case TLP_K_PREFIX:
  case TLP_K_RESERVED:
    return snprintf(buf, size, "%s fmt=%u type=0x%02x len=%u%s", tlp_kind_name(h), h->fmt,
                    h->type, h->length, extra);
  default:
    if (tlp_hdr_dws(h->fmt) == 4)
      return snprintf(buf, size, "%s 4DW len=%u req=%s tag=0x%02x be=%x/%x addr=0x%016llx%s",
                      tlp_kind_name(h), h->length, req, h->tag, h->fbe, h->lbe,
                      (unsigned long long)h->addr, extra);
    return snprintf(buf, size, "%s 3DW len=%u req=%s tag=0x%02x be=%x/%x addr=0x%08llx%s",
                    tlp_kind_name(h), h->length, req, h->tag, h->fbe, h->lbe,
                    (unsigned long long)h->addr, extra);
  }
}

static unsigned lowest_bit(unsigned be) {
  unsigned i = 0;
  while (i < 4 && !(be & (1u << i))) i++;
  return i;
}
static unsigned highest_bit(unsigned be) {
  unsigned i = 3;
  while (i > 0 && !(be & (1u << i))) i--;
  return i;
}

unsigned tlp_first_byte(unsigned fbe) { return fbe & 0xFu ? lowest_bit(fbe) : 0u; }

unsigned tlp_req_bytes(unsigned len_dw, unsigned fbe, unsigned lbe) {
  fbe &= 0xFu;
  lbe &= 0xFu;
  if (len_dw == 1) return fbe ? highest_bit(fbe) - lowest_bit(fbe) + 1u : 1u;
  return len_dw * 4u - lowest_bit(fbe) - (3u - highest_bit(lbe));
}
