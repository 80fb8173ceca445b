"""The Conversation step: the wave's topic guide theme by theme, notes as typed, services, quotes.

The guide comes from the resource library (``topic_guides.choose_guide``: the study's own
guide for the wave, else the shipped one; in the interview's language with the English
under each text). Notes are saved as they are typed, in batches: a pause in typing (or
moving to another theme, or leaving the page) writes what is on screen in one edit
through the store, so a crash loses at most the last fraction of a second. A passage can
be marked as a quote only when the family's consent in force says yes to anonymous
quotes; quotes are listed and shaded as such. At a later wave the earlier wave's services
and notes stand beside the guide, read-only.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.conversation import QUOTES_COMPONENT, THEME_STATES, conversation_done
from fieldwork.domain.resource_library import ResourceLibrary
from fieldwork.domain.topic_guides import GuidePair
from fieldwork.storage import conversation_store as conversation
from fieldwork.storage.consent_store import REASON_TEXTS, recording_permission
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.interview.conversation_services import EarlierWavePanel, ServicesChecklist
from fieldwork.ui.interview.conversation_theme import ThemePanel
from fieldwork.ui.interview.step_page import StepPage
from fieldwork.ui.questionnaire.cards import set_direction
from fieldwork.ui.save_status import SaveReporter
from fieldwork.ui.text_sizes import heading


def _scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(widget)
    return area


class ConversationPage(StepPage):
    SAVE_PAUSE_MS = 600
    """How long typing must pause before the notes are written (one edit per batch of keys)."""

    def __init__(self, store: StudyStore, reporter: SaveReporter, interview_key: str,
                 parent: QWidget | None = None, *, resources: ResourceLibrary) -> None:
        super().__init__(store, reporter, interview_key, parent)
        self.guides = resources.topic_guides
        self.pair: GuidePair | None = None
        self.index = 0
        self._pending: tuple[str, int] | None = None  # (theme id, position) with unsaved notes

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Conversation"), 1.4))
        # The title in the interview's language, its English, and whether the wording is validated,
        # each in its own direction (one label would mirror the English punctuation).
        self.guide_title = QLabel()
        self.guide_title.setWordWrap(True)
        self.english_title = QLabel()
        self.english_title.setWordWrap(True)
        self.english_title.setStyleSheet("color: #555;")
        self.translation_note = QLabel()
        self.translation_note.setObjectName("translationNote")
        self.translation_note.setStyleSheet("color: #7a4b00;")
        for label in (self.guide_title, self.english_title, self.translation_note):
            layout.addWidget(label)
        self.problem = QLabel()
        self.problem.setObjectName("conversationProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #6b0000;")
        layout.addWidget(self.problem)

        nav = QHBoxLayout()
        self.previous = QPushButton(self.tr("◀ &Previous theme"))
        self.theme_choice = QComboBox()
        self.theme_choice.setAccessibleName(self.tr("Theme"))
        self.next = QPushButton(self.tr("&Next theme ▶"))
        self.previous.clicked.connect(lambda: self.show_theme(self.index - 1))
        self.next.clicked.connect(lambda: self.show_theme(self.index + 1))
        self.theme_choice.activated.connect(self.show_theme)
        nav.addWidget(self.previous)
        nav.addWidget(self.theme_choice, 1)
        nav.addWidget(self.next)
        layout.addLayout(nav)

        self.theme = ThemePanel()
        self.theme.notes_typed.connect(self._notes_typed)
        self.theme.state_chosen.connect(self._state_chosen)
        self.theme.flag_ticked.connect(self._flag_ticked)
        self.theme.quote_wanted.connect(self._mark_quote)
        self.theme.unquote_wanted.connect(self._unmark_quote)
        self.services = ServicesChecklist()
        self.services.changed.connect(self._service_chosen)
        self.tabs = QTabWidget()
        self.tabs.addTab(_scrolled(self.theme), self.tr("&Themes"))
        self.tabs.addTab(_scrolled(self.services), self.tr("&Services used and needed"))
        self.earlier = EarlierWavePanel()
        self.body = QSplitter(Qt.Orientation.Horizontal)
        self.body.addWidget(self.tabs)
        self.body.addWidget(self.earlier)
        self.body.setStretchFactor(0, 3)
        self.body.setStretchFactor(1, 2)
        self.body.setChildrenCollapsible(False)
        layout.addWidget(self.body, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.SAVE_PAUSE_MS)
        self._timer.timeout.connect(self.save_pending_notes)
        self.refresh()

    # -- the StepPage contract -----------------------------------------------------------

    def refresh(self) -> None:
        self.save_pending_notes()
        self.pair = conversation.guide_for(self.store, self.interview_key, self.guides)
        interview = self.store.interview(self.interview_key)
        if self.pair is None:
            self.problem.setText(self.tr("No topic guide for wave {wave} is loaded (resources/guides/); "
                                         "the conversation cannot be shown.").format(wave=interview.wave))
        self.problem.setVisible(self.pair is None)
        for widget in (self.body, self.previous, self.next, self.theme_choice, self.guide_title):
            widget.setVisible(self.pair is not None)
        if self.pair is None:
            self.english_title.hide()
            self.translation_note.hide()
            return
        shown = self.pair.shown
        self.guide_title.setText(shown.title)
        set_direction(self.guide_title, shown.direction == "rtl")
        self.english_title.setText(self.pair.english.title)
        self.english_title.setVisible(self.pair.translated)
        self.translation_note.setText(self.tr("This wording is not a validated translation; the English "
                                              "is under each text."))
        self.translation_note.setVisible(self.pair.translated and not shown.translation_validated)
        self.earlier.show_wave(conversation.earlier_wave(self.store, self.interview_key, self.guides))
        self.services.show_answers(conversation.services(self.store, self.interview_key))
        allowed = recording_permission(self.store, self.interview_key, QUOTES_COMPONENT)
        self.theme.set_quote_consent(allowed.allowed, self.tr(REASON_TEXTS[allowed.reason]))
        self.show_theme(min(self.index, len(shown.themes) - 1))
        self.set_read_only(self.read_only)

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.theme.set_editable(not read_only)
        self.services.setEnabled(not read_only)  # choices stay readable

    def work_done(self) -> bool | None:
        if self.pair is None:
            return None
        states = {theme_id: record.state
                  for theme_id, record in conversation.themes(self.store, self.interview_key).items()}
        return conversation_done(self.pair.shown.theme_ids, states)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt's name)
        self.save_pending_notes()  # leaving the step writes what was typed
        super().hideEvent(event)

    # -- themes --------------------------------------------------------------------------

    def show_theme(self, index: int) -> None:
        if self.pair is None:
            return
        self.save_pending_notes()
        themes = self.pair.shown.themes
        self.index = max(0, min(index, len(themes) - 1))
        records = conversation.themes(self.store, self.interview_key)
        self._fill_theme_choice(records)
        shown = themes[self.index]
        english = self.pair.english.theme(shown.theme_id) if self.pair.translated else None
        self.theme.show_theme(shown, english, self.pair.shown.direction == "rtl", records.get(shown.theme_id),
                              conversation.quotes(self.store, self.interview_key, shown.theme_id))
        self.previous.setEnabled(self.index > 0)
        self.next.setEnabled(self.index < len(themes) - 1)

    def _fill_theme_choice(self, records: dict[str, conversation.ThemeRecord]) -> None:
        assert self.pair is not None
        self.theme_choice.blockSignals(True)
        self.theme_choice.clear()
        for number, theme in enumerate(self.pair.shown.themes, start=1):
            record = records.get(theme.theme_id)
            state = self.tr(THEME_STATES[record.state]) if record and record.state else self.tr("not yet")
            self.theme_choice.addItem(f"{number}. {theme.title} — {state}", theme.theme_id)
        self.theme_choice.setCurrentIndex(self.index)
        self.theme_choice.blockSignals(False)

    def current_theme(self) -> tuple[str, int]:
        assert self.pair is not None
        return self.pair.shown.themes[self.index].theme_id, self.index

    # -- saving --------------------------------------------------------------------------

    def _attempt(self, edit: Callable[..., object], *args: object) -> bool:
        def run() -> bool:
            assert self.pair is not None
            conversation.start_conversation(self.store, self.interview_key, self.pair)
            edit(self.store, self.interview_key, *args)
            return True
        done = bool(self.reporter.attempt(run))
        if done:
            self.edited.emit()
        return done

    def _notes_typed(self) -> None:
        if self.read_only or self.pair is None:
            return
        self._pending = self.current_theme()
        self._timer.start()  # restarted by every key: one write per pause in typing

    def save_pending_notes(self) -> None:
        """Write the notes typed since the last write (called on a pause, a move, leaving)."""
        self._timer.stop()
        if self._pending is None:
            return
        theme_id, position = self._pending
        self._pending = None
        if self._attempt(conversation.save_notes, theme_id, self.theme.notes.toPlainText(), position):
            # Words typed away take their quote mark with them: show what is left.
            self.theme.show_quotes(conversation.quotes(self.store, self.interview_key, theme_id))

    def _state_chosen(self, state: str | None) -> None:
        self.save_pending_notes()
        theme_id, position = self.current_theme()
        self._attempt(conversation.set_theme_state, theme_id, state, position)
        self.show_theme(self.index)

    def _flag_ticked(self, flag: str, on: bool) -> None:
        self.save_pending_notes()
        theme_id, position = self.current_theme()
        if not self._attempt(conversation.set_theme_flag, theme_id, flag, on, position):
            self.show_theme(self.index)

    def _mark_quote(self, passage: str) -> None:
        self.save_pending_notes()  # a quote is words of the notes as saved
        theme_id, _position = self.current_theme()
        self._attempt(conversation.mark_quote, theme_id, passage)
        self.theme.show_quotes(conversation.quotes(self.store, self.interview_key, theme_id))

    def _unmark_quote(self, quote_key: str) -> None:
        theme_id, _position = self.current_theme()
        self._attempt(conversation.unmark_quote, quote_key)
        self.theme.show_quotes(conversation.quotes(self.store, self.interview_key, theme_id))

    def _service_chosen(self, service: str, use: str | None, frequency: str | None) -> None:
        if not self._attempt(conversation.set_service, service, use, frequency):
            self.services.show_answers(conversation.services(self.store, self.interview_key))
