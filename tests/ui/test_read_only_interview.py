"""Finished means finished: a completed, stopped or withdrawn interview cannot be changed from
any page of its workspace; 'Reopen for correction…' asks why, is audited and shows it."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QWidget

from fieldwork.domain.casebook import InterviewStatus
from fieldwork.domain.interview_steps import InterviewStep
from fieldwork.storage.audit import audit_entries
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.interview.reopen_dialog import ReopenDialog
from fieldwork.ui.interview.workspace import InterviewWorkspace
from fieldwork.ui.save_status import SaveReporter
from tests.conftest import give_consent

KEYS = [Qt.Key.Key_4, Qt.Key.Key_1, Qt.Key.Key_5, Qt.Key.Key_D, Qt.Key.Key_X, Qt.Key.Key_Space,
        Qt.Key.Key_Return, Qt.Key.Key_Right, Qt.Key.Key_Backspace, Qt.Key.Key_Delete]


def _database(store: StudyStore) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table: the audit and change logs would show any edit too."""
    return {table.name: list(table.rows) for table in store.db.tables}


def _demo_interview(store: StudyStore, code: str, wave: int, status: InterviewStatus) -> str:
    family = next(s.family for s in store.family_summaries() if s.family.code == code)
    interview = next(i for i in store.interviews_of(family.key) if i.wave == wave)
    assert interview.status is status
    return interview.key


def _f001_wave1(store: StudyStore) -> str:
    return _demo_interview(store, "F001", 1, InterviewStatus.COMPLETED)


def _workspace(qtbot, store: StudyStore, key: str) -> InterviewWorkspace:
    workspace = InterviewWorkspace(store, SaveReporter(store), key)
    qtbot.addWidget(workspace)
    workspace.resize(1300, 740)
    workspace.show()
    qtbot.waitExposed(workspace)
    return workspace


def _go(workspace: InterviewWorkspace, step: InterviewStep) -> None:
    workspace.navigator.setCurrentRow(workspace.steps.index(step))


def _press_keys_on_every_page(qtbot, workspace: InterviewWorkspace) -> None:
    """Every key of KEYS on each page and on each widget of it that can hold the keyboard
    focus (visible, enabled, taking focus): where a researcher's key press can land.

    A key may open a dialog that changes nothing by itself (save a map picture, show the
    family view): each one is closed unanswered at once, as a researcher pressing Esc would,
    so the keys go on; what counts is that nothing reaches the database."""
    from PySide6.QtCore import QTimer

    closer = QTimer()
    closer.setInterval(20)
    closer.timeout.connect(_close_any_dialog)
    closer.start()
    try:
        _press_keys(qtbot, workspace)
    finally:
        closer.stop()


def _close_any_dialog() -> None:
    from PySide6.QtWidgets import QDialog

    popup = QApplication.activePopupWidget()  # a menu or a list a key opened
    if popup is not None:
        popup.close()
    modal = QApplication.activeModalWidget()
    if isinstance(modal, QDialog):
        modal.reject()
    elif modal is not None:
        modal.close()


def _press_keys(qtbot, workspace: InterviewWorkspace) -> None:
    for step in workspace.steps:
        _go(workspace, step)
        page = workspace.page(step)
        targets = [page, *(w for w in page.findChildren(QWidget) if w.isVisible() and w.isEnabled()
                           and w.focusPolicy() != Qt.FocusPolicy.NoFocus)]
        for target in targets:
            for key in KEYS:
                qtbot.keyClick(target, key)


def test_a_key_press_on_score15_of_a_completed_interview_changes_nothing(qtbot, demo_store: StudyStore) -> None:
    key = _f001_wave1(demo_store)
    workspace = _workspace(qtbot, demo_store, key)
    _go(workspace, InterviewStep.SCORE15)
    page = workspace.page(InterviewStep.SCORE15)
    before = _database(demo_store)
    # As in the issue: back from the results to item 15, then a number key.
    qtbot.mouseClick(page.results_back, Qt.MouseButton.LeftButton)
    page.setFocus()
    for digit in (Qt.Key.Key_4, Qt.Key.Key_1, Qt.Key.Key_D):
        qtbot.keyClick(page, digit)
    assert _database(demo_store) == before


