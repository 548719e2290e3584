/* target_trap.c: on the core: an unexpected exception (a misaligned load) must reach trap.c,
 * which reports FAILED with code FW_ERR_EXCEPTION + 4 and exits with that code (0x14). */
/* SPDX-License-Identifier: Apache-2.0 */
#include <stdint.h>

#include "console.h"
#include "fw.h"
#include "hal.h"

static uint32_t words[2];

int main(void)
{
    uint32_t err = fw_boot();
    if (err)
        return (int)err;
    uintptr_t p = (uintptr_t)words + 1u;
    uint32_t v;
    con_printf("target_trap: load from 0x%08x\n", (unsigned)p);
    /* a real lw: GCC would split a C load it can see is misaligned into byte loads */
    __asm__ volatile("lw %0, 0(%1)" : "=r"(v) : "r"(p) : "memory"); /* cause 4, mtval p */
    con_printf("target_trap: the misaligned load did not trap (read 0x%08x)\n", (unsigned)v);
    return 99;
}
