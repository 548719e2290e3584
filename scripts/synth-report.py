#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Merge one unit's nextpnr report into build/synth/report.json and print a table."""
import argparse
import json
import subprocess
from pathlib import Path


def tool_version(cmd):
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        return (r.stdout or r.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return "unknown"


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--unit", required=True)
    ap.add_argument("--top", required=True)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--pnr", required=True, help="nextpnr --report JSON")
    ap.add_argument("--report", required=True, help="report.json to update")
    args = ap.parse_args()

    pnr = json.loads(Path(args.pnr).read_text())
    use = pnr["utilization"]
    clocks = pnr.get("fmax", {})
    fmax = min((c["achieved"] for c in clocks.values()), default=0.0)
    unit = {"lc": use["ICESTORM_LC"]["used"], "bram": use["ICESTORM_RAM"]["used"],
            "fmax_mhz": round(fmax, 2), "top": args.top, "device": "iCE40HX8K-CT256",
            "lc_available": use["ICESTORM_LC"]["available"],
            "bram_available": use["ICESTORM_RAM"]["available"], "seed": args.seed}

    path = Path(args.report)
    report = json.loads(path.read_text()) if path.exists() else {}
    report.setdefault("units", {})[args.unit] = unit
    report["tools"] = {"yosys": tool_version(["yosys", "-V"]),
                       "nextpnr-ice40": tool_version(["nextpnr-ice40", "--version"])}
    path.write_text(json.dumps(report, indent=2) + "\n")

    print(f"{'unit':<8} {'logic cells':>14} {'block RAM':>10} {'Fmax MHz':>9}")
    for name, u in sorted(report["units"].items()):
        print(f"{name:<8} {u['lc']:>6} / {u['lc_available']:<5} {u['bram']:>4} / {u['bram_available']:<3}"
              f" {u['fmax_mhz']:>9.2f}")
    print(f"written: {path}")


if __name__ == "__main__":
    main()
