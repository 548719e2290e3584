/* ISA test: the identity block as the core sees it: MAGIC, VERSION and CAPS read their
   values (CAPS.CP is clear: the bare system has no command processor); SCRATCH and
   FW_STATUS read back what was written. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    li s9, SGPU_ID_CORE_BASE
    lw a0, SGPU_ID_MAGIC_OFFSET(s9)
    CHECK 1, a0, SGPU_ID_MAGIC_RESET
    lw a0, SGPU_ID_VERSION_OFFSET(s9)
    CHECK 2, a0, SGPU_ID_VERSION_RESET
    lw a0, SGPU_ID_CAPS_OFFSET(s9)
    CHECK 3, a0, SGPU_ID_CAPS_RESET & ~SGPU_ID_CAPS_CP_MASK
    lw a0, SGPU_ID_SCRATCH_OFFSET(s9)
    CHECK 4, a0, SGPU_ID_SCRATCH_RESET
    lw a0, SGPU_ID_FW_STATUS_OFFSET(s9)
    CHECK 5, a0, SGPU_ID_FW_STATUS_RESET
    .irp v, 0xFFFFFFFF, 0x00000000, 0xA5A55A5A, 0x12345678
    li a1, \v
    sw a1, SGPU_ID_SCRATCH_OFFSET(s9)
    lw a0, SGPU_ID_SCRATCH_OFFSET(s9)
    CHECK 6, a0, \v
    .endr
    li a1, SGPU_ID_FW_STATUS_STATE_RUNNING
    sw a1, SGPU_ID_FW_STATUS_OFFSET(s9)
    lw a0, SGPU_ID_FW_STATUS_OFFSET(s9)
    CHECK 7, a0, SGPU_ID_FW_STATUS_STATE_RUNNING
    sw zero, SGPU_ID_FW_STATUS_OFFSET(s9)
    /* byte and halfword reads of MAGIC: "UPGS" in memory order */
    lbu a0, SGPU_ID_MAGIC_OFFSET(s9)
    CHECK 8, a0, 0x55
    lbu a0, SGPU_ID_MAGIC_OFFSET + 3(s9)
    CHECK 9, a0, 0x53
    lhu a0, SGPU_ID_MAGIC_OFFSET + 2(s9)
    CHECK 10, a0, 0x5347
TEST_END
