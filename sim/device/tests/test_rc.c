/* test_rc.c: the root-complex model cycle by cycle, against a scripted device: MMIO
 * requests and their completions, DMA reads (splitting, latency, back-to-back beats,
 * throughput, seeded variation), DMA writes, MSI, and the malformed-TLP stops. */
/* SPDX-License-Identifier: Apache-2.0 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cpl.h"
#include "rc.h"
#include "rng.h"

#define DEV TLP_BDF(1, 0, 0)
#define BAR0 0xF0000000u
#define MEM_BASE 0x40000000ull
#define MEM_SIZE (256u << 10)
#define MAXT 512

/* A TLP the root complex sent, with the cycles of its first and last beats. */
struct got {
  uint32_t dw[TLP_MAX_DWS];
  unsigned n;
  uint32_t tuser;
  uint64_t first, last;
};

struct fx {
  struct rc *rc;
  struct dev_io io;
  uint8_t *mem;
  /* Callbacks. */
  unsigned done_n, irq_n, notes;
  uint64_t cookie;
  enum rc_mmio_status st;
  uint32_t value;
  unsigned vector;
  /* Captured TLPs to the device. */
  struct got *got;
  unsigned ngot, cur_n, reading;
  uint32_t cur[TLP_MAX_DWS];
  uint64_t cur_first;
  /* TLPs the device sends, one after another. */
  uint32_t tx[64][TLP_MAX_DWS];
  unsigned tx_n[64], tx_head, tx_count, tx_pos;
  uint8_t bad_keep, tuser;
  int rx_ready_off; /* the device holds rx_tready low */
};

static void on_done(void *ctx, uint64_t cookie, enum rc_mmio_status st, uint32_t v) {
  struct fx *f = ctx;
  f->done_n++;
  f->cookie = cookie;
  f->st = st;
  f->value = v;
}
static void on_irq(void *ctx, unsigned v) {
  struct fx *f = ctx;
  f->irq_n++;
  f->vector = v;
}
static void on_note(void *ctx, const char *msg) {
  (void)msg;
  ((struct fx *)ctx)->notes++;
}

/* A --drop-completions range for the next fx_new (bytes 0: none). */
static uint64_t next_drop_base, next_drop_bytes;

static struct fx *fx_new(int seeded, uint64_t seed, uint64_t timeout) {
  struct fx *f = calloc(1, sizeof *f);
  f->got = calloc(MAXT, sizeof *f->got);
  f->mem = malloc(MEM_SIZE);
  for (unsigned i = 0; i < MEM_SIZE; i++) f->mem[i] = (uint8_t)(i * 7 + (i >> 8));
  struct rc_config c = {.rules = {.dev_id = DEV, .mps = 256, .mrrs = 512},
                        .bar0_base = BAR0, .bar0_size = 1u << 16, .msi_addr = 0xFEE00000u,
                        .msi_data = 0x4000, .msi_vectors = 8, .cpl_latency = RC_CPL_LATENCY,
                        .mmio_timeout = timeout ? timeout : RC_MMIO_TIMEOUT_CYCLES,
                        .seeded = seeded, .seed = seed};
  if (next_drop_bytes) {
    c.drop[0].base = next_drop_base;
    c.drop[0].bytes = next_drop_bytes;
    c.ndrop = 1;
    next_drop_bytes = 0;
  }
  struct rc_ops ops = {.ctx = f, .mmio_done = on_done, .irq = on_irq, .note = on_note};
  f->rc = rc_new(&c, &ops);
  rc_init_io(f->rc, &f->io.in);
  rc_set_host_mem(f->rc, f->mem, MEM_BASE, MEM_SIZE);
  return f;
}

static void fx_free(struct fx *f) {
  rc_free(f->rc);
  free(f->got);
  free(f->mem);
  free(f);
}

