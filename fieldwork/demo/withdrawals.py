"""The demo study's withdrawals: one family erased entirely, one that left one part.

F007 took part at wave 1, then withdrew from the whole study and the policy said erase:
only the withdrawal record is left. F008 withdrew from the network map after wave 1 and
the policy said keep: what was collected stays, nothing new may be recorded for the map.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from fieldwork.demo.consent import english_consent_form
from fieldwork.domain.consent import HowGiven, answers_from_choices, confirm_consent
from fieldwork.storage.consent_store import save_consent
from fieldwork.storage.study_store import StudyStore
from fieldwork.storage.withdrawal_store import record_withdrawal


def _visited(store: StudyStore, site: str, when: date, notes: str) -> tuple[str, str]:
    family = store.add_family(site=site, case_type="child_in_need", notes=notes)
    interview = store.add_interview(family.key, interview_date=when, respondent_role="mother",
                                    researcher_key=store.researchers()[0].key)
    store.change_status(interview.key, "in_progress")
    form = english_consent_form()
    save_consent(store, confirm_consent(
        form, interview_id=interview.key,
        answers=answers_from_choices(form, {s.statement_id: True for s in form.statements}),
        how_given=HowGiven.VERBAL, researcher_confirmation=store.researchers()[0].name,
        confirmed_at=datetime(when.year, when.month, when.day, 11, 0, tzinfo=UTC),
    ))
    return family.key, interview.key


def add_withdrawal_demo(store: StudyStore, before_withdrawing=None) -> None:  # noqa: ANN001
    """``before_withdrawing(store, interview_key)`` may add data that the withdrawal then keeps."""
    erased, erased_interview = _visited(
        store, "Borough B", date(2015, 7, 8), "Family who later withdrew; everything erased.")
    store.update_interview(erased_interview, closing_notes="Visit went well; mother busy with work.")
    store.change_status(erased_interview, "completed")
    record_withdrawal(store, erased, date(2015, 9, 1), "whole", "telephone", "erase")

    kept, kept_interview = _visited(
        store, "Borough C", date(2015, 7, 29), "Withdrew from the network map after wave 1.")
    if before_withdrawing is not None:
        before_withdrawing(store, kept_interview)
    store.update_interview(kept_interview, closing_notes="Map drawn with mother and her partner.")
    store.change_status(kept_interview, "completed")
    record_withdrawal(store, kept, date(2015, 10, 12), "network_map", "letter_or_email", "keep_collected")
