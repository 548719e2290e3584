/* Runner test: bytes written to CONSOLE (word and byte stores) come out on standard
   output. expect-output: console: hello, sgpu */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    la a0, message
    jal ra, _test_puts
    li t0, SGPU_SYSCTL_CONSOLE_ADDR
    li t1, 0x67                         /* 'g' with a byte store */
    sb t1, 0(t0)
    li t1, 0x70                         /* 'p' */
    sb t1, 0(t0)
    li t1, 0x75                         /* 'u' */
    sw t1, 0(t0)
    li t1, 10
    sw t1, 0(t0)
TEST_END

    .section .rodata
message: .asciz "console: hello, s"
