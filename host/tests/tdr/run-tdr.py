#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""run-tdr.py: the TDR suite: timeout detection and recovery against a private sgpu-sim with
the real firmware, started with a host range whose reads never complete (a hung peer), through
libsgpu's watchdog (tdr_system). Prints `PASS tdr/NAME` or `FAIL tdr/NAME: why`.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from simproc import Sim, log_tail, reporter, short_path  # noqa: E402

report = reporter("tdr")

# Outside the simulator's host memory (0x40000000 up): reads there get no completion at all.
STUCK_ADDR = 0x70_0000_0000
STUCK_BYTES = 0x10_0000
RUN_TIMEOUT_S = 900


def run(cmd, env=None, timeout=300):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)


def brief(r):
    return f"exit {r.returncode}; stdout: {r.stdout.strip()[-300:]!r}; stderr: {r.stderr.strip()[-300:]!r}"


def cli_checks(sgpu, uri, log, work):
    """`sgpu tdr`: the log tdr_system's recoveries wrote, watch, and bad command lines."""
    r = run([sgpu, "tdr", "--help"])
    report("cli-help", r.returncode == 0 and "watch" in r.stdout and "--log" in r.stdout, brief(r))
    r = run([sgpu, "tdr", "--log", str(log), "--json"])
    try:
        records = json.loads(r.stdout) if r.returncode == 0 else None
    except ValueError:
        records = None
    actions = sorted({x["action"] for x in records}) if records else []
    report("cli-log-json", records is not None and len(records) >= 3
           and {"CONTEXT_REMOVED", "ADAPTER_RESET"} <= set(actions)
           and all(x["result"] == "SGPU_OK" for x in records),
           f"actions {actions}: {brief(r)}")
    r = run([sgpu, "tdr", "show", "--log", str(log)])
    report("cli-log-table", r.returncode == 0 and records is not None
           and f"{len(records)} record(s)" in r.stdout and "SUBMISSION_LIMIT" in r.stdout, brief(r))
    r = run([sgpu, "tdr", "--log", str(work / "none.log")])
    report("cli-no-log-yet", r.returncode == 0 and "nothing was recovered" in r.stdout, brief(r))
    r = run([sgpu, "tdr", "watch", "--uri", uri, "--seconds", "2", "--log", str(work / "watch.log")])
    report("cli-watch-quiet", r.returncode == 0 and "0 recovery" in r.stdout, brief(r))
    env = {k: v for k, v in os.environ.items() if k != "SGPU_TDR_LOG"}
    r = run([sgpu, "tdr"], env=env)
    report("cli-no-log-given", r.returncode == 2 and "--log" in r.stderr, brief(r))
    r = run([sgpu, "tdr", "frobnicate", "--log", str(log)])
    report("cli-bad-action", r.returncode == 2 and "unknown action" in r.stderr, brief(r))
    r = run([sgpu, "tdr", "watch", "--seconds", "x"])
    report("cli-bad-value", r.returncode == 2 and "bad value" in r.stderr, brief(r))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sim", required=True, help="build/bin/sgpu-sim")
    ap.add_argument("--prog", required=True, help="the tdr_system program")
    ap.add_argument("--firmware", required=True, help="build/firmware/sgpu-fw.elf")
    ap.add_argument("--short-timeout-firmware", required=True,
                    help="the firmware built with a short preempt timeout (sgpu-fw-short-timeout.elf)")
    ap.add_argument("--kernels", required=True, help="the directory of the kernel images (.bin)")
    ap.add_argument("--sgpu", required=True, help="build/bin/sgpu")
    ap.add_argument("--work", required=True, help="where the socket and the log go")
    ap.add_argument("--only", default=None, help="run only the test NAME")
    ap.add_argument("--seed", type=int, default=None, help="the random run's seed (default: random)")
    args = ap.parse_args()
    work = Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    sock = short_path(work / "sim.sock")
    log = work / "sim.log"
    t0 = time.monotonic()
    # The completion timeout disabled (as a driver may set Device Control 2): the stuck read
    # waits for ever, as the hung peer. With it on (36-42 ms of device time), the read
    # ends in an error after about 4.5 M cycles, and whether that comes before the host's own
    # wall-clock wait for its suspend frame gives up depends on the machine's speed.
    sim = Sim(args.sim, sock, log, None, ["--firmware", args.firmware, "--drop-completions",
                                          f"{STUCK_ADDR:#x}:{STUCK_BYTES:#x}", "--no-cpl-timeout"])
    try:
        err = sim.wait_listening(300)
        if err:
            report("sim-start", False, err)
            return 1
        cmd = [args.prog, "--uri", f"sim:{sock}", "--firmware", args.firmware,
               "--short-timeout-firmware", args.short_timeout_firmware, "--sim-pid",
               str(sim.proc.pid), "--kernels", args.kernels, "--stuck-addr", f"{STUCK_ADDR:#x}"]
        seed = args.seed if args.seed is not None else random.randrange(1 << 31)
        cmd += ["--seed", str(seed)]
        if args.only:
            cmd += ["--only", args.only]
        log_file = work / "tdr.log"
        log_file.unlink(missing_ok=True)
        try:
            r = subprocess.run(cmd, timeout=RUN_TIMEOUT_S, env=dict(os.environ, SGPU_TDR_LOG=str(log_file)))
            if r.returncode not in (0, 1):
                report("program", False, f"{args.prog} exited with {r.returncode} (replay with --seed "
                       f"{seed}); sim log: {log_tail(log)}")
        except subprocess.TimeoutExpired:
            report("program", False, f"{args.prog} still running after {RUN_TIMEOUT_S} s; "
                   f"sim log: {log_tail(log)}")
        if not args.only:
            cli_checks(args.sgpu, f"sim:{sock}", log_file, work)
        report("sim-still-serving", sim.proc.poll() is None, log_tail(log))
    finally:
        status = sim.stop()
    report("sim-clean-exit", status == 0, f"sgpu-sim exited with {status}: {log_tail(log)}")
    print(f"tdr: {time.monotonic() - t0:.1f} s wall, sim log {log}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
