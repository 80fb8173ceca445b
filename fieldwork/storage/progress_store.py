"""The fieldwork's progress read from the study: facts per family in a few bulk queries.

Owns the study setting for the wave-2 follow-up (months after wave 1, default 6), reading
``FamilyFacts`` for every family, and the progress table and follow-up list the Fieldwork
view and the ``progress`` command show (decided in ``fieldwork.domain.fieldwork_progress``,
one place for both). Qt-free.
"""

from __future__ import annotations

import json
from datetime import date, datetime

import sqlite_utils

from fieldwork.domain.errors import InvalidInput
from fieldwork.domain.fieldwork_progress import (
    DEFAULT_FOLLOW_UP_MONTHS,
    DueFamily,
    FamilyFacts,
    Progress,
    compute_progress,
    due_this_week,
    families_due,
    overdue,
)
from fieldwork.storage.study_store import StudyStore

FOLLOW_UP_SETTING = "follow_up_months"


def follow_up_months(store: StudyStore) -> int:
    """Months after the wave-1 interview a family is due for wave 2 (the study's setting)."""
    row = store.db.execute("SELECT value FROM study_settings WHERE name = ?", [FOLLOW_UP_SETTING]).fetchone()
    return DEFAULT_FOLLOW_UP_MONTHS if row is None else int(json.loads(row[0]))


def save_follow_up_months(store: StudyStore, months: int) -> None:
    if not isinstance(months, int) or not 1 <= months <= 60:
        raise InvalidInput("months after wave 1", f"{months} is not a number of months from 1 to 60")
    with store.edit("follow-up setting") as db:
        db["study_settings"].upsert(
            {"name": FOLLOW_UP_SETTING, "value": json.dumps(months),
             "updated_at": datetime.now().astimezone().isoformat(timespec="seconds")}, pk="name")


def family_facts(db: sqlite_utils.Database) -> list[FamilyFacts]:
    """Every family's facts, ordered by code: five queries whatever the study's size."""
    # fetchall(): one call into the driver per query, not one per row (5,000 families).
    facts = {key: FamilyFacts(key, code, site or "") for key, code, site in
             db.execute("SELECT key, code, site FROM families ORDER BY code").fetchall()}
    for key, outcome, approached in db.execute(
            "SELECT family_key, outcome, approached_on FROM recruitment").fetchall():
        if key in facts:
            facts[key].recruitment_outcome = outcome
            facts[key].approached_on = approached or None
    for key, wave, status, day in db.execute(
            "SELECT family_key, wave, status, interview_date FROM interviews "
            "ORDER BY wave, interview_date, created_at").fetchall():
        f = facts.get(key)
        if f is None:
            continue
        f.interviews.setdefault(wave, []).append(status)
        if status == "completed" and day and wave not in f.interviewed_on:
            f.interviewed_on[wave] = date.fromisoformat(day[:10])
    for key, wave, day, outcome in db.execute(
            "SELECT family_key, wave, attempted_on, outcome FROM contact_attempts "
            "ORDER BY attempted_on, created_at, key").fetchall():
        if key in facts:
            facts[key].attempts.setdefault(wave, []).append((day, outcome))
    for key, wave, outcome, reason in db.execute(
            "SELECT family_key, wave, outcome, reason FROM fieldwork_outcomes").fetchall():
        if key in facts:
            facts[key].outcomes[wave] = (outcome, reason)
    for key, wave, starts in db.execute(
            "SELECT family_key, wave, starts_at FROM appointments WHERE booked = 1").fetchall():
        if key in facts:
            facts[key].booked.setdefault(wave, []).append(date.fromisoformat(starts[:10]))
    return list(facts.values())


def _erased(db: sqlite_utils.Database) -> int:
    return db.execute(
        "SELECT count(DISTINCT family_key) FROM withdrawals WHERE erased = 1 "
        "AND family_key NOT IN (SELECT key FROM families)").fetchone()[0]


def families_due_for_wave_2(store: StudyStore, today: date | None = None) -> list[DueFamily]:
    """The follow-up list: every family whose wave 2 is still open, soonest due first."""
    return families_due(family_facts(store.db), follow_up_months(store), today or date.today())


def study_progress(store: StudyStore, today: date | None = None) -> Progress:
    """The progress table of the study, with who is due for wave 2 this week."""
    return progress_of(store.db, today)


def progress_of(db: sqlite_utils.Database, today: date | None = None) -> Progress:
    """The same from a database opened by an export (no ``StudyStore`` needed)."""
    today = today or date.today()
    facts = family_facts(db)
    row = db.execute("SELECT value FROM study_settings WHERE name = ?", [FOLLOW_UP_SETTING]).fetchone()
    months = DEFAULT_FOLLOW_UP_MONTHS if row is None else int(json.loads(row[0]))
    due = families_due(facts, months, today)
    sites = tuple(r[0] for r in db.execute("SELECT name FROM sites ORDER BY position, name").fetchall())
    return compute_progress(facts, _erased(db), due_this_week(due, today), sites, len(overdue(due, today)))
