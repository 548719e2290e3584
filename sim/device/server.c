/* sgpu-sim's socket: connections, the sim_wire.h messages, the driver's host memory.
 *
 * Every connection starts without a driver; a good HELLO makes it the driver, if there is
 * none (else EBUSY); OBSERVE makes it an observer (any number: BAR0 reads and CYCLES only).
 * Anything but HELLO or OBSERVE before that is EPROTO and closes the connection.
 * Everything is non-blocking: replies that do not fit the socket wait in a buffer. A
 * connection that ends (EOF, reset, a write to a dead socket) is reaped at the next poll. */
/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE /* ppoll, MSG_CMSG_CLOEXEC */
#include "server.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "rng.h"
#include "sim_wire.h"

#define MAX_CONNS 16
#define MSG_SIZE sizeof(struct sgpu_wire_msg)
#define OBUF_MAX (1u << 20) /* a driver that stops reading is dropped at this much backlog */
#define MSG_PER_READ 64

struct conn {
  int fd;
  int dead;
  int observer;                    /* OBSERVE was answered: reads only */
  uint64_t id;                     /* unique per connection: MMIO read replies find it */
  int passed_fd;                   /* from SCM_RIGHTS, until a HELLO takes it */
  uint8_t rbuf[MSG_SIZE * MSG_PER_READ];
  size_t rlen;
  uint8_t *obuf;
  size_t olen, ocap;
};

/* An MMIO read in the root complex, for the reply: the connection that asked. */
struct slot {
  int used;
  uint64_t conn_id, seq;
};

struct server {
  int lfd;
  char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
  dev_t dev;
  ino_t ino;
  struct rc *rc;
  struct server_cfg cfg;
  struct rng rng;
  struct conn conns[MAX_CONNS];
  int nconns;
  int driver;          /* index into conns, or -1 */
  uint64_t next_conn_id;
  uint8_t *mem;
  uint64_t mem_size, bus_base;
  struct slot *slots;
  size_t nslots, slot_hint;
};

static int fail(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(char *err, size_t errlen, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, errlen, fmt, ap);
  va_end(ap);
  return -1;
}

/* --- Notification: every socket raises SIGIO when something arrives (O_ASYNC), so that
 * the run loop looks at a flag instead of polling (a poll costs a microsecond or so). */

static volatile sig_atomic_t io_ready;
static void on_sigio(int sig) {
  (void)sig;
  io_ready = 1;
}

int server_io_pending(void) { return io_ready; }

static void set_async(int fd) {
  fcntl(fd, F_SETOWN, getpid());
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_ASYNC | O_NONBLOCK);
}

/* --- Opening. */

/* Is a server answering on path? 1 yes, 0 no (stale), -1 cannot tell (errno). */
static int live_server(const struct sockaddr_un *sa) {
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  int r = connect(fd, (const struct sockaddr *)sa, sizeof *sa);
  int e = errno;
  close(fd);
  if (r == 0 || e == EAGAIN || e == EINPROGRESS) return 1; /* EAGAIN: its backlog is full */
  if (e == ECONNREFUSED) return 0;
  errno = e;
  return -1;
}

