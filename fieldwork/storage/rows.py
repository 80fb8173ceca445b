"""Turning case records into database rows and back. No SQL here, only shapes."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from fieldwork.domain.casebook import (
    CaseType,
    Family,
    Interview,
    InterviewMode,
    InterviewStatus,
    RespondentRole,
    StopReason,
)


def family_row(family: Family) -> dict[str, Any]:
    return {
        "key": family.key,
        "code": family.code,
        "site": family.site,
        "case_type": family.case_type.value,
        "notes": family.notes,
    }


def family_from_row(row: dict[str, Any]) -> Family:
    return Family(
        key=row["key"],
        code=row["code"],
        site=row["site"] or "",
        case_type=CaseType(row["case_type"]),
        notes=row["notes"] or "",
    )


def interview_row(interview: Interview) -> dict[str, Any]:
    return {
        "key": interview.key,
        "family_key": interview.family_key,
        "wave": interview.wave,
        "interview_date": interview.interview_date.isoformat() if interview.interview_date else None,
        "mode": interview.mode.value,
        "language": interview.language,
        "interpreter_present": int(interview.interpreter_present),
        "interpreter": interview.interpreter,
        "respondent_role": interview.respondent_role.value,
        "others_present": interview.others_present,
        "researcher_key": interview.researcher_key,
        "status": interview.status.value,
        "stop_reason": interview.stop_reason.value if interview.stop_reason else None,
        "stop_note": interview.stop_note,
        "closing_notes": interview.closing_notes,
        "reopened_at": interview.reopened_at.isoformat(timespec="seconds") if interview.reopened_at else None,
        "reopen_reason": interview.reopen_reason,
        "correction_open": int(interview.correction_open),
    }


def interview_from_row(row: dict[str, Any]) -> Interview:
    return Interview(
        key=row["key"],
        family_key=row["family_key"],
        wave=row["wave"],
        interview_date=date.fromisoformat(row["interview_date"]) if row["interview_date"] else None,
        mode=InterviewMode(row["mode"]),
        language=row["language"],
        interpreter_present=bool(row["interpreter_present"]),
        interpreter=row["interpreter"] or "",
        respondent_role=RespondentRole(row["respondent_role"]),
        others_present=row["others_present"] or "",
        researcher_key=row["researcher_key"],
        status=InterviewStatus(row["status"]),
        stop_reason=StopReason(row["stop_reason"]) if row["stop_reason"] else None,
        stop_note=row["stop_note"] or "",
        closing_notes=row["closing_notes"] or "",
        reopened_at=datetime.fromisoformat(row["reopened_at"]) if row.get("reopened_at") else None,
        reopen_reason=row.get("reopen_reason") or "",
        correction_open=bool(row.get("correction_open")),
    )
