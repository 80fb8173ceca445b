"""A study's own translation pack, from `resources template` to the screens: the study setting
names the folder, the window loads the library once, and the consent and SCORE-15 pages
show the new language with the English beside it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from fieldwork.cli import main as cli_main
from fieldwork.domain.interview_steps import InterviewStep
from fieldwork.storage.study_resources import save_study_resources_folder, study_resources_folder
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.main_window import MainWindow
from tests.conftest import give_consent
from tests.support.resource_packs import fill_in

SCORE15_ITEM_1 = "In my family we talk to each other about things which matter to us"


def _somali_study(store: StudyStore, tmp_path: Path) -> Path:
    folder = tmp_path / "somali-pack"
    assert cli_main(["resources", "template", "--language", "so", "--out", str(folder)]) == 0
    fill_in(folder)
    save_study_resources_folder(store, folder)
    return folder


def _window(qtbot, store: StudyStore) -> MainWindow:
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.resize(1200, 820)
    window.show()
    return window


def _open_step(window: MainWindow, interview_key: str, step: InterviewStep):
    window.open_interview(interview_key)
    workspace = window.workspace
    workspace.navigator.setCurrentRow(workspace.steps.index(step))
    return workspace.page(step)


def test_the_consent_page_shows_the_pack_beside_english(qtbot, store: StudyStore, tmp_path: Path) -> None:
    folder = _somali_study(store, tmp_path)
    assert study_resources_folder(store) == folder.resolve()
    family = store.add_family()
    interview = store.add_interview(family.key, language="so-SO", interpreter_present=True,
                                    interpreter="INT-3")
    window = _window(qtbot, store)
    entry = _open_step(window, interview.key, InterviewStep.CONSENT).entry
    somali, english = entry.sheet.columns
    assert (somali.form.language, english.form.language) == ("so", "en")
    assert english.paragraphs[0].text().startswith("We are researchers from a university.")
    assert somali.paragraphs[0].text() == f"[so] {english.paragraphs[0].text()}"
    assert entry.rows[0].text_label.text() == f"[so] {entry.rows[0].english_label.text()}"
    qtbot.waitUntil(lambda: somali.x() < english.x())  # side by side once laid out


def test_score15_shows_the_pack_beside_english_marked_not_validated(
        qtbot, store: StudyStore, tmp_path: Path) -> None:
    _somali_study(store, tmp_path)
    family = store.add_family()
    interview = store.add_interview(family.key, language="so", interpreter_present=True, interpreter="INT-3")
    store.change_status(interview.key, "in_progress")
    give_consent(store, interview.key)
    window = _window(qtbot, store)
    page = _open_step(window, interview.key, InterviewStep.SCORE15)
    qtbot.keyClicks(page.chooser.someone, "My mum")
    qtbot.mouseClick(page.chooser.add, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.chooser.start, Qt.MouseButton.LeftButton)
    assert page.wording.text.text() == f"[so] {SCORE15_ITEM_1}"
    assert page.wording.english_text.isVisibleTo(page) and page.wording.english_text.text() == SCORE15_ITEM_1
    wording = page.wording
    qtbot.waitUntil(lambda: wording.english_side.x() != wording.shown_side.x())  # two columns
    card = page.cards.cards[0]
    assert card.label.text() == f"[so] {card.english.text()}"  # each answer with its English
    assert "not a validated translation" in page.notice.text()
    qtbot.keyClick(page, Qt.Key.Key_2)
    [row] = store.db["instrument_answers"].rows
    assert (row["answer_language"], row["translation_validated"]) == ("so", 0)


def test_a_study_without_its_folder_still_opens_and_says_which_file_is_missing(
        qtbot, store: StudyStore, tmp_path: Path) -> None:
    folder = _somali_study(store, tmp_path)
    (folder / "map_prompts" / "so.json").write_text("{", encoding="utf-8")
    window = _window(qtbot, store)
    assert [e.path for e in window.resources.errors] == [str(folder.resolve() / "map_prompts" / "so.json")]
    assert any(i.language == "so" for i in window.resources.instruments)  # the good files are used
