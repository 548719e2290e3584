/* tokenize.c: cpu_mix kernel: a switch-driven tokenizer over generated program text. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "bench.h"

#define TEXT_N 3072u
#define TOKENIZE_REPS 4u

enum cls { C_OTHER, C_SPACE, C_NL, C_ALPHA, C_DIGIT, C_QUOTE, C_HASH, C_OP, C_END };
enum state { S_START, S_IDENT, S_NUM, S_ZERO, S_HEX, S_STR, S_STR_ESC, S_COMMENT, S_OP };
enum kind { T_IDENT, T_NUM, T_STR, T_OP, T_OP2, T_NL, T_BAD, T_KINDS };

static uint8_t text[TEXT_N];
static uint8_t cls[256];

static void classes(void)
{
    for (unsigned c = 0; c < 256; c++) {
        enum cls k = C_OTHER;
        if (c == ' ' || c == '\t')
            k = C_SPACE;
        else if (c == '\n')
            k = C_NL;
        else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_')
            k = C_ALPHA;
        else if (c >= '0' && c <= '9')
            k = C_DIGIT;
        else if (c == '"')
            k = C_QUOTE;
        else if (c == '#')
            k = C_HASH;
        else if (c == 0)
            k = C_END;
        else
            for (const char *o = "+-*/=<>!&|;(){},"; *o; o++)
                if ((unsigned)(uint8_t)*o == c)
                    k = C_OP;
        cls[c] = (uint8_t)k;
    }
}

/* Lines of made-up code: identifiers, decimal and hex numbers, strings with escapes,
 * one- and two-character operators, comments. */
static void gen_text(uint32_t seed)
{
    static const char *const ops[] = {"+", "-", "*", "/", "=", "==", "<=", ">=", "!=",
                                      "&&", "||", ";", "(", ")", "{", "}", ",", "<"};
    size_t n = 0;
    while (n + 24 < TEXT_N) {
        uint32_t r = bench_rand(&seed);
        switch (r % 10u) {
        case 0: case 1: case 2: case 3: { /* identifier */
            unsigned len = 1 + (r >> 8) % 8u;
            text[n++] = (uint8_t)('a' + (r >> 12) % 26u);
            for (unsigned i = 1; i < len; i++) {
                uint32_t q = bench_rand(&seed) % 38u;
                text[n++] = (uint8_t)(q < 26 ? 'a' + q : q < 36 ? '0' + (q - 26) : '_');
            }
            break;
        }
        case 4: case 5: { /* number */
            unsigned len = 1 + (r >> 8) % 6u;
            if (r & 0x10000u) {
                text[n++] = '0';
                text[n++] = 'x';
                for (unsigned i = 0; i < len; i++)
                    text[n++] = (uint8_t)"0123456789abcdef"[bench_rand(&seed) & 15u];
            } else {
                text[n++] = (uint8_t)('1' + (r >> 20) % 9u);
                for (unsigned i = 1; i < len; i++)
                    text[n++] = (uint8_t)('0' + bench_rand(&seed) % 10u);
            }
            break;
        }
        case 6: { /* operator */
            const char *o = ops[(r >> 8) % (sizeof ops / sizeof ops[0])];
            while (*o)
                text[n++] = (uint8_t)*o++;
            break;
        }
        case 7: { /* string */
            unsigned len = (r >> 8) % 12u;
            text[n++] = '"';
            for (unsigned i = 0; i < len; i++) {
                uint32_t q = bench_rand(&seed) % 30u;
                if (q == 0) {
                    text[n++] = '\\';
                    text[n++] = '"';
                } else {
                    text[n++] = (uint8_t)(q < 27 ? 'a' + q - 1 : ' ');
                }
            }
            text[n++] = '"';
            break;
        }
        case 8: { /* comment to the end of the line */
            unsigned len = (r >> 8) % 16u;
            text[n++] = '#';
            for (unsigned i = 0; i < len; i++)
                text[n++] = (uint8_t)(' ' + bench_rand(&seed) % 94u);
            text[n++] = '\n';
            break;
        }
        default:
            text[n++] = (r & 0x100u) ? '\n' : '\t';
            break;
        }
        text[n++] = ' ';
    }
    while (n < TEXT_N)
        text[n++] = 0;
}

