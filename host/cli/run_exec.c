/* run_exec.c: `sgpu run`'s executor: each statement of a parsed workload becomes libsgpu
 * calls; results, checks and a per-context summary come out at the end. */
/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "json.h"
#include "run_exec.h"
#include "run_sha256.h"

/* How often a long wait says where it is, and after how long it starts to. */
#define PROGRESS_FIRST_MS 2000
#define PROGRESS_EVERY_MS 2000
#define WAIT_SLICE_MS 250
/* A device another driver holds (a `sgpu top` sample takes it for a moment) is tried again
 * for this long. */
#define OPEN_BUSY_RETRY_MS 5000

struct exec_ctx {
    sgpu_ctx *ctx;
    struct sgpu_dma_buf *stamps; /* two TIMESTAMPs per submission: its start and its end */
    unsigned submissions;
    unsigned commands;
    int open;                    /* commands since the last submit (start stamp written) */
};

struct exec_buf {
    struct sgpu_dma_buf *host;
    uint32_t vram;
    int allocated;
};

/* Argument blocks already in VRAM, by contents: never written again once there, so
 * dispatches with the same arguments (a repeat) share one. */
struct args_block {
    uint32_t words[RUN_MAX_ARGS];
    uint32_t addr;
};

struct exec {
    const struct run_script *s;
    const struct run_options *o;
    sgpu_dev *dev;
    struct exec_ctx *ctxs;
    struct exec_buf *bufs;
    sgpu_kernel **kernels;
    FILE *out;                   /* human lines: stdout, or stderr under --json */
    struct args_block *blocks;
    size_t nblocks;
    unsigned checks_passed, checks_failed;
    int failed_line;             /* the statement that failed (0: none) */
    char failure[512];
};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int fail(struct exec *x, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(struct exec *x, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(x->failure, sizeof x->failure, fmt, ap);
    va_end(ap);
    x->failed_line = line;
    fprintf(stderr, "%s:%d: %s\n", x->s->name, line, x->failure);
    return -1;
}

static const char *cmd_error_name(unsigned reason)
{
    static const char *const names[] = {
        "NONE", "UNKNOWN_OPCODE", "BAD_LENGTH", "MISALIGNED", "RESERVED_BITS", "BAD_ADDRESS",
        "TOO_LONG", "CROSSES_RING_END", "KERNEL_ILLEGAL_INSTRUCTION", "KERNEL_BAD_ACCESS",
        "DMA_ERROR", "BAD_DISPATCH",
    };
    return reason < sizeof names / sizeof names[0] ? names[reason] : "UNKNOWN";
}

/* A library failure, with the context's fault when it is in error. */
static int lib_fail(struct exec *x, int line, const char *what, int ctx, int rc)
{
    struct sgpu_ctx_fault f;
    if (rc == SGPU_ERR_CTX_ERROR && ctx >= 0 &&
        sgpu_ctx_error(x->ctxs[ctx].ctx, &f) == SGPU_ERR_CTX_ERROR) {
        if (f.event == SGPU_EVENT_CONTEXT_ERROR)
            return fail(x, line, "%s: context '%s' is in error: %s at ring offset %llu (%s 0x%llx)",
                        what, x->s->ctxs[ctx].name, cmd_error_name(f.reason),
                        (unsigned long long)f.ring_offset,
                        f.reason == SGPU_CMD_ERROR_KERNEL_ILLEGAL_INSTRUCTION ? "pc" :
                        f.reason == SGPU_CMD_ERROR_KERNEL_BAD_ACCESS ? "address" : "command header",
                        (unsigned long long)f.aux);
        return fail(x, line, "%s: context '%s' was reset by an engine reset%s", what,
                    x->s->ctxs[ctx].name, (f.flags & SGPU_EVENT_FLAG_COLLATERAL_DAMAGE) ?
                    " (collateral damage)" : "");
    }
    const char *detail = sgpu_last_error();
    return fail(x, line, "%s: %s (%s)", what, detail[0] ? detail : sgpu_strerror(rc),
                sgpu_errname(rc));
}

/* A path as the workload wrote it: absolute, or relative to the workload's directory. */
static void resolve(const struct exec *x, const char *path, char *out, size_t size)
{
    if (path[0] == '/' || !x->o->base_dir)
        snprintf(out, size, "%s", path);
    else
        snprintf(out, size, "%s/%s", x->o->base_dir, path);
}

/* Reads a whole file of at most max bytes into buf; returns its size or -1. */
static long read_file(struct exec *x, int line, const char *path, uint8_t *buf, size_t max)
{
    char full[4096];
    resolve(x, path, full, sizeof full);
    FILE *f = fopen(full, "rb");
    if (!f)
        return fail(x, line, "cannot open '%s'", full);
    size_t n = fread(buf, 1, max, f);
    int more = fgetc(f) != EOF, err = ferror(f);
    fclose(f);
    if (err)
        return fail(x, line, "cannot read '%s'", full);
    if (more)
        return fail(x, line, "'%s' is larger than the buffer (%zu bytes)", full, max);
    return (long)n;
}

/* Bus or VRAM address of a reference, and the COPY flag bit that says VRAM. */
static uint64_t address(const struct exec *x, const struct run_ref *r, int *vram)
{
    const struct exec_buf *b = &x->bufs[r->buf];
    *vram = x->s->bufs[r->buf].vram;
    return (*vram ? b->vram : b->host->bus) + r->offset;
}

static int exec_context(struct exec *x, const struct run_stmt *st)
{
    const struct run_context_decl *d = &x->s->ctxs[st->ctx];
    struct exec_ctx *c = &x->ctxs[st->ctx];
    struct sgpu_ctx_options opts = SGPU_CTX_OPTIONS_INIT;
    opts.ring_bytes = d->ring_bytes;
    int rc = sgpu_ctx_create(x->dev, d->node, &opts, &c->ctx);
    if (rc)
        return lib_fail(x, st->line, "context", -1, rc);
    if (d->submits && (rc = sgpu_dma_alloc(x->dev, (size_t)d->submits * 16, &c->stamps)) != 0)
        return lib_fail(x, st->line, "context: timestamps", -1, rc);
    return 0;
}

static int exec_buffer(struct exec *x, const struct run_stmt *st)
{
    const struct run_buffer_decl *d = &x->s->bufs[st->buf];
    struct exec_buf *b = &x->bufs[st->buf];
    uint8_t *data;
    int rc;
    if (!d->vram) {
        if ((rc = sgpu_dma_alloc(x->dev, d->bytes, &b->host)) != 0)
            return lib_fail(x, st->line, "buffer", -1, rc);
        data = b->host->cpu;
    } else {
        if ((rc = sgpu_vram_alloc(x->dev, d->bytes, 64, &b->vram)) != 0)
            return lib_fail(x, st->line, "buffer", -1, rc);
        b->allocated = 1;
        if (!(data = calloc(1, d->bytes)))
            return fail(x, st->line, "out of memory");
    }
    rc = 0;
    if (st->data.kind == RUN_DATA_FILE)
        rc = read_file(x, st->line, st->data.path, data, d->bytes) < 0 ? -1 : 0;
    else
        run_data_generate(&st->data, data, d->bytes);
    if (rc == 0 && d->vram && (rc = sgpu_vram_write(x->dev, b->vram, data, d->bytes)) != 0)
        rc = lib_fail(x, st->line, "buffer: upload", -1, rc);
    if (d->vram)
        free(data);
    return rc;
}

static int exec_kernel(struct exec *x, const struct run_stmt *st)
{
    const struct run_kernel_decl *d = &x->s->kernels[st->kernel];
    char path[4096];
    /* a bare name is one of the built kernels; anything else a file */
    if (!strchr(d->path, '/') && x->o->kernel_dir)
        snprintf(path, sizeof path, "%s/%s", x->o->kernel_dir, d->path);
    else
        resolve(x, d->path, path, sizeof path);
    int rc = sgpu_kernel_load(x->dev, path, &x->kernels[st->kernel]);
    if (rc)
        return lib_fail(x, st->line, "kernel", -1, rc);
    return 0;
}

/* The start stamp of a submission goes in before its first command. */
static int open_submission(struct exec *x, const struct run_stmt *st)
{
    struct exec_ctx *c = &x->ctxs[st->ctx];
    c->commands++;
    if (c->open)
        return 0;
    c->open = 1;
    int rc = sgpu_cmd_timestamp(c->ctx, c->stamps->bus + 16u * c->submissions, 0);
    return rc ? lib_fail(x, st->line, "timestamp", st->ctx, rc) : 0;
}

static int exec_dispatch(struct exec *x, const struct run_stmt *st)
{
    uint32_t words[RUN_MAX_ARGS] = {0}, args = 0;
    for (unsigned i = 0; i < st->nargs; i++) {
        int vram;
        words[i] = st->args[i].is_ref ? (uint32_t)address(x, &st->args[i].ref, &vram)
                                      : st->args[i].imm;
    }
    /* a block is never rewritten (an earlier dispatch may not have run yet): reuse one with
     * the same words, or write a new one */
    int found = 0, rc = 0;
    for (size_t i = 0; i < x->nblocks && !found; i++)
        if ((found = memcmp(x->blocks[i].words, words, sizeof words) == 0))
            args = x->blocks[i].addr;
    if (!found) {
        struct args_block *grown = realloc(x->blocks, (x->nblocks + 1) * sizeof *grown);
        if (!grown)
            return fail(x, st->line, "out of memory");
        x->blocks = grown;
        rc = sgpu_vram_alloc(x->dev, sizeof words, 8, &args);
        if (!rc)
            rc = sgpu_vram_write(x->dev, args, words, sizeof words);
        if (rc)
            return lib_fail(x, st->line, "dispatch: argument block", -1, rc);
        memcpy(x->blocks[x->nblocks].words, words, sizeof words);
        x->blocks[x->nblocks++].addr = args;
    }
    rc = sgpu_cmd_dispatch(x->ctxs[st->ctx].ctx, sgpu_kernel_addr(x->kernels[st->kernel]),
                           st->grid[0], st->grid[1], st->grid[2], st->wg_size, args);
    return rc ? lib_fail(x, st->line, "dispatch", st->ctx, rc) : 0;
}

static int exec_command(struct exec *x, const struct run_stmt *st)
{
    if (open_submission(x, st) != 0)
        return -1;
    sgpu_ctx *ctx = x->ctxs[st->ctx].ctx;
    int src_vram, dst_vram, rc;
    uint64_t src, dst;
    switch (st->op) {
    case RUN_COPY:
        src = address(x, &st->src, &src_vram);
        dst = address(x, &st->dst, &dst_vram);
        rc = sgpu_cmd_copy(ctx, src, dst, st->bytes,
                           (src_vram ? SGPU_CMD_COPY_FLAG_SRC_VRAM : 0) |
                           (dst_vram ? SGPU_CMD_COPY_FLAG_DST_VRAM : 0));
        return rc ? lib_fail(x, st->line, "copy", st->ctx, rc) : 0;
    case RUN_FILL:
        dst = address(x, &st->dst, &dst_vram);
        rc = sgpu_cmd_fill(ctx, dst, st->bytes, st->pattern,
                           dst_vram ? SGPU_CMD_FILL_FLAG_DST_VRAM : 0);
        return rc ? lib_fail(x, st->line, "fill", st->ctx, rc) : 0;
    case RUN_TIMESTAMP:
        dst = address(x, &st->dst, &dst_vram);
        rc = sgpu_cmd_timestamp(ctx, dst, dst_vram ? SGPU_CMD_TIMESTAMP_FLAG_VRAM : 0);
        return rc ? lib_fail(x, st->line, "timestamp", st->ctx, rc) : 0;
    case RUN_AFTER: {
        const sgpu_ctx *other = x->ctxs[st->other].ctx;
        rc = sgpu_cmd_wait(ctx, sgpu_ctx_fence_addr(other), sgpu_fence_last_submitted(other), 0);
        return rc ? lib_fail(x, st->line, "after", st->ctx, rc) : 0;
    }
    default:
        return exec_dispatch(x, st);
    }
}

static int exec_submit(struct exec *x, const struct run_stmt *st)
{
    struct exec_ctx *c = &x->ctxs[st->ctx];
    int rc;
    if (c->open && (rc = sgpu_cmd_timestamp(c->ctx, c->stamps->bus + 16u * c->submissions + 8, 0)))
        return lib_fail(x, st->line, "submit: timestamp", st->ctx, rc);
    if ((rc = sgpu_submit(c->ctx, 0, NULL)) != 0)
        return lib_fail(x, st->line, "submit", st->ctx, rc);
    c->open = 0;
    c->submissions++;
    return 0;
}

/* Waits for everything submitted on one context, saying where it is during long waits. */
static int wait_ctx(struct exec *x, int line, int i)
{
    struct exec_ctx *c = &x->ctxs[i];
    if (!c->ctx)
        return 0;
    uint64_t target = sgpu_fence_last_submitted(c->ctx);
    double start = now_s(), next_note = start + PROGRESS_FIRST_MS / 1000.0;
    for (;;) {
        int rc = sgpu_fence_wait(c->ctx, target, WAIT_SLICE_MS);
        if (rc == SGPU_OK)
            return 0;
        if (rc != SGPU_ERR_TIMEOUT)
            return lib_fail(x, line, "wait", i, rc);
        double t = now_s();
        if (t - start > x->o->timeout_s)
            return fail(x, line, "wait: context '%s' did not finish in %u s (fence %llu of %llu)",
                        x->s->ctxs[i].name, x->o->timeout_s,
                        (unsigned long long)sgpu_fence_read(c->ctx), (unsigned long long)target);
        if (!x->o->quiet && t >= next_note) {
            fprintf(stderr, "%s:%d: waiting for '%s': submission %llu of %llu done, %.0f s\n",
                    x->s->name, line, x->s->ctxs[i].name,
                    (unsigned long long)sgpu_fence_read(c->ctx), (unsigned long long)target,
                    t - start);
            next_note = t + PROGRESS_EVERY_MS / 1000.0;
        }
    }
}

static int wait_all(struct exec *x, int line)
{
    for (size_t i = 0; i < x->s->nctxs; i++)
        if (wait_ctx(x, line, (int)i) != 0)
            return -1;
    return 0;
}

/* A buffer's contents now (after everything submitted is done): malloc'ed, or NULL. */
static uint8_t *contents(struct exec *x, int line, int buf)
{
    const struct run_buffer_decl *d = &x->s->bufs[buf];
    uint8_t *data = malloc(d->bytes);
    if (!data) {
        fail(x, line, "out of memory");
        return NULL;
    }
    if (!d->vram) {
        memcpy(data, x->bufs[buf].host->cpu, d->bytes);
        return data;
    }
    int rc = sgpu_vram_read(x->dev, x->bufs[buf].vram, data, d->bytes);
    if (rc) {
        free(data);
        lib_fail(x, line, "reading VRAM", -1, rc);
        return NULL;
    }
    return data;
}

static uint32_t word_at(const uint8_t *p, size_t bytes, size_t offset)
{
    uint32_t w = 0;
    for (size_t b = 0; b < 4 && offset + b < bytes; b++)
        w |= (uint32_t)p[offset + b] << (8 * b);
    return w;
}

/* Compares and reports; a mismatch is a failed check, not an error. */
static void compare(struct exec *x, const struct run_stmt *st, const uint8_t *got,
                    const uint8_t *want, size_t bytes)
{
    const char *name = x->s->bufs[st->buf].name;
    size_t first = bytes, differ = 0;
    for (size_t i = 0; i < bytes; i++)
        if (got[i] != want[i]) {
            differ++;
            if (first == bytes)
                first = i;
        }
    if (!differ) {
        x->checks_passed++;
        fprintf(x->out, "%s:%d: check %s: OK (%zu bytes)\n", x->s->name, st->line, name, bytes);
        return;
    }
    x->checks_failed++;
    size_t w = first & ~(size_t)3;
    fprintf(x->out, "%s:%d: check %s: FAILED: %zu of %zu bytes differ; first at byte %zu: "
                    "word 0x%08x, expected 0x%08x\n", x->s->name, st->line, name, differ, bytes,
            first, word_at(got, bytes, w), word_at(want, bytes, w));
}

static int exec_check(struct exec *x, const struct run_stmt *st)
{
    size_t bytes = x->s->bufs[st->buf].bytes;
    uint8_t *got = contents(x, st->line, st->buf), *want = NULL;
    if (!got)
        return -1;
    int rc = 0;
    if (st->data.kind == RUN_DATA_SHA256) {
        uint8_t digest[32];
        char hex[65], expect[65];
        run_sha256(got, bytes, digest);
        const char *name = x->s->bufs[st->buf].name;
        if (memcmp(digest, st->data.sha256, 32) == 0) {
            x->checks_passed++;
            fprintf(x->out, "%s:%d: check %s: OK (sha256)\n", x->s->name, st->line, name);
        } else {
            x->checks_failed++;
            run_sha256_hex(digest, hex);
            run_sha256_hex(st->data.sha256, expect);
            fprintf(x->out, "%s:%d: check %s: FAILED: sha256 %s, expected %s\n", x->s->name,
                    st->line, name, hex, expect);
        }
    } else if (st->data.kind == RUN_DATA_EQUALS) {
        if (!(want = contents(x, st->line, st->data.buf)))
            rc = -1;
    } else if (!(want = calloc(1, bytes))) {
        rc = fail(x, st->line, "out of memory");
    } else if (st->data.kind == RUN_DATA_FILE) {
        long n = read_file(x, st->line, st->data.path, want, bytes);
        if (n < 0)
            rc = -1;
        else if ((size_t)n != bytes)
            rc = fail(x, st->line, "check: '%s' has %ld bytes, buffer '%s' %zu", st->data.path,
                      n, x->s->bufs[st->buf].name, bytes);
    } else {
        run_data_generate(&st->data, want, bytes);
    }
    if (rc == 0 && want)
        compare(x, st, got, want, bytes);
    free(got);
    free(want);
    return rc;
}

static int exec_dump_or_hash(struct exec *x, const struct run_stmt *st)
{
    size_t bytes = x->s->bufs[st->buf].bytes;
    uint8_t *data = contents(x, st->line, st->buf);
    if (!data)
        return -1;
    int rc = 0;
    if (st->op == RUN_HASH) {
        uint8_t digest[32];
        char hex[65];
        run_sha256(data, bytes, digest);
        run_sha256_hex(digest, hex);
        fprintf(x->out, "%s sha256 %s\n", x->s->bufs[st->buf].name, hex);
    } else {
        char path[4096];
        resolve(x, st->text, path, sizeof path);
        FILE *f = fopen(path, "wb");
        if (!f || fwrite(data, 1, bytes, f) != bytes)
            rc = fail(x, st->line, "dump: cannot write '%s'", path);
        if (f && fclose(f) != 0 && rc == 0)
            rc = fail(x, st->line, "dump: cannot write '%s'", path);
    }
    free(data);
    return rc;
}

static int exec_stmt(struct exec *x, const struct run_stmt *st)
{
    switch (st->op) {
    case RUN_CONTEXT:
        return exec_context(x, st);
    case RUN_BUFFER:
        return exec_buffer(x, st);
    case RUN_KERNEL:
        return exec_kernel(x, st);
    case RUN_COPY:
    case RUN_FILL:
    case RUN_TIMESTAMP:
    case RUN_DISPATCH:
    case RUN_AFTER:
        return exec_command(x, st);
    case RUN_SUBMIT:
        return exec_submit(x, st);
    case RUN_WAIT:
        return st->ctx < 0 ? wait_all(x, st->line) : wait_ctx(x, st->line, st->ctx);
    case RUN_CHECK:
        return wait_all(x, st->line) != 0 ? -1 : exec_check(x, st);
    case RUN_DUMP:
    case RUN_HASH:
        return wait_all(x, st->line) != 0 ? -1 : exec_dump_or_hash(x, st);
    case RUN_PRINT:
        fprintf(x->out, "%s\n", st->text);
        return 0;
    }
    return 0;
}

/* Device cycles a context's submissions took, start stamp to end stamp. */
static uint64_t busy_cycles(const struct exec *x, int i)
{
    const struct exec_ctx *c = &x->ctxs[i];
    uint64_t sum = 0;
    for (unsigned k = 0; c->stamps && k < c->submissions; k++) {
        const uint64_t *s = (const uint64_t *)((const uint8_t *)c->stamps->cpu + 16u * k);
        if (s[1] > s[0])
            sum += s[1] - s[0];
    }
    return sum;
}

static const char *node_name(unsigned node)
{
    return node == SGPU_NODE_COPY ? "copy" : "compute";
}

static void summary_table(const struct exec *x, uint64_t cycles, int have_cycles, double wall)
{
    FILE *f = x->out;
    if (x->s->nctxs)
        fprintf(f, "%-16s %-8s %3s %9s %8s %8s %12s  %s\n", "context", "engine", "id",
                "commands", "submits", "fence", "busy cycles", "state");
    for (size_t i = 0; i < x->s->nctxs; i++) {
        const struct exec_ctx *c = &x->ctxs[i];
        if (!c->ctx)
            continue;
        fprintf(f, "%-16s %-8s %3u %9u %8u %8llu %12llu  %s\n", x->s->ctxs[i].name,
                node_name(x->s->ctxs[i].node), sgpu_ctx_id(c->ctx), c->commands, c->submissions,
                (unsigned long long)sgpu_fence_read(c->ctx),
                (unsigned long long)busy_cycles(x, (int)i),
                sgpu_ctx_error(c->ctx, NULL) ? "ERROR" : "ok");
    }
    fprintf(f, "checks: %u passed, %u failed", x->checks_passed, x->checks_failed);
    if (have_cycles)
        fprintf(f, "; %llu device cycles", (unsigned long long)cycles);
    fprintf(f, "; %.2f s\n", wall);
}

static void summary_json(const struct exec *x, int status, uint64_t cycles, int have_cycles,
                         double wall)
{
    struct json j;
    json_init(&j, stdout);
    json_object(&j, NULL);
    json_string(&j, "workload", x->s->name);
    json_bool(&j, "ok", status == CLI_OK);
    json_uint(&j, "exit_status", (uint64_t)status);
    if (x->failed_line)
        json_uint(&j, "failed_line", (uint64_t)x->failed_line);
    if (x->failure[0])
        json_string(&j, "error", x->failure);
    json_object(&j, "checks");
    json_uint(&j, "passed", x->checks_passed);
    json_uint(&j, "failed", x->checks_failed);
    json_end(&j, '}');
    if (have_cycles)
        json_uint(&j, "device_cycles", cycles);
    json_double(&j, "wall_s", wall);
    json_array(&j, "contexts");
    for (size_t i = 0; i < x->s->nctxs; i++) {
        const struct exec_ctx *c = &x->ctxs[i];
        if (!c->ctx)
            continue;
        json_object(&j, NULL);
        json_string(&j, "name", x->s->ctxs[i].name);
        json_string(&j, "engine", node_name(x->s->ctxs[i].node));
        json_uint(&j, "node", x->s->ctxs[i].node);
        json_uint(&j, "id", sgpu_ctx_id(c->ctx));
        json_uint(&j, "commands", c->commands);
        json_uint(&j, "submissions", c->submissions);
        json_uint(&j, "fence", sgpu_fence_read(c->ctx));
        json_uint(&j, "fence_submitted", sgpu_fence_last_submitted(c->ctx));
        json_uint(&j, "busy_cycles", busy_cycles(x, (int)i));
        json_bool(&j, "in_error", sgpu_ctx_error(c->ctx, NULL) != SGPU_OK);
        json_end(&j, '}');
    }
    json_end(&j, ']');
    json_end(&j, '}');
    json_finish(&j);
}

static void sleep_ms(unsigned ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000};
    nanosleep(&ts, NULL);
}

