/* A small seeded random generator (splitmix64) for the root complex's --seed variations. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_SIM_RNG_H
#define SGPU_SIM_RNG_H

#include <stdint.h>

struct rng {
  uint64_t s;
};

static inline void rng_seed(struct rng *r, uint64_t seed) { r->s = seed; }

static inline uint64_t rng_next(struct rng *r) {
  uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/* Uniform in [0, n) for n > 0 (the bias is negligible for the small n used here). */
static inline uint32_t rng_below(struct rng *r, uint32_t n) {
  return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* 1 with probability 1/n. */
static inline int rng_one_in(struct rng *r, uint32_t n) { return rng_below(r, n) == 0; }

#endif
