"""Help: the user guide, the list of keyboard shortcuts, and About.

The user guide is ``docs/user-guide.md``, shipped inside the package as
``fieldwork.resources/help/user-guide.md`` with the screenshots it shows (the copy is made by
``docs/make_screenshots.py``; ``tests/ui/test_help.py`` keeps the two the same). The
shortcuts are collected from the window's actions and the shortcuts of the page on screen,
never copied by hand, so the list is what the keys do today.
"""

from __future__ import annotations

import platform
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QImage, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from fieldwork import __version__
from fieldwork.resource_files import resource_folder
from fieldwork.ui.shortcut_text import plain_text

if TYPE_CHECKING:
    from fieldwork.ui.main_window import MainWindow

GUIDE_FILE = "user-guide.md"


def user_guide_path() -> Path:
    """The shipped copy of the user guide (in a checkout, a wheel and the desktop app alike)."""
    return resource_folder("help") / GUIDE_FILE


def _fitted(dialog: QDialog, parent: QWidget, width: int, height: int) -> None:
    # Never larger than the main window's screen allows (1024×600, 150 % scaling).
    area = parent.screen().availableGeometry()
    dialog.resize(min(width, area.width() - 40), min(height, area.height() - 60))


class UserGuideDialog(QDialog):
    """The guide, rendered from Markdown, beside the app (not modal: read while you work)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("fieldwork user guide"))
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        path = user_guide_path()
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            text = self.tr("The user guide is missing from this installation ({path}: {problem}).").format(
                path=path, problem=error.strerror or error)
        self.browser.setSearchPaths([str(path.parent)])
        self.browser.setMarkdown(text)
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        _fitted(self, parent, 900, 700)
        self._fit_pictures(self.width() - 80)
        parent.installEventFilter(self)  # closes with the window it belongs to

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.parent() and event.type() == QEvent.Type.Close:
            self.close()
        return False

    def _fit_pictures(self, width: int) -> None:
        """Screenshots are a laptop screen wide: shown at most ``width`` pixels wide, in proportion."""
        document = self.browser.document()
        block = document.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                picture = fragment.charFormat().toImageFormat()
                if picture.isValid():
                    image = QImage(str(user_guide_path().parent / picture.name()))
                    if not image.isNull() and image.width() > width:
                        picture.setWidth(width)
                        picture.setHeight(image.height() * width / image.width())
                        cursor = QTextCursor(document)
                        cursor.setPosition(fragment.position())
                        cursor.setPosition(fragment.position() + fragment.length(),
                                           QTextCursor.MoveMode.KeepAnchor)
                        cursor.setCharFormat(picture)
                it += 1
            block = block.next()


def show_user_guide(window: QWidget) -> UserGuideDialog:
    """Open the guide beside the window (one at a time: a second ask brings it to the front)."""
    guide = getattr(window, "user_guide", None)
    if not isinstance(guide, UserGuideDialog):
        guide = UserGuideDialog(window)
        window.user_guide = guide  # type: ignore[attr-defined]
    guide.show()
    guide.raise_()
    return guide


def _describe(action: QAction) -> str:
    return plain_text(action.text()) or action.toolTip() or action.whatsThis() or action.objectName()


def collect_shortcuts(window: MainWindow) -> list[tuple[str, str, str]]:
    """(where, keys, what) for every shortcut of the window's menus and of the page on screen."""
    rows: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()

    def add(where: str, sequences: list[QKeySequence], what: str) -> None:
        for sequence in sequences:
            keys = sequence.toString(QKeySequence.SequenceFormat.NativeText)
            if keys and what and (keys, what) not in seen:
                seen.add((keys, what))
                rows.append((where, keys, what))

    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if menu is None:
            continue
        for action in menu.actions():
            add(plain_text(menu.title()), action.shortcuts(), _describe(action))
    for action in window.actions():
        add(window.tr("Everywhere"), action.shortcuts(), _describe(action))
    page = window.pages.currentWidget()
    workspace = window.workspace if page is window.workspace else None
    parts: list[tuple[str, QWidget]] = []
    if workspace is not None:
        from fieldwork.domain.interview_steps import STEP_LABELS

        parts = [(window.tr("Step: {step}").format(step=window.tr(STEP_LABELS[step])), workspace.page(step))
                 for step in workspace.steps]
    parts.append((window.tr("This screen"), page))
    for where, part in parts:
        # A page's key-only action (no words of its own) is named by the button whose tooltip
        # gives that key, e.g. 'Add person… (Ins)'.
        buttons = {b.toolTip().rsplit("(", 1)[-1].rstrip(")"): plain_text(b.text())
                   for b in part.findChildren(QAbstractButton) if b.toolTip().endswith(")")}
        for action in part.findChildren(QAction):  # a disabled one (Undo, nothing to undo) still has its key
            for sequence in action.shortcuts():
                keys = sequence.toString(QKeySequence.SequenceFormat.NativeText)
                add(where, [sequence], _describe(action) or buttons.get(keys, ""))
        for shortcut in part.findChildren(QShortcut):
            if shortcut.isEnabled():
                add(where, [QKeySequence(shortcut.key())], shortcut.whatsThis() or shortcut.objectName())
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        layout = QVBoxLayout(self)
        note = QLabel(self.tr(
            "Every key the app answers to here. The interview's steps add their own keys while an "
            "interview is open; a button's underlined letter works with Alt."))
        note.setWordWrap(True)
        layout.addWidget(note)
        rows = collect_shortcuts(window)
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels([self.tr("Where"), self.tr("Keys"), self.tr("What it does")])
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, column, item)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        _fitted(self, window, 720, 640)

    def shown_rows(self) -> list[tuple[str, str, str]]:
        return [tuple(self.table.item(r, c).text() for c in range(3))  # type: ignore[misc]
                for r in range(self.table.rowCount())]


def about_text(window: QWidget) -> str:
    return window.tr(
        "<h3>fieldwork {version}</h3>"
        "<p>Offline, encrypted fieldwork for family research visits: informed consent, the family "
        "network map, SCORE-15 and the study's questions, exported to analysts as CSV.</p>"
        "<p>Python {python} · Qt for Python {pyside}</p>"
    ).format(version=__version__, python=platform.python_version(), pyside=pyside_version)


def show_about(window: QWidget) -> None:
    QMessageBox.about(window, window.tr("About fieldwork"), about_text(window))
