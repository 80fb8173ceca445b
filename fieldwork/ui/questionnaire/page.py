"""The questionnaire step pages: SCORE-15 and the other family questions, on one engine.

Owns the researcher's screen of a questionnaire: who counts as family (SCORE-15 only),
then one item at a time in large type with large response cards (keys 1–5, arrows or
Backspace to move, D for 'declined'), the progress 'Item 7 of 15', the item in the
family's language beside the English, the per-item notes ('interpreted orally', 'needed
explanation', 'respondent unsure'), our plain-English guidance for the interpreter, the
telephone script when the interview is by telephone, the family view window, and the
results after the last item. Wording comes only from the instrument files.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QShowEvent
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

from fieldwork.domain.casebook import language_label
from fieldwork.domain.errors import FieldworkError
from fieldwork.domain.instrument_files import INSTRUMENTS_KIND
from fieldwork.domain.network_codes import CLOSENESS, FREQUENCY
from fieldwork.domain.network_metrics import social_workers
from fieldwork.domain.resource_library import ResourceLibrary
from fieldwork.storage.answer_store import AnswerStore
from fieldwork.storage.map_store import load_map
from fieldwork.storage.study_resources import load_study_resources
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.interview.step_page import StepPage
from fieldwork.ui.questionnaire.cards import (
    PAGE_KEYS,
    ItemWording,
    ResponseCards,
    TelephoneScript,
    card_texts,
    wrapping_label,
)
from fieldwork.ui.questionnaire.family_chooser import FamilyChooser
from fieldwork.ui.questionnaire.family_view import FamilyView
from fieldwork.ui.questionnaire.results import ResultsPanel
from fieldwork.ui.questionnaire.session import Phase, QuestionnaireSession
from fieldwork.ui.save_status import SaveReporter
from fieldwork.ui.text_sizes import heading, scaled_font

FLAG_LABELS = {"interpreted_orally": "Interpreted orally", "needed_explanation": "Needed explanation",
               "respondent_unsure": "Respondent unsure"}


class QuestionnairePage(StepPage):
    """One instrument's step page; subclasses say which instrument."""

    INSTRUMENT_ID = ""

    def __init__(self, store: StudyStore, reporter: SaveReporter, interview_key: str,
                 parent: QWidget | None = None, *, resources: ResourceLibrary | None = None) -> None:
        super().__init__(store, reporter, interview_key, parent)
        # The window passes the library it loaded at start; a page built on its own loads it.
        resources = resources if resources is not None else load_study_resources(store)
        instruments, self.file_errors = resources.instruments, resources.errors_of(INSTRUMENTS_KIND)
        self.family_view: FamilyView | None = None
        try:
            self.session = QuestionnaireSession(AnswerStore(store, instruments), reporter,
                                                interview_key, self.INSTRUMENT_ID, self)
        except FieldworkError as error:
            self._cannot_load(error)
            return
        self.loaded = True
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a click on the page brings the keys here
        session = self.session
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(heading(session.english.title, 1.4), 1)
        self.open_family_view = QPushButton(self.tr("Show &family view"))
        self.open_family_view.setToolTip(self.tr(
            "A second window for the family: only the current question and the answer cards"))
        self.open_family_view.clicked.connect(self.show_family_view)
        self.open_family_view.setVisible(not session.telephone)
        top.addWidget(self.open_family_view)
        layout.addLayout(top)
        self.refusal = self._banner("#fde8e8", "#6b0000")
        self.notice = self._banner("#eef4fb", "#123")
        layout.addWidget(self.refusal)
        layout.addWidget(self.notice)

        self.stack = QStackedWidget()
        if session.is_score15:
            self.chooser: FamilyChooser | None = FamilyChooser(session)
            self.chooser.done.connect(session.forward)
            self.stack.addWidget(self.chooser)
        else:
            self.chooser = None
        self.item_screen = self._build_item_screen()
        self.results = ResultsPanel(session)
        self.results_back = QPushButton(self.tr("← Back to the last item"))
        self.results_back.clicked.connect(session.back)
        results_screen = QWidget()
        results_layout = QVBoxLayout(results_screen)
        results_layout.addWidget(self.results, 1)
        results_layout.addWidget(self.results_back, 0, Qt.AlignmentFlag.AlignLeft)
        self.results_screen = results_screen
        self.stack.addWidget(self.item_screen)
        self.stack.addWidget(results_screen)
        layout.addWidget(self.stack, 1)
        session.changed.connect(self.refresh)
        session.saved.connect(self.edited)
        self._show_notices()
        self.refresh()

    loaded = False

    # -- building ----------------------------------------------------------------------

    def _cannot_load(self, error: FieldworkError) -> None:
        """Without its instrument file the page says so; the rest of the interview goes on."""
        layout = QVBoxLayout(self)
        problems = [str(error), *(str(e) for e in self.file_errors)]
        message = wrapping_label(self.tr("This questionnaire cannot be shown: {problems}").format(
            problems="\n".join(problems)), 1.1)
        message.setObjectName("instrumentMissing")
        layout.addWidget(message)
        layout.addStretch(1)

    def _banner(self, background: str, colour: str) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setStyleSheet(f"background: {background}; color: {colour}; padding: 6px 10px;")
        label.hide()
        return label

    def _build_item_screen(self) -> QWidget:
        screen = QWidget()
        layout = QVBoxLayout(screen)
        self.progress = QLabel()
        self.progress.setFont(scaled_font(1.1, bold=True))
        self.item_state = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.progress)
        row.addStretch(1)
        row.addWidget(self.item_state)
        layout.addLayout(row)
        self.script = TelephoneScript()
        self.wording = ItemWording(2.0)
        self.script.setVisible(self.session.telephone)
        self.wording.setVisible(not self.session.telephone)
        layout.addWidget(self.script)
        layout.addWidget(self.wording)
        self.cards = ResponseCards(1.25 if self.session.telephone else 1.4)
        self.cards.chosen.connect(self.session.choose)
        layout.addWidget(self.cards, 1)
        self.free_text = QPlainTextEdit()
        self.free_text.setFont(scaled_font(1.3))
        self.free_text.setTabChangesFocus(True)
        self.free_text.setPlaceholderText(self.tr("The respondent's own words (saved as you type)"))
        self.free_text.textChanged.connect(self._save_text)
        layout.addWidget(self.free_text)

        moves = QHBoxLayout()
        self.back = QPushButton(self.tr("← &Back"))
        self.decline = QPushButton(self.tr("&Declined (D)"))
        self.decline.setToolTip(self.tr("The respondent chose not to answer this item. "
                                        "Skipping with Next leaves it 'not yet asked'."))
        self.next = QPushButton(self.tr("&Next →"))
        self.back.clicked.connect(self.session.back)
        self.decline.clicked.connect(self.session.decline)
        self.next.clicked.connect(self.session.forward)
        for button in (self.back, self.decline, self.next):
            button.setMinimumHeight(button.fontMetrics().height() * 2 + 8)
        moves.addWidget(self.back)
        moves.addStretch(1)
        moves.addWidget(self.decline)
        moves.addStretch(1)
        moves.addWidget(self.next)
        layout.addLayout(moves)

        flags = QHBoxLayout()
        flags.addWidget(QLabel(self.tr("For this item:")))
        self.flags: dict[str, QCheckBox] = {}
        for flag, words in FLAG_LABELS.items():
            box = QCheckBox(self.tr(words))
            box.toggled.connect(lambda on, flag=flag: self._set_flag(flag, on))
            flags.addWidget(box)
            self.flags[flag] = box
        flags.addStretch(1)
        layout.addLayout(flags)

        self.guidance = QFrame()
        self.guidance.setObjectName("interpreterGuidance")
        self.guidance.setStyleSheet(
            "#interpreterGuidance { background: #f3f0fa; border-left: 4px solid #6b55a3; }")
        guidance_layout = QVBoxLayout(self.guidance)
        title = wrapping_label(self.tr("Our guidance for the interpreter — not part of the "
                                       "questionnaire; do not read it out as the question"),
                               0.9, bold=True)
        self.guidance_text = wrapping_label("", 1.0)
        self.guidance.setToolTip(self.session.english.interpreter_notes_source)
        guidance_layout.addWidget(title)
        guidance_layout.addWidget(self.guidance_text)
        layout.addWidget(self.guidance)
        for widget in (self.back, self.decline, self.next, *self.flags.values()):
            widget.installEventFilter(self)
        return screen

    def _show_notices(self) -> None:
        session = self.session
        words = []
        if session.telephone:
            words.append(self.tr("Telephone interview: read the script aloud, the item and then "
                                 "each option with its number. The mode is saved with the answers."))
        if session.wording_missing:
            words.append(self.tr(
                "No {language} wording of this questionnaire is loaded, so the English is shown. "
                "Answers are recorded as in {language}, not a validated translation; tick "
                "'Interpreted orally' when the interpreter translates an item.").format(
                    language=language_label(session.interview_language)))
        elif session.bilingual and not session.shown.translation_validated:
            words.append(self.tr("The {language} wording shown is not a validated translation; "
                                 "answers are recorded as not validated.").format(
                                     language=language_label(session.interview_language)))
        if self.file_errors:
            words.append(self.tr("Some instrument files could not be read: {files}").format(
                files="; ".join(str(error) for error in self.file_errors)))
        self.notice.setText("\n".join(words))
        self.notice.setVisible(bool(words))

    # -- following the session -----------------------------------------------------------

    def refresh(self) -> None:
        session = self.session
        problem = session.consent_problem()
        self.refusal.setText(problem or "")
        self.refusal.setVisible(problem is not None)
        if session.phase is Phase.WHO_IS_FAMILY and self.chooser is not None:
            self.stack.setCurrentWidget(self.chooser)
            return
        if session.phase is Phase.RESULTS:
            self.results.refresh()
            self.stack.setCurrentWidget(self.results_screen)
            return
        self.stack.setCurrentWidget(self.item_screen)
        pair, answer = session.current, session.current_answer
        self.progress.setText(self.tr("Item {n} of {of}").format(
            n=session.index + 1, of=len(session.items)))
        self.item_state.setText(self._state_words())
        self.script.show_item(session.shown, pair.item)
        self.wording.show_item(session.shown, pair.item, session.english, pair.english,
                               session.bilingual)
        free = pair.item.is_free_text
        self.cards.setVisible(not free)
        self.free_text.setVisible(free)
        if free:
            self.free_text.blockSignals(True)
            self.free_text.setPlainText(answer.text or "" if answer else "")
            self.free_text.blockSignals(False)
            self.free_text.setReadOnly(problem is not None)
        else:
            self.cards.show_cards(
                card_texts(session.shown, session.english, pair.item, pair.english,
                           session.bilingual),
                answer.code if answer else None, enabled=problem is None)
        for flag, box in self.flags.items():
            box.blockSignals(True)
            box.setChecked(bool(answer and answer.flag(flag)))
            box.setEnabled(problem is None)
            box.blockSignals(False)
        self.decline.setEnabled(problem is None)
        note = pair.english.interpreter_note if pair.english else pair.item.interpreter_note
        self.guidance_text.setText(note)
        if self.session.phase is Phase.ITEMS and self.stack.currentWidget() is self.item_screen \
                and not free and self.isVisible() and not self.hasFocus():
            self.setFocus()

    def _state_words(self) -> str:
        answer = self.session.current_answer
        if answer is None or not (answer.is_answered or answer.declined):
            return self.tr("Not yet asked")
        if answer.declined:
            return self.tr("Declined")
        if answer.text is not None:
            return self.tr("Answered")
        scale = self.session.shown.scale_for(self.session.current.item)
        label = scale.label_for(answer.code) if scale and answer.code is not None else ""
        return self.tr("Answered: {label}").format(label=label)

    # -- the researcher's actions --------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if not self.loaded or not self._handle_key(event.key()):
            super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if Qt.Key(event.key()) in PAGE_KEYS and self._handle_key(event.key()):
                return True
        return super().eventFilter(watched, event)

    def _handle_key(self, key: int) -> bool:
        session = self.session
        if session.phase is not Phase.ITEMS:
            return False
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Backspace, Qt.Key.Key_Up):
            session.back()
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Down):
            session.forward()
        elif key == Qt.Key.Key_D:
            session.decline()
        elif Qt.Key.Key_1 <= key <= Qt.Key.Key_9 and self.cards.isVisible():
            number = key - Qt.Key.Key_1
            if number < len(self.cards.cards):
                # Even when consent refuses it, try: the refusal is then shown, not silent.
                session.choose(self.cards.cards[number].code)
        else:
            return False
        return True

    def _set_flag(self, flag: str, on: bool) -> None:
        if not self.session.set_flag(flag, on):
            box = self.flags[flag]
            box.blockSignals(True)
            box.setChecked(not on)
            box.blockSignals(False)

    def _save_text(self) -> None:
        self.session.write_text(self.free_text.toPlainText())

    def show_family_view(self) -> FamilyView:
        """Open (or bring forward) the family's window; it goes when this page goes."""
        if self.family_view is None:
            view = FamilyView(self.session)
            self.session.destroyed.connect(view.close)
            self.session.destroyed.connect(view.deleteLater)
            self.family_view = view
        self.family_view.show()
        self.family_view.raise_()
        return self.family_view


