"""The small forms of the map: a person's details, and keeping someone off the map.

Owns ``PersonDialog`` (label, relationship to the centre from the list plus free text,
on a child-centred map whether this is the respondent and the relationship to the
respondent, sector and ring pre-filled from where the researcher clicked, the respondent's
closeness and contact, the support the respondent can call on, household, note),
``OffMapDialog`` (whom, a reason from the list, and a note) and ``TieDialog`` (a tie
drawn by keyboard: to whom, what kind). They only collect values; the page
hands them to the document, which checks and saves them.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from fieldwork.domain.map_geometry import MapSettings, Placement
from fieldwork.domain.network_codes import (
    CLOSENESS,
    FREQUENCY,
    LIKELY_RELATIONSHIP,
    OFF_MAP_REASONS,
    RELATIONSHIPS,
    SUPPORT,
)
from fieldwork.domain.network_map import Centre, Person
from fieldwork.ui.tab_order import tab_in_layout_order


def _combo(parent: QWidget, codes: dict[str, str], current: str | None, blank: str = "") -> QComboBox:
    box = QComboBox(parent)
    if blank:
        box.addItem(blank, None)
    for code, label in codes.items():
        box.addItem(parent.tr(label), code)
    index = box.findData(current)
    box.setCurrentIndex(max(index, 0))
    return box


class PersonDialog(QDialog):
    """Name a new person (placed where the researcher clicked), or change someone's details."""

    def __init__(self, settings: MapSettings, *, placement: Placement | None = None,
                 person: Person | None = None, centre: Centre | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        centre = centre or Centre("", self.tr("the respondent"))
        self.child_centred = centre.role != "respondent"
        self.setWindowTitle(self.tr("Change details") if person else self.tr("Add a person to the map"))
        form = QFormLayout(self)
        self.label = QLineEdit(person.label if person else "")
        self.label.setPlaceholderText(self.tr("As the respondent says it, e.g. 'Nan', 'Ms B'"))
        # Guess from the sector the person will go in (the first sector when the toolbar's
        # Add person was used), so a family-sector person does not start as a "Friend".
        sector = placement.sector if placement else settings.sector_codes[0]
        guess = LIKELY_RELATIONSHIP.get(sector, "friend")
        self.relationship = _combo(self, RELATIONSHIPS, person.relationship if person else guess)
        self.relationship_text = QLineEdit(person.relationship_text if person else "")
        self.relationship_text.setPlaceholderText(self.tr("In the respondent's words (optional)"))
        form.addRow(self.tr("&Name or label"), self.label)
        form.addRow(self.tr("&Relationship to {centre}").format(centre=centre.label), self.relationship)
        form.addRow(self.tr("In their &words"), self.relationship_text)
        # On a child-centred map the respondent is one of the people on it, and who someone
        # is to the child is not who they are to the respondent (the child's aunt is her sister).
        self.is_respondent = QCheckBox(self.tr("This is the res&pondent (the person answering)"))
        self.is_respondent.setChecked(bool(person and person.is_respondent))
        self.to_respondent = _combo(self, RELATIONSHIPS, person.relationship_to_respondent
                                    if person else None, self.tr("Not recorded"))
        self.is_respondent.toggled.connect(lambda on: self.to_respondent.setEnabled(not on))
        self.to_respondent.setEnabled(not self.is_respondent.isChecked())
        if self.child_centred:
            form.addRow("", self.is_respondent)
            form.addRow(self.tr("Relationship to the res&pondent"), self.to_respondent)
        self.sector: QComboBox | None = None
        self.ring: QComboBox | None = None
        if person is None:
            first = settings.sector_codes[0]
            at = placement or Placement(1, first, settings.middle_angle(first))
            self.angle = at.angle if placement else None
            self.sector = _combo(self, {s.code: s.label for s in settings.sectors}, at.sector)
            self.ring = QComboBox(self)
            for n in range(1, settings.rings + 1):
                prompt = (settings.ring_prompts or ())[n - 1]
                self.ring.addItem(f"{n}  {prompt}" if prompt else str(n), n)
            self.ring.setCurrentIndex(at.ring - 1)
            form.addRow(self.tr("&Sector"), self.sector)
            form.addRow(self.tr("Ri&ng"), self.ring)
        self.closeness = _combo(self, CLOSENESS, person.closeness if person else None, self.tr("Not asked"))
        self.frequency = _combo(self, FREQUENCY, person.frequency if person else None, self.tr("Not asked"))
        whose = self.tr("For the respondent: their tie with {centre}.").format(centre=centre.label)
        self.closeness.setToolTip(self.tr("How close the respondent feels to this person. ") + whose)
        self.frequency.setToolTip(self.tr("How often the respondent is in contact with this "
                                          "person. ") + whose)
        form.addRow(self.tr("&Closeness to the respondent"), self.closeness)
        form.addRow(self.tr("&Contact with the respondent"), self.frequency)
        support = QWidget(self)
        grid = QGridLayout(support)
        grid.setContentsMargins(0, 0, 0, 0)
        self.support: dict[str, QCheckBox] = {}
        for n, (code, text) in enumerate(SUPPORT.items()):
            box = QCheckBox(self.tr(text), support)
            box.setChecked(bool(person and code in person.support))
            grid.addWidget(box, n // 2, n % 2)
            self.support[code] = box
        form.addRow(self.tr("Support the respondent\ncan call on"), support)
        self.household = QCheckBox(self.tr("Lives in the &household"))
        self.household.setChecked(bool(person and person.lives_in_household))
        form.addRow("", self.household)
        self.note = QLineEdit(person.note if person else "")
        form.addRow(self.tr("N&ote"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        tab_in_layout_order(self)
        self.label.setFocus()

    def details(self) -> dict[str, Any]:
        """The values as ``NetworkMap.update_person`` takes them (no placement)."""
        return {
            "label": self.label.text(),
            "relationship": self.relationship.currentData(),
            "relationship_text": self.relationship_text.text(),
            "closeness": self.closeness.currentData(),
            "frequency": self.frequency.currentData(),
            "support": frozenset(code for code, box in self.support.items() if box.isChecked()),
            "lives_in_household": self.household.isChecked(),
            "note": self.note.text(),
            "is_respondent": self.child_centred and self.is_respondent.isChecked(),
            "relationship_to_respondent": None if not self.child_centred
            or self.is_respondent.isChecked() else self.to_respondent.currentData(),
        }

    def placement(self) -> Placement:
        """Where a new person goes: the clicked angle if it is still in the chosen sector."""
        assert self.sector is not None and self.ring is not None
        sector = self.sector.currentData()
        angle = self.angle
        if angle is None or self.settings.sector_at(angle) != sector:
            angle = self.settings.middle_angle(sector)
        return Placement(self.ring.currentData(), sector, angle)


class OffMapDialog(QDialog):
    """Why someone is not on the map: no contact, left off, died, other.

    Keeping someone already named off the map shows their name (in the title and the
    form); naming someone new off the map asks for the name and relationship. Fields that
    are not asked are not built, so nothing stray sits over the form.
    """

    def __init__(self, name: str, parent: QWidget | None = None, *, ask_name: bool = False) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.label = QLineEdit(name)
        self.relationship = QComboBox()
        self.relationship.addItem("", None)
        if ask_name:
            self.setWindowTitle(self.tr("Name someone off the map"))
            self.relationship = _combo(self, RELATIONSHIPS, "other_relative")
            form.addRow(self.tr("&Name or label"), self.label)
            form.addRow(self.tr("&Relationship"), self.relationship)
        else:
            self.setWindowTitle(self.tr("Keep {name} off the map").format(name=name))
            who = QLabel(self.tr("Keep <b>{name}</b> off the map, and say why.").format(name=escape(name)))
            who.setObjectName("offMapWho")
            who.setWordWrap(True)
            form.addRow(who)
        self.reason = _combo(self, OFF_MAP_REASONS, "excluded")
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("What the respondent said, e.g. 'he is nowhere on the map'"))
        form.addRow(self.tr("&Reason"), self.reason)
        form.addRow(self.tr("N&ote"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        tab_in_layout_order(self)
        (self.label if ask_name else self.reason).setFocus()


class TieDialog(QDialog):
    """Tie the chosen person to another, by keyboard: whom, and what kind of tie."""

    def __init__(self, name: str, others: dict[str, str], closeness: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Tie {name} to…").format(name=name))
        form = QFormLayout(self)
        self.other = _combo(self, others, None)
        self.other.setAccessibleName(self.tr("Tie to whom"))
        self.kind = _combo(self, CLOSENESS, closeness)
        self.kind.setAccessibleName(self.tr("Kind of tie"))
        form.addRow(self.tr("&To"), self.other)
        form.addRow(self.tr("&Kind"), self.kind)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.other.setFocus()
