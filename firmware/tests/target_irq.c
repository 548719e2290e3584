/* target_irq.c: on the core: timer and external interrupts through start.S's trap entry and
 * trap.c, resuming where they struck. Prints "target_irq: ok" and exits 0 when all went right. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "console.h"
#include "fw.h"
#include "hal.h"

#define TIMER_DELAY 2000u
#define PATIENCE 200000u

static volatile unsigned timer_hits, external_hits;
static volatile uint64_t timer_seen_at;

static void on_timer(void)
{
    timer_seen_at = hal_mtime();
    timer_hits++;
    hal_timer_disable();
}

static void on_external(void)
{
    external_hits++;
    hal_write32(SGPU_SYSCTL_IRQ_TEST_ADDR, 0); /* drop the line */
}

int main(void)
{
    uint32_t err = fw_boot();
    if (err)
        return (int)err;
    fw_set_irq_handler(HAL_CAUSE_IRQ_TIMER, on_timer);
    fw_set_irq_handler(HAL_CAUSE_IRQ_EXTERNAL, on_external);
    hal_irq_enable(HAL_IRQ_TIMER | HAL_IRQ_EXTERNAL);
    hal_irq_global(1);

    /* Timer: wfi until it fires; work (a running sum) must survive the interrupt. */
    uint64_t t0 = hal_mtime();
    uint32_t sum = 0, i = 0;
    hal_timer_set(t0 + TIMER_DELAY);
    while (!timer_hits && hal_mtime() - t0 < PATIENCE) {
        sum += i * i;
        i++;
    }
    uint32_t want = 0;
    for (uint32_t j = 0; j < i; j++)
        want += j * j;

    /* External: raise the test line; the handler drops it. */
    hal_write32(SGPU_SYSCTL_IRQ_TEST_ADDR, SGPU_SYSCTL_IRQ_TEST_EXTERNAL_MASK);
    for (unsigned k = 0; k < 1000 && !external_hits; k++)
        hal_wfi();
    hal_irq_global(0);

    int ok = timer_hits == 1 && external_hits == 1 && sum == want &&
             timer_seen_at >= t0 + TIMER_DELAY && fw_last_trap.count == 2;
    con_printf("target_irq: timer %u (after %u cycles), external %u, traps %u, sum %s: %s\n",
               timer_hits, (unsigned)(timer_seen_at - t0), external_hits,
               (unsigned)fw_last_trap.count, sum == want ? "kept" : "CORRUPTED",
               ok ? "ok" : "FAILED");
    return ok ? 0 : 1;
}
