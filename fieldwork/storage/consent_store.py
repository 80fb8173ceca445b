"""Consent in the database: confirmed records, withdrawals, and the gate every write passes.

``require_consent`` is called by every store that records something about an interview (the
map, the questionnaires, ...) before it writes, ``require_family_consent`` by those that record
something about a family across waves (case status, social workers): with no consent record,
with the interview or the component refused, or after a withdrawal, nothing is written and
the researcher is told why. What is asked for is a *gate* (``network_map``, ``case_status``,
...); which components allow it comes from the record, as its form declared them (kept in
``consent_record_components``). The rules themselves live in ``fieldwork.domain.consent_gating``.
The study setting ``records_audio`` (off unless set) decides whether forms ask about audio.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from fieldwork.domain.casebook import Interview
from fieldwork.domain.consent import (
    ComponentSpec,
    ConsentAnswer,
    ConsentRecord,
    check_code,
    current_record,
)
from fieldwork.domain.consent_components import RECORDS_AUDIO
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


def _spec_from_row(row: dict[str, Any]) -> ComponentSpec:
    return ComponentSpec(row["component"], row["label"], bool(row["required"]),
                         tuple(json.loads(row["gates"])),
                         tuple(json.loads(row["waves"] or "[]")), row["study_setting"])


def _record_from_rows(row: dict[str, Any], answers: list[dict[str, Any]],
                      components: list[dict[str, Any]]) -> ConsentRecord:
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
        components=tuple(_spec_from_row(c) for c in components),  # none: built-in meanings
    )


def consent_records(store: StudyStore, interview_key: str) -> list[ConsentRecord]:
    """Every confirmed record of an interview, oldest first (corrections included)."""
    records = []
    for row in store.db["consent_records"].rows_where(
        "interview_key = ?", [interview_key], order_by="confirmed_at, rowid"
    ):
        answers = list(store.db["consent_answers"].rows_where("record_key = ?", [row["key"]], order_by="rowid"))
        components = list(store.db["consent_record_components"].rows_where(
            "record_key = ?", [row["key"]], order_by="rowid"))
        records.append(_record_from_rows(row, answers, components))
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
             "component": str(a.component), "agreed": int(a.agreed)}
            for a in record.answers
        )
        db["consent_record_components"].insert_all(
            {"record_key": record.record_id, "component": c.component, "label": c.label,
             "required": int(c.required), "gates": json.dumps(list(c.gates)),
             "waves": json.dumps(list(c.waves)), "study_setting": c.study_setting}
            for c in record.components
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


def recording_permission(store: StudyStore, interview_key: str, gate: str) -> RecordingPermission:
    """May something be recorded for ``gate`` (``network_map``, ``score15``, ...) in this interview now?"""
    interview = store.interview(interview_key)
    try:
        wanted = str(check_code(gate, "consent gate"))
    except InvalidInput:
        raise InvalidInput("consent component", f"'{gate}' is not a consent component") from None
    return may_record(
        wanted, consent_records(store, interview_key), withdrawals_of(store, interview.family_key)
    )


def _refusal(permission: RecordingPermission, gate: str, where: str = "") -> ConsentRequired:
    what = str(gate).replace("_", " ")
    return ConsentRequired(f"Not recorded: {REASON_TEXTS[permission.reason]}{where} ({what}).")


def require_consent(store: StudyStore, interview_key: str, gate: str) -> None:
    """Raise ``ConsentRequired`` unless ``gate`` may be recorded in this interview."""
    permission = recording_permission(store, interview_key, gate)
    if not permission:
        raise _refusal(permission, gate)


def family_consent_interview(store: StudyStore, family_key: str) -> Interview | None:
    """The family's latest interview (by wave) with confirmed consent: its record is the
    family's consent in force for what is recorded about the family across waves."""
    for interview in sorted(store.interviews_of(family_key), key=lambda i: i.wave, reverse=True):
        if consent_records(store, interview.key):
            return interview
    return None


def family_permission(store: StudyStore, family_key: str,
                      gate: str) -> tuple[RecordingPermission, Interview | None]:
    """May ``gate`` be recorded about the family now, under its latest consent? And which interview's."""
    store.family(family_key)  # an unknown family is an error, not a refusal
    interview = family_consent_interview(store, family_key)
    if interview is None:
        return RecordingPermission(False, RecordingReason.NO_CONSENT_RECORD), None
    return recording_permission(store, interview.key, gate), interview


def require_family_consent(store: StudyStore, family_key: str, gate: str) -> None:
    """Raise ``ConsentRequired`` unless ``gate`` may be recorded about the family."""
    permission, interview = family_permission(store, family_key, gate)
    if not permission:
        where = f" (consent at wave {interview.wave})" if interview is not None else ""
        raise _refusal(permission, gate, where)


def study_consent_settings(store: StudyStore) -> tuple[str, ...]:
    """The study settings consent forms depend on that are switched on (e.g. 'records_audio')."""
    row = store.db.execute("SELECT value FROM study_settings WHERE name = ?", [RECORDS_AUDIO]).fetchone()
    return (RECORDS_AUDIO,) if row is not None and json.loads(row[0]) is True else ()


def save_records_audio(store: StudyStore, records_audio: bool) -> None:
    """Say whether the study records audio: only then do its forms ask about audio recording."""
    what = f"study setting: records audio {'on' if records_audio else 'off'}"
    with store.edit(what, keys=(RECORDS_AUDIO,)) as db:  # the audit log names the setting
        db["study_settings"].upsert(
            {"name": RECORDS_AUDIO, "value": json.dumps(bool(records_audio)),
             "updated_at": datetime.now().astimezone().isoformat(timespec="seconds")}, pk="name")


def components_asked(store: StudyStore, family_key: str) -> list[tuple[str, str]]:
    """(component id, label) of every part the family was asked about at any interview, in
    the order first asked; the built-in parts for a family not asked yet (what a withdrawal
    from one part can name)."""
    from fieldwork.domain.consent_components import BUILT_IN_COMPONENTS

    found: dict[str, str] = {}
    for interview in sorted(store.interviews_of(family_key), key=lambda i: i.wave):
        for record in consent_records(store, interview.key):
            for spec in record.components:
                found.setdefault(spec.component, spec.label)
    if not found:
        found = {cid: spec.label for cid, spec in BUILT_IN_COMPONENTS.items()}
    return list(found.items())
