"""Child process for the plaintext scan: a whole demo session, driven by a timer.

Opens the app on the demo study as `main.py --demo` does, opens Family X and its first
interview, types closing notes, pauses, locks, changes the lock time setting, then quits.
Run as a script, its own folder comes first on sys.path, not the repository: the
repository root is put first, so the session runs this tree's fieldwork, never another
copy the virtual environment happens to have installed.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from fieldwork.domain.interview_steps import InterviewStep
from fieldwork.ui import application


def drive() -> None:
    window = next(w for w in QApplication.topLevelWidgets()
                  if w.objectName() == "" and hasattr(w, "workspace"))
    family = window.store.family_summaries()[0].family
    window.open_family(family.key)
    window.open_interview(window.store.interviews_of(family.key)[0].key)
    workspace = window.workspace
    workspace.navigator.setCurrentRow(workspace.steps.index(InterviewStep.CLOSING_NOTES))
    workspace.page(InterviewStep.CLOSING_NOTES).notes.appendPlainText(sys.argv[1])
    window.pause()
    window.cover.uncover()
    window.lock()
    QSettings().setValue("lock_after_minutes", 7)
    QSettings().sync()
    window.close()


application.make_application()  # the timer needs the application's event loop
QTimer.singleShot(300, drive)
sys.exit(application.run_app(demo=True))