/* cli_open, after waiting out a short hold by another driver. */
static sgpu_dev *open_device(const char *uri)
{
    char sock[128], def[160];
    if (!uri && sgpu_default_sim_socket(sock, sizeof sock) == SGPU_OK) {
        snprintf(def, sizeof def, "sim:%s", sock);
        uri = def;
    }
    for (unsigned waited = 0; uri && waited < OPEN_BUSY_RETRY_MS; waited += 100) {
        sgpu_dev *dev;
        int rc = sgpu_open(uri, &dev);
        if (rc == SGPU_OK)
            return dev;
        if (rc != SGPU_ERR_BUSY)
            break;
        sleep_ms(100);
    }
    /* reports the failure, or starts the local simulator when none listens */
    return cli_open(uri == def ? NULL : uri);
}

static void release(struct exec *x)
{
    for (size_t i = 0; i < x->s->nctxs; i++)
        if (x->ctxs[i].ctx)
            sgpu_ctx_destroy(x->ctxs[i].ctx);
    for (size_t i = 0; i < x->s->nkernels; i++)
        sgpu_kernel_free(x->kernels[i]);
    sgpu_close(x->dev); /* frees the DMA buffers and the VRAM allocator with the device */
    free(x->ctxs);
    free(x->bufs);
    free(x->kernels);
    free(x->blocks);
}

