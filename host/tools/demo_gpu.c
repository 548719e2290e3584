/* demo_gpu.c: sgpu-demo, the device part of `make demo`: several contexts on both engines
 * (copies and the vadd, saxpy, reduce and filter2d kernels), every result checked against a
 * reference computed here, and a table of what ran where and how many device cycles it took. */
/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sgpu.h"
#include "simproc.h"

#define WAIT_TIMEOUT_MS 300000

/* Sizes: small enough for a simulator at ~200k device cycles/s, big enough to be work. */
#define VADD_N        4096
#define SAXPY_N       4096
#define SAXPY_A       0x00018000  /* 1.5 in Q16.16 */
#define REDUCE_N      8192
#define REDUCE_WG     64
#define REDUCE_PARTS  (REDUCE_N / REDUCE_WG)
#define IMG_W         64
#define IMG_H         48
#define IMG_WG        16
#define ROUNDTRIP_BYTES (256 * 1024)
#define FILL_BYTES    (64 * 1024)
#define FILL_PATTERN  0x5A5AC0DEu
#define ARGS_BYTES    64

struct demo_ctx {
    const char *name;
    unsigned node;
    const char *work;
    sgpu_ctx *ctx;
    unsigned commands;
    uint64_t fence;
    int checked;        /* a check against a reference belongs to this context */
    int ok;
    char detail[96];
};

enum { UPLOAD, ROUNDTRIP, VADD, SAXPY, REDUCE, FILTER, DOWNLOAD, NCTX };

struct demo {
    sgpu_dev *dev;
    struct demo_ctx c[NCTX];
    struct sgpu_dma_buf *host;   /* every host-side array, one buffer */
    size_t host_used;
    struct sgpu_dma_buf *stamps; /* start and end TIMESTAMP of each context */
    uint64_t seed;
    const char *kernel_dir;
};

static int die(const char *what, int rc)
{
    const char *detail = sgpu_last_error();
    fprintf(stderr, "sgpu-demo: %s: %s (%s)\n", what, detail[0] ? detail : sgpu_strerror(rc),
            sgpu_errname(rc));
    return 1;
}

#define TRY(what, call)                     \
    do {                                    \
        int rc_ = (call);                   \
        if (rc_)                            \
            return die(what, rc_);          \
    } while (0)

/* A command on a demo context, counted for the table. */
#define CMD(dc, call)                       \
    do {                                    \
        (dc)->commands++;                   \
        TRY((dc)->name, call);              \
    } while (0)

static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Carves an 8-aligned array out of the host buffer: its CPU pointer and bus address. */
static void *host_array(struct demo *d, size_t bytes, uint64_t *bus)
{
    size_t at = d->host_used;
    d->host_used += (bytes + 63) & ~(size_t)63;
    if (d->host_used > d->host->size) {
        fprintf(stderr, "sgpu-demo: host buffer too small\n");
        exit(1);
    }
    *bus = d->host->bus + at;
    return (uint8_t *)d->host->cpu + at;
}

static void random_fill(struct demo *d, void *p, size_t bytes)
{
    uint8_t *b = p;
    for (size_t i = 0; i < bytes; i += 8) {
        uint64_t v = splitmix64(&d->seed);
        memcpy(b + i, &v, bytes - i < 8 ? bytes - i : 8);
    }
}

static int vram(struct demo *d, uint32_t bytes, uint32_t *addr)
{
    TRY("VRAM", sgpu_vram_alloc(d->dev, bytes, 64, addr));
    return 0;
}

/* Writes an argument block of 32-bit words into fresh VRAM. */
static int args_block(struct demo *d, uint32_t *addr, unsigned n, ...)
{
    uint32_t words[ARGS_BYTES / 4] = {0};
    va_list ap;
    va_start(ap, n);
    for (unsigned i = 0; i < n; i++)
        words[i] = va_arg(ap, uint32_t);
    va_end(ap);
    if (vram(d, ARGS_BYTES, addr))
        return 1;
    TRY("argument block", sgpu_vram_write(d->dev, *addr, words, ARGS_BYTES));
    return 0;
}

static int load(struct demo *d, const char *name, sgpu_kernel **k)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.bin", d->kernel_dir, name);
    TRY(path, sgpu_kernel_load(d->dev, path, k));
    return 0;
}