struct server *server_open(const char *path, struct rc *rc, const struct server_cfg *cfg,
                           char *err, size_t errlen) {
  struct sockaddr_un sa = {.sun_family = AF_UNIX};
  if (strlen(path) >= sizeof sa.sun_path) {
    fail(err, errlen, "%s: socket path too long", path);
    return NULL;
  }
  strcpy(sa.sun_path, path);
  struct stat st;
  if (lstat(path, &st) == 0) {
    if (!S_ISSOCK(st.st_mode)) {
      fail(err, errlen, "%s exists and is not a socket: not replacing it", path);
      return NULL;
    }
    int live = live_server(&sa);
    if (live > 0) {
      fail(err, errlen, "another sgpu-sim is already listening on %s", path);
      return NULL;
    }
    if (live < 0) {
      fail(err, errlen, "%s: cannot tell whether a server listens there: %s", path, strerror(errno));
      return NULL;
    }
    if (unlink(path) != 0 && errno != ENOENT) {
      fail(err, errlen, "%s: cannot remove the stale socket: %s", path, strerror(errno));
      return NULL;
    }
    log_info("replaced the stale socket %s", path);
  }
  struct server *s = calloc(1, sizeof *s);
  if (!s) {
    fail(err, errlen, "out of memory");
    return NULL;
  }
  s->driver = -1;
  s->rc = rc;
  s->cfg = *cfg;
  rng_seed(&s->rng, cfg->seed ^ 0x5347505553494Dull);
  strcpy(s->path, path);
  s->lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (s->lfd < 0) {
    fail(err, errlen, "socket: %s", strerror(errno));
    free(s);
    return NULL;
  }
  if (bind(s->lfd, (struct sockaddr *)&sa, sizeof sa) != 0) {
    if (errno == EADDRINUSE)
      fail(err, errlen, "another sgpu-sim is already listening on %s", path);
    else
      fail(err, errlen, "%s: cannot bind: %s", path, strerror(errno));
    close(s->lfd);
    free(s);
    return NULL;
  }
  if (listen(s->lfd, MAX_CONNS) != 0 || stat(path, &st) != 0) {
    fail(err, errlen, "%s: cannot listen: %s", path, strerror(errno));
    close(s->lfd);
    unlink(path);
    free(s);
    return NULL;
  }
  s->dev = st.st_dev;
  s->ino = st.st_ino;
  struct sigaction act = {0};
  act.sa_handler = on_sigio;
  act.sa_flags = SA_RESTART;
  sigemptyset(&act.sa_mask);
  sigaction(SIGIO, &act, NULL);
  set_async(s->lfd);
  return s;
}

/* --- Connections. */

static uint64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void conn_flush(struct conn *c) {
  while (c->olen && !c->dead) {
    ssize_t n = send(c->fd, c->obuf, c->olen, MSG_DONTWAIT | MSG_NOSIGNAL);
    if (n > 0) {
      memmove(c->obuf, c->obuf + n, c->olen - (size_t)n);
      c->olen -= (size_t)n;
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      return;
    } else {
      c->dead = 1; /* EPIPE, ECONNRESET: the peer is gone */
    }
  }
}

static void conn_send(struct conn *c, const struct sgpu_wire_msg *m) {
  if (c->dead) return;
  if (c->olen + MSG_SIZE > c->ocap) {
    if (c->olen + MSG_SIZE > OBUF_MAX) {
      log_info("a client stopped reading its socket: dropping it");
      c->dead = 1;
      return;
    }
    size_t cap = c->ocap ? c->ocap * 2 : 64 * MSG_SIZE;
    uint8_t *n = realloc(c->obuf, cap);
    if (!n) {
      c->dead = 1;
      return;
    }
    c->obuf = n;
    c->ocap = cap;
  }
  memcpy(c->obuf + c->olen, m, MSG_SIZE);
  c->olen += MSG_SIZE;
  conn_flush(c);
}

static void reply(struct conn *c, const struct sgpu_wire_msg *req, uint32_t status,
                  uint64_t addr, uint64_t value, uint64_t arg) {
  struct sgpu_wire_msg m = {.type = req->type, .status = status, .seq = req->seq,
                            .addr = addr, .value = value, .arg = arg};
  conn_send(c, &m);
}

static void drop_driver_mem(struct server *s) {
  rc_set_host_mem(s->rc, NULL, 0, 0);
  if (s->mem) munmap(s->mem, s->mem_size);
  s->mem = NULL;
  s->mem_size = 0;
}

static void conn_close(struct server *s, int i) {
  struct conn *c = &s->conns[i];
  if (s->driver == i) {
    const struct rc_stats *st = rc_stats(s->rc);
    log_info("driver left (cycle %llu; %llu DMA writes dropped, %llu DMA reads answered UR so far)",
             (unsigned long long)rc_now(s->rc), (unsigned long long)st->dropped_writes,
             (unsigned long long)st->ur_reads);
    drop_driver_mem(s);
    s->driver = -1;
  }
  if (c->passed_fd >= 0) close(c->passed_fd);
  close(c->fd);
  free(c->obuf);
  /* Keep the array dense; the driver's index follows its connection. */
  int last = s->nconns - 1;
  if (i != last) {
    s->conns[i] = s->conns[last];
    if (s->driver == last) s->driver = i;
  }
  s->nconns--;
}

