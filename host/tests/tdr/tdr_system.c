/* tdr_system: timeout detection and recovery against sgpu-sim with the real firmware, through
 * libsgpu's watchdog (sgpu_tdr_*), with hangs made the way users make them:
 *  - a WAIT on a value nobody writes (preemptible: the context is removed, nobody else
 *    touched);
 *  - a kernel that never ends (preemptible at an instruction when the device says
 *    SHADER_BOUNDARY: removed; otherwise its engine is reset naming it);
 *  - a COPY stuck on a host read whose completion never comes (sgpu-sim --drop-completions):
 *    no preemption, no engine reset can finish: an adapter reset, every context lost, the
 *    device usable again;
 *  - a kernel that turns its interrupts off (kernels/tests/nopreempt.c): a STOP is never
 *    obeyed; on the firmware built with a short preempt timeout, its GPU_ENGINE_TIMEOUT
 *    ends the watchdog's wait for the suspend: the engine is reset naming the kernel's
 *    context, the other engine's innocent runs on;
 *  - the control core dying (sgpu-sim's SIGUSR1): the heartbeat stops: adapter reset;
 *  - hangs more often than TdrLimitCount within TdrLimitTime: adapter reset;
 *  - DISABLE_GPU_TIMEOUT: a long submission is left alone.
 * Innocent contexts on both engines run alongside and must end with every fence exactly
 * where it should be, never invalidated.
 * Then a seeded random run interleaving submissions, suspends, resumes, engine resets and
 * hangs over six contexts on both engines, its invariants checked after every step.
 *   tdr_system --uri URI --firmware ELF --short-timeout-firmware ELF --sim-pid PID
 *              --kernels DIR --stuck-addr ADDR [--seed N] [--only NAME]
 * Prints `PASS tdr/NAME` or `FAIL tdr/NAME: why`; exits 1 if anything failed. */
/* SPDX-License-Identifier: Apache-2.0 */
#define _POSIX_C_SOURCE 200809L
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sgpu.h"
#include "sgpu_regs.h"

/* Short, so that the simulator (~0.1-0.2 M device cycles per second) gets there; but the
 * submission limit well over the firmware's default quantum (1 ms, 125,000 cycles): an
 * innocent's submission may wait a whole quantum of a hung context on its engine, and the
 * watchdog's clock runs from when it first sees a submission outstanding. */
#define LIMIT_CYCLES 300000u
#define DELAY_CYCLES 120000u
#define WAIT_MS 120000u

static int failed;
static const char *kernels, *firmware, *short_timeout_firmware;
static uint64_t stuck_addr;
static long sim_pid;
static unsigned random_seed;

