/* idle.c: the firmware's loop on the bare control-core system (no command processor). */
/* SPDX-License-Identifier: Apache-2.0 */
#include "fw.h"

/*
 * Wait for an interrupt, forever. Nothing is enabled to wake the core, so it stays in wfi;
 * a device with a command processor runs fw_serve (loop.c) instead. The wfi is inline, not
 * hal_wfi(), so that a core stopped here is inside this function: the boot check
 * (tests/run-target) looks for the PC in fw_idle.
 */
void fw_idle(void)
{
    for (;;)
        __asm__ volatile("wfi");
}
