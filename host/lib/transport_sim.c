/* transport_sim.c: the `sim` transport: sgpu-sim over a Unix socket (sim_wire.h), with host
 * memory in a shared-memory file handed over in HELLO and a first-fit allocator over it.
 *
 * The socket is non-blocking and every wait is a poll() with a deadline. IRQ messages may
 * arrive at any time; whatever is read while waiting for something else is queued. A reply
 * whose seq is not the one awaited (the answer to a request that timed out) is dropped. */
/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "alloc.h"
#include "discover.h"
#include "error.h"
#include "irqq.h"
#include "sim_wire.h"
#include "transport.h"

#define DEFAULT_HOST_MEM (64ull << 20)
/* How long close waits for sgpu-sim to hang up after BYE. */
#define BYE_WAIT_MS 1000u

struct sim {
    int fd;
    int memfd;
    uint8_t *mem;
    uint64_t mem_size;
    uint64_t bus_base;
    uint64_t seq;
    int dead;                       /* the link broke: every request fails with SGPU_ERR_IO */
    int greeted;                    /* HELLO was answered: BYE is due at close */
    uint8_t rx[sizeof(struct sgpu_wire_msg)];
    size_t rx_len;                  /* bytes of a message read so far */
    struct range_alloc ra;
    struct irq_queue irqs;
    struct pci_found pci;
    const char *path;
};

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static int ms_left(uint64_t deadline)
{
    uint64_t now = now_ms();
    return now >= deadline ? 0 : (int)(deadline - now < 1000000 ? deadline - now : 1000000);
}

static int broken(struct sim *s, const char *why)
{
    s->dead = 1;
    return sgpu_fail(SGPU_ERR_IO, "sim %s: %s", s->path, why);
}

/* Reads what the socket has; returns 1 with a whole message in *m, 0 if none is complete
 * yet, or an error (the connection closed or failed). */
static int read_some(struct sim *s, struct sgpu_wire_msg *m)
{
    ssize_t n = recv(s->fd, s->rx + s->rx_len, sizeof s->rx - s->rx_len, 0);
    if (n == 0)
        return broken(s, "sgpu-sim closed the connection");
    if (n < 0) {
        if (errno == EAGAIN || errno == EINTR)
            return 0;
        return broken(s, strerror(errno));
    }
    s->rx_len += (size_t)n;
    if (s->rx_len < sizeof s->rx)
        return 0;
    memcpy(m, s->rx, sizeof *m);
    s->rx_len = 0;
    return 1;
}

/* Waits until deadline for a message; IRQs are queued and, unless want_irq, not returned.
 * Returns 1 with *m, 0 on timeout, or an error. */
static int next_message(struct sim *s, struct sgpu_wire_msg *m, uint64_t deadline, int want_irq)
{
    for (;;) {
        int rc = read_some(s, m);
        if (rc < 0)
            return rc;
        if (rc == 1) {
            if (m->type != SGPU_WIRE_IRQ)
                return 1;
            irqq_push(&s->irqs, (unsigned)m->arg);
            if (want_irq)
                return 1;
            continue;
        }
        int left = ms_left(deadline);
        if (left == 0)
            return 0;
        struct pollfd p = {.fd = s->fd, .events = POLLIN};
        if (poll(&p, 1, left) < 0 && errno != EINTR)
            return broken(s, strerror(errno));
    }
}

/* Sends one message (with a descriptor if fd >= 0); while the socket is full, reads and
 * queues what sgpu-sim sends so that neither side can block the other. */
static int send_msg(struct sim *s, const struct sgpu_wire_msg *m, int fd, uint64_t deadline)
{
    const uint8_t *p = (const uint8_t *)m;
    size_t done = 0;
    union {
        struct cmsghdr h;
        char buf[CMSG_SPACE(sizeof(int))];
    } ctl;

    if (s->dead)
        return sgpu_fail(SGPU_ERR_IO, "sim %s: the connection is broken", s->path);
    while (done < sizeof *m) {
        struct iovec iov = {.iov_base = (void *)(p + done), .iov_len = sizeof *m - done};
        struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1};
        if (fd >= 0 && done == 0) {
            memset(&ctl, 0, sizeof ctl);
            mh.msg_control = ctl.buf;
            mh.msg_controllen = sizeof ctl.buf;
            struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
            c->cmsg_level = SOL_SOCKET;
            c->cmsg_type = SCM_RIGHTS;
            c->cmsg_len = CMSG_LEN(sizeof(int));
            memcpy(CMSG_DATA(c), &fd, sizeof fd);
        }
        ssize_t n = sendmsg(s->fd, &mh, MSG_NOSIGNAL);
        if (n > 0) {
            done += (size_t)n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno != EAGAIN)
            return broken(s, errno == EPIPE ? "sgpu-sim closed the connection" : strerror(errno));
        int left = ms_left(deadline);
        if (left == 0)
            return sgpu_fail(SGPU_ERR_TIMEOUT, "sim %s: sgpu-sim takes no requests", s->path);
        struct pollfd pfd = {.fd = s->fd, .events = POLLIN | POLLOUT};
        if (poll(&pfd, 1, left) < 0 && errno != EINTR)
            return broken(s, strerror(errno));
        if (pfd.revents & POLLIN) {
            struct sgpu_wire_msg in;
            int rc = next_message(s, &in, 0, 1);
            if (rc < 0)
                return rc;
            /* a reply nobody waits for any more is dropped */
        }
    }
    return SGPU_OK;
}

