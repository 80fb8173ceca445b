"""Stopping a visit: the reason, and for a safeguarding concern the procedure, in one step."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fieldwork.domain.casebook import InterviewStatus, SafeguardingReport
from fieldwork.domain.errors import InvalidInput
from fieldwork.storage.study_store import StudyStore
from fieldwork.storage.visit_events import safeguarding_report, stop_interview


def _started(store: StudyStore) -> str:
    interview = store.add_interview(store.add_family().key)
    store.change_status(interview.key, "in_progress")
    return interview.key


def test_a_safeguarding_stop_needs_the_procedure_and_writes_nothing_without_it(store: StudyStore) -> None:
    key = _started(store)
    with pytest.raises(InvalidInput, match="safeguarding procedure"):
        stop_interview(store, key, "safeguarding_concern", "stopped")
    assert store.interview(key).status is InterviewStatus.IN_PROGRESS
    with pytest.raises(InvalidInput, match="who was told"):
        SafeguardingReport(procedure_followed=True, told_at=datetime.now(UTC))
    told = datetime(2026, 3, 2, 15, 30, tzinfo=UTC)
    stop_interview(store, key, "safeguarding_concern", "",
                   SafeguardingReport(True, "Duty social worker", told))
    assert store.interview(key).status is InterviewStatus.TERMINATED
    assert safeguarding_report(store, key) == SafeguardingReport(True, "Duty social worker", told)


def test_not_yet_followed_is_recorded_truthfully(store: StudyStore) -> None:
    key = _started(store)
    stop_interview(store, key, "safeguarding_concern", "", SafeguardingReport(False))
    assert safeguarding_report(store, key) == SafeguardingReport(False, "", None)


def test_other_reasons_need_no_report(store: StudyStore) -> None:
    key = _started(store)
    stopped = stop_interview(store, key, "interruption", "visitor arrived")
    assert (stopped.stop_note, safeguarding_report(store, key)) == ("visitor arrived", None)
