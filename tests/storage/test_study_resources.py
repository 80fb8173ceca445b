"""A study's own resources folder: kept in the study's settings (encrypted file), set from the
command line after a check, and read back into the library the app loads."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldwork.cli import main as cli_main
from fieldwork.domain.errors import InvalidInput
from fieldwork.storage.study_resources import (
    load_study_resources,
    save_study_resources_folder,
    study_resources_folder,
)
from fieldwork.storage.study_store import StudyStore
from tests.conftest import PASSPHRASE
from tests.support.resource_packs import fill_in


def _pack(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    assert cli_main(["resources", "template", "--language", "so", "--out", str(folder)]) == 0
    return folder


def test_the_folder_is_a_study_setting(store: StudyStore, tmp_path: Path) -> None:
    assert study_resources_folder(store) is None
    assert not [i for i in load_study_resources(store).instruments if i.language == "so"]
    folder = _pack(tmp_path)
    fill_in(folder)
    save_study_resources_folder(store, folder)
    reopened = StudyStore.open(store.path, PASSPHRASE)
    try:
        assert study_resources_folder(reopened) == folder.resolve()
        assert {i.id for i in load_study_resources(reopened).instruments if i.language == "so"} == {
            "score15", "family_questions"}
    finally:
        reopened.close()
    save_study_resources_folder(store, None)
    assert study_resources_folder(store) is None


def test_a_folder_that_is_not_there_is_refused(store: StudyStore, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="is not a folder"):
        save_study_resources_folder(store, tmp_path / "nowhere")
    assert study_resources_folder(store) is None


def test_resources_use_checks_the_folder_first(store: StudyStore, tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("FIELDWORK_PASSPHRASE", PASSPHRASE)
    folder = _pack(tmp_path)
    path = str(store.path)
    store.close()
    assert cli_main(["resources", "use", str(folder), "--db", path]) == 2  # translations still empty
    assert "problems; see: python main.py resources check" in capsys.readouterr().err
    fill_in(folder)
    assert cli_main(["resources", "use", str(folder), "--db", path]) == 0
    assert f"now uses {folder.resolve()}" in capsys.readouterr().out
    reopened = StudyStore.open(Path(path), PASSPHRASE)
    try:
        assert study_resources_folder(reopened) == folder.resolve()
    finally:
        reopened.close()
    assert cli_main(["resources", "use", "--none", "--db", path]) == 0