/* A request and its reply (same type and seq). */
static int transact(struct sgpu_dev *dev, struct sgpu_wire_msg *m, int fd)
{
    struct sim *s = dev->priv;
    uint64_t deadline = now_ms() + dev->timeout_ms;
    uint32_t type = m->type;
    m->seq = ++s->seq;
    int rc = send_msg(s, m, fd, deadline);
    if (rc)
        return rc;
    uint64_t seq = m->seq;
    for (;;) {
        rc = next_message(s, m, deadline, 0);
        if (rc < 0)
            return rc;
        if (rc == 0)
            return sgpu_fail(SGPU_ERR_TIMEOUT, "sim %s: no reply in %u ms", s->path, dev->timeout_ms);
        if (m->type == type && m->seq == seq)
            return SGPU_OK;
    }
}

static int connect_socket(struct sim *s, uint64_t deadline)
{
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    struct stat st;

    if (stat(s->path, &st) == 0 && !S_ISSOCK(st.st_mode))
        return sgpu_fail(SGPU_ERR_NO_DEVICE, "sim %s: not a socket", s->path);
    strncpy(sa.sun_path, s->path, sizeof sa.sun_path - 1);
    s->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (s->fd < 0)
        return sgpu_fail(SGPU_ERR_IO, "sim: socket: %s", strerror(errno));
    for (;;) {
        if (connect(s->fd, (struct sockaddr *)&sa, sizeof sa) == 0)
            return SGPU_OK;
        if (errno == ENOENT || errno == ECONNREFUSED || errno == ENOTDIR)
            return sgpu_fail(SGPU_ERR_CONNECT, "sim %s: no simulator is listening (%s)", s->path,
                             strerror(errno));
        if (errno != EAGAIN && errno != EINTR)
            return sgpu_fail(SGPU_ERR_CONNECT, "sim %s: %s", s->path, strerror(errno));
        /* the listen backlog is full: try again until the deadline */
        if (ms_left(deadline) == 0)
            return sgpu_fail(SGPU_ERR_TIMEOUT, "sim %s: sgpu-sim accepts no connection", s->path);
        struct timespec ts = {0, 5 * 1000000};
        nanosleep(&ts, NULL);
    }
}

static int create_memory(struct sim *s, uint64_t size)
{
    s->memfd = memfd_create("sgpu-host-memory", MFD_CLOEXEC);
    if (s->memfd < 0)
        return sgpu_fail(SGPU_ERR_NOMEM, "sim: memfd_create: %s", strerror(errno));
    if (ftruncate(s->memfd, (off_t)size) != 0)
        return sgpu_fail(SGPU_ERR_NOMEM, "sim: %llu bytes of host memory: %s",
                         (unsigned long long)size, strerror(errno));
    void *mem = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, s->memfd, 0);
    if (mem == MAP_FAILED)
        return sgpu_fail(SGPU_ERR_NOMEM, "sim: mmap of host memory: %s", strerror(errno));
    s->mem = mem;
    s->mem_size = size;
    return SGPU_OK;
}

static int hello(struct sgpu_dev *dev)
{
    struct sim *s = dev->priv;
    struct sgpu_wire_msg m = {.type = SGPU_WIRE_HELLO, .value = SGPU_WIRE_VERSION, .addr = s->mem_size};
    int rc = transact(dev, &m, s->memfd);
    if (rc == SGPU_ERR_IO)
        return sgpu_fail(SGPU_ERR_IO, "sim %s: sgpu-sim closed the connection during HELLO", s->path);
    if (rc)
        return rc;
    switch (m.status) {
    case SGPU_WIRE_OK:
        s->bus_base = m.addr;
        s->greeted = 1;
        return SGPU_OK;
    case SGPU_WIRE_EVERSION:
        return sgpu_fail(SGPU_ERR_VERSION, "sim %s: sgpu-sim speaks another wire version (ours: %u)",
                         s->path, SGPU_WIRE_VERSION);
    case SGPU_WIRE_EBUSY:
        return sgpu_fail(SGPU_ERR_BUSY, "sim %s: another driver is connected", s->path);
    case SGPU_WIRE_EBADMEM:
        return sgpu_fail(SGPU_ERR_INVALID, "sim %s: sgpu-sim refused %llu bytes of host memory",
                         s->path, (unsigned long long)s->mem_size);
    }
    return sgpu_fail(SGPU_ERR_IO, "sim %s: HELLO answered with status %u", s->path, m.status);
}

