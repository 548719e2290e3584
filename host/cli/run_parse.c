/* run_parse.c: the `sgpu run` workload parser: one statement per line, checked as far as
 * it can be without a device (names, kinds, sizes, alignment, ranges, submission). */
/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "run_parse.h"
#include "sgpu.h"
#include "sgpu_regs.h"

#define MAX_TOKENS (8 + RUN_MAX_ARGS)

/* The line being parsed, for messages. */
struct parse {
    struct run_script *s;
    int line;
    char *err;
    size_t errlen;
    char *tok[MAX_TOKENS];
    int ntok;
};

static int fail(struct parse *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(struct parse *p, const char *fmt, ...)
{
    int n = snprintf(p->err, p->errlen, "%s:%d: ", p->s->name, p->line);
    va_list ap;
    va_start(ap, fmt);
    if (n >= 0 && (size_t)n < p->errlen)
        vsnprintf(p->err + n, p->errlen - (size_t)n, fmt, ap);
    va_end(ap);
    return -1;
}

void run_script_init(struct run_script *s, const char *name)
{
    memset(s, 0, sizeof *s);
    s->name = name;
}

void run_script_free(struct run_script *s)
{
    for (size_t i = 0; i < s->nstrings; i++)
        free(s->strings[i]);
    free(s->strings);
    free(s->stmts);
    free(s->ctxs);
    free(s->bufs);
    free(s->kernels);
    memset(s, 0, sizeof *s);
}

static const char *keep_string(struct parse *p, const char *text)
{
    struct run_script *s = p->s;
    char **grown = realloc(s->strings, (s->nstrings + 1) * sizeof *grown);
    char *copy = strdup(text);
    if (!grown || !copy) {
        free(copy);
        if (grown)
            s->strings = grown;
        return NULL;
    }
    s->strings = grown;
    s->strings[s->nstrings++] = copy;
    return copy;
}

static int grow(void **array, size_t count, size_t elem)
{
    void *grown = realloc(*array, (count + 1) * elem);
    if (!grown)
        return -1;
    *array = grown;
    return 0;
}

int run_parse_number(const char *text, int allow_negative, uint64_t *value)
{
    const char *t = text;
    int negative = 0;
    if (*t == '-') {
        if (!allow_negative)
            return -1;
        negative = 1;
        t++;
    }
    if (!isdigit((unsigned char)*t))
        return -1;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(t, &end, 0);
    if (errno)
        return -1;
    uint64_t scale = 1;
    if (*end == 'K' || *end == 'k')
        scale = 1024;
    else if (*end == 'M' || *end == 'm')
        scale = 1024 * 1024;
    if (scale != 1)
        end++;
    if (*end || v > UINT64_MAX / scale)
        return -1;
    v *= scale;
    *value = negative ? (uint64_t)0 - v : v;
    return 0;
}

/* A number that fits 32 bits; negative ones (arguments, patterns) as two's complement. */
static int number32(struct parse *p, const char *text, int allow_negative, const char *what,
                    uint32_t *out)
{
    uint64_t v;
    if (run_parse_number(text, allow_negative, &v) != 0)
        return fail(p, "%s: '%s' is not a number", what, text);
    int negative = text[0] == '-';
    if (negative ? (int64_t)v < INT32_MIN : v > UINT32_MAX)
        return fail(p, "%s: %s does not fit 32 bits", what, text);
    *out = (uint32_t)v;
    return 0;
}

static int valid_name(const char *n)
{
    if (!isalpha((unsigned char)n[0]) && n[0] != '_')
        return 0;
    for (const char *c = n; *c; c++)
        if (!isalnum((unsigned char)*c) && *c != '_' && *c != '-' && *c != '.')
            return 0;
    return strlen(n) < RUN_NAME_MAX && strcmp(n, "all") != 0;
}

static int find_ctx(const struct run_script *s, const char *n)
{
    for (size_t i = 0; i < s->nctxs; i++)
        if (strcmp(s->ctxs[i].name, n) == 0)
            return (int)i;
    return -1;
}

static int find_buf(const struct run_script *s, const char *n)
{
    for (size_t i = 0; i < s->nbufs; i++)
        if (strcmp(s->bufs[i].name, n) == 0)
            return (int)i;
    return -1;
}

static int find_kernel(const struct run_script *s, const char *n)
{
    for (size_t i = 0; i < s->nkernels; i++)
        if (strcmp(s->kernels[i].name, n) == 0)
            return (int)i;
    return -1;
}

/* A new name must be valid and not yet used by any context, buffer or kernel. */
static int new_name(struct parse *p, const char *n)
{
    if (!valid_name(n))
        return fail(p, "'%s' is not a valid name (a letter or _, then letters, digits, _ - .; "
                       "at most %d characters; not 'all')", n, RUN_NAME_MAX - 1);
    if (find_ctx(p->s, n) >= 0 || find_buf(p->s, n) >= 0 || find_kernel(p->s, n) >= 0)
        return fail(p, "'%s' is already defined", n);
    return 0;
}

static int ctx_arg(struct parse *p, const char *n, int *out)
{
    if ((*out = find_ctx(p->s, n)) < 0)
        return fail(p, "no context named '%s' (declare it with 'context %s copy|compute')", n, n);
    return 0;
}

static int buf_arg(struct parse *p, const char *n, int *out)
{
    if ((*out = find_buf(p->s, n)) < 0)
        return fail(p, "no buffer named '%s' (declare it with 'buffer %s host|vram BYTES')", n, n);
    return 0;
}

/* NAME or NAME+OFFSET, the offset a multiple of `align`, `bytes` from there inside. */
static int ref_arg(struct parse *p, const char *text, uint32_t bytes, uint32_t align,
                   struct run_ref *out)
{
    char name[RUN_NAME_MAX + 1];
    const char *plus = strchr(text, '+');
    size_t len = plus ? (size_t)(plus - text) : strlen(text);
    if (len >= sizeof name)
        return fail(p, "no buffer named '%.*s'", (int)len, text);
    memcpy(name, text, len);
    name[len] = '\0';
    if (buf_arg(p, name, &out->buf) != 0)
        return -1;
    out->offset = 0;
    if (plus && number32(p, plus + 1, 0, "offset", &out->offset) != 0)
        return -1;
    const struct run_buffer_decl *b = &p->s->bufs[out->buf];
    if (out->offset % align)
        return fail(p, "%s: the offset must be a multiple of %u", text, align);
    if ((uint64_t)out->offset + bytes > b->bytes)
        return fail(p, "%s: %u bytes from offset %u run past the end of '%s' (%u bytes)", text,
                    bytes, out->offset, b->name, b->bytes);
    return 0;
}

static int need(struct parse *p, int min, int max, const char *usage)
{
    if (p->ntok < min || (max >= 0 && p->ntok > max))
        return fail(p, "usage: %s", usage);
    return 0;
}

/* Length of a COPY or FILL: a non-zero multiple of 8, at most 16 MiB - 8. */
static int length_arg(struct parse *p, const char *text, uint32_t *out)
{
    if (number32(p, text, 0, "bytes", out) != 0)
        return -1;
    if (*out == 0 || *out % 8 || *out > (16u << 20) - 8)
        return fail(p, "bytes: %s must be a non-zero multiple of 8, at most 16M-8", text);
    return 0;
}

static int hex_digest(const char *text, uint8_t out[32])
{
    if (strlen(text) != 64)
        return -1;
    for (int i = 0; i < 32; i++) {
        unsigned v;
        char pair[3] = {text[2 * i], text[2 * i + 1], 0};
        if (!isxdigit((unsigned char)pair[0]) || !isxdigit((unsigned char)pair[1]) ||
            sscanf(pair, "%x", &v) != 1)
            return -1;
        out[i] = (uint8_t)v;
    }
    return 0;
}

/* Data specs from token `first` on: zero | fill P | seq START STEP | random SEED | file PATH,
 * and for checks also sha256 HEX | equals BUF. */
static int data_spec(struct parse *p, int first, int for_check, struct run_data *d)
{
    static const char usage_init[] = "zero | fill PATTERN | seq START STEP | random SEED | file PATH";
    static const char usage_check[] = "zero | fill PATTERN | seq START STEP | random SEED | "
                                      "file PATH | sha256 HEX | equals BUFFER";
    const char *usage = for_check ? usage_check : usage_init;
    memset(d, 0, sizeof *d);
    d->buf = -1;
    if (first >= p->ntok) {
        if (for_check)
            return fail(p, "check: what to expect? %s", usage);
        d->kind = RUN_DATA_ZERO;
        return 0;
    }
    const char *kind = p->tok[first];
    int nargs = p->ntok - first - 1;
    int want = strcmp(kind, "zero") == 0 ? 0 : strcmp(kind, "seq") == 0 ? 2 : 1;
    if (nargs != want && (strcmp(kind, "zero") == 0 || strcmp(kind, "fill") == 0 ||
                          strcmp(kind, "seq") == 0 || strcmp(kind, "random") == 0 ||
                          strcmp(kind, "file") == 0 || strcmp(kind, "sha256") == 0 ||
                          strcmp(kind, "equals") == 0))
        return fail(p, "'%s' takes %d value%s", kind, want, want == 1 ? "" : "s");
    if (strcmp(kind, "zero") == 0) {
        d->kind = RUN_DATA_ZERO;
    } else if (strcmp(kind, "fill") == 0) {
        d->kind = RUN_DATA_FILL;
        return number32(p, p->tok[first + 1], 1, "fill pattern", &d->a);
    } else if (strcmp(kind, "seq") == 0) {
        d->kind = RUN_DATA_SEQ;
        if (number32(p, p->tok[first + 1], 1, "seq start", &d->a) != 0)
            return -1;
        return number32(p, p->tok[first + 2], 1, "seq step", &d->b);
    } else if (strcmp(kind, "random") == 0) {
        d->kind = RUN_DATA_RANDOM;
        if (run_parse_number(p->tok[first + 1], 0, &d->seed) != 0)
            return fail(p, "random seed: '%s' is not a number", p->tok[first + 1]);
    } else if (strcmp(kind, "file") == 0) {
        d->kind = RUN_DATA_FILE;
        if (!(d->path = keep_string(p, p->tok[first + 1])))
            return fail(p, "out of memory");
    } else if (for_check && strcmp(kind, "sha256") == 0) {
        d->kind = RUN_DATA_SHA256;
        if (hex_digest(p->tok[first + 1], d->sha256) != 0)
            return fail(p, "sha256: '%s' is not 64 hex digits", p->tok[first + 1]);
    } else if (for_check && strcmp(kind, "equals") == 0) {
        d->kind = RUN_DATA_EQUALS;
        return buf_arg(p, p->tok[first + 1], &d->buf);
    } else {
        return fail(p, "'%s': expected %s", kind, usage);
    }
    return 0;
}

static int parse_context(struct parse *p, struct run_stmt *st)
{
    static const char usage[] = "context NAME copy|compute [ring BYTES]";
    if (need(p, 3, 5, usage) != 0 || new_name(p, p->tok[1]) != 0)
        return -1;
    struct run_context_decl c = {.line = p->line};
    snprintf(c.name, sizeof c.name, "%s", p->tok[1]);
    if (strcmp(p->tok[2], "copy") == 0)
        c.node = SGPU_NODE_COPY;
    else if (strcmp(p->tok[2], "compute") == 0)
        c.node = SGPU_NODE_COMPUTE;
    else
        return fail(p, "context %s: the engine is 'copy' or 'compute', not '%s'", c.name, p->tok[2]);
    if (p->ntok > 3) {
        if (p->ntok != 5 || strcmp(p->tok[3], "ring") != 0)
            return fail(p, "usage: %s", usage);
        if (number32(p, p->tok[4], 0, "ring", &c.ring_bytes) != 0)
            return -1;
        if (c.ring_bytes < SGPU_PROTO_RING_MIN_BYTES || c.ring_bytes > SGPU_PROTO_RING_MAX_BYTES ||
            (c.ring_bytes & (c.ring_bytes - 1)))
            return fail(p, "ring: %s is not a power of two from 256 to 16M", p->tok[4]);
    }
    if (grow((void **)&p->s->ctxs, p->s->nctxs, sizeof c) != 0)
        return fail(p, "out of memory");
    st->ctx = (int)p->s->nctxs;
    p->s->ctxs[p->s->nctxs++] = c;
    return 0;
}

static int parse_buffer(struct parse *p, struct run_stmt *st)
{
    if (need(p, 4, 7, "buffer NAME host|vram BYTES [zero | fill PATTERN | seq START STEP | "
                      "random SEED | file PATH]") != 0 ||
        new_name(p, p->tok[1]) != 0)
        return -1;
    struct run_buffer_decl b = {.line = p->line};
    snprintf(b.name, sizeof b.name, "%s", p->tok[1]);
    if (strcmp(p->tok[2], "host") == 0)
        b.vram = 0;
    else if (strcmp(p->tok[2], "vram") == 0)
        b.vram = 1;
    else
        return fail(p, "buffer %s: the memory is 'host' or 'vram', not '%s'", b.name, p->tok[2]);
    if (number32(p, p->tok[3], 0, "bytes", &b.bytes) != 0)
        return -1;
    if (b.bytes == 0 || b.bytes % 8)
        return fail(p, "buffer %s: %s bytes: the size must be a non-zero multiple of 8", b.name,
                    p->tok[3]);
    if (b.vram && b.bytes > SGPU_CFG_VRAM_BYTES)
        return fail(p, "buffer %s: %u bytes do not fit the %u bytes of VRAM", b.name, b.bytes,
                    (unsigned)SGPU_CFG_VRAM_BYTES);
    if (data_spec(p, 4, 0, &st->data) != 0)
        return -1;
    if (grow((void **)&p->s->bufs, p->s->nbufs, sizeof b) != 0)
        return fail(p, "out of memory");
    st->buf = (int)p->s->nbufs;
    p->s->bufs[p->s->nbufs++] = b;
    return 0;
}

static int parse_kernel(struct parse *p, struct run_stmt *st)
{
    if (need(p, 3, 3, "kernel NAME PATH") != 0 || new_name(p, p->tok[1]) != 0)
        return -1;
    struct run_kernel_decl k = {.line = p->line};
    snprintf(k.name, sizeof k.name, "%s", p->tok[1]);
    if (!(k.path = keep_string(p, p->tok[2])) ||
        grow((void **)&p->s->kernels, p->s->nkernels, sizeof k) != 0)
        return fail(p, "out of memory");
    st->kernel = (int)p->s->nkernels;
    p->s->kernels[p->s->nkernels++] = k;
    return 0;
}

static int parse_dispatch(struct parse *p, struct run_stmt *st)
{
    static const char usage[] = "dispatch CONTEXT KERNEL GX GY GZ WG_SIZE [ARG...] "
                                "(ARG: VRAM buffer, BUFFER+OFFSET or a number)";
    if (need(p, 7, 7 + RUN_MAX_ARGS, usage) != 0 || ctx_arg(p, p->tok[1], &st->ctx) != 0)
        return -1;
    if (p->s->ctxs[st->ctx].node != SGPU_NODE_COMPUTE)
        return fail(p, "dispatch: '%s' is a copy context; kernels run on compute contexts",
                    p->tok[1]);
    if ((st->kernel = find_kernel(p->s, p->tok[2])) < 0)
        return fail(p, "no kernel named '%s' (declare it with 'kernel %s PATH')", p->tok[2],
                    p->tok[2]);
    static const char *const what[] = {"grid x", "grid y", "grid z", "workgroup size"};
    uint32_t *dims[] = {&st->grid[0], &st->grid[1], &st->grid[2], &st->wg_size};
    for (int i = 0; i < 4; i++) {
        if (number32(p, p->tok[3 + i], 0, what[i], dims[i]) != 0)
            return -1;
        if (*dims[i] == 0)
            return fail(p, "dispatch: the %s must be at least 1", what[i]);
    }
    st->nargs = (unsigned)(p->ntok - 7);
    for (unsigned i = 0; i < st->nargs; i++) {
        const char *a = p->tok[7 + i];
        struct run_arg *arg = &st->args[i];
        if (isdigit((unsigned char)a[0]) || a[0] == '-') {
            if (number32(p, a, 1, "argument", &arg->imm) != 0)
                return -1;
            continue;
        }
        arg->is_ref = 1;
        if (ref_arg(p, a, 0, 4, &arg->ref) != 0)
            return -1;
        if (!p->s->bufs[arg->ref.buf].vram)
            return fail(p, "dispatch: argument '%s' is a host buffer; kernels reach only VRAM", a);
    }
    return 0;
}

static int parse_check(struct parse *p, struct run_stmt *st)
{
    if (need(p, 3, 5, "check BUFFER zero | fill PATTERN | seq START STEP | random SEED | "
                      "file PATH | sha256 HEX | equals BUFFER") != 0 ||
        buf_arg(p, p->tok[1], &st->buf) != 0 || data_spec(p, 2, 1, &st->data) != 0)
        return -1;
    if (st->data.kind == RUN_DATA_EQUALS &&
        p->s->bufs[st->data.buf].bytes != p->s->bufs[st->buf].bytes)
        return fail(p, "check: '%s' (%u bytes) and '%s' (%u bytes) differ in size", p->tok[1],
                    p->s->bufs[st->buf].bytes, p->tok[3], p->s->bufs[st->data.buf].bytes);
    return 0;
}

/* Statements that put a command on a context's ring. */
static int parse_command(struct parse *p, struct run_stmt *st)
{
    const char *op = p->tok[0];
    if (strcmp(op, "copy") == 0) {
        st->op = RUN_COPY;
        if (need(p, 5, 5, "copy CONTEXT SRC DST BYTES (SRC, DST: BUFFER or BUFFER+OFFSET)") != 0 ||
            ctx_arg(p, p->tok[1], &st->ctx) != 0 || length_arg(p, p->tok[4], &st->bytes) != 0 ||
            ref_arg(p, p->tok[2], st->bytes, 8, &st->src) != 0 ||
            ref_arg(p, p->tok[3], st->bytes, 8, &st->dst) != 0)
            return -1;
    } else if (strcmp(op, "fill") == 0) {
        st->op = RUN_FILL;
        if (need(p, 5, 5, "fill CONTEXT DST BYTES PATTERN") != 0 ||
            ctx_arg(p, p->tok[1], &st->ctx) != 0 || length_arg(p, p->tok[3], &st->bytes) != 0 ||
            ref_arg(p, p->tok[2], st->bytes, 8, &st->dst) != 0 ||
            number32(p, p->tok[4], 1, "pattern", &st->pattern) != 0)
            return -1;
    } else if (strcmp(op, "timestamp") == 0) {
        st->op = RUN_TIMESTAMP;
        if (need(p, 3, 3, "timestamp CONTEXT BUFFER[+OFFSET]") != 0 ||
            ctx_arg(p, p->tok[1], &st->ctx) != 0 || ref_arg(p, p->tok[2], 8, 8, &st->dst) != 0)
            return -1;
    } else if (strcmp(op, "dispatch") == 0) {
        st->op = RUN_DISPATCH;
        if (parse_dispatch(p, st) != 0)
            return -1;
    } else { /* after */
        st->op = RUN_AFTER;
        if (need(p, 3, 3, "after CONTEXT OTHER") != 0 || ctx_arg(p, p->tok[1], &st->ctx) != 0 ||
            ctx_arg(p, p->tok[2], &st->other) != 0)
            return -1;
        if (st->ctx == st->other)
            return fail(p, "after: a context cannot wait for itself");
    }
    struct run_context_decl *c = &p->s->ctxs[st->ctx];
    c->commands++;
    if (!c->pending_line)
        c->pending_line = p->line;
    return 0;
}

static int append(struct parse *p, const struct run_stmt *st)
{
    struct run_script *s = p->s;
    if (s->nstmts >= RUN_MAX_STMTS)
        return fail(p, "more than %d statements (repeats unrolled)", RUN_MAX_STMTS);
    if (s->nstmts == s->cap_stmts) {
        size_t cap = s->cap_stmts ? 2 * s->cap_stmts : 64;
        struct run_stmt *grown = realloc(s->stmts, cap * sizeof *grown);
        if (!grown)
            return fail(p, "out of memory");
        s->stmts = grown;
        s->cap_stmts = cap;
    }
    s->stmts[s->nstmts++] = *st;
    return 0;
}

/* Counts a statement's effect on its context (for a copy made by a repeat). */
static void count(struct run_script *s, const struct run_stmt *st)
{
    if (st->op == RUN_SUBMIT) {
        s->ctxs[st->ctx].submits++;
        s->ctxs[st->ctx].pending_line = 0;
    } else if (st->op >= RUN_COPY && st->op <= RUN_AFTER) {
        s->ctxs[st->ctx].commands++;
        if (!s->ctxs[st->ctx].pending_line)
            s->ctxs[st->ctx].pending_line = st->line;
    }
}

static int parse_repeat_end(struct parse *p)
{
    struct run_script *s = p->s;
    if (strcmp(p->tok[0], "repeat") == 0) {
        uint32_t n;
        if (need(p, 2, 2, "repeat COUNT ... end") != 0 || number32(p, p->tok[1], 0, "count", &n) != 0)
            return -1;
        if (n < 1 || n > RUN_MAX_REPEAT)
            return fail(p, "repeat: the count is 1 to %d", RUN_MAX_REPEAT);
        if (s->repeat_depth == sizeof s->repeat_count / sizeof s->repeat_count[0])
            return fail(p, "repeat: nested too deep");
        s->repeat_start[s->repeat_depth] = s->nstmts;
        s->repeat_count[s->repeat_depth] = n;
        s->repeat_line[s->repeat_depth++] = p->line;
        return 0;
    }
    if (need(p, 1, 1, "end") != 0)
        return -1;
    if (s->repeat_depth == 0)
        return fail(p, "'end' without 'repeat'");
    s->repeat_depth--;
    size_t start = s->repeat_start[s->repeat_depth], end = s->nstmts;
    for (unsigned r = 1; r < s->repeat_count[s->repeat_depth]; r++)
        for (size_t i = start; i < end; i++) {
            struct run_stmt copy = s->stmts[i];
            if (copy.op <= RUN_KERNEL)
                return fail(p, "repeat: declarations (line %d) cannot be repeated", copy.line);
            if (append(p, &copy) != 0)
                return -1;
            count(s, &copy);
        }
    return 0;
}

/* Splits the line into tokens at blanks; '#' at the start of a token starts a comment. */
static void tokenize(struct parse *p, char *line)
{
    p->ntok = 0;
    for (char *c = line; *c;) {
        while (*c && isspace((unsigned char)*c))
            c++;
        if (!*c || *c == '#')
            break;
        if (p->ntok == MAX_TOKENS) {
            p->ntok++; /* too many: the statement's usage check refuses it */
            break;
        }
        p->tok[p->ntok++] = c;
        while (*c && !isspace((unsigned char)*c))
            c++;
        if (*c)
            *c++ = '\0';
    }
}

static int parse_tokens(struct parse *p, struct run_stmt *st, const char *rest)
{
    const char *op = p->tok[0];
    if (strcmp(op, "context") == 0) {
        st->op = RUN_CONTEXT;
        return parse_context(p, st);
    }
    if (strcmp(op, "buffer") == 0) {
        st->op = RUN_BUFFER;
        return parse_buffer(p, st);
    }
    if (strcmp(op, "kernel") == 0) {
        st->op = RUN_KERNEL;
        return parse_kernel(p, st);
    }
    if (strcmp(op, "copy") == 0 || strcmp(op, "fill") == 0 || strcmp(op, "timestamp") == 0 ||
        strcmp(op, "dispatch") == 0 || strcmp(op, "after") == 0)
        return parse_command(p, st);
    if (strcmp(op, "submit") == 0) {
        st->op = RUN_SUBMIT;
        if (need(p, 2, 2, "submit CONTEXT") != 0 || ctx_arg(p, p->tok[1], &st->ctx) != 0)
            return -1;
        count(p->s, st);
        return 0;
    }
    if (strcmp(op, "wait") == 0) {
        st->op = RUN_WAIT;
        if (need(p, 2, 2, "wait CONTEXT|all") != 0)
            return -1;
        st->ctx = -1;
        return strcmp(p->tok[1], "all") == 0 ? 0 : ctx_arg(p, p->tok[1], &st->ctx);
    }
    if (strcmp(op, "check") == 0) {
        st->op = RUN_CHECK;
        return parse_check(p, st);
    }
    if (strcmp(op, "dump") == 0) {
        st->op = RUN_DUMP;
        if (need(p, 3, 3, "dump BUFFER PATH") != 0 || buf_arg(p, p->tok[1], &st->buf) != 0)
            return -1;
        if (!(st->text = keep_string(p, p->tok[2])))
            return fail(p, "out of memory");
        return 0;
    }
    if (strcmp(op, "hash") == 0) {
        st->op = RUN_HASH;
        return need(p, 2, 2, "hash BUFFER") != 0 ? -1 : buf_arg(p, p->tok[1], &st->buf);
    }
    if (strcmp(op, "print") == 0) {
        st->op = RUN_PRINT;
        if (!(st->text = keep_string(p, rest)))
            return fail(p, "out of memory");
        return 0;
    }
    return fail(p, "unknown statement '%s' (context, buffer, kernel, copy, fill, timestamp, "
                   "dispatch, after, submit, wait, check, dump, hash, print, repeat, end)", op);
}

int run_parse_line(struct run_script *s, const char *line, int lineno, char *err, size_t errlen)
{
    struct parse p = {.s = s, .line = lineno, .err = err, .errlen = errlen};
    char *copy = strdup(line);
    if (!copy)
        return fail(&p, "out of memory");
    /* print keeps the rest of its line as written */
    const char *rest = line + strspn(line, " \t");
    if (strncmp(rest, "print", 5) == 0 && (!rest[5] || isspace((unsigned char)rest[5]))) {
        rest += 5;
        rest += strspn(rest, " \t");
    } else {
        rest = "";
    }
    tokenize(&p, copy);
    int rc = 0;
    if (p.ntok > 0) {
        if (strcmp(p.tok[0], "repeat") == 0 || strcmp(p.tok[0], "end") == 0) {
            rc = parse_repeat_end(&p);
        } else {
            struct run_stmt st = {.line = lineno, .ctx = -1, .other = -1, .buf = -1, .kernel = -1};
            rc = parse_tokens(&p, &st, rest);
            if (rc == 0)
                rc = append(&p, &st);
        }
    }
    free(copy);
    return rc;
}

int run_parse_finish(struct run_script *s, char *err, size_t errlen)
{
    struct parse p = {.s = s, .err = err, .errlen = errlen};
    if (s->repeat_depth) {
        p.line = s->repeat_line[s->repeat_depth - 1];
        return fail(&p, "repeat without 'end'");
    }
    for (size_t i = 0; i < s->nctxs; i++)
        if (s->ctxs[i].pending_line) {
            p.line = s->ctxs[i].pending_line;
            return fail(&p, "this command on context '%s' is never submitted (add 'submit %s')",
                        s->ctxs[i].name, s->ctxs[i].name);
        }
    return 0;
}

int run_parse_file(struct run_script *s, FILE *f, char *err, size_t errlen)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int lineno = 0, rc = 0;
    while (rc == 0 && (n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        rc = run_parse_line(s, line, lineno, err, errlen);
    }
    free(line);
    return rc ? rc : run_parse_finish(s, err, errlen);
}

/* splitmix64: a small documented generator, so `random SEED` is the same everywhere. */
static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

void run_data_generate(const struct run_data *d, uint8_t *out, size_t bytes)
{
    uint64_t state = d->seed;
    for (size_t i = 0; i < bytes; i += 8) {
        uint64_t v;
        if (d->kind == RUN_DATA_FILL)
            v = d->a | (uint64_t)d->a << 32;
        else if (d->kind == RUN_DATA_SEQ) {
            uint32_t w = (uint32_t)(i / 4);
            v = (uint32_t)(d->a + w * d->b) | (uint64_t)(uint32_t)(d->a + (w + 1) * d->b) << 32;
        } else if (d->kind == RUN_DATA_RANDOM)
            v = splitmix64(&state);
        else
            v = 0;
        for (size_t b = 0; b < 8 && i + b < bytes; b++)
            out[i + b] = (uint8_t)(v >> (8 * b));
    }
}
