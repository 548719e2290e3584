/* test_cpl.c: splitting a read's completions at the read completion boundary (RCB) and
 * the max payload size (MPS), by default and at random. */
/* SPDX-License-Identifier: Apache-2.0 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "cpl.h"

#define MPS 256u
#define RCB 64u

/* The default split of [a, a + r) into sizes[], returns how many. */
static unsigned split(uint64_t a, unsigned r, unsigned *sizes, struct rng *rng) {
  unsigned n = 0;
  while (r) {
    unsigned c = cpl_chunk(a, r, MPS, RCB, rng);
    sizes[n++] = c;
    a += c;
    r -= c;
  }
  return n;
}

static void test_default_aligned(void **state) {
  (void)state;
  unsigned s[16];
  assert_int_equal(split(0x1000, 512, s, NULL), 2);
  assert_int_equal(s[0], 256);
  assert_int_equal(s[1], 256);
  assert_int_equal(split(0x1000, 64, s, NULL), 1);
  assert_int_equal(s[0], 64);
  assert_int_equal(split(0x1000, 256, s, NULL), 1);
}

static void test_default_unaligned(void **state) {
  (void)state;
  unsigned s[16];
  /* Starting at 0x10: the first completion ends on the first RCB boundary that keeps it
   * within MPS (0x100), then MPS-sized ones, then the rest. */
  assert_int_equal(split(0x1010, 512, s, NULL), 3);
  assert_int_equal(s[0], 240);
  assert_int_equal(s[1], 256);
  assert_int_equal(s[2], 16);
  /* A read starting inside a DW (first byte enables 1100): 254 bytes fit in 64 DWs. */
  assert_int_equal(split(0x1002, 510, s, NULL), 2);
  assert_int_equal(s[0], 254);
  assert_int_equal(s[1], 256);
  /* Small reads are never split. */
  assert_int_equal(split(0x10FC, 8, s, NULL), 1);
  assert_int_equal(cpl_dws(0x10FC, 8), 2);
  assert_int_equal(cpl_dws(0x1002, 3), 2);
}

static void test_seeded_rules(void **state) {
  (void)state;
  struct rng rng;
  rng_seed(&rng, 42);
  unsigned sizes_seen[MPS + 1] = {0};
  for (int t = 0; t < 20000; t++) {
    uint64_t a = 0x10000 + (rng_below(&rng, 4096) & ~3u) + rng_below(&rng, 4);
    unsigned r = 1 + rng_below(&rng, 512 - (unsigned)(a & 3u));
    unsigned s[64], n = split(a, r, s, &rng), sum = 0;
    for (unsigned i = 0; i < n; i++) {
      assert_true(s[i] > 0);
      /* Payload within MPS; every completion but the last ends on an RCB boundary. */
      assert_true(cpl_dws(a, s[i]) * 4u <= MPS);
      if (i + 1 < n) assert_int_equal((a + s[i]) % RCB, 0);
      if (s[i] <= MPS) sizes_seen[s[i]]++;
      a += s[i];
      sum += s[i];
    }
    assert_int_equal(sum, r);
  }
  /* It does vary: RCB-sized completions as well as full ones. */
  assert_true(sizes_seen[64] > 100);
  assert_true(sizes_seen[256] > 100);
  assert_true(sizes_seen[128] > 100);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_default_aligned),
      cmocka_unit_test(test_default_unaligned),
      cmocka_unit_test(test_seeded_rules),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