static void accept_all(struct server *s) {
  for (;;) {
    int fd = accept4(s->lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) return; /* EAGAIN, or a connection that died in the backlog */
    if (s->nconns == MAX_CONNS) {
      close(fd);
      continue;
    }
    struct conn *c = &s->conns[s->nconns++];
    memset(c, 0, sizeof *c);
    c->fd = fd;
    c->passed_fd = -1;
    c->id = ++s->next_conn_id;
    set_async(fd);
  }
}

/* --- Messages. */

/* Where the driver's memory appears on the bus: below the BAR and MSI window (0xF0000000
 * up) if it fits, else at 4 GiB; seeded runs pick a random place, low or high. */
static uint64_t pick_bus_base(struct server *s, uint64_t size) {
  const uint64_t low_start = 0x10000000ull, low_end = 0xF0000000ull, align = 2ull << 20;
  if (!s->cfg.seeded) return size <= low_end - 0x40000000ull ? 0x40000000ull : 1ull << 32;
  int fits_low = size <= low_end - low_start;
  if (fits_low && rng_one_in(&s->rng, 2)) {
    uint64_t slots = (low_end - low_start - size) / align + 1;
    return low_start + rng_below(&s->rng, (uint32_t)slots) * align;
  }
  return ((uint64_t)(1 + rng_below(&s->rng, 255)) << 32) + rng_below(&s->rng, 256) * align;
}

static void on_hello(struct server *s, int i, const struct sgpu_wire_msg *m) {
  struct conn *c = &s->conns[i];
  int fd = c->passed_fd;
  c->passed_fd = -1;
  uint32_t status = SGPU_WIRE_OK;
  struct stat st;
  void *p = MAP_FAILED;
  if (s->driver >= 0)
    status = SGPU_WIRE_EBUSY;
  else if (m->value != SGPU_WIRE_VERSION)
    status = SGPU_WIRE_EVERSION;
  else if (fd < 0 || m->addr == 0 || m->addr % 4096 || m->addr > SGPU_WIRE_MAX_HOST_MEM)
    status = SGPU_WIRE_EBADMEM;
  else if (fstat(fd, &st) != 0 || (uint64_t)st.st_size < m->addr) /* mapping past EOF would fault */
    status = SGPU_WIRE_EBADMEM;
  else if ((p = mmap(NULL, m->addr, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)) == MAP_FAILED)
    status = SGPU_WIRE_EBADMEM;
  if (fd >= 0) close(fd);
  if (status != SGPU_WIRE_OK) {
    log_info("refused a HELLO: %s",
             status == SGPU_WIRE_EBUSY ? "another driver is connected (EBUSY)"
             : status == SGPU_WIRE_EVERSION ? "wire version differs (EVERSION)"
                                            : "no usable host memory (EBADMEM)");
    reply(c, m, status, 0, rc_now(s->rc), 0);
    return;
  }
  s->driver = i;
  s->mem = p;
  s->mem_size = m->addr;
  s->bus_base = pick_bus_base(s, m->addr);
  rc_set_host_mem(s->rc, s->mem, s->bus_base, s->mem_size);
  log_info("driver connected: %llu KiB of host memory at bus address 0x%llx",
           (unsigned long long)(m->addr >> 10), (unsigned long long)s->bus_base);
  reply(c, m, SGPU_WIRE_OK, s->bus_base, rc_now(s->rc), 0);
}

static void on_observe(struct server *s, int i, const struct sgpu_wire_msg *m) {
  struct conn *c = &s->conns[i];
  if (m->value != SGPU_WIRE_VERSION) {
    log_info("refused an OBSERVE: wire version differs (EVERSION)");
    reply(c, m, SGPU_WIRE_EVERSION, 0, rc_now(s->rc), 0);
    return;
  }
  c->observer = 1;
  log_info("observer connected (BAR0 reads only)");
  reply(c, m, SGPU_WIRE_OK, 0, rc_now(s->rc), 0);
}

