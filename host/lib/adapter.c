/* adapter.c: adapter reset with a firmware reload through the FW block, the firmware's
 * heartbeat, and the device time both are measured in. */
/* SPDX-License-Identifier: Apache-2.0 */
#define _POSIX_C_SOURCE 200809L
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "elf32.h"
#include "error.h"
#include "gpu.h"
#include "sgpu.h"
#include "sgpu_regs.h"
#include "transport.h"

/* The control core's RAM as the device maps it (rtl/top/sgpu_device.v, docs/cpu.md); the
 * image must fit the smallest build's RAM, which the readback then proves. */
#define CORE_RAM_BASE  0x80000000u
#define CORE_RAM_BYTES 262144u
#define FW_KEY         (0x5347u << SGPU_FW_CTRL_KEY_SHIFT)
/* Bounds in device cycles: the firmware reports RUNNING within BOOT_CYCLES of its release
 * (sgpu-sim allows as much at start), and a live one beats within HEARTBEAT_CYCLES. */
#define BOOT_CYCLES    10000000ull
#define BEAT_PERIODS   4u
/* The nominal device clock, for device time when nothing better is there. */
#define WALL_MHZ       125u
/* Device time that does not advance must not hang the wait: a wall-clock bound too. */
#define BOOT_WALL_NS   (600ull * 1000000000ull)

#define FW_REG(r)  (SGPU_FW_BAR0_BASE + SGPU_FW_##r##_OFFSET)
#define ID_REG(r)  (SGPU_ID_BAR0_BASE + SGPU_ID_##r##_OFFSET)

static uint64_t wall_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* CP.CYCLES (LO latches HI) when the device has it (a build without it reads 0 or UR), else the
 * simulator's own count, else the wall clock at the nominal frequency. */
int sgpu_device_time(sgpu_dev *dev, uint64_t *cycles)
{
    uint32_t lo, hi;
    int rc;
    if (!dev || !cycles)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_device_time: no device or result");
    rc = sgpu_read32(dev, SGPU_CP_BAR0_BASE + SGPU_CP_CYCLES_LO_OFFSET, &lo);
    if (!rc)
        rc = sgpu_read32(dev, SGPU_CP_BAR0_BASE + SGPU_CP_CYCLES_HI_OFFSET, &hi);
    /* A device without a CP block answers Unsupported Request: not an error here. */
    if (rc && rc != SGPU_ERR_DEVICE)
        return rc;
    if (!rc && (lo | hi)) {
        *cycles = (uint64_t)hi << 32 | lo;
        return SGPU_OK;
    }
    rc = sgpu_device_cycles(dev, cycles, NULL);
    if (rc != SGPU_ERR_UNSUPPORTED)
        return rc;
    *cycles = wall_ns() / 1000u * WALL_MHZ;
    return SGPU_OK;
}

/* <directory of /proc/self/exe>/../firmware/sgpu-fw.elf, as sgpu-sim looks for it. */
int sgpu_default_firmware(char *buf, size_t size)
{
    if (!buf || !size)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_default_firmware: no buffer");
    const char *env = getenv(SGPU_FIRMWARE_ENV);
    if (env && env[0]) {
        if ((size_t)snprintf(buf, size, "%s", env) >= size)
            return sgpu_fail(SGPU_ERR_RANGE, "$%s is too long", SGPU_FIRMWARE_ENV);
        return SGPU_OK;
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return sgpu_fail(SGPU_ERR_INVALID, "no firmware given, $%s unset, and this program's "
                         "path is unknown", SGPU_FIRMWARE_ENV);
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash)
        *slash = '\0';
    if ((size_t)snprintf(buf, size, "%s/../firmware/sgpu-fw.elf", exe) >= size)
        return sgpu_fail(SGPU_ERR_RANGE, "the default firmware path is too long");
    return SGPU_OK;
}

/* The image as RAM words from lo to hi (bytes from the RAM base); checked before the device
 * is touched. */
struct image {
    uint8_t *ram;
    uint32_t lo, hi;
};