/* TIMESTAMP slot i of the stamps buffer: 2 per context (start, end). */
static uint64_t stamp_addr(const struct demo *d, int ctx, int end)
{
    return d->stamps->bus + 16u * (unsigned)ctx + (end ? 8u : 0u);
}

static uint64_t ctx_cycles(const struct demo *d, int ctx)
{
    const uint64_t *s = (const uint64_t *)d->stamps->cpu + 2 * ctx;
    return s[1] > s[0] ? s[1] - s[0] : 0;
}

static int begin(struct demo *d, int i)
{
    CMD(&d->c[i], sgpu_cmd_timestamp(d->c[i].ctx, stamp_addr(d, i, 0), 0));
    return 0;
}

static int finish(struct demo *d, int i)
{
    CMD(&d->c[i], sgpu_cmd_timestamp(d->c[i].ctx, stamp_addr(d, i, 1), 0));
    TRY(d->c[i].name, sgpu_submit(d->c[i].ctx, 0, &d->c[i].fence));
    return 0;
}

/* On the device: context i waits for everything `other` has submitted. */
static int after(struct demo *d, int i, int other)
{
    CMD(&d->c[i], sgpu_cmd_wait(d->c[i].ctx, sgpu_ctx_fence_addr(d->c[other].ctx),
                                d->c[other].fence, 0));
    return 0;
}

static void verdict(struct demo_ctx *c, int ok, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->detail, sizeof c->detail, fmt, ap);
    va_end(ap);
    c->checked = 1;
    c->ok = ok;
}

/* Counts words that differ, for the verdict. */
static unsigned mismatches32(const uint32_t *got, const uint32_t *want, size_t n, size_t *first)
{
    unsigned bad = 0;
    for (size_t i = 0; i < n; i++)
        if (got[i] != want[i] && bad++ == 0)
            *first = i;
    return bad;
}

static void check_words(struct demo_ctx *c, const uint32_t *got, const uint32_t *want, size_t n)
{
    size_t first = 0;
    unsigned bad = mismatches32(got, want, n, &first);
    if (!bad)
        verdict(c, 1, "%zu words match the reference", n);
    else
        verdict(c, 0, "%u of %zu words differ; [%zu] = 0x%08x, expected 0x%08x", bad, n, first,
                got[first], want[first]);
}

/* ---- host references: what each kernel in kernels/ computes ---- */

static void ref_saxpy(const int32_t *x, const int32_t *y, int32_t *out, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int64_t p = (int64_t)SAXPY_A * x[i];
        out[i] = (int32_t)((uint32_t)(p >> 16) + (uint32_t)y[i]);
    }
}

static uint32_t clampi(int v, int limit)
{
    return v < 0 ? 0u : v >= limit ? (uint32_t)(limit - 1) : (uint32_t)v;
}

static void ref_filter2d(const uint8_t *src, uint8_t *dst)
{
    static const uint8_t w[3][3] = {{1, 2, 1}, {2, 4, 2}, {1, 2, 1}};
    for (int y = 0; y < IMG_H; y++)
        for (int x = 0; x < IMG_W; x++) {
            uint32_t sum = 8;
            for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++)
                    sum += w[dy + 1][dx + 1] *
                           src[clampi(y + dy, IMG_H) * IMG_W + clampi(x + dx, IMG_W)];
            dst[y * IMG_W + x] = (uint8_t)(sum >> 4);
        }
}

/* ---- the workload ---- */

struct arrays {
    uint32_t *va, *vb, *vc;                 /* vadd */
    int32_t *sx, *sy, *sy_out;              /* saxpy */
    uint32_t *rin, *rpart, *rtotal;         /* reduce */
    uint8_t *img, *img_out;                 /* filter2d */
    uint8_t *rt_src, *rt_back, *fill_back;  /* round trip */
};

static int create_contexts(struct demo *d)
{
    static const struct { const char *name; unsigned node; const char *work; } plan[NCTX] = {
        [UPLOAD] = {"upload", SGPU_NODE_COPY, "inputs host -> VRAM (6 copies)"},
        [ROUNDTRIP] = {"roundtrip", SGPU_NODE_COPY, "256 KiB host->VRAM->VRAM->host, 64 KiB fill"},
        [VADD] = {"vadd", SGPU_NODE_COMPUTE, "vadd, 4096 ints"},
        [SAXPY] = {"saxpy", SGPU_NODE_COMPUTE, "saxpy Q16.16, 4096 elements"},
        [REDUCE] = {"reduce", SGPU_NODE_COMPUTE, "reduce 8192 -> 128 -> 1 (2 dispatches)"},
        [FILTER] = {"filter2d", SGPU_NODE_COMPUTE, "filter2d 3x3 blur, 64x48 image"},
        [DOWNLOAD] = {"download", SGPU_NODE_COPY, "results VRAM -> host (5 copies)"},
    };
    for (int i = 0; i < NCTX; i++) {
        d->c[i].name = plan[i].name;
        d->c[i].node = plan[i].node;
        d->c[i].work = plan[i].work;
        TRY(plan[i].name, sgpu_ctx_create(d->dev, plan[i].node, NULL, &d->c[i].ctx));
    }
    return 0;
}

