/* adapter_system: adapter reset against sgpu-sim with the real firmware, through libsgpu:
 * a reset while the firmware runs, a reset after sgpu-sim froze the control core (SIGUSR1),
 * the control channel answering NOP and QUERY_STATUS after each, a corrupted image refused,
 * and the heartbeat check's register path and device-time rule.
 *   adapter_system --uri URI --firmware ELF --sim-pid PID --work DIR
 * Prints `PASS adapter/NAME` or `FAIL adapter/NAME: why`; exits 1 if anything failed. */
/* SPDX-License-Identifier: Apache-2.0 */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sgpu.h"
#include "sgpu_regs.h"

static int failed;

static void result(const char *name, int ok, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void result(const char *name, int ok, const char *fmt, ...)
{
    if (ok) {
        printf("PASS adapter/%s\n", name);
    } else {
        va_list ap;
        va_start(ap, fmt);
        printf("FAIL adapter/%s: ", name);
        vprintf(fmt, ap);
        printf("\n");
        va_end(ap);
        failed = 1;
    }
    fflush(stdout);
}

static uint32_t rd(sgpu_dev *dev, uint32_t off)
{
    uint32_t v = 0xDEADDEADu;
    if (sgpu_read32(dev, off, &v))
        fprintf(stderr, "read of 0x%x failed: %s\n", off, sgpu_last_error());
    return v;
}

static unsigned fw_state(sgpu_dev *dev)
{
    return (rd(dev, SGPU_ID_BAR0_BASE + SGPU_ID_FW_STATUS_OFFSET) & SGPU_ID_FW_STATUS_STATE_MASK) >>
           SGPU_ID_FW_STATUS_STATE_SHIFT;
}

/* A NOP and a QUERY_STATUS through the control channel (started on demand). */
static int control_answers(sgpu_dev *dev, char *why, size_t n)
{
    union sgpu_ctrl_frame f;
    memset(&f, 0, sizeof f);
    f.hdr.opcode = SGPU_CTRL_OP_NOP;
    int rc = sgpu_ctl_call(dev, &f, NULL, 5000);
    if (rc) {
        snprintf(why, n, "NOP: %s (%s)", sgpu_last_error(), sgpu_errname(rc));
        return 0;
    }
    struct sgpu_status st;
    rc = sgpu_ctl_query_status(dev, &st);
    if (rc) {
        snprintf(why, n, "QUERY_STATUS: %s (%s)", sgpu_last_error(), sgpu_errname(rc));
        return 0;
    }
    if (st.version_major != SGPU_PROTO_VERSION_MAJOR) {
        snprintf(why, n, "QUERY_STATUS: protocol %u", st.version_major);
        return 0;
    }
    return 1;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    const char *uri = NULL, *fw = NULL, *work = NULL;
    long sim_pid = 0;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--uri")) uri = argv[i + 1];
        else if (!strcmp(argv[i], "--firmware")) fw = argv[i + 1];
        else if (!strcmp(argv[i], "--sim-pid")) sim_pid = atol(argv[i + 1]);
        else if (!strcmp(argv[i], "--work")) work = argv[i + 1];
    }
    if (!uri || !fw || !work || sim_pid <= 0) {
        fprintf(stderr, "usage: adapter_system --uri URI --firmware ELF --sim-pid PID --work DIR\n");
        return 2;
    }
    sgpu_dev *dev;
    int rc = sgpu_open(uri, &dev);
    if (rc) {
        result("open", 0, "%s (%s)", sgpu_last_error(), sgpu_errname(rc));
        return 1;
    }
    char why[512] = "";
    const uint32_t resets_reg = SGPU_FW_BAR0_BASE + SGPU_FW_RESETS_OFFSET;

    result("control-before", control_answers(dev, why, sizeof why), "%s", why);
    uint32_t resets0 = rd(dev, resets_reg);

    /* 1. While the firmware runs (the control channel is up). */
    double t0 = now_s();
    rc = sgpu_adapter_reset(dev, fw);
    result("reset-while-running", rc == SGPU_OK, "%s (%s)", sgpu_last_error(), sgpu_errname(rc));
    printf("adapter reset took %.2f s wall\n", now_s() - t0);
    result("running-after-reset", fw_state(dev) == SGPU_ID_FW_STATUS_STATE_RUNNING, "FW_STATUS %s",
           sgpu_fw_state_name(fw_state(dev)));
    result("resets-counted", rd(dev, resets_reg) == resets0 + 1, "FW.RESETS %u, was %u",
           rd(dev, resets_reg), resets0);
    why[0] = '\0';
    result("control-after-reset", control_answers(dev, why, sizeof why), "%s", why);

    /* 2. The control core dies (sgpu-sim's SIGUSR1): FW_STATUS NONE, the heartbeat check
     * reports it dead after its window; an adapter reset brings the firmware back. */
    kill((pid_t)sim_pid, SIGUSR1);
    double t1 = now_s();
    while (fw_state(dev) != SGPU_ID_FW_STATUS_STATE_NONE && now_s() - t1 < 30)
        ;
    result("frozen", fw_state(dev) == SGPU_ID_FW_STATUS_STATE_NONE, "FW_STATUS %s after SIGUSR1",
           sgpu_fw_state_name(fw_state(dev)));
    struct sgpu_heartbeat hb = {0};
    int first = sgpu_heartbeat_check(dev, &hb, 1), alive = 1;
    uint64_t start = hb.now;
    while (alive == 1 && now_s() - t1 < 60)
        alive = sgpu_heartbeat_check(dev, &hb, 1);
    result("heartbeat-check-dead", first == 1 && alive == 0 &&
           hb.now - start > SGPU_CFG_HEARTBEAT_CYCLES && hb.value == 0,
           "first %d, then %d after %llu device cycles (value %u)", first, alive,
           (unsigned long long)(hb.now - start), hb.value);
    printf("heartbeat check: dead after %llu device cycles (window %u)\n",
           (unsigned long long)(hb.now - start), SGPU_CFG_HEARTBEAT_CYCLES);
    rc = sgpu_adapter_reset(dev, fw);
    result("reset-after-freeze", rc == SGPU_OK, "%s (%s)", sgpu_last_error(), sgpu_errname(rc));
    why[0] = '\0';
    result("control-after-freeze", control_answers(dev, why, sizeof why), "%s", why);
    result("resets-counted-twice", rd(dev, resets_reg) == resets0 + 2, "FW.RESETS %u", rd(dev, resets_reg));

    /* 3. A corrupted image is refused with a clear error, before the device is touched. */
    char bad[4096];
    snprintf(bad, sizeof bad, "%s/corrupt.elf", work);
    FILE *in = fopen(fw, "rb"), *out = fopen(bad, "wb");
    if (in && out) {
        char buf[4096];
        size_t n, total = 0;
        while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
            if (total == 0)
                memset(buf + 16, 0xA5, 16); /* e_type .. e_entry: no longer an RV32 executable */
            fwrite(buf, 1, n, out);
            total += n;
        }
    }
    if (in) fclose(in);
    if (out) fclose(out);
    rc = sgpu_adapter_reset(dev, bad);
    result("corrupt-image-refused", rc == SGPU_ERR_INVALID && strstr(sgpu_last_error(), "corrupt.elf"),
           "%s (%s)", sgpu_last_error(), sgpu_errname(rc));
    printf("corrupt image: %s\n", sgpu_last_error());
    result("corrupt-image-untouched", rd(dev, resets_reg) == resets0 + 2 &&
           fw_state(dev) == SGPU_ID_FW_STATUS_STATE_RUNNING, "FW.RESETS %u, FW_STATUS %s",
           rd(dev, resets_reg), sgpu_fw_state_name(fw_state(dev)));
    rc = sgpu_adapter_reset(dev, "/nonexistent/sgpu-fw.elf");
    result("missing-image-refused", rc == SGPU_ERR_INVALID && strstr(sgpu_last_error(), "nonexistent"),
           "%s (%s)", sgpu_last_error(), sgpu_errname(rc));
    why[0] = '\0';
    result("control-at-end", control_answers(dev, why, sizeof why), "%s", why);
    sgpu_close(dev);
    return failed;
}
