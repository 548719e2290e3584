/* stats.c: reading the device's STATS block (sgpu_stats.h): records the firmware rewrites at
 * any time, each guarded by a sequence word that is odd while it writes. */
/* SPDX-License-Identifier: Apache-2.0 */
#include <string.h>

#include "error.h"
#include "sgpu_regs.h"
#include "sgpu_stats.h"

/* Tries per record before giving up: the firmware writes one in a few dozen device cycles,
 * a BAR0 read takes longer, so a record seen changing twice in a row is already rare. */
#define STATS_TRIES 1000u
#define RECORD_WORDS (SGPU_PROTO_STATS_RECORD_BYTES / 4u)

/* One record at BAR0 offset `at`: words[0] is its sequence word. A free context's record
 * (state FREE in word 1) has nothing else to read. */
static int read_record(sgpu_dev *dev, uint32_t at, uint32_t words[RECORD_WORDS], int is_ctx)
{
    for (unsigned t = 0; t < STATS_TRIES; t++) {
        uint32_t seq, again;
        int rc = sgpu_read32(dev, at, &seq);
        if (rc)
            return rc;
        if (seq & 1u)
            continue; /* being written */
        words[0] = seq;
        unsigned n = RECORD_WORDS;
        for (unsigned i = 1; i < n; i++) {
            if ((rc = sgpu_read32(dev, at + 4u * i, &words[i])))
                return rc;
            if (i == 1 && is_ctx && (words[1] & 0xFFu) == SGPU_STATS_STATE_FREE) {
                memset(&words[2], 0, (RECORD_WORDS - 2u) * 4u);
                n = 2;
            }
        }
        if ((rc = sgpu_read32(dev, at, &again)))
            return rc;
        if (again == seq)
            return SGPU_OK;
    }
    return sgpu_fail(SGPU_ERR_TIMEOUT, "STATS record at BAR0 0x%x changed on every one of %u reads",
                     at, STATS_TRIES);
}

int sgpu_stats_read(sgpu_dev *dev, struct sgpu_stats *out)
{
    const uint32_t base = SGPU_STATS_BAR0_BASE;
    uint32_t words[RECORD_WORDS];
    int rc;

    if (!dev || !out)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_stats_read: no device or result pointer");
    memset(out, 0, sizeof *out);
    for (unsigned i = 0; i < RECORD_WORDS; i++)
        if ((rc = sgpu_read32(dev, base + SGPU_PROTO_STATS_HEADER_OFFSET + 4u * i, &words[i])))
            return rc;
    memcpy(&out->header, words, sizeof out->header);
    if (out->header.magic != SGPU_PROTO_STATS_MAGIC || out->header.layout != SGPU_PROTO_STATS_LAYOUT)
        return SGPU_OK; /* an older firmware, or one that has not started serving */
    out->present = 1;
    out->contexts = out->header.contexts < SGPU_STATS_MAX_CONTEXTS ? out->header.contexts
                                                                   : SGPU_STATS_MAX_CONTEXTS;
    out->engines = out->header.engines < SGPU_STATS_MAX_ENGINES ? out->header.engines
                                                                : SGPU_STATS_MAX_ENGINES;
    for (unsigned e = 0; e < out->engines; e++) {
        rc = read_record(dev, base + SGPU_PROTO_STATS_ENG_OFFSET + e * SGPU_PROTO_STATS_RECORD_BYTES,
                         words, 0);
        if (rc)
            return rc;
        memcpy(&out->eng[e], words, sizeof out->eng[e]);
    }
    for (unsigned id = 0; id < out->contexts; id++) {
        rc = read_record(dev, base + SGPU_PROTO_STATS_CTX_OFFSET + id * SGPU_PROTO_STATS_RECORD_BYTES,
                         words, 1);
        if (rc)
            return rc;
        memcpy(&out->ctx[id], words, sizeof out->ctx[id]);
    }
    uint32_t lo, hi;
    if ((rc = sgpu_read32(dev, SGPU_CP_BAR0_BASE + SGPU_CP_CYCLES_LO_OFFSET, &lo)) ||
        (rc = sgpu_read32(dev, SGPU_CP_BAR0_BASE + SGPU_CP_CYCLES_HI_OFFSET, &hi))) /* latched */
        return rc;
    out->device_cycles = (uint64_t)hi << 32 | lo;
    return SGPU_OK;
}

const char *sgpu_stats_state_name(unsigned state)
{
    static const char *const names[] = {
        [SGPU_STATS_STATE_FREE] = "free",       [SGPU_STATS_STATE_IDLE] = "idle",
        [SGPU_STATS_STATE_READY] = "ready",     [SGPU_STATS_STATE_RUNNING] = "running",
        [SGPU_STATS_STATE_WAITING] = "waiting", [SGPU_STATS_STATE_SUSPENDED] = "suspended",
        [SGPU_STATS_STATE_ERROR] = "error",
    };
    return state < sizeof names / sizeof names[0] ? names[state] : "unknown";
}
