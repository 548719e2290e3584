#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""run-system.py: the system suite: starts a private sgpu-sim, runs the system checks
(host/tests/system/system.c) against it through libsgpu, stops it and checks that it exits
cleanly. Prints `PASS system/NAME` or `FAIL system/NAME: why`.

The simulator listens on a socket under --work, never on the default socket; its log
(with the firmware's console) is --work/sim.log.
"""
import argparse
import random
import subprocess
import sys
import time
from pathlib import Path

# The checks take well under a minute on a 2-core machine: this only stops a hung run.
RUN_TIMEOUT_S = 600

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from simproc import Sim, log_tail, reporter, short_path  # noqa: E402

report = reporter("system")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sim", required=True, help="build/bin/sgpu-sim")
    ap.add_argument("--system", required=True, help="the system test program")
    ap.add_argument("--kernels", default=None, help="the directory of the kernel images (.bin)")
    ap.add_argument("--label", default="", help="prefix of this script's own check names (one "
                    "simulator per program: the hwsched program's are hwsched-sim-start ...)")
    ap.add_argument("--work", required=True, help="where the socket and the log go")
    ap.add_argument("--seed", type=int, default=None, help="the test data's seed (default: random)")
    ap.add_argument("--only", default=None, help="run only the check NAME")
    ap.add_argument("--sim-seed", type=int, default=None,
                    help="run sgpu-sim with --seed N (random completions, latencies, bus addresses)")
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 32)

    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    sock = short_path(work / "sim.sock")
    log = work / "sim.log"
    t0 = time.monotonic()
    sim = Sim(args.sim, sock, log, args.sim_seed)
    try:
        err = sim.wait_listening(120)
        if err:
            report(args.label + "sim-start", False, err)
            return 1
        cmd = [args.system, "--uri", f"sim:{sock}", "--seed", str(seed)]
        if args.kernels:
            cmd += ["--kernels", args.kernels]
        if args.only:
            cmd += ["--only", args.only]
        try:
            r = subprocess.run(cmd, timeout=RUN_TIMEOUT_S)
            if r.returncode not in (0, 1):
                report(args.label + "program", False, f"{args.system} exited with {r.returncode} "
                       f"(replay with --seed {seed}); sim log: {log_tail(log)}")
        except subprocess.TimeoutExpired:
            report(args.label + "program", False, f"{args.system} still running after {RUN_TIMEOUT_S} s "
                   f"(replay with --seed {seed}); sim log: {log_tail(log)}")
    finally:
        status = sim.stop()
    report(args.label + "sim-clean-exit", status == 0, f"sgpu-sim exited with {status}: {log_tail(log)}")
    print(f"system: {time.monotonic() - t0:.1f} s wall, sim log {log}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