static int image_load(const char *path, struct image *im)
{
    struct elf32_program prog;
    char err[256];
    memset(im, 0, sizeof *im);
    if (elf32_load_file(path, CORE_RAM_BASE, CORE_RAM_BYTES, &prog, err, sizeof err)) {
        elf32_free(&prog);
        return sgpu_fail(SGPU_ERR_INVALID, "firmware %s: %s", path, err);
    }
    if (prog.entry != CORE_RAM_BASE) {
        uint32_t entry = prog.entry;
        elf32_free(&prog);
        return sgpu_fail(SGPU_ERR_INVALID, "firmware %s: entry point 0x%08x, but the control "
                         "core starts at 0x%08x", path, entry, CORE_RAM_BASE);
    }
    im->ram = calloc(1, CORE_RAM_BYTES);
    if (!im->ram) {
        elf32_free(&prog);
        return sgpu_fail(SGPU_ERR_NOMEM, "firmware %s: out of memory", path);
    }
    elf32_fill_ram(&prog, CORE_RAM_BASE, im->ram, CORE_RAM_BYTES, &im->lo, &im->hi);
    elf32_free(&prog);
    if (im->lo == im->hi) {
        free(im->ram);
        im->ram = NULL;
        return sgpu_fail(SGPU_ERR_INVALID, "firmware %s: nothing to load", path);
    }
    return SGPU_OK;
}

