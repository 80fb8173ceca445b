"""What the fieldwork screens share: coded choice boxes, a scroll area, fitting the screen,
and saving one edit with its refusal shown in the panel itself."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QWidget,
)

from fieldwork.domain.errors import FieldworkError
from fieldwork.ui.save_status import SaveReporter

T = TypeVar("T")


def coded_combo(labels: Mapping[object, str], blank: str | None = None) -> QComboBox:
    """A choice of codes shown by their labels; ``blank`` first (data None) if given."""
    box = QComboBox()
    if blank is not None:
        box.addItem(blank, None)
    for code, label in labels.items():
        box.addItem(box.tr(label), str(getattr(code, "value", code)))
    return box


def choose(box: QComboBox, code: object) -> None:
    box.setCurrentIndex(max(0, box.findData(None if code is None else str(getattr(code, "value", code)))))


def scrolled(widget: QWidget) -> QScrollArea:
    """``widget`` in a scroll area, so a small laptop screen can reach all of it."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Open at ``width``×``height`` or the screen's free space, whichever is smaller."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        free = screen.availableGeometry()
        width, height = min(width, free.width() - 40), min(height, free.height() - 60)
    window.resize(max(320, width), max(240, height))


def qdate(day) -> QDate:  # noqa: ANN001 - a datetime.date
    return QDate(day.year, day.month, day.day)


class ProblemLine(QLabel):
    """Why the last change was not saved, in red, under the form; hidden when all is well."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("problem")
        self.setWordWrap(True)
        self.setStyleSheet("color: #b00020; font-weight: bold;")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()
        self._result: object = None

    def save(self, reporter: SaveReporter, edit: Callable[..., T], *args: object,
             **kwargs: object) -> T | None:
        """Run one edit; if refused, say why here and on the status line, and return None."""
        self.run(reporter, edit, *args, **kwargs)
        return self._result  # type: ignore[return-value]

    def run(self, reporter: SaveReporter, edit: Callable[..., object], *args: object,
            **kwargs: object) -> bool:
        """Run one edit that returns nothing; True if it was saved."""
        self._result = None
        try:
            self._result = edit(*args, **kwargs)
        except FieldworkError as error:
            reporter.report_failure(error)
            self.setText(self.tr("Not saved: {error}").format(error=error))
            self.show()
            return False
        self.hide()
        return True


def record_table(owner: QWidget, columns: tuple[str, ...] | list[str]) -> QTableWidget:
    """A read-only list of records, one row selected at a time, its columns as wide as their text."""
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels([owner.tr(c) for c in columns])
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    return table
