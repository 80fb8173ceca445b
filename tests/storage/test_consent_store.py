"""Consent in the database: records never change, corrections chain, the gate refuses writes."""

from __future__ import annotations

import pytest
import sqlcipher3

from fieldwork.domain.errors import InvalidInput
from fieldwork.domain.interview_steps import InterviewStep, StepState
from fieldwork.storage.consent_store import (
    ConsentRequired,
    consent_records,
    current_consent,
    recording_permission,
    require_consent,
)
from fieldwork.storage.study_store import StudyStore
from tests.conftest import PASSPHRASE, give_consent


def _interview(store: StudyStore) -> str:
    return store.add_interview(store.add_family().key).key


def test_nothing_may_be_recorded_before_consent(store: StudyStore) -> None:
    interview = _interview(store)
    with pytest.raises(ConsentRequired, match="consent has not been recorded"):
        require_consent(store, interview, "network_map")
    give_consent(store, interview)
    require_consent(store, interview, "network_map")
    require_consent(store, interview, "score15")
    assert store.step_states(interview)[InterviewStep.CONSENT] is StepState.DONE


def test_a_refused_component_is_refused_and_the_rest_allowed(store: StudyStore) -> None:
    interview = _interview(store)
    give_consent(store, interview, refuse=("score15",))
    require_consent(store, interview, "network_map")
    with pytest.raises(ConsentRequired, match="did not agree to this part"):
        require_consent(store, interview, "score15")
    assert not recording_permission(store, interview, "score15")


def test_refusing_the_interview_blocks_everything(store: StudyStore) -> None:
    interview = _interview(store)
    give_consent(store, interview, refuse=("interview",))
    for component in ("interview", "network_map", "score15"):
        with pytest.raises(ConsentRequired, match="did not agree to the interview"):
            require_consent(store, interview, component)


def test_a_record_is_kept_as_given_and_reopens(store: StudyStore, study_path) -> None:
    interview = _interview(store)
    record = give_consent(store, interview, refuse=("audio_recording",))
    store.close()
    reopened = StudyStore.open(study_path, PASSPHRASE)
    [stored] = consent_records(reopened, interview)
    assert stored == record
    reopened.close()


def test_a_confirmed_record_cannot_be_edited_even_directly(store: StudyStore) -> None:
    interview = _interview(store)
    record = give_consent(store, interview)
    with pytest.raises(sqlcipher3.IntegrityError, match="never changes"):
        store.db.execute("UPDATE consent_answers SET agreed = 0 WHERE record_key = ?", [record.record_id])
    with pytest.raises(sqlcipher3.IntegrityError, match="never changes"):
        store.db.execute("UPDATE consent_records SET how_given = 'verbal' WHERE key = ?", [record.record_id])
    with pytest.raises(InvalidInput, match="correction"):
        give_consent(store, interview)  # a second record that does not say what it corrects


def test_a_correction_replaces_the_record_in_force(store: StudyStore) -> None:
    from dataclasses import replace

    interview = _interview(store)
    first = give_consent(store, interview, refuse=("score15",))
    corrected = replace(first, record_id="second", replaces=first.record_id,
                        answers=tuple(replace(a, agreed=True) for a in first.answers))
    from fieldwork.storage.consent_store import save_consent

    save_consent(store, corrected)
    assert current_consent(store, interview).record_id == "second"
    require_consent(store, interview, "score15")
    assert [r.record_id for r in consent_records(store, interview)] == [first.record_id, "second"]
