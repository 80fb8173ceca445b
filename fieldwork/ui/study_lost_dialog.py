"""What the window says when it can no longer save to its study, and the offer to reopen.

Another program replaced, moved or re-keyed the study file under the open window (a copy
put over it, a restore or passphrase change by an older fieldwork). Nothing more can be
saved here; the window stays open with what was typed still on screen, so it can be
copied into the reopened study.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def ask_to_reopen(parent: QWidget, problem: str) -> bool:
    """Tell the researcher the study was lost to this window; True if they want to reopen it."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(parent.tr("The study cannot be saved from this window"))
    box.setText(parent.tr("Not saved: {problem}").format(problem=problem))
    box.setInformativeText(parent.tr(
        "What you typed is still on screen in this window: reopen the study in a new "
        "window and enter it there."))
    reopen = box.addButton(parent.tr("Reopen the study…"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(parent.tr("Not now"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(reopen)
    box.exec()
    return box.clickedButton() is reopen
