/* Runner test: a store outside the address map (here address 0) is a bus error: the run
   fails. expect-exit: 126 */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    li a0, 0x77
    sw a0, 0(zero)
    nop
    nop
    nop
    SYSCTL_WRITE SGPU_SYSCTL_EXIT_ADDR, 0
TEST_END
