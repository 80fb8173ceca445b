"""Study → SCORE-15 reliable change…: the threshold, the clinical cut-off and their source.

The defaults are the only published SCORE-15 values found (Nebeker Adams 2018: 17.51
points, cut-off 51.92); a study may set its own, but never without saying where they come
from, because the source is shown wherever the flag is (results screen, export, codebook).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from fieldwork.domain.errors import FieldworkError
from fieldwork.domain.score15 import DEFAULT_RELIABLE_CHANGE, ReliableChangeSettings
from fieldwork.storage.study_settings import (
    reliable_change_settings,
    save_reliable_change_settings,
)
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.save_status import show_refusal


class ReliableChangeDialog(QDialog):
    def __init__(self, store: StudyStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("SCORE-15 reliable change for the study"))
        current = reliable_change_settings(store)
        form = QFormLayout(self)
        hint = QLabel(self.tr("A change in SCORE-15 total at least this large is flagged as "
                              "reliable; totals above the cut-off are in the clinical range."))
        hint.setWordWrap(True)
        form.addRow(hint)
        self.threshold = QDoubleSpinBox()
        self.threshold.setRange(1, 60)
        self.threshold.setDecimals(2)
        self.threshold.setValue(current.threshold)
        self.cutoff = QDoubleSpinBox()
        self.cutoff.setRange(15, 75)
        self.cutoff.setDecimals(2)
        self.cutoff.setValue(current.clinical_cutoff)
        self.source = QPlainTextEdit(current.source)
        self.source.setTabChangesFocus(True)
        form.addRow(self.tr("Reliable change &threshold (points)"), self.threshold)
        form.addRow(self.tr("Clinical &cut-off (total)"), self.cutoff)
        form.addRow(self.tr("&Source of these numbers"), self.source)
        default = QPushButton(self.tr("Use the published values (Nebeker Adams 2018)"))
        default.clicked.connect(self.use_published_values)
        form.addRow(default)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def use_published_values(self) -> None:
        self.threshold.setValue(DEFAULT_RELIABLE_CHANGE.threshold)
        self.cutoff.setValue(DEFAULT_RELIABLE_CHANGE.clinical_cutoff)
        self.source.setPlainText(DEFAULT_RELIABLE_CHANGE.source)

    def save(self) -> bool:
        try:
            settings = ReliableChangeSettings(self.threshold.value(), self.cutoff.value(),
                                              self.source.toPlainText().strip())
            save_reliable_change_settings(self.store, settings)
        except FieldworkError as error:
            show_refusal(self, error)
            return False
        self.accept()
        return True
