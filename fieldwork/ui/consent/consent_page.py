"""The consent step of the interview workspace.

Owns the step's flow: which form to show (``form_choice``), taking consent
(``ConsentEntry``), confirming it into a ``ConsentRecord`` that is saved once and never
changed, showing the record in force read-only (``ConsentRecordView``), starting a
correction that replaces it, and saving the family's copy as a PDF. After each save it
emits ``edited``, ``consent_changed`` and ``interview_changed`` so the workspace re-checks
what consent allows and refreshes every step. ``refresh`` follows a record or visit
details changed elsewhere; read-only (a closed interview) nothing can be confirmed or
corrected, everything can still be read.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFileDialog, QScrollArea, QVBoxLayout, QWidget

from fieldwork.domain.casebook import Interview
from fieldwork.domain.consent import (
    ConsentForm,
    ConsentRecord,
    HowGiven,
    answers_from_choices,
    confirm_consent,
    correction_chain,
)
from fieldwork.domain.consent_forms import CONSENT_KIND, english_version
from fieldwork.domain.consent_gating import earlier_wave_answers
from fieldwork.domain.errors import FieldworkError
from fieldwork.domain.resource_library import ResourceLibrary
from fieldwork.storage.consent_store import (
    consent_records,
    save_consent,
    signature_picture,
    study_consent_settings,
    withdrawals_of,
)
from fieldwork.storage.study_resources import load_study_resources
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.consent.consent_entry import ERROR_STYLE, ConsentEntry, notice
from fieldwork.ui.consent.family_copy import write_family_copy
from fieldwork.ui.consent.form_choice import FormChoice, choose_form_for
from fieldwork.ui.consent.record_view import ConsentRecordView
from fieldwork.ui.consent.signature_pad import signature_png
from fieldwork.ui.interview.step_page import StepPage
from fieldwork.ui.save_status import SaveReporter


class ConsentPage(StepPage):
    """Consent for one interview: taken here, then shown read-only, corrected if need be."""

    consent_changed = Signal()

    def __init__(self, store: StudyStore, reporter: SaveReporter, interview_key: str,
                 parent: QWidget | None = None, *, resources: ResourceLibrary | None = None) -> None:
        super().__init__(store, reporter, interview_key, parent)
        # The window passes the library it loaded at start; a page built on its own loads it.
        resources = resources if resources is not None else load_study_resources(store)
        self.forms = resources.consent_forms
        self._form_errors = resources.errors_of(CONSENT_KIND)
        self._study_forms = resources.study_consent_forms
        self.interview: Interview = store.interview(interview_key)
        self._settings = study_consent_settings(store)
        self.choice: FormChoice = self._choose(self.interview)
        self.entry: ConsentEntry | None = None
        self.record_view: ConsentRecordView | None = None
        self.last_saved: ConsentRecord | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout.addWidget(self.scroll)
        self.show_current()

    # -- what the page shows -------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._follow_visit_details()

    def refresh(self) -> None:
        """Read again the visit details and the record in force (another step, or another
        laptop's copy merged in, may have changed them); a form being filled in keeps its
        answers, a correction being entered is left alone."""
        history = self.records()
        if history and self.entry is None:
            shown = self.record_view.record if self.record_view is not None else None
            if shown != history[0]:
                self._show_record(history)
        elif history and self.entry is not None and self.entry.corrects is None:
            self._show_record(history)  # consent was recorded elsewhere meanwhile
        elif not history and self.record_view is not None:
            self.show_current()
        self._follow_visit_details()

    def _follow_visit_details(self) -> None:
        # The visit details (language, interpreter) or the study settings (records audio) may
        # have changed since the page was built; a form not yet answered follows them.
        fresh = self.store.interview(self.interview_key)
        settings = study_consent_settings(self.store)
        if _consent_details(fresh) != _consent_details(self.interview) or settings != self._settings:
            self.interview, self._settings = fresh, settings
            self.choice = self._choose(fresh)
            before = self.entry
            if before is not None and before.corrects is None:
                kept = (before.form, before.choices(), before.how_given(), before.pad.strokes)
                self._show_entry(corrects=None)
                if self.entry is not None and _same_form(kept[0], self.entry.form):
                    # The same form (perhaps asking one part more or less): what was answered stays.
                    self.entry.restore(*kept[1:])

    def _choose(self, interview: Interview) -> FormChoice:
        return choose_form_for(interview, self.forms, self._form_errors, self._settings, self._study_forms)

    def set_read_only(self, read_only: bool) -> None:
        """A closed interview's consent can be read and scrolled, not confirmed or corrected."""
        self.read_only = read_only
        self._apply_read_only()

    def _apply_read_only(self) -> None:
        if self.entry is not None:
            self.entry.setEnabled(not self.read_only)
        if self.record_view is not None:
            # The family's copy changes nothing in the study: it stays possible.
            self.record_view.correction.setEnabled(not self.read_only)

    def work_done(self) -> bool | None:
        """Done when a consent record exists for this interview."""
        return bool(self.records())

    def records(self) -> list[ConsentRecord]:
        return correction_chain(consent_records(self.store, self.interview_key))

    def show_current(self) -> None:
        """The record in force, read-only; or the form to take consent when there is none."""
        history = self.records()
        if history:
            self._show_record(history)
        else:
            self._show_entry(corrects=None)

    def _set_content(self, widget: QWidget) -> None:
        old = self.scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.scroll.setWidget(widget)
        self.scroll.verticalScrollBar().setValue(0)
        self._apply_read_only()

    def _show_entry(self, corrects: ConsentRecord | None) -> None:
        self.record_view = None
        if self.choice.form is None:
            self.entry = None
            problems = "\n".join(f"• {error}" for error in self.choice.errors)
            self._set_content(notice(self.tr(
                "No consent form could be found, so consent cannot be taken on this laptop. "
                "Ask the study's data manager to install the consent forms.\n{problems}"
            ).format(problems=problems), ERROR_STYLE))
            return
        earlier, wave = self._earlier_wave()
        self.entry = ConsentEntry(self.choice, self.interview, self.store.researchers(),
                                  earlier, wave, corrects=corrects)
        self.entry.confirm_requested.connect(self.confirm)
        self.entry.cancel_requested.connect(self.show_current)
        self._set_content(self.entry)

    def _show_record(self, history: list[ConsentRecord]) -> None:
        self.entry = None
        record = history[0]
        form = self._form_of(record)
        english = english_version(form, self.forms) if form is not None else None
        self.record_view = ConsentRecordView(record, form, english, history, self._signature_of(record))
        self.record_view.correction_requested.connect(self.start_correction)
        self.record_view.family_copy_requested.connect(self._ask_where_to_save_copy)
        self._set_content(self.record_view)

    def _signature_of(self, record: ConsentRecord) -> bytes | None:
        """The stored picture; drawn from the strokes for a record saved without one."""
        stored = signature_picture(self.store, record.record_id)
        if stored or not record.signature:
            return stored
        return signature_png(record.signature)

    def _form_of(self, record: ConsentRecord) -> ConsentForm | None:
        return next((f for f in self.forms if (f.form_id, f.version, f.language.lower())
                     == (record.form_id, record.version, record.language.lower())), None)

    def _earlier_wave(self) -> tuple[dict[str, bool], int | None]:
        """What the family answered at the latest earlier wave that has consent, for display."""
        assert self.choice.form is not None
        earlier = [i for i in self.store.interviews_of(self.interview.family_key)
                   if i.wave < self.interview.wave]
        for interview in sorted(earlier, key=lambda i: i.wave, reverse=True):
            records = consent_records(self.store, interview.key)
            if records:
                withdrawals = withdrawals_of(self.store, self.interview.family_key)
                return earlier_wave_answers(records, self.choice.form, withdrawals), interview.wave
        return {}, None

    # -- what the researcher does --------------------------------------------------------

    def start_correction(self) -> None:
        if self.read_only:
            return
        history = self.records()
        if history:
            self._show_entry(corrects=history[0])

    def confirm(self) -> ConsentRecord | None:
        """Build the record from the entry and save it; say plainly what stops it."""
        entry = self.entry
        if entry is None or self.read_only:
            return None
        problems = entry.problems()
        if problems:
            self._show_problems(entry, problems)
            return None
        how = entry.how_given()
        assert how is not None
        try:
            record = confirm_consent(
                entry.form,  # the form the family saw, even if the visit details changed since
                interview_id=self.interview_key,
                answers=answers_from_choices(entry.form, entry.choices()),
                how_given=how,
                signature=entry.pad.strokes if how is HowGiven.SIGNED_ON_SCREEN else (),
                researcher_confirmation=entry.researcher_name(),
                confirmed_at=datetime.now(UTC).astimezone(),
                interpreter_present=entry.interview.interpreter_present,
                interpreter_confirmation=entry.interpreter_confirmation(),
                corrects=entry.corrects,
            )
            picture = entry.pad.picture() if how is HowGiven.SIGNED_ON_SCREEN else None
            save_consent(self.store, record, picture)
        except FieldworkError as error:
            self._show_problems(entry, [self.tr("Not saved: {problem}").format(problem=error)])
            self.reporter.problem.emit(str(error))
            return None
        self.last_saved = record
        self.show_current()
        self.edited.emit()
        self.consent_changed.emit()
        self.interview_changed.emit()  # the steps consent opens or closes show it at once
        return record

    def _show_problems(self, entry: ConsentEntry, problems: list[str]) -> None:
        entry.show_problems(problems)
        # The researcher is looking at the button they pressed: bring the reasons into view
        # once the label has its size.
        QTimer.singleShot(0, entry, lambda: self.scroll.ensureWidgetVisible(entry.confirm, 50, 50))

    def save_family_copy(self, path: Path | str) -> Path | None:
        """Write the family's PDF copy of the record in force to ``path``."""
        history = self.records()
        if not history:
            return None
        record = history[0]
        form = self._form_of(record)
        if form is None:
            self.reporter.problem.emit(self.tr("The consent form of this record is not on this laptop."))
            return None
        english = english_version(form, self.forms)
        try:
            return write_family_copy(Path(path), record, form, english, self._signature_of(record))
        except (OSError, FieldworkError) as error:
            self.reporter.problem.emit(self.tr("The family's copy was not saved: {problem}")
                                       .format(problem=error))
            return None

    def _ask_where_to_save_copy(self) -> None:
        family = self.store.family(self.interview.family_key).code
        suggested = str(Path.home() / f"consent-{family}-wave{self.interview.wave}.pdf")
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save a copy for the family"), suggested, self.tr("PDF files (*.pdf)"))
        if path:
            written = self.save_family_copy(path)
            if written is not None and self.record_view is not None:
                self.record_view.copy_saved.setText(
                    self.tr("The family's copy was saved to {path}").format(path=written))


def _same_form(one: ConsentForm, other: ConsentForm) -> bool:
    return (one.form_id, one.version, one.language) == (other.form_id, other.version, other.language)


def _consent_details(interview: Interview) -> tuple[object, ...]:
    """The visit details the consent form depends on."""
    return (interview.language, interview.interpreter_present, interview.interpreter,
            interview.researcher_key, interview.wave, interview.mode)
