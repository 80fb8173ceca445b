"""The family view: a second window (a second screen, or the laptop turned round).

Shows only the current item and its response cards, large, in the family's language
(the wording shown for this interview), and follows the researcher's screen through the
session's ``changed`` signal. Nothing else of the case is ever on it: no family code, no
names, no notes, no scores. Tapping a card records that answer, as on the researcher's
screen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QHideEvent, QKeyEvent, QScreen, QShowEvent
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from fieldwork.ui.questionnaire.cards import (
    ItemWording,
    ResponseCards,
    card_texts,
    rating_ends,
    wrapping_label,
)
from fieldwork.ui.questionnaire.session import Phase, QuestionnaireSession


class FamilyView(QWidget):
    """A top-level window following one questionnaire session."""

    shown = Signal(bool)  # True when it appears, False when it is hidden

    def __init__(self, session: QuestionnaireSession) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.session = session
        # The title bar shows no case detail either.
        self.setWindowTitle(self.tr("Questions"))
        self.setStyleSheet("FamilyView { background: #fbfaf6; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 32, 40, 32)
        self.stack = QStackedWidget()
        self.instructions = wrapping_label("", 1.8)
        self.instructions.setAlignment(Qt.AlignmentFlag.AlignCenter)
        question = QWidget()
        column = QVBoxLayout(question)
        self.wording = ItemWording(2.4)
        self.cards = ResponseCards(1.8, focusable=False)
        self.cards.chosen.connect(session.choose)
        column.addWidget(self.wording, 1)
        column.addWidget(self.cards, 1)
        self.resting = QLabel()  # between questions: a calm, empty screen
        for widget in (self.instructions, question, self.resting):
            self.stack.addWidget(widget)
        layout.addWidget(self.stack)
        session.changed.connect(self.follow)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # for Esc, with no card focusable
        self.resize(1000, 650)
        self.follow()

    def present(self, researcher_window: QWidget | None = None) -> None:
        """Full screen on another screen than the researcher's, else a large window."""
        researcher_screen = (researcher_window.screen() if researcher_window is not None
                             else QGuiApplication.primaryScreen())
        other = family_screen(QGuiApplication.screens(), researcher_screen)
        if other is not None:
            self.setScreen(other)
            self.setGeometry(other.geometry())
            self.showFullScreen()
        else:
            area = researcher_screen.availableGeometry()
            width, height = int(area.width() * 0.9), int(area.height() * 0.9)
            self.setGeometry(area.x() + (area.width() - width) // 2,
                             area.y() + (area.height() - height) // 2, width, height)
            self.showNormal()
        self.raise_()
        self.activateWindow()
        self.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.shown.emit(True)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt's name)
        super().hideEvent(event)
        self.shown.emit(False)

    def follow(self) -> None:
        session = self.session
        if session.phase is Phase.WHO_IS_FAMILY:
            self.instructions.setText(session.shown.instructions)
            self.stack.setCurrentWidget(self.instructions)
            return
        if session.phase is Phase.RESULTS:
            self.stack.setCurrentWidget(self.resting)
            return
        pair = session.current
        self.wording.show_item(session.shown, pair.item, session.english, pair.english,
                               bilingual=False)
        answer = session.current_answer
        self.cards.show_cards(
            card_texts(session.shown, session.english, pair.item, pair.english, bilingual=False),
            answer.code if answer else None, enabled=session.may_record,
            ends=rating_ends(session.shown, session.english, pair.item, pair.english, bilingual=False))
        self.stack.setCurrentWidget(self.cards.parentWidget())

    def visible_texts(self) -> list[str]:
        """Every piece of text on screen now (for checking that nothing else of the case is)."""
        texts = [self.windowTitle()]
        for label in self.findChildren(QLabel):
            if label.isVisibleTo(self) and label.text():
                texts.append(label.text())
        return texts


def family_screen(screens: list[QScreen], researcher_screen: QScreen | None) -> QScreen | None:
    """The screen the family looks at: any screen but the researcher's, or None if only one."""
    others = [screen for screen in screens if screen is not researcher_screen]
    return others[0] if others and len(screens) > 1 else None


def hide_all_family_views() -> None:
    """Hide every open family view at once (for the pause control: 'hide the screen')."""
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, FamilyView):
            widget.hide()
