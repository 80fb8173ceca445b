"""Stopping a visit early, with its reason and, for a safeguarding concern, the procedure.

The status change and the safeguarding report are one transaction: a visit is never shown
as stopped for a safeguarding concern without the record of what was done about it.
"""

from __future__ import annotations

from datetime import datetime

from fieldwork.domain.casebook import (
    Interview,
    InterviewStatus,
    SafeguardingReport,
    StopReason,
)
from fieldwork.domain.errors import InvalidInput
from fieldwork.storage.rows import interview_row
from fieldwork.storage.study_store import StudyStore


def stop_interview(
    store: StudyStore,
    interview_key: str,
    reason: StopReason | str,
    note: str = "",
    safeguarding: SafeguardingReport | None = None,
) -> Interview:
    """End an interview early; what was collected stays, as a partial interview."""
    interview = store.interview(interview_key).moved_to(InterviewStatus.TERMINATED, reason, note)
    if interview.stop_reason is StopReason.SAFEGUARDING_CONCERN and safeguarding is None:
        raise InvalidInput(
            "safeguarding", "record whether the study's safeguarding procedure was followed"
        )
    code = store.family(interview.family_key).code
    now = datetime.now().astimezone().isoformat(timespec="seconds")
    with store.edit(f"{code} {interview.wave_label} stopped") as db:
        db["interviews"].update(interview.key, {**interview_row(interview), "updated_at": now})
        if safeguarding is not None:
            db["safeguarding_reports"].upsert(
                {
                    "interview_key": interview.key,
                    "procedure_followed": int(safeguarding.procedure_followed),
                    "who_was_told": safeguarding.who_was_told.strip(),
                    "told_at": safeguarding.told_at.isoformat() if safeguarding.told_at else None,
                    "recorded_at": now,
                },
                pk="interview_key",
            )
    return interview


def safeguarding_report(store: StudyStore, interview_key: str) -> SafeguardingReport | None:
    row = store.db.execute(
        "SELECT procedure_followed, who_was_told, told_at FROM safeguarding_reports "
        "WHERE interview_key = ?", [interview_key],
    ).fetchone()
    if row is None:
        return None
    return SafeguardingReport(
        procedure_followed=bool(row[0]),
        who_was_told=row[1] or "",
        told_at=datetime.fromisoformat(row[2]) if row[2] else None,
    )
