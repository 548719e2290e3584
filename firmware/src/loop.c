/* loop.c: the event loop: doorbells, engines, control ring, timer; wfi when all is quiet. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "ctrl.h"
#include "engine.h"
#include "events.h"
#include "fw.h"
#include "hal.h"
#include "heartbeat.h"
#include "loop.h"
#include "schedlog.h"
#include "sched.h"
#include "stats.h"

static uint64_t timer_armed;  /* the compare value last written */
static int ctrl_frames_left;  /* ctrl_serve stopped after a batch */

void loop_init(void)
{
    sched_init(hal_read32(SGPU_CP_CTX_COUNT_ADDR));
    events_init();
    ctrl_init();
    schedlog_init();
    eng_init();
    stats_init();
    heartbeat_init();
    ctrl_frames_left = 0;
    hal_timer_disable();
    timer_armed = UINT64_MAX;
    /* Every source is a level (DB_PENDING, CTRL_PENDING, ENG IRQ, mtime >= mtimecmp), so
     * checking them all and then sleeping loses nothing: wfi returns at once if one is up. */
    hal_irq_global(0);
    hal_irq_enable(HAL_IRQ_EXTERNAL | HAL_IRQ_TIMER);
}

/* Doorbells: the latency that counts, so served first and again between the other phases
 * whenever one is pending. Clear what was seen, then read the tails (sched_doorbells): a
 * doorbell after the clear sets its bit again, one before it is in the tail read. */
static int serve_doorbells(void)
{
    uint32_t pending = hal_read32(SGPU_CP_DB_PENDING_ADDR);
    if (!pending)
        return 0;
    hal_write32(SGPU_CP_DB_CLEAR_ADDR, pending);
    sched_doorbells(pending);
    return 1;
}

/* Clear the control doorbell before reading the head (ctrl_serve): a doorbell for frames
 * published after that read sets it again. */
static int serve_control(void)
{
    uint32_t pending = hal_read32(SGPU_CP_CTRL_PENDING_ADDR);
    if (pending & SGPU_CP_CTRL_PENDING_DESC_MASK) {
        /* cleared before the descriptor is read: a ring set up after it is seen again */
        hal_write32(SGPU_CP_CTRL_PENDING_ADDR, SGPU_CP_CTRL_PENDING_DESC_MASK);
        ctrl_ring_changed();
    }
    if (pending & SGPU_CP_CTRL_PENDING_PENDING_MASK) {
        hal_write32(SGPU_CP_CTRL_PENDING_ADDR, SGPU_CP_CTRL_PENDING_PENDING_MASK);
        ctrl_frames_left = 1;
    }
    if (!ctrl_frames_left)
        return 0;
    ctrl_frames_left = ctrl_serve();
    return 1;
}

/* Quanta, grace periods, stop timeouts and heartbeats that are due; the timer armed for
 * the next one. The doorbells are looked at between its parts: a doorbell that lands in a
 * heartbeat's pass waits for one part, not the whole (~100 cycles). */
static int serve_timer(void)
{
    int busy = 0;
    uint64_t now = hal_mtime();
    uint64_t deadline = sched_next_deadline();
    if (now >= deadline) {
        sched_tick(now);
        busy = 1;
        deadline = sched_next_deadline();
    }
    busy |= serve_doorbells();
    uint64_t beat = heartbeat_poll(now);
    if (beat < deadline)
        deadline = beat;
    busy |= serve_doorbells();
    /* A long kernel shows up while it runs. No wake-up of its own: the heartbeat's make a
     * pass at least every HEARTBEAT_PERIOD_CYCLES (a wake-up more would make a doorbell or a
     * control frame more often land just after the pass looked). */
    stats_poll(now);
    if (deadline != timer_armed) {
        hal_timer_set(deadline);
        timer_armed = deadline;
    }
    return busy;
}

/* Everything after the first look at the doorbells. */
static int __attribute__((noinline)) serve_the_rest(void)
{
    int busy = sched_engines();
    busy |= serve_doorbells();
    busy |= serve_control();
    busy |= sched_engines(); /* a stop a control frame asked for may be done already */
    busy |= serve_doorbells();
    busy |= serve_timer();
    busy |= serve_doorbells();
    /* a frame rung for meanwhile (not the rest of a cut batch) waits no pass */
    if (hal_read32(SGPU_CP_CTRL_PENDING_ADDR) & SGPU_CP_CTRL_PENDING_PENDING_MASK)
        busy |= serve_control();
    sched_background();
    return busy;
}

int loop_poll(void)
{
    int busy = serve_doorbells(); /* first: nothing saved or set up before it */
    busy |= serve_the_rest();
    if (busy || ctrl_frames_left)
        return 1;
    /* Idle: the STATS records that changed (the host's top reads them), unless something
     * comes up meanwhile: then poll again. */
    return stats_publish();
}

void fw_serve(void)
{
    loop_init();
    for (;;) {
        if (!loop_poll())
            hal_wfi();
    }
}
