"""'Withdraw consent…' on the family page: erasing asks for the family code first."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.withdrawal_dialog import WithdrawalDialog
from tests.conftest import give_consent


def test_erasing_needs_the_code_then_removes_the_family(qtbot, store: StudyStore, monkeypatch) -> None:
    family = store.add_family(notes="to be erased")
    interview = store.add_interview(family.key)
    give_consent(store, interview.key)
    refusals: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: refusals.append(text))
    dialog = WithdrawalDialog(store, family.key)
    qtbot.addWidget(dialog)
    dialog.policy.setCurrentIndex(dialog.policy.findData("erase"))
    assert dialog.confirm_code.isVisibleTo(dialog)
    dialog._record()
    assert "type the family's code (F001)" in refusals[-1]
    assert store.family(family.key).notes == "to be erased"
    dialog.confirm_code.setText("f001")
    dialog._record()
    assert dialog.erased_whole_family
    assert store.family_summaries() == []
    assert store.db.execute("SELECT family_code, policy FROM withdrawals").fetchall() == [("F001", "erase")]


def test_keeping_collected_data_needs_no_code(qtbot, store: StudyStore) -> None:
    family = store.add_family()
    dialog = WithdrawalDialog(store, family.key)
    qtbot.addWidget(dialog)
    dialog.scope.setCurrentIndex(dialog.scope.findData("network_map"))
    dialog.policy.setCurrentIndex(dialog.policy.findData("keep_collected"))
    assert not dialog.confirm_code.isVisibleTo(dialog)
    dialog._record()
    assert not dialog.erased_whole_family
    assert store.db.execute("SELECT scope, policy FROM withdrawals").fetchall() == [("network_map", "keep_collected")]
