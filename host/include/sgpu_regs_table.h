/* sgpu's BAR0 registers as a table. Generated from regmap/sgpu.json by regmap/regmap.py: do not edit. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_REGS_TABLE_H
#define SGPU_REGS_TABLE_H

#include <stdint.h>

struct sgpu_reg_desc {
    const char *block;  /* block name */
    const char *name;   /* register name */
    uint32_t offset;    /* byte offset in BAR0 */
    char access;        /* 'r' read-only, 'w' write-only, 'b' read-write */
    uint8_t is_volatile; /* the device changes it: its value need not be the reset */
    uint32_t reset;     /* value after reset */
    uint32_t bits;      /* bits that hold a field (all for a register without fields) */
};

static const struct sgpu_reg_desc sgpu_bar0_regs[] = {
    {"ID", "MAGIC", 0x00000u, 'r', 0, 0x53475055u, 0xFFFFFFFFu},
    {"ID", "VERSION", 0x00004u, 'r', 0, 0x00000200u, 0x00FFFFFFu},
    {"ID", "CAPS", 0x00008u, 'r', 0, 0x00000007u, 0x00000007u},
    {"ID", "SCRATCH", 0x0000Cu, 'b', 0, 0x00000000u, 0xFFFFFFFFu},
    {"ID", "FW_STATUS", 0x00010u, 'r', 1, 0x00000000u, 0xFFFF000Fu},
    {"LINK", "STATUS", 0x01000u, 'r', 1, 0x00000000u, 0x001F7377u},
    {"LINK", "CPL_TIMEOUTS", 0x01004u, 'r', 1, 0x00000000u, 0xFFFFFFFFu},
    {"LINK", "LATE_CPLS", 0x01008u, 'r', 1, 0x00000000u, 0xFFFFFFFFu},
    {"LINK", "BAD_REQUESTS", 0x0100Cu, 'r', 1, 0x00000000u, 0xFFFFFFFFu},
    {"LINK", "MSI_SEND", 0x01010u, 'w', 0, 0x00000000u, 0x0000001Fu},
    {"DMA", "HOST_ADDR_LO", 0x02000u, 'b', 0, 0x00000000u, 0xFFFFFFFFu},
    {"DMA", "HOST_ADDR_HI", 0x02004u, 'b', 0, 0x00000000u, 0xFFFFFFFFu},
    {"DMA", "VRAM_ADDR", 0x02008u, 'b', 0, 0x00000000u, 0xFFFFFFFFu},
    {"DMA", "LENGTH", 0x0200Cu, 'b', 0, 0x00000000u, 0xFFFFFFFFu},
    {"DMA", "CTRL", 0x02010u, 'b', 0, 0x00000000u, 0x000001F3u},
    {"DMA", "START", 0x02014u, 'w', 0, 0x00000000u, 0x00000001u},
    {"DMA", "STATUS", 0x02018u, 'r', 1, 0x00000000u, 0x00000073u},
    {"DMA", "CYCLES", 0x0201Cu, 'r', 1, 0x00000000u, 0xFFFFFFFFu},
};

#define SGPU_BAR0_REG_COUNT (sizeof sgpu_bar0_regs / sizeof sgpu_bar0_regs[0])

#endif /* SGPU_REGS_TABLE_H */
