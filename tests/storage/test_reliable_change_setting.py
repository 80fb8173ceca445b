"""SCORE-15's reliable change rule is a study setting, with its source."""

from __future__ import annotations

import pytest

from fieldwork.domain.errors import InvalidInput
from fieldwork.domain.score15 import ReliableChangeSettings
from fieldwork.storage.study_settings import (
    reliable_change_settings,
    save_reliable_change_settings,
)
from fieldwork.storage.study_store import StudyStore
from tests.conftest import PASSPHRASE


def test_the_default_is_nebeker_adams_2018_and_a_study_can_set_its_own(store, study_path):
    default = reliable_change_settings(store)
    assert (default.threshold, default.clinical_cutoff) == (17.51, 51.92)
    assert "Nebeker Adams" in default.source
    save_reliable_change_settings(store, ReliableChangeSettings(12.5, 45, "our own pilot, 2024"))
    store.close()
    again = StudyStore.open(study_path, PASSPHRASE)
    try:
        got = reliable_change_settings(again)
        assert (got.threshold, got.clinical_cutoff, got.source) == (12.5, 45, "our own pilot, 2024")
        row = again.db["study_settings"].get("score15_reliable_change")
        assert '"threshold": 12.5' in row["value"]
    finally:
        again.close()


def test_a_setting_without_a_source_is_refused(store):
    with pytest.raises(InvalidInput, match="source"):
        save_reliable_change_settings(store, ReliableChangeSettings(12.5, 45, ""))
    assert reliable_change_settings(store).threshold == 17.51
