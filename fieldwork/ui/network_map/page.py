"""The 'Network map' step of the interview: start a map, then draw it with the family.

Owns ``NetworkMapPage``. Before a map exists, ``start_panel.StartPanel`` asks who is at
the centre (or, at a later wave, offers to start from the family's earlier map). Then: the
map view, Undo/Redo (Ctrl+Z, Ctrl+Shift+Z; the buttons stay "Undo"/"Redo", what they undo
is in their tooltip, so the window never widens), drawing ties, adding a person by
clicking where they belong (or with Insert), the people list for the keyboard and screen
readers, the key, the off-the-map tray, metrics and the researcher's rating, the wave-2
change list, 'Show to family' (a toggle) and 'Save map picture' (``picture_saving``).
The ``ask_*`` methods open the small dialogs; tests replace them.

As a step (``StepPage``): ``interview_changed`` when people come onto or leave the map or
are renamed (other steps list them); ``work_done`` when at least one person besides the
centre is placed on the map; ``set_read_only`` stops every edit (no adding, drawing, dragging,
deleting or keyboard moves) while the map can still be looked at and shown to the family.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QLabel,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.network_codes import CENTRE_ROLES, UNSTATED
from fieldwork.domain.resource_library import ResourceLibrary
from fieldwork.domain.ring_prompts import settings_in_language
from fieldwork.storage.map_store import StoredMap
from fieldwork.storage.study_resources import load_study_resources
from fieldwork.storage.study_settings import map_settings
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.interview.step_page import StepPage
from fieldwork.ui.network_map.document import MapDocument
from fieldwork.ui.network_map.editing import PeopleEditing
from fieldwork.ui.network_map.family_mode import FamilyModeWindow
from fieldwork.ui.network_map.key_panel import MapKey
from fieldwork.ui.network_map.panels import ChangesPanel, MetricsPanel, OffMapTray
from fieldwork.ui.network_map.people_list import PeopleList
from fieldwork.ui.network_map.picture_saving import PictureSaver
from fieldwork.ui.network_map.scene import MapScene
from fieldwork.ui.network_map.start_panel import StartPanel
from fieldwork.ui.network_map.toolbar import MapToolbar
from fieldwork.ui.network_map.view import MapView
from fieldwork.ui.save_status import SaveReporter
from fieldwork.ui.text_sizes import heading


class NetworkMapPage(PeopleEditing, StepPage):
    def __init__(self, store: StudyStore, reporter: SaveReporter, interview_key: str,
                 parent: QWidget | None = None, *, resources: ResourceLibrary | None = None) -> None:
        super().__init__(store, reporter, interview_key, parent)
        # The window passes the library it loaded at start; a page built on its own loads it.
        self.resources = resources if resources is not None else load_study_resources(store)
        self.document: MapDocument | None = None
        self.scene: MapScene | None = None
        self.view: MapView | None = None
        self.family_window: FamilyModeWindow | None = None
        self.pictures = PictureSaver(store, interview_key, self)
        self.pictures.saved.connect(self._tell)
        self.pictures.failed.connect(self.reporter.problem)
        self._people_seen: frozenset[tuple[str, str, bool]] = frozenset()
        self._edit_widgets: list[QWidget] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(self.tr("Family network map"), 1.4))
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.start_panel = StartPanel(store, interview_key)
        self.start_panel.start_requested.connect(self.start_map)
        self.start_panel.carry_requested.connect(self.carry_forward)
        # The start panel's widgets, under the names the tests and the workspace know.
        self.centre_label, self.centre_role = self.start_panel.centre_label, self.start_panel.centre_role
        self.start_button, self.carry_button = self.start_panel.start_button, self.start_panel.carry_button
        self.consent_note = self.start_panel.consent_note
        self.stack.addWidget(self.start_panel)
        stored = StoredMap.open(store, interview_key)
        if stored is not None:
            self._open(stored)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's name)
        """The map scales to the room it is given, so the step never scrolls for it.

        A wrapped label makes a page report a height for its width, and the step's scrolling
        area then gives the page that (preferred) height rather than the room there is: at
        1024x600 and at 150 % the page scrolled and the bottom sector was cut off.
        """
        return False

    # -- the step's contract ------------------------------------------------------------------

    def refresh(self) -> None:
        """Read again: consent may allow a map now, or another laptop's copy may have one."""
        if self.document is None:
            stored = StoredMap.open(self.store, self.interview_key)
            if stored is not None:
                self._open(stored)
            else:
                self.start_panel.refresh()
            return
        self._show_whose_map()
        for panel in (self.metrics, self.tray, self.changes, self.people_list):
            panel.refresh()

    def work_done(self) -> bool | None:
        """Done when people are placed and the researcher has rated the support (and, on a
        map carried from an earlier wave, confirmed the no/some/major change): one person
        on the map is a map begun, not finished."""
        if self.document is None or not self.document.network.people_on_map():
            return False
        judged = self.document.judgements()
        if judged.support_level is None:
            return False
        return judged.carried_from is None or judged.change_summary is not None

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.start_panel.set_read_only(read_only)
        if self.document is None:
            return
        assert self.scene is not None
        if read_only:
            self.tie_button.setChecked(False)
        self.scene.set_read_only(read_only)
        self.people_list.set_read_only(read_only)
        for widget in self._edit_widgets:
            widget.setEnabled(not read_only)
        for panel in (self.metrics, self.tray, self.changes):
            panel.set_read_only(read_only)
        self._undo_state()

    def _people_now(self) -> frozenset[tuple[str, ...]]:
        if self.document is None:
            return frozenset()
        judged = self.document.judgements()
        return frozenset({(p.key, p.label, str(p.on_map)) for p in self.document.network.people()}
                         | {("rating", str(judged.support_level), str(judged.change_summary))})

    def _map_changed(self) -> None:
        """Other steps show the map's people, and the step's state follows the rating: tell
        the workspace when who is on it, or the researcher's rating, changed."""
        now = self._people_now()
        if now != self._people_seen:
            self._people_seen = now
            self.interview_changed.emit()

    # -- starting ------------------------------------------------------------------------------

    def start_map(self, centre_label: str, centre_role: str = "respondent") -> bool:
        if self.read_only:
            return False
        prompts = self.resources.map_prompts
        language = self.store.interview(self.interview_key).language
        settings = settings_in_language(map_settings(self.store), language, prompts)
        stored = self.reporter.attempt(StoredMap.start, self.store, self.interview_key,
                                       centre_label, centre_role, settings)
        if stored is None:
            return False
        self._open(stored)
        self.edited.emit()
        self.interview_changed.emit()
        return True

    def carry_forward(self) -> bool:
        if self.read_only:
            return False
        stored = self.reporter.attempt(StoredMap.carry_forward, self.store, self.interview_key)
        if stored is None:
            return False
        self._open(stored)
        self.edited.emit()
        self.interview_changed.emit()
        return True

    # -- the map ----------------------------------------------------------------------------

    def _open(self, stored: StoredMap) -> None:
        self.document = MapDocument(stored, self.reporter, self)
        self.scene = MapScene(self.document, self)
        self.view = MapView(self.scene)
        self.scene.label_view = self.view
        self.document.changed.connect(self.edited)
        self.document.changed.connect(self._map_changed)
        self._people_seen = self._people_now()
        self.scene.empty_clicked.connect(self.add_person_at)
        self.scene.person_activated.connect(self.edit_person)
        self.scene.person_action.connect(self._person_action)
        self.scene.selectionChanged.connect(self._map_selection_changed)
        editor = QWidget()
        box = QVBoxLayout(editor)
        box.setContentsMargins(0, 0, 0, 0)
        self.whose_map = QLabel()
        self.whose_map.setObjectName("whoseMap")
        self.whose_map.setWordWrap(True)
        self.whose_map.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        box.addWidget(self.whose_map)
        self.document.changed.connect(self._show_whose_map)
        self._show_whose_map()
        self.toolbar = self._toolbar()
        box.addWidget(self.toolbar)
        self._undo_state()
        self.note = QLabel()  # where a saved picture went
        self.note.setObjectName("mapNote")
        self.note.setWordWrap(True)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.note.hide()
        box.addWidget(self.note)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.view)
        split.addWidget(self._side_panels())
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        box.addWidget(split, 1)
        self.stack.addWidget(editor)
        self.stack.setCurrentWidget(editor)
        if self.read_only:
            self.set_read_only(True)

    def _side_panels(self) -> QScrollArea:
        assert self.document is not None
        side = QWidget()
        side_box = QVBoxLayout(side)
        self.people_list = PeopleList(self.document)
        self.people_list.person_chosen.connect(self._choose_on_map)
        self.people_list.tie_requested.connect(self.tie_from_keyboard)
        self.key = MapKey(self.document.network.settings, self.document.earlier is not None)
        self.metrics = MetricsPanel(self.document)
        self.tray = OffMapTray(self.document)
        self.changes = ChangesPanel(self.document)
        for panel in (self.people_list, self.metrics, self.tray, self.changes, self.key):
            side_box.addWidget(panel)
        side_box.addStretch(1)
        self.tray.keep_off_requested.connect(self.keep_selected_off)
        self.tray.name_off_requested.connect(self.name_someone_off)
        self.tray.put_back_requested.connect(self.put_back_on_map)
        scroll = QScrollArea()
        scroll.setWidget(side)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(260)
        # Long names wrap inside the panels; they never make the window wider.
        side.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        return scroll

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

    def _toolbar(self) -> MapToolbar:
        assert self.document is not None and self.scene is not None
        bar = MapToolbar(self.document.undo_stack, self.scene.new_tie_closeness, self)
        bar.undo_action.triggered.connect(self._undo)
        bar.redo_action.triggered.connect(self._redo)
        bar.tie_button.toggled.connect(self._tie_mode)
        bar.tie_kind.currentIndexChanged.connect(
            lambda _i: setattr(self.scene, "new_tie_closeness", bar.tie_kind.currentData()))
        bar.add_button.clicked.connect(self.add_person_from_keyboard)
        bar.edit_button.clicked.connect(self.edit_selected)
        bar.remove_button.clicked.connect(self.remove_selected)
        bar.family_button.clicked.connect(self.show_to_family)
        bar.picture_menu.addAction(self.tr("With names (not encrypted)…"),
                                   lambda: self.save_picture_as(use_codes=False))
        bar.picture_menu.addAction(self.tr("With pseudonym codes…"),
                                   lambda: self.save_picture_as(use_codes=True))
        # The toolbar's parts under the names the tests and the workspace know.
        self.undo_action, self.redo_action = bar.undo_action, bar.redo_action
        self.tie_button, self.tie_kind, self.family_button = bar.tie_button, bar.tie_kind, bar.family_button
        self._edit_widgets = bar.edit_widgets
        return bar

    def _undo_state(self) -> None:
        if self.document is not None:
            self.toolbar.show_undo_state(self.read_only)

    def _undo(self) -> None:
        if self.document is not None and not self.read_only:
            self.document.undo_stack.undo()

    def _redo(self) -> None:
        if self.document is not None and not self.read_only:
            self.document.undo_stack.redo()

    def _tie_mode(self, on: bool) -> None:
        if self.scene is not None:
            self.scene.tie_mode = on and not self.read_only

    def _choose_on_map(self, key: str) -> None:
        if self.scene is None:
            return
        for k, item in self.scene.people.items():
            item.setSelected(k == key)

    def _map_selection_changed(self) -> None:
        if self.document is not None:
            self.people_list.choose(self.selected_key())

    def _tell(self, message: str) -> None:
        self.note.setText(message)
        self.note.setToolTip(message)
        self.note.show()

    def show_to_family(self) -> None:
        """Show the map to the family, or take it away again (the button says which)."""
        if self.scene is None:
            return
        if self.family_window is not None:
            self.family_window.close()
            return
        self.family_window = FamilyModeWindow(self.scene)
        self.family_window.closed.connect(self._family_closed)
        self.family_window.show_on(self.screen(), QGuiApplication.screens())
        self.family_button.setText(self.tr("Hide from &family"))

    def _family_closed(self) -> None:
        self.family_window = None
        self.family_button.setText(self.tr("Show to &family"))
        if self.scene is not None and self.view is not None:
            self.scene.label_view = self.view
            self.view.fit()

    def save_picture_as(self, use_codes: bool = False) -> list[Path]:
        if self.document is None:
            return []
        return self.pictures.save_as(self.document.network, self.document.earlier, use_codes)

    def save_picture(self, path: Path, use_codes: bool = False) -> list[Path]:
        """Write ``path`` as PNG and PDF (both, side by side) and say where they went."""
        if self.document is None:
            return []
        return self.pictures.save(self.document.network, self.document.earlier, path, use_codes)
