"""The steps of one interview visit and where each stands.

A visit runs consent → network map → SCORE-15 → other questions → closing notes. The
researcher may move between steps freely; each step keeps a state the navigator shows.
"""

from __future__ import annotations

from enum import StrEnum

from fieldwork.domain.consent import ConsentComponent


class InterviewStep(StrEnum):
    VISIT_DETAILS = "visit_details"
    CONSENT = "consent"
    NETWORK_MAP = "network_map"
    SCORE15 = "score15"
    OTHER_QUESTIONS = "other_questions"
    CONVERSATION = "conversation"
    CLOSING_NOTES = "closing_notes"


STEP_LABELS = {
    InterviewStep.VISIT_DETAILS: "Visit details",
    InterviewStep.CONSENT: "Consent",
    InterviewStep.NETWORK_MAP: "Network map",
    InterviewStep.SCORE15: "SCORE-15",
    InterviewStep.OTHER_QUESTIONS: "Other questions",
    InterviewStep.CONVERSATION: "Conversation",
    InterviewStep.CLOSING_NOTES: "Closing notes",
}


class StepState(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    NOT_CONSENTED = "not_consented"


STEP_STATE_LABELS = {
    StepState.NOT_STARTED: "Not started",
    StepState.IN_PROGRESS: "In progress",
    StepState.DONE: "Done",
    StepState.NOT_CONSENTED: "Not consented",
}

# The consent component a step records under (see fieldwork.domain.consent): a step whose
# component the family refused, or has not yet been asked about, cannot be opened.
STEP_CONSENT_COMPONENT: dict[InterviewStep, ConsentComponent] = {
    InterviewStep.NETWORK_MAP: ConsentComponent.NETWORK_MAP,
    InterviewStep.SCORE15: ConsentComponent.SCORE15,
    InterviewStep.OTHER_QUESTIONS: ConsentComponent.INTERVIEW,
    InterviewStep.CONVERSATION: ConsentComponent.INTERVIEW,  # quotes also need anonymous_quotes
}