/* Queues a TLP from the device: header h and payload DWs. */
static void dev_send(struct fx *f, const struct tlp_hdr *h, const uint32_t *pay) {
  unsigned k = (f->tx_head + f->tx_count++) % 64;
  unsigned n = tlp_encode(h, f->tx[k]);
  unsigned p = tlp_payload_dws(h);
  if (pay) memcpy(f->tx[k] + n, pay, p * 4);
  f->tx_n[k] = n + p;
}

/* One cycle: device outputs, the root complex, then the clock edge. Returns rc_cycle's. */
static int step(struct fx *f) {
  const struct dev_in in = f->io.in;
  struct dev_out *o = &f->io.out;
  o->rx_tready = !f->rx_ready_off;
  o->tx_tvalid = f->tx_count > 0;
  o->tx_tuser = f->tuser;
  if (o->tx_tvalid) {
    unsigned k = f->tx_head, p = f->tx_pos, n = f->tx_n[k];
    int two = p + 1 < n;
    o->tx_tdata = f->tx[k][p] | (two ? (uint64_t)f->tx[k][p + 1] << 32 : 0);
    o->tx_tkeep = two ? 0xFF : 0x0F;
    o->tx_tlast = p + 2 >= n;
    if (f->bad_keep && !o->tx_tlast) o->tx_tkeep = 0x0F;
  }
  int r = rc_cycle(f->rc, &f->io);
  uint64_t now = rc_now(f->rc);
  if (o->tx_tvalid && in.tx_tready) {
    f->tx_pos += 2;
    if (f->tx_pos >= f->tx_n[f->tx_head]) {
      f->tx_head = (f->tx_head + 1) % 64;
      f->tx_count--;
      f->tx_pos = 0;
    }
  }
  if (in.rx_tvalid && o->rx_tready) {
    if (!f->reading) {
      f->reading = 1;
      f->cur_first = now;
      f->cur_n = 0;
    }
    f->cur[f->cur_n++] = (uint32_t)in.rx_tdata;
    if (in.rx_tkeep == 0xFF) f->cur[f->cur_n++] = (uint32_t)(in.rx_tdata >> 32);
    else assert_int_equal(in.rx_tkeep, 0x0F);
    if (in.rx_tlast) {
      assert_true(f->ngot < MAXT);
      struct got *g = &f->got[f->ngot++];
      memcpy(g->dw, f->cur, f->cur_n * 4);
      g->n = f->cur_n;
      g->tuser = in.rx_tuser;
      g->first = f->cur_first;
      g->last = now;
      f->reading = 0;
    }
  }
  return r;
}

static void run(struct fx *f, unsigned cycles) {
  for (unsigned i = 0; i < cycles; i++)
    if (step(f)) fail_msg("unexpected error: %s", rc_error(f->rc));
}

/* Runs until the root complex stops the run; fails if it does not within cycles. */
static void run_to_error(struct fx *f, unsigned cycles, const char *want) {
  for (unsigned i = 0; i < cycles; i++) {
    if (step(f)) {
      const char *e = rc_error(f->rc);
      if (strncmp(e, "malformed TLP from the device (cycle ", 37) != 0 || !strstr(e, want))
        fail_msg("expected '%s' in '%s'", want, e);
      return;
    }
  }
  fail_msg("no error after %u cycles (expected '%s')", cycles, want);
}

static struct tlp_hdr hdr(const struct got *g) {
  struct tlp_hdr h;
  tlp_decode(g->dw, &h);
  return h;
}

static struct tlp_hdr dev_mrd(uint64_t addr, unsigned len, uint8_t tag) {
  return (struct tlp_hdr){.fmt = addr >> 32 ? TLP_FMT_4DW : TLP_FMT_3DW, .type = TLP_TYPE_MEM,
                          .length = (uint16_t)(len & 0x3FF), .req_id = DEV, .tag = tag, .fbe = 0xF,
                          .lbe = len > 1 ? 0xF : 0, .addr = addr};
}

