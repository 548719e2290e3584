/* host_main.c: cpu_mix built for the host: the same kernels, console on standard output. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "bench.h"
#include "hal_fake.h"

int main(void)
{
    hal_fake_console_echo(1);
    return bench_run() ? 1 : 0;
}