static int run(struct demo *d, struct arrays *h)
{
    uint64_t b_va, b_vb, b_vc, b_sx, b_sy, b_syo, b_rin, b_rpart, b_rtot, b_img, b_imgo;
    uint64_t b_rts, b_rtb, b_fb;
    h->va = host_array(d, VADD_N * 4, &b_va);
    h->vb = host_array(d, VADD_N * 4, &b_vb);
    h->vc = host_array(d, VADD_N * 4, &b_vc);
    h->sx = host_array(d, SAXPY_N * 4, &b_sx);
    h->sy = host_array(d, SAXPY_N * 4, &b_sy);
    h->sy_out = host_array(d, SAXPY_N * 4, &b_syo);
    h->rin = host_array(d, REDUCE_N * 4, &b_rin);
    h->rpart = host_array(d, REDUCE_PARTS * 4, &b_rpart);
    h->rtotal = host_array(d, 8, &b_rtot);
    h->img = host_array(d, IMG_W * IMG_H, &b_img);
    h->img_out = host_array(d, IMG_W * IMG_H, &b_imgo);
    h->rt_src = host_array(d, ROUNDTRIP_BYTES, &b_rts);
    h->rt_back = host_array(d, ROUNDTRIP_BYTES, &b_rtb);
    h->fill_back = host_array(d, FILL_BYTES, &b_fb);
    random_fill(d, h->va, VADD_N * 4);
    random_fill(d, h->vb, VADD_N * 4);
    random_fill(d, h->sx, SAXPY_N * 4);
    random_fill(d, h->sy, SAXPY_N * 4);
    random_fill(d, h->rin, REDUCE_N * 4);
    random_fill(d, h->img, IMG_W * IMG_H);
    random_fill(d, h->rt_src, ROUNDTRIP_BYTES);
    memset(h->vc, 0xEE, VADD_N * 4); /* so that a kernel that writes nothing fails */

    uint32_t v_va, v_vb, v_vc, v_sx, v_sy, v_rin, v_rpart, v_rtot, v_img, v_imgo, v_rt1, v_rt2, v_fill;
    if (vram(d, VADD_N * 4, &v_va) || vram(d, VADD_N * 4, &v_vb) || vram(d, VADD_N * 4, &v_vc) ||
        vram(d, SAXPY_N * 4, &v_sx) || vram(d, SAXPY_N * 4, &v_sy) || vram(d, REDUCE_N * 4, &v_rin) ||
        vram(d, REDUCE_PARTS * 4, &v_rpart) || vram(d, 8, &v_rtot) || vram(d, IMG_W * IMG_H, &v_img) ||
        vram(d, IMG_W * IMG_H, &v_imgo) || vram(d, ROUNDTRIP_BYTES, &v_rt1) ||
        vram(d, ROUNDTRIP_BYTES, &v_rt2) || vram(d, FILL_BYTES, &v_fill))
        return 1;

    sgpu_kernel *k_vadd, *k_saxpy, *k_reduce, *k_filter;
    if (load(d, "vadd", &k_vadd) || load(d, "saxpy", &k_saxpy) || load(d, "reduce", &k_reduce) ||
        load(d, "filter2d", &k_filter))
        return 1;
    uint32_t a_vadd, a_saxpy, a_red1, a_red2, a_filter;
    if (args_block(d, &a_vadd, 4, v_va, v_vb, v_vc, (uint32_t)VADD_N) ||
        args_block(d, &a_saxpy, 4, (uint32_t)SAXPY_A, v_sx, v_sy, (uint32_t)SAXPY_N) ||
        args_block(d, &a_red1, 3, v_rin, v_rpart, (uint32_t)REDUCE_N) ||
        args_block(d, &a_red2, 3, v_rpart, v_rtot, (uint32_t)REDUCE_PARTS) ||
        args_block(d, &a_filter, 5, v_img, v_imgo, (uint32_t)IMG_W, (uint32_t)IMG_H, (uint32_t)IMG_W))
        return 1;

    const unsigned H2V = SGPU_CMD_COPY_FLAG_DST_VRAM, V2H = SGPU_CMD_COPY_FLAG_SRC_VRAM;
    const unsigned V2V = H2V | V2H;
    struct demo_ctx *c = d->c;

    /* copy engine: the kernels' inputs */
    if (begin(d, UPLOAD))
        return 1;
    CMD(&c[UPLOAD], sgpu_cmd_copy(c[UPLOAD].ctx, b_va, v_va, VADD_N * 4, H2V));
    CMD(&c[UPLOAD], sgpu_cmd_copy(c[UPLOAD].ctx, b_vb, v_vb, VADD_N * 4, H2V));
    CMD(&c[UPLOAD], sgpu_cmd_copy(c[UPLOAD].ctx, b_sx, v_sx, SAXPY_N * 4, H2V));
    CMD(&c[UPLOAD], sgpu_cmd_copy(c[UPLOAD].ctx, b_sy, v_sy, SAXPY_N * 4, H2V));
    CMD(&c[UPLOAD], sgpu_cmd_copy(c[UPLOAD].ctx, b_rin, v_rin, REDUCE_N * 4, H2V));
    CMD(&c[UPLOAD], sgpu_cmd_copy(c[UPLOAD].ctx, b_img, v_img, IMG_W * IMG_H, H2V));
    if (finish(d, UPLOAD))
        return 1;

    /* copy engine, another context: a round trip and a fill, independent of the rest */
    if (begin(d, ROUNDTRIP))
        return 1;
    CMD(&c[ROUNDTRIP], sgpu_cmd_copy(c[ROUNDTRIP].ctx, b_rts, v_rt1, ROUNDTRIP_BYTES, H2V));
    CMD(&c[ROUNDTRIP], sgpu_cmd_copy(c[ROUNDTRIP].ctx, v_rt1, v_rt2, ROUNDTRIP_BYTES, V2V));
    CMD(&c[ROUNDTRIP], sgpu_cmd_copy(c[ROUNDTRIP].ctx, v_rt2, b_rtb, ROUNDTRIP_BYTES, V2H));
    CMD(&c[ROUNDTRIP], sgpu_cmd_fill(c[ROUNDTRIP].ctx, v_fill, FILL_BYTES, FILL_PATTERN,
                                     SGPU_CMD_FILL_FLAG_DST_VRAM));
    CMD(&c[ROUNDTRIP], sgpu_cmd_copy(c[ROUNDTRIP].ctx, v_fill, b_fb, FILL_BYTES, V2H));
    if (finish(d, ROUNDTRIP))
        return 1;

    /* compute engine: four contexts, each waiting on the device for the uploads */
    struct { int ctx; sgpu_kernel *k; uint32_t gx, gy, wg, args; } disp[] = {
        {VADD, k_vadd, VADD_N / 64, 1, 64, a_vadd},
        {SAXPY, k_saxpy, SAXPY_N / 64, 1, 64, a_saxpy},
        {REDUCE, k_reduce, REDUCE_PARTS, 1, REDUCE_WG, a_red1},
        {REDUCE, k_reduce, 1, 1, REDUCE_PARTS, a_red2},
        {FILTER, k_filter, IMG_W / IMG_WG, IMG_H, IMG_WG, a_filter},
    };
    for (size_t i = 0; i < sizeof disp / sizeof disp[0]; i++) {
        int ci = disp[i].ctx;
        int first = i == 0 || disp[i - 1].ctx != ci, last = i + 1 == sizeof disp / sizeof disp[0] ||
                                                             disp[i + 1].ctx != ci;
        if (first && (after(d, ci, UPLOAD) || begin(d, ci)))
            return 1;
        CMD(&c[ci], sgpu_cmd_dispatch(c[ci].ctx, sgpu_kernel_addr(disp[i].k), disp[i].gx,
                                      disp[i].gy, 1, disp[i].wg, disp[i].args));
        if (last && finish(d, ci))
            return 1;
    }

    /* copy engine again: the results come back once every kernel is done */
    if (after(d, DOWNLOAD, VADD) || after(d, DOWNLOAD, SAXPY) || after(d, DOWNLOAD, REDUCE) ||
        after(d, DOWNLOAD, FILTER) || begin(d, DOWNLOAD))
        return 1;
    CMD(&c[DOWNLOAD], sgpu_cmd_copy(c[DOWNLOAD].ctx, v_vc, b_vc, VADD_N * 4, V2H));
    CMD(&c[DOWNLOAD], sgpu_cmd_copy(c[DOWNLOAD].ctx, v_sy, b_syo, SAXPY_N * 4, V2H));
    CMD(&c[DOWNLOAD], sgpu_cmd_copy(c[DOWNLOAD].ctx, v_rpart, b_rpart, REDUCE_PARTS * 4, V2H));
    CMD(&c[DOWNLOAD], sgpu_cmd_copy(c[DOWNLOAD].ctx, v_rtot, b_rtot, 8, V2H));
    CMD(&c[DOWNLOAD], sgpu_cmd_copy(c[DOWNLOAD].ctx, v_imgo, b_imgo, IMG_W * IMG_H, V2H));
    if (finish(d, DOWNLOAD))
        return 1;

    for (int i = 0; i < NCTX; i++) {
        int rc = sgpu_fence_wait(c[i].ctx, c[i].fence, WAIT_TIMEOUT_MS);
        if (rc == SGPU_ERR_CTX_ERROR) {
            struct sgpu_ctx_fault f;
            sgpu_ctx_error(c[i].ctx, &f);
            verdict(&c[i], 0, "context in error: reason %u at ring offset %llu", f.reason,
                    (unsigned long long)f.ring_offset);
        } else if (rc) {
            return die(c[i].name, rc);
        }
    }
    return 0;
}

