"""Opening and creating the encrypted study database file, and telling people why not.

One SQLCipher file per study. The passphrase is turned into the key by SQLCipher's own key
derivation (PBKDF2-HMAC-SHA512); every page, the write-ahead log included, is encrypted and
authenticated. Nothing is written to a file until the passphrase has been proven right and
the file proven to be a fieldwork study this version can read: a wrong passphrase, a newer
schema or a damaged file leave the file exactly as it was.
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

import sqlcipher3
import sqlite_utils

from fieldwork.storage.connection import BUSY_TIMEOUT_MS, GuardedConnection, plain_error
from fieldwork.storage.errors import StorageError

# PRAGMA application_id of every fieldwork study ('FWRK'): tells our files from other
# encrypted SQLite files that happen to open with the same passphrase.
APPLICATION_ID = 0x4657524B
MIN_PASSPHRASE_LENGTH = 10
PAGE_SIZE = 4096
# SQLCipher 4's key derivation, as it runs it for a passphrase: PBKDF2-HMAC-SHA512 with the
# file's own 16-byte salt (the file's first bytes), 256,000 rounds, a 32-byte key.
KDF_ROUNDS = 256_000
SALT_BYTES = 16
READER_CACHE_KIB = 32 * 1024
"""The page cache of each of an export's reading connections (``open_second_reader``)."""
_SQLITE_PLAIN_HEADER = b"SQLite format 3\x00"


class DatabaseMissing(StorageError):
    pass


class DatabaseExists(StorageError):
    pass


class WrongPassphrase(StorageError):
    pass


class NotAFieldworkDatabase(StorageError):
    pass


class NewerSchema(StorageError):
    pass


class DatabaseDamaged(StorageError):
    pass


class WeakPassphrase(StorageError):
    pass


def default_database_path() -> Path:
    """Where the study database lives unless ``--db`` says otherwise."""
    import platformdirs  # only needed when no path was given

    return Path(platformdirs.user_data_dir("fieldwork", appauthor=False)) / "study.db"


def check_new_passphrase(passphrase: str, repeated: str | None = None) -> None:
    """Refuse a passphrase too short to protect a family's data, or typed differently twice."""
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise WeakPassphrase(
            f"The passphrase must be at least {MIN_PASSPHRASE_LENGTH} characters long."
        )
    if repeated is not None and repeated != passphrase:
        raise WeakPassphrase("The two passphrases are not the same.")


def quoted(passphrase: str) -> str:
    """The passphrase as an SQL string literal for PRAGMA key / rekey."""
    return "'" + passphrase.replace("'", "''") + "'"


def _connect(path: Path, passphrase: str, key: str | None = None) -> sqlcipher3.Connection:
    """A connection keyed by the passphrase, or by ``key`` (an SQL key literal) when given."""
    # isolation_level=None: no implicit transactions; every write says where it begins
    # and ends (sqlite-utils' atomic()), so a commit is exactly one edit.
    connection = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    # SQLCipher otherwise prints its own errors (a wrong key's HMAC failure) to stderr.
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute(f"PRAGMA key = {key or quoted(passphrase)}")
    # Another process's write (the app saving while `export` runs) is waited for, not an error.
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return connection


def _guarded(connection: sqlcipher3.Connection, path: Path) -> sqlite_utils.Database:
    return sqlite_utils.Database(GuardedConnection(connection, path))


def _tune(connection: sqlcipher3.Connection) -> None:
    connection.execute("PRAGMA journal_mode = WAL")
    # FULL: a commit is on the disk before the app says 'Saved', power cut or not.
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA foreign_keys = ON")
    # Deleted content is overwritten, so erased data cannot be found in free pages.
    connection.execute("PRAGMA secure_delete = ON")
    # Temporary tables and sorts stay in memory, never in a temp file.
    connection.execute("PRAGMA temp_store = MEMORY")


def _looks_like_text(head: bytes) -> bool:
    printable = sum(1 for b in head if 32 <= b < 127 or b in (9, 10, 13))
    return bool(head) and printable / len(head) > 0.95


