#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""run-adapter.py: the adapter suite: adapter reset and firmware reload against a private
sgpu-sim with the real firmware, through libsgpu (adapter_system) and the `sgpu adapter`
CLI. Prints `PASS adapter/NAME` or `FAIL adapter/NAME: why`.
"""
import argparse
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from simproc import Sim, log_tail, reporter, short_path  # noqa: E402

report = reporter("adapter")


def run(cmd, timeout=300):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


def brief(r):
    return f"exit {r.returncode}; stdout: {r.stdout.strip()[-300:]!r}; stderr: {r.stderr.strip()[-300:]!r}"


def cli_checks(sgpu, uri, fw, work):
    r = run([sgpu, "adapter", "--help"])
    report("cli-help", r.returncode == 0 and "adapter reset" in r.stdout and "--firmware" in r.stdout,
           brief(r))
    r = run([sgpu, "adapter", "status", "--uri", uri])
    report("cli-status", r.returncode == 0 and "firmware    RUNNING" in r.stdout
           and "resets" in r.stdout and "held        no" in r.stdout, brief(r))
    before = int(r.stdout.split("resets")[1].split()[0]) if r.returncode == 0 else -1
    r = run([sgpu, "adapter", "reset", "--uri", uri, "--firmware", fw])
    report("cli-reset", r.returncode == 0 and "running" in r.stdout, brief(r))
    r = run([sgpu, "adapter", "status", "--uri", uri])
    after = int(r.stdout.split("resets")[1].split()[0]) if r.returncode == 0 else -1
    report("cli-reset-counted", after == before + 1, f"resets {before} then {after}: {brief(r)}")
    r = run([sgpu, "adapter", "reset", "--uri", uri, "--firmware", str(work / "missing.elf")])
    report("cli-missing-firmware", r.returncode == 1 and "missing.elf" in r.stderr
           and r.stderr.count("\n") == 1, brief(r))
    r = run([sgpu, "adapter", "frobnicate", "--uri", uri])
    report("cli-bad-action", r.returncode == 2 and "unknown action" in r.stderr, brief(r))
    r = run([sgpu, "adapter"])
    report("cli-no-action", r.returncode == 2 and "reset or status" in r.stderr, brief(r))
    r = run([sgpu, "adapter", "status", "--firmware", fw, "--uri", uri])
    report("cli-firmware-with-status", r.returncode == 2 and "reset only" in r.stderr, brief(r))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sim", required=True, help="build/bin/sgpu-sim")
    ap.add_argument("--prog", required=True, help="the adapter_system program")
    ap.add_argument("--sgpu", required=True, help="build/bin/sgpu")
    ap.add_argument("--firmware", required=True, help="build/firmware/sgpu-fw.elf")
    ap.add_argument("--work", required=True, help="where the socket and the log go")
    args = ap.parse_args()
    work = Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    sock = short_path(work / "sim.sock")
    log = work / "sim.log"
    t0 = time.monotonic()
    sim = Sim(args.sim, sock, log, None, ["--firmware", args.firmware])
    try:
        err = sim.wait_listening(300)
        if err:
            report("sim-start", False, err)
            return 1
        uri = f"sim:{sock}"
        r = subprocess.run([args.prog, "--uri", uri, "--firmware", args.firmware,
                            "--sim-pid", str(sim.proc.pid), "--work", str(work)], timeout=900)
        if r.returncode not in (0, 1):
            report("program", False, f"{args.prog} exited with {r.returncode}; sim log: {log_tail(log)}")
        text = log.read_text(errors="replace")
        report("sim-logged-freeze", "control core frozen" in text and "freeze ends" in text,
               log_tail(log))
        cli_checks(args.sgpu, uri, args.firmware, work)
        report("sim-still-serving", sim.proc.poll() is None, log_tail(log))
    finally:
        status = sim.stop()
    report("sim-clean-exit", status == 0, f"sgpu-sim exited with {status}: {log_tail(log)}")
    print(f"adapter: {time.monotonic() - t0:.1f} s wall, sim log {log}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
