/* sgpu_adapter.h: adapter reset with a firmware reload, and the firmware's heartbeat
 * (part of sgpu.h). docs/libsgpu.md ("Adapter reset") describes them. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_ADAPTER_H
#define SGPU_ADAPTER_H

#include <stddef.h>
#include <stdint.h>

#include "sgpu.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The environment variable that names the default firmware image. */
#define SGPU_FIRMWARE_ENV "SGPU_FIRMWARE"

/* Resets the adapter through the FW block and boots a firmware image (an RV32 ELF file):
 * holds the control core, the command processor and the engines in reset (the link, ID,
 * LINK, DMA and VRAM keep their state), writes the image into the control core's memory,
 * reads all of it back and compares (a mismatch leaves the core held: SGPU_ERR_IO), releases
 * it, then waits, bounded in device cycles, for ID.FW_STATUS RUNNING and for the heartbeat
 * to move (a firmware that leaves HEARTBEAT at 0 throughout is taken as one without a
 * heartbeat). firmware_path NULL: $SGPU_FIRMWARE, else firmware/sgpu-fw.elf next to the
 * program's bin/ directory (where sgpu-sim finds its firmware). A bad image is refused
 * before the device is touched (SGPU_ERR_INVALID). The control channel is restarted on the
 * next sgpu_ctl_* call; contexts made before the reset are gone on the device. */
int sgpu_adapter_reset(sgpu_dev *dev, const char *firmware_path);

/* The default image sgpu_adapter_reset(dev, NULL) loads: SGPU_OK and the path in buf. */
int sgpu_default_firmware(char *buf, size_t size);

/* What the host knows of the firmware's heartbeat between two checks. */
struct sgpu_heartbeat {
    int valid;            /* 0 before the first check */
    uint32_t value;       /* ID.HEARTBEAT at the last change */
    uint64_t changed_at;  /* device cycle when it was first seen with that value */
    uint64_t now;         /* device cycle of the last check */
};

/* Reads ID.HEARTBEAT and the device time (CP.CYCLES, else the simulator's cycle count, else
 * the wall clock at 125 MHz). Returns 1 when the heartbeat has moved within the last
 * periods * SGPU_CFG_HEARTBEAT_CYCLES device cycles (or this is the first check), 0 when it
 * has not (the control core is dead or wedged: reset the adapter), or a negative code.
 * Call it at least once per such window; periods is at least 1. */
int sgpu_heartbeat_check(sgpu_dev *dev, struct sgpu_heartbeat *hb, unsigned periods);

/* The device time sgpu_heartbeat_check uses, in device cycles. */
int sgpu_device_time(sgpu_dev *dev, uint64_t *cycles);

/* The FW block and the firmware's state at a glance (sgpu adapter status). */
struct sgpu_adapter_status {
    uint32_t fw_status;   /* ID.FW_STATUS */
    uint32_t heartbeat;   /* ID.HEARTBEAT */
    uint32_t resets;      /* FW.RESETS */
    int held;             /* FW.CTRL.HOLD */
};
int sgpu_adapter_status(sgpu_dev *dev, struct sgpu_adapter_status *st);

#ifdef __cplusplus
}
#endif

#endif /* SGPU_ADAPTER_H */
