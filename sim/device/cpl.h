/* How the root complex splits its completions to a memory read (PCI Express base
 * specification: read completion boundary, max payload size). */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_SIM_CPL_H
#define SGPU_SIM_CPL_H

#include <stdint.h>

#include "rng.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The size in bytes of the next completion to a read whose remaining data starts at byte
 * address a and is r > 0 bytes long. Every completion but the last ends on a multiple of
 * rcb, and its payload (whole DWs from a & ~3) is at most mps bytes. With rng NULL it is the
 * longest such completion; otherwise one of the legal ends, picked at random. */
unsigned cpl_chunk(uint64_t a, unsigned r, unsigned mps, unsigned rcb, struct rng *rng);

/* Payload DWs of a completion of n bytes starting at byte address a. */
static inline unsigned cpl_dws(uint64_t a, unsigned n) { return (unsigned)(((a & 3u) + n + 3u) / 4u); }

#ifdef __cplusplus
}
#endif
#endif
