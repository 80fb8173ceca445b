"""The widgets an item is shown with: its wording (one language or two side by side), the
large response cards, and the telephone script. Shared by the researcher's page and the
family view; the wording always comes from the instrument files.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.instruments import Instrument, InstrumentItem, ResponseCode
from fieldwork.ui.text_sizes import scaled_font

# Keys the questionnaire page handles itself; a focused card must pass them on.
PAGE_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down,
             Qt.Key.Key_Backspace, Qt.Key.Key_D, *(Qt.Key(Qt.Key.Key_1 + n) for n in range(9))}

SELECTED_STYLE = "QPushButton { background: #1f5fa8; color: white; border: 3px solid #0b2f57; }"
CARD_STYLE = ("QPushButton { background: #f4f6fa; color: #111; border: 2px solid #9aa7b8;"
              " border-radius: 10px; padding: 6px; } QPushButton:focus { border: 3px solid #1f5fa8; }")


@dataclass(frozen=True)
class CardText:
    """What one response card says: key number, label in the family's language, English."""

    code: ResponseCode
    number: int
    label: str
    english: str | None
    right_to_left: bool


def card_texts(shown: Instrument, english: Instrument, item: InstrumentItem,
               english_item: InstrumentItem | None, bilingual: bool) -> list[CardText]:
    """The response cards for ``item``; English labels beside them when ``bilingual``."""
    scale = shown.scale_for(item)
    if scale is None:
        return []
    english_scale = english.scale_for(english_item) if english_item and bilingual else None
    english_labels = {str(o.code): o.label for o in english_scale.options} if english_scale else {}
    return [CardText(option.code, number, option.label, english_labels.get(str(option.code)),
                     shown.direction == "rtl")
            for number, option in enumerate(scale.options, start=1)]


