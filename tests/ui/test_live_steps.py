"""Live steps: a change made on one step (consent, visit details) shows on every other step
at once, without leaving the interview; step states follow the recorded work."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from fieldwork.domain.interview_steps import InterviewStep, StepState
from fieldwork.storage.consent_store import current_consent
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.interview.workspace import InterviewWorkspace
from fieldwork.ui.save_status import SaveReporter

LEFT = Qt.MouseButton.LeftButton


def _workspace(qtbot, store: StudyStore, key: str) -> InterviewWorkspace:
    workspace = InterviewWorkspace(store, SaveReporter(store), key)
    qtbot.addWidget(workspace)
    workspace.resize(1300, 720)
    workspace.show()
    return workspace


def _interview(store: StudyStore, **details) -> str:
    interview = store.add_interview(store.add_family(site="Borough A").key, **details)
    store.change_status(interview.key, "in_progress")
    return interview.key


def _state(workspace: InterviewWorkspace, step: InterviewStep) -> str:
    return workspace.navigator.item(workspace.steps.index(step)).text().split("\n")[1].strip()


def _go(workspace: InterviewWorkspace, step: InterviewStep) -> None:
    workspace.navigator.setCurrentRow(workspace.steps.index(step))


def _confirm_consent_on_the_page(qtbot, workspace: InterviewWorkspace) -> None:
    """Answer yes to every statement, verbal, researcher chosen, Confirm: as a researcher does."""
    _go(workspace, InterviewStep.CONSENT)
    page = workspace.page(InterviewStep.CONSENT)
    for row in page.entry.rows:
        qtbot.mouseClick(row.yes, LEFT)
    radio = page.entry.verbal
    qtbot.mouseClick(radio, LEFT, pos=QPoint(10, radio.height() // 2))
    page.entry.researcher.setCurrentIndex(page.entry.researcher.findText("R01 Test Researcher"))
    qtbot.mouseClick(page.entry.confirm, LEFT)


def test_confirmed_consent_opens_score15_at_once(qtbot, store: StudyStore) -> None:
    key = _interview(store)
    workspace = _workspace(qtbot, store, key)
    assert not workspace.is_open(InterviewStep.SCORE15)
    _go(workspace, InterviewStep.SCORE15)
    blocked = workspace._blocked[workspace.steps.index(InterviewStep.SCORE15)]
    assert "consent has not been recorded" in blocked.text()

    _confirm_consent_on_the_page(qtbot, workspace)
    assert current_consent(store, key) is not None

    for step in (InterviewStep.NETWORK_MAP, InterviewStep.SCORE15, InterviewStep.OTHER_QUESTIONS):
        assert workspace.is_open(step), step
        assert _state(workspace, step) != "Needs consent first"
    _go(workspace, InterviewStep.SCORE15)
    score15 = workspace.page(InterviewStep.SCORE15)
    assert score15.isVisible()
    # The page's own refusal banner follows too (the questionnaire page re-reads consent).
    assert not score15.refusal.isVisible()


def test_a_change_to_telephone_shows_the_telephone_script_at_once(qtbot, store: StudyStore) -> None:
    key = _interview(store)
    from tests.conftest import give_consent

    give_consent(store, key)
    workspace = _workspace(qtbot, store, key)
    refreshed: list[InterviewStep] = []
    for step in workspace.steps:
        page = workspace.page(step)
        page.refresh_calls = 0
        original = page.refresh

        def counting(original=original, step=step) -> None:
            refreshed.append(step)
            original()

        page.refresh = counting
    _go(workspace, InterviewStep.VISIT_DETAILS)
    details = workspace.page(InterviewStep.VISIT_DETAILS)
    with qtbot.waitSignal(details.interview_changed):
        details.form.mode.setCurrentIndex(details.form.mode.findData("telephone"))
    assert store.interview(key).mode.value == "telephone"
    # The workspace asked every page to read the study again, at once.
    assert set(refreshed) == set(workspace.steps)


def test_steps_follow_the_work_unless_set_by_hand(qtbot, store: StudyStore) -> None:
    key = _interview(store)
    workspace = _workspace(qtbot, store, key)
    assert _state(workspace, InterviewStep.VISIT_DETAILS) == "Not started"
    details = workspace.page(InterviewStep.VISIT_DETAILS)
    details.form.researcher.setCurrentIndex(details.form.researcher.findText("R01 Test Researcher"))
    details.form.interview_date.setDate(details.form.interview_date.date().addDays(-1))
    # Date and researcher saved: the step's work is done, and it says so.
    assert _state(workspace, InterviewStep.VISIT_DETAILS) == "Done"
    assert store.step_states(key)[InterviewStep.VISIT_DETAILS] is StepState.DONE

    _go(workspace, InterviewStep.CLOSING_NOTES)
    notes = workspace.page(InterviewStep.CLOSING_NOTES)
    qtbot.keyClicks(notes.notes, "Calm visit")
    assert _state(workspace, InterviewStep.CLOSING_NOTES) == "Done"
    workspace.step_done.setChecked(False)  # the researcher wants to add more later
    assert _state(workspace, InterviewStep.CLOSING_NOTES) == "In progress"
    assert InterviewStep.CLOSING_NOTES in store.steps_set_by_hand(key)
    # Kept over the work, now and in a workspace opened afterwards.
    qtbot.keyClicks(notes.notes, ".")
    again = _workspace(qtbot, store, key)
    assert _state(again, InterviewStep.CLOSING_NOTES) == "In progress"
    # Ticking it again agrees with the work: the step follows the work once more.
    _go(again, InterviewStep.CLOSING_NOTES)
    again.step_done.setChecked(True)
    assert InterviewStep.CLOSING_NOTES not in store.steps_set_by_hand(key)
    assert _state(again, InterviewStep.CLOSING_NOTES) == "Done"


def test_previous_next_and_done_move_through_the_visit(qtbot, store: StudyStore) -> None:
    key = _interview(store)
    workspace = _workspace(qtbot, store, key)
    assert workspace._current_step() is InterviewStep.VISIT_DETAILS
    assert not workspace.previous.isEnabled()
    assert "Consent" in workspace.next.toolTip() and "Ctrl+PgDown" in workspace.next.toolTip()
    qtbot.mouseClick(workspace.next, LEFT)
    assert workspace._current_step() is InterviewStep.CONSENT
    assert "Visit details" in workspace.previous.toolTip() and "Ctrl+PgUp" in workspace.previous.toolTip()
    with qtbot.waitActive(workspace):  # shortcuts work in the active window
        workspace.activateWindow()
    workspace.navigator.setFocus()
    qtbot.keyClick(workspace.navigator, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert workspace._current_step() is InterviewStep.NETWORK_MAP
    qtbot.keyClick(workspace.navigator, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    qtbot.mouseClick(workspace.previous, LEFT)
    assert workspace._current_step() is InterviewStep.VISIT_DETAILS

    # Ticking 'done' records it and moves on to the next step.
    geometry = workspace.step_done.geometry()
    workspace.step_done.setChecked(True)
    assert store.step_states(key)[InterviewStep.VISIT_DETAILS] is StepState.DONE
    assert workspace._current_step() is InterviewStep.CONSENT
    assert not workspace.step_done.isChecked()
    assert workspace.step_done.geometry() == geometry  # nothing moved under the pointer
    _go(workspace, InterviewStep.CLOSING_NOTES)
    assert not workspace.next.isEnabled() and workspace.next.isVisible()


def test_the_finish_dialog_names_unfinished_steps_and_defaults_to_going_back(qtbot, store) -> None:
    key = _interview(store)
    workspace = _workspace(qtbot, store, key)
    box = workspace.finish_question()
    qtbot.addWidget(box)
    assert "Not done yet: Visit details, Consent, Network map, SCORE-15, Other questions, " \
           "Conversation, Closing notes." in box.text()
    assert box.defaultButton() is box.go_back and box.escapeButton() is box.go_back
    assert box.go_back.text() == "&Go back"
    for step in workspace.steps:
        store.set_step_state(key, step, StepState.DONE, by_hand=True)
    box = workspace.finish_question()
    qtbot.addWidget(box)
    assert "Not done yet" not in box.text()
    assert box.defaultButton() is box.finish_button


def test_going_back_from_finish_opens_the_first_unfinished_step(qtbot, store: StudyStore) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    key = _interview(store)
    store.set_step_state(key, InterviewStep.VISIT_DETAILS, StepState.DONE, by_hand=True)
    workspace = _workspace(qtbot, store, key)
    _go(workspace, InterviewStep.CLOSING_NOTES)

    def press_return() -> None:  # Return presses the default button
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox), box
        qtbot.keyClick(box, Qt.Key.Key_Return)

    QTimer.singleShot(0, press_return)
    qtbot.mouseClick(workspace.finish, LEFT)
    assert store.interview(key).status.value == "in_progress"
    assert workspace._current_step() is InterviewStep.CONSENT
