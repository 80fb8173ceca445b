"""Saved means saved when another program changes the study under an open window
(issue 15, point 1): the window says 'Not saved', keeps what was typed, and offers to reopen.

Seen on main: `passphrase` run while the app had the study open re-keyed it; notes typed
after that showed, 'Saved hh:mm' stayed on the status line, and the file kept the old text
(the read before the edit raised a raw driver error nobody caught). The writer lock now
refuses such a command (tests/storage/test_one_writer.py); here the change comes from a
program that does not take the lock (an older fieldwork, a copy tool), as a real process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlcipher3

from fieldwork.storage.study_store import StudyStore
from fieldwork.ui import study_lost_dialog
from fieldwork.ui.main_window import MainWindow
from tests.conftest import PASSPHRASE

NEW = "a passphrase set by another program"
REKEY = """
import sys, sqlcipher3
c = sqlcipher3.connect(sys.argv[1], isolation_level=None)
c.execute("PRAGMA key = '%s'" % sys.argv[2]); c.execute("PRAGMA rekey = '%s'" % sys.argv[3]); c.close()
"""


@pytest.fixture
def open_window(qtbot, study_path: Path, monkeypatch) -> tuple[MainWindow, str, list[str]]:
    store = StudyStore.create(study_path, PASSPHRASE, "Study", "R01")
    family = store.add_family(code="F001", notes="before")
    window = MainWindow(store)
    qtbot.addWidget(window)
    asked: list[str] = []
    monkeypatch.setattr(study_lost_dialog, "ask_to_reopen", lambda parent, problem: asked.append(problem) or False)
    window.open_family(family.key)
    yield window, family.key, asked
    store.close()


def _type_notes(window: MainWindow, qtbot, text: str) -> None:
    page = window.family_page
    assert page is not None
    page.notes.clear()
    qtbot.keyClicks(page.notes, text)


def test_notes_typed_after_another_program_rekeyed_the_study_say_not_saved(open_window, qtbot,
                                                                           study_path: Path) -> None:
    window, family_key, asked = open_window
    _type_notes(window, qtbot, "first")
    assert window.save_status.text().startswith("Saved")
    subprocess.run([sys.executable, "-c", REKEY, str(study_path), PASSPHRASE, NEW], check=True,
                   env={**os.environ})
    _type_notes(window, qtbot, "typed after the re-key")
    status = window.save_status.text()
    assert status.startswith("Not saved"), status
    assert "can no longer be read" in status
    assert window.family_page.notes.toPlainText() == "typed after the re-key"  # still on screen
    assert asked and "reopen" in asked[0]
    assert window.windowTitle().startswith("Not saved")
    window.store.close()
    connection = sqlcipher3.connect(str(study_path))
    connection.execute(f"PRAGMA key = '{NEW}'")
    notes = connection.execute("SELECT notes FROM families WHERE key = ?", [family_key]).fetchone()[0]
    connection.close()
    assert notes == "first"


def test_a_study_file_replaced_under_the_window_is_never_saved_to(open_window, qtbot, study_path: Path,
                                                                  tmp_path: Path) -> None:
    window, family_key, asked = open_window
    other = StudyStore.create(tmp_path / "other.db", PASSPHRASE, "Other", "R02")
    other.add_family(code="F001", notes="the other file")
    other.close()
    os.replace(tmp_path / "other.db", study_path)  # as a restore by an older fieldwork did
    _type_notes(window, qtbot, "typed after the swap")
    status = window.save_status.text()
    assert status.startswith("Not saved"), status
    assert "replaced the study file" in status
    assert asked
    window.store.close()
    reopened = StudyStore.open(study_path, PASSPHRASE, read_only=True)
    assert [s.family.notes for s in reopened.family_summaries()] == ["the other file"]
    reopened.close()
