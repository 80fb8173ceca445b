"""Draw the README's and the user guide's screenshots from the demo study.

`python docs/make_screenshots.py [FOLDER]` runs on whatever Qt platform is set (a real X
display under Xvfb at 1366x768, or offscreen, where it asks for a 1366x768 screen) and saves
one PNG per screen into FOLDER (default: docs/screenshots). Drawn into the default folder,
it then ships the user guide: docs/user-guide.md and the screenshots it shows are copied to
resources/help/, which installs as fieldwork.resources (Help → User guide reads it there).
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if os.environ.get("QT_QPA_PLATFORM", "") == "offscreen":
    # The offscreen platform's own screen is 800x800; the pictures show a 1366x768 laptop.
    _screen = Path(tempfile.mkdtemp()) / "screen.json"
    _screen.write_text('{"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768,'
                       ' "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}', encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_screen}"

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402 (after the screen is chosen)

from fieldwork.demo import DEMO_PASSPHRASE, write_demo_study  # noqa: E402
from fieldwork.domain.interview_steps import InterviewStep  # noqa: E402
from fieldwork.storage.study_store import StudyStore  # noqa: E402
from fieldwork.ui.application import make_application  # noqa: E402
from fieldwork.ui.help_dialogs import ShortcutsDialog, UserGuideDialog  # noqa: E402
from fieldwork.ui.main_window import MainWindow  # noqa: E402
from fieldwork.ui.unlock_dialog import UnlockDialog  # noqa: E402

DOCS = ROOT / "docs"
SHIPPED_GUIDE = ROOT / "resources" / "help"
# Every screenshot fits a 1366x768 laptop screen with room for the window's title bar.
WINDOW_SIZE = (1280, 720)


def _save(widget: QWidget, folder: Path, name: str) -> None:
    QApplication.processEvents()
    widget.grab().save(str(folder / f"{name}.png"))
    print(folder / f"{name}.png")


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    app = make_application()
    with tempfile.TemporaryDirectory() as scratch:
        store = write_demo_study(Path(scratch) / "demo.db", DEMO_PASSPHRASE)
        window = MainWindow(store, demo=True)
        window.show()
        window.resize(*WINDOW_SIZE)
        _save(window, folder, "families")
        family_x = store.family_summaries()[0].family
        window.open_family(family_x.key)
        _save(window, folder, "family")
        first, second = store.interviews_of(family_x.key)[:2]
        for interview, wave in ((first, 1), (second, 2)):
            window.open_interview(interview.key)
            workspace = window.workspace
            steps = [(InterviewStep.CONSENT, "consent"), (InterviewStep.NETWORK_MAP, "map")]
            if wave == 1:  # time 2 was by telephone, without SCORE-15 (Appendix 5)
                steps.append((InterviewStep.SCORE15, "score15"))
            for step, name in steps:
                workspace.navigator.setCurrentRow(workspace.steps.index(step))
                _save(window, folder, f"{name}-wave{wave}")
        family_z = next(s.family for s in store.family_summaries() if s.family.code == "F009")
        window.open_interview(store.interviews_of(family_z.key)[1].key)
        workspace = window.workspace
        workspace.navigator.setCurrentRow(workspace.steps.index(InterviewStep.SCORE15))
        _save(window, folder, "score15-repeated")
        interpreted = store.family_summaries()[1].family
        window.open_interview(store.interviews_of(interpreted.key)[0].key)
        _save(window, folder, "visit-details")
        workspace = window.workspace
        workspace.navigator.setCurrentRow(workspace.steps.index(InterviewStep.SCORE15))
        _save(window, folder, "score15-interpreted")
        _guide_screens(window, store, folder)
        window.pause()
        _save(window, folder, "paused")
        window.lock()
        _save(window, folder, "locked")
        window.cover.uncover()
        window.close()
        store.close()

        unlock = UnlockDialog(Path(scratch) / "demo.db")
        unlock.show()
        unlock.passphrase.setText("a wrong passphrase")
        unlock.go.click()
        _save(unlock, folder, "unlock-wrong-passphrase")
        create = UnlockDialog(Path(scratch) / "new.db")
        create.show()
        _save(create, folder, "create-study")
        _empty_study(Path(scratch) / "empty.db", folder)
    app.quit()
    if folder.resolve() == (DOCS / "screenshots").resolve():
        ship_user_guide()


def _guide_screens(window: MainWindow, store: StudyStore, folder: Path) -> None:
    """The screens the user guide walks through that the README does not show."""
    by_code = {s.family.code: s.family for s in store.family_summaries()}
    telephone = store.interviews_of(by_code["F001"].key)[1]  # Family X, time 2, by telephone
    window.open_interview(telephone.key)
    _save(window, folder, "telephone-visit-details")
    stopped = store.interviews_of(by_code["F003"].key)[0]  # stopped early
    window.open_interview(stopped.key)
    workspace = window.workspace
    workspace.navigator.setCurrentRow(workspace.steps.index(InterviewStep.CLOSING_NOTES))
    _save(window, folder, "closing-notes-stopped")
    interpreted = store.interviews_of(by_code["F002"].key)[0]
    window.open_interview(interpreted.key)
    workspace = window.workspace
    workspace.navigator.setCurrentRow(workspace.steps.index(InterviewStep.CONSENT))
    _save(window, folder, "consent-interpreted")
    window.open_interview(store.interviews_of(by_code["F001"].key)[0].key)
    workspace = window.workspace
    workspace.navigator.setCurrentRow(workspace.steps.index(InterviewStep.CONVERSATION))
    _save(window, folder, "conversation")
    shortcuts = ShortcutsDialog(window)
    shortcuts.show()
    _save(shortcuts, folder, "keyboard-shortcuts")
    shortcuts.close()
    guide = UserGuideDialog(window)
    guide.show()
    _save(guide, folder, "user-guide")
    guide.close()
    window.show_families()


def _empty_study(path: Path, folder: Path) -> None:
    store = StudyStore.create(path, DEMO_PASSPHRASE, "Family support study 2026", "R01 Researcher")
    window = MainWindow(store)
    window.show()
    window.resize(*WINDOW_SIZE)
    _save(window, folder, "empty-study")
    window.close()
    store.close()


def ship_user_guide() -> None:
    """Copy docs/user-guide.md and the pictures it shows to resources/help/ (see the docstring)."""
    guide = (DOCS / "user-guide.md").read_text(encoding="utf-8")
    (SHIPPED_GUIDE / "screenshots").mkdir(parents=True, exist_ok=True)
    for old in (SHIPPED_GUIDE / "screenshots").glob("*.png"):
        old.unlink()
    shutil.copyfile(DOCS / "user-guide.md", SHIPPED_GUIDE / "user-guide.md")
    for picture in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", guide):
        shutil.copyfile(DOCS / picture, SHIPPED_GUIDE / picture)
    print(SHIPPED_GUIDE / "user-guide.md")


if __name__ == "__main__":
    main()
