"""Before SCORE-15's items: who the respondent counts as 'the family' for this questionnaire.

Offers the people on the respondent's network map (when the map can be read) and
'someone else', typed in. Every tick and every added name is saved at once, as a list of
{person key or None, label}, so analysts can compare the map's family with the
questionnaire's.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldwork.storage.answer_store import FamilyMember
from fieldwork.storage.map_store import load_map
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.questionnaire.cards import wrapping_label
from fieldwork.ui.questionnaire.session import QuestionnaireSession
from fieldwork.ui.text_sizes import heading


def map_people(store: StudyStore, interview_key: str) -> list[tuple[FamilyMember, bool]] | None:
    """The centre and everyone named on this interview's map (with whether they are placed
    on it), or None when the interview has no map.

    People the respondent refused to place are offered too (marked so): whether they count
    as family here is itself worth knowing.
    """
    network = load_map(store, interview_key)
    if network is None:
        return None
    people = [(FamilyMember(network.centre.key, network.centre.label), True)]
    people += [(FamilyMember(p.key, p.label), p.on_map) for p in network.people()]
    return people


class FamilyChooser(QWidget):
    """Ticks for the map's people, plus names typed in; emits ``done`` to start the items."""

    done = Signal()

    def __init__(self, session: QuestionnaireSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Who counts as 'your family'?"), 1.4))
        self.instructions = wrapping_label(session.shown.instructions, 1.2)
        layout.addWidget(self.instructions)
        if session.bilingual:
            self.english_instructions = wrapping_label(session.english.instructions, 1.0)
            layout.addWidget(self.english_instructions)

        chosen = {(m.person_key, m.label) for m in session.family_members}
        self.map_boxes: list[tuple[QCheckBox, FamilyMember]] = []
        people = map_people(session.answer_store.store, session.interview_key)
        if people:
            layout.addWidget(QLabel(self.tr("People on the network map:")))
            grid = QGridLayout()
            for index, (person, on_map) in enumerate(people):
                box = QCheckBox(person.label if on_map else
                                self.tr("{name} (named, not placed on the map)").format(
                                    name=person.label))
                box.setChecked((person.person_key, person.label) in chosen)
                box.toggled.connect(self._save)
                grid.addWidget(box, index // 3, index % 3)
                self.map_boxes.append((box, person))
            layout.addLayout(grid)
        else:
            note = QLabel(self.tr("No network map to choose from: type each person the "
                                  "respondent counts as family."))
            note.setWordWrap(True)
            layout.addWidget(note)

        layout.addWidget(QLabel(self.tr("Someone else:")))
        row = QHBoxLayout()
        self.someone = QLineEdit()
        self.someone.setPlaceholderText(self.tr("e.g. 'my sister', 'my partner', 'Nan'"))
        self.someone.returnPressed.connect(self._add_someone)
        self.add = QPushButton(self.tr("&Add"))
        self.add.clicked.connect(self._add_someone)
        row.addWidget(self.someone, 1)
        row.addWidget(self.add)
        layout.addLayout(row)
        self.others = QListWidget()
        self.others.setMaximumHeight(self.fontMetrics().height() * 5)
        map_keys = {p.person_key for p, _on_map in people or []}
        for member in session.family_members:
            if member.person_key is None or member.person_key not in map_keys:
                self._list_other(member)
        layout.addWidget(self.others)
        self.remove = QPushButton(self.tr("&Remove selected"))
        self.remove.clicked.connect(self._remove_selected)
        layout.addWidget(self.remove)
        self.start = QPushButton(self.tr("Start the questions →"))
        self.start.setFont(self.start.font())
        self.start.setMinimumHeight(self.fontMetrics().height() * 3)
        self.start.clicked.connect(self.done)
        layout.addStretch(1)
        layout.addWidget(self.start)

    def set_read_only(self, read_only: bool) -> None:
        """Who was chosen stays readable; nothing can be ticked, added or removed."""
        for box, _person in self.map_boxes:
            box.setEnabled(not read_only)
        for widget in (self.someone, self.add, self.remove):
            widget.setEnabled(not read_only)

    def members(self) -> list[FamilyMember]:
        ticked = [person for box, person in self.map_boxes if box.isChecked()]
        typed = [self.others.item(i).data(0x0100) for i in range(self.others.count())]
        return ticked + typed

    def _list_other(self, member: FamilyMember) -> None:
        item = QListWidgetItem(member.label)
        item.setData(0x0100, member)  # Qt.UserRole
        self.others.addItem(item)

    def _add_someone(self) -> None:
        label = self.someone.text().strip()
        if not label:
            return
        self._list_other(FamilyMember(None, label))
        if self._save():
            self.someone.clear()
        else:
            self.others.takeItem(self.others.count() - 1)

    def _remove_selected(self) -> None:
        row = self.others.currentRow()
        if row >= 0:
            self.others.takeItem(row)
            self._save()

    def _save(self) -> bool:
        return self.session.set_family_members(self.members())
