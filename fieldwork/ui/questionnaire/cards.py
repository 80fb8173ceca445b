"""The widgets an item is shown with: its wording (one language or two side by side), the
large response cards (for a 1-10 rating a row of numbers with the words at both ends), and
the telephone script. Shared by the researcher's page and the family view; the wording
always comes from the instrument files.
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
             Qt.Key.Key_Backspace, Qt.Key.Key_D, *(Qt.Key(Qt.Key.Key_0 + n) for n in range(10))}

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
    rating: bool = False
    """A number of a rating: the card shows the number alone (the words are at the ends)."""


@dataclass(frozen=True)
class RatingEndTexts:
    """The words at the two ends of a rating, as shown under its numbers."""

    lowest: str
    highest: str
    english_lowest: str | None
    english_highest: str | None
    right_to_left: bool


def card_texts(shown: Instrument, english: Instrument, item: InstrumentItem,
               english_item: InstrumentItem | None, bilingual: bool) -> list[CardText]:
    """The response cards for ``item``; English labels beside them when ``bilingual``."""
    scale = shown.scale_for(item)
    if scale is None:
        return []
    if scale.rating is not None:
        return [CardText(option.code, number, str(option.code), None, shown.direction == "rtl", True)
                for number, option in enumerate(scale.options, start=1)]
    english_scale = english.scale_for(english_item) if english_item and bilingual else None
    english_labels = {str(o.code): o.label for o in english_scale.options} if english_scale else {}
    return [CardText(option.code, number, option.label, english_labels.get(str(option.code)),
                     shown.direction == "rtl")
            for number, option in enumerate(scale.options, start=1)]


def rating_ends(shown: Instrument, english: Instrument, item: InstrumentItem,
                english_item: InstrumentItem | None, bilingual: bool) -> RatingEndTexts | None:
    """The words at the ends of ``item``'s rating ('1 = ...', '10 = ...'), or None if it is not one."""
    scale = shown.scale_for(item)
    if scale is None or scale.rating is None:
        return None
    ends = scale.rating
    english_scale = english.scale_for(english_item) if english_item and bilingual else None
    english_ends = english_scale.rating if english_scale is not None else None
    return RatingEndTexts(
        f"{ends.lowest} = {ends.lowest_label}", f"{ends.highest} = {ends.highest_label}",
        f"{english_ends.lowest} = {english_ends.lowest_label}" if english_ends else None,
        f"{english_ends.highest} = {english_ends.highest_label}" if english_ends else None,
        shown.direction == "rtl")


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
        # A rating's card is its number, large: the key number would only repeat it.
        self.number.setVisible(not text.rating)
        self.label = wrapping_label(text.label, factor * (1.3 if text.rating else 1.0), bold=True)
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
        lines = 5 if text.english is not None else 2.6 if text.rating else 3.5
        self.setMinimumHeight(int(self.fontMetrics().height() * factor * lines))
        if text.rating:  # ten of them share the row: as narrow as the number allows
            self.setMinimumWidth(self.label.fontMetrics().horizontalAdvance("10") + 16)
            self.setMaximumHeight(int(self.fontMetrics().height() * factor * 4.5))

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


class RatingEndsRow(QWidget):
    """Under a rating's numbers: the words at the low end on one side, the high end on the other."""

    def __init__(self, factor: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.lowest = wrapping_label("", factor, bold=True)
        self.highest = wrapping_label("", factor, bold=True)
        self.english_lowest = wrapping_label("", factor * 0.75)
        self.english_highest = wrapping_label("", factor * 0.75)
        sides = ((0, (self.lowest, self.english_lowest), Qt.AlignmentFlag.AlignLeading),
                 (1, (self.highest, self.english_highest), Qt.AlignmentFlag.AlignTrailing))
        for side, labels, align in sides:
            column = QVBoxLayout()
            for label in labels:
                label.setAlignment(align | Qt.AlignmentFlag.AlignTop)
                column.addWidget(label)
            column.addStretch(1)  # the English straight under the words it renders
            row.addLayout(column, 1)
            if side == 0:
                row.addSpacing(24)

    def show_ends(self, ends: RatingEndTexts) -> None:
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft if ends.right_to_left
                                else Qt.LayoutDirection.LeftToRight)
        self.lowest.setText(ends.lowest)
        self.highest.setText(ends.highest)
        for label, words in ((self.english_lowest, ends.english_lowest),
                             (self.english_highest, ends.english_highest)):
            label.setText(words or "")
            label.setVisible(words is not None)


class ResponseCards(QWidget):
    """The row of response cards; emits ``chosen`` with the answer code. For a rating, the
    numbers in one row and the words at its two ends under it."""

    chosen = Signal(object)

    def __init__(self, factor: float = 1.3, parent: QWidget | None = None, *,
                 focusable: bool = True) -> None:
        super().__init__(parent)
        self.factor = factor
        # The family taps; a focus ring there would look like an answer already chosen.
        self.focusable = focusable
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.row = QHBoxLayout()
        column.addLayout(self.row, 1)
        self.ends = RatingEndsRow(factor * 0.9)
        self.ends.hide()
        column.addWidget(self.ends)
        self.cards: list[ResponseCard] = []

    def show_cards(self, texts: list[CardText], selected: ResponseCode | None,
                   enabled: bool = True, ends: RatingEndTexts | None = None) -> None:
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
        if ends is not None:
            self.ends.show_ends(ends)
        self.ends.setVisible(ends is not None)

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
        # The prompt belongs to the statements; an open question or a rating stands alone.
        prompted = shown.uses_item_prompt(item)
        self.prompt.setText(shown.item_prompt if prompted else "")
        self.prompt.setVisible(prompted)
        self.text.setText(item.text)
        for label in (self.prompt, self.text):
            set_direction(label, rtl)
        two = bilingual and english_item is not None
        self.english_text.setText(english_item.text if two and english_item else "")
        english_prompted = two and english_item is not None and english.uses_item_prompt(english_item)
        self.english_prompt.setText(english.item_prompt if english_prompted else "")
        self.english_prompt.setVisible(english_prompted)
        self.english_text.setVisible(two)
        self.english_side.setVisible(two)
        self.divider.setVisible(two)


class TelephoneScript(QFrame):
    """What to read aloud on the telephone: the item, then every option with its number (for
    a rating, its range and the words at both ends)."""

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
        prompt = f"{shown.item_prompt}:\n" if shown.uses_item_prompt(item) else ""
        self.item.setText(f"{prompt}“{item.text}”")
        scale = shown.scale_for(item)
        if scale is not None and scale.rating is not None:
            ends = scale.rating
            self.then.setText(self.tr("Then read the scale, a number from {lowest} to {highest}, "
                                      "with the words at both ends:").format(
                                          lowest=ends.lowest, highest=ends.highest))
            lines = [f"{ends.lowest} = “{ends.lowest_label}”", f"{ends.highest} = “{ends.highest_label}”"]
        else:
            self.then.setText(self.tr("Then read the options:"))
            lines = [f"{n}.  {o.label}" for n, o in enumerate(scale.options, 1)] if scale else []
        self.options.setText("\n".join(lines))
        self.then.setVisible(bool(lines))
        for label in (self.item, self.options):
            set_direction(label, rtl)
