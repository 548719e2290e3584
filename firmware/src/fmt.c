/* fmt.c: a small printf-like formatter with no allocation (see fmt.h). */
/* SPDX-License-Identifier: Apache-2.0 */
#include "fmt.h"

struct sink {
    void (*out)(char c, void *ctx);
    void *ctx;
    int count;
};

static void put(struct sink *s, char c)
{
    s->out(c, s->ctx);
    s->count++;
}

static void pad(struct sink *s, char c, int n)
{
    while (n-- > 0)
        put(s, c);
}

/* Emit `len` characters of str inside `width`, honouring '-' and '0'. A sign (or any
 * prefix) in `pre` stays in front of zero padding. */
static void field(struct sink *s, const char *pre, const char *str, int len, int width,
                  int left, int zero)
{
    int plen = 0;
    while (pre[plen])
        plen++;
    int fill = width - plen - len;
    if (!left && !zero)
        pad(s, ' ', fill);
    for (int i = 0; i < plen; i++)
        put(s, pre[i]);
    if (!left && zero)
        pad(s, '0', fill);
    for (int i = 0; i < len; i++)
        put(s, str[i]);
    if (left)
        pad(s, ' ', fill);
}

/* Digits of v in base 10 or 16, written backwards from end; returns the first digit. */
static char *digits(char *end, unsigned long v, unsigned base, int upper)
{
    const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char *p = end;
    do {
        *--p = set[v % base];
        v /= base;
    } while (v);
    return p;
}

int fmt_vformat(void (*out)(char c, void *ctx), void *ctx, const char *fmt, va_list ap)
{
    struct sink s = {out, ctx, 0};
    char num[3 * sizeof(unsigned long) + 1];
    char *end = num + sizeof num;

    for (const char *f = fmt; *f; f++) {
        if (*f != '%') {
            put(&s, *f);
            continue;
        }
        const char *start = f++;
        int left = 0, zero = 0, width = 0, is_long = 0;
        for (;; f++) {
            if (*f == '-')
                left = 1;
            else if (*f == '0')
                zero = 1;
            else
                break;
        }
        while (*f >= '0' && *f <= '9')
            width = width * 10 + (*f++ - '0');
        if (*f == 'l') {
            is_long = 1;
            f++;
        }
        switch (*f) {
        case '%':
            put(&s, '%');
            break;
        case 'c': {
            char c = (char)va_arg(ap, int);
            field(&s, "", &c, 1, width, left, 0);
            break;
        }
        case 's': {
            const char *str = va_arg(ap, const char *);
            if (!str)
                str = "(null)";
            int len = 0;
            while (str[len])
                len++;
            field(&s, "", str, len, width, left, 0);
            break;
        }
        case 'd':
        case 'i': {
            long v = is_long ? va_arg(ap, long) : va_arg(ap, int);
            /* negate in unsigned arithmetic so that LONG_MIN works */
            unsigned long mag = v < 0 ? 0ul - (unsigned long)v : (unsigned long)v;
            char *p = digits(end, mag, 10, 0);
            field(&s, v < 0 ? "-" : "", p, (int)(end - p), width, left, zero);
            break;
        }
        case 'u':
        case 'x':
        case 'X': {
            unsigned long v = is_long ? va_arg(ap, unsigned long) : va_arg(ap, unsigned);
            char *p = digits(end, v, *f == 'u' ? 10 : 16, *f == 'X');
            field(&s, "", p, (int)(end - p), width, left, zero);
            break;
        }
        case 'p': {
            unsigned long v = (unsigned long)va_arg(ap, void *);
            char *p = digits(end, v, 16, 0);
            field(&s, "0x", p, (int)(end - p), width, left, zero);
            break;
        }
        default:
            /* unknown (or a lone '%' at the end): print what was written */
            for (const char *q = start; q <= f && *q; q++)
                put(&s, *q);
            if (!*f)
                f--; /* let the loop see the terminating NUL */
            break;
        }
    }
    return s.count;
}

struct buf {
    char *p;
    size_t size;
    size_t len;
};

static void buf_out(char c, void *ctx)
{
    struct buf *b = ctx;
    if (b->len + 1 < b->size)
        b->p[b->len] = c;
    b->len++;
}

int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct buf b = {buf, size, 0};
    int n = fmt_vformat(buf_out, &b, fmt, ap);
    if (size)
        buf[b.len < size ? b.len : size - 1] = '\0';
    return n;
}

int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = fmt_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