static void result(const char *name, int ok, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void result(const char *name, int ok, const char *fmt, ...)
{
    if (ok) {
        printf("PASS tdr/%s\n", name);
    } else {
        va_list ap;
        va_start(ap, fmt);
        printf("FAIL tdr/%s: ", name);
        vprintf(fmt, ap);
        printf("\n");
        va_end(ap);
        failed = 1;
    }
    fflush(stdout);
}

static void sleep_us(long us)
{
    struct timespec ts = {us / 1000000, (us % 1000000) * 1000};
    nanosleep(&ts, NULL);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ---- what the watchdog reported --------------------------------------------------------- */

static struct sgpu_tdr_record seen[32];
static unsigned nseen;

static void on_tdr(sgpu_dev *dev, const struct sgpu_tdr_record *r, void *user)
{
    (void)dev, (void)user;
    if (nseen < 32)
        seen[nseen++] = *r;
    printf("  tdr: %s -> %s, node %d, context %d, hung %" PRIu64 " cycles, %u lost: %s\n",
           sgpu_tdr_cause_name(r->cause), sgpu_tdr_action_name(r->action), (int)r->node,
           (int)r->ctx_id, r->hung_cycles, r->contexts_lost, r->detail);
}

static int enable_with(sgpu_dev *dev, unsigned limit_count, unsigned heartbeat_periods,
                       const char *fw)
{
    struct sgpu_tdr_options o = {.delay_cycles = DELAY_CYCLES, .submit_limit_cycles = LIMIT_CYCLES,
                                 .limit_count = limit_count, .heartbeat_periods = heartbeat_periods,
                                 .firmware = fw};
    nseen = 0;
    return sgpu_tdr_enable(dev, &o, on_tdr, NULL);
}

static int enable(sgpu_dev *dev, unsigned limit_count, unsigned heartbeat_periods)
{
    return enable_with(dev, limit_count, heartbeat_periods, firmware);
}

/* Polls the watchdog (while innocents run) until it reported `want` records or time is up. */
static void watch(sgpu_dev *dev, unsigned want, double seconds)
{
    double end = now_s() + seconds;
    while (nseen < want && now_s() < end) {
        sgpu_tdr_poll(dev);
        sleep_us(2000);
    }
}

/* ---- innocents -------------------------------------------------------------------------- */

/* A context that keeps doing small, checkable work: FILLs of a host buffer with a pattern
 * per round, each followed by its progress fence. */
struct innocent {
    sgpu_ctx *ctx;
    struct sgpu_dma_buf *buf;
    unsigned rounds;
    uint64_t last;
};

static int innocent_new(sgpu_dev *dev, unsigned node, struct innocent *in)
{
    memset(in, 0, sizeof *in);
    int rc = sgpu_ctx_create(dev, node, NULL, &in->ctx);
    if (!rc)
        rc = sgpu_dma_alloc(dev, 4096, &in->buf);
    return rc;
}

/* One more round: FILL the buffer with the round's pattern (copy engine) or a NOP stream
 * (compute), then the progress fence. */
static int innocent_step(struct innocent *in)
{
    int rc;
    in->rounds++;
    if (sgpu_ctx_node(in->ctx) == SGPU_NODE_COPY)
        rc = sgpu_cmd_fill(in->ctx, in->buf->bus, 4096, 0xA5000000u + in->rounds, 0);
    else
        rc = sgpu_cmd_nop(in->ctx, 7);
    if (!rc)
        rc = sgpu_submit(in->ctx, 0, &in->last);
    return rc;
}

/* Every submission done, the last FILL's pattern in memory, never invalidated. */
static int innocent_ok(struct innocent *in, char *why, size_t n)
{
    int rc = sgpu_fence_wait(in->ctx, in->last, WAIT_MS);
    if (rc) {
        snprintf(why, n, "context %u: %s (%s)", sgpu_ctx_id(in->ctx), sgpu_last_error(),
                 sgpu_errname(rc));
        return 0;
    }
    if (sgpu_fence_read(in->ctx) != in->last) {
        snprintf(why, n, "context %u: fence %" PRIu64 ", last submitted %" PRIu64,
                 sgpu_ctx_id(in->ctx), sgpu_fence_read(in->ctx), in->last);
        return 0;
    }
    if (sgpu_ctx_node(in->ctx) == SGPU_NODE_COPY) {
        const uint32_t *w = in->buf->cpu;
        for (unsigned i = 0; i < 1024; i++)
            if (w[i] != 0xA5000000u + in->rounds) {
                snprintf(why, n, "context %u: word %u is 0x%08x after round %u", sgpu_ctx_id(in->ctx),
                         i, w[i], in->rounds);
                return 0;
            }
    }
    return 1;
}

static void innocent_free(sgpu_dev *dev, struct innocent *in)
{
    sgpu_ctx_destroy(in->ctx);
    sgpu_dma_free(dev, in->buf);
}

/* Runs rounds of the innocents while the watchdog looks, until it reported `want`. */
static void run_innocents(sgpu_dev *dev, struct innocent *in, unsigned n, unsigned want,
                          double seconds)
{
    double end = now_s() + seconds;
    while (nseen < want && now_s() < end) {
        for (unsigned i = 0; i < n; i++)
            if (sgpu_ctx_error(in[i].ctx, NULL) == SGPU_OK &&
                sgpu_fence_read(in[i].ctx) >= in[i].last)
                innocent_step(&in[i]);
        sgpu_tdr_poll(dev);
        sleep_us(2000);
    }
}

static const struct sgpu_tdr_record *find(unsigned cause)
{
    for (unsigned i = 0; i < nseen; i++)
        if (seen[i].cause == cause)
            return &seen[i];
    return NULL;
}

/* A context the watchdog dealt with: lost, and says so. */
static int is_lost(sgpu_ctx *ctx, char *why, size_t n)
{
    int rc = sgpu_submit(ctx, 0, NULL);
    if (rc != SGPU_ERR_DEVICE_LOST) {
        snprintf(why, n, "submit to context %u gave %s, not SGPU_ERR_DEVICE_LOST",
                 sgpu_ctx_id(ctx), sgpu_errname(rc));
        return 0;
    }
    return 1;
}

/* ---- the hangs -------------------------------------------------------------------------- */

static void wait_hang(sgpu_dev *dev)
{
    char why[512] = "";
    struct innocent in[2];
    struct sgpu_dma_buf *flag = NULL;
    sgpu_ctx *hung = NULL;
    int rc = enable(dev, 5, 0);
    if (!rc) rc = innocent_new(dev, SGPU_NODE_COPY, &in[0]);
    if (!rc) rc = innocent_new(dev, SGPU_NODE_COMPUTE, &in[1]);
    if (!rc) rc = sgpu_dma_alloc(dev, 64, &flag);
    if (!rc) rc = sgpu_ctx_create(dev, SGPU_NODE_COPY, NULL, &hung);
    if (!rc) {
        *(volatile uint64_t *)flag->cpu = 0;
        rc = sgpu_cmd_wait(hung, flag->bus, 1, 0);
    }
    if (!rc) rc = sgpu_submit(hung, 0, NULL);
    result("wait-setup", rc == SGPU_OK, "%s (%s)", sgpu_last_error(), sgpu_errname(rc));
    if (rc)
        return;
    run_innocents(dev, in, 2, 1, 60);
    const struct sgpu_tdr_record *r = find(SGPU_TDR_SUBMISSION_LIMIT);
    result("wait-detected", r && r->ctx_id == sgpu_ctx_id(hung) && r->hung_cycles > LIMIT_CYCLES,
           "%u records; the hung context is %u", nseen, sgpu_ctx_id(hung));
    result("wait-removed-without-reset", r && r->action == SGPU_TDR_CONTEXT_REMOVED &&
           r->result == SGPU_OK && r->contexts_lost == 1, "action %s, result %d, %u lost",
           r ? sgpu_tdr_action_name(r->action) : "none", r ? r->result : 0,
           r ? r->contexts_lost : 0);
    result("wait-culprit-lost", is_lost(hung, why, sizeof why), "%s", why);
    for (unsigned i = 0; i < 2; i++) {
        innocent_step(&in[i]);
        result(i ? "wait-innocent-compute" : "wait-innocent-copy", innocent_ok(&in[i], why, sizeof why),
               "%s", why);
    }
    sgpu_ctx_destroy(hung);
    innocent_free(dev, &in[0]);
    innocent_free(dev, &in[1]);
    sgpu_dma_free(dev, flag);
}

/* A compute context made to run kernel k: its arguments (args, bytes) written at VRAM
 * address vmem, then a DISPATCH of gx work items in workgroups of wg, submitted. */
static int dispatch_hang(sgpu_dev *dev, sgpu_kernel *k, uint32_t vmem, const void *args,
                         size_t bytes, uint32_t gx, uint32_t wg, sgpu_ctx **hung)
{
    int rc = sgpu_vram_write(dev, vmem, args, bytes);
    if (!rc) rc = sgpu_ctx_create(dev, SGPU_NODE_COMPUTE, NULL, hung);
    if (!rc) rc = sgpu_cmd_dispatch(*hung, sgpu_kernel_addr(k), gx, 1, 1, wg, vmem);
    if (!rc) rc = sgpu_submit(*hung, 0, NULL);
    return rc;
}

/* kernels/tests/spin.c: out[x] after a recursion that waits on *flag at its deepest level. */
struct spin_args {
    uint32_t out, inc, flag, n, depth, pad; /* VRAM is written in 8-byte units */
};

static void kernel_hang(sgpu_dev *dev)
{
    char why[512] = "", path[4200];
    struct innocent in;
    sgpu_kernel *k = NULL;
    sgpu_ctx *hung = NULL;
    uint32_t vmem = 0;
    enum sgpu_preemption gran = 0;
    snprintf(path, sizeof path, "%s/spin.bin", kernels);
    int rc = enable(dev, 5, 0);
    if (!rc) rc = sgpu_preemption_granularity(dev, &gran);
    if (!rc) rc = innocent_new(dev, SGPU_NODE_COMPUTE, &in);
    if (!rc) rc = sgpu_kernel_load(dev, path, &k);
    if (!rc) rc = sgpu_vram_alloc(dev, 4096, 64, &vmem);
    if (!rc) {
        uint32_t zero[1024] = {0};
        struct spin_args a = {vmem + 1024, vmem + 2048, vmem + 3072, 4, 3, 0};
        rc = sgpu_vram_write(dev, vmem, zero, sizeof zero);
        if (!rc) rc = dispatch_hang(dev, k, vmem, &a, sizeof a, 2, 2, &hung);
    }
    result("kernel-setup", rc == SGPU_OK, "%s: %s (%s)", path, sgpu_last_error(), sgpu_errname(rc));
    if (rc)
        goto out;
    run_innocents(dev, &in, 1, 1, 90);
    const struct sgpu_tdr_record *r = find(SGPU_TDR_SUBMISSION_LIMIT);
    unsigned want = gran == SGPU_PREEMPTION_SHADER_BOUNDARY ? SGPU_TDR_CONTEXT_REMOVED
                                                            : SGPU_TDR_ENGINE_RESET;
    result("kernel-detected", r && r->ctx_id == sgpu_ctx_id(hung), "%u records", nseen);
    result("kernel-recovered", r && r->action == want && r->result == SGPU_OK,
           "compute preemption %s: want %s, got %s (result %d)", sgpu_preemption_name(gran),
           sgpu_tdr_action_name(want), r ? sgpu_tdr_action_name(r->action) : "nothing",
           r ? r->result : 0);
    result("kernel-culprit-lost", is_lost(hung, why, sizeof why), "%s", why);
    innocent_step(&in);
    result("kernel-innocent", innocent_ok(&in, why, sizeof why), "%s", why);
out:
    sgpu_ctx_destroy(hung);
    innocent_free(dev, &in);
    if (vmem)
        sgpu_vram_free(dev, vmem);
    sgpu_kernel_free(k);
}

/* A context of the device works after an adapter reset: a FILL and its fence. */
static int device_works(sgpu_dev *dev, char *why, size_t n)
{
    struct innocent in;
    int rc = innocent_new(dev, SGPU_NODE_COPY, &in);
    if (!rc)
        rc = innocent_step(&in);
    int ok = !rc && innocent_ok(&in, why, n);
    if (rc)
        snprintf(why, n, "%s (%s)", sgpu_last_error(), sgpu_errname(rc));
    innocent_free(dev, &in);
    return ok;
}

/* kernels/tests/nopreempt.c: the flag it waits on (VRAM is written in 8-byte units). */
struct nopreempt_args {
    uint32_t flag, pad;
};

static void nopreempt_hang(sgpu_dev *dev)
{
    char why[512] = "", path[4200];
    struct innocent in = {0};
    sgpu_kernel *k = NULL;
    sgpu_ctx *hung = NULL;
    uint32_t vmem = 0;
    snprintf(path, sizeof path, "%s/nopreempt.bin", kernels);
    /* the firmware whose preempt timeout (40,000 cycles) is well inside TdrDelay */
    int rc = sgpu_adapter_reset(dev, short_timeout_firmware);
    result("nopreempt-short-timeout-firmware", rc == SGPU_OK, "%s: %s (%s)",
           short_timeout_firmware, sgpu_last_error(), sgpu_errname(rc));
    if (!rc) rc = enable_with(dev, 5, 0, short_timeout_firmware);
    if (!rc) rc = innocent_new(dev, SGPU_NODE_COPY, &in);
    if (!rc) rc = sgpu_kernel_load(dev, path, &k);
    if (!rc) rc = sgpu_vram_alloc(dev, 64, 64, &vmem);
    if (!rc) {
        struct nopreempt_args a[2] = {{vmem + 8, 0}, {0, 0}}; /* the flag: a[1].flag, 0 */
        rc = dispatch_hang(dev, k, vmem, a, sizeof a, 1, 1, &hung);
    }
    result("nopreempt-setup", rc == SGPU_OK, "%s: %s (%s)", path, sgpu_last_error(), sgpu_errname(rc));
    if (rc)
        goto out;
    run_innocents(dev, &in, 1, 1, 90);
    const struct sgpu_tdr_record *r = find(SGPU_TDR_SUBMISSION_LIMIT);
    result("nopreempt-detected", r && r->ctx_id == sgpu_ctx_id(hung), "%u records", nseen);
    /* the firmware's GPU_ENGINE_TIMEOUT, not TdrDelay, ended the wait for the suspend */
    result("nopreempt-engine-timeout", r && strstr(r->detail, "GPU_ENGINE_TIMEOUT"), "%s",
           r ? r->detail : "no record");
    result("nopreempt-engine-reset", r && r->action == SGPU_TDR_ENGINE_RESET && r->result == SGPU_OK &&
           r->node == SGPU_NODE_COMPUTE && r->contexts_lost == 1, "action %s, result %d, node %d, "
           "%u lost", r ? sgpu_tdr_action_name(r->action) : "none", r ? r->result : 0,
           r ? (int)r->node : -1, r ? r->contexts_lost : 0);
    result("nopreempt-culprit-lost", is_lost(hung, why, sizeof why), "%s", why);
    innocent_step(&in);
    result("nopreempt-innocent", innocent_ok(&in, why, sizeof why), "%s", why);
out:
    sgpu_ctx_destroy(hung);
    innocent_free(dev, &in);
    rc = sgpu_adapter_reset(dev, firmware); /* the usual firmware for what follows */
    result("nopreempt-usual-firmware-again", rc == SGPU_OK, "%s (%s)", sgpu_last_error(),
           sgpu_errname(rc));
}

static void stuck_read(sgpu_dev *dev)
{
    char why[512] = "";
    struct innocent in;
    struct sgpu_dma_buf *dst = NULL;
    sgpu_ctx *hung = NULL;
    int rc = enable(dev, 5, 0);
    if (!rc) rc = innocent_new(dev, SGPU_NODE_COMPUTE, &in);
    if (!rc) rc = sgpu_dma_alloc(dev, 4096, &dst);
    if (!rc) rc = sgpu_ctx_create(dev, SGPU_NODE_COPY, NULL, &hung);
    if (!rc) rc = sgpu_cmd_copy(hung, stuck_addr, dst->bus, 4096, 0);
    if (!rc) rc = sgpu_submit(hung, 0, NULL);
    result("stuck-setup", rc == SGPU_OK, "%s (%s)", sgpu_last_error(), sgpu_errname(rc));
    if (rc)
        return;
    double t0 = now_s();
    run_innocents(dev, &in, 1, 1, 240);
    const struct sgpu_tdr_record *r = nseen ? &seen[nseen - 1] : NULL;
    printf("  stuck read: %.1f s wall to recover\n", now_s() - t0);
    result("stuck-detected", r && r->ctx_id == sgpu_ctx_id(hung), "%u records", nseen);
    result("stuck-adapter-reset", r && r->action == SGPU_TDR_ADAPTER_RESET && r->result == SGPU_OK,
           "action %s, result %d: %s", r ? sgpu_tdr_action_name(r->action) : "none",
           r ? r->result : 0, r ? r->detail : "");
    result("stuck-culprit-lost", is_lost(hung, why, sizeof why), "%s", why);
    result("stuck-everyone-lost", sgpu_ctx_error(in.ctx, NULL) == SGPU_ERR_DEVICE_LOST,
           "the innocent context says %s after an adapter reset",
           sgpu_errname(sgpu_ctx_error(in.ctx, NULL)));
    result("stuck-device-works-again", device_works(dev, why, sizeof why), "%s", why);
    sgpu_ctx_destroy(hung);
    innocent_free(dev, &in);
    sgpu_dma_free(dev, dst);
}

static void heartbeat(sgpu_dev *dev)
{
    char why[512] = "";
    struct innocent in;
    int rc = enable(dev, 5, 4);
    if (!rc) rc = innocent_new(dev, SGPU_NODE_COPY, &in);
    if (!rc) rc = innocent_step(&in);
    if (!rc) rc = sgpu_fence_wait(in.ctx, in.last, WAIT_MS);
    result("heartbeat-setup", rc == SGPU_OK, "%s (%s)", sgpu_last_error(), sgpu_errname(rc));
    if (rc)
        return;
    watch(dev, 1, 1.0);
    result("heartbeat-quiet-while-alive", nseen == 0, "%u records while the firmware was alive", nseen);
    kill((pid_t)sim_pid, SIGUSR1); /* the control core dies */
    watch(dev, 1, 120);
    const struct sgpu_tdr_record *r = find(SGPU_TDR_HEARTBEAT);
    result("heartbeat-detected", r != NULL, "%u records", nseen);
    result("heartbeat-adapter-reset", r && r->action == SGPU_TDR_ADAPTER_RESET && r->result == SGPU_OK,
           "%s", r ? r->detail : "no record");
    result("heartbeat-contexts-lost", sgpu_ctx_error(in.ctx, NULL) == SGPU_ERR_DEVICE_LOST,
           "a context made before says %s", sgpu_errname(sgpu_ctx_error(in.ctx, NULL)));
    result("heartbeat-device-works-again", device_works(dev, why, sizeof why), "%s", why);
    innocent_free(dev, &in);
}

/* Two hangs with TdrLimitCount 1: the first removes its context, the second resets the
 * adapter. */
static void escalation(sgpu_dev *dev)
{
    char why[512] = "";
    struct sgpu_dma_buf *flag = NULL;
    sgpu_ctx *hung[2] = {NULL, NULL};
    int rc = enable(dev, 1, 0);
    if (!rc) rc = sgpu_dma_alloc(dev, 64, &flag);
    for (unsigned i = 0; i < 2 && !rc; i++) {
        *(volatile uint64_t *)flag->cpu = 0;
        rc = sgpu_ctx_create(dev, SGPU_NODE_COPY, NULL, &hung[i]);
        if (!rc) rc = sgpu_cmd_wait(hung[i], flag->bus, 1, 0);
        if (!rc) rc = sgpu_submit(hung[i], 0, NULL);
        if (!rc) watch(dev, i + 1, 60);
    }
    result("escalation-setup", rc == SGPU_OK, "%s (%s)", sgpu_last_error(), sgpu_errname(rc));
    result("escalation-first-removed", nseen >= 1 && seen[0].action == SGPU_TDR_CONTEXT_REMOVED,
           "%u records, first %s", nseen, nseen ? sgpu_tdr_action_name(seen[0].action) : "none");
    result("escalation-second-adapter", nseen >= 2 && seen[1].action == SGPU_TDR_ADAPTER_RESET &&
           seen[1].hangs_in_window == 2 && seen[1].result == SGPU_OK,
           "%u records, second %s in a window of %u", nseen,
           nseen > 1 ? sgpu_tdr_action_name(seen[1].action) : "none", nseen > 1 ? seen[1].hangs_in_window : 0);
    result("escalation-device-works-again", device_works(dev, why, sizeof why), "%s", why);
    struct sgpu_tdr_record log[8];
    unsigned count = 0, total = 0;
    rc = sgpu_tdr_log(dev, log, 8, &count, &total);
    result("escalation-log", rc == SGPU_OK && count == 2 && total == 2 &&
           log[0].action == seen[0].action && log[1].action == seen[1].action,
           "sgpu_tdr_log: %s, %u of %u records", sgpu_errname(rc), count, total);
    sgpu_ctx_destroy(hung[0]);
    sgpu_ctx_destroy(hung[1]);
    sgpu_dma_free(dev, flag);
}

/* DISABLE_GPU_TIMEOUT: the same WAIT, three limits long, is left alone and then finishes. */
static void no_timeout(sgpu_dev *dev)
{
    struct sgpu_dma_buf *flag = NULL;
    sgpu_ctx *ctx = NULL;
    struct sgpu_ctx_options o = SGPU_CTX_OPTIONS_INIT;
    o.flags = SGPU_CTX_FLAG_DISABLE_GPU_TIMEOUT;
    uint64_t v = 0, t0 = 0, t1 = 0;
    int rc = enable(dev, 5, 0);
    if (!rc) rc = sgpu_dma_alloc(dev, 64, &flag);
    if (!rc) rc = sgpu_ctx_create(dev, SGPU_NODE_COPY, &o, &ctx);
    if (!rc) {
        *(volatile uint64_t *)flag->cpu = 0;
        rc = sgpu_cmd_wait(ctx, flag->bus, 1, 0);
    }
    if (!rc) rc = sgpu_submit(ctx, 0, &v);
    if (!rc) rc = sgpu_device_time(dev, &t0);
    t1 = t0;
    for (double end = now_s() + 120; !rc && t1 - t0 < 3ull * LIMIT_CYCLES && now_s() < end;) {
        sgpu_tdr_poll(dev);
        sleep_us(5000);
        rc = sgpu_device_time(dev, &t1);
    }
    result("no-timeout-left-alone", !rc && nseen == 0 && t1 - t0 >= 3ull * LIMIT_CYCLES,
           "%u records over %" PRIu64 " cycles (%s)", nseen, t1 - t0, sgpu_errname(rc));
    *(volatile uint64_t *)flag->cpu = 1;
    rc = sgpu_fence_wait(ctx, v, WAIT_MS);
    result("no-timeout-finishes", rc == SGPU_OK, "%s (%s)", sgpu_last_error(), sgpu_errname(rc));
    sgpu_ctx_destroy(ctx);
    sgpu_dma_free(dev, flag);
}

/* ---- seeded random: submit, suspend, resume, engine reset and resume, hangs -------------- */

#define RND_CTX 6u        /* 3 per engine */
#define RND_SLOTS 512u    /* FENCE slots per context */
#define RND_MARK 0xD0D0D0D0D0D0D0D0ull

struct rnd_ctx {
    sgpu_ctx *ctx;
    unsigned node;
    int hanger;            /* holds a WAIT nobody satisfies: the watchdog must remove it */
    int lost;              /* invalidated (by a reset or the watchdog) */
    int suspended;
    unsigned nsub;         /* FENCE slots used */
    unsigned marked;       /* slots seen done and overwritten with RND_MARK */
    uint64_t last_fence;   /* the progress fence as last read */
};

static uint32_t rnd_state;
static uint32_t rnd(uint32_t below)
{
    rnd_state ^= rnd_state << 13;
    rnd_state ^= rnd_state >> 17;
    rnd_state ^= rnd_state << 5;
    return rnd_state % below;
}

struct rnd_run {
    sgpu_dev *dev;
    struct rnd_ctx c[RND_CTX];
    struct sgpu_dma_buf *slots;    /* RND_CTX x RND_SLOTS words */
    struct sgpu_dma_buf *never;    /* the value hangers wait for: never written */
    unsigned invalidated_by_reset[2];
    char why[512];
};

static volatile uint64_t *slot(struct rnd_run *r, unsigned k, unsigned i)
{
    return (volatile uint64_t *)r->slots->cpu + (size_t)k * RND_SLOTS + i;
}

static uint64_t token(unsigned k, unsigned i)
{
    return 0x5100000000000000ull | ((uint64_t)k << 32) | i;
}

static void on_reset_ctx(sgpu_dev *dev, sgpu_ctx *ctx, uint32_t id, int collateral,
                         uint64_t progress, void *user)
{
    (void)dev, (void)ctx, (void)collateral, (void)progress;
    struct rnd_run *r = user;
    for (unsigned k = 0; k < RND_CTX; k++)
        if (r->c[k].ctx && sgpu_ctx_id(r->c[k].ctx) == id) {
            r->c[k].lost = 1;
            r->invalidated_by_reset[r->c[k].node]++;
        }
}

/* The invariants after every step. */
static int rnd_check(struct rnd_run *r, unsigned step)
{
    for (unsigned k = 0; k < RND_CTX; k++) {
        struct rnd_ctx *c = &r->c[k];
        uint64_t f = sgpu_fence_read(c->ctx);
        if (f < c->last_fence) {
            snprintf(r->why, sizeof r->why, "step %u: context %u's fence went back from %" PRIu64
                     " to %" PRIu64, step, k, c->last_fence, f);
            return 0;
        }
        c->last_fence = f;
        int err = sgpu_ctx_error(c->ctx, NULL);
        if (err == SGPU_ERR_DEVICE_LOST && !c->lost) {
            if (!c->hanger) {
                snprintf(r->why, sizeof r->why, "step %u: context %u (node %u), innocent and "
                         "never on a reset, was invalidated: %s", step, k, c->node, sgpu_last_error());
                return 0;
            }
            c->lost = 1; /* the watchdog removed the hanger */
        }
        /* slots done since the last look: mark them (a command run again would overwrite) */
        for (; c->marked < c->nsub && f > c->marked; c->marked++) {
            if (*slot(r, k, c->marked) != token(k, c->marked)) {
                snprintf(r->why, sizeof r->why, "step %u: context %u slot %u holds 0x%" PRIx64
                         " at fence %" PRIu64, step, k, c->marked, *slot(r, k, c->marked), f);
                return 0;
            }
            *slot(r, k, c->marked) = RND_MARK;
        }
    }
    for (unsigned n = 0; n < 2; n++)
        if (r->invalidated_by_reset[n] > 1) {
            snprintf(r->why, sizeof r->why, "step %u: one reset of node %u invalidated %u contexts "
                     "(only the one on the engine may be)", step, n, r->invalidated_by_reset[n]);
            return 0;
        }
    union sgpu_ctrl_frame f;
    memset(&f, 0, sizeof f);
    f.hdr.opcode = SGPU_CTRL_OP_NOP;
    int rc = sgpu_ctl_call(r->dev, &f, NULL, 30000);
    if (rc) {
        snprintf(r->why, sizeof r->why, "step %u: the firmware did not answer a NOP: %s (%s)", step,
                 sgpu_last_error(), sgpu_errname(rc));
        return 0;
    }
    return 1;
}

/* One random operation. Returns 0 on a library failure the model cannot explain. */
static int rnd_step(struct rnd_run *r, unsigned step)
{
    unsigned k = rnd(RND_CTX), op = rnd(100);
    struct rnd_ctx *c = &r->c[k];
    int rc = SGPU_OK;
    if (c->lost)
        return 1;
    if (op < 45 && !c->hanger && c->nsub < RND_SLOTS) {          /* submit 1..3 FENCEs */
        for (unsigned n = 1 + rnd(3); n && c->nsub < RND_SLOTS && !rc; n--) {
            unsigned i = c->nsub;
            rc = sgpu_cmd_fence(c->ctx, r->slots->bus + ((size_t)k * RND_SLOTS + i) * 8, token(k, i), 0);
            if (!rc)
                rc = sgpu_submit(c->ctx, 0, NULL);
            if (!rc)
                c->nsub++;
        }
    } else if (op < 60 && !c->suspended) {                        /* suspend */
        uint64_t v;
        rc = sgpu_ctx_suspend(c->ctx, &v);
        if (rc == SGPU_OK || rc == SGPU_PENDING) {
            c->suspended = 1;
            rc = SGPU_OK;
        }
    } else if (op < 75 && c->suspended) {                         /* resume */
        rc = sgpu_ctx_resume(c->ctx);
        c->suspended = rc == SGPU_OK ? 0 : c->suspended;
    } else if (op < 82) {                                          /* engine reset + resume */
        r->invalidated_by_reset[c->node] = 0;
        rc = sgpu_engine_reset(r->dev, c->node, 0, on_reset_ctx, r);
        if (!rc)
            rc = sgpu_engine_resume(r->dev, c->node, 0);
    } else if (op < 85 && !c->hanger && !c->suspended) {          /* this context hangs */
        rc = sgpu_cmd_wait(c->ctx, r->never->bus, 1, 0);
        if (!rc)
            rc = sgpu_submit(c->ctx, 0, NULL);
        if (!rc)
            c->hanger = 1;
    } else {
        sgpu_tdr_poll(r->dev);
        sleep_us(1000 + rnd(5000));
    }
    /* a context a reset or the watchdog took away answers DEVICE_LOST: the model learns it
     * at the next check */
    if (rc && rc != SGPU_ERR_DEVICE_LOST) {
        snprintf(r->why, sizeof r->why, "step %u: operation %u on context %u: %s (%s)", step, op, k,
                 sgpu_last_error(), sgpu_errname(rc));
        return 0;
    }
    return 1;
}

static void random_run(sgpu_dev *dev)
{
    static struct rnd_run r;
    memset(&r, 0, sizeof r);
    r.dev = dev;
    unsigned seed = random_seed, steps = 120;
    rnd_state = seed * 2654435761u + 1u;
    printf("  random: seed %u (tdr_system --only random --seed %u replays), %u steps\n", seed,
           seed, steps);
    int rc = enable(dev, 64, 0);
    if (!rc) rc = sgpu_dma_alloc(dev, (size_t)RND_CTX * RND_SLOTS * 8, &r.slots);
    if (!rc) rc = sgpu_dma_alloc(dev, 64, &r.never);
    for (unsigned k = 0; k < RND_CTX && !rc; k++) {
        r.c[k].node = k % 2;
        rc = sgpu_ctx_create(dev, r.c[k].node, NULL, &r.c[k].ctx);
    }
    result("random-setup", rc == SGPU_OK, "%s (%s)", sgpu_last_error(), sgpu_errname(rc));
    if (rc)
        goto out;
    memset(r.slots->cpu, 0, (size_t)RND_CTX * RND_SLOTS * 8);
    *(volatile uint64_t *)r.never->cpu = 0;
    int ok = 1;
    for (unsigned step = 0; ok && step < steps; step++)
        ok = rnd_step(&r, step) && rnd_check(&r, step);
    /* the end: everything resumed; every context not lost finishes all it was given */
    for (unsigned k = 0; ok && k < RND_CTX; k++) {
        struct rnd_ctx *c = &r.c[k];
        if (!c->lost && c->suspended && (rc = sgpu_ctx_resume(c->ctx)) != SGPU_OK &&
            rc != SGPU_ERR_DEVICE_LOST)
            ok = 0, snprintf(r.why, sizeof r.why, "final resume of %u: %s", k, sgpu_errname(rc));
        c->suspended = 0;
    }
    for (unsigned k = 0; ok && k < RND_CTX; k++) {
        struct rnd_ctx *c = &r.c[k];
        if (c->lost || c->hanger)
            continue;
        rc = sgpu_ctx_idle(c->ctx, WAIT_MS);
        if (ok && rc && rc != SGPU_ERR_DEVICE_LOST)
            ok = 0, snprintf(r.why, sizeof r.why, "context %u did not finish its %u submissions: %s "
                             "(%s)", k, c->nsub, sgpu_last_error(), sgpu_errname(rc));
    }
    /* hangers: the watchdog removes each (or a reset took it) */
    for (double end = now_s() + 120; ok && now_s() < end;) {
        int pending = 0;
        for (unsigned k = 0; k < RND_CTX; k++)
            pending |= r.c[k].hanger && !r.c[k].lost &&
                       sgpu_ctx_error(r.c[k].ctx, NULL) == SGPU_OK;
        if (!pending)
            break;
        sgpu_tdr_poll(dev);
        sleep_us(5000);
    }
    if (ok)
        ok = rnd_check(&r, steps);
    for (unsigned k = 0; ok && k < RND_CTX; k++) {
        struct rnd_ctx *c = &r.c[k];
        if (c->hanger && !c->lost)
            ok = 0, snprintf(r.why, sizeof r.why, "context %u hangs and was never removed", k);
        else if (!c->lost && c->marked != c->nsub)
            ok = 0, snprintf(r.why, sizeof r.why, "context %u: %u of %u submissions seen done",
                             k, c->marked, c->nsub);
        for (unsigned i = 0; ok && i < c->marked; i++)
            if (*slot(&r, k, i) != RND_MARK)
                ok = 0, snprintf(r.why, sizeof r.why, "context %u: slot %u written again after it "
                                 "was done (a command ran twice)", k, i);
    }
    unsigned lost = 0, hangers = 0, subs = 0;
    for (unsigned k = 0; k < RND_CTX; k++)
        lost += r.c[k].lost, hangers += r.c[k].hanger, subs += r.c[k].nsub;
    printf("  random: %u submissions, %u hangers, %u contexts lost, %u TDR recoveries\n", subs,
           hangers, lost, nseen);
    result("random-invariants", ok, "seed %u: %s", seed, r.why);
out:
    for (unsigned k = 0; k < RND_CTX; k++)
        sgpu_ctx_destroy(r.c[k].ctx);
    sgpu_dma_free(dev, r.slots);
    sgpu_dma_free(dev, r.never);
}

int main(int argc, char **argv)
{
    const char *uri = NULL, *only = NULL;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--uri")) uri = argv[i + 1];
        else if (!strcmp(argv[i], "--firmware")) firmware = argv[i + 1];
        else if (!strcmp(argv[i], "--short-timeout-firmware")) short_timeout_firmware = argv[i + 1];
        else if (!strcmp(argv[i], "--sim-pid")) sim_pid = atol(argv[i + 1]);
        else if (!strcmp(argv[i], "--kernels")) kernels = argv[i + 1];
        else if (!strcmp(argv[i], "--stuck-addr")) stuck_addr = strtoull(argv[i + 1], NULL, 0);
        else if (!strcmp(argv[i], "--only")) only = argv[i + 1];
        else if (!strcmp(argv[i], "--seed")) random_seed = (unsigned)strtoul(argv[i + 1], NULL, 0);
    }
    if (!uri || !firmware || !short_timeout_firmware || !kernels || sim_pid <= 0 || !stuck_addr) {
        fprintf(stderr, "usage: tdr_system --uri URI --firmware ELF --short-timeout-firmware ELF "
                "--sim-pid PID --kernels DIR --stuck-addr ADDR [--seed N] [--only NAME]\n");
        return 2;
    }
    sgpu_dev *dev;
    int rc = sgpu_open(uri, &dev);
    if (rc) {
        result("open", 0, "%s (%s)", sgpu_last_error(), sgpu_errname(rc));
        return 1;
    }
    static const struct {
        const char *name;
        void (*fn)(sgpu_dev *);
    } tests[] = {
        {"wait", wait_hang},     {"kernel", kernel_hang}, {"no-timeout", no_timeout},
        {"escalation", escalation}, {"random", random_run}, {"nopreempt", nopreempt_hang},
        {"stuck", stuck_read},
        {"heartbeat", heartbeat},
    };
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        if (only && strcmp(only, tests[i].name))
            continue;
        double t0 = now_s();
        tests[i].fn(dev);
        printf("  %s: %.1f s wall\n", tests[i].name, now_s() - t0);
    }
    sgpu_close(dev);
    return failed;
}
