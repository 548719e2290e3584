/* main.c: the control-core firmware's entry point (called by start.S). */
/* SPDX-License-Identifier: Apache-2.0 */
#include "fw.h"

int main(void)
{
    uint32_t err = fw_boot();
    if (err)
        return (int)err; /* start.S writes it to EXIT; FW_STATUS already says FAILED */

    /* A device's firmware never exits: the host talks to it for as long as it runs. */
    fw_idle();
}
