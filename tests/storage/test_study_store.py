"""Families, interviews and steps in the store: each edit committed, failures seen."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fieldwork.domain.casebook import InterviewStatus, StopReason
from fieldwork.domain.errors import InvalidInput
from fieldwork.domain.interview_steps import InterviewStep, StepState
from fieldwork.storage.study_store import SaveEvent, SaveFailed, StudyStore
from tests.conftest import PASSPHRASE


def test_family_codes_run_on_and_cannot_clash(store: StudyStore) -> None:
    first = store.add_family(site="Borough A")
    second = store.add_family(site="Borough B", case_type="child_protection")
    assert (first.code, second.code) == ("F001", "F002")
    with pytest.raises(InvalidInput, match="F001 is already used"):
        store.add_family(code="F001")
    with pytest.raises(InvalidInput, match="F followed by digits"):
        store.add_family(code="family one")
    with pytest.raises(InvalidInput, match="case type"):
        store.add_family(case_type="complicated")
    assert [s.family.code for s in store.family_summaries()] == ["F001", "F002"]


def test_every_record_has_a_uuid_key(store: StudyStore) -> None:
    family = store.add_family()
    interview = store.add_interview(family.key)
    for key in (family.key, interview.key, store.study().key, store.researchers()[0].key):
        assert len(key) == 36 and key.count("-") == 4


def test_interviews_by_wave_with_their_details(store: StudyStore, study_path: Path) -> None:
    family = store.add_family()
    first = store.add_interview(family.key, interview_date=date(2026, 3, 2), language="so",
                                interpreter_present=True, interpreter="INT-4",
                                respondent_role="father", others_present="grandmother")
    second = store.add_interview(family.key, mode="telephone")
    assert (first.wave, second.wave) == (1, 2)
    store.close()
    reopened = StudyStore.open(study_path, PASSPHRASE)
    one, two = reopened.interviews_of(family.key)
    assert one.interview_date == date(2026, 3, 2)
    assert (one.language, one.interpreter, one.respondent_role.value) == ("so", "INT-4", "father")
    assert (two.wave, two.mode.value, two.status) == (2, "telephone", InterviewStatus.PLANNED)
    reopened.close()


def test_an_interpreter_needs_a_name_and_nothing_is_written_without_it(store: StudyStore) -> None:
    family = store.add_family()
    interview = store.add_interview(family.key)
    with pytest.raises(InvalidInput, match="interpreter"):
        store.update_interview(interview.key, interpreter_present=True, interpreter=" ")
    assert store.interview(interview.key).interpreter_present is False


def test_status_moves_forward_and_a_stop_needs_a_reason(store: StudyStore) -> None:
    interview = store.add_interview(store.add_family().key)
    with pytest.raises(InvalidInput, match="cannot become completed"):
        store.change_status(interview.key, InterviewStatus.COMPLETED)
    store.change_status(interview.key, InterviewStatus.IN_PROGRESS)
    with pytest.raises(InvalidInput, match="needs a reason"):
        store.change_status(interview.key, InterviewStatus.TERMINATED)
    stopped = store.change_status(interview.key, "terminated", StopReason.RESPONDENT_DISTRESSED, "upset")
    assert (stopped.status, stopped.stop_reason) == (InterviewStatus.TERMINATED, StopReason.RESPONDENT_DISTRESSED)
    assert store.interview(interview.key).stop_note == "upset"
    with pytest.raises(InvalidInput, match="cannot become in progress"):
        store.change_status(interview.key, InterviewStatus.IN_PROGRESS)
    with pytest.raises(InvalidInput, match="change_status"):
        store.update_interview(interview.key, status="completed")


def test_step_states_are_kept(store: StudyStore) -> None:
    interview = store.add_interview(store.add_family().key)
    assert set(store.step_states(interview.key).values()) == {StepState.NOT_STARTED}
    store.set_step_state(interview.key, InterviewStep.CLOSING_NOTES, StepState.IN_PROGRESS)
    store.set_step_state(interview.key, InterviewStep.CLOSING_NOTES, StepState.DONE)
    store.set_step_state(interview.key, InterviewStep.NETWORK_MAP, StepState.NOT_CONSENTED)
    states = store.step_states(interview.key)
    assert states[InterviewStep.CLOSING_NOTES] is StepState.DONE
    assert states[InterviewStep.NETWORK_MAP] is StepState.NOT_CONSENTED
    with pytest.raises(InvalidInput, match="no interview"):
        store.set_step_state("no-such-key", InterviewStep.CONSENT, StepState.DONE)


def test_listeners_hear_saved_only_after_a_commit(store: StudyStore) -> None:
    heard: list[SaveEvent] = []
    store.add_save_listener(heard.append)
    family = store.add_family(notes="first")
    store.update_family(family.key, notes="second")
    assert [e.saved for e in heard] == [True, True]
    assert heard[-1].what == "family F001"
    # A refused edit writes nothing and is not announced as saved.
    with pytest.raises(InvalidInput):
        store.update_family(family.key, code="nonsense")
    assert len(heard) == 2


def test_a_write_that_fails_is_reported_and_changes_nothing(store: StudyStore) -> None:
    heard: list[SaveEvent] = []
    family = store.add_family(notes="kept as it was")
    store.add_save_listener(heard.append)
    store.db.execute("PRAGMA query_only = ON")  # the disk refuses every write from here
    with pytest.raises(SaveFailed, match="Not saved"):
        store.update_family(family.key, notes="this never lands")
    assert [(e.saved, bool(e.problem)) for e in heard] == [(False, True)]
    store.db.execute("PRAGMA query_only = OFF")
    assert store.family(family.key).notes == "kept as it was"


def test_counts_for_info(demo_store: StudyStore) -> None:
    counts = demo_store.counts()
    assert counts["families"] == 23  # 24 in the demo; F007 withdrew and was erased
    assert counts["interviews"] == 31
    assert counts["withdrawals"] == {"erased": 1, "kept": 1}
    assert counts["by_wave"][1]["terminated"] == 1
    assert counts["by_wave"][2]["completed"] == 12  # Family X and ten more by telephone, Family Z in person
