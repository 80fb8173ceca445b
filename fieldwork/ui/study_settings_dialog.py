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

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.consent_components import RECORDS_AUDIO
from fieldwork.storage.consent_store import save_records_audio, study_consent_settings
from fieldwork.storage.study_resources import study_resources_folder
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.save_status import SaveReporter


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
        folder = study_resources_folder(store)
        # A path has no spaces to wrap at: a read-only field keeps a long one from widening the dialog.
        self.resources_folder = QLineEdit(str(folder) if folder is not None else self.tr(
            "None: the forms and questionnaires that come with the app"))
        self.resources_folder.setReadOnly(True)
        self.resources_folder.setCursorPosition(0)
        resources.addWidget(QLabel(self.tr("Read from:")))
        resources.addWidget(self.resources_folder)
        resources.addWidget(_note(self.tr(
            "The study's data manager chooses the folder on the command line, which checks it first:")))
        command = QLabel("python main.py resources use FOLDER")
        command.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        command.setStyleSheet("font-family: monospace;")
        resources.addWidget(command)
        layout.addWidget(resources_box)
        layout.addStretch(1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def save(self) -> bool:
        """Save what changed (nothing unchanged is written, so the audit log shows changes only)."""
        wanted = self.records_audio.isChecked()
        if wanted != self._stored():
            self.reporter.attempt(save_records_audio, self.store, wanted)
            if wanted != self._stored():
                return False  # not saved: the reporter said why; the dialog keeps the choice
        self.accept()
        return True

    def _stored(self) -> bool:
        return RECORDS_AUDIO in study_consent_settings(self.store)


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label