static void check(struct demo *d, const struct arrays *h)
{
    uint32_t *want = malloc(ROUNDTRIP_BYTES);
    if (!want) {
        fprintf(stderr, "sgpu-demo: out of memory\n");
        exit(1);
    }
    struct demo_ctx *c = d->c;
    if (!c[VADD].checked) {
        for (size_t i = 0; i < VADD_N; i++)
            want[i] = h->va[i] + h->vb[i];
        check_words(&c[VADD], h->vc, want, VADD_N);
    }
    if (!c[SAXPY].checked) {
        ref_saxpy(h->sx, h->sy, (int32_t *)want, SAXPY_N);
        check_words(&c[SAXPY], (const uint32_t *)h->sy_out, want, SAXPY_N);
    }
    if (!c[REDUCE].checked) {
        uint32_t total = 0;
        for (size_t p = 0; p < REDUCE_PARTS; p++) {
            want[p] = 0;
            for (size_t i = 0; i < REDUCE_WG; i++)
                want[p] += h->rin[p * REDUCE_WG + i];
            total += want[p];
        }
        size_t first = 0;
        unsigned bad = mismatches32(h->rpart, want, REDUCE_PARTS, &first);
        if (bad || h->rtotal[0] != total)
            verdict(&c[REDUCE], 0, "sum 0x%08x, expected 0x%08x; %u of %d partial sums differ",
                    h->rtotal[0], total, bad, REDUCE_PARTS);
        else
            verdict(&c[REDUCE], 1, "sum 0x%08x and %d partial sums match", total, REDUCE_PARTS);
    }
    if (!c[FILTER].checked) {
        uint8_t *img = (uint8_t *)want;
        ref_filter2d(h->img, img);
        unsigned bad = 0;
        for (size_t i = 0; i < IMG_W * IMG_H; i++)
            bad += h->img_out[i] != img[i];
        if (bad)
            verdict(&c[FILTER], 0, "%u of %d pixels differ", bad, IMG_W * IMG_H);
        else
            verdict(&c[FILTER], 1, "%d pixels match", IMG_W * IMG_H);
    }
    if (!c[ROUNDTRIP].checked) {
        unsigned bad = memcmp(h->rt_back, h->rt_src, ROUNDTRIP_BYTES) != 0;
        for (size_t i = 0; i < FILL_BYTES / 4; i++)
            bad += ((const uint32_t *)h->fill_back)[i] != FILL_PATTERN;
        verdict(&c[ROUNDTRIP], !bad, bad ? "data differ after the round trip or the fill"
                                         : "256 KiB back unchanged, fill pattern everywhere");
    }
    for (int i = 0; i < NCTX; i++)
        if (!c[i].checked)
            verdict(&c[i], 1, "fence %llu reached (its data is checked above)",
                    (unsigned long long)c[i].fence);
    free(want);
}

