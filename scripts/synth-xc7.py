#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Synthesize one unit for Artix-7 with yosys (synth_xilinx) and merge its resource counts
into build/synth/report.json under "artix7". There is no open place-and-route for 7-series
in Debian, so there is no Fmax here: the vendor flow places and routes the board build."""
import argparse
import json
import subprocess
import sys
from pathlib import Path

# Cell types counted as each resource.
LUTS = ("LUT1", "LUT2", "LUT3", "LUT4", "LUT5", "LUT6")
FFS = ("FDRE", "FDSE", "FDCE", "FDPE")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--unit", required=True)
    ap.add_argument("--top", required=True)
    ap.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                    help="override a parameter of the top (repeatable)")
    ap.add_argument("--out", default="build/synth")
    ap.add_argument("sources", nargs="+")
    args = ap.parse_args()

    out = Path(args.out) / args.unit
    out.mkdir(parents=True, exist_ok=True)
    chparam = "".join(f" -set {p.split('=', 1)[0]} {p.split('=', 1)[1]}" for p in args.param)
    script = (f"read_verilog -Irtl/include {' '.join(args.sources)}; "
              + (f"chparam{chparam} {args.top}; " if chparam else "")
              + f"synth_xilinx -family xc7 -top {args.top}; "
              # Flattened, the counts are the design's totals (and yosys 0.23's JSON stat
              # of a hierarchy is not valid JSON).
              + f"flatten; tee -q -o {out}/stat.json stat -json")
    print(f"synth: {args.unit}: yosys synth_xilinx -family xc7 (log: {out}/yosys.log)", flush=True)
    r = subprocess.run(["yosys", "-q", "-l", str(out / "yosys.log"), "-p", script],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        sys.exit(f"synth: {args.unit}: yosys failed:\n{r.stderr.strip()}")

    stat = json.loads((out / "stat.json").read_text())
    cells = stat["modules"][f"\\{args.top}"]["num_cells_by_type"]
    count = lambda names: sum(cells.get(n, 0) for n in names)
    unit = {"top": args.top, "family": "xc7", "params": dict(p.split("=", 1) for p in args.param),
            "lut": count(LUTS), "ff": count(FFS), "carry4": cells.get("CARRY4", 0),
            "bram36": cells.get("RAMB36E1", 0), "bram18": cells.get("RAMB18E1", 0),
            "dsp": cells.get("DSP48E1", 0), "fmax_mhz": None}

    path = Path(args.out) / "report.json"
    report = json.loads(path.read_text()) if path.exists() else {}
    report.setdefault("artix7", {})[args.unit] = unit
    report.setdefault("tools", {})["yosys"] = subprocess.run(
        ["yosys", "-V"], capture_output=True, text=True).stdout.strip()
    path.write_text(json.dumps(report, indent=2) + "\n")
    print(f"{'unit (xc7)':<12} {'LUT':>7} {'FF':>7} {'BRAM36':>7} {'BRAM18':>7} {'DSP':>5}")
    for name, u in sorted(report["artix7"].items()):
        print(f"{name:<12} {u['lut']:>7} {u['ff']:>7} {u['bram36']:>7} {u['bram18']:>7} {u['dsp']:>5}")
    print(f"written: {path}")


if __name__ == "__main__":
    main()
