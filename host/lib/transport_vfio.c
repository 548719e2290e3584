/* transport_vfio.c: the `vfio` transport: a real sgpu on PCIe through Linux VFIO.
 *
 * Bring-up follows the kernel's Documentation/driver-api/vfio.rst: find the function and
 * its IOMMU group (libpci, sysfs method), open the container and the group, attach the
 * group, pick the type-1 IOMMU, get the device descriptor, map BAR0, turn on memory space
 * and bus mastering in the command register, route MSI vectors to eventfds. DMA buffers are
 * anonymous memory mapped into the IOMMU at I/O virtual addresses allocated here. */
/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/vfio.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "alloc.h"
#include "discover.h"
#include "error.h"
#include "irqq.h"
#include "transport.h"

/* Without the IOMMU's list of usable ranges: 64 GiB of I/O addresses from 4 GiB up, clear
 * of the MSI window and other reserved regions below 4 GiB on x86. */
#define IOVA_DEFAULT_BASE   (4ull << 30)
#define IOVA_WINDOW_MAX     (64ull << 30)
#define IOVA_WINDOW_MIN     (256ull << 20)

struct vfio {
    int container, group, device;
    volatile uint8_t *bar0;
    size_t bar0_len;
    uint64_t config_offset;        /* of the configuration-space region in the device fd */
    int irq_fd[SGPU_IRQ_VECTORS];
    unsigned irq_count;
    struct irq_queue irqs;
    uint64_t iova_base;
    struct range_alloc iova;
    struct pci_found pci;
    char bdf[16];
};

static int config_rw16(struct vfio *v, unsigned pos, uint16_t *val, int write)
{
    ssize_t n = write ? pwrite(v->device, val, 2, (off_t)(v->config_offset + pos))
                      : pread(v->device, val, 2, (off_t)(v->config_offset + pos));
    return n == 2 ? SGPU_OK : sgpu_fail(SGPU_ERR_IO, "vfio %s: configuration space: %s", v->bdf,
                                        n < 0 ? strerror(errno) : "short access");
}

/* The device must be bound to vfio-pci for its group to be usable. */
static int check_driver(struct vfio *v)
{
    char link[96], target[PATH_MAX];
    snprintf(link, sizeof link, "/sys/bus/pci/devices/%s/driver", v->bdf);
    ssize_t n = readlink(link, target, sizeof target - 1);
    if (n < 0)
        return sgpu_fail(SGPU_ERR_NO_DEVICE, "vfio %s: bound to no driver; bind it to vfio-pci", v->bdf);
    target[n] = '\0';
    const char *name = strrchr(target, '/');
    name = name ? name + 1 : target;
    if (strcmp(name, "vfio-pci") != 0)
        return sgpu_fail(SGPU_ERR_NO_DEVICE, "vfio %s: bound to %s, not vfio-pci", v->bdf, name);
    return SGPU_OK;
}

static int open_container(struct vfio *v)
{
    v->container = open("/dev/vfio/vfio", O_RDWR | O_CLOEXEC);
    if (v->container < 0)
        return sgpu_fail(errno == ENOENT ? SGPU_ERR_NO_DEVICE : SGPU_ERR_CONNECT,
                         "vfio: /dev/vfio/vfio: %s", strerror(errno));
    if (ioctl(v->container, VFIO_GET_API_VERSION) != VFIO_API_VERSION)
        return sgpu_fail(SGPU_ERR_VERSION, "vfio: the kernel's VFIO API is not version %d",
                         VFIO_API_VERSION);
    if (!ioctl(v->container, VFIO_CHECK_EXTENSION, VFIO_TYPE1v2_IOMMU) &&
        !ioctl(v->container, VFIO_CHECK_EXTENSION, VFIO_TYPE1_IOMMU))
        return sgpu_fail(SGPU_ERR_UNSUPPORTED, "vfio: no type-1 IOMMU");
    return SGPU_OK;
}

