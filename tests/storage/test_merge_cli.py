"""`main.py merge` of two file copies of one study, run as a data manager runs it."""

from __future__ import annotations

import shutil
from pathlib import Path

from fieldwork.storage.study_store import StudyStore
from tests.conftest import PASSPHRASE
from tests.test_cli import run


def _edited_copy(original: Path, path: Path, notes: str) -> None:
    shutil.copy(original, path)
    store = StudyStore.open(path, PASSPHRASE)
    family = next(s.family for s in store.family_summaries() if s.family.code == "F002")
    store.update_family(family.key, notes=notes)
    interview = store.interviews_of(family.key)[0]
    store.update_interview(interview.key, closing_notes=f"Closing: {notes}")
    store.close()


def test_merge_prints_each_conflict_with_both_values_and_keeps_both(tmp_path: Path) -> None:
    from fieldwork.demo import write_demo_study

    original = tmp_path / "study.db"
    write_demo_study(original, PASSPHRASE).close()
    _edited_copy(original, tmp_path / "laptop-a.db", "Mother back at work")
    _edited_copy(original, tmp_path / "laptop-b.db", "Grandmother moved in")
    team = tmp_path / "team.db"
    args = ("merge", "--into", str(team), str(tmp_path / "laptop-a.db"), str(tmp_path / "laptop-b.db"))
    result = run(*args)
    assert result.returncode == 1, result.stderr
    out = result.stdout
    assert out.count("CONFLICT ") >= 2 and "2 conflict(s) wait for a choice" in out
    assert "F002, wave 1: family: notes" not in out  # family notes belong to no interview
    assert "F002: family: notes" in out and "F002, wave 1: interview: closing notes" in out
    assert "team study keeps: notes: 'Mother back at work'" in out
    assert "other version:    notes: 'Grandmother moved in'" in out
    assert "'Closing: Grandmother moved in'" in out and "laptop-b.db" in out
    # Merged again: nothing new, the same two conflicts still printed, still both kept.
    again = run(*args)
    assert again.returncode == 1, again.stderr
    assert again.stdout.count("added nothing new") == 2
    assert "2 conflict(s) wait for a choice" in again.stdout
    store = StudyStore.open(team, PASSPHRASE)
    try:
        family = next(s.family for s in store.family_summaries() if s.family.code == "F002")
        assert family.notes == "Mother back at work"
        kept = store.db.execute("SELECT other_value FROM merge_conflicts").fetchall()
        assert any("Grandmother moved in" in row[0] for row in kept)
    finally:
        store.close()