static void dev_cpld(struct fx *f, const struct tlp_hdr *req, uint32_t value) {
  struct tlp_hdr c = {.fmt = TLP_FMT_3DW_DATA, .type = TLP_TYPE_CPL, .length = 1, .cpl_id = DEV,
                      .byte_count = 4, .req_id = req->req_id, .tag = req->tag,
                      .lower_addr = (uint8_t)(req->addr & 0x7Cu)};
  uint32_t d = __builtin_bswap32(value);
  dev_send(f, &c, &d);
}

/* --- MMIO. */

static void test_mmio_read(void **state) {
  (void)state;
  struct fx *f = fx_new(0, 0, 0);
  rc_mmio_read(f->rc, 0x10, 77);
  run(f, 4);
  assert_int_equal(f->ngot, 1);
  struct tlp_hdr h = hdr(&f->got[0]);
  assert_string_equal(tlp_kind_name(&h), "MRd");
  assert_int_equal(f->got[0].n, 3);
  assert_int_equal(tlp_hdr_dws(h.fmt), 3);
  assert_int_equal(h.length, 1);
  assert_int_equal(h.req_id, 0);
  assert_int_equal(h.fbe, 0xF);
  assert_int_equal(h.lbe, 0);
  assert_int_equal(h.addr, BAR0 + 0x10);
  assert_int_equal(f->got[0].tuser, 1u << 2); /* BAR0 hit */
  assert_int_equal(rc_mmio_pending(f->rc), 1);
  dev_cpld(f, &h, 0x53475055);
  run(f, 4);
  assert_int_equal(f->done_n, 1);
  assert_int_equal(f->cookie, 77);
  assert_int_equal(f->st, RC_MMIO_OK);
  assert_int_equal(f->value, 0x53475055);
  assert_int_equal(rc_mmio_pending(f->rc), 0);
  fx_free(f);
}

static void test_mmio_write_then_read(void **state) {
  (void)state;
  struct fx *f = fx_new(0, 0, 0);
  rc_mmio_write(f->rc, 0x0C, 0x11223344, 0x3);
  rc_mmio_read(f->rc, 0x0C, 1);
  run(f, 8);
  assert_int_equal(f->ngot, 2);
  struct tlp_hdr w = hdr(&f->got[0]), r = hdr(&f->got[1]);
  assert_string_equal(tlp_kind_name(&w), "MWr");
  assert_int_equal(f->got[0].n, 4);
  assert_int_equal(w.fbe, 0x3);
  assert_int_equal(w.addr, BAR0 + 0x0C);
  /* Wire order: the byte at the lowest address (0x44) first. */
  assert_int_equal(f->got[0].dw[3], 0x44332211u);
  assert_string_equal(tlp_kind_name(&r), "MRd");
  /* Back to back: the read's first beat right after the write's last. */
  assert_int_equal(f->got[1].first, f->got[0].last + 1);
  fx_free(f);
}

static void test_mmio_ur_and_ca(void **state) {
  (void)state;
  struct fx *f = fx_new(0, 0, 0);
  rc_mmio_read(f->rc, 0x8000, 5);
  run(f, 4);
  struct tlp_hdr h = hdr(&f->got[0]);
  struct tlp_hdr c = {.fmt = TLP_FMT_3DW, .type = TLP_TYPE_CPL, .cpl_id = DEV,
                      .status = TLP_CPL_UR, .byte_count = 4, .req_id = 0, .tag = h.tag};
  dev_send(f, &c, NULL);
  run(f, 4);
  assert_int_equal(f->done_n, 1);
  assert_int_equal(f->st, RC_MMIO_UR);
  rc_mmio_read(f->rc, 0x8000, 6);
  run(f, 4);
  h = hdr(&f->got[1]);
  c.tag = h.tag;
  c.status = TLP_CPL_CA;
  dev_send(f, &c, NULL);
  run(f, 4);
  assert_int_equal(f->st, RC_MMIO_CA);
  fx_free(f);
}