int run_execute(const struct run_script *s, const struct run_options *o)
{
    struct exec x = {.s = s, .o = o, .out = o->json ? stderr : stdout};
    x.ctxs = calloc(s->nctxs + 1, sizeof *x.ctxs);
    x.bufs = calloc(s->nbufs + 1, sizeof *x.bufs);
    x.kernels = calloc(s->nkernels + 1, sizeof *x.kernels);
    if (!x.ctxs || !x.bufs || !x.kernels) {
        fprintf(stderr, "%s: out of memory\n", cli_prog);
        free(x.ctxs);
        free(x.bufs);
        free(x.kernels);
        return CLI_FAIL;
    }
    if (!(x.dev = open_device(o->uri))) {
        if (o->json) {
            snprintf(x.failure, sizeof x.failure, "cannot open the device");
            summary_json(&x, CLI_FAIL, 0, 0, 0);
        }
        release(&x);
        return CLI_FAIL;
    }
    uint64_t c0 = 0, c1 = 0;
    int have_cycles = sgpu_device_cycles(x.dev, &c0, NULL) == SGPU_OK;
    double t0 = now_s();
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < s->nstmts; i++)
        rc = exec_stmt(&x, &s->stmts[i]);
    if (rc == 0)
        rc = wait_all(&x, s->nstmts ? s->stmts[s->nstmts - 1].line : 0);
    have_cycles = have_cycles && sgpu_device_cycles(x.dev, &c1, NULL) == SGPU_OK;
    double wall = now_s() - t0;
    int status = rc ? CLI_FAIL : x.checks_failed ? CLI_CHECK_FAILED : CLI_OK;
    if (o->json)
        summary_json(&x, status, c1 - c0, have_cycles, wall);
    else if (!o->quiet)
        summary_table(&x, c1 - c0, have_cycles, wall);
    release(&x);
    return status;
}