static int open_group(struct vfio *v)
{
    char path[32];
    struct vfio_group_status status = {.argsz = sizeof status};
    int type = ioctl(v->container, VFIO_CHECK_EXTENSION, VFIO_TYPE1v2_IOMMU) ? VFIO_TYPE1v2_IOMMU
                                                                            : VFIO_TYPE1_IOMMU;

    if (v->pci.iommu_group < 0)
        return sgpu_fail(SGPU_ERR_NO_DEVICE, "vfio %s: no IOMMU group (is the IOMMU enabled?)", v->bdf);
    snprintf(path, sizeof path, "/dev/vfio/%d", v->pci.iommu_group);
    v->group = open(path, O_RDWR | O_CLOEXEC);
    if (v->group < 0)
        return sgpu_fail(errno == EBUSY ? SGPU_ERR_BUSY : errno == ENOENT ? SGPU_ERR_NO_DEVICE
                                                                           : SGPU_ERR_CONNECT,
                         "vfio %s: %s: %s", v->bdf, path, strerror(errno));
    if (ioctl(v->group, VFIO_GROUP_GET_STATUS, &status) != 0)
        return sgpu_fail(SGPU_ERR_IO, "vfio %s: group status: %s", v->bdf, strerror(errno));
    if (!(status.flags & VFIO_GROUP_FLAGS_VIABLE))
        return sgpu_fail(SGPU_ERR_NO_DEVICE, "vfio %s: IOMMU group %d is not viable: bind every "
                         "device in it to vfio-pci", v->bdf, v->pci.iommu_group);
    if (ioctl(v->group, VFIO_GROUP_SET_CONTAINER, &v->container) != 0)
        return sgpu_fail(SGPU_ERR_BUSY, "vfio %s: cannot attach group %d: %s", v->bdf,
                         v->pci.iommu_group, strerror(errno));
    if (ioctl(v->container, VFIO_SET_IOMMU, type) != 0)
        return sgpu_fail(SGPU_ERR_IO, "vfio %s: cannot set the IOMMU type: %s", v->bdf, strerror(errno));
    v->device = ioctl(v->group, VFIO_GROUP_GET_DEVICE_FD, v->bdf);
    if (v->device < 0)
        return sgpu_fail(errno == EBUSY ? SGPU_ERR_BUSY : SGPU_ERR_IO, "vfio %s: device: %s", v->bdf,
                         strerror(errno));
    return SGPU_OK;
}

static int map_bar0(struct vfio *v, struct sgpu_dev *dev)
{
    struct vfio_region_info bar = {.argsz = sizeof bar, .index = VFIO_PCI_BAR0_REGION_INDEX};
    struct vfio_region_info cfg = {.argsz = sizeof cfg, .index = VFIO_PCI_CONFIG_REGION_INDEX};
    uint16_t cmd;
    int rc;

    if (ioctl(v->device, VFIO_DEVICE_GET_REGION_INFO, &bar) != 0 ||
        ioctl(v->device, VFIO_DEVICE_GET_REGION_INFO, &cfg) != 0)
        return sgpu_fail(SGPU_ERR_IO, "vfio %s: region info: %s", v->bdf, strerror(errno));
    if (!(bar.flags & VFIO_REGION_INFO_FLAG_MMAP) || bar.size == 0 || bar.size > UINT32_MAX)
        return sgpu_fail(SGPU_ERR_UNSUPPORTED, "vfio %s: BAR0 (%llu bytes) cannot be mapped", v->bdf,
                         (unsigned long long)bar.size);
    void *p = mmap(NULL, bar.size, PROT_READ | PROT_WRITE, MAP_SHARED, v->device, (off_t)bar.offset);
    if (p == MAP_FAILED)
        return sgpu_fail(SGPU_ERR_IO, "vfio %s: mmap of BAR0: %s", v->bdf, strerror(errno));
    v->bar0 = p;
    v->bar0_len = bar.size;
    dev->bar0_size = (uint32_t)bar.size;
    v->config_offset = cfg.offset;
    /* memory space on (BAR0 answers), bus mastering on (DMA and MSI may go out) */
    if ((rc = config_rw16(v, 0x04, &cmd, 0)))
        return rc;
    cmd |= 0x2 | 0x4;
    return config_rw16(v, 0x04, &cmd, 1);
}