static void test_mmio_timeout_and_late_completion(void **state) {
  (void)state;
  struct fx *f = fx_new(0, 0, 1500);
  rc_mmio_read(f->rc, 0x10, 9);
  run(f, 4096);
  assert_int_equal(f->done_n, 1);
  assert_int_equal(f->st, RC_MMIO_TIMEOUT);
  assert_int_equal(rc_stats(f->rc)->mmio_timeouts, 1);
  /* The late completion is dropped, not an error; the tag is then free again. */
  struct tlp_hdr h = hdr(&f->got[0]);
  dev_cpld(f, &h, 1);
  run(f, 8);
  assert_int_equal(f->done_n, 1);
  assert_int_equal(rc_stats(f->rc)->late_cpls, 1);
  assert_true(f->notes >= 2);
  /* A read that cannot even be sent (rx_tready held low) times out too. */
  f->rx_ready_off = 1;
  rc_mmio_read(f->rc, 0x10, 10);
  rc_mmio_read(f->rc, 0x14, 11);
  run(f, 4096);
  assert_int_equal(f->done_n, 3);
  assert_int_equal(f->st, RC_MMIO_TIMEOUT);
  fx_free(f);
}

/* --- DMA reads. */

static void check_cpld(const struct fx *f, const struct got *g, uint64_t addr, unsigned bytes,
                       unsigned bc, uint8_t tag) {
  struct tlp_hdr h = hdr(g);
  assert_string_equal(tlp_kind_name(&h), "CplD");
  assert_int_equal(h.cpl_id, 0);
  assert_int_equal(h.req_id, DEV);
  assert_int_equal(h.tag, tag);
  assert_int_equal(h.status, TLP_CPL_SC);
  assert_int_equal(tlp_byte_count(&h), bc);
  assert_int_equal(h.lower_addr, addr & 0x7F);
  assert_int_equal(h.length, cpl_dws(addr, bytes));
  assert_int_equal(g->n, 3 + h.length);
  assert_int_equal(g->tuser, 0);
  const uint8_t *m = f->mem + ((addr & ~3ull) - MEM_BASE);
  for (unsigned i = 0; i < h.length; i++) assert_int_equal(g->dw[3 + i], tlp_wire_dw(m + 4 * i));
}

static void test_dma_read_split_and_latency(void **state) {
  (void)state;
  struct fx *f = fx_new(0, 0, 0);
  struct tlp_hdr r = dev_mrd(MEM_BASE + 0x140, 128, 2);
  dev_send(f, &r, NULL);
  run(f, 2); /* the 2 beats of the MRd; the last at cycle 2 */
  uint64_t mrd_last = rc_now(f->rc);
  run(f, 200);
  assert_int_equal(f->ngot, 2);
  check_cpld(f, &f->got[0], MEM_BASE + 0x140, 256, 512, 2);
  check_cpld(f, &f->got[1], MEM_BASE + 0x240, 256, 256, 2);
  /* Latency as documented, then the two completions back to back: 34 beats each. */
  assert_int_equal(f->got[0].first - mrd_last, RC_CPL_LATENCY);
  assert_int_equal(f->got[1].first, f->got[0].last + 1);
  assert_int_equal(f->got[0].last - f->got[0].first + 1, 34);
  assert_int_equal(rc_stats(f->rc)->dma_read_bytes, 512);
  fx_free(f);
}

static void test_dma_read_byte_enables(void **state) {
  (void)state;
  struct fx *f = fx_new(0, 0, 0);
  struct tlp_hdr r = dev_mrd(MEM_BASE + 0x1000, 3, 4);
  r.fbe = 0xC; /* bytes 2..3 of the first DW, 0..1 of the last: 2 + 4 + 2 bytes */
  r.lbe = 0x3;
  dev_send(f, &r, NULL);
  run(f, 100);
  assert_int_equal(f->ngot, 1);
  check_cpld(f, &f->got[0], MEM_BASE + 0x1002, 8, 8, 4);
  fx_free(f);
}

