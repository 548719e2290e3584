/* engine.c: engine set-up and bounded waits (the rest is inline in engine.h). */
/* SPDX-License-Identifier: Apache-2.0 */
#include "engine.h"
#include "heartbeat.h"

uint32_t eng_config[ENG_COUNT];

void eng_init(void)
{
    for (unsigned e = 0; e < ENG_COUNT; e++) {
        eng_config[e] = hal_read32(SGPU_ENG_CONFIG_ADDR_I(e)) & ~SGPU_ENG_CONFIG_POLL_WAIT_MASK;
        hal_write32(SGPU_ENG_CONFIG_ADDR_I(e), eng_config[e]);
        hal_write32(SGPU_ENG_IRQ_ENABLE_ADDR_I(e),
                    SGPU_ENG_IRQ_ENABLE_STOPPED_MASK | SGPU_ENG_IRQ_ENABLE_FENCE_MASK);
    }
}

uint32_t eng_wait_idle(unsigned e, uint32_t timeout)
{
    uint32_t status = eng_status(e);
    if (ENG_STATE(status) == SGPU_ENG_STATUS_STATE_IDLE)
        return status;
    uint64_t deadline = hal_mtime() + timeout;
    do {
        heartbeat_poll(hal_mtime());
        status = eng_status(e);
        if (ENG_STATE(status) == SGPU_ENG_STATUS_STATE_IDLE)
            break;
    } while (hal_mtime() < deadline);
    return status;
}
