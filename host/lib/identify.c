/* identify.c: sgpu_identify, what the device says about itself, and names for its codes. */
/* SPDX-License-Identifier: Apache-2.0 */
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "sgpu.h"
#include "sgpu_regs.h"
#include "transport.h"

#define FIELD(v, reg, field) (((v) & SGPU_##reg##_##field##_MASK) >> SGPU_##reg##_##field##_SHIFT)

const char *sgpu_fw_state_name(unsigned state)
{
    switch (state) {
    case SGPU_ID_FW_STATUS_STATE_NONE:
        return "NONE";
    case SGPU_ID_FW_STATUS_STATE_BOOTING:
        return "BOOTING";
    case SGPU_ID_FW_STATUS_STATE_RUNNING:
        return "RUNNING";
    case SGPU_ID_FW_STATUS_STATE_FAILED:
        return "FAILED";
    }
    return "UNKNOWN";
}

const char *sgpu_cap_name(unsigned bit)
{
    switch (bit) {
    case SGPU_ID_CAPS_RV32M_SHIFT:
        return "RV32M";
    case SGPU_ID_CAPS_TIMER_SHIFT:
        return "TIMER";
    case SGPU_ID_CAPS_EXT_IRQ_SHIFT:
        return "EXT_IRQ";
    case SGPU_ID_CAPS_CP_SHIFT:
        return "CP";
    }
    return NULL;
}

const char *sgpu_link_speed_name(unsigned speed)
{
    static const char *const names[] = {"unknown", "2.5 GT/s", "5.0 GT/s", "8.0 GT/s",
                                        "16.0 GT/s", "32.0 GT/s", "64.0 GT/s"};
    return speed < sizeof names / sizeof names[0] ? names[speed] : "unknown";
}

int sgpu_identify(sgpu_dev *dev, struct sgpu_info *info)
{
    uint32_t link;
    int rc;

    if (!dev || !info)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_identify: no device or result");
    memset(info, 0, sizeof *info);
    if ((rc = sgpu_read32(dev, SGPU_ID_BAR0_BASE + SGPU_ID_MAGIC_OFFSET, &info->magic)) ||
        (rc = sgpu_read32(dev, SGPU_ID_BAR0_BASE + SGPU_ID_VERSION_OFFSET, &info->version)) ||
        (rc = sgpu_read32(dev, SGPU_ID_BAR0_BASE + SGPU_ID_CAPS_OFFSET, &info->caps)) ||
        (rc = sgpu_read32(dev, SGPU_ID_BAR0_BASE + SGPU_ID_FW_STATUS_OFFSET, &info->fw_status)) ||
        (rc = sgpu_read32(dev, SGPU_LINK_BAR0_BASE + SGPU_LINK_STATUS_OFFSET, &link)))
        return rc;
    info->version_major = FIELD(info->version, ID_VERSION, MAJOR);
    info->version_minor = FIELD(info->version, ID_VERSION, MINOR);
    info->version_patch = FIELD(info->version, ID_VERSION, PATCH);
    info->fw_state = FIELD(info->fw_status, ID_FW_STATUS, STATE);
    info->fw_code = FIELD(info->fw_status, ID_FW_STATUS, CODE);

    info->max_payload_bytes = 128u << FIELD(link, LINK_STATUS, MAX_PAYLOAD);
    info->max_read_req_bytes = 128u << FIELD(link, LINK_STATUS, MAX_READ_REQ);
    info->msi_vectors = FIELD(link, LINK_STATUS, MSI_ENABLE) ? 1u << FIELD(link, LINK_STATUS, MSI_MME) : 0;
    info->bus_master = (int)FIELD(link, LINK_STATUS, BUS_MASTER);

    if (dev->ops->pci_info && (rc = dev->ops->pci_info(dev, info)))
        return rc;
    snprintf(info->transport, sizeof info->transport, "%s", dev->ops->name);
    snprintf(info->uri, sizeof info->uri, "%s", dev->uri.text);
    return SGPU_OK;
}