static void test_dma_read_unsupported(void **state) {
  (void)state;
  struct fx *f = fx_new(0, 0, 0);
  struct tlp_hdr r = dev_mrd(MEM_BASE + MEM_SIZE, 64, 1); /* just past the end */
  dev_send(f, &r, NULL);
  r = dev_mrd(0x100000000ull, 2, 2);
  dev_send(f, &r, NULL);
  run(f, 100);
  assert_int_equal(f->ngot, 2);
  for (unsigned i = 0; i < 2; i++) {
    struct tlp_hdr h = hdr(&f->got[i]);
    assert_string_equal(tlp_kind_name(&h), "Cpl");
    assert_int_equal(h.status, TLP_CPL_UR);
    assert_int_equal(h.tag, i + 1);
    assert_int_equal(f->got[i].n, 3);
  }
  /* With no memory attached every read gets UR. */
  rc_set_host_mem(f->rc, NULL, 0, 0);
  r = dev_mrd(MEM_BASE, 1, 3);
  dev_send(f, &r, NULL);
  run(f, 100);
  assert_int_equal(f->ngot, 3);
  assert_int_equal(hdr(&f->got[2]).status, TLP_CPL_UR);
  assert_int_equal(rc_stats(f->rc)->ur_reads, 3);
  fx_free(f);
}

/* Fault injection: reads touching the dropped range get no completion at all (their tags
 * may be used again), reads next to it are answered. */
static void test_dma_read_dropped(void **state) {
  (void)state;
  next_drop_base = MEM_BASE + 0x1000;
  next_drop_bytes = 0x100;
  struct fx *f = fx_new(0, 0, 0);
  struct tlp_hdr r = dev_mrd(MEM_BASE + 0x1000, 4, 1);   /* inside */
  dev_send(f, &r, NULL);
  r = dev_mrd(MEM_BASE + 0x10F8, 2, 2);                  /* its last 8 bytes */
  dev_send(f, &r, NULL);
  r = dev_mrd(MEM_BASE + 0x1100, 2, 3);                  /* just after */
  dev_send(f, &r, NULL);
  r = dev_mrd(MEM_BASE + 0xFF8, 2, 4);                   /* just before */
  dev_send(f, &r, NULL);
  run(f, 1000);
  assert_int_equal(f->ngot, 2);
  assert_int_equal(hdr(&f->got[0]).tag, 3);
  assert_int_equal(hdr(&f->got[1]).tag, 4);
  assert_int_equal(hdr(&f->got[0]).status, TLP_CPL_SC);
  assert_int_equal(rc_stats(f->rc)->dropped_reads, 2);
  /* Tag 1 again, elsewhere: answered, not "tag already in use". */
  r = dev_mrd(MEM_BASE + 0x2000, 2, 1);
  dev_send(f, &r, NULL);
  run(f, 1000);
  assert_int_equal(f->ngot, 3);
  assert_int_equal(hdr(&f->got[2]).tag, 1);
  assert_int_equal(rc_stats(f->rc)->dropped_reads, 2);
  fx_free(f);
}

/* The device keeps 8 reads of 512 bytes outstanding: the root complex must deliver at
 * least 6.8 bytes per cycle (completions back to back, no idle beats). */
