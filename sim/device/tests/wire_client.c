/* wire-client: a tiny driver speaking host/lib/sim_wire.h, for sgpu-sim's process-level
 * tests (no libsgpu needed). It connects, sends HELLO with a shared-memory file as host
 * memory (unless --no-hello), runs the commands in order and says BYE.
 *
 *   wire-client [--mem BYTES] [--no-hello] SOCKET CMD...
 *   read OFF              print the MMIO read's value (or its status name)
 *   expect OFF VALUE      fail unless the read answers OK with VALUE
 *   status OFF NAME       fail unless the read answers status NAME (OK, ERANGE, EUR, ...)
 *   write OFF VALUE       MMIO write, byte enables 0xf
 *   cycles                print "cycles N ns N" from CYCLES
 *   busy                  a second connection's HELLO must get EBUSY
 *   raw TYPE NAME         send a message of TYPE, expect a reply with status NAME
 *   rtt N                 N MMIO reads of ID.MAGIC; print the mean round trip in us
 *   sleep SECONDS         (a client to kill in the middle)
 *   die                   exit at once without BYE (the socket closes)
 * With the fake endpoint's test registers (fakedev.c):
 *   dmaread OFF LEN MINRATE   DMA-read host memory, check the checksum and the bytes/cycle
 *   dmawrite OFF LEN SEED     DMA-write host memory, check the pattern
 *   urread OFF LEN            a DMA read outside host memory must fail with UR
 *   irq VECTOR                the fake's MSI must arrive as IRQ VECTOR
 *   inject KIND               make the fake send a malformed TLP
 * With the real device's host DMA and LINK blocks (sgpu_regs.h):
 *   hdma OFF LEN MINRATE      host -> VRAM 0 (at least MINRATE bytes/cycle by DMA.CYCLES),
 *                             then VRAM 0 -> host at OFF + LEN, with an MSI; compare
 *   hdma-ur                   a DMA from outside host memory must end with UNSUPPORTED
 *   msi-send VECTOR           LINK.MSI_SEND must arrive as IRQ VECTOR
 *   hdma-start OFF LEN        start a DMA host (OFF) -> VRAM 0 and do not wait for it
 *   hdma-end ERROR MAXCYC     wait for the DMA to end with STATUS.ERROR ERROR, in at most
 *                             MAXCYC device cycles (DMA.CYCLES); print its cycles
 * Generic:
 *   wait OFF VALUE SECONDS    read until OFF reads VALUE (fail after SECONDS)
 *   below OFF VALUE           fail unless the read gives less than VALUE
 *   above OFF VALUE           fail unless the read gives more than VALUE
 *   bits OFF MASK VALUE       fail unless the read ANDed with MASK gives VALUE */
/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE /* memfd_create */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "sgpu_regs.h"
#include "sim_wire.h"

static int sock = -1;
static uint64_t next_seq = 1, bus_base;
static uint8_t *mem;
static uint64_t mem_size = 1u << 20;
static unsigned irqs[32];

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("wire-client: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  exit(1);
}

static const char *status_name(uint32_t s) {
  static const char *const names[] = {"OK", "EVERSION", "EBUSY", "EBADMEM", "ERANGE", "EUR",
                                      "ETIMEOUT", "EPROTO"};
  return s < 8 ? names[s] : "?";
}

static int connect_to(const char *path) {
  struct sockaddr_un sa = {.sun_family = AF_UNIX};
  snprintf(sa.sun_path, sizeof sa.sun_path, "%s", path);
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) die("%s: %s", path, strerror(errno));
  return fd;
}

static void send_msg(int fd, const struct sgpu_wire_msg *m, int pass_fd) {
  struct iovec iov = {(void *)m, sizeof *m};
  union {
    struct cmsghdr h;
    char buf[CMSG_SPACE(sizeof(int))];
  } ctl;
  struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1};
  if (pass_fd >= 0) {
    mh.msg_control = ctl.buf;
    mh.msg_controllen = sizeof ctl.buf;
    struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);
    cm->cmsg_level = SOL_SOCKET;
    cm->cmsg_type = SCM_RIGHTS;
    cm->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(cm), &pass_fd, sizeof(int));
  }
  if (sendmsg(fd, &mh, MSG_NOSIGNAL) != (ssize_t)sizeof *m) die("send: %s", strerror(errno));
}

