"""The demo study's consent: a signed record, verbal ones with an interpreter as witness,
and a family that said no to SCORE-15 (so its step shows 'not consented')."""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone

from fieldwork.domain.casebook import InterviewStatus
from fieldwork.domain.consent import (
    ConsentForm,
    HowGiven,
    answers_from_choices,
    confirm_consent,
)
from fieldwork.domain.consent_forms import CONSENT_FORMS_FOLDER
from fieldwork.domain.errors import FieldworkError
from fieldwork.domain.resource_loading import load_consent_forms
from fieldwork.storage.consent_store import save_consent
from fieldwork.storage.study_store import StudyStore

LONDON_SUMMER = timezone(timedelta(hours=1))


def demo_signature() -> list[list[tuple[float, float, float]]]:
    """A scribbled signature: two strokes of (x, y, ms) points."""
    first = [(20 + 4 * i, 60 - 25 * math.sin(i / 3), 12.0 * i) for i in range(40)]
    second = [(190 + 3 * i, 50 + 10 * math.cos(i / 2), 600 + 12.0 * i) for i in range(25)]
    return [first, second]


def english_consent_form() -> ConsentForm:
    """The shipped English consent form the demo families agree to.

    Raises ``FieldworkError`` (one line for the command line) when the app was installed
    without its data files, so the demo says so instead of failing half-way.
    """
    forms, _errors = load_consent_forms(CONSENT_FORMS_FOLDER)
    form = next((form for form in forms if form.language == "en"), None)
    if form is None:
        raise FieldworkError(
            f"No English consent form in {CONSENT_FORMS_FOLDER}: this installation is "
            "missing its data files; reinstall fieldwork."
        )
    return form


def add_consent_demo(store: StudyStore) -> None:
    form = english_consent_form()
    researcher = store.researchers()[0].name
    refusals = {"F004": {"score15", "audio_recording"}}
    for summary in store.family_summaries():
        code = summary.family.code
        for interview in store.interviews_of(summary.family.key):
            if interview.status is InterviewStatus.PLANNED:
                continue
            refused = refusals.get(code, {"audio_recording"})
            choices = {s.statement_id: s.component.value not in refused for s in form.statements}
            day = interview.interview_date
            confirmed_at = datetime(day.year, day.month, day.day, 10, 20, tzinfo=LONDON_SUMMER)
            signed = code == "F001" and interview.wave == 1
            record = confirm_consent(
                form,
                interview_id=interview.key,
                answers=answers_from_choices(form, choices),
                how_given=HowGiven.SIGNED_ON_SCREEN if signed else HowGiven.VERBAL,
                signature=demo_signature() if signed else (),
                researcher_confirmation=researcher,
                confirmed_at=confirmed_at,
                interpreter_present=interview.interpreter_present,
                interpreter_confirmation=interview.interpreter or None,
            )
            save_consent(store, record)
