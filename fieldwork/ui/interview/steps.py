"""The pages of the interview workspace, in the order of a visit.

Like Picard's ``PAGES``: the workspace builds its navigator from ``step_pages()``. A later
capability plugs in by adding its page here, between visit details and closing notes.
Every page derives from ``StepPage`` (``step_page.py``), never from this registry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from fieldwork.domain.interview_steps import InterviewStep
from fieldwork.domain.resource_library import ResourceLibrary
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.consent.consent_page import ConsentPage
from fieldwork.ui.interview.closing_notes import ClosingNotesPage
from fieldwork.ui.interview.conversation import ConversationPage
from fieldwork.ui.interview.step_page import StepPage
from fieldwork.ui.interview.visit_details import VisitDetailsPage
from fieldwork.ui.network_map.page import NetworkMapPage
from fieldwork.ui.questionnaire.page import OtherQuestionsPage, Score15Page
from fieldwork.ui.save_status import SaveReporter


@dataclass(frozen=True)
class StepDefinition:
    step: InterviewStep
    make_page: Callable[[StudyStore, SaveReporter, str], StepPage]


def step_pages(resources: ResourceLibrary) -> tuple[StepDefinition, ...]:
    """The steps in visit order; the pages that show forms, prompts or questions get ``resources``."""
    return (
        StepDefinition(InterviewStep.VISIT_DETAILS, VisitDetailsPage),
        StepDefinition(InterviewStep.CONSENT, partial(ConsentPage, resources=resources)),
        StepDefinition(InterviewStep.NETWORK_MAP, partial(NetworkMapPage, resources=resources)),
        StepDefinition(InterviewStep.SCORE15, partial(Score15Page, resources=resources)),
        StepDefinition(InterviewStep.OTHER_QUESTIONS, partial(OtherQuestionsPage, resources=resources)),
        StepDefinition(InterviewStep.CONVERSATION, partial(ConversationPage, resources=resources)),
        StepDefinition(InterviewStep.CLOSING_NOTES, ClosingNotesPage),
    )
