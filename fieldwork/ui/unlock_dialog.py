"""The first window: unlock the study with its passphrase, or create a new study.

Key derivation is deliberately slow (it is what makes a stolen file hard to open), so the
dialog says 'Unlocking…' while it runs. A wrong passphrase is said plainly and nothing in
the file changes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.errors import FieldworkError
from fieldwork.storage.database import MIN_PASSPHRASE_LENGTH, check_new_passphrase
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.text_sizes import heading


class UnlockDialog(QDialog):
    """Asks for the passphrase; on success ``store`` holds the open study."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.store: StudyStore | None = None
        self.creating = not self.path.exists()
        self.setWindowTitle(self.tr("fieldwork — create a study") if self.creating else self.tr("fieldwork — unlock"))
        self.setMinimumWidth(520)

        layout = QVBoxLayout(self)
        if self.creating:
            layout.addWidget(heading(self.tr("Create a new study")))
            layout.addWidget(self._note(self.tr(
                "Everything you record is kept in one encrypted file on this computer. "
                "Choose a passphrase of at least {n} characters. Nobody can open the study "
                "without it, and it cannot be recovered if it is forgotten: keep it as your "
                "study's data protection procedure says."
            ).format(n=MIN_PASSPHRASE_LENGTH)))
        else:
            layout.addWidget(heading(self.tr("Unlock the study")))
            layout.addWidget(self._note(self.tr("Type the study's passphrase to open it.")))

        form = QFormLayout()
        self.study_name = QLineEdit()
        self.researcher = QLineEdit()
        self.passphrase = self._secret()
        self.passphrase_again = self._secret()
        if self.creating:
            self.study_name.setPlaceholderText(self.tr("e.g. Family support study 2026"))
            self.researcher.setPlaceholderText(self.tr("your name or researcher ID"))
            form.addRow(self.tr("Study &name"), self.study_name)
            form.addRow(self.tr("&Researcher"), self.researcher)
            form.addRow(self.tr("&Passphrase"), self.passphrase)
            form.addRow(self.tr("Passphrase &again"), self.passphrase_again)
        else:
            form.addRow(self.tr("&Passphrase"), self.passphrase)
        layout.addLayout(form)

        self.problem = QLabel()
        self.problem.setObjectName("unlockProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.hide()
        layout.addWidget(self.problem)

        where = QLabel(self.tr("Study file: {path}").format(path=self.path))
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(where)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.go = self.buttons.addButton(
            self.tr("Create study") if self.creating else self.tr("Unlock"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAutoDefault(False)
        self.buttons.accepted.connect(self._try)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        (self.study_name if self.creating else self.passphrase).setFocus()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        # The button box picks its own default when shown; Return must unlock, never cancel.
        super().showEvent(event)
        self.go.setDefault(True)

    def _note(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        return label

    def _secret(self) -> QLineEdit:
        field = QLineEdit()
        field.setEchoMode(QLineEdit.EchoMode.Password)
        return field

    def _say(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.show()
        self.adjustSize()

    def _try(self) -> None:
        self.go.setEnabled(False)
        self.go.setText(self.tr("Creating…") if self.creating else self.tr("Unlocking…"))
        QApplication.processEvents()
        try:
            if self.creating:
                check_new_passphrase(self.passphrase.text(), self.passphrase_again.text())
                self.store = StudyStore.create(
                    self.path, self.passphrase.text(), self.study_name.text(), self.researcher.text()
                )
            else:
                self.store = StudyStore.open(self.path, self.passphrase.text())
        except FieldworkError as error:
            self._say(str(error))
            if not self.creating:
                self.passphrase.clear()
                self.passphrase.setFocus()
            self.go.setEnabled(True)
            self.go.setText(self.tr("Create study") if self.creating else self.tr("Unlock"))
            return
        self.accept()
