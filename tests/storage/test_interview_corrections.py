"""Reopening a finished interview for correction, and step states set by hand, on a real
encrypted study: what lands in the interviews, interview_steps and audit_log tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldwork.domain.casebook import InterviewStatus
from fieldwork.domain.errors import InvalidInput
from fieldwork.domain.interview_steps import InterviewStep, StepState
from fieldwork.storage.audit import audit_entries
from fieldwork.storage.schema import SCHEMA_VERSION, _steps
from fieldwork.storage.study_store import StudyStore
from tests.conftest import PASSPHRASE


def _completed(store: StudyStore) -> str:
    interview = store.add_interview(store.add_family(site="Borough A").key)
    store.change_status(interview.key, "in_progress")
    store.change_status(interview.key, "completed")
    return interview.key


def test_reopening_keeps_the_status_and_records_when_and_why(store: StudyStore, study_path: Path) -> None:
    key = _completed(store)
    store.reopen_for_correction(key, "  Item 15 was keyed as 4, the mother said 2  ")
    [row] = store.db["interviews"].rows_where("key = ?", [key])
    assert row["status"] == "completed"
    assert row["reopen_reason"] == "Item 15 was keyed as 4, the mother said 2"
    assert row["correction_open"] == 1 and row["reopened_at"]
    latest = audit_entries(store.db, limit=1)[0]
    assert latest.action == "reopen" and key in latest.record_keys
    store.close()

    again = StudyStore.open(study_path, PASSPHRASE)
    try:
        interview = again.interview(key)
        assert interview.correction_open and interview.can_be_changed
        assert interview.reopened_at is not None and interview.reopened_at.tzinfo is not None
        again.finish_correction(key)
        finished = again.interview(key)
        assert not finished.correction_open and not finished.can_be_changed
        assert finished.reopen_reason == "Item 15 was keyed as 4, the mother said 2"
    finally:
        again.close()


def test_reopening_needs_a_reason_and_a_finished_interview(store: StudyStore) -> None:
    key = _completed(store)
    entries = len(audit_entries(store.db))
    with pytest.raises(InvalidInput, match="say why"):
        store.reopen_for_correction(key, "   ")
    assert not store.interview(key).correction_open
    assert len(audit_entries(store.db)) == entries
    open_one = store.add_interview(store.add_family(site="Borough A").key)
    with pytest.raises(InvalidInput, match="planned cannot be reopened"):
        store.reopen_for_correction(open_one.key, "typo")
    store.change_status(key, "withdrawn")
    with pytest.raises(InvalidInput, match="withdrawn cannot be reopened"):
        store.reopen_for_correction(key, "typo")
    assert store.interview(key).status is InterviewStatus.WITHDRAWN


def test_a_stopped_interview_reopened_stays_stopped_with_its_reason(store: StudyStore) -> None:
    interview = store.add_interview(store.add_family(site="Borough A").key)
    store.change_status(interview.key, "in_progress")
    store.change_status(interview.key, "terminated", "interruption", "Neighbour came in")
    reopened = store.reopen_for_correction(interview.key, "Notes typed into the wrong family")
    assert reopened.status is InterviewStatus.TERMINATED
    assert store.interview(interview.key).stop_note == "Neighbour came in"
    with pytest.raises(InvalidInput, match="already open"):
        store.reopen_for_correction(interview.key, "again")


def test_a_state_set_by_hand_is_remembered_and_an_automatic_one_is_not(store: StudyStore) -> None:
    key = _completed(store)
    store.set_step_state(key, InterviewStep.SCORE15, StepState.IN_PROGRESS, by_hand=True)
    store.set_step_state(key, InterviewStep.CONSENT, StepState.DONE)
    assert store.steps_set_by_hand(key) == {InterviewStep.SCORE15}
    assert store.step_states(key)[InterviewStep.SCORE15] is StepState.IN_PROGRESS
    store.set_step_state(key, InterviewStep.SCORE15, StepState.DONE)
    assert store.steps_set_by_hand(key) == frozenset()


def test_a_study_from_before_gets_the_new_columns(store: StudyStore, study_path: Path) -> None:
    key = _completed(store)
    store.set_step_state(key, InterviewStep.CONSENT, StepState.DONE)
    db = store.db
    # The study as the version before this one wrote it: no correction columns.
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                              "AND name LIKE 'change_log_%'").fetchall():
        db.execute(f"DROP TRIGGER [{name}]")
    for table, column in (("interviews", "reopened_at"), ("interviews", "reopen_reason"),
                          ("interviews", "correction_open"), ("interview_steps", "set_by_hand")):
        db.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    position = _steps.index("correction_columns")
    for name in _steps[position:]:
        db.execute("DELETE FROM _sqlite_migrations WHERE name LIKE ?", [f"%{name}"])
    db.execute(f"PRAGMA user_version = {position}")
    db.conn.commit()
    store.close()

    again = StudyStore.open(study_path, PASSPHRASE)
    try:
        assert again.schema_version == SCHEMA_VERSION
        interview = again.interview(key)
        assert interview.reopened_at is None and not interview.correction_open
        assert again.step_states(key)[InterviewStep.CONSENT] is StepState.DONE
        assert again.steps_set_by_hand(key) == frozenset()
        again.reopen_for_correction(key, "Wrong date")
        # the change log follows the new columns: a reopening is a tracked change
        changes = again.db.execute("SELECT count(*) FROM row_changes WHERE table_name = 'interviews' "
                                   "AND kind = 'update'").fetchone()[0]
        assert changes >= 1
    finally:
        again.close()
