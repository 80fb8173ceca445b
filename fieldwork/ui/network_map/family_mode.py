"""'Show to family': the map full screen, large and calm, with nothing else of the case.

Owns ``FamilyModeWindow``: the same scene as the page (so a move made with the family is
the same committed, undoable action) drawn with large labels and the ring prompts in the
interview language and in English; no metrics, no notes, no legend of codes, no earlier
wave. Esc or the one button goes back to the researcher's view.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from fieldwork.ui.network_map.scene import MapScene
from fieldwork.ui.network_map.view import MapView
from fieldwork.ui.text_sizes import scaled_font


class FamilyModeWindow(QWidget):
    closed = Signal()

    def __init__(self, scene: MapScene, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(self.tr("Our map"))
        self.scene = scene
        scene.set_family_mode(True)
        layout = QVBoxLayout(self)
        self.view = MapView(scene)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.back = QPushButton(self.tr("Back (Esc)"))
        self.back.setFont(scaled_font(1.2))
        self.back.clicked.connect(self.close)
        row.addWidget(self.back)
        layout.addLayout(row)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.close)
        self.setStyleSheet("background: #ffffff;")

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.scene.set_family_mode(False)
        self.closed.emit()
        super().closeEvent(event)
