/* boot.c: the firmware's boot sequence and its status register. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "console.h"
#include "fw.h"
#include "hal.h"

#define FIELD(v, f) (((v) & SGPU_ID_##f##_MASK) >> SGPU_ID_##f##_SHIFT)

void fw_set_state(uint32_t state)
{
    hal_write32(SGPU_ID_FW_STATUS_ADDR, (state << SGPU_ID_FW_STATUS_STATE_SHIFT) &
                                            SGPU_ID_FW_STATUS_STATE_MASK);
}

void fw_fail(uint32_t code)
{
    hal_write32(SGPU_ID_FW_STATUS_ADDR,
                ((SGPU_ID_FW_STATUS_STATE_FAILED << SGPU_ID_FW_STATUS_STATE_SHIFT) &
                 SGPU_ID_FW_STATUS_STATE_MASK) |
                    ((code << SGPU_ID_FW_STATUS_CODE_SHIFT) & SGPU_ID_FW_STATUS_CODE_MASK));
    con_printf(FW_NAME ": FAILED, code 0x%02x\n", (unsigned)code);
}

uint32_t fw_boot(void)
{
    fw_set_state(SGPU_ID_FW_STATUS_STATE_BOOTING);

    uint32_t magic = hal_read32(SGPU_ID_MAGIC_ADDR);
    if (magic != SGPU_ID_MAGIC_RESET) {
        con_printf(FW_NAME ": ID.MAGIC is 0x%08x, not 0x%08x\n", (unsigned)magic,
                   (unsigned)SGPU_ID_MAGIC_RESET);
        fw_fail(FW_ERR_BAD_MAGIC);
        return FW_ERR_BAD_MAGIC;
    }

    uint32_t version = hal_read32(SGPU_ID_VERSION_ADDR);
    if (FIELD(version, VERSION_MAJOR) != FIELD(SGPU_ID_VERSION_RESET, VERSION_MAJOR)) {
        con_printf(FW_NAME ": register map version %u.%u.%u, this firmware needs %u.x\n",
                   (unsigned)FIELD(version, VERSION_MAJOR),
                   (unsigned)FIELD(version, VERSION_MINOR),
                   (unsigned)FIELD(version, VERSION_PATCH),
                   (unsigned)FIELD(SGPU_ID_VERSION_RESET, VERSION_MAJOR));
        fw_fail(FW_ERR_BAD_MAJOR);
        return FW_ERR_BAD_MAJOR;
    }

    /* Nothing is ours to interrupt yet: timer compare at its maximum, lines masked. */
    hal_irq_global(0);
    hal_irq_disable(HAL_IRQ_TIMER | HAL_IRQ_EXTERNAL);
    hal_timer_disable();

    fw_set_state(SGPU_ID_FW_STATUS_STATE_RUNNING);
    con_printf(FW_NAME " " FW_VERSION ": running, register map %u.%u.%u, caps 0x%x\n",
               (unsigned)FIELD(version, VERSION_MAJOR), (unsigned)FIELD(version, VERSION_MINOR),
               (unsigned)FIELD(version, VERSION_PATCH),
               (unsigned)hal_read32(SGPU_ID_CAPS_ADDR));
    return 0;
}
