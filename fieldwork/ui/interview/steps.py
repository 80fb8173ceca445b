"""The pages of the interview workspace, in the order of a visit.

Like Picard's ``PAGES``: the workspace builds its navigator from ``STEP_PAGES``. A later
capability (consent, the network map, SCORE-15, the other questions) plugs in by adding
its page here, between visit details and closing notes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from fieldwork.domain.interview_steps import InterviewStep
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.save_status import SaveReporter


class StepPage(QWidget):
    """A page of the workspace. Emits ``edited`` when the researcher records something."""

    edited = Signal()

    def __init__(self, store: StudyStore, reporter: SaveReporter, interview_key: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.reporter, self.interview_key = store, reporter, interview_key


@dataclass(frozen=True)
class StepDefinition:
    step: InterviewStep
    make_page: Callable[[StudyStore, SaveReporter, str], StepPage]


def step_pages() -> tuple[StepDefinition, ...]:
    from fieldwork.ui.interview.closing_notes import ClosingNotesPage
    from fieldwork.ui.interview.visit_details import VisitDetailsPage

    return (
        StepDefinition(InterviewStep.VISIT_DETAILS, VisitDetailsPage),
        # -- consent (issue 3) --
        # -- network map (issue 4) --
        # -- SCORE-15 and other questions (issue 5) --
        StepDefinition(InterviewStep.CLOSING_NOTES, ClosingNotesPage),
    )
