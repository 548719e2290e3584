/* main.c: the control-core firmware's entry point (called by start.S). */
/* SPDX-License-Identifier: Apache-2.0 */
#include "fw.h"
#include "hal.h"

int main(void)
{
    uint32_t err = fw_boot();
    if (err)
        return (int)err; /* start.S writes it to EXIT; FW_STATUS already says FAILED */

    /* A device's firmware never exits: the host talks to it for as long as it runs. The
     * bare control-core system has no command processor: there it only idles, touching none
     * of the device's registers. */
    if (hal_read32(SGPU_ID_CAPS_ADDR) & SGPU_ID_CAPS_CP_MASK)
        fw_serve();
    fw_idle();
}
