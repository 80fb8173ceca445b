"""The map's toolbar: Undo/Redo, drawing ties, adding, changing and removing people,
'Show to family' and 'Save map picture'.

Owns ``MapToolbar``. Its keyboard shortcuts are added to the page (``host``), so they work
wherever the focus is on the page. The Undo and Redo buttons keep their short words and
say in their tooltips what they would undo or redo: Qt's own undo action renames itself
after each command ("Undo Move Aunt Marta (friend of family, lives upstairs) to ring 1")
and widened the window by 180 px. The page connects the buttons to what they do.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QMenu,
    QPushButton,
    QSizePolicy,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from fieldwork.domain.network_codes import CLOSENESS


class MapToolbar(QWidget):
    def __init__(self, stack: QUndoStack, tie_closeness: str, host: QWidget) -> None:
        super().__init__(host)
        self.stack, self.host = stack, host
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        # A tool bar, not a row of buttons: what does not fit a narrow window (1024 px, or
        # 150 %) goes behind its » button instead of making the window wider.
        row = QToolBar()
        row.setObjectName("mapTools")
        row.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        box.addWidget(row)
        self.bar = row
        self.undo_action = QAction(self.tr("Undo"), host)
        self.redo_action = QAction(self.tr("Redo"), host)
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            host.addAction(action)
            row.addAction(action)
        self.read_only = False
        for signal in (stack.canUndoChanged, stack.canRedoChanged, stack.undoTextChanged,
                       stack.redoTextChanged):
            signal.connect(self._stack_changed)
        self.tie_button = QPushButton(self.tr("Draw &ties"))
        self.tie_button.setCheckable(True)
        self.tie_button.setToolTip(self.tr("Drag from one person to another to draw a tie (or hold Shift)"))
        self.tie_kind = QComboBox()
        for code, label in CLOSENESS.items():
            self.tie_kind.addItem(self.tr(label), code)
        self.tie_kind.setCurrentIndex(self.tie_kind.findData(tie_closeness))
        self.tie_kind.setAccessibleName(self.tr("Kind of new ties"))
        row.addWidget(self.tie_button)
        row.addWidget(self.tie_kind)
        self.add_button = self._button(self.tr("&Add person…"), "Ins")
        self.edit_button = self._button(self.tr("&Edit…"), "Return",
                                        self.tr("Change the selected person's details"))
        self.remove_button = self._button(self.tr("&Remove"), "Del",
                                          self.tr("Remove the selected person and their ties"))
        for button in (self.add_button, self.edit_button, self.remove_button):
            row.addWidget(button)
        self.edit_widgets: list[QWidget] = [self.tie_button, self.tie_kind, self.add_button,
                                            self.edit_button, self.remove_button]
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        row.addWidget(spacer)
        self.family_button = self._button(
            self.tr("Show to &family"), "F11",
            self.tr("Show the map to the family, large, without the rest of the case"))
        row.addWidget(self.family_button)
        self.picture_button = QToolButton()
        self.picture_button.setText(self.tr("Save map &picture"))
        self.picture_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.picture_menu = QMenu(self.picture_button)
        self.picture_button.setMenu(self.picture_menu)
        row.addWidget(self.picture_button)

    def _button(self, text: str, keys: str, tip: str = "") -> QPushButton:
        """A button whose shortcut works anywhere on the page (it clicks the button)."""
        button = QPushButton(text)
        action = QAction(self.host)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda: button.click() if button.isEnabled() else None)
        self.host.addAction(action)
        button.setToolTip(f"{tip or text.replace('&', '')} ({QKeySequence(keys).toString()})")
        return button

    def _stack_changed(self, *_args: object) -> None:
        # The stack also signals while it is being deleted with its page: then there is
        # nothing left to show.
        if isValid(self.stack) and isValid(self):
            self.show_undo_state(self.read_only)

    def show_undo_state(self, read_only: bool) -> None:
        """Short words on the buttons; what would be undone or redone in their tooltips."""
        self.read_only = read_only
        stack = self.stack
        for action, can, text, word in (
                (self.undo_action, stack.canUndo(), stack.undoText(), self.tr("Undo")),
                (self.redo_action, stack.canRedo(), stack.redoText(), self.tr("Redo"))):
            action.setEnabled(can and not read_only)
            keys = action.shortcut().toString()
            action.setToolTip(f"{word}: {text} ({keys})" if can and text else f"{word} ({keys})")