static int set_msi(struct vfio *v, unsigned count, const int *fds)
{
    size_t sz = sizeof(struct vfio_irq_set) + count * sizeof(int);
    struct vfio_irq_set *set = calloc(1, sz);
    if (!set)
        return sgpu_fail(SGPU_ERR_NOMEM, "vfio: out of memory");
    set->argsz = (uint32_t)sz;
    set->flags = (count ? VFIO_IRQ_SET_DATA_EVENTFD : VFIO_IRQ_SET_DATA_NONE) | VFIO_IRQ_SET_ACTION_TRIGGER;
    set->index = VFIO_PCI_MSI_IRQ_INDEX;
    set->start = 0;
    set->count = count;
    if (count)
        memcpy(set->data, fds, count * sizeof(int));
    int rc = ioctl(v->device, VFIO_DEVICE_SET_IRQS, set);
    free(set);
    return rc == 0 ? SGPU_OK : sgpu_fail(SGPU_ERR_IO, "vfio %s: MSI setup: %s", v->bdf, strerror(errno));
}

static int setup_msi(struct vfio *v)
{
    struct vfio_irq_info info = {.argsz = sizeof info, .index = VFIO_PCI_MSI_IRQ_INDEX};
    if (ioctl(v->device, VFIO_DEVICE_GET_IRQ_INFO, &info) != 0 || info.count == 0)
        return SGPU_OK; /* no MSI: sgpu_irq_wait reports it */
    unsigned n = info.count < SGPU_IRQ_VECTORS ? info.count : SGPU_IRQ_VECTORS;
    for (unsigned i = 0; i < n; i++) {
        v->irq_fd[i] = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (v->irq_fd[i] < 0)
            return sgpu_fail(SGPU_ERR_IO, "vfio: eventfd: %s", strerror(errno));
        v->irq_count = i + 1;
    }
    return set_msi(v, n, v->irq_fd);
}

/* How good a usable IOVA range [lo, hi] is for the window; fills *base and *size. Ranges
 * reaching past 4 GiB are best (the window starts there, clear of the MSI window), then the
 * largest. Bus address 0 stays unused. */
static uint64_t window_score(uint64_t lo, uint64_t hi, uint64_t *base, uint64_t *size)
{
    uint64_t start = (lo + SGPU_PAGE - 1) & ~(uint64_t)(SGPU_PAGE - 1);
    if (start == 0)
        start = SGPU_PAGE;
    if (hi > IOVA_DEFAULT_BASE && start < IOVA_DEFAULT_BASE)
        start = IOVA_DEFAULT_BASE;
    if (hi < start || hi - start + 1 < IOVA_WINDOW_MIN)
        return 0;
    uint64_t len = (hi - start + 1) & ~(uint64_t)(SGPU_PAGE - 1);
    *base = start;
    *size = len < IOVA_WINDOW_MAX ? len : IOVA_WINDOW_MAX;
    return (start >= IOVA_DEFAULT_BASE ? 1ull << 63 : 0) | *size;
}

/* The I/O virtual address window, inside a range the IOMMU reports usable
 * (VFIO_IOMMU_TYPE1_INFO_CAP_IOVA_RANGE); the default window if the kernel reports none. */
