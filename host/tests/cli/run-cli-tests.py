#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""run-cli-tests.py: the cli suite: `sgpu run`, `sgpu top`, `sgpu ctx` and `sgpu engine` against
a private sgpu-sim.
Prints `PASS cli/NAME` or `FAIL cli/NAME: why`.

The simulator listens on a socket under --work, never on the default socket. Workloads the
checks write go to --work too.
"""
import argparse
import hashlib
import json
import struct
import subprocess
import sys
import time
from pathlib import Path

MASK64 = (1 << 64) - 1

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from simproc import Sim, log_tail, reporter, short_path  # noqa: E402

report = reporter("cli")


def run(cmd, timeout=300, stdin=None):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, input=stdin)


def brief(r):
    return f"exit {r.returncode}; stdout: {r.stdout.strip()[-300:]!r}; stderr: {r.stderr.strip()[-300:]!r}"


def seq_bytes(start, step, nbytes):
    return b"".join(struct.pack("<I", (start + i * step) & 0xFFFFFFFF) for i in range(nbytes // 4))


def splitmix64_bytes(seed, nbytes):
    """The generator docs/cli.md documents for `random SEED`."""
    out, state = bytearray(), seed
    while len(out) < nbytes:
        state = (state + 0x9E3779B97F4A7C15) & MASK64
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        out += struct.pack("<Q", z ^ (z >> 31))
    return bytes(out[:nbytes])


class Checks:
    def __init__(self, sgpu, uri, work, examples):
        self.sgpu, self.uri, self.work, self.examples = sgpu, uri, Path(work), Path(examples)

    def sgpu_run(self, *args, **kw):
        return run([self.sgpu, "run", "--uri", self.uri, *args], **kw)

    def workload(self, name, text):
        p = self.work / name
        p.write_text(text)
        return p

    def examples_pass(self):
        files = sorted(self.examples.glob("*.sgpu"))
        report("examples-found", len(files) >= 2, f"{len(files)} workloads in {self.examples}")
        for w in files:
            r = self.sgpu_run("--json", str(w))
            try:
                j = json.loads(r.stdout)
                ok = (r.returncode == 0 and j["ok"] and j["checks"]["failed"] == 0
                      and j["checks"]["passed"] >= 1 and all(c["fence"] == c["fence_submitted"]
                                                             and not c["in_error"] for c in j["contexts"]))
                report(f"example-{w.stem}", ok, brief(r))
            except (ValueError, KeyError, TypeError) as e:
                report(f"example-{w.stem}", False, f"{e!r}: {brief(r)}")

    def json_summary(self):
        r = self.sgpu_run("--json", str(self.examples / "vadd.sgpu"))
        try:
            j = json.loads(r.stdout)
            ctx = {c["name"]: c for c in j["contexts"]}
            problems = []
            if set(ctx) != {"up", "cc"}:
                problems.append(f"contexts {sorted(ctx)}")
            else:
                if ctx["up"]["engine"] != "copy" or ctx["cc"]["engine"] != "compute":
                    problems.append("engines")
                if ctx["up"]["commands"] != 2 or ctx["cc"]["commands"] != 2:
                    problems.append(f"commands {ctx['up']['commands']}/{ctx['cc']['commands']}")
                if ctx["cc"]["busy_cycles"] <= 0 or ctx["cc"]["submissions"] != 1:
                    problems.append(f"cc {ctx['cc']}")
            if j.get("device_cycles", 0) <= 0:
                problems.append("no device_cycles")
            if "check c: OK" not in r.stderr:
                problems.append("human lines not on stderr")
            report("run-json", not problems and r.returncode == 0, "; ".join(problems) + " " + brief(r))
        except (ValueError, KeyError, TypeError) as e:
            report("run-json", False, f"{e!r}: {brief(r)}")

    def wrong_checksum_fails(self):
        w = self.workload("wrong-sum.sgpu", "context cp copy\n"
                          "buffer a host 4K seq 0 1\nbuffer v vram 4K\n"
                          "copy cp a v 4K\nsubmit cp\n"
                          "check v sha256 " + "0" * 64 + "\n")
        r = self.sgpu_run(str(w))
        report("wrong-checksum", r.returncode == 3 and f"{w}:6: check v: FAILED" in r.stdout, brief(r))
        w = self.workload("wrong-data.sgpu", "context cp copy\n"
                          "buffer a vram 64 fill 1\nbuffer b vram 64\ncopy cp a b 64\nsubmit cp\n"
                          "check b fill 2\n")
        r = self.sgpu_run(str(w))
        report("wrong-data", r.returncode == 3 and "16 of 64 bytes differ" in r.stdout
               and "word 0x00000001, expected 0x00000002" in r.stdout, brief(r))

    def bad_lines(self):
        cases = {
            "unknown.sgpu": ("context c copy\n\nfrobnicate c\n", 3, "unknown statement 'frobnicate'"),
            "noctx.sgpu": ("buffer a vram 64\nfill nope a 64 0\n", 2, "no context named 'nope'"),
            "align.sgpu": ("context c copy\nbuffer a vram 60\n", 2, "multiple of 8"),
            "range.sgpu": ("context c copy\nbuffer a vram 64\nfill c a+8 64 0\nsubmit c\n", 3,
                           "run past the end"),
            "unsubmitted.sgpu": ("context c copy\nbuffer a vram 64\nfill c a 64 0\n", 3,
                                 "never submitted"),
            "engine.sgpu": ("context c copy\nkernel k vadd.bin\nbuffer a vram 64\n"
                            "dispatch c k 1 1 1 1 a\n", 4, "copy context"),
        }
        why = []
        for name, (text, line, words) in cases.items():
            w = self.workload(name, text)
            r = self.sgpu_run(str(w))
            first = r.stderr.splitlines()[0] if r.stderr else ""
            if r.returncode != 2 or not first.startswith(f"{w}:{line}: ") or words not in first or r.stdout:
                why.append(f"{name}: {brief(r)}")
        r = run([self.sgpu, "run", "-e", "context c copy", "-e", "wait d"])
        if r.returncode != 2 or not r.stderr.startswith("-e:2: no context named 'd'"):
            why.append(f"-e: {brief(r)}")
        r = run([self.sgpu, "run", "--uri", self.uri, str(self.work / "missing.sgpu")])
        if r.returncode != 2 or "cannot open" not in r.stderr:
            why.append(f"missing file: {brief(r)}")
        report("bad-input-lines", not why, "; ".join(why))

    def check_only(self):
        # --check needs no device: a URI where nothing listens must not matter
        why = []
        for w in sorted(self.examples.glob("*.sgpu")):
            r = run([self.sgpu, "run", "--check", "--uri", f"sim:{self.work}/nothing.sock", str(w)])
            if r.returncode != 0 or ": ok" not in r.stdout:
                why.append(f"{w.name}: {brief(r)}")
        report("check-only", not why, "; ".join(why))

    def data_generators(self):
        """seq, random (splitmix64) and sha256 as the doc says, by `hash` and `dump`."""
        dump = self.work / "dump.bin"
        dump.unlink(missing_ok=True)
        r = self.sgpu_run("-e", "buffer s vram 1K seq 5 7", "-e", "buffer r host 1000 random 99",
                          "-e", "hash s", "-e", "hash r", "-e", f"dump r {dump}")
        s_hash = hashlib.sha256(seq_bytes(5, 7, 1024)).hexdigest()
        r_data = splitmix64_bytes(99, 1000)
        ok = (r.returncode == 0 and f"s sha256 {s_hash}" in r.stdout
              and f"r sha256 {hashlib.sha256(r_data).hexdigest()}" in r.stdout
              and dump.exists() and dump.read_bytes() == r_data)
        report("data-generators", ok, brief(r))

    def stdin_and_files(self):
        data = self.work / "input.bin"
        data.write_bytes(bytes(range(256)) * 4)
        text = (f"context cp copy\nbuffer f host 1K file {data.name}\nbuffer v vram 1K\n"
                "copy cp f v 1K\nsubmit cp\nwait cp\ncheck v file input.bin\ncheck v equals f\n")
        w = self.workload("files.sgpu", text)
        r = self.sgpu_run(str(w))
        ok = r.returncode == 0 and r.stdout.count(": OK") == 2
        r2 = self.sgpu_run("-", stdin=text.replace("input.bin", str(data)))
        ok2 = r2.returncode == 0 and "<stdin>:7: check v: OK" in r2.stdout
        report("files-and-stdin", ok and ok2, f"{brief(r)} / {brief(r2)}")

    def context_error(self, kernels):
        fault = Path(kernels) / "fault.bin"
        if not fault.exists():
            report("context-error", False, f"{fault} was not built (make kernels)")
            return
        r = self.sgpu_run("-e", "context cc compute", "-e", f"kernel k {fault.resolve()}",
                          "-e", "buffer a vram 64",
                          # struct fault_args { mode 4 (a load from addr), when 0, addr, out }
                          "-e", "dispatch cc k 1 1 1 1 4 0 0x10000000 a",
                          "-e", "submit cc", "-e", "wait cc", "-e", "print not reached")
        report("context-error", r.returncode == 1 and "-e:6: wait: context 'cc' is in error: KERNEL_BAD_ACCESS"
               in r.stderr and "not reached" not in r.stdout, brief(r))

    def help_texts(self):
        why = []
        for sub in ("run", "top", "ctx", "engine"):
            r = run([self.sgpu, sub, "--help"])
            if r.returncode != 0 or not r.stdout.startswith(f"usage: sgpu {sub}"):
                why.append(f"{sub} --help: {brief(r)}")
            r = run([self.sgpu, sub, "--bogus"])
            if r.returncode != 2 or "usage" not in r.stderr:
                why.append(f"{sub} --bogus: {brief(r)}")
        r = run([self.sgpu, "--help"])
        if r.returncode != 0 or any(f" {c} " not in r.stdout for c in ("run", "top", "ctx", "engine")):
            why.append(f"sgpu --help: {brief(r)}")
        r = run([self.sgpu, "run"])
        if r.returncode != 2:
            why.append(f"run without a file: {brief(r)}")
        for args in (["ctx"], ["ctx", "suspend"], ["ctx", "pause", "1"], ["ctx", "suspend", "x"],
                     ["engine", "status"], ["engine", "stop", "copy"], ["engine", "reset", "gpu"],
                     ["engine", "status", "copy", "--guilty", "1"]):
            r = run([self.sgpu, *args])
            if r.returncode != 2 or not r.stderr:
                why.append(f"{' '.join(args)}: {brief(r)}")
        report("help", not why, "; ".join(why))

    def top_once(self):
        r = run([self.sgpu, "top", "--uri", self.uri, "--once", "--json"])
        try:
            j = json.loads(r.stdout)
            names = sorted(e["name"] for e in j["engines"])
            ok = (r.returncode == 0 and not j["held_by_other_driver"] and names == ["compute", "copy"]
                  and all(e["running"] and e["responsive"] for e in j["engines"])
                  and j["firmware_state"] == "RUNNING" and j["contexts"]["max"] >= 2
                  and j["contexts"]["live"] == 0 and j["uptime_cycles"] > 0)
            report("top-once-json", ok, brief(r))
        except (ValueError, KeyError, TypeError) as e:
            report("top-once-json", False, f"{e!r}: {brief(r)}")
        r = run([self.sgpu, "top", "--uri", self.uri, "--count", "2", "--interval", "100"])
        ok = (r.returncode == 0 and r.stdout.count("sgpu top") == 2 and "copy" in r.stdout
              and "compute" in r.stdout and "device cycles/s" in r.stdout)
        report("top-text", ok, brief(r))

    def top_while_held(self):
        """While `sgpu run` holds the simulator, top reports it held instead of failing."""
        w = self.workload("long.sgpu", "context cp copy\nbuffer a vram 1M\nbuffer b vram 1M\n"
                          "repeat 16\n copy cp a b 1M\nend\nsubmit cp\nwait cp\n")
        runner = subprocess.Popen([self.sgpu, "run", "--quiet", "--uri", self.uri, str(w)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        seen, last = False, None
        try:
            end = time.monotonic() + 60
            while time.monotonic() < end and runner.poll() is None and not seen:
                last = run([self.sgpu, "top", "--uri", self.uri, "--once", "--json"])
                try:
                    seen = last.returncode == 0 and json.loads(last.stdout)["held_by_other_driver"]
                except (ValueError, KeyError):
                    pass
                time.sleep(0.05)
        finally:
            out, err = runner.communicate(timeout=300)
        report("top-while-held", seen and runner.returncode == 0,
               f"held seen {seen}, run exit {runner.returncode} {err.strip()[-200:]}; last top: "
               f"{brief(last) if last else 'none'}")

    def ctx_and_engine(self, hwsched):
        """`sgpu ctx` / `sgpu engine` from scripts: each run its own driver session, acting on
        contexts an earlier session left in the firmware."""
        def sgpu(*args):
            return run([self.sgpu, *args, "--uri", self.uri])

        def expect(name, r, code, text, stream="stdout"):
            out = r.stdout if stream == "stdout" else r.stderr
            report(name, r.returncode == code and text in out, f"wanted exit {code} and {text!r}: {brief(r)}")

        r = run([hwsched, "--uri", self.uri, "--leave", "2"])
        ids = r.stdout.split("left contexts:")[-1].split() if r.returncode == 0 else []
        if len(ids) != 2:
            report("ctx-setup", False, brief(r))
            return
        a, b = ids
        expect("ctx-suspend", sgpu("ctx", "suspend", a), 0, f"context {a} suspended")
        expect("ctx-suspend-again", sgpu("ctx", "suspend", a), 0, f"context {a} was already suspended")
        expect("ctx-resume", sgpu("ctx", "resume", a), 0, f"context {a} resumed")
        expect("ctx-suspend-unknown", sgpu("ctx", "suspend", "9"), 3, "context 9: no such context", "stderr")
        expect("ctx-resume-unknown", sgpu("ctx", "resume", "9"), 3, "no such context", "stderr")
        expect("ctx-suspend-out-of-range", sgpu("ctx", "suspend", "99"), 3, "does not exist", "stderr")
        r = sgpu("engine", "status", "copy", "--json")
        try:
            j = json.loads(r.stdout)
            ok = (r.returncode == 0 and j["name"] == "copy" and j["running"] and j["responsive"]
                  and j["dependent_engines"] == 1 and j["compute_preemption"] != "UNKNOWN")
        except (ValueError, KeyError) as e:
            ok = False
            r = f"{e!r}: {brief(r)}"
        report("engine-status-json", ok, r if isinstance(r, str) else brief(r))
        r = sgpu("engine", "reset", "copy", "--guilty", b)
        report("engine-reset-guilty", r.returncode == 0 and f"context {b} invalidated: guilty" in r.stdout
               and f"context {a} " not in r.stdout and "1 context invalidated" in r.stdout, brief(r))
        expect("engine-status-reset", sgpu("engine", "status", "copy"), 0, "reset (not resumed), not responsive")
        expect("engine-reset-twice", sgpu("engine", "reset", "copy"), 3, "already reset", "stderr")
        expect("ctx-resume-invalidated", sgpu("ctx", "resume", b), 3, "in error", "stderr")
        expect("engine-resume", sgpu("engine", "resume", "copy"), 0, "copy engine 0 resumed")
        expect("engine-resume-not-reset", sgpu("engine", "resume", "copy"), 3, "was not reset", "stderr")
        expect("engine-reset-unknown", sgpu("engine", "reset", "5"), 3, "does not exist", "stderr")
        expect("engine-status-compute", sgpu("engine", "status", "compute"), 0, "compute (node 1 engine 0): running, responsive")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sim", required=True)
    ap.add_argument("--sgpu", required=True)
    ap.add_argument("--examples", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--kernels", default=None, help="built kernels (default: next to --sgpu, ../kernels)")
    ap.add_argument("--hwsched", default=None, help="the hwsched system test program (its --leave "
                    "makes contexts that outlive a session; default: build/host/tests/hwsched)")
    args = ap.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    kernels = args.kernels or str(Path(args.sgpu).resolve().parent.parent / "kernels")

    c = Checks(args.sgpu, "", work, args.examples)
    c.help_texts()
    c.check_only()

    sock = short_path(work / "sim.sock")
    log = work / "sim.log"
    sim = Sim(args.sim, sock, log)
    err = sim.wait_listening(120)
    try:
        if err:
            report("sim-start", False, err)
            return 1
        c.uri = f"sim:{sock}"
        c.examples_pass()
        c.json_summary()
        c.wrong_checksum_fails()
        c.bad_lines()
        c.data_generators()
        c.stdin_and_files()
        c.context_error(kernels)
        c.top_once()
        c.top_while_held()
        c.ctx_and_engine(args.hwsched or str(Path(args.sgpu).resolve().parent.parent / "host/tests/hwsched"))
    finally:
        status = sim.stop()
    report("sim-clean-exit", status == 0, f"sgpu-sim exited with {status}: {log_tail(log)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
