"""Running the fieldwork in the study database: recruitment, contact attempts, appointments
and each family's outcome at the end of a wave's fieldwork.

Every change is one ``store.edit(...)`` transaction (committed before it returns, audited
with the record keys), checked first by the records in ``fieldwork.domain.recruitment``.
Contact details live in ``contact_details_store``; progress and the follow-up list in
``progress_store``. Qt-free.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from fieldwork.domain.casebook import new_key
from fieldwork.domain.errors import InvalidInput
from fieldwork.domain.recruitment import (
    Appointment,
    AttemptOutcome,
    AttritionReason,
    ContactAttempt,
    ContactChannel,
    FieldworkOutcome,
    Recruitment,
    RecruitmentOutcome,
    RecruitmentRoute,
    WaveOutcome,
)
from fieldwork.storage.study_store import StudyStore, _now


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _flag(value: bool | None) -> int | None:
    return None if value is None else int(bool(value))


def _researcher(store: StudyStore, key: str | None, field: str) -> None:
    if key and store.db["researchers"].count_where("key = ?", [key]) == 0:
        raise InvalidInput(field, f"no researcher has the key {key}")


# -- recruitment ---------------------------------------------------------------------------

def recruitment_of(store: StudyStore, family_key: str) -> Recruitment:
    """The family's recruitment as recorded (every field None until something is recorded)."""
    rows = list(store.db["recruitment"].rows_where("family_key = ?", [family_key]))
    if not rows:
        return Recruitment(family_key)
    r = rows[0]
    return Recruitment(
        family_key=family_key,
        route=RecruitmentRoute(r["route"]) if r["route"] else None,
        approached_on=_day(r["approached_on"]), approached_by=r["approached_by"],
        outcome=RecruitmentOutcome(r["outcome"]) if r["outcome"] else None,
        consent_to_contact=None if r["consent_to_contact"] is None else bool(r["consent_to_contact"]),
        note=r["note"] or "",
    )


def save_recruitment(store: StudyStore, recruitment: Recruitment, today: date | None = None) -> Recruitment:
    """Record (or correct) how the family came to the study and what it said."""
    family = store.family(recruitment.family_key)
    checked = recruitment.checked(today)
    _researcher(store, checked.approached_by, "approached by")
    with store.edit(f"recruitment of {family.code}", keys=[family.key]) as db:
        db["recruitment"].upsert({
            "family_key": family.key, "route": checked.route and checked.route.value,
            "approached_on": _iso(checked.approached_on), "approached_by": checked.approached_by,
            "outcome": checked.outcome and checked.outcome.value,
            "consent_to_contact": _flag(checked.consent_to_contact), "note": checked.note,
            "updated_at": _now(),
        }, pk="family_key")
    return checked


# -- contact attempts ------------------------------------------------------------------------

def _attempt(row: dict[str, Any]) -> ContactAttempt:
    return ContactAttempt(
        key=row["key"], family_key=row["family_key"], wave=row["wave"],
        attempted_on=date.fromisoformat(row["attempted_on"]), channel=ContactChannel(row["channel"]),
        outcome=AttemptOutcome(row["outcome"]), note=row["note"] or "",
        researcher_key=row["researcher_key"],
    )


def attempts_of(store: StudyStore, family_key: str, wave: int | None = None) -> list[ContactAttempt]:
    """The family's attempts (of one wave if given), oldest first."""
    where, params = "family_key = ?", [family_key]
    if wave is not None:
        where, params = where + " AND wave = ?", [family_key, wave]
    return [_attempt(r) for r in store.db["contact_attempts"].rows_where(
        where, params, order_by="wave, attempted_on, created_at, key")]


def record_attempt(store: StudyStore, family_key: str, wave: int, attempted_on: date,
                   channel: ContactChannel | str, outcome: AttemptOutcome | str, note: str = "",
                   researcher_key: str | None = None, today: date | None = None) -> ContactAttempt:
    """Add one try at reaching the family; it is saved when this returns."""
    family = store.family(family_key)
    attempt = ContactAttempt(new_key(), family.key, wave, attempted_on, channel, outcome,  # type: ignore[arg-type]
                             note, researcher_key or store.researcher_key).checked(today)
    _researcher(store, attempt.researcher_key, "researcher")
    with store.edit(f"contact attempt for {family.code}", keys=[family.key, attempt.key]) as db:
        db["contact_attempts"].insert({
            "key": attempt.key, "family_key": family.key, "wave": attempt.wave,
            "attempted_on": attempt.attempted_on.isoformat(), "channel": attempt.channel.value,
            "outcome": attempt.outcome.value, "note": attempt.note,
            "researcher_key": attempt.researcher_key, "created_at": _now(),
        })
    return attempt


