/* bench.c: the cpu_mix kernel table, its known-good results, and the run that checks them. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "bench.h"
#include "console.h"
#include "hal.h"

/* The expected checksums were computed once by the host build (make test-unit checks
 * that the host still computes them; the run on the core must match them too). */
const struct bench_kernel bench_kernels[] = {
    {"copy_word", k_copy_word, 0x4ffcf279u},
    {"copy_byte", k_copy_byte, 0xd5cd07f8u},
    {"crc32_bitwise", k_crc_bitwise, 0xc5649c31u},
    {"crc32_table", k_crc_table, 0x066bfa1bu},
    {"insertion_sort", k_insertion_sort, 0x31b3bdceu},
    {"quick_sort", k_quick_sort, 0xd63c0606u},
    {"tokenize", k_tokenize, 0x15f29c55u},
    {"interp", k_interp, 0x0195c578u},
};
const unsigned bench_kernel_count = sizeof bench_kernels / sizeof bench_kernels[0];

unsigned bench_run(void)
{
    unsigned bad = 0;
    for (unsigned i = 0; i < bench_kernel_count; i++) {
        const struct bench_kernel *k = &bench_kernels[i];
        uint64_t c0 = 0, n0 = 0, c1 = 0, n1 = 0;
        int counters = hal_counters(&c0, &n0) == 0;
        uint32_t got = k->run();
        if (counters)
            hal_counters(&c1, &n1);
        if (got == k->expect) {
            con_printf("cpu_mix: %-14s 0x%08x ok\n", k->name, (unsigned)got);
        } else {
            con_printf("cpu_mix: %-14s 0x%08x BAD, expected 0x%08x\n", k->name, (unsigned)got,
                       (unsigned)k->expect);
            bad++;
        }
        /* Target only (no counters on the host): '#' lines are not compared with the host. */
        if (counters)
            con_printf("# %-14s cycles %u instret %u\n", k->name, (unsigned)(c1 - c0),
                       (unsigned)(n1 - n0));
    }
    if (bad)
        con_printf("cpu_mix: FAILED, %u of %u results wrong\n", bad, bench_kernel_count);
    else
        con_printf("cpu_mix: all %u results match\n", bench_kernel_count);
    return bad;
}
