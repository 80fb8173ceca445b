"""The merge conflicts list: both versions shown; choosing the other one changes the record."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from fieldwork.storage.study_merge import create_team_database, merge_source, open_source
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.main_window import MainWindow
from fieldwork.ui.merge_conflicts_dialog import MergeConflictsDialog
from tests.conftest import PASSPHRASE


@pytest.fixture
def team_with_a_conflict(tmp_path: Path) -> Iterator[tuple[StudyStore, str]]:
    """A team study merged from two file copies that changed one family's notes differently."""
    original = StudyStore.create(tmp_path / "study.db", PASSPHRASE, "Study", "R01 First Researcher")
    family = original.add_family(code="F001", notes="As agreed")
    original.close()
    team = create_team_database(tmp_path / "team.db", PASSPHRASE, "Team study")
    for name, notes in (("laptop-a.db", "Father moved out"), ("laptop-b.db", "Father moved back")):
        shutil.copy(tmp_path / "study.db", tmp_path / name)
        copy = StudyStore.open(tmp_path / name, PASSPHRASE)
        copy.update_family(family.key, notes=notes)
        copy.close()
        source = open_source(tmp_path / name, PASSPHRASE)
        merge_source(team, source, name)
        source.close()
    yield team, family.key
    team.close()


def _cells(dialog: MergeConflictsDialog, row: int) -> list[str]:
    return [dialog.table.item(row, c).text() for c in range(dialog.table.columnCount())]


def test_the_list_shows_both_versions_and_choosing_the_other_changes_the_record(
        qtbot, team_with_a_conflict) -> None:
    team, family_key = team_with_a_conflict
    dialog = MergeConflictsDialog(team)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    family, interview, what, kept, other = _cells(dialog, 0)
    assert (family, interview, what) == ("F001", "", "family: notes")
    assert "Father moved out" in kept and "R01 First Researcher" in kept
    assert "Father moved back" in other and "laptop-b.db" in other
    assert not dialog.take_button.isEnabled()
    dialog.table.selectRow(0)
    assert dialog.take_button.isEnabled()
    qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)
    assert team.family(family_key).notes == "Father moved back"
    assert dialog.table.rowCount() == 0 and dialog.empty.isVisibleTo(dialog)
    assert team.db.execute("SELECT choice FROM merge_conflicts").fetchall() == [("other",)]


def test_keeping_the_team_version_leaves_the_record_and_empties_the_list(
        qtbot, team_with_a_conflict) -> None:
    team, family_key = team_with_a_conflict
    dialog = MergeConflictsDialog(team)
    qtbot.addWidget(dialog)
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    assert team.family(family_key).notes == "Father moved out"
    assert dialog.table.rowCount() == 0


def test_the_study_menu_opens_the_list(qtbot, team_with_a_conflict, monkeypatch) -> None:
    team, _family_key = team_with_a_conflict
    window = MainWindow(team)
    qtbot.addWidget(window)
    shown: list[int] = []
    monkeypatch.setattr(MergeConflictsDialog, "exec",
                        lambda self: shown.append(self.table.rowCount()) or QDialog.DialogCode.Rejected)
    window.menu_actions.merge_conflicts.trigger()
    assert shown == [1]