def test_no_key_on_any_page_of_a_finished_interview_changes_the_database(qtbot, demo_store) -> None:
    stopped = _demo_interview(demo_store, "F003", 1, InterviewStatus.TERMINATED)
    for key in (_f001_wave1(demo_store), stopped):
        before = _database(demo_store)
        workspace = _workspace(qtbot, demo_store, key)
        assert workspace.read_only and all(workspace.page(s).read_only for s in workspace.steps)
        assert not workspace.step_done.isEnabled()
        _press_keys_on_every_page(qtbot, workspace)
        assert _database(demo_store) == before


def test_a_withdrawn_interview_is_read_only_and_cannot_be_reopened(qtbot, store: StudyStore) -> None:
    interview = store.add_interview(store.add_family(site="Borough A").key)
    store.change_status(interview.key, "in_progress")
    give_consent(store, interview.key)
    store.change_status(interview.key, "withdrawn")
    before = _database(store)
    workspace = _workspace(qtbot, store, interview.key)
    assert workspace.read_only
    assert not workspace.reopen.isVisible()
    _press_keys_on_every_page(qtbot, workspace)
    assert _database(store) == before


def test_visit_details_and_notes_stay_readable_when_finished(qtbot, demo_store: StudyStore) -> None:
    workspace = _workspace(qtbot, demo_store, _f001_wave1(demo_store))
    notes = workspace.page(InterviewStep.CLOSING_NOTES)
    _go(workspace, InterviewStep.CLOSING_NOTES)
    # Not greyed out: read-only text that can be selected and scrolled.
    assert notes.notes.isEnabled() and notes.notes.isReadOnly()
    assert notes.notes.toPlainText()
    details = workspace.page(InterviewStep.VISIT_DETAILS)
    assert details.form.interpreter.isReadOnly() and not details.form.mode.isEnabled()
    assert "finished" in details.hint.text()


def test_reopening_asks_why_and_shows_it(qtbot, demo_store: StudyStore) -> None:
    key = _f001_wave1(demo_store)
    workspace = _workspace(qtbot, demo_store, key)
    assert workspace.reopen.isVisible() and not workspace.reopened.isVisible()
    seen: list[bool] = []

    def reopen() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ReopenDialog), dialog
        seen.append(dialog.reopen.isEnabled())  # no reason yet: greyed
        qtbot.keyClicks(dialog.reason, "Item 15 keyed as 4, she said 2")
        qtbot.mouseClick(dialog.reopen, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, reopen)
    qtbot.mouseClick(workspace.reopen, Qt.MouseButton.LeftButton)
    assert seen == [False]
    interview = demo_store.interview(key)
    assert interview.status is InterviewStatus.COMPLETED and interview.correction_open
    assert interview.reopen_reason == "Item 15 keyed as 4, she said 2"
    assert audit_entries(demo_store.db, limit=1)[0].action == "reopen"
    when = interview.reopened_at
    assert workspace.reopened.isVisible()
    assert workspace.reopened.text() == (
        f"Reopened for correction on {when.day} {when:%B %Y}: Item 15 keyed as 4, she said 2")
    # Open again on every page: a correction lands in the database.
    assert not workspace.read_only and not any(workspace.page(s).read_only for s in workspace.steps)
    _go(workspace, InterviewStep.CLOSING_NOTES)
    notes = workspace.page(InterviewStep.CLOSING_NOTES).notes
    notes.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(notes, " Corrected item 15.")
    assert demo_store.interview(key).closing_notes.endswith("Corrected item 15.")

    qtbot.mouseClick(workspace.finish_correction, Qt.MouseButton.LeftButton)
    assert workspace.read_only and not demo_store.interview(key).correction_open
    assert workspace.reopened.isVisible()  # it stays said that it was reopened


@pytest.mark.parametrize("reason", ["", "   "])
def test_reopen_is_refused_without_a_reason(qtbot, demo_store: StudyStore, reason: str) -> None:
    key = _f001_wave1(demo_store)
    workspace = _workspace(qtbot, demo_store, key)
    dialog = workspace.reopen_dialog()
    qtbot.addWidget(dialog)
    dialog.reason.setPlainText(reason)
    assert not dialog.reopen.isEnabled()
    dialog._reopen()  # even if forced, the study refuses it
    assert not demo_store.interview(key).correction_open
