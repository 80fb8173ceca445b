"""Rotating encrypted backups of a study; restoring one is in ``restore.py``.

A backup is a copy made with SQLite's online backup API into a new file under the same
passphrase: as encrypted as the study. They live beside the study in
``<name>-backups/`` (0700, each backup 0600), named by the time they were made; the
newest ``keep`` are kept. A backup is written under a '.partial' name and renamed only
once it has passed its check and reached the disk, so a backup cut short is never taken
for a good one; a failed backup removes its partial file, and one left by a killed run
is removed by the next backup. Backups of one study are made one at a time (a lock in the
backup folder), so that clearing leftovers never removes another backup's file.
"""

from __future__ import annotations

import errno
import os
from datetime import datetime
from pathlib import Path

import filelock
import sqlcipher3

from fieldwork.storage import database
from fieldwork.storage.private_files import (
    PRIVATE_FILE,
    create_private,
    make_private,
    private_folder,
    sync_file,
    sync_folder,
)
from fieldwork.storage.restore import restore_backup
from fieldwork.storage.schema import SCHEMA_VERSION
from fieldwork.storage.study_store import StudyStore

__all__ = ["DEFAULT_KEEP", "backup_folder", "backup_time", "list_backups", "make_backup",
           "newest_good_backup", "restore_backup"]

DEFAULT_KEEP = 10
_STAMP = "%Y%m%d-%H%M%S-%f"
_PARTIAL = ".partial"
_FULL = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
_WAIT_FOR_OTHER_BACKUP = 120  # seconds: another backup of a large study may still be running


def backup_folder(study_path: Path) -> Path:
    return study_path.with_name(f"{study_path.stem}-backups")


def list_backups(study_path: Path) -> list[Path]:
    """The study's backups, newest first."""
    folder = backup_folder(study_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{study_path.stem}-*.db"), reverse=True)


def backup_time(backup: Path) -> datetime | None:
    stamp = backup.stem.rsplit("-", 3)[-3:]
    try:
        return datetime.strptime("-".join(stamp), _STAMP)
    except ValueError:
        return None


def _remove_partial(partial: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)


def _clear_partials(folder: Path) -> None:
    """Partial files of backups cut short (a kill, a full disk): never a good backup."""
    for leftover in folder.glob(f"*{_PARTIAL}*"):
        leftover.unlink(missing_ok=True)


def _copy_study(store: StudyStore, partial: Path) -> None:
    os.close(create_private(partial, replace=True))  # owner-only before SQLite writes a byte
    target = sqlcipher3.connect(str(partial), isolation_level=None)
    try:
        target.execute("PRAGMA cipher_log_level = NONE")
        target.execute(f"PRAGMA key = {database.quoted(store.backup_passphrase())}")
        store.db.conn.backup(target)
        if target.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise database.StorageError("the backup copy did not pass its check")
    finally:
        target.close()
    sync_file(partial)


def make_backup(store: StudyStore, keep: int = DEFAULT_KEEP) -> Path:
    """Copy the open study into a new encrypted backup file; prune to the newest ``keep``."""
    folder = backup_folder(store.path)
    partial: Path | None = None
    try:
        private_folder(folder)
        with filelock.FileLock(folder / ".making-a-backup.lock", mode=PRIVATE_FILE,
                               timeout=_WAIT_FOR_OTHER_BACKUP):
            _clear_partials(folder)
            final = folder / f"{store.path.stem}-{datetime.now().strftime(_STAMP)}.db"
            partial = final.with_suffix(_PARTIAL)
            _copy_study(store, partial)
            os.replace(partial, final)
            sync_folder(folder)
            for old in list_backups(store.path)[keep:]:
                old.unlink(missing_ok=True)
            for kept in list_backups(store.path):
                make_private(kept)  # backups made by versions that left them 0644
    except filelock.Timeout:
        raise database.StorageError(
            f"Another backup of {store.path} is being made; try again when it has finished.") from None
    except (OSError, sqlcipher3.Error, database.StorageError) as error:
        if partial is not None:
            _remove_partial(partial)
        reason = ("the disk is full" if isinstance(error, OSError) and error.errno in _FULL
                  else str(error).rstrip("."))
        raise database.StorageError(
            f"The backup could not be written in {folder}: {reason}. No partial file was left; "
            "the study itself is unchanged.") from None
    store.audit("backup", [final.name])
    return final


def newest_good_backup(study_path: Path, passphrase: str) -> Path | None:
    """The newest backup that opens with ``passphrase`` and passes its check."""
    for backup in list_backups(study_path):
        try:
            database.open_encrypted(backup, passphrase, schema_version=SCHEMA_VERSION).close()
        except database.StorageError:
            continue
        return backup
    return None
