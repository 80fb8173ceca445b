"""Pause: cover everything at once with a calm screen that shows nothing about the family.

For the moment a visit turns difficult, someone walks in, or the researcher steps away.
Every window of the app is hidden (the main window's pages, its title, menus and status
line, and any family view on a second screen) until the researcher resumes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from fieldwork.ui.text_sizes import scaled_font


class PauseScreen(QWidget):
    resume_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pauseScreen")
        self.setAutoFillBackground(True)
        self.setStyleSheet("#pauseScreen { background: #e9efe9; } QLabel { color: #2f3d2f; }")
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        words = QLabel(self.tr("Paused"))
        words.setFont(scaled_font(3.0, bold=True))
        words.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(words)
        hint = QLabel(self.tr("Take the time you need."))
        hint.setFont(scaled_font(1.4))
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(hint)
        layout.addStretch(1)
        self.resume = QPushButton(self.tr("&Resume"))
        self.resume.setFont(scaled_font(1.4))
        self.resume.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 14)
        self.resume.clicked.connect(self.resume_requested)
        layout.addWidget(self.resume, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(2)