def _check_file_shape(path: Path) -> bytes:
    """The file's salt (its first 16 bytes), once it looks like an encrypted study."""
    if not path.exists():
        raise DatabaseMissing(f"There is no study database at {path}.")
    if path.is_dir():
        raise NotAFieldworkDatabase(f"{path} is a folder, not a study database.")
    size = path.stat().st_size
    with path.open("rb") as handle:
        head = handle.read(PAGE_SIZE)
    if size == 0:
        raise NotAFieldworkDatabase(f"{path} is empty (0 bytes): it is not a study database.")
    if head.startswith(_SQLITE_PLAIN_HEADER):
        raise NotAFieldworkDatabase(
            f"{path} is an unencrypted SQLite database, not a fieldwork study."
        )
    if _looks_like_text(head):
        raise NotAFieldworkDatabase(f"{path} is a text file, not a fieldwork study.")
    if size % PAGE_SIZE:
        raise DatabaseDamaged(
            f"{path} is damaged or not a study database: its size ({size} bytes) is not a "
            f"whole number of {PAGE_SIZE}-byte pages, as if it had been cut short."
        )
    return head[:SALT_BYTES]


def study_key(passphrase: str, salt: bytes, rounds: int = KDF_ROUNDS) -> str:
    """The key SQLCipher derives from ``passphrase`` for a file with ``salt``, as hex (a
    fifth of a second). Derived here once, it is given to SQLCipher as a raw key
    (``x'...'``): every later connection to the study (an export's workers) skips the
    derivation, and the file is the same as one keyed by the passphrase."""
    return hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, rounds, 32).hex()


def raw_key(key: str, salt: bytes | None = None) -> str:
    """A raw key (``study_key``) as an SQL key literal; with ``salt``, the salt a new file
    is given (SQLCipher otherwise draws one itself)."""
    return f"\"x'{key}{salt.hex() if salt is not None else ''}'\""


def _refuse_if_busy(error: sqlcipher3.DatabaseError, path: Path) -> None:
    """Another process's write held the file longer than the busy timeout: say so."""
    if "locked" in str(error) or "busy" in str(error):
        raise StorageError(
            f"{path} is busy: another fieldwork window or command is writing to it. "
            "Try again in a moment; nothing was changed."
        ) from None


def open_encrypted(path: Path | str, passphrase: str, *, schema_version: int) -> sqlite_utils.Database:
    """Unlock an existing study (see ``open_with_key``)."""
    return open_with_key(path, passphrase, schema_version=schema_version)[0]


def open_with_key(path: Path | str, passphrase: str, *,
                  schema_version: int) -> tuple[sqlite_utils.Database, str | None]:
    """Unlock an existing study: the connection, and the key that opened it (``study_key``;
    None if only the passphrase itself did, as for a file keyed with other settings)."""
    path = Path(path)
    salt = _check_file_shape(path)
    key: str | None = study_key(passphrase, salt)
    # The key derived here first; the passphrase itself (SQLCipher's own derivation) only
    # if that fails: a file keyed with other settings still opens, and a wrong passphrase
    # is told as before, a fifth of a second later.
    for literal in (raw_key(key), None):
        try:
            connection = _connect(path, passphrase, literal)
        except sqlcipher3.Error as error:
            raise StorageError(f"{path} cannot be opened: {error}.") from None
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
            break
        except sqlcipher3.DatabaseError as error:
            connection.close()
            _refuse_if_busy(error, path)
            if literal is None:
                raise WrongPassphrase(
                    f"The passphrase is not right for {path}. Nothing was changed."
                ) from None
            key = None
    try:
        application_id = connection.execute("PRAGMA application_id").fetchone()[0]
        found_version = connection.execute("PRAGMA user_version").fetchone()[0]
        if application_id != APPLICATION_ID:
            raise NotAFieldworkDatabase(
                f"{path} is an encrypted database, but not a fieldwork study."
            )
        if found_version > schema_version:
            raise NewerSchema(
                f"{path} was written by a newer version of fieldwork (schema {found_version}; "
                f"this version reads up to schema {schema_version}). Update fieldwork to "
                "open it; the file was not changed."
            )
        problems = [row[0] for row in connection.execute("PRAGMA quick_check").fetchall()]
        if problems != ["ok"]:
            raise DatabaseDamaged(f"{path} is damaged: {problems[0]}.")
        _tune(connection)
    except StorageError:
        connection.close()
        raise
    except sqlcipher3.DatabaseError as error:
        connection.close()
        _refuse_if_busy(error, path)
        raise DatabaseDamaged(f"{path} is damaged: {error}.") from None
    return _guarded(connection, path), key


