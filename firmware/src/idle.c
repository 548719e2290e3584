/* idle.c: the firmware's loop once booted (the command scheduler's, in time). */
/* SPDX-License-Identifier: Apache-2.0 */
#include "fw.h"

/*
 * Wait for an interrupt, forever. Nothing is enabled to wake the core yet, so it stays in
 * wfi; the scheduler will poll the host's rings here and sleep between commands. The wfi is
 * inline, not hal_wfi(), so that a core stopped here is inside this function: the boot
 * check (tests/run-target) looks for the PC in fw_idle.
 */
void fw_idle(void)
{
    for (;;)
        __asm__ volatile("wfi");
}
