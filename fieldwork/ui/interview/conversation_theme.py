"""One theme of the conversation on screen: its questions and probes, the notes, the quote marks.

``ThemePanel`` shows a theme of the guide in the interview's language with the English
beside it (when the guide is translated), the researcher's notes on it, the passages
marked as quotes, discussed / skipped, and the interpreter flags. It only shows and
signals; ``ConversationPage`` saves. Quotes are shown as such: listed under the notes and
highlighted in them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.conversation import DISCUSSED, SKIPPED, THEME_FLAGS
from fieldwork.domain.topic_guides import GuideTheme
from fieldwork.storage.conversation_store import Quote, ThemeRecord
from fieldwork.ui.questionnaire.cards import wrapping_label
from fieldwork.ui.text_sizes import scaled_font

QUOTE_COLOUR = QColor("#fff1b8")


def _wording(shown: str, english: str | None, right_to_left: bool, factor: float,
             bold: bool = False) -> QWidget:
    """A text in the family's language, with its English under it when there is a translation."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 2, 0, 2)
    layout.setSpacing(0)
    layout.addWidget(wrapping_label(shown, factor, bold, right_to_left))
    if english is not None:
        below = wrapping_label(english, factor * 0.8)
        below.setStyleSheet("color: #555;")
        layout.addWidget(below)
    return holder


