"""Tab walks the map's forms in the order they read (seen under X11: Tab from the name
skipped the relationship and landed on "In their words")."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox, QDialog, QWidget

from fieldwork.domain.map_geometry import MapSettings
from fieldwork.domain.network_map import Centre
from fieldwork.ui.network_map.dialogs import OffMapDialog, PersonDialog, TieDialog


def _tab_walk(qtbot, dialog: QDialog, steps: int) -> list[QWidget]:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    visited = [dialog.focusWidget()]
    for _ in range(steps):
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Tab)
        visited.append(dialog.focusWidget())
    return visited


def _reads_down_the_form(dialog: QDialog, widgets: list[QWidget]) -> None:
    tops = [w.mapTo(dialog, QPoint(0, 0)).y() for w in widgets]
    assert tops == sorted(tops), [(type(w).__name__, top) for w, top in zip(widgets, tops, strict=True)]


def test_person_form_tab_goes_from_name_to_relationship_then_down(qtbot) -> None:
    dialog = PersonDialog(MapSettings(), centre=Centre("c", "Jay", "child"))
    visited = _tab_walk(qtbot, dialog, 6)
    assert visited[0] is dialog.label
    assert visited[1] is dialog.relationship
    assert visited[2] is dialog.relationship_text
    assert visited[3] is dialog.is_respondent
    _reads_down_the_form(dialog, visited)


def test_person_form_on_a_respondent_map_reads_down(qtbot) -> None:
    dialog = PersonDialog(MapSettings())
    visited = _tab_walk(qtbot, dialog, 5)
    assert visited[:3] == [dialog.label, dialog.relationship, dialog.relationship_text]
    _reads_down_the_form(dialog, visited)


def test_add_person_from_the_toolbar_guesses_a_relationship_for_the_first_sector(qtbot) -> None:
    settings = MapSettings()
    dialog = PersonDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.sector is not None
    assert dialog.sector.currentData() == settings.sector_codes[0] == "family_household"
    assert dialog.relationship.currentText() != "Friend"


def test_off_map_and_tie_forms_read_down(qtbot) -> None:
    named = OffMapDialog("", ask_name=True)
    visited = _tab_walk(qtbot, named, 3)
    assert visited[:3] == [named.label, named.relationship, named.reason]
    tie = TieDialog("Mum", {"a": "Nan", "b": "Ms B"}, "loose")
    visited = _tab_walk(qtbot, tie, 1)
    assert [type(w) for w in visited] == [QComboBox, QComboBox]
    _reads_down_the_form(tie, visited)
