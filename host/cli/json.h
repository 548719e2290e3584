/* json.h: a small JSON writer for the tools' --json output (one document, nested objects
 * and arrays, indented). */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_JSON_H
#define SGPU_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 8

struct json {
    FILE *f;
    int depth;
    bool first[JSON_MAX_DEPTH + 1]; /* no member written yet at this depth */
};

/* Writes s as a JSON string: quotes, backslash and control characters escaped. */
void json_escape(FILE *f, const char *s);

void json_init(struct json *j, FILE *f);
/* key is NULL for a member of an array (and for the document itself). */
void json_object(struct json *j, const char *key);
void json_array(struct json *j, const char *key);
void json_end(struct json *j, char close);  /* '}' or ']' */
void json_string(struct json *j, const char *key, const char *value);
void json_uint(struct json *j, const char *key, uint64_t value);
void json_double(struct json *j, const char *key, double value);
void json_bool(struct json *j, const char *key, bool value);
/* Ends the document with a newline. */
void json_finish(struct json *j);

#endif /* SGPU_JSON_H */
