/* The rules a TLP sent by the device must follow on its own, from the PCI Express base
 * specification (transaction layer) and what the configuration space enables. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "tlp_check.h"

#include <stdarg.h>
#include <stdio.h>

static int fail(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(char *err, size_t errlen, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  if (err && errlen) vsnprintf(err, errlen, fmt, ap);
  va_end(ap);
  return -1;
}

static void bdf(uint16_t id, char out[12]) {
  snprintf(out, 12, "%02x:%02x.%x", id >> 8, (id >> 3) & 0x1Fu, id & 7u);
}

/* Enabled bytes reach the top of the first DW (1111, 1110, 1100, 1000)... */
static int be_to_top(unsigned be) { return be == 0xF || be == 0xE || be == 0xC || be == 0x8; }
/* ... or start at the bottom of the last DW (0001, 0011, 0111, 1111). */
static int be_from_bottom(unsigned be) { return be == 0x1 || be == 0x3 || be == 0x7 || be == 0xF; }

int tlp_check_be(const struct tlp_hdr *h, char *err, size_t errlen) {
  unsigned len = tlp_len_dws(h);
  if (len == 1) {
    /* Any first BE (0000 is a zero-length request, gaps are allowed); no last DW. */
    if (h->lbe) return fail(err, errlen, "last BE is 0x%x but must be 0 for a 1-DW request", h->lbe);
    return 0;
  }
  if (!h->fbe) return fail(err, errlen, "first BE is 0 in a request longer than 1 DW");
  if (!h->lbe) return fail(err, errlen, "last BE is 0 in a request longer than 1 DW");
  /* Gaps are allowed only in a 2-DW request that is QW-aligned. */
  if (len == 2 && (h->addr & 7u) == 0) return 0;
  if (!be_to_top(h->fbe))
    return fail(err, errlen, "first BE 0x%x is not contiguous up to the last DW", h->fbe);
  if (!be_from_bottom(h->lbe))
    return fail(err, errlen, "last BE 0x%x is not contiguous from the first DW", h->lbe);
  return 0;
}

static int check_mem_request(const struct tlp_rules *r, const struct tlp_hdr *h, int write,
                             char *err, size_t errlen) {
  char id[12], want[12];
  if (h->req_id != r->dev_id) {
    bdf(h->req_id, id);
    bdf(r->dev_id, want);
    return fail(err, errlen, "requester ID %s is not the device's (%s)", id, want);
  }
  if (h->addr & 3u) return fail(err, errlen, "address bits [1:0] are not 0");
  if (tlp_hdr_dws(h->fmt) == 4 && h->addr < (1ull << 32))
    return fail(err, errlen, "4-DW header for an address below 4 GiB (must be 3-DW)");
  if (tlp_check_be(h, err, errlen)) return -1;
  unsigned bytes = tlp_len_dws(h) * 4u;
  if (write && bytes > r->mps)
    return fail(err, errlen, "writes %u bytes, more than the max payload size (%u)", bytes, r->mps);
  if (!write && bytes > r->mrrs)
    return fail(err, errlen, "reads %u bytes, more than the max read request size (%u)", bytes,
                r->mrrs);
  if ((h->addr & 0xFFFu) + bytes > 4096u) return fail(err, errlen, "crosses a 4 KiB boundary");
  if (!write && h->tag >= 32 && !r->ext_tag)
    return fail(err, errlen, "tag 0x%02x needs 8-bit tags, which are not enabled (5-bit tags)",
                h->tag);
  return 0;
}

int tlp_check(const struct tlp_rules *r, const struct tlp_hdr *h, unsigned ndw, char *err,
              size_t errlen) {
  enum tlp_kind k = tlp_kind(h);
  if (k == TLP_K_PREFIX) return fail(err, errlen, "TLP prefixes are not supported");
  if (k == TLP_K_RESERVED) return fail(err, errlen, "reserved Fmt/Type combination");
  if (k != TLP_K_MRD && k != TLP_K_MWR && k != TLP_K_CPL && k != TLP_K_CPLD)
    return fail(err, errlen, "%s is not a TLP this endpoint may send", tlp_kind_name(h));
  unsigned hdr = tlp_hdr_dws(h->fmt), pay = tlp_payload_dws(h);
  if (ndw < hdr) return fail(err, errlen, "truncated: %u DWs arrived, the header alone has %u", ndw, hdr);
  if (h->td) return fail(err, errlen, "TD set (an ECRC digest), which is not enabled");
  if (ndw != hdr + pay)
    return fail(err, errlen, "Length says %u payload DWs but %u arrived after the %u-DW header",
                pay, ndw - hdr, hdr);
  if (h->ep) return fail(err, errlen, "poisoned (EP set)");
  if (h->th) return fail(err, errlen, "TH set (TLP processing hints), which is not enabled");
  if (h->ln) return fail(err, errlen, "LN set (lightweight notification), which is not enabled");
  if (h->at) return fail(err, errlen, "AT is %u (address translation), which is not enabled", h->at);
  if (h->t9 | h->t8) return fail(err, errlen, "T9/T8 set (10-bit tags), which are not enabled");
  if (h->attr & 4u) return fail(err, errlen, "Attr[2] set (ID-based ordering), which is not enabled");
  if (k == TLP_K_MRD || k == TLP_K_MWR) return check_mem_request(r, h, k == TLP_K_MWR, err, errlen);

  /* A completion (to a request of the root complex: matched by rc.c). */
  char id[12], want[12];
  if (h->cpl_id != r->dev_id) {
    bdf(h->cpl_id, id);
    bdf(r->dev_id, want);
    return fail(err, errlen, "completer ID %s is not the device's (%s)", id, want);
  }
  if (h->bcm) return fail(err, errlen, "BCM set (only PCI-X completers may set it)");
  if (h->status != TLP_CPL_SC && h->status != TLP_CPL_UR && h->status != TLP_CPL_CA &&
      h->status != TLP_CPL_CRS)
    return fail(err, errlen, "reserved completion status %u", h->status);
  if (k == TLP_K_CPLD && h->status != TLP_CPL_SC)
    return fail(err, errlen, "a completion with status %s carries data",
                tlp_status_name(h->status));
  return 0;
}