/* Receives the next message within timeout_ms; 0 on timeout. */
static int recv_msg(int fd, struct sgpu_wire_msg *m, int timeout_ms) {
  size_t got = 0;
  while (got < sizeof *m) {
    struct pollfd p = {.fd = fd, .events = POLLIN};
    int r = poll(&p, 1, timeout_ms);
    if (r == 0) return 0;
    if (r < 0 && errno == EINTR) continue;
    ssize_t n = recv(fd, (char *)m + got, sizeof *m - got, 0);
    if (n == 0) die("sgpu-sim closed the connection");
    if (n < 0) die("recv: %s", strerror(errno));
    got += (size_t)n;
  }
  return 1;
}

/* The reply to seq; IRQs that come meanwhile are counted. */
static struct sgpu_wire_msg wait_reply(int fd, uint64_t seq) {
  struct sgpu_wire_msg m;
  for (;;) {
    if (!recv_msg(fd, &m, 30000)) die("no reply to request %llu in 30 s", (unsigned long long)seq);
    if (m.type == SGPU_WIRE_IRQ) {
      if (m.arg < 32) irqs[m.arg]++;
      continue;
    }
    if (m.seq != seq) die("reply for seq %llu while waiting for %llu", (unsigned long long)m.seq, (unsigned long long)seq);
    return m;
  }
}

static struct sgpu_wire_msg request(uint32_t type, uint64_t addr, uint64_t value, uint64_t arg) {
  struct sgpu_wire_msg m = {.type = type, .seq = next_seq++, .addr = addr, .value = value, .arg = arg};
  send_msg(sock, &m, -1);
  return wait_reply(sock, m.seq);
}

static struct sgpu_wire_msg mmio_read(uint64_t off) { return request(SGPU_WIRE_MMIO_READ, off, 0, 0); }

static uint32_t read_ok(uint64_t off) {
  struct sgpu_wire_msg r = mmio_read(off);
  if (r.status != SGPU_WIRE_OK) die("read of 0x%llx: %s", (unsigned long long)off, status_name(r.status));
  return (uint32_t)r.value;
}

static void mmio_write(uint64_t off, uint32_t value) {
  struct sgpu_wire_msg m = {.type = SGPU_WIRE_MMIO_WRITE, .seq = next_seq++, .addr = off,
                            .value = value, .arg = 0xF};
  send_msg(sock, &m, -1);
}

static int hello(int fd, uint64_t size, struct sgpu_wire_msg *reply, uint8_t **map) {
  int mfd = memfd_create("wire-client", MFD_CLOEXEC);
  if (mfd < 0 || ftruncate(mfd, (off_t)size) != 0) die("memfd: %s", strerror(errno));
  if (map) {
    *map = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, mfd, 0);
    if (*map == MAP_FAILED) die("mmap: %s", strerror(errno));
  }
  struct sgpu_wire_msg m = {.type = SGPU_WIRE_HELLO, .seq = next_seq++, .addr = size,
                            .value = SGPU_WIRE_VERSION};
  send_msg(fd, &m, mfd);
  close(mfd);
  *reply = wait_reply(fd, m.seq);
  return (int)reply->status;
}

static uint64_t num(const char *s) {
  char *end;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 0);
  if (errno || *end || !*s) die("'%s' is not a number", s);
  return v;
}

/* The fake endpoint's checksum and write pattern (fakedev.c). */
static uint32_t weight(uint64_t o) { return (uint32_t)(o * 2654435761u) | 1u; }
static uint8_t pattern(uint64_t o, uint32_t seed) { return (uint8_t)((weight(o) >> 8) ^ seed); }

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Starts a fake DMA and waits until it is no longer busy; returns its status register. */
static uint32_t fake_dma(uint64_t addr, uint64_t len, uint32_t go) {
  mmio_write(0x100, (uint32_t)addr);
  mmio_write(0x104, (uint32_t)(addr >> 32));
  mmio_write(0x108, (uint32_t)len);
  mmio_write(0x10C, go);
  double t0 = now_s();
  uint32_t st;
  while ((st = read_ok(0x110)) & 1u)
    if (now_s() - t0 > 60) die("the fake's DMA is still busy after 60 s");
  return st;
}