def _remove_family_row(store: StudyStore, table: str, what: str, key: str) -> None:
    """Remove one row of a family's fieldwork recorded by mistake, saying what is missing."""
    row = store.db.execute(f"SELECT family_key FROM [{table}] WHERE key = ?", [key]).fetchone()
    if row is None:
        raise InvalidInput(what, f"no {what} has the key {key}")
    with store.edit(f"{what} removed", keys=[row[0], key]) as db:
        db.execute(f"DELETE FROM [{table}] WHERE key = ?", [key])


def delete_attempt(store: StudyStore, attempt_key: str) -> None:
    """Remove an attempt recorded by mistake."""
    _remove_family_row(store, "contact_attempts", "contact attempt", attempt_key)


# -- appointments ------------------------------------------------------------------------------

def appointments_of(store: StudyStore, family_key: str) -> list[Appointment]:
    return [Appointment(
        key=r["key"], family_key=r["family_key"], wave=r["wave"],
        starts_at=datetime.fromisoformat(r["starts_at"]), place=r["place"] or "",
        interpreter_needed=bool(r["interpreter_needed"]),
        interpreter_language=r["interpreter_language"] or "", booked=bool(r["booked"]),
        note=r["note"] or "",
    ) for r in store.db["appointments"].rows_where("family_key = ?", [family_key], order_by="starts_at")]


def save_appointment(store: StudyStore, appointment: Appointment) -> Appointment:
    """Add an appointment (a new key) or change one already saved (the same key)."""
    family = store.family(appointment.family_key)
    checked = appointment.checked()
    if not checked.key:
        checked = Appointment(new_key(), *[getattr(checked, f) for f in (
            "family_key", "wave", "starts_at", "place", "interpreter_needed",
            "interpreter_language", "booked", "note")])
    with store.edit(f"appointment with {family.code}", keys=[family.key, checked.key]) as db:
        db["appointments"].upsert({
            "key": checked.key, "family_key": family.key, "wave": checked.wave,
            "starts_at": checked.starts_at.isoformat(timespec="minutes"), "place": checked.place,
            "interpreter_needed": int(checked.interpreter_needed),
            "interpreter_language": checked.interpreter_language, "booked": int(checked.booked),
            "note": checked.note, "updated_at": _now(),
        }, pk="key")
    return checked


def delete_appointment(store: StudyStore, appointment_key: str) -> None:
    """Remove an appointment made by mistake or cancelled."""
    _remove_family_row(store, "appointments", "appointment", appointment_key)


# -- end-of-fieldwork outcome per wave ----------------------------------------------------------

def outcomes_of(store: StudyStore, family_key: str) -> dict[int, FieldworkOutcome]:
    return {r["wave"]: FieldworkOutcome(
        r["family_key"], r["wave"], WaveOutcome(r["outcome"]),
        AttritionReason(r["reason"]) if r["reason"] else None, r["note"] or "",
    ) for r in store.db["fieldwork_outcomes"].rows_where("family_key = ?", [family_key], order_by="wave")}


def save_outcome(store: StudyStore, outcome: FieldworkOutcome) -> FieldworkOutcome:
    """Record (or correct) where the family ended at a wave when its fieldwork closed."""
    family = store.family(outcome.family_key)
    checked = outcome.checked()
    with store.edit(f"{family.code} wave {checked.wave} outcome", keys=[family.key]) as db:
        db["fieldwork_outcomes"].upsert({
            "family_key": family.key, "wave": checked.wave, "outcome": checked.outcome.value,
            "reason": checked.reason and checked.reason.value, "note": checked.note,
            "recorded_at": _now(),
        }, pk=("family_key", "wave"))
    return checked


def clear_outcome(store: StudyStore, family_key: str, wave: int) -> None:
    family = store.family(family_key)
    with store.edit(f"{family.code} wave {wave} outcome cleared", keys=[family.key]) as db:
        db.execute("DELETE FROM fieldwork_outcomes WHERE family_key = ? AND wave = ?", [family_key, wave])