class ThemePanel(QWidget):
    """The current theme: what to ask, notes as typed, quotes, state and flags."""

    notes_typed = Signal()
    state_chosen = Signal(object)  # 'discussed', 'skipped' or None
    flag_ticked = Signal(str, bool)
    quote_wanted = Signal(str)
    unquote_wanted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.wording = QVBoxLayout()
        layout.addLayout(self.wording)
        self.guidance = wrapping_label("", 0.9)
        self.guidance.setStyleSheet("color: #35506b; font-style: italic;")
        layout.addWidget(self.guidance)

        marks = QHBoxLayout()
        self.discussed = QCheckBox(self.tr("Discussed"))
        self.skipped = QCheckBox(self.tr("Skipped"))
        self.discussed.clicked.connect(lambda on: self.state_chosen.emit(DISCUSSED if on else None))
        self.skipped.clicked.connect(lambda on: self.state_chosen.emit(SKIPPED if on else None))
        marks.addWidget(self.discussed)
        marks.addWidget(self.skipped)
        marks.addSpacing(self.fontMetrics().horizontalAdvance("M") * 2)
        self.flags: dict[str, QCheckBox] = {}
        for name, label in THEME_FLAGS.items():
            box = QCheckBox(self.tr(label))
            box.clicked.connect(lambda on, flag=name: self.flag_ticked.emit(flag, on))
            marks.addWidget(box)
            self.flags[name] = box
        marks.addStretch(1)
        layout.addLayout(marks)
        layout.addWidget(QLabel(self.tr("<b>Notes on this theme</b> (saved as you type)")))
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("themeNotes")
        self.notes.setTabChangesFocus(True)
        self.notes.setAccessibleName(self.tr("Notes on this theme"))
        self.notes.setMinimumHeight(self.fontMetrics().height() * 5)
        self.notes.textChanged.connect(self._typed)
        layout.addWidget(self.notes, 2)

        quote_row = QHBoxLayout()
        self.mark_quote = QPushButton(self.tr("Mark selection as &quote"))
        self.mark_quote.clicked.connect(self._quote_selection)
        self.quote_consent = QLabel()
        self.quote_consent.setObjectName("quoteConsent")
        self.quote_consent.setWordWrap(True)
        quote_row.addWidget(self.mark_quote)
        quote_row.addWidget(self.quote_consent, 1)
        layout.addLayout(quote_row)
        self.quotes = QListWidget()
        self.quotes.setObjectName("themeQuotes")
        self.quotes.setAccessibleName(self.tr("Passages marked as quotes"))
        self.quotes.setMaximumHeight(self.fontMetrics().height() * 5)
        layout.addWidget(self.quotes)
        self.unquote = QPushButton(self.tr("Remove the quote mark"))
        self.unquote.clicked.connect(self._unquote)
        layout.addWidget(self.unquote, 0, Qt.AlignmentFlag.AlignLeft)

        self._loading = False
        self._quote_keys: list[str] = []
        self.can_quote = False

    def show_theme(self, shown: GuideTheme, english: GuideTheme | None, right_to_left: bool,
                   record: ThemeRecord | None, quotes: list[Quote]) -> None:
        """Show ``shown`` (and ``english`` beside it when the guide is a translation)."""
        while self.wording.count():
            item = self.wording.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()  # gone from the screen now, deleted when Qt is idle
                item.widget().deleteLater()
        self._add(_wording(shown.title, english.title if english else None, right_to_left, 1.35, bold=True))
        for heading, texts, english_texts in (
                (self.tr("Ask"), shown.questions, english.questions if english else None),
                (self.tr("Probes"), shown.probes, english.probes if english else None)):
            if not texts:
                continue
            label = QLabel(f"<b>{heading}</b>")
            label.setFont(scaled_font(1.0))
            self._add(label)
            for index, text in enumerate(texts):
                bullet = "•  " if heading == self.tr("Probes") else ""
                other = english_texts[index] if english_texts else None
                self._add(_wording(bullet + text, other, right_to_left, 1.1))
        note = (english or shown).interpreter_note
        self.guidance.setText(self.tr("For the researcher and interpreter: {note}").format(note=note))
        self.guidance.setVisible(bool(note))
        self._loading = True
        if self.notes.toPlainText() != (record.notes if record else ""):
            self.notes.setPlainText(record.notes if record else "")
        self._loading = False
        state = record.state if record else None
        self.discussed.setChecked(state == DISCUSSED)
        self.skipped.setChecked(state == SKIPPED)
        for name, box in self.flags.items():
            box.setChecked(bool(record) and name in record.flags)
        self.show_quotes(quotes)

    def _add(self, widget: QWidget) -> None:
        self.wording.addWidget(widget)
        if self.isVisible():
            widget.show()  # Qt would show it only once the event loop runs

    def show_quotes(self, quotes: list[Quote]) -> None:
        self.quotes.clear()
        self._quote_keys = [quote.key for quote in quotes]
        for quote in quotes:
            item = QListWidgetItem(self.tr("Quote: “{passage}”").format(passage=quote.passage))
            item.setBackground(QUOTE_COLOUR)
            self.quotes.addItem(item)
        self.quotes.setVisible(bool(quotes))
        self.unquote.setVisible(bool(quotes))
        self._highlight([quote.passage for quote in quotes])

    def set_quote_consent(self, allowed: bool, why_not: str) -> None:
        self.can_quote = allowed
        self.mark_quote.setEnabled(allowed and self.isEnabled())
        self.quote_consent.setText(
            self.tr("The family agreed to anonymous quotes: select words in the notes to mark them.")
            if allowed else self.tr("No quotes: {reason}.").format(reason=why_not))

    def set_editable(self, editable: bool) -> None:
        self.notes.setReadOnly(not editable)  # still selectable and scrollable
        for widget in (self.discussed, self.skipped, self.unquote, *self.flags.values()):
            widget.setEnabled(editable)
        self.mark_quote.setEnabled(editable and self.can_quote)

    def _typed(self) -> None:
        if not self._loading:
            self.notes_typed.emit()

    def _quote_selection(self) -> None:
        self.quote_wanted.emit(self.notes.textCursor().selectedText().replace("\u2029", "\n"))

    def _unquote(self) -> None:
        row = self.quotes.currentRow()
        if 0 <= row < len(self._quote_keys):
            self.unquote_wanted.emit(self._quote_keys[row])

    def _highlight(self, passages: list[str]) -> None:
        """Shade every quoted passage in the notes, so a quote is seen as one where it was typed."""
        marks = []
        document: QTextDocument = self.notes.document()
        shade = QTextCharFormat()
        shade.setBackground(QUOTE_COLOUR)
        for passage in passages:
            cursor = document.find(passage)
            if not cursor.isNull():
                selection = QTextEdit.ExtraSelection()
                selection.cursor = QTextCursor(cursor)
                selection.format = shade
                marks.append(selection)
        self.notes.setExtraSelections(marks)
