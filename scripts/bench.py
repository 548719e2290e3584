#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""sgpu benchmarks: run each measurement, write build/bench/results.json, print a table.

Timing is in device clock cycles (exact and repeatable); simulator speed is wall time and
is reported, never asserted by a test.
"""
import argparse
import json
import platform
import statistics
import subprocess
import sys
from pathlib import Path

# Targets from the issues: (dotted key, comparison, bound).
TARGETS = [
    ("cpu.cpi", "<=", 1.4),
    ("sim.cpu_cycles_per_s", ">=", 5_000_000),
    ("pcie.dma_read_bytes_per_cycle", ">=", 6.8),
    ("pcie.dma_write_bytes_per_cycle", ">=", 6.8),
]


def run_stats(runner, elf, runs):
    """Run an ELF on the bare CPU runner `runs` times; return its --stats (median speed)."""
    samples = []
    for _ in range(runs):
        r = subprocess.run([runner, "--stats", "--quiet", elf], capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit(f"bench: {elf} failed on {runner} (exit {r.returncode}):\n{r.stderr.strip()}")
        stats = {}
        for line in r.stderr.splitlines():
            key, sep, value = line.partition(": ")
            if sep:
                stats[key.strip()] = float(value)
        for key in ("cycles", "instret", "cycles_per_s"):
            if key not in stats:
                sys.exit(f"bench: {runner} --stats printed no '{key}' line")
        samples.append(stats)
    best = dict(samples[0])
    best["cycles_per_s"] = statistics.median(s["cycles_per_s"] for s in samples)
    return best


def run_link_bench(program, work):
    """Run sgpu-link-bench (it starts its own private sgpu-sim, socket in work); return its JSON."""
    Path(work).mkdir(parents=True, exist_ok=True)
    r = subprocess.run([program, "--work", str(work)], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"bench: {program} failed (exit {r.returncode}):\n{r.stderr.strip()}")
    try:
        return json.loads(r.stdout)
    except ValueError as e:
        sys.exit(f"bench: {program} printed no JSON ({e}):\n{r.stdout.strip()[:500]}")


def lookup(results, dotted):
    node = results
    for part in dotted.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runner", default="build/bin/sgpu-cpu-sim")
    ap.add_argument("--cpu-program", default="build/bench/cpu_mix.elf")
    ap.add_argument("--runs", type=int, default=3, help="runs per wall-time measurement")
    ap.add_argument("--link-bench", metavar="PROGRAM",
                    help="also measure the PCIe link with this sgpu-link-bench")
    ap.add_argument("--out", default="build/bench/results.json")
    args = ap.parse_args()

    print(f"bench: {args.cpu_program} on {args.runner} ({args.runs} runs)", flush=True)
    s = run_stats(args.runner, args.cpu_program, args.runs)
    results = {
        "cpu": {"program": Path(args.cpu_program).stem, "cycles": int(s["cycles"]),
                "instret": int(s["instret"]), "cpi": round(s["cycles"] / s["instret"], 4)},
        "sim": {"cpu_cycles_per_s": int(s["cycles_per_s"])},
        "machine": {"cpu": platform.processor() or platform.machine(), "python": platform.python_version()},
    }
    if args.link_bench:
        print(f"bench: {args.link_bench} (a private sgpu-sim)", flush=True)
        link = run_link_bench(args.link_bench, Path(args.out).parent)
        results["pcie"] = link["pcie"]
        for key in ("device_cycles_per_s", "device_clock_hz"):
            if key in link.get("sim", {}):
                results["sim"][key] = link["sim"][key]
    results["targets"] = {}
    print(f"\n{'metric':<32} {'value':>14} {'target':>14}  status")
    for key, op, bound in TARGETS:
        value = lookup(results, key)
        met = value is not None and (value <= bound if op == "<=" else value >= bound)
        results["targets"][key] = {"op": op, "bound": bound, "met": met}
        shown = "not run" if value is None else f"{value:,.4g}" if isinstance(value, float) else f"{value:,}"
        print(f"{key:<32} {shown:>14} {op + ' ' + f'{bound:,}':>14}  {'met' if met else 'MISSED'}")
    print(f"{'cpu.cycles':<32} {results['cpu']['cycles']:>14,}")
    print(f"{'cpu.instret':<32} {results['cpu']['instret']:>14,}")
    if "pcie" in results:
        rtt = results["pcie"]["mmio_rtt_us"]
        print(f"{'pcie.mmio_rtt_us':<32} {'median ' + format(rtt['median'], '.1f'):>14} {'p99 ' + format(rtt['p99'], '.1f'):>14}")
    if "device_cycles_per_s" in results["sim"]:
        print(f"{'sim.device_cycles_per_s':<32} {results['sim']['device_cycles_per_s']:>14,}")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwritten: {args.out}")


if __name__ == "__main__":
    main()