/* OBSERVE instead of HELLO: no host memory, BAR0 reads only, beside the driver. */
static int observe(struct sgpu_dev *dev)
{
    struct sim *s = dev->priv;
    struct sgpu_wire_msg m = {.type = SGPU_WIRE_OBSERVE, .value = SGPU_WIRE_VERSION};
    int rc = transact(dev, &m, -1);
    if (rc == SGPU_ERR_IO)
        return sgpu_fail(SGPU_ERR_IO, "sim %s: sgpu-sim closed the connection during OBSERVE "
                         "(a simulator without observers?)", s->path);
    if (rc)
        return rc;
    if (m.status == SGPU_WIRE_OK) {
        s->greeted = 1;
        return SGPU_OK;
    }
    if (m.status == SGPU_WIRE_EVERSION)
        return sgpu_fail(SGPU_ERR_VERSION, "sim %s: sgpu-sim speaks another wire version (ours: %u)",
                         s->path, SGPU_WIRE_VERSION);
    return sgpu_fail(SGPU_ERR_IO, "sim %s: OBSERVE answered with status %u", s->path, m.status);
}

static void sim_close(struct sgpu_dev *dev)
{
    struct sim *s = dev->priv;
    if (!s)
        return;
    if (s->fd >= 0) {
        /* Best effort, and silent: closing must not replace the detail of an earlier error.
         * After BYE, wait (briefly) for sgpu-sim to hang up, so that when close returns the
         * device is free for the next driver. */
        if (s->greeted && !s->dead) {
            struct sgpu_wire_msg m = {.type = SGPU_WIRE_BYE, .seq = ++s->seq};
            if (send(s->fd, &m, sizeof m, MSG_NOSIGNAL) == (ssize_t)sizeof m &&
                shutdown(s->fd, SHUT_WR) == 0) {
                uint64_t deadline = now_ms() + (dev->timeout_ms < BYE_WAIT_MS ? dev->timeout_ms : BYE_WAIT_MS);
                char sink[256];
                for (int left; (left = ms_left(deadline)) > 0;) {
                    struct pollfd p = {.fd = s->fd, .events = POLLIN};
                    if (poll(&p, 1, left) <= 0)
                        break;
                    ssize_t n = recv(s->fd, sink, sizeof sink, 0);
                    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
                        break;
                }
            }
        }
        close(s->fd);
    }
    if (s->mem)
        munmap(s->mem, s->mem_size);
    if (s->memfd >= 0)
        close(s->memfd);
    ra_fini(&s->ra);
    free(s);
    dev->priv = NULL;
}

static int sim_open(struct sgpu_dev *dev, const struct sgpu_uri *uri,
                    const struct sgpu_open_options *opts)
{
    char dump[sizeof uri->path + sizeof SGPU_WIRE_CONFIG_SUFFIX];
    uint64_t size = opts->host_mem_bytes ? opts->host_mem_bytes : DEFAULT_HOST_MEM;
    int rc;

    if (size % SGPU_PAGE || size > SGPU_WIRE_MAX_HOST_MEM)
        return sgpu_fail(SGPU_ERR_INVALID, "sim: host memory of %llu bytes: not a multiple of 4096 "
                         "up to 4 GiB", (unsigned long long)size);
    struct sim *s = calloc(1, sizeof *s);
    if (!s)
        return sgpu_fail(SGPU_ERR_NOMEM, "sim: out of memory");
    s->fd = s->memfd = -1;
    s->path = uri->path;
    irqq_init(&s->irqs);
    dev->priv = s;
    rc = connect_socket(s, now_ms() + dev->timeout_ms);
    if (!rc && opts->observer)
        rc = observe(dev);
    else if (!rc && !(rc = create_memory(s, size)))
        rc = hello(dev);
    if (rc)
        goto fail;
    ra_init(&s->ra, s->mem_size);
    strcpy(dump, uri->path);
    strcat(dump, SGPU_WIRE_CONFIG_SUFFIX);
    if ((rc = sgpu_discover_dump(dump, &s->pci)))
        goto fail;
    if (s->pci.bar0_size && s->pci.bar0_size <= UINT32_MAX)
        dev->bar0_size = (uint32_t)s->pci.bar0_size;
    return SGPU_OK;
fail:
    sim_close(dev);
    return rc;
}

