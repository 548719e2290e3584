/* main.c: the control-core firmware's entry point (called by start.S). */
/* SPDX-License-Identifier: Apache-2.0 */
#include "fw.h"

int main(void)
{
    uint32_t err = fw_boot();
    if (err)
        return (int)err; /* start.S writes it to EXIT; FW_STATUS already says FAILED */

    /*
     * For now the run ends here: returning 0 writes EXIT, which ends the bare runner.
     * This will become the command scheduler's loop (poll the host rings, dispatch,
     * wfi on the timer and external interrupts), which never returns.
     */
    return 0;
}