static void choose_iova_window(struct vfio *v)
{
    uint64_t base = IOVA_DEFAULT_BASE, size = IOVA_WINDOW_MAX, best = 0;
    struct vfio_iommu_type1_info probe = {.argsz = sizeof probe};
    struct vfio_iommu_type1_info *info = NULL;

    if (ioctl(v->container, VFIO_IOMMU_GET_INFO, &probe) != 0 || probe.argsz <= sizeof probe)
        goto done;
    info = calloc(1, probe.argsz);
    if (!info)
        goto done;
    info->argsz = probe.argsz;
    if (ioctl(v->container, VFIO_IOMMU_GET_INFO, info) != 0 || !(info->flags & VFIO_IOMMU_INFO_CAPS))
        goto done;
    for (uint32_t off = info->cap_offset; off && off + sizeof(struct vfio_info_cap_header) <= info->argsz;) {
        struct vfio_info_cap_header *h = (void *)((char *)info + off);
        if (h->id == VFIO_IOMMU_TYPE1_INFO_CAP_IOVA_RANGE) {
            struct vfio_iommu_type1_info_cap_iova_range *r = (void *)h;
            for (uint32_t i = 0; i < r->nr_iovas; i++) {
                uint64_t b, sz;
                uint64_t score = window_score(r->iova_ranges[i].start, r->iova_ranges[i].end, &b, &sz);
                if (score > best) {
                    best = score;
                    base = b;
                    size = sz;
                }
            }
        }
        off = h->next;
    }
done:
    free(info);
    v->iova_base = base;
    ra_init(&v->iova, size);
}

/* Bus mastering and MSI off, so that nothing reaches memory about to be unmapped. */
static void vfio_quiesce(struct sgpu_dev *dev)
{
    struct vfio *v = dev->priv;
    uint16_t cmd;
    if (!v || v->device < 0)
        return;
    if (v->config_offset && config_rw16(v, 0x04, &cmd, 0) == SGPU_OK) {
        cmd &= (uint16_t)~0x4;
        config_rw16(v, 0x04, &cmd, 1);
    }
    if (v->irq_count)
        set_msi(v, 0, NULL);
}

static void vfio_close(struct sgpu_dev *dev)
{
    struct vfio *v = dev->priv;
    if (!v)
        return;
    vfio_quiesce(dev);
    for (unsigned i = 0; i < v->irq_count; i++)
        close(v->irq_fd[i]);
    if (v->bar0)
        munmap((void *)v->bar0, v->bar0_len);
    if (v->device >= 0)
        close(v->device);
    if (v->group >= 0) {
        ioctl(v->group, VFIO_GROUP_UNSET_CONTAINER, &v->container);
        close(v->group);
    }
    if (v->container >= 0)
        close(v->container);
    ra_fini(&v->iova);
    free(v);
    dev->priv = NULL;
}

static int vfio_open(struct sgpu_dev *dev, const struct sgpu_uri *uri,
                     const struct sgpu_open_options *opts)
{
    (void)opts;
    struct vfio *v = calloc(1, sizeof *v);
    int rc;
    if (!v)
        return sgpu_fail(SGPU_ERR_NOMEM, "vfio: out of memory");
    v->container = v->group = v->device = -1;
    snprintf(v->bdf, sizeof v->bdf, "%s", uri->bdf);
    irqq_init(&v->irqs);
    dev->priv = v;
    if ((rc = sgpu_discover_sysfs(uri, &v->pci)) ||
        (rc = check_driver(v)) ||
        (rc = open_container(v)) ||
        (rc = open_group(v)) ||
        (rc = map_bar0(v, dev)) ||
        (rc = setup_msi(v)))
        goto fail;
    choose_iova_window(v);
    return SGPU_OK;
fail:
    vfio_close(dev);
    return rc;
}

static int vfio_read32(struct sgpu_dev *dev, uint32_t offset, uint32_t *value)
{
    struct vfio *v = dev->priv;
    *value = *(volatile uint32_t *)(v->bar0 + offset);
    /* a read that no device answers comes back all ones (master abort) */
    return SGPU_OK;
}

static int vfio_write32(struct sgpu_dev *dev, uint32_t offset, uint32_t value)
{
    struct vfio *v = dev->priv;
    *(volatile uint32_t *)(v->bar0 + offset) = value;
    return SGPU_OK;
}

