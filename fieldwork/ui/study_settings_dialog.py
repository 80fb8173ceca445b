"""Study → Study settings…: the study settings a study lead sets once for the whole study.

Today that is whether the study records audio (``records_audio``): a consent form's
component tied to it (audio recording) is asked only in a study that records audio. The
setting is saved through ``store.edit()`` (one transaction, an audit entry) via the save
reporter; consent already confirmed never changes, only forms not yet answered follow it
(the consent step of an open interview refreshes at once, ``study_tasks``). The study's own
resources folder is shown, not chosen here: ``python main.py resources use`` checks a
folder before a study uses it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.consent_components import RECORDS_AUDIO
from fieldwork.domain.resource_library import check_resource_folder
from fieldwork.storage.consent_store import save_records_audio, study_consent_settings
from fieldwork.storage.study_resources import save_study_resources_folder, study_resources_folder
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.save_status import SaveReporter
from fieldwork.ui.wrapped_label import WrappedLabel


class StudySettingsDialog(QDialog):
    """The study's settings: whether it records audio, and where its own resources are."""

    def __init__(self, store: StudyStore, reporter: SaveReporter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.reporter = store, reporter
        self.setWindowTitle(self.tr("Study settings"))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 40)
        layout = QVBoxLayout(self)

        audio_box = QGroupBox(self.tr("Audio recording"))
        audio = QVBoxLayout(audio_box)
        self.records_audio = QCheckBox(self.tr("This study &records interviews (audio)"))
        self.records_audio.setChecked(RECORDS_AUDIO in study_consent_settings(store))
        audio.addWidget(self.records_audio)
        audio.addWidget(_note(self.tr(
            "When ticked, the consent forms ask the family whether the interview may be recorded. "
            "When not ticked, they do not ask, and no interview may be recorded. Consent already "
            "confirmed stays as it was given; only forms not yet answered change.")))
        layout.addWidget(audio_box)

        resources_box = QGroupBox(self.tr("The study's own consent forms and translations"))
        resources = QVBoxLayout(resources_box)
        self.stored_folder: Path | None = study_resources_folder(store)
        self.chosen_folder: Path | None = self.stored_folder
        # A path has no spaces to wrap at: a read-only field keeps a long one from widening the dialog.
        self.resources_folder = QLineEdit()
        self.resources_folder.setReadOnly(True)
        resources.addWidget(QLabel(self.tr("Read from:")))
        resources.addWidget(self.resources_folder)
        buttons_row = QHBoxLayout()
        self.choose = QPushButton(self.tr("C&hoose folder…"))
        self.choose.clicked.connect(lambda: self.choose_folder())
        self.shipped_only = QPushButton(self.tr("Use only the app's &own"))
        self.shipped_only.clicked.connect(lambda: self.use_folder(None))
        buttons_row.addWidget(self.choose)
        buttons_row.addWidget(self.shipped_only)
        buttons_row.addStretch(1)
        resources.addLayout(buttons_row)
        self.folder_note = _note("")
        resources.addWidget(self.folder_note)
        # Every problem, by file and place in it: a few lines that scroll, so a long list
        # never makes the dialog taller than a small screen, and long paths wrap anywhere.
        self.folder_problems = QPlainTextEdit()
        self.folder_problems.setReadOnly(True)
        self.folder_problems.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        lines = self.fontMetrics().lineSpacing()
        self.folder_problems.setMinimumHeight(lines * 3 + 12)
        self.folder_problems.setMaximumHeight(lines * 5 + 12)
        self.folder_problems.hide()
        resources.addWidget(self.folder_problems)
        resources.addWidget(_note(self.tr(
            "A folder is checked before the study uses it. Interviews you open after saving use "
            "it; an interview open now keeps its forms until you open it again.")))
        self._show_folder()
        layout.addWidget(resources_box)
        layout.addStretch(1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def choose_folder(self, folder: Path | None = None) -> bool:
        """Ask for a folder (or take ``folder``) and use it if it passes the check."""
        if folder is None:
            start = str(self.chosen_folder or Path.home())
            picked = QFileDialog.getExistingDirectory(self, self.tr("The study's resources folder"), start)
            if not picked:
                return False
            folder = Path(picked)
        return self.use_folder(folder)

    def use_folder(self, folder: Path | None) -> bool:
        """``folder`` (None: only the app's own) for the study once saved; a folder with
        problems is refused, each problem listed, and the choice stays as it was."""
        if folder is not None:
            _library, problems = check_resource_folder(folder)
            if problems:
                count = (self.tr("1 problem") if len(problems) == 1
                         else self.tr("{n} problems").format(n=len(problems)))
                self._show_folder(self.tr("That folder cannot be used; nothing was changed. {count}:").format(
                    count=count), [str(problem) for problem in problems])
                return False
            folder = folder.resolve()
        self.chosen_folder = folder
        self._show_folder()
        return True

    def _show_folder(self, problem: str = "", problems: list[str] | None = None) -> None:
        folder = self.chosen_folder
        self.resources_folder.setText(str(folder) if folder is not None else self.tr(
            "None: the forms and questionnaires that come with the app"))
        self.resources_folder.setCursorPosition(0)
        self.shipped_only.setEnabled(folder is not None)
        note = problem or (self.tr("Checked: no problems. Used once you save.")
                           if folder != self.stored_folder else "")
        self.folder_note.setText(note)
        self.folder_note.setVisible(bool(note))
        self.folder_problems.setPlainText("\n".join(problems or ()))
        self.folder_problems.setVisible(bool(problems))

    @property
    def folder_changed(self) -> bool:
        """Whether saving changed the study's resources folder (the window reloads its forms)."""
        return self.stored_folder != study_resources_folder(self.store)

    def save(self) -> bool:
        """Save what changed (nothing unchanged is written, so the audit log shows changes only)."""
        wanted = self.records_audio.isChecked()
        if wanted != self._stored():
            self.reporter.attempt(save_records_audio, self.store, wanted)
            if wanted != self._stored():
                return False  # not saved: the reporter said why; the dialog keeps the choice
        if self.chosen_folder != study_resources_folder(self.store):
            if self.chosen_folder is not None and not self.chosen_folder.is_dir():  # gone since it was checked
                self._show_folder(self.tr("That folder is no longer there (a USB stick taken out?); "
                                          "nothing was changed. Choose it again when it is back."))
                return False
            self.reporter.attempt(save_study_resources_folder, self.store, self.chosen_folder)
            if self.chosen_folder != study_resources_folder(self.store):
                return False  # e.g. the folder went away meanwhile: said; the choice stays
        self.accept()
        return True

    def _stored(self) -> bool:
        return RECORDS_AUDIO in study_consent_settings(self.store)


def _note(text: str) -> QLabel:
    return WrappedLabel(text)  # never shorter than its lines, so a note is never cut off
