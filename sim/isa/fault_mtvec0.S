/* Runner test: an exception with mtvec = 0 (unset) ends the run as a failure.
   expect-exit: 126 */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    csrw mtvec, zero
    ecall
    SYSCTL_WRITE SGPU_SYSCTL_EXIT_ADDR, 0
TEST_END
