"""Draw the README's screenshots from the demo study: `python docs/make_screenshots.py [FOLDER]`.

Runs on whatever Qt platform is set (a real X display under Xvfb, or offscreen) and saves
one PNG per screen into FOLDER (default: docs/screenshots).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication, QWidget

from fieldwork.demo import DEMO_PASSPHRASE, write_demo_study
from fieldwork.domain.interview_steps import InterviewStep
from fieldwork.ui.application import make_application
from fieldwork.ui.main_window import MainWindow
from fieldwork.ui.unlock_dialog import UnlockDialog


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
        window.resize(1280, 800)
        window.show()
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
    app.quit()


if __name__ == "__main__":
    main()
