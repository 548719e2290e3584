/* The root-complex model: the TLP streams of the device's link, cycle by cycle.
 *
 * To the device (its RX stream) go the driver's MMIO requests (a FIFO, in order) and the
 * completions to the device's DMA reads; from the device (its TX stream) come DMA reads and
 * writes, MSI writes and completions to the MMIO reads, each checked before it is used.
 * Posted MMIO writes go before completions, so a completion never passes a write queued
 * before it (PCIe ordering); completions are sent back to back, without idle beats. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "rc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpl.h"
#include "rng.h"

#define NTAGS 256u
#define BAR0_HIT (1u << 2) /* rx_tuser bit 2: the TLP hits BAR0 */
#define MAX_NOTES 8u       /* dropped-write warnings shown per attached memory */

struct hostreq {
  uint8_t write, cancelled;
  uint8_t be;
  uint32_t offset, value;
  uint64_t cookie, queued;
};

/* An MMIO read of the root complex waiting for its completion. */
struct mmio_tag {
  uint8_t used, timed_out;
  uint32_t offset;
  uint64_t cookie, deadline;
};

/* A DMA read of the device being answered. */
struct dma_read {
  uint8_t used, started, ur;
  uint8_t tc, attr, tag;
  uint64_t addr;       /* the request's (DW-aligned) address: data[0] */
  uint32_t len_bytes;  /* length * 4 */
  uint64_t next;       /* address of the next byte to return */
  uint32_t remaining;  /* bytes still to return */
  uint64_t ready;      /* first cycle its data may go */
  uint8_t data[4096];
};

struct rc {
  struct rc_config cfg;
  struct rc_ops ops;
  struct rc_stats st;
  struct rng rng;
  uint64_t now;
  char err[640];

  uint8_t *mem;
  uint64_t mem_base, mem_size;
  unsigned notes;

  /* Driver requests, in order. */
  struct hostreq *hq;
  size_t hq_cap, hq_head, hq_len, hq_writes;
  struct mmio_tag mtag[NTAGS];
  unsigned mtag_next, mmio_out;

  /* Device reads, in arrival order (tags into rd[]). */
  struct dma_read *rd;
  uint8_t rdq[NTAGS];
  unsigned rdq_len;

  /* The TLP going to the device. */
  uint32_t sbuf[TLP_MAX_DWS];
  unsigned s_ndw, s_pos, s_active;
  uint32_t s_tuser;
  unsigned gap;       /* idle cycles before the next TLP (seeded) */
  unsigned tx_stall;  /* cycles of TX not ready left (seeded) */

  /* The TLP coming from the device. */
  uint32_t rbuf[TLP_MAX_DWS + 2];
  unsigned r_n;
};

