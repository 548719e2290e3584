/* A fake device model for testing sgpu-sim's harness without the RTL: a small PCIe
 * endpoint in C behind the same ports (model.h). It answers BAR0 reads of a few ID
 * registers, says RUNNING in FW_STATUS shortly after its core is released, prints a console
 * banner, and has test registers that start DMA reads and writes of host memory and MSIs.
 *
 * Test registers (BAR0 offsets): 0x100/0x104 DMA address low/high, 0x108 DMA length in
 * bytes, 0x10C go (1 read, 2 write), 0x110 status (bit 0 busy, bit 1 a read got UR),
 * 0x114 checksum of the bytes read, 0x118 cycles the last DMA took, 0x11C pattern seed for
 * writes, 0x120 send the MSI with the vector written, 0x124 send a malformed TLP (1: a read
 * crossing 4 KiB, 2: a bad tkeep). Reads at 0x8000 and up answer Unsupported Request. */
/* SPDX-License-Identifier: Apache-2.0 */
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "sgpu_regs.h"
#include "tlp.h"

#define TAGS 8u
#define MRRS 512u
#define MPS 256u
#define TXQ_DWS (1u << 16)
#define TXQ_TLPS 1024u

/* The checksum's weight for the byte at offset o of a DMA read (tests compute the same). */
static uint32_t weight(uint64_t o) { return (uint32_t)(o * 2654435761u) | 1u; }
/* The byte a DMA write puts at offset o. */
static uint8_t pattern(uint64_t o, uint32_t seed) { return (uint8_t)((weight(o) >> 8) ^ seed); }

/* A DMA read request in flight. */
struct fake_tag {
  int used;
  uint64_t addr;
  uint32_t total, left;
};

struct model {
  struct cfg_ports cfg;
  uint16_t id;
  uint64_t cycle, released_at;
  int released;
  /* RX assembly. */
  uint32_t rbuf[TLP_MAX_DWS + 2];
  unsigned rn;
  /* TX: a queue of TLPs (DWs in a ring, lengths in another). */
  uint32_t *txq;
  unsigned tx_head, tx_len, tx_pos; /* tx_pos: DWs of the head TLP already sent */
  unsigned tl[TXQ_TLPS], tl_head, tl_n;
  int bad_keep;                     /* the head TLP's last beat carries tkeep 0x03 */
  /* Registers. */
  uint32_t scratch, status, checksum, op_cycles, seed, len;
  uint64_t addr, op_start;
  /* DMA read: bytes not yet requested, and each tag's request. */
  uint64_t rd_next;
  uint32_t rd_left, rd_pending;
  struct fake_tag tag[TAGS];
  /* DMA write. */
  uint64_t wr_next;
  uint32_t wr_left;
  /* Console. */
  const char *banner;
};

const char *model_name(void) { return "fake endpoint (harness tests)"; }

struct model *model_new(const struct cfg_ports *cfg, const char *trace, char *err, size_t errlen) {
  if (trace) {
    if (err && errlen) strncpy(err, "the fake endpoint has no waveforms (--trace)", errlen - 1);
    return NULL;
  }
  struct model *m = calloc(1, sizeof *m);
  if (m) m->txq = calloc(TXQ_DWS, sizeof *m->txq);
  if (!m || !m->txq) {
    free(m);
    if (err && errlen) strncpy(err, "out of memory", errlen - 1);
    return NULL;
  }
  m->cfg = *cfg;
  m->id = TLP_BDF(cfg->bus, cfg->dev, cfg->fn);
  return m;
}

void model_free(struct model *m) {
  if (!m) return;
  free(m->txq);
  free(m);
}

static int tx_room(const struct model *m, unsigned dws) {
  return m->tx_len + dws <= TXQ_DWS && m->tl_n < TXQ_TLPS;
}

static void tx_push(struct model *m, const uint32_t *dw, unsigned n) {
  for (unsigned i = 0; i < n; i++) m->txq[(m->tx_head + m->tx_len + i) % TXQ_DWS] = dw[i];
  m->tx_len += n;
  m->tl[(m->tl_head + m->tl_n) % TXQ_TLPS] = n;
  m->tl_n++;
}