static void cmd_dmaread(uint64_t off, uint64_t len, double minrate) {
  if (off + len > mem_size) die("dmaread: outside host memory");
  uint32_t want = 0;
  for (uint64_t i = 0; i < len; i++) {
    mem[off + i] = (uint8_t)(rand() >> 7);
    want += (uint32_t)(mem[off + i] + 1u) * weight(i);
  }
  uint32_t st = fake_dma(bus_base + off, len, 1);
  if (st & 2u) die("dmaread: the read got UR");
  uint32_t sum = read_ok(0x114), cyc = read_ok(0x118);
  if (sum != want) die("dmaread: checksum 0x%08x, expected 0x%08x", sum, want);
  double rate = cyc ? (double)len / cyc : 0;
  printf("dmaread %llu bytes in %u cycles: %.2f bytes/cycle\n", (unsigned long long)len, cyc, rate);
  if (rate < minrate) die("dmaread: %.2f bytes/cycle, below %.2f", rate, minrate);
}

static void cmd_dmawrite(uint64_t off, uint64_t len, uint32_t seed) {
  if (off + len > mem_size) die("dmawrite: outside host memory");
  memset(mem + off, 0, len);
  mmio_write(0x11C, seed);
  fake_dma(bus_base + off, len, 2);
  read_ok(0x110); /* the writes are before this read's completion (ordering) */
  for (uint64_t i = 0; i < len; i++)
    if (mem[off + i] != pattern(i, seed))
      die("dmawrite: byte %llu is 0x%02x, expected 0x%02x", (unsigned long long)i, mem[off + i], pattern(i, seed));
  printf("dmawrite %llu bytes ok\n", (unsigned long long)len);
}

static void cmd_irq(unsigned v) {
  unsigned before = irqs[v % 32];
  mmio_write(0x120, v);
  read_ok(0); /* the MSI is ordered before this completion */
  double t0 = now_s();
  while (irqs[v % 32] == before) {
    struct sgpu_wire_msg m;
    if (now_s() - t0 > 10 || !recv_msg(sock, &m, 10000)) die("no IRQ %u", v);
    if (m.type == SGPU_WIRE_IRQ && m.arg < 32) irqs[m.arg]++;
  }
  printf("irq %u\n", v);
}

/* Waits for an IRQ with this vector (counted in irqs[]) for up to 10 s. */
static void wait_irq(unsigned v, unsigned before) {
  double t0 = now_s();
  while (irqs[v % 32] == before) {
    struct sgpu_wire_msg m;
    if (now_s() - t0 > 10 || !recv_msg(sock, &m, 10000)) die("no IRQ %u", v);
    if (m.type == SGPU_WIRE_IRQ && m.arg < 32) irqs[m.arg]++;
  }
}

/* One transfer of the real device's host DMA block; returns DMA.STATUS when it is done.
 * With an MSI vector (ctrl has IRQ set) it waits for the IRQ rather than polling STATUS, so
 * that no MMIO read shares the link with the transfer (the throughput check). */