static int fail(struct rc *rc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(struct rc *rc, const char *fmt, ...) {
  int n = snprintf(rc->err, sizeof rc->err, "malformed TLP from the device (cycle %llu): ",
                   (unsigned long long)rc->now);
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(rc->err + n, sizeof rc->err - (size_t)n, fmt, ap);
  va_end(ap);
  return -1;
}

/* fail() with the broken rule and the TLP's description. */
static int fail_tlp(struct rc *rc, const struct tlp_hdr *h, const char *why) {
  char d[256];
  tlp_describe(h, d, sizeof d);
  return fail(rc, "%s: %s", why, d);
}

static void note(struct rc *rc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(struct rc *rc, const char *fmt, ...) {
  if (!rc->ops.note) return;
  char msg[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  rc->ops.note(rc->ops.ctx, msg);
}

static uint32_t bswap32(uint32_t v) { return __builtin_bswap32(v); }

struct rc *rc_new(const struct rc_config *cfg, const struct rc_ops *ops) {
  struct rc *rc = calloc(1, sizeof *rc);
  if (!rc) return NULL;
  rc->rd = calloc(NTAGS, sizeof *rc->rd);
  rc->hq_cap = 64;
  rc->hq = calloc(rc->hq_cap, sizeof *rc->hq);
  if (!rc->rd || !rc->hq) {
    rc_free(rc);
    return NULL;
  }
  rc->cfg = *cfg;
  if (ops) rc->ops = *ops;
  rng_seed(&rc->rng, cfg->seed);
  return rc;
}

void rc_free(struct rc *rc) {
  if (!rc) return;
  free(rc->rd);
  free(rc->hq);
  free(rc);
}

void rc_set_host_mem(struct rc *rc, uint8_t *base, uint64_t bus_base, uint64_t size) {
  rc->mem = base;
  rc->mem_base = base ? bus_base : 0;
  rc->mem_size = base ? size : 0;
  rc->notes = 0;
}

const char *rc_error(const struct rc *rc) { return rc->err; }
uint64_t rc_now(const struct rc *rc) { return rc->now; }
const struct rc_stats *rc_stats(const struct rc *rc) { return &rc->st; }
unsigned rc_mmio_pending(const struct rc *rc) {
  unsigned n = rc->mmio_out;
  for (size_t i = 0; i < rc->hq_len; i++) {
    const struct hostreq *q = &rc->hq[(rc->hq_head + i) % rc->hq_cap];
    n += !q->write && !q->cancelled;
  }
  return n;
}

void rc_init_io(const struct rc *rc, struct dev_in *in) {
  (void)rc;
  in->rx_tvalid = 0;
  in->rx_tlast = 0;
  in->rx_tkeep = 0;
  in->rx_tdata = 0;
  in->rx_tuser = 0;
  in->tx_tready = 1;
}

/* --- Driver requests. */

static void hq_push(struct rc *rc, const struct hostreq *q) {
  if (rc->hq_len == rc->hq_cap) {
    size_t cap = rc->hq_cap * 2;
    struct hostreq *n = calloc(cap, sizeof *n);
    if (!n) abort(); /* a few bytes per queued request: not worth unwinding */
    for (size_t i = 0; i < rc->hq_len; i++) n[i] = rc->hq[(rc->hq_head + i) % rc->hq_cap];
    free(rc->hq);
    rc->hq = n;
    rc->hq_cap = cap;
    rc->hq_head = 0;
  }
  rc->hq[(rc->hq_head + rc->hq_len) % rc->hq_cap] = *q;
  rc->hq_len++;
  rc->hq_writes += q->write;
}

static void hq_pop(struct rc *rc) {
  rc->hq_writes -= rc->hq[rc->hq_head].write;
  rc->hq_head = (rc->hq_head + 1) % rc->hq_cap;
  rc->hq_len--;
}

void rc_mmio_read(struct rc *rc, uint32_t offset, uint64_t cookie) {
  struct hostreq q = {.write = 0, .offset = offset, .cookie = cookie, .queued = rc->now};
  hq_push(rc, &q);
}

void rc_mmio_write(struct rc *rc, uint32_t offset, uint32_t value, unsigned be) {
  struct hostreq q = {.write = 1, .offset = offset, .value = value, .be = (uint8_t)(be & 0xFu),
                      .queued = rc->now};
  hq_push(rc, &q);
}

static void mmio_done(struct rc *rc, uint64_t cookie, enum rc_mmio_status s, uint32_t v) {
  if (rc->ops.mmio_done) rc->ops.mmio_done(rc->ops.ctx, cookie, s, v);
}

/* Starts the driver request at the head of the queue; 0 if it must wait for a tag. */
static int start_host(struct rc *rc) {
  struct hostreq *q = &rc->hq[rc->hq_head];
  if (q->cancelled) {
    hq_pop(rc);
    return 0;
  }
  struct tlp_hdr h = {0};
  h.type = TLP_TYPE_MEM;
  h.length = 1;
  h.req_id = RC_ID;
  h.addr = (uint64_t)rc->cfg.bar0_base + q->offset;
  if (q->write) {
    h.fmt = TLP_FMT_3DW_DATA;
    h.fbe = q->be;
    tlp_encode(&h, rc->sbuf);
    rc->sbuf[3] = bswap32(q->value); /* wire order: the lowest address's byte first */
    rc->s_ndw = 4;
  } else {
    unsigned t = rc->mtag_next, i;
    for (i = 0; i < NTAGS && rc->mtag[t].used; i++) t = (t + 1) % NTAGS;
    if (i == NTAGS) return 0;
    rc->mtag_next = (t + 1) % NTAGS;
    rc->mtag[t] = (struct mmio_tag){.used = 1, .offset = q->offset, .cookie = q->cookie,
                                    .deadline = q->queued + rc->cfg.mmio_timeout};
    rc->mmio_out++;
    h.fmt = TLP_FMT_3DW;
    h.fbe = 0xF;
    h.tag = (uint8_t)t;
    tlp_encode(&h, rc->sbuf);
    rc->s_ndw = 3;
  }
  rc->s_tuser = BAR0_HIT;
  rc->s_active = 1;
  rc->s_pos = 0;
  rc->st.tlps_to_dev++;
  hq_pop(rc);
  return 1;
}

/* MMIO reads that waited too long, queued or sent: answered ETIMEOUT. A sent one keeps its
 * tag until its completion comes (then dropped as late) so the tag is not reused. */
static void check_timeouts(struct rc *rc) {
  for (size_t i = 0; i < rc->hq_len; i++) {
    struct hostreq *q = &rc->hq[(rc->hq_head + i) % rc->hq_cap];
    if (!q->write && !q->cancelled && rc->now - q->queued > rc->cfg.mmio_timeout) {
      q->cancelled = 1;
      rc->st.mmio_timeouts++;
      mmio_done(rc, q->cookie, RC_MMIO_TIMEOUT, 0);
    }
  }
  if (!rc->mmio_out) return;
  for (unsigned t = 0; t < NTAGS; t++) {
    struct mmio_tag *m = &rc->mtag[t];
    if (m->used && !m->timed_out && rc->now > m->deadline) {
      m->timed_out = 1;
      rc->mmio_out--;
      rc->st.mmio_timeouts++;
      note(rc, "MMIO read of BAR0 0x%x (tag 0x%02x) got no completion in %llu cycles", m->offset,
           t, (unsigned long long)rc->cfg.mmio_timeout);
      mmio_done(rc, m->cookie, RC_MMIO_TIMEOUT, 0);
    }
  }
}

/* --- Completions to the device's reads. */

static int in_mem(const struct rc *rc, uint64_t addr, uint64_t len) {
  return rc->mem && addr >= rc->mem_base && addr - rc->mem_base <= rc->mem_size &&
         len <= rc->mem_size - (addr - rc->mem_base);
}

static void rdq_remove(struct rc *rc, unsigned pos) {
  memmove(&rc->rdq[pos], &rc->rdq[pos + 1], rc->rdq_len - pos - 1);
  rc->rdq_len--;
}

/* Picks the read to answer next: the oldest (seeded: any ready one). -1 if none is ready. */
static int pick_read(struct rc *rc) {
  if (!rc->cfg.seeded) return rc->rd[rc->rdq[0]].ready <= rc->now ? 0 : -1;
  unsigned ready[NTAGS], n = 0;
  for (unsigned i = 0; i < rc->rdq_len; i++)
    if (rc->rd[rc->rdq[i]].ready <= rc->now) ready[n++] = i;
  return n ? (int)ready[rng_below(&rc->rng, n)] : -1;
}

/* Starts the next completion; 0 if no read is ready. */
static int start_cpl(struct rc *rc) {
  int pos = pick_read(rc);
  if (pos < 0) return 0;
  struct dma_read *r = &rc->rd[rc->rdq[pos]];
  if (!r->started) {
    /* The completer reads memory now: the data is what the driver's memory holds when the
     * first completion leaves, and a driver leaving later cannot tear it. */
    r->started = 1;
    if (in_mem(rc, r->addr, r->len_bytes))
      memcpy(r->data, rc->mem + (r->addr - rc->mem_base), r->len_bytes);
    else
      r->ur = 1;
  }
  struct tlp_hdr h = {0};
  h.type = TLP_TYPE_CPL;
  h.tc = r->tc;
  h.attr = r->attr;
  h.cpl_id = RC_ID;
  h.req_id = rc->cfg.rules.dev_id;
  h.tag = r->tag;
  h.byte_count = (uint16_t)(r->remaining & 0xFFFu);
  h.lower_addr = (uint8_t)(r->next & 0x7Fu);
  unsigned n;
  if (r->ur) {
    h.fmt = TLP_FMT_3DW;
    h.status = TLP_CPL_UR;
    n = tlp_encode(&h, rc->sbuf);
    rc->st.ur_reads++;
    r->remaining = 0;
  } else {
    unsigned bytes = cpl_chunk(r->next, r->remaining, rc->cfg.rules.mps, RC_RCB,
                               rc->cfg.seeded ? &rc->rng : NULL);
    unsigned dws = cpl_dws(r->next, bytes);
    h.fmt = TLP_FMT_3DW_DATA;
    h.length = (uint16_t)(dws & 0x3FFu);
    n = tlp_encode(&h, rc->sbuf);
    const uint8_t *p = r->data + ((r->next & ~3ull) - r->addr);
    for (unsigned i = 0; i < dws; i++) rc->sbuf[n + i] = tlp_wire_dw(p + 4 * i);
    n += dws;
    r->next += bytes;
    r->remaining -= bytes;
    rc->st.dma_read_bytes += bytes;
  }
  if (r->remaining == 0) {
    r->used = 0;
    rdq_remove(rc, (unsigned)pos);
  }
  rc->s_ndw = n;
  rc->s_pos = 0;
  rc->s_tuser = 0;
  rc->s_active = 1;
  rc->st.tlps_to_dev++;
  return 1;
}

/* The next TLP to the device: driver requests first, but seeded runs may let a completion
 * pass a queued read (never a posted write). */
static void start_next(struct rc *rc) {
  if (rc->gap) {
    rc->gap--;
    return;
  }
  if (rc->hq_len) {
    int cpl_first = rc->cfg.seeded && rc->rdq_len && !rc->hq_writes && rng_one_in(&rc->rng, 2);
    if (cpl_first && start_cpl(rc)) goto started;
    if (start_host(rc)) goto started;
  }
  if (rc->rdq_len && start_cpl(rc)) goto started;
  return;
started:
  if (rc->cfg.seeded && rng_one_in(&rc->rng, 4)) rc->gap = rng_below(&rc->rng, 4);
}

/* --- TLPs from the device. */

/* Does a read of [addr, addr + len) touch a --drop-completions range? */
static int dropped(const struct rc *rc, uint64_t addr, uint64_t len) {
  for (unsigned i = 0; i < rc->cfg.ndrop; i++)
    if (addr < rc->cfg.drop[i].base + rc->cfg.drop[i].bytes && rc->cfg.drop[i].base < addr + len)
      return 1;
  return 0;
}

static int rx_mrd(struct rc *rc, const struct tlp_hdr *h) {
  struct dma_read *r = &rc->rd[h->tag];
  if (r->used) return fail_tlp(rc, h, "tag already in use by an outstanding read");
  unsigned len = tlp_len_dws(h);
  if (rc->cfg.ndrop && dropped(rc, h->addr, len * 4ull)) {
    /* As a hung completer: no completion, and the tag is not remembered, so the device
     * may use it again once it has given the read up. */
    if (rc->st.dropped_reads++ == 0)
      note(rc, "fault injection: DMA read of 0x%llx (%u bytes, tag 0x%02x) gets no completion",
           (unsigned long long)h->addr, len * 4u, h->tag);
    return 0;
  }
  r->used = 1;
  r->started = 0;
  r->ur = 0;
  r->tc = h->tc;
  r->attr = h->attr;
  r->tag = h->tag;
  r->addr = h->addr;
  r->len_bytes = len * 4u;
  r->next = h->addr + tlp_first_byte(h->fbe);
  r->remaining = tlp_req_bytes(len, h->fbe, h->lbe);
  uint64_t lat = rc->cfg.cpl_latency;
  if (rc->cfg.seeded) lat += rng_one_in(&rc->rng, 4) ? rng_below(&rc->rng, 2000) : rng_below(&rc->rng, 200);
  /* Started at cycle ready, the first beat is on the stream the cycle after. */
  r->ready = rc->now + (lat ? lat - 1 : 0);
  rc->rdq[rc->rdq_len++] = h->tag;
  return 0;
}

static int rx_msi(struct rc *rc, const struct tlp_hdr *h, const uint32_t *payload) {
  if (tlp_len_dws(h) != 1) return fail_tlp(rc, h, "MSI write longer than 1 DW");
  if ((h->fbe & 3u) != 3u) return fail_tlp(rc, h, "MSI write without byte enables for the message data");
  uint8_t b[4];
  tlp_wire_bytes(payload[0], b);
  unsigned data = b[0] | (b[1] << 8);
  unsigned upper = (h->fbe & 4u ? b[2] : 0u) | (h->fbe & 8u ? b[3] : 0u);
  unsigned vec = data - rc->cfg.msi_data;
  if (upper || data < rc->cfg.msi_data || vec >= rc->cfg.msi_vectors) {
    char why[96];
    snprintf(why, sizeof why, "MSI data 0x%04x%04x is not 0x%04x + a vector below %u",
             (b[3] << 8) | b[2], data, rc->cfg.msi_data, rc->cfg.msi_vectors);
    return fail_tlp(rc, h, why);
  }
  rc->st.irqs++;
  if (rc->ops.irq) rc->ops.irq(rc->ops.ctx, vec);
  return 0;
}

static int rx_mwr(struct rc *rc, const struct tlp_hdr *h, const uint32_t *payload) {
  if (h->addr == rc->cfg.msi_addr) return rx_msi(rc, h, payload);
  unsigned len = tlp_len_dws(h);
  if (!in_mem(rc, h->addr, (uint64_t)len * 4u)) {
    rc->st.dropped_writes++;
    if (rc->notes < MAX_NOTES) {
      rc->notes++;
      note(rc, "DMA write of %u DWs to 0x%llx is outside host memory: dropped%s", len,
           (unsigned long long)h->addr, rc->notes == MAX_NOTES ? " (further ones not shown)" : "");
    }
    return 0;
  }
  uint8_t *p = rc->mem + (h->addr - rc->mem_base);
  for (unsigned i = 0; i < len; i++) {
    unsigned be = i == 0 ? h->fbe : i == len - 1 ? h->lbe : 0xFu;
    unsigned be_next = i + 1 == len - 1 ? h->lbe : 0xFu;
    uint8_t b[8];
    tlp_wire_bytes(payload[i], b);
    if (be == 0xFu && i + 1 < len && be_next == 0xFu && ((uintptr_t)(p + 4 * i) & 7u) == 0) {
      /* A whole aligned qword in one store, as a root complex writes a cache line: a driver
       * reading a 64-bit fence meanwhile never sees one half new and the other old. */
      uint64_t q;
      tlp_wire_bytes(payload[i + 1], b + 4);
      memcpy(&q, b, 8);
      __atomic_store_n((uint64_t *)(void *)(p + 4 * i), q, __ATOMIC_RELAXED);
      i++;
    } else if (be == 0xFu) {
      memcpy(p + 4 * i, b, 4);
    } else {
      for (unsigned k = 0; k < 4; k++)
        if (be & (1u << k)) p[4 * i + k] = b[k];
    }
  }
  rc->st.dma_write_bytes += tlp_req_bytes(len, h->fbe, h->lbe);
  return 0;
}

/* A completion to one of the root complex's MMIO reads (1 DW, byte enables 1111). */
static int rx_cpl(struct rc *rc, const struct tlp_hdr *h, const uint32_t *payload) {
  char why[160];
  if (h->req_id != RC_ID) {
    snprintf(why, sizeof why, "requester ID %02x:%02x.%x is not the root complex's (00:00.0)",
             h->req_id >> 8, (h->req_id >> 3) & 0x1Fu, h->req_id & 7u);
    return fail_tlp(rc, h, why);
  }
  struct mmio_tag *m = &rc->mtag[h->tag];
  if (!m->used) return fail_tlp(rc, h, "no read of the root complex is outstanding with this tag");
  if (m->timed_out) {
    m->used = 0;
    rc->st.late_cpls++;
    note(rc, "completion for BAR0 0x%x (tag 0x%02x) came after its timeout: dropped", m->offset,
         h->tag);
    return 0;
  }
  if (h->status == TLP_CPL_CRS) return fail_tlp(rc, h, "CRS status answers configuration requests only");
  if (h->status == TLP_CPL_SC) {
    if (!tlp_has_data(h->fmt)) return fail_tlp(rc, h, "a memory read completed successfully without data");
    if (tlp_len_dws(h) != 1) return fail_tlp(rc, h, "completion length is not 1 DW, the read's length");
    if (tlp_byte_count(h) != 4) return fail_tlp(rc, h, "byte count is not 4, the bytes the read asked for");
    if (h->lower_addr != (m->offset & 0x7Cu)) {
      snprintf(why, sizeof why, "lower address is not 0x%02x, the read's address bits [6:0]",
               m->offset & 0x7Cu);
      return fail_tlp(rc, h, why);
    }
  }
  m->used = 0;
  rc->mmio_out--;
  if (h->status == TLP_CPL_SC)
    mmio_done(rc, m->cookie, RC_MMIO_OK, bswap32(payload[0]));
  else
    mmio_done(rc, m->cookie, h->status == TLP_CPL_UR ? RC_MMIO_UR : RC_MMIO_CA, 0);
  return 0;
}

static int rx_tlp(struct rc *rc, const uint32_t *dw, unsigned n) {
  struct tlp_hdr h;
  if (n < 3) return fail(rc, "a TLP of %u DW ended before its header", n);
  tlp_decode(dw, &h);
  if (tlp_hdr_dws(h.fmt) == 4 && n < 4) return fail(rc, "a TLP of 3 DWs ended before its 4-DW header");
  char why[200];
  if (tlp_check(&rc->cfg.rules, &h, n, why, sizeof why)) return fail_tlp(rc, &h, why);
  rc->st.tlps_from_dev++;
  const uint32_t *payload = dw + tlp_hdr_dws(h.fmt);
  switch (tlp_kind(&h)) {
  case TLP_K_MRD: return rx_mrd(rc, &h);
  case TLP_K_MWR: return rx_mwr(rc, &h, payload);
  default: return rx_cpl(rc, &h, payload);
  }
}

static int rx_beat(struct rc *rc, const struct dev_out *o) {
  unsigned keep = o->tx_tkeep;
  if (o->tx_tuser) return fail(rc, "tx_tuser is 0x%x, must be 0 (no streaming, ECRC or poisoning)", o->tx_tuser);
  if (keep != 0xFFu && (!o->tx_tlast || keep != 0x0Fu)) {
    if (o->tx_tlast) return fail(rc, "tkeep 0x%02x on a last beat (0xff or 0x0f)", keep);
    return fail(rc, "tkeep 0x%02x on a beat before the last (must be 0xff)", keep);
  }
  if (rc->r_n + 2 > TLP_MAX_DWS + 2) {
    rc->r_n = 0;
    return fail(rc, "no tlast after %u DWs (a TLP is at most %u)", TLP_MAX_DWS + 2, TLP_MAX_DWS);
  }
  rc->rbuf[rc->r_n++] = (uint32_t)o->tx_tdata;
  if (keep == 0xFFu) rc->rbuf[rc->r_n++] = (uint32_t)(o->tx_tdata >> 32);
  if (!o->tx_tlast) return 0;
  unsigned n = rc->r_n;
  rc->r_n = 0;
  return rx_tlp(rc, rc->rbuf, n);
}

/* --- The cycle. */

int rc_cycle(struct rc *rc, struct dev_io *io) {
  struct dev_in *in = &io->in;
  const struct dev_out *out = &io->out;
  rc->now++;
  if (out->tx_tvalid && in->tx_tready && rx_beat(rc, out)) return -1;
  if (in->rx_tvalid && out->rx_tready) {
    rc->s_pos += 2;
    if (rc->s_pos >= rc->s_ndw) rc->s_active = 0;
  }
  if (!rc->s_active && (rc->hq_len | rc->rdq_len | rc->gap)) start_next(rc);
  if (rc->s_active) {
    unsigned p = rc->s_pos;
    int two = p + 1 < rc->s_ndw;
    in->rx_tdata = rc->sbuf[p] | (two ? (uint64_t)rc->sbuf[p + 1] << 32 : 0);
    in->rx_tkeep = two ? 0xFF : 0x0F;
    in->rx_tlast = p + 2 >= rc->s_ndw;
    in->rx_tuser = rc->s_tuser;
    in->rx_tvalid = 1;
  } else {
    in->rx_tvalid = 0;
    in->rx_tlast = 0;
  }
  if (rc->cfg.seeded) {
    if (rc->tx_stall) {
      rc->tx_stall--;
    } else if (rng_one_in(&rc->rng, 16)) {
      rc->tx_stall = rng_below(&rc->rng, 8);
    }
    in->tx_tready = rc->tx_stall == 0;
  }
  if ((rc->now & 1023u) == 0 && (rc->mmio_out || rc->hq_len)) check_timeouts(rc);
  return 0;
}
