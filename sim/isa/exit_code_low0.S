/* Runner test: a non-zero exit value whose low 8 bits are 0 gives status 1, not success.
   expect-exit: 1 */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    SYSCTL_WRITE SGPU_SYSCTL_EXIT_ADDR, 0x300
1:  j 1b
TEST_END