static int wire_status(struct sim *s, const struct sgpu_wire_msg *m, uint32_t offset)
{
    switch (m->status) {
    case SGPU_WIRE_OK:
        return SGPU_OK;
    case SGPU_WIRE_ERANGE:
        return sgpu_fail(SGPU_ERR_RANGE, "sim %s: BAR0 offset 0x%x refused", s->path, offset);
    case SGPU_WIRE_EUR:
        return sgpu_fail(SGPU_ERR_DEVICE, "BAR0 0x%x: the device answered Unsupported Request", offset);
    case SGPU_WIRE_ETIMEOUT:
        return sgpu_fail(SGPU_ERR_TIMEOUT, "BAR0 0x%x: the device did not complete the read", offset);
    case SGPU_WIRE_EREADONLY:
        return sgpu_fail(SGPU_ERR_READ_ONLY, "sim %s: BAR0 0x%x: sgpu-sim refused an observer's "
                         "write", s->path, offset);
    }
    return sgpu_fail(SGPU_ERR_IO, "sim %s: reply status %u", s->path, m->status);
}

static int sim_read32(struct sgpu_dev *dev, uint32_t offset, uint32_t *value)
{
    struct sgpu_wire_msg m = {.type = SGPU_WIRE_MMIO_READ, .addr = offset};
    int rc = transact(dev, &m, -1);
    if (rc)
        return rc;
    *value = (uint32_t)m.value;
    return wire_status(dev->priv, &m, offset);
}

static int sim_write32(struct sgpu_dev *dev, uint32_t offset, uint32_t value)
{
    struct sim *s = dev->priv;
    struct sgpu_wire_msg m = {.type = SGPU_WIRE_MMIO_WRITE, .seq = ++s->seq, .addr = offset,
                              .value = value, .arg = 0xf};
    return send_msg(s, &m, -1, now_ms() + dev->timeout_ms);
}

static int sim_dma_alloc(struct sgpu_dev *dev, struct dma_buf *b)
{
    struct sim *s = dev->priv;
    uint64_t off;
    if (!s->mem)
        return sgpu_fail(SGPU_ERR_READ_ONLY, "sim: an observer has no host memory");
    if (ra_alloc(&s->ra, b->pub.size, &off))
        return sgpu_fail(SGPU_ERR_NOMEM, "sim: no %zu bytes free in %llu bytes of host memory "
                         "(sgpu_open_options.host_mem_bytes)", b->pub.size,
                         (unsigned long long)s->mem_size);
    /* a buffer never shows what an earlier one held */
    memset(s->mem + off, 0, b->pub.size);
    b->offset = off;
    b->pub.cpu = s->mem + off;
    b->pub.bus = s->bus_base + off;
    return SGPU_OK;
}

static void sim_dma_free(struct sgpu_dev *dev, struct dma_buf *b)
{
    struct sim *s = dev->priv;
    ra_free(&s->ra, b->offset);
}

static int sim_irq_wait(struct sgpu_dev *dev, unsigned timeout_ms, unsigned *vector)
{
    struct sim *s = dev->priv;
    uint64_t deadline = now_ms() + timeout_ms;
    struct sgpu_wire_msg m;

    for (;;) {
        if (irqq_pop(&s->irqs, vector))
            return SGPU_OK;
        if (s->dead)
            return sgpu_fail(SGPU_ERR_IO, "sim %s: the connection is broken", s->path);
        int rc = next_message(s, &m, deadline, 1);
        if (rc < 0)
            return rc;
        if (rc == 0 && !irqq_pop(&s->irqs, vector))
            return sgpu_fail(SGPU_ERR_TIMEOUT, "no interrupt in %u ms", timeout_ms);
        if (rc == 0)
            return SGPU_OK;
    }
}

static int sim_cycles(struct sgpu_dev *dev, uint64_t *cycles, uint64_t *wall_ns)
{
    struct sgpu_wire_msg m = {.type = SGPU_WIRE_CYCLES};
    int rc = transact(dev, &m, -1);
    if (rc)
        return rc;
    *cycles = m.value;
    *wall_ns = m.arg;
    return SGPU_OK;
}

static int sim_pci_info(struct sgpu_dev *dev, struct sgpu_info *info)
{
    struct sim *s = dev->priv;
    sgpu_pci_found_to_info(&s->pci, info);
    return SGPU_OK;
}

const struct transport_ops sgpu_transport_sim = {
    .name = "sim",
    .open = sim_open,
    .close = sim_close,
    .read32 = sim_read32,
    .write32 = sim_write32,
    .dma_alloc = sim_dma_alloc,
    .dma_free = sim_dma_free,
    .irq_wait = sim_irq_wait,
    .cycles = sim_cycles,
    .pci_info = sim_pci_info,
};
