"""One writer per study file: the lock that the app and every writing command hold.

Two fieldwork windows on one study would each save what they last read over the other's
edits, and a command that replaces or re-keys the file under an open app would leave that
app saving into a file nobody opens again. So whoever writes — the app from unlock to
close, and ``restore``, ``passphrase``, ``merge --into`` and ``demo`` for as long as they
run — holds an exclusive operating-system lock on ``<study>.lock`` beside the study.
Read-only commands (``info``, ``export``, ``backup``) do not take it: SQLite lets them
read while the app writes.

The lock is the operating system's (``flock`` on POSIX, ``LockFileEx`` on Windows, through
the ``filelock`` library): it is released when its process ends, however it ends, so a
lock left by a crash is simply taken over by the next opener. Within one process the lock
is shared (the app's own tasks open the study again while the window holds it). Who holds
it is written to ``<study>.lock-owner`` so that the refusal can say so; that note is
information only, never the lock itself. Qt-free.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import filelock

from fieldwork.storage.database import StorageError


class StudyInUse(StorageError):
    """Another fieldwork window or command is writing to this study."""


def lock_path(study_path: Path | str) -> Path:
    study_path = Path(study_path)
    return study_path.with_name(f"{study_path.name}.lock")


def _owner_path(study_path: Path) -> Path:
    return study_path.with_name(f"{study_path.name}.lock-owner")


def _describe_owner(study_path: Path) -> str:
    try:
        owner = json.loads(_owner_path(study_path).read_text(encoding="utf-8"))
        since = datetime.fromisoformat(owner["since"]).strftime("%d %b %H:%M")
        return f" ({owner['what']}, process {owner['pid']} on {owner['host']}, since {since})"
    except (OSError, ValueError, KeyError, TypeError):
        return ""


class StudyLock:
    """The exclusive writer lock of one study file, for this process."""

    def __init__(self, study_path: Path | str, what: str) -> None:
        self.study_path = Path(study_path).absolute()
        self.what = what
        # is_singleton: every StudyLock of this process on this file shares one lock and
        # its count, so the app's own second connection does not lock itself out.
        self._lock = filelock.FileLock(
            lock_path(self.study_path), mode=0o600, is_singleton=True, thread_local=False
        )
        self._held = False
        self._created_file = False

    @property
    def held(self) -> bool:
        return self._held

    def acquire(self, timeout: float = 0) -> None:
        """Take the lock, waiting up to ``timeout`` seconds; ``StudyInUse`` if it is held elsewhere."""
        if self._held:
            return
        if not self.study_path.parent.is_dir():
            raise StorageError(f"The folder {self.study_path.parent} does not exist.")
        first = not self._lock.is_locked
        self._created_file = first and not lock_path(self.study_path).exists()
        try:
            self._lock.acquire(timeout=timeout)
        except filelock.Timeout:
            raise StudyInUse(
                f"{self.study_path} is open in another fieldwork window or command"
                f"{_describe_owner(self.study_path)}. Close it there first; nothing was changed."
            ) from None
        except OSError as error:
            raise StorageError(
                f"{self.study_path} cannot be locked for writing: {error.strerror or error}."
            ) from None
        self._held = True
        if first:
            self._write_owner()

    def _write_owner(self) -> None:
        note = {
            "what": self.what,
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": datetime.now().astimezone().isoformat(timespec="seconds"),
        }
        path = _owner_path(self.study_path)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                json.dump(note, handle)
        except OSError:
            pass  # the note only makes the refusal friendlier; the lock is what protects

    def release(self) -> None:
        if not self._held:
            return
        self._held = False
        self._lock.release()
        if not self._lock.is_locked:
            _owner_path(self.study_path).unlink(missing_ok=True)

    def discard(self) -> None:
        """Let go after a failed open: a lock file this attempt made beside a file that
        turned out not to be a study is removed, so refusing a file leaves nothing behind."""
        created = self._created_file
        self.release()
        if created and not self._lock.is_locked:
            lock_path(self.study_path).unlink(missing_ok=True)

    def __enter__(self) -> StudyLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


@contextmanager
def writing(study_path: Path | str, what: str, timeout: float = 0) -> Iterator[StudyLock]:
    """Hold the study's writer lock for the ``with`` block (a command that writes)."""
    lock = StudyLock(study_path, what)
    lock.acquire(timeout)
    try:
        yield lock
    finally:
        lock.release()
