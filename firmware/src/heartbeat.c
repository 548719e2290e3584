/* heartbeat.c: a new ID.HEARTBEAT value at least every HEARTBEAT_CYCLES. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "heartbeat.h"
#include "hal.h"

static uint32_t beats;
static uint64_t next_beat;

static void beat(uint64_t now)
{
    hal_write32(SGPU_ID_HEARTBEAT_ADDR, ++beats);
    next_beat = now + HEARTBEAT_PERIOD_CYCLES;
}

void heartbeat_init(void)
{
    beats = 0;
    beat(hal_mtime());
}

uint64_t heartbeat_poll(uint64_t now)
{
    if (now >= next_beat)
        beat(now);
    return next_beat;
}

uint32_t heartbeat_count(void) { return beats; }
