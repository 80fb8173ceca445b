"""The family page: case notes hidden until asked for, and starting an interview dated today,
planned or straight away, with what lands in the database."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QPlainTextEdit

from fieldwork.domain.casebook import InterviewStatus
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui import interview_start
from fieldwork.ui.family_page import FamilyPage, NewInterviewDialog
from fieldwork.ui.interview_start import VisitDate, visit_date_question
from fieldwork.ui.save_status import SaveReporter
from tests.ui.test_family_facing import every_text


def _page(qtbot, store: StudyStore, family_code: str) -> FamilyPage:
    family = next(s.family for s in store.family_summaries() if s.family.code == family_code)
    page = FamilyPage(store, SaveReporter(store), family.key)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    return page


def _shown_texts(page: FamilyPage) -> list[str]:
    """The text of every label and text box on screen now."""
    texts = [w.text() for w in page.findChildren(QLabel) if w.isVisibleTo(page)]
    return texts + [w.toPlainText() for w in page.findChildren(QPlainTextEdit) if w.isVisibleTo(page)]


def test_case_notes_are_hidden_until_asked_for_and_not_large(qtbot, demo_store) -> None:
    page = _page(qtbot, demo_store, "F001")
    assert not any("aggressive on the ward" in text for text in _shown_texts(page))
    assert page.show_notes.text().replace("&", "") == "Show case notes"
    page.show_notes.click()
    assert page.notes.isVisible()
    assert "aggressive on the ward" in page.notes.toPlainText()
    assert page.show_notes.text().replace("&", "") == "Hide case notes"
    assert page.notes.font().pointSizeF() <= QApplication.font().pointSizeF()
    page.show_notes.click()
    assert not page.notes.isVisible()
    assert "aggressive on the ward" in " ".join(every_text(page))  # kept, only hidden


def test_the_question_names_both_dates() -> None:
    assert visit_date_question(date(2015, 8, 18), date(2026, 12, 1)) == (
        "Planned for 18 Aug 2015 — record today, 1 Dec 2026, as the visit date?")


def _start_planned(qtbot, demo_store, monkeypatch, answer):
    asked: list[tuple[date, date]] = []
    monkeypatch.setattr(interview_start, "ask_visit_date",
                        lambda parent, planned, today: asked.append((planned, today)) or answer)
    page = _page(qtbot, demo_store, "F005")
    [planned] = demo_store.interviews_of(page.family_key)
    assert planned.status is InterviewStatus.PLANNED and planned.interview_date == date(2015, 8, 18)
    opened: list[str] = []
    page.interview_opened.connect(opened.append)
    page.open_interview.click()
    return demo_store.interview(planned.key), asked, opened


def test_starting_a_planned_interview_records_today(qtbot, demo_store, monkeypatch) -> None:
    started, asked, opened = _start_planned(qtbot, demo_store, monkeypatch, VisitDate.TODAY)
    assert asked == [(date(2015, 8, 18), date.today())]
    assert (started.status, started.interview_date) == (InterviewStatus.IN_PROGRESS, date.today())
    assert opened == [started.key]


def test_starting_can_keep_the_planned_date(qtbot, demo_store, monkeypatch) -> None:
    started, _asked, opened = _start_planned(qtbot, demo_store, monkeypatch, VisitDate.AS_PLANNED)
    assert (started.status, started.interview_date) == (InterviewStatus.IN_PROGRESS, date(2015, 8, 18))
    assert opened == [started.key]


def test_cancelling_the_question_starts_nothing(qtbot, demo_store, monkeypatch) -> None:
    started, _asked, opened = _start_planned(qtbot, demo_store, monkeypatch, None)
    assert (started.status, started.interview_date) == (InterviewStatus.PLANNED, date(2015, 8, 18))
    assert opened == []


def _in_the_dialog(act) -> None:
    def run() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, NewInterviewDialog), dialog
        act(dialog)

    QTimer.singleShot(0, run)


def test_a_new_interview_starts_in_one_step_dated_today(qtbot, store, monkeypatch) -> None:
    monkeypatch.setattr(interview_start, "ask_visit_date", lambda *args: None)  # not asked
    family = store.add_family(site="Borough A")
    page = FamilyPage(store, SaveReporter(store), family.key)
    qtbot.addWidget(page)
    page.show()
    opened: list[str] = []
    page.interview_opened.connect(opened.append)
    _in_the_dialog(lambda dialog: dialog.start.click())
    page.new_interview.click()
    [interview] = store.interviews_of(family.key)
    assert (interview.status, interview.interview_date) == (InterviewStatus.IN_PROGRESS, date.today())
    assert opened == [interview.key]


def test_a_new_interview_dated_another_day_asks_when_started_now(qtbot, store, monkeypatch) -> None:
    asked: list[tuple[date, date]] = []
    monkeypatch.setattr(interview_start, "ask_visit_date",
                        lambda parent, planned, today: asked.append((planned, today)) or VisitDate.TODAY)
    family = store.add_family(site="Borough A")
    page = FamilyPage(store, SaveReporter(store), family.key)
    qtbot.addWidget(page)
    page.show()

    def start(dialog: NewInterviewDialog) -> None:
        dialog.form.interview_date.setDate(QDate(2026, 11, 20))
        dialog.start.click()

    _in_the_dialog(start)
    page.new_interview.click()
    [interview] = store.interviews_of(family.key)
    assert asked == [(date(2026, 11, 20), date.today())]
    assert (interview.status, interview.interview_date) == (InterviewStatus.IN_PROGRESS, date.today())


def test_planning_for_later_keeps_it_planned(qtbot, store) -> None:
    family = store.add_family(site="Borough A")
    page = FamilyPage(store, SaveReporter(store), family.key)
    qtbot.addWidget(page)
    page.show()
    _in_the_dialog(lambda dialog: dialog.plan.click())
    page.new_interview.click()
    [interview] = store.interviews_of(family.key)
    assert interview.status is InterviewStatus.PLANNED


def test_enter_in_the_new_interview_form_starts_the_visit(qtbot, store, monkeypatch) -> None:
    """Walking a visit under Xvfb, Enter after typing who else was present did nothing:
    'Start now' was made the default before the dialog knew the button."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    monkeypatch.setattr(interview_start, "ask_visit_date", lambda *args: None)
    family = store.add_family(site="Borough A")
    page = FamilyPage(store, SaveReporter(store), family.key)
    qtbot.addWidget(page)
    page.show()

    def type_and_press_enter(dialog: NewInterviewDialog) -> None:
        dialog.form.others_present.setFocus()
        QTest.keyClicks(dialog.form.others_present, "a child asleep")
        QTest.keyClick(dialog.form.others_present, Qt.Key.Key_Return)

    _in_the_dialog(type_and_press_enter)
    page.new_interview.click()
    [interview] = store.interviews_of(family.key)
    assert (interview.status, interview.others_present) == (InterviewStatus.IN_PROGRESS, "a child asleep")
