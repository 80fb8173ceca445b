"""Consent gates the steps of the visit in the workspace: no consent, nothing to record."""

from __future__ import annotations

from datetime import date

from fieldwork.domain.interview_steps import InterviewStep
from fieldwork.storage.study_store import StudyStore
from fieldwork.storage.withdrawal_store import record_withdrawal
from fieldwork.ui.main_window import MainWindow
from tests.conftest import give_consent


def _state(window: MainWindow, step: InterviewStep) -> str:
    workspace = window.workspace
    return workspace.navigator.item(workspace.steps.index(step)).text().split("\n")[1].strip()


def _blocked_text(window: MainWindow, step: InterviewStep) -> str:
    workspace = window.workspace
    return workspace._blocked[workspace.steps.index(step)].text()


def test_steps_open_only_with_consent(qtbot, store: StudyStore) -> None:
    family = store.add_family()
    interview = store.add_interview(family.key)
    store.change_status(interview.key, "in_progress")
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.open_interview(interview.key)
    workspace = window.workspace
    for step in (InterviewStep.NETWORK_MAP, InterviewStep.SCORE15, InterviewStep.OTHER_QUESTIONS):
        assert not workspace.is_open(step)
        assert _state(window, step) == "Needs consent first"
        assert "consent has not been recorded" in _blocked_text(window, step)
    assert workspace.is_open(InterviewStep.CONSENT) and workspace.is_open(InterviewStep.CLOSING_NOTES)

    give_consent(store, interview.key, refuse=("score15",))
    window.open_interview(interview.key)
    workspace = window.workspace
    assert workspace.is_open(InterviewStep.NETWORK_MAP)
    assert workspace.is_open(InterviewStep.OTHER_QUESTIONS)
    assert not workspace.is_open(InterviewStep.SCORE15)
    assert _state(window, InterviewStep.SCORE15) == "Not consented"
    assert "did not agree to this part" in _blocked_text(window, InterviewStep.SCORE15)
    workspace.navigator.setCurrentRow(workspace.steps.index(InterviewStep.SCORE15))
    assert not workspace.step_done.isEnabled()

    record_withdrawal(store, family.key, date(2026, 6, 1), "network_map", "telephone", "keep_collected")
    window.open_interview(interview.key)
    assert not window.workspace.is_open(InterviewStep.NETWORK_MAP)
    assert "withdrawn consent for this part" in _blocked_text(window, InterviewStep.NETWORK_MAP)
