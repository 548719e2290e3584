/* fake_sim.c: a stand-in for sgpu-sim in unit tests (see fake_sim.h). */
/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "fake_sim.h"
#include "sgpu_regs.h"
#include "sim_wire.h"

/* A configuration space like the device's: IDs, class, BAR0, an MSI capability (8 vectors,
 * 64-bit) at 0x50 and a PCI Express capability (5 GT/s x2) at 0x70. */
static void config_space(uint8_t c[256])
{
    memset(c, 0, 256);
    c[0x00] = 0xee; c[0x01] = 0x10; c[0x02] = 0x47; c[0x03] = 0x53;
    c[0x04] = 0x06; c[0x06] = 0x10;               /* memory + master; capability list */
    c[0x08] = 0x01; c[0x09] = 0x00; c[0x0a] = 0x02; c[0x0b] = 0x03;
    c[0x10] = 0x00; c[0x12] = 0x00; c[0x13] = 0xf0; /* BAR0 at 0xf0000000 */
    c[0x2c] = 0xee; c[0x2d] = 0x10; c[0x2e] = 0x01;
    c[0x34] = 0x50;
    c[0x50] = 0x05; c[0x51] = 0x70; c[0x52] = 0x87; c[0x53] = 0x00; /* MSI: 64-bit, 8 capable, on */
    c[0x70] = 0x10; c[0x71] = 0x00; c[0x72] = 0x02;
    c[0x82] = 0x22; c[0x83] = 0x00;               /* Link Status: speed 2, width 2 */
}

static int write_dump(const char *path)
{
    uint8_t c[256];
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    config_space(c);
    fprintf(f, "00:00.0 3D controller: Device 10ee:5347 (rev 01)\n");
    for (int row = 0; row < 256; row += 16) {
        fprintf(f, "%02x:", row);
        for (int i = 0; i < 16; i++)
            fprintf(f, " %02x", c[row + i]);
        fputc('\n', f);
    }
    fputc('\n', f);
    return fclose(f);
}

static int send_msg(int fd, const struct sgpu_wire_msg *m)
{
    return send(fd, m, sizeof *m, MSG_NOSIGNAL) == (ssize_t)sizeof *m ? 0 : -1;
}

/* Reads one message and the descriptor that may come with it. */
static int recv_msg(int fd, struct sgpu_wire_msg *m, int *passed)
{
    union {
        struct cmsghdr h;
        char buf[CMSG_SPACE(sizeof(int))];
    } ctl;
    struct iovec iov = {.iov_base = m, .iov_len = sizeof *m};
    struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.buf,
                        .msg_controllen = sizeof ctl.buf};
    *passed = -1;
    ssize_t n = recvmsg(fd, &mh, MSG_WAITALL);
    if (n != (ssize_t)sizeof *m)
        return -1;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c))
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
            memcpy(passed, CMSG_DATA(c), sizeof(int));
    return 0;
}

static uint32_t reg_read(struct fake_sim *f, uint32_t off)
{
    switch (off) {
    case SGPU_ID_MAGIC_OFFSET:
        return f->magic ? f->magic : SGPU_ID_MAGIC_RESET;
    case SGPU_ID_VERSION_OFFSET:
        return SGPU_ID_VERSION_RESET;
    case SGPU_ID_CAPS_OFFSET:
        return SGPU_ID_CAPS_RESET;
    case SGPU_ID_FW_STATUS_OFFSET:
        return f->fw_hold ? SGPU_ID_FW_STATUS_STATE_NONE : SGPU_ID_FW_STATUS_STATE_RUNNING;
    case SGPU_LINK_BAR0_BASE + SGPU_LINK_STATUS_OFFSET:
        /* payload 256, read request 512, master, MSI on with 8 vectors */
        return 1u | 2u << 4 | 1u << 8 | 1u << 9 | 3u << 12;
    }
    return f->regs[off / 4];
}

