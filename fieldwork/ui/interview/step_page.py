"""The base of every page of the interview workspace: ``StepPage``.

Apart from the registry of pages (``steps.py``), so a page imports its base without
importing every other page, and the registry imports the pages without an import circle.

What a page promises the workspace:

- ``edited``: the researcher recorded something on this page.
- ``interview_changed``: this page changed something other steps show (consent, the mode,
  the language, the visit details, the people on the map); the workspace then calls
  ``refresh()`` on every page, so no step shows a stale state.
- ``refresh()``: read again from the study everything the page shows.
- ``set_read_only(read_only)``: a completed, stopped or withdrawn interview cannot be
  changed from any page; the page still shows everything and still scrolls.
- ``work_done()``: whether the recorded work says the step is done (every SCORE-15 item
  answered or declined, ...), or ``None`` when the page cannot tell; the workspace uses it
  for the step's state unless the researcher set the state by hand.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.save_status import SaveReporter


class StepPage(QWidget):
    """A page of the workspace. Emits ``edited`` when the researcher records something."""

    edited = Signal()
    interview_changed = Signal()

    def __init__(self, store: StudyStore, reporter: SaveReporter, interview_key: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.reporter, self.interview_key = store, reporter, interview_key
        self.read_only = False

    def refresh(self) -> None:
        """Read again what the page shows. Pages that show anything from the study override it."""

    def set_read_only(self, read_only: bool) -> None:
        """Stop (or allow again) every change from this page. Pages override it to keep
        scrolling and reading possible; this default disables the whole page."""
        self.read_only = read_only
        self.setEnabled(not read_only)

    def work_done(self) -> bool | None:
        """True when the recorded work completes the step, False when it does not, None: unknown."""
        return None