static uint32_t reg_read(struct model *m, uint32_t off) {
  switch (off) {
  case SGPU_ID_MAGIC_OFFSET: return SGPU_ID_MAGIC_RESET;
  case SGPU_ID_VERSION_OFFSET: return SGPU_ID_VERSION_RESET;
  case SGPU_ID_SCRATCH_OFFSET: return m->scratch;
  case SGPU_ID_FW_STATUS_OFFSET:
    if (!m->released) return SGPU_ID_FW_STATUS_STATE_NONE;
    return m->cycle - m->released_at > 200 ? SGPU_ID_FW_STATUS_STATE_RUNNING
                                           : SGPU_ID_FW_STATUS_STATE_BOOTING;
  case 0x100: return (uint32_t)m->addr;
  case 0x104: return (uint32_t)(m->addr >> 32);
  case 0x108: return m->len;
  case 0x110: return m->status;
  case 0x114: return m->checksum;
  case 0x118: return m->op_cycles;
  case 0x11C: return m->seed;
  default: return 0;
  }
}

static void msi(struct model *m, unsigned vector) {
  if (!m->cfg.msi_enable || !(m->cfg.command & 4u)) return;
  unsigned k = m->cfg.msi_mme;
  unsigned data = (m->cfg.msi_data & ~((1u << k) - 1u)) | (vector & ((1u << k) - 1u));
  struct tlp_hdr h = {.fmt = m->cfg.msi_addr >> 32 ? TLP_FMT_4DW_DATA : TLP_FMT_3DW_DATA,
                      .length = 1, .req_id = m->id, .fbe = 0xF, .addr = m->cfg.msi_addr};
  uint32_t dw[5];
  unsigned n = tlp_encode(&h, dw);
  uint8_t b[4] = {(uint8_t)data, (uint8_t)(data >> 8), 0, 0};
  dw[n] = tlp_wire_dw(b);
  tx_push(m, dw, n + 1);
}

static void inject(struct model *m, unsigned kind) {
  struct tlp_hdr h = {.fmt = TLP_FMT_3DW, .length = 32, .req_id = m->id, .fbe = 0xF, .lbe = 0xF,
                      .addr = 0x1FC0};
  uint32_t dw[4];
  if (kind == 1) { /* a 128-byte read at 0x1FC0 crosses 0x2000 */
    tx_push(m, dw, tlp_encode(&h, dw));
  } else if (kind == 2) { /* a 1-DW write whose last beat says tkeep 0x03 */
    h.fmt = TLP_FMT_3DW_DATA;
    h.length = 1;
    h.lbe = 0;
    h.addr = 0x1000;
    unsigned n = tlp_encode(&h, dw);
    dw[n] = 0;
    if (m->tl_n == 0) m->bad_keep = 1;
    tx_push(m, dw, n + 1);
  }
}

static void reg_write(struct model *m, uint32_t off, uint32_t v) {
  switch (off) {
  case SGPU_ID_SCRATCH_OFFSET: m->scratch = v; break;
  case 0x100: m->addr = (m->addr & ~0xFFFFFFFFull) | v; break;
  case 0x104: m->addr = (m->addr & 0xFFFFFFFFull) | ((uint64_t)v << 32); break;
  case 0x108: m->len = v; break;
  case 0x10C:
    m->status = 1;
    m->checksum = 0;
    m->op_start = m->cycle;
    if (v == 1) {
      m->rd_next = m->addr;
      m->rd_left = m->len;
      m->rd_pending = m->len;
    } else {
      m->wr_next = m->addr;
      m->wr_left = m->len;
    }
    if (!m->len) m->status = 0;
    break;
  case 0x11C: m->seed = v; break;
  case 0x120: msi(m, v); break;
  case 0x124: inject(m, v); break;
  default: break;
  }
}

