/* Runner test: the exit status is the low 8 bits of the value written to EXIT (0x1234 gives
   0x34 = 52); only the first write counts. expect-exit: 52 */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    SYSCTL_WRITE SGPU_SYSCTL_EXIT_ADDR, 0x1234
    SYSCTL_WRITE SGPU_SYSCTL_EXIT_ADDR, 7
1:  j 1b
TEST_END
