"""The questionnaire step pages: SCORE-15 and the other family questions, on one engine.

Owns the researcher's step of a questionnaire: who counts as family (SCORE-15 only), the
item screen (``item_screen``: one item at a time in large type, keys 1–5 (a 1-10 rating:
1–9 and 0 for 10), arrows or Backspace to move, D for 'declined'), the banners (closed
interview, refused consent, telephone mode, missing or unvalidated wording), the family
view's Show/Hide button, the results after the last item, and the StepPage contract:
``refresh`` reads consent, the map's people, the mode and the language again; read-only
lets the answers be read, not changed. Wording comes only from the instrument files.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
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
from fieldwork.ui.questionnaire.cards import PAGE_KEYS, wrapping_label
from fieldwork.ui.questionnaire.family_chooser import FamilyChooser
from fieldwork.ui.questionnaire.family_view import FamilyView
from fieldwork.ui.questionnaire.item_screen import ItemScreen
from fieldwork.ui.questionnaire.results import ResultsPanel
from fieldwork.ui.questionnaire.session import Phase, QuestionnaireSession
from fieldwork.ui.save_status import SaveReporter
from fieldwork.ui.text_sizes import heading

SHOW_TO_FAMILY = QCoreApplication.translate("QuestionnairePage", "Show to &family")
HIDE_FROM_FAMILY = QCoreApplication.translate("QuestionnairePage", "Hide from &family")


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
        # Everything scrolls when the screen is small (1024x600, telephone script and cards):
        # the page never makes the window taller than the screen.
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.installEventFilter(self)  # the item keys are the page's, not the scrolling's
        outer.addWidget(self.scroll)
        body = QWidget()
        self.scroll.setWidget(body)
        layout = QVBoxLayout(body)
        self.body_layout = layout
        top = QHBoxLayout()
        top.addWidget(heading(session.english.title, 1.4), 1)
        self.open_family_view = QPushButton(SHOW_TO_FAMILY)
        self.open_family_view.setToolTip(self.tr(
            "A window for the family (full screen on a second screen): only the current "
            "question and the answer cards. Esc on it hides it."))
        self.open_family_view.clicked.connect(self.toggle_family_view)
        self.open_family_view.setVisible(not session.telephone)
        top.addWidget(self.open_family_view)
        layout.addLayout(top)
        self.read_only_note = self._banner("#eceff3", "#243b53")
        self.read_only_note.setObjectName("readOnlyNote")
        self.refusal = self._banner("#fde8e8", "#6b0000")
        self.notice = self._banner("#eef4fb", "#123")
        for banner in (self.read_only_note, self.refusal, self.notice):
            layout.addWidget(banner)

        self.stack = QStackedWidget()
        self.chooser: FamilyChooser | None = None
        if session.is_score15:
            self._build_chooser()
        self._build_item_screen()
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
        outer.addWidget(self.item_screen.controls)
        session.changed.connect(self.show_session)
        session.saved.connect(self.edited)
        self._show_notices()
        self.show_session()

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
        label.setWordWrap(True)  # a long message wraps; it never widens the window
        label.setStyleSheet(f"background: {background}; color: {colour}; padding: 6px 10px;")
        label.hide()
        return label

    def _build_chooser(self) -> None:
        """(Re)build 'who is family' from the map as it is now; what was typed stays."""
        old = self.chooser
        chooser = FamilyChooser(self.session)
        chooser.done.connect(self.session.forward)
        chooser.set_read_only(self.read_only)
        if old is not None:
            chooser.someone.setText(old.someone.text())
            self.stack.removeWidget(old)
            old.deleteLater()
        self.stack.insertWidget(0, chooser)
        self.chooser = chooser

    def _build_item_screen(self) -> None:
        session = self.session
        screen = self.item_screen = ItemScreen(session)
        # The tests and the keys reach the item's widgets through the page.
        self.progress, self.item_state = screen.progress, screen.item_state
        self.script, self.wording, self.cards = screen.script, screen.wording, screen.cards
        self.free_text, self.guidance, self.guidance_text = (
            screen.free_text, screen.guidance, screen.guidance_text)
        self.back, self.decline, self.next = screen.back, screen.decline, screen.next
        self.flags = screen.flags
        self.cards.chosen.connect(session.choose)
        self.free_text.textChanged.connect(self._save_text)
        self.back.clicked.connect(session.back)
        self.decline.clicked.connect(session.decline)
        self.next.clicked.connect(session.forward)
        for flag, box in self.flags.items():
            box.toggled.connect(lambda on, flag=flag: self._set_flag(flag, on))
        for widget in (self.back, self.decline, self.next, *self.flags.values()):
            widget.installEventFilter(self)

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
        shown_items = {pair.item.id for pair in session.items}
        kept = sum(1 for item_id in session.answers if item_id not in shown_items)
        if kept:  # the study's own items, their file not on this laptop: their answers stay
            words.append(self.tr("Answers to the study's own items ({count}) are kept as they were; "
                                 "they show again when its resources folder is back.").format(count=kept))
        self.notice.setText("\n".join(words))
        self.notice.setVisible(bool(words))

    # -- the StepPage contract -----------------------------------------------------------

    def refresh(self) -> None:
        """Read consent, the map's people, the mode and the language again, and show them."""
        if not self.loaded:
            return
        session = self.session
        session.reload()
        if session.is_score15:
            self._build_chooser()
        self.item_screen.follow_mode()
        self.open_family_view.setVisible(not session.telephone)
        if session.telephone and self.family_view is not None:
            self.family_view.hide()  # nobody is in the room to look at it
        self._show_notices()
        self.show_session()

    def set_read_only(self, read_only: bool) -> None:
        """Answers cannot change by click or key; the items can still be read and moved through."""
        self.read_only = read_only
        if not self.loaded:
            return
        self.session.read_only = read_only
        self.read_only_note.setText(self.tr(
            "This interview is closed, so its answers are read-only: you can look through "
            "them, not change them. To correct one, reopen the interview for correction."))
        self.read_only_note.setVisible(read_only)
        if self.chooser is not None:
            self.chooser.set_read_only(read_only)
        self.session.changed.emit()  # every view of the session follows

    def work_done(self) -> bool | None:
        """Every item answered or declined."""
        return self.session.all_settled if self.loaded else None

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        # Coming to this step: consent, the map, the mode or the language may have changed
        # on another step since the page was built or last shown.
        if self.loaded and not event.spontaneous():
            self.refresh()
        super().showEvent(event)

    # -- following the session -----------------------------------------------------------

    def show_session(self) -> None:
        session = self.session
        problem = session.consent_problem()
        self.refusal.setText(problem or "")
        self.refusal.setVisible(problem is not None)
        self.item_screen.controls.setVisible(session.phase is Phase.ITEMS)
        if session.phase is Phase.WHO_IS_FAMILY and self.chooser is not None:
            self.stack.setCurrentWidget(self.chooser)
            return
        if session.phase is Phase.RESULTS:
            self.results.refresh()
            self.stack.setCurrentWidget(self.results_screen)
            return
        self.stack.setCurrentWidget(self.item_screen)
        self.item_screen.show_current(problem)
        if not session.current.item.is_free_text and self.isVisible() and not self.hasFocus():
            self.setFocus()

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
            session.decline()  # read-only: the session records nothing
        elif Qt.Key.Key_0 <= key <= Qt.Key.Key_9 and self.cards.isVisible():
            # 1-9 choose the first nine cards; 0 the tenth (a rating's 10).
            number = 9 if key == Qt.Key.Key_0 else key - Qt.Key.Key_1
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
            view.shown.connect(self._follow_family_view)
            self.family_view = view
        self.family_view.present(self.window())
        return self.family_view

    def toggle_family_view(self) -> None:
        if self.family_view is not None and self.family_view.isVisible():
            self.family_view.hide()
        else:
            self.show_family_view()

    def _follow_family_view(self, shown: bool) -> None:
        self.open_family_view.setText(HIDE_FROM_FAMILY if shown else SHOW_TO_FAMILY)


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
            layout = self.body_layout
            layout.insertWidget(layout.indexOf(self.notice) + 1, self.social_workers)
            self.show_social_workers()

    def refresh(self) -> None:
        super().refresh()
        if self.loaded:
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