class Score15Page(QuestionnairePage):
    INSTRUMENT_ID = "score15"


class OtherQuestionsPage(QuestionnairePage):
    INSTRUMENT_ID = "family_questions"

    def __init__(self, store: StudyStore, reporter: SaveReporter, interview_key: str,
                 parent: QWidget | None = None, *, resources: ResourceLibrary | None = None) -> None:
        super().__init__(store, reporter, interview_key, parent, resources=resources)
        if self.loaded:
            self.social_workers = self._banner("#f3f7ee", "#123")
            self.social_workers.setObjectName("socialWorkersFromMap")
            self.layout().insertWidget(3, self.social_workers)
            self.show_social_workers()

    def show_social_workers(self) -> None:
        """Closeness and contact with each social worker, as placed on this interview's map."""
        network = load_map(self.store, self.interview_key)
        people = social_workers(network) if network is not None else []
        lines = [self.tr("{name}: {closeness}, contact {frequency}").format(
            name=p.label, closeness=self.tr(CLOSENESS.get(p.closeness or "", "closeness not asked")),
            frequency=self.tr(FREQUENCY.get(p.frequency or "", "not asked")).lower())
            for p in people]
        self.social_workers.setText(self.tr(
            "Closeness and contact with social workers are taken from the network map, not "
            "asked again: ") + ("; ".join(lines) if lines else self.tr("no social worker is on the map.")))
        self.social_workers.setVisible(True)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        # The map may have changed since this page was built.
        if self.loaded:
            self.show_social_workers()
        super().showEvent(event)
