"""Starting an interview: the visit is today, so its date becomes today (asking first when it
was planned for another day), then it moves to 'in progress'.

Shared by the family page's 'Start interview' (a planned interview) and the new-interview
dialog's 'Start now' (planning and starting in one step). Without this a visit started
today kept its planned date while its consent was stamped today.
"""

from __future__ import annotations

from datetime import date
from enum import Enum

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from fieldwork.domain.casebook import InterviewStatus
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.save_status import SaveReporter


class VisitDate(Enum):
    TODAY = "today"
    AS_PLANNED = "as_planned"


def short_date(day: date) -> str:
    """'18 Aug 2015', '1 Dec 2026'."""
    return f"{day.day} {day.strftime('%b %Y')}"


def visit_date_question(planned: date, today: date) -> str:
    return QCoreApplication.translate(
        "interview_start", "Planned for {planned} — record today, {today}, as the visit date?"
    ).format(planned=short_date(planned), today=short_date(today))


def ask_visit_date(parent: QWidget | None, planned: date, today: date) -> VisitDate | None:
    """Ask which date the visit gets; None when the researcher cancels starting."""
    tr = QCoreApplication.translate
    box = QMessageBox(QMessageBox.Icon.Question, tr("interview_start", "Start interview"),
                      visit_date_question(planned, today), parent=parent)
    record_today = box.addButton(tr("interview_start", "Record {today}").format(
        today=short_date(today)), QMessageBox.ButtonRole.YesRole)
    keep = box.addButton(tr("interview_start", "Keep {planned}").format(
        planned=short_date(planned)), QMessageBox.ButtonRole.NoRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(record_today)
    box.exec()
    clicked = box.clickedButton()
    if clicked is record_today:
        return VisitDate.TODAY
    if clicked is keep:
        return VisitDate.AS_PLANNED
    return None


def start_interview(store: StudyStore, reporter: SaveReporter, interview_key: str,
                    parent: QWidget | None = None, today: date | None = None) -> bool:
    """Date the visit and start it; False when the researcher cancelled or it was not saved."""
    today = today or date.today()
    interview = store.interview(interview_key)
    if interview.status is not InterviewStatus.PLANNED:
        return True  # already started (or closed): opening it changes nothing
    planned = interview.interview_date
    if planned != today:
        choice = VisitDate.TODAY if planned is None else ask_visit_date(parent, planned, today)
        if choice is None:
            return False
        if choice is VisitDate.TODAY and reporter.attempt(
                store.update_interview, interview_key, interview_date=today) is None:
            return False
    return reporter.attempt(store.change_status, interview_key, InterviewStatus.IN_PROGRESS) is not None