static uint64_t slot_get(struct server *s, uint64_t conn_id, uint64_t seq) {
  for (size_t k = 0; k < s->nslots; k++) {
    size_t i = (s->slot_hint + k) % s->nslots;
    if (!s->slots[i].used) {
      s->slot_hint = i + 1;
      s->slots[i] = (struct slot){.used = 1, .conn_id = conn_id, .seq = seq};
      return i;
    }
  }
  size_t n = s->nslots ? s->nslots * 2 : 64;
  struct slot *ns = realloc(s->slots, n * sizeof *ns);
  if (!ns) abort();
  memset(ns + s->nslots, 0, (n - s->nslots) * sizeof *ns);
  s->slots = ns;
  size_t i = s->nslots;
  s->nslots = n;
  s->slots[i] = (struct slot){.used = 1, .conn_id = conn_id, .seq = seq};
  s->slot_hint = i + 1;
  return i;
}

/* Handles one message; returns 0, or -1 when the connection was closed. */
static int on_msg(struct server *s, int i, const struct sgpu_wire_msg *m) {
  struct conn *c = &s->conns[i];
  int is_driver = s->driver == i;
  int may_read = is_driver || c->observer;
  switch (m->type) {
  case SGPU_WIRE_HELLO:
    if (is_driver || c->observer) break; /* a second greeting: EPROTO */
    on_hello(s, i, m);
    return 0;
  case SGPU_WIRE_OBSERVE:
    if (is_driver || c->observer) break;
    on_observe(s, i, m);
    return 0;
  case SGPU_WIRE_BYE:
    conn_close(s, i);
    return -1;
  case SGPU_WIRE_MMIO_READ:
    if (!may_read) break;
    if (m->addr >= s->cfg.bar0_size || (m->addr & 3)) {
      reply(c, m, SGPU_WIRE_ERANGE, m->addr, 0, 0);
      return 0;
    }
    rc_mmio_read(s->rc, (uint32_t)m->addr, slot_get(s, c->id, m->seq));
    return 0;
  case SGPU_WIRE_MMIO_WRITE:
    if (c->observer) {
      log_info("refused an observer's MMIO write to BAR0 0x%llx (EREADONLY)",
               (unsigned long long)m->addr);
      reply(c, m, SGPU_WIRE_EREADONLY, m->addr, 0, 0);
      return 0;
    }
    if (!is_driver) break;
    if (m->addr >= s->cfg.bar0_size || (m->addr & 3) || m->arg > 0xF) {
      /* Posted: no reply to carry ERANGE, so it is logged and dropped. */
      log_info("ignored an MMIO write to BAR0 0x%llx with byte enables 0x%llx (bad offset or enables)",
               (unsigned long long)m->addr, (unsigned long long)m->arg);
      return 0;
    }
    rc_mmio_write(s->rc, (uint32_t)m->addr, (uint32_t)m->value, (unsigned)m->arg);
    return 0;
  case SGPU_WIRE_CYCLES:
    if (!may_read) break;
    reply(c, m, SGPU_WIRE_OK, 0, rc_now(s->rc), now_ns() - s->cfg.start_ns);
    return 0;
  default:
    break;
  }
  log_info("protocol error: message type %u %s: closing the connection", m->type,
           is_driver ? "from the driver" : c->observer ? "from an observer" : "before a HELLO");
  reply(c, m, SGPU_WIRE_EPROTO, 0, 0, 0);
  conn_flush(c);
  conn_close(s, i);
  return -1;
}

static void take_fds(struct conn *c, struct msghdr *mh) {
  for (struct cmsghdr *cm = CMSG_FIRSTHDR(mh); cm; cm = CMSG_NXTHDR(mh, cm)) {
    if (cm->cmsg_level != SOL_SOCKET || cm->cmsg_type != SCM_RIGHTS) continue;
    size_t n = (cm->cmsg_len - CMSG_LEN(0)) / sizeof(int);
    int fds[8];
    if (n > 8) n = 8;
    memcpy(fds, CMSG_DATA(cm), n * sizeof(int));
    for (size_t k = 0; k < n; k++) {
      if (c->passed_fd >= 0) close(c->passed_fd); /* the latest one counts */
      c->passed_fd = fds[k];
    }
  }
}

