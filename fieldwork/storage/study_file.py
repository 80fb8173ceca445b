"""The study file once unlocked: its writer lock, and the truth about every save.

``StudyFile`` owns what every kind of record shares: opening (the writer lock first, then
the passphrase, kind and schema checks), closing, the passphrase, the audit log, and
``edit()``: one edit = one committed transaction, after which listeners hear 'saved at
14:02:31'. A write that fails for any reason — the disk full, the study busy, the file
replaced or re-keyed by another program — is rolled back, told to the listeners as not
saved and raised as ``SaveFailed``, so nothing is ever shown as saved that is not.
``StudyStore`` (study_store.py) adds the case records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Self

import sqlcipher3
import sqlite_utils

from fieldwork.domain.errors import FieldworkError
from fieldwork.storage import database
from fieldwork.storage.audit import write_audit
from fieldwork.storage.connection import StudyFileUnreadable, plain_error
from fieldwork.storage.erasure import complete_pending_erasure
from fieldwork.storage.schema import SCHEMA_VERSION, apply_migrations
from fieldwork.storage.study_lock import StudyLock


class SaveFailed(FieldworkError):
    """A change could not be written; it was not saved and the database is as before."""


class StudyLost(SaveFailed):
    """This window can no longer save to the study: its file was replaced, moved or re-keyed.

    Nothing more is written through this store; the study must be reopened.
    """


class StudyReadOnly(SaveFailed):
    """The study was opened for reading only (a command that exports or backs up)."""


@dataclass(frozen=True)
class SaveEvent:
    """What listeners hear after each write: when, what, and whether it reached the disk."""

    saved: bool
    at: datetime
    what: str
    problem: str = ""
    # True when the study can no longer be saved to from here at all (file replaced,
    # moved, re-keyed): the window offers to reopen it.
    study_lost: bool = False


SaveListener = Callable[[SaveEvent], None]


def _file_identity(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_dev, status.st_ino)


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


class StudyFile:
    """One unlocked study file."""

    def __init__(self, db: sqlite_utils.Database, path: Path, passphrase: str,
                 lock: StudyLock | None = None, key: str | None = None) -> None:
        self.db = db
        self.path = path
        # The writer lock (None: opened to read, by `export`, `info` or `backup`), and the
        # file this connection writes to: if another program puts a different file at the
        # path, edits here would go to a file nobody opens again.
        self._lock = lock
        self._identity = _file_identity(path)
        self._closed = False
        # Kept in memory (as SQLCipher keeps the key) to write encrypted backups under the
        # same passphrase and to check it again when the locked app is unlocked.
        self._passphrase = passphrase
        # The key the file opened with (``database.study_key``), for other connections to it
        # (an export's workers) without deriving it again; None: each reader derives its own.
        self._key = key
        self._researcher_key: str | None = None
        self._listeners: list[SaveListener] = []

    # -- opening -----------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, passphrase: str, *, read_only: bool = False,
             holder: str = "fieldwork") -> Self:
        """Unlock an existing study, bringing an older schema up to date.

        Unless ``read_only``, the study's writer lock is taken first (``holder`` says who
        holds it, for the refusal another window sees): ``StudyInUse`` if another process
        writes to it. A read-only store reads and logs (export, backup) but makes no edit.
        """
        path = Path(path)
        lock = None
        if not read_only and path.is_file():
            lock = StudyLock(path, holder)
            lock.acquire()
        try:
            db, key = database.open_with_key(path, passphrase, schema_version=SCHEMA_VERSION)
            try:
                apply_migrations(db)
            except sqlcipher3.Error as error:
                db.close()
                raise database.StorageError(
                    f"{path} could not be brought up to date ({error}); it was left as it was."
                ) from None
            store = cls(db, path, passphrase, lock, key)
            try:
                store.audit("unlock")
                if lock is not None:
                        complete_pending_erasure(store)
            except FieldworkError:
                db.close()
                raise
        except BaseException:
            if lock is not None:
                lock.discard()
            raise
        return store

    def reader(self) -> database.SecondReader:
        """Opens other read-only connections to this study, quickly (an export's worker
        processes each call it once), with the key this study was opened with."""
        return database.SecondReader(self.path, self._passphrase, self._key)

    def backup_passphrase(self) -> str:
        """The passphrase this study's backups are encrypted with (its own), and that a
        restored copy opens with; for storage's backup functions, never shown."""
        return self._passphrase

    @property
    def read_only(self) -> bool:
        return self._lock is None

    def close(self) -> None:
        """Close the study (finishing an erasure another reader held up) and let go of its lock."""
        if self._closed:
            return
        self._closed = True
        try:
            if self._identity != _file_identity(self.path):
                self._let_go_of_the_log()
            elif self._lock is not None:
                try:
                    complete_pending_erasure(self)
                except FieldworkError:
                    pass  # still pending: the next open finishes it
            self.db.close()
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def passphrase_is(self, passphrase: str) -> bool:
        """True when ``passphrase`` opens this study (checked the slow way, by the key)."""
        try:
            database.open_encrypted(self.path, passphrase, schema_version=SCHEMA_VERSION).close()
        except database.StorageError:
            return False
        return True

    def change_passphrase(self, old: str, new: str, repeated: str | None = None) -> None:
        """Re-encrypt the whole study under a new passphrase (SQLCipher rekey)."""
        if old != self._passphrase:
            raise database.WrongPassphrase("The current passphrase is not right; nothing was changed.")
        database.check_new_passphrase(new, repeated)
        self._check_still_ours("passphrase")
        try:
            self.db.execute(f"PRAGMA rekey = {database.quoted(new)}")
        except sqlcipher3.Error as error:
            raise database.StorageError(f"The passphrase could not be changed: {error}.") from None
        self._passphrase = new
        self._key = None  # the old passphrase's: a reader now derives the new one's
        self.audit("passphrase")
        self._tell(SaveEvent(True, datetime.now(), "passphrase changed"))

    # -- telling the truth about saving ------------------------------------------------

    def add_save_listener(self, listener: SaveListener) -> None:
        self._listeners.append(listener)

    def remove_save_listener(self, listener: SaveListener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _tell(self, event: SaveEvent) -> None:
        for listener in list(self._listeners):
            listener(event)

    @property
    def researcher_key(self) -> str | None:
        """Who is working: the study's first researcher until someone else is chosen."""
        if self._researcher_key is None:
            row = self.db.execute("SELECT key FROM researchers ORDER BY created_at, name LIMIT 1").fetchone()
            self._researcher_key = row[0] if row else None
        return self._researcher_key

    def audit(self, action: str, keys: Sequence[str] = ()) -> None:
        """Log an event that is not an edit (unlock, export, backup) in its own transaction."""
        with self.writing():
            write_audit(self.db, self.researcher_key, action, keys)

    @contextmanager
    def writing(self) -> Iterator[sqlite_utils.Database]:
        """One write transaction that takes the write lock at its start (BEGIN IMMEDIATE).

        A transaction that reads first and writes later cannot wait its turn: if another
        process saved in between, SQLite refuses it at once ('database is locked') instead
        of waiting. Taking the lock first lets the busy timeout do its work. Inside another
        transaction this is a savepoint of it.
        """
        if self.db.conn.in_transaction:
            with self.db.atomic():
                yield self.db
            return
        self.db.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            if self.db.conn.in_transaction:
                try:
                    self.db.conn.execute("ROLLBACK")
                except sqlcipher3.Error:
                    pass  # the connection is gone; nothing of this transaction was written
            raise
        self.db.conn.execute("COMMIT")

    def _check_still_ours(self, what: str) -> None:
        """Refuse to write when the file at the study's path is no longer the one open here."""
        if self._lock is None:
            problem = "the study was opened for reading only"
            self._tell(SaveEvent(False, datetime.now(), what, problem))
            raise StudyReadOnly(f"Not saved ({what}): {problem}.")
        identity = _file_identity(self.path)
        if identity == self._identity:
            return
        self._let_go_of_the_log()
        problem = (
            f"the study file is no longer at {self.path} (moved or deleted by another program)"
            if identity is None else
            f"another program replaced the study file at {self.path}"
        ) + "; reopen the study to go on (what you typed is still on screen)"
        self._tell(SaveEvent(False, datetime.now(), what, problem, study_lost=True))
        raise StudyLost(f"Not saved ({what}): {problem}.")

    def _let_go_of_the_log(self) -> None:
        """The file at the path is not ours any more, but its write-ahead log still is (the
        log is found by name): empty it into our own file, so the file now at the path is
        not read with our pages laid over it."""
        try:
            self.db.conn.raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlcipher3.Error:
            pass  # best effort: the file at the path is someone else's from here on

    @contextmanager
    def edit(self, what: str, *, action: str = "edit", keys: Sequence[str] = ()) -> Iterator[sqlite_utils.Database]:
        """One edit = one committed transaction; listeners hear 'saved' only after COMMIT.

        The audit log gets the event and the record keys in the same transaction. Any
        failure — the file replaced or re-keyed, the disk full, the study busy — is told
        to the listeners as not saved and raised as ``SaveFailed``.
        """
        self._check_still_ours(what)
        try:
            with self.writing():
                yield self.db
                write_audit(self.db, self.researcher_key, action, keys)
        except sqlcipher3.IntegrityError as error:
            self._tell(SaveEvent(False, datetime.now(), what, str(error)))
            raise SaveFailed(f"Not saved ({what}): {error}.") from None
        except (sqlcipher3.Error, database.StorageError) as error:
            error = plain_error(error, self.path)
            lost = isinstance(error, StudyFileUnreadable)
            problem = str(error)
            self._tell(SaveEvent(False, datetime.now(), what, problem, study_lost=lost))
            failure = StudyLost if lost else SaveFailed
            raise failure(f"Not saved ({what}): {problem}") from None
        self._tell(SaveEvent(True, datetime.now(), what))

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]