static void test_dma_read_throughput(void **state) {
  (void)state;
  struct fx *f = fx_new(0, 0, 0);
  const unsigned total = 128u << 10;
  unsigned issued = 0, done = 0;
  unsigned left[8] = {0};
  uint64_t start = 0, end = 0;
  unsigned seen = 0;
  while (done < total) {
    for (uint8_t t = 0; t < 8 && issued < total; t++) {
      if (left[t]) continue;
      struct tlp_hdr r = dev_mrd(MEM_BASE + issued, 128, t);
      dev_send(f, &r, NULL);
      left[t] = 512;
      issued += 512;
    }
    run(f, 1);
    if (!start) start = rc_now(f->rc);
    for (; seen < f->ngot; seen++) {
      struct tlp_hdr h = hdr(&f->got[seen]);
      unsigned b = h.length * 4u;
      left[h.tag] -= b;
      done += b;
      end = f->got[seen].last;
    }
    if (f->ngot >= MAXT - 16) { /* recycle the capture array */
      f->ngot = 0;
      seen = 0;
    }
    assert_true(rc_now(f->rc) < 10 * (uint64_t)total);
  }
  double rate = (double)total / (double)(end - start + 1);
  print_message("DMA read: %u bytes in %llu cycles: %.2f bytes/cycle\n", total,
                (unsigned long long)(end - start + 1), rate);
  assert_true(rate >= 6.8);
  fx_free(f);
}

/* Seeded: random reads, several outstanding; every completion is legal and correct, the
 * data of each read comes in address order, and the variations do happen. */
static void test_dma_read_seeded(void **state) {
  (void)state;
  struct fx *f = fx_new(1, 1234, 0);
  struct rng rng;
  rng_seed(&rng, 99);
  struct { uint64_t next; unsigned left; int busy; } rd[8] = {{0}};
  unsigned reads = 0, finished = 0, seen = 0, small = 0, reordered = 0;
  int last_tag = -1;
  while (finished < 300) {
    for (uint8_t t = 0; t < 8 && reads < 300; t++) {
      if (rd[t].busy || rng_one_in(&rng, 3)) continue;
      unsigned len = 1 + rng_below(&rng, 128);
      uint64_t a = MEM_BASE + 4u * rng_below(&rng, (MEM_SIZE - 4096) / 4);
      if ((a & 0xFFF) + len * 4 > 4096) a &= ~0xFFFull;
      struct tlp_hdr r = dev_mrd(a, len, t);
      dev_send(f, &r, NULL);
      rd[t].busy = 1;
      rd[t].next = a;
      rd[t].left = len * 4;
      reads++;
    }
    run(f, 1);
    for (; seen < f->ngot; seen++) {
      const struct got *g = &f->got[seen];
      struct tlp_hdr h = hdr(g);
      assert_true(h.tag < 8 && rd[h.tag].busy);
      unsigned bytes = h.length * 4u;
      if (bytes > rd[h.tag].left) bytes = rd[h.tag].left;
      check_cpld(f, g, rd[h.tag].next, bytes, rd[h.tag].left, h.tag);
      assert_true(h.length * 4u <= 256);
      rd[h.tag].left -= bytes;
      rd[h.tag].next += bytes;
      if (rd[h.tag].left) {
        assert_int_equal(rd[h.tag].next % 64, 0); /* split on the RCB */
        small += bytes < 256 && (rd[h.tag].next - bytes) % 64 == 0;
      } else {
        rd[h.tag].busy = 0;
        finished++;
      }
      if (last_tag >= 0 && h.tag != last_tag && rd[last_tag].busy) reordered++;
      last_tag = h.tag;
    }
    if (f->ngot >= MAXT - 16) {
      f->ngot = 0;
      seen = 0;
    }
  }
  print_message("seeded: %u RCB-sized splits, %u interleavings\n", small, reordered);
  assert_true(small > 10);
  assert_true(reordered > 10);
  fx_free(f);
}

/* --- DMA writes and MSI. */

