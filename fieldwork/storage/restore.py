"""Putting a backup back in place of a study, so that a study opens at its path at every moment.

A restore cut short — the laptop's battery, a kill, a full disk — must never leave the
researcher with no study and an offer to create a new one. So the study is never moved
away. The steps, each safe to be cut off after:

1. The backup is checked where it is, then copied beside the study under the hidden name
   ``.<study>.restoring`` (same folder, so the last step is one atomic rename), flushed to
   the disk, and the copy itself opened and checked.
2. The study's write-ahead log is folded into the study file (a checkpoint). The log
   (``-wal``) holds the newest saved edits and belongs to that one file; left beside a
   restored file, SQLite would apply it to the wrong study. A log that cannot be folded
   in, or a study another fieldwork program still has open (even only to read it), stops
   the restore with nothing changed.
3. The old study gets a second name, ``<study>.replaced-<time>`` (a hard link: no copy,
   no disk space; a copy where the file system has no links), so it is kept after step 4.
4. The checked copy is renamed over the study (``os.replace``, atomic), and the rename
   flushed to the disk.

Whatever the step a kill lands on, the study at its path is the old one, whole with its
log, or the restored one. Hidden leftovers of a restore cut short (``.restoring``, a
``.replaced-`` name that is still the study itself) are cleared by the next restore.
The whole restore holds the study's writer lock. Qt-free.
"""

from __future__ import annotations

import errno
import glob
import os
from datetime import datetime
from pathlib import Path

import sqlcipher3

from fieldwork.storage import database
from fieldwork.storage.private_files import create_private, make_private, sync_file, sync_folder
from fieldwork.storage.schema import SCHEMA_VERSION
from fieldwork.storage.study_lock import writing

_CHUNK = 1 << 20
_FULL = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}


def restoring_path(study_path: Path) -> Path:
    """Where the backup is copied and checked before it is renamed over the study."""
    return study_path.with_name(f".{study_path.name}.restoring")


def _replacing_path(study_path: Path) -> Path:
    return study_path.with_name(f".{study_path.name}.replacing")


def _in_words(error: OSError) -> str:
    if error.errno in _FULL:
        return "the disk is full"
    return error.strerror or str(error)