static uint32_t hdma(uint64_t bus, uint32_t vram, uint32_t len, uint32_t ctrl) {
  const uint32_t b = SGPU_DMA_BAR0_BASE;
  unsigned vec = (ctrl & SGPU_DMA_CTRL_VECTOR_MASK) >> SGPU_DMA_CTRL_VECTOR_SHIFT;
  unsigned before = irqs[vec];
  mmio_write(b + SGPU_DMA_HOST_ADDR_LO_OFFSET, (uint32_t)bus);
  mmio_write(b + SGPU_DMA_HOST_ADDR_HI_OFFSET, (uint32_t)(bus >> 32));
  mmio_write(b + SGPU_DMA_VRAM_ADDR_OFFSET, vram);
  mmio_write(b + SGPU_DMA_LENGTH_OFFSET, len);
  mmio_write(b + SGPU_DMA_CTRL_OFFSET, ctrl);
  mmio_write(b + SGPU_DMA_START_OFFSET, SGPU_DMA_START_GO_MASK);
  if (ctrl & SGPU_DMA_CTRL_IRQ_MASK) wait_irq(vec, before);
  double t0 = now_s();
  uint32_t st;
  while ((st = read_ok(b + SGPU_DMA_STATUS_OFFSET)) & SGPU_DMA_STATUS_BUSY_MASK)
    if (now_s() - t0 > 120) die("hdma: still busy after 120 s");
  return st;
}

static unsigned hdma_error(uint32_t st) {
  return (st & SGPU_DMA_STATUS_ERROR_MASK) >> SGPU_DMA_STATUS_ERROR_SHIFT;
}

static void cmd_hdma(uint64_t off, uint32_t len, double minrate) {
  if (off + 2ull * len > mem_size) die("hdma: outside host memory");
  for (uint32_t i = 0; i < len; i++) mem[off + i] = (uint8_t)(rand() >> 7);
  memset(mem + off + len, 0, len);
  const uint32_t irq = SGPU_DMA_CTRL_IRQ_MASK | (6u << SGPU_DMA_CTRL_VECTOR_SHIFT);
  uint32_t st = hdma(bus_base + off, 0, len, (SGPU_DMA_CTRL_DIR_TO_DEVICE << SGPU_DMA_CTRL_DIR_SHIFT) | irq);
  if (!(st & SGPU_DMA_STATUS_DONE_MASK) || hdma_error(st)) die("hdma to VRAM: status 0x%x", st);
  uint32_t cyc = read_ok(SGPU_DMA_BAR0_BASE + SGPU_DMA_CYCLES_OFFSET);
  double rate = cyc ? (double)len / cyc : 0;
  st = hdma(bus_base + off + len, 0, len, (SGPU_DMA_CTRL_DIR_TO_HOST << SGPU_DMA_CTRL_DIR_SHIFT) | irq);
  if (!(st & SGPU_DMA_STATUS_DONE_MASK) || hdma_error(st)) die("hdma to host: status 0x%x", st);
  uint32_t cyc2 = read_ok(SGPU_DMA_BAR0_BASE + SGPU_DMA_CYCLES_OFFSET);
  for (uint32_t i = 0; i < len; i++)
    if (mem[off + len + i] != mem[off + i])
      die("hdma: byte %u came back 0x%02x, sent 0x%02x", i, mem[off + len + i], mem[off + i]);
  printf("hdma %u bytes: to VRAM %u cycles (%.2f bytes/cycle), back %u cycles (%.2f bytes/cycle)\n",
         len, cyc, rate, cyc2, cyc2 ? (double)len / cyc2 : 0.0);
  if (rate < minrate) die("hdma: %.2f bytes/cycle to VRAM, below %.2f", rate, minrate);
}

static uint32_t status_by_name(const char *s) {
  for (uint32_t i = 0; i < 8; i++)
    if (!strcmp(status_name(i), s)) return i;
  die("unknown status '%s'", s);
}

