"""The researcher's screen of one questionnaire item: progress, wording (or the telephone
script), the answer cards or the free-text box, Back / Declined / Next, the per-item notes
and our guidance for the interpreter.

Owns the arrangement and what it shows for the session's current item; the page owns
the keys and the rest of the step. Laid out so nothing jumps from item to item: the
wording and the guidance keep the height of their longest text, the cards and the
free-text box share one place, and the buttons (``controls``) are placed by the page
below its scrolling part.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fieldwork.ui.questionnaire.cards import (
    ItemWording,
    ResponseCards,
    TelephoneScript,
    card_texts,
    rating_ends,
    wrapping_label,
)
from fieldwork.ui.questionnaire.session import QuestionnaireSession
from fieldwork.ui.text_sizes import scaled_font

FLAG_LABELS = {"interpreted_orally": "Interpreted orally", "needed_explanation": "Needed explanation",
               "respondent_unsure": "Respondent unsure"}


class ItemScreen(QWidget):
    """One item at a time, for the researcher."""

    def __init__(self, session: QuestionnaireSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        layout = QVBoxLayout(self)
        self.progress = QLabel()
        self.progress.setFont(scaled_font(1.1, bold=True))
        self.item_state = QLabel()
        # Ten numbers, nine digit keys: the researcher is told which key gives 10 (beside
        # the progress, so it is in sight on a small screen).
        self.rating_keys = QLabel(self.tr("Keys 1–9 give 1 to 9, and 0 gives 10"))
        self.rating_keys.setObjectName("ratingKeys")
        self.rating_keys.hide()
        row = QHBoxLayout()
        row.addWidget(self.progress)
        row.addStretch(1)
        row.addWidget(self.rating_keys)
        row.addStretch(1)
        row.addWidget(self.item_state)
        layout.addLayout(row)
        self.script = TelephoneScript()
        self.wording = ItemWording(2.0)
        layout.addWidget(self.script)
        layout.addWidget(self.wording)
        self.cards = ResponseCards(1.4)
        self.free_text = QPlainTextEdit()
        self.free_text.setFont(scaled_font(1.3))
        self.free_text.setTabChangesFocus(True)
        self.free_text.setPlaceholderText(self.tr("The respondent's own words (saved as you type)"))
        self.answer_area = QStackedWidget()
        self.answer_area.addWidget(self.cards)
        self.answer_area.addWidget(self.free_text)
        layout.addWidget(self.answer_area, 1)

        self.guidance = QFrame()
        self.guidance.setObjectName("interpreterGuidance")
        self.guidance.setStyleSheet(
            "#interpreterGuidance { background: #f3f0fa; border-left: 4px solid #6b55a3; }")
        guidance_layout = QVBoxLayout(self.guidance)
        title = wrapping_label(self.tr("Our guidance for the interpreter — not part of the "
                                       "questionnaire; do not read it out as the question"),
                               0.9, bold=True)
        self.guidance_text = wrapping_label("", 1.0)
        self.guidance.setToolTip(session.english.interpreter_notes_source)
        guidance_layout.addWidget(title)
        guidance_layout.addWidget(self.guidance_text)
        layout.addWidget(self.guidance)

        # Back / Declined / Next and the item's notes: the page keeps them in view below
        # its scrolling part, so the main actions never scroll off a small screen.
        self.controls = QWidget()
        controls = QVBoxLayout(self.controls)
        controls.setContentsMargins(9, 0, 9, 0)
        moves = QHBoxLayout()
        self.back = QPushButton(self.tr("← &Back"))
        self.decline = QPushButton(self.tr("&Declined (D)"))
        self.decline.setToolTip(self.tr("The respondent chose not to answer this item. "
                                        "Skipping with Next leaves it 'not yet asked'."))
        self.next = QPushButton(self.tr("&Next →"))
        for button in (self.back, self.decline, self.next):
            button.setMinimumHeight(button.fontMetrics().height() * 2 + 8)
        moves.addWidget(self.back)
        moves.addStretch(1)
        moves.addWidget(self.decline)
        moves.addStretch(1)
        moves.addWidget(self.next)
        controls.addLayout(moves)

        flags = QHBoxLayout()
        flags.addWidget(QLabel(self.tr("For this item:")))
        self.flags: dict[str, QCheckBox] = {}
        for flag, words in FLAG_LABELS.items():
            box = QCheckBox(self.tr(words))
            flags.addWidget(box)
            self.flags[flag] = box
        flags.addStretch(1)
        controls.addLayout(flags)
        self.follow_mode()

    def follow_mode(self) -> None:
        """Telephone: the script to read aloud; in person: the wording, large."""
        session = self.session
        self.script.setVisible(session.telephone)
        self.wording.setVisible(not session.telephone)
        self.cards.factor = 1.25 if session.telephone else 1.4
        self.wording.reserve(session.shown, session.english)
        notes = [pair.english.interpreter_note if pair.english else pair.item.interpreter_note
                 for pair in session.items]
        self.guidance_text.reserve(notes)

    def show_current(self, problem: str | None) -> None:
        """The session's current item; nothing can be recorded while ``problem`` or read-only."""
        session = self.session
        pair, answer = session.current, session.current_answer
        may_record = problem is None and not session.read_only
        self.progress.setText(self.tr("Item {n} of {of}").format(
            n=session.index + 1, of=len(session.items)))
        self.item_state.setText(self.state_words())
        self.script.show_item(session.shown, pair.item)
        self.wording.show_item(session.shown, pair.item, session.english, pair.english,
                               session.bilingual)
        free = pair.item.is_free_text
        self.answer_area.setCurrentWidget(self.free_text if free else self.cards)
        if free:
            self.free_text.blockSignals(True)
            self.free_text.setPlainText(answer.text or "" if answer else "")
            self.free_text.blockSignals(False)
            # Read-only, not disabled: the words can still be read, selected and scrolled.
            self.free_text.setReadOnly(not may_record)
        else:
            self.cards.show_cards(
                card_texts(session.shown, session.english, pair.item, pair.english,
                           session.bilingual),
                answer.code if answer else None, enabled=may_record,
                ends=rating_ends(session.shown, session.english, pair.item, pair.english,
                                 session.bilingual))
        self.rating_keys.setVisible(not free and len(self.cards.cards) == 10
                                    and self.cards.ends.isVisibleTo(self.cards))
        for flag, box in self.flags.items():
            box.blockSignals(True)
            box.setChecked(bool(answer and answer.flag(flag)))
            box.setEnabled(may_record)
            box.blockSignals(False)
        self.decline.setEnabled(may_record)
        note = pair.english.interpreter_note if pair.english else pair.item.interpreter_note
        self.guidance_text.setText(note)

    def state_words(self) -> str:
        session = self.session
        answer = session.current_answer
        if answer is None or not (answer.is_answered or answer.declined):
            return self.tr("Not yet asked")
        if answer.declined:
            return self.tr("Declined")
        if answer.text is not None:
            return self.tr("Answered")
        scale = session.shown.scale_for(session.current.item)
        label = scale.label_for(answer.code) if scale and answer.code is not None else ""
        return self.tr("Answered: {label}").format(label=label)
