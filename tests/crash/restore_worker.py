"""Child process of the crash harness: one restore or one passphrase change, killed on purpose.

Usage: python -m tests.crash.restore_worker restore DB BACKUP STOP
       python -m tests.crash.restore_worker passphrase DB OLD NEW STOP
       python -m tests.crash.restore_worker backup DB after:copy
Runs the real command (``fieldwork restore --from BACKUP`` / ``fieldwork passphrase``,
writer lock, audit line and all) and prints 'ACK done <seconds since READY>' when it
returned. STOP aims the
kill: 'none' runs straight through (the parent kills after a random delay);
'before:<step>' / 'after:<step>' stop just before or after that step of the restore
(``fieldwork.storage.restore``) or of the passphrase change; 'mid:copy' stops half-way
through copying the backup; 'inside:check' with the copy open in SQLite; 'inside:fold'
with the study's log recovered but not yet folded in; 'open:backup' when the backup is
opened the second time (the first is its check), to copy it — a stop that means the same
in any version of the restore. 'backup ... after:copy' stops a backup once the study has
been copied into its partial file, before that is renamed. At a stop it prints
'AT <STOP>' and waits for the kill.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlcipher3

from fieldwork.storage import database
from fieldwork.storage.study_store import StudyStore
from fieldwork.study_commands import run_passphrase, run_restore
from tests.conftest import PASSPHRASE

RESTORE_STEPS = ("clear_leftovers", "_copy_beside", "_check_copy", "_fold_log_into_study",
                 "_keep_replaced", "_put_in_place")
RESTORE_STOPS = (*(f"{when}:{step}" for step in RESTORE_STEPS for when in ("before", "after")),
                 "mid:copy", "inside:check", "inside:fold")
PASSPHRASE_STOPS = ("after:open", "before:rekey", "after:change_passphrase")


def halt(stop: str) -> None:
    """Say where we are and wait for the SIGKILL (stdin never gets a line)."""
    print(f"AT {stop}", flush=True)
    sys.stdin.readline()
    os._exit(3)  # the parent closed stdin without killing: never carry on by mistake


def around(owner: Any, name: str, before: Callable[..., None] | None = None,
           after: Callable[..., None] | None = None) -> None:
    original = getattr(owner, name)

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if before:
            before(*args)
        result = original(*args, **kwargs)
        if after:
            after(*args)
        return result

    setattr(owner, name, wrapped)


class _HaltingReader:
    """The backup's file, which stops the worker after its first block has been copied."""

    def __init__(self, handle: Any, stop: str) -> None:
        self.handle, self.stop, self.blocks = handle, stop, 0

    def read(self, size: int = -1) -> bytes:
        if self.blocks == 1:
            halt(self.stop)
        self.blocks += 1
        return self.handle.read(size)

    def __enter__(self) -> _HaltingReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()


class _HaltingConnection:
    """A connection that stops the worker before the checkpoint (log recovered, not folded)."""

    def __init__(self, connection: Any, stop: str) -> None:
        self.connection, self.stop = connection, stop

    def execute(self, sql: str, *args: Any) -> Any:
        if "wal_checkpoint" in sql:
            halt(self.stop)
        return self.connection.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.connection, name)


def aim_restore(stop: str, backup: Path) -> None:
    when, _, step = stop.partition(":")
    if when in ("before", "after"):
        from fieldwork.storage import restore  # here: 'open:backup' also aims at older restores

        around(restore, step, **{when: lambda *args: halt(stop)})
    elif stop == "mid:copy":
        from fieldwork.storage import restore

        restore._CHUNK = 4096  # many blocks, so 'half-way' is really inside the copy
        opened = Path.open

        def open_backup(self: Path, *args: Any, **kwargs: Any) -> Any:
            handle = opened(self, *args, **kwargs)
            return _HaltingReader(handle, stop) if self == backup else handle

        Path.open = open_backup  # type: ignore[method-assign]
    elif stop == "inside:check":
        def opened_copy(path: Path, *args: Any, **kwargs: Any) -> None:
            if Path(path).name.endswith(".restoring"):
                halt(stop)
        around(database, "open_encrypted", after=opened_copy)
    elif stop == "open:backup":
        import builtins
        import io

        opened, openings = io.open, []

        def open_file(file: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(file, (str, os.PathLike)) and Path(file) == backup:
                openings.append(file)
                if len(openings) == 2:
                    halt(stop)
            return opened(file, *args, **kwargs)

        io.open = builtins.open = open_file  # type: ignore[assignment]
    elif stop == "inside:fold":
        connect = sqlcipher3.connect
        sqlcipher3.connect = lambda *a, **k: _HaltingConnection(connect(*a, **k), stop)  # type: ignore[assignment]
    elif stop != "none":
        raise SystemExit(f"unknown stop {stop}")


def aim_passphrase(stop: str) -> None:
    if stop == "after:open":
        around(StudyStore, "change_passphrase", before=lambda *args: halt(stop))
    elif stop == "before:rekey":
        around(database, "check_new_passphrase", after=lambda *args: halt(stop))
    elif stop == "after:change_passphrase":
        around(StudyStore, "change_passphrase", after=lambda *args: halt(stop))
    elif stop != "none":
        raise SystemExit(f"unknown stop {stop}")


class _HaltAfterBackup:
    """The study's connection, stopping the worker once SQLite's backup copy has been made."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection

    def backup(self, *args: Any, **kwargs: Any) -> None:
        self.connection.backup(*args, **kwargs)
        halt("after:copy")

    def __getattr__(self, name: str) -> Any:
        return getattr(self.connection, name)


def main() -> None:
    mode = sys.argv[1]
    if mode == "backup":
        from fieldwork.storage.backups import make_backup

        store = StudyStore.open(Path(sys.argv[2]), PASSPHRASE)
        store.db.conn = _HaltAfterBackup(store.db.conn)
        print("READY", flush=True)
        make_backup(store)
        return
    if mode == "restore":
        study, backup, stop = Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
        aim_restore(stop, backup)
        arguments = argparse.Namespace(command_db=study, backup=backup, list=False)
        print("READY", flush=True)
        started = time.monotonic()
        run_restore(arguments, lambda *args, **kwargs: PASSPHRASE)
    else:
        study, old, new, stop = Path(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
        aim_passphrase(stop)
        os.environ["FIELDWORK_NEW_PASSPHRASE"] = new
        print("READY", flush=True)
        started = time.monotonic()
        run_passphrase(argparse.Namespace(command_db=study), lambda *args, **kwargs: old)
    print(f"ACK done {time.monotonic() - started:.3f}", flush=True)


if __name__ == "__main__":
    main()