int main(int argc, char **argv) {
  int a = 1, do_hello = 1;
  for (; a < argc && argv[a][0] == '-'; a++) {
    if (!strcmp(argv[a], "--mem") && a + 1 < argc) mem_size = num(argv[++a]);
    else if (!strcmp(argv[a], "--no-hello")) do_hello = 0;
    else die("unknown option %s", argv[a]);
  }
  if (a >= argc) die("usage: wire-client [--mem BYTES] [--no-hello] SOCKET CMD...");
  const char *path = argv[a++];
  sock = connect_to(path);
  if (do_hello) {
    struct sgpu_wire_msg r;
    int st = hello(sock, mem_size, &r, &mem);
    if (st != SGPU_WIRE_OK) die("HELLO: %s", status_name((uint32_t)st));
    bus_base = r.addr;
  }
  srand(1);
#define ARG(k) (a + (k) < argc ? argv[a + (k)] : (die("%s needs more arguments", argv[a]), ""))
  while (a < argc) {
    const char *c = argv[a];
    if (!strcmp(c, "read")) {
      struct sgpu_wire_msg r = mmio_read(num(ARG(1)));
      if (r.status == SGPU_WIRE_OK) printf("0x%08llx\n", (unsigned long long)r.value);
      else printf("%s\n", status_name(r.status));
      a += 2;
    } else if (!strcmp(c, "expect")) {
      uint32_t v = read_ok(num(ARG(1))), want = (uint32_t)num(ARG(2));
      if (v != want) die("read of %s: 0x%08x, expected 0x%08x", argv[a + 1], v, want);
      a += 3;
    } else if (!strcmp(c, "wait")) {
      uint32_t want = (uint32_t)num(ARG(2)), v = 0;
      double t0 = now_s(), limit = atof(ARG(3));
      while ((v = read_ok(num(ARG(1)))) != want)
        if (now_s() - t0 > limit) die("read of %s: 0x%08x after %g s, waiting for 0x%08x", argv[a + 1], v, limit, want);
      a += 4;
    } else if (!strcmp(c, "below") || !strcmp(c, "above")) {
      uint32_t v = read_ok(num(ARG(1))), lim = (uint32_t)num(ARG(2));
      if (c[0] == 'b' ? v >= lim : v <= lim)
        die("read of %s: 0x%08x, expected %s 0x%08x", argv[a + 1], v, c, lim);
      printf("%s 0x%08x\n", argv[a + 1], v);
      a += 3;
    } else if (!strcmp(c, "bits")) {
      uint32_t v = read_ok(num(ARG(1))), mask = (uint32_t)num(ARG(2)), want = (uint32_t)num(ARG(3));
      if ((v & mask) != want)
        die("read of %s: 0x%08x, expected 0x%08x under mask 0x%08x", argv[a + 1], v, want, mask);
      a += 4;
    } else if (!strcmp(c, "hdma-start")) {
      const uint32_t b = SGPU_DMA_BAR0_BASE;
      uint64_t bus = bus_base + num(ARG(1));
      mmio_write(b + SGPU_DMA_HOST_ADDR_LO_OFFSET, (uint32_t)bus);
      mmio_write(b + SGPU_DMA_HOST_ADDR_HI_OFFSET, (uint32_t)(bus >> 32));
      mmio_write(b + SGPU_DMA_VRAM_ADDR_OFFSET, 0);
      mmio_write(b + SGPU_DMA_LENGTH_OFFSET, (uint32_t)num(ARG(2)));
      mmio_write(b + SGPU_DMA_CTRL_OFFSET, SGPU_DMA_CTRL_DIR_TO_DEVICE << SGPU_DMA_CTRL_DIR_SHIFT);
      mmio_write(b + SGPU_DMA_START_OFFSET, SGPU_DMA_START_GO_MASK);
      a += 3;
    } else if (!strcmp(c, "hdma-end")) {
      const uint32_t b = SGPU_DMA_BAR0_BASE;
      double t0 = now_s();
      uint32_t st;
      while ((st = read_ok(b + SGPU_DMA_STATUS_OFFSET)) & SGPU_DMA_STATUS_BUSY_MASK)
        if (now_s() - t0 > 120) die("hdma-end: still busy after 120 s");
      uint32_t cyc = read_ok(b + SGPU_DMA_CYCLES_OFFSET);
      if (hdma_error(st) != num(ARG(1))) die("hdma-end: status 0x%x, expected error %s", st, argv[a + 1]);
      if (cyc > num(ARG(2))) die("hdma-end: ended after %u cycles, more than %s", cyc, argv[a + 2]);
      printf("hdma-end %u cycles\n", cyc);
      a += 3;
    } else if (!strcmp(c, "status")) {
      struct sgpu_wire_msg r = mmio_read(num(ARG(1)));
      if (r.status != status_by_name(ARG(2)))
        die("read of %s: %s, expected %s", argv[a + 1], status_name(r.status), argv[a + 2]);
      a += 3;
    } else if (!strcmp(c, "write")) {
      mmio_write(num(ARG(1)), (uint32_t)num(ARG(2)));
      a += 3;
    } else if (!strcmp(c, "cycles")) {
      struct sgpu_wire_msg r = request(SGPU_WIRE_CYCLES, 0, 0, 0);
      printf("cycles %llu ns %llu\n", (unsigned long long)r.value, (unsigned long long)r.arg);
      a += 1;
    } else if (!strcmp(c, "busy")) {
      int fd2 = connect_to(path);
      struct sgpu_wire_msg r;
      int st = hello(fd2, 4096, &r, NULL);
      if (st != SGPU_WIRE_EBUSY) die("second HELLO: %s, expected EBUSY", status_name((uint32_t)st));
      close(fd2);
      a += 1;
    } else if (!strcmp(c, "raw")) {
      struct sgpu_wire_msg r = request((uint32_t)num(ARG(1)), 0, 0, 0);
      if (r.status != status_by_name(ARG(2)))
        die("message type %s: %s, expected %s", argv[a + 1], status_name(r.status), argv[a + 2]);
      a += 3;
    } else if (!strcmp(c, "rtt")) {
      uint64_t n = num(ARG(1));
      double t0 = now_s();
      for (uint64_t i = 0; i < n; i++)
        if (read_ok(0) != 0x53475055u) die("rtt: ID.MAGIC read wrong");
      printf("rtt %.1f us\n", n ? (now_s() - t0) * 1e6 / (double)n : 0.0);
      a += 2;
    } else if (!strcmp(c, "sleep")) {
      usleep((useconds_t)(num(ARG(1)) * 1000000));
      a += 2;
    } else if (!strcmp(c, "die")) {
      _exit(0);
    } else if (!strcmp(c, "dmaread")) {
      cmd_dmaread(num(ARG(1)), num(ARG(2)), atof(ARG(3)));
      a += 4;
    } else if (!strcmp(c, "dmawrite")) {
      cmd_dmawrite(num(ARG(1)), num(ARG(2)), (uint32_t)num(ARG(3)));
      a += 4;
    } else if (!strcmp(c, "urread")) {
      if (!(fake_dma(bus_base + num(ARG(1)), num(ARG(2)), 1) & 2u)) die("urread: no UR");
      a += 3;
    } else if (!strcmp(c, "irq")) {
      cmd_irq((unsigned)num(ARG(1)));
      a += 2;
    } else if (!strcmp(c, "hdma")) {
      cmd_hdma(num(ARG(1)), (uint32_t)num(ARG(2)), atof(ARG(3)));
      a += 4;
    } else if (!strcmp(c, "hdma-ur")) {
      uint32_t st = hdma(bus_base + mem_size, 0, 4096, SGPU_DMA_CTRL_DIR_TO_DEVICE);
      if (hdma_error(st) != SGPU_DMA_STATUS_ERROR_UNSUPPORTED) die("hdma-ur: status 0x%x", st);
      a += 1;
    } else if (!strcmp(c, "msi-send")) {
      unsigned v = (unsigned)num(ARG(1)), before = irqs[v % 32];
      mmio_write(SGPU_LINK_BAR0_BASE + SGPU_LINK_MSI_SEND_OFFSET, v);
      wait_irq(v, before);
      printf("irq %u\n", v);
      a += 2;
    } else if (!strcmp(c, "inject")) {
      mmio_write(0x124, (uint32_t)num(ARG(1)));
      a += 2;
    } else {
      die("unknown command '%s'", c);
    }
    fflush(stdout);
  }
  /* BYE (the connection may already be closed, after EPROTO). */
  struct sgpu_wire_msg bye = {.type = SGPU_WIRE_BYE, .seq = next_seq++};
  (void)!send(sock, &bye, sizeof bye, MSG_NOSIGNAL);
  close(sock);
  return 0;
}