static uint32_t word_at(const struct image *im, uint32_t off)
{
    const uint8_t *p = im->ram + off;
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static int set_hold(sgpu_dev *dev, int hold)
{
    uint32_t ctrl;
    int rc = sgpu_write32(dev, FW_REG(CTRL), FW_KEY | (hold ? SGPU_FW_CTRL_HOLD_MASK : 0));
    if (rc || (rc = sgpu_read32(dev, FW_REG(CTRL), &ctrl)))
        return rc;
    if (!!(ctrl & SGPU_FW_CTRL_HOLD_MASK) != !!hold)
        return sgpu_fail(SGPU_ERR_UNSUPPORTED, "%s: FW.CTRL.HOLD did not %s (a device without "
                         "the FW block?)", dev->uri.text, hold ? "set" : "clear");
    return SGPU_OK;
}

/* Writes the image through FW.ADDR/DATA, then reads every word back. */
static int image_write_verify(sgpu_dev *dev, const struct image *im, const char *path)
{
    int rc;
    if ((rc = sgpu_write32(dev, FW_REG(ADDR), CORE_RAM_BASE + im->lo)))
        return rc;
    for (uint32_t off = im->lo; off < im->hi; off += 4)
        if ((rc = sgpu_write32(dev, FW_REG(DATA), word_at(im, off))))
            return rc;
    if ((rc = sgpu_write32(dev, FW_REG(ADDR), CORE_RAM_BASE + im->lo)))
        return rc;
    for (uint32_t off = im->lo; off < im->hi; off += 4) {
        uint32_t got;
        if ((rc = sgpu_read32(dev, FW_REG(DATA), &got)))
            return rc;
        if (got != word_at(im, off))
            return sgpu_fail(SGPU_ERR_IO, "%s: firmware %s does not verify: the word at 0x%08x "
                             "reads back 0x%08x, written 0x%08x (the control core stays held)",
                             dev->uri.text, path, CORE_RAM_BASE + off, got, word_at(im, off));
    }
    return SGPU_OK;
}

/* Waits for RUNNING, then for the heartbeat to move, both bounded in device cycles. */
static int wait_boot(sgpu_dev *dev)
{
    uint64_t t0, now, wall0 = wall_ns();
    uint32_t fw = 0;
    int rc;
    if ((rc = sgpu_device_time(dev, &t0)))
        return rc;
    for (;;) {
        if ((rc = sgpu_read32(dev, ID_REG(FW_STATUS), &fw)) || (rc = sgpu_device_time(dev, &now)))
            return rc;
        unsigned state = (fw & SGPU_ID_FW_STATUS_STATE_MASK) >> SGPU_ID_FW_STATUS_STATE_SHIFT;
        if (state == SGPU_ID_FW_STATUS_STATE_RUNNING)
            break;
        if (state == SGPU_ID_FW_STATUS_STATE_FAILED)
            return sgpu_fail(SGPU_ERR_DEVICE_LOST, "%s: the firmware failed to start after the "
                             "adapter reset (code 0x%x)", dev->uri.text,
                             (fw & SGPU_ID_FW_STATUS_CODE_MASK) >> SGPU_ID_FW_STATUS_CODE_SHIFT);
        if (now - t0 > BOOT_CYCLES || wall_ns() - wall0 > BOOT_WALL_NS)
            return sgpu_fail(SGPU_ERR_TIMEOUT, "%s: the firmware is not RUNNING (%s) %llu device "
                             "cycles after the adapter reset", dev->uri.text,
                             sgpu_fw_state_name(state), (unsigned long long)(now - t0));
    }
    /* A firmware writes HEARTBEAT within HEARTBEAT_CYCLES; one that has left it at 0 for
     * BEAT_PERIODS of them has no heartbeat (older firmware): accepted. */
    struct sgpu_heartbeat hb = {0};
    uint32_t first = UINT32_MAX;
    for (;;) {
        if ((rc = sgpu_heartbeat_check(dev, &hb, BEAT_PERIODS)) < 0)
            return rc;
        if (first == UINT32_MAX)
            first = hb.value;
        if (hb.value != first)
            return SGPU_OK;
        if (wall_ns() - wall0 > BOOT_WALL_NS)
            return sgpu_fail(SGPU_ERR_TIMEOUT, "%s: device time stands still (%llu cycles in "
                             "%llu s)", dev->uri.text, (unsigned long long)(hb.now - t0),
                             BOOT_WALL_NS / 1000000000ull);
        if (rc == 0) {
            if (hb.value == 0)
                return SGPU_OK;
            return sgpu_fail(SGPU_ERR_DEVICE_LOST, "%s: the firmware is RUNNING but its heartbeat "
                             "stays at %u for %u x %u device cycles", dev->uri.text, hb.value,
                             BEAT_PERIODS, SGPU_CFG_HEARTBEAT_CYCLES);
        }
    }
}

int sgpu_adapter_reset(sgpu_dev *dev, const char *firmware_path)
{
    char def[PATH_MAX];
    struct image im;
    int rc;
    if (!dev)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_adapter_reset: no device");
    if (!firmware_path) {
        if ((rc = sgpu_default_firmware(def, sizeof def)))
            return rc;
        firmware_path = def;
    }
    if ((rc = image_load(firmware_path, &im)))
        return rc;
    struct gpu *g = gpu_of(dev);
    if (!g) {
        free(im.ram);
        return SGPU_ERR_NOMEM;
    }

    uint32_t resets0 = 0;
    if ((rc = sgpu_read32(dev, FW_REG(RESETS), &resets0)) || (rc = set_hold(dev, 1)))
        goto out;
    /* The device's command processor has forgotten everything from here: the control
     * channel is started again on the next sgpu_ctl_* call (ctl_ensure); every context made
     * before is lost (its handle answers SGPU_ERR_DEVICE_LOST; destroying it frees it). */
    ctl_stop(g);
    ctx_lose_all(g, "lost in an adapter reset");
    g->engines_reset = 0;
    if ((rc = image_write_verify(dev, &im, firmware_path)) || (rc = set_hold(dev, 0)))
        goto out;
    uint32_t resets;
    if ((rc = sgpu_read32(dev, FW_REG(RESETS), &resets)))
        goto out;
    if (resets != resets0 + 1 && resets0 != 0xFFFFu) {
        rc = sgpu_fail(SGPU_ERR_DEVICE, "%s: FW.RESETS went from %u to %u over one adapter reset",
                       dev->uri.text, resets0, resets);
        goto out;
    }
    if ((rc = wait_boot(dev)))
        goto out;
    /* The firmware is new: a loss recorded before the reset no longer holds. */
    g->lost = 0;
    sgpu_clear_error();
out:
    free(im.ram);
    return rc;
}

int sgpu_heartbeat_check(sgpu_dev *dev, struct sgpu_heartbeat *hb, unsigned periods)
{
    uint32_t v;
    uint64_t now;
    int rc;
    if (!dev || !hb || periods == 0)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_heartbeat_check: no device or state, or 0 periods");
    if ((rc = sgpu_read32(dev, ID_REG(HEARTBEAT), &v)) || (rc = sgpu_device_time(dev, &now)))
        return rc;
    hb->now = now;
    if (!hb->valid || v != hb->value) {
        hb->valid = 1;
        hb->value = v;
        hb->changed_at = now;
        return 1;
    }
    return now - hb->changed_at <= (uint64_t)periods * SGPU_CFG_HEARTBEAT_CYCLES;
}

int sgpu_adapter_status(sgpu_dev *dev, struct sgpu_adapter_status *st)
{
    uint32_t ctrl;
    int rc;
    if (!dev || !st)
        return sgpu_fail(SGPU_ERR_INVALID, "sgpu_adapter_status: no device or result");
    memset(st, 0, sizeof *st);
    if ((rc = sgpu_read32(dev, ID_REG(FW_STATUS), &st->fw_status)) ||
        (rc = sgpu_read32(dev, ID_REG(HEARTBEAT), &st->heartbeat)) ||
        (rc = sgpu_read32(dev, FW_REG(RESETS), &st->resets)) ||
        (rc = sgpu_read32(dev, FW_REG(CTRL), &ctrl)))
        return rc;
    st->held = !!(ctrl & SGPU_FW_CTRL_HOLD_MASK);
    return SGPU_OK;
}
