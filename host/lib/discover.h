/* discover.h: finding the device and reading its PCI configuration with libpci. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_DISCOVER_H
#define SGPU_DISCOVER_H

#include "sgpu.h"
#include "uri.h"

/* What discovery learns; copied into struct sgpu_info by sgpu_identify. */
struct pci_found {
    char address[16];          /* DDDD:BB:DD.F */
    uint16_t vendor_id, device_id, subsys_vendor_id, subsys_id;
    uint8_t revision;
    uint32_t class_code;
    uint64_t bar0_addr, bar0_size;
    unsigned link_speed, link_width;
    unsigned msi_vectors_capable;
    int iommu_group;           /* sysfs only; -1 if unknown */
};

/* sim: the configuration dump sgpu-sim writes next to its socket (libpci's dump method);
 * the first function with sgpu's vendor and device IDs. SGPU_ERR_NO_DEVICE if the dump is
 * missing, unreadable, or holds no sgpu. */
int sgpu_discover_dump(const char *dump_path, struct pci_found *out);

/* vfio: the function the URI names, through libpci's sysfs method. SGPU_ERR_NO_DEVICE if
 * it does not exist or is not an sgpu. */
int sgpu_discover_sysfs(const struct sgpu_uri *uri, struct pci_found *out);

/* Fills info's PCI fields from f. */
void sgpu_pci_found_to_info(const struct pci_found *f, struct sgpu_info *info);

#endif /* SGPU_DISCOVER_H */
