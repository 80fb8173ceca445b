"""A word-wrapped label that is always tall enough for its lines.

Inside a scrolling panel Qt lays a wrapped label out at the height it needs for another
width, so its last line can be cut off (the map's "Suggested from the map: Not enough
information" lost its last word at 1366x768). Owns ``WrappedLabel``, which asks for the
height its own width needs whenever its width or its text changes.
"""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget


class WrappedLabel(QLabel):
    """A ``QLabel`` with word wrap on, never shorter than its wrapped text."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        super().setText(text)
        self._fit_height()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        needed = self.heightForWidth(max(1, self.width()))
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)
