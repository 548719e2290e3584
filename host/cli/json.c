/* json.c: a small JSON writer. */
/* SPDX-License-Identifier: Apache-2.0 */
#include <math.h>

#include "json.h"

void json_escape(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"':
            fputs("\\\"", f);
            break;
        case '\\':
            fputs("\\\\", f);
            break;
        case '\n':
            fputs("\\n", f);
            break;
        case '\r':
            fputs("\\r", f);
            break;
        case '\t':
            fputs("\\t", f);
            break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                fprintf(f, "\\u%04x", *p);
            else
                fputc(*p, f);
        }
    }
    fputc('"', f);
}

void json_init(struct json *j, FILE *f)
{
    j->f = f;
    j->depth = 0;
    j->first[0] = true;
}

/* Comma, newline and indent before a member, then its key. */
static void member(struct json *j, const char *key)
{
    if (j->depth > 0) {
        fputs(j->first[j->depth] ? "\n" : ",\n", j->f);
        fprintf(j->f, "%*s", 2 * j->depth, "");
    }
    j->first[j->depth] = false;
    if (key) {
        json_escape(j->f, key);
        fputs(": ", j->f);
    }
}

static void open_nested(struct json *j, const char *key, char open)
{
    member(j, key);
    fputc(open, j->f);
    if (j->depth < JSON_MAX_DEPTH)
        j->depth++;
    j->first[j->depth] = true;
}

void json_object(struct json *j, const char *key)
{
    open_nested(j, key, '{');
}

void json_array(struct json *j, const char *key)
{
    open_nested(j, key, '[');
}

void json_end(struct json *j, char close)
{
    bool empty = j->first[j->depth];
    if (j->depth > 0)
        j->depth--;
    if (!empty)
        fprintf(j->f, "\n%*s", 2 * j->depth, "");
    fputc(close, j->f);
}

void json_string(struct json *j, const char *key, const char *value)
{
    member(j, key);
    json_escape(j->f, value ? value : "");
}

void json_uint(struct json *j, const char *key, uint64_t value)
{
    member(j, key);
    fprintf(j->f, "%llu", (unsigned long long)value);
}

void json_double(struct json *j, const char *key, double value)
{
    member(j, key);
    /* JSON has no NaN or infinity */
    if (isfinite(value))
        fprintf(j->f, "%.6g", value);
    else
        fputs("null", j->f);
}

void json_bool(struct json *j, const char *key, bool value)
{
    member(j, key);
    fputs(value ? "true" : "false", j->f);
}

void json_finish(struct json *j)
{
    fputc('\n', j->f);
}