static void read_done(struct model *m) {
  m->status &= ~1u;
  m->op_cycles = (uint32_t)(m->cycle - m->op_start);
}

/* A completion to one of our DMA reads: checksum its bytes by their offset. */
static void rx_cpl(struct model *m, const struct tlp_hdr *h, const uint32_t *pay) {
  if (h->tag >= TAGS || !m->tag[h->tag].used) return;
  struct fake_tag *t = &m->tag[h->tag];
  if (h->status != TLP_CPL_SC) { /* the whole read fails; later completions are ignored */
    m->status |= 2u;
    m->rd_left = m->rd_pending = 0;
    for (unsigned i = 0; i < TAGS; i++) m->tag[i].used = 0;
    read_done(m);
    return;
  }
  uint64_t a = t->addr + (t->total - tlp_byte_count(h));
  unsigned bytes = tlp_len_dws(h) * 4u - (unsigned)(a & 3u);
  if (bytes > t->left) bytes = t->left;
  for (unsigned i = 0; i < bytes; i++) {
    uint64_t x = (a & 3u) + i;
    uint8_t b[4];
    tlp_wire_bytes(pay[x / 4], b);
    m->checksum += (uint32_t)(b[x % 4] + 1u) * weight(a + i - m->addr);
  }
  t->left -= bytes;
  m->rd_pending -= bytes;
  if (!t->left) t->used = 0;
  if (!m->rd_pending && !m->rd_left) read_done(m);
}

