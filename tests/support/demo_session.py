"""Child process for the plaintext scan: a whole demo session, driven by a timer.

Opens the app on the demo study as `main.py --demo` does, opens the first interview
still open, types closing notes, pauses, locks, changes the lock time setting, then quits.
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
    store = window.store
    # An interview still open: a finished one is read-only and would save nothing typed.
    interview = next(i for summary in store.family_summaries()
                     for i in store.interviews_of(summary.family.key) if i.can_be_changed)
    window.open_family(interview.family_key)
    window.open_interview(interview.key)
    workspace = window.workspace
    workspace.navigator.setCurrentRow(workspace.steps.index(InterviewStep.CLOSING_NOTES))
    workspace.page(InterviewStep.CLOSING_NOTES).notes.appendPlainText(sys.argv[1])
    if sys.argv[1] not in store.interview(interview.key).closing_notes:
        print("the typed notes were not saved: the scan would prove nothing", file=sys.stderr)
        QApplication.instance().exit(3)
        return
    window.pause()
    window.cover.uncover()
    window.lock()
    QSettings().setValue("lock_after_minutes", 7)
    QSettings().sync()
    window.close()


application.make_application()  # the timer needs the application's event loop
QTimer.singleShot(300, drive)
sys.exit(application.run_app(demo=True))
