"""Taking consent: the form the researcher goes through with the family before confirming.

Owns the unconfirmed state of one consent: the answers as toggled, how consent is being
given, the signature as drawn, the interpreter's and the researcher's confirmations, and
the plain-words list of what is still missing (``problems``). It never writes: the page
turns a complete entry into a ``ConsentRecord`` (on ``form``, the version shown: standard or
easy read) and saves it. How consent can be given follows the interview's mode: by telephone
only verbally, so "Signed on screen" is not offered.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.casebook import Interview, Researcher, language_label
from fieldwork.domain.consent import ConsentRecord, HowGiven
from fieldwork.ui.consent.form_choice import FormChoice
from fieldwork.ui.consent.sheet_widgets import InformationSheet, StatementRow
from fieldwork.ui.consent.signature_pad import SignaturePad
from fieldwork.ui.text_sizes import heading, scaled_font

NOTICE_STYLE = "background: #fff7e0; color: #5c3c00; padding: 8px 12px; border: 1px solid #f0c36d;"
ERROR_STYLE = "background: #fde8e8; color: #6b0000; padding: 8px 12px; border: 1px solid #e8a0a0;"
BIG_BUTTON_STYLE = "QPushButton { min-height: 2.6em; padding: 4px 24px; }"


def notice(text: str, style: str = NOTICE_STYLE) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(style)
    return label


class ConsentEntry(QWidget):
    """The consent form being filled in; ``confirm_requested`` when the researcher confirms."""

    confirm_requested = Signal()
    cancel_requested = Signal()
    changed = Signal()

    def __init__(self, choice: FormChoice, interview: Interview, researchers: Sequence[Researcher],
                 earlier_answers: Mapping[str, bool] | None = None, earlier_wave: int | None = None,
                 corrects: ConsentRecord | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert choice.form is not None
        self.choice, self.form, self.interview, self.corrects = choice, choice.form, interview, corrects
        self.shown_choice = choice
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(heading(self.tr("Consent") if corrects is None
                                 else self.tr("Consent — recording a correction"), 1.4))
        if corrects is not None:
            layout.addWidget(notice(self.tr(
                "This correction will replace the record confirmed on {when}. That record is kept "
                "unchanged, so the history can be shown."
            ).format(when=corrects.confirmed_at.astimezone().strftime("%d %B %Y, %H:%M"))))
        if choice.fell_back_to_english:
            self.language_notice: QLabel | None = notice(self.tr(
                "There is no consent form in {language}. The English form is shown; the record "
                "will say that consent was taken on the English form."
            ).format(language=language_label(choice.wanted_language)))
            layout.addWidget(self.language_notice)
        else:
            self.language_notice = None
        if choice.errors:
            problems = "\n".join(f"• {error}" for error in choice.errors)
            layout.addWidget(notice(self.tr("Some consent form files could not be used:\n{problems}")
                                    .format(problems=problems)))

        self.easy_read_switch: QCheckBox | None = None
        if choice.easy_read is not None and choice.easy_read.form is not None:
            # The study included parents with learning difficulties: the researcher can
            # switch to the easy-read version of the same form before the family answers.
            self.easy_read_switch = QCheckBox(self.tr("Use the easy-read version of this form"))
            self.easy_read_switch.setFont(scaled_font(1.1))
            self.easy_read_switch.toggled.connect(self._switch_version)
            layout.addWidget(self.easy_read_switch)
        self._earlier_answers = dict(earlier_answers or {})
        self._earlier_wave = earlier_wave
        self.form_area = QWidget()
        self.form_area_layout = QVBoxLayout(self.form_area)
        self.form_area_layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form_area)
        self.rows: list[StatementRow] = []
        self._show_form(choice)

        layout.addWidget(heading(self.tr("How consent was given"), 1.2))
        self.signed = QRadioButton(self.tr("Signed on screen"))
        self.verbal = QRadioButton(self.tr("Given verbally (recorded by the researcher)"))
        self.how_group = QButtonGroup(self)
        self.ways = choice.ways
        for button, way in ((self.signed, HowGiven.SIGNED_ON_SCREEN), (self.verbal, HowGiven.VERBAL)):
            button.setFont(scaled_font(1.15))
            self.how_group.addButton(button)
            if way in self.ways:
                layout.addWidget(button)
            else:
                button.setVisible(False)
        if self.ways == (HowGiven.VERBAL,):
            self.verbal.setChecked(True)
            layout.addWidget(notice(self.tr(
                "By telephone consent is given verbally: read out the information and each "
                "statement, record each answer as the family gives it, and read the answers back.")))
        self.how_group.buttonToggled.connect(self._how_toggled)
        self.signed.setEnabled(HowGiven.SIGNED_ON_SCREEN in self.ways)
        self.signature_area = QWidget()
        signature_layout = QVBoxLayout(self.signature_area)
        signature_layout.setContentsMargins(24, 0, 0, 0)
        signature_layout.addWidget(QLabel(self.tr("Signature of the person giving consent:")))
        self.pad = SignaturePad()
        self.pad.changed.connect(self._changed)
        signature_layout.addWidget(self.pad)
        self.clear_signature = QPushButton(self.tr("C&lear signature"))
        self.clear_signature.setStyleSheet(BIG_BUTTON_STYLE)
        self.clear_signature.clicked.connect(self.pad.clear)
        signature_layout.addWidget(self.clear_signature, 0, Qt.AlignmentFlag.AlignLeft)
        self.signature_area.setVisible(False)
        layout.addWidget(self.signature_area)

        confirmations = QFormLayout()
        confirmations.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.interpreted: QCheckBox | None = None
        self.interpreter_name: QLineEdit | None = None
        if interview.interpreter_present:
            self.interpreted = QCheckBox(self.tr(
                "The interpreter confirms that the information sheet and the statements were "
                "interpreted for the family"))
            self.interpreted.setFont(scaled_font(1.05))
            self.interpreted.toggled.connect(self._changed)
            self.interpreter_name = QLineEdit(interview.interpreter)
            self.interpreter_name.setAccessibleName(self.tr("Interpreter's name"))
            confirmations.addRow(self.interpreted)
            confirmations.addRow(self.tr("Interpreter's &name"), self.interpreter_name)
        self.researcher = QComboBox()
        self.researcher.setPlaceholderText(self.tr("Choose the researcher confirming…"))
        self.researcher.setAccessibleName(self.tr("Researcher confirming"))
        for researcher in researchers:
            self.researcher.addItem(researcher.name, researcher.key)
        self.researcher.setCurrentIndex(self.researcher.findData(interview.researcher_key)
                                        if interview.researcher_key else -1)
        self.researcher.currentIndexChanged.connect(self._changed)
        confirmations.addRow(self.tr("&Researcher confirming"), self.researcher)
        layout.addLayout(confirmations)

        self.problem_label = notice("", ERROR_STYLE)
        self.problem_label.setObjectName("consentProblem")
        self.problem_label.setVisible(False)
        layout.addWidget(self.problem_label)
        buttons = QHBoxLayout()
        self.confirm = QPushButton(self.tr("&Confirm consent"))
        self.confirm.setFont(scaled_font(1.2, bold=True))
        self.confirm.setStyleSheet(BIG_BUTTON_STYLE)
        self.confirm.setDefault(True)
        self.confirm.clicked.connect(self.confirm_requested)
        buttons.addWidget(self.confirm)
        self.cancel = QPushButton(self.tr("Cancel correction"))
        self.cancel.setStyleSheet(BIG_BUTTON_STYLE)
        self.cancel.clicked.connect(self.cancel_requested)
        self.cancel.setVisible(corrects is not None)
        buttons.addWidget(self.cancel)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        if corrects is not None:
            self.load(corrects)

    def _show_form(self, choice: FormChoice) -> None:
        """Lay out ``choice``'s information sheet and statements (the standard or easy-read form)."""
        assert choice.form is not None
        kept = self.choices() if self.rows else {}
        while self.form_area_layout.count():
            item = self.form_area_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # gone from the screen now, not when the event loop gets to it
                widget.deleteLater()
        self.shown_choice, self.form = choice, choice.form
        area = self.form_area_layout
        area.addWidget(heading(self.tr("Information sheet"), 1.2))
        self.sheet = InformationSheet(self.form, choice.english)
        area.addWidget(self.sheet)
        area.addWidget(heading(self.tr("What the family agrees to"), 1.2))
        area.addWidget(QLabel(self.tr("Each statement is answered yes or no on its own.")))
        self.rows = []
        for number, statement in enumerate(self.form.statements, start=1):
            row = StatementRow(number, statement, self.form, choice.english_statement(statement),
                               choice.english, self._earlier_answers.get(statement.statement_id),
                               self._earlier_wave)
            row.answered.connect(self._changed)
            row.set_answer(kept.get(statement.statement_id))  # answers given stay when switching
            self.rows.append(row)
            area.addWidget(row)

    def _switch_version(self, easy_read: bool) -> None:
        target = self.choice.easy_read if easy_read else self.choice
        if target is not None and target.form is not None:
            self._show_form(target)
            self._changed()

    # -- what has been entered -----------------------------------------------------------

    def choices(self) -> dict[str, bool]:
        return {row.statement.statement_id: answer for row in self.rows
                if (answer := row.answer()) is not None}

    def how_given(self) -> HowGiven | None:
        if self.signed.isChecked():
            return HowGiven.SIGNED_ON_SCREEN
        if self.verbal.isChecked():
            return HowGiven.VERBAL
        return None

    def interpreter_confirmation(self) -> str | None:
        if self.interpreter_name is None:
            return None
        return self.interpreter_name.text().strip() or None

    def researcher_name(self) -> str:
        return self.researcher.currentText().strip() if self.researcher.currentIndex() >= 0 else ""

    def problems(self) -> list[str]:
        """What is still missing before consent can be confirmed, in plain words."""
        found = []
        missing = [str(number) for number, row in enumerate(self.rows, start=1) if row.answer() is None]
        if missing:
            found.append(self.tr("Answer every statement yes or no: not answered yet: {numbers}.")
                         .format(numbers=", ".join(missing)))
        how = self.how_given()
        if how is not None and how not in self.ways:
            found.append(self.tr("By telephone consent can only be given verbally."))
        if how is None:
            found.append(self.tr("Choose how consent was given: signed on screen or verbally."))
        elif how is HowGiven.SIGNED_ON_SCREEN and self.pad.is_empty():
            found.append(self.tr("The signature pad is empty: ask the family member to sign, "
                                 "or choose 'Given verbally'."))
        if self.interpreted is not None:
            if not self.interpreted.isChecked():
                found.append(self.tr("The interpreter must confirm that the sheet was interpreted."))
            if not self.interpreter_confirmation():
                found.append(self.tr("Give the interpreter's name."))
        if not self.researcher_name():
            found.append(self.tr("Choose the researcher confirming the consent."))
        return found

    def show_problems(self, problems: Sequence[str]) -> None:
        self.problem_label.setText("\n".join(problems))
        self.problem_label.setVisible(bool(problems))

    def load(self, record: ConsentRecord) -> None:
        """Start from an earlier record (a correction changes what was wrong in it)."""
        if (self.easy_read_switch is not None and self.choice.easy_read is not None
                and self.choice.easy_read.form is not None
                and record.form_id == self.choice.easy_read.form.form_id):
            self.easy_read_switch.setChecked(True)  # correct it on the form it was given on
        agreed = {a.statement_id: a.agreed for a in record.answers}
        for row in self.rows:
            row.set_answer(agreed.get(row.statement.statement_id))
        if record.how_given in self.ways:
            (self.signed if record.how_given is HowGiven.SIGNED_ON_SCREEN else self.verbal).setChecked(True)
            self.pad.set_strokes(record.signature)
        if self.interpreter_name is not None and record.interpreter_confirmation:
            self.interpreter_name.setText(record.interpreter_confirmation)
        index = self.researcher.findText(record.researcher_confirmation)
        if index >= 0:
            self.researcher.setCurrentIndex(index)

    def restore(self, choices: Mapping[str, bool], how: HowGiven | None,
                strokes: Sequence[Sequence[Sequence[float]]]) -> None:
        """Put back what was entered on this same form before the page was rebuilt."""
        for row in self.rows:
            row.set_answer(choices.get(row.statement.statement_id))
        if how is not None and how in self.ways:
            (self.signed if how is HowGiven.SIGNED_ON_SCREEN else self.verbal).setChecked(True)
            self.pad.set_strokes(strokes)

    def _how_toggled(self) -> None:
        self.signature_area.setVisible(self.signed.isChecked())
        self._changed()

    def _changed(self) -> None:
        if self.problem_label.isVisible():  # keep the list honest while the researcher fixes it
            self.show_problems(self.problems())
        self.changed.emit()
