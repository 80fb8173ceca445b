"""Locking: after a while with no use, or on Ctrl+L, the app asks for the passphrase again.

The lock covers every window (see ``screen_cover``). Each wrong passphrase makes the next
try wait longer (1, 2, 4, ... up to 30 seconds), so guessing at the keyboard is slow.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.text_sizes import scaled_font

DEFAULT_LOCK_MINUTES = 5
MAX_WAIT_SECONDS = 30


def wait_after_failures(failures: int) -> int:
    """Seconds to wait before the next try after ``failures`` wrong passphrases in a row."""
    return 0 if failures <= 0 else min(MAX_WAIT_SECONDS, 2 ** (failures - 1))


class LockScreen(QWidget):
    unlocked = Signal()

    def __init__(self, store: StudyStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.failures = 0
        self.setObjectName("lockScreen")
        self.setAutoFillBackground(True)
        self.setStyleSheet("#lockScreen { background: #e6e9ef; }")
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        title = QLabel(self.tr("Locked"))
        title.setFont(scaled_font(2.6, bold=True))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        hint = QLabel(self.tr("Type the study's passphrase to go on."))
        hint.setFont(scaled_font(1.3))
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(hint)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.passphrase.setFont(scaled_font(1.3))
        self.passphrase.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 22)
        self.passphrase.returnPressed.connect(self.try_unlock)
        layout.addWidget(self.passphrase, 0, Qt.AlignmentFlag.AlignCenter)
        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.unlock_button.setFont(scaled_font(1.3))
        self.unlock_button.clicked.connect(self.try_unlock)
        layout.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignCenter)
        self.problem = QLabel()
        self.problem.setObjectName("lockProblem")
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setFont(scaled_font(1.2))
        self.problem.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.problem)
        layout.addStretch(3)
        self._wait = QTimer(self)
        self._wait.setSingleShot(True)
        self._wait.timeout.connect(self._ready)

    def reset(self) -> None:
        self.passphrase.clear()
        self.problem.clear()

    def try_unlock(self) -> None:
        if self._wait.isActive():
            return
        if self.store.passphrase_is(self.passphrase.text()):
            self.failures = 0
            self.reset()
            self.unlocked.emit()
            return
        self.failures += 1
        self.store.audit("failed_unlock")
        self.passphrase.clear()
        seconds = wait_after_failures(self.failures)
        self.problem.setText(self.tr("That passphrase is not right. Try again in {n} s.").format(n=seconds))
        self.unlock_button.setEnabled(False)
        self.passphrase.setEnabled(False)
        self._wait.start(seconds * 1000)

    def _ready(self) -> None:
        self.unlock_button.setEnabled(True)
        self.passphrase.setEnabled(True)
        self.problem.setText(self.tr("That passphrase was not right."))
        self.passphrase.setFocus()


class IdleWatch(QObject):
    """Emits ``idle`` when nobody has touched the keyboard, mouse or screen for a while."""

    idle = Signal()
    _ACTIVITY = {
        QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
        QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
    }

    def __init__(self, minutes: float = DEFAULT_LOCK_MINUTES, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        self.set_minutes(minutes)
        QApplication.instance().installEventFilter(self)

    def set_minutes(self, minutes: float) -> None:
        self.timer.setInterval(int(minutes * 60_000))
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in self._ACTIVITY:
            self.timer.start()
        return False

    def stop(self) -> None:
        self.timer.stop()
        QApplication.instance().removeEventFilter(self)
