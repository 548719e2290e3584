# SPDX-License-Identifier: Apache-2.0
"""What the suites that drive a private sgpu-sim share (run-e2e.py, run-system.py,
run-cli-tests.py): verdict lines, socket paths, the simulator's process and log."""
import os
import signal
import subprocess
import time
from pathlib import Path

SOCKET_MAX = 107   # sun_path, less its terminating NUL


def reporter(suite):
    """A report(name, ok, why) that prints `PASS suite/name` or `FAIL suite/name: why`."""
    def report(name, ok, why=""):
        print(f"PASS {suite}/{name}" if ok else f"FAIL {suite}/{name}: {why}", flush=True)
        return ok
    return report


def short_path(p):
    """A socket path short enough for sun_path: absolute if it fits, else relative."""
    a = str(Path(p).resolve())
    return a if len(a) <= SOCKET_MAX else os.path.relpath(a)


def log_tail(log, n=5):
    try:
        lines = Path(log).read_text(errors="replace").splitlines()
    except OSError:
        return ""
    return " | ".join(lines[-n:])


class Sim:
    """sgpu-sim in a session of its own (so a signal to the suite does not reach it
    twice), listening on `socket`, its output in `log`."""

    def __init__(self, binary, socket, log, seed=None, extra=()):
        self.log = log
        self.out = open(log, "w")
        cmd = [binary, "--socket", socket] + (["--seed", str(seed)] if seed is not None else [])
        self.proc = subprocess.Popen(cmd + list(extra), stdin=subprocess.DEVNULL,
                                     stdout=self.out, stderr=subprocess.STDOUT,
                                     start_new_session=True)

    def wait_listening(self, timeout):
        """None once it listens, else why not."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if "listening" in Path(self.log).read_text(errors="replace"):
                return None
            if self.proc.poll() is not None:
                return f"sgpu-sim exited with {self.proc.returncode}: {log_tail(self.log)}"
            time.sleep(0.05)
        return f"sgpu-sim did not say 'listening' in {timeout} s: {log_tail(self.log)}"

    def stop(self):
        """SIGTERM (SIGKILL after 10 s); its exit status."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.out.close()
        return self.proc.returncode
