"""The case status and social workers tabs of a family's fieldwork window."""

from __future__ import annotations

from PySide6.QtCore import Qt

from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.fieldwork.case_status_panel import CaseStatusPanel, SocialWorkersPanel
from fieldwork.ui.fieldwork.common import choose
from fieldwork.ui.fieldwork.family_fieldwork import FamilyFieldworkDialog
from fieldwork.ui.save_status import SaveReporter
from tests.conftest import give_consent

LEFT = Qt.MouseButton.LeftButton


def _family(store: StudyStore, consent: bool = True, refuse: tuple[str, ...] = ()) -> str:
    family = store.add_family(site="Borough A")
    interview = store.add_interview(family.key)
    if consent:
        give_consent(store, interview.key, refuse=refuse)
    return family.key


def test_a_status_recorded_on_the_panel_lands_in_the_database(qtbot, store: StudyStore) -> None:
    family = _family(store)
    panel = CaseStatusPanel(store, SaveReporter(store), family)
    qtbot.addWidget(panel)
    panel.show()
    assert not panel.consent_note.isVisible() and panel.record.isEnabled()
    panel.wave.setValue(2)
    choose(panel.status, "closed")
    choose(panel.source, "family")
    panel.note.setText("Case closed in December.")
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(panel.record, LEFT)
    assert store.db.execute("SELECT wave, status, source, note FROM case_status").fetchall() == [
        (2, "closed", "family", "Case closed in December.")]
    assert panel.table.rowCount() == 1 and panel.table.item(0, 1).text() == "Closed"


def test_without_consent_to_records_the_panel_says_why_and_records_nothing(qtbot, store: StudyStore) -> None:
    for family, reason in ((_family(store, consent=False), "has not given consent at any interview yet"),
                           (_family(store, refuse=("case_records",)),
                            "the family did not agree to this part (the family's consent at wave 1)")):
        panel = CaseStatusPanel(store, SaveReporter(store), family)
        qtbot.addWidget(panel)
        panel.show()
        assert panel.consent_note.isVisible()
        assert panel.consent_note.text().startswith("Case status cannot be recorded:")
        assert reason in panel.consent_note.text()
        assert not panel.record.isEnabled() and not panel.form_area.isEnabled()
        panel.record_status()  # even if reached another way, the storage refuses
        assert panel.problem.isVisible() and "Not recorded" in panel.problem.text()
    assert store.db["case_status"].count == 0


def test_two_social_workers_by_code_and_a_name_is_refused(qtbot, store: StudyStore) -> None:
    family = _family(store)
    panel = SocialWorkersPanel(store, SaveReporter(store), family)
    qtbot.addWidget(panel)
    panel.show()
    panel.code.setText("Jane Smith")
    qtbot.mouseClick(panel.add, LEFT)
    assert panel.problem.isVisible() and "never a name" in panel.problem.text()
    for code in ("SW01", "sw02"):
        panel.code.setText(code)
        panel.interviewed.setChecked(code == "SW01")
        qtbot.mouseClick(panel.add, LEFT)
    assert [panel.table.item(r, 0).text() for r in range(panel.table.rowCount())] == ["SW01", "SW02"]
    assert [panel.table.item(r, 2).text() for r in range(2)] == ["Yes", "No"]
    assert store.db["family_social_workers"].count == 2


def test_the_family_window_has_the_two_tabs(qtbot, store: StudyStore) -> None:
    family = _family(store, refuse=("social_worker_interview",))
    dialog = FamilyFieldworkDialog(store, SaveReporter(store), family)
    qtbot.addWidget(dialog)
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert titles[-2:] == ["Case status", "Social workers"]
    assert dialog.social_workers.consent_note.text().startswith("Social workers cannot be recorded:")
