"""Study → Study settings…: whether the study records audio, saved with an audit entry, and
followed at once by the consent step of an open interview."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from fieldwork.domain.consent_components import RECORDS_AUDIO
from fieldwork.domain.interview_steps import InterviewStep
from fieldwork.storage.audit import audit_entries
from fieldwork.storage.consent_store import study_consent_settings
from fieldwork.storage.study_resources import save_study_resources_folder, study_resources_folder
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.main_window import MainWindow
from fieldwork.ui.save_status import SaveReporter
from fieldwork.ui.shortcut_text import plain_text
from fieldwork.ui.study_settings_dialog import StudySettingsDialog
from tests.conftest import give_consent
from tests.support.score15_study_items import write_study_score15

LEFT = Qt.MouseButton.LeftButton
SCHOOL_FORM = Path(__file__).resolve().parents[1] / "data" / "consent" / "extra" / "school-study.en.json"


def _save_button(dialog: StudySettingsDialog):
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)


def test_ticking_records_audio_saves_it_with_an_audit_entry(qtbot, store: StudyStore) -> None:
    dialog = StudySettingsDialog(store, SaveReporter(store))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.records_audio.isChecked()  # off unless a study says it records audio
    assert "None: the forms and questionnaires that come with the app" in dialog.resources_folder.text()
    before = len(audit_entries(store.db))
    qtbot.mouseClick(dialog.records_audio, LEFT)
    qtbot.mouseClick(_save_button(dialog), LEFT)
    assert study_consent_settings(store) == (RECORDS_AUDIO,)
    [entry] = audit_entries(store.db)[: len(audit_entries(store.db)) - before]
    assert entry.action == "edit" and entry.record_keys == (RECORDS_AUDIO,)
    again = StudySettingsDialog(store, SaveReporter(store))
    qtbot.addWidget(again)
    assert again.records_audio.isChecked()
    qtbot.mouseClick(_save_button(again), LEFT)  # nothing changed: nothing written
    assert len(audit_entries(store.db)) == before + 1


def test_the_open_consent_step_asks_about_audio_at_once(qtbot, store: StudyStore, tmp_path: Path) -> None:
    folder = tmp_path / "study-resources"
    (folder / "consent").mkdir(parents=True)
    shutil.copy(SCHOOL_FORM, folder / "consent")  # the study's own form, with an audio component
    save_study_resources_folder(store, folder)
    family = store.add_family(site="Borough A")
    interview = store.add_interview(family.key)
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    window.open_interview(interview.key)
    consent = window.workspace.page(InterviewStep.CONSENT)

    def asked() -> list[str]:
        return [row.statement.component for row in consent.entry.rows]

    assert consent.entry.form.form_id == "school-study" and "audio_recording" not in asked()
    qtbot.mouseClick(consent.entry.rows[0].yes, LEFT)  # the researcher has begun

    def tick_and_save() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, StudySettingsDialog)
        dialog.records_audio.setChecked(True)
        qtbot.mouseClick(_save_button(dialog), LEFT)

    QTimer.singleShot(0, tick_and_save)
    action = next(a for a in window.menus.study.actions() if plain_text(a.text()) == "Study settings…")
    action.trigger()
    assert "audio_recording" in asked()
    assert consent.entry.rows[0].answer() is True  # what was answered stays


BAD_INSTRUMENT = Path(__file__).resolve().parents[1] / "data" / "bad_resources"
BAD_INSTRUMENT = BAD_INSTRUMENT / "instruments" / "item-text-missing.json"


def _dialog(qtbot, store: StudyStore) -> StudySettingsDialog:
    dialog = StudySettingsDialog(store, SaveReporter(store))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_checked_folder_is_chosen_in_the_app_and_saved_with_an_audit_entry(
        qtbot, store: StudyStore, tmp_path: Path) -> None:
    folder = write_study_score15(tmp_path / "study-resources")
    dialog = _dialog(qtbot, store)
    before = len(audit_entries(store.db))
    assert dialog.choose_folder(folder)
    assert dialog.resources_folder.text() == str(folder.resolve())
    assert dialog.folder_note.text() == "Checked: no problems. Used once you save."
    assert study_resources_folder(store) is None  # not before Save
    qtbot.mouseClick(_save_button(dialog), LEFT)
    assert study_resources_folder(store) == folder.resolve()
    [entry] = audit_entries(store.db)[: len(audit_entries(store.db)) - before]
    assert entry.action == "edit"

    again = _dialog(qtbot, store)  # back to the app's own
    assert again.resources_folder.text() == str(folder.resolve())
    qtbot.mouseClick(again.shipped_only, LEFT)
    assert "None: the forms and questionnaires" in again.resources_folder.text()
    qtbot.mouseClick(_save_button(again), LEFT)
    assert study_resources_folder(store) is None


def test_a_folder_with_a_problem_is_refused_and_nothing_changes(qtbot, store: StudyStore, tmp_path: Path) -> None:
    good = write_study_score15(tmp_path / "good")
    save_study_resources_folder(store, good)
    bad = tmp_path / "bad"
    (bad / "instruments").mkdir(parents=True)
    shutil.copy(BAD_INSTRUMENT, bad / "instruments" / "score15.so.json")
    dialog = _dialog(qtbot, store)
    before = len(audit_entries(store.db))
    assert not dialog.choose_folder(bad)
    assert dialog.folder_note.text().startswith("That folder cannot be used; nothing was changed.")
    listed = dialog.folder_problems.toPlainText()
    assert dialog.folder_problems.isVisible()
    assert str(bad / "instruments" / "score15.so.json") in listed  # which file, and what is wrong in it
    assert dialog.resources_folder.text() == str(good.resolve())
    assert not dialog.choose_folder(tmp_path / "not-there")
    assert "does not exist" in dialog.folder_problems.toPlainText()
    qtbot.mouseClick(_save_button(dialog), LEFT)
    assert study_resources_folder(store) == good.resolve()
    assert len(audit_entries(store.db)) == before  # nothing written


def test_interviews_opened_after_the_change_use_the_new_folder(qtbot, store: StudyStore, tmp_path: Path) -> None:
    folder = write_study_score15(tmp_path / "study-resources")
    family = store.add_family(site="Borough A")
    interview = store.add_interview(family.key)
    store.change_status(interview.key, "in_progress")
    give_consent(store, interview.key)
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()

    def choose_and_save() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, StudySettingsDialog)
        assert dialog.choose_folder(folder)
        qtbot.mouseClick(_save_button(dialog), LEFT)

    QTimer.singleShot(0, choose_and_save)
    action = next(a for a in window.menus.study.actions() if plain_text(a.text()) == "Study settings…")
    action.trigger()
    assert study_resources_folder(store) == folder.resolve()
    window.open_interview(interview.key)
    score15 = window.workspace.page(InterviewStep.SCORE15)
    assert len(score15.session.items) == 21  # the 16 shipped items and the study's own 5


def test_a_folder_gone_before_save_is_said_in_the_dialog_and_nothing_changes(
        qtbot, store: StudyStore, tmp_path: Path) -> None:
    folder = write_study_score15(tmp_path / "on-a-stick")
    dialog = _dialog(qtbot, store)
    before = len(audit_entries(store.db))
    assert dialog.choose_folder(folder)
    shutil.rmtree(folder)  # taken out between choosing and saving
    qtbot.mouseClick(_save_button(dialog), LEFT)
    assert dialog.isVisible()  # still open, with the reason where the researcher is looking
    assert dialog.folder_note.text().startswith("That folder is no longer there")
    assert study_resources_folder(store) is None
    assert len(audit_entries(store.db)) == before
