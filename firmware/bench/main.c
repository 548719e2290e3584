/* main.c: the cpu_mix benchmark program (firmware/bench): exit 0 only if every result is right. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "bench.h"

int main(void)
{
    return bench_run() ? 1 : 0;
}
