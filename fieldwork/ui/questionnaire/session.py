"""One questionnaire being given: where we are, what has been answered, what to save.

Owns the state of an administration on screen (who counts as family, the current item,
the results) and every write, each through the save reporter so a refused or failed
write is shown ('Not saved: ...') and the screen does not move on. Builds no widgets:
the researcher's page and the family view both follow its ``changed`` signal, so they
always show the same item.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum

from PySide6.QtCore import QObject, Signal

from fieldwork.domain.casebook import InterviewMode
from fieldwork.domain.errors import FieldworkError, InvalidInput
from fieldwork.domain.instruments import ItemSideBySide, ResponseCode, side_by_side
from fieldwork.domain.score15 import SCORE15_ID
from fieldwork.storage.answer_store import (
    Administration,
    AnswerStore,
    FamilyMember,
    ItemAnswer,
    choose_wording,
    consent_component,
)
from fieldwork.storage.consent_store import require_consent
from fieldwork.ui.save_status import SaveReporter


class Phase(Enum):
    WHO_IS_FAMILY = "who_is_family"
    ITEMS = "items"
    RESULTS = "results"


class QuestionnaireSession(QObject):
    """The state of one instrument in one interview, shared by every view of it."""

    changed = Signal()
    saved = Signal()  # something was written: the workspace marks the step in progress

    def __init__(self, answers: AnswerStore, reporter: SaveReporter, interview_key: str,
                 instrument_id: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.answer_store, self.reporter, self.interview_key = answers, reporter, interview_key
        self.instrument_id = instrument_id
        # A completed, stopped or withdrawn interview: shown, moved through, never written.
        self.read_only = False
        self._last_ok = False
        self._read_study()
        self.index = self._first_unanswered()
        self.phase = self._starting_phase()

    def _read_study(self) -> None:
        """The interview's mode and language, the wording they call for, and what is recorded."""
        answers, instrument_id = self.answer_store, self.instrument_id
        interview = answers.store.interview(self.interview_key)
        self.interview_language = interview.language
        self.telephone = interview.mode is InterviewMode.TELEPHONE
        wording = choose_wording(answers.instruments, instrument_id, interview.language)
        if wording is None:
            raise InvalidInput("questionnaire", f"'{instrument_id}' is not loaded in English.")
        self.shown, self.english = wording
        self.items: tuple[ItemSideBySide, ...] = side_by_side(self.shown, self.english)
        self.administration: Administration | None = answers.administration(
            self.interview_key, instrument_id)
        self.answers: dict[str, ItemAnswer] = (
            answers.answers(self.administration.key) if self.administration else {})

    def reload(self) -> None:
        """Read the study again (another step may have changed the mode, the language or the
        answers) and stay on the item the researcher was on; the views follow ``changed``."""
        current = self.items[self.index].item.id if self.items else None
        self._read_study()
        ids = [pair.item.id for pair in self.items]
        if current in ids:
            self.index = ids.index(current)
        else:
            self.index = self._first_unanswered()
        if self.phase is Phase.WHO_IS_FAMILY and not self.is_score15:
            self.phase = Phase.ITEMS
        self.changed.emit()

    # -- what the views ask ------------------------------------------------------------

    @property
    def is_score15(self) -> bool:
        return self.instrument_id == SCORE15_ID

    @property
    def bilingual(self) -> bool:
        """True when the interview is not in English and its own wording is loaded."""
        return not self.shown.is_english

    @property
    def wording_missing(self) -> bool:
        """The interview is in another language but only English wording is loaded."""
        return self.shown.is_english and not self.english_interview

    @property
    def english_interview(self) -> bool:
        return self.interview_language.split("-")[0].lower() == "en"

    @property
    def current(self) -> ItemSideBySide:
        return self.items[self.index]

    @property
    def current_answer(self) -> ItemAnswer | None:
        return self.answers.get(self.current.item.id)

    @property
    def family_members(self) -> tuple[FamilyMember, ...]:
        return self.administration.family_members if self.administration else ()

    @property
    def all_settled(self) -> bool:
        """Every item answered or declined: the questionnaire's work is done."""
        return all(self._settled(pair.item.id) for pair in self.items)

    @property
    def may_record(self) -> bool:
        """Whether an answer may be recorded now (consent given, the interview not closed)."""
        return not self.read_only and self.consent_problem() is None

    def consent_problem(self) -> str | None:
        """Why nothing may be recorded for this instrument now, or None if it may."""
        try:
            require_consent(self.answer_store.store, self.interview_key,
                            consent_component(self.instrument_id))
        except FieldworkError as error:
            return str(error)
        return None

    # -- moving ------------------------------------------------------------------------

    def go_to(self, index: int) -> None:
        self.index = max(0, min(index, len(self.items) - 1))
        self.phase = Phase.ITEMS
        self.changed.emit()

    def back(self) -> None:
        if self.phase is Phase.RESULTS:
            self.go_to(len(self.items) - 1)
        elif self.phase is Phase.ITEMS and self.index == 0 and self.is_score15:
            self.phase = Phase.WHO_IS_FAMILY
            self.changed.emit()
        elif self.phase is Phase.ITEMS:
            self.go_to(self.index - 1)

    def forward(self) -> None:
        if self.phase is Phase.WHO_IS_FAMILY:
            self.go_to(self.index)
        elif self.phase is Phase.ITEMS and self.index == len(self.items) - 1:
            self.show_results()
        elif self.phase is Phase.ITEMS:
            self.go_to(self.index + 1)

    def show_results(self) -> None:
        self.phase = Phase.RESULTS
        if self.administration and self.all_settled and not self.read_only:
            self.reporter.attempt(self.answer_store.mark_completed, self.administration.key)
        self.changed.emit()

    # -- recording ---------------------------------------------------------------------

    def choose(self, code: ResponseCode) -> bool:
        """Record ``code`` for the current item and move on; False if it was not saved."""
        item_id = self.current.item.id
        if not self._write(self.answer_store.answer, item_id, code):
            return False
        self.forward()
        return True

    def decline(self) -> bool:
        if not self._write(self.answer_store.decline, self.current.item.id):
            return False
        self.forward()
        return True

    def write_text(self, text: str) -> bool:
        """Save a free-text answer as it is typed (the screen stays on the item)."""
        return self._write(self.answer_store.answer_text, self.current.item.id, text,
                           quiet=True)

    def set_flag(self, flag: str, on: bool) -> bool:
        return self._write(self.answer_store.set_flag, self.current.item.id, flag, on)

    def set_family_members(self, members: Iterable[FamilyMember]) -> bool:
        """Who the respondent counts as 'the family' (SCORE-15 asks this first)."""
        if not self._started():
            return False
        assert self.administration is not None
        if not self._attempt(self.answer_store.set_family_members, self.administration.key,
                             list(members)):
            return False
        self.administration = self.answer_store.administration_by_key(self.administration.key)
        self.saved.emit()
        self.changed.emit()
        return True

    # -- inside ------------------------------------------------------------------------

    def _attempt(self, edit: object, *args: object) -> bool:
        """Run one edit through the reporter; True if it went through."""
        self._last_ok = False
        if self.read_only:
            return False  # the page says why: the interview is closed

        def run() -> None:
            edit(*args)  # type: ignore[operator]
            self._last_ok = True

        self.reporter.attempt(run)
        return self._last_ok

    def _started(self) -> bool:
        if self.read_only:
            return False
        if self.administration is None:
            started = self.reporter.attempt(self.answer_store.start, self.interview_key, self.shown)
            if started is None:
                return False
            self.administration = started
        return True

    def _write(self, edit: object, *args: object, quiet: bool = False) -> bool:
        if not self._started():
            return False
        assert self.administration is not None
        if not self._attempt(edit, self.administration.key, *args):
            return False
        self.answers = self.answer_store.answers(self.administration.key)
        self.saved.emit()
        if not quiet:
            self.changed.emit()
        return True

    def _settled(self, item_id: str) -> bool:
        """Answered or declined (a row with only notes ticked is neither)."""
        answer = self.answers.get(item_id)
        return answer is not None and (answer.is_answered or answer.declined)

    def _first_unanswered(self) -> int:
        for index, pair in enumerate(self.items):
            if not self._settled(pair.item.id):
                return index
        return 0

    def _starting_phase(self) -> Phase:
        if self.all_settled:
            return Phase.RESULTS
        if self.is_score15 and not self.answers and not self.family_members:
            return Phase.WHO_IS_FAMILY
        return Phase.ITEMS
