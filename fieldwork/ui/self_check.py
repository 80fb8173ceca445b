"""`fieldwork self-check`: proof that this installation works, on this machine.

Writes the fictional demo study to a throwaway folder, opens it in the app's main window,
goes through every step of an interview (consent, the map, the questionnaires), writes
the analysts' bundle with its map pictures, closes the window and says what it saw. Run
after installing or building the app (CI runs it on the PyInstaller build, offscreen);
nothing of the researcher's is read or written.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from fieldwork.demo import DEMO_PASSPHRASE, write_demo_study
from fieldwork.domain.errors import FieldworkError
from fieldwork.export.bundle import ExportOptions, write_bundle
from fieldwork.ui.application import make_application
from fieldwork.ui.main_window import MainWindow


def run_self_check() -> int:
    """Open the demo, visit each step, export; print what was seen. 0 when all worked."""
    app = make_application()
    with tempfile.TemporaryDirectory(prefix="fieldwork-self-check-") as folder:
        store = write_demo_study(Path(folder) / "demo.db", DEMO_PASSPHRASE)
        window = MainWindow(store, demo=True, owns_store=True)
        try:
            window.show()
            families = store.family_summaries()
            family = families[0].family
            window.open_family(family.key)
            window.open_interview(store.interviews_of(family.key)[0].key)
            workspace = window.workspace
            if workspace is None:
                raise FieldworkError("self-check: the interview did not open.")
            for row in range(len(workspace.steps)):
                workspace.navigator.setCurrentRow(row)
                QApplication.processEvents()
            opened = [step for step in workspace.steps if workspace.is_open(step)]
            result = write_bundle(store.db, Path(folder) / "bundle", ExportOptions(maps=True))
            pictures = sorted((result.folder / "maps").glob("*"))
            if not pictures:
                raise FieldworkError("self-check: the export drew no map pictures.")
        finally:
            window.close()
            QApplication.processEvents()
    print(f"Opened the demo study ({len(families)} families) in the app window.")
    print(f"Opened {family.code}'s interview: {len(opened)} of {len(workspace.steps)} steps open "
          f"({', '.join(step.value for step in opened)}).")
    print(f"Exported {len(result.files)} files and {len(pictures)} map pictures.")
    print(f"fieldwork works here (Qt platform: {app.platformName()}).")
    return 0
