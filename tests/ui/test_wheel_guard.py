"""Scrolling never changes an answer (walking a visit, scrolling the map's side panel
set the researcher's support rating to "Low support" as the box passed under the pointer)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QScrollArea, QVBoxLayout, QWidget

from fieldwork.ui.wheel_guard import guard_wheel
from tests.ui.test_map_step import page  # noqa: F401  (the fixture)
from tests.ui.test_network_map_page import add


def _wheel(widget: QWidget, notches: int = -3) -> None:
    at = QPointF(widget.rect().center())
    event = QWheelEvent(at, QPointF(widget.mapToGlobal(QPoint(int(at.x()), int(at.y())))), QPoint(),
                        QPoint(0, 120 * notches), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_the_wheel_over_the_support_rating_scrolls_the_panel_and_leaves_the_rating(page, qtbot):  # noqa: F811
    guard_wheel(QApplication.instance())
    page.resize(900, 420)
    add(page, "Nan", 1, 100, "grandparent")
    rating = page.metrics.rating
    rating.setFocus()
    page.setFocus()  # the researcher clicked elsewhere: the box is not in focus
    area = next(a for a in page.findChildren(QScrollArea) if a.isAncestorOf(rating))
    before = area.verticalScrollBar().value()
    _wheel(rating)
    assert rating.currentText() == "Not rated yet"
    assert page.document.judgements().support_level is None
    assert area.verticalScrollBar().value() > before or area.verticalScrollBar().maximum() == 0


def test_a_box_in_focus_still_answers_the_wheel(qtbot):
    guard_wheel(QApplication.instance())
    holder = QScrollArea()
    inner = QWidget()
    box = QComboBox(inner)
    box.addItems(["one", "two", "three"])
    QVBoxLayout(inner).addWidget(box)
    holder.setWidget(inner)
    qtbot.addWidget(holder)
    holder.show()
    holder.activateWindow()
    qtbot.waitActive(holder)
    _wheel(box)
    assert box.currentText() == "one"
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    _wheel(box, -1)
    assert box.currentText() == "two"
