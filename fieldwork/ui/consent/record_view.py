"""A confirmed consent record, shown read-only: answers, how, when and who, and its history.

Owns the display of a record that never changes. The only ways on from here are
'Record a correction…' (a new record replacing this one) and 'A copy for the family…';
both are signals, the page acts on them.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.casebook import language_label
from fieldwork.domain.consent import (
    CONSENT_COMPONENT_LABELS,
    ConsentForm,
    ConsentRecord,
    ConsentStatement,
    HowGiven,
)
from fieldwork.ui.consent.consent_entry import BIG_BUTTON_STYLE
from fieldwork.ui.consent.sheet_widgets import form_text_label
from fieldwork.ui.text_sizes import heading, scaled_font

YES_STYLE = "color: #1f6f43; font-weight: bold;"
NO_STYLE = "color: #4a5568; font-weight: bold;"
SIGNATURE_WIDTH = 520


def when_text(record: ConsentRecord) -> str:
    return record.confirmed_at.astimezone().strftime("%d %B %Y, %H:%M")


class ConsentRecordView(QWidget):
    """The record in force for an interview, read-only."""

    correction_requested = Signal()
    family_copy_requested = Signal()

    def __init__(self, record: ConsentRecord, form: ConsentForm | None, english: ConsentForm | None,
                 history: Sequence[ConsentRecord] = (), signature_png: bytes | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record = record
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(heading(self.tr("Consent confirmed"), 1.4))
        how = (self.tr("Signed on screen") if record.how_given is HowGiven.SIGNED_ON_SCREEN
               else self.tr("Given verbally (recorded by the researcher)"))
        facts = [
            (self.tr("Form"), self.tr("{form} version {version}, in {language} ({code})").format(
                form=record.form_id, version=record.version,
                language=language_label(record.language.split("-")[0]), code=record.language)),
            (self.tr("How given"), how),
            (self.tr("Confirmed"), self.tr("{when} by {researcher}").format(
                when=when_text(record), researcher=record.researcher_confirmation)),
        ]
        if record.interpreter_present:
            facts.append((self.tr("Interpreter"), self.tr(
                "{name} confirmed that the sheet was interpreted").format(
                    name=record.interpreter_confirmation)))
        if len(history) > 1:
            older = ", ".join(when_text(r) for r in history[1:])
            facts.append((self.tr("Corrections"), self.tr(
                "This record replaces the one confirmed on {older}; earlier records are kept."
            ).format(older=older)))
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        self.fact_labels: dict[str, QLabel] = {}
        for row, (name, value) in enumerate(facts):
            name_label = QLabel(name)
            name_label.setStyleSheet("color: #486581;")
            value_label = QLabel(value)
            value_label.setWordWrap(True)
            value_label.setFont(scaled_font(1.05))
            grid.addWidget(name_label, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value_label, row, 1)
            self.fact_labels[name] = value_label
        layout.addLayout(grid)

        layout.addWidget(heading(self.tr("The family's answers"), 1.2))
        answers = QGridLayout()
        answers.setHorizontalSpacing(24)
        answers.setColumnStretch(0, 1)
        if english is not None and english is not form:
            answers.setColumnStretch(1, 1)
        self.answer_labels: dict[str, QLabel] = {}
        for row, answer in enumerate(record.answers):
            column = 0
            statement = _statement(form, answer.statement_id)
            text = (form_text_label(statement.text, form, 1.05) if statement and form
                    else QLabel(self.tr(CONSENT_COMPONENT_LABELS[answer.component])))
            text.setWordWrap(True)
            answers.addWidget(text, row, column)
            column += 1
            english_statement = _statement(english, answer.statement_id)
            if english is not None and english is not form and english_statement is not None:
                answers.addWidget(form_text_label(english_statement.text, english, 1.05), row, column)
                column += 1
            verdict = QLabel(self.tr("Yes") if answer.agreed else self.tr("No"))
            verdict.setFont(scaled_font(1.2, bold=True))
            verdict.setStyleSheet(YES_STYLE if answer.agreed else NO_STYLE)
            answers.addWidget(verdict, row, column, Qt.AlignmentFlag.AlignTop)
            self.answer_labels[answer.statement_id] = verdict
        frame = QFrame()
        frame.setObjectName("answers")
        frame.setStyleSheet("QFrame#answers { border: 1px solid #d9e2ec; background: #fbfcfd; }")
        frame.setLayout(answers)
        layout.addWidget(frame)

        self.signature: QLabel | None = None
        if signature_png:
            layout.addWidget(QLabel(self.tr("Signature:")))
            picture = QPixmap()
            picture.loadFromData(signature_png, "PNG")
            if picture.width() > SIGNATURE_WIDTH:
                picture = picture.scaledToWidth(SIGNATURE_WIDTH, Qt.TransformationMode.SmoothTransformation)
            self.signature = QLabel()
            self.signature.setPixmap(picture)
            self.signature.setStyleSheet("border: 1px solid #d9e2ec;")
            self.signature.setAccessibleName(self.tr("Signature picture"))
            layout.addWidget(self.signature, 0, Qt.AlignmentFlag.AlignLeft)

        note = QLabel(self.tr("A confirmed record never changes. A mistake is mended by recording a "
                              "correction, which is kept as a new record replacing this one."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #486581;")
        layout.addWidget(note)
        buttons = QHBoxLayout()
        self.family_copy = QPushButton(self.tr("A copy for the &family…"))
        self.correction = QPushButton(self.tr("Record a c&orrection…"))
        for button, signal in ((self.family_copy, self.family_copy_requested),
                               (self.correction, self.correction_requested)):
            button.setFont(scaled_font(1.1))
            button.setStyleSheet(BIG_BUTTON_STYLE)
            button.clicked.connect(signal)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.copy_saved = QLabel()
        self.copy_saved.setWordWrap(True)
        layout.addWidget(self.copy_saved)
        layout.addStretch(1)


def _statement(form: ConsentForm | None, statement_id: str) -> ConsentStatement | None:
    if form is None:
        return None
    return next((s for s in form.statements if s.statement_id == statement_id), None)
