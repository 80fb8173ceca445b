"""Erasure that finishes even when another program is reading the study (issue 15, point 7).

Seen on main: erasing a family while an export had the study open returned normally, but the
family's text stayed readable in the decrypted pages until every connection closed, because
the result of ``wal_checkpoint(TRUNCATE)`` was never checked. Here the reader is a real
second process holding a read transaction, as an export does.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fieldwork.storage.study_store import StudyStore
from fieldwork.storage.withdrawal_store import erasure_pending, record_withdrawal
from tests.conftest import PASSPHRASE
from tests.storage.test_one_writer import Holder
from tests.support.sqlcipher_pages import decrypted_pages

SECRET = "Zofia Kowalczyk, flat 3, upstairs"


def _text_anywhere(path: Path) -> bool:
    """The words in any decrypted page of the study or of its write-ahead log."""
    found = SECRET.encode() in decrypted_pages(path, PASSPHRASE)
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size:
        found = found or SECRET.encode() in wal.read_bytes()  # encrypted: never plain
    return found


def _study_with_a_family(path: Path) -> str:
    store = StudyStore.create(path, PASSPHRASE, "Study", "R01")
    family = store.add_family(code="F001", notes=SECRET)
    store.add_family(code="F002", notes="stays")
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    assert _text_anywhere(path)
    return family.key


def test_an_erasure_held_up_by_a_reader_is_pending_then_finished(study_path: Path) -> None:
    family_key = _study_with_a_family(study_path)
    store = StudyStore.open(study_path, PASSPHRASE)
    reader = Holder("read", study_path)  # an export reading, in another process
    try:
        # Don't wait the full busy timeout for the reader in a test: it does not let go.
        store.db.execute("PRAGMA busy_timeout = 200")
        record_withdrawal(store, family_key, date(2026, 1, 5), "whole", "telephone", "erase")
        assert [s.family.code for s in store.family_summaries()] == ["F002"]
        assert erasure_pending(store), "the researcher must be told the erasure is not finished"
        assert _text_anywhere(study_path), "the reader's snapshot still holds the old pages"
    finally:
        reader.stop()
    store.close()  # the reader has gone: closing finishes the erasure
    assert not _text_anywhere(study_path)
    reopened = StudyStore.open(study_path, PASSPHRASE)
    assert not erasure_pending(reopened)
    assert [s.family.code for s in reopened.family_summaries()] == ["F002"]
    reopened.close()


def test_a_pending_erasure_is_finished_at_the_next_open(study_path: Path) -> None:
    family_key = _study_with_a_family(study_path)
    store = StudyStore.open(study_path, PASSPHRASE)
    reader = Holder("read", study_path)
    store.db.execute("PRAGMA busy_timeout = 200")
    record_withdrawal(store, family_key, date(2026, 1, 5), "whole", "telephone", "erase")
    assert erasure_pending(store)
    store.close()  # the reader still reads: it stays pending
    reader.stop()
    reopened = StudyStore.open(study_path, PASSPHRASE)
    assert not erasure_pending(reopened)
    assert not _text_anywhere(study_path)
    reopened.close()


def test_an_erasure_with_no_reader_finishes_at_once(study_path: Path) -> None:
    family_key = _study_with_a_family(study_path)
    store = StudyStore.open(study_path, PASSPHRASE)
    record_withdrawal(store, family_key, date(2026, 1, 5), "whole", "telephone", "erase")
    assert not erasure_pending(store)
    assert not _text_anywhere(study_path)
    store.close()
