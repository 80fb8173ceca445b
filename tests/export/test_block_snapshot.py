"""A block of families is read as one snapshot: a save made by another program while the
export reads it is in all of the block's records or in none."""

from __future__ import annotations

from fieldwork.export import study_reader
from fieldwork.export.study_reader import read_outline, read_study
from fieldwork.storage.study_store import StudyStore
from tests.conftest import PASSPHRASE


def test_a_save_made_while_a_block_is_read_is_not_half_seen(full_demo, monkeypatch) -> None:
    outline = read_outline(full_demo.db)
    keys = [f["key"] for f in outline.families]
    people_before = full_demo.db.execute("SELECT count(*) FROM map_people").fetchone()[0]
    assert people_before
    original = study_reader._maps

    def maps_after_another_program_saves(db, **kwargs):
        other = StudyStore.open(full_demo.path, PASSPHRASE, read_only=True)  # the app, elsewhere
        try:
            other.db.execute("PRAGMA foreign_keys = OFF")
            other.db.execute("BEGIN IMMEDIATE")
            other.db.execute("DELETE FROM map_people")
            other.db.execute("DELETE FROM interviews")
            other.db.execute("COMMIT")
        finally:
            other.close()
        return original(db, **kwargs)

    monkeypatch.setattr(study_reader, "_maps", maps_after_another_program_saves)
    block = read_study(full_demo.db, keys)
    assert block.interviews, "the interviews were read before the save"
    assert sum(len(stored.network.people()) for stored in block.maps.values()) == people_before
    # The next read sees the save.
    monkeypatch.setattr(study_reader, "_maps", original)
    assert read_study(full_demo.db, keys).interviews == []
