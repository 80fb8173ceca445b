"""The first window: unlock the study with its passphrase, or create a new study.

Key derivation is deliberately slow (it is what makes a stolen file hard to open), so the
dialog says 'Unlocking…' while it runs. A wrong passphrase is said plainly and nothing in
the file changes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.errors import FieldworkError
from fieldwork.storage.backups import backup_time, newest_good_backup, restore_backup
from fieldwork.storage.database import (
    MIN_PASSPHRASE_LENGTH,
    DatabaseDamaged,
    WrongPassphrase,
    check_new_passphrase,
)
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.lock_screen import wait_after_failures
from fieldwork.ui.text_sizes import heading


class UnlockDialog(QDialog):
    """Asks for the passphrase; on success ``store`` holds the open study."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.store: StudyStore | None = None
        self.creating = not self.path.exists()
        self.setWindowTitle(self.tr("fieldwork — create a study") if self.creating
                            else self.tr("fieldwork — unlock"))
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
        self.restore = QPushButton()
        self.restore.setObjectName("restoreBackup")
        self.restore.hide()
        self.restore.clicked.connect(self._restore)
        layout.addWidget(self.restore)
        self.failures = 0
        self._backup = None
        self._wait = QTimer(self)
        self._wait.setSingleShot(True)
        self._wait.timeout.connect(self._ready)

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

    def _ready(self) -> None:
        self.go.setEnabled(True)
        self.go.setText(self.tr("Unlock"))

    def _offer_backup(self, error: DatabaseDamaged) -> None:
        self._backup = newest_good_backup(self.path, self.passphrase.text())
        if self._backup is None:
            self._say(str(error) + " " + self.tr("No backup that opens with this passphrase was found."))
            return
        when = backup_time(self._backup)
        self._say(str(error) + " " + self.tr("The damaged file will be kept, not overwritten."))
        self.restore.setText(self.tr("Restore the backup of {when}").format(
            when=f"{when:%d %B %Y, %H:%M}" if when else self._backup.name))
        self.restore.show()

    def _restore(self) -> None:
        try:
            set_aside = restore_backup(self._backup, self.path, self.passphrase.text())
            self.store = StudyStore.open(self.path, self.passphrase.text())
        except FieldworkError as error:
            self._say(str(error))
            return
        self.restored_from = (self._backup, set_aside)
        self.store.audit("restore", [self._backup.name])
        self._log_failures()
        self.accept()

    def _log_failures(self) -> None:
        """Wrong passphrases could not be written while locked out; log them now."""
        assert self.store is not None
        for _ in range(self.failures):
            self.store.audit("failed_unlock")

    def _try(self) -> None:
        if self._wait.isActive():
            return
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
        except DatabaseDamaged as error:
            self._offer_backup(error)
            self.go.setEnabled(True)
            self.go.setText(self.tr("Unlock"))
            return
        except FieldworkError as error:
            self._say(str(error))
            self.go.setEnabled(True)
            self.go.setText(self.tr("Create study") if self.creating else self.tr("Unlock"))
            if isinstance(error, WrongPassphrase):
                # Each wrong passphrase in a row makes the next try wait longer.
                self.failures += 1
                self.passphrase.clear()
                self.passphrase.setFocus()
                self.go.setEnabled(False)
                self._wait.start(wait_after_failures(self.failures) * 1000)
            return
        self._log_failures()
        self.accept()
