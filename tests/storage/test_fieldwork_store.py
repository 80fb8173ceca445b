"""Recruitment, contact attempts, appointments and wave outcomes: each change lands in the study."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from fieldwork.domain.errors import InvalidInput
from fieldwork.domain.recruitment import (
    Appointment,
    AttemptOutcome,
    AttritionReason,
    ContactChannel,
    FieldworkOutcome,
    Recruitment,
    RecruitmentOutcome,
    RecruitmentRoute,
    WaveOutcome,
)
from fieldwork.storage.audit import audit_entries
from fieldwork.storage.fieldwork_store import (
    appointments_of,
    attempts_of,
    delete_appointment,
    delete_attempt,
    outcomes_of,
    record_attempt,
    recruitment_of,
    save_appointment,
    save_outcome,
    save_recruitment,
)
from fieldwork.storage.study_store import StudyStore
from tests.conftest import PASSPHRASE


def _reopened(store: StudyStore, path: Path) -> StudyStore:
    store.close()
    return StudyStore.open(path, PASSPHRASE)


def test_recruitment_is_saved_and_corrected(store: StudyStore, study_path: Path) -> None:
    family = store.add_family(site="Borough A")
    researcher = store.researchers()[0].key
    assert recruitment_of(store, family.key) == Recruitment(family.key)
    save_recruitment(store, Recruitment(family.key, RecruitmentRoute.SOCIAL_WORKER_NOMINATION,
                                        date(2026, 3, 2), researcher, None, True))
    store = _reopened(store, study_path)
    try:
        saved = recruitment_of(store, family.key)
        assert saved.route is RecruitmentRoute.SOCIAL_WORKER_NOMINATION
        assert saved.approached_on == date(2026, 3, 2) and saved.approached_by == researcher
        assert saved.outcome is None and saved.consent_to_contact is True
        save_recruitment(store, Recruitment(family.key, "social_worker_nomination", date(2026, 3, 2),
                                            researcher, "gatekeeper_declined", False))
        row = store.db["recruitment"].get(family.key)
        assert row["outcome"] == "gatekeeper_declined" and row["consent_to_contact"] == 0
        assert store.db["recruitment"].count == 1
        assert audit_entries(store.db, 1)[0].record_keys == (family.key,)
    finally:
        store.close()


def test_recruitment_refuses_what_cannot_be(store: StudyStore) -> None:
    family = store.add_family()
    with pytest.raises(InvalidInput, match="outcome: 'maybe' is not one of"):
        save_recruitment(store, Recruitment(family.key, outcome="maybe", approached_on=date(2026, 1, 5)))
    with pytest.raises(InvalidInput, match="date approached: give the date"):
        save_recruitment(store, Recruitment(family.key, outcome=RecruitmentOutcome.DECLINED))
    with pytest.raises(InvalidInput, match="date approached: .* in the future"):
        save_recruitment(store, Recruitment(family.key, approached_on=date(2026, 5, 1)),
                         today=date(2026, 4, 1))
    with pytest.raises(InvalidInput, match="approached by: no researcher"):
        save_recruitment(store, Recruitment(family.key, approached_by="nobody"))
    assert store.db["recruitment"].count == 0


def test_attempts_land_in_order_and_can_be_removed(store: StudyStore, study_path: Path) -> None:
    family = store.add_family()
    first = record_attempt(store, family.key, 1, date(2026, 2, 3), ContactChannel.PHONE,
                           AttemptOutcome.NO_ANSWER)
    record_attempt(store, family.key, 1, date(2026, 2, 5), "text", "appointment_made", note="Tuesday am")
    record_attempt(store, family.key, 2, date(2026, 8, 1), "letter", "moved_away")
    store = _reopened(store, study_path)
    try:
        wave_1 = attempts_of(store, family.key, 1)
        assert [(a.channel, a.outcome) for a in wave_1] == [
            (ContactChannel.PHONE, AttemptOutcome.NO_ANSWER),
            (ContactChannel.TEXT, AttemptOutcome.APPOINTMENT_MADE)]
        assert wave_1[1].note == "Tuesday am" and wave_1[0].researcher_key == store.researcher_key
        assert len(attempts_of(store, family.key)) == 3
        delete_attempt(store, first.key)
        assert store.db["contact_attempts"].count == 2
        with pytest.raises(InvalidInput, match="channel: 'pigeon'"):
            record_attempt(store, family.key, 1, date(2026, 2, 6), "pigeon", "no_answer")
        with pytest.raises(InvalidInput, match="wave: 0"):
            record_attempt(store, family.key, 0, date(2026, 2, 6), "phone", "no_answer")
    finally:
        store.close()


def test_appointments_are_booked_and_changed(store: StudyStore, study_path: Path) -> None:
    family = store.add_family()
    saved = save_appointment(store, Appointment("", family.key, 1, datetime(2026, 3, 10, 10, 30),
                                                "Children's centre, room 2", True, "Polish"))
    assert saved.key
    save_appointment(store, Appointment(saved.key, family.key, 1, datetime(2026, 3, 10, 11, 0),
                                        "Children's centre, room 2", True, "Polish", booked=True))
    store = _reopened(store, study_path)
    try:
        [appointment] = appointments_of(store, family.key)
        assert appointment.booked and appointment.starts_at == datetime(2026, 3, 10, 11, 0)
        assert appointment.interpreter_language == "Polish"
        with pytest.raises(InvalidInput, match="interpreter language"):
            save_appointment(store, Appointment("", family.key, 1, datetime(2026, 3, 11, 9), "", True, ""))
        delete_appointment(store, appointment.key)
        assert appointments_of(store, family.key) == []
        with pytest.raises(InvalidInput, match="no appointment has the key"):
            delete_appointment(store, appointment.key)
        with pytest.raises(InvalidInput, match="no contact attempt has the key"):
            delete_attempt(store, appointment.key)
    finally:
        store.close()


def test_outcome_at_the_end_of_a_wave_needs_a_reason(store: StudyStore, study_path: Path) -> None:
    family = store.add_family()
    with pytest.raises(InvalidInput, match="reason: say why"):
        save_outcome(store, FieldworkOutcome(family.key, 2, WaveOutcome.NOT_INTERVIEWED))
    save_outcome(store, FieldworkOutcome(family.key, 2, "not_interviewed", "moved_away"))
    save_outcome(store, FieldworkOutcome(family.key, 1, "interviewed", "refused"))
    store = _reopened(store, study_path)
    try:
        outcomes = outcomes_of(store, family.key)
        assert outcomes[2].reason is AttritionReason.MOVED_AWAY
        assert outcomes[1].reason is None  # an interviewed family has no attrition reason
        save_outcome(store, FieldworkOutcome(family.key, 2, "not_interviewed", "case_closed_declined"))
        assert store.db["fieldwork_outcomes"].get((family.key, 2))["reason"] == "case_closed_declined"
    finally:
        store.close()


def test_follow_up_setting_and_the_due_list(store: StudyStore, study_path: Path) -> None:
    from fieldwork.storage.progress_store import (
        families_due_for_wave_2,
        follow_up_months,
        save_follow_up_months,
    )

    family = store.add_family(site="Borough A")
    interview = store.add_interview(family.key, 1, interview_date=date(2026, 1, 15))
    store.change_status(interview.key, "in_progress")
    store.change_status(interview.key, "completed")
    assert follow_up_months(store) == 6
    assert [d.due_on for d in families_due_for_wave_2(store, date(2026, 7, 1))] == [date(2026, 7, 15)]
    save_follow_up_months(store, 9)
    with pytest.raises(InvalidInput, match="months after wave 1: 0"):
        save_follow_up_months(store, 0)
    record_attempt(store, family.key, 2, date(2026, 10, 1), "phone", "wrong_number")
    store = _reopened(store, study_path)
    try:
        assert follow_up_months(store) == 9
        [due] = families_due_for_wave_2(store, date(2026, 10, 2))
        assert due.due_on == date(2026, 10, 15) and due.attempts == 1
        assert due.next_step.startswith("Ask the social worker for a new number")
        save_outcome(store, FieldworkOutcome(family.key, 2, "not_interviewed", "uncontactable"))
        assert families_due_for_wave_2(store, date(2026, 10, 2)) == []
    finally:
        store.close()