static void test_dma_write(void **state) {
  (void)state;
  struct fx *f = fx_new(0, 0, 0);
  struct tlp_hdr w = dev_mrd(MEM_BASE + 0x2000, 3, 0);
  w.fmt = TLP_FMT_3DW_DATA;
  w.fbe = 0xE;
  w.lbe = 0x3;
  const uint8_t bytes[12] = {0xA0, 0xA1, 0xA2, 0xA3, 0xB0, 0xB1, 0xB2, 0xB3, 0xC0, 0xC1, 0xC2, 0xC3};
  uint32_t pay[3] = {tlp_wire_dw(bytes), tlp_wire_dw(bytes + 4), tlp_wire_dw(bytes + 8)};
  uint8_t before[12];
  memcpy(before, f->mem + 0x2000, 12);
  dev_send(f, &w, pay);
  run(f, 4);
  const uint8_t *m = f->mem + 0x2000;
  assert_int_equal(m[0], before[0]); /* first BE 1110: byte 0 untouched */
  assert_memory_equal(m + 1, bytes + 1, 9);
  assert_int_equal(m[10], before[10]); /* last BE 0011 */
  assert_int_equal(m[11], before[11]);
  assert_int_equal(rc_stats(f->rc)->dma_write_bytes, 9);
  /* Outside host memory: dropped and counted. */
  w = dev_mrd(0x100000000ull, 1, 0);
  w.fmt = TLP_FMT_4DW_DATA;
  dev_send(f, &w, pay);
  run(f, 4);
  assert_int_equal(rc_stats(f->rc)->dropped_writes, 1);
  assert_int_equal(f->notes, 1);
  fx_free(f);
}

/* The engines' partial writes (docs/pcie.md): 1 DW with first BE only, and 2 DWs with both
 * BEs partial; only the enabled bytes change. */
static void test_dma_partial_writes(void **state) {
  (void)state;
  struct fx *f = fx_new(0, 0, 0);
  const uint8_t bytes[8] = {0xD0, 0xD1, 0xD2, 0xD3, 0xE0, 0xE1, 0xE2, 0xE3};
  uint32_t pay[2] = {tlp_wire_dw(bytes), tlp_wire_dw(bytes + 4)};
  uint8_t before[16];
  memcpy(before, f->mem + 0x3000, 16);
  struct tlp_hdr w = dev_mrd(MEM_BASE + 0x3004, 1, 0);   /* 1 DW at +4: bytes 5, 6 */
  w.fmt = TLP_FMT_3DW_DATA;
  w.fbe = 0x6;
  w.lbe = 0x0;
  dev_send(f, &w, pay);
  run(f, 4);
  const uint8_t *m = f->mem + 0x3000;
  assert_memory_equal(m, before, 5);
  assert_int_equal(m[5], 0xD1);
  assert_int_equal(m[6], 0xD2);
  assert_memory_equal(m + 7, before + 7, 9);
  w = dev_mrd(MEM_BASE + 0x3008, 2, 0);                   /* 2 DWs: bytes 11 and 12 */
  w.fmt = TLP_FMT_3DW_DATA;
  w.fbe = 0x8;
  w.lbe = 0x1;
  dev_send(f, &w, pay);
  run(f, 4);
  assert_memory_equal(m + 8, before + 8, 3);
  assert_int_equal(m[11], 0xD3);
  assert_int_equal(m[12], 0xE0);
  assert_memory_equal(m + 13, before + 13, 3);
  assert_int_equal(rc_stats(f->rc)->dma_write_bytes, 4);
  fx_free(f);
}

static struct tlp_hdr msi_hdr(void) {
  return (struct tlp_hdr){.fmt = TLP_FMT_3DW_DATA, .type = TLP_TYPE_MEM, .length = 1,
                          .req_id = DEV, .fbe = 0xF, .addr = 0xFEE00000u};
}

static uint32_t msi_data(unsigned data) {
  uint8_t b[4] = {(uint8_t)data, (uint8_t)(data >> 8), 0, 0};
  return tlp_wire_dw(b);
}

static void test_msi(void **state) {
  (void)state;
  struct fx *f = fx_new(0, 0, 0);
  struct tlp_hdr h = msi_hdr();
  uint32_t d = msi_data(0x4005);
  dev_send(f, &h, &d);
  run(f, 4);
  assert_int_equal(f->irq_n, 1);
  assert_int_equal(f->vector, 5);
  d = msi_data(0x4008); /* only 8 vectors enabled */
  dev_send(f, &h, &d);
  run_to_error(f, 8, "MSI data 0x00004008 is not 0x4000 + a vector below 8");
  fx_free(f);
}