static int vfio_dma_alloc(struct sgpu_dev *dev, struct dma_buf *b)
{
    struct vfio *v = dev->priv;
    uint64_t off;
    if (ra_alloc(&v->iova, b->pub.size, &off))
        return sgpu_fail(SGPU_ERR_NOMEM, "vfio: no %zu bytes of I/O address space left", b->pub.size);
    void *p = mmap(NULL, b->pub.size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    if (p == MAP_FAILED) {
        ra_free(&v->iova, off);
        return sgpu_fail(SGPU_ERR_NOMEM, "vfio: %zu bytes: %s", b->pub.size, strerror(errno));
    }
    /* a fork must not turn the pinned pages copy-on-write under the device */
    madvise(p, b->pub.size, MADV_DONTFORK);
    struct vfio_iommu_type1_dma_map map = {
        .argsz = sizeof map,
        .flags = VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE,
        .vaddr = (uintptr_t)p,
        .iova = v->iova_base + off,
        .size = b->pub.size,
    };
    if (ioctl(v->container, VFIO_IOMMU_MAP_DMA, &map) != 0) {
        int e = errno;
        munmap(p, b->pub.size);
        ra_free(&v->iova, off);
        return sgpu_fail(e == ENOMEM ? SGPU_ERR_NOMEM : SGPU_ERR_IO,
                         "vfio: IOMMU mapping of %zu bytes: %s (locked-memory limit?)", b->pub.size,
                         strerror(e));
    }
    b->offset = off;
    b->pub.cpu = p;
    b->pub.bus = map.iova;
    return SGPU_OK;
}

static void vfio_dma_free(struct sgpu_dev *dev, struct dma_buf *b)
{
    struct vfio *v = dev->priv;
    struct vfio_iommu_type1_dma_unmap unmap = {
        .argsz = sizeof unmap, .iova = b->pub.bus, .size = b->pub.size};
    ioctl(v->container, VFIO_IOMMU_UNMAP_DMA, &unmap);
    munmap(b->pub.cpu, b->pub.size);
    ra_free(&v->iova, b->offset);
}

static int vfio_irq_wait(struct sgpu_dev *dev, unsigned timeout_ms, unsigned *vector)
{
    struct vfio *v = dev->priv;
    struct pollfd p[SGPU_IRQ_VECTORS];

    if (v->irq_count == 0)
        return sgpu_fail(SGPU_ERR_UNSUPPORTED, "vfio %s: the device offers no MSI", v->bdf);
    if (irqq_pop(&v->irqs, vector))
        return SGPU_OK;
    for (unsigned i = 0; i < v->irq_count; i++)
        p[i] = (struct pollfd){.fd = v->irq_fd[i], .events = POLLIN};
    struct timespec t0, t;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (;;) {
        clock_gettime(CLOCK_MONOTONIC, &t);
        long long spent = (long long)(t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000;
        long long left = (long long)timeout_ms - spent;
        int n = poll(p, v->irq_count, left <= 0 ? 0 : left > INT_MAX ? INT_MAX : (int)left);
        if (n >= 0)
            break;
        if (errno != EINTR)
            return sgpu_fail(SGPU_ERR_IO, "vfio: poll: %s", strerror(errno));
    }
    for (unsigned i = 0; i < v->irq_count; i++) {
        uint64_t count;
        if ((p[i].revents & POLLIN) && read(v->irq_fd[i], &count, sizeof count) == sizeof count)
            irqq_push(&v->irqs, i);
    }
    if (irqq_pop(&v->irqs, vector))
        return SGPU_OK;
    return sgpu_fail(SGPU_ERR_TIMEOUT, "no interrupt in %u ms", timeout_ms);
}

static int vfio_pci_info(struct sgpu_dev *dev, struct sgpu_info *info)
{
    struct vfio *v = dev->priv;
    sgpu_pci_found_to_info(&v->pci, info);
    return SGPU_OK;
}

const struct transport_ops sgpu_transport_vfio = {
    .name = "vfio",
    .open = vfio_open,
    .quiesce = vfio_quiesce,
    .close = vfio_close,
    .read32 = vfio_read32,
    .write32 = vfio_write32,
    .dma_alloc = vfio_dma_alloc,
    .dma_free = vfio_dma_free,
    .irq_wait = vfio_irq_wait,
    .cycles = NULL,
    .pci_info = vfio_pci_info,
};