/* Reads what the connection has; returns -1 if it was closed. */
static int conn_read(struct server *s, int i) {
  struct conn *c = &s->conns[i];
  for (;;) {
    union {
      struct cmsghdr h;
      char buf[CMSG_SPACE(8 * sizeof(int))];
    } ctl;
    struct iovec iov = {c->rbuf + c->rlen, sizeof c->rbuf - c->rlen};
    struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.buf,
                        .msg_controllen = sizeof ctl.buf};
    ssize_t n = recvmsg(c->fd, &mh, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return 0;
    if (n <= 0) { /* EOF or ECONNRESET: the same as BYE */
      c->dead = 1;
      return 0;
    }
    take_fds(c, &mh);
    c->rlen += (size_t)n;
    size_t off = 0;
    while (c->rlen - off >= MSG_SIZE) {
      struct sgpu_wire_msg m;
      memcpy(&m, c->rbuf + off, MSG_SIZE);
      off += MSG_SIZE;
      if (on_msg(s, i, &m)) return -1;
    }
    memmove(c->rbuf, c->rbuf + off, c->rlen - off);
    c->rlen -= off;
  }
}

static void reap(struct server *s) {
  for (int i = s->nconns - 1; i >= 0; i--)
    if (s->conns[i].dead) conn_close(s, i);
}

int server_poll(struct server *s, int timeout_ms, const sigset_t *sigmask) {
  io_ready = 0; /* before looking: what arrives after the look raises it again */
  reap(s);
  struct pollfd pfd[MAX_CONNS + 1];
  pfd[0] = (struct pollfd){.fd = s->lfd, .events = POLLIN};
  for (int i = 0; i < s->nconns; i++)
    pfd[i + 1] = (struct pollfd){.fd = s->conns[i].fd,
                                 .events = (short)(POLLIN | (s->conns[i].olen ? POLLOUT : 0))};
  struct timespec ts = {timeout_ms / 1000, (long)(timeout_ms % 1000) * 1000000L};
  int n = ppoll(pfd, (nfds_t)s->nconns + 1, timeout_ms < 0 ? NULL : &ts, sigmask);
  if (n < 0) return errno == EINTR ? -1 : 0;
  if (n == 0) return 0;
  /* Connections first (the array changes as they close: walk it from the end). */
  int nc = s->nconns;
  for (int i = nc - 1; i >= 0; i--) {
    short re = pfd[i + 1].revents;
    if (!re) continue;
    if (re & POLLOUT) conn_flush(&s->conns[i]);
    if (re & (POLLIN | POLLHUP | POLLERR)) conn_read(s, i);
  }
  if (pfd[0].revents & POLLIN) accept_all(s);
  reap(s);
  return 0;
}

int server_has_driver(const struct server *s) { return s->driver >= 0; }

void server_mmio_done(struct server *s, uint64_t cookie, enum rc_mmio_status st, uint32_t value) {
  if (cookie >= s->nslots || !s->slots[cookie].used) return;
  struct slot *sl = &s->slots[cookie];
  sl->used = 0;
  static const uint32_t status[] = {[RC_MMIO_OK] = SGPU_WIRE_OK, [RC_MMIO_UR] = SGPU_WIRE_EUR,
                                    [RC_MMIO_CA] = SGPU_WIRE_EUR, [RC_MMIO_TIMEOUT] = SGPU_WIRE_ETIMEOUT};
  struct sgpu_wire_msg m = {.type = SGPU_WIRE_MMIO_READ, .status = status[st], .seq = sl->seq,
                            .value = value};
  for (int i = 0; i < s->nconns; i++) /* not found: the connection that asked has left */
    if (s->conns[i].id == sl->conn_id) conn_send(&s->conns[i], &m);
}

void server_irq(struct server *s, unsigned vector) {
  if (s->driver < 0) return;
  struct sgpu_wire_msg m = {.type = SGPU_WIRE_IRQ, .arg = vector};
  conn_send(&s->conns[s->driver], &m);
}

void server_close(struct server *s) {
  if (!s) return;
  while (s->nconns) conn_close(s, s->nconns - 1);
  close(s->lfd);
  struct stat st;
  if (stat(s->path, &st) == 0 && st.st_dev == s->dev && st.st_ino == s->ino) unlink(s->path);
  free(s->slots);
  free(s);
}
