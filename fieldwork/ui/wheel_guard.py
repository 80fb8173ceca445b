"""Scrolling a page never changes an answer.

Qt turns the mouse wheel over a combo box, spin box or date box into a new value, even
when the box was never clicked. Walking a visit, scrolling the map's side panel set the
researcher's support rating to "Low support" as the box passed under the pointer. Owns
``guard_wheel``: an application-wide filter that gives such a wheel to the scrolling page
around the box instead, unless the researcher has put the box in focus.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox, QWidget


class _WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (event.type() != QEvent.Type.Wheel or not isinstance(watched, (QComboBox, QAbstractSpinBox))
                or watched.hasFocus()):
            return False
        area = _scrolling_page_around(watched)
        if area is not None:
            QApplication.sendEvent(area.verticalScrollBar(), event)
        return True  # the value stays as the researcher set it


def _scrolling_page_around(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent


def guard_wheel(app: QApplication) -> None:
    """Install the guard once on ``app`` (further calls do nothing)."""
    if app.property("fieldworkWheelGuard"):
        return
    guard = _WheelGuard(app)
    app.installEventFilter(guard)
    app.setProperty("fieldworkWheelGuard", True)
