/* sgpu-sim's harness: boots the device's firmware, then runs the device clock while a
 * driver is connected, polling the socket every SIM_POLL_CYCLES cycles. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_SIM_SIM_H
#define SGPU_SIM_SIM_H

/* Device cycles between two looks at the sockets' SIGIO flag (a load: a request waits at
 * most this long, a few microseconds), and between two polls whatever the flag says (a
 * safety net: a poll costs about a microsecond). */
#define SIM_POLL_CYCLES 16u
#define SIM_SAFETY_POLL_CYCLES 4096u
/* Cycles the firmware has to report RUNNING in ID.FW_STATUS, read over PCIe every
 * SIM_BOOT_POLL cycles. */
#define SIM_BOOT_MAX_CYCLES 10000000ull
#define SIM_BOOT_POLL 1024u
/* After RUNNING: run on until the console has been quiet this long (at most the max). */
#define SIM_SETTLE_QUIET_CYCLES 8192u
#define SIM_SETTLE_MAX_CYCLES 2000000u

/* After a driver leaves: run on until the device has sent no TLP for DRAIN_QUIET cycles (at
 * most DRAIN_MAX), so that work it left running (a DMA) ends against no memory, instead of
 * resuming into the next driver's memory when the clock starts again. */
#define SIM_DRAIN_QUIET_CYCLES 16384u
#define SIM_DRAIN_MAX_CYCLES (1ull << 25)

int sim_main(int argc, char **argv);

#endif
