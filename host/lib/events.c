/* events.c: the event ring (docs/protocol.md EVENT_RECORD): records decoded, seq gaps
 * counted, contexts marked in error, callbacks called; and sleeping on the event MSI. */
/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE
#include <string.h>
#include <time.h>

#include "error.h"
#include "gpu.h"
#include "transport.h"

void evring_init(struct ev_ring *r, struct sgpu_ring_desc *desc, const void *records,
                 uint32_t entries)
{
    memset(r, 0, sizeof *r);
    r->desc = desc;
    r->records = records;
    r->entries = entries;
    r->tail = __atomic_load_n(&desc->tail, __ATOMIC_ACQUIRE);
}

int evring_next(struct ev_ring *r, struct sgpu_event_info *ev)
{
    uint32_t head = __atomic_load_n(&r->desc->head, __ATOMIC_ACQUIRE);
    uint32_t avail = head - r->tail;
    if (avail == 0)
        return 0;
    if (avail > r->entries)
        return sgpu_fail(SGPU_ERR_DEVICE_LOST, "event ring: head %u is %u records ahead of tail "
                         "%u in a ring of %u", head, avail, r->tail, r->entries);
    struct sgpu_event_record rec;
    size_t slot = r->tail & (r->entries - 1);
    memcpy(&rec, r->records + slot * SGPU_PROTO_EVENT_BYTES, sizeof rec);
    /* The record is copied before its slot is handed back. */
    __atomic_store_n(&r->desc->tail, ++r->tail, __ATOMIC_RELEASE);

    memset(ev, 0, sizeof *ev);
    ev->type = rec.type;
    ev->flags = rec.flags;
    ev->seq = rec.seq;
    ev->ctx_id = rec.ctx_id;
    ev->node = rec.node;
    ev->engine = rec.engine;
    ev->reason = rec.reason;
    ev->value = rec.value;
    ev->aux = rec.aux;
    if (r->seq_known)
        ev->missed = rec.seq - r->next_seq;
    r->seq_known = 1;
    r->next_seq = rec.seq + 1;
    /* EVENTS_LOST says some were dropped even if the firmware numbered only those posted. */
    r->missed += ev->missed ? ev->missed : (rec.flags & SGPU_EVENT_FLAG_EVENTS_LOST) ? 1 : 0;
    return 1;
}

/* Device-wide consequences of one event, before anyone's callback sees it. */
static void apply_event(struct gpu *g, struct sgpu_event_info *ev)
{
    if (ev->ctx_id < GPU_MAX_CONTEXTS)
        ev->ctx = g->ctxs[ev->ctx_id];
    if (ev->flags & SGPU_EVENT_FLAG_ADAPTER_RESET_REQUIRED)
        gpu_set_lost(g, "the firmware asked for an adapter reset");
    if (ev->ctx && (ev->type == SGPU_EVENT_CONTEXT_ERROR || ev->type == SGPU_EVENT_CONTEXT_RESET))
        ctx_mark_fault(ev->ctx, ev);
}

static int drain(sgpu_dev *dev, struct gpu *g, sgpu_event_fn fn, void *user)
{
    struct sgpu_event_info ev;
    int n = 0, rc;
    if (!g->events_on)
        return 0;
    while ((rc = evring_next(&g->ev, &ev)) == 1) {
        apply_event(g, &ev);
        tdr_note_event(g, &ev);
        if (fn)
            fn(dev, &ev, user);
        n++;
    }
    if (rc < 0) {
        g->lost = 1;
        return rc;
    }
    return n;
}

int events_drain(sgpu_dev *dev, struct gpu *g)
{
    int rc = drain(dev, g, g->event_fn, g->event_user);
    return rc < 0 ? rc : SGPU_OK;
}

void events_sleep(sgpu_dev *dev, struct gpu *g, unsigned timeout_ms)
{
    unsigned vector;
    tdr_tick(dev, g); /* the watchdog looks from every wait */
    if (g->events_on && dev->ops->irq_wait) {
        /* Any vector wakes us: the caller looks at memory again either way. */
        int rc = sgpu_irq_wait(dev, timeout_ms, &vector);
        if (rc == SGPU_OK || rc == SGPU_ERR_TIMEOUT)
            return;
        /* no MSI on this transport: sleep instead of spinning */
    }
    struct timespec ts = {0, 100000};
    nanosleep(&ts, NULL);
}

int sgpu_events_poll(sgpu_dev *dev, sgpu_event_fn fn, void *user)
{
    struct gpu *g;
    if (!dev)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_events_poll: no device");
    int rc = ctl_ensure(dev, &g);
    if (rc)
        return rc;
    return fn ? drain(dev, g, fn, user) : drain(dev, g, g->event_fn, g->event_user);
}

int sgpu_set_event_callback(sgpu_dev *dev, sgpu_event_fn fn, void *user)
{
    if (!dev)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_set_event_callback: no device");
    struct gpu *g = gpu_of(dev);
    if (!g)
        return SGPU_ERR_NOMEM;
    g->event_fn = fn;
    g->event_user = user;
    return SGPU_OK;
}

uint64_t sgpu_events_missed(const sgpu_dev *dev)
{
    return dev && dev->gpu ? dev->gpu->ev.missed : 0;
}
