"""The fieldwork screens: what the researcher records shows on screen and lands in the study."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt

from fieldwork.storage.contact_details_store import contact_details_of
from fieldwork.storage.fieldwork_store import recruitment_of
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.fieldwork.common import choose
from fieldwork.ui.fieldwork.contact_attempts import ContactAttemptsPanel
from fieldwork.ui.fieldwork.contact_details import ContactDetailsPanel
from fieldwork.ui.fieldwork.progress_view import ClearContactsDialog, FieldworkDialog
from fieldwork.ui.fieldwork.recruitment_panel import RecruitmentPanel
from fieldwork.ui.save_status import SaveReporter


def _texts(table) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def test_recording_an_attempt_shows_in_the_list_and_lands_in_the_study(qtbot, store: StudyStore) -> None:
    family = store.add_family(site="Borough A")
    panel = ContactAttemptsPanel(store, SaveReporter(store), family.key)
    qtbot.addWidget(panel)
    panel.attempted_on.setDate(QDate(2026, 3, 4))
    choose(panel.channel, "via_social_worker")
    choose(panel.outcome, "appointment_made")
    panel.note.setText("Thursday after school")
    qtbot.mouseClick(panel.record, Qt.MouseButton.LeftButton)
    assert _texts(panel.table) == [["04 Mar 2026", "Via the social worker", "Appointment made",
                                    "Thursday after school"]]
    assert panel.summary.text() == "1 attempt(s) at wave 1"
    row = next(store.db["contact_attempts"].rows)
    assert (row["attempted_on"], row["channel"], row["outcome"], row["wave"]) == (
        "2026-03-04", "via_social_worker", "appointment_made", 1)
    panel.wave.setValue(2)
    assert panel.table.rowCount() == 0


def test_an_attempt_in_the_future_is_refused_on_screen(qtbot, store: StudyStore) -> None:
    family = store.add_family()
    panel = ContactAttemptsPanel(store, SaveReporter(store), family.key)
    qtbot.addWidget(panel)
    panel.show()
    panel.attempted_on.setDate(QDate.currentDate().addDays(3))
    qtbot.mouseClick(panel.record, Qt.MouseButton.LeftButton)
    assert panel.problem.isVisible() and "in the future" in panel.problem.text()
    assert store.db["contact_attempts"].count == 0 and panel.table.rowCount() == 0


def test_wave_outcome_with_a_reason_lands(qtbot, store: StudyStore) -> None:
    family = store.add_family()
    panel = ContactAttemptsPanel(store, SaveReporter(store), family.key, wave=2)
    qtbot.addWidget(panel)
    assert not panel.reason.isEnabled()
    choose(panel.wave_outcome, "not_interviewed")
    assert panel.reason.isEnabled()
    choose(panel.reason, "moved_away")
    panel.save_wave_outcome()
    assert store.db["fieldwork_outcomes"].get((family.key, 2))["reason"] == "moved_away"


def test_recruitment_saved_from_the_panel(qtbot, store: StudyStore) -> None:
    family = store.add_family()
    panel = RecruitmentPanel(store, SaveReporter(store), family.key)
    qtbot.addWidget(panel)
    choose(panel.route, "social_worker_nomination")
    panel.approached.setChecked(True)
    panel.approached_on.setDate(QDate(2026, 2, 1))
    choose(panel.outcome, "gatekeeper_declined")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    saved = recruitment_of(store, family.key)
    assert saved.outcome == "gatekeeper_declined" and saved.approached_on == date(2026, 2, 1)


def test_contact_details_added_shown_and_cleared_with_confirmation(qtbot, store: StudyStore) -> None:
    family = store.add_family()
    reporter = SaveReporter(store)
    panel = ContactDetailsPanel(store, reporter, family.key)
    qtbot.addWidget(panel)
    panel.value.setText("07700 900123")
    panel.whose.setText("mother")
    qtbot.mouseClick(panel.add, Qt.MouseButton.LeftButton)
    assert _texts(panel.table) == [["Phone number", "07700 900123", "mother"]]
    dialog = ClearContactsDialog(store, reporter)
    qtbot.addWidget(dialog)
    assert not dialog.ok.isEnabled()
    dialog.name.setText("Test stud")
    assert not dialog.ok.isEnabled()
    dialog.name.setText("Test study")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.cleared == 1 and contact_details_of(store, family.key) == []


def test_fieldwork_view_shows_the_progress_and_who_is_due(qtbot, demo_store: StudyStore) -> None:
    dialog = FieldworkDialog(demo_store, SaveReporter(demo_store), today=date(2016, 2, 3))
    qtbot.addWidget(dialog)
    rows = _texts(dialog.progress.table)
    assert ["1", "All sites", "23", "18", "15", "1", "0", "3", "2", "0", "65%", ""] in rows
    assert [r[0] for r in _texts(dialog.progress.due)] == ["F002"]
    assert "Overdue for wave 2 (due before this week, still open): 1" in dialog.progress.erased.text()
    follow = _texts(dialog.follow_up.table)
    assert follow[0][:5] == ["F008", "Borough C", "29 Jul 2015", "29 Jan 2016 (overdue)", "3"]
    dialog.follow_up.months.setValue(7)
    dialog.follow_up._save_months()
    assert demo_store.db["study_settings"].get("follow_up_months")["value"] == "7"
    assert _texts(dialog.follow_up.table)[0][3].startswith("29 Feb 2016")
    assert dialog.width() <= 1366 and dialog.height() <= 768


def test_reached_from_the_family_page_and_the_study_menu(qtbot, store: StudyStore, monkeypatch) -> None:
    from fieldwork.ui.family_page import FamilyPage
    from fieldwork.ui.fieldwork.family_fieldwork import FamilyFieldworkDialog
    from fieldwork.ui.main_window import MainWindow

    opened: list[str] = []
    for dialog in (FamilyFieldworkDialog, FieldworkDialog):
        monkeypatch.setattr(dialog, "exec", lambda self: opened.append(self.windowTitle()) or 0)
    family = store.add_family()
    page = FamilyPage(store, SaveReporter(store), family.key)
    qtbot.addWidget(page)
    qtbot.mouseClick(page.fieldwork, Qt.MouseButton.LeftButton)
    window = MainWindow(store)
    qtbot.addWidget(window)
    study_menu = window.menus.study  # File comes first, then Study
    assert window.menu_actions.fieldwork in study_menu.actions()
    assert window.menu_actions.clear_contacts in study_menu.actions()
    window.menu_actions.fieldwork.trigger()
    assert opened == ["Recruitment and contact — F001", "Fieldwork — Test study"]


def test_the_flow_diagram_is_saved_from_the_fieldwork_view(qtbot, demo_store: StudyStore, tmp_path,
                                                            monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "flow.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialog = FieldworkDialog(demo_store, SaveReporter(demo_store))
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.save_flow, Qt.MouseButton.LeftButton)
    assert target.read_bytes()[:4] == b"\x89PNG"