/* First start stamp and last end stamp of the contexts on one node. */
static void engine_span(const struct demo *d, unsigned node, uint64_t *first, uint64_t *last)
{
    *first = UINT64_MAX;
    *last = 0;
    for (int i = 0; i < NCTX; i++) {
        const uint64_t *s = (const uint64_t *)d->stamps->cpu + 2 * i;
        if (d->c[i].node != node || s[1] <= s[0])
            continue;
        if (s[0] < *first)
            *first = s[0];
        if (s[1] > *last)
            *last = s[1];
    }
}

static int report(const struct demo *d, uint64_t cycles, int have_cycles, double wall)
{
    int ok = 1;
    printf("   %-10s %-8s %-46s %4s %10s  %s\n", "context", "engine", "work", "cmds", "cycles*", "result");
    for (int i = 0; i < NCTX; i++) {
        const struct demo_ctx *c = &d->c[i];
        printf("   %-10s %-8s %-46s %4u %10llu  %s: %s\n", c->name,
               c->node == SGPU_NODE_COPY ? "copy" : "compute", c->work, c->commands,
               (unsigned long long)ctx_cycles(d, i), c->ok ? "OK" : "FAIL", c->detail);
        ok &= c->ok;
    }
    printf("   cmds: the commands the demo put in the context's ring (its TIMESTAMPs and WAITs\n"
           "   included, not the progress FENCE of each submit)\n"
           "   * device cycles from the context's first command to its last (TIMESTAMPs); the\n"
           "     contexts of one engine share it, so their spans overlap\n");
    uint64_t first, last;
    engine_span(d, SGPU_NODE_COMPUTE, &first, &last);
    if (last)
        printf("   compute engine: the four kernel contexts took %llu cycles together\n",
               (unsigned long long)(last - first));
    if (have_cycles)
        printf("   all of it      %llu device cycles, first submission to last fence: %.1f s of\n"
               "                  simulation here, %.0f device cycles/s\n",
               (unsigned long long)cycles, wall, (double)cycles / wall);
    return ok;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: sgpu-demo --uri URI [--kernels DIR] [--seed N]\n"
               "Runs copies and the vadd, saxpy, reduce and filter2d kernels in seven contexts on\n"
               "both engines, checks every result against a host reference, prints a table.\n"
               "--kernels: where <name>.bin are (default: ../kernels from this program).\n"
               "Exit status 0 when every result matched, 1 otherwise.\n");
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"uri", required_argument, NULL, 'u'}, {"kernels", required_argument, NULL, 'k'},
        {"seed", required_argument, NULL, 's'}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct demo d = {.seed = 1};
    const char *uri = NULL;
    char kdir[4096];
    int c;
    while ((c = getopt_long(argc, argv, "u:k:s:h", opts, NULL)) != -1) {
        switch (c) {
        case 'u': uri = optarg; break;
        case 'k': d.kernel_dir = optarg; break;
        case 's': d.seed = strtoull(optarg, NULL, 0); break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (!uri || optind < argc) {
        usage(stderr);
        return 2;
    }
    if (!d.kernel_dir) {
        if (simproc_next_to_self("../kernels", kdir, sizeof kdir) != 0) {
            fprintf(stderr, "sgpu-demo: cannot find the kernels; use --kernels\n");
            return 2;
        }
        d.kernel_dir = kdir;
    }
    TRY(uri, sgpu_open(uri, &d.dev));
    TRY("host memory", sgpu_dma_alloc(d.dev, 1u << 20, &d.host));
    TRY("host memory", sgpu_dma_alloc(d.dev, 16u * NCTX, &d.stamps));
    if (create_contexts(&d)) {
        sgpu_close(d.dev);
        return 1;
    }
    struct arrays h;
    uint64_t c0 = 0, c1 = 0;
    int have_cycles = sgpu_device_cycles(d.dev, &c0, NULL) == SGPU_OK;
    double t0 = now_s();
    if (run(&d, &h)) {
        sgpu_close(d.dev);
        return 1;
    }
    double wall = now_s() - t0;
    have_cycles = have_cycles && sgpu_device_cycles(d.dev, &c1, NULL) == SGPU_OK;
    check(&d, &h);
    int ok = report(&d, c1 - c0, have_cycles, wall);
    sgpu_close(d.dev);
    return ok ? 0 : 1;
}
