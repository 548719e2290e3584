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
    ("cp.doorbell_to_exec_cycles.p50", "<=", 150),
    ("cp.doorbell_to_exec_cycles.p99", "<=", 150),
    ("cp.cmds_per_cycle", ">=", 0.25),
    ("copy.link_fraction", ">=", 0.85),
    ("compute.scaling_2_cores", ">=", 1.8),
    ("hwsched.suspend_cycles.copy.p99", "<=", 1000),
    ("hwsched.suspend_cycles.dispatch.p99", "<=", 1000),
    ("hwsched.suspend_cycles.wait.p99", "<=", 1000),
    ("hwsched.reset_to_resume_cycles.p99", "<=", 2000),
]
# COPY: bytes per cycle against the link's DMA bandwidth (copy.link_fraction); without a link
# measurement in the same run, the 256-byte-TLP ceiling of the 8-byte-per-cycle stream.
COPY_LINK_SHARE = 0.85
LINK_CEILING_BPC = 7.53


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


def run_cp_bench(program, work):
    """Run sgpu-cp-bench or sgpu-hwsched-bench --json (its own private sgpu-sim, socket in
    work); progress lines pass through to stderr. Returns (its JSON, None) or (None, why it
    failed)."""
    Path(work).mkdir(parents=True, exist_ok=True)
    r = subprocess.run([program, "--work", str(work), "--json"], stdout=subprocess.PIPE, text=True)
    if r.returncode != 0:
        return None, f"{program} failed (exit {r.returncode}; its messages are above)"
    try:
        return json.loads(r.stdout), None
    except ValueError as e:
        return None, f"{program} printed no JSON ({e}): {r.stdout.strip()[:300]}"


def copy_link_fraction(results):
    """copy.link_fraction: each COPY direction's bytes per cycle over the link's DMA bandwidth
    in the direction(s) it uses (host->VRAM: read, VRAM->host: write, host->host: the smaller);
    the smallest of the three; copy.link_reference records which link figures were used.
    Returns the bound for copy.bytes_per_cycle: COPY_LINK_SHARE of the slower link direction."""
    copy, pcie = results["copy"], results.get("pcie", {})
    if "dma_read_bytes_per_cycle" in pcie and "dma_write_bytes_per_cycle" in pcie:
        rd, wr = pcie["dma_read_bytes_per_cycle"], pcie["dma_write_bytes_per_cycle"]
        source = "pcie.dma_read_bytes_per_cycle / dma_write_bytes_per_cycle measured in this run"
    else:
        rd = wr = LINK_CEILING_BPC
        source = f"{LINK_CEILING_BPC} bytes per cycle, the 256-byte-TLP ceiling (no link bench in this run)"
    link = {"host_to_vram": rd, "vram_to_host": wr, "host_to_host": min(rd, wr)}
    fractions = {d: round(copy[d]["bytes_per_cycle"] / link[d], 4) for d in link if d in copy}
    for d, f in fractions.items():
        copy[d]["link_fraction"] = f
    copy["link_fraction"] = min(fractions.values())
    copy["link_reference"] = {"read_bytes_per_cycle": rd, "write_bytes_per_cycle": wr, "source": source}
    return round(COPY_LINK_SHARE * min(rd, wr), 4)


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
    ap.add_argument("--cp-bench", metavar="PROGRAM",
                    help="also measure the command processor, COPY and DISPATCH with this sgpu-cp-bench")
    ap.add_argument("--hwsched-bench", metavar="PROGRAM",
                    help="also measure suspend, engine reset and context switches with this sgpu-hwsched-bench")
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
    targets = list(TARGETS)
    cp_failed = None
    if args.cp_bench:
        print(f"bench: {args.cp_bench} (a private sgpu-sim)", flush=True)
        cpb, cp_failed = run_cp_bench(args.cp_bench, Path(args.out).parent)
        if cpb is None:
            print(f"bench: {cp_failed}", file=sys.stderr)
            results["cp_bench_error"] = cp_failed
        else:
            for key in ("cp", "copy", "compute"):
                results[key] = cpb[key]
            bound = copy_link_fraction(results)
            targets.insert(targets.index(("copy.link_fraction", ">=", 0.85)),
                           ("copy.bytes_per_cycle", ">=", bound))
    hw_failed = None
    if args.hwsched_bench:
        print(f"bench: {args.hwsched_bench} (a private sgpu-sim)", flush=True)
        hw, hw_failed = run_cp_bench(args.hwsched_bench, Path(args.out).parent)
        if hw is None:
            print(f"bench: {hw_failed}", file=sys.stderr)
            results["hwsched_bench_error"] = hw_failed
        else:
            results["hwsched"] = hw["hwsched"]
    results["targets"] = {}
    print(f"\n{'metric':<32} {'value':>14} {'target':>14}  status")
    for key, op, bound in targets:
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
    if "cp" in results:
        db = results["cp"]["doorbell_to_exec_cycles"]
        print(f"{'cp.doorbell raw p50 / p99':<32} {format(db['raw_p50'], ',') + ' / ' + format(db['raw_p99'], ','):>14}"
              f" {'dma read ' + format(db['dma_read_latency_cycles'], 'g'):>14}")
        for e in ("copy", "compute"):
            d = db[e]
            print(f"{'  ' + e + ' raw, net p50 / p99':<32} {format(d['raw_p50'], ',') + ' / ' + format(d['raw_p99'], ','):>14}"
                  f" {format(d['p50'], 'g') + ' / ' + format(d['p99'], 'g'):>14}")
        print(f"{'cp.nops_per_cycle':<32} {results['cp']['nops_per_cycle']:>14,.4g}")
    if "copy" in results:
        for d in ("host_to_vram", "vram_to_host", "host_to_host"):
            c = results["copy"][d]
            print(f"{'copy.' + d:<32} {c['bytes_per_cycle']:>14,.4g} {'of link ' + format(c['link_fraction'], '.3f'):>14}")
    if "compute" in results:
        comp = results["compute"]
        if "vadd" in comp:
            v = comp["vadd"]
            print(f"{'compute.vadd cycles (n ' + str(v['n']) + ')':<32} {'1 core ' + format(v['cycles_1_core'], ','):>14} {'2 cores ' + format(v['cycles_2_cores'], ','):>14}")
        else:
            print(f"{'compute':<32} missing: {comp.get('missing', '?')}")
    elif cp_failed:
        print(f"{'cp, copy, compute':<32} not run: {cp_failed}")
    if "hwsched" in results:
        hw = results["hwsched"]
        for kind, st in hw["suspend_cycles"].items():
            if isinstance(st, dict) and "p50" in st:
                print(f"{'hwsched.suspend ' + kind + ' p50 / max':<32} {format(st['p50'], ',') + ' / ' + format(st['max'], ','):>14}")
        for key in ("reset_to_resume_cycles", "ctx_switch_cycles"):
            st = hw[key]
            print(f"{'hwsched.' + key + ' p50 / p99':<32} {format(st['p50'], ',') + ' / ' + format(st['p99'], ','):>14}")
    elif hw_failed:
        print(f"{'hwsched':<32} not run: {hw_failed}")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwritten: {args.out}")
    if cp_failed or hw_failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
