"""The pages of the interview workspace, in the order of a visit.

Like Picard's ``PAGES``: the workspace builds its navigator from ``STEP_PAGES``. A later
capability (consent, the network map, SCORE-15, the other questions) plugs in by adding
its page here, between visit details and closing notes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from fieldwork.domain.interview_steps import InterviewStep
from fieldwork.domain.resource_library import ResourceLibrary
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


def step_pages(resources: ResourceLibrary) -> tuple[StepDefinition, ...]:
    """The steps in visit order; the pages that show forms, prompts or questions get ``resources``."""
    from fieldwork.ui.consent import ConsentPage
    from fieldwork.ui.interview.closing_notes import ClosingNotesPage
    from fieldwork.ui.interview.visit_details import VisitDetailsPage
    from fieldwork.ui.network_map.page import NetworkMapPage
    from fieldwork.ui.questionnaire.page import OtherQuestionsPage, Score15Page

    return (
        StepDefinition(InterviewStep.VISIT_DETAILS, VisitDetailsPage),
        StepDefinition(InterviewStep.CONSENT, partial(ConsentPage, resources=resources)),
        StepDefinition(InterviewStep.NETWORK_MAP, partial(NetworkMapPage, resources=resources)),
        StepDefinition(InterviewStep.SCORE15, partial(Score15Page, resources=resources)),
        StepDefinition(InterviewStep.OTHER_QUESTIONS, partial(OtherQuestionsPage, resources=resources)),
        StepDefinition(InterviewStep.CLOSING_NOTES, ClosingNotesPage),
    )