#define DMA(reg) (f->regs[(SGPU_DMA_BAR0_BASE + SGPU_DMA_##reg##_OFFSET) / 4])
#define FW(reg) (SGPU_FW_BAR0_BASE + SGPU_FW_##reg##_OFFSET)

/* The FW block's core-RAM word at FW.ADDR, or NULL outside the RAM. */
static uint32_t *fw_word(struct fake_sim *f)
{
    uint32_t off = f->fw_addr - 0x80000000u;
    return off < FAKE_SIM_CORE_RAM ? &f->fw_ram[off / 4] : NULL;
}

static uint32_t fw_read(struct fake_sim *f, uint32_t off)
{
    uint32_t v = 0, *w;
    switch (off) {
    case FW(CTRL):
        return (uint32_t)f->fw_hold;
    case FW(ADDR):
        return f->fw_addr;
    case FW(DATA):
        if (f->fw_hold && (w = fw_word(f)))
            v = *w ^ (f->fw_addr == f->fw_corrupt_addr ? 1u : 0u);
        f->fw_addr += 4;
        return v;
    case FW(RESETS):
        return f->fw_resets;
    }
    return 0;
}

static void fw_write(struct fake_sim *f, uint32_t off, uint32_t v)
{
    uint32_t *w;
    switch (off) {
    case FW(CTRL):
        if (v >> 16 != 0x5347u)
            return;
        if (f->fw_hold && !(v & 1))
            f->fw_resets++;
        f->fw_hold = v & 1;
        return;
    case FW(ADDR):
        f->fw_addr = v & ~3u;
        return;
    case FW(DATA):
        if (f->fw_hold && (w = fw_word(f)))
            *w = v;
        f->fw_addr += 4;
        return;
    }
}

static int in_fw(const struct fake_sim *f, uint64_t off)
{
    return f->fw_block && off >= SGPU_FW_BAR0_BASE && off < SGPU_FW_BAR0_BASE + SGPU_FW_SIZE;
}

/* The DMA block, done at once: copy, status, cycles, then the MSI if asked. */
static int dma_start(struct fake_sim *f, int fd)
{
    uint64_t host = (uint64_t)DMA(HOST_ADDR_HI) << 32 | DMA(HOST_ADDR_LO);
    uint32_t vram = DMA(VRAM_ADDR), len = DMA(LENGTH), ctrl = DMA(CTRL);
    unsigned err = f->dma_error;
    if (!err && (host % 8 || vram % 8 || len % 8 || len == 0 || vram + (uint64_t)len > SGPU_CFG_VRAM_BYTES))
        err = SGPU_DMA_STATUS_ERROR_BAD_ARGS;
    if (!err && (!f->mem || host < FAKE_SIM_BUS_BASE || host - FAKE_SIM_BUS_BASE + len > f->mem_size))
        err = SGPU_DMA_STATUS_ERROR_UNSUPPORTED;
    if (!err && (ctrl & SGPU_DMA_CTRL_DIR_MASK))
        memcpy(f->mem + (host - FAKE_SIM_BUS_BASE), f->vram + vram, len);
    else if (!err)
        memcpy(f->vram + vram, f->mem + (host - FAKE_SIM_BUS_BASE), len);
    DMA(STATUS) = SGPU_DMA_STATUS_DONE_MASK | err << SGPU_DMA_STATUS_ERROR_SHIFT;
    DMA(CYCLES) = len / 8 + 100;
    if (ctrl & SGPU_DMA_CTRL_IRQ_MASK) {
        struct sgpu_wire_msg irq = {.type = SGPU_WIRE_IRQ,
                                    .arg = (ctrl & SGPU_DMA_CTRL_VECTOR_MASK) >> SGPU_DMA_CTRL_VECTOR_SHIFT};
        return send_msg(fd, &irq);
    }
    return 0;
}

