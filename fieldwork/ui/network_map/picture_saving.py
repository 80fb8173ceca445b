"""'Save map picture': where the picture goes, a warning before names leave the study, and
saying where it went.

Owns ``PictureSaver``. The picture is written as PNG and PDF into the study's exports
folder (``<study> exports/`` beside the study file), named and titled with the family
code, wave and date (``F001-wave1-2026-12-01-map``). A picture with names is not
encrypted: the researcher is asked before it is written. When it is written the page says
where. The ``ask_*`` methods open dialogs; tests replace them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from fieldwork.domain.errors import FieldworkError
from fieldwork.domain.network_map import NetworkMap
from fieldwork.export.map_picture import exports_folder, picture_name, picture_title, save_map_pictures
from fieldwork.storage.private_files import make_private, private_folder
from fieldwork.storage.study_store import StudyStore


class PictureSaver(QObject):
    saved = Signal(str)  # what to tell the researcher: where the files are
    failed = Signal(str)

    def __init__(self, store: StudyStore, interview_key: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.store, self.interview_key, self.parent_widget = store, interview_key, parent
        self.today: Callable[[], date] = date.today

    def _whose(self) -> tuple[str, int]:
        interview = self.store.interview(self.interview_key)
        return self.store.family(interview.family_key).code, interview.wave

    def default_path(self, use_codes: bool) -> Path:
        code, wave = self._whose()
        return exports_folder(self.store.path) / f"{picture_name(code, wave, self.today(), use_codes)}.png"

    def title(self) -> str:
        code, wave = self._whose()
        return picture_title(code, wave, self.today())

    # -- dialogs (tests replace these) -----------------------------------------------------

    def ask_unencrypted_ok(self, folder: Path) -> bool:
        answer = QMessageBox.warning(
            self.parent_widget, self.tr("The picture will not be encrypted"),
            self.tr("A map picture with names is an ordinary file: anyone who can open the "
                    "folder can see the family's names. It will be saved in\n{folder}\n\n"
                    "Save it with names? (With pseudonym codes there are no names.)").format(folder=folder),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Save

    def ask_path(self, suggested: Path) -> Path | None:
        path, _filter = QFileDialog.getSaveFileName(
            self.parent_widget, self.tr("Save map picture (PNG and PDF)"), str(suggested),
            self.tr("Pictures (*.png *.pdf)"))
        return Path(path) if path else None

    # -- saving --------------------------------------------------------------------------------

    def save_as(self, network: NetworkMap, earlier: NetworkMap | None, use_codes: bool) -> list[Path]:
        suggested = self.default_path(use_codes)
        if not use_codes and not self.ask_unencrypted_ok(suggested.parent):
            return []
        try:
            private_folder(suggested.parent)
        except OSError as error:
            self.failed.emit(self.tr("Map picture not saved: {error}").format(error=error))
            return []
        path = self.ask_path(suggested)
        if path is None:
            return []
        return self.save(network, earlier, path, use_codes)

    def save(self, network: NetworkMap, earlier: NetworkMap | None, path: Path,
             use_codes: bool = False) -> list[Path]:
        """Write ``path`` as PNG and PDF (both, side by side), owner-only, and say where."""
        try:
            written = save_map_pictures(network, path.with_suffix(""), use_codes=use_codes,
                                        earlier=earlier, title=self.title())
            for file in written:
                make_private(file)
        except (OSError, FieldworkError) as error:
            self.failed.emit(self.tr("Map picture not saved: {error}").format(error=error))
            return []
        names = " and ".join(p.name for p in written)
        self.saved.emit(self.tr("Map picture saved: {names} in {folder}").format(
            names=names, folder=written[0].parent))
        return written
