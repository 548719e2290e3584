/* discover.c: device discovery through libpci (dump method for sgpu-sim, sysfs for VFIO).
 *
 * libpci reports fatal errors through a callback that must not return (its default prints
 * and exits). The library may do neither, so the callback records the message and jumps
 * back to the call that entered libpci, which returns SGPU_ERR_NO_DEVICE. */
/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE
#include <pci/pci.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "discover.h"
#include "error.h"
#include "sgpu_regs.h"

static _Thread_local jmp_buf *pci_escape;
static _Thread_local char pci_message[200];

static void __attribute__((noreturn, format(printf, 1, 2))) on_pci_error(char *msg, ...)
{
    va_list ap;
    va_start(ap, msg);
    vsnprintf(pci_message, sizeof pci_message, msg, ap);
    va_end(ap);
    longjmp(*pci_escape, 1);
}

static void __attribute__((format(printf, 1, 2))) on_pci_quiet(char *msg, ...)
{
    (void)msg;
}

static struct pci_access *pci_new(unsigned method)
{
    struct pci_access *acc = pci_alloc();
    if (!acc)
        return NULL;
    acc->method = method;
    acc->error = on_pci_error;
    acc->warning = on_pci_quiet;
    acc->debug = on_pci_quiet;
    acc->numeric_ids = 1;
    return acc;
}

/* Identity, class, BAR0 and the capabilities the library reports. */
static void read_config(struct pci_dev *d, struct pci_found *out)
{
    pci_fill_info(d, PCI_FILL_IDENT | PCI_FILL_CLASS | PCI_FILL_BASES | PCI_FILL_SIZES |
                     PCI_FILL_CAPS);
    snprintf(out->address, sizeof out->address, "%04x:%02x:%02x.%u", (unsigned)d->domain & 0xffff,
             d->bus, d->dev, d->func & 7u);
    out->vendor_id = d->vendor_id;
    out->device_id = d->device_id;
    out->revision = pci_read_byte(d, PCI_REVISION_ID);
    out->class_code = (uint32_t)pci_read_word(d, PCI_CLASS_DEVICE) << 8 | pci_read_byte(d, PCI_CLASS_PROG);
    out->subsys_vendor_id = pci_read_word(d, PCI_SUBSYSTEM_VENDOR_ID);
    out->subsys_id = pci_read_word(d, PCI_SUBSYSTEM_ID);
    out->bar0_addr = d->base_addr[0] & PCI_ADDR_MEM_MASK;
    /* Only sysfs can size a BAR (sizing writes the BAR); a dump cannot, so the size the
     * register map declares stands in. */
    out->bar0_size = d->size[0] ? (uint64_t)d->size[0] : (uint64_t)1 << SGPU_CFG_BAR0_BITS;

    struct pci_cap *exp = pci_find_cap(d, PCI_CAP_ID_EXP, PCI_CAP_NORMAL);
    if (exp) {
        unsigned sta = pci_read_word(d, exp->addr + PCI_EXP_LNKSTA);
        out->link_speed = sta & PCI_EXP_LNKSTA_SPEED;
        out->link_width = (sta & PCI_EXP_LNKSTA_WIDTH) >> 4;
    }
    struct pci_cap *msi = pci_find_cap(d, PCI_CAP_ID_MSI, PCI_CAP_NORMAL);
    if (msi) {
        unsigned flags = pci_read_word(d, msi->addr + PCI_MSI_FLAGS);
        out->msi_vectors_capable = 1u << ((flags & PCI_MSI_FLAGS_QMASK) >> 1);
    }
}

static int is_sgpu(struct pci_dev *d)
{
    pci_fill_info(d, PCI_FILL_IDENT);
    return d->vendor_id == SGPU_CFG_VENDOR_ID && d->device_id == SGPU_CFG_DEVICE_ID;
}

