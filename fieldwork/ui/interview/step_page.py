"""The base of every page of the interview workspace: ``StepPage``.

Apart from the registry of pages (``steps.py``), so a page imports its base without
importing every other page, and the registry imports the pages without an import circle.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.save_status import SaveReporter


class StepPage(QWidget):
    """A page of the workspace. Emits ``edited`` when the researcher records something."""

    edited = Signal()

    def __init__(self, store: StudyStore, reporter: SaveReporter, interview_key: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.reporter, self.interview_key = store, reporter, interview_key
