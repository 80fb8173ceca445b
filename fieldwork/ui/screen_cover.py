"""Covering the whole app at once (pause, lock) and bringing it back as it was.

While covered: the main window shows only the covering screen under a neutral title; its
menus, toolbar and status line are hidden; every other window (a family view on a second
screen, the map's family mode) is hidden; and every shortcut is switched off, so no key
can bring a family's page, or its code in the title, back until the cover is lifted.
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QWidget

NEUTRAL_TITLE = "fieldwork"


class ScreenCover:
    def __init__(self, window: QMainWindow, stack: QStackedWidget, covered: QWidget,
                 chrome: list[QWidget]) -> None:
        self.window, self.stack, self.covered, self.chrome = window, stack, covered, chrome
        self.screen: QWidget | None = None
        self._title = ""
        self._bars: list[tuple[QWidget, bool]] = []
        self._windows: list[QWidget] = []
        self._actions: list[QAction] = []

    def cover(self, screen: QWidget, focus: QWidget | None = None) -> None:
        """Show ``screen`` over everything; a second cover only swaps the screen shown."""
        if self.screen is None:
            self._title = self.window.windowTitle()
            self._bars = [(bar, bar.isVisible()) for bar in self.chrome]
            self._windows = [
                w for w in QApplication.topLevelWidgets()
                if w is not self.window and w.isWindow() and w.isVisible()
            ]
            self._actions = [a for a in self.window.findChildren(QAction) if a.isEnabled()]
        self.screen = screen
        self.stack.setCurrentWidget(screen)
        self.window.setWindowTitle(NEUTRAL_TITLE)
        for bar, _visible in self._bars:
            bar.hide()
        for other in self._windows:
            other.hide()
        for action in self._actions:
            action.setEnabled(False)
        (focus or screen).setFocus()

    def uncover(self) -> None:
        if self.screen is None:
            return
        self.screen = None
        self.stack.setCurrentWidget(self.covered)
        self.window.setWindowTitle(self._title)
        for bar, visible in self._bars:
            bar.setVisible(visible)
        for other in self._windows:
            other.show()
        for action in self._actions:
            action.setEnabled(True)
        self._bars, self._windows, self._actions = [], [], []