def open_second_reader(path: Path | str, passphrase: str, raw_key: str | None = None) -> sqlite_utils.Database:
    """Another connection to a study this process has already opened (and checked, with
    ``open_encrypted``), for reading only: an export's worker process. It refuses any write
    (``query_only``) and checks only that the file is still the study. With ``raw_key``
    (``SecondReader``) it skips the slow key derivation; a raw key that does not open the
    file is left for the passphrase."""
    path = Path(path)
    for key in ([f"\"x'{raw_key}'\""] if raw_key else []) + [quoted(passphrase)]:
        connection = _connect(path, passphrase, key)
        try:
            if connection.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                raise NotAFieldworkDatabase(f"{path} is no longer a fieldwork study.")
            connection.execute("PRAGMA query_only = ON")
            connection.execute("PRAGMA temp_store = MEMORY")
            # A worker reads a block of families at a time through the tables' key indexes,
            # in no order of theirs: with SQLite's default 2 MiB of pages, the index pages of a
            # 10,000-interview study were read and decrypted again and again (about 15 % of
            # each block's reading). 32 MiB is a fixed bound, whatever the study's size.
            connection.execute(f"PRAGMA cache_size = -{READER_CACHE_KIB}")
        except sqlcipher3.DatabaseError as error:
            connection.close()
            if key != quoted(passphrase):
                continue  # the raw key was not this file's: the passphrase's own way
            raise plain_error(error, path) from None
        except StorageError:
            connection.close()
            raise
        return _guarded(connection, path)
    raise AssertionError("unreachable: the passphrase is always tried")


class SecondReader:
    """Opens read-only connections to a study this process has open (``open_second_reader``)
    in milliseconds, each given the raw key (``study_key``): the key the study was opened
    with, or, without one, derived once in a thread from the moment this is made. An
    export's worker processes, forked after ``ready``, each open one; deriving the key in
    each cost every worker a fifth of a second."""

    KDF_ROUNDS = KDF_ROUNDS

    def __init__(self, path: Path | str, passphrase: str, key: str | None = None) -> None:
        self.path = Path(path)
        self._passphrase = passphrase
        self._raw_key: str | None = key
        self._thread: threading.Thread | None = None
        if key is None:
            self._thread = threading.Thread(target=self._derive, name="study key", daemon=True)
            self._thread.start()

    def _derive(self) -> None:
        try:
            with self.path.open("rb") as handle:
                salt = handle.read(SALT_BYTES)
        except OSError:
            return  # the passphrase's own way, when a worker opens the study
        self._raw_key = study_key(self._passphrase, salt, self.KDF_ROUNDS)

    def ready(self) -> None:
        """Wait for the key (call before forking: a thread does not cross a fork)."""
        if self._thread is not None:
            self._thread.join()

    def __call__(self) -> sqlite_utils.Database:
        return open_second_reader(self.path, self._passphrase, self._raw_key)


def create_encrypted(path: Path | str, passphrase: str) -> sqlite_utils.Database:
    """Create a new, empty encrypted study file (see ``create_with_key``)."""
    return create_with_key(path, passphrase)[0]


def create_with_key(path: Path | str, passphrase: str) -> tuple[sqlite_utils.Database, str]:
    """Create a new, empty encrypted study file, never replacing a file that is there: the
    connection, and its key (``study_key``). The file is given a random salt of its own,
    as SQLCipher gives one, and opens with the passphrase as any study does."""
    path = Path(path)
    check_new_passphrase(passphrase)
    if path.exists():
        raise DatabaseExists(f"{path} already exists; choose another file name.")
    if not path.parent.is_dir():
        raise StorageError(f"The folder {path.parent} does not exist.")
    salt = os.urandom(SALT_BYTES)
    key = study_key(passphrase, salt)
    try:
        # O_EXCL: two starts at once cannot both create the same study.
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        connection = _connect(path, passphrase, raw_key(key, salt))
        connection.execute(f"PRAGMA cipher_page_size = {PAGE_SIZE}")
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        _tune(connection)
    except (OSError, sqlcipher3.Error) as error:
        path.unlink(missing_ok=True)
        raise StorageError(f"Could not create {path}: {error}.") from None
    return _guarded(connection, path), key