def _has_content(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except FileNotFoundError:
        return False


def refuse_the_study_itself(backup: Path, study_path: Path) -> None:
    """Refuse a 'backup' that is the study (its path, or another name of the same file)."""
    same = backup.resolve() == study_path.resolve()
    if not same and backup.exists() and study_path.exists():
        same = os.path.samefile(backup, study_path)
    if same:
        raise database.StorageError(
            f"{backup} is the study itself, not a backup of it; choose one of its backups "
            f"(fieldwork restore --db {study_path} --list). Nothing was changed.")
    if backup.resolve() in {restoring_path(study_path).resolve(), _replacing_path(study_path).resolve()}:
        raise database.StorageError(
            f"{backup} is what a restore cut short left behind, not a backup; choose one of the "
            f"study's backups. Nothing was changed.")


def clear_leftovers(study_path: Path) -> None:
    """Remove what a restore cut short left beside the study (the writer lock is held)."""
    copy = restoring_path(study_path)
    for leftover in (copy, _replacing_path(study_path),
                     *(Path(f"{copy}{suffix}") for suffix in ("-wal", "-shm", "-journal"))):
        leftover.unlink(missing_ok=True)
    if not study_path.exists():
        return
    for aside in study_path.parent.glob(f"{glob.escape(study_path.name)}.replaced-*"):
        # A second name given in step 3 whose rename (step 4) never came: it is the study
        # itself under another name, not an older study. Removing the name keeps the file.
        if aside.is_file() and os.path.samefile(aside, study_path):
            aside.unlink()


def _copy_beside(backup: Path, study_path: Path) -> Path:
    """Step 1: the backup, copied owner-only beside the study and flushed to the disk."""
    copy = restoring_path(study_path)
    try:
        descriptor = create_private(copy)
        with os.fdopen(descriptor, "wb") as target, backup.open("rb") as source:
            while block := source.read(_CHUNK):
                target.write(block)
            target.flush()
            os.fsync(target.fileno())
    except OSError as error:
        copy.unlink(missing_ok=True)
        raise database.StorageError(
            f"The backup could not be copied beside {study_path}: {_in_words(error)}. "
            "The study was not changed.") from None
    return copy


def _check_copy(copy: Path, backup: Path, study_path: Path, passphrase: str) -> None:
    """Step 1, end: the copy opens and passes its check, as the backup did."""
    try:
        database.open_encrypted(copy, passphrase, schema_version=SCHEMA_VERSION).close()
    except database.StorageError as error:
        raise database.StorageError(
            f"The copy of {backup} made beside {study_path} does not open ({error}) — the disk "
            "may be full or failing. The study was not changed.") from None
    if _has_content(Path(f"{copy}-wal")):
        raise database.StorageError(
            f"The copy of {backup} beside {study_path} could not be closed cleanly. "
            "The study was not changed.")
    sync_file(copy)


def _fold_log_into_study(study_path: Path, passphrase: str) -> None:
    """Step 2: the study's own log checkpointed into it, so no log is left to misapply.

    Done even when no log is there: when this connection, the last to close, leaves no
    log and no shared-memory file behind, nobody else has the study open — not even a
    reader such as ``export`` or ``backup``, which do not take the writer lock and would
    otherwise go on using the log by its name beside the restored file.
    """
    wal, shm = Path(f"{study_path}-wal"), Path(f"{study_path}-shm")
    logs = [wal, Path(f"{study_path}-journal")]
    readable, problem = False, ""
    try:
        connection = sqlcipher3.connect(str(study_path), isolation_level=None)
        try:
            connection.execute("PRAGMA cipher_log_level = NONE")
            connection.execute(f"PRAGMA key = {database.quoted(passphrase)}")
            # The first read recovers the log, or fails under another passphrase; either
            # way SQLite folds the log in as the last connection closes (it copies the
            # pages as they are, encrypted, so this needs no passphrase).
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
            readable = True
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            connection.close()
    except sqlcipher3.Error as error:
        problem = str(error)
    left = [log for log in logs if _has_content(log)]
    if left and not readable:
        raise database.StorageError(
            f"{study_path} has recent changes in {left[0].name} that this passphrase cannot "
            f"fold into it (it is under another passphrase, or damaged). Open it once with its "
            f"own passphrase, or move {study_path.name} and {left[0].name} elsewhere, then "
            "restore again. Nothing was changed.")
    if left and problem:
        raise database.StorageError(
            f"The recent changes in {left[0].name} could not be folded into {study_path} "
            f"before restoring ({problem}; the disk may be full). Nothing was changed.")
    if left or (readable and (wal.exists() or shm.exists())):
        raise database.StorageError(
            f"{study_path} is open in another fieldwork window or command (export, backup, "
            "info…). Close it there, then restore again. Nothing was changed.")


def _keep_replaced(study_path: Path) -> Path:
    """Step 3: a second name for the old study, so the rename of step 4 keeps it."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = study_path.with_name(f"{study_path.name}.replaced-{stamp}")
    number = 1
    while os.path.lexists(aside):
        number += 1
        aside = study_path.with_name(f"{study_path.name}.replaced-{stamp}-{number}")
    make_private(study_path)  # the old file keeps its mode under its new name
    try:
        os.link(study_path, aside)
    except OSError:
        _copy_aside(study_path, aside)  # a file system without hard links (FAT, some shares)
    sync_folder(study_path.parent)
    return aside


def _copy_aside(study_path: Path, aside: Path) -> None:
    partial = _replacing_path(study_path)
    try:
        descriptor = create_private(partial, replace=True)
        with os.fdopen(descriptor, "wb") as target, study_path.open("rb") as source:
            while block := source.read(_CHUNK):
                target.write(block)
            target.flush()
            os.fsync(target.fileno())
        os.replace(partial, aside)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise database.StorageError(
            f"{study_path} could not be kept aside before restoring: {_in_words(error)}. "
            "The study was not changed.") from None


def _put_in_place(copy: Path, study_path: Path) -> None:
    """Step 4: one atomic rename; the study at its path is now the restored one."""
    os.replace(copy, study_path)
    sync_folder(study_path.parent)


def restore_backup(backup: Path | str, study_path: Path | str, passphrase: str) -> Path | None:
    """Put ``backup`` in place of the study; return the name the old study is kept under.

    The study must not be open for writing elsewhere (the writer lock is taken here). A
    backup that does not open under ``passphrase`` changes nothing. Opening it first also
    folds a log of its own into it (a ``.replaced-`` file opened since), so the copy is whole.
    """
    backup, study_path = Path(backup), Path(study_path)
    refuse_the_study_itself(backup, study_path)
    if study_path.is_dir():
        raise database.StorageError(f"{study_path} is a folder, not a study file. Nothing was changed.")
    database.open_encrypted(backup, passphrase, schema_version=SCHEMA_VERSION).close()
    with writing(study_path, "restore"):
        clear_leftovers(study_path)
        copy = _copy_beside(backup, study_path)
        aside: Path | None = None
        try:
            _check_copy(copy, backup, study_path, passphrase)
            if study_path.exists():
                _fold_log_into_study(study_path, passphrase)
                aside = _keep_replaced(study_path)
            _put_in_place(copy, study_path)
        except BaseException as error:
            if not copy.exists():  # renamed into place: only the flush of the rename failed
                raise database.StorageError(
                    f"{study_path} was restored, but the disk did not confirm it: {error}. "
                    f"The file it replaced is kept at {aside}.") from None
            copy.unlink()
            if aside is not None:
                aside.unlink(missing_ok=True)  # the old study is still in place, whole
            if isinstance(error, OSError):
                raise database.StorageError(
                    f"The backup could not be restored to {study_path}: {_in_words(error)}. "
                    "The study was not changed.") from None
            raise
    return aside
