"""The consent form on screen: the information sheet in two columns, and one row per statement.

Owns how form text is laid out: the family's language beside English when they differ,
a right-to-left form laid out and aligned right to left, and each statement's yes/no
pair (large toggle buttons, nothing chosen until the family answers), with what the
family said at the earlier wave shown beside it but never filled in for them.
All wording of the form comes from the form file; only the chrome is translated here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.casebook import language_label
from fieldwork.domain.consent import ConsentForm, ConsentStatement, TextDirection
from fieldwork.ui.text_sizes import scaled_font

YES_NO_STYLE = """
QPushButton { min-height: 2.6em; min-width: 7em; padding: 4px 18px; border-radius: 6px;
              border: 2px solid #829ab1; background: #f0f4f8; color: #102a43; }
QPushButton:hover { border-color: #334e68; }
QPushButton:focus { border: 3px solid #2680c2; }
QPushButton#yes:checked { background: #1f6f43; border-color: #1f6f43; color: white; }
QPushButton#no:checked { background: #4a5568; border-color: #4a5568; color: white; }
"""


def _is_rtl(form: ConsentForm) -> bool:
    return form.direction is TextDirection.RIGHT_TO_LEFT


def form_text_label(text: str, form: ConsentForm, factor: float = 1.1, bold: bool = False) -> QLabel:
    """A label for wording from ``form``, aligned and laid out in the form's direction."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setFont(scaled_font(factor, bold))
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    if _is_rtl(form):
        label.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignTop)
    else:
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignTop)
    return label


def language_caption(form: ConsentForm) -> str:
    return f"{language_label(form.language.split('-')[0])} ({form.language}) · {form.form_id} {form.version}"


class SheetColumn(QWidget):
    """One language's information sheet: its title, note and paragraphs."""

    def __init__(self, form: ConsentForm, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = form
        if _is_rtl(form):
            self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(language_caption(form))
        caption.setObjectName("languageCaption")
        caption.setStyleSheet("color: #486581;")
        layout.addWidget(caption)
        layout.addWidget(form_text_label(form.title, form, 1.3, bold=True))
        if form.note:
            note = form_text_label(form.note, form, 0.9)
            note.setStyleSheet("color: #7b341e; font-style: italic;")
            layout.addWidget(note)
        self.paragraphs = [form_text_label(p, form) for p in form.information_sheet]
        for paragraph in self.paragraphs:
            layout.addWidget(paragraph)
        layout.addStretch(1)

    def text(self) -> str:
        return "\n".join(p.text() for p in self.paragraphs)


class InformationSheet(QFrame):
    """The sheet in the family's language, and English beside it when that differs."""

    def __init__(self, form: ConsentForm, english: ConsentForm | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("informationSheet")
        self.setStyleSheet("QFrame#informationSheet { background: #fbfcfd; border: 1px solid #d9e2ec; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(28)
        self.columns = [SheetColumn(form)]
        if english is not None and english is not form:
            self.columns.append(SheetColumn(english))
        for index, column in enumerate(self.columns):
            if index:
                rule = QFrame()
                rule.setFrameShape(QFrame.Shape.VLine)
                rule.setStyleSheet("color: #d9e2ec;")
                layout.addWidget(rule)
            layout.addWidget(column, 1)


class StatementRow(QFrame):
    """One statement, in both languages, with its own yes/no answer."""

    answered = Signal()

    def __init__(self, number: int, statement: ConsentStatement, form: ConsentForm,
                 english: ConsentStatement | None, english_form: ConsentForm | None,
                 earlier: bool | None = None, earlier_wave: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.statement = statement
        self.setObjectName("statementRow")
        self.setStyleSheet("QFrame#statementRow { border-top: 1px solid #d9e2ec; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 10, 4, 10)
        texts = QHBoxLayout()
        texts.setSpacing(28)
        number_label = QLabel(f"{number}.")
        number_label.setFont(scaled_font(1.15, bold=True))
        number_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        texts.addWidget(number_label)
        self.text_label = form_text_label(statement.text, form, 1.15)
        texts.addWidget(self.text_label, 1)
        self.english_label: QLabel | None = None
        if english is not None and english_form is not None:
            self.english_label = form_text_label(english.text, english_form, 1.15)
            texts.addWidget(self.english_label, 1)
        layout.addLayout(texts)

        buttons = QHBoxLayout()
        buttons.setSpacing(12)
        # Line the buttons up under the statement's text.
        buttons.addSpacing(number_label.sizeHint().width() + texts.spacing() - buttons.spacing())
        self.yes = QPushButton(self.tr("Yes"))
        self.no = QPushButton(self.tr("No"))
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)  # none is checked until the family answers
        for button, name in ((self.yes, "yes"), (self.no, "no")):
            button.setObjectName(name)
            button.setCheckable(True)
            button.setFont(scaled_font(1.2, bold=True))
            button.setStyleSheet(YES_NO_STYLE)
            button.setAccessibleName(f"{button.text()}: {statement.text}")
            self.group.addButton(button)
            buttons.addWidget(button)
        self.group.buttonToggled.connect(self._toggled)
        self.earlier_label = QLabel()
        self.earlier_label.setObjectName("earlierAnswer")
        self.earlier_label.setStyleSheet("color: #486581; padding-left: 16px;")
        self.earlier_label.setFont(scaled_font(1.05))
        if earlier is not None and earlier_wave is not None:
            self.earlier_label.setText(self.tr("Wave {wave}: {answer}").format(
                wave=earlier_wave, answer=self.tr("yes") if earlier else self.tr("no")))
        self.earlier_label.setVisible(bool(self.earlier_label.text()))
        buttons.addWidget(self.earlier_label)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def answer(self) -> bool | None:
        if self.yes.isChecked():
            return True
        if self.no.isChecked():
            return False
        return None

    def set_answer(self, answer: bool | None) -> None:
        self.group.setExclusive(False)  # an exclusive group cannot go back to nothing chosen
        self.yes.setChecked(answer is True)
        self.no.setChecked(answer is False)
        self.group.setExclusive(True)

    def _toggled(self, _button: QPushButton, checked: bool) -> None:
        if checked:
            self.answered.emit()

