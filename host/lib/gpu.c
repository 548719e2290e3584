/* gpu.c: the per-device state behind contexts, events, VRAM and kernels (gpu.h). */
/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <time.h>

#include "error.h"
#include "gpu.h"
#include "transport.h"

struct gpu *gpu_of(sgpu_dev *dev)
{
    if (!dev->gpu) {
        dev->gpu = calloc(1, sizeof *dev->gpu);
        if (!dev->gpu)
            sgpu_fail(SGPU_ERR_NOMEM, "%s: out of memory", dev->uri.text);
    }
    return dev->gpu;
}

void gpu_release(sgpu_dev *dev)
{
    struct gpu *g = dev->gpu;
    if (!g)
        return;
    ctx_release_all(dev, g);
    tdr_release(g);
    ctl_stop(g);
    while (g->kernels)
        sgpu_kernel_free(g->kernels);
    if (g->heap_ready)
        vram_heap_fini(&g->heap);
    /* The DMA buffers (control channel, bounce buffer, rings) are the device's: sgpu_close
     * frees them after the transport has stopped the device mastering. */
    free(g);
    dev->gpu = NULL;
}

unsigned gpu_timeout(const sgpu_dev *dev, unsigned timeout_ms)
{
    return timeout_ms ? timeout_ms : dev->timeout_ms;
}

uint64_t gpu_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

int gpu_set_lost(struct gpu *g, const char *why)
{
    g->lost = 1;
    return sgpu_fail(SGPU_ERR_DEVICE_LOST, "device lost: %s", why);
}

int sgpu_device_state(const sgpu_dev *dev)
{
    if (!dev)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_device_state: no device");
    return dev->gpu && dev->gpu->lost ? SGPU_ERR_DEVICE_LOST : SGPU_OK;
}
