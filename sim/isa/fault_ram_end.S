/* Runner test: a store past the end of RAM (256 KiB in simulation) is a bus error.
   expect-exit: 126 */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    li a1, 0x80000000 + 256 * 1024
    li a0, 0x77
    sw a0, 0(a1)
    nop
    nop
    nop
    SYSCTL_WRITE SGPU_SYSCTL_EXIT_ADDR, 0
TEST_END
