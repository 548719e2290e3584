/* schedlog.c: the scheduling log [hwsched 5]: entry first, then the header's index. */
/* SPDX-License-Identifier: Apache-2.0 */
#include <string.h>

#include "engine.h"
#include "events.h"
#include "hal.h"
#include "hostmem.h"
#include "schedlog.h"

static struct {
    uint64_t buffer; /* 0: not logging */
    uint32_t entries;
    uint32_t interrupt_entry;
    uint32_t first_free;
    uint32_t wraps;
    uint32_t pad[2]; /* a power-of-two size: indexed by a shift (a multiply takes 34 cycles) */
} logs[ENG_COUNT];

uint32_t schedlog_engines;

void schedlog_init(void)
{
    memset(logs, 0, sizeof logs);
    schedlog_engines = 0;
}

int schedlog_set(unsigned e, uint64_t buffer, uint32_t entries, uint32_t interrupt_entry)
{
    memset(&logs[e], 0, sizeof logs[e]);
    schedlog_engines &= ~(1u << e);
    if (buffer == 0)
        return 0;
    struct sgpu_log_header header = {.first_free = 0, .wraparound_count = 0, .entries = entries};
    if (hostmem_write(buffer, &header, sizeof header) != 0)
        return -1;
    logs[e].buffer = buffer;
    logs[e].entries = entries;
    logs[e].interrupt_entry = interrupt_entry;
    schedlog_engines |= 1u << e;
    return 0;
}

void schedlog_record(unsigned e, uint32_t ctx, uint32_t state)
{
    if (!logs[e].buffer)
        return;
    uint32_t index = logs[e].first_free;
    struct sgpu_log_entry entry = {
        .timestamp = hal_mtime(),
        .operation = SGPU_LOG_OP_CONTEXT_STATE_CHANGE,
        .context = ctx,
        .new_state = state,
    };
    uint64_t at = logs[e].buffer + sizeof(struct sgpu_log_header) +
                  (uint64_t)index * sizeof(struct sgpu_log_entry);
    if (hostmem_write(at, &entry, sizeof entry) != 0)
        return;
    if (++logs[e].first_free == logs[e].entries) {
        logs[e].first_free = 0;
        logs[e].wraps++;
    }
    /* FirstFreeEntryIndex and WraparoundCount together, one 64-bit store */
    hostmem_write64(logs[e].buffer,
                    ((uint64_t)logs[e].wraps << 32) | logs[e].first_free);
    if (index == logs[e].interrupt_entry) {
        struct event ev = {.type = SGPU_EVENT_SCHEDULING_LOG_INTERRUPT,
                           .ctx_id = SGPU_PROTO_CONTEXT_NONE,
                           .engine = (uint8_t)e,
                           .value = index};
        events_post(&ev);
    }
}
