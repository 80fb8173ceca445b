"""A researcher's path through the app: new family, new interview, start, notes, finish."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from fieldwork.domain.casebook import InterviewStatus, StopReason
from fieldwork.domain.interview_steps import InterviewStep, StepState
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.family_list import NewFamilyDialog
from fieldwork.ui.family_page import NewInterviewDialog
from fieldwork.ui.interview.closing_notes import ClosingNotesPage
from fieldwork.ui.interview.stop_dialog import StopInterviewDialog
from fieldwork.ui.main_window import MainWindow


def _window(qtbot, store: StudyStore) -> MainWindow:
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    return window


def _answer_dialog(dialog_type, fill) -> None:
    """Fill and accept the next modal dialog of ``dialog_type`` once it appears."""

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, dialog_type), dialog
        fill(dialog)

    QTimer.singleShot(0, act)


def test_creating_a_family_and_an_interview_lands_in_the_database(qtbot, store: StudyStore) -> None:
    window = _window(qtbot, store)

    def new_family(dialog: NewFamilyDialog) -> None:
        assert dialog.code.text() == "F001"
        dialog.site.setCurrentText("Borough C")  # a new site, added to the study
        dialog.case_type.setCurrentIndex(dialog.case_type.findData("child_protection"))
        qtbot.keyClicks(dialog.notes, "Met at the children's centre")
        dialog._add()

    _answer_dialog(NewFamilyDialog, new_family)
    window.menu_actions.new_family.trigger()
    [summary] = store.family_summaries()
    assert (summary.family.code, summary.family.site) == ("F001", "Borough C")
    assert summary.family.case_type.value == "child_protection"
    assert summary.family.notes == "Met at the children's centre"
    assert "Borough C" in store.study().sites
    # Adding the family opened its page.
    assert window.pages.currentWidget() is window.family_page
    assert window.windowTitle().startswith("F001")

    def new_interview(dialog: NewInterviewDialog) -> None:
        form = dialog.form
        form.language.setCurrentIndex(form.language.findData("so"))
        form.interpreter_present.setChecked(True)
        qtbot.keyClicks(form.interpreter, "INT-22")
        form.respondent_role.setCurrentIndex(form.respondent_role.findData("father"))
        dialog._add()

    _answer_dialog(NewInterviewDialog, new_interview)
    qtbot.mouseClick(window.family_page.new_interview, Qt.MouseButton.LeftButton)
    [interview] = store.interviews_of(summary.family.key)
    assert (interview.wave, interview.language, interview.interpreter) == (1, "so", "INT-22")
    assert interview.respondent_role.value == "father"
    assert window.family_page.open_interview.text() == "&Start interview"

    qtbot.mouseClick(window.family_page.open_interview, Qt.MouseButton.LeftButton)
    assert store.interview(interview.key).status is InterviewStatus.IN_PROGRESS
    workspace = window.workspace
    assert window.windowTitle().startswith("F001 · wave 1")
    assert workspace.navigator.item(0).text().startswith("Visit details")

    workspace.navigator.setCurrentRow(workspace.steps.index(InterviewStep.CLOSING_NOTES))
    notes = workspace.page(InterviewStep.CLOSING_NOTES)
    assert isinstance(notes, ClosingNotesPage)
    qtbot.keyClicks(notes.notes, "Calm visit")
    assert store.interview(interview.key).closing_notes == "Calm visit"
    assert window.save_status.text().startswith("Saved ")
    # A note is the step's work: it shows Done without the box being ticked.
    assert store.step_states(interview.key)[InterviewStep.CLOSING_NOTES] is StepState.DONE
    assert workspace.navigator.currentItem().text().endswith("Done")
    assert workspace.step_done.isChecked()
    workspace.step_done.setChecked(False)  # the researcher knows better: kept
    qtbot.keyClicks(notes.notes, ", more to add")
    assert store.step_states(interview.key)[InterviewStep.CLOSING_NOTES] is StepState.IN_PROGRESS
    assert "In progress" in workspace.navigator.currentItem().text()


def test_a_refused_edit_is_shown_as_not_saved(qtbot, store: StudyStore) -> None:
    family = store.add_family()
    interview = store.add_interview(family.key)
    window = _window(qtbot, store)
    window.open_family(family.key)
    window.open_interview(interview.key)
    details = window.workspace.page(InterviewStep.VISIT_DETAILS)
    details.form.interpreter_present.setChecked(True)  # no name yet: refused
    assert window.save_status.text().startswith("Not saved: interpreter")
    assert store.interview(interview.key).interpreter_present is False
    qtbot.keyClicks(details.form.interpreter, "INT-1")
    assert window.save_status.text().startswith("Saved ")
    assert store.interview(interview.key).interpreter == "INT-1"


def test_stopping_an_interview_records_the_reason(qtbot, store: StudyStore) -> None:
    interview = store.add_interview(store.add_family().key)
    store.change_status(interview.key, "in_progress")
    window = _window(qtbot, store)
    window.open_interview(interview.key)

    def stop(dialog: StopInterviewDialog) -> None:
        dialog.reason.setCurrentIndex(dialog.reason.findData("respondent_distressed"))
        qtbot.keyClicks(dialog.note, "We stopped and talked")
        assert not dialog.safeguarding.isVisibleTo(dialog)
        dialog._stop()

    _answer_dialog(StopInterviewDialog, stop)
    qtbot.mouseClick(window.workspace.stop, Qt.MouseButton.LeftButton)
    stopped = store.interview(interview.key)
    assert (stopped.status, stopped.stop_reason) == (InterviewStatus.TERMINATED, StopReason.RESPONDENT_DISTRESSED)
    assert stopped.stop_note == "We stopped and talked"
    assert "Stopped" in window.workspace.title.text()
    assert window.workspace.ended_early.text() == (
        "Stopped early: Respondent became distressed — We stopped and talked")
    assert not window.workspace.stop.isVisible() and not window.workspace.finish.isVisible()


def test_finishing_an_interview(qtbot, store: StudyStore) -> None:
    interview = store.add_interview(store.add_family().key)
    store.change_status(interview.key, "in_progress")
    window = _window(qtbot, store)
    window.open_interview(interview.key)
    asked: list[str] = []

    def finish(box: QMessageBox) -> None:
        asked.append(box.text())
        box.finish_button.click()

    _answer_dialog(QMessageBox, finish)
    qtbot.mouseClick(window.workspace.finish, Qt.MouseButton.LeftButton)
    labels = [window.workspace.navigator.item(row).text().split("\n")[0]
              for row in range(window.workspace.navigator.count())]
    assert f"Not done yet: {', '.join(labels)}." in asked[0]
    assert store.interview(interview.key).status is InterviewStatus.COMPLETED


def test_keyboard_alone_opens_a_family_and_goes_back(qtbot, demo_store: StudyStore) -> None:
    window = _window(qtbot, demo_store)
    table = window.family_list.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.family_page
    assert window.windowTitle().startswith("F002")
    window.menu_actions.back.trigger()
    assert window.pages.currentWidget() is window.family_list


def test_stopping_for_a_safeguarding_concern_records_the_procedure(qtbot, store: StudyStore, monkeypatch) -> None:
    from fieldwork.storage.visit_events import safeguarding_report

    interview = store.add_interview(store.add_family().key)
    store.change_status(interview.key, "in_progress")
    window = _window(qtbot, store)
    window.open_interview(interview.key)
    refusals: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: refusals.append(text))

    def stop(dialog: StopInterviewDialog) -> None:
        dialog.reason.setCurrentIndex(dialog.reason.findData("safeguarding_concern"))
        assert dialog.safeguarding.isVisibleTo(dialog)
        dialog.procedure_followed.setChecked(True)
        dialog._stop()  # nobody named yet: refused, dialog stays open
        assert refusals and "who was told" in refusals[-1]
        assert store.interview(interview.key).status is InterviewStatus.IN_PROGRESS
        qtbot.keyClicks(dialog.who_was_told, "Duty social worker")
        dialog._stop()

    _answer_dialog(StopInterviewDialog, stop)
    qtbot.mouseClick(window.workspace.stop, Qt.MouseButton.LeftButton)
    assert store.interview(interview.key).stop_reason is StopReason.SAFEGUARDING_CONCERN
    report = safeguarding_report(store, interview.key)
    assert report.procedure_followed and report.who_was_told == "Duty social worker"
    assert report.told_at is not None


def test_a_window_dropped_without_closing_does_not_break_the_next_edit(qtbot, store: StudyStore) -> None:
    import shiboken6

    from fieldwork.ui.save_status import SaveReporter

    reporter = SaveReporter(store)
    shiboken6.delete(reporter)  # its Qt object is gone; its listener is still with the store
    family = store.add_family(notes="still saved")  # must not raise: the edit has committed
    assert store.family(family.key).notes == "still saved"
    assert store.add_family().code == "F002"
