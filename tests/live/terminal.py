"""Run a `roster` command as a person at a terminal would: stderr on a pseudo-terminal (so progress
shows), its own process group (so Ctrl-C reaches its workers too, as a terminal sends it)."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class Terminal:
    """One `roster` command running; stderr collected as it comes."""

    def __init__(self, *args: str) -> None:
        master, slave = pty.openpty()
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from roster.cli.main import main; main()", *args],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave, env=env, start_new_session=True,
        )
        os.close(slave)
        self._master = master
        self.stderr = ""
        self.workers: set[int] = set()
        """Every child process seen while waiting."""

    def _read(self, seconds: float) -> None:
        ready, _, _ = select.select([self._master], [], [], seconds)
        if ready:
            try:
                chunk = os.read(self._master, 65536)
            except OSError:  # the command has ended and closed the terminal
                chunk = b""
            self.stderr += chunk.decode(errors="replace")
        self.workers |= children(self.process.pid)

    def wait_for(self, text: str, timeout: float = 60.0) -> None:
        """Until text shows on stderr; AssertionError if the command ends or the time runs out first."""
        deadline = time.monotonic() + timeout
        while text not in self.stderr:
            assert self.process.poll() is None, f"ended ({self.process.returncode}) before {text!r}:\n{self.stderr}"
            assert time.monotonic() < deadline, f"no {text!r} within {timeout} s:\n{self.stderr}"
            self._read(0.05)

    def wait_for_workers(self, timeout: float = 30.0) -> set[int]:
        """Until the command has child processes; returns them."""
        deadline = time.monotonic() + timeout
        while not children(self.process.pid):
            assert self.process.poll() is None, f"ended ({self.process.returncode}) with no workers:\n{self.stderr}"
            assert time.monotonic() < deadline, f"no workers within {timeout} s:\n{self.stderr}"
            self._read(0.05)
        self._read(0)
        return children(self.process.pid)

    def ctrl_c(self) -> None:
        """SIGINT to the whole process group, as a terminal sends it."""
        os.killpg(self.process.pid, signal.SIGINT)

    def finish(self, timeout: float = 30.0) -> int:
        """Wait for the command to end; its exit code."""
        deadline = time.monotonic() + timeout
        while self.process.poll() is None:
            assert time.monotonic() < deadline, f"still running {timeout} s on:\n{self.stderr}"
            self._read(0.05)
        self._read(0.05)
        os.close(self._master)
        self.process.stdout.close()
        return self.process.returncode

    def lines(self) -> list[str]:
        """stderr's lines, progress rewritten in place counting as one line each."""
        text = self.stderr.replace("\x1b[K", "").replace("\r\n", "\n")
        return [line for part in text.split("\n") for line in part.split("\r") if line.strip()]


def children(pid: int) -> set[int]:
    """The live child processes of pid (parent ids from /proc/*/stat)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def running(pid: int) -> bool:
    """pid is a process that has not ended (a zombie has ended; it waits only to be reaped)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"
