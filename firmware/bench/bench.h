/* bench.h: the cpu_mix benchmark's kernels, each returning a checksum of its results. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_BENCH_H
#define SGPU_BENCH_H

#include <stddef.h>
#include <stdint.h>

/* xorshift32: the same pseudo-random numbers on the host and on the core. */
static inline uint32_t bench_rand(uint32_t *state)
{
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *state = x;
}

static inline uint32_t bench_mix(uint32_t h, uint32_t v)
{
    return ((h << 5) | (h >> 27)) ^ v; /* rotate left 5, then xor */
}

/* CRC-32 (IEEE 802.3, reflected, as zlib): crc starts at 0 and chains across calls. */
uint32_t crc32_bitwise(uint32_t crc, const uint8_t *p, size_t n);
uint32_t crc32_table(uint32_t crc, const uint8_t *p, size_t n); /* call crc32_init first */
void crc32_init(void);

/* Sorts in place, ascending. */
void insertion_sort(int32_t *a, size_t n);
void quick_sort(int32_t *a, size_t n);

/* Kernels: each runs a fixed amount of work and returns a checksum of what it computed. */
uint32_t k_copy_word(void);
uint32_t k_copy_byte(void);
uint32_t k_crc_bitwise(void);
uint32_t k_crc_table(void);
uint32_t k_insertion_sort(void);
uint32_t k_quick_sort(void);
uint32_t k_tokenize(void);
uint32_t k_interp(void);

struct bench_kernel {
    const char *name;
    uint32_t (*run)(void);
    uint32_t expect; /* the checksum, computed once by the host build */
};
extern const struct bench_kernel bench_kernels[];
extern const unsigned bench_kernel_count;

/* Runs every kernel, prints one line each on the console; returns how many mismatched. */
unsigned bench_run(void);

#endif /* SGPU_BENCH_H */
