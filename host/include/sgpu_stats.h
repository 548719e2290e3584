/* sgpu_stats.h: the device's activity records (STATS block), read through BAR0 without
 * owning the device: an observer (sgpu_open_observer) reads them beside the driver. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_STATS_API_H
#define SGPU_STATS_API_H

#include <stdint.h>

#include "sgpu.h"
#include "sgpu_protocol.h"

/* As many records as the block's layout holds (docs/protocol.md, STATS_* constants). */
#define SGPU_STATS_MAX_CONTEXTS (SGPU_PROTO_STATS_ENG_OFFSET / SGPU_PROTO_STATS_RECORD_BYTES)
#define SGPU_STATS_MAX_ENGINES \
    ((SGPU_PROTO_STATS_HEADER_OFFSET - SGPU_PROTO_STATS_ENG_OFFSET) / SGPU_PROTO_STATS_RECORD_BYTES)
#define SGPU_STATS_NO_CONTEXT 0xFFu /* STATS_ENG.current of an engine running nothing */

struct sgpu_stats {
    int present;                     /* the firmware keeps the block (magic and layout match) */
    struct sgpu_stats_header header;
    unsigned contexts, engines;      /* records read: header's counts, at most the maxima */
    struct sgpu_stats_ctx ctx[SGPU_STATS_MAX_CONTEXTS];
    struct sgpu_stats_eng eng[SGPU_STATS_MAX_ENGINES];
    uint64_t device_cycles;          /* CP.CYCLES just after the records were read */
};

/* Reads every record, each consistent: its sequence word even and the same before and after
 * the other words (re-read while the firmware updates it; SGPU_ERR_TIMEOUT if it never
 * settles). A firmware without the block gives present = 0 and SGPU_OK. BAR0 reads only. */
int sgpu_stats_read(sgpu_dev *dev, struct sgpu_stats *out);

/* "free", "idle", "ready", "running", "waiting", "suspended", "error", or "unknown". */
const char *sgpu_stats_state_name(unsigned state);

#endif /* SGPU_STATS_API_H */