class ReservedLabel(QLabel):
    """A wrapping label that keeps the height of the longest of the texts it may show, so
    what sits below it does not move when it changes from a short text to a long one."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.reserved: tuple[str, ...] = ()

    def reserve(self, texts: Iterable[str]) -> None:
        self.reserved = tuple(t for t in texts if t)
        self.updateGeometry()

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's name)
        own = super().heightForWidth(width)
        if not self.reserved:
            return own
        margins = self.contentsMargins()
        inner = max(1, width - margins.left() - margins.right() - 2 * max(0, self.margin()))
        metrics = self.fontMetrics()
        flags = int(Qt.TextFlag.TextWordWrap)
        tallest = max(metrics.boundingRect(QRect(0, 0, inner, 100_000), flags, text).height()
                      for text in self.reserved)
        return max(own, tallest + margins.top() + margins.bottom() + 2 * max(0, self.margin()))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        hint = super().minimumSizeHint()
        if self.reserved and self.width() > 0:
            hint.setHeight(max(hint.height(), self.heightForWidth(self.width())))
        return hint


def wrapping_label(text: str = "", factor: float = 1.0, bold: bool = False,
                   right_to_left: bool = False) -> ReservedLabel:
    label = ReservedLabel(text)
    label.setWordWrap(True)
    label.setFont(scaled_font(factor, bold))
    label.setTextFormat(Qt.TextFormat.PlainText)
    set_direction(label, right_to_left)
    return label


def set_direction(label: QLabel, right_to_left: bool) -> None:
    label.setLayoutDirection(Qt.LayoutDirection.RightToLeft if right_to_left
                             else Qt.LayoutDirection.LeftToRight)
    # Absolute: in a right-to-left widget Qt would otherwise mirror 'right' back to the left.
    side = Qt.AlignmentFlag.AlignRight if right_to_left else Qt.AlignmentFlag.AlignLeft
    side |= Qt.AlignmentFlag.AlignAbsolute
    label.setAlignment(side | Qt.AlignmentFlag.AlignTop)


class ResponseCard(QPushButton):
    """One large answer button: its key number, its label, and the English under it."""

    def __init__(self, text: CardText, factor: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = text.code
        self.setStyleSheet(CARD_STYLE)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMaximumHeight(int(self.fontMetrics().height() * factor * 9))
        layout = QVBoxLayout(self)
        self.number = wrapping_label(str(text.number), factor * 0.8, bold=True)
        self.number.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.label = wrapping_label(text.label, factor, bold=True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setLayoutDirection(Qt.LayoutDirection.RightToLeft if text.right_to_left
                                      else Qt.LayoutDirection.LeftToRight)
        labels = [self.number, self.label]
        self.english = None
        if text.english is not None:
            self.english = wrapping_label(text.english, factor * 0.75)
            self.english.setAlignment(Qt.AlignmentFlag.AlignCenter)
            labels.append(self.english)
        layout.addStretch(1)
        for label in labels:
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            label.setStyleSheet("background: transparent; color: inherit;")
            layout.addWidget(label)
        layout.addStretch(1)
        self.setAccessibleName(f"{text.number}: {text.label}")
        lines = 5 if text.english is not None else 3.5
        self.setMinimumHeight(int(self.fontMetrics().height() * factor * lines))

    def set_selected(self, selected: bool) -> None:
        self.setStyleSheet(SELECTED_STYLE if selected else CARD_STYLE)
        color = "white" if selected else "#111"
        for label in (self.number, self.label, self.english):
            if label is not None:
                label.setStyleSheet(f"background: transparent; color: {color};")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if Qt.Key(event.key()) in PAGE_KEYS:
            event.ignore()  # the page moves between items; the card must not move focus
            return
        super().keyPressEvent(event)


class ResponseCards(QWidget):
    """The row of response cards; emits ``chosen`` with the answer code."""

    chosen = Signal(object)

    def __init__(self, factor: float = 1.3, parent: QWidget | None = None, *,
                 focusable: bool = True) -> None:
        super().__init__(parent)
        self.factor = factor
        # The family taps; a focus ring there would look like an answer already chosen.
        self.focusable = focusable
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.cards: list[ResponseCard] = []

    def show_cards(self, texts: list[CardText], selected: ResponseCode | None,
                   enabled: bool = True) -> None:
        for card in self.cards:
            # Out of the layout at once: deleteLater alone leaves it there until the event loop runs.
            card.hide()
            self.row.removeWidget(card)
            card.deleteLater()
        self.cards = []
        # A right-to-left language reads its scale from the right: card 1 goes there.
        rtl = bool(texts) and texts[0].right_to_left
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl
                                else Qt.LayoutDirection.LeftToRight)
        for text in texts:
            card = ResponseCard(text, self.factor, self)
            card.set_selected(selected is not None and str(selected) == str(text.code))
            card.setEnabled(enabled)
            if not self.focusable:
                card.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            card.clicked.connect(lambda _=False, code=text.code: self.chosen.emit(code))
            self.row.addWidget(card)
            card.setVisible(not self.isHidden())  # at once, not on the next event loop turn
            self.cards.append(card)

    def card(self, code: ResponseCode) -> ResponseCard:
        return next(card for card in self.cards if str(card.code) == str(code))


class ItemWording(QFrame):
    """The item's words: in the family's language, with the English beside it if bilingual."""

    def __init__(self, factor: float = 1.7, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.factor = factor
        row = QHBoxLayout(self)
        self.english_side = QWidget()
        self.shown_side = QWidget()
        english_column = QVBoxLayout(self.english_side)
        shown_column = QVBoxLayout(self.shown_side)
        self.english_prompt = wrapping_label("", max(0.95, factor * 0.55))
        self.english_text = wrapping_label("", factor, bold=True)
        self.prompt = wrapping_label("", max(0.95, factor * 0.55))
        self.text = wrapping_label("", factor, bold=True)
        english_column.addWidget(self.english_prompt)
        english_column.addWidget(self.english_text)
        english_column.addStretch(1)
        shown_column.addWidget(self.prompt)
        shown_column.addWidget(self.text)
        shown_column.addStretch(1)
        self.divider = QFrame()
        self.divider.setFrameShape(QFrame.Shape.VLine)
        row.addWidget(self.english_side, 1)
        row.addWidget(self.divider)
        row.addWidget(self.shown_side, 1)

    def reserve(self, shown: Instrument, english: Instrument) -> None:
        """Keep room for the longest item, so the cards below stay put from item to item."""
        self.text.reserve(item.text for item in shown.items)
        self.english_text.reserve(item.text for item in english.items)

    def show_item(self, shown: Instrument, item: InstrumentItem, english: Instrument,
                  english_item: InstrumentItem | None, bilingual: bool) -> None:
        rtl = shown.direction == "rtl"
        self.prompt.setText(shown.prompt_for(item))
        self.prompt.setVisible(bool(shown.prompt_for(item)))
        self.text.setText(item.text)
        for label in (self.prompt, self.text):
            set_direction(label, rtl)
        two = bilingual and english_item is not None
        self.english_text.setText(english_item.text if two and english_item else "")
        english_prompt = english.prompt_for(english_item) if two and english_item else ""
        self.english_prompt.setText(english_prompt)
        self.english_prompt.setVisible(bool(english_prompt))
        self.english_text.setVisible(two)
        self.english_side.setVisible(two)
        self.divider.setVisible(two)


class TelephoneScript(QFrame):
    """What to read aloud on the telephone: the item, then every option with its number."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("TelephoneScript { background: #fffdf3; }")
        layout = QVBoxLayout(self)
        self.heading = wrapping_label(self.tr("Read aloud:"), 1.0, bold=True)
        self.item = wrapping_label("", 1.6, bold=True)
        self.then = wrapping_label(self.tr("Then read the options:"), 1.0, bold=True)
        self.options = wrapping_label("", 1.4)
        for widget in (self.heading, self.item, self.then, self.options):
            layout.addWidget(widget)

    def show_item(self, shown: Instrument, item: InstrumentItem) -> None:
        rtl = shown.direction == "rtl"
        prompt = f"{shown.prompt_for(item)}:\n" if shown.prompt_for(item) else ""
        self.item.setText(f"{prompt}“{item.text}”")
        scale = shown.scale_for(item)
        lines = [f"{n}.  {o.label}" for n, o in enumerate(scale.options, 1)] if scale else []
        self.options.setText("\n".join(lines))
        self.then.setVisible(bool(lines))
        for label in (self.item, self.options):
            set_direction(label, rtl)
