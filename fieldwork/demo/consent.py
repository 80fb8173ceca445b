"""The demo study's consent: a signed record, verbal ones with an interpreter as witness,
and a family that said no to SCORE-15 (so its step shows 'not consented').

Each interview is asked on the form for its wave and mode, as the consent step would choose
it: Family X (F001, a mother with learning difficulties) on the easy-read form at wave 1 and
verbally on the telephone form at wave 2; others on the wave-1 and wave-2 forms. None asks
about audio: the demo study does not record audio."""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone

from fieldwork.domain.casebook import Interview, InterviewMode, InterviewStatus
from fieldwork.domain.consent import (
    ConsentForm,
    HowGiven,
    answers_from_choices,
    confirm_consent,
)
from fieldwork.domain.consent_forms import CONSENT_FORMS_FOLDER, newest_form
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


def english_consent_form(form_id: str = "family-interview") -> ConsentForm:
    """The shipped English consent form ``form_id`` (newest version offered).

    Raises ``FieldworkError`` (one line for the command line) when the app was installed
    without its data files, so the demo says so instead of failing half-way.
    """
    forms, _errors = load_consent_forms(CONSENT_FORMS_FOLDER)
    form = newest_form(forms, form_id)
    if form is None:
        raise FieldworkError(
            f"No English consent form in {CONSENT_FORMS_FOLDER} (looking for '{form_id}'): this "
            "installation is missing its data files; reinstall fieldwork."
        )
    return form


def demo_form(interview: Interview, easy_read: bool = False) -> ConsentForm:
    """The form for the interview's wave and mode, as it is asked then (no audio)."""
    if interview.mode is InterviewMode.TELEPHONE:
        form_id = "family-interview-telephone"
    elif interview.wave >= 2:
        form_id = "family-interview-wave2"
    else:
        form_id = "family-interview-easy-read" if easy_read else "family-interview"
    return english_consent_form(form_id).as_asked(interview.wave)


def add_consent_demo(store: StudyStore) -> None:
    researcher = store.researchers()[0].name
    refusals = {"F004": {"score15"}}
    easy_read = {"F001"}  # Mother X had learning difficulties (Appendix 6)
    for summary in store.family_summaries():
        code = summary.family.code
        for interview in store.interviews_of(summary.family.key):
            if interview.status is InterviewStatus.PLANNED:
                continue
            form = demo_form(interview, easy_read=code in easy_read)
            refused = refusals.get(code, set())
            choices = {s.statement_id: s.component not in refused for s in form.statements}
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
