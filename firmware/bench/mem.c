/* mem.c: cpu_mix kernels over memory: word and byte copies, CRC-32 bitwise and by table. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "bench.h"

#define COPY_WORDS 1024u
#define COPY_WORD_REPS 64u
#define COPY_BYTES 4093u
#define COPY_BYTE_REPS 20u
#define CRC_BYTES 4096u
#define CRC_BIT_REPS 2u
#define CRC_BIT_BYTES 3072u
#define CRC_TABLE_REPS 8u

static uint32_t src_w[COPY_WORDS], dst_w[COPY_WORDS];
static uint8_t crc_buf[CRC_BYTES];
static uint32_t crc_tab[256];

static void copy_words(uint32_t *d, const uint32_t *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        d[i] = s[i];
}

static void copy_bytes(uint8_t *d, const uint8_t *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        d[i] = s[i];
}

uint32_t k_copy_word(void)
{
    uint32_t seed = 0x1234567u, h = 0;
    for (unsigned i = 0; i < COPY_WORDS; i++)
        src_w[i] = bench_rand(&seed);
    for (unsigned r = 0; r < COPY_WORD_REPS; r++) {
        src_w[(r * 37u) % COPY_WORDS] ^= r; /* a different source every time */
        copy_words(dst_w, src_w, COPY_WORDS);
        h = bench_mix(h, dst_w[(r * 101u) % COPY_WORDS]);
    }
    for (unsigned i = 0; i < COPY_WORDS; i++)
        h = bench_mix(h, dst_w[i]);
    return h;
}

uint32_t k_copy_byte(void)
{
    uint8_t *src = (uint8_t *)src_w, *dst = (uint8_t *)dst_w;
    uint32_t seed = 0x89abcdefu, h = 0;
    for (unsigned i = 0; i < COPY_WORDS; i++)
        src_w[i] = bench_rand(&seed);
    for (unsigned r = 0; r < COPY_BYTE_REPS; r++) {
        /* misaligned both sides: offsets 0..3 */
        unsigned so = r & 3u, dof = (r >> 2) & 3u;
        copy_bytes(dst + dof, src + so, COPY_BYTES - 3u);
        src[r % COPY_BYTES] += 1u;
        h = bench_mix(h, dst[(r * 613u) % (COPY_BYTES - 3u)]);
    }
    for (unsigned i = 0; i < COPY_BYTES - 3u; i++)
        h = bench_mix(h, dst[i]);
    return h;
}

uint32_t crc32_bitwise(uint32_t crc, const uint8_t *p, size_t n)
{
    crc = ~crc;
    while (n--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++) {
            if (crc & 1u)
                crc = (crc >> 1) ^ 0xEDB88320u;
            else
                crc >>= 1;
        }
    }
    return ~crc;
}

void crc32_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c & 1u) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
        crc_tab[i] = c;
    }
}

uint32_t crc32_table(uint32_t crc, const uint8_t *p, size_t n)
{
    crc = ~crc;
    while (n--)
        crc = crc_tab[(crc ^ *p++) & 0xFFu] ^ (crc >> 8);
    return ~crc;
}

static void crc_fill(uint32_t seed)
{
    for (unsigned i = 0; i < CRC_BYTES; i++)
        crc_buf[i] = (uint8_t)(bench_rand(&seed) >> 24);
}

uint32_t k_crc_bitwise(void)
{
    uint32_t h = 0;
    crc_fill(0x0badf00du);
    for (unsigned r = 0; r < CRC_BIT_REPS; r++) {
        h = bench_mix(h, crc32_bitwise(0, crc_buf, CRC_BIT_BYTES));
        crc_buf[r] ^= 0x5Au;
    }
    return h;
}

uint32_t k_crc_table(void)
{
    uint32_t h = 0;
    crc32_init();
    crc_fill(0xfeedbeefu);
    for (unsigned r = 0; r < CRC_TABLE_REPS; r++) {
        h = bench_mix(h, crc32_table(h, crc_buf + r, CRC_BYTES - r));
        crc_buf[CRC_BYTES - 1u - r] ^= 0xA5u;
    }
    return h;
}
