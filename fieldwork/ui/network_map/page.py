"""The 'Network map' step of the interview: start a map, then draw it with the family.

Owns ``NetworkMapPage``. Before a map exists it asks who is at the centre (or, at a later
wave, offers to start from the family's earlier map with the same people). Then: the map
view, Undo/Redo (Ctrl+Z, Ctrl+Shift+Z), drawing ties, adding a person by clicking where
they belong (or with Insert), the off-the-map tray, metrics and the researcher's rating,
the wave-2 change list, 'Show to family' and 'Save map picture'. The ``ask_*`` methods
open the small dialogs; tests replace them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.consent import ConsentComponent
from fieldwork.domain.errors import FieldworkError
from fieldwork.domain.map_geometry import Placement
from fieldwork.domain.network_codes import CENTRE_ROLES, CLOSENESS, UNSTATED
from fieldwork.domain.network_map import Person
from fieldwork.domain.resource_library import ResourceLibrary
from fieldwork.domain.ring_prompts import settings_in_language
from fieldwork.export.map_picture import save_map_pictures
from fieldwork.storage.consent_store import require_consent
from fieldwork.storage.map_store import StoredMap, earlier_map_interview
from fieldwork.storage.study_resources import load_study_resources
from fieldwork.storage.study_settings import map_settings
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.interview.step_page import StepPage
from fieldwork.ui.network_map.dialogs import OffMapDialog, PersonDialog
from fieldwork.ui.network_map.document import MapDocument
from fieldwork.ui.network_map.family_mode import FamilyModeWindow
from fieldwork.ui.network_map.panels import ChangesPanel, MetricsPanel, OffMapTray
from fieldwork.ui.network_map.scene import MapScene
from fieldwork.ui.network_map.view import MapView
from fieldwork.ui.save_status import SaveReporter
from fieldwork.ui.text_sizes import heading

OffMapAnswer = tuple[str, str, str, str]  # label, relationship, reason, note


class NetworkMapPage(StepPage):
    def __init__(self, store: StudyStore, reporter: SaveReporter, interview_key: str,
                 parent: QWidget | None = None, *, resources: ResourceLibrary | None = None) -> None:
        super().__init__(store, reporter, interview_key, parent)
        # The window passes the library it loaded at start; a page built on its own loads it.
        self.resources = resources if resources is not None else load_study_resources(store)
        self.document: MapDocument | None = None
        self.scene: MapScene | None = None
        self.view: MapView | None = None
        self.family_window: FamilyModeWindow | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(self.tr("Family network map"), 1.4))
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.stack.addWidget(self._start_panel())
        stored = StoredMap.open(store, interview_key)
        if stored is not None:
            self._open(stored)

    # -- before there is a map ------------------------------------------------------------

    def _start_panel(self) -> QWidget:
        panel = QWidget()
        box = QVBoxLayout(panel)
        hint = QLabel(self.tr(
            "Who is at the centre of the map? The respondent, or the child the family is "
            "talking about. Then place the people in their life on the rings around them."))
        hint.setWordWrap(True)
        box.addWidget(hint)
        row = QHBoxLayout()
        self.centre_label = QLineEdit()
        self.centre_label.setPlaceholderText(self.tr("Name or label of the centre person"))
        self.centre_role = QComboBox()
        for code, label in CENTRE_ROLES.items():
            self.centre_role.addItem(self.tr(label), code)
        self.start_button = QPushButton(self.tr("&Start the map"))
        self.start_button.clicked.connect(self._start_clicked)
        self.centre_label.returnPressed.connect(self._start_clicked)
        row.addWidget(self.centre_label, 2)
        row.addWidget(self.centre_role, 1)
        row.addWidget(self.start_button)
        box.addLayout(row)
        self.carry_button = QPushButton(self.tr("Start from the earlier wave's map (the same people)"))
        self.carry_button.clicked.connect(self.carry_forward)
        box.addWidget(self.carry_button)
        self.consent_note = QLabel()
        self.consent_note.setObjectName("mapConsentNote")
        self.consent_note.setWordWrap(True)
        self.consent_note.setStyleSheet("color: #6b0000;")
        box.addWidget(self.consent_note)
        box.addStretch(1)
        self._refresh_start_panel()
        return panel

    def _refresh_start_panel(self) -> None:
        """Say at once if the map may not be recorded (consent can be given after this page
        was built, so this is asked again each time the page is shown)."""
        try:
            require_consent(self.store, self.interview_key, ConsentComponent.NETWORK_MAP)
            refusal = ""
        except FieldworkError as error:
            refusal = str(error)
        self.consent_note.setText(refusal)
        self.consent_note.setVisible(bool(refusal))
        self.start_button.setEnabled(not refusal)
        self.carry_button.setEnabled(not refusal)
        self.carry_button.setVisible(earlier_map_interview(self.store, self.interview_key) is not None)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        if self.document is None:
            self._refresh_start_panel()
        super().showEvent(event)

    def _start_clicked(self) -> None:
        self.start_map(self.centre_label.text(), self.centre_role.currentData())

    def start_map(self, centre_label: str, centre_role: str = "respondent") -> bool:
        prompts = self.resources.map_prompts
        language = self.store.interview(self.interview_key).language
        settings = settings_in_language(map_settings(self.store), language, prompts)
        stored = self.reporter.attempt(StoredMap.start, self.store, self.interview_key,
                                       centre_label, centre_role, settings)
        if stored is None:
            return False
        self._open(stored)
        self.edited.emit()
        return True

    def carry_forward(self) -> bool:
        stored = self.reporter.attempt(StoredMap.carry_forward, self.store, self.interview_key)
        if stored is None:
            return False
        self._open(stored)
        self.edited.emit()
        return True

    # -- the map ----------------------------------------------------------------------------

    def _open(self, stored: StoredMap) -> None:
        self.document = MapDocument(stored, self.reporter, self)
        self.scene = MapScene(self.document, self)
        self.view = MapView(self.scene)
        self.document.changed.connect(self.edited)
        self.scene.empty_clicked.connect(self.add_person_at)
        self.scene.person_activated.connect(self.edit_person)
        self.scene.person_action.connect(self._person_action)
        editor = QWidget()
        box = QVBoxLayout(editor)
        box.setContentsMargins(0, 0, 0, 0)
        self.whose_map = QLabel()
        self.whose_map.setObjectName("whoseMap")
        self.whose_map.setWordWrap(True)
        box.addWidget(self.whose_map)
        self.document.changed.connect(self._show_whose_map)
        self._show_whose_map()
        box.addLayout(self._toolbar())
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.view)
        side = QWidget()
        side_box = QVBoxLayout(side)
        self.metrics = MetricsPanel(self.document)
        self.tray = OffMapTray(self.document)
        self.changes = ChangesPanel(self.document)
        for panel in (self.metrics, self.tray, self.changes):
            side_box.addWidget(panel)
        side_box.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(side)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(300)
        split.addWidget(scroll)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        box.addWidget(split, 1)
        self.tray.keep_off_requested.connect(self.keep_selected_off)
        self.tray.name_off_requested.connect(self.name_someone_off)
        self.tray.put_back_requested.connect(self.put_back_on_map)
        self.stack.addWidget(editor)
        self.stack.setCurrentWidget(editor)

    def _show_whose_map(self) -> None:
        """Say who is at the centre, who answers, and what the rings and ties mean."""
        assert self.document is not None
        network = self.document.network
        centre, respondent = network.centre, network.respondent
        answering = self.tr("not marked yet: open the respondent's details and tick 'This is "
                            "the respondent'") if respondent is None else respondent.label
        text = self.tr("Centre: <b>{centre}</b> ({role}) · Answering: <b>{who}</b>").format(
            centre=centre.label, role=self.tr(CENTRE_ROLES[centre.role]).lower(), who=answering)
        if network.ties_meaning == UNSTATED:
            text += "<br/>" + self.tr("Drawn before the app said whose ties these are: "
                                      "closeness and contact were recorded as ties to the centre.")
        else:
            text += "<br/>" + self.tr(
                "Rings: how close each person is to {centre}, as the respondent sees it. "
                "Closeness, contact and support: the respondent's own.").format(centre=centre.label)
        self.whose_map.setText(text)

    def _button(self, text: str, slot: Any, keys: str = "", tip: str = "") -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        if keys:
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            tip = f"{tip or text.replace('&', '')} ({QKeySequence(keys).toString()})"
        button.setToolTip(tip)
        return button

    def _toolbar(self) -> QHBoxLayout:
        assert self.document is not None and self.scene is not None
        row = QHBoxLayout()
        stack = self.document.undo_stack
        self.undo_action = stack.createUndoAction(self, self.tr("Undo"))
        self.redo_action = stack.createRedoAction(self, self.tr("Redo"))
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            row.addWidget(button)
        self.tie_button = QPushButton(self.tr("Draw &ties"))
        self.tie_button.setCheckable(True)
        self.tie_button.setToolTip(self.tr("Drag from one person to another to draw a tie (or hold Shift)"))
        self.tie_button.toggled.connect(self._tie_mode)
        self.tie_kind = QComboBox()
        for code, label in CLOSENESS.items():
            self.tie_kind.addItem(self.tr(label), code)
        self.tie_kind.setCurrentIndex(self.tie_kind.findData(self.scene.new_tie_closeness))
        self.tie_kind.setAccessibleName(self.tr("Kind of new ties"))
        self.tie_kind.currentIndexChanged.connect(
            lambda _i: setattr(self.scene, "new_tie_closeness", self.tie_kind.currentData()))
        row.addWidget(self.tie_button)
        row.addWidget(self.tie_kind)
        row.addWidget(self._button(self.tr("&Add person…"), self.add_person_from_keyboard, "Ins"))
        row.addWidget(self._button(self.tr("&Edit…"), self.edit_selected, "Return",
                                   self.tr("Change the selected person's details")))
        row.addWidget(self._button(self.tr("&Remove"), self.remove_selected, "Del",
                                   self.tr("Remove the selected person and their ties")))
        row.addStretch(1)
        row.addWidget(self._button(self.tr("Show to &family"), self.show_to_family, "F11"))
        picture = QToolButton()
        picture.setText(self.tr("Save map &picture"))
        picture.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(picture)
        menu.addAction(self.tr("With names…"), lambda: self.save_picture_as(use_codes=False))
        menu.addAction(self.tr("With pseudonym codes…"), lambda: self.save_picture_as(use_codes=True))
        picture.setMenu(menu)
        row.addWidget(picture)
        return row

    def _tie_mode(self, on: bool) -> None:
        if self.scene is not None:
            self.scene.tie_mode = on

    def selected_key(self) -> str | None:
        if self.scene is None:
            return None
        keys = [k for k, item in self.scene.people.items() if item.isSelected()]
        return keys[0] if keys else None

    # -- dialogs (tests replace these) -------------------------------------------------------

    def ask_new_person(self, placement: Placement | None) -> tuple[dict[str, Any], Placement] | None:
        assert self.document is not None
        dialog = PersonDialog(self.document.network.settings, placement=placement,
                              centre=self.document.network.centre, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.details(), dialog.placement()

    def ask_details(self, person: Person) -> dict[str, Any] | None:
        assert self.document is not None
        dialog = PersonDialog(self.document.network.settings, person=person,
                              centre=self.document.network.centre, parent=self)
        return dialog.details() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def ask_off_map(self, name: str, ask_name: bool) -> OffMapAnswer | None:
        dialog = OffMapDialog(name, self, ask_name=ask_name)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return (dialog.label.text(), dialog.relationship.currentData(),
                dialog.reason.currentData(), dialog.note.text())

    def ask_picture_path(self) -> str | None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save map picture (PNG and PDF)"), "network-map.png",
            self.tr("Pictures (*.png *.pdf)"))
        return path or None

    # -- actions ---------------------------------------------------------------------------------

    def add_person_at(self, placement: Placement | None) -> None:
        if self.document is None:
            return
        answer = self.ask_new_person(placement)
        if answer is not None:
            details, at = answer
            label, relationship = details.pop("label"), details.pop("relationship")
            self.document.add_person(label, relationship, ring=at.ring, sector=at.sector,
                                     angle=at.angle, **details)

    def add_person_from_keyboard(self) -> None:
        self.add_person_at(None)

    def edit_person(self, key: str) -> None:
        if self.document is None:
            return
        changes = self.ask_details(self.document.network.person(key))
        if changes is not None:
            self.document.update_person(key, **changes)

    def _person_action(self, key: str, action: str) -> None:
        if self.scene is None:
            return
        for k, item in self.scene.people.items():
            item.setSelected(k == key)
        {"edit": self.edit_selected, "off_map": self.keep_selected_off,
         "remove": self.remove_selected}[action]()

    def edit_selected(self) -> None:
        key = self.selected_key()
        if key is not None:
            self.edit_person(key)

    def remove_selected(self) -> None:
        key = self.selected_key()
        if key is not None and self.document is not None:
            self.document.remove_person(key)

    def keep_selected_off(self) -> None:
        key = self.selected_key()
        if key is None or self.document is None:
            self.reporter.problem.emit(self.tr("Select a person on the map first."))
            return
        answer = self.ask_off_map(self.document.network.person(key).label, ask_name=False)
        if answer is not None:
            _label, _relationship, reason, note = answer
            self.document.put_off_map(key, reason, note)

    def name_someone_off(self) -> None:
        if self.document is None:
            return
        answer = self.ask_off_map("", ask_name=True)
        if answer is not None:
            label, relationship, reason, note = answer
            self.document.add_person(label, relationship, off_map_reason=reason, off_map_note=note)

    def put_back_on_map(self, key: str) -> None:
        if self.document is None:
            return
        network = self.document.network
        sector = network.person(key).sector
        self.document.put_on_map(key, Placement(network.settings.rings, sector,
                                                network.settings.middle_angle(sector)))

    def show_to_family(self) -> None:
        if self.scene is None:
            return
        self.family_window = FamilyModeWindow(self.scene)
        self.family_window.closed.connect(self._family_closed)
        self.family_window.showFullScreen()

    def _family_closed(self) -> None:
        self.family_window = None

    def save_picture_as(self, use_codes: bool = False) -> None:
        path = self.ask_picture_path()
        if path:
            self.save_picture(Path(path), use_codes=use_codes)

    def save_picture(self, path: Path, use_codes: bool = False) -> list[Path]:
        """Write ``path`` as PNG and PDF (both, side by side)."""
        if self.document is None:
            return []
        try:
            return save_map_pictures(self.document.network, path.with_suffix(""),
                                     use_codes=use_codes, earlier=self.document.earlier)
        except (OSError, FieldworkError) as error:
            self.reporter.problem.emit(self.tr("Map picture not saved: {error}").format(error=error))
            return []