int sgpu_discover_dump(const char *dump_path, struct pci_found *out)
{
    jmp_buf escape;
    struct pci_access *volatile acc = NULL;
    int rc = SGPU_ERR_NO_DEVICE;

    memset(out, 0, sizeof *out);
    out->iommu_group = -1;
    if (access(dump_path, R_OK) != 0)
        return sgpu_fail(SGPU_ERR_NO_DEVICE, "no configuration dump at %s", dump_path);
    acc = pci_new(PCI_ACCESS_DUMP);
    if (!acc)
        return sgpu_fail(SGPU_ERR_NOMEM, "libpci: out of memory");
    pci_escape = &escape;
    if (setjmp(escape)) {
        rc = sgpu_fail(SGPU_ERR_NO_DEVICE, "libpci: %s", pci_message);
        goto out;
    }
    pci_set_param(acc, "dump.name", (char *)dump_path);
    pci_init(acc);
    pci_scan_bus(acc);
    for (struct pci_dev *d = acc->devices; d; d = d->next) {
        if (is_sgpu(d)) {
            read_config(d, out);
            rc = SGPU_OK;
            goto out;
        }
    }
    rc = sgpu_fail(SGPU_ERR_NO_DEVICE, "no sgpu (%04x:%04x) in the configuration dump %s",
                   SGPU_CFG_VENDOR_ID, SGPU_CFG_DEVICE_ID, dump_path);
out:
    pci_escape = NULL;
    pci_cleanup(acc);
    return rc;
}

int sgpu_discover_sysfs(const struct sgpu_uri *uri, struct pci_found *out)
{
    jmp_buf escape;
    struct pci_access *volatile acc = NULL;
    struct pci_dev *volatile d = NULL;
    char path[64];
    struct stat st;
    int rc;

    memset(out, 0, sizeof *out);
    out->iommu_group = -1;
    /* libpci would make up a device for any address; check that the kernel knows it. */
    snprintf(path, sizeof path, "/sys/bus/pci/devices/%s", uri->bdf);
    if (stat(path, &st) != 0)
        return sgpu_fail(SGPU_ERR_NO_DEVICE, "no PCI device %s", uri->bdf);
    acc = pci_new(PCI_ACCESS_SYS_BUS_PCI);
    if (!acc)
        return sgpu_fail(SGPU_ERR_NOMEM, "libpci: out of memory");
    pci_escape = &escape;
    if (setjmp(escape)) {
        rc = sgpu_fail(SGPU_ERR_NO_DEVICE, "libpci: %s", pci_message);
        goto out;
    }
    pci_init(acc);
    d = pci_get_dev(acc, (int)uri->domain, (int)uri->bus, (int)uri->dev, (int)uri->func);
    if (!d || !is_sgpu(d)) {
        rc = sgpu_fail(SGPU_ERR_NO_DEVICE, "%s is not an sgpu (vendor:device %04x:%04x)", uri->bdf,
                       d ? d->vendor_id : 0, d ? d->device_id : 0);
        goto out;
    }
    read_config(d, out);
    pci_fill_info(d, PCI_FILL_IOMMU_GROUP);
    char *group = pci_get_string_property(d, PCI_FILL_IOMMU_GROUP);
    if (group)
        out->iommu_group = atoi(group);
    rc = SGPU_OK;
out:
    pci_escape = NULL;
    if (d)
        pci_free_dev(d);
    pci_cleanup(acc);
    return rc;
}

void sgpu_pci_found_to_info(const struct pci_found *f, struct sgpu_info *info)
{
    memcpy(info->pci_address, f->address, sizeof info->pci_address);
    info->vendor_id = f->vendor_id;
    info->device_id = f->device_id;
    info->subsys_vendor_id = f->subsys_vendor_id;
    info->subsys_id = f->subsys_id;
    info->revision = f->revision;
    info->class_code = f->class_code;
    info->bar0_size = f->bar0_size;
    info->link_speed = f->link_speed;
    info->link_width = f->link_width;
    info->msi_vectors_capable = f->msi_vectors_capable;
}
