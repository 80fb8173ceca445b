"""The services checklist of the Conversation step, and the earlier wave shown beside a later one.

``ServicesChecklist``: one row per service (nursery or school, GP, ... other): used / wanted
but not got / not relevant, and how often a used service is seen; each choice is saved at
once as codes. ``EarlierWavePanel``: the earlier wave's services and notes, read-only, so the
researcher can ask what changed. The code lists live in ``fieldwork.domain.conversation``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.conversation import (
    SERVICE_FREQUENCY,
    SERVICE_USE,
    SERVICES,
    THEME_STATES,
    USED,
    ServiceAnswer,
)
from fieldwork.storage.conversation_store import EarlierWave
from fieldwork.ui.text_sizes import heading

NOT_ASKED = ""


class ServicesChecklist(QWidget):
    """Each service: how the family used it, and how often. Emits ``changed(service, use, frequency)``."""

    changed = Signal(str, object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Services used and needed"), 1.15))
        hint = QLabel(self.tr("For each service the family mentions: used, wanted but not got, or not "
                              "relevant; and how often a used one is seen. Saved as you choose."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        grid = QGridLayout()
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 2)
        for column, title in enumerate((self.tr("Service"), self.tr("Used?"), self.tr("How often"))):
            label = QLabel(f"<b>{title}</b>")
            grid.addWidget(label, 0, column)
        self.use: dict[str, QComboBox] = {}
        self.frequency: dict[str, QComboBox] = {}
        for row, (code, label) in enumerate(SERVICES.items(), start=1):
            name = QLabel(self.tr(label))
            use = _combo({NOT_ASKED: self.tr("— not asked"),
                          **{k: self.tr(v) for k, v in SERVICE_USE.items()}})
            use.setAccessibleName(self.tr("{service}: used?").format(service=self.tr(label)))
            often = _combo({NOT_ASKED: self.tr("— not recorded"),
                            **{k: self.tr(v) for k, v in SERVICE_FREQUENCY.items()}})
            often.setAccessibleName(self.tr("{service}: how often").format(service=self.tr(label)))
            name.setBuddy(use)
            use.activated.connect(lambda _i, service=code: self._chosen(service))
            often.activated.connect(lambda _i, service=code: self._chosen(service))
            grid.addWidget(name, row, 0)
            grid.addWidget(use, row, 1)
            grid.addWidget(often, row, 2)
            self.use[code], self.frequency[code] = use, often
        layout.addLayout(grid)
        layout.addStretch(1)

    def show_answers(self, answers: dict[str, ServiceAnswer]) -> None:
        for code in SERVICES:
            answer = answers.get(code)
            _select(self.use[code], answer.use if answer else NOT_ASKED)
            _select(self.frequency[code], (answer.frequency or NOT_ASKED) if answer else NOT_ASKED)
            self.frequency[code].setEnabled(self.isEnabled() and answer is not None and answer.use == USED)

    def _chosen(self, service: str) -> None:
        use = self.use[service].currentData() or None
        frequency = (self.frequency[service].currentData() or None) if use == USED else None
        self.frequency[service].setEnabled(use == USED)
        if use != USED:
            _select(self.frequency[service], NOT_ASKED)
        self.changed.emit(service, use, frequency)


def _combo(choices: dict[str, str]) -> QComboBox:
    combo = QComboBox()
    for code, label in choices.items():
        combo.addItem(label, code)
    return combo


def _select(combo: QComboBox, code: str) -> None:
    combo.setCurrentIndex(max(0, combo.findData(code)))


def earlier_wave_text(earlier: EarlierWave, tr: Callable[[str], str]) -> str:
    """The earlier wave's services and notes as plain text, in the guide's order."""
    lines = [tr("Services at wave {wave}:").format(wave=earlier.interview.wave)]
    for code, answer in earlier.services.items():
        often = f", {tr(SERVICE_FREQUENCY[answer.frequency]).lower()}" if answer.frequency else ""
        lines.append(f"  • {tr(SERVICES[code])}: {tr(SERVICE_USE[answer.use]).lower()}{often}")
    if not earlier.services:
        lines.append("  " + tr("none recorded"))
    lines += ["", tr("Notes at wave {wave}:").format(wave=earlier.interview.wave)]
    titles = {t.theme_id: t.title for t in earlier.guide.themes} if earlier.guide else {}
    for theme_id, record in earlier.themes.items():
        state = f" ({tr(THEME_STATES[record.state]).lower()})" if record.state else ""
        lines.append(f"{titles.get(theme_id, theme_id)}{state}")
        if record.notes:
            lines.append(f"  {record.notes}")
    return "\n".join(lines)


class EarlierWavePanel(QWidget):
    """The earlier wave's services and notes, read-only, beside the later wave's guide."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.title = heading("", 1.1)
        layout.addWidget(self.title)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)  # what the family said then is never edited from here
        self.text.setObjectName("earlierWave")
        self.text.setAccessibleName(self.tr("The earlier wave's services and notes (read-only)"))
        self.text.setStyleSheet("QPlainTextEdit { background: #f3f3ef; }")
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        layout.addWidget(self.text, 1)

    def show_wave(self, earlier: EarlierWave | None) -> None:
        self.setVisible(earlier is not None)
        if earlier is None:
            return
        self.title.setText(self.tr("Wave {wave} (read-only)").format(wave=earlier.interview.wave))
        self.text.setPlainText(earlier_wave_text(earlier, self.tr))
