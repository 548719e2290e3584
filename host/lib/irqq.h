/* irqq.h: MSI vectors received but not yet waited for, in arrival order. A vector already
 * pending is not queued again (it coalesces, as an eventfd counter does), so 32 slots
 * always suffice and nothing is ever dropped. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_IRQQ_H
#define SGPU_IRQQ_H

#include <stdbool.h>
#include <stdint.h>

#define SGPU_IRQ_VECTORS 32u

struct irq_queue {
    uint32_t pending;                  /* bit v: vector v is queued */
    uint8_t order[SGPU_IRQ_VECTORS];
    unsigned head, count;
};

static inline void irqq_init(struct irq_queue *q)
{
    q->pending = 0;
    q->head = q->count = 0;
}

static inline void irqq_push(struct irq_queue *q, unsigned vector)
{
    vector %= SGPU_IRQ_VECTORS;
    if (q->pending & (1u << vector))
        return;
    q->pending |= 1u << vector;
    q->order[(q->head + q->count) % SGPU_IRQ_VECTORS] = (uint8_t)vector;
    q->count++;
}

static inline bool irqq_pop(struct irq_queue *q, unsigned *vector)
{
    if (q->count == 0)
        return false;
    *vector = q->order[q->head];
    q->head = (q->head + 1) % SGPU_IRQ_VECTORS;
    q->count--;
    q->pending &= ~(1u << *vector);
    return true;
}

#endif /* SGPU_IRQQ_H */
