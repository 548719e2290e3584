#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""run-e2e.py: the e2e suite: starts a private sgpu-sim, runs the libsgpu checks (e2e) and
the `sgpu` CLI checks against it, stops it. Prints `PASS e2e/NAME` or `FAIL e2e/NAME: why`.

The simulator listens on a socket under --work, never on the default socket; the CLI's
auto-start is checked with XDG_RUNTIME_DIR pointed under --work too.
"""
import argparse
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from simproc import Sim, log_tail, reporter, short_path  # noqa: E402

report = reporter("e2e")


def run(cmd, env=None, timeout=60):
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout)


def check_cli(sgpu, uri):
    r = run([sgpu, "info", "--uri", uri])
    ok = r.returncode == 0 and "0x53475055" in r.stdout and "RUNNING" in r.stdout
    report("cli-info", ok, f"exit {r.returncode}: {r.stdout.strip()} {r.stderr.strip()}")

    r = run([sgpu, "info", "--uri", uri, "--json"])
    try:
        j = json.loads(r.stdout)
        problems = []
        if j["magic"] != 0x53475055:
            problems.append(f"magic {j['magic']:#x}")
        if j["firmware"]["state"] != "RUNNING":
            problems.append(f"firmware {j['firmware']['state']}")
        link = j["link"]
        if not 128 <= link["max_payload_bytes"] <= 4096 or not 128 <= link["max_read_request_bytes"] <= 4096:
            problems.append(f"link {link}")
        if link["msi_vectors"] < 1 or link["speed"] == "unknown" or link["width"] < 1:
            problems.append(f"link {link}")
        if j["pci"]["vendor_id"] != 0x10EE or j["pci"]["device_id"] != 0x5347:
            problems.append(f"pci {j['pci']}")
        if j["uri"] != uri or j["transport"] != "sim":
            problems.append(f"uri {j['uri']} transport {j['transport']}")
        report("cli-info-json", not problems and r.returncode == 0, "; ".join(problems) or f"exit {r.returncode}")
    except (ValueError, KeyError, TypeError) as e:
        report("cli-info-json", False, f"{e!r} in: {r.stdout.strip()[:300]} {r.stderr.strip()}")

    nothing = uri + ".nothing"
    r = run([sgpu, "info", "--uri", nothing])
    report("cli-no-device", r.returncode == 1 and "SGPU_ERR_CONNECT" in r.stderr and r.stdout == "",
           f"exit {r.returncode}, stderr: {r.stderr.strip()}")

    bad = [([sgpu, "--help"], 0, "stdout"), ([sgpu, "info", "--help"], 0, "stdout"),
           ([sgpu], 2, "stderr"), ([sgpu, "frob"], 2, "stderr"), ([sgpu, "info", "--bogus"], 2, "stderr"),
           ([sgpu, "info", "extra"], 2, "stderr"), ([sgpu, "info", "--uri", "vfio:1:2:3"], 1, "stderr")]
    why = []
    for cmd, code, stream in bad:
        r = run(cmd)
        text = r.stdout if stream == "stdout" else r.stderr
        if r.returncode != code or ("usage" not in text and code != 1) or (code == 1 and "SGPU_ERR_INVALID" not in text):
            why.append(f"{' '.join(cmd[1:]) or '(none)'}: exit {r.returncode}")
    report("cli-usage", not why, "; ".join(why))


def check_cli_autostart(sgpu, work):
    """`sgpu info` without --uri starts a simulator on the default socket (here a private
    XDG_RUNTIME_DIR), then attaches to it the second time."""
    xdg = Path(work) / "xdg"
    xdg.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, XDG_RUNTIME_DIR=short_path(xdg))
    pidfile = xdg / "sgpu-sim.pid"
    pidfile.unlink(missing_ok=True)
    pid = None
    try:
        r1 = run([sgpu, "info", "--json"], env=env, timeout=90)
        pid = int(pidfile.read_text()) if pidfile.exists() else None
        r2 = run([sgpu, "info"], env=env, timeout=90)
        pid2 = int(pidfile.read_text()) if pidfile.exists() else None
        ok = (r1.returncode == 0 and json.loads(r1.stdout)["firmware"]["state"] == "RUNNING"
              and r2.returncode == 0 and "RUNNING" in r2.stdout and pid is not None and pid == pid2)
        report("cli-autostart", ok, f"exit {r1.returncode}/{r2.returncode}, sim pid {pid}/{pid2}: "
               f"{r1.stderr.strip()} {r2.stderr.strip()} {log_tail(xdg / 'sgpu-sim.log')}")
    except (ValueError, KeyError, subprocess.TimeoutExpired) as e:
        report("cli-autostart", False, repr(e))
    finally:
        # the started simulator would leave by itself after 30 idle seconds: stop it now
        if pid and Path(f"/proc/{pid}/cmdline").exists() and b"sgpu-sim" in Path(f"/proc/{pid}/cmdline").read_bytes():
            os.kill(pid, signal.SIGTERM)
            for _ in range(100):
                if not Path(f"/proc/{pid}").exists():
                    break
                time.sleep(0.05)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sim", required=True)
    ap.add_argument("--sgpu", required=True)
    ap.add_argument("--e2e", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--seed", type=int, default=None, help="the test data's seed (default: random)")
    ap.add_argument("--sim-seed", type=int, default=None,
                    help="run sgpu-sim with --seed N (random completions, latencies and bus "
                         "addresses); without it the host memory's bus address is the same for "
                         "every driver, which the dead-driver checks rely on")
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 32)
    print(f"e2e: seed {seed} (replay with: {sys.argv[0]} ... --seed {seed})"
          + (f", sgpu-sim --seed {args.sim_seed}" if args.sim_seed is not None else ""), flush=True)

    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    sock = short_path(work / "sim.sock")
    uri = f"sim:{sock}"
    log = work / "sim.log"
    sim = Sim(args.sim, sock, log, args.sim_seed)
    try:
        err = sim.wait_listening(120)
        if err:
            report("sim-start", False, err)
            return 1
        r = subprocess.run([args.e2e, "--uri", uri, "--seed", str(seed)], timeout=300)
        if r.returncode not in (0, 1):
            report("lib", False, f"e2e exited with {r.returncode}")
        check_cli(args.sgpu, uri)
        check_cli_autostart(args.sgpu, work)
    finally:
        status = sim.stop()
    report("sim-clean-exit", status == 0, f"sgpu-sim exited with {status}: {log_tail(log)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
