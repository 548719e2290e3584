/* run_parse.h: the `sgpu run` workload language: statements parsed and checked before any
 * of them touches a device (docs/cli.md describes the language). */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_RUN_PARSE_H
#define SGPU_RUN_PARSE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define RUN_NAME_MAX     32   /* names of contexts, buffers and kernels, NUL included */
#define RUN_MAX_ARGS     16   /* 32-bit words in a dispatch's argument block */
#define RUN_MAX_REPEAT   100000
#define RUN_MAX_STMTS    1000000  /* after repeats are unrolled */
#define RUN_ERR_MAX      512

enum run_op {
    RUN_CONTEXT, RUN_BUFFER, RUN_KERNEL,                         /* declarations */
    RUN_COPY, RUN_FILL, RUN_TIMESTAMP, RUN_DISPATCH, RUN_AFTER,  /* commands on a context */
    RUN_SUBMIT, RUN_WAIT,                                        /* submission */
    RUN_CHECK, RUN_DUMP, RUN_HASH, RUN_PRINT,                    /* host side */
};

/* What a buffer starts with, or what a check expects. */
enum run_data_kind {
    RUN_DATA_ZERO, RUN_DATA_FILL, RUN_DATA_SEQ, RUN_DATA_RANDOM, RUN_DATA_FILE,
    RUN_DATA_SHA256, RUN_DATA_EQUALS,  /* checks only */
};

struct run_data {
    enum run_data_kind kind;
    uint32_t a, b;        /* FILL: a = pattern; SEQ: a = start, b = step */
    uint64_t seed;        /* RANDOM */
    const char *path;     /* FILE: as written (resolved when run) */
    uint8_t sha256[32];   /* SHA256 */
    int buf;              /* EQUALS: the other buffer */
};

/* A buffer and a byte offset in it: NAME or NAME+OFFSET. */
struct run_ref {
    int buf;
    uint32_t offset;
};

/* One 32-bit word of a dispatch's argument block: a VRAM address or an immediate. */
struct run_arg {
    int is_ref;
    struct run_ref ref;
    uint32_t imm;
};

struct run_stmt {
    enum run_op op;
    int line;
    int ctx;                 /* commands, SUBMIT, WAIT (-1: all), CONTEXT */
    int other;               /* AFTER: the context waited for */
    int buf;                 /* BUFFER, CHECK, DUMP, HASH */
    int kernel;              /* KERNEL, DISPATCH */
    struct run_ref src, dst; /* COPY (src, dst), FILL and TIMESTAMP (dst) */
    uint32_t bytes, pattern;
    uint32_t grid[3], wg_size;
    unsigned nargs;
    struct run_arg args[RUN_MAX_ARGS];
    struct run_data data;    /* BUFFER: contents; CHECK: expectation */
    const char *text;        /* PRINT: the text; DUMP: the path */
};

struct run_context_decl {
    char name[RUN_NAME_MAX];
    unsigned node;           /* SGPU_NODE_COPY or SGPU_NODE_COMPUTE */
    uint32_t ring_bytes;     /* 0: the library's default */
    int line;
    unsigned submits;        /* SUBMIT statements (after unrolling) */
    unsigned commands;       /* command statements */
    int pending_line;        /* first command since the last submit (0: none) */
};

struct run_buffer_decl {
    char name[RUN_NAME_MAX];
    int vram;
    uint32_t bytes;
    int line;
};

struct run_kernel_decl {
    char name[RUN_NAME_MAX];
    const char *path;
    int line;
};

struct run_script {
    const char *name;        /* the file's name in messages */
    struct run_stmt *stmts;
    size_t nstmts, cap_stmts;
    struct run_context_decl *ctxs;
    size_t nctxs;
    struct run_buffer_decl *bufs;
    size_t nbufs;
    struct run_kernel_decl *kernels;
    size_t nkernels;
    /* open repeat blocks: where each starts and how many times it runs */
    size_t repeat_start[8];
    unsigned repeat_count[8];
    int repeat_line[8];
    unsigned repeat_depth;
    char **strings;          /* every string the statements point to */
    size_t nstrings;
};

void run_script_init(struct run_script *s, const char *name);
void run_script_free(struct run_script *s);

/* Parses one line (without its newline). Returns 0, or -1 with "NAME:LINE: reason" in err. */
int run_parse_line(struct run_script *s, const char *line, int lineno, char *err, size_t errlen);
/* Every line of f, then run_parse_finish. Stops at the first error. */
int run_parse_file(struct run_script *s, FILE *f, char *err, size_t errlen);
/* End-of-input checks: repeat without end, commands never submitted. */
int run_parse_finish(struct run_script *s, char *err, size_t errlen);

/* Parses "123", "0x7b", "-5", "4K", "1M" (K = 1024, M = 1024 * 1024). 0 or -1. */
int run_parse_number(const char *text, int allow_negative, uint64_t *value);

/* The bytes a RUN_DATA_ZERO/FILL/SEQ/RANDOM spec gives (files and checks not here). */
void run_data_generate(const struct run_data *d, uint8_t *out, size_t bytes);

#endif /* SGPU_RUN_PARSE_H */
