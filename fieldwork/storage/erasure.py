"""Erasure that finishes: deleted pages overwritten, and an erasure another reader held up
finished later.

With ``secure_delete`` on, deleted rows are overwritten in the pages SQLite writes; then
``VACUUM`` rebuilds the file and a truncating checkpoint writes the rebuilt pages over the
old ones. While another connection (an export, a backup) still reads an older snapshot,
the checkpoint cannot overwrite what it reads: it waits (the busy timeout), and if the
reader is still there the erasure is recorded as pending (a study setting) and finished
when the study is next closed or opened (``StudyFile.close`` / ``open``).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from fieldwork.domain.errors import FieldworkError

if TYPE_CHECKING:
    from fieldwork.storage.study_file import StudyFile

# A study setting (study_settings table) that is there while an erasure is not finished.
_PENDING = "erasure_pending"


class ErasurePending(FieldworkError):
    """The rows are gone, but another program's open read keeps their old pages for now."""


def wipe_free_space(store: StudyFile) -> bool:
    """Rebuild the file and empty the write-ahead log, so deleted pages are gone for good.

    While another connection (an export, a backup) is still reading, SQLite may not write
    the rebuilt pages over the old ones: the checkpoint waits for it (the busy timeout),
    and if it is still reading then, the erasure is recorded as pending and finished when
    the study is next closed or opened. Returns True when nothing of the old pages is left.
    """
    store.db.execute("VACUUM")
    busy, _, _ = store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    if not busy:
        return True
    with store.db.atomic():
        store.db["study_settings"].upsert(
            {"name": _PENDING, "value": "true",
             "updated_at": datetime.now().astimezone().isoformat(timespec="seconds")},
            pk="name",
        )
    return False


def erasure_pending(store: StudyFile) -> bool:
    """True while an erasure waits for another program's read to end (see ``wipe_free_space``)."""
    return store.db.execute(
        "SELECT 1 FROM study_settings WHERE name = ?", [_PENDING]).fetchone() is not None


def complete_pending_erasure(store: StudyFile) -> None:
    """Finish an erasure that another reader held up; ``ErasurePending`` if it still does."""
    if not erasure_pending(store):
        return
    with store.db.atomic():
        store.db.execute("DELETE FROM study_settings WHERE name = ?", [_PENDING])
    if not wipe_free_space(store):
        raise ErasurePending(
            f"The erasure in {store.path} is not finished: another program is still reading "
            "the study. It will be finished when the study is next closed or opened."
        )
