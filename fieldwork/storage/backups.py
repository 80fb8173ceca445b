"""Rotating encrypted backups of a study, and restoring one without losing the current file.

A backup is a copy made with SQLite's online backup API into a new file under the same
passphrase: as encrypted as the study. They live beside the study in
``<name>-backups/``, named by the time they were made; the newest ``keep`` are kept.
Restoring never overwrites: the current file (with its log) is set aside under a
'.replaced-<time>' name first, then the backup is copied into place.
"""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

import sqlcipher3

from fieldwork.storage import database
from fieldwork.storage.schema import SCHEMA_VERSION
from fieldwork.storage.study_store import StudyStore

DEFAULT_KEEP = 10
_STAMP = "%Y%m%d-%H%M%S-%f"


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


def make_backup(store: StudyStore, keep: int = DEFAULT_KEEP) -> Path:
    """Copy the open study into a new encrypted backup file; prune to the newest ``keep``."""
    folder = backup_folder(store.path)
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        final = folder / f"{store.path.stem}-{datetime.now().strftime(_STAMP)}.db"
        partial = final.with_suffix(".partial")
        target = sqlcipher3.connect(str(partial), isolation_level=None)
        try:
            target.execute("PRAGMA cipher_log_level = NONE")
            target.execute(f"PRAGMA key = {database.quoted(store.backup_passphrase())}")
            store.db.conn.backup(target)
            if target.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise database.StorageError("the backup copy did not pass its check")
        finally:
            target.close()
        os.replace(partial, final)
    except (OSError, sqlcipher3.Error) as error:
        raise database.StorageError(f"The backup could not be written in {folder}: {error}.") from None
    for old in list_backups(store.path)[keep:]:
        old.unlink(missing_ok=True)
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


def restore_backup(backup: Path, study_path: Path, passphrase: str) -> Path | None:
    """Put ``backup`` in place of the study (which must be closed); return where the old one went.

    The backup is checked first; nothing is moved if it does not open under ``passphrase``.
    """
    backup, study_path = Path(backup), Path(study_path)
    database.open_encrypted(backup, passphrase, schema_version=SCHEMA_VERSION).close()
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    set_aside: Path | None = None
    try:
        if study_path.exists():
            set_aside = study_path.with_name(f"{study_path.name}.replaced-{stamp}")
            for suffix in ("", "-wal", "-shm"):
                current = Path(f"{study_path}{suffix}")
                if current.exists():
                    os.replace(current, Path(f"{set_aside}{suffix}"))
        partial = study_path.with_name(f".{study_path.name}.restoring")
        shutil.copyfile(backup, partial)
        os.replace(partial, study_path)
    except OSError as error:
        raise database.StorageError(
            f"The backup could not be restored to {study_path}: {error}. "
            f"The file it replaces is kept at {set_aside}." if set_aside else
            f"The backup could not be restored to {study_path}: {error}."
        ) from None
    return set_aside
