"""Case status per family and wave, and social-worker codes, in the study database.

Every write is one ``store.edit(...)`` and passes the consent gate first: case status only
with the family's consent to information from children's services records (the component
of their latest consent form that gates ``case_status``), social-worker links only with
consent to their social worker being interviewed (gate ``social_workers``). Without it
nothing is written and ``ConsentRequired`` says why. Removing a record made by mistake
needs no consent (it takes data away). Qt-free.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fieldwork.domain.case_status import CaseStatus, SocialWorkerLink
from fieldwork.domain.consent_components import Gate
from fieldwork.domain.errors import InvalidInput
from fieldwork.storage.consent_store import require_family_consent
from fieldwork.storage.study_store import StudyStore, _now


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _status_from_row(row: dict[str, Any]) -> CaseStatus:
    return CaseStatus(row["family_key"], row["wave"], row["status"], row["source"], _day(row["as_of"]),
                      row["note"] or "", row["key"])


def case_statuses_of(store: StudyStore, family_key: str) -> list[CaseStatus]:
    """The family's recorded statuses, by wave and date."""
    return [_status_from_row(r) for r in store.db["case_status"].rows_where(
        "family_key = ?", [family_key], order_by="wave, as_of, updated_at, rowid")]


def all_case_statuses(store: StudyStore) -> list[CaseStatus]:
    return [_status_from_row(r) for r in store.db["case_status"].rows_where(
        order_by="wave, as_of, updated_at, rowid")]


def record_case_status(store: StudyStore, status: CaseStatus, today: date | None = None) -> CaseStatus:
    """Record (or correct, same key) a family's status at a wave, with the family's consent."""
    family = store.family(status.family_key)
    checked = status.checked(today)
    require_family_consent(store, family.key, Gate.CASE_STATUS)
    what = f"case status of {family.code} at wave {checked.wave}"
    with store.edit(what, keys=[family.key, checked.key]) as db:
        db["case_status"].upsert({
            "key": checked.key, "family_key": family.key, "wave": checked.wave,
            "status": checked.status.value, "as_of": checked.as_of.isoformat() if checked.as_of else None,
            "source": checked.source.value, "note": checked.note, "updated_at": _now(),
        }, pk="key")
    return checked


def delete_case_status(store: StudyStore, key: str) -> None:
    """Remove a status recorded by mistake."""
    rows = list(store.db["case_status"].rows_where("key = ?", [key]))
    if not rows:
        raise InvalidInput("case status", f"no case status has the key {key}")
    family = store.family(rows[0]["family_key"])
    with store.edit(f"case status of {family.code} removed", keys=[family.key, key]) as db:
        db["case_status"].delete(key)


def _link_from_row(row: dict[str, Any]) -> SocialWorkerLink:
    return SocialWorkerLink(row["family_key"], row["practitioner_code"], bool(row["interviewed"]),
                            _day(row["interviewed_on"]), row["role"] or "", row["note"] or "", row["key"])


def social_workers_of(store: StudyStore, family_key: str) -> list[SocialWorkerLink]:
    return [_link_from_row(r) for r in store.db["family_social_workers"].rows_where(
        "family_key = ?", [family_key], order_by="practitioner_code")]


def save_social_worker(store: StudyStore, link: SocialWorkerLink,
                       today: date | None = None) -> SocialWorkerLink:
    """Link a practitioner code to the family (or correct the link), with the family's consent."""
    family = store.family(link.family_key)
    checked = link.checked(today)
    require_family_consent(store, family.key, Gate.SOCIAL_WORKERS)
    clash = store.db.execute(
        "SELECT 1 FROM family_social_workers WHERE family_key = ? AND practitioner_code = ? AND key != ?",
        [family.key, checked.practitioner_code, checked.key]).fetchone()
    if clash:
        raise InvalidInput("practitioner code",
                           f"{checked.practitioner_code} is already linked to {family.code}")
    with store.edit(f"social worker {checked.practitioner_code} of {family.code}",
                    keys=[family.key, checked.key]) as db:
        db["family_social_workers"].upsert({
            "key": checked.key, "family_key": family.key, "practitioner_code": checked.practitioner_code,
            "role": checked.role, "interviewed": int(checked.interviewed),
            "interviewed_on": checked.interviewed_on.isoformat() if checked.interviewed_on else None,
            "note": checked.note, "updated_at": _now(),
        }, pk="key")
    return checked


def remove_social_worker(store: StudyStore, key: str) -> None:
    """Unlink a practitioner recorded by mistake."""
    rows = list(store.db["family_social_workers"].rows_where("key = ?", [key]))
    if not rows:
        raise InvalidInput("social worker", f"no social worker link has the key {key}")
    family = store.family(rows[0]["family_key"])
    with store.edit(f"social worker {rows[0]['practitioner_code']} of {family.code} removed",
                    keys=[family.key, key]) as db:
        db["family_social_workers"].delete(key)
