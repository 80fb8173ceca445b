"""The bar under every step: '← Previous step', 'This step is done', 'Next step →'.

Always the same three controls in the same places, whatever the step (a control that is not
available is greyed, never hidden), so nothing moves under the researcher's pointer. Alt+Left
is the window's Back (to the family page); Ctrl+Page Up / Page Down move between steps, as
between tabs, and are shown in the tooltips.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton, QWidget

PREVIOUS_KEYS, NEXT_KEYS = "Ctrl+PgUp", "Ctrl+PgDown"


class StepMoves(QWidget):
    """Emits ``move`` (-1 or +1) and ``done_set`` (the researcher ticked or unticked 'done')."""

    move = Signal(int)
    done_set = Signal(bool)

    def __init__(self, shortcut_scope: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.previous = QPushButton(self.tr("← Previous step"))
        self.next = QPushButton(self.tr("Next step →"))
        self.step_done = QCheckBox(self.tr("This step is &done"))
        self.step_done.setToolTip(self.tr("Ticking it moves on to the next step"))
        self.previous.clicked.connect(lambda: self.move.emit(-1))
        self.next.clicked.connect(lambda: self.move.emit(+1))
        self.step_done.toggled.connect(self.done_set)
        for keys, by in ((PREVIOUS_KEYS, -1), (NEXT_KEYS, +1)):
            shortcut = QShortcut(QKeySequence(keys), shortcut_scope)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda by=by: self.move.emit(by))
        layout.addWidget(self.previous)
        layout.addStretch(1)
        layout.addWidget(self.step_done)
        layout.addStretch(1)
        layout.addWidget(self.next)

    def show_position(self, before: str | None, after: str | None, done: bool, can_mark: bool) -> None:
        """Where the researcher is: the steps either side (None at an end) and this one's state."""
        self.step_done.blockSignals(True)
        self.step_done.setChecked(done)
        self.step_done.setEnabled(can_mark)
        self.step_done.blockSignals(False)
        self.previous.setEnabled(before is not None)
        self.next.setEnabled(after is not None)
        if before is not None:
            self.previous.setToolTip(
                self.tr("Back to {step} ({keys})").format(step=before, keys=PREVIOUS_KEYS))
        if after is not None:
            self.next.setToolTip(self.tr("On to {step} ({keys})").format(step=after, keys=NEXT_KEYS))
