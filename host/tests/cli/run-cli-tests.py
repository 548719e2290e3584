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

    def top_json(self, *extra):
        r = run([self.sgpu, "top", "--uri", self.uri, "--json", *extra])
        docs, dec, text = [], json.JSONDecoder(), r.stdout.strip()
        while text:
            d, end = dec.raw_decode(text)
            docs.append(d)
            text = text[end:].strip()
        return r, docs

    def top_once(self):
        """An idle simulator: both engines, no live context, and nothing moves between two
        samples (an observer does not make the clock run, but for its own reads)."""
        try:
            r, docs = self.top_json("--count", "2", "--interval", "100")
            j, k = docs
            names = sorted(e["name"] for e in j["engines"])
            ok = (r.returncode == 0 and j["observer"] and j["stats"] and names == ["compute", "copy"]
                  and all(e["running"] and "context" not in e for e in j["engines"])
                  and j["firmware_state"] == "RUNNING" and j["contexts"]["max"] >= 2
                  and j["contexts"]["live"] == 0 and j["uptime_cycles"] > 0
                  and [e["busy_cycles"] for e in k["engines"]] == [e["busy_cycles"] for e in j["engines"]]
                  and all(e["busy_pct"] == 0 for e in k["engines"]))
            report("top-idle-json", ok, brief(r))
        except (ValueError, KeyError, TypeError) as e:
            report("top-idle-json", False, f"{e!r}")
        r = run([self.sgpu, "top", "--uri", self.uri, "--count", "2", "--interval", "100"])
        ok = (r.returncode == 0 and r.stdout.count("sgpu top") == 2 and "copy" in r.stdout
              and "compute" in r.stdout and "(observer)" in r.stdout and "busy%" in r.stdout)
        report("top-text", ok, brief(r))

    def top_while_held(self):
        """While `sgpu run` holds the simulator, top (an observer) sees its contexts: two that
        finished (commands exactly what they submitted: their statements plus the three each
        submit adds) and a third still copying."""
        w = self.workload("top-load.sgpu",
                          "context a copy\ncontext b copy\ncontext c copy\n"
                          "buffer h host 64K seq 0 1\nbuffer v vram 64K\n"
                          "buffer big vram 512K\nbuffer big2 vram 512K\n"
                          "repeat 5\n copy a h v 64K\nend\nsubmit a\n"
                          "repeat 3\n fill b v 4K 7\nend\nsubmit b\nfill b v 8K 9\nfill b v 8K 10\nsubmit b\n"
                          "wait all\n"
                          "repeat 64\n copy c big big2 512K\nend\nsubmit c\nwait c\n")
        runner = subprocess.Popen([self.sgpu, "run", "--json", "--uri", self.uri, str(w)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        seen = None
        samples = 0
        try:
            end = time.monotonic() + 120
            while time.monotonic() < end and runner.poll() is None:
                r, docs = self.top_json("--once")
                samples += 1
                if r.returncode != 0 or not docs:
                    continue
                live = docs[0]["contexts"]["list"]
                busy = [c for c in live if c["state"] in ("running", "ready") and c["busy_cycles"] > 0]
                if len(live) == 3 and busy:
                    seen = docs[0]
                time.sleep(0.05)
        finally:
            out, err = runner.communicate(timeout=300)
        why = []
        try:
            ran = {c["name"]: c for c in json.loads(out)["contexts"]}
            if runner.returncode != 0:
                why.append(f"run exit {runner.returncode}: {err.strip()[-200:]}")
            elif seen is None:
                why.append(f"no sample (of {samples}) showed the three contexts with one copying")
            else:
                rec = {c["id"]: c for c in seen["contexts"]["list"]}
                for name, stmts, subs in (("a", 5, 1), ("b", 5, 2)):
                    c = rec.get(ran[name]["id"])
                    # each submit brackets its commands with two TIMESTAMPs and appends the
                    # progress FENCE (docs/cli.md, busy cycles): 3 engine commands of its own
                    want = stmts + 3 * subs
                    if (not c or c["commands"] != want or c["busy_cycles"] <= 0 or c["state"] != "idle"
                            or not 1 <= c["submissions"] <= subs or c["engine"] != "copy"):
                        why.append(f"{name}: {c} (wanted {want} commands)")
                c = rec.get(ran["c"]["id"])
                if not c or c["busy_cycles"] <= 0:
                    why.append(f"c: {c}")
                eng = {e["name"]: e for e in seen["engines"]}
                if eng["copy"].get("context") != ran["c"]["id"] or eng["copy"]["busy_cycles"] <= 0:
                    why.append(f"copy engine: {eng['copy']}")
        except (ValueError, KeyError, TypeError) as e:
            why.append(f"{e!r}: run stdout {out.strip()[-300:]!r}")
        report("top-while-held", not why, "; ".join(why))
        # Once the workload is gone its contexts are destroyed: their records are cleared.
        r, docs = self.top_json("--once")
        report("top-after-run", r.returncode == 0 and docs and docs[0]["contexts"]["live"] == 0,
               brief(r))

    def observer_write_refused(self):
        """sgpu-sim refuses an observer's BAR0 write (EREADONLY) and does not do it."""
        import socket
        fmt = "<IIQQQQ"  # struct sgpu_wire_msg
        OBSERVE, MMIO_READ, MMIO_WRITE, OK, EREADONLY = 7, 2, 3, 0, 8
        scratch = 0x00C  # ID.SCRATCH: read-write for a driver
        why = []
        try:
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.settimeout(10)
            s.connect(self.uri[len("sim:"):])

            def tx(kind, seq, addr=0, value=0, arg=0):
                s.sendall(struct.pack(fmt, kind, 0, seq, addr, value, arg))
                b = b""
                while len(b) < struct.calcsize(fmt):
                    b += s.recv(struct.calcsize(fmt) - len(b))
                return struct.unpack(fmt, b)

            m = tx(OBSERVE, 1, value=1)
            if m[:3] != (OBSERVE, OK, 1):
                why.append(f"OBSERVE answered {m}")
            before = tx(MMIO_READ, 2, scratch)
            m = tx(MMIO_WRITE, 3, scratch, (~before[4]) & 0xFFFFFFFF, 0xF)
            if m[:3] != (MMIO_WRITE, EREADONLY, 3):
                why.append(f"write answered {m}")
            after = tx(MMIO_READ, 4, scratch)
            if after[1] != OK or after[4] != before[4]:
                why.append(f"SCRATCH 0x{before[4]:x} became 0x{after[4]:x}")
            s.close()
        except OSError as e:
            why.append(repr(e))
        report("observer-write-refused", not why, "; ".join(why))

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
        c.observer_write_refused()
        c.ctx_and_engine(args.hwsched or str(Path(args.sgpu).resolve().parent.parent / "host/tests/hwsched"))
    finally:
        status = sim.stop()
    report("sim-clean-exit", status == 0, f"sgpu-sim exited with {status}: {log_tail(log)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
