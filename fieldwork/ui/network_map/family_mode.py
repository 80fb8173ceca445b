"""'Show to family': the map large and calm, with nothing else of the case.

Owns ``FamilyModeWindow``: the same scene as the page (so a move made with the family is
the same committed, undoable action) drawn with large names, and beside it the ring
prompts, large, in the interview language (with the English where it differs). No
metrics, no notes, no off-map people or reasons, no ratings, no legend of codes, no
earlier wave, no tooltips. On a second screen it fills that screen; with one screen it
is a large window that leaves the researcher's own window reachable. Esc or the one
button closes it; the page's button says "Hide from family" while it is open.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QScreen, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from fieldwork.ui.network_map.key_panel import RingPrompts
from fieldwork.ui.network_map.scene import MapScene
from fieldwork.ui.network_map.view import MapView
from fieldwork.ui.text_sizes import scaled_font

LARGE_WINDOW_SHARE = 0.9  # of the screen, when there is no second screen


class FamilyModeWindow(QWidget):
    closed = Signal()

    def __init__(self, scene: MapScene, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(self.tr("Our map"))
        self.setObjectName("familyMap")
        self.scene = scene
        self.on_second_screen = False
        scene.set_family_mode(True)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.view = MapView(scene)
        scene.label_view = self.view  # the names are sized for the family's view now
        self.prompts = RingPrompts(scene.document.network.settings, scale=1.5)
        # A quarter of the width for the prompts, the rest for the map, at any window size.
        self.prompts.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        row.addWidget(self.prompts, 1)
        row.addWidget(self.view, 3)
        layout.addLayout(row, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.back = QPushButton(self.tr("Close (Esc)"))
        self.back.setFont(scaled_font(1.2))
        self.back.clicked.connect(self.close)
        buttons.addWidget(self.back)
        layout.addLayout(buttons)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.close)
        self.setStyleSheet("background: #ffffff;")

    def show_on(self, researchers: QScreen | None, screens: Sequence[QScreen]) -> None:
        """Full screen on a screen other than the researcher's; else a large window."""
        other = next((s for s in screens if s is not researchers), None) if len(screens) > 1 else None
        if other is not None:
            self.on_second_screen = True
            self.setScreen(other)
            self.setGeometry(other.geometry())
            self.showFullScreen()
            return
        screen = researchers or (screens[0] if screens else None)
        if screen is not None:
            area = screen.availableGeometry()
            w, h = round(area.width() * LARGE_WINDOW_SHARE), round(area.height() * LARGE_WINDOW_SHARE)
            self.setGeometry(area.x() + (area.width() - w) // 2, area.y() + (area.height() - h) // 2, w, h)
        self.show()
        self.raise_()
        self.activateWindow()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        # Esc closes even before the window manager has made this window the active one
        # (where the shortcut alone would not fire).
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.scene.set_family_mode(False)
        self.closed.emit()
        super().closeEvent(event)