static uint32_t stats_read(struct fake_sim *f, uint32_t off)
{
    uint32_t *w = &f->stats[(off - SGPU_STATS_BAR0_BASE) / 4];
    if (off == SGPU_STATS_BAR0_BASE) {
        f->stats_seq_reads++;
        if (f->stats_odd) {
            f->stats_odd--;
            return *w | 1u;
        }
        if (f->stats_churn) {
            f->stats_churn--;
            *w += 2; /* an update finished since the last look */
        }
    }
    return *w;
}

/* Answers one message from the driver; returns -1 when the connection is to close.
 * *greeted: 1 after HELLO, 2 after OBSERVE (reads only). */
static int serve_one(struct fake_sim *f, int fd, int *greeted)
{
    struct sgpu_wire_msg m;
    int passed;

    if (recv_msg(fd, &m, &passed) != 0)
        return -1;
    struct sgpu_wire_msg r = {.type = m.type, .seq = m.seq};
    if (!*greeted && m.type == SGPU_WIRE_OBSERVE) {
        if (m.value != SGPU_WIRE_VERSION) {
            r.status = SGPU_WIRE_EVERSION;
        } else {
            *greeted = 2;
            f->observers++;
        }
        return send_msg(fd, &r);
    }
    if (!*greeted && m.type != SGPU_WIRE_HELLO) {
        r.status = SGPU_WIRE_EPROTO;
        send_msg(fd, &r);
        return -1;
    }
    switch (m.type) {
    case SGPU_WIRE_HELLO:
        if (m.value != (f->wire_version ? f->wire_version : SGPU_WIRE_VERSION)) {
            r.status = SGPU_WIRE_EVERSION;
        } else if (passed < 0 || m.addr == 0 || m.addr % 4096) {
            r.status = SGPU_WIRE_EBADMEM;
        } else {
            f->mem = mmap(NULL, m.addr, PROT_READ | PROT_WRITE, MAP_SHARED, passed, 0);
            f->mem_size = m.addr;
            r.addr = FAKE_SIM_BUS_BASE;
            *greeted = 1;
            f->clients++;
        }
        if (passed >= 0)
            close(passed);
        return send_msg(fd, &r);
    case SGPU_WIRE_MMIO_READ:
        f->mmio_requests++;
        if (f->silent_offset && m.addr == f->silent_offset)
            return 0;
        if (f->hangup_offset && m.addr == f->hangup_offset)
            return -1;
        if (m.addr >= 0x10000 || m.addr % 4)
            r.status = SGPU_WIRE_ERANGE;
        else if (in_fw(f, m.addr))
            r.value = fw_read(f, (uint32_t)m.addr);
        else if (m.addr >= SGPU_STATS_BAR0_BASE && m.addr < SGPU_STATS_BAR0_BASE + SGPU_STATS_SIZE)
            r.value = stats_read(f, (uint32_t)m.addr);
        else if (m.addr == SGPU_CP_BAR0_BASE + SGPU_CP_CYCLES_LO_OFFSET)
            r.value = (uint32_t)f->cp_cycles;
        else if (m.addr == SGPU_CP_BAR0_BASE + SGPU_CP_CYCLES_HI_OFFSET)
            r.value = (uint32_t)(f->cp_cycles >> 32);
        else if (m.addr >= 0x3000)
            r.status = SGPU_WIRE_EUR;
        else
            r.value = reg_read(f, (uint32_t)m.addr);
        return send_msg(fd, &r);
    case SGPU_WIRE_MMIO_WRITE:
        f->mmio_requests++;
        if (*greeted == 2) {
            r.status = SGPU_WIRE_EREADONLY;
            return send_msg(fd, &r);
        }
        if (m.addr == SGPU_LINK_BAR0_BASE + SGPU_LINK_MSI_SEND_OFFSET) {
            struct sgpu_wire_msg irq = {.type = SGPU_WIRE_IRQ, .arg = m.value & 31};
            return send_msg(fd, &irq);
        }
        if (m.addr == SGPU_DMA_BAR0_BASE + SGPU_DMA_START_OFFSET)
            return m.value & 1 ? dma_start(f, fd) : 0;
        if (in_fw(f, m.addr)) {
            fw_write(f, (uint32_t)m.addr, (uint32_t)m.value);
            return 0;
        }
        if (m.addr < sizeof f->regs)
            f->regs[m.addr / 4] = (uint32_t)m.value;
        return 0;
    case SGPU_WIRE_CYCLES:
        r.value = 1000 + f->cycles_step * f->cycles_asked++;
        r.arg = 2000;
        return send_msg(fd, &r);
    case SGPU_WIRE_BYE:
        return -1;
    }
    r.status = SGPU_WIRE_EPROTO;
    send_msg(fd, &r);
    return -1;
}

