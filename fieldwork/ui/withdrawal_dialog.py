"""'Withdraw consent…': record a family's withdrawal and carry out the study's policy.

Erasing cannot be undone, so it asks the researcher to type the family's code first.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from fieldwork.domain.consent import ConsentComponent
from fieldwork.domain.consent_gating import (
    WHOLE_STUDY,
    WITHDRAWAL_CHANNEL_LABELS,
    WITHDRAWAL_POLICY_LABELS,
    WithdrawalPolicy,
)
from fieldwork.domain.errors import FieldworkError
from fieldwork.storage.consent_store import components_asked
from fieldwork.storage.study_store import StudyStore
from fieldwork.storage.withdrawal_store import erasure_pending, record_withdrawal
from fieldwork.ui.save_status import show_refusal


class WithdrawalDialog(QDialog):
    """On acceptance the withdrawal is recorded; ``erased_whole_family`` says if the family is gone."""

    def __init__(self, store: StudyStore, family_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.family_key = store, family_key
        self.code = store.family(family_key).code
        self.erased_whole_family = False
        self.setWindowTitle(self.tr("Withdraw consent — {code}").format(code=self.code))
        form = QFormLayout(self)
        intro = QLabel(self.tr(
            "A family can withdraw at any time, from the whole study or from one part. "
            "The study's policy decides what happens to what was already collected."
        ))
        intro.setWordWrap(True)
        form.addRow(intro)
        self.scope = QComboBox()
        self.scope.addItem(self.tr("The whole study"), WHOLE_STUDY)
        # The parts this family's consent forms asked about (a study's own components included).
        for component, label in components_asked(store, family_key):
            if component != ConsentComponent.INTERVIEW:
                self.scope.addItem(self.tr(label), component)
        self.withdrawn_on = QDateEdit(QDate.currentDate())
        self.withdrawn_on.setCalendarPopup(True)
        self.withdrawn_on.setDisplayFormat("d MMMM yyyy")
        self.communicated = QComboBox()
        for channel, label in WITHDRAWAL_CHANNEL_LABELS.items():
            self.communicated.addItem(self.tr(label), channel.value)
        self.policy = QComboBox()
        for policy, label in WITHDRAWAL_POLICY_LABELS.items():
            self.policy.addItem(self.tr(label), policy.value)
        self.confirm_code = QLineEdit()
        self.confirm_code.setPlaceholderText(self.tr("type {code} to confirm erasing").format(code=self.code))
        self.warning = QLabel(self.tr(
            "Erasing removes the data for good, from this laptop's study file. It cannot be undone. "
            "A record of the withdrawal is kept, with no personal details."
        ))
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #8a1c00;")
        form.addRow(self.tr("Withdraw &from"), self.scope)
        form.addRow(self.tr("&Date"), self.withdrawn_on)
        form.addRow(self.tr("&How they told us"), self.communicated)
        form.addRow(self.tr("What the &policy says"), self.policy)
        form.addRow(self.warning)
        form.addRow(self.tr("&Confirm"), self.confirm_code)
        self.policy.currentIndexChanged.connect(self._sync)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Record withdrawal"))
        buttons.accepted.connect(self._record)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 40)
        self._sync()

    def _erasing(self) -> bool:
        return self.policy.currentData() == WithdrawalPolicy.ERASE.value

    def _sync(self) -> None:
        self.warning.setVisible(self._erasing())
        self.confirm_code.setVisible(self._erasing())
        self.adjustSize()

    def _record(self) -> None:
        if self._erasing() and self.confirm_code.text().strip().upper() != self.code:
            show_refusal(self, FieldworkError(
                self.tr("To erase, type the family's code ({code}) in the Confirm box.").format(code=self.code)
            ))
            return
        chosen = self.withdrawn_on.date()
        try:
            record_withdrawal(
                self.store, self.family_key, date(chosen.year(), chosen.month(), chosen.day()),
                self.scope.currentData(), self.communicated.currentData(), self.policy.currentData(),
            )
        except FieldworkError as error:
            show_refusal(self, error)
            return
        self.erased_whole_family = self._erasing() and self.scope.currentData() == WHOLE_STUDY
        if self._erasing() and erasure_pending(self.store):
            QMessageBox.information(self, self.tr("Erasure not finished yet"), self.tr(
                "The family's data are deleted from the study, but another program (an export "
                "or a backup) is still reading the study file, so the old pages cannot be "
                "overwritten yet. The erasure is recorded as pending and is finished when the "
                "study is next closed or opened. Close that program, then close and reopen "
                "the study."))
        self.accept()