static void rx_tlp(struct model *m) {
  struct tlp_hdr h;
  tlp_decode(m->rbuf, &h);
  const uint32_t *pay = m->rbuf + tlp_hdr_dws(h.fmt);
  enum tlp_kind k = tlp_kind(&h);
  if (k == TLP_K_CPL || k == TLP_K_CPLD) {
    rx_cpl(m, &h, pay);
    return;
  }
  uint32_t off = (uint32_t)h.addr & 0xFFFFu; /* BAR0 is 64 KiB, naturally aligned */
  if (k == TLP_K_MWR) {
    uint8_t b[4];
    tlp_wire_bytes(pay[0], b);
    reg_write(m, off, (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24);
    return;
  }
  if (k != TLP_K_MRD) return;
  struct tlp_hdr c = {.type = TLP_TYPE_CPL, .cpl_id = m->id, .req_id = h.req_id, .tag = h.tag,
                      .byte_count = 4, .lower_addr = (uint8_t)(off & 0x7Cu)};
  uint32_t dw[4];
  if (off >= 0x8000) {
    c.fmt = TLP_FMT_3DW;
    c.status = TLP_CPL_UR;
    tx_push(m, dw, tlp_encode(&c, dw));
    return;
  }
  c.fmt = TLP_FMT_3DW_DATA;
  c.length = 1;
  unsigned n = tlp_encode(&c, dw);
  uint32_t v = reg_read(m, off);
  uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
  dw[n] = tlp_wire_dw(b);
  tx_push(m, dw, n + 1);
}

/* Issues the DMA engines' next request, if there is room. */
static void dma_step(struct model *m) {
  if (m->rd_left) {
    unsigned t = 0;
    while (t < TAGS && m->tag[t].used) t++;
    uint32_t n = m->rd_left < MRRS ? m->rd_left : MRRS;
    uint32_t to4k = 4096u - (uint32_t)(m->rd_next & 0xFFFu);
    if (n > to4k) n = to4k;
    if (t < TAGS && tx_room(m, 4)) {
      struct tlp_hdr h = {.fmt = m->rd_next >> 32 ? TLP_FMT_4DW : TLP_FMT_3DW, .length = (uint16_t)((n / 4) & 0x3FF),
                          .req_id = m->id, .tag = (uint8_t)t, .fbe = 0xF, .lbe = n > 4 ? 0xF : 0,
                          .addr = m->rd_next};
      uint32_t dw[4];
      tx_push(m, dw, tlp_encode(&h, dw));
      m->tag[t].used = 1;
      m->tag[t].addr = m->rd_next;
      m->tag[t].total = m->tag[t].left = n;
      m->rd_next += n;
      m->rd_left -= n;
    }
  }
  if (m->wr_left && tx_room(m, 4 + MPS / 4)) {
    uint32_t n = m->wr_left < MPS ? m->wr_left : MPS;
    uint32_t to4k = 4096u - (uint32_t)(m->wr_next & 0xFFFu);
    if (n > to4k) n = to4k;
    struct tlp_hdr h = {.fmt = m->wr_next >> 32 ? TLP_FMT_4DW_DATA : TLP_FMT_3DW_DATA,
                        .length = (uint16_t)((n / 4) & 0x3FF), .req_id = m->id, .fbe = 0xF,
                        .lbe = n > 4 ? 0xF : 0, .addr = m->wr_next};
    uint32_t dw[4 + MPS / 4];
    unsigned k = tlp_encode(&h, dw);
    for (unsigned i = 0; i < n / 4; i++) {
      uint8_t b[4];
      for (unsigned j = 0; j < 4; j++) b[j] = pattern(m->wr_next + 4 * i + j - m->addr, m->seed);
      dw[k + i] = tlp_wire_dw(b);
    }
    tx_push(m, dw, k + n / 4);
    m->wr_next += n;
    m->wr_left -= n;
    if (!m->wr_left) {
      m->status &= ~1u;
      m->op_cycles = (uint32_t)(m->cycle - m->op_start);
    }
  }
}

uint64_t model_run(struct model *m, struct sim *s, struct dev_io *io, uint64_t n) {
  for (uint64_t i = 0; i < n; i++) {
    const struct dev_in in = io->in; /* held through the rising edge */
    struct dev_out *o = &io->out;
    /* Outputs for this cycle. */
    o->rx_tready = 1;
    o->tx_tuser = 0;
    o->tx_tvalid = m->tl_n && in.rst_n;
    if (o->tx_tvalid) {
      unsigned len = m->tl[m->tl_head], p = m->tx_pos;
      int two = p + 1 < len;
      o->tx_tdata = m->txq[(m->tx_head + p) % TXQ_DWS] |
                    (two ? (uint64_t)m->txq[(m->tx_head + p + 1) % TXQ_DWS] << 32 : 0);
      o->tx_tkeep = two ? 0xFF : 0x0F;
      o->tx_tlast = p + 2 >= len;
      if (o->tx_tlast && m->bad_keep) o->tx_tkeep = 0x03;
    }
    o->console_valid = m->banner && *m->banner;
    if (o->console_valid) o->console_data = (uint8_t)*m->banner;
    o->exit_valid = o->bus_error = o->trap = 0;
    if (sim_cycle(s, io)) return i + 1;
    /* The rising edge. */
    m->cycle++;
    if (o->console_valid) m->banner++;
    if (!in.rst_n) continue;
    if (in.core_rst_n && !m->released) {
      m->released = 1;
      m->released_at = m->cycle;
      m->banner = "fake-fw: running\n";
    }
    if (o->tx_tvalid && in.tx_tready) {
      unsigned len = m->tl[m->tl_head];
      m->tx_pos += 2;
      if (m->tx_pos >= len) {
        m->tx_head = (m->tx_head + len) % TXQ_DWS;
        m->tx_len -= len;
        m->tl_head = (m->tl_head + 1) % TXQ_TLPS;
        m->tl_n--;
        m->tx_pos = 0;
        m->bad_keep = 0;
      }
    }
    if (in.rx_tvalid) {
      m->rbuf[m->rn++] = (uint32_t)in.rx_tdata;
      if (in.rx_tkeep == 0xFF) m->rbuf[m->rn++] = (uint32_t)(in.rx_tdata >> 32);
      if (m->rn > TLP_MAX_DWS) m->rn = 0;
      if (in.rx_tlast) {
        rx_tlp(m);
        m->rn = 0;
      }
    }
    dma_step(m);
  }
  return n;
}
