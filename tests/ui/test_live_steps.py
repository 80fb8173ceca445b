"""Live steps: a change made on one step (consent, visit details) shows on every other step
at once, without leaving the interview; step states follow the recorded work."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from fieldwork.domain.interview_steps import InterviewStep
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
