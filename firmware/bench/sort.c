/* sort.c: cpu_mix kernels: insertion sort and quicksort on pseudo-random data. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "bench.h"

#define INS_N 384u
#define INS_REPS 2u
#define QS_N 3072u
#define QS_REPS 2u

static int32_t data[QS_N];

void insertion_sort(int32_t *a, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        int32_t v = a[i];
        size_t j = i;
        while (j > 0 && a[j - 1] > v) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = v;
    }
}

static void swap(int32_t *a, int32_t *b)
{
    int32_t t = *a;
    *a = *b;
    *b = t;
}

/* Hoare partition around the median of three; recurse on the smaller side. */
void quick_sort(int32_t *a, size_t n)
{
    while (n > 1) {
        size_t mid = (n - 1) / 2, last = n - 1; /* mid < last: the partition always splits */
        if (a[mid] < a[0])
            swap(&a[mid], &a[0]);
        if (a[last] < a[0])
            swap(&a[last], &a[0]);
        if (a[last] < a[mid])
            swap(&a[last], &a[mid]);
        int32_t pivot = a[mid];
        size_t i = 0, j = last;
        for (;;) {
            while (a[i] < pivot)
                i++;
            while (a[j] > pivot)
                j--;
            if (i >= j)
                break;
            swap(&a[i], &a[j]);
            i++;
            j--;
        }
        size_t left = j + 1; /* a[0..j] <= pivot <= a[j+1..n) */
        if (left < n - left) {
            quick_sort(a, left);
            a += left;
            n -= left;
        } else {
            quick_sort(a + left, n - left);
            n = left;
        }
    }
}

/* Order and contents: 0 if unsorted, else a checksum weighted by position. */
static uint32_t sorted_sum(const int32_t *a, size_t n)
{
    uint32_t h = 0;
    for (size_t i = 0; i < n; i++) {
        if (i && a[i - 1] > a[i])
            return 0;
        h = bench_mix(h, (uint32_t)a[i] + (uint32_t)i);
    }
    return h;
}

static void fill(int32_t *a, size_t n, uint32_t seed, uint32_t range)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t r = bench_rand(&seed);
        a[i] = range ? (int32_t)(r % range) - (int32_t)(range / 2) : (int32_t)r;
    }
}

uint32_t k_insertion_sort(void)
{
    uint32_t h = 0;
    for (unsigned r = 0; r < INS_REPS; r++) {
        fill(data, INS_N, 0x2468ace0u + r, r == 1 ? 100u : 0u); /* rep 1: many duplicates */
        insertion_sort(data, INS_N);
        h = bench_mix(h, sorted_sum(data, INS_N));
    }
    return h;
}

uint32_t k_quick_sort(void)
{
    uint32_t h = 0;
    for (unsigned r = 0; r < QS_REPS; r++) {
        fill(data, QS_N, 0x13579bdfu + r, r == 1 ? 1000u : 0u);
        quick_sort(data, QS_N);
        h = bench_mix(h, sorted_sum(data, QS_N));
    }
    return h;
}
