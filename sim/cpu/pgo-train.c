/* Training program for the runner's profile-guided build: a few million cycles of the kind
 * of work programs do (copies, CRC-32, sorting, multiply and divide, branches, console). */
/* SPDX-License-Identifier: Apache-2.0 */
#include <stdint.h>

#include "sgpu_regs.h"

#define REG(addr) (*(volatile uint32_t *)(uintptr_t)(addr))

static uint32_t src[256], dst[256];
static uint8_t stack[2048] __attribute__((aligned(16)));

static void put(const char *s) {
  while (*s) REG(SGPU_SYSCTL_CONSOLE_ADDR) = (uint8_t)*s++;
}

static uint32_t crc32(const uint8_t *p, uint32_t n) {
  uint32_t crc = 0xFFFFFFFFu;
  while (n--) {
    crc ^= *p++;
    for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & -(crc & 1u));
  }
  return ~crc;
}

static void sort(uint32_t *a, int n) {
  for (int i = 1; i < n; i++) {
    uint32_t v = a[i];
    int j = i - 1;
    while (j >= 0 && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

int main(void) {
  uint32_t x = 12345, acc = 0;
  for (int round = 0; round < 12; round++) {
    for (int i = 0; i < 256; i++) {
      x = x * 1103515245u + 12345u;
      src[i] = x ^ (x >> 13);
    }
    for (int i = 0; i < 256; i++) dst[i] = src[i];
    acc += crc32((const uint8_t *)dst, sizeof dst);
    sort(dst, 256);
    for (int i = 1; i < 256; i++) acc += (dst[i] / (dst[i - 1] | 1u)) + (dst[i] % 7u) * (uint32_t)i;
    volatile uint8_t *b = (volatile uint8_t *)src;
    for (int i = 0; i < 256; i++) b[i] = (uint8_t)(b[i] + (uint8_t)acc);
    put(".");
  }
  put("\n");
  REG(SGPU_SYSCTL_EXIT_ADDR) = acc == 0 ? 1u : 0u;
  for (;;) {
  }
}

__attribute__((naked, section(".text.start"))) void _start(void) {
  __asm__ volatile("la sp, %0 + %1\n\tj main" : : "i"(stack), "i"(sizeof stack));
}
