"""Study → Map settings…: how many rings (2-5) with their prompts, and the map's sectors.

New maps start from these; a map already drawn keeps the settings it was drawn with, so
its rings and sectors mean what they meant when the family placed people in them.
"""

from __future__ import annotations

import re

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.errors import FieldworkError, InvalidInput
from fieldwork.domain.map_geometry import (
    CONVOY_RING_PROMPTS,
    MAX_RINGS,
    MIN_RINGS,
    MapSettings,
)
from fieldwork.storage.study_settings import map_settings, save_map_settings
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.save_status import show_refusal

MAX_SECTORS = 8


def sector_code(label: str, taken: set[str]) -> str:
    """A stable code for a new sector, from its label: 'Faith groups' → 'faith_groups'."""
    base = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_") or "sector"
    code, n = base, 2
    while code in taken:
        code, n = f"{base}_{n}", n + 1
    return code


class MapSettingsDialog(QDialog):
    def __init__(self, store: StudyStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        current = map_settings(store)
        self.setWindowTitle(self.tr("Map settings for the study"))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 64)
        layout = QVBoxLayout(self)
        note = QLabel(self.tr(
            "New maps start from these settings. Maps already drawn keep their own rings and sectors."
        ))
        note.setWordWrap(True)
        layout.addWidget(note)

        rings_box = QGroupBox(self.tr("Rings and their prompts"))
        rings_form = QFormLayout(rings_box)
        self.rings = QSpinBox()
        self.rings.setRange(MIN_RINGS, MAX_RINGS)
        self.rings.setValue(current.rings)
        rings_form.addRow(self.tr("&Number of rings"), self.rings)
        self.prompts: list[QLineEdit] = []
        defaults = list(CONVOY_RING_PROMPTS) + [""] * MAX_RINGS
        given = list(current.ring_prompts or ())
        for number in range(1, MAX_RINGS + 1):
            prompt = QLineEdit(given[number - 1] if number <= len(given) else defaults[number - 1])
            prompt.setCursorPosition(0)
            self.prompts.append(prompt)
            rings_form.addRow(self.tr("Ring {n}").format(n=number), prompt)
        layout.addWidget(rings_box)

        sectors_box = QGroupBox(self.tr("Sectors (equal wedges, counter-clockwise from the top right)"))
        self.sector_rows = QVBoxLayout(sectors_box)
        self.sectors: list[tuple[str, QLineEdit]] = []
        for sector in current.sectors:
            self._add_sector_row(sector.code, sector.label)
        self.add_sector = QPushButton(self.tr("Add a &sector"))
        self.add_sector.clicked.connect(lambda: self._add_sector_row("", ""))
        layout.addWidget(sectors_box)
        layout.addWidget(self.add_sector)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.rings.valueChanged.connect(self._sync)
        self._sync()

    def _add_sector_row(self, code: str, label: str) -> None:
        if len(self.sectors) >= MAX_SECTORS:
            return
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        field = QLineEdit(label)
        field.setPlaceholderText(self.tr("sector name, e.g. Faith groups"))
        remove = QPushButton(self.tr("Remove"))
        line.addWidget(field, 1)
        line.addWidget(remove)
        entry = (code, field)
        self.sectors.append(entry)
        remove.clicked.connect(lambda: self._remove_sector(entry, row))
        self.sector_rows.addWidget(row)

    def _remove_sector(self, entry: tuple[str, QLineEdit], row: QWidget) -> None:
        if len(self.sectors) > 1:
            self.sectors.remove(entry)
            row.deleteLater()

    def _sync(self) -> None:
        for number, prompt in enumerate(self.prompts, start=1):
            prompt.setEnabled(number <= self.rings.value())

    def chosen_settings(self) -> MapSettings:
        taken: set[str] = {code for code, _field in self.sectors if code}
        sectors: dict[str, str] = {}
        for code, field in self.sectors:
            label = field.text().strip()
            if not label:
                raise InvalidInput("sector", "every sector needs a name")
            if not code:
                code = sector_code(label, taken)
                taken.add(code)
            sectors[code] = label
        prompts = tuple(p.text().strip() for p in self.prompts[: self.rings.value()])
        current = map_settings(self.store)
        return MapSettings.with_equal_sectors(sectors, rings=self.rings.value(),
                                              start_angle=current.start_angle, ring_prompts=prompts)

    def _save(self) -> None:
        try:
            save_map_settings(self.store, self.chosen_settings())
        except FieldworkError as error:
            show_refusal(self, error)
            return
        self.accept()