struct tok_stats {
    uint32_t count[T_KINDS];
    uint32_t hash;
};

static void emit(struct tok_stats *st, enum kind k, uint32_t value)
{
    st->count[k]++;
    st->hash = bench_mix(st->hash, ((uint32_t)k << 28) ^ value);
}

static int is_op2(uint8_t a, uint8_t b)
{
    switch (a) {
    case '=': case '<': case '>': case '!':
        return b == '=';
    case '&': case '|':
        return b == a;
    default:
        return 0;
    }
}

static void tokenize(const uint8_t *p, struct tok_stats *st)
{
    enum state s = S_START;
    uint32_t value = 0;
    uint8_t first = 0;
    for (;;) {
        uint8_t c = *p;
        enum cls k = (enum cls)cls[c];
        switch (s) {
        case S_START:
            switch (k) {
            case C_END:
                return;
            case C_SPACE:
                break;
            case C_NL:
                emit(st, T_NL, 0);
                break;
            case C_ALPHA:
                s = S_IDENT;
                value = 2166136261u; /* FNV-1a */
                value = (value ^ c) * 16777619u;
                break;
            case C_DIGIT:
                s = c == '0' ? S_ZERO : S_NUM;
                value = c - '0';
                break;
            case C_QUOTE:
                s = S_STR;
                value = 0;
                break;
            case C_HASH:
                s = S_COMMENT;
                break;
            case C_OP:
                s = S_OP;
                first = c;
                break;
            default:
                emit(st, T_BAD, c);
                break;
            }
            p++;
            continue;
        case S_IDENT:
            if (k == C_ALPHA || k == C_DIGIT) {
                value = (value ^ c) * 16777619u;
                p++;
            } else {
                emit(st, T_IDENT, value);
                s = S_START;
            }
            continue;
        case S_ZERO:
            if (c == 'x' || c == 'X') {
                s = S_HEX;
                value = 0;
                p++;
                continue;
            }
            s = S_NUM;
            continue;
        case S_NUM:
            if (k == C_DIGIT) {
                value = value * 10u + (uint32_t)(c - '0');
                p++;
            } else {
                emit(st, T_NUM, value);
                s = S_START;
            }
            continue;
        case S_HEX:
            if (k == C_DIGIT)
                value = (value << 4) | (uint32_t)(c - '0');
            else if (c >= 'a' && c <= 'f')
                value = (value << 4) | (uint32_t)(c - 'a' + 10);
            else {
                emit(st, T_NUM, value);
                s = S_START;
                continue;
            }
            p++;
            continue;
        case S_STR:
            if (k == C_END) {
                emit(st, T_BAD, value);
                return;
            }
            p++;
            if (c == '\\')
                s = S_STR_ESC;
            else if (c == '"') {
                emit(st, T_STR, value);
                s = S_START;
            } else
                value = value * 31u + c;
            continue;
        case S_STR_ESC:
            if (k == C_END)
                return;
            value = value * 31u + c;
            s = S_STR;
            p++;
            continue;
        case S_COMMENT:
            if (k == C_END)
                return;
            if (k == C_NL)
                s = S_START; /* the newline is a token of its own */
            else
                p++;
            continue;
        case S_OP:
            if (is_op2(first, c)) {
                emit(st, T_OP2, ((uint32_t)first << 8) | c);
                p++;
            } else {
                emit(st, T_OP, first);
            }
            s = S_START;
            continue;
        }
    }
}

uint32_t k_tokenize(void)
{
    uint32_t h = 0;
    classes();
    for (unsigned r = 0; r < TOKENIZE_REPS; r++) {
        struct tok_stats st = {{0}, 0};
        gen_text(0xc0ffee00u + r);
        tokenize(text, &st);
        for (unsigned k = 0; k < T_KINDS; k++)
            h = bench_mix(h, st.count[k]);
        h = bench_mix(h, st.hash);
    }
    return h;
}
