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
    ap.add_argument("--max-lc", type=int, help="target: at most this many logic cells")
    ap.add_argument("--min-fmax", type=float, help="target: at least this Fmax in MHz")
    args = ap.parse_args()

    pnr = json.loads(Path(args.pnr).read_text())
    use = pnr["utilization"]
    clocks = pnr.get("fmax", {})
    fmax = min((c["achieved"] for c in clocks.values()), default=0.0)
    unit = {"lc": use["ICESTORM_LC"]["used"], "bram": use["ICESTORM_RAM"]["used"],
            "fmax_mhz": round(fmax, 2), "top": args.top, "device": "iCE40HX8K-CT256",
            "lc_available": use["ICESTORM_LC"]["available"],
            "bram_available": use["ICESTORM_RAM"]["available"], "seed": args.seed}
    if args.max_lc is not None or args.min_fmax is not None:
        unit["targets"] = {"max_lc": args.max_lc, "min_fmax_mhz": args.min_fmax,
                           "met": (args.max_lc is None or unit["lc"] <= args.max_lc) and
                                  (args.min_fmax is None or unit["fmax_mhz"] >= args.min_fmax)}

    path = Path(args.report)
    report = json.loads(path.read_text()) if path.exists() else {}
    report.setdefault("units", {})[args.unit] = unit
    report["tools"] = {"yosys": tool_version(["yosys", "-V"]),
                       "nextpnr-ice40": tool_version(["nextpnr-ice40", "--version"])}
    path.write_text(json.dumps(report, indent=2) + "\n")

    print(f"{'unit':<8} {'logic cells':>14} {'block RAM':>10} {'Fmax MHz':>9}  target")
    for name, u in sorted(report["units"].items()):
        t = u.get("targets")
        verdict = "" if not t else (f"<= {t['max_lc']} LC, >= {t['min_fmax_mhz']} MHz: "
                                    + ("met" if t["met"] else "MISSED"))
        print(f"{name:<8} {u['lc']:>6} / {u['lc_available']:<5} {u['bram']:>4} / {u['bram_available']:<3}"
              f" {u['fmax_mhz']:>9.2f}  {verdict}")
    print(f"written: {path}")


if __name__ == "__main__":
    main()
