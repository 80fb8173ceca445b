"""A child process of the crash harness, heard line by line until it is killed with SIGKILL.

Every line the child writes is read by one reader thread per pipe, started with the
child and kept to its end. (The harness once read 'READY' with ``readline()`` on the
buffered stream and the rest with ``communicate()``, which reads the raw descriptor:
whatever the buffer already held after READY — the first edits' INTENT and ACK lines
under load — was silently lost, a false failure and a blind spot for a real loss.)
``CRASH_KILLS`` raises the number of kills of every crash test (``kills()``).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = int(os.environ.get("CRASH_SEED", "20261126"))
NO_LINE_FOR = 300  # seconds without the awaited line: the child is stuck, not slow


def kills(default: int) -> int:
    """How many kills a crash test makes: its default, or more with CRASH_KILLS=<n>."""
    return max(default, int(os.environ.get("CRASH_KILLS", "0")))


class KilledWorker:
    """``python -m <module> <arguments>`` from the repository root, heard until it ends."""

    def __init__(self, module: str, *arguments: str, env: dict[str, str] | None = None) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", module, *arguments], cwd=ROOT, text=True, bufsize=1,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env={**os.environ, **(env or {})},
        )
        self.lines: list[str] = []
        self._errors: list[str] = []
        self._heard = threading.Condition()
        self._readers = [
            threading.Thread(target=self._read, args=(self.process.stdout, self.lines), daemon=True),
            threading.Thread(target=self._read, args=(self.process.stderr, self._errors), daemon=True),
        ]
        for reader in self._readers:
            reader.start()

    def _read(self, stream, into: list[str]) -> None:
        for line in stream:
            with self._heard:
                into.append(line.rstrip("\n"))
                self._heard.notify_all()
        with self._heard:
            self._heard.notify_all()

    @property
    def errors(self) -> str:
        return "\n".join(self._errors)

    def wait_for(self, prefix: str) -> str:
        """Block until the child writes a line starting with ``prefix``; fail if it ends first."""
        def found() -> str | None:
            return next((line for line in self.lines if line.startswith(prefix)), None)

        with self._heard:
            ok = self._heard.wait_for(
                lambda: found() is not None or not self._readers[0].is_alive(), timeout=NO_LINE_FOR)
            line = found()
        assert line is not None, (f"the worker never wrote '{prefix}' (timed out: {not ok}); "
                                  f"it wrote {self.lines[-5:]}, stderr: {self.errors[-2000:]}")
        return line

    def kill(self) -> int:
        """SIGKILL (if still running), then wait until every line it wrote has been read."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        code = self.process.wait()
        for reader in self._readers:
            reader.join()
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()
        return code

    def finish(self) -> int:
        """Let the child run to its end and hear all of it."""
        code = self.process.wait(timeout=NO_LINE_FOR)
        self.kill()  # only waits for the readers: the child has ended
        return code


def acknowledged(lines: list[str]) -> tuple[list[dict], dict | None]:
    """The ACK'd edits, and the INTENT a kill may have cut off after its commit (or None)."""
    acks: list[dict] = []
    pending: dict | None = None
    for line in lines:
        word, _, body = line.partition(" ")
        if word == "INTENT":
            pending = json.loads(body)
        elif word == "ACK" and body.startswith("{"):
            fields = json.loads(body)
            acks.append(fields)
            if pending == fields:
                pending = None
    return acks, pending