/* A second driver is refused at HELLO while the first is connected. */
static void refuse(int listen_fd)
{
    int other = accept(listen_fd, NULL, NULL);
    struct sgpu_wire_msg m;
    int passed;
    if (other < 0)
        return;
    if (recv_msg(other, &m, &passed) == 0) {
        struct sgpu_wire_msg r = {.type = m.type, .seq = m.seq, .status = SGPU_WIRE_EBUSY};
        if (passed >= 0)
            close(passed);
        send_msg(other, &r);
    }
    close(other);
}

static void *run(void *arg)
{
    struct fake_sim *f = arg;
    int client = -1, greeted = 0;
    for (;;) {
        struct pollfd p[3] = {{.fd = f->listen_fd, .events = POLLIN},
                              {.fd = f->stop_pipe[0], .events = POLLIN},
                              {.fd = client, .events = POLLIN}};
        poll(p, client >= 0 ? 3 : 2, -1);
        if (p[1].revents)
            break;
        /* the driver first: a BYE frees the device for whoever connects next */
        if (client >= 0 && p[2].revents && serve_one(f, client, &greeted) != 0) {
            close(client);
            client = -1;
            if (f->mem)
                munmap(f->mem, f->mem_size);
            f->mem = NULL;
        }
        if (p[0].revents & POLLIN) {
            if (client >= 0) {
                refuse(f->listen_fd);
            } else {
                client = accept(f->listen_fd, NULL, NULL);
                greeted = 0;
            }
        }
    }
    if (client >= 0)
        close(client);
    if (f->mem)
        munmap(f->mem, f->mem_size);
    return NULL;
}

int fake_sim_start(struct fake_sim *f)
{
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    snprintf(f->dir, sizeof f->dir, "/tmp/sgpu-fake-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->path, sizeof f->path, "%s/sim.sock", f->dir);
    snprintf(f->dump, sizeof f->dump, "%s%s", f->path, SGPU_WIRE_CONFIG_SUFFIX);
    if (f->write_dump >= 0 && write_dump(f->dump) != 0)
        return -1;
    f->vram = calloc(1, SGPU_CFG_VRAM_BYTES);
    f->fw_ram = calloc(1, FAKE_SIM_CORE_RAM);
    if (!f->vram || !f->fw_ram)
        return -1;
    strcpy(sa.sun_path, f->path);
    f->listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (f->listen_fd < 0 || bind(f->listen_fd, (struct sockaddr *)&sa, sizeof sa) != 0 ||
        listen(f->listen_fd, 4) != 0 || pipe(f->stop_pipe) != 0)
        return -1;
    return pthread_create(&f->thread, NULL, run, f) == 0 ? 0 : -1;
}

void fake_sim_stop(struct fake_sim *f)
{
    if (write(f->stop_pipe[1], "x", 1) != 1)
        return;
    pthread_join(f->thread, NULL);
    close(f->listen_fd);
    close(f->stop_pipe[0]);
    close(f->stop_pipe[1]);
    unlink(f->path);
    unlink(f->dump);
    rmdir(f->dir);
    free(f->vram);
    free(f->fw_ram);
}
