/* Runner test: a load outside the address map is a bus error: the run fails.
   expect-exit: 126 */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    li a1, 0x30000000
    lw a0, 0(a1)
    nop
    nop
    nop
    SYSCTL_WRITE SGPU_SYSCTL_EXIT_ADDR, 0
TEST_END
