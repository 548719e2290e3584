/* TLP headers (PCI Express transaction layer): fields, encoding in spec bit order, names. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_SIM_TLP_H
#define SGPU_SIM_TLP_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Fmt (DW0 [31:29]). */
#define TLP_FMT_3DW      0u
#define TLP_FMT_4DW      1u
#define TLP_FMT_3DW_DATA 2u
#define TLP_FMT_4DW_DATA 3u
#define TLP_FMT_PREFIX   4u

/* Type (DW0 [28:24]). */
#define TLP_TYPE_MEM     0x00u
#define TLP_TYPE_MEM_LK  0x01u
#define TLP_TYPE_IO      0x02u
#define TLP_TYPE_CFG0    0x04u
#define TLP_TYPE_CFG1    0x05u
#define TLP_TYPE_CPL     0x0Au
#define TLP_TYPE_CPL_LK  0x0Bu
#define TLP_TYPE_FETCHADD 0x0Cu
#define TLP_TYPE_SWAP    0x0Du
#define TLP_TYPE_CAS     0x0Eu
#define TLP_TYPE_MSG     0x10u /* 10rrr: routing in the low three bits */

/* Completion status (DW1 [15:13] of a completion). */
#define TLP_CPL_SC  0u
#define TLP_CPL_UR  1u
#define TLP_CPL_CRS 2u
#define TLP_CPL_CA  4u

/* The largest TLP: a 4-DW header and 1024 DWs of payload. */
#define TLP_MAX_DWS (4u + 1024u)

/* A requester or completer ID: bus [15:8], device [7:3], function [2:0]. */
#define TLP_BDF(bus, dev, fn) ((uint16_t)(((bus) << 8) | ((dev) << 3) | (fn)))

/* Every header field of the TLPs sgpu deals in; fields a kind does not have stay 0. */
struct tlp_hdr {
  uint8_t fmt, type;
  uint8_t tc;         /* traffic class, 3 bits */
  uint8_t attr;       /* Attr[2] (IDO) << 2 | Attr[1:0] (relaxed ordering, no snoop) */
  uint8_t t9, t8;     /* 10-bit tag bits */
  uint8_t ln, th, td, ep;
  uint8_t at;         /* address type, 2 bits */
  uint16_t length;    /* the Length field as sent: 0 means 1024 DWs */
  /* Requests. */
  uint16_t req_id;
  uint8_t tag;
  uint8_t fbe, lbe;   /* first and last DW byte enables */
  uint64_t addr;      /* bits [1:0] carry the PH field: 0 unless TH is set */
  /* Completions (req_id and tag above are the completed request's). */
  uint16_t cpl_id;
  uint8_t status;
  uint8_t bcm;
  uint16_t byte_count; /* 12 bits as sent: 0 means 4096 */
  uint8_t lower_addr;  /* 7 bits */
};

enum tlp_kind {
  TLP_K_MRD, TLP_K_MWR, TLP_K_CPL, TLP_K_CPLD, /* what sgpu sends and receives */
  TLP_K_MRDLK, TLP_K_IORD, TLP_K_IOWR, TLP_K_CFGRD, TLP_K_CFGWR, TLP_K_MSG, TLP_K_MSGD,
  TLP_K_ATOMIC, TLP_K_CPLLK, TLP_K_PREFIX, TLP_K_RESERVED,
};

/* Header length in DWs (3 or 4) and whether a payload follows, from Fmt. */
static inline unsigned tlp_hdr_dws(unsigned fmt) { return (fmt & 1u) ? 4u : 3u; }
static inline int tlp_has_data(unsigned fmt) { return (fmt & 2u) != 0; }
/* Payload DWs the Length field announces (0 for a TLP without data). */
static inline unsigned tlp_payload_dws(const struct tlp_hdr *h) {
  return tlp_has_data(h->fmt) ? (h->length ? h->length : 1024u) : 0u;
}
/* The Length field's value in DWs (0 means 1024). */
static inline unsigned tlp_len_dws(const struct tlp_hdr *h) { return h->length ? h->length : 1024u; }
/* The Byte Count field's value in bytes (0 means 4096). */
static inline unsigned tlp_byte_count(const struct tlp_hdr *h) {
  return h->byte_count ? h->byte_count : 4096u;
}

/* Writes the header DWs (spec bit order) to dw; returns how many (3 or 4). */
unsigned tlp_encode(const struct tlp_hdr *h, uint32_t dw[4]);
/* Reads a header from its DWs (at least 3; 4 if Fmt says so). */
void tlp_decode(const uint32_t *dw, struct tlp_hdr *h);

enum tlp_kind tlp_kind(const struct tlp_hdr *h);
/* "MRd", "CplD", ... or "reserved". */
const char *tlp_kind_name(const struct tlp_hdr *h);
const char *tlp_status_name(unsigned status);

/* One line naming the header's fields, e.g. "MRd 3DW len=2 req=01:00.0 tag=0x03 be=f/f
 * addr=0x00001000"; returns what snprintf returns. */
int tlp_describe(const struct tlp_hdr *h, char *buf, size_t size);

/* Bytes a memory request of len DWs with these byte enables covers (spec table 2-38),
 * and the offset of its first enabled byte from the DW-aligned address. */
unsigned tlp_req_bytes(unsigned len_dw, unsigned fbe, unsigned lbe);
unsigned tlp_first_byte(unsigned fbe);

/* A payload DW in wire order (the byte at the lowest address in bits [31:24]) from bytes
 * in memory order, and back. */
static inline uint32_t tlp_wire_dw(const uint8_t *p) {
  return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}
static inline void tlp_wire_bytes(uint32_t dw, uint8_t *p) {
  p[0] = (uint8_t)(dw >> 24);
  p[1] = (uint8_t)(dw >> 16);
  p[2] = (uint8_t)(dw >> 8);
  p[3] = (uint8_t)dw;
}

#ifdef __cplusplus
}
#endif
#endif
