"""Starting the app: the Qt application, the unlock window, then the main window."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog

from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.app_settings import name_application


def make_application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    name_application(app)
    return app


def say_unexpected_errors() -> None:
    """An error no screen caught still reaches the researcher: 'Not saved: …' on the status
    line of every open study window (and, as before, the traceback on stderr for the log).

    Without this, an edit that failed in a way nobody foresaw would leave the last 'Saved'
    showing while the change was lost.
    """
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, trace: object) -> None:
        previous(kind, error, trace)  # type: ignore[arg-type]
        from fieldwork.ui.save_status import SaveReporter

        for widget in QApplication.topLevelWidgets():
            reporter = getattr(widget, "reporter", None)
            if isinstance(reporter, SaveReporter) and widget.isVisible():
                reporter.report_failure(error)

    sys.excepthook = hook


def unlock(path: Path) -> StudyStore | None:
    """Show the unlock (or create-study) window; None if the researcher cancels."""
    from fieldwork.ui.unlock_dialog import UnlockDialog

    dialog = UnlockDialog(path)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.store


def run_app(database_path: Path | None = None, demo: bool = False) -> int:
    """Run the app until its window closes; returns the exit code."""
    app = make_application()
    say_unexpected_errors()
    demo_folder: Path | None = None
    if demo:
        from fieldwork.demo import DEMO_PASSPHRASE, write_demo_study

        demo_folder = Path(tempfile.mkdtemp(prefix="fieldwork-demo-"))
        store: StudyStore | None = write_demo_study(demo_folder / "demo.db", DEMO_PASSPHRASE)
    else:
        if database_path is None:
            from fieldwork.storage.database import default_database_path

            database_path = default_database_path()
            database_path.parent.mkdir(parents=True, exist_ok=True)
        store = unlock(database_path)
    if store is None:
        return 0
    from fieldwork.ui.main_window import MainWindow

    window = MainWindow(store, demo=demo, owns_store=True)
    window.show()
    try:
        return app.exec()
    finally:
        if demo_folder is not None:
            shutil.rmtree(demo_folder, ignore_errors=True)
