/* run_sha256.h: SHA-256 (FIPS 180-4) for `sgpu run`'s checks and hashes. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_RUN_SHA256_H
#define SGPU_RUN_SHA256_H

#include <stddef.h>
#include <stdint.h>

void run_sha256(const void *data, size_t bytes, uint8_t digest[32]);
/* 64 lowercase hex digits and a NUL. */
void run_sha256_hex(const uint8_t digest[32], char hex[65]);

#endif /* SGPU_RUN_SHA256_H */
