"""The open study connection, which never lets a raw database error reach a person.

Every read and write of a study goes through ``GuardedConnection``. SQLite's errors come
out of it as errors that are at once ``FieldworkError`` (so every screen and command that
shows a refusal shows these too, in plain words) and the driver's own class (so code that
rolls back on ``sqlcipher3.Error`` still does). That matters most for reads made before an
edit: when another program has changed the study's passphrase or replaced the file, the
first read fails, and the researcher must be told 'Not saved', never be left looking at
the last 'Saved'.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlcipher3

from fieldwork.storage.errors import StorageError

# How long a write waits for another process's transaction before giving up (SQLite's
# busy handler). Exports and backups read while the app writes; their audit entries and
# the app's edits take turns within this time.
BUSY_TIMEOUT_MS = 10_000


class StudyBusy(StorageError, sqlcipher3.OperationalError):
    """Another window or command held the study for longer than we wait."""


class StudyFileUnreadable(StorageError, sqlcipher3.DatabaseError):
    """The file at the study's path no longer reads with this passphrase (rekeyed, replaced, damaged)."""


class StudyWriteFailed(StorageError, sqlcipher3.OperationalError):
    """The disk refused a write (full, read-only, removed)."""


_BUSY = ("database is locked", "database table is locked", "database is busy")
_UNREADABLE = ("file is not a database", "file is encrypted", "malformed", "not a database")
_WRITE_WORDS = {
    "database or disk is full": "the disk is full; free some space and try again",
    "disk I/O error": "the study file could not be written (the disk may be full, or the "
                      "drive was removed); free some space and try again",
    "attempt to write a readonly database": "the study file or its folder is read-only",
}


def plain_error(error: sqlcipher3.Error, path: Path) -> Exception:
    """The driver's error as one of ours, in words a researcher can act on."""
    if isinstance(error, StorageError) or isinstance(error, (sqlcipher3.IntegrityError,
                                                             sqlcipher3.ProgrammingError,
                                                             sqlcipher3.InterfaceError)):
        return error
    text = str(error)
    if any(word in text for word in _BUSY):
        return StudyBusy(
            f"{path} is busy: another fieldwork window or command is writing to it. "
            "Try again in a moment; nothing was changed."
        )
    if any(word in text for word in _UNREADABLE):
        return StudyFileUnreadable(
            f"{path} can no longer be read with this passphrase: another program changed "
            "its passphrase or replaced the file. Nothing more can be saved in this window; "
            "reopen the study."
        )
    for raw, words in _WRITE_WORDS.items():
        if raw in text:
            return StudyWriteFailed(words)
    return StudyWriteFailed(f"the database could not be read or written ({text})")


class _GuardedCursor:
    def __init__(self, cursor: sqlcipher3.Cursor, path: Path) -> None:
        self._cursor = cursor
        self._path = path

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)

    def __iter__(self) -> Iterator[Any]:
        return self

    def __next__(self) -> Any:
        try:
            return next(self._cursor)
        except sqlcipher3.Error as error:
            raise plain_error(error, self._path) from error

    def _guard(self, name: str, *args: Any) -> Any:
        try:
            return getattr(self._cursor, name)(*args)
        except sqlcipher3.Error as error:
            raise plain_error(error, self._path) from error

    def fetchone(self) -> Any:
        return self._guard("fetchone")

    def fetchall(self) -> list[Any]:
        return self._guard("fetchall")

    def fetchmany(self, *args: Any) -> list[Any]:
        return self._guard("fetchmany", *args)

    def execute(self, *args: Any) -> _GuardedCursor:
        self._guard("execute", *args)
        return self

    def executemany(self, *args: Any) -> _GuardedCursor:
        self._guard("executemany", *args)
        return self


class GuardedConnection:
    """A sqlcipher3 connection whose errors say what happened to the study, in words."""

    def __init__(self, connection: sqlcipher3.Connection, path: Path) -> None:
        self.raw = connection
        self.path = path

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)

    def _run(self, name: str, *args: Any) -> Any:
        try:
            result = getattr(self.raw, name)(*args)
        except sqlcipher3.Error as error:
            raise plain_error(error, self.path) from error
        return _GuardedCursor(result, self.path) if isinstance(result, sqlcipher3.Cursor) else result

    def execute(self, *args: Any) -> Any:
        return self._run("execute", *args)

    def executemany(self, *args: Any) -> Any:
        return self._run("executemany", *args)

    def executescript(self, *args: Any) -> Any:
        return self._run("executescript", *args)

    def cursor(self, *args: Any) -> _GuardedCursor:
        return _GuardedCursor(self.raw.cursor(*args), self.path)

    def commit(self) -> None:
        self._run("commit")

    def rollback(self) -> None:
        self._run("rollback")

    def backup(self, target: sqlcipher3.Connection, *args: Any, **kwargs: Any) -> None:
        target = target.raw if isinstance(target, GuardedConnection) else target
        try:
            self.raw.backup(target, *args, **kwargs)
        except sqlcipher3.Error as error:
            raise plain_error(error, self.path) from error

    @property
    def in_transaction(self) -> bool:
        return self.raw.in_transaction

    @property
    def isolation_level(self) -> str | None:
        return self.raw.isolation_level

    @isolation_level.setter
    def isolation_level(self, value: str | None) -> None:
        self.raw.isolation_level = value

    def close(self) -> None:
        self.raw.close()