/* --- Malformed TLPs stop the run with a message. */

static void test_malformed(void **state) {
  (void)state;
  struct fx *f = fx_new(0, 0, 0);
  struct tlp_hdr r = dev_mrd(MEM_BASE + 0xFC0, 32, 1);
  dev_send(f, &r, NULL);
  run_to_error(f, 4, "crosses a 4 KiB boundary: MRd 3DW len=32 req=01:00.0 tag=0x01 be=f/f addr=0x40000fc0");
  fx_free(f);

  f = fx_new(0, 0, 0);
  r = dev_mrd(MEM_BASE, 1, 1);
  dev_send(f, &r, NULL);
  dev_send(f, &r, NULL);
  run_to_error(f, 8, "tag already in use by an outstanding read");
  fx_free(f);

  f = fx_new(0, 0, 0);
  struct tlp_hdr c = {.fmt = TLP_FMT_3DW_DATA, .type = TLP_TYPE_CPL, .length = 1, .cpl_id = DEV,
                      .byte_count = 4, .tag = 9};
  uint32_t d = 0;
  dev_send(f, &c, &d);
  run_to_error(f, 4, "no read of the root complex is outstanding with this tag");
  fx_free(f);

  f = fx_new(0, 0, 0);
  rc_mmio_read(f->rc, 0x24, 1);
  run(f, 4);
  struct tlp_hdr h = hdr(&f->got[0]);
  c.tag = h.tag;
  c.byte_count = 8;
  dev_send(f, &c, &d);
  run_to_error(f, 4, "byte count is not 4");
  fx_free(f);

  f = fx_new(0, 0, 0);
  rc_mmio_read(f->rc, 0x24, 1);
  run(f, 4);
  c.tag = hdr(&f->got[0]).tag;
  c.byte_count = 4;
  c.lower_addr = 0x20;
  dev_send(f, &c, &d);
  run_to_error(f, 4, "lower address is not 0x24");
  fx_free(f);

  f = fx_new(0, 0, 0);
  rc_mmio_read(f->rc, 0x24, 1);
  run(f, 4);
  c.tag = hdr(&f->got[0]).tag;
  c.lower_addr = 0x24;
  c.req_id = TLP_BDF(0, 1, 0);
  dev_send(f, &c, &d);
  run_to_error(f, 4, "requester ID 00:01.0 is not the root complex's (00:00.0)");
  fx_free(f);

  f = fx_new(0, 0, 0);
  r = dev_mrd(MEM_BASE, 4, 1);
  r.fmt = TLP_FMT_3DW_DATA;
  uint32_t pay[4] = {0};
  dev_send(f, &r, pay);
  f->bad_keep = 1;
  run_to_error(f, 4, "tkeep 0x0f on a beat before the last");
  fx_free(f);

  f = fx_new(0, 0, 0);
  r = dev_mrd(MEM_BASE, 1, 1);
  dev_send(f, &r, NULL);
  f->tuser = 2;
  run_to_error(f, 4, "tx_tuser is 0x2");
  fx_free(f);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_mmio_read),
      cmocka_unit_test(test_mmio_write_then_read),
      cmocka_unit_test(test_mmio_ur_and_ca),
      cmocka_unit_test(test_mmio_timeout_and_late_completion),
      cmocka_unit_test(test_dma_read_split_and_latency),
      cmocka_unit_test(test_dma_read_byte_enables),
      cmocka_unit_test(test_dma_read_unsupported),
      cmocka_unit_test(test_dma_read_dropped),
      cmocka_unit_test(test_dma_read_throughput),
      cmocka_unit_test(test_dma_read_seeded),
      cmocka_unit_test(test_dma_write),
      cmocka_unit_test(test_dma_partial_writes),
      cmocka_unit_test(test_msi),
      cmocka_unit_test(test_malformed),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
