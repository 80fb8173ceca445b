"""Consent in the database: confirmed records, withdrawals, and the gate every write passes.

``require_consent`` is called by every store that records something about a family (the
map, the questionnaires, ...) before it writes: with no consent record, with the interview
or the component refused, or after a withdrawal, nothing is written and the researcher is
told why. The rules themselves live in ``fieldwork.domain.consent_gating``.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from fieldwork.domain.consent import (
    ConsentAnswer,
    ConsentComponent,
    ConsentRecord,
    current_record,
)
from fieldwork.domain.consent_gating import (
    RecordingPermission,
    RecordingReason,
    Withdrawal,
    may_record,
)
from fieldwork.domain.errors import FieldworkError, InvalidInput
from fieldwork.domain.interview_steps import InterviewStep, StepState
from fieldwork.storage.study_store import StudyStore


class ConsentRequired(FieldworkError):
    """Something was to be recorded without the consent that allows it; nothing was written."""


REASON_TEXTS = {
    RecordingReason.NO_CONSENT_RECORD: "consent has not been recorded for this interview yet",
    RecordingReason.NOT_ASKED_ON_FORM: "the consent form used did not ask about this part",
    RecordingReason.INTERVIEW_REFUSED: "the family did not agree to the interview",
    RecordingReason.INTERVIEW_WITHDRAWN: "the family has withdrawn from the study",
    RecordingReason.COMPONENT_REFUSED: "the family did not agree to this part",
    RecordingReason.COMPONENT_WITHDRAWN: "the family has withdrawn consent for this part",
    RecordingReason.CONSENTED: "the family agreed",
}


def _record_from_rows(row: dict[str, Any], answers: list[dict[str, Any]]) -> ConsentRecord:
    return ConsentRecord(
        record_id=row["key"],
        interview_id=row["interview_key"],
        form_id=row["form_id"],
        version=row["form_version"],
        language=row["language"],
        answers=tuple(
            ConsentAnswer(a["statement_id"], a["component"], bool(a["agreed"])) for a in answers
        ),
        how_given=row["how_given"],
        signature=json.loads(row["signature_strokes"] or "[]"),
        interpreter_present=bool(row["interpreter_present"]),
        interpreter_confirmation=row["interpreter_confirmation"],
        researcher_confirmation=row["researcher_confirmation"],
        confirmed_at=datetime.fromisoformat(row["confirmed_at"]),
        replaces=row["replaces"],
    )


def consent_records(store: StudyStore, interview_key: str) -> list[ConsentRecord]:
    """Every confirmed record of an interview, oldest first (corrections included)."""
    records = []
    for row in store.db["consent_records"].rows_where(
        "interview_key = ?", [interview_key], order_by="confirmed_at, rowid"
    ):
        answers = list(store.db["consent_answers"].rows_where("record_key = ?", [row["key"]], order_by="rowid"))
        records.append(_record_from_rows(row, answers))
    return records


def current_consent(store: StudyStore, interview_key: str) -> ConsentRecord | None:
    """The record in force: the newest correction of the interview's consent."""
    return current_record(consent_records(store, interview_key))


def signature_picture(store: StudyStore, record_key: str) -> bytes | None:
    row = store.db.execute(
        "SELECT signature_png FROM consent_records WHERE key = ?", [record_key]
    ).fetchone()
    return row[0] if row else None


def save_consent(store: StudyStore, record: ConsentRecord, signature_png: bytes | None = None) -> None:
    """Store a confirmed record (or a correction of the one in force) in one transaction."""
    interview = store.interview(record.interview_id)
    earlier = consent_records(store, interview.key)
    if any(r.record_id == record.record_id for r in earlier):
        raise InvalidInput("consent record", "this record is already stored and never changes")
    head = current_record(earlier)
    if head is not None and record.replaces != head.record_id:
        raise InvalidInput(
            "consent record",
            "consent was already recorded for this interview; a change must be recorded as a "
            "correction of the record in force",
        )
    current_record([*earlier, record])  # refuses branches and loops
    family_code = store.family(interview.family_key).code
    with store.edit(f"consent for {family_code} {interview.wave_label}") as db:
        db["consent_records"].insert({
            "key": record.record_id,
            "interview_key": record.interview_id,
            "form_id": record.form_id,
            "form_version": record.version,
            "language": record.language,
            "how_given": record.how_given.value,
            "signature_strokes": json.dumps(record.signature),
            "signature_png": signature_png,
            "interpreter_present": int(record.interpreter_present),
            "interpreter_confirmation": record.interpreter_confirmation,
            "researcher_confirmation": record.researcher_confirmation,
            "confirmed_at": record.confirmed_at.isoformat(),
            "replaces": record.replaces,
        })
        db["consent_answers"].insert_all(
            {"record_key": record.record_id, "statement_id": a.statement_id,
             "component": a.component.value, "agreed": int(a.agreed)}
            for a in record.answers
        )
        db["interview_steps"].upsert(
            {"interview_key": interview.key, "step": InterviewStep.CONSENT.value,
             "state": StepState.DONE.value, "updated_at": datetime.now().astimezone().isoformat()},
            pk=("interview_key", "step"),
        )


def _withdrawal_from_row(row: dict[str, Any]) -> Withdrawal:
    return Withdrawal(
        family_id=row["family_key"],
        withdrawn_on=date.fromisoformat(row["withdrawn_on"]),
        scope=row["scope"],
        communicated=row["communicated"],
        policy=row["policy"],
        withdrawal_id=row["key"],
    )


def withdrawals_of(store: StudyStore, family_key: str) -> list[Withdrawal]:
    return [
        _withdrawal_from_row(row)
        for row in store.db["withdrawals"].rows_where(
            "family_key = ?", [family_key], order_by="withdrawn_on, recorded_at"
        )
    ]


def recording_permission(store: StudyStore, interview_key: str,
                         component: ConsentComponent | str) -> RecordingPermission:
    """May something be recorded for ``component`` in this interview now?"""
    interview = store.interview(interview_key)
    try:
        wanted = ConsentComponent(component)
    except ValueError:
        raise InvalidInput("consent component", f"'{component}' is not a consent component") from None
    return may_record(
        wanted, consent_records(store, interview_key), withdrawals_of(store, interview.family_key)
    )


def require_consent(store: StudyStore, interview_key: str, component: ConsentComponent | str) -> None:
    """Raise ``ConsentRequired`` unless ``component`` may be recorded in this interview."""
    permission = recording_permission(store, interview_key, component)
    if not permission:
        raise ConsentRequired(
            f"Not recorded: {REASON_TEXTS[permission.reason]} "
            f"({ConsentComponent(component).value.replace('_', ' ')})."
        )
