/* engine.h: the firmware's handle on the engines (ENG block): start, stop, reset, status. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_ENGINE_H
#define SGPU_ENGINE_H

#include <stdint.h>

#include "hal.h"

/* Engine i is node i (NODE.COPY, NODE.COMPUTE), ordinal 0 in its node. */
#define ENG_COUNT SGPU_ENG_COUNT

/* The fields of STATUS. */
#define ENG_STATE(status) ((status) & SGPU_ENG_STATUS_STATE_MASK)
#define ENG_STOP_REASON(status) \
    (((status) & SGPU_ENG_STATUS_STOP_REASON_MASK) >> SGPU_ENG_STATUS_STOP_REASON_SHIFT)
#define ENG_ERROR(status) (((status) & SGPU_ENG_STATUS_ERROR_MASK) >> SGPU_ENG_STATUS_ERROR_SHIFT)

/* CONFIG as last written, so that a start rewrites it only when POLL_WAIT changes. */
extern uint32_t eng_config[ENG_COUNT];

/* Interrupts on STOPPED and FENCE; POLL_WAIT off. */
void eng_init(void);

static inline __attribute__((always_inline)) void eng_set_poll_wait(unsigned e, int on)
{
    uint32_t config = on ? (eng_config[e] | SGPU_ENG_CONFIG_POLL_WAIT_MASK)
                         : (eng_config[e] & ~SGPU_ENG_CONFIG_POLL_WAIT_MASK);
    if (config != eng_config[e]) {
        eng_config[e] = config;
        hal_write32(SGPU_ENG_CONFIG_ADDR_I(e), config);
    }
}

/* Run context ctx from ring offset head (the engine must be IDLE); resume: the command at
 * head was preempted inside and its state is in the context's save area. */
static inline __attribute__((always_inline)) void eng_start(unsigned e, uint32_t ctx, uint32_t head,
                                                            int poll_wait, int resume)
{
    eng_set_poll_wait(e, poll_wait);
    hal_write32(SGPU_ENG_CTX_ADDR_I(e), ctx);
    hal_write32(SGPU_ENG_HEAD_ADDR_I(e), head);
    hal_write32(SGPU_ENG_CMD_ADDR_I(e),
                SGPU_ENG_CMD_START_MASK | (resume ? SGPU_ENG_CMD_RESUME_MASK : 0u));
}

static inline void eng_stop(unsigned e)
{
    hal_write32(SGPU_ENG_CMD_ADDR_I(e), SGPU_ENG_CMD_STOP_MASK);
}

static inline void eng_reset(unsigned e)
{
    hal_write32(SGPU_ENG_CMD_ADDR_I(e), SGPU_ENG_CMD_RESET_MASK);
}

static inline uint32_t eng_status(unsigned e) { return hal_read32(SGPU_ENG_STATUS_ADDR_I(e)); }
static inline uint32_t eng_head(unsigned e) { return hal_read32(SGPU_ENG_HEAD_ADDR_I(e)); }
static inline uint32_t eng_irq(unsigned e) { return hal_read32(SGPU_ENG_IRQ_ADDR_I(e)); }
static inline void eng_irq_clear(unsigned e, uint32_t bits)
{
    hal_write32(SGPU_ENG_IRQ_ADDR_I(e), bits);
}
static inline uint32_t eng_err_info(unsigned e) { return hal_read32(SGPU_ENG_ERR_INFO_ADDR_I(e)); }
static inline uint32_t eng_ctx(unsigned e)
{
    return hal_read32(SGPU_ENG_CTX_ADDR_I(e)) & SGPU_ENG_CTX_ID_MASK;
}
static inline uint64_t eng_read64(uint32_t lo_addr)
{
    return ((uint64_t)hal_read32(lo_addr + 4u) << 32) | hal_read32(lo_addr);
}

/* Wait (bounded by timeout device cycles) until STATE is IDLE. Returns the last STATUS;
 * its STATE says whether the wait succeeded. */
uint32_t eng_wait_idle(unsigned e, uint32_t timeout);

#endif /* SGPU_ENGINE_H */
