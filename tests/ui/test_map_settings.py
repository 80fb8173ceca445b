"""The study's map settings: new maps start from them, maps already drawn keep theirs."""

from __future__ import annotations

import pytest

from fieldwork.domain.errors import InvalidInput
from fieldwork.domain.interview_steps import InterviewStep
from fieldwork.domain.map_geometry import MapSettings
from fieldwork.storage.map_store import load_map
from fieldwork.storage.study_settings import map_settings, save_map_settings
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.main_window import MainWindow
from fieldwork.ui.map_settings_dialog import MapSettingsDialog, sector_code
from tests.conftest import give_consent


def test_defaults_then_saved_settings(store: StudyStore) -> None:
    assert map_settings(store) == MapSettings()
    four = MapSettings.with_equal_sectors({"family": "Family", "others": "Everyone else"}, rings=4,
                                          ring_prompts=("a", "b", "c", "d"))
    save_map_settings(store, four)
    assert map_settings(store) == four
    with pytest.raises(InvalidInput, match="number of rings"):
        MapSettings(rings=6)


def test_sector_codes_from_labels() -> None:
    assert sector_code("Faith groups", set()) == "faith_groups"
    assert sector_code("Faith groups", {"faith_groups"}) == "faith_groups_2"
    assert sector_code("!!!", set()) == "sector"


def _new_map_rings(qtbot, store: StudyStore, interview_key: str) -> int:
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.open_interview(interview_key)
    page = window.workspace.page(InterviewStep.NETWORK_MAP)
    assert page.start_map("Respondent")
    return load_map(store, interview_key).settings.rings


def test_the_dialog_changes_new_maps_only(qtbot, store: StudyStore) -> None:
    family = store.add_family()
    first = store.add_interview(family.key)
    give_consent(store, first.key)
    assert _new_map_rings(qtbot, store, first.key) == 3

    dialog = MapSettingsDialog(store)
    qtbot.addWidget(dialog)
    dialog.rings.setValue(4)
    dialog.prompts[3].setText("People you see now and then")
    dialog._add_sector_row("", "")
    dialog.sectors[-1][1].setText("Faith groups")
    dialog._save()
    saved = map_settings(store)
    assert saved.rings == 4 and saved.ring_prompts[3] == "People you see now and then"
    assert saved.sector_codes[-1] == "faith_groups" and len(saved.sectors) == 5

    second = store.add_interview(family.key)
    give_consent(store, second.key)
    assert _new_map_rings(qtbot, store, second.key) == 4
    assert load_map(store, first.key).settings.rings == 3  # the map already drawn keeps its rings


def test_a_map_in_the_familys_language_shows_their_prompts_over_english(qtbot, store: StudyStore,
                                                                        tmp_path) -> None:
    from tests.support.resource_packs import rtl_test_library

    family = store.add_family()
    interview = store.add_interview(family.key, language="ar", interpreter_present=True, interpreter="INT-1")
    give_consent(store, interview.key)
    window = MainWindow(store, resources=rtl_test_library(tmp_path / "rtl-pack"))
    qtbot.addWidget(window)
    window.open_interview(interview.key)
    page = window.workspace.page(InterviewStep.NETWORK_MAP)
    assert page.start_map("Respondent")
    prompts = load_map(store, interview.key).settings.ring_prompts
    assert prompts[0].startswith("حلقة")
    shown = page.key.prompts.text()
    # The family's words, and the English beneath them for the researcher.
    assert prompts[0] in shown and "People so close that it is hard to imagine life without them" in shown
